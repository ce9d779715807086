/**
 * @file libsi/batch.h
 * @brief Trace levels and the batch API: one scheme prepared once, any number
 * of rows run through it without allocating per row.
 *
 * A batch binds a calculation ("scheme"), a ruleset, the input columns and a
 * trace level.  Each row is given as text cells in column order; the row is
 * parsed into typed values at the edge, the scheme's statutory steps run on
 * those typed values, and the outputs stay typed until read (as text, or as
 * int64 fen for money).  Rule values are resolved once per batch for each
 * (parameter, place, date, known_on, carry_forward) and reused by later rows.
 *
 * The outputs, flags and hash of a row are byte-identical to
 * libsi_calculate() on a case holding the same non-empty cells.
 *
 * Thread-safety: a batch is used by one thread at a time.  Rows may be split
 * across threads by giving each thread its own context and batch; all may
 * share one ruleset.  libsi_batch_run_table() does this for you.
 */
#ifndef LIBSI_BATCH_H
#define LIBSI_BATCH_H

#include "calc.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How much of the trace a calculation records. */
typedef enum libsi_trace_level {
    LIBSI_TRACE_NONE = 0, /**< outputs and flags only */
    LIBSI_TRACE_HASH = 1, /**< outputs, flags and the result hash */
    LIBSI_TRACE_FULL = 2  /**< everything: steps, rule values, roundings (libsi_calculate's level) */
} libsi_trace_level;

/**
 * libsi_calculate() with a trace level.  With ::LIBSI_TRACE_NONE the result
 * has no hash ("") and an empty trace; with ::LIBSI_TRACE_HASH it has the
 * hash and an empty trace; ::LIBSI_TRACE_FULL is libsi_calculate().
 * Outputs and flags do not depend on the level.
 * @return 0 or a negative code (see libsi_calculate()).
 * Ownership: free the result with libsi_result_free().
 * Thread-safety: as libsi_calculate().
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 6)
int libsi_calculate_traced(libsi_ctx *ctx, const libsi_ruleset *rs,
                           const char *scheme, const libsi_case *c,
                           libsi_trace_level level, libsi_result **out);

/** A prepared calculation that runs rows. */
typedef struct libsi_batch libsi_batch;

/**
 * Prepare `scheme` for rows whose cells come in the order of `columns`.
 * @param ctx       the caller's context: its allocator serves the batch; its
 *                  message names the column at fault
 * @param rs        the ruleset; must outlive the batch
 * @param scheme    calculation name (see libsi_schema_names())
 * @param columns   input names, `n_columns` of them, each an input of the
 *                  scheme's schema, none twice (copied)
 * @param level     trace level of every row
 * @param out       receives the batch
 * @return 0, LIBSI_ESCHEME, LIBSI_EINPUT (unknown or repeated column),
 * LIBSI_EINVAL or LIBSI_ENOMEM.
 * Ownership: free with libsi_batch_free().  The batch keeps `ctx` and uses
 * it for every row: use both from one thread.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 7)
int libsi_batch_new(libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                    const char *const *columns, size_t n_columns,
                    libsi_trace_level level, libsi_batch **out);

/** Free a batch (NULL accepted). */
LIBSI_API void libsi_batch_free(libsi_batch *b);

/**
 * Run one row.  `cells[i]` is the text of column i; NULL or "" means the
 * input is absent (its default applies).  The cells are read during the
 * call only.  After warm-up (the first rows that reach each rule value and
 * output size) a row allocates nothing.
 * @return 0, or the row's negative error code; the message (naming the
 * field) is libsi_ctx_message() of the batch's context.  A failed row leaves
 * the batch usable for the next row.
 */
LIBSI_API int libsi_batch_run(libsi_batch *b, const char *const *cells);

/**
 * Number of outputs of the scheme.  Output indices are the schema's order
 * (libsi_schema_field(scheme, LIBSI_FIELD_OUTPUT, i) describes output i); a row may leave
 * some unset.
 */
LIBSI_API size_t libsi_batch_output_count(const libsi_batch *b);

/** Name of output `i` (static), or NULL past the end. */
LIBSI_API const char *libsi_batch_output_name(const libsi_batch *b, size_t i);

/** Index of output `name`, or -1 when the scheme has no such output. */
LIBSI_API int libsi_batch_output_index(const libsi_batch *b, const char *name);

/**
 * Output `i` of the last successful row as its canonical string.
 * @param text receives the string, or NULL when the row did not set that
 *             output; valid until the next libsi_batch_run() or _free()
 * @return 0, LIBSI_EINVAL (index past the end or no successful row).
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(3)
int libsi_batch_output_text(libsi_batch *b, size_t i, const char **text);

/**
 * Output `i` of the last successful row, its canonical string (the text
 * libsi_batch_output_text() gives) written into the caller's buffer, with
 * no terminating NUL: for writers that put many rows' outputs into one
 * buffer of their own (si-batch formats its CSV this way).  Amounts, dates,
 * months and ages are written straight from their typed values, without
 * formatting in the batch first; ::LIBSI_DECIMAL_MAX bytes hold any of them
 * (a text output may be longer).
 * @param buf  receives the text (may be NULL when `size` is 0)
 * @param size bytes available at `buf`
 * @param len  receives the text's length in bytes: 0 when the row did not
 *             set that output; after LIBSI_ERANGE, the size needed
 * @return 0, LIBSI_EINVAL (NULL `len`, index past the end or no successful
 * row; `*len` is 0), LIBSI_ERANGE (the text is longer than `size`; `buf`
 * holds nothing useful).
 * Ownership: `buf` stays the caller's; nothing is allocated.
 * Thread-safety: as libsi_batch_run(): one thread at a time per batch.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(5)
int libsi_batch_output_write(libsi_batch *b, size_t i, char *buf, size_t size, size_t *len);

/**
 * Several outputs of the last successful row written one after another into
 * the caller's buffer, each preceded by `sep` (an output the row did not set
 * is just its `sep`): the cells of a delimited line in one call, as
 * libsi_batch_output_write() writes each, with no NUL.  Texts are written as
 * they are: for CSV, where some must be quoted, see
 * libsi_batch_outputs_write_csv().
 * @param outputs output indices, `n` of them, in the order to write
 * @param sep     the byte written before each output
 * @param buf     receives the bytes (may be NULL when `size` is 0)
 * @param size    bytes available at `buf`
 * @param len     receives the bytes written; after LIBSI_ERANGE, the size needed
 * @return 0, LIBSI_EINVAL (NULL `len`, NULL `outputs` with `n` > 0, an index
 * past the end or no successful row; `*len` is 0), LIBSI_ERANGE (the bytes
 * do not fit in `size`; `buf` holds nothing useful).
 * Ownership: `buf` and `outputs` stay the caller's; nothing is allocated.
 * Thread-safety: as libsi_batch_run(): one thread at a time per batch.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(7)
int libsi_batch_outputs_write(libsi_batch *b, const size_t *outputs, size_t n, char sep,
                              char *buf, size_t size, size_t *len);

/**
 * Several outputs of the last successful row as the cells of a CSV line
 * (RFC 4180), each preceded by a comma, in one call: as
 * libsi_batch_outputs_write() with `sep` ',', except that a text a CSV
 * reader would not give back unchanged (one holding a comma, quote, CR or
 * LF, or beginning or ending with a blank) is written between quotation
 * marks, each mark inside written twice.  Amounts, dates, months and ages
 * are never quoted.
 * si-batch writes its CSV lines this way.
 * @param outputs output indices, `n` of them, in the order to write
 * @param buf     receives the bytes (may be NULL when `size` is 0)
 * @param size    bytes available at `buf`
 * @param len     receives the bytes written; after LIBSI_ERANGE, the size needed
 * @return as libsi_batch_outputs_write().
 * Ownership: `buf` and `outputs` stay the caller's; nothing is allocated.
 * Thread-safety: as libsi_batch_run(): one thread at a time per batch.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(6)
int libsi_batch_outputs_write_csv(libsi_batch *b, const size_t *outputs, size_t n, char *buf,
                                  size_t size, size_t *len);

/**
 * Output `i` of the last successful row, an amount in yuan, as int64 fen,
 * exactly and without formatting.
 * @return 0, LIBSI_EINVAL (no such or unset output), LIBSI_ERANGE (not a
 * whole number of fen, or out of int64 range).
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(3)
int libsi_batch_output_fen(libsi_batch *b, size_t i, int64_t *fen);

/** Flags (::libsi_flag) of the last successful row. */
LIBSI_API unsigned libsi_batch_flags(const libsi_batch *b);

/**
 * Result hash of the last successful row (hex), or "" below ::LIBSI_TRACE_HASH.
 * Valid until the next libsi_batch_run().
 */
LIBSI_API const char *libsi_batch_hash(const libsi_batch *b);

/**
 * The last successful row as canonical JSON, exactly as libsi_result_json()
 * gives it for the same case and level (newline-terminated).
 * @param json receives the text, owned by the batch and valid until the next
 *             libsi_batch_run() or _free()
 * @param len  receives its length in bytes (may be NULL)
 * @return 0, LIBSI_EINVAL or LIBSI_ENOMEM.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(2)
int libsi_batch_json(libsi_batch *b, const char **json, size_t *len);

/**
 * The last successful row's explanation (text, as libsi_result_explain()).
 * Needs ::LIBSI_TRACE_FULL for the steps.  Owned by the batch, valid until the
 * next libsi_batch_run() or _free().
 * @return 0, LIBSI_EINVAL or LIBSI_ENOMEM.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(2)
int libsi_batch_explain(libsi_batch *b, const char **text);

/* ------------------------------------------------------------- tables */

/** Results of many rows, computed over one or more threads. */
typedef struct libsi_table libsi_table;

/**
 * Options of libsi_batch_run_table().  Extensible (docs/api.md): initialise
 * with ::LIBSI_TABLE_OPTIONS_INIT or libsi_table_options_init(), so a newer
 * library never reads past what the caller allocated.
 */
typedef struct libsi_table_options {
    size_t size;                 /**< sizeof(libsi_table_options) */
    unsigned threads;            /**< worker threads; 0 or 1 = the calling thread */
    libsi_trace_level level;     /**< NONE (default) or HASH; FULL is refused */
    const char *const *outputs;  /**< names of outputs to keep, or NULL for all */
    size_t n_outputs;            /**< length of `outputs` */
} libsi_table_options;

/** Initialiser for ::libsi_table_options. */
#define LIBSI_TABLE_OPTIONS_INIT {sizeof(libsi_table_options), 1, LIBSI_TRACE_NONE, NULL, 0}

/**
 * Initialise `size` bytes of `opt` (pass sizeof *opt) to
 * ::LIBSI_TABLE_OPTIONS_INIT.  @return 0 or LIBSI_EINVAL.  Thread-safe.
 */
LIBSI_API int libsi_table_options_init(libsi_table_options *opt, size_t size);

/**
 * Run `n_rows` rows of `scheme`: `cells` holds n_rows × n_columns pointers,
 * row-major (row r, column i at cells[r * n_columns + i]); NULL or "" is
 * absent.  Rows are split into contiguous ranges, one per thread, each with
 * its own context and batch; results do not depend on the thread count.
 * A bad row fails alone (see libsi_table_error()); every other row is kept.
 * @return 0 (even when some rows failed), or a negative code when nothing
 * could be run (unknown scheme or column, bad options, out of memory).
 * Ownership: free the table with libsi_table_free().  The cells are read
 * during the call only.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 9)
int libsi_batch_run_table(libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                          const char *const *columns, size_t n_columns,
                          const char *const *cells, size_t n_rows,
                          const libsi_table_options *opt, libsi_table **out);

/** Free a table (NULL accepted). */
LIBSI_API void libsi_table_free(libsi_table *t);

/** Number of rows (computed or failed). */
LIBSI_API size_t libsi_table_rows(const libsi_table *t);

/** Number of kept outputs. */
LIBSI_API size_t libsi_table_output_count(const libsi_table *t);

/** Name of kept output `col` (static), or NULL past the end. */
LIBSI_API const char *libsi_table_output_name(const libsi_table *t, size_t col);

/**
 * Output `col` of row `row` as its canonical string, or NULL when the row
 * failed or did not set it.  Owned by the table.
 */
LIBSI_API const char *libsi_table_text(const libsi_table *t, size_t row, size_t col);

/**
 * A whole output column as one buffer: the values of every row in row order,
 * each followed by '\n' (an empty line for a failed row, an unset value or
 * an empty text: libsi_table_text() tells them apart).  Output values never
 * contain a newline (canonical texts; JSON outputs carry no white space).
 * The buffer is made on the first call and cached in the table: calls on one
 * table from several threads need the caller's lock.
 * @param text receives the buffer (owned by the table; not NUL-terminated)
 * @param len  receives its length in bytes
 * @return 0, LIBSI_EINVAL or LIBSI_ENOMEM.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(3, 4)
int libsi_table_column(libsi_table *t, size_t col, const char **text, size_t *len);

/**
 * A whole money column as int64 fen into `fen[0 .. rows-1]`; `ok[r]` (may be
 * NULL) is set to 1 where row r has a value in whole fen, else 0 and fen[r] = 0.
 * (The table keeps outputs as text; this parses them back, exactly.  For fen
 * without any formatting use a batch: libsi_batch_output_fen().)
 * @return 0, or LIBSI_EINVAL (no such column).
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT
int libsi_table_column_fen(const libsi_table *t, size_t col, int64_t *fen,
                           unsigned char *ok);

/** Flags of row `row` (0 for a failed row). */
LIBSI_API unsigned libsi_table_flags(const libsi_table *t, size_t row);

/** Hash of row `row` ("" below ::LIBSI_TRACE_HASH or for a failed row). */
LIBSI_API const char *libsi_table_hash(const libsi_table *t, size_t row);

/** Number of failed rows. */
LIBSI_API size_t libsi_table_error_count(const libsi_table *t);

/**
 * Failed row number `k` (0 ≤ k < error count, in row order).
 * @param row     receives the 0-based row index
 * @param code    receives the negative error code
 * @param message receives the message, which names the field as
 *                libsi_ctx_message() does (owned by the table)
 * @return 0 or LIBSI_EINVAL.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT
int libsi_table_error(const libsi_table *t, size_t k, size_t *row, int *code,
                      const char **message);

#ifdef __cplusplus
}
#endif

#endif /* LIBSI_BATCH_H */

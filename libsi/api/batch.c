/*
 * Batches (include/libsi/batch.h): one scheme prepared once, rows run
 * through its kernel.  Everything a row needs — typed input and output
 * slots, the scratch arena, the trace, the rule resolution cache, the
 * formatting and document buffers — belongs to the batch and is reused, so
 * a row allocates nothing once the batch has seen its largest row.
 */
#include <stdio.h>
#include <string.h>

#include "compiled.h"
#include "digits.h"
#include "result.h"

#define CELL_MAX (LIBSI_DECIMAL_MAX + 1)

struct libsi_batch {
    libsi_ctx *ctx;
    const libsi_ruleset *rs;
    const lsi_scheme *scheme;
    libsi_trace_level level;
    size_t n_columns;
    int16_t *column_field;        /* the input slot of each column */
    bool required_elsewhere;      /* a required input is no column: every row lacks it */
    lsi_in *defaults, *in;
    lsi_out *out;
    const char **values;          /* formatted outputs of the row (hash, JSON) */
    char *format_buf;             /* CELL_MAX bytes per output */
    lsi_arena arena;              /* the row's scratch, reset each row */
    lsi_trace trace;
    lsi_rule_cache rules;
    lsi_name_cache in_names, out_names;
    lsi_place_memo city;
    lsi_sb doc;                   /* hash document, JSON, explanation */
    uint8_t in_order[LSI_MAX_FIELDS], out_order[LSI_MAX_FIELDS];
    void *compiled;               /* the scheme's compiled path's state; NULL: none */
    char (*kept)[LSI_COMPILED_CELL]; /* the cells of a compiled row, for its documents */
    lsi_calc compiled_k;          /* the calculation a compiled row is given */
    unsigned flags;
    bool have_row, formatted;
    bool row_compiled;            /* the last row took the compiled path */
    bool no_documents;            /* the caller never asks for a row's documents
                                   * (lsi_batch_without_documents): no cell is kept */
    bool in_dirty;                /* `in` holds more than the last row's cells (canonical
                                   * texts): the next row restores every slot */
    char hash[65];
};

/* ------------------------------------------------------------ prepare */

static int column_slots(libsi_batch *b, const char *const *columns)
{
    const lsi_scheme *s = b->scheme;
    if (b->n_columns > LSI_MAX_FIELDS) /* a row's texts are kept per column on the stack */
        return lsi_fail(b->ctx, LIBSI_EINPUT, "columns", "%zu columns: '%s' has at most %d inputs",
                        b->n_columns, s->name, LSI_MAX_FIELDS);
    for (size_t c = 0; c < b->n_columns; c++) {
        int slot = -1;
        for (size_t i = 0; columns[c] && i < s->n_inputs; i++)
            if (strcmp(s->inputs[i].name, columns[c]) == 0)
                slot = (int)i;
        for (size_t d = 0; slot >= 0 && d < c; d++)
            if (b->column_field[d] == slot)
                return lsi_fail(b->ctx, LIBSI_EINPUT, columns[c], "column '%s' is given twice",
                                columns[c]);
        if (slot < 0)
            return lsi_fail(b->ctx, LIBSI_EINPUT, columns[c] ? columns[c] : "columns",
                            "column '%.64s': not an input of '%s' (see libsi_schema_json)",
                            columns[c] ? columns[c] : "(null)", s->name);
        b->column_field[c] = (int16_t)slot;
    }
    size_t required = 0, required_columns = 0; /* columns are distinct inputs */
    for (size_t i = 0; i < s->n_inputs; i++)
        required += s->inputs[i].required;
    for (size_t c = 0; c < b->n_columns; c++)
        required_columns += s->inputs[b->column_field[c]].required;
    b->required_elsewhere = required_columns < required;
    return 0;
}

/* The batch's own slots live in `keep`, apart from the row arena that every
 * row resets. */
static int slots(libsi_batch *b, lsi_arena *keep)
{
    const lsi_scheme *s = b->scheme;
    b->column_field = lsi_arena_alloc(keep, (b->n_columns + 1) * sizeof *b->column_field);
    b->defaults = lsi_arena_alloc(keep, (s->n_inputs + 1) * sizeof *b->defaults);
    b->in = lsi_arena_alloc(keep, (s->n_inputs + 1) * sizeof *b->in);
    b->out = lsi_arena_alloc(keep, (s->n_outputs + 1) * sizeof *b->out);
    b->values = lsi_arena_alloc(keep, (s->n_outputs + 1) * sizeof *b->values);
    b->format_buf = lsi_arena_alloc(keep, (s->n_outputs + 1) * CELL_MAX);
    if (!b->column_field || !b->defaults || !b->in || !b->out || !b->values || !b->format_buf)
        return lsi_fail(b->ctx, LIBSI_ENOMEM, "batch", "out of memory");
    lsi_in_defaults(s, b->defaults);
    lsi_scheme_order(s, b->in_order, b->out_order);
    return 0;
}

/* The scheme's compiled path (compiled.h), at trace level none only: its
 * state, the copies of a row's cells and the calculation it is given. */
static int compiled_path(libsi_batch *b, lsi_arena *keep)
{
    const lsi_compiled *c = b->scheme->compiled;
    if (!c || b->level != LIBSI_TRACE_NONE)
        return 0;
    void *state = lsi_arena_alloc(keep, c->state_size);
    b->kept = lsi_arena_alloc(keep, (b->n_columns + 1) * sizeof *b->kept);
    if (!state || !b->kept)
        return lsi_fail(b->ctx, LIBSI_ENOMEM, "batch", "out of memory");
    memset(state, 0, c->state_size);
    b->compiled = c->prepare(state, b->scheme, b->column_field, b->n_columns) ? state : NULL;
    b->compiled_k = (lsi_calc){.ctx = b->ctx, .rs = b->rs, .scheme = b->scheme, .out = b->out,
                               .arena = &b->arena, .rules = &b->rules, .in_names = &b->in_names,
                               .out_names = &b->out_names, .city = &b->city};
    return 0;
}

/* The batch and its fixed slots in one allocation's arena. */
typedef struct batch_block {
    libsi_batch b;
    lsi_arena keep;
} batch_block;

static int batch_new_impl(libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                          const char *const *columns, size_t n_columns, libsi_trace_level level,
                          libsi_batch **out)
{
    if (!ctx || !rs || !scheme || !out || (!columns && n_columns) || !lsi_trace_level_known(level))
        return lsi_fail(ctx, LIBSI_EINVAL, "batch", "NULL argument or unknown trace level");
    *out = NULL;
    lsi_clear_error(ctx);
    const lsi_scheme *s;
    int rc = lsi_scheme_get(ctx, scheme, &s);
    if (rc != 0)
        return rc;
    batch_block *blk = lsi_malloc(&ctx->alloc, sizeof *blk);
    if (!blk)
        return lsi_fail(ctx, LIBSI_ENOMEM, "batch", "out of memory");
    memset(blk, 0, sizeof *blk);
    libsi_batch *b = &blk->b;
    *b = (libsi_batch){.ctx = ctx, .rs = rs, .scheme = s, .level = level, .n_columns = n_columns,
                       .in_dirty = true};
    b->rules.gen = 1;
    lsi_arena_init(&b->arena, &ctx->alloc);
    lsi_arena_init(&blk->keep, &ctx->alloc);
    lsi_sb_init(&b->doc, &b->ctx->alloc);
    rc = slots(b, &blk->keep);
    if (rc == 0) rc = column_slots(b, columns);
    if (rc == 0) rc = compiled_path(b, &blk->keep);
    if (rc != 0) {
        libsi_batch_free(b);
        return rc;
    }
    *out = b;
    return 0;
}

int libsi_batch_new(libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                    const char *const *columns, size_t n_columns, libsi_trace_level level,
                    libsi_batch **out)
{
    LSI_API_RETURN_OUT(ctx, out, batch_new_impl(ctx, rs, scheme, columns, n_columns, level, out));
}

void libsi_batch_free(libsi_batch *b)
{
    if (!b)
        return;
    batch_block *blk = (batch_block *)b;
    libsi_allocator a = b->ctx->alloc;
    lsi_sb_dispose(&b->doc);
    lsi_arena_release(&b->arena);
    lsi_arena_release(&blk->keep);
    lsi_free(&a, blk);
}

/* --------------------------------------------------------------- rows */

/* Above trace none, the given texts of the row's cells in one block of the
 * row's arena (the caller's cells live only during the call; the hash, the
 * trace and the documents asked for after the row show them): one
 * allocation a row instead of one a cell.  Empty and missing cells stay
 * NULL.  (At trace none: keep_text.) */
static int row_texts(libsi_batch *b, const char *const *cells, const char **texts)
{
    size_t len[LSI_MAX_FIELDS], total = 0;
    for (size_t c = 0; c < b->n_columns; c++) {
        len[c] = cells[c] && *cells[c] ? strlen(cells[c]) + 1 : 0;
        total += len[c];
    }
    char *p = total ? lsi_arena_alloc(&b->arena, total) : NULL;
    if (total && !p)
        return lsi_fail(b->ctx, LIBSI_ENOMEM, "cells", "out of memory");
    for (size_t c = 0; c < b->n_columns; c++) {
        texts[c] = len[c] ? memcpy(p, cells[c], len[c]) : NULL;
        p += len[c];
    }
    return 0;
}

/* At trace none a slot reads the caller's cell while its row runs; after
 * the row only the documents read the texts (canonical_row), so a slot
 * keeps a copy only of a text its value cannot give back
 * (lsi_in_given_canonical): the city as written, a list, "007.50". */
static int keep_text(libsi_batch *b, const libsi_field *f, lsi_in *in)
{
    in->borrowed = lsi_in_given_canonical(f, in);
    if (in->borrowed)
        return 0;
    const char *copy = lsi_arena_strdup(&b->arena, in->text);
    if (!copy)
        return lsi_fail(b->ctx, LIBSI_ENOMEM, "cells", "out of memory");
    in->text = copy;
    return 0;
}

/* The row's cells into typed slots, in column order. */
static int row_inputs(libsi_batch *b, const char *const *cells)
{
    const lsi_scheme *s = b->scheme;
    const char *texts[LSI_MAX_FIELDS], *const *given = cells; /* trace none: see keep_text */
    bool all = b->in_dirty || b->level != LIBSI_TRACE_NONE;
    if (all) {
        memcpy(b->in, b->defaults, s->n_inputs * sizeof *b->in);
        b->in_dirty = false;
    }
    int rc = 0;
    if (b->level != LIBSI_TRACE_NONE) {
        rc = row_texts(b, cells, texts);
        given = texts;
    }
    bool missing = b->required_elsewhere;
    for (size_t c = 0; rc == 0 && c < b->n_columns; c++) {
        lsi_in *in = &b->in[b->column_field[c]];
        const libsi_field *f = &s->inputs[b->column_field[c]];
        const char *text = given[c] && *given[c] ? given[c] : NULL; /* "" is absent */
        if (!text && !all) /* at trace none a row changes only its columns' slots */
            *in = b->defaults[b->column_field[c]];
        missing |= !text && f->required;
        if (!text)
            continue;
        in->raw = NULL; /* a given cell's slot: lsi_in_parse sets text, typed and value */
        const char *why = lsi_in_parse(f, text, in);
        if (why)
            return lsi_in_type_error(b->ctx, f, cells[c], why);
        in->given = true;
        if (b->level == LIBSI_TRACE_NONE)
            rc = keep_text(b, f, in);
    }
    if (rc == 0 && missing) /* the error naming the first missing, in schema order */
        return lsi_in_required(b->ctx, s, b->in);
    return rc;
}

static lsi_view row_view(libsi_batch *b)
{
    return (lsi_view){b->scheme, b->in, b->values, b->trace.steps, b->flags,
                      b->rs->digest, b->hash, b->in_order, b->out_order, NULL, 0};
}

static void format_row(libsi_batch *b)
{
    for (size_t i = 0; !b->formatted && i < b->scheme->n_outputs; i++)
        b->values[i] = lsi_out_format(&b->out[i], b->format_buf + i * CELL_MAX);
    b->formatted = true;
}

static int seal_row(libsi_batch *b)
{
    b->hash[0] = '\0';
    if (b->level == LIBSI_TRACE_NONE)
        return 0;
    format_row(b);
    lsi_view v = row_view(b);
    lsi_sb_reset(&b->doc);
    return lsi_view_hash(&b->doc, &v, b->hash)
               ? 0
               : lsi_fail(b->ctx, LIBSI_ENOMEM, "result", "out of memory");
}

static int row_compute(libsi_batch *b)
{
    const lsi_scheme *s = b->scheme;
    memset(b->out, 0, s->n_outputs * sizeof *b->out);
    lsi_trace_init(&b->trace, &b->arena);
    lsi_calc k = {.ctx = b->ctx, .rs = b->rs, .scheme = s, .in = b->in, .out = b->out,
                  .arena = &b->arena, .rules = &b->rules, .in_names = &b->in_names,
                  .out_names = &b->out_names, .city = &b->city,
                  .trace = b->level == LIBSI_TRACE_FULL ? &b->trace : NULL,
                  .lazy_canonical = b->level == LIBSI_TRACE_NONE,
                  .raw_clear = b->level == LIBSI_TRACE_NONE}; /* (row_inputs) */
    int rc = lsi_calc_run(&k);
    b->flags = k.flags;
    b->formatted = false;
    return rc ? rc : seal_row(b);
}

/* A copy of each cell (for the row's documents), or false when one is too
 * long for the compiled path. */
static bool keep_cells(libsi_batch *b, const char *const *cells)
{
    for (size_t c = 0; c < b->n_columns; c++) {
        const char *cell = cells[c] ? cells[c] : "";
        size_t n = strnlen(cell, LSI_COMPILED_CELL);
        if (n == LSI_COMPILED_CELL)
            return false;
        memcpy(b->kept[c], cell, n + 1);
    }
    return true;
}

/* The row through the scheme's compiled path: true when it took it. */
static bool compiled_row(libsi_batch *b, const char *const *cells)
{
    if (!b->compiled || (!b->no_documents && !keep_cells(b, cells)))
        return false;
    lsi_calc *k = &b->compiled_k;
    k->flags = 0;
    k->place = NULL;
    if (b->scheme->compiled->row(b->compiled, k, cells) != LSI_COMPILED_DONE)
        return false;
    b->flags = k->flags;
    b->formatted = false;
    b->hash[0] = '\0';
    return true;
}

/* The row through the general kernel. */
static int general_row(libsi_batch *b, const char *const *cells)
{
    lsi_arena_reset(&b->arena);
    int rc = row_inputs(b, cells);
    return rc ? rc : row_compute(b);
}

static int batch_run_impl(libsi_batch *b, const char *const *cells)
{
    if (!b || (!cells && b->n_columns))
        return lsi_fail(b ? b->ctx : NULL, LIBSI_EINVAL, "cells", "NULL argument");
    b->have_row = false; /* (the error was cleared by lsi_api_enter) */
    b->row_compiled = compiled_row(b, cells);
    int rc = b->row_compiled ? 0 : general_row(b, cells);
    b->have_row = rc == 0;
    return rc;
}

int libsi_batch_run(libsi_batch *b, const char *const *cells)
{
    libsi_ctx *ctx = b ? b->ctx : NULL;
    lsi_api_enter(ctx);
    return lsi_api_leave(ctx, batch_run_impl(b, cells));
}

/* ------------------------------------------------------------ outputs */

size_t libsi_batch_output_count(const libsi_batch *b)
{
    return b ? b->scheme->n_outputs : 0;
}

const char *libsi_batch_output_name(const libsi_batch *b, size_t i)
{
    return b && i < b->scheme->n_outputs ? b->scheme->outputs[i].name : NULL;
}

int libsi_batch_output_index(const libsi_batch *b, const char *name)
{
    for (size_t i = 0; b && name && i < b->scheme->n_outputs; i++)
        if (strcmp(b->scheme->outputs[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int no_row(libsi_batch *b)
{
    if (!b)
        return LIBSI_EINVAL;
    return b->have_row ? 0 : lsi_fail(b->ctx, LIBSI_EINVAL, "batch", "no successful row to read");
}

static int no_output(libsi_batch *b, size_t i)
{
    int rc = no_row(b);
    if (rc == 0 && i >= b->scheme->n_outputs)
        rc = lsi_fail(b->ctx, LIBSI_EINVAL, "output", "output %zu past the end", i);
    return rc;
}

static int batch_output_text_impl(libsi_batch *b, size_t i, const char **text)
{
    int rc = text ? no_output(b, i) : LIBSI_EINVAL;
    if (rc != 0)
        return rc;
    *text = b->formatted ? b->values[i] : lsi_out_format(&b->out[i], b->format_buf + i * CELL_MAX);
    return 0;
}

int libsi_batch_output_text(libsi_batch *b, size_t i, const char **text)
{
    libsi_ctx *ctx = b ? b->ctx : NULL;
    LSI_API_RETURN_OUT(ctx, text, batch_output_text_impl(b, i, text));
}

/* ---------------------------------------- outputs into a caller's buffer */

/* Writers for libsi_batch_output_write(): the text lsi_out_format() gives,
 * written right to left straight into the caller's buffer once its length
 * is known, the digits two at a time.  Values outside the fast paths (a
 * coefficient beyond 64 bits, a month or age out of the usual range) go
 * through lsi_out_format() itself, so the text is the same by construction. */

/* "YYYY-MM" (lsi_month_format) for years 0 to 9999, else 0. */
static size_t month_write(int month, char *buf, size_t size)
{
    if (month < 0 || month >= 12 * 10000)
        return 0;
    if (size >= 7) {
        unsigned y = (unsigned)month / 12, m = (unsigned)month % 12 + 1;
        memcpy(buf, lsi_digit_pairs + 2 * (y / 100), 2);
        memcpy(buf + 2, lsi_digit_pairs + 2 * (y % 100), 2);
        buf[4] = '-';
        memcpy(buf + 5, lsi_digit_pairs + 2 * m, 2);
    }
    return 7;
}

/* "60y8m" (lsi_format_age) for ages 0 to 999 years, else 0. */
static size_t age_write(int months, char *buf, size_t size)
{
    if (months < 0 || months >= 12 * 1000)
        return 0;
    unsigned y = (unsigned)months / 12, m = (unsigned)months % 12;
    size_t n = lsi_u64_digits(y) + lsi_u64_digits(m) + 2;
    if (size >= n) {
        char *end = buf + n;
        *--end = 'm';
        end = lsi_digits_before(end, m);
        *--end = 'y';
        lsi_digits_before(end, y);
    }
    return n;
}

/* Any output through lsi_out_format() (the general path). */
static size_t general_write(const lsi_out *o, char *buf, size_t size)
{
    char tmp[CELL_MAX];
    const char *text = lsi_out_format(o, tmp);
    size_t n = text ? strlen(text) : 0;
    if (n <= size && n)
        memcpy(buf, text, n);
    return n;
}

/* Writes the text when it fits in `size`; returns its length either way.
 * As a CSV cell (`csv`) only a text may need quotes: amounts, months and
 * ages never hold a comma, quote, line break or blank.  Inline: the loop of
 * libsi_batch_outputs_write() runs it for every output of every row, `csv`
 * a constant at each call. */
static inline size_t output_write(const lsi_out *o, char *buf, size_t size, bool csv)
{
    size_t n = 0;
    uint64_t mag = 0;
    switch (o->kind) {
    case LSI_OUT_DEC:
        n = lsi_dec_text_len(&o->dec, &mag);
        if (n && n <= size)
            lsi_dec_write(&o->dec, mag, buf + n);
        break;
    case LSI_OUT_MONTH:
        n = month_write(o->month, buf, size);
        break;
    case LSI_OUT_AGE:
        n = age_write(o->month, buf, size);
        break;
    case LSI_OUT_UNSET:
        return 0;
    case LSI_OUT_TEXT:
        if (csv)
            return lsi_csv_cell_write(o->text, buf, size);
        break;
    default:
        break;
    }
    return n ? n : general_write(o, buf, size);
}

/* Output i of the current row appended to `sb` with a NUL after it, as
 * libsi_batch_output_text() gives it but written in place (the columns of
 * libsi_batch_run_table()).  Returns false when the row did not set the
 * output (nothing appended); an allocation failure marks `sb` failed. */
bool lsi_batch_output_append(libsi_batch *b, size_t i, lsi_sb *sb)
{
    const lsi_out *o = &b->out[i];
    if (o->kind == LSI_OUT_UNSET || (o->kind == LSI_OUT_TEXT && !o->text))
        return false;
    if (!lsi_sb_reserve(sb, CELL_MAX))
        return true;
    size_t room = sb->cap - sb->len - 1, n = output_write(o, sb->buf + sb->len, room, false);
    if (n > room) { /* a text output longer than a cell */
        if (!lsi_sb_reserve(sb, n))
            return true;
        output_write(o, sb->buf + sb->len, n, false);
    }
    sb->len += n;
    sb->buf[sb->len++] = '\0';
    return true;
}

static int batch_output_write_impl(libsi_batch *b, size_t i, char *buf, size_t size,
                                   size_t *len)
{
    if (!len || (!buf && size))
        return lsi_fail(b ? b->ctx : NULL, LIBSI_EINVAL, "output", "NULL argument");
    *len = 0;
    int rc = no_output(b, i);
    if (rc != 0)
        return rc;
    *len = output_write(&b->out[i], buf, size, false);
    if (*len > size)
        return lsi_fail(b->ctx, LIBSI_ERANGE, b->scheme->outputs[i].name,
                        "output '%s' needs %zu bytes, the buffer holds %zu",
                        b->scheme->outputs[i].name, *len, size);
    return 0;
}

int libsi_batch_output_write(libsi_batch *b, size_t i, char *buf, size_t size, size_t *len)
{
    libsi_ctx *ctx = b ? b->ctx : NULL;
    lsi_api_enter(ctx);
    return lsi_api_leave(ctx, batch_output_write_impl(b, i, buf, size, len));
}

/* Each output preceded by `sep`; bytes past `size` are only counted, so a
 * buffer too small still learns the size it needs.  The outputs and the
 * count are read into locals: a byte written through `buf` could otherwise
 * be any of them, and the loop would read them again after each one. */
static inline int batch_outputs_write_impl(libsi_batch *b, const size_t *outputs, size_t n,
                                           char sep, bool csv, char *buf, size_t size,
                                           size_t *len)
{
    if (!len || (!outputs && n) || (!buf && size))
        return lsi_fail(b ? b->ctx : NULL, LIBSI_EINVAL, "output", "NULL argument");
    *len = 0;
    int rc = no_row(b);
    if (rc != 0)
        return rc;
    const lsi_out *out = b->out;
    const size_t n_out = b->scheme->n_outputs;
    size_t used = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = outputs[k];
        if (i >= n_out)
            return lsi_fail(b->ctx, LIBSI_EINVAL, "output", "output %zu past the end", i);
        if (used < size)
            buf[used] = sep;
        used++;
        size_t room = used < size ? size - used : 0;
        used += output_write(&out[i], room ? buf + used : NULL, room, csv);
    }
    *len = used;
    if (used > size)
        return lsi_fail(b->ctx, LIBSI_ERANGE, "output",
                        "outputs need %zu bytes, the buffer holds %zu", used, size);
    return 0;
}

int libsi_batch_outputs_write(libsi_batch *b, const size_t *outputs, size_t n, char sep,
                              char *buf, size_t size, size_t *len)
{
    libsi_ctx *ctx = b ? b->ctx : NULL;
    lsi_api_enter(ctx);
    return lsi_api_leave(ctx, batch_outputs_write_impl(b, outputs, n, sep, false, buf, size, len));
}

int libsi_batch_outputs_write_csv(libsi_batch *b, const size_t *outputs, size_t n, char *buf,
                                  size_t size, size_t *len)
{
    libsi_ctx *ctx = b ? b->ctx : NULL;
    lsi_api_enter(ctx);
    return lsi_api_leave(ctx, batch_outputs_write_impl(b, outputs, n, ',', true, buf, size, len));
}

static int batch_output_fen_impl(libsi_batch *b, size_t i, int64_t *fen)
{
    int rc = fen ? no_output(b, i) : LIBSI_EINVAL;
    if (rc != 0)
        return rc;
    const lsi_out *o = &b->out[i];
    bool whole = false;
    if (o->kind != LSI_OUT_DEC)
        return lsi_fail(b->ctx, LIBSI_EINVAL, b->scheme->outputs[i].name,
                        "output '%s' is not an amount in this row", b->scheme->outputs[i].name);
    if (lsi_dec_to_fen(o->dec, fen, &whole) != 0)
        return lsi_fail(b->ctx, LIBSI_ERANGE, b->scheme->outputs[i].name,
                        "output '%s' is not a whole number of fen or does not fit in 64 bits",
                        b->scheme->outputs[i].name);
    return 0;
}

int libsi_batch_output_fen(libsi_batch *b, size_t i, int64_t *fen)
{
    /* The usual read first, an amount at scale 2 of a row that succeeded: its
     * coefficient counts fen (a caller reads a dozen a row; the general
     * routine below gives the same for it). */
    const lsi_out *o = b && fen && b->have_row && i < b->scheme->n_outputs ? &b->out[i] : NULL;
    if (o && o->kind == LSI_OUT_DEC && o->dec.scale == 2 && lsi_dec_fits64(o->dec.coef)) {
        lsi_clear_error(b->ctx);
        *fen = (int64_t)o->dec.coef;
        return 0;
    }
    libsi_ctx *ctx = b ? b->ctx : NULL;
    lsi_api_enter(ctx);
    return lsi_api_leave(ctx, batch_output_fen_impl(b, i, fen));
}

bool lsi_batch_row_compiled(const libsi_batch *b)
{
    return b->row_compiled;
}

void lsi_batch_without_documents(libsi_batch *b)
{
    b->no_documents = true;
}

unsigned libsi_batch_flags(const libsi_batch *b)
{
    return b && b->have_row ? b->flags : 0;
}

const char *libsi_batch_hash(const libsi_batch *b)
{
    return b && b->have_row ? b->hash : "";
}

/* A row at trace level none left its inputs as given; the documents show
 * them canonical, like every other level.  A compiled row filled no input
 * slot: the kernel runs it again from its kept cells (the same outputs and
 * flags, tests/test_compiled.c), once. */
static int canonical_row(libsi_batch *b)
{
    if (b->row_compiled && b->no_documents)
        return lsi_fail(b->ctx, LIBSI_EINVAL, "batch", "this batch keeps no documents");
    if (b->row_compiled) {
        const char *cells[LSI_MAX_FIELDS];
        for (size_t c = 0; c < b->n_columns; c++)
            cells[c] = b->kept[c];
        b->row_compiled = false;
        int rc = general_row(b, cells);
        b->have_row = rc == 0;
        if (rc != 0)
            return rc;
    }
    lsi_calc k = {.ctx = b->ctx, .rs = b->rs, .scheme = b->scheme, .in = b->in, .out = b->out,
                  .arena = &b->arena, .city = &b->city};
    if (b->level != LIBSI_TRACE_NONE)
        return 0;
    b->in_dirty = true; /* canonical texts in slots that are not columns too */
    return lsi_calc_canonicalise(&k);
}

/* JSON or explanation of the last row into the batch's document buffer. */
static int document(libsi_batch *b, bool json, const char **text, size_t *len)
{
    int rc = text ? no_row(b) : LIBSI_EINVAL;
    if (rc == 0)
        rc = canonical_row(b);
    if (rc != 0)
        return rc;
    format_row(b);
    lsi_view v = row_view(b);
    lsi_sb_reset(&b->doc);
    if (json)
        lsi_view_json(&b->doc, &v, b->scheme->name);
    else
        lsi_view_explain(&b->doc, &v);
    if (b->doc.failed || !b->doc.buf)
        return lsi_fail(b->ctx, LIBSI_ENOMEM, json ? "json" : "text", "out of memory");
    *text = b->doc.buf;
    if (len)
        *len = b->doc.len;
    return 0;
}

static int batch_json_impl(libsi_batch *b, const char **json, size_t *len)
{
    return document(b, true, json, len);
}

int libsi_batch_json(libsi_batch *b, const char **json, size_t *len)
{
    libsi_ctx *ctx = b ? b->ctx : NULL;
    LSI_API_RETURN_OUT(ctx, json, batch_json_impl(b, json, len));
}

static int batch_explain_impl(libsi_batch *b, const char **text)
{
    return document(b, false, text, NULL);
}

int libsi_batch_explain(libsi_batch *b, const char **text)
{
    libsi_ctx *ctx = b ? b->ctx : NULL;
    LSI_API_RETURN_OUT(ctx, text, batch_explain_impl(b, text));
}

/* CSV input of si-batch, in two parts that run on different threads.
 *
 * The reader (one thread) only finds where rows end: csv_scan_row_end()
 * walks the bytes once, keeping the quote parity (RFC 4180: a line break
 * inside quotes is not a row end) and whether the row has begun (blank lines
 * are not rows), which is all it needs to cut the input into blocks of whole
 * rows and number them.
 *
 * The workers split their own block's rows into cells (csv_rows_next()):
 * a row without a quote or NUL byte is split in place — cells are cut at the
 * commas, blanks around them trimmed, a NUL written after each, no copy; a
 * row with a quote (or a NUL) goes to libcsv, so every quoting rule, and
 * every strict error, is libcsv's.  Both give the cells libcsv gives
 * (CSV_STRICT | CSV_STRICT_FINI, blanks around unquoted cells trimmed, blank
 * lines skipped, CR, LF and CRLF line ends), so the split does not change a
 * byte of the output.
 */
#ifndef LIBSI_EXAMPLES_BATCH_CSV_H
#define LIBSI_EXAMPLES_BATCH_CSV_H

#include <stddef.h>

#include <csv.h>

#include "batch_text.h"

/* The reader's state between two calls: inside quotes, row begun. */
typedef struct csv_scan {
    int quoted, begun;
} csv_scan;

/* Scans `d` from *pos to n.  Returns the index just past the next row end
 * (the CR or LF that ends a begun row outside quotes), with *pos there; or
 * 0 when the bytes end first, with *pos = n and the state kept for the next
 * bytes. */
size_t csv_scan_row_end(csv_scan *s, const char *d, size_t *pos, size_t n);

/* Whether libcsv finds no fault in the bytes `s` (the start of a row, maybe
 * unfinished); 1 also when it cannot tell (out of memory). */
int csv_valid_prefix(const char *s, size_t n);

/* A worker's row splitter. */
typedef struct csv_rows {
    struct csv_parser parser; /* rows with quotes or NUL bytes */
    size_t n_columns;
    const char **cell;        /* n_columns cells of the last row ("" when absent) */
    size_t *offset;           /* libcsv's cells: offsets into `text` */
    char **cut;               /* split in place: where each cell's NUL goes */
    text_buf text;
    size_t n_fields;          /* cells the row had (more or fewer than n_columns: ragged) */
    int nul;                  /* a cell held a NUL byte */
    int status;               /* libcsv's error after a malformed row */
    size_t rows_seen;         /* rows libcsv ended (one per call) */
} csv_rows;

/* 0, or -1 out of memory. */
int csv_rows_init(csv_rows *r, size_t n_columns);
void csv_rows_free(csv_rows *r);

/* The next row of the bytes [*p, end), which begin at a row boundary and
 * end at one (or at the end of the input, where end[0] must be writable:
 * a NUL goes there).  The row's cells go to r->cell, r->n_fields and r->nul;
 * the bytes may be changed in place.  Returns 1 (a row; *p past it), 0 (only
 * blank lines were left) or -1 (malformed CSV: r->status says why; the rows
 * before were good). */
int csv_rows_next(csv_rows *r, char **p, char *end);

#endif

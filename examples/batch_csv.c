/* CSV input of si-batch: row ends for the reader, cells for the workers
 * (see batch_csv.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "batch_csv.h"

#define CSV_OPTIONS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)

/* ------------------------------------------------------------ reader */

#if !defined(__SSE2__)
#define ONES 0x0101010101010101u
#define HIGHS 0x8080808080808080u

/* The high bit of each byte of x that is `c`, and maybe of bytes after
 * one that is (a borrow), never before: the lowest bit set marks the first
 * byte that is `c`. */
static inline uint64_t has_byte(uint64_t x, unsigned char c)
{
    uint64_t y = x ^ (ONES * c);
    return (y - ONES) & ~y & HIGHS;
}
#endif

/* Once a row has begun only a quote, CR or LF can change anything: the
 * bytes before the first of these are passed over, 16 at a time where the
 * vector unit is part of the architecture's baseline (SSE2 on x86-64), else
 * 8 at a time (on a little-endian machine the lowest bit is the first byte).
 * Either stops short of `n`: no byte past the bytes read is looked at. */
#if defined(__SSE2__)
#include <emmintrin.h>
static size_t skip_plain(const unsigned char *u, size_t i, size_t n)
{
    const __m128i quote = _mm_set1_epi8('"'), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(x, quote),
                                   _mm_or_si128(_mm_cmpeq_epi8(x, lf), _mm_cmpeq_epi8(x, cr)));
        unsigned m = (unsigned)_mm_movemask_epi8(hit);
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
    return i;
}
#else
static size_t skip_plain(const unsigned char *u, size_t i, size_t n)
{
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, u + i, 8);
        uint64_t m = has_byte(x, '"') | has_byte(x, '\n') | has_byte(x, '\r');
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (m)
            return i + (size_t)(__builtin_ctzll(m) >> 3);
#else
        if (m)
            return i; /* the byte loop finds which */
#endif
    }
    return i;
}
#endif

/* Inside quotes only a quote matters (a doubled quote leaves and re-enters
 * them).  Outside, a quote enters them, CR or LF ends a row that has begun,
 * and anything but a blank begins one: libcsv skips blanks and line breaks
 * before a row, so a line of blanks is no row. */
size_t csv_scan_row_end(csv_scan *s, const char *d, size_t *pos, size_t n)
{
    const unsigned char *u = (const unsigned char *)d;
    int quoted = s->quoted, begun = s->begun;
    for (size_t i = *pos; i < n; i++) {
        if (begun && !quoted)
            i = skip_plain(u, i, n);
        if (i == n)
            break;
        unsigned char c = u[i];
        if (quoted) {
            const void *q = memchr(u + i, '"', n - i);
            if (!q)
                break;
            i = (size_t)((const unsigned char *)q - u);
            quoted = 0;
        } else if (c == '"') {
            quoted = begun = 1;
        } else if (c == '\n' || c == '\r') {
            if (begun) {
                s->quoted = s->begun = 0;
                *pos = i + 1;
                return i + 1;
            }
        } else if (c != ' ' && c != '\t') {
            begun = 1;
        }
    }
    s->quoted = quoted;
    s->begun = begun;
    *pos = n;
    return 0;
}

int csv_valid_prefix(const char *s, size_t n)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_OPTIONS) != 0)
        return 1;
    int ok = csv_parse(&p, s, n, NULL, NULL, NULL) == n || csv_error(&p) != CSV_EPARSE;
    csv_free(&p);
    return ok;
}

/* ------------------------------------------------------------ workers */

int csv_rows_init(csv_rows *r, size_t n_columns)
{
    memset(r, 0, sizeof *r);
    r->n_columns = n_columns;
    r->cell = calloc(n_columns + 1, sizeof *r->cell);
    r->offset = calloc(n_columns + 1, sizeof *r->offset);
    r->cut = calloc(n_columns + 1, sizeof *r->cut);
    return csv_init(&r->parser, CSV_OPTIONS) == 0 && r->cell && r->offset && r->cut ? 0 : -1;
}

void csv_rows_free(csv_rows *r)
{
    csv_free(&r->parser);
    free(r->cell);
    free(r->offset);
    free(r->cut);
    text_free(&r->text);
}

static int blank(char c)
{
    return c == ' ' || c == '\t';
}

/* libcsv's cells, copied NUL-terminated into r->text (offset 0 is ""). */
static void on_cell(void *s, size_t len, void *data)
{
    csv_rows *r = data;
    if (r->n_fields < r->n_columns) {
        r->offset[r->n_fields] = 0;
        if (s && len > 0) {
            r->nul |= memchr(s, '\0', len) != NULL;
            r->offset[r->n_fields] = r->text.len;
            text_put(&r->text, s, len);
            text_putc(&r->text, '\0');
        }
    }
    r->n_fields++;
}

static void on_row(int terminator, void *data)
{
    (void)terminator;
    ((csv_rows *)data)->rows_seen++;
}

/* A row with a quote or NUL byte: its end found by quote parity, its cells
 * by libcsv.  The parser is reset after an error (csv_fini does not). */
static int libcsv_row(csv_rows *r, char **pp, char *start, char *end)
{
    char *p = start;
    for (int quoted = 0; p < end; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (!quoted && (*p == '\n' || *p == '\r')) {
            p++;
            break;
        }
    }
    size_t len = (size_t)(p - start);
    r->n_fields = r->rows_seen = 0;
    r->nul = 0;
    r->text.len = 0;
    text_putc(&r->text, '\0');
    if (csv_parse(&r->parser, start, len, on_cell, on_row, r) != len ||
        csv_fini(&r->parser, on_cell, on_row, r) != 0 || r->rows_seen != 1) {
        r->status = csv_error(&r->parser) ? csv_error(&r->parser) : CSV_EPARSE;
        csv_free(&r->parser);
        csv_init(&r->parser, CSV_OPTIONS);
        return -1;
    }
    if (r->text.oom) {
        r->status = CSV_ENOMEM;
        return -1;
    }
    for (size_t i = 0; i < r->n_columns; i++)
        r->cell[i] = i < r->n_fields ? r->text.data + r->offset[i] : "";
    *pp = p;
    return 1;
}

/* The bytes that end a cell's plain run. */
static const unsigned char cell_stop[256] = {['\0'] = 1, [','] = 1, ['"'] = 1, ['\n'] = 1,
                                             ['\r'] = 1};

/* The next byte at or after p that ends a cell's plain run.  Where the
 * vector unit is part of the architecture's baseline (SSE2 on x86-64), 16
 * bytes are tested at once while 16 remain before `end` (the block's end:
 * bytes past it may be another worker's); the rest one at a time, stopping
 * at the NUL after the input at the latest. */
#if defined(__SSE2__)
#include <emmintrin.h>
static inline char *next_stop(char *p, const char *end)
{
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'),
                  lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'), nul = _mm_setzero_si128();
    for (; end - p >= 16; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, comma), _mm_cmpeq_epi8(x, quote)),
                                   _mm_or_si128(_mm_cmpeq_epi8(x, lf), _mm_cmpeq_epi8(x, cr)));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(hit, _mm_cmpeq_epi8(x, nul)));
        if (m)
            return p + __builtin_ctz(m);
    }
    while (!cell_stop[(unsigned char)*p])
        p++;
    return p;
}
#else
static inline char *next_stop(char *p, const char *end)
{
    (void)end;
    while (!cell_stop[(unsigned char)*p])
        p++;
    return p;
}
#endif

/* The common row: no quote, no NUL.  Cells are cut at the commas with the
 * blanks around them left out (libcsv's trimming of unquoted cells); the
 * NULs are written once the row is known to need no libcsv.  No bound check
 * in the inner loop: a row ends at a CR or LF before `end`, or at `end`
 * itself, which holds a NUL (the end of the input). */
int csv_rows_next(csv_rows *r, char **pp, char *end)
{
    char *p = *pp;
    while (p < end && (blank(*p) || *p == '\n' || *p == '\r'))
        p++;
    *pp = p;
    if (p == end)
        return 0;
    char *start = p, *cell = p;
    char **cut = r->cut;
    size_t f = 0;
    for (;; p++) {
        p = next_stop(p, end);
        char c = *p;
        if (c == '"' || (c == '\0' && p < end))
            return libcsv_row(r, pp, start, end);
        char *t = p;
        while (t > cell && blank(t[-1]))
            t--;
        if (f < r->n_columns) {
            r->cell[f] = cell;
            cut[f] = t;
        }
        f++;
        if (c != ',')
            break;
        while (blank(p[1]))
            p++;
        cell = p + 1;
    }
    size_t n = f < r->n_columns ? f : r->n_columns;
    for (size_t i = 0; i < n; i++)
        *cut[i] = '\0';
    for (size_t i = n; i < r->n_columns; i++)
        r->cell[i] = "";
    r->n_fields = f;
    r->nul = 0;
    *pp = p < end ? p + 1 : end;
    return 1;
}

/*
 * Data-driven calculation vectors (jansson style: the suite is data).
 *
 *   test_calc_vectors SCHEME FILE.tsv
 *
 * Columns: `id`, `in:NAME` (input; `-` = not given; a JSON string literal
 * "..." is decoded first, so a cell can hold newlines), `out:NAME` (expected
 * output; `-` = not checked), `error` (`-` or `!CODE` or `!CODE:field`),
 * `flags` (flags that must be raised, comma-separated, or `-`), `source`.
 * Every row names its source (reference section, document, or property).
 *
 * Every row also goes through the other paths, which must agree byte for
 * byte with libsi_calculate(): libsi_calculate_traced() at the three trace
 * levels, a batch (libsi_batch_run) at the three levels (outputs, flags,
 * hash, JSON), and the whole file as a table on 1 and on 3 threads.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libsi.h"
#include "vectors.h"

static const char *code_name(int rc)
{
    static const struct { int code; const char *name; } names[] = {
        {LIBSI_EINPUT, "EINPUT"}, {LIBSI_ENOTFOUND, "ENOTFOUND"},
        {LIBSI_EUNSUPPORTED, "EUNSUPPORTED"}, {LIBSI_EJURISDICTION, "EJURISDICTION"},
        {LIBSI_ERANGE, "ERANGE"}, {LIBSI_EDATE, "EDATE"}, {0, "OK"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].code == rc)
            return names[i].name;
    return "E?";
}

static bool flags_ok(unsigned got, const char *want)
{
    if (strcmp(want, "-") == 0 || !*want)
        return true;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", want);
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        bool found = false;
        for (unsigned bit = 1; bit && !found; bit <<= 1)
            found = (got & bit) && libsi_flag_name(bit) && strcmp(libsi_flag_name(bit), tok) == 0;
        if (!found)
            return false;
    }
    return true;
}

typedef struct reference {   /* what libsi_calculate gave for a row */
    int rc;
    libsi_result *r;
    char *json;
} reference;

static int fail_row(const char *id, const char *what)
{
    fprintf(stderr, "  %s: %s differs from libsi_calculate\n", id, what);
    return 1;
}

/* Outputs, flags and (when hashed) hash of `r` against the reference. */
static int same_result(const reference *ref, const libsi_result *r, const char *id, bool hashed)
{
    int bad = 0;
    for (size_t i = 0; i < libsi_result_count(ref->r); i++) {
        const char *want = libsi_result_value(ref->r, i);
        const char *got = libsi_result_get(r, libsi_result_name(ref->r, i));
        if (!got || strcmp(got, want) != 0)
            bad += fail_row(id, libsi_result_name(ref->r, i));
    }
    if (libsi_result_count(r) != libsi_result_count(ref->r))
        bad += fail_row(id, "output count");
    if (libsi_result_flags(r) != libsi_result_flags(ref->r))
        bad += fail_row(id, "flags");
    if (strcmp(libsi_result_hash(r), hashed ? libsi_result_hash(ref->r) : "") != 0)
        bad += fail_row(id, "hash");
    return bad;
}

/* libsi_calculate_traced at NONE and HASH. */
static int check_levels(libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                        const libsi_case *cs, const reference *ref, const char *id)
{
    int bad = 0;
    for (int level = LIBSI_TRACE_NONE; level < LIBSI_TRACE_FULL; level++) {
        libsi_result *r = NULL;
        int rc = libsi_calculate_traced(ctx, rs, scheme, cs, (libsi_trace_level)level, &r);
        if (rc != ref->rc)
            bad += fail_row(id, "error code (traced)");
        else if (rc == 0)
            bad += same_result(ref, r, id, level == LIBSI_TRACE_HASH);
        libsi_result_free(r);
    }
    return bad;
}

/* libsi_batch_output_write() gives output i's text (`want`, NULL when unset)
 * into a buffer just large enough, and LIBSI_ERANGE with the size needed
 * into one a byte too small. */
static int written_text_matches(libsi_batch *b, size_t i, const char *want)
{
    size_t n = want ? strlen(want) : 0, len = 99;
    char *buf = malloc(n + 1);
    int ok = buf && libsi_batch_output_write(b, i, buf, n, &len) == 0 && len == n &&
             (n == 0 || memcmp(buf, want, n) == 0);
    if (ok && n > 0)
        ok = libsi_batch_output_write(b, i, buf, n - 1, &len) == LIBSI_ERANGE && len == n;
    free(buf);
    return ok;
}

/* `t` as one CSV cell (RFC 4180 §2.6, §2.7) appended at want + *o, or
 * only counted when `want` is NULL: quoted, its quotes doubled, when it
 * holds a comma, quote, CR or LF or begins or ends with a blank. */
static void csv_cell(const char *t, char *want, size_t *o)
{
    size_t n = strlen(t);
    bool quote = n > 0 && (strpbrk(t, ",\"\r\n") || strchr(" \t", t[0]) || strchr(" \t", t[n - 1]));
    if (quote && want)
        want[*o] = '"';
    *o += quote;
    for (size_t i = 0; i < n; i++) {
        if (quote && t[i] == '"' && want)
            want[*o] = '"';
        *o += quote && t[i] == '"';
        if (want)
            want[*o] = t[i];
        ++*o;
    }
    if (quote && want)
        want[*o] = '"';
    *o += quote;
}

/* The references' texts of every output, each after a ',': as they are, or
 * as CSV cells (`csv`); an unset output empty.  Only counted when `want`
 * is NULL. */
static size_t joined_outputs(libsi_batch *b, const reference *ref, bool csv, char *want)
{
    size_t o = 0;
    for (size_t i = 0; i < libsi_batch_output_count(b); i++) {
        const char *t = libsi_result_get(ref->r, libsi_batch_output_name(b, i));
        if (want)
            want[o] = ',';
        o++;
        if (csv) {
            csv_cell(t ? t : "", want, &o);
            continue;
        }
        if (want && t)
            memcpy(want + o, t, strlen(t));
        o += t ? strlen(t) : 0;
    }
    return o;
}

static int write_all(libsi_batch *b, bool csv, const size_t *all, size_t n, char *buf,
                     size_t size, size_t *len)
{
    return csv ? libsi_batch_outputs_write_csv(b, all, n, buf, size, len)
               : libsi_batch_outputs_write(b, all, n, ',', buf, size, len);
}

/* libsi_batch_outputs_write() of every output, each after a ',', is the
 * references' texts joined so (an unset output empty), and
 * libsi_batch_outputs_write_csv() the same as CSV cells; a byte too small is
 * LIBSI_ERANGE with the size needed. */
static int written_row_matches(libsi_batch *b, const reference *ref, bool csv)
{
    size_t n = libsi_batch_output_count(b), want_len = joined_outputs(b, ref, csv, NULL), len = 0;
    size_t *all = malloc((n ? n : 1) * sizeof *all);
    char *want = malloc(want_len + 1), *got = malloc(want_len + 1);
    int ok = all && want && got;
    for (size_t i = 0; ok && i < n; i++)
        all[i] = i;
    ok = ok && joined_outputs(b, ref, csv, want) == want_len &&
         write_all(b, csv, all, n, got, want_len, &len) == 0 && len == want_len &&
         memcmp(got, want, want_len) == 0;
    if (ok && want_len > 0)
        ok = write_all(b, csv, all, n, got, want_len - 1, &len) == LIBSI_ERANGE &&
             len == want_len;
    free(all);
    free(want);
    free(got);
    return ok;
}

/* A batch row at `level` against the reference. */
static int check_batch_row(libsi_ctx *ctx, libsi_batch *b, const char *const *cells, int level,
                           const reference *ref, const char *id)
{
    int rc = libsi_batch_run(b, cells), bad = 0;
    if (rc != ref->rc)
        return fail_row(id, "error code (batch)");
    if (rc != 0)
        return strcmp(libsi_ctx_field(ctx), "") == 0 ? fail_row(id, "error field (batch)") : 0;
    for (size_t i = 0; i < libsi_batch_output_count(b); i++) {
        const char *got = NULL, *want = libsi_result_get(ref->r, libsi_batch_output_name(b, i));
        if (libsi_batch_output_text(b, i, &got) != 0)
            bad += fail_row(id, "libsi_batch_output_text");
        if ((got == NULL) != (want == NULL) || (got && strcmp(got, want) != 0))
            bad += fail_row(id, libsi_batch_output_name(b, i));
        if (!written_text_matches(b, i, want))
            bad += fail_row(id, "libsi_batch_output_write");
    }
    if (!written_row_matches(b, ref, false))
        bad += fail_row(id, "libsi_batch_outputs_write");
    if (!written_row_matches(b, ref, true))
        bad += fail_row(id, "libsi_batch_outputs_write_csv");
    if (libsi_batch_flags(b) != libsi_result_flags(ref->r))
        bad += fail_row(id, "flags (batch)");
    if (strcmp(libsi_batch_hash(b), level ? libsi_result_hash(ref->r) : "") != 0)
        bad += fail_row(id, "hash (batch)");
    const char *json = NULL;
    if (level == LIBSI_TRACE_FULL && (libsi_batch_json(b, &json, NULL) != 0 ||
                                      strcmp(json, ref->json) != 0))
        bad += fail_row(id, "JSON (batch)");
    return bad;
}

/* The row's input columns ("-" = absent: a NULL cell). */
static size_t row_cells(const vec_file *v, char **c, const char **names, const char **cells)
{
    size_t n = 0;
    for (size_t i = 0; i < v->ncols; i++)
        if (strncmp(v->header[i], "in:", 3) == 0) {
            names[n] = v->header[i] + 3;
            cells[n++] = strcmp(c[i], "-") == 0 ? NULL : c[i];
        }
    return n;
}

static int check_batches(libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                         const vec_file *v, char **c, const reference *ref, const char *id)
{
    const char *names[VEC_MAX_COLS], *cells[VEC_MAX_COLS];
    size_t n = row_cells(v, c, names, cells);
    for (size_t i = 0; i < n; i++)
        if (cells[i] && !*cells[i])
            return 0; /* an empty cell is absent in a batch but given in a case */
    int bad = 0;
    for (int level = LIBSI_TRACE_NONE; level <= LIBSI_TRACE_FULL; level++) {
        libsi_batch *b;
        if (libsi_batch_new(ctx, rs, scheme, names, n, (libsi_trace_level)level, &b) != 0)
            return fail_row(id, libsi_ctx_message(ctx));
        bad += check_batch_row(ctx, b, cells, level, ref, id);
        libsi_batch_free(b);
    }
    return bad;
}

/* Run one row; returns the number of mismatches (0 = pass). */
static int run_row(libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                   const vec_file *v, char **c)
{
    libsi_case *cs;
    libsi_result *r = NULL;
    int bad = 0, err = vec_col(v, "error"), fl = vec_col(v, "flags"), id = vec_col(v, "id");
    if (libsi_case_new(ctx, &cs) != 0)
        return 1;
    for (size_t i = 0; i < v->ncols; i++)
        if (strncmp(v->header[i], "in:", 3) == 0 && strcmp(c[i], "-") != 0) {
            /* A cell written as a JSON string literal may hold newlines
             * (an inline history). */
            if (c[i][0] == '"' && vec_json_string(c[i]) != 0)
                bad++;
            libsi_case_set(ctx, cs, v->header[i] + 3, c[i]);
        }
    int rc = libsi_calculate(ctx, rs, scheme, cs, &r);
    char got_err[128] = "-";
    if (rc != 0)
        snprintf(got_err, sizeof got_err, "!%s:%s", code_name(rc), libsi_ctx_field(ctx));
    const char *want_err = err >= 0 ? c[err] : "-";
    bool err_ok = strcmp(want_err, "-") == 0 ? rc == 0
                                             : strncmp(got_err, want_err, strlen(want_err)) == 0;
    if (!err_ok) {
        fprintf(stderr, "  %s: error %s, expected %s (%s)\n", id >= 0 ? c[id] : "?", got_err,
                want_err, libsi_ctx_message(ctx));
        bad++;
    }
    for (size_t i = 0; rc == 0 && i < v->ncols; i++) {
        if (strncmp(v->header[i], "out:", 4) != 0 || strcmp(c[i], "-") == 0)
            continue;
        const char *got = libsi_result_get(r, v->header[i] + 4);
        if (!got || strcmp(got, c[i]) != 0) {
            fprintf(stderr, "  %s: %s = %s, expected %s\n", id >= 0 ? c[id] : "?",
                    v->header[i] + 4, got ? got : "(absent)", c[i]);
            bad++;
        }
    }
    if (rc == 0 && fl >= 0 && !flags_ok(libsi_result_flags(r), c[fl])) {
        fprintf(stderr, "  %s: flags 0x%x lack %s\n", id >= 0 ? c[id] : "?",
                libsi_result_flags(r), c[fl]);
        bad++;
    }
    reference ref = {rc, r, NULL};
    if (rc == 0 && libsi_result_json(ctx, r, &ref.json) != 0)
        bad++;
    bad += check_levels(ctx, rs, scheme, cs, &ref, id >= 0 ? c[id] : "?");
    bad += check_batches(ctx, rs, scheme, v, c, &ref, id >= 0 ? c[id] : "?");
    libsi_free(ctx, ref.json);
    libsi_result_free(r);
    libsi_case_free(cs);
    return bad;
}

/* --------------------------------------------------------- tables */

typedef struct table_rows {  /* the file's rows, for one table run */
    const char *names[VEC_MAX_COLS];
    size_t n_columns, n_rows, cap;
    char **cells;                /* row-major, copies */
    libsi_result **expect;       /* libsi_calculate_traced at HASH; NULL: failed */
    int *codes;
} table_rows;

static char *copy(const char *s)
{
    char *p = s ? malloc(strlen(s) + 1) : NULL;
    return p ? strcpy(p, s) : NULL;
}

static void keep_row(table_rows *t, libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                     const vec_file *v, char **c)
{
    const char *cells[VEC_MAX_COLS];
    t->n_columns = row_cells(v, c, t->names, cells);
    if (t->n_rows == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->cells = realloc(t->cells, t->cap * t->n_columns * sizeof *t->cells);
        t->expect = realloc(t->expect, t->cap * sizeof *t->expect);
        t->codes = realloc(t->codes, t->cap * sizeof *t->codes);
    }
    libsi_case *cs;
    if (libsi_case_new(ctx, &cs) != 0)
        abort();
    for (size_t i = 0; i < t->n_columns; i++) {
        t->cells[t->n_rows * t->n_columns + i] = copy(cells[i] && *cells[i] ? cells[i] : NULL);
        if (cells[i] && *cells[i])
            libsi_case_set(ctx, cs, t->names[i], cells[i]);
    }
    t->expect[t->n_rows] = NULL;
    t->codes[t->n_rows] =
        libsi_calculate_traced(ctx, rs, scheme, cs, LIBSI_TRACE_HASH, &t->expect[t->n_rows]);
    libsi_case_free(cs);
    t->n_rows++;
}

static void free_rows(table_rows *t)
{
    for (size_t i = 0; i < t->n_rows * t->n_columns; i++)
        free(t->cells[i]);
    for (size_t r = 0; r < t->n_rows; r++)
        libsi_result_free(t->expect[r]);
    free(t->cells);
    free(t->expect);
    free(t->codes);
}

static int table_row_ok(const libsi_table *tb, const table_rows *t, size_t r, size_t *k)
{
    size_t row;
    int code = 0;
    if (t->codes[r] != 0) /* failed rows come in row order */
        return libsi_table_error(tb, (*k)++, &row, &code, NULL) == 0 && row == r &&
               code == t->codes[r];
    bool ok = libsi_table_flags(tb, r) == libsi_result_flags(t->expect[r]) &&
              strcmp(libsi_table_hash(tb, r), libsi_result_hash(t->expect[r])) == 0;
    for (size_t col = 0; ok && col < libsi_table_output_count(tb); col++) {
        const char *got = libsi_table_text(tb, r, col);
        const char *want = libsi_result_get(t->expect[r], libsi_table_output_name(tb, col));
        ok = (got == NULL) == (want == NULL) && (!got || strcmp(got, want) == 0);
    }
    return ok;
}

static int check_table(libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                       const table_rows *t, unsigned threads)
{
    libsi_table_options o = LIBSI_TABLE_OPTIONS_INIT;
    o.threads = threads;
    o.level = LIBSI_TRACE_HASH;
    libsi_table *tb;
    if (libsi_batch_run_table(ctx, rs, scheme, t->names, t->n_columns,
                              (const char *const *)t->cells, t->n_rows, &o, &tb) != 0) {
        fprintf(stderr, "  table: %s\n", libsi_ctx_message(ctx));
        return 1;
    }
    int bad = 0;
    size_t k = 0;
    for (size_t r = 0; r < t->n_rows; r++)
        if (!table_row_ok(tb, t, r, &k)) {
            fprintf(stderr, "  table row %zu (%u threads) differs\n", r + 1, threads);
            bad++;
        }
    if (k != libsi_table_error_count(tb))
        bad++;
    libsi_table_free(tb);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s SCHEME VECTORS.tsv\n", argv[0]);
        return 2;
    }
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    vec_file v;
    if (libsi_ctx_new(NULL, &ctx) != 0 || libsi_ruleset_builtin(ctx, &rs) != 0 ||
        vec_open(&v, argv[2]) != 0) {
        fprintf(stderr, "setup failed for %s\n", argv[2]);
        return 1;
    }
    char *c[VEC_MAX_COLS];
    int rows = 0, failed = 0;
    table_rows all = {0};
    while (vec_next(&v, c)) {
        rows++;
        if (run_row(ctx, rs, argv[1], &v, c) != 0) {
            failed++;
            fprintf(stderr, "%s:%d: row failed\n", argv[2], v.line);
        }
        keep_row(&all, ctx, rs, argv[1], &v, c);
    }
    for (unsigned threads = 1; threads <= 3; threads += 2)
        failed += check_table(ctx, rs, argv[1], &all, threads);
    free_rows(&all);
    printf("%s: %d rows, %d failed\n", argv[2], rows, failed);
    vec_close(&v);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return rows > 0 && failed == 0 ? 0 : 1;
}

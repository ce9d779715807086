/*
 * The batch API (include/libsi/batch.h): no allocation per row after
 * warm-up, bad rows failing alone, allocation failure at every site, tables
 * that do not depend on the thread count, and results that outlive their
 * ruleset.  Agreement with libsi_calculate on every vector row is checked by
 * test_calc_vectors.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "libsi.h"

/* Counts every allocator call; can fail the n-th (0 = never). */
typedef struct counter {
    long calls, live, fail_at;
} counter;

/* Atomic: a table's worker threads share their caller's allocator. */
static bool refuse(counter *c)
{
    return __atomic_add_fetch(&c->calls, 1, __ATOMIC_RELAXED) == c->fail_at;
}

static void *count_malloc(void *opaque, size_t n)
{
    counter *c = opaque;
    void *p = refuse(c) ? NULL : malloc(n);
    if (p)
        __atomic_add_fetch(&c->live, 1, __ATOMIC_RELAXED);
    return p;
}

static void *count_realloc(void *opaque, void *ptr, size_t n)
{
    counter *c = opaque;
    if (!ptr)
        return count_malloc(opaque, n);
    return refuse(c) ? NULL : realloc(ptr, n);
}

static void count_free(void *opaque, void *ptr)
{
    counter *c = opaque;
    if (ptr)
        __atomic_sub_fetch(&c->live, 1, __ATOMIC_RELAXED);
    free(ptr);
}

static libsi_ctx *counting_ctx(counter *c)
{
    libsi_allocator a = {sizeof(libsi_allocator), count_malloc, count_realloc, count_free, c};
    libsi_ctx *ctx = NULL;
    assert_int_equal(libsi_ctx_new(&a, &ctx), 0);
    return ctx;
}

static const char *const pension_columns[] = {"city", "retirement_group", "birth_date",
                                              "contribution_months", "average_index",
                                              "account_balance"};

/* Ten different pensions (three cities, three groups, dates, indices). */
static void pension_row(long i, char buf[3][32], const char *cells[6])
{
    static const char *const cities[] = {"guangzhou", "zhaoqing", "湛江"};
    static const char *const groups[] = {"male60", "female55", "female50"};
    static const char *const births[] = {"1965-03-10", "1970-06-01", "1975-01-31"};
    snprintf(buf[0], 32, "%ld", 180 + (i % 10) * 20);
    snprintf(buf[1], 32, "%ld.%04ld", 1 + i % 2, (i * 37) % 10000);
    snprintf(buf[2], 32, "%ld.%02ld", 20000 + (i % 10) * 9000, i % 100);
    const char *v[] = {cities[i % 3], groups[(i / 3) % 3], births[(i / 3) % 3], buf[0], buf[1],
                       buf[2]};
    memcpy(cells, v, sizeof v);
}

/* Allocator calls of a batch over `rows` rows (cycling the ten kinds). */
static long calls_for(libsi_ruleset *rs, long rows, libsi_trace_level level)
{
    counter c = {0, 0, 0};
    libsi_ctx *ctx = counting_ctx(&c);
    libsi_batch *b;
    assert_int_equal(libsi_batch_new(ctx, rs, "pension", pension_columns, 6, level, &b), 0);
    char buf[3][32];
    const char *cells[6];
    for (long i = 0; i < rows; i++) {
        pension_row(i % 10, buf, cells);
        assert_int_equal(libsi_batch_run(b, cells), 0);
        const char *json;
        if (level == LIBSI_TRACE_FULL)
            assert_int_equal(libsi_batch_json(b, &json, NULL), 0);
    }
    libsi_batch_free(b);
    libsi_ctx_free(ctx);
    assert_int_equal(c.live, 0);
    return c.calls;
}

/* Issue #10: the per-row path allocates nothing after warm-up. */
static void no_allocation_per_row(void **state)
{
    libsi_ruleset *rs = *state;
    for (int level = LIBSI_TRACE_NONE; level <= LIBSI_TRACE_FULL; level++) {
        long few = calls_for(rs, 10, (libsi_trace_level)level);
        long many = calls_for(rs, 10000, (libsi_trace_level)level);
        assert_true(few > 0);
        assert_int_equal(few, many);
    }
}

/* The JSON and explanation of `cells` as libsi_calculate_traced gives them. */
static void case_documents(libsi_ctx *ctx, libsi_ruleset *rs, const char *scheme,
                           const char *const *cols, const char *const *cells, size_t n,
                           libsi_trace_level level, char *docs[2])
{
    libsi_case *c;
    libsi_result *r;
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    for (size_t i = 0; i < n; i++)
        if (cells[i] && *cells[i])
            assert_int_equal(libsi_case_set(ctx, c, cols[i], cells[i]), 0);
    if (libsi_calculate_traced(ctx, rs, scheme, c, level, &r) != 0)
        fail_msg("%s", libsi_ctx_message(ctx));
    assert_int_equal(libsi_result_json(ctx, r, &docs[0]), 0);
    assert_int_equal(libsi_result_explain(ctx, r, &docs[1]), 0);
    libsi_result_free(r);
    libsi_case_free(c);
}

/* At trace none a row keeps only the texts its values cannot give back, and
 * changes only its columns' slots (an empty cell's back to its default); the
 * documents asked for after the row still show every input as a case does:
 * canonical, and as given where that differs (numbers with leading zeros or
 * "-0", a month-only date, the city by name), the cells being gone. */
static void documents_at_trace_none_show_the_given_texts(void **state)
{
    libsi_ruleset *rs = *state;
    static const char *const cols[] = {"city", "retirement_group", "birth_date",
                                       "contribution_months", "average_index",
                                       "account_balance", "carry_forward", "known_on",
                                       "retirement_date", "deemed_account_balance"};
    static const char *const rows[][10] = {
        {"guangzhou", "male60", "1965-03-10", "300", "1.2500", "120000.50", "false",
         "2026-11-30", "2025-03", "0"},
        {"440100", "female55", "1970-06", "0300", "01.25", "-0", "true", "", "", "0.5"},
        {"湛江", "female50", "1975-01-31", "180", "0.6", "0120000", "true", "2026-11",
         "2025-06", "-0.00"},
        {"zhaoqing", "male60", "1965-03-10", "-0", "1", "00.50", "", "", "", "10.00"}};
    libsi_ctx *ctx;
    libsi_batch *b;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    assert_int_equal(libsi_batch_new(ctx, rs, "pension", cols, 10, LIBSI_TRACE_NONE, &b), 0);
    for (size_t i = 0; i < 2 * sizeof rows / sizeof *rows; i++) {
        size_t r = i % (sizeof rows / sizeof *rows);
        char copy[10][32]; /* cells that live only during the call */
        const char *cells[10], *text;
        for (size_t c = 0; c < 10; c++)
            cells[c] = strcpy(copy[c], rows[r][c]);
        char *want[2];
        case_documents(ctx, rs, "pension", cols, cells, 10, LIBSI_TRACE_NONE, want);
        const char *const *before = rows[(r + 1) % (sizeof rows / sizeof *rows)];
        assert_int_equal(libsi_batch_run(b, before), 0); /* its slots, then this row's */
        int rc = libsi_batch_run(b, cells);
        if (rc != 0)
            fail_msg("row %zu: %s", r, libsi_ctx_message(ctx));
        memset(copy, 'x', sizeof copy);
        for (int k = 0; k < 2; k++) { /* odd rows: the explanation first */
            bool json = (i + (size_t)k) % 2 == 0;
            assert_int_equal(json ? libsi_batch_json(b, &text, NULL) : libsi_batch_explain(b, &text),
                             0);
            assert_string_equal(text, want[json ? 0 : 1]);
        }
        libsi_free(ctx, want[0]);
        libsi_free(ctx, want[1]);
    }
    libsi_batch_free(b);
    libsi_ctx_free(ctx);
}

/* A row's error (code, field, message) as a case with its non-empty cells
 * gives it, through a batch at every level. */
static void row_fails_as_a_case(libsi_ruleset *rs, const char *const *cols, size_t n,
                                const char *const *cells, const char *field)
{
    libsi_ctx *ctx;
    libsi_case *c;
    libsi_result *r = NULL;
    char want[512];
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    for (size_t i = 0; i < n; i++)
        if (cells[i] && *cells[i])
            assert_int_equal(libsi_case_set(ctx, c, cols[i], cells[i]), 0);
    int code = libsi_calculate_traced(ctx, rs, "contributions", c, LIBSI_TRACE_NONE, &r);
    assert_int_equal(code, LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_field(ctx), field);
    snprintf(want, sizeof want, "%s", libsi_ctx_message(ctx));
    for (int level = LIBSI_TRACE_NONE; level <= LIBSI_TRACE_FULL; level++) {
        libsi_batch *b;
        assert_int_equal(libsi_batch_new(ctx, rs, "contributions", cols, n,
                                         (libsi_trace_level)level, &b), 0);
        assert_int_equal(libsi_batch_run(b, cells), code);
        assert_string_equal(libsi_ctx_field(ctx), field);
        assert_string_equal(libsi_ctx_message(ctx), want);
        libsi_batch_free(b);
    }
    libsi_case_free(c);
    libsi_ctx_free(ctx);
}

/* A required input missing — no column for it, or an empty cell — fails the
 * row naming the first missing in schema order, after any cell of the wrong
 * type, as the case does. */
static void missing_required_inputs_fail_the_row(void **state)
{
    libsi_ruleset *rs = *state;
    const char *cols[] = {"city", "month", "wage"}, *no_month[] = {"city", "wage"};
    row_fails_as_a_case(rs, no_month, 2, (const char *[]){"guangzhou", "8000"}, "month");
    row_fails_as_a_case(rs, cols, 3, (const char *[]){"guangzhou", "2025-08", ""}, "wage");
    row_fails_as_a_case(rs, cols, 3, (const char *[]){"guangzhou", NULL, NULL}, "month");
    row_fails_as_a_case(rs, cols, 3, (const char *[]){"guangzhou", "", "4O000"}, "wage");
    row_fails_as_a_case(rs, cols, 3, (const char *[]){NULL, "", NULL}, "city"); /* no text */
}

/* A bad row fails alone, names its field, and the next row computes. */
static void bad_row_fails_alone(void **state)
{
    libsi_ruleset *rs = *state;
    libsi_ctx *ctx;
    libsi_batch *b;
    const char *cols[] = {"city", "month", "wage"};
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    assert_int_equal(libsi_batch_new(ctx, rs, "contributions", cols, 3, LIBSI_TRACE_HASH, &b), 0);
    const char *good[] = {"guangzhou", "2025-08", "40000"}, *bad[] = {"guangzhou", "2025-08", "4O000"};
    const char *text;
    int64_t fen;
    assert_int_equal(libsi_batch_run(b, good), 0);
    assert_int_equal(libsi_batch_run(b, bad), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_field(ctx), "wage");
    assert_non_null(strstr(libsi_ctx_message(ctx), "4O000"));
    assert_int_equal(libsi_batch_output_text(b, 0, &text), LIBSI_EINVAL); /* no row to read */
    assert_int_equal(libsi_batch_run(b, good), 0);
    int i = libsi_batch_output_index(b, "pension_employee");
    assert_true(i >= 0);
    assert_int_equal(libsi_batch_output_text(b, (size_t)i, &text), 0);
    assert_string_equal(text, "2203.92"); /* 8 % of the 27549 ceiling, 粤人社发〔2025〕32号 */
    assert_int_equal(libsi_batch_output_fen(b, (size_t)i, &fen), 0);
    assert_int_equal(fen, 220392);
    assert_int_equal(strlen(libsi_batch_hash(b)), 64);
    assert_true(libsi_batch_flags(b) & LIBSI_FLAG_CAPPED);
    libsi_batch_free(b);
    libsi_ctx_free(ctx);
}

/* libsi_batch_output_write(): the canonical text into the caller's buffer,
 * no NUL; a buffer too small is LIBSI_ERANGE with the size needed (a NULL
 * buffer of size 0 asks for it); an unset output is 0 bytes.  The same for
 * libsi_batch_outputs_write() over several outputs with their separators. */
static void output_write_into_caller_buffer(void **state)
{
    libsi_ruleset *rs = *state;
    libsi_ctx *ctx;
    libsi_batch *b;
    const char *cols[] = {"city", "month", "wage"};
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    assert_int_equal(libsi_batch_new(ctx, rs, "contributions", cols, 3, LIBSI_TRACE_NONE, &b), 0);
    const char *good[] = {"guangzhou", "2025-08", "40000"}, *bad[] = {"guangzhou", "2025-08", "x"};
    char buf[LIBSI_DECIMAL_MAX];
    size_t len = 99, i = (size_t)libsi_batch_output_index(b, "pension_employee");
    assert_int_equal(libsi_batch_run(b, good), 0);
    memset(buf, '#', sizeof buf);
    assert_int_equal(libsi_batch_output_write(b, i, buf, sizeof buf, &len), 0);
    assert_int_equal(len, 7);
    assert_memory_equal(buf, "2203.92#", 8); /* 8 % of the 27549 ceiling; no NUL written */
    assert_int_equal(libsi_batch_output_write(b, i, buf, 6, &len), LIBSI_ERANGE);
    assert_int_equal(len, 7);
    assert_string_equal(libsi_ctx_field(ctx), "pension_employee");
    assert_int_equal(libsi_batch_output_write(b, i, NULL, 0, &len), LIBSI_ERANGE);
    assert_int_equal(len, 7);
    assert_int_equal(libsi_batch_output_write(b, i, buf, 7, &len), 0);
    assert_memory_equal(buf, "2203.92", 7);
    assert_int_equal(libsi_batch_output_write(b, 1000, buf, sizeof buf, &len), LIBSI_EINVAL);
    assert_int_equal(len, 0);
    assert_int_equal(libsi_batch_output_write(b, i, NULL, 5, &len), LIBSI_EINVAL);
    assert_true(libsi_batch_run(b, bad) < 0);
    assert_int_equal(libsi_batch_output_write(b, i, buf, sizeof buf, &len), LIBSI_EINVAL);
    assert_int_equal(len, 0); /* no successful row */
    /* Several outputs, each after its separator, in the order asked. */
    size_t total = (size_t)libsi_batch_output_index(b, "pension_total");
    size_t picks[] = {i, total, i};
    char want[32];
    const char *total_text;
    assert_int_equal(libsi_batch_run(b, good), 0);
    assert_int_equal(libsi_batch_output_text(b, total, &total_text), 0);
    int wn = snprintf(want, sizeof want, ";2203.92;%s;2203.92", total_text);
    assert_int_equal(libsi_batch_outputs_write(b, picks, 3, ';', buf, sizeof buf, &len), 0);
    assert_int_equal(len, (size_t)wn);
    assert_memory_equal(buf, want, len);
    assert_int_equal(libsi_batch_outputs_write(b, picks, 3, ';', buf, len - 1, &len),
                     LIBSI_ERANGE);
    assert_int_equal(len, (size_t)wn); /* the size needed */
    assert_int_equal(libsi_batch_outputs_write(b, picks, 0, ';', NULL, 0, &len), 0);
    assert_int_equal(len, 0);
    size_t past[] = {i, 1000};
    assert_int_equal(libsi_batch_outputs_write(b, past, 2, ';', buf, sizeof buf, &len),
                     LIBSI_EINVAL);
    assert_int_equal(len, 0);
    assert_int_equal(libsi_batch_outputs_write(b, NULL, 1, ';', buf, sizeof buf, &len),
                     LIBSI_EINVAL);
    libsi_batch_free(b);
    /* A pension that meets the minimum period leaves months_short unset. */
    char cellbuf[3][32];
    const char *cells[6];
    pension_row(3, cellbuf, cells);
    assert_int_equal(libsi_batch_new(ctx, rs, "pension", pension_columns, 6, LIBSI_TRACE_NONE, &b),
                     0);
    assert_int_equal(libsi_batch_run(b, cells), 0);
    const char *text = "?";
    i = (size_t)libsi_batch_output_index(b, "months_short");
    assert_int_equal(libsi_batch_output_text(b, i, &text), 0);
    assert_null(text);
    len = 99;
    assert_int_equal(libsi_batch_output_write(b, i, buf, sizeof buf, &len), 0);
    assert_int_equal(len, 0);
    size_t unset[] = {i, i};
    assert_int_equal(libsi_batch_outputs_write(b, unset, 2, ',', buf, sizeof buf, &len), 0);
    assert_int_equal(len, 2); /* the separators only */
    assert_memory_equal(buf, ",,", 2);
    libsi_batch_free(b);
    libsi_ctx_free(ctx);
}

static void bad_columns_are_refused(void **state)
{
    libsi_ruleset *rs = *state;
    libsi_ctx *ctx;
    libsi_batch *b = NULL;
    const char *unknown[] = {"city", "wages"}, *twice[] = {"city", "wage", "city"};
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    assert_int_equal(libsi_batch_new(ctx, rs, "contributions", unknown, 2, LIBSI_TRACE_NONE, &b),
                     LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_field(ctx), "wages");
    assert_null(b);
    assert_int_equal(libsi_batch_new(ctx, rs, "contributions", twice, 3, LIBSI_TRACE_NONE, &b),
                     LIBSI_EINPUT);
    assert_non_null(strstr(libsi_ctx_message(ctx), "twice"));
    assert_int_equal(libsi_batch_new(ctx, rs, "pensions", twice, 1, LIBSI_TRACE_NONE, &b),
                     LIBSI_ESCHEME);
    assert_int_equal(libsi_batch_new(ctx, rs, "pension", twice, 1, (libsi_trace_level)7, &b),
                     LIBSI_EINVAL);
    libsi_ctx_free(ctx);
}

/* One pass of everything a batch caller does, on a context that fails the
 * n-th allocation; 0 when it all succeeded. */
static int batch_session(libsi_ruleset *rs, counter *c)
{
    libsi_ctx *ctx = NULL;
    libsi_batch *b = NULL;
    libsi_table *t = NULL;
    libsi_allocator a = {sizeof(libsi_allocator), count_malloc, count_realloc, count_free, c};
    int rc = libsi_ctx_new(&a, &ctx);
    if (rc != 0)
        return rc;
    char buf[3][32];
    const char *cells[6], *json, *rows[12];
    rc = libsi_batch_new(ctx, rs, "pension", pension_columns, 6, LIBSI_TRACE_FULL, &b);
    for (long i = 0; rc == 0 && i < 2; i++) {
        pension_row(i, buf, cells);
        rc = libsi_batch_run(b, cells);
        if (rc == 0) rc = libsi_batch_json(b, &json, NULL);
        if (rc == 0) rc = libsi_batch_explain(b, &json);
    }
    libsi_batch_free(b); /* at trace none: the texts kept after the row, the documents */
    b = NULL;
    libsi_batch *cb = NULL; /* a compiled row (contributions), then its documents */
    static const char *const ccols[] = {"city", "month", "wage"},
                             *const ccells[] = {"guangzhou", "2025-08", "9000"};
    if (rc == 0) rc = libsi_batch_new(ctx, rs, "contributions", ccols, 3, LIBSI_TRACE_NONE, &cb);
    if (rc == 0) rc = libsi_batch_run(cb, ccells);
    if (rc == 0) rc = libsi_batch_json(cb, &json, NULL);
    libsi_batch_free(cb);
    if (rc == 0) rc = libsi_batch_new(ctx, rs, "pension", pension_columns, 6, LIBSI_TRACE_NONE, &b);
    pension_row(5, buf, cells);
    if (rc == 0) rc = libsi_batch_run(b, cells);
    if (rc == 0) rc = libsi_batch_explain(b, &json);
    libsi_table_options o = LIBSI_TABLE_OPTIONS_INIT;
    o.threads = 2;
    o.level = LIBSI_TRACE_HASH;
    pension_row(3, buf, cells);
    memcpy(rows, cells, sizeof cells);
    memcpy(rows + 6, cells, sizeof cells);
    if (rc == 0) rc = libsi_batch_run_table(ctx, rs, "pension", pension_columns, 6, rows, 2, &o, &t);
    const char *col;
    size_t len;
    if (rc == 0) rc = libsi_table_column(t, 0, &col, &len);
    c->fail_at = 0; /* the context stays usable after a failure */
    if (rc == LIBSI_ENOMEM) {
        pension_row(4, buf, cells);
        assert_true(!b || libsi_batch_run(b, cells) == 0);
    }
    libsi_table_free(t);
    libsi_batch_free(b);
    libsi_ctx_free(ctx);
    return rc;
}

/* Issue #10: the out-of-memory loop covers the batch path. */
static void allocation_failure_everywhere(void **state)
{
    libsi_ruleset *rs = *state;
    for (long n = 1;; n++) {
        counter c = {0, 0, n};
        int rc = batch_session(rs, &c);
        assert_int_equal(c.live, 0);
        if (rc == 0)
            break;
        if (rc != LIBSI_ENOMEM)
            fprintf(stderr, "allocation %ld: %d\n", n, rc);
        assert_int_equal(rc, LIBSI_ENOMEM);
        assert_true(n < 100000);
    }
}

/* A table of more rows than one part holds (libsi/api/table.c: at most
 * 32,768 rows a part, taken by the threads one at a time): 1 and 2 threads
 * give the same columns, and bad rows in the first and the last part (and
 * on the first row of the second) fail alone with their own row numbers. */
static void table_of_several_parts(void **state)
{
    libsi_ruleset *rs = *state;
    enum { ROWS = 70000 };
    static const size_t bad[] = {5, 32768, ROWS - 1};
    char (*buf)[3][32] = malloc(ROWS * sizeof *buf);
    const char **cells = malloc(ROWS * 6 * sizeof *cells);
    assert_non_null(buf);
    assert_non_null(cells);
    for (long i = 0; i < ROWS; i++)
        pension_row(i, buf[i], cells + i * 6);
    for (size_t k = 0; k < 3; k++)
        cells[bad[k] * 6 + 2] = "1970-02-30";
    libsi_ctx *ctx;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    libsi_table *t[2];
    for (int k = 0; k < 2; k++) {
        libsi_table_options o = LIBSI_TABLE_OPTIONS_INIT;
        o.threads = k ? 2 : 1;
        assert_int_equal(libsi_batch_run_table(ctx, rs, "pension", pension_columns, 6, cells,
                                               ROWS, &o, &t[k]), 0);
        assert_int_equal(libsi_table_rows(t[k]), ROWS);
        assert_int_equal(libsi_table_error_count(t[k]), 3);
        for (size_t e = 0; e < 3; e++) {
            size_t row;
            int code;
            const char *message;
            assert_int_equal(libsi_table_error(t[k], e, &row, &code, &message), 0);
            assert_int_equal(row, bad[e]);
            assert_null(libsi_table_text(t[k], bad[e], 0));
        }
    }
    for (size_t col = 0; col < libsi_table_output_count(t[0]); col++) {
        const char *a, *b;
        size_t la, lb;
        assert_int_equal(libsi_table_column(t[0], col, &a, &la), 0);
        assert_int_equal(libsi_table_column(t[1], col, &b, &lb), 0);
        assert_int_equal(la, lb);
        assert_memory_equal(a, b, la);
    }
    /* a row of the last part as one batch computes it */
    libsi_batch *b;
    const char *total;
    assert_int_equal(libsi_batch_new(ctx, rs, "pension", pension_columns, 6, LIBSI_TRACE_NONE,
                                     &b), 0);
    assert_int_equal(libsi_batch_run(b, cells + 69000 * 6), 0);
    assert_int_equal(libsi_batch_output_text(b, (size_t)libsi_batch_output_index(b, "total"),
                                             &total), 0);
    for (size_t col = 0; col < libsi_table_output_count(t[1]); col++)
        if (strcmp(libsi_table_output_name(t[1], col), "total") == 0)
            assert_string_equal(libsi_table_text(t[1], 69000, col), total);
    libsi_batch_free(b);
    libsi_table_free(t[0]);
    libsi_table_free(t[1]);
    libsi_ctx_free(ctx);
    free(cells);
    free(buf);
}

/* The same rows on 1 and 8 threads: byte-identical columns, hashes, errors. */
static void table_thread_count_does_not_matter(void **state)
{
    libsi_ruleset *rs = *state;
    enum { ROWS = 1000 };
    static char buf[ROWS][3][32];
    static const char *cells[ROWS * 6];
    for (long i = 0; i < ROWS; i++)
        pension_row(i, buf[i], cells + i * 6);
    cells[7 * 6 + 2] = "1970-02-30"; /* row 7: no such day */
    libsi_ctx *ctx;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    libsi_table *t[2];
    for (int k = 0; k < 2; k++) {
        libsi_table_options o = LIBSI_TABLE_OPTIONS_INIT;
        o.threads = k ? 8 : 1;
        o.level = LIBSI_TRACE_HASH;
        assert_int_equal(libsi_batch_run_table(ctx, rs, "pension", pension_columns, 6, cells,
                                               ROWS, &o, &t[k]), 0);
    }
    for (size_t col = 0; col < libsi_table_output_count(t[0]); col++) {
        const char *a, *b;
        size_t la, lb;
        assert_int_equal(libsi_table_column(t[0], col, &a, &la), 0);
        assert_int_equal(libsi_table_column(t[1], col, &b, &lb), 0);
        assert_int_equal(la, lb);
        assert_memory_equal(a, b, la);
    }
    for (size_t r = 0; r < ROWS; r++)
        assert_string_equal(libsi_table_hash(t[0], r), libsi_table_hash(t[1], r));
    size_t row;
    int code;
    const char *message;
    assert_int_equal(libsi_table_error_count(t[1]), 1);
    assert_int_equal(libsi_table_error(t[1], 0, &row, &code, &message), 0);
    assert_int_equal(row, 7);
    assert_int_equal(code, LIBSI_EINPUT);
    assert_non_null(strstr(message, "birth_date"));
    assert_null(libsi_table_text(t[1], 7, 0));
    int64_t fen[ROWS];
    unsigned char ok[ROWS];
    int total = -1;
    for (size_t col = 0; col < libsi_table_output_count(t[1]); col++)
        if (strcmp(libsi_table_output_name(t[1], col), "total") == 0)
            total = (int)col;
    assert_int_equal(libsi_table_column_fen(t[1], (size_t)total, fen, ok), 0);
    assert_int_equal(ok[7], 0);
    libsi_ctx *c2 = ctx;
    int64_t f;
    assert_int_equal(libsi_decimal_to_fen(c2, libsi_table_text(t[1], 8, (size_t)total), &f), 0);
    assert_int_equal(fen[8], f);
    libsi_table_free(t[0]);
    libsi_table_free(t[1]);
    libsi_ctx_free(ctx);
}

/* A result with a full trace keeps its ruleset alive (it points into it). */
static void result_outlives_ruleset(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    libsi_case *c;
    libsi_result *r;
    char *before, *after;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    assert_int_equal(libsi_ruleset_builtin(ctx, &rs), 0);
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    assert_int_equal(libsi_case_set(ctx, c, "city", "guangzhou"), 0);
    assert_int_equal(libsi_case_set(ctx, c, "month", "2025-08"), 0);
    assert_int_equal(libsi_case_set(ctx, c, "wage", "9000"), 0);
    assert_int_equal(libsi_calculate(ctx, rs, "contributions", c, &r), 0);
    assert_int_equal(libsi_result_json(ctx, r, &before), 0);
    libsi_ruleset_free(rs);
    libsi_case_free(c);
    assert_int_equal(libsi_result_json(ctx, r, &after), 0);
    assert_string_equal(before, after);
    assert_non_null(strstr(after, "粤人社发〔2025〕32号"));
    libsi_free(ctx, before);
    libsi_free(ctx, after);
    libsi_result_free(r);
    libsi_ctx_free(ctx);
}

static int setup(void **state)
{
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    if (libsi_ctx_new(NULL, &ctx) != 0 || libsi_ruleset_builtin(ctx, &rs) != 0)
        return -1;
    libsi_ctx_free(ctx);
    *state = rs;
    return 0;
}

static int teardown(void **state)
{
    libsi_ruleset_free(*state);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_allocation_per_row),
        cmocka_unit_test(documents_at_trace_none_show_the_given_texts),
        cmocka_unit_test(missing_required_inputs_fail_the_row),
        cmocka_unit_test(bad_row_fails_alone),
        cmocka_unit_test(output_write_into_caller_buffer),
        cmocka_unit_test(bad_columns_are_refused),
        cmocka_unit_test(allocation_failure_everywhere),
        cmocka_unit_test(table_thread_count_does_not_matter),
        cmocka_unit_test(table_of_several_parts),
        cmocka_unit_test(result_outlives_ruleset),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

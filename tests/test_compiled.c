/*
 * The compiled paths of batch rows (libsi/calc/compiled.h, issue #10) against
 * the schemes' kernels: the same rows through a batch at trace level none
 * (the compiled path where a row suits it) and through a batch at trace
 * level hash (always the kernel) give the same return code, the same output
 * texts and flags, the same error code, field and message, and the same
 * JSON document.  Each test also requires that the compiled path took most
 * rows and refused the rows it must refuse, so that it cannot pass by
 * comparing the kernel with itself.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "libsi.h"
#include "vectors.h"

bool lsi_batch_row_compiled(const libsi_batch *b); /* libsi/api/result.h */
void lsi_batch_without_documents(libsi_batch *b);

typedef struct pair {
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    libsi_batch *compiled, *kernel;
    long rows, taken;
} pair;

static uint64_t rng = 20261202;

static uint64_t next(void) /* splitmix64 */
{
    uint64_t z = (rng += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static const char *pick(const char *const *list, size_t n)
{
    return list[next() % n];
}

/* Two batches of `scheme` on the built-in rules, or with `rule_file` of
 * tests/data/compiled-rules/ beside them. */
static void pair_open_with(pair *p, const char *scheme, const char *const *columns, size_t n,
                           const char *rule_file)
{
    char extra[128];
    memset(p, 0, sizeof *p);
    assert_int_equal(libsi_ctx_new(NULL, &p->ctx), 0);
    snprintf(extra, sizeof extra, "compiled-rules/%s", rule_file ? rule_file : "");
    int rc = rule_file ? vec_rules_with(p->ctx, extra, &p->rs)
                       : libsi_ruleset_builtin(p->ctx, &p->rs);
    if (rc != 0)
        fail_msg("rules %s: %s", rule_file ? rule_file : "(built-in)", libsi_ctx_message(p->ctx));
    assert_int_equal(libsi_batch_new(p->ctx, p->rs, scheme, columns, n, LIBSI_TRACE_NONE,
                                     &p->compiled), 0);
    assert_int_equal(libsi_batch_new(p->ctx, p->rs, scheme, columns, n, LIBSI_TRACE_HASH,
                                     &p->kernel), 0);
}

static void pair_open(pair *p, const char *scheme, const char *const *columns, size_t n)
{
    pair_open_with(p, scheme, columns, n, NULL);
}

static void pair_close(pair *p)
{
    libsi_batch_free(p->compiled);
    libsi_batch_free(p->kernel);
    libsi_ruleset_free(p->rs);
    libsi_ctx_free(p->ctx);
}

/* The error of the last call: code, field and message in one text. */
static void error_of(libsi_ctx *ctx, int rc, char *buf, size_t n)
{
    snprintf(buf, n, "%d %s: %s", rc, libsi_ctx_field(ctx), libsi_ctx_message(ctx));
}

/* Outputs and flags of the two batches' rows, equal. */
static void same_outputs(pair *p, const char *row)
{
    size_t n = libsi_batch_output_count(p->kernel);
    for (size_t i = 0; i < n; i++) {
        const char *want = NULL, *got = NULL;
        int a = libsi_batch_output_text(p->kernel, i, &want);
        int b = libsi_batch_output_text(p->compiled, i, &got);
        if (a != b || (a == 0 && (!want) != (!got)) || (want && got && strcmp(want, got) != 0))
            fail_msg("row %s: output %s: kernel '%s', compiled '%s'", row,
                     libsi_batch_output_name(p->kernel, i), want ? want : "(unset)",
                     got ? got : "(unset)");
    }
    if (libsi_batch_flags(p->kernel) != libsi_batch_flags(p->compiled))
        fail_msg("row %s: flags: kernel %#x, compiled %#x", row, libsi_batch_flags(p->kernel),
                 libsi_batch_flags(p->compiled));
}

/* The documents of a case with the row's non-empty cells, as
 * libsi_calculate_traced gives them at trace level none. */
static void case_documents(pair *p, const char *scheme, const char *const *cols,
                           const char *const *cells, size_t n, char *docs[2])
{
    libsi_case *c;
    libsi_result *r;
    assert_int_equal(libsi_case_new(p->ctx, &c), 0);
    for (size_t i = 0; i < n; i++)
        if (cells[i] && *cells[i])
            assert_int_equal(libsi_case_set(p->ctx, c, cols[i], cells[i]), 0);
    assert_int_equal(libsi_calculate_traced(p->ctx, p->rs, scheme, c, LIBSI_TRACE_NONE, &r), 0);
    assert_int_equal(libsi_result_json(p->ctx, r, &docs[0]), 0);
    assert_int_equal(libsi_result_explain(p->ctx, r, &docs[1]), 0);
    libsi_result_free(r);
    libsi_case_free(c);
}

/* A compiled row's JSON and explanation, asked for after its cells are
 * gone (overwritten), equal those of the case. */
static void documents_of_compiled_row(pair *p, const char *scheme, const char *const *cols,
                                      const char *const *row, size_t n)
{
    char copy[16][32], *want[2];
    const char *cells[16], *text;
    for (size_t c = 0; c < n; c++)
        cells[c] = strcpy(copy[c], row[c]);
    case_documents(p, scheme, cols, cells, n, want);
    assert_int_equal(libsi_batch_run(p->compiled, cells), 0);
    assert_true(lsi_batch_row_compiled(p->compiled));
    memset(copy, 'x', sizeof copy);
    assert_int_equal(libsi_batch_explain(p->compiled, &text), 0);
    assert_string_equal(text, want[1]);
    assert_int_equal(libsi_batch_json(p->compiled, &text, NULL), 0);
    assert_string_equal(text, want[0]);
    libsi_free(p->ctx, want[0]);
    libsi_free(p->ctx, want[1]);
}

/* One row through both; returns whether the compiled path took it. */
static bool compare_row(pair *p, const char *const *cells, const char *row)
{
    char want[512], got[512];
    int a = libsi_batch_run(p->kernel, cells);
    error_of(p->ctx, a, want, sizeof want);
    int b = libsi_batch_run(p->compiled, cells);
    error_of(p->ctx, b, got, sizeof got);
    bool taken = lsi_batch_row_compiled(p->compiled);
    if (a != b || (a != 0 && strcmp(want, got) != 0))
        fail_msg("row %s: kernel %s; compiled %s", row, want, got);
    if (a == 0)
        same_outputs(p, row);
    p->rows++;
    p->taken += taken;
    return taken;
}

/* ------------------------------------------------------ contributions */

static const char *const CONTRIB_COLS[] = {"city", "month", "wage", "participant",
                                           "industry_class", "floating_level", "known_on",
                                           "carry_forward"};

/* A wage: mostly fen in the usual form around the bands' limits, sometimes
 * a form or a value the compiled path leaves to the kernel. */
static void wage_text(char *buf)
{
    static const char *const odd[] = {"0", "007.50", "1.", ".5", "-1", "1234.567", "1e3", "",
                                      "12345678901234.56", "99999999999.99", "100000000000", "4000.0",
                                      "+5"};
    long u = (long)(next() % 100);
    if (u < 8) {
        strcpy(buf, pick(odd, sizeof odd / sizeof *odd));
        return;
    }
    long fen = u < 30 ? (long)(next() % 500000) : u < 80 ? 400000 + (long)(next() % 4000000)
                                                         : 4000000 + (long)(next() % 4000000);
    if (u % 3 == 0)
        sprintf(buf, "%ld", fen / 100);
    else if (u % 3 == 1)
        sprintf(buf, "%ld.%01ld", fen / 100, fen / 10 % 10);
    else
        sprintf(buf, "%ld.%02ld", fen / 100, fen % 100);
}

/* A value of `usual` 24 times in 25, else one of `odd`. */
#define USUAL(usual, odd)                                                                          \
    (next() % 25 ? pick(usual, sizeof usual / sizeof *usual) : pick(odd, sizeof odd / sizeof *odd))

/* The texts of a generated row that are not static. */
typedef struct contrib_texts {
    char month[16], wage[32];
} contrib_texts;

/* Random row i over the cities, months, participant types, classes and
 * levels of the rule data, and forms the compiled path must refuse. */
static void contrib_row(int i, contrib_texts *t, const char *cells[8])
{
    static const char *const cities[] = {"guangzhou", "zhaoqing", "zhanjiang", "440100",
                                         "湛江", "天河"},
                             *const odd_cities[] = {"atlantis", "shenzhen", "", "foshan"};
    static const char *const participants[] = {"", "employee", "flexible"},
                             *const odd_participants[] = {"Employee", "flexible "};
    static const char *const classes[] = {"", "", "", "1", "2", "5", "8", "3"},
                             *const odd_classes[] = {"9", "01", "0", "x"};
    static const char *const levels[] = {"", "", "", "1", "0.8", "1.2", "1.5", "1.00", "0.7"},
                             *const odd_levels[] = {"-1", "0.5", "3", "2"};
    static const char *const dated[] = {""}, *const odd_dated[] = {"2025-01-01", "false"};
    bool odd = next() % 20 == 0; /* months without data, or written otherwise */
    int y = odd ? 2019 + (int)(next() % 9) : 2024 + (int)(next() % 3), m = 1 + (int)(next() % 12);
    if (!odd && ((y == 2024 && m < 7) || (y == 2026 && m > 6)))
        m = 7;
    snprintf(t->month, sizeof t->month, odd && next() % 2 ? "%04d-%d" : "%04d-%02d", y, m);
    wage_text(t->wage);
    const char *row[8] = {USUAL(cities, odd_cities), t->month, t->wage,
                          USUAL(participants, odd_participants), USUAL(classes, odd_classes),
                          USUAL(levels, odd_levels), USUAL(dated, odd_dated), ""};
    if (i % 97 == 0) /* carry_forward given: the kernel's */
        row[7] = "true";
    memcpy(cells, row, sizeof row);
}

static void contributions_as_the_kernel(void **state)
{
    (void)state;
    pair p;
    pair_open(&p, "contributions", CONTRIB_COLS, 8);
    for (int i = 0; i < 40000; i++) {
        contrib_texts t;
        const char *cells[8];
        char id[128];
        contrib_row(i, &t, cells);
        snprintf(id, sizeof id, "%d %s,%s,%s,%s,%s,%s,%s,%s", i, cells[0], cells[1], cells[2],
                 cells[3], cells[4], cells[5], cells[6], cells[7]);
        compare_row(&p, cells, id);
    }
    /* the compiled path took most rows (not all: odd forms, errors) */
    if (p.taken < p.rows / 2 || p.taken == p.rows)
        fail_msg("compiled %ld of %ld rows", p.taken, p.rows);
    pair_close(&p);
}

/* A table (libsi_batch_run_table, whose batches keep no cells for
 * documents) of random rows on 2 threads: each row's outputs, flags or
 * error as the kernel gives them. */
static void contributions_table_as_the_kernel(void **state)
{
    (void)state;
    enum { ROWS = 20000 };
    contrib_texts *t = malloc(ROWS * sizeof *t);
    const char **cells = malloc(ROWS * 8 * sizeof *cells);
    assert_non_null(t);
    assert_non_null(cells);
    for (int i = 0; i < ROWS; i++)
        contrib_row(i, &t[i], cells + i * 8);
    pair p;
    pair_open(&p, "contributions", CONTRIB_COLS, 8);
    libsi_table *table;
    libsi_table_options o = LIBSI_TABLE_OPTIONS_INIT;
    o.threads = 2;
    assert_int_equal(libsi_batch_run_table(p.ctx, p.rs, "contributions", CONTRIB_COLS, 8, cells,
                                           ROWS, &o, &table), 0);
    size_t errors = 0, n_out = libsi_table_output_count(table);
    for (size_t r = 0; r < ROWS; r++) {
        int rc = libsi_batch_run(p.kernel, cells + r * 8);
        if (rc != 0) {
            size_t row;
            int code;
            const char *message;
            assert_int_equal(libsi_table_error(table, errors++, &row, &code, &message), 0);
            assert_int_equal(row, r);
            assert_int_equal(code, rc);
            assert_string_equal(message, libsi_ctx_message(p.ctx));
            continue;
        }
        assert_int_equal(libsi_table_flags(table, r), libsi_batch_flags(p.kernel));
        for (size_t c = 0; c < n_out; c++) {
            const char *want = NULL, *got = libsi_table_text(table, r, c);
            int i = libsi_batch_output_index(p.kernel, libsi_table_output_name(table, c));
            assert_int_equal(libsi_batch_output_text(p.kernel, (size_t)i, &want), 0);
            if ((!want) != (!got) || (want && strcmp(want, got) != 0))
                fail_msg("row %zu: output %s: kernel '%s', table '%s'", r,
                         libsi_table_output_name(table, c), want ? want : "(unset)",
                         got ? got : "(unset)");
        }
    }
    assert_int_equal(libsi_table_error_count(table), errors);
    assert_true(errors > 0 && errors < ROWS / 2);
    /* most rows are ones a batch takes through the compiled path */
    long compiled = 0;
    for (size_t r = 0; r < ROWS; r++)
        compiled += libsi_batch_run(p.compiled, cells + r * 8) == 0 &&
                    lsi_batch_row_compiled(p.compiled);
    assert_true(compiled > ROWS / 2);
    /* such a batch keeps no cells: a compiled row has no documents */
    const char *row[8] = {"guangzhou", "2025-08", "12000", "", "", "", "", ""}, *text;
    lsi_batch_without_documents(p.compiled);
    assert_int_equal(libsi_batch_run(p.compiled, row), 0);
    assert_true(lsi_batch_row_compiled(p.compiled));
    assert_int_equal(libsi_batch_json(p.compiled, &text, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_explain(p.compiled, &text), LIBSI_EINVAL);
    libsi_table_free(table);
    pair_close(&p);
    free(cells);
    free(t);
}

/* Rows the compiled path must leave to the kernel, each checked alone. */
static void contributions_refused_forms(void **state)
{
    (void)state;
    static const char *const rows[][8] = {
        {"guangzhou", "2025-08", "9000", "", "", "", "2025-09-01", ""},   /* known_on */
        {"guangzhou", "2025-08", "9000", "", "", "", "", "true"},         /* carry_forward */
        {"guangzhou", "2025-8", "9000", "", "", "", "", ""},              /* month form */
        {"guangzhou", "2025-08", "9000.001", "", "", "", "", ""},         /* a third decimal */
        {"guangzhou", "2025-08", "-9000", "", "", "", "", ""},            /* negative */
        {"guangzhou", "2025-08", "9000", "", "9", "", "", ""},            /* class 9 */
        {"guangzhou", "2025-08", "9000", "", "1", "0.5", "", ""},         /* below class 1's band */
        {"atlantis", "2025-08", "9000", "", "", "", "", ""},              /* unknown city */
        {"guangzhou", "2030-08", "9000", "", "", "", "", ""},             /* no rule values */
        {"guangzhou", "2025-08", "100000000000", "", "", "", "", ""},     /* 10^11 yuan: beyond its room */
        {"a city name longer than thirty-two bytes", "2025-08", "9000", "", "", "", "", ""},
    };
    pair p;
    pair_open(&p, "contributions", CONTRIB_COLS, 8);
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char id[16];
        snprintf(id, sizeof id, "refused %zu", i);
        if (compare_row(&p, rows[i], id))
            fail_msg("row %s took the compiled path", id);
    }
    static const char *const ok[8] = {"guangzhou", "2025-08", "9000", "", "", "", "", ""};
    assert_true(compare_row(&p, ok, "plain"));
    pair_close(&p);
}

/* Documents of compiled rows: employee and flexible, a city by name and by
 * code, a wage with leading zeros (shown as given where that differs). */
static void contributions_documents(void **state)
{
    (void)state;
    static const char *const rows[][8] = {
        {"guangzhou", "2025-08", "9000", "", "", "", "", ""},
        {"440100", "2025-03", "0031000.5", "flexible", "", "", "", ""},
        {"湛江", "2024-11", "2000.05", "employee", "3", "1.2", "", ""},
    };
    pair p;
    pair_open(&p, "contributions", CONTRIB_COLS, 8);
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        documents_of_compiled_row(&p, "contributions", CONTRIB_COLS, rows[i], 8);
    pair_close(&p);
}

/* Rule values of the forms the compiled path binds and of those it leaves to
 * the kernel (tests/data/compiled-rules/guangzhou-2030.yaml: one month
 * each): every row as the kernel gives it, and taken or not as the month's
 * values say (`employee`, `flexible`: whether rows of that participant type
 * may take the compiled path). */
static void contributions_odd_rule_values(void **state)
{
    (void)state;
    static const struct {
        const char *month;
        bool employee, flexible;
    } months[] = {{"2030-01", true, true},   {"2030-02", false, false}, {"2030-03", false, true},
                  {"2030-04", false, true},  {"2030-05", true, true},   {"2030-06", false, true},
                  {"2030-07", false, true},  {"2030-08", false, false}, {"2030-09", true, true}};
    static const char *const wages[] = {"1000", "2499.99", "2999.99", "3000", "3000.55", "3000.56",
                                        "15000", "19999.99", "20000.01", "25000", "30000.01",
                                        "45000"};
    static const char *const participants[] = {"", "flexible"}, *const classes[] = {"", "2"};
    pair p;
    pair_open_with(&p, "contributions", CONTRIB_COLS, 8, "guangzhou-2030.yaml");
    for (size_t m = 0; m < sizeof months / sizeof *months; m++)
        for (size_t w = 0; w < sizeof wages / sizeof *wages; w++)
            for (size_t k = 0; k < 4; k++) {
                const char *cells[8] = {"guangzhou", months[m].month, wages[w], participants[k / 2],
                                        classes[k % 2], "", "", ""};
                char id[96];
                snprintf(id, sizeof id, "%s %s %s class %s", cells[1], cells[2], cells[3],
                         cells[4]);
                bool taken = compare_row(&p, cells, id);
                if (taken != (k / 2 ? months[m].flexible : months[m].employee))
                    fail_msg("row %s: compiled path %s", id, taken ? "taken" : "not taken");
            }
    pair_close(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(contributions_as_the_kernel),
        cmocka_unit_test(contributions_table_as_the_kernel),
        cmocka_unit_test(contributions_refused_forms),
        cmocka_unit_test(contributions_documents),
        cmocka_unit_test(contributions_odd_rule_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

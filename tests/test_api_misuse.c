/*
 * The public API called wrongly: NULL arguments, indices past the end, bad
 * options.  Each call must return the code its header documents (the
 * headers under include/libsi: "@return 0, LIBSI_EINVAL ...", "NULL accepted", "or NULL past
 * the end"), leave a message on the context when it has one, and leave the
 * context usable.  Written for the coverage gate (docs/testing.md, "Gates"):
 * these are the guard paths the end-to-end tests never take.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* NULL arguments are passed on purpose: no compile-time nonnull checks. */
#define LIBSI_NONNULL(...)
#include "libsi.h"

static libsi_ruleset *rules;

static libsi_ctx *new_ctx(void)
{
    libsi_ctx *ctx = NULL;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    return ctx;
}

/* The error left a message naming something, and the context still works. */
static void named_and_usable(libsi_ctx *ctx, int code)
{
    assert_int_equal(libsi_ctx_code(ctx), code);
    assert_true(strlen(libsi_ctx_message(ctx)) > 0);
    char *out = NULL;
    assert_int_equal(libsi_decimal_normalize(ctx, "1.50", &out), 0);
    assert_string_equal(out, "1.50");
    libsi_free(ctx, out);
    assert_int_equal(libsi_ctx_code(ctx), 0);
    assert_string_equal(libsi_ctx_message(ctx), "");
}

static void context_and_allocator(void **state)
{
    (void)state;
    libsi_allocator half = {sizeof(libsi_allocator), NULL, NULL, NULL, NULL};
    libsi_ctx *ctx = NULL;
    assert_int_equal(libsi_ctx_new(&half, &ctx), LIBSI_EINVAL); /* all three are required */
    assert_null(ctx);
    libsi_ctx_free(NULL);
    libsi_free(NULL, NULL);
    ctx = new_ctx();
    libsi_free(ctx, NULL);
    assert_string_equal(libsi_ctx_message(ctx), "");
    assert_string_equal(libsi_ctx_field(ctx), "");
    assert_int_equal(libsi_ctx_code(ctx), 0);
    libsi_ctx_free(ctx);
}

static void decimals(void **state)
{
    (void)state;
    libsi_ctx *ctx = new_ctx();
    char *out = NULL;
    int64_t fen;
    unsigned flags = 7;
    assert_int_equal(libsi_decimal_normalize(ctx, "1", NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_decimal_normalize(NULL, "1", &out), LIBSI_EINVAL);
    assert_int_equal(libsi_decimal_normalize(ctx, NULL, &out), LIBSI_EDECIMAL);
    named_and_usable(ctx, LIBSI_EDECIMAL);
    assert_int_equal(libsi_decimal_round(ctx, "1", LIBSI_ROUND_HALF_UP, "0.01", NULL, NULL),
                     LIBSI_EINVAL);
    assert_int_equal(libsi_decimal_round(ctx, "1", LIBSI_ROUND_HALF_UP, NULL, NULL, &out),
                     LIBSI_EINVAL);
    assert_int_equal(libsi_decimal_round(ctx, "1", (libsi_round_mode)99, "0.01", NULL, &out),
                     LIBSI_EINVAL);
    assert_string_equal(libsi_ctx_field(ctx), "quantum");
    /* 10^36 - 1 rounded up to a million no longer has 36 digits. */
    assert_int_equal(libsi_decimal_round(ctx, "999999999999999999999999999999999999", LIBSI_ROUND_UP, "1000000", &flags, &out),
                     LIBSI_ERANGE);
    assert_int_equal(libsi_decimal_to_fen(ctx, "1", NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_decimal_to_fen(ctx, "x", &fen), LIBSI_EDECIMAL);
    assert_int_equal(libsi_decimal_to_fen(ctx, "0.001", &fen), LIBSI_ERANGE);
    assert_non_null(strstr(libsi_ctx_message(ctx), "whole number of fen"));
    /* 2^63 fen do not fit: 92233720368547758.08 yuan */
    assert_int_equal(libsi_decimal_to_fen(ctx, "92233720368547758.08", &fen), LIBSI_ERANGE);
    assert_non_null(strstr(libsi_ctx_message(ctx), "64 bits"));
    assert_int_equal(libsi_decimal_to_fen(ctx, "92233720368547758.07", &fen), 0);
    assert_true(fen == INT64_MAX);
    assert_null(libsi_round_mode_name((libsi_round_mode)99));
    libsi_round_mode m;
    assert_int_equal(libsi_round_mode_parse(NULL, &m), LIBSI_EINVAL);
    assert_int_equal(libsi_round_mode_parse("half_up", NULL), LIBSI_EINVAL);
    libsi_ctx_free(ctx);
}

static void cases_and_schema(void **state)
{
    (void)state;
    libsi_ctx *ctx = new_ctx();
    libsi_case *c = NULL;
    char long_name[300];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    assert_int_equal(libsi_case_new(ctx, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    assert_int_equal(libsi_case_set(ctx, NULL, "city", "x"), LIBSI_EINVAL);
    assert_int_equal(libsi_case_set(ctx, c, NULL, "x"), LIBSI_EINVAL);
    assert_int_equal(libsi_case_set(ctx, c, "city", NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_case_set(ctx, c, long_name, "x"), LIBSI_EINPUT);
    named_and_usable(ctx, LIBSI_EINPUT);
    /* a case holds at most 256 inputs */
    char name[16];
    int rc = 0, i;
    for (i = 0; i < 300 && rc == 0; i++) {
        snprintf(name, sizeof name, "in%d", i);
        rc = libsi_case_set(ctx, c, name, "1");
    }
    assert_int_equal(rc, LIBSI_EINPUT);
    assert_int_equal(i, 257);
    assert_non_null(strstr(libsi_ctx_message(ctx), "256"));
    assert_int_equal(libsi_case_set(ctx, c, "in0", "2"), 0); /* replacing still works */
    assert_string_equal(libsi_case_get(c, "in0"), "2");
    assert_null(libsi_case_get(c, "nope"));
    assert_null(libsi_case_get(NULL, "in0"));
    libsi_case_free(c);
    libsi_case_free(NULL);
    c = NULL;
    assert_int_equal(libsi_case_load(ctx, NULL, &c), LIBSI_EINVAL);
    assert_int_equal(libsi_case_load(ctx, "/nonexistent/case.yaml", &c), LIBSI_EIO);
    assert_null(c);
    assert_int_equal(libsi_case_load_buffer(ctx, NULL, 0, "x", &c), LIBSI_ECASE); /* no document */
    assert_int_equal(libsi_case_load_buffer(ctx, "a: 1\n", 5, "x", NULL), LIBSI_EINVAL);
    static const char *const bad_cases[] = {
        "- a\n- b\n",                 /* not a mapping */
        "a: [x, [y]]\n",              /* a list of lists */
        "a: [\"x,y\"]\n",             /* a list item with a comma */
        "a: {b: 1}\n",                /* a nested mapping */
        "a: 1\na: 2\n",               /* a repeated key */
        "a: [unclosed\n",             /* not YAML */
    };
    for (size_t k = 0; k < sizeof bad_cases / sizeof bad_cases[0]; k++) {
        rc = libsi_case_load_buffer(ctx, bad_cases[k], strlen(bad_cases[k]), "bad", &c);
        if (rc != LIBSI_ECASE)
            fprintf(stderr, "case %zu: %d %s\n", k, rc, libsi_ctx_message(ctx));
        assert_int_equal(rc, LIBSI_ECASE);
        assert_non_null(strstr(libsi_ctx_message(ctx), "bad"));
        assert_null(c);
    }
    const char nulls[] = "a: 1\nb: ~\nc: [x, y]\n";
    assert_int_equal(libsi_case_load_buffer(ctx, nulls, strlen(nulls), "ok", &c), 0);
    assert_string_equal(libsi_case_get(c, "a"), "1");
    assert_null(libsi_case_get(c, "b"));          /* an explicit null leaves it unset */
    assert_string_equal(libsi_case_get(c, "c"), "x,y");
    libsi_case_free(c);

    char *json = NULL;
    assert_null(libsi_schema_field(NULL, LIBSI_FIELD_INPUT, 0));
    assert_null(libsi_schema_field("pensions", LIBSI_FIELD_INPUT, 0));
    assert_null(libsi_schema_field("pension", LIBSI_FIELD_INPUT, 1000));
    assert_null(libsi_schema_description("pensions"));
    assert_null(libsi_schema_description(NULL));
    assert_int_equal(libsi_schema_json(ctx, "pensions", &json), LIBSI_ESCHEME);
    assert_int_equal(libsi_schema_json(ctx, "pension", NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_schema_json(ctx, "pension", &json), 0);
    assert_non_null(strstr(json, "\"retirement_group\""));
    libsi_free(ctx, json);
    libsi_ctx_free(ctx);
}

static void calculations_and_results(void **state)
{
    (void)state;
    libsi_ctx *ctx = new_ctx();
    libsi_case *c;
    libsi_result *r = (libsi_result *)&r;
    char *text;
    int64_t fen;
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    assert_int_equal(libsi_calculate(ctx, NULL, "contributions", c, &r), LIBSI_EINVAL);
    r = NULL;
    assert_int_equal(libsi_calculate(ctx, rules, NULL, c, &r), LIBSI_EINVAL);
    assert_int_equal(libsi_calculate(ctx, rules, "contributions", NULL, &r), LIBSI_EINVAL);
    assert_int_equal(libsi_calculate(ctx, rules, "contributions", c, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_calculate(ctx, rules, "contribution", c, &r), LIBSI_ESCHEME);
    assert_string_equal(libsi_ctx_field(ctx), "scheme");
    assert_int_equal(libsi_calculate_traced(ctx, rules, "contributions", c,
                                            (libsi_trace_level)3, &r), LIBSI_EINVAL);
    assert_int_equal(libsi_case_set(ctx, c, "salary", "1"), 0);
    assert_int_equal(libsi_calculate(ctx, rules, "contributions", c, &r), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_field(ctx), "salary");               /* not an input */
    libsi_case_free(c);
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    assert_int_equal(libsi_case_set(ctx, c, "city", "guangzhou"), 0);
    assert_int_equal(libsi_case_set(ctx, c, "month", "2025-08"), 0);
    assert_int_equal(libsi_case_set(ctx, c, "wage", "9000"), 0);
    assert_int_equal(libsi_calculate(ctx, rules, "contributions", c, &r), 0);
    assert_null(libsi_result_name(r, 1000));
    assert_null(libsi_result_value(r, 1000));
    assert_null(libsi_result_get(r, "nope"));
    assert_null(libsi_result_get(NULL, "total"));
    assert_int_equal(libsi_result_count(NULL), 0);
    assert_int_equal(libsi_result_flags(NULL), 0);
    assert_int_equal(libsi_result_get_fen(ctx, r, "nope", &fen), LIBSI_EINVAL);
    assert_int_equal(libsi_result_get_fen(ctx, r, "employee_total", NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_result_get_fen(ctx, NULL, "employee_total", &fen), LIBSI_EINVAL);
    assert_int_equal(libsi_result_get_fen(ctx, r, "employee_total", &fen), 0);
    /* 8 % + 0.2 % of 9000 (pension and unemployment, 粤人社发〔2025〕32号) */
    assert_true(fen == 73800);
    assert_int_equal(libsi_result_json(ctx, r, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_result_json(ctx, NULL, &text), LIBSI_EINVAL);
    assert_int_equal(libsi_result_explain(ctx, r, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_result_explain(ctx, NULL, &text), LIBSI_EINVAL);
    named_and_usable(ctx, LIBSI_EINVAL);
    libsi_result_free(r);
    libsi_result_free(NULL);
    libsi_case_free(c);
    libsi_ctx_free(ctx);
}

static void batches_and_tables(void **state)
{
    (void)state;
    libsi_ctx *ctx = new_ctx();
    libsi_batch *b = (libsi_batch *)&b;
    const char *cols[] = {"city", "month", "wage"}, *row[] = {"guangzhou", "2025-08", "9000"};
    const char *text;
    size_t len;
    int64_t fen;
    assert_int_equal(libsi_batch_new(ctx, NULL, "contributions", cols, 3, LIBSI_TRACE_NONE, &b),
                     LIBSI_EINVAL);
    b = NULL;
    assert_int_equal(libsi_batch_new(ctx, rules, "contributions", NULL, 3, LIBSI_TRACE_NONE, &b),
                     LIBSI_EINVAL);
    assert_int_equal(libsi_batch_new(ctx, rules, "contributions", cols, 3, LIBSI_TRACE_NONE,
                                     NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_run(NULL, row), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_new(ctx, rules, "contributions", cols, 3, LIBSI_TRACE_NONE, &b),
                     0);
    assert_int_equal(libsi_batch_run(b, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_output_fen(b, 0, &fen), LIBSI_EINVAL); /* no row yet */
    assert_int_equal(libsi_batch_run(b, row), 0);
    assert_null(libsi_batch_output_name(b, 1000));
    assert_int_equal(libsi_batch_output_index(b, "nope"), -1);
    assert_int_equal(libsi_batch_output_text(b, 1000, &text), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_output_fen(b, 1000, &fen), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_output_text(b, 0, NULL), LIBSI_EINVAL);
    int rate = libsi_batch_output_index(b, "pension_employee_rate");
    if (rate >= 0) /* a ratio with more than two decimals is not an amount of fen */
        assert_int_equal(libsi_batch_output_fen(b, (size_t)rate, &fen), LIBSI_ERANGE);
    assert_string_equal(libsi_batch_hash(b), "");          /* below LIBSI_TRACE_HASH */
    assert_int_equal(libsi_batch_json(b, NULL, &len), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_explain(b, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_output_count(NULL), 0);
    assert_null(libsi_batch_output_name(NULL, 0));
    assert_int_equal(libsi_batch_output_index(NULL, "x"), -1);
    assert_int_equal(libsi_batch_flags(NULL), 0);
    libsi_batch_free(b);
    libsi_batch_free(NULL);

    libsi_table *t = (libsi_table *)&t;
    libsi_table_options o = LIBSI_TABLE_OPTIONS_INIT;
    const char *cells[] = {"guangzhou", "2025-08", "9000", "guangzhou", "2025-08", "x"};
    assert_int_equal(libsi_batch_run_table(ctx, rules, "contributions", cols, 3, cells, 2, NULL,
                                           &t), 0); /* no options: the defaults */
    assert_int_equal(libsi_table_rows(t), 2);
    assert_int_equal(libsi_table_error_count(t), 1); /* the second row's wage */
    libsi_table_free(t);
    t = NULL;
    o.size = 3;
    assert_int_equal(libsi_batch_run_table(ctx, rules, "contributions", cols, 3, cells, 2, &o,
                                           &t), LIBSI_EINVAL);
    assert_non_null(strstr(libsi_ctx_message(ctx), "libsi_table_options.size is 3"));
    o.size = sizeof o + 8; /* a newer caller's struct: fields this library cannot honour */
    assert_int_equal(libsi_batch_run_table(ctx, rules, "contributions", cols, 3, cells, 2, &o,
                                           &t), LIBSI_EINVAL);
    assert_string_equal(libsi_ctx_field(ctx), "size");
    o.size = sizeof o;
    o.level = LIBSI_TRACE_FULL;
    assert_int_equal(libsi_batch_run_table(ctx, rules, "contributions", cols, 3, cells, 2, &o,
                                           &t), LIBSI_EINVAL);
    assert_string_equal(libsi_ctx_field(ctx), "level");
    o.level = LIBSI_TRACE_NONE;
    o.threads = 257;
    assert_int_equal(libsi_batch_run_table(ctx, rules, "contributions", cols, 3, cells, 2, &o,
                                           &t), LIBSI_EINVAL);
    o.threads = 1;
    const char *want[] = {"employee_total", "nope"};
    o.outputs = want;
    o.n_outputs = 2;
    assert_int_equal(libsi_batch_run_table(ctx, rules, "contributions", cols, 3, cells, 2, &o,
                                           &t), LIBSI_EINVAL);
    assert_non_null(strstr(libsi_ctx_message(ctx), "'nope' is not an output"));
    o.n_outputs = 1;
    assert_int_equal(libsi_batch_run_table(ctx, rules, "contributions", cols, 3, cells, 2, &o,
                                           &t), 0);
    assert_int_equal(libsi_table_rows(t), 2);
    assert_int_equal(libsi_table_output_count(t), 1);
    assert_string_equal(libsi_table_output_name(t, 0), "employee_total");
    assert_null(libsi_table_output_name(t, 1));
    assert_string_equal(libsi_table_text(t, 0, 0), "738.00");
    assert_null(libsi_table_text(t, 1, 0));     /* the failed row */
    assert_null(libsi_table_text(t, 2, 0));     /* past the end */
    assert_null(libsi_table_text(t, 0, 1));
    assert_int_equal(libsi_table_flags(t, 5), 0);
    assert_string_equal(libsi_table_hash(t, 0), "");
    assert_int_equal(libsi_table_column(t, 1, &text, &len), LIBSI_EINVAL);
    assert_int_equal(libsi_table_column(t, 0, NULL, &len), LIBSI_EINVAL);
    assert_int_equal(libsi_table_column(t, 0, &text, &len), 0);
    assert_int_equal(len, strlen("738.00\n\n"));
    assert_memory_equal(text, "738.00\n\n", len);
    int64_t fens[2];
    unsigned char ok[2];
    assert_int_equal(libsi_table_column_fen(t, 1, fens, ok), LIBSI_EINVAL);
    assert_int_equal(libsi_table_column_fen(t, 0, NULL, ok), LIBSI_EINVAL);
    assert_int_equal(libsi_table_column_fen(t, 0, fens, NULL), 0);
    assert_true(fens[0] == 73800 && fens[1] == 0);
    size_t r;
    int code;
    const char *msg;
    assert_int_equal(libsi_table_error_count(t), 1);
    assert_int_equal(libsi_table_error(t, 1, &r, &code, &msg), LIBSI_EINVAL);
    assert_int_equal(libsi_table_error(NULL, 0, &r, &code, &msg), LIBSI_EINVAL);
    assert_int_equal(libsi_table_error(t, 0, &r, &code, &msg), 0);
    assert_true(r == 1 && code == LIBSI_EINPUT && strstr(msg, "wage"));
    libsi_table_free(t);
    libsi_table_free(NULL);
    assert_int_equal(libsi_table_rows(NULL), 0);
    assert_int_equal(libsi_table_output_count(NULL), 0);
    assert_null(libsi_table_output_name(NULL, 0));
    assert_null(libsi_table_text(NULL, 0, 0));
    assert_int_equal(libsi_table_flags(NULL, 0), 0);
    assert_int_equal(libsi_table_error_count(NULL), 0);
    libsi_ctx_free(ctx);
}

static void rules_and_places(void **state)
{
    (void)state;
    libsi_ctx *ctx = new_ctx();
    libsi_ruleset *rs = (libsi_ruleset *)&rs;
    libsi_rule_value v = LIBSI_RULE_VALUE_INIT;
    char *code = NULL;
    assert_int_equal(libsi_ruleset_builtin(ctx, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_ruleset_load(ctx, NULL, &rs), LIBSI_EINVAL);
    assert_int_equal(libsi_ruleset_load(ctx, "/nonexistent/rules", &rs), LIBSI_EIO);
    assert_null(rs);
    assert_true(libsi_ruleset_load_buffer(ctx, NULL, 0, "x", &rs) < 0); /* no document */
    assert_true(strlen(libsi_ctx_message(ctx)) > 0);
    assert_int_equal(libsi_ruleset_load_buffer(ctx, "libsi_rules: 1\n", 15, "x", NULL),
                     LIBSI_EINVAL);
    libsi_ruleset_free(NULL);
    assert_int_equal(libsi_ruleset_size(NULL), 0);
    assert_int_equal(libsi_ruleset_lookup(ctx, rules, NULL, "guangzhou", "2025-08-01", NULL, &v),
                     LIBSI_EINVAL);
    assert_int_equal(libsi_ruleset_lookup(ctx, rules, "pension.rate.employee", "guangzhou",
                                       "2025-08-01", NULL, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_ruleset_lookup(ctx, rules, "pension.rate.employee", "guangzhou",
                                       "2025-02-30", NULL, &v), LIBSI_EDATE);
    assert_int_equal(libsi_ruleset_lookup(ctx, rules, "pension.rate.employee", "guangzhou",
                                       "1980-01-01", NULL, &v), LIBSI_ENOTFOUND);
    libsi_lookup_options o = {sizeof(libsi_lookup_options), "2025-13-01", 0};
    assert_int_equal(libsi_ruleset_lookup(ctx, rules, "pension.rate.employee", "guangzhou",
                                       "2025-08-01", &o, &v), LIBSI_EDATE);
    assert_int_equal(libsi_ruleset_lookup(ctx, rules, "pension.rate.employee", "atlantis",
                                       "2025-08-01", NULL, &v), LIBSI_EJURISDICTION);
    assert_int_equal(libsi_jurisdiction_resolve(ctx, NULL, &code), LIBSI_EJURISDICTION);
    assert_int_equal(libsi_jurisdiction_resolve(ctx, "guangzhou", NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_jurisdiction_resolve(ctx, "", &code), LIBSI_EJURISDICTION);
    assert_int_equal(libsi_jurisdiction_resolve(ctx, "shenzhen", &code), LIBSI_EUNSUPPORTED);
    assert_int_equal(libsi_jurisdiction_resolve(ctx, "nation", &code), 0);
    assert_string_equal(code, "0");
    libsi_free(ctx, code);
    libsi_ctx_free(ctx);
}

static void life_tables(void **state)
{
    (void)state;
    libsi_ctx *ctx = new_ctx();
    libsi_lifetable *t = (libsi_lifetable *)&t;
    char *out = NULL;
    assert_int_equal(libsi_lifetable_builtin(ctx, "CL9", &t), LIBSI_ENOTFOUND);
    assert_null(t);
    assert_int_equal(libsi_lifetable_builtin(ctx, NULL, &t), LIBSI_EINVAL);
    assert_int_equal(libsi_lifetable_builtin(ctx, "CL5", NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_lifetable_load(ctx, "/nonexistent.tsv", "qx", &t), LIBSI_EIO);
    assert_int_equal(libsi_lifetable_load_buffer(ctx, NULL, 0, "qx", &t), LIBSI_EINVAL);
    libsi_lifetable_free(NULL);
    assert_int_equal(libsi_lifetable_builtin(ctx, "CL5", &t), 0);
    assert_null(libsi_lifetable_qx(t, -1));
    assert_null(libsi_lifetable_qx(t, 1000));
    assert_int_equal(libsi_life_expectancy(ctx, NULL, NULL, 60, 0, 6, &out), LIBSI_EINVAL);
    assert_int_equal(libsi_life_expectancy(ctx, t, NULL, 60, 0, 6, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_life_expectancy(ctx, t, NULL, 60, 0, 19, &out), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_field(ctx), "decimals");
    assert_int_equal(libsi_life_expectancy(ctx, t, NULL, -1, 0, 6, &out), LIBSI_ERANGE);
    assert_int_equal(libsi_life_expectancy(ctx, t, NULL, 60, (libsi_life_expectancy_kind)2, 6,
                                           &out), LIBSI_EINVAL);
    assert_int_equal(libsi_life_expectancy(ctx, t, NULL, 60, LIBSI_LIFE_CURTATE, 6, &out), 0);
    assert_non_null(out);
    libsi_free(ctx, out);
    out = NULL;
    assert_int_equal(libsi_survival(ctx, t, NULL, "60", "201", 6, &out), LIBSI_ERANGE);
    assert_int_equal(libsi_survival(ctx, t, NULL, "60", "1e2", 6, &out), LIBSI_EDECIMAL);
    assert_int_equal(libsi_survival(ctx, NULL, NULL, "60", "1", 6, &out), LIBSI_EINVAL);
    assert_int_equal(libsi_survivors(ctx, t, NULL, "60", "100000", 6, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_annuity(ctx, t, NULL, NULL, &out), LIBSI_EINVAL);
    assert_int_equal(libsi_insurance(ctx, t, NULL, NULL, &out), LIBSI_EINVAL);
    libsi_annuity_spec a = {sizeof(libsi_annuity_spec),
                            60, "0.03", NULL, 0, 0, 12, LIBSI_ANNUITY_DUE, 6};
    a.frequency = 366; /* 1 … 365 */
    assert_int_equal(libsi_annuity(ctx, t, NULL, &a, &out), LIBSI_ERANGE);
    a.frequency = 12;
    a.interest = "-1"; /* −1 < i */
    assert_int_equal(libsi_annuity(ctx, t, NULL, &a, &out), LIBSI_ERANGE);
    a.interest = "x";
    assert_int_equal(libsi_annuity(ctx, t, NULL, &a, &out), LIBSI_EDECIMAL);
    libsi_insurance_spec in = {sizeof(libsi_insurance_spec),
                               60, "0.03", NULL, 0, 0, 1, LIBSI_INSURANCE_ENDOWMENT, 6};
    assert_int_equal(libsi_insurance(ctx, t, NULL, &in, &out), LIBSI_ERANGE); /* needs a term */
    assert_null(out);
    assert_int_equal(libsi_insurance(ctx, t, NULL, &in, NULL), LIBSI_EINVAL);
    in.kind = LIBSI_INSURANCE_DEATH;
    in.interest = "x";
    assert_int_equal(libsi_insurance(ctx, t, NULL, &in, &out), LIBSI_EDECIMAL);
    assert_string_equal(libsi_ctx_field(ctx), "interest");
    /* an endowment whose term runs past the table: the table's last age ends it, and no one
     * is left for the survival benefit */
    in.interest = "0";
    in.kind = LIBSI_INSURANCE_PURE_ENDOWMENT;
    in.age = libsi_lifetable_last_age(t) - 1;
    in.term = 5;
    assert_int_equal(libsi_insurance(ctx, t, NULL, &in, &out), 0);
    assert_string_equal(out, "0.000000");
    libsi_free(ctx, out);
    out = NULL;
    /* survival: improvement years, decimals, ages out of range; rates per age miscounted */
    libsi_actuarial_options opt = LIBSI_ACTUARIAL_OPTIONS_INIT;
    opt.improvement_years = -5;
    assert_int_equal(libsi_survival(ctx, t, &opt, "60", "10", 6, &out), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_message(ctx), "improvement_years -5: must be 0 to 200 years");
    opt.improvement_years = 0;
    const char *rates[] = {"0.01", "0.01"};
    opt.improvement_by_age = rates;
    opt.improvement_count = 2;
    assert_int_equal(libsi_survival(ctx, t, &opt, "60", "10", 6, &out), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_field(ctx), "improvement_count");
    assert_int_equal(libsi_survival(ctx, t, NULL, "60", "10", 19, &out), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_field(ctx), "decimals");
    assert_int_equal(libsi_survivors(ctx, t, NULL, "500", "100000", 6, &out), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_field(ctx), "age");
    assert_null(out);
    assert_null(libsi_lifetable_qx(NULL, 60));
    assert_null(libsi_lifetable_qx(t, libsi_lifetable_last_age(t) + 1));
    assert_non_null(libsi_lifetable_qx(t, libsi_lifetable_last_age(t)));
    libsi_lifetable_free(t);
    assert_string_equal(libsi_lifetable_name(NULL), "");
    assert_string_equal(libsi_lifetable_source(NULL), "");
    assert_string_equal(libsi_lifetable_notes(NULL), "");
    /* buffers: an age that is no number, a NUL inside, a column among many that is not there */
    const char *letters = "age\tQ\n1a\t0.1\n";
    assert_int_equal(libsi_lifetable_load_buffer(ctx, letters, strlen(letters), "Q", &t),
                     LIBSI_ELIFETABLE);
    assert_null(t);
    const char nul[] = "age\tQ\n0\t1\0\n";
    assert_int_equal(libsi_lifetable_load_buffer(ctx, nul, sizeof nul - 1, "Q", &t),
                     LIBSI_ELIFETABLE);
    assert_non_null(strstr(libsi_ctx_message(ctx), "the text holds a NUL byte"));
    char wide[600] = "age";
    for (int i = 0; i < 8; i++)
        snprintf(wide + strlen(wide), sizeof wide - strlen(wide),
                 "\tcolumn_with_a_long_name_%d_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", i);
    strcat(wide, "\n");
    assert_int_equal(libsi_lifetable_load_buffer(ctx, wide, strlen(wide), "Q", &t),
                     LIBSI_ELIFETABLE);
    assert_string_equal(libsi_ctx_field(ctx), "column");
    assert_non_null(strstr(libsi_ctx_message(ctx), "column_with_a_long_name_0"));
    assert_null(strstr(libsi_ctx_message(ctx), "column_with_a_long_name_7")); /* cut */
    /* constant force through an age where q = 0: nobody dies in that year */
    const char *sure = "age\tQ\n100\t0\n101\t1\n";
    assert_int_equal(libsi_lifetable_load_buffer(ctx, sure, strlen(sure), "Q", &t), 0);
    libsi_actuarial_options force = LIBSI_ACTUARIAL_OPTIONS_INIT;
    force.fractional_ages = LIBSI_FRACTION_CONSTANT_FORCE;
    assert_int_equal(libsi_survival(ctx, t, &force, "100", "0.5", 6, &out), 0);
    assert_string_equal(out, "1.000000");
    libsi_free(ctx, out);
    libsi_lifetable_free(t);
    libsi_ctx_free(ctx);
}

/* Each pointer argument NULL in turn (and a NULL context): LIBSI_EINVAL, or
 * the documented code, never a crash. */
static void every_null_argument(void **state)
{
    (void)state;
    libsi_ctx *ctx = new_ctx();
    libsi_case *c = NULL;
    libsi_result *r = NULL;
    libsi_ruleset *rs = NULL;
    libsi_lifetable *t = NULL;
    libsi_batch *b = NULL;
    libsi_table *tb = NULL;
    char *text = NULL, *code = NULL, *out = NULL;
    int64_t fen;
    const char *cols[] = {"city", "month", "wage"}, *cells[] = {"guangzhou", "2025-08", "9000"};
    libsi_table_options o = LIBSI_TABLE_OPTIONS_INIT;
    assert_int_equal(libsi_ctx_code(NULL), LIBSI_EINVAL);
    assert_string_equal(libsi_ctx_message(NULL), "");
    assert_string_equal(libsi_ctx_field(NULL), "");
    assert_int_equal(libsi_ruleset_builtin(NULL, &rs), LIBSI_EINVAL);
    assert_int_equal(libsi_ruleset_load(NULL, "x", &rs), LIBSI_EINVAL);
    assert_int_equal(libsi_ruleset_load(ctx, "x", NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_ruleset_load_buffer(NULL, "x", 1, "x", &rs), LIBSI_EINVAL);
    assert_int_equal(libsi_ruleset_load_buffer(ctx, NULL, 5, "x", &rs), LIBSI_EINVAL);
    assert_int_equal(libsi_case_new(NULL, &c), LIBSI_EINVAL);
    assert_int_equal(libsi_case_set(NULL, c, "a", "1"), LIBSI_EINVAL);
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    assert_int_equal(libsi_case_set(ctx, c, "", "1"), LIBSI_EINVAL);
    libsi_case *other = c; /* a failed load sets it to NULL (the error contract) */
    assert_int_equal(libsi_case_load(NULL, "x", &other), LIBSI_EINVAL);
    assert_null(other);
    assert_int_equal(libsi_case_load(ctx, "x", NULL), LIBSI_EINVAL);
    other = c;
    assert_int_equal(libsi_case_load_buffer(NULL, "a: 1", 4, "x", &other), LIBSI_EINVAL);
    assert_null(other);
    other = c;
    assert_int_equal(libsi_case_load_buffer(ctx, NULL, 4, "x", &other), LIBSI_EINVAL);
    assert_null(other);
    assert_int_equal(libsi_calculate(NULL, rules, "contributions", c, &r), LIBSI_EINVAL);
    assert_int_equal(libsi_result_json(NULL, r, &text), LIBSI_EINVAL);
    assert_int_equal(libsi_result_explain(NULL, r, &text), LIBSI_EINVAL);
    assert_int_equal(libsi_schema_json(NULL, "pension", &text), LIBSI_EINVAL);
    assert_int_equal(libsi_decimal_to_fen(NULL, "1", &fen), LIBSI_EINVAL);
    assert_int_equal(libsi_decimal_round(NULL, "1", LIBSI_ROUND_UP, "1", NULL, &out),
                     LIBSI_EINVAL);
    assert_int_equal(libsi_jurisdiction_resolve(NULL, "guangzhou", &code), LIBSI_EINVAL);
    libsi_rule_value v = LIBSI_RULE_VALUE_INIT;
    assert_int_equal(libsi_ruleset_lookup(NULL, rules, "x", "guangzhou", "2025-01-01", NULL, &v),
                     LIBSI_EINVAL);
    assert_int_equal(libsi_ruleset_lookup(ctx, NULL, "x", "guangzhou", "2025-01-01", NULL, &v),
                     LIBSI_EINVAL);
    assert_int_equal(libsi_batch_new(NULL, rules, "contributions", cols, 3, 0, &b), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_new(ctx, rules, NULL, cols, 3, 0, &b), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_new(ctx, rules, "contributions", cols, 3,
                                     (libsi_trace_level)-1, &b), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_new(ctx, rules, "contributions", cols, 3, 0, &b), 0);
    assert_int_equal(libsi_batch_output_text(NULL, 0, (const char **)&text), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_output_fen(NULL, 0, &fen), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_run(b, cells), 0);
    assert_int_equal(libsi_batch_output_fen(b, 0, NULL), LIBSI_EINVAL);
    assert_string_equal(libsi_batch_hash(NULL), "");
    assert_int_equal(libsi_batch_json(NULL, (const char **)&text, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_explain(NULL, (const char **)&text), LIBSI_EINVAL);
    libsi_batch_free(b);
    assert_int_equal(libsi_batch_run_table(NULL, rules, "contributions", cols, 3, cells, 1, &o,
                                           &tb), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_run_table(ctx, NULL, "contributions", cols, 3, cells, 1, &o,
                                           &tb), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_run_table(ctx, rules, NULL, cols, 3, cells, 1, &o, &tb),
                     LIBSI_EINVAL);
    assert_int_equal(libsi_batch_run_table(ctx, rules, "contributions", cols, 3, cells, 1, &o,
                                           NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_run_table(ctx, rules, "contributions", NULL, 3, cells, 1, &o,
                                           &tb), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_run_table(ctx, rules, "contributions", cols, 3, NULL, 1, &o,
                                           &tb), LIBSI_EINVAL);
    assert_int_equal(libsi_table_column(NULL, 0, (const char **)&text, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_table_column_fen(NULL, 0, &fen, NULL), LIBSI_EINVAL);
    assert_string_equal(libsi_table_hash(NULL, 0), ""); /* as for a failed row */
    assert_int_equal(libsi_lifetable_builtin(NULL, "CL5", &t), LIBSI_EINVAL);
    assert_int_equal(libsi_lifetable_load(NULL, "x", "qx", &t), LIBSI_EINVAL);
    assert_int_equal(libsi_lifetable_load(ctx, NULL, "qx", &t), LIBSI_EINVAL);
    assert_int_equal(libsi_lifetable_load(ctx, "x", "qx", NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_lifetable_load_buffer(NULL, "x", 1, "qx", &t), LIBSI_EINVAL);
    assert_int_equal(libsi_lifetable_load_buffer(ctx, "x", 1, "qx", NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_lifetable_builtin(ctx, "CL5", &t), 0);
    libsi_annuity_spec a = {sizeof(libsi_annuity_spec),
                            60, "0.03", NULL, 0, 0, 12, LIBSI_ANNUITY_DUE, 6};
    libsi_insurance_spec in = {sizeof(libsi_insurance_spec),
                               60, "0.03", NULL, 0, 0, 1, LIBSI_INSURANCE_DEATH, 6};
    assert_int_equal(libsi_annuity(NULL, t, NULL, &a, &text), LIBSI_EINVAL);
    assert_int_equal(libsi_annuity(ctx, NULL, NULL, &a, &text), LIBSI_EINVAL);
    assert_int_equal(libsi_annuity(ctx, t, NULL, &a, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_insurance(ctx, NULL, NULL, &in, &text), LIBSI_EINVAL);
    assert_int_equal(libsi_survival(NULL, t, NULL, "60", "1", 6, &text), LIBSI_EINVAL);
    assert_int_equal(libsi_survival(ctx, t, NULL, "60", "1", 6, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_survival(ctx, t, NULL, NULL, "1", 6, &text), LIBSI_EINVAL);
    assert_int_equal(libsi_survivors(ctx, NULL, NULL, "60", "100000", 6, &text), LIBSI_EINVAL);
    libsi_lifetable_free(t);
    libsi_case_free(c);
    libsi_ctx_free(ctx);
}

static int setup(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    if (libsi_ctx_new(NULL, &ctx) != 0 || libsi_ruleset_builtin(ctx, &rules) != 0)
        return -1;
    libsi_ctx_free(ctx);
    return 0;
}

/* The extensible structs (docs/api.md): a size this library does not know is
 * refused naming "size", the output struct is never written past its size,
 * and the _init functions give what the INIT macros give. */
static void extensible_structs(void **state)
{
    (void)state;
    libsi_ctx *ctx = new_ctx();
    struct {
        libsi_rule_value v;
        unsigned char guard[64];
    } out;
    memset(&out, 0xa5, sizeof out);
    out.v.size = sizeof out.v;
    assert_int_equal(libsi_ruleset_lookup(ctx, rules, "pension.rate.employee", "guangzhou",
                                       "2025-08-01", NULL, &out.v), 0);
    assert_string_equal(out.v.value, "0.08");
    for (size_t i = 0; i < sizeof out.guard; i++)
        assert_int_equal(out.guard[i], 0xa5);
    out.v.size = sizeof out.v + 8; /* a newer caller's struct */
    assert_int_equal(libsi_ruleset_lookup(ctx, rules, "pension.rate.employee", "guangzhou",
                                       "2025-08-01", NULL, &out.v), LIBSI_EINVAL);
    assert_string_equal(libsi_ctx_field(ctx), "size");
    out.v.size = offsetof(libsi_rule_value, flags); /* shorter than any published version */
    assert_int_equal(libsi_ruleset_lookup(ctx, rules, "pension.rate.employee", "guangzhou",
                                       "2025-08-01", NULL, &out.v), LIBSI_EINVAL);
    /* static: the padding of the INIT copies is zero, as the _init functions' */
    static const libsi_lookup_options o0 = LIBSI_LOOKUP_OPTIONS_INIT;
    libsi_lookup_options o = o0, oi;
    memset(&oi, 0xff, sizeof oi);
    assert_int_equal(libsi_lookup_options_init(&oi, sizeof oi), 0);
    assert_memory_equal(&o0, &oi, sizeof o);
    o.size = 0;
    libsi_rule_value v = LIBSI_RULE_VALUE_INIT;
    assert_int_equal(libsi_ruleset_lookup(ctx, rules, "pension.rate.employee", "guangzhou",
                                       "2025-08-01", &o, &v), LIBSI_EINVAL);
    assert_int_equal(libsi_lookup_options_init(&oi, 1), LIBSI_EINVAL);
    assert_int_equal(libsi_lookup_options_init(NULL, sizeof oi), LIBSI_EINVAL);
    libsi_rule_value vi;
    assert_int_equal(libsi_rule_value_init(&vi, sizeof vi), 0);
    assert_int_equal(vi.size, sizeof vi);
    assert_null(vi.value);
    static const libsi_actuarial_options ao0 = LIBSI_ACTUARIAL_OPTIONS_INIT;
    libsi_actuarial_options ao = ao0, aoi;
    assert_int_equal(libsi_actuarial_options_init(&aoi, sizeof aoi), 0);
    assert_memory_equal(&ao0, &aoi, sizeof ao);
    static const libsi_annuity_spec as0 = LIBSI_ANNUITY_SPEC_INIT;
    libsi_annuity_spec as = as0, asi;
    assert_int_equal(libsi_annuity_spec_init(&asi, sizeof asi), 0);
    assert_memory_equal(&as0, &asi, sizeof as);
    static const libsi_insurance_spec is0 = LIBSI_INSURANCE_SPEC_INIT;
    libsi_insurance_spec is = is0, isi;
    assert_int_equal(libsi_insurance_spec_init(&isi, sizeof isi), 0);
    assert_memory_equal(&is0, &isi, sizeof is);
    static const libsi_table_options to0 = LIBSI_TABLE_OPTIONS_INIT;
    libsi_table_options to = to0, toi;
    assert_int_equal(libsi_table_options_init(&toi, sizeof toi), 0);
    assert_memory_equal(&to0, &toi, sizeof to);
    static const libsi_allocator al0 = LIBSI_ALLOCATOR_INIT;
    libsi_allocator al = al0, ali;
    assert_int_equal(libsi_allocator_init(&ali, sizeof ali), 0);
    assert_memory_equal(&al0, &ali, sizeof al);
    libsi_lifetable *t = NULL;
    char *s = NULL;
    assert_int_equal(libsi_lifetable_builtin(ctx, "CL5", &t), 0);
    as.age = 60;
    as.interest = "0.03";
    as.size = sizeof as + 1;
    assert_int_equal(libsi_annuity(ctx, t, NULL, &as, &s), LIBSI_EINVAL);
    assert_null(s);
    as.size = sizeof as;
    ao.size = 4;
    assert_int_equal(libsi_annuity(ctx, t, &ao, &as, &s), LIBSI_EINVAL);
    assert_int_equal(libsi_life_expectancy(ctx, t, &ao, 60, LIBSI_LIFE_CURTATE, 2, &s),
                     LIBSI_EINVAL);
    assert_string_equal(libsi_ctx_field(ctx), "size");
    ao.size = sizeof ao;
    assert_int_equal(libsi_annuity(ctx, t, &ao, &as, &s), 0);
    libsi_free(ctx, s);
    libsi_lifetable_free(t);
    libsi_allocator bad = LIBSI_ALLOCATOR_INIT;
    bad.size = 1;
    libsi_ctx *c2 = (libsi_ctx *)&c2;
    assert_int_equal(libsi_ctx_new(&bad, &c2), LIBSI_EINVAL);
    assert_null(c2);
    libsi_ctx_free(ctx);
}

static int teardown(void **state)
{
    (void)state;
    libsi_ruleset_free(rules);
    return 0;
}

/* The edges the functions above leave (issue #12, branch coverage): NULL
 * names inside arrays, NULL optional outs, outputs that are no amount,
 * tables without rows, outputs unset in a row. */
static void edges(void **state)
{
    (void)state;
    libsi_ctx *ctx = new_ctx();
    libsi_result *r = NULL;
    libsi_case *c = NULL;
    int64_t fen;
    /* results: NULL result and NULL name */
    assert_null(libsi_result_name(NULL, 0));
    assert_null(libsi_result_value(NULL, 0));
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    assert_int_equal(libsi_case_set(ctx, c, "city", "guangzhou"), 0);
    assert_int_equal(libsi_case_set(ctx, c, "month", "2025-08"), 0);
    assert_int_equal(libsi_case_set(ctx, c, "wage", "9000"), 0);
    assert_null(libsi_case_get(c, NULL));
    char *long_value = malloc(65538);
    assert_non_null(long_value);
    memset(long_value, '1', 65537);
    long_value[65537] = '\0';
    assert_int_equal(libsi_case_set(ctx, c, "wage", long_value), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_message(ctx), "input 'wage': name or value too long");
    free(long_value);
    assert_null(libsi_case_get(NULL, "city"));
    assert_int_equal(libsi_calculate(ctx, rules, "contributions", c, &r), 0);
    assert_null(libsi_result_get(r, NULL));
    assert_int_equal(libsi_result_get_fen(ctx, r, NULL, &fen), LIBSI_EINVAL);
    assert_string_equal(libsi_ctx_field(ctx), "name");
    assert_string_equal(libsi_ctx_message(ctx), "no output '(null)'");
    char *html = (char *)1;
    assert_int_equal(libsi_result_html(ctx, NULL, LIBSI_LANG_EN, &html), LIBSI_EINVAL);
    assert_null(html);
    assert_int_equal(libsi_result_html(ctx, r, (libsi_lang)7, &html), LIBSI_EINVAL);
    assert_string_equal(libsi_ctx_field(ctx), "lang");
    assert_int_equal(libsi_result_html(ctx, r, LIBSI_LANG_EN, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_result_explain_lang(ctx, r, LIBSI_LANG_ZH, NULL), LIBSI_EINVAL);
    libsi_rule_value rv = LIBSI_RULE_VALUE_INIT;
    assert_int_equal(libsi_ruleset_lookup(ctx, rules, "pension.rate.employee", "guangzhou", NULL,
                                          NULL, &rv), LIBSI_EDATE);
    assert_string_equal(libsi_ctx_message(ctx), "date: '(null)' is not YYYY-MM-DD or YYYY-MM");
    assert_int_equal(libsi_ruleset_lookup(ctx, rules, "pension.rate.employee", "4401000",
                                          "2025-08", NULL, &rv), LIBSI_EJURISDICTION);
    libsi_result_free(r);
    /* the schema of no scheme */
    char *json = (char *)1;
    assert_int_equal(libsi_schema_json(ctx, NULL, &json), LIBSI_ESCHEME);
    assert_null(json);
    assert_string_equal(libsi_ctx_message(ctx), "unknown calculation '(null)'");
    /* a case buffer without a name is "(buffer)"; 'inputs' that is a list is an input */
    libsi_case *lc = (libsi_case *)1;
    assert_int_equal(libsi_case_load_buffer(ctx, "a: [", 4, NULL, &lc), LIBSI_ECASE);
    assert_null(lc);
    assert_non_null(strstr(libsi_ctx_message(ctx), "(buffer):"));
    const char *nested = "wage: {x: {y: 1}, z: [1]}\n";
    assert_int_equal(libsi_case_load_buffer(ctx, nested, strlen(nested), "n.yaml", &lc),
                     LIBSI_ECASE);
    assert_non_null(strstr(libsi_ctx_message(ctx), "{x: {...}, z: [...]}"));
    const char *doc = "inputs: [a, b]\n";
    assert_int_equal(libsi_case_load_buffer(ctx, doc, strlen(doc), "x.yaml", &lc), 0);
    assert_string_equal(libsi_case_get(lc, "inputs"), "a,b");
    libsi_case_free(lc);
    libsi_case_free(c);

    /* batches: a NULL column name, a trace level past the last, NULL output name */
    libsi_batch *b = NULL;
    const char *bad_cols[] = {"city", NULL};
    assert_int_equal(libsi_batch_new(ctx, rules, "contributions", bad_cols, 2, LIBSI_TRACE_NONE,
                                     &b), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_field(ctx), "columns");
    assert_non_null(strstr(libsi_ctx_message(ctx), "(null)"));
    const char *cols[] = {"city", "month", "wage"}, *row[] = {"guangzhou", "2025-08", "9000"};
    assert_int_equal(libsi_batch_new(ctx, rules, "contributions", cols, 3,
                                     (libsi_trace_level)(LIBSI_TRACE_FULL + 1), &b), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_new(ctx, rules, "contributions", cols, 3, (libsi_trace_level)-1,
                                     &b), LIBSI_EINVAL);
    assert_int_equal(libsi_batch_new(ctx, rules, "contributions", cols, 3, LIBSI_TRACE_HASH, &b),
                     0);
    assert_int_equal(libsi_batch_flags(b), 0);      /* no row yet */
    assert_string_equal(libsi_batch_hash(b), "");
    assert_int_equal(libsi_batch_output_index(b, NULL), -1);
    assert_int_equal(libsi_batch_run(b, row), 0);
    assert_int_equal(strlen(libsi_batch_hash(b)), 64);
    /* the work-injury rate of a Guangzhou employer (class 1, 0.2 %) is no amount of fen */
    int rate = libsi_batch_output_index(b, "work_injury_rate");
    assert_true(rate >= 0);
    assert_int_equal(libsi_batch_output_fen(b, (size_t)rate, &fen), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_field(ctx), "work_injury_rate");
    libsi_batch_free(b);
    /* no columns at all: no cells needed, and the required inputs are missing */
    assert_int_equal(libsi_batch_new(ctx, rules, "contributions", NULL, 0, LIBSI_TRACE_NONE, &b),
                     0);
    assert_int_equal(libsi_batch_run(b, NULL), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_field(ctx), "city");
    libsi_batch_free(b);
    /* a month output is no amount at all */
    const char *rcols[] = {"retirement_group", "birth_date"}, *rrow[] = {"male60", "1967-05-12"};
    assert_int_equal(libsi_batch_new(ctx, rules, "retirement_age", rcols, 2, LIBSI_TRACE_NONE,
                                     &b), 0);
    assert_int_equal(libsi_batch_run(b, rrow), 0);
    int month = libsi_batch_output_index(b, "statutory_retirement_date");
    assert_true(month >= 0);
    assert_int_equal(libsi_batch_output_fen(b, (size_t)month, &fen), LIBSI_EINVAL);
    assert_string_equal(libsi_ctx_message(ctx),
                        "output 'statutory_retirement_date' is not an amount in this row");
    libsi_batch_free(b);

    /* tables: a NULL output name, outputs missing, no rows, unset outputs */
    libsi_table *t = NULL;
    libsi_table_options o = LIBSI_TABLE_OPTIONS_INIT;
    const char *want[] = {NULL};
    o.outputs = want;
    o.n_outputs = 1;
    assert_int_equal(libsi_batch_run_table(ctx, rules, "contributions", cols, 3, row, 1, &o, &t),
                     LIBSI_EINVAL);
    assert_string_equal(libsi_ctx_message(ctx), "'(null)' is not an output of 'contributions'");
    o.outputs = NULL;
    assert_int_equal(libsi_batch_run_table(ctx, rules, "contributions", cols, 3, row, 1, &o, &t),
                     LIBSI_EINVAL);
    o.n_outputs = 0;
    assert_int_equal(libsi_batch_run_table(ctx, rules, "contributions", cols, 3, NULL, 1, &o, &t),
                     LIBSI_EINVAL);
    o.threads = 4;
    assert_int_equal(libsi_batch_run_table(ctx, rules, "contributions", cols, 3, NULL, 0, &o, &t),
                     0);
    assert_int_equal(libsi_table_rows(t), 0);
    assert_int_equal(libsi_table_column_fen(t, 0, NULL, NULL), 0); /* no rows: no array needed */
    libsi_table_free(t);
    /* an unemployment claim far from retirement leaves the statutory retirement month unset:
     * empty cells */
    const char *ucols[] = {"city", "claim_date", "contribution_months", "far_from_retirement"};
    const char *ucells[] = {"guangzhou", "2025-04", "11", "true",
                            "guangzhou", "2025-04", "24", "true"};
    o.threads = 1;
    assert_int_equal(libsi_batch_run_table(ctx, rules, "unemployment", ucols, 4, ucells, 2, &o,
                                           &t), 0);
    int unset = -1, months = -1;
    for (size_t i = 0; i < libsi_table_output_count(t); i++) {
        if (strcmp(libsi_table_output_name(t, i), "statutory_retirement_month") == 0)
            unset = (int)i;
        if (strcmp(libsi_table_output_name(t, i), "schedule") == 0)
            months = (int)i;
    }
    assert_true(unset >= 0 && months >= 0);
    assert_null(libsi_table_text(t, 0, (size_t)unset));
    const char *text;
    size_t len;
    assert_int_equal(libsi_table_column(t, (size_t)unset, &text, NULL), LIBSI_EINVAL);
    assert_int_equal(libsi_table_column(t, (size_t)unset, &text, &len), 0);
    assert_int_equal(len, 2); /* two empty lines */
    assert_int_equal(libsi_table_column(t, (size_t)unset, &text, &len), 0); /* kept */
    assert_int_equal(len, 2);
    int64_t fens[2] = {5, 5};
    unsigned char ok[2] = {1, 1};
    assert_int_equal(libsi_table_column_fen(t, (size_t)months, fens, ok), 0); /* a JSON list */
    assert_true(ok[0] == 0 && ok[1] == 0 && fens[0] == 0 && fens[1] == 0);
    libsi_table_free(t);
    /* more threads than rows: one part per row */
    const char *two[] = {"guangzhou", "2025-08", "9000", "guangzhou", "2025-08", "8000"};
    o.threads = 4;
    assert_int_equal(libsi_batch_run_table(ctx, rules, "contributions", cols, 3, two, 2, &o, &t),
                     0);
    assert_int_equal(libsi_table_rows(t), 2);
    assert_int_equal(libsi_table_error_count(t), 0);
    libsi_table_free(t);
    o.threads = 1;
    /* an error read without its row and code, or past the end without a message out */
    const char *bad[] = {"guangzhou", "2025-08", "x"};
    assert_int_equal(libsi_batch_run_table(ctx, rules, "contributions", cols, 3, bad, 1, &o, &t),
                     0);
    const char *msg = NULL;
    assert_int_equal(libsi_table_error(t, 0, NULL, NULL, &msg), 0);
    assert_non_null(strstr(msg, "wage"));
    assert_int_equal(libsi_table_error(t, 1, NULL, NULL, NULL), LIBSI_EINVAL);
    libsi_table_free(t);
    libsi_ctx_free(ctx);
}

/* ------------------------------------------- allocation failure, swept */

/* The calls gate_alloc_failure does not sweep (it runs the calculations and
 * their JSON and explanation): rule files, life tables, the HTML sheet, the
 * schema, batches and tables.  Each session runs on a context whose
 * allocator fails its n-th call, for n = 1, 2, … until a session makes no
 * failing call: a session that failed returns LIBSI_ENOMEM, and every
 * session gives back all it took. */
typedef struct sweep {
    long calls, live, fail_at;
} sweep;

static void *sweep_malloc(void *opaque, size_t n)
{
    sweep *s = opaque;
    void *p = ++s->calls == s->fail_at ? NULL : malloc(n);
    s->live += p != NULL;
    return p;
}

static void *sweep_realloc(void *opaque, void *p, size_t n)
{
    sweep *s = opaque;
    if (!p)
        return sweep_malloc(opaque, n);
    return ++s->calls == s->fail_at ? NULL : realloc(p, n);
}

static void sweep_free(void *opaque, void *p)
{
    sweep *s = opaque;
    s->live -= p != NULL;
    free(p);
}

typedef int (*session_fn)(libsi_ctx *ctx, const void *arg);

/* The number of sessions that met a failing allocation. */
static long sweep_session(session_fn fn, const void *arg)
{
    for (long n = 1;; n++) {
        sweep s = {0, 0, 0};
        libsi_allocator a = LIBSI_ALLOCATOR_INIT;
        a.malloc = sweep_malloc;
        a.realloc = sweep_realloc;
        a.free = sweep_free;
        a.opaque = &s;
        libsi_ctx *ctx = NULL;
        assert_int_equal(libsi_ctx_new(&a, &ctx), 0);
        s.fail_at = s.calls + n;
        int rc = fn(ctx, arg);
        if (rc != 0 && rc != LIBSI_ENOMEM)
            fprintf(stderr, "allocation %ld: %d %s\n", n, rc, libsi_ctx_message(ctx));
        int failed = s.calls >= s.fail_at;
        libsi_ctx_free(ctx);
        assert_int_equal(s.live, 0);
        if (!failed) {
            assert_int_equal(rc, 0);
            return n - 1;
        }
        if (rc != 0)
            assert_int_equal(rc, LIBSI_ENOMEM);
    }
}

static const char small_rules[] =
    "libsi_rules: 1\n"
    "documents:\n"
    "  d: {number: \"X号\", url: \"\", published: 2025-01-01, status: enacted}\n"
    "parameters:\n"
    "  s.base: {kind: until_changed, unit: yuan/month}\n"
    "  s.rate: {kind: period, unit: ratio, max: \"0.5\"}\n"
    "values:\n"
    "  - {name: s.base, jurisdiction: 0, from: 2025-01-01, unit: yuan/month, value: '100', "
    "document: d, confidence: H}\n"
    "  - {name: s.rate, jurisdiction: 440100, from: 2025-01-01, to: 2026-01-01, unit: ratio, "
    "value: '0.1', document: d, confidence: M}\n";

static int rules_session(libsi_ctx *ctx, const void *arg)
{
    libsi_ruleset *rs = NULL;
    int rc = arg ? libsi_ruleset_load(ctx, arg, &rs)
                 : libsi_ruleset_load_buffer(ctx, small_rules, strlen(small_rules), "s.yaml", &rs);
    libsi_rule_value v = LIBSI_RULE_VALUE_INIT;
    if (rc == 0)
        rc = libsi_ruleset_lookup(ctx, rs, "s.rate", "guangzhou", "2025-08", NULL, &v);
    if (rc == 0 && strcmp(v.value, "0.1") != 0)
        rc = LIBSI_EINTERNAL;
    libsi_ruleset_free(rs);
    return rc;
}

static int table_session(libsi_ctx *ctx, const void *arg)
{
    (void)arg;
    /* ages 0 to 200: more rows than the reader's first 128 */
    char text[4096] = "# notes\nage\tQ\n";
    for (int age = 0; age <= 200; age++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "%d\t%s\n", age,
                 age == 200 ? "1" : age == 101 ? "0.4" : "0.01");
    libsi_lifetable *t = NULL;
    int rc = libsi_lifetable_load_buffer(ctx, text, strlen(text), "Q", &t);
    if (rc == 0 && (strcmp(libsi_lifetable_qx(t, 101), "0.4") != 0 ||
                    libsi_lifetable_last_age(t) != 200))
        rc = LIBSI_EINTERNAL;
    /* survival with an improvement rate per age (the basis allocates them) */
    static const char *rates[201];
    for (int i = 0; i < 201; i++)
        rates[i] = "0.01";
    libsi_actuarial_options opt = LIBSI_ACTUARIAL_OPTIONS_INIT;
    opt.improvement_by_age = rates;
    opt.improvement_count = 201;
    opt.improvement_years = 1;
    char *p = NULL;
    if (rc == 0)
        rc = libsi_survival(ctx, t, &opt, "0", "1", 6, &p);
    if (rc == 0 && strcmp(p, "0.990100") != 0) /* 1 - 0.01 × 0.99 */
        rc = LIBSI_EINTERNAL;
    libsi_free(ctx, p);
    libsi_lifetable_free(t);
    return rc;
}

static int sheet_session(libsi_ctx *ctx, const void *arg)
{
    (void)arg;
    static const char doc[] = "city: guangzhou\nmonth: 2025-08\nwage: \"9000\"\n";
    libsi_case *c = NULL;
    libsi_result *r = NULL;
    char *html = NULL, *schema = NULL;
    int rc = libsi_case_load_buffer(ctx, doc, strlen(doc), "case.yaml", &c);
    if (rc == 0) rc = libsi_calculate(ctx, rules, "contributions", c, &r);
    if (rc == 0) rc = libsi_result_html(ctx, r, LIBSI_LANG_ZH, &html);
    if (rc == 0) rc = libsi_schema_json(ctx, "contributions", &schema);
    if (rc == 0 && (!strstr(html, "738.00") || !strstr(schema, "\"wage\"")))
        rc = LIBSI_EINTERNAL;
    libsi_free(ctx, html);
    libsi_free(ctx, schema);
    libsi_result_free(r);
    libsi_case_free(c);
    return rc;
}

static int batch_session(libsi_ctx *ctx, const void *arg)
{
    (void)arg;
    const char *cols[] = {"city", "month", "wage"}, *row[] = {"guangzhou", "2025-08", "9000"};
    libsi_batch *b = NULL;
    const char *json = NULL, *text = NULL;
    size_t len;
    int rc = libsi_batch_new(ctx, rules, "contributions", cols, 3, LIBSI_TRACE_FULL, &b);
    if (rc == 0) rc = libsi_batch_run(b, row);
    if (rc == 0 && arg) rc = libsi_batch_explain(b, &text); /* first: its own allocations */
    if (rc == 0) rc = libsi_batch_json(b, &json, &len);
    if (rc == 0) rc = libsi_batch_explain(b, &text);
    if (rc == 0 && (!strstr(json, "738.00") || !strstr(text, "738.00")))
        rc = LIBSI_EINTERNAL;
    libsi_batch_free(b);
    return rc;
}

static int rows_session(libsi_ctx *ctx, const void *arg)
{
    (void)arg;
    const char *cols[] = {"city", "month", "wage"};
    const char *cells[] = {"guangzhou", "2025-08", "9000", "guangzhou", "2025-08", "x",
                           "guangzhou", "2025-08", "-5"};
    libsi_table_options o = LIBSI_TABLE_OPTIONS_INIT;
    o.level = LIBSI_TRACE_HASH;
    libsi_table *t = NULL;
    const char *text;
    size_t len;
    int64_t fen[3];
    int rc = libsi_batch_run_table(ctx, rules, "contributions", cols, 3, cells, 3, &o, &t);
    for (size_t c = 0; rc == 0 && c < libsi_table_output_count(t); c++)
        rc = libsi_table_column(t, c, &text, &len);
    if (rc == 0) rc = libsi_table_column_fen(t, 0, fen, NULL);
    for (size_t e = 0; rc == 0 && e < libsi_table_error_count(t); e++) {
        size_t r;
        int code;
        const char *m;
        rc = libsi_table_error(t, e, &r, &code, &m);
        if (rc == 0 && code == LIBSI_ENOMEM)
            rc = LIBSI_ENOMEM; /* a row that ran out of memory: this session failed */
    }
    if (rc == 0 && libsi_table_error_count(t) != 2)
        rc = LIBSI_EINTERNAL;
    libsi_table_free(t);
    return rc;
}

static void allocation_failures(void **state)
{
    (void)state;
    assert_true(sweep_session(rules_session, NULL) > 0);
    char dir[] = "/tmp/libsi-sweep-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%c.yaml", dir, 'a' + i);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(i ? small_rules : "libsi_rules: 1\ndocuments: {}\nvalues: []\n", f);
        fclose(f);
    }
    assert_true(sweep_session(rules_session, dir) > 0);
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%c.yaml", dir, 'a' + i);
        remove(path);
    }
    remove(dir);
    assert_true(sweep_session(table_session, NULL) > 0);
    assert_true(sweep_session(sheet_session, NULL) > 0);
    assert_true(sweep_session(batch_session, NULL) > 0);
    assert_true(sweep_session(batch_session, "explanation first") > 0);
    assert_true(sweep_session(rows_session, NULL) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(context_and_allocator), cmocka_unit_test(decimals),
        cmocka_unit_test(cases_and_schema),      cmocka_unit_test(calculations_and_results),
        cmocka_unit_test(batches_and_tables),    cmocka_unit_test(rules_and_places),
        cmocka_unit_test(life_tables),           cmocka_unit_test(every_null_argument),
        cmocka_unit_test(extensible_structs),    cmocka_unit_test(edges),
        cmocka_unit_test(allocation_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

/*
 * The error contract (docs/api.md, "Errors") at every exported function.
 *
 * The list of functions is read from libsi/libsi.map (argv[1]): every symbol
 * listed there must have a check below, and every check must name a listed
 * symbol, so a new export without a contract check fails this test.
 *
 * Each check starts from a context left in a failed state (code, message and
 * field set by an earlier call) and verifies:
 * - a function taking a context (or a batch, which keeps one): a successful
 *   call leaves code 0 and an empty message and field; a failing call leaves
 *   the code it returned and a non-empty message; every pointer out-parameter
 *   is NULL after a failure, including a call with a NULL context;
 * - a function without a context: it answers its documented value for NULL
 *   or out-of-range arguments and leaves the caller's context as it was.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* NULL arguments are passed on purpose: no compile-time nonnull checks. */
#define LIBSI_NONNULL(...)
#include "libsi.h"

typedef struct fixture {
    libsi_ctx *ctx;
    libsi_ruleset *rules;
    libsi_lifetable *table;
    libsi_case *c;
    libsi_result *result;
    libsi_batch *batch;
    libsi_table *rows;
} fixture;

static int failures;

#define CHECK(cond)                                                                        \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, current, #cond);        \
            failures++;                                                                    \
        }                                                                                  \
    } while (0)

static const char *current = "";
static char case_file[64], table_file[512];
static int poison_target;
#define POISON ((void *)&poison_target)

static const char *const columns[] = {"city", "month", "wage"};
static const char *const good_row[] = {"guangzhou", "2025-08", "9000"};
static const char *const bad_row[] = {"guangzhou", "2025-08", "x"};

/* Leave the context failed: code, message and field all set. */
static void fail_first(fixture *f)
{
    int64_t fen;
    if (libsi_decimal_to_fen(f->ctx, "1e3", &fen) != LIBSI_EDECIMAL)
        abort();
}

static void failed_state_kept(fixture *f)
{
    CHECK(libsi_ctx_code(f->ctx) == LIBSI_EDECIMAL);
    CHECK(*libsi_ctx_message(f->ctx) != '\0');
}

static void cleared(libsi_ctx *ctx, int rc)
{
    CHECK(rc == 0);
    CHECK(libsi_ctx_code(ctx) == 0);
    CHECK(strcmp(libsi_ctx_message(ctx), "") == 0);
    CHECK(strcmp(libsi_ctx_field(ctx), "") == 0);
}

static void failed(libsi_ctx *ctx, int rc)
{
    CHECK(rc < 0);
    CHECK(libsi_ctx_code(ctx) == rc);
    CHECK(*libsi_ctx_message(ctx) != '\0');
}

/* A success after a failure, then a failure, of a call handing out a pointer. */
#define OUT_CALL(T, success_call, failure_call, null_ctx_call, release)                   \
    do {                                                                                   \
        T out = POISON;                                                                    \
        fail_first(f);                                                                     \
        cleared(f->ctx, (success_call));                                                   \
        CHECK(out != NULL && out != POISON);                                               \
        release;                                                                           \
        fail_first(f);                                                                     \
        out = POISON;                                                                      \
        failed(f->ctx, (failure_call));                                                    \
        CHECK(out == NULL);                                                                \
        out = POISON;                                                                      \
        CHECK((null_ctx_call) == LIBSI_EINVAL);                                            \
        CHECK(out == NULL);                                                                \
    } while (0)

/* The same for a call without a pointer out-parameter. */
#define PLAIN_CALL(success_call, failure_call)                                             \
    do {                                                                                   \
        fail_first(f);                                                                     \
        cleared(f->ctx, (success_call));                                                   \
        fail_first(f);                                                                     \
        failed(f->ctx, (failure_call));                                                    \
    } while (0)

/* ------------------------------------------------------------ common.h */

static void c_version(fixture *f)
{
    fail_first(f);
    CHECK(strcmp(libsi_version(), LIBSI_VERSION_STRING) == 0);
    failed_state_kept(f);
}

static void c_version_number(fixture *f)
{
    fail_first(f);
    CHECK(libsi_version_number() == LIBSI_VERSION_NUMBER);
    failed_state_kept(f);
}

static void c_strerror(fixture *f)
{
    fail_first(f);
    CHECK(strcmp(libsi_strerror(12345), "unknown error") == 0);
    failed_state_kept(f);
}

static void c_flag_name(fixture *f)
{
    fail_first(f);
    CHECK(libsi_flag_name(3) == NULL);
    failed_state_kept(f);
}

static void c_allocator_init(fixture *f)
{
    libsi_allocator a;
    fail_first(f);
    CHECK(libsi_allocator_init(&a, sizeof a) == 0 && a.size == sizeof a);
    CHECK(libsi_allocator_init(&a, 1) == LIBSI_EINVAL);
    CHECK(libsi_allocator_init(NULL, sizeof a) == LIBSI_EINVAL);
    failed_state_kept(f);
}

static void c_ctx_new(fixture *f)
{
    libsi_ctx *ctx = POISON;
    libsi_allocator a = LIBSI_ALLOCATOR_INIT; /* no functions: refused */
    CHECK(libsi_ctx_new(&a, &ctx) == LIBSI_EINVAL);
    CHECK(ctx == NULL);
    CHECK(libsi_ctx_new(NULL, NULL) == LIBSI_EINVAL);
    CHECK(libsi_ctx_new(NULL, &ctx) == 0 && ctx != NULL);
    cleared(ctx, 0);
    libsi_ctx_free(ctx);
    (void)f;
}

static void c_ctx_free(fixture *f)
{
    fail_first(f);
    libsi_ctx_free(NULL);
    failed_state_kept(f);
}

static void c_ctx_message(fixture *f)
{
    fail_first(f);
    CHECK(strcmp(libsi_ctx_message(NULL), "") == 0);
    CHECK(strstr(libsi_ctx_message(f->ctx), "invalid decimal") != NULL);
}

static void c_ctx_field(fixture *f)
{
    fail_first(f);
    CHECK(strcmp(libsi_ctx_field(NULL), "") == 0);
    CHECK(strcmp(libsi_ctx_field(f->ctx), "value") == 0);
}

static void c_ctx_code(fixture *f)
{
    fail_first(f);
    CHECK(libsi_ctx_code(NULL) == LIBSI_EINVAL);
    CHECK(libsi_ctx_code(f->ctx) == LIBSI_EDECIMAL);
}

static void c_free(fixture *f)
{
    fail_first(f);
    libsi_free(f->ctx, NULL);
    libsi_free(NULL, NULL);
    failed_state_kept(f);
}

/* ----------------------------------------------------------- decimal.h */

static void c_decimal_normalize(fixture *f)
{
    OUT_CALL(char *, libsi_decimal_normalize(f->ctx, "01.50", &out),
             libsi_decimal_normalize(f->ctx, "1.5.0", &out),
             libsi_decimal_normalize(NULL, "1", &out), libsi_free(f->ctx, out));
}

static void c_decimal_round(fixture *f)
{
    OUT_CALL(char *, libsi_decimal_round(f->ctx, "2.345", LIBSI_ROUND_HALF_UP, "0.01", NULL, &out),
             libsi_decimal_round(f->ctx, "2.345", LIBSI_ROUND_HALF_UP, "0.02", NULL, &out),
             libsi_decimal_round(NULL, "1", LIBSI_ROUND_UP, "1", NULL, &out),
             libsi_free(f->ctx, out));
}

static void c_round_mode_name(fixture *f)
{
    fail_first(f);
    CHECK(libsi_round_mode_name((libsi_round_mode)99) == NULL);
    failed_state_kept(f);
}

static void c_round_mode_parse(fixture *f)
{
    libsi_round_mode m;
    fail_first(f);
    CHECK(libsi_round_mode_parse("sideways", &m) == LIBSI_EINVAL);
    CHECK(libsi_round_mode_parse("carry", &m) == 0 && m == LIBSI_ROUND_CARRY);
    failed_state_kept(f);
}

static void c_decimal_to_fen(fixture *f)
{
    int64_t fen;
    PLAIN_CALL(libsi_decimal_to_fen(f->ctx, "1.25", &fen), libsi_decimal_to_fen(f->ctx, "0.001", &fen));
    CHECK(libsi_decimal_to_fen(NULL, "1", &fen) == LIBSI_EINVAL);
}

/* ----------------------------------------------------------- ruleset.h */

static const char rule_yaml[] =
    "libsi_rules: 1\n"
    "documents:\n"
    "  d: {number: \"X号\", url: \"\", published: 2025-01-01, status: enacted}\n"
    "parameters:\n"
    "  t.rate: {kind: until_changed, unit: ratio, note: in force until changed}\n"
    "values:\n"
    "  - {name: t.rate, jurisdiction: 0, from: 2019-05-01, unit: ratio, value: '0.16', "
    "document: d, confidence: H}\n";

/* A constructor that can only fail on its arguments: the failure is a NULL out. */
#define NULL_OUT_CALL(T, success_call, null_out_call, null_ctx_call, release)             \
    do {                                                                                   \
        T out = POISON;                                                                    \
        fail_first(f);                                                                     \
        cleared(f->ctx, (success_call));                                                   \
        CHECK(out != NULL && out != POISON);                                               \
        release;                                                                           \
        fail_first(f);                                                                     \
        failed(f->ctx, (null_out_call));                                                   \
        out = POISON;                                                                      \
        CHECK((null_ctx_call) == LIBSI_EINVAL);                                            \
        CHECK(out == NULL);                                                                \
    } while (0)

static void c_ruleset_builtin(fixture *f)
{
    NULL_OUT_CALL(libsi_ruleset *, libsi_ruleset_builtin(f->ctx, &out), libsi_ruleset_builtin(f->ctx, NULL),
             libsi_ruleset_builtin(NULL, &out), libsi_ruleset_free(out));
}

static void c_ruleset_load(fixture *f)
{
    OUT_CALL(libsi_ruleset *, libsi_ruleset_load(f->ctx, getenv("LIBSI_RULES"), &out),
             libsi_ruleset_load(f->ctx, "/nonexistent/rules.yaml", &out),
             libsi_ruleset_load(NULL, "x", &out), libsi_ruleset_free(out));
}

static void c_ruleset_load_buffer(fixture *f)
{
    const char *y = rule_yaml;
    OUT_CALL(libsi_ruleset *, libsi_ruleset_load_buffer(f->ctx, y, strlen(y), "t", &out),
             libsi_ruleset_load_buffer(f->ctx, "[", 1, "t", &out),
             libsi_ruleset_load_buffer(NULL, y, strlen(y), "t", &out), libsi_ruleset_free(out));
}

static void c_ruleset_free(fixture *f)
{
    fail_first(f);
    libsi_ruleset_free(NULL);
    failed_state_kept(f);
}

static void c_ruleset_digest(fixture *f)
{
    fail_first(f);
    CHECK(strlen(libsi_ruleset_digest(f->rules)) == 64);
    failed_state_kept(f);
}

static void c_ruleset_size(fixture *f)
{
    fail_first(f);
    CHECK(libsi_ruleset_size(NULL) == 0 && libsi_ruleset_size(f->rules) > 0);
    failed_state_kept(f);
}

static void c_lookup_options_init(fixture *f)
{
    libsi_lookup_options o;
    fail_first(f);
    CHECK(libsi_lookup_options_init(&o, sizeof o) == 0 && o.size == sizeof o);
    CHECK(libsi_lookup_options_init(&o, sizeof o + 1) == LIBSI_EINVAL);
    failed_state_kept(f);
}

static void c_rule_value_init(fixture *f)
{
    libsi_rule_value v;
    fail_first(f);
    CHECK(libsi_rule_value_init(&v, sizeof v) == 0 && v.size == sizeof v);
    CHECK(libsi_rule_value_init(&v, 0) == LIBSI_EINVAL);
    failed_state_kept(f);
}

static void c_ruleset_lookup(fixture *f)
{
    libsi_rule_value v = LIBSI_RULE_VALUE_INIT;
    const char *n = "pension.rate.employee";
    PLAIN_CALL(libsi_ruleset_lookup(f->ctx, f->rules, n, "guangzhou", "2025-08-01", NULL, &v),
               libsi_ruleset_lookup(f->ctx, f->rules, n, "guangzhou", "1980-01-01", NULL, &v));
    CHECK(v.value == NULL); /* a failed lookup leaves the value empty */
    CHECK(libsi_ruleset_lookup(NULL, f->rules, n, "guangzhou", "2025-08-01", NULL, &v) == LIBSI_EINVAL);
}

static void c_jurisdiction_resolve(fixture *f)
{
    OUT_CALL(char *, libsi_jurisdiction_resolve(f->ctx, "天河", &out),
             libsi_jurisdiction_resolve(f->ctx, "atlantis", &out),
             libsi_jurisdiction_resolve(NULL, "guangzhou", &out), libsi_free(f->ctx, out));
}

/* -------------------------------------------------------------- calc.h */

static void c_schema_names(fixture *f)
{
    fail_first(f);
    CHECK(libsi_schema_names()[0] != NULL);
    failed_state_kept(f);
}

static void c_schema_field_count(fixture *f)
{
    fail_first(f);
    CHECK(libsi_schema_field_count("nope", LIBSI_FIELD_INPUT) == 0);
    CHECK(libsi_schema_field_count("pension", (libsi_field_kind)7) == 0);
    CHECK(libsi_schema_field_count("pension", LIBSI_FIELD_OUTPUT) > 0);
    failed_state_kept(f);
}

static void c_schema_field(fixture *f)
{
    fail_first(f);
    size_t n = libsi_schema_field_count("contributions", LIBSI_FIELD_OUTPUT);
    CHECK(libsi_schema_field("contributions", LIBSI_FIELD_OUTPUT, n) == NULL);
    CHECK(libsi_schema_field("contributions", LIBSI_FIELD_OUTPUT, n - 1) != NULL);
    CHECK(libsi_schema_field("contributions", (libsi_field_kind)-1, 0) == NULL);
    failed_state_kept(f);
}

static void c_schema_description(fixture *f)
{
    fail_first(f);
    CHECK(libsi_schema_description(NULL) == NULL);
    failed_state_kept(f);
}

static void c_schema_json(fixture *f)
{
    OUT_CALL(char *, libsi_schema_json(f->ctx, "pension", &out), libsi_schema_json(f->ctx, "pensions", &out),
             libsi_schema_json(NULL, "pension", &out), libsi_free(f->ctx, out));
}

static void c_case_new(fixture *f)
{
    NULL_OUT_CALL(libsi_case *, libsi_case_new(f->ctx, &out), libsi_case_new(f->ctx, NULL),
             libsi_case_new(NULL, &out), libsi_case_free(out));
}

static void c_case_set(fixture *f)
{
    PLAIN_CALL(libsi_case_set(f->ctx, f->c, "wage", "9000"), libsi_case_set(f->ctx, f->c, "", "1"));
    CHECK(libsi_case_set(NULL, f->c, "wage", "1") == LIBSI_EINVAL);
}

static void c_case_get(fixture *f)
{
    fail_first(f);
    CHECK(libsi_case_get(f->c, "nothing") == NULL && libsi_case_get(NULL, "wage") == NULL);
    failed_state_kept(f);
}

static void c_case_load(fixture *f)
{
    OUT_CALL(libsi_case *, libsi_case_load(f->ctx, case_file, &out),
             libsi_case_load(f->ctx, "/nonexistent/case.yaml", &out),
             libsi_case_load(NULL, "x", &out), libsi_case_free(out));
}

static void c_case_load_buffer(fixture *f)
{
    OUT_CALL(libsi_case *, libsi_case_load_buffer(f->ctx, "wage: 1\n", 8, "t", &out),
             libsi_case_load_buffer(f->ctx, "[1, 2]\n", 7, "t", &out),
             libsi_case_load_buffer(NULL, "a: 1", 4, "t", &out), libsi_case_free(out));
}

static void c_case_free(fixture *f)
{
    fail_first(f);
    libsi_case_free(NULL);
    failed_state_kept(f);
}

static void c_calculate(fixture *f)
{
    OUT_CALL(libsi_result *, libsi_calculate(f->ctx, f->rules, "contributions", f->c, &out),
             libsi_calculate(f->ctx, f->rules, "contribution", f->c, &out),
             libsi_calculate(NULL, f->rules, "contributions", f->c, &out), libsi_result_free(out));
}

static void c_result_free(fixture *f)
{
    fail_first(f);
    libsi_result_free(NULL);
    failed_state_kept(f);
}

static void c_result_count(fixture *f)
{
    fail_first(f);
    CHECK(libsi_result_count(NULL) == 0 && libsi_result_count(f->result) > 0);
    failed_state_kept(f);
}

static void c_result_name(fixture *f)
{
    fail_first(f);
    CHECK(libsi_result_name(f->result, libsi_result_count(f->result)) == NULL);
    CHECK(libsi_result_name(f->result, 0) != NULL);
    failed_state_kept(f);
}

static void c_result_value(fixture *f)
{
    fail_first(f);
    CHECK(libsi_result_value(f->result, libsi_result_count(f->result)) == NULL);
    CHECK(libsi_result_value(f->result, 0) != NULL);
    failed_state_kept(f);
}

static void c_result_get(fixture *f)
{
    fail_first(f);
    CHECK(libsi_result_get(f->result, "nothing") == NULL);
    CHECK(libsi_result_get(f->result, "employee_total") != NULL);
    failed_state_kept(f);
}

static void c_result_get_fen(fixture *f)
{
    int64_t fen;
    PLAIN_CALL(libsi_result_get_fen(f->ctx, f->result, "employee_total", &fen),
               libsi_result_get_fen(f->ctx, f->result, "nothing", &fen));
    CHECK(libsi_result_get_fen(NULL, f->result, "employee_total", &fen) == LIBSI_EINVAL);
}

static void c_result_flags(fixture *f)
{
    fail_first(f);
    CHECK(libsi_result_flags(NULL) == 0);
    failed_state_kept(f);
}

static void c_result_hash(fixture *f)
{
    fail_first(f);
    CHECK(strlen(libsi_result_hash(f->result)) == 64 && strcmp(libsi_result_hash(NULL), "") == 0);
    failed_state_kept(f);
}

static void c_result_json(fixture *f)
{
    OUT_CALL(char *, libsi_result_json(f->ctx, f->result, &out), libsi_result_json(f->ctx, NULL, &out),
             libsi_result_json(NULL, f->result, &out), libsi_free(f->ctx, out));
}

static void c_result_explain(fixture *f)
{
    OUT_CALL(char *, libsi_result_explain(f->ctx, f->result, &out),
             libsi_result_explain(f->ctx, NULL, &out), libsi_result_explain(NULL, f->result, &out),
             libsi_free(f->ctx, out));
}

/* ------------------------------------------------------------- batch.h */

static void c_calculate_traced(fixture *f)
{
    OUT_CALL(libsi_result *,
             libsi_calculate_traced(f->ctx, f->rules, "contributions", f->c, LIBSI_TRACE_HASH, &out),
             libsi_calculate_traced(f->ctx, f->rules, "contributions", NULL, LIBSI_TRACE_HASH, &out),
             libsi_calculate_traced(NULL, f->rules, "contributions", f->c, LIBSI_TRACE_HASH, &out),
             libsi_result_free(out));
}

static void c_batch_new(fixture *f)
{
    OUT_CALL(libsi_batch *,
             libsi_batch_new(f->ctx, f->rules, "contributions", columns, 3, LIBSI_TRACE_FULL, &out),
             libsi_batch_new(f->ctx, f->rules, "contributions", bad_row, 3, LIBSI_TRACE_FULL, &out),
             libsi_batch_new(NULL, f->rules, "contributions", columns, 3, LIBSI_TRACE_FULL, &out),
             libsi_batch_free(out));
}

static void c_batch_free(fixture *f)
{
    fail_first(f);
    libsi_batch_free(NULL);
    failed_state_kept(f);
}

/* The batch's own context is f->ctx: its state is the contract's. */
static void c_batch_run(fixture *f)
{
    PLAIN_CALL(libsi_batch_run(f->batch, good_row), libsi_batch_run(f->batch, bad_row));
    CHECK(libsi_batch_run(NULL, good_row) == LIBSI_EINVAL);
    CHECK(libsi_batch_run(f->batch, good_row) == 0); /* the next checks read this row */
}

static void c_batch_output_count(fixture *f)
{
    fail_first(f);
    CHECK(libsi_batch_output_count(NULL) == 0 && libsi_batch_output_count(f->batch) > 0);
    failed_state_kept(f);
}

static void c_batch_output_name(fixture *f)
{
    fail_first(f);
    CHECK(libsi_batch_output_name(f->batch, libsi_batch_output_count(f->batch)) == NULL);
    failed_state_kept(f);
}

static void c_batch_output_index(fixture *f)
{
    fail_first(f);
    CHECK(libsi_batch_output_index(f->batch, "nothing") == -1);
    CHECK(libsi_batch_output_index(f->batch, "employee_total") >= 0);
    failed_state_kept(f);
}

static void c_batch_output_text(fixture *f)
{
    size_t n = libsi_batch_output_count(f->batch);
    size_t i = (size_t)libsi_batch_output_index(f->batch, "employee_total");
    const char *text = POISON;
    fail_first(f);
    cleared(f->ctx, libsi_batch_output_text(f->batch, i, &text));
    CHECK(text != NULL && text != POISON);
    fail_first(f);
    text = POISON;
    failed(f->ctx, libsi_batch_output_text(f->batch, n, &text));
    CHECK(text == NULL);
    text = POISON;
    CHECK(libsi_batch_output_text(NULL, 0, &text) == LIBSI_EINVAL && text == NULL);
}

static void c_batch_output_fen(fixture *f)
{
    int64_t fen;
    size_t i = (size_t)libsi_batch_output_index(f->batch, "employee_total");
    PLAIN_CALL(libsi_batch_output_fen(f->batch, i, &fen),
               libsi_batch_output_fen(f->batch, libsi_batch_output_count(f->batch), &fen));
    CHECK(libsi_batch_output_fen(NULL, i, &fen) == LIBSI_EINVAL);
}

static void c_batch_output_write(fixture *f)
{
    char buf[LIBSI_DECIMAL_MAX];
    size_t len = 0;
    size_t i = (size_t)libsi_batch_output_index(f->batch, "employee_total");
    PLAIN_CALL(libsi_batch_output_write(f->batch, i, buf, sizeof buf, &len),
               libsi_batch_output_write(f->batch, i, buf, 1, &len)); /* too small: ERANGE */
    CHECK(libsi_batch_output_write(NULL, i, buf, sizeof buf, &len) == LIBSI_EINVAL && len == 0);
}

static void c_batch_outputs_write(fixture *f)
{
    char buf[4 * LIBSI_DECIMAL_MAX];
    size_t len = 0;
    size_t picks[] = {(size_t)libsi_batch_output_index(f->batch, "employee_total"), 0};
    PLAIN_CALL(libsi_batch_outputs_write(f->batch, picks, 2, ',', buf, sizeof buf, &len),
               libsi_batch_outputs_write(f->batch, picks, 2, ',', buf, 1, &len)); /* ERANGE */
    CHECK(libsi_batch_outputs_write(NULL, picks, 2, ',', buf, sizeof buf, &len) == LIBSI_EINVAL &&
          len == 0);
}

static void c_batch_outputs_write_csv(fixture *f)
{
    char buf[4 * LIBSI_DECIMAL_MAX];
    size_t len = 0;
    size_t picks[] = {(size_t)libsi_batch_output_index(f->batch, "employee_total"), 0};
    PLAIN_CALL(libsi_batch_outputs_write_csv(f->batch, picks, 2, buf, sizeof buf, &len),
               libsi_batch_outputs_write_csv(f->batch, picks, 2, buf, 1, &len)); /* ERANGE */
    CHECK(libsi_batch_outputs_write_csv(NULL, picks, 2, buf, sizeof buf, &len) == LIBSI_EINVAL &&
          len == 0);
}

static void c_batch_flags(fixture *f)
{
    fail_first(f);
    CHECK(libsi_batch_flags(NULL) == 0);
    failed_state_kept(f);
}

static void c_batch_hash(fixture *f)
{
    fail_first(f);
    CHECK(strlen(libsi_batch_hash(f->batch)) == 64);
    failed_state_kept(f);
}

static void c_batch_json(fixture *f)
{
    const char *json = POISON;
    size_t len = 0;
    fail_first(f);
    cleared(f->ctx, libsi_batch_json(f->batch, &json, &len));
    CHECK(json != NULL && json != POISON && len > 0);
    json = POISON;
    CHECK(libsi_batch_json(NULL, &json, &len) == LIBSI_EINVAL && json == NULL);
    fail_first(f);
    json = POISON;
    failed(f->ctx, libsi_batch_json(f->batch, NULL, &len));
}

static void c_batch_explain(fixture *f)
{
    const char *text = POISON;
    fail_first(f);
    cleared(f->ctx, libsi_batch_explain(f->batch, &text));
    CHECK(text != NULL && text != POISON);
    text = POISON;
    CHECK(libsi_batch_explain(NULL, &text) == LIBSI_EINVAL && text == NULL);
    fail_first(f);
    failed(f->ctx, libsi_batch_explain(f->batch, NULL));
}

static void c_batch_run_table(fixture *f)
{
    libsi_table_options o = LIBSI_TABLE_OPTIONS_INIT;
    OUT_CALL(libsi_table *,
             libsi_batch_run_table(f->ctx, f->rules, "contributions", columns, 3, good_row, 1, &o, &out),
             libsi_batch_run_table(f->ctx, f->rules, "contributions", bad_row, 3, good_row, 1, &o, &out),
             libsi_batch_run_table(NULL, f->rules, "contributions", columns, 3, good_row, 1, &o, &out),
             libsi_table_free(out));
}

static void c_table_options_init(fixture *f)
{
    libsi_table_options o;
    fail_first(f);
    CHECK(libsi_table_options_init(&o, sizeof o) == 0 && o.threads == 1);
    CHECK(libsi_table_options_init(&o, 3) == LIBSI_EINVAL);
    failed_state_kept(f);
}

static void c_table_free(fixture *f)
{
    fail_first(f);
    libsi_table_free(NULL);
    failed_state_kept(f);
}

static void c_table_rows(fixture *f)
{
    fail_first(f);
    CHECK(libsi_table_rows(NULL) == 0 && libsi_table_rows(f->rows) == 2);
    failed_state_kept(f);
}

static void c_table_output_count(fixture *f)
{
    fail_first(f);
    CHECK(libsi_table_output_count(NULL) == 0 && libsi_table_output_count(f->rows) > 0);
    failed_state_kept(f);
}

static void c_table_output_name(fixture *f)
{
    fail_first(f);
    CHECK(libsi_table_output_name(f->rows, libsi_table_output_count(f->rows)) == NULL);
    failed_state_kept(f);
}

static void c_table_text(fixture *f)
{
    fail_first(f);
    CHECK(libsi_table_text(f->rows, 1, 0) == NULL); /* the failed row */
    CHECK(libsi_table_text(f->rows, 0, 0) != NULL);
    failed_state_kept(f);
}

static void c_table_column(fixture *f)
{
    const char *text = POISON;
    size_t len;
    fail_first(f);
    CHECK(libsi_table_column(f->rows, 0, &text, &len) == 0 && text != NULL && len > 0);
    text = POISON;
    CHECK(libsi_table_column(f->rows, 1000, &text, &len) == LIBSI_EINVAL && text == NULL);
    text = POISON;
    CHECK(libsi_table_column(NULL, 0, &text, &len) == LIBSI_EINVAL && text == NULL);
    failed_state_kept(f);
}

static void c_table_column_fen(fixture *f)
{
    int64_t fen[2];
    unsigned char ok[2];
    fail_first(f);
    CHECK(libsi_table_column_fen(f->rows, 1000, fen, ok) == LIBSI_EINVAL);
    CHECK(libsi_table_column_fen(NULL, 0, fen, ok) == LIBSI_EINVAL);
    failed_state_kept(f);
}

static void c_table_flags(fixture *f)
{
    fail_first(f);
    CHECK(libsi_table_flags(f->rows, 1) == 0 && libsi_table_flags(NULL, 0) == 0);
    failed_state_kept(f);
}

static void c_table_hash(fixture *f)
{
    fail_first(f);
    CHECK(strcmp(libsi_table_hash(f->rows, 1), "") == 0);
    failed_state_kept(f);
}

static void c_table_error_count(fixture *f)
{
    fail_first(f);
    CHECK(libsi_table_error_count(f->rows) == 1 && libsi_table_error_count(NULL) == 0);
    failed_state_kept(f);
}

static void c_table_error(fixture *f)
{
    size_t row;
    int code;
    const char *message = POISON;
    fail_first(f);
    CHECK(libsi_table_error(f->rows, 0, &row, &code, &message) == 0 && row == 1 && code < 0);
    CHECK(message != NULL && *message != '\0');
    message = POISON;
    CHECK(libsi_table_error(f->rows, 1, &row, &code, &message) == LIBSI_EINVAL && message == NULL);
    failed_state_kept(f);
}

/* --------------------------------------------------------- actuarial.h */

static void c_lifetable_builtin_names(fixture *f)
{
    fail_first(f);
    CHECK(strcmp(libsi_lifetable_builtin_names()[0], "CL1") == 0);
    failed_state_kept(f);
}

static void c_lifetable_builtin(fixture *f)
{
    OUT_CALL(libsi_lifetable *, libsi_lifetable_builtin(f->ctx, "CL5", &out),
             libsi_lifetable_builtin(f->ctx, "CL9", &out), libsi_lifetable_builtin(NULL, "CL5", &out),
             libsi_lifetable_free(out));
}

static const char small_table[] = "age\tq\n0\t0.5\n1\t1\n";

static void c_lifetable_load(fixture *f)
{
    OUT_CALL(libsi_lifetable *, libsi_lifetable_load(f->ctx, table_file, NULL, &out),
             libsi_lifetable_load(f->ctx, "/nonexistent/table.tsv", NULL, &out),
             libsi_lifetable_load(NULL, "x", NULL, &out), libsi_lifetable_free(out));
}

static void c_lifetable_load_buffer(fixture *f)
{
    OUT_CALL(libsi_lifetable *,
             libsi_lifetable_load_buffer(f->ctx, small_table, strlen(small_table), NULL, &out),
             libsi_lifetable_load_buffer(f->ctx, "age\tq\n0\t2\n", 10, NULL, &out),
             libsi_lifetable_load_buffer(NULL, small_table, strlen(small_table), NULL, &out),
             libsi_lifetable_free(out));
}

static void c_lifetable_free(fixture *f)
{
    fail_first(f);
    libsi_lifetable_free(NULL);
    failed_state_kept(f);
}

static void c_lifetable_name(fixture *f)
{
    fail_first(f);
    CHECK(strcmp(libsi_lifetable_name(f->table), "CL5") == 0);
    failed_state_kept(f);
}

static void c_lifetable_source(fixture *f)
{
    fail_first(f);
    CHECK(strncmp(libsi_lifetable_source(f->table), "builtin:", 8) == 0);
    failed_state_kept(f);
}

static void c_lifetable_notes(fixture *f)
{
    fail_first(f);
    CHECK(libsi_lifetable_notes(f->table) != NULL);
    failed_state_kept(f);
}

static void c_lifetable_first_age(fixture *f)
{
    fail_first(f);
    CHECK(libsi_lifetable_first_age(NULL) == -1 && libsi_lifetable_first_age(f->table) == 0);
    failed_state_kept(f);
}

static void c_lifetable_last_age(fixture *f)
{
    fail_first(f);
    CHECK(libsi_lifetable_last_age(NULL) == -1 && libsi_lifetable_last_age(f->table) > 100);
    failed_state_kept(f);
}

static void c_lifetable_qx(fixture *f)
{
    fail_first(f);
    CHECK(libsi_lifetable_qx(f->table, -1) == NULL && libsi_lifetable_qx(f->table, 60) != NULL);
    failed_state_kept(f);
}

static void c_actuarial_options_init(fixture *f)
{
    libsi_actuarial_options o;
    fail_first(f);
    CHECK(libsi_actuarial_options_init(&o, sizeof o) == 0 && o.size == sizeof o);
    CHECK(libsi_actuarial_options_init(&o, 2) == LIBSI_EINVAL);
    failed_state_kept(f);
}

static void c_annuity_spec_init(fixture *f)
{
    libsi_annuity_spec s;
    fail_first(f);
    CHECK(libsi_annuity_spec_init(&s, sizeof s) == 0 && s.frequency == 1);
    CHECK(libsi_annuity_spec_init(NULL, sizeof s) == LIBSI_EINVAL);
    failed_state_kept(f);
}

static void c_insurance_spec_init(fixture *f)
{
    libsi_insurance_spec s;
    fail_first(f);
    CHECK(libsi_insurance_spec_init(&s, sizeof s) == 0 && s.kind == LIBSI_INSURANCE_DEATH);
    CHECK(libsi_insurance_spec_init(&s, sizeof s * 2) == LIBSI_EINVAL);
    failed_state_kept(f);
}

static void c_life_expectancy(fixture *f)
{
    OUT_CALL(char *, libsi_life_expectancy(f->ctx, f->table, NULL, 60, LIBSI_LIFE_CURTATE, 2, &out),
             libsi_life_expectancy(f->ctx, f->table, NULL, 999, LIBSI_LIFE_CURTATE, 2, &out),
             libsi_life_expectancy(NULL, f->table, NULL, 60, LIBSI_LIFE_CURTATE, 2, &out),
             libsi_free(f->ctx, out));
}

static void c_survival(fixture *f)
{
    OUT_CALL(char *, libsi_survival(f->ctx, f->table, NULL, "60", "1", 6, &out),
             libsi_survival(f->ctx, f->table, NULL, "60", "-1", 6, &out),
             libsi_survival(NULL, f->table, NULL, "60", "1", 6, &out), libsi_free(f->ctx, out));
}

static void c_survivors(fixture *f)
{
    OUT_CALL(char *, libsi_survivors(f->ctx, f->table, NULL, "60", "100000", 2, &out),
             libsi_survivors(f->ctx, f->table, NULL, "60", "0", 2, &out),
             libsi_survivors(NULL, f->table, NULL, "60", "100000", 2, &out), libsi_free(f->ctx, out));
}

static void c_annuity(fixture *f)
{
    libsi_annuity_spec s = LIBSI_ANNUITY_SPEC_INIT, bad;
    s.age = 60;
    s.interest = "0.03";
    s.decimals = 6;
    bad = s;
    bad.interest = "3%";
    OUT_CALL(char *, libsi_annuity(f->ctx, f->table, NULL, &s, &out),
             libsi_annuity(f->ctx, f->table, NULL, &bad, &out),
             libsi_annuity(NULL, f->table, NULL, &s, &out), libsi_free(f->ctx, out));
}

static void c_insurance(fixture *f)
{
    libsi_insurance_spec s = LIBSI_INSURANCE_SPEC_INIT, bad;
    s.age = 60;
    s.interest = "0.03";
    s.decimals = 6;
    bad = s;
    bad.kind = LIBSI_INSURANCE_ENDOWMENT; /* needs a term */
    OUT_CALL(char *, libsi_insurance(f->ctx, f->table, NULL, &s, &out),
             libsi_insurance(f->ctx, f->table, NULL, &bad, &out),
             libsi_insurance(NULL, f->table, NULL, &s, &out), libsi_free(f->ctx, out));
}

/* ------------------------------------------------------------- i18n.h */

static void c_lang_from_name(fixture *f)
{
    libsi_lang lang = LIBSI_LANG_ZH;
    fail_first(f);
    CHECK(libsi_lang_from_name("zh_CN.UTF-8", &lang) == 0 && lang == LIBSI_LANG_ZH);
    CHECK(libsi_lang_from_name(NULL, &lang) == LIBSI_EINVAL && lang == LIBSI_LANG_EN);
    CHECK(libsi_lang_from_name("fr", NULL) == LIBSI_EINVAL);
    failed_state_kept(f);
}

static void c_text(fixture *f)
{
    fail_first(f);
    CHECK(strcmp(libsi_text(LIBSI_LANG_ZH, "Totals (合计)"), "合计") == 0);
    CHECK(strcmp(libsi_text(LIBSI_LANG_EN, "Totals (合计)"), "Totals (合计)") == 0);
    CHECK(libsi_text(LIBSI_LANG_ZH, NULL) == NULL);
    failed_state_kept(f);
}

static void c_result_explain_lang(fixture *f)
{
    OUT_CALL(char *, libsi_result_explain_lang(f->ctx, f->result, LIBSI_LANG_ZH, &out),
             libsi_result_explain_lang(f->ctx, f->result, (libsi_lang)9, &out),
             libsi_result_explain_lang(NULL, f->result, LIBSI_LANG_ZH, &out),
             libsi_free(f->ctx, out));
}

static void c_result_html(fixture *f)
{
    OUT_CALL(char *, libsi_result_html(f->ctx, f->result, LIBSI_LANG_ZH, &out),
             libsi_result_html(f->ctx, NULL, LIBSI_LANG_ZH, &out),
             libsi_result_html(NULL, f->result, LIBSI_LANG_ZH, &out), libsi_free(f->ctx, out));
}

/* Reads the context's state and leaves it as it was. */
static void c_ctx_message_lang(fixture *f)
{
    fail_first(f);
    CHECK(*libsi_ctx_message_lang(f->ctx, LIBSI_LANG_ZH) != '\0');
    CHECK(strcmp(libsi_ctx_message_lang(f->ctx, LIBSI_LANG_EN), libsi_ctx_message(f->ctx)) == 0);
    CHECK(strcmp(libsi_ctx_message_lang(NULL, LIBSI_LANG_ZH), "") == 0);
    failed_state_kept(f);
}

/* ---------------------------------------------------------- the table */

typedef struct check {
    const char *name;
    void (*run)(fixture *f);
} check;

#define C(name) {"libsi_" #name, c_##name}
static const check checks[] = {
    C(version), C(version_number), C(strerror), C(flag_name), C(allocator_init), C(ctx_new),
    C(ctx_free), C(ctx_message), C(ctx_field), C(ctx_code), C(free),
    C(decimal_normalize), C(decimal_round), C(round_mode_name), C(round_mode_parse),
    C(decimal_to_fen),
    C(ruleset_builtin), C(ruleset_load), C(ruleset_load_buffer), C(ruleset_free),
    C(ruleset_digest), C(ruleset_size), C(lookup_options_init), C(rule_value_init),
    C(ruleset_lookup), C(jurisdiction_resolve),
    C(schema_names), C(schema_field_count), C(schema_field), C(schema_description),
    C(schema_json), C(case_new), C(case_set), C(case_get), C(case_load), C(case_load_buffer),
    C(case_free), C(calculate), C(result_free), C(result_count), C(result_name),
    C(result_value), C(result_get), C(result_get_fen), C(result_flags), C(result_hash),
    C(result_json), C(result_explain),
    C(calculate_traced), C(batch_new), C(batch_free), C(batch_run), C(batch_output_count),
    C(batch_output_name), C(batch_output_index), C(batch_output_text), C(batch_output_fen),
    C(batch_output_write), C(batch_outputs_write), C(batch_outputs_write_csv),
    C(batch_flags), C(batch_hash), C(batch_json), C(batch_explain), C(batch_run_table),
    C(table_options_init), C(table_free), C(table_rows), C(table_output_count),
    C(table_output_name), C(table_text), C(table_column), C(table_column_fen), C(table_flags),
    C(table_hash), C(table_error_count), C(table_error),
    C(lifetable_builtin_names), C(lifetable_builtin), C(lifetable_load),
    C(lifetable_load_buffer), C(lifetable_free), C(lifetable_name), C(lifetable_source),
    C(lifetable_notes), C(lifetable_first_age), C(lifetable_last_age), C(lifetable_qx),
    C(actuarial_options_init), C(annuity_spec_init), C(insurance_spec_init),
    C(life_expectancy), C(survival), C(survivors), C(annuity), C(insurance),
    C(lang_from_name), C(text), C(result_explain_lang), C(result_html), C(ctx_message_lang),
};
#define N_CHECKS (sizeof checks / sizeof checks[0])

static const check *find_check(const char *name)
{
    for (size_t i = 0; i < N_CHECKS; i++)
        if (strcmp(checks[i].name, name) == 0)
            return &checks[i];
    return NULL;
}

/* The symbols of the version script, in file order. */
static size_t read_map(const char *path, char names[][64], size_t max)
{
    FILE *in = fopen(path, "r");
    char line[256];
    size_t n = 0;
    if (!in) {
        perror(path);
        exit(1);
    }
    while (fgets(line, sizeof line, in) && n < max) {
        char name[64];
        if (sscanf(line, " %63[a-z0-9_];", name) == 1 && strncmp(name, "libsi_", 6) == 0)
            snprintf(names[n++], 64, "%s", name);
    }
    fclose(in);
    return n;
}

/* A case file to load, and the path of a small life table. */
static void files(void)
{
    snprintf(case_file, sizeof case_file, "/tmp/libsi-contract-XXXXXX");
    int fd = mkstemp(case_file);
    if (fd < 0 || write(fd, "wage: 9000\n", 11) != 11 || close(fd) != 0) {
        perror(case_file);
        exit(1);
    }
    const char *dir = getenv("LIBSI_TESTDATA");
    snprintf(table_file, sizeof table_file, "%s/lifetable-small.tsv", dir ? dir : "tests/data");
}

static void setup(fixture *f)
{
    memset(f, 0, sizeof *f);
    libsi_table_options o = LIBSI_TABLE_OPTIONS_INIT;
    const char *cells[] = {"guangzhou", "2025-08", "9000", "guangzhou", "2025-08", "x"};
    if (libsi_ctx_new(NULL, &f->ctx) || libsi_ruleset_builtin(f->ctx, &f->rules) ||
        libsi_lifetable_builtin(f->ctx, "CL5", &f->table) || libsi_case_new(f->ctx, &f->c) ||
        libsi_case_set(f->ctx, f->c, "city", "guangzhou") ||
        libsi_case_set(f->ctx, f->c, "month", "2025-08") ||
        libsi_case_set(f->ctx, f->c, "wage", "9000") ||
        libsi_calculate(f->ctx, f->rules, "contributions", f->c, &f->result) ||
        libsi_batch_new(f->ctx, f->rules, "contributions", columns, 3, LIBSI_TRACE_FULL, &f->batch) ||
        libsi_batch_run(f->batch, good_row) ||
        libsi_batch_run_table(f->ctx, f->rules, "contributions", columns, 3, cells, 2, &o, &f->rows)) {
        fprintf(stderr, "setup: %s\n", libsi_ctx_message(f->ctx));
        exit(1);
    }
}

static void teardown(fixture *f)
{
    libsi_table_free(f->rows);
    libsi_batch_free(f->batch);
    libsi_result_free(f->result);
    libsi_case_free(f->c);
    libsi_lifetable_free(f->table);
    libsi_ruleset_free(f->rules);
    libsi_ctx_free(f->ctx);
}

int main(int argc, char **argv)
{
    static char names[512][64];
    if (argc != 2) {
        fprintf(stderr, "usage: %s libsi/libsi.map\n", argv[0]);
        return 2;
    }
    size_t n = read_map(argv[1], names, 512);
    if (n < 50) {
        fprintf(stderr, "%s: only %zu symbols read\n", argv[1], n);
        return 1;
    }
    fixture f;
    files();
    setup(&f);
    for (size_t i = 0; i < n; i++) {
        const check *c = find_check(names[i]);
        current = names[i];
        if (!c) {
            fprintf(stderr, "%s is exported but has no contract check in %s\n", names[i], __FILE__);
            failures++;
            continue;
        }
        c->run(&f);
    }
    for (size_t i = 0; i < N_CHECKS; i++) {
        bool listed = false;
        for (size_t j = 0; j < n && !listed; j++)
            listed = strcmp(checks[i].name, names[j]) == 0;
        if (!listed) {
            fprintf(stderr, "%s has a check but is not in %s\n", checks[i].name, argv[1]);
            failures++;
        }
    }
    teardown(&f);
    unlink(case_file);
    printf("%zu exported functions checked, %d failures\n", n, failures);
    return failures ? 1 : 0;
}

/*
 * The public API end to end: context and allocator, error codes and
 * messages, rule lookups (strict, known_on, carry-forward), cases, the
 * contributions calculation, result JSON and hash.
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
#include "vectors.h"

/* A counting allocator: every byte the library takes must come back. */
typedef struct counter {
    long live;
    long calls;
    long fail_at; /* fail the n-th allocation (0 = never) */
} counter;

static void *count_malloc(void *opaque, size_t n)
{
    counter *c = opaque;
    if (c->fail_at && ++c->calls == c->fail_at)
        return NULL;
    size_t *p = malloc(n + sizeof(size_t) * 2);
    if (!p)
        return NULL;
    c->live++;
    return p + 2;
}

static void *count_realloc(void *opaque, void *ptr, size_t n)
{
    counter *c = opaque;
    if (!ptr)
        return count_malloc(opaque, n);
    if (c->fail_at && ++c->calls == c->fail_at)
        return NULL;
    size_t *p = realloc((size_t *)ptr - 2, n + sizeof(size_t) * 2);
    return p ? p + 2 : NULL;
}

static void count_free(void *opaque, void *ptr)
{
    counter *c = opaque;
    if (!ptr)
        return;
    c->live--;
    free((size_t *)ptr - 2);
}

static libsi_ruleset *builtin(libsi_ctx *ctx)
{
    libsi_ruleset *rs = NULL;
    int rc = libsi_ruleset_builtin(ctx, &rs);
    if (rc != 0)
        fprintf(stderr, "builtin ruleset: %s\n", libsi_ctx_message(ctx));
    assert_int_equal(rc, 0);
    return rs;
}

static void version_and_errors(void **state)
{
    (void)state;
    assert_string_equal(libsi_version(), LIBSI_VERSION_STRING);
    assert_int_equal(libsi_version_number(), LIBSI_VERSION_NUMBER);
    for (int code = 0; code >= LIBSI_ELIFETABLE; code--)
        assert_string_not_equal(libsi_strerror(code), "unknown error");
    assert_string_equal(libsi_strerror(-1000), "unknown error");
    assert_string_equal(libsi_flag_name(LIBSI_FLAG_CAPPED), "capped");
    assert_null(libsi_flag_name(1u << 30));
    assert_int_equal(libsi_ctx_new(NULL, NULL), LIBSI_EINVAL);
}

static libsi_result *contrib(libsi_ctx *ctx, const libsi_ruleset *rs, const char *city,
                             const char *month, const char *wage, int expect)
{
    libsi_case *c;
    libsi_result *r = NULL;
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    assert_int_equal(libsi_case_set(ctx, c, "city", city), 0);
    assert_int_equal(libsi_case_set(ctx, c, "month", month), 0);
    assert_int_equal(libsi_case_set(ctx, c, "wage", wage), 0);
    int rc = libsi_calculate(ctx, rs, "contributions", c, &r);
    if (rc != expect)
        fprintf(stderr, "calculate: %d %s\n", rc, libsi_ctx_message(ctx));
    assert_int_equal(rc, expect);
    libsi_case_free(c);
    return r;
}

/* guangdong-rules A2: Guangzhou 2025-07 → base limits 5510 – 27549 (粤人社发〔2025〕32号). */
static void guangzhou_ceiling_and_floor(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    libsi_ruleset *rs = builtin(ctx);
    libsi_result *hi = contrib(ctx, rs, "guangzhou", "2025-08", "40000", 0);
    assert_string_equal(libsi_result_get(hi, "pension_base"), "27549.00");
    assert_string_equal(libsi_result_get(hi, "pension_employee"), "2203.92"); /* 8 % */
    assert_true(libsi_result_flags(hi) & LIBSI_FLAG_CAPPED);
    libsi_result *lo = contrib(ctx, rs, "440100", "2025-08", "3000", 0);
    assert_string_equal(libsi_result_get(lo, "pension_base"), "5510.00");
    assert_string_equal(libsi_result_get(lo, "pension_employee"), "440.80");
    assert_true(libsi_result_flags(lo) & LIBSI_FLAG_FLOORED);
    assert_string_not_equal(libsi_result_hash(hi), libsi_result_hash(lo));
    libsi_result_free(hi);
    libsi_result_free(lo);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
}

static void shenzhen_is_unsupported(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    char *code = NULL;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    assert_int_equal(libsi_jurisdiction_resolve(ctx, "深圳", &code), LIBSI_EUNSUPPORTED);
    assert_int_equal(libsi_jurisdiction_resolve(ctx, "zhaoqing", &code), 0);
    assert_string_equal(code, "441200");
    libsi_free(ctx, code);
    assert_int_equal(libsi_jurisdiction_resolve(ctx, "湛江市", &code), 0);
    assert_string_equal(code, "440800");
    libsi_free(ctx, code);
    assert_int_equal(libsi_jurisdiction_resolve(ctx, "atlantis", &code), LIBSI_EJURISDICTION);
    libsi_ruleset *rs = builtin(ctx);
    assert_null(contrib(ctx, rs, "shenzhen", "2025-08", "10000", LIBSI_EUNSUPPORTED));
    assert_string_equal(libsi_ctx_field(ctx), "city");
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
}

static void bad_inputs_name_the_field(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    libsi_ruleset *rs = builtin(ctx);
    assert_null(contrib(ctx, rs, "guangzhou", "2025-08", "1e3", LIBSI_EINPUT));
    assert_string_equal(libsi_ctx_field(ctx), "wage");
    assert_null(contrib(ctx, rs, "guangzhou", "2025-13", "1000", LIBSI_EINPUT));
    assert_string_equal(libsi_ctx_field(ctx), "month");
    assert_null(contrib(ctx, rs, "guangzhou", "2025-08", "-1", LIBSI_EINPUT));
    assert_string_equal(libsi_ctx_field(ctx), "wage");
    /* strict lookup: no pension base limits are known for 2015 */
    assert_null(contrib(ctx, rs, "guangzhou", "2015-08", "5000", LIBSI_ENOTFOUND));
    assert_non_null(strstr(libsi_ctx_message(ctx), "pension.contribution_base"));
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
}

static void allocator_balances(void **state)
{
    (void)state;
    counter cnt = {0, 0, 0};
    libsi_allocator a = {sizeof(libsi_allocator), count_malloc, count_realloc, count_free, &cnt};
    libsi_ctx *ctx;
    assert_int_equal(libsi_ctx_new(&a, &ctx), 0);
    libsi_ruleset *rs = builtin(ctx);
    libsi_result *r = contrib(ctx, rs, "zhanjiang", "2025-08", "6000", 0);
    char *json = NULL, *text = NULL;
    assert_int_equal(libsi_result_json(ctx, r, &json), 0);
    assert_int_equal(libsi_result_explain(ctx, r, &text), 0);
    assert_non_null(strstr(json, "\"hash\":\""));
    libsi_free(ctx, json);
    libsi_free(ctx, text);
    libsi_result_free(r);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    assert_int_equal(cnt.live, 0);
}

/* Every allocation failure point gives LIBSI_ENOMEM (or success), never a crash or leak. */
static void allocation_failures_are_clean(void **state)
{
    (void)state;
    for (long n = 1; n < 400; n += 7) {
        counter cnt = {0, 0, n};
        libsi_allocator a = {sizeof(libsi_allocator),
                             count_malloc, count_realloc, count_free, &cnt};
        libsi_ctx *ctx;
        if (libsi_ctx_new(&a, &ctx) != 0) {
            assert_int_equal(cnt.live, 0);
            continue;
        }
        libsi_ruleset *rs = NULL;
        int rc = libsi_ruleset_builtin(ctx, &rs);
        assert_true(rc == 0 || rc == LIBSI_ENOMEM);
        libsi_ruleset_free(rs);
        libsi_ctx_free(ctx);
        assert_int_equal(cnt.live, 0);
    }
}

/* Money as int64 fen: exact, never rounded silently. */
static void amounts_as_fen(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    int64_t fen = 0;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    libsi_ruleset *rs = builtin(ctx);
    libsi_result *r = contrib(ctx, rs, "guangzhou", "2025-08", "40000", 0);
    assert_int_equal(libsi_result_get_fen(ctx, r, "employee_total", &fen), 0);
    assert_int_equal(fen, 225902); /* 2259.02 yuan */
    assert_int_equal(libsi_result_get_fen(ctx, r, "work_injury_rate", &fen), LIBSI_ERANGE);
    assert_int_equal(libsi_result_get_fen(ctx, r, "no_such_output", &fen), LIBSI_EINVAL);
    assert_int_equal(libsi_decimal_to_fen(ctx, "-27549.5", &fen), 0);
    assert_int_equal(fen, -2754950);
    assert_int_equal(libsi_decimal_to_fen(ctx, "0.001", &fen), LIBSI_ERANGE);
    assert_int_equal(libsi_decimal_to_fen(ctx, "92233720368547758.08", &fen), LIBSI_ERANGE);
    assert_int_equal(libsi_decimal_to_fen(ctx, "92233720368547758.07", &fen), 0);
    assert_true(fen == INT64_MAX);
    libsi_result_free(r);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
}

static void json_is_canonical_and_hash_stable(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    libsi_ruleset *rs = builtin(ctx);
    libsi_result *a = contrib(ctx, rs, "肇庆", "2025-08", "4000", 0);
    libsi_result *b = contrib(ctx, rs, "441200", "2025-08", "4000", 0);
    char *ja, *jb;
    assert_int_equal(libsi_result_json(ctx, a, &ja), 0);
    assert_int_equal(libsi_result_json(ctx, b, &jb), 0);
    /* one case spelled two ways (issue #12): canonicalised before anything else, so the
     * same outputs and the same hash; the trace shows what was given */
    assert_string_equal(libsi_result_get(a, "total"), libsi_result_get(b, "total"));
    assert_string_equal(libsi_result_hash(a), libsi_result_hash(b));
    assert_int_equal(strncmp(ja, "{\"flags\":[", 10), 0);
    assert_non_null(strstr(ja, "\"city\":\"441200\""));
    assert_non_null(strstr(ja, "\"city\":\"肇庆 → 441200\""));
    assert_null(strstr(jb, "→"));
    libsi_free(ctx, ja);
    libsi_free(ctx, jb);
    libsi_result *c = contrib(ctx, rs, "441200", "2025-08", "4000", 0);
    assert_string_equal(libsi_result_hash(b), libsi_result_hash(c));
    libsi_result_free(a);
    libsi_result_free(b);
    libsi_result_free(c);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
}

static void case_files(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    libsi_case *c = NULL;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    const char *yaml = "city: guangzhou\nmonth: 2025-08\nwage: 12000.50\n";
    assert_int_equal(libsi_case_load_buffer(ctx, yaml, strlen(yaml), "t.yaml", &c), 0);
    assert_string_equal(libsi_case_get(c, "wage"), "12000.50");
    libsi_case_free(c);
    const char *json = "{\"inputs\": {\"city\": \"440800\", \"month\": \"2025-08\"}}";
    assert_int_equal(libsi_case_load_buffer(ctx, json, strlen(json), "t.json", &c), 0);
    assert_string_equal(libsi_case_get(c, "city"), "440800");
    libsi_case_free(c);
    /* keys beside "inputs" other than a result document's (issue #12) */
    const char *beside = "{\"inputs\": {\"city\": \"440800\"}, \"wage\": \"9000\"}";
    assert_int_equal(libsi_case_load_buffer(ctx, beside, strlen(beside), "t.json", &c),
                     LIBSI_ECASE);
    assert_non_null(strstr(libsi_ctx_message(ctx), "key 'wage' beside 'inputs'"));
    const char *result = "{\"hash\": \"x\", \"inputs\": {\"city\": \"440800\"}, "
                         "\"outputs\": {}, \"scheme\": \"contributions\"}";
    assert_int_equal(libsi_case_load_buffer(ctx, result, strlen(result), "r.json", &c), 0);
    libsi_case_free(c);
    const char *bad[] = {"- a\n- b\n", "a: [\n", "a: &x 1\nb: *x\n", "a: 1\na: 2\n",
                         "a: {b: 1}\n", "", "--- \na: 1\n---\nb: 2\n",
                         "inputs: {city: guangzhou}\nmonht: 2025-08\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(libsi_case_load_buffer(ctx, bad[i], strlen(bad[i]), "bad.yaml", &c),
                         LIBSI_ECASE);
        assert_null(c);
        assert_non_null(strstr(libsi_ctx_message(ctx), "bad.yaml:"));
    }
    assert_int_equal(libsi_case_load(ctx, "/nonexistent/case.yaml", &c), LIBSI_EIO);
    libsi_ctx_free(ctx);
}

static void schema_published(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    char *json;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    assert_string_equal(libsi_schema_names()[0], "contributions");
    assert_int_equal(libsi_schema_json(ctx, "contributions", &json), 0);
    assert_non_null(strstr(json, "\"name\":\"floating_level\""));
    assert_non_null(strstr(json, "\"max\":\"8\",\"min\":\"1\""));  /* industry_class */
    libsi_free(ctx, json);
    /* the plausibility bounds of issue #12 are published with the inputs */
    assert_int_equal(libsi_schema_json(ctx, "pension", &json), 0);
    assert_non_null(strstr(json, "\"max\":\"pension.average_index.max (rule data"));
    assert_non_null(strstr(json, "\"min\":\"0\""));
    libsi_free(ctx, json);
    const libsi_field *idx = NULL;
    for (size_t i = 0; (idx = libsi_schema_field("pension", LIBSI_FIELD_INPUT, i)) != NULL; i++)
        if (strcmp(idx->name, "average_index") == 0)
            break;
    assert_non_null(idx);
    assert_non_null(strstr(idx->min, "pension.average_index.min"));
    assert_int_equal(libsi_schema_json(ctx, "nope", &json), LIBSI_ESCHEME);
    const libsi_field *f = libsi_schema_field("contributions", LIBSI_FIELD_INPUT, 0);
    assert_string_equal(f->name, "city");
    assert_null(libsi_schema_field("contributions", LIBSI_FIELD_OUTPUT, 1000));
    libsi_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(version_and_errors),
        cmocka_unit_test(guangzhou_ceiling_and_floor),
        cmocka_unit_test(shenzhen_is_unsupported),
        cmocka_unit_test(bad_inputs_name_the_field),
        cmocka_unit_test(allocator_balances),
        cmocka_unit_test(allocation_failures_are_clean),
        cmocka_unit_test(amounts_as_fen),
        cmocka_unit_test(json_is_canonical_and_hash_stable),
        cmocka_unit_test(case_files),
        cmocka_unit_test(schema_published),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

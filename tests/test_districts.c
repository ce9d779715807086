/*
 * Districts (issue #11): the GB/T 2260 county-level divisions of Guangdong
 * stand for their city.  The vectors (tests/vectors/ruleset/districts.tsv,
 * written from the 民政部 list) cover every district by code, full name,
 * short name and pinyin, Shenzhen's districts, unknown and former codes and
 * the one ambiguous name; the built-in table must match them.  A rule lookup
 * and a contributions calculation for 天河 must equal Guangzhou's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "districts.h"
#include "internal.h"
#include "libsi.h"
#include "vectors.h"

static libsi_ctx *ctx;
static libsi_ruleset *rules;

static int setup(void **state)
{
    (void)state;
    return libsi_ctx_new(NULL, &ctx) != 0 || libsi_ruleset_builtin(ctx, &rules) != 0 ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    libsi_ruleset_free(rules);
    libsi_ctx_free(ctx);
    return 0;
}

static const char *error_name(int rc)
{
    switch (rc) {
    case LIBSI_EJURISDICTION: return "EJURISDICTION";
    case LIBSI_EUNSUPPORTED: return "EUNSUPPORTED";
    default: return "E?";
    }
}

/* An error names the field, in the message too, and holds `contains`. */
static bool error_ok(int rc, const char *want, const char *contains)
{
    const char *msg = libsi_ctx_message(ctx);
    return rc != 0 && strcmp(want + 1, error_name(rc)) == 0 &&
           strcmp(libsi_ctx_field(ctx), "city") == 0 && strncmp(msg, "city: ", 6) == 0 &&
           (strcmp(contains, "-") == 0 || strstr(msg, contains) != NULL);
}

/* Success is the city's own entry (so lookups fall back exactly as for the
 * city), and the public resolver gives the city's code. */
static bool city_ok(int rc, const lsi_jurisdiction *j, const char *input, const char *want)
{
    char *code = NULL;
    if (rc != 0 || j != lsi_jurisdiction_by_code((int32_t)atol(want)))
        return false;
    bool same = libsi_jurisdiction_resolve(ctx, input, &code) == 0 && strcmp(code, want) == 0;
    libsi_free(ctx, code);
    return same;
}

static bool row_ok(const char *input, const char *want, const char *contains)
{
    const lsi_jurisdiction *j = NULL;
    int rc = lsi_jurisdiction_find(ctx, input, "city", &j);
    return want[0] == '!' ? error_ok(rc, want, contains) : city_ok(rc, j, input, want);
}

/* A six-digit input that the vectors expect to be a district, not a city. */
static bool is_district_code_row(const char *input, const char *want)
{
    size_t n = strlen(input);
    return n == 6 && strspn(input, "0123456789") == 6 && strcmp(input + 4, "00") != 0 &&
           strcmp(want, "!EJURISDICTION") != 0;
}

static void district_vectors(void **state)
{
    (void)state;
    vec_file v;
    assert_int_equal(vec_open(&v, "ruleset/districts.tsv"), 0);
    int in = vec_col(&v, "input"), want = vec_col(&v, "expected"), has = vec_col(&v, "contains");
    assert_true(in >= 0 && want >= 0 && has >= 0);
    char *c[VEC_MAX_COLS];
    size_t rows = 0, failures = 0, codes = 0;
    while (vec_next(&v, c)) {
        rows++;
        codes += is_district_code_row(c[in], c[want]);
        if (!row_ok(c[in], c[want], c[has])) {
            failures++;
            fprintf(stderr, "districts.tsv:%d: '%s' want %s (%s); got: %s\n", v.line, c[in],
                    c[want], c[has], libsi_ctx_message(ctx));
        }
    }
    vec_close(&v);
    fprintf(stderr, "districts.tsv: %zu rows, %zu failures\n", rows, failures);
    assert_int_equal(failures, 0);
    /* every district of the built-in table has its code row, and no more */
    assert_int_equal(codes, lsi_district_count);
}

/* One name of district d: its city (Shenzhen: EUNSUPPORTED), or, for a name
 * that several districts share, an ambiguity error that lists d. */
static bool name_ok(const lsi_district *d, const char *name, const lsi_jurisdiction *city)
{
    const lsi_jurisdiction *j = NULL;
    int rc = lsi_jurisdiction_find(ctx, name, "city", &j);
    if (rc == LIBSI_EJURISDICTION)
        return strstr(libsi_ctx_message(ctx), "districts:") && strstr(libsi_ctx_message(ctx), d->name);
    return city->supported ? rc == 0 && j == city : rc == LIBSI_EUNSUPPORTED;
}

/* The table itself: every city exists, is never the province or the nation,
 * and no district name is taken by a city first. */
static void table_is_consistent(void **state)
{
    (void)state;
    for (size_t i = 0; i < lsi_district_count; i++) {
        const lsi_district *d = &lsi_districts[i];
        const lsi_jurisdiction *city = lsi_jurisdiction_by_code(d->city);
        char code[8];
        snprintf(code, sizeof code, "%06d", (int)d->code);
        assert_non_null(city);
        assert_int_equal(city->parent, 440000);
        assert_null(lsi_jurisdiction_by_code(d->code));
        assert_true(name_ok(d, code, city) && name_ok(d, d->name, city));
        assert_true(!d->short_name || name_ok(d, d->short_name, city));
        assert_true(!d->pinyin || name_ok(d, d->pinyin, city));
    }
}

static void the_brief(void **state)
{
    (void)state;
    char *code = NULL;
    const char *names[] = {"天河", "天河区", "440106", "tianhe"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        assert_int_equal(libsi_jurisdiction_resolve(ctx, names[i], &code), 0);
        assert_string_equal(code, "440100");
        libsi_free(ctx, code);
    }
    assert_int_equal(libsi_jurisdiction_resolve(ctx, "罗湖区", &code), LIBSI_EUNSUPPORTED);
    assert_non_null(strstr(libsi_ctx_message(ctx), "belongs to shenzhen (440300)"));
    assert_int_equal(libsi_jurisdiction_resolve(ctx, "440199", &code), LIBSI_EJURISDICTION);
    assert_string_equal(libsi_ctx_field(ctx), "jurisdiction");
}

/* What a lookup answers, as text: the value and where it was found, or the error. */
static void lookup_text(const char *name, const char *place, const char *date, const char *known,
                        char *buf, size_t n)
{
    libsi_lookup_options opt = {sizeof(libsi_lookup_options), strcmp(known, "-") ? known : NULL, 0};
    libsi_rule_value val = LIBSI_RULE_VALUE_INIT;
    if (libsi_ruleset_lookup(ctx, rules, name, place, date, &opt, &val) == 0)
        snprintf(buf, n, "%s @%s %s", val.value, val.jurisdiction, val.document);
    else
        snprintf(buf, n, "error %d", libsi_ctx_code(ctx));
}

/* Every Guangzhou lookup of ruleset/lookups.tsv gives the same for 天河区. */
static void lookups_same_as_city(void **state)
{
    (void)state;
    vec_file v;
    assert_int_equal(vec_open(&v, "ruleset/lookups.tsv"), 0);
    int name = vec_col(&v, "name"), jur = vec_col(&v, "jurisdiction"), date = vec_col(&v, "date");
    int known = vec_col(&v, "known_on");
    assert_true(name >= 0 && jur >= 0 && date >= 0 && known >= 0);
    char *c[VEC_MAX_COLS], city[512], district[512];
    int compared = 0;
    while (vec_next(&v, c)) {
        if (strcmp(c[jur], "guangzhou") && strcmp(c[jur], "440100") && strcmp(c[jur], "广州"))
            continue;
        lookup_text(c[name], "guangzhou", c[date], c[known], city, sizeof city);
        lookup_text(c[name], "天河区", c[date], c[known], district, sizeof district);
        assert_string_equal(district, city);
        compared++;
    }
    vec_close(&v);
    assert_true(compared > 0);
}

static libsi_result *contributions(const char *city)
{
    static const char *const in[][2] = {{"month", "2025-08"}, {"wage", "15000"},
        {"participant", "employee"}, {"industry_class", "1"}, {"floating_level", "1"}};
    libsi_case *c;
    libsi_result *r = NULL;
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    assert_int_equal(libsi_case_set(ctx, c, "city", city), 0);
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
        assert_int_equal(libsi_case_set(ctx, c, in[i][0], in[i][1]), 0);
    assert_int_equal(libsi_calculate(ctx, rules, "contributions", c, &r), 0);
    libsi_case_free(c);
    return r;
}

/* Contributions for 天河 are Guangzhou's, output for output (whatever the
 * rule data say, so this holds while the rule files change). */
static void contributions_same_as_city(void **state)
{
    (void)state;
    libsi_result *gz = contributions("guangzhou"), *th = contributions("天河");
    assert_int_equal(libsi_result_count(th), libsi_result_count(gz));
    for (size_t i = 0; i < libsi_result_count(gz); i++) {
        assert_string_equal(libsi_result_name(th, i), libsi_result_name(gz, i));
        assert_string_equal(libsi_result_value(th, i), libsi_result_value(gz, i));
    }
    assert_int_equal(libsi_result_flags(th), libsi_result_flags(gz));
    libsi_result_free(gz);
    libsi_result_free(th);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(district_vectors),
        cmocka_unit_test(table_is_consistent),
        cmocka_unit_test(the_brief),
        cmocka_unit_test(lookups_same_as_city),
        cmocka_unit_test(contributions_same_as_city),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

/*
 * The rule store: lookups against the reference (tests/vectors/ruleset/
 * lookups.tsv, rows cite guangdong-rules.md), the built-in and on-disk rules
 * being the same data, strictness, known_on, explicit carry-forward, and a
 * named error for every malformed rule file in tests/data/bad-rules/.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "libsi.h"
#include "vectors.h"

static libsi_ctx *ctx;
static libsi_ruleset *builtin_rules, *disk_rules;

static int setup(void **state)
{
    (void)state;
    char path[1024];
    if (libsi_ctx_new(&ctx, NULL) != 0 || libsi_ruleset_builtin(ctx, &builtin_rules) != 0)
        return -1;
    if (libsi_ruleset_load(ctx, vec_path("LIBSI_RULES", "", path, sizeof path), &disk_rules)) {
        fprintf(stderr, "%s\n", libsi_ctx_message(ctx));
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    libsi_ruleset_free(builtin_rules);
    libsi_ruleset_free(disk_rules);
    libsi_ctx_free(ctx);
    return 0;
}

static const char *error_name(int rc)
{
    switch (rc) {
    case LIBSI_ENOTFOUND: return "!ENOTFOUND";
    case LIBSI_EUNSUPPORTED: return "!EUNSUPPORTED";
    case LIBSI_EJURISDICTION: return "!EJURISDICTION";
    case LIBSI_EDATE: return "!EDATE";
    default: return "!E?";
    }
}

static void lookup_vectors_on(const libsi_ruleset *rs)
{
    vec_file v;
    assert_int_equal(vec_open(&v, "ruleset/lookups.tsv"), 0);
    int name = vec_col(&v, "name"), jur = vec_col(&v, "jurisdiction"), date = vec_col(&v, "date");
    int known = vec_col(&v, "known_on"), want = vec_col(&v, "expected");
    assert_true(name >= 0 && jur >= 0 && date >= 0 && known >= 0 && want >= 0);
    char *c[VEC_MAX_COLS];
    int rows = 0, failures = 0;
    while (vec_next(&v, c)) {
        libsi_lookup_options opt = {strcmp(c[known], "-") ? c[known] : NULL, 0};
        libsi_rule_value val;
        int rc = libsi_rule_lookup(ctx, rs, c[name], c[jur], c[date], &opt, &val);
        const char *got = rc == 0 ? val.value : error_name(rc);
        rows++;
        if (strcmp(got, c[want]) != 0) {
            failures++;
            fprintf(stderr, "lookups.tsv:%d: %s %s %s known_on %s: got %s want %s (%s)\n", v.line,
                    c[name], c[jur], c[date], c[known], got, c[want], libsi_ctx_message(ctx));
        }
    }
    vec_close(&v);
    fprintf(stderr, "lookups.tsv: %d rows, %d failures\n", rows, failures);
    assert_true(rows >= 60);
    assert_int_equal(failures, 0);
}

static void lookups_builtin(void **state)
{
    (void)state;
    lookup_vectors_on(builtin_rules);
}

static void lookups_from_disk(void **state)
{
    (void)state;
    lookup_vectors_on(disk_rules);
}

/* The embedded data are the files in data/rules, value for value. */
static void builtin_equals_disk(void **state)
{
    (void)state;
    assert_string_equal(libsi_ruleset_digest(builtin_rules), libsi_ruleset_digest(disk_rules));
    assert_int_equal(libsi_ruleset_size(builtin_rules), libsi_ruleset_size(disk_rules));
    assert_true(libsi_ruleset_size(builtin_rules) > 100);
}

/* Strict by default; a carried-forward value only on request, flagged. */
static void strict_and_carry_forward(void **state)
{
    (void)state;
    libsi_rule_value v;
    int rc = libsi_rule_lookup(ctx, builtin_rules, "pension.calculation_base", "guangzhou",
                               "2026-03-01", NULL, &v);
    assert_int_equal(rc, LIBSI_ENOTFOUND);
    assert_string_equal(libsi_ctx_field(ctx), "pension.calculation_base");
    assert_non_null(strstr(libsi_ctx_message(ctx), "2026-03-01"));
    assert_non_null(strstr(libsi_ctx_message(ctx), "guangzhou"));
    libsi_lookup_options opt = {NULL, 1};
    rc = libsi_rule_lookup(ctx, builtin_rules, "pension.calculation_base", "guangzhou",
                           "2026-03-01", &opt, &v);
    assert_int_equal(rc, 0);
    assert_string_equal(v.value, "9493"); /* 2025 value, 粤人社发〔2025〕32号 §二 */
    assert_true(v.flags & LIBSI_FLAG_CARRIED_FORWARD);
    rc = libsi_rule_lookup(ctx, builtin_rules, "no.such.parameter", "guangzhou", "2025-01-01",
                           NULL, &v);
    assert_int_equal(rc, LIBSI_ENOTFOUND);
    assert_non_null(strstr(libsi_ctx_message(ctx), "no rule file defines"));
}

/* Provenance travels with the value. */
static void provenance_is_returned(void **state)
{
    (void)state;
    libsi_rule_value v;
    assert_int_equal(libsi_rule_lookup(ctx, builtin_rules, "pension.contribution_base.ceiling",
                                       "zhaoqing", "2025-07-01", NULL, &v), 0);
    assert_string_equal(v.value, "27549");
    assert_string_equal(v.jurisdiction, "440000");
    assert_string_equal(v.unit, "yuan/month");
    assert_string_equal(v.from, "2025-07-01");
    assert_string_equal(v.confidence, "H");
    assert_non_null(strstr(v.document, "粤人社发〔2025〕32号"));
    assert_int_equal(v.flags & LIBSI_FLAG_LOW_CONFIDENCE, 0);
    assert_int_equal(libsi_rule_lookup(ctx, builtin_rules, "pension.rate.employer", "guangzhou",
                                       "2025-07-01", NULL, &v), 0);
    assert_true(v.flags & LIBSI_FLAG_LOW_CONFIDENCE); /* 14 %, conf. L */
}

static void bad_arguments(void **state)
{
    (void)state;
    libsi_rule_value v;
    assert_int_equal(libsi_rule_lookup(ctx, builtin_rules, "pension.rate.employee", "guangzhou",
                                       "2025-02-30", NULL, &v), LIBSI_EDATE);
    assert_int_equal(libsi_rule_lookup(ctx, builtin_rules, "pension.rate.employee", "mars",
                                       "2025-02-01", NULL, &v), LIBSI_EJURISDICTION);
    libsi_lookup_options opt = {"yesterday", 0};
    assert_int_equal(libsi_rule_lookup(ctx, builtin_rules, "pension.rate.employee", "guangzhou",
                                       "2025-02-01", &opt, &v), LIBSI_EDATE);
    assert_string_equal(libsi_ctx_field(ctx), "known_on");
    libsi_ruleset *rs = NULL;
    assert_int_equal(libsi_ruleset_load(ctx, "/nonexistent/rules.yaml", &rs), LIBSI_EIO);
    assert_null(rs);
}

/* Every file in tests/data/bad-rules/ starts with "# expect: TEXT". */
static void bad_rule_files(void **state)
{
    (void)state;
    char dir[1024];
    vec_path("LIBSI_TESTDATA", "bad-rules", dir, sizeof dir);
    DIR *d = opendir(dir);
    assert_non_null(d);
    int files = 0, failures = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (!strstr(e->d_name, ".yaml"))
            continue;
        char path[2048], expect[256] = "";
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "r");
        assert_non_null(f);
        if (fscanf(f, "# expect: %255[^\n]", expect) != 1)
            expect[0] = '\0';
        fclose(f);
        libsi_ruleset *rs = NULL;
        int rc = libsi_ruleset_load(ctx, path, &rs);
        files++;
        if (rc != LIBSI_ERULEFILE || !expect[0] || !strstr(libsi_ctx_message(ctx), expect) ||
            !strstr(libsi_ctx_message(ctx), e->d_name)) {
            failures++;
            fprintf(stderr, "%s: rc %d, message '%s', expected '%s'\n", e->d_name, rc,
                    libsi_ctx_message(ctx), expect);
        }
        libsi_ruleset_free(rs);
    }
    closedir(d);
    assert_true(files >= 20);
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lookups_builtin),
        cmocka_unit_test(lookups_from_disk),
        cmocka_unit_test(builtin_equals_disk),
        cmocka_unit_test(strict_and_carry_forward),
        cmocka_unit_test(provenance_is_returned),
        cmocka_unit_test(bad_arguments),
        cmocka_unit_test(bad_rule_files),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

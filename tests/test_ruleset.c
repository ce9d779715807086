/*
 * The rule store: lookups against public documents (tests/vectors/ruleset/
 * lookups.tsv, each row names its source), the built-in and on-disk rules
 * being the same data, strictness, known_on, explicit carry-forward, periods
 * that end (no `kind: period` parameter is open-ended in the built-in data),
 * the `flag` unit, and a named error for every malformed rule file in
 * tests/data/bad-rules/.
 */
#include <dirent.h>
#include <stdbool.h>
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
    if (libsi_ctx_new(NULL, &ctx) != 0 || libsi_ruleset_builtin(ctx, &builtin_rules) != 0)
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
        libsi_lookup_options opt = {sizeof(libsi_lookup_options),
                                    strcmp(c[known], "-") ? c[known] : NULL, 0};
        libsi_rule_value val = LIBSI_RULE_VALUE_INIT;
        int rc = libsi_ruleset_lookup(ctx, rs, c[name], c[jur], c[date], &opt, &val);
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
    libsi_rule_value v = LIBSI_RULE_VALUE_INIT;
    int rc = libsi_ruleset_lookup(ctx, builtin_rules, "pension.calculation_base", "guangzhou",
                               "2026-03-01", NULL, &v);
    assert_int_equal(rc, LIBSI_ENOTFOUND);
    assert_string_equal(libsi_ctx_field(ctx), "pension.calculation_base");
    assert_non_null(strstr(libsi_ctx_message(ctx), "2026-03-01"));
    assert_non_null(strstr(libsi_ctx_message(ctx), "guangzhou"));
    libsi_lookup_options opt = {sizeof(libsi_lookup_options), NULL, 1};
    rc = libsi_ruleset_lookup(ctx, builtin_rules, "pension.calculation_base", "guangzhou",
                           "2026-03-01", &opt, &v);
    assert_int_equal(rc, 0);
    assert_string_equal(v.value, "9493"); /* 2025 value, 粤人社发〔2025〕32号 §二 */
    assert_true(v.flags & LIBSI_FLAG_CARRIED_FORWARD);
    rc = libsi_ruleset_lookup(ctx, builtin_rules, "no.such.parameter", "guangzhou", "2025-01-01",
                           NULL, &v);
    assert_int_equal(rc, LIBSI_ENOTFOUND);
    assert_non_null(strstr(libsi_ctx_message(ctx), "no rule file defines"));
    /* The error names the last period held (the 2025 base: to 2025-12-31). */
    rc = libsi_ruleset_lookup(ctx, builtin_rules, "pension.calculation_base", "guangzhou",
                           "2099-01-01", NULL, &v);
    assert_int_equal(rc, LIBSI_ENOTFOUND);
    assert_non_null(strstr(libsi_ctx_message(ctx), "last period held ended on 2025-12-31"));
}

/* Carry-forward takes what was in force on the last day any value was, by
 * the same chain city → province → nation: Guangzhou's own 2020-07 ceiling
 * (20268) must not win over the province's later ceiling. */
static void carry_forward_follows_the_chain(void **state)
{
    (void)state;
    libsi_rule_value last = LIBSI_RULE_VALUE_INIT, carried = LIBSI_RULE_VALUE_INIT;
    libsi_lookup_options opt = {sizeof(libsi_lookup_options), NULL, 1};
    assert_int_equal(libsi_ruleset_lookup(ctx, builtin_rules, "pension.contribution_base.ceiling",
                                       "guangzhou", "2099-01-01", &opt, &carried), 0);
    assert_true(carried.flags & LIBSI_FLAG_CARRIED_FORWARD);
    assert_string_not_equal(carried.value, "20268");
    /* it is what a strict lookup gives within its own (last) period */
    assert_int_equal(libsi_ruleset_lookup(ctx, builtin_rules, "pension.contribution_base.ceiling",
                                       "guangzhou", carried.from, NULL, &last), 0);
    assert_string_equal(carried.value, last.value);
    assert_string_equal(carried.jurisdiction, last.jurisdiction);
}

/* Provenance travels with the value. */
static void provenance_is_returned(void **state)
{
    (void)state;
    libsi_rule_value v = LIBSI_RULE_VALUE_INIT;
    assert_int_equal(libsi_ruleset_lookup(ctx, builtin_rules, "pension.contribution_base.ceiling",
                                       "zhaoqing", "2025-07-01", NULL, &v), 0);
    assert_string_equal(v.value, "27549");
    assert_string_equal(v.jurisdiction, "440000");
    assert_string_equal(v.unit, "yuan/month");
    assert_string_equal(v.from, "2025-07-01");
    assert_string_equal(v.confidence, "H");
    assert_non_null(strstr(v.document, "粤人社发〔2025〕32号"));
    assert_int_equal(v.flags & LIBSI_FLAG_LOW_CONFIDENCE, 0);
    /* Guangzhou 15 % from 2022-07-01 (Kaizen CPA 2022, M); the other cities
     * the same rate inferred from the province-wide rate (L, flagged). */
    assert_int_equal(libsi_ruleset_lookup(ctx, builtin_rules, "pension.rate.employer", "guangzhou",
                                       "2025-07-01", NULL, &v), 0);
    assert_string_equal(v.value, "0.15");
    assert_string_equal(v.jurisdiction, "440100");
    assert_string_equal(v.from, "2022-07-01");
    assert_string_equal(v.to, "");
    assert_int_equal(v.flags & LIBSI_FLAG_LOW_CONFIDENCE, 0);
    assert_int_equal(libsi_ruleset_lookup(ctx, builtin_rules, "pension.rate.employer", "zhaoqing",
                                       "2025-07-01", NULL, &v), 0);
    assert_string_equal(v.value, "0.15");
    assert_string_equal(v.jurisdiction, "440000");
    assert_true(v.flags & LIBSI_FLAG_LOW_CONFIDENCE);
    /* A period value carries its end: the 2025 limits end with the contribution year. */
    assert_int_equal(libsi_ruleset_lookup(ctx, builtin_rules, "pension.contribution_base.ceiling",
                                       "zhaoqing", "2026-06-30", NULL, &v), 0);
    assert_string_equal(v.to, "2026-07-01");
    assert_string_equal(v.published, "2025-10-24"); /* issued 2025-10-24, posted 10-27 */
}

/* work_injury.contribution_base.uncapped: unit flag, "1" = no ceiling. */
static void flag_values(void **state)
{
    (void)state;
    libsi_rule_value v = LIBSI_RULE_VALUE_INIT;
    assert_int_equal(libsi_ruleset_lookup(ctx, builtin_rules, "work_injury.contribution_base.uncapped",
                                       "guangzhou", "2022-08-01", NULL, &v), 0);
    assert_string_equal(v.value, "1");
    assert_string_equal(v.unit, "flag");
    assert_string_equal(v.confidence, "M");
    assert_int_equal(libsi_ruleset_lookup(ctx, builtin_rules, "work_injury.contribution_base.uncapped",
                                       "zhanjiang", "2022-08-01", NULL, &v), 0);
    assert_string_equal(v.value, "0");
    assert_true(v.flags & LIBSI_FLAG_LOW_CONFIDENCE); /* NF: whether capped was not found */
}

static const char *const all_places[] = {
    "0",      "440000", "440100", "440200", "440400", "440500", "440600",
    "440700", "440800", "440900", "441200", "441300", "441400", "441500",
    "441600", "441700", "441800", "441900", "442000", "445100", "445200", "445300"};

/* The `kind: period` parameters declared in one rule file (block layout of
 * data/rules: "  NAME:" then "    kind: period"), appended to names[]. */
static int period_names(const char *path, char names[][96], int n, int max)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[4096], current[96] = "";
    bool in_params = false;
    while (fgets(line, sizeof line, f)) {
        if (line[0] != ' ' && line[0] != '#' && line[0] != '\n')
            in_params = strncmp(line, "parameters:", 11) == 0;
        else if (in_params && strncmp(line, "  ", 2) == 0 && line[2] != ' ')
            sscanf(line + 2, "%95[^:]", current);
        else if (in_params && strstr(line, "    kind: period") == line && n < max)
            snprintf(names[n++], sizeof names[0], "%s", current);
    }
    fclose(f);
    return n;
}

/* Every value of a `period` parameter in one file has a `to` date. */
static int open_period_values(const char *path, char names[][96], int n)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[4096], current[96] = "";
    int bad = 0, entry_line = 0, lineno = 0;
    bool in_values = false, has_to = true, is_period = false;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        bool top = line[0] != ' ' && line[0] != '#' && line[0] != '\n';
        bool entry = in_values && strncmp(line, "  - ", 4) == 0;
        if ((top || entry) && in_values && is_period && !has_to) {
            fprintf(stderr, "%s:%d: period parameter '%s' has a value without 'to'\n", path,
                    entry_line, current);
            bad++;
        }
        if (top)
            in_values = strncmp(line, "values:", 7) == 0;
        if (entry) {
            current[0] = '\0';
            sscanf(line, "  - name: %95s", current);
            is_period = false;
            for (int i = 0; i < n; i++)
                is_period = is_period || strcmp(names[i], current) == 0;
            has_to = false;
            entry_line = lineno;
        } else if (in_values && strncmp(line, "    to: ", 8) == 0) {
            has_to = strncmp(line + 8, "null", 4) != 0 && line[8] >= '0' && line[8] <= '9';
        }
    }
    if (in_values && is_period && !has_to) {
        fprintf(stderr, "%s:%d: period parameter '%s' has a value without 'to'\n", path, entry_line,
                current);
        bad++;
    }
    fclose(f);
    return bad;
}

/* No annual (kind: period) parameter of the built-in data is open-ended: read
 * from the files themselves, then confirmed through lookups far in the future
 * for every place, which fail strictly and name the parameter. */
static void no_open_period_in_builtin_data(void **state)
{
    (void)state;
    char dir[1024], names[128][96];
    vec_path("LIBSI_RULES", "", dir, sizeof dir);
    DIR *d = opendir(dir);
    assert_non_null(d);
    char paths[32][2048];
    int files = 0, n = 0, bad = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL && files < 32;) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0)
            snprintf(paths[files++], sizeof paths[0], "%s/%s", dir, e->d_name);
    }
    closedir(d);
    assert_true(files >= 8);
    for (int i = 0; i < files; i++)
        n = period_names(paths[i], names, n, 128);
    for (int i = 0; i < files; i++)
        bad += open_period_values(paths[i], names, n);
    assert_int_equal(bad, 0);
    assert_true(n >= 15); /* limits, wages, minimum wages, bases, rates of a year, incomes */
    int lookups = 0;
    for (int i = 0; i < n; i++)
        for (size_t p = 0; p < sizeof all_places / sizeof all_places[0]; p++) {
            libsi_rule_value v = LIBSI_RULE_VALUE_INIT;
            int rc = libsi_ruleset_lookup(ctx, builtin_rules, names[i], all_places[p], "2099-12-01",
                                       NULL, &v);
            lookups++;
            if (rc != LIBSI_ENOTFOUND || !strstr(libsi_ctx_message(ctx), names[i])) {
                fprintf(stderr, "%s at %s in 2099: rc %d (%s)\n", names[i], all_places[p], rc,
                        rc ? libsi_ctx_message(ctx) : v.value);
                bad++;
            }
        }
    assert_int_equal(bad, 0);
    assert_true(lookups >= 15 * 22);
}

/* A period value ends; after it the lookup is strict, and carry-forward is
 * explicit and flagged.  A `flag` value round-trips. */
static void period_values_end(void **state)
{
    (void)state;
    static const char yaml[] =
        "libsi_rules: 1\n"
        "documents:\n"
        "  d: {number: \"X号\", url: \"\", published: 2025-01-01, status: enacted}\n"
        "parameters:\n"
        "  t.limit: {kind: period, unit: yuan/month}\n"
        "  t.rate: {kind: until_changed, unit: ratio, note: in force until changed}\n"
        "  t.uncapped: {kind: period, unit: flag}\n"
        "values:\n"
        "  - {name: t.limit, jurisdiction: 440000, from: 2025-07-01, to: 2026-07-01, "
        "unit: yuan/month, value: '27549', document: d, confidence: H}\n"
        "  - {name: t.rate, jurisdiction: 0, from: 2019-05-01, unit: ratio, value: '0.16', "
        "document: d, confidence: H}\n"
        "  - {name: t.uncapped, jurisdiction: 440100, from: 2025-07-01, to: 2026-07-01, "
        "unit: flag, value: '1', document: d, confidence: M}\n";
    libsi_ruleset *rs = NULL;
    assert_int_equal(libsi_ruleset_load_buffer(ctx, yaml, strlen(yaml), "t.yaml", &rs), 0);
    libsi_rule_value v = LIBSI_RULE_VALUE_INIT;
    assert_int_equal(libsi_ruleset_lookup(ctx, rs, "t.limit", "zhaoqing", "2026-06-30", NULL, &v), 0);
    assert_string_equal(v.value, "27549");
    assert_int_equal(libsi_ruleset_lookup(ctx, rs, "t.limit", "zhaoqing", "2026-07-01", NULL, &v),
                     LIBSI_ENOTFOUND);
    assert_string_equal(libsi_ctx_field(ctx), "t.limit");
    libsi_lookup_options carry = {sizeof(libsi_lookup_options), NULL, 1};
    assert_int_equal(libsi_ruleset_lookup(ctx, rs, "t.limit", "zhaoqing", "2099-01-01", &carry, &v), 0);
    assert_string_equal(v.value, "27549");
    assert_true(v.flags & LIBSI_FLAG_CARRIED_FORWARD);
    assert_int_equal(libsi_ruleset_lookup(ctx, rs, "t.rate", "zhaoqing", "2099-01-01", NULL, &v), 0);
    assert_int_equal(v.flags & LIBSI_FLAG_CARRIED_FORWARD, 0);
    assert_int_equal(libsi_ruleset_lookup(ctx, rs, "t.uncapped", "guangzhou", "2025-08", NULL, &v), 0);
    assert_string_equal(v.value, "1");
    assert_string_equal(v.unit, "flag");
    libsi_ruleset_free(rs);
}

/* Two files may both declare a parameter, but only the same way. */
static void conflicting_declarations(void **state)
{
    (void)state;
    char dir[1024];
    vec_path("LIBSI_TESTDATA", "bad-rules/conflicting-kinds", dir, sizeof dir);
    libsi_ruleset *rs = NULL;
    assert_int_equal(libsi_ruleset_load(ctx, dir, &rs), LIBSI_ERULEFILE);
    assert_null(rs);
    const char *m = libsi_ctx_message(ctx);
    assert_non_null(strstr(m, "b.yaml"));
    assert_non_null(strstr(m, "a.yaml"));
    assert_non_null(strstr(m, "x.limit"));
    assert_non_null(strstr(m, "a parameter means one thing everywhere"));
}

/* The same with ranges: a declared max in one file, the unit's range in the other. */
static void conflicting_ranges(void **state)
{
    (void)state;
    char dir[1024];
    vec_path("LIBSI_TESTDATA", "bad-rules/conflicting-ranges", dir, sizeof dir);
    libsi_ruleset *rs = NULL;
    assert_int_equal(libsi_ruleset_load(ctx, dir, &rs), LIBSI_ERULEFILE);
    assert_null(rs);
    const char *m = libsi_ctx_message(ctx);
    assert_non_null(strstr(m, "b.yaml:5"));
    assert_non_null(strstr(m, "x.rate"));
    assert_non_null(strstr(m, "max: 1.5"));
}

static void bad_arguments(void **state)
{
    (void)state;
    libsi_rule_value v = LIBSI_RULE_VALUE_INIT;
    assert_int_equal(libsi_ruleset_lookup(ctx, builtin_rules, "pension.rate.employee", "guangzhou",
                                       "2025-02-30", NULL, &v), LIBSI_EDATE);
    assert_int_equal(libsi_ruleset_lookup(ctx, builtin_rules, "pension.rate.employee", "mars",
                                       "2025-02-01", NULL, &v), LIBSI_EJURISDICTION);
    libsi_lookup_options opt = {sizeof(libsi_lookup_options), "yesterday", 0};
    assert_int_equal(libsi_ruleset_lookup(ctx, builtin_rules, "pension.rate.employee", "guangzhou",
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
    assert_true(files >= 30);
    assert_int_equal(failures, 0);
}

/* Directories (issue #12, branch coverage): the units of a parameter must
 * agree across files too; the first file that fails stops the load (hidden
 * and non-YAML files are not read); an empty directory and one with more
 * than 256 rule files are refused. */
static void directories(void **state)
{
    (void)state;
    char dir[1024];
    libsi_ruleset *rs = NULL;
    vec_path("LIBSI_TESTDATA", "bad-rules/conflicting-units", dir, sizeof dir);
    assert_int_equal(libsi_ruleset_load(ctx, dir, &rs), LIBSI_ERULEFILE);
    assert_non_null(strstr(libsi_ctx_message(ctx), "x.limit"));
    assert_non_null(strstr(libsi_ctx_message(ctx), "a parameter means one thing everywhere"));
    vec_path("LIBSI_TESTDATA", "bad-rules/conflicting-minimum", dir, sizeof dir);
    assert_int_equal(libsi_ruleset_load(ctx, dir, &rs), LIBSI_ERULEFILE);
    assert_non_null(strstr(libsi_ctx_message(ctx), "min: 10"));
    vec_path("LIBSI_TESTDATA", "bad-rules/first-file-fails", dir, sizeof dir);
    assert_int_equal(libsi_ruleset_load(ctx, dir, &rs), LIBSI_ERULEFILE);
    assert_non_null(strstr(libsi_ctx_message(ctx), "a.yaml"));
    assert_non_null(strstr(libsi_ctx_message(ctx), "'a'"));
    assert_null(rs);
    char tmp[] = "/tmp/libsi-rules-XXXXXX";
    assert_non_null(mkdtemp(tmp));
    assert_int_equal(libsi_ruleset_load(ctx, tmp, &rs), LIBSI_EIO);
    char want[128];
    snprintf(want, sizeof want, "no *.yaml rule files in '%s'", tmp);
    assert_string_equal(libsi_ctx_message(ctx), want);
    char path[1100];
    for (int i = 0; i < 257; i++) {
        snprintf(path, sizeof path, "%s/r%03d.yaml", tmp, i);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fclose(f);
    }
    assert_int_equal(libsi_ruleset_load(ctx, tmp, &rs), LIBSI_EIO);
    snprintf(want, sizeof want, "more than 256 rule files in '%s'", tmp);
    assert_string_equal(libsi_ctx_message(ctx), want);
    for (int i = 0; i < 257; i++) {
        snprintf(path, sizeof path, "%s/r%03d.yaml", tmp, i);
        remove(path);
    }
    remove(tmp);
}

/* A value revised by a later document for the same period: known_on picks
 * what was published by then, a lookup without it the latest. */
static void revisions(void **state)
{
    (void)state;
    const char *yaml =
        "libsi_rules: 1\n"
        "documents:\n"
        "  d1: {number: \"X号\", url: \"\", published: 2025-01-01, status: enacted}\n"
        "  d2: {number: \"Y号\", url: \"\", published: 2025-06-01, status: enacted}\n"
        "parameters:\n"
        "  r.base: {kind: until_changed, unit: yuan/month}\n"
        "values:\n"
        "  - {name: r.base, jurisdiction: 0, from: 2025-01-01, unit: yuan/month, value: '100', "
        "document: d2, confidence: H}\n"
        "  - {name: r.base, jurisdiction: 0, from: 2025-01-01, unit: yuan/month, value: '90', "
        "document: d1, confidence: H}\n";
    libsi_ruleset *rs = NULL;
    assert_int_equal(libsi_ruleset_load_buffer(ctx, yaml, strlen(yaml), "rev.yaml", &rs), 0);
    libsi_rule_value v = LIBSI_RULE_VALUE_INIT;
    assert_int_equal(libsi_ruleset_lookup(ctx, rs, "r.base", "0", "2025-08-01", NULL, &v), 0);
    assert_string_equal(v.value, "100");
    libsi_lookup_options known = {sizeof known, "2025-03-01", 0};
    assert_int_equal(libsi_ruleset_lookup(ctx, rs, "r.base", "0", "2025-08-01", &known, &v), 0);
    assert_string_equal(v.value, "90");
    libsi_ruleset_free(rs);
    /* no text at all: an empty document, named by the caller's name */
    assert_int_equal(libsi_ruleset_load_buffer(ctx, NULL, 0, "none.yaml", &rs), LIBSI_ERULEFILE);
    assert_non_null(strstr(libsi_ctx_message(ctx), "none.yaml:1: the document is empty"));
    assert_string_equal(libsi_ruleset_digest(NULL), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lookups_builtin),
        cmocka_unit_test(lookups_from_disk),
        cmocka_unit_test(builtin_equals_disk),
        cmocka_unit_test(strict_and_carry_forward),
        cmocka_unit_test(carry_forward_follows_the_chain),
        cmocka_unit_test(provenance_is_returned),
        cmocka_unit_test(flag_values),
        cmocka_unit_test(no_open_period_in_builtin_data),
        cmocka_unit_test(period_values_end),
        cmocka_unit_test(conflicting_declarations),
        cmocka_unit_test(conflicting_ranges),
        cmocka_unit_test(bad_arguments),
        cmocka_unit_test(bad_rule_files),
        cmocka_unit_test(directories),
        cmocka_unit_test(revisions),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

/*
 * The fund projection (fund_projection):
 *  - the base year reproduces the inputs exactly (participants, retirees,
 *    average pension, balance);
 *  - a higher contribution rate never brings depletion earlier;
 *  - a closed form: with no deaths before 105, no growth, no indexation, no
 *    entrants and no contributors, n retirees die each year at 105 and
 *      F_T = F_0 q^T − Σ_{t=1..T} B_t q^(T−t),  q = 1 + i,  B_t = 12 P (R_0 − n t),
 *    whose sum is  12P [R_0 (q^T − 1)/(q − 1) − n (q^(T+1) − (T+1) q + T)/(q − 1)²];
 *    the model rounds the fund to the fen once a year, so they agree within
 *    Σ_t q^(T−t) × 0.005 yuan;
 *  - bad scenarios get a named error.
 */
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
static libsi_ruleset *rules;
static char data_dir[1024];

static const char scenario_template[] =
    "libsi_scenario: 1\n"
    "name: test\n"
    "base_year: 2020\n"
    "horizon: %d\n"
    "mortality: {file: %s/%s, male: %s, female: %s, improvement: \"%s\"}\n"
    "population: {participants: \"%s\", retirees: \"%s\", male_share: \"%s\","
    " female_cadre_share: \"0.3\", first_age: 20, entry_age: 22, entrants: \"%s\","
    " entrant_growth: \"0\"}\n"
    "contribution: {density: \"0.85\", base_ratio: \"0.8\"%s}\n"
    "wages: {growth: \"%s\", calculation_base_ratio: \"1.0338\"}\n"
    "benefits: {average_pension: \"3726\", indexation: \"%s\", new_retiree: {average_index: \"1.0\","
    " career_months: {male60: 360, female55: 330, female50: 300}, account_factor: \"0.9\"}}\n"
    "fund: {balance: \"%s\", return: \"%s\", subsidies: \"0\"}\n"
    "unemployment: {balance: \"30000000000\", insured: \"6918200\", claim_rate: \"0.02\"}\n";

typedef struct knobs {
    int horizon;
    const char *file, *male, *female, *improvement, *participants, *retirees, *male_share;
    const char *entrants, *rate, *growth, *indexation, *balance, *ret;
} knobs;

static knobs defaults(void)
{
    return (knobs){2100, "mortality/cl2010_2013_qx.tsv", "CL5", "CL6", "0.01", "8204100",
                   "1300000", "0.55", "200000", "", "0.045", "0.03", "87000000000", "0.025"};
}

static libsi_result *project(const knobs *kn, int expect_rc)
{
    char text[4096], rate[64] = "";
    if (*kn->rate)
        snprintf(rate, sizeof rate, ", rate: \"%s\"", kn->rate);
    snprintf(text, sizeof text, scenario_template, kn->horizon, data_dir, kn->file, kn->male,
             kn->female, kn->improvement, kn->participants, kn->retirees, kn->male_share,
             kn->entrants, rate, kn->growth, kn->indexation, kn->balance, kn->ret);
    libsi_case *c;
    libsi_result *r = NULL;
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    libsi_case_set(ctx, c, "scenario", text);
    libsi_case_set(ctx, c, "city", "guangzhou");
    int rc = libsi_calculate(ctx, rules, "fund_projection", c, &r);
    if (rc != expect_rc)
        fail_msg("projection: rc %d, expected %d: %s", rc, expect_rc, libsi_ctx_message(ctx));
    libsi_case_free(c);
    return r;
}

/* The value of "key" in the n-th object of the table JSON. */
static void year_value(const libsi_result *r, int n, const char *key, char *out, size_t size)
{
    const char *p = libsi_result_get(r, "table");
    for (int i = 0; i <= n && p; i++)
        p = strchr(p + 1, '{');
    assert_non_null(p);
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":\"", key);
    const char *v = strstr(p, pat);
    assert_non_null(v);
    v += strlen(pat);
    size_t len = strcspn(v, "\"");
    assert_true(len < size);
    memcpy(out, v, len);
    out[len] = '\0';
}

static void base_year_reproduces_inputs(void **state)
{
    (void)state;
    knobs kn = defaults();
    libsi_result *r = project(&kn, 0);
    char v[64];
    year_value(r, 0, "contributors", v, sizeof v);
    assert_string_equal(v, "6904100"); /* 8204100 − 1300000 */
    year_value(r, 0, "retirees", v, sizeof v);
    assert_string_equal(v, "1300000");
    year_value(r, 0, "average_pension", v, sizeof v);
    assert_string_equal(v, "3726.00");
    year_value(r, 0, "balance", v, sizeof v);
    assert_string_equal(v, "87000000000");
    year_value(r, 0, "average_wage", v, sizeof v);
    assert_string_equal(v, "7647"); /* the rule data's 2020 provincial wage */
    assert_string_equal(libsi_result_get(r, "base_year_participants"), "8204100");
    assert_string_equal(libsi_result_get(r, "base_year_average_pension"), "3726.00");
    libsi_result_free(r);
}

static int depletion(const libsi_result *r)
{
    const char *y = libsi_result_get(r, "depletion_year");
    return strcmp(y, "none") == 0 ? 9999 : atoi(y);
}

static void higher_rate_never_depletes_earlier(void **state)
{
    (void)state;
    const char *rates[] = {"0.16", "0.20", "0.22", "0.24", "0.28", "0.32", "0.40"};
    int last = 0, finite = 0;
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++) {
        knobs kn = defaults();
        kn.rate = rates[i];
        libsi_result *r = project(&kn, 0);
        int year = depletion(r);
        if (year < last)
            fail_msg("rate %s depletes in %d, a lower rate in %d", rates[i], year, last);
        last = year;
        finite += year != 9999;
        libsi_result_free(r);
    }
    assert_true(finite >= 2); /* the property is exercised, not vacuous */
}

/* F_T by the closed form, in exact rationals kept as long double is not
 * allowed here (tests may use it, but the check is exact): compute with
 * integers in fen, q = 103/100. */
static void closed_form(void **state)
{
    (void)state;
    knobs kn = defaults();
    kn.horizon = 2030;
    kn.file = "../tests/data/mortality-zero.tsv";
    kn.male = kn.female = "ZERO";
    kn.improvement = "0";
    kn.participants = kn.retirees = "460000"; /* no contributors */
    kn.male_share = "1";                     /* one group: men retiring at 60 in 2020 */
    kn.entrants = "0";
    kn.growth = "0";
    kn.indexation = "0";
    kn.balance = "10000000000";
    kn.ret = "0.03";
    libsi_result *r = project(&kn, 0);
    /* 460000 retirees spread evenly over ages 60…105: 10000 a year die at 105 */
    const int T = 10;
    const __int128 P12 = (__int128)12 * 3726 * 100; /* fen per retiree a year */
    __int128 F = (__int128)10000000000 * 100;        /* fen */
    __int128 bound = 0, q_pow = 1;
    /* F_T = F_0 q^T − Σ B_t q^(T−t), exactly, scaled by 100^T */
    __int128 scale = 1;
    for (int t = 0; t < T; t++)
        scale *= 100;
    __int128 exact = F;
    for (int t = 0; t < T; t++)
        exact *= 103;
    for (int t = 1; t <= T; t++) {
        __int128 B = P12 * (460000 - 10000 * t);
        __int128 term = B;
        for (int u = 0; u < T - t; u++)
            term *= 103;
        for (int u = 0; u < t; u++)
            term *= 100;
        exact -= term;
        q_pow = 1;
        for (int u = 0; u < T - t; u++)
            q_pow = q_pow * 103 / 100 + 1; /* ⌈q^(T−t)⌉, a safe bound */
        bound += q_pow;
    }
    char v[64];
    year_value(r, T, "balance", v, sizeof v);
    long long yuan = 0, fen = 0;
    sscanf(v, "%lld.%lld", &yuan, &fen);
    __int128 got = (__int128)yuan * 100 + (yuan < 0 ? -fen : fen);
    __int128 diff = got * scale - exact;
    if (diff < 0)
        diff = -diff;
    /* |model − closed form| ≤ Σ q^(T−t) × ½ fen */
    if (diff * 2 > bound * scale)
        fail_msg("closed form differs: model %s", v);
    year_value(r, T, "retirees", v, sizeof v);
    assert_string_equal(v, "360000");
    libsi_result_free(r);
}

static void bad_scenarios(void **state)
{
    (void)state;
    knobs kn = defaults();
    kn.male = "CL9";
    libsi_result *r = project(&kn, LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_field(ctx), "scenario");
    assert_non_null(strstr(libsi_ctx_message(ctx), "mortality"));
    kn = defaults();
    kn.file = "../tests/data/mortality-bad.tsv";
    kn.male = kn.female = "ZERO";
    r = project(&kn, LIBSI_EINPUT);
    assert_non_null(strstr(libsi_ctx_message(ctx), "q_105"));
    kn = defaults();
    kn.retirees = "9999999";
    r = project(&kn, LIBSI_EINPUT);
    assert_non_null(strstr(libsi_ctx_message(ctx), "population.retirees"));
    kn = defaults();
    kn.horizon = 2200;
    r = project(&kn, LIBSI_EINPUT);
    assert_non_null(strstr(libsi_ctx_message(ctx), "horizon"));
    (void)r;
}

/* Issue #12: every key of a scenario is read or refused, and its `city` is
 * the pooling area (checked against the input city; Shenzhen refused). */
static int run_text(const char *text, const char *city, libsi_result **r)
{
    libsi_case *c;
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    libsi_case_set(ctx, c, "scenario", text);
    if (city)
        libsi_case_set(ctx, c, "city", city);
    int rc = libsi_calculate(ctx, rules, "fund_projection", c, r);
    libsi_case_free(c);
    return rc;
}

static char *scenario_file(const char *name, const char *from, const char *to)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/scenarios/%s", data_dir, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char text[16384];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    char *at = from ? strstr(text, from) : NULL;
    if (at) { /* one edit, same length or shorter */
        size_t a = strlen(from), b = strlen(to);
        memmove(at + b, at + a, strlen(at + a) + 1);
        memcpy(at, to, b);
    }
    char *copy = malloc(strlen(text) + 1);
    assert_non_null(copy);
    return strcpy(copy, text);
}

static void scenario_keys_and_city(void **state)
{
    (void)state;
    libsi_result *r = NULL;
    char *zj = scenario_file("zhanjiang.yaml", "file: builtin", "file: builtin");
    assert_int_equal(run_text(zj, NULL, &r), 0);
    char *json = NULL;
    assert_int_equal(libsi_result_json(ctx, r, &json), 0);
    assert_non_null(strstr(json, "\"code\":\"440800\"")); /* runs as Zhanjiang */
    assert_null(strstr(json, "\"jurisdiction\":\"440100\""));
    libsi_free(ctx, json);
    libsi_result_free(r);
    assert_int_equal(run_text(zj, "湛江", &r), 0);
    libsi_result_free(r);
    assert_int_equal(run_text(zj, "guangzhou", &r), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_field(ctx), "city");
    free(zj);
    char *sz = scenario_file("zhanjiang.yaml", "city: zhanjiang", "city: shenzhen");
    assert_int_equal(run_text(sz, NULL, &r), LIBSI_EUNSUPPORTED);
    assert_string_equal(libsi_ctx_field(ctx), "scenario");
    free(sz);
    char *typo = scenario_file("guangzhou.yaml", "  growth: ", "  grwoth: ");
    assert_int_equal(run_text(typo, NULL, &r), LIBSI_EINPUT);
    assert_non_null(strstr(libsi_ctx_message(ctx), "wages.grwoth"));
    free(typo);
    char *z = scenario_file("guangzhou.yaml", "average_index: \"1.0\"", "average_index: \"5.0\"");
    assert_int_equal(run_text(z, NULL, &r), LIBSI_ERANGE);
    assert_non_null(strstr(libsi_ctx_message(ctx), "benefits.new_retiree.average_index"));
    free(z);
}

static int setup(void **state)
{
    (void)state;
    const char *d = getenv("LIBSI_DATA");
    snprintf(data_dir, sizeof data_dir, "%s", d ? d : "data");
    return libsi_ctx_new(NULL, &ctx) || libsi_ruleset_builtin(ctx, &rules) ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    libsi_ruleset_free(rules);
    libsi_ctx_free(ctx);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(base_year_reproduces_inputs),
        cmocka_unit_test(higher_rate_never_depletes_earlier),
        cmocka_unit_test(closed_form),
        cmocka_unit_test(bad_scenarios),
        cmocka_unit_test(scenario_keys_and_city),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

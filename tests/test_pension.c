/*
 * Pension properties over generated people (the fixed vectors live in
 * tests/vectors/pension/):
 *  - the history path and the summary path give the same pension for the
 *    same person (1,000 people);
 *  - a pension never decreases when one more contribution month is added,
 *    neither through the summary figures nor through the history;
 *  - the explanation names every formula's document;
 *  - user rule data (tests/data/user-rules/, test values) beside the built-in
 *    files: the adjustment and death calculations take Guangdong's own values
 *    when the rule data has them (the built-in data does not), and the work
 *    injury area wage the higher of the provincial and a city's average, and
 *    unemployment_death the city's average wage from the rules.
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

/* A small deterministic generator (xorshift), so failures reproduce. */
static uint64_t rng_state = 0x5eed2026u;

static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

typedef struct person {
    const char *city, *group;
    char birth[16], retire[16];
    int retire_month; /* month index */
    int deemed;
    char deemed_balance[32];
    char *history;    /* CSV */
    int months;       /* rows in the history */
    uint64_t salt;
} person;

static const char *const cities[] = {"guangzhou", "zhaoqing", "zhanjiang"};

/* Men born 1962-01 … 1965-04 retire at 60y0m … 60y1m in 2022-01 … 2025-05
 * (years whose calculation base is in the rule data). */
static void make_person(person *p)
{
    memset(p, 0, sizeof *p);
    p->city = cities[rnd(3)];
    p->group = "male60";
    int birth = 1962 * 12 + (int)rnd(40); /* 1962-01 … 1965-04 */
    int delay = birth < 1965 * 12 ? 0 : (birth - 1965 * 12) / 4 + 1;
    p->retire_month = birth + 720 + delay;
    snprintf(p->birth, sizeof p->birth, "%04d-%02d-%02d", birth / 12, birth % 12 + 1,
             1 + (int)rnd(28));
    snprintf(p->retire, sizeof p->retire, "%04d-%02d", p->retire_month / 12,
             p->retire_month % 12 + 1);
    p->deemed = 120 + (int)rnd(120);
    snprintf(p->deemed_balance, sizeof p->deemed_balance, "%u.%02u", rnd(40000), rnd(100));
    p->salt = ((uint64_t)rnd(1u << 30) << 30) | rnd(1u << 30);
}

/* A value for (person, month) that does not depend on call order. */
static unsigned mix(uint64_t salt, int month, unsigned n)
{
    uint64_t x = salt ^ ((uint64_t)(unsigned)month * 0x9e3779b97f4a7c15u);
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9u;
    x ^= x >> 29;
    return (unsigned)(x % n);
}

/* The provincial average wage behind the band of month m from 2020-07 (band
 * years July–June; 20268 / 3 for 2019, then the rule data's 2020–2024). */
static unsigned band_wage(int m)
{
    static const unsigned wage[] = {6756, 7647, 8310, 8807, 9167, 9183};
    int year = (m - (2020 * 12 + 6)) / 12;
    return wage[year < 5 ? year : 5];
}

/* Monthly history from about 2004 to the month before retirement, `extra`
 * more months in front.  The rule data hold crediting rates from 2016 and
 * average wages from 2020, so earlier rows carry their own (columns
 * crediting_rate and average_wage), as an agency's record would.  Every
 * base lies in its month's band (61 %–299 % of the wage behind it), as a
 * real record does (issue #12: bases outside the band are refused). */
static void make_history(person *p, int extra)
{
    size_t cap = 64 * 1024, len = 0;
    p->history = malloc(cap);
    assert_non_null(p->history);
    len += (size_t)snprintf(p->history, cap, "month,base,average_wage,crediting_rate\n");
    int first = 2004 * 12 + (int)mix(p->salt, 0, 24) - extra;
    p->months = 0;
    for (int m = first; m < p->retire_month; m++) {
        if (m >= 2008 * 12 && mix(p->salt, m, 10) == 0)
            continue; /* gaps happen */
        unsigned wage = m >= 2020 * 12 + 6 ? band_wage(m) : 3000 + mix(p->salt + 3, m / 12, 5000);
        unsigned fen = wage * (6100 + mix(p->salt + 1, m, 23800)) / 100;
        len += (size_t)snprintf(p->history + len, cap - len, "%04d-%02d,%u.%02u,", m / 12,
                                m % 12 + 1, fen / 100, fen % 100);
        if (m < 2021 * 12 + 6)
            len += (size_t)snprintf(p->history + len, cap - len, "%u", wage);
        len += (size_t)snprintf(p->history + len, cap - len, ",");
        if (m < 2016 * 12)
            len += (size_t)snprintf(p->history + len, cap - len, "0.0%u",
                                    1 + mix(p->salt + 4, m / 12, 9));
        len += (size_t)snprintf(p->history + len, cap - len, "\n");
        p->months++;
    }
}

static libsi_result *calculate(libsi_case *c)
{
    libsi_result *r = NULL;
    int rc = libsi_calculate(ctx, rules, "pension", c, &r);
    if (rc != 0)
        fail_msg("pension: %s (%s)", libsi_ctx_message(ctx), libsi_ctx_field(ctx));
    return r;
}

static libsi_case *common_case(const person *p)
{
    libsi_case *c;
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    libsi_case_set(ctx, c, "city", p->city);
    libsi_case_set(ctx, c, "retirement_group", p->group);
    libsi_case_set(ctx, c, "birth_date", p->birth);
    char deemed[16];
    snprintf(deemed, sizeof deemed, "%d", p->deemed);
    libsi_case_set(ctx, c, "deemed_months", deemed);
    libsi_case_set(ctx, c, "deemed_account_balance", p->deemed_balance);
    return c;
}

static const char *const amounts[] = {"basic_pension", "account_pension",
                                      "transitional_pension", "transition_adjustment",
                                      "supplements", "total", "divisor"};

static void summary_equals_history(void **state)
{
    (void)state;
    for (int i = 0; i < 1000; i++) {
        person p;
        make_person(&p);
        make_history(&p, 0);
        libsi_case *ch = common_case(&p);
        libsi_case_set(ctx, ch, "history", p.history);
        libsi_result *rh = calculate(ch);
        libsi_case *cs = common_case(&p);
        char months[16];
        snprintf(months, sizeof months, "%d", p.months);
        libsi_case_set(ctx, cs, "contribution_months", months);
        libsi_case_set(ctx, cs, "average_index", libsi_result_get(rh, "average_index_exact"));
        libsi_case_set(ctx, cs, "account_balance", libsi_result_get(rh, "account_balance"));
        libsi_result *rs = calculate(cs);
        assert_string_equal(libsi_result_get(rh, "eligible"), "true");
        for (size_t k = 0; k < sizeof amounts / sizeof amounts[0]; k++)
            if (strcmp(libsi_result_get(rh, amounts[k]), libsi_result_get(rs, amounts[k])) != 0)
                fail_msg("person %d: %s history %s summary %s", i, amounts[k],
                         libsi_result_get(rh, amounts[k]), libsi_result_get(rs, amounts[k]));
        libsi_result_free(rh);
        libsi_result_free(rs);
        libsi_case_free(ch);
        libsi_case_free(cs);
        free(p.history);
    }
}

/* A total in fen; 0 when there is none (not eligible). */
static int cents(const char *amount)
{
    long yuan = 0, fen = 0;
    if (!amount)
        return 0;
    sscanf(amount, "%ld.%ld", &yuan, &fen);
    return (int)(yuan * 100 + fen);
}

/* Summary path: the same Z and balance, one more month. */
static void one_more_month_summary(void **state)
{
    (void)state;
    for (int i = 0; i < 300; i++) {
        person p;
        make_person(&p);
        char z[32], balance[32];
        unsigned zz = 1800 + rnd(28200); /* within [0.18, 3]: pension.average_index.min / .max */
        snprintf(z, sizeof z, "%u.%04u", zz / 10000, zz % 10000);
        snprintf(balance, sizeof balance, "%u.%02u", rnd(300000), rnd(100));
        /* with the deemed months, within the 528 months from age 16 to retirement */
        int base_months = 60 + (int)rnd((unsigned)(440 - p.deemed)), last = -1;
        for (int n = base_months; n < base_months + 30; n++) {
            libsi_case *c = common_case(&p);
            char months[16];
            snprintf(months, sizeof months, "%d", n);
            libsi_case_set(ctx, c, "contribution_months", months);
            libsi_case_set(ctx, c, "average_index", z);
            libsi_case_set(ctx, c, "account_balance", balance);
            libsi_result *r = calculate(c);
            const char *total = libsi_result_get(r, "total");
            int now = total ? cents(total) : 0;
            if (now < last)
                fail_msg("person %d: %d months give %d fen, %d months gave %d", i, n, now,
                         n - 1, last);
            last = now;
            libsi_result_free(r);
            libsi_case_free(c);
        }
    }
}

/* History path: one more month at the start of the history, any base.
 * Without deemed months: with them the property does not hold, and the
 * formula says why.  basic ∝ (1 + Z) × (n + d) with Z = S / n; one more
 * month of index x gives (1 + (S + x)/(n + 1)) × (n + 1 + d), which is
 * smaller when x is low and d large (S/n = 2, x = 0.3, n = d = 100: 600 →
 * 599.6).  A low-paid extra month dilutes the index over the deemed years too. */
static void one_more_month_history(void **state)
{
    (void)state;
    int compared = 0;
    for (int i = 0; i < 100; i++) {
        person p;
        make_person(&p);
        p.deemed = 0;
        strcpy(p.deemed_balance, "0");
        make_history(&p, 0);
        char *shorter = p.history;
        make_history(&p, 1); /* same months, one earlier month in front */
        libsi_case *a = common_case(&p), *b = common_case(&p);
        libsi_case_set(ctx, a, "history", shorter);
        libsi_case_set(ctx, b, "history", p.history);
        libsi_result *ra = calculate(a), *rb = calculate(b);
        int ta = cents(libsi_result_get(ra, "total")), tb = cents(libsi_result_get(rb, "total"));
        if (tb < ta)
            fail_msg("person %d: one more month lowered the pension %d → %d fen", i, ta, tb);
        compared += ta > 0;
        libsi_result_free(ra);
        libsi_result_free(rb);
        libsi_case_free(a);
        libsi_case_free(b);
        free(shorter);
        free(p.history);
    }
    assert_true(compared >= 50); /* most people are eligible: the property is exercised */
}

/* The explanation names the document of every formula. */
static void explanation_cites_documents(void **state)
{
    (void)state;
    person p;
    make_person(&p);
    snprintf(p.birth, sizeof p.birth, "1965-03-10"); /* 60y1m: an interpolated divisor */
    libsi_case *c = common_case(&p);
    libsi_case_set(ctx, c, "contribution_months", "300");
    libsi_case_set(ctx, c, "average_index", "0.9");
    libsi_case_set(ctx, c, "account_balance", "100000");
    libsi_result *r = calculate(c);
    char *text = NULL;
    assert_int_equal(libsi_result_explain(ctx, r, &text), 0);
    const char *const documents[] = {"国发〔2005〕38号", "渐进式延迟法定退休年龄的办法》第一条",
                                     "第三条", "第二条", "粤府函〔2021〕294号",
                                     "粤劳电〔2009〕32号", "粤人社〔2014〕8号",
                                     "粤人社发〔2025〕32号", "fen_half_up", "tenth_half_up"};
    for (size_t i = 0; i < sizeof documents / sizeof documents[0]; i++)
        if (!strstr(text, documents[i]))
            fail_msg("explanation lacks %s", documents[i]);
    libsi_free(ctx, text);
    libsi_result_free(r);
    libsi_case_free(c);
}

/* The built-in rule files and tests/data/user-rules/guangdong-detail.yaml,
 * loaded as one ruleset (vec_rules_with). */
static libsi_ruleset *builtin_plus_user_rules(void)
{
    libsi_ruleset *rs = NULL;
    if (vec_rules_with(ctx, "user-rules/guangdong-detail.yaml", &rs) != 0)
        fail_msg("user rules: %s (%s)", libsi_ctx_message(ctx), libsi_ctx_field(ctx));
    return rs;
}

static libsi_result *run_with(libsi_ruleset *rs, const char *scheme, const char *const *kv)
{
    libsi_case *c;
    libsi_result *r = NULL;
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    for (; *kv; kv += 2)
        assert_int_equal(libsi_case_set(ctx, c, kv[0], kv[1]), 0);
    if (libsi_calculate(ctx, rs, scheme, c, &r) != 0)
        fail_msg("%s: %s (%s)", scheme, libsi_ctx_message(ctx), libsi_ctx_field(ctx));
    libsi_case_free(c);
    return r;
}

/* pension_adjustment with Guangdong's detail in the rule data: increase =
 * fixed + per_year × full years + pension × percent, to the fen (the formula
 * of the yearly notices, 定额 + 挂钩); with the test values 50, 2 and 0.01,
 * 3000 元 and 361 months (30 full years): 50 + 2 × 30 + 3000 × 0.01 = 140.00
 * (the test values are marked confidence L, so low_confidence stays raised).
 * The built-in data has no detail: the same case takes the national overall
 * rate of 2024 (3 %, guangdong-rules.md §A7): 90.00, flagged low_confidence. */
static void adjustment_takes_guangdong_detail(void **state)
{
    (void)state;
    libsi_ruleset *rs = builtin_plus_user_rules();
    const char *const in[] = {"city", "guangzhou", "year", "2024", "pension", "3000",
                              "contribution_months", "361", NULL};
    libsi_result *r = run_with(rs, "pension_adjustment", in);
    assert_string_equal(libsi_result_get(r, "increase"), "140.00");
    assert_string_equal(libsi_result_get(r, "adjusted_pension"), "3140.00");
    libsi_result_free(r);
    r = run_with(rules, "pension_adjustment", in);
    assert_string_equal(libsi_result_get(r, "increase"), "90.00");
    assert_true(libsi_result_flags(r) & LIBSI_FLAG_LOW_CONFIDENCE);
    libsi_result_free(r);
    libsi_ruleset_free(rs);
}

/* pension_death without income_base takes the previous year's provincial
 * urban per-capita disposable income from the rule data (人社部发〔2021〕18号):
 * 60000 (test value, 2025) for a death in 2026; 20 full years give 9 + 5 = 14
 * months of survivors' pension; funeral 60000 × 2 / 12 = 10000.00, survivors
 * 60000 × 14 / 12 = 70000.00.  The built-in data lacks the figure: ENOTFOUND
 * naming income_base. */
static void death_takes_income_from_rule_data(void **state)
{
    (void)state;
    libsi_ruleset *rs = builtin_plus_user_rules();
    const char *const in[] = {"city", "guangzhou", "death_date", "2026-03-01",
                              "contribution_months", "240", "account_balance", "0", NULL};
    libsi_result *r = run_with(rs, "pension_death", in);
    assert_string_equal(libsi_result_get(r, "funeral_subsidy"), "10000.00");
    assert_string_equal(libsi_result_get(r, "survivor_months"), "14");
    assert_string_equal(libsi_result_get(r, "survivor_pension"), "70000.00");
    assert_string_equal(libsi_result_get(r, "total"), "80000.00");
    libsi_result_free(r);
    libsi_case *c;
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    for (const char *const *kv = in; *kv; kv += 2)
        libsi_case_set(ctx, c, kv[0], kv[1]);
    r = NULL;
    assert_int_equal(libsi_calculate(ctx, rules, "pension_death", c, &r), LIBSI_ENOTFOUND);
    assert_string_equal(libsi_ctx_field(ctx), "income_base");
    libsi_case_free(c);
    libsi_ruleset_free(rs);
}

/* work_injury's area wage from the rule data (《广东省工伤保险条例》 2019年修正):
 * from 2019-07-01 the provincial previous-year average or the city's where
 * that is higher, before then the city's.  Zhaoqing's test wages (6000 for
 * 2018, 7000 for 2021) against the provincial 8310 of 2021: an injury on
 * 2022-05-10 takes 8310 (full nursing 50 %: 4155.00), one on 2019-05-10 the
 * city's 6000 (3000.00); the one-time subsidy is the own wage 9000 × 13
 * months (grade 7, 第三十七条) = 117000.00 in both. */
static void injury_area_wage_higher_of(void **state)
{
    (void)state;
    libsi_ruleset *rs = builtin_plus_user_rules();
    static const struct { const char *date, *nursing; } cases[] = {
        {"2022-05-10", "4155.00"}, {"2019-05-10", "3000.00"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *const in[] = {"city", "zhaoqing", "injury_date", cases[i].date,
                                  "disability_grade", "7", "own_wage", "9000",
                                  "nursing_level", "full", NULL};
        libsi_result *r = run_with(rs, "work_injury", in);
        assert_string_equal(libsi_result_get(r, "nursing_care_monthly"), cases[i].nursing);
        assert_string_equal(libsi_result_get(r, "one_time_disability_subsidy"), "117000.00");
        libsi_result_free(r);
    }
    libsi_ruleset_free(rs);
}

/* unemployment_death takes the claim city's average wage from the rule data
 * when the case does not give it (《广东省失业保险条例》第二十一条): with 7000
 * for Zhaoqing 2025 in the user rules, a death on 2026-03-01 gives the
 * amounts of the vector death-zq-7000, where 7000 is the input: funeral
 * 3 × 7000 = 21000.00, survivors 6 × 7000 = 42000.00, total 63000.00, the
 * month's benefit 1850 × 0.9 = 1665.00; without the override flag. */
static void unemployment_death_wage_from_rules(void **state)
{
    (void)state;
    libsi_ruleset *rs = builtin_plus_user_rules();
    const char *const in[] = {"city", "zhaoqing", "death_date", "2026-03-01", NULL};
    libsi_result *r = run_with(rs, "unemployment_death", in);
    assert_string_equal(libsi_result_get(r, "funeral_subsidy"), "21000.00");
    assert_string_equal(libsi_result_get(r, "survivor_payment"), "42000.00");
    assert_string_equal(libsi_result_get(r, "total"), "63000.00");
    assert_string_equal(libsi_result_get(r, "death_month_benefit"), "1665.00");
    assert_false(libsi_result_flags(r) & LIBSI_FLAG_OVERRIDE);
    libsi_result_free(r);
    libsi_ruleset_free(rs);
}

static int setup(void **state)
{
    (void)state;
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
        cmocka_unit_test(summary_equals_history),
        cmocka_unit_test(one_more_month_summary),
        cmocka_unit_test(one_more_month_history),
        cmocka_unit_test(explanation_cites_documents),
        cmocka_unit_test(adjustment_takes_guangdong_detail),
        cmocka_unit_test(death_takes_income_from_rule_data),
        cmocka_unit_test(injury_area_wage_higher_of),
        cmocka_unit_test(unemployment_death_wage_from_rules),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

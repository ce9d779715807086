/*
 * After retirement, and the account on its own:
 *
 *  `pension_adjustment`: the yearly adjustment (基本养老金调整).  Guangdong's
 *  own amounts (定额, per contribution year, percentage, age tilt) are rule
 *  values when published; Guangdong 2016–2025 detail was not found
 *  (not found), so the national overall rate applies to the
 *  pension instead and the result is flagged low_confidence.
 *
 *  `pension_death`: death of an insured person or retiree from non-work
 *  causes (社会保险法第十四条、第十七条; 人社部发〔2021〕18号): funeral subsidy
 *  2 months and survivors' pension 9–24 months of the previous year's
 *  provincial urban per-capita disposable income per month, and the
 *  inheritable personal-account balance.
 *
 *  `pension_account`: the personal-account balance at a month from a
 *  monthly history (pension_account.c).
 */
#include <string.h>

#include "pension_internal.h"


/* ------------------------------------------------------- adjustment */

typedef struct adjust {
    int date;
    lsi_dec pension;
    int64_t months, age_years;
    lsi_dec increase;
} adjust;

/* Guangdong detail: fixed + per full year × years + pension × percent. */
static int detailed_increase(lsi_calc *k, adjust *a, lsi_dec percent)
{
    lsi_dec fixed, per_year, x, y;
    int rc = lsi_param(k, "pension.adjustment.fixed", a->date, &fixed);
    if (rc == 0) rc = lsi_param(k, "pension.adjustment.per_year", a->date, &per_year);
    if (rc == 0) rc = lsi_dec_mul(per_year, lsi_dec_from_int(a->months / 12), &x);
    if (rc == 0) rc = lsi_dec_mul(a->pension, percent, &y);
    if (rc == 0) rc = lsi_dec_add(x, y, &x);
    if (rc == 0) rc = lsi_dec_add(x, fixed, &x);
    return rc ? rc : lsi_step_round(k, x, &LSI_ROUND_FEN, &a->increase);
}

static int overall_increase(lsi_calc *k, adjust *a)
{
    lsi_dec rate;
    lsi_step_note(k, "Guangdong's own adjustment amounts for this year are not in the rule "
                     "data (not found); the national overall rate is applied to "
                     "the pension instead");
    lsi_step_flag(k, LIBSI_FLAG_LOW_CONFIDENCE);
    int rc = lsi_param(k, "pension.adjustment.overall_rate", a->date, &rate);
    return rc ? rc : lsi_dec_mul_round(a->pension, rate, &LSI_ROUND_FEN, &a->increase, NULL) == 0
                         ? (lsi_step_result(k, a->increase), 0)
                         : lsi_fail(k->ctx, LIBSI_ERANGE, "pension", "out of range");
}

static int adjustment_inputs(lsi_calc *k, adjust *a)
{
    int64_t year;
    int rc = lsi_in_int(k, "year", &year);
    if (rc == 0 && (year < 1990 || year > 2199))
        rc = lsi_in_invalid(k, "year", "must be a year 1990–2199");
    if (rc == 0) rc = lsi_in_dec(k, "pension", &a->pension);
    if (rc == 0 && lsi_dec_is_negative(a->pension))
        rc = lsi_in_invalid(k, "pension", "must not be negative");
    if (rc == 0) rc = lsi_in_int(k, "contribution_months", &a->months);
    if (rc == 0 && a->months < 0)
        rc = lsi_in_invalid(k, "contribution_months", "must not be negative");
    if (rc != 0)
        return rc; /* only a checked year: 404050 * 10000 overflows an int */
    a->date = (int)year * 10000 + 101;
    return lsi_check_career_months(k, "contribution_months", a->months, a->date);
}

/* yearly notices of 人力资源社会保障部/财政部 and the province */
static int run_adjustment(lsi_calc *k)
{
    adjust a;
    memset(&a, 0, sizeof a);
    int rc = adjustment_inputs(k, &a);
    if (rc != 0)
        return rc;
    lsi_step(k, pension_adjustment);
    lsi_dec percent, total;
    rc = lsi_param(k, "pension.adjustment.percent", a.date, &percent);
    if (rc == LIBSI_ENOTFOUND)
        rc = overall_increase(k, &a);
    else if (rc == 0)
        rc = detailed_increase(k, &a, percent);
    if (rc == 0) rc = lsi_dec_add(a.pension, a.increase, &total);
    if (rc == 0) rc = lsi_out_dec(k, "increase", a.increase);
    return rc ? rc : lsi_out_dec(k, "adjusted_pension", total);
}

/* ------------------------------------------------------------ death */

typedef struct death {
    int date;
    int64_t months;
    lsi_dec yearly_income; /* previous-year provincial urban per-capita disposable income */
} death;

/* 人社部发〔2021〕18号 (conf. M/L) */
static int income_base(lsi_calc *k, death *d)
{
    lsi_step(k, survivor_income_base);
    if (lsi_in_present(k, "income_base")) {
        int rc = lsi_in_dec(k, "income_base", &d->yearly_income);
        if (rc == 0 && lsi_dec_is_negative(d->yearly_income))
            rc = lsi_in_invalid(k, "income_base", "must not be negative");
        if (rc == 0)
            rc = lsi_check_positive(k, "income_base", d->yearly_income,
                                    "a per-capita disposable income is a positive amount");
        if (rc == 0)
            rc = lsi_check_rule_range(k, "income_base", d->yearly_income, NULL,
                                      "income.disposable_per_capita.max", d->date);
        if (rc == 0)
            lsi_step_override(k, "override: the case gives the income base", d->yearly_income);
        return rc;
    }
    int prev = lsi_previous_year(d->date);
    int rc = lsi_param(k, "income.provincial_urban_disposable_per_capita", prev,
                       &d->yearly_income);
    if (rc == LIBSI_ENOTFOUND)
        return lsi_fail(k->ctx, rc, "income_base",
                        "Guangdong's urban per-capita disposable income for %d is not in the "
                        "rule data (not found); give input 'income_base'",
                        d->date / 10000 - 1);
    if (rc == 0)
        lsi_step_result(k, d->yearly_income);
    return rc;
}

/* yearly × months / 12, one rounding to the fen. */
static int months_of_income(lsi_calc *k, const death *d, lsi_dec months, lsi_dec *out)
{
    lsi_dec num;
    if (lsi_dec_mul(d->yearly_income, months, &num) != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "income_base", "out of range");
    return lsi_step_round_div(k, num, lsi_dec_from_int(12), &LSI_ROUND_FEN, out);
}

static int survivor_months(lsi_calc *k, const death *d, lsi_dec *months)
{
    lsi_dec base, threshold, max;
    int64_t b, t, m;
    int rc = lsi_param(k, "pension.survivor.base_months", d->date, &base);
    if (rc == 0) rc = lsi_param(k, "pension.survivor.threshold_years", d->date, &threshold);
    if (rc == 0) rc = lsi_param(k, "pension.survivor.max_months", d->date, &max);
    if (rc == 0) rc = lsi_dec_to_int64(base, &b);
    if (rc == 0) rc = lsi_dec_to_int64(threshold, &t);
    if (rc == 0) rc = lsi_dec_to_int64(max, &m);
    if (rc != 0)
        return rc;
    int64_t years = d->months / 12, n = b + (years > t ? years - t : 0);
    *months = lsi_dec_from_int(n < m ? n : m);
    lsi_step_value(k, "full_years", lsi_dec_from_int(years));
    lsi_step_value(k, "months", *months);
    return 0;
}

static int death_inputs(lsi_calc *k, death *d, lsi_dec *balance)
{
    int rc = lsi_in_date(k, "death_date", &d->date);
    if (rc == 0) rc = lsi_in_int(k, "contribution_months", &d->months);
    if (rc == 0 && d->months < 0)
        rc = lsi_in_invalid(k, "contribution_months", "must not be negative");
    if (rc == 0) rc = lsi_check_career_months(k, "contribution_months", d->months, d->date);
    if (rc == 0) rc = lsi_in_dec(k, "account_balance", balance);
    if (rc == 0 && lsi_dec_is_negative(*balance))
        rc = lsi_in_invalid(k, "account_balance", "must not be negative");
    return rc;
}

/* 社会保险法第十七条; 人社部发〔2021〕18号 (2 months, conf. M/L) */
static int funeral_subsidy(lsi_calc *k, const death *d, lsi_dec *out)
{
    lsi_step(k, pension_funeral_subsidy);
    lsi_dec two;
    int rc = lsi_param(k, "pension.survivor.funeral_months", d->date, &two);
    return rc ? rc : months_of_income(k, d, two, out);
}

/* 社会保险法第十七条; 人社部发〔2021〕18号 */
static int survivor_pension(lsi_calc *k, const death *d, lsi_dec *months, lsi_dec *out)
{
    lsi_step(k, survivor_pension);
    int rc = survivor_months(k, d, months);
    return rc ? rc : months_of_income(k, d, *months, out);
}

/* 社会保险法第十四条 */
static void inheritable_account(lsi_calc *k, lsi_dec balance)
{
    lsi_step(k, inheritable_account);
    lsi_step_result(k, balance);
}

static int run_death(lsi_calc *k)
{
    death d;
    lsi_dec balance, funeral, months, survivors, total;
    int rc = death_inputs(k, &d, &balance);
    if (rc == 0) rc = income_base(k, &d);
    if (rc == 0) rc = funeral_subsidy(k, &d, &funeral);
    if (rc == 0) rc = survivor_pension(k, &d, &months, &survivors);
    if (rc != 0)
        return rc;
    inheritable_account(k, balance);
    rc = lsi_dec_add(funeral, survivors, &total);
    const lsi_named_dec out[] = {
        {"funeral_subsidy", funeral}, {"survivor_months", months},
        {"survivor_pension", survivors}, {"inheritable_account", balance}, {"total", total}};
    return rc ? rc : lsi_out_decs(k, out, sizeof out / sizeof out[0]);
}

/* ---------------------------------------------------------- account */

static int run_account(lsi_calc *k)
{
    lsi_history h;
    int rule, as_of;
    lsi_dec opening, balance;
    int rc = lsi_history_read(k, "history", &h);
    if (rc == 0) rc = lsi_account_inputs(k, &rule, &opening);
    if (rc != 0)
        return rc;
    as_of = h.m[h.n - 1].month;
    if (lsi_in_present(k, "as_of") && (rc = lsi_in_month(k, "as_of", &as_of)) != 0)
        return rc;
    if (as_of < h.m[0].month) {
        char m[8];
        lsi_month_format(h.m[0].month, m);
        return lsi_in_invalid(k, "as_of", "before the first month of the history, %s: give "
                                          "as_of=%s or later (or leave it out for the last month)",
                              m, m);
    }
    rc = lsi_account_balance(k, &h, as_of, (lsi_interest_rule)rule, opening, &balance);
    int64_t n = 0; /* a base of 0 is no contribution month */
    for (size_t i = 0; i < h.n && h.m[i].month <= as_of; i++)
        n += !lsi_dec_is_zero(h.m[i].base);
    if (rc == 0) rc = lsi_out_dec(k, "contribution_months", lsi_dec_from_int(n));
    return rc ? rc : lsi_out_dec(k, "balance", balance);
}

/* -------------------- descriptors (schema: data/schemas/pension.tsv) */

const lsi_scheme lsi_scheme_pension_adjustment = LSI_SCHEME(pension_adjustment, run_adjustment);
const lsi_scheme lsi_scheme_pension_death = LSI_SCHEME(pension_death, run_death);
const lsi_scheme lsi_scheme_pension_account = LSI_SCHEME(pension_account, run_account);

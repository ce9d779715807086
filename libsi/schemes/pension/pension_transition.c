/*
 * Guangdong transitional pension (过渡性养老金) and the fixed supplements
 * every retiree receives (agency practice seen on approval forms (养老金核定表); only partly documented):
 *
 *  1. supplements: 100 yuan (粤劳电〔2009〕32号) + 4 yuan per full contribution
 *     year (缴费年限津贴, 粤人社〔2014〕8号) — conf. M, reproduces approval forms;
 *  2. old method (原办法): deemed-contribution account ÷ 120 — conf. M;
 *  3. new method (粤府函〔2021〕294号, 系数法): C × W × 1.2 %, W the weighted
 *     transitional years — conf. M/L;
 *  4. transition 2021–2025: adjustment = max(0, (new − old − 缴费年限津贴) ×
 *     ratio of the retirement year) — conf. L for the ratios, M for 2025.
 *     From 2026 the ratio stays 1 (the new method fully replaces the old), so
 *     old + adjustment equals the new method net of the per-year supplement.
 * Retirements before 2021 use the old method only.
 */
#include "pension_internal.h"

typedef struct transition {
    int date;
    lsi_dec c;
    int64_t total_months, deemed;
    lsi_dec per_year_part;
    bool no_years; /* no deemed month and no W given: W = 0, the new method 0.00 */
} transition;

/* 粤劳电〔2009〕32号; 粤人社〔2014〕8号 — document numbers as quoted by public calculators */
/* 100 + 4 × ⌊N⌋ */
static int supplements(lsi_calc *k, transition *t, lsi_dec *out)
{
    lsi_step(k, supplements);
    lsi_dec fixed, per_year;
    int rc = lsi_param(k, "pension.supplement.fixed", t->date, &fixed);
    if (rc == 0) rc = lsi_param(k, "pension.supplement.per_year", t->date, &per_year);
    if (rc == 0) rc = lsi_dec_mul(per_year, lsi_dec_from_int(t->total_months / 12),
                                  &t->per_year_part);
    if (rc == 0) rc = lsi_dec_add(fixed, t->per_year_part, out);
    if (rc == 0) rc = lsi_dec_round(*out, &LSI_ROUND_FEN, out, NULL);
    if (rc == 0) {
        lsi_step_value(k, "full_years", lsi_dec_from_int(t->total_months / 12));
        lsi_step_value(k, "per_year_part", t->per_year_part);
        lsi_step_result(k, *out);
    }
    return rc;
}

/* deemed-contribution account ÷ 120 */
static int old_method(lsi_calc *k, transition *t, lsi_dec *out)
{
    lsi_step(k, transitional_old_method);
    lsi_dec balance, divisor;
    /* (by the pension schema's indices; under institution_pension's by name) */
    int rc = lsi_in_dec_of(k, pension, deemed_account_balance, &balance);
    if (rc == 0 && lsi_dec_is_negative(balance))
        rc = lsi_in_invalid(k, "deemed_account_balance", "must not be negative");
    if (rc != 0)
        return rc;
    if (lsi_dec_is_zero(balance)) {
        lsi_step_result(k, *out = LSI_ZERO_FEN);
        return 0;
    }
    rc = lsi_param(k, "pension.transition.old_divisor", t->date, &divisor);
    return rc ? rc : lsi_step_round_div(k, balance, divisor, &LSI_ROUND_FEN, out);
}

/* W: given, or the city's deemed index × deemed months / 12 (粤府函〔2021〕294号
 * 附表一/二; actual 1994–1998 months need the given W). */
static int transition_years(lsi_calc *k, transition *t, lsi_dec *w, lsi_dec *w_den)
{
    *w_den = lsi_dec_from_int(1);
    if (lsi_in_present_of(k, pension, transition_years)) {
        int rc = lsi_in_dec_of(k, pension, transition_years, w);
        if (rc == 0 && lsi_dec_is_negative(*w))
            rc = lsi_in_invalid(k, "transition_years", "must not be negative");
        if (rc == 0)
            lsi_step_value(k, "W (given)", *w);
        return rc;
    }
    if (t->deemed == 0) {
        *w = lsi_dec_from_int(0);
        t->no_years = true;
        return 0;
    }
    lsi_dec d;
    int rc = lsi_param(k, "pension.transition.deemed_index", t->date, &d);
    if (rc == 0) rc = lsi_dec_mul(d, lsi_dec_from_int(t->deemed), w);
    *w_den = lsi_dec_from_int(12);
    lsi_step_note(k, "W = deemed index × deemed months / 12 (no actual 1994-01…1998-06 months "
                     "given; pass transition_years otherwise)");
    return rc;
}

/* 粤府函〔2021〕294号 (C × W × 1.2 %, as quoted, conf. M/L) */
static int new_method(lsi_calc *k, transition *t, lsi_dec *out)
{
    lsi_step(k, transitional_new_method);
    lsi_dec w, w_den, coef, num;
    int rc = transition_years(k, t, &w, &w_den);
    if (rc == 0) rc = lsi_param(k, "pension.transition.coefficient", t->date, &coef);
    if (rc != 0)
        return rc;
    if (t->no_years && !k->step) { /* (the trace shows C × 0 rounded) */
        *out = LSI_ZERO_FEN;        /* C × 0 × coefficient, exact, is 0.00 */
        return 0;
    }
    if (lsi_dec_mul(t->c, w, &num) != 0 || lsi_dec_mul(num, coef, &num) != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "transition_years", "new method out of range");
    return lsi_step_round_div(k, num, w_den, &LSI_ROUND_FEN, out);
}

/* 粤府函〔2021〕294号 transition 2021–2025 */
static int adjustment(lsi_calc *k, transition *t, lsi_dec old, lsi_dec neu, lsi_dec *out)
{
    lsi_step(k, transition_adjustment);
    lsi_dec ratio, gap;
    int rc = lsi_param(k, "pension.transition.ratio", t->date, &ratio);
    if (rc == 0) rc = lsi_dec_sub(neu, old, &gap);
    if (rc == 0) rc = lsi_dec_sub(gap, t->per_year_part, &gap);
    if (rc != 0)
        return rc;
    lsi_step_value(k, "gap", gap);
    if (lsi_dec_is_negative(gap))
        gap = lsi_dec_from_int(0);
    if (!k->step && lsi_dec_is_zero(gap)) { /* (the trace shows 0 × ratio rounded) */
        *out = LSI_ZERO_FEN; /* the new method no higher: no adjustment, 0.00 exactly */
        return 0;
    }
    if (lsi_dec_mul(gap, ratio, &gap) != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "transition_adjustment", "out of range");
    return lsi_step_round(k, gap, &LSI_ROUND_FEN, out);
}

int lsi_pension_transitional(lsi_calc *k, int date, lsi_dec c, int64_t total_months,
                             int64_t deemed, lsi_dec *old, lsi_dec *neu, lsi_dec *adjust,
                             lsi_dec *supp)
{
    transition t = {date, c, total_months, deemed, LSI_ZERO_FEN, false};
    *neu = *adjust = LSI_ZERO_FEN;
    int rc = supplements(k, &t, supp);
    if (rc == 0) rc = old_method(k, &t, old);
    if (rc != 0 || date < 20210101)
        return rc;
    rc = new_method(k, &t, neu);
    return rc ? rc : adjustment(k, &t, *old, *neu, adjust);
}

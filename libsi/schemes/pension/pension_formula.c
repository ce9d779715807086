/*
 * The two formulas of 国发〔2005〕38号 that every new pension uses:
 *
 *  基础养老金 (basic pension), Guangdong form with the low-index coefficient:
 *      (C × a + C × Z) / 2 × N × 1 %,  a = min(1, Z / 0.6),  N = months / 12
 *  (agency practice seen on approval forms (养老金核定表), conf. M;
 *  Guangdong legal text not found);
 *
 *  计发月数 (divisor) of the personal-account pension: the whole-year table of
 *  国发〔2005〕38号 附件, interpolated for months and rounded to 0.1 half-up
 *  (agency practice seen on approval forms (养老金核定表), conf. M), clamped to the
 *  table's ages 40–70.
 */
#include <stdio.h>

#include "pension_internal.h"

/* ----------------------------------------------------------- divisor */

#define DIVISOR_MIN_AGE 40
#define DIVISOR_MAX_AGE 70

/* The table's parameter names, age 40 to 70 (static: they key the cache;
 * shared with the compiled path, pension_compiled.c). */
#define DIVISOR_AGES(X) \
    X(40) X(41) X(42) X(43) X(44) X(45) X(46) X(47) X(48) X(49) X(50) X(51) X(52) X(53) X(54) X(55) X(56) X(57) X(58) X(59) X(60) X(61) X(62) X(63) X(64) X(65) X(66) X(67) X(68) X(69) X(70)
#define DIVISOR_NAME(a) "pension.divisor.age_" #a,
const char *const lsi_pension_divisor_names[31] = {DIVISOR_AGES(DIVISOR_NAME)};

static int table_divisor(lsi_calc *k, int date, int age, lsi_dec *out)
{
    return lsi_param_static(k, lsi_pension_divisor_names[age - DIVISOR_MIN_AGE], date, out);
}

/* D(y, m) = M(y) − (M(y) − M(y+1)) × m / 12, rounded once to 0.1 half-up:
 * computed as ((12 − m) M(y) + m M(y+1)) / 12, the same exact value. */
static int interpolate(lsi_calc *k, lsi_dec whole, lsi_dec next, int m, lsi_dec *out)
{
    lsi_dec part, num;
    int rc = lsi_dec_mul(whole, lsi_dec_from_int(12 - m), &num);
    if (rc == 0) rc = lsi_dec_mul(next, lsi_dec_from_int(m), &part);
    if (rc == 0) rc = lsi_dec_add(num, part, &num);
    if (rc != 0)
        return lsi_fail(k->ctx, LIBSI_EINTERNAL, "divisor", "divisor out of range");
    return lsi_step_round_div(k, num, lsi_dec_from_int(12), &LSI_ROUND_TENTH, out);
}

/* 国发〔2005〕38号 附件; months interpolated, 0.1 half-up */
int lsi_divisor_for_age(lsi_calc *k, int date, int age_months, lsi_dec *divisor)
{
    lsi_step(k, divisor_for_age);
    lsi_step_age(k, "age", age_months);
    int y = age_months / 12, m = age_months % 12;
    if (y < DIVISOR_MIN_AGE || y >= DIVISOR_MAX_AGE) {
        y = y < DIVISOR_MIN_AGE ? DIVISOR_MIN_AGE : DIVISOR_MAX_AGE;
        m = 0;
        lsi_step_note(k, "age outside the table 40–70: the nearest end of the table applies "
                         "(沪人社规〔2021〕27号 practice as quoted, conf. L for Guangdong)");
    }
    lsi_dec whole, next;
    int rc = table_divisor(k, date, y, &whole);
    if (rc != 0 || m == 0) /* whole years: the table value, shown with one decimal */
        return rc ? rc : lsi_step_round(k, whole, &LSI_ROUND_TENTH, divisor);
    rc = table_divisor(k, date, y + 1, &next);
    return rc == 0 ? interpolate(k, whole, next, m, divisor) : rc;
}

/* ------------------------------------------------------- basic pension */

/* a = min(1, Z / t): returned as the factor (a + Z) expressed over a
 * common denominator, so that the pension is rounded only once; the
 * denominator comes with the formula's 2 × 12 (the halving and N's months):
 *   Z ≥ t:  (1 + Z)          / 24
 *   Z < t:  Z × (1 + t)      / (24 t)                                 */
static int coefficient_sum(lsi_dec z, lsi_dec t, bool full, lsi_dec *num, lsi_dec *den)
{
    if (full) { /* Z ≥ t */
        *den = lsi_dec_from_int(24);
        return lsi_dec_add(lsi_dec_from_int(1), z, num);
    }
    lsi_dec one_t;
    int rc = lsi_dec_mul(t, lsi_dec_from_int(24), den);
    if (rc == 0) rc = lsi_dec_add(lsi_dec_from_int(1), t, &one_t);
    return rc ? rc : lsi_dec_mul(z, one_t, num);
}

/* 国发〔2005〕38号; Guangdong low-index coefficient a = min; N = months / 12 unrounded */
int lsi_basic_pension(lsi_calc *k, int date, lsi_dec base_c, lsi_dec z, int64_t months,
                      lsi_dec *out)
{
    lsi_step(k, pension_basic_pension);
    lsi_dec t, rate, num, den;
    int rc = lsi_param(k, "pension.low_index_threshold", date, &t);
    if (rc == 0)
        rc = lsi_param(k, "pension.basic.rate_per_year", date, &rate);
    if (rc != 0)
        return rc;
    lsi_step_value(k, "C", base_c);
    lsi_step_value(k, "Z", z);
    lsi_step_value(k, "months", lsi_dec_from_int(months));
    bool full = lsi_dec_cmp(z, t) >= 0; /* a = 1 */
    lsi_step_text(k, "a", full ? "1" : "Z / 0.6");
    /* C × (a + Z) × months × rate / (2 × 12 × den) */
    rc = coefficient_sum(z, t, full, &num, &den);
    if (rc == 0) rc = lsi_dec_mul(num, base_c, &num);
    if (rc == 0) rc = lsi_dec_mul(num, lsi_dec_from_int(months), &num);
    if (rc == 0) rc = lsi_dec_mul(num, rate, &num);
    if (rc != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "basic_pension", "basic pension out of range");
    return lsi_step_round_div(k, num, den, &LSI_ROUND_FEN, out);
}

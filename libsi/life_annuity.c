/*
 * The `life_annuity` calculation: life expectancy, annuity and insurance
 * factors from a life table (中国人身保险业经验生命表 2010–2013 compiled in,
 * or the caller's), with GNU MPFR at an explicit precision and ONE named
 * rounding of each result, so the bytes are the same on every platform.
 * MPFR never touches money: these are pure factors.
 *
 *   k p_x       = Π_{j<k} p_{x+j} × (1 − s)^… improvement      survival
 *   t p_x       UDD: k p_x (1 − f q_{x+k});  constant force: k p_x p_{x+k}^f   (t = k + f)
 *   ä / a       Σ over payment times t (annual: t = k; monthly: t = j/12, 1/12 each)
 *               of v^t (1 + g)^⌊t⌋ t p_x, from the deferral on, for the term;
 *               due pays at the start of each period, immediate at its end
 *   e_x         curtate Σ_{k≥1} k p_x;  e°_x complete: UDD e_x + ½,
 *               constant force Σ_k k p_x (p − 1) / ln p  (1 when p = 1... see code)
 *   A_x         Σ_k v^(k+1) k p_x q_{x+k}  (whole life, paid at the end of the year of death)
 * docs/actuarial.md lists the formulas and tests/vectors/actuarial/ their
 * independent check.
 */
#include <stdio.h>
#include <string.h>

#include <mpfr.h>

#include "exact.h"
#include "mortality.h"

enum timing { DUE = 0, IMMEDIATE = 1 };
enum fraction { UDD = 0, CONSTANT_FORCE = 1 };

typedef struct spec {
    lsi_dec qx[LSI_AGES];
    int x, term, deferral, per_year, timing, fraction;
    mpfr_prec_t prec;
    lsi_dec interest, growth, improvement;
    lsi_rounding rule;
} spec;

static void set_dec(mpfr_t out, lsi_dec d)
{
    char buf[LIBSI_DECIMAL_MAX + 1];
    lsi_dec_format(d, buf);
    mpfr_set_str(out, buf, 10, MPFR_RNDN);
}

/* q_{x+k} with improvement (1 − s)^k for the cohort aged x now. */
static void q_at(const spec *s, int k, mpfr_t q, mpfr_t improve)
{
    set_dec(q, s->qx[s->x + k]);
    if (k > 0)
        mpfr_mul(q, q, improve, MPFR_RNDN);
    if (mpfr_cmp_ui(q, 1) > 0)
        mpfr_set_ui(q, 1, MPFR_RNDN);
}

/* f-year survival from age x+k on (0 ≤ f < 1), under the chosen assumption. */
static void fractional_survival(const spec *s, const mpfr_t q, const mpfr_t f, mpfr_t out)
{
    if (s->fraction == UDD) {
        mpfr_mul(out, f, q, MPFR_RNDN);
        mpfr_ui_sub(out, 1, out, MPFR_RNDN);
    } else {
        mpfr_ui_sub(out, 1, q, MPFR_RNDN);
        mpfr_pow(out, out, f, MPFR_RNDN);
    }
}

typedef struct sums {
    mpfr_t annuity, curtate, complete, insurance;
} sums;

/* One year k of the table: its payments, and its share of e and A. */
static void year_terms(const spec *s, int k, const mpfr_t kp, const mpfr_t q, mpfr_t v, sums *out)
{
    mpfr_t t, w, f, sp, g, vk, term;
    mpfr_inits2(s->prec, t, w, f, sp, g, vk, term, (mpfr_ptr)0);
    set_dec(g, s->growth);
    mpfr_add_ui(g, g, 1, MPFR_RNDN);
    mpfr_pow_ui(g, g, (unsigned long)k, MPFR_RNDN);  /* (1 + g)^k: indexed yearly */
    for (int j = 0; j < s->per_year; j++) {
        int slot = k * s->per_year + j + (s->timing == IMMEDIATE);
        if (slot < s->deferral * s->per_year + (s->timing == IMMEDIATE) ||
            (s->term > 0 && slot >= (s->deferral + s->term) * s->per_year + (s->timing == IMMEDIATE)))
            continue;
        /* payment time t = slot / per_year; survival to it */
        int whole = slot / s->per_year, part = slot % s->per_year;
        if (whole != k && !(whole == k + 1 && part == 0))
            continue;
        mpfr_set_si(f, part, MPFR_RNDN);
        mpfr_div_ui(f, f, (unsigned long)s->per_year, MPFR_RNDN);
        if (whole == k)
            fractional_survival(s, q, f, sp);
        else
            mpfr_ui_sub(sp, 1, q, MPFR_RNDN);       /* the whole year survived */
        mpfr_set_si(t, slot, MPFR_RNDN);
        mpfr_div_ui(t, t, (unsigned long)s->per_year, MPFR_RNDN);
        mpfr_neg(t, t, MPFR_RNDN);
        mpfr_pow(w, v, t, MPFR_RNDN);               /* v^t = (1+i)^−t */
        mpfr_mul(term, w, kp, MPFR_RNDN);
        mpfr_mul(term, term, sp, MPFR_RNDN);
        mpfr_mul(term, term, g, MPFR_RNDN);
        mpfr_div_ui(term, term, (unsigned long)s->per_year, MPFR_RNDN);
        mpfr_add(out->annuity, out->annuity, term, MPFR_RNDN);
    }
    /* A_x: v^(k+1) k p_x q_{x+k} */
    mpfr_set_si(t, -(k + 1), MPFR_RNDN);
    mpfr_pow(vk, v, t, MPFR_RNDN);
    mpfr_mul(term, vk, kp, MPFR_RNDN);
    mpfr_mul(term, term, q, MPFR_RNDN);
    mpfr_add(out->insurance, out->insurance, term, MPFR_RNDN);
    /* complete expectation: ∫_0^1 k p_x · s p_{x+k} ds */
    if (s->fraction == UDD || mpfr_cmp_ui(q, 1) == 0 || mpfr_zero_p(q)) {
        mpfr_div_ui(term, q, 2, MPFR_RNDN);
        mpfr_ui_sub(term, 1, term, MPFR_RNDN);      /* 1 − q/2 */
    } else {
        mpfr_ui_sub(w, 1, q, MPFR_RNDN);            /* (p − 1) / ln p */
        mpfr_log(t, w, MPFR_RNDN);
        mpfr_sub_ui(term, w, 1, MPFR_RNDN);
        mpfr_div(term, term, t, MPFR_RNDN);
    }
    mpfr_mul(term, term, kp, MPFR_RNDN);
    mpfr_add(out->complete, out->complete, term, MPFR_RNDN);
    mpfr_clears(t, w, f, sp, g, vk, term, (mpfr_ptr)0);
}

static void compute(const spec *s, sums *out)
{
    mpfr_t kp, q, v, improve, one_s;
    mpfr_inits2(s->prec, kp, q, v, improve, one_s, (mpfr_ptr)0);
    set_dec(v, s->interest);
    mpfr_add_ui(v, v, 1, MPFR_RNDN);                 /* 1 + i (powers are taken as (1+i)^−t) */
    set_dec(one_s, s->improvement);
    mpfr_ui_sub(one_s, 1, one_s, MPFR_RNDN);
    mpfr_set_ui(kp, 1, MPFR_RNDN);
    mpfr_set_ui(improve, 1, MPFR_RNDN);
    for (int k = 0; s->x + k <= LSI_MAX_AGE; k++) {
        q_at(s, k, q, improve);
        if (k > 0)
            mpfr_add(out->curtate, out->curtate, kp, MPFR_RNDN);
        year_terms(s, k, kp, q, v, out);
        mpfr_ui_sub(q, 1, q, MPFR_RNDN);
        mpfr_mul(kp, kp, q, MPFR_RNDN);
        mpfr_mul(improve, improve, one_s, MPFR_RNDN);
    }
    mpfr_clears(kp, q, v, improve, one_s, (mpfr_ptr)0);
}

/* The exact value of an MPFR number, rounded once by the named rule. */
static int out_rounded(lsi_calc *k, const char *name, const mpfr_t x, const lsi_rounding *rule)
{
    mpz_t m;
    mpq_t q;
    mpz_init(m);
    mpq_init(q);
    mpfr_exp_t e = mpfr_get_z_2exp(m, x);
    mpq_set_z(q, m);
    if (e >= 0)
        mpz_mul_2exp(mpq_numref(q), mpq_numref(q), (mp_bitcnt_t)e);
    else
        mpz_mul_2exp(mpq_denref(q), mpq_denref(q), (mp_bitcnt_t)-e);
    mpq_canonicalize(q);
    lsi_dec d;
    int rc = lsi_mpq_round(q, rule, &d, NULL);
    mpz_clear(m);
    mpq_clear(q);
    if (rc != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, name, "%s out of range", name);
    lsi_step_value(k, name, d);
    return lsi_out_dec(k, name, d);
}

/* ------------------------------------------------------------ inputs */

static int read_spec(lsi_calc *k, spec *s)
{
    int64_t age, term, deferral, decimals, prec;
    int timing, freq, fraction;
    int rc = lsi_in_int(k, "age", &age);
    if (rc == 0) rc = lsi_in_int(k, "term", &term);
    if (rc == 0) rc = lsi_in_int(k, "deferral", &deferral);
    if (rc == 0) rc = lsi_in_int(k, "decimals", &decimals);
    if (rc == 0) rc = lsi_in_int(k, "precision", &prec);
    if (rc == 0) rc = lsi_in_choice(k, "timing", &timing);
    if (rc == 0) rc = lsi_in_choice(k, "frequency", &freq);
    if (rc == 0) rc = lsi_in_choice(k, "fractional_ages", &fraction);
    if (rc == 0) rc = lsi_in_dec(k, "interest", &s->interest);
    if (rc == 0) rc = lsi_in_dec(k, "growth", &s->growth);
    if (rc == 0) rc = lsi_in_dec(k, "improvement", &s->improvement);
    if (rc != 0)
        return rc;
    if (age < 0 || age > LSI_MAX_AGE)
        return lsi_in_invalid(k, "age", "must be 0 to 105");
    if (term < 0 || deferral < 0 || deferral > 105)
        return lsi_in_invalid(k, term < 0 ? "term" : "deferral", "must be 0 to 105 (0 term: whole life)");
    if (decimals < 0 || decimals > 18)
        return lsi_in_invalid(k, "decimals", "must be 0 to 18");
    if (prec < 64 || prec > 4096)
        return lsi_in_invalid(k, "precision", "must be 64 to 4096 bits");
    if (lsi_dec_is_negative(s->interest) || lsi_dec_cmp(s->interest, lsi_dec_from_int(1)) > 0)
        return lsi_in_invalid(k, "interest", "must be between 0 and 1");
    s->x = (int)age;
    s->term = (int)term;
    s->deferral = (int)deferral;
    s->prec = (mpfr_prec_t)prec;
    s->timing = timing;
    s->per_year = freq == 0 ? 1 : 12;
    s->fraction = fraction;
    s->rule = (lsi_rounding){"actuarial_factor", LIBSI_ROUND_HALF_EVEN, -(int)decimals,
                             "actuarial factors rounded once, half-even, to the stated decimals "
                             "(docs/actuarial.md)"};
    return 0;
}

static int run(lsi_calc *k)
{
    spec s;
    memset(&s, 0, sizeof s);
    int rc = read_spec(k, &s);
    if (rc == 0)
        rc = lsi_mortality_load(k, "mortality", lsi_in_text(k, "mortality"), lsi_in_text(k, "table"),
                                s.qx);
    if (rc != 0)
        return rc;
    lsi_step(k, "life_annuity", "Life expectancy, annuity and insurance factors",
             "中国人身保险业经验生命表（2010－2013） (guangdong-rules G2); formulas docs/actuarial.md",
             "ä = Σ v^t (1+g)^⌊t⌋ t p_x / m over payment times; e_x = Σ k p_x; A_x = Σ v^(k+1) k p_x q_(x+k)");
    lsi_step_text(k, "rounding", s.rule.name);
    sums out;
    mpfr_inits2(s.prec, out.annuity, out.curtate, out.complete, out.insurance, (mpfr_ptr)0);
    mpfr_set_ui(out.annuity, 0, MPFR_RNDN);
    mpfr_set_ui(out.curtate, 0, MPFR_RNDN);
    mpfr_set_ui(out.complete, 0, MPFR_RNDN);
    mpfr_set_ui(out.insurance, 0, MPFR_RNDN);
    compute(&s, &out);
    rc = out_rounded(k, "annuity_factor", out.annuity, &s.rule);
    if (rc == 0) rc = out_rounded(k, "life_expectancy_curtate", out.curtate, &s.rule);
    if (rc == 0) rc = out_rounded(k, "life_expectancy_complete", out.complete, &s.rule);
    if (rc == 0) rc = out_rounded(k, "insurance_factor", out.insurance, &s.rule);
    mpfr_clears(out.annuity, out.curtate, out.complete, out.insurance, (mpfr_ptr)0);
    mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE); /* this thread only: others may be computing */
    return rc;
}

static const libsi_field inputs[] = {
    {"table", LIBSI_TYPE_TEXT, "", "", 1, "", "life table column: CL1 … CL6 (or a column of the file)",
     "guangdong-rules G2"},
    {"mortality", LIBSI_TYPE_TEXT, "", "", 0, "builtin", "builtin or the path of a q_x TSV",
     "guangdong-rules G2"},
    {"age", LIBSI_TYPE_INTEGER, "years", "", 1, "", "age x", "—"},
    {"interest", LIBSI_TYPE_DECIMAL, "ratio", "", 1, "", "yearly interest i", "—"},
    {"growth", LIBSI_TYPE_DECIMAL, "ratio", "", 0, "0", "yearly indexation g of the payments", "—"},
    {"term", LIBSI_TYPE_INTEGER, "years", "", 0, "0", "temporary annuity: years (0 = whole life)", "—"},
    {"deferral", LIBSI_TYPE_INTEGER, "years", "", 0, "0", "deferred annuity: years before the first payment", "—"},
    {"timing", LIBSI_TYPE_ENUM, "", "due|immediate", 0, "due", "payments at the start or the end of each period", "—"},
    {"frequency", LIBSI_TYPE_ENUM, "", "annual|monthly", 0, "annual", "payments a year", "—"},
    {"fractional_ages", LIBSI_TYPE_ENUM, "", "udd|constant_force", 0, "udd",
     "survival within a year of age", "—"},
    {"improvement", LIBSI_TYPE_DECIMAL, "ratio", "", 0, "0",
     "yearly mortality improvement s: q_(x+k) × (1 − s)^k", "—"},
    {"decimals", LIBSI_TYPE_INTEGER, "", "", 0, "6", "decimals of the results (one rounding, half-even)", "—"},
    {"precision", LIBSI_TYPE_INTEGER, "bits", "", 0, "256", "MPFR working precision", "—"},
};

static const libsi_field outputs[] = {
    {"annuity_factor", LIBSI_TYPE_DECIMAL, "years", "", 0, "", "present value of 1 a year", "—"},
    {"life_expectancy_curtate", LIBSI_TYPE_DECIMAL, "years", "", 0, "", "e_x", "—"},
    {"life_expectancy_complete", LIBSI_TYPE_DECIMAL, "years", "", 0, "", "e°_x", "—"},
    {"insurance_factor", LIBSI_TYPE_DECIMAL, "", "", 0, "", "A_x, whole life, end of year of death", "—"},
};

const lsi_scheme lsi_scheme_life_annuity = {
    "life_annuity", "life expectancy, annuity and insurance factors from a life table (MPFR)",
    inputs, sizeof inputs / sizeof inputs[0], outputs, sizeof outputs / sizeof outputs[0], run};

/*
 * The value of a life pension paid monthly, in exact fractions: the engine
 * behind the `pension_measures` calculation (docs/actuarial.md, "Individual
 * measures").  A pension P a month from the whole age x, indexed g a year,
 * discounted at i, on a life table q given as exact decimals:
 *
 *   k p_x     = Π_{j<k} (1 − q_{x+j})
 *   ä_x(g, i) = Σ_k (1+g)^k v^k k p_x,  v = 1/(1+i)       annual annuity-due
 *   ä^(12)    = ä − 11/24                                  monthly: Woolhouse, two terms
 *   EPV       = 12 P ä^(12)                                 expected present value
 *   e_x       = Σ_{k≥1} k p_x                               curtate life expectancy
 *
 * Every sum is a GMP rational, never rounded here: the calculation rounds
 * each result once, by its named rule, at its edge.  The method for the
 * monthly payments is explicit (lsi_monthly_method): Woolhouse's ä − 11/24
 * is rational; the exact monthly sum (v^(j/12) is irrational) is
 * lsi_annuity_factor with frequency 12 (annuity.c, MPFR, one correct
 * rounding).  The internal rate of return, a root, is found with MPFR
 * (lsi_pension_irr) and handed back exactly, for the caller's one named
 * rounding.
 */
#include "actuarial_internal.h"
#include "exact.h"

#define IRR_BITS 256
#define IRR_STEPS 200

/* ä_x(g, i) and Σ_{k≥1} k p_x over the ages x … last of q. */
static void exact_sums(const lsi_life_pension *lp, lsi_dec rate, mpq_t adue, mpq_t curtate)
{
    mpq_t p, f, ratio, q, term;
    mpq_inits(p, f, ratio, q, term, NULL);
    mpq_set_ui(p, 1, 1);
    mpq_set_ui(f, 1, 1);
    lsi_dec_to_mpq(lp->growth, ratio);
    lsi_dec_to_mpq(rate, q);
    mpq_set_ui(term, 1, 1);
    mpq_add(ratio, ratio, term); /* 1 + g */
    mpq_add(q, q, term);         /* 1 + i */
    mpq_div(ratio, ratio, q);    /* (1 + g) v */
    mpq_set_ui(adue, 0, 1);
    mpq_set_ui(curtate, 0, 1);
    for (int a = lp->x; a <= lp->last; a++) {
        mpq_mul(term, p, f);
        mpq_add(adue, adue, term);
        if (a > lp->x)
            mpq_add(curtate, curtate, p);
        lsi_dec_to_mpq(lp->q[a - lp->first], q);
        mpq_set_ui(term, 1, 1);
        mpq_sub(term, term, q);
        mpq_mul(p, p, term);     /* (k+1) p_x */
        mpq_mul(f, f, ratio);    /* ((1 + g) v)^(k+1) */
    }
    mpq_clears(p, f, ratio, q, term, NULL);
}

void lsi_life_expectancy_exact(const lsi_life_pension *lp, mpq_t curtate)
{
    mpq_t adue;
    mpq_init(adue);
    exact_sums(lp, lsi_dec_from_int(0), adue, curtate);
    mpq_clear(adue);
}

int lsi_pension_epv_exact(const lsi_life_pension *lp, lsi_dec rate, mpq_t epv)
{
    if (lp->method != LSI_MONTHLY_WOOLHOUSE)
        return LIBSI_EINVAL; /* the exact monthly sum is irrational: lsi_annuity_factor */
    mpq_t curtate, x;
    mpq_inits(curtate, x, NULL);
    exact_sums(lp, rate, epv, curtate);
    mpq_set_si(x, 11, 24);       /* ä^(12) ≈ ä − (m − 1)/(2m), m = 12 */
    mpq_sub(epv, epv, x);
    lsi_dec_to_mpq(lp->monthly, x);
    mpq_mul(epv, epv, x);
    mpq_set_ui(x, 12, 1);
    mpq_mul(epv, epv, x);
    mpq_clears(curtate, x, NULL);
    return 0;
}

/* The exact monthly sum: the table as the engine's, annual due paid 12
 * times a year, 12 P × ä^(12) rounded once (annuity.c). */
static int epv_monthly_exact(libsi_ctx *ctx, const lsi_life_pension *lp, lsi_dec rate,
                             const lsi_rounding *rule, lsi_dec *out)
{
    struct libsi_lifetable t = {.name = "", .source = "", .notes = "", .first = lp->first,
                                .last = lp->last, .q = (lsi_dec *)lp->q};
    libsi_annuity_spec spec = LIBSI_ANNUITY_SPEC_INIT;
    char i[LIBSI_DECIMAL_MAX + 1], g[LIBSI_DECIMAL_MAX + 1];
    lsi_dec amount;
    lsi_basis b;
    lsi_dec_format(rate, i);
    lsi_dec_format(lp->growth, g);
    spec.age = lp->x;
    spec.interest = i;
    spec.growth = g;
    spec.frequency = 12;
    int rc = lsi_dec_mul(lp->monthly, lsi_dec_from_int(12), &amount);
    if (rc != 0)
        return lsi_fail(ctx, LIBSI_ERANGE, "pension", "12 × the pension out of range");
    rc = lsi_basis_init(ctx, &t, NULL, &b); /* UDD, no improvement, 256 bits */
    if (rc == 0)
        rc = lsi_annuity_value(ctx, &b, &spec, amount, rule, out);
    lsi_basis_dispose(&b);
    return rc;
}

int lsi_pension_epv(libsi_ctx *ctx, const lsi_life_pension *lp, lsi_dec rate,
                    const lsi_rounding *rule, lsi_dec *out)
{
    if (lp->method == LSI_MONTHLY_EXACT)
        return epv_monthly_exact(ctx, lp, rate, rule, out);
    if (lsi_dec_cmp(rate, lsi_dec_from_int(-1)) <= 0)
        return lsi_fail(ctx, LIBSI_ERANGE, "discount_rate", "v = 1 / (1 + i) needs i > -1");
    mpq_t epv;
    mpq_init(epv);
    int rc = lsi_pension_epv_exact(lp, rate, epv);
    if (rc == 0 && lsi_mpq_round(epv, rule, out, NULL) != 0)
        rc = lsi_fail(ctx, LIBSI_ERANGE, "epv_benefits",
                      "the expected present value out of range");
    else if (rc != 0)
        rc = lsi_fail(ctx, LIBSI_EINVAL, "method", "monthly method %d: unknown", (int)lp->method);
    mpq_clear(epv);
    return rc;
}

/* ------------------------------------------------------------ the IRR */

/* 1 − q_a for the ages x … last at IRR precision, read once for all the
 * bisection's evaluations of the gap (the same rounded values each
 * evaluation read before); allocated with GMP's functions, like the limbs of
 * the numbers themselves. */
static mpfr_t *survival_factors(const lsi_life_pension *lp)
{
    void *(*alloc)(size_t);
    mp_get_memory_functions(&alloc, NULL, NULL);
    size_t n = (size_t)(lp->last - lp->x + 1);
    mpfr_t *s = alloc(n * sizeof *s);
    for (size_t k = 0; k < n; k++) {
        mpfr_init2(s[k], IRR_BITS);
        lsi_mpfr_set_dec(s[k], lp->q[lp->x + (int)k - lp->first]);
        mpfr_ui_sub(s[k], 1, s[k], MPFR_RNDN);
    }
    return s;
}

static void free_survival_factors(const lsi_life_pension *lp, mpfr_t *s)
{
    void (*release)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &release);
    size_t n = (size_t)(lp->last - lp->x + 1);
    for (size_t k = 0; k < n; k++)
        mpfr_clear(s[k]);
    release(s, n * sizeof *s);
}

/* 12 P ä^(12)(g, i) − value, at MPFR precision (the same sum as above);
 * survive[k] = 1 − q_(x+k). */
static void irr_gap(const lsi_life_pension *lp, mpfr_t *survive, const mpfr_t i,
                    const mpfr_t value, mpfr_t out)
{
    mpfr_t p, f, ratio, term, adue;
    mpfr_inits2(IRR_BITS, p, f, ratio, term, adue, (mpfr_ptr)0);
    lsi_mpfr_set_dec(ratio, lp->growth);
    mpfr_add_ui(ratio, ratio, 1, MPFR_RNDN);
    mpfr_add_ui(term, i, 1, MPFR_RNDN);
    mpfr_div(ratio, ratio, term, MPFR_RNDN);
    mpfr_set_ui(p, 1, MPFR_RNDN);
    mpfr_set_ui(f, 1, MPFR_RNDN);
    mpfr_set_ui(adue, 0, MPFR_RNDN);
    for (int a = lp->x; a <= lp->last; a++) {
        mpfr_mul(term, p, f, MPFR_RNDN);
        mpfr_add(adue, adue, term, MPFR_RNDN);
        mpfr_mul(p, p, survive[a - lp->x], MPFR_RNDN);
        mpfr_mul(f, f, ratio, MPFR_RNDN);
    }
    mpfr_set_si(term, 11, MPFR_RNDN);
    mpfr_div_ui(term, term, 24, MPFR_RNDN);
    mpfr_sub(adue, adue, term, MPFR_RNDN);
    lsi_mpfr_set_dec(term, lp->monthly);
    mpfr_mul(adue, adue, term, MPFR_RNDN);
    mpfr_mul_ui(adue, adue, 12, MPFR_RNDN);
    mpfr_sub(out, adue, value, MPFR_RNDN);
    mpfr_clears(p, f, ratio, term, adue, (mpfr_ptr)0);
}

/* Bisection on [−0.99, 1]: the value falls as i rises. */
int lsi_pension_irr(const lsi_life_pension *lp, lsi_dec value, mpq_t out, bool *found)
{
    if (lp->method != LSI_MONTHLY_WOOLHOUSE)
        return LIBSI_EINVAL;
    mpfr_t lo, hi, mid, gap, c;
    mpfr_inits2(IRR_BITS, lo, hi, mid, gap, c, (mpfr_ptr)0);
    lsi_mpfr_set_dec(c, value);
    mpfr_set_str(lo, "-0.99", 10, MPFR_RNDN);
    mpfr_set_ui(hi, 1, MPFR_RNDN);
    mpfr_t *survive = survival_factors(lp);
    irr_gap(lp, survive, lo, c, gap);
    *found = !(mpfr_sgn(gap) < 0 || mpfr_zero_p(c));
    for (int it = 0; *found && it < IRR_STEPS; it++) {
        mpfr_add(mid, lo, hi, MPFR_RNDN);
        mpfr_div_2ui(mid, mid, 1, MPFR_RNDN);
        irr_gap(lp, survive, mid, c, gap);
        mpfr_set(mpfr_sgn(gap) > 0 ? lo : hi, mid, MPFR_RNDN);
    }
    if (*found)
        mpfr_get_q(out, lo); /* exact: the root within 2^-199 above it */
    free_survival_factors(lp, survive);
    mpfr_clears(lo, hi, mid, gap, c, (mpfr_ptr)0);
    mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE); /* this thread only: others may be computing */
    return 0;
}

/*
 * One correct rounding of each actuarial factor, and the parameter checks
 * the factors share.
 *
 * A factor is evaluated with GNU MPFR.  Every term of every sum is positive
 * and carries a relative error below 2^(80 − prec) (a few hundred rounded
 * operations, times at most 10^18 ≈ 2^60 where 1 − q is taken of a q within
 * 10^-18 of 1), so the exact factor lies in x (1 ± 2^(80 − prec)).  When both
 * ends of that interval round, half-even, to the same decimal, that decimal
 * is the exact factor rounded: the result does not depend on the precision,
 * the platform or the MPFR version.  Otherwise the precision is doubled; at
 * LIBSI_ACTUARIAL_MAX_PRECISION a value that still cannot be told from a tie
 * is taken to be the tie (half-even).  Rule `actuarial_factor`
 * (docs/actuarial.md).
 */
#include <limits.h>
#include <string.h>

#include "actuarial_internal.h"
#include "exact.h"

#define GUARD_BITS 80

/* coef × 10^-scale rounded once to nearest, the same value mpfr_set_str
 * gives for the decimal's text, without formatting and parsing it (that was
 * a third of a pension_measures IRR): the usual case, an int64 coefficient
 * and at most 18 decimals, is exact in 64 bits and one correctly rounded
 * division; any other goes through the exact rational. */
void lsi_mpfr_set_dec(mpfr_t out, lsi_dec d)
{
    if (d.scale >= 0 && d.scale <= 18 && d.coef >= LONG_MIN && d.coef <= LONG_MAX) {
        MPFR_DECL_INIT(coef, 64);
        mpfr_set_si(coef, (long)d.coef, MPFR_RNDN);
        mpfr_div_ui(out, coef, (unsigned long)lsi_pow10_64[d.scale], MPFR_RNDN);
        return;
    }
    mpq_t q;
    mpq_init(q);
    lsi_dec_to_mpq(d, q);
    mpfr_set_q(out, q, MPFR_RNDN);
    mpq_clear(q);
}

static lsi_rounding factor_rule(int decimals)
{
    return (lsi_rounding){"actuarial_factor", LIBSI_ROUND_HALF_EVEN, -decimals,
                          "actuarial factors: the exact value rounded once, half-even, to the "
                          "stated decimals (one correct rounding)", NULL, 0};
}

/* x × (1 + sign × 2^(GUARD_BITS − prec)) as an exact rational. */
static void bound_of(const mpfr_t x, mpfr_prec_t prec, int sign, mpq_t out)
{
    mpz_t m;
    mpq_t eps;
    mpz_init(m);
    mpq_init(eps);
    mpfr_exp_t e = mpfr_get_z_2exp(m, x); /* x = m × 2^e exactly */
    mpq_set_z(out, m);
    if (e >= 0)
        mpq_mul_2exp(out, out, (mp_bitcnt_t)e);
    else
        mpq_div_2exp(out, out, (mp_bitcnt_t)-e);
    mpq_set_ui(eps, 1, 1);
    if (prec > GUARD_BITS)
        mpq_div_2exp(eps, eps, (mp_bitcnt_t)(prec - GUARD_BITS));
    else
        mpq_mul_2exp(eps, eps, (mp_bitcnt_t)(GUARD_BITS - prec));
    mpq_mul(eps, eps, out);
    if (sign < 0)
        mpq_sub(out, out, eps);
    else
        mpq_add(out, out, eps);
    mpz_clear(m);
    mpq_clear(eps);
}

enum { DECIDED = 0, UNDECIDED = 1 };

/* a and b adjacent at the rule's scale, and the value taken to be the tie
 * between them: the rule's own tie-breaking decides (half-even: the even
 * one; half-up: the one away from zero). */
static lsi_dec tie_of(lsi_dec a, lsi_dec b, const lsi_rounding *rule)
{
    if (rule->mode == LIBSI_ROUND_HALF_EVEN)
        return a.coef % 2 == 0 ? a : b; /* both at the rule's scale */
    mpq_t t, u;
    lsi_dec d = b;
    mpq_inits(t, u, NULL);
    lsi_dec_to_mpq(a, t);
    lsi_dec_to_mpq(b, u);
    mpq_add(t, t, u);
    mpq_div_2exp(t, t, 1);
    if (lsi_mpq_round(t, rule, &d, NULL) != 0)
        d = b;
    mpq_clears(t, u, NULL);
    return d;
}

/* Round both ends of x's error interval; DECIDED when they agree (or, at the
 * last precision, by taking the tie between them: tie_of). */
static int decide(const mpfr_t x, mpfr_prec_t prec, const lsi_rounding *rule, bool last,
                  lsi_dec *out)
{
    mpq_t lo, hi;
    lsi_dec a, b;
    mpq_inits(lo, hi, NULL);
    bound_of(x, prec, -1, lo);
    bound_of(x, prec, +1, hi);
    int rc = lsi_mpq_round(lo, rule, &a, NULL);
    if (rc == 0)
        rc = lsi_mpq_round(hi, rule, &b, NULL);
    mpq_clears(lo, hi, NULL);
    if (rc != 0)
        return rc;
    if (lsi_dec_cmp(a, b) == 0 || last) {
        *out = lsi_dec_cmp(a, b) == 0 ? a : tie_of(a, b, rule);
        return DECIDED;
    }
    return UNDECIDED;
}

int lsi_factor(libsi_ctx *ctx, lsi_factor_fn fn, const void *arg, mpfr_prec_t prec,
               int decimals, lsi_dec *out)
{
    lsi_rounding rule = factor_rule(decimals);
    return lsi_factor_round(ctx, fn, arg, prec, &rule, out);
}

int lsi_factor_round(libsi_ctx *ctx, lsi_factor_fn fn, const void *arg, mpfr_prec_t prec,
                     const lsi_rounding *rule, lsi_dec *out)
{
    int decimals = -rule->exp;
    int rc = UNDECIDED;
    for (mpfr_prec_t p = prec; rc == UNDECIDED; p = p * 2 < LIBSI_ACTUARIAL_MAX_PRECISION
                                                       ? p * 2 : LIBSI_ACTUARIAL_MAX_PRECISION) {
        mpfr_t x;
        mpfr_init2(x, p);
        fn(arg, p, x);
        rc = mpfr_number_p(x) ? decide(x, p, rule, p >= LIBSI_ACTUARIAL_MAX_PRECISION, out)
                              : LIBSI_ERANGE;
        mpfr_clear(x);
    }
    mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE); /* this thread's only: others may be computing */
    if (rc != 0)
        return lsi_fail(ctx, LIBSI_ERANGE, "decimals",
                        "the factor does not fit in a decimal of 36 digits at %d decimals",
                        decimals);
    return 0;
}

int lsi_factor_text(libsi_ctx *ctx, int rc, lsi_dec d, char **out)
{
    char text[LIBSI_DECIMAL_MAX + 1];
    if (rc != 0)
        return rc;
    lsi_dec_format(d, text);
    size_t n = strlen(text) + 1;
    *out = lsi_malloc(&ctx->alloc, n);
    if (!*out)
        return lsi_fail(ctx, LIBSI_ENOMEM, NULL, "out of memory");
    memcpy(*out, text, n);
    lsi_clear_error(ctx);
    return 0;
}

/* ------------------------------------------------------------- checks */

int lsi_check_decimals(libsi_ctx *ctx, int decimals)
{
    if (decimals < 0 || decimals > LIBSI_ACTUARIAL_MAX_DECIMALS)
        return lsi_fail(ctx, LIBSI_ERANGE, "decimals", "decimals %d: must be 0 to 18", decimals);
    return 0;
}

int lsi_check_years(libsi_ctx *ctx, const char *field, int years)
{
    if (years < 0 || years > LIBSI_LIFETABLE_MAX_AGE)
        return lsi_fail(ctx, LIBSI_ERANGE, field, "%s %d: must be 0 to 200 years", field, years);
    return 0;
}

int lsi_one_plus_rate(libsi_ctx *ctx, const char *field, const char *text, bool optional,
                      lsi_dec *out)
{
    lsi_dec r = lsi_dec_from_int(0);
    const char *why = NULL;
    if (!text && !optional)
        return lsi_fail(ctx, LIBSI_EINVAL, field, "%s is required (a decimal string)", field);
    if (text && lsi_dec_parse(text, &r, &why) != 0)
        return lsi_fail(ctx, LIBSI_EDECIMAL, field, "%s '%.40s': %s", field, text,
                        why ? why : "invalid decimal");
    if (lsi_dec_cmp(r, lsi_dec_from_int(-1)) <= 0 || lsi_dec_cmp(r, lsi_dec_from_int(1)) > 0)
        return lsi_fail(ctx, LIBSI_ERANGE, field, "%s %.40s: must be above -1 and at most 1",
                        field, text);
    return lsi_dec_add(r, lsi_dec_from_int(1), out) == 0
               ? 0 : lsi_fail(ctx, LIBSI_ERANGE, field, "%s out of range", field);
}

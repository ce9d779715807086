/*
 * Annuity and insurance factors (libsi/actuarial.h), exact sums over the
 * payment times under the basis's fractional-age assumption (no Woolhouse or
 * other approximation for m-thly payments).  With h = 1/m, v = 1/(1+i),
 * deferral d, term n (0: to the end of the table), growth g and the life
 * aged x at the valuation (docs/actuarial.md):
 *
 *   due        ä = Σ_{k=d}^{d+n−1} Σ_{j=0}^{m−1} h (1+g)^(k−d) v^(k+jh)     (k+jh) p_x
 *   immediate  a = Σ_{k=d}^{d+n−1} Σ_{j=0}^{m−1} h (1+g)^(k−d) v^(k+(j+1)h) (k+(j+1)h) p_x
 *   death      A = Σ_{k=d}^{d+n−1} Σ_{j=0}^{m−1}   (1+g)^(k−d) v^(k+(j+1)h)
 *                                                  k p_x · (jh p_(x+k) − (j+1)h p_(x+k))
 *   pure endowment  E = (1+g)^n v^(d+n) (d+n) p_x;   endowment = death + E
 *
 * Each factor is rounded once, correctly (actuarial_round.c).  Pure
 * factors: MPFR never touches an amount of money.
 */
#include <string.h>

#include "actuarial_internal.h"

#define MAX_FREQUENCY 365

/* The cash-flow pattern both factors share. */
typedef struct flows {
    const lsi_basis *b;
    int x, term, deferral, frequency;
    bool immediate;                     /* annuity: paid at the end of each 1/m */
    libsi_insurance_kind kind;
    bool insurance;
    lsi_dec one_plus_i, one_plus_g;
} flows;

typedef struct money_time {
    mpfr_t v, vk, grow, amount, kp, t;  /* v, v^k, 1+g, (1+g)^(k−d), k p_x, scratch */
    mpfr_t w[MAX_FREQUENCY + 1];        /* v^(j/m), j = 0 … m */
    lsi_year y;
} money_time;

static void money_time_init(const flows *f, mpfr_prec_t prec, money_time *mt)
{
    mpfr_inits2(prec, mt->v, mt->vk, mt->grow, mt->amount, mt->kp, mt->t, (mpfr_ptr)0);
    lsi_year_init(&mt->y, prec);
    lsi_mpfr_set_dec(mt->t, f->one_plus_i);
    mpfr_ui_div(mt->v, 1, mt->t, MPFR_RNDN);
    mpfr_log(mt->t, mt->t, MPFR_RNDN);              /* log(1 + i) */
    for (int j = 0; j <= f->frequency; j++) {       /* v^(j/m) = exp(−(j/m) log(1+i)) */
        mpfr_init2(mt->w[j], prec);
        mpfr_mul_si(mt->w[j], mt->t, -j, MPFR_RNDN);
        mpfr_div_si(mt->w[j], mt->w[j], f->frequency, MPFR_RNDN);
        mpfr_exp(mt->w[j], mt->w[j], MPFR_RNDN);
    }
    lsi_mpfr_set_dec(mt->grow, f->one_plus_g);
    mpfr_set_ui(mt->vk, 1, MPFR_RNDN);
    mpfr_set_ui(mt->amount, 1, MPFR_RNDN);
    mpfr_set_ui(mt->kp, 1, MPFR_RNDN);
}

static void money_time_clear(const flows *f, money_time *mt)
{
    for (int j = 0; j <= f->frequency; j++)
        mpfr_clear(mt->w[j]);
    mpfr_clears(mt->v, mt->vk, mt->grow, mt->amount, mt->kp, mt->t, (mpfr_ptr)0);
    lsi_year_clear(&mt->y);
}

/* amount × v^(k + j/m) × k p_x × part, added to out. */
static void add_flow(money_time *mt, int j, const mpfr_t part, mpfr_t out)
{
    mpfr_mul(mt->t, mt->amount, mt->vk, MPFR_RNDN);
    mpfr_mul(mt->t, mt->t, mt->w[j], MPFR_RNDN);
    mpfr_mul(mt->t, mt->t, mt->kp, MPFR_RNDN);
    mpfr_mul(mt->t, mt->t, part, MPFR_RNDN);
    mpfr_add(out, out, mt->t, MPFR_RNDN);
}

/* The payments of one year of age k (within the payment or cover period). */
static void year_flows(const flows *f, money_time *mt, mpfr_t part, mpfr_t out)
{
    long m = f->frequency;
    for (long j = 0; j < m; j++) {
        long at = j + (f->insurance || f->immediate);  /* paid at (j or j+1)/m */
        if (f->insurance) {
            lsi_year_death(&mt->y, j, m, part);
        } else {
            lsi_year_survival(&mt->y, at, m, part);
            mpfr_div_si(part, part, m, MPFR_RNDN);
        }
        add_flow(mt, (int)at, part, out);
    }
}

static bool in_period(const flows *f, int k)
{
    return k >= f->deferral && (f->term == 0 || k < f->deferral + f->term);
}

static void flows_sum(const void *arg, mpfr_prec_t prec, mpfr_t out)
{
    const flows *f = arg;
    money_time mt;
    mpfr_t part;
    money_time_init(f, prec, &mt);
    mpfr_init2(part, prec);
    mpfr_set_ui(out, 0, MPFR_RNDN);
    bool periodic = !(f->insurance && f->kind == LIBSI_INSURANCE_PURE_ENDOWMENT);
    int k = 0;
    for (; f->x + k <= f->b->table->last && (f->term == 0 || k < f->deferral + f->term); k++) {
        lsi_year_set(f->b, f->x, f->x + k, &mt.y);
        if (periodic && in_period(f, k))
            year_flows(f, &mt, part, out);
        mpfr_mul(mt.kp, mt.kp, mt.y.p, MPFR_RNDN);    /* (k+1) p_x */
        mpfr_mul(mt.vk, mt.vk, mt.v, MPFR_RNDN);      /* v^(k+1) */
        if (k >= f->deferral)
            mpfr_mul(mt.amount, mt.amount, mt.grow, MPFR_RNDN);
    }
    bool survival_benefit = f->insurance && f->kind != LIBSI_INSURANCE_DEATH;
    if (survival_benefit && k == f->deferral + f->term) {  /* reached the end of the term */
        mpfr_set_ui(part, 1, MPFR_RNDN);
        add_flow(&mt, 0, part, out);
    }
    mpfr_clear(part);
    money_time_clear(f, &mt);
}

/* --------------------------------------------------------- parameters */

static int check_flows(libsi_ctx *ctx, const libsi_lifetable *t, flows *f, const char *interest,
                       const char *growth, int decimals)
{
    if (f->x < t->first || f->x > t->last)
        return lsi_fail(ctx, LIBSI_ERANGE, "age", "age %d: the table covers %d to %d", f->x,
                        t->first, t->last);
    int rc = lsi_one_plus_rate(ctx, "interest", interest, false, &f->one_plus_i);
    if (rc == 0) rc = lsi_one_plus_rate(ctx, "growth", growth, true, &f->one_plus_g);
    if (rc == 0) rc = lsi_check_years(ctx, "term", f->term);
    if (rc == 0) rc = lsi_check_years(ctx, "deferral", f->deferral);
    if (rc == 0) rc = lsi_check_decimals(ctx, decimals);
    if (rc == 0 && (f->frequency < 1 || f->frequency > MAX_FREQUENCY))
        rc = lsi_fail(ctx, LIBSI_ERANGE, "frequency", "frequency %d: must be 1 to 365 a year",
                      f->frequency);
    return rc;
}

int lsi_annuity_factor(libsi_ctx *ctx, const lsi_basis *b, const libsi_annuity_spec *spec,
                       lsi_dec *out)
{
    flows f = {b, spec->age, spec->term, spec->deferral, spec->frequency,
               spec->timing == LIBSI_ANNUITY_IMMEDIATE, LIBSI_INSURANCE_DEATH, false,
               lsi_dec_from_int(0), lsi_dec_from_int(0)};
    if ((unsigned)spec->timing > LIBSI_ANNUITY_IMMEDIATE)
        return lsi_fail(ctx, LIBSI_EINVAL, "timing", "timing %d: due or immediate",
                        (int)spec->timing);
    int rc = check_flows(ctx, b->table, &f, spec->interest, spec->growth, spec->decimals);
    return rc != 0 ? rc : lsi_factor(ctx, flows_sum, &f, b->prec, spec->decimals, out);
}

int lsi_insurance_factor(libsi_ctx *ctx, const lsi_basis *b, const libsi_insurance_spec *spec,
                         lsi_dec *out)
{
    flows f = {b, spec->age, spec->term, spec->deferral, spec->frequency, false, spec->kind, true,
               lsi_dec_from_int(0), lsi_dec_from_int(0)};
    if ((unsigned)spec->kind > LIBSI_INSURANCE_PURE_ENDOWMENT)
        return lsi_fail(ctx, LIBSI_EINVAL, "kind", "kind %d: death, endowment or pure endowment",
                        (int)spec->kind);
    if (spec->kind != LIBSI_INSURANCE_DEATH && spec->term < 1)
        return lsi_fail(ctx, LIBSI_ERANGE, "term", "an endowment needs a term of 1 year or more");
    int rc = check_flows(ctx, b->table, &f, spec->interest, spec->growth, spec->decimals);
    return rc != 0 ? rc : lsi_factor(ctx, flows_sum, &f, b->prec, spec->decimals, out);
}

/* amount × factor: one more rounded product, inside the guard bits. */
typedef struct scaled_flows {
    flows f;
    lsi_dec amount;
} scaled_flows;

static void scaled_sum(const void *arg, mpfr_prec_t prec, mpfr_t out)
{
    const scaled_flows *s = arg;
    mpfr_t a;
    mpfr_init2(a, prec);
    flows_sum(&s->f, prec, out);
    lsi_mpfr_set_dec(a, s->amount);
    mpfr_mul(out, out, a, MPFR_RNDN);
    mpfr_clear(a);
}

int lsi_annuity_value(libsi_ctx *ctx, const lsi_basis *b, const libsi_annuity_spec *spec,
                      lsi_dec amount, const lsi_rounding *rule, lsi_dec *out)
{
    scaled_flows s = {{b, spec->age, spec->term, spec->deferral, spec->frequency,
                       spec->timing == LIBSI_ANNUITY_IMMEDIATE, LIBSI_INSURANCE_DEATH, false,
                       lsi_dec_from_int(0), lsi_dec_from_int(0)}, amount};
    if ((unsigned)spec->timing > LIBSI_ANNUITY_IMMEDIATE)
        return lsi_fail(ctx, LIBSI_EINVAL, "timing", "timing %d: due or immediate",
                        (int)spec->timing);
    int rc = check_flows(ctx, b->table, &s.f, spec->interest, spec->growth, 0);
    return rc != 0 ? rc : lsi_factor_round(ctx, scaled_sum, &s, b->prec, rule, out);
}

/* ---------------------------------------------------------- public API */

/* Define libsi_annuity_spec_init() and libsi_insurance_spec_init(). */
LSI_EXTENSIBLE_STRUCT(libsi_annuity_spec, decimals, LIBSI_ANNUITY_SPEC_INIT)
LSI_EXTENSIBLE_STRUCT(libsi_insurance_spec, decimals, LIBSI_INSURANCE_SPEC_INIT)

/* The caller's options and spec, copied so that neither is read past its size. */
typedef struct factor_args {
    libsi_actuarial_options opt;
    libsi_annuity_spec annuity;
    libsi_insurance_spec insurance;
} factor_args;

static int copy_args(libsi_ctx *ctx, const libsi_actuarial_options *opt, const void *spec,
                     bool insurance, factor_args *a)
{
    int rc = lsi_actuarial_options_in(ctx, opt, &a->opt);
    if (rc == 0 && insurance)
        rc = lsi_struct_in(ctx, &libsi_insurance_spec_layout, spec, &a->insurance);
    else if (rc == 0)
        rc = lsi_struct_in(ctx, &libsi_annuity_spec_layout, spec, &a->annuity);
    return rc;
}

static int public_factor(libsi_ctx *ctx, const libsi_lifetable *t,
                         const libsi_actuarial_options *opt, const void *spec, bool insurance,
                         char **out)
{
    lsi_basis b;
    factor_args a;
    lsi_dec d = {0, 0}; /* read by lsi_factor_text only when rc is 0 */
    if (!ctx || !t || !spec || !out)
        return lsi_fail(ctx, LIBSI_EINVAL, !t ? "table" : !spec ? "spec" : "out", "NULL argument");
    *out = NULL;
    int rc = copy_args(ctx, opt, spec, insurance, &a);
    if (rc != 0)
        return rc;
    rc = lsi_basis_init(ctx, t, &a.opt, &b);
    if (rc == 0)
        rc = insurance ? lsi_insurance_factor(ctx, &b, &a.insurance, &d)
                       : lsi_annuity_factor(ctx, &b, &a.annuity, &d);
    lsi_basis_dispose(&b);
    return lsi_factor_text(ctx, rc, d, out);
}

int libsi_annuity(libsi_ctx *ctx, const libsi_lifetable *t, const libsi_actuarial_options *opt,
                  const libsi_annuity_spec *spec, char **out)
{
    LSI_API_RETURN_OUT(ctx, out, public_factor(ctx, t, opt, spec, false, out));
}

int libsi_insurance(libsi_ctx *ctx, const libsi_lifetable *t, const libsi_actuarial_options *opt,
                    const libsi_insurance_spec *spec, char **out)
{
    LSI_API_RETURN_OUT(ctx, out, public_factor(ctx, t, opt, spec, true, out));
}

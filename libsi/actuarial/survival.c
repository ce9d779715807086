/*
 * Survival under a basis: the table's q_x with optional mortality
 * improvement, survival within a year of age (UDD or constant force), the
 * survival probability t p_y at fractional ages, survivors l_y and life
 * expectancy (libsi/actuarial.h; notation and formulas docs/actuarial.md):
 *
 *   q_a(n) = q_a × (1 − s_a)^n      n = years (+ a − x for a cohort aged x);
 *                                   the closing age keeps q = 1
 *   s p_a  = 1 − s q_a  (UDD)   or  p_a^s = exp(s log(1 − q_a))  (constant force)
 *   t p_y  = l(y + t) / l(y),  l piecewise over years of age as above
 *   e_x    = Σ_{k≥1} k p_x          e°_x = Σ_{k≥0} k p_x ∫_0^1 s p_(x+k) ds
 *            ∫ = 1 − q/2 (UDD),  −q / log(1 − q) (constant force; 1 when q = 0)
 *
 * Under constant force a year with q = 1 has no finite force to hold
 * constant; that year (the closing age) is taken under UDD.
 */
#include <string.h>

#include "actuarial_internal.h"

/* ------------------------------------------------------------- basis */

static int keep_of(libsi_ctx *ctx, const char *field, const char *text, lsi_dec *keep)
{
    lsi_dec s;
    const char *why = NULL;
    if (!text || lsi_dec_parse(text, &s, &why) != 0)
        return lsi_fail(ctx, text ? LIBSI_EDECIMAL : LIBSI_EINVAL, field, "%s '%.40s': %s",
                        field, text ? text : "(null)", why ? why : "a decimal string is needed");
    if (lsi_dec_is_negative(s) || lsi_dec_cmp(s, lsi_dec_from_int(1)) >= 0)
        return lsi_fail(ctx, LIBSI_ERANGE, field, "%s %.40s: must be at least 0 and below 1",
                        field, text);
    return lsi_dec_sub(lsi_dec_from_int(1), s, keep);
}

static int improvement_by_age(libsi_ctx *ctx, const libsi_actuarial_options *opt, lsi_basis *b)
{
    size_t n = (size_t)(b->table->last - b->table->first + 1);
    if (opt->improvement_count != n)
        return lsi_fail(ctx, LIBSI_ERANGE, "improvement_count",
                        "improvement_by_age must give %zu rates (ages %d to %d), not %zu", n,
                        b->table->first, b->table->last, opt->improvement_count);
    b->keep_by_age = lsi_malloc(&b->alloc, n * sizeof *b->keep_by_age);
    if (!b->keep_by_age)
        return lsi_fail(ctx, LIBSI_ENOMEM, NULL, "out of memory");
    for (size_t i = 0; i < n; i++) {
        int rc = keep_of(ctx, "improvement_by_age", opt->improvement_by_age[i], &b->keep_by_age[i]);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int improvement(libsi_ctx *ctx, const libsi_actuarial_options *opt, lsi_basis *b)
{
    int rc = lsi_check_years(ctx, "improvement_years", opt->improvement_years);
    if (rc != 0)
        return rc;
    if ((unsigned)opt->improvement_kind > LIBSI_IMPROVEMENT_PERIOD)
        return lsi_fail(ctx, LIBSI_EINVAL, "improvement_kind", "improvement_kind %d: unknown",
                        (int)opt->improvement_kind);
    b->kind = opt->improvement_kind;
    b->years = opt->improvement_years;
    b->improved = opt->improvement_by_age || opt->improvement;
    if (opt->improvement_by_age)
        return improvement_by_age(ctx, opt, b);
    return opt->improvement ? keep_of(ctx, "improvement", opt->improvement, &b->keep_flat) : 0;
}

int lsi_basis_init(libsi_ctx *ctx, const libsi_lifetable *t, const libsi_actuarial_options *opt,
                   lsi_basis *b)
{
    static const libsi_actuarial_options defaults = {0};
    memset(b, 0, sizeof *b);
    b->alloc = ctx->alloc;
    b->table = t;
    b->keep_flat = lsi_dec_from_int(1);
    if (!opt)
        opt = &defaults;
    b->prec = opt->precision ? (mpfr_prec_t)opt->precision : LIBSI_ACTUARIAL_PRECISION;
    if (b->prec < LIBSI_ACTUARIAL_MIN_PRECISION || b->prec > LIBSI_ACTUARIAL_MAX_PRECISION)
        return lsi_fail(ctx, LIBSI_ERANGE, "precision", "precision %u: must be 64 to 16384 bits",
                        opt->precision);
    if ((unsigned)opt->fractional_ages > LIBSI_FRACTION_CONSTANT_FORCE)
        return lsi_fail(ctx, LIBSI_EINVAL, "fractional_ages", "fractional_ages %d: unknown",
                        (int)opt->fractional_ages);
    b->fraction = opt->fractional_ages;
    return improvement(ctx, opt, b);
}

void lsi_basis_dispose(lsi_basis *b)
{
    lsi_free(&b->alloc, b->keep_by_age);
    b->keep_by_age = NULL;
}

/* -------------------------------------------------------------- years */

void lsi_year_init(lsi_year *y, mpfr_prec_t prec)
{
    mpfr_inits2(prec, y->q, y->p, y->log_p, (mpfr_ptr)0);
}

void lsi_year_clear(lsi_year *y)
{
    mpfr_clears(y->q, y->p, y->log_p, (mpfr_ptr)0);
}

/* q × (1 − s)^n; p = 1 − q.  Without improvement p comes from the exact
 * decimal 1 − q, so no cancellation. */
static void improved_q(const lsi_basis *b, int from, int age, lsi_year *y)
{
    lsi_dec q = lsi_lifetable_q(b->table, age), p;
    long n = b->years + (b->kind == LIBSI_IMPROVEMENT_COHORT ? age - from : 0);
    lsi_dec_sub(lsi_dec_from_int(1), q, &p);
    lsi_mpfr_set_dec(y->q, q);
    lsi_mpfr_set_dec(y->p, p);
    if (!b->improved || n == 0 || age == b->table->last)
        return;
    lsi_dec keep = b->keep_by_age ? b->keep_by_age[age - b->table->first] : b->keep_flat;
    lsi_mpfr_set_dec(y->log_p, keep);             /* scratch: (1 − s)^n */
    mpfr_pow_ui(y->log_p, y->log_p, (unsigned long)n, MPFR_RNDN);
    mpfr_mul(y->q, y->q, y->log_p, MPFR_RNDN);
    mpfr_ui_sub(y->p, 1, y->q, MPFR_RNDN);
}

void lsi_year_set(const lsi_basis *b, int from, int age, lsi_year *y)
{
    improved_q(b, from, age, y);
    y->udd = b->fraction == LIBSI_FRACTION_UDD || mpfr_zero_p(y->p);
    if (!y->udd)
        mpfr_log(y->log_p, y->p, MPFR_RNDN);
}

void lsi_year_survival(const lsi_year *y, long j, long m, mpfr_t out)
{
    if (y->udd) {                                  /* 1 − (j/m) q */
        mpfr_mul_si(out, y->q, j, MPFR_RNDN);
        mpfr_div_si(out, out, m, MPFR_RNDN);
        mpfr_ui_sub(out, 1, out, MPFR_RNDN);
    } else {                                       /* exp((j/m) log p) */
        mpfr_mul_si(out, y->log_p, j, MPFR_RNDN);
        mpfr_div_si(out, out, m, MPFR_RNDN);
        mpfr_exp(out, out, MPFR_RNDN);
    }
}

void lsi_year_death(const lsi_year *y, long j, long m, mpfr_t out)
{
    if (y->udd) {                                  /* q / m */
        mpfr_div_si(out, y->q, m, MPFR_RNDN);
        return;
    }
    mpfr_t step;                                   /* p^(j/m) × (1 − p^(1/m)) */
    mpfr_init2(step, mpfr_get_prec(out));
    mpfr_div_si(step, y->log_p, m, MPFR_RNDN);
    mpfr_expm1(step, step, MPFR_RNDN);
    mpfr_neg(step, step, MPFR_RNDN);
    lsi_year_survival(y, j, m, out);
    mpfr_mul(out, out, step, MPFR_RNDN);
    mpfr_clear(step);
}

/* ∫_0^1 s p_age ds: the part of the year lived on average. */
static void year_lived(const lsi_year *y, mpfr_t out)
{
    if (y->udd) {                                  /* 1 − q/2 */
        mpfr_div_2ui(out, y->q, 1, MPFR_RNDN);
        mpfr_ui_sub(out, 1, out, MPFR_RNDN);
    } else if (mpfr_zero_p(y->q)) {
        mpfr_set_ui(out, 1, MPFR_RNDN);
    } else {                                       /* (p − 1) / log p = −q / log p */
        mpfr_div(out, y->q, y->log_p, MPFR_RNDN);
        mpfr_neg(out, out, MPFR_RNDN);
    }
}

/* ---------------------------------------------------- life expectancy */

typedef struct expectancy {
    const lsi_basis *b;
    int age;
    libsi_life_expectancy_kind kind;
} expectancy;

static void expectancy_sum(const void *arg, mpfr_prec_t prec, mpfr_t out)
{
    const expectancy *e = arg;
    lsi_year y;
    mpfr_t kp, lived;
    lsi_year_init(&y, prec);
    mpfr_inits2(prec, kp, lived, (mpfr_ptr)0);
    mpfr_set_ui(kp, 1, MPFR_RNDN);
    mpfr_set_ui(out, 0, MPFR_RNDN);
    for (int a = e->age; a <= e->b->table->last; a++) {
        lsi_year_set(e->b, e->age, a, &y);
        if (e->kind == LIBSI_LIFE_COMPLETE) {
            year_lived(&y, lived);
            mpfr_mul(lived, lived, kp, MPFR_RNDN);
            mpfr_add(out, out, lived, MPFR_RNDN);  /* k p_x ∫_0^1 s p_(x+k) ds */
        }
        mpfr_mul(kp, kp, y.p, MPFR_RNDN);
        if (e->kind == LIBSI_LIFE_CURTATE)
            mpfr_add(out, out, kp, MPFR_RNDN);     /* (k+1) p_x */
    }
    mpfr_clears(kp, lived, (mpfr_ptr)0);
    lsi_year_clear(&y);
}

int lsi_life_expectancy(libsi_ctx *ctx, const lsi_basis *b, int age,
                        libsi_life_expectancy_kind kind, int decimals, lsi_dec *out)
{
    if (age < b->table->first || age > b->table->last)
        return lsi_fail(ctx, LIBSI_ERANGE, "age", "age %d: the table covers %d to %d", age,
                        b->table->first, b->table->last);
    if ((unsigned)kind > LIBSI_LIFE_COMPLETE)
        return lsi_fail(ctx, LIBSI_EINVAL, "kind", "kind %d: curtate or complete", (int)kind);
    int rc = lsi_check_decimals(ctx, decimals);
    expectancy e = {b, age, kind};
    return rc != 0 ? rc : lsi_factor(ctx, expectancy_sum, &e, b->prec, decimals, out);
}

/* ----------------------------------------------------------- survival */

typedef struct span {
    const lsi_basis *b;
    int from;                      /* ⌊y⌋: the cohort's age at the valuation */
    lsi_dec start_part;            /* y − ⌊y⌋ */
    lsi_dec end;                   /* y + t */
    lsi_dec radix;                 /* 1 for a probability */
} span;

/* l(z) / l(from) for from ≤ z, the within-year part by the assumption. */
static void survival_to(const span *s, lsi_dec z, lsi_year *y, mpfr_t out)
{
    int64_t whole;
    lsi_dec part;
    mpfr_t f;
    lsi_dec_to_int64(z, &whole);
    lsi_dec_sub(z, lsi_dec_from_int(whole), &part);
    mpfr_set_ui(out, 1, MPFR_RNDN);
    for (int a = s->from; a < whole && a <= s->b->table->last; a++) {
        lsi_year_set(s->b, s->from, a, y);
        mpfr_mul(out, out, y->p, MPFR_RNDN);
    }
    if (whole > s->b->table->last || lsi_dec_is_zero(part)) {
        if (whole > s->b->table->last)
            mpfr_set_ui(out, 0, MPFR_RNDN);
        return;
    }
    mpfr_init2(f, mpfr_get_prec(out));
    lsi_year_set(s->b, s->from, (int)whole, y);
    lsi_mpfr_set_dec(f, part);                    /* s p_a = 1 − s q or exp(s log p) */
    if (y->udd) {
        mpfr_mul(f, f, y->q, MPFR_RNDN);
        mpfr_ui_sub(f, 1, f, MPFR_RNDN);
    } else {
        mpfr_mul(f, f, y->log_p, MPFR_RNDN);
        mpfr_exp(f, f, MPFR_RNDN);
    }
    mpfr_mul(out, out, f, MPFR_RNDN);
    mpfr_clear(f);
}

static void span_ratio(const void *arg, mpfr_prec_t prec, mpfr_t out)
{
    const span *s = arg;
    lsi_year y;
    mpfr_t start;
    lsi_dec from_z;
    lsi_year_init(&y, prec);
    mpfr_init2(start, prec);
    lsi_dec_add(lsi_dec_from_int(s->from), s->start_part, &from_z);
    survival_to(s, s->end, &y, out);
    survival_to(s, from_z, &y, start);
    mpfr_div(out, out, start, MPFR_RNDN);
    lsi_mpfr_set_dec(start, s->radix);
    mpfr_mul(out, out, start, MPFR_RNDN);
    mpfr_clear(start);
    lsi_year_clear(&y);
}

/* A non-negative decimal string within [lo, hi]. */
static int age_arg(libsi_ctx *ctx, const char *field, const char *text, lsi_dec lo, lsi_dec hi,
                   lsi_dec *out)
{
    const char *why = NULL;
    char a[LIBSI_DECIMAL_MAX + 1], b[LIBSI_DECIMAL_MAX + 1];
    if (!text)
        return lsi_fail(ctx, LIBSI_EINVAL, field, "%s is required (a decimal string)", field);
    if (lsi_dec_parse(text, out, &why) != 0)
        return lsi_fail(ctx, LIBSI_EDECIMAL, field, "%s '%.40s': %s", field, text,
                        why ? why : "invalid decimal");
    lsi_dec_format(lo, a);
    lsi_dec_format(hi, b);
    if (lsi_dec_cmp(*out, lo) < 0 || lsi_dec_cmp(*out, hi) > 0)
        return lsi_fail(ctx, LIBSI_ERANGE, field, "%s %.40s: must be %s to %s", field, text, a, b);
    return 0;
}

static int span_factor(libsi_ctx *ctx, const lsi_basis *b, span *s, int decimals, lsi_dec *out)
{
    int rc = lsi_check_decimals(ctx, decimals);
    return rc != 0 ? rc : lsi_factor(ctx, span_ratio, s, b->prec, decimals, out);
}

static int survival_of(libsi_ctx *ctx, const lsi_basis *b, const char *age, const char *years,
                       int decimals, lsi_dec *out)
{
    const libsi_lifetable *t = b->table;
    lsi_dec y, n, below_end;
    int64_t whole;
    lsi_dec_sub(lsi_dec_from_int(t->last + 1), (lsi_dec){1, 18}, &below_end);
    int rc = age_arg(ctx, "age", age, lsi_dec_from_int(t->first), below_end, &y);
    if (rc == 0)
        rc = age_arg(ctx, "years", years, lsi_dec_from_int(0),
                     lsi_dec_from_int(LIBSI_LIFETABLE_MAX_AGE), &n);
    if (rc != 0)
        return rc;
    span s = {b, 0, y, y, lsi_dec_from_int(1)};
    lsi_dec_to_int64(y, &whole);
    s.from = (int)whole;
    lsi_dec_sub(y, lsi_dec_from_int(whole), &s.start_part);
    lsi_dec_add(y, n, &s.end);
    return span_factor(ctx, b, &s, decimals, out);
}

static int survivors_of(libsi_ctx *ctx, const lsi_basis *b, const char *age, const char *radix,
                        int decimals, lsi_dec *out)
{
    const libsi_lifetable *t = b->table;
    lsi_dec y, l0;
    int rc = age_arg(ctx, "age", age, lsi_dec_from_int(t->first), lsi_dec_from_int(t->last + 1),
                     &y);
    if (rc == 0)
        rc = age_arg(ctx, "radix", radix, (lsi_dec){1, 18}, lsi_dec_from_int(1000000000), &l0);
    if (rc != 0)
        return rc;
    span s = {b, t->first, lsi_dec_from_int(0), y, l0};
    return span_factor(ctx, b, &s, decimals, out);
}

/* ---------------------------------------------------------- public API */

/* Defines libsi_actuarial_options_init(). */
LSI_EXTENSIBLE_STRUCT(libsi_actuarial_options, improvement_kind, LIBSI_ACTUARIAL_OPTIONS_INIT)

int lsi_actuarial_options_in(libsi_ctx *ctx, const libsi_actuarial_options *opt,
                             libsi_actuarial_options *copy)
{
    return lsi_struct_in(ctx, &libsi_actuarial_options_layout, opt, copy);
}

typedef int (*basis_job)(libsi_ctx *ctx, const lsi_basis *b, const void *job, lsi_dec *out);

static int with_basis(libsi_ctx *ctx, const libsi_lifetable *t, const libsi_actuarial_options *opt,
                      const void *job, basis_job run, char **out)
{
    lsi_basis b;
    lsi_dec d = {0, 0}; /* read by lsi_factor_text only when rc is 0 */
    if (!ctx || !t || !out)
        return lsi_fail(ctx, LIBSI_EINVAL, !t ? "table" : "out", "NULL argument");
    *out = NULL;
    libsi_actuarial_options o;
    int rc = lsi_actuarial_options_in(ctx, opt, &o);
    if (rc != 0)
        return rc;
    rc = lsi_basis_init(ctx, t, &o, &b);
    if (rc == 0)
        rc = run(ctx, &b, job, &d);
    lsi_basis_dispose(&b);
    return lsi_factor_text(ctx, rc, d, out);
}

typedef struct point_job {
    int age, decimals;
    libsi_life_expectancy_kind kind;
    const char *at, *what;           /* survival: age, years; survivors: age, radix */
} point_job;

static int expectancy_job(libsi_ctx *ctx, const lsi_basis *b, const void *job, lsi_dec *out)
{
    const point_job *p = job;
    return lsi_life_expectancy(ctx, b, p->age, p->kind, p->decimals, out);
}

static int survival_job(libsi_ctx *ctx, const lsi_basis *b, const void *job, lsi_dec *out)
{
    const point_job *p = job;
    return survival_of(ctx, b, p->at, p->what, p->decimals, out);
}

static int survivors_job(libsi_ctx *ctx, const lsi_basis *b, const void *job, lsi_dec *out)
{
    const point_job *p = job;
    return survivors_of(ctx, b, p->at, p->what, p->decimals, out);
}

int libsi_life_expectancy(libsi_ctx *ctx, const libsi_lifetable *t,
                          const libsi_actuarial_options *opt, int age,
                          libsi_life_expectancy_kind kind, int decimals, char **out)
{
    point_job job = {age, decimals, kind, NULL, NULL};
    LSI_API_RETURN_OUT(ctx, out, with_basis(ctx, t, opt, &job, expectancy_job, out));
}

int libsi_survival(libsi_ctx *ctx, const libsi_lifetable *t, const libsi_actuarial_options *opt,
                   const char *age, const char *years, int decimals, char **out)
{
    point_job job = {0, decimals, LIBSI_LIFE_CURTATE, age, years};
    LSI_API_RETURN_OUT(ctx, out, with_basis(ctx, t, opt, &job, survival_job, out));
}

int libsi_survivors(libsi_ctx *ctx, const libsi_lifetable *t, const libsi_actuarial_options *opt,
                    const char *age, const char *radix, int decimals, char **out)
{
    point_job job = {0, decimals, LIBSI_LIFE_CURTATE, age, radix};
    LSI_API_RETURN_OUT(ctx, out, with_basis(ctx, t, opt, &job, survivors_job, out));
}

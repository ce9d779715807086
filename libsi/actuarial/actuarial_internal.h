/*
 * The actuarial engine behind libsi/actuarial.h, shared by the public
 * functions and the `life_annuity` calculation (one implementation).
 *
 * A basis is a life table under stated assumptions (fractional ages,
 * improvement) held as exact decimals; a factor is computed from it with GNU
 * MPFR at a working precision and rounded once, correctly (survival.c:
 * lsi_factor).  MPFR is confined to survival.c and annuity.c: it never
 * touches an amount of money.  Formulas: docs/actuarial.md.
 */
#ifndef LIBSI_ACTUARIAL_INTERNAL_H
#define LIBSI_ACTUARIAL_INTERNAL_H

#include <mpfr.h>

#include "lifetable.h"

typedef struct lsi_basis {
    const libsi_lifetable *table;
    mpfr_prec_t prec;               /* starting working precision */
    libsi_fractional_ages fraction;
    libsi_improvement_kind kind;
    int years;                      /* improvement years from the table to the valuation */
    bool improved;
    lsi_dec keep_flat;              /* 1 − s, flat */
    lsi_dec *keep_by_age;           /* 1 − s_y per age of the table, or NULL */
    libsi_allocator alloc;          /* for keep_by_age */
} lsi_basis;

/* Check the options against the table and fill the basis (opt may be NULL).
 * Errors name the option member ("precision", "improvement", …). */
/* The caller's options (NULL: the defaults) copied into `copy`, never read
 * past opt->size (lsi_struct_in). */
int lsi_actuarial_options_in(libsi_ctx *ctx, const libsi_actuarial_options *opt,
                             libsi_actuarial_options *copy);
int lsi_basis_init(libsi_ctx *ctx, const libsi_lifetable *t, const libsi_actuarial_options *opt,
                   lsi_basis *b);
void lsi_basis_dispose(lsi_basis *b);

/* One year of age `age` met by the life aged `from` at the valuation. */
typedef struct lsi_year {
    mpfr_t q, p, log_p;             /* log_p only when !udd */
    bool udd;                       /* UDD within the year (the assumption, or p = 0) */
} lsi_year;

void lsi_year_init(lsi_year *y, mpfr_prec_t prec);
void lsi_year_clear(lsi_year *y);
void lsi_year_set(const lsi_basis *b, int from, int age, lsi_year *y);
/* s p_age for the fraction s = j/m of the year, 0 ≤ j ≤ m. */
void lsi_year_survival(const lsi_year *y, long j, long m, mpfr_t out);
/* Death between j/m and (j+1)/m of the year, for a life alive at its start. */
void lsi_year_death(const lsi_year *y, long j, long m, mpfr_t out);

void lsi_mpfr_set_dec(mpfr_t out, lsi_dec d);

/* Evaluate fn at the basis precision, doubling it until the half-even
 * rounding to `decimals` is certain (or the limit is reached, where the
 * value is taken to be the tie it cannot be told from). */
typedef void (*lsi_factor_fn)(const void *arg, mpfr_prec_t prec, mpfr_t out);
int lsi_factor(libsi_ctx *ctx, lsi_factor_fn fn, const void *arg, mpfr_prec_t prec,
               int decimals, lsi_dec *out);
/* The same, rounded once by `rule` (lsi_factor: the rule `actuarial_factor`
 * at `decimals`); a value that cannot be told from a tie takes the rule's
 * own tie-breaking. */
int lsi_factor_round(libsi_ctx *ctx, lsi_factor_fn fn, const void *arg, mpfr_prec_t prec,
                     const lsi_rounding *rule, lsi_dec *out);
/* The result as a string the caller frees with libsi_free(). */
int lsi_factor_text(libsi_ctx *ctx, int rc, lsi_dec d, char **out);

/* Parameter checks (errors name `field`). */
int lsi_check_decimals(libsi_ctx *ctx, int decimals);
int lsi_check_years(libsi_ctx *ctx, const char *field, int years);
/* 1 + r for a rate −1 < r ≤ 1 given as a decimal string (NULL = 0 when optional). */
int lsi_one_plus_rate(libsi_ctx *ctx, const char *field, const char *text, bool optional,
                      lsi_dec *out);

/* The factors, rounded once (the public functions and `life_annuity`). */
int lsi_life_expectancy(libsi_ctx *ctx, const lsi_basis *b, int age,
                        libsi_life_expectancy_kind kind, int decimals, lsi_dec *out);
int lsi_annuity_factor(libsi_ctx *ctx, const lsi_basis *b, const libsi_annuity_spec *spec,
                       lsi_dec *out);
int lsi_insurance_factor(libsi_ctx *ctx, const lsi_basis *b, const libsi_insurance_spec *spec,
                         lsi_dec *out);
/* amount × the annuity factor of spec (spec->decimals unused), rounded once
 * by `rule`: the value of a stream of payments whose factor is irrational,
 * with no intermediate rounding of the factor. */
int lsi_annuity_value(libsi_ctx *ctx, const lsi_basis *b, const libsi_annuity_spec *spec,
                      lsi_dec amount, const lsi_rounding *rule, lsi_dec *out);

/* ------------------------------------------- a life pension, exactly
 * (pension_value.c; the `pension_measures` calculation).  Results are
 * unrounded GMP rationals: the caller rounds each once, by a named rule. */

/* How the monthly annuity ä^(12) is valued from the life table. */
typedef enum lsi_monthly_method {
    LSI_MONTHLY_WOOLHOUSE = 0, /* ä − 11/24: Woolhouse's formula, two terms (rational) */
    LSI_MONTHLY_EXACT = 1      /* the 12 payment times: lsi_annuity_factor, frequency 12 */
} lsi_monthly_method;

typedef struct lsi_life_pension {
    const lsi_dec *q;            /* q_y for ages first … last, q_last = 1 */
    int first, last;
    int x;                       /* whole age at the first payment, first ≤ x ≤ last */
    lsi_dec monthly;             /* P */
    lsi_dec growth;              /* g, yearly indexation, −1 < g */
    lsi_monthly_method method;
} lsi_life_pension;

/* EPV = 12 P ä^(12)_x(g, i) rounded once by `rule`, by either method:
 * Woolhouse exactly (GMP), the exact monthly sum under UDD with MPFR and one
 * correct rounding (lsi_annuity_value).  Errors name "discount_rate". */
int lsi_pension_epv(libsi_ctx *ctx, const lsi_life_pension *lp, lsi_dec rate,
                    const lsi_rounding *rule, lsi_dec *out);
/* e_x = Σ_{k≥1} k p_x, exact. */
void lsi_life_expectancy_exact(const lsi_life_pension *lp, mpq_t curtate);
/* EPV = 12 P ä^(12)_x(g, i), exact (i > −1); LIBSI_EINVAL for a method
 * whose value is not rational (LSI_MONTHLY_EXACT). */
int lsi_pension_epv_exact(const lsi_life_pension *lp, lsi_dec rate, mpq_t epv);
/* The i in [−0.99, 1] where EPV(i) = value (MPFR 256 bits, 200 bisection
 * steps): the bisection's lower end, exactly, in out (the root lies within
 * about 2^-199 above it; the caller rounds once); *found false when EPV(−0.99) < value
 * or value = 0.  LIBSI_EINVAL for LSI_MONTHLY_EXACT. */
int lsi_pension_irr(const lsi_life_pension *lp, lsi_dec value, mpq_t out, bool *found);

#endif

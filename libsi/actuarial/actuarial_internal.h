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

#endif

/*
 * The `life_annuity` calculation: life expectancy, annuity and insurance
 * factors of a life table (中国人身保险业经验生命表（2010－2013） compiled in, or
 * the caller's), computed by the actuarial engine of libsi/actuarial.h
 * (survival.c, annuity.c: GNU MPFR, each result rounded once, correctly, by
 * the rule `actuarial_factor`), so a case and the C API give the same bytes.
 * This file only reads the case, records the trace and maps the engine's
 * errors onto the inputs.  Formulas: docs/actuarial.md.
 */
#include <stdio.h>
#include <string.h>

#include "actuarial_internal.h"
#include "calc_internal.h"

typedef struct job {
    libsi_actuarial_options opt;
    libsi_annuity_spec annuity;
    libsi_insurance_spec insurance;
    char improvement[LIBSI_DECIMAL_MAX + 1];
} job;

/* An engine error on the case's input of the same name. */
static int on_input(lsi_calc *k, int rc)
{
    char field[LSI_FIELD_MAX], why[LSI_MSG_MAX];
    if (rc == 0 || rc == LIBSI_ENOMEM)
        return rc;
    snprintf(field, sizeof field, "%s", libsi_ctx_field(k->ctx));
    snprintf(why, sizeof why, "%s", libsi_ctx_message(k->ctx));
    return lsi_in_invalid(k, strcmp(field, "kind") == 0 ? "insurance" : field, "%s", why);
}

static int int_input(lsi_calc *k, const char *name, int *out)
{
    int64_t v;
    int rc = lsi_in_int(k, name, &v);
    if (rc == 0 && (v < -1000000 || v > 1000000))
        return lsi_in_invalid(k, name, "out of range: expected −1000000 to 1000000 (the "
                                       "engine's own bounds then apply)");
    *out = (int)v;
    return rc;
}

static int read_numbers(lsi_calc *k, job *j)
{
    int prec = 0;
    int rc = int_input(k, "age", &j->annuity.age);
    if (rc == 0) rc = int_input(k, "term", &j->annuity.term);
    if (rc == 0) rc = int_input(k, "deferral", &j->annuity.deferral);
    if (rc == 0) rc = int_input(k, "decimals", &j->annuity.decimals);
    if (rc == 0) rc = int_input(k, "precision", &prec);
    if (rc == 0 && prec <= 0)
        rc = lsi_in_invalid(k, "precision", "must be 64 to 16384 bits");
    j->opt.precision = (unsigned)prec;
    j->annuity.interest = lsi_in_text(k, "interest");
    j->annuity.growth = lsi_in_text(k, "growth");
    return rc;
}

static int read_choices(lsi_calc *k, job *j)
{
    int timing = 0, frequency = 0, fraction = 0, kind = 0;
    int rc = lsi_in_choice(k, "timing", &timing);
    if (rc == 0) rc = lsi_in_choice(k, "frequency", &frequency);
    if (rc == 0) rc = lsi_in_choice(k, "fractional_ages", &fraction);
    if (rc == 0) rc = lsi_in_choice(k, "insurance", &kind);
    j->annuity.timing = (libsi_annuity_timing)timing;
    j->annuity.frequency = frequency == 0 ? 1 : 12;
    j->opt.fractional_ages = (libsi_fractional_ages)fraction;
    j->insurance.kind = (libsi_insurance_kind)kind;
    return rc;
}

/* The insurance shares the annuity's life, rates, term, deferral and m. */
static int read_job(lsi_calc *k, job *j)
{
    lsi_dec s;
    memset(j, 0, sizeof *j);
    int rc = read_numbers(k, j);
    if (rc == 0) rc = read_choices(k, j);
    if (rc == 0) rc = lsi_in_dec(k, "improvement", &s);
    if (rc != 0)
        return rc;
    lsi_dec_format(s, j->improvement);
    j->opt.improvement = lsi_dec_is_zero(s) ? NULL : j->improvement;
    j->opt.improvement_kind = LIBSI_IMPROVEMENT_COHORT;
    const libsi_annuity_spec *a = &j->annuity;
    j->insurance = (libsi_insurance_spec){sizeof(libsi_insurance_spec),
                                          a->age, a->interest, a->growth, a->term, a->deferral,
                                          a->frequency, j->insurance.kind, a->decimals};
    return 0;
}

static int output(lsi_calc *k, const char *name, int rc, lsi_dec v)
{
    if (rc != 0)
        return on_input(k, rc);
    lsi_step_value(k, name, v);
    return lsi_out_dec(k, name, v);
}

static int factors(lsi_calc *k, const job *j, const lsi_basis *b)
{
    lsi_dec v;
    int rc = output(k, "annuity_factor", lsi_annuity_factor(k->ctx, b, &j->annuity, &v), v);
    if (rc == 0)
        rc = output(k, "life_expectancy_curtate",
                    lsi_life_expectancy(k->ctx, b, j->annuity.age, LIBSI_LIFE_CURTATE,
                                        j->annuity.decimals, &v), v);
    if (rc == 0)
        rc = output(k, "life_expectancy_complete",
                    lsi_life_expectancy(k->ctx, b, j->annuity.age, LIBSI_LIFE_COMPLETE,
                                        j->annuity.decimals, &v), v);
    if (rc == 0)
        rc = output(k, "insurance_factor", lsi_insurance_factor(k->ctx, b, &j->insurance, &v), v);
    return rc;
}

static int open_table(lsi_calc *k, libsi_lifetable **t)
{
    const char *source = lsi_in_text(k, "mortality");
    if (lsi_lifetable_open(k->ctx, source, lsi_in_text(k, "table"), t) == 0)
        return 0;
    char why[LSI_MSG_MAX];
    snprintf(why, sizeof why, "%s", libsi_ctx_message(k->ctx));
    if (libsi_ctx_code(k->ctx) == LIBSI_ENOMEM)
        return LIBSI_ENOMEM;
    bool column = libsi_ctx_code(k->ctx) == LIBSI_ENOTFOUND &&
                  strcmp(libsi_ctx_field(k->ctx), "name") == 0; /* the table has no such column */
    return lsi_in_invalid(k, column ? "table" : "mortality", "life table %.200s: %.300s", source,
                          why);
}

/* 中国人身保险业经验生命表（2010－2013）; standard actuarial present values of the table */
static int run(lsi_calc *k)
{
    job j;
    libsi_lifetable *t = NULL;
    lsi_basis b;
    int rc = read_job(k, &j);
    if (rc == 0)
        rc = open_table(k, &t);
    if (rc != 0)
        return rc;
    lsi_step(k, life_annuity);
    lsi_step_text(k, "table", libsi_lifetable_name(t));
    lsi_step_text(k, "rounding", "actuarial_factor: the exact factor rounded once, half-even");
    rc = lsi_basis_init(k->ctx, t, &j.opt, &b);
    rc = rc == 0 ? factors(k, &j, &b) : on_input(k, rc);
    lsi_basis_dispose(&b);
    libsi_lifetable_free(t);
    return rc;
}

/* The schema (name, description, fields): data/schemas/annuity.tsv. */
const lsi_scheme lsi_scheme_life_annuity = LSI_SCHEME(life_annuity, run);

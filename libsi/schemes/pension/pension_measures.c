/*
 * The `pension_measures` calculation: what a member's pension is worth.
 * The pension itself comes from the `pension` calculation (same inputs, same
 * rules); the life table from mortality.c (CL5 men, CL6 women by default).
 *
 *   k p_x     = Π_{j<k} (1 − q_{x+j})                       x = whole years at retirement
 *   ä_x(g,i)  = Σ_k (1+g)^k v^k k p_x,   v = 1/(1+i)        annual annuity-due, indexed
 *   ä^(12)    ≈ ä − 11/24                                   monthly payments (UDD approximation)
 *   EPV       = 12 P ä^(12)                                 expected present value at retirement
 *   e°_x      = Σ_{k≥1} k p_x + ½                           complete life expectancy (UDD)
 *   contributions value = account balance × (employer + employee rate) / credit rate
 *   money's-worth ratio = EPV / contributions value
 *   IRR       : i such that 12 P ä^(12)(g, i) = contributions value (MPFR bisection)
 *   replacement rate = P / C;  account exhausted at x + D/12 vs expected age at death x + e°_x
 *
 * The values come from the actuarial engine (libsi/actuarial/pension_value.c):
 * exact rationals (GMP), each rounded once here by a named rule; only the
 * IRR, a root, is found with MPFR and then rounded once.
 */
#include <stdio.h>
#include <string.h>

#include "actuarial_internal.h"
#include "exact.h"
#include "mortality.h"
#include "pension_internal.h"

typedef struct measures {
    lsi_dec qx[LSI_AGES];
    int age_months, x, date; /* date: first day of the retirement month */
    lsi_dec pension, balance, divisor, cbase, growth, rate;
} measures;

/* ------------------------------------------------------ the pension */

static const char *const pension_only[] = {"discount_rate", "indexation", "mortality", "table"};

static bool measures_input(const char *name)
{
    for (size_t i = 0; i < sizeof pension_only / sizeof pension_only[0]; i++)
        if (strcmp(name, pension_only[i]) == 0)
            return true;
    return false;
}

static int read_output(lsi_kernel *sub, const char *name, lsi_dec *out)
{
    const lsi_out *o = lsi_kernel_out(sub, name);
    if (!o || o->kind != LSI_OUT_DEC)
        return lsi_fail(sub->k.ctx, LIBSI_EINPUT, "contribution_months",
                        "no pension to measure (%s missing: not eligible?)", name);
    *out = o->dec;
    return 0;
}

/* The given inputs of ours that are the pension's too. */
static int pension_inputs(lsi_calc *k, lsi_kernel *sub)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < k->scheme->n_inputs; i++)
        if (k->in[i].given && !measures_input(k->scheme->inputs[i].name))
            rc = lsi_kernel_set_text(sub, k->scheme->inputs[i].name, k->in[i].text);
    return rc;
}

/* 国发〔2005〕38号 and the documents cited in its steps below */
/* Run the `pension` kernel on the same inputs (minus ours) and keep what we
 * need; its steps appear under this one. */
static int the_pension(lsi_calc *k, measures *m)
{
    lsi_kernel sub;
    lsi_step(k, pension);
    int rc = lsi_kernel_init(&sub, k, &lsi_scheme_pension);
    if (rc == 0) rc = pension_inputs(k, &sub);
    if (rc == 0) rc = lsi_kernel_run(&sub);
    if (rc == 0) rc = read_output(&sub, "total", &m->pension);
    if (rc == 0) rc = read_output(&sub, "account_balance", &m->balance);
    if (rc == 0) rc = read_output(&sub, "divisor", &m->divisor);
    if (rc == 0) rc = read_output(&sub, "calculation_base", &m->cbase);
    const lsi_out *age = rc == 0 ? lsi_kernel_out(&sub, "retirement_age") : NULL;
    const lsi_out *month = rc == 0 ? lsi_kernel_out(&sub, "retirement_date") : NULL;
    if (rc == 0 && (!age || age->kind != LSI_OUT_AGE || !month))
        rc = lsi_fail(k->ctx, LIBSI_EINTERNAL, "retirement_age", "the pension gave no age");
    if (rc == 0) {
        m->age_months = age->month;
        m->x = age->month / 12 > LSI_MAX_AGE ? LSI_MAX_AGE : age->month / 12;
        m->date = lsi_month_first_day(month->month);
    }
    lsi_step_result(k, m->pension);
    k->flags |= sub.k.flags;
    return rc;
}

/* ------------------------------------------------------ the engine */

/* The pension as the actuarial engine values it (pension_value.c): monthly
 * payments by Woolhouse's ä − 11/24, the method documented here and in the
 * vectors' oracle. */
static lsi_life_pension life_pension(const measures *m)
{
    return (lsi_life_pension){m->qx, 0, LSI_MAX_AGE, m->x, m->pension, m->growth,
                              LSI_MONTHLY_WOOLHOUSE};
}

static int rounded(lsi_calc *k, const char *name, const mpq_t v, const lsi_rounding *rule)
{
    lsi_dec d;
    if (lsi_mpq_round(v, rule, &d, NULL) != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, name, "%s out of range", name);
    lsi_step_value(k, name, d);
    return lsi_out_dec(k, name, d);
}

/* The engine's root, rounded once to 4 decimals (ratio_4). */
static int irr(lsi_calc *k, const measures *m, lsi_dec contributions)
{
    lsi_life_pension lp = life_pension(m);
    bool found = false;
    mpq_t q;
    mpq_init(q);
    int rc = lsi_pension_irr(&lp, contributions, q, &found);
    if (rc != 0)
        rc = lsi_fail(k->ctx, LIBSI_EINTERNAL, "internal_rate_of_return",
                      "monthly method without an exact value (internal)");
    else if (!found)
        rc = lsi_out_text(k, "internal_rate_of_return", "none");
    else
        rc = rounded(k, "internal_rate_of_return", q, &LSI_ROUND_RATIO);
    mpq_clear(q);
    return rc;
}

/* ------------------------------------------------------------ run */

/* 中国人身保险业经验生命表（2010－2013）; CL5 men, CL6 women unless the case names a table */
static int inputs_and_table(lsi_calc *k, measures *m)
{
    int rc = lsi_in_dec(k, "discount_rate", &m->rate);
    if (rc == 0) rc = lsi_in_dec(k, "indexation", &m->growth);
    /* v = 1 / (1 + i) exists only for i > −1; yearly rates above 100 % are
     * not rates of a pension (the actuarial engine's own range, actuarial.h) */
    if (rc == 0)
        rc = lsi_check_open_range(k, "discount_rate", m->rate, -1, 1,
                                  "a yearly rate in (−1, 1]: v = 1 / (1 + i)");
    if (rc == 0)
        rc = lsi_check_open_range(k, "indexation", m->growth, -1, 1, "a yearly rate in (−1, 1]");
    if (rc != 0)
        return rc;
    const char *table = lsi_in_text(k, "table");
    if (!table)
        table = strcmp(lsi_in_text(k, "retirement_group"), "male60") == 0 ? "CL5" : "CL6";
    lsi_step(k, life_table);
    lsi_step_text(k, "table", table);
    return lsi_mortality_load(k, "mortality", "table", lsi_in_text(k, "mortality"), table, m->qx);
}

/* 国发〔2005〕38号 (8 % to the account); rates from the rule data */
static int contributions_value(lsi_calc *k, const measures *m, lsi_dec *out)
{
    lsi_step(k, contributions_value);
    lsi_dec er, ee, credit, x;
    int rc = lsi_param(k, "pension.rate.employer", m->date, &er);
    if (rc == 0) rc = lsi_param(k, "pension.rate.employee", m->date, &ee);
    if (rc == 0) rc = lsi_param(k, "pension.account.credit_rate", m->date, &credit);
    if (rc == 0) rc = lsi_dec_add(er, ee, &x);
    if (rc == 0) rc = lsi_dec_mul(m->balance, x, &x);
    if (rc != 0)
        return rc;
    return lsi_step_round_div(k, x, credit, &LSI_ROUND_FEN, out);
}

/* actuarial present value with the life table */
static int worth(lsi_calc *k, const measures *m, lsi_dec contrib)
{
    lsi_step(k, expected_present_value);
    mpq_t twelve, curtate, epv, x;
    lsi_life_pension lp = life_pension(m);
    mpq_inits(twelve, curtate, epv, x, NULL);
    int rc = lsi_pension_epv_exact(&lp, m->rate, epv);
    if (rc != 0)
        rc = lsi_fail(k->ctx, LIBSI_EINTERNAL, "epv_benefits",
                      "monthly method without an exact value (internal)");
    lsi_life_expectancy_exact(&lp, curtate);
    if (rc == 0) rc = rounded(k, "epv_benefits", epv, &LSI_ROUND_FEN);
    if (rc == 0 && !lsi_dec_is_zero(contrib)) {
        lsi_dec_to_mpq(contrib, x);
        mpq_div(x, epv, x);
        rc = rounded(k, "money_worth_ratio", x, &LSI_ROUND_RATIO);
    }
    mpq_set_si(x, 1, 2);
    mpq_add(curtate, curtate, x);
    if (rc == 0) rc = rounded(k, "life_expectancy", curtate, &LSI_ROUND_TENTH);
    /* expected age at death and exhaustion age, in years */
    mpq_set_si(x, m->age_months, 12);
    mpq_add(curtate, curtate, x);
    if (rc == 0) rc = rounded(k, "expected_age_at_death", curtate, &LSI_ROUND_TENTH);
    lsi_dec_to_mpq(m->divisor, epv);
    mpq_set_si(twelve, 12, 1);
    mpq_div(epv, epv, twelve);
    mpq_add(epv, epv, x);
    if (rc == 0) rc = rounded(k, "account_exhaustion_age", epv, &LSI_ROUND_TENTH);
    mpq_clears(twelve, curtate, epv, x, NULL);
    return rc;
}

/* pension / calculation base of the retirement year */
static int run(lsi_calc *k)
{
    measures m;
    lsi_dec contrib, rr;
    memset(&m, 0, sizeof m);
    int rc = inputs_and_table(k, &m);
    if (rc == 0) rc = the_pension(k, &m);
    if (rc == 0) rc = contributions_value(k, &m, &contrib);
    if (rc == 0) rc = lsi_out_dec(k, "pension", m.pension);
    if (rc == 0) rc = lsi_out_dec(k, "contributions_value", contrib);
    if (rc == 0) rc = worth(k, &m, contrib);
    if (rc == 0) {
        lsi_step(k, replacement_rate);
        rc = lsi_step_round_div(k, m.pension, m.cbase, &LSI_ROUND_RATIO, &rr);
    }
    if (rc == 0) rc = lsi_out_dec(k, "replacement_rate", rr);
    if (rc == 0) {
        lsi_step(k, internal_rate_of_return);
        rc = irr(k, &m, contrib);
    }
    return rc;
}

/* -------------------- descriptor (schema: data/schemas/pension.tsv) */

const lsi_scheme lsi_scheme_pension_measures = LSI_SCHEME(pension_measures, run);

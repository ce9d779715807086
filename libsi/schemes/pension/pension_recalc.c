/*
 * The `pension_recalculation` calculation: a pension paid provisionally and
 * recalculated when the year's calculation base (计发基数) is published.
 *
 * Agency practice seen on approval forms (养老金核定表): a person who retires
 * before the province publishes the 计发基数 of the retirement year is paid
 * from the first payment month with the base known on that day — the
 * previous year's — and recalculated once the year's base is published (for
 * 2025: 粤人社发〔2025〕32号 §二, issued 2025-10-24); the difference for the
 * months already paid is paid as arrears (补发).  The legal text of the
 * practice was not found (conf. M).
 *
 *   final      = pension with the rules known on the recalculation day
 *   provisional = pension with the base known on the first payment day (the
 *                 retirement year's if already published, else the
 *                 previous year's) and the other rules known then
 *   arrears    = (final − provisional) × months paid provisionally, i.e.
 *                 from the first payment month to the recalculation month
 */
#include <string.h>

#include "pension_internal.h"

typedef struct recalc {
    int paid_from;           /* month number of the first payment */
    int recalculated_on;     /* YYYYMMDD */
    int retire_date;         /* first day of the retirement month */
    lsi_dec provisional_base, final_base, provisional, final;
} recalc;

static bool own_input(const char *name)
{
    return strcmp(name, "paid_from") == 0 || strcmp(name, "recalculated_on") == 0;
}

/* The pension kernel on the case's inputs, with `known_on` and optionally a
 * calculation base; recorded under the current step unless `quiet`. */
static int pension_as_known(lsi_calc *k, int known_on, const lsi_dec *base, bool quiet,
                            lsi_kernel *sub)
{
    int rc = lsi_kernel_init(sub, k, &lsi_scheme_pension);
    for (size_t i = 0; rc == 0 && i < k->scheme->n_inputs; i++)
        if (k->in[i].given && !own_input(k->scheme->inputs[i].name))
            rc = lsi_kernel_set_text(sub, k->scheme->inputs[i].name, k->in[i].text);
    char day[11];
    lsi_date_format(known_on, day);
    if (rc == 0 && known_on) rc = lsi_kernel_set_text(sub, "known_on", day);
    if (rc == 0 && base) rc = lsi_kernel_set_dec(sub, "calculation_base", *base);
    if (quiet)
        sub->k.trace = NULL, sub->k.host = NULL;
    return rc ? rc : lsi_kernel_run(sub);
}

static int dec_out(lsi_kernel *sub, const char *name, lsi_dec *v)
{
    const lsi_out *o = lsi_kernel_out(sub, name);
    if (!o || o->kind != LSI_OUT_DEC)
        return lsi_fail(sub->k.ctx, LIBSI_EINPUT, "contribution_months",
                        "no pension to recalculate (%s missing: not eligible?)", name);
    *v = o->dec;
    return 0;
}

/* Where the pension starts, from the pension itself (nothing recorded). */
static int retirement_date(lsi_calc *k, recalc *r)
{
    lsi_kernel probe;
    int rc = pension_as_known(k, 0, NULL, true, &probe);
    const lsi_out *m = rc == 0 ? lsi_kernel_out(&probe, "retirement_date") : NULL;
    if (rc == 0 && !m)
        rc = lsi_fail(k->ctx, LIBSI_EINTERNAL, "retirement_date", "the pension gave no month");
    if (rc == 0)
        r->retire_date = lsi_month_first_day(m->month);
    return rc;
}

static int read_case(lsi_calc *k, recalc *r)
{
    static const char *const unused[] = {"calculation_base", "known_on"};
    for (size_t i = 0; i < 2; i++)
        if (lsi_in_present(k, unused[i]))
            return lsi_in_invalid(k, unused[i], "not used here: the recalculation takes the base "
                                                "as known on each payment day");
    int rc = lsi_in_month(k, "paid_from", &r->paid_from);
    if (rc == 0) rc = retirement_date(k, r);
    if (rc == 0 && lsi_month_first_day(r->paid_from) < r->retire_date) {
        char m[8];
        lsi_month_format(lsi_date_month_index(r->retire_date), m);
        rc = lsi_in_invalid(k, "paid_from", "before the retirement month %s: the pension is paid "
                                            "from that month on (give paid_from=%s or later)", m, m);
    }
    return rc;
}

/* 粤人社发〔2025〕32号 §二 and the notices of earlier years */
/* The year's base and the day it was published; the recalculation day is
 * that day unless the case gives a later one. */
static int final_base(lsi_calc *k, recalc *r)
{
    const lsi_rule *rule;
    lsi_step(k, final_base);
    int rc = lsi_param_as_known(k, "pension.calculation_base", r->retire_date, 0, &r->final_base,
                                &rule);
    if (rc != 0)
        return rc;
    r->recalculated_on = rule->published;
    if (lsi_in_present(k, "recalculated_on"))
        rc = lsi_in_date(k, "recalculated_on", &r->recalculated_on);
    if (rc == 0 && r->recalculated_on < rule->published)
        rc = lsi_in_invalid(k, "recalculated_on", "before the base was published (%s)",
                            rule->published_text);
    lsi_step_text(k, "published", rule->published_text);
    lsi_step_result(k, r->final_base);
    return rc;
}

/* agency practice seen on approval forms: until the year's base is published, ... */
/* The base known on the first payment day: the year's if published by
 * then, else the previous year's (paid provisionally, flagged). */
static int provisional_base(lsi_calc *k, recalc *r)
{
    int paid = lsi_month_first_day(r->paid_from), prev = r->retire_date - 10000;
    lsi_step(k, provisional_base);
    int rc = lsi_param_as_known(k, "pension.calculation_base", r->retire_date, paid,
                                &r->provisional_base, NULL);
    if (rc == LIBSI_ENOTFOUND) {
        lsi_step_note(k, "the year's base was not yet published: the previous year's applies");
        lsi_step_flag(k, LIBSI_FLAG_PROVISIONAL);
        rc = lsi_param_as_known(k, "pension.calculation_base", prev, paid, &r->provisional_base,
                                NULL);
    }
    if (rc == 0)
        lsi_step_result(k, r->provisional_base);
    return rc;
}

/* the pension calculation with the provisional base and the rules known on the ... */
static int pensions(lsi_calc *k, recalc *r)
{
    lsi_kernel sub;
    lsi_step(k, provisional_pension);
    int rc = pension_as_known(k, lsi_month_first_day(r->paid_from), &r->provisional_base, false,
                              &sub);
    if (rc == 0) rc = dec_out(&sub, "total", &r->provisional);
    if (rc != 0)
        return rc;
    lsi_step_result(k, r->provisional);
    lsi_step(k, final_pension);
    rc = pension_as_known(k, r->recalculated_on, NULL, false, &sub);
    if (rc == 0) rc = dec_out(&sub, "total", &r->final);
    if (rc == 0)
        lsi_step_result(k, r->final);
    return rc;
}

/* agency practice seen on approval forms: the difference for every month paid ... */
static int arrears(lsi_calc *k, const recalc *r)
{
    lsi_dec diff, total;
    int64_t months = lsi_date_month_index(r->recalculated_on) - r->paid_from + 1;
    lsi_step(k, arrears);
    if (months < 0)
        months = 0;
    int rc = lsi_dec_sub(r->final, r->provisional, &diff);
    if (rc == 0) rc = lsi_dec_mul(diff, lsi_dec_from_int(months), &total);
    if (rc != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "paid_from", "arrears out of range");
    lsi_step_value(k, "monthly_difference", diff);
    lsi_step_value(k, "arrears_months", lsi_dec_from_int(months));
    lsi_step_result(k, total);
    const lsi_named_dec out[] = {
        {"provisional_base", r->provisional_base}, {"provisional_total", r->provisional},
        {"final_base", r->final_base}, {"final_total", r->final}, {"monthly_difference", diff},
        {"arrears_months", lsi_dec_from_int(months)}, {"arrears_total", total}};
    return lsi_out_decs(k, out, sizeof out / sizeof out[0]);
}

static int run(lsi_calc *k)
{
    recalc r;
    memset(&r, 0, sizeof r);
    int rc = read_case(k, &r);
    if (rc == 0) rc = final_base(k, &r);
    if (rc == 0) rc = provisional_base(k, &r);
    if (rc == 0) rc = pensions(k, &r);
    if (rc == 0) rc = arrears(k, &r);
    if (rc == 0) {
        char day[11];
        lsi_date_format(r.recalculated_on, day);
        rc = lsi_out_text(k, "recalculated_on", day);
    }
    return rc;
}

/* The schema (name, description, fields): data/schemas/pension.tsv. */
const lsi_scheme lsi_scheme_pension_recalculation = LSI_SCHEME(pension_recalculation, run);

/*
 * The monthly pension of a new retiree of a government body or public
 * institution (机关事业单位) in Guangdong, under 国发〔2015〕2号 and
 * 人社部发〔2015〕28号:
 *
 *  - retirement age: the 2025 law, by the shared retirement kernel;
 *  - the record: deemed years before 2014-10 (视同缴费年限) with their index
 *    (视同缴费指数, from the provincial table: an input, the Guangdong table
 *    was not found), actual years with their average index, the personal
 *    account — as summary figures or from a monthly history (the enterprise
 *    kernels: average index, account crediting);
 *  - the new method, the old method and the ten-year transition between them
 *    (institution_methods.c).
 *
 * Details, sources and confidence: docs/institution-pension.md.
 */
#include <stdio.h>
#include <string.h>

#include "institution_internal.h"
#include "pension_internal.h"
#include "retirement_age.h"

/* --------------------------------------------------- retirement age */

/* 办法第三条: a requested month must lie in the flexible window. */
static int requested_month(lsi_calc *k, const lsi_retirement_age *stat, lsi_ip_case *p)
{
    p->retire_month = stat->month_index;
    if (!lsi_in_present(k, "retirement_date"))
        return 0;
    int rc = lsi_in_month(k, "retirement_date", &p->retire_month);
    if (rc != 0 || (p->retire_month >= stat->earliest_month && p->retire_month <= stat->latest_month))
        return rc;
    char lo[8], hi[8];
    lsi_month_format(stat->earliest_month, lo);
    lsi_month_format(stat->latest_month, hi);
    return lsi_in_invalid(k, "retirement_date", "outside the flexible window %s .. %s (办法第三条)",
                          lo, hi);
}

/* 国务院《关于渐进式延迟法定退休年龄的办法》第一条, 第三条; the same ages for institutions */
static int retirement(lsi_calc *k, lsi_ip_case *p)
{
    lsi_retirement_age stat;
    lsi_step(k, institution_retirement_month);
    int rc = lsi_in_retirement(k, &stat, &p->birth);
    if (rc == 0) rc = requested_month(k, &stat, p);
    if (rc != 0)
        return rc;
    p->birth_month = lsi_date_month_index(p->birth);
    p->date = lsi_month_first_day(p->retire_month);
    p->age_months = p->retire_month - p->birth_month;
    lsi_step_age(k, "statutory_age", stat.age_months);
    lsi_step_month(k, "retirement_month", p->retire_month);
    rc = lsi_out_age(k, "statutory_retirement_age", stat.age_months);
    if (rc == 0) rc = lsi_out_month(k, "statutory_retirement_date", stat.month_index);
    if (rc == 0) rc = lsi_out_month(k, "retirement_date", p->retire_month);
    return rc ? rc : lsi_out_age(k, "retirement_age", p->age_months);
}

/* The reform applies to retirements from 2014-10-01 (§三(四)). */
static int reform_scope(lsi_calc *k, const lsi_ip_case *p)
{
    if (p->date >= LSI_IP_REFORM_YMD)
        return 0;
    return lsi_in_invalid(k, lsi_in_present(k, "retirement_date") ? "retirement_date" : "birth_date",
                          "retirement before the reform of 2014-10-01 (人社部发〔2015〕28号 §三(四)): "
                          "the pre-reform 退休费 rules apply, not calculated here");
}

/* 社会保险法第十六条 (国发〔2015〕2号 refers to it, as quoted); 办法第二条 */
static int minimum_contribution(lsi_calc *k, lsi_ip_case *p)
{
    lsi_step(k, minimum_contribution_months);
    return lsi_minimum_months(k, p->date, &p->minimum);
}

/* ----------------------------------------------------- the category */

/* 中人: started work before the reform; by work_start, else by deemed years.
 * Service years (工作年限) default to work_start → retirement. */
static int category(lsi_calc *k, lsi_ip_case *p)
{
    int start = -1, rc = lsi_in_int(k, "deemed_months", &p->deemed);
    if (rc == 0 && lsi_in_present(k, "work_start")) rc = lsi_in_month(k, "work_start", &start);
    if (rc != 0)
        return rc;
    if (p->deemed < 0)
        return lsi_in_invalid(k, "deemed_months", "must not be negative");
    if (start >= 0 && start >= p->retire_month)
        return lsi_in_invalid(k, "work_start", "must be before the retirement month");
    if (start >= LSI_IP_REFORM_MONTH && p->deemed > 0)
        return lsi_in_invalid(k, "deemed_months", "deemed years are the years before 2014-10; "
                                                  "work_start is after it");
    p->middle = start >= 0 ? start < LSI_IP_REFORM_MONTH : p->deemed > 0;
    p->service = -1;
    if (lsi_in_present(k, "service_months"))
        rc = lsi_in_int(k, "service_months", &p->service);
    else if (start >= 0)
        p->service = p->retire_month - start;
    if (rc == 0 && lsi_in_present(k, "service_months") && p->service < 0)
        rc = lsi_in_invalid(k, "service_months", "must not be negative");
    return rc ? rc : lsi_out_text(k, "category", p->middle ? "middle" : "new");
}

/* ------------------------------------------------------ plausibility */

static int plausible_months(lsi_calc *k, const lsi_ip_case *p)
{
    lsi_months_bound life, before;
    int rc = lsi_working_months(k, p->birth, p->retire_month, "the retirement month", &life);
    if (rc == 0)
        rc = lsi_working_months(k, p->birth, LSI_IP_REFORM_MONTH, "the reform (2014-10)", &before);
    if (rc == 0 && p->deemed > 0) rc = lsi_check_months(k, "deemed_months", p->deemed, &before);
    if (rc == 0)
        rc = lsi_check_months(k, lsi_in_present(k, "history") ? "history" : "contribution_months",
                              p->months + p->deemed, &life);
    if (rc == 0 && p->service >= 0) rc = lsi_check_months(k, "service_months", p->service, &life);
    return rc;
}

static int index_input(lsi_calc *k, const char *name, int date, lsi_dec *v)
{
    int rc = lsi_in_dec(k, name, v);
    if (rc == 0 && lsi_dec_is_negative(*v))
        rc = lsi_in_invalid(k, name, "must not be negative");
    return rc ? rc : lsi_check_rule_range(k, name, *v, "pension.average_index.min",
                                          "pension.average_index.max", date);
}

/* ------------------------------------------------------------ record */

/* A history month without a wage is indexed by the previous calendar year's
 * provincial wage (the Guangdong institution band is a calendar year's,
 * made from that wage: 粤人社发〔2025〕32号 §一; conf. L for the index); the
 * account's 2014-10 → 2015-12 months carry the institution rate 5 %
 * (人社厅发〔2017〕71号 二), later years the single national rate. */
static int history_parameters(lsi_calc *k, lsi_history *h)
{
    lsi_step(k, history_parameters);
    int wage_year = -1;
    lsi_dec wage = {0, 0}, rate;
    for (size_t i = 0; i < h->n; i++) {
        lsi_history_month *m = &h->m[i];
        int year = m->month / 12, rc = 0;
        if (!m->has_wage && year - 1 != wage_year) {
            rc = lsi_param(k, "wage.provincial_average_monthly", (year - 1) * 10000 + 101, &wage);
            wage_year = year - 1;
        }
        if (rc == 0 && !m->has_wage) {
            m->wage = wage;
            m->has_wage = true;
        }
        if (rc == 0 && !m->has_rate && year < 2016) {
            rc = lsi_param(k, "institution.crediting_rate", lsi_month_first_day(m->month), &rate);
            m->rate = rate;
            m->has_rate = rc == 0;
        }
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int record_from_history(lsi_calc *k, lsi_ip_case *p)
{
    static const char *const summary[] = {"contribution_months", "actual_index", "account_balance"};
    lsi_history h;
    int rule;
    lsi_dec opening;
    int rc = lsi_history_alone(k, summary, 3);
    if (rc == 0) rc = lsi_ip_history_read(k, &h);
    if (rc == 0) rc = lsi_account_inputs(k, &rule, &opening);
    if (rc == 0) rc = lsi_history_before_retirement(k, &h, p->retire_month);
    if (rc != 0)
        return rc;
    p->months = (int64_t)h.contributing;
    rc = plausible_months(k, p);
    if (rc == 0) rc = history_parameters(k, &h);
    if (rc == 0) rc = lsi_average_index(k, &h, p->retire_month, &p->actual_index);
    return rc ? rc : lsi_account_balance(k, &h, p->retire_month - 1, (lsi_interest_rule)rule,
                                         opening, &p->balance);
}

/* as stated on the approval form */
static int record_from_summary(lsi_calc *k, lsi_ip_case *p)
{
    lsi_step(k, institution_contribution_record);
    int rc = lsi_in_int(k, "contribution_months", &p->months);
    if (rc == 0 && p->months < 0)
        rc = lsi_in_invalid(k, "contribution_months", "must not be negative");
    if (rc == 0) rc = plausible_months(k, p);
    if (rc == 0 && p->months > 0) rc = index_input(k, "actual_index", p->date, &p->actual_index);
    if (rc == 0) rc = lsi_in_dec(k, "account_balance", &p->balance);
    if (rc == 0 && lsi_dec_is_negative(p->balance))
        rc = lsi_in_invalid(k, "account_balance", "must not be negative");
    lsi_step_value(k, "contribution_months", lsi_dec_from_int(p->months));
    return rc;
}

static const char *const summary_required[] = {"contribution_months", "actual_index",
                                               "account_balance"};

static int summary_missing(lsi_calc *k)
{
    for (size_t i = 0; i < 3; i++) {
        if (i == 1 && lsi_in_present(k, "contribution_months") &&
            strcmp(lsi_in_text(k, "contribution_months"), "0") == 0)
            continue; /* no actual years: no actual index */
        if (!lsi_in_present(k, summary_required[i]))
            return lsi_fail(k->ctx, LIBSI_EINPUT, summary_required[i],
                            "input '%s' is required: give the summary figures (contribution_months, "
                            "actual_index, account_balance) or a monthly history",
                            summary_required[i]);
    }
    return 0;
}

static int deemed_index(lsi_calc *k, lsi_ip_case *p)
{
    p->deemed_index = lsi_dec_from_int(0);
    if (p->deemed == 0)
        return lsi_in_present(k, "deemed_index")
                   ? lsi_in_invalid(k, "deemed_index", "given without deemed_months")
                   : 0;
    if (!lsi_in_present(k, "deemed_index"))
        return lsi_fail(k->ctx, LIBSI_EINPUT, "deemed_index",
                        "input 'deemed_index' is required with deemed_months: the 视同缴费指数 "
                        "of the final rank and years (provincial table, 人社部发〔2015〕28号 §三(四); "
                        "the Guangdong table was not found)");
    return index_input(k, "deemed_index", p->date, &p->deemed_index);
}

/* 社会保险法第十六条 */
static int eligibility(lsi_calc *k, lsi_ip_case *p, bool *eligible)
{
    lsi_step(k, institution_eligibility);
    p->total_months = p->months + p->deemed;
    *eligible = p->total_months >= p->minimum && p->total_months > 0;
    return lsi_eligibility_report(k, p->total_months, p->minimum, *eligible);
}

static int record(lsi_calc *k, lsi_ip_case *p, bool *eligible)
{
    int rc = category(k, p);
    if (rc == 0 && !lsi_in_present(k, "history")) rc = summary_missing(k);
    if (rc == 0)
        rc = lsi_in_present(k, "history") ? record_from_history(k, p) : record_from_summary(k, p);
    if (rc == 0) rc = deemed_index(k, p);
    return rc ? rc : eligibility(k, p, eligible);
}

/* ------------------------------------------------------- components */

/* 人社部发〔2015〕28号 §三; Guangdong: the same base as enterprises, 粤人社发〔2025〕32号 §二 */
static int calculation_base(lsi_calc *k, lsi_ip_case *p)
{
    lsi_step(k, institution_calculation_base);
    int rc;
    if (!lsi_in_present(k, "calculation_base")) {
        rc = lsi_param(k, "institution.calculation_base", p->date, &p->c);
    } else {
        rc = lsi_in_dec(k, "calculation_base", &p->c);
        if (rc == 0)
            rc = lsi_check_positive(k, "calculation_base", p->c,
                                    "a calculation base is an average monthly wage");
        if (rc == 0)
            rc = lsi_check_rule_range(k, "calculation_base", p->c, NULL,
                                      "pension.calculation_base.max", p->date);
        lsi_step_note(k, "override: the case gives C instead of the rule value");
        lsi_step_flag(k, LIBSI_FLAG_OVERRIDE);
    }
    if (rc == 0) lsi_step_result(k, p->c);
    return rc;
}

/* The annuity inputs of ours and their names in `occupational_annuity`. */
static const char *const annuity_inputs[][2] = {
    {"annuity_history", "history"}, {"annuity_funding", "funding"},
    {"annuity_conversion_month", "conversion_month"}, {"annuity_real_return", "real_return"},
    {"annuity_notional_rate", "notional_rate"}, {"city", "city"},
    {"retirement_group", "retirement_group"}, {"birth_date", "birth_date"}};

/* An error of the sub-calculation naming one of its inputs: the same error
 * naming ours (a rule parameter's error passes through unchanged). */
static int annuity_error(lsi_calc *k, int rc)
{
    char message[400];
    const char *field = libsi_ctx_field(k->ctx), *ours = NULL;
    for (size_t i = 0; field && i < sizeof annuity_inputs / sizeof annuity_inputs[0]; i++)
        if (strcmp(field, annuity_inputs[i][1]) == 0)
            ours = annuity_inputs[i][0];
    if (!ours)
        return rc;
    snprintf(message, sizeof message, "%s", libsi_ctx_message(k->ctx));
    return lsi_fail(k->ctx, rc, ours, "input '%s': the occupational annuity calculation: %s", ours,
                    message);
}

static int annuity_inputs_to(lsi_calc *k, lsi_kernel *sub, const lsi_ip_case *p)
{
    char month[8];
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof annuity_inputs / sizeof annuity_inputs[0]; i++)
        if (lsi_in_present(k, annuity_inputs[i][0]))
            rc = lsi_kernel_set_text(sub, annuity_inputs[i][1], lsi_in_text(k, annuity_inputs[i][0]));
    lsi_month_format(p->retire_month, month);
    if (rc == 0) rc = lsi_kernel_set_text(sub, "retirement_date", month);
    return rc ? rc : lsi_kernel_set_text(sub, "payout", "monthly");
}

/* Run the `occupational_annuity` kernel on the annuity_* inputs; its steps
 * appear under this one (国办发〔2015〕18号第九条: the monthly annuity). */
static int annuity_from_history(lsi_calc *k, lsi_ip_case *p)
{
    lsi_kernel sub;
    lsi_step(k, occupational_annuity);
    int rc = lsi_kernel_init(&sub, k, &lsi_scheme_occupational_annuity);
    if (rc == 0) rc = annuity_inputs_to(k, &sub, p);
    if (rc == 0) rc = lsi_kernel_run(&sub);
    k->flags |= sub.k.flags;
    if (rc != 0)
        return annuity_error(k, rc);
    const lsi_out *o = lsi_kernel_out(&sub, "monthly_annuity");
    if (!o || o->kind != LSI_OUT_DEC)
        return lsi_fail(k->ctx, LIBSI_EINTERNAL, "annuity_history", "no monthly annuity");
    p->annuity = o->dec;
    lsi_step_result(k, p->annuity);
    return 0;
}

static int annuity(lsi_calc *k, lsi_ip_case *p)
{
    if (lsi_in_present(k, "annuity_history")) {
        if (lsi_in_present(k, "annuity_monthly"))
            return lsi_in_invalid(k, "annuity_monthly", "give either annuity_monthly or "
                                                        "annuity_history, not both");
        return annuity_from_history(k, p);
    }
    p->annuity = LSI_ZERO_FEN;
    if (!lsi_in_present(k, "annuity_monthly"))
        return 0;
    int rc = lsi_in_dec(k, "annuity_monthly", &p->annuity);
    if (rc == 0 && lsi_dec_is_negative(p->annuity))
        rc = lsi_in_invalid(k, "annuity_monthly", "must not be negative");
    return rc ? rc : lsi_check_rule_range(k, "annuity_monthly", p->annuity, NULL,
                                          "institution.salary.max", p->date);
}

/* ------------------------------------------------------------- run */

static const char *const rule_names[] = {"new_method_only", "old_standard_guaranteed",
                                         "excess_share_paid"};

static int outputs(lsi_calc *k, const lsi_ip_case *p)
{
    lsi_dec shown, supplement;
    int rc = lsi_dec_round(p->z, &LSI_ROUND_INDEX_DISPLAY, &shown, NULL);
    if (rc == 0) rc = lsi_dec_sub(p->paid, p->new_total, &supplement);
    const lsi_named_dec out[] = {
        {"average_index", shown}, {"average_index_exact", p->z},
        {"actual_index", p->actual_index}, {"account_balance", p->balance},
        {"calculation_base", p->c}, {"divisor", p->divisor}, {"basic_pension", p->basic},
        {"transitional_pension", p->transitional}, {"account_pension", p->account},
        {"annuity_monthly", p->annuity}, {"new_method_total", p->new_total},
        {"transition_difference", supplement}, {"total", p->paid}};
    const lsi_named_dec old[] = {
        {"old_method_standard", p->old_standard}, {"old_method_percentage", p->percentage},
        {"old_method_factor", p->factor}, {"excess_share", p->share}};
    if (rc == 0) rc = lsi_out_decs(k, out, sizeof out / sizeof out[0]);
    if (rc == 0) rc = lsi_out_text(k, "transition_rule", rule_names[p->rule]);
    return rc == 0 && p->compared ? lsi_out_decs(k, old, sizeof old / sizeof old[0]) : rc;
}

/* 人社部发〔2015〕28号 §三: the transition rule applied to the new-method total */
static int run(lsi_calc *k)
{
    lsi_ip_case p;
    bool eligible = false;
    memset(&p, 0, sizeof p);
    p.divisor = lsi_dec_from_int(0);
    int rc = retirement(k, &p);
    if (rc == 0) rc = reform_scope(k, &p);
    if (rc == 0) rc = minimum_contribution(k, &p);
    if (rc == 0) rc = record(k, &p, &eligible);
    if (rc != 0 || !eligible)
        return rc;
    rc = annuity(k, &p);
    if (rc == 0) rc = calculation_base(k, &p);
    if (rc == 0) rc = lsi_ip_new_method(k, &p);
    if (rc == 0) rc = lsi_ip_transition(k, &p);
    if (rc == 0) rc = outputs(k, &p);
    if (rc == 0) {
        lsi_step(k, institution_total);
        lsi_step_text(k, "rule", rule_names[p.rule]);
        lsi_step_result(k, p.paid);
    }
    return rc;
}

/* -------------------- descriptor (schema: data/schemas/institution.tsv) */

const lsi_scheme lsi_scheme_institution_pension = LSI_SCHEME(institution_pension, run);

/*
 * The formulas of the institution pension (人社部发〔2015〕28号 §三(四), read on a
 * scan of the notice):
 *
 *  new method  = 基础养老金 + 过渡性养老金 + 个人账户养老金 + 职业年金
 *    基础养老金 = C × (1 + Z) / 2 × N × 1 %      (the enterprise kernel, lsi_basic_pension)
 *    Z          = (视同缴费指数 × 视同年限 + 实际平均缴费指数 × 实际年限) / N
 *    过渡性养老金 = C × 视同缴费指数 × 视同年限 × 过渡系数
 *    个人账户养老金 = balance / 计发月数            (the enterprise divisor, lsi_divisor_for_age)
 *  old method  = (A × M + B + C_add) × Π_{n=2015..N} (1 + G_{n−1})
 *  transition  (retirements 2014-10-01 → 2024-09-30, 中人 only): new < old → old
 *              (保持待遇不降低); new ≥ old → old + share × (new − old), share
 *              10 % in the first year up to 100 % in the last (限高).
 *
 * Each component is rounded once to the fen (LSI_ROUND_FEN, as the enterprise
 * components are: agency practice seen on approval forms, conf. M); the sums
 * are of the rounded components.
 */
#include "exact.h"
#include "institution_internal.h"
#include "pension_internal.h"

/* Z over all contribution years, deemed and actual (§三(四)). */
static int average_index(lsi_calc *k, lsi_ip_case *p)
{
    lsi_step(k, average_index);
    lsi_dec a, b, num;
    int rc = lsi_dec_mul(p->deemed_index, lsi_dec_from_int(p->deemed), &a);
    if (rc == 0) rc = lsi_dec_mul(p->actual_index, lsi_dec_from_int(p->months), &b);
    if (rc == 0) rc = lsi_dec_add(a, b, &num);
    if (rc != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "deemed_index", "index out of range");
    lsi_step_value(k, "deemed_index", p->deemed_index);
    lsi_step_value(k, "deemed_months", lsi_dec_from_int(p->deemed));
    lsi_step_value(k, "actual_index", p->actual_index);
    lsi_step_value(k, "actual_months", lsi_dec_from_int(p->months));
    return lsi_step_round_div(k, num, lsi_dec_from_int(p->total_months), &LSI_ROUND_INDEX_CARRY,
                              &p->z);
}

/* The enterprise kernel applies Guangdong's low-index coefficient a below
 * Z = 0.6; the institution text has none (§三(四)): say so when it bites. */
static int basic_pension(lsi_calc *k, lsi_ip_case *p)
{
    int rc = lsi_basic_pension(k, p->date, p->c, p->z, p->total_months, &p->basic);
    lsi_dec t;
    if (rc == 0) rc = lsi_param(k, "pension.low_index_threshold", p->date, &t);
    if (rc == 0 && lsi_dec_cmp(p->z, t) < 0) {
        lsi_step_note(k, "Z below 0.6: the enterprise low-index coefficient applied; whether "
                         "Guangdong applies it to institutions was not found (NF)");
        lsi_step_flag(k, LIBSI_FLAG_LOW_CONFIDENCE);
    }
    return rc;
}

/* 人社部发〔2015〕28号 §三; Guangdong coefficient NF (rule value) */
/* 过渡性养老金 = C × 视同缴费指数 × 视同年限 × 过渡系数, one rounding. */
static int transitional_pension(lsi_calc *k, lsi_ip_case *p)
{
    lsi_step(k, transitional_pension);
    lsi_dec coef, num;
    int rc = lsi_param(k, "institution.transition.coefficient", p->date, &coef);
    if (rc != 0)
        return rc;
    lsi_step_value(k, "C", p->c);
    lsi_step_value(k, "deemed_index", p->deemed_index);
    lsi_step_value(k, "deemed_months", lsi_dec_from_int(p->deemed));
    rc = lsi_dec_mul(p->c, p->deemed_index, &num);
    if (rc == 0) rc = lsi_dec_mul(num, lsi_dec_from_int(p->deemed), &num);
    if (rc == 0) rc = lsi_dec_mul(num, coef, &num);
    if (rc != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "deemed_index", "transitional pension out of range");
    return lsi_step_round_div(k, num, lsi_dec_from_int(12), &LSI_ROUND_FEN, &p->transitional);
}

/* 人社部发〔2015〕28号 §三(四) (balance ÷ 计发月数, the enterprise table of 国发〔2005〕38号 附件) */
static int account_pension(lsi_calc *k, lsi_ip_case *p)
{
    int rc = lsi_divisor_for_age(k, p->date, p->age_months, &p->divisor);
    if (rc != 0)
        return rc;
    lsi_step(k, institution_account_pension);
    lsi_step_value(k, "balance", p->balance);
    lsi_step_value(k, "divisor", p->divisor);
    return lsi_step_round_div(k, p->balance, p->divisor, &LSI_ROUND_FEN, &p->account);
}

/* 人社部发〔2015〕28号 §三(四): 基本养老金 (基础 + 过渡性 + 个人账户) + 职业年金 */
int lsi_ip_new_method(lsi_calc *k, lsi_ip_case *p)
{
    int rc = average_index(k, p);
    if (rc == 0) rc = basic_pension(k, p);
    if (rc == 0) rc = transitional_pension(k, p);
    if (rc == 0) rc = account_pension(k, p);
    if (rc != 0)
        return rc;
    lsi_step(k, new_method_total);
    const lsi_dec parts[] = {p->basic, p->transitional, p->account, p->annuity};
    lsi_step_value(k, "annuity", p->annuity);
    if (lsi_dec_sum(parts, 4, &p->new_total) != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "annuity_monthly", "pension out of range");
    lsi_step_result(k, p->new_total);
    return 0;
}

/* ------------------------------------------------------- old method */

#define YEARS(X) X(35) X(30) X(20) X(15) X(10)
#define PCT_NAME(y) "institution.old_method.percentage.years_" #y,
#define PCT_YEARS(y) y,
static const char *const percentage_names[] = {YEARS(PCT_NAME)};
static const int percentage_years[] = {YEARS(PCT_YEARS)};

/* M by full years of service (国人部发〔2006〕60号 as quoted; < 20 years NF). */
static int percentage(lsi_calc *k, lsi_ip_case *p)
{
    lsi_step(k, old_method_percentage);
    int64_t years = p->service / 12;
    lsi_step_value(k, "service_years", lsi_dec_from_int(years));
    for (size_t i = 0; i < sizeof percentage_years / sizeof percentage_years[0]; i++)
        if (years >= percentage_years[i]) {
            int rc = lsi_param_static(k, percentage_names[i], p->date, &p->percentage);
            if (rc == 0)
                lsi_step_result(k, p->percentage);
            return rc;
        }
    return lsi_in_invalid(k, "service_months", "%lld years of service: no old-method percentage "
                                               "below 10 years was found (NF)", (long long)years);
}

/* Π given by the case (G2016 onwards were not found): a positive factor ≤ 3. */
static int factor_override(lsi_calc *k, lsi_ip_case *p)
{
    int rc = lsi_in_dec(k, "old_method_factor", &p->factor);
    if (rc == 0)
        rc = lsi_check_open_range(k, "old_method_factor", p->factor, 0, 3,
                                  "a product of yearly wage growth factors since 2014");
    if (rc != 0)
        return rc;
    lsi_step_override(k, "override: the case gives Π instead of the rule values G", p->factor);
    return 0;
}

/* 人社部发〔2015〕28号 §三; G2015 = 6 %; G2016 onwards NF: give old_method_factor */
/* Π_{n=2015..N} (1 + G_{n−1}), N the retirement year (2014 Q4 counts as 2015). */
static int indexation(lsi_calc *k, lsi_ip_case *p)
{
    lsi_step(k, old_method_indexation);
    if (lsi_in_present(k, "old_method_factor"))
        return factor_override(k, p);
    int last = p->date / 10000 < 2015 ? 2015 : p->date / 10000;
    p->factor = lsi_dec_from_int(1);
    for (int n = 2015; n <= last; n++) {
        lsi_dec g;
        int rc = lsi_param(k, "institution.old_method.wage_growth", (n - 1) * 10000 + 101, &g);
        if (rc == 0) rc = lsi_dec_add(lsi_dec_from_int(1), g, &g);
        if (rc == 0) rc = lsi_dec_mul(p->factor, g, &p->factor);
        if (rc != 0)
            return rc;
    }
    lsi_step_result(k, p->factor);
    return 0;
}

/* A salary input (A, B, C_add): not negative, below institution.salary.max. */
static int salary_input(lsi_calc *k, const char *name, int date, lsi_dec *v)
{
    int rc = lsi_in_dec(k, name, v);
    if (rc == 0 && lsi_dec_is_negative(*v))
        rc = lsi_in_invalid(k, name, "must not be negative");
    return rc ? rc : lsi_check_rule_range(k, name, *v, NULL, "institution.salary.max", date);
}

/* A, B, C of the old method and its preconditions: the service years and A. */
static int old_method_inputs(lsi_calc *k, const lsi_ip_case *p, lsi_dec *a, lsi_dec *b, lsi_dec *c)
{
    if (!lsi_in_present(k, "basic_salary"))
        return lsi_fail(k->ctx, LIBSI_EINPUT, "basic_salary",
                        "input 'basic_salary' is required: a 中人 retiring in the transition "
                        "(2014-10-01 → 2024-09-30) is compared with the old method, whose "
                        "standard starts from the 2014-09 basic salary (人社部发〔2015〕28号 §三(四))");
    if (p->service < 0)
        return lsi_fail(k->ctx, LIBSI_EINPUT, "service_months",
                        "input 'service_months' (or work_start) is required: the old-method "
                        "percentage goes by the years of service (人社部发〔2015〕28号 §三(四))");
    int rc = salary_input(k, "basic_salary", p->date, a);
    if (rc == 0) rc = salary_input(k, "retirement_subsidy", p->date, b);
    return rc ? rc : salary_input(k, "added_standard", p->date, c);
}

/* 人社部发〔2015〕28号 §三: A = 2014-09 basic salary, M = percentage, B = 2014-09 ... */
static int old_standard(lsi_calc *k, lsi_ip_case *p, lsi_dec a, lsi_dec b, lsi_dec c)
{
    lsi_step(k, old_method_standard);
    lsi_step_value(k, "A", a);
    lsi_step_value(k, "M", p->percentage);
    lsi_step_value(k, "B", b);
    lsi_step_value(k, "C", c);
    lsi_step_value(k, "factor", p->factor);
    lsi_dec sum;
    int rc = lsi_dec_mul(a, p->percentage, &sum);
    if (rc == 0) rc = lsi_dec_add(sum, b, &sum);
    if (rc == 0) rc = lsi_dec_add(sum, c, &sum);
    if (rc == 0) rc = lsi_dec_mul(sum, p->factor, &sum);
    if (rc != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "basic_salary", "old-method standard out of range");
    return lsi_step_round(k, sum, &LSI_ROUND_FEN, &p->old_standard);
}

int lsi_ip_old_method(lsi_calc *k, lsi_ip_case *p)
{
    lsi_dec a, b, c;
    int rc = old_method_inputs(k, p, &a, &b, &c);
    if (rc == 0) rc = percentage(k, p);
    if (rc == 0) rc = indexation(k, p);
    return rc ? rc : old_standard(k, p, a, b, c);
}

/* ------------------------------------------------------- transition */

/* 人社部发〔2015〕28号 §三: new < old → the old standard */
/* The share of the excess and the payment: old + round_fen(share × (new − old)). */
static int compare(lsi_calc *k, lsi_ip_case *p)
{
    lsi_step(k, transition_compare);
    int rc = lsi_param(k, "institution.transition.excess_share", p->date, &p->share);
    if (rc != 0)
        return rc;
    lsi_step_value(k, "new_method", p->new_total);
    lsi_step_value(k, "old_method", p->old_standard);
    if (lsi_dec_cmp(p->new_total, p->old_standard) < 0) {
        p->rule = LSI_IP_RULE_GUARANTEE;
        p->paid = p->old_standard;
        lsi_step_text(k, "rule", "old standard guaranteed (保低)");
        lsi_step_result(k, p->paid);
        return 0;
    }
    lsi_dec excess, part;
    p->rule = LSI_IP_RULE_SHARE;
    lsi_step_text(k, "rule", "excess paid at the year's share (限高)");
    rc = lsi_dec_sub(p->new_total, p->old_standard, &excess);
    if (rc == 0) rc = lsi_dec_mul_round(excess, p->share, &LSI_ROUND_FEN, &part, NULL);
    if (rc == 0) rc = lsi_dec_add(p->old_standard, part, &p->paid);
    if (rc != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "basic_salary", "pension out of range");
    lsi_step_value(k, "excess", excess);
    lsi_step_value(k, "share_of_excess_paid", part);
    lsi_step_text(k, "rounding", LSI_ROUND_FEN.name);
    lsi_step_result(k, p->paid);
    return 0;
}

/* 人社部发〔2015〕28号 §三: 中人 retiring 2014-10-01 → 2024-09-30 are compared with the ... */
int lsi_ip_transition(lsi_calc *k, lsi_ip_case *p)
{
    lsi_dec guarantee;
    lsi_step(k, transition_rule);
    int rc = lsi_param(k, "institution.transition.guarantee", p->date, &guarantee);
    if (rc != 0)
        return rc;
    lsi_step_text(k, "category", p->middle ? "中人 (started work before 2014-10-01)"
                                           : "新人 (started work from 2014-10-01)");
    p->compared = p->middle && !lsi_dec_is_zero(guarantee);
    lsi_step_text(k, "compared", p->compared ? "true" : "false");
    if (!p->compared) {
        p->rule = LSI_IP_RULE_NEW_ONLY;
        p->paid = p->new_total;
        lsi_step_result(k, p->paid);
        return 0;
    }
    rc = lsi_ip_old_method(k, p);
    return rc ? rc : compare(k, p);
}

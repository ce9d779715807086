/*
 * Staying in the residents' pension or moving to the employee pension as a
 * flexible worker (灵活就业人员), for one person — the comparison Guangzhou's
 * 2024 plan wants residents to see ("推动更多城乡居民主动参加职保").
 *
 * Both sides at the rules in force on the switch date (no future raises, no
 * interest on either account: a comparison at today's values, said in the
 * trace):
 *
 *  stay:   the residents' grade every year until 60 (国发〔2014〕8号 第九条);
 *          the `resident_pension` calculation on the years and the balance
 *          grown by grade + subsidy each year; cost = years × grade.
 *  switch: contributions as a flexible worker at `base` from the switch month
 *          to the statutory retirement month (国务院《关于渐进式延迟法定退休年龄
 *          的办法》第一条), 20 % of the base (pension.rate.flexible, 国发〔2005〕
 *          38号), 8 % to the account; the residents' account is carried over,
 *          its years are not (人社部 财政部《城乡养老保险制度衔接暂行办法》
 *          人社部发〔2014〕17号 第五条); the `pension` calculation (kernel) gives
 *          the pension, with the latest 计发基数 carried forward.
 *  index:  base ÷ (ceiling ÷ 3): the band ceiling is 300 % of the provincial
 *          average wage (国办发〔2019〕13号 §三), so ceiling ÷ 3 is that wage.
 *  recover: (extra cost + the residents' pension forgone until the employee
 *          pension starts) ÷ (12 × monthly gain), years to 0.1 (LSI_ROUND_TENTH).
 */
#include <stdio.h>
#include <string.h>

#include "pension_internal.h"
#include "resident_internal.h"
#include "retirement_age.h"

typedef struct switch_case {
    int switch_month, date, stay_years_left, emp_months, res_start, emp_start;
    int64_t resident_years, prior_months;
    lsi_dec balance, base, index, res_cost, res_pension, emp_cost, emp_account, emp_pension;
    bool emp_eligible, res_eligible;
} switch_case;

static const lsi_dec ZERO = {0, 0};

/* The given inputs the sub-calculations share: place and rule options. */
static int shared_inputs(lsi_calc *k, lsi_kernel *sub)
{
    int rc = lsi_kernel_set_text(sub, "city", lsi_in_text(k, "city"));
    if (rc == 0 && lsi_in_present(k, "known_on"))
        rc = lsi_kernel_set_text(sub, "known_on", lsi_in_text(k, "known_on"));
    if (rc == 0)
        rc = lsi_kernel_set_text(sub, "birth_date", lsi_in_text(k, "birth_date"));
    return rc;
}

static int kernel_dec(lsi_kernel *sub, const char *name, lsi_dec *out)
{
    const lsi_out *o = lsi_kernel_out(sub, name);
    *out = o && o->kind == LSI_OUT_DEC ? o->dec : ZERO;
    return 0;
}

/* ------------------------------------------------------------- stay */

/* Whole years from the switch month to the month of the pension-age birthday. */
static int stay_years(lsi_calc *k, switch_case *s)
{
    int birth;
    lsi_dec age;
    int64_t years = 0;
    int rc = lsi_in_date(k, "birth_date", &birth);
    if (rc == 0) rc = lsi_param(k, "resident.pension_age", s->date, &age);
    if (rc == 0) rc = lsi_dec_to_int64(age, &years);
    int month = lsi_date_month_index(birth) + (int)years * 12;
    s->stay_years_left = month > s->switch_month ? (month - s->switch_month) / 12 : 0;
    return rc;
}

/* The years, balance and cost of staying: grade + subsidy every year to 60. */
static int stay_contributions(lsi_calc *k, switch_case *s, lsi_dec *balance)
{
    int64_t grade;
    int count;
    lsi_dec amount, subsidy, per_year, added;
    int rc = lsi_in_int(k, "grade", &grade);
    if (rc == 0) rc = lsi_resident_grade_count(k, s->date, &count);
    if (rc == 0 && (grade < 1 || grade > count))
        return lsi_in_invalid(k, "grade", "must be 1 to %d: the table in force has %d grades",
                              count, count);
    if (rc == 0) rc = stay_years(k, s);
    if (rc == 0) rc = lsi_resident_grade(k, s->date, (int)grade, &amount, &subsidy);
    if (rc == 0) rc = lsi_dec_add(amount, subsidy, &per_year);
    if (rc == 0) rc = lsi_dec_mul(per_year, lsi_dec_from_int(s->stay_years_left), &added);
    if (rc == 0) rc = lsi_dec_mul(amount, lsi_dec_from_int(s->stay_years_left), &s->res_cost);
    if (rc == 0) rc = lsi_dec_add(s->balance, added, balance);
    lsi_step_value(k, "years_left_to_60", lsi_dec_from_int(s->stay_years_left));
    return rc;
}

/* 国发〔2014〕8号 第四条–第九条; the resident_pension calculation below */
static int stay_in_scheme(lsi_calc *k, switch_case *s)
{
    lsi_step(k, stay_resident);
    lsi_step_note(k, "a comparison at the rules of the switch date: no future raises, no interest");
    lsi_dec balance;
    lsi_kernel sub;
    int rc = stay_contributions(k, s, &balance);
    if (rc == 0) rc = lsi_kernel_init(&sub, k, &lsi_scheme_resident_pension);
    if (rc == 0) rc = shared_inputs(k, &sub);
    if (rc == 0) rc = lsi_kernel_set_dec(&sub, "contribution_years",
                                         lsi_dec_from_int(s->resident_years + s->stay_years_left));
    if (rc == 0) rc = lsi_kernel_set_dec(&sub, "account_balance", balance);
    if (rc == 0) rc = lsi_kernel_run(&sub);
    if (rc != 0)
        return rc;
    kernel_dec(&sub, "total", &s->res_pension);
    const lsi_out *first = lsi_kernel_out(&sub, "first_month");
    s->res_start = first ? first->month : 0;
    s->res_eligible = lsi_kernel_out(&sub, "total") != NULL;
    k->flags |= sub.k.flags;
    lsi_step_result(k, s->res_pension);
    return 0;
}

/* ----------------------------------------------------------- switch */

/* 国务院《关于渐进式延迟法定退休年龄的办法》第一条 (statutory age) */
static int employee_period(lsi_calc *k, switch_case *s)
{
    lsi_step(k, employee_period);
    lsi_retirement_age age;
    int rc = lsi_in_retirement(k, &age, NULL);
    if (rc != 0)
        return rc;
    s->emp_months = age.month_index - s->switch_month;
    s->emp_start = age.month_index;
    if (s->emp_months <= 0)
        return lsi_in_invalid(k, "switch_date", "at or after the statutory retirement month");
    lsi_step_month(k, "statutory_retirement_month", age.month_index);
    lsi_step_result(k, lsi_dec_from_int(s->emp_months));
    return 0;
}

/* 粤人社发〔2025〕32号 §一; 国办发〔2019〕13号 §三 */
static int base_index(lsi_calc *k, switch_case *s)
{
    lsi_step(k, contribution_index);
    lsi_dec floor, ceiling, avg;
    int rc = lsi_param(k, "pension.contribution_base.floor", s->date, &floor);
    if (rc == 0) rc = lsi_param(k, "pension.contribution_base.ceiling", s->date, &ceiling);
    if (rc != 0)
        return rc;
    if (lsi_dec_cmp(s->base, floor) < 0 || lsi_dec_cmp(s->base, ceiling) > 0) {
        char b[LIBSI_DECIMAL_MAX + 1], f[LIBSI_DECIMAL_MAX + 1], c[LIBSI_DECIMAL_MAX + 1];
        lsi_dec_format(s->base, b);
        lsi_dec_format(floor, f);
        lsi_dec_format(ceiling, c);
        return lsi_fail(k->ctx, LIBSI_ERANGE, "base", "input 'base' = %s is outside the "
                        "contribution band %s–%s 元/月 in force on the switch date", b, f, c);
    }
    rc = lsi_dec_div_round(ceiling, lsi_dec_from_int(3), &LSI_ROUND_EXACT_12, &avg, NULL);
    return rc ? rc : lsi_step_round_div(k, s->base, avg, &LSI_ROUND_INDEX_CARRY, &s->index);
}

static int average_index(lsi_calc *k, switch_case *s, lsi_dec *avg)
{
    if (s->prior_months == 0) {
        *avg = s->index;
        return 0;
    }
    lsi_dec prior, a, b;
    int rc = lsi_in_present(k, "employee_average_index")
                 ? lsi_in_dec(k, "employee_average_index", &prior)
                 : (prior = s->index, 0);
    if (rc == 0) rc = lsi_dec_mul(prior, lsi_dec_from_int(s->prior_months), &a);
    if (rc == 0) rc = lsi_dec_mul(s->index, lsi_dec_from_int(s->emp_months), &b);
    if (rc == 0) rc = lsi_dec_add(a, b, &a);
    return rc ? rc : lsi_dec_div_round(a, lsi_dec_from_int(s->prior_months + s->emp_months),
                                       &LSI_ROUND_INDEX_CARRY, avg, NULL);
}

/* 国发〔2005〕38号; 人社部发〔2014〕17号 第五条 */
static int employee_cost(lsi_calc *k, switch_case *s)
{
    lsi_step(k, employee_cost);
    lsi_dec rate, acc, monthly, monthly_acc;
    int rc = lsi_param(k, "pension.rate.flexible", s->date, &rate);
    if (rc == 0) rc = lsi_param(k, "pension.rate.flexible_account", s->date, &acc);
    if (rc == 0) rc = lsi_dec_mul_round(s->base, rate, &LSI_ROUND_FEN, &monthly, NULL);
    if (rc == 0) rc = lsi_dec_mul_round(s->base, acc, &LSI_ROUND_FEN, &monthly_acc, NULL);
    if (rc == 0) rc = lsi_dec_mul(monthly, lsi_dec_from_int(s->emp_months), &s->emp_cost);
    if (rc == 0) rc = lsi_dec_mul(monthly_acc, lsi_dec_from_int(s->emp_months), &s->emp_account);
    if (rc == 0) rc = lsi_dec_add(s->emp_account, s->balance, &s->emp_account);
    lsi_step_value(k, "monthly_contribution", monthly);
    lsi_step_value(k, "account_balance", s->emp_account);
    lsi_step_result(k, s->emp_cost);
    return rc;
}

/* 国发〔2005〕38号 and the documents cited in its steps below */
static int employee_pension(lsi_calc *k, switch_case *s)
{
    lsi_step(k, employee_pension);
    lsi_dec avg;
    lsi_kernel sub;
    int rc = average_index(k, s, &avg);
    if (rc == 0) rc = lsi_kernel_init(&sub, k, &lsi_scheme_pension);
    if (rc == 0) rc = shared_inputs(k, &sub);
    if (rc == 0) rc = lsi_kernel_set_text(&sub, "retirement_group",
                                          lsi_in_text(k, "retirement_group"));
    if (rc == 0) rc = lsi_kernel_set_dec(&sub, "contribution_months",
                                         lsi_dec_from_int(s->prior_months + s->emp_months));
    if (rc == 0) rc = lsi_kernel_set_dec(&sub, "average_index", avg);
    if (rc == 0) rc = lsi_kernel_set_dec(&sub, "account_balance", s->emp_account);
    if (rc == 0) rc = lsi_kernel_set_text(&sub, "carry_forward", "true");
    if (rc == 0) rc = lsi_kernel_run(&sub);
    if (rc == 0) rc = kernel_dec(&sub, "total", &s->emp_pension);
    s->emp_eligible = rc == 0 && lsi_kernel_out(&sub, "total") != NULL;
    k->flags |= sub.k.flags;
    lsi_step_result(k, s->emp_pension);
    return rc;
}

/* ------------------------------------------------------- comparison */

/* arithmetic on the two pensions above (no discounting) */
static int recovery(lsi_calc *k, switch_case *s, lsi_dec *extra, lsi_dec *gain, lsi_dec *forgone,
                    lsi_dec *years, bool *recovers)
{
    lsi_step(k, recovery);
    int gap = s->emp_start + 1 - s->res_start;
    int rc = lsi_dec_sub(s->emp_cost, s->res_cost, extra);
    if (rc == 0) rc = lsi_dec_sub(s->emp_pension, s->res_pension, gain);
    if (rc == 0) rc = lsi_dec_mul(s->res_pension, lsi_dec_from_int(gap > 0 ? gap : 0), forgone);
    *recovers = rc == 0 && !lsi_dec_is_negative(*gain) && !lsi_dec_is_zero(*gain);
    if (rc != 0 || !*recovers) {
        lsi_step_note(k, "the employee pension is not higher: the extra cost is not recovered");
        return rc;
    }
    lsi_dec num, den;
    rc = lsi_dec_add(*extra, *forgone, &num);
    if (rc == 0) rc = lsi_dec_mul(*gain, lsi_dec_from_int(12), &den);
    return rc ? rc : lsi_step_round_div(k, num, den, &LSI_ROUND_TENTH, years);
}

static int outputs(lsi_calc *k, switch_case *s)
{
    lsi_dec extra, gain, forgone, years;
    bool recovers;
    int rc = recovery(k, s, &extra, &gain, &forgone, &years, &recovers);
    if (rc == 0) rc = lsi_out_bool(k, "resident_eligible", s->res_eligible);
    if (rc == 0 && s->res_start) rc = lsi_out_month(k, "resident_first_month", s->res_start);
    if (rc == 0) rc = lsi_out_bool(k, "employee_eligible", s->emp_eligible);
    if (rc == 0) rc = lsi_out_month(k, "employee_retirement_month", s->emp_start);
    if (rc == 0 && recovers) rc = lsi_out_dec(k, "years_to_recover", years);
    if (rc != 0)
        return rc;
    const lsi_named_dec out[] = {
        {"resident_pension", lsi_resident_fen(s->res_pension)},
        {"resident_cost", lsi_resident_fen(s->res_cost)},
        {"employee_pension", lsi_resident_fen(s->emp_pension)},
        {"employee_months", lsi_dec_from_int(s->emp_months)},
        {"employee_cost", lsi_resident_fen(s->emp_cost)}, {"average_index", s->index},
        {"extra_cost", lsi_resident_fen(extra)}, {"monthly_gain", lsi_resident_fen(gain)},
        {"resident_pension_forgone", lsi_resident_fen(forgone)}};
    return lsi_out_decs(k, out, sizeof out / sizeof out[0]);
}

static int read_case(lsi_calc *k, switch_case *s)
{
    int rc = lsi_in_month(k, "switch_date", &s->switch_month);
    if (rc == 0) rc = lsi_in_dec(k, "base", &s->base);
    if (rc == 0) rc = lsi_in_dec(k, "account_balance", &s->balance);
    if (rc == 0) rc = lsi_in_int(k, "resident_years", &s->resident_years);
    if (rc == 0) rc = lsi_in_int(k, "employee_months", &s->prior_months);
    if (rc != 0)
        return rc;
    s->date = lsi_month_first_day(s->switch_month);
    rc = lsi_check_open_range(k, "resident_years", lsi_dec_from_int(s->resident_years), -1, 44,
                              "from 16 (国发〔2014〕8号 第三条) to 60 (第九条)");
    if (rc == 0) rc = lsi_check_career_months(k, "employee_months", s->prior_months, s->date);
    if (rc == 0 && (lsi_dec_is_negative(s->balance) || s->prior_months < 0))
        rc = lsi_in_invalid(k, lsi_dec_is_negative(s->balance) ? "account_balance"
                                                              : "employee_months",
                            "must not be negative");
    return rc ? rc : lsi_check_rule_range(k, "account_balance", s->balance, NULL,
                                          "resident.account_balance.max", s->date);
}

static int run(lsi_calc *k)
{
    switch_case s;
    memset(&s, 0, sizeof s);
    int rc = read_case(k, &s);
    if (rc == 0) rc = stay_in_scheme(k, &s);
    if (rc == 0) rc = employee_period(k, &s);
    if (rc == 0) rc = base_index(k, &s);
    if (rc == 0) rc = employee_cost(k, &s);
    if (rc == 0) rc = employee_pension(k, &s);
    return rc ? rc : outputs(k, &s);
}

/* The schema (name, description, fields): data/schemas/resident.tsv. */
const lsi_scheme lsi_scheme_scheme_switch = LSI_SCHEME(scheme_switch, run);

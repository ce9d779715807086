/*
 * The residents' pension (城乡居民基本养老保险待遇) of one person:
 *
 *  国发〔2014〕8号 第九条: paid from 60 (resident.pension_age) to those with 15
 *           years of contributions (resident.minimum_years); those already
 *           60 when the scheme started need no contributions; those with less
 *           than 15 years to go pay every year until 60 (补缴 allowed, total
 *           at most 15 years); the others need 15 years.
 *  第七条:   pension = basic pension (基础养老金) + account pension; the
 *           basic pension is at least the national minimum; provinces and
 *           cities raise it and add for long contributors (长缴多得).
 *  第八条:   account pension = account balance ÷ 139.
 *  《广东省城乡居民基本养老保险实施办法》: +3 元/月 per year beyond 15 (the 2023
 *           provincial Q&A: 不少于3元); +10 元/月 from the month after the 65th
 *           birthday (old 办法, L); the 老区 supplement (肇庆 plan; amount not
 *           found: given by the case).
 *
 * Rounding: the account pension to the fen, half-up (LSI_ROUND_FEN); the
 * other components are whole yuan in the rule data.
 */
#include <stdio.h>
#include <string.h>

#include "resident_internal.h"

typedef struct resident_case {
    int birth, start_month, pay_month, date; /* date: first day of pay_month */
    int64_t age, years, back_paid, required;
    lsi_dec balance, basic, long_supp, age65, old_area, account, divisor, total, national;
    bool eligible;
} resident_case;

/* ------------------------------------------------------------ steps */

/* 第九条: paid from the month after the 60th birthday (从年满60周岁的次月起).
 * The age rule is read on the month asked for, else on the month after the
 * 60th birthday (the rule has said 60 since 国发〔2014〕8号). */
static int pension_start(lsi_calc *k, resident_case *p)
{
    lsi_step(k, pension_start);
    lsi_dec age;
    bool asked = lsi_in_present(k, "payment_month");
    int rc = asked ? lsi_in_month(k, "payment_month", &p->pay_month) : 0;
    if (!asked)
        p->pay_month = lsi_date_month_index(p->birth) + 60 * 12 + 1;
    if (rc == 0) rc = lsi_param(k, "resident.pension_age", lsi_month_first_day(p->pay_month), &age);
    if (rc == 0) rc = lsi_dec_to_int64(age, &p->age);
    if (rc != 0)
        return rc;
    p->start_month = lsi_date_month_index(p->birth) + (int)p->age * 12 + 1;
    if (!asked)
        p->pay_month = p->start_month;
    if (p->pay_month < p->start_month) {
        char m[8];
        lsi_month_format(p->start_month, m);
        return lsi_in_invalid(k, "payment_month", "before the first pension month %s", m);
    }
    p->date = lsi_month_first_day(p->pay_month);
    lsi_step_month(k, "first_month", p->start_month);
    lsi_step_month(k, "payment_month", p->pay_month);
    return 0;
}

/* Whole years from `from` (YYYYMMDD) to the pension-age birthday. */
static int64_t years_to_age(const resident_case *p, int from)
{
    int b = p->birth, by = b / 10000 + (int)p->age;
    int64_t y = by - from / 10000;
    if (from % 10000 > b % 10000)
        y--; /* the birthday of that year is after the date */
    return y;
}

/* resident.minimum_years (第九条: 15) as a count, read in the current step. */
static int minimum_years(lsi_calc *k, const resident_case *p, int64_t *years)
{
    lsi_dec min;
    int rc = lsi_param(k, "resident.minimum_years", p->date, &min);
    return rc ? rc : lsi_dec_to_int64(min, years);
}

/* 第九条 (transition): the years required depend on the age at the start. */
static int required_years(lsi_calc *k, resident_case *p)
{
    lsi_step(k, required_years);
    int64_t min_years;
    int rc = minimum_years(k, p, &min_years);
    if (rc != 0)
        return rc;
    p->required = min_years;
    if (lsi_in_present(k, "scheme_start_date")) {
        int start;
        rc = lsi_in_date(k, "scheme_start_date", &start);
        int64_t to_go = rc == 0 ? years_to_age(p, start) : 0;
        p->required = to_go <= 0 ? 0 : to_go < min_years ? to_go : min_years;
        lsi_step_value(k, "years_to_60_at_start", lsi_dec_from_int(to_go < 0 ? 0 : to_go));
    }
    if (rc == 0 && p->back_paid > 0 && p->required == min_years)
        return lsi_in_invalid(k, "back_paid_years", "补缴 is allowed only to those with less "
                                                    "than %lld years to go at the scheme's "
                                                    "start (give scheme_start_date)",
                              (long long)min_years);
    lsi_step_result(k, lsi_dec_from_int(p->required));
    return rc;
}

/* 国发〔2014〕8号 第九条 */
static int eligibility(lsi_calc *k, resident_case *p)
{
    lsi_step(k, resident_eligibility);
    p->eligible = p->years >= p->required;
    lsi_step_value(k, "contribution_years", lsi_dec_from_int(p->years));
    lsi_step_text(k, "eligible", p->eligible ? "true" : "false");
    return 0;
}

/* 国发〔2014〕8号 第七条; 《广东省城乡居民基本养老保险实施办法》 and the provincial notices; city standard */
static int basic_pension(lsi_calc *k, resident_case *p)
{
    lsi_step(k, resident_basic_pension);
    lsi_dec standard;
    int rc = lsi_param(k, "resident.basic_pension.standard", p->date, &standard);
    if (rc == 0) rc = lsi_param(k, "resident.basic_pension.national_minimum", p->date,
                                &p->national);
    if (rc != 0)   /* standard / national are unset: never compare them */
        return rc;
    p->basic = lsi_dec_max(standard, p->national);
    if (lsi_dec_cmp(standard, p->national) < 0)
        lsi_step_note(k, "the local standard is below the national minimum: the minimum applies");
    lsi_step_result(k, p->basic);
    return 0;
}

/* 国发〔2014〕8号 第七条; 《广东省城乡居民基本养老保险实施办法》 */
/* 长缴多得: per whole year beyond the minimum years. */
static int long_contribution(lsi_calc *k, resident_case *p)
{
    lsi_step(k, long_contribution_supplement);
    lsi_dec per;
    int64_t min_years;
    int rc = minimum_years(k, p, &min_years);
    if (rc == 0) rc = lsi_param(k, "resident.supplement.per_year_beyond", p->date, &per);
    int64_t beyond = rc == 0 && p->years > min_years ? p->years - min_years : 0;
    if (rc == 0) rc = lsi_dec_mul(per, lsi_dec_from_int(beyond), &p->long_supp);
    lsi_step_value(k, "years_beyond", lsi_dec_from_int(beyond));
    lsi_step_result(k, p->long_supp);
    return rc;
}

/* +10 from the month after the 65th birthday (old 办法). */
static int age_65(lsi_calc *k, resident_case *p)
{
    int from = lsi_date_month_index(p->birth) + 65 * 12 + 1;
    p->age65 = lsi_dec_from_int(0);
    if (p->pay_month < from)
        return 0;
    lsi_step(k, age_65_supplement);
    int rc = lsi_param(k, "resident.supplement.age_65", p->date, &p->age65);
    lsi_step_result(k, p->age65);
    return rc;
}

/* 肇庆市人力资源和社会保障事业发展“十四五”规划; amount not found: the case gives old_area_supplement */
static int old_area(lsi_calc *k, resident_case *p)
{
    bool on;
    p->old_area = lsi_dec_from_int(0);
    lsi_in_bool(k, "old_area", &on); /* always 0: a bool has a default (calc.c) */
    if (!on)
        return 0;
    lsi_step(k, old_area_supplement);
    int rc = lsi_param_or_input(k, "resident.supplement.old_area", p->date, "old_area_supplement",
                                &p->old_area);
    lsi_step_result(k, p->old_area);
    return rc;
}

/* 国发〔2014〕8号 第八条 (个人账户全部储存额除以139) */
static int account_pension(lsi_calc *k, resident_case *p)
{
    lsi_step(k, resident_account_pension);
    int rc = lsi_param(k, "resident.divisor.age_60", p->date, &p->divisor);
    lsi_step_value(k, "balance", p->balance);
    return rc ? rc : lsi_step_round_div(k, p->balance, p->divisor, &LSI_ROUND_FEN, &p->account);
}

/* 国发〔2014〕8号 第七条 */
static int total(lsi_calc *k, resident_case *p)
{
    lsi_step(k, resident_total);
    lsi_dec t;
    int rc = lsi_dec_add(p->basic, p->long_supp, &t);
    if (rc == 0) rc = lsi_dec_add(t, p->age65, &t);
    if (rc == 0) rc = lsi_dec_add(t, p->old_area, &t);
    if (rc == 0) rc = lsi_dec_add(t, p->account, &p->total);
    lsi_step_result(k, p->total);
    return rc;
}

/* ---------------------------------------------------------------- run */

/* 国发〔2014〕8号 第六条; the resident_account calculation below */
/* A yearly history instead of the two figures: the `resident_account`
 * calculation gives the balance at the end of the history's last year and
 * the years it holds; its steps appear under this one. */
static int account_from_history(lsi_calc *k, resident_case *p)
{
    lsi_step(k, account_from_history);
    lsi_kernel sub;
    int rc = lsi_kernel_init(&sub, k, &lsi_scheme_resident_account);
    if (rc == 0) rc = lsi_kernel_set_text(&sub, "city", lsi_in_text(k, "city"));
    if (rc == 0) rc = lsi_kernel_set_text(&sub, "history", lsi_in_text(k, "history"));
    if (rc == 0 && lsi_in_present(k, "known_on"))
        rc = lsi_kernel_set_text(&sub, "known_on", lsi_in_text(k, "known_on"));
    if (rc == 0) rc = lsi_kernel_run(&sub);
    const lsi_out *years = rc == 0 ? lsi_kernel_out(&sub, "contribution_years") : NULL;
    const lsi_out *balance = rc == 0 ? lsi_kernel_out(&sub, "balance") : NULL;
    if (rc == 0 && (!years || !balance))
        return lsi_fail(k->ctx, LIBSI_EINTERNAL, "history", "the account gave no balance");
    if (rc == 0) rc = lsi_dec_to_int64(years->dec, &p->years);
    p->balance = rc == 0 ? balance->dec : p->balance;
    k->flags |= sub.k.flags;
    lsi_step_result(k, p->balance);
    return rc;
}

/* The two figures, or the history (not both). */
static int record_inputs(lsi_calc *k, resident_case *p)
{
    bool years = lsi_in_present(k, "contribution_years");
    bool balance = lsi_in_present(k, "account_balance");
    if (lsi_in_present(k, "history"))
        return years || balance ? lsi_in_invalid(k, "history", "give the history or "
                                                 "contribution_years and account_balance, "
                                                 "not both")
                                : account_from_history(k, p);
    if (!years || !balance)
        return lsi_in_invalid(k, years ? "account_balance" : "contribution_years",
                              "required (or give the history)");
    int rc = lsi_in_int(k, "contribution_years", &p->years);
    return rc ? rc : lsi_in_dec(k, "account_balance", &p->balance);
}

static int read_case(lsi_calc *k, resident_case *p)
{
    int rc = lsi_in_date(k, "birth_date", &p->birth);
    if (rc == 0) rc = lsi_in_int(k, "back_paid_years", &p->back_paid);
    if (rc == 0) rc = record_inputs(k, p);
    if (rc != 0)
        return rc;
    /* 第三条: residents join from 16, so at most 44 years by 60. */
    rc = lsi_check_open_range(k, "contribution_years", lsi_dec_from_int(p->years), -1, 44,
                              "from 16 (国发〔2014〕8号 第三条) to 60 (第九条)");
    if (rc == 0 && (p->back_paid < 0 || p->back_paid > p->years))
        rc = lsi_in_invalid(k, "back_paid_years", "must be 0 to contribution_years");
    if (rc == 0 && lsi_dec_is_negative(p->balance))
        rc = lsi_in_invalid(k, "account_balance", "must not be negative");
    return rc;
}

static int outputs(lsi_calc *k, const resident_case *p)
{
    const lsi_named_dec years[] = {
        {"required_years", lsi_dec_from_int(p->required)},
        {"years_short", lsi_dec_from_int(p->eligible ? 0 : p->required - p->years)}};
    int rc = lsi_out_bool(k, "eligible", p->eligible);
    if (rc == 0) rc = lsi_out_decs(k, years, sizeof years / sizeof years[0]);
    if (rc == 0) rc = lsi_out_month(k, "first_month", p->start_month);
    if (rc != 0 || !p->eligible)
        return rc;
    const lsi_named_dec out[] = {
        {"basic_pension", lsi_resident_fen(p->basic)},
        {"national_minimum", lsi_resident_fen(p->national)},
        {"long_contribution_supplement", lsi_resident_fen(p->long_supp)},
        {"age_65_supplement", lsi_resident_fen(p->age65)},
        {"old_area_supplement", lsi_resident_fen(p->old_area)},
        {"account_pension", p->account}, {"divisor", p->divisor},
        {"total", lsi_resident_fen(p->total)}};
    return lsi_out_decs(k, out, sizeof out / sizeof out[0]);
}

static int run(lsi_calc *k)
{
    resident_case p;
    memset(&p, 0, sizeof p);
    int rc = read_case(k, &p);
    if (rc == 0) rc = pension_start(k, &p);
    if (rc == 0) rc = lsi_check_rule_range(k, "account_balance", p.balance, NULL,
                                           "resident.account_balance.max", p.date);
    if (rc == 0) rc = required_years(k, &p);
    if (rc == 0) rc = eligibility(k, &p);
    if (rc != 0 || !p.eligible)
        return rc ? rc : outputs(k, &p);
    rc = basic_pension(k, &p);
    if (rc == 0) rc = long_contribution(k, &p);
    if (rc == 0) rc = age_65(k, &p);
    if (rc == 0) rc = old_area(k, &p);
    if (rc == 0) rc = account_pension(k, &p);
    if (rc == 0) rc = total(k, &p);
    return rc ? rc : outputs(k, &p);
}

/* The schema (name, description, fields): data/schemas/resident.tsv. */
const lsi_scheme lsi_scheme_resident_pension = LSI_SCHEME(resident_pension, run);

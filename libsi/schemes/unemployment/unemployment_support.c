/*
 * Unemployment insurance: the other payments of the fund.
 *
 *  `unemployment_death`  《广东省失业保险条例》第二十一条 (H): a claimant who
 *      dies while on benefit: funeral subsidy 3 × and survivors' payment 6 ×
 *      the claim city's previous-year average monthly wage (在岗职工).
 *  `job_stabilisation_refund` (稳岗返还; the year's national notice:
 *      人社部发〔2022〕23号 第一条, 人社部发〔2024〕40号 第二条, 《关于延续实施
 *      失业保险稳岗惠民政策措施的通知》(2025) 第一条; 2023's notice not found):
 *      firms that paid in full for ≥ 12 months and laid off nobody, or at most
 *      the surveyed-unemployment control target (5.5 %), or — with ≤ 30 insured
 *      — at most 20 %, get back up to 30 % (large) or 60 % (small and medium;
 *      2022: 90 %, Guangdong large 50 %) of the premiums they and their
 *      employees paid. The rates and conditions are rule data, by year.
 *  `skill_subsidy` (技能提升补贴; 人社部发〔2017〕40号, national caps H;
 *      Guangdong amounts and contribution condition NF): by certificate level,
 *      when the contribution period of the rule data is met.
 */
#include <stdio.h>
#include <string.h>

#include "calc_internal.h"
#include "retirement_age.h"

/* ------------------------------------------------------------- death */

/* An average wage given instead of the rule data: positive, and below the
 * plausibility ceiling wage.average_monthly.max (rule data). */
static int plausible_wage(lsi_calc *k, const char *input, lsi_dec wage, int date)
{
    int rc = lsi_check_positive(k, input, wage, "an average wage is a positive amount");
    return rc ? rc : lsi_check_rule_range(k, input, wage, NULL, "wage.average_monthly.max", date);
}

/* 第二十一条: the claim city's 在岗职工 average monthly wage of the year
 * before the death (not in the rule data yet: the input may give it). */
static int city_wage(lsi_calc *k, int date, lsi_dec *wage)
{
    lsi_step(k, city_average_wage);
    int prev = lsi_previous_year(date);
    int rc = lsi_param_or_input(k, "wage.city_average_monthly", prev, "city_average_wage", wage);
    if (rc == 0 && lsi_in_present(k, "city_average_wage"))
        rc = plausible_wage(k, "city_average_wage", *wage, date);
    if (rc == 0)
        lsi_step_result(k, *wage);
    return rc;
}

/* The benefit of the month of death, 90 % of that month's minimum wage
 * (第十九条), paid with the death payments (第二十一条). */
static int death_month_benefit(lsi_calc *k, int date, lsi_dec *out)
{
    lsi_step(k, death_month_benefit);
    lsi_dec wage;
    int rc = lsi_param(k, "minimum_wage.monthly", date, &wage);
    return rc ? rc : lsi_step_times_rule(k, wage, "unemployment.benefit.rate", date, out);
}

/* 第二十一条: the funeral subsidy, months of the city's wage. */
static int funeral_subsidy(lsi_calc *k, lsi_dec wage, int date, lsi_dec *out)
{
    lsi_step(k, unemployment_funeral_subsidy);
    return lsi_step_times_rule(k, wage, "unemployment.death.funeral_months", date, out);
}

/* 第二十一条: the survivors' payment, months of the city's wage. */
static int survivor_payment(lsi_calc *k, lsi_dec wage, int date, lsi_dec *out)
{
    lsi_step(k, unemployment_survivor_payment);
    return lsi_step_times_rule(k, wage, "unemployment.death.survivor_months", date, out);
}

static int run_death(lsi_calc *k)
{
    int date;
    lsi_dec wage, funeral, survivors, month, total;
    int rc = lsi_in_date(k, "death_date", &date);
    if (rc == 0) rc = city_wage(k, date, &wage);
    if (rc == 0) rc = funeral_subsidy(k, wage, date, &funeral);
    if (rc == 0) rc = survivor_payment(k, wage, date, &survivors);
    if (rc == 0) rc = death_month_benefit(k, date, &month);
    if (rc == 0) rc = lsi_dec_add(funeral, survivors, &total);
    const lsi_named_dec out[] = {{"funeral_subsidy", funeral}, {"survivor_payment", survivors},
                                 {"total", total}, {"death_month_benefit", month}};
    return rc ? rc : lsi_out_decs(k, out, sizeof out / sizeof out[0]);
}

/* ----------------------------------------------------------- refund */

typedef struct firm {
    int date;
    int size; /* 0 large, 1 small and medium */
    int64_t insured, layoffs, months_paid;
    lsi_dec premiums;
} firm;

static int read_firm(lsi_calc *k, firm *f)
{
    int64_t year;
    int rc = lsi_in_int(k, "year", &year);
    if (rc == 0) rc = lsi_in_choice(k, "firm_size", &f->size);
    if (rc == 0) rc = lsi_in_int(k, "insured_count", &f->insured);
    if (rc == 0) rc = lsi_in_int(k, "layoffs", &f->layoffs);
    if (rc == 0) rc = lsi_in_int(k, "months_paid_in_full", &f->months_paid);
    if (rc == 0) rc = lsi_in_dec(k, "premiums_paid_last_year", &f->premiums);
    if (rc != 0)
        return rc;
    if (year < 2000 || year > 2199)
        return lsi_in_invalid(k, "year", "must be a year 2000–2199");
    if (f->insured <= 0)
        return lsi_in_invalid(k, "insured_count", "must be at least 1 (the insured employees at "
                                                  "the end of the year)");
    if (f->layoffs < 0 || f->layoffs > f->insured)
        return lsi_in_invalid(k, "layoffs", "must be 0 to insured_count (%lld)",
                              (long long)f->insured);
    if (f->months_paid < 0)
        return lsi_in_invalid(k, "months_paid_in_full", "must not be negative");
    if (lsi_dec_is_negative(f->premiums))
        return lsi_in_invalid(k, "premiums_paid_last_year", "must not be negative");
    f->date = (int)year * 10000 + 101;
    return 0;
}

/* layoffs / insured ≤ threshold, compared exactly: layoffs ≤ threshold × insured */
static bool rate_within(int64_t layoffs, int64_t insured, lsi_dec threshold)
{
    lsi_dec limit;
    if (lsi_dec_mul(threshold, lsi_dec_from_int(insured), &limit) != 0)
        return false;
    return lsi_dec_cmp(lsi_dec_from_int(layoffs), limit) <= 0;
}

/* 人社部发〔2024〕40号 第二条 and the 2025 notice 第一条 (人社部发〔2022〕23号 第一条 for
 * 2022, its 12 months from 人社部发〔2019〕23号 第一条(二)): full payment ≥ 12 months;
 * layoffs ≤ the control target, or ≤ 20 % for firms with ≤ 30 insured */
static int refund_eligibility(lsi_calc *k, const firm *f, const char **reason)
{
    lsi_step(k, refund_eligibility);
    lsi_dec min_months, target, small_max, small_rate;
    int64_t min_m, small_n;
    int rc = lsi_param(k, "unemployment.refund.min_months_paid", f->date, &min_months);
    if (rc == 0) rc = lsi_param(k, "unemployment.refund.layoff_rate_target", f->date, &target);
    if (rc == 0) rc = lsi_param(k, "unemployment.refund.small_firm_max_insured", f->date, &small_max);
    if (rc == 0) rc = lsi_param(k, "unemployment.refund.small_firm_layoff_rate", f->date, &small_rate);
    if (rc == 0) rc = lsi_dec_to_int64(min_months, &min_m);
    if (rc == 0) rc = lsi_dec_to_int64(small_max, &small_n);
    if (rc != 0)
        return rc;
    *reason = NULL;
    if (f->months_paid < min_m)
        *reason = "premiums paid in full for fewer than the required months";
    else if (f->layoffs > 0 && !rate_within(f->layoffs, f->insured, target) &&
             !(f->insured <= small_n && rate_within(f->layoffs, f->insured, small_rate)))
        *reason = f->insured <= small_n
                      ? "layoff rate above 20 % of the insured staff (firm with ≤ 30 insured)"
                      : "layoff rate above the surveyed-unemployment control target";
    lsi_step_text(k, "eligible", *reason ? "false" : "true");
    if (*reason)
        lsi_step_text(k, "reason", *reason);
    return 0;
}

/* 人社部发〔2024〕40号 第二条, the 2025 notice 第一条: ≤ 30 % (large), ≤ 60 % (small and
 * medium) of the premiums the firm and its employees paid last year; 2022: 人社部发〔2022〕23号
 * 第一条 (SMEs up to 90 %), Guangdong 50 % / 90 %. Rates are rule data by year. */
static int run_refund(lsi_calc *k)
{
    firm f;
    const char *reason;
    int rc = read_firm(k, &f);
    if (rc == 0) rc = refund_eligibility(k, &f, &reason);
    if (rc != 0)
        return rc;
    lsi_dec rate, amount = LSI_ZERO_FEN;
    lsi_step(k, refund_amount);
    rc = f.size == 0 ? lsi_param(k, "unemployment.refund.rate_large", f.date, &rate)
                     : lsi_param(k, "unemployment.refund.rate_sme", f.date, &rate);
    if (rc == 0 && !reason) {
        if (lsi_dec_mul(f.premiums, rate, &amount) != 0)
            return lsi_in_invalid(k, "premiums_paid_last_year", "out of range");
        rc = lsi_step_round(k, amount, &LSI_ROUND_FEN, &amount);
    }
    if (rc == 0) rc = lsi_out_text(k, "eligible", reason ? "false" : "true");
    if (rc == 0) rc = lsi_out_text(k, "reason", reason ? reason : "");
    return rc ? rc : lsi_out_dec(k, "refund", amount);
}

/* ------------------------------------------------------------ skills */

static const char *const amount_names[] = {"unemployment.skill.amount.primary",
                                           "unemployment.skill.amount.intermediate",
                                           "unemployment.skill.amount.advanced"};

/* 人社部发〔2017〕40号; 《广东省失业保险条例》第二十三条; Guangdong amounts and contribution condition NF */
/* The amount of the certificate's level (0 unless the contribution condition
 * is met): *ok says whether it is. */
static int skill_subsidy(lsi_calc *k, int level, int date, int64_t months, bool *ok,
                         lsi_dec *amount)
{
    lsi_step(k, skill_subsidy);
    int64_t min;
    lsi_dec min_d;
    int rc = lsi_param(k, "unemployment.skill.min_contribution_months", date, &min_d);
    if (rc == 0) rc = lsi_dec_to_int64(min_d, &min);
    if (rc == 0) rc = lsi_param_static(k, amount_names[level], date, amount);
    if (rc != 0)
        return rc;
    *ok = months >= min;
    if (!*ok)
        *amount = lsi_dec_from_int(0);
    lsi_step_result(k, *amount);
    return 0;
}

static int run_skill(lsi_calc *k)
{
    int level, date;
    int64_t months;
    bool ok;
    lsi_dec amount;
    int rc = lsi_in_choice(k, "certificate_level", &level);
    if (rc == 0) rc = lsi_in_date(k, "certificate_date", &date);
    if (rc == 0) rc = lsi_in_int(k, "contribution_months", &months);
    if (rc == 0 && months < 0)
        rc = lsi_in_invalid(k, "contribution_months", "must not be negative");
    if (rc == 0) rc = lsi_check_career_months(k, "contribution_months", months, date);
    if (rc == 0) rc = skill_subsidy(k, level, date, months, &ok, &amount);
    if (rc == 0) rc = lsi_out_text(k, "eligible", ok ? "true" : "false");
    if (rc == 0)
        rc = lsi_out_text(k, "reason", ok ? "" : "contribution period shorter than the condition");
    if (rc == 0) rc = lsi_dec_round(amount, &LSI_ROUND_FEN, &amount, NULL);
    return rc ? rc : lsi_out_dec(k, "subsidy", amount);
}

/* -------------------- descriptors (schema: data/schemas/unemployment.tsv) */

const lsi_scheme lsi_scheme_unemployment_death = LSI_SCHEME(unemployment_death, run_death);
const lsi_scheme lsi_scheme_job_stabilisation_refund =
    LSI_SCHEME(job_stabilisation_refund, run_refund);
const lsi_scheme lsi_scheme_skill_subsidy = LSI_SCHEME(skill_subsidy, run_skill);

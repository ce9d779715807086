/*
 * Unemployment insurance benefit (失业保险金) of one claim in Guangdong,
 * 《广东省失业保险条例》 (2002, rev. 2013, amended 2022 and 2025):
 *
 *  第十五条  eligibility: contributions of at least one year (or an unused
 *           entitlement carried over);
 *  第十七条  duration: one month per full contribution year up to four years,
 *           then one more month per full half-year beyond four years, at
 *           most 24 (the default rule `guangdong`); the national rule of
 *           社会保险法第四十六条 / 失业保险条例第十七条 (12 / 18 / 24 months for
 *           1–5 / 5–10 / ≥10 years) is the named rule `national`;
 *  第十八条  unused entitlement carried over on re-employment, at most 24;
 *  第十九条  amount: 90 % of the claim city's minimum wage in force in each
 *           benefit month (a claim spanning a minimum-wage change pays each
 *           month at that month's amount);
 *  第二十条  medical insurance paid by the fund while on benefit;
 *  国务院《关于渐进式延迟法定退休年龄的办法》第七条: a claimant less than one
 *           year from the statutory retirement age is paid until that age.
 *
 * Rounding: each month's amount to the fen, half-up (LSI_ROUND_FEN; the
 * regulation gives no rule, and 0.9 × a whole-yuan wage is exact to the fen).
 */
#include <stdio.h>
#include <string.h>

#include "calc_internal.h"
#include "json.h"
#include "retirement_age.h"

enum duration_rule { RULE_GUANGDONG = 0, RULE_NATIONAL = 1 };

typedef struct claim {
    int claim_month;
    int64_t contribution_months, carried_over;
    int64_t earned, months; /* from contributions; total paid */
    bool extended;
    int retirement_month;   /* statutory retirement month, -1 when not asked */
} claim;

/* ----------------------------------------------------------- duration */

/* 第十七条: ⌊years⌋ up to 4, then 4 + ⌊(months − 48) / 6⌋, cap in the data. */
static int64_t guangdong_months(int64_t cm)
{
    if (cm < 12)
        return 0;
    return cm <= 48 ? cm / 12 : 4 + (cm - 48) / 6;
}

/* 社会保险法第四十六条: the maximum of each band. */
static int64_t national_months(int64_t cm)
{
    return cm < 12 ? 0 : cm < 60 ? 12 : cm < 120 ? 18 : 24;
}

static int duration(lsi_calc *k, claim *c, int rule)
{
    lsi_step_static(k, "benefit_duration", "Benefit duration (失业保险金领取期限)",
             rule == RULE_GUANGDONG
                 ? "《广东省失业保险条例》第十七条 (H); 第十八条 carry-over; 第十五条 one year minimum"
                 : "社会保险法第四十六条; 失业保险条例第十七条 (national rule, H)",
             rule == RULE_GUANGDONG
                 ? "months = ⌊m/12⌋ (m ≤ 48) or 4 + ⌊(m − 48)/6⌋; + carried over; ≤ 24"
                 : "12 / 18 / 24 months for 1–5 / 5–10 / ≥ 10 years; + carried over; ≤ 24");
    lsi_dec cap;
    int64_t max;
    int rc = lsi_param(k, "unemployment.duration.max_months", lsi_month_first_day(c->claim_month),
                       &cap);
    if (rc == 0) rc = lsi_dec_to_int64(cap, &max);
    if (rc != 0)
        return rc;
    c->earned = rule == RULE_GUANGDONG ? guangdong_months(c->contribution_months)
                                       : national_months(c->contribution_months);
    c->months = c->earned + c->carried_over;
    if (c->months > max) {
        c->months = max;
        lsi_step_flag(k, LIBSI_FLAG_CAPPED);
    }
    lsi_step_value(k, "contribution_months", lsi_dec_from_int(c->contribution_months));
    lsi_step_value(k, "months_from_contributions", lsi_dec_from_int(c->earned));
    lsi_step_value(k, "carried_over_months", lsi_dec_from_int(c->carried_over));
    lsi_step_result(k, lsi_dec_from_int(c->months));
    return 0;
}

/* Issue #12 item 5: 办法第七条 applies to every claimant, so the number of
 * benefit months depends on the statutory retirement month, hence on the
 * birth date.  Without birth_date and retirement_group the case must state
 * far_from_retirement=true (a year or more remains after the last benefit
 * month); a missing birth date is an error, never a silent "not extended". */
static int retirement_known(lsi_calc *k, const claim *c, bool *known)
{
    bool far, facts;
    int rc = lsi_in_retirement_facts(k, &facts, &far);
    *known = facts;
    if (rc == 0 && !facts && !far)
        return lsi_fail(k->ctx, LIBSI_EINPUT, "birth_date",
                        "input 'birth_date' is required (with retirement_group, e.g. "
                        "birth_date=1966-03-15 retirement_group=male60): a claimant less than "
                        "one year from the statutory retirement age is paid until that age "
                        "(国务院《关于渐进式延迟法定退休年龄的办法》第七条); or give "
                        "far_from_retirement=true to state that a year or more remains after "
                        "the last benefit month");
    if (rc == 0 && !facts) {
        lsi_step(k, extension_not_applied);
        lsi_step_note(k, "far_from_retirement=true: the case states that a year or more remains "
                         "to the statutory retirement age after the last benefit month; no "
                         "extension");
        lsi_step_text(k, "extended", "false");
        lsi_step_result(k, lsi_dec_from_int(c->months));
    }
    return rc;
}

/* 办法第七条: "领取失业保险金且距法定退休年龄不足一年的人员，领取失业保险金
 * 年限延长至法定退休年龄".  Our reading (docs/unemployment.md): when the last
 * benefit month is less than 12 months before the statutory retirement
 * month, benefit is paid through that month — the month in which the age
 * is reached — since the pension starts the month after it (办法第一条;
 * agency practice, M); so the two leave no gap.  A longer entitlement is not shortened. */
static int extension(lsi_calc *k, claim *c)
{
    bool known;
    int rc = retirement_known(k, c, &known);
    if (rc != 0 || !known)
        return rc;
    lsi_step(k, extension_to_retirement);
    lsi_retirement_age age;
    rc = lsi_in_retirement(k, &age, NULL);
    if (rc != 0)
        return rc;
    char m[8];
    lsi_month_format(age.month_index, m);
    lsi_step_text(k, "statutory_retirement_month", m);
    c->retirement_month = age.month_index;
    if (c->claim_month > age.month_index)
        return lsi_in_invalid(k, "claim_date", "the claimant reached the statutory retirement "
                                               "age in %s: a pension, not unemployment benefit", m);
    int64_t until = age.month_index - c->claim_month + 1;
    c->extended = c->months > 0 && age.month_index - (c->claim_month + c->months - 1) < 12 &&
                  until > c->months;
    if (c->extended)
        c->months = until;
    lsi_step_text(k, "extended", c->extended ? "true" : "false");
    lsi_step_result(k, lsi_dec_from_int(c->months));
    return 0;
}

/* ------------------------------------------------------------ amounts */

static int month_amount(lsi_calc *k, int month, lsi_dec *amount)
{
    lsi_dec wage, rate, exact;
    int date = lsi_month_first_day(month);
    int rc = lsi_param(k, "minimum_wage.monthly", date, &wage);
    if (rc == 0) rc = lsi_param(k, "unemployment.benefit.rate", date, &rate);
    if (rc == 0) rc = lsi_dec_mul(wage, rate, &exact);
    return rc ? rc : lsi_dec_round(exact, &LSI_ROUND_FEN, amount, NULL);
}

/* Each month at the minimum wage in force that month (第十九条). */
static int schedule(lsi_calc *k, const claim *c, lsi_dec *first, lsi_dec *total, lsi_json *arr)
{
    lsi_step(k, benefit_amounts);
    lsi_step_text(k, "rounding", LSI_ROUND_FEN.name);
    *total = *first = LSI_ZERO_FEN;
    lsi_arena *ar = k->arena;
    lsi_dec previous = {-1, 0};
    for (int64_t i = 0; i < c->months; i++) {
        int m = c->claim_month + (int)i;
        lsi_dec amount;
        /* the rule values are recorded when the amount changes: short trace */
        lsi_tstep *step = k->step;
        k->step = NULL;
        int rc = month_amount(k, m, &amount);
        k->step = step;
        if (rc == 0 && lsi_dec_cmp(amount, previous) != 0)
            rc = month_amount(k, m, &amount);
        if (rc != 0)
            return rc;
        previous = amount;
        if (i == 0)
            *first = amount;
        if (lsi_dec_add(*total, amount, total) != 0)
            return lsi_fail(k->ctx, LIBSI_ERANGE, "contribution_months", "out of range");
        char mt[8], buf[LIBSI_DECIMAL_MAX + 1];
        lsi_month_format(m, mt);
        lsi_dec_format(amount, buf);
        lsi_json *o = lsi_json_new(ar, LSI_J_OBJECT, NULL);
        /* every member checked: a lost "amount" would be a wrong schedule
         * (found by the allocation-failure gate) */
        k->oom |= !lsi_json_put_str(ar, o, "amount", buf);
        k->oom |= !lsi_json_put_str(ar, o, "month", mt);
        k->oom |= !lsi_json_push(arr, o);
        lsi_step_text(k, mt, buf);
    }
    lsi_step_result(k, *total);
    return 0;
}

/* ---------------------------------------------------------------- run */

/* The months counted for the claim fit in a working life: from age 16
 * (《劳动法》第十五条) to the claim month when the birth date is given, else
 * to the latest retirement age; a claimant was born at least 16 years
 * before the claim. */
static int plausible_claim(lsi_calc *k, const claim *c)
{
    lsi_months_bound b;
    int birth, date = lsi_month_first_day(c->claim_month);
    if (!lsi_in_present(k, "birth_date"))
        return lsi_check_career_months(k, "contribution_months", c->contribution_months, date);
    int rc = lsi_in_date(k, "birth_date", &birth);
    if (rc == 0) rc = lsi_check_working_age(k, "birth_date", birth, "claim_date", date);
    if (rc == 0) rc = lsi_working_months(k, birth, c->claim_month, "the claim month", &b);
    return rc ? rc : lsi_check_months(k, "contribution_months", c->contribution_months, &b);
}

static int read_claim(lsi_calc *k, claim *c, int *rule)
{
    int rc = lsi_in_month(k, "claim_date", &c->claim_month);
    if (rc == 0) rc = lsi_in_int(k, "contribution_months", &c->contribution_months);
    if (rc == 0) rc = lsi_in_int(k, "carried_over_months", &c->carried_over);
    if (rc == 0) rc = lsi_in_choice(k, "duration_rule", rule);
    if (rc != 0)
        return rc;
    if (c->contribution_months < 0)
        return lsi_in_invalid(k, "contribution_months", "must not be negative");
    if (c->carried_over < 0 || c->carried_over > 24)
        return lsi_in_invalid(k, "carried_over_months", "must be 0 to 24 (第十八条)");
    return plausible_claim(k, c);
}

static int outputs(lsi_calc *k, const claim *c, lsi_dec first, lsi_dec total, lsi_json *arr)
{
    lsi_sb sb;
    lsi_sb_init(&sb, &k->ctx->alloc);
    lsi_json_write(&sb, arr);
    char *json = lsi_sb_take(&sb);
    if (!json)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "schedule", "out of memory");
    int rc = lsi_out_text(k, "schedule", json);
    lsi_free(&k->ctx->alloc, json);
    const lsi_named_dec out[] = {
        {"monthly_benefit", first}, {"benefit_months", lsi_dec_from_int(c->months)},
        {"total_benefit", total}, {"months_from_contributions", lsi_dec_from_int(c->earned)}};
    if (rc == 0) rc = lsi_out_decs(k, out, sizeof out / sizeof out[0]);
    if (rc == 0) rc = lsi_out_text(k, "eligible", c->months > 0 ? "true" : "false");
    if (rc == 0) rc = lsi_out_text(k, "extended_to_retirement", c->extended ? "true" : "false");
    if (rc == 0)
        rc = lsi_out_text(k, "medical_insurance", c->months > 0 ? "paid by the fund" : "—");
    if (rc == 0 && c->retirement_month >= 0)
        rc = lsi_out_month(k, "statutory_retirement_month", c->retirement_month);
    return rc;
}

/* 《广东省失业保险条例》第二十条 (H) */
static int run(lsi_calc *k)
{
    claim c;
    int rule;
    memset(&c, 0, sizeof c);
    c.retirement_month = -1;
    int rc = read_claim(k, &c, &rule);
    if (rc == 0) rc = duration(k, &c, rule);
    if (rc == 0) rc = extension(k, &c);
    if (rc != 0)
        return rc;
    lsi_step(k, medical_insurance);
    lsi_json *arr = lsi_json_new(k->arena, LSI_J_ARRAY, NULL);
    lsi_dec first, total;
    if (!arr)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "schedule", "out of memory");
    rc = schedule(k, &c, &first, &total, arr);
    return rc ? rc : outputs(k, &c, first, total, arr);
}

/* The schema (name, description, fields): data/schemas/unemployment.tsv. */
const lsi_scheme lsi_scheme_unemployment = LSI_SCHEME(unemployment, run);

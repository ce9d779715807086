/*
 * Work-injury insurance benefits (工伤保险待遇), 《工伤保险条例》 (2010) and
 * 《广东省工伤保险条例》 (2011, amended 2019; full text not found):
 *
 *  第六十四条  本人工资: the average monthly contribution wage of the 12 months
 *             before the injury, clamped to 60 %–300 % of the pooling area's
 *             average wage (flagged when clamped);
 *  第三十五–三十七条  one-time disability subsidy (months of own wage by grade)
 *             and the monthly disability allowance of grades 1–6 (percent of
 *             own wage, raised to the local minimum wage);
 *  第三十四条  nursing care: 50 / 40 / 30 % of the area's previous-year
 *             average monthly wage;
 *  Guangdong: one-time medical and disability-employment subsidies for
 *             grades 5–10 on termination, months of the area's average wage,
 *             the employment subsidy reduced near retirement (conf. L);
 *  第三十九条  death: 20 × the previous year's national urban per-capita
 *             disposable income, funeral 6 months of the area's average wage,
 *             dependants' pensions 40 % / 30 % (+10 %), capped at own wage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calc_internal.h"
#include "retirement_age.h"

typedef struct injury {
    int date;             /* injury (or death) date */
    lsi_dec area_wage;    /* pooling area's previous-year average monthly wage */
    lsi_dec own_wage;     /* 本人工资 after clamping */
} injury;

/* ---------------------------------------------------------- own wage */

/* The average of up to 12 monthly wages "w1,w2,…", exact then to the fen. */
static int average_of_list(lsi_calc *k, const char *list, lsi_dec *avg)
{
    lsi_dec sum = lsi_dec_from_int(0), w;
    int n = 0;
    char buf[64];
    for (const char *p = list; *p && n < 13;) {
        size_t len = strcspn(p, ",");
        if (len == 0 || len >= sizeof buf)
            return lsi_in_invalid(k, "contribution_wages", "item %d is empty or too long", n + 1);
        memcpy(buf, p, len);
        buf[len] = '\0';
        if (lsi_dec_parse(buf, &w, NULL) != 0 || lsi_dec_is_negative(w) ||
            lsi_dec_add(sum, w, &sum) != 0)
            return lsi_in_invalid(k, "contribution_wages", "item %d is not a wage", n + 1);
        n++;
        p += len + (p[len] == ',');
    }
    if (n == 0 || n > 12)
        return lsi_in_invalid(k, "contribution_wages", "give 1 to 12 monthly wages");
    lsi_step_value(k, "months", lsi_dec_from_int(n));
    return lsi_step_round_div(k, sum, lsi_dec_from_int(n), &LSI_ROUND_FEN, avg);
}

static int area_wage(lsi_calc *k, injury *j)
{
    lsi_step(k, "area_average_wage", "Pooling area's previous-year average monthly wage",
             "《工伤保险条例》第六十四条 (统筹地区职工平均工资)",
             "wage.city_average_monthly of the year before the event");
    int prev = (j->date / 10000 - 1) * 10000 + 101;
    int rc = lsi_param_or_input(k, "wage.city_average_monthly", prev, "area_average_wage",
                                &j->area_wage);
    if (rc == 0 && lsi_dec_is_zero(j->area_wage))
        rc = lsi_in_invalid(k, "area_average_wage", "must be positive");
    return rc;
}

/* 第六十四条: 60 %–300 % of the area's average wage. */
static int own_wage(lsi_calc *k, injury *j)
{
    lsi_step(k, "own_wage", "Own wage (本人工资)",
             "《工伤保险条例》第六十四条 (12-month average, 60 %–300 % of the area average, H)",
             "own = min(max(average, 60 % × area), 300 % × area)");
    lsi_dec avg, lo_r, hi_r, lo, hi;
    int rc = lsi_in_present(k, "contribution_wages")
                 ? average_of_list(k, lsi_in_text(k, "contribution_wages"), &avg)
                 : lsi_in_dec(k, "own_wage", &avg);
    if (rc == 0 && lsi_dec_is_negative(avg))
        rc = lsi_in_invalid(k, "own_wage", "must not be negative");
    if (rc == 0) rc = lsi_param(k, "work_injury.own_wage.floor_ratio", j->date, &lo_r);
    if (rc == 0) rc = lsi_param(k, "work_injury.own_wage.ceiling_ratio", j->date, &hi_r);
    if (rc == 0) rc = lsi_dec_mul_round(j->area_wage, lo_r, &LSI_ROUND_FEN, &lo, NULL);
    if (rc == 0) rc = lsi_dec_mul_round(j->area_wage, hi_r, &LSI_ROUND_FEN, &hi, NULL);
    if (rc != 0)
        return rc;
    lsi_step_value(k, "average", avg);
    j->own_wage = avg;
    if (lsi_dec_cmp(avg, lo) < 0) {
        j->own_wage = lo;
        lsi_step_flag(k, LIBSI_FLAG_FLOORED);
    } else if (lsi_dec_cmp(avg, hi) > 0) {
        j->own_wage = hi;
        lsi_step_flag(k, LIBSI_FLAG_CAPPED);
    }
    return lsi_step_round(k, j->own_wage, &LSI_ROUND_FEN, &j->own_wage);
}

/* ---------------------------------------------------------- disability */

static int grade_param(lsi_calc *k, const char *what, int grade, int date, lsi_dec *out)
{
    char name[80];
    snprintf(name, sizeof name, "work_injury.%s.grade_%d", what, grade);
    return lsi_param(k, name, date, out);
}

static int one_time_disability(lsi_calc *k, const injury *j, int grade, lsi_dec *out)
{
    lsi_step(k, "one_time_disability_subsidy", "One-time disability subsidy (一次性伤残补助金)",
             "《工伤保险条例》第三十五–三十七条 (27 … 7 months by grade, H)",
             "own wage × months of the grade");
    lsi_dec months, x;
    int rc = grade_param(k, "disability.subsidy_months", grade, j->date, &months);
    if (rc == 0) rc = lsi_dec_mul(j->own_wage, months, &x);
    return rc ? rc : lsi_step_round(k, x, &LSI_ROUND_FEN, out);
}

/* Grades 1–6: percent of own wage, raised to the local minimum wage. */
static int disability_allowance(lsi_calc *k, const injury *j, int grade, lsi_dec *out)
{
    lsi_step(k, "disability_allowance", "Monthly disability allowance (伤残津贴)",
             "《工伤保险条例》第三十五条、第三十六条 (90/85/80/75/70/60 %; not below the local "
             "minimum wage, H)",
             "max(round_fen(own wage × rate), minimum_wage.monthly)");
    *out = (lsi_dec){0, 2};
    if (grade > 6) {
        lsi_step_note(k, "grades 7–10 receive no allowance");
        lsi_step_result(k, *out);
        return 0;
    }
    lsi_dec rate, x, minimum;
    int rc = grade_param(k, "disability.allowance_rate", grade, j->date, &rate);
    if (rc == 0) rc = lsi_param(k, "minimum_wage.monthly", j->date, &minimum);
    if (rc == 0) rc = lsi_dec_mul(j->own_wage, rate, &x);
    if (rc == 0) rc = lsi_step_round(k, x, &LSI_ROUND_FEN, out);
    if (rc == 0 && lsi_dec_cmp(*out, minimum) < 0) {
        lsi_step_flag(k, LIBSI_FLAG_FLOORED);
        lsi_step_note(k, "raised to the local minimum wage");
        rc = lsi_dec_round(minimum, &LSI_ROUND_FEN, out, NULL);
        lsi_step_result(k, *out);
    }
    return rc;
}

static const char *const nursing_levels[] = {"none", "partial", "most", "full"};

static int nursing_care(lsi_calc *k, const injury *j, lsi_dec *out)
{
    int level;
    int rc = lsi_in_choice(k, "nursing_level", &level);
    *out = (lsi_dec){0, 2};
    if (rc != 0 || level == 0)
        return rc;
    lsi_step(k, "nursing_care", "Nursing care (生活护理费)",
             "《工伤保险条例》第三十四条 (50/40/30 % of the area's previous-year average monthly "
             "wage, H; Guangdong base L)",
             "round_fen(area wage × rate of the level)");
    char name[64];
    lsi_dec rate, x;
    snprintf(name, sizeof name, "work_injury.nursing.rate.%s", nursing_levels[level]);
    rc = lsi_param(k, name, j->date, &rate);
    if (rc == 0) rc = lsi_dec_mul(j->area_wage, rate, &x);
    return rc ? rc : lsi_step_round(k, x, &LSI_ROUND_FEN, out);
}

/* Full years from the termination month to the statutory retirement month. */
static int years_to_retirement(lsi_calc *k, int termination, int64_t *years)
{
    lsi_retirement_age age;
    int rc = lsi_in_retirement(k, &age, NULL);
    if (rc != 0)
        return rc;
    int left = age.month_index - lsi_date_month_index(termination);
    *years = left <= 0 ? -1 : left / 12;
    return 0;
}

/* Guangdong: 20 % less per year when fewer than 5 years remain, none at the
 * retirement age (general knowledge, conf. L): factor = min(1, 0.2 × years). */
static int employment_factor(lsi_calc *k, int termination, int date, lsi_dec *factor)
{
    *factor = lsi_dec_from_int(1);
    if (!lsi_in_present(k, "birth_date") || !lsi_in_present(k, "retirement_group"))
        return 0;
    int64_t years, span;
    lsi_dec step, span_d;
    int rc = years_to_retirement(k, termination, &years);
    if (rc == 0) rc = lsi_param(k, "work_injury.gd.employment_reduction_per_year", date, &step);
    if (rc == 0) rc = lsi_param(k, "work_injury.gd.employment_reduction_years", date, &span_d);
    if (rc == 0) rc = lsi_dec_to_int64(span_d, &span);
    if (rc != 0 || years >= span)
        return rc;
    lsi_step_value(k, "full_years_to_retirement", lsi_dec_from_int(years < 0 ? 0 : years));
    return lsi_dec_mul(step, lsi_dec_from_int(years < 0 ? 0 : years), factor);
}

static int termination_subsidies(lsi_calc *k, const injury *j, int grade, lsi_dec *medical,
                                 lsi_dec *employment, lsi_dec *factor)
{
    *medical = *employment = (lsi_dec){0, 2};
    *factor = lsi_dec_from_int(0);
    if (grade < 5 || !lsi_in_present(k, "termination_date"))
        return 0;
    int term;
    int rc = lsi_in_date(k, "termination_date", &term);
    if (rc != 0)
        return rc;
    lsi_step(k, "one_time_medical_subsidy", "One-time work-injury medical subsidy (一次性工伤医疗补助金)",
             "《广东省工伤保险条例》(2011 revision; months by grade 10/8/6/4/2/1, conf. L — text NF)",
             "round_fen(area wage × months of the grade)");
    lsi_dec months, x;
    rc = grade_param(k, "gd.medical_months", grade, term, &months);
    if (rc == 0) rc = lsi_dec_mul(j->area_wage, months, &x);
    if (rc == 0) rc = lsi_step_round(k, x, &LSI_ROUND_FEN, medical);
    if (rc != 0)
        return rc;
    lsi_step(k, "one_time_employment_subsidy",
             "One-time disability employment subsidy (一次性伤残就业补助金)",
             "《广东省工伤保险条例》(months 50/40/25/15/8/4; −20 % a year under 5 years to "
             "retirement, none at retirement age; conf. L — text NF)",
             "round_fen(area wage × months × factor)");
    rc = grade_param(k, "gd.employment_months", grade, term, &months);
    if (rc == 0) rc = employment_factor(k, term, term, factor);
    if (rc == 0) rc = lsi_dec_mul(j->area_wage, months, &x);
    if (rc == 0) rc = lsi_dec_mul(x, *factor, &x);
    if (rc == 0) lsi_step_value(k, "factor", *factor);
    return rc ? rc : lsi_step_round(k, x, &LSI_ROUND_FEN, employment);
}

static int read_grade(lsi_calc *k, int *grade)
{
    int64_t g;
    int rc = lsi_in_int(k, "disability_grade", &g);
    if (rc == 0 && (g < 1 || g > 10))
        rc = lsi_in_invalid(k, "disability_grade", "must be 1 to 10, got %lld", (long long)g);
    *grade = (int)g;
    return rc;
}

static int run_injury(lsi_calc *k)
{
    injury j;
    int grade;
    lsi_dec subsidy, allowance, nursing, medical, employment, factor;
    int rc = lsi_in_date(k, "injury_date", &j.date);
    if (rc == 0) rc = read_grade(k, &grade);
    if (rc == 0) rc = area_wage(k, &j);
    if (rc == 0) rc = own_wage(k, &j);
    if (rc == 0) rc = one_time_disability(k, &j, grade, &subsidy);
    if (rc == 0) rc = disability_allowance(k, &j, grade, &allowance);
    if (rc == 0) rc = nursing_care(k, &j, &nursing);
    if (rc == 0) rc = termination_subsidies(k, &j, grade, &medical, &employment, &factor);
    if (rc == 0) rc = lsi_out_dec(k, "own_wage", j.own_wage);
    if (rc == 0) rc = lsi_out_dec(k, "one_time_disability_subsidy", subsidy);
    if (rc == 0) rc = lsi_out_dec(k, "monthly_disability_allowance", allowance);
    if (rc == 0) rc = lsi_out_dec(k, "nursing_care_monthly", nursing);
    if (rc == 0) rc = lsi_out_dec(k, "one_time_medical_subsidy", medical);
    if (rc == 0) rc = lsi_out_dec(k, "one_time_employment_subsidy", employment);
    return rc;
}

/* --------------------------------------------------------------- death */

static int dependants(lsi_calc *k, const injury *j, lsi_dec *monthly)
{
    lsi_step(k, "dependants_pension", "Dependants' pensions (供养亲属抚恤金)",
             "《工伤保险条例》第三十九条 (spouse 40 %, each other dependant 30 %, +10 % for a lone "
             "elder or orphan; the total at most the deceased's own wage, H)",
             "min(own wage, own wage × (0.4 × spouse + 0.3 × others + 0.1 × lone))");
    bool spouse;
    int64_t others, lone;
    lsi_dec rs, ro, rl, total = lsi_dec_from_int(0), part;
    int rc = lsi_in_bool(k, "spouse", &spouse);
    if (rc == 0) rc = lsi_in_int(k, "other_dependants", &others);
    if (rc == 0) rc = lsi_in_int(k, "lone_dependants", &lone);
    if (rc == 0 && (others < 0 || others > 50 || lone < 0 || lone > (spouse ? 1 : 0) + others))
        rc = lsi_in_invalid(k, others < 0 || others > 50 ? "other_dependants" : "lone_dependants",
                            "out of range (lone dependants are among the dependants)");
    if (rc == 0) rc = lsi_param(k, "work_injury.death.spouse_rate", j->date, &rs);
    if (rc == 0) rc = lsi_param(k, "work_injury.death.other_rate", j->date, &ro);
    if (rc == 0) rc = lsi_param(k, "work_injury.death.lone_supplement", j->date, &rl);
    if (rc == 0 && spouse) rc = lsi_dec_add(total, rs, &total);
    if (rc == 0) rc = lsi_dec_mul(ro, lsi_dec_from_int(others), &part);
    if (rc == 0) rc = lsi_dec_add(total, part, &total);
    if (rc == 0) rc = lsi_dec_mul(rl, lsi_dec_from_int(lone), &part);
    if (rc == 0) rc = lsi_dec_add(total, part, &total);
    if (rc == 0) rc = lsi_dec_mul_round(j->own_wage, total, &LSI_ROUND_FEN, monthly, NULL);
    if (rc != 0)
        return rc;
    lsi_step_value(k, "rate_sum", total);
    lsi_step_value(k, "uncapped", *monthly);
    lsi_step_value(k, "cap", j->own_wage);
    if (lsi_dec_cmp(*monthly, j->own_wage) > 0) {
        *monthly = j->own_wage;
        lsi_step_flag(k, LIBSI_FLAG_CAPPED);
        lsi_step_note(k, "capped at the deceased's own wage");
    }
    lsi_step_result(k, *monthly);
    return 0;
}

static int death_lump_sums(lsi_calc *k, const injury *j, lsi_dec *subsidy, lsi_dec *funeral)
{
    lsi_step(k, "one_time_death_subsidy", "One-time death subsidy (一次性工亡补助金)",
             "《工伤保险条例》第三十九条 (20 × previous-year national urban per-capita disposable "
             "income, H)",
             "20 × income.national_urban_disposable_per_capita(previous year)");
    lsi_dec income, mult, months, x;
    int prev = (j->date / 10000 - 1) * 10000 + 101;
    int rc = lsi_param(k, "income.national_urban_disposable_per_capita", prev, &income);
    if (rc == 0) rc = lsi_param(k, "work_injury.death.income_multiple", j->date, &mult);
    if (rc == 0) rc = lsi_dec_mul(income, mult, &x);
    if (rc == 0) rc = lsi_step_round(k, x, &LSI_ROUND_FEN, subsidy);
    if (rc != 0)
        return rc;
    lsi_step(k, "work_injury_funeral_subsidy", "Funeral subsidy (丧葬补助金)",
             "《工伤保险条例》第三十九条 (6 months of the area's previous-year average monthly wage, H)",
             "6 × area wage");
    rc = lsi_param(k, "work_injury.death.funeral_months", j->date, &months);
    if (rc == 0) rc = lsi_dec_mul(j->area_wage, months, &x);
    return rc ? rc : lsi_step_round(k, x, &LSI_ROUND_FEN, funeral);
}

static int run_death(lsi_calc *k)
{
    injury j;
    lsi_dec subsidy, funeral, monthly;
    int rc = lsi_in_date(k, "death_date", &j.date);
    if (rc == 0) rc = area_wage(k, &j);
    if (rc == 0) rc = own_wage(k, &j);
    if (rc == 0) rc = death_lump_sums(k, &j, &subsidy, &funeral);
    if (rc == 0) rc = dependants(k, &j, &monthly);
    if (rc == 0) rc = lsi_out_dec(k, "own_wage", j.own_wage);
    if (rc == 0) rc = lsi_out_dec(k, "one_time_death_subsidy", subsidy);
    if (rc == 0) rc = lsi_out_dec(k, "funeral_subsidy", funeral);
    return rc ? rc : lsi_out_dec(k, "dependants_pension_monthly", monthly);
}

/* ----------------------------------------------------------- schemas */

#define KNOWN_ON {"known_on", LIBSI_TYPE_DATE, "", "", 0, "", "rule values published by this date", "—"}
#define CARRY {"carry_forward", LIBSI_TYPE_BOOL, "", "", 0, "false", "carry the last value forward", "—"}
#define CITY {"city", LIBSI_TYPE_TEXT, "", "", 1, "", "pooling area (city code, pinyin or Chinese)", "rule data"}
#define OWN_WAGE \
    {"own_wage", LIBSI_TYPE_DECIMAL, "yuan/month", "", 0, "", \
     "average monthly contribution wage of the 12 months before the event", "第六十四条"}, \
    {"contribution_wages", LIBSI_TYPE_TEXT, "yuan/month", "", 0, "", \
     "the monthly contribution wages themselves, comma-separated (instead of own_wage)", "第六十四条"}, \
    {"area_average_wage", LIBSI_TYPE_DECIMAL, "yuan/month", "", 0, "", \
     "pooling area's previous-year average monthly wage (not in the rule data yet)", "第六十四条"}

static const libsi_field injury_in[] = {
    CITY,
    {"injury_date", LIBSI_TYPE_DATE, "", "", 1, "", "date of the injury", "第六十四条"},
    {"disability_grade", LIBSI_TYPE_INTEGER, "", "", 1, "", "disability grade 1–10",
     "第三十五–三十七条"},
    OWN_WAGE,
    {"nursing_level", LIBSI_TYPE_ENUM, "", "none|partial|most|full", 0, "none",
     "care need: 部分/大部分/完全不能自理", "第三十四条"},
    {"termination_date", LIBSI_TYPE_DATE, "", "", 0, "",
     "end of employment (grades 5–10: Guangdong one-time subsidies)", "《广东省工伤保险条例》"},
    {"birth_date", LIBSI_TYPE_DATE, "", "", 0, "", "birth date (reduction near retirement)",
     "《广东省工伤保险条例》"},
    {"retirement_group", LIBSI_TYPE_ENUM, "", LSI_RETIREMENT_GROUP_CHOICES, 0, "",
     "original statutory group (reduction near retirement)", "办法第一条"},
    KNOWN_ON, CARRY,
};
static const libsi_field injury_out[] = {
    {"own_wage", LIBSI_TYPE_DECIMAL, "yuan/month", "", 0, "", "本人工资 after the 60–300 % clamp", "第六十四条"},
    {"one_time_disability_subsidy", LIBSI_TYPE_DECIMAL, "yuan", "", 0, "", "一次性伤残补助金",
     "第三十五–三十七条"},
    {"monthly_disability_allowance", LIBSI_TYPE_DECIMAL, "yuan/month", "", 0, "",
     "伤残津贴 (grades 1–6)", "第三十五、三十六条"},
    {"nursing_care_monthly", LIBSI_TYPE_DECIMAL, "yuan/month", "", 0, "", "生活护理费", "第三十四条"},
    {"one_time_medical_subsidy", LIBSI_TYPE_DECIMAL, "yuan", "", 0, "", "一次性工伤医疗补助金 (grades 5–10)",
     "《广东省工伤保险条例》 (L)"},
    {"one_time_employment_subsidy", LIBSI_TYPE_DECIMAL, "yuan", "", 0, "",
     "一次性伤残就业补助金 (grades 5–10)", "《广东省工伤保险条例》 (L)"},
};
const lsi_scheme lsi_scheme_work_injury = {
    "work_injury", "work-injury disability benefits (《工伤保险条例》, Guangdong)", injury_in,
    sizeof injury_in / sizeof injury_in[0], injury_out, sizeof injury_out / sizeof injury_out[0],
    run_injury};

static const libsi_field death_in[] = {
    CITY,
    {"death_date", LIBSI_TYPE_DATE, "", "", 1, "", "date of death", "第三十九条"},
    OWN_WAGE,
    {"spouse", LIBSI_TYPE_BOOL, "", "", 0, "false", "a spouse depends on the deceased", "第三十九条"},
    {"other_dependants", LIBSI_TYPE_INTEGER, "", "", 0, "0", "other dependants", "第三十九条"},
    {"lone_dependants", LIBSI_TYPE_INTEGER, "", "", 0, "0",
     "dependants who are lone elders or orphans (+10 % each)", "第三十九条"},
    KNOWN_ON, CARRY,
};
static const libsi_field death_out[] = {
    {"own_wage", LIBSI_TYPE_DECIMAL, "yuan/month", "", 0, "", "本人工资 after the clamp", "第六十四条"},
    {"one_time_death_subsidy", LIBSI_TYPE_DECIMAL, "yuan", "", 0, "", "一次性工亡补助金", "第三十九条"},
    {"funeral_subsidy", LIBSI_TYPE_DECIMAL, "yuan", "", 0, "", "丧葬补助金", "第三十九条"},
    {"dependants_pension_monthly", LIBSI_TYPE_DECIMAL, "yuan/month", "", 0, "",
     "供养亲属抚恤金, all dependants, capped at own wage", "第三十九条"},
};
const lsi_scheme lsi_scheme_work_injury_death = {
    "work_injury_death", "benefits on a death at work (《工伤保险条例》第三十九条)", death_in,
    sizeof death_in / sizeof death_in[0], death_out, sizeof death_out / sizeof death_out[0],
    run_death};

/*
 * Work-injury insurance benefits (工伤保险待遇) of one case, scheme
 * `work_injury`: 《工伤保险条例》 (2010 revision) and 《广东省工伤保险条例》
 * (2011, amended 2019; full text not found):
 *
 *  第六十四条  本人工资: the average monthly contribution wage of the 12 months
 *             before the injury, clamped to 60 %–300 % of the pooling area's
 *             average wage (flagged when clamped);
 *  第三十三条  suspension with pay (停工留薪期): at most 12 months, extendable
 *             by at most 12;
 *  第三十五–三十七条  one-time disability subsidy (months of own wage by
 *             grade) and the monthly disability allowance of grades 1–6
 *             (percent of own wage, raised to the local minimum wage);
 *  第三十四条  nursing care: 50 / 40 / 30 % of the area's previous-year
 *             average monthly wage;
 *  Guangdong: one-time medical and disability-employment subsidies for
 *             grades 5–10 on termination, months of the area's previous-year
 *             average wage, the employment subsidy reduced near the
 *             retirement age (conf. L: month counts are rule data);
 *  第三十九条  death at work (work_injury_death.c).
 *
 * Rounding: every amount to the fen, half-up (LSI_ROUND_FEN; the
 * regulations give no rule), once per amount.
 */
#include <stdio.h>
#include <string.h>

#include "retirement_age.h"
#include "work_injury.h"

enum clamp { CLAMP_NONE = 0, CLAMP_FLOOR = 1, CLAMP_CEILING = 2 };

typedef struct benefits {
    enum clamp clamp;
    lsi_dec subsidy, allowance, nursing, medical, employment;
    lsi_injury_death death;
    int64_t suspension_max, suspension_paid;
} benefits;

/* -------------------------------------------------------- own wage */

/* The average of 1–12 monthly wages "w1,w2,…", exact, then to the fen. */
static int average_of_history(lsi_calc *k, const char *list, lsi_dec *avg)
{
    lsi_dec sum = lsi_dec_from_int(0), w;
    int n = 0;
    char buf[64];
    for (const char *p = list; *p && n < 13;) {
        size_t len = strcspn(p, ",");
        if (len == 0 || len >= sizeof buf)
            return lsi_in_invalid(k, "wage_history",
                                  "item %d is empty or too long: give 1 to 12 monthly wages "
                                  "separated by commas, e.g. 9000,9100.50", n + 1);
        memcpy(buf, p, len);
        buf[len] = '\0';
        if (lsi_dec_parse(buf, &w, NULL) != 0 || lsi_dec_is_negative(w) ||
            lsi_dec_add(sum, w, &sum) != 0)
            return lsi_in_invalid(k, "wage_history",
                                  "item %d '%s' is not a wage: a non-negative decimal, e.g. "
                                  "9000 or 9100.50", n + 1, buf);
        n++;
        p += len + (p[len] == ',');
    }
    if (n == 0 || n > 12)
        return lsi_in_invalid(k, "wage_history",
                              "give 1 to 12 monthly wages (the 12 months before the injury, "
                              "《工伤保险条例》第六十四条), not %d", n);
    lsi_step_value(k, "months_in_history", lsi_dec_from_int(n));
    return lsi_step_round_div(k, sum, lsi_dec_from_int(n), &LSI_ROUND_FEN, avg);
}

/* own_wage, or the average of wage_history: exactly one of them. */
static int average_wage(lsi_calc *k, lsi_dec *avg)
{
    bool given = lsi_in_present(k, "own_wage"), history = lsi_in_present(k, "wage_history");
    if (given && history)
        return lsi_in_invalid(k, "wage_history", "give own_wage or wage_history, not both");
    if (!given && !history)
        return lsi_in_invalid(k, "own_wage",
                              "give own_wage (the average monthly wage of the 12 months before "
                              "the injury, e.g. own_wage=9000) or wage_history (those months' "
                              "wages, e.g. wage_history=9000,9100,8800)");
    int rc = history ? average_of_history(k, lsi_in_text(k, "wage_history"), avg)
                     : lsi_in_dec(k, "own_wage", avg);
    if (rc == 0 && lsi_dec_is_negative(*avg))
        rc = lsi_in_invalid(k, "own_wage", "must not be negative");
    return rc;
}

/* 第六十四条: clamp to [60 %, 300 %] of the area's average wage. */
static void clamp_own_wage(lsi_calc *k, lsi_injury *j, lsi_dec lo, lsi_dec hi, enum clamp *how)
{
    *how = CLAMP_NONE;
    if (lsi_dec_cmp(j->own_wage, lo) < 0) {
        j->own_wage = lo;
        *how = CLAMP_FLOOR;
        lsi_step_flag(k, LIBSI_FLAG_FLOORED);
        lsi_step_note(k, "below 60 % of the area's average wage: raised to 60 %");
    } else if (lsi_dec_cmp(j->own_wage, hi) > 0) {
        j->own_wage = hi;
        *how = CLAMP_CEILING;
        lsi_step_flag(k, LIBSI_FLAG_CAPPED);
        lsi_step_note(k, "above 300 % of the area's average wage: lowered to 300 %");
    }
}

/* 《工伤保险条例》第六十四条 */
static int own_wage(lsi_calc *k, lsi_injury *j, enum clamp *how)
{
    lsi_step(k, own_wage);
    lsi_dec avg, lo_r, hi_r, lo, hi;
    int rc = average_wage(k, &avg);
    if (rc == 0) rc = lsi_param(k, "work_injury.own_wage.floor_ratio", j->date, &lo_r);
    if (rc == 0) rc = lsi_param(k, "work_injury.own_wage.ceiling_ratio", j->date, &hi_r);
    if (rc == 0) rc = lsi_dec_mul_round(j->area_wage, lo_r, &LSI_ROUND_FEN, &lo, NULL);
    if (rc == 0) rc = lsi_dec_mul_round(j->area_wage, hi_r, &LSI_ROUND_FEN, &hi, NULL);
    if (rc != 0)
        return rc;
    lsi_step_value(k, "average", avg);
    lsi_step_value(k, "floor", lo);
    lsi_step_value(k, "ceiling", hi);
    j->own_wage = avg;
    clamp_own_wage(k, j, lo, hi, how);
    return lsi_step_round(k, j->own_wage, &LSI_ROUND_FEN, &j->own_wage);
}

/* ------------------------------------------------------ suspension */

/* 第三十三条: 停工留薪期 normally ≤ 12 months; the labour-capacity committee
 * may extend it by ≤ 12 more.  The months asked for beyond the limit are
 * not paid (flag capped). */
static int suspension(lsi_calc *k, const lsi_injury *j, benefits *b)
{
    if (!lsi_in_present(k, "suspension_months"))
        return 0;
    lsi_step(k, suspension_with_pay);
    int64_t asked, base, extra;
    bool extended;
    lsi_dec d;
    int rc = lsi_in_int(k, "suspension_months", &asked);
    if (rc == 0 && asked < 0)
        rc = lsi_in_invalid(k, "suspension_months", "must not be negative");
    if (rc == 0) rc = lsi_in_bool(k, "suspension_extended", &extended);
    if (rc == 0) rc = lsi_param(k, "work_injury.suspension.max_months", j->date, &d);
    if (rc == 0) rc = lsi_dec_to_int64(d, &base);
    if (rc == 0) rc = lsi_param(k, "work_injury.suspension.extension_months", j->date, &d);
    if (rc == 0) rc = lsi_dec_to_int64(d, &extra);
    if (rc != 0)
        return rc;
    b->suspension_max = base + (extended ? extra : 0);
    b->suspension_paid = asked < b->suspension_max ? asked : b->suspension_max;
    lsi_step_value(k, "asked", lsi_dec_from_int(asked));
    lsi_step_value(k, "max_months", lsi_dec_from_int(b->suspension_max));
    if (asked > b->suspension_max) {
        lsi_step_flag(k, LIBSI_FLAG_CAPPED);
        lsi_step_note(k, extended ? "beyond 24 months: not allowed"
                                  : "beyond 12 months needs the extension (suspension_extended)");
    }
    lsi_step_result(k, lsi_dec_from_int(b->suspension_paid));
    return 0;
}

/* ------------------------------------------------------ disability */

/* Per-grade parameter names, grades 1 to 10 (static: they key the cache). */
#define GRADES(X, what)                                                                        \
    X(what, 1) X(what, 2) X(what, 3) X(what, 4) X(what, 5) X(what, 6) X(what, 7) X(what, 8)   \
    X(what, 9) X(what, 10)
#define GRADE_NAME(what, g) "work_injury." what ".grade_" #g,
static const char *const subsidy_months[] = {GRADES(GRADE_NAME, "disability.subsidy_months")};
static const char *const allowance_rate[] = {GRADES(GRADE_NAME, "disability.allowance_rate")};
static const char *const medical_months[] = {GRADES(GRADE_NAME, "gd.medical_months")};
static const char *const employment_months[] = {GRADES(GRADE_NAME, "gd.employment_months")};

static int grade_param(lsi_calc *k, const char *const names[10], int grade, int date,
                       lsi_dec *out)
{
    return lsi_param_static(k, names[grade - 1], date, out);
}

/* round_fen(amount × the grade's value of `names`). */
static int times_grade_param(lsi_calc *k, lsi_dec amount, const char *const names[10], int grade,
                             int date, lsi_dec *out)
{
    return lsi_step_times_rule_static(k, amount, names[grade - 1], date, out);
}

/* 《工伤保险条例》第三十五–三十七条 (27/25/23/21/18/16/13/11/9/7 months for grades 1–10, H) */
static int one_time_disability(lsi_calc *k, const lsi_injury *j, int grade, lsi_dec *out)
{
    lsi_step(k, one_time_disability_subsidy);
    return times_grade_param(k, j->own_wage, subsidy_months, grade, j->date, out);
}

/* 《工伤保险条例》第三十五条, 第三十六条; not below the local minimum wage (H) */
/* Grades 1–6: percent of own wage, raised to the local minimum wage. */
static int disability_allowance(lsi_calc *k, const lsi_injury *j, int grade, lsi_dec *out)
{
    lsi_step(k, disability_allowance);
    *out = LSI_ZERO_FEN;
    if (grade > 6) {
        lsi_step_note(k, "grades 7–10 receive no allowance (第三十七条)");
        lsi_step_result(k, *out);
        return 0;
    }
    lsi_dec rate, x, minimum;
    int rc = grade_param(k, allowance_rate, grade, j->date, &rate);
    if (rc == 0) rc = lsi_param(k, "minimum_wage.monthly", j->date, &minimum);
    if (rc == 0) rc = lsi_dec_mul(j->own_wage, rate, &x);
    if (rc == 0) rc = lsi_step_round(k, x, &LSI_ROUND_FEN, out);
    if (rc == 0 && lsi_dec_cmp(*out, minimum) < 0) {
        lsi_step_flag(k, LIBSI_FLAG_FLOORED);
        lsi_step_note(k, "below the local minimum wage: raised to it");
        rc = lsi_dec_round(minimum, &LSI_ROUND_FEN, out, NULL);
        lsi_step_result(k, *out);
    }
    return rc;
}

static const char *const nursing_rate[] = {NULL, "work_injury.nursing.rate.partial",
                                           "work_injury.nursing.rate.most",
                                           "work_injury.nursing.rate.full"};

/* 《工伤保险条例》第三十四条 */
static int nursing_care(lsi_calc *k, const lsi_injury *j, int level, lsi_dec *out)
{
    *out = LSI_ZERO_FEN;
    if (level == 0)
        return 0;
    lsi_step(k, nursing_care);
    return lsi_step_times_rule_static(k, j->area_wage, nursing_rate[level], j->date, out);
}

/* ---------------------------------------------------- termination */

/* Full years from the termination month to the statutory retirement month;
 * -1 at or past it. */
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

/* Issue #12 item 5: the reduction needs the person's retirement month; a
 * missing birth date is an error, never a silent factor 1, unless the case
 * states far_from_retirement=true (at least the reduction span remains). */
static int retirement_known(lsi_calc *k, bool *known)
{
    bool far, facts;
    int rc = lsi_in_retirement_facts(k, &facts, &far);
    *known = facts;
    if (rc == 0 && !facts && !far)
        return lsi_fail(k->ctx, LIBSI_EINPUT, "birth_date",
                        "input 'birth_date' is required with terminated=true for grades 5–10: the "
                        "one-time employment subsidy falls by 20 %% a year in the last 5 years "
                        "before the statutory retirement age (《广东省工伤保险条例》); give "
                        "birth_date and retirement_group, or far_from_retirement=true to state "
                        "that 5 years or more remain");
    if (rc == 0 && !facts)
        lsi_step_note(k, "far_from_retirement=true: the case states that 5 years or more remain "
                         "to the statutory retirement age; no reduction");
    return rc;
}

/* Guangdong: 20 % less per year when fewer than 5 years remain, none at the
 * retirement age (general knowledge, conf. L): factor = min(1, 0.2 × full
 * years left). */
static int employment_factor(lsi_calc *k, int termination, lsi_dec *factor)
{
    bool known;
    *factor = lsi_dec_from_int(1);
    int rc0 = retirement_known(k, &known);
    if (rc0 != 0 || !known)
        return rc0;
    int64_t years, span;
    lsi_dec step, span_d;
    int rc = years_to_retirement(k, termination, &years);
    if (rc == 0) rc = lsi_param(k, "work_injury.gd.employment_reduction_per_year", termination, &step);
    if (rc == 0) rc = lsi_param(k, "work_injury.gd.employment_reduction_years", termination, &span_d);
    if (rc == 0) rc = lsi_dec_to_int64(span_d, &span);
    if (rc != 0 || years >= span)
        return rc;
    lsi_step_value(k, "full_years_to_retirement", lsi_dec_from_int(years < 0 ? 0 : years));
    return lsi_dec_mul(step, lsi_dec_from_int(years < 0 ? 0 : years), factor);
}

/* 《广东省工伤保险条例》 */
static int medical_subsidy(lsi_calc *k, lsi_dec wage, int grade, int term, lsi_dec *out)
{
    lsi_step(k, one_time_medical_subsidy);
    lsi_step_value(k, "area_wage", wage);
    return times_grade_param(k, wage, medical_months, grade, term, out);
}

/* 《广东省工伤保险条例》; retirement age: 办法第一条 */
static int employment_subsidy(lsi_calc *k, lsi_dec wage, int grade, int term, lsi_dec *out)
{
    lsi_step(k, one_time_employment_subsidy);
    lsi_dec months, factor, x;
    lsi_step_value(k, "area_wage", wage);
    int rc = grade_param(k, employment_months, grade, term, &months);
    if (rc == 0) rc = employment_factor(k, term, &factor);
    if (rc == 0) rc = lsi_dec_mul(wage, months, &x);
    if (rc == 0) rc = lsi_dec_mul(x, factor, &x);
    if (rc == 0) lsi_step_value(k, "factor", factor);
    return rc ? rc : lsi_step_round(k, x, &LSI_ROUND_FEN, out);
}

/* terminated=true needs termination_date, and the reverse. */
static int read_termination(lsi_calc *k, const lsi_injury *j, bool *terminated, int *term)
{
    lsi_in_bool(k, "terminated", terminated); /* always 0: a bool has a default (calc.c) */
    bool dated = lsi_in_present(k, "termination_date");
    if (*terminated && !dated)
        return lsi_in_invalid(k, "termination_date",
                              "required when terminated=true: the day the labour relation ended, "
                              "YYYY-MM-DD on or after injury_date, e.g. termination_date=2026-01-01");
    if (!*terminated && dated)
        return lsi_in_invalid(k, "terminated", "termination_date given: set terminated=true");
    int rc = dated ? lsi_in_date(k, "termination_date", term) : 0;
    if (rc == 0 && dated && *term < j->date) {
        char day[11];
        lsi_date_format(j->date, day);
        rc = lsi_in_invalid(k, "termination_date",
                            "before injury_date %s: a labour relation ends on or after the injury",
                            day);
    }
    return rc;
}

/* Guangdong: grades 5–10 whose employment ends get both one-time subsidies;
 * grades 1–4 keep the labour relation (第三十五条). */
static int termination_subsidies(lsi_calc *k, const lsi_injury *j, int grade, benefits *b)
{
    bool terminated;
    int term;
    lsi_dec wage;
    int rc = read_termination(k, j, &terminated, &term);
    if (rc == 0 && lsi_in_present(k, "far_from_retirement") && (!terminated || grade < 5))
        return lsi_in_invalid(k, "far_from_retirement",
                              "only for terminated=true with a disability grade 5–10");
    if (rc != 0 || !terminated || grade == 0)
        return rc;
    if (grade < 5) {
        lsi_step(k, termination);
        return 0;
    }
    rc = lsi_injury_area_wage(k, j, term, &wage);
    if (rc == 0) rc = medical_subsidy(k, wage, grade, term, &b->medical);
    return rc ? rc : employment_subsidy(k, wage, grade, term, &b->employment);
}

/* ------------------------------------------------------------- run */

/* An injured employee was born, and at least 16 (《劳动法》第十五条), before the
 * injury: an injury of a child employed unlawfully is compensated by the
 * employer under 《工伤保险条例》第六十六条, not by these benefits. */
static int plausible_person(lsi_calc *k, int injury)
{
    int birth;
    if (!lsi_in_present(k, "birth_date"))
        return 0;
    int rc = lsi_in_date(k, "birth_date", &birth);
    return rc ? rc : lsi_check_working_age(k, "birth_date", birth, "injury_date", injury);
}

/* disability_grade: 1–10, absent for none (0). */
static int read_grade(lsi_calc *k, int *grade)
{
    int64_t g = 0;
    int rc = lsi_in_present(k, "disability_grade") ? lsi_in_int(k, "disability_grade", &g) : 0;
    if (rc == 0 && (g < 0 || g > 10 || (g == 0 && lsi_in_present(k, "disability_grade"))))
        rc = lsi_in_invalid(k, "disability_grade", "must be 1 to 10 (absent for none), got %lld",
                            (long long)g);
    *grade = (int)g;
    return rc;
}

/* Inputs that only make sense with (or without) a disability or a death. */
static int check_combination(lsi_calc *k, bool death, int grade, int nursing)
{
    bool terminated;
    lsi_in_bool(k, "terminated", &terminated); /* always 0: a bool has a default (calc.c) */
    if (death && grade > 0)
        return lsi_in_invalid(k, "disability_grade",
                              "a death case takes no disability grade (the death of a grade 1–4 "
                              "pensioner, 第三十九条第三款, is not modelled)");
    if (death && (nursing > 0 || terminated))
        return lsi_in_invalid(k, nursing > 0 ? "nursing_level" : "terminated",
                              "not applicable to a death case");
    if (!death && lsi_in_present(k, "dependants"))
        return lsi_in_invalid(k, "dependants", "dependants need death=true");
    if (!death && lsi_in_present(k, "death_date"))
        return lsi_in_invalid(k, "death_date", "death_date needs death=true");
    if (grade == 0 && nursing > 0)
        return lsi_in_invalid(k, "nursing_level",
                              "nursing care needs a disability_grade (1 to 10, e.g. "
                              "disability_grade=3)");
    return 0;
}

static int disability(lsi_calc *k, const lsi_injury *j, int grade, int nursing, benefits *b)
{
    if (grade == 0)
        return termination_subsidies(k, j, grade, b);
    int rc = one_time_disability(k, j, grade, &b->subsidy);
    if (rc == 0) rc = disability_allowance(k, j, grade, &b->allowance);
    if (rc == 0) rc = nursing_care(k, j, nursing, &b->nursing);
    return rc ? rc : termination_subsidies(k, j, grade, b);
}

static const char *const clamp_names[] = {"none", "floor", "ceiling"};

static int outputs(lsi_calc *k, const lsi_injury *j, const benefits *b)
{
    const lsi_named_dec out[] = {
        {"own_wage_used", j->own_wage}, {"one_time_disability_subsidy", b->subsidy},
        {"disability_allowance_monthly", b->allowance}, {"nursing_care_monthly", b->nursing},
        {"one_time_medical_subsidy", b->medical}, {"one_time_employment_subsidy", b->employment},
        {"one_time_death_subsidy", b->death.subsidy}, {"funeral_subsidy", b->death.funeral},
        {"dependants_pension_monthly", b->death.dependants},
        /* only when suspension_months is given (n below) */
        {"suspension_months_max", lsi_dec_from_int(b->suspension_max)},
        {"suspension_months_paid", lsi_dec_from_int(b->suspension_paid)}};
    size_t n = sizeof out / sizeof out[0] - (lsi_in_present(k, "suspension_months") ? 0 : 2);
    int rc = lsi_out_text(k, "own_wage_clamp", clamp_names[b->clamp]);
    return rc ? rc : lsi_out_decs(k, out, n);
}

static int run(lsi_calc *k)
{
    lsi_injury j;
    benefits b;
    int grade, nursing;
    bool death;
    memset(&b, 0, sizeof b);
    b.subsidy = b.allowance = b.nursing = b.medical = b.employment = LSI_ZERO_FEN;
    b.death.subsidy = b.death.funeral = b.death.dependants = LSI_ZERO_FEN;
    int rc = lsi_in_date(k, "injury_date", &j.date);
    if (rc == 0) rc = plausible_person(k, j.date);
    if (rc == 0) rc = read_grade(k, &grade);
    if (rc == 0) rc = lsi_in_choice(k, "nursing_level", &nursing);
    if (rc == 0) rc = lsi_in_bool(k, "death", &death);
    if (rc == 0) rc = check_combination(k, death, grade, nursing);
    if (rc == 0) rc = lsi_injury_area_wage_step(k, j.date, &j.area_wage);
    if (rc == 0) rc = own_wage(k, &j, &b.clamp);
    if (rc == 0) rc = suspension(k, &j, &b);
    if (rc == 0)
        rc = death ? lsi_injury_death_benefits(k, &j, &b.death)
                   : disability(k, &j, grade, nursing, &b);
    return rc ? rc : outputs(k, &j, &b);
}

/* -------------------- descriptor (schema: data/schemas/work_injury.tsv) */

const lsi_scheme lsi_scheme_work_injury = LSI_SCHEME(work_injury, run);

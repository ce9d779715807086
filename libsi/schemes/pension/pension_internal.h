/*
 * Enterprise employee basic pension (企业职工基本养老保险): the statutory steps
 * shared by the pension calculations (pension.c, pension_after.c) and by the
 * actuarial projection.  Every function records one trace step citing its
 * legal basis; docs/pension.md lists them with their sources.
 */
#ifndef LIBSI_PENSION_INTERNAL_H
#define LIBSI_PENSION_INTERNAL_H

#include "calc_internal.h"
#include "retirement_age.h"

/* One month of a contribution history (缴费记录). */
typedef struct lsi_history_month {
    int month;          /* month index */
    lsi_dec base;       /* monthly contribution base (缴费基数) */
    lsi_dec wage;       /* average wage for the index, when the history gives it */
    lsi_dec rate;       /* crediting rate of the month's year, when given */
    bool has_wage, has_rate;
} lsi_history_month;

typedef struct lsi_history {
    size_t n;
    lsi_history_month *m; /* strictly increasing months */
    size_t contributing;  /* months with a base above 0: a base of 0 is no contribution */
} lsi_history;

/* How the year's own credits earn interest (a named, configurable rule;
 * docs/pension.md "Crediting"). */
typedef enum lsi_interest_rule {
    LSI_INTEREST_1083 = 0,       /* 劳办发〔1997〕116号: credits × r × 1.083 × ½ */
    LSI_INTEREST_YEAR_END = 1    /* credits of the year earn no interest that year */
} lsi_interest_rule;

#define LSI_INTEREST_CHOICES "credits_1083|credits_no_interest"

/* Read the history named by input `field`: a file path, or the text itself
 * when it contains a newline.  CSV (header month,base[,average_wage]
 * [,crediting_rate]) or YAML (a list of mappings with the same keys). */
int lsi_history_read(lsi_calc *k, const char *field, lsi_history *h);

/* The same without the enterprise band check (another scheme's band applies:
 * the institution pension, issue #15). */
int lsi_history_parse(lsi_calc *k, const char *field, lsi_history *h);

/* Every month's base against its band (pension_bands.c): an error naming the
 * month, or with input history_bands=record each month outside is listed in
 * the trace and flagged outside_band. */
int lsi_history_bands(lsi_calc *k, const lsi_history *h);

/* 平均缴费工资指数: Σ(base_m / wage_m) / n, exact, carried by
 * LSI_ROUND_INDEX_CARRY; months before `until` (month index) only. */
int lsi_average_index(lsi_calc *k, const lsi_history *h, int until, lsi_dec *z);

/* 个人账户储存额 after the credits of month `as_of`, interest credited at the
 * close of each earlier year.  `opening` is the balance before the first
 * month's year. */
int lsi_account_balance(lsi_calc *k, const lsi_history *h, int as_of, lsi_interest_rule rule,
                        lsi_dec opening, lsi_dec *balance);

/* The account's two inputs beside a history: the interest rule for the
 * current year's credits (`account_interest`) and the balance before the
 * history's first year (`opening_balance`, not negative). */
int lsi_account_inputs(lsi_calc *k, int *rule, lsi_dec *opening);

/* A history for a pension ends before the retirement month: later months are
 * no contribution months before retirement. */
int lsi_history_before_retirement(lsi_calc *k, const lsi_history *h, int retire_month);

/* A record given by a history, not by the summary inputs `summary[0..n)`:
 * none of them may be given with it (the error names the first). */
int lsi_history_alone(lsi_calc *k, const char *const *summary, size_t n);

/* The minimum contribution months of the retirement year whose first day is
 * `date` (pension.minimum_contribution_months, 办法第二条): the result of the
 * caller's step and the output minimum_contribution_months. */
int lsi_minimum_months(lsi_calc *k, int date, int64_t *minimum);

/* The figures of the eligibility step (社会保险法第十六条): the total months
 * in the trace and outputs, whether eligible, and the months short if not. */
int lsi_eligibility_report(lsi_calc *k, int64_t total_months, int64_t minimum, bool eligible);

/* The monthly pension as the sum of its components parts[0..n), each already
 * rounded to the fen (approval forms: 养老金核定表); LIBSI_ERANGE on overflow,
 * the caller names the field. */
int lsi_pension_sum(const lsi_dec *parts, size_t n, lsi_dec *sum);

/* 计发月数 for an age in months (国发〔2005〕38号 附件, months interpolated). */
int lsi_divisor_for_age(lsi_calc *k, int date, int age_months, lsi_dec *divisor);

/* 基础养老金 with the Guangdong low-index coefficient; months = all
 * contribution months, actual and deemed. */
int lsi_basic_pension(lsi_calc *k, int date, lsi_dec base_c, lsi_dec z, int64_t months,
                      lsi_dec *out);

/* 过渡性养老金 (old method), the 2021– adjustment towards the new method, and
 * the fixed supplements (pension_transition.c). */
int lsi_pension_transitional(lsi_calc *k, int date, lsi_dec c, int64_t total_months,
                             int64_t deemed, lsi_dec *old_method, lsi_dec *new_method,
                             lsi_dec *adjustment, lsi_dec *supplements);

/* How a history's bases outside their band are treated (pension_bands.c). */
#define LSI_HISTORY_BANDS_INPUT \
    {"history_bands", LIBSI_TYPE_ENUM, "", "check|record", 0, "", \
     "history path: a base outside its month's band is an error (check, the default when " \
     "absent) or taken as recorded and flagged outside_band (record)", \
     "国办发〔2019〕13号 §三; Guangdong limits (rule data)", "", ""}

/* The inputs of the `pension` calculation, shared with `pension_measures`. */
#define LSI_PENSION_GF38 "国发〔2005〕38号"
#define LSI_PENSION_DELAY "国务院《关于渐进式延迟法定退休年龄的办法》"
#define LSI_PENSION_INPUTS \
    LSI_INPUT_CITY_AS(1, "", \
        "city: GB/T 2260 code (440100), pinyin (guangzhou) or Chinese name (广州)", "rule data"), \
    {"retirement_group", LIBSI_TYPE_ENUM, "", LSI_RETIREMENT_GROUP_CHOICES, 1, "", \
     "original statutory group: men 60, women cadres 55, women workers 50", LSI_PENSION_DELAY "第一条", "", ""}, \
    {"birth_date", LIBSI_TYPE_DATE, "", "", 1, "", "birth date YYYY-MM or YYYY-MM-DD", \
     LSI_PENSION_DELAY "第一条", "", ""}, \
    {"retirement_date", LIBSI_TYPE_MONTH, "", "", 0, "", \
     "month of retirement (default: the statutory month); flexible window ±3 years", \
     LSI_PENSION_DELAY "第三条", "", ""}, \
    {"contribution_months", LIBSI_TYPE_INTEGER, "months", "", 0, "", \
     "actual paid contribution months (summary path)", "社会保险法第十六条", "0", "the months from age 16 (labour.minimum_working_age, 《劳动法》第十五条) up to the retirement month"}, \
    {"deemed_months", LIBSI_TYPE_INTEGER, "months", "", 0, "0", \
     "deemed contribution months (视同缴费年限)", LSI_PENSION_GF38, "0", "the months from age 16 (labour.minimum_working_age, 《劳动法》第十五条) up to the retirement month, with contribution_months"}, \
    {"average_index", LIBSI_TYPE_DECIMAL, "index", "", 0, "", \
     "average contribution wage index Z (平均缴费工资指数), summary path", LSI_PENSION_GF38, "pension.average_index.min (rule data: 0.18)", "pension.average_index.max (rule data: 3, the 300 % ceiling, 劳办发〔1997〕116号)"}, \
    {"account_balance", LIBSI_TYPE_DECIMAL, "yuan", "", 0, "", \
     "personal account balance at retirement (summary path)", LSI_PENSION_GF38, "0", ""}, \
    {"deemed_account_balance", LIBSI_TYPE_DECIMAL, "yuan", "", 0, "0", \
     "deemed-contribution account balance (视同缴费账户), old transitional method", \
     "agency practice seen on approval forms (养老金核定表), conf. M", "0", ""}, \
    {"transition_years", LIBSI_TYPE_DECIMAL, "years", "", 0, "", \
     "weighted transitional years W of the new method (default: deemed index × deemed " \
     "months / 12)", "粤府函〔2021〕294号", "0", "pension.average_index.max × (deemed_months + min(54, contribution_months)) / 12 (粤府函〔2021〕294号)"}, \
    {"calculation_base", LIBSI_TYPE_DECIMAL, "yuan/month", "", 0, "", \
     "override of the calculation base C (recorded as an override)", "粤人社发〔2025〕32号 §二", "above 0", "pension.calculation_base.max (rule data: 100000)"}, \
    {"history", LIBSI_TYPE_TEXT, "", "", 0, "", \
     "monthly history instead of the summary inputs: path of a CSV/YAML file (or the text " \
     "itself); columns month,base[,average_wage][,crediting_rate]", LSI_PENSION_GF38, "", ""}, \
    {"account_interest", LIBSI_TYPE_ENUM, "", LSI_INTEREST_CHOICES, 0, "credits_1083", \
     "interest on the year's own credits (history path)", "劳办发〔1997〕116号", "", ""}, \
    LSI_HISTORY_BANDS_INPUT, \
    {"opening_balance", LIBSI_TYPE_DECIMAL, "yuan", "", 0, "0", \
     "account balance before the history's first year (history path)", LSI_PENSION_GF38, "0", ""}, \
    LSI_INPUT_KNOWN_ON_DATED, \
    LSI_INPUT_CARRY_FORWARD_AS( \
        "carry the last rule value forward when none covers the date (flagged)")

/* "60y8m" */

/* The pension calculation, run as a kernel by measures and projections. */
extern const lsi_scheme lsi_scheme_pension;

#endif

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
 * docs/pension.md "Crediting"), in the order of the choices of the input
 * account_interest (data/schemas/pension.tsv): credits_1083|credits_no_interest. */
typedef enum lsi_interest_rule {
    LSI_INTEREST_1083 = 0,       /* 劳办发〔1997〕116号: credits × r × 1.083 × ½ */
    LSI_INTEREST_YEAR_END = 1    /* credits of the year earn no interest that year */
} lsi_interest_rule;

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


/* 计发月数 for an age in months (国发〔2005〕38号 附件, months interpolated). */
/* The table's rule names, pension.divisor.age_40 to _70 (static storage:
 * the rule cache is keyed by the name's address). */
extern const char *const lsi_pension_divisor_names[31];
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

/* "60y8m" */

/* The pension calculation, run as a kernel by measures and projections. */
extern const lsi_scheme lsi_scheme_pension;

/* Its compiled path for batch rows of the summary path at trace level none
 * (pension_compiled.c, calc/compiled.h). */
extern const lsi_compiled lsi_pension_compiled;

#endif

/*
 * Enterprise employee basic pension (企业职工基本养老保险): the statutory steps
 * shared by the pension calculations (pension.c, pension_after.c) and by the
 * actuarial projection.  Every function records one trace step citing its
 * legal basis; docs/pension.md lists them with their sources.
 */
#ifndef LIBSI_PENSION_INTERNAL_H
#define LIBSI_PENSION_INTERNAL_H

#include "calc_internal.h"

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

/* 平均缴费工资指数: Σ(base_m / wage_m) / n, exact, carried by
 * LSI_ROUND_INDEX_CARRY; months before `until` (month index) only. */
int lsi_average_index(lsi_calc *k, const lsi_history *h, int until, lsi_dec *z);

/* 个人账户储存额 after the credits of month `as_of`, interest credited at the
 * close of each earlier year.  `opening` is the balance before the first
 * month's year. */
int lsi_account_balance(lsi_calc *k, const lsi_history *h, int as_of, lsi_interest_rule rule,
                        lsi_dec opening, lsi_dec *balance);

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

/* "60y8m" */
void lsi_format_age(int months, char buf[16]);

#endif

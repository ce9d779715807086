/*
 * Statutory retirement age under the gradual increase from 2025-01-01
 * (全国人大常委会决定 and 国务院《关于渐进式延迟法定退休年龄的办法》第一条、第三条).
 * Shared by the pension and the unemployment calculations (the latter for
 * the benefit extension to the statutory retirement age, 办法第七条).
 */
#ifndef LIBSI_RETIREMENT_AGE_H
#define LIBSI_RETIREMENT_AGE_H

#include <stdbool.h>

#include "calc_internal.h"

/* Original statutory group: men 60, women cadres 55, women workers 50.
 * Special types of work (办法第八条) would be further groups. */
typedef enum lsi_retirement_group {
    LSI_GROUP_MALE60 = 0,
    LSI_GROUP_FEMALE55 = 1,
    LSI_GROUP_FEMALE50 = 2
} lsi_retirement_group;

/* "male60|female55|female50": the choices of @retirement_group in
 * data/schemas/common.tsv, in the order of the enum above. */
#define LSI_RETIREMENT_GROUP_CHOICES LSI_SCHEMA_CHOICES_retirement_group

typedef struct lsi_retirement_age {
    int original_months;  /* original statutory age: 720, 660 or 600 */
    int delay_months;     /* 第一条: one month per 4 (or 2) months of birth */
    int age_months;       /* statutory age = original + delay */
    int month_index;      /* month in which the statutory age is reached */
    int date;             /* YYYYMMDD: birth date + statutory age */
    int earliest_month;   /* 第三条: flexible early, ≤ 3 years, ≥ original age */
    int latest_month;     /* 第三条: flexible late, ≤ 3 years */
} lsi_retirement_age;

/* Statutory retirement age of a person born on `birth_ymd` (YYYYMMDD; day 1
 * when only the month is known).  Returns 0, or LIBSI_EDATE for an invalid
 * date.  Month indexes are year × 12 + month − 1 (lsi_date_month_index). */
int lsi_statutory_retirement(lsi_retirement_group g, int birth_ymd, lsi_retirement_age *out);
/* The same for a group and a date known valid (a calculation's enum and date
 * inputs, checked when parsed): no test, no error. */
void lsi_statutory_retirement_valid(lsi_retirement_group g, int birth_ymd,
                                    lsi_retirement_age *out);

/* The latest age at which anyone retires, in months: the highest statutory
 * age (第一条) plus the flexible delay (第三条). */
int lsi_latest_retirement_age_months(void);

/* ---- from a calculation's inputs (retirement_inputs.c) ---- */

/* The statutory age of the inputs `retirement_group` and `birth_date` (errors
 * name the input); *birth_ymd may be NULL. */
int lsi_in_retirement(lsi_calc *k, lsi_retirement_age *out, int *birth_ymd);

/* Whether the case gives the person's retirement facts (birth_date or retirement_group) and
 * whether it states far_from_retirement=true instead; both at once is an error on
 * far_from_retirement.  The caller decides what a case with neither needs. */
int lsi_in_retirement_facts(lsi_calc *k, bool *facts, bool *far);
/* `months` no more than the longest working life on `date` when no birth
 * date is known: from the earliest working age to the latest retirement age
 * (办法第一条、第三条). */
int lsi_check_career_months(lsi_calc *k, const char *input, int64_t months, int date);

#endif

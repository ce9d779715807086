/*
 * The urban and rural residents' basic pension (城乡居民基本养老保险),
 * shared by its calculations (resident_contribution, resident_account,
 * resident_pension, resident_death, scheme_switch).
 *
 * 国发〔2014〕8号 第四条–第九条: yearly contributions at a grade chosen by the
 * insured (缴费档次), a government subsidy at entry (入口补贴), collective
 * subsidies, the government's payment for vulnerable groups (代缴); all of it
 * credited to the personal account (第六条); at 60 with 15 years, the basic
 * pension plus the account balance ÷ 139 (第八条、第九条).  The Guangdong and
 * city values are rule data (data/rules/resident-pension.yaml).
 */
#ifndef LIBSI_RESIDENT_INTERNAL_H
#define LIBSI_RESIDENT_INTERNAL_H

#include "calc_internal.h"

#define LSI_RESIDENT_MAX_GRADES 10

/* The 代缴 groups, in the order of LSI_RESIDENT_CATEGORIES. */
#define LSI_RESIDENT_CATEGORIES                                                             \
    "none|dibao|tekun|low_income|severe_disability|mental_disability|registered_poor|"     \
    "poverty_monitoring|disability_aid"
enum { LSI_RESIDENT_NOT_VULNERABLE = 0, LSI_RESIDENT_DISABILITY_AID = 8 };

/* One contribution year: what is paid, by whom, and what the account gets. */
typedef struct lsi_resident_year {
    int grade;                 /* 1..count; 0: no grade (代缴 only, or an amount) */
    lsi_dec amount;            /* the contribution of the year (grade amount) */
    lsi_dec personal;          /* paid by the insured */
    lsi_dec proxy;             /* paid by the government for a vulnerable person (代缴) */
    lsi_dec subsidy;           /* government contribution subsidy (入口补贴) */
    lsi_dec collective;        /* collective subsidy (集体补助) */
    lsi_dec credit;            /* credited to the personal account */
} lsi_resident_year;

/* The number of grades of the table in force on `date` (YYYYMMDD). */
int lsi_resident_grade_count(lsi_calc *k, int date, int *count);
/* The amount and the government subsidy of grade `grade` (1..count). */
int lsi_resident_grade(lsi_calc *k, int date, int grade, lsi_dec *amount, lsi_dec *subsidy);
/* The grade whose amount is `amount`, or the error naming `input`. */
int lsi_resident_grade_of(lsi_calc *k, int date, lsi_dec amount, const char *input, int *grade);
/* A contribution year: grade (0: none), 代缴 category, collective subsidy →
 * the amounts of `y` (steps traced when the calculation records). */
int lsi_resident_contribution_year(lsi_calc *k, int date, int grade, int category,
                                   lsi_dec collective, lsi_resident_year *y);
/* `v` rounded to the fen (LSI_ROUND_FEN): money outputs carry two decimals. */
lsi_dec lsi_resident_fen(lsi_dec v);

extern const lsi_scheme lsi_scheme_resident_pension;
extern const lsi_scheme lsi_scheme_resident_account;

#endif

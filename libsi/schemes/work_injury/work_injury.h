/*
 * Work-injury benefits: the case shared by the disability part
 * (work_injury.c) and the death part (work_injury_death.c) of the scheme
 * `work_injury`.
 */
#ifndef LIBSI_WORK_INJURY_H
#define LIBSI_WORK_INJURY_H

#include "calc_internal.h"

typedef struct lsi_injury {
    int date;          /* injury date, YYYYMMDD */
    lsi_dec area_wage; /* pooling area's average monthly wage of the year before the injury */
    lsi_dec own_wage;  /* 本人工资 after the 60 %–300 % clamp (第六十四条) */
} lsi_injury;

typedef struct lsi_injury_death {
    lsi_dec subsidy;    /* 一次性工亡补助金 */
    lsi_dec funeral;    /* 丧葬补助金 */
    lsi_dec dependants; /* 供养亲属抚恤金, all dependants, per month, after the cap */
} lsi_injury_death;

/* The pooling area's average monthly wage of the year before `date` (rule
 * value, or the input area_average_wage), recorded as its own step
 * (work_injury_wage.c). */
int lsi_injury_area_wage_step(lsi_calc *k, int date, lsi_dec *out);

/* The same for a later event on `date`: an event in the injury's year reuses
 * j->area_wage without a new step. */
int lsi_injury_area_wage(lsi_calc *k, const lsi_injury *j, int date, lsi_dec *out);

/* 《工伤保险条例》第三十九条: the benefits of a death at work (inputs
 * death_date, dependants). */
int lsi_injury_death_benefits(lsi_calc *k, const lsi_injury *j, lsi_injury_death *out);

#endif

/*
 * The `retirement_age` calculation: statutory retirement age and month, the
 * flexible window and the minimum contribution period of the statutory
 * retirement year, for one person (国务院《关于渐进式延迟法定退休年龄的办法》
 * 第一条–第三条, 附件1–4).  Needs no city: the rule is national.
 */
#include <stdio.h>

#include "pension_internal.h"
#include "retirement_age.h"

/* 国务院《关于渐进式延迟法定退休年龄的办法》第一条 (附件1–3) */
static int statutory(lsi_calc *k, lsi_retirement_age *a)
{
    lsi_step(k, retirement_age_statutory);
    int rc = lsi_in_retirement(k, a, NULL);
    if (rc != 0)
        return rc;
    char day[11];
    lsi_date_format(a->date, day);
    lsi_step_value(k, "delay_months", lsi_dec_from_int(a->delay_months));
    lsi_step_age(k, "statutory_age", a->age_months);
    rc = lsi_out_age(k, "statutory_retirement_age", a->age_months);
    if (rc == 0) rc = lsi_out_dec(k, "delay_months", lsi_dec_from_int(a->delay_months));
    if (rc == 0) rc = lsi_out_month(k, "statutory_retirement_date", a->month_index);
    if (rc == 0) rc = lsi_out_text(k, "statutory_retirement_day", day);
    return rc;
}

/* 国务院《关于渐进式延迟法定退休年龄的办法》第三条 */
static int window(lsi_calc *k, const lsi_retirement_age *a)
{
    lsi_step(k, flexible_window);
    int rc = lsi_out_month(k, "earliest_retirement_date", a->earliest_month);
    if (rc == 0) rc = lsi_out_month(k, "latest_retirement_date", a->latest_month);
    if (rc != 0 || !lsi_in_present(k, "retirement_date"))
        return rc;
    int m;
    rc = lsi_in_month(k, "retirement_date", &m);
    if (rc == 0 && (m < a->earliest_month || m > a->latest_month)) {
        char lo[8], hi[8];
        lsi_month_format(a->earliest_month, lo);
        lsi_month_format(a->latest_month, hi);
        return lsi_in_invalid(k, "retirement_date",
                              "outside the flexible window %s .. %s (办法第三条)", lo, hi);
    }
    return rc;
}

/* 社会保险法第十六条; 国务院《关于渐进式延迟法定退休年龄的办法》第二条 and 附件4 */
static int minimum_years(lsi_calc *k, const lsi_retirement_age *a)
{
    lsi_step(k, retirement_age_minimum_months);
    lsi_dec min;
    int month = a->month_index;
    if (lsi_in_present(k, "retirement_date") && lsi_in_month(k, "retirement_date", &month) != 0)
        return LIBSI_EINPUT;
    int rc = lsi_param(k, "pension.minimum_contribution_months", lsi_month_first_day(month), &min);
    if (rc != 0)
        return rc;
    lsi_step_result(k, min);
    return lsi_out_dec(k, "minimum_contribution_months", min);
}

static int run(lsi_calc *k)
{
    lsi_retirement_age a;
    int rc = statutory(k, &a);
    if (rc == 0) rc = window(k, &a);
    return rc ? rc : minimum_years(k, &a);
}

/* ------------------------------------------------------------ divisor */

/* "60y3m" → 723; a plain integer is months. */
static int parse_age(const char *s, int *months)
{
    int y = 0, m = 0, used = 0;
    if (sscanf(s, "%3dy%2dm%n", &y, &m, &used) == 2 && s[used] == '\0' && m < 12 && y >= 0 &&
        m >= 0) {
        *months = y * 12 + m;
        return 0;
    }
    return -1;
}

static int run_divisor(lsi_calc *k)
{
    int age, month;
    lsi_dec divisor;
    if (parse_age(lsi_in_text(k, "age"), &age) != 0)
        return lsi_in_invalid(k, "age", "expected years and months like 60y3m");
    int rc = lsi_in_month(k, "retirement_date", &month);
    if (rc == 0) rc = lsi_divisor_for_age(k, lsi_month_first_day(month), age, &divisor);
    return rc ? rc : lsi_out_dec(k, "divisor", divisor);
}

/* The schema (name, description, fields): data/schemas/pension.tsv. */
const lsi_scheme lsi_scheme_pension_divisor = LSI_SCHEME(pension_divisor, run_divisor);

/* ---------------------------------------------------- retirement age */

const lsi_scheme lsi_scheme_retirement_age = LSI_SCHEME(retirement_age, run);

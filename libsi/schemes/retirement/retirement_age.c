/*
 * Statutory retirement age, 全国人大常委会《关于实施渐进式延迟法定退休年龄的决定》
 * and 国务院《关于渐进式延迟法定退休年龄的办法》 (in force 2025-01-01):
 *
 *  第一条: men and women with original age 55 are delayed one month for every
 *  four months of birth from January 1965 / January 1970, up to 63 and 58;
 *  women with original age 50 one month for every two months of birth from
 *  January 1975, up to 55.  The generated tables equal 附件1–3 (reference
 *  Appendix R).
 *  第三条: flexible early retirement by at most three years but never below the
 *  original age; flexible late retirement by at most three years.
 */
#include "internal.h"
#include "retirement_age.h"

/* 第三条: flexible retirement by at most three years either way. */
#define FLEXIBLE_MONTHS 36

typedef struct group_rule {
    int original_months; /* 原法定退休年龄 */
    int start_month;     /* first birth month affected (month index) */
    int step;            /* months of birth per month of delay */
    int cap;             /* maximum delay in months */
} group_rule;

static const group_rule rules[] = {
    [LSI_GROUP_MALE60] = {60 * 12, 1965 * 12, 4, 36},
    [LSI_GROUP_FEMALE55] = {55 * 12, 1970 * 12, 4, 36},
    [LSI_GROUP_FEMALE50] = {50 * 12, 1975 * 12, 2, 60},
};

/* 第一条: delay = 0 before the start month, else ⌊k / step⌋ + 1, capped. */
static int delay_for_birth_month(const group_rule *r, int birth_month)
{
    int k = birth_month - r->start_month;
    if (k < 0)
        return 0;
    int delay = k / r->step + 1;
    return delay < r->cap ? delay : r->cap;
}

/* 第三条: the flexible window, three years either side, never below the
 * original statutory age. */
static void flexible_window(const group_rule *r, int birth_month, lsi_retirement_age *out)
{
    int earliest = out->month_index - FLEXIBLE_MONTHS;
    int original = birth_month + r->original_months;
    out->earliest_month = earliest > original ? earliest : original;
    out->latest_month = out->month_index + FLEXIBLE_MONTHS;
}

/* The day the statutory age is reached: the birthday in the month of the
 * statutory age; a day 29–31 the month may lack is the date arithmetic's
 * (the last day of the month). */
static int retirement_date(int birth_ymd, int month_index, int age_months)
{
    int day = birth_ymd % 100;
    return day <= 28 ? lsi_month_first_day(month_index) + day - 1
                     : lsi_date_add_months(birth_ymd, age_months);
}

int lsi_latest_retirement_age_months(void)
{
    int latest = 0;
    for (size_t g = 0; g < sizeof rules / sizeof rules[0]; g++)
        if (rules[g].original_months + rules[g].cap > latest)
            latest = rules[g].original_months + rules[g].cap;
    return latest + FLEXIBLE_MONTHS;
}

int lsi_statutory_retirement(lsi_retirement_group g, int birth_ymd, lsi_retirement_age *out)
{
    if ((unsigned)g > LSI_GROUP_FEMALE50 || !lsi_date_valid(birth_ymd))
        return LIBSI_EDATE;
    lsi_statutory_retirement_valid(g, birth_ymd, out);
    return 0;
}

void lsi_statutory_retirement_valid(lsi_retirement_group g, int birth_ymd,
                                    lsi_retirement_age *out)
{
    const group_rule *r = &rules[g];
    int birth_month = lsi_date_month_index(birth_ymd);
    out->original_months = r->original_months;
    out->delay_months = delay_for_birth_month(r, birth_month);
    out->age_months = r->original_months + out->delay_months;
    out->month_index = birth_month + out->age_months;
    out->date = retirement_date(birth_ymd, out->month_index, out->age_months);
    flexible_window(r, birth_month, out);
}

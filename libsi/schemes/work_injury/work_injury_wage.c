/*
 * The pooling area's average wage of the year before an event, the measure
 * of the nursing allowance, the termination subsidies and the death benefits
 * of the scheme `work_injury` (《工伤保险条例》第六十四条 统筹地区职工平均工资;
 * 《广东省工伤保险条例》 as amended in 2019).  Shared by the disability part
 * (work_injury.c) and the death part (work_injury_death.c).
 */
#include <stdio.h>

#include "work_injury.h"

/* 《广东省工伤保险条例》 as amended in 2019: from 2019-07-01 the benefit wage
 * is the provincial previous-year average, or the city's where that is
 * higher (the switch is the rule value provincial_floor: 1 from then on). */
static int area_wage_from_rules(lsi_calc *k, int date, lsi_dec *out)
{
    int prev = lsi_previous_year(date);
    lsi_dec prov, higher_of;
    int rc = lsi_param(k, "wage.city_on_post_average_monthly", prev, out);
    if (rc == 0) rc = lsi_param(k, "work_injury.area_wage.provincial_floor", date, &higher_of);
    if (rc != 0 || lsi_dec_is_zero(higher_of))
        return rc;
    rc = lsi_param(k, "wage.provincial_average_monthly", prev, &prov);
    if (rc == 0 && lsi_dec_cmp(prov, *out) > 0)
        *out = prov;
    return rc;
}

/* 《工伤保险条例》第六十四条 */
int lsi_injury_area_wage_step(lsi_calc *k, int date, lsi_dec *out)
{
    lsi_step(k, area_average_wage);
    int rc;
    if (lsi_in_present(k, "area_average_wage")) {
        rc = lsi_param_or_input(k, "wage.city_on_post_average_monthly", date,
                                "area_average_wage", out);
    } else {
        rc = area_wage_from_rules(k, date, out);
        if (rc == LIBSI_ENOTFOUND) {
            char why[LSI_MSG_MAX / 2]; /* the lookup's message, before it is replaced */
            snprintf(why, sizeof why, "%s", libsi_ctx_message(k->ctx));
            rc = lsi_fail(k->ctx, LIBSI_ENOTFOUND, "area_average_wage",
                          "input 'area_average_wage': no average wage in the rule data for %d "
                          "(%s); give the input", date / 10000 - 1, why);
        }
    }
    if (rc == 0 && lsi_dec_is_zero(*out))
        rc = lsi_in_invalid(k, "area_average_wage", "must be positive");
    if (rc == 0 && lsi_in_present(k, "area_average_wage"))
        rc = lsi_check_rule_range(k, "area_average_wage", *out, NULL, "wage.average_monthly.max",
                                  date);
    if (rc == 0)
        lsi_step_result(k, *out);
    return rc;
}

int lsi_injury_area_wage(lsi_calc *k, const lsi_injury *j, int date, lsi_dec *out)
{
    if (date / 10000 == j->date / 10000) {
        *out = j->area_wage;
        return 0;
    }
    return lsi_injury_area_wage_step(k, date, out);
}

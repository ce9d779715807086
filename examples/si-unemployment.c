/*
 * si-unemployment: unemployment insurance benefit of a claim in Guangdong,
 * and the fund's other payments, explained step by step.
 *
 *   si-unemployment city=guangzhou claim_date=2026-07 contribution_months=70 \
 *       birth_date=1975-04-01 retirement_group=male60
 *   si-unemployment death city=zhaoqing death_date=2026-03-01 city_average_wage=7000
 *   si-unemployment refund city=guangzhou year=2025 firm_size=sme insured_count=25 layoffs=4 \
 *       months_paid_in_full=36 premiums_paid_last_year=18000
 *   si-unemployment skill city=guangzhou certificate_level=advanced certificate_date=2025-06-01 \
 *       contribution_months=40
 */
#include <string.h>

#include "calculator.h"

static const struct {
    const char *command, *scheme, *summary;
} commands[] = {
    {"death", "unemployment_death", "Funeral subsidy and survivors' payment (第二十一条)."},
    {"refund", "job_stabilisation_refund", "Job-stabilisation refund of premiums (稳岗返还)."},
    {"skill", "skill_subsidy", "Skill-upgrade subsidy (技能提升补贴)."},
};

int main(int argc, char **argv)
{
    for (size_t i = 0; argc > 1 && i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].command) == 0) {
            argv[1] = argv[0];
            return calculator_main(argc - 1, argv + 1, commands[i].scheme, commands[i].summary);
        }
    }
    return calculator_main(argc, argv, "unemployment",
                           "Unemployment benefit of one claim (《广东省失业保险条例》): duration, "
                           "monthly amounts at each month's minimum wage, extension to the "
                           "retirement age.  Sub-commands: death, refund, skill.");
}

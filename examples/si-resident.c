/*
 * si-resident: the urban and rural residents' basic pension (城乡居民基本养老保险)
 * of Guangdong, explained step by step with the article each step applies.
 *
 *   si-resident city=zhaoqing birth_date=1965-03-10 contribution_years=18 account_balance=15000
 *   si-resident contribution city=guangzhou payment_date=2025-03-01 grade=3
 *   si-resident contribution city=zhanjiang payment_date=2025-03-01 vulnerable=dibao
 *   si-resident account city=guangzhou history='2022,g1;2023,g2;2024,g2'
 *   si-resident death city=zhaoqing death_date=2025-05-01 account_balance=8000 funeral_grant=1000
 *   si-resident switch city=guangzhou birth_date=1975-06 retirement_group=male60 \
 *       switch_date=2026-01 base=5510 grade=3 resident_years=10 account_balance=20000
 *   si-resident --json --case examples/resident/pension.yaml
 */
#include <string.h>

#include "calculator.h"

static const struct {
    const char *command, *scheme, *summary;
} commands[] = {
    {"contribution", "resident_contribution",
     "One year's contribution: grade, government payment for vulnerable groups (代缴), "
     "subsidies, account credit."},
    {"account", "resident_account", "Personal-account balance from a yearly history."},
    {"death", "resident_death", "Funeral grant and inheritable account balance."},
    {"switch", "scheme_switch",
     "Staying in the residents' pension vs moving to the employee pension at a chosen base."},
};

int main(int argc, char **argv)
{
    for (size_t i = 0; argc > 1 && i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].command) == 0) {
            argv[1] = argv[0];
            return calculator_main(argc - 1, argv + 1, commands[i].scheme, commands[i].summary);
        }
    }
    return calculator_main(argc, argv, "resident_pension",
                           "Monthly residents' pension (城乡居民基本养老保险, 国发〔2014〕8号): "
                           "eligibility, basic pension, supplements, account pension.  "
                           "Sub-commands: contribution, account, death, switch (each with --help).");
}

/*
 * si-pension: recompute a Guangdong pension approval form (养老金核定表) step
 * by step, with the article each step applies.
 *
 *   si-pension city=guangzhou retirement_group=male60 birth_date=1965-03 \
 *       contribution_months=420 deemed_months=60 average_index=1.2 account_balance=150000
 *   si-pension --json --case retiree.yaml
 *   si-pension age birth_date=1967-05-12 retirement_group=male60
 *   si-pension account history=history.csv as_of=2025-12
 *   si-pension adjust city=guangzhou year=2025 pension=4000
 *   si-pension death city=guangzhou death_date=2025-05-01 contribution_months=300 income_base=60000
 *   si-pension recalc city=guangzhou retirement_group=male60 birth_date=1965-03-10 \
 *       contribution_months=360 average_index=1.5 account_balance=180000 paid_from=2025-04
 */
#include <string.h>

#include "calculator.h"

static const struct {
    const char *command, *scheme, *summary;
} commands[] = {
    {"age", "retirement_age",
     "Statutory retirement age, flexible window and minimum contribution period."},
    {"account", "pension_account", "Personal-account balance from a monthly history."},
    {"adjust", "pension_adjustment", "Yearly adjustment of a pension in payment."},
    {"death", "pension_death",
     "Funeral subsidy, survivors' pension and inheritable account on a non-work death."},
    {"recalc", "pension_recalculation",
     "A pension paid provisionally with the base known on the first payment day, recalculated "
     "when the year's base is published, and the arrears."},
};

int main(int argc, char **argv)
{
    for (size_t i = 0; argc > 1 && i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].command) == 0) {
            argv[1] = argv[0];
            return calculator_main(argc - 1, argv + 1, commands[i].scheme, commands[i].summary);
        }
    }
    return calculator_main(argc, argv, "pension",
                           "Monthly pension of a new retiree (Guangdong enterprise employee basic "
                           "pension), each component with its legal basis.  Sub-commands: age, "
                           "account, adjust, death, recalc (each with --help).");
}

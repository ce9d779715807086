/*
 * si-institution: the pension of government bodies and public institutions
 * (机关事业单位) and their occupational annuity (职业年金) in Guangdong, step by
 * step with the article each step applies.
 *
 *   si-institution city=guangzhou retirement_group=male60 birth_date=1964-03 \
 *       work_start=1986-07 deemed_months=342 deemed_index=1.3 contribution_months=114 \
 *       actual_index=1.4 account_balance=120000 annuity_monthly=900
 *   si-institution --case examples/institution-transition.yaml
 *   si-institution contrib city=guangzhou month=2025-03 wage=12000
 *   si-institution annuity --case examples/institution-annuity.yaml
 */
#include <string.h>

#include "calculator.h"

static const struct {
    const char *command, *scheme, *summary;
} commands[] = {
    {"contrib", "institution_contribution",
     "Monthly basic-pension and occupational-annuity contributions (机关事业单位)."},
    {"annuity", "occupational_annuity",
     "Occupational annuity: accumulation from a monthly history, 做实, payout and its tax."},
};

int main(int argc, char **argv)
{
    for (size_t i = 0; argc > 1 && i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].command) == 0) {
            argv[1] = argv[0];
            return calculator_main(argc - 1, argv + 1, commands[i].scheme, commands[i].summary);
        }
    }
    return calculator_main(argc, argv, "institution_pension",
                           "Monthly pension of a new retiree of a government body or public "
                           "institution (机关事业单位, Guangdong): new method, old method and the "
                           "2014–2024 transition, each step with its legal basis.  Sub-commands: "
                           "contrib, annuity (each with --help).");
}

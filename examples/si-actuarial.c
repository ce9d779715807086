/*
 * si-actuarial: life expectancy, annuity and insurance factors, and the
 * actuarial measures of a pension, explained step by step.
 *
 *   si-actuarial table=CL5 age=60 interest=0.025 frequency=monthly
 *   si-actuarial measures city=guangzhou retirement_group=male60 birth_date=1965-03-10 \
 *       contribution_months=360 average_index=1.5 account_balance=180000
 */
#include <string.h>

#include "calculator.h"

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "measures") == 0) {
        argv[1] = argv[0];
        return calculator_main(argc - 1, argv + 1, "pension_measures",
                               "Expected present value, money's worth, IRR and replacement rate "
                               "of a pension.");
    }
    return calculator_main(argc, argv, "life_annuity",
                           "Life expectancy, annuity and insurance factors of the CL 2010–2013 "
                           "life tables (GNU MPFR, one rounding).  Sub-command: measures.");
}

/*
 * si-work-injury: work-injury insurance benefits, explained step by step.
 *
 *   si-work-injury city=guangzhou injury_date=2025-05-10 disability_grade=7 \
 *       own_wage=9000 area_average_wage=12000 termination_date=2026-01-01
 *   si-work-injury death city=guangzhou death_date=2025-05-10 own_wage=9000 \
 *       area_average_wage=12000 spouse=true other_dependants=2
 */
#include <string.h>

#include "calculator.h"

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "death") == 0) {
        argv[1] = argv[0];
        return calculator_main(argc - 1, argv + 1, "work_injury_death",
                               "Benefits on a death at work (《工伤保险条例》第三十九条).");
    }
    return calculator_main(argc, argv, "work_injury",
                           "Work-injury disability benefits (《工伤保险条例》, Guangdong).  "
                           "Sub-command: death.");
}

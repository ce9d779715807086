/*
 * si-injury: work-injury insurance benefits of one case (disability,
 * nursing care, termination subsidies, suspension with pay, death at work),
 * explained step by step with the article each applies; --json for JSON.
 *
 *   si-injury city=guangzhou injury_date=2025-05-10 disability_grade=7 \
 *       own_wage=9000 area_average_wage=12000 terminated=true termination_date=2026-01-01 \
 *       birth_date=1980-04-02 retirement_group=male60
 *   si-injury city=guangzhou injury_date=2025-03-01 own_wage=9000 \
 *       area_average_wage=12000 death=true dependants=spouse,child,lone_elder
 */
#include "calculator.h"

int main(int argc, char **argv)
{
    return calculator_main(argc, argv, "work_injury",
                           "Work-injury benefits (《工伤保险条例》, 《广东省工伤保险条例》): own wage, "
                           "disability grade 1–10, nursing care, Guangdong termination subsidies, "
                           "suspension with pay, and death at work (death=true).");
}

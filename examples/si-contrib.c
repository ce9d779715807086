/*
 * si-contrib: monthly social insurance contributions of one insured person
 * in Guangdong (pension, unemployment, work injury), explained step by step.
 *
 *   si-contrib city=guangzhou month=2025-08 wage=30000
 *   si-contrib --json --case case.yaml
 */
#include "calculator.h"

int main(int argc, char **argv)
{
    return calculator_main(argc, argv, "contributions",
                           "Monthly pension, unemployment and work-injury contributions of one "
                           "insured person in Guangdong, with the rule applied at each step.");
}

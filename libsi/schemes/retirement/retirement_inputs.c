/*
 * The retirement facts of a calculation's inputs, shared by the schemes that
 * need them (pension, unemployment, work injury): the statutory retirement
 * age of the inputs `retirement_group` and `birth_date`, and the longest
 * working life (from the earliest working age to the latest retirement age)
 * that bounds a count of contribution months when no birth date is known.
 */
#include "retirement_age.h"

/* The two facts of the statutory age go together: say why the other is needed. */
static int pair_missing(lsi_calc *k)
{
    if (!lsi_in_present(k, "retirement_group"))
        return lsi_fail(k->ctx, LIBSI_EINPUT, "retirement_group",
                        "input 'retirement_group' is required with birth_date: the statutory "
                        "retirement age depends on the group (" LSI_RETIREMENT_GROUP_CHOICES
                        "; 办法第一条)");
    return lsi_fail(k->ctx, LIBSI_EINPUT, "birth_date",
                    "input 'birth_date' is required with retirement_group: the statutory "
                    "retirement age is counted from the birth month (办法第一条)");
}

/* (Read by the pension schema's indices; under another schema by name.) */
int lsi_in_retirement(lsi_calc *k, lsi_retirement_age *out, int *birth_ymd)
{
    int group, birth;
    if (!lsi_in_present_of(k, pension, retirement_group) ||
        !lsi_in_present_of(k, pension, birth_date))
        return pair_missing(k);
    int rc = lsi_in_choice_of(k, pension, retirement_group, &group);
    if (rc == 0) rc = lsi_in_date_of(k, pension, birth_date, &birth);
    if (rc != 0)
        return rc;
    /* (a choice of the group's enum, a date lsi_date_parse accepted: both valid) */
    lsi_statutory_retirement_valid((lsi_retirement_group)group, birth, out);
    if (birth_ymd)
        *birth_ymd = birth;
    return 0;
}

/* The longest working life when no birth date is known: from the earliest
 * working age to the latest retirement age (办法第一条、第三条). */
static int career_months(lsi_calc *k, int date, lsi_months_bound *b)
{
    int rc = lsi_working_age(k, date, &b->age);
    if (rc != 0)
        return rc;
    b->until = lsi_latest_retirement_age_months();
    b->from = 0;
    b->until_what = NULL;
    b->max = b->until - b->age;
    return 0;
}

int lsi_check_career_months(lsi_calc *k, const char *input, int64_t months, int date)
{
    lsi_months_bound b;
    int rc = career_months(k, date, &b);
    return rc ? rc : lsi_check_months(k, input, months, &b);
}

/* far_from_retirement states a fact the case does not otherwise give (办法第七条 for the
 * unemployment extension, the work-injury subsidy's reduction span); with the birth date and
 * group given the two could disagree, so the statement is refused then. */
int lsi_in_retirement_facts(lsi_calc *k, bool *facts, bool *far)
{
    *facts = lsi_in_present(k, "birth_date") || lsi_in_present(k, "retirement_group");
    lsi_in_bool(k, "far_from_retirement", far); /* always 0: a bool has a default (calc.c) */
    if (*facts && *far)
        return lsi_in_invalid(k, "far_from_retirement",
                              "give birth_date and retirement_group, or far_from_retirement=true, "
                              "not both");
    return 0;
}

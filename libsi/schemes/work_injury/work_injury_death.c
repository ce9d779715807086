/*
 * Death at work (因工死亡), 《工伤保险条例》第三十九条 (H):
 *
 *  - one-time death subsidy (一次性工亡补助金) = 20 × the previous year's
 *    national urban residents' per-capita disposable income;
 *  - funeral subsidy (丧葬补助金) = 6 months of the pooling area's
 *    previous-year average monthly wage;
 *  - dependants' pensions (供养亲属抚恤金): spouse 40 %, each other dependant
 *    30 % of the deceased's own wage per month, + 10 % for each lone elder
 *    (孤寡老人) or orphan (孤儿); all together at most the own wage.
 *
 * Rounding: every amount to the fen (LSI_ROUND_FEN, half-up); each
 * dependant's pension is rounded on its own, as each is paid on its own,
 * and the cap applies to their sum.
 */
#include <stdio.h>
#include <string.h>

#include "work_injury.h"

enum dependant_kind { SPOUSE = 0, CHILD, PARENT, GRANDPARENT, GRANDCHILD, SIBLING, ORPHAN, LONE_ELDER };

static const char *const kinds[] = {"spouse",     "child",   "parent", "grandparent",
                                    "grandchild", "sibling", "orphan", "lone_elder"};

#define MAX_DEPENDANTS 20

/* ------------------------------------------------------- lump sums */

/* 《工伤保险条例》第三十九条 */
static int death_subsidy(lsi_calc *k, int death, lsi_dec *out)
{
    lsi_step(k, one_time_death_subsidy);
    lsi_dec income;
    int rc = lsi_param(k, "income.national_urban_disposable_per_capita",
                       lsi_previous_year(death), &income);
    return rc ? rc : lsi_step_times_rule(k, income, "work_injury.death.income_multiple", death,
                                         out);
}

/* 《工伤保险条例》第三十九条 */
/* `wage`: the pooling area's average of the year before the death. */
static int funeral_subsidy(lsi_calc *k, lsi_dec wage, int death, lsi_dec *out)
{
    lsi_step(k, work_injury_funeral_subsidy);
    lsi_step_value(k, "area_wage", wage);
    return lsi_step_times_rule(k, wage, "work_injury.death.funeral_months", death, out);
}

/* ------------------------------------------------------ dependants */

/* Parse "spouse,child,lone_elder" (already checked against the choices). */
static int read_dependants(lsi_calc *k, int *kind, int *n)
{
    const char *p = lsi_in_text(k, "dependants");
    int spouses = 0;
    *n = 0;
    while (p && *p) {
        size_t len = strcspn(p, ",");
        int i = 0;
        while (i < (int)(sizeof kinds / sizeof kinds[0]) &&
               !(strlen(kinds[i]) == len && strncmp(kinds[i], p, len) == 0))
            i++;
        if (*n == MAX_DEPENDANTS)
            return lsi_in_invalid(k, "dependants", "at most %d dependants", MAX_DEPENDANTS);
        spouses += i == SPOUSE;
        kind[(*n)++] = i;
        p += len + (p[len] == ',');
    }
    return spouses > 1 ? lsi_in_invalid(k, "dependants", "at most one spouse") : 0;
}

typedef struct dependant_rates {
    lsi_dec spouse, other, supplement;
} dependant_rates;

static int read_rates(lsi_calc *k, int date, dependant_rates *r)
{
    int rc = lsi_param(k, "work_injury.death.spouse_rate", date, &r->spouse);
    if (rc == 0) rc = lsi_param(k, "work_injury.death.other_rate", date, &r->other);
    return rc ? rc : lsi_param(k, "work_injury.death.lone_supplement", date, &r->supplement);
}

/* 第三十九条: 40 % for the spouse, 30 % for any other dependant, + 10 % for a
 * lone elder or an orphan. */
static int dependant_rate(const dependant_rates *r, int kind, lsi_dec *rate)
{
    *rate = kind == SPOUSE ? r->spouse : r->other;
    if (kind != ORPHAN && kind != LONE_ELDER)
        return 0;
    return lsi_dec_add(*rate, r->supplement, rate);
}

/* Each dependant's pension, rounded to the fen, and their sum. */
static int dependants_sum(lsi_calc *k, const lsi_injury *j, int death, const int *kind, int n,
                          lsi_dec *sum)
{
    dependant_rates r;
    int rc = n > 0 ? read_rates(k, death, &r) : 0;
    *sum = LSI_ZERO_FEN;
    for (int i = 0; rc == 0 && i < n; i++) {
        lsi_dec rate, amount;
        char label[48];
        rc = dependant_rate(&r, kind[i], &rate);
        if (rc == 0) rc = lsi_dec_mul_round(j->own_wage, rate, &LSI_ROUND_FEN, &amount, NULL);
        if (rc == 0) rc = lsi_dec_add(*sum, amount, sum);
        snprintf(label, sizeof label, "dependant_%d_%s", i + 1, kinds[kind[i]]);
        if (rc == 0)
            lsi_step_value(k, label, amount);
    }
    return rc;
}

/* 《工伤保险条例》第三十九条 */
static int dependants_pension(lsi_calc *k, const lsi_injury *j, int death, lsi_dec *out)
{
    lsi_step(k, dependants_pension);
    int kind[MAX_DEPENDANTS], n;
    lsi_dec sum;
    int rc = read_dependants(k, kind, &n);
    if (rc == 0) rc = dependants_sum(k, j, death, kind, n, &sum);
    if (rc != 0)
        return rc;
    lsi_step_value(k, "sum_before_cap", sum);
    lsi_step_value(k, "cap_own_wage", j->own_wage);
    *out = sum;
    if (lsi_dec_cmp(sum, j->own_wage) > 0) {
        *out = j->own_wage;
        lsi_step_flag(k, LIBSI_FLAG_CAPPED);
        lsi_step_note(k, "the sum exceeds the deceased's own wage: capped at the own wage");
    }
    lsi_step_result(k, *out);
    return 0;
}

/* ------------------------------------------------------------ entry */

static int read_death_date(lsi_calc *k, const lsi_injury *j, int *death)
{
    *death = j->date;
    if (!lsi_in_present(k, "death_date"))
        return 0;
    int rc = lsi_in_date(k, "death_date", death);
    if (rc == 0 && *death < j->date) {
        char day[11];
        lsi_date_format(j->date, day);
        rc = lsi_in_invalid(k, "death_date", "before injury_date %s: give the day of death on or "
                                             "after the injury (or leave death_date out for the "
                                             "injury day)", day);
    }
    return rc;
}

int lsi_injury_death_benefits(lsi_calc *k, const lsi_injury *j, lsi_injury_death *out)
{
    int death;
    lsi_dec wage;
    int rc = read_death_date(k, j, &death);
    if (rc == 0) rc = death_subsidy(k, death, &out->subsidy);
    if (rc == 0) rc = lsi_injury_area_wage(k, j, death, &wage);
    if (rc == 0) rc = funeral_subsidy(k, wage, death, &out->funeral);
    return rc ? rc : dependants_pension(k, j, death, &out->dependants);
}

/*
 * Deterministic projection of a pension fund (精算平衡): the scenario read
 * from YAML and the state of the model.  Persons are decimals carried to
 * 6 decimals (expected numbers), money to the fen; every rounding is a named
 * rule.  docs/actuarial.md gives the equations.
 */
#ifndef LIBSI_PROJECTION_INTERNAL_H
#define LIBSI_PROJECTION_INTERNAL_H

#include "calc_internal.h"
#include "mortality.h"
#include "projection_resident.h" /* the residents' fund (issue #14) */
#define LSI_GROUPS 3 /* male60, female55, female50 */
#define LSI_MAX_YEARS 101

/* One path of the stochastic projection: the year's assumptions, which
 * replace the scenario's constants when lsi_scenario.path is set
 * (projection_stochastic.c). Index t − base_year. */
typedef struct lsi_path_values {
    lsi_dec wage_growth[LSI_MAX_YEARS], fund_return[LSI_MAX_YEARS], indexation[LSI_MAX_YEARS];
    lsi_dec improvement[LSI_MAX_YEARS], entrant_growth[LSI_MAX_YEARS];
} lsi_path_values;

typedef struct lsi_scenario {
    const char *name;
    int base_year, horizon;
    lsi_dec qx[2][LSI_AGES];   /* [0] male, [1] female */
    lsi_dec improvement;
    lsi_dec participants, retirees, male_share, cadre_share, entrants, entrant_growth;
    int first_age, entry_age;
    lsi_dec density, base_ratio, rate;
    bool rate_given;
    lsi_dec wage_growth, cb_ratio;
    lsi_dec average_pension, indexation, z, account_factor;
    int career[LSI_GROUPS];
    lsi_dec balance, fund_return, subsidies;
    lsi_dec ui_balance, ui_insured, ui_claim_rate, ui_benefit;
    bool ui_benefit_given; /* else 90 % of the minimum wage (rule data) */
    lsi_resident_scenario resident; /* optional `resident:` section */
    const struct lsi_ynode *root; /* the parsed file, for the member model's section */
    const lsi_path_values *path;  /* NULL: the constants above (deterministic) */
} lsi_scenario;

/* One projected year (money in yuan a year, persons as expected numbers). */
typedef struct year_row {
    int year;
    lsi_dec contributors, retirees, wage, cbase, income, expenditure, fund, wage_bill;
} year_row;

/* The model alone: rows[0..*n) from the base year to the horizon. */
int lsi_projection_rows(lsi_calc *k, const lsi_scenario *s, year_row *rows, int *n);
/* The outputs and the yearly table of a projection (projection_report.c). */
int lsi_projection_report(lsi_calc *k, const lsi_scenario *s, const year_row *rows, int n);

/* The year's assumption of a scenario: its path's when it has one
 * (stochastic), else its constant; i = t − base_year. */
#define LSI_ASSUMED(s, field, i) ((s)->path ? (s)->path->field[(i)] : (s)->field)

/* Path `path` of the scenario's `stochastic` section drawn with `seed`
 * (projection_stochastic.c): the same values the stochastic projection uses. */
int lsi_stochastic_path_values(lsi_calc *k, const lsi_scenario *s, uint64_t seed, uint32_t path,
                               lsi_path_values *v);

/* Read the scenario named by input `field` (path, or YAML text with a
 * newline); relative mortality files resolve against the scenario's folder. */
int lsi_scenario_read(lsi_calc *k, const char *field, lsi_scenario *s);

/* The node of a scenario at a dotted path ("population.retirees"), NULL when
 * a key on the way is missing or not a mapping (projection_scenario.c). */
const struct lsi_ynode *lsi_scenario_node(const struct lsi_ynode *n, const char *path);

/* The yearly tables' arithmetic and cells, shared by the cohort, member and
 * stochastic projections (projection_report.c). */
/* a / b rounded by rule; 0 when b is 0 (a year with no one in it). */
lsi_dec lsi_projection_ratio(lsi_dec a, lsi_dec b, const lsi_rounding *rule);
/* Months of expenditure the balance pays (可支付月数): fund / (expenditure /
 * 12 to the fen), to 0.1 month. */
lsi_dec lsi_projection_reserve_months(lsi_dec fund, lsi_dec expenditure);
/* PAYG cost rate: expenditure / wage bill, a ratio with 4 decimals. */
lsi_dec lsi_projection_cost_rate(lsi_dec expenditure, lsi_dec wage_bill);
/* A table row: a JSON object whose "year" is the number `year`. */
struct lsi_json *lsi_projection_year_row(lsi_calc *k, int year);
/* Decimal v as the string member `key` of o (k->oom on failure). */
void lsi_projection_put(lsi_calc *k, struct lsi_json *o, const char *key, lsi_dec v);
/* A year's fund cells: contribution income, expenditure, balance, reserve
 * months and PAYG cost rate (a yearly wage bill). */
void lsi_projection_put_fund(lsi_calc *k, struct lsi_json *o, lsi_dec income, lsi_dec expenditure,
                             lsi_dec fund, lsi_dec wage_bill);

/* Write a JSON array as the text output `name` (the yearly tables); an
 * allocation failure anywhere in building it is LIBSI_ENOMEM naming `name`
 * (projection_report.c). */
int lsi_projection_out_json(lsi_calc *k, const char *name, struct lsi_json *arr);

#endif

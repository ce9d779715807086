/*
 * Monthly contributions of one member of staff of a government body or public
 * institution (机关事业单位) in Guangdong: the basic pension and the
 * occupational annuity.
 *
 *  - base: the own previous-year wage items (人社部发〔2015〕28号 §三(二)),
 *    within the band 60–300 % of the average wage (国发〔2015〕2号 §三, as
 *    quoted); Guangdong's one provincial band for a calendar year
 *    (粤人社发〔2024〕33号; 粤人社发〔2025〕32号 §一);
 *  - pension: employer 20 % of 本单位工资总额 (= Σ the individual bases,
 *    人社部发〔2015〕28号 §三(二)), Guangdong 16 % from 2019-05-01
 *    (粤人社规〔2019〕11号); employee 8 %, all of it credited to the personal
 *    account (国发〔2015〕2号 §三);
 *  - annuity: employer 8 %, credited to the person at 8 % of the own base;
 *    employee 4 % (国办发〔2015〕18号第四条、第七条); the employer part of a
 *    fully budget-funded unit is notional (记账), of any other unit real
 *    (第六条).
 *
 * Every amount is rounded once, to the fen (LSI_ROUND_FEN), as paid.
 */
#include <string.h>

#include "institution_internal.h"

typedef struct contrib {
    int date;
    int funding;
    lsi_dec wage, base;
    lsi_dec employer, employee, account, annuity_employer, annuity_employee;
} contrib;

/* 人社部发〔2015〕28号 §三; 国发〔2015〕2号 §三; Guangdong band 粤人社发〔2024〕33号, 粤人社发〔2025〕32号 §一 */
int lsi_institution_base(lsi_calc *k, int date, lsi_dec wage, lsi_dec *base)
{
    lsi_dec floor, ceiling, b = wage;
    lsi_step(k, institution_contribution_base);
    int rc = lsi_param(k, "institution.contribution_base.floor", date, &floor);
    if (rc == 0) rc = lsi_param(k, "institution.contribution_base.ceiling", date, &ceiling);
    if (rc != 0)
        return rc;
    lsi_step_value(k, "wage", wage);
    if (lsi_dec_cmp(wage, ceiling) > 0) {
        b = ceiling;
        lsi_step_flag(k, LIBSI_FLAG_CAPPED);
    } else if (lsi_dec_cmp(wage, floor) < 0) {
        b = floor;
        lsi_step_flag(k, LIBSI_FLAG_FLOORED);
    }
    return lsi_step_round(k, b, &LSI_ROUND_FEN, base);
}

/* base × a rule rate, to the fen. */
static int rated(lsi_calc *k, const contrib *c, const char *rate_name, lsi_dec *out)
{
    lsi_dec rate, exact;
    int rc = lsi_param_static(k, rate_name, c->date, &rate);
    if (rc != 0)
        return rc;
    lsi_step_value(k, "base", c->base);
    if (lsi_dec_mul(c->base, rate, &exact) != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "wage", "input 'wage': amount out of range");
    return lsi_step_round(k, exact, &LSI_ROUND_FEN, out);
}

/* 国发〔2015〕2号 §三; 人社部发〔2015〕28号 §三; Guangdong 16 % from 2019-05-01 (粤人社规〔2019〕11号) */
static int pension_employer(lsi_calc *k, contrib *c)
{
    lsi_step(k, pension_employer_contribution);
    return rated(k, c, "institution.rate.employer", &c->employer);
}

/* 国发〔2015〕2号 §三 (8 % of 本人缴费工资, as quoted) */
static int pension_employee(lsi_calc *k, contrib *c)
{
    lsi_step(k, institution_pension_employee_contribution);
    return rated(k, c, "institution.rate.employee", &c->employee);
}

/* 国发〔2015〕2号 §三 (the employee's 8 % forms the personal account, as quoted) */
static int account_credit(lsi_calc *k, contrib *c)
{
    lsi_step(k, personal_account_credit);
    return rated(k, c, "institution.account.credit_rate", &c->account);
}

/* 国办发〔2015〕18号第四条, 第七条, 第六条 */
static int annuity_employer(lsi_calc *k, contrib *c)
{
    lsi_step(k, annuity_employer_contribution);
    lsi_step_text(k, "employer_part", c->funding == LSI_FUNDING_FULL ? "notional (记账)"
                                                                     : "real (实账)");
    return rated(k, c, "occupational_annuity.rate.employer", &c->annuity_employer);
}

/* 国办发〔2015〕18号第四条 (4 % of 本人缴费工资, withheld by the employer; always real) */
static int annuity_employee(lsi_calc *k, contrib *c)
{
    lsi_step(k, annuity_employee_contribution);
    return rated(k, c, "occupational_annuity.rate.employee", &c->annuity_employee);
}

/* sum of the amounts rounded above (each paid as rounded) */
static int totals(lsi_calc *k, const contrib *c)
{
    lsi_dec pension, annuity, er, ee, all;
    lsi_step(k, institution_totals);
    int rc = lsi_dec_add(c->employer, c->employee, &pension);
    if (rc == 0) rc = lsi_dec_add(c->annuity_employer, c->annuity_employee, &annuity);
    if (rc == 0) rc = lsi_dec_add(c->employer, c->annuity_employer, &er);
    if (rc == 0) rc = lsi_dec_add(c->employee, c->annuity_employee, &ee);
    rc = lsi_contribution_totals(k, rc, er, ee, &all);
    if (rc != 0)
        return rc;
    const lsi_named_dec out[] = {
        {"base", c->base}, {"pension_employer", c->employer}, {"pension_employee", c->employee},
        {"pension_account_credit", c->account}, {"pension_total", pension},
        {"annuity_employer", c->annuity_employer}, {"annuity_employee", c->annuity_employee},
        {"annuity_total", annuity}, {"employer_total", er}, {"employee_total", ee},
        {"total", all}};
    rc = lsi_out_decs(k, out, sizeof out / sizeof out[0]);
    if (rc == 0)
        rc = lsi_out_bool(k, "annuity_employer_notional", c->funding == LSI_FUNDING_FULL);
    return rc;
}

static int read_case(lsi_calc *k, contrib *c)
{
    return lsi_in_contribution_case(k, "funding", &c->funding, &c->date, &c->wage);
}

static int run(lsi_calc *k)
{
    contrib c;
    memset(&c, 0, sizeof c);
    int rc = read_case(k, &c);
    if (rc == 0) rc = lsi_institution_base(k, c.date, c.wage, &c.base);
    if (rc == 0) rc = pension_employer(k, &c);
    if (rc == 0) rc = pension_employee(k, &c);
    if (rc == 0) rc = account_credit(k, &c);
    if (rc == 0) rc = annuity_employer(k, &c);
    if (rc == 0) rc = annuity_employee(k, &c);
    return rc ? rc : totals(k, &c);
}

/* The schema (name, description, fields): data/schemas/institution.tsv. */
const lsi_scheme lsi_scheme_institution_contribution = LSI_SCHEME(institution_contribution, run);

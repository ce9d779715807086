/*
 * Monthly social insurance contributions of one insured person in Guangdong:
 * enterprise employee pension, unemployment and work-injury insurance.
 *
 * One function per statutory step.  Every rate and limit is a rule value read
 * for the case's city and month (with provenance in the trace); every amount
 * is rounded once, to the fen, by the named rule LSI_ROUND_FEN.
 *
 * Legal basis (details and confidence in docs/contributions.md):
 *  - pension base band: 国办发〔2019〕13号 §三 (60–300 % of the provincial
 *    全口径 average wage); Guangdong limits: 粤人社发〔2024〕33号, 粤人社发〔2025〕32号 §一;
 *  - pension rates: employee 8 % to the personal account, 国发〔2005〕38号;
 *    employer 16 % national cap, 国办发〔2019〕13号 §一 (Guangdong's rate by city
 *    and period is rule data);
 *    flexible workers 20 % of a chosen base, 8 % to the account;
 *  - unemployment: base floor = city minimum wage, ceiling = 3 × city average
 *    wage, 《广东省失业保险条例》第八条;
 *  - work injury: employer only, 《工伤保险条例》第十条; industry class base
 *    rates and floating levels, 人社部发〔2015〕71号; the base has the city's
 *    floor and, where the city sets one, a ceiling (Guangzhou sets none).
 */
#include <stdio.h>

#include "compiled.h"
#include "contributions_internal.h"

enum participant { EMPLOYEE = 0, FLEXIBLE = 1 };

/* A base's and an amount's helpers, marked inline so that an optimising
 * build puts them into each step that uses them: without a trace their calls
 * cost more than their work (issue #10, docs/performance.md round 6). */
#define HOT static inline

typedef struct contrib {
    int date;              /* first day of the contribution month */
    int participant;
    lsi_dec wage;
    bool wage_whole_fen;   /* whole_fen(wage): wage_fen is the wage in fen */
    int64_t wage_fen;
    lsi_dec pension_base, pension_employer, pension_employee, account_credit;
    lsi_dec employee_rate; /* the rate of pension_employee (employee or flexible) */
    lsi_dec ui_base, ui_employer, ui_employee;
    lsi_dec wi_base, wi_rate, wi_employer;
} contrib;

/* Clamp a base to [floor, ceiling] and say which limit applied. */
static lsi_dec clamp_base(lsi_calc *k, lsi_dec wage, lsi_dec floor, lsi_dec ceiling)
{
    if (lsi_dec_cmp(wage, ceiling) > 0) {
        lsi_step_flag(k, LIBSI_FLAG_CAPPED);
        return ceiling;
    }
    if (lsi_dec_cmp(wage, floor) < 0) {
        lsi_step_flag(k, LIBSI_FLAG_FLOORED);
        return floor;
    }
    return wage;
}

/* A value with at most two decimals within ±10^16 yuan: a whole number of
 * fen that fits in int64 with room (the tests at once: one branch). */
#define FEN_LIMIT ((__int128)10000000000000000)
static bool whole_fen(lsi_dec v)
{
    return (v.scale >= 0) & (v.scale <= 2) & (v.coef > -FEN_LIMIT) & (v.coef < FEN_LIMIT);
}

/* Such a value in fen (exact: the coefficient times 10^(2 − scale)). */
static int64_t fen_of(lsi_dec v)
{
    return (int64_t)v.coef * lsi_pow10_64[2 - v.scale];
}

/* clamp_base on whole fen: the same limit applies and is flagged. */
static int64_t clamp_fen(lsi_calc *k, int64_t wage, int64_t floor, int64_t ceiling)
{
    if (wage > ceiling) {
        lsi_step_flag(k, LIBSI_FLAG_CAPPED);
        return ceiling;
    }
    if (wage < floor) {
        lsi_step_flag(k, LIBSI_FLAG_FLOORED);
        return floor;
    }
    return wage;
}

/* A contribution base: the wage clamped to the band, to the fen.  Without a
 * trace, a wage and a band of whole fen are compared as integers: the base is
 * one of them, already to the fen, so its rounding is exact (no flag). */
HOT int clamped_base(lsi_calc *k, const contrib *c, const lsi_dec *floor,
                     const lsi_dec *ceiling, lsi_dec *base)
{
    lsi_step_value(k, "wage", c->wage);
    if (!k->step && (c->wage_whole_fen & whole_fen(*floor) & whole_fen(*ceiling))) {
        *base = (lsi_dec){clamp_fen(k, c->wage_fen, fen_of(*floor), fen_of(*ceiling)), 2};
        return 0;
    }
    return lsi_step_round(k, clamp_base(k, c->wage, *floor, *ceiling), &LSI_ROUND_FEN, base);
}

/* The band of a base from its two rule values (names with static storage). */
static int base_band(lsi_calc *k, const contrib *c, const char *floor_name,
                     const char *ceiling_name, lsi_dec *floor, lsi_dec *ceiling)
{
    int rc = lsi_param_static(k, floor_name, c->date, floor);
    return rc ? rc : lsi_param_static(k, ceiling_name, c->date, ceiling);
}

/* Base × rate, rounded to the fen: each party's amount is rounded
 * separately, as it is paid separately. */
HOT int times_rate(lsi_calc *k, const lsi_dec *base, lsi_dec rate, lsi_dec *out)
{
    lsi_dec exact;
    lsi_step_value(k, "base", *base);
    if (lsi_dec_mul(*base, rate, &exact) != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "wage", "input 'wage': amount out of range");
    return lsi_step_round(k, exact, &LSI_ROUND_FEN, out);
}

/* Base × a rate read from the rules (*rate), rounded to the fen. */
HOT int rated_amount_by(lsi_calc *k, const contrib *c, const lsi_dec *base,
                        const char *rate_name, lsi_dec *rate, lsi_dec *out)
{
    int rc = lsi_param_static(k, rate_name, c->date, rate);
    return rc ? rc : times_rate(k, base, *rate, out);
}

static int rated_amount(lsi_calc *k, const contrib *c, const lsi_dec *base,
                        const char *rate_name, lsi_dec *out)
{
    lsi_dec rate;
    return rated_amount_by(k, c, base, rate_name, &rate, out);
}

/* ------------------------------------------------------------ pension */

/* 国办发〔2019〕13号 §三; Guangdong limits 粤人社发〔2024〕33号, 粤人社发〔2025〕32号 §一 */
static int pension_contribution_base(lsi_calc *k, contrib *c)
{
    lsi_dec floor, ceiling;
    lsi_step(k, pension_contribution_base);
    int rc = base_band(k, c, "pension.contribution_base.floor",
                       "pension.contribution_base.ceiling", &floor, &ceiling);
    return rc ? rc : clamped_base(k, c, &floor, &ceiling, &c->pension_base);
}

/* 国办发〔2019〕13号 §一 (employer rate); §三: flexible workers pay all of it themselves */
static int pension_employer_contribution(lsi_calc *k, contrib *c)
{
    if (c->participant == FLEXIBLE) {
        lsi_step(k, pension_employer_contribution_flexible);
        c->pension_employer = LSI_ZERO_FEN;
        lsi_step_result(k, LSI_ZERO_FEN);
        return 0;
    }
    lsi_step(k, contributions_pension_employer_contribution);
    return rated_amount(k, c, &c->pension_base, "pension.rate.employer", &c->pension_employer);
}

/* 国办发〔2019〕13号 §三 (base band); 20 % rate as public calculators give it (conf. M) */
static int pension_employee_contribution(lsi_calc *k, contrib *c)
{
    if (c->participant == FLEXIBLE) {
        lsi_step(k, pension_flexible_contribution);
        return rated_amount_by(k, c, &c->pension_base, "pension.rate.flexible",
                               &c->employee_rate, &c->pension_employee);
    }
    lsi_step(k, contributions_pension_employee_contribution);
    return rated_amount_by(k, c, &c->pension_base, "pension.rate.employee", &c->employee_rate,
                           &c->pension_employee);
}

static int personal_account_credit(lsi_calc *k, contrib *c)
{
    const char *rate = c->participant == FLEXIBLE ? "pension.rate.flexible_account"
                                                  : "pension.account.credit_rate";
    lsi_step_static(k, "personal_account_credit", "Credit to the personal account (记入个人账户)",
             "国发〔2005〕38号 (8 % of the contribution base is credited to the personal "
             "account; flexible workers likewise 8 %)",
             c->participant == FLEXIBLE ? "credit = round_fen(base × pension.rate.flexible_account)"
                                        : "credit = round_fen(base × pension.account.credit_rate)");
    lsi_dec credit_rate;
    int rc = lsi_param_static(k, rate, c->date, &credit_rate);
    if (rc != 0)
        return rc;
    /* Without a trace, a credit at the rate the person pays (8 % and 8 % for
     * employees) is the same product of the same base, rounded alike: the
     * contribution itself.  (Value and scale at once: one test.) */
    if (!k->step && ((credit_rate.coef == c->employee_rate.coef) &
                     (credit_rate.scale == c->employee_rate.scale))) {
        c->account_credit = c->pension_employee;
        return 0;
    }
    return times_rate(k, &c->pension_base, credit_rate, &c->account_credit);
}

/* ------------------------------------------------------- unemployment */

static int not_covered(lsi_calc *k, const char *id, const char *title, const char *basis)
{
    lsi_step_static(k, id, title, basis, "not covered: all amounts 0");
    lsi_step_flag(k, LIBSI_FLAG_NOT_COVERED);
    lsi_step_result(k, LSI_ZERO_FEN);
    return 0;
}

/* 《广东省失业保险条例》第八条 */
static int unemployment_contribution_base(lsi_calc *k, contrib *c)
{
    lsi_dec floor, ceiling;
    lsi_step(k, unemployment_contribution_base);
    int rc = base_band(k, c, "minimum_wage.monthly", "unemployment.contribution_base.ceiling",
                       &floor, &ceiling);
    return rc ? rc : clamped_base(k, c, &floor, &ceiling, &c->ui_base);
}

/* 《广东省失业保险条例》第八条; phased rates (国办发〔2019〕13号 and extensions) */
static int unemployment_contributions(lsi_calc *k, contrib *c)
{
    lsi_step(k, unemployment_employer_contribution);
    int rc = rated_amount(k, c, &c->ui_base, "unemployment.rate.employer", &c->ui_employer);
    if (rc != 0)
        return rc;
    lsi_step(k, unemployment_employee_contribution);
    return rated_amount(k, c, &c->ui_base, "unemployment.rate.employee", &c->ui_employee);
}

/* -------------------------------------------------------- work injury */

/* Guangzhou sets no ceiling for the work-injury base (uncapped = 1: the
 * wage is its own ceiling); where a city caps it, the ceiling is a rule value
 * like the floor. */
static int work_injury_band(lsi_calc *k, const contrib *c, lsi_dec *floor, lsi_dec *ceiling)
{
    lsi_dec uncapped;
    int rc = lsi_param(k, "work_injury.contribution_base.floor", c->date, floor);
    if (rc == 0) rc = lsi_param(k, "work_injury.contribution_base.uncapped", c->date, &uncapped);
    if (rc != 0)
        return rc;
    *ceiling = c->wage;
    return lsi_dec_is_zero(uncapped)
               ? lsi_param(k, "work_injury.contribution_base.ceiling", c->date, ceiling)
               : 0;
}

/* 《工伤保险条例》第十条; the city's floor, and its ceiling where it sets one */
static int work_injury_contribution_base(lsi_calc *k, contrib *c)
{
    lsi_dec floor, ceiling;
    lsi_step(k, work_injury_contribution_base);
    int rc = work_injury_band(k, c, &floor, &ceiling);
    return rc ? rc : clamped_base(k, c, &floor, &ceiling, &c->wi_base);
}

/* The eight industry classes' parameter names (static storage: they key the
 * cache; the compiled path reads the same). */
#define CLASSES(X) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8)
#define RATE(n) "work_injury.industry_rate.class_" #n,
#define FLOAT_MIN(n) "work_injury.floating_min.class_" #n,
#define FLOAT_MAX(n) "work_injury.floating_max.class_" #n,
const char *const lsi_contributions_industry_rate[8] = {CLASSES(RATE)};
const char *const lsi_contributions_floating_min[8] = {CLASSES(FLOAT_MIN)};
const char *const lsi_contributions_floating_max[8] = {CLASSES(FLOAT_MAX)};
#define industry_rate lsi_contributions_industry_rate
#define floating_min lsi_contributions_floating_min
#define floating_max lsi_contributions_floating_max

/* 人社部发〔2015〕71号 */
/* Industry base rate × floating level, the level checked against the band
 * of the class (class 1 may only be raised). */
static int work_injury_rate(lsi_calc *k, contrib *c)
{
    int64_t cls = 1;
    lsi_dec level, base_rate, lo, hi;
    int rc = lsi_in_int_of(k, contributions, industry_class, &cls);
    if (rc == 0)
        rc = lsi_in_dec_of(k, contributions, floating_level, &level);
    if (rc != 0)
        return rc;
    if (cls < 1 || cls > 8)
        return lsi_in_invalid(k, "industry_class", "must be 1 to 8, got %lld", (long long)cls);
    lsi_step(k, work_injury_rate);
    rc = lsi_param_static(k, industry_rate[cls - 1], c->date, &base_rate);
    if (rc == 0) rc = lsi_param_static(k, floating_min[cls - 1], c->date, &lo);
    if (rc == 0) rc = lsi_param_static(k, floating_max[cls - 1], c->date, &hi);
    if (rc != 0)
        return rc;
    if (lsi_dec_cmp(level, lo) < 0 || lsi_dec_cmp(level, hi) > 0) {
        char los[LIBSI_DECIMAL_MAX + 1], his[LIBSI_DECIMAL_MAX + 1];
        lsi_dec_format(lo, los);
        lsi_dec_format(hi, his);
        return lsi_in_invalid(k, "floating_level",
                              "class %d allows floating levels from %s to %s (人社部发〔2015〕71号)",
                              (int)cls, los, his);
    }
    lsi_step_value(k, "floating_level", level);
    if (lsi_dec_mul(base_rate, level, &c->wi_rate) != 0)
        return lsi_in_invalid(k, "floating_level", "out of range");
    lsi_step_result(k, c->wi_rate);
    return 0;
}

/* 《工伤保险条例》第十条 (paid by the employer; employees pay nothing) */
static int work_injury_contribution(lsi_calc *k, contrib *c)
{
    lsi_dec exact;
    lsi_step(k, work_injury_employer_contribution);
    lsi_step_value(k, "base", c->wi_base);
    lsi_step_value(k, "rate", c->wi_rate);
    if (lsi_dec_mul(c->wi_base, c->wi_rate, &exact) != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "wage", "input 'wage': amount out of range");
    return lsi_step_round(k, exact, &LSI_ROUND_FEN, &c->wi_employer);
}

/* ------------------------------------------------------------- totals */

/* The outputs, each written to its slot by the index fixed at build time. */
#define OUT(name, v) (rc == 0 ? lsi_out_dec_to(k, o, contributions, name, (v)) : rc)
static int outputs(lsi_calc *k, const contrib *c, const lsi_dec *er, const lsi_dec *ee,
                   const lsi_dec *all, const lsi_dec *pension)
{
    lsi_out *o = LSI_OUTS(k, contributions);
    int rc = 0;
    rc = OUT(pension_base, c->pension_base);
    rc = OUT(pension_employer, c->pension_employer);
    rc = OUT(pension_employee, c->pension_employee);
    rc = OUT(pension_account_credit, c->account_credit);
    rc = OUT(pension_total, *pension);
    rc = OUT(unemployment_base, c->ui_base);
    rc = OUT(unemployment_employer, c->ui_employer);
    rc = OUT(unemployment_employee, c->ui_employee);
    rc = OUT(work_injury_base, c->wi_base);
    rc = OUT(work_injury_rate, c->wi_rate);
    rc = OUT(work_injury_employer, c->wi_employer);
    rc = OUT(employer_total, *er);
    rc = OUT(employee_total, *ee);
    return OUT(total, *all);
}
#undef OUT

/* sum of the amounts rounded above (each amount is paid as rounded) */
static int totals(lsi_calc *k, const contrib *c)
{
    lsi_dec er, ee, all, pension;
    lsi_step(k, contributions_totals);
    const lsi_dec employer[] = {c->pension_employer, c->ui_employer, c->wi_employer};
    const lsi_dec employee[] = {c->pension_employee, c->ui_employee};
    const lsi_dec pension_parts[] = {c->pension_employer, c->pension_employee};
    int rc = lsi_dec_sum(employer, 3, &er);
    if (rc == 0) rc = lsi_dec_sum(employee, 2, &ee);
    if (rc == 0) rc = lsi_dec_sum(pension_parts, 2, &pension);
    rc = lsi_contribution_totals(k, rc, er, ee, &all);
    return rc ? rc : outputs(k, c, &er, &ee, &all, &pension);
}

/* --------------------------------------------------------------- run */

/* The case's inputs, and the wage in fen once for the three bases. */
static int read_case(lsi_calc *k, contrib *c)
{
    int rc = lsi_in_contribution_case(k, "participant", &c->participant, &c->date, &c->wage);
    if (rc != 0)
        return rc;
    c->wage_whole_fen = whole_fen(c->wage);
    c->wage_fen = c->wage_whole_fen ? fen_of(c->wage) : 0;
    return 0;
}

static int run_employee_schemes(lsi_calc *k, contrib *c)
{
    int rc = unemployment_contribution_base(k, c);
    if (rc == 0) rc = unemployment_contributions(k, c);
    if (rc == 0) rc = work_injury_contribution_base(k, c);
    if (rc == 0) rc = work_injury_rate(k, c);
    if (rc == 0) rc = work_injury_contribution(k, c);
    return rc;
}

static int flexible_not_covered(lsi_calc *k, contrib *c)
{
    c->ui_base = c->ui_employer = c->ui_employee = LSI_ZERO_FEN;
    c->wi_base = c->wi_employer = LSI_ZERO_FEN;
    c->wi_rate = lsi_dec_from_int(0);
    not_covered(k, "unemployment_not_covered", "Unemployment insurance (失业保险)",
                "《广东省失业保险条例》第二条 covers employers and their employees; flexible "
                "workers are not covered");
    return not_covered(k, "work_injury_not_covered", "Work-injury insurance (工伤保险)",
                       "《工伤保险条例》第二条 covers employers and their employees; flexible "
                       "workers are not covered");
}

/* The case struct is not cleared (≈ 400 bytes a row): every field is written
 * by the step that computes it before any later step reads it, and a step
 * that fails ends the run. */
static int run(lsi_calc *k)
{
    contrib c;
    int rc = read_case(k, &c);
    if (rc == 0) rc = pension_contribution_base(k, &c);
    if (rc == 0) rc = pension_employer_contribution(k, &c);
    if (rc == 0) rc = pension_employee_contribution(k, &c);
    if (rc == 0) rc = personal_account_credit(k, &c);
    if (rc == 0)
        rc = c.participant == FLEXIBLE ? flexible_not_covered(k, &c)
                                       : run_employee_schemes(k, &c);
    if (rc == 0) rc = totals(k, &c);
    return rc;
}

/* -------------------- descriptor (schema: data/schemas/contributions.tsv) */

const lsi_scheme lsi_scheme_contributions =
    LSI_SCHEME_COMPILED(contributions, run, &lsi_contributions_compiled);

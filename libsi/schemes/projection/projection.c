/*
 * The `fund_projection` calculation: a deterministic, yearly projection of
 * the enterprise employee pension fund of a pooling area (精算平衡), with
 * cohorts by age and retirement group.  It reuses the individual rules:
 * contribution rates from the rule data, retirement ages from
 * lsi_statutory_retirement (国务院《关于渐进式延迟法定退休年龄的办法》), and
 * each year's new pension from the `pension` calculation itself.
 *
 * Year t → t+1 (docs/actuarial.md gives the equations and assumptions):
 *   1. deaths and ageing:   N_{a+1}(t+1) = N_a(t) × (1 − q_a × (1 − s)^(t−t0))
 *   2. indexation:          pensions in payment × (1 + k)
 *   3. retirements:         contributors whose cohort reached the statutory
 *                           age retire with the year's new pension
 *   4. entrants:            E × (1 + e)^(t−t0) at the entry age
 *   5. wages:               W(t+1) = W(t) × (1 + g); C(t+1) = W(t+1) × c
 *   6. income:              Σ contributors × density × W × base ratio × rate × 12
 *   7. expenditure:         Σ monthly pensions × 12
 *   8. fund:                F(t+1) = F(t) × (1 + i) + income − expenditure + subsidies
 * Persons are carried to 6 decimals (persons_6), money to the fen.
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "pension_internal.h"
#include "projection_internal.h"
#include "retirement_age.h"

static const char *const group_names[LSI_GROUPS] = {"male60", "female55", "female50"};
static const int group_sex[LSI_GROUPS] = {0, 1, 1};

typedef struct model {
    lsi_calc *k;
    const lsi_scenario *s;
    int year;
    lsi_dec c[LSI_GROUPS][LSI_AGES];  /* contributors */
    lsi_dec r[LSI_GROUPS][LSI_AGES];  /* retirees */
    lsi_dec p[LSI_GROUPS][LSI_AGES];  /* their monthly pensions, in total */
    lsi_dec wage, cbase, rate, fund, entrants, mortality_factor;
    int err;
} model;

static const lsi_dec ZERO = {0, 0};

/* ------------------------------------------------- checked arithmetic */

static lsi_dec mul(model *m, lsi_dec a, lsi_dec b, const lsi_rounding *rule)
{
    lsi_dec out = ZERO;
    int rc = lsi_dec_mul_round(a, b, rule, &out, NULL);
    if (rc != 0 && !m->err)
        m->err = lsi_fail(m->k->ctx, LIBSI_ERANGE, "scenario", "projection value out of range");
    return out;
}

static lsi_dec add(model *m, lsi_dec a, lsi_dec b)
{
    lsi_dec out = ZERO;
    if (lsi_dec_add(a, b, &out) != 0 && !m->err)
        m->err = lsi_fail(m->k->ctx, LIBSI_ERANGE, "scenario", "projection value out of range");
    return out;
}

static lsi_dec sub(model *m, lsi_dec a, lsi_dec b)
{
    return add(m, a, (lsi_dec){-b.coef, b.scale});
}

static lsi_dec one_plus(model *m, lsi_dec x)
{
    return add(m, lsi_dec_from_int(1), x);
}

static lsi_dec divide(model *m, lsi_dec a, lsi_dec b, const lsi_rounding *rule)
{
    lsi_dec out = ZERO;
    if (lsi_dec_is_zero(b))
        return out;
    if (lsi_dec_div_round(a, b, rule, &out, NULL) != 0 && !m->err)
        m->err = lsi_fail(m->k->ctx, LIBSI_ERANGE, "scenario", "projection value out of range");
    return out;
}

/* The year's assumption: the stochastic path's when there is one, else the
 * scenario's constant (projection_stochastic.c). */
#define ASSUMED(m, field) \
    ((m)->s->path ? (m)->s->path->field[(m)->year - (m)->s->base_year] : (m)->s->field)

/* ---------------------------------------------------- retirement ages */

/* Year in which the cohort born in (July of) `birth_year` reaches the
 * statutory age of group g (办法第一条). */
static int retirement_year(int g, int birth_year)
{
    lsi_retirement_age a;
    if (lsi_statutory_retirement((lsi_retirement_group)g, birth_year * 10000 + 701, &a) != 0)
        return 9999;
    return a.month_index / 12;
}

/* ----------------------------------------------------- the base year */

/* Spread `total` evenly over ages [lo, hi]; the last age takes the remainder
 * so the sum is exact. */
static void spread(model *m, lsi_dec *ages, lsi_dec total, int lo, int hi, const lsi_dec *weight)
{
    lsi_dec wsum = ZERO, used = ZERO;
    for (int a = lo; a <= hi; a++)
        wsum = add(m, wsum, weight ? weight[a] : lsi_dec_from_int(1));
    for (int a = lo; a <= hi; a++) {
        lsi_dec w = weight ? weight[a] : lsi_dec_from_int(1);
        ages[a] = a == hi ? sub(m, total, used)
                          : divide(m, mul(m, total, w, &LSI_ROUND_EXACT_12), wsum, &LSI_ROUND_PERSONS);
        used = add(m, used, ages[a]);
    }
}

static lsi_dec group_share(model *m, int g)
{
    const lsi_scenario *s = m->s;
    lsi_dec female = sub(m, lsi_dec_from_int(1), s->male_share);
    if (g == 0)
        return s->male_share;
    return mul(m, female, g == 1 ? s->cadre_share : sub(m, lsi_dec_from_int(1), s->cadre_share),
               &LSI_ROUND_EXACT_12);
}

/* Survivors l_a from the retirement age, as weights for the retirees. */
static void survival_weights(model *m, int sex, int from, lsi_dec *w)
{
    lsi_dec l = lsi_dec_from_int(1);
    for (int a = from; a <= LSI_MAX_AGE; a++) {
        w[a] = l;
        l = mul(m, l, sub(m, lsi_dec_from_int(1), m->s->qx[sex][a]), &LSI_ROUND_EXACT_12);
    }
}

/* Base year: contributors spread evenly from the first age to the group's
 * retirement age, retirees by survival from it, each group its share; the
 * last group takes the remainders, so the totals equal the inputs exactly. */
static void base_population(model *m)
{
    const lsi_scenario *s = m->s;
    lsi_dec left_c = sub(m, s->participants, s->retirees), left_r = s->retirees;
    lsi_dec all_c = left_c;
    for (int g = 0; g < LSI_GROUPS; g++) {
        int ret_age = retirement_year(g, s->base_year - 60) - (s->base_year - 60);
        lsi_dec w[LSI_AGES], share = group_share(m, g);
        lsi_dec nc = g == LSI_GROUPS - 1 ? left_c : mul(m, all_c, share, &LSI_ROUND_PERSONS);
        lsi_dec nr = g == LSI_GROUPS - 1 ? left_r : mul(m, s->retirees, share, &LSI_ROUND_PERSONS);
        left_c = sub(m, left_c, nc);
        left_r = sub(m, left_r, nr);
        spread(m, m->c[g], nc, s->first_age, ret_age - 1, NULL);
        survival_weights(m, group_sex[g], ret_age, w);
        spread(m, m->r[g], nr, ret_age, LSI_MAX_AGE, w);
        for (int a = 0; a < LSI_AGES; a++)
            m->p[g][a] = mul(m, m->r[g][a], s->average_pension, &LSI_ROUND_FEN);
    }
}

/* ------------------------------------------------------ one year on */

static lsi_dec survival(model *m, int sex, int age)
{
    lsi_dec q = mul(m, m->s->qx[sex][age], m->mortality_factor, &LSI_ROUND_EXACT_12);
    return sub(m, lsi_dec_from_int(1), q);
}

static void age_one_year(model *m)
{
    for (int g = 0; g < LSI_GROUPS; g++) {
        for (int a = LSI_MAX_AGE; a >= 0; a--) {
            lsi_dec sv = a == LSI_MAX_AGE ? ZERO : survival(m, group_sex[g], a);
            lsi_dec c = mul(m, m->c[g][a], sv, &LSI_ROUND_PERSONS);
            lsi_dec r = mul(m, m->r[g][a], sv, &LSI_ROUND_PERSONS);
            lsi_dec p = mul(m, m->p[g][a], sv, &LSI_ROUND_FEN);
            if (a < LSI_MAX_AGE) {
                m->c[g][a + 1] = c;
                m->r[g][a + 1] = r;
                m->p[g][a + 1] = mul(m, p, one_plus(m, ASSUMED(m, indexation)), &LSI_ROUND_FEN);
            }
            m->c[g][a] = m->r[g][a] = m->p[g][a] = ZERO;
        }
    }
}

/* The year's new pension of group g, by the `pension` calculation itself
 * (same formulas and rule data as an individual approval form). */
static int new_pension(model *m, int g, lsi_dec *out)
{
    const lsi_scenario *s = m->s;
    int birth_year = m->year - 60;
    for (int b = m->year - 70; b <= m->year - 45; b++)
        if (retirement_year(g, b) <= m->year)
            birth_year = b;
    char birth[32];
    snprintf(birth, sizeof birth, "%04d-07-01", birth_year);
    lsi_dec acc = mul(m, mul(m, mul(m, m->wage, s->z, &LSI_ROUND_EXACT_12),
                             lsi_dec_from_int(s->career[g]), &LSI_ROUND_EXACT_12),
                      mul(m, (lsi_dec){8, 2}, s->account_factor, &LSI_ROUND_EXACT_12), &LSI_ROUND_FEN);
    lsi_kernel sub;
    int rc = lsi_kernel_init(&sub, m->k, &lsi_scheme_pension);
    sub.k.model = true; /* the base of a far year is projected, not an override */
    char city[8];
    snprintf(city, sizeof city, "%06d", (int)m->k->place->code);
    if (rc == 0) rc = lsi_kernel_set_text(&sub, "city", city);
    if (rc == 0) rc = lsi_kernel_set_text(&sub, "retirement_group", group_names[g]);
    if (rc == 0) rc = lsi_kernel_set_text(&sub, "birth_date", birth);
    if (rc == 0) rc = lsi_kernel_set_dec(&sub, "contribution_months", lsi_dec_from_int(s->career[g]));
    if (rc == 0) rc = lsi_kernel_set_dec(&sub, "average_index", s->z);
    if (rc == 0) rc = lsi_kernel_set_dec(&sub, "account_balance", acc);
    if (rc == 0) rc = lsi_kernel_set_dec(&sub, "calculation_base", m->cbase);
    if (rc == 0) rc = lsi_kernel_run(&sub);
    const lsi_out *total = rc == 0 ? lsi_kernel_out(&sub, "total") : NULL;
    if (rc == 0 && (!total || total->kind != LSI_OUT_DEC))
        rc = lsi_fail(m->k->ctx, LIBSI_EINPUT, "scenario",
                      "the representative %s retiree of %d is not eligible (career too short)",
                      group_names[g], m->year);
    if (rc == 0)
        *out = total->dec;
    return rc;
}

/* the pension calculation for each group's representative new retiree */
static int retire(model *m, lsi_dec *new_pensions)
{
    char year[8];
    snprintf(year, sizeof year, "%d", m->year);
    lsi_step(m->k, new_pensions);
    lsi_step_text(m->k, "year", year);
    for (int g = 0; g < LSI_GROUPS; g++) {
        int rc = new_pension(m, g, &new_pensions[g]);
        if (rc == 0)
            lsi_step_value(m->k, group_names[g], new_pensions[g]);
        if (rc != 0)
            return rc;
        for (int a = 0; a < LSI_AGES; a++) {
            if (lsi_dec_is_zero(m->c[g][a]) || retirement_year(g, m->year - a) > m->year)
                continue;
            m->r[g][a] = add(m, m->r[g][a], m->c[g][a]);
            m->p[g][a] = add(m, m->p[g][a], mul(m, m->c[g][a], new_pensions[g], &LSI_ROUND_FEN));
            m->c[g][a] = ZERO;
        }
    }
    return 0;
}

static void enter(model *m)
{
    for (int g = 0; g < LSI_GROUPS; g++) {
        lsi_dec n = mul(m, m->entrants, group_share(m, g), &LSI_ROUND_PERSONS);
        m->c[g][m->s->entry_age] = add(m, m->c[g][m->s->entry_age], n);
    }
    m->entrants = mul(m, m->entrants, one_plus(m, ASSUMED(m, entrant_growth)), &LSI_ROUND_PERSONS);
}

/* ----------------------------------------------------------- money */

static void totals(model *m, year_row *y)
{
    memset(y, 0, sizeof *y);
    y->year = m->year;
    lsi_dec pensions = ZERO;
    for (int g = 0; g < LSI_GROUPS; g++)
        for (int a = 0; a < LSI_AGES; a++) {
            y->contributors = add(m, y->contributors, m->c[g][a]);
            y->retirees = add(m, y->retirees, m->r[g][a]);
            pensions = add(m, pensions, m->p[g][a]);
        }
    lsi_dec paying = mul(m, y->contributors, m->s->density, &LSI_ROUND_PERSONS);
    lsi_dec base = mul(m, m->wage, m->s->base_ratio, &LSI_ROUND_FEN);
    y->wage_bill = mul(m, mul(m, paying, base, &LSI_ROUND_FEN), lsi_dec_from_int(12), &LSI_ROUND_FEN);
    y->income = mul(m, y->wage_bill, m->rate, &LSI_ROUND_FEN);
    y->expenditure = mul(m, pensions, lsi_dec_from_int(12), &LSI_ROUND_FEN);
    y->wage = m->wage;
    y->cbase = m->cbase;
}

static void roll_fund(model *m, year_row *y)
{
    lsi_dec grown = mul(m, m->fund, one_plus(m, ASSUMED(m, fund_return)), &LSI_ROUND_FEN);
    m->fund = add(m, add(m, grown, sub(m, y->income, y->expenditure)), m->s->subsidies);
    y->fund = m->fund;
}

static int step_year(model *m, year_row *y)
{
    lsi_dec new_pensions[LSI_GROUPS];
    m->year++;
    m->mortality_factor = mul(m, m->mortality_factor, sub(m, lsi_dec_from_int(1), ASSUMED(m, improvement)),
                              &LSI_ROUND_EXACT_12);
    age_one_year(m);
    m->wage = mul(m, m->wage, one_plus(m, ASSUMED(m, wage_growth)), &LSI_ROUND_FEN);
    m->cbase = mul(m, m->wage, m->s->cb_ratio, &LSI_ROUND_YUAN);
    int rc = retire(m, new_pensions);
    if (rc != 0)
        return rc;
    enter(m);
    totals(m, y);
    roll_fund(m, y);
    return m->err;
}

/* ------------------------------------------------------- the run */

/* 国办发〔2019〕13号 §一; 国发〔2005〕38号 (rule data, or the scenario's policy lever) */
static int contribution_rate(lsi_calc *k, const lsi_scenario *s, lsi_dec *rate)
{
    lsi_step(k, contribution_rate);
    if (s->rate_given) {
        lsi_step_note(k, "policy lever: the scenario sets the rate");
        lsi_step_result(k, *rate = s->rate);
        return 0;
    }
    lsi_dec er, ee;
    int date = s->base_year * 10000 + 701;
    int rc = lsi_param(k, "pension.rate.employer", date, &er);
    if (rc == 0) rc = lsi_param(k, "pension.rate.employee", date, &ee);
    if (rc == 0) rc = lsi_dec_add(er, ee, rate);
    if (rc == 0) lsi_step_result(k, *rate);
    return rc;
}

/* wage.provincial_average_monthly (rule data; 国办发〔2019〕13号 §三 wage series) */
static int base_wage(lsi_calc *k, const lsi_scenario *s, lsi_dec *wage)
{
    lsi_step(k, base_year_wage);
    int rc = lsi_param(k, "wage.provincial_average_monthly", s->base_year * 10000 + 101, wage);
    if (rc == 0) lsi_step_result(k, *wage);
    return rc;
}

static int init_model(lsi_calc *k, const lsi_scenario *s, model *m)
{
    memset(m, 0, sizeof *m);
    m->k = k;
    m->s = s;
    m->year = s->base_year;
    m->fund = s->balance;
    m->entrants = s->entrants;
    m->mortality_factor = lsi_dec_from_int(1);
    int rc = base_wage(k, s, &m->wage);
    if (rc == 0) rc = contribution_rate(k, s, &m->rate);
    if (rc != 0)
        return rc;
    m->cbase = mul(m, m->wage, s->cb_ratio, &LSI_ROUND_YUAN);
    base_population(m);
    return m->err;
}

/* the scenario's city; the input city, when given, must match it */
/* The area projected: the scenario's city (the input city, when given, must
 * be the same; projection_scenario.c). */
static void pooling_area(lsi_calc *k)
{
    char code[8];
    lsi_step(k, pooling_area);
    snprintf(code, sizeof code, "%06d", (int)k->place->code);
    lsi_step_text(k, "city", k->place->pinyin);
    lsi_step_text(k, "code", code);
}

int lsi_projection_rows(lsi_calc *k, const lsi_scenario *s, year_row *rows, int *n)
{
    model *m = lsi_arena_alloc(k->arena, sizeof *m);
    if (!m)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "scenario", "out of memory");
    int rc = init_model(k, s, m);
    if (rc != 0)
        return rc;
    totals(m, &rows[0]);
    rows[0].fund = m->fund;
    *n = 1;
    for (; m->year < s->horizon && rc == 0; (*n)++)
        rc = step_year(m, &rows[*n]);
    return rc;
}

static int run(lsi_calc *k)
{
    lsi_scenario *sc = lsi_arena_alloc(k->arena, sizeof *sc);
    year_row *rows = lsi_arena_alloc(k->arena, LSI_MAX_YEARS * sizeof *rows);
    int n = 0;
    if (!sc || !rows)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "scenario", "out of memory");
    int rc = lsi_scenario_read(k, "scenario", sc);
    if (rc == 0) pooling_area(k);
    if (rc == 0) rc = lsi_projection_rows(k, sc, rows, &n);
    if (rc == 0) rc = lsi_resident_fund_run(k, &sc->resident, sc->base_year, sc->horizon);
    return rc ? rc : lsi_projection_report(k, sc, rows, n);
}

/* -------------------- descriptor (schema: data/schemas/projection.tsv) */

const lsi_scheme lsi_scheme_fund_projection = LSI_SCHEME(fund_projection, run);

/*
 * The member model's part of a scenario (section `microsim`) and the
 * parameters of each projected year, resolved once before the members run:
 * wage W(t) and calculation base C(t) as in the cohort model, the year's
 * contribution band and rates from the rule data (projected with the wage
 * beyond the last year the rule data gives, a stated model assumption), the
 * crediting rate (rule data, else the scenario's), survival by age with the
 * improvement of the year, the months a contributor pays.
 */
#include <stdio.h>
#include <string.h>

#include "member_internal.h"
#include "yaml_tree.h"

const lsi_rounding LSI_ROUND_MEMBER_INDEX = LSI_ROUNDING(
    "member_index_10", LIBSI_ROUND_HALF_EVEN, -10,
    "a member's yearly contribution index base / W(t), carried to 10 decimals "
    "(a modelling convention of the member projection)");


static int get(lsi_calc *k, const lsi_scenario *s, const char *path, lsi_dec *out)
{
    const lsi_ynode *n = lsi_scenario_node(s->root, path);
    if (!n || n->kind != LSI_Y_SCALAR)
        return lsi_in_invalid(k, "scenario", "scenario key '%s': is required by the member "
                              "model (see data/scenarios/guangzhou.yaml)", path);
    if (lsi_dec_parse(n->text, out, NULL) != 0 || lsi_dec_is_negative(*out))
        return lsi_in_invalid(k, "scenario", "scenario key '%s': must be a non-negative decimal",
                              path);
    return 0;
}

static int get_whole(lsi_calc *k, const lsi_scenario *s, const char *path, int64_t max,
                     int64_t *out)
{
    lsi_dec d;
    int rc = get(k, s, path, &d);
    if (rc == 0 && (d.scale != 0 || lsi_dec_to_int64(d, out) != 0 || *out > max))
        return lsi_in_invalid(k, "scenario", "scenario key '%s': a whole number up to %lld", path,
                              (long long)max);
    return rc;
}

/* Optional pair: the year and the participants the generator's entrants are
 * calibrated to (e.g. the plan's 2025 target). */
static int calibration(lsi_calc *k, const lsi_scenario *s, lsi_member_scenario *ms)
{
    bool year = lsi_scenario_node(s->root, "microsim.generator.calibration.year") != NULL;
    bool count = lsi_scenario_node(s->root, "microsim.generator.calibration.participants") != NULL;
    int64_t y = 0;
    if (!year && !count)
        return 0;
    int rc = get_whole(k, s, "microsim.generator.calibration.year", s->horizon, &y);
    if (rc == 0 && y <= s->base_year)
        rc = lsi_in_invalid(k, "scenario", "scenario key 'microsim.generator.calibration.year': "
                            "a year after the base year, up to the horizon");
    if (rc == 0)
        rc = get(k, s, "microsim.generator.calibration.participants",
                 &ms->calibration_participants);
    ms->calibration_year = (int)y;
    return rc;
}

int lsi_member_scenario_read(lsi_calc *k, const lsi_scenario *s, lsi_member_scenario *ms)
{
    int64_t seed = 0;
    memset(ms, 0, sizeof *ms);
    const lsi_ynode *sb = lsi_scenario_node(s->root, "microsim.survivor_benefits");
    if (!sb || sb->kind != LSI_Y_SCALAR ||
        (strcmp(sb->text, "true") != 0 && strcmp(sb->text, "false") != 0))
        return lsi_in_invalid(k, "scenario", "scenario key 'microsim.survivor_benefits': true or "
                              "false is required by the member model");
    ms->survivor_benefits = strcmp(sb->text, "true") == 0;
    int rc = get(k, s, "microsim.crediting_rate", &ms->credit_rate);
    if (rc == 0) rc = get(k, s, "microsim.survivor_income_base", &ms->income_base);
    if (rc == 0) rc = get_whole(k, s, "microsim.generator.sample", 100000000, &ms->sample);
    if (rc == 0) rc = get(k, s, "microsim.generator.index_spread", &ms->index_spread);
    if (rc == 0) rc = get(k, s, "microsim.generator.pension_spread", &ms->pension_spread);
    if (rc == 0) rc = get_whole(k, s, "microsim.generator.seed", UINT32_MAX, &seed);
    ms->seed = (uint32_t)seed;
    return rc ? rc : calibration(k, s, ms);
}

/* ------------------------------------------------------- year values */

/* A decimal as an integer at 10^-scale, exact (else an error naming `what`). */
static int exact(lsi_calc *k, lsi_dec d, int scale, const char *what, int64_t *out)
{
    __int128 v = d.coef;
    if (d.scale > scale)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "scenario",
                        "%s has more than %d decimals: the member model carries %d", what, scale,
                        scale);
    for (int s = d.scale; s < scale; s++)
        v *= 10;
    *out = (int64_t)v;
    return 0;
}

static int64_t grow_fen(int64_t v, int64_t g)
{
    return (int64_t)(((__int128)v * (LSI_R_ONE + g) + LSI_R_ONE / 2) / LSI_R_ONE);
}

/* A rule value of the year, or (not found: beyond the rule data) none. */
static int year_param(lsi_calc *k, const char *name, int date, lsi_dec *out, bool *found)
{
    int rc = lsi_param_static(k, name, date, out);
    *found = rc == 0;
    return rc == LIBSI_ENOTFOUND ? 0 : rc;
}

static int band(lsi_member_run *r, lsi_member_year *y, const lsi_member_year *prev, int64_t g)
{
    static const char *const floor_name = "pension.contribution_base.floor";
    static const char *const ceiling_name = "pension.contribution_base.ceiling";
    lsi_dec lo, hi;
    bool f1, f2;
    int date = y->year * 10000 + 701;
    int rc = year_param(r->k, floor_name, date, &lo, &f1);
    if (rc == 0) rc = year_param(r->k, ceiling_name, date, &hi, &f2);
    if (rc != 0)
        return rc;
    if (f1 && f2) {
        rc = exact(r->k, lo, 2, "the band floor", &y->floor);
        return rc ? rc : exact(r->k, hi, 2, "the band ceiling", &y->ceiling);
    }
    if (!prev)
        return lsi_fail(r->k->ctx, LIBSI_ENOTFOUND, "scenario",
                        "the contribution band of the base year %d is not in the rule data",
                        y->year);
    y->floor = grow_fen(prev->floor, g); /* beyond the rule data: grows with the wage */
    y->ceiling = grow_fen(prev->ceiling, g);
    return 0;
}

static int rates(lsi_member_run *r, lsi_member_year *y, const lsi_member_year *prev)
{
    lsi_dec er, ee, acc, credit, total = {0, 0};
    bool f1, f2, f3, f4;
    int date = y->year * 10000 + 701;
    int rc = year_param(r->k, "pension.rate.employer", date, &er, &f1);
    if (rc == 0) rc = year_param(r->k, "pension.rate.employee", date, &ee, &f2);
    if (rc == 0) rc = year_param(r->k, "pension.account.credit_rate", date, &acc, &f3);
    if (rc == 0)
        rc = year_param(r->k, "pension.crediting_rate", y->year * 10000 + 101, &credit, &f4);
    if (rc != 0)
        return rc;
    if (r->s->rate_given) { /* the scenario's policy lever */
        total = r->s->rate;
        f1 = f2 = true;
    } else if (f1 && f2) {
        rc = lsi_dec_add(er, ee, &total);
    }
    if (!(f1 && f2 && f3) && !prev)
        return lsi_fail(r->k->ctx, LIBSI_ENOTFOUND, "scenario",
                        "the contribution rates of the base year are not in the rule data");
    if (rc == 0 && f1 && f2) rc = exact(r->k, total, 6, "the contribution rate", &y->rate);
    if (rc == 0 && !(f1 && f2)) y->rate = prev->rate; /* beyond the rule data: the last rate */
    if (rc == 0 && f3) rc = exact(r->k, acc, 6, "the account credit rate", &y->account_rate);
    if (rc == 0 && !f3) y->account_rate = prev->account_rate;
    if (rc == 0)
        rc = exact(r->k, f4 ? credit : r->ms.credit_rate, 6, "the crediting rate", &y->credit);
    return rc;
}

/* p_x(t) = 1 − q_x (1 − s)^(t − t0), carried to 12 decimals (exact_12). */
static int survival(lsi_member_run *r, lsi_member_year *y, lsi_dec factor)
{
    for (int sex = 0; sex < 2; sex++)
        for (int a = 0; a < LSI_AGES; a++) {
            lsi_dec q, p;
            int rc = lsi_dec_mul_round(r->s->qx[sex][a], factor, &LSI_ROUND_EXACT_12, &q, NULL);
            if (rc == 0) rc = lsi_dec_sub(lsi_dec_from_int(1), q, &p);
            if (rc == 0) rc = exact(r->k, p, 12, "a survival probability", &y->px[sex][a]);
            if (rc != 0)
                return rc;
        }
    return 0;
}

static int one_year(lsi_member_run *r, int i, int64_t g, lsi_dec factor)
{
    lsi_member_year *y = &r->years[i], *prev = i ? &r->years[i - 1] : NULL;
    lsi_dec c;
    y->year = r->s->base_year + i;
    if (prev) {
        y->wage = grow_fen(prev->wage, g);
        y->income_month = grow_fen(prev->income_month, g);
    }
    /* C(t) = round_yuan(W(t) × c), as the cohort model */
    int rc = lsi_dec_mul_round((lsi_dec){y->wage, 2}, r->s->cb_ratio, &LSI_ROUND_YUAN, &c, NULL);
    if (rc == 0) rc = exact(r->k, c, 2, "the calculation base", &y->cbase);
    if (rc == 0) rc = band(r, y, prev, g);
    if (rc == 0) rc = rates(r, y, prev);
    return rc ? rc : survival(r, y, factor);
}

/* The year's wage growth, indexation and mortality factor (1 − s)^… — the
 * scenario's constants, or a stochastic path's values (input `economy`). */
static int assumptions(lsi_member_run *r, int i, int64_t *g, lsi_dec *factor)
{
    const lsi_scenario *s = r->s;
    lsi_dec one_s;
    int rc = exact(r->k, LSI_ASSUMED(s, wage_growth, i), 6, "wages.growth", g);
    if (rc == 0)
        rc = exact(r->k, LSI_ASSUMED(s, indexation, i), 6, "benefits.indexation",
                   &r->years[i].indexation);
    if (rc == 0 && i > 0) {
        rc = lsi_dec_sub(lsi_dec_from_int(1), LSI_ASSUMED(s, improvement, i), &one_s);
        if (rc == 0) rc = lsi_dec_mul_round(*factor, one_s, &LSI_ROUND_EXACT_12, factor, NULL);
    }
    return rc;
}

int lsi_member_years(lsi_member_run *r)
{
    const lsi_scenario *s = r->s;
    lsi_calc *k = r->k;
    int64_t g = 0, d = 0, income = 0;
    lsi_dec w0, factor = lsi_dec_from_int(1);
    int rc = lsi_param(k, "wage.provincial_average_monthly", s->base_year * 10000 + 101, &w0);
    if (rc == 0) rc = exact(k, s->density, 6, "contribution.density", &d);
    if (rc == 0) rc = exact(k, r->ms.income_base, 2, "microsim.survivor_income_base", &income);
    if (rc != 0)
        return rc;
    r->density = d;
    r->n_years = s->horizon - s->base_year + 1;
    r->years = lsi_arena_alloc(k->arena, (size_t)r->n_years * sizeof *r->years);
    if (!r->years)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "scenario", "out of memory");
    memset(r->years, 0, (size_t)r->n_years * sizeof *r->years);
    rc = exact(k, w0, 2, "the base-year wage", &r->years[0].wage);
    r->years[0].income_month = (income + 6) / 12; /* fen_half_up of the yearly / 12 */
    for (int i = 0; i < r->n_years && rc == 0; i++) {
        rc = assumptions(r, i, &g, &factor);
        if (rc == 0) rc = one_year(r, i, g, factor);
    }
    return rc;
}

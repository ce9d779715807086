/*
 * Synthetic population of a member-level projection, built from the
 * scenario's population section — the cohort model's inputs — so that the
 * example runs without a member file and the two models can be compared:
 *
 *  - cells: the cohort model's base population (contributors even from the
 *    first age to the group's retirement age, retirees by CL5/CL6 survival
 *    from it, each group its share; the last group takes the remainders),
 *    and one entrant cell per group and later year (E(t0)(1 + e)^(t−t0));
 *  - each cell is split into `microsim.generator.rows_per_cell`-like rows
 *    (sample / cells) of equal weight, the last taking the remainder, with
 *    the average index spread symmetrically around benefits.new_retiree.
 *    average_index and the pensions in payment around benefits.
 *    average_pension, so the weighted means equal the scenario's figures.
 *
 * Calibration (seeds digest §2.11, Guangzhou): participants 2020 = 820.41 万,
 * average pension 2020 = 3726 yuan/month; the 2025 target of 845 万 is met by
 * the entrants of the scenario (docs/actuarial.md shows the run).
 */
#include <string.h>

#include "member_internal.h"
#include "retirement_age.h"

typedef struct lsi_member_cell {
    int group, age, entry_year;
    lsi_member_status status;
    int64_t weight; /* persons × 10^6 */
} lsi_member_cell;

static const lsi_dec ZERO = {0, 0};

static int64_t persons(lsi_dec v) /* persons_6 → × 10^6 */
{
    lsi_dec r;
    int64_t out = 0;
    lsi_dec_round(v, &LSI_ROUND_PERSONS, &r, NULL);
    for (int s = r.scale; s < 6; s++)
        r.coef *= 10;
    lsi_dec_to_int64((lsi_dec){r.coef, 0}, &out);
    return out;
}

static lsi_dec mul(lsi_dec a, lsi_dec b, const lsi_rounding *rule)
{
    lsi_dec out = ZERO;
    lsi_dec_mul_round(a, b, rule, &out, NULL);
    return out;
}

static int retirement_age_years(int g, int base_year)
{
    lsi_retirement_age a;
    int born = base_year - 60;
    if (lsi_statutory_retirement((lsi_retirement_group)g, born * 10000 + 701, &a) != 0)
        return 60;
    return a.month_index / 12 - born;
}

static lsi_dec group_share(const lsi_scenario *s, int g)
{
    lsi_dec female;
    lsi_dec_sub(lsi_dec_from_int(1), s->male_share, &female);
    if (g == 0)
        return s->male_share;
    lsi_dec other;
    lsi_dec_sub(lsi_dec_from_int(1), s->cadre_share, &other);
    return mul(female, g == 1 ? s->cadre_share : other, &LSI_ROUND_EXACT_12);
}

static void add_cell(lsi_member_run *r, int g, int age, int entry, lsi_member_status st, int64_t w)
{
    if (w <= 0)
        return;
    r->cells[r->n_cells++] = (lsi_member_cell){g, age, entry, st, w};
}

/* total spread over ages lo..hi by weights l (NULL: even); the last age
 * takes the remainder, as in the cohort model. */
static void spread(lsi_member_run *r, int g, lsi_member_status st, int64_t total, int lo, int hi,
                   const lsi_dec *l)
{
    lsi_dec wsum = ZERO;
    int64_t used = 0;
    for (int a = lo; a <= hi; a++)
        lsi_dec_add(wsum, l ? l[a] : lsi_dec_from_int(1), &wsum);
    for (int a = lo; a <= hi; a++) {
        lsi_dec x = mul((lsi_dec){total, 6}, l ? l[a] : lsi_dec_from_int(1), &LSI_ROUND_EXACT_12), q;
        lsi_dec_div_round(x, wsum, &LSI_ROUND_PERSONS, &q, NULL);
        int64_t w = a == hi ? total - used : persons(q);
        used += w;
        add_cell(r, g, a, r->s->base_year, st, w);
    }
}

static void base_cells(lsi_member_run *r)
{
    const lsi_scenario *s = r->s;
    lsi_dec all_c;
    lsi_dec_sub(s->participants, s->retirees, &all_c);
    int64_t left_c = persons(all_c), left_r = persons(s->retirees), c0 = left_c;
    for (int g = 0; g < LSI_GROUPS; g++) {
        int ret = retirement_age_years(g, s->base_year);
        lsi_dec share = group_share(s, g), l[LSI_AGES], one = lsi_dec_from_int(1), p;
        int64_t nc = g == 2 ? left_c : persons(mul((lsi_dec){c0, 6}, share, &LSI_ROUND_PERSONS));
        int64_t nr = g == 2 ? left_r : persons(mul(s->retirees, share, &LSI_ROUND_PERSONS));
        left_c -= nc;
        left_r -= nr;
        for (int a = ret; a <= LSI_MAX_AGE; a++) {
            l[a] = one;
            lsi_dec_sub(lsi_dec_from_int(1), s->qx[g == 0 ? 0 : 1][a], &p);
            one = mul(one, p, &LSI_ROUND_EXACT_12);
        }
        spread(r, g, LSI_MEMBER_ACTIVE, nc, s->first_age, ret - 1, NULL);
        spread(r, g, LSI_MEMBER_RETIRED, nr, ret, LSI_MAX_AGE, l);
    }
}

/* Probability × 10^12 that a member aged `age` in year `from` (entering then)
 * is alive in year `to`: Π p_x(t) over the years after `from` (the model's
 * exact_12 survival, carried by exact_12 products). */
static lsi_dec survive(const lsi_member_run *r, int sex, int age, int from, int to)
{
    lsi_dec l = lsi_dec_from_int(1);
    for (int t = from + 1; t <= to; t++, age++) {
        int64_t p = age >= LSI_MAX_AGE ? 0 : r->years[t - r->s->base_year].px[sex][age];
        l = mul(l, (lsi_dec){p, 12}, &LSI_ROUND_EXACT_12);
    }
    return l;
}

/* Entrants of the first projected year calibrated so that the expected
 * participants of the calibration year equal the scenario's target:
 * E = (target − survivors of the base population) / Σ_t (1 + e)^(t−t0−1) ×
 * share_g × survival of the year-t entrants, rounded persons_6. */
static lsi_dec calibrated_entrants(const lsi_member_run *r, int base_cells)
{
    const lsi_scenario *s = r->s;
    int y = r->ms.calibration_year;
    lsi_dec alive = ZERO, per = ZERO, growth, g = lsi_dec_from_int(1), e;
    for (int i = 0; i < base_cells; i++) {
        const lsi_member_cell *c = &r->cells[i];
        lsi_dec_add(alive, mul((lsi_dec){c->weight, 6}, survive(r, c->group != 0, c->age,
                                                                 s->base_year, y),
                               &LSI_ROUND_EXACT_12), &alive);
    }
    for (int t = s->base_year + 1; t <= y; t++) {
        for (int grp = 0; grp < LSI_GROUPS; grp++)
            lsi_dec_add(per, mul(mul(g, group_share(s, grp), &LSI_ROUND_EXACT_12),
                                 survive(r, grp != 0, s->entry_age, t, y), &LSI_ROUND_EXACT_12),
                        &per);
        lsi_dec_add(lsi_dec_from_int(1), LSI_ASSUMED(s, entrant_growth, t - s->base_year), &growth);
        g = mul(g, growth, &LSI_ROUND_EXACT_12);
    }
    lsi_dec_sub(r->ms.calibration_participants, alive, &e);
    if (lsi_dec_is_negative(e) || lsi_dec_is_zero(per))
        return ZERO;
    lsi_dec_div_round(e, per, &LSI_ROUND_PERSONS, &e, NULL);
    return e;
}

static void entrant_cells(lsi_member_run *r, lsi_dec e)
{
    const lsi_scenario *s = r->s;
    lsi_dec growth;
    for (int t = s->base_year + 1; t <= s->horizon; t++) {
        for (int g = 0; g < LSI_GROUPS; g++)
            add_cell(r, g, s->entry_age, t, LSI_MEMBER_ACTIVE,
                     persons(mul(e, group_share(s, g), &LSI_ROUND_PERSONS)));
        lsi_dec_add(lsi_dec_from_int(1), LSI_ASSUMED(s, entrant_growth, t - s->base_year), &growth);
        e = mul(e, growth, &LSI_ROUND_PERSONS);
    }
}

int lsi_member_generator(lsi_member_run *r)
{
    size_t max = (size_t)LSI_GROUPS * (LSI_AGES + LSI_MAX_YEARS + 2);
    r->cells = lsi_arena_alloc(r->k->arena, max * sizeof *r->cells);
    if (!r->cells)
        return lsi_fail(r->k->ctx, LIBSI_ENOMEM, "scenario", "out of memory");
    r->n_cells = 0;
    base_cells(r);
    int base = r->n_cells;
    r->entrants = r->ms.calibration_year ? calibrated_entrants(r, base) : r->s->entrants;
    entrant_cells(r, r->entrants);
    r->rows_per_cell = r->ms.sample / (base > 0 ? base : 1);
    if (r->rows_per_cell < 1)
        r->rows_per_cell = 1;
    return 0;
}

int64_t lsi_member_generated_count(const lsi_member_run *r)
{
    return (int64_t)r->n_cells * r->rows_per_cell;
}

/* (2j + 1 − n) / n × spread, at 10^-10 (member_index_10): symmetric in j,
 * so the rows' mean is the centre. */
static int64_t offset(lsi_dec spread, int64_t j, int64_t n)
{
    lsi_dec x = mul(spread, lsi_dec_from_int(2 * j + 1 - n), &LSI_ROUND_EXACT_12), q;
    lsi_dec_div_round(x, lsi_dec_from_int(n), &LSI_ROUND_MEMBER_INDEX, &q, NULL);
    for (int s = q.scale; s < 10; s++)
        q.coef *= 10;
    return (int64_t)q.coef;
}

static int64_t scaled(lsi_dec v, int scale)
{
    lsi_dec r;
    lsi_dec_round(v, &(lsi_rounding){"scale", LIBSI_ROUND_HALF_EVEN, -scale, "", NULL, 0}, &r, NULL);
    for (int s = r.scale; s < scale; s++)
        r.coef *= 10;
    return (int64_t)r.coef;
}

/* An active member's record to date: the months that, with the months it
 * will pay (12 d a year) until its retirement age, make the scenario's
 * career of the group (benefits.new_retiree.career_months, the cohort model's
 * representative retiree); the account 8 % × Z × W(t0) × months × the
 * account factor (the cohort model's formula). */
static void active_record(const lsi_member_run *r, const lsi_member_cell *c, int64_t z,
                          lsi_member *m)
{
    const lsi_scenario *s = r->s;
    int64_t to_go = retirement_age_years(c->group, s->base_year) - c->age;
    int64_t months = s->career[c->group] - 12 * r->density * (to_go > 0 ? to_go : 0) / LSI_R_ONE;
    m->months = c->entry_year == s->base_year && months > 0 ? months : 0;
    m->index_months = z * m->months;
    int64_t factor = scaled(s->account_factor, 6);
    __int128 acc = (__int128)r->years[0].wage * z / LSI_IX_ONE * m->months;
    m->account = (int64_t)(acc * r->years[0].account_rate / LSI_R_ONE * factor / LSI_R_ONE);
    m->base_ratio = (int64_t)((__int128)scaled(s->base_ratio, 6) * z / scaled(s->z, 10));
}

void lsi_member_generate(const lsi_member_run *r, int64_t i, lsi_member *m)
{
    const lsi_scenario *s = r->s;
    const lsi_member_cell *c = &r->cells[i / r->rows_per_cell];
    int64_t j = i % r->rows_per_cell, n = r->rows_per_cell;
    memset(m, 0, sizeof *m);
    m->id = i + 1;
    m->group = c->group;
    m->sex = c->group == 0 ? 0 : 1;
    int birth_year = (c->entry_year == s->base_year ? s->base_year : c->entry_year) - c->age;
    m->birth_ymd = birth_year * 10000 + 701;
    m->entry_year = c->entry_year;
    m->status = c->status;
    m->weight = j == n - 1 ? c->weight - (n - 1) * (c->weight / n) : c->weight / n;
    int64_t z = scaled(s->z, 10) + offset(r->ms.index_spread, j, n);
    if (c->status == LSI_MEMBER_RETIRED) {
        int64_t avg = scaled(s->average_pension, 2);
        m->pension = avg + (int64_t)((__int128)offset(r->ms.pension_spread, j, n) * avg / LSI_IX_ONE);
        m->initial_pension = m->pension;
        m->months = s->career[c->group];
        m->index_months = z * m->months;
    } else {
        active_record(r, c, z, m);
    }
    lsi_member_prepare(r, m);
}

/*
 * One member through every projected year (docs/actuarial.md "Member
 * model"), year t:
 *   1. death (from the second year in the fund): expected-value mode
 *      w ← persons_6(w × p_x(t)); Monte Carlo mode: dies when the Philox
 *      draw U(seed; path, t, id) < q_x(t); the deaths' survivors receive the
 *      funeral subsidy, the survivors' pension and the inheritable account
 *      (社会保险法第十四条、第十七条; 人社部发〔2021〕18号);
 *   2. adjustment of a pension in payment: P ← round_fen(P × (1 + k));
 *   3. contributions of an active member: base = the year's band applied to
 *      W(t) × base ratio (国办发〔2019〕13号 §三), months paid by the density,
 *      contribution base × months × rate, account credits base × months × 8 %
 *      (国发〔2005〕38号), index months base / W(t);
 *   4. retirement in the member's statutory month (办法第一条): the pension
 *      by the statutory steps of the `pension` calculation; a member short of
 *      the minimum period keeps contributing (办法第二条) and retires in the
 *      January after reaching it;
 *   5. account interest at the year end (credits of the year earn none);
 *   6. pensions paid for the months in payment.
 * Money is int64 fen, rounded by LSI_ROUND_FEN (half-up) at each step.
 */
#include <stdlib.h>
#include <string.h>

#include "member_internal.h"

/* ------------------------------------------------ integer roundings */

/* round half-up of num / den, num ≥ 0, den > 0 (LSI_ROUND_FEN on a quotient). */
static inline int64_t div_half_up(__int128 num, int64_t den)
{
    return (int64_t)((num + den / 2) / den);
}

/* round half-even of num / den, num ≥ 0 (LSI_ROUND_PERSONS, member_index_10). */
static inline int64_t div_half_even(__int128 num, int64_t den)
{
    __int128 q = num / den, r = num % den;
    if (2 * r > den || (2 * r == den && (q & 1)))
        q++;
    return (int64_t)q;
}

/* ----------------------------------------------------------- worker */

int lsi_member_worker_init(lsi_member_worker *w, lsi_member_run *r)
{
    memset(w, 0, sizeof *w);
    w->run = r;
    int rc = lsi_kernel_init(&w->pension, r->k, &lsi_scheme_pension);
    /* Every allocation through the caller's allocator (libsi_ctx_new). */
    const libsi_allocator *a = &r->k->ctx->alloc;
    if (rc == 0 && libsi_ctx_new(a, &w->ctx) != 0) /* the run's context gets the message */
        rc = lsi_fail(r->k->ctx, LIBSI_ENOMEM, "members", "out of memory");
    if (rc != 0)
        return rc;
    w->cache = lsi_malloc(a, sizeof *w->cache);
    w->t = lsi_malloc(a, (size_t)r->n_years * sizeof *w->t);
    if (!w->cache || !w->t)
        return lsi_fail(r->k->ctx, LIBSI_ENOMEM, "members", "out of memory");
    memset(w->cache, 0, sizeof *w->cache);
    memset(w->t, 0, (size_t)r->n_years * sizeof *w->t);
    w->cache->gen = 1;
    lsi_calc *k = &w->pension.k;
    k->ctx = w->ctx;     /* own error state and rule cache: threads share nothing */
    k->rules = w->cache;
    k->trace = NULL;
    k->host = NULL;
    k->step = NULL;
    k->place = r->k->place;
    k->city = NULL;
    k->known_on = r->k->known_on;
    k->model = true;
    w->deemed_slot = -1;
    for (size_t i = 0; i < lsi_scheme_pension.n_inputs; i++)
        if (strcmp(lsi_scheme_pension.inputs[i].name, "deemed_account_balance") == 0)
            w->deemed_slot = (int)i;
    return w->deemed_slot < 0 ? LIBSI_EINTERNAL : 0;
}

void lsi_member_worker_free(lsi_member_worker *w)
{
    if (w->ctx) {   /* the worker's context has the caller's allocator */
        lsi_free(&w->ctx->alloc, w->cache);
        lsi_free(&w->ctx->alloc, w->t);
    }
    libsi_ctx_free(w->ctx);
    w->cache = NULL;
    w->t = NULL;
    w->ctx = NULL;
}

/* -------------------------------------------------------- retirement */

static lsi_dec fen(int64_t v)
{
    return (lsi_dec){v, 2};
}

static int64_t to_fen(lsi_dec d)
{
    lsi_dec r;
    lsi_dec_round(d, &LSI_ROUND_FEN, &r, NULL);
    for (int s = r.scale; s < 2; s++)
        r.coef *= 10;
    return (int64_t)r.coef;
}

/* The pension of a member retiring in month `rm` by the statutory steps of
 * the `pension` calculation (国发〔2005〕38号; 粤府函〔2021〕294号; 粤劳电〔2009〕
 * 32号): basic + account + transitional + adjustment + supplements, each
 * rounded to the fen.  1: not eligible yet (办法第二条). */
static int pension_at(lsi_member_worker *w, lsi_member *m, const lsi_member_year *y, int rm)
{
    lsi_calc *k = &w->pension.k;
    int date = lsi_month_first_day(rm);
    int64_t total_months = m->months + m->deemed, minimum;
    lsi_dec min, z = {0, 0}, basic, div, acc, old, nw, adj, sup;
    int rc = lsi_param(k, "pension.minimum_contribution_months", date, &min);
    if (rc == 0) rc = lsi_dec_to_int64(min, &minimum);
    if (rc != 0)
        return rc;
    if (total_months < minimum)
        return 1;
    if (m->months > 0)
        rc = lsi_dec_div_round((lsi_dec){m->index_months, 10}, lsi_dec_from_int(m->months),
                               &LSI_ROUND_INDEX_CARRY, &z, NULL);
    w->pension.k.in[w->deemed_slot].v.dec = fen(m->deemed_account);
    if (rc == 0) rc = lsi_basic_pension(k, date, fen(y->cbase), z, total_months, &basic);
    if (rc == 0) rc = lsi_divisor_for_age(k, date, rm - m->birth_month, &div);
    if (rc == 0) rc = lsi_dec_div_round(fen(m->account), div, &LSI_ROUND_FEN, &acc, NULL);
    if (rc == 0)
        rc = lsi_pension_transitional(k, date, fen(y->cbase), total_months, m->deemed, &old, &nw,
                                      &adj, &sup);
    if (rc != 0)
        return rc;
    m->account_pension = to_fen(acc);
    m->pension = to_fen(basic) + m->account_pension + to_fen(old) + to_fen(adj) + to_fen(sup);
    m->initial_pension = m->pension;
    m->ret_z = z;
    m->ret_account = m->account;
    m->ret_cbase = y->cbase;
    return 0;
}

/* ------------------------------------------------------------- death */

/* Survivors' benefits of one death in year y (社会保险法第十七条; 人社部发〔2021〕
 * 18号: funeral 2 months, survivors 9 months + 1 per contribution year beyond
 * 15, at most 24, of the income base), plus the inheritable account (第十四条). */
static int64_t survivors(const lsi_member_run *r, const lsi_member *m, const lsi_member_year *y)
{
    if (!r->ms.survivor_benefits)
        return 0;
    int64_t years = (m->months + m->deemed) / 12;
    int64_t n = r->survivor_base + (years > r->survivor_threshold ? years - r->survivor_threshold : 0);
    if (n > r->survivor_max)
        n = r->survivor_max;
    return (r->funeral_months + n) * y->income_month + m->account;
}

/* Step 1: 1 when the member died (no weight left). */
static int die(lsi_member_worker *w, lsi_member *m, const lsi_member_year *y, lsi_member_totals *t)
{
    const lsi_member_run *r = w->run;
    int age = y->year - 1 - m->birth_year;
    int sex = m->sex;
    int64_t p = age >= LSI_MAX_AGE ? 0 : y->px[sex][age < 0 ? 0 : age], alive;
    if (r->monte_carlo) {
        uint64_t u = lsi_member_draw(r->seed, r->path, (uint32_t)y->year, (uint64_t)m->id);
        /* dies iff u / 2^64 < q = 1 − p, compared exactly */
        unsigned __int128 lhs = (unsigned __int128)u * (uint64_t)LSI_P_ONE;
        unsigned __int128 rhs = (unsigned __int128)(uint64_t)(LSI_P_ONE - p) << 64;
        alive = lhs < rhs ? 0 : m->weight;
    } else {
        alive = div_half_even((__int128)m->weight * p, LSI_P_ONE);
    }
    int64_t dead = m->weight - alive;
    if (dead > 0) {
        t->deaths += dead;
        t->lump_sums += (__int128)dead * survivors(r, m, y);
    }
    m->weight = alive;
    if (alive == 0) {
        m->status = LSI_MEMBER_DEAD;
        m->death_year = y->year;
        return 1;
    }
    return 0;
}

/* -------------------------------------------------------- contributions */

/* Months a contributor of density d pays in year n: ⌊12 d (n + 1 + o)⌋ −
 * ⌊12 d (n + o)⌋, o = id mod 997 staggering members, so every member's
 * months average 12 d exactly and the fund's do each year. */
static int64_t paid_months(const lsi_member_run *r, const lsi_member *m, const lsi_member_year *y)
{
    int64_t n = y->year - r->s->base_year + m->id % 997, d = r->density;
    return (12 * d * (n + 1)) / LSI_R_ONE - (12 * d * n) / LSI_R_ONE;
}

static void contribute(lsi_member *m, const lsi_member_year *y, int64_t months,
                       lsi_member_totals *t)
{
    if (months <= 0)
        return;
    int64_t base = div_half_up((__int128)y->wage * m->base_ratio, LSI_R_ONE);
    base = base < y->floor ? y->floor : base > y->ceiling ? y->ceiling : base;
    int64_t paid = div_half_up((__int128)base * months * y->rate, LSI_R_ONE);
    int64_t credit = div_half_up((__int128)base * months * y->account_rate, LSI_R_ONE);
    int64_t index = div_half_even((__int128)base * LSI_IX_ONE, y->wage);
    m->months += months;
    m->index_months += index * months;
    m->account += credit;
    t->income += (__int128)m->weight * paid;
    t->account_credits += (__int128)m->weight * credit;
    t->wage_bill += (__int128)m->weight * base * months;
}

/* Steps 3–5 for an active member; 1 when it retired this year. */
static int active_year(lsi_member_worker *w, lsi_member *m, const lsi_member_year *y,
                       lsi_member_totals *t, int *first_month)
{
    int rm = m->retire_month < y->year * 12 ? y->year * 12 : m->retire_month;
    int64_t paid = paid_months(w->run, m, y);
    if (rm / 12 > y->year) {
        contribute(m, y, paid, t);
        m->account = div_half_up((__int128)m->account * (LSI_R_ONE + y->credit), LSI_R_ONE);
        t->contributors += m->weight;
        return 0;
    }
    contribute(m, y, paid * (rm % 12) / 12, t);
    int rc = pension_at(w, m, y, rm);
    if (rc == 1) { /* 办法第二条: keeps paying until the minimum is met */
        contribute(m, y, paid - paid * (rm % 12) / 12, t);
        m->retire_month = (y->year + 1) * 12;
        t->contributors += m->weight;
        return 0;
    }
    if (rc != 0)
        return w->err = rc;
    m->status = LSI_MEMBER_RETIRED;
    m->retire_month = rm;
    t->new_retirees += m->weight;
    *first_month = rm % 12;
    return 1;
}

static void pay(lsi_member *m, int first_month, lsi_member_totals *t)
{
    int64_t months = 12 - first_month;
    t->retirees += m->weight;
    t->pensions += (__int128)m->weight * m->pension * months;
    t->roll += (__int128)m->weight * m->pension;
    int64_t drawn = m->account_pension * months;
    m->account = m->account > drawn ? m->account - drawn : 0;
}

int lsi_member_project(lsi_member_worker *w, lsi_member *m)
{
    const lsi_member_run *r = w->run;
    for (int i = 0; i < r->n_years && m->status != LSI_MEMBER_DEAD; i++) {
        const lsi_member_year *y = &r->years[i];
        lsi_member_totals *t = &w->t[i];
        if (y->year < m->entry_year)
            continue;
        w->row_years++;
        if (y->year > m->entry_year && die(w, m, y, t))
            break;
        int first = 0;
        if (m->status == LSI_MEMBER_RETIRED && y->year > m->entry_year)
            m->pension = div_half_up((__int128)m->pension * (LSI_R_ONE + y->indexation), LSI_R_ONE);
        if (m->status == LSI_MEMBER_ACTIVE && active_year(w, m, y, t, &first) == 0)
            continue;
        if (w->err)
            return w->err;
        pay(m, first, t);
    }
    return w->err;
}

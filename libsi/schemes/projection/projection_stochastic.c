/*
 * The `stochastic_projection` calculation (issue #16): the cohort model of
 * projection.c run over N paths of its assumptions, each a correlated AR(1):
 *
 *   x_j(t) = μ_j + φ_j (x_j(t−1) − μ_j) + σ_j ε_j(t),   x_j(t0) = μ_j,
 *   ε(t) = L z(t),  L Lᵀ = the correlation matrix,  z iid N(0, 1),
 *
 * for j = wage growth, fund return, indexation, mortality improvement and
 * entrant growth (coverage); μ_j = the scenario's deterministic value; φ, σ
 * and the correlations in the scenario's `stochastic` section.  z comes
 * from Random123's Philox4x32-10 keyed by the seed, counter (path, year,
 * pair, 0), through Box–Muller: a pure function of (seed, path, year), so
 * no thread count or order changes a path and `path` replays one exactly.
 *
 * The process is irrational (log, sqrt, cos): it runs in MPFR at 128 bits,
 * correctly rounded, hence the same on every platform; each year's value is
 * then rounded once by the rule stochastic_rate_6 (6 decimals, half-even)
 * into an exact decimal, clamped to its domain, and the cohort model runs on
 * exact decimals as in the deterministic projection.
 */
#include <mpfr.h>
#include <pthread.h>
#include <Random123/philox.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "projection_internal.h"
#include "yaml_tree.h"

#define NV 5
#define PREC 128
#define MAX_THREADS 64

static const char *const var_names[NV] = {"wage_growth", "fund_return", "indexation",
                                          "improvement", "entrant_growth"};

const lsi_rounding LSI_ROUND_STOCHASTIC = LSI_ROUNDING(
    "stochastic_rate_6", LIBSI_ROUND_HALF_EVEN, -6,
    "a yearly rate drawn by the stochastic projection (computed in MPFR) enters the exact "
    "model rounded once to 6 decimals");

typedef struct process {
    lsi_dec mu[NV], phi[NV], sigma[NV], lo[NV], hi[NV];
    lsi_dec corr[NV][NV];
} process;

/* ------------------------------------------------------------ reading */


/* A decimal in [lo, hi] at `path` of the scenario. */
static int get(lsi_calc *k, const lsi_scenario *s, const char *path, int lo, int hi, lsi_dec *out)
{
    const lsi_ynode *n = lsi_scenario_node(s->root, path);
    if (!n || n->kind != LSI_Y_SCALAR)
        return lsi_in_invalid(k, "scenario", "scenario key '%s': is required by the stochastic "
                              "projection (see data/scenarios/guangzhou.yaml)", path);
    if (lsi_dec_parse(n->text, out, NULL) != 0 || lsi_dec_cmp(*out, lsi_dec_from_int(lo)) < 0 ||
        lsi_dec_cmp(*out, lsi_dec_from_int(hi)) > 0)
        return lsi_in_invalid(k, "scenario", "scenario key '%s': a decimal from %d to %d", path,
                              lo, hi);
    return 0;
}

static int read_process(lsi_calc *k, const lsi_scenario *s, process *p)
{
    const lsi_dec mu[NV] = {s->wage_growth, s->fund_return, s->indexation, s->improvement,
                            s->entrant_growth};
    char key[128];
    int rc = 0;
    for (int j = 0; j < NV && rc == 0; j++) {
        p->mu[j] = mu[j];
        snprintf(key, sizeof key, "stochastic.%s.phi", var_names[j]);
        rc = get(k, s, key, -1, 1, &p->phi[j]);
        snprintf(key, sizeof key, "stochastic.%s.sigma", var_names[j]);
        if (rc == 0) rc = get(k, s, key, 0, 1, &p->sigma[j]);
        snprintf(key, sizeof key, "stochastic.%s.min", var_names[j]);
        if (rc == 0) rc = get(k, s, key, -1, 1, &p->lo[j]);
        snprintf(key, sizeof key, "stochastic.%s.max", var_names[j]);
        if (rc == 0) rc = get(k, s, key, -1, 1, &p->hi[j]);
        p->corr[j][j] = lsi_dec_from_int(1);
        for (int i = 0; i < j && rc == 0; i++) {
            snprintf(key, sizeof key, "stochastic.correlation.%s.%s", var_names[i], var_names[j]);
            rc = get(k, s, key, -1, 1, &p->corr[i][j]);
            p->corr[j][i] = p->corr[i][j];
        }
    }
    return rc;
}

/* ----------------------------------------------------- the process */

typedef struct gen {
    mpfr_t L[NV][NV], x[NV], z[NV], e, t, u1, u2, r;
} gen;

static void set_dec(mpfr_t out, lsi_dec d)
{
    char buf[LIBSI_DECIMAL_MAX + 1];
    lsi_dec_format(d, buf);
    mpfr_set_str(out, buf, 10, MPFR_RNDN);
}

static void gen_init(gen *g)
{
    mpfr_inits2(PREC, g->e, g->t, g->u1, g->u2, g->r, (mpfr_ptr)0);
    for (int i = 0; i < NV; i++) {
        mpfr_inits2(PREC, g->x[i], g->z[i], (mpfr_ptr)0);
        for (int j = 0; j < NV; j++)
            mpfr_init2(g->L[i][j], PREC);
    }
}

static void gen_clear(gen *g)
{
    mpfr_clears(g->e, g->t, g->u1, g->u2, g->r, (mpfr_ptr)0);
    for (int i = 0; i < NV; i++) {
        mpfr_clears(g->x[i], g->z[i], (mpfr_ptr)0);
        for (int j = 0; j < NV; j++)
            mpfr_clear(g->L[i][j]);
    }
}

/* L Lᵀ = C (Cholesky); −1 when C is not positive definite. */
static int cholesky(gen *g, const process *p)
{
    for (int i = 0; i < NV; i++)
        for (int j = 0; j <= i; j++) {
            set_dec(g->t, p->corr[i][j]);
            for (int k = 0; k < j; k++) {
                mpfr_mul(g->e, g->L[i][k], g->L[j][k], MPFR_RNDN);
                mpfr_sub(g->t, g->t, g->e, MPFR_RNDN);
            }
            if (i == j) {
                if (mpfr_cmp_d(g->t, 1e-12) <= 0)
                    return -1;
                mpfr_sqrt(g->L[i][i], g->t, MPFR_RNDN);
            } else {
                mpfr_div(g->L[i][j], g->t, g->L[j][j], MPFR_RNDN);
            }
        }
    for (int i = 0; i < NV; i++)
        for (int j = i + 1; j < NV; j++)
            mpfr_set_ui(g->L[i][j], 0, MPFR_RNDN);
    return 0;
}

/* A uniform in (0, 1]: (53-bit integer + 1) / 2^53, exact in MPFR. */
static void uniform(mpfr_t u, uint32_t hi, uint32_t lo)
{
    uint64_t v = ((uint64_t)hi << 21 ^ lo >> 11) & ((1ULL << 53) - 1);
    mpfr_set_d(u, (double)(v + 1), MPFR_RNDN); /* exact: below 2^53 + 1 */
    mpfr_div_2ui(u, u, 53, MPFR_RNDN);
}

/* Six standard normals z for (path, year): Box–Muller on three Philox blocks. */
static void normals(gen *g, uint64_t seed, uint32_t path, uint32_t year)
{
    philox4x32_key_t key = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
    for (int pair = 0; pair < (NV + 1) / 2; pair++) {
        philox4x32_ctr_t c = {{path, year, (uint32_t)pair, 0x5354u /* "ST" */}};
        philox4x32_ctr_t o = philox4x32(c, key);
        uniform(g->u1, o.v[0], o.v[1]);
        uniform(g->u2, o.v[2], o.v[3]);
        mpfr_log(g->r, g->u1, MPFR_RNDN); /* r = sqrt(−2 log u1) */
        mpfr_mul_si(g->r, g->r, -2, MPFR_RNDN);
        mpfr_sqrt(g->r, g->r, MPFR_RNDN);
        mpfr_const_pi(g->t, MPFR_RNDN);
        mpfr_mul_2ui(g->t, g->t, 1, MPFR_RNDN);
        mpfr_mul(g->t, g->t, g->u2, MPFR_RNDN); /* θ = 2π u2 */
        mpfr_sin_cos(g->e, g->u1, g->t, MPFR_RNDN);
        mpfr_mul(g->z[2 * pair], g->r, g->u1, MPFR_RNDN);
        if (2 * pair + 1 < NV)
            mpfr_mul(g->z[2 * pair + 1], g->r, g->e, MPFR_RNDN);
    }
}

/* x_j rounded once (stochastic_rate_6) and clamped to [min, max]. */
static lsi_dec rounded(gen *g, int j, const process *p)
{
    mpfr_mul_ui(g->t, g->x[j], 1000000, MPFR_RNDN);
    mpfr_rint(g->t, g->t, MPFR_RNDN); /* ties to even */
    long v = mpfr_get_si(g->t, MPFR_RNDN);
    lsi_dec d = {v, 6};
    if (lsi_dec_cmp(d, p->lo[j]) < 0) d = p->lo[j];
    if (lsi_dec_cmp(d, p->hi[j]) > 0) d = p->hi[j];
    return d;
}

/* One path's yearly assumptions; year 0 is the base year (μ). */
static void draw_path(gen *g, const process *p, const lsi_scenario *s, uint64_t seed,
                      uint32_t path, lsi_path_values *v)
{
    lsi_dec *out[NV] = {v->wage_growth, v->fund_return, v->indexation, v->improvement,
                        v->entrant_growth};
    for (int j = 0; j < NV; j++) {
        set_dec(g->x[j], p->mu[j]);
        out[j][0] = p->mu[j];
    }
    for (int t = 1; t <= s->horizon - s->base_year; t++) {
        normals(g, seed, path, (uint32_t)(s->base_year + t));
        for (int j = 0; j < NV; j++) {
            mpfr_set_ui(g->e, 0, MPFR_RNDN); /* ε_j = Σ_k L_jk z_k */
            for (int k = 0; k <= j; k++) {
                mpfr_mul(g->t, g->L[j][k], g->z[k], MPFR_RNDN);
                mpfr_add(g->e, g->e, g->t, MPFR_RNDN);
            }
            set_dec(g->u1, p->mu[j]); /* x = μ + φ (x − μ) + σ ε */
            mpfr_sub(g->x[j], g->x[j], g->u1, MPFR_RNDN);
            set_dec(g->u2, p->phi[j]);
            mpfr_mul(g->x[j], g->x[j], g->u2, MPFR_RNDN);
            set_dec(g->u2, p->sigma[j]);
            mpfr_mul(g->e, g->e, g->u2, MPFR_RNDN);
            mpfr_add(g->x[j], g->x[j], g->e, MPFR_RNDN);
            mpfr_add(g->x[j], g->x[j], g->u1, MPFR_RNDN);
            out[j][t] = rounded(g, j, p);
        }
    }
}

int lsi_stochastic_path_values(lsi_calc *k, const lsi_scenario *s, uint64_t seed, uint32_t path,
                               lsi_path_values *v)
{
    process p;
    gen g;
    int rc = read_process(k, s, &p);
    if (rc != 0)
        return rc;
    gen_init(&g);
    if (cholesky(&g, &p) == 0)
        draw_path(&g, &p, s, seed, path, v);
    else
        rc = lsi_in_invalid(k, "scenario", "scenario key 'stochastic.correlation': the matrix is "
                            "not positive definite");
    gen_clear(&g);
    mpfr_free_cache();
    return rc;
}

/* ------------------------------------------------------------ paths */

typedef struct results {
    int n_paths, n_years;
    lsi_dec *balance, *reserve, *cost; /* [path × n_years + t] */
    int *depleted;                     /* [path]: year, or 0 */
} results;

typedef struct worker {
    lsi_calc k;              /* a copy of the calculation with its own context */
    lsi_arena arena;
    lsi_rule_cache *cache;
    const lsi_scenario *s;
    const process *p;
    results *res;
    uint64_t seed;
    uint32_t first, step;    /* paths first, first + step, ... */
    gen g;
    int err;
    char msg[LSI_MSG_MAX];
} worker;

static void keep(results *res, uint32_t path, const year_row *rows, int n)
{
    size_t base = (size_t)path * (size_t)res->n_years;
    res->depleted[path] = 0;
    for (int t = 0; t < n; t++) {
        res->balance[base + t] = rows[t].fund;
        res->reserve[base + t] = lsi_projection_reserve_months(rows[t].fund, rows[t].expenditure);
        res->cost[base + t] = lsi_projection_cost_rate(rows[t].expenditure, rows[t].wage_bill);
        if (!res->depleted[path] && lsi_dec_is_negative(rows[t].fund))
            res->depleted[path] = rows[t].year;
    }
}

/* One path through the cohort model; the scenario copy carries its values. */
static int run_path(worker *w, uint32_t path, lsi_path_values *v, year_row *rows, int *n)
{
    lsi_scenario s = *w->s;
    draw_path(&w->g, w->p, w->s, w->seed, path, v);
    s.path = v;
    lsi_arena_reset(&w->arena);
    return lsi_projection_rows(&w->k, &s, rows, n);
}

static void *work(void *arg)
{
    worker *w = arg;
    const libsi_allocator *a = &w->k.ctx->alloc; /* the caller's (worker_init) */
    lsi_path_values *v = lsi_malloc(a, sizeof *v);
    year_row *rows = lsi_malloc(a, LSI_MAX_YEARS * sizeof *rows);
    if (!v || !rows) /* with its message: run_paths reports w->msg */
        w->err = lsi_fail(w->k.ctx, LIBSI_ENOMEM, "paths", "out of memory");
    for (uint32_t path = w->first; w->err == 0 && path < (uint32_t)w->res->n_paths;
         path += w->step) {
        int n = 0;
        w->err = run_path(w, path, v, rows, &n);
        if (w->err == 0)
            keep(w->res, path, rows, n);
    }
    if (w->err)
        snprintf(w->msg, sizeof w->msg, "%s", libsi_ctx_message(w->k.ctx));
    lsi_free(a, v);
    lsi_free(a, rows);
    /* MPFR keeps constant caches and an mpz pool per thread: free this thread's own before it
     * ends (the shared ones are freed by worker_free, after every thread has joined). */
    mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE);
    return NULL;
}

static int worker_init(worker *w, lsi_calc *k, const lsi_scenario *s, const process *p)
{
    memset(w, 0, sizeof *w);
    gen_init(&w->g); /* first: worker_free clears it whatever fails below */
    w->k = *k;
    w->s = s;
    w->p = p;
    /* The caller's allocator for the worker's context, arena and buffers: an agency's
     * allocator sees every byte (the house rule, as member_step.c). */
    if (libsi_ctx_new(&k->ctx->alloc, &w->k.ctx) != 0)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "paths", "out of memory");
    lsi_arena_init(&w->arena, &w->k.ctx->alloc);
    w->cache = lsi_malloc(&w->k.ctx->alloc, sizeof *w->cache);
    if (!w->cache)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "paths", "out of memory");
    memset(w->cache, 0, sizeof *w->cache);
    w->cache->gen = 1;
    w->k.arena = &w->arena;
    w->k.rules = w->cache;
    w->k.trace = NULL;
    w->k.step = NULL;
    w->k.host = NULL;
    w->k.city = NULL; /* the memo of city texts is written: not shared */
    return cholesky(&w->g, p) == 0
               ? 0
               : lsi_in_invalid(k, "scenario", "scenario key 'stochastic.correlation': the "
                                "matrix is not positive definite");
}

static void worker_free(worker *w)
{
    gen_clear(&w->g);
    lsi_arena_release(&w->arena);
    if (w->k.ctx) /* NULL when worker_init could not make it */
        lsi_free(&w->k.ctx->alloc, w->cache);
    libsi_ctx_free(w->k.ctx);
    mpfr_free_cache();
}

static int run_paths(lsi_calc *k, const lsi_scenario *s, const process *p, results *res,
                     uint64_t seed, int nt)
{
    worker *w = lsi_malloc(&k->ctx->alloc, (size_t)nt * sizeof *w);
    pthread_t th[MAX_THREADS];
    bool created[MAX_THREADS] = {false};
    int rc = w ? 0 : lsi_fail(k->ctx, LIBSI_ENOMEM, "paths", "out of memory"), made = 0;
    for (; rc == 0 && made < nt; made++) {
        rc = worker_init(&w[made], k, s, p);
        w[made].res = res;
        w[made].seed = seed;
        w[made].first = (uint32_t)made;
        w[made].step = (uint32_t)nt;
    }
    for (int i = 0; rc == 0 && i < nt; i++) {
        created[i] = nt > 1 && pthread_create(&th[i], NULL, work, &w[i]) == 0;
        if (!created[i])
            work(&w[i]);
    }
    for (int i = 0; i < nt; i++)
        if (created[i])
            pthread_join(th[i], NULL);
    for (int i = 0; w && i < made; i++) {
        if (rc == 0 && w[i].err)
            rc = lsi_fail(k->ctx, w[i].err, "scenario", "stochastic path: %s", w[i].msg);
        worker_free(&w[i]);
    }
    lsi_free(&k->ctx->alloc, w);
    return rc;
}

/* ----------------------------------------------------------- report */

static int cmp_dec(const void *a, const void *b)
{
    return lsi_dec_cmp(*(const lsi_dec *)a, *(const lsi_dec *)b);
}

static const int pct[5] = {5, 25, 50, 75, 95};

/* Nearest-rank percentiles (the ⌈p N / 100⌉-th smallest) of one year. */
static void bands(lsi_calc *k, lsi_json *o, const char *name, const lsi_dec *all,
                  const results *res, int t, lsi_dec *scratch)
{
    for (int i = 0; i < res->n_paths; i++)
        scratch[i] = all[(size_t)i * (size_t)res->n_years + t];
    qsort(scratch, (size_t)res->n_paths, sizeof *scratch, cmp_dec);
    for (int q = 0; q < 5; q++) {
        char key[64];
        int rank = (pct[q] * res->n_paths + 99) / 100;
        snprintf(key, sizeof key, "%s_p%d", name, pct[q]);
        lsi_projection_put(k, o, key, scratch[rank > 0 ? rank - 1 : 0]);
    }
}

/* n paths as a share of all, a ratio with 4 decimals. */
static lsi_dec share_of_paths(int n, const results *res)
{
    return lsi_projection_ratio(lsi_dec_from_int(n), lsi_dec_from_int(res->n_paths),
                                &LSI_ROUND_RATIO);
}

static lsi_json *year_json(lsi_calc *k, const results *res, int year, int t, lsi_dec *scratch)
{
    lsi_json *o = lsi_projection_year_row(k, year);
    bands(k, o, "balance", res->balance, res, t, scratch);
    bands(k, o, "reserve_months", res->reserve, res, t, scratch);
    bands(k, o, "payg_cost_rate", res->cost, res, t, scratch);
    int first = 0, by = 0;
    for (int i = 0; i < res->n_paths; i++) {
        first += res->depleted[i] == year;
        by += res->depleted[i] && res->depleted[i] <= year;
    }
    lsi_projection_put(k, o, "depleted_in_year", lsi_dec_from_int(first));
    lsi_projection_put(k, o, "depletion_probability", share_of_paths(by, res));
    return o;
}


static int report(lsi_calc *k, const lsi_scenario *s, const results *res)
{
    lsi_dec *scratch = lsi_malloc(&k->ctx->alloc, (size_t)res->n_paths * sizeof *scratch);
    lsi_json *arr = lsi_json_new(k->arena, LSI_J_ARRAY, NULL);
    if (!scratch)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "paths", "out of memory");
    for (int t = 0; t < res->n_years; t++)
        k->oom |= !lsi_json_push(arr, year_json(k, res, s->base_year + t, t, scratch));
    lsi_free(&k->ctx->alloc, scratch);
    int never = 0, rc = lsi_projection_out_json(k, "table", arr);
    for (int i = 0; i < res->n_paths; i++)
        never += res->depleted[i] == 0;
    if (rc == 0) rc = lsi_out_dec(k, "paths", lsi_dec_from_int(res->n_paths));
    if (rc == 0)
        rc = lsi_out_dec(k, "depletion_probability", share_of_paths(res->n_paths - never, res));
    return rc;
}

/* --path K: that path's assumptions and results, year by year. */
static int replay(lsi_calc *k, const lsi_scenario *s, const process *p, uint64_t seed,
                  uint32_t path)
{
    const libsi_allocator *a = &k->ctx->alloc;
    worker *w = lsi_malloc(a, sizeof *w);
    lsi_path_values *v = lsi_malloc(a, sizeof *v);
    year_row *rows = lsi_arena_alloc(k->arena, LSI_MAX_YEARS * sizeof *rows);
    bool made = w && v && rows; /* worker_init runs, so worker_free below */
    int n = 0, rc = made ? worker_init(w, k, s, p)
                         : lsi_fail(k->ctx, LIBSI_ENOMEM, "paths", "out of memory");
    if (rc == 0) w->seed = seed;
    if (rc == 0) rc = run_path(w, path, v, rows, &n);
    if (rc != 0 && rc != LIBSI_ENOMEM)
        rc = lsi_fail(k->ctx, rc, "scenario", "stochastic path: %s", libsi_ctx_message(w->k.ctx));
    lsi_json *arr = lsi_json_new(k->arena, LSI_J_ARRAY, NULL);
    for (int t = 0; rc == 0 && t < n; t++) {
        const lsi_dec *vals[NV] = {v->wage_growth, v->fund_return, v->indexation,
                                   v->improvement, v->entrant_growth};
        lsi_json *o = lsi_projection_year_row(k, rows[t].year);
        for (int j = 0; j < NV; j++)
            lsi_projection_put(k, o, var_names[j], vals[j][t]);
        lsi_projection_put_fund(k, o, rows[t].income, rows[t].expenditure, rows[t].fund,
                                rows[t].wage_bill);
        k->oom |= !lsi_json_push(arr, o);
    }
    if (rc == 0) rc = lsi_projection_out_json(k, "table", arr);
    if (rc == 0) rc = lsi_out_dec(k, "paths", lsi_dec_from_int(1));
    if (made) worker_free(w);
    lsi_free(a, w);
    lsi_free(a, v);
    return rc;
}

/* ------------------------------------------------------------- run */

static int options(lsi_calc *k, int64_t *paths, int64_t *seed, int *nt)
{
    int64_t t;
    int rc = lsi_in_int(k, "paths", paths);
    if (rc == 0) rc = lsi_in_int(k, "seed", seed);
    if (rc == 0) rc = lsi_in_int(k, "threads", &t);
    if (rc == 0 && (*paths < 1 || *paths > 1000000))
        return lsi_in_invalid(k, "paths", "from 1 to 1000000");
    if (rc == 0 && (t < 1 || t > MAX_THREADS))
        return lsi_in_invalid(k, "threads", "from 1 to %d", MAX_THREADS);
    if (rc == 0 && *seed < 0)
        return lsi_in_invalid(k, "seed", "must be a whole number ≥ 0");
    *nt = (int)t;
    return rc;
}

static int run(lsi_calc *k)
{
    lsi_scenario *s = lsi_arena_alloc(k->arena, sizeof *s);
    process *p = lsi_arena_alloc(k->arena, sizeof *p);
    int64_t paths, seed, path = -1;
    int nt = 1;
    if (!s || !p)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "scenario", "out of memory");
    int rc = lsi_scenario_read(k, "scenario", s);
    if (rc == 0) rc = read_process(k, s, p);
    if (rc == 0) rc = options(k, &paths, &seed, &nt);
    if (rc == 0 && lsi_in_present(k, "path")) rc = lsi_in_int(k, "path", &path);
    if (rc == 0 && lsi_in_present(k, "path") && (path < 0 || path > UINT32_MAX))
        rc = lsi_in_invalid(k, "path", "a whole number from 0");
    if (rc != 0)
        return rc;
    if (path >= 0)
        return replay(k, s, p, (uint64_t)seed, (uint32_t)path);
    results res = {(int)paths, s->horizon - s->base_year + 1, NULL, NULL, NULL, NULL};
    size_t cells = (size_t)res.n_paths * (size_t)res.n_years;
    const libsi_allocator *a = &k->ctx->alloc;
    res.balance = lsi_malloc(a, cells * sizeof(lsi_dec));
    res.reserve = lsi_malloc(a, cells * sizeof(lsi_dec));
    res.cost = lsi_malloc(a, cells * sizeof(lsi_dec));
    res.depleted = lsi_malloc(a, (size_t)res.n_paths * sizeof(int));
    if (res.depleted)
        memset(res.depleted, 0, (size_t)res.n_paths * sizeof(int));
    rc = res.balance && res.reserve && res.cost && res.depleted
             ? run_paths(k, s, p, &res, (uint64_t)seed, nt)
             : lsi_fail(k->ctx, LIBSI_ENOMEM, "paths", "out of memory");
    if (rc == 0) rc = report(k, s, &res);
    lsi_free(a, res.balance);
    lsi_free(a, res.reserve);
    lsi_free(a, res.cost);
    lsi_free(a, res.depleted);
    return rc;
}

/* The schema (name, description, fields): data/schemas/projection.tsv. */
const lsi_scheme lsi_scheme_stochastic_projection = LSI_SCHEME(stochastic_projection, run);

/*
 * The `member_projection` calculation (issue #16): the fund of a pooling
 * area projected member by member (microsimulation) with the statutory steps
 * of the individual calculations (member_step.c), from a member file or the
 * scenario's synthetic population (member_generate.c).
 *
 * Members are processed a block at a time (the file is streamed); each
 * block is split among `threads` workers, each with its own pension kernel,
 * context and rule cache, and its own yearly sums.  Sums are exact integers,
 * so the result is the same bytes for every thread count (tested).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "member_internal.h"

#define BLOCK 65536
#define MAX_THREADS 64

typedef struct job {
    lsi_member_worker *w;
    lsi_member *m;
    size_t lo, hi;
    int64_t first;     /* generated: index of m[0]; −1: read from the file */
} job;

static void *work(void *arg)
{
    job *j = arg;
    for (size_t i = j->lo; i < j->hi && j->w->err == 0; i++) {
        if (j->first >= 0)
            lsi_member_generate(j->w->run, j->first + (int64_t)i, &j->m[i]);
        int rc = lsi_member_project(j->w, &j->m[i]);
        if (rc != 0 && j->w->err == 0)
            j->w->err = rc;
    }
    return NULL;
}

/* One block through the workers: contiguous slices, joined before return. */
static int run_block(lsi_member_worker *w, int nt, lsi_member *m, size_t n, int64_t first)
{
    pthread_t th[MAX_THREADS];
    job jobs[MAX_THREADS];
    bool created[MAX_THREADS];
    for (int i = 0; i < nt; i++) {
        jobs[i] = (job){&w[i], m, n * (size_t)i / (size_t)nt, n * (size_t)(i + 1) / (size_t)nt,
                        first};
        created[i] = nt > 1 && pthread_create(&th[i], NULL, work, &jobs[i]) == 0;
        if (!created[i])
            work(&jobs[i]);
    }
    for (int i = 0; i < nt; i++)
        if (created[i])
            pthread_join(th[i], NULL);
    for (int i = 0; i < nt; i++)
        if (w[i].err)
            return w[i].err;
    return 0;
}

/* ------------------------------------------------------ members out */

static const char *const status_names[] = {"active", "retired", "left", "dead"};

static void money_text(int64_t fen, char *out)
{
    lsi_dec_format((lsi_dec){fen, 2}, out);
}

/* One member at the horizon; a new retiree's Z, account and C at retirement
 * let si-pension reproduce its pension. */
static void write_member(FILE *f, const lsi_member *m)
{
    char w[48], rm[16] = "", p0[48], p1[48], acc[48], z[48] = "", ra[48] = "", c[48] = "";
    lsi_dec_format((lsi_dec){m->weight, 6}, w);
    if (m->status == LSI_MEMBER_RETIRED || m->initial_pension > 0)
        lsi_month_format(m->retire_month, rm);
    money_text(m->initial_pension, p0);
    money_text(m->pension, p1);
    money_text(m->account, acc);
    if (m->ret_cbase > 0) {
        lsi_dec_format(m->ret_z, z);
        money_text(m->ret_account, ra);
        money_text(m->ret_cbase, c);
    }
    fprintf(f, "%lld,%s,%s,%s,%s,%s,%s,%lld,%d,%s,%s,%s\n", (long long)m->id,
            status_names[m->status], w, rm, p0, p1, acc, (long long)m->months, m->death_year, z,
            ra, c);
}

/* ------------------------------------------------------------ the run */

typedef struct members_src {
    lsi_member_reader *rd;  /* NULL: generated */
    int64_t generated, next;
    FILE *out;
    FILE *population;       /* population_out: the members as read or generated */
    const char *city;
} members_src;

/* A member's record in the member file's format (population_out). */
static void write_record(FILE *f, const char *city, const lsi_member *m)
{
    static const char *const groups[] = {"male60", "female55", "female50"};
    char z[48], acc[48], dacc[48], ratio[48], pen[48], w[48];
    lsi_dec zd = {0, 0};
    if (m->months > 0)
        lsi_dec_div_round((lsi_dec){m->index_months, 10}, lsi_dec_from_int(m->months),
                          &LSI_ROUND_MEMBER_INDEX, &zd, NULL);
    lsi_dec_format(zd, z);
    lsi_dec_format((lsi_dec){m->account, 2}, acc);
    lsi_dec_format((lsi_dec){m->deemed_account, 2}, dacc);
    lsi_dec_format((lsi_dec){m->base_ratio, 6}, ratio);
    lsi_dec_format((lsi_dec){m->pension, 2}, pen);
    lsi_dec_format((lsi_dec){m->weight, 6}, w);
    fprintf(f, "%lld,%s,%04d-%02d-%02d,%s,%lld,%s,%s,%lld,%s,%s,%s,%s,%s,%d\n", (long long)m->id,
            city, m->birth_ymd / 10000, m->birth_ymd / 100 % 100, m->birth_ymd % 100,
            groups[m->group], (long long)m->months, z, acc, (long long)m->deemed, dacc, ratio,
            m->status == LSI_MEMBER_RETIRED ? "retired" : "active", pen, w, m->entry_year);
}

static int fill(lsi_member_run *r, members_src *src, lsi_member *m, size_t *n, int64_t *first)
{
    if (src->rd) {
        *first = -1;
        return lsi_member_reader_next(src->rd, r, m, BLOCK, n);
    }
    int64_t left = src->generated - src->next;
    *n = (size_t)(left < BLOCK ? left : BLOCK);
    *first = src->next;
    src->next += (int64_t)*n;
    return 0;
}

static int run_members(lsi_member_run *r, members_src *src, lsi_member_worker *w, int nt,
                       int64_t *count)
{
    /* The caller's allocator, like every allocation of the library (libsi_ctx_new). */
    const libsi_allocator *a = &r->k->ctx->alloc;
    lsi_member *m = lsi_malloc(a, BLOCK * sizeof *m);
    if (!m)
        return lsi_fail(r->k->ctx, LIBSI_ENOMEM, "members", "out of memory");
    int rc = 0;
    size_t n = 0;
    int64_t first;
    *count = 0;
    while (rc == 0 && (rc = fill(r, src, m, &n, &first)) == 0 && n > 0) {
        for (size_t i = 0; src->population && i < n; i++) { /* as given, before the run */
            if (first >= 0)
                lsi_member_generate(r, first + (int64_t)i, &m[i]);
            write_record(src->population, src->city, &m[i]);
        }
        if (src->population)
            first = -1;
        rc = run_block(w, nt, m, n, first);
        *count += (int64_t)n;
        for (size_t i = 0; rc == 0 && src->out && i < n; i++)
            write_member(src->out, &m[i]);
    }
    lsi_free(a, m);
    return rc;
}

/* A worker's error, with its message, becomes the calculation's. */
static int worker_error(lsi_calc *k, lsi_member_worker *w)
{
    return lsi_fail(k->ctx, w->err, "members", "member projection: %s",
                    libsi_ctx_message(w->ctx));
}

static int survivor_rules(lsi_member_run *r)
{
    lsi_dec v[4];
    int64_t *dst[4] = {&r->funeral_months, &r->survivor_base, &r->survivor_threshold,
                       &r->survivor_max};
    int date = (r->s->base_year + 1) * 10000 + 101; /* deaths count from the year after the base */
    int rc = lsi_param(r->k, "pension.survivor.funeral_months", date, &v[0]);
    if (rc == 0) rc = lsi_param(r->k, "pension.survivor.base_months", date, &v[1]);
    if (rc == 0) rc = lsi_param(r->k, "pension.survivor.threshold_years", date, &v[2]);
    if (rc == 0) rc = lsi_param(r->k, "pension.survivor.max_months", date, &v[3]);
    for (int i = 0; i < 4 && rc == 0; i++)
        rc = lsi_dec_to_int64(v[i], dst[i]);
    return rc;
}

static int options(lsi_member_run *r)
{
    lsi_calc *k = r->k;
    int mode;
    int64_t seed, path;
    int rc = lsi_in_choice(k, "mode", &mode);
    if (rc == 0) rc = lsi_in_int(k, "seed", &seed);
    if (rc == 0) rc = lsi_in_int(k, "path", &path);
    if (rc == 0 && (seed < 0 || path < 0 || path > UINT32_MAX))
        rc = lsi_in_invalid(k, seed < 0 ? "seed" : "path", "must be a whole number ≥ 0");
    r->monte_carlo = mode == 1;
    r->seed = (uint64_t)seed;
    r->path = (uint32_t)path;
    return rc;
}

/* economy=stochastic: the year's wage growth, return, indexation, mortality
 * improvement and entrant growth of path `path` of the scenario's stochastic
 * section (the values stochastic_projection draws for the same seed and path). */
static int economy(lsi_member_run *r, lsi_scenario *sc)
{
    int which;
    int rc = lsi_in_choice(r->k, "economy", &which);
    if (rc != 0 || which == 0)
        return rc;
    lsi_path_values *v = lsi_arena_alloc(r->k->arena, sizeof *v);
    if (!v)
        return lsi_fail(r->k->ctx, LIBSI_ENOMEM, "economy", "out of memory");
    rc = lsi_stochastic_path_values(r->k, sc, r->seed, r->path, v);
    sc->path = v;
    return rc;
}

/* The CSV file input `name` names, opened for writing, with its header. */
static int csv_out(lsi_calc *k, const char *name, const char *header, FILE **f)
{
    *f = fopen(lsi_in_text(k, name), "w");
    if (!*f)
        return lsi_in_invalid(k, name, "cannot write the file");
    fputs(header, *f);
    return 0;
}

static int open_source(lsi_member_run *r, members_src *src)
{
    memset(src, 0, sizeof *src);
    lsi_calc *k = r->k;
    int rc = 0;
    if (lsi_in_present(k, "members"))
        rc = lsi_member_reader_open(k, "members", &src->rd);
    else if ((rc = lsi_member_generator(r)) == 0)
        src->generated = lsi_member_generated_count(r);
    src->city = k->place->pinyin;
    if (rc == 0 && lsi_in_present(k, "population_out"))
        rc = csv_out(k, "population_out",
                     "id,city,birth_date,retirement_group,contribution_months,average_index,"
                     "account_balance,deemed_months,deemed_account_balance,base_ratio,status,"
                     "pension,weight,entry_year\n", &src->population);
    if (rc == 0 && lsi_in_present(k, "members_out"))
        rc = csv_out(k, "members_out",
                     "id,status,weight,retirement_month,initial_pension,pension,account,"
                     "contribution_months,death_year,retirement_average_index,retirement_account,"
                     "retirement_calculation_base\n", &src->out);
    return rc;
}

static int threads(lsi_calc *k, int *nt)
{
    int64_t v;
    int rc = lsi_in_int(k, "threads", &v);
    if (rc == 0 && (v < 1 || v > MAX_THREADS))
        return lsi_in_invalid(k, "threads", "from 1 to %d", MAX_THREADS);
    *nt = (int)v;
    return rc;
}

static int project(lsi_member_run *r, members_src *src, lsi_member_totals *t, int64_t *count,
                   int64_t *row_years)
{
    lsi_member_worker w[MAX_THREADS];
    int nt = 1, made = 0;
    int rc = threads(r->k, &nt);
    for (; rc == 0 && made < nt; made++)
        rc = lsi_member_worker_init(&w[made], r);
    if (rc == 0) rc = run_members(r, src, w, nt, count);
    for (int i = 0; i < made; i++) {
        if (rc != 0 && w[i].err && w[i].ctx)
            rc = worker_error(r->k, &w[i]), w[i].err = 0;
        for (int y = 0; rc == 0 && y < r->n_years; y++) {
            lsi_member_totals *a = &t[y], *b = &w[i].t[y];
            a->contributors += b->contributors, a->retirees += b->retirees;
            a->new_retirees += b->new_retirees, a->deaths += b->deaths;
            a->income += b->income, a->pensions += b->pensions, a->lump_sums += b->lump_sums;
            a->wage_bill += b->wage_bill, a->account_credits += b->account_credits;
            a->roll += b->roll;
        }
        r->k->flags |= w[i].pension.k.flags;
        *row_years += w[i].row_years;
        lsi_member_worker_free(&w[i]);
    }
    return rc;
}

static int run(lsi_calc *k)
{
    lsi_scenario *sc = lsi_arena_alloc(k->arena, sizeof *sc);
    lsi_member_run *r = lsi_arena_alloc(k->arena, sizeof *r);
    if (!sc || !r)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "scenario", "out of memory");
    memset(r, 0, sizeof *r);
    r->k = k;
    r->s = sc;
    members_src src;
    int64_t count = 0, row_years = 0;
    int rc = lsi_scenario_read(k, "scenario", sc);
    if (rc == 0) rc = lsi_member_scenario_read(k, sc, &r->ms);
    if (rc == 0) rc = options(r);
    if (rc == 0) rc = economy(r, sc);
    if (rc == 0) rc = lsi_member_years(r);
    if (rc == 0) rc = survivor_rules(r);
    if (rc != 0)
        return rc;
    size_t t_size = (size_t)r->n_years * sizeof(lsi_member_totals);
    lsi_member_totals *t = lsi_malloc(&k->ctx->alloc, t_size);
    if (!t)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "scenario", "out of memory");
    memset(t, 0, t_size);
    rc = open_source(r, &src);
    if (rc == 0) rc = project(r, &src, t, &count, &row_years);
    lsi_member_reader_close(src.rd);
    if (src.out && fclose(src.out) != 0 && rc == 0)
        rc = lsi_in_invalid(k, "members_out", "cannot write the file");
    if (src.population && fclose(src.population) != 0 && rc == 0)
        rc = lsi_in_invalid(k, "population_out", "cannot write the file");
    if (rc == 0) rc = lsi_out_dec(k, "members", lsi_dec_from_int(count));
    if (rc == 0) rc = lsi_out_dec(k, "member_years", lsi_dec_from_int(row_years));
    if (rc == 0) rc = lsi_out_dec(k, "generated_entrants", r->cells ? r->entrants : (lsi_dec){0, 0});
    if (rc == 0) rc = lsi_member_report(r, t);
    lsi_free(&k->ctx->alloc, t);
    return rc;
}

/* -------------------- descriptor (schema: data/schemas/projection.tsv) */

const lsi_scheme lsi_scheme_member_projection = LSI_SCHEME(member_projection, run);

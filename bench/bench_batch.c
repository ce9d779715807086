/*
 * In-memory throughput of the batch API (include/libsi/batch.h) against the
 * one-case-at-a-time path, issue #10.  A benchmark, never a test: it times
 * itself (CLOCK_MONOTONIC) and prints rows per second; nothing is asserted.
 *
 *   bench_batch [contributions|pension|all] [N] [M] [--repeat R] [--threads T]
 *
 * N rows (default 1,000,000) of text cells are generated in memory first
 * (deterministic, the distributions of bench/gen_rows.py; not timed), then:
 *
 *   batch_run none          libsi_batch_run over the N rows, one thread, trace
 *                           none, no output read (parse + kernel + keep typed)
 *   batch_run none +fen     the same, then every money output read as int64 fen
 *   batch_run none +text    the same, then every output read as canonical text
 *   batch_run hash          libsi_batch_run at trace hash (outputs + SHA-256)
 *   run_table 1 thread      libsi_batch_run_table, all outputs kept, threads = 1
 *   run_table T threads     the same with T threads (default 2)
 *   calculate full          libsi_calculate (full trace, today's path) on M rows
 *                           (default 50,000): case per row, set, calculate, free
 *   calculate full +json    the same plus libsi_result_json (+ libsi_free)
 *   calculate_traced none   libsi_calculate_traced at trace none on M rows
 *
 * The batch of the batch_run lines is prepared once and warmed up on the first
 * 1,000 rows before timing (steady state: no allocation per row).  Each line
 * is measured R times (default 3) and the median is printed with the range.
 * Then the ratios: run_table T threads / 1 thread, batch_run none / calculate
 * full.  `--only "batch_run none"` (any label above) runs that line alone (and
 * the warm-up of its batch): the way to count its instructions with callgrind.  Built by bench/meson.build, never run by the test suite.
 *
 * Compiled with -DBENCH_CALCULATE_ONLY (bench/meson.build: `bench_calculate`)
 * it keeps only the two libsi_calculate lines and links with a library that
 * has no batch API: the same measurement on the library before issue #10.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libsi.h"
#ifndef BENCH_CALCULATE_ONLY
#include "libsi/batch.h"
#include "floor.h"
#endif

/* ------------------------------------------------------------ rows */

typedef struct rows {
    const char *scheme;
    const char *const *columns;
    size_t n_columns, n;
    const char **cells; /* n × n_columns, row-major */
    char *arena;
} rows;

static const char *const CONTRIB_COLUMNS[] = {"city", "month", "wage"};
static const char *const PENSION_COLUMNS[] = {"city", "retirement_group", "birth_date",
                                              "contribution_months", "average_index",
                                              "account_balance"};
static const char *const CITIES[] = {"guangzhou", "zhaoqing", "zhanjiang"};
static const char *const MONTHS[] = {"2024-08", "2024-09", "2024-10", "2024-11", "2024-12",
                                     "2025-01", "2025-02", "2025-03", "2025-04", "2025-05",
                                     "2025-06", "2025-07", "2025-08", "2025-09", "2025-10",
                                     "2025-11", "2025-12"};

static uint64_t rng_state = 20250801;

static uint64_t next(void) /* splitmix64 */
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static long uniform(long lo, long hi) /* [lo, hi) */
{
    return lo + (long)(next() % (uint64_t)(hi - lo));
}

/* 办法第一条, as libsi/schemes/retirement/retirement_age.c: original age, first delayed birth month, step, cap. */
static const struct { const char *name; int original, start, step, cap; } GROUPS[] = {
    {"male60", 720, 1965 * 12, 4, 36},
    {"female55", 660, 1970 * 12, 4, 36},
    {"female50", 600, 1975 * 12, 2, 60},
};

static int statutory_month(int g, int birth)
{
    int k = birth - GROUPS[g].start;
    int delay = k < 0 ? 0 : k / GROUPS[g].step + 1;
    if (delay > GROUPS[g].cap)
        delay = GROUPS[g].cap;
    return birth + GROUPS[g].original + delay;
}

static int make_rows(rows *r, const char *scheme, size_t n)
{
    int pension = strcmp(scheme, "pension") == 0;
    r->scheme = scheme;
    r->columns = pension ? PENSION_COLUMNS : CONTRIB_COLUMNS;
    r->n_columns = pension ? 6 : 3;
    r->n = n;
    size_t per_row = pension ? 40 : 12;
    r->cells = malloc(n * r->n_columns * sizeof *r->cells);
    r->arena = malloc(n * per_row);
    if (!r->cells || !r->arena)
        return -1;
    char *p = r->arena;
    for (size_t i = 0; i < n; i++) {
        const char **row = r->cells + i * r->n_columns;
        row[0] = CITIES[uniform(0, 3)];
        if (!pension) {
            row[1] = MONTHS[uniform(0, 17)];
            long u = uniform(0, 100), fen;
            fen = u < 15 ? uniform(100000, 449000) : u < 85 ? uniform(449000, 2750000)
                                                            : uniform(2760000, 4500001);
            row[2] = p;
            p += sprintf(p, "%ld.%02ld", fen / 100, fen % 100) + 1;
            continue;
        }
        long u = uniform(0, 4);
        int g = u < 2 ? 0 : u == 2 ? 1 : 2, birth;
        do
            birth = (int)uniform(2024 * 12 - GROUPS[g].original - 40,
                                 2025 * 12 + 12 - GROUPS[g].original);
        while (statutory_month(g, birth) < 2024 * 12 || statutory_month(g, birth) > 2025 * 12 + 11);
        row[1] = GROUPS[g].name;
        row[2] = p;
        p += sprintf(p, "%d-%02d-%02d", birth / 12, birth % 12 + 1, (int)uniform(1, 29)) + 1;
        row[3] = p;
        long months = uniform(180, 481), since16 = statutory_month(g, birth) - birth - 192;
        p += sprintf(p, "%ld", months < since16 ? months : since16) + 1; /* plausibility bound */
        static const int decimals[] = {1, 2, 3, 4, 4, 4};
        int d = decimals[uniform(0, 6)];
        long scale = d == 1 ? 10 : d == 2 ? 100 : d == 3 ? 1000 : 10000;
        long z = uniform(6 * scale / 10, 3 * scale + 1);
        row[4] = p;
        p += sprintf(p, "%ld.%0*ld", z / scale, d, z % scale) + 1;
        long bal = uniform(500000, 40000001);
        row[5] = p;
        p += sprintf(p, "%ld.%02ld", bal / 100, bal % 100) + 1;
    }
    return 0;
}

/* ---------------------------------------------------------- timing */

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct env {
    const char *only; /* NULL: every line; else the one line named by --only */
    libsi_ctx *ctx;
    const libsi_ruleset *rs;
    const rows *r;
    size_t m; /* rows for the libsi_calculate lines */
    unsigned threads;
    long failures; /* of the last run */
    long sink;     /* keeps read outputs observable */
} env;

typedef double (*measure_fn)(env *e, void *arg); /* returns seconds */

/* Runs `fn` R times; prints the median; returns the median rows/s (0 on failure). */
static double report(env *e, int repeat, const char *label, size_t n_rows, measure_fn fn,
                     void *arg)
{
    double t[64];
    if (e->only && strcmp(e->only, label) != 0)
        return 0;
    if (repeat > 64)
        repeat = 64;
    for (int i = 0; i < repeat; i++) {
        t[i] = fn(e, arg);
        if (t[i] < 0) {
            printf("%-14s %-26s failed: %s\n", e->r->scheme, label, libsi_ctx_message(e->ctx));
            return 0;
        }
    }
    qsort(t, (size_t)repeat, sizeof t[0], cmp_double);
    double med = repeat % 2 ? t[repeat / 2] : (t[repeat / 2 - 1] + t[repeat / 2]) / 2;
    double rate = (double)n_rows / med;
    printf("%-14s %-26s %9zu rows  %8.4f s  %12.0f rows/s  (range %.0f .. %.0f; %ld failed)\n",
           e->r->scheme, label, n_rows, med, rate, (double)n_rows / t[repeat - 1],
           (double)n_rows / t[0], e->failures);
    fflush(stdout);
    return rate;
}

#ifndef BENCH_CALCULATE_ONLY
/* ---------------------------------------------------------- batch_run */

typedef struct batch_arg {
    libsi_batch *b;
    int read; /* 0 nothing, 1 money as fen, 2 every output as text */
    size_t money[32], n_money, n_out;
} batch_arg;

static double run_batch(env *e, void *arg)
{
    batch_arg *a = arg;
    const rows *r = e->r;
    long failures = 0, sink = 0;
    double t0 = now();
    for (size_t i = 0; i < r->n; i++) {
        if (libsi_batch_run(a->b, r->cells + i * r->n_columns) != 0) {
            failures++;
            continue;
        }
        if (a->read == 1) {
            for (size_t k = 0; k < a->n_money; k++) {
                int64_t fen;
                if (libsi_batch_output_fen(a->b, a->money[k], &fen) == 0)
                    sink += fen;
            }
        } else if (a->read == 2) {
            for (size_t k = 0; k < a->n_out; k++) {
                const char *text;
                if (libsi_batch_output_text(a->b, k, &text) == 0 && text)
                    sink += (long)strlen(text);
            }
        }
    }
    double t = now() - t0;
    e->failures = failures;
    e->sink += sink;
    return t;
}

static const char *const MONEY_CONTRIB[] = {
    "pension_base", "pension_employer", "pension_employee", "pension_account_credit",
    "pension_total", "unemployment_base", "unemployment_employer", "unemployment_employee",
    "work_injury_base", "work_injury_employer", "employer_total", "employee_total", "total"};
static const char *const MONEY_PENSION[] = {
    "basic_pension", "account_pension", "transitional_pension", "transition_adjustment",
    "supplements", "total", "new_method_pension"};

static int batch_lines(env *e, int repeat, libsi_trace_level level, int with_reads,
                       double *rate_none)
{
    const rows *r = e->r;
    batch_arg a = {0};
    const char *prefix = level == LIBSI_TRACE_NONE ? "batch_run none" : "batch_run hash";
    if (e->only && strncmp(e->only, prefix, strlen(prefix)) != 0)
        return 0; /* no warm-up for a line not asked for */
    if (libsi_batch_new(e->ctx, e->rs, r->scheme, r->columns, r->n_columns, level, &a.b) != 0) {
        printf("%-14s libsi_batch_new failed: %s\n", r->scheme, libsi_ctx_message(e->ctx));
        return -1;
    }
    int pension = strcmp(r->scheme, "pension") == 0;
    const char *const *money = pension ? MONEY_PENSION : MONEY_CONTRIB;
    size_t n_money = pension ? sizeof MONEY_PENSION / sizeof *MONEY_PENSION
                             : sizeof MONEY_CONTRIB / sizeof *MONEY_CONTRIB;
    for (size_t k = 0; k < n_money; k++) {
        int idx = libsi_batch_output_index(a.b, money[k]);
        if (idx >= 0)
            a.money[a.n_money++] = (size_t)idx;
    }
    a.n_out = libsi_batch_output_count(a.b);
    for (size_t i = 0; i < r->n && i < 1000; i++) /* warm-up: rule cache, buffers */
        (void)libsi_batch_run(a.b, r->cells + i * r->n_columns);
    if (level == LIBSI_TRACE_NONE) {
        double rate = report(e, repeat, "batch_run none", r->n, run_batch, &a);
        if (rate_none)
            *rate_none = rate;
        if (with_reads) {
            a.read = 1;
            report(e, repeat, "batch_run none +fen", r->n, run_batch, &a);
            a.read = 2;
            report(e, repeat, "batch_run none +text", r->n, run_batch, &a);
        }
    } else {
        report(e, repeat, "batch_run hash", r->n, run_batch, &a);
    }
    libsi_batch_free(a.b);
    return 0;
}

/* ------------------------------------------------------- floor int64 */

/* bench/floor_contrib.c or floor_pension.c over the same rows: first every
 * row checked against libsi (the money outputs to the fen; not timed), then
 * timed like the batch_run lines (the outputs kept in one row's slots). */
typedef struct floor_arg {
    int pension;
    floor_contrib *c;
    floor_pension *p;
} floor_arg;

static int floor_row(const floor_arg *a, const char *const *row, int64_t *out)
{
    return a->pension ? floor_pension_row(a->p, row, out) : floor_contrib_row(a->c, row, out);
}

static double run_floor(env *e, void *arg)
{
    const floor_arg *a = arg;
    const rows *r = e->r;
    int64_t out[FLOOR_OUTPUTS > FLOOR_PENSION_OUTPUTS ? FLOOR_OUTPUTS : FLOOR_PENSION_OUTPUTS];
    long failures = 0, sink = 0;
    double t0 = now();
    for (size_t i = 0; i < r->n; i++) {
        if (floor_row(a, r->cells + i * r->n_columns, out) != 0)
            failures++;
        sink += out[a->pension ? 5 : 12];
    }
    double t = now() - t0;
    e->failures = failures;
    e->sink += sink;
    return t;
}

/* Rows where the floor and libsi differ (or either fails), or -1. */
static long floor_check(env *e, const floor_arg *a)
{
    const rows *r = e->r;
    const char *const *money = a->pension ? MONEY_PENSION : MONEY_CONTRIB;
    size_t n_money = a->pension ? FLOOR_PENSION_OUTPUTS : FLOOR_OUTPUTS;
    libsi_batch *b;
    if (libsi_batch_new(e->ctx, e->rs, r->scheme, r->columns, r->n_columns, LIBSI_TRACE_NONE,
                        &b) != 0)
        return -1;
    long bad = 0;
    for (size_t i = 0; i < r->n; i++) {
        const char *const *row = r->cells + i * r->n_columns;
        int64_t out[FLOOR_OUTPUTS > FLOOR_PENSION_OUTPUTS ? FLOOR_OUTPUTS : FLOOR_PENSION_OUTPUTS];
        int64_t fen;
        int differs = floor_row(a, row, out) != 0 || libsi_batch_run(b, row) != 0;
        for (size_t k = 0; !differs && k < n_money; k++) {
            int idx = libsi_batch_output_index(b, money[k]);
            differs = idx < 0 || libsi_batch_output_fen(b, (size_t)idx, &fen) != 0 ||
                      fen != out[k];
        }
        bad += differs;
    }
    libsi_batch_free(b);
    return bad;
}

static double floor_line(env *e, int repeat)
{
    const char *label = "floor int64 (bench only)";
    if (e->only && strcmp(e->only, label) != 0)
        return 0;
    floor_arg a = {strcmp(e->r->scheme, "pension") == 0, NULL, NULL};
    int rc = a.pension ? floor_pension_new(e->ctx, e->rs, &a.p)
                       : floor_contrib_new(e->ctx, e->rs, &a.c);
    if (rc != 0)
        return 0;
    long bad = floor_check(e, &a);
    double rate = 0;
    if (bad != 0)
        printf("%-14s %-26s differs from libsi on %ld rows: not reported\n", e->r->scheme,
               label, bad);
    else
        rate = report(e, repeat, label, e->r->n, run_floor, &a);
    floor_contrib_free(a.c);
    floor_pension_free(a.p);
    return rate;
}

/* ---------------------------------------------------------- run_table */

static double run_table(env *e, void *arg)
{
    const rows *r = e->r;
    libsi_table_options opt = LIBSI_TABLE_OPTIONS_INIT;
    opt.threads = *(unsigned *)arg;
    libsi_table *t = NULL;
    double t0 = now();
    int rc = libsi_batch_run_table(e->ctx, e->rs, r->scheme, r->columns, r->n_columns, r->cells,
                                   r->n, &opt, &t);
    double dt = now() - t0;
    if (rc != 0)
        return -1;
    e->failures = (long)libsi_table_error_count(t);
    libsi_table_free(t);
    return dt;
}

#endif /* BENCH_CALCULATE_ONLY */

/* ---------------------------------------------------------- calculate */

typedef struct calc_arg {
    int mode; /* 0 full, 1 full + json, 2 traced none */
} calc_arg;

static double run_calculate(env *e, void *arg)
{
    const calc_arg *a = arg;
    const rows *r = e->r;
    long failures = 0, sink = 0;
    double t0 = now();
    for (size_t i = 0; i < e->m; i++) {
        const char **row = r->cells + (i % r->n) * r->n_columns;
        libsi_case *c;
        libsi_result *res = NULL;
        if (libsi_case_new(e->ctx, &c) != 0)
            return -1;
        for (size_t k = 0; k < r->n_columns; k++)
            if (row[k] && row[k][0])
                libsi_case_set(e->ctx, c, r->columns[k], row[k]);
#ifndef BENCH_CALCULATE_ONLY
        int rc = a->mode == 2
                     ? libsi_calculate_traced(e->ctx, e->rs, r->scheme, c, LIBSI_TRACE_NONE, &res)
                     : libsi_calculate(e->ctx, e->rs, r->scheme, c, &res);
#else
        int rc = libsi_calculate(e->ctx, e->rs, r->scheme, c, &res);
#endif
        if (rc != 0) {
            failures++;
        } else if (a->mode == 1) {
            char *json;
            if (libsi_result_json(e->ctx, res, &json) == 0) {
                sink += (long)strlen(json);
                libsi_free(e->ctx, json);
            }
        }
        libsi_result_free(res);
        libsi_case_free(c);
    }
    double t = now() - t0;
    e->failures = failures;
    e->sink += sink;
    return t;
}

/* ---------------------------------------------------------- main */

static void bench_scheme(env *e, int repeat)
{
    const rows *r = e->r;
    double none = 0, full = 0, json = 0, one = 0, many = 0, floor = 0;
#ifndef BENCH_CALCULATE_ONLY
    unsigned threads_one = 1;
    batch_lines(e, repeat, LIBSI_TRACE_NONE, 1, &none);
    floor = floor_line(e, repeat);
    batch_lines(e, repeat, LIBSI_TRACE_HASH, 0, NULL);
    one = report(e, repeat, "run_table 1 thread", r->n, run_table, &threads_one);
    char label[40];
    snprintf(label, sizeof label, "run_table %u threads", e->threads);
    if (e->threads > 1)
        many = report(e, repeat, label, r->n, run_table, &e->threads);
#endif
    calc_arg full_a = {0}, json_a = {1};
    full = report(e, repeat, "calculate full", e->m, run_calculate, &full_a);
    json = report(e, repeat, "calculate full +json", e->m, run_calculate, &json_a);
#ifndef BENCH_CALCULATE_ONLY
    calc_arg none_a = {2};
    report(e, repeat, "calculate_traced none", e->m, run_calculate, &none_a);
#endif
    if (one > 0 && many > 0)
        printf("%-14s ratio run_table %u threads / 1 thread     = %.2fx\n", r->scheme, e->threads,
               many / one);
    if (none > 0 && floor > 0)
        printf("%-14s ratio floor int64 / batch_run none       = %.2fx\n", r->scheme,
               floor / none);
    if (none > 0 && full > 0)
        printf("%-14s ratio batch_run none / calculate full    = %.1fx\n", r->scheme,
               none / full);
    if (full > 0 && json > 0)
        printf("%-14s ratio calculate full / calculate +json   = %.2fx\n", r->scheme,
               full / json);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    const char *which = "all";
    size_t n = 1000000, m = 50000;
    int repeat = 3, positional = 0;
    unsigned threads = 2;
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = atoi(argv[++i]);
        else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
            threads = (unsigned)atoi(argv[++i]);
        else if (positional == 0 && (strcmp(argv[i], "contributions") == 0 ||
                                     strcmp(argv[i], "pension") == 0 ||
                                     strcmp(argv[i], "all") == 0))
            which = argv[i], positional = 1;
        else if (positional <= 1 && atol(argv[i]) > 0)
            n = (size_t)atol(argv[i]), positional = 2;
        else if (positional == 2 && atol(argv[i]) > 0)
            m = (size_t)atol(argv[i]), positional = 3;
        else {
            fprintf(stderr, "usage: %s [contributions|pension|all] [N] [M] [--repeat R] "
                            "[--threads T] [--only LINE]\n", argv[0]);
            return 2;
        }
    }
    if (repeat < 1 || threads < 1 || threads > 64)
        return 2;
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    if (libsi_ctx_new(NULL, &ctx) != 0 || libsi_ruleset_builtin(ctx, &rs) != 0) {
        fprintf(stderr, "bench_batch: cannot load the built-in rules\n");
        return 1;
    }
    printf("bench_batch: libsi %s, N = %zu rows (batch), M = %zu rows (calculate), "
           "median of %d\n", libsi_version(), n, m, repeat);
    static const char *const schemes[] = {"contributions", "pension"};
    for (size_t s = 0; s < 2; s++) {
        if (strcmp(which, "all") != 0 && strcmp(which, schemes[s]) != 0)
            continue;
        rows r;
        if (make_rows(&r, schemes[s], n) != 0) {
            fprintf(stderr, "bench_batch: out of memory\n");
            return 1;
        }
        env e = {only, ctx, rs, &r, m, threads, 0, 0};
        bench_scheme(&e, repeat);
        free(r.cells);
        free(r.arena);
    }
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return 0;
}

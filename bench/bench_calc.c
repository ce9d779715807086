/*
 * Throughput benchmark: N calculations of one scheme on T threads, each
 * thread with its own libsi_ctx and all sharing one ruleset (as an agency
 * server would).  Prints calculations per second; time it from outside
 * (e.g. /usr/bin/time -v) to compare builds or thread counts.
 *
 *   bench_calc [pension|contributions|unemployment] [N] [THREADS]
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libsi.h"

typedef struct job {
    const libsi_ruleset *rs;
    const char *scheme;
    long first, count;
    long failures;
} job;

/* A varied but deterministic case for person i. */
static void fill(libsi_ctx *ctx, libsi_case *c, const char *scheme, long i)
{
    static const char *const cities[] = {"guangzhou", "zhaoqing", "zhanjiang"};
    char a[32], b[32], d[32];
    libsi_case_set(ctx, c, "city", cities[i % 3]);
    if (strcmp(scheme, "pension") == 0) {
        snprintf(a, sizeof a, "%ld-%02ld-15", 1962 + i % 3, 1 + i % 12);
        snprintf(b, sizeof b, "%ld", 180 + i % 240);
        snprintf(d, sizeof d, "%ld.%02ld", 20000 + (i * 37) % 200000, i % 100);
        libsi_case_set(ctx, c, "retirement_group", "male60");
        libsi_case_set(ctx, c, "birth_date", a);
        libsi_case_set(ctx, c, "contribution_months", b);
        libsi_case_set(ctx, c, "average_index", i % 2 ? "0.55" : "1.2345");
        libsi_case_set(ctx, c, "account_balance", d);
    } else if (strcmp(scheme, "contributions") == 0) {
        snprintf(a, sizeof a, "%ld.%02ld", 1000 + (i * 131) % 40000, i % 100);
        libsi_case_set(ctx, c, "month", "2025-08");
        libsi_case_set(ctx, c, "wage", a);
    } else {
        snprintf(b, sizeof b, "%ld", i % 200);
        libsi_case_set(ctx, c, "claim_date", "2026-06");
        libsi_case_set(ctx, c, "contribution_months", b);
        libsi_case_set(ctx, c, "birth_date", "1975-04-01"); /* the extension needs it (#12) */
        libsi_case_set(ctx, c, "retirement_group", "male60");
    }
}

static void *worker(void *arg)
{
    job *j = arg;
    libsi_ctx *ctx;
    if (libsi_ctx_new(NULL, &ctx) != 0) {
        j->failures = j->count;
        return NULL;
    }
    for (long i = j->first; i < j->first + j->count; i++) {
        libsi_case *c;
        libsi_result *r = NULL;
        if (libsi_case_new(ctx, &c) != 0) {
            j->failures++;
            continue;
        }
        fill(ctx, c, j->scheme, i);
        j->failures += libsi_calculate(ctx, j->rs, j->scheme, c, &r) != 0;
        libsi_result_free(r);
        libsi_case_free(c);
    }
    libsi_ctx_free(ctx);
    return NULL;
}

int main(int argc, char **argv)
{
    const char *scheme = argc > 1 ? argv[1] : "pension";
    long n = argc > 2 ? atol(argv[2]) : 100000, threads = argc > 3 ? atol(argv[3]) : 1;
    if (n <= 0 || threads <= 0 || threads > 64)
        return 2;
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    if (libsi_ctx_new(NULL, &ctx) != 0 || libsi_ruleset_builtin(ctx, &rs) != 0)
        return 1;
    pthread_t tid[64];
    job jobs[64];
    for (long t = 0; t < threads; t++) {
        jobs[t] = (job){rs, scheme, n * t / threads, n * (t + 1) / threads - n * t / threads, 0};
        pthread_create(&tid[t], NULL, worker, &jobs[t]);
    }
    long failures = 0;
    for (long t = 0; t < threads; t++) {
        pthread_join(tid[t], NULL);
        failures += jobs[t].failures;
    }
    printf("%s: %ld calculations on %ld threads, %ld failed\n", scheme, n, threads, failures);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return failures ? 1 : 0;
}

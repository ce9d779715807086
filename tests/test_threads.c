/*
 * Reentrancy: 8 threads, each with its own context, share one ruleset and
 * run every kind of calculation (including the MPFR and life-table ones);
 * every thread must get byte-identical results (hashes) to a single-thread
 * run.  A hidden shared state (strtok, a global cache) shows up here.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "libsi.h"

#define THREADS 8
#define ROUNDS 60

static const char *const cases[][2][12] = {
    {{"contributions"}, {"city", "zhaoqing", "month", "2025-08", "wage", "12345.67"}},
    {{"pension"}, {"city", "guangzhou", "retirement_group", "male60", "birth_date", "1965-03-10",
                   "contribution_months", "360", "average_index", "1.5", "account_balance", "180000"}},
    {{"life_annuity"}, {"table", "CL6", "age", "57", "interest", "0.03", "frequency", "monthly",
                        "fractional_ages", "constant_force"}},
    {{"pension_measures"}, {"city", "guangzhou", "retirement_group", "female55", "birth_date",
                            "1970-06-20", "contribution_months", "300", "average_index", "0.8",
                            "account_balance", "90000"}},
    {{"unemployment"}, {"city", "guangzhou", "claim_date", "2026-06", "contribution_months", "84",
                        "birth_date", "1975-04-01", "retirement_group", "male60"}},
    {{"resident_pension"}, {"city", "zhaoqing", "birth_date", "1964-09-20", "contribution_years",
                            "18", "account_balance", "23456.78"}},
    {{"scheme_switch"}, {"city", "guangzhou", "birth_date", "1985-06", "retirement_group", "male60",
                         "switch_date", "2026-01", "base", "9183", "grade", "3"}},
    {{"institution_pension"}, {"city", "guangzhou", "retirement_group", "male60", "birth_date",
                               "1964-10", "contribution_months", "240", "actual_index", "1.3",
                               "account_balance", "100000"}},
};
#define NCASES (sizeof cases / sizeof cases[0])

static const libsi_ruleset *rules;
static char expected[NCASES][65];

static int run(libsi_ctx *ctx, size_t i, char hash[65])
{
    libsi_case *c;
    libsi_result *r = NULL;
    if (libsi_case_new(ctx, &c) != 0)
        return -1;
    for (int k = 0; k < 12 && cases[i][1][k]; k += 2)
        libsi_case_set(ctx, c, cases[i][1][k], cases[i][1][k + 1]);
    int rc = libsi_calculate(ctx, rules, cases[i][0][0], c, &r);
    if (rc == 0)
        snprintf(hash, 65, "%s", libsi_result_hash(r));
    libsi_result_free(r);
    libsi_case_free(c);
    return rc;
}

static void *worker(void *arg)
{
    long *bad = arg;
    libsi_ctx *ctx;
    if (libsi_ctx_new(NULL, &ctx) != 0) {
        *bad = 1;
        return NULL;
    }
    char hash[65];
    for (int round = 0; round < ROUNDS; round++)
        for (size_t i = 0; i < NCASES; i++)
            *bad += run(ctx, i, hash) != 0 || strcmp(hash, expected[i]) != 0;
    libsi_ctx_free(ctx);
    return NULL;
}

int main(void)
{
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    if (libsi_ctx_new(NULL, &ctx) != 0 || libsi_ruleset_builtin(ctx, &rs) != 0)
        return 1;
    rules = rs;
    for (size_t i = 0; i < NCASES; i++)
        if (run(ctx, i, expected[i]) != 0) {
            fprintf(stderr, "case %zu: %s\n", i, libsi_ctx_message(ctx));
            return 1;
        }
    pthread_t tid[THREADS];
    long bad[THREADS] = {0};
    for (int t = 0; t < THREADS; t++)
        pthread_create(&tid[t], NULL, worker, &bad[t]);
    long total = 0;
    for (int t = 0; t < THREADS; t++) {
        pthread_join(tid[t], NULL);
        total += bad[t];
    }
    printf("%d threads × %d rounds × %zu calculations: %ld mismatches\n", THREADS, ROUNDS, NCASES,
           total);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return total == 0 ? 0 : 1;
}

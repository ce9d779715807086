/*
 * GMP bounds (docs/testing.md, "Gates"): GMP and MPFR abort the process when
 * an allocation fails, and libsi cannot catch that, so every input that can
 * reach them must be bounded, and the bound must be small.  This test
 * installs counting GMP memory functions (mp_set_memory_functions: MPFR
 * allocates through them too), runs the largest inputs each path accepts and
 * checks the largest single GMP/MPFR block and the peak of live GMP memory
 * against the bounds stated in docs/testing.md:
 *
 *   decimal   lsi_dec_* fallbacks (decimal.c): operands below 10^36 at scales
 *             0..36, every quantum 10^-18..10^6, every mode: integers below
 *             2^254 × 10^108 (613 bits, 10 limbs);
 *   index     the exact Σ base/wage of a history (pension_account.c): at most
 *             1200 months (HISTORY_MAX_MONTHS), each wage < 10^36 at scale
 *             ≤ 18, so the denominator has ≤ 36 × 1200 + 18 digits and any
 *             integer ≤ 43,300 digits (143,840 bits, 2,248 limbs, 17,984 B);
 *   actuarial MPFR at ≤ LIBSI_ACTUARIAL_MAX_PRECISION = 16,384 bits and the
 *             exact interval ends built from it (actuarial_round.c): ≤
 *             16,384 + 200 × 64 bits + 18 decimals ≈ 29,300 bits (3,700 B);
 *   measures  the exact annuity sums of pension_measures: ages 50 … 105 (56
 *             terms); discount and indexation rates are any decimal (≤ 36
 *             digits: the schema does not bound them), q_x ≤ 18 decimals:
 *             ≤ 56 × (36 + 36 + 18) = 5,040 digits (16,743 bits, 2,093 B).
 *
 * A single block may be larger than one integer (GMP's scratch for a
 * product or a gcd holds a few operands): the test allows 8 × the integer
 * bound for a block and 64 × for all live GMP memory at once, which is still
 * far below any allocation that could fail.  It also checks that each path
 * really was reached (its peak exceeds what a small input needs), so that a
 * change which stops exercising it is noticed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmp.h>

#include "internal.h"
#include "libsi.h"

static size_t live, peak_live, peak_block;
static unsigned long blocks;

static void *g_alloc(size_t n)
{
    void *p = malloc(n);
    if (!p)
        abort();
    live += n;
    blocks++;
    if (n > peak_block) peak_block = n;
    if (live > peak_live) peak_live = live;
    return p;
}

static void *g_realloc(void *p, size_t old, size_t n)
{
    void *q = realloc(p, n);
    if (!q)
        abort();
    live = live - old + n;
    if (n > peak_block) peak_block = n;
    if (live > peak_live) peak_live = live;
    return q;
}

static void g_free(void *p, size_t n)
{
    live -= n;
    free(p);
}

static void reset(void)
{
    peak_live = live;
    peak_block = 0;
    blocks = 0;
}

static int failures;

/* bound: bytes of the largest integer the path can form (stated above). */
static void report(const char *path, size_t bound, size_t reached)
{
    int ok = peak_block <= 8 * bound && peak_live <= 64 * bound && peak_block >= reached;
    printf("%-10s largest GMP block %7zu B, peak live %8zu B, %8lu blocks; integer bound %6zu B"
           " (block ≤ %zu B, live ≤ %zu B, reached ≥ %zu B): %s\n", path, peak_block, peak_live,
           blocks, bound, 8 * bound, 64 * bound, reached, ok ? "ok" : "FAIL");
    failures += !ok;
}

/* ------------------------------------------------------------- decimal */

static void decimal_extremes(void)
{
    static const char *const coefs[] = {"0", "1", "7", "999999999999999999999999999999999999",
                                        "100000000000000000000000000000000000",
                                        "123456789012345678901234567890123457"};
    lsi_dec v[6 * 3 * 2];
    size_t n = 0;
    for (size_t c = 0; c < 6; c++)
        for (int s = 0; s <= 36; s += 18)
            for (int sign = 1; sign >= -1; sign -= 2) {
                lsi_dec d;
                if (lsi_dec_parse(coefs[c], &d, NULL) != 0)
                    abort();
                d.coef *= sign;
                d.scale = s;
                v[n++] = d;
            }
    static const char *const quanta[] = {"0.000000000000000001", "0.0001", "0.01", "1",
                                         "1000000"};
    static const libsi_round_mode modes[] = {LIBSI_ROUND_HALF_UP, LIBSI_ROUND_HALF_EVEN,
                                             LIBSI_ROUND_DOWN, LIBSI_ROUND_UP, LIBSI_ROUND_CARRY};
    unsigned long ops = 0;
    for (size_t q = 0; q < 5; q++)
        for (size_t m = 0; m < 5; m++) {
            lsi_rounding rule;
            if (lsi_rounding_from_quantum(quanta[q], modes[m], &rule) != 0)
                abort();
            for (size_t i = 0; i < n; i++) {
                lsi_dec out;
                unsigned flags = 0;
                (void)lsi_dec_round(v[i], &rule, &out, &flags);
                for (size_t j = 0; j < n; j++) {
                    lsi_dec sum;
                    (void)lsi_dec_cmp(v[i], v[j]);
                    if (lsi_dec_add(v[i], v[j], &sum) == 0)
                        (void)lsi_dec_round(sum, &rule, &out, &flags);
                    (void)lsi_dec_sub(v[i], v[j], &sum);
                    (void)lsi_dec_mul_round(v[i], v[j], &rule, &out, &flags);
                    (void)lsi_dec_div_round(v[i], v[j], &rule, &out, &flags);
                    ops += 5;
                }
            }
        }
    printf("decimal: %lu operations on %zu extreme operands\n", ops, n);
}

/* ------------------------------------------------------ public API runs */

static libsi_ctx *ctx;
static libsi_ruleset *rs;

/* Run one calculation; it must succeed or fail with a named error (never
 * abort, which is what an unbounded GMP allocation would do). */
static void calc(const char *scheme, const char *const *kv, const char *label)
{
    libsi_case *c;
    libsi_result *r = NULL;
    if (libsi_case_new(ctx, &c) != 0)
        abort();
    for (size_t i = 0; kv[i]; i += 2)
        libsi_case_set(ctx, c, kv[i], kv[i + 1]);
    int rc = libsi_calculate(ctx, rs, scheme, c, &r);
    if (rc != 0 && (rc == LIBSI_ENOMEM || rc == LIBSI_EINTERNAL || !*libsi_ctx_field(ctx))) {
        printf("  %s: error %d names no field: %s\n", label, rc, libsi_ctx_message(ctx));
        failures++;
    }
    printf("  %-44s %s%s\n", label, rc == 0 ? "computed" : "refused: ",
           rc == 0 ? "" : libsi_ctx_message(ctx));
    libsi_result_free(r);
    libsi_case_free(c);
}

static uint64_t lcg_state = 20240601;
static uint64_t lcg(void)
{
    lcg_state = lcg_state * 6364136223846793005u + 1442695040888963407u;
    return lcg_state >> 11;
}

/* A history of `months` months from 1998-07 with pseudo-random wages of
 * `int_digits` + `frac_digits` digits (distinct, so the exact sum's
 * denominator grows with every month) and a crediting rate for the years the
 * rule data do not cover. */
static char *history(int months, int int_digits, int frac_digits, const char *base)
{
    size_t cap = (size_t)months * 96 + 64, len = 0;
    char *h = malloc(cap);
    len += (size_t)snprintf(h, cap, "month,base,average_wage,crediting_rate\n");
    for (int m = 0; m < months; m++) {
        char wage[64];
        int w = 0;
        wage[w++] = (char)('1' + lcg() % 9);
        for (int d = 1; d < int_digits; d++)
            wage[w++] = (char)('0' + lcg() % 10);
        if (frac_digits) {
            wage[w++] = '.';
            for (int d = 0; d < frac_digits - 1; d++)
                wage[w++] = (char)('0' + lcg() % 10);
            wage[w++] = (char)('1' + lcg() % 9);
        }
        wage[w] = '\0';
        int mi = 1998 * 12 + 6 + m;
        len += (size_t)snprintf(h + len, cap - len, "%04d-%02d,%s,%s,0.0525\n", mi / 12,
                                mi % 12 + 1, base, wage);
    }
    return h;
}

static void index_extremes(void)
{
    /* Personal accounts open in 1998-07 (earlier months have no credit rate in
     * the rule data); a man born 1965-03-10 retires in 2025 (male60), so
     * 1998-07 … 2025-02 (320 months) is the longest history the pension
     * accepts today.  Wages of 5+18 digits (a real magnitude, every decimal
     * allowed) and of 18+18 digits (the most a decimal holds). */
    static const int shapes[][2] = {{5, 18}, {18, 18}};
    for (size_t s = 0; s < 2; s++) {
        char *h = history(320, shapes[s][0], shapes[s][1], "9000.00");
        /* history_bands=record: these wages are far outside any band on
         * purpose (issue #12 refuses such a history by default). */
        const char *kv[] = {"city", "guangzhou", "retirement_group", "male60", "birth_date",
                            "1965-03-10", "history", h, "history_bands", "record", NULL};
        char label[96];
        snprintf(label, sizeof label, "pension, 320 months, wages of %d+%d digits",
                 shapes[s][0], shapes[s][1]);
        calc("pension", kv, label);
        free(h);
    }
}

static void actuarial_extremes(void)
{
    static const char *const grid[][6] = {
        /* age, interest, growth, improvement, deferral, fractional_ages */
        {"0", "-0.999999999999999999", "1", "0", "0", "udd"},
        {"0", "1", "-0.999999999999999999", "0.999999999999999999", "0", "constant_force"},
        {"0", "0.000000000000000001", "0.999999999999999999", "0", "100", "constant_force"},
        {"105", "-0.5", "1", "0.5", "0", "udd"},
        {"30", "0.025", "0.02", "0.01", "30", "constant_force"},
    };
    for (size_t g = 0; g < sizeof grid / sizeof grid[0]; g++)
        for (int freq = 0; freq < 2; freq++) {
            const char *kv[] = {"table", "CL5", "age", grid[g][0], "interest", grid[g][1],
                                "growth", grid[g][2], "improvement", grid[g][3], "deferral",
                                grid[g][4], "fractional_ages", grid[g][5], "frequency",
                                freq ? "monthly" : "annual", "decimals", "18", "precision",
                                "16384", NULL};
            char label[96];
            snprintf(label, sizeof label, "life_annuity age %s i %.8s g %.8s %s", grid[g][0],
                     grid[g][1], grid[g][2], freq ? "monthly" : "annual");
            calc("life_annuity", kv, label);
        }
}

static void measures_extremes(void)
{
    static const char *const rates[][2] = {
        {"0.123456789012345678", "0.987654321098765432"},
        {"0.999999999999999999", "-0.999999999999999999"},
        {"-0.999999999999999999", "0.999999999999999999"},
        {"999999999999999999.999999999999999999", "-0.123456789012345678"},
        {"0.5", "999999999999999999.999999999999999999"},
    };
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++) {
        const char *kv[] = {"city", "guangzhou", "retirement_group", "female50", "birth_date",
                            "1975-01-31", "contribution_months", "180", "average_index", "0.6",
                            "account_balance", "20000", "discount_rate", rates[i][0],
                            "indexation", rates[i][1], NULL};
        char label[96];
        snprintf(label, sizeof label, "pension_measures i %.10s g %.10s", rates[i][0],
                 rates[i][1]);
        calc("pension_measures", kv, label);
    }
}

int main(void)
{
    mp_set_memory_functions(g_alloc, g_realloc, g_free);
    if (libsi_ctx_new(NULL, &ctx) != 0 || libsi_ruleset_builtin(ctx, &rs) != 0)
        return 1;

    reset();
    decimal_extremes();
    report("decimal", 10 * 8, 1);

    reset();
    index_extremes();
    report("index", 17984, 2048);

    reset();
    actuarial_extremes();
    report("actuarial", 3700, 2048);

    reset();
    measures_extremes();
    report("measures", 2093, 256);

    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    printf("%s\n", failures ? "GMP bounds: FAIL" : "GMP bounds: ok");
    return failures ? 1 : 0;
}

/*
 * The compiled path of `pension` (libsi/schemes/pension/pension_compiled.c,
 * calc/compiled.h) against its kernel: every row run through a batch at
 * trace level none (the compiled path where it takes the row) and through a
 * batch at trace level hash (always the kernel) gives the same error (code,
 * field, message) or the same flags and the same text of every output.  The
 * rows: retirements every second month of 2020–2025 × the three groups × the
 * cities, random records, the edges of each bound, and rows the path must
 * hand to the kernel (other forms, an unknown city, a retirement without
 * rule data).  The path's own answer is counted beside the batches, so the
 * test also says that it takes the rows it should.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "compiled.h"
#include "pension_internal.h"
#include "retirement_age.h"
#include "vectors.h"

static const char *const columns[] = {"city", "retirement_group", "birth_date",
                                      "contribution_months", "average_index", "account_balance",
                                      "deemed_months", "deemed_account_balance"};
#define N_COLUMNS 8

static const char *const cities[] = {
    "guangzhou", "shaoguan", "zhuhai", "shantou", "foshan", "jiangmen", "zhanjiang", "maoming",
    "zhaoqing", "huizhou", "meizhou", "shanwei", "heyuan", "yangjiang", "qingyuan", "dongguan",
    "zhongshan", "chaozhou", "jieyang", "yunfu", "广州", "440800", "tianhe", "shenzhen"};
#define N_CITIES (sizeof cities / sizeof *cities)
static const char *const groups[] = {"male60", "female55", "female50"};

/* ------------------------------------------------------------ the pair */

/* The two batches over the same columns, and the compiled path called
 * directly (its state and calculation as batch.c gives them) to count the
 * rows it takes. */
typedef struct pair {
    libsi_ctx *ctx_none, *ctx_hash;
    libsi_batch *none, *hash;
    void *state;
    lsi_calc k;
    lsi_rule_cache *rules;
    lsi_place_memo memo;
    lsi_out out[64];
    bool compiled;             /* prepare's answer */
    long rows, taken, failed;  /* rows run, rows the path took, rows failing */
} pair;

static void pair_open(pair *p, libsi_ruleset *rs, const char *const *cols, size_t n)
{
    memset(p, 0, sizeof *p);
    int16_t field[N_COLUMNS + 1];
    assert_int_equal(libsi_ctx_new(NULL, &p->ctx_none), 0);
    assert_int_equal(libsi_ctx_new(NULL, &p->ctx_hash), 0);
    assert_int_equal(libsi_batch_new(p->ctx_none, rs, "pension", cols, n, LIBSI_TRACE_NONE,
                                     &p->none), 0);
    assert_int_equal(libsi_batch_new(p->ctx_hash, rs, "pension", cols, n, LIBSI_TRACE_HASH,
                                     &p->hash), 0);
    const lsi_scheme *s = &lsi_scheme_pension;
    for (size_t c = 0; c < n; c++)
        for (size_t i = 0; i < s->n_inputs; i++)
            if (strcmp(s->inputs[i].name, cols[c]) == 0)
                field[c] = (int16_t)i;
    p->state = calloc(1, s->compiled->state_size);
    p->rules = calloc(1, sizeof *p->rules);
    assert_non_null(p->state);
    assert_non_null(p->rules);
    p->rules->gen = 1;
    p->compiled = s->compiled->prepare(p->state, s, field, n);
    p->k = (lsi_calc){.ctx = p->ctx_none, .rs = rs, .scheme = s, .out = p->out,
                      .rules = p->rules, .city = &p->memo};
}

static void pair_close(pair *p)
{
    libsi_batch_free(p->none);
    libsi_batch_free(p->hash);
    libsi_ctx_free(p->ctx_none);
    libsi_ctx_free(p->ctx_hash);
    free(p->state);
    free(p->rules);
}

/* Whether the compiled path takes the row (called directly). */
static bool taken(pair *p, const char *const *cells)
{
    if (!p->compiled)
        return false;
    p->k.flags = 0;
    p->k.place = NULL;
    return lsi_pension_compiled.row(p->state, &p->k, cells) == LSI_COMPILED_DONE;
}

/* The row through both batches: the same error, or the same flags and
 * outputs.  Returns whether the compiled path took it. */
static bool same_row(pair *p, const char *const *cells)
{
    bool took = taken(p, cells);
    int a = libsi_batch_run(p->none, cells), b = libsi_batch_run(p->hash, cells);
    p->rows++;
    p->taken += took;
    assert_int_equal(a, b);
    if (a != 0) {
        p->failed++;
        assert_false(took);
        assert_string_equal(libsi_ctx_field(p->ctx_none), libsi_ctx_field(p->ctx_hash));
        assert_string_equal(libsi_ctx_message(p->ctx_none), libsi_ctx_message(p->ctx_hash));
        return took;
    }
    assert_int_equal(libsi_batch_flags(p->none), libsi_batch_flags(p->hash));
    for (size_t i = 0; i < libsi_batch_output_count(p->none); i++) {
        const char *x = NULL, *y = NULL;
        int rx = libsi_batch_output_text(p->none, i, &x);
        int ry = libsi_batch_output_text(p->hash, i, &y);
        assert_int_equal(rx, ry);
        if (rx == 0 && (!x || !y ? x != y : strcmp(x, y) != 0)) /* (NULL: unset) */
            fail_msg("row %s %s %s %s %s %s: output %s: %s (compiled) vs %s (kernel)", cells[0],
                     cells[1], cells[2], cells[3], cells[4], cells[5],
                     libsi_batch_output_name(p->none, i), x, y);
    }
    return took;
}

/* ------------------------------------------------------------ rows */

/* A deterministic generator (the rows are the same every run). */
static uint64_t seed = 0x2545F4914F6CDD1Dull;
static long uniform(long lo, long hi) /* [lo, hi) */
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return lo + (long)(seed % (uint64_t)(hi - lo));
}

/* A birth month of group g whose statutory month is `month` (month numbers),
 * or -1 (a month no birth month reaches: the delay skips some). */
static int birth_for(int g, int month)
{
    for (int b = month - 800; b <= month - 600; b++) {
        lsi_retirement_age a;
        lsi_statutory_retirement_valid((lsi_retirement_group)g, (b / 12) * 10000 +
                                       (b % 12 + 1) * 100 + 1, &a);
        if (a.month_index == month)
            return b;
    }
    return -1;
}

/* A decimal with `d` decimals of value v / 10^d, into buf. */
static const char *decimal(char *buf, long v, int d)
{
    long p = 1;
    for (int i = 0; i < d; i++)
        p *= 10;
    if (d == 0)
        snprintf(buf, 32, "%ld", v);
    else
        snprintf(buf, 32, "%ld.%0*ld", v / p, d, v % p);
    return buf;
}

typedef struct cells {
    char birth[32], months[32], z[32], balance[32], deemed[32], deemed_balance[32];
    const char *v[N_COLUMNS];
} cells;

/* A random record of a person of group g born in month b (month number),
 * retiring in the statutory month `month`: months around the working life
 * (16 to retirement) and the minimum, an index of 0 to 9 decimals around
 * the bounds, a balance of 0 to 3 decimals, deemed months and account
 * sometimes. */
static void random_row(cells *c, const char *city, int g, int b, int month)
{
    static const int zd[] = {1, 2, 3, 4, 4, 4, 0, 9};
    int life = month - b - 192, d = zd[uniform(0, 8)];
    long deemed = uniform(0, 3) == 0 ? uniform(1, 120) : 0, p = 1;
    for (int i = 0; i < d; i++)
        p *= 10;
    long months = uniform(0, 10) == 0 ? uniform(170, 190) : uniform(180, life + 3) - deemed;
    snprintf(c->birth, 32, "%04d-%02d-%02ld", b / 12, b % 12 + 1, uniform(1, 29));
    snprintf(c->months, 32, "%ld", months < 0 ? 0 : months);
    snprintf(c->deemed, 32, "%ld", deemed);
    decimal(c->z, uniform(p * 17 / 100, p * 301 / 100 + 1), d);
    decimal(c->balance, uniform(0, 10) == 0 ? 0 : uniform(0, 60000000), (int)uniform(0, 4));
    decimal(c->deemed_balance, uniform(0, 2) == 0 ? uniform(0, 5000000) : 0, 2);
    const char *v[N_COLUMNS] = {city, groups[g], c->birth, c->months, c->z, c->balance,
                                deemed || uniform(0, 2) ? c->deemed : "",
                                c->deemed_balance};
    memcpy(c->v, v, sizeof v);
}

/* ------------------------------------------------------------ tests */

/* Every second month of 2020–2025 × group × city, three random records each. */
static void random_rows_agree(void **state)
{
    pair p;
    cells c;
    pair_open(&p, *state, columns, N_COLUMNS);
    assert_true(p.compiled);
    for (int month = 2020 * 12; month < 2026 * 12; month += 2)
        for (int g = 0; g < 3; g++) {
            int b = birth_for(g, month);
            for (size_t city = 0; b >= 0 && city < N_CITIES; city++)
                for (int i = 0; i < 3; i++) {
                    random_row(&c, cities[city], g, b, month);
                    same_row(&p, c.v);
                }
        }
    /* Most rows are eligible and plausible: the path takes them. */
    print_message("%ld rows, %ld taken by the compiled path, %ld errors\n", p.rows, p.taken,
                  p.failed);
    assert_true(p.rows > 6000);
    assert_true(p.taken * 10 > p.rows * 6);
    assert_true(p.failed > 0);
    pair_close(&p);
}

/* One row of person `g` retiring in `month` (or the next month a birth
 * month reaches) with the given record cells. */
static bool edge(pair *p, const char *city, int g, int month, const char *months, const char *z,
                 const char *balance, const char *deemed, const char *deemed_balance)
{
    char birth[32];
    int b;
    while ((b = birth_for(g, month)) < 0)
        month++;
    snprintf(birth, sizeof birth, "%04d-%02d-15", b / 12, b % 12 + 1);
    const char *v[N_COLUMNS] = {city, groups[g], birth, months, z, balance, deemed,
                                deemed_balance};
    return same_row(p, v);
}

/* The index at the low-index threshold and the plausibility bounds, a zero
 * balance, the minimum period, decimals to the path's limit: each row the
 * kernel's result, taken or handed back as stated. */
static void edge_rows_agree(void **state)
{
    pair p;
    pair_open(&p, *state, columns, N_COLUMNS);
    int m = 2025 * 12 + 6; /* 2025-07 */
    static const char *const taken_z[] = {"0.6", "0.6000", "0.5999", "0.6001", "0.18", "3",
                                          "3.0000", "1.23456789", "0.599999999", "00.7"};
    for (size_t i = 0; i < sizeof taken_z / sizeof *taken_z; i++)
        assert_true(edge(&p, "guangzhou", 0, m, "300", taken_z[i], "123456.78", "", ""));
    static const char *const kernel_z[] = {"0.1799", "3.0001", "1.2345678901", "-1", "1e0",
                                           ".5", "1.", "+1", "1.2.3", "11"};
    for (size_t i = 0; i < sizeof kernel_z / sizeof *kernel_z; i++)
        assert_false(edge(&p, "guangzhou", 0, m, "300", kernel_z[i], "123456.78", "", ""));
    assert_true(edge(&p, "zhaoqing", 1, m, "180", "1", "0", "", ""));      /* the minimum */
    assert_true(edge(&p, "zhaoqing", 1, m, "0180", "1", "0.00", "0", "0")); /* zero balance */
    assert_false(edge(&p, "zhaoqing", 1, m, "179", "1", "100", "", ""));   /* not eligible */
    assert_true(edge(&p, "zhaoqing", 1, m, "170", "1", "100", "10", "0")); /* with deemed */
    assert_true(edge(&p, "zhanjiang", 2, m, "200", "0.8", "1.005", "", "")); /* 3 decimals */
    assert_true(edge(&p, "zhanjiang", 2, m, "200", "0.8", "999999999999999", "60", "5000.55"));
    assert_true(edge(&p, "zhanjiang", 2, m, "240", "1", "1200", "", "1200")); /* exact amounts */
    assert_false(edge(&p, "zhanjiang", 2, m, "200", "0.8", "1000000000000000", "", ""));
    assert_false(edge(&p, "zhanjiang", 2, m, "200", "0.8", "1.0000000001", "", ""));
    assert_false(edge(&p, "zhanjiang", 2, m, "200", "0.8", "123456789012345678", "", ""));
    assert_false(edge(&p, "zhanjiang", 2, m, "200", "0.8", "0000000000000000001", "", ""));
    assert_false(edge(&p, "zhanjiang", 2, m, "200", "0.8", "-0.01", "", ""));
    assert_false(edge(&p, "zhanjiang", 2, m, "200", "0.8", "100", "-1", ""));
    assert_false(edge(&p, "zhanjiang", 2, m, "200", "0.8", "100", "", "-1"));
    assert_false(edge(&p, "zhanjiang", 2, m, "200", "0.8", "100", "1.5", ""));
    pair_close(&p);
}

/* The working life from age 16: its last month taken, one more the kernel's
 * error; deemed months count with the actual ones. */
static void working_life_bound(void **state)
{
    pair p;
    char max[16], over[16], part[16];
    pair_open(&p, *state, columns, N_COLUMNS);
    int m = 2024 * 12 + 2, b = birth_for(0, m); /* 2024-03 */
    snprintf(max, sizeof max, "%d", m - b - 192);
    snprintf(over, sizeof over, "%d", m - b - 191);
    snprintf(part, sizeof part, "%d", m - b - 192 - 40);
    assert_true(edge(&p, "foshan", 0, m, max, "1.5", "200000", "", ""));
    assert_false(edge(&p, "foshan", 0, m, over, "1.5", "200000", "", ""));
    assert_true(edge(&p, "foshan", 0, m, part, "1.5", "200000", "40", ""));
    assert_false(edge(&p, "foshan", 0, m, part, "1.5", "200000", "41", ""));
    assert_int_equal(p.failed, 2);
    pair_close(&p);
}

/* Rows the path hands to the kernel, which says what is wrong (the same
 * error as the kernel's batch): a bad form of each cell, an unknown or
 * unsupported city, a missing cell, a retirement without rule data. */
static void fallback_rows_agree(void **state)
{
    pair p;
    pair_open(&p, *state, columns, N_COLUMNS);
    const char *good[N_COLUMNS] = {"guangzhou", "male60", "1964-05-20", "300", "1.1", "150000",
                                   "", ""};
    assert_true(same_row(&p, good));
    static const struct { int col; const char *v; } bad[] = {
        {0, "atlantis"}, {0, "shenzhen"}, {0, ""}, {1, "male65"}, {1, "MALE60"}, {1, ""},
        {2, "1964-02-30"}, {2, "1964/05/20"}, {2, "1964-05"}, {2, "1850-01-01"},
        {2, "1990-01-01"}, {2, ""}, {3, "30O"}, {3, ""}, {3, "-300"}, {3, "300.0"},
        {3, "100000"}, {4, "1,1"}, {4, ""}, {4, "11"}, {5, "15e4"}, {5, ""}, {6, "x"},
        {7, "1 000"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *v[N_COLUMNS];
        memcpy(v, good, sizeof v);
        v[bad[i].col] = bad[i].v;
        bool month_only = bad[i].col == 2 && strcmp(bad[i].v, "1964-05") == 0;
        assert_true(same_row(&p, v) == month_only); /* (YYYY-MM is a date: taken) */
    }
    assert_true(p.failed >= 15);
    /* 2030: the minimum period is known, the calculation base is not. */
    assert_false(edge(&p, "guangzhou", 0, 2030 * 12 + 3, "300", "1.1", "150000", "", ""));
    assert_false(edge(&p, "guangzhou", 0, 2019 * 12 + 3, "300", "1.1", "150000", "", ""));
    pair_close(&p);
}

/* The approval form's six columns alone (bench_batch's), and a batch with a
 * column the path does not take (retirement_date: every row the kernel's). */
static void other_column_sets(void **state)
{
    pair p;
    cells c;
    pair_open(&p, *state, columns, 6);
    assert_true(p.compiled);
    for (int i = 0; i < 200; i++) {
        int g = (int)uniform(0, 3), month = 2024 * 12 + (int)uniform(0, 24);
        int b = birth_for(g, month);
        if (b >= 0) {
            random_row(&c, cities[uniform(0, 3)], g, b, month);
            same_row(&p, c.v);
        }
    }
    assert_true(p.taken > 100);
    pair_close(&p);
    const char *with_date[] = {"city", "retirement_group", "birth_date", "contribution_months",
                               "average_index", "account_balance", "retirement_date"};
    pair_open(&p, *state, with_date, 7);
    assert_false(p.compiled);
    const char *row[] = {"guangzhou", "male60", "1964-05-20", "300", "1.1", "150000", "2025-01"};
    assert_false(same_row(&p, row));
    pair_close(&p);
    pair_open(&p, *state, columns, 5); /* no account_balance column */
    assert_false(p.compiled);
    pair_close(&p);
}

/* The shared helpers that bind rule values (calc/compiled.h) refuse every
 * form the compiled paths do not compute with, and take the others exactly. */
static void bound_helpers(void **state)
{
    (void)state;
    lsi_rate rate = {-1, -1};
    int64_t fen = -1;
    static const lsi_dec not_rates[] = {{5, -1}, {5, 10}, {-1, 2}, {1000001, 0}};
    for (size_t i = 0; i < sizeof not_rates / sizeof *not_rates; i++)
        assert_false(lsi_bound_rate(not_rates[i], 1000000, &rate));
    assert_true(lsi_bound_rate((lsi_dec){1000000, 9}, 1000000, &rate));
    assert_int_equal(rate.coef, 1000000);
    assert_int_equal(rate.pow, 1000000000);
    /* at most max_fen in fen, whatever the scale (here 10^13 − 1 fen) */
    const int64_t max_fen = 9999999999999;
    static const lsi_dec not_fen[] = {{5, -1}, {5, 3}, {-1, 2}, {10000000000000, 2},
                                      {1000000000000, 1}, {100000000000, 0}};
    for (size_t i = 0; i < sizeof not_fen / sizeof *not_fen; i++)
        assert_false(lsi_bound_fen(not_fen[i], max_fen, &fen));
    assert_true(lsi_bound_fen((lsi_dec){9999999999999, 2}, max_fen, &fen));
    assert_int_equal(fen, 9999999999999);
    assert_true(lsi_bound_fen((lsi_dec){99999999999, 0}, max_fen, &fen));
    assert_int_equal(fen, 9999999999900);
    assert_true(lsi_bound_fen((lsi_dec){12345, 1}, max_fen, &fen));
    assert_int_equal(fen, 123450);
}

/* Flagged divisor-table values (tests/data/compiled-rules/
 * zhanjiang-divisor-flags.yaml: Zhanjiang's ages 50, 51, 55 and 60 flagged
 * from 2024, the same months as the national table): a row carries the
 * flags of the ages it reads, the age of retirement and the next one when
 * the age has months, through the compiled path as through the kernel, on
 * top of the flags it carries under the built-in rules alone. */
static unsigned divisor_flags(pair *p, int g, int month)
{
    assert_true(edge(p, "zhanjiang", g, month, "300", "1", "100000", "", ""));
    return libsi_batch_flags(p->hash) & (LIBSI_FLAG_LOW_CONFIDENCE | LIBSI_FLAG_PROVISIONAL);
}

static void flagged_divisors(void **state)
{
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    pair p, base;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    if (vec_rules_with(ctx, "compiled-rules/zhanjiang-divisor-flags.yaml", &rs) != 0)
        fail_msg("rules: %s", libsi_ctx_message(ctx));
    pair_open(&p, rs, columns, N_COLUMNS);
    pair_open(&base, *state, columns, N_COLUMNS);
    const unsigned low = LIBSI_FLAG_LOW_CONFIDENCE, prov = LIBSI_FLAG_PROVISIONAL;
    static const struct {
        int group, month;      /* month number: 2024-07 (no delay), 2025-07 (months) */
        unsigned added;        /* the flags of the ages read */
    } rows[] = {{2, 2024 * 12 + 6, low},  /* 50y0m: age 50 */
                {2, 2025 * 12 + 6, low | prov}, /* 50y and months: 50, 51 */
                {1, 2024 * 12 + 6, low},  /* 55y0m: age 55 (NF) */
                {1, 2025 * 12 + 6, low},  /* 55, 56 */
                {0, 2024 * 12 + 6, low | prov}, /* 60y0m: age 60 */
                {0, 2025 * 12 + 6, low | prov}}; /* 60, 61 */
    unsigned shown = 0;
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        unsigned before = divisor_flags(&base, rows[i].group, rows[i].month);
        assert_int_equal(divisor_flags(&p, rows[i].group, rows[i].month), before | rows[i].added);
        shown |= rows[i].added & ~before;
    }
    assert_int_equal(shown, low | prov); /* each flag comes from the divisors somewhere */
    assert_int_equal(p.taken, p.rows); /* every row through the compiled path */
    assert_int_equal(base.taken, base.rows);
    pair_close(&p);
    pair_close(&base);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
}

/* The path's integer bounds met (tests/data/compiled-rules/pension-2030.yaml:
 * a calculation base of 999,999.999 yuan in 2030, the largest it binds; one
 * just above 10^6 yuan, which it does not bind, in 2031; an ordinary one in
 * 2032): the largest index,
 * balance and periods a row may hold give the kernel's outputs, the 2030
 * and 2032 rows through the compiled path, the 2031 ones through the
 * kernel. */
static void extreme_values(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    pair p;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    if (vec_rules_with(ctx, "compiled-rules/pension-2030.yaml", &rs) != 0)
        fail_msg("rules: %s", libsi_ctx_message(ctx));
    pair_open(&p, rs, columns, N_COLUMNS);
    static const char *const z[] = {"3", "2.999999999", "0.6", "0.599999999", "0.18"};
    static const char *const balance[] = {"999999999999999", "99999999.9999999", "0.001", "0"};
    for (int year = 2030; year <= 2032; year++)
        for (int g = 0; g < 3; g++) {
            int m = year * 12 + 5, b;
            while ((b = birth_for(g, m)) < 0)
                m++;
            char life[16], part[16];
            snprintf(life, sizeof life, "%d", m - b - 192); /* the whole working life */
            snprintf(part, sizeof part, "%d", m - b - 192 - 120);
            for (size_t i = 0; i < sizeof z / sizeof *z; i++)
                for (size_t j = 0; j < sizeof balance / sizeof *balance; j++) {
                    bool took = edge(&p, "guangzhou", g, m, life, z[i], balance[j], "", "") |
                                edge(&p, "zhanjiang", g, m, part, z[i], balance[j], "120",
                                     balance[j]);
                    if (took != (year != 2031))
                        fail_msg("%d group %d z %s balance %s: compiled %d (%s)", year, g, z[i], balance[j], took, libsi_ctx_message(p.ctx_hash));
                }
        }
    assert_int_equal(p.failed, 0);
    pair_close(&p);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
}

static int setup(void **state)
{
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    if (libsi_ctx_new(NULL, &ctx) != 0 || libsi_ruleset_builtin(ctx, &rs) != 0)
        return -1;
    libsi_ctx_free(ctx);
    *state = rs;
    return 0;
}

static int teardown(void **state)
{
    libsi_ruleset_free(*state);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(random_rows_agree),
        cmocka_unit_test(edge_rows_agree),
        cmocka_unit_test(working_life_bound),
        cmocka_unit_test(fallback_rows_agree),
        cmocka_unit_test(other_column_sets),
        cmocka_unit_test(bound_helpers),
        cmocka_unit_test(flagged_divisors),
        cmocka_unit_test(extreme_values),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

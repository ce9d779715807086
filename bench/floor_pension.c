/*
 * The floor of an in-memory pension batch (issue #10), as floor_contrib.c is
 * for contributions: a new retiree's pension on the summary path (no deemed
 * months, retirement at the statutory month) computed exactly in int64,
 * with every rule value bound once per city and retirement month before
 * timing (through the public libsi_ruleset_lookup) and nothing else done.
 * A benchmark aid, never part of the library; bench_batch checks every row
 * against libsi (the 7 money outputs, to the fen) before it reports.
 *
 * The formulas are those of libsi/schemes/pension (legal basis there and in
 * docs/pension.md), each amount rounded once, half up, to the fen:
 *   statutory age  = original age + min(cap, (birth month - start) / step + 1)
 *   basic          = C (1 + Z) / 2 × months / 12 × rate          (Z >= t)
 *                  = C Z (1 + t) / (2 t) × months / 12 × rate    (Z < t)
 *   divisor        = ((12 - m) M(y) + m M(y+1)) / 12, to 0.1
 *   account        = balance / divisor
 *   supplements    = fixed + per year × whole years
 * The transitional pension and its adjustment are 0.00 without deemed months.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floor.h"

#define FIRST_MONTH (2024 * 12) /* bench_batch's retirements: 2024-01 .. 2025-12 */
#define MONTHS 24

typedef struct bound { /* one city in one retirement month */
    int64_t base;      /* pension.calculation_base, whole yuan */
    floor_rate threshold, per_cent;
    int64_t fixed_fen, per_year_fen, minimum;
    int64_t divisor[32]; /* M(40) .. M(70) in whole months */
} bound;

struct floor_pension {
    bound b[3][MONTHS];
};

/* 办法第一条: original age (months), first delayed birth month, step, cap. */
static const struct { const char *name; int original, start, step, cap; } GROUP[3] = {
    {"male60", 720, 1965 * 12, 4, 36},
    {"female55", 660, 1970 * 12, 4, 36},
    {"female50", 600, 1975 * 12, 2, 60},
};

static int lookup(libsi_ctx *ctx, const libsi_ruleset *rs, const char *name, int city, int month,
                  floor_rate *out)
{
    return floor_lookup(ctx, rs, "floor_pension", name, city, month, out);
}

/* A value that must be whole (yuan, months). */
static int lookup_whole(libsi_ctx *ctx, const libsi_ruleset *rs, const char *name, int city,
                        int month, int64_t *out)
{
    floor_rate r;
    int rc = lookup(ctx, rs, name, city, month, &r);
    if (rc == 0 && r.coef % r.pow != 0)
        rc = -1;
    *out = rc == 0 ? r.coef / r.pow : 0;
    return rc;
}

static int bind(libsi_ctx *ctx, const libsi_ruleset *rs, int c, int m, bound *b)
{
    int month = FIRST_MONTH + m, rc = 0;
    floor_rate fixed, per_year;
    rc |= lookup_whole(ctx, rs, "pension.calculation_base", c, month, &b->base);
    rc |= lookup(ctx, rs, "pension.low_index_threshold", c, month, &b->threshold);
    rc |= lookup(ctx, rs, "pension.basic.rate_per_year", c, month, &b->per_cent);
    rc |= lookup(ctx, rs, "pension.supplement.fixed", c, month, &fixed);
    rc |= lookup(ctx, rs, "pension.supplement.per_year", c, month, &per_year);
    rc |= lookup_whole(ctx, rs, "pension.minimum_contribution_months", c, month, &b->minimum);
    for (int age = 40; rc == 0 && age <= 70; age++) {
        char name[40];
        snprintf(name, sizeof name, "pension.divisor.age_%d", age);
        rc = lookup_whole(ctx, rs, name, c, month, &b->divisor[age - 40]);
    }
    b->fixed_fen = fixed.coef * 100 / fixed.pow;
    b->per_year_fen = per_year.coef * 100 / per_year.pow;
    return rc;
}

int floor_pension_new(libsi_ctx *ctx, const libsi_ruleset *rs, floor_pension **out)
{
    floor_pension *f = calloc(1, sizeof *f);
    int rc = f ? 0 : -1;
    for (int c = 0; rc == 0 && c < 3; c++)
        for (int m = 0; rc == 0 && m < MONTHS; m++)
            rc = bind(ctx, rs, c, m, &f->b[c][m]);
    if (rc != 0) {
        free(f);
        f = NULL;
    }
    *out = f;
    return rc;
}

void floor_pension_free(floor_pension *f)
{
    free(f);
}

static inline int group_of(const char *s)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(s, GROUP[i].name) == 0)
            return i;
    return -1;
}

static inline int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* "YYYY-MM-DD": the month number, or -1 (the day is not checked here). */
static inline int birth_month_of(const char *s)
{
    int y = digits(s, 4), m = digits(s + 5, 2);
    if (y < 0 || m < 1 || m > 12 || s[4] != '-' || s[7] != '-' || digits(s + 8, 2) < 1 || s[10])
        return -1;
    return y * 12 + m - 1;
}

/* A non-negative decimal with at most `max` decimals: coef / 10^(*scale), or -1. */
static inline int64_t scaled_of(const char *s, int max, int *scale)
{
    int64_t v = 0;
    int i = 0, frac = -1;
    for (; s[i] && i < 18; i++) {
        if (s[i] == '.' && frac < 0) {
            frac = 0;
            continue;
        }
        if (s[i] < '0' || s[i] > '9' || frac == max)
            return -1;
        v = v * 10 + (s[i] - '0');
        frac += frac >= 0;
    }
    if (s[i] || i == 0)
        return -1;
    *scale = frac < 0 ? 0 : frac;
    return v;
}

static const int64_t POW10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                1000000000};

/* The divisor in tenths of a month for an age in months. */
static inline int64_t divisor_tenths(const bound *b, int age)
{
    int y = age / 12, m = age % 12;
    if (y < 40 || y >= 70)
        y = y < 40 ? 40 : 70, m = 0;
    int64_t whole = b->divisor[y - 40], next = m ? b->divisor[y - 39] : 0;
    return floor_half_up(((12 - m) * whole + m * next) * 10, 12);
}

/* basic pension in fen: one exact ratio rounded once. */
static inline int64_t basic_fen(const bound *b, int64_t z, int zs, int64_t months)
{
    int64_t zp = POW10[zs], r = b->per_cent.coef, rp = b->per_cent.pow;
    int64_t t = b->threshold.coef, tp = b->threshold.pow;
    if (z * tp >= t * zp) /* Z >= t: C (1 + Z) / 2 × months / 12 × rate, × 100 fen */
        return floor_half_up(b->base * (zp + z) * months * r * 100, 24 * zp * rp);
    return floor_half_up(b->base * z * (tp + t) * months * r * 100, 24 * zp * t * rp);
}

int floor_pension_row(const floor_pension *f, const char *const *cells,
                      int64_t out[FLOOR_PENSION_OUTPUTS])
{
    int c = floor_city_of(cells[0]), g = group_of(cells[1]);
    int birth = birth_month_of(cells[2]), ms = 0, zs = 0, bs = 0;
    int64_t months = scaled_of(cells[3], 0, &ms), z = scaled_of(cells[4], 9, &zs);
    int64_t balance = scaled_of(cells[5], 2, &bs);
    if (c < 0 || g < 0 || birth < 0 || months < 0 || z < 0 || balance < 0)
        return -1;
    int k = birth - GROUP[g].start;
    int age = GROUP[g].original + (k < 0 ? 0 : k / GROUP[g].step + 1 < GROUP[g].cap
                                                  ? k / GROUP[g].step + 1
                                                  : GROUP[g].cap);
    int m = birth + age - FIRST_MONTH;
    if (m < 0 || m >= MONTHS || months < f->b[c][m].minimum)
        return -1;
    const bound *b = &f->b[c][m];
    balance *= POW10[2 - bs];
    int64_t basic = basic_fen(b, z, zs, months);
    int64_t account = floor_half_up(balance * 10, divisor_tenths(b, age));
    int64_t supplements = b->fixed_fen + b->per_year_fen * (months / 12);
    out[0] = basic, out[1] = account, out[2] = 0, out[3] = 0, out[4] = supplements;
    out[5] = basic + account + supplements, out[6] = 0;
    return 0;
}

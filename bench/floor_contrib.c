/*
 * The floor of an in-memory contributions batch (issue #10): the monthly
 * contributions of an employee computed exactly, in int64 fen, with nothing
 * else done — no trace, no rule lookup per row (every rule value is bound
 * once per city and month before timing, through the public
 * libsi_ruleset_lookup), no general decimal, no error reporting beyond "not
 * on this path", three city names only.  A benchmark aid, never part of the
 * library: it says how fast the statutory arithmetic itself can go on this
 * machine, so the gap between it and libsi_batch_run is the engine's own
 * cost.  bench_batch checks every row against libsi (the 13 money outputs,
 * to the fen) before it reports the line.
 *
 * The formulas are those of libsi/schemes/contributions/contributions.c
 * (legal basis there and in docs/contributions.md): each base is the wage
 * clamped to the band of its rule values (the ceiling tested first), each
 * amount is base × rate rounded half up to the fen, the totals are sums.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floor.h"

#define FIRST_MONTH (2024 * 12 + 7) /* 2024-08, bench_batch's first month */
#define MONTHS 17

typedef struct bound { /* one city in one month */
    int64_t pension_floor, pension_ceiling, ui_floor, ui_ceiling, wi_floor, wi_ceiling;
    int wi_uncapped;
    floor_rate pension_employer, pension_employee, account, ui_employer, ui_employee, wi;
} bound;

struct floor_contrib {
    bound b[3][MONTHS];
};

/* amount × rate rounded half up to the fen (amounts are never negative here). */
static inline int64_t times(int64_t fen, floor_rate r)
{
    return floor_half_up(fen * r.coef, r.pow);
}

static int lookup(libsi_ctx *ctx, const libsi_ruleset *rs, const char *name, int city,
                  int month, floor_rate *out)
{
    return floor_lookup(ctx, rs, "floor_contrib", name, city, month, out);
}

static int lookup_fen(libsi_ctx *ctx, const libsi_ruleset *rs, const char *name, int city,
                      int month, int64_t *fen)
{
    floor_rate r;
    int rc = lookup(ctx, rs, name, city, month, &r);
    *fen = rc == 0 ? times(100, r) : 0;
    return rc;
}

static int bind(libsi_ctx *ctx, const libsi_ruleset *rs, int c, int m, bound *b)
{
    floor_rate uncapped;
    int month = FIRST_MONTH + m, rc = 0;
    rc |= lookup_fen(ctx, rs, "pension.contribution_base.floor", c, month, &b->pension_floor);
    rc |= lookup_fen(ctx, rs, "pension.contribution_base.ceiling", c, month, &b->pension_ceiling);
    rc |= lookup(ctx, rs, "pension.rate.employer", c, month, &b->pension_employer);
    rc |= lookup(ctx, rs, "pension.rate.employee", c, month, &b->pension_employee);
    rc |= lookup(ctx, rs, "pension.account.credit_rate", c, month, &b->account);
    rc |= lookup_fen(ctx, rs, "minimum_wage.monthly", c, month, &b->ui_floor);
    rc |= lookup_fen(ctx, rs, "unemployment.contribution_base.ceiling", c, month, &b->ui_ceiling);
    rc |= lookup(ctx, rs, "unemployment.rate.employer", c, month, &b->ui_employer);
    rc |= lookup(ctx, rs, "unemployment.rate.employee", c, month, &b->ui_employee);
    rc |= lookup_fen(ctx, rs, "work_injury.contribution_base.floor", c, month, &b->wi_floor);
    rc |= lookup(ctx, rs, "work_injury.contribution_base.uncapped", c, month, &uncapped);
    rc |= lookup(ctx, rs, "work_injury.industry_rate.class_1", c, month, &b->wi);
    b->wi_uncapped = uncapped.coef != 0;
    if (rc == 0 && !b->wi_uncapped)
        rc = lookup_fen(ctx, rs, "work_injury.contribution_base.ceiling", c, month,
                        &b->wi_ceiling);
    return rc;
}

int floor_contrib_new(libsi_ctx *ctx, const libsi_ruleset *rs, floor_contrib **out)
{
    floor_contrib *f = calloc(1, sizeof *f);
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

void floor_contrib_free(floor_contrib *f)
{
    free(f);
}

/* "YYYY-MM" in bench_batch's 17 months: its index, or -1. */
static inline int month_of(const char *s)
{
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return -1;
    if (s[4] != '-' || s[7])
        return -1;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = y * 12 + (s[5] - '0') * 10 + (s[6] - '0') - 1 - FIRST_MONTH;
    return m >= 0 && m < MONTHS ? m : -1;
}

/* "1234.5" / "1234.56" / "1234": fen, or -1. */
static inline int64_t fen_of(const char *s)
{
    int64_t v = 0;
    int i = 0, frac = -1;
    for (; s[i] && i < 15; i++) {
        if (s[i] == '.' && frac < 0) {
            frac = 0;
            continue;
        }
        if (s[i] < '0' || s[i] > '9' || frac == 2)
            return -1;
        v = v * 10 + (s[i] - '0');
        frac += frac >= 0;
    }
    if (s[i] || i == 0)
        return -1;
    for (int k = frac < 0 ? 0 : frac; k < 2; k++)
        v *= 10;
    return v;
}

static inline int64_t clamp(int64_t wage, int64_t floor, int64_t ceiling)
{
    return wage > ceiling ? ceiling : wage < floor ? floor : wage;
}

int floor_contrib_row(const floor_contrib *f, const char *const *cells, int64_t out[FLOOR_OUTPUTS])
{
    int c = floor_city_of(cells[0]), m = month_of(cells[1]);
    int64_t wage = fen_of(cells[2]);
    if (c < 0 || m < 0 || wage < 0)
        return -1;
    const bound *b = &f->b[c][m];
    int64_t pb = clamp(wage, b->pension_floor, b->pension_ceiling);
    int64_t per = times(pb, b->pension_employer), pee = times(pb, b->pension_employee);
    int64_t ub = clamp(wage, b->ui_floor, b->ui_ceiling);
    int64_t uer = times(ub, b->ui_employer), uee = times(ub, b->ui_employee);
    int64_t wb = clamp(wage, b->wi_floor, b->wi_uncapped ? wage : b->wi_ceiling);
    int64_t wer = times(wb, b->wi);
    out[0] = pb, out[1] = per, out[2] = pee, out[3] = times(pb, b->account), out[4] = per + pee;
    out[5] = ub, out[6] = uer, out[7] = uee, out[8] = wb, out[9] = wer;
    out[10] = per + uer + wer, out[11] = pee + uee, out[12] = out[10] + out[11];
    return 0;
}

/*
 * The floors of the in-memory batch lines (issue #10): exact int64 loops over
 * bench_batch's rows with every rule value bound once per city and month
 * (bench/floor_contrib.c, bench/floor_pension.c; bench only, never part of
 * the library), and what the two share (bench/floor_rules.c).
 */
#ifndef FLOOR_H
#define FLOOR_H

#include <stdint.h>

#include "libsi.h"

/* ------------------------------------------------- the two floors */

#define FLOOR_OUTPUTS 13         /* contributions' money outputs, bench_batch's MONEY_CONTRIB order */
#define FLOOR_PENSION_OUTPUTS 7  /* pension's, bench_batch's MONEY_PENSION order */

typedef struct floor_contrib floor_contrib;
typedef struct floor_pension floor_pension;

/* Bind every rule value of bench_batch's 3 cities × its months (contributions:
 * the 17 of 2024-08 .. 2025-12; pension: the 24 retirement months of 2024 and
 * 2025).  0, or -1 after saying on stderr which value is missing. */
int floor_contrib_new(libsi_ctx *ctx, const libsi_ruleset *rs, floor_contrib **out);
int floor_pension_new(libsi_ctx *ctx, const libsi_ruleset *rs, floor_pension **out);
void floor_contrib_free(floor_contrib *f);
void floor_pension_free(floor_pension *f);

/* A row (contributions: city, month, wage of an employee; pension: city,
 * retirement_group, birth_date, contribution_months, average_index,
 * account_balance on the summary path): 0 and its amounts in fen, or -1 when
 * the row is not on the floor's path (another city or month, not eligible,
 * a bad cell). */
int floor_contrib_row(const floor_contrib *f, const char *const *cells, int64_t out[FLOOR_OUTPUTS]);
int floor_pension_row(const floor_pension *f, const char *const *cells,
                      int64_t out[FLOOR_PENSION_OUTPUTS]);

/* ------------------------------------------------- shared (floor_rules.c) */

/* A rule value as coef / pow (pow a power of ten). */
typedef struct floor_rate {
    int64_t coef, pow;
} floor_rate;

/* bench_batch's three cities, in its order. */
extern const char *const FLOOR_CITY[3];

/* The city's index in FLOOR_CITY, or -1. */
int floor_city_of(const char *s);
/* num / den rounded half up (num >= 0, den > 0). */
static inline int64_t floor_half_up(int64_t num, int64_t den)
{
    return (num + den / 2) / den;
}
/* Rule `name` for city index `city` on the first day of month number `month`
 * (year × 12 + month − 1), through libsi_ruleset_lookup; -1 (said on stderr,
 * naming `who`) when missing or not a plain decimal. */
int floor_lookup(libsi_ctx *ctx, const libsi_ruleset *rs, const char *who, const char *name,
                 int city, int month, floor_rate *out);

#endif

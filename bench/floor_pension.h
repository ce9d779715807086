/* The floor of an in-memory pension batch (bench/floor_pension.c). */
#ifndef FLOOR_PENSION_H
#define FLOOR_PENSION_H

#include <stdint.h>

#include "libsi.h"

#define FLOOR_PENSION_OUTPUTS 7 /* the money outputs, in bench_batch's MONEY_PENSION order */

typedef struct floor_pension floor_pension;

/* Binds every rule value of 3 cities × the 24 retirement months of 2024-2025. 0 or -1. */
int floor_pension_new(libsi_ctx *ctx, const libsi_ruleset *rs, floor_pension **out);
void floor_pension_free(floor_pension *f);
/* Row (city, retirement_group, birth_date, contribution_months, average_index,
 * account_balance) on the summary path: 0 and its 7 amounts in fen, or -1 when
 * the row is not on this path (not eligible, another month, a bad cell). */
int floor_pension_row(const floor_pension *f, const char *const *cells,
                      int64_t out[FLOOR_PENSION_OUTPUTS]);

#endif

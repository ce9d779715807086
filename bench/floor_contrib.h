/* The floor of an in-memory contributions batch (bench/floor_contrib.c). */
#ifndef FLOOR_CONTRIB_H
#define FLOOR_CONTRIB_H

#include <stdint.h>

#include "libsi.h"

#define FLOOR_OUTPUTS 13 /* the money outputs, in bench_batch's MONEY_CONTRIB order */

typedef struct floor_contrib floor_contrib;

/* Binds every rule value of bench_batch's 3 cities × 17 months. 0 or -1. */
int floor_contrib_new(libsi_ctx *ctx, const libsi_ruleset *rs, floor_contrib **out);
void floor_contrib_free(floor_contrib *f);
/* Row (city, month, wage) of an employee: 0 and its 13 amounts in fen, or -1
 * when the row is not on this path (another city or month, a bad cell). */
int floor_contrib_row(const floor_contrib *f, const char *const *cells, int64_t out[FLOOR_OUTPUTS]);

#endif

/*
 * Life tables q_x for ages 0…105 (中国人身保险业经验生命表 2010–2013, CL1–CL6,
 * compiled in from data/mortality/, or a TSV file of the caller's) as the
 * input of a calculation: loaded and checked by the one life-table loader
 * (lifetable.c: ages contiguous, 0 ≤ q_x ≤ 1, q = 1 at the last age), and
 * here required to cover ages 0 to 105.  Used by the fund projection and the
 * individual actuarial measures.
 */
#ifndef LIBSI_MORTALITY_H
#define LIBSI_MORTALITY_H

#include "calc_internal.h"

#define LSI_MAX_AGE 105
#define LSI_AGES (LSI_MAX_AGE + 1)

/* Column `column` of the table `source` ("builtin" or a TSV path) into qx.
 * Errors are LIBSI_EINPUT on input `field`, naming what is wrong; a column
 * the table does not have is an error on `column_field`. */
int lsi_mortality_load(lsi_calc *k, const char *field, const char *column_field,
                       const char *source, const char *column, lsi_dec qx[LSI_AGES]);

#endif

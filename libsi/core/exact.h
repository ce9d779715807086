/*
 * Exact rationals (GMP mpq) for the few sums whose terms do not terminate in
 * decimal, such as the average contribution wage index Σ(base/wage)/n.  The
 * sum is kept exact and rounded once, by a named rule, into an lsi_dec.
 */
#ifndef LIBSI_EXACT_H
#define LIBSI_EXACT_H

#include <gmp.h>

#include "internal.h"

void lsi_dec_to_mpq(lsi_dec a, mpq_t out);
/* Round the exact rational q by `rule`; LIBSI_ERANGE if it does not fit. */
int lsi_mpq_round(const mpq_t q, const lsi_rounding *rule, lsi_dec *out, unsigned *flags);

#endif

/*
 * What contributions.c (the kernel) shares with contributions_compiled.c
 * (its compiled path for batch rows, compiled.h).
 */
#ifndef LSI_CONTRIBUTIONS_INTERNAL_H
#define LSI_CONTRIBUTIONS_INTERNAL_H

#include "compiled.h"

/* The work-injury rule names of industry classes 1 to 8 (人社部发〔2015〕71号):
 * base rate, lowest and highest floating level.  Static storage: the rule
 * cache is keyed by the name's address. */
extern const char *const lsi_contributions_industry_rate[8];
extern const char *const lsi_contributions_floating_min[8];
extern const char *const lsi_contributions_floating_max[8];

extern const lsi_compiled lsi_contributions_compiled;

#endif

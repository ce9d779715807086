/**
 * @file libsi.h
 * @brief Umbrella header of libsi: Guangdong social insurance contributions
 * and benefits with exact decimal arithmetic.
 *
 * Include this header only; it includes the module headers:
 * - libsi/common.h   version, error codes, flags, allocator, context
 * - libsi/decimal.h  canonical decimal strings and named rounding
 * - libsi/ruleset.h  the dated rule store
 * - libsi/calc.h     cases, calculations, results, trace and schema
 * - libsi/actuarial.h life tables, survival, life expectancy, annuity and
 *                    insurance factors (GNU MPFR, one rounding)
 *
 * Compiles as C (C99 or later) and as C++.
 */
#ifndef LIBSI_H
#define LIBSI_H

#include "libsi/common.h"
#include "libsi/decimal.h"
#include "libsi/ruleset.h"
#include "libsi/calc.h"
#include "libsi/actuarial.h"
#include "libsi/batch.h"
#include "libsi/i18n.h"

#endif /* LIBSI_H */

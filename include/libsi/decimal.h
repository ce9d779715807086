/**
 * @file libsi/decimal.h
 * @brief Canonical decimal strings and named rounding, exposed for callers.
 *
 * Amounts, rates, indices and factors cross the libsi API as canonical
 * decimal strings matching `-?[0-9]+(\.[0-9]+)?`: at most 64 characters,
 * 18 fraction digits and 36 significant digits.  Exponents, `NaN`, `.5`,
 * `1.`, signs other than a leading `-`, spaces and empty strings are
 * rejected with LIBSI_EDECIMAL.  No binary floating point is involved.
 */
#ifndef LIBSI_DECIMAL_H
#define LIBSI_DECIMAL_H

#include <stdint.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Maximum length of a decimal string accepted or produced, without the NUL. */
#define LIBSI_DECIMAL_MAX 64

/** Rounding modes.  A named rounding rule is a mode and a quantum. */
typedef enum libsi_round_mode {
    LIBSI_ROUND_HALF_UP = 0,  /**< 四舍五入: ties away from zero */
    LIBSI_ROUND_HALF_EVEN = 1, /**< ties to the even neighbour */
    LIBSI_ROUND_DOWN = 2,     /**< toward zero (truncate) */
    LIBSI_ROUND_UP = 3,       /**< away from zero */
    LIBSI_ROUND_CARRY = 4     /**< half-up one digit finer, then any remainder carries up
                                   (with quantum 0.1: Shanghai 分进角) */
} libsi_round_mode;

/**
 * Check a decimal string and write its canonical form (leading integer zeros
 * stripped, scale kept, negative zero without sign) into `out`.
 * @param ctx  the caller's context (receives the error message)
 * @param in   the decimal string to check (not retained)
 * @param out  receives the canonical string (at most ::LIBSI_DECIMAL_MAX
 *             characters); NULL on failure
 * @return 0, LIBSI_EDECIMAL (message names why), LIBSI_EINVAL or LIBSI_ENOMEM
 * Ownership: free *out with libsi_free(ctx, *out).  Thread-safety: uses only `ctx`.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 3)
int libsi_decimal_normalize(libsi_ctx *ctx, const char *in, char **out);

/**
 * Round a decimal string to a quantum with a mode.
 * @param ctx      the caller's context (receives the error message)
 * @param in       the decimal string to round (not retained)
 * @param mode     rounding mode
 * @param quantum  a power of ten as a decimal string ("0.01", "1", "100"),
 *                 10^-18 … 10^6
 * @param flags    receives LIBSI_FLAG_ROUNDED when the value changed; may be NULL
 * @param out      receives the rounded string, printed with exactly the
 *                 quantum's fraction digits; NULL on failure
 * @return 0, LIBSI_EDECIMAL, LIBSI_EINVAL (bad mode or quantum), LIBSI_ERANGE
 *         or LIBSI_ENOMEM
 * Ownership: free *out with libsi_free(ctx, *out).  Thread-safety: uses only `ctx`.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 6)
int libsi_decimal_round(libsi_ctx *ctx, const char *in,
                        libsi_round_mode mode, const char *quantum,
                        unsigned *flags, char **out);

/**
 * Name of a rounding mode ("half_up", "half_even", "down", "up", "carry"),
 * or NULL.  Ownership: static.
 */
LIBSI_API const char *libsi_round_mode_name(libsi_round_mode mode);

/**
 * Parse a rounding mode name into `out`.
 * @return 0 or LIBSI_EINVAL
 */
LIBSI_API int libsi_round_mode_parse(const char *name, libsi_round_mode *out);

/**
 * Read an amount in yuan as int64 fen, exactly ("27549.5" → 2754950).
 * @param ctx  the caller's context (receives the error message)
 * @param in   canonical decimal string (not retained)
 * @param fen  receives the amount in fen
 * @return 0, LIBSI_EDECIMAL, or LIBSI_ERANGE when the value has a fraction
 *         of a fen or does not fit in int64 (never rounded silently)
 * Thread-safety: uses only `ctx`.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 3)
int libsi_decimal_to_fen(libsi_ctx *ctx, const char *in, int64_t *fen);

#ifdef __cplusplus
}
#endif
#endif /* LIBSI_DECIMAL_H */

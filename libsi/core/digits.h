/*
 * Decimal digits written right to left, two at a time, once the length of
 * the text is known: the canonical text of a decimal (lsi_dec_format) and of
 * the batch's outputs written into a caller's buffer (api/batch.c).
 */
#ifndef LIBSI_CORE_DIGITS_H
#define LIBSI_CORE_DIGITS_H

#include <stdint.h>
#include <string.h>

#include "internal.h"

static const char lsi_digit_pairs[] = "00010203040506070809101112131415161718192021222324"
                                  "25262728293031323334353637383940414243444546474849"
                                  "50515253545556575859606162636465666768697071727374"
                                  "75767778798081828384858687888990919293949596979899";

/* Decimal digits of v: log10 from the bit length (1233 / 4096 ≈ log10 2),
 * corrected by one comparison (0 has one digit). */
static inline unsigned lsi_u64_digits(uint64_t v)
{
    static const uint64_t pow10[20] = {1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u,
                                       10000000u, 100000000u, 1000000000u, 10000000000u,
                                       100000000000u, 1000000000000u, 10000000000000u,
                                       100000000000000u, 1000000000000000u,
                                       10000000000000000u, 100000000000000000u,
                                       1000000000000000000u, 10000000000000000000u};
    uint64_t w = v | 1; /* as many digits as v: every power of ten above 1 is even */
    unsigned t = (unsigned)(64 - __builtin_clzll(w)) * 1233u >> 12;
    return t + (w >= pow10[t]);
}

/* Four digits of r < 10000 at p: r / 100 by a multiply and a shift (exact
 * below 43,699). */
static inline void lsi_put4(char *p, uint32_t r)
{
    uint32_t hi = (r * 5243u) >> 19;
    memcpy(p, lsi_digit_pairs + 2 * hi, 2);
    memcpy(p + 2, lsi_digit_pairs + 2 * (r - hi * 100u), 2);
}

/* The digits of v, ending just before `end`; returns where they start.  Eight
 * digits per 64-bit division, then four per 32-bit one, then pairs: an amount
 * below a million yuan takes one division and a multiply or two. */
static inline char *lsi_digits_before(char *end, uint64_t v)
{
    while (v >= 100000000u) {
        uint64_t q = v / 100000000u;
        uint32_t r = (uint32_t)(v - q * 100000000u), h = r / 10000u;
        end -= 8;
        lsi_put4(end, h);
        lsi_put4(end + 4, r - h * 10000u);
        v = q;
    }
    uint32_t w = (uint32_t)v;
    while (w >= 10000u) {
        uint32_t q = w / 10000u;
        end -= 4;
        lsi_put4(end, w - q * 10000u);
        w = q;
    }
    if (w >= 100u) {
        uint32_t hi = (w * 5243u) >> 19;
        end -= 2;
        memcpy(end, lsi_digit_pairs + 2 * (w - hi * 100u), 2);
        w = hi;
    }
    if (w >= 10u) {
        end -= 2;
        memcpy(end, lsi_digit_pairs + 2 * w, 2);
    } else {
        *--end = (char)('0' + w);
    }
    return end;
}

/* The length of a decimal's canonical text (lsi_dec_format(): the digits of
 * |coef|, at least scale + 1 of them, a point before the last `scale`), or 0
 * when it is not on the fast path. */
static inline size_t lsi_dec_text_len(const lsi_dec *d, uint64_t *mag)
{
    if (d->scale > LIBSI_DECIMAL_MAX / 2)
        return 0;
    if ((__int128)(int64_t)d->coef == d->coef) { /* nearly every value: the 64-bit magnitude */
        int64_t c = (int64_t)d->coef;
        *mag = c < 0 ? 0 - (uint64_t)c : (uint64_t)c;
    } else {
        __int128 c = d->coef < 0 ? -d->coef : d->coef;
        if (c > (__int128)UINT64_MAX)
            return 0;
        *mag = (uint64_t)c;
    }
    size_t digits = lsi_u64_digits(*mag);
    if (d->scale > 0 && digits <= (size_t)d->scale)
        digits = (size_t)d->scale + 1;
    return digits + (d->scale > 0) + (d->coef < 0);
}

/* The fraction's `scale` digits (zeros padding them), right to left. */
static inline char *lsi_fraction_before(char *end, uint64_t *mag, int scale)
{
    for (int s = scale; s >= 2; s -= 2) {
        unsigned r = (unsigned)(*mag % 100);
        *mag /= 100;
        end -= 2;
        memcpy(end, lsi_digit_pairs + 2 * r, 2);
    }
    if (scale & 1) {
        *--end = (char)('0' + *mag % 10);
        *mag /= 10;
    }
    return end;
}

static inline void lsi_dec_write(const lsi_dec *d, uint64_t mag, char *end)
{
    if (d->scale == 2) { /* yuan and fen, the most common amount */
        end -= 2;
        memcpy(end, lsi_digit_pairs + 2 * (mag % 100), 2);
        mag /= 100;
    } else if (d->scale > 0) {
        end = lsi_fraction_before(end, &mag, d->scale);
    }
    if (d->scale > 0)
        *--end = '.';
    end = lsi_digits_before(end, mag);
    if (d->coef < 0)
        *--end = '-';
}

#endif

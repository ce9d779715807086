/*
 * Exact decimal arithmetic.
 *
 * A value is coef × 10^-scale with the coefficient in an __int128: every
 * operation first tries that fast path with overflow-checked builtins and,
 * when an exact intermediate does not fit, redoes the computation with GMP
 * integers.  Results are always exact or rounded once by a named rule
 * (lsi_rounding); there is no binary floating point anywhere in this file.
 */
#include <string.h>

#include <gmp.h>

#include "digits.h"
#include "exact.h"

typedef __int128 i128;

/* The most negative __int128, -2^127: it has no positive counterpart, so
 * exact results exclude it and every stored coefficient can be negated. */
#define I128_MIN (-(i128)(((unsigned __int128)1 << 127) - 1) - 1)

#define P10(n) ((i128)(n))
#define E9 1000000000LL
/* 10^0 … 10^38 (10^38 < 2^127): constant data, no loop on the hot path. */
static const i128 pow10_table[39] = {
    P10(1), P10(10), P10(100), P10(1000), P10(10000), P10(100000), P10(1000000),
    P10(10000000), P10(100000000), P10(E9), P10(E9) * 10, P10(E9) * 100, P10(E9) * 1000,
    P10(E9) * 10000, P10(E9) * 100000, P10(E9) * 1000000, P10(E9) * 10000000,
    P10(E9) * 100000000, P10(E9) * E9, P10(E9) * E9 * 10, P10(E9) * E9 * 100,
    P10(E9) * E9 * 1000, P10(E9) * E9 * 10000, P10(E9) * E9 * 100000,
    P10(E9) * E9 * 1000000, P10(E9) * E9 * 10000000, P10(E9) * E9 * 100000000,
    P10(E9) * E9 * E9, P10(E9) * E9 * E9 * 10, P10(E9) * E9 * E9 * 100,
    P10(E9) * E9 * E9 * 1000, P10(E9) * E9 * E9 * 10000, P10(E9) * E9 * E9 * 100000,
    P10(E9) * E9 * E9 * 1000000, P10(E9) * E9 * E9 * 10000000,
    P10(E9) * E9 * E9 * 100000000, P10(E9) * E9 * E9 * E9, P10(E9) * E9 * E9 * E9 * 10,
    P10(E9) * E9 * E9 * E9 * 100};

/* 10^n for 0 <= n <= 38. */
static i128 pow10_i128(int n)
{
    return pow10_table[n];
}

/* 10^0 … 10^18 in 64 bits: the fast paths (issue #10) scale and divide
 * coefficients that fit in int64 — almost every amount, rate and limit —
 * with one 64 × 64 → 128-bit multiply or one 64-bit division. */
const int64_t lsi_pow10_64[19] = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, E9, E9 * 10, E9 * 100,
    E9 * 1000, E9 * 10000, E9 * 100000, E9 * 1000000, E9 * 10000000, E9 * 100000000, E9 * E9};
#define pow10_64 lsi_pow10_64

static inline bool fits64(i128 v)
{
    return (i128)(int64_t)v == v; /* the high word is the low word's sign */
}

/* a × b, false on overflow; two 64-bit factors (the usual case) cannot
 * overflow 127 bits, so they skip the checked 128-bit multiply. */
static __attribute__((noinline)) bool mul_i128_wide(i128 a, i128 b, i128 *out)
{
    return !__builtin_mul_overflow(a, b, out);
}

static inline bool mul_i128(i128 a, i128 b, i128 *out)
{
    if (fits64(a) && fits64(b)) {
        *out = (i128)(int64_t)a * (int64_t)b;
        return true;
    }
    return mul_i128_wide(a, b, out);
}

static i128 abs_i128(i128 v)
{
    return v < 0 ? -v : v;
}

/* A stored value keeps at most 36 significant digits.  Compared on both
 * sides rather than through abs_i128, which overflows on I128_MIN. */
static bool coef_in_range(i128 c)
{
    const i128 limit = pow10_table[LSI_DEC_MAX_DIGITS];
    return c > -limit && c < limit;
}

/* ------------------------------------------------------------ parsing */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int parse_fail(const char **why, const char *text)
{
    if (why)
        *why = text;
    return LIBSI_EDECIMAL;
}

/* Accepts exactly -?[0-9]+(.[0-9]+)? within the documented limits. */
static __attribute__((noinline)) int parse_general(const char *s, lsi_dec *out, const char **why)
{
    if (!s)
        return parse_fail(why, "missing value");
    size_t len = strnlen(s, LIBSI_DECIMAL_MAX + 1);
    if (len == 0)
        return parse_fail(why, "empty string");
    if (len > LIBSI_DECIMAL_MAX)
        return parse_fail(why, "longer than 64 characters");
    size_t i = 0;
    bool neg = s[0] == '-';
    if (neg)
        i++;
    size_t int_start = i;
    while (is_digit(s[i]))
        i++;
    size_t int_end = i;
    if (int_end == int_start)
        return parse_fail(why, "expected a digit (form -?[0-9]+(.[0-9]+)?)");
    size_t frac_start = i, frac_end = i;
    if (s[i] == '.') {
        frac_start = ++i;
        while (is_digit(s[i]))
            i++;
        frac_end = i;
        if (frac_end == frac_start)
            return parse_fail(why, "expected a digit after the decimal point");
    }
    if (s[i] != '\0')
        return parse_fail(why, "unexpected character (form -?[0-9]+(.[0-9]+)?)");
    size_t frac_digits = frac_end - frac_start;
    if (frac_digits > LSI_DEC_MAX_SCALE)
        return parse_fail(why, "more than 18 fraction digits");
    size_t lead = int_start;
    while (lead < int_end && s[lead] == '0')
        lead++;
    if ((int_end - lead) + frac_digits > LSI_DEC_MAX_DIGITS)
        return parse_fail(why, "more than 36 significant digits");
    i128 c = 0;
    if ((int_end - lead) + frac_digits <= 18) { /* fast path: the digits fit in int64 */
        int64_t c64 = 0;
        for (size_t k = lead; k < int_end; k++)
            c64 = c64 * 10 + (s[k] - '0');
        for (size_t k = frac_start; k < frac_end; k++)
            c64 = c64 * 10 + (s[k] - '0');
        c = c64;
    } else {
        for (size_t k = lead; k < int_end; k++)
            c = c * 10 + (s[k] - '0');
        for (size_t k = frac_start; k < frac_end; k++)
            c = c * 10 + (s[k] - '0');
    }
    out->coef = neg ? -c : c;
    out->scale = (int32_t)frac_digits;
    return 0;
}

int lsi_dec_parse(const char *s, lsi_dec *out, const char **why)
{
    return s && lsi_dec_parse_short(s, out) ? 0 : parse_general(s, out, why);
}

/* ---------------------------------------------------------- formatting */

/* Any decimal: the high digits of a coefficient beyond 64 bits by 128-bit
 * division, and the (never used) negative scales as before. */
static size_t dec_format_wide(lsi_dec d, char *buf)
{
    char digits[48];
    int n = 0;
    i128 c = abs_i128(d.coef);
    while (c > (i128)UINT64_MAX) { /* 128-bit division only for the high digits */
        digits[n++] = (char)('0' + (int)(c % 10));
        c /= 10;
    }
    uint64_t low = (uint64_t)c;
    static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                                "25262728293031323334353637383940414243444546474849"
                                "50515253545556575859606162636465666768697071727374"
                                "75767778798081828384858687888990919293949596979899";
    while (low >= 100) { /* two digits a division */
        unsigned r = (unsigned)(low % 100);
        low /= 100;
        digits[n++] = pairs[2 * r + 1];
        digits[n++] = pairs[2 * r];
    }
    if (low >= 10) {
        digits[n++] = pairs[2 * low + 1];
        digits[n++] = pairs[2 * low];
    } else {
        digits[n++] = (char)('0' + (int)low);
    }
    while (n <= d.scale)
        digits[n++] = '0';
    size_t o = 0;
    if (d.coef < 0)
        buf[o++] = '-';
    for (int k = n - 1; k >= 0; k--) {
        buf[o++] = digits[k];
        if (k == d.scale && k > 0)
            buf[o++] = '.';
    }
    buf[o] = '\0';
    return o;
}

/* Written right to left once the length is known (core/digits.h): the trace
 * formats dozens of decimals per calculation. */
size_t lsi_dec_format(lsi_dec d, char *buf)
{
    uint64_t mag;
    size_t n = d.scale >= 0 ? lsi_dec_text_len(&d, &mag) : 0;
    if (n == 0)
        return dec_format_wide(d, buf);
    lsi_dec_write(&d, mag, buf + n);
    buf[n] = '\0';
    return n;
}


/* ------------------------------------------------------ GMP bridge */

static void mpz_set_i128(mpz_t z, i128 v)
{
    unsigned __int128 u = v < 0 ? (unsigned __int128)0 - (unsigned __int128)v
                                : (unsigned __int128)v;
    uint64_t words[2] = {(uint64_t)u, (uint64_t)(u >> 64)};
    mpz_import(z, 2, -1, sizeof(uint64_t), 0, 0, words);
    if (v < 0)
        mpz_neg(z, z);
}

/* Fails (false) when |z| needs more than 127 bits. */
static bool mpz_get_i128(const mpz_t z, i128 *out)
{
    if (mpz_sizeinbase(z, 2) > 127)
        return false;
    uint64_t words[2] = {0, 0};
    size_t count = 0;
    mpz_export(words, &count, -1, sizeof(uint64_t), 0, 0, z);
    i128 v = (i128)(((unsigned __int128)words[1] << 64) | words[0]);
    *out = mpz_sgn(z) < 0 ? -v : v;
    return true;
}

static void mpz_pow10(mpz_t z, int n)
{
    mpz_ui_pow_ui(z, 10, (unsigned long)n);
}

/* ----------------------------------------------------------- compare */

/* Bring both coefficients to the larger scale; false on overflow. */
static bool align(lsi_dec a, lsi_dec b, i128 *ca, i128 *cb, int32_t *scale)
{
    *scale = a.scale > b.scale ? a.scale : b.scale;
    *ca = a.coef;
    *cb = b.coef;
    if (a.scale == b.scale)
        return true;
    return mul_i128(a.coef, pow10_i128(*scale - a.scale), ca) &&
           mul_i128(b.coef, pow10_i128(*scale - b.scale), cb);
}

/* a against b when an aligned coefficient needs more than 127 bits. */
static __attribute__((noinline)) int cmp_mpz(lsi_dec a, lsi_dec b, int32_t s)
{
    mpz_t za, zb, p;
    mpz_inits(za, zb, p, NULL);
    mpz_set_i128(za, a.coef);
    mpz_set_i128(zb, b.coef);
    mpz_pow10(p, s - a.scale);
    mpz_mul(za, za, p);
    mpz_pow10(p, s - b.scale);
    mpz_mul(zb, zb, p);
    int r = mpz_cmp(za, zb);
    mpz_clears(za, zb, p, NULL);
    return (r > 0) - (r < 0);
}

/* c × 10^d for an int64 c and 0 <= d <= 18: cannot overflow 127 bits. */
static i128 scale64(i128 c, int d)
{
    return (i128)(int64_t)c * pow10_64[d];
}

/* a against b when a coefficient is beyond int64 or the scales far apart. */
static __attribute__((noinline)) int cmp_general(lsi_dec a, lsi_dec b)
{
    i128 ca, cb;
    int32_t s;
    if (align(a, b, &ca, &cb, &s))
        return (ca > cb) - (ca < cb);
    return cmp_mpz(a, b, s);
}

int lsi_dec_cmp_any(lsi_dec a, lsi_dec b)
{
    i128 ca, cb;
    int32_t d = a.scale - b.scale;
    if (d == 0)
        return (a.coef > b.coef) - (a.coef < b.coef);
    if (d > 0 && d <= 18 && fits64(b.coef)) { /* fast path: b to a's scale */
        cb = scale64(b.coef, d);
        return (a.coef > cb) - (a.coef < cb);
    }
    if (d < 0 && d >= -18 && fits64(a.coef)) {
        ca = scale64(a.coef, -d);
        return (ca > b.coef) - (ca < b.coef);
    }
    return cmp_general(a, b);
}

lsi_dec lsi_dec_min(lsi_dec a, lsi_dec b)
{
    return lsi_dec_cmp(a, b) <= 0 ? a : b;
}

lsi_dec lsi_dec_max(lsi_dec a, lsi_dec b)
{
    return lsi_dec_cmp(a, b) >= 0 ? a : b;
}

/* ---------------------------------------------------- exact arithmetic */

/* The exact sum when an aligned operand needs more than 127 bits: with
 * opposite signs the sum itself may still fit. */
static __attribute__((noinline)) int add_mpz(lsi_dec a, lsi_dec b, int32_t scale,
                                             lsi_dec *out)
{
    mpz_t sum, term, p;
    mpz_inits(sum, term, p, NULL);
    mpz_set_i128(sum, a.coef);
    mpz_pow10(p, scale - a.scale);
    mpz_mul(sum, sum, p);
    mpz_set_i128(term, b.coef);
    mpz_pow10(p, scale - b.scale);
    mpz_addmul(sum, term, p);
    bool fits = mpz_get_i128(sum, &out->coef);
    mpz_clears(sum, term, p, NULL);
    if (!fits)
        return LIBSI_ERANGE;
    out->scale = scale;
    return 0;
}

static int add_aligned(i128 ca, i128 cb, int32_t s, lsi_dec *out)
{
    i128 c;
    if (__builtin_add_overflow(ca, cb, &c) || c == I128_MIN)
        return LIBSI_ERANGE;
    out->coef = c;
    out->scale = s;
    return 0;
}

/* The sum when a coefficient is beyond int64 or the scales far apart. */
static __attribute__((noinline)) int add_general(lsi_dec a, lsi_dec b, lsi_dec *out)
{
    i128 ca, cb;
    int32_t s;
    if (!align(a, b, &ca, &cb, &s))
        return add_mpz(a, b, s, out);
    return add_aligned(ca, cb, s, out);
}

int lsi_dec_add_any(lsi_dec a, lsi_dec b, lsi_dec *out)
{
    int32_t d = a.scale - b.scale;
    if (d >= 0 && d <= 18 && fits64(b.coef)) /* fast path: b to a's scale */
        return add_aligned(a.coef, scale64(b.coef, d), a.scale, out);
    if (d < 0 && d >= -18 && fits64(a.coef))
        return add_aligned(scale64(a.coef, -d), b.coef, b.scale, out);
    return add_general(a, b, out);
}


static __attribute__((noinline)) int mul_general(lsi_dec a, lsi_dec b, lsi_dec *out)
{
    i128 c;
    int32_t s = a.scale + b.scale;
    if (s > LSI_DEC_MAX_INTERNAL_SCALE || !mul_i128(a.coef, b.coef, &c) || c == I128_MIN)
        return LIBSI_ERANGE;
    out->coef = c;
    out->scale = s;
    return 0;
}

int lsi_dec_mul_any(lsi_dec a, lsi_dec b, lsi_dec *out)
{
    int32_t s = a.scale + b.scale;
    if (s <= LSI_DEC_MAX_INTERNAL_SCALE && fits64(a.coef) && fits64(b.coef)) {
        out->coef = (i128)(int64_t)a.coef * (int64_t)b.coef; /* |c| <= 2^126 */
        out->scale = s;
        return 0;
    }
    return mul_general(a, b, out);
}

bool lsi_dec_below_pow10(lsi_dec a, int e)
{
    int k = e + a.scale; /* |coef| × 10^-scale < 10^e  ⟺  |coef| < 10^(e+scale) */
    if (k > 38)
        return true;  /* every coefficient (< 10^36) is below */
    if (k < 0)
        return a.coef == 0;
    return a.coef > -pow10_i128(k) && a.coef < pow10_i128(k);
}

/* No fraction: 12.00 is whole, 12.5 is not. */
bool lsi_dec_is_whole(lsi_dec a)
{
    if (a.scale <= 0)
        return true;
    if (a.scale <= 18 && fits64(a.coef)) /* fast path: a 64-bit remainder */
        return (int64_t)a.coef % pow10_64[a.scale] == 0;
    return a.coef % pow10_i128(a.scale) == 0;
}

/* (internal.h: lsi_dec_to_int64 divides an int64 coefficient inline) */
int lsi_dec_to_int64_any(lsi_dec a, int64_t *out)
{
    if (a.scale >= 0 && a.scale <= 18 && fits64(a.coef)) { /* as the inline path */
        *out = (int64_t)a.coef / pow10_64[a.scale];
        return 0;
    }
    i128 v = a.coef / pow10_i128(a.scale);
    if (v > INT64_MAX || v < INT64_MIN)
        return LIBSI_ERANGE;
    *out = (int64_t)v;
    return 0;
}

/* ---------------------------------------------------------- rounding */

/* q = round(n / d) for d > 0; false on overflow. */
static bool ratio_round_i128(i128 n, i128 d, libsi_round_mode mode, i128 *q)
{
    if (mode == LIBSI_ROUND_CARRY) {
        i128 n10, q1;
        if (__builtin_mul_overflow(n, (i128)10, &n10))
            return false;
        return ratio_round_i128(n10, d, LIBSI_ROUND_HALF_UP, &q1) &&
               ratio_round_i128(q1, 10, LIBSI_ROUND_UP, q);
    }
    i128 q0, r;
    if (fits64(n) && fits64(d)) { /* a 64-bit division is several times cheaper */
        q0 = (int64_t)n / (int64_t)d;
        r = (int64_t)n % (int64_t)d;
    } else {
        q0 = n / d;
        r = n % d;
    }
    i128 ar = abs_i128(r);
    /* 2|r| vs d without overflow: compare |r| with d - |r|. */
    int half = (ar > d - ar) - (ar < d - ar);
    if (lsi_round_step_away(mode, r != 0, half, (q0 & 1) != 0))
        q0 += n < 0 ? -1 : 1;
    *q = q0;
    return true;
}

static void ratio_round_mpz(mpz_t q, const mpz_t n, const mpz_t d, libsi_round_mode mode)
{
    if (mode == LIBSI_ROUND_CARRY) {
        mpz_t n10, ten;
        mpz_inits(n10, ten, NULL);
        mpz_mul_ui(n10, n, 10);
        ratio_round_mpz(q, n10, d, LIBSI_ROUND_HALF_UP);
        mpz_set_ui(ten, 10);
        mpz_set(n10, q);
        ratio_round_mpz(q, n10, ten, LIBSI_ROUND_UP);
        mpz_clears(n10, ten, NULL);
        return;
    }
    mpz_t r, twice;
    mpz_inits(r, twice, NULL);
    mpz_tdiv_qr(q, r, n, d);
    mpz_abs(twice, r);
    mpz_mul_2exp(twice, twice, 1);
    int half = mpz_cmp(twice, d);
    if (lsi_round_step_away(mode, mpz_sgn(r) != 0, (half > 0) - (half < 0), mpz_odd_p(q)))
        mpz_sgn(n) < 0 ? mpz_sub_ui(q, q, 1) : mpz_add_ui(q, q, 1);
    mpz_clears(r, twice, NULL);
}

/* Turn a rounded quotient q (in units of 10^exp) into a stored value. */
static int quotient_to_dec(i128 q, int exp, lsi_dec *out)
{
    if (exp > 0 && !mul_i128(q, pow10_i128(exp), &q))
        return LIBSI_ERANGE;
    if (!coef_in_range(q))
        return LIBSI_ERANGE;
    out->coef = q;
    out->scale = exp < 0 ? -exp : 0;
    return 0;
}

/*
 * The single rounding routine: value = coef × 10^-scale × num_pow / den,
 * where num_pow = 10^k (k may be negative: then it multiplies den), rounded
 * by `rule`.  Every public rounded operation reduces to this.
 */
typedef struct exact_ratio {
    i128 n;     /* numerator coefficient (fast path) */
    i128 d;     /* denominator coefficient, non-zero */
    int shift;  /* value = n / d × 10^shift */
} exact_ratio;

/* n × 10^k / d (d > 0; n and d are scratch) rounded by `rule` to a quantum
 * 10^exp: the big-number step of every rounding, exact whatever the sizes. */
static int round_mpz_quotient(mpz_t n, mpz_t d, int k, const lsi_rounding *rule, lsi_dec *out,
                              bool *inexact)
{
    mpz_t p, q, back;
    mpz_inits(p, q, back, NULL);
    mpz_pow10(p, k < 0 ? -k : k);
    if (k >= 0)
        mpz_mul(n, n, p);
    else
        mpz_mul(d, d, p);
    ratio_round_mpz(q, n, d, rule->mode);
    mpz_mul(back, q, d);
    *inexact = mpz_cmp(back, n) != 0;
    i128 qi;
    int rc = mpz_get_i128(q, &qi) ? quotient_to_dec(qi, rule->exp, out) : LIBSI_ERANGE;
    mpz_clears(p, q, back, NULL);
    return rc;
}

static __attribute__((noinline)) int round_ratio_mpz_path(const exact_ratio *x,
                                                          const mpz_t nbig,
                                                          const lsi_rounding *rule,
                                                          lsi_dec *out, bool *inexact)
{
    /* quotient in units of 10^exp: n × 10^(shift - exp) / d */
    mpz_t n, d;
    mpz_inits(n, d, NULL);
    if (nbig)
        mpz_set(n, nbig);
    else
        mpz_set_i128(n, x->n);
    mpz_set_i128(d, x->d);
    if (mpz_sgn(d) < 0) {
        mpz_neg(d, d);
        mpz_neg(n, n);
    }
    int rc = round_mpz_quotient(n, d, x->shift - rule->exp, rule, out, inexact);
    mpz_clears(n, d, NULL);
    return rc;
}

static __attribute__((noinline)) int round_ratio(const exact_ratio *x,
                                                 const lsi_rounding *rule, lsi_dec *out,
                                                 unsigned *flags)
{
    if (x->d == 0)
        return LIBSI_EDIVZERO;
    int k = x->shift - rule->exp;
    i128 n = x->n, d = x->d, q, back;
    bool inexact = false, fast = true;
    if (d < 0) {
        n = -n;
        d = -d;
    }
    if (k > 38 || k < -38)
        fast = false;
    else if (k >= 0)
        fast = mul_i128(n, pow10_i128(k), &n);
    else
        fast = mul_i128(d, pow10_i128(-k), &d);
    int rc;
    if (fast && d == 1) /* already on the quantum: exact */
        return quotient_to_dec(n, rule->exp, out);
    if (fast && ratio_round_i128(n, d, rule->mode, &q) && mul_i128(q, d, &back)) {
        inexact = back != n;
        rc = quotient_to_dec(q, rule->exp, out);
    } else {
        rc = round_ratio_mpz_path(x, NULL, rule, out, &inexact);
    }
    if (rc == 0 && inexact && flags)
        *flags |= LIBSI_FLAG_ROUNDED;
    return rc;
}

/* Fast path of lsi_dec_round (issue #10): an int64 coefficient rounded to a
 * quantum 10^exp <= 1 by one 64-bit division by 10^m (m <= 18), with the
 * rule's own step (step_away), so the result and the flag are those of the
 * general routine; false when it does not apply. */
static bool round_pow10_fast(lsi_dec a, const lsi_rounding *rule, lsi_dec *out,
                             unsigned *flags)
{
    int m = a.scale + rule->exp; /* digits to drop; negative: digits to add */
    if (rule->exp > 0 || rule->mode == LIBSI_ROUND_CARRY || !fits64(a.coef) || m > 18)
        return false;
    if (m <= 0) { /* on the quantum already: exact */
        if (m < -18 || !coef_in_range(scale64(a.coef, -m)))
            return false;
        out->coef = scale64(a.coef, -m);
        out->scale = -rule->exp;
        return true;
    }
    return lsi_dec_divide64((int64_t)a.coef, pow10_64[m], rule, out, flags);
}

int lsi_dec_round_any(lsi_dec a, const lsi_rounding *rule, lsi_dec *out, unsigned *flags)
{
    if (round_pow10_fast(a, rule, out, flags))
        return 0;
    exact_ratio x = {a.coef, 1, -a.scale};
    return round_ratio(&x, rule, out, flags);
}

int lsi_dec_mul_round(lsi_dec a, lsi_dec b, const lsi_rounding *rule, lsi_dec *out,
                      unsigned *flags)
{
    i128 c;
    if (mul_i128(a.coef, b.coef, &c)) {
        exact_ratio x = {c, 1, -(a.scale + b.scale)};
        return round_ratio(&x, rule, out, flags);
    }
    /* The exact product needs more than 127 bits: GMP. */
    mpz_t za, zb;
    mpz_inits(za, zb, NULL);
    mpz_set_i128(za, a.coef);
    mpz_set_i128(zb, b.coef);
    mpz_mul(za, za, zb);
    exact_ratio x = {0, 1, -(a.scale + b.scale)};
    bool inexact = false;
    int rc = round_ratio_mpz_path(&x, za, rule, out, &inexact);
    mpz_clears(za, zb, NULL);
    if (rc == 0 && inexact && flags)
        *flags |= LIBSI_FLAG_ROUNDED;
    return rc;
}

int lsi_dec_div_round(lsi_dec a, lsi_dec b, const lsi_rounding *rule, lsi_dec *out,
                      unsigned *flags)
{
    if (b.coef == 0)
        return LIBSI_EDIVZERO;
    if (lsi_dec_div_round64(a, b, rule->mode, rule->exp, out, flags)) /* (internal.h) */
        return 0;
    /* a/b = (ca / cb) × 10^(sb - sa) */
    exact_ratio x = {a.coef, b.coef, b.scale - a.scale};
    return round_ratio(&x, rule, out, flags);
}

/* ------------------------------------------------------- public API */

int lsi_dec_parse_value(libsi_ctx *ctx, const char *in, lsi_dec *d)
{
    const char *why = NULL;
    if (lsi_dec_parse(in, d, &why) != 0)
        return lsi_fail(ctx, LIBSI_EDECIMAL, "value", "invalid decimal: %s", why);
    return 0;
}

static int decimal_normalize_impl(libsi_ctx *ctx, const char *in, char **out)
{
    if (!ctx || !out)
        return lsi_fail(ctx, LIBSI_EINVAL, "out", "NULL argument");
    lsi_clear_error(ctx);
    lsi_dec d;
    int rc = lsi_dec_parse_value(ctx, in, &d);
    if (rc != 0)
        return rc;
    char text[LIBSI_DECIMAL_MAX + 1];
    lsi_dec_format(d, text);
    return lsi_string_out(ctx, "out", text, out);
}

int libsi_decimal_normalize(libsi_ctx *ctx, const char *in, char **out)
{
    LSI_API_RETURN_OUT(ctx, out, decimal_normalize_impl(ctx, in, out));
}

/* ------------------------------------------------------ exact rationals */

void lsi_dec_to_mpq(lsi_dec a, mpq_t out)
{
    mpz_set_i128(mpq_numref(out), a.coef);
    mpz_pow10(mpq_denref(out), a.scale);
    mpq_canonicalize(out);
}

int lsi_mpq_round(const mpq_t q, const lsi_rounding *rule, lsi_dec *out, unsigned *flags)
{
    /* value = num / den = num × 10^0 / den: the general rounding routine with
     * a big numerator and, when needed, a big denominator folded in. */
    mpz_t n, d;
    bool inexact;
    mpz_inits(n, d, NULL);
    mpz_set(n, mpq_numref(q));
    mpz_set(d, mpq_denref(q));
    int rc = round_mpz_quotient(n, d, -rule->exp, rule, out, &inexact);
    if (rc == 0 && inexact && flags)
        *flags |= LIBSI_FLAG_ROUNDED;
    mpz_clears(n, d, NULL);
    return rc;
}

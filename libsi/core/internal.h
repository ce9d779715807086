/*
 * Internal declarations shared by the library's source files.
 *
 * Naming: functions shared between files carry the `lsi_` prefix (libsi
 * internal) so that they cannot collide with a program linking the static
 * library; they are hidden from the shared library by -fvisibility=hidden and
 * the version script.  File-local functions are static and named after the
 * concept they compute.
 */
#ifndef LIBSI_INTERNAL_H
#define LIBSI_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "libsi.h"

/* ------------------------------------------------------------- context */

#define LSI_MSG_MAX 512
#define LSI_FIELD_MAX 128

#define LSI_MAX_FIELDS 64 /* inputs or outputs of one scheme */

struct libsi_ctx {
    libsi_allocator alloc;
    int code;
    char message[LSI_MSG_MAX];
    char field[LSI_FIELD_MAX];
    const char *message_fmt;    /* the format of `message`, for its translation (issue #17) */
    char message_lang[LSI_MSG_MAX];
    void *rule_cache;           /* the calculation layer's, made on first use */
    void (*rule_cache_dispose)(void *cache); /* its owner's, called by libsi_ctx_free */
    const void *order_key;      /* the scheme whose field orders are below */
    uint8_t in_order[LSI_MAX_FIELDS], out_order[LSI_MAX_FIELDS];
    char *scratch;              /* a buffer kept between calls (a result's hash document) */
    size_t scratch_cap;
    size_t render_hint;         /* room reserved for the next rendering (the last one's size) */
};

/* Record an error on the context and return `code`.  `field` names the input,
 * parameter or file position at fault (may be NULL). */
/* At most n − 1 bytes of `s` into `out`, never cutting a UTF-8 character. */
void lsi_utf8_prefix(const char *s, char *out, size_t n);
int lsi_fail(libsi_ctx *ctx, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void lsi_clear_error(libsi_ctx *ctx);

/* The error contract of every public entry point (docs/api.md, "Errors"),
 * kept by one mechanism: the public function is a wrapper that calls
 * lsi_api_enter() (code and message cleared), sets each pointer
 * out-parameter to NULL, runs the implementation (`name_impl`) and returns
 * through lsi_api_leave(): after a success the code and message are cleared
 * again (whatever an inner step left), after a failure the code is the one
 * returned and the message is never empty; the pointer outs are NULL again. */
#define LSI_OUT_NULL(p) do { if (p) *(p) = NULL; } while (0)
void lsi_api_enter(libsi_ctx *ctx);
int lsi_api_leave(libsi_ctx *ctx, int rc);
/* The body of a public function with one pointer out-parameter: the error contract around
 * `call` (its *_impl), *out NULL on entry and on every failure. */
#define LSI_API_RETURN_OUT(ctx, out, call) do { \
        lsi_api_enter(ctx); \
        LSI_OUT_NULL(out); \
        int lsi_rc_ = lsi_api_leave((ctx), (call)); \
        if (lsi_rc_ != 0) \
            LSI_OUT_NULL(out); \
        return lsi_rc_; \
    } while (0)

/* Extensible caller-allocated structs (docs/api.md, "Extensible structs"):
 * the first member is `size_t size`, set by the caller's LIBSI_*_INIT or
 * libsi_*_init() to the sizeof it was compiled with.  `first_size` is the
 * size of the struct's first published version (LSI_SIZE_THROUGH its last
 * member then): any size from there to the library's sizeof is accepted. */
#define LSI_SIZE_THROUGH(type, member) (offsetof(type, member) + sizeof(((type *)0)->member))

/* What the library knows of one extensible struct: its name (for messages),
 * the size of its first published version, its sizeof in this library and
 * its defaults (the LIBSI_*_INIT value). */
typedef struct lsi_struct_layout {
    const char *name;
    size_t first_size;
    size_t size;
    const void *defaults;
} lsi_struct_layout;

/* Defines `type`'s layout (`type##_layout`, first version through
 * `last_v1_member`, defaults `init_value`) and its public init function
 * `type##_init(type *p, size_t size)` — written once here for every
 * extensible struct, so that they cannot drift apart. */
#define LSI_EXTENSIBLE_STRUCT(type, last_v1_member, init_value) \
    static const type type##_defaults = init_value; \
    static const lsi_struct_layout type##_layout = { \
        #type, LSI_SIZE_THROUGH(type, last_v1_member), sizeof(type), &type##_defaults}; \
    int type##_init(type *p, size_t size) \
    { \
        return lsi_struct_init(p, size, &type##_layout); \
    }

/* Copy the caller's struct `src` (NULL: none) into `dst` (l->size bytes):
 * the defaults, then the first src->size bytes.  A size outside
 * l->first_size … l->size is LIBSI_EINVAL naming "<name>.size". */
int lsi_struct_in(libsi_ctx *ctx, const lsi_struct_layout *l, const void *src, void *dst);
/* Write `src` (l->size bytes) into the caller's struct `dst`, never past
 * dst->size (which must lie in l->first_size … l->size); dst->size is kept. */
int lsi_struct_out(libsi_ctx *ctx, const lsi_struct_layout *l, void *dst, const void *src);
/* libsi_*_init(): `size` bytes of `p` set to the defaults (size from
 * l->first_size to l->size). */
int lsi_struct_init(void *p, size_t size, const lsi_struct_layout *l);

/* A string handed to the caller (docs/api.md, "Strings"): a copy of `s` from
 * the context's allocator into *out, freed by the caller with libsi_free().
 * @return 0 or LIBSI_ENOMEM naming `field`. */
int lsi_string_out(libsi_ctx *ctx, const char *field, const char *s, char **out);

void *lsi_malloc(const libsi_allocator *a, size_t n);
void *lsi_realloc(const libsi_allocator *a, void *p, size_t n);
void lsi_free(const libsi_allocator *a, void *p);

/* --------------------------------------------------------------- arena */

/* Bump allocator: objects that live and die together (a ruleset, a case, a
 * result) take their strings from one arena and free it in one call. */
typedef struct lsi_arena_chunk lsi_arena_chunk;
typedef struct lsi_arena {
    libsi_allocator alloc;
    lsi_arena_chunk *head;
    lsi_arena_chunk *spare;     /* kept by lsi_arena_reset() for reuse */
} lsi_arena;

void lsi_arena_init(lsi_arena *ar, const libsi_allocator *alloc);
void *lsi_arena_alloc(lsi_arena *ar, size_t n);
char *lsi_arena_strdup(lsi_arena *ar, const char *s);
char *lsi_arena_strndup(lsi_arena *ar, const char *s, size_t n);
void lsi_arena_reset(lsi_arena *ar);
void lsi_arena_release(lsi_arena *ar);

/* ------------------------------------------------------ string builder */

typedef struct lsi_sb {
    const libsi_allocator *alloc;
    char *buf;
    size_t len, cap;
    bool failed; /* an allocation failed; further appends are ignored */
} lsi_sb;

void lsi_sb_init(lsi_sb *sb, const libsi_allocator *alloc);
/* Room for `extra` more bytes and the NUL; false once an allocation failed.
 * The hit path is inline: the hash document of a full-trace call makes
 * about a hundred appends (issue #10). */
bool lsi_sb_grow(lsi_sb *sb, size_t extra);
static inline bool lsi_sb_reserve(lsi_sb *sb, size_t extra)
{
    return (!sb->failed && sb->len + extra + 1 <= sb->cap) || lsi_sb_grow(sb, extra);
}
static inline void lsi_sb_appendn(lsi_sb *sb, const char *s, size_t n)
{
    if (!lsi_sb_reserve(sb, n))
        return;
    memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}
/* Inline so that the length of a literal folds at the call. */
static inline void lsi_sb_append(lsi_sb *sb, const char *s)
{
    lsi_sb_appendn(sb, s, strlen(s));
}
void lsi_sb_printf(lsi_sb *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the buffer over (NUL-terminated); NULL if an allocation failed. */
char *lsi_sb_take(lsi_sb *sb);
/* Empty the buffer, keep its memory, clear `failed`. */
void lsi_sb_reset(lsi_sb *sb);
void lsi_sb_dispose(lsi_sb *sb);

/* ------------------------------------------------------------- decimal */

/* Exact decimal: value = coef × 10^-scale.  The coefficient lives in an
 * __int128 (the fast path); intermediate results that do not fit are
 * computed with GMP and must be rounded back into range. */
typedef struct lsi_dec {
    __int128 coef;
    int32_t scale;
} lsi_dec;

#define LSI_DEC_MAX_DIGITS 36      /* significant digits of a stored value */
#define LSI_DEC_MAX_SCALE 18       /* fraction digits accepted on input */
#define LSI_DEC_MAX_INTERNAL_SCALE 36

/* 0.00 yuan: the start of a sum of amounts and an amount that does not
 * apply, at the fen scale the amounts are shown with. */
#define LSI_ZERO_FEN ((lsi_dec){0, 2})

/* A named rounding rule: mode × quantum 10^exp, with the basis it applies. */
typedef struct lsi_rounding {
    const char *name;
    libsi_round_mode mode;
    int exp;
    const char *basis;
    /* The trace step's members ,"rounding":…,"rounding_basis":… as written
     * (LSI_ROUNDING: the texts need no escape, test rounding_json_as_written),
     * or NULL: written from the two texts. */
    const char *json;
    size_t json_len;
} lsi_rounding;

/* A named rounding rule with its trace members written when compiled. */
#define LSI_ROUNDING_JSON(name, basis) \
    ",\"rounding\":\"" name "\",\"rounding_basis\":\"" basis "\""
#define LSI_ROUNDING(name, mode, exp, basis) \
    {name, mode, exp, basis, LSI_ROUNDING_JSON(name, basis), \
     sizeof(LSI_ROUNDING_JSON(name, basis)) - 1}

/* lsi_dec_parse's usual cell in one pass (issue #10), inline at the edge
 * that parses a row: -?[0-9]+(\.[0-9]+)? with at most 18 digits in all
 * (leading zeros included), so the value fits in int64 and every limit of
 * the general parse holds; the coefficient and scale are those of the
 * general parse (leading zeros add nothing).  Anything else: false, and
 * lsi_dec_parse decides, with its reason.  Digits past the 19th wrap the
 * unsigned coefficient (defined), and such a cell is refused by the count. */
static inline bool lsi_dec_parse_short(const char *s, lsi_dec *out)
{
    const char *p = s + (s[0] == '-'), *int_start = p, *frac_start;
    uint64_t c = 0;
    unsigned d;
    while ((d = (unsigned char)*p - '0') <= 9)
        c = c * 10 + d, p++;
    size_t n = (size_t)(p - int_start), frac = 0;
    if (*p == '.') {
        for (frac_start = ++p; (d = (unsigned char)*p - '0') <= 9; p++)
            c = c * 10 + d;
        frac = (size_t)(p - frac_start);
        if (frac == 0)
            return false;
    }
    if (n == 0 || *p != '\0' || n + frac > 18)
        return false;
    out->coef = s[0] == '-' ? -(int64_t)c : (int64_t)c; /* c < 10^18 */
    out->scale = (int32_t)frac;
    return true;
}

int lsi_dec_parse(const char *s, lsi_dec *out, const char **why);
/* A public function's decimal argument "value": parsed, or LIBSI_EDECIMAL
 * saying why not. */
int lsi_dec_parse_value(libsi_ctx *ctx, const char *in, lsi_dec *d);
/* Format into buf (at least LIBSI_DECIMAL_MAX + 1 bytes). */
size_t lsi_dec_format(lsi_dec d, char *buf); /* returns the text's length */
static inline lsi_dec lsi_dec_from_int(int64_t v)
{
    return (lsi_dec){v, 0};
}
/* The general routines (decimal.c) behind the inline fast paths below. */
int lsi_dec_cmp_any(lsi_dec a, lsi_dec b);
int lsi_dec_add_any(lsi_dec a, lsi_dec b, lsi_dec *out);
int lsi_dec_mul_any(lsi_dec a, lsi_dec b, lsi_dec *out);
int lsi_dec_round_any(lsi_dec a, const lsi_rounding *rule, lsi_dec *out, unsigned *flags);
/* 10^0 … 10^18 (decimal.c). */
extern const int64_t lsi_pow10_64[19];

/* Money to the fen, half-up (rounding.c defines LSI_ROUND_FEN from these two,
 * which the inline rounding below folds at compile time). */
#define LSI_ROUND_FEN_MODE LIBSI_ROUND_HALF_UP
#define LSI_ROUND_FEN_EXP (-2)
extern const lsi_rounding LSI_ROUND_FEN;

/* Inline fast paths (issue #10): operands of one scale, coefficients that fit
 * in int64, the half-up rounding of money; each gives the general routine's
 * result and flag by construction, and anything else takes that routine. */
static inline bool lsi_dec_fits64(__int128 v)
{
    return (__int128)(int64_t)v == v;
}

static inline int lsi_dec_cmp(lsi_dec a, lsi_dec b)
{
    int32_t d = a.scale - b.scale;
    __int128 ca = a.coef, cb = b.coef;
    if (d > 0 && d <= 18 && lsi_dec_fits64(cb)) /* b to a's scale: cannot overflow */
        cb = (__int128)(int64_t)cb * lsi_pow10_64[d];
    else if (d < 0 && d >= -18 && lsi_dec_fits64(ca))
        ca = (__int128)(int64_t)ca * lsi_pow10_64[-d];
    else if (d != 0)
        return lsi_dec_cmp_any(a, b);
    return (ca > cb) - (ca < cb);
}

static inline bool lsi_dec_is_zero(lsi_dec a)
{
    return a.coef == 0;
}

static inline bool lsi_dec_is_negative(lsi_dec a)
{
    return a.coef < 0;
}

/* Exact arithmetic; LIBSI_ERANGE when the exact value does not fit. */
static inline int lsi_dec_add(lsi_dec a, lsi_dec b, lsi_dec *out)
{
    int32_t d = a.scale - b.scale;
    if (d < -18 || d > 18 || !lsi_dec_fits64(a.coef) || !lsi_dec_fits64(b.coef))
        return lsi_dec_add_any(a, b, out);
    __int128 ca = a.coef, cb = b.coef; /* one side to the other's scale: |sum| < 2^124 */
    if (d > 0)
        cb = (__int128)(int64_t)cb * lsi_pow10_64[d];
    else if (d < 0)
        ca = (__int128)(int64_t)ca * lsi_pow10_64[-d];
    out->coef = ca + cb;
    out->scale = d >= 0 ? a.scale : b.scale;
    return 0;
}

/* The exact sum of parts[0..n) (0.00 for none): amounts to the fen within
 * int64 are added in one 128-bit accumulator, and from the first other part
 * on (another scale, a wider coefficient) by lsi_dec_add, whose value and
 * scale the sum always has.  LIBSI_ERANGE on overflow; the caller names the
 * field.  (A pension from its components, contributions' totals.) */
static inline int lsi_dec_sum(const lsi_dec *parts, size_t n, lsi_dec *sum)
{
    __int128 fen = 0; /* the leading parts to the fen: their exact sum, a few int64 terms */
    size_t i = 0;
    for (; i < n && parts[i].scale == 2 && lsi_dec_fits64(parts[i].coef); i++)
        fen += parts[i].coef;
    *sum = (lsi_dec){fen, 2}; /* (what lsi_dec_add gives for them from LSI_ZERO_FEN) */
    for (; i < n; i++)        /* the rest, if any, by the general sum */
        if (lsi_dec_add(*sum, parts[i], sum) != 0)
            return LIBSI_ERANGE;
    return 0;
}

static inline int lsi_dec_sub(lsi_dec a, lsi_dec b, lsi_dec *out)
{
    lsi_dec nb = {-b.coef, b.scale};
    return lsi_dec_add(a, nb, out);
}

static inline int lsi_dec_mul(lsi_dec a, lsi_dec b, lsi_dec *out)
{
    int32_t s = a.scale + b.scale;
    if (s <= LSI_DEC_MAX_INTERNAL_SCALE && lsi_dec_fits64(a.coef) && lsi_dec_fits64(b.coef)) {
        out->coef = (__int128)(int64_t)a.coef * (int64_t)b.coef; /* |c| <= 2^126 */
        out->scale = s;
        return 0;
    }
    return lsi_dec_mul_any(a, b, out);
}

/* Whether a truncated quotient moves one step away from zero (the step of
 * every rounding mode but CARRY, which is composed of two of them).
 * half: sign of (2|r| - d); odd: the truncated quotient is odd. */
static inline bool lsi_round_step_away(libsi_round_mode mode, bool inexact, int half, bool odd)
{
    if (!inexact)
        return false;
    switch (mode) {
    case LIBSI_ROUND_DOWN: return false;
    case LIBSI_ROUND_UP: return true;
    case LIBSI_ROUND_HALF_UP: return half >= 0;
    case LIBSI_ROUND_HALF_EVEN: return half > 0 || (half == 0 && odd);
    default: return false; /* CARRY is composed of two simple modes */
    }
}

/* The 64-bit step of the fast paths (issue #10): num / den (den > 0) in units
 * of the rule's quantum, one division, then the rule's own step on the
 * remainder, so the result and the flag are the general routine's. */
static inline bool lsi_dec_divide64_by(int64_t num, int64_t den, libsi_round_mode mode, int exp,
                                       lsi_dec *out, unsigned *flags)
{
    int64_t q = num / den, r = num % den;
    if (r != 0) {
        int64_t ar = r < 0 ? -r : r; /* |r| < den: den - |r| does not overflow */
        int half = (ar > den - ar) - (ar < den - ar);
        if (lsi_round_step_away(mode, true, half, (q & 1) != 0))
            q += num < 0 ? -1 : 1;
        if (flags)
            *flags |= LIBSI_FLAG_ROUNDED;
    }
    out->coef = q;
    out->scale = -exp;
    return true;
}
static inline bool lsi_dec_divide64(int64_t num, int64_t den, const lsi_rounding *rule,
                                    lsi_dec *out, unsigned *flags)
{
    return lsi_dec_divide64_by(num, den, rule->mode, rule->exp, out, flags);
}

/* Rounded arithmetic: the exact value (through GMP when needed) rounded once
 * by `rule`; *flags gains LIBSI_FLAG_ROUNDED when inexact (flags may be NULL).
 * Inline: a simple mode (not CARRY) to a quantum 10^exp <= 1 of an int64
 * coefficient, adding up to 17 digits or dropping up to 18 by one 64-bit
 * division (decimal.c's round_pow10_fast). */
static inline int lsi_dec_round_by(lsi_dec a, const lsi_rounding *rule, libsi_round_mode mode,
                                   int exp, lsi_dec *out, unsigned *flags)
{
    int m = a.scale + exp; /* digits to drop; negative: digits to add */
    if (mode == LIBSI_ROUND_CARRY || exp > 0 || m < -17 || m > 18 || !lsi_dec_fits64(a.coef))
        return lsi_dec_round_any(a, rule, out, flags);
    if (m <= 0) { /* on the quantum already: exact, |c| × 10^17 < 10^36 (m = 0: c itself) */
        out->coef = (__int128)(int64_t)a.coef * lsi_pow10_64[-m];
        out->scale = -exp;
        return 0;
    }
    lsi_dec_divide64_by((int64_t)a.coef, lsi_pow10_64[m], mode, exp, out, flags);
    return 0;
}
/* (The rule of money, LSI_ROUND_FEN, by its mode and quantum known here: a
 * rounding to the fen folds them at compile time.) */
static inline int lsi_dec_round(lsi_dec a, const lsi_rounding *rule, lsi_dec *out,
                                unsigned *flags)
{
    return rule == &LSI_ROUND_FEN
               ? lsi_dec_round_by(a, rule, LSI_ROUND_FEN_MODE, LSI_ROUND_FEN_EXP, out, flags)
               : lsi_dec_round_by(a, rule, rule->mode, rule->exp, out, flags);
}
int lsi_dec_mul_round(lsi_dec a, lsi_dec b, const lsi_rounding *rule, lsi_dec *out,
                      unsigned *flags);
int lsi_dec_div_round(lsi_dec a, lsi_dec b, const lsi_rounding *rule, lsi_dec *out,
                      unsigned *flags);

/* The 64-bit path of lsi_dec_div_round (issue #10), its one home: a / b in
 * units of the quantum 10^exp is (a × 10^k) / b, and when both scaled
 * operands fit in int64 that is one division and the rule's step; false
 * (nothing written) for anything else — a zero divisor, CARRY, a quantum
 * above 1, coefficients beyond int64 — which the general routine decides. */
static inline bool lsi_dec_div_round64(lsi_dec a, lsi_dec b, libsi_round_mode mode, int exp,
                                       lsi_dec *out, unsigned *flags)
{
    int k = b.scale - a.scale - exp;
    if (exp > 0 || mode == LIBSI_ROUND_CARRY || k > 18 || k < -18 || b.coef == 0 ||
        !lsi_dec_fits64(a.coef) || !lsi_dec_fits64(b.coef) || (int64_t)a.coef == INT64_MIN ||
        (int64_t)b.coef == INT64_MIN)
        return false;
    int64_t n = (int64_t)a.coef, d = (int64_t)b.coef;
    if (d < 0) {
        n = -n;
        d = -d;
    }
    __int128 wn = k >= 0 ? (__int128)n * lsi_pow10_64[k] : n;
    __int128 wd = k < 0 ? (__int128)d * lsi_pow10_64[-k] : d;
    if (!lsi_dec_fits64(wn) || !lsi_dec_fits64(wd))
        return false;
    return lsi_dec_divide64_by((int64_t)wn, (int64_t)wd, mode, exp, out, flags);
}

/* lsi_dec_div_round with its 64-bit path inline (a rounding to the fen folds
 * the rule, as lsi_dec_round). */
static inline int lsi_dec_div_round_inline(lsi_dec a, lsi_dec b, const lsi_rounding *rule,
                                           lsi_dec *out, unsigned *flags)
{
    bool done = rule == &LSI_ROUND_FEN
                    ? lsi_dec_div_round64(a, b, LSI_ROUND_FEN_MODE, LSI_ROUND_FEN_EXP, out, flags)
                    : lsi_dec_div_round64(a, b, rule->mode, rule->exp, out, flags);
    return done ? 0 : lsi_dec_div_round(a, b, rule, out, flags);
}
/* |a| < 10^e. */
bool lsi_dec_below_pow10(lsi_dec a, int e);
/* Integer part toward zero, when it fits in int64. */
int lsi_dec_to_int64_any(lsi_dec a, int64_t *out);
static inline int lsi_dec_to_int64(lsi_dec a, int64_t *out)
{
    if (a.scale >= 0 && a.scale <= 18 && lsi_dec_fits64(a.coef)) { /* one 64-bit division */
        *out = (int64_t)a.coef / lsi_pow10_64[a.scale];
        return 0;
    }
    return lsi_dec_to_int64_any(a, out);
}
bool lsi_dec_is_whole(lsi_dec a);
lsi_dec lsi_dec_min(lsi_dec a, lsi_dec b);
lsi_dec lsi_dec_max(lsi_dec a, lsi_dec b);

/* Named rounding rules (rounding.c).  Every rounding point in the code uses
 * one of these, so the rule and its basis appear in the trace. */
extern const lsi_rounding LSI_ROUND_FEN;          /* money to the fen, half-up */
extern const lsi_rounding LSI_ROUND_YUAN;         /* published limits, whole yuan */
extern const lsi_rounding LSI_ROUND_TENTH;        /* divisor months, 0.1 half-up */
extern const lsi_rounding LSI_ROUND_INDEX_DISPLAY;/* index shown with 4 decimals */
extern const lsi_rounding LSI_ROUND_EXACT_12;     /* intermediate carried to 12 decimals */
extern const lsi_rounding LSI_ROUND_INDEX_CARRY;  /* average index carried to 18 decimals */
extern const lsi_rounding LSI_ROUND_PERSONS;      /* projected persons, 6 decimals */
extern const lsi_rounding LSI_ROUND_RATIO;        /* reported ratios, 4 decimals */
/* Build an ad-hoc rule from a mode and a quantum string ("0.01"). */
int lsi_rounding_from_quantum(const char *quantum, libsi_round_mode mode, lsi_rounding *out);

/* ---------------------------------------------------------------- dates */

/* Dates are ints YYYYMMDD (ordered like the calendar); months are counted as
 * year*12 + (month-1). */
int lsi_date_parse(const char *s, int *ymd, bool allow_month_only);
int lsi_month_parse(const char *s, int *month_index);
bool lsi_date_valid(int ymd);
void lsi_date_format(int ymd, char buf[11]);
void lsi_month_format(int month_index, char buf[8]);
int lsi_date_add_months(int ymd, int months);
/* Inline (issue #10): a kernel converts between the two several times a row. */
static inline int lsi_date_month_index(int ymd)
{
    int ym = ymd / 100; /* YYYYMM: the year and the month from one quotient */
    return ym / 100 * 12 + ym % 100 - 1;
}
static inline int lsi_month_first_day(int month_index)
{
    return (month_index / 12) * 10000 + (month_index % 12 + 1) * 100 + 1;
}
int lsi_date_prev_day(int ymd);
/* 1 January of the year before `ymd`: the date a "previous year's" value
 * (上年度) is looked up on. */
int lsi_previous_year(int ymd);
void lsi_format_age(int months, char buf[16]); /* "60y8m" */

/* ------------------------------------------------------------- files */

/* Read `path` (at most 16 MiB) and hand its text, NUL-terminated, to `parse`
 * (which must not keep it); the result is parse's.  Read errors name `path`,
 * as `path` names the source in parse's messages. */
typedef int (*lsi_parse_fn)(libsi_ctx *ctx, const char *text, size_t len, const char *path,
                            void *arg);
int lsi_read_then_parse(libsi_ctx *ctx, const char *path, lsi_parse_fn parse, void *arg);
/* The file's text copied into `ar`: *text is NULL with 0 returned when the
 * copy ran out of memory. */
int lsi_read_into_arena(libsi_ctx *ctx, lsi_arena *ar, const char *path, char **text);

/* ------------------------------------------------------------------- csv */

/* Text `s` (NULL: "") as one CSV cell (RFC 4180 §2.6, §2.7; core/csv.c):
 * between quotation marks, each mark inside written twice, when it holds a
 * comma, quotation mark, CR or LF or begins or ends with a blank; else as
 * it is.  Written when it fits in `size`; returns its length either way. */
size_t lsi_csv_cell_write(const char *s, char *buf, size_t size);

/* ---------------------------------------------------------- jurisdictions */

typedef struct lsi_jurisdiction {
    int32_t code;          /* GB/T 2260, 0 = nation */
    int32_t parent;        /* code of the parent, -1 for the nation */
    const char *pinyin;
    const char *chinese;
    bool supported;        /* false: Shenzhen runs its own system */
} lsi_jurisdiction;

/* Resolve code / pinyin / Chinese name; fails with EJURISDICTION or
 * EUNSUPPORTED, naming `field` in the message. */
int lsi_jurisdiction_find(libsi_ctx *ctx, const char *text, const char *field,
                          const lsi_jurisdiction **out);
const lsi_jurisdiction *lsi_jurisdiction_by_code(int32_t code);
const lsi_jurisdiction *lsi_jurisdiction_at(size_t i);
size_t lsi_jurisdiction_count(void);

/* --------------------------------------------------------------- sha256 */

void lsi_sha256_hex(const void *data, size_t len, char hex[65]);

/* An amount in yuan as int64 fen, exactly: LIBSI_ERANGE when it is not a
 * whole number of fen (*whole false) or does not fit. */
int lsi_dec_to_fen(lsi_dec d, int64_t *fen, bool *whole);

#endif /* LIBSI_INTERNAL_H */

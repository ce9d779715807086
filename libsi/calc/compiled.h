/*
 * A scheme's compiled path (issue #10): the rows of a batch at trace level
 * none whose cells are in their usual forms, computed on machine integers
 * with every rule value the row needs bound once per key (place, date and
 * the row's choices) instead of read step by step.
 *
 * It is an optimisation of the scheme's kernel, never a second authority.
 * A row it cannot take whole — a cell in another form, a value beyond its
 * integer range, a rule value that is missing or not of the form it binds,
 * anything that would end in an error — is handed back to the batch
 * (LSI_COMPILED_GENERAL), which runs the general kernel on it; so every
 * error, and every message, is the kernel's.  tests/test_compiled.c runs
 * every vector and random rows through both and requires the same outputs
 * (kind, value and scale) and flags.  The documents of a compiled row (JSON,
 * explanation) are rendered by running the kernel on its kept cells.
 */
#ifndef LSI_COMPILED_H
#define LSI_COMPILED_H

#include "calc_internal.h"

enum { LSI_COMPILED_DONE = 0, LSI_COMPILED_GENERAL = 1 };

struct lsi_compiled {
    size_t state_size;     /* bytes of a batch's state, given zeroed to prepare */
    /* Whether a batch with these columns (the input slot of each) can use
     * the path at all: false sends every row to the kernel. */
    bool (*prepare)(void *state, const lsi_scheme *s, const int16_t *column_field,
                    size_t n_columns);
    /* One row's cells (NULL or "" for an absent cell; each shorter than
     * LSI_COMPILED_CELL): LSI_COMPILED_DONE with every one of the scheme's
     * outputs written in k->out (kind, value and scale as the kernel writes
     * them; LSI_OUT_UNSET where it writes none) and the kernel's flags in
     * k->flags, or LSI_COMPILED_GENERAL.  `k` is the batch's calculation:
     * ctx, rs, rules, city, out and arena set, no trace, k->in not filled;
     * binding may read rules through it (lsi_param_static). */
    int (*row)(void *state, lsi_calc *k, const char *const *cells);
};

/* Longest cell (with its NUL) a compiled row takes: the batch keeps a copy of
 * each cell for the row's documents. */
#define LSI_COMPILED_CELL 32

/* ---- bound rule values, shared by the schemes' compiled paths ---- */

/* The slot of a key in a direct-mapped table of 2^bits entries. */
static inline size_t lsi_bound_slot(const void *place, int date, uint64_t extra, unsigned bits)
{
    uint64_t h = (uint64_t)(uintptr_t)place ^ ((uint64_t)(uint32_t)date << 32) ^ extra;
    return (size_t)((h * 0x9E3779B97F4A7C15ull) >> (64 - bits));
}

/* A rule value as an int64 coefficient and a power of ten (value = coef /
 * pow); false when it has no such form within `max_coef` (the caller's
 * products stay within int64). */
static inline bool lsi_bound_rate(lsi_dec v, int64_t max_coef, int64_t *coef, int64_t *pow)
{
    if (!((v.scale >= 0) & (v.scale <= 9) & (v.coef >= 0) & (v.coef <= max_coef)))
        return false; /* (one test: the bound forms are the rule, the others rare) */
    *coef = (int64_t)v.coef;
    *pow = lsi_pow10_64[v.scale];
    return true;
}

/* A rule amount in whole fen (scale 0 to 2, 0 to `max_fen`, which is at
 * most INT64_MAX / 100); false otherwise. */
static inline bool lsi_bound_fen(lsi_dec v, int64_t max_fen, int64_t *fen)
{
    if (!((v.scale >= 0) & (v.scale <= 2) & (v.coef >= 0) & (v.coef <= max_fen)))
        return false; /* (coef <= max_fen: the product below stays within int64) */
    *fen = (int64_t)v.coef * lsi_pow10_64[2 - v.scale];
    return *fen <= max_fen;
}

/* amount (fen, >= 0) × coef / pow rounded half up to the fen, as
 * lsi_step_round by LSI_ROUND_FEN of the exact product; LIBSI_FLAG_ROUNDED
 * into *flags when inexact.  The caller keeps amount × coef within int64. */
static inline int64_t lsi_bound_times(int64_t fen, int64_t coef, int64_t pow, unsigned *flags)
{
    int64_t p = fen * coef, q = p / pow, r = p % pow;
    *flags |= r ? LIBSI_FLAG_ROUNDED : 0u;
    return q + (2 * r >= pow); /* r < pow <= 10^9: half or more goes up (r = 0 never) */
}

/* A decimal output: its value and kind (what the readers of a decimal
 * output look at; the rest of the slot is not cleared). */
static inline void lsi_bound_out_dec(lsi_out *o, lsi_dec v)
{
    o->dec = v;
    o->kind = LSI_OUT_DEC;
}

/* A money output (fen at scale 2). */
static inline void lsi_bound_out_fen(lsi_out *o, int64_t fen)
{
    lsi_bound_out_dec(o, (lsi_dec){fen, 2});
}

#endif

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

#include <string.h>

#include "calc_internal.h"

enum { LSI_COMPILED_DONE = 0, LSI_COMPILED_GENERAL = 1 };

struct lsi_compiled {
    size_t state_size;     /* bytes of a batch's state, given zeroed to prepare */
    /* Whether a batch with these columns (the input slot of each) can use
     * the path at all: false sends every row to the kernel. */
    bool (*prepare)(void *state, const lsi_scheme *s, const int16_t *column_field,
                    size_t n_columns);
    /* One row's cells (NULL or "" for an absent cell; of any length: a
     * table's batch keeps no copy and so checks none): LSI_COMPILED_DONE
     * with every one of the scheme's outputs written in k->out (kind, value
     * and scale as the kernel writes them; LSI_OUT_UNSET where it writes
     * none) and the kernel's flags in k->flags, or LSI_COMPILED_GENERAL.
     * `k` is the batch's calculation: ctx, rs, rules, city, out and arena
     * set, no trace, k->in not filled; binding may read rules through it
     * (lsi_param_static). */
    int (*row)(void *state, lsi_calc *k, const char *const *cells);
};

/* Longest cell (with its NUL) a compiled row takes in a batch that keeps a
 * copy of each cell for the row's documents (a longer row goes to the
 * kernel); a table's batch keeps none (lsi_batch_without_documents). */
#define LSI_COMPILED_CELL 32

/* ---- what the schemes' compiled paths share ---- */

/* The column of each of a path's `n` inputs (`inputs`: their slots in the
 * schema) among the batch's columns, -1 where none, into `col`; false when a
 * column is none of them (the batch is then the kernel's). */
static inline bool lsi_compiled_columns(const int *inputs, int n, const int16_t *column_field,
                                        size_t n_columns, int8_t *col)
{
    memset(col, -1, (size_t)n);
    for (size_t c = 0; c < n_columns; c++) {
        int i = 0;
        while (i < n && inputs[i] != column_field[c])
            i++;
        if (i == n)
            return false;
        col[i] = (int8_t)c;
    }
    return true;
}

/* The key of one set of bound rule values: place, date and the row's other
 * choices (0 when the values depend on none).  A path's bound values begin
 * with it. */
typedef struct lsi_bound_key {
    const lsi_jurisdiction *place;
    int date;
    bool set;                      /* the slot holds the values of this key */
    uint64_t choices;
} lsi_bound_key;

#define LSI_BOUND_SLOTS 128        /* a path's table: power of two, open addressing */
#define LSI_BOUND_MAX 96           /* keys held before the table starts over */

/* The element of `key` in a table of LSI_BOUND_SLOTS elements of `size`
 * bytes (`used`: keys held), each beginning with its lsi_bound_key: its bound
 * values, or a free element (key.set false) to bind them in.  A full table
 * starts over: a batch sees few keys (cities × months × choices). */
static inline void *lsi_bound_find(void *table, size_t size, unsigned *used, lsi_bound_key key)
{
    uint64_t h = (uint64_t)(uintptr_t)key.place ^ ((uint64_t)(uint32_t)key.date << 32) ^
                 key.choices;
    size_t mask = LSI_BOUND_SLOTS - 1, first = (size_t)((h * 0x9E3779B97F4A7C15ull) >> 57), i;
    lsi_bound_key *k;
    for (i = first; (k = (lsi_bound_key *)(void *)((char *)table + i * size))->set;
         i = (i + 1) & mask)
        if (k->place == key.place && k->date == key.date && k->choices == key.choices)
            return k;
    if ((*used)++ < LSI_BOUND_MAX)
        return k;
    for (size_t j = 0; j <= mask; j++)
        ((lsi_bound_key *)(void *)((char *)table + j * size))->set = false;
    *used = 1;
    return (char *)table + first * size;
}
_Static_assert(LSI_BOUND_SLOTS == 128, "lsi_bound_find's hash gives 7 bits");

/* A rule value as coef / pow (pow a power of ten). */
typedef struct lsi_rate {
    int64_t coef, pow;
} lsi_rate;

/* A rule value as an lsi_rate; false when it has no such form within
 * `max_coef` (the caller's products stay within int64). */
static inline bool lsi_bound_rate(lsi_dec v, int64_t max_coef, lsi_rate *r)
{
    if (!((v.scale >= 0) & (v.scale <= 9) & (v.coef >= 0) & (v.coef <= max_coef)))
        return false; /* (one test: the bound forms are the rule, the others rare) */
    r->coef = (int64_t)v.coef;
    r->pow = lsi_pow10_64[v.scale];
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

/* num / den (num >= 0, den > 0) rounded half up to a whole number of the
 * quantum num and den count in — the mode of LSI_ROUND_FEN and of the
 * pension's tenths; LIBSI_FLAG_ROUNDED into *flags when inexact.  (The step
 * of lsi_dec_divide64_by for a half-up rule and a dividend not negative,
 * without its sign and mode tests: six of these make a contributions row.) */
static inline int64_t lsi_bound_div(int64_t num, int64_t den, unsigned *flags)
{
    int64_t q = num / den, r = num % den;
    *flags |= r ? LIBSI_FLAG_ROUNDED : 0u;
    return q + (r >= den - r); /* half or more goes up (r = 0 never: den > 0) */
}

/* amount (fen) × rate rounded to the fen, as lsi_step_round by LSI_ROUND_FEN
 * of the exact product.  The caller keeps amount × r.coef within int64. */
static inline int64_t lsi_bound_times(int64_t fen, lsi_rate r, unsigned *flags)
{
    return lsi_bound_div(fen * r.coef, r.pow, flags);
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

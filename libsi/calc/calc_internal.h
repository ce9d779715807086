/*
 * The calculation framework shared by every scheme: typed inputs, rule
 * parameters read through a resolution cache, trace steps recorded only when
 * asked for, named roundings and typed outputs.
 *
 * A scheme file (contributions.c, ...) declares its schema and a kernel (the
 * `run` function) made of one function per statutory step.  The kernel never
 * sees text it has to parse: the edge (registry.c for a case, batch.c for a
 * row) parses every input into a typed slot first, and the outputs stay typed
 * (lsi_dec, month numbers) until a caller reads them.  A kernel that needs
 * another calculation runs that kernel directly (lsi_kernel_*), and the
 * sub-steps appear under the calling step in the trace.
 */
#ifndef LIBSI_CALC_INTERNAL_H
#define LIBSI_CALC_INTERNAL_H

#include "json.h"
#include "ruleset_internal.h"
#include "schema_tables.h" /* generated from data/schemas */
#include "step_tables.h"   /* generated from data/steps */
#include "trace.h"

struct libsi_case {
    lsi_arena arena;
    size_t n;
    const char *names[256];
    const char *values[256];
};

typedef struct lsi_calc lsi_calc;
typedef struct lsi_compiled lsi_compiled; /* compiled.h */

typedef struct lsi_scheme {
    const char *name;
    const char *description;
    const libsi_field *inputs;
    size_t n_inputs;
    const libsi_field *outputs;
    size_t n_outputs;
    int (*run)(lsi_calc *k);
    const lsi_compiled *compiled;   /* NULL, or the scheme's compiled path (compiled.h) */
} lsi_scheme;

/* A scheme's descriptor: its name, description and input and output fields
 * are data (data/schemas/<folder>.tsv, compiled into schema_tables.c/.h by
 * tools/embed_schemas.py at build time); the scheme's file adds its kernel:
 *     const lsi_scheme lsi_scheme_unemployment = LSI_SCHEME(unemployment, run);
 * The inputs lsi_calc_run() resolves before a kernel runs (city, known_on,
 * carry_forward) are rows shared by every schema there (common.tsv). */
#define LSI_SCHEME(id, kernel) {LSI_SCHEMA_##id, kernel, NULL}
/* The same for a scheme that also has a compiled path for batch rows at
 * trace level none (compiled.h): LSI_SCHEME_COMPILED(contributions, run, &c). */
#define LSI_SCHEME_COMPILED(id, kernel, compiled) {LSI_SCHEMA_##id, kernel, compiled}

/* One input, parsed at the edge.  `text` is the given value or the schema's
 * default (what the hash and the trace show); `given` says which. */
typedef struct lsi_in {
    const char *text;      /* NULL: absent and no default; canonical once lsi_calc_run began */
    const char *raw;       /* the text as given when canonicalisation changed it, else NULL */
    bool given;
    bool typed;            /* `v` holds the value parsed by the field's type */
    bool borrowed;         /* `text` is a caller's batch cell, read during its row only
                            * (trace none): the given text was the canonical text of `v`,
                            * which lsi_calc_canonicalise writes again when asked */
    union {
        lsi_dec dec;       /* DECIMAL, INTEGER (scale 0) */
        int ymd;           /* DATE */
        int month;         /* MONTH */
        int choice;        /* ENUM */
        bool b;            /* BOOL */
    } v;
} lsi_in;

typedef enum lsi_out_kind {
    LSI_OUT_UNSET = 0, LSI_OUT_DEC, LSI_OUT_MONTH, LSI_OUT_AGE, LSI_OUT_TEXT
} lsi_out_kind;

/* One output, typed until read.  (The decimal first: 48 bytes, not 64 with
 * the padding before it, for the rows that clear every output.) */
typedef struct lsi_out {
    lsi_dec dec;
    const char *text;      /* LSI_OUT_TEXT: static or in the calculation's arena */
    lsi_out_kind kind;
    int month;             /* LSI_OUT_MONTH: month number; LSI_OUT_AGE: months of age */
} lsi_out;
_Static_assert(sizeof(lsi_out) <= 48, "lsi_out: no padding");

/* Name → slot cache of one scheme's fields, keyed by the caller's pointer.
 * Kernels name inputs and outputs by string literals (or pointers into static
 * tables), never by a buffer they fill: a static string cannot change under
 * its address, so a hit is one pointer compare. */
#define LSI_NAME_SLOTS 128
typedef struct lsi_name_cache {
    const char *key[LSI_NAME_SLOTS];
    int16_t slot[LSI_NAME_SLOTS];
    uint16_t n;            /* keys held: at most 3/4 of the slots, so a probe ends */
} lsi_name_cache;

/* Resolved rule values of one batch or one call (issue #10 item 4).  A frame
 * holds the rules read for one (place, date, known_on, carry_forward) — the
 * reads of one statutory date of a case — keyed by the parameter name's
 * address; a row whose frame exists reads each value with one pointer
 * compare after the frame test, and the frame of the last read is tried
 * first.  Frames are found by open addressing and never evicted one by one:
 * when LSI_RULE_FRAMES_MAX are in use (or on a new call of libsi_calculate)
 * the generation changes and every frame is free again. */
#define LSI_RULE_FRAMES 128          /* power of two */
#define LSI_RULE_FRAMES_MAX 96       /* frames in use before the cache starts over */
#define LSI_FRAME_NAMES 64           /* power of two */
#define LSI_FRAME_NAMES_MAX 40       /* names cached in one frame; more are looked up */
typedef struct lsi_rule_frame {
    unsigned gen;                    /* in use when equal to the cache's gen */
    int date, known_on;
    bool carry_forward;
    uint8_t n;                       /* names cached */
    const lsi_jurisdiction *place;
    const char *name[LSI_FRAME_NAMES]; /* static storage: the key is the pointer */
    const lsi_rule *rule[LSI_FRAME_NAMES];
    unsigned flags[LSI_FRAME_NAMES];
} lsi_rule_frame;

/* Name caches of the last few schemes run with a rule cache but without
 * caches of their own (libsi_calculate, sub-calculations): the slots of a
 * name never change, so these outlive the generations. */
#define LSI_NAME_SETS 4
typedef struct lsi_name_set {
    const lsi_scheme *scheme;        /* NULL: free */
    lsi_name_cache in, out;
} lsi_name_set;

typedef struct lsi_rule_cache {
    unsigned gen;                    /* a frame counts only when its gen matches */
    unsigned used_gen, used;         /* frames claimed in generation used_gen */
    lsi_rule_frame *last;            /* the frame of the last read; NULL or of the current
                                      * gen while a calculation runs (lsi_calc_run clears a
                                      * stale one, cache_start_over clears it), so a read
                                      * need not test its gen */
    lsi_rule_frame frame[LSI_RULE_FRAMES];
    unsigned names_next;             /* the set to claim next */
    lsi_name_set names[LSI_NAME_SETS];
    const libsi_ruleset *rs;         /* a context's cache: the ruleset its frames point
                                      * into, held by `pin` (api/result.c) */
    struct lsi_ruleset_pin *pin;     /* the context's hold on rs, shared with its
                                      * full-trace results (api/result.c) */
} lsi_rule_cache;

/* City texts already resolved, so rows skip the name search. */
#define LSI_PLACE_SLOTS 16
typedef struct lsi_place_memo {
    char text[LSI_PLACE_SLOTS][32];
    const lsi_jurisdiction *place[LSI_PLACE_SLOTS];
} lsi_place_memo;

struct lsi_calc {
    libsi_ctx *ctx;
    const libsi_ruleset *rs;
    const lsi_scheme *scheme;
    lsi_in *in;                    /* n_inputs slots, schema order */
    lsi_out *out;                  /* n_outputs slots, schema order */
    lsi_arena *arena;              /* scratch that lives as long as the outputs */
    lsi_trace *trace;              /* NULL below LIBSI_TRACE_FULL */
    lsi_tstep *step;               /* the step being recorded; NULL: not recording */
    lsi_tstep *host;               /* a sub-calculation's steps go under it; NULL: top level */
    lsi_rule_cache *rules;         /* may be NULL: every read is a lookup */
    lsi_name_cache *in_names, *out_names; /* may be NULL */
    lsi_place_memo *city;          /* may be NULL */
    bool lazy_canonical;           /* leave the canonical texts for lsi_calc_canonicalise */
    bool raw_clear;                /* no slot holds a raw text (a batch row at trace none,
                                    * restored from the defaults): none to clear per row */
    const lsi_jurisdiction *place; /* from the input "city", when the scheme has it */
    int known_on;                  /* YYYYMMDD or 0 */
    bool carry_forward;
    unsigned flags;
    bool oom;
    bool model;                    /* inputs set by a model (a projection), not a caller:
                                    * the money ceilings of overrides do not apply */
};

/* ---- the edge: typed inputs from text (calc.c) ---- */
/* Why `text` is not a value of field `f` (NULL when it is); fills `slot`. */
const char *lsi_in_parse(const libsi_field *f, const char *text, lsi_in *slot);
/* Numbers are written with no leading zero (the integer part "0" aside) and
 * no minus on zero (lsi_dec_format). */
static inline bool lsi_number_canonical(const char *t, lsi_dec v)
{
    const char *p = t + (t[0] == '-');
    return (p[0] != '0' || p[1] == '\0' || p[1] == '.') && (p == t || v.coef != 0);
}

/* Whether the text a slot was parsed from is the canonical text of its
 * value (lsi_calc_canonicalise can write it again from the value alone). */
static inline bool lsi_in_given_canonical(const libsi_field *f, const lsi_in *slot)
{
    switch (f->type) {
    case LIBSI_TYPE_DECIMAL:
    case LIBSI_TYPE_INTEGER:
        return lsi_number_canonical(slot->text, slot->v.dec);
    case LIBSI_TYPE_DATE:
        return slot->text[7] != '\0'; /* YYYY-MM-DD; YYYY-MM stands for its first day */
    case LIBSI_TYPE_MONTH: /* YYYY-MM exactly */
    case LIBSI_TYPE_ENUM:  /* one of the choices exactly */
    case LIBSI_TYPE_BOOL:  /* true or false */
        return true;
    default:               /* texts (the city becomes its code) and lists: kept as given */
        return false;
    }
}

/* Slots holding each field's default (parsed), or absent. */
void lsi_in_defaults(const lsi_scheme *s, lsi_in *slots);
/* The error for a given value that is not of its field's type: names the
 * input, the value and what its type expects (input_errors.c). */
int lsi_in_type_error(libsi_ctx *ctx, const libsi_field *f, const char *text, const char *why);
/* The error for an input the scheme does not have, with the closest name. */
int lsi_in_unknown(libsi_ctx *ctx, const lsi_scheme *s, const char *name);
/* A value as a message shows it: quoted, one line, about 64 bytes at most. */
void lsi_in_shown(const char *text, char *out, size_t n);
/* Every required input present, else the error naming the first missing. */
int lsi_in_required(libsi_ctx *ctx, const lsi_scheme *s, const lsi_in *slots);
/* Replace each input's text by its canonical form (the given text kept as
 * raw); idempotent. */
int lsi_calc_canonicalise(lsi_calc *k);
/* Resolve the context inputs (city, known_on, carry_forward) and run the
 * kernel; k->in must be filled. */
int lsi_calc_run(lsi_calc *k);
/* k->place from a city text, as lsi_calc_run resolves the input "city"
 * (k->city memo first); the error names the input. */
int lsi_calc_find_city(lsi_calc *k, const char *city);

/* ---- the hit path of the name caches (issue #10) ----
 * A kernel's read or write of a field by name is, on the hit, a multiply, a
 * load and a compare inlined at the call: the probe of the name's address in
 * the cache (a name not cached yet: calc.c's field_slot finds and keeps it). */
static inline int lsi_name_hit(const lsi_name_cache *c, const char *name)
{
    if (!c || !name) /* (a literal: the test folds away) */
        return -1;
    size_t h = (size_t)(((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15ull) >> 57);
    for (const char *key; (key = c->key[h]) != name; h = (h + 1) & (LSI_NAME_SLOTS - 1))
        if (!key) /* at most 3/4 of the slots in use: a probe ends */
            return -1;
    return c->slot[h];
}
_Static_assert(LSI_NAME_SLOTS == 128, "lsi_name_hit gives 7 bits");

/* The typed slot of input `name` when its first probe hits, it is present
 * and its field's type is one of `types` (a bit per libsi_type); else NULL:
 * the caller takes the general path. */
static inline const lsi_in *lsi_in_hit(lsi_calc *k, const char *name, unsigned types)
{
    int i = lsi_name_hit(k->in_names, name);
    if (i < 0)
        return NULL;
    const lsi_in *in = &k->in[i];
    return in->text && in->typed && (types & (1u << k->scheme->inputs[i].type)) ? in : NULL;
}

/* ---- inputs (already checked against the schema when these run) ----
 * Each reader is an inline hit path over its general routine (_named). */
const char *lsi_in_text(lsi_calc *k, const char *name); /* NULL when absent */
int lsi_in_dec_named(lsi_calc *k, const char *name, lsi_dec *out);
int lsi_in_month_named(lsi_calc *k, const char *name, int *month_index);
int lsi_in_date_named(lsi_calc *k, const char *name, int *ymd);
int lsi_in_int_named(lsi_calc *k, const char *name, int64_t *out);
int lsi_in_bool_named(lsi_calc *k, const char *name, bool *out);
int lsi_in_choice_named(lsi_calc *k, const char *name, int *index);

/* One reader per type over a slot already found — by the name cache
 * (lsi_in_hit) or by the build-time index (lsi_in_*_of below) — or NULL:
 * the value when the slot holds it, else the general routine (_named). */
static inline int lsi_in_dec_at(lsi_calc *k, const lsi_in *in, const char *name, lsi_dec *out)
{
    if (!in || !in->text || !in->typed)
        return lsi_in_dec_named(k, name, out);
    *out = in->v.dec;
    return 0;
}

static inline int lsi_in_month_at(lsi_calc *k, const lsi_in *in, const char *name, int *out)
{
    if (!in || !in->text || !in->typed)
        return lsi_in_month_named(k, name, out);
    *out = in->v.month;
    return 0;
}

static inline int lsi_in_date_at(lsi_calc *k, const lsi_in *in, const char *name, int *out)
{
    if (!in || !in->text || !in->typed)
        return lsi_in_date_named(k, name, out);
    *out = in->v.ymd;
    return 0;
}

static inline int lsi_in_int_at(lsi_calc *k, const lsi_in *in, const char *name, int64_t *out)
{
    if (!in || !in->text || !in->typed || in->v.dec.scale != 0 || !lsi_dec_fits64(in->v.dec.coef))
        return lsi_in_int_named(k, name, out);
    *out = (int64_t)in->v.dec.coef; /* lsi_dec_to_int64 of a whole number */
    return 0;
}

static inline int lsi_in_choice_at(lsi_calc *k, const lsi_in *in, const char *name, int *out)
{
    if (!in || !in->text || !in->typed || in->v.choice < 0)
        return lsi_in_choice_named(k, name, out);
    *out = in->v.choice;
    return 0;
}

static inline bool lsi_in_present(lsi_calc *k, const char *name)
{
    int i = lsi_name_hit(k->in_names, name);
    return i >= 0 ? k->in[i].text != NULL : lsi_in_text(k, name) != NULL;
}

static inline int lsi_in_dec(lsi_calc *k, const char *name, lsi_dec *out)
{
    return lsi_in_dec_at(k, lsi_in_hit(k, name, (1u << LIBSI_TYPE_DECIMAL) | (1u << LIBSI_TYPE_INTEGER)),
                         name, out);
}

static inline int lsi_in_month(lsi_calc *k, const char *name, int *month_index)
{
    return lsi_in_month_at(k, lsi_in_hit(k, name, 1u << LIBSI_TYPE_MONTH), name, month_index);
}

static inline int lsi_in_date(lsi_calc *k, const char *name, int *ymd)
{
    return lsi_in_date_at(k, lsi_in_hit(k, name, 1u << LIBSI_TYPE_DATE), name, ymd);
}

static inline int lsi_in_int(lsi_calc *k, const char *name, int64_t *out)
{
    return lsi_in_int_at(k, lsi_in_hit(k, name, 1u << LIBSI_TYPE_INTEGER), name, out);
}

static inline int lsi_in_bool(lsi_calc *k, const char *name, bool *out)
{
    const lsi_in *in = lsi_in_hit(k, name, 1u << LIBSI_TYPE_BOOL);
    if (!in)
        return lsi_in_bool_named(k, name, out);
    *out = in->v.b;
    return 0;
}

/* Index of the value among the field's choices. */
static inline int lsi_in_choice(lsi_calc *k, const char *name, int *index)
{
    return lsi_in_choice_at(k, lsi_in_hit(k, name, 1u << LIBSI_TYPE_ENUM), name, index);
}

/* ---- a scheme's own fields by index (issue #10) ----
 * schema_tables.h fixes each field's index (LSI_IN_<scheme>__<name>,
 * LSI_OUT_<scheme>__<name>) and each input's type at build time, so a kernel
 * that names its own scheme's field reads or writes the slot with no name to
 * look up: lsi_in_dec_of(k, pension, average_index, &z).  The index counts
 * only while the calculation runs under that schema (the test of the table's
 * address) and the input's type is the reader's (folded at compile time);
 * anything else, and every error, is the named routine's, so each reader
 * gives the named reader's result by construction. */
#define LSI_IN_SLOT(k, id, name) lsi_in_slot((k), lsi_schema_##id##_inputs, LSI_IN_##id##__##name)
#define LSI_IN_IS(id, name, type) ((int)LSI_INTYPE_##id##__##name == (int)LIBSI_TYPE_##type)
static inline const lsi_in *lsi_in_slot(const lsi_calc *k, const libsi_field *schema, int i)
{
    return k->scheme->inputs == schema ? &k->in[i] : NULL;
}

/* lsi_in_present of a field by index. */
#define lsi_in_present_of(k, id, name) lsi_in_present_at((k), LSI_IN_SLOT(k, id, name), "" #name "")
static inline bool lsi_in_present_at(lsi_calc *k, const lsi_in *in, const char *name)
{
    return in ? in->text != NULL : lsi_in_present(k, name);
}

/* lsi_in_dec of a field by index (decimal or integer). */
#define lsi_in_dec_of(k, id, name, out)                                                     \
    lsi_in_dec_at((k), LSI_IN_IS(id, name, DECIMAL) || LSI_IN_IS(id, name, INTEGER)        \
                           ? LSI_IN_SLOT(k, id, name) : NULL, "" #name "", (out))

/* lsi_in_int of a field by index (integer). */
#define lsi_in_int_of(k, id, name, out) \
    lsi_in_int_at((k), LSI_IN_IS(id, name, INTEGER) ? LSI_IN_SLOT(k, id, name) : NULL, "" #name "", (out))

/* lsi_in_month of a field by index (month). */
#define lsi_in_month_of(k, id, name, out) \
    lsi_in_month_at((k), LSI_IN_IS(id, name, MONTH) ? LSI_IN_SLOT(k, id, name) : NULL, "" #name "", (out))

/* lsi_in_date of a field by index (date). */
#define lsi_in_date_of(k, id, name, out) \
    lsi_in_date_at((k), LSI_IN_IS(id, name, DATE) ? LSI_IN_SLOT(k, id, name) : NULL, "" #name "", (out))

/* lsi_in_choice of a field by index (enum). */
#define lsi_in_choice_of(k, id, name, out) \
    lsi_in_choice_at((k), LSI_IN_IS(id, name, ENUM) ? LSI_IN_SLOT(k, id, name) : NULL, "" #name "", (out))

/* The document an input carries: `value` itself when it spans lines, else the
 * file it names, read into k->arena (input_file.c).  Errors name `field`. */
int lsi_in_text_or_file(lsi_calc *k, const char *field, const char *value, char **text);
/* An input that passed the schema but breaks a rule (names the field). */
int lsi_in_invalid(lsi_calc *k, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- rule parameters ---- */
/* Read a rule value in force on `date` (YYYYMMDD) for the case's place and
 * record it, with provenance, in the current step.  `name` must have static
 * storage (it keys the resolution cache by address): lsi_param() accepts only
 * a string literal; lsi_param_static() takes a pointer into a static table. */
int lsi_param_read(lsi_calc *k, const char *name, int date, lsi_dec *out);
/* Inline hit path (issue #10): without a trace, the frame of the last read
 * holds (place, date, known_on, carry_forward) and the name's first probe is
 * `name` — the rule bound once per frame is read with no call. */
static inline __attribute__((always_inline)) int lsi_param_static(lsi_calc *k, const char *name,
                                                                  int date, lsi_dec *out)
{
    const lsi_rule_cache *c = k->rules;
    const lsi_rule_frame *f = c ? c->last : NULL;
    if (!f || k->step || f->date != date || f->place != k->place ||
        f->known_on != k->known_on || f->carry_forward != k->carry_forward)
        return lsi_param_read(k, name, date, out); /* (c->last is of the current gen) */
    size_t i = (size_t)(((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15ull) >> 58);
    for (const char *n; (n = f->name[i]) != name; i = (i + 1) & (LSI_FRAME_NAMES - 1))
        if (!n) /* not in the frame yet: the lookup fills it */
            return lsi_param_read(k, name, date, out);
    *out = f->rule[i]->value;
    k->flags |= f->flags[i];
    return 0;
}
#define lsi_param(k, name, date, out) lsi_param_static((k), "" name "", (date), (out))

/* A rule value as it was known on `known_on` (YYYYMMDD; 0 sees everything),
 * whatever the case's known_on; recorded like lsi_param.  *rule (may be NULL)
 * receives the rule, for its period and publication date.  Not cached. */
int lsi_param_as_known(lsi_calc *k, const char *name, int date, int known_on, lsi_dec *out,
                       const lsi_rule **rule);

/* The rule value, or the case's input of that name when given (flagged as
 * an override); the error names the input when neither exists. */
int lsi_param_or_input_static(lsi_calc *k, const char *name, int date, const char *input,
                              lsi_dec *out);
#define lsi_param_or_input(k, name, date, input, out) \
    lsi_param_or_input_static((k), "" name "", (date), (input), (out))

/* ---- plausibility of the inputs (issue #12) ----
 * A value outside its bound is LIBSI_ERANGE naming the input, the value and
 * the bound with its source; never a clamp.  One function per check kind. */

/* A bound from the rule data in force on `date` for the case's place, seen
 * whatever the case's known_on, without flags and not in the trace: no amount
 * is computed from it.  *rule (may be NULL) receives its provenance. */
int lsi_bound_read(lsi_calc *k, const char *name, int date, lsi_dec *out, const lsi_rule **rule);
/* Inline hit path (issue #10), as lsi_param_static's: a bound is read in the
 * frame of (place, date, known_on 0, no carry-forward), which is the last
 * frame when the case's place has the date and the case sets neither; the
 * same rule as lsi_bound_read finds there, no call. */
static inline __attribute__((always_inline)) int lsi_bound(lsi_calc *k, const char *name, int date,
                                                           lsi_dec *out, const lsi_rule **rule)
{
    const lsi_rule_cache *c = k->rules;
    const lsi_rule_frame *f = c ? c->last : NULL; /* (NULL or of the current gen) */
    if (!f || !k->place || f->place != k->place || f->date != date || f->known_on != 0 ||
        f->carry_forward)
        return lsi_bound_read(k, name, date, out, rule);
    size_t i = (size_t)(((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15ull) >> 58);
    for (const char *n; (n = f->name[i]) != name; i = (i + 1) & (LSI_FRAME_NAMES - 1))
        if (!n) /* not in the frame yet: the lookup fills it */
            return lsi_bound_read(k, name, date, out, rule);
    *out = f->rule[i]->value;
    if (rule)
        *rule = f->rule[i];
    return 0;
}
/* The error of a value beyond rule bound r (out of line: a row within its
 * bounds does not set up the message buffers). */
int lsi_rule_side_broken(lsi_calc *k, const char *input, lsi_dec v, const char *name,
                         const lsi_rule *r, bool above);
/* v against one rule bound; `above` says which side is refused. */
static inline int lsi_rule_side(lsi_calc *k, const char *input, lsi_dec v, const char *name,
                                int date, bool above)
{
    lsi_dec b;
    const lsi_rule *r;
    int rc = lsi_bound(k, name, date, &b, &r);
    if (rc != 0 || (above ? lsi_dec_cmp(v, b) <= 0 : lsi_dec_cmp(v, b) >= 0))
        return rc;
    return lsi_rule_side_broken(k, input, v, name, r, above);
}
/* min ≤ v ≤ max for the rule values `min_name` / `max_name` (either NULL). */
static inline int lsi_check_rule_range(lsi_calc *k, const char *input, lsi_dec v,
                                       const char *min_name, const char *max_name, int date)
{
    int rc = min_name ? lsi_rule_side(k, input, v, min_name, date, false) : 0;
    return rc == 0 && max_name ? lsi_rule_side(k, input, v, max_name, date, true) : rc;
}
/* v > 0; `why` is the reason, shown in the message. */
int lsi_check_positive(lsi_calc *k, const char *input, lsi_dec v, const char *why);
/* lo < v ≤ hi. */
int lsi_check_open_range(lsi_calc *k, const char *input, lsi_dec v, int lo, int hi,
                         const char *why);
/* A count no larger than `max`; `why` says where the maximum comes from. */
/* An upper bound on a count of months and where it comes from; the words for
 * a message are made only when a check fails (lsi_months_why). */
typedef struct lsi_months_bound {
    int64_t max;
    int age;                  /* earliest working age, months */
    int from, until;          /* month numbers (career bound: until = latest age) */
    const char *until_what;   /* "the retirement month"; NULL: a career bound */
} lsi_months_bound;
void lsi_months_why(const lsi_months_bound *b, char *why, size_t n);
/* A count no larger than b->max; the message says where the maximum comes from
 * (built out of line, by lsi_check_months_broken, only when the check fails). */
int lsi_check_months_broken(lsi_calc *k, const char *input, int64_t v, const lsi_months_bound *b);
static inline int lsi_check_months(lsi_calc *k, const char *input, int64_t v,
                                   const lsi_months_bound *b)
{
    return v <= b->max ? 0 : lsi_check_months_broken(k, input, v, b);
}
/* The months from the earliest legal working age (labour.minimum_working_age,
 * 《劳动法》第十五条) of a person born on `birth_ymd` up to `until_month`
 * (exclusive; `until_what` names it). */
int lsi_working_months(lsi_calc *k, int birth_ymd, int until_month, const char *until_what,
                       lsi_months_bound *b);
/* The earliest legal working age in months (labour.minimum_working_age,
 * 《劳动法》第十五条) in force on `date`. */
int lsi_working_age(lsi_calc *k, int date, int *months);
/* The person was born before the event and had reached the earliest working
 * age on it (an employee's injury, a claim). */
int lsi_check_working_age(lsi_calc *k, const char *birth_input, int birth_ymd,
                          const char *event_input, int event_ymd);

/* ---- trace (recorded only when k->step is set) ----
 * The guards are inline: without a trace each call costs one test. */
void lsi_step_open(lsi_calc *k, const char *id, const char *title, const char *basis,
                   const char *formula);
void lsi_step_record_value(lsi_calc *k, const char *label, lsi_dec v);
void lsi_step_record_text(lsi_calc *k, const char *label, const char *text);
void lsi_step_record_age(lsi_calc *k, const char *label, int months);
void lsi_step_record_month(lsi_calc *k, const char *label, int month_index);
void lsi_step_record_note(lsi_calc *k, const char *note);
void lsi_step_record_flag(lsi_calc *k, unsigned flag);

/* Open a step.  Its texts are kept by address, not copied.  A step's id,
 * title, legal basis and formula are data (data/steps/<folder>.tsv, compiled
 * into step_tables.c/.h by tools/embed_steps.py at build time); the kernel
 * names the step by its key, lsi_step(k, pension_total), and a key missing
 * from the catalogue does not compile.  lsi_step_static() takes pointers to
 * static strings, for the few steps whose texts depend on the case. */
static inline void lsi_step_static(lsi_calc *k, const char *id, const char *title,
                                   const char *basis, const char *formula)
{
    if (k->trace)
        lsi_step_open(k, id, title, basis, formula);
}
void lsi_step_open_catalogued(lsi_calc *k, const lsi_step_def *s);
static inline void lsi_step_open_def(lsi_calc *k, const lsi_step_def *s)
{
    if (k->trace)
        lsi_step_open_catalogued(k, s);
}
#define lsi_step(k, key) lsi_step_open_def((k), &lsi_step_def_##key)

static inline void lsi_step_value(lsi_calc *k, const char *label, lsi_dec v)
{
    if (k->step)
        lsi_step_record_value(k, label, v);
}

static inline void lsi_step_text(lsi_calc *k, const char *label, const char *text)
{
    if (k->step)
        lsi_step_record_text(k, label, text);
}

static inline void lsi_step_age(lsi_calc *k, const char *label, int months) /* "60y8m" */
{
    if (k->step)
        lsi_step_record_age(k, label, months);
}

static inline void lsi_step_month(lsi_calc *k, const char *label, int month_index)
{
    if (k->step)
        lsi_step_record_month(k, label, month_index);
}

static inline void lsi_step_note(lsi_calc *k, const char *note)
{
    if (k->step)
        lsi_step_record_note(k, note);
}

static inline void lsi_step_flag(lsi_calc *k, unsigned flag)
{
    k->flags |= flag;
    if (k->step)
        lsi_step_record_flag(k, flag);
}

/* Exact result of a step that needs no rounding. */
static inline void lsi_step_result(lsi_calc *k, lsi_dec v)
{
    if (k->step) {
        k->step->result = v;
        k->step->has |= LSI_T_RESULT;
    }
}

/* A value the case gives instead of the rule data: the note saying so, the
 * override flag (raised at every trace level) and the step's result. */
static inline void lsi_step_override(lsi_calc *k, const char *note, lsi_dec v)
{
    lsi_step_note(k, note);
    lsi_step_flag(k, LIBSI_FLAG_OVERRIDE);
    lsi_step_result(k, v);
}

/* Round `exact` by the named rule and record exact value, rule, result and
 * residue (result − exact).  Inline without a trace (issue #10): the rounding
 * and its flag; the recording and the error are the general routine's. */
int lsi_step_round_traced(lsi_calc *k, lsi_dec exact, const lsi_rounding *rule, lsi_dec *out);
int lsi_step_round_failed(lsi_calc *k, int rc, const lsi_rounding *rule);
static inline int lsi_step_round(lsi_calc *k, lsi_dec exact, const lsi_rounding *rule,
                                 lsi_dec *out)
{
    if (k->step)
        return lsi_step_round_traced(k, exact, rule, out);
    unsigned flags = 0;
    int rc = lsi_dec_round(exact, rule, out, &flags);
    if (rc != 0)
        return lsi_step_round_failed(k, rc, rule);
    k->flags |= flags; /* lsi_step_flag without a step */
    return 0;
}

/* Round the exact quotient num / den once by the named rule and record it. */
int lsi_step_round_div_traced(lsi_calc *k, lsi_dec num, lsi_dec den, const lsi_rounding *rule,
                              lsi_dec *out);
/* Inline without a trace (issue #10) when the quotient is an int64 at a scale
 * >= 0, below 10^23 (the general routine's range check of the ratio the trace
 * shows); anything else, and every error, is the general routine's. */
static inline int lsi_step_round_div(lsi_calc *k, lsi_dec num, lsi_dec den,
                                     const lsi_rounding *rule, lsi_dec *out)
{
    unsigned flags = 0;
    if (k->step || lsi_dec_div_round_inline(num, den, rule, out, &flags) != 0 || out->scale < 0 ||
        !lsi_dec_fits64(out->coef))
        return lsi_step_round_div_traced(k, num, den, rule, out);
    k->flags |= flags; /* lsi_step_flag without a step */
    return 0;
}

/* An amount step's usual end: round_fen(amount × the rule value `name` in
 * force on `date`), the value read and recorded as by lsi_param_static, the
 * rounding as by lsi_step_round.  lsi_step_times_rule() takes only a string
 * literal (the name keys the resolution cache by address). */
int lsi_step_times_rule_static(lsi_calc *k, lsi_dec amount, const char *name, int date,
                               lsi_dec *out);
#define lsi_step_times_rule(k, amount, name, date, out) \
    lsi_step_times_rule_static((k), (amount), "" name "", (date), (out))

/* ---- outputs ---- */
int lsi_out_dec_named(lsi_calc *k, const char *name, const lsi_dec *v);
/* Inline hit path (issue #10): the slot by the name cache's first probe. */
static inline __attribute__((always_inline)) int lsi_out_dec(lsi_calc *k, const char *name,
                                                             lsi_dec v)
{
    int i = lsi_name_hit(k->out_names, name);
    if (i < 0)
        return lsi_out_dec_named(k, name, &v);
    k->out[i].kind = LSI_OUT_DEC;
    k->out[i].dec = v;
    return 0;
}
int lsi_out_text(lsi_calc *k, const char *name, const char *text);
int lsi_out_int_named(lsi_calc *k, const char *name, lsi_out_kind kind, int v);
static inline int lsi_out_int(lsi_calc *k, const char *name, lsi_out_kind kind, int v)
{
    int i = lsi_name_hit(k->out_names, name);
    if (i < 0)
        return lsi_out_int_named(k, name, kind, v);
    k->out[i].kind = kind;
    k->out[i].month = v;
    return 0;
}

static inline int lsi_out_month(lsi_calc *k, const char *name, int month_index) /* "YYYY-MM" */
{
    return lsi_out_int(k, name, LSI_OUT_MONTH, month_index);
}

static inline int lsi_out_age(lsi_calc *k, const char *name, int months) /* "60y8m" */
{
    return lsi_out_int(k, name, LSI_OUT_AGE, months);
}
int lsi_out_bool(lsi_calc *k, const char *name, bool v);           /* "true" / "false" */

/* Outputs of the scheme's own fields by index (see lsi_in_dec_of): the slot
 * while the calculation runs under that schema, else the named writer. */
#define LSI_OUT_SLOT(k, id, name) lsi_out_slot((k), lsi_schema_##id##_outputs, LSI_OUT_##id##__##name)
static inline lsi_out *lsi_out_slot(lsi_calc *k, const libsi_field *schema, int i)
{
    return k->scheme->outputs == schema ? &k->out[i] : NULL;
}
#define lsi_out_dec_of(k, id, name, v) lsi_out_dec_at((k), LSI_OUT_SLOT(k, id, name), "" #name "", (v))
static inline int lsi_out_dec_at(lsi_calc *k, lsi_out *o, const char *name, lsi_dec v)
{
    if (!o)
        return lsi_out_dec_named(k, name, &v);
    o->kind = LSI_OUT_DEC;
    o->dec = v;
    return 0;
}
/* The same for a run of outputs: the slots looked up once (LSI_OUTS), each
 * output written through them (lsi_out_dec_to). */
#define LSI_OUTS(k, id) lsi_outs((k), lsi_schema_##id##_outputs)
static inline lsi_out *lsi_outs(lsi_calc *k, const libsi_field *schema)
{
    return k->scheme->outputs == schema ? k->out : NULL;
}
#define lsi_out_dec_to(k, outs, id, name, v) \
    lsi_out_dec_at((k), (outs) ? &(outs)[LSI_OUT_##id##__##name] : NULL, "" #name "", (v))
#define lsi_out_bool_of(k, id, name, v) lsi_out_bool_at((k), LSI_OUT_SLOT(k, id, name), "" #name "", (v))
static inline int lsi_out_bool_at(lsi_calc *k, lsi_out *o, const char *name, bool v)
{
    if (!o)
        return lsi_out_bool(k, name, v);
    o->kind = LSI_OUT_TEXT; /* as lsi_out_bool */
    o->text = v ? "true" : "false";
    return 0;
}
#define lsi_out_month_of(k, id, name, v) \
    lsi_out_int_at((k), LSI_OUT_SLOT(k, id, name), "" #name "", LSI_OUT_MONTH, (v))
#define lsi_out_age_of(k, id, name, v) \
    lsi_out_int_at((k), LSI_OUT_SLOT(k, id, name), "" #name "", LSI_OUT_AGE, (v))
static inline int lsi_out_int_at(lsi_calc *k, lsi_out *o, const char *name, lsi_out_kind kind, int v)
{
    if (!o)
        return lsi_out_int_named(k, name, kind, v);
    o->kind = kind;
    o->month = v;
    return 0;
}

/* Each named value as a decimal output, in order; the first error stops. */
typedef struct lsi_named_dec {
    const char *name;
    lsi_dec v;
} lsi_named_dec;
static inline int lsi_out_decs(lsi_calc *k, const lsi_named_dec *v, size_t n)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = lsi_out_dec(k, v[i].name, v[i].v);
    return rc;
}

/* A monthly contribution case's `month` (*date = its first day), `wage` (not
 * negative) and the choice input `kind` (who pays, how it is funded), read
 * in that order (contribution_case.c). */
int lsi_in_contribution_case(lsi_calc *k, const char *kind, int *kind_value, int *date,
                             lsi_dec *wage);

/* The end of a contribution scheme's totals step: total = employer + employee,
 * the three in the trace.  `sums_rc` is the status of the caller's own sums:
 * their overflow is the same error, input 'wage': total out of range. */
int lsi_contribution_totals(lsi_calc *k, int sums_rc, lsi_dec employer, lsi_dec employee,
                            lsi_dec *total);

/* Output `i` as text into `buf` (LIBSI_DECIMAL_MAX + 1 bytes) or a pointer
 * to the stored text; NULL when unset. */
const char *lsi_out_format(const lsi_out *o, char *buf);

/* ---- running another calculation's kernel ---- */
/* A sub-calculation of `parent`: same context, rules, place, known_on and
 * cache; inputs start at their defaults.  Slots come from the parent's arena. */
typedef struct lsi_kernel {
    lsi_calc k;
} lsi_kernel;

int lsi_kernel_init(lsi_kernel *sub, lsi_calc *parent, const lsi_scheme *s);
int lsi_kernel_set_text(lsi_kernel *sub, const char *name, const char *text);
int lsi_kernel_set_dec(lsi_kernel *sub, const char *name, lsi_dec v);
/* Run it: its steps are recorded as children of the parent's current step
 * (when the parent records); its flags stay in sub->k.flags. */
int lsi_kernel_run(lsi_kernel *sub);
/* A typed output of the sub-calculation, or NULL when unset. */
const lsi_out *lsi_kernel_out(lsi_kernel *sub, const char *name);

#endif

/*
 * Results: what a calculation leaves for its caller (typed outputs formatted
 * once, flags, trace, hash), and the three renderings shared by results and
 * batch rows — the hash document, the canonical JSON and the explanation —
 * written straight from the typed values in canonical key order.
 */
#ifndef LIBSI_RESULT_H
#define LIBSI_RESULT_H

#include "calc_internal.h"
#include "libsi/batch.h"

/* The scheme of that name (registry.c), or NULL. */
const lsi_scheme *lsi_scheme_find(const char *name);
/* The scheme of that name in *s, or LIBSI_ESCHEME naming it. */
int lsi_scheme_get(libsi_ctx *ctx, const char *name, const lsi_scheme **s);

static inline bool lsi_trace_level_known(libsi_trace_level level)
{
    return level >= LIBSI_TRACE_NONE && level <= LIBSI_TRACE_FULL;
}

/* Output i of a batch's current row appended to sb, NUL-terminated, without
 * formatting it first (batch.c; libsi_batch_run_table's columns).  False
 * when the row did not set it. */
bool lsi_batch_output_append(libsi_batch *b, size_t i, lsi_sb *sb);
/* Whether the last row took the scheme's compiled path (compiled.h); for
 * tests/test_compiled.c, which must know that it compares two paths. */
bool lsi_batch_row_compiled(const libsi_batch *b);
/* The caller never asks for the documents of a row (libsi_batch_run_table,
 * which keeps outputs, flags and hashes only): a compiled row keeps no copy
 * of its cells, and libsi_batch_json() or _explain() of one is
 * LIBSI_EINVAL. */
void lsi_batch_without_documents(libsi_batch *b);

/* A context's hold on the ruleset its rule cache and full-trace results
 * point into: one reference on the ruleset, and a count of its own for the
 * context and each such result.  The ruleset's count is shared by every
 * thread that calls with it; counting each result there made two threads
 * bounce its cache line at every call (bench_calc pension, 2 threads:
 * 1.55x one thread; counted here 1.9x) (issue #10).  The count is atomic:
 * a result may be freed on another thread. */
typedef struct lsi_ruleset_pin {
    _Atomic size_t refs;
    const libsi_ruleset *rs;
    libsi_allocator alloc;     /* frees the pin (the context may be gone) */
} lsi_ruleset_pin;

struct libsi_result {
    lsi_arena arena;
    const lsi_scheme *scheme;
    lsi_ruleset_pin *pin;      /* held while the trace points into the ruleset (full trace) */
    libsi_trace_level level;
    lsi_in *in;                /* typed inputs, texts in the arena */
    lsi_out *out;
    const char **values;       /* formatted outputs, schema order, NULL unset */
    uint8_t set[LSI_MAX_FIELDS]; /* schema indices of the set outputs: O(1) access by rank */
    size_t n_set;
    lsi_trace trace;
    unsigned flags;
    char ruleset[65];
    char hash[65];
    const char *io;            /* "inputs":…,"outputs":…,"ruleset":"…" as hashed, or NULL */
    size_t io_len;
};

/* What the renderings read. */
typedef struct lsi_view {
    const lsi_scheme *scheme;
    const lsi_in *in;
    const char *const *values;
    const lsi_tstep *steps;
    unsigned flags;
    const char *ruleset, *hash;
    const uint8_t *in_order, *out_order; /* field indices in name order */
    /* The members "inputs", "outputs" and "ruleset" as the hash document
     * has them, to be copied into the JSON instead of written again; NULL:
     * written from the fields above. */
    const char *io;
    size_t io_len;
} lsi_view;

/* Field indices of a scheme's inputs and outputs in byte order of names. */
void lsi_scheme_order(const lsi_scheme *s, uint8_t *in_order, uint8_t *out_order);

/* How the hash document ends, after its "ruleset" member. */
#define LSI_HASH_DOC_TAIL ",\"version\":\"" LIBSI_VERSION_STRING "\"}"

/* The hash document {"inputs","outputs","ruleset","version"} into `sb`
 * (emptied first) and its SHA-256; false when out of memory. */
bool lsi_view_hash(lsi_sb *sb, const lsi_view *v, char hex[65]);
/* The whole result as canonical JSON, newline-terminated, appended to sb. */
void lsi_view_json(lsi_sb *sb, const lsi_view *v, const char *scheme_name);
/* The explanation, appended to sb. */
void lsi_view_explain(lsi_sb *sb, const lsi_view *v);
/* The same in `lang` (issue #17). */
void lsi_view_explain_lang(lsi_sb *sb, const lsi_view *v, libsi_lang lang);
/* The printable calculation sheet (html.c). */
void lsi_view_html(lsi_sb *sb, const lsi_view *v, libsi_lang lang);
/* How a view is rendered as text (lsi_view_explain_lang, lsi_view_html). */
typedef void lsi_view_render(lsi_sb *sb, const lsi_view *v, libsi_lang lang);
/* A rendering of result r in `lang` as a new string in *out (the caller
 * frees it with libsi_free(ctx, *out)); `what` names *out in the errors. */
int lsi_result_render(libsi_ctx *ctx, const libsi_result *r, libsi_lang lang,
                      lsi_view_render *render, const char *what, char **out);

int lsi_result_new(libsi_ctx *ctx, const libsi_ruleset *rs, const lsi_scheme *s,
                   libsi_trace_level level, libsi_result **out);
/* Run the kernel on r->in (filled and checked), format, flag and seal. */
int lsi_result_compute(libsi_ctx *ctx, const libsi_ruleset *rs, libsi_result *r);

#endif

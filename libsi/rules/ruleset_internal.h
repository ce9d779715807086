/* The rule store's internal layout, shared by loading, lookup and builtin. */
#ifndef LIBSI_RULESET_INTERNAL_H
#define LIBSI_RULESET_INTERNAL_H

#include <stdatomic.h>

#include "internal.h"
#include "json.h"

typedef struct lsi_rule {
    const char *name;
    int32_t jurisdiction;
    int from, to;               /* YYYYMMDD; to = 99991231 when open-ended */
    const char *unit;
    lsi_dec value;
    char value_text[LIBSI_DECIMAL_MAX + 1];
    const char *document, *article, *url, *status, *confidence, *note, *source_file;
    const char *kind;           /* "period" or "until_changed", as declared */
    int published;
    unsigned flags;             /* LOW_CONFIDENCE / PROVISIONAL, set once loaded */
    size_t name_end;            /* one past the last rule of this name, set once loaded */
    char published_text[11];
    char from_text[11], to_text[11], jurisdiction_text[8];
    lsi_json_fragment json_head, json_tail; /* the provenance as the trace JSON writes
                                             * it, set once loaded (provenance.c) */
} lsi_rule;

/* A parameter as declared in the `parameters` section of a rule file.
 * kind "period": every value is set for a period and must end (`to`);
 * kind "until_changed": a value may stay open-ended (in force until changed). */
typedef struct lsi_param_decl {
    const char *name, *kind, *unit, *source_file;
    int line;
    const char *min, *max;      /* declared range ("" = the unit's own) */
} lsi_param_decl;

struct libsi_ruleset {
    /* The owner's reference and each traced result's, changed by every
     * thread that calls with this ruleset: alone on its cache line, so the
     * count's writes do not evict what every lookup reads (rules, n). */
    _Atomic size_t refs;
    char refs_line[64 - sizeof(size_t)]; /* the members below start past refs' line */
    lsi_arena arena;            /* strings and the YAML trees */
    lsi_rule *rules;            /* sorted by name, jurisdiction, from, published */
    size_t n, cap;
    lsi_param_decl *params;     /* declarations of all files, in load order */
    size_t n_params, cap_params;
    char digest[65];
};

/* One embedded rule file. */
typedef struct lsi_rule_text {
    const char *name;
    const char *text;
    size_t len;
} lsi_rule_text;

int lsi_ruleset_from_texts(libsi_ctx *ctx, const lsi_rule_text *texts, size_t n,
                           libsi_ruleset **out);

/* Find the value in force; `field` names the caller's input in messages.
 * On success *out points into the ruleset; *flags gains CARRIED_FORWARD,
 * LOW_CONFIDENCE, PROVISIONAL as they apply. */
typedef struct lsi_query {
    const char *name;
    const lsi_jurisdiction *place;
    int date;                   /* YYYYMMDD */
    int known_on;               /* YYYYMMDD, 0 = sees everything */
    bool carry_forward;
} lsi_query;

int lsi_rule_find(libsi_ctx *ctx, const libsi_ruleset *rs, const lsi_query *q,
                  const lsi_rule **out, unsigned *flags);
unsigned lsi_rule_flags(const lsi_rule *r);
/* The members of a rule value's entry in a trace step's "params", as one
 * JSON object (provenance.c): written when loaded, copied here. */
void lsi_rule_provenance_json(lsi_sb *sb, const lsi_rule *r, bool carried_forward);
/* Write every rule's provenance once (at the end of loading); false: out of memory. */
bool lsi_ruleset_render_provenance(libsi_ruleset *rs);
/* Keep `rs` alive until one more libsi_ruleset_free(). */
const libsi_ruleset *lsi_ruleset_retain(const libsi_ruleset *rs);

#endif

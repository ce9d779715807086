/*
 * The dated rule store.
 *
 * Rule values (name, jurisdiction, period [from, to), unit, decimal value and
 * provenance) are read from YAML rule files (format: docs/rule-data.md) or
 * from the same files compiled into the library.  Once built a ruleset is
 * immutable, so any number of threads may look values up concurrently.
 *
 * Lookups are strict (house rule: a missing value is an error, never a silent
 * carry-forward): the value must cover the date asked, at the city, else the
 * province, else the nation.  A caller may ask for the last value to be
 * carried forward; the result is then flagged.  `known_on` hides values
 * published later, which reproduces what an agency could know on a given day
 * (e.g. the provisional use of last year's 计发基数 before the year's notice).
 *
 * Each file declares the parameters it uses (`parameters:`, with their kind
 * and unit).  A `period` parameter's values must end: an annual limit with no
 * end date would otherwise be found for any later date, which is exactly the
 * silent carry-forward the house rule forbids.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ruleset_internal.h"
#include "yaml_tree.h"

#define OPEN_END 99991231

/* "flag" is a yes/no switch written "0" or "1" (work_injury.contribution_base.uncapped). */
static const char *const units[] = {"yuan", "yuan/month", "yuan/year", "ratio", "months",
                                    "years", "tier", "index", "flag"};
#define N_UNITS (sizeof units / sizeof units[0])

/* How a parameter's values end (docs/rule-data.md, "Parameters and periods"):
 * a value set for a period (a July–June base limit, a year's 计发基数, a
 * minimum-wage decree) must carry its end date, so a later lookup fails
 * strictly instead of silently reusing it; a rate in force until changed may
 * stay open-ended. */
static const char *const kinds[] = {"period", "until_changed"};

/* ------------------------------------------------------------ loading */

typedef struct loader {
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    const char *file;
    const lsi_ynode *documents;
    const lsi_ynode *parameters;    /* this file's declarations, or NULL */
} loader;

static int bad(loader *ld, const lsi_ynode *at, const char *field, const char *what)
{
    char where[LSI_FIELD_MAX];
    snprintf(where, sizeof where, "%s:%d: %s", ld->file, at ? at->line : 0, field);
    return lsi_fail(ld->ctx, LIBSI_ERULEFILE, where, "%s:%d: field '%s': %s", ld->file,
                    at ? at->line : 0, field, what);
}

static int nomem(loader *ld)
{
    return lsi_fail(ld->ctx, LIBSI_ENOMEM, ld->file, "out of memory loading %s", ld->file);
}

/* A required (or optional, when `optional`) scalar field of a mapping. */
static int scalar_field(loader *ld, const lsi_ynode *map, const char *key, bool optional,
                        const char **out)
{
    const lsi_ynode *v = lsi_ymap_get(map, key);
    if (!v || lsi_yscalar_is_null(v)) {
        *out = "";
        return optional ? 0 : bad(ld, map, key, "is required");
    }
    if (v->kind != LSI_Y_SCALAR)
        return bad(ld, v, key, "must be a scalar");
    *out = v->text;
    return 0;
}

static int check_keys(loader *ld, const lsi_ynode *map, const char *const *allowed)
{
    for (const lsi_ynode *k = map->first; k; k = k->next->next) {
        bool ok = false;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = strcmp(*a, k->text) == 0;
        if (!ok)
            return bad(ld, k, k->text, "unknown field (a typo?)");
    }
    return 0;
}

static int date_field(loader *ld, const lsi_ynode *map, const char *key, bool optional,
                      int *out)
{
    const char *text;
    int rc = scalar_field(ld, map, key, optional, &text);
    if (rc != 0)
        return rc;
    if (!*text) {
        *out = OPEN_END;
        return 0;
    }
    if (lsi_date_parse(text, out, false) != 0)
        return bad(ld, lsi_ymap_get(map, key), key, "must be a date YYYY-MM-DD");
    return 0;
}

static int one_of(loader *ld, const lsi_ynode *map, const char *key, const char *const *set,
                  size_t n, const char **out)
{
    int rc = scalar_field(ld, map, key, false, out);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < n; i++)
        if (strcmp(set[i], *out) == 0) {
            *out = set[i];
            return 0;
        }
    return bad(ld, lsi_ymap_get(map, key), key, "value not allowed here");
}

/* Room for one more item in an array of the ruleset (doubling, from `first`). */
static int grow_array(loader *ld, void **items, size_t n, size_t *cap, size_t size,
                      size_t first)
{
    if (n < *cap)
        return 0;
    size_t want = *cap ? *cap * 2 : first;
    void *p = lsi_realloc(&ld->rs->arena.alloc, *items, want * size);
    if (!p)
        return nomem(ld);
    *items = p;
    *cap = want;
    return 0;
}

static int grow(loader *ld)
{
    libsi_ruleset *rs = ld->rs;
    void *items = rs->rules;
    int rc = grow_array(ld, &items, rs->n, &rs->cap, sizeof *rs->rules, 256);
    rs->rules = items;
    return rc;
}

static int parse_jurisdiction_code(loader *ld, const lsi_ynode *n, int32_t *code)
{
    if (n->kind != LSI_Y_SCALAR)
        return bad(ld, n, "jurisdiction", "must be a code or a list of codes");
    /* Exactly as the table writes a code: "0" for the nation, else six
     * digits, the first not 0 (the rule files' form; no other spelling). */
    const char *t = n->text;
    bool six = strlen(t) == 6 && t[0] >= '1' && t[0] <= '9' && strspn(t, "0123456789") == 6;
    const lsi_jurisdiction *j = strcmp(t, "0") == 0 ? lsi_jurisdiction_by_code(0)
                                : six               ? lsi_jurisdiction_by_code((int32_t)atol(t))
                                                    : NULL;
    if (!j)
        return bad(ld, n, "jurisdiction", "unknown GB/T 2260 code (0 is the nation)");
    if (!j->supported)
        return bad(ld, n, "jurisdiction", "Shenzhen runs its own system and is not supported");
    *code = j->code;
    return 0;
}

/* Provenance shared by all values of one document. */
typedef struct provenance {
    const char *number, *url, *published_text, *status;
    int published;
} provenance;

static int document_provenance(loader *ld, const lsi_ynode *value, const char *key,
                               provenance *p)
{
    static const char *const allowed[] = {"number", "title", "url", "published",
                                          "published_note", "status", NULL};
    static const char *const statuses[] = {"enacted", "provisional", "projected"};
    const lsi_ynode *doc = lsi_ymap_get(ld->documents, key);
    if (!doc)
        return bad(ld, value, "document", "not declared under 'documents'");
    if (doc->kind != LSI_Y_MAP)
        return bad(ld, doc, key, "a document must be a mapping");
    int rc = check_keys(ld, doc, allowed);
    if (rc == 0) rc = scalar_field(ld, doc, "number", false, &p->number);
    if (rc == 0) rc = scalar_field(ld, doc, "url", true, &p->url);
    if (rc == 0) rc = scalar_field(ld, doc, "published", false, &p->published_text);
    if (rc == 0) rc = date_field(ld, doc, "published", false, &p->published);
    if (rc == 0) rc = one_of(ld, doc, "status", statuses, 3, &p->status);
    return rc;
}

/* ------------------------------------------------- parameter declarations */

static int grow_params(loader *ld)
{
    libsi_ruleset *rs = ld->rs;
    void *items = rs->params;
    int rc = grow_array(ld, &items, rs->n_params, &rs->cap_params, sizeof *rs->params, 64);
    rs->params = items;
    return rc;
}

static bool same_declaration(const lsi_param_decl *a, const lsi_param_decl *b)
{
    return strcmp(a->kind, b->kind) == 0 && strcmp(a->unit, b->unit) == 0 &&
           strcmp(a->min, b->min) == 0 && strcmp(a->max, b->max) == 0;
}

/* A name declared by several files must mean one thing: same kind, unit and range. */
static int register_param(loader *ld, const lsi_ynode *key, const lsi_param_decl *decl)
{
    libsi_ruleset *rs = ld->rs;
    for (size_t i = 0; i < rs->n_params; i++) {
        const lsi_param_decl *d = &rs->params[i];
        if (strcmp(d->name, key->text) != 0)
            continue;
        if (same_declaration(d, decl))
            return 0;
        char what[512];
        snprintf(what, sizeof what,
                 "declared 'kind: %s, unit: %s, min: %s, max: %s' here but 'kind: %s, unit: %s, "
                 "min: %s, max: %s' in %s:%d (a parameter means one thing everywhere)",
                 decl->kind, decl->unit, decl->min, decl->max, d->kind, d->unit, d->min, d->max,
                 d->source_file, d->line);
        return bad(ld, key, key->text, what);
    }
    int rc = grow_params(ld);
    if (rc != 0)
        return rc;
    rs->params[rs->n_params++] = *decl;
    return 0;
}

/* ------------------------------------------------------- value ranges */

/* The range every value of a unit must lie in (issue #12: rule files are
 * typed): a rate is a share of a base, amounts and counts are not negative,
 * counts of months and tiers are whole.  A declaration's `min` / `max`
 * replaces the unit's bound on its side (a floating level may reach 1.5). */
typedef struct unit_range {
    const char *unit, *min, *max;
    bool whole;
} unit_range;

static const unit_range unit_ranges[] = {
    {"yuan", "0", "", false},   {"yuan/month", "0", "", false}, {"yuan/year", "0", "", false},
    {"ratio", "0", "1", false}, {"months", "0", "", true},      {"years", "0", "", false},
    {"tier", "1", "", true},    {"index", "0", "", false},      {"flag", "0", "1", true},
};

static const unit_range *range_of(const char *unit)
{
    for (size_t i = 0; i < sizeof unit_ranges / sizeof unit_ranges[0]; i++)
        if (strcmp(unit_ranges[i].unit, unit) == 0)
            return &unit_ranges[i];
    return &unit_ranges[0];
}

/* A declared bound: absent (""), or a canonical decimal. */
static int bound_field(loader *ld, const lsi_ynode *decl, const char *key, const char **out)
{
    int rc = scalar_field(ld, decl, key, true, out);
    lsi_dec d;
    if (rc == 0 && **out && lsi_dec_parse(*out, &d, NULL) != 0)
        return bad(ld, lsi_ymap_get(decl, key), key, "must be a quoted decimal such as \"1.5\"");
    return rc;
}

static int declared_range(loader *ld, const lsi_ynode *key, const lsi_ynode *d,
                          lsi_param_decl *decl)
{
    int rc = bound_field(ld, d, "min", &decl->min);
    if (rc == 0) rc = bound_field(ld, d, "max", &decl->max);
    if (rc != 0)
        return rc;
    lsi_dec lo, hi;
    if (*decl->min && *decl->max && lsi_dec_parse(decl->min, &lo, NULL) == 0 &&
        lsi_dec_parse(decl->max, &hi, NULL) == 0 && lsi_dec_cmp(lo, hi) > 0)
        return bad(ld, lsi_ymap_get(d, "max"), key->text, "max is below min");
    return 0;
}

/* The `parameters` section: name → {kind, unit, note}.  Absent only in a
 * file without values (every value must name a declared parameter). */
static int declare_parameters(loader *ld, const lsi_ynode *root)
{
    static const char *const allowed[] = {"kind", "unit", "min", "max", "note", NULL};
    const lsi_ynode *params = lsi_ymap_get(root, "parameters");
    ld->parameters = NULL;
    if (!params)
        return 0;
    if (params->kind != LSI_Y_MAP)
        return bad(ld, params, "parameters",
                   "must be a mapping of parameter names to {kind, unit, note}");
    ld->parameters = params;
    for (const lsi_ynode *k = params->first; k; k = k->next->next) {
        const lsi_ynode *d = k->next;
        const char *note;
        lsi_param_decl decl = {k->text, "", "", ld->file, k->line, "", ""};
        if (d->kind != LSI_Y_MAP)
            return bad(ld, d, k->text,
                       "a parameter declaration is a mapping {kind: period | until_changed, "
                       "unit: …, min: …, max: …}");
        int rc = check_keys(ld, d, allowed);
        if (rc == 0) rc = one_of(ld, d, "kind", kinds, 2, &decl.kind);
        if (rc == 0) rc = one_of(ld, d, "unit", units, N_UNITS, &decl.unit);
        if (rc == 0) rc = declared_range(ld, k, d, &decl);
        if (rc == 0) rc = scalar_field(ld, d, "note", true, &note);
        if (rc == 0) rc = register_param(ld, k, &decl);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* The bound on one side: the declaration's, else the unit's ("" = none). */
static const char *side_bound(const lsi_ynode *decl, const char *key, const char *unit_bound)
{
    const lsi_ynode *b = lsi_ymap_get(decl, key);
    return b && b->kind == LSI_Y_SCALAR && *b->text ? b->text : unit_bound;
}

static int out_of_range(loader *ld, const lsi_ynode *v, const lsi_rule *r, const char *lo,
                        const char *hi, bool whole)
{
    char what[512];
    snprintf(what, sizeof what,
             "parameter '%s' (unit %s) takes %svalues in [%s, %s]; '%s' is outside (range by "
             "unit, or the declaration's min / max)",
             r->name, r->unit, whole ? "whole " : "", *lo ? lo : "-∞", *hi ? hi : "∞",
             r->value_text);
    return bad(ld, lsi_ymap_get(v, "value"), "value", what);
}

/* Typed values: within the unit's range (or the declared one), whole where
 * the unit counts. */
static int check_range(loader *ld, const lsi_ynode *v, const lsi_rule *r, const lsi_ynode *decl)
{
    const unit_range *u = range_of(r->unit);
    const char *lo = side_bound(decl, "min", u->min), *hi = side_bound(decl, "max", u->max);
    lsi_dec b;
    bool bad_value = u->whole && !lsi_dec_is_whole(r->value);
    if (!bad_value && *lo && lsi_dec_parse(lo, &b, NULL) == 0)
        bad_value = lsi_dec_cmp(r->value, b) < 0;
    if (!bad_value && *hi && lsi_dec_parse(hi, &b, NULL) == 0)
        bad_value = lsi_dec_cmp(r->value, b) > 0;
    return bad_value ? out_of_range(ld, v, r, lo, hi, u->whole) : 0;
}

/* A value's parameter must be declared in the same file, with the value's
 * unit; a `period` value must end; a `flag` is "0" or "1"; the value lies in
 * its parameter's range. */
static int check_declared(loader *ld, const lsi_ynode *v, lsi_rule *r)
{
    const lsi_ynode *name = lsi_ymap_get(v, "name");
    const lsi_ynode *decl = ld->parameters ? lsi_ymap_get(ld->parameters, r->name) : NULL;
    char what[512];
    if (!decl) {
        snprintf(what, sizeof what,
                 "parameter '%s' is not declared under 'parameters' (declare it with "
                 "kind: period or kind: until_changed, and its unit)",
                 r->name);
        return bad(ld, name, "name", what);
    }
    const char *kind = lsi_ymap_get(decl, "kind")->text;
    const char *unit = lsi_ymap_get(decl, "unit")->text;
    if (strcmp(unit, r->unit) != 0) {
        snprintf(what, sizeof what, "'%s' is declared with unit '%s', not '%s'", r->name, unit,
                 r->unit);
        return bad(ld, lsi_ymap_get(v, "unit"), "unit", what);
    }
    if (strcmp(kind, "period") == 0 && r->to == OPEN_END) {
        const lsi_ynode *to = lsi_ymap_get(v, "to");
        snprintf(what, sizeof what,
                 "parameter '%s' is declared kind: period, so each of its values ends: give "
                 "'to' (an open-ended value would be carried forward silently)",
                 r->name);
        return bad(ld, to ? to : v, "to", what);
    }
    if (strcmp(r->unit, "flag") == 0 && strcmp(r->value_text, "0") != 0 &&
        strcmp(r->value_text, "1") != 0) {
        snprintf(what, sizeof what, "'%s' has unit 'flag': its value is \"0\" or \"1\"",
                 r->name);
        return bad(ld, lsi_ymap_get(v, "value"), "value", what);
    }
    r->kind = strcmp(kind, "period") == 0 ? kinds[0] : kinds[1];
    return check_range(ld, v, r, decl);
}

static int value_entry(loader *ld, const lsi_ynode *v, lsi_rule *r)
{
    static const char *const allowed[] = {"name", "jurisdiction", "from", "to", "unit",
                                          "value", "document", "article", "confidence",
                                          "note", NULL};
    static const char *const confidences[] = {"H", "M", "L", "NF"};
    const char *value_text, *doc_key;
    provenance p;
    if (v->kind != LSI_Y_MAP)
        return bad(ld, v, "values", "each value must be a mapping");
    int rc = check_keys(ld, v, allowed);
    if (rc == 0) rc = scalar_field(ld, v, "name", false, &r->name);
    if (rc == 0) rc = date_field(ld, v, "from", false, &r->from);
    if (rc == 0) rc = date_field(ld, v, "to", true, &r->to);
    if (rc == 0) rc = one_of(ld, v, "unit", units, N_UNITS, &r->unit);
    if (rc == 0) rc = scalar_field(ld, v, "value", false, &value_text);
    if (rc == 0) rc = scalar_field(ld, v, "article", true, &r->article);
    if (rc == 0) rc = one_of(ld, v, "confidence", confidences, 4, &r->confidence);
    if (rc == 0) rc = scalar_field(ld, v, "note", true, &r->note);
    if (rc == 0) rc = scalar_field(ld, v, "document", false, &doc_key);
    if (rc == 0) rc = document_provenance(ld, v, doc_key, &p);
    if (rc != 0)
        return rc;
    const char *why = NULL;
    if (lsi_dec_parse(value_text, &r->value, &why) != 0)
        return bad(ld, lsi_ymap_get(v, "value"), "value", why);
    if (r->to <= r->from)
        return bad(ld, lsi_ymap_get(v, "to"), "to", "must be later than 'from'");
    lsi_dec_format(r->value, r->value_text);
    if ((rc = check_declared(ld, v, r)) != 0)
        return rc;
    r->document = p.number;
    r->url = p.url;
    r->published = p.published;
    lsi_date_format(p.published, r->published_text);
    r->status = p.status;
    r->source_file = ld->file;
    return 0;
}

/* One entry may name several jurisdictions; it becomes one rule for each. */
static int add_value(loader *ld, const lsi_ynode *v)
{
    lsi_rule proto;
    memset(&proto, 0, sizeof proto);
    int rc = value_entry(ld, v, &proto);
    if (rc != 0)
        return rc;
    const lsi_ynode *j = lsi_ymap_get(v, "jurisdiction");
    if (!j)
        return bad(ld, v, "jurisdiction", "is required");
    const lsi_ynode *first = j->kind == LSI_Y_SEQ ? j->first : j;
    if (!first)
        return bad(ld, j, "jurisdiction", "list is empty");
    for (const lsi_ynode *c = first; c; c = j->kind == LSI_Y_SEQ ? c->next : NULL) {
        if ((rc = grow(ld)) != 0)
            return rc;
        lsi_rule *r = &ld->rs->rules[ld->rs->n];
        *r = proto;
        if ((rc = parse_jurisdiction_code(ld, c, &r->jurisdiction)) != 0)
            return rc;
        snprintf(r->jurisdiction_text, sizeof r->jurisdiction_text,
                 r->jurisdiction ? "%06d" : "%d", (int)r->jurisdiction);
        lsi_date_format(r->from, r->from_text);
        if (r->to != OPEN_END)
            lsi_date_format(r->to, r->to_text);
        ld->rs->n++;
    }
    return 0;
}

static int load_tree(loader *ld, const lsi_ynode *root)
{
    static const char *const allowed[] = {"libsi_rules", "documents", "parameters", "values",
                                          NULL};
    if (root->kind != LSI_Y_MAP)
        return bad(ld, root, "(top)", "a rule file is a mapping");
    int rc = check_keys(ld, root, allowed);
    if (rc != 0)
        return rc;
    const lsi_ynode *fmt = lsi_ymap_get(root, "libsi_rules");
    if (!fmt || fmt->kind != LSI_Y_SCALAR || strcmp(fmt->text, "1") != 0)
        return bad(ld, fmt ? fmt : root, "libsi_rules", "must be 1 (format version)");
    ld->documents = lsi_ymap_get(root, "documents");
    if (!ld->documents || ld->documents->kind != LSI_Y_MAP)
        return bad(ld, root, "documents", "must be a mapping of document ids");
    if ((rc = declare_parameters(ld, root)) != 0)
        return rc;
    const lsi_ynode *values = lsi_ymap_get(root, "values");
    if (!values || values->kind != LSI_Y_SEQ)
        return bad(ld, root, "values", "must be a list");
    for (const lsi_ynode *v = values->first; v && rc == 0; v = v->next)
        rc = add_value(ld, v);
    return rc;
}

static int load_text(libsi_ctx *ctx, libsi_ruleset *rs, const char *text, size_t len,
                     const char *name)
{
    loader ld = {ctx, rs, lsi_arena_strdup(&rs->arena, name), NULL, NULL};
    if (!ld.file)
        return lsi_fail(ctx, LIBSI_ENOMEM, name, "out of memory");
    lsi_ynode *root;
    int rc = lsi_yaml_parse(ctx, &rs->arena, text, len, ld.file, LIBSI_ERULEFILE, &root);
    return rc != 0 ? rc : load_tree(&ld, root);
}

/* ---------------------------------------------------------- finishing */

static int rule_order(const void *pa, const void *pb)
{
    const lsi_rule *a = pa, *b = pb;
    int c = strcmp(a->name, b->name);
    if (c == 0) c = (a->jurisdiction > b->jurisdiction) - (a->jurisdiction < b->jurisdiction);
    if (c == 0) c = (a->from > b->from) - (a->from < b->from);
    if (c == 0) c = (a->published > b->published) - (a->published < b->published);
    return c;
}

/* Periods of one (name, jurisdiction) may overlap only when a later
 * publication revises an earlier one (bitemporal correction). */
static int check_overlaps(libsi_ctx *ctx, const libsi_ruleset *rs)
{
    for (size_t i = 1; i < rs->n; i++) {
        const lsi_rule *a = &rs->rules[i - 1], *b = &rs->rules[i];
        if (strcmp(a->name, b->name) != 0 || a->jurisdiction != b->jurisdiction)
            continue;
        if (b->from < a->to && a->published == b->published) {
            char from[11];
            lsi_date_format(b->from, from);
            return lsi_fail(ctx, LIBSI_ERULEFILE, b->name,
                            "%s: '%s' for %06d has overlapping periods at %s (in %s and %s)",
                            b->source_file, b->name, (int)b->jurisdiction, from,
                            a->source_file, b->source_file);
        }
    }
    return 0;
}

static void compute_digest(libsi_ruleset *rs)
{
    lsi_sb sb;
    lsi_sb_init(&sb, &rs->arena.alloc);
    for (size_t i = 0; i < rs->n; i++) {
        const lsi_rule *r = &rs->rules[i];
        lsi_sb_printf(&sb, "%s|%d|%d|%d|%s|%s|%s|%s|%s|%d|%s|%s|%s\n", r->name,
                      (int)r->jurisdiction, r->from, r->to, r->unit, r->value_text,
                      r->document, r->article, r->url, r->published, r->status,
                      r->confidence, r->note);
    }
    lsi_sha256_hex(sb.buf ? sb.buf : "", sb.len, rs->digest);
    if (sb.failed)
        rs->digest[0] = '\0';
    lsi_sb_dispose(&sb);
}

/* Where each name's run of sorted rules ends: a lookup scans the run
 * without comparing names (lookup.c). */
static void mark_name_runs(libsi_ruleset *rs)
{
    for (size_t i = rs->n; i-- > 0;) {
        bool same = i + 1 < rs->n && strcmp(rs->rules[i + 1].name, rs->rules[i].name) == 0;
        rs->rules[i].name_end = same ? rs->rules[i + 1].name_end : i + 1;
    }
}

static int finish(libsi_ctx *ctx, libsi_ruleset *rs)
{
    if (rs->n > 1) /* qsort(NULL, 0, …) is undefined (found by fuzz_rules) */
        qsort(rs->rules, rs->n, sizeof *rs->rules, rule_order);
    int rc = check_overlaps(ctx, rs);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < rs->n; i++)
        rs->rules[i].flags = lsi_rule_flags(&rs->rules[i]);
    mark_name_runs(rs);
    compute_digest(rs);
    if (!rs->digest[0])
        return lsi_fail(ctx, LIBSI_ENOMEM, "ruleset", "out of memory computing the digest");
    if (!lsi_ruleset_render_provenance(rs))
        return lsi_fail(ctx, LIBSI_ENOMEM, "ruleset", "out of memory writing the provenance");
    return 0;
}

static int new_ruleset(libsi_ctx *ctx, libsi_ruleset **out)
{
    libsi_ruleset *rs = lsi_malloc(&ctx->alloc, sizeof *rs);
    if (!rs)
        return lsi_fail(ctx, LIBSI_ENOMEM, "ruleset", "out of memory");
    memset(rs, 0, sizeof *rs);
    atomic_init(&rs->refs, 1);
    lsi_arena_init(&rs->arena, &ctx->alloc);
    *out = rs;
    return 0;
}

/* Take ownership of a ruleset under construction, or free it on error. */
static int conclude(libsi_ctx *ctx, libsi_ruleset *rs, int rc, libsi_ruleset **out)
{
    if (rc == 0)
        rc = finish(ctx, rs);
    if (rc != 0) {
        libsi_ruleset_free(rs);
        return rc;
    }
    *out = rs;
    return 0;
}

static int ruleset_load_buffer_impl(libsi_ctx *ctx, const char *yaml, size_t len, const char *name,
                                    libsi_ruleset **out)
{
    if (!ctx || !out || (!yaml && len))
        return lsi_fail(ctx, LIBSI_EINVAL, "yaml", "NULL argument");
    *out = NULL;
    lsi_clear_error(ctx);
    libsi_ruleset *rs = NULL;
    int rc = new_ruleset(ctx, &rs);
    if (rc != 0)
        return rc;
    rc = load_text(ctx, rs, yaml ? yaml : "", len, name ? name : "(buffer)");
    return conclude(ctx, rs, rc, out);
}

int libsi_ruleset_load_buffer(libsi_ctx *ctx, const char *yaml, size_t len, const char *name,
                              libsi_ruleset **out)
{
    LSI_API_RETURN_OUT(ctx, out, ruleset_load_buffer_impl(ctx, yaml, len, name, out));
}

int lsi_ruleset_from_texts(libsi_ctx *ctx, const lsi_rule_text *texts, size_t n,
                           libsi_ruleset **out)
{
    libsi_ruleset *rs = NULL;
    int rc = new_ruleset(ctx, &rs);
    if (rc != 0)
        return rc;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = load_text(ctx, rs, texts[i].text, texts[i].len, texts[i].name);
    return conclude(ctx, rs, rc, out);
}

static int load_read_text(libsi_ctx *ctx, const char *text, size_t len, const char *path,
                          void *rs)
{
    return load_text(ctx, rs, text, len, path);
}

static int load_file_into(libsi_ctx *ctx, libsi_ruleset *rs, const char *path)
{
    return lsi_read_then_parse(ctx, path, load_read_text, rs);
}

static bool is_yaml_name(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && name[0] != '.' && strcmp(name + n - 5, ".yaml") == 0;
}

static int name_order(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.yaml file of a directory, in name order (so digests are stable). */
static int load_directory(libsi_ctx *ctx, libsi_ruleset *rs, const char *dir, DIR *d)
{
    char *names[256];
    size_t n = 0;
    int rc = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL && rc == 0;) {
        if (!is_yaml_name(e->d_name))
            continue;
        if (n == 256)
            rc = lsi_fail(ctx, LIBSI_EIO, dir, "more than 256 rule files in '%s'", dir);
        else if (!(names[n++] = lsi_arena_strdup(&rs->arena, e->d_name)))
            rc = lsi_fail(ctx, LIBSI_ENOMEM, dir, "out of memory");
    }
    qsort(names, n, sizeof names[0], name_order);
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = lsi_arena_alloc(&rs->arena, len);
        if (!path)
            return lsi_fail(ctx, LIBSI_ENOMEM, dir, "out of memory");
        snprintf(path, len, "%s/%s", dir, names[i]);
        rc = load_file_into(ctx, rs, path);
    }
    if (rc == 0 && n == 0)
        rc = lsi_fail(ctx, LIBSI_EIO, dir, "no *.yaml rule files in '%s'", dir);
    return rc;
}

static int ruleset_load_impl(libsi_ctx *ctx, const char *path, libsi_ruleset **out)
{
    if (!ctx || !path || !out)
        return lsi_fail(ctx, LIBSI_EINVAL, "path", "NULL argument");
    *out = NULL;
    lsi_clear_error(ctx);
    libsi_ruleset *rs = NULL;
    int rc = new_ruleset(ctx, &rs);
    if (rc != 0)
        return rc;
    DIR *d = opendir(path);
    if (d) {
        rc = load_directory(ctx, rs, path, d);
        closedir(d);
    } else {
        rc = load_file_into(ctx, rs, path);
    }
    return conclude(ctx, rs, rc, out);
}

int libsi_ruleset_load(libsi_ctx *ctx, const char *path, libsi_ruleset **out)
{
    LSI_API_RETURN_OUT(ctx, out, ruleset_load_impl(ctx, path, out));
}

/* Results with a full trace point into the ruleset; they keep it alive. */
const libsi_ruleset *lsi_ruleset_retain(const libsi_ruleset *rs)
{
    atomic_fetch_add(&((libsi_ruleset *)rs)->refs, 1);
    return rs;
}

void libsi_ruleset_free(libsi_ruleset *rs)
{
    if (!rs || atomic_fetch_sub(&rs->refs, 1) > 1)
        return;
    libsi_allocator a = rs->arena.alloc;
    lsi_free(&a, rs->rules);
    lsi_free(&a, rs->params);
    lsi_arena_release(&rs->arena);
    lsi_free(&a, rs);
}

const char *libsi_ruleset_digest(const libsi_ruleset *rs)
{
    return rs ? rs->digest : "";
}

size_t libsi_ruleset_size(const libsi_ruleset *rs)
{
    return rs ? rs->n : 0;
}

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
 * (e.g. the provisional use of last year's 计发基数, agency practice).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ruleset_internal.h"
#include "yaml_tree.h"

#define OPEN_END 99991231
#define MAX_FILE_BYTES (16u << 20)

static const char *const units[] = {"yuan", "yuan/month", "yuan/year", "ratio",
                                    "months", "years", "tier", "index"};

/* ------------------------------------------------------------ loading */

typedef struct loader {
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    const char *file;
    const lsi_ynode *documents;
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

static int grow(loader *ld)
{
    libsi_ruleset *rs = ld->rs;
    if (rs->n < rs->cap)
        return 0;
    size_t cap = rs->cap ? rs->cap * 2 : 256;
    lsi_rule *p = lsi_realloc(&rs->arena.alloc, rs->rules, cap * sizeof *p);
    if (!p)
        return nomem(ld);
    rs->rules = p;
    rs->cap = cap;
    return 0;
}

static int parse_jurisdiction_code(loader *ld, const lsi_ynode *n, int32_t *code)
{
    if (n->kind != LSI_Y_SCALAR)
        return bad(ld, n, "jurisdiction", "must be a code or a list of codes");
    const lsi_jurisdiction *j = NULL;
    for (size_t i = 0; i < lsi_jurisdiction_count() && !j; i++) {
        const lsi_jurisdiction *c = lsi_jurisdiction_at(i);
        char buf[8];
        snprintf(buf, sizeof buf, c->code ? "%06d" : "%d", (int)c->code);
        if (strcmp(buf, n->text) == 0)
            j = c;
    }
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
    if (rc == 0) rc = one_of(ld, v, "unit", units, sizeof units / sizeof units[0], &r->unit);
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
    static const char *const allowed[] = {"libsi_rules", "documents", "values", NULL};
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
    loader ld = {ctx, rs, lsi_arena_strdup(&rs->arena, name), NULL};
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

static int finish(libsi_ctx *ctx, libsi_ruleset *rs)
{
    if (rs->n > 1) /* qsort(NULL, 0, …) is undefined (found by fuzz_rules) */
        qsort(rs->rules, rs->n, sizeof *rs->rules, rule_order);
    int rc = check_overlaps(ctx, rs);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < rs->n; i++)
        rs->rules[i].flags = lsi_rule_flags(&rs->rules[i]);
    compute_digest(rs);
    if (!rs->digest[0])
        return lsi_fail(ctx, LIBSI_ENOMEM, "ruleset", "out of memory computing the digest");
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

int libsi_ruleset_load_buffer(libsi_ctx *ctx, const char *yaml, size_t len, const char *name,
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

/* Read a whole file (bounded) with the context's allocator. */
int lsi_read_file(libsi_ctx *ctx, const char *path, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return lsi_fail(ctx, LIBSI_EIO, path, "cannot open '%s'", path);
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            char *p = cap > MAX_FILE_BYTES + 1 ? NULL : lsi_realloc(&ctx->alloc, buf, cap + 1);
            if (!p) {
                rc = cap > MAX_FILE_BYTES + 1
                         ? lsi_fail(ctx, LIBSI_EIO, path, "'%s' is larger than 16 MiB", path)
                         : lsi_fail(ctx, LIBSI_ENOMEM, path, "out of memory reading '%s'", path);
                break;
            }
            buf = p;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (rc == 0 && ferror(f))
        rc = lsi_fail(ctx, LIBSI_EIO, path, "error reading '%s'", path);
    fclose(f);
    if (rc != 0) {
        lsi_free(&ctx->alloc, buf);
        return rc;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

static int load_file_into(libsi_ctx *ctx, libsi_ruleset *rs, const char *path)
{
    char *text;
    size_t len;
    int rc = lsi_read_file(ctx, path, &text, &len);
    if (rc != 0)
        return rc;
    rc = load_text(ctx, rs, text, len, path);
    lsi_free(&ctx->alloc, text);
    return rc;
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

int libsi_ruleset_load(libsi_ctx *ctx, const char *path, libsi_ruleset **out)
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

/*
 * A small, strict YAML/JSON reader on top of libyaml's event API, shared by
 * the rule-file and case-file loaders.  Scalars keep their source text, so
 * numbers are never converted through binary floating point.  Aliases are rejected (no
 * billion-laughs expansion), depth and size are bounded, mapping keys must be
 * unique scalars, and every node remembers its line for error messages.
 */
#include <string.h>

#include <yaml.h>

#include "yaml_tree.h"

#define MAX_DEPTH 64
#define MAX_NODES 1000000
#define MAX_MAP_KEYS 4096

typedef struct builder {
    libsi_ctx *ctx;
    lsi_arena *arena;
    const char *name;
    int errcode;
    lsi_ynode *stack[MAX_DEPTH];
    int depth;
    size_t nodes;
    lsi_ynode *root;
} builder;

static int fail_at(builder *b, int line, const char *what)
{
    char field[LSI_FIELD_MAX];
    snprintf(field, sizeof field, "%s:%d", b->name, line);
    return lsi_fail(b->ctx, b->errcode, field, "%s:%d: %s", b->name, line, what);
}

static bool key_taken(const lsi_ynode *map, const lsi_ynode *key)
{
    for (const lsi_ynode *k = map->first; k && k->next; k = k->next->next)
        if (k->len == key->len && memcmp(k->text, key->text, k->len) == 0)
            return true;
    return false;
}

/* Attach a finished node to the open collection (or make it the root). */
static int attach(builder *b, lsi_ynode *n)
{
    if (b->depth == 0) {
        b->root = n;
        return 0;
    }
    lsi_ynode *parent = b->stack[b->depth - 1];
    if (parent->kind == LSI_Y_MAP && parent->count % 2 == 0) {
        if (n->kind != LSI_Y_SCALAR)
            return fail_at(b, n->line, "mapping keys must be plain scalars");
        if (parent->count / 2 >= MAX_MAP_KEYS)
            return fail_at(b, n->line, "mapping has too many keys");
        if (key_taken(parent, n)) {
            char what[160], key[72];
            lsi_utf8_prefix(n->text, key, sizeof key);
            snprintf(what, sizeof what, "duplicate mapping key '%s' (a key is given once)", key);
            return fail_at(b, n->line, what);
        }
    }
    if (parent->last)
        parent->last->next = n;
    else
        parent->first = n;
    parent->last = n;
    parent->count++;
    return 0;
}

static lsi_ynode *new_node(builder *b, lsi_ynode_kind kind, const yaml_event_t *ev)
{
    if (++b->nodes > MAX_NODES)
        return NULL;
    lsi_ynode *n = lsi_arena_alloc(b->arena, sizeof *n);
    if (!n)
        return NULL;
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->line = (int)ev->start_mark.line + 1;
    return n;
}

/* new_node failed: too many nodes, or out of memory (not the caller's fault). */
static int node_failure(builder *b, const yaml_event_t *ev)
{
    if (b->nodes > MAX_NODES)
        return fail_at(b, (int)ev->start_mark.line + 1, "document too large");
    return lsi_fail(b->ctx, LIBSI_ENOMEM, b->name, "out of memory reading %s", b->name);
}

static int on_scalar(builder *b, const yaml_event_t *ev)
{
    lsi_ynode *n = new_node(b, LSI_Y_SCALAR, ev);
    if (!n)
        return node_failure(b, ev);
    n->len = ev->data.scalar.length;
    n->text = lsi_arena_strndup(b->arena, (const char *)ev->data.scalar.value, n->len);
    if (!n->text)
        return lsi_fail(b->ctx, LIBSI_ENOMEM, b->name, "out of memory reading %s", b->name);
    if (strlen(n->text) != n->len)
        return fail_at(b, n->line, "scalar contains a NUL character");
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    return attach(b, n);
}

static int on_open(builder *b, lsi_ynode_kind kind, const yaml_event_t *ev)
{
    if (b->depth >= MAX_DEPTH)
        return fail_at(b, (int)ev->start_mark.line + 1, "nesting deeper than 64 levels");
    lsi_ynode *n = new_node(b, kind, ev);
    if (!n)
        return node_failure(b, ev);
    int rc = attach(b, n);
    if (rc == 0)
        b->stack[b->depth++] = n;
    return rc;
}

static int on_event(builder *b, const yaml_event_t *ev, int *documents)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++*documents > 1)
            return fail_at(b, (int)ev->start_mark.line + 1, "only one YAML document is allowed");
        return 0;
    case YAML_ALIAS_EVENT:
        return fail_at(b, (int)ev->start_mark.line + 1, "aliases are not allowed");
    case YAML_SCALAR_EVENT:
        return on_scalar(b, ev);
    case YAML_SEQUENCE_START_EVENT:
        return on_open(b, LSI_Y_SEQ, ev);
    case YAML_MAPPING_START_EVENT:
        return on_open(b, LSI_Y_MAP, ev);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        b->depth--;
        return 0;
    default:
        return 0;
    }
}

/* libyaml allocates with malloc: its own allocation failure is out of
 * memory, not a syntax error ("YAML syntax error: unknown" before). */
static int parse_failure(builder *b, const yaml_parser_t *p)
{
    if (p->error == YAML_MEMORY_ERROR)
        return lsi_fail(b->ctx, LIBSI_ENOMEM, b->name, "out of memory parsing %s (libyaml)",
                        b->name);
    char what[256];
    snprintf(what, sizeof what, "YAML syntax error: %s", p->problem ? p->problem : "unknown");
    return fail_at(b, (int)p->problem_mark.line + 1, what);
}

int lsi_yaml_parse(libsi_ctx *ctx, lsi_arena *arena, const char *text, size_t len,
                   const char *name, int errcode, lsi_ynode **root)
{
    builder b = {ctx, arena, name, errcode, {0}, 0, 0, NULL};
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return lsi_fail(ctx, LIBSI_ENOMEM, name, "out of memory starting the YAML parser");
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    int rc = 0, documents = 0;
    for (bool done = false; !done && rc == 0;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            rc = parse_failure(&b, &parser);
            break;
        }
        done = ev.type == YAML_STREAM_END_EVENT;
        rc = on_event(&b, &ev, &documents);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    if (rc == 0 && !b.root)
        rc = fail_at(&b, 1, "the document is empty");
    *root = rc == 0 ? b.root : NULL;
    return rc;
}

const lsi_ynode *lsi_ymap_get(const lsi_ynode *map, const char *key)
{
    if (!map || map->kind != LSI_Y_MAP)
        return NULL;
    for (const lsi_ynode *k = map->first; k && k->next; k = k->next->next)
        if (strcmp(k->text, key) == 0)
            return k->next;
    return NULL;
}

bool lsi_yscalar_is_null(const lsi_ynode *n)
{
    return !n || (n->kind == LSI_Y_SCALAR && n->plain &&
                  (n->len == 0 || strcmp(n->text, "null") == 0 || strcmp(n->text, "~") == 0));
}

/*
 * Cases: the named inputs of one calculation, set one by one or read from a
 * YAML or JSON file.  Values stay text until a calculation checks them
 * against its schema, so a case value never goes through binary floating point.
 */
#include <stdio.h>
#include <string.h>

#include "calc_internal.h"
#include "yaml_tree.h"

#define MAX_INPUTS 256
#define MAX_VALUE 65536

static int case_new_impl(libsi_ctx *ctx, libsi_case **out)
{
    if (!ctx || !out)
        return lsi_fail(ctx, LIBSI_EINVAL, "out", "NULL argument");
    *out = NULL;
    libsi_case *c = lsi_malloc(&ctx->alloc, sizeof *c);
    if (!c)
        return lsi_fail(ctx, LIBSI_ENOMEM, "case", "out of memory");
    memset(c, 0, sizeof *c);
    lsi_arena_init(&c->arena, &ctx->alloc);
    *out = c;
    return 0;
}

int libsi_case_new(libsi_ctx *ctx, libsi_case **out)
{
    LSI_API_RETURN_OUT(ctx, out, case_new_impl(ctx, out));
}

void libsi_case_free(libsi_case *c)
{
    if (!c)
        return;
    libsi_allocator a = c->arena.alloc;
    lsi_arena_release(&c->arena);
    lsi_free(&a, c);
}

const char *libsi_case_get(const libsi_case *c, const char *name)
{
    for (size_t i = 0; c && name && i < c->n; i++)
        if (strcmp(c->names[i], name) == 0)
            return c->values[i];
    return NULL;
}

static int case_set_impl(libsi_ctx *ctx, libsi_case *c, const char *name, const char *value)
{
    if (!ctx || !c || !name || !value || !*name)
        return lsi_fail(ctx, LIBSI_EINVAL, name ? name : "name", "NULL or empty argument");
    lsi_clear_error(ctx);
    if (strnlen(name, 65) > 64 || strnlen(value, MAX_VALUE + 1) > MAX_VALUE)
        return lsi_fail(ctx, LIBSI_EINPUT, name, "input '%.64s': name or value too long", name);
    char *v = lsi_arena_strdup(&c->arena, value);
    if (!v)
        return lsi_fail(ctx, LIBSI_ENOMEM, name, "out of memory");
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->names[i], name) == 0) {
            c->values[i] = v;
            return 0;
        }
    if (c->n == MAX_INPUTS)
        return lsi_fail(ctx, LIBSI_EINPUT, name, "a case holds at most 256 inputs");
    if (!(c->names[c->n] = lsi_arena_strdup(&c->arena, name)))
        return lsi_fail(ctx, LIBSI_ENOMEM, name, "out of memory");
    c->values[c->n++] = v;
    return 0;
}

int libsi_case_set(libsi_ctx *ctx, libsi_case *c, const char *name, const char *value)
{
    lsi_api_enter(ctx);
    return lsi_api_leave(ctx, case_set_impl(ctx, c, name, value));
}

static int case_error(libsi_ctx *ctx, const char *file, const lsi_ynode *at, const char *what)
{
    char field[LSI_FIELD_MAX];
    snprintf(field, sizeof field, "%s:%d", file, at->line);
    return lsi_fail(ctx, LIBSI_ECASE, field, "%s:%d: %s", file, at->line, what);
}

/* A sequence of scalars becomes a comma-separated list. */
static int join_sequence(libsi_ctx *ctx, libsi_case *c, const char *file, const lsi_ynode *seq,
                         const char **out)
{
    lsi_sb sb;
    lsi_sb_init(&sb, &ctx->alloc);
    for (const lsi_ynode *e = seq->first; e; e = e->next) {
        if (e->kind != LSI_Y_SCALAR || strchr(e->text, ',')) {
            lsi_sb_dispose(&sb);
            return case_error(ctx, file, e, "list items must be scalars without commas");
        }
        lsi_sb_append(&sb, e->text);
        if (e->next)
            lsi_sb_append(&sb, ",");
    }
    char *s = lsi_sb_take(&sb);
    *out = s ? lsi_arena_strdup(&c->arena, s) : NULL;
    lsi_free(&ctx->alloc, s);
    return *out ? 0 : lsi_fail(ctx, LIBSI_ENOMEM, file, "out of memory");
}

/* A mapping with an `inputs` mapping is a calculator's --json result: beside
 * `inputs` only the keys of a result document may appear (issue #12: other
 * keys — typos and real inputs alike — used to be dropped silently). */
static int result_document(libsi_ctx *ctx, const char *file, const lsi_ynode *map)
{
    static const char *const result_keys[] = {"inputs", "outputs", "flags", "hash", "ruleset",
                                              "scheme", "trace", "version"};
    for (const lsi_ynode *k = map->first; k; k = k->next->next) {
        bool known = false;
        for (size_t i = 0; i < sizeof result_keys / sizeof result_keys[0]; i++)
            known |= strcmp(k->text, result_keys[i]) == 0;
        if (!known) {
            char why[LSI_MSG_MAX - 80];
            snprintf(why, sizeof why,
                     "key '%.64s' beside 'inputs': a case with an 'inputs' mapping (a result "
                     "document) takes its inputs from there only; put '%.64s' under 'inputs'",
                     k->text, k->text);
            return case_error(ctx, file, k, why);
        }
    }
    return 0;
}

/* A mapping given as an input value, shown in flow style as the message's
 * value ("{amount: 9000}"): its first two keys, nested collections as {...}
 * and [...], each text cut at a character boundary. */
static void shown_mapping(const lsi_ynode *map, char *out, size_t n)
{
    size_t at = (size_t)snprintf(out, n, "{");
    int i = 0;
    for (const lsi_ynode *k = map->first; k && i < 2; k = k->next->next, i++) {
        const lsi_ynode *v = k->next;
        char key[24], text[24];
        lsi_utf8_prefix(k->text, key, sizeof key);
        lsi_utf8_prefix(v->kind == LSI_Y_MAP   ? "{...}"
                        : v->kind == LSI_Y_SEQ ? "[...]"
                                               : v->text,
                        text, sizeof text);
        at += (size_t)snprintf(out + at, n - at, "%s%s: %s", i ? ", " : "", key, text);
    }
    snprintf(out + at, n - at, "%s}", map->count > 4 ? ", ..." : "");
}

/* Issue #12 item 6: the message names the input, shows what was given and
 * says the two shapes an input value takes. */
static int nested_value(libsi_ctx *ctx, const char *file, const lsi_ynode *k)
{
    char shown[128], why[LSI_MSG_MAX - 80];
    shown_mapping(k->next, shown, sizeof shown);
    snprintf(why, sizeof why,
             "input '%.64s' = %s is a mapping: give one value ('%.64s: value') or a list "
             "('%.64s: [a, b]'); an input has no keys of its own",
             k->text, shown, k->text, k->text);
    return case_error(ctx, file, k->next, why);
}

static int read_inputs(libsi_ctx *ctx, libsi_case *c, const char *file, const lsi_ynode *map)
{
    const lsi_ynode *inner = lsi_ymap_get(map, "inputs");
    if (inner && inner->kind == LSI_Y_MAP) {
        int rc = result_document(ctx, file, map);
        if (rc != 0)
            return rc;
        map = inner; /* the --json output of a calculator */
    }
    for (const lsi_ynode *k = map->first; k; k = k->next->next) {
        const lsi_ynode *v = k->next;
        const char *text = v->text;
        if (v->kind == LSI_Y_MAP)
            return nested_value(ctx, file, k);
        if (v->kind == LSI_Y_SEQ) {
            int rc = join_sequence(ctx, c, file, v, &text);
            if (rc != 0)
                return rc;
        }
        if (lsi_yscalar_is_null(v))
            continue; /* an explicit null leaves the input unset */
        int rc = libsi_case_set(ctx, c, k->text, text);
        if (rc != 0 && rc != LIBSI_ENOMEM) {
            char why[LSI_MSG_MAX];
            snprintf(why, sizeof why, "%s", ctx->message);
            return case_error(ctx, file, k, why);
        }
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int case_load_buffer_impl(libsi_ctx *ctx, const char *text, size_t len, const char *name,
                                 libsi_case **out)
{
    if (!ctx || !out || (!text && len))
        return lsi_fail(ctx, LIBSI_EINVAL, "text", "NULL argument");
    *out = NULL;
    lsi_clear_error(ctx);
    name = name ? name : "(buffer)";
    libsi_case *c;
    int rc = libsi_case_new(ctx, &c);
    if (rc != 0)
        return rc;
    lsi_arena tree;
    lsi_arena_init(&tree, &ctx->alloc);
    lsi_ynode *root;
    rc = lsi_yaml_parse(ctx, &tree, text ? text : "", len, name, LIBSI_ECASE, &root);
    if (rc == 0 && root->kind != LSI_Y_MAP)
        rc = case_error(ctx, name, root, "a case is a mapping of input names to values");
    if (rc == 0)
        rc = read_inputs(ctx, c, name, root);
    lsi_arena_release(&tree);
    if (rc != 0) {
        libsi_case_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

int libsi_case_load_buffer(libsi_ctx *ctx, const char *text, size_t len, const char *name,
                           libsi_case **out)
{
    LSI_API_RETURN_OUT(ctx, out, case_load_buffer_impl(ctx, text, len, name, out));
}

static int parse_read_case(libsi_ctx *ctx, const char *text, size_t len, const char *path,
                           void *out)
{
    return libsi_case_load_buffer(ctx, text, len, path, out);
}

static int case_load_impl(libsi_ctx *ctx, const char *path, libsi_case **out)
{
    if (!ctx || !path || !out)
        return lsi_fail(ctx, LIBSI_EINVAL, "path", "NULL argument");
    *out = NULL;
    return lsi_read_then_parse(ctx, path, parse_read_case, out);
}

int libsi_case_load(libsi_ctx *ctx, const char *path, libsi_case **out)
{
    LSI_API_RETURN_OUT(ctx, out, case_load_impl(ctx, path, out));
}

/* Canonical JSON writer (see json.h). */
#include <string.h>

#include "json.h"

lsi_json *lsi_json_new(lsi_arena *ar, lsi_json_kind kind, const char *text)
{
    lsi_json *v = lsi_arena_alloc(ar, sizeof *v);
    if (!v)
        return NULL;
    memset(v, 0, sizeof *v);
    v->kind = kind;
    if (text && !(v->text = lsi_arena_strdup(ar, text)))
        return NULL;
    return v;
}

/* The member is a shallow copy of `value`, so one node (the inputs of a
 * result, say) can stand in several documents; use the returned member to
 * add to it afterwards. */
lsi_json *lsi_json_put(lsi_arena *ar, lsi_json *obj, const char *key, lsi_json *node)
{
    lsi_json *value = node && obj ? lsi_arena_alloc(ar, sizeof *value) : NULL;
    if (!value)
        return NULL;
    *value = *node;
    value->next = NULL;
    if (!(value->key = lsi_arena_strdup(ar, key)))
        return NULL;
    lsi_json **link = &obj->first;
    while (*link && strcmp((*link)->key, key) < 0)
        link = &(*link)->next;
    if (*link && strcmp((*link)->key, key) == 0) {
        value->next = (*link)->next;
        *link = value;
        return value;
    }
    value->next = *link;
    *link = value;
    obj->count++;
    return value;
}

lsi_json *lsi_json_put_str(lsi_arena *ar, lsi_json *obj, const char *key, const char *text)
{
    return lsi_json_put(ar, obj, key, lsi_json_new(ar, LSI_J_STRING, text ? text : ""));
}

lsi_json *lsi_json_put_raw(lsi_arena *ar, lsi_json *obj, const char *key, const char *text)
{
    return lsi_json_put(ar, obj, key, lsi_json_new(ar, LSI_J_RAW, text));
}

lsi_json *lsi_json_push(lsi_json *arr, lsi_json *value)
{
    if (!arr || !value)
        return NULL;
    lsi_json **link = &arr->first;
    while (*link)
        link = &(*link)->next;
    *link = value;
    arr->count++;
    return value;
}

/* Bytes that need an escape: '"', '\\' and the control characters. */
static bool needs_escape(unsigned char c)
{
    return c == '"' || c == '\\' || c < 0x20;
}

static void write_escape(lsi_sb *sb, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    if (c == '"')
        lsi_sb_appendn(sb, "\\\"", 2);
    else if (c == '\\')
        lsi_sb_appendn(sb, "\\\\", 2);
    else if (c == '\n')
        lsi_sb_appendn(sb, "\\n", 2);
    else {
        char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        lsi_sb_appendn(sb, esc, 6);
    }
}

/* Runs of plain bytes are copied whole: a string costs one append per
 * escape, not one per byte. */
void lsi_json_write_string(lsi_sb *sb, const char *s)
{
    const unsigned char *p = (const unsigned char *)s, *run = p;
    lsi_sb_appendn(sb, "\"", 1);
    for (; *p; p++) {
        if (!needs_escape(*p))
            continue;
        lsi_sb_appendn(sb, (const char *)run, (size_t)(p - run));
        write_escape(sb, *p);
        run = p + 1;
    }
    lsi_sb_appendn(sb, (const char *)run, (size_t)(p - run));
    lsi_sb_appendn(sb, "\"", 1);
}

void lsi_json_write(lsi_sb *sb, const lsi_json *v)
{
    switch (v->kind) {
    case LSI_J_STRING:
        lsi_json_write_string(sb, v->text);
        return;
    case LSI_J_RAW:
        lsi_sb_append(sb, v->text);
        return;
    case LSI_J_ARRAY:
    case LSI_J_OBJECT:
        lsi_sb_append(sb, v->kind == LSI_J_ARRAY ? "[" : "{");
        for (const lsi_json *m = v->first; m; m = m->next) {
            if (v->kind == LSI_J_OBJECT) {
                lsi_json_write_string(sb, m->key);
                lsi_sb_append(sb, ":");
            }
            lsi_json_write(sb, m);
            if (m->next)
                lsi_sb_append(sb, ",");
        }
        lsi_sb_append(sb, v->kind == LSI_J_ARRAY ? "]" : "}");
        return;
    }
}

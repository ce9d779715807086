/* Canonical JSON: objects keep their members sorted by key (byte order), no
 * insignificant white space, strings escaped minimally; decimals are written
 * as JSON strings so no reader ever turns them into binary floating point. */
#ifndef LIBSI_JSON_H
#define LIBSI_JSON_H

#include "internal.h"

typedef enum lsi_json_kind { LSI_J_STRING, LSI_J_RAW, LSI_J_ARRAY, LSI_J_OBJECT } lsi_json_kind;

typedef struct lsi_json {
    lsi_json_kind kind;
    const char *key;   /* member name when inside an object */
    const char *text;  /* strings and raw literals (true, false, null, integers) */
    struct lsi_json *first, *next;
    size_t count;
} lsi_json;

lsi_json *lsi_json_new(lsi_arena *ar, lsi_json_kind kind, const char *text);
/* Put a shallow copy of `value` into an object in key order, replacing an
 * equal key; returns the member (add to it, not to `value`).  NULL-safe. */
lsi_json *lsi_json_put(lsi_arena *ar, lsi_json *obj, const char *key, lsi_json *value);
lsi_json *lsi_json_put_str(lsi_arena *ar, lsi_json *obj, const char *key, const char *text);
lsi_json *lsi_json_put_raw(lsi_arena *ar, lsi_json *obj, const char *key, const char *text);
/* Append to an array; NULL-safe. */
lsi_json *lsi_json_push(lsi_json *arr, lsi_json *value);
void lsi_json_write(lsi_sb *sb, const lsi_json *v);
void lsi_json_write_string(lsi_sb *sb, const char *s);

/* A piece of canonical JSON written beforehand (a catalogue step's members,
 * a rule's provenance), and its length; copied whole into a document. */
typedef struct lsi_json_fragment {
    const char *text;  /* NULL: not written beforehand */
    size_t len;
} lsi_json_fragment;

static inline void lsi_json_write_fragment(lsi_sb *sb, const lsi_json_fragment *f)
{
    lsi_sb_appendn(sb, f->text, f->len);
}

#endif

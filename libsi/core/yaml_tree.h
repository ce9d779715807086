/* Strict YAML/JSON tree reader shared by the rule and case loaders. */
#ifndef LIBSI_YAML_TREE_H
#define LIBSI_YAML_TREE_H

#include <stdio.h>

#include "internal.h"

typedef enum lsi_ynode_kind { LSI_Y_SCALAR, LSI_Y_SEQ, LSI_Y_MAP } lsi_ynode_kind;

/* Collections keep their children as a list; a mapping alternates key and
 * value nodes (key, value, key, value, ...). */
typedef struct lsi_ynode {
    lsi_ynode_kind kind;
    int line;
    const char *text; /* scalars: NUL-terminated source text */
    size_t len;
    bool plain;       /* scalar written without quotes */
    size_t count;     /* number of children (keys and values both count) */
    struct lsi_ynode *first, *last, *next;
} lsi_ynode;

/* Parse one document; on failure the context holds `errcode` with file:line. */
int lsi_yaml_parse(libsi_ctx *ctx, lsi_arena *arena, const char *text, size_t len,
                   const char *name, int errcode, lsi_ynode **root);
const lsi_ynode *lsi_ymap_get(const lsi_ynode *map, const char *key);
bool lsi_yscalar_is_null(const lsi_ynode *n);

#endif

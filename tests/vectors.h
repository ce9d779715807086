/* Reading data-driven test vectors: tab-separated files with a header line;
 * lines starting with '#' are comments. */
#ifndef LIBSI_TESTS_VECTORS_H
#define LIBSI_TESTS_VECTORS_H

#include <stddef.h>

#include "libsi.h"

#define VEC_MAX_COLS 48

typedef struct vec_file {
    char *text;
    size_t ncols;
    char *header[VEC_MAX_COLS];
    char *cursor;
    int line;
} vec_file;

/* Open $LIBSI_VECTORS/<rel>; returns 0 or -1 (file missing). */
int vec_open(vec_file *v, const char *rel);
/* Next row: fills cols (ncols entries); returns number of columns, 0 at end. */
size_t vec_next(vec_file *v, char **cols);
int vec_col(const vec_file *v, const char *name); /* index or -1 */
void vec_close(vec_file *v);
/* Decode a JSON string literal in place ("..." with \" \\ \n \t \uXXXX). */
int vec_json_string(char *s);
/* The whole file, NUL-terminated (malloc; NULL when unreadable). */
char *vec_slurp(const char *path);
/* Path under an environment variable directory. */
const char *vec_path(const char *env, const char *rel, char *buf, size_t n);
/* The built-in rule files (the .yaml files of $LIBSI_RULES) and $LIBSI_TESTDATA/<extra>
 * (loaded after them), linked into a temporary directory and loaded as one
 * ruleset into *rs; the directory is removed.  0, -1 when the directory
 * could not be made, or the load's error code (ctx says why). */
int vec_rules_with(libsi_ctx *ctx, const char *extra, libsi_ruleset **rs);

#endif

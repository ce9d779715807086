/*
 * Reading files: the one place the library opens a file (a rule file, a life
 * table, a case, a contribution history, a projection scenario).  Bounded in
 * size, read with the context's allocator, NUL-terminated.
 */
#include <errno.h>
#include <stdio.h>

#include "internal.h"

#define MAX_FILE_BYTES (16u << 20)

/* Issue #12 item 6: why a file could not be opened or read, in the library's
 * own words (strerror's text depends on the platform and the locale) and
 * what to give instead. */
static int cannot_open(libsi_ctx *ctx, const char *path, int err)
{
    const char *why = err == ENOENT         ? "no such file"
                      : err == EACCES       ? "permission denied"
                      : err == ENOTDIR      ? "a part of the path is not a folder"
                      : err == EISDIR       ? "it is a folder"
                      : err == ENAMETOOLONG ? "the path is too long"
                      : err == ELOOP        ? "too many symbolic links"
                      : err == EMFILE || err == ENFILE ? "too many open files"
                                                       : "the system refused it";
    return lsi_fail(ctx, LIBSI_EIO, path,
                    "cannot open '%s': %s; give the path of an existing, readable file "
                    "(relative to the working directory)",
                    path, why);
}

/* Read a whole file (bounded) with the context's allocator. */
static int read_file(libsi_ctx *ctx, const char *path, char **text, size_t *len)
{
    errno = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return cannot_open(ctx, path, errno);
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
        rc = errno == EISDIR ? cannot_open(ctx, path, EISDIR)
                             : lsi_fail(ctx, LIBSI_EIO, path, "error reading '%s'", path);
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

int lsi_read_then_parse(libsi_ctx *ctx, const char *path, lsi_parse_fn parse, void *arg)
{
    char *text;
    size_t len;
    int rc = read_file(ctx, path, &text, &len);
    if (rc != 0)
        return rc;
    rc = parse(ctx, text, len, path, arg);
    lsi_free(&ctx->alloc, text);
    return rc;
}

typedef struct kept_text {
    lsi_arena *arena;
    char **text;
} kept_text;

static int keep_text(libsi_ctx *ctx, const char *text, size_t len, const char *path, void *arg)
{
    (void)ctx, (void)path;
    kept_text *kt = arg;
    *kt->text = lsi_arena_strndup(kt->arena, text, len);
    return 0;
}

int lsi_read_into_arena(libsi_ctx *ctx, lsi_arena *ar, const char *path, char **text)
{
    *text = NULL;
    return lsi_read_then_parse(ctx, path, keep_text, &(kept_text){ar, text});
}

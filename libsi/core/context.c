/*
 * The per-thread context: allocator and last error.  Also version, error
 * strings and flag names, which are static data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void *default_malloc(void *opaque, size_t n)
{
    (void)opaque;
    return malloc(n);
}

static void *default_realloc(void *opaque, void *p, size_t n)
{
    (void)opaque;
    return realloc(p, n);
}

static void default_free(void *opaque, void *p)
{
    (void)opaque;
    free(p);
}

static const libsi_allocator default_allocator = {
    sizeof(libsi_allocator), default_malloc, default_realloc, default_free, NULL};

/* libsi_ctx_new()'s allocator: a NULL one, or members past the caller's
 * size, are the C library's functions. */
static const lsi_struct_layout system_allocator_layout = {
    "libsi_allocator", LSI_SIZE_THROUGH(libsi_allocator, opaque), sizeof(libsi_allocator),
    &default_allocator};

void *lsi_malloc(const libsi_allocator *a, size_t n)
{
    return a->malloc(a->opaque, n ? n : 1);
}

void *lsi_realloc(const libsi_allocator *a, void *p, size_t n)
{
    return a->realloc(a->opaque, p, n ? n : 1);
}

void lsi_free(const libsi_allocator *a, void *p)
{
    if (p)
        a->free(a->opaque, p);
}

int libsi_ctx_new(const libsi_allocator *alloc, libsi_ctx **out)
{
    if (!out)
        return LIBSI_EINVAL;
    *out = NULL;
    libsi_allocator a;
    if (lsi_struct_in(NULL, &system_allocator_layout, alloc, &a) != 0)
        return LIBSI_EINVAL;
    if (!a.malloc || !a.realloc || !a.free)
        return LIBSI_EINVAL;
    libsi_ctx *ctx = lsi_malloc(&a, sizeof *ctx);
    if (!ctx)
        return LIBSI_ENOMEM;
    memset(ctx, 0, sizeof *ctx);
    ctx->alloc = a;
    *out = ctx;
    return 0;
}

/* Defines libsi_allocator_init() (LIBSI_ALLOCATOR_INIT: no functions). */
LSI_EXTENSIBLE_STRUCT(libsi_allocator, opaque, LIBSI_ALLOCATOR_INIT)

/* ------------------------------------------------- extensible structs */

static bool size_known(size_t size, size_t first_size, size_t lib_size)
{
    return size >= first_size && size <= lib_size;
}

/* The caller's `size` (the struct's first member) must lie in first_size …
 * lib_size; then the members after it are copied from src to dst. */
static int copy_sized(libsi_ctx *ctx, const char *what, size_t size, size_t first_size,
                      size_t lib_size, void *dst, const void *src)
{
    if (!size_known(size, first_size, lib_size))
        return lsi_fail(ctx, LIBSI_EINVAL, "size",
                        "%s.size is %zu: this library knows sizes %zu to %zu (initialise the "
                        "struct with its LIBSI_*_INIT macro or libsi_*_init())",
                        what, size, first_size, lib_size);
    memcpy((char *)dst + sizeof size, (const char *)src + sizeof size, size - sizeof size);
    return 0;
}

int lsi_struct_in(libsi_ctx *ctx, const lsi_struct_layout *l, const void *src, void *dst)
{
    memcpy(dst, l->defaults, l->size);
    *(size_t *)dst = l->size;
    if (!src)
        return 0;
    return copy_sized(ctx, l->name, *(const size_t *)src, l->first_size, l->size, dst, src);
}

int lsi_struct_out(libsi_ctx *ctx, const lsi_struct_layout *l, void *dst, const void *src)
{
    return copy_sized(ctx, l->name, *(const size_t *)dst, l->first_size, l->size, dst, src);
}

int lsi_struct_init(void *p, size_t size, const lsi_struct_layout *l)
{
    if (!p || !size_known(size, l->first_size, l->size))
        return LIBSI_EINVAL;
    memcpy(p, l->defaults, size);
    *(size_t *)p = size;
    return 0;
}

void libsi_ctx_free(libsi_ctx *ctx)
{
    if (!ctx)
        return;
    libsi_allocator a = ctx->alloc;
    if (ctx->rule_cache && ctx->rule_cache_dispose)
        ctx->rule_cache_dispose(ctx->rule_cache);
    lsi_free(&a, ctx->rule_cache);
    lsi_free(&a, ctx->scratch);
    lsi_free(&a, ctx);
}

const char *libsi_ctx_message(const libsi_ctx *ctx)
{
    return ctx ? ctx->message : "";
}

const char *libsi_ctx_field(const libsi_ctx *ctx)
{
    return ctx ? ctx->field : "";
}

int libsi_ctx_code(const libsi_ctx *ctx)
{
    return ctx ? ctx->code : LIBSI_EINVAL;
}

void libsi_free(libsi_ctx *ctx, void *ptr)
{
    if (ctx && ptr)
        lsi_free(&ctx->alloc, ptr);
}

int lsi_fail(libsi_ctx *ctx, int code, const char *field, const char *fmt, ...)
{
    if (!ctx)
        return code;
    ctx->code = code;
    ctx->message_fmt = fmt;
    snprintf(ctx->field, sizeof ctx->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->message, sizeof ctx->message, fmt, ap);
    va_end(ap);
    return code;
}

void lsi_clear_error(libsi_ctx *ctx)
{
    if (!ctx)
        return;
    ctx->code = 0;
    ctx->message[0] = '\0';
    ctx->field[0] = '\0';
    ctx->message_fmt = NULL;
}

int lsi_string_out(libsi_ctx *ctx, const char *field, const char *s, char **out)
{
    size_t n = strlen(s) + 1;
    *out = lsi_malloc(&ctx->alloc, n);
    if (!*out)
        return lsi_fail(ctx, LIBSI_ENOMEM, field, "out of memory");
    memcpy(*out, s, n);
    return 0;
}

void lsi_api_enter(libsi_ctx *ctx)
{
    lsi_clear_error(ctx);
}

int lsi_api_leave(libsi_ctx *ctx, int rc)
{
    if (!ctx)
        return rc;
    if (rc == 0) {
        lsi_clear_error(ctx);
        return 0;
    }
    ctx->code = rc;
    if (!ctx->message[0])
        snprintf(ctx->message, sizeof ctx->message, "%s", libsi_strerror(rc));
    return rc;
}

const char *libsi_version(void)
{
    return LIBSI_VERSION_STRING;
}

int libsi_version_number(void)
{
    return LIBSI_VERSION_NUMBER;
}

const char *libsi_strerror(int code)
{
    switch (code) {
    case LIBSI_OK: return "success";
    case LIBSI_ENOMEM: return "out of memory";
    case LIBSI_EINVAL: return "invalid argument";
    case LIBSI_EDECIMAL: return "invalid decimal";
    case LIBSI_ERANGE: return "value out of range";
    case LIBSI_EDATE: return "invalid date";
    case LIBSI_ENOTFOUND: return "rule value not found";
    case LIBSI_EJURISDICTION: return "unknown jurisdiction";
    case LIBSI_EUNSUPPORTED: return "not supported";
    case LIBSI_ERULEFILE: return "invalid rule file";
    case LIBSI_ECASE: return "invalid case file";
    case LIBSI_EINPUT: return "invalid input";
    case LIBSI_ESCHEME: return "unknown calculation";
    case LIBSI_EIO: return "input/output error";
    case LIBSI_EDIVZERO: return "division by zero";
    case LIBSI_EINTERNAL: return "internal error";
    case LIBSI_ELIFETABLE: return "invalid life table";
    default: return "unknown error";
    }
}

const char *libsi_flag_name(unsigned flag)
{
    switch (flag) {
    case LIBSI_FLAG_ROUNDED: return "rounded";
    case LIBSI_FLAG_CAPPED: return "capped";
    case LIBSI_FLAG_FLOORED: return "floored";
    case LIBSI_FLAG_CARRIED_FORWARD: return "carried_forward";
    case LIBSI_FLAG_LOW_CONFIDENCE: return "low_confidence";
    case LIBSI_FLAG_OVERRIDE: return "override";
    case LIBSI_FLAG_PROVISIONAL: return "provisional";
    case LIBSI_FLAG_NOT_COVERED: return "not_covered";
    case LIBSI_FLAG_OUTSIDE_BAND: return "outside_band";
    default: return NULL;
    }
}

/* At most n − 1 bytes of `s`, never cutting a UTF-8 character. */
void lsi_utf8_prefix(const char *s, char *out, size_t n)
{
    size_t len = strlen(s);
    if (len >= n) {
        len = n - 1;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(out, s, len);
    out[len] = '\0';
}

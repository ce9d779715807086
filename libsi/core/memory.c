/*
 * Arena and string builder.  Objects that live and die together (a ruleset,
 * a case, a result) draw from one arena; documents handed to the caller are
 * built in a string builder and freed with libsi_free().
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

struct lsi_arena_chunk {
    lsi_arena_chunk *next;
    size_t used, cap;
    max_align_t data[];
};

#define ARENA_CHUNK 16384

void lsi_arena_init(lsi_arena *ar, const libsi_allocator *alloc)
{
    ar->alloc = *alloc;
    ar->head = NULL;
    ar->spare = NULL;
}

/* A chunk kept by lsi_arena_reset() with room for `n`, or NULL. */
static lsi_arena_chunk *spare_chunk(lsi_arena *ar, size_t n)
{
    for (lsi_arena_chunk **link = &ar->spare; *link; link = &(*link)->next)
        if ((*link)->cap >= n) {
            lsi_arena_chunk *c = *link;
            *link = c->next;
            return c;
        }
    return NULL;
}

void *lsi_arena_alloc(lsi_arena *ar, size_t n)
{
    size_t align = sizeof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    lsi_arena_chunk *c = ar->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;
        if (!(c = spare_chunk(ar, n))) {
            if (!(c = lsi_malloc(&ar->alloc, sizeof *c + cap)))
                return NULL;
            c->cap = cap;
        }
        c->used = 0;
        c->next = ar->head;
        ar->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

char *lsi_arena_strndup(lsi_arena *ar, const char *s, size_t n)
{
    char *p = lsi_arena_alloc(ar, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *lsi_arena_strdup(lsi_arena *ar, const char *s)
{
    return lsi_arena_strndup(ar, s ? s : "", s ? strlen(s) : 0);
}

/* Empty the arena but keep its chunks for the next use: a batch row's
 * scratch costs no allocation once the largest row has been seen. */
void lsi_arena_reset(lsi_arena *ar)
{
    while (ar->head) {
        lsi_arena_chunk *c = ar->head;
        ar->head = c->next;
        c->next = ar->spare;
        ar->spare = c;
    }
}

static void free_chunks(const libsi_allocator *a, lsi_arena_chunk *c)
{
    while (c) {
        lsi_arena_chunk *next = c->next;
        lsi_free(a, c);
        c = next;
    }
}

void lsi_arena_release(lsi_arena *ar)
{
    free_chunks(&ar->alloc, ar->head);
    free_chunks(&ar->alloc, ar->spare);
    ar->head = ar->spare = NULL;
}

void lsi_sb_init(lsi_sb *sb, const libsi_allocator *alloc)
{
    sb->alloc = alloc;
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    sb->failed = false;
}

bool lsi_sb_grow(lsi_sb *sb, size_t extra)
{
    if (sb->failed)
        return false;
    if (sb->len + extra + 1 <= sb->cap)
        return true;
    size_t cap = sb->cap ? sb->cap : 256;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    char *p = lsi_realloc(sb->alloc, sb->buf, cap);
    if (!p) {
        sb->failed = true;
        return false;
    }
    sb->buf = p;
    sb->cap = cap;
    return true;
}

/* Formatted once into the room already there; only text that does not fit
 * is formatted a second time, after growing (the explanation and the
 * ruleset digest are made of thousands of these). */
void lsi_sb_printf(lsi_sb *sb, const char *fmt, ...)
{
    if (sb->failed)
        return;
    size_t room = sb->buf ? sb->cap - sb->len : 0;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(room ? sb->buf + sb->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n < 0) {
        if (room)
            sb->buf[sb->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        if (!lsi_sb_reserve(sb, (size_t)n)) {
            if (room) /* the cut text stays past the end: end the string where it was */
                sb->buf[sb->len] = '\0';
            return;
        }
        va_start(ap, fmt);
        vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    sb->len += (size_t)n;
}

char *lsi_sb_take(lsi_sb *sb)
{
    if (!lsi_sb_reserve(sb, 0)) {
        lsi_sb_dispose(sb);
        return NULL;
    }
    sb->buf[sb->len] = '\0'; /* nothing appended yet: still a valid (empty) string */
    char *p = sb->buf;
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    return p;
}

void lsi_sb_reset(lsi_sb *sb)
{
    sb->len = 0;
    sb->failed = false;
    if (sb->buf)
        sb->buf[0] = '\0';
}

void lsi_sb_dispose(lsi_sb *sb)
{
    lsi_free(sb->alloc, sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

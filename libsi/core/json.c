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

/* Write the rest of a string that has an escape at `p`: runs of plain
 * bytes are copied whole, an escape costs one append. */
static void write_escaped_tail(lsi_sb *sb, const unsigned char *p)
{
    const unsigned char *run = p;
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

/* Whether any of the 8 bytes in `x` needs an escape: a byte equal to '"'
 * or '\\', or below 0x20 (the exact "has a zero byte" and "has a byte less
 * than n" word tests; bytes of 0x80 and above never match). */
static bool word_needs_escape(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t quote = x ^ (ones * '"'), backslash = x ^ (ones * '\\');
    uint64_t hit = ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) |
                   ((x - ones * 0x20) & ~x);
    return (hit & high) != 0;
}

/* Where the vector unit is part of the architecture's baseline (SSE2 on
 * x86-64), 16 bytes are checked at once: the trace's long texts (legal
 * bases, titles, provenance) are most of a document's bytes.  The index
 * found is the same either way; only the speed depends on the platform. */
#if defined(__SSE2__)
#include <emmintrin.h>
static size_t plain_prefix16(const char *s, size_t n)
{
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                  control = _mm_set1_epi8(0x1f);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash));
        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_max_epu8(x, control), control)); /* x <= 0x1f */
        if (_mm_movemask_epi8(hit))
            break;
    }
    return i;
}
#else
static size_t plain_prefix16(const char *s, size_t n)
{
    (void)s;
    (void)n;
    return 0;
}
#endif

/* The 8 bytes at s. */
static uint64_t word_at(const char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return w;
}

/* A word made of the bytes of a string of 1 to 7 bytes (two overlapping
 * loads, some bytes twice; the rest 'A', which needs no escape): fixed-size
 * loads, where a copy of n bytes would be a call and a stall. */
static uint64_t short_word(const char *s, size_t n)
{
    uint32_t a, b;
    uint16_t c, d;
    if (n >= 4) {
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        return a | (uint64_t)b << 32;
    }
    if (n >= 2) {
        memcpy(&c, s, 2);
        memcpy(&d, s + n - 2, 2);
        return c | (uint64_t)d << 16 | 0x4141414100000000ull;
    }
    return (unsigned char)s[0] | 0x4141414141414100ull;
}

/* Index of the first byte of s[0..n) that needs an escape, or n.  The last
 * bytes are one word test (overlapping the bytes checked before, or padded)
 * rather than a byte loop: most strings are short. */
static size_t plain_prefix(const char *s, size_t n)
{
    size_t i = plain_prefix16(s, n);
    for (; i + 8 <= n; i += 8)
        if (word_needs_escape(word_at(s + i)))
            break;
    if (n == 0 || (i + 8 > n && !word_needs_escape(n >= 8 ? word_at(s + n - 8)
                                                          : short_word(s, n))))
        return n;
    while (i < n && !needs_escape((unsigned char)s[i]))
        i++;
    return i;
}

/* Most strings of a document (names, decimals, dates) need no escape: they
 * are checked a word at a time and copied whole into room reserved once
 * (issue #10: the hash document's strings were a fifth of a full-trace
 * call); from the first escape on, the general loop writes the rest. */
void lsi_json_write_string(lsi_sb *sb, const char *s)
{
    size_t n = strlen(s), plain = plain_prefix(s, n);
    if (!lsi_sb_reserve(sb, plain + 2))
        return;
    char *d = sb->buf + sb->len;
    d[0] = '"';
    memcpy(d + 1, s, plain);
    if (plain < n) {
        sb->len += 1 + plain;
        write_escaped_tail(sb, (const unsigned char *)s + plain);
        return;
    }
    d[n + 1] = '"';
    d[n + 2] = '\0';
    sb->len += n + 2;
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

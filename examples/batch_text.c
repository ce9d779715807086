/* Output text of si-batch: buffer, CSV and JSON escaping (see batch_text.h). */
#include <stdlib.h>
#include <string.h>

#include "batch_text.h"

void text_free(text_buf *b)
{
    free(b->data);
    *b = (text_buf){0};
}

/* Doubling keeps appends amortised O(1); the buffer is reused chunk after
 * chunk, so it settles at the size of the largest chunk. */
int text_reserve(text_buf *b, size_t n)
{
    if (b->oom)
        return -1;
    if (b->cap - b->len >= n)
        return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap - b->len < n)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void text_put(text_buf *b, const char *s, size_t n)
{
    if (n && text_reserve(b, n) == 0) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
    }
}

void text_puts(text_buf *b, const char *s)
{
    text_put(b, s, strlen(s));
}

/* Right to left, two digits a division, straight into the buffer. */
void text_put_u64(text_buf *b, unsigned long long v)
{
    static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                                "25262728293031323334353637383940414243444546474849"
                                "50515253545556575859606162636465666768697071727374"
                                "75767778798081828384858687888990919293949596979899";
    size_t n = 1;
    for (unsigned long long p = 10; n < 20 && v >= p; p *= 10)
        n++;
    char *end = text_room(b, n);
    if (!end)
        return;
    b->len += n;
    end += n;
    for (; v >= 100; v /= 100) {
        end -= 2;
        memcpy(end, pairs + 2 * (v % 100), 2);
    }
    if (v >= 10) {
        end -= 2;
        memcpy(end, pairs + 2 * v, 2);
    } else {
        *--end = (char)('0' + v);
    }
}

/* Whether the `n` bytes at `s` need quotes as one CSV field (a comma, quote
 * or line break, or an edge blank): readers (libcsv among them) trim blanks
 * around unquoted fields, so a value with an edge blank is quoted to come
 * back unchanged. */
static int text_csv_needs_quotes(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
        return 1;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
            return 1;
    return 0;
}

void text_put_csv(text_buf *b, const char *s)
{
    size_t n = strlen(s);
    if (!text_csv_needs_quotes(s, n)) {
        text_put(b, s, n);
        return;
    }
    text_putc(b, '"');
    for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1)
        text_put(b, s, (size_t)(q - s + 1)), text_putc(b, '"');
    text_puts(b, s);
    text_putc(b, '"');
}

/* Length of the well-formed UTF-8 sequence at `s` (RFC 3629: no overlongs,
 * no surrogates, nothing past U+10FFFF), or 0.  `s` is NUL-terminated, so a
 * truncated sequence stops at the NUL. */
static size_t utf8_len(const unsigned char *s)
{
    unsigned c = s[0];
    size_t n = c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
    unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    for (size_t i = 1; i < n; i++, lo = 0x80, hi = 0xBF)
        if (s[i] < lo || s[i] > hi)
            return 0;
    return n;
}

static void json_escape(text_buf *b, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    const char *named = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n"
                      : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
    if (named) {
        text_puts(b, named);
        return;
    }
    char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
    text_put(b, u, sizeof u);
}

void text_put_json(text_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    text_putc(b, '"');
    while (*p) {
        size_t n = utf8_len(p);
        if (n == 0)
            text_puts(b, "\\ufffd");
        else if (*p < 0x20 || *p == '"' || *p == '\\')
            json_escape(b, *p);
        else
            text_put(b, (const char *)p, n);
        p += n ? n : 1;
    }
    text_putc(b, '"');
}

const char *text_error_name(int code)
{
    /* Indexed by -code; the codes are pinned in libsi/common.h. */
    static const char *const names[] = {
        "LIBSI_OK",          "LIBSI_ENOMEM",  "LIBSI_EINVAL",        "LIBSI_EDECIMAL",
        "LIBSI_ERANGE",      "LIBSI_EDATE",   "LIBSI_ENOTFOUND",     "LIBSI_EJURISDICTION",
        "LIBSI_EUNSUPPORTED", "LIBSI_ERULEFILE", "LIBSI_ECASE",      "LIBSI_EINPUT",
        "LIBSI_ESCHEME",     "LIBSI_EIO",     "LIBSI_EDIVZERO",      "LIBSI_EINTERNAL",
        "LIBSI_ELIFETABLE"};
    /* A code newer than this table still gets a name of the same form. */
    return code <= 0 && -code < (int)(sizeof names / sizeof names[0]) ? names[-code]
                                                                       : "LIBSI_EUNKNOWN";
}

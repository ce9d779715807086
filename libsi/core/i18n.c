/*
 * Translations (see i18n.h): the lookup in the compiled-in table, the
 * per-render cache, and the translation of a formatted error message.
 */
#include <stdint.h>
#include <string.h>

#include "i18n.h"

const char *lsi_i18n_find(const char *en)
{
    size_t lo = 0, hi = lsi_i18n_zh_count;
    while (en && lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(lsi_i18n_zh[mid].en, en);
        if (c == 0)
            return lsi_i18n_zh[mid].zh;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *lsi_tr(libsi_lang lang, const char *en)
{
    const char *zh = lang == LIBSI_LANG_ZH ? lsi_i18n_find(en) : NULL;
    return zh ? zh : en;
}

const char *lsi_tr_cached(lsi_i18n_cache *c, const char *en)
{
    if (c->lang != LIBSI_LANG_ZH || !en || !*en)
        return en;
    size_t slot = (size_t)(((uintptr_t)en >> 3) * 2654435761u) % LSI_I18N_CACHE_SLOTS;
    if (c->key[slot] != en) {
        c->key[slot] = en;
        c->value[slot] = lsi_tr(c->lang, en);
    }
    return c->value[slot];
}

/* ------------------------------------------------------------ languages */

/* "zh", "zh_CN", "zh-Hans", "zh_CN.UTF-8", "C.UTF-8", "en@euro" ... */
static bool is_language(const char *name, const char *code)
{
    size_t n = strlen(code);
    return name && strncmp(name, code, n) == 0 && (!name[n] || strchr("_-.@", name[n]));
}

int libsi_lang_from_name(const char *name, libsi_lang *lang)
{
    bool zh = is_language(name, "zh");
    bool en = is_language(name, "en") || is_language(name, "C") || is_language(name, "POSIX");
    if (lang)
        *lang = zh ? LIBSI_LANG_ZH : LIBSI_LANG_EN;
    return zh || en ? 0 : LIBSI_EINVAL;
}

const char *libsi_text(libsi_lang lang, const char *english)
{
    return lsi_tr(lang, english);
}

/* ------------------------------------------------------------ messages */

#define MAX_ARGS 12

typedef struct capture {
    const char *at;
    size_t len;
} capture;

/* Length of the printf conversion at `f` (after '%'; both callers handle
 * "%%" before they ask). */
static size_t conversion_length(const char *f)
{
    size_t i = 0;
    while (f[i] && strchr("0123456789$-+ #.*hlLqjzt", f[i]))
        i++;
    return f[i] ? i + 1 : i;
}

/* Whether the first `len` bytes of `m` are a text of the table. */
static bool known_prefix(const char *m, size_t len)
{
    char text[LSI_MSG_MAX];
    memcpy(text, m, len);
    text[len] = '\0';
    return lsi_i18n_find(text) != NULL;
}

/* The digits (after an optional '-') an integer conversion can have printed
 * at `m`: a %d never captures other text, so "%s:%d: %s" does not match a
 * reason that merely holds two colons ("input 'x' = {a: 1} is ...: give"). */
static size_t integer_length(const char *m)
{
    size_t i = m[0] == '-';
    while (m[i] >= '0' && m[i] <= '9')
        i++;
    return i > (size_t)(m[0] == '-') ? i : 0;
}

/* Match `m` against format `f` from here; conversions capture the shortest
 * text that lets the rest match.  `budget` bounds the backtracking (adjacent
 * conversions such as "%s%s%s" against a message that does not match would
 * otherwise try every split): out of budget is no match. */
static bool match(const char *f, const char *m, capture *caps, int n, int *count, long *budget)
{
    if (--*budget < 0)
        return false;
    while (*f && *f != '%') {
        if (*f++ != *m++)
            return false;
    }
    if (!*f)
        return *m == '\0';
    if (f[1] == '%')
        return *m == '%' && match(f + 2, m + 1, caps, n, count, budget);
    if (n == MAX_ARGS)
        return false;
    const char *rest = f + 1 + conversion_length(f + 1);
    if (rest > f + 1 && strchr("diu", rest[-1])) {
        size_t len = integer_length(m);
        caps[n] = (capture){m, len};
        if (len == 0 || !match(rest, m + len, caps, n + 1, count, budget))
            return false;
        if (*count < n + 1)
            *count = n + 1;
        return true;
    }
    /* "%s %s" splits "above the maximum 529" many ways: first the splits
     * whose value is a text of the table, the longest first ("above the
     * maximum", not "above"). */
    size_t end = *rest == ' ' ? strnlen(m, LSI_MSG_MAX - 1) : 0;
    for (size_t len = end; len > 0; len--) {
        if (m[len] != ' ' || !known_prefix(m, len))
            continue;
        caps[n] = (capture){m, len};
        if (match(rest, m + len, caps, n + 1, count, budget)) {
            if (*count < n + 1)
                *count = n + 1;
            return true;
        }
    }
    for (size_t len = 0;; len++) {
        caps[n] = (capture){m, len};
        if (match(rest, m + len, caps, n + 1, count, budget)) {
            if (*count < n + 1)
                *count = n + 1;
            return true;
        }
        if (!m[len] || *budget < 0)
            return false;
    }
}

static void put(char *out, size_t n, size_t *at, const char *s, size_t len)
{
    for (size_t i = 0; i < len && *at + 1 < n; i++)
        out[(*at)++] = s[i];
}

static bool translate(libsi_lang lang, const char *fmt, const char *message, char *out,
                      size_t n, int depth);

/* A value put into a message may itself be a message made from another
 * format (a reason inside "input 'x': %s"): the text, its translation, or
 * its translation through the first format it matches. */
static void put_value(libsi_lang lang, char *out, size_t n, size_t *at, const capture *c,
                      int depth)
{
    char text[LSI_MSG_MAX], inner[LSI_MSG_MAX];
    size_t len = c->len < sizeof text ? c->len : sizeof text - 1;
    memcpy(text, c->at, len);
    text[len] = '\0';
    const char *t = lsi_tr(lang, text);
    for (size_t i = 0; t == text && depth < 2 && len > 8 && i < lsi_i18n_zh_count; i++)
        if (strchr(lsi_i18n_zh[i].en, '%') &&
            translate(lang, lsi_i18n_zh[i].en, text, inner, sizeof inner, depth + 1))
            t = inner;
    put(out, n, at, t, t == text ? len : strlen(t));
}

bool lsi_i18n_message(libsi_lang lang, const char *fmt, const char *message, char *out,
                      size_t n)
{
    return translate(lang, fmt, message, out, n, 0);
}

static bool translate(libsi_lang lang, const char *fmt, const char *message, char *out,
                      size_t n, int depth)
{
    const char *zh = fmt && lang == LIBSI_LANG_ZH ? lsi_i18n_find(fmt) : NULL;
    capture caps[MAX_ARGS];
    int count = 0;
    long budget = 20000;
    if (!zh || !n || !match(fmt, message, caps, 0, &count, &budget))
        return false;
    size_t at = 0;
    int next = 0;
    for (const char *p = zh; *p;) {
        if (*p != '%') {
            put(out, n, &at, p++, 1);
        } else if (p[1] == '%') {
            put(out, n, &at, "%", 1);
            p += 2;
        } else {
            int index = next++;
            if (p[1] >= '1' && p[1] <= '9' && p[2] == '$')
                index = p[1] - '1';
            if (index < count)
                put_value(lang, out, n, &at, &caps[index], depth);
            p += 1 + conversion_length(p + 1);
        }
    }
    out[at] = '\0';
    return true;
}

const char *lsi_i18n_text(libsi_lang lang, const char *text, char *buf, size_t n)
{
    if (lang != LIBSI_LANG_ZH || !text || !*text)
        return text;
    const char *zh = lsi_i18n_find(text);
    if (zh)
        return zh;
    for (size_t i = 0; i < lsi_i18n_zh_count; i++)
        if (strchr(lsi_i18n_zh[i].en, '%') && translate(lang, lsi_i18n_zh[i].en, text, buf, n, 1))
            return buf;
    return text;
}

const char *libsi_ctx_message_lang(libsi_ctx *ctx, libsi_lang lang)
{
    if (!ctx)
        return "";
    if (ctx->code == 0 ||
        !lsi_i18n_message(lang, ctx->message_fmt, ctx->message, ctx->message_lang,
                          sizeof ctx->message_lang))
        return ctx->message;
    return ctx->message_lang;
}

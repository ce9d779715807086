/*
 * Jurisdictions: the nation, Guangdong province and its 21 prefecture-level
 * cities, identified by GB/T 2260 administrative division codes and also
 * accepted by pinyin and Chinese name.  Rule lookups fall back along the
 * parent chain city → province → nation.
 *
 * The county-level divisions of the cities (天河区, 440106, tianhe …; the
 * table generated from data/jurisdictions/districts.tsv, see districts.h)
 * are accepted too and answer with their city's jurisdiction: no rule is set
 * per district, and the sources we follow (e.g. the Tianhe district plan)
 * apply the city's values.
 *
 * Shenzhen runs its own social insurance system (own 计发基数 etc.,
 * 粤人社发〔2025〕32号 §二 "深圳市计发基数另行公布"): asking for it, or for one
 * of its districts, is a clear LIBSI_EUNSUPPORTED, never a silent fallback to
 * provincial values.
 */
#include <stdio.h>
#include <string.h>

#include "districts.h"
#include "internal.h"

#define NATION 0
#define GUANGDONG 440000

static const lsi_jurisdiction table[] = {
    {NATION, -1, "nation", "全国", true},
    {GUANGDONG, NATION, "guangdong", "广东", true},
    {440100, GUANGDONG, "guangzhou", "广州", true},
    {440200, GUANGDONG, "shaoguan", "韶关", true},
    {440300, GUANGDONG, "shenzhen", "深圳", false},
    {440400, GUANGDONG, "zhuhai", "珠海", true},
    {440500, GUANGDONG, "shantou", "汕头", true},
    {440600, GUANGDONG, "foshan", "佛山", true},
    {440700, GUANGDONG, "jiangmen", "江门", true},
    {440800, GUANGDONG, "zhanjiang", "湛江", true},
    {440900, GUANGDONG, "maoming", "茂名", true},
    {441200, GUANGDONG, "zhaoqing", "肇庆", true},
    {441300, GUANGDONG, "huizhou", "惠州", true},
    {441400, GUANGDONG, "meizhou", "梅州", true},
    {441500, GUANGDONG, "shanwei", "汕尾", true},
    {441600, GUANGDONG, "heyuan", "河源", true},
    {441700, GUANGDONG, "yangjiang", "阳江", true},
    {441800, GUANGDONG, "qingyuan", "清远", true},
    {441900, GUANGDONG, "dongguan", "东莞", true},
    {442000, GUANGDONG, "zhongshan", "中山", true},
    {445100, GUANGDONG, "chaozhou", "潮州", true},
    {445200, GUANGDONG, "jieyang", "揭阳", true},
    {445300, GUANGDONG, "yunfu", "云浮", true},
};

#define COUNT (sizeof table / sizeof table[0])

size_t lsi_jurisdiction_count(void)
{
    return COUNT;
}

const lsi_jurisdiction *lsi_jurisdiction_at(size_t i)
{
    return i < COUNT ? &table[i] : NULL;
}

const lsi_jurisdiction *lsi_jurisdiction_by_code(int32_t code)
{
    for (size_t i = 0; i < COUNT; i++)
        if (table[i].code == code)
            return &table[i];
    return NULL;
}

/* "440100", "0", "000000" → code; anything else → -1. */
static int32_t parse_code(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 6)
        return -1;
    int32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Chinese names may carry the 市/省 suffix: "广州市", "广东省". */
static bool chinese_matches(const char *name, const char *text)
{
    size_t n = strlen(name);
    if (strncmp(name, text, n) != 0)
        return false;
    return text[n] == '\0' || strcmp(text + n, "市") == 0 || strcmp(text + n, "省") == 0;
}

static bool ascii_iequal(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char ca = (*a >= 'A' && *a <= 'Z') ? (char)(*a + 32) : *a;
        if (ca != *b)
            return false;
    }
    return *a == *b;
}

static const lsi_jurisdiction *match(const char *text)
{
    int32_t code = parse_code(text);
    if (code >= 0)
        return lsi_jurisdiction_by_code(code);
    if (ascii_iequal(text, "china"))
        return &table[0];
    for (size_t i = 0; i < COUNT; i++)
        if (ascii_iequal(text, table[i].pinyin) || chinese_matches(table[i].chinese, text))
            return &table[i];
    return NULL;
}

/* Pinyin as the data spell it ("bao'an"): letters compare without case and
 * the syllable apostrophe may be left out ("Baoan"). */
static bool pinyin_matches(const char *pinyin, const char *text)
{
    while (*pinyin) {
        char c = (*text >= 'A' && *text <= 'Z') ? (char)(*text + 32) : *text;
        if (*pinyin == '\'' && c != '\'') {
            pinyin++;
            continue;
        }
        if (c != *pinyin)
            return false;
        pinyin++, text++;
    }
    return *text == '\0';
}

/* `code` is parse_code(text): a number is only ever compared as a code. */
static bool district_matches(const lsi_district *d, const char *text, int32_t code)
{
    if (code >= 0)
        return d->code == code;
    return strcmp(d->name, text) == 0 || (d->short_name && strcmp(d->short_name, text) == 0) ||
           (d->pinyin && pinyin_matches(d->pinyin, text));
}

#define MAX_CANDIDATES 4 /* districts named in an ambiguity message */

/* How many districts `text` names; the first `max` of them in hit[]. */
static size_t find_districts(const char *text, const lsi_district **hit, size_t max)
{
    int32_t code = parse_code(text);
    size_t n = 0;
    for (size_t i = 0; i < lsi_district_count; i++)
        if (district_matches(&lsi_districts[i], text, code) && n++ < max)
            hit[n - 1] = &lsi_districts[i];
    return n;
}

static int unknown(libsi_ctx *ctx, const char *text, const char *field)
{
    return lsi_fail(ctx, LIBSI_EJURISDICTION, field,
                    "%s: unknown jurisdiction '%.64s' (give a GB/T 2260 code such as 440100, "
                    "a pinyin name such as guangzhou, or a Chinese name such as 广州; "
                    "Guangdong districts such as 440106, tianhe or 天河区 stand for their city)",
                    field, text);
}

/* A name shared by several districts (e.g. "yunan": 云安 yun'an and 郁南 yunan)
 * is refused rather than guessed, even when they lie in one city: the caller
 * meant one district, and the message lists them so that it can say which. */
static int ambiguous(libsi_ctx *ctx, const char *text, const char *field,
                     const lsi_district *const *hit, size_t n)
{
    char list[256];
    size_t len = 0;
    for (size_t i = 0; i < n && i < MAX_CANDIDATES && len < sizeof list; i++) {
        const lsi_jurisdiction *city = lsi_jurisdiction_by_code(hit[i]->city);
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s (%06d, %s)", i ? ", " : "",
                                hit[i]->name, (int)hit[i]->code, city ? city->pinyin : "?");
    }
    return lsi_fail(ctx, LIBSI_EJURISDICTION, field,
                    "%s: '%.64s' names %zu districts: %s%s; give the full name, the code or "
                    "the pinyin with its apostrophe", field, text, n, list,
                    n > MAX_CANDIDATES ? ", ..." : "");
}

/* Shenzhen, or one of its districts (d != NULL). */
static int unsupported(libsi_ctx *ctx, const char *field, const lsi_jurisdiction *j,
                       const lsi_district *d)
{
    if (d)
        return lsi_fail(ctx, LIBSI_EUNSUPPORTED, field,
                        "%s: %s (%06d) belongs to %s (%06d), which runs its own social "
                        "insurance system and is not supported; libsi never falls back to "
                        "provincial rules for it", field, d->name, (int)d->code, j->pinyin,
                        (int)j->code);
    return lsi_fail(ctx, LIBSI_EUNSUPPORTED, field,
                    "%s: %s (%06d) runs its own social insurance system and is not "
                    "supported; libsi never falls back to provincial rules for it",
                    field, j->pinyin, (int)j->code);
}

static int accept(libsi_ctx *ctx, const char *field, const lsi_jurisdiction *j,
                  const lsi_district *d, const lsi_jurisdiction **out)
{
    if (!j->supported)
        return unsupported(ctx, field, j, d);
    *out = j;
    return 0;
}

/* A district answers with its city's own entry (the same pointer), so every
 * lookup and fallback is the city's. */
static int find_district(libsi_ctx *ctx, const char *text, const char *field,
                         const lsi_jurisdiction **out)
{
    const lsi_district *hit[MAX_CANDIDATES];
    size_t n = find_districts(text, hit, MAX_CANDIDATES);
    if (n > 1)
        return ambiguous(ctx, text, field, hit, n);
    const lsi_jurisdiction *city = n ? lsi_jurisdiction_by_code(hit[0]->city) : NULL;
    if (!city)
        return unknown(ctx, text, field);
    return accept(ctx, field, city, hit[0], out);
}

int lsi_jurisdiction_find(libsi_ctx *ctx, const char *text, const char *field,
                          const lsi_jurisdiction **out)
{
    if (!text || !*text)
        return lsi_fail(ctx, LIBSI_EJURISDICTION, field,
                        "%s: the jurisdiction is empty; give the city or district as a GB/T 2260 "
                        "code such as 440100, a pinyin name such as guangzhou or a Chinese name "
                        "such as 广州 (Guangdong districts such as 440106, tianhe or 天河区 stand "
                        "for their city)", field);
    const lsi_jurisdiction *j = match(text);
    if (j)
        return accept(ctx, field, j, NULL, out);
    return find_district(ctx, text, field, out);
}

static int jurisdiction_resolve_impl(libsi_ctx *ctx, const char *text, char **code)
{
    if (!ctx || !code)
        return lsi_fail(ctx, LIBSI_EINVAL, "code", "NULL argument");
    lsi_clear_error(ctx);
    const lsi_jurisdiction *j;
    int rc = lsi_jurisdiction_find(ctx, text, "jurisdiction", &j);
    if (rc != 0)
        return rc;
    char digits[8];
    if (j->code == 0)
        snprintf(digits, sizeof digits, "0");
    else
        snprintf(digits, sizeof digits, "%06d", (int)j->code);
    return lsi_string_out(ctx, "code", digits, code);
}

int libsi_jurisdiction_resolve(libsi_ctx *ctx, const char *text, char **code)
{
    LSI_API_RETURN_OUT(ctx, code, jurisdiction_resolve_impl(ctx, text, code));
}

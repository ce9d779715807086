/*
 * Chinese and English explanations, messages and calculation sheets (issue
 * #17): the language names, the Chinese explanation of every calculation
 * (every step title and the description translated; the same numbers as the
 * English), a translated error message keeping its values, and the sheet
 * holding every output value.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <libsi.h>

static libsi_ctx *ctx;
static libsi_ruleset *rs;

static int setup(void **state)
{
    (void)state;
    return libsi_ctx_new(NULL, &ctx) || libsi_ruleset_builtin(ctx, &rs);
}

static int teardown(void **state)
{
    (void)state;
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return 0;
}

static void test_language_names(void **state)
{
    (void)state;
    static const struct { const char *name; int rc; libsi_lang lang; } cases[] = {
        {"zh", 0, LIBSI_LANG_ZH}, {"zh_CN.UTF-8", 0, LIBSI_LANG_ZH}, {"zh-Hans", 0, LIBSI_LANG_ZH},
        {"en", 0, LIBSI_LANG_EN}, {"en_US.UTF-8", 0, LIBSI_LANG_EN}, {"C", 0, LIBSI_LANG_EN},
        {"C.UTF-8", 0, LIBSI_LANG_EN}, {"POSIX", 0, LIBSI_LANG_EN},
        {"fr_FR.UTF-8", LIBSI_EINVAL, LIBSI_LANG_EN}, {"zhx", LIBSI_EINVAL, LIBSI_LANG_EN},
        {"", LIBSI_EINVAL, LIBSI_LANG_EN}, {NULL, LIBSI_EINVAL, LIBSI_LANG_EN},
        {"en@euro", 0, LIBSI_LANG_EN}, {"zh@pinyin", 0, LIBSI_LANG_ZH},
        {"Czech", LIBSI_EINVAL, LIBSI_LANG_EN}, {"POSIXLY", LIBSI_EINVAL, LIBSI_LANG_EN},
        {"english", LIBSI_EINVAL, LIBSI_LANG_EN}, {"ZH", LIBSI_EINVAL, LIBSI_LANG_EN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        libsi_lang lang = LIBSI_LANG_ZH;
        assert_int_equal(libsi_lang_from_name(cases[i].name, &lang), cases[i].rc);
        assert_int_equal(lang, cases[i].lang);
    }
    assert_string_equal(libsi_text(LIBSI_LANG_ZH, "Basic pension (基础养老金)"), "基础养老金");
    assert_string_equal(libsi_text(LIBSI_LANG_EN, "Basic pension (基础养老金)"),
                        "Basic pension (基础养老金)");
    assert_string_equal(libsi_text(LIBSI_LANG_ZH, "no such text"), "no such text");
    /* the language alone, without an output */
    assert_int_equal(libsi_lang_from_name("zh_CN", NULL), 0);
    assert_int_equal(libsi_lang_from_name("fr", NULL), LIBSI_EINVAL);
}

static libsi_result *calc(const char *scheme, const char *const *kv)
{
    libsi_case *c;
    libsi_result *r = NULL;
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    for (; *kv; kv += 2)
        assert_int_equal(libsi_case_set(ctx, c, kv[0], kv[1]), 0);
    int rc = libsi_calculate(ctx, rs, scheme, c, &r);
    if (rc)
        fail_msg("%s: %s", scheme, libsi_ctx_message(ctx));
    libsi_case_free(c);
    return r;
}

static bool has_cjk(const char *s, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++)
        if ((unsigned char)s[i] >= 0xE4 && (unsigned char)s[i] <= 0xE9)
            return true;
    return false;
}

/* Two ASCII letters in a row: a text that is not Chinese only. */
static bool ascii_letter(char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static bool has_english(const char *s)
{
    for (; s[0] && s[1]; s++)
        if (ascii_letter(s[0]) && ascii_letter(s[1]))
            return true;
    return false;
}

/* The amounts of a text (numbers with a decimal point), in order. */
static size_t amounts(const char *s, char out[][40], size_t max)
{
    size_t n = 0;
    for (const char *p = s; *p && n < max; p++) {
        size_t len = strspn(p, "0123456789.-");
        if (len > 2 && memchr(p, '.', len) && (p == s || !strchr("0123456789.-", p[-1]))) {
            snprintf(out[n++], 40, "%.*s", (int)(len < 39 ? len : 39), p);
            p += len - 1;
        }
    }
    return n;
}

/* Every "[n] title" line of the Chinese explanation holds Chinese; the
 * amounts are those of the English, in the same order. */
static void check_explanations(const char *scheme, const char *const *kv)
{
    libsi_result *r = calc(scheme, kv);
    char *en = NULL, *zh = NULL;
    assert_int_equal(libsi_result_explain_lang(ctx, r, LIBSI_LANG_EN, &en), 0);
    assert_int_equal(libsi_result_explain_lang(ctx, r, LIBSI_LANG_ZH, &zh), 0);
    char *legacy = NULL;
    assert_int_equal(libsi_result_explain(ctx, r, &legacy), 0);
    assert_string_equal(legacy, en);
    size_t steps = 0;
    for (const char *line = zh; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        const char *t = line + strspn(line, " ");
        if (*t == '[' && strchr("0123456789", t[1])) {
            steps++;
            if (!has_cjk(t, n - (size_t)(t - line)))
                fail_msg("%s: untranslated step title: %.*s", scheme, (int)n, line);
        }
    }
    if (steps < 1)
        fail_msg("%s: %zu steps in\n%s", scheme, steps, zh);
    assert_true(has_cjk(zh, strcspn(zh, "\n"))); /* the description */
    static char a[400][40], b[400][40];
    size_t na = amounts(en, a, 400), nb = amounts(zh, b, 400);
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++)
        assert_string_equal(a[i], b[i]);
    assert_non_null(strstr(zh, libsi_result_hash(r)));
    libsi_free(ctx, en);
    libsi_free(ctx, zh);
    libsi_free(ctx, legacy);
    libsi_result_free(r);
}

static void test_explanations(void **state)
{
    (void)state;
    const char *contrib[] = {"city", "guangzhou", "month", "2025-08", "wage", "30000", NULL};
    const char *flexible[] = {"city", "湛江", "month", "2025-08", "wage", "3000", "participant",
                              "flexible", NULL};
    const char *pension[] = {"city", "guangzhou", "retirement_group", "male60", "birth_date",
                             "1965-03-10", "contribution_months", "336", "deemed_months", "60",
                             "average_index", "1.2345", "account_balance", "158000",
                             "deemed_account_balance", "21000", NULL};
    const char *recalc[] = {"city", "guangzhou", "retirement_group", "male60", "birth_date",
                            "1965-03-10", "contribution_months", "360", "average_index", "1.5",
                            "account_balance", "180000", "paid_from", "2025-04", NULL};
    const char *unemp[] = {"city", "guangzhou", "claim_date", "2026-06", "contribution_months",
                           "84", "birth_date", "1975-04-01", "retirement_group", "male60", NULL};
    const char *injury[] = {"city", "guangzhou", "injury_date", "2025-05-10", "disability_grade",
                            "7", "own_wage", "9000", "area_average_wage", "12000", "terminated",
                            "true", "termination_date", "2026-01-01", "birth_date", "1980-04-02",
                            "retirement_group", "male60", NULL};
    const char *death[] = {"city", "guangzhou", "death_date", "2025-05-01",
                           "contribution_months", "300", "income_base", "60000", NULL};
    const char *life[] = {"table", "CL5", "age", "60", "interest", "0.025", "frequency",
                          "monthly", NULL};
    check_explanations("contributions", contrib);
    check_explanations("contributions", flexible);
    check_explanations("pension", pension);
    check_explanations("pension_recalculation", recalc);
    check_explanations("unemployment", unemp);
    check_explanations("work_injury", injury);
    check_explanations("pension_death", death);
    check_explanations("life_annuity", life);
}

/* Each calculation's description, and each output's (the calculation
 * sheet's "meaning" column), has its Chinese. */
static void test_descriptions(void **state)
{
    (void)state;
    for (const char *const *s = libsi_schema_names(); *s; s++) {
        const char *d = libsi_schema_description(*s);
        if (strcmp(libsi_text(LIBSI_LANG_ZH, d), d) == 0)
            fail_msg("calculation %s: description without a translation: %s", *s, d);
        const libsi_field *f;
        for (size_t i = 0; (f = libsi_schema_field(*s, LIBSI_FIELD_OUTPUT, i)) != NULL; i++)
            if (has_english(f->description) &&
                strcmp(libsi_text(LIBSI_LANG_ZH, f->description), f->description) == 0)
                fail_msg("output %s of %s: description without a translation (add it to "
                         "data/i18n/zh-*.tsv): %s", f->name, *s, f->description);
    }
}

static void test_message(void **state)
{
    (void)state;
    const char *kv[] = {"city", "guangzhou", "month", "2025-08", "wage", "-5", NULL};
    libsi_case *c;
    libsi_result *r = NULL;
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    for (const char *const *p = kv; *p; p += 2)
        libsi_case_set(ctx, c, p[0], p[1]);
    assert_int_not_equal(libsi_calculate(ctx, rs, "contributions", c, &r), 0);
    const char *en = libsi_ctx_message(ctx);
    const char *zh = libsi_ctx_message_lang(ctx, LIBSI_LANG_ZH);
    assert_string_equal(libsi_ctx_message_lang(ctx, LIBSI_LANG_EN), en);
    assert_true(has_cjk(zh, strlen(zh)));
    assert_non_null(strstr(zh, "'wage'"));
    assert_non_null(strstr(zh, "-5"));
    libsi_case_free(c);
    /* a message with its values put back in another order */
    const char *bad[] = {"city", "shenzhen", "month", "2025-08", "wage", "3000", NULL};
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    for (const char *const *p = bad; *p; p += 2)
        libsi_case_set(ctx, c, p[0], p[1]);
    assert_int_not_equal(libsi_calculate(ctx, rs, "contributions", c, &r), 0);
    zh = libsi_ctx_message_lang(ctx, LIBSI_LANG_ZH);
    assert_true(has_cjk(zh, strlen(zh)));
    assert_non_null(strstr(zh, "440300"));
    libsi_case_free(c);
    /* "is %s %s" split at the longest known text: above the maximum | 529 */
    const char *months[] = {"city", "guangzhou", "retirement_group", "male60", "birth_date",
                            "1965-03-10", "contribution_months", "900", "average_index", "1.5",
                            "account_balance", "1", NULL};
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    for (const char *const *p = months; *p; p += 2)
        libsi_case_set(ctx, c, p[0], p[1]);
    assert_int_equal(libsi_calculate(ctx, rs, "pension", c, &r), LIBSI_ERANGE);
    assert_non_null(strstr(libsi_ctx_message(ctx), "is above the maximum 529"));
    zh = libsi_ctx_message_lang(ctx, LIBSI_LANG_ZH);
    assert_non_null(strstr(zh, "输入 'contribution_months' = '900' 高于上限 529（"));
    assert_non_null(strstr(zh, "《劳动法》第十五条"));
    libsi_case_free(c);
    /* a message whose values are themselves texts of the table, translated
     * in place: a history month before the 16th birthday of a man born
     * 1965-03-10 (1981-03) */
    const char *young[] = {"city", "guangzhou", "retirement_group", "male60", "birth_date",
                           "1965-03-10", "history", "month,base\n1977-01..1977-12,100\n", NULL};
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    for (const char *const *p = young; *p; p += 2)
        libsi_case_set(ctx, c, p[0], p[1]);
    assert_int_equal(libsi_calculate(ctx, rs, "pension", c, &r), LIBSI_ERANGE);
    en = libsi_ctx_message(ctx);
    zh = libsi_ctx_message_lang(ctx, LIBSI_LANG_ZH);
    assert_string_equal(en, "input 'history': its first month 1977-01 is before the months "
                            "from age 16 (1981-03, 《劳动法》第十五条) up to the retirement "
                            "month 2025-04");
    assert_string_equal(zh, "输入 'history'：其首月 1977-01 早于 从 16 岁（1981-03，"
                            "《劳动法》第十五条）至 退休月份 2025-04 的月数");
    libsi_case_free(c);
    /* a case-file reason holding colons of its own ("{amount: 9000}", "'wage:
     * value'"): translated through its own format, not through "%s:%d: %s"
     * (a %d matches digits only; issue #12) */
    const char nested[] = "city: guangzhou\nwage: {amount: 9000}\n";
    assert_int_equal(libsi_case_load_buffer(ctx, nested, sizeof nested - 1, "case.yaml", &c),
                     LIBSI_ECASE);
    assert_string_equal(libsi_ctx_message_lang(ctx, LIBSI_LANG_ZH),
                        "case.yaml:2：输入 'wage' = {amount: 9000} 是一个映射：请给出一个值"
                        "（'wage: value'）或一个列表（'wage: [a, b]'）；输入没有自己的键");
    /* an empty city: the reason inside "input 'city' = '': %s" */
    const char *nocity[] = {"city", "", "month", "2025-08", "wage", "9000", NULL};
    assert_int_equal(libsi_case_new(ctx, &c), 0);
    for (const char *const *p = nocity; *p; p += 2)
        libsi_case_set(ctx, c, p[0], p[1]);
    assert_int_equal(libsi_calculate(ctx, rs, "contributions", c, &r), LIBSI_EJURISDICTION);
    assert_non_null(strstr(libsi_ctx_message_lang(ctx, LIBSI_LANG_ZH),
                           "输入 'city' = ''：行政区划为空；请给出城市或区县：GB/T 2260 代码如 440100"));
    libsi_case_free(c);
    /* no error: "" in both languages */
    libsi_ctx *fresh;
    assert_int_equal(libsi_ctx_new(NULL, &fresh), 0);
    assert_string_equal(libsi_ctx_message_lang(fresh, LIBSI_LANG_ZH), "");
    libsi_ctx_free(fresh);
    assert_string_equal(libsi_ctx_message_lang(NULL, LIBSI_LANG_ZH), "");
}


/* A member-model error in Chinese: the line, the column and the reason
 * (itself a text of the table) each translated in place; English as raised. */
static void test_message_member_file(void **state)
{
    (void)state;
    const char *d = getenv("LIBSI_DATA");
    char path[1200];
    snprintf(path, sizeof path, "%s/../tests/data/microsim/small.yaml", d ? d : "data");
    static const struct { const char *members, *en, *zh; } rows[] = {
        {"id,city,birth_date,retirement_group,contribution_months,average_index,"
         "account_balance,deemed_months,deemed_account_balance,base_ratio,status,pension\n"
         "1,guangzhou,1966-03-15,male60,300,1,0,0,0,1,dead,0\n",
         "members line 2, column 'status': active or retired",
         "成员文件第 2 行，列 'status'：active 或 retired"},
        {"id,city,birth_date,retirement_group,contribution_months,average_index,"
         "account_balance,deemed_months,deemed_account_balance,base_ratio,status,pension\n"
         "1,zhanjiang,1966-03-15,male60,300,1,0,0,0,1,active,0\n",
         "members line 2, column 'city': must be the scenario's pooling area",
         "成员文件第 2 行，列 'city'：须为情景所设的统筹地区"},
        {"id,city,birth_date,retirement_group,contribution_months,average_index,"
         "account_balance,deemed_months,deemed_account_balance,base_ratio,status,pension\n"
         "1,guangzhou\n",
         "members line 2: 2 fields, the header has 12",
         "成员文件第 2 行：2 个字段，表头为 12 个"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        libsi_case *c;
        libsi_result *r = NULL;
        assert_int_equal(libsi_case_new(ctx, &c), 0);
        assert_int_equal(libsi_case_set(ctx, c, "scenario", path), 0);
        assert_int_equal(libsi_case_set(ctx, c, "members", rows[i].members), 0);
        assert_int_equal(libsi_calculate(ctx, rs, "member_projection", c, &r), LIBSI_EINPUT);
        const char *en = libsi_ctx_message_lang(ctx, LIBSI_LANG_EN);
        const char *zh = libsi_ctx_message_lang(ctx, LIBSI_LANG_ZH);
        if (!strstr(en, rows[i].en) || !strstr(zh, rows[i].zh))
            fprintf(stderr, "en: %s\nzh: %s\n", en, zh);
        assert_non_null(strstr(en, rows[i].en));
        assert_non_null(strstr(zh, rows[i].zh));
        libsi_case_free(c);
    }
}

static void test_html(void **state)
{
    (void)state;
    const char *pension[] = {"city", "guangzhou", "retirement_group", "male60", "birth_date",
                             "1965-03-10", "contribution_months", "336", "deemed_months", "60",
                             "average_index", "1.2345", "account_balance", "158000",
                             "deemed_account_balance", "21000", NULL};
    libsi_result *r = calc("pension", pension);
    for (int lang = 0; lang < 2; lang++) {
        char *html = NULL;
        assert_int_equal(libsi_result_html(ctx, r, (libsi_lang)lang, &html), 0);
        assert_non_null(strstr(html, "@page{size:A4"));
        assert_non_null(strstr(html, lang ? "<html lang=\"zh-CN\">" : "<html lang=\"en\">"));
        assert_non_null(strstr(html, lang ? "养老金核定表" : "Pension approval form"));
        for (size_t i = 0; i < libsi_result_count(r); i++)
            assert_non_null(strstr(html, libsi_result_value(r, i)));
        assert_non_null(strstr(html, libsi_result_hash(r)));
        assert_non_null(strstr(html, "粤人社发〔2025〕32号"));
        assert_null(strstr(html, "<script"));
        libsi_free(ctx, html);
    }
    char *html = NULL;
    assert_int_equal(libsi_result_html(ctx, r, (libsi_lang)7, &html), LIBSI_EINVAL);
    assert_int_equal(libsi_result_html(ctx, NULL, LIBSI_LANG_EN, &html), LIBSI_EINVAL);
    libsi_result_free(r);
}


/* A value as HTML character data (a JSON list's quotes as &quot;). */
static const char *escaped(const char *v)
{
    static char out[16384];
    size_t n = 0;
    for (; *v && n + 7 < sizeof out; v++) {
        const char *e = *v == '"' ? "&quot;" : *v == '&' ? "&amp;" : *v == '<' ? "&lt;"
                      : *v == '>' ? "&gt;" : NULL;
        if (e)
            n += (size_t)snprintf(out + n, sizeof out - n, "%s", e);
        else
            out[n++] = *v;
    }
    out[n] = '\0';
    return out;
}

/* The calculation sheet of each scheme in both languages: the scheme's own
 * form title (a scheme without one: the generic title), every output value,
 * the hash, a flag raised in the trace named with the step that raised it. */
static void test_html_schemes(void **state)
{
    (void)state;
    const char *contrib[] = {"city", "guangzhou", "month", "2025-08", "wage", "30000", NULL};
    const char *unemp[] = {"city", "guangzhou", "claim_date", "2026-06", "contribution_months",
                           "84", "birth_date", "1975-04-01", "retirement_group", "male60", NULL};
    const char *injury[] = {"city", "guangzhou", "injury_date", "2025-05-10", "disability_grade",
                            "7", "own_wage", "9000", "area_average_wage", "12000", "terminated",
                            "true", "termination_date", "2026-01-01", "birth_date", "1980-04-02",
                            "retirement_group", "male60", NULL};
    const char *life[] = {"table", "CL5", "age", "60", "interest", "0.025", "frequency",
                          "monthly", NULL};
    static const struct { const char *scheme, *en, *zh; } forms[] = {
        {"contributions", "Social insurance contribution sheet", "社会保险费核定表"},
        {"unemployment", "Unemployment benefit approval form", "失业保险金核定表"},
        {"work_injury", "Work-injury benefit approval form", "工伤保险待遇核定表"},
        {"life_annuity", "Calculation sheet", "计算表"},
    };
    const char *const *kvs[] = {contrib, unemp, injury, life};
    for (size_t i = 0; i < 4; i++) {
        libsi_result *r = calc(forms[i].scheme, kvs[i]);
        for (int lang = 0; lang < 2; lang++) {
            char *html = NULL;
            assert_int_equal(libsi_result_html(ctx, r, (libsi_lang)lang, &html), 0);
            assert_non_null(strstr(html, lang ? forms[i].zh : forms[i].en));
            for (size_t j = 0; j < libsi_result_count(r); j++)
                assert_non_null(strstr(html, escaped(libsi_result_value(r, j))));
            assert_non_null(strstr(html, libsi_result_hash(r)));
            uint32_t flags = libsi_result_flags(r);
            for (unsigned bit = 0; bit < 32; bit++)
                if ((flags & (1u << bit)) && libsi_flag_name(1u << bit))
                    assert_non_null(strstr(html, libsi_flag_name(1u << bit)));
            if (!flags)
                assert_non_null(strstr(html, lang ? "无" : "none"));
            libsi_free(ctx, html);
        }
        libsi_result_free(r);
    }
}

static size_t count(const char *text, const char *what)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, what)) != NULL; p += strlen(what))
        n++;
    return n;
}

/* Issue #17 item 5: a ten-year monthly history is explained a year a line
 * with its months, the monthly rate once with its count; defaults say so;
 * each flag of the summary names the step that raised it. */
static void test_history_explained_by_year(void **state)
{
    (void)state;
    char history[4096] = "month,base\n";
    for (int y = 2016; y <= 2025; y++)
        snprintf(history + strlen(history), sizeof history - strlen(history),
                 "%d-01..%d-12,%d\n", y, y, 6000 + 300 * (y - 2016));
    const char *kv[] = {"history", history, "as_of", "2025-12", NULL};
    libsi_result *r = calc("pension_account", kv);
    char *en = NULL;
    assert_int_equal(libsi_result_explain_lang(ctx, r, LIBSI_LANG_EN, &en), 0);
    assert_int_equal(count(en, "pension.account.credit_rate = "), 1);
    assert_non_null(strstr(en, "(×120)"));
    for (int y = 2016; y <= 2025; y++) {
        char year[64];
        snprintf(year, sizeof year, "    %d = months 01–12: opening ", y);
        assert_int_equal(count(en, year), 1);
    }
    assert_non_null(strstr(en, "opening_balance = 0 (default)"));
    assert_non_null(strstr(en, "city = 440000 (default: guangdong)"));
    /* low_confidence comes from 劳办发〔1997〕116号's factor, read in step 3 */
    assert_true(libsi_result_flags(r) & LIBSI_FLAG_LOW_CONFIDENCE);
    assert_non_null(strstr(en, "flags: low_confidence [3]"));
    libsi_free(ctx, en);
    libsi_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_language_names), cmocka_unit_test(test_explanations),
        cmocka_unit_test(test_descriptions),   cmocka_unit_test(test_message),
        cmocka_unit_test(test_html),           cmocka_unit_test(test_history_explained_by_year),
        cmocka_unit_test(test_html_schemes),
        cmocka_unit_test(test_message_member_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

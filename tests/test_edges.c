/*
 * Validation edges the vector files do not reach (written for the coverage
 * gate, docs/testing.md "Gates").  Each row is one calculation and the named
 * error the library documents for it: the code, the field it names
 * (libsi_ctx_field) and words of its message; or success, with a flag that
 * must be raised.  The property behind every error row is issue #12's "a bad
 * input is a named error, never a silent default or a crash"; the source
 * column of each row says which rule of the input it breaks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libsi.h"
#include "vectors.h"

typedef struct edge {
    const char *scheme;
    const char *inputs;   /* name=value pairs separated by '|' ("\n" inside values) */
    int code;             /* expected code (0: success) */
    const char *field;    /* expected field ("" when success) */
    const char *words;    /* in the message (error) or a flag name (success), or "" */
    const char *source;   /* the rule the row checks */
} edge;

#define PENSION "pension", "city=guangzhou|retirement_group=male60|birth_date=1965-03-10|"
#define GZ_RETIREE "city=guangzhou|retirement_group=male60|birth_date=1965-03-10|"

static const edge edges[] = {
    /* Monthly histories (pension_history.c; docs/pension.md "history"). */
    {PENSION "history=month,base\n1900-01..2000-12,5000\n", LIBSI_EINPUT, "history",
     "more than 1200 months", "a history holds at most 1200 months (a hundred years)"},
    {PENSION "history=month,base,average_wage\n2020-01,5000,0\n", LIBSI_EINPUT, "history",
     "average_wage must be positive", "an index divides by the average wage"},
    {PENSION "history=month,base\n2020-13,5000\n", LIBSI_EINPUT, "history", "YYYY-MM",
     "a month is YYYY-MM"},
    {PENSION "history=month,base\n2020-05..2020-01,5000\n", LIBSI_EINPUT, "history",
     "backwards", "a month range runs forwards"},
    {PENSION "history=month,bases\n2020-01,5000\n", LIBSI_EINPUT, "history", "header",
     "the header names month and base"},
    {PENSION "history=month,base,base\n2020-01,5000,1\n", LIBSI_EINPUT, "history", "header",
     "a column is named once"},
    {PENSION "history=month,base\n2020-01,5000,1\n", LIBSI_EINPUT, "history",
     "3 cells, the header has 2", "every row has the header's cells; the message counts both"},
    {PENSION "history=- 5\n", LIBSI_EINPUT, "history", "mapping",
     "a YAML history is a list of mappings"},
    {PENSION "history=- month: 2020-01\n  base: 5000\n  foo: 1\n", LIBSI_EINPUT, "history",
     "unknown key", "a YAML month has only the four keys"},
    {PENSION "history=- month: 2020-01\n", LIBSI_EINPUT, "history", "required",
     "a YAML month needs month and base"},
    {PENSION "history=history: 1\n", LIBSI_EINPUT, "history", "",
     "a YAML history is a list, not a mapping"},
    {PENSION "history=# a record\n\n# from the agency\nmonth,base\n 2021-07..2024-12 , 9000\n",
     0, "", "", "comment lines before the header and blanks around cells are ignored"},
    {PENSION "history=month,base\n2016-01..2026-12,9000\n", LIBSI_EINPUT, "history",
     "retirement month", "months from the retirement month on are not contribution months"},
    {"pension_account", "history=month,base\n2020-01,5000\n|as_of=2025-13", LIBSI_EINPUT, "as_of",
     "", "as_of is YYYY-MM"},
    /* Amounts out of range: named errors, not wrapped numbers. */
    {"work_injury", "city=guangzhou|injury_date=2025-03-01|own_wage=9000|area_average_wage=12000|"
     "death=true|dependants=spouse,child,child,child,child,child,child,child,child,child,child,"
     "child,child,child,child,child,child,child,child,child,child", LIBSI_EINPUT, "dependants",
     "at most 20", "a death case lists at most 20 dependants"},
    {"pension_measures", GZ_RETIREE "contribution_months=360|average_index=1.5|"
     "account_balance=180000|mortality=@TESTDATA@/lifetable-small.tsv|table=SMALL",
     LIBSI_EINPUT, "mortality", "ages 0 to 105", "the money's-worth tables cover ages 0–105"},
    /* The projection scenario (projection_scenario.c, docs/actuarial.md). */
    {"fund_projection", "city=guangzhou|scenario=@DATA@/scenarios/guangzhou.yaml", 0, "", "",
     "a scenario given as a path is read from the file"},
    {"fund_projection", "city=guangzhou|scenario=/nonexistent/scenario.yaml", LIBSI_EINPUT,
     "scenario", "cannot read", "a scenario path that cannot be read"},
    {"fund_projection", "city=guangzhou|scenario=@SCENARIO@typo_section: 1\n", LIBSI_EINPUT, "",
     "unknown key", "every key of a scenario is read or rejected (issue #12 item 4)"},
    {"fund_projection", "city=guangzhou|scenario=@SCENARIO@", 0, "", "",
     "the default scenario as text"},
    {"fund_projection", "city=guangzhou|scenario=- 1\n", LIBSI_EINPUT, "", "mapping",
     "a scenario is a mapping"},
};

/* Replace @DATA@, @TESTDATA@ and @SCENARIO@ (the default scenario's text). */
static char *expand(const char *in, const char *scenario)
{
    char dir[1024];
    size_t cap = strlen(in) + strlen(scenario) + 4096, o = 0;
    char *out = malloc(cap);
    for (const char *p = in; *p;) {
        const char *rep = NULL;
        size_t skip = 0;
        if (strncmp(p, "@DATA@", 6) == 0)
            rep = vec_path("LIBSI_DATA", "", dir, sizeof dir), skip = 6;
        else if (strncmp(p, "@TESTDATA@", 10) == 0)
            rep = vec_path("LIBSI_TESTDATA", "", dir, sizeof dir), skip = 10;
        else if (strncmp(p, "@SCENARIO@", 10) == 0)
            rep = scenario, skip = 10;
        if (rep) {
            size_t n = strlen(rep);
            if (n && rep[n - 1] == '/' && p[skip] == '/')
                n--;
            memcpy(out + o, rep, n);
            o += n;
            p += skip;
        } else
            out[o++] = *p++;
    }
    out[o] = '\0';
    return out;
}

int main(void)
{
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    char path[1024];
    char *scenario = vec_slurp(vec_path("LIBSI_DATA", "scenarios/guangzhou.yaml", path, sizeof path));
    if (!scenario || libsi_ctx_new(NULL, &ctx) != 0 || libsi_ruleset_builtin(ctx, &rs) != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    int bad = 0;
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        const edge *e = &edges[i];
        char *inputs = expand(e->inputs, scenario);
        libsi_case *c;
        libsi_result *r = NULL;
        if (libsi_case_new(ctx, &c) != 0)
            return 1;
        for (char *p = inputs; p && *p;) {
            char *bar = strchr(p, '|'), *eq = strchr(p, '=');
            if (bar)
                *bar = '\0';
            *eq = '\0';
            libsi_case_set(ctx, c, p, eq + 1);
            p = bar ? bar + 1 : NULL;
        }
        int rc = libsi_calculate(ctx, rs, e->scheme, c, &r);
        const char *msg = libsi_ctx_message(ctx), *field = libsi_ctx_field(ctx);
        int ok = rc == e->code;
        if (ok && rc != 0)
            ok = (!*e->field || strcmp(field, e->field) == 0) && strstr(msg, e->words) && *field;
        if (ok && rc == 0 && *e->words) {
            ok = 0;
            for (unsigned bit = 1; bit; bit <<= 1)
                ok |= (libsi_result_flags(r) & bit) && libsi_flag_name(bit) &&
                      strcmp(libsi_flag_name(bit), e->words) == 0;
        }
        if (!ok) {
            fprintf(stderr, "edge %zu (%s; %s): got %d [%s] %s\n", i + 1, e->scheme, e->source,
                    rc, field, msg);
            bad++;
        }
        libsi_result_free(r);
        libsi_case_free(c);
        free(inputs);
    }
    printf("%zu edges, %d failed\n", sizeof edges / sizeof edges[0], bad);
    free(scenario);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return bad ? 1 : 0;
}

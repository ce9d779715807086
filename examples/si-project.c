/*
 * si-project: run a fund-projection scenario (精算平衡) and print the yearly
 * table.
 *
 *   si-project                                   # the default Guangzhou scenario
 *   si-project data/scenarios/guangzhou.yaml --csv
 *   si-project data/scenarios/zhanjiang.yaml --json
 *
 * The pooling area is the scenario's `city`; --city, when given, must name
 * the same city (the calculation checks it).
 *
 * The projection is the calculation `fund_projection`; --json prints its full
 * result (inputs, outputs, flags, trace, hash), --explain the explanation,
 * --html the printable calculation sheet; --lang zh|en chooses the language
 * of the explanation, the sheet and the error messages (default: $LC_ALL,
 * $LC_MESSAGES or $LANG, else English).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libsi.h"

#include "cli_lang.h"


#include <unistd.h>

#ifndef LIBSI_SCENARIO_DIR /* the source tree's data/scenarios (meson sets it) */
#define LIBSI_SCENARIO_DIR "data/scenarios"
#endif
#ifndef LIBSI_INSTALLED_SCENARIO_DIR /* <datadir>/libsi/scenarios */
#define LIBSI_INSTALLED_SCENARIO_DIR "/usr/local/share/libsi/scenarios"
#endif

/* The default scenario: the source tree's when present, else the installed one. */
static const char *default_scenario(void)
{
    static const char *const candidates[] = {LIBSI_SCENARIO_DIR "/guangzhou.yaml",
                                             LIBSI_INSTALLED_SCENARIO_DIR "/guangzhou.yaml"};
    for (size_t i = 0; i < 2; i++)
        if (access(candidates[i], R_OK) == 0)
            return candidates[i];
    return candidates[1];
}

static const char *const columns[] = {
    "year", "contributors", "retirees", "dependency_ratio", "average_wage", "average_pension",
    "contribution_income", "expenditure", "balance", "reserve_months", "payg_cost_rate",
    "income_rate"};
#define NCOLS (sizeof columns / sizeof columns[0])

/* The value of "key" in one flat JSON object of the canonical table (values
 * are strings, the year a number); copies at most n−1 bytes. */
static void field(const char *obj, const char *end, const char *key, char *out, size_t n)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(obj, pat);
    out[0] = '\0';
    if (!p || p > end)
        return;
    p += strlen(pat);
    if (*p == '"')
        p++;
    size_t i = 0;
    while (*p && *p != '"' && *p != ',' && *p != '}' && i + 1 < n)
        out[i++] = *p++;
    out[i] = '\0';
}

static void print_table(const char *json, int csv)
{
    for (size_t c = 0; c < NCOLS; c++)
        printf(csv ? "%s%s" : "%s%20s", csv ? (c ? "," : "") : " ", columns[c]);
    printf("\n");
    for (const char *o = strchr(json, '{'); o; o = strchr(o + 1, '{')) {
        const char *end = strchr(o, '}');
        char v[64];
        for (size_t c = 0; c < NCOLS; c++) {
            field(o, end, columns[c], v, sizeof v);
            printf(csv ? "%s%s" : "%s%20s", csv ? (c ? "," : "") : " ", v);
        }
        printf("\n");
    }
}

/* The stochastic table's columns (--stochastic N) and a replayed path's (--path K). */
static const char *const band_columns[] = {
    "year", "balance_p5", "balance_p25", "balance_p50", "balance_p75", "balance_p95",
    "reserve_months_p5", "reserve_months_p25", "reserve_months_p50", "reserve_months_p75",
    "reserve_months_p95", "payg_cost_rate_p5", "payg_cost_rate_p25", "payg_cost_rate_p50",
    "payg_cost_rate_p75", "payg_cost_rate_p95", "depleted_in_year", "depletion_probability", NULL};
static const char *const path_columns[] = {
    "year", "wage_growth", "fund_return", "indexation", "improvement", "entrant_growth",
    "contribution_income", "expenditure", "balance", "reserve_months", "payg_cost_rate", NULL};

static void print_columns(const char *json, const char *const *cols)
{
    for (size_t c = 0; cols[c]; c++)
        printf("%s%s", c ? "," : "", cols[c]);
    printf("\n");
    for (const char *o = strchr(json, '{'); o; o = strchr(o + 1, '{')) {
        const char *end = strchr(o, '}');
        char v[64];
        for (size_t c = 0; cols[c]; c++) {
            field(o, end, cols[c], v, sizeof v);
            printf("%s%s", c ? "," : "", v);
        }
        printf("\n");
    }
}

static void usage_line(FILE *f, const char *prog)
{
    fprintf(f, "usage: %s [SCENARIO.yaml] [--city CITY] [--csv | --json | --explain | --html] "
               "[--lang zh|en] [--rules PATH]\n"
               "       [--stochastic N [--path K] [--seed S] [--threads T]]\n"
               "(default scenario: %s/guangzhou.yaml)\n",
            prog, LIBSI_SCENARIO_DIR);
}

/* --help: the options and the scenario file format (issue #17). */
static int help(const char *prog)
{
    usage_line(stdout, prog);
    printf("\nProject an enterprise employee pension fund (精算平衡) year by year with the\n"
           "rule data and the pension calculation of libsi.\n\n"
           "options:\n"
           "  (none)      the yearly table, the depletion year and the actuarial balance\n"
           "  --csv       the yearly table as CSV      --json     the whole result\n"
           "  --explain   the explanation with citations\n"
           "  --html      the printable calculation sheet (one self-contained A4 HTML page)\n"
           "  --lang L    zh or en (default: from $LC_ALL, $LC_MESSAGES or $LANG, else en)\n"
           "  --city C    must name the scenario's city (the pooling area)\n"
           "  --rules P   rule files (a .yaml file or a directory) instead of the built-in ones\n"
           "  --stochastic N: N paths of the scenario's `stochastic` section; CSV of the\n"
           "              percentiles 5/25/50/75/95 per year and the probability of depletion;\n"
           "              --path K replays path K; results never depend on --threads\n\n"
           "scenario file (YAML, libsi_scenario: 1): every assumption of the projection.\n"
           "  libsi_scenario: 1          name: guangzhou-default      city: guangzhou\n"
           "  base_year: 2020            horizon: 2100 (at most base_year + 100)\n"
           "  mortality:    file (builtin or a TSV path), male/female (CL5, CL6), improvement\n"
           "  population:   participants, retirees, male_share, female_cadre_share, first_age,\n"
           "                entry_age, entrants, entrant_growth\n"
           "  contribution: density, base_ratio, rate (policy lever; default from the rule data)\n"
           "  wages, benefits, fund, unemployment, resident, stochastic: see the commented files\n"
           "  Decimals are quoted strings; an unknown key is an error.  Complete, commented\n"
           "  examples: data/scenarios/guangzhou.yaml, data/scenarios/zhanjiang.yaml,\n"
           "  examples/scenarios/guangzhou-rate20.yaml; every key: docs/actuarial.md.\n");
    return 0;
}

static int usage(const char *prog)
{
    usage_line(stderr, prog);
    fprintf(stderr, "(try --help)\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *scenario = default_scenario(), *city = NULL, *rules = NULL;
    const char *paths = NULL, *path = NULL, *seed = NULL, *threads = NULL;
    int mode = 0; /* 0 table, 1 csv, 2 json, 3 explain, 4 html */
    libsi_lang lang = cli_environment_lang();
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) return help(argv[0]);
        else if (strcmp(argv[i], "--csv") == 0) mode = 1;
        else if (strcmp(argv[i], "--json") == 0) mode = 2;
        else if (strcmp(argv[i], "--explain") == 0) mode = 3;
        else if (strcmp(argv[i], "--html") == 0) mode = 4;
        else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            if (cli_lang_option(argv[++i], &lang) != 0) return usage(argv[0]);
        }
        else if (strcmp(argv[i], "--city") == 0 && i + 1 < argc) city = argv[++i];
        else if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc) rules = argv[++i];
        else if (strcmp(argv[i], "--stochastic") == 0 && i + 1 < argc) paths = argv[++i];
        else if (strcmp(argv[i], "--path") == 0 && i + 1 < argc) path = argv[++i];
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) seed = argv[++i];
        else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) threads = argv[++i];
        else if (argv[i][0] == '-') return usage(argv[0]);
        else scenario = argv[i];
    }
    libsi_ctx *ctx;
    libsi_ruleset *rs = NULL;
    libsi_case *c = NULL;
    libsi_result *r = NULL;
    int rc = libsi_ctx_new(NULL, &ctx);
    if (rc == 0) rc = rules ? libsi_ruleset_load(ctx, rules, &rs) : libsi_ruleset_builtin(ctx, &rs);
    if (rc == 0) rc = libsi_case_new(ctx, &c);
    if (rc == 0) rc = libsi_case_set(ctx, c, "scenario", scenario);
    if (rc == 0 && city) rc = libsi_case_set(ctx, c, "city", city);
    bool stochastic = paths || path;
    if (rc == 0 && paths) rc = libsi_case_set(ctx, c, "paths", paths);
    if (rc == 0 && path) rc = libsi_case_set(ctx, c, "path", path);
    if (rc == 0 && seed) rc = libsi_case_set(ctx, c, "seed", seed);
    if (rc == 0 && threads) rc = libsi_case_set(ctx, c, "threads", threads);
    if (rc == 0)
        rc = libsi_calculate(ctx, rs, stochastic ? "stochastic_projection" : "fund_projection", c,
                             &r);
    if (rc != 0) {
        fprintf(stderr, "%s: error %d (%s): %s\n", argv[0], rc, libsi_strerror(rc),
                ctx ? libsi_ctx_message_lang(ctx, lang) : "no memory");
    } else if (mode >= 2) {
        char *text = NULL;
        rc = mode == 2   ? libsi_result_json(ctx, r, &text)
             : mode == 4 ? libsi_result_html(ctx, r, lang, &text)
                         : libsi_result_explain_lang(ctx, r, lang, &text);
        if (rc == 0)
            printf("%s\n", text);
        libsi_free(ctx, text);
    } else if (stochastic) {
        print_columns(libsi_result_get(r, "table"), path ? path_columns : band_columns);
        if (!path)
            fprintf(stderr, "paths: %s; probability of depletion by the horizon: %s\n",
                    libsi_result_get(r, "paths"), libsi_result_get(r, "depletion_probability"));
    } else {
        print_table(libsi_result_get(r, "table"), mode == 1);
        if (mode == 0)
            printf("\ndepletion year: %s\nactuarial balance: %s of the PV wage bill\n"
                   "unemployment fund payable months: %s\n",
                   libsi_result_get(r, "depletion_year"), libsi_result_get(r, "actuarial_balance"),
                   libsi_result_get(r, "unemployment_payable_months"));
    }
    libsi_result_free(r);
    libsi_case_free(c);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return rc == 0 ? 0 : 1;
}

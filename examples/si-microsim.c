/*
 * si-microsim: member-level projection (microsimulation) of a pension fund
 * (calculation `member_projection`, issue #16).
 *
 *   si-microsim                                      # Guangzhou, synthetic population
 *   si-microsim data/scenarios/guangzhou.yaml --members members.csv --csv
 *   si-microsim --mode monte_carlo --seed 7 --path 3 --threads 2 --members-out out.csv
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libsi.h"

#ifndef LIBSI_SCENARIO_DIR
#define LIBSI_SCENARIO_DIR "data/scenarios"
#endif
#ifndef LIBSI_INSTALLED_SCENARIO_DIR
#define LIBSI_INSTALLED_SCENARIO_DIR "/usr/local/share/libsi/scenarios"
#endif

static const char *default_scenario(void)
{
    static const char *const candidates[] = {LIBSI_SCENARIO_DIR "/guangzhou.yaml",
                                             LIBSI_INSTALLED_SCENARIO_DIR "/guangzhou.yaml"};
    return access(candidates[0], R_OK) == 0 ? candidates[0] : candidates[1];
}

static const char *const columns[] = {
    "year", "contributors", "retirees", "new_retirees", "deaths", "average_pension",
    "contribution_income", "pension_expenditure", "survivor_benefits", "balance",
    "reserve_months", "payg_cost_rate"};
#define NCOLS (sizeof columns / sizeof columns[0])

/* The value of "key" in one flat JSON object of the table. */
static void field(const char *obj, const char *end, const char *key, char *out, size_t n)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(obj, pat);
    size_t i = 0;
    if (p && p < end) {
        p += strlen(pat);
        p += *p == '"';
        while (*p && *p != '"' && *p != ',' && *p != '}' && i + 1 < n)
            out[i++] = *p++;
    }
    out[i] = '\0';
}

static void print_table(const char *json, int csv)
{
    for (size_t c = 0; c < NCOLS; c++)
        printf(csv ? "%s%s" : "%s%19s", csv ? (c ? "," : "") : " ", columns[c]);
    printf("\n");
    for (const char *o = strchr(json, '{'); o; o = strchr(o + 1, '{')) {
        const char *end = strchr(o, '}');
        char v[64];
        for (size_t c = 0; c < NCOLS; c++) {
            field(o, end, columns[c], v, sizeof v);
            printf(csv ? "%s%s" : "%s%19s", csv ? (c ? "," : "") : " ", v);
        }
        printf("\n");
    }
}

static int usage(const char *prog, int rc)
{
    fprintf(rc ? stderr : stdout,
            "usage: %s [SCENARIO.yaml] [--members FILE.csv] [--members-out FILE.csv]\n"
            "       [--population-out FILE.csv]  (the members as projected, member-file format)\n"
            "       [--mode expected|monte_carlo] [--economy deterministic|stochastic]\n"
            "       [--seed N] [--path K] [--threads N]\n"
            "       [--city CITY] [--rules PATH] [--csv | --json | --explain]\n"
            "Default scenario: %s/guangzhou.yaml; without --members the scenario's synthetic\n"
            "population (section microsim.generator) is projected. --economy stochastic takes\n"
            "the year's assumptions from path K of the scenario's stochastic section (the\n"
            "values si-project --path K shows); with --mode monte_carlo the deaths are drawn\n"
            "on the same (seed, path).\n\n"
            "Member file: CSV with a header naming the columns (any order):\n"
            "  id                      whole number, unique (keys the Monte Carlo draws)\n"
            "  city                    the scenario's pooling area (code, pinyin or 中文)\n"
            "  birth_date              YYYY-MM-DD or YYYY-MM\n"
            "  retirement_group        male60 | female55 | female50 (original statutory group)\n"
            "  contribution_months     actual contribution months to the base year\n"
            "  average_index           average contribution index Z to date (≤ 10 decimals)\n"
            "  account_balance         personal account, yuan (≤ 2 decimals)\n"
            "  deemed_months           deemed contribution months (视同缴费)\n"
            "  deemed_account_balance  deemed-contribution account, yuan\n"
            "  base_ratio              contribution base / average wage from now on (≤ 6 decimals)\n"
            "  status                  active | retired\n"
            "  pension                 monthly pension in payment (retired), yuan\n"
            "  weight                  (optional) persons the row stands for, default 1\n"
            "  entry_year              (optional) first year in the fund, default the base year\n"
            "Output: yearly aggregates (table, --csv, --json); --members-out writes each\n"
            "member's state at the horizon. Money is exact (fen); results never depend on\n"
            "--threads. docs/actuarial.md \"Member model\".\n",
            prog, LIBSI_SCENARIO_DIR);
    return rc;
}

typedef struct opts {
    const char *scenario, *rules, *name[16], *value[16];
    int n, mode;
} opts;

static int parse(int argc, char **argv, opts *o)
{
    static const char *const map[][2] = {
        {"--members", "members"}, {"--members-out", "members_out"}, {"--mode", "mode"},
        {"--population-out", "population_out"}, {"--economy", "economy"},
        {"--seed", "seed"}, {"--path", "path"}, {"--threads", "threads"}, {"--city", "city"}};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int used = 0;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) return usage(argv[0], 0), 1;
        if (strcmp(a, "--csv") == 0) o->mode = 1, used = 1;
        else if (strcmp(a, "--json") == 0) o->mode = 2, used = 1;
        else if (strcmp(a, "--explain") == 0) o->mode = 3, used = 1;
        else if (strcmp(a, "--rules") == 0 && i + 1 < argc) o->rules = argv[++i], used = 1;
        for (size_t m = 0; !used && m < sizeof map / sizeof map[0]; m++)
            if (strcmp(a, map[m][0]) == 0 && i + 1 < argc && o->n < 16) {
                o->name[o->n] = map[m][1];
                o->value[o->n++] = argv[++i];
                used = 1;
            }
        if (!used && a[0] == '-') return usage(argv[0], 2);
        if (!used) o->scenario = a;
    }
    return 0;
}

int main(int argc, char **argv)
{
    opts o = {default_scenario(), NULL, {0}, {0}, 0, 0};
    int prc = parse(argc, argv, &o);
    if (prc != 0)
        return prc == 1 ? 0 : prc;
    libsi_ctx *ctx;
    libsi_ruleset *rs = NULL;
    libsi_case *c = NULL;
    libsi_result *r = NULL;
    int rc = libsi_ctx_new(NULL, &ctx);
    if (rc == 0) rc = o.rules ? libsi_ruleset_load(ctx, o.rules, &rs) : libsi_ruleset_builtin(ctx, &rs);
    if (rc == 0) rc = libsi_case_new(ctx, &c);
    if (rc == 0) rc = libsi_case_set(ctx, c, "scenario", o.scenario);
    for (int i = 0; rc == 0 && i < o.n; i++)
        rc = libsi_case_set(ctx, c, o.name[i], o.value[i]);
    if (rc == 0) rc = libsi_calculate(ctx, rs, "member_projection", c, &r);
    if (rc != 0) {
        fprintf(stderr, "%s: error %d (%s): %s\n", argv[0], rc, libsi_strerror(rc),
                ctx ? libsi_ctx_message(ctx) : "no memory");
    } else if (o.mode >= 2) {
        char *text = NULL;
        rc = o.mode == 2 ? libsi_result_json(ctx, r, &text) : libsi_result_explain(ctx, r, &text);
        if (rc == 0)
            printf("%s\n", text);
        libsi_free(ctx, text);
    } else {
        print_table(libsi_result_get(r, "table"), o.mode == 1);
        if (o.mode == 0)
            printf("\nmembers: %s rows, %s member-years, %s person-years\ndepletion year: %s\n",
                   libsi_result_get(r, "members"), libsi_result_get(r, "member_years"),
                   libsi_result_get(r, "person_years"),
                   libsi_result_get(r, "depletion_year"));
    }
    libsi_result_free(r);
    libsi_case_free(c);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return rc == 0 ? 0 : 1;
}

/*
 * Reading a projection scenario (YAML, `libsi_scenario: 1`) and the life
 * table it names.  Strict like the rule files: unknown top-level sections,
 * missing values and malformed decimals are input errors naming the key.
 */
#include <stdio.h>
#include <string.h>

#include "mortality.h"
#include "projection_internal.h"
#include "yaml_tree.h"

typedef struct reader {
    lsi_calc *k;
    const char *field;
    const lsi_ynode *root;
} reader;

static int bad(reader *r, const char *key, const char *why)
{
    return lsi_in_invalid(r->k, r->field, "scenario key '%s': %s", key, why);
}

const lsi_ynode *lsi_scenario_node(const lsi_ynode *n, const char *path)
{
    char part[64];
    while (n && *path) {
        size_t len = strcspn(path, ".");
        if (len >= sizeof part)
            return NULL;
        memcpy(part, path, len);
        part[len] = '\0';
        n = n->kind == LSI_Y_MAP ? lsi_ymap_get(n, part) : NULL;
        path += len + (path[len] == '.');
    }
    return n;
}

static int get_dec(reader *r, const char *path, lsi_dec *out)
{
    const lsi_ynode *n = lsi_scenario_node(r->root, path);
    if (!n || n->kind != LSI_Y_SCALAR)
        return bad(r, path, "is required (a quoted decimal)");
    if (lsi_dec_parse(n->text, out, NULL) != 0 || lsi_dec_is_negative(*out))
        return bad(r, path, "must be a non-negative decimal");
    return 0;
}

static int get_int(reader *r, const char *path, int lo, int hi, int *out)
{
    lsi_dec d;
    int64_t v;
    int rc = get_dec(r, path, &d);
    if (rc == 0 && (lsi_dec_to_int64(d, &v) != 0 || d.scale != 0 || v < lo || v > hi)) {
        char why[64];
        snprintf(why, sizeof why, "must be a whole number %d–%d", lo, hi);
        return bad(r, path, why);
    }
    *out = rc == 0 ? (int)v : 0;
    return rc;
}

static int get_ratio(reader *r, const char *path, lsi_dec *out)
{
    int rc = get_dec(r, path, out);
    if (rc == 0 && lsi_dec_cmp(*out, lsi_dec_from_int(1)) > 0)
        return bad(r, path, "must be a ratio between 0 and 1");
    return rc;
}

/* `file: builtin` is the table compiled into the library; a relative path
 * resolves against the scenario's folder. */
static int load_mortality(reader *r, const char *dir, lsi_scenario *s)
{
    const lsi_ynode *f = lsi_scenario_node(r->root, "mortality.file");
    const lsi_ynode *names[2] = {lsi_scenario_node(r->root, "mortality.male"),
                                 lsi_scenario_node(r->root, "mortality.female")};
    if (!f || f->kind != LSI_Y_SCALAR || !names[0] || !names[1] ||
        names[0]->kind != LSI_Y_SCALAR || names[1]->kind != LSI_Y_SCALAR)
        return bad(r, "mortality", "needs file, male and female");
    char path[1024];
    bool builtin = strcmp(f->text, "builtin") == 0;
    snprintf(path, sizeof path, "%s%s", f->text[0] == '/' || builtin ? "" : dir, f->text);
    for (int sex = 0; sex < 2; sex++) {
        int rc = lsi_mortality_load(r->k, r->field, r->field, path, names[sex]->text, s->qx[sex]);
        if (rc != 0)
            return rc;
    }
    return get_ratio(r, "mortality.improvement", &s->improvement);
}

/* ------------------------------------------------------------ sections */

static int read_population(reader *r, lsi_scenario *s)
{
    int rc = get_dec(r, "population.participants", &s->participants);
    if (rc == 0) rc = get_dec(r, "population.retirees", &s->retirees);
    if (rc == 0 && lsi_dec_cmp(s->retirees, s->participants) > 0)
        rc = bad(r, "population.retirees", "more retirees than participants");
    if (rc == 0) rc = get_ratio(r, "population.male_share", &s->male_share);
    if (rc == 0) rc = get_ratio(r, "population.female_cadre_share", &s->cadre_share);
    if (rc == 0) rc = get_int(r, "population.first_age", 14, 40, &s->first_age);
    if (rc == 0) rc = get_int(r, "population.entry_age", 14, 45, &s->entry_age);
    if (rc == 0) rc = get_dec(r, "population.entrants", &s->entrants);
    if (rc == 0) rc = get_dec(r, "population.entrant_growth", &s->entrant_growth);
    return rc;
}

/* The representative retiree's Z within the pension's own bounds
 * (pension.average_index.min / .max), named as the scenario's key. */
static int plausible_index(reader *r, const lsi_scenario *s)
{
    int date = s->base_year * 10000 + 101;
    if (lsi_check_rule_range(r->k, "scenario", s->z, "pension.average_index.min",
                             "pension.average_index.max", date) == 0)
        return 0;
    char why[LSI_MSG_MAX];
    snprintf(why, sizeof why, "%s", libsi_ctx_message(r->k->ctx) + strlen("input 'scenario': "));
    return libsi_ctx_code(r->k->ctx) == LIBSI_ERANGE
               ? lsi_fail(r->k->ctx, LIBSI_ERANGE, r->field,
                          "input '%s': scenario key 'benefits.new_retiree.average_index': %s",
                          r->field, why)
               : libsi_ctx_code(r->k->ctx);
}

static int read_money(reader *r, lsi_scenario *s)
{
    int rc = get_ratio(r, "contribution.density", &s->density);
    if (rc == 0) rc = get_dec(r, "contribution.base_ratio", &s->base_ratio);
    s->rate_given = lsi_scenario_node(r->root, "contribution.rate") != NULL;
    if (rc == 0 && s->rate_given) rc = get_ratio(r, "contribution.rate", &s->rate);
    if (rc == 0) rc = get_dec(r, "wages.growth", &s->wage_growth);
    if (rc == 0) rc = get_dec(r, "wages.calculation_base_ratio", &s->cb_ratio);
    if (rc == 0) rc = get_dec(r, "benefits.average_pension", &s->average_pension);
    if (rc == 0) rc = get_dec(r, "benefits.indexation", &s->indexation);
    if (rc == 0) rc = get_dec(r, "benefits.new_retiree.average_index", &s->z);
    if (rc == 0) rc = plausible_index(r, s);
    if (rc == 0) rc = get_dec(r, "benefits.new_retiree.account_factor", &s->account_factor);
    if (rc == 0) rc = get_int(r, "benefits.new_retiree.career_months.male60", 0, 720, &s->career[0]);
    if (rc == 0) rc = get_int(r, "benefits.new_retiree.career_months.female55", 0, 720, &s->career[1]);
    if (rc == 0) rc = get_int(r, "benefits.new_retiree.career_months.female50", 0, 720, &s->career[2]);
    if (rc == 0) rc = get_dec(r, "fund.balance", &s->balance);
    if (rc == 0) rc = get_dec(r, "fund.return", &s->fund_return);
    if (rc == 0) rc = get_dec(r, "fund.subsidies", &s->subsidies);
    if (rc == 0) rc = get_dec(r, "unemployment.balance", &s->ui_balance);
    if (rc == 0) rc = get_dec(r, "unemployment.insured", &s->ui_insured);
    if (rc == 0) rc = get_ratio(r, "unemployment.claim_rate", &s->ui_claim_rate);
    s->ui_benefit_given = lsi_scenario_node(r->root, "unemployment.monthly_benefit") != NULL;
    if (rc == 0 && s->ui_benefit_given)
        rc = get_dec(r, "unemployment.monthly_benefit", &s->ui_benefit);
    return rc;
}

/* ------------------------------------------------------------- keys */

/* Every key a scenario may hold (issue #12: every key is read or refused;
 * unknown keys at any depth used to be ignored). */
static const char *const scenario_keys[] = {
    "libsi_scenario", "name", "city", "base_year", "horizon",
    "mortality.file", "mortality.male", "mortality.female", "mortality.improvement",
    "population.participants", "population.retirees", "population.male_share",
    "population.female_cadre_share", "population.first_age", "population.entry_age",
    "population.entrants", "population.entrant_growth",
    "contribution.density", "contribution.base_ratio", "contribution.rate",
    "wages.growth", "wages.calculation_base_ratio",
    "benefits.average_pension", "benefits.indexation", "benefits.new_retiree.average_index",
    "benefits.new_retiree.account_factor", "benefits.new_retiree.career_months.male60",
    "benefits.new_retiree.career_months.female55", "benefits.new_retiree.career_months.female50",
    "fund.balance", "fund.return", "fund.subsidies",
    "unemployment.balance", "unemployment.insured", "unemployment.claim_rate",
    "unemployment.monthly_benefit",
    /* the member model (member_scenario.c, issue #16) */
    "microsim.crediting_rate", "microsim.survivor_benefits", "microsim.survivor_income_base",
    "microsim.generator.sample", "microsim.generator.index_spread",
    "microsim.generator.pension_spread", "microsim.generator.seed",
    "microsim.generator.calibration.year", "microsim.generator.calibration.participants",
    /* the stochastic projection (projection_stochastic.c, issue #16) */
    "stochastic.wage_growth.phi", "stochastic.wage_growth.sigma", "stochastic.wage_growth.min",
    "stochastic.wage_growth.max", "stochastic.fund_return.phi", "stochastic.fund_return.sigma",
    "stochastic.fund_return.min", "stochastic.fund_return.max", "stochastic.indexation.phi",
    "stochastic.indexation.sigma", "stochastic.indexation.min", "stochastic.indexation.max",
    "stochastic.improvement.phi", "stochastic.improvement.sigma", "stochastic.improvement.min",
    "stochastic.improvement.max", "stochastic.entrant_growth.phi",
    "stochastic.entrant_growth.sigma", "stochastic.entrant_growth.min",
    "stochastic.entrant_growth.max", "stochastic.correlation.wage_growth.fund_return",
    "stochastic.correlation.wage_growth.indexation",
    "stochastic.correlation.fund_return.indexation",
    "stochastic.correlation.wage_growth.improvement",
    "stochastic.correlation.fund_return.improvement",
    "stochastic.correlation.indexation.improvement",
    "stochastic.correlation.wage_growth.entrant_growth",
    "stochastic.correlation.fund_return.entrant_growth",
    "stochastic.correlation.indexation.entrant_growth",
    "stochastic.correlation.improvement.entrant_growth"};

/* 1: `path` is a value's key; 2: a section holding such keys; 0: unknown. */
static int key_kind(const char *path)
{
    size_t n = strlen(path);
    int kind = 0;
    if (strncmp(path, "resident", 8) == 0 && (path[8] == '\0' || path[8] == '.'))
        return lsi_resident_key_kind(path); /* projection_resident.c */
    for (size_t i = 0; i < sizeof scenario_keys / sizeof scenario_keys[0] && kind != 1; i++) {
        if (strcmp(scenario_keys[i], path) == 0)
            kind = 1;
        else if (strncmp(scenario_keys[i], path, n) == 0 && scenario_keys[i][n] == '.')
            kind = 2;
    }
    return kind;
}

static int check_keys(reader *r, const lsi_ynode *map, const char *prefix, int depth)
{
    for (const lsi_ynode *key = map->first; key; key = key->next->next) {
        char path[128];
        snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", key->text);
        int kind = key_kind(path);
        const lsi_ynode *v = key->next;
        if (kind == 0)
            return bad(r, path, "unknown key (a typo?); see data/scenarios/guangzhou.yaml");
        if (kind == 1 && v->kind != LSI_Y_SCALAR)
            return bad(r, path, "must be a value, not a list or a mapping");
        if (kind == 2 && v->kind != LSI_Y_MAP)
            return bad(r, path, "must be a mapping of its keys");
        int rc = kind == 2 && depth < 4 ? check_keys(r, v, path, depth + 1) : 0;
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* ------------------------------------------------------------- city */

/* The scenario's `city` is the pooling area it projects: used, and checked
 * against the input `city` when both are given (Shenzhen: not supported). */
static int scenario_city(reader *r)
{
    const lsi_ynode *c = lsi_scenario_node(r->root, "city");
    const lsi_jurisdiction *j;
    if (!c)
        return r->k->place->code ? 0
                                 : bad(r, "city", "is required when the input 'city' is not given");
    int rc = lsi_jurisdiction_find(r->k->ctx, c->text, "city", &j);
    if (rc != 0) {
        char why[LSI_MSG_MAX];
        const char *msg = libsi_ctx_message(r->k->ctx);
        snprintf(why, sizeof why, "%s", strncmp(msg, "city: ", 6) == 0 ? msg + 6 : msg);
        return lsi_fail(r->k->ctx, rc, r->field, "input '%s': scenario key 'city': %s", r->field,
                        why);
    }
    if (r->k->place->code == 0)
        r->k->place = j; /* the input city not given: the scenario's */
    else if (r->k->place != j)
        return lsi_in_invalid(r->k, "city",
                              "%s (%06d) is not the scenario's city %s (%06d); leave 'city' out "
                              "to project the scenario's, or give a scenario for it",
                              r->k->place->pinyin, (int)r->k->place->code, j->pinyin,
                              (int)j->code);
    return 0;
}

static int read_header(reader *r, lsi_scenario *s)
{
    if (r->root->kind != LSI_Y_MAP)
        return bad(r, "(top)", "a scenario is a mapping");
    int rc = check_keys(r, r->root, "", 0);
    if (rc == 0) rc = scenario_city(r);
    if (rc != 0)
        return rc;
    const lsi_ynode *v = lsi_scenario_node(r->root, "libsi_scenario"), *name = lsi_scenario_node(r->root, "name");
    if (!v || v->kind != LSI_Y_SCALAR || strcmp(v->text, "1") != 0)
        return bad(r, "libsi_scenario", "must be 1 (format version)");
    s->name = name && name->kind == LSI_Y_SCALAR ? name->text : "scenario";
    rc = get_int(r, "base_year", 1990, 2100, &s->base_year);
    if (rc == 0) rc = get_int(r, "horizon", s->base_year, s->base_year + LSI_MAX_YEARS - 1, &s->horizon);
    return rc;
}

static int scenario_text(lsi_calc *k, const char *field, char **text, char *dir, size_t n)
{
    const char *value = lsi_in_text(k, field);
    const char *slash = strchr(value, '\n') ? NULL : strrchr(value, '/');
    dir[0] = '\0';
    if (slash && (size_t)(slash - value) + 2 < n) {
        memcpy(dir, value, (size_t)(slash - value) + 1);
        dir[slash - value + 1] = '\0';
    }
    return lsi_in_text_or_file(k, field, value, text);
}

int lsi_scenario_read(lsi_calc *k, const char *field, lsi_scenario *s)
{
    char *text, dir[1024];
    lsi_ynode *root;
    memset(s, 0, sizeof *s);
    int rc = scenario_text(k, field, &text, dir, sizeof dir);
    if (rc == 0)
        rc = lsi_yaml_parse(k->ctx, k->arena, text, strlen(text), field, LIBSI_EINPUT, &root);
    if (rc != 0)
        return rc;
    reader r = {k, field, root};
    s->root = root;
    rc = read_header(&r, s);
    if (rc == 0) rc = load_mortality(&r, dir, s);
    if (rc == 0) rc = read_population(&r, s);
    if (rc == 0) rc = lsi_resident_scenario_read(k, field, root, &s->resident);
    return rc ? rc : read_money(&r, s);
}

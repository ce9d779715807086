/*
 * The residents' pension fund (城乡居民基本养老保险基金) of a pooling area,
 * projected yearly beside the employee fund (issue #14 item 3).  A cohort-free
 * model of three stocks — participants P, recipients R, contributors C = P − R
 * — with the rule values of the residents' scheme (data/rules/
 * resident-pension.yaml) and the scenario's assumptions (docs/resident-pension.md):
 *
 *   P(t+1) = P(t) × (1 + growth)
 *   R(t+1) = R(t) × (1 − deaths) + C(t) × new_recipient_rate      (turning 60)
 *   paying = C × density
 *   contributions = paying × resident.grade.amount_G    (国发〔2014〕8号 第四条)
 *   subsidies     = paying × resident.subsidy.grade_G   (第五条(三): 入口补贴)
 *   basic pension B(t0) = max(resident.basic_pension.standard, .national_minimum),
 *                 B(t+1) = B(t) × (1 + basic_growth)   (第七条: 正常调整机制)
 *   basic financing = R × B × 12   (the basic pension is paid by the budget,
 *                 国发〔2014〕8号 第五条(三)、第七条)
 *   benefits      = R × (B + account pension) × 12
 *   fund(t+1)     = round_fen(fund(t) × (1 + return)) + contributions + subsidies
 *                 + basic financing − benefits
 * Persons to 6 decimals (persons_6), money to the fen (fen_half_up).
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "projection_internal.h"
#include "resident_internal.h"

static const char *const keys[] = {
    "resident.participants", "resident.participant_growth", "resident.recipients_share",
    "resident.new_recipient_rate", "resident.recipient_deaths", "resident.density",
    "resident.grade", "resident.account_pension", "resident.basic_growth", "resident.balance",
    "resident.return"};

typedef struct fund_model {
    lsi_calc *k;
    const lsi_resident_scenario *s;
    lsi_dec p, r, c, basic, amount, subsidy, fund;
    int err;
} fund_model;

typedef struct fund_year {
    int year;
    lsi_dec p, r, c, contributions, subsidies, financing, benefits, fund;
} fund_year;

int lsi_resident_key_kind(const char *path)
{
    if (strcmp(path, "resident") == 0)
        return 2;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(keys[i], path) == 0)
            return 1;
    return 0;
}

/* ------------------------------------------------------------ reading */

static int get(lsi_calc *k, const char *field, const lsi_ynode *sec, const char *key,
               bool signed_ok, lsi_dec *out)
{
    const lsi_ynode *n = lsi_ymap_get(sec, key);
    if (!n || n->kind != LSI_Y_SCALAR)
        return lsi_in_invalid(k, field, "scenario key 'resident.%s': is required (a quoted "
                                        "decimal)", key);
    if (lsi_dec_parse(n->text, out, NULL) != 0 || (!signed_ok && lsi_dec_is_negative(*out)))
        return lsi_in_invalid(k, field, "scenario key 'resident.%s': must be a %sdecimal", key,
                              signed_ok ? "" : "non-negative ");
    return 0;
}

static int get_ratio(lsi_calc *k, const char *field, const lsi_ynode *sec, const char *key,
                     lsi_dec *out)
{
    int rc = get(k, field, sec, key, false, out);
    if (rc == 0 && lsi_dec_cmp(*out, lsi_dec_from_int(1)) > 0)
        return lsi_in_invalid(k, field, "scenario key 'resident.%s': must be a ratio between "
                                        "0 and 1", key);
    return rc;
}

static int get_grade(lsi_calc *k, const char *field, const lsi_ynode *sec, int *grade)
{
    lsi_dec d;
    int64_t g = 0;
    int rc = get(k, field, sec, "grade", false, &d);
    if (rc == 0 && (lsi_dec_to_int64(d, &g) != 0 || d.scale != 0 || g < 1 ||
                    g > LSI_RESIDENT_MAX_GRADES))
        return lsi_in_invalid(k, field, "scenario key 'resident.grade': must be a whole "
                                        "number 1–%d", LSI_RESIDENT_MAX_GRADES);
    *grade = (int)g;
    return rc;
}

int lsi_resident_scenario_read(lsi_calc *k, const char *field, const lsi_ynode *root,
                               lsi_resident_scenario *r)
{
    const lsi_ynode *sec = lsi_ymap_get(root, "resident");
    memset(r, 0, sizeof *r);
    if (!sec)
        return 0;
    r->given = true;
    int rc = get(k, field, sec, "participants", false, &r->participants);
    if (rc == 0) rc = get(k, field, sec, "participant_growth", true, &r->participant_growth);
    if (rc == 0) rc = get_ratio(k, field, sec, "recipients_share", &r->recipients_share);
    if (rc == 0) rc = get_ratio(k, field, sec, "new_recipient_rate", &r->new_recipient_rate);
    if (rc == 0) rc = get_ratio(k, field, sec, "recipient_deaths", &r->recipient_deaths);
    if (rc == 0) rc = get_ratio(k, field, sec, "density", &r->density);
    if (rc == 0) rc = get_grade(k, field, sec, &r->grade);
    if (rc == 0) rc = get(k, field, sec, "account_pension", false, &r->account_pension);
    if (rc == 0) rc = get(k, field, sec, "basic_growth", true, &r->basic_growth);
    if (rc == 0) rc = get(k, field, sec, "balance", true, &r->balance);
    if (rc == 0) rc = get(k, field, sec, "return", true, &r->fund_return);
    if (rc == 0 && lsi_dec_cmp(r->participant_growth, lsi_dec_from_int(-1)) <= 0)
        rc = lsi_in_invalid(k, field, "scenario key 'resident.participant_growth': must be "
                                      "above -1");
    return rc;
}

/* ---------------------------------------------------- checked arithmetic */

static lsi_dec mul(fund_model *m, lsi_dec a, lsi_dec b, const lsi_rounding *rule)
{
    lsi_dec out = {0, 0};
    if (lsi_dec_mul_round(a, b, rule, &out, NULL) != 0 && !m->err)
        m->err = lsi_fail(m->k->ctx, LIBSI_ERANGE, "scenario", "resident fund value out of range");
    return out;
}

static lsi_dec add(fund_model *m, lsi_dec a, lsi_dec b)
{
    lsi_dec out = {0, 0};
    if (lsi_dec_add(a, b, &out) != 0 && !m->err)
        m->err = lsi_fail(m->k->ctx, LIBSI_ERANGE, "scenario", "resident fund value out of range");
    return out;
}

static lsi_dec one_plus(fund_model *m, lsi_dec x)
{
    return add(m, lsi_dec_from_int(1), x);
}

/* --------------------------------------------------------- the model */

/* 国发〔2014〕8号 第四条、第五条(三)、第七条; data/rules/resident-pension.yaml */
/* The base year's rule values: the grade, its subsidy and the basic pension. */
static int base_values(fund_model *m, int base_year)
{
    lsi_calc *k = m->k;
    lsi_step(k, resident_fund_rules);
    int date = base_year * 10000 + 701, count;
    lsi_dec standard = {0, 0}, national = {0, 0}; /* read by lsi_dec_max even when a lookup failed */
    int rc = lsi_resident_grade_count(k, date, &count);
    if (rc == 0 && m->s->grade > count)
        return lsi_in_invalid(k, "scenario", "scenario key 'resident.grade': the table in force "
                                             "in %d has %d grades", base_year, count);
    if (rc == 0) rc = lsi_resident_grade(k, date, m->s->grade, &m->amount, &m->subsidy);
    if (rc == 0) rc = lsi_param(k, "resident.basic_pension.standard", date, &standard);
    if (rc == 0) rc = lsi_param(k, "resident.basic_pension.national_minimum", date, &national);
    m->basic = lsi_dec_max(standard, national);
    lsi_step_result(k, m->basic);
    return rc;
}

static void money(fund_model *m, fund_year *y)
{
    lsi_dec twelve = lsi_dec_from_int(12);
    lsi_dec paying = mul(m, m->c, m->s->density, &LSI_ROUND_PERSONS);
    y->contributions = mul(m, paying, m->amount, &LSI_ROUND_FEN);
    y->subsidies = mul(m, paying, m->subsidy, &LSI_ROUND_FEN);
    y->financing = mul(m, mul(m, m->r, m->basic, &LSI_ROUND_FEN), twelve, &LSI_ROUND_FEN);
    lsi_dec pension = add(m, m->basic, m->s->account_pension);
    y->benefits = mul(m, mul(m, m->r, pension, &LSI_ROUND_FEN), twelve, &LSI_ROUND_FEN);
}

static void record(fund_model *m, int year, fund_year *y)
{
    y->year = year;
    y->p = m->p;
    y->r = m->r;
    y->c = m->c;
    money(m, y);
}

/* Year t → t+1: the stocks, the basic pension, then the money and the fund. */
static void step(fund_model *m, int year, fund_year *y)
{
    lsi_dec dead = mul(m, m->r, m->s->recipient_deaths, &LSI_ROUND_PERSONS);
    lsi_dec turning = mul(m, m->c, m->s->new_recipient_rate, &LSI_ROUND_PERSONS);
    m->p = mul(m, m->p, one_plus(m, m->s->participant_growth), &LSI_ROUND_PERSONS);
    m->r = add(m, add(m, m->r, (lsi_dec){-dead.coef, dead.scale}), turning);
    m->r = lsi_dec_min(m->r, m->p);
    m->c = add(m, m->p, (lsi_dec){-m->r.coef, m->r.scale});
    m->basic = mul(m, m->basic, one_plus(m, m->s->basic_growth), &LSI_ROUND_FEN);
    record(m, year, y);
    lsi_dec grown = mul(m, m->fund, one_plus(m, m->s->fund_return), &LSI_ROUND_FEN);
    lsi_dec in = add(m, add(m, y->contributions, y->subsidies), y->financing);
    m->fund = add(m, add(m, grown, in), (lsi_dec){-y->benefits.coef, y->benefits.scale});
    y->fund = m->fund;
}

/* ---------------------------------------------------------- report */

static lsi_json *row_json(fund_model *m, const fund_year *y)
{
    lsi_json *o = lsi_json_new(m->k->arena, LSI_J_OBJECT, NULL);
    if (!o)
        return NULL;
    lsi_projection_put(m->k, o, "year", lsi_dec_from_int(y->year));
    lsi_projection_put(m->k, o, "participants", y->p);
    lsi_projection_put(m->k, o, "contributors", y->c);
    lsi_projection_put(m->k, o, "recipients", y->r);
    lsi_projection_put(m->k, o, "contributions", y->contributions);
    lsi_projection_put(m->k, o, "subsidies", y->subsidies);
    lsi_projection_put(m->k, o, "basic_pension_financing", y->financing);
    lsi_projection_put(m->k, o, "benefits", y->benefits);
    lsi_projection_put(m->k, o, "fund", y->fund);
    return o;
}

static int report(fund_model *m, const fund_year *rows, int n)
{
    lsi_json *arr = lsi_json_new(m->k->arena, LSI_J_ARRAY, NULL);
    for (int i = 0; arr && i < n; i++)
        m->k->oom |= !lsi_json_push(arr, row_json(m, &rows[i]));
    lsi_sb sb;
    lsi_sb_init(&sb, &m->k->ctx->alloc);
    if (arr)
        lsi_json_write(&sb, arr);
    char *json = lsi_sb_take(&sb);
    if (!arr || !json || m->k->oom) {
        lsi_free(&m->k->ctx->alloc, json);
        return lsi_fail(m->k->ctx, LIBSI_ENOMEM, "scenario", "out of memory");
    }
    int rc = lsi_out_text(m->k, "resident_table", json);
    lsi_free(&m->k->ctx->alloc, json);
    return rc ? rc : lsi_out_dec(m->k, "resident_final_balance", rows[n - 1].fund);
}

/* 国发〔2014〕8号 第五条–第七条; scenario assumptions (docs/resident-pension.md) */
int lsi_resident_fund_run(lsi_calc *k, const lsi_resident_scenario *s, int base_year,
                          int horizon)
{
    if (!s->given)
        return 0;
    fund_model m = {k, s, s->participants, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0},
                    s->balance, 0};
    int n = horizon - base_year + 1;
    fund_year *rows = lsi_arena_alloc(k->arena, (size_t)n * sizeof *rows);
    if (!rows)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "scenario", "out of memory");
    int rc = base_values(&m, base_year);
    if (rc != 0)
        return rc;
    lsi_step(k, resident_fund);
    m.r = mul(&m, m.p, s->recipients_share, &LSI_ROUND_PERSONS);
    m.c = add(&m, m.p, (lsi_dec){-m.r.coef, m.r.scale});
    record(&m, base_year, &rows[0]);
    rows[0].fund = m.fund;
    for (int i = 1; i < n && !m.err; i++)
        step(&m, base_year + i, &rows[i]);
    lsi_step_result(k, m.fund);
    return m.err ? m.err : report(&m, rows, n);
}

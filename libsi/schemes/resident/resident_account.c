/*
 * The residents' personal account (个人账户) from a yearly history:
 *
 *   balance_{y} = round_fen(balance_{y−1} × (1 + r_y)) + credit_y
 *
 * where credit_y = contribution + government subsidy + collective subsidy of
 * year y (国发〔2014〕8号 第六条: all of it goes to the account) and r_y the
 * crediting rate of year y (第六条: 个人账户储存额按国家规定计息).  A year's
 * credit earns interest from the next year (当年缴费当年不计息 — agency
 * practice as commonly described, not found in a Guangdong text: L).  The
 * rate is rule data (resident.account.crediting_rate: NF stand-ins, flagged)
 * unless the history gives it.  Rounding: the year-end balance to the fen,
 * half-up (LSI_ROUND_FEN).
 *
 * History: one row per contribution year, rows separated by newlines or ';':
 *   YEAR,CONTRIBUTION[,SUBSIDY[,COLLECTIVE[,RATE]]]
 * CONTRIBUTION is `gN` (grade N of the table in force on 1 July of YEAR) or
 * an amount in yuan; SUBSIDY defaults to the subsidy of that grade (a 补缴
 * year gets none: write 0); COLLECTIVE defaults to 0; RATE overrides the
 * crediting rate of YEAR.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "resident_internal.h"

#define MAX_YEARS 100

typedef struct year_row {
    int year, grade;
    lsi_dec contribution, subsidy, collective, rate;
    bool has_subsidy, has_rate;
} year_row;

typedef struct account {
    year_row rows[MAX_YEARS];
    int n, first, as_of;
    lsi_dec balance, contributions, subsidies, collective, interest;
} account;

/* ------------------------------------------------------------ history */

static int row_error(lsi_calc *k, int row, const char *why, const char *cell)
{
    return lsi_in_invalid(k, "history", "row %d: %s '%.24s'", row, why, cell);
}

static int cell_amount(lsi_calc *k, int row, const char *cell, const char *what, lsi_dec *out)
{
    char why[64];
    snprintf(why, sizeof why, "%s is not a non-negative decimal:", what);
    if (lsi_dec_parse(cell, out, NULL) != 0 || lsi_dec_is_negative(*out))
        return row_error(k, row, why, cell);
    return 0;
}

/* Split `line` at commas into at most 5 trimmed cells. */
static int split(char *line, char **cell)
{
    int n = 0;
    for (char *p = line; p && n < 6; n++) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        size_t len = strlen(p);
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
            p[--len] = '\0';
        cell[n] = p;
        p = comma ? comma + 1 : NULL;
    }
    return n;
}

static int contribution_cell(lsi_calc *k, int row, const char *cell, year_row *r)
{
    if (cell[0] == 'g' || cell[0] == 'G') {
        char *end;
        long g = strtol(cell + 1, &end, 10);
        if (*end || g < 1 || g > LSI_RESIDENT_MAX_GRADES)
            return row_error(k, row, "grade must be g1 to g10:", cell);
        r->grade = (int)g; /* its amount is read in the traced step (row_amounts) */
        return 0;
    }
    return cell_amount(k, row, cell, "contribution", &r->contribution);
}

static int parse_row(lsi_calc *k, int row, char *line, year_row *r)
{
    char *cell[6], *end;
    int n = split(line, cell);
    memset(r, 0, sizeof *r);
    if (n < 2 || n > 5)
        return row_error(k, row, "expected YEAR,CONTRIBUTION[,SUBSIDY[,COLLECTIVE[,RATE]]]:",
                         line);
    long y = strtol(cell[0], &end, 10);
    if (*end || y < 1950 || y > 2200)
        return row_error(k, row, "year must be 1950 to 2200:", cell[0]);
    r->year = (int)y;
    int rc = contribution_cell(k, row, cell[1], r);
    if (rc == 0 && n > 2 && *cell[2] && (r->has_subsidy = true))
        rc = cell_amount(k, row, cell[2], "subsidy", &r->subsidy);
    if (rc == 0 && n > 3 && *cell[3])
        rc = cell_amount(k, row, cell[3], "collective", &r->collective);
    if (rc == 0 && n > 4 && *cell[4] && (r->has_rate = true))
        rc = cell_amount(k, row, cell[4], "rate", &r->rate);
    if (rc == 0 && r->has_rate && lsi_dec_cmp(r->rate, lsi_dec_from_int(1)) > 0)
        rc = row_error(k, row, "rate above 1 (a ratio: 0.015 for 1.5 %):", cell[4]);
    return rc;
}

static int read_history(lsi_calc *k, account *a)
{
    const char *text = lsi_in_text(k, "history");
    size_t len = strlen(text);
    char *copy = lsi_arena_alloc(k->arena, len + 1);
    if (!copy)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "history", "out of memory");
    memcpy(copy, text, len + 1);
    int row = 0, rc = 0;
    for (char *save = NULL, *line = strtok_r(copy, "\n;", &save); rc == 0 && line;
         line = strtok_r(NULL, "\n;", &save)) {
        row++;
        while (*line == ' ' || *line == '\t' || *line == '\r')
            line++;
        if (!*line || *line == '#' || strncmp(line, "year", 4) == 0)
            continue;
        if (a->n == MAX_YEARS)
            return row_error(k, row, "more than 100 years:", line);
        rc = parse_row(k, row, line, &a->rows[a->n]);
        if (rc == 0 && a->n && a->rows[a->n].year <= a->rows[a->n - 1].year)
            rc = row_error(k, row, "years must be strictly increasing:", line);
        a->n += rc == 0;
    }
    if (rc == 0 && a->n == 0)
        rc = lsi_in_invalid(k, "history", "no contribution year");
    return rc;
}

/* ------------------------------------------------------------ steps */

/* A row's contribution (a grade's amount) and subsidy: given, or the
 * table's for its grade (an amount is matched to its grade). */
static int row_amounts(lsi_calc *k, year_row *r)
{
    int date = r->year * 10000 + 701, grade = r->grade, count, rc = 0;
    if (grade) {
        rc = lsi_resident_grade_count(k, date, &count);
        if (rc == 0 && grade > count)
            return lsi_in_invalid(k, "history", "year %d: grade g%d beyond the %d grades in "
                                                "force that year", r->year, grade, count);
        if (rc == 0) rc = lsi_resident_grade(k, date, grade, &r->contribution, NULL);
    }
    if (rc != 0 || r->has_subsidy)
        return rc;
    if (!grade)
        rc = lsi_resident_grade_of(k, date, r->contribution, "history", &grade);
    lsi_dec amount;
    return rc ? rc : lsi_resident_grade(k, date, grade, &amount, &r->subsidy);
}

/* 国发〔2014〕8号 第六条; 《广东省城乡居民基本养老保险实施办法》 缴费档次, 政府补贴 */
static int yearly_credits(lsi_calc *k, account *a)
{
    lsi_step(k, yearly_credits);
    int rc = 0;
    a->contributions = a->subsidies = a->collective = lsi_dec_from_int(0);
    for (int i = 0; rc == 0 && i < a->n; i++) {
        year_row *r = &a->rows[i];
        rc = row_amounts(k, r);
        if (rc == 0) rc = lsi_dec_add(a->contributions, r->contribution, &a->contributions);
        if (rc == 0) rc = lsi_dec_add(a->subsidies, r->subsidy, &a->subsidies);
        if (rc == 0) rc = lsi_dec_add(a->collective, r->collective, &a->collective);
    }
    lsi_step_value(k, "contributions", a->contributions);
    lsi_step_value(k, "subsidies", a->subsidies);
    lsi_step_value(k, "collective", a->collective);
    return rc;
}

static const year_row *row_of(const account *a, int year)
{
    for (int i = 0; i < a->n; i++)
        if (a->rows[i].year == year)
            return &a->rows[i];
    return NULL;
}

/* One year of the schedule: {year, credit, interest, balance}. */
static void schedule_row(lsi_calc *k, int year, lsi_dec credit, lsi_dec interest,
                         lsi_dec balance, lsi_json *arr)
{
    char y[8], b[LIBSI_DECIMAL_MAX + 1], c[LIBSI_DECIMAL_MAX + 1], in[LIBSI_DECIMAL_MAX + 1];
    snprintf(y, sizeof y, "%d", year);
    lsi_dec_format(lsi_resident_fen(balance), b);
    lsi_dec_format(lsi_resident_fen(credit), c);
    lsi_dec_format(lsi_resident_fen(interest), in);
    lsi_json *o = lsi_json_new(k->arena, LSI_J_OBJECT, NULL);
    k->oom |= !o || !lsi_json_put_str(k->arena, o, "balance", b) ||
              !lsi_json_put_str(k->arena, o, "credit", c) ||
              !lsi_json_put_str(k->arena, o, "interest", in) ||
              !lsi_json_put_str(k->arena, o, "year", y) || !lsi_json_push(arr, o);
    lsi_step_text(k, y, b);
}

static int one_year(lsi_calc *k, account *a, int year, lsi_json *arr)
{
    const year_row *r = row_of(a, year);
    lsi_dec rate, grown, credit = lsi_dec_from_int(0), interest;
    int rc = r && r->has_rate ? (rate = r->rate, 0)
                              : lsi_param(k, "resident.account.crediting_rate",
                                          year * 10000 + 101, &rate);
    if (rc != 0)
        return rc;
    rc = lsi_dec_mul(a->balance, rate, &interest);
    if (rc == 0) rc = lsi_dec_add(a->balance, interest, &grown);
    if (rc == 0) rc = lsi_dec_round(grown, &LSI_ROUND_FEN, &grown, NULL);
    if (rc == 0) rc = lsi_dec_sub(grown, a->balance, &interest);
    if (rc == 0 && r) rc = lsi_dec_add(r->contribution, r->subsidy, &credit);
    if (rc == 0 && r) rc = lsi_dec_add(credit, r->collective, &credit);
    if (rc == 0) rc = lsi_dec_add(a->interest, interest, &a->interest);
    if (rc == 0) rc = lsi_dec_add(grown, credit, &a->balance);
    if (rc != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "history", "amounts out of range");
    schedule_row(k, year, credit, interest, a->balance, arr);
    return 0;
}

/* 国发〔2014〕8号 第六条 */
static int crediting(lsi_calc *k, account *a, lsi_json *arr)
{
    lsi_step(k, crediting);
    lsi_step_text(k, "rounding", LSI_ROUND_FEN.name);
    lsi_step_value(k, "opening_balance", a->balance);
    a->interest = lsi_dec_from_int(0);
    int rc = 0;
    for (int year = a->first; rc == 0 && year <= a->as_of; year++)
        rc = one_year(k, a, year, arr);
    lsi_step_result(k, a->balance);
    return rc;
}

/* ---------------------------------------------------------------- run */

static int read_inputs(lsi_calc *k, account *a)
{
    int64_t as_of = 0;
    int rc = lsi_in_dec(k, "opening_balance", &a->balance);
    if (rc == 0 && lsi_dec_is_negative(a->balance))
        return lsi_in_invalid(k, "opening_balance", "must not be negative");
    if (rc == 0) rc = read_history(k, a);
    if (rc != 0)
        return rc;
    a->first = a->rows[0].year;
    a->as_of = a->rows[a->n - 1].year;
    if (lsi_in_present(k, "as_of")) {
        rc = lsi_in_int(k, "as_of", &as_of);
        if (rc == 0 && (as_of < a->as_of || as_of > a->first + MAX_YEARS))
            return lsi_in_invalid(k, "as_of", "must be from the last history year %d to %d",
                                  a->as_of, a->first + MAX_YEARS);
        a->as_of = (int)as_of;
    }
    return rc ? rc : lsi_check_rule_range(k, "opening_balance", a->balance, NULL,
                                          "resident.account_balance.max",
                                          a->first * 10000 + 101);
}

static int outputs(lsi_calc *k, const account *a, lsi_json *arr)
{
    lsi_sb sb;
    lsi_sb_init(&sb, &k->ctx->alloc);
    lsi_json_write(&sb, arr);
    char *json = lsi_sb_take(&sb);
    if (!json || k->oom)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "schedule", "out of memory");
    int rc = lsi_out_text(k, "schedule", json);
    lsi_free(&k->ctx->alloc, json);
    if (rc != 0)
        return rc;
    const lsi_named_dec out[] = {
        {"balance", lsi_resident_fen(a->balance)},
        {"contributions", lsi_resident_fen(a->contributions)},
        {"subsidies", lsi_resident_fen(a->subsidies)},
        {"collective", lsi_resident_fen(a->collective)},
        {"interest", lsi_resident_fen(a->interest)},
        {"contribution_years", lsi_dec_from_int(a->n)}};
    return lsi_out_decs(k, out, sizeof out / sizeof out[0]);
}

static int run(lsi_calc *k)
{
    account *a = lsi_arena_alloc(k->arena, sizeof *a);
    lsi_json *arr = lsi_json_new(k->arena, LSI_J_ARRAY, NULL);
    if (!a || !arr)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "history", "out of memory");
    memset(a, 0, sizeof *a);
    int rc = read_inputs(k, a);
    if (rc == 0) rc = yearly_credits(k, a);
    if (rc == 0) rc = crediting(k, a, arr);
    return rc ? rc : outputs(k, a, arr);
}

/* The schema (name, description, fields): data/schemas/resident.tsv. */
const lsi_scheme lsi_scheme_resident_account = LSI_SCHEME(resident_account, run);

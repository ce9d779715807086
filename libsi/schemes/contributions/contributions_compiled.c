/*
 * The compiled path of the monthly contributions (compiled.h, issue #10):
 * a batch row at trace level none computed in int64 fen, with the rule values
 * of its city, month, participant type, industry class and floating level
 * bound once.  The statutory steps and their legal basis are those of
 * contributions.c, which stays the reference: a row this file cannot take
 * whole goes there (LSI_COMPILED_GENERAL), and tests/test_compiled.c holds
 * the two to the same outputs and flags.
 *
 *  - each base is the wage clamped to its band, the ceiling tested first
 *    (国办发〔2019〕13号 §三; 《广东省失业保险条例》第八条; 《工伤保险条例》第十条);
 *  - each amount is base × rate rounded half up to the fen (LSI_ROUND_FEN),
 *    each party's separately; the totals are sums of the rounded amounts;
 *  - the work-injury rate is the class rate × the floating level, the level
 *    within the class's band (人社部发〔2015〕71号);
 *  - flexible workers pay the whole pension contribution at their rate and
 *    are not covered by unemployment and work-injury insurance.
 */
#include <stddef.h>

#include "compiled.h"
#include "contributions_internal.h"

enum { EMPLOYEE = 0, FLEXIBLE = 1 }; /* the schema's choices, in order */
enum {
    COL_CITY, COL_MONTH, COL_WAGE, COL_PARTICIPANT, COL_CLASS, COL_LEVEL,
    COL_KNOWN_ON, COL_CARRY_FORWARD, N_COLS /* (the last two: rows without them only) */
};

#define RATE_MAX 100000     /* a bound rate's coefficient: fen × rate within int64 */
#define WAGE_DIGITS 11      /* a wage below 10^11 yuan: its fen × RATE_MAX below 10^18 */
#define FEN_MAX 9999999999999 /* a bound amount below 10^11 yuan: the same room */

/* The rule values of one key, read through the kernel's rule reads. */
typedef struct bound {
    lsi_bound_key key;             /* place, month, choices (first: lsi_bound_find) */
    bool general;                  /* the key's rows are the kernel's */
    bool wi_uncapped, credit_is_contribution;
    unsigned flags;                /* of the rules read, as the kernel raises them */
    int64_t pension_floor, pension_ceiling, ui_floor, ui_ceiling, wi_floor, wi_ceiling;
    lsi_rate pension_employer, pension_employee, credit, ui_employer, ui_employee, wi;
    lsi_dec wi_rate;
} bound;

typedef struct state {
    int8_t col[N_COLS];            /* the column of each input, -1 when none */
    unsigned used;                 /* keys bound */
    bound b[LSI_BOUND_SLOTS];
} state;
_Static_assert(offsetof(bound, key) == 0, "lsi_bound_find reads the key first");

/* The row's own values, parsed from its cells. */
typedef struct row {
    int date, participant, cls;
    int64_t wage;                  /* fen */
    lsi_dec level;
} row;

/* ------------------------------------------------------------ cells */

/* "YYYY-MM" of 1900-01 .. 2199-12 (lsi_month_parse): its first day, or 0. */
static int month_cell(const char *s)
{
    unsigned v[2] = {0, 0}; /* year, month */
    for (int i = 0; i < 7; i++) { /* (stops at the NUL of a shorter cell) */
        unsigned d = (unsigned)s[i] - '0';
        if (i == 4 ? s[i] != '-' : d > 9)
            return 0;
        if (i != 4)
            v[i > 4] = v[i > 4] * 10 + d;
    }
    if (s[7] != '\0' || v[0] < 1900 || v[0] > 2199 || v[1] < 1 || v[1] > 12)
        return 0;
    return (int)(v[0] * 10000 + v[1] * 100 + 1);
}

/* A wage "123", "123.4" or "123.45" (no sign, at most WAGE_DIGITS digits
 * before the point): fen, or -1 (the kernel reads every other form). */
static int64_t wage_cell(const char *s)
{
    int64_t v = 0;
    int i = 0;
    for (unsigned d; (d = (unsigned)s[i] - '0') <= 9 && i < WAGE_DIGITS; i++)
        v = v * 10 + d;
    if (i == 0)
        return -1;
    if (s[i] == '\0')
        return v * 100;
    unsigned d1 = (unsigned)s[i + 1] - '0', d2;
    if (s[i] != '.' || d1 > 9)
        return -1;
    if (s[i + 2] == '\0')
        return v * 100 + d1 * 10;
    d2 = (unsigned)s[i + 2] - '0';
    return d2 <= 9 && s[i + 3] == '\0' ? v * 100 + d1 * 10 + d2 : -1;
}

static const char *cell(const state *st, const char *const *cells, int c)
{
    const char *s = st->col[c] >= 0 ? cells[st->col[c]] : NULL;
    return s && *s ? s : NULL;
}

/* The optional cells, at their schema defaults when absent (employee,
 * class 1, level 1); false for a form left to the kernel. */
static bool choice_cells(const state *st, const char *const *cells, row *r)
{
    const char *p = cell(st, cells, COL_PARTICIPANT), *c = cell(st, cells, COL_CLASS),
               *l = cell(st, cells, COL_LEVEL);
    r->participant = !p || strcmp(p, "employee") == 0 ? EMPLOYEE
                     : strcmp(p, "flexible") == 0     ? FLEXIBLE
                                                      : -1;
    r->cls = !c ? 1 : c[0] >= '1' && c[0] <= '8' && !c[1] ? c[0] - '0' : 0;
    r->level = (lsi_dec){1, 0};
    if (l && !lsi_dec_parse_short(l, &r->level))
        return false;
    /* (a level of nine digits at most: it keys the bound values exactly) */
    return r->participant >= 0 && r->cls > 0 && r->level.coef >= 0 && r->level.coef < 1000000000 &&
           r->level.scale <= 9;
}

static bool row_cells(lsi_calc *k, const state *st, const char *const *cells, row *r)
{
    const char *city = cell(st, cells, COL_CITY), *month = cell(st, cells, COL_MONTH),
               *wage = cell(st, cells, COL_WAGE);
    if (!city || !month || !wage || cell(st, cells, COL_KNOWN_ON) ||
        cell(st, cells, COL_CARRY_FORWARD) || !choice_cells(st, cells, r))
        return false;
    r->date = month_cell(month);
    r->wage = wage_cell(wage);
    return r->date && r->wage >= 0 && lsi_calc_find_city(k, city) == 0;
}

/* ------------------------------------------------------------ binding */

/* A rule value the path binds: its name (static storage, as the kernel's
 * reads), its form (an amount in whole fen, else a rate) and its place. */
typedef struct rule_read {
    const char *name;
    bool fen;
    size_t at;                     /* offset of the int64 fen or the rate in `bound` */
} rule_read;

#define FEN(name, field) {name, true, offsetof(bound, field)}
#define RATE(name, field) {name, false, offsetof(bound, field)}

/* What an employee's and a flexible worker's pension contributions read
 * (国办发〔2019〕13号 §一、§三; 国发〔2005〕38号), and an employee's
 * unemployment and work-injury contributions before the class's rate
 * (《广东省失业保险条例》第八条; 《工伤保险条例》第十条). */
static const rule_read EMPLOYEE_PENSION[] = {
    FEN("pension.contribution_base.floor", pension_floor),
    FEN("pension.contribution_base.ceiling", pension_ceiling),
    RATE("pension.rate.employer", pension_employer),
    RATE("pension.rate.employee", pension_employee),
    RATE("pension.account.credit_rate", credit)};
static const rule_read FLEXIBLE_PENSION[] = {
    FEN("pension.contribution_base.floor", pension_floor),
    FEN("pension.contribution_base.ceiling", pension_ceiling),
    RATE("pension.rate.flexible", pension_employee),
    RATE("pension.rate.flexible_account", credit)};
static const rule_read EMPLOYEE_SCHEMES[] = {
    FEN("minimum_wage.monthly", ui_floor),
    FEN("unemployment.contribution_base.ceiling", ui_ceiling),
    RATE("unemployment.rate.employer", ui_employer),
    RATE("unemployment.rate.employee", ui_employee),
    FEN("work_injury.contribution_base.floor", wi_floor)};
static const rule_read WORK_INJURY_CEILING[] = {
    FEN("work_injury.contribution_base.ceiling", wi_ceiling)};

#define READ_RULES(k, date, list, b) read_rules((k), (date), (list), sizeof(list) / sizeof *(list), (b))

/* Each rule of the list read and bound: false when one is missing or not
 * of its form. */
static bool read_rules(lsi_calc *k, int date, const rule_read *list, size_t n, bound *b)
{
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        lsi_dec v;
        char *to = (char *)b + list[i].at;
        ok = lsi_param_static(k, list[i].name, date, &v) == 0 &&
             (list[i].fen ? lsi_bound_fen(v, FEN_MAX, (int64_t *)(void *)to)
                          : lsi_bound_rate(v, RATE_MAX, (lsi_rate *)(void *)to));
    }
    return ok;
}

/* The work-injury base's ceiling where the city sets one, and the rate of
 * the row's class and level when the level is within the class's band
 * (人社部发〔2015〕71号; else the kernel's error). */
static bool bind_work_injury(lsi_calc *k, const row *r, bound *b)
{
    lsi_dec uncapped, base_rate, lo, hi;
    int i = r->cls - 1;
    if (lsi_param(k, "work_injury.contribution_base.uncapped", r->date, &uncapped) != 0)
        return false;
    b->wi_uncapped = !lsi_dec_is_zero(uncapped);
    if (!b->wi_uncapped && !READ_RULES(k, r->date, WORK_INJURY_CEILING, b))
        return false;
    int rc = lsi_param_static(k, lsi_contributions_industry_rate[i], r->date, &base_rate) |
             lsi_param_static(k, lsi_contributions_floating_min[i], r->date, &lo) |
             lsi_param_static(k, lsi_contributions_floating_max[i], r->date, &hi);
    bool ok = (rc == 0) && (lsi_dec_cmp(r->level, lo) >= 0) & (lsi_dec_cmp(r->level, hi) <= 0) &&
              lsi_dec_mul(base_rate, r->level, &b->wi_rate) == 0;
    return ok && lsi_bound_rate(b->wi_rate, RATE_MAX, &b->wi);
}

/* The rules of the row's participant type: false when one is missing or
 * not of its bound form. */
static bool bind_rules(lsi_calc *k, const row *r, bound *b)
{
    if (r->participant == FLEXIBLE)
        return READ_RULES(k, r->date, FLEXIBLE_PENSION, b);
    return READ_RULES(k, r->date, EMPLOYEE_PENSION, b) &&
           READ_RULES(k, r->date, EMPLOYEE_SCHEMES, b) && bind_work_injury(k, r, b);
}

/* The key's rule values, read as the kernel reads them (the flags they
 * raise kept with them); a key whose values are not all of the bound forms
 * sends its rows to the kernel. */
static void bind(lsi_calc *k, const row *r, uint64_t choices, bound *b)
{
    /* (The batch's rule cache changes generation only when it starts over,
     * which forgets the frame of the last read: no frame is stale here, and
     * lsi_calc_run's forget_stale_frame has nothing to do.) */
    *b = (bound){.key = {k->place, r->date, true, choices}};
    k->flags = 0;
    b->general = !bind_rules(k, r, b);
    /* a credit at the rate the person pays is that contribution (contributions.c) */
    b->credit_is_contribution = b->credit.coef == b->pension_employee.coef &&
                                b->credit.pow == b->pension_employee.pow;
    b->flags = k->flags;
}

/* The row's choices as one key word (the level only matters to employees). */
static uint64_t choices_of(const row *r)
{
    if (r->participant == FLEXIBLE)
        return 1;
    uint64_t level = (uint64_t)(int64_t)r->level.coef;
    return ((level * 64 + (uint64_t)r->level.scale) * 16 + (uint64_t)r->cls) * 2;
}

/* ------------------------------------------------------------ the row */

static int64_t clamp(int64_t wage, int64_t floor, int64_t ceiling, unsigned *flags)
{
    if (wage > ceiling) {
        *flags |= LIBSI_FLAG_CAPPED;
        return ceiling;
    }
    if (wage < floor) {
        *flags |= LIBSI_FLAG_FLOORED;
        return floor;
    }
    return wage;
}

#define OUT(name) (&k->out[LSI_OUT_contributions__##name])

/* 国办发〔2019〕13号 §一, §三; 国发〔2005〕38号 */
static void pension(lsi_calc *k, const bound *b, const row *r, int64_t amounts[2], unsigned *fl)
{
    int64_t base = clamp(r->wage, b->pension_floor, b->pension_ceiling, fl);
    bool flexible = r->participant == FLEXIBLE;
    int64_t er = flexible ? 0 : lsi_bound_times(base, b->pension_employer, fl);
    int64_t ee = lsi_bound_times(base, b->pension_employee, fl);
    int64_t credit = b->credit_is_contribution ? ee : lsi_bound_times(base, b->credit, fl);
    lsi_bound_out_fen(OUT(pension_base), base);
    lsi_bound_out_fen(OUT(pension_employer), er);
    lsi_bound_out_fen(OUT(pension_employee), ee);
    lsi_bound_out_fen(OUT(pension_account_credit), credit);
    lsi_bound_out_fen(OUT(pension_total), er + ee);
    amounts[0] = er, amounts[1] = ee;
}

/* 《广东省失业保险条例》第八条; 《工伤保险条例》第十条; 人社部发〔2015〕71号 */
static void employee_schemes(lsi_calc *k, const bound *b, const row *r, int64_t amounts[3],
                             unsigned *fl)
{
    int64_t ui = clamp(r->wage, b->ui_floor, b->ui_ceiling, fl);
    int64_t wi = clamp(r->wage, b->wi_floor, b->wi_uncapped ? r->wage : b->wi_ceiling, fl);
    amounts[0] = lsi_bound_times(ui, b->ui_employer, fl);
    amounts[1] = lsi_bound_times(ui, b->ui_employee, fl);
    amounts[2] = lsi_bound_times(wi, b->wi, fl);
    lsi_bound_out_fen(OUT(unemployment_base), ui);
    lsi_bound_out_fen(OUT(unemployment_employer), amounts[0]);
    lsi_bound_out_fen(OUT(unemployment_employee), amounts[1]);
    lsi_bound_out_fen(OUT(work_injury_base), wi);
    lsi_bound_out_dec(OUT(work_injury_rate), b->wi_rate);
    lsi_bound_out_fen(OUT(work_injury_employer), amounts[2]);
}

/* 《广东省失业保险条例》第二条, 《工伤保险条例》第二条: flexible workers not covered */
static void not_covered(lsi_calc *k, int64_t amounts[3], unsigned *fl)
{
    amounts[0] = amounts[1] = amounts[2] = 0;
    lsi_bound_out_fen(OUT(unemployment_base), 0);
    lsi_bound_out_fen(OUT(unemployment_employer), 0);
    lsi_bound_out_fen(OUT(unemployment_employee), 0);
    lsi_bound_out_fen(OUT(work_injury_base), 0);
    lsi_bound_out_dec(OUT(work_injury_rate), (lsi_dec){0, 0});
    lsi_bound_out_fen(OUT(work_injury_employer), 0);
    *fl |= LIBSI_FLAG_NOT_COVERED;
}

static int compiled_row(void *state_, lsi_calc *k, const char *const *cells)
{
    state *st = state_;
    row r;
    if (!row_cells(k, st, cells, &r))
        return LSI_COMPILED_GENERAL;
    uint64_t choices = choices_of(&r);
    bound *b = lsi_bound_find(st->b, sizeof *b, &st->used,
                              (lsi_bound_key){k->place, r.date, false, choices});
    if (!b->key.set)
        bind(k, &r, choices, b);
    if (b->general)
        return LSI_COMPILED_GENERAL;
    unsigned fl = b->flags;
    int64_t p[2], o[3];
    pension(k, b, &r, p, &fl);
    if (r.participant == FLEXIBLE)
        not_covered(k, o, &fl);
    else
        employee_schemes(k, b, &r, o, &fl);
    lsi_bound_out_fen(OUT(employer_total), p[0] + o[0] + o[2]);
    lsi_bound_out_fen(OUT(employee_total), p[1] + o[1]);
    lsi_bound_out_fen(OUT(total), p[0] + o[0] + o[2] + p[1] + o[1]);
    k->flags = fl;
    return LSI_COMPILED_DONE;
}

/* Columns of the scheme's inputs, city, month and wage among them (a row
 * with known_on or carry_forward is the kernel's: row_cells). */
static bool prepare(void *state_, const lsi_scheme *s, const int16_t *column_field,
                    size_t n_columns)
{
    static const int input[N_COLS] = {
        LSI_IN_contributions__city, LSI_IN_contributions__month, LSI_IN_contributions__wage,
        LSI_IN_contributions__participant, LSI_IN_contributions__industry_class,
        LSI_IN_contributions__floating_level, LSI_IN_contributions__known_on,
        LSI_IN_contributions__carry_forward};
    state *st = state_;
    return lsi_compiled_columns(input, N_COLS, column_field, n_columns, st->col) &&
           s->inputs == lsi_schema_contributions_inputs && st->col[COL_CITY] >= 0 &&
           st->col[COL_MONTH] >= 0 && st->col[COL_WAGE] >= 0;
}

const lsi_compiled lsi_contributions_compiled = {sizeof(state), prepare, compiled_row};

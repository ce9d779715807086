/*
 * The compiled path of the monthly pension of a new retiree (compiled.h,
 * issue #10): a batch row of the summary path at trace level none, retired
 * in the statutory month, computed on machine integers with the rule values
 * of its city and retirement month bound once.  The statutory steps and their
 * legal basis are those of pension.c, pension_formula.c and
 * pension_transition.c, which stay the reference: a row this file cannot take
 * whole — not eligible, beyond a plausibility bound, a cell in another form,
 * a rule value missing or not of a bound form — goes there
 * (LSI_COMPILED_GENERAL), and tests/test_compiled_pension.c holds the two to
 * the same outputs and flags.  Each amount is one exact ratio rounded once,
 * half up, to its quantum (LSI_ROUND_FEN, LSI_ROUND_TENTH), as the kernel's
 * lsi_step_round_div of the same exact operands:
 *
 *  - statutory age and month: 国务院《关于渐进式延迟法定退休年龄的办法》第一条
 *    (lsi_statutory_retirement_valid, shared with the kernel);
 *  - minimum period: 办法第二条; 社会保险法第十六条;
 *  - basic pension: 国发〔2005〕38号, (C × a + C × Z) / 2 × N × 1 % with
 *    a = min(1, Z / 0.6) (agency practice seen on approval forms (养老金核定表));
 *  - divisor: 国发〔2005〕38号 附件, months interpolated, 0.1 half-up;
 *    account pension: 国发〔2005〕38号 (balance ÷ divisor);
 *  - supplements: 粤劳电〔2009〕32号; 粤人社〔2014〕8号;
 *  - transitional pension: old method, deemed account ÷ 120 (agency practice);
 *    new method C × W × 1.2 % and the 2021–2025 adjustment (粤府函〔2021〕294号).
 */
#include <stddef.h>

#include "compiled.h"
#include "pension_internal.h"

enum { COL_CITY, COL_GROUP, COL_BIRTH, COL_MONTHS, COL_INDEX, COL_BALANCE, COL_DEEMED,
       COL_DEEMED_BALANCE, N_COLS };

/* The divisor table's ages a statutory retirement reads: 50y (female50,
 * 办法第一条) to 63y (male60 at the cap), and the next age for the months. */
#define FIRST_AGE 50
#define AGES 15
#define CELL_MAX_COEF 1000000000000000ll /* a cell's coefficient below 10^15 */
#define CELL_MAX_SCALE 9

/* The rule values of one city and retirement month, read through the
 * kernel's rule reads with the flags each raises. */
typedef struct bound {
    lsi_bound_key key;          /* place, the retirement month's first day, which
                                 * dates every rule read (first: lsi_bound_find) */
    bool general;               /* the key's rows are the kernel's */
    bool deemed_ok, old_ok;     /* deemed index, old divisor of the bound forms */
    unsigned flags, deemed_flags, old_flags;
    int working_age;            /* months (《劳动法》第十五条) */
    int64_t minimum;            /* months (办法第二条) */
    lsi_dec minimum_dec, c_dec;
    int64_t z_min, z_max, t9;   /* Z's bounds and the low-index threshold × 10^9 */
    lsi_rate c, t, per_cent, deemed_index, coefficient, ratio, old_divisor;
    int64_t fixed_fen, per_year_fen;
    int64_t divisor9[AGES];     /* M(FIRST_AGE + i) × 10^9, at least one month */
    unsigned divisor_flags[AGES];
} bound;

typedef struct state {
    int8_t col[N_COLS];         /* the column of each input, -1 when none */
    unsigned used;              /* keys bound */
    bound b[LSI_BOUND_SLOTS];
} state;
_Static_assert(offsetof(bound, key) == 0, "lsi_bound_find reads the key first");

/* The row's own values, parsed from its cells. */
typedef struct row {
    int group, birth;           /* birth: YYYYMMDD */
    int64_t months, deemed;
    int64_t z9;                 /* Z × 10^9 (exact: at most 9 decimals) */
    lsi_dec z, balance, deemed_balance;
} row;

/* ------------------------------------------------------------ cells */

static const char *cell(const state *st, const char *const *cells, int c)
{
    const char *s = st->col[c] >= 0 ? cells[st->col[c]] : NULL;
    return s && *s ? s : NULL;
}

/* A decimal as the edge parses it (lsi_dec_parse_short: its coefficient and
 * scale), within the range this path computes: not negative, coefficient
 * below 10^15, at most 9 decimals; any other form is the kernel's. */
static bool decimal_cell(const char *s, lsi_dec *v)
{
    return lsi_dec_parse_short(s, v) && v->coef >= 0 && v->coef < CELL_MAX_COEF &&
           v->scale <= CELL_MAX_SCALE;
}

/* An optional decimal cell: absent, its schema default 0. */
static bool optional_decimal(const char *s, lsi_dec *v)
{
    *v = (lsi_dec){0, 0};
    return !s || decimal_cell(s, v);
}

/* A count of months: at most 5 digits (the kernel refuses a sign and a
 * fraction; leading zeros add nothing); absent, the schema default 0. */
static bool months_cell(const char *s, int64_t *v)
{
    int i = 0;
    *v = 0;
    for (; s && s[i]; i++) {
        unsigned d = (unsigned char)s[i] - '0';
        if (d > 9 || i == 5)
            return false;
        *v = *v * 10 + d;
    }
    return true;
}

/* Z (a decimal_cell: at most 9 decimals) at most 10, and Z × 10^9, exact.
 * (Z at most 10 — rule data: 3 — keeps the basic pension's product in 128
 * bits; a larger Z is the kernel's error.) */
static bool index_cell(row *r)
{
    if (r->z.coef > 10 * lsi_pow10_64[r->z.scale])
        return false;
    r->z9 = (int64_t)r->z.coef * lsi_pow10_64[9 - r->z.scale];
    return true;
}

/* The retirement_group's choices exactly, in the enum's order (the one a
 * cell can be told by its first letter and its eighth). */
static int group_cell(const char *s)
{
    static const char *const choices[] = {"male60", "female55", "female50"};
    int g = s[0] == 'm' ? 0 : strnlen(s, 8) == 8 && s[7] == '5' ? 1 : 2;
    return strcmp(s, choices[g]) == 0 ? g : -1;
}

static bool row_cells(lsi_calc *k, const state *st, const char *const *cells, row *r)
{
    const char *city = cell(st, cells, COL_CITY), *group = cell(st, cells, COL_GROUP),
               *birth = cell(st, cells, COL_BIRTH), *months = cell(st, cells, COL_MONTHS),
               *z = cell(st, cells, COL_INDEX), *balance = cell(st, cells, COL_BALANCE);
    if (!city || !group || !birth || !months || !z || !balance)
        return false;
    r->group = group_cell(group);
    return r->group >= 0 && lsi_date_parse(birth, &r->birth, true) == 0 &&
           months_cell(months, &r->months) &&
           months_cell(cell(st, cells, COL_DEEMED), &r->deemed) &&
           decimal_cell(z, &r->z) && index_cell(r) && decimal_cell(balance, &r->balance) &&
           optional_decimal(cell(st, cells, COL_DEEMED_BALANCE), &r->deemed_balance) &&
           lsi_calc_find_city(k, city) == 0;
}

/* ------------------------------------------------------------ binding */

/* Every rule value is read even after one that fails (the key's rows are
 * then the kernel's): one branch-free sequence of reads, so no branch here
 * waits for rule data that does not exist.  A failed read leaves its
 * value at the zero the bound starts from.  The reads are the general
 * routines behind the kernel's inline hit paths (lsi_param_read,
 * lsi_bound_read: the same value and flags), once per key. */

/* A rule value as coef / pow within `max_coef`; false when missing or not
 * of that form.  The flags the read raises go to k->flags. */
static bool rate_rule(lsi_calc *k, const char *name, int date, int64_t max_coef, lsi_rate *r)
{
    lsi_dec v = {0, 0};
    bool ok = lsi_param_read(k, name, date, &v) == 0;
    return ok & lsi_bound_rate(v, max_coef, r);
}

/* A rule amount in fen, at most 10^6 yuan (the supplements). */
static bool fen_rule(lsi_calc *k, const char *name, int date, int64_t *fen)
{
    lsi_dec v = {0, 0};
    bool ok = lsi_param_read(k, name, date, &v) == 0;
    return ok & lsi_bound_fen(v, 100000000, fen);
}

/* The rule values' magnitudes this path takes — C at most 10^6 yuan, the
 * rates and ratios at most 1, the deemed index at most 10, the old divisor
 * at least 1 — keep every amount below 10^17 fen and every sum within int64
 * (rule data: C 9307, rates 0.01 and 0.012, indices 0.6 to 1.191, divisor
 * 120). */
static bool within(lsi_rate r, int64_t max)
{
    return r.coef <= max * r.pow;
}

/* An index bound (Z's, the threshold) as value × 10^9, exact: the rows
 * compare Z with it in int64. */
static bool index_rule(lsi_dec v, int64_t max_coef, lsi_rate *r, int64_t *v9)
{
    *r = (lsi_rate){0, 1};
    bool ok = lsi_bound_rate(v, max_coef, r);
    *v9 = r->coef * (1000000000 / r->pow); /* (coef <= 10^9) */
    return ok;
}

/* The divisor table (国发〔2005〕38号 附件) read as lsi_divisor_for_age reads
 * it (pension_formula.c), each value with its own flags: a row reads one or
 * two of them.  Every value at least one month (so no divisor rounds to 0),
 * at most 10^6. */
static bool bind_divisors(lsi_calc *k, bound *b)
{
    bool ok = true;
    for (int i = 0; i < AGES; i++) {
        lsi_rate m = {0, 1};
        k->flags = 0;
        ok &= rate_rule(k, lsi_pension_divisor_names[FIRST_AGE - 40 + i], b->key.date, 1000000, &m);
        b->divisor9[i] = m.coef * (1000000000 / m.pow);
        b->divisor_flags[i] = k->flags;
        ok &= b->divisor9[i] >= 1000000000;
    }
    return ok;
}

/* The plausibility bounds (no flags, lsi_bound) and the minimum period. */
static bool bind_bounds(lsi_calc *k, bound *b)
{
    lsi_dec lo = {0, 0}, hi = {0, 0};
    lsi_rate unused;
    bool ok = lsi_working_age(k, b->key.date, &b->working_age) == 0;
    ok &= lsi_bound_read(k, "pension.average_index.min", b->key.date, &lo, NULL) == 0;
    ok &= lsi_bound_read(k, "pension.average_index.max", b->key.date, &hi, NULL) == 0;
    ok &= index_rule(lo, 1000000000, &unused, &b->z_min);
    ok &= index_rule(hi, 1000000000, &unused, &b->z_max);
    ok &= lsi_param_read(k, "pension.minimum_contribution_months", b->key.date, &b->minimum_dec) == 0;
    return ok & (lsi_dec_to_int64(b->minimum_dec, &b->minimum) == 0);
}

/* The values every eligible row reads: C, the basic pension's threshold and
 * rate (the threshold's scale at most 6: the basic pension's product stays
 * within 128 bits), the supplements, and from 2021 the new method's
 * coefficient and the adjustment's ratio (pension_transition.c). */
static bool bind_rows_values(lsi_calc *k, bound *b)
{
    lsi_dec t = {0, 0};
    bool ok = lsi_param_read(k, "pension.calculation_base", b->key.date, &b->c_dec) == 0;
    ok &= lsi_bound_rate(b->c_dec, 1000000000, &b->c);
    ok &= within(b->c, 1000000);
    ok &= lsi_param_read(k, "pension.low_index_threshold", b->key.date, &t) == 0;
    ok &= index_rule(t, 1000000, &b->t, &b->t9);
    ok &= b->t.pow <= 1000000;
    ok &= rate_rule(k, "pension.basic.rate_per_year", b->key.date, 1000000, &b->per_cent);
    ok &= within(b->per_cent, 1);
    ok &= fen_rule(k, "pension.supplement.fixed", b->key.date, &b->fixed_fen);
    ok &= fen_rule(k, "pension.supplement.per_year", b->key.date, &b->per_year_fen);
    if (b->key.date < 20210101)
        return ok;
    ok &= rate_rule(k, "pension.transition.coefficient", b->key.date, 1000000, &b->coefficient);
    ok &= rate_rule(k, "pension.transition.ratio", b->key.date, 1000000, &b->ratio);
    return ok & within(b->coefficient, 1) & within(b->ratio, 1);
}

/* The values only some rows read, each with its own flags: the deemed index
 * (deemed months, from 2021) and the old method's divisor (a deemed account). */
static void bind_deemed_values(lsi_calc *k, bound *b)
{
    k->flags = 0;
    b->deemed_ok = rate_rule(k, "pension.transition.deemed_index", b->key.date, 1000000,
                             &b->deemed_index);
    b->deemed_ok &= within(b->deemed_index, 10);
    b->deemed_flags = k->flags;
    k->flags = 0;
    b->old_ok = rate_rule(k, "pension.transition.old_divisor", b->key.date, 1000000000,
                          &b->old_divisor);
    b->old_ok &= b->old_divisor.coef >= b->old_divisor.pow;
    b->old_flags = k->flags;
}

/* (The batch's own rule cache: its generation changes only when it starts
 * over, which forgets the frame of the last read, so that frame is never
 * stale here; lsi_calc_run's forget_stale_frame has nothing to do.) */
static void bind(lsi_calc *k, int date, bound *b)
{
    *b = (bound){.key = {k->place, date, true, 0}};
    k->flags = 0;
    bool ok = bind_bounds(k, b);
    ok &= bind_rows_values(k, b);
    b->flags = k->flags;
    bind_deemed_values(k, b);
    b->general = !(ok & bind_divisors(k, b));
}

/* ------------------------------------------------------------ the row */

/* num / den (num >= 0, den > 0) rounded half up, as lsi_step_round_div:
 * LIBSI_FLAG_ROUNDED into *flags when inexact.  Operands that fit in int64
 * (the basic pension of every row of the rule data: C 9307, rate 0.01) take
 * lsi_bound_div, one machine division instead of the 128-bit routine. */
static int64_t half_up(__int128 num, __int128 den, unsigned *flags)
{
    if ((num <= INT64_MAX) & (den <= INT64_MAX))
        return lsi_bound_div((int64_t)num, (int64_t)den, flags);
    __int128 q = num / den, r = num % den;
    *flags |= r ? LIBSI_FLAG_ROUNDED : 0u;
    return (int64_t)(q + (2 * r >= den)); /* r = 0 never goes up */
}

/* The case as the kernel's first steps find it (pension.c): the statutory
 * age and month (办法第一条), the retirement month the statutory one, the
 * age at it, and the first day of that month, which dates every rule read. */
typedef struct figures {
    lsi_retirement_age stat;
    int date, age;
    int64_t total;              /* actual + deemed months */
} figures;

/* 《劳动法》第十五条: the months fit between age 16 and the retirement month
 * (both counts not negative: their sum bounds each); 社会保险法第十六条 and
 * 办法第二条: the minimum period met; Z within [average_index.min, .max]
 * (the 300 % ceiling, 劳办发〔1997〕116号, 国办发〔2019〕13号 §三); the values
 * a row with deemed months (from 2021) or a deemed account reads bound; the
 * age one the bound divisors cover (every statutory age today: 50 to 63).
 * (One expression without branches: the row goes on or to the kernel.) */
static bool plausible(const bound *b, const row *r, const figures *f)
{
    int from = f->stat.month_index - f->age + b->working_age; /* (a max below 0 fails too) */
    int64_t max = f->stat.month_index - from;
    bool deemed = (r->deemed == 0) | (f->date < 20210101) | b->deemed_ok;
    bool deemed_account = lsi_dec_is_zero(r->deemed_balance) | b->old_ok;
    bool age = (unsigned)(f->age - FIRST_AGE * 12) < (AGES - 1) * 12;
    return (f->total <= max) & (f->total >= b->minimum) & (r->z9 >= b->z_min) &
           (r->z9 <= b->z_max) & deemed & deemed_account & age;
}

/* 国发〔2005〕38号; Guangdong low-index coefficient a = min(1, Z / t):
 *   Z >= t:  C (1 + Z) × months × rate / 24
 *   Z <  t:  C Z (1 + t) × months × rate / (24 t)       (pension_formula.c)
 * in fen, one exact ratio rounded once half up (Z at most 10 at scale <= 9,
 * C below 10^9, t and rate below 10^6 at scale <= 6 and 9, months below
 * 1000 (a working life): within 128 bits). */
static int64_t basic_fen(const bound *b, const row *r, int64_t months, unsigned *fl)
{
    int64_t zc = (int64_t)r->z.coef, zp = lsi_pow10_64[r->z.scale];
    __int128 num = (__int128)b->c.coef * months * b->per_cent.coef * 100;
    __int128 den = (__int128)zp * b->c.pow * b->per_cent.pow * 24;
    if (r->z9 >= b->t9)
        return half_up(num * (zp + zc), den, fl);
    return half_up(num * zc * (b->t.pow + b->t.coef), den * b->t.coef, fl);
}

/* 国发〔2005〕38号 附件: D = ((12 − m) M(y) + m M(y+1)) / 12 to 0.1 half up
 * (whole years: M(y) to 0.1), in tenths, with the flags of the values read.
 * The age is within the bound ages (plausible), so within the table's
 * 40–70: no end of the table applies. */
static int64_t divisor_tenths(const bound *b, int age, unsigned *fl)
{
    int i = age / 12 - FIRST_AGE, m = age % 12;
    int64_t num = (12 - m) * b->divisor9[i] + m * b->divisor9[i + 1];
    *fl |= b->divisor_flags[i] | b->divisor_flags[i + 1] * (m != 0);
    return lsi_bound_div(num, 1200000000, fl); /* (num <= 12 × 10^15) */
}

/* A decimal amount (coef / 10^scale) ÷ coef / pow in fen, rounded half up. */
static int64_t divide_fen(lsi_dec amount, int64_t coef, int64_t pow, unsigned *fl)
{
    return half_up((__int128)amount.coef * pow * 100,
                   (__int128)lsi_pow10_64[amount.scale] * coef, fl);
}

/* 国发〔2005〕38号: the account balance ÷ the divisor (tenths) in fen: the
 * balance below 10^15 at scale <= 9, the divisor below 10^7 tenths (M below
 * 10^6 months): both operands within int64. */
static int64_t account_fen(lsi_dec balance, int64_t divisor, unsigned *fl)
{
    return lsi_bound_div((int64_t)balance.coef * 1000, lsi_pow10_64[balance.scale] * divisor, fl);
}

/* The kernel's transitional figures (pension_transition.c), in fen. */
typedef struct transition {
    int64_t old, neu, adjustment, supplements;
} transition;

/* 粤府函〔2021〕294号: C × W × coefficient with W = deemed index × deemed
 * months / 12; 0.00 without deemed months (W = 0). */
static int64_t new_method_fen(const bound *b, int64_t deemed, unsigned *fl)
{
    if (deemed == 0)
        return 0;
    *fl |= b->deemed_flags;
    __int128 num = (__int128)b->c.coef * b->deemed_index.coef * deemed * b->coefficient.coef;
    return half_up(num * 100, (__int128)b->c.pow * b->deemed_index.pow * b->coefficient.pow * 12,
                   fl);
}

/* 粤劳电〔2009〕32号, 粤人社〔2014〕8号: 100 + 4 × full years; old method
 * (deemed account ÷ 120, agency practice seen on approval forms (养老金核定表));
 * from 2021 粤府函〔2021〕294号: the new method and the adjustment
 * max(0, new − old − per-year part) × ratio. */
static void transitional(const bound *b, const row *r, const figures *f, transition *t,
                         unsigned *fl)
{
    int64_t per_year = b->per_year_fen * (f->total / 12);
    t->supplements = b->fixed_fen + per_year;
    t->old = t->neu = t->adjustment = 0;
    if (!lsi_dec_is_zero(r->deemed_balance)) {
        *fl |= b->old_flags;
        t->old = divide_fen(r->deemed_balance, b->old_divisor.coef, b->old_divisor.pow, fl);
    }
    if (f->date < 20210101)
        return;
    t->neu = new_method_fen(b, r->deemed, fl);
    int64_t gap = t->neu - t->old - per_year;
    if (gap > 0)
        t->adjustment = lsi_bound_times(gap, b->ratio, fl);
}

#define OUT(name) (&k->out[LSI_OUT_pension__##name])

static void out_int(lsi_out *o, lsi_out_kind kind, int v)
{
    *o = (lsi_out){.kind = kind, .month = v};
}

/* The outputs of the retirement age (办法第一条, 第三条: the statutory month
 * retired in), the minimum period (办法第二条; 社会保险法第十六条) and the
 * record as the approval form (养老金核定表) shows it, Z to 4 decimals
 * (pension.c: statutory_retirement_age, retirement_month,
 * minimum_contribution, eligibility, outputs). */
static void case_outputs(lsi_calc *k, const bound *b, const row *r, const figures *f)
{
    lsi_dec shown;
    out_int(OUT(statutory_retirement_age), LSI_OUT_AGE, f->age);
    out_int(OUT(statutory_retirement_date), LSI_OUT_MONTH, f->stat.month_index);
    lsi_bound_out_dec(OUT(minimum_contribution_months), b->minimum_dec);
    *OUT(eligible) = (lsi_out){.text = "true", .kind = LSI_OUT_TEXT};
    *OUT(months_short) = (lsi_out){.kind = LSI_OUT_UNSET};
    out_int(OUT(retirement_date), LSI_OUT_MONTH, f->stat.month_index);
    out_int(OUT(retirement_age), LSI_OUT_AGE, f->age);
    lsi_bound_out_dec(OUT(contribution_months_total), lsi_dec_from_int(f->total));
    lsi_dec_round(r->z, &LSI_ROUND_INDEX_DISPLAY, &shown, NULL); /* (in range: no error) */
    lsi_bound_out_dec(OUT(average_index), shown);
    lsi_bound_out_dec(OUT(average_index_exact), r->z);
    lsi_bound_out_dec(OUT(account_balance), r->balance);
    lsi_bound_out_dec(OUT(calculation_base), b->c_dec);
}

/* The amounts; the total the sum of the rounded components (agency practice
 * seen on approval forms (养老金核定表)). */
static void amount_outputs(lsi_calc *k, int64_t basic, int64_t account, int64_t divisor,
                           const transition *t)
{
    lsi_bound_out_fen(OUT(basic_pension), basic);
    lsi_bound_out_fen(OUT(account_pension), account);
    lsi_bound_out_fen(OUT(transitional_pension), t->old);
    lsi_bound_out_fen(OUT(transition_adjustment), t->adjustment);
    lsi_bound_out_fen(OUT(supplements), t->supplements);
    lsi_bound_out_fen(OUT(total), basic + account + t->old + t->adjustment + t->supplements);
    lsi_bound_out_dec(OUT(divisor), (lsi_dec){divisor, 1});
    lsi_bound_out_fen(OUT(new_method_pension), t->neu);
}

/* The row's key values, bound on first use; NULL: the kernel's row. */
static const bound *row_bound(state *st, lsi_calc *k, int date)
{
    bound *b = lsi_bound_find(st->b, sizeof *b, &st->used, (lsi_bound_key){k->place, date, false, 0});
    if (!b->key.set)
        bind(k, date, b);
    return b->general ? NULL : b;
}

static int compiled_row(void *state_, lsi_calc *k, const char *const *cells)
{
    row r;
    figures f;
    if (!row_cells(k, state_, cells, &r))
        return LSI_COMPILED_GENERAL;
    /* 办法第一条 (附件1–3): the kernel's own computation; a group and a date
     * parsed as the edge parses them are valid */
    lsi_statutory_retirement_valid((lsi_retirement_group)r.group, r.birth, &f.stat);
    f.date = lsi_month_first_day(f.stat.month_index);
    f.age = f.stat.age_months;
    f.total = r.months + r.deemed;
    const bound *b = row_bound(state_, k, f.date);
    if (!b || !plausible(b, &r, &f))
        return LSI_COMPILED_GENERAL;
    unsigned fl = b->flags;
    transition t;
    int64_t divisor = divisor_tenths(b, f.age, &fl);
    int64_t basic = basic_fen(b, &r, f.total, &fl);
    int64_t account = account_fen(r.balance, divisor, &fl);
    transitional(b, &r, &f, &t, &fl);
    case_outputs(k, b, &r, &f);
    amount_outputs(k, basic, account, divisor, &t);
    k->flags = fl;
    return LSI_COMPILED_DONE;
}

/* Columns among the summary path's inputs, the six of the approval form
 * given: anything else (retirement_date, transition_years, calculation_base,
 * a history, known_on, carry_forward) is the kernel's. */
static bool prepare(void *state_, const lsi_scheme *s, const int16_t *column_field,
                    size_t n_columns)
{
    static const int input[N_COLS] = {
        LSI_IN_pension__city, LSI_IN_pension__retirement_group, LSI_IN_pension__birth_date,
        LSI_IN_pension__contribution_months, LSI_IN_pension__average_index,
        LSI_IN_pension__account_balance, LSI_IN_pension__deemed_months,
        LSI_IN_pension__deemed_account_balance};
    state *st = state_;
    if (!lsi_compiled_columns(input, N_COLS, column_field, n_columns, st->col))
        return false;
    bool six = true;
    for (int i = 0; i <= COL_BALANCE; i++)
        six &= st->col[i] >= 0;
    return (s->inputs == lsi_schema_pension_inputs) & six;
}

const lsi_compiled lsi_pension_compiled = {sizeof(state), prepare, compiled_row};

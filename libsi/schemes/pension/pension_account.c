/*
 * The personal account (个人账户) and the average contribution wage index
 * (平均缴费工资指数) from a monthly contribution history.
 *
 *  - credit: 8 % of the monthly base since 2006-01-01 (国发〔2005〕38号); 11 %
 *    from the opening of Guangdong accounts in 1998-07 (粤府〔1998〕21号 as
 *    quoted, conf. M) — both are rule values (pension.account.credit_rate);
 *  - interest: the year's crediting rate (记账利率, 社会保险法第十四条, one
 *    national rate a year since 2016, 人社部发〔2017〕31号), credited at the
 *    close of the year; the year's own credits earn interest by a named rule
 *    (LSI_INTEREST_1083, 劳办发〔1997〕116号, default; or none);
 *  - index: Σ(base_m / wage_m) / n over contribution months (国发〔2005〕38号),
 *    exact, carried by LSI_ROUND_INDEX_CARRY; wage_m is the provincial average
 *    wage that set the contribution band in force in month m (band years run
 *    July–June: months July Y … June Y+1 use the wage of year Y−1, the wage
 *    behind 粤人社发〔2025〕32号's limits) unless the history gives it.
 */
#include <stdio.h>

#include "exact.h"
#include "pension_internal.h"

/* ------------------------------------------------------------- index */

/* The calendar year whose average wage indexes month `mi`. */
static int index_wage_year(int mi)
{
    int year = mi / 12, month = mi % 12 + 1;
    int band_year = month >= 7 ? year : year - 1;
    return band_year - 1;
}

typedef struct wage_cache {
    int year;
    lsi_dec wage;
} wage_cache;

static int month_wage(lsi_calc *k, const lsi_history_month *hm, wage_cache *c, lsi_dec *w)
{
    if (hm->has_wage) {
        *w = hm->wage;
        return 0;
    }
    int year = index_wage_year(hm->month);
    if (year != c->year) {
        int rc = lsi_param(k, "wage.provincial_average_monthly", year * 10000 + 101, &c->wage);
        if (rc != 0)
            return rc;
        c->year = year;
    }
    *w = c->wage;
    return 0;
}

static int index_sum(lsi_calc *k, const lsi_history *h, int until, mpq_t sum, long *n)
{
    wage_cache cache = {-1, {0, 0}};
    mpq_t term, w;
    mpq_inits(term, w, NULL);
    int rc = 0;
    *n = 0;
    for (size_t i = 0; i < h->n && h->m[i].month < until && rc == 0; i++) {
        lsi_dec wage;
        if (lsi_dec_is_zero(h->m[i].base))
            continue; /* a base of 0 is no contribution month */
        rc = month_wage(k, &h->m[i], &cache, &wage);
        if (rc == 0 && lsi_dec_is_zero(wage))
            rc = lsi_in_invalid(k, "history", "average wage of year %d is zero",
                                index_wage_year(h->m[i].month));
        if (rc != 0)
            break;
        lsi_dec_to_mpq(h->m[i].base, term);
        lsi_dec_to_mpq(wage, w);
        mpq_div(term, term, w);
        mpq_add(sum, sum, term);
        (*n)++;
    }
    mpq_clears(term, w, NULL);
    return rc;
}

/* 国发〔2005〕38号; wage of the band year (国办发〔2019〕13号 §三) */
int lsi_average_index(lsi_calc *k, const lsi_history *h, int until, lsi_dec *z)
{
    lsi_step(k, average_contribution_index);
    mpq_t sum, nq;
    mpq_inits(sum, nq, NULL);
    long n;
    int rc = index_sum(k, h, until, sum, &n);
    if (rc == 0 && n == 0)
        rc = lsi_in_invalid(k, "history", "no contribution month before retirement");
    if (rc == 0) {
        mpq_set_si(nq, n, 1);
        mpq_div(sum, sum, nq);
        unsigned flags = 0;
        rc = lsi_mpq_round(sum, &LSI_ROUND_INDEX_CARRY, z, &flags);
        if (rc == 0) {
            lsi_step_value(k, "months", lsi_dec_from_int(n));
            lsi_step_text(k, "rounding", LSI_ROUND_INDEX_CARRY.name);
            lsi_step_result(k, *z);
        } else {
            rc = lsi_fail(k->ctx, rc, "history", "average index out of range");
        }
    }
    mpq_clears(sum, nq, NULL);
    return rc;
}

/* ----------------------------------------------------------- account */

typedef struct year_total {
    lsi_dec credits;     /* Σ of the year's monthly credits, each to the fen */
    lsi_dec rate;        /* the year's crediting rate, from the history */
    bool has_rate;
    unsigned months;     /* bit m−1: the year's month m is in the record */
} year_total;

/* Σ of one year's credits up to `as_of`; *i advances past the year. */
static int year_credits(lsi_calc *k, const lsi_history *h, size_t *i, int year, int as_of,
                        year_total *t)
{
    t->credits = LSI_ZERO_FEN;
    t->has_rate = false;
    t->months = 0;
    for (; *i < h->n && h->m[*i].month / 12 == year && h->m[*i].month <= as_of; (*i)++) {
        const lsi_history_month *hm = &h->m[*i];
        lsi_dec rate, credit;
        t->months |= 1u << (hm->month % 12);
        int rc = lsi_param(k, "pension.account.credit_rate", lsi_month_first_day(hm->month),
                           &rate);
        if (rc == 0)
            rc = lsi_dec_mul_round(hm->base, rate, &LSI_ROUND_FEN, &credit, NULL);
        if (rc == 0)
            rc = lsi_dec_add(t->credits, credit, &t->credits);
        if (rc != 0)
            return rc < 0 && rc != LIBSI_ERANGE ? rc
                                                : lsi_in_invalid(k, "history", "base out of range");
        if (hm->has_rate && !t->has_rate) {
            t->rate = hm->rate;
            t->has_rate = true;
        }
    }
    return 0;
}

/* Interest credited at the close of `year` (named rule `rule`). */
static int year_interest(lsi_calc *k, int year, lsi_interest_rule rule, lsi_dec opening,
                         year_total *t, lsi_dec *interest)
{
    int rc = 0;
    if (!t->has_rate)
        rc = lsi_param(k, "pension.crediting_rate", year * 10000 + 101, &t->rate);
    lsi_dec on_opening, on_credits = LSI_ZERO_FEN, factor, share;
    if (rc == 0)
        rc = lsi_dec_mul_round(opening, t->rate, &LSI_ROUND_FEN, &on_opening, NULL);
    if (rc == 0 && rule == LSI_INTEREST_1083) {
        rc = lsi_param(k, "pension.account.current_year_factor", year * 10000 + 101, &factor);
        if (rc == 0)
            rc = lsi_param(k, "pension.account.current_year_share", year * 10000 + 101, &share);
        lsi_dec x;
        if (rc == 0)
            rc = lsi_dec_mul(t->credits, t->rate, &x);
        if (rc == 0)
            rc = lsi_dec_mul(x, factor, &x);
        if (rc == 0)
            rc = lsi_dec_mul_round(x, share, &LSI_ROUND_FEN, &on_credits, NULL);
    }
    if (rc == 0)
        rc = lsi_dec_add(on_opening, on_credits, interest);
    return rc;
}

/* The months of a year compactly, "01–12" or "01–03, 07, 09–12" (issue
 * #17: each year explained once, its months listed, not a line a month). */
static void month_ranges(unsigned months, char *out, size_t n)
{
    size_t at = 0;
    out[0] = '\0';
    for (int m = 0; m < 12; m++) {
        if (!(months & (1u << m)) || (m > 0 && (months & (1u << (m - 1)))))
            continue;
        int last = m;
        while (last < 11 && (months & (1u << (last + 1))))
            last++;
        int w = last > m ? snprintf(out + at, n - at, "%s%02d–%02d", at ? ", " : "", m + 1, last + 1)
                         : snprintf(out + at, n - at, "%s%02d", at ? ", " : "", m + 1);
        if (w < 0 || (size_t)w >= n - at)
            return;
        at += (size_t)w;
    }
}

static void record_year(lsi_calc *k, int year, lsi_dec opening, const year_total *t,
                        const lsi_dec *interest, lsi_dec closing)
{
    char label[16], line[400], a[48], b[48], c[48], d[48], e[48], months[64];
    if (!k->step)
        return; /* formatting only for the trace */
    snprintf(label, sizeof label, "%04d", year);
    month_ranges(t->months, months, sizeof months);
    lsi_dec_format(opening, a);
    lsi_dec_format(t->credits, b);
    lsi_dec_format(closing, e);
    if (interest) {
        lsi_dec_format(t->rate, c);
        lsi_dec_format(*interest, d);
        snprintf(line, sizeof line, "months %s: opening %s + credits %s + interest %s (rate %s) "
                 "= %s", months, a, b, d, c, e);
    } else {
        snprintf(line, sizeof line, "months %s: opening %s + credits %s = %s (interest at year "
                 "end)", months, a, b, e);
    }
    lsi_step_text(k, label, line);
}

static int account_year(lsi_calc *k, const lsi_history *h, size_t *i, int year, int as_of,
                        lsi_interest_rule rule, lsi_dec *balance)
{
    year_total t;
    lsi_dec opening = *balance, interest;
    int rc = year_credits(k, h, i, year, as_of, &t);
    bool closed = year < as_of / 12;
    if (rc == 0 && closed)
        rc = year_interest(k, year, rule, opening, &t, &interest);
    if (rc == 0)
        rc = lsi_dec_add(*balance, t.credits, balance);
    if (rc == 0 && closed)
        rc = lsi_dec_add(*balance, interest, balance);
    if (rc == 0)
        record_year(k, year, opening, &t, closed ? &interest : NULL, *balance);
    return rc == LIBSI_ERANGE ? lsi_in_invalid(k, "history", "balance out of range") : rc;
}

int lsi_account_inputs(lsi_calc *k, int *rule, lsi_dec *opening)
{
    int rc = lsi_in_choice(k, "account_interest", rule);
    if (rc == 0) rc = lsi_in_dec(k, "opening_balance", opening);
    if (rc == 0 && lsi_dec_is_negative(*opening))
        rc = lsi_in_invalid(k, "opening_balance", "must not be negative");
    return rc;
}

int lsi_history_alone(lsi_calc *k, const char *const *summary, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lsi_in_present(k, summary[i]))
            return lsi_in_invalid(k, "history", "give either a history or '%s', not both",
                                  summary[i]);
    return 0;
}

int lsi_history_before_retirement(lsi_calc *k, const lsi_history *h, int retire_month)
{
    if (h->m[h->n - 1].month < retire_month)
        return 0;
    return lsi_in_invalid(k, "history", "months from the retirement month on are not "
                                        "contribution months before retirement");
}

int lsi_account_balance(lsi_calc *k, const lsi_history *h, int as_of, lsi_interest_rule rule,
                        lsi_dec opening, lsi_dec *balance)
{
    lsi_step_static(k, "personal_account", "Personal account balance (个人账户储存额)",
             "国发〔2005〕38号 (8 % credited); 社会保险法第十四条 and 人社部发〔2017〕31号 "
             "(yearly crediting rate); current-year credits per 劳办发〔1997〕116号 "
             "(or none, by the named rule)",
             rule == LSI_INTEREST_1083
                 ? "B_Y = B_{Y−1} × (1 + r_Y) + credits_Y × (1 + r_Y × 1.083 × ½)"
                 : "B_Y = B_{Y−1} × (1 + r_Y) + credits_Y");
    lsi_step_text(k, "interest_rule", rule == LSI_INTEREST_1083 ? "credits_1083"
                                                                 : "credits_no_interest");
    *balance = opening;
    size_t i = 0;
    int rc = 0;
    for (int year = h->m[0].month / 12; year <= as_of / 12 && rc == 0; year++)
        rc = account_year(k, h, &i, year, as_of, rule, balance);
    if (rc == 0)
        lsi_step_result(k, *balance);
    return rc;
}

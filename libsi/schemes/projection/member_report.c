/*
 * The yearly aggregates of a member projection and the fund they roll:
 *   F(t0) = the scenario's balance;
 *   F(t)  = round_fen(F(t−1) × (1 + i)) + income − pensions − survivors' benefits + S.
 * Each sum of weight × amount is exact and rounded once to the fen
 * (fen_half_up); persons are the exact sums of the 6-decimal weights.
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "member_internal.h"

static const lsi_dec ZERO = {0, 0};

/* Σ w × amount (× 10^-6 persons × fen) → yuan, rounded once to the fen. */
static lsi_dec money(__int128 v)
{
    lsi_dec out = ZERO;
    lsi_dec_round((lsi_dec){v, 8}, &LSI_ROUND_FEN, &out, NULL);
    return out;
}

typedef struct row {
    const lsi_member_totals *t; /* the exact sums */
    int year;
    lsi_dec contributors, retirees, new_retirees, deaths;
    lsi_dec income, pensions, lump_sums, expenditure, wage_bill, fund, roll;
} row;

static void make_row(const lsi_member_totals *t, int year, row *r)
{
    r->t = t;
    r->year = year;
    r->contributors = (lsi_dec){t->contributors, 6};
    r->retirees = (lsi_dec){t->retirees, 6};
    r->new_retirees = (lsi_dec){t->new_retirees, 6};
    r->deaths = (lsi_dec){t->deaths, 6};
    r->income = money(t->income);
    r->pensions = money(t->pensions);
    r->lump_sums = money(t->lump_sums);
    r->wage_bill = money(t->wage_bill);
    r->roll = money(t->roll);
    lsi_dec_add(r->pensions, r->lump_sums, &r->expenditure);
}

static lsi_json *row_json(lsi_calc *k, const row *y)
{
    lsi_json *o = lsi_projection_year_row(k, y->year);
    lsi_projection_put(k, o, "contributors", y->contributors);
    lsi_projection_put(k, o, "retirees", y->retirees);
    lsi_projection_put(k, o, "new_retirees", y->new_retirees);
    lsi_projection_put(k, o, "deaths", y->deaths);
    lsi_projection_put(k, o, "average_pension",
                       lsi_projection_ratio(y->roll, y->retirees, &LSI_ROUND_FEN));
    lsi_projection_put(k, o, "pension_roll", y->roll);
    lsi_projection_put(k, o, "pension_expenditure", y->pensions);
    lsi_projection_put(k, o, "survivor_benefits", y->lump_sums);
    lsi_projection_put(k, o, "wage_bill", y->wage_bill);
    lsi_projection_put_fund(k, o, y->income, y->expenditure, y->fund, y->wage_bill);
    /* the exact sums (Σ weight × amount, 8 decimals of a yuan), before the one
     * rounding to the fen: partial runs (dask_microsim.py) add these */
    lsi_projection_put(k, o, "contribution_income_exact", (lsi_dec){y->t->income, 8});
    lsi_projection_put(k, o, "pension_expenditure_exact", (lsi_dec){y->t->pensions, 8});
    lsi_projection_put(k, o, "survivor_benefits_exact", (lsi_dec){y->t->lump_sums, 8});
    lsi_projection_put(k, o, "pension_roll_exact", (lsi_dec){y->t->roll, 8});
    lsi_projection_put(k, o, "wage_bill_exact", (lsi_dec){y->t->wage_bill, 8});
    return o;
}

/* fund roll-forward F = F + C − B + S */
static int roll(lsi_member_run *r, row *rows, int n)
{
    const lsi_scenario *s = r->s;
    lsi_dec f = s->balance, one_i;
    int rc = lsi_dec_add(lsi_dec_from_int(1), s->fund_return, &one_i);
    lsi_step(r->k, member_fund);
    rows[0].fund = f;
    for (int t = 1; t < n && rc == 0; t++) {
        lsi_dec net;
        rc = lsi_dec_add(lsi_dec_from_int(1), LSI_ASSUMED(s, fund_return, t), &one_i);
        if (rc == 0) rc = lsi_dec_mul_round(f, one_i, &LSI_ROUND_FEN, &f, NULL);
        if (rc == 0) rc = lsi_dec_sub(rows[t].income, rows[t].expenditure, &net);
        if (rc == 0) rc = lsi_dec_add(f, net, &f);
        if (rc == 0) rc = lsi_dec_add(f, s->subsidies, &f);
        rows[t].fund = f;
    }
    return rc ? lsi_fail(r->k->ctx, LIBSI_ERANGE, "scenario", "fund out of range") : 0;
}

static int table(lsi_calc *k, const row *rows, int n)
{
    lsi_json *arr = lsi_json_new(k->arena, LSI_J_ARRAY, NULL);
    for (int t = 0; t < n; t++)
        k->oom |= !lsi_json_push(arr, row_json(k, &rows[t]));
    return lsi_projection_out_json(k, "table", arr);
}

int lsi_member_report(lsi_member_run *r, const lsi_member_totals *t)
{
    lsi_calc *k = r->k;
    row *rows = lsi_arena_alloc(k->arena, (size_t)r->n_years * sizeof *rows);
    if (!rows)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "table", "out of memory");
    __int128 py = 0;
    for (int i = 0; i < r->n_years; i++) {
        make_row(&t[i], r->years[i].year, &rows[i]);
        py += t[i].contributors + t[i].retirees;
    }
    int rc = roll(r, rows, r->n_years);
    const char *depleted = "none";
    char year[16];
    for (int i = 0; i < r->n_years && rc == 0 && depleted[0] == 'n'; i++)
        if (lsi_dec_is_negative(rows[i].fund)) {
            snprintf(year, sizeof year, "%d", rows[i].year);
            depleted = year;
        }
    const lsi_named_dec out[] = {{"final_balance", rows[r->n_years - 1].fund},
                                 {"person_years", (lsi_dec){py, 6}}};
    if (rc == 0) rc = lsi_out_text(k, "depletion_year", depleted);
    if (rc == 0) rc = lsi_out_decs(k, out, sizeof out / sizeof out[0]);
    return rc ? rc : table(k, rows, r->n_years);
}

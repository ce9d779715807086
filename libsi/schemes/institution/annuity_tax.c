/*
 * Individual income tax on an occupational-annuity payout, from 2019-01-01:
 * 财税〔2018〕164号 §四 (as quoted; the text was not read): a payout is not
 * added to comprehensive income and is taxed in full on its own — a monthly
 * payout by the monthly-converted table (附件), a lump sum on emigration or to
 * heirs by the annual comprehensive table (《个人所得税法》第三条 附表一), any
 * other lump sum by the monthly table.  Payouts before 2019 (财税〔2013〕103号,
 * taxed as wages) are not covered: the tables have no value before 2019-01-01.
 */
#include "institution_internal.h"

#define BRACKETS(X) X(1) X(2) X(3) X(4) X(5) X(6) X(7)
#define UPPER_M(n) "tax.monthly_table.upper_" #n,
#define RATE_M(n) "tax.monthly_table.rate_" #n,
#define DED_M(n) "tax.monthly_table.deduction_" #n,
#define UPPER_A(n) "tax.annual_table.upper_" #n,
#define RATE_A(n) "tax.annual_table.rate_" #n,
#define DED_A(n) "tax.annual_table.deduction_" #n,
static const char *const upper[2][7] = {{BRACKETS(UPPER_M)}, {BRACKETS(UPPER_A)}};
static const char *const rate[2][7] = {{BRACKETS(RATE_M)}, {BRACKETS(RATE_A)}};
static const char *const deduction[2][7] = {{BRACKETS(DED_M)}, {BRACKETS(DED_A)}};

/* The bracket of `amount`: the first whose upper bound it does not exceed
 * (the last has none). */
static int bracket(lsi_calc *k, int date, lsi_dec amount, int table, int *n)
{
    for (*n = 0; *n < 6; (*n)++) {
        lsi_dec top;
        lsi_tstep *step = k->step; /* bounds are read, not recorded: the chosen row is */
        k->step = NULL;
        int rc = lsi_param_static(k, upper[table][*n], date, &top);
        k->step = step;
        if (rc != 0)
            return rc;
        if (lsi_dec_cmp(amount, top) <= 0)
            break;
    }
    return 0;
}

int lsi_annuity_payout_tax(lsi_calc *k, int date, lsi_dec amount, bool annual, lsi_dec *tax)
{
    lsi_step_static(k, "payout_tax", "Income tax on the annuity payout (年金领取个人所得税)",
                    annual ? "财税〔2018〕164号 §四 (as quoted, M): a lump sum on emigration or to heirs, "
                             "taxed in full by the comprehensive annual table (《个人所得税法》第三条 附表一)"
                           : "财税〔2018〕164号 §四 (as quoted, M): not added to comprehensive income, "
                             "taxed in full by the monthly-converted table (附件)",
                    "tax = max(0, round_fen(amount × rate − quick deduction)) of the amount's bracket");
    int table = annual ? 1 : 0, n;
    lsi_dec r, d, top, exact;
    int rc = bracket(k, date, amount, table, &n);
    if (rc == 0) rc = lsi_param_static(k, upper[table][n < 6 ? n : 5], date, &top);
    if (rc == 0) rc = lsi_param_static(k, rate[table][n], date, &r);
    if (rc == 0) rc = lsi_param_static(k, deduction[table][n], date, &d);
    if (rc != 0)
        return rc;
    lsi_step_value(k, "amount", amount);
    lsi_step_value(k, "bracket", lsi_dec_from_int(n + 1));
    rc = lsi_dec_mul(amount, r, &exact);
    if (rc == 0) rc = lsi_dec_sub(exact, d, &exact);
    if (rc != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "payout", "tax out of range");
    if (lsi_dec_is_negative(exact))
        exact = lsi_dec_from_int(0);
    return lsi_step_round(k, exact, &LSI_ROUND_FEN, tax);
}

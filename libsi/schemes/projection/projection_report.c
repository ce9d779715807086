/*
 * The report of a fund projection: per year contributors, retirees,
 * dependency ratio, income, expenditure, balance, reserve months, PAYG cost
 * rate and income rate; the depletion year; the present-value actuarial
 * balance; the unemployment fund's payable months (可支付月数).
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "projection_internal.h"

void lsi_projection_put(lsi_calc *k, lsi_json *o, const char *key, lsi_dec v)
{
    char buf[LIBSI_DECIMAL_MAX + 1];
    lsi_dec_format(v, buf);
    k->oom |= !lsi_json_put_str(k->arena, o, key, buf);
}

lsi_dec lsi_projection_ratio(lsi_dec a, lsi_dec b, const lsi_rounding *rule)
{
    lsi_dec out = {0, 0};
    if (!lsi_dec_is_zero(b))
        lsi_dec_div_round(a, b, rule, &out, NULL);
    return out;
}

static lsi_dec monthly(lsi_dec expenditure)
{
    return lsi_projection_ratio(expenditure, lsi_dec_from_int(12), &LSI_ROUND_FEN);
}

lsi_dec lsi_projection_reserve_months(lsi_dec fund, lsi_dec expenditure)
{
    return lsi_projection_ratio(fund, monthly(expenditure), &LSI_ROUND_TENTH);
}

lsi_dec lsi_projection_cost_rate(lsi_dec expenditure, lsi_dec wage_bill)
{
    return lsi_projection_ratio(expenditure, wage_bill, &LSI_ROUND_RATIO);
}

lsi_json *lsi_projection_year_row(lsi_calc *k, int year)
{
    lsi_json *o = lsi_json_new(k->arena, LSI_J_OBJECT, NULL);
    char text[16];
    snprintf(text, sizeof text, "%d", year);
    k->oom |= !o || !lsi_json_put_raw(k->arena, o, "year", text);
    return o;
}

void lsi_projection_put_fund(lsi_calc *k, lsi_json *o, lsi_dec income, lsi_dec expenditure,
                             lsi_dec fund, lsi_dec wage_bill)
{
    lsi_projection_put(k, o, "contribution_income", income);
    lsi_projection_put(k, o, "expenditure", expenditure);
    lsi_projection_put(k, o, "balance", fund);
    lsi_projection_put(k, o, "reserve_months", lsi_projection_reserve_months(fund, expenditure));
    lsi_projection_put(k, o, "payg_cost_rate", lsi_projection_cost_rate(expenditure, wage_bill));
}

/* The monthly expenditure per retiree, to the fen. */
static lsi_dec average_pension(const year_row *y)
{
    return lsi_projection_ratio(monthly(y->expenditure), y->retirees, &LSI_ROUND_FEN);
}

static lsi_json *row_json(lsi_calc *k, const year_row *y)
{
    lsi_json *o = lsi_projection_year_row(k, y->year);
    lsi_dec persons;
    lsi_dec_round(y->contributors, &LSI_ROUND_YUAN, &persons, NULL);
    lsi_projection_put(k, o, "contributors", persons);
    lsi_dec_round(y->retirees, &LSI_ROUND_YUAN, &persons, NULL);
    lsi_projection_put(k, o, "retirees", persons);
    lsi_projection_put(k, o, "dependency_ratio",
                       lsi_projection_ratio(y->retirees, y->contributors, &LSI_ROUND_RATIO));
    lsi_projection_put(k, o, "average_wage", y->wage);
    lsi_projection_put(k, o, "calculation_base", y->cbase);
    lsi_projection_put(k, o, "average_pension", average_pension(y));
    lsi_projection_put_fund(k, o, y->income, y->expenditure, y->fund, y->wage_bill);
    lsi_projection_put(k, o, "income_rate",
                       lsi_projection_ratio(y->income, y->wage_bill, &LSI_ROUND_RATIO));
    return o;
}

/* fund roll-forward F = F + C − B + S */
/* (F0 + Σ v^t (income − expenditure + subsidies)) / Σ v^t wage bill, v = 1/(1+i). */
static int actuarial_balance(lsi_calc *k, const lsi_scenario *s, const year_row *rows, int n,
                             lsi_dec *out)
{
    lsi_step(k, actuarial_balance);
    lsi_dec v = lsi_dec_from_int(1), one_i, num = s->balance, den = {0, 0}, x;
    int rc = lsi_dec_add(lsi_dec_from_int(1), s->fund_return, &one_i);
    for (int t = 1; t < n && rc == 0; t++) {
        rc = lsi_dec_div_round(v, one_i, &LSI_ROUND_EXACT_12, &v, NULL);
        if (rc == 0) rc = lsi_dec_sub(rows[t].income, rows[t].expenditure, &x);
        if (rc == 0) rc = lsi_dec_add(x, s->subsidies, &x);
        if (rc == 0) rc = lsi_dec_mul_round(x, v, &LSI_ROUND_FEN, &x, NULL);
        if (rc == 0) rc = lsi_dec_add(num, x, &num);
        if (rc == 0) rc = lsi_dec_mul_round(rows[t].wage_bill, v, &LSI_ROUND_FEN, &x, NULL);
        if (rc == 0) rc = lsi_dec_add(den, x, &den);
    }
    if (rc != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "scenario", "actuarial balance out of range");
    lsi_step_value(k, "pv_net_flows_plus_fund", num);
    lsi_step_value(k, "pv_wage_bill", den);
    *out = lsi_projection_ratio(num, den, &LSI_ROUND_RATIO);
    lsi_step_result(k, *out);
    return 0;
}

/* 可支付月数 = balance / (insured × claim rate × benefit), benefit = 90 % of the
 * city's minimum wage of the base year (《广东省失业保险条例》第十九条). */
static int payable_months(lsi_calc *k, const lsi_scenario *s, lsi_dec *months)
{
    lsi_step(k, unemployment_payable_months);
    lsi_dec wage, rate, benefit = s->ui_benefit, claims, spend;
    int date = s->base_year * 10000 + 701, rc = 0;
    if (s->ui_benefit_given) {
        lsi_step_note(k, "the scenario gives the monthly benefit (override)");
        lsi_step_flag(k, LIBSI_FLAG_OVERRIDE);
    } else {
        rc = lsi_param(k, "minimum_wage.monthly", date, &wage);
        if (rc == 0) rc = lsi_param(k, "unemployment.benefit.rate", date, &rate);
        if (rc == 0) rc = lsi_dec_mul(wage, rate, &benefit);
    }
    if (rc == 0) rc = lsi_dec_mul(s->ui_insured, s->ui_claim_rate, &claims);
    if (rc == 0) rc = lsi_dec_mul(claims, benefit, &spend);
    if (rc != 0)
        return rc == LIBSI_ERANGE ? lsi_fail(k->ctx, rc, "scenario", "out of range") : rc;
    lsi_step_value(k, "monthly_benefit", benefit);
    lsi_step_value(k, "monthly_spending", spend);
    *months = lsi_projection_ratio(s->ui_balance, spend, &LSI_ROUND_TENTH);
    lsi_step_result(k, *months);
    return 0;
}

/* fund balance below zero */
static int depletion(lsi_calc *k, const year_row *rows, int n)
{
    lsi_step(k, depletion_year);
    for (int t = 0; t < n; t++) {
        if (lsi_dec_is_negative(rows[t].fund)) {
            char year[16];
            snprintf(year, sizeof year, "%d", rows[t].year);
            lsi_step_text(k, "year", year);
            return lsi_out_text(k, "depletion_year", year);
        }
    }
    lsi_step_text(k, "year", "none");
    return lsi_out_text(k, "depletion_year", "none");
}

static int table(lsi_calc *k, const year_row *rows, int n)
{
    lsi_json *arr = lsi_json_new(k->arena, LSI_J_ARRAY, NULL);
    for (int t = 0; t < n; t++)
        k->oom |= !lsi_json_push(arr, row_json(k, &rows[t]));
    return lsi_projection_out_json(k, "table", arr);
}

int lsi_projection_out_json(lsi_calc *k, const char *name, lsi_json *arr)
{
    lsi_sb sb;
    lsi_sb_init(&sb, &k->ctx->alloc);
    if (arr)
        lsi_json_write(&sb, arr);
    char *text = lsi_sb_take(&sb);
    if (!text || k->oom) {
        lsi_free(&k->ctx->alloc, text);
        return lsi_fail(k->ctx, LIBSI_ENOMEM, name, "out of memory");
    }
    int rc = lsi_out_text(k, name, text);
    lsi_free(&k->ctx->alloc, text);
    return rc;
}

int lsi_projection_report(lsi_calc *k, const lsi_scenario *s, const year_row *rows, int n)
{
    lsi_dec ab, months, avg;
    int rc = depletion(k, rows, n);
    if (rc == 0) rc = actuarial_balance(k, s, rows, n, &ab);
    if (rc == 0) rc = payable_months(k, s, &months);
    if (rc == 0) rc = table(k, rows, n);
    avg = average_pension(&rows[0]);
    if (rc == 0) rc = lsi_out_dec(k, "actuarial_balance", ab);
    if (rc == 0) rc = lsi_out_dec(k, "unemployment_payable_months", months);
    if (rc == 0) rc = lsi_out_dec(k, "base_year_participants", s->participants);
    if (rc == 0) rc = lsi_out_dec(k, "base_year_average_pension", avg);
    if (rc == 0) rc = lsi_out_dec(k, "final_balance", rows[n - 1].fund);
    return rc;
}

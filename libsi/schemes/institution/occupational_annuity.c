/*
 * The occupational annuity (职业年金) of one member of staff, 国办发〔2015〕18号:
 *
 *  - credits: employer 8 % and employee 4 % of each month's base (第四条、第七条),
 *    each to the fen; the employee part is always real (实账); the employer
 *    part is notional (记账) for a fully budget-funded unit, real otherwise
 *    (第六条);
 *  - crediting: the notional part earns the yearly national 记账利率 (第六条;
 *    the rates were not found: rule value NF stand-in, or the input
 *    notional_rate); the real part earns the plan's actual return (the
 *    history's crediting_rate column for the year, else the input
 *    real_return).  Interest is credited at the close of each year on the
 *    opening balance; the year's own credits earn none that year (the named
 *    enterprise rule credits_no_interest; the annuity rule was not found);
 *  - 做实: at the conversion month (conversion_month; Guangdong's schedule was
 *    not found) or at the latest at retirement (第六条: "退休前…由同级财政予以
 *    记实"), the notional balance moves to the real part together with the
 *    fiscal interest subsidy (财政贴息) for the months of the year already
 *    elapsed: round_fen(opening notional × notional rate × elapsed / 12);
 *    from the conversion month the employer credits are real;
 *  - payout (第九条 as quoted): monthly = round_fen(balance ÷ 计发月数 of the
 *    age at retirement, the basic-pension divisor, lsi_divisor_for_age), or a
 *    lump sum on emigration, to heirs, or to buy a commercial annuity;
 *  - tax on the payout: annuity_tax.c (财税〔2018〕164号 §四).
 */
#include <stdio.h>
#include <string.h>

#include "institution_internal.h"
#include "pension_internal.h"
#include "retirement_age.h"

enum payout { PAY_MONTHLY = 0, PAY_EMIGRATION = 1, PAY_HEIRS = 2, PAY_COMMERCIAL = 3 };

typedef struct annuity {
    int funding, payout, birth_month, retire_month, date, conversion; /* conversion: month or -1 */
    lsi_dec notional, real, employer, employee, converted, subsidy, interest;
    lsi_dec balance, divisor, amount, tax;
    bool converted_early;
    lsi_json *years;    /* [{notional, real, year}] at each year's close */
} annuity;


/* --------------------------------------------------------- the year */

static int credit(lsi_calc *k, const char *rate_name, int date, lsi_dec base, lsi_dec *acc,
                  lsi_dec *total)
{
    lsi_dec r, c;
    int rc = lsi_param_static(k, rate_name, date, &r);
    if (rc == 0) rc = lsi_dec_mul_round(base, r, &LSI_ROUND_FEN, &c, NULL);
    if (rc == 0) rc = lsi_dec_add(*acc, c, acc);
    if (rc == 0) rc = lsi_dec_add(*total, c, total);
    return rc == LIBSI_ERANGE ? lsi_in_invalid(k, "history", "base out of range") : rc;
}

/* The notional rate of the year `date` falls in: the input, else the rule value. */
static int notional_rate(lsi_calc *k, int date, lsi_dec *r)
{
    if (!lsi_in_present(k, "notional_rate"))
        return lsi_param(k, "occupational_annuity.notional_rate", date, r);
    lsi_step_flag(k, LIBSI_FLAG_OVERRIDE);
    return lsi_in_dec(k, "notional_rate", r);
}

/* The real part's return of `year`: the history's rate for the year, else real_return. */
static int real_rate(lsi_calc *k, const lsi_history *h, int year, lsi_dec *r)
{
    for (size_t i = 0; i < h->n; i++)
        if (h->m[i].month / 12 == year && h->m[i].has_rate) {
            *r = h->m[i].rate;
            return 0;
        }
    if (lsi_in_present(k, "real_return"))
        return lsi_in_dec(k, "real_return", r);
    return lsi_fail(k->ctx, LIBSI_EINPUT, "real_return",
                    "input 'real_return' is required: the real part earns the plan's actual return "
                    "(国办发〔2015〕18号第六条) and the history gives none for %d", year);
}

/* balance × rate × months / 12, to the fen. */
static int interest(lsi_dec balance, lsi_dec rate, int months, lsi_dec *out)
{
    lsi_dec x;
    int rc = lsi_dec_mul(balance, rate, &x);
    if (rc == 0) rc = lsi_dec_mul(x, lsi_dec_from_int(months), &x);
    return rc ? rc : lsi_dec_div_round(x, lsi_dec_from_int(12), &LSI_ROUND_FEN, out, NULL);
}

/* 做实: the notional balance and the subsidy for the elapsed months move to
 * the real part; recorded as a line of the current step. */
static int conversion(lsi_calc *k, annuity *a, lsi_dec opening, int month)
{
    lsi_dec r = {0, 0};
    int elapsed = month % 12;
    lsi_step_flag(k, LIBSI_FLAG_LOW_CONFIDENCE);
    int rc = elapsed > 0 && !lsi_dec_is_zero(opening)
                 ? notional_rate(k, lsi_month_first_day(month), &r)
                 : 0;
    if (rc == 0) rc = interest(opening, r, elapsed, &a->subsidy);
    if (rc == 0) rc = lsi_dec_add(a->notional, a->subsidy, &a->converted);
    if (rc == 0) rc = lsi_dec_add(a->real, a->converted, &a->real);
    if (rc != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "history", "balance out of range");
    if (k->step) {
        char m[8], line[200], n[48], sub[48], c[48];
        lsi_month_format(month, m);
        lsi_dec_format(a->notional, n);
        lsi_dec_format(a->subsidy, sub);
        lsi_dec_format(a->converted, c);
        snprintf(line, sizeof line, "notional %s + subsidy %s (%d months elapsed) = %s made real",
                 n, sub, elapsed, c);
        lsi_step_text(k, m, line);
    }
    a->notional = LSI_ZERO_FEN;
    return 0;
}

/* The year's credits, month by month up to `until` (exclusive). */
static int year_credits(lsi_calc *k, annuity *a, const lsi_history *h, size_t *i, int year,
                        int until, lsi_dec opening_notional, bool *converted)
{
    for (; *i < h->n && h->m[*i].month / 12 == year && h->m[*i].month < until; (*i)++) {
        const lsi_history_month *m = &h->m[*i];
        int date = lsi_month_first_day(m->month), rc = 0;
        if (m->month >= a->conversion && a->conversion >= 0 && !a->converted_early) {
            rc = conversion(k, a, opening_notional, a->conversion);
            a->converted_early = *converted = true;
        }
        bool notional = a->funding == LSI_FUNDING_FULL && !a->converted_early;
        if (rc == 0)
            rc = credit(k, "occupational_annuity.rate.employer", date, m->base,
                        notional ? &a->notional : &a->real, &a->employer);
        if (rc == 0)
            rc = credit(k, "occupational_annuity.rate.employee", date, m->base, &a->real,
                        &a->employee);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Interest on the opening balances for `months` of the year. */
static int year_interest(lsi_calc *k, annuity *a, const lsi_history *h, int year, int months,
                         lsi_dec on, lsi_dec ro, bool converted)
{
    lsi_dec rn = {0, 0}, rr = {0, 0}, in = LSI_ZERO_FEN, ir = LSI_ZERO_FEN;
    int rc = 0;
    if (!lsi_dec_is_zero(on) && !converted) {
        rc = notional_rate(k, year * 10000 + 101 < LSI_IP_REFORM_YMD ? LSI_IP_REFORM_YMD
                                                                   : year * 10000 + 101, &rn);
        if (rc == 0) rc = interest(on, rn, months, &in);
    }
    if (rc == 0 && !lsi_dec_is_zero(ro)) {
        rc = real_rate(k, h, year, &rr);
        if (rc == 0) rc = interest(ro, rr, months, &ir);
    }
    if (rc == 0) rc = lsi_dec_add(a->notional, in, &a->notional);
    if (rc == 0) rc = lsi_dec_add(a->real, ir, &a->real);
    if (rc == 0) rc = lsi_dec_add(a->interest, in, &a->interest);
    if (rc == 0) rc = lsi_dec_add(a->interest, ir, &a->interest);
    return rc == LIBSI_ERANGE ? lsi_in_invalid(k, "history", "balance out of range") : rc;
}

/* The year's closing balances: a line of the trace and an element of `years`. */
static void record_year(lsi_calc *k, int year, annuity *a)
{
    char label[16], line[160], n[LIBSI_DECIMAL_MAX + 1], r[LIBSI_DECIMAL_MAX + 1];
    snprintf(label, sizeof label, "%04d", year);
    lsi_dec_format(a->notional, n);
    lsi_dec_format(a->real, r);
    lsi_json *o = lsi_json_new(k->arena, LSI_J_OBJECT, NULL);
    k->oom |= !o || !lsi_json_put_str(k->arena, o, "notional", n) ||
              !lsi_json_put_str(k->arena, o, "real", r) ||
              !lsi_json_put_str(k->arena, o, "year", label) || !lsi_json_push(a->years, o);
    if (!k->step)
        return;
    snprintf(line, sizeof line, "notional %s, real %s", n, r);
    lsi_step_text(k, label, line);
}

/* 国办发〔2015〕18号第四条、第六条、第七条; notional rate NF; real part at the plan's return */
static int accumulate(lsi_calc *k, annuity *a, const lsi_history *h)
{
    lsi_step(k, annuity_account);
    size_t i = 0;
    int last = a->retire_month / 12;
    a->years = lsi_json_new(k->arena, LSI_J_ARRAY, NULL);
    if (!a->years)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "history", "out of memory");
    for (int year = h->m[0].month / 12; year <= last; year++) {
        lsi_dec on = a->notional, ro = a->real;
        bool converted = false;
        int months = year < last ? 12 : a->retire_month % 12;
        int rc = year_credits(k, a, h, &i, year, a->retire_month, on, &converted);
        if (rc == 0 && !a->converted_early && a->conversion >= 0 && a->conversion / 12 == year) {
            rc = conversion(k, a, on, a->conversion); /* no history month from it in the year */
            a->converted_early = converted = true;
        }
        if (rc == 0 && months > 0) rc = year_interest(k, a, h, year, months, on, ro, converted);
        if (rc != 0)
            return rc;
        record_year(k, year, a);
    }
    lsi_step_value(k, "employer_credits", a->employer);
    lsi_step_value(k, "employee_credits", a->employee);
    lsi_step_value(k, "interest", a->interest);
    return 0;
}

/* 第六条: whatever is still notional is made real at retirement. */
static int at_retirement(lsi_calc *k, annuity *a)
{
    if (a->funding != LSI_FUNDING_FULL || a->converted_early)
        return 0;
    lsi_step(k, conversion_at_retirement);
    int rc = conversion(k, a, LSI_ZERO_FEN, a->retire_month);
    if (rc == 0) lsi_step_result(k, a->converted);
    return rc;
}

/* ----------------------------------------------------------- payout */

/* 国办发〔2015〕18号第九条: on emigration, to heirs, or the whole balance to buy a ... */
static int payout(lsi_calc *k, annuity *a)
{
    if (lsi_dec_add(a->notional, a->real, &a->balance) != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "history", "balance out of range");
    if (a->payout != PAY_MONTHLY) {
        lsi_step(k, lump_sum);
        a->amount = a->balance;
        lsi_step_result(k, a->amount);
        return 0;
    }
    int rc = lsi_divisor_for_age(k, a->date, a->retire_month - a->birth_month, &a->divisor);
    if (rc != 0)
        return rc;
    lsi_step(k, monthly_annuity);
    lsi_step_value(k, "balance", a->balance);
    lsi_step_value(k, "divisor", a->divisor);
    return lsi_step_round_div(k, a->balance, a->divisor, &LSI_ROUND_FEN, &a->amount);
}

/* 财税〔2018〕164号 §四: the balance moves to the insurer */
static int payout_tax(lsi_calc *k, annuity *a)
{
    if (a->payout == PAY_COMMERCIAL) {
        lsi_step(k, payout_tax);
        a->tax = LSI_ZERO_FEN;
        lsi_step_result(k, a->tax);
        return 0;
    }
    bool annual = a->payout == PAY_EMIGRATION || a->payout == PAY_HEIRS;
    return lsi_annuity_payout_tax(k, a->date, a->amount, annual, &a->tax);
}

/* ------------------------------------------------------------- run */

static int read_case(lsi_calc *k, annuity *a)
{
    lsi_retirement_age stat;
    int birth, rc = lsi_in_retirement(k, &stat, &birth);
    if (rc == 0) rc = lsi_in_choice(k, "funding", &a->funding);
    if (rc == 0) rc = lsi_in_choice(k, "payout", &a->payout);
    if (rc != 0)
        return rc;
    a->birth_month = lsi_date_month_index(birth);
    a->retire_month = stat.month_index;
    if (lsi_in_present(k, "retirement_date")) {
        rc = lsi_in_month(k, "retirement_date", &a->retire_month);
        if (rc == 0 && (a->retire_month < stat.earliest_month || a->retire_month > stat.latest_month))
            rc = lsi_in_invalid(k, "retirement_date", "outside the flexible window (办法第三条)");
    }
    a->conversion = -1;
    if (rc == 0 && lsi_in_present(k, "conversion_month")) {
        rc = lsi_in_month(k, "conversion_month", &a->conversion);
        if (rc == 0 && a->funding != LSI_FUNDING_FULL)
            rc = lsi_in_invalid(k, "conversion_month", "only a fully budget-funded unit's "
                                                       "employer part is notional (第六条)");
        if (rc == 0 && a->conversion >= a->retire_month)
            rc = lsi_in_invalid(k, "conversion_month", "must be before the retirement month");
    }
    a->date = lsi_month_first_day(a->retire_month);
    return rc;
}

static int rates_inputs(lsi_calc *k)
{
    static const char *const names[] = {"notional_rate", "real_return"};
    for (size_t i = 0; i < 2; i++) {
        lsi_dec v;
        if (!lsi_in_present(k, names[i]))
            continue;
        int rc = lsi_in_dec(k, names[i], &v);
        if (rc == 0)
            rc = lsi_check_open_range(k, names[i], v, -1, 1, "a yearly rate of return");
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int read_history(lsi_calc *k, annuity *a, lsi_history *h)
{
    int rc = lsi_ip_history_read(k, h);
    if (rc != 0)
        return rc;
    if (h->m[0].month < LSI_IP_REFORM_MONTH)
        return lsi_in_invalid(k, "history", "the annuity starts 2014-10 (国办发〔2015〕18号)");
    if (h->m[h->n - 1].month >= a->retire_month)
        return lsi_in_invalid(k, "history", "months from the retirement month on are not "
                                            "contribution months");
    if (a->conversion >= 0 && a->conversion < h->m[0].month)
        return lsi_in_invalid(k, "conversion_month", "before the history's first month");
    lsi_months_bound b;
    rc = lsi_working_months(k, lsi_month_first_day(a->birth_month), a->retire_month,
                            "the retirement month", &b);
    return rc ? rc : lsi_check_months(k, "history", (int64_t)h->n, &b);
}

static const char *const tax_rules[] = {
    "财税〔2018〕164号 §四: monthly payout, monthly-converted table",
    "财税〔2018〕164号 §四: lump sum on emigration, annual table",
    "财税〔2018〕164号 §四: lump sum to heirs, annual table",
    "财税〔2018〕164号 §四: commercial product bought, taxed on its payouts"};

static int years_output(lsi_calc *k, const annuity *a)
{
    lsi_sb sb;
    lsi_sb_init(&sb, &k->ctx->alloc);
    lsi_json_write(&sb, a->years);
    char *json = lsi_sb_take(&sb);
    if (!json)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "history", "out of memory");
    int rc = lsi_out_text(k, "years", json);
    lsi_free(&k->ctx->alloc, json);
    return rc;
}

static int outputs(lsi_calc *k, const annuity *a)
{
    lsi_dec net;
    int rc = years_output(k, a);
    if (rc == 0) rc = lsi_dec_sub(a->amount, a->tax, &net);
    const lsi_named_dec out[] = {
        {"employer_credits", a->employer}, {"employee_credits", a->employee},
        {"interest", a->interest}, {"converted", a->converted}, {"conversion_subsidy", a->subsidy},
        {"balance", a->balance}, {"tax", a->tax}, {"net", net}};
    if (rc == 0) rc = lsi_out_decs(k, out, sizeof out / sizeof out[0]);
    if (rc == 0)
        rc = lsi_out_dec(k, a->payout == PAY_MONTHLY ? "monthly_annuity" : "lump_sum", a->amount);
    if (rc == 0 && a->payout == PAY_MONTHLY) rc = lsi_out_dec(k, "divisor", a->divisor);
    if (rc == 0) rc = lsi_out_text(k, "tax_rule", tax_rules[a->payout]);
    if (rc == 0) rc = lsi_out_month(k, "retirement_date", a->retire_month);
    return rc ? rc : lsi_out_age(k, "retirement_age", a->retire_month - a->birth_month);
}

static int run(lsi_calc *k)
{
    annuity a;
    lsi_history h;
    memset(&a, 0, sizeof a);
    a.notional = a.real = a.employer = a.employee = LSI_ZERO_FEN;
    a.converted = a.subsidy = a.interest = LSI_ZERO_FEN;
    a.divisor = lsi_dec_from_int(0);
    int rc = read_case(k, &a);
    if (rc == 0) rc = rates_inputs(k);
    if (rc == 0) rc = read_history(k, &a, &h);
    if (rc == 0) rc = accumulate(k, &a, &h);
    if (rc == 0) rc = at_retirement(k, &a);
    if (rc == 0) rc = payout(k, &a);
    if (rc == 0) rc = payout_tax(k, &a);
    return rc ? rc : outputs(k, &a);
}

/* -------------------- descriptor (schema: data/schemas/institution.tsv) */

const lsi_scheme lsi_scheme_occupational_annuity = LSI_SCHEME(occupational_annuity, run);

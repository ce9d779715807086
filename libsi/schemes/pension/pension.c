/*
 * The monthly pension of a new retiree of the Guangdong enterprise employee
 * basic pension (企业职工基本养老保险), as an approval form (养老金核定表)
 * shows it:
 *
 *   total = basic pension + account pension + transitional pension
 *         + transition adjustment + supplements,
 *
 * each component rounded to the fen and the total the sum of the rounded
 * components (agency practice seen on approval forms (养老金核定表), conf. M).  The person's record comes
 * either as summary figures (months, average index, account balance) or as a
 * monthly history; both paths meet in the same statutory steps.
 *
 * Legal basis: 国发〔2005〕38号 (formula, divisor table); 国务院《关于渐进式
 * 延迟法定退休年龄的办法》第一条–第三条 (retirement age, minimum years);
 * 粤府函〔2021〕294号 (transitional pension, new method); 粤劳电〔2009〕32号
 * and 粤人社〔2014〕8号 (supplements).  Details and confidence: docs/pension.md.
 */
#include "pension_internal.h"
#include "retirement_age.h"

/* A case's figures, each written by the step that finds it before any step
 * reads it (run clears only the record's counts, not the whole struct). */
typedef struct pension_case {
    lsi_retirement_age stat;
    int birth, birth_month, retire_month, date; /* date: first day of the retirement month */
    bool history;                               /* the record is a monthly history */
    int first_month;                            /* of a history */
    int64_t months, deemed, total_months, minimum;
    lsi_dec z, balance, c;
    lsi_dec basic, account, old_method, new_method, adjustment, supplements;
} pension_case;

/* --------------------------------------------------- retirement age */

/* 国务院《关于渐进式延迟法定退休年龄的办法》第一条 (附件1–3) */
static int statutory_retirement_age(lsi_calc *k, pension_case *p)
{
    lsi_step(k, statutory_retirement_age);
    int rc = lsi_in_retirement(k, &p->stat, &p->birth);
    if (rc != 0)
        return rc;
    p->birth_month = p->stat.month_index - p->stat.age_months; /* (no date to take apart) */
    lsi_step_age(k, "statutory_age", p->stat.age_months);
    lsi_step_value(k, "delay_months", lsi_dec_from_int(p->stat.delay_months));
    rc = lsi_out_age_of(k, pension, statutory_retirement_age, p->stat.age_months);
    return rc ? rc : lsi_out_month_of(k, pension, statutory_retirement_date, p->stat.month_index);
}

/* 办法第三条: a requested month must lie in the flexible window. */
static int retirement_month(lsi_calc *k, pension_case *p)
{
    lsi_step(k, pension_retirement_month);
    p->retire_month = p->stat.month_index;
    if (lsi_in_present_of(k, pension, retirement_date)) {
        int rc = lsi_in_month_of(k, pension, retirement_date, &p->retire_month);
        if (rc != 0)
            return rc;
        if (p->retire_month < p->stat.earliest_month || p->retire_month > p->stat.latest_month) {
            char lo[8], hi[8];
            lsi_month_format(p->stat.earliest_month, lo);
            lsi_month_format(p->stat.latest_month, hi);
            return lsi_in_invalid(k, "retirement_date",
                                  "outside the flexible window %s .. %s (办法第三条)", lo, hi);
        }
    }
    p->date = lsi_month_first_day(p->retire_month);
    lsi_step_month(k, "retirement_month", p->retire_month);
    int rc = lsi_out_month_of(k, pension, retirement_date, p->retire_month);
    return rc ? rc : lsi_out_age_of(k, pension, retirement_age, p->retire_month - p->birth_month);
}

/* 办法第二条: 15 years until 2029, +6 months a year from 2030 to 20 years. */
static int minimum_contribution(lsi_calc *k, pension_case *p)
{
    lsi_step(k, pension_minimum_contribution_months);
    return lsi_minimum_months(k, p->date, &p->minimum);
}

int lsi_minimum_months(lsi_calc *k, int date, int64_t *minimum)
{
    lsi_dec min;
    int rc = lsi_param(k, "pension.minimum_contribution_months", date, &min);
    if (rc == 0) rc = lsi_dec_to_int64(min, minimum);
    if (rc != 0)
        return rc;
    lsi_step_result(k, min);
    return lsi_out_dec_of(k, pension, minimum_contribution_months, min); /* (another scheme: by name) */
}

/* ------------------------------------------------------------ record */

/* The decimal input `name` (by its index), refused when negative. */
#define nonnegative_input(k, name, v) \
    nonnegative_at((k), LSI_IN_SLOT(k, pension, name), "" #name "", (v))
static int nonnegative_at(lsi_calc *k, const lsi_in *in, const char *name, lsi_dec *v)
{
    int rc = lsi_in_dec_at(k, in, name, v); /* (every one a decimal input: see the assert) */
    if (rc == 0 && lsi_dec_is_negative(*v))
        rc = lsi_in_invalid(k, name, "must not be negative");
    return rc;
}
_Static_assert((int)LSI_INTYPE_pension__average_index == (int)LIBSI_TYPE_DECIMAL &&
               (int)LSI_INTYPE_pension__account_balance == (int)LIBSI_TYPE_DECIMAL &&
               (int)LSI_INTYPE_pension__transition_years == (int)LIBSI_TYPE_DECIMAL &&
               (int)LSI_INTYPE_pension__calculation_base == (int)LIBSI_TYPE_DECIMAL,
               "nonnegative_input reads decimals");

/* ------------------------------------------------------ plausibility */

/* 《劳动法》第十五条: no month of the record before age 16 — the first month
 * of a history, and the months of the summary, actual and deemed together,
 * fit between that age and the retirement month. */
static int working_life(lsi_calc *k, const pension_case *p, const lsi_months_bound *b)
{
    const char *field = p->history ? "history" : "contribution_months";
    int rc = lsi_check_months(k, field, p->months, b);
    if (rc == 0) rc = lsi_check_months(k, "deemed_months", p->deemed, b);
    if (rc != 0 || p->months + p->deemed <= b->max)
        return rc;
    char why[200];
    lsi_months_why(b, why, sizeof why);
    return lsi_fail(k->ctx, LIBSI_ERANGE, "deemed_months",
                    "input 'deemed_months': %lld deemed and %lld contribution months make %lld, "
                    "above the maximum %lld (%s)", (long long)p->deemed, (long long)p->months,
                    (long long)(p->months + p->deemed), (long long)b->max, why);
}

/* A history must not begin before the earliest working age. */
static int history_start(lsi_calc *k, const pension_case *p, const lsi_months_bound *b)
{
    if (!p->history || p->first_month >= p->retire_month - b->max)
        return 0;
    char m[8], why[200];
    lsi_month_format(p->first_month, m);
    lsi_months_why(b, why, sizeof why);
    return lsi_fail(k->ctx, LIBSI_ERANGE, "history",
                    "input 'history': its first month %s is before %s", m, why);
}

/* Z of the summary path within [pension.average_index.min, .max]: the 300 %
 * ceiling of the contribution wage (劳办发〔1997〕116号, 国办发〔2019〕13号 §三)
 * and the lowest floor ratio (rule data, L).  The Z read is the case's
 * (record_from_summary does not read it again). */
static int plausible_index(lsi_calc *k, pension_case *p)
{
    if (!lsi_in_present_of(k, pension, average_index))
        return 0;
    int rc = nonnegative_input(k, average_index, &p->z);
    return rc ? rc : lsi_check_rule_range(k, "average_index", p->z, "pension.average_index.min",
                                          "pension.average_index.max", p->date);
}

/* 粤府函〔2021〕294号 (as quoted): W weights each transitional year — deemed
 * years and the actual years before the accounts opened in 1998-07 (at most
 * 54 months from 1994-01, 粤府〔1998〕21号) — by its index, at most
 * pension.average_index.max: W ≤ max × (deemed + min(54, actual)) / 12. */
static int plausible_transition(lsi_calc *k, const pension_case *p)
{
    lsi_dec w, top, limit;
    if (!lsi_in_present_of(k, pension, transition_years))
        return 0;
    int64_t early = p->months < 54 ? p->months : 54;
    int rc = nonnegative_input(k, transition_years, &w);
    if (rc == 0) rc = lsi_bound(k, "pension.average_index.max", p->date, &top, NULL);
    if (rc == 0) rc = lsi_dec_mul(top, lsi_dec_from_int(p->deemed + early), &limit);
    if (rc != 0)
        return rc;
    lsi_dec w12;
    if (lsi_dec_mul(w, lsi_dec_from_int(12), &w12) == 0 && lsi_dec_cmp(w12, limit) <= 0)
        return 0;
    char bound[LIBSI_DECIMAL_MAX + 1], given[LIBSI_DECIMAL_MAX + 1], index[LIBSI_DECIMAL_MAX + 1];
    lsi_dec_div_round(limit, lsi_dec_from_int(12), &LSI_ROUND_FEN, &limit, NULL);
    lsi_dec_format(limit, bound);
    lsi_dec_format(w, given);
    lsi_dec_format(top, index);
    return lsi_fail(k->ctx, LIBSI_ERANGE, "transition_years",
                    "input 'transition_years': %s is above the maximum %s: each transitional year "
                    "weighs at most the index %s (pension.average_index.max) over %lld deemed "
                    "months and %lld actual months before 1998-07 (粤府函〔2021〕294号)", given,
                    bound, index, (long long)p->deemed, (long long)early);
}

/* C given as an override: a positive average wage below the plausibility
 * ceiling pension.calculation_base.max (rule data). */
static int plausible_base(lsi_calc *k, const pension_case *p)
{
    lsi_dec c;
    if (!lsi_in_present_of(k, pension, calculation_base))
        return 0;
    int rc = nonnegative_input(k, calculation_base, &c);
    if (rc == 0)
        rc = lsi_check_positive(k, "calculation_base", c,
                                "a calculation base is an average monthly wage");
    if (rc == 0 && !k->model) /* a projection's nominal base of a far year is its own */
        rc = lsi_check_rule_range(k, "calculation_base", c, NULL, "pension.calculation_base.max",
                                  p->date);
    return rc;
}

static int plausible_record(lsi_calc *k, pension_case *p)
{
    lsi_months_bound b;
    int rc = lsi_working_months(k, p->birth, p->retire_month, "the retirement month", &b);
    if (rc == 0) rc = history_start(k, p, &b);
    if (rc == 0) rc = working_life(k, p, &b);
    if (rc == 0) rc = plausible_index(k, p);
    if (rc == 0) rc = plausible_base(k, p);
    return rc ? rc : plausible_transition(k, p);
}

static const char *const summary_inputs[] = {"contribution_months", "average_index",
                                             "account_balance"};
static const int summary_slots[] = {LSI_IN_pension__contribution_months,
                                    LSI_IN_pension__average_index, LSI_IN_pension__account_balance};

static int record_from_history(lsi_calc *k, pension_case *p)
{
    lsi_history h;
    int rule;
    lsi_dec opening;
    int rc = lsi_history_alone(k, summary_inputs, 3);
    if (rc == 0) rc = lsi_history_read(k, "history", &h);
    if (rc == 0) rc = lsi_account_inputs(k, &rule, &opening);
    if (rc == 0) rc = lsi_history_before_retirement(k, &h, p->retire_month);
    if (rc != 0)
        return rc;
    p->months = (int64_t)h.contributing; /* a base of 0 is no contribution month */
    for (size_t i = h.n; i-- > 0;)
        if (!lsi_dec_is_zero(h.m[i].base))
            p->first_month = h.m[i].month;
    rc = plausible_record(k, p);
    if (rc == 0) rc = lsi_average_index(k, &h, p->retire_month, &p->z);
    return rc ? rc : lsi_account_balance(k, &h, p->retire_month - 1, (lsi_interest_rule)rule,
                                         opening, &p->balance);
}

/* The summary path needs its three figures: say so, and that a history is
 * the other way to give the record.  Figures [from, to) of summary_inputs:
 * the months before anything else, the other two once the case is eligible. */
static int summary_missing(lsi_calc *k, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!lsi_in_present_at(k, lsi_in_slot(k, lsi_schema_pension_inputs, summary_slots[i]),
                               summary_inputs[i]))
            return lsi_fail(k->ctx, LIBSI_EINPUT, summary_inputs[i],
                            "input '%s' is required: give the approval form's summary figures "
                            "(contribution_months, average_index, account_balance) or a monthly "
                            "history", summary_inputs[i]);
    return 0;
}

static int contribution_months(lsi_calc *k, pension_case *p)
{
    if (!p->history && summary_missing(k, 0, 1) != 0)
        return LIBSI_EINPUT;
    int rc = lsi_in_int_of(k, pension, deemed_months, &p->deemed);
    if (rc == 0 && !p->history)
        rc = lsi_in_int_of(k, pension, contribution_months, &p->months);
    if (rc == 0 && (p->deemed < 0 || p->months < 0))
        rc = lsi_in_invalid(k, p->deemed < 0 ? "deemed_months" : "contribution_months",
                            "must not be negative");
    return rc;
}

/* as stated on the approval form (养老金核定表); Z as plausible_index read it */
static int record_from_summary(lsi_calc *k, pension_case *p)
{
    lsi_step(k, pension_contribution_record);
    int rc = nonnegative_input(k, account_balance, &p->balance);
    if (rc == 0) {
        lsi_step_value(k, "contribution_months", lsi_dec_from_int(p->months));
        lsi_step_value(k, "average_index", p->z);
        lsi_step_value(k, "account_balance", p->balance);
    }
    return rc;
}

/* 社会保险法第十六条: short of the minimum, no pension — say by how much. */
static int eligibility(lsi_calc *k, pension_case *p, bool *eligible)
{
    lsi_step(k, pension_eligibility);
    p->total_months = p->months + p->deemed;
    *eligible = p->total_months >= p->minimum;
    return lsi_eligibility_report(k, p->total_months, p->minimum, *eligible);
}

int lsi_eligibility_report(lsi_calc *k, int64_t total_months, int64_t minimum, bool eligible)
{
    lsi_step_value(k, "total_months", lsi_dec_from_int(total_months));
    lsi_step_text(k, "eligible", eligible ? "true" : "false");
    /* (institution_pension shares this step: under its schema the outputs go by name) */
    int rc = lsi_out_dec_of(k, pension, contribution_months_total, lsi_dec_from_int(total_months));
    if (rc == 0) rc = lsi_out_bool_of(k, pension, eligible, eligible);
    if (rc == 0 && !eligible)
        rc = lsi_out_dec_of(k, pension, months_short, lsi_dec_from_int(minimum - total_months));
    return rc;
}

/* ------------------------------------------------------- components */

/* 粤人社发〔2025〕32号 §二 (provincial base for the retirement year; Shenzhen apart) */
static int calculation_base(lsi_calc *k, pension_case *p)
{
    lsi_step(k, pension_calculation_base);
    if (!lsi_in_present_of(k, pension, calculation_base)) {
        int rc = lsi_param(k, "pension.calculation_base", p->date, &p->c);
        if (rc == 0)
            lsi_step_result(k, p->c);
        return rc;
    }
    int rc = lsi_in_dec_of(k, pension, calculation_base, &p->c); /* checked by plausible_base */
    if (rc != 0)
        return rc;
    lsi_step_override(k, "override: the case gives C instead of the rule value", p->c);
    return 0;
}

/* 国发〔2005〕38号 (account balance ÷ divisor) */
static int account_pension(lsi_calc *k, pension_case *p)
{
    lsi_dec divisor;
    int rc = lsi_divisor_for_age(k, p->date, p->retire_month - p->birth_month, &divisor);
    if (rc == 0) rc = lsi_out_dec_of(k, pension, divisor, divisor);
    if (rc != 0)
        return rc;
    lsi_step(k, pension_account_pension);
    lsi_step_value(k, "balance", p->balance);
    lsi_step_value(k, "divisor", divisor);
    return lsi_step_round_div(k, p->balance, divisor, &LSI_ROUND_FEN, &p->account);
}

/* ------------------------------------------------------------- run */

static int record(lsi_calc *k, pension_case *p, bool *eligible)
{
    p->history = lsi_in_present_of(k, pension, history);
    int rc = contribution_months(k, p);
    if (rc == 0)
        rc = p->history ? record_from_history(k, p) : plausible_record(k, p);
    if (rc == 0)
        rc = eligibility(k, p, eligible);
    if (rc == 0 && *eligible && !p->history)
        rc = summary_missing(k, 1, 3) ? LIBSI_EINPUT : record_from_summary(k, p);
    return rc;
}

/* agency practice seen on approval forms: total = sum of the components, each ... */
static int totals(lsi_calc *k, pension_case *p)
{
    lsi_step(k, pension_total);
    lsi_dec t;
    const lsi_dec parts[] = {p->basic, p->account, p->old_method, p->adjustment, p->supplements};
    if (lsi_dec_sum(parts, 5, &t) != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "total", "pension out of range");
    lsi_step_result(k, t);
    return lsi_out_dec_of(k, pension, total, t);
}

static int outputs(lsi_calc *k, pension_case *p)
{
    lsi_dec shown;
    lsi_out *o = LSI_OUTS(k, pension);
    int rc = lsi_dec_round(p->z, &LSI_ROUND_INDEX_DISPLAY, &shown, NULL);
    if (rc != 0)
        return rc;
#define OUT(name, v) (rc == 0 ? lsi_out_dec_to(k, o, pension, name, (v)) : rc)
    rc = OUT(average_index, shown);
    rc = OUT(average_index_exact, p->z);
    rc = OUT(account_balance, p->balance);
    rc = OUT(calculation_base, p->c);
    rc = OUT(basic_pension, p->basic);
    rc = OUT(account_pension, p->account);
    rc = OUT(transitional_pension, p->old_method);
    rc = OUT(new_method_pension, p->new_method);
    rc = OUT(transition_adjustment, p->adjustment);
    return OUT(supplements, p->supplements);
#undef OUT
}

static int run(lsi_calc *k)
{
    pension_case p; /* (no memset: see pension_case) */
    bool eligible = false;
    p.months = p.deemed = 0; /* a history gives no summary months; deemed_months may be absent */
    p.first_month = 0;       /* a history whose every base is 0 has no first month */
    int rc = statutory_retirement_age(k, &p);
    if (rc == 0) rc = retirement_month(k, &p);
    if (rc == 0) rc = minimum_contribution(k, &p);
    if (rc == 0) rc = record(k, &p, &eligible);
    if (rc != 0 || !eligible)
        return rc;
    rc = calculation_base(k, &p);
    if (rc == 0) rc = lsi_basic_pension(k, p.date, p.c, p.z, p.total_months, &p.basic);
    if (rc == 0) rc = account_pension(k, &p);
    if (rc == 0)
        rc = lsi_pension_transitional(k, p.date, p.c, p.total_months, p.deemed, &p.old_method,
                                      &p.new_method, &p.adjustment, &p.supplements);
    if (rc == 0) rc = outputs(k, &p);
    return rc == 0 ? totals(k, &p) : rc;
}

/* -------------------- descriptor (schema: data/schemas/pension.tsv) */

const lsi_scheme lsi_scheme_pension = LSI_SCHEME_COMPILED(pension, run, &lsi_pension_compiled);

/*
 * Each month of a contribution history against that month's band (issue #12
 * item 2): a base is set between the floor and the ceiling of its
 * contribution year (国办发〔2019〕13号 §三: 60 %–300 % of the provincial
 * average wage; Guangdong's limits per city and year are the rule values
 * pension.contribution_base.floor / .ceiling).  Where the rule data hold no
 * limit for the month but the history gives the month's average wage, the
 * side is the wage times pension.average_index.min / .max (the index of one
 * month cannot leave the range the average index must lie in).  A limit
 * neither source gives is not checked, and the trace says how many months.
 *
 * A base outside its band is an error naming the month, the base and the
 * limit; with `history_bands=record` the record is taken as it is, each such
 * month listed in the trace and the result flagged `outside_band`.  A base of
 * 0 is not a contribution (the month counts for nothing) and is not checked.
 */
#include <stdio.h>
#include <string.h>

#include "pension_internal.h"

enum { BANDS_CHECK = 0, BANDS_RECORD = 1 };

typedef struct band_tally {
    int mode;
    long checked, unchecked, outside, zero;
} band_tally;

/* One limit of the month: the rule value, else the history's wage times the
 * index bound; *found is false when neither exists.  `source` says which. */
static int limit_of(lsi_calc *k, const lsi_history_month *hm, bool ceiling, lsi_dec *out,
                    char *source, size_t n, bool *found)
{
    int date = lsi_month_first_day(hm->month);
    const char *rule = ceiling ? "pension.contribution_base.ceiling"
                               : "pension.contribution_base.floor";
    const lsi_rule *r;
    char doc[120];
    *found = true;
    int rc = lsi_bound(k, rule, date, out, &r);
    if (rc == 0) {
        lsi_utf8_prefix(r->document, doc, sizeof doc);
        snprintf(source, n, "%s for %s: %s", rule, k->place->pinyin, doc);
        return 0;
    }
    if (rc != LIBSI_ENOTFOUND)
        return rc;
    lsi_clear_error(k->ctx);
    lsi_dec ratio;
    const char *index = ceiling ? "pension.average_index.max" : "pension.average_index.min";
    *found = hm->has_wage;
    if (!*found)
        return 0;
    rc = lsi_bound(k, index, date, &ratio, NULL);
    if (rc == 0) rc = lsi_dec_mul(hm->wage, ratio, out);
    snprintf(source, n, "no %s in the rule data: the month's average_wage × %s", rule, index);
    return rc;
}

static int outside(lsi_calc *k, band_tally *t, const lsi_history_month *hm, bool above,
                   lsi_dec limit, const char *source)
{
    char month[8], base[LIBSI_DECIMAL_MAX + 1], lim[LIBSI_DECIMAL_MAX + 1], line[512];
    lsi_month_format(hm->month, month);
    lsi_dec_format(hm->base, base);
    lsi_dec_format(limit, lim);
    if (t->mode == BANDS_CHECK)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "history",
                        "input 'history': month %s: base %s is %s the band's %s %s (%s); give "
                        "history_bands=record to take the record as it is", month, base,
                        above ? "above" : "below", above ? "ceiling" : "floor", lim, source);
    t->outside++;
    snprintf(line, sizeof line, "base %s %s the %s %s (%s): recorded", base,
             above ? "above" : "below", above ? "ceiling" : "floor", lim, source);
    lsi_step_text(k, month, line);
    if (t->outside == 1) /* the step shows the flag once, the months one by one */
        lsi_step_flag(k, LIBSI_FLAG_OUTSIDE_BAND);
    return 0;
}

/* One side of one month. */
static int check_side(lsi_calc *k, band_tally *t, const lsi_history_month *hm, bool ceiling,
                      bool *checked)
{
    lsi_dec limit;
    char source[200];
    bool found;
    int rc = limit_of(k, hm, ceiling, &limit, source, sizeof source, &found);
    if (rc != 0 || !found)
        return rc;
    *checked = true;
    int c = lsi_dec_cmp(hm->base, limit);
    return (ceiling ? c > 0 : c < 0) ? outside(k, t, hm, ceiling, limit, source) : 0;
}

static int check_month(lsi_calc *k, band_tally *t, const lsi_history_month *hm)
{
    bool low = false, high = false;
    if (lsi_dec_is_zero(hm->base)) {
        t->zero++;
        return 0;
    }
    int rc = check_side(k, t, hm, false, &low);
    if (rc == 0) rc = check_side(k, t, hm, true, &high);
    t->checked += low && high;
    t->unchecked += !(low && high);
    return rc;
}

static void record_tally(lsi_calc *k, const band_tally *t)
{
    lsi_step_text(k, "mode", t->mode == BANDS_CHECK ? "check" : "record");
    lsi_step_value(k, "months_checked", lsi_dec_from_int(t->checked));
    lsi_step_value(k, "months_not_checked", lsi_dec_from_int(t->unchecked));
    lsi_step_value(k, "months_with_base_0", lsi_dec_from_int(t->zero));
    if (t->mode == BANDS_RECORD)
        lsi_step_value(k, "months_outside_the_band", lsi_dec_from_int(t->outside));
    if (t->unchecked)
        lsi_step_note(k, "months not checked: the rule data hold no limit for them and the "
                         "history gives no average_wage");
}

/* 国办发〔2019〕13号 §三; Guangdong's limits by city and contribution year */
static int check_history(lsi_calc *k, const lsi_history *h, band_tally *t)
{
    lsi_step(k, history_bands);
    int rc = 0;
    for (size_t i = 0; i < h->n && rc == 0; i++)
        rc = check_month(k, t, &h->m[i]);
    if (rc == 0)
        record_tally(k, t);
    return rc;
}

int lsi_history_bands(lsi_calc *k, const lsi_history *h)
{
    band_tally t = {BANDS_CHECK, 0, 0, 0, 0};
    int rc = lsi_in_present(k, "history_bands") ? lsi_in_choice(k, "history_bands", &t.mode) : 0;
    return rc ? rc : check_history(k, h, &t);
}

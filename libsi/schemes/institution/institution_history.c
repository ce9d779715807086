/*
 * A monthly history of an institution member (机关事业单位): parsed by the
 * enterprise reader (pension_history.c), its bases checked against the
 * institution band of their calendar year (粤人社发〔2024〕33号, 〔2025〕32号 §一)
 * instead of the enterprise band.  Months of a year whose institution band
 * is not in the rule data (before 2024: the notices were not found) are not
 * checked, and the trace says how many.
 */
#include <stdio.h>

#include "institution_internal.h"
#include "pension_internal.h"

/* A limit of the month, or *found = false when the rule data hold none. */
static int band_limit(lsi_calc *k, int date, const char *name, lsi_dec *out, bool *found)
{
    int rc = lsi_bound(k, name, date, out, NULL);
    *found = rc == 0;
    if (rc == LIBSI_ENOTFOUND) {
        lsi_clear_error(k->ctx);
        return 0;
    }
    return rc;
}

static int check_month(lsi_calc *k, const lsi_history_month *m, long *checked)
{
    lsi_dec lo, hi;
    bool has_lo, has_hi;
    int date = lsi_month_first_day(m->month);
    int rc = band_limit(k, date, "institution.contribution_base.floor", &lo, &has_lo);
    if (rc == 0) rc = band_limit(k, date, "institution.contribution_base.ceiling", &hi, &has_hi);
    if (rc != 0 || !has_lo || !has_hi || lsi_dec_is_zero(m->base))
        return rc;
    (*checked)++;
    if (lsi_dec_cmp(m->base, lo) >= 0 && lsi_dec_cmp(m->base, hi) <= 0)
        return 0;
    char month[8], b[LIBSI_DECIMAL_MAX + 1], l[LIBSI_DECIMAL_MAX + 1], h[LIBSI_DECIMAL_MAX + 1];
    lsi_month_format(m->month, month);
    lsi_dec_format(m->base, b);
    lsi_dec_format(lo, l);
    lsi_dec_format(hi, h);
    return lsi_in_invalid(k, "history", "month %s: base %s is outside the institution band %s – %s "
                                        "(粤人社发〔2024〕33号 / 〔2025〕32号 §一)", month, b, l, h);
}

/* 粤人社发〔2024〕33号; 粤人社发〔2025〕32号 §一 */
/* Every month with a base and a band within that band. */
static int history_bands(lsi_calc *k, const lsi_history *h)
{
    lsi_step(k, institution_history_bands);
    long checked = 0;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < h->n; i++)
        rc = check_month(k, &h->m[i], &checked);
    lsi_step_value(k, "months_checked", lsi_dec_from_int(checked));
    lsi_step_value(k, "months_not_checked", lsi_dec_from_int((int64_t)h->contributing - checked));
    return rc;
}

int lsi_ip_history_read(lsi_calc *k, lsi_history *h)
{
    int rc = lsi_history_parse(k, "history", h);
    return rc ? rc : history_bands(k, h);
}

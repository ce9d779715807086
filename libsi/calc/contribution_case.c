/*
 * What the monthly contribution calculations share (issue #13 item 4): the
 * contribution month and wage they read, and the end of their totals step.
 * The enterprise schemes (schemes/contributions) and the institution pension
 * (schemes/institution) use no other scheme, so this lives in the kernel.
 */
#include "calc_internal.h"

int lsi_in_contribution_case(lsi_calc *k, const char *kind, int *kind_value, int *date,
                             lsi_dec *wage)
{
    int month; /* (by the contributions schema's indices; under another schema by name) */
    int rc = lsi_in_month_of(k, contributions, month, &month);
    if (rc == 0) rc = lsi_in_dec_of(k, contributions, wage, wage);
    if (rc == 0) rc = lsi_in_choice(k, kind, kind_value);
    if (rc != 0)
        return rc;
    if (lsi_dec_is_negative(*wage))
        return lsi_in_invalid(k, "wage", "must not be negative");
    *date = lsi_month_first_day(month);
    return 0;
}

int lsi_contribution_totals(lsi_calc *k, int sums_rc, lsi_dec employer, lsi_dec employee,
                            lsi_dec *total)
{
    if (sums_rc == 0) sums_rc = lsi_dec_add(employer, employee, total);
    if (sums_rc != 0)
        return lsi_fail(k->ctx, LIBSI_ERANGE, "wage", "input 'wage': total out of range");
    lsi_step_value(k, "employer_total", employer);
    lsi_step_value(k, "employee_total", employee);
    lsi_step_result(k, *total);
    return 0;
}

/*
 * A life table column as the input of a calculation (see mortality.h): the
 * table is loaded and checked by the one life-table loader (lifetable.c);
 * a failure becomes an error on the calculation's input `field`.  The
 * calculations that use this (projection, individual measures) index ages
 * 0 … 105, so the table must cover exactly those ages.
 */
#include <stdio.h>
#include <string.h>

#include "lifetable.h"
#include "mortality.h"

/* A column the table does not have is the column's input at fault, not the
 * table's source (issue #12: table=CL9 named 'mortality'). */
static int table_error(lsi_calc *k, const char *field, const char *column_field,
                       const char *source)
{
    char why[LSI_MSG_MAX];
    snprintf(why, sizeof why, "%s", libsi_ctx_message(k->ctx));
    if (libsi_ctx_code(k->ctx) == LIBSI_ENOMEM)
        return LIBSI_ENOMEM;
    bool column = libsi_ctx_code(k->ctx) == LIBSI_ENOTFOUND &&
                  strcmp(libsi_ctx_field(k->ctx), "name") == 0;
    return lsi_in_invalid(k, column ? column_field : field, "life table %.200s: %.300s",
                          source ? source : "builtin", why);
}

int lsi_mortality_load(lsi_calc *k, const char *field, const char *column_field,
                       const char *source, const char *column, lsi_dec qx[LSI_AGES])
{
    libsi_lifetable *t;
    if (lsi_lifetable_open(k->ctx, source, column, &t) != 0)
        return table_error(k, field, column_field, source);
    int rc = 0;
    if (t->first != 0 || t->last != LSI_MAX_AGE)
        rc = lsi_in_invalid(k, field, "life table %.200s: the table must cover ages 0 to 105 "
                            "(it has %d to %d)", source ? source : "builtin", t->first, t->last);
    else
        memcpy(qx, t->q, LSI_AGES * sizeof *qx);
    libsi_lifetable_free(t);
    return rc;
}

/* What the two floors share (bench/floor.h): the cities, rule values read
 * through the public libsi_ruleset_lookup as exact integer ratios. */
#include <stdio.h>
#include <string.h>

#include "floor.h"

const char *const FLOOR_CITY[3] = {"guangzhou", "zhaoqing", "zhanjiang"};

int floor_city_of(const char *s)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(s, FLOOR_CITY[i]) == 0)
            return i;
    return -1;
}

/* A canonical decimal "123.45" as coef / 10^scale (scale <= 9), or -1. */
static int parse_rate(const char *s, floor_rate *r)
{
    int64_t c = 0, pow = 1;
    int frac = -1;
    for (; *s; s++) {
        if (*s == '.' && frac < 0) {
            frac = 0;
            continue;
        }
        if (*s < '0' || *s > '9' || c > INT64_MAX / 100 || frac > 9)
            return -1;
        c = c * 10 + (*s - '0');
        if (frac >= 0)
            frac++, pow *= 10;
    }
    r->coef = c;
    r->pow = pow;
    return 0;
}

int floor_lookup(libsi_ctx *ctx, const libsi_ruleset *rs, const char *who, const char *name,
                 int city, int month, floor_rate *out)
{
    char date[24];
    snprintf(date, sizeof date, "%04d-%02d-01", month / 12, month % 12 + 1);
    libsi_rule_value v = LIBSI_RULE_VALUE_INIT;
    int rc = libsi_ruleset_lookup(ctx, rs, name, FLOOR_CITY[city], date, NULL, &v);
    if (rc == 0 && parse_rate(v.value, out) != 0)
        rc = -1;
    if (rc != 0)
        fprintf(stderr, "%s: %s for %s on %s: %s\n", who, name, FLOOR_CITY[city], date,
                libsi_ctx_message(ctx));
    return rc;
}

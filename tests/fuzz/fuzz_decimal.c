/*
 * Fuzz target: the decimal parser, formatter and every rounding mode.
 * Properties checked on every input: a parsed value formats to a string that
 * parses back to the same value; rounding never fails on a parsed value at
 * quanta ≥ 10^-18 except with LIBSI_ERANGE; results are canonical.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void must(int cond)
{
    if (!cond)
        abort(); /* a property broke: the fuzzer reports the input */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char s[128];
    if (size >= sizeof s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    lsi_dec d, back, r;
    char buf[LIBSI_DECIMAL_MAX + 1], buf2[LIBSI_DECIMAL_MAX + 1];
    if (lsi_dec_parse(s, &d, NULL) != 0)
        return 0;
    lsi_dec_format(d, buf);
    must(lsi_dec_parse(buf, &back, NULL) == 0 && lsi_dec_cmp(d, back) == 0);
    lsi_dec_format(back, buf2);
    must(strcmp(buf, buf2) == 0);
    for (int mode = 0; mode <= LIBSI_ROUND_CARRY; mode++)
        for (int exp = -18; exp <= 6; exp += 3) {
            lsi_rounding rule = {"fuzz", (libsi_round_mode)mode, exp, "", NULL, 0};
            unsigned flags = 0;
            int rc = lsi_dec_round(d, &rule, &r, &flags);
            must(rc == 0 || rc == LIBSI_ERANGE);
            if (rc == 0) {
                lsi_dec_format(r, buf);
                must(lsi_dec_parse(buf, &back, NULL) == 0);
                must(((flags & LIBSI_FLAG_ROUNDED) != 0) == (lsi_dec_cmp(r, d) != 0));
            }
            lsi_dec q;
            rc = lsi_dec_mul_round(d, d, &rule, &q, NULL);
            must(rc == 0 || rc == LIBSI_ERANGE);
            rc = lsi_dec_div_round(d, d, &rule, &q, NULL);
            must(rc == 0 || rc == LIBSI_ERANGE || rc == LIBSI_EDIVZERO);
        }
    return 0;
}

/*
 * Decimal parsing, formatting and named rounding against the data-driven
 * vectors in tests/vectors/decimal/ (generated with Python's decimal module
 * as an independent oracle, plus hand-written edge rows), and a few
 * properties that must hold whatever the vectors say.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"
#include "vectors.h"

static const char *code_name(int rc)
{
    switch (rc) {
    case LIBSI_EDECIMAL: return "!EDECIMAL";
    case LIBSI_ERANGE: return "!ERANGE";
    case LIBSI_EDIVZERO: return "!EDIVZERO";
    case LIBSI_EINVAL: return "!EINVAL";
    default: return "!E?";
    }
}

static void check_file_rows(const char *rel, int (*row)(vec_file *, char **, char *, size_t))
{
    vec_file v;
    assert_int_equal(vec_open(&v, rel), 0); /* a missing vector file is a failure */
    char *cols[VEC_MAX_COLS], got[256];
    int rows = 0, failures = 0;
    while (vec_next(&v, cols)) {
        rows++;
        if (row(&v, cols, got, sizeof got) != 0) {
            failures++;
            fprintf(stderr, "%s:%d: got '%s'\n", rel, v.line, got);
        }
    }
    vec_close(&v);
    fprintf(stderr, "%s: %d rows, %d failures\n", rel, rows, failures);
    assert_true(rows > 0);
    assert_int_equal(failures, 0);
}

/* input (JSON string) → canonical or !EDECIMAL */
static int parse_row(vec_file *v, char **c, char *got, size_t n)
{
    (void)v;
    char input[512];
    snprintf(input, sizeof input, "%s", c[0]);
    if (vec_json_string(input) != 0) {
        snprintf(got, n, "bad JSON string in vector");
        return 1;
    }
    lsi_dec d;
    char buf[LIBSI_DECIMAL_MAX + 1];
    if (lsi_dec_parse(input, &d, NULL) != 0)
        snprintf(got, n, "!EDECIMAL");
    else {
        lsi_dec_format(d, buf);
        snprintf(got, n, "%s", buf);
    }
    return strcmp(got, c[1]) != 0;
}

static int round_one(const char *in, const char *mode_s, const char *quantum, lsi_dec *out,
                     unsigned *flags)
{
    libsi_round_mode mode;
    lsi_rounding rule;
    lsi_dec d;
    if (libsi_round_mode_parse(mode_s, &mode) != 0 ||
        lsi_rounding_from_quantum(quantum, mode, &rule) != 0)
        return LIBSI_EINVAL;
    if (lsi_dec_parse(in, &d, NULL) != 0)
        return LIBSI_EDECIMAL;
    return lsi_dec_round(d, &rule, out, flags);
}

static void show(int rc, lsi_dec r, unsigned flags, char *got, size_t n)
{
    char buf[LIBSI_DECIMAL_MAX + 1];
    if (rc != 0) {
        snprintf(got, n, "%s\t-", code_name(rc));
        return;
    }
    lsi_dec_format(r, buf);
    snprintf(got, n, "%s\t%s", buf, flags & LIBSI_FLAG_ROUNDED ? "rounded" : "-");
}

/* input mode quantum expected flags */
static int round_row(vec_file *v, char **c, char *got, size_t n)
{
    (void)v;
    lsi_dec r = {0, 0};
    unsigned flags = 0;
    int rc = round_one(c[0], c[1], c[2], &r, &flags);
    show(rc, r, flags, got, n);
    char want[256];
    snprintf(want, sizeof want, "%s\t%s", c[3], c[4]);
    return strcmp(got, want) != 0;
}

/* op a b mode quantum expected flags */
static int arith_row(vec_file *v, char **c, char *got, size_t n)
{
    (void)v;
    libsi_round_mode mode;
    lsi_rounding rule;
    lsi_dec a, b, exact, r = {0, 0};
    unsigned flags = 0;
    int rc = 0;
    if (lsi_dec_parse(c[1], &a, NULL) || lsi_dec_parse(c[2], &b, NULL) ||
        libsi_round_mode_parse(c[3], &mode) || lsi_rounding_from_quantum(c[4], mode, &rule)) {
        snprintf(got, n, "bad vector row");
        return 1;
    }
    if (strcmp(c[0], "mul") == 0)
        rc = lsi_dec_mul_round(a, b, &rule, &r, &flags);
    else if (strcmp(c[0], "div") == 0)
        rc = lsi_dec_div_round(a, b, &rule, &r, &flags);
    else if (strcmp(c[0], "add") == 0 || strcmp(c[0], "sub") == 0) {
        rc = c[0][0] == 'a' ? lsi_dec_add(a, b, &exact) : lsi_dec_sub(a, b, &exact);
        if (rc == 0)
            rc = lsi_dec_round(exact, &rule, &r, &flags);
    } else {
        snprintf(got, n, "unknown op '%s'", c[0]);
        return 1;
    }
    show(rc, r, flags, got, n);
    char want[256];
    snprintf(want, sizeof want, "%s\t%s", c[5], c[6]);
    return strcmp(got, want) != 0;
}

static void parse_vectors(void **state)
{
    (void)state;
    check_file_rows("decimal/parse.tsv", parse_row);
}

static void round_vectors(void **state)
{
    (void)state;
    check_file_rows("decimal/round.tsv", round_row);
}

static void arith_vectors(void **state)
{
    (void)state;
    check_file_rows("decimal/arith.tsv", arith_row);
}

/* Property: format(parse(s)) is a fixed point, and rounding at the value's
 * own scale never changes it nor raises the rounded flag. */
static void canonical_round_trip(void **state)
{
    (void)state;
    const char *samples[] = {"0", "1", "-1", "0.01", "27549", "123456789012345678.123456789012345678",
                             "-999999999999999999999999999999999999", "0.000000000000000001"};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        lsi_dec d, r;
        char a[LIBSI_DECIMAL_MAX + 1], b[LIBSI_DECIMAL_MAX + 1];
        assert_int_equal(lsi_dec_parse(samples[i], &d, NULL), 0);
        lsi_dec_format(d, a);
        assert_string_equal(a, samples[i]);
        lsi_rounding rule = {"own-scale", LIBSI_ROUND_UP, -d.scale, "", NULL, 0};
        unsigned flags = 0;
        assert_int_equal(lsi_dec_round(d, &rule, &r, &flags), 0);
        lsi_dec_format(r, b);
        assert_string_equal(a, b);
        assert_int_equal(flags, 0);
    }
}

/* A product needing more than 127 bits goes through GMP and is still exact
 * (expected value from Python's decimal module at 80 digits). */
static void gmp_path_exact(void **state)
{
    (void)state;
    lsi_dec a, b, r;
    unsigned flags = 0;
    char s[LIBSI_DECIMAL_MAX + 1];
    assert_int_equal(lsi_dec_parse("123456789012345678.123456789", &a, NULL), 0);
    assert_int_equal(lsi_dec_parse("0.123456789012345678", &b, NULL), 0);
    assert_int_equal(lsi_dec_mul(a, b, &r), LIBSI_ERANGE); /* the exact product does not fit */
    assert_int_equal(lsi_dec_mul_round(a, b, &LSI_ROUND_FEN, &r, &flags), 0);
    lsi_dec_format(r, s);
    assert_string_equal(s, "15241578753238836.54");
    assert_int_equal(flags, LIBSI_FLAG_ROUNDED);
}

static void public_round_api(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    char *out = NULL;
    unsigned flags = 0;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    assert_int_equal(libsi_decimal_round(ctx, "2.345", LIBSI_ROUND_HALF_EVEN, "0.01", &flags, &out), 0);
    assert_string_equal(out, "2.34");
    libsi_free(ctx, out);
    assert_int_equal(flags, LIBSI_FLAG_ROUNDED);
    assert_int_equal(libsi_decimal_round(ctx, "1e3", LIBSI_ROUND_HALF_UP, "0.01", NULL, &out),
                     LIBSI_EDECIMAL);
    assert_non_null(strstr(libsi_ctx_message(ctx), "invalid decimal"));
    assert_int_equal(libsi_decimal_round(ctx, "1", LIBSI_ROUND_HALF_UP, "0.02", NULL, &out),
                     LIBSI_EINVAL);
    assert_string_equal(libsi_ctx_field(ctx), "quantum");
    assert_int_equal(libsi_decimal_normalize(ctx, "-000.50", &out), 0);
    assert_string_equal(out, "-0.50");
    libsi_free(ctx, out);
    libsi_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_vectors),
        cmocka_unit_test(round_vectors),
        cmocka_unit_test(arith_vectors),
        cmocka_unit_test(canonical_round_trip),
        cmocka_unit_test(gmp_path_exact),
        cmocka_unit_test(public_round_api),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

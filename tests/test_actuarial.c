/*
 * The actuarial C API (libsi/actuarial.h):
 *  - vectors: every factor of tests/vectors/actuarial/factors.tsv (CL5/CL6,
 *    2.5 % and 3 %, ages 50–70: life expectancy, whole-life, temporary and
 *    deferred annuities, annual and monthly, due and immediate, level and
 *    indexed, UDD and constant force, improvement, insurance) and of
 *    survival.tsv (t p_y at fractional ages, l_y), from the independent
 *    oracle tools/gen_actuarial_vectors.py, agree to the stated decimals;
 *  - the built-in tables: names, spot values of guangdong-rules G2, provenance;
 *  - bad tables (tests/vectors/actuarial/bad_tables.tsv): each a named error;
 *  - a small table whose factors are worked by hand, and exact ties;
 *  - identities of the theory at 18 decimals (ä = 1 + a, ä = (1 − A)/d,
 *    ä^(12) − a^(12) = 1/12, ä_x = ä_x:n + n|ä_x, n|ä_x = nE_x ä_(x+n),
 *    endowment = term insurance + pure endowment, e°_x = e_x + ½ under UDD,
 *    i = g gives 1 + e_x), and that the rounded result does not depend on
 *    the MPFR precision;
 *  - parameter errors name the parameter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "libsi.h"
#include "actuarial_internal.h"
#include "exact.h"
#include "vectors.h"

static libsi_ctx *ctx;
static libsi_lifetable *cl5, *cl6;

/* ------------------------------------------------------------ helpers */

/* A canonical decimal with at most 18 decimals as an integer × 10^-18. */
static __int128 fixed18(const char *s)
{
    __int128 v = 0;
    int neg = *s == '-', frac = -1;
    for (s += neg; *s; s++) {
        if (*s == '.') {
            frac = 0;
            continue;
        }
        v = v * 10 + (*s - '0');
        frac += frac >= 0;
    }
    for (frac = frac < 0 ? 0 : frac; frac < 18; frac++)
        v *= 10;
    return neg ? -v : v;
}

static void near(__int128 a, __int128 b, int ulps, const char *what)
{
    __int128 d = a > b ? a - b : b - a;
    if (d > ulps)
        fail_msg("%s: differ by %lld × 10^-18 (allowed %d)", what, (long long)d, ulps);
}

static void take(int rc)
{
    if (rc != 0)
        fail_msg("call failed: %d %s", rc, libsi_ctx_message(ctx));
}

static __int128 annuity18(const libsi_lifetable *t, const libsi_actuarial_options *o,
                          libsi_annuity_spec s)
{
    char *out = NULL;
    s.decimals = 18;
    take(libsi_annuity(ctx, t, o, &s, &out));
    __int128 v = fixed18(out);
    libsi_free(ctx, out);
    return v;
}

static __int128 insurance18(const libsi_lifetable *t, libsi_insurance_spec s)
{
    char *out = NULL;
    s.decimals = 18;
    take(libsi_insurance(ctx, t, NULL, &s, &out));
    __int128 v = fixed18(out);
    libsi_free(ctx, out);
    return v;
}

static __int128 expectancy18(const libsi_lifetable *t, int age, libsi_life_expectancy_kind kind)
{
    char *out = NULL;
    take(libsi_life_expectancy(ctx, t, NULL, age, kind, 18, &out));
    __int128 v = fixed18(out);
    libsi_free(ctx, out);
    return v;
}

/* rc and *out of a call (a pointer: the call's argument order is unspecified). */
static void check_string(int rc, char **out, const char *want, const char *what)
{
    if (rc != 0)
        fail_msg("%s: error %d %s", what, rc, libsi_ctx_message(ctx));
    if (strcmp(*out, want) != 0)
        fail_msg("%s = %s, expected %s", what, *out, want);
    libsi_free(ctx, *out);
    *out = NULL;
}

/* ------------------------------------------------------------ vectors */

static const char *cell(const vec_file *v, char **c, const char *name)
{
    int i = vec_col(v, name);
    return i >= 0 ? c[i] : "-";
}

static libsi_lifetable *builtin(const char *name)
{
    return strcmp(name, "CL5") == 0 ? cl5 : strcmp(name, "CL6") == 0 ? cl6 : NULL;
}

/* One output of a factors.tsv row through the public API; 0 = agrees. */
static int check_output(const char *id, const char *name, int rc, char **out, const char *want)
{
    int bad = rc != 0 || strcmp(*out, want) != 0;
    if (bad)
        fprintf(stderr, "  %s: %s = %s, expected %s (%s)\n", id, name, rc ? "error" : *out, want,
                rc ? libsi_ctx_message(ctx) : "");
    libsi_free(ctx, *out);
    *out = NULL;
    return bad;
}

static int factor_row(const vec_file *v, char **c)
{
    const char *id = cell(v, c, "id"), *imp = cell(v, c, "in:improvement");
    libsi_lifetable *t = builtin(cell(v, c, "in:table"));
    libsi_actuarial_options o = LIBSI_ACTUARIAL_OPTIONS_INIT;
    o.fractional_ages = strcmp(cell(v, c, "in:fractional_ages"), "constant_force") == 0
                            ? LIBSI_FRACTION_CONSTANT_FORCE : LIBSI_FRACTION_UDD;
    o.improvement = strcmp(imp, "0") == 0 ? NULL : imp;
    libsi_annuity_spec a = {sizeof(libsi_annuity_spec),
                            atoi(cell(v, c, "in:age")), cell(v, c, "in:interest"),
                            cell(v, c, "in:growth"),
                            atoi(cell(v, c, "in:term")), atoi(cell(v, c, "in:deferral")),
                            strcmp(cell(v, c, "in:frequency"), "monthly") == 0 ? 12 : 1,
                            strcmp(cell(v, c, "in:timing"), "immediate") == 0
                                ? LIBSI_ANNUITY_IMMEDIATE : LIBSI_ANNUITY_DUE, 6};
    const char *kind = cell(v, c, "in:insurance");
    libsi_insurance_spec s = {sizeof(libsi_insurance_spec),
                              a.age, a.interest, a.growth, a.term, a.deferral, a.frequency,
                              strcmp(kind, "endowment") == 0 ? LIBSI_INSURANCE_ENDOWMENT
                              : strcmp(kind, "pure_endowment") == 0 ? LIBSI_INSURANCE_PURE_ENDOWMENT
                                                                      : LIBSI_INSURANCE_DEATH, 6};
    int bad = 0;
    char *out = NULL;
    const char *want;
    if (!t)
        return 1;
    if (strcmp(want = cell(v, c, "out:annuity_factor"), "-") != 0)
        bad += check_output(id, "annuity", libsi_annuity(ctx, t, &o, &a, &out), &out, want);
    if (strcmp(want = cell(v, c, "out:life_expectancy_curtate"), "-") != 0)
        bad += check_output(id, "e_x", libsi_life_expectancy(ctx, t, &o, a.age,
                                                             LIBSI_LIFE_CURTATE, 6, &out), &out, want);
    if (strcmp(want = cell(v, c, "out:life_expectancy_complete"), "-") != 0)
        bad += check_output(id, "e°_x", libsi_life_expectancy(ctx, t, &o, a.age,
                                                              LIBSI_LIFE_COMPLETE, 6, &out), &out, want);
    if (strcmp(want = cell(v, c, "out:insurance_factor"), "-") != 0)
        bad += check_output(id, "insurance", libsi_insurance(ctx, t, &o, &s, &out), &out, want);
    return bad;
}

static void factor_vectors(void **state)
{
    (void)state;
    vec_file v;
    char *c[VEC_MAX_COLS];
    int rows = 0, failed = 0;
    assert_int_equal(vec_open(&v, "actuarial/factors.tsv"), 0);
    while (vec_next(&v, c))
        if (strcmp(cell(&v, c, "error"), "-") == 0) {
            rows++;
            failed += factor_row(&v, c) != 0;
        }
    vec_close(&v);
    printf("factors.tsv: %d rows through the C API, %d failed\n", rows, failed);
    assert_true(rows >= 900);
    assert_int_equal(failed, 0);
}

static int survival_row(const vec_file *v, char **c)
{
    libsi_actuarial_options o = LIBSI_ACTUARIAL_OPTIONS_INIT;
    const char *s = cell(v, c, "improvement"), *want = cell(v, c, "expected");
    o.fractional_ages = strcmp(cell(v, c, "fractional_ages"), "constant_force") == 0
                            ? LIBSI_FRACTION_CONSTANT_FORCE : LIBSI_FRACTION_UDD;
    o.improvement = strcmp(s, "0") == 0 ? NULL : s;
    o.improvement_kind = strcmp(cell(v, c, "improvement_kind"), "period") == 0
                             ? LIBSI_IMPROVEMENT_PERIOD : LIBSI_IMPROVEMENT_COHORT;
    o.improvement_years = atoi(cell(v, c, "improvement_years"));
    libsi_lifetable *t = builtin(cell(v, c, "table"));
    int decimals = atoi(cell(v, c, "decimals"));
    char *out = NULL;
    int rc = strcmp(cell(v, c, "kind"), "survival") == 0
                 ? libsi_survival(ctx, t, &o, cell(v, c, "age"), cell(v, c, "arg"), decimals, &out)
                 : libsi_survivors(ctx, t, &o, cell(v, c, "age"), cell(v, c, "arg"), decimals, &out);
    return check_output(cell(v, c, "id"), cell(v, c, "kind"), rc, &out, want);
}

static void survival_vectors(void **state)
{
    (void)state;
    vec_file v;
    char *c[VEC_MAX_COLS];
    int rows = 0, failed = 0;
    assert_int_equal(vec_open(&v, "actuarial/survival.tsv"), 0);
    while (vec_next(&v, c)) {
        rows++;
        failed += survival_row(&v, c) != 0;
    }
    vec_close(&v);
    printf("survival.tsv: %d rows, %d failed\n", rows, failed);
    assert_true(rows >= 200);
    assert_int_equal(failed, 0);
}

/* ------------------------------------------------------------- tables */

static void builtin_tables(void **state)
{
    (void)state;
    const char *const *names = libsi_lifetable_builtin_names();
    const char *want[] = {"CL1", "CL2", "CL3", "CL4", "CL5", "CL6"};
    for (int i = 0; i < 6; i++)
        assert_string_equal(names[i], want[i]);
    assert_null(names[6]);
    /* spot values, guangdong-rules G2 */
    static const struct { const char *table; int age; const char *q; } spots[] = {
        {"CL1", 0, "0.000867"}, {"CL1", 60, "0.009161"}, {"CL1", 65, "0.015379"},
        {"CL5", 60, "0.004660"}, {"CL5", 65, "0.006988"}, {"CL5", 80, "0.044492"},
        {"CL5", 100, "0.328401"}, {"CL6", 60, "0.002315"}, {"CL6", 65, "0.003835"},
        {"CL6", 105, "1"}};
    for (size_t i = 0; i < sizeof spots / sizeof spots[0]; i++) {
        libsi_lifetable *t;
        assert_int_equal(libsi_lifetable_builtin(ctx, spots[i].table, &t), 0);
        assert_string_equal(libsi_lifetable_qx(t, spots[i].age), spots[i].q);
        assert_int_equal(libsi_lifetable_first_age(t), 0);
        assert_int_equal(libsi_lifetable_last_age(t), 105);
        assert_null(libsi_lifetable_qx(t, 106));
        assert_non_null(strstr(libsi_lifetable_notes(t), "保监发〔2016〕108号"));
        assert_string_equal(libsi_lifetable_source(t), "builtin:cl2010_2013_qx.tsv");
        libsi_lifetable_free(t);
    }
    libsi_lifetable *t = (libsi_lifetable *)1;
    assert_int_equal(libsi_lifetable_builtin(ctx, "CL9", &t), LIBSI_ENOTFOUND);
    assert_null(t);
    assert_string_equal(libsi_ctx_field(ctx), "name");
}

/* The shipped file, loaded as a caller's table, equals the built-in one. */
static void file_equals_builtin(void **state)
{
    (void)state;
    char path[1024];
    libsi_lifetable *t;
    vec_path("LIBSI_DATA", "mortality/cl2010_2013_qx.tsv", path, sizeof path);
    assert_int_equal(libsi_lifetable_load(ctx, path, "CL6", &t), 0);
    for (int age = 0; age <= 105; age++)
        assert_string_equal(libsi_lifetable_qx(t, age), libsi_lifetable_qx(cl6, age));
    assert_string_equal(libsi_lifetable_name(t), "CL6");
    assert_string_equal(libsi_lifetable_source(t), path);
    libsi_lifetable_free(t);
    assert_int_equal(libsi_lifetable_load(ctx, path, NULL, &t), LIBSI_ELIFETABLE);
    assert_string_equal(libsi_ctx_field(ctx), "column");
}

static int bad_table_row(const vec_file *v, char **c)
{
    char path[1024];
    libsi_lifetable *t = NULL;
    const char *column = cell(v, c, "column"), *field = cell(v, c, "field");
    vec_path("LIBSI_TESTDATA", cell(v, c, "file"), path, sizeof path);
    int rc = libsi_lifetable_load(ctx, path, strcmp(column, "-") == 0 ? NULL : column, &t);
    int want = strcmp(cell(v, c, "error"), "EIO") == 0 ? LIBSI_EIO : LIBSI_ELIFETABLE;
    int ok = rc == want && !t &&
             (want == LIBSI_EIO ? strstr(libsi_ctx_field(ctx), field) != NULL
                                : strcmp(libsi_ctx_field(ctx), field) == 0) &&
             strstr(libsi_ctx_message(ctx), cell(v, c, "message"));
    if (!ok)
        fprintf(stderr, "  %s: got %d field '%s' message '%s'\n", cell(v, c, "id"), rc,
                libsi_ctx_field(ctx), libsi_ctx_message(ctx));
    libsi_lifetable_free(t);
    return !ok;
}

static void bad_tables(void **state)
{
    (void)state;
    vec_file v;
    char *c[VEC_MAX_COLS];
    int rows = 0, failed = 0;
    assert_int_equal(vec_open(&v, "actuarial/bad_tables.tsv"), 0);
    while (vec_next(&v, c)) {
        rows++;
        failed += bad_table_row(&v, c);
    }
    vec_close(&v);
    printf("bad_tables.tsv: %d rows, %d failed\n", rows, failed);
    assert_true(rows >= 20);
    assert_int_equal(failed, 0);
    assert_string_equal(libsi_strerror(LIBSI_ELIFETABLE), "invalid life table");
}

/* --------------------------------------------------- worked by hand */

/*
 * tests/data/lifetable-small.tsv: q_100 … q_103 = 0.3, 0.4, 0.5, 1.
 *   k p_100 = 1, 0.7, 0.42, 0.21, 0
 *   e_100 = 0.7 + 0.42 + 0.21 = 1.33;  e°_100 (UDD) = 1.83
 *   i = 0.25 (v = 0.8): ä = 1 + 0.56 + 0.2688 + 0.10752 = 1.93632
 *   A = 0.8×0.3 + 0.64×0.7×0.4 + 0.512×0.42×0.5 + 0.4096×0.21 = 0.612736 = 1 − 0.2 ä
 *   ä_100:2 = 1.56;  1|ä_100 = 0.93632;  2E_100 = 0.64 × 0.42 = 0.2688
 *   survival 100.5 → 101.5 (UDD): (0.7 × 0.8) / 0.85 = 0.658823529411…
 */
static void small_table(void **state)
{
    (void)state;
    char path[1024], *out = NULL;
    libsi_lifetable *t;
    vec_path("LIBSI_TESTDATA", "lifetable-small.tsv", path, sizeof path);
    assert_int_equal(libsi_lifetable_load(ctx, path, NULL, &t), 0);
    assert_int_equal(libsi_lifetable_first_age(t), 100);
    assert_int_equal(libsi_lifetable_last_age(t), 103);
    check_string(libsi_life_expectancy(ctx, t, NULL, 100, LIBSI_LIFE_CURTATE, 6, &out), &out,
                  "1.330000", "e_100");
    check_string(libsi_life_expectancy(ctx, t, NULL, 100, LIBSI_LIFE_COMPLETE, 2, &out), &out,
                  "1.83", "e°_100");
    libsi_annuity_spec a = {sizeof(libsi_annuity_spec),
                            100, "0.25", NULL, 0, 0, 1, LIBSI_ANNUITY_DUE, 8};
    check_string(libsi_annuity(ctx, t, NULL, &a, &out), &out, "1.93632000", "ä_100");
    a.term = 2;
    check_string(libsi_annuity(ctx, t, NULL, &a, &out), &out, "1.56000000", "ä_100:2");
    a.term = 0;
    a.deferral = 1;
    check_string(libsi_annuity(ctx, t, NULL, &a, &out), &out, "0.93632000", "1|ä_100");
    libsi_insurance_spec s = {sizeof(libsi_insurance_spec),
                              100, "0.25", NULL, 0, 0, 1, LIBSI_INSURANCE_DEATH, 6};
    check_string(libsi_insurance(ctx, t, NULL, &s, &out), &out, "0.612736", "A_100");
    s.kind = LIBSI_INSURANCE_PURE_ENDOWMENT;
    s.term = 2;
    check_string(libsi_insurance(ctx, t, NULL, &s, &out), &out, "0.268800", "2E_100");
    check_string(libsi_survival(ctx, t, NULL, "100.5", "1", 12, &out), &out, "0.658823529412",
                  "1 p_100.5");
    check_string(libsi_survivors(ctx, t, NULL, "103.5", "1000", 3, &out), &out, "105.000",
                  "l_103.5");
    libsi_lifetable_free(t);
}

/* Exact ties go half-even, whatever the MPFR precision (binary cannot hold 0.65). */
static void exact_ties(void **state)
{
    (void)state;
    static const struct { const char *q0, *decimals_1; } cases[] = {
        {"0.35", "0.6"}, {"0.45", "0.6"}, {"0.25", "0.8"}, {"0.15", "0.8"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[64], *out = NULL;
        libsi_lifetable *t;
        snprintf(text, sizeof text, "age\tT\n0\t%s\n1\t1\n", cases[i].q0);
        assert_int_equal(libsi_lifetable_load_buffer(ctx, text, strlen(text), NULL, &t), 0);
        /* e_0 = 1 − q_0 exactly: a tie at one decimal */
        check_string(libsi_life_expectancy(ctx, t, NULL, 0, LIBSI_LIFE_CURTATE, 1, &out), &out,
                      cases[i].decimals_1, "tie");
        libsi_actuarial_options o = {sizeof(libsi_actuarial_options),
                                     64, LIBSI_FRACTION_UDD, NULL, NULL, 0, 0, 0};
        libsi_annuity_spec a = {sizeof(libsi_annuity_spec),
                                0, "0", NULL, 0, 0, 1, LIBSI_ANNUITY_IMMEDIATE, 1};
        check_string(libsi_annuity(ctx, t, &o, &a, &out), &out, cases[i].decimals_1, "a tie");
        libsi_lifetable_free(t);
    }
}

/* ---------------------------------------------------------- identities */

static void annual_identities(void **state)
{
    (void)state;
    const libsi_lifetable *tables[] = {cl5, cl6};
    for (int ti = 0; ti < 2; ti++)
        for (int x = 50; x <= 70; x += 5) {
            const libsi_lifetable *t = tables[ti];
            libsi_annuity_spec due = {sizeof(libsi_annuity_spec),
                                      x, "0.03", NULL, 0, 0, 1, LIBSI_ANNUITY_DUE, 18};
            libsi_annuity_spec imm = due;
            imm.timing = LIBSI_ANNUITY_IMMEDIATE;
            __int128 a_due = annuity18(t, NULL, due), a_imm = annuity18(t, NULL, imm);
            /* ä_x = 1 + a_x, exactly after one rounding each */
            assert_true(a_due == a_imm + fixed18("1"));
            /* ä_x = (1 − A_x) / d, d = 0.03 / 1.03 */
            __int128 A = insurance18(t, (libsi_insurance_spec){sizeof(libsi_insurance_spec),
                                                               x, "0.03", NULL, 0, 0, 1,
                                                              LIBSI_INSURANCE_DEATH, 18});
            near(a_due * 3 / 103 + A, fixed18("1"), 3, "ä d + A = 1");
            /* e°_x = e_x + ½ under UDD */
            assert_true(expectancy18(t, x, LIBSI_LIFE_COMPLETE) ==
                        expectancy18(t, x, LIBSI_LIFE_CURTATE) + fixed18("0.5"));
            /* i = g: Σ (1+g)^k v^k k p_x = 1 + e_x; and i = g = 0 */
            due.growth = "0.03";
            __int128 e = expectancy18(t, x, LIBSI_LIFE_CURTATE);
            assert_true(annuity18(t, NULL, due) == e + fixed18("1"));
            due.interest = "0";
            due.growth = NULL;
            assert_true(annuity18(t, NULL, due) == e + fixed18("1"));
        }
}

static void split_identities(void **state)
{
    (void)state;
    for (int x = 50; x <= 70; x += 4) {
        libsi_annuity_spec whole = {sizeof(libsi_annuity_spec),
                                    x, "0.025", NULL, 0, 0, 12, LIBSI_ANNUITY_DUE, 18};
        libsi_annuity_spec temp = whole, defer = whole, imm = whole, later = whole;
        temp.term = 10;
        defer.deferral = 10;
        imm.timing = LIBSI_ANNUITY_IMMEDIATE;
        later.age = x + 10;
        __int128 w = annuity18(cl5, NULL, whole), d = annuity18(cl5, NULL, defer);
        /* ä^(12)_x − a^(12)_x = 1/12 (the first instalment) */
        near(w - annuity18(cl5, NULL, imm), fixed18("0.083333333333333333"), 2, "ä − a");
        near(w, annuity18(cl5, NULL, temp) + d, 2, "ä_x = ä_x:n + n|ä_x");
        libsi_insurance_spec pure = {sizeof(libsi_insurance_spec),
                                     x, "0.025", NULL, 10, 0, 12,
                                     LIBSI_INSURANCE_PURE_ENDOWMENT, 18};
        __int128 E = insurance18(cl5, pure);
        /* n|ä_x = nE_x ä_(x+n): the product of two rounded numbers */
        near(d, E * annuity18(cl5, NULL, later) / fixed18("1"), 60, "n|ä_x = nE_x ä_(x+n)");
        libsi_insurance_spec term = pure, endow = pure;
        term.kind = LIBSI_INSURANCE_DEATH;
        endow.kind = LIBSI_INSURANCE_ENDOWMENT;
        near(insurance18(cl5, endow), insurance18(cl5, term) + E, 2, "endowment = term + pure");
    }
}

/* UDD and constant force differ only within a year: annual factors agree. */
static void annual_factors_ignore_fraction(void **state)
{
    (void)state;
    libsi_actuarial_options cf = LIBSI_ACTUARIAL_OPTIONS_INIT;
    cf.fractional_ages = LIBSI_FRACTION_CONSTANT_FORCE;
    libsi_annuity_spec a = {sizeof(libsi_annuity_spec),
                            65, "0.03", "0.01", 0, 0, 1, LIBSI_ANNUITY_DUE, 18};
    assert_true(annuity18(cl6, NULL, a) == annuity18(cl6, &cf, a));
    a.frequency = 12;
    assert_true(annuity18(cl6, NULL, a) != annuity18(cl6, &cf, a));
}

/* The correctly rounded result is the same at every starting precision. */
static void precision_independent(void **state)
{
    (void)state;
    const unsigned precisions[] = {64, 113, 256, 1024};
    libsi_actuarial_options o = LIBSI_ACTUARIAL_OPTIONS_INIT;
    libsi_annuity_spec a = {sizeof(libsi_annuity_spec),
                            57, "0.03", "0.02", 0, 3, 12, LIBSI_ANNUITY_IMMEDIATE, 18};
    o.fractional_ages = LIBSI_FRACTION_CONSTANT_FORCE;
    o.improvement = "0.01";
    o.precision = 256;
    __int128 ref = annuity18(cl6, &o, a);
    for (size_t i = 0; i < sizeof precisions / sizeof precisions[0]; i++) {
        o.precision = precisions[i];
        assert_true(annuity18(cl6, &o, a) == ref);
    }
}

/* Improvement: more survivors, longer annuities; by age = flat; none = 0. */
static void improvement(void **state)
{
    (void)state;
    libsi_actuarial_options flat = LIBSI_ACTUARIAL_OPTIONS_INIT;
    libsi_actuarial_options by_age = LIBSI_ACTUARIAL_OPTIONS_INIT, zero = LIBSI_ACTUARIAL_OPTIONS_INIT;
    libsi_actuarial_options period0 = LIBSI_ACTUARIAL_OPTIONS_INIT;
    const char *rates[106];
    for (int i = 0; i < 106; i++)
        rates[i] = "0.015";
    flat.improvement = "0.015";
    by_age.improvement_by_age = rates;
    by_age.improvement_count = 106;
    zero.improvement = "0";
    period0.improvement = "0.015";
    period0.improvement_kind = LIBSI_IMPROVEMENT_PERIOD;
    libsi_annuity_spec a = {sizeof(libsi_annuity_spec),
                            60, "0.025", NULL, 0, 0, 12, LIBSI_ANNUITY_DUE, 18};
    __int128 none = annuity18(cl5, NULL, a);
    assert_true(annuity18(cl5, &flat, a) > none);
    assert_true(annuity18(cl5, &flat, a) == annuity18(cl5, &by_age, a));
    assert_true(annuity18(cl5, &zero, a) == none);
    assert_true(annuity18(cl5, &period0, a) == none); /* period, 0 years: the table itself */
    period0.improvement_years = 10;
    assert_true(annuity18(cl5, &period0, a) > none);
    by_age.improvement_count = 105;
    char *out = NULL;
    assert_int_equal(libsi_annuity(ctx, cl5, &by_age, &a, &out), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_field(ctx), "improvement_count");
}

/* ------------------------------------------------------------- errors */

static void expect_error(int rc, char **out, int code, const char *field)
{
    if (rc != code || strcmp(libsi_ctx_field(ctx), field) != 0)
        fail_msg("expected %d on '%s', got %d on '%s': %s", code, field, rc,
                 libsi_ctx_field(ctx), libsi_ctx_message(ctx));
    assert_null(*out);
}

static void parameter_errors(void **state)
{
    (void)state;
    char *out = NULL;
    libsi_annuity_spec ok = {sizeof(libsi_annuity_spec),
                             60, "0.03", NULL, 0, 0, 12, LIBSI_ANNUITY_DUE, 6}, a;
    libsi_actuarial_options o = LIBSI_ACTUARIAL_OPTIONS_INIT;
#define ANNUITY_ERROR(member, value, code)                                  \
    do {                                                                    \
        a = ok;                                                             \
        a.member = value;                                                   \
        expect_error(libsi_annuity(ctx, cl5, NULL, &a, &out), &out, code, #member); \
    } while (0)
    ANNUITY_ERROR(age, 106, LIBSI_ERANGE);
    ANNUITY_ERROR(age, -1, LIBSI_ERANGE);
    ANNUITY_ERROR(interest, "1e-2", LIBSI_EDECIMAL);
    ANNUITY_ERROR(interest, "-1", LIBSI_ERANGE);
    ANNUITY_ERROR(interest, NULL, LIBSI_EINVAL);
    ANNUITY_ERROR(growth, "abc", LIBSI_EDECIMAL);
    ANNUITY_ERROR(term, -1, LIBSI_ERANGE);
    ANNUITY_ERROR(deferral, 201, LIBSI_ERANGE);
    ANNUITY_ERROR(frequency, 0, LIBSI_ERANGE);
    ANNUITY_ERROR(frequency, 366, LIBSI_ERANGE);
    ANNUITY_ERROR(timing, (libsi_annuity_timing)7, LIBSI_EINVAL);
    ANNUITY_ERROR(decimals, 19, LIBSI_ERANGE);
    o.precision = 32;
    expect_error(libsi_annuity(ctx, cl5, &o, &ok, &out), &out, LIBSI_ERANGE, "precision");
    o.precision = 0;
    o.improvement = "1";
    expect_error(libsi_annuity(ctx, cl5, &o, &ok, &out), &out, LIBSI_ERANGE, "improvement");
    o.improvement = NULL;
    o.fractional_ages = (libsi_fractional_ages)5;
    expect_error(libsi_annuity(ctx, cl5, &o, &ok, &out), &out, LIBSI_EINVAL, "fractional_ages");
    o.fractional_ages = LIBSI_FRACTION_UDD;
    o.precision = 16385; /* LIBSI_ACTUARIAL_MAX_PRECISION + 1 */
    expect_error(libsi_annuity(ctx, cl5, &o, &ok, &out), &out, LIBSI_ERANGE, "precision");
    o.precision = 0;
    o.improvement_kind = (libsi_improvement_kind)7;
    expect_error(libsi_annuity(ctx, cl5, &o, &ok, &out), &out, LIBSI_EINVAL, "improvement_kind");
    o.improvement_kind = LIBSI_IMPROVEMENT_COHORT;
    o.improvement = "-0.01"; /* a rate of improvement lies in [0, 1) */
    expect_error(libsi_annuity(ctx, cl5, &o, &ok, &out), &out, LIBSI_ERANGE, "improvement");
    o.improvement = "x";
    expect_error(libsi_annuity(ctx, cl5, &o, &ok, &out), &out, LIBSI_EDECIMAL, "improvement");
    o.improvement = NULL;
    const char *by_age[106];
    for (int i = 0; i < 106; i++)
        by_age[i] = "0.01";
    o.improvement_by_age = by_age;
    o.improvement_count = 106;
    by_age[50] = NULL; /* every age needs its rate */
    expect_error(libsi_annuity(ctx, cl5, &o, &ok, &out), &out, LIBSI_EINVAL,
                 "improvement_by_age");
    by_age[50] = "0,01";
    expect_error(libsi_annuity(ctx, cl5, &o, &ok, &out), &out, LIBSI_EDECIMAL,
                 "improvement_by_age");
    by_age[50] = "1";
    expect_error(libsi_annuity(ctx, cl5, &o, &ok, &out), &out, LIBSI_ERANGE,
                 "improvement_by_age");
    o.improvement_by_age = NULL;
    o.improvement_count = 0;
    expect_error(libsi_annuity(ctx, NULL, NULL, &ok, &out), &out, LIBSI_EINVAL, "table");
    libsi_insurance_spec s = {sizeof(libsi_insurance_spec),
                              60, "0.03", NULL, 0, 0, 1, LIBSI_INSURANCE_ENDOWMENT, 6};
    expect_error(libsi_insurance(ctx, cl5, NULL, &s, &out), &out, LIBSI_ERANGE, "term");
    s.kind = (libsi_insurance_kind)9;
    expect_error(libsi_insurance(ctx, cl5, NULL, &s, &out), &out, LIBSI_EINVAL, "kind");
    expect_error(libsi_life_expectancy(ctx, cl5, NULL, 60, (libsi_life_expectancy_kind)2, 6, &out),
                 &out, LIBSI_EINVAL, "kind");
    expect_error(libsi_survival(ctx, cl5, NULL, "106", "1", 6, &out), &out, LIBSI_ERANGE, "age");
    expect_error(libsi_survival(ctx, cl5, NULL, "60", "-1", 6, &out), &out, LIBSI_ERANGE, "years");
    expect_error(libsi_survivors(ctx, cl5, NULL, "60", "0", 6, &out), &out, LIBSI_ERANGE, "radix");
#undef ANNUITY_ERROR
}

/* The life-pension engine (pension_value.c): CL5 at 60, 2.5 %, P = 1.  Its
 * two monthly methods against the factors of the table "Values" in
 * docs/actuarial.md (from the independent oracle): exact monthly
 * 12 × 18.326267 = 219.915204, Woolhouse 12 × (18.787764 − 11/24) =
 * 219.953168 (each ± 6e-6), so at 4 decimals 219.9152 and 219.9532.  The
 * exact method rounds 12 P ä^(12) once: at 6 decimals with P = 1/12 it is
 * libsi_annuity's ä^(12) itself.  The IRR at the EPV of 2.5 % is 2.5 %. */
static void life_pension_engine(void **state)
{
    (void)state;
    lsi_rounding r4 = {"test_4", LIBSI_ROUND_HALF_UP, -4, "test", NULL, 0};
    lsi_rounding r6 = {"test_6", LIBSI_ROUND_HALF_EVEN, -6, "test", NULL, 0};
    lsi_dec rate, twelfth, d;
    char text[LIBSI_DECIMAL_MAX + 1];
    assert_int_equal(lsi_dec_parse("0.025", &rate, NULL), 0);
    lsi_life_pension lp = {cl5->q, cl5->first, cl5->last, 60, lsi_dec_from_int(1),
                           lsi_dec_from_int(0), LSI_MONTHLY_EXACT};
    assert_int_equal(lsi_pension_epv(ctx, &lp, rate, &r4, &d), 0);
    lsi_dec_format(d, text);
    assert_string_equal(text, "219.9152");
    lp.method = LSI_MONTHLY_WOOLHOUSE;
    assert_int_equal(lsi_pension_epv(ctx, &lp, rate, &r4, &d), 0);
    lsi_dec_format(d, text);
    assert_string_equal(text, "219.9532");
    /* P = 1/12 to 18 decimals: 12 P = 1 − 4·10^-18, far below the 6th decimal */
    assert_int_equal(lsi_dec_parse("0.083333333333333333", &twelfth, NULL), 0);
    lp.monthly = twelfth;
    lp.method = LSI_MONTHLY_EXACT;
    assert_int_equal(lsi_pension_epv(ctx, &lp, rate, &r6, &d), 0);
    lsi_dec_format(d, text);
    assert_string_equal(text, "18.326267");
    lp.monthly = lsi_dec_from_int(1);
    lp.method = LSI_MONTHLY_WOOLHOUSE;
    mpq_t epv, root;
    bool found = false;
    mpq_inits(epv, root, NULL);
    assert_int_equal(lsi_pension_epv_exact(&lp, rate, epv), 0);
    assert_int_equal(lsi_mpq_round(epv, &LSI_ROUND_FEN, &d, NULL), 0);
    assert_int_equal(lsi_pension_irr(&lp, d, root, &found), 0);
    assert_true(found);
    assert_int_equal(lsi_mpq_round(root, &r4, &d, NULL), 0);
    lsi_dec_format(d, text);
    assert_string_equal(text, "0.0250");
    lp.method = LSI_MONTHLY_EXACT; /* irrational: not on the exact path */
    assert_int_equal(lsi_pension_epv_exact(&lp, rate, epv), LIBSI_EINVAL);
    mpq_clears(epv, root, NULL);
}

static int setup(void **state)
{
    (void)state;
    return libsi_ctx_new(NULL, &ctx) || libsi_lifetable_builtin(ctx, "CL5", &cl5) ||
                   libsi_lifetable_builtin(ctx, "CL6", &cl6)
               ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    libsi_lifetable_free(cl5);
    libsi_lifetable_free(cl6);
    libsi_ctx_free(ctx);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_tables),
        cmocka_unit_test(file_equals_builtin),
        cmocka_unit_test(bad_tables),
        cmocka_unit_test(small_table),
        cmocka_unit_test(exact_ties),
        cmocka_unit_test(factor_vectors),
        cmocka_unit_test(survival_vectors),
        cmocka_unit_test(annual_identities),
        cmocka_unit_test(split_identities),
        cmocka_unit_test(annual_factors_ignore_fraction),
        cmocka_unit_test(precision_independent),
        cmocka_unit_test(improvement),
        cmocka_unit_test(parameter_errors),
        cmocka_unit_test(life_pension_engine),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

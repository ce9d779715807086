/*
 * si-life: life expectancy, annuity and insurance factors by age, from the
 * actuarial C API (libsi/actuarial.h).  One line per age:
 *
 *   si-life --table CL5 --ages 50-70 --interest 0.025 --frequency 12
 *   si-life --table CL6 --age 55 --interest 0.03 --deferral 5 --growth 0.02 --json
 *   si-life --file my-table.tsv --table MINE --age 60 --interest 0.03
 *
 * Columns: q_x, l_x (radix 100000), e_x (curtate), e°_x (complete), the
 * annuity factor and the insurance factor (death cover with the same term,
 * deferral, frequency and growth).  Every factor is the exact value rounded
 * once, half-even, to --decimals (docs/actuarial.md).
 * Exit status: 0 success, 1 error (message on stderr), 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libsi.h"

#include "cli_lang.h"

typedef struct options {
    const char *table, *file, *fraction;
    int from, to, json;
    libsi_lang lang;
    libsi_actuarial_options basis;
    libsi_annuity_spec annuity;
} options;

typedef struct row {
    int age;
    const char *q;
    char *lx, *e, *e_complete, *annuity, *insurance;
} row;

static void usage(const char *prog)
{
    printf("usage: %s [--table NAME] [--file PATH] [--age X | --ages A-B] [--interest I]\n"
           "       [--growth G] [--frequency M] [--timing due|immediate] [--term N]\n"
           "       [--deferral N] [--fractional udd|constant-force] [--improvement S]\n"
           "       [--improvement-years T] [--period] [--decimals D] [--precision BITS] [--json]\n"
           "       [--lang zh|en]\n\n"
           "Life expectancy, annuity and insurance factors of a life table (built in: CL1 … CL6,\n"
           "中国人身保险业经验生命表（2010－2013）; CL5/CL6 the pension-business tables), computed\n"
           "with GNU MPFR and rounded once, half-even.  Defaults: CL5, age 60, interest 0.025,\n"
           "annual payments due, whole life, UDD, no improvement, 6 decimals, 256 bits.\n"
           "--lang: language of the error messages (default: $LC_ALL, $LC_MESSAGES or $LANG).\n\n"
           "life table file (--file PATH, with --table NAME naming one of its columns): TSV,\n"
           "UTF-8; '#' lines are comments; a header 'age<TAB>NAME...' then one line per age\n"
           "from 0 to 105 (or more), each cell q_x as a decimal in [0, 1), the last age 1:\n"
           "    age\tMINE\n    0\t0.000627\n    1\t0.000410\n    ...\n"
           "Example: examples/tables/cl5-90.tsv; format details: docs/actuarial.md.\n",
           prog);
}

static int parse_ages(const char *text, options *o)
{
    char *end;
    o->from = (int)strtol(text, &end, 10);
    o->to = *end == '-' ? (int)strtol(end + 1, &end, 10) : o->from;
    return *end || o->from < 0 || o->to < o->from || o->to > LIBSI_LIFETABLE_MAX_AGE ? -1 : 0;
}

/* One "--name value" option; 1 when consumed, -1 when malformed. */
static int value_option(const char *name, const char *v, options *o)
{
    libsi_annuity_spec *a = &o->annuity;
    if (strcmp(name, "--table") == 0) o->table = v;
    else if (strcmp(name, "--file") == 0) o->file = v;
    else if (strcmp(name, "--age") == 0 || strcmp(name, "--ages") == 0) return parse_ages(v, o) ? -1 : 1;
    else if (strcmp(name, "--interest") == 0) a->interest = v;
    else if (strcmp(name, "--growth") == 0) a->growth = v;
    else if (strcmp(name, "--frequency") == 0) a->frequency = atoi(v);
    else if (strcmp(name, "--timing") == 0) a->timing = strcmp(v, "immediate") == 0;
    else if (strcmp(name, "--term") == 0) a->term = atoi(v);
    else if (strcmp(name, "--deferral") == 0) a->deferral = atoi(v);
    else if (strcmp(name, "--decimals") == 0) a->decimals = atoi(v);
    else if (strcmp(name, "--fractional") == 0) o->fraction = v;
    else if (strcmp(name, "--improvement") == 0) o->basis.improvement = v;
    else if (strcmp(name, "--improvement-years") == 0) o->basis.improvement_years = atoi(v);
    else if (strcmp(name, "--precision") == 0) o->basis.precision = (unsigned)atoi(v);
    else return -1;
    return 1;
}

static int parse_options(int argc, char **argv, options *o)
{
    *o = (options){NULL, NULL, "udd", 60, 60, 0, cli_environment_lang(), LIBSI_ACTUARIAL_OPTIONS_INIT,
                   {sizeof(libsi_annuity_spec), 60, "0.025", NULL, 0, 0, 1, 0, 6}};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(argv[0]);
            return 0;
        }
        if (strcmp(argv[i], "--json") == 0) {
            o->json = 1;
            continue;
        }
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            if (cli_lang_option(argv[++i], &o->lang) != 0) {
                fprintf(stderr, "%s: --lang is zh or en\n", argv[0]);
                return 2;
            }
            continue;
        }
        if (strcmp(argv[i], "--period") == 0) {
            o->basis.improvement_kind = LIBSI_IMPROVEMENT_PERIOD;
            continue;
        }
        if (i + 1 >= argc || value_option(argv[i], argv[i + 1], o) < 0) {
            fprintf(stderr, "%s: bad or incomplete option '%s' (try --help)\n", argv[0], argv[i]);
            return 2;
        }
        i++;
    }
    if (strcmp(o->fraction, "udd") != 0 && strcmp(o->fraction, "constant-force") != 0) {
        fprintf(stderr, "%s: --fractional is udd or constant-force\n", argv[0]);
        return 2;
    }
    o->basis.fractional_ages = o->fraction[0] == 'c' ? LIBSI_FRACTION_CONSTANT_FORCE
                                                     : LIBSI_FRACTION_UDD;
    return -1; /* go on */
}

/* ---------------------------------------------------------- computing */

static int compute_row(libsi_ctx *ctx, const libsi_lifetable *t, const options *o, row *r)
{
    char age[16];
    libsi_annuity_spec a = o->annuity;
    const libsi_actuarial_options *b = &o->basis;
    a.age = r->age;
    libsi_insurance_spec s = {sizeof s, a.age, a.interest, a.growth, a.term, a.deferral, a.frequency,
                              LIBSI_INSURANCE_DEATH, a.decimals};
    snprintf(age, sizeof age, "%d", r->age);
    r->q = libsi_lifetable_qx(t, r->age);
    int rc = libsi_survivors(ctx, t, b, age, "100000", a.decimals, &r->lx);
    if (rc == 0) rc = libsi_life_expectancy(ctx, t, b, a.age, LIBSI_LIFE_CURTATE, a.decimals, &r->e);
    if (rc == 0)
        rc = libsi_life_expectancy(ctx, t, b, a.age, LIBSI_LIFE_COMPLETE, a.decimals, &r->e_complete);
    if (rc == 0) rc = libsi_annuity(ctx, t, b, &a, &r->annuity);
    if (rc == 0) rc = libsi_insurance(ctx, t, b, &s, &r->insurance);
    return rc;
}

static void free_row(libsi_ctx *ctx, row *r)
{
    libsi_free(ctx, r->lx);
    libsi_free(ctx, r->e);
    libsi_free(ctx, r->e_complete);
    libsi_free(ctx, r->annuity);
    libsi_free(ctx, r->insurance);
}

/* ------------------------------------------------------------ output */

/* A JSON string (the source may be any path). */
static void json_string(const char *s)
{
    putchar('"');
    for (; *s; s++)
        if (*s == '"' || *s == '\\')
            printf("\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            printf("\\u%04x", (unsigned char)*s);
        else
            putchar(*s);
    putchar('"');
}

static void print_head(const libsi_lifetable *t, const options *o)
{
    const libsi_annuity_spec *a = &o->annuity;
    if (o->json) {
        printf("{\"table\": ");
        json_string(libsi_lifetable_name(t));
        printf(", \"source\": ");
        json_string(libsi_lifetable_source(t));
        printf(", \"interest\": \"%s\", \"growth\": \"%s\", "
               "\"frequency\": %d, \"timing\": \"%s\", \"term\": %d, \"deferral\": %d, "
               "\"fractional_ages\": \"%s\", \"improvement\": \"%s\", \"decimals\": %d, \"rows\": [",
               a->interest,
               a->growth ? a->growth : "0", a->frequency, a->timing ? "immediate" : "due", a->term,
               a->deferral, o->fraction, o->basis.improvement ? o->basis.improvement : "0",
               a->decimals);
        return;
    }
    printf("table %s (%s), i = %s, g = %s, m = %d, %s, term %d, deferral %d, %s\n",
           libsi_lifetable_name(t), libsi_lifetable_source(t), a->interest,
           a->growth ? a->growth : "0", a->frequency, a->timing ? "immediate" : "due", a->term,
           a->deferral, o->fraction);
    printf("%4s %10s %14s %12s %12s %12s %12s\n", "age", "q_x", "l_x", "e_x", "e°_x", "annuity",
           "insurance");
}

static void print_row(const options *o, const row *r, int first)
{
    if (o->json)
        printf("%s\n  {\"age\": %d, \"q_x\": \"%s\", \"l_x\": \"%s\", \"e_x\": \"%s\", "
               "\"e_complete\": \"%s\", \"annuity\": \"%s\", \"insurance\": \"%s\"}",
               first ? "" : ",", r->age, r->q, r->lx, r->e, r->e_complete, r->annuity,
               r->insurance);
    else
        printf("%4d %10s %14s %12s %12s %12s %12s\n", r->age, r->q, r->lx, r->e, r->e_complete,
               r->annuity, r->insurance);
}

static int open_table(libsi_ctx *ctx, const options *o, libsi_lifetable **t)
{
    if (o->file)
        return libsi_lifetable_load(ctx, o->file, o->table, t);
    return libsi_lifetable_builtin(ctx, o->table ? o->table : "CL5", t);
}

/* Every row is computed before anything is printed: no half a table on error. */
static int run(libsi_ctx *ctx, const options *o)
{
    row rows[LIBSI_LIFETABLE_MAX_AGE + 1];
    libsi_lifetable *t;
    int n = 0, rc = open_table(ctx, o, &t);
    for (int age = o->from; rc == 0 && age <= o->to; age++, n++) {
        rows[n] = (row){age, NULL, NULL, NULL, NULL, NULL, NULL};
        rc = compute_row(ctx, t, o, &rows[n]);
    }
    if (rc == 0) {
        print_head(t, o);
        for (int i = 0; i < n; i++)
            print_row(o, &rows[i], i == 0);
        if (o->json)
            printf("\n]}\n");
    }
    for (int i = 0; i < n; i++)
        free_row(ctx, &rows[i]);
    libsi_lifetable_free(t);
    return rc;
}

int main(int argc, char **argv)
{
    options o;
    libsi_ctx *ctx;
    int status = parse_options(argc, argv, &o);
    if (status >= 0)
        return status;
    if (libsi_ctx_new(NULL, &ctx) != 0)
        return 1;
    int rc = run(ctx, &o);
    if (rc != 0)
        fprintf(stderr, "%s: %s: %s\n", argv[0], libsi_strerror(rc),
                libsi_ctx_message_lang(ctx, o.lang));
    libsi_ctx_free(ctx);
    return rc == 0 ? 0 : 1;
}

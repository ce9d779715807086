/*
 * Mutation properties (issue #12: every error names its field; no input,
 * scenario, rule file or case file makes the library fail other than with a
 * named error).  Starting from valid material, one thing is changed at a time:
 *
 *  1. inputs: for each scheme (the first passing row of each vector file in
 *     LIST = <build>/tests/gate_vectors.list, and the default projection
 *     scenario), each input of the scheme's schema in turn
 *       - set to a value that is not of its type ("1e3" for a decimal,
 *         "2025-02-30" for a date, ...): the call fails with LIBSI_EINPUT and
 *         libsi_ctx_field() names that input (the schema types are checked at
 *         the edge, calc.h);
 *       - removed: a required input (schema `required`) gives LIBSI_EINPUT
 *         naming it; any other removal succeeds or fails with a named error;
 *       - set to boundary values (0, -1, tiny, huge, far past and future
 *         dates): the call succeeds, then its JSON and explanation do too, or
 *         it fails with a named error;
 *  2. the projection scenario: each line deleted, and each value replaced by
 *     -1, a word, 2 and a huge number: success or a named error;
 *  3. every built-in rule file (the YAML files of data/rules): each line deleted, and
 *     each value replaced by -1, a word, [] and "": the file loads or fails
 *     with a message (never LIBSI_EINTERNAL or LIBSI_ENOMEM);
 *  4. case files: each line of a YAML and a JSON case deleted or its value
 *     replaced: loads, or LIBSI_ECASE with a message;
 *  5. rule values: for each parameter of the built-in rule files, a ruleset
 *     without any value of it (the files written to a temporary directory):
 *     each scheme's case computes (a kernel may fall back), or fails with a
 *     named error, and a LIBSI_ENOTFOUND names the parameter (ruleset.h);
 *  6. pairs: for each scheme, every pair of its inputs set together to
 *     three values typical of their types (the choices of an enum): the
 *     combinations the one-at-a-time changes never make (death with a
 *     disability grade, say) compute or fail with a named error.
 * "A named error" is a code other than LIBSI_EINTERNAL and LIBSI_ENOMEM with
 * a message and a field.  A crash (GMP's abort on a division by zero, say)
 * is caught, reported with the inputs that caused it, and counted.  Run in every build (meson test test_mutations).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gates/gate_common.h"
#include "vectors.h"

static libsi_ctx *ctx;
static libsi_ruleset *rs;
static int problems;
static long calls;

static void problem(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void problem(const char *fmt, ...)
{
    if (problems++ < 60) {
        va_list ap;
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fprintf(stderr, " -- %s [field '%s']\n", libsi_ctx_message(ctx), libsi_ctx_field(ctx));
    }
}

static int named(int rc)
{
    return rc < 0 && rc >= LIBSI_ELIFETABLE && rc != LIBSI_EINTERNAL && rc != LIBSI_ENOMEM &&
           *libsi_ctx_message(ctx) && *libsi_ctx_field(ctx);
}

/* A crash (GMP aborts with SIGFPE on a division by zero, SIGABRT when out of
 * memory) is reported with the inputs, and the run goes on with the next. */
#define CRASHED 1000
static sigjmp_buf jump;
static volatile sig_atomic_t guarded;
static int crashes;

static void on_signal(int sig)
{
    if (guarded)
        siglongjmp(jump, sig);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void crashed(int sig, const char *scheme, const char *const *names,
                    const char *const *values, size_t n)
{
    guarded = 0;
    problems++;
    if (crashes++ < 20) {
        fprintf(stderr, "CRASH (signal %d) in %s:", sig, scheme);
        for (size_t i = 0; i < n; i++)
            if (names[i])
                fprintf(stderr, " %s=%.60s", names[i], values[i]);
        fprintf(stderr, "\n");
    }
}

/* Run `scheme` on names/values; on success the JSON and explanation must work. */
static int run(const char *scheme, const char *const *names, const char *const *values, size_t n)
{
    libsi_case *c;
    libsi_result *r = NULL;
    calls++;
    if (libsi_case_new(ctx, &c) != 0)
        return LIBSI_ENOMEM;
    int sig = sigsetjmp(jump, 1);
    if (sig) {
        crashed(sig, scheme, names, values, n);
        return CRASHED; /* the case and result are lost: the test fails anyway */
    }
    guarded = 1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (names[i])
            rc = libsi_case_set(ctx, c, names[i], values[i]);
    if (rc == 0)
        rc = libsi_calculate(ctx, rs, scheme, c, &r);
    if (rc == 0) {
        char *json = NULL, *text = NULL;
        if (libsi_result_json(ctx, r, &json) != 0 || libsi_result_explain(ctx, r, &text) != 0 ||
            !json || !text)
            rc = LIBSI_EINTERNAL;
        libsi_free(ctx, json);
        libsi_free(ctx, text);
    }
    guarded = 0;
    libsi_result_free(r);
    libsi_case_free(c);
    return rc;
}

/* ------------------------------------------------------------ inputs */

static const char *const bad_of_type[LIBSI_TYPE_LIST + 1][4] = {
    [LIBSI_TYPE_DECIMAL] = {"1e3", "abc", "1.", "1234567890123456789012345678901234567"},
    [LIBSI_TYPE_INTEGER] = {"1.5", "x", "99999999999999999999999", "--1"},
    [LIBSI_TYPE_DATE] = {"2025-02-30", "2025-13-01", "20250101", "x"},
    [LIBSI_TYPE_MONTH] = {"2025-13", "2025-1", "202501", "x"},
    [LIBSI_TYPE_ENUM] = {"nope", "EMPLOYEE", " ", "a|b"},
    [LIBSI_TYPE_BOOL] = {"yes?", "2", "TRUEISH", "x"},
    [LIBSI_TYPE_TEXT] = {NULL},
    [LIBSI_TYPE_JSON] = {NULL},
    [LIBSI_TYPE_LIST] = {"nope", "a,,b", ",", "x,y"},
};

static const char *const edge_of_type[LIBSI_TYPE_LIST + 1][8] = {
    [LIBSI_TYPE_DECIMAL] = {"0", "-1", "0.000000000000000001", "999999999999999999",
                            "-999999999999999999.999999999999999999", "1", "100000", "0.5"},
    [LIBSI_TYPE_INTEGER] = {"0", "-1", "1", "12", "1000", "999999999", "-999999999", "100"},
    [LIBSI_TYPE_DATE] = {"1900-01-01", "1949-10-01", "1990-06-15", "2000-02-29", "2019-04-30",
                         "2030-12-31", "2099-12-31", "2200-01-01"},
    [LIBSI_TYPE_MONTH] = {"1900-01", "1970-06", "1998-07", "2006-01", "2019-05", "2030-12",
                          "2099-12", "9999-12"},
    [LIBSI_TYPE_TEXT] = {"", "nowhere", "深圳", "440300", "x\ny", "month,base\n", "/nonexistent",
                         "garbage: ["},
};

static void mutate_inputs(const char *scheme, const char *const *names0,
                          const char *const *values0, size_t n0)
{
    const char *names[80], *values[80];
    const libsi_field *f;
    for (size_t i = 0; (f = libsi_schema_field(scheme, LIBSI_FIELD_INPUT, i)) != NULL; i++) {
        size_t n = 0, at = (size_t)-1;
        for (size_t k = 0; k < n0 && n < 78; k++) {
            if (strcmp(names0[k], f->name) == 0)
                at = n;
            names[n] = names0[k];
            values[n++] = values0[k];
        }
        if (at == (size_t)-1) {
            at = n;
            names[n] = f->name;
            values[n++] = "";
        }
        /* Not of the type: LIBSI_EINPUT naming the input (or LIBSI_ERANGE for a
         * number of the right form but too large to be one: issue #12). */
        for (int v = 0; v < 4 && bad_of_type[f->type][v]; v++) {
            values[at] = bad_of_type[f->type][v];
            int rc = run(scheme, names, values, n);
            if ((rc != LIBSI_EINPUT && rc != LIBSI_ERANGE) ||
                strcmp(libsi_ctx_field(ctx), f->name) != 0)
                problem("%s: %s='%s' (not of its type): code %d, expected LIBSI_EINPUT or "
                        "LIBSI_ERANGE naming it", scheme, f->name, values[at], rc);
        }
        /* Boundary values: computed, or a named error. */
        for (int v = 0; v < 8 && edge_of_type[f->type][v]; v++) {
            values[at] = edge_of_type[f->type][v];
            int rc = run(scheme, names, values, n);
            if (rc != 0 && rc != CRASHED && !named(rc))
                problem("%s: %s='%s': code %d without a named error", scheme, f->name,
                        values[at], rc);
        }
        if (f->type == LIBSI_TYPE_ENUM || f->type == LIBSI_TYPE_LIST) {
            /* Every choice: computed, or a named error. */
            char choice[64];
            const char *p = f->choices;
            while (*p) {
                size_t len = strcspn(p, "|");
                snprintf(choice, sizeof choice, "%.*s", (int)len, p);
                values[at] = choice;
                int rc = run(scheme, names, values, n);
                if (rc != 0 && !named(rc))
                    problem("%s: %s='%s': code %d without a named error", scheme, f->name,
                            choice, rc);
                p += len + (p[len] == '|');
            }
        }
        /* Removed. */
        names[at] = NULL;
        int rc = run(scheme, names, values, n);
        if (f->required && (rc != LIBSI_EINPUT || strcmp(libsi_ctx_field(ctx), f->name) != 0))
            problem("%s: required %s removed: code %d, expected LIBSI_EINPUT naming it", scheme,
                    f->name, rc);
        else if (!f->required && rc != 0 && !named(rc))
            problem("%s: %s removed: code %d without a named error", scheme, f->name, rc);
    }
}

static const char *const pair_of_type[LIBSI_TYPE_LIST + 1][3] = {
    [LIBSI_TYPE_DECIMAL] = {"0", "1.5", "100000"},
    [LIBSI_TYPE_INTEGER] = {"0", "12", "480"},
    [LIBSI_TYPE_DATE] = {"1960-02-29", "2025-05-10", "2030-01-01"},
    [LIBSI_TYPE_MONTH] = {"2019-05", "2025-08", "2040-12"},
    [LIBSI_TYPE_BOOL] = {"true", "false", "true"},
    [LIBSI_TYPE_TEXT] = {"guangzhou", "zhanjiang", "month,base\n2020-01..2024-12,9000\n"},
};

/* The k-th (0..2) pair value of field f ("" when it has none). */
static const char *pair_value(const libsi_field *f, int k, char buf[64])
{
    if (f->type == LIBSI_TYPE_ENUM || f->type == LIBSI_TYPE_LIST) {
        const char *p = f->choices;
        for (int i = 0; i < k && strchr(p, '|'); i++)
            p = strchr(p, '|') + 1;
        snprintf(buf, 64, "%.*s", (int)strcspn(p, "|"), p);
        return buf;
    }
    return f->type < sizeof pair_of_type / sizeof pair_of_type[0] && pair_of_type[f->type][0]
               ? pair_of_type[f->type][k] : "";
}

static void mutate_pairs(const char *scheme, const char *const *names0,
                         const char *const *values0, size_t n0)
{
    const char *names[80], *values[80];
    char bi[64], bj[64];
    const libsi_field *fi, *fj;
    for (size_t i = 0; (fi = libsi_schema_field(scheme, LIBSI_FIELD_INPUT, i)) != NULL; i++)
        for (size_t j = i + 1; (fj = libsi_schema_field(scheme, LIBSI_FIELD_INPUT, j)) != NULL; j++)
            for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++) {
                    size_t n = 0;
                    for (size_t k = 0; k < n0 && n < 77; k++)
                        if (strcmp(names0[k], fi->name) != 0 && strcmp(names0[k], fj->name) != 0) {
                            names[n] = names0[k];
                            values[n++] = values0[k];
                        }
                    names[n] = fi->name;
                    values[n++] = pair_value(fi, a, bi);
                    names[n] = fj->name;
                    values[n++] = pair_value(fj, b, bj);
                    int rc = run(scheme, names, values, n);
                    if (rc != 0 && rc != CRASHED && !named(rc))
                        problem("%s: %s='%s' with %s='%s': code %d without a named error",
                                scheme, fi->name, values[n - 2], fj->name, values[n - 1], rc);
                }
}

/* ----------------------------------------------------- text mutations */

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    if (p && fread(p, 1, (size_t)n, fp) != (size_t)n) {
        free(p);
        p = NULL;
    }
    if (p)
        p[n] = '\0';
    fclose(fp);
    *len = (size_t)n;
    return p;
}

/* Calls check(text, len) for each line of `text` deleted and, for each
 * "key: value" line, for the value replaced by each of `values`. */
static void mutate_text(const char *text, int (*check)(const char *, size_t, const char *),
                        const char *label, size_t n_values)
{
    static const char *const values[] = {"-1", "abc", "[]", "\"\"", "2",
                                         "\"99999999999999999999\"", "\"0\"", "{a: 1}"};
    size_t len = strlen(text);
    char *buf = malloc(len + 64);
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        end = end ? end + 1 : text + len;
        size_t head = (size_t)(line - text), tail = len - (size_t)(end - text);
        memcpy(buf, text, head); /* the line deleted */
        memcpy(buf + head, end, tail);
        buf[head + tail] = '\0';
        check(buf, head + tail, label);
        const char *colon = memchr(line, ':', (size_t)(end - line));
        if (colon && colon[1] == ' ' && line[0] != '#') {
            for (size_t v = 0; v < n_values && v < sizeof values / sizeof values[0]; v++) {
                size_t key = (size_t)(colon + 2 - text);
                size_t n = strlen(values[v]);
                memcpy(buf, text, key);
                memcpy(buf + key, values[v], n);
                buf[key + n] = '\n';
                memcpy(buf + key + n + 1, end, tail);
                buf[key + n + 1 + tail] = '\0';
                check(buf, key + n + 1 + tail, label);
            }
        }
        line = end;
    }
    free(buf);
}

static int check_scenario(const char *text, size_t len, const char *label)
{
    (void)len;
    const char *names[] = {"scenario", "city"}, *values[] = {text, "guangzhou"};
    int rc = run("fund_projection", names, values, 2);
    if (rc != 0 && !named(rc))
        problem("%s: a mutated scenario: code %d without a named error", label, rc);
    return rc;
}

static int check_rules(const char *text, size_t len, const char *label)
{
    libsi_ruleset *r = NULL;
    calls++;
    int rc = libsi_ruleset_load_buffer(ctx, text, len, label, &r);
    if (rc != 0 && (rc == LIBSI_EINTERNAL || rc == LIBSI_ENOMEM || !*libsi_ctx_message(ctx)))
        problem("%s: a mutated rule file: code %d without a message", label, rc);
    if ((rc == 0) != (r != NULL))
        problem("%s: a mutated rule file: code %d and the ruleset disagree", label, rc);
    libsi_ruleset_free(r);
    return rc;
}

static int check_case(const char *text, size_t len, const char *label)
{
    libsi_case *c = NULL;
    calls++;
    int rc = libsi_case_load_buffer(ctx, text, len, label, &c);
    if (rc != 0 && (rc == LIBSI_EINTERNAL || rc == LIBSI_ENOMEM || !*libsi_ctx_message(ctx)))
        problem("%s: a mutated case file: code %d without a message", label, rc);
    if (rc == 0 && c) { /* what loaded must also run (or fail by name) */
        libsi_result *r = NULL;
        int rc2 = libsi_calculate(ctx, rs, "pension", c, &r);
        if (rc2 != 0 && !named(rc2))
            problem("%s: a mutated case: calculation code %d without a named error", label, rc2);
        libsi_result_free(r);
    }
    libsi_case_free(c);
    return rc;
}

/* ------------------------------------------------- rule values removed */

typedef struct base_case {
    const char *scheme;
    const char *const *names, *const *values;
    size_t n;
} base_case;

/* `text` without the items of its `values:` list whose name is `param`. */
static char *without_values(const char *text, const char *param, int *removed)
{
    size_t len = strlen(text);
    char *out = malloc(len + 1), *o = out;
    char item[256];
    snprintf(item, sizeof item, "  - name: %s\n", param);
    int skipping = 0;
    *removed = 0;
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        end = end ? end + 1 : text + len;
        if (strncmp(line, "  - ", 4) == 0 || (line[0] != ' ' && line[0] != '\n'))
            skipping = strncmp(line, item, strlen(item)) == 0;
        *removed += skipping && strncmp(line, "  - ", 4) == 0;
        if (!skipping) {
            memcpy(o, line, (size_t)(end - line));
            o += end - line;
        }
        line = end;
    }
    *o = '\0';
    return out;
}

static int write_file(const char *dir, const char *name, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int bad = fputs(text, f) < 0;
    return fclose(f) != 0 || bad ? -1 : 0;
}

static void remove_values(char **texts, const char *const *files, size_t n_files,
                          const base_case *cases, size_t n_cases)
{
    char dir[] = "/tmp/libsi-mutations-XXXXXX";
    if (!mkdtemp(dir)) {
        problem("cannot make a temporary directory");
        return;
    }
    long params = 0, failing = 0;
    for (size_t f = 0; f < n_files; f++) {
        const char *p = strstr(texts[f], "\nparameters:\n");
        const char *stop = p ? strstr(p, "\nvalues:") : NULL;
        for (p = p ? strchr(p + 1, '\n') + 1 : NULL; p && p < stop;) {
            const char *end = strchr(p, '\n');
            if (strncmp(p, "  ", 2) == 0 && p[2] != ' ' && end && end[-1] == ':') {
                char param[200];
                snprintf(param, sizeof param, "%.*s", (int)(end - p - 3), p + 2);
                int removed = 0;
                for (size_t g = 0; g < n_files; g++) {
                    char *t = without_values(texts[g], param, &removed);
                    write_file(dir, files[g], t);
                    free(t);
                }
                libsi_ruleset *saved = rs, *mine = NULL;
                calls++;
                if (libsi_ruleset_load(ctx, dir, &mine) != 0) {
                    problem("values of %s removed: the rules do not load", param);
                } else {
                    params++;
                    rs = mine;
                    for (size_t c = 0; c < n_cases; c++) {
                        int rc = run(cases[c].scheme, cases[c].names, cases[c].values,
                                     cases[c].n);
                        failing += rc != 0;
                        if (rc != 0 && rc != CRASHED &&
                            (!named(rc) || (rc == LIBSI_ENOTFOUND &&
                                            !strstr(libsi_ctx_message(ctx), param))))
                            problem("%s with the values of %s removed: code %d, not a named "
                                    "error naming the parameter", cases[c].scheme, param, rc);
                    }
                    rs = saved;
                    libsi_ruleset_free(mine);
                }
            }
            p = end ? end + 1 : NULL;
        }
    }
    for (size_t g = 0; g < n_files; g++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, files[g]);
        unlink(path);
    }
    rmdir(dir);
    printf("rule values: %ld parameters removed in turn, %zu cases each, %ld failed by name\n",
           params, n_cases, failing);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s VECTOR-LIST\n", argv[0]);
        return 2;
    }
    gate_rows rows;
    signal(SIGFPE, on_signal);
    signal(SIGABRT, on_signal);
    signal(SIGSEGV, on_signal);
    if (libsi_ctx_new(NULL, &ctx) != 0 || libsi_ruleset_builtin(ctx, &rs) != 0 ||
        gate_load(argv[1], &rows) != 0)
        return 1;

    /* 1. inputs of each scheme */
    long before = calls;
    base_case bases[64];
    size_t n_bases = 0;
    for (size_t f = 0; f < rows.n_files; f++) {
        /* The file's first good row, and its good row with the most inputs
         * given: a mutation of a later input reaches the checks that only
         * run when the earlier facts are there (a termination, a death). */
        const gate_row *first = NULL, *richest = NULL;
        for (size_t i = 0; i < rows.n; i++) {
            const gate_row *r = &rows.row[i];
            if (strcmp(r->file, rows.files[f]) != 0 || !r->expect_ok ||
                (richest && r->n <= richest->n) || run(r->scheme, r->names, r->values, r->n) != 0)
                continue;
            if (!first)
                first = r;
            richest = r;
        }
        for (int k = 0; k < 2; k++) {
            const gate_row *r = k ? richest : first;
            if (!r || (k && r == first))
                continue;
            mutate_inputs(r->scheme, r->names, r->values, r->n);
            if (!k && n_bases < 63) /* pairs and rule removals: the first row only */
                bases[n_bases++] = (base_case){r->scheme, r->names, r->values, r->n};
        }
    }
    char path[1024];
    size_t len;
    char *scenario = slurp(vec_path("LIBSI_DATA", "scenarios/guangzhou.yaml", path, sizeof path),
                           &len);
    if (!scenario) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    const char *sn[] = {"scenario", "city"}, *sv[] = {scenario, "guangzhou"};
    if (run("fund_projection", sn, sv, 2) != 0) {
        fprintf(stderr, "the default scenario fails: %s\n", libsi_ctx_message(ctx));
        return 1;
    }
    mutate_inputs("fund_projection", sn, sv, 2);
    bases[n_bases++] = (base_case){"fund_projection", sn, sv, 2};
    printf("inputs: %ld calculations\n", calls - before);

    /* 2. the scenario */
    before = calls;
    mutate_text(scenario, check_scenario, "scenarios/guangzhou.yaml", 8);
    printf("scenario: %ld mutations\n", calls - before);

    /* 3. the rule files */
    static const char *const rule_files[] = {
        "minimum-wage.yaml", "pension-account.yaml", "pension-benefits.yaml",
        "pension-contributions.yaml", "unemployment-benefits.yaml", "unemployment.yaml",
        "work-injury-benefits.yaml", "work-injury.yaml", "plausibility.yaml",
        "resident-pension.yaml", "institution-pension.yaml", "occupational-annuity.yaml"};
    enum { N_RULE_FILES = sizeof rule_files / sizeof rule_files[0] };
    char *rule_texts[N_RULE_FILES];
    before = calls;
    for (size_t i = 0; i < N_RULE_FILES; i++) {
        char *text = slurp(vec_path("LIBSI_RULES", rule_files[i], path, sizeof path), &len);
        if (!text || check_rules(text, len, rule_files[i]) != 0) {
            fprintf(stderr, "%s does not load as it is\n", path);
            return 1;
        }
        mutate_text(text, check_rules, rule_files[i], 4);
        rule_texts[i] = text;
    }
    printf("rule files: %ld loads\n", calls - before);

    /* 6. pairs of inputs */
    before = calls;
    for (size_t b = 0; b < n_bases; b++)
        if (strcmp(bases[b].scheme, "fund_projection") != 0)
            mutate_pairs(bases[b].scheme, bases[b].names, bases[b].values, bases[b].n);
    printf("pairs: %ld calculations\n", calls - before);

    /* 5. rule values removed */
    remove_values(rule_texts, rule_files, N_RULE_FILES, bases, n_bases);
    for (size_t i = 0; i < N_RULE_FILES; i++)
        free(rule_texts[i]);
    free(scenario);

    /* 4. case files */
    static const char *const cases[] = {
        "# a retiree\ncity: guangzhou\nretirement_group: male60\nbirth_date: 1965-03-10\n"
        "contribution_months: 360\naverage_index: \"1.5\"\naccount_balance: 180000\n"
        "dependants: [spouse, child]\n",
        "{\"inputs\": {\"city\": \"guangzhou\", \"retirement_group\": \"male60\",\n"
        "\"birth_date\": \"1965-03-10\", \"contribution_months\": 360,\n"
        "\"average_index\": \"1.5\", \"account_balance\": \"180000\"}}\n",
        "inputs:\n  city: guangzhou\n  retirement_group: female55\n  birth_date: 1970-06-01\n"
        "  contribution_months: 300\n  average_index: 1.0\n  account_balance: 90000\n"};
    before = calls;
    for (size_t i = 0; i < 3; i++) {
        if (check_case(cases[i], strlen(cases[i]), "case") != 0) {
            fprintf(stderr, "case %zu does not load: %s\n", i, libsi_ctx_message(ctx));
            return 1;
        }
        mutate_text(cases[i], check_case, "case", 8);
    }
    printf("case files: %ld loads\n", calls - before);

    printf("%d problems (%d crashes)\n", problems, crashes);
    gate_free(&rows);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return problems ? 1 : 0;
}

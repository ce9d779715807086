/*
 * Fuzz target: the command line of the calculators (si-contrib, si-pension,
 * si-unemployment, si-injury, si-actuarial), i.e. examples/calculator.c's
 * option parsing, key=value inputs, --case / --rules, the calculation and
 * the printed explanation or JSON, through calculator_run().
 *
 * Input: the arguments, argv[0] first.  When the input holds a NUL byte it
 * separates the arguments (so a value may hold a line break: an inline
 * history); otherwise each line is one argument (CR LF or LF), so seeds are
 * readable text files:
 *
 *     si-pension
 *     age
 *     birth_date=1974-10-08
 *     retirement_group=female55
 *
 * argv[0] picks the program, as its name does (an unknown name runs
 * si-contrib); the sub-commands (si-pension age, ...) are dispatched as the
 * programs' main() functions do.
 *
 * Files: the calculators read files named on the command line (--case,
 * --rules, history=, mortality=).  An argument or value that names one of the
 * fixtures below is replaced by the fixture's path in the source tree; an
 * argument holding '/' (without a line break, which makes it inline text) is
 * rejected, so the fuzzer opens only the fixtures and names in the working
 * directory, never /dev/stdin, /dev/zero or the like.  Nothing is written: standard output goes
 * to /dev/null (run libFuzzer with -close_fd_mask=2 to silence the error
 * messages too).
 *
 * Oracle: the exit status is 0, 1 or 2 (the sanitizers do the rest).  The
 * built-in rules are loaded once (they are immutable and shared).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "calculator.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 64

/* Fixture names a seed may use, and the files they stand for (relative to
 * the source root). */
static const struct {
    const char *name, *path;
} fixtures[] = {
    {"case.yaml", "tests/fuzz/cli-files/case.yaml"},
    {"case.json", "tests/fuzz/cli-files/case.json"},
    {"retiree.yaml", "tests/fuzz/cli-files/retiree.yaml"},
    {"injury.yaml", "tests/fuzz/cli-files/injury.yaml"},
    {"record.csv", "tests/fuzz/cli-files/record.csv"},
    {"history.yaml", "tests/fuzz/cli-files/history.yaml"},
    {"rules.yaml", "tests/fuzz/cli-files/rules.yaml"},
    {"rules", "data/rules"},
    {"table.tsv", "data/mortality/cl2010_2013_qx.tsv"},
    {"small.tsv", "tests/data/lifetable-small.tsv"},
};

/* The programs and their sub-commands (examples/si-*.c). */
static const struct {
    const char *program, *command, *scheme;
} programs[] = {
    {"si-contrib", NULL, "contributions"},
    {"si-pension", NULL, "pension"},
    {"si-pension", "age", "retirement_age"},
    {"si-pension", "account", "pension_account"},
    {"si-pension", "adjust", "pension_adjustment"},
    {"si-pension", "death", "pension_death"},
    {"si-pension", "recalc", "pension_recalculation"},
    {"si-unemployment", NULL, "unemployment"},
    {"si-unemployment", "death", "unemployment_death"},
    {"si-unemployment", "refund", "job_stabilisation_refund"},
    {"si-unemployment", "skill", "skill_subsidy"},
    {"si-injury", NULL, "work_injury"},
    {"si-actuarial", NULL, "life_annuity"},
    {"si-actuarial", "measures", "pension_measures"},
    {"si-resident", NULL, "resident_pension"},
    {"si-resident", "contribution", "resident_contribution"},
    {"si-resident", "account", "resident_account"},
    {"si-resident", "death", "resident_death"},
    {"si-resident", "switch", "scheme_switch"},
    {"si-institution", NULL, "institution_pension"},
    {"si-institution", "contrib", "institution_contribution"},
    {"si-institution", "annuity", "occupational_annuity"},
};
#define N_PROGRAMS (sizeof programs / sizeof programs[0])

static const libsi_ruleset *builtin_rules(void)
{
    static libsi_ruleset *rs; /* harness state, not library state */
    static libsi_ctx *loader;
    if (!rs) {
        if (libsi_ctx_new(NULL, &loader) != 0 || libsi_ruleset_builtin(loader, &rs) != 0)
            abort();
        struct stat st;
        if (!freopen("/dev/null", "w", stdout) || fstat(fileno(stdout), &st) != 0 ||
            !S_ISCHR(st.st_mode)) {
            fputs("fuzz_cli: /dev/null is not the null device\n", stderr);
            abort(); /* never fill a regular file with millions of results */
        }
    }
    return rs;
}

/* The path of the fixture named by the n bytes at `v`, or NULL. */
static const char *fixture(const char *v, size_t n)
{
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++)
        if (strlen(fixtures[i].name) == n && memcmp(v, fixtures[i].name, n) == 0)
            return fixtures[i].path;
    return NULL;
}

/* A copy of argument `s` (n bytes), the fixture path in place of a fixture
 * name (the whole argument, or the value after the first '='); NULL for a
 * path this harness does not open. */
static char *argument(const char *s, size_t n)
{
    const char *eq = memchr(s, '=', n), *path = fixture(s, n);
    size_t key = 0;
    if (!path && eq) {
        key = (size_t)(eq - s) + 1;
        path = fixture(eq + 1, n - key);
    }
    if (!path && memchr(s, '/', n) && !memchr(s, '\n', n))
        return NULL;
    size_t len = path ? key + strlen(LIBSI_SOURCE_ROOT) + 1 + strlen(path) : n;
    char *a = malloc(len + 1);
    if (!a)
        return NULL;
    if (path)
        snprintf(a, len + 1, "%.*s%s/%s", (int)key, s, LIBSI_SOURCE_ROOT, path);
    else
        memcpy(a, s, n), a[n] = '\0';
    return a;
}

/* Split the input into arguments; returns argc, or -1 for an input this
 * harness does not run. */
static int split(const uint8_t *data, size_t size, char **argv)
{
    const char *p = (const char *)data, *end = p + size;
    char sep = memchr(data, '\0', size) ? '\0' : '\n';
    int argc = 0;
    while (p < end) {
        const char *q = memchr(p, sep, (size_t)(end - p));
        size_t n = (size_t)((q ? q : end) - p);
        if (sep == '\n' && n > 0 && p[n - 1] == '\r')
            n--;
        if (argc == MAX_ARGS || !(argv[argc] = argument(p, n)))
            return -1;
        argc++;
        p = q ? q + 1 : end;
    }
    return argc;
}

static int run(int argc, char **argv)
{
    size_t i = 0;
    while (i < N_PROGRAMS && strcmp(argv[0], programs[i].program) != 0)
        i++;
    if (i == N_PROGRAMS)
        i = 0;
    for (size_t k = i; argc > 1 && k < N_PROGRAMS; k++) {
        if (strcmp(programs[k].program, programs[i].program) == 0 && programs[k].command &&
            strcmp(argv[1], programs[k].command) == 0) {
            char *command = argv[1];
            argv[1] = argv[0]; /* as the programs' main() do */
            int status = calculator_run(argc - 1, argv + 1, programs[k].scheme, "(fuzz)",
                                        builtin_rules());
            argv[1] = command;
            return status;
        }
    }
    return calculator_run(argc, argv, programs[i].scheme, "(fuzz)", builtin_rules());
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *argv[MAX_ARGS + 1] = {NULL};
    builtin_rules();
    int argc = split(data, size, argv);
    int status = 0;
    if (argc > 0) { /* a program always has argv[0] */
        status = run(argc, argv);
        if (status < 0 || status > 2)
            abort();
        fflush(stdout);
    }
    for (int i = 0; i < MAX_ARGS && argv[i]; i++)
        free(argv[i]);
    return argc < 0 ? -1 : 0;
}

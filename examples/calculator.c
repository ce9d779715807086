/*
 * Shared driver of the example calculators.
 *
 *   PROGRAM [--json] [--rules PATH] [--case FILE] [key=value ...]
 *
 * Inputs come from a case file (YAML or JSON) and/or key=value arguments
 * (arguments win).  By default the explanation of every step is printed,
 * with citations; --json prints the canonical JSON result
 * {"inputs","outputs","flags","trace","hash",...}.  --help lists the inputs
 * and outputs from the calculation's published schema.
 *
 * Exit status: 0 success, 1 calculation error (message on stderr), 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libsi.h>

#include "calculator.h"

static const char *type_name(libsi_type t)
{
    static const char *const names[] = {"decimal", "integer", "date", "month", "enum",
                                        "bool",    "text",    "json", "list"};
    return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "?";
}

static void print_fields(const char *scheme, libsi_field_kind kind)
{
    const libsi_field *f;
    for (size_t i = 0; (f = libsi_schema_field(scheme, kind, i)) != NULL; i++) {
        printf("  %-30s %-8s %s%s%s%s%s\n", f->name, type_name(f->type), f->description,
               *f->choices ? " [" : "", f->choices, *f->choices ? "]" : "",
               f->required ? " (required)" : "");
        if (*f->unit || (f->default_value && *f->default_value))
            printf("  %-30s %-8s unit: %s%s%s\n", "", "", *f->unit ? f->unit : "-",
                   f->default_value && *f->default_value ? "; default: " : "",
                   f->default_value ? f->default_value : "");
        if (*f->legal_basis && strcmp(f->legal_basis, "—") != 0)
            printf("  %-30s %-8s basis: %s\n", "", "", f->legal_basis);
        if (f->min && *f->min)
            printf("  %-30s %-8s min: %s\n", "", "", f->min);
        if (f->max && *f->max)
            printf("  %-30s %-8s max: %s\n", "", "", f->max);
    }
}

static void usage(const char *prog, const char *scheme, const char *summary)
{
    printf("usage: %s [--json] [--rules PATH] [--case FILE] [name=value ...]\n\n%s\n"
           "(libsi %s, calculation '%s')\n\n",
           prog, summary, libsi_version(), scheme);
    printf("options:\n  --json         print the canonical JSON result instead of the "
           "explanation\n  --case FILE    read inputs from a YAML or JSON case file\n"
           "  --rules PATH   use rule files (a .yaml file or a directory) instead of the "
           "built-in Guangdong rules\n  --help         this text\n\ninputs:\n");
    print_fields(scheme, LIBSI_FIELD_INPUT);
    printf("\noutputs:\n");
    print_fields(scheme, LIBSI_FIELD_OUTPUT);
}

static int fail(libsi_ctx *ctx, const char *prog, int rc)
{
    fprintf(stderr, "%s: error %d (%s): %s\n", prog, rc, libsi_strerror(rc),
            libsi_ctx_message(ctx));
    return 1;
}

typedef struct options {
    int json;
    const char *rules, *case_file;
} options;

/* Issue #12: a name given twice is refused, as a repeated key of a case file
 * is; last-wins would hide the mistake.  Returns the earlier argument or NULL. */
static const char *given_before(char **argv, int i)
{
    size_t len = (size_t)(strchr(argv[i], '=') - argv[i]);
    for (int j = 1; j < i; j++) {
        if (strcmp(argv[j], "--case") == 0 || strcmp(argv[j], "--rules") == 0)
            j++; /* the option's value */
        else if (strncmp(argv[j], argv[i], len + 1) == 0)
            return argv[j];
    }
    return NULL;
}

/* Options first; key=value pairs are applied after the case file. */
static int parse_options(int argc, char **argv, options *o, const char *scheme,
                         const char *summary)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(argv[0], scheme, summary);
            return 0;
        } else if (strcmp(argv[i], "--json") == 0) {
            o->json = 1;
        } else if ((strcmp(argv[i], "--case") == 0 || strcmp(argv[i], "--rules") == 0) &&
                   i + 1 < argc) {
            *(argv[i][2] == 'c' ? &o->case_file : &o->rules) = argv[i + 1];
            i++;
        } else if (!strchr(argv[i], '=') || argv[i][0] == '=' || argv[i][0] == '-') {
            fprintf(stderr, "%s: unexpected argument '%s' (try --help)\n", argv[0], argv[i]);
            return 2;
        } else if (given_before(argv, i)) {
            fprintf(stderr, "%s: input '%.*s' is given twice ('%s', then '%s'); give each input "
                    "once, as in a case file\n", argv[0], (int)(strchr(argv[i], '=') - argv[i]),
                    argv[i], given_before(argv, i), argv[i]);
            return 2;
        }
    }
    return -1;
}

static int build_case(libsi_ctx *ctx, int argc, char **argv, const options *o, libsi_case **c)
{
    int rc = o->case_file ? libsi_case_load(ctx, o->case_file, c) : libsi_case_new(ctx, c);
    for (int i = 1; rc == 0 && i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (argv[i][0] == '-' || !eq || (i > 1 && (strcmp(argv[i - 1], "--case") == 0 ||
                                                   strcmp(argv[i - 1], "--rules") == 0)))
            continue;
        *eq = '\0';
        rc = libsi_case_set(ctx, *c, argv[i], eq + 1);
        *eq = '=';
    }
    return rc;
}

static int print_result(libsi_ctx *ctx, const libsi_result *r, int json)
{
    char *text = NULL;
    int rc = json ? libsi_result_json(ctx, r, &text) : libsi_result_explain(ctx, r, &text);
    if (rc == 0)
        fputs(text, stdout);
    libsi_free(ctx, text);
    return rc;
}

int calculator_main(int argc, char **argv, const char *scheme, const char *summary)
{
    return calculator_run(argc, argv, scheme, summary, NULL);
}

int calculator_run(int argc, char **argv, const char *scheme, const char *summary,
                   const libsi_ruleset *builtin)
{
    options o = {0, NULL, NULL};
    int status = parse_options(argc, argv, &o, scheme, summary);
    if (status >= 0)
        return status;
    libsi_ctx *ctx = NULL;
    libsi_ruleset *rs = NULL;
    libsi_case *c = NULL;
    libsi_result *r = NULL;
    int rc = libsi_ctx_new(NULL, &ctx);
    if (rc != 0) {
        fprintf(stderr, "%s: %s\n", argv[0], libsi_strerror(rc));
        return 1;
    }
    rc = o.rules ? libsi_ruleset_load(ctx, o.rules, &rs)
         : builtin ? 0 : libsi_ruleset_builtin(ctx, &rs);
    if (rc == 0) rc = build_case(ctx, argc, argv, &o, &c);
    if (rc == 0) rc = libsi_calculate(ctx, rs ? rs : builtin, scheme, c, &r);
    if (rc == 0) rc = print_result(ctx, r, o.json);
    status = rc == 0 ? 0 : fail(ctx, argv[0], rc);
    libsi_result_free(r);
    libsi_case_free(c);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return status;
}

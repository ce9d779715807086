/*
 * Shared driver of the example calculators.
 *
 *   PROGRAM [--json | --format text|json|html] [--lang zh|en] [--rules PATH]
 *           [--case FILE] [key=value ...]
 *
 * Inputs come from a case file (YAML or JSON) and/or key=value arguments
 * (arguments win).  By default the explanation of every step is printed,
 * with citations; --json prints the canonical JSON result
 * {"inputs","outputs","flags","trace","hash",...}; --format html prints the
 * printable calculation sheet.  The language of the explanation, the sheet
 * and the error messages is --lang, else that of $LC_ALL, $LC_MESSAGES or
 * $LANG, else English.  --help lists the inputs and outputs from the
 * calculation's published schema and the case file format.
 *
 * Exit status: 0 success, 1 calculation error (message on stderr), 2 usage.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libsi.h>

#include "calculator.h"
#include "cli_lang.h"

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

/* What --help says of the files a calculator reads (issue #17). */
static void file_formats(const char *scheme)
{
    printf("\ncase file (--case FILE): YAML or JSON, one mapping of input names to values,\n"
           "  or a result document printed by --json (its \"inputs\" are read back):\n"
           "    # case.yaml                     // case.json\n"
           "    city: guangzhou                 {\"city\": \"guangzhou\", \"month\": \"2025-08\",\n"
           "    month: 2025-08                   \"wage\": \"30000\"}\n"
           "    wage: \"30000\"\n"
           "  Amounts are best quoted (decimal strings); a key given twice is an error;\n"
           "  name=value arguments are applied after the file.  Examples: examples/cases/.\n");
    const libsi_field *f;
    for (size_t i = 0; (f = libsi_schema_field(scheme, LIBSI_FIELD_INPUT, i)) != NULL; i++)
        if (strcmp(f->name, "history") == 0 && strncmp(scheme, "pension", 7) != 0)
            printf("\nhistory file (history=FILE, or the text itself): %s\n", f->description);
        else if (strcmp(f->name, "history") == 0)
            printf("\nhistory file (history=FILE, or the text itself): CSV or YAML, the monthly\n"
                   "  contribution record (缴费记录).  CSV: a header line naming the columns, then\n"
                   "  one line per month or per range of months with the same base:\n"
                   "    month,base,average_wage,crediting_rate\n"
                   "    2016-01,6000,6189,0.0831\n"
                   "    2016-02..2016-12,6000,6189,0.0831\n"
                   "  month YYYY-MM or YYYY-MM..YYYY-MM (months strictly increasing), base the\n"
                   "  contribution base (yuan/month); optional average_wage (the year's average\n"
                   "  wage, for the index) and crediting_rate (the year's account crediting\n"
                   "  rate); '#' lines are comments.  YAML: a list (or `history:` list) of\n"
                   "  mappings with the same keys.  Details: docs/pension.md.\n"
                   "  Example: examples/history/record.csv (120 months).\n");
}

static void usage(const char *prog, const char *scheme, const char *summary)
{
    printf("usage: %s [--json | --format text|json|html] [--lang zh|en] [--rules PATH] "
           "[--case FILE] [name=value ...]\n\n%s\n(libsi %s, calculation '%s')\n\n",
           prog, summary, libsi_version(), scheme);
    printf("options:\n  --json         print the canonical JSON result instead of the "
           "explanation\n  --format F     text (the explanation, default), json, or html (a "
           "printable A4\n                 calculation sheet, one self-contained page)\n"
           "  --lang L       zh or en: language of the explanation, the sheet and the error\n"
           "                 messages (default: from $LC_ALL, $LC_MESSAGES or $LANG, else en)\n"
           "  --case FILE    read inputs from a YAML or JSON case file\n"
           "  --rules PATH   use rule files (a .yaml file or a directory) instead of the "
           "built-in Guangdong rules\n  --help         this text\n\ninputs:\n");
    print_fields(scheme, LIBSI_FIELD_INPUT);
    printf("\noutputs:\n");
    print_fields(scheme, LIBSI_FIELD_OUTPUT);
    file_formats(scheme);
}

typedef enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_HTML } format;

typedef struct options {
    format format;
    libsi_lang lang;
    const char *rules, *case_file;
} options;

static int fail(libsi_ctx *ctx, const char *prog, int rc, const options *o)
{
    fprintf(stderr, "%s: error %d (%s): %s\n", prog, rc, libsi_strerror(rc),
            libsi_ctx_message_lang(ctx, o->lang));
    return 1;
}

static bool takes_value(const char *arg)
{
    return strcmp(arg, "--case") == 0 || strcmp(arg, "--rules") == 0 ||
           strcmp(arg, "--lang") == 0 || strcmp(arg, "--format") == 0;
}

/* --lang and --format: 0, or 2 after a message. */
static int value_option(const char *prog, const char *opt, const char *value, options *o)
{
    if (strcmp(opt, "--lang") == 0) {
        if (cli_lang_option(value, &o->lang) != 0)
            goto bad;
    } else if (strcmp(opt, "--format") == 0) {
        static const char *const names[] = {"text", "json", "html"};
        size_t i = 0;
        while (i < 3 && strcmp(value, names[i]) != 0)
            i++;
        if (i == 3)
            goto bad;
        o->format = (format)i;
    } else {
        *(opt[2] == 'c' ? &o->case_file : &o->rules) = value;
    }
    return 0;
bad:
    fprintf(stderr, "%s: %s '%s': expected %s (try --help)\n", prog, opt, value,
            opt[2] == 'l' ? "zh or en" : "text, json or html");
    return 2;
}

/* Issue #12: a name given twice is refused, as a repeated key of a case file
 * is; last-wins would hide the mistake.  Returns the earlier argument or NULL. */
static const char *given_before(char **argv, int i)
{
    size_t len = (size_t)(strchr(argv[i], '=') - argv[i]);
    for (int j = 1; j < i; j++) {
        if (takes_value(argv[j]))
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
            o->format = FORMAT_JSON;
        } else if (takes_value(argv[i]) && i + 1 < argc) {
            if (value_option(argv[0], argv[i], argv[i + 1], o) != 0)
                return 2;
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
        if (argv[i][0] == '-' || !eq || (i > 1 && takes_value(argv[i - 1])))
            continue;
        *eq = '\0';
        rc = libsi_case_set(ctx, *c, argv[i], eq + 1);
        *eq = '=';
    }
    return rc;
}

static int print_result(libsi_ctx *ctx, const libsi_result *r, const options *o)
{
    char *text = NULL;
    int rc = o->format == FORMAT_JSON   ? libsi_result_json(ctx, r, &text)
             : o->format == FORMAT_HTML ? libsi_result_html(ctx, r, o->lang, &text)
                                        : libsi_result_explain_lang(ctx, r, o->lang, &text);
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
    options o = {FORMAT_TEXT, cli_environment_lang(), NULL, NULL};
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
    if (rc == 0) rc = print_result(ctx, r, &o);
    status = rc == 0 ? 0 : fail(ctx, argv[0], rc, &o);
    libsi_result_free(r);
    libsi_case_free(c);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return status;
}

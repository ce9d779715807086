/* Shared driver of the example calculators (si-contrib, ...). */
#ifndef LIBSI_EXAMPLES_CALCULATOR_H
#define LIBSI_EXAMPLES_CALCULATOR_H

#include <libsi.h>

/* Run calculation `scheme` from the command line: key=value arguments or
 * --case FILE, --rules PATH, --json, --help.  Returns the process exit code. */
int calculator_main(int argc, char **argv, const char *scheme, const char *summary);

/* The same, with the built-in rules loaded once by the caller (the fuzz
 * target, tests/fuzz/fuzz_cli.c): `builtin` is used unless --rules is given;
 * NULL loads them as calculator_main does.  Never exits; prints to stdout and
 * stderr. */
int calculator_run(int argc, char **argv, const char *scheme, const char *summary,
                   const libsi_ruleset *builtin);

#endif

/* Shared driver of the example calculators (si-contrib, ...). */
#ifndef LIBSI_EXAMPLES_CALCULATOR_H
#define LIBSI_EXAMPLES_CALCULATOR_H

/* Run calculation `scheme` from the command line: key=value arguments or
 * --case FILE, --rules PATH, --json, --help.  Returns the process exit code. */
int calculator_main(int argc, char **argv, const char *scheme, const char *summary);

#endif

/* The language of a calculator's texts (issue #17): --lang zh|en, else the
 * environment's ($LC_ALL, $LC_MESSAGES, $LANG in POSIX order), else English. */
#ifndef LIBSI_EXAMPLES_CLI_LANG_H
#define LIBSI_EXAMPLES_CLI_LANG_H

#include <stdlib.h>
#include <string.h>

#include <libsi.h>

static inline libsi_lang cli_environment_lang(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    libsi_lang lang = LIBSI_LANG_EN;
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) {
            libsi_lang_from_name(v, &lang); /* another language: English */
            break;
        }
    }
    return lang;
}

/* The value of --lang: 0, or -1 when it is neither zh nor en. */
static inline int cli_lang_option(const char *value, libsi_lang *lang)
{
    if (strcmp(value, "zh") != 0 && strcmp(value, "en") != 0)
        return -1;
    return libsi_lang_from_name(value, lang);
}

#endif

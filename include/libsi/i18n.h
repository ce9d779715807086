/**
 * @file libsi/i18n.h
 * @brief Explanations, calculation sheets and error messages in Chinese or English.
 *
 * The English texts are those of the code (step titles, formulas, notes,
 * error messages); the Chinese ones are compiled in from data/i18n/zh-*.tsv files.
 * Numbers, names, citations and hashes are the same in both languages:
 * translation changes only words, and only when a text is rendered.
 *
 * Thread safety: the functions taking a ::libsi_ctx follow the context's
 * rules (one thread at a time); the others are pure and thread-safe.
 */
#ifndef LIBSI_I18N_H
#define LIBSI_I18N_H

#include "common.h"
#include "calc.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Language of a rendered text.  The values are pinned. */
typedef enum libsi_lang {
    LIBSI_LANG_EN = 0, /**< English (the texts of the code) */
    LIBSI_LANG_ZH = 1  /**< Simplified Chinese (data/i18n/zh-*.tsv) */
} libsi_lang;

/**
 * Language named by `name`: "en" / "zh", or a locale such as "zh_CN.UTF-8",
 * "en_US.UTF-8", "C" or "POSIX" (as in $LANG; C and POSIX are English).
 * Returns 0, or LIBSI_EINVAL (and *lang = LIBSI_LANG_EN) for NULL, "" or
 * another language.  Thread-safe.
 */
LIBSI_API int libsi_lang_from_name(const char *name, libsi_lang *lang);

/**
 * The text `english` in `lang`: the Chinese of a library text (a step
 * title, formula, note or label of the explanation), or `english` itself
 * when it has none or `lang` is English.
 * Ownership: a static string or `english`; never free it.  Thread-safe.
 */
LIBSI_API const char *libsi_text(libsi_lang lang, const char *english);

/**
 * libsi_result_explain() in `lang`.  The numbers, rule names, citations and
 * the hash are those of the English text.
 * Ownership: free with libsi_free(ctx, *text).
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 4)
int libsi_result_explain_lang(libsi_ctx *ctx, const libsi_result *r, libsi_lang lang,
                              char **text);

/**
 * The result as one self-contained printable HTML page (UTF-8, inline CSS,
 * A4 @page), laid out like the agency's approval form: inputs, each step
 * with its formula, rule values with documents and periods, roundings with
 * residues, outputs, flags pointing to their steps, the hash.  The result
 * must have been computed at LIBSI_TRACE_FULL for the steps to appear.
 * Ownership: free with libsi_free(ctx, *html).
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 4)
int libsi_result_html(libsi_ctx *ctx, const libsi_result *r, libsi_lang lang, char **html);

/**
 * libsi_ctx_message() in `lang`: the message's words translated, its values
 * (names, numbers, dates) as given.  The English message when no
 * translation matches.
 * Ownership: owned by the context, valid until its next call.
 */
LIBSI_API const char *libsi_ctx_message_lang(libsi_ctx *ctx, libsi_lang lang);

#ifdef __cplusplus
}
#endif

#endif /* LIBSI_I18N_H */

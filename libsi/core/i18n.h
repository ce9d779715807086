/*
 * Translations (issue #17).  The English text is the one in the code; the
 * Chinese comes from data/i18n/zh-*.tsv files, compiled in by tools/embed_i18n.py
 * into a table sorted by the English bytes.  Nothing here runs while a
 * calculation records its trace (the trace keeps pointers to the English):
 * texts are looked up only when a result is rendered.
 */
#ifndef LIBSI_I18N_INTERNAL_H
#define LIBSI_I18N_INTERNAL_H

#include <stddef.h>

#include "internal.h"

typedef struct lsi_i18n_entry {
    const char *en, *zh;
} lsi_i18n_entry;

extern const lsi_i18n_entry lsi_i18n_zh[];
extern const size_t lsi_i18n_zh_count;

/* The Chinese of `en`, or NULL when there is none. */
const char *lsi_i18n_find(const char *en);

/* `en` in `lang` (itself when English or untranslated). */
const char *lsi_tr(libsi_lang lang, const char *en);

/* A render's lookups keyed by the text's address: the trace repeats the
 * same static titles and formulas, so each is searched once per render.
 * Lives on the renderer's stack; zero-initialise it. */
#define LSI_I18N_CACHE_SLOTS 256
typedef struct lsi_i18n_cache {
    libsi_lang lang;
    const char *key[LSI_I18N_CACHE_SLOTS], *value[LSI_I18N_CACHE_SLOTS];
} lsi_i18n_cache;

const char *lsi_tr_cached(lsi_i18n_cache *c, const char *en);

/* A message made from the printf format `fmt` rendered in `lang` into
 * `out` (n bytes): the values `message` put in place of fmt's conversions
 * are found by matching, and put into the Chinese format (conversions in the
 * same order, or numbered %1$s); a value that is itself a translated text
 * is translated.  False (out untouched) when no translation matches. */
bool lsi_i18n_message(libsi_lang lang, const char *fmt, const char *message, char *out,
                      size_t n);

/* A text made at run time (a trace value, a note) in `lang`: its
 * translation, or its translation through the first format of the table it
 * matches (into `buf`, n bytes), or the text itself. */
const char *lsi_i18n_text(libsi_lang lang, const char *text, char *buf, size_t n);

#endif

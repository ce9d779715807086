/**
 * @file libsi/ruleset.h
 * @brief Dated rule store: rule values with period, unit and provenance.
 *
 * A ruleset is immutable once created and may be shared read-only by any
 * number of threads and contexts.  Every value has a name
 * ("pension.contribution_base.ceiling"), a jurisdiction, an effective period
 * [from, to), a unit and its provenance (document, URL, publication date,
 * status, confidence).  Lookups fall back city → province → nation and are
 * strict: a value missing for the date asked is LIBSI_ENOTFOUND, unless the
 * caller explicitly asks for the last value to be carried forward.
 */
#ifndef LIBSI_RULESET_H
#define LIBSI_RULESET_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Immutable, thread-shareable rule store. */
typedef struct libsi_ruleset libsi_ruleset;

/**
 * The Guangdong rule data compiled into the library (nothing on disk needed).
 * @return 0, LIBSI_ENOMEM or LIBSI_EINTERNAL
 * Ownership: free with libsi_ruleset_free().  The ruleset keeps a copy of
 * the context's allocator and does not refer to `ctx` afterwards.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 2)
int libsi_ruleset_builtin(libsi_ctx *ctx, libsi_ruleset **out);

/**
 * Load rule files: `path` is one YAML file or a directory whose `*.yaml`
 * files are all loaded (in name order).
 * @return 0, LIBSI_EIO, LIBSI_ERULEFILE (message names file, line and field)
 * or LIBSI_ENOMEM.  Ownership: free with libsi_ruleset_free().
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 3)
int libsi_ruleset_load(libsi_ctx *ctx, const char *path,
                       libsi_ruleset **out);

/**
 * Load rules from a YAML document in memory; `name` labels it in messages.
 * Ownership: the buffer is not kept.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 5)
int libsi_ruleset_load_buffer(libsi_ctx *ctx, const char *yaml,
                              size_t len, const char *name,
                              libsi_ruleset **out);

/**
 * Free a ruleset (NULL accepted).  No lookup on it may be in progress.
 * Ownership: gives up the caller's reference.  Results with a full trace, and
 * a context whose last libsi_calculate() used this ruleset (its rule cache),
 * hold references of their own: the memory goes with the last of them
 * (libsi_result_free(), a calculation with another ruleset, libsi_ctx_free()).
 * Thread safety: the references are atomic; any thread may free its own.
 */
LIBSI_API void libsi_ruleset_free(libsi_ruleset *rs);

/**
 * SHA-256 (hex) over a canonical serialisation of every value: two rulesets
 * with the same digest give the same answers.  Ownership: owned by `rs`.
 */
LIBSI_API const char *libsi_ruleset_digest(const libsi_ruleset *rs);

/** Number of rule values in the ruleset. */
LIBSI_API size_t libsi_ruleset_size(const libsi_ruleset *rs);

/**
 * Lookup options.  Extensible (docs/api.md): initialise with
 * ::LIBSI_LOOKUP_OPTIONS_INIT or libsi_lookup_options_init(), then set what
 * you need; the library reads no more than `size` bytes.
 */
typedef struct libsi_lookup_options {
    size_t size; /**< sizeof(libsi_lookup_options) the caller was compiled with */
    /** Only values published on or before this date (YYYY-MM-DD) are seen;
     *  NULL sees everything.  Reproduces what an agency knew on that day. */
    const char *known_on;
    /** Non-zero: when no value covers the date, use the latest earlier value
     *  and set LIBSI_FLAG_CARRIED_FORWARD.  Zero (default): strict. */
    int carry_forward;
} libsi_lookup_options;

/** Initialiser for ::libsi_lookup_options: strict, seeing every publication. */
#define LIBSI_LOOKUP_OPTIONS_INIT {sizeof(libsi_lookup_options), NULL, 0}

/**
 * Initialise `size` bytes of `opt` (pass sizeof *opt) to
 * ::LIBSI_LOOKUP_OPTIONS_INIT.  @return 0 or LIBSI_EINVAL.  Thread-safe.
 */
LIBSI_API int libsi_lookup_options_init(libsi_lookup_options *opt, size_t size);

/**
 * One rule value with its provenance.  All strings are owned by the ruleset
 * and live as long as it does.  Empty strings stand for absent fields.
 * Extensible (docs/api.md): initialise with ::LIBSI_RULE_VALUE_INIT or
 * libsi_rule_value_init(); the library writes no more than `size` bytes.
 */
typedef struct libsi_rule_value {
    size_t size;              /**< sizeof(libsi_rule_value) the caller was compiled with */
    const char *name;         /**< parameter name */
    const char *value;        /**< canonical decimal string */
    const char *unit;         /**< "yuan/month", "ratio", ... */
    const char *jurisdiction; /**< code where the value was found, e.g. "440000" */
    const char *from;         /**< first day in force, YYYY-MM-DD */
    const char *to;           /**< first day no longer in force, or "" if open */
    const char *document;     /**< document number, e.g. 粤人社发〔2025〕32号 */
    const char *article;      /**< article or section, may be "" */
    const char *url;          /**< may be "" */
    const char *published;    /**< publication date YYYY-MM-DD */
    const char *status;       /**< "enacted", "provisional" or "projected" */
    const char *confidence;   /**< "H", "M", "L" or "NF" */
    const char *note;         /**< how a derived or weak value was obtained, may be "" */
    const char *source_file;  /**< rule file it came from */
    unsigned flags;           /**< LIBSI_FLAG_CARRIED_FORWARD, _LOW_CONFIDENCE, _PROVISIONAL */
} libsi_rule_value;

/** Initialiser for ::libsi_rule_value (every other member NULL or 0). */
#define LIBSI_RULE_VALUE_INIT {sizeof(libsi_rule_value), NULL, NULL, NULL, NULL, NULL, NULL, \
                               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0}

/**
 * Initialise `size` bytes of `value` (pass sizeof *value) to
 * ::LIBSI_RULE_VALUE_INIT.  @return 0 or LIBSI_EINVAL.  Thread-safe.
 */
LIBSI_API int libsi_rule_value_init(libsi_rule_value *value, size_t size);

/**
 * Look up a rule value.
 * @param ctx           the caller's context (error message)
 * @param rs            the ruleset to search (not modified)
 * @param name          parameter name, e.g. "pension.contribution_base.ceiling"
 * @param jurisdiction  code ("440100"), pinyin ("guangzhou"), Chinese name
 *                      ("广州"), "guangdong"/"440000" or "nation"/"0"
 * @param date          YYYY-MM-DD (or YYYY-MM, meaning its first day)
 * @param opt           NULL for strict lookup seeing every publication
 * @param out           receives the value; its strings belong to `rs` and stay
 *                      valid until libsi_ruleset_free(rs)
 * @return 0, LIBSI_ENOTFOUND (message names parameter, jurisdiction, date),
 *         LIBSI_EJURISDICTION, LIBSI_EUNSUPPORTED (Shenzhen) or LIBSI_EDATE
 * Thread-safety: `rs` may be shared; `ctx` is per thread.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 7)
int libsi_ruleset_lookup(libsi_ctx *ctx, const libsi_ruleset *rs,
                         const char *name, const char *jurisdiction,
                         const char *date,
                         const libsi_lookup_options *opt,
                         libsi_rule_value *out);

/**
 * Resolve a jurisdiction given as code, pinyin or Chinese name into its
 * six-digit GB/T 2260 code ("0" for the nation).  A district or county of a
 * Guangdong city (440106, 天河区, 天河, tianhe) resolves to its city
 * ("440100"): social insurance is pooled by city.
 * @param ctx   the caller's context (error message)
 * @param text  the jurisdiction as written by the caller (not retained)
 * @param code  receives the code ("440100", "0"); NULL on failure
 * @return 0, LIBSI_EJURISDICTION (unknown, or a name shared by two districts),
 * LIBSI_EUNSUPPORTED (Shenzhen and its districts), LIBSI_EINVAL or LIBSI_ENOMEM
 * Ownership: free *code with libsi_free(ctx, *code).  Thread-safety: uses only `ctx`.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 3)
int libsi_jurisdiction_resolve(libsi_ctx *ctx, const char *text, char **code);

#ifdef __cplusplus
}
#endif
#endif /* LIBSI_RULESET_H */

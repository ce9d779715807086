/**
 * @file libsi/calc.h
 * @brief Calculations: cases (named inputs), results (named outputs, flags,
 * trace, hash) and the published input/output schema of each calculation.
 *
 * A calculation ("scheme") such as "contributions" takes a case and a
 * ruleset and gives named outputs as canonical strings, non-error flags and a
 * trace of every step: the rule and its legal citation, every parameter
 * read, the exact value before each rounding, the rounding rule, the result
 * and the residue.  The result hash (SHA-256 over inputs, ruleset digest,
 * library version and outputs) lets an auditor prove two runs agree.
 */
#ifndef LIBSI_CALC_H
#define LIBSI_CALC_H

#include "common.h"
#include "ruleset.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- schema */

/** Value types of inputs and outputs. */
typedef enum libsi_type {
    LIBSI_TYPE_DECIMAL = 0, /**< canonical decimal string */
    LIBSI_TYPE_INTEGER = 1, /**< whole number */
    LIBSI_TYPE_DATE = 2,    /**< YYYY-MM-DD (YYYY-MM where the unit says month) */
    LIBSI_TYPE_MONTH = 3,   /**< YYYY-MM */
    LIBSI_TYPE_ENUM = 4,    /**< one of the listed choices */
    LIBSI_TYPE_BOOL = 5,    /**< "true" or "false" */
    LIBSI_TYPE_TEXT = 6,    /**< free text (jurisdiction, path, ...) */
    LIBSI_TYPE_JSON = 7,    /**< JSON document (outputs such as schedules) */
    LIBSI_TYPE_LIST = 8     /**< comma-separated list of enum choices */
} libsi_type;

/** One input or output field of a calculation.  Static data owned by the
 * library: callers only read it through the pointer libsi_schema_field()
 * returns, so members may be appended in later versions. */
typedef struct libsi_field {
    const char *name;        /**< e.g. "wage" */
    libsi_type type;         /**< value type */
    const char *unit;        /**< "yuan/month", "ratio", "" */
    const char *choices;     /**< for enums and lists: "employee|flexible"; else "" */
    int required;            /**< inputs: non-zero if required */
    const char *default_value; /**< inputs: value used when absent, or "" */
    const char *description; /**< one line, English */
    const char *legal_basis; /**< document and article, e.g. "粤人社发〔2025〕32号 §一" */
    /** Inputs: the smallest plausible value and where the bound comes from,
     * e.g. "0" or "pension.average_index.min (rule data)"; "" when none.
     * Appended after the fields above, so code reading them is unaffected. */
    const char *min;
    /** Inputs: the largest plausible value and its source, e.g. "months from
     * age 16 to the retirement month (《劳动法》第十五条)"; "" when none. */
    const char *max;
} libsi_field;

/**
 * Names of all calculations, NULL-terminated ("contributions", ...).
 * Ownership: static.  Thread-safe.
 */
LIBSI_API const char *const *libsi_schema_names(void);

/** Which fields of a scheme: its inputs or its outputs. */
typedef enum libsi_field_kind {
    LIBSI_FIELD_INPUT = 0, /**< the inputs a case gives */
    LIBSI_FIELD_OUTPUT = 1 /**< the outputs a result gives */
} libsi_field_kind;

/**
 * Number of input or output fields of a scheme (0 when `scheme` is unknown
 * or `kind` is not a ::libsi_field_kind).  Thread-safe.
 */
LIBSI_API size_t libsi_schema_field_count(const char *scheme, libsi_field_kind kind);

/**
 * Input or output field `i` of a scheme, in schema order; O(1) once the
 * scheme is found.
 * @return pointer to static data (which may grow members at its end in later
 * versions: never copy it by value), or NULL when `scheme` is unknown, `kind`
 * is not a ::libsi_field_kind or `i` is past the end.  Thread-safe.
 */
LIBSI_API const libsi_field *libsi_schema_field(const char *scheme, libsi_field_kind kind,
                                                size_t i);

/** One-line description of a scheme and its legal basis, or NULL. */
LIBSI_API const char *libsi_schema_description(const char *scheme);

/**
 * The schema of a scheme as canonical JSON:
 * {"description","inputs":[{name,type,unit,choices,required,default,description,legal_basis,min,max}],"outputs":[...],"scheme"}.
 * Ownership: free with libsi_free(ctx, *json).
 * @return 0, LIBSI_ESCHEME or LIBSI_ENOMEM
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 3)
int libsi_schema_json(libsi_ctx *ctx, const char *scheme, char **json);

/* ------------------------------------------------------------------ case */

/** Named inputs of one calculation. */
typedef struct libsi_case libsi_case;

/** Create an empty case.  Ownership: free with libsi_case_free(c). */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 2)
int libsi_case_new(libsi_ctx *ctx, libsi_case **out);

/**
 * Set (or replace) input `name` to the text `value`.  Values are checked when
 * the calculation runs, against the scheme's schema.
 * @return 0, LIBSI_EINVAL or LIBSI_ENOMEM
 */
LIBSI_API int libsi_case_set(libsi_ctx *ctx, libsi_case *c, const char *name,
                             const char *value);

/**
 * Value of input `name`, or NULL when unset.  Ownership: owned by the case.
 */
LIBSI_API const char *libsi_case_get(const libsi_case *c, const char *name);

/**
 * Load a case file: a YAML or JSON mapping of input names to scalars
 * (sequences become comma-separated lists); a mapping with an "inputs" key
 * (the --json output of a calculator) is also accepted, and then any key
 * beside "inputs" other than those of a result document (outputs, flags,
 * hash, ruleset, scheme, trace, version) is an error.
 * @return 0, LIBSI_EIO, LIBSI_ECASE (message names line and field) or LIBSI_ENOMEM
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 3)
int libsi_case_load(libsi_ctx *ctx, const char *path, libsi_case **out);

/** Same as libsi_case_load() from memory; `name` labels it in messages. */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 5)
int libsi_case_load_buffer(libsi_ctx *ctx, const char *text, size_t len,
                           const char *name, libsi_case **out);

/** Free a case (NULL accepted). */
LIBSI_API void libsi_case_free(libsi_case *c);

/* ---------------------------------------------------------------- result */

/** Outputs, flags, trace and hash of one calculation. */
typedef struct libsi_result libsi_result;

/**
 * Run calculation `scheme` on case `c` with ruleset `rs`.
 * @return 0 or a negative code; on error the context message names the input
 * or rule parameter at fault, and `*out` is NULL.
 * Ownership: free the result with libsi_result_free(r).
 * Thread-safety: `rs` may be shared; `ctx` and `c` are per thread.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 5)
int libsi_calculate(libsi_ctx *ctx, const libsi_ruleset *rs,
                    const char *scheme, const libsi_case *c,
                    libsi_result **out);

/** Free a result (NULL accepted). */
LIBSI_API void libsi_result_free(libsi_result *r);

/** Number of outputs the calculation set (in schema order).  O(1). */
LIBSI_API size_t libsi_result_count(const libsi_result *r);

/** Name of output `i`, or NULL past the end.  Owned by the result.  O(1). */
LIBSI_API const char *libsi_result_name(const libsi_result *r, size_t i);

/** Value of output `i` as a canonical string, or NULL.  Owned by the result.  O(1). */
LIBSI_API const char *libsi_result_value(const libsi_result *r, size_t i);

/** Value of output `name`, or NULL if the result has no such output. */
LIBSI_API const char *libsi_result_get(const libsi_result *r, const char *name);

/**
 * An output amount in yuan as int64 fen ("2203.92" → 220392), exactly.
 * @param ctx  the caller's context (error message)
 * @param r    the result (not modified)
 * @param name output name, e.g. "employee_total"
 * @param fen  receives the amount
 * @return 0, LIBSI_EINVAL (no such output) or LIBSI_ERANGE (not whole fen)
 * Thread-safety: `r` may be read from several threads; `ctx` is per thread.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 4)
int libsi_result_get_fen(libsi_ctx *ctx, const libsi_result *r, const char *name,
                         int64_t *fen);

/** Bitwise OR of ::libsi_flag values raised by the calculation. */
LIBSI_API unsigned libsi_result_flags(const libsi_result *r);

/** SHA-256 (hex) over inputs, ruleset digest, library version and outputs. */
LIBSI_API const char *libsi_result_hash(const libsi_result *r);

/**
 * The whole result as canonical JSON (sorted keys, fixed formatting):
 * {"flags":[...],"hash":"...","inputs":{...},"outputs":{...},"ruleset":"...","scheme":"...","trace":[...],"version":"..."}.
 * Ownership: free with libsi_free(ctx, *json).
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 3)
int libsi_result_json(libsi_ctx *ctx, const libsi_result *r, char **json);

/**
 * A human explanation of every step, with citations (UTF-8 text).
 * Ownership: free with libsi_free(ctx, *text).
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 3)
int libsi_result_explain(libsi_ctx *ctx, const libsi_result *r, char **text);

#ifdef __cplusplus
}
#endif
#endif /* LIBSI_CALC_H */

/**
 * @file libsi/actuarial.h
 * @brief Life tables, survival, life expectancy, annuity and insurance factors.
 *
 * A ::libsi_lifetable holds the one-year death probabilities q_x of a table
 * for contiguous ages first…last (q_last = 1: the table closes).  The six
 * 中国人身保险业经验生命表（2010－2013） tables CL1 … CL6 (CIRC 保监发〔2016〕108号)
 * are compiled into the library; a caller may load its own table from a file
 * or a buffer (format: docs/actuarial.md, "Life table files").
 *
 * Factors are computed with GNU MPFR from the decimal text of q_x, the
 * interest, the growth and the improvement rates, and each result is rounded
 * ONCE, half-even, to the stated number of decimals (rule `actuarial_factor`).
 * The rounding is correct: when the working value lies too close to a
 * rounding boundary to decide, the precision is doubled (up to
 * ::LIBSI_ACTUARIAL_MAX_PRECISION bits), so a result is the exact factor
 * rounded, the same bytes on every platform whatever the starting precision.
 * Results are canonical decimal strings.  These are pure factors: MPFR never
 * touches an amount of money.  Formulas and notation: docs/actuarial.md.
 *
 * Errors: LIBSI_EINVAL (NULL pointer, bad enumeration value), LIBSI_EDECIMAL
 * (malformed decimal string), LIBSI_ERANGE (a value outside its range, such as
 * an age outside the table), LIBSI_ELIFETABLE (a table that fails its checks),
 * LIBSI_EIO, LIBSI_ENOMEM.  libsi_ctx_field() names the offending parameter
 * (the member name of the spec or options struct, e.g. "interest") or, for a
 * table, the part that failed ("header", "column", "row", "age", "q_x",
 * "table").
 *
 * Thread safety: a ::libsi_lifetable is immutable once created and may be
 * shared by any number of threads; each thread uses its own ::libsi_ctx.
 */
#ifndef LIBSI_ACTUARIAL_H
#define LIBSI_ACTUARIAL_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Default MPFR working precision in bits (options.precision = 0). */
#define LIBSI_ACTUARIAL_PRECISION 256
/** Smallest starting precision accepted, in bits. */
#define LIBSI_ACTUARIAL_MIN_PRECISION 64
/** Largest precision: the starting one and the limit of the doubling. */
#define LIBSI_ACTUARIAL_MAX_PRECISION 16384
/** Most decimals a factor may be rounded to. */
#define LIBSI_ACTUARIAL_MAX_DECIMALS 18
/** Highest age a life table may reach. */
#define LIBSI_LIFETABLE_MAX_AGE 200

/** Opaque, immutable life table (q_x for contiguous ages). */
typedef struct libsi_lifetable libsi_lifetable;

/**
 * Names of the built-in tables ("CL1" … "CL6"), NULL-terminated.
 * Ownership: static.  Thread-safe.
 */
LIBSI_API const char *const *libsi_lifetable_builtin_names(void);

/**
 * Open a built-in table by name.
 * @param ctx   the caller's context (receives the error message)
 * @param name  a name from libsi_lifetable_builtin_names(), e.g. "CL5"
 * @param out   receives the table
 * @return 0, LIBSI_EINVAL (NULL argument), LIBSI_ENOTFOUND (no such table)
 *         or LIBSI_ENOMEM
 * Ownership: free with libsi_lifetable_free().  Thread-safety: uses only
 * `ctx`; the table may then be shared between threads.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 3)
int libsi_lifetable_builtin(libsi_ctx *ctx, const char *name, libsi_lifetable **out);

/**
 * Load and check a table from a tab-separated file: '#' comment lines (kept
 * as the table's notes), a header `age<TAB>NAME…`, then one row per age.
 * Checked: ages contiguous and ascending, every q_x a decimal string with
 * 0 ≤ q_x ≤ 1 (parsed exactly, never through binary floating point), q = 1 at
 * the last age, every row as wide as the header.
 * @param ctx     the caller's context (receives the error message)
 * @param path    file to read (not retained)
 * @param column  column to use, or NULL when the file has a single q column
 * @param out     receives the table
 * @return 0, LIBSI_EINVAL, LIBSI_EIO, LIBSI_ELIFETABLE (field: "header",
 *         "column", "row", "age", "q_x" or "table") or LIBSI_ENOMEM
 * Ownership: free with libsi_lifetable_free().  Thread-safety: uses only `ctx`.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 4)
int libsi_lifetable_load(libsi_ctx *ctx, const char *path, const char *column,
                         libsi_lifetable **out);

/**
 * Load and check a table from text in memory; as libsi_lifetable_load().
 * @param ctx     the caller's context (receives the error message)
 * @param text    the table text, `len` bytes, need not be NUL-terminated
 *                (copied, not retained)
 * @param len     its length in bytes
 * @param column  column to use, or NULL when the text has a single q column
 * @param out     receives the table
 * @return as libsi_lifetable_load(), without LIBSI_EIO
 * Ownership: free with libsi_lifetable_free().  Thread-safety: uses only `ctx`.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 5)
int libsi_lifetable_load_buffer(libsi_ctx *ctx, const char *text, size_t len,
                                const char *column, libsi_lifetable **out);

/** Free a table (NULL is accepted).  No thread may be using it. */
LIBSI_API void libsi_lifetable_free(libsi_lifetable *t);

/** Column name of the table ("CL5").  Ownership: the table's.  Thread-safe. */
LIBSI_API const char *libsi_lifetable_name(const libsi_lifetable *t);

/**
 * Where the table came from: "builtin:cl2010_2013_qx.tsv", the path, or
 * "buffer".  Ownership: the table's.  Thread-safe.
 */
LIBSI_API const char *libsi_lifetable_source(const libsi_lifetable *t);

/**
 * The file's comment lines (provenance), without the leading "# ", joined
 * by newlines; "" when none.  Ownership: the table's.  Thread-safe.
 */
LIBSI_API const char *libsi_lifetable_notes(const libsi_lifetable *t);

/** First age of the table (-1 for NULL).  Thread-safe. */
LIBSI_API int libsi_lifetable_first_age(const libsi_lifetable *t);

/** Last age of the table, where q = 1 (-1 for NULL).  Thread-safe. */
LIBSI_API int libsi_lifetable_last_age(const libsi_lifetable *t);

/**
 * q_x as the canonical decimal string of the table's text ("0.004660"), or
 * NULL outside first…last.  Ownership: the table's.  Thread-safe.
 */
LIBSI_API const char *libsi_lifetable_qx(const libsi_lifetable *t, int age);

/** Survival within a year of age (fractional ages). */
typedef enum libsi_fractional_ages {
    LIBSI_FRACTION_UDD = 0,           /**< uniform distribution of deaths: s p_x = 1 − s q_x */
    LIBSI_FRACTION_CONSTANT_FORCE = 1 /**< constant force of mortality: s p_x = (p_x)^s */
} libsi_fractional_ages;

/** How mortality improvement applies. */
typedef enum libsi_improvement_kind {
    /** generational: the life aged x at the valuation meets q_(x+k) × (1 − s)^(years + k) */
    LIBSI_IMPROVEMENT_COHORT = 0,
    /** static: every age meets q_y × (1 − s)^years (the table projected `years` years) */
    LIBSI_IMPROVEMENT_PERIOD = 1
} libsi_improvement_kind;

/**
 * The assumptions shared by every factor.  ::LIBSI_ACTUARIAL_OPTIONS_INIT (or
 * a NULL pointer) means: 256 bits, UDD, no mortality improvement.
 * Extensible (docs/api.md): initialise with ::LIBSI_ACTUARIAL_OPTIONS_INIT or
 * libsi_actuarial_options_init(); the library reads no more than `size` bytes.
 */
typedef struct libsi_actuarial_options {
    /** sizeof(libsi_actuarial_options) the caller was compiled with */
    size_t size;
    /** MPFR starting precision in bits, 64 … 16384; 0 = ::LIBSI_ACTUARIAL_PRECISION */
    unsigned precision;
    /** survival within a year of age */
    libsi_fractional_ages fractional_ages;
    /** flat yearly improvement s, 0 ≤ s < 1, as a decimal string; NULL = none */
    const char *improvement;
    /** s_y for every age of the table from its first age (improvement_count
     *  entries, each a decimal string 0 ≤ s < 1), or NULL; overrides `improvement` */
    const char *const *improvement_by_age;
    /** entries of improvement_by_age: last age − first age + 1 */
    size_t improvement_count;
    /** years from the table's experience to the valuation, 0 … 200 */
    int improvement_years;
    /** cohort (generational) or period */
    libsi_improvement_kind improvement_kind;
} libsi_actuarial_options;

/** Initialiser for ::libsi_actuarial_options: the defaults. */
#define LIBSI_ACTUARIAL_OPTIONS_INIT {sizeof(libsi_actuarial_options), 0, LIBSI_FRACTION_UDD, \
                                      NULL, NULL, 0, 0, LIBSI_IMPROVEMENT_COHORT}

/**
 * Initialise `size` bytes of `opt` (pass sizeof *opt) to
 * ::LIBSI_ACTUARIAL_OPTIONS_INIT.  @return 0 or LIBSI_EINVAL.  Thread-safe.
 */
LIBSI_API int libsi_actuarial_options_init(libsi_actuarial_options *opt, size_t size);

/** Curtate or complete life expectancy. */
typedef enum libsi_life_expectancy_kind {
    LIBSI_LIFE_CURTATE = 0, /**< e_x = Σ_{k≥1} k p_x (whole years lived) */
    LIBSI_LIFE_COMPLETE = 1 /**< e°_x = ∫_0^∞ t p_x dt under the fractional-age assumption */
} libsi_life_expectancy_kind;

/**
 * Life expectancy at an integer age.
 * @param ctx       the caller's context (receives the error message)
 * @param t         the table
 * @param opt       assumptions, or NULL for the defaults
 * @param age       x, first age … last age of the table
 * @param kind      curtate or complete
 * @param decimals  0 … 18: the result is rounded once, half-even
 * @param out       receives the canonical decimal string ("25.343178")
 * @return 0, LIBSI_EINVAL, LIBSI_EDECIMAL, LIBSI_ERANGE or LIBSI_ENOMEM
 * Ownership: free *out with libsi_free(ctx, *out).  Thread-safety: uses only
 * `ctx`; `t` is read only.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 7)
int libsi_life_expectancy(libsi_ctx *ctx, const libsi_lifetable *t,
                          const libsi_actuarial_options *opt, int age,
                          libsi_life_expectancy_kind kind, int decimals, char **out);

/**
 * Survival probability t p_y = l(y + t) / l(y) for a fractional age y and
 * duration t (UDD or constant force within each year of age).  Improvement
 * (cohort) counts years from ⌊y⌋.
 * @param ctx       the caller's context (receives the error message)
 * @param t         the table
 * @param opt       assumptions, or NULL for the defaults
 * @param age       y as a decimal string, first age ≤ y < last age + 1
 * @param years     t ≥ 0 as a decimal string (≤ 200)
 * @param decimals  0 … 18: the result is rounded once, half-even
 * @param out       receives the canonical decimal string
 * @return 0, LIBSI_EINVAL, LIBSI_EDECIMAL, LIBSI_ERANGE, LIBSI_EDIVZERO
 *         (nobody reaches age y) or LIBSI_ENOMEM
 * Ownership: free *out with libsi_free(ctx, *out).  Thread-safety: uses only `ctx`.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 7)
int libsi_survival(libsi_ctx *ctx, const libsi_lifetable *t,
                   const libsi_actuarial_options *opt, const char *age,
                   const char *years, int decimals, char **out);

/**
 * Survivors l_y = radix × (y − first) p_first at a fractional age y.
 * @param ctx       the caller's context (receives the error message)
 * @param t         the table
 * @param opt       assumptions, or NULL (a cohort improvement counts from the first age)
 * @param age       y as a decimal string, first age ≤ y ≤ last age + 1
 * @param radix     l at the first age, a decimal string > 0 (e.g. "100000")
 * @param decimals  0 … 18: the result is rounded once, half-even
 * @param out       receives the canonical decimal string
 * @return 0, LIBSI_EINVAL, LIBSI_EDECIMAL, LIBSI_ERANGE or LIBSI_ENOMEM
 * Ownership: free *out with libsi_free(ctx, *out).  Thread-safety: uses only `ctx`.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 7)
int libsi_survivors(libsi_ctx *ctx, const libsi_lifetable *t,
                    const libsi_actuarial_options *opt, const char *age,
                    const char *radix, int decimals, char **out);

/** When a payment falls in its period. */
typedef enum libsi_annuity_timing {
    LIBSI_ANNUITY_DUE = 0,      /**< at the start of each period (ä) */
    LIBSI_ANNUITY_IMMEDIATE = 1 /**< at the end of each period (a) */
} libsi_annuity_timing;

/**
 * A life annuity of 1 a year, paid in `frequency` instalments of 1/m.
 * Payment year j (j = 0 the first year of payment) pays (1 + growth)^j.
 * Whole life: term 0.  Temporary: term n years.  Deferred: payments start
 * `deferral` years after the valuation.
 * Extensible (docs/api.md): initialise with ::LIBSI_ANNUITY_SPEC_INIT or
 * libsi_annuity_spec_init(); the library reads no more than `size` bytes.
 */
typedef struct libsi_annuity_spec {
    size_t size;                 /**< sizeof(libsi_annuity_spec) the caller was compiled with */
    int age;                     /**< x, an age of the table */
    const char *interest;        /**< yearly interest i, decimal string, −1 < i ≤ 1 */
    const char *growth;          /**< yearly indexation g, decimal string, −1 < g ≤ 1; NULL = 0 */
    int term;                    /**< years of payment, 0 = for life; 0 … 200 */
    int deferral;                /**< years before the first payment period, 0 … 200 */
    int frequency;               /**< payments a year m, 1 … 365 (1 annual, 12 monthly) */
    libsi_annuity_timing timing; /**< due or immediate */
    int decimals;                /**< 0 … 18: the result is rounded once, half-even */
} libsi_annuity_spec;

/** Initialiser for ::libsi_annuity_spec: annual, due, whole life, no interest set. */
#define LIBSI_ANNUITY_SPEC_INIT {sizeof(libsi_annuity_spec), 0, NULL, NULL, 0, 0, 1, \
                                 LIBSI_ANNUITY_DUE, 0}

/**
 * Initialise `size` bytes of `spec` (pass sizeof *spec) to
 * ::LIBSI_ANNUITY_SPEC_INIT.  @return 0 or LIBSI_EINVAL.  Thread-safe.
 */
LIBSI_API int libsi_annuity_spec_init(libsi_annuity_spec *spec, size_t size);

/**
 * Expected present value of the annuity (the annuity factor).
 * @param ctx   the caller's context (receives the error message)
 * @param t     the table
 * @param opt   assumptions, or NULL for the defaults
 * @param spec  the annuity (strings not retained)
 * @param out   receives the canonical decimal string ("18.787764")
 * @return 0, LIBSI_EINVAL, LIBSI_EDECIMAL, LIBSI_ERANGE or LIBSI_ENOMEM
 * Ownership: free *out with libsi_free(ctx, *out).  Thread-safety: uses only `ctx`.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 5)
int libsi_annuity(libsi_ctx *ctx, const libsi_lifetable *t,
                  const libsi_actuarial_options *opt, const libsi_annuity_spec *spec,
                  char **out);

/** What an insurance pays for. */
typedef enum libsi_insurance_kind {
    /** 1 at the end of the 1/m-year of death, if death falls in the cover
     *  (whole life when term = 0: A_x; term insurance otherwise) */
    LIBSI_INSURANCE_DEATH = 0,
    /** death cover for `term` years plus 1 on survival to its end (A_x:n) */
    LIBSI_INSURANCE_ENDOWMENT = 1,
    /** only 1 on survival to the end of the term (n E_x) */
    LIBSI_INSURANCE_PURE_ENDOWMENT = 2
} libsi_insurance_kind;

/**
 * An insurance of 1, cover starting `deferral` years after the valuation.
 * A death in cover year j pays (1 + growth)^j; the survival benefit pays
 * (1 + growth)^term.
 * Extensible (docs/api.md): initialise with ::LIBSI_INSURANCE_SPEC_INIT or
 * libsi_insurance_spec_init(); the library reads no more than `size` bytes.
 */
typedef struct libsi_insurance_spec {
    size_t size;               /**< sizeof(libsi_insurance_spec) the caller was compiled with */
    int age;                   /**< x, an age of the table */
    const char *interest;      /**< yearly interest i, decimal string, −1 < i ≤ 1 */
    const char *growth;        /**< yearly growth g of the benefit, −1 < g ≤ 1; NULL = 0 */
    int term;                  /**< years of cover, 0 = whole life (death only); 0 … 200 */
    int deferral;              /**< years before the cover starts, 0 … 200 */
    int frequency;             /**< m: death benefit paid at the end of the 1/m-year, 1 … 365 */
    libsi_insurance_kind kind; /**< death, endowment or pure endowment (these need term ≥ 1) */
    int decimals;              /**< 0 … 18: the result is rounded once, half-even */
} libsi_insurance_spec;

/** Initialiser for ::libsi_insurance_spec: whole-life death cover, annual, no interest set. */
#define LIBSI_INSURANCE_SPEC_INIT {sizeof(libsi_insurance_spec), 0, NULL, NULL, 0, 0, 1, \
                                   LIBSI_INSURANCE_DEATH, 0}

/**
 * Initialise `size` bytes of `spec` (pass sizeof *spec) to
 * ::LIBSI_INSURANCE_SPEC_INIT.  @return 0 or LIBSI_EINVAL.  Thread-safe.
 */
LIBSI_API int libsi_insurance_spec_init(libsi_insurance_spec *spec, size_t size);

/**
 * Expected present value of the insurance (the insurance factor).
 * @param ctx   the caller's context (receives the error message)
 * @param t     the table
 * @param opt   assumptions, or NULL for the defaults
 * @param spec  the insurance (strings not retained)
 * @param out   receives the canonical decimal string ("0.541762")
 * @return 0, LIBSI_EINVAL, LIBSI_EDECIMAL, LIBSI_ERANGE or LIBSI_ENOMEM
 * Ownership: free *out with libsi_free(ctx, *out).  Thread-safety: uses only `ctx`.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(1, 5)
int libsi_insurance(libsi_ctx *ctx, const libsi_lifetable *t,
                    const libsi_actuarial_options *opt,
                    const libsi_insurance_spec *spec, char **out);

#ifdef __cplusplus
}
#endif
#endif /* LIBSI_ACTUARIAL_H */

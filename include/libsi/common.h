/**
 * @file libsi/common.h
 * @brief Version, error codes, result flags, allocator and the per-thread context.
 *
 * Every fallible libsi call returns `int`: 0 on success or one of the
 * negative, pinned ::libsi_error codes.  The context that was passed to the
 * failing call then holds a message naming the offending field or parameter
 * (libsi_ctx_message(), libsi_ctx_field()), its code is the one returned and
 * every pointer out-parameter is NULL; after a success the code is 0 and the
 * message empty (the error contract, docs/api.md "Errors").
 *
 * Thread safety: a ::libsi_ctx belongs to one thread at a time.  Rulesets
 * (libsi/ruleset.h) are immutable and may be shared by any number of threads.
 * The library has no mutable global state.
 */
#ifndef LIBSI_COMMON_H
#define LIBSI_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "libsi/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Marks a declaration exported from the shared library: ELF visibility
 * "default" (the library is built with -fvisibility=hidden), and on Windows
 * __declspec(dllexport) while building the DLL, __declspec(dllimport) when
 * using it (define LIBSI_STATIC to link the static library instead).
 */
#if defined(_WIN32) || defined(__CYGWIN__)
#if defined(LIBSI_BUILDING)
#define LIBSI_API __declspec(dllexport)
#elif defined(LIBSI_STATIC)
#define LIBSI_API
#else
#define LIBSI_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define LIBSI_API __attribute__((visibility("default")))
#else
#define LIBSI_API
#endif

/**
 * On a function whose int result must be checked: ignoring it leaves the
 * out-parameters NULL or stale (GCC and Clang warn).
 */
#if defined(__GNUC__) || defined(__clang__)
#define LIBSI_WARN_UNUSED_RESULT __attribute__((warn_unused_result))
#else
#define LIBSI_WARN_UNUSED_RESULT
#endif

/**
 * LIBSI_NONNULL(i, ...): the numbered arguments (from 1) must not be NULL —
 * the context and the out-parameter of a call.  A compile-time help only:
 * the library still checks them and returns LIBSI_EINVAL (it is built
 * without the attribute, so the checks are never optimised away).  Define
 * LIBSI_NONNULL(...) as empty before including libsi.h to pass NULL on
 * purpose (as the misuse tests do).
 */
#ifndef LIBSI_NONNULL
#if (defined(__GNUC__) || defined(__clang__)) && !defined(LIBSI_BUILDING)
#define LIBSI_NONNULL(...) __attribute__((nonnull(__VA_ARGS__)))
#else
#define LIBSI_NONNULL(...)
#endif
#endif

/**
 * Version of the linked library, e.g. "0.1.0".
 * Ownership: static string, never free it.  Thread-safe.
 */
LIBSI_API const char *libsi_version(void);

/**
 * Version of the linked library as MAJOR*10000 + MINOR*100 + PATCH.
 * Thread-safe.
 */
LIBSI_API int libsi_version_number(void);

/**
 * Error codes.  The numeric values are pinned: they never change between
 * releases and new codes are only appended.
 */
typedef enum libsi_error {
    LIBSI_OK = 0,               /**< success */
    LIBSI_ENOMEM = -1,          /**< the allocator returned NULL */
    LIBSI_EINVAL = -2,          /**< invalid argument: NULL pointer, bad option */
    LIBSI_EDECIMAL = -3,        /**< malformed or over-long decimal string */
    LIBSI_ERANGE = -4,          /**< value outside the representable or legal range */
    LIBSI_EDATE = -5,           /**< malformed or impossible date or month */
    LIBSI_ENOTFOUND = -6,       /**< no rule value for that name, place and date */
    LIBSI_EJURISDICTION = -7,   /**< unknown jurisdiction */
    LIBSI_EUNSUPPORTED = -8,    /**< jurisdiction or feature not supported (e.g. Shenzhen) */
    LIBSI_ERULEFILE = -9,       /**< malformed rule file */
    LIBSI_ECASE = -10,          /**< malformed case file */
    LIBSI_EINPUT = -11,         /**< missing, unknown or invalid calculation input */
    LIBSI_ESCHEME = -12,        /**< unknown calculation (scheme) name */
    LIBSI_EIO = -13,            /**< a file could not be read */
    LIBSI_EDIVZERO = -14,       /**< division by zero */
    LIBSI_EINTERNAL = -15,      /**< internal invariant broken: please report */
    LIBSI_ELIFETABLE = -16      /**< a life table fails its checks (ages, q_x, closing age) */
} libsi_error;

/**
 * Short English description of an error code ("invalid decimal", ...).
 * Ownership: static string.  Thread-safe.  Unknown codes give "unknown error".
 */
LIBSI_API const char *libsi_strerror(int code);

/**
 * Non-error status flags carried by results (mpdecimal style): they say what
 * happened on the way, never that something failed.
 */
typedef enum libsi_flag {
    LIBSI_FLAG_ROUNDED = 1u << 0,         /**< a rounding changed a value */
    LIBSI_FLAG_CAPPED = 1u << 1,          /**< a value was capped at a ceiling */
    LIBSI_FLAG_FLOORED = 1u << 2,         /**< a value was raised to a floor */
    LIBSI_FLAG_CARRIED_FORWARD = 1u << 3, /**< a rule value was carried forward past its period (caller asked) */
    LIBSI_FLAG_LOW_CONFIDENCE = 1u << 4,  /**< a rule value of confidence L or NF was used */
    LIBSI_FLAG_OVERRIDE = 1u << 5,        /**< a caller override replaced a rule value */
    LIBSI_FLAG_PROVISIONAL = 1u << 6,     /**< a rule value of status provisional or projected was used */
    LIBSI_FLAG_NOT_COVERED = 1u << 7,     /**< a scheme does not cover this participant; its amounts are zero */
    LIBSI_FLAG_OUTSIDE_BAND = 1u << 8     /**< a history base outside its month's band was taken as recorded (history_bands=record) */
} libsi_flag;

/**
 * Name of one flag bit ("rounded", "capped", ...), or NULL for an unknown bit.
 * Ownership: static string.  Thread-safe.
 */
LIBSI_API const char *libsi_flag_name(unsigned flag);

/**
 * Caller-supplied allocator (zstd style).  All three functions are required;
 * `opaque` is passed back unchanged.  `free` must accept NULL.
 * Every block the library allocates for a context goes through it, also those
 * of the worker threads of libsi_batch_run_table() and of the projections'
 * `threads` input (member_projection, stochastic_projection): with more than
 * one thread the functions are called from several threads at once and must
 * be thread-safe.
 * Memory allocated inside GMP and libyaml uses their own default allocators:
 * their hooks are process-global and libsi never changes them.
 * Extensible (docs/api.md): initialise with ::LIBSI_ALLOCATOR_INIT or
 * libsi_allocator_init(), then set the members.
 */
typedef struct libsi_allocator {
    size_t size; /**< sizeof(libsi_allocator) the caller was compiled with */
    void *(*malloc)(void *opaque, size_t size);
    void *(*realloc)(void *opaque, void *ptr, size_t size);
    void (*free)(void *opaque, void *ptr);
    void *opaque;
} libsi_allocator;

/** Initialiser for ::libsi_allocator (set the three functions afterwards). */
#define LIBSI_ALLOCATOR_INIT {sizeof(libsi_allocator), NULL, NULL, NULL, NULL}

/**
 * Initialise an allocator struct of `size` bytes (pass sizeof *alloc) to
 * ::LIBSI_ALLOCATOR_INIT, for callers that cannot use the macro (bindings).
 * @return 0, or LIBSI_EINVAL (NULL, or a size this library does not know)
 * Thread-safe.
 */
LIBSI_API int libsi_allocator_init(libsi_allocator *alloc, size_t size);

/** Opaque per-thread context: allocator, last error message, options. */
typedef struct libsi_ctx libsi_ctx;

/**
 * Create a context.
 * @param alloc  allocator to copy into the context (::LIBSI_ALLOCATOR_INIT,
 *               then the three functions), or NULL for malloc/free
 * @param out    receives the new context; NULL on failure
 * @return 0, LIBSI_EINVAL (NULL out, a missing function or an unknown
 *         alloc->size) or LIBSI_ENOMEM
 * Ownership: free with libsi_ctx_free().  Thread-safety: the context must be
 * used by one thread at a time; create one per thread.
 */
LIBSI_API LIBSI_WARN_UNUSED_RESULT LIBSI_NONNULL(2)
int libsi_ctx_new(const libsi_allocator *alloc, libsi_ctx **out);

/**
 * Free a context (NULL is accepted).  Objects created with it must be freed
 * first.  Releases the reference its rule cache holds on the ruleset of its
 * last libsi_calculate() (see libsi_ruleset_free()).
 */
LIBSI_API void libsi_ctx_free(libsi_ctx *ctx);

/**
 * Message of the last error on this context, naming the field or parameter
 * and why ("input 'wage': invalid decimal '1e3' ..."); "" after success.
 * Ownership: owned by the context, valid until its next call.
 */
LIBSI_API const char *libsi_ctx_message(const libsi_ctx *ctx);

/**
 * Name of the field, input or rule parameter the last error is about, or "".
 * Ownership: owned by the context, valid until its next call.
 */
LIBSI_API const char *libsi_ctx_field(const libsi_ctx *ctx);

/** Code of the last error on this context (0 after success). */
LIBSI_API int libsi_ctx_code(const libsi_ctx *ctx);

/**
 * Free a string a libsi call handed over through a `char **` out-parameter
 * (JSON documents, explanations, factors, decimals, codes: docs/api.md
 * "Strings").  Must be the context the string was returned through, whose
 * allocator made it.  NULL is accepted.
 */
LIBSI_API void libsi_free(libsi_ctx *ctx, void *ptr);

#ifdef __cplusplus
}
#endif
#endif /* LIBSI_COMMON_H */

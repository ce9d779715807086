/*
 * The registry of calculations and the entry point that runs one on a case.
 *
 * LSI_SCHEMES is the one list of schemes: the table of kernels and the
 * public list of names are both generated from it, so they cannot drift.
 * Each entry names a `const lsi_scheme lsi_scheme_<name>` defined in the
 * scheme's own file (name, schema, kernel).
 */
#include <string.h>

#include "calc_internal.h"
#include "result.h"

#define LSI_SCHEMES(X)                                                                        \
    X(contributions)                                                                          \
    X(pension)                                                                                \
    X(pension_recalculation)                                                                  \
    X(retirement_age)                                                                         \
    X(pension_account)                                                                        \
    X(pension_adjustment)                                                                     \
    X(pension_death)                                                                          \
    X(pension_divisor)                                                                        \
    X(unemployment)                                                                           \
    X(unemployment_death)                                                                     \
    X(job_stabilisation_refund)                                                               \
    X(skill_subsidy)                                                                          \
    X(work_injury)                                                                            \
    X(fund_projection)                                                                        \
    X(member_projection)                                                                      \
    X(stochastic_projection)                                                                  \
    X(pension_measures)                                                                       \
    X(life_annuity)                                                                           \
    X(resident_contribution)                                                                  \
    X(resident_account)                                                                       \
    X(resident_pension)                                                                       \
    X(resident_death)                                                                         \
    X(scheme_switch)                                                                          \
    X(institution_contribution)                                                               \
    X(institution_pension)                                                                    \
    X(occupational_annuity)

#define DECLARE(id) extern const lsi_scheme lsi_scheme_##id;
LSI_SCHEMES(DECLARE)
#undef DECLARE

#define KERNEL(id) &lsi_scheme_##id,
static const lsi_scheme *const schemes[] = {LSI_SCHEMES(KERNEL)};
#undef KERNEL

#define NAME(id) #id,
static const char *const scheme_names[] = {LSI_SCHEMES(NAME) NULL};
#undef NAME

#define SCHEME_COUNT (sizeof schemes / sizeof schemes[0])

const lsi_scheme *lsi_scheme_find(const char *name)
{
    for (size_t i = 0; name && i < SCHEME_COUNT; i++) /* first bytes first: one call, not 26 */
        if (scheme_names[i][0] == name[0] && strcmp(scheme_names[i], name) == 0)
            return schemes[i];
    return NULL;
}

int lsi_scheme_get(libsi_ctx *ctx, const char *name, const lsi_scheme **s)
{
    *s = lsi_scheme_find(name);
    if (!*s)
        return lsi_fail(ctx, LIBSI_ESCHEME, "scheme", "unknown calculation '%.64s'",
                        name ? name : "(null)");
    return 0;
}

const char *const *libsi_schema_names(void)
{
    return scheme_names;
}

size_t libsi_schema_field_count(const char *scheme, libsi_field_kind kind)
{
    const lsi_scheme *s = lsi_scheme_find(scheme);
    if (!s)
        return 0;
    return kind == LIBSI_FIELD_OUTPUT ? s->n_outputs : kind == LIBSI_FIELD_INPUT ? s->n_inputs : 0;
}

const libsi_field *libsi_schema_field(const char *scheme, libsi_field_kind kind, size_t i)
{
    const lsi_scheme *s = lsi_scheme_find(scheme);
    if (!s || i >= libsi_schema_field_count(scheme, kind))
        return NULL;
    return kind == LIBSI_FIELD_OUTPUT ? &s->outputs[i] : &s->inputs[i];
}

const char *libsi_schema_description(const char *scheme)
{
    const lsi_scheme *s = lsi_scheme_find(scheme);
    return s ? s->description : NULL;
}

/* ------------------------------------------------------- a case in */

static const libsi_field *input_field(const lsi_scheme *s, const char *name, size_t *i)
{
    for (*i = 0; *i < s->n_inputs; (*i)++) /* first bytes first (a strcmp per field was 27 a call) */
        if (s->inputs[*i].name[0] == name[0] && strcmp(s->inputs[*i].name, name) == 0)
            return &s->inputs[*i];
    return NULL;
}

/* The case's values into typed slots, in the case's order: the first
 * unknown or ill-typed input is the error; then the required ones. */
static int inputs_from_case(libsi_ctx *ctx, const lsi_scheme *s, const libsi_case *c,
                            lsi_in *slots)
{
    lsi_in_defaults(s, slots);
    for (size_t j = 0; j < c->n; j++) {
        size_t i;
        const libsi_field *f = input_field(s, c->names[j], &i);
        if (!f)
            return lsi_in_unknown(ctx, s, c->names[j]);
        const char *why = lsi_in_parse(f, c->values[j], &slots[i]);
        if (why)
            return lsi_in_type_error(ctx, f, c->values[j], why);
        slots[i].given = true;
    }
    return lsi_in_required(ctx, s, slots);
}

static int calculate_traced_impl(libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                                 const libsi_case *c, libsi_trace_level level, libsi_result **out)
{
    if (!ctx || !rs || !scheme || !c || !out || !lsi_trace_level_known(level))
        return lsi_fail(ctx, LIBSI_EINVAL, "scheme", "NULL argument or unknown trace level");
    *out = NULL;
    lsi_clear_error(ctx);
    const lsi_scheme *s;
    libsi_result *r = NULL;
    int rc = lsi_scheme_get(ctx, scheme, &s);
    if (rc == 0) rc = lsi_result_new(ctx, rs, s, level, &r);
    if (rc == 0) rc = inputs_from_case(ctx, s, c, r->in);
    if (rc == 0) rc = lsi_result_compute(ctx, rs, r);
    if (rc != 0) {
        libsi_result_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

int libsi_calculate_traced(libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                           const libsi_case *c, libsi_trace_level level, libsi_result **out)
{
    LSI_API_RETURN_OUT(ctx, out, calculate_traced_impl(ctx, rs, scheme, c, level, out));
}

static int calculate_impl(libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                          const libsi_case *c, libsi_result **out)
{
    return libsi_calculate_traced(ctx, rs, scheme, c, LIBSI_TRACE_FULL, out);
}

int libsi_calculate(libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                    const libsi_case *c, libsi_result **out)
{
    LSI_API_RETURN_OUT(ctx, out, calculate_impl(ctx, rs, scheme, c, out));
}

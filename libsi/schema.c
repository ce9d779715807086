/*
 * The registry of calculations and their published schemas.  Calculators,
 * docs and the Python binding read inputs and outputs (name, type, unit,
 * description, legal basis) from here instead of hard-coding them.
 */
#include <string.h>

#include "calc_internal.h"

extern const lsi_scheme lsi_scheme_contributions;
extern const lsi_scheme lsi_scheme_pension;
extern const lsi_scheme lsi_scheme_retirement_age;
extern const lsi_scheme lsi_scheme_pension_account;
extern const lsi_scheme lsi_scheme_pension_adjustment;
extern const lsi_scheme lsi_scheme_pension_death;
extern const lsi_scheme lsi_scheme_pension_divisor;
extern const lsi_scheme lsi_scheme_unemployment;
extern const lsi_scheme lsi_scheme_unemployment_death;
extern const lsi_scheme lsi_scheme_job_stabilisation_refund;
extern const lsi_scheme lsi_scheme_skill_subsidy;
extern const lsi_scheme lsi_scheme_work_injury;
extern const lsi_scheme lsi_scheme_fund_projection;
extern const lsi_scheme lsi_scheme_pension_measures;
extern const lsi_scheme lsi_scheme_life_annuity;

/* One line per scheme; scheme_names lists the same names in the same order. */
static const lsi_scheme *const schemes[] = {
    &lsi_scheme_contributions,
    &lsi_scheme_pension,
    &lsi_scheme_retirement_age,
    &lsi_scheme_pension_account,
    &lsi_scheme_pension_adjustment,
    &lsi_scheme_pension_death,
    &lsi_scheme_pension_divisor,
    &lsi_scheme_unemployment,
    &lsi_scheme_unemployment_death,
    &lsi_scheme_job_stabilisation_refund,
    &lsi_scheme_skill_subsidy,
    &lsi_scheme_work_injury,
    &lsi_scheme_fund_projection,
    &lsi_scheme_pension_measures,
    &lsi_scheme_life_annuity,
};
static const char *const scheme_names[] = {
    "contributions",
    "pension",
    "retirement_age",
    "pension_account",
    "pension_adjustment",
    "pension_death",
    "pension_divisor",
    "unemployment",
    "unemployment_death",
    "job_stabilisation_refund",
    "skill_subsidy",
    "work_injury",
    "fund_projection",
    "pension_measures",
    "life_annuity",
    NULL,
};

#define SCHEME_COUNT (sizeof schemes / sizeof schemes[0])

const lsi_scheme *lsi_scheme_at(size_t i)
{
    return i < SCHEME_COUNT ? schemes[i] : NULL;
}

const lsi_scheme *lsi_scheme_find(const char *name)
{
    for (size_t i = 0; name && i < SCHEME_COUNT; i++)
        if (strcmp(schemes[i]->name, name) == 0)
            return schemes[i];
    return NULL;
}

const char *const *libsi_schemes(void)
{
    return scheme_names;
}

const libsi_field *libsi_schema_field(const char *scheme, int outputs, size_t i)
{
    const lsi_scheme *s = lsi_scheme_find(scheme);
    if (!s)
        return NULL;
    if (outputs)
        return i < s->n_outputs ? &s->outputs[i] : NULL;
    return i < s->n_inputs ? &s->inputs[i] : NULL;
}

const char *libsi_schema_description(const char *scheme)
{
    const lsi_scheme *s = lsi_scheme_find(scheme);
    return s ? s->description : NULL;
}

static const char *const type_names[] = {"decimal", "integer", "date", "month", "enum",
                                         "bool",    "text",    "json", "list"};

static lsi_json *field_json(lsi_arena *ar, const libsi_field *f, bool input)
{
    lsi_json *o = lsi_json_new(ar, LSI_J_OBJECT, NULL);
    lsi_json_put_str(ar, o, "name", f->name);
    lsi_json_put_str(ar, o, "type", type_names[f->type]);
    lsi_json_put_str(ar, o, "unit", f->unit);
    lsi_json_put_str(ar, o, "choices", f->choices);
    lsi_json_put_str(ar, o, "description", f->description);
    lsi_json_put_str(ar, o, "legal_basis", f->legal_basis);
    if (input) {
        lsi_json_put_raw(ar, o, "required", f->required ? "true" : "false");
        lsi_json_put_str(ar, o, "default", f->default_value);
    }
    return o;
}

static lsi_json *fields_json(lsi_arena *ar, const libsi_field *f, size_t n, bool input)
{
    lsi_json *a = lsi_json_new(ar, LSI_J_ARRAY, NULL);
    for (size_t i = 0; i < n; i++)
        lsi_json_push(a, field_json(ar, &f[i], input));
    return a;
}

int libsi_schema_json(libsi_ctx *ctx, const char *scheme, char **json)
{
    if (!ctx || !json)
        return lsi_fail(ctx, LIBSI_EINVAL, "json", "NULL argument");
    *json = NULL;
    lsi_clear_error(ctx);
    const lsi_scheme *s = lsi_scheme_find(scheme);
    if (!s)
        return lsi_fail(ctx, LIBSI_ESCHEME, "scheme", "unknown calculation '%.64s'",
                        scheme ? scheme : "(null)");
    lsi_arena ar;
    lsi_arena_init(&ar, &ctx->alloc);
    lsi_json *o = lsi_json_new(&ar, LSI_J_OBJECT, NULL);
    lsi_json_put_str(&ar, o, "scheme", s->name);
    lsi_json_put_str(&ar, o, "description", s->description);
    lsi_json_put(&ar, o, "inputs", fields_json(&ar, s->inputs, s->n_inputs, true));
    lsi_json_put(&ar, o, "outputs", fields_json(&ar, s->outputs, s->n_outputs, false));
    if (o && o->count == 4) {
        lsi_sb sb;
        lsi_sb_init(&sb, &ctx->alloc);
        lsi_json_write(&sb, o);
        *json = lsi_sb_take(&sb);
    }
    lsi_arena_release(&ar);
    return *json ? 0 : lsi_fail(ctx, LIBSI_ENOMEM, "json", "out of memory");
}

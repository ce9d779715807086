/*
 * The published schema of each calculation as JSON.  Calculators, docs and
 * the Python binding read inputs and outputs (name, type, unit, description,
 * legal basis) from here instead of hard-coding them; the list of schemes is
 * in registry.c.
 */
#include <string.h>

#include "result.h"

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
        lsi_json_put_str(ar, o, "min", f->min ? f->min : "");
        lsi_json_put_str(ar, o, "max", f->max ? f->max : "");
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

static int schema_json_impl(libsi_ctx *ctx, const char *scheme, char **json)
{
    if (!ctx || !json)
        return lsi_fail(ctx, LIBSI_EINVAL, "json", "NULL argument");
    *json = NULL;
    lsi_clear_error(ctx);
    const lsi_scheme *s;
    int rc = lsi_scheme_get(ctx, scheme, &s);
    if (rc != 0)
        return rc;
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

int libsi_schema_json(libsi_ctx *ctx, const char *scheme, char **json)
{
    LSI_API_RETURN_OUT(ctx, json, schema_json_impl(ctx, scheme, json));
}

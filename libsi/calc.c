/*
 * Running a calculation: check the case against the scheme's schema, run the
 * scheme's statutory steps, and seal the result (outputs, flags, trace and
 * the SHA-256 hash over inputs, ruleset digest, library version and outputs).
 */
#include <stdio.h>
#include <string.h>

#include "calc_internal.h"

/* ------------------------------------------------------- schema checks */

static const libsi_field *input_field(const lsi_scheme *s, const char *name)
{
    for (size_t i = 0; i < s->n_inputs; i++)
        if (strcmp(s->inputs[i].name, name) == 0)
            return &s->inputs[i];
    return NULL;
}

/* Position of `value` in a "a|b|c" choice list, or -1. */
static int choice_index(const char *choices, const char *value, size_t len)
{
    int i = 0;
    for (const char *p = choices; *p; i++) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && strncmp(p, value, len) == 0)
            return i;
        if (!bar)
            break;
        p = bar + 1;
    }
    return -1;
}

static bool is_integer(const char *s)
{
    size_t i = s[0] == '-' ? 1 : 0, n = strlen(s);
    if (n == i || n - i > 12)
        return false;
    for (; s[i]; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static bool list_ok(const char *choices, const char *v)
{
    for (const char *p = v;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (choice_index(choices, p, n) < 0)
            return false;
        if (!comma)
            return true;
        p = comma + 1;
    }
}

/* Why `v` is not a valid value of field `f`, or NULL when it is. */
static const char *type_problem(const libsi_field *f, const char *v)
{
    lsi_dec d;
    int ymd;
    const char *why = NULL;
    switch (f->type) {
    case LIBSI_TYPE_DECIMAL:
        return lsi_dec_parse(v, &d, &why) == 0 ? NULL : why;
    case LIBSI_TYPE_INTEGER:
        return is_integer(v) ? NULL : "expected a whole number";
    case LIBSI_TYPE_DATE:
        return lsi_date_parse(v, &ymd, true) == 0 ? NULL : "expected a date YYYY-MM-DD";
    case LIBSI_TYPE_MONTH:
        return lsi_month_parse(v, &ymd) == 0 ? NULL : "expected a month YYYY-MM";
    case LIBSI_TYPE_ENUM:
        return choice_index(f->choices, v, strlen(v)) >= 0 ? NULL : "not one of the choices";
    case LIBSI_TYPE_BOOL:
        return strcmp(v, "true") == 0 || strcmp(v, "false") == 0 ? NULL
                                                                   : "expected true or false";
    case LIBSI_TYPE_LIST:
        return list_ok(f->choices, v) ? NULL : "a list item is not one of the choices";
    default:
        return NULL;
    }
}

static int check_case(lsi_calc *k)
{
    const lsi_scheme *s = k->scheme;
    for (size_t i = 0; i < k->c->n; i++) {
        const libsi_field *f = input_field(s, k->c->names[i]);
        if (!f)
            return lsi_fail(k->ctx, LIBSI_EINPUT, k->c->names[i],
                            "input '%s': not an input of '%s' (see --help or libsi_schema_json)",
                            k->c->names[i], s->name);
        const char *why = type_problem(f, k->c->values[i]);
        if (why)
            return lsi_fail(k->ctx, LIBSI_EINPUT, f->name, "input '%s': %s: '%.64s'%s%s",
                            f->name, why, k->c->values[i], *f->choices ? " (choices: " : "",
                            *f->choices ? f->choices : "");
    }
    for (size_t i = 0; i < s->n_inputs; i++)
        if (s->inputs[i].required && !libsi_case_get(k->c, s->inputs[i].name))
            return lsi_fail(k->ctx, LIBSI_EINPUT, s->inputs[i].name,
                            "input '%s' is required (%s)", s->inputs[i].name,
                            s->inputs[i].description);
    return 0;
}

/* ---------------------------------------------------------- inputs */

/* The given value, else the schema's documented default, else NULL. */
const char *lsi_in_text(lsi_calc *k, const char *name)
{
    const char *v = libsi_case_get(k->c, name);
    if (v)
        return v;
    const libsi_field *f = input_field(k->scheme, name);
    return f && f->default_value && *f->default_value ? f->default_value : NULL;
}

bool lsi_in_present(lsi_calc *k, const char *name)
{
    return lsi_in_text(k, name) != NULL;
}

int lsi_in_invalid(lsi_calc *k, const char *name, const char *fmt, ...)
{
    char why[LSI_MSG_MAX - 80];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return lsi_fail(k->ctx, LIBSI_EINPUT, name, "input '%s': %s", name, why);
}

static int absent(lsi_calc *k, const char *name)
{
    return lsi_fail(k->ctx, LIBSI_EINPUT, name, "input '%s' is required here", name);
}

int lsi_in_dec(lsi_calc *k, const char *name, lsi_dec *out)
{
    const char *v = lsi_in_text(k, name);
    if (!v)
        return absent(k, name);
    return lsi_dec_parse(v, out, NULL) == 0 ? 0 : lsi_in_invalid(k, name, "invalid decimal");
}

int lsi_in_int(lsi_calc *k, const char *name, int64_t *out)
{
    lsi_dec d;
    int rc = lsi_in_dec(k, name, &d);
    return rc != 0 ? rc : lsi_dec_to_int64(d, out);
}

int lsi_in_month(lsi_calc *k, const char *name, int *month_index)
{
    const char *v = lsi_in_text(k, name);
    if (!v)
        return absent(k, name);
    return lsi_month_parse(v, month_index) == 0 ? 0 : lsi_in_invalid(k, name, "expected YYYY-MM");
}

int lsi_in_date(lsi_calc *k, const char *name, int *ymd)
{
    const char *v = lsi_in_text(k, name);
    if (!v)
        return absent(k, name);
    return lsi_date_parse(v, ymd, true) == 0 ? 0 : lsi_in_invalid(k, name, "expected a date");
}

int lsi_in_bool(lsi_calc *k, const char *name, bool *out)
{
    const char *v = lsi_in_text(k, name);
    *out = v && strcmp(v, "true") == 0;
    return 0;
}

int lsi_in_choice(lsi_calc *k, const char *name, int *index)
{
    const libsi_field *f = input_field(k->scheme, name);
    const char *v = lsi_in_text(k, name);
    if (!f || !v)
        return absent(k, name);
    *index = choice_index(f->choices, v, strlen(v));
    return *index >= 0 ? 0 : lsi_in_invalid(k, name, "not one of %s", f->choices);
}

/* -------------------------------------------------------- parameters */

static lsi_json *json_obj(lsi_calc *k)
{
    lsi_json *o = lsi_json_new(&k->res->arena, LSI_J_OBJECT, NULL);
    k->oom |= !o;
    return o;
}

static void put(lsi_calc *k, lsi_json *obj, const char *key, const char *text)
{
    k->oom |= !lsi_json_put_str(&k->res->arena, obj, key, text);
}

static void record_param(lsi_calc *k, const lsi_rule *r, unsigned flags)
{
    if (!k->step)
        return;
    lsi_json *params = (lsi_json *)lsi_json_get(k->step, "params");
    if (!params) {
        params = lsi_json_put(&k->res->arena, k->step, "params",
                              lsi_json_new(&k->res->arena, LSI_J_ARRAY, NULL));
        k->oom |= !params;
    }
    lsi_json *p = json_obj(k);
    put(k, p, "name", r->name);
    put(k, p, "value", r->value_text);
    put(k, p, "unit", r->unit);
    put(k, p, "jurisdiction", r->jurisdiction_text);
    put(k, p, "from", r->from_text);
    put(k, p, "to", r->to_text);
    put(k, p, "document", r->document);
    put(k, p, "article", r->article);
    put(k, p, "published", r->published_text);
    put(k, p, "status", r->status);
    put(k, p, "confidence", r->confidence);
    put(k, p, "source", r->source_file);
    if (flags & LIBSI_FLAG_CARRIED_FORWARD)
        put(k, p, "carried_forward", "true");
    k->oom |= !lsi_json_push(params, p);
}

int lsi_param(lsi_calc *k, const char *name, int date, lsi_dec *out)
{
    lsi_query q = {name, k->place, date, k->known_on, k->carry_forward};
    const lsi_rule *r;
    unsigned flags = 0;
    int rc = lsi_rule_find(k->ctx, k->rs, &q, &r, &flags);
    if (rc != 0)
        return rc;
    *out = r->value;
    k->res->flags |= flags;
    record_param(k, r, flags);
    return 0;
}

/* A rule value the case may supply instead (recorded as an override); when
 * neither the data nor the case has it, the error names the input to give. */
int lsi_param_or_input(lsi_calc *k, const char *name, int date, const char *input, lsi_dec *out)
{
    if (lsi_in_present(k, input)) {
        int rc = lsi_in_dec(k, input, out);
        if (rc == 0 && lsi_dec_is_negative(*out))
            rc = lsi_in_invalid(k, input, "must not be negative");
        if (rc == 0) {
            lsi_step_value(k, input, *out);
            lsi_step_note(k, "override: the case gives this value instead of the rule data");
            lsi_step_flag(k, LIBSI_FLAG_OVERRIDE);
        }
        return rc;
    }
    int rc = lsi_param(k, name, date, out);
    if (rc == LIBSI_ENOTFOUND) {
        char day[11];
        lsi_date_format(date, day);
        return lsi_fail(k->ctx, rc, input,
                        "rule value '%s' for %s on %s is not in the rule data; give input '%s'",
                        name, k->place ? k->place->pinyin : "?", day, input);
    }
    return rc;
}

/* ------------------------------------------------------------- trace */

void lsi_step(lsi_calc *k, const char *id, const char *title, const char *basis,
              const char *formula)
{
    k->step = json_obj(k);
    put(k, k->step, "step", id);
    put(k, k->step, "title", title);
    put(k, k->step, "basis", basis);
    put(k, k->step, "formula", formula);
    k->oom |= !lsi_json_push(k->res->trace, k->step);
}

void lsi_step_text(lsi_calc *k, const char *label, const char *text)
{
    if (!k->step)
        return;
    lsi_json *values = (lsi_json *)lsi_json_get(k->step, "values");
    if (!values)
        values = lsi_json_put(&k->res->arena, k->step, "values", json_obj(k));
    put(k, values, label, text);
}

void lsi_step_value(lsi_calc *k, const char *label, lsi_dec v)
{
    char buf[LIBSI_DECIMAL_MAX + 1];
    lsi_dec_format(v, buf);
    lsi_step_text(k, label, buf);
}

void lsi_step_note(lsi_calc *k, const char *note)
{
    if (k->step)
        put(k, k->step, "note", note);
}

void lsi_step_flag(lsi_calc *k, unsigned flag)
{
    k->res->flags |= flag;
    if (!k->step)
        return;
    lsi_json *flags = (lsi_json *)lsi_json_get(k->step, "flags");
    if (!flags) {
        flags = lsi_json_put(&k->res->arena, k->step, "flags",
                             lsi_json_new(&k->res->arena, LSI_J_ARRAY, NULL));
        k->oom |= !flags;
    }
    k->oom |= !lsi_json_push(flags, lsi_json_new(&k->res->arena, LSI_J_STRING,
                                                 libsi_flag_name(flag)));
}

void lsi_step_result(lsi_calc *k, lsi_dec v)
{
    char buf[LIBSI_DECIMAL_MAX + 1];
    lsi_dec_format(v, buf);
    if (k->step)
        put(k, k->step, "result", buf);
}

int lsi_step_round(lsi_calc *k, lsi_dec exact, const lsi_rounding *rule, lsi_dec *out)
{
    unsigned flags = 0;
    int rc = lsi_dec_round(exact, rule, out, &flags);
    if (rc != 0)
        return lsi_fail(k->ctx, rc, rule->name, "rounding by %s: value out of range", rule->name);
    char buf[LIBSI_DECIMAL_MAX + 1];
    lsi_dec residue;
    lsi_dec_format(exact, buf);
    if (k->step) {
        put(k, k->step, "exact", buf);
        put(k, k->step, "rounding", rule->name);
        put(k, k->step, "rounding_basis", rule->basis);
        lsi_step_result(k, *out);
        if (lsi_dec_sub(*out, exact, &residue) == 0) {
            lsi_dec_format(residue, buf);
            put(k, k->step, "residue", buf);
        }
    }
    if (flags)
        lsi_step_flag(k, flags);
    return 0;
}

/* Round the exact quotient num / den once by `rule`; the trace shows the
 * ratio, its value carried to 12 decimals, the rule, result and residue. */
int lsi_step_round_div(lsi_calc *k, lsi_dec num, lsi_dec den, const lsi_rounding *rule,
                       lsi_dec *out)
{
    unsigned flags = 0;
    lsi_dec approx, residue;
    int rc = lsi_dec_div_round(num, den, rule, out, &flags);
    if (rc == 0)
        rc = lsi_dec_div_round(num, den, &LSI_ROUND_EXACT_12, &approx, NULL);
    if (rc != 0)
        return lsi_fail(k->ctx, rc == LIBSI_EDIVZERO ? LIBSI_EINPUT : rc, rule->name,
                        "rounding by %s: %s", rule->name,
                        rc == LIBSI_EDIVZERO ? "division by zero" : "value out of range");
    char buf[LIBSI_DECIMAL_MAX + 1], dbuf[LIBSI_DECIMAL_MAX + 1], ratio[2 * LIBSI_DECIMAL_MAX + 8];
    if (k->step) {
        lsi_dec_format(num, buf);
        lsi_dec_format(den, dbuf);
        snprintf(ratio, sizeof ratio, "%s / %s", buf, dbuf);
        put(k, k->step, "exact_ratio", ratio);
        lsi_dec_format(approx, buf);
        put(k, k->step, "exact", buf);
        put(k, k->step, "rounding", rule->name);
        put(k, k->step, "rounding_basis", rule->basis);
        lsi_step_result(k, *out);
        if (lsi_dec_sub(*out, approx, &residue) == 0) {
            lsi_dec_format(residue, buf);
            put(k, k->step, "residue", buf);
        }
    }
    if (flags)
        lsi_step_flag(k, flags);
    return 0;
}

/* ----------------------------------------------------------- outputs */

static int output_slot(lsi_calc *k, const char *name)
{
    for (size_t i = 0; i < k->scheme->n_outputs; i++)
        if (strcmp(k->scheme->outputs[i].name, name) == 0)
            return (int)i;
    return -1;
}

int lsi_out_text(lsi_calc *k, const char *name, const char *text)
{
    int i = output_slot(k, name);
    if (i < 0)
        return lsi_fail(k->ctx, LIBSI_EINTERNAL, name, "output '%s' is not in the schema", name);
    if (!(k->res->values[i] = lsi_arena_strdup(&k->res->arena, text)))
        return lsi_fail(k->ctx, LIBSI_ENOMEM, name, "out of memory");
    return 0;
}

int lsi_out_month(lsi_calc *k, const char *name, int month_index)
{
    char buf[8];
    lsi_month_format(month_index, buf);
    return lsi_out_text(k, name, buf);
}

int lsi_out_dec(lsi_calc *k, const char *name, lsi_dec v)
{
    char buf[LIBSI_DECIMAL_MAX + 1];
    lsi_dec_format(v, buf);
    return lsi_out_text(k, name, buf);
}

/* ------------------------------------------------------------ sealing */

static lsi_json *outputs_json(lsi_arena *ar, const libsi_result *r)
{
    lsi_json *o = lsi_json_new(ar, LSI_J_OBJECT, NULL);
    for (size_t i = 0; o && i < r->scheme->n_outputs; i++) {
        if (!r->values[i])
            continue;
        lsi_json *v = r->scheme->outputs[i].type == LIBSI_TYPE_JSON
                          ? lsi_json_new(ar, LSI_J_RAW, r->values[i])
                          : lsi_json_new(ar, LSI_J_STRING, r->values[i]);
        if (!lsi_json_put(ar, o, r->scheme->outputs[i].name, v))
            return NULL;
    }
    return o;
}

static lsi_json *flags_json(lsi_arena *ar, const libsi_result *r)
{
    lsi_json *a = lsi_json_new(ar, LSI_J_ARRAY, NULL);
    for (unsigned bit = 1; a && bit; bit <<= 1)
        if ((r->flags & bit) && libsi_flag_name(bit))
            if (!lsi_json_push(a, lsi_json_new(ar, LSI_J_STRING, libsi_flag_name(bit))))
                return NULL;
    return a;
}

/* The hash covers what an auditor must be able to reproduce. */
static int seal(libsi_result *r)
{
    lsi_json *h = lsi_json_new(&r->arena, LSI_J_OBJECT, NULL);
    lsi_json_put(&r->arena, h, "inputs", r->inputs);
    lsi_json_put(&r->arena, h, "outputs", outputs_json(&r->arena, r));
    lsi_json_put_str(&r->arena, h, "ruleset", r->ruleset);
    if (!lsi_json_put_str(&r->arena, h, "version", LIBSI_VERSION_STRING) || h->count != 4)
        return LIBSI_ENOMEM;
    lsi_sb sb;
    lsi_sb_init(&sb, &r->arena.alloc);
    lsi_json_write(&sb, h);
    if (sb.failed) {
        lsi_sb_dispose(&sb);
        return LIBSI_ENOMEM;
    }
    lsi_sha256_hex(sb.buf, sb.len, r->hash);
    lsi_sb_dispose(&sb);
    return 0;
}

/* The effective inputs (given values and applied defaults) enter the hash. */
static int record_inputs(lsi_calc *k)
{
    for (size_t i = 0; i < k->scheme->n_inputs; i++) {
        const char *v = lsi_in_text(k, k->scheme->inputs[i].name);
        if (v)
            put(k, k->res->inputs, k->scheme->inputs[i].name, v);
    }
    return k->oom ? lsi_fail(k->ctx, LIBSI_ENOMEM, "inputs", "out of memory") : 0;
}

/* Context inputs every place-bound scheme shares: city, known_on, carry_forward. */
static int common_inputs(lsi_calc *k)
{
    const char *city = lsi_in_text(k, "city");
    if (city) {
        int rc = lsi_jurisdiction_find(k->ctx, city, "city", &k->place);
        if (rc != 0)
            return rc;
    } else {
        k->place = lsi_jurisdiction_by_code(0); /* national rules only */
    }
    if (lsi_in_present(k, "known_on")) {
        int rc = lsi_in_date(k, "known_on", &k->known_on);
        if (rc != 0)
            return rc;
    }
    return lsi_in_bool(k, "carry_forward", &k->carry_forward);
}

static int new_result(lsi_calc *k)
{
    libsi_result *r = lsi_malloc(&k->ctx->alloc, sizeof *r);
    if (!r)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "result", "out of memory");
    memset(r, 0, sizeof *r);
    lsi_arena_init(&r->arena, &k->ctx->alloc);
    r->scheme = k->scheme;
    r->values = lsi_arena_alloc(&r->arena, (k->scheme->n_outputs + 1) * sizeof *r->values);
    r->inputs = lsi_json_new(&r->arena, LSI_J_OBJECT, NULL);
    r->trace = lsi_json_new(&r->arena, LSI_J_ARRAY, NULL);
    snprintf(r->ruleset, sizeof r->ruleset, "%s", k->rs->digest);
    k->res = r;
    if (!r->values || !r->inputs || !r->trace)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "result", "out of memory");
    memset(r->values, 0, (k->scheme->n_outputs + 1) * sizeof *r->values);
    return 0;
}

int libsi_calculate(libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                    const libsi_case *c, libsi_result **out)
{
    if (!ctx || !rs || !scheme || !c || !out)
        return lsi_fail(ctx, LIBSI_EINVAL, "scheme", "NULL argument");
    *out = NULL;
    lsi_clear_error(ctx);
    lsi_calc k = {ctx, rs, lsi_scheme_find(scheme), c, NULL, NULL, 0, false, NULL, false};
    if (!k.scheme)
        return lsi_fail(ctx, LIBSI_ESCHEME, "scheme", "unknown calculation '%.64s'", scheme);
    int rc = check_case(&k);
    if (rc == 0) rc = new_result(&k);
    if (rc == 0) rc = record_inputs(&k);
    if (rc == 0) rc = common_inputs(&k);
    if (rc == 0) rc = k.scheme->run(&k);
    if (rc == 0 && k.oom) rc = lsi_fail(ctx, LIBSI_ENOMEM, "result", "out of memory");
    if (rc == 0 && seal(k.res) != 0) rc = lsi_fail(ctx, LIBSI_ENOMEM, "result", "out of memory");
    if (rc != 0) {
        libsi_result_free(ctx, k.res);
        return rc;
    }
    *out = k.res;
    return 0;
}

/* ------------------------------------------------------ result access */

void libsi_result_free(libsi_ctx *ctx, libsi_result *r)
{
    (void)ctx;
    if (!r)
        return;
    libsi_allocator a = r->arena.alloc;
    lsi_arena_release(&r->arena);
    lsi_free(&a, r);
}

size_t libsi_result_count(const libsi_result *r)
{
    size_t n = 0;
    for (size_t i = 0; r && i < r->scheme->n_outputs; i++)
        n += r->values[i] != NULL;
    return n;
}

/* Outputs that were set, in schema order. */
static const char *nth_output(const libsi_result *r, size_t i, const char **value)
{
    for (size_t j = 0; r && j < r->scheme->n_outputs; j++) {
        if (!r->values[j])
            continue;
        if (i-- == 0) {
            if (value)
                *value = r->values[j];
            return r->scheme->outputs[j].name;
        }
    }
    return NULL;
}

const char *libsi_result_name(const libsi_result *r, size_t i)
{
    return nth_output(r, i, NULL);
}

const char *libsi_result_value(const libsi_result *r, size_t i)
{
    const char *v = NULL;
    nth_output(r, i, &v);
    return v;
}

const char *libsi_result_get(const libsi_result *r, const char *name)
{
    for (size_t j = 0; r && name && j < r->scheme->n_outputs; j++)
        if (strcmp(r->scheme->outputs[j].name, name) == 0)
            return r->values[j];
    return NULL;
}

int libsi_result_get_fen(libsi_ctx *ctx, const libsi_result *r, const char *name, int64_t *fen)
{
    const char *v = r ? libsi_result_get(r, name) : NULL;
    if (!v)
        return lsi_fail(ctx, LIBSI_EINVAL, name ? name : "name", "no output '%s'",
                        name ? name : "(null)");
    return libsi_decimal_to_fen(ctx, v, fen);
}

unsigned libsi_result_flags(const libsi_result *r)
{
    return r ? r->flags : 0;
}

const char *libsi_result_hash(const libsi_result *r)
{
    return r ? r->hash : "";
}

int libsi_result_json(libsi_ctx *ctx, const libsi_result *r, char **json)
{
    if (!ctx || !r || !json)
        return lsi_fail(ctx, LIBSI_EINVAL, "json", "NULL argument");
    lsi_arena ar; /* the envelope lives only while it is written */
    lsi_arena_init(&ar, &ctx->alloc);
    lsi_json *o = lsi_json_new(&ar, LSI_J_OBJECT, NULL);
    lsi_json_put(&ar, o, "flags", flags_json(&ar, r));
    lsi_json_put_str(&ar, o, "hash", r->hash);
    lsi_json_put(&ar, o, "inputs", r->inputs);
    lsi_json_put(&ar, o, "outputs", outputs_json(&ar, r));
    lsi_json_put_str(&ar, o, "ruleset", r->ruleset);
    lsi_json_put_str(&ar, o, "scheme", r->scheme->name);
    lsi_json_put(&ar, o, "trace", r->trace);
    lsi_json_put_str(&ar, o, "version", LIBSI_VERSION_STRING);
    *json = NULL;
    if (o && o->count == 8) {
        lsi_sb sb;
        lsi_sb_init(&sb, &ctx->alloc);
        lsi_json_write(&sb, o);
        lsi_sb_append(&sb, "\n");
        *json = lsi_sb_take(&sb);
    }
    lsi_arena_release(&ar);
    return *json ? 0 : lsi_fail(ctx, LIBSI_ENOMEM, "json", "out of memory");
}

int libsi_result_explain(libsi_ctx *ctx, const libsi_result *r, char **text)
{
    if (!ctx || !r || !text)
        return lsi_fail(ctx, LIBSI_EINVAL, "text", "NULL argument");
    *text = lsi_explain(&ctx->alloc, r);
    return *text ? 0 : lsi_fail(ctx, LIBSI_ENOMEM, "text", "out of memory");
}

/*
 * The calculation framework (see calc_internal.h): typed inputs parsed at the
 * edge, rule parameters through the resolution cache, trace steps recorded
 * only when a trace is wanted, typed outputs, and sub-calculations that run
 * another scheme's kernel directly.
 */
#include <stdio.h>
#include <string.h>

#include "calc_internal.h"

/* ------------------------------------------------------- field slots */

/* Slot of `name` among `n` fields, by the schema's own pointer, else by text. */
static int scan_fields(const libsi_field *f, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (f[i].name == name)
            return (int)i;
    for (size_t i = 0; name && i < n; i++)
        if (strcmp(f[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* A name the cache does not hold yet: found by scanning, kept in free
 * slot h. */
static __attribute__((noinline)) int field_slot_miss(const libsi_field *f, size_t n,
                                                     lsi_name_cache *c, const char *name,
                                                     size_t h)
{
    int found = scan_fields(f, n, name);
    if (found >= 0 && c && c->n < LSI_NAME_SLOTS * 3 / 4) { /* slot h is free */
        c->key[h] = name;
        c->slot[h] = (int16_t)found;
        c->n++;
    }
    return found;
}

/* The same through the cache (names are static, see lsi_name_cache): open
 * addressing from the pointer's hash; a scheme has far fewer fields than
 * slots, so a probe ends at the name or at an empty slot.  Inlined: a hit is
 * a multiply, a load and a compare. */
static inline __attribute__((always_inline)) int field_slot(const libsi_field *f, size_t n,
                                                            lsi_name_cache *c,
                                                            const char *name)
{
    if (!c)
        return field_slot_miss(f, n, NULL, name, 0);
    size_t h = (size_t)(((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15ull) >> 57);
    for (const char *key; (key = c->key[h]) != name; h = (h + 1) & (LSI_NAME_SLOTS - 1))
        if (!key)
            return field_slot_miss(f, n, c, name, h);
    return c->slot[h];
}

/* The input of that name without the name cache: error paths may name an
 * input from a buffer (e.g. the field an engine error reported), which the
 * cache, keyed by address, must never see. */
static const lsi_in *in_named(lsi_calc *k, const char *name)
{
    int i = scan_fields(k->scheme->inputs, k->scheme->n_inputs, name);
    return i < 0 ? NULL : &k->in[i];
}

static inline __attribute__((always_inline)) const lsi_in *in_of(lsi_calc *k, const char *name,
                                                                  const libsi_field **field)
{
    int i = field_slot(k->scheme->inputs, k->scheme->n_inputs, k->in_names, name);
    if (i < 0)
        return NULL;
    *field = &k->scheme->inputs[i];
    return &k->in[i];
}

/* ------------------------------------------------------ the edge */

/* Position of `value` in a "a|b|c" choice list, or -1.  (Out of line, as
 * list_ok: lsi_in_parse of a number or a date sets up no frame for them.) */
static __attribute__((noinline)) int choice_index(const char *choices, const char *value,
                                                  size_t len)
{
    int i = 0;
    for (const char *p = choices; *p; i++) {
        size_t n = 0; /* the common prefix, within the choice (value[n] is no NUL) */
        while (n < len && p[n] == value[n] && p[n] != '|')
            n++;
        if (n == len && (p[n] == '|' || p[n] == '\0'))
            return i;
        if (!(p = strchr(p + n, '|'))) /* the next choice, past the rest of this one */
            break;
        p++;
    }
    return -1;
}

/* Position of the whole text `value` among the choices, or -1: choice_index
 * without the value's strlen (≈ 20 instructions an enum cell), the value's
 * NUL ending the common prefix as a choice's bar or NUL does. */
static __attribute__((noinline)) int choice_of(const char *choices, const char *value)
{
    int i = 0;
    for (const char *p = choices;; i++) {
        size_t n = 0;
        while (p[n] == value[n] && p[n] != '|' && p[n])
            n++;
        if (!value[n] && (p[n] == '|' || !p[n]))
            return i;
        if (!(p = strchr(p + n, '|')))
            return -1;
        p++;
    }
}

/* -?[0-9]{1,12}, read in one pass. */
static bool parse_integer(const char *s, lsi_dec *out)
{
    size_t i = s[0] == '-' ? 1 : 0, j = i;
    int64_t v = 0;
    for (; s[j]; j++) {
        if (j - i == 12 || s[j] < '0' || s[j] > '9')
            return false;
        v = v * 10 + (s[j] - '0');
    }
    if (j == i)
        return false;
    *out = (lsi_dec){i ? -v : v, 0};
    return true;
}

static __attribute__((noinline)) bool list_ok(const char *choices, const char *v)
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

static const char *parse_bool(const char *v, bool *out)
{
    *out = strcmp(v, "true") == 0;
    return *out || strcmp(v, "false") == 0 ? NULL : "expected true or false";
}

const char *lsi_in_parse(const libsi_field *f, const char *v, lsi_in *slot)
{
    const char *why = NULL;
    slot->text = v;
    slot->typed = true;
    switch (f->type) {
    case LIBSI_TYPE_DECIMAL: /* the usual cell inline, anything else the general parse */
        return lsi_dec_parse_short(v, &slot->v.dec) || lsi_dec_parse(v, &slot->v.dec, &why) == 0
                   ? NULL
                   : why;
    case LIBSI_TYPE_INTEGER:
        return parse_integer(v, &slot->v.dec) ? NULL : "expected a whole number";
    case LIBSI_TYPE_DATE:
        return lsi_date_parse(v, &slot->v.ymd, true) == 0 ? NULL : "expected a date YYYY-MM-DD";
    case LIBSI_TYPE_MONTH:
        return lsi_month_parse(v, &slot->v.month) == 0 ? NULL : "expected a month YYYY-MM";
    case LIBSI_TYPE_ENUM:
        slot->v.choice = choice_of(f->choices, v);
        return slot->v.choice >= 0 ? NULL : "not one of the choices";
    case LIBSI_TYPE_BOOL:
        return parse_bool(v, &slot->v.b);
    case LIBSI_TYPE_LIST:
        slot->typed = false;
        return list_ok(f->choices, v) ? NULL : "a list item is not one of the choices";
    default:
        slot->typed = false;
        return NULL;
    }
}

void lsi_in_defaults(const lsi_scheme *s, lsi_in *slots)
{
    memset(slots, 0, s->n_inputs * sizeof *slots);
    for (size_t i = 0; i < s->n_inputs; i++)
        if (s->inputs[i].default_value && *s->inputs[i].default_value)
            lsi_in_parse(&s->inputs[i], s->inputs[i].default_value, &slots[i]);
}

int lsi_in_required(libsi_ctx *ctx, const lsi_scheme *s, const lsi_in *slots)
{
    for (size_t i = 0; i < s->n_inputs; i++)
        if (s->inputs[i].required && !slots[i].given)
            return lsi_fail(ctx, LIBSI_EINPUT, s->inputs[i].name, "input '%s' is required (%s)",
                            s->inputs[i].name, s->inputs[i].description);
    return 0;
}

/* ---------------------------------------------------------- inputs */

/* The given value, else the schema's documented default, else NULL. */
const char *lsi_in_text(lsi_calc *k, const char *name)
{
    const libsi_field *f;
    const lsi_in *in = in_of(k, name, &f);
    return in ? in->text : NULL;
}

/* The message names the input, the value given (as the caller wrote it) and,
 * from `fmt`, what is expected. */
int lsi_in_invalid(lsi_calc *k, const char *name, const char *fmt, ...)
{
    char why[LSI_MSG_MAX - 80], shown[96] = "";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    const lsi_in *in = in_named(k, name);
    if (in && in->text)
        lsi_in_shown(in->raw ? in->raw : in->text, shown, sizeof shown);
    return lsi_fail(k->ctx, LIBSI_EINPUT, name, "input '%s'%s%s: %s", name, *shown ? " = " : "",
                    shown, why);
}

static int absent(lsi_calc *k, const char *name)
{
    return lsi_fail(k->ctx, LIBSI_EINPUT, name,
                    "input '%s' is required with the inputs given (see --help for what it is)",
                    name);
}

/* The typed value when the field's type holds one of `types`; else NULL
 * (absent, or a field of another type read as this one: parse the text). */
static inline __attribute__((always_inline)) const lsi_in *typed(lsi_calc *k, const char *name,
                                                                  unsigned types,
                                                                  const lsi_in **raw)
{
    const libsi_field *f = NULL;
    const lsi_in *in = in_of(k, name, &f);
    *raw = in && in->text ? in : NULL;
    return *raw && in->typed && (types & (1u << f->type)) ? in : NULL;
}

#define T(x) (1u << LIBSI_TYPE_##x)

int lsi_in_dec_named(lsi_calc *k, const char *name, lsi_dec *out)
{
    const lsi_in *raw, *in = typed(k, name, T(DECIMAL) | T(INTEGER), &raw);
    if (in) {
        *out = in->v.dec;
        return 0;
    }
    if (!raw)
        return absent(k, name);
    return lsi_dec_parse(raw->text, out, NULL) == 0 ? 0 : lsi_in_invalid(k, name, "invalid decimal");
}

int lsi_in_int_named(lsi_calc *k, const char *name, int64_t *out)
{
    lsi_dec d;
    int rc = lsi_in_dec(k, name, &d);
    if (rc == 0 && lsi_dec_to_int64(d, out) != 0)
        rc = lsi_fail(k->ctx, LIBSI_ERANGE, name,
                      "input '%s': too large for a count (at most 18 digits before the point)", name);
    return rc;
}

int lsi_in_month_named(lsi_calc *k, const char *name, int *month_index)
{
    const lsi_in *raw, *in = typed(k, name, T(MONTH), &raw);
    if (in) {
        *month_index = in->v.month;
        return 0;
    }
    if (!raw)
        return absent(k, name);
    return lsi_month_parse(raw->text, month_index) == 0 ? 0
                                                         : lsi_in_invalid(k, name, "expected YYYY-MM");
}

int lsi_in_date_named(lsi_calc *k, const char *name, int *ymd)
{
    const lsi_in *raw, *in = typed(k, name, T(DATE), &raw);
    if (in) {
        *ymd = in->v.ymd;
        return 0;
    }
    if (!raw)
        return absent(k, name);
    return lsi_date_parse(raw->text, ymd, true) == 0 ? 0
                                                      : lsi_in_invalid(k, name, "expected a date");
}

int lsi_in_bool_named(lsi_calc *k, const char *name, bool *out)
{
    const lsi_in *raw, *in = typed(k, name, T(BOOL), &raw);
    *out = in ? in->v.b : raw && strcmp(raw->text, "true") == 0;
    return 0;
}

int lsi_in_choice_named(lsi_calc *k, const char *name, int *index)
{
    const libsi_field *f = NULL;
    const lsi_in *in = in_of(k, name, &f);
    if (!in || !in->text)
        return absent(k, name);
    *index = in->typed && f->type == LIBSI_TYPE_ENUM
                 ? in->v.choice
                 : choice_of(f->choices, in->text);
    return *index >= 0 ? 0 : lsi_in_invalid(k, name, "not one of %s", f->choices);
}

#undef T

/* -------------------------------------------------------- parameters */

/* ---- the resolution cache (calc_internal.h: frames of (place, date,
 * known_on, carry_forward), names by address within a frame) ---- */

static bool frame_is(const lsi_rule_frame *f, unsigned gen, const lsi_query *q)
{
    return f->gen == gen && f->date == q->date && f->place == q->place &&
           f->known_on == q->known_on && f->carry_forward == q->carry_forward;
}

/* First probe of a parameter name (its address) in a frame. */
static inline size_t name_hash(const char *name)
{
    return (size_t)(((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15ull) >> 58);
}
_Static_assert(LSI_FRAME_NAMES == 64, "name_hash gives 6 bits");

static size_t frame_hash(const lsi_query *q)
{
    uint64_t h = ((uint64_t)(uintptr_t)q->place >> 4) * 0xC2B2AE3D27D4EB4Full;
    h ^= ((uint64_t)(uint32_t)q->date * 2 + q->carry_forward) * 0x165667B19E3779F9ull;
    h ^= (uint64_t)(uint32_t)q->known_on * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 40) & (LSI_RULE_FRAMES - 1);
}

/* Every frame free again: a new generation (all of memory on its wrap). */
static void cache_start_over(lsi_rule_cache *c)
{
    if (++c->gen == 0) {
        memset(c->frame, 0, sizeof c->frame);
        c->gen = 1;
    }
    c->last = NULL;
}

/* The frame of q's key, claimed when new (the cache starts over when too
 * many frames are in use). */
static __attribute__((noinline)) lsi_rule_frame *frame_find(lsi_rule_cache *c,
                                                            const lsi_query *q)
{
    if (c->used_gen != c->gen) {
        c->used_gen = c->gen;
        c->used = 0;
    }
    if (c->used >= LSI_RULE_FRAMES_MAX) {
        cache_start_over(c);
        c->used_gen = c->gen;
        c->used = 0;
    }
    size_t h = frame_hash(q);
    lsi_rule_frame *f = &c->frame[h];
    while (f->gen == c->gen && !frame_is(f, c->gen, q)) { /* fewer in use than slots */
        h = (h + 1) & (LSI_RULE_FRAMES - 1);
        f = &c->frame[h];
    }
    if (f->gen != c->gen) {
        f->gen = c->gen;
        f->date = q->date;
        f->place = q->place;
        f->known_on = q->known_on;
        f->carry_forward = q->carry_forward;
        f->n = 0;
        memset(f->name, 0, sizeof f->name);
        c->used++;
    }
    return c->last = f;
}

/* A name not in its frame (f may be NULL: no cache): the lookup, kept in
 * free slot i of the frame while the frame has room. */
static __attribute__((noinline)) int resolve_miss(lsi_calc *k, const lsi_query *q,
                                                  lsi_rule_frame *f, size_t i,
                                                  const lsi_rule **r, unsigned *flags)
{
    *flags = 0;
    int rc = lsi_rule_find(k->ctx, k->rs, q, r, flags);
    if (rc == 0 && f && f->n < LSI_FRAME_NAMES_MAX) {
        f->name[i] = q->name;
        f->rule[i] = *r;
        f->flags[i] = *flags;
        f->n++;
    }
    return rc;
}

/* The rule in force, resolved once per frame and generation: the hit path
 * is a frame test and a pointer compare, inlined into the readers. */
static inline __attribute__((always_inline)) int resolve(lsi_calc *k, const lsi_query *q,
                                                         const lsi_rule **r, unsigned *flags)
{
    lsi_rule_cache *c = k->rules;
    if (!c)
        return resolve_miss(k, q, NULL, 0, r, flags);
    lsi_rule_frame *f = c->last;
    if (!f || !frame_is(f, c->gen, q))
        f = frame_find(c, q);
    size_t i = name_hash(q->name);
    /* (lsi_param_static tests this first probe of the last frame inline) */
    for (const char *n; (n = f->name[i]) != q->name; i = (i + 1) & (LSI_FRAME_NAMES - 1))
        if (!n) /* at most LSI_FRAME_NAMES_MAX in use: a probe ends */
            return resolve_miss(k, q, f, i, r, flags);
    *r = f->rule[i];
    *flags = f->flags[i];
    return 0;
}

/* A read the inline path of lsi_param_static did not serve (another frame,
 * a later probe, a trace to record): the cache inline here, one call deep. */
int lsi_param_read(lsi_calc *k, const char *name, int date, lsi_dec *out)
{
    lsi_query q = {name, k->place, date, k->known_on, k->carry_forward};
    const lsi_rule *r;
    unsigned flags;
    int rc = resolve(k, &q, &r, &flags);
    if (rc != 0)
        return rc;
    *out = r->value;
    k->flags |= flags;
    if (k->step)
        lsi_trace_param(k->trace, k->step, r, flags & LIBSI_FLAG_CARRIED_FORWARD);
    return 0;
}

int lsi_param_as_known(lsi_calc *k, const char *name, int date, int known_on, lsi_dec *out,
                       const lsi_rule **rule)
{
    lsi_query q = {name, k->place, date, known_on, false};
    const lsi_rule *r;
    unsigned flags = 0;
    int rc = lsi_rule_find(k->ctx, k->rs, &q, &r, &flags);
    if (rc != 0)
        return rc;
    *out = r->value;
    if (rule)
        *rule = r;
    k->flags |= flags;
    if (k->step)
        lsi_trace_param(k->trace, k->step, r, false);
    return 0;
}

/* A rule value the case may supply instead (recorded as an override); when
 * neither the data nor the case has it, the error names the input to give. */
int lsi_param_or_input_static(lsi_calc *k, const char *name, int date, const char *input,
                              lsi_dec *out)
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
    int rc = lsi_param_static(k, name, date, out);
    if (rc == LIBSI_ENOTFOUND) {
        char day[11];
        lsi_date_format(date, day);
        return lsi_fail(k->ctx, rc, input,
                        "rule value '%s' for %s on %s is not in the rule data; give input '%s'",
                        name, k->place->pinyin, day, input); /* the lookup had a place */
    }
    return rc;
}

/* ------------------------------------------------------ plausibility */

/* Bounds of the inputs (issue #12): a value outside its bound is
 * LIBSI_ERANGE naming the input, the value given and the bound with its
 * source — never a clamp.  One function per kind of check, shared by every
 * scheme; the bounds are rule data (data/rules/plausibility.yaml) or cite
 * their article where they are formulas of the law. */

int lsi_bound_read(lsi_calc *k, const char *name, int date, lsi_dec *out, const lsi_rule **rule)
{
    lsi_query q = {name, k->place ? k->place : lsi_jurisdiction_by_code(0), date, 0, false};
    const lsi_rule *r;
    unsigned flags = 0;
    int rc = resolve(k, &q, &r, &flags); /* `name` is static, like lsi_param's */
    if (rc != 0)
        return rc;
    *out = r->value;
    if (rule)
        *rule = r;
    return 0;
}

/* "input 'x' = 'given' is above the maximum 3 (source)": the value as the
 * caller wrote it when `v` is the input itself, else `v`. */
static int range_error(lsi_calc *k, const char *input, lsi_dec v, const char *side,
                       const char *bound, const char *source)
{
    char given[LIBSI_DECIMAL_MAX + 1], shown[96];
    lsi_dec parsed;
    const lsi_in *in = in_named(k, input);
    lsi_dec_format(v, given);
    if (in && in->text && lsi_dec_parse(in->text, &parsed, NULL) == 0 && lsi_dec_cmp(parsed, v) == 0)
        lsi_in_shown(in->raw ? in->raw : in->text, shown, sizeof shown);
    else
        snprintf(shown, sizeof shown, "%s", given);
    return lsi_fail(k->ctx, LIBSI_ERANGE, input, "input '%s' = %s is %s %s (%s)", input, shown,
                    side, bound, source);
}

/* (calc_internal.h) */
__attribute__((noinline)) int lsi_rule_side_broken(lsi_calc *k, const char *input, lsi_dec v,
                                                   const char *name, const lsi_rule *r, bool above)
{
    char source[320], doc[128];
    lsi_utf8_prefix(r->document, doc, sizeof doc);
    snprintf(source, sizeof source, "rule value %s: %s%s%s, conf. %s", name, doc,
             *r->article ? " " : "", r->article, r->confidence);
    return range_error(k, input, v, above ? "above the maximum" : "below the minimum",
                       r->value_text, source);
}

int lsi_check_positive(lsi_calc *k, const char *input, lsi_dec v, const char *why)
{
    if (!lsi_dec_is_negative(v) && !lsi_dec_is_zero(v))
        return 0;
    return range_error(k, input, v, "not above", "0", why);
}

int lsi_check_open_range(lsi_calc *k, const char *input, lsi_dec v, int lo, int hi,
                         const char *why)
{
    char bound[32];
    if (lsi_dec_cmp(v, lsi_dec_from_int(lo)) <= 0) {
        snprintf(bound, sizeof bound, "%d", lo);
        return range_error(k, input, v, "not above", bound, why);
    }
    if (lsi_dec_cmp(v, lsi_dec_from_int(hi)) > 0) {
        snprintf(bound, sizeof bound, "%d", hi);
        return range_error(k, input, v, "above the maximum", bound, why);
    }
    return 0;
}

/* What bounds the months, in words, for the message (made only on failure). */
void lsi_months_why(const lsi_months_bound *b, char *why, size_t n)
{
    if (!b->until_what) {
        snprintf(why, n, "a working life from age %d (《劳动法》第十五条) to %d, the latest "
                 "retirement age (办法第一条 and the 3 years of 第三条)", b->age / 12,
                 b->until / 12);
        return;
    }
    char a[8], u[8];
    lsi_month_format(b->from, a);
    lsi_month_format(b->until, u);
    snprintf(why, n, "the months from age %d (%s, 《劳动法》第十五条) up to %s %s", b->age / 12, a,
             b->until_what, u);
}

/* (calc_internal.h: lsi_check_months tests v ≤ b->max inline) */
int lsi_check_months_broken(lsi_calc *k, const char *input, int64_t v, const lsi_months_bound *b)
{
    char bound[24], why[200];
    snprintf(bound, sizeof bound, "%lld", (long long)b->max);
    lsi_months_why(b, why, sizeof why);
    return range_error(k, input, lsi_dec_from_int(v), "above the maximum", bound, why);
}

/* The earliest working age in months, in force on `date`. */
int lsi_working_age(lsi_calc *k, int date, int *months)
{
    lsi_dec age;
    int64_t m;
    int rc = lsi_bound(k, "labour.minimum_working_age", date, &age, NULL);
    if (rc == 0) rc = lsi_dec_mul(age, lsi_dec_from_int(12), &age);
    if (rc == 0) rc = lsi_dec_to_int64(age, &m);
    *months = rc == 0 ? (int)m : 0;
    return rc;
}

int lsi_working_months(lsi_calc *k, int birth_ymd, int until_month, const char *until_what,
                       lsi_months_bound *b)
{
    int rc = lsi_working_age(k, lsi_month_first_day(until_month), &b->age);
    if (rc != 0)
        return rc;
    b->from = lsi_date_month_index(birth_ymd) + b->age;
    b->until = until_month;
    b->until_what = until_what;
    b->max = until_month > b->from ? until_month - b->from : 0;
    return 0;
}

int lsi_check_working_age(lsi_calc *k, const char *birth_input, int birth_ymd,
                          const char *event_input, int event_ymd)
{
    int age;
    char b[11], e[11];
    lsi_date_format(birth_ymd, b);
    lsi_date_format(event_ymd, e);
    if (birth_ymd >= event_ymd)
        return lsi_fail(k->ctx, LIBSI_ERANGE, birth_input,
                        "input '%s': %s is not before %s %s: a person is born before the events "
                        "of the case", birth_input, b, event_input, e);
    int rc = lsi_working_age(k, event_ymd, &age);
    if (rc != 0 || lsi_date_add_months(birth_ymd, age) <= event_ymd)
        return rc;
    return lsi_fail(k->ctx, LIBSI_ERANGE, birth_input,
                    "input '%s': %s makes the person younger than %d on %s %s, the earliest "
                    "working age (《劳动法》第十五条)", birth_input, b, age / 12, event_input, e);
}

/* ------------------------------------------------------------- trace */

void lsi_step_open(lsi_calc *k, const char *id, const char *title, const char *basis,
                   const char *formula)
{
    k->step = lsi_trace_step(k->trace, k->host, id, title, basis, formula);
}

/* A step of the catalogue: its JSON members are written as compiled. */
void lsi_step_open_catalogued(lsi_calc *k, const lsi_step_def *s)
{
    lsi_step_open(k, s->id, s->title, s->basis, s->formula);
    if (k->step)
        k->step->def = s;
}

void lsi_step_record_text(lsi_calc *k, const char *label, const char *text)
{
    lsi_trace_value(k->trace, k->step, label, text ? text : "", (lsi_dec){0, 0});
}

void lsi_step_record_age(lsi_calc *k, const char *label, int months)
{
    char buf[16];
    lsi_format_age(months, buf);
    lsi_step_record_text(k, label, buf);
}

void lsi_step_record_month(lsi_calc *k, const char *label, int month_index)
{
    char buf[8];
    lsi_month_format(month_index, buf);
    lsi_step_record_text(k, label, buf);
}

void lsi_step_record_value(lsi_calc *k, const char *label, lsi_dec v)
{
    lsi_trace_value(k->trace, k->step, label, NULL, v);
}

void lsi_step_record_note(lsi_calc *k, const char *note)
{
    lsi_trace_note(k->trace, k->step, note);
}

void lsi_step_record_flag(lsi_calc *k, unsigned flag)
{
    lsi_trace_flag(k->trace, k->step, flag);
}

/* Exact value, rule, result and residue of one rounding in the step. */
static __attribute__((noinline)) void record_rounding(lsi_calc *k, lsi_dec exact,
                                                     const lsi_rounding *rule, lsi_dec out)
{
    lsi_tstep *s = k->step;
    s->exact = exact;
    s->rounding = rule;
    s->result = out;
    s->has |= LSI_T_EXACT | LSI_T_ROUNDING | LSI_T_RESULT;
    if (lsi_dec_sub(out, exact, &s->residue) == 0)
        s->has |= LSI_T_RESIDUE;
}

int lsi_step_round_failed(lsi_calc *k, int rc, const lsi_rounding *rule)
{
    return lsi_fail(k->ctx, rc, rule->name, "rounding by %s: value out of range", rule->name);
}

int lsi_step_round_traced(lsi_calc *k, lsi_dec exact, const lsi_rounding *rule, lsi_dec *out)
{
    unsigned flags = 0;
    int rc = lsi_dec_round(exact, rule, out, &flags);
    if (rc != 0)
        return lsi_step_round_failed(k, rc, rule);
    if (k->step)
        record_rounding(k, exact, rule, *out);
    if (flags)
        lsi_step_flag(k, flags);
    return 0;
}

/* The 12-decimal value of num / den shown in the trace.  Without a trace it
 * is computed only when the result is 10^23 or more, where it could fall
 * out of range: the call then fails at every trace level alike. */
static int ratio_for_trace(lsi_calc *k, lsi_dec num, lsi_dec den, lsi_dec out, lsi_dec *approx)
{
    if (!k->step && lsi_dec_below_pow10(out, 23))
        return 0;
    return lsi_dec_div_round(num, den, &LSI_ROUND_EXACT_12, approx, NULL);
}

/* Round the exact quotient num / den once by `rule`; the trace shows the
 * ratio, its value carried to 12 decimals, the rule, result and residue. */
int lsi_step_round_div_traced(lsi_calc *k, lsi_dec num, lsi_dec den, const lsi_rounding *rule,
                              lsi_dec *out)
{
    unsigned flags = 0;
    lsi_dec approx;
    int rc = lsi_dec_div_round(num, den, rule, out, &flags);
    if (rc == 0)
        rc = ratio_for_trace(k, num, den, *out, &approx);
    if (rc != 0)
        return lsi_fail(k->ctx, rc == LIBSI_EDIVZERO ? LIBSI_EINPUT : rc, rule->name,
                        "rounding by %s: %s", rule->name,
                        rc == LIBSI_EDIVZERO ? "division by zero" : "value out of range");
    if (k->step) {
        k->step->ratio_num = num;
        k->step->ratio_den = den;
        k->step->has |= LSI_T_RATIO;
        record_rounding(k, approx, rule, *out);
    }
    if (flags)
        lsi_step_flag(k, flags);
    return 0;
}

int lsi_step_times_rule_static(lsi_calc *k, lsi_dec amount, const char *name, int date,
                               lsi_dec *out)
{
    lsi_dec factor, exact;
    int rc = lsi_param_static(k, name, date, &factor);
    if (rc == 0) rc = lsi_dec_mul(amount, factor, &exact);
    return rc ? rc : lsi_step_round(k, exact, &LSI_ROUND_FEN, out);
}

/* ----------------------------------------------------------- outputs */

static __attribute__((noinline)) lsi_out *no_output(lsi_calc *k, const char *name)
{
    lsi_fail(k->ctx, LIBSI_EINTERNAL, name, "output '%s' is not in the schema", name);
    return NULL;
}

static inline lsi_out *out_slot(lsi_calc *k, const char *name)
{
    int i = field_slot(k->scheme->outputs, k->scheme->n_outputs, k->out_names, name);
    return i < 0 ? no_output(k, name) : &k->out[i];
}

int lsi_out_text(lsi_calc *k, const char *name, const char *text)
{
    lsi_out *o = out_slot(k, name);
    if (!o)
        return LIBSI_EINTERNAL;
    if (!(o->text = lsi_arena_strdup(k->arena, text)))
        return lsi_fail(k->ctx, LIBSI_ENOMEM, name, "out of memory");
    o->kind = LSI_OUT_TEXT;
    return 0;
}

int lsi_out_bool(lsi_calc *k, const char *name, bool v)
{
    lsi_out *o = out_slot(k, name);
    if (!o)
        return LIBSI_EINTERNAL;
    o->kind = LSI_OUT_TEXT;
    o->text = v ? "true" : "false";
    return 0;
}

int lsi_out_int_named(lsi_calc *k, const char *name, lsi_out_kind kind, int v)
{
    lsi_out *o = out_slot(k, name);
    if (!o)
        return LIBSI_EINTERNAL;
    o->kind = kind;
    o->month = v;
    return 0;
}

int lsi_out_dec_named(lsi_calc *k, const char *name, const lsi_dec *v)
{
    lsi_out *o = out_slot(k, name);
    if (!o)
        return LIBSI_EINTERNAL;
    o->kind = LSI_OUT_DEC;
    o->dec = *v;
    return 0;
}

const char *lsi_out_format(const lsi_out *o, char *buf)
{
    switch (o->kind) {
    case LSI_OUT_DEC:
        lsi_dec_format(o->dec, buf);
        return buf;
    case LSI_OUT_MONTH:
        lsi_month_format(o->month, buf);
        return buf;
    case LSI_OUT_AGE:
        lsi_format_age(o->month, buf);
        return buf;
    case LSI_OUT_TEXT:
        return o->text;
    default:
        return NULL;
    }
}

/* ------------------------------------------------------------ running */

/* The memo slot of a text of n bytes: a text of eight bytes or more by its
 * first and last eight, read as two words (a byte loop over "guangzhou" cost
 * ≈ 50 instructions a row); shorter ones (codes, two-character names) byte by
 * byte.  Only which slot a text takes depends on the byte order. */
static size_t text_slot(const char *s, size_t n)
{
    uint64_t h = n;
    if (n >= 8) {
        uint64_t head, tail;
        memcpy(&head, s, 8);
        memcpy(&tail, s + n - 8, 8);
        h ^= head ^ (tail << 29 | tail >> 35);
    } else {
        for (size_t i = 0; i < n; i++)
            h = h << 8 | (unsigned char)s[i];
    }
    return (size_t)((h * 0x9E3779B97F4A7C15ull) >> 60);
}
_Static_assert(LSI_PLACE_SLOTS == 16, "text_slot gives 4 bits");

int lsi_calc_find_city(lsi_calc *k, const char *city)
{
    lsi_place_memo *m = k->city;
    size_t n = 0, i = 0; /* (no memo: a single calculation, no strlen either) */
    if (m) {
        n = strlen(city);
        i = text_slot(city, n);
    }
    if (m && m->place[i] && strcmp(m->text[i], city) == 0) {
        k->place = m->place[i];
        return 0;
    }
    int rc = lsi_jurisdiction_find(k->ctx, city, "city", &k->place);
    if (rc != 0 && rc != LIBSI_ENOMEM) { /* "city: why" → "input 'city' = 'given': why" */
        char why[LSI_MSG_MAX], shown[96];
        const char *msg = libsi_ctx_message(k->ctx);
        snprintf(why, sizeof why, "%s", strncmp(msg, "city: ", 6) == 0 ? msg + 6 : msg);
        lsi_in_shown(city, shown, sizeof shown);
        return lsi_fail(k->ctx, rc, "city", "input 'city' = %s: %s", shown, why);
    }
    if (rc == 0 && m && n < sizeof m->text[i]) {
        strcpy(m->text[i], city);
        m->place[i] = k->place;
    }
    return rc;
}

/* ------------------------------------------------- the canonical case */

/* Issue #12: a case is canonicalised before anything else, so that equal
 * cases hash equal whatever their spelling: the city becomes its GB/T 2260
 * code (districts already stand for their city), dates are written
 * YYYY-MM-DD, decimals and whole numbers in canonical form (no leading zeros,
 * no "-0"); enums, booleans and texts stay as given.  The hash and the
 * result's inputs hold the canonical text; the trace step "inputs" shows
 * what was given where it differs. */

/* The canonical text of a typed slot into `buf` (LIBSI_DECIMAL_MAX + 1). */
static const char *canonical_text(const libsi_field *f, const lsi_in *in, char *buf)
{
    if (!in->typed)
        return in->text;
    switch (f->type) {
    case LIBSI_TYPE_DECIMAL:
    case LIBSI_TYPE_INTEGER:
        lsi_dec_format(in->v.dec, buf);
        return buf;
    case LIBSI_TYPE_DATE:
        lsi_date_format(in->v.ymd, buf);
        return buf;
    case LIBSI_TYPE_MONTH:
        lsi_month_format(in->v.month, buf);
        return buf;
    default:
        return in->text;
    }
}

/* The city's code: "0" for the nation, else six digits. */
static int canonical_city(lsi_calc *k, const lsi_in *in, char *buf)
{
    int rc = lsi_calc_find_city(k, in->text);
    if (rc == 0)
        lsi_dec_format((lsi_dec){k->place->code, 0}, buf); /* codes are six digits, 0 the nation */
    return rc;
}

/* A slot's text becomes a copy of `n` bytes at `text`, `raw` the given one. */
static int copy_text(lsi_calc *k, lsi_in *in, const char *text, size_t n, const char *raw)
{
    const char *copy = lsi_arena_strndup(k->arena, text, n);
    if (!copy)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, "inputs", "out of memory");
    in->raw = raw;
    in->text = copy;
    return 0;
}

/* Replace a slot's text by its canonical form, keeping the given text. */
static int canonicalise(lsi_calc *k, lsi_in *in, const char *canon)
{
    return strcmp(canon, in->text) == 0 ? 0 : copy_text(k, in, canon, strlen(canon), in->text);
}

/* Choice `i` of an "a|b|c" list: its length, *at its start. */
static size_t choice_at(const char *choices, int i, const char **at)
{
    for (; i > 0; i--)
        choices = strchr(choices, '|') + 1; /* i is the index lsi_in_parse found */
    *at = choices;
    return strcspn(choices, "|");
}

/* The text of a borrowed slot (a batch row's cell at trace none, gone with
 * its row), written again from the value: the given text was canonical
 * (lsi_in_given_canonical), so it is the canonical text and no raw. */
static int restore_text(lsi_calc *k, const libsi_field *f, lsi_in *in)
{
    char buf[LIBSI_DECIMAL_MAX + 1];
    const char *text = buf;
    size_t n;
    if (f->type == LIBSI_TYPE_ENUM)
        n = choice_at(f->choices, in->v.choice, &text);
    else if (f->type == LIBSI_TYPE_BOOL)
        n = strlen(text = in->v.b ? "true" : "false");
    else
        n = strlen(text = canonical_text(f, in, buf));
    int rc = copy_text(k, in, text, n, NULL);
    in->borrowed = rc != 0;
    return rc;
}

/* libsi: city as its GB/T 2260 code, dates YYYY-MM-DD, decimals without leading ... */
/* Trace step "inputs": each input whose canonical text differs, "given → canonical". */
static void record_canonical(lsi_calc *k)
{
    bool any = false;
    for (size_t i = 0; i < k->scheme->n_inputs && !any; i++)
        any = k->in[i].raw != NULL;
    if (!any || !k->trace)
        return;
    lsi_step(k, inputs);
    for (size_t i = 0; i < k->scheme->n_inputs; i++) {
        char line[LSI_MSG_MAX];
        if (!k->in[i].raw)
            continue;
        snprintf(line, sizeof line, "%.200s → %s", k->in[i].raw, k->in[i].text);
        lsi_step_text(k, k->scheme->inputs[i].name, line);
    }
}

static bool is_city(const libsi_field *f)
{
    return f->type == LIBSI_TYPE_TEXT && strcmp(f->name, "city") == 0;
}

/* The place of the case, from its city input (none: the nation). */
static int resolve_city(lsi_calc *k)
{
    const libsi_field *f = NULL;
    const lsi_in *in = in_of(k, "city", &f); /* the name cache: no scan per row */
    k->place = NULL; /* (in_of found the field named "city": is_city less its strcmp) */
    return in && in->text && f->type == LIBSI_TYPE_TEXT ? lsi_calc_find_city(k, in->text) : 0;
}

/* One present slot's canonical text (the city: its code). */
static int canonical_slot(lsi_calc *k, const libsi_field *f, lsi_in *in)
{
    char buf[LIBSI_DECIMAL_MAX + 1];
    int rc = is_city(f) ? canonical_city(k, in, buf) : 0;
    if (rc == 0)
        rc = canonicalise(k, in, is_city(f) ? buf : canonical_text(f, in, buf));
    return rc;
}

int lsi_calc_canonicalise(lsi_calc *k)
{
    for (size_t i = 0; i < k->scheme->n_inputs; i++) {
        const libsi_field *f = &k->scheme->inputs[i];
        lsi_in *in = &k->in[i];
        if (!in->text || in->raw)
            continue; /* absent, or already canonical */
        int rc = in->borrowed ? restore_text(k, f, in) : canonical_slot(k, f, in);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* The canonical texts feed the hash, the JSON and the trace; a batch row at
 * trace level none needs none of them until asked (lsi_calc_canonicalise). */
static int canonical_inputs(lsi_calc *k)
{
    for (size_t i = 0; !k->raw_clear && i < k->scheme->n_inputs; i++)
        k->in[i].raw = NULL;
    int rc = resolve_city(k);
    if (rc == 0 && !k->lazy_canonical) {
        rc = lsi_calc_canonicalise(k);
        record_canonical(k);
    }
    return rc;
}

/* Context inputs every place-bound scheme shares: city (resolved with the
 * canonical case), known_on, carry_forward. */
static int common_inputs(lsi_calc *k)
{
    if (!k->place)
        k->place = lsi_jurisdiction_by_code(0); /* no city: national rules only */
    k->known_on = 0;
    int rc = 0;
    if (lsi_in_present(k, "known_on"))
        rc = lsi_in_date(k, "known_on", &k->known_on);
    return rc ? rc : lsi_in_bool(k, "carry_forward", &k->carry_forward);
}

/* Name caches for a calculation that brought none (libsi_calculate, a
 * sub-calculation), kept in the rule cache per scheme. */
static void attach_names(lsi_calc *k)
{
    lsi_rule_cache *c = k->rules;
    if (!c || k->in_names || k->out_names)
        return;
    lsi_name_set *set = NULL;
    for (size_t i = 0; i < LSI_NAME_SETS && !set; i++)
        if (c->names[i].scheme == k->scheme)
            set = &c->names[i];
    if (!set) {
        set = &c->names[c->names_next++ % LSI_NAME_SETS];
        memset(set, 0, sizeof *set);
        set->scheme = k->scheme;
    }
    k->in_names = &set->in;
    k->out_names = &set->out;
}

/* The last frame of a cache whose generation changed between calculations
 * (api/result.c starts one when the ruleset changes) is forgotten here, so
 * that while a calculation runs c->last is NULL or of the current generation
 * and the readers need not test it. */
static void forget_stale_frame(lsi_calc *k)
{
    lsi_rule_cache *c = k->rules;
    if (c && c->last && c->last->gen != c->gen)
        c->last = NULL;
}

int lsi_calc_run(lsi_calc *k)
{
    forget_stale_frame(k);
    attach_names(k);
    int rc = canonical_inputs(k);
    if (rc == 0) rc = common_inputs(k);
    if (rc == 0) rc = k->scheme->run(k);
    if (rc == 0 && (k->oom || (k->trace && k->trace->oom)))
        rc = lsi_fail(k->ctx, LIBSI_ENOMEM, "result", "out of memory");
    return rc;
}

/* ------------------------------------------------- sub-calculations */

int lsi_kernel_init(lsi_kernel *sub, lsi_calc *parent, const lsi_scheme *s)
{
    lsi_calc *k = &sub->k;
    memset(sub, 0, sizeof *sub);
    k->ctx = parent->ctx;
    k->rs = parent->rs;
    k->scheme = s;
    k->arena = parent->arena;
    k->rules = parent->rules;
    k->city = parent->city;
    k->in = lsi_arena_alloc(parent->arena, s->n_inputs * sizeof *k->in);
    k->out = lsi_arena_alloc(parent->arena, s->n_outputs * sizeof *k->out);
    if (!k->in || !k->out)
        return lsi_fail(parent->ctx, LIBSI_ENOMEM, s->name, "out of memory");
    lsi_in_defaults(s, k->in);
    memset(k->out, 0, s->n_outputs * sizeof *k->out);
    k->trace = parent->step ? parent->trace : NULL;
    k->host = parent->step;
    return 0;
}

static lsi_in *kernel_slot(lsi_kernel *sub, const char *name, const libsi_field **f)
{
    const lsi_scheme *s = sub->k.scheme;
    int i = scan_fields(s->inputs, s->n_inputs, name);
    if (i < 0) {
        lsi_fail(sub->k.ctx, LIBSI_EINTERNAL, name, "'%s' is not an input of '%s'", name, s->name);
        return NULL;
    }
    *f = &s->inputs[i];
    return &sub->k.in[i];
}

int lsi_kernel_set_text(lsi_kernel *sub, const char *name, const char *text)
{
    const libsi_field *f;
    lsi_in *in = kernel_slot(sub, name, &f);
    if (!in)
        return LIBSI_EINTERNAL;
    const char *copy = lsi_arena_strdup(sub->k.arena, text);
    if (!copy)
        return lsi_fail(sub->k.ctx, LIBSI_ENOMEM, name, "out of memory");
    const char *why = lsi_in_parse(f, copy, in);
    in->given = true;
    return why ? lsi_in_type_error(sub->k.ctx, f, text, why) : 0;
}

int lsi_kernel_set_dec(lsi_kernel *sub, const char *name, lsi_dec v)
{
    char buf[LIBSI_DECIMAL_MAX + 1];
    lsi_dec_format(v, buf);
    return lsi_kernel_set_text(sub, name, buf);
}

int lsi_kernel_run(lsi_kernel *sub)
{
    int rc = lsi_in_required(sub->k.ctx, sub->k.scheme, sub->k.in);
    return rc ? rc : lsi_calc_run(&sub->k);
}

const lsi_out *lsi_kernel_out(lsi_kernel *sub, const char *name)
{
    const lsi_scheme *s = sub->k.scheme;
    int i = scan_fields(s->outputs, s->n_outputs, name);
    return i >= 0 && sub->k.out[i].kind != LSI_OUT_UNSET ? &sub->k.out[i] : NULL;
}

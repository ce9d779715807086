/*
 * Results (see result.h): running a kernel for libsi_calculate_traced(),
 * sealing (outputs formatted once, the SHA-256 over inputs, ruleset digest,
 * library version and outputs), the canonical JSON, the explanation, and the
 * accessors of the public API.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "result.h"

/* ------------------------------------------------------- name order */

static void sort_fields(const libsi_field *f, size_t n, uint8_t *order)
{
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        while (j > 0 && strcmp(f[order[j - 1]].name, f[i].name) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = (uint8_t)i;
    }
}

void lsi_scheme_order(const lsi_scheme *s, uint8_t *in_order, uint8_t *out_order)
{
    sort_fields(s->inputs, s->n_inputs, in_order);
    sort_fields(s->outputs, s->n_outputs, out_order);
}

/* ------------------------------------------------------- renderings */

/* A field's name as a member key: names are lower-case identifiers
 * (tools/embed_schemas.py refuses any other), so nothing is escaped. */
static void member_key(lsi_sb *sb, const char *key, bool *first)
{
    size_t n = strlen(key);
    if (!lsi_sb_reserve(sb, n + 4))
        return;
    char *p = sb->buf + sb->len;
    if (!*first)
        *p++ = ',';
    *first = false;
    *p++ = '"';
    memcpy(p, key, n);
    memcpy(p + n, "\":", 2);
    sb->len = (size_t)(p + n + 2 - sb->buf);
}

static void inputs_json(lsi_sb *sb, const lsi_view *v)
{
    bool first = true;
    lsi_sb_append(sb, "{");
    for (size_t j = 0; j < v->scheme->n_inputs; j++) {
        const lsi_in *in = &v->in[v->in_order[j]];
        if (!in->text)
            continue;
        member_key(sb, v->scheme->inputs[v->in_order[j]].name, &first);
        lsi_json_write_string(sb, in->text);
    }
    lsi_sb_append(sb, "}");
}

static void outputs_json(lsi_sb *sb, const lsi_view *v)
{
    bool first = true;
    lsi_sb_append(sb, "{");
    for (size_t j = 0; j < v->scheme->n_outputs; j++) {
        const libsi_field *f = &v->scheme->outputs[v->out_order[j]];
        const char *value = v->values[v->out_order[j]];
        if (!value)
            continue;
        member_key(sb, f->name, &first);
        if (f->type == LIBSI_TYPE_JSON)
            lsi_sb_append(sb, value);
        else
            lsi_json_write_string(sb, value);
    }
    lsi_sb_append(sb, "}");
}

/* The members the hash document and the JSON share, in key order. */
static void io_json(lsi_sb *sb, const lsi_view *v)
{
    if (v->io) {
        lsi_sb_appendn(sb, v->io, v->io_len);
        return;
    }
    lsi_sb_append(sb, "\"inputs\":");
    inputs_json(sb, v);
    lsi_sb_append(sb, ",\"outputs\":");
    outputs_json(sb, v);
    lsi_sb_append(sb, ",\"ruleset\":");
    lsi_json_write_string(sb, v->ruleset);
}

bool lsi_view_hash(lsi_sb *sb, const lsi_view *v, char hex[65])
{
    sb->len = 0;
    lsi_sb_append(sb, "{");
    io_json(sb, v);
    lsi_sb_append(sb, LSI_HASH_DOC_TAIL);
    if (sb->failed)
        return false;
    lsi_sha256_hex(sb->buf, sb->len, hex);
    return true;
}

static void flags_json(lsi_sb *sb, unsigned flags)
{
    bool first = true;
    lsi_sb_append(sb, "[");
    for (unsigned bit = 1; bit; bit <<= 1)
        if ((flags & bit) && libsi_flag_name(bit)) {
            lsi_sb_append(sb, first ? "" : ",");
            first = false;
            lsi_json_write_string(sb, libsi_flag_name(bit));
        }
    lsi_sb_append(sb, "]");
}

void lsi_view_json(lsi_sb *sb, const lsi_view *v, const char *scheme_name)
{
    lsi_sb_append(sb, "{\"flags\":");
    flags_json(sb, v->flags);
    lsi_sb_append(sb, ",\"hash\":");
    lsi_json_write_string(sb, v->hash);
    lsi_sb_append(sb, ",");
    io_json(sb, v);
    lsi_sb_append(sb, ",\"scheme\":");
    lsi_json_write_string(sb, scheme_name);
    lsi_sb_append(sb, ",\"trace\":");
    lsi_trace_json(sb, v->steps);
    lsi_sb_append(sb, ",\"version\":\"" LIBSI_VERSION_STRING "\"}\n");
}

static const char *word(lsi_render *rd, const char *en)
{
    return lsi_tr_cached(&rd->tr, en);
}

/* "(given: 0441)", "(default)", "(default: …)": where an input came from. */
static void input_origin(lsi_sb *sb, const lsi_in *in, lsi_render *rd)
{
    if (in->raw)
        lsi_sb_printf(sb, " (%s %s)", word(rd, in->given ? "given:" : "default:"), in->raw);
    else if (!in->given)
        lsi_sb_printf(sb, " (%s)", word(rd, "default"));
}

static void flags_summary(lsi_sb *sb, const lsi_view *v, lsi_render *rd)
{
    lsi_sb_printf(sb, "\n%s", word(rd, "flags:"));
    for (unsigned bit = 0; bit < 32; bit++) {
        if (!(v->flags & (1u << bit)) || !libsi_flag_name(1u << bit))
            continue;
        lsi_sb_printf(sb, " %s", libsi_flag_name(1u << bit));
        if (rd->flag_step[bit][0])
            lsi_sb_printf(sb, " [%s]", rd->flag_step[bit]);
    }
    lsi_sb_printf(sb, "%s\n%s %s\n", v->flags ? "" : word(rd, " none"), word(rd, "hash:"),
                  v->hash);
}

void lsi_view_explain_lang(lsi_sb *sb, const lsi_view *v, libsi_lang lang)
{
    const lsi_scheme *s = v->scheme;
    lsi_render rd;
    lsi_render_init(&rd, lang);
    lsi_sb_printf(sb, "%s — %s\nlibsi %s, %s %.16s…\n\n%s\n", s->name,
                  word(&rd, s->description), LIBSI_VERSION_STRING, word(&rd, "ruleset"),
                  v->ruleset, word(&rd, "inputs:"));
    for (size_t j = 0; j < s->n_inputs; j++) {
        const lsi_in *in = &v->in[v->in_order[j]];
        if (!in->text)
            continue;
        lsi_sb_printf(sb, "    %s = %s", s->inputs[v->in_order[j]].name, in->text);
        input_origin(sb, in, &rd);
        lsi_sb_append(sb, "\n");
    }
    lsi_trace_explain(sb, v->steps, &rd);
    lsi_sb_printf(sb, "\n%s\n", word(&rd, "outputs:"));
    for (size_t i = 0; i < s->n_outputs; i++)
        if (v->values[i])
            lsi_sb_printf(sb, "    %-32s %s %s\n", s->outputs[i].name, v->values[i],
                          word(&rd, s->outputs[i].unit));
    flags_summary(sb, v, &rd);
}

void lsi_view_explain(lsi_sb *sb, const lsi_view *v)
{
    lsi_view_explain_lang(sb, v, LIBSI_LANG_EN);
}

/* ---------------------------------------------------------- results */

/* Drop one hold of a pin; the last releases the ruleset and the pin. */
static void unpin(lsi_ruleset_pin *pin)
{
    if (!pin || atomic_fetch_sub(&pin->refs, 1) > 1)
        return;
    libsi_allocator a = pin->alloc;
    libsi_ruleset_free((libsi_ruleset *)pin->rs);
    lsi_free(&a, pin);
}

/* The ruleset the context's cache was filled from, released with it. */
static void dispose_call_cache(void *cache)
{
    lsi_rule_cache *c = cache;
    unpin(c->pin);
    c->pin = NULL;
    c->rs = NULL;
}

/* A pin holding `rs` for the context (its count 1: the context's). */
static lsi_ruleset_pin *new_pin(libsi_ctx *ctx, const libsi_ruleset *rs)
{
    lsi_ruleset_pin *pin = lsi_malloc(&ctx->alloc, sizeof *pin);
    if (!pin)
        return NULL;
    atomic_init(&pin->refs, 1);
    pin->rs = lsi_ruleset_retain(rs);
    pin->alloc = ctx->alloc;
    return pin;
}

/* The context's resolution cache.  Its frames point into the rules of the
 * ruleset it was filled from, so it holds that ruleset (a ruleset cannot be
 * freed, and another made at its address, while cached) through a pin:
 * calls with the same ruleset find the values earlier calls resolved (a
 * frame is keyed by place, date, known_on and carry-forward, a value by its
 * parameter); a call with another ruleset starts a new generation and a new
 * pin.  NULL when memory ran out: every read is then a lookup. */
static lsi_rule_cache *call_cache(libsi_ctx *ctx, const libsi_ruleset *rs)
{
    lsi_rule_cache *c = ctx->rule_cache;
    if (!c && (c = lsi_malloc(&ctx->alloc, sizeof *c)) != NULL) {
        memset(c, 0, sizeof *c);
        ctx->rule_cache = c;
        ctx->rule_cache_dispose = dispose_call_cache;
    }
    if (!c || (c->rs == rs && c->pin))
        return c;
    dispose_call_cache(c);
    if (!(c->pin = new_pin(ctx, rs)))
        return NULL;
    c->rs = rs;
    if (++c->gen == 0) {
        lsi_ruleset_pin *keep = c->pin;
        memset(c, 0, sizeof *c);
        c->gen = 1;
        c->rs = rs;
        c->pin = keep;
    }
    return c;
}

/* One more hold of the context's pin on `rs`, for a full-trace result
 * (NULL when memory ran out). */
static lsi_ruleset_pin *call_pin(libsi_ctx *ctx, const libsi_ruleset *rs)
{
    lsi_rule_cache *c = call_cache(ctx, rs);
    if (!c)
        return NULL;
    atomic_fetch_add(&c->pin->refs, 1);
    return c->pin;
}

int lsi_result_new(libsi_ctx *ctx, const libsi_ruleset *rs, const lsi_scheme *s,
                   libsi_trace_level level, libsi_result **out)
{
    libsi_result *r = lsi_malloc(&ctx->alloc, sizeof *r);
    *out = r;
    if (!r)
        return lsi_fail(ctx, LIBSI_ENOMEM, "result", "out of memory");
    memset(r, 0, sizeof *r);
    lsi_arena_init(&r->arena, &ctx->alloc);
    r->scheme = s;
    r->level = level;
    _Static_assert(sizeof r->ruleset == sizeof rs->digest, "a digest's 64 hex digits and NUL");
    memcpy(r->ruleset, rs->digest, sizeof r->ruleset);
    lsi_trace_init(&r->trace, &r->arena);
    r->in = lsi_arena_alloc(&r->arena, (s->n_inputs + 1) * sizeof *r->in);
    r->out = lsi_arena_alloc(&r->arena, (s->n_outputs + 1) * sizeof *r->out);
    r->values = lsi_arena_alloc(&r->arena, (s->n_outputs + 1) * sizeof *r->values);
    if (!r->in || !r->out || !r->values)
        return lsi_fail(ctx, LIBSI_ENOMEM, "result", "out of memory");
    memset(r->out, 0, (s->n_outputs + 1) * sizeof *r->out);
    memset(r->values, 0, (s->n_outputs + 1) * sizeof *r->values);
    if (level == LIBSI_TRACE_FULL && !(r->pin = call_pin(ctx, rs)))
        return lsi_fail(ctx, LIBSI_ENOMEM, "result", "out of memory");
    return 0;
}

/* The caller's case may be freed before the result: keep the given texts. */
static bool keep_inputs(libsi_result *r)
{
    for (size_t i = 0; i < r->scheme->n_inputs; i++) {
        lsi_in *in = &r->in[i];
        if (in->given && !(in->text = lsi_arena_strdup(&r->arena, in->text)))
            return false;
        if (in->raw && !(in->raw = lsi_arena_strdup(&r->arena, in->raw)))
            return false;
    }
    return true;
}

static bool format_outputs(libsi_result *r)
{
    char buf[LIBSI_DECIMAL_MAX + 1];
    for (size_t i = 0; i < r->scheme->n_outputs; i++) {
        const char *v = lsi_out_format(&r->out[i], buf);
        if (v && !(r->values[i] = lsi_arena_strdup(&r->arena, v)))
            return false;
        if (v)
            r->set[r->n_set++] = (uint8_t)i;
    }
    return true;
}

static void view_of(libsi_ctx *ctx, const libsi_result *r, lsi_view *v)
{
    if (ctx->order_key != r->scheme) {
        lsi_scheme_order(r->scheme, ctx->in_order, ctx->out_order);
        ctx->order_key = r->scheme;
    }
    *v = (lsi_view){r->scheme, r->in,      r->values,      r->trace.steps, r->flags,
                    r->ruleset, r->hash,   ctx->in_order, ctx->out_order, r->io, r->io_len};
}

/* The largest hash-document buffer a context keeps between calls. */
#define LSI_SCRATCH_KEEP 65536

/* The members the JSON shares with the hash document just written (between
 * its "{" and LSI_HASH_DOC_TAIL), kept so that libsi_result_json() copies
 * them instead of writing them again. */
static bool keep_io(libsi_result *r, const lsi_sb *doc)
{
    size_t n = doc->len - 1 - (sizeof LSI_HASH_DOC_TAIL - 1);
    r->io = lsi_arena_strndup(&r->arena, doc->buf + 1, n);
    r->io_len = r->io ? n : 0;
    return r->io != NULL;
}

static bool seal(libsi_ctx *ctx, libsi_result *r)
{
    if (r->level == LIBSI_TRACE_NONE)
        return true;
    lsi_view v;
    lsi_sb sb;
    view_of(ctx, r, &v);
    lsi_sb_init(&sb, &ctx->alloc);
    sb.buf = ctx->scratch; /* the last call's buffer: no allocation once warm */
    sb.cap = ctx->scratch_cap;
    bool ok = lsi_view_hash(&sb, &v, r->hash) && keep_io(r, &sb);
    if (sb.cap > LSI_SCRATCH_KEEP) /* a projection's tables: not kept for the next call */
        lsi_sb_dispose(&sb);
    ctx->scratch = sb.buf; /* a failed growth keeps the old buffer */
    ctx->scratch_cap = sb.cap;
    return ok;
}

int lsi_result_compute(libsi_ctx *ctx, const libsi_ruleset *rs, libsi_result *r)
{
    lsi_calc k = {.ctx = ctx, .rs = rs, .scheme = r->scheme, .in = r->in, .out = r->out,
                  .arena = &r->arena, .rules = call_cache(ctx, rs),
                  .trace = r->level == LIBSI_TRACE_FULL ? &r->trace : NULL};
    int rc = lsi_calc_run(&k);
    r->flags = k.flags;
    if (rc == 0 && !(keep_inputs(r) && format_outputs(r) && seal(ctx, r)))
        rc = lsi_fail(ctx, LIBSI_ENOMEM, "result", "out of memory");
    return rc;
}

/* ------------------------------------------------------ result access */

void libsi_result_free(libsi_result *r)
{
    if (!r)
        return;
    libsi_allocator a = r->arena.alloc;
    lsi_ruleset_pin *pin = r->pin;
    lsi_arena_release(&r->arena);
    lsi_free(&a, r);
    unpin(pin);
}

size_t libsi_result_count(const libsi_result *r)
{
    return r ? r->n_set : 0;
}

const char *libsi_result_name(const libsi_result *r, size_t i)
{
    return r && i < r->n_set ? r->scheme->outputs[r->set[i]].name : NULL;
}

const char *libsi_result_value(const libsi_result *r, size_t i)
{
    return r && i < r->n_set ? r->values[r->set[i]] : NULL;
}

const char *libsi_result_get(const libsi_result *r, const char *name)
{
    for (size_t j = 0; r && name && j < r->scheme->n_outputs; j++)
        if (strcmp(r->scheme->outputs[j].name, name) == 0)
            return r->values[j];
    return NULL;
}

static int result_get_fen_impl(libsi_ctx *ctx, const libsi_result *r, const char *name,
                               int64_t *fen)
{
    const char *v = r ? libsi_result_get(r, name) : NULL;
    if (!v)
        return lsi_fail(ctx, LIBSI_EINVAL, name ? name : "name", "no output '%s'",
                        name ? name : "(null)");
    return libsi_decimal_to_fen(ctx, v, fen);
}

int libsi_result_get_fen(libsi_ctx *ctx, const libsi_result *r, const char *name, int64_t *fen)
{
    lsi_api_enter(ctx);
    return lsi_api_leave(ctx, result_get_fen_impl(ctx, r, name, fen));
}

unsigned libsi_result_flags(const libsi_result *r)
{
    return r ? r->flags : 0;
}

const char *libsi_result_hash(const libsi_result *r)
{
    return r ? r->hash : "";
}

/* A rendering reserves what the context's last one took (and an eighth):
 * a full trace's JSON is tens of kilobytes, and growing to it by doubling
 * reallocated and copied it six times (issue #10: a tenth of a call).  A
 * projection's megabytes are not reserved for every later call. */
#define LSI_RENDER_HINT_MAX (256u * 1024u)

int lsi_result_render(libsi_ctx *ctx, const libsi_result *r, libsi_lang lang,
                      lsi_view_render *render, const char *what, char **out)
{
    if (!ctx || !r || !out)
        return lsi_fail(ctx, LIBSI_EINVAL, what, "NULL argument");
    if (lang != LIBSI_LANG_EN && lang != LIBSI_LANG_ZH)
        return lsi_fail(ctx, LIBSI_EINVAL, "lang", "unknown language %d", (int)lang);
    lsi_view v;
    lsi_sb sb;
    view_of(ctx, r, &v);
    lsi_sb_init(&sb, &ctx->alloc);
    lsi_sb_reserve(&sb, ctx->render_hint); /* one allocation, not one per doubling */
    render(&sb, &v, lang);
    ctx->render_hint = sb.len < LSI_RENDER_HINT_MAX ? sb.len + sb.len / 8 : LSI_RENDER_HINT_MAX;
    *out = lsi_sb_take(&sb);
    return *out ? 0 : lsi_fail(ctx, LIBSI_ENOMEM, what, "out of memory");
}

/* The canonical JSON has no language. */
static void json_render(lsi_sb *sb, const lsi_view *v, libsi_lang lang)
{
    (void)lang;
    lsi_view_json(sb, v, v->scheme->name);
}

int libsi_result_json(libsi_ctx *ctx, const libsi_result *r, char **json)
{
    LSI_API_RETURN_OUT(ctx, json,
                       lsi_result_render(ctx, r, LIBSI_LANG_EN, json_render, "json", json));
}

int libsi_result_explain_lang(libsi_ctx *ctx, const libsi_result *r, libsi_lang lang,
                              char **text)
{
    LSI_API_RETURN_OUT(ctx, text,
                       lsi_result_render(ctx, r, lang, lsi_view_explain_lang, "text", text));
}

int libsi_result_explain(libsi_ctx *ctx, const libsi_result *r, char **text)
{
    LSI_API_RETURN_OUT(ctx, text, lsi_result_render(ctx, r, LIBSI_LANG_EN, lsi_view_explain_lang,
                                                    "text", text));
}

/*
 * The typed trace (see trace.h): recording in O(1) per append, and the two
 * renderings — canonical JSON and the auditor's explanation — from the one
 * structure, so they cannot disagree.  The JSON is byte-identical to the
 * tree the library built before the trace was typed: keys in byte order, a
 * value label or a step field set twice keeps the last value.
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "trace.h"

void lsi_trace_init(lsi_trace *t, lsi_arena *arena)
{
    t->arena = arena;
    t->steps = NULL;
    t->steps_tail = &t->steps;
    t->oom = false;
}

static void *node(lsi_trace *t, size_t n)
{
    void *p = lsi_arena_alloc(t->arena, n);
    if (!p)
        t->oom = true;
    else
        memset(p, 0, n);
    return p;
}

/* Step texts may come from the caller's stack: keep a copy. */
static const char *keep(lsi_trace *t, const char *s)
{
    if (!s)
        return "";
    char *p = lsi_arena_strdup(t->arena, s);
    t->oom |= !p;
    return p ? p : "";
}

lsi_tstep *lsi_trace_step(lsi_trace *t, lsi_tstep *parent, const char *id, const char *title,
                          const char *basis, const char *formula)
{
    lsi_tstep *s = lsi_arena_alloc(t->arena, sizeof *s);
    if (!s) {
        t->oom = true;
        return NULL;
    }
    /* Every member but the five decimals, which are read only once a bit
     * of `has` says they were set: a step is opened at every statutory step
     * of a full trace, and clearing its 300 bytes was a twentieth of a call. */
    s->id = id ? id : ""; /* static strings (see lsi_step) */
    s->title = title ? title : "";
    s->basis = basis ? basis : "";
    s->formula = formula ? formula : "";
    s->note = NULL;
    s->def = NULL;
    s->rounding = NULL;
    s->has = 0;
    s->values = NULL;
    s->n_values = 0;
    s->params = NULL;
    s->flags = NULL;
    s->children = s->next = NULL;
    s->values_tail = &s->values;
    s->params_tail = &s->params;
    s->flags_tail = &s->flags;
    s->children_tail = &s->children;
    lsi_tstep ***tail = parent ? &parent->children_tail : &t->steps_tail;
    **tail = s;
    *tail = &s->next;
    return s;
}

void lsi_trace_value(lsi_trace *t, lsi_tstep *s, const char *label, const char *text,
                     lsi_dec dec)
{
    lsi_tvalue *v = node(t, sizeof *v);
    if (!v)
        return;
    v->label = keep(t, label);
    v->text = text ? keep(t, text) : NULL;
    v->dec = dec;
    *s->values_tail = v;
    s->values_tail = &v->next;
    s->n_values++;
}

void lsi_trace_param(lsi_trace *t, lsi_tstep *s, const lsi_rule *r, bool carried_forward)
{
    lsi_tparam *p = node(t, sizeof *p);
    if (!p)
        return;
    p->rule = r;
    p->carried_forward = carried_forward;
    *s->params_tail = p;
    s->params_tail = &p->next;
}

void lsi_trace_flag(lsi_trace *t, lsi_tstep *s, unsigned flag)
{
    lsi_tflag *f = node(t, sizeof *f);
    if (!f)
        return;
    f->flag = flag;
    *s->flags_tail = f;
    s->flags_tail = &f->next;
}

void lsi_trace_note(lsi_trace *t, lsi_tstep *s, const char *note)
{
    s->note = keep(t, note);
    s->has |= LSI_T_NOTE;
}

/* ------------------------------------------------------------ rendering */

/* Values a step sorts for rendering without allocating. */
#define STACK_VALUES 32

/* The values of a step in label order, the last of equal labels kept. */
static size_t sorted_values(const lsi_tstep *s, const lsi_tvalue **out)
{
    size_t n = 0;
    for (const lsi_tvalue *v = s->values; v; v = v->next) {
        size_t i = n;
        while (i > 0 && strcmp(out[i - 1]->label, v->label) > 0)
            i--;
        if (i > 0 && strcmp(out[i - 1]->label, v->label) == 0) {
            out[i - 1] = v; /* a later value of the same label replaces it */
            continue;
        }
        memmove(&out[i + 1], &out[i], (n - i) * sizeof *out);
        out[i] = v;
        n++;
    }
    return n;
}

static const char *value_text(const lsi_tvalue *v, char *buf)
{
    if (v->text)
        return v->text;
    lsi_dec_format(v->dec, buf);
    return buf;
}

/* A member key as written, ",\"k\":" (the comma dropped for the first
 * member), and its length: the keys of a step are literals with nothing to
 * escape, so they are quoted when compiled (issue #10: the trace's ~600
 * strings each cost a scan and two calls).  Inline: a key is then one copy
 * of a length known when compiled. */
#define QK(k) ",\"" k "\":", sizeof(",\"" k "\":") - 1

static inline __attribute__((always_inline)) void key(lsi_sb *sb, const char *quoted, size_t n,
                                                      bool *first)
{
    size_t skip = *first;
    *first = false;
    lsi_sb_appendn(sb, quoted + skip, n - skip);
}

static inline __attribute__((always_inline)) void str_member(lsi_sb *sb, const char *quoted,
                                                             size_t n, const char *v, bool *first)
{
    key(sb, quoted, n, first);
    lsi_json_write_string(sb, v ? v : "");
}

/* A decimal's text needs no escaping: written between its quotes in place. */
static void dec_string(lsi_sb *sb, lsi_dec v)
{
    if (!lsi_sb_reserve(sb, LIBSI_DECIMAL_MAX + 2))
        return;
    char *p = sb->buf + sb->len;
    size_t n = lsi_dec_format(v, p + 1);
    p[0] = p[n + 1] = '"';
    sb->len += n + 2;
}

static inline __attribute__((always_inline)) void dec_member(lsi_sb *sb, const char *quoted,
                                                             size_t n, lsi_dec v, bool *first)
{
    key(sb, quoted, n, first);
    dec_string(sb, v);
}

/* A member whose key is data (a value's label): escaped like any string. */
static void label_member(lsi_sb *sb, const lsi_tvalue *v, bool *first)
{
    if (!*first)
        lsi_sb_appendn(sb, ",", 1);
    *first = false;
    lsi_json_write_string(sb, v->label);
    lsi_sb_appendn(sb, ":", 1);
    if (v->text)
        lsi_json_write_string(sb, v->text);
    else
        dec_string(sb, v->dec);
}

/* One JSON array of a trace list: `item` writes a node and returns the next. */
typedef const void *item_json_fn(lsi_sb *sb, const void *node);

static void list_json(lsi_sb *sb, const void *head, item_json_fn *item)
{
    lsi_sb_append(sb, "[");
    for (const void *n = head; n;) {
        n = item(sb, n);
        if (n)
            lsi_sb_append(sb, ",");
    }
    lsi_sb_append(sb, "]");
}

/* The member "k":[...], left out when the list is empty. */
static inline __attribute__((always_inline)) void list_member(lsi_sb *sb, const char *quoted,
                                                              size_t n, const void *head,
                                                              item_json_fn *item, bool *first)
{
    if (!head)
        return;
    key(sb, quoted, n, first);
    list_json(sb, head, item);
}

static const void *param_json(lsi_sb *sb, const void *node)
{
    const lsi_tparam *p = node;
    lsi_rule_provenance_json(sb, p->rule, p->carried_forward);
    return p->next;
}

static const void *flag_json(lsi_sb *sb, const void *node)
{
    const lsi_tflag *f = node;
    lsi_json_write_string(sb, libsi_flag_name(f->flag) ? libsi_flag_name(f->flag) : "");
    return f->next;
}

/* The values of step s in label order (see sorted_values), in `stack_buf`
 * when they fit, else allocated (NULL and sb->failed when that fails);
 * give them back with values_done. */
static const lsi_tvalue **values_sorted(lsi_sb *sb, const lsi_tstep *s,
                                        const lsi_tvalue **stack_buf, size_t *n)
{
    const lsi_tvalue **sorted = stack_buf;
    if (s->n_values > STACK_VALUES &&
        !(sorted = lsi_malloc(sb->alloc, s->n_values * sizeof *sorted))) {
        sb->failed = true;
        return NULL;
    }
    *n = sorted_values(s, sorted);
    return sorted;
}

static void values_done(lsi_sb *sb, const lsi_tvalue **sorted, const lsi_tvalue **stack_buf)
{
    if (sorted != stack_buf)
        lsi_free(sb->alloc, sorted);
}

static void values_json(lsi_sb *sb, const lsi_tstep *s, bool *first)
{
    if (!s->values)
        return;
    const lsi_tvalue *stack_buf[STACK_VALUES], **sorted;
    size_t n;
    if (!(sorted = values_sorted(sb, s, stack_buf, &n)))
        return;
    bool inner = true;
    key(sb, QK("values"), first);
    lsi_sb_append(sb, "{");
    for (size_t i = 0; i < n; i++)
        label_member(sb, sorted[i], &inner);
    lsi_sb_append(sb, "}");
    values_done(sb, sorted, stack_buf);
}

static void ratio_member(lsi_sb *sb, const lsi_tstep *s, bool *first)
{
    char a[LIBSI_DECIMAL_MAX + 1], b[LIBSI_DECIMAL_MAX + 1];
    lsi_dec_format(s->ratio_num, a);
    lsi_dec_format(s->ratio_den, b);
    key(sb, QK("exact_ratio"), first);
    lsi_sb_append(sb, "\"");
    lsi_sb_append(sb, a);
    lsi_sb_append(sb, " / ");
    lsi_sb_append(sb, b);
    lsi_sb_append(sb, "\"");
}

/* Text i of a step (0 basis, 1 formula, 2 step id, 3 title): a catalogue
 * step's member as compiled (tools/embed_steps.py), else written here. */
static void step_text(lsi_sb *sb, const lsi_tstep *s, int i, const char *quoted, size_t n,
                      const char *text, bool *first)
{
    if (!s->def) {
        str_member(sb, quoted, n, text, first);
        return;
    }
    *first = false;
    lsi_json_write_fragment(sb, &s->def->json[i]);
}

/* The rounding rule's name and basis: a named rule's as written when
 * compiled (LSI_ROUNDING), another's (made by a kernel) escaped here. */
static void rounding_members(lsi_sb *sb, const lsi_rounding *r, bool *first)
{
    if (r->json) {
        key(sb, r->json, r->json_len, first);
        return;
    }
    str_member(sb, QK("rounding"), r->name, first);
    str_member(sb, QK("rounding_basis"), r->basis, first);
}

static const void *step_json(lsi_sb *sb, const void *node)
{
    const lsi_tstep *s = node;
    bool first = true;
    lsi_sb_append(sb, "{");
    step_text(sb, s, 0, QK("basis"), s->basis, &first);
    if (s->has & LSI_T_EXACT) dec_member(sb, QK("exact"), s->exact, &first);
    if (s->has & LSI_T_RATIO) ratio_member(sb, s, &first);
    list_member(sb, QK("flags"), s->flags, flag_json, &first);
    step_text(sb, s, 1, QK("formula"), s->formula, &first);
    if (s->has & LSI_T_NOTE) str_member(sb, QK("note"), s->note, &first);
    list_member(sb, QK("params"), s->params, param_json, &first);
    if (s->has & LSI_T_RESIDUE) dec_member(sb, QK("residue"), s->residue, &first);
    if (s->has & LSI_T_RESULT) dec_member(sb, QK("result"), s->result, &first);
    if (s->has & LSI_T_ROUNDING) rounding_members(sb, s->rounding, &first);
    step_text(sb, s, 2, QK("step"), s->id, &first);
    list_member(sb, QK("steps"), s->children, step_json, &first);
    step_text(sb, s, 3, QK("title"), s->title, &first);
    values_json(sb, s, &first);
    lsi_sb_append(sb, "}");
    return s->next;
}

void lsi_trace_json(lsi_sb *sb, const lsi_tstep *steps)
{
    list_json(sb, steps, step_json);
}

/* ---------------------------------------------------------- explanation */

/* 广州市 440100, 广东省, 全国: what an auditor reads on the forms. */
void lsi_trace_place(int32_t code, char buf[48])
{
    const lsi_jurisdiction *j = lsi_jurisdiction_by_code(code);
    if (!j)
        snprintf(buf, 48, "%06d", (int)code);
    else if (j->parent < 0)
        snprintf(buf, 48, "%s", j->chinese);
    else if (j->parent == 0)
        snprintf(buf, 48, "%s省", j->chinese);
    else
        snprintf(buf, 48, "%s市 %06d", j->chinese, (int)code);
}

static const char *word(lsi_render *rd, const char *en)
{
    return lsi_tr_cached(&rd->tr, en);
}

void lsi_render_init(lsi_render *rd, libsi_lang lang)
{
    memset(rd, 0, sizeof *rd);
    rd->tr.lang = lang;
}

size_t lsi_trace_param_reads(const lsi_tstep *s, const lsi_tparam *p)
{
    size_t n = 0;
    for (const lsi_tparam *q = s->params; q; q = q->next) {
        if (q->rule != p->rule || q->carried_forward != p->carried_forward)
            continue;
        if (n == 0 && q != p)
            return 0; /* an earlier line shows it */
        n++;
    }
    return n;
}

static void param_line(lsi_sb *sb, const lsi_tparam *p, size_t times, lsi_render *rd)
{
    const lsi_rule *r = p->rule;
    char place[48], count[32] = "";
    lsi_trace_place(r->jurisdiction, place);
    if (times > 1)
        snprintf(count, sizeof count, " (×%zu)", times);
    lsi_sb_printf(sb, "      %s = %s %s%s  [%s, %s %s; %s %s..%s; %s %s%s%s]\n", r->name,
                  r->value_text, r->unit ? word(rd, r->unit) : "", count, place,
                  r->document ? r->document : "", r->article ? r->article : "",
                  word(rd, "in force"), r->from_text, r->to_text, word(rd, "conf."),
                  r->confidence ? r->confidence : "", p->carried_forward ? "; " : "",
                  p->carried_forward ? word(rd, "CARRIED FORWARD") : "");
}

static void values_lines(lsi_sb *sb, const lsi_tstep *s, const char *indent, lsi_render *rd)
{
    const lsi_tvalue *stack_buf[STACK_VALUES], **sorted;
    size_t n;
    if (!(sorted = values_sorted(sb, s, stack_buf, &n)))
        return;
    char buf[LIBSI_DECIMAL_MAX + 1];
    char text[LSI_MSG_MAX];
    for (size_t i = 0; i < n; i++)
        lsi_sb_printf(sb, "%s    %s = %s\n", indent, sorted[i]->label,
                      sorted[i]->text ? lsi_i18n_text(rd->tr.lang, sorted[i]->text, text, sizeof text)
                                      : value_text(sorted[i], buf));
    values_done(sb, sorted, stack_buf);
}

unsigned lsi_trace_outcome(const lsi_tstep *s, lsi_outcome_text *o)
{
    o->residue[0] = '\0';
    if (s->has & (LSI_T_ROUNDING | LSI_T_RESULT))
        lsi_dec_format(s->result, o->result);
    if (!(s->has & LSI_T_ROUNDING))
        return s->has & LSI_T_RESULT;
    lsi_dec_format(s->exact, o->exact);
    if (s->has & LSI_T_RESIDUE)
        lsi_dec_format(s->residue, o->residue);
    return LSI_T_ROUNDING;
}

static void outcome_lines(lsi_sb *sb, const lsi_tstep *s, const char *indent, lsi_render *rd)
{
    lsi_outcome_text o;
    unsigned kind = lsi_trace_outcome(s, &o);
    if (kind == LSI_T_ROUNDING)
        lsi_sb_printf(sb, "%s    %s %s, %s %s → %s (%s %s)\n", indent, word(rd, "exact"), o.exact,
                      word(rd, "rounded by"), s->rounding->name, o.result, word(rd, "residue"),
                      o.residue);
    else if (kind == LSI_T_RESULT)
        lsi_sb_printf(sb, "%s    %s %s\n", indent, word(rd, "result:"), o.result);
}

/* The first step that raised each flag, for the summary (issue #17). */
static void remember_flag(lsi_render *rd, unsigned flag, const char *number)
{
    for (unsigned bit = 0; bit < 32; bit++)
        if (flag == 1u << bit && !rd->flag_step[bit][0])
            snprintf(rd->flag_step[bit], sizeof rd->flag_step[bit], "%s", number);
}

/* The flags a step raised: its own, and those of the rule values it read
 * (low confidence, provisional, carried forward). */
static void remember_step_flags(lsi_render *rd, const lsi_tstep *s, const char *number)
{
    for (const lsi_tflag *f = s->flags; f; f = f->next)
        remember_flag(rd, f->flag, number);
    for (const lsi_tparam *p = s->params; p; p = p->next) {
        unsigned flags = p->rule->flags | (p->carried_forward ? LIBSI_FLAG_CARRIED_FORWARD : 0);
        for (unsigned bit = 1; bit; bit <<= 1)
            if (flags & bit)
                remember_flag(rd, bit, number);
    }
}

static void explain_steps(lsi_sb *sb, const lsi_tstep *steps, const char *prefix, int depth,
                          lsi_render *rd);

/* "basis:" and its padding to the width of the longest English label. */
static void label(lsi_sb *sb, const char *indent, lsi_render *rd, const char *en)
{
    const char *t = word(rd, en);
    lsi_sb_printf(sb, "%s    %s%*s", indent, t, t == en ? (int)(9 - strlen(en)) : 1, "");
}

static void step_block(lsi_sb *sb, const char *number, const lsi_tstep *s, int depth,
                       lsi_render *rd)
{
    char indent[24] = "";
    for (int d = 0; d < depth && d < 10; d++)
        strcat(indent, "  ");
    lsi_sb_printf(sb, "\n%s[%s] %s\n", indent, number, word(rd, s->title));
    label(sb, indent, rd, "basis:");
    lsi_sb_printf(sb, "%s\n", word(rd, s->basis));
    if (*s->formula) {
        label(sb, indent, rd, "formula:");
        lsi_sb_printf(sb, "%s\n", word(rd, s->formula));
    }
    if (s->params)
        lsi_sb_printf(sb, "%s    %s\n", indent, word(rd, "rule values:"));
    for (const lsi_tparam *p = s->params; p; p = p->next) {
        size_t times = lsi_trace_param_reads(s, p);
        if (times == 0)
            continue;
        lsi_sb_append(sb, indent);
        param_line(sb, p, times, rd);
    }
    values_lines(sb, s, indent, rd);
    outcome_lines(sb, s, indent, rd);
    for (const lsi_tflag *f = s->flags; f; f = f->next)
        lsi_sb_printf(sb, "%s    %s %s\n", indent, word(rd, "flag:"),
                      libsi_flag_name(f->flag) ? libsi_flag_name(f->flag) : "");
    remember_step_flags(rd, s, number);
    char note[LSI_MSG_MAX];
    if ((s->has & LSI_T_NOTE) && *s->note)
        lsi_sb_printf(sb, "%s    %s %s\n", indent, word(rd, "note:"),
                      lsi_i18n_text(rd->tr.lang, s->note, note, sizeof note));
    if (s->children)
        explain_steps(sb, s->children, number, depth + 1, rd);
}

void lsi_trace_number(char number[64], const char *prefix, size_t n)
{
    if (prefix)
        snprintf(number, 64, "%.48s.%zu", prefix, n);
    else
        snprintf(number, 64, "%zu", n);
}

static void explain_steps(lsi_sb *sb, const lsi_tstep *steps, const char *prefix, int depth,
                          lsi_render *rd)
{
    char number[64];
    size_t n = 0;
    for (const lsi_tstep *s = steps; s; s = s->next) {
        lsi_trace_number(number, prefix, ++n);
        step_block(sb, number, s, depth, rd);
    }
}

void lsi_trace_explain(lsi_sb *sb, const lsi_tstep *steps, lsi_render *rd)
{
    explain_steps(sb, steps, NULL, 0, rd);
}

void lsi_trace_flag_steps(const lsi_tstep *steps, const char *prefix, lsi_render *rd)
{
    char number[64];
    size_t n = 0;
    for (const lsi_tstep *s = steps; s; s = s->next) {
        lsi_trace_number(number, prefix, ++n);
        remember_step_flags(rd, s, number);
        lsi_trace_flag_steps(s->children, number, rd);
    }
}

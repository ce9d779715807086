/*
 * The human explanation of a result: every step with its legal basis, the
 * rule parameters it read (with document, period and confidence), the exact
 * value before rounding, the rounding rule and the result.  Auditors read
 * this next to an approval form; it is rendered from the same trace that the
 * JSON output carries, so the two cannot disagree.
 */
#include <string.h>

#include "calc_internal.h"

static const char *member(const lsi_json *o, const char *key)
{
    const lsi_json *m = lsi_json_get(o, key);
    return m && m->text ? m->text : "";
}

static void param_line(lsi_sb *sb, const lsi_json *p)
{
    const char *to = member(p, "to");
    lsi_sb_printf(sb, "      %s = %s %s  [%s, %s %s; in force %s..%s; conf. %s%s]\n",
                  member(p, "name"), member(p, "value"), member(p, "unit"),
                  member(p, "jurisdiction"), member(p, "document"), member(p, "article"),
                  member(p, "from"), *to ? to : "", member(p, "confidence"),
                  *member(p, "carried_forward") ? "; CARRIED FORWARD" : "");
}

static void step_block(lsi_sb *sb, size_t n, const lsi_json *s)
{
    lsi_sb_printf(sb, "\n[%zu] %s\n    basis:   %s\n", n, member(s, "title"), member(s, "basis"));
    if (*member(s, "formula"))
        lsi_sb_printf(sb, "    formula: %s\n", member(s, "formula"));
    const lsi_json *params = lsi_json_get(s, "params");
    if (params && params->count) {
        lsi_sb_append(sb, "    rule values:\n");
        for (const lsi_json *p = params->first; p; p = p->next)
            param_line(sb, p);
    }
    const lsi_json *values = lsi_json_get(s, "values");
    for (const lsi_json *v = values ? values->first : NULL; v; v = v->next)
        lsi_sb_printf(sb, "    %s = %s\n", v->key, v->text);
    if (*member(s, "rounding"))
        lsi_sb_printf(sb, "    exact %s, rounded by %s → %s (residue %s)\n", member(s, "exact"),
                      member(s, "rounding"), member(s, "result"), member(s, "residue"));
    else if (*member(s, "result"))
        lsi_sb_printf(sb, "    result: %s\n", member(s, "result"));
    const lsi_json *flags = lsi_json_get(s, "flags");
    for (const lsi_json *f = flags ? flags->first : NULL; f; f = f->next)
        lsi_sb_printf(sb, "    flag: %s\n", f->text);
    if (*member(s, "note"))
        lsi_sb_printf(sb, "    note: %s\n", member(s, "note"));
}

char *lsi_explain(const libsi_allocator *a, const libsi_result *r)
{
    lsi_sb sb;
    lsi_sb_init(&sb, a);
    lsi_sb_printf(&sb, "%s — %s\nlibsi %s, ruleset %.16s…\n\ninputs:\n", r->scheme->name,
                  r->scheme->description, LIBSI_VERSION_STRING, r->ruleset);
    for (const lsi_json *m = r->inputs->first; m; m = m->next)
        lsi_sb_printf(&sb, "    %s = %s\n", m->key, m->text);
    size_t n = 0;
    for (const lsi_json *s = r->trace->first; s; s = s->next)
        step_block(&sb, ++n, s);
    lsi_sb_append(&sb, "\noutputs:\n");
    for (size_t i = 0; i < r->scheme->n_outputs; i++)
        if (r->values[i])
            lsi_sb_printf(&sb, "    %-32s %s %s\n", r->scheme->outputs[i].name, r->values[i],
                          r->scheme->outputs[i].unit);
    lsi_sb_append(&sb, "\nflags:");
    for (unsigned bit = 1; bit; bit <<= 1)
        if ((r->flags & bit) && libsi_flag_name(bit))
            lsi_sb_printf(&sb, " %s", libsi_flag_name(bit));
    lsi_sb_printf(&sb, "%s\nhash: %s\n", r->flags ? "" : " none", r->hash);
    return lsi_sb_take(&sb);
}

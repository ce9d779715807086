/*
 * A rule's provenance as a full trace's JSON shows it (the members of each
 * entry of a step's "params"), written once when the ruleset is loaded.  A
 * pension's trace lists nine rule values with twelve texts each: written at
 * every libsi_result_json they were a third of the document's strings
 * (issue #10).  The written text is the same either way: one function
 * writes it, at load time into the rule and for a rule without it (made by
 * hand in a test) at the call.
 */
#include "json.h"
#include "ruleset_internal.h"

static void member(lsi_sb *sb, const char *key, const char *v)
{
    lsi_sb_appendn(sb, ",", 1);
    lsi_json_write_string(sb, key);
    lsi_sb_appendn(sb, ":", 1);
    lsi_json_write_string(sb, v ? v : "");
}

/* {"article":"…" — the members before "carried_forward" (keys in byte order). */
static void provenance_head(lsi_sb *sb, const lsi_rule *r)
{
    lsi_sb_appendn(sb, "{\"article\":", 11);
    lsi_json_write_string(sb, r->article ? r->article : "");
}

/* ,"confidence":…,"value":"…"} — the members after it, and the brace. */
static void provenance_tail(lsi_sb *sb, const lsi_rule *r)
{
    member(sb, "confidence", r->confidence);
    member(sb, "document", r->document);
    member(sb, "from", r->from_text);
    member(sb, "jurisdiction", r->jurisdiction_text);
    member(sb, "name", r->name);
    member(sb, "published", r->published_text);
    member(sb, "source", r->source_file);
    member(sb, "status", r->status);
    member(sb, "to", r->to_text);
    member(sb, "unit", r->unit);
    member(sb, "value", r->value_text);
    lsi_sb_appendn(sb, "}", 1);
}

void lsi_rule_provenance_json(lsi_sb *sb, const lsi_rule *r, bool carried_forward)
{
    if (r->json_head.text)
        lsi_json_write_fragment(sb, &r->json_head);
    else
        provenance_head(sb, r);
    if (carried_forward)
        lsi_sb_append(sb, ",\"carried_forward\":\"true\"");
    if (r->json_tail.text)
        lsi_json_write_fragment(sb, &r->json_tail);
    else
        provenance_tail(sb, r);
}

/* One part into the ruleset's arena; false when memory ran out. */
static bool keep_part(libsi_ruleset *rs, lsi_sb *sb, lsi_json_fragment *part)
{
    part->text = sb->failed ? NULL : lsi_arena_strndup(&rs->arena, sb->buf ? sb->buf : "", sb->len);
    part->len = sb->len;
    sb->len = 0;
    return part->text != NULL;
}

bool lsi_ruleset_render_provenance(libsi_ruleset *rs)
{
    lsi_sb sb;
    bool ok = true;
    lsi_sb_init(&sb, &rs->arena.alloc);
    for (size_t i = 0; ok && i < rs->n; i++) {
        lsi_rule *r = &rs->rules[i];
        provenance_head(&sb, r);
        ok = keep_part(rs, &sb, &r->json_head);
        provenance_tail(&sb, r);
        ok = ok && keep_part(rs, &sb, &r->json_tail);
    }
    lsi_sb_dispose(&sb);
    return ok;
}

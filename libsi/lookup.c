/*
 * Strict, bitemporal rule lookup: city → province → nation.
 * See ruleset.c for the store and the house rule behind strictness.
 */
#include <string.h>

#include "ruleset_internal.h"

/* First rule with this name (rules are sorted by name first). */
static size_t first_named(const libsi_ruleset *rs, const char *name)
{
    size_t lo = 0, hi = rs->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(rs->rules[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool visible(const lsi_rule *r, const lsi_query *q)
{
    return q->known_on == 0 || r->published <= q->known_on;
}

/* The value in force at one level: covering the date, latest publication. */
static const lsi_rule *in_force(const libsi_ruleset *rs, size_t start, const lsi_query *q,
                                int32_t code)
{
    const lsi_rule *best = NULL;
    for (size_t i = start; i < rs->n && strcmp(rs->rules[i].name, q->name) == 0; i++) {
        const lsi_rule *r = &rs->rules[i];
        if (r->jurisdiction != code || !visible(r, q) || r->from > q->date || r->to <= q->date)
            continue;
        if (!best || r->published >= best->published)
            best = r;
    }
    return best;
}

/* The latest earlier value at one level, for an explicit carry-forward. */
static const lsi_rule *latest_before(const libsi_ruleset *rs, size_t start,
                                     const lsi_query *q, int32_t code)
{
    const lsi_rule *best = NULL;
    for (size_t i = start; i < rs->n && strcmp(rs->rules[i].name, q->name) == 0; i++) {
        const lsi_rule *r = &rs->rules[i];
        if (r->jurisdiction != code || !visible(r, q) || r->from > q->date)
            continue;
        if (!best || r->from > best->from ||
            (r->from == best->from && r->published >= best->published))
            best = r;
    }
    return best;
}

unsigned lsi_rule_flags(const lsi_rule *r)
{
    unsigned f = 0;
    if (strcmp(r->confidence, "L") == 0 || strcmp(r->confidence, "NF") == 0)
        f |= LIBSI_FLAG_LOW_CONFIDENCE;
    if (strcmp(r->status, "enacted") != 0)
        f |= LIBSI_FLAG_PROVISIONAL;
    return f;
}

static int not_found(libsi_ctx *ctx, const lsi_query *q, size_t start, const libsi_ruleset *rs)
{
    char date[11], known[11] = "";
    lsi_date_format(q->date, date);
    if (q->known_on)
        lsi_date_format(q->known_on, known);
    bool named = start < rs->n && strcmp(rs->rules[start].name, q->name) == 0;
    return lsi_fail(ctx, LIBSI_ENOTFOUND, q->name,
                    "no value of rule parameter '%s' for %s (%06d) on %s%s%s "
                    "(looked in the city, the province and the nation%s)",
                    q->name, q->place->pinyin, (int)q->place->code, date,
                    q->known_on ? " as known on " : "", known,
                    named ? "; strict lookup never carries a value forward unless asked"
                          : "; no rule file defines this parameter");
}

int lsi_rule_find(libsi_ctx *ctx, const libsi_ruleset *rs, const lsi_query *q,
                  const lsi_rule **out, unsigned *flags)
{
    size_t start = first_named(rs, q->name);
    const lsi_jurisdiction *j;
    for (j = q->place; j; j = j->parent < 0 ? NULL : lsi_jurisdiction_by_code(j->parent)) {
        const lsi_rule *r = in_force(rs, start, q, j->code);
        if (r) {
            *out = r;
            *flags |= r->flags;
            return 0;
        }
    }
    for (j = q->place; q->carry_forward && j;
         j = j->parent < 0 ? NULL : lsi_jurisdiction_by_code(j->parent)) {
        const lsi_rule *r = latest_before(rs, start, q, j->code);
        if (r) {
            *out = r;
            *flags |= r->flags | LIBSI_FLAG_CARRIED_FORWARD;
            return 0;
        }
    }
    return not_found(ctx, q, start, rs);
}

static void export_value(const lsi_rule *r, unsigned flags, libsi_rule_value *out)
{
    out->name = r->name;
    out->value = r->value_text;
    out->unit = r->unit;
    out->jurisdiction = r->jurisdiction_text;
    out->from = r->from_text;
    out->to = r->to_text;
    out->document = r->document;
    out->article = r->article;
    out->url = r->url;
    out->published = r->published_text;
    out->status = r->status;
    out->confidence = r->confidence;
    out->note = r->note;
    out->source_file = r->source_file;
    out->flags = flags;
}

int libsi_rule_lookup(libsi_ctx *ctx, const libsi_ruleset *rs, const char *name,
                      const char *jurisdiction, const char *date,
                      const libsi_lookup_options *opt, libsi_rule_value *out)
{
    if (!ctx || !rs || !name || !out)
        return lsi_fail(ctx, LIBSI_EINVAL, "name", "NULL argument");
    lsi_clear_error(ctx);
    lsi_query q = {name, NULL, 0, 0, opt && opt->carry_forward};
    int rc = lsi_jurisdiction_find(ctx, jurisdiction, "jurisdiction", &q.place);
    if (rc != 0)
        return rc;
    if (lsi_date_parse(date, &q.date, true) != 0)
        return lsi_fail(ctx, LIBSI_EDATE, "date", "date: '%.32s' is not YYYY-MM-DD or YYYY-MM",
                        date ? date : "(null)");
    if (opt && opt->known_on && lsi_date_parse(opt->known_on, &q.known_on, false) != 0)
        return lsi_fail(ctx, LIBSI_EDATE, "known_on", "known_on: '%.32s' is not YYYY-MM-DD",
                        opt->known_on);
    const lsi_rule *r;
    unsigned flags = 0;
    rc = lsi_rule_find(ctx, rs, &q, &r, &flags);
    if (rc != 0)
        return rc;
    export_value(r, flags, out);
    return 0;
}

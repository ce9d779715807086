/*
 * Strict, bitemporal rule lookup: city → province → nation.
 * See ruleset.c for the store and the house rule behind strictness.
 */
#include <string.h>

#include "ruleset_internal.h"

/* The rules with this name: [first, end), empty when none (rules are
 * sorted by name first; each knows where its name's run ends). */
typedef struct name_run {
    size_t first, end;
} name_run;

static name_run rules_named(const libsi_ruleset *rs, const char *name)
{
    size_t lo = 0, hi = rs->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(rs->rules[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    bool named = lo < rs->n && strcmp(rs->rules[lo].name, name) == 0;
    return (name_run){lo, named ? rs->rules[lo].name_end : lo};
}

static bool visible(const lsi_rule *r, const lsi_query *q)
{
    return q->known_on == 0 || r->published <= q->known_on;
}

/* The value in force at one level: covering the date, latest publication. */
static const lsi_rule *in_force(const libsi_ruleset *rs, name_run run, const lsi_query *q,
                                int32_t code)
{
    const lsi_rule *best = NULL;
    for (size_t i = run.first; i < run.end; i++) {
        const lsi_rule *r = &rs->rules[i];
        if (r->jurisdiction != code || !visible(r, q) || r->from > q->date || r->to <= q->date)
            continue;
        if (!best || r->published >= best->published)
            best = r;
    }
    return best;
}

static const lsi_jurisdiction *parent_of(const lsi_jurisdiction *j)
{
    return j->parent < 0 ? NULL : lsi_jurisdiction_by_code(j->parent);
}

/* The end (exclusive) of the last period held before the date, at any level
 * of the chain; 0 when no value of this name was ever in force before it. */
static int last_period_end(const libsi_ruleset *rs, name_run run, const lsi_query *q)
{
    int end = 0;
    for (const lsi_jurisdiction *j = q->place; j; j = parent_of(j))
        for (size_t i = run.first; i < run.end; i++) {
            const lsi_rule *r = &rs->rules[i];
            if (r->jurisdiction == j->code && visible(r, q) && r->to <= q->date && r->to > end)
                end = r->to;
        }
    return end;
}

/* The value in force at the date along the chain city → province → nation. */
static const lsi_rule *chain_in_force(const libsi_ruleset *rs, name_run run, const lsi_query *q)
{
    for (const lsi_jurisdiction *j = q->place; j; j = parent_of(j)) {
        const lsi_rule *r = in_force(rs, run, q, j->code);
        if (r)
            return r;
    }
    return NULL;
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

static int not_found(libsi_ctx *ctx, const lsi_query *q, name_run run, const libsi_ruleset *rs)
{
    char date[11], known[11] = "", last[11] = "";
    lsi_date_format(q->date, date);
    if (q->known_on)
        lsi_date_format(q->known_on, known);
    int end = last_period_end(rs, run, q);
    if (end)
        lsi_date_format(lsi_date_prev_day(end), last);
    bool named = run.first < run.end;
    return lsi_fail(ctx, LIBSI_ENOTFOUND, q->name,
                    "no value of rule parameter '%s' for %s (%06d) on %s%s%s "
                    "(looked in the city, the province and the nation%s%s%s)",
                    q->name, q->place->pinyin, (int)q->place->code, date,
                    q->known_on ? " as known on " : "", known,
                    end ? "; the last period held ended on " : "", last,
                    named ? "; strict lookup never carries a value forward unless asked"
                          : "; no rule file defines this parameter");
}

/* Carry forward what was in force on the last day a value was: the same
 * chain lookup on that day, so a newer provincial value is not passed over
 * for an older city one. */
static const lsi_rule *carried(const libsi_ruleset *rs, name_run run, const lsi_query *q)
{
    int end = last_period_end(rs, run, q);
    if (!end)
        return NULL;
    lsi_query last = *q;
    last.date = lsi_date_prev_day(end);
    return chain_in_force(rs, run, &last);
}

int lsi_rule_find(libsi_ctx *ctx, const libsi_ruleset *rs, const lsi_query *q,
                  const lsi_rule **out, unsigned *flags)
{
    name_run run = rules_named(rs, q->name);
    const lsi_rule *r = chain_in_force(rs, run, q);
    unsigned extra = 0;
    if (!r && q->carry_forward && (r = carried(rs, run, q)) != NULL)
        extra = LIBSI_FLAG_CARRIED_FORWARD;
    if (!r)
        return not_found(ctx, q, run, rs);
    *out = r;
    *flags |= r->flags | extra;
    return 0;
}

/* Define libsi_lookup_options_init() and libsi_rule_value_init() (an
 * empty value). */
LSI_EXTENSIBLE_STRUCT(libsi_lookup_options, carry_forward, LIBSI_LOOKUP_OPTIONS_INIT)
LSI_EXTENSIBLE_STRUCT(libsi_rule_value, flags, LIBSI_RULE_VALUE_INIT)

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

static int ruleset_lookup_impl(libsi_ctx *ctx, const libsi_ruleset *rs, const char *name,
                               const char *jurisdiction, const char *date,
                               const libsi_lookup_options *opt, libsi_rule_value *out)
{
    if (!ctx || !rs || !name || !out)
        return lsi_fail(ctx, LIBSI_EINVAL, "name", "NULL argument");
    lsi_clear_error(ctx);
    libsi_lookup_options o;
    int rc = lsi_struct_in(ctx, &libsi_lookup_options_layout, opt, &o);
    if (rc == 0) /* on any failure below, *out reads as empty */
        rc = lsi_struct_out(ctx, &libsi_rule_value_layout, out, &libsi_rule_value_defaults);
    if (rc != 0)
        return rc;
    lsi_query q = {name, NULL, 0, 0, o.carry_forward};
    rc = lsi_jurisdiction_find(ctx, jurisdiction, "jurisdiction", &q.place);
    if (rc != 0)
        return rc;
    if (lsi_date_parse(date, &q.date, true) != 0)
        return lsi_fail(ctx, LIBSI_EDATE, "date", "date: '%.32s' is not YYYY-MM-DD or YYYY-MM",
                        date ? date : "(null)");
    if (o.known_on && lsi_date_parse(o.known_on, &q.known_on, false) != 0)
        return lsi_fail(ctx, LIBSI_EDATE, "known_on", "known_on: '%.32s' is not YYYY-MM-DD",
                        o.known_on);
    const lsi_rule *r;
    unsigned flags = 0;
    rc = lsi_rule_find(ctx, rs, &q, &r, &flags);
    if (rc != 0)
        return rc;
    libsi_rule_value v = libsi_rule_value_defaults;
    export_value(r, flags, &v);
    return lsi_struct_out(ctx, &libsi_rule_value_layout, out, &v);
}

int libsi_ruleset_lookup(libsi_ctx *ctx, const libsi_ruleset *rs, const char *name,
                      const char *jurisdiction, const char *date,
                      const libsi_lookup_options *opt, libsi_rule_value *out)
{
    lsi_api_enter(ctx);
    return lsi_api_leave(ctx, ruleset_lookup_impl(ctx, rs, name, jurisdiction, date, opt, out));
}

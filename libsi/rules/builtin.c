/*
 * The default ruleset: the data/rules YAML files compiled into the library by
 * tools/embed_rules.py at build time and parsed by the ordinary loader, so
 * embedded and on-disk rules cannot disagree.
 */
#include "ruleset_internal.h"

extern const lsi_rule_text lsi_builtin_rules[];
extern const size_t lsi_builtin_rule_count;

static int ruleset_builtin_impl(libsi_ctx *ctx, libsi_ruleset **out)
{
    if (!ctx || !out)
        return lsi_fail(ctx, LIBSI_EINVAL, "out", "NULL argument");
    *out = NULL;
    lsi_clear_error(ctx);
    int rc = lsi_ruleset_from_texts(ctx, lsi_builtin_rules, lsi_builtin_rule_count, out);
    /* A defect in the shipped data is ours, not the caller's. */
    if (rc == LIBSI_ERULEFILE)
        ctx->code = rc = LIBSI_EINTERNAL;
    return rc;
}

int libsi_ruleset_builtin(libsi_ctx *ctx, libsi_ruleset **out)
{
    LSI_API_RETURN_OUT(ctx, out, ruleset_builtin_impl(ctx, out));
}

/*
 * Fuzz target: case files (YAML/JSON) run through every calculation the
 * library publishes, with the built-in rules.  Any input gives 0 or a
 * negative, named error; a successful result must serialise.  The ruleset is
 * loaded once (it is immutable and shared, as in an agency's server).
 */
#include <stdint.h>
#include <stdlib.h>

#include "libsi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const libsi_ruleset *rules(void)
{
    static libsi_ruleset *rs; /* harness state, not library state */
    static libsi_ctx *loader;
    if (!rs && (libsi_ctx_new(NULL, &loader) != 0 || libsi_ruleset_builtin(loader, &rs) != 0))
        abort();
    return rs;
}

static void run(libsi_ctx *ctx, const libsi_case *c, const char *scheme)
{
    libsi_result *r = NULL;
    int rc = libsi_calculate(ctx, rules(), scheme, c, &r);
    if (rc == 0) {
        char *json = NULL, *text = NULL;
        if (libsi_result_json(ctx, r, &json) != 0 || libsi_result_explain(ctx, r, &text) != 0)
            abort();
        libsi_free(ctx, json);
        libsi_free(ctx, text);
    } else if (rc > 0 || libsi_ctx_message(ctx)[0] == '\0') {
        abort();
    }
    libsi_result_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    libsi_ctx *ctx;
    libsi_case *c = NULL;
    if (libsi_ctx_new(NULL, &ctx) != 0)
        return 0;
    if (libsi_case_load_buffer(ctx, (const char *)data, size, "fuzz.yaml", &c) == 0)
        for (const char *const *s = libsi_schema_names(); *s; s++)
            run(ctx, c, *s);
    libsi_case_free(c);
    libsi_ctx_free(ctx);
    return 0;
}

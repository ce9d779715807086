/*
 * Fuzz target: the rule-file loader (libyaml events → tree → validated rule
 * values).  Any input must give 0 or a named error, never a crash or leak;
 * a loaded ruleset must answer lookups.
 */
#include <stdint.h>
#include <stdlib.h>

#include "libsi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    libsi_ctx *ctx;
    libsi_ruleset *rs = NULL;
    if (libsi_ctx_new(NULL, &ctx) != 0)
        return 0;
    int rc = libsi_ruleset_load_buffer(ctx, (const char *)data, size, "fuzz.yaml", &rs);
    if (rc == 0) {
        libsi_rule_value v = LIBSI_RULE_VALUE_INIT;
        libsi_lookup_options opt = {sizeof(libsi_lookup_options), "2025-01-01", 1};
        /* any code will do: the fuzzer looks for crashes, not answers */
        int found = libsi_ruleset_lookup(ctx, rs, "pension.contribution_base.ceiling", "guangzhou",
                                         "2025-08-01", NULL, &v);
        found |= libsi_ruleset_lookup(ctx, rs, "minimum_wage.monthly", "440800", "2026-09", &opt, &v);
        (void)found;
        if (libsi_ruleset_digest(rs)[0] == '\0')
            abort();
    } else if (rc != LIBSI_ERULEFILE && rc != LIBSI_ENOMEM) {
        abort();
    }
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return 0;
}

/*
 * Fuzz target: case files (YAML/JSON) run through the contributions
 * calculation with the built-in rules.  Any input gives 0 or a named error.
 */
#include <stdint.h>
#include <stdlib.h>

#include "libsi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    libsi_ctx *ctx;
    libsi_ruleset *rs = NULL;
    libsi_case *c = NULL;
    libsi_result *r = NULL;
    if (libsi_ctx_new(&ctx, NULL) != 0)
        return 0;
    if (libsi_ruleset_builtin(ctx, &rs) != 0)
        abort();
    int rc = libsi_case_load_buffer(ctx, (const char *)data, size, "fuzz.yaml", &c);
    if (rc == 0) {
        rc = libsi_calculate(ctx, rs, "contributions", c, &r);
        if (rc == 0) {
            char *json = NULL;
            if (libsi_result_json(ctx, r, &json) != 0)
                abort();
            libsi_free(ctx, json);
        } else if (rc > 0 || libsi_ctx_message(ctx)[0] == '\0') {
            abort();
        }
    }
    libsi_result_free(ctx, r);
    libsi_case_free(ctx, c);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return 0;
}

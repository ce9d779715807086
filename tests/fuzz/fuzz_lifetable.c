/*
 * Fuzz target: the life-table loader (TSV text → checked q_x).  Any input
 * gives 0 or a named error (LIBSI_ELIFETABLE, LIBSI_EINVAL for a column that
 * is not there, LIBSI_ENOMEM); a loaded table must give a life expectancy.
 */
#include <stdint.h>
#include <stdlib.h>

#include "libsi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    libsi_ctx *ctx;
    libsi_lifetable *t = NULL;
    if (libsi_ctx_new(NULL, &ctx) != 0)
        return 0;
    int rc = libsi_lifetable_load_buffer(ctx, (const char *)data, size, NULL, &t);
    if (rc == 0) {
        char *e = NULL;
        rc = libsi_life_expectancy(ctx, t, NULL, libsi_lifetable_first_age(t),
                                   LIBSI_LIFE_COMPLETE, 6, &e);
        if (rc > 0)
            abort();
        libsi_free(ctx, e);
    } else if (rc > 0 || libsi_ctx_message(ctx)[0] == '\0') {
        abort();
    }
    libsi_lifetable_free(t);
    libsi_ctx_free(ctx);
    return 0;
}

/*
 * Inputs that carry a document (a contribution history, a projection
 * scenario): the text itself, or the path of a file holding it.
 */
#include <string.h>

#include "calc_internal.h"

int lsi_in_text_or_file(lsi_calc *k, const char *field, const char *value, char **text)
{
    int rc = 0;
    if (strchr(value, '\n'))
        *text = lsi_arena_strdup(k->arena, value);
    else if ((rc = lsi_read_into_arena(k->ctx, k->arena, value, text)) == LIBSI_ENOMEM)
        return lsi_fail(k->ctx, rc, field, "out of memory reading '%.200s'", value); /* not EINPUT */
    else if (rc != 0)
        return lsi_fail(k->ctx, LIBSI_EINPUT, field,
                        "input '%s': cannot read '%.200s': give the path of a file (relative to "
                        "the working directory) or the text itself, with its line breaks",
                        field, value);
    return *text ? 0 : lsi_fail(k->ctx, LIBSI_ENOMEM, field, "out of memory");
}

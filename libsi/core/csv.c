/*
 * A text as one CSV cell (RFC 4180), for libsi_batch_outputs_write_csv():
 * readers, libcsv among them, trim blanks around an unquoted cell, so a
 * text with an edge blank is quoted too, to come back unchanged.
 */
#include "internal.h"

static bool csv_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Whether `s` (n > 0 bytes) reads back unchanged unquoted; its quotes
 * counted in `quotes`. */
static bool csv_plain(const char *s, size_t n, size_t *quotes)
{
    bool plain = !csv_blank(s[0]) && !csv_blank(s[n - 1]);
    for (size_t i = 0; i < n; i++) {
        *quotes += s[i] == '"';
        plain &= s[i] != ',' && s[i] != '"' && s[i] != '\r' && s[i] != '\n';
    }
    return plain;
}

size_t lsi_csv_cell_write(const char *s, char *buf, size_t size)
{
    size_t n = s ? strlen(s) : 0, quotes = 0;
    if (n == 0)
        return 0;
    bool plain = csv_plain(s, n, &quotes);
    size_t len = plain ? n : n + quotes + 2;
    if (len > size)
        return len;
    if (plain) {
        memcpy(buf, s, n);
        return n;
    }
    *buf++ = '"';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            *buf++ = '"';
        *buf++ = s[i];
    }
    *buf = '"';
    return len;
}

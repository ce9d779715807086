/*
 * Loading and checking a life table column (see mortality.h).  The tables
 * are decimal text: q_x enter as exact decimals, never as binary floating point.
 */
#include <stdio.h>
#include <string.h>

#include "mortality.h"
#include "ruleset_internal.h"

extern const lsi_rule_text lsi_builtin_tables[];
extern const size_t lsi_builtin_tables_count;

typedef struct table_reader {
    lsi_calc *k;
    const char *field, *source;
} table_reader;

static int bad(table_reader *t, const char *why)
{
    return lsi_in_invalid(t->k, t->field, "life table %.200s: %s", t->source, why);
}

static int column_index(table_reader *t, char *header, const char *name, int *col)
{
    int i = 0;
    char *save = NULL; /* strtok_r: strtok's hidden state is shared between threads */
    for (char *c = strtok_r(header, "\t\r", &save); c; c = strtok_r(NULL, "\t\r", &save), i++)
        if (strcmp(c, name) == 0) {
            *col = i;
            return 0;
        }
    return bad(t, "no such table column (mortality: CL1 … CL6 or a column of the file)");
}

/* One row: the expected age in the first cell, 0 ≤ q ≤ 1 in the column. */
static int table_row(table_reader *t, char *line, int col, int age, lsi_dec *q)
{
    char *cells[16];
    int n = 0, got = -1;
    char *save = NULL;
    for (char *c = strtok_r(line, "\t\r", &save); c && n < 16; c = strtok_r(NULL, "\t\r", &save))
        cells[n++] = c;
    if (n <= col || sscanf(cells[0], "%d", &got) != 1 || got != age)
        return bad(t, "ages must run 0, 1, … 105 without gaps");
    if (lsi_dec_parse(cells[col], q, NULL) != 0 || lsi_dec_is_negative(*q) ||
        lsi_dec_cmp(*q, lsi_dec_from_int(1)) > 0)
        return bad(t, "every q_x must be a decimal between 0 and 1");
    return 0;
}

static int parse_table(table_reader *t, char *text, const char *column, lsi_dec *qx)
{
    int col = -1, age = 0, rc = 0;
    bool header = true;
    for (char *line = text, *next; line && rc == 0; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (*line == '#' || *line == '\0' || *line == '\r')
            continue;
        if (header)
            rc = column_index(t, line, column, &col);
        else if (age <= LSI_MAX_AGE)
            rc = table_row(t, line, col, age, &qx[age]);
        age += !header;
        header = false;
    }
    if (rc == 0 && age != LSI_AGES)
        rc = bad(t, "the table must cover ages 0 to 105");
    if (rc == 0 && lsi_dec_cmp(qx[LSI_MAX_AGE], lsi_dec_from_int(1)) != 0)
        rc = bad(t, "q_105 must be 1 (the table closes)");
    return rc;
}

static char *table_text(table_reader *t, const char *source)
{
    if (strcmp(source, "builtin") != 0) {
        char *raw, *copy;
        size_t len;
        if (lsi_read_file(t->k->ctx, source, &raw, &len) != 0)
            return NULL;
        copy = lsi_arena_strndup(&t->k->res->arena, raw, len);
        lsi_free(&t->k->ctx->alloc, raw);
        return copy;
    }
    if (lsi_builtin_tables_count == 0)
        return NULL;
    return lsi_arena_strndup(&t->k->res->arena, lsi_builtin_tables[0].text,
                             lsi_builtin_tables[0].len);
}

int lsi_mortality_load(lsi_calc *k, const char *field, const char *source, const char *column,
                       lsi_dec qx[LSI_AGES])
{
    table_reader t = {k, field, source};
    char *text = table_text(&t, source);
    if (!text)
        return bad(&t, "cannot be read");
    return parse_table(&t, text, column, qx);
}

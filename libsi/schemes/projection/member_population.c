/*
 * The members of a member-level projection: read from a CSV file a block at
 * a time (the file is streamed, never held whole), or generated from the
 * scenario's population section (the cohort model's inputs) so that the
 * example runs without a member file.  docs/actuarial.md "Member file".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "member_internal.h"
#include "retirement_age.h"

/* ------------------------------------------------------------ columns */

enum {
    C_ID, C_CITY, C_BIRTH, C_GROUP, C_MONTHS, C_INDEX, C_ACCOUNT, C_DEEMED, C_DEEMED_ACCOUNT,
    C_BASE_RATIO, C_STATUS, C_PENSION, C_WEIGHT, C_ENTRY, N_COLUMNS
};

/* The member file's columns; the last two may be left out. */
static const char *const column_names[N_COLUMNS] = {
    "id", "city", "birth_date", "retirement_group", "contribution_months", "average_index",
    "account_balance", "deemed_months", "deemed_account_balance", "base_ratio", "status",
    "pension", "weight", "entry_year"};

struct lsi_member_reader {
    lsi_calc *k;
    const char *field;
    FILE *f;               /* NULL: reading `text` */
    const char *text;
    size_t pos, len;
    long line;
    int col[N_COLUMNS];    /* position of each column in a row, −1 absent */
    int ncols;
    char buf[4096];
};

static int row_error(lsi_member_reader *rd, const char *column, const char *why)
{
    return lsi_in_invalid(rd->k, rd->field, "members line %ld, column '%s': %s", rd->line, column,
                          why);
}

/* The next line into rd->buf without its end; 0 at the end of the input. */
static int next_line(lsi_member_reader *rd)
{
    size_t n = 0;
    int c;
    for (;;) {
        if (rd->f)
            c = fgetc(rd->f);
        else
            c = rd->pos < rd->len ? (unsigned char)rd->text[rd->pos++] : EOF;
        if (c == EOF || c == '\n')
            break;
        if (n + 1 < sizeof rd->buf)
            rd->buf[n++] = (char)c;
    }
    if (n > 0 && rd->buf[n - 1] == '\r')
        n--;
    rd->buf[n] = '\0';
    rd->line++;
    return c == EOF && n == 0 ? 0 : 1;
}

/* Split rd->buf at commas (no quoting: no field holds a comma). */
static int split(char *line, char **cells, int max)
{
    int n = 0;
    for (char *p = line;; p++) {
        if (n < max)
            cells[n] = p;
        n++;
        p = strchr(p, ',');
        if (!p)
            break;
        *p = '\0';
    }
    return n;
}

static int read_header(lsi_member_reader *rd)
{
    char *cells[64];
    if (!next_line(rd))
        return lsi_in_invalid(rd->k, rd->field, "the member file is empty (a header is required)");
    rd->ncols = split(rd->buf, cells, 64);
    for (int c = 0; c < N_COLUMNS; c++) {
        rd->col[c] = -1;
        for (int i = 0; i < rd->ncols && i < 64; i++)
            if (strcmp(cells[i], column_names[c]) == 0)
                rd->col[c] = i;
        if (rd->col[c] < 0 && c < C_WEIGHT)
            return lsi_in_invalid(rd->k, rd->field, "the member file's header lacks column '%s'",
                                  column_names[c]);
    }
    return 0;
}

int lsi_member_reader_open(lsi_calc *k, const char *field, lsi_member_reader **out)
{
    lsi_member_reader *rd = lsi_arena_alloc(k->arena, sizeof *rd);
    if (!rd)
        return lsi_fail(k->ctx, LIBSI_ENOMEM, field, "out of memory");
    memset(rd, 0, sizeof *rd);
    rd->k = k;
    rd->field = field;
    const char *value = lsi_in_text(k, field);
    if (strchr(value, '\n')) {
        rd->text = value;
        rd->len = strlen(value);
    } else if (!(rd->f = fopen(value, "r"))) {
        return lsi_fail(k->ctx, LIBSI_EINPUT, field, "input '%s': cannot read '%.200s'", field,
                        value);
    }
    *out = rd;
    int rc = read_header(rd);
    if (rc != 0)
        lsi_member_reader_close(rd);
    return rc;
}

void lsi_member_reader_close(lsi_member_reader *rd)
{
    if (rd && rd->f)
        fclose(rd->f);
    if (rd)
        rd->f = NULL;
}

/* ------------------------------------------------------------- fields */

/* A decimal as an integer at 10^-scale, exact (more decimals are refused). */
static int scaled(const char *text, int scale, int64_t *out)
{
    lsi_dec d;
    if (lsi_dec_parse(text, &d, NULL) != 0 || d.scale > scale || lsi_dec_is_negative(d))
        return -1;
    __int128 v = d.coef;
    for (int s = d.scale; s < scale; s++)
        v *= 10;
    if (v > INT64_MAX)
        return -1;
    *out = (int64_t)v;
    return 0;
}

static int field_scaled(lsi_member_reader *rd, char **cells, int c, int scale, int64_t *out)
{
    if (rd->col[c] < 0)
        return 0;
    if (scaled(cells[rd->col[c]], scale, out) != 0) {
        char why[80];
        snprintf(why, sizeof why, "a non-negative decimal with at most %d decimals", scale);
        return row_error(rd, column_names[c], why);
    }
    return 0;
}

static int field_group(lsi_member_reader *rd, const char *text, lsi_member *m)
{
    static const char *const groups[] = {"male60", "female55", "female50"};
    for (int g = 0; g < 3; g++)
        if (strcmp(text, groups[g]) == 0) {
            m->group = g;
            m->sex = g == 0 ? 0 : 1;
            return 0;
        }
    return row_error(rd, "retirement_group", "male60, female55 or female50");
}

static int field_status(lsi_member_reader *rd, const char *text, lsi_member *m)
{
    if (strcmp(text, "active") == 0 || strcmp(text, "retired") == 0) {
        m->status = text[0] == 'a' ? LSI_MEMBER_ACTIVE : LSI_MEMBER_RETIRED;
        return 0;
    }
    return row_error(rd, "status", "active or retired");
}

/* The member's city must be the scenario's pooling area. */
static int field_city(lsi_member_reader *rd, const char *text)
{
    const lsi_jurisdiction *j;
    if (lsi_jurisdiction_find(rd->k->ctx, text, "city", &j) != 0 || j != rd->k->place)
        return row_error(rd, "city", "must be the scenario's pooling area");
    return 0;
}

static int parse_row(lsi_member_reader *rd, const lsi_member_run *r, char **cells, lsi_member *m)
{
    int64_t id, index = 0, v = 0;
    memset(m, 0, sizeof *m);
    int rc = field_scaled(rd, cells, C_ID, 0, &id);
    if (rc == 0) rc = field_city(rd, cells[rd->col[C_CITY]]);
    if (rc == 0 && lsi_date_parse(cells[rd->col[C_BIRTH]], &m->birth_ymd, true) != 0)
        rc = row_error(rd, "birth_date", "a date YYYY-MM-DD or YYYY-MM");
    if (rc == 0) rc = field_group(rd, cells[rd->col[C_GROUP]], m);
    if (rc == 0) rc = field_status(rd, cells[rd->col[C_STATUS]], m);
    if (rc == 0) rc = field_scaled(rd, cells, C_MONTHS, 0, &m->months);
    if (rc == 0) rc = field_scaled(rd, cells, C_INDEX, 10, &index);
    if (rc == 0) rc = field_scaled(rd, cells, C_ACCOUNT, 2, &m->account);
    if (rc == 0) rc = field_scaled(rd, cells, C_DEEMED, 0, &m->deemed);
    if (rc == 0) rc = field_scaled(rd, cells, C_DEEMED_ACCOUNT, 2, &m->deemed_account);
    if (rc == 0) rc = field_scaled(rd, cells, C_BASE_RATIO, 6, &m->base_ratio);
    if (rc == 0) rc = field_scaled(rd, cells, C_PENSION, 2, &m->pension);
    m->weight = LSI_W_ONE;
    if (rc == 0) rc = field_scaled(rd, cells, C_WEIGHT, 6, &m->weight);
    v = r->s->base_year;
    if (rc == 0) rc = field_scaled(rd, cells, C_ENTRY, 0, &v);
    if (rc == 0 && (v < r->s->base_year || v > r->s->horizon))
        rc = row_error(rd, "entry_year", "a year from the base year to the horizon");
    if (rc == 0 && m->months > 1200)
        rc = row_error(rd, "contribution_months", "at most 1200");
    if (rc != 0)
        return rc;
    m->id = id;
    m->entry_year = (int)v;
    m->index_months = (int64_t)(((__int128)index * m->months));
    m->initial_pension = m->pension;
    return lsi_member_prepare(r, m) == 0 ? 0 : row_error(rd, "birth_date", "not a valid date");
}

int lsi_member_reader_next(lsi_member_reader *rd, const lsi_member_run *r, lsi_member *m,
                           size_t max, size_t *n)
{
    char *cells[64];
    *n = 0;
    while (*n < max && next_line(rd)) {
        if (rd->buf[0] == '\0' || rd->buf[0] == '#')
            continue;
        int got = split(rd->buf, cells, 64);
        if (got != rd->ncols)
            return lsi_in_invalid(rd->k, rd->field, "members line %ld: %d fields, the header has %d",
                                  rd->line, got, rd->ncols);
        int rc = parse_row(rd, r, cells, &m[*n]);
        if (rc != 0)
            return rc;
        (*n)++;
    }
    return 0;
}

/* The statutory retirement month of the member (办法第一条) and its ages. */
int lsi_member_prepare(const lsi_member_run *r, lsi_member *m)
{
    lsi_retirement_age a;
    (void)r;
    if (lsi_statutory_retirement((lsi_retirement_group)m->group, m->birth_ymd, &a) != 0)
        return -1;
    m->retire_month = a.month_index;
    m->birth_month = lsi_date_month_index(m->birth_ymd);
    m->birth_year = m->birth_ymd / 10000;
    return 0;
}

/*
 * Reading a monthly contribution history (缴费记录) given as CSV or YAML.
 * Each month carries its contribution base and, optionally, the average wage
 * that indexes it and the crediting rate of its year (for years the rule
 * data do not cover).  A bad row is an input error naming the row.
 */
#include <stdio.h>
#include <string.h>

#include "pension_internal.h"
#include "yaml_tree.h"

#define HISTORY_MAX_MONTHS 1200 /* a hundred years */

typedef struct reader {
    lsi_calc *k;
    const char *field;
    lsi_history *h;
    size_t cap;
} reader;

static int row_error(reader *r, int row, const char *why)
{
    return lsi_in_invalid(r->k, r->field, "row %d: %s", row, why);
}

static lsi_history_month *new_month(reader *r, int row)
{
    if (r->h->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        void *m = lsi_arena_alloc(r->k->arena, cap * sizeof *r->h->m);
        if (!m)
            return NULL;
        if (r->h->n)
            memcpy(m, r->h->m, r->h->n * sizeof *r->h->m);
        r->h->m = m;
        r->cap = cap;
    }
    (void)row;
    lsi_history_month *hm = &r->h->m[r->h->n];
    memset(hm, 0, sizeof *hm);
    return hm;
}

/* One decimal cell: positive amounts only (a base, a wage, a rate ≥ 0). */
static int cell_dec(reader *r, int row, const char *text, const char *what, lsi_dec *out)
{
    char why[96];
    if (lsi_dec_parse(text, out, NULL) != 0 || lsi_dec_is_negative(*out)) {
        snprintf(why, sizeof why, "%s '%.24s' is not a non-negative decimal", what, text);
        return row_error(r, row, why);
    }
    return 0;
}

/* Add a month after checking order and limits. */
static int add_month(reader *r, int row, int mi, const char *base, const char *wage,
                     const char *rate)
{
    if (r->h->n && mi <= r->h->m[r->h->n - 1].month)
        return row_error(r, row, "months must be strictly increasing (no duplicates)");
    if (r->h->n >= HISTORY_MAX_MONTHS)
        return row_error(r, row, "more than 1200 months");
    lsi_history_month *hm = new_month(r, row);
    if (!hm)
        return lsi_fail(r->k->ctx, LIBSI_ENOMEM, r->field, "out of memory");
    hm->month = mi;
    int rc = cell_dec(r, row, base, "base", &hm->base);
    if (rc == 0 && wage && *wage && (hm->has_wage = true))
        rc = cell_dec(r, row, wage, "average_wage", &hm->wage);
    if (rc == 0 && hm->has_wage && lsi_dec_is_zero(hm->wage))
        rc = row_error(r, row, "average_wage must be positive");
    if (rc == 0 && rate && *rate && (hm->has_rate = true))
        rc = cell_dec(r, row, rate, "crediting_rate", &hm->rate);
    if (rc == 0)
        r->h->n++;
    return rc;
}

/* A row's month cell: "YYYY-MM", or a range "YYYY-MM..YYYY-MM" of months
 * with the same base (how approval forms summarise a stable base). */
static int add_months(reader *r, int row, const char *month, const char *base, const char *wage,
                      const char *rate)
{
    int first, last;
    char a[8] = "", b[8] = "";
    /* By length and fixed offsets, not by strstr(): the range form is
     * exactly 7 + 2 + 7 characters.  (A pointer from strstr() and a strlen()
     * past it made gcc -fsanitize=address,undefined warn of a read beyond
     * the string, -Wstringop-overread.) */
    size_t len = strlen(month);
    if (len == 16 && month[7] == '.' && month[8] == '.') {
        memcpy(a, month, 7);
        memcpy(b, month + 9, 7);
    } else if (len == 7) {
        memcpy(a, month, 7);
        memcpy(b, month, 7);
    }
    if (lsi_month_parse(a, &first) != 0 || lsi_month_parse(b, &last) != 0)
        return row_error(r, row, "month must be YYYY-MM or YYYY-MM..YYYY-MM");
    if (last < first)
        return row_error(r, row, "a month range must not run backwards");
    int rc = 0;
    for (int m = first; m <= last && rc == 0; m++)
        rc = add_month(r, row, m, base, wage, rate);
    return rc;
}

/* ---------------------------------------------------------------- CSV */

typedef struct csv_columns {
    int month, base, wage, rate, count;
} csv_columns;

/* Split a line at commas in place; returns the number of cells. */
static int split(char *line, char **cells, int max)
{
    int n = 0;
    for (char *p = line; n < max;) {
        cells[n++] = p;
        char *comma = strchr(p, ',');
        if (!comma)
            break;
        *comma = '\0';
        p = comma + 1;
    }
    for (int i = 0; i < n; i++) { /* trim blanks and a CR */
        char *c = cells[i];
        while (*c == ' ' || *c == '\t')
            c++;
        size_t len = strlen(c);
        while (len && (c[len - 1] == ' ' || c[len - 1] == '\t' || c[len - 1] == '\r'))
            c[--len] = '\0';
        cells[i] = c;
    }
    return n;
}

static int csv_header(reader *r, char *line, csv_columns *col)
{
    char *cells[8];
    int n = split(line, cells, 8);
    *col = (csv_columns){-1, -1, -1, -1, n};
    for (int i = 0; i < n; i++) {
        int *slot = strcmp(cells[i], "month") == 0          ? &col->month
                    : strcmp(cells[i], "base") == 0         ? &col->base
                    : strcmp(cells[i], "average_wage") == 0 ? &col->wage
                    : strcmp(cells[i], "crediting_rate") == 0 ? &col->rate
                                                              : NULL;
        if (!slot || *slot >= 0)
            return row_error(r, 1, "header must name month,base[,average_wage][,crediting_rate]");
        *slot = i;
    }
    return col->month < 0 || col->base < 0 ? row_error(r, 1, "header needs month and base") : 0;
}

static int csv_row(reader *r, int row, char *line, const csv_columns *col)
{
    char *cells[8];
    int n = split(line, cells, 8);
    if (n != col->count) {
        char why[96];
        snprintf(why, sizeof why, "%d cells, the header has %d (month,base and the optional "
                                  "average_wage, crediting_rate)", n, col->count);
        return row_error(r, row, why);
    }
    return add_months(r, row, cells[col->month], cells[col->base],
                     col->wage >= 0 ? cells[col->wage] : NULL,
                     col->rate >= 0 ? cells[col->rate] : NULL);
}

static int read_csv(reader *r, char *text)
{
    csv_columns col;
    int row = 0, rc = 0;
    bool header = false;
    for (char *line = text; line && rc == 0; row++) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *next = nl ? nl + 1 : NULL;
        if (*line && *line != '#' && *line != '\r')
            rc = header ? csv_row(r, row + 1, line, &col) : csv_header(r, line, &col);
        header |= *line && *line != '#' && *line != '\r';
        line = next;
    }
    return rc;
}

/* --------------------------------------------------------------- YAML */

static const char *ytext(const lsi_ynode *map, const char *key)
{
    const lsi_ynode *v = lsi_ymap_get(map, key);
    return v && v->kind == LSI_Y_SCALAR ? v->text : NULL;
}

static bool known_key(const char *key)
{
    static const char *const keys[] = {"month", "base", "average_wage", "crediting_rate"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return false;
}

static int yaml_row(reader *r, const lsi_ynode *item)
{
    if (item->kind != LSI_Y_MAP)
        return row_error(r, item->line, "each month must be a mapping");
    for (const lsi_ynode *key = item->first; key; key = key->next ? key->next->next : NULL)
        if (!known_key(key->text))
            return row_error(r, key->line, "unknown key (month, base, average_wage, crediting_rate)");
    const char *month = ytext(item, "month"), *base = ytext(item, "base");
    if (!month || !base)
        return row_error(r, item->line, "month and base are required");
    return add_months(r, item->line, month, base, ytext(item, "average_wage"),
                     ytext(item, "crediting_rate"));
}

static int read_yaml(reader *r, const char *text)
{
    lsi_ynode *root;
    int rc = lsi_yaml_parse(r->k->ctx, r->k->arena, text, strlen(text), r->field,
                            LIBSI_EINPUT, &root);
    if (rc != 0)
        return rc;
    if (root->kind == LSI_Y_MAP && lsi_ymap_get(root, "history"))
        root = (lsi_ynode *)lsi_ymap_get(root, "history");
    if (root->kind != LSI_Y_SEQ)
        return row_error(r, root->line, "a YAML history is a list of months");
    for (const lsi_ynode *item = root->first; item && rc == 0; item = item->next)
        rc = yaml_row(r, item);
    return rc;
}

/* ------------------------------------------------------------ public */

static bool looks_like_csv(const char *text)
{
    while (*text == '#' || *text == ' ' || *text == '\n' || *text == '\r') {
        if (*text == '#')
            text += strcspn(text, "\n");
        else
            text++;
    }
    return strncmp(text, "month", 5) == 0;
}

int lsi_history_parse(lsi_calc *k, const char *field, lsi_history *h)
{
    char *text;
    memset(h, 0, sizeof *h);
    int rc = lsi_in_text_or_file(k, field, lsi_in_text(k, field), &text);
    if (rc != 0)
        return rc;
    reader r = {k, field, h, 0};
    rc = looks_like_csv(text) ? read_csv(&r, text) : read_yaml(&r, text);
    if (rc == 0 && h->n == 0)
        rc = lsi_in_invalid(k, field, "the history has no months");
    for (size_t i = 0; rc == 0 && i < h->n; i++)
        h->contributing += !lsi_dec_is_zero(h->m[i].base);
    if (rc == 0 && h->contributing == 0)
        rc = lsi_in_invalid(k, field, "no contribution month: every base is 0");
    return rc;
}

int lsi_history_read(lsi_calc *k, const char *field, lsi_history *h)
{
    int rc = lsi_history_parse(k, field, h);
    return rc ? rc : lsi_history_bands(k, h);
}

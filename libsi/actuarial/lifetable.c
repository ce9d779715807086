/*
 * Life tables: loading and checking q_x (libsi/actuarial.h).
 *
 * A table is data, so it is read as decimal text and kept exact (lsi_dec):
 * q_x never passes through binary floating point.  The checks are the ones
 * issue #6 asks for — ages contiguous, 0 ≤ q_x ≤ 1, q = 1 at the last age —
 * plus the file's shape; each failure is LIBSI_ELIFETABLE naming the part
 * at fault (ctx field "header", "column", "row", "age", "q_x" or "table") and
 * the line.  The built-in tables are 中国人身保险业经验生命表（2010－2013）
 * (CL1 … CL6, CIRC 保监发〔2016〕108号), compiled in by
 * tools/embed_tables.py and parsed by this same loader.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lifetable.h"

#define MAX_COLUMNS 64

typedef struct reader {
    libsi_ctx *ctx;
    const char *source;
    int line;
    libsi_lifetable *t;
    int col;                  /* index of the chosen column in each row */
    size_t width;             /* cells of the header */
    size_t n, cap;            /* ages read, room in t->q */
} reader;

static int bad(reader *r, const char *part, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int bad(reader *r, const char *part, const char *fmt, ...)
{
    char why[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return lsi_fail(r->ctx, LIBSI_ELIFETABLE, part, "life table %.200s:%d: %s", r->source,
                    r->line, why);
}

/* Split a line on every tab (an empty cell stays a cell: "a\t\tb" is 3). */
static size_t split_cells(char *line, char **cells)
{
    size_t n = 0;
    for (char *p = line;; p++) {
        if (n < MAX_COLUMNS)
            cells[n] = p;
        n++;
        p = strchr(p, '\t');
        if (!p)
            break;
        *p = '\0';
    }
    return n;
}

/* The age cell: a plain non-negative integer, at most LIBSI_LIFETABLE_MAX_AGE. */
static int parse_age(const char *s, int *age)
{
    int v = 0;
    if (!*s || strlen(s) > 3 || (s[0] == '0' && s[1]))
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
    }
    *age = v;
    return v <= LIBSI_LIFETABLE_MAX_AGE ? 0 : -1;
}

/* ------------------------------------------------------------- header */

static int no_column(reader *r, char **cells, size_t n, const char *column)
{
    char names[200] = "";
    for (size_t i = 1; i < n && strlen(names) < sizeof names - 70; i++)
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%.60s", i > 1 ? " " : "",
                 cells[i]);
    if (column)
        return bad(r, "column", "no column '%.60s' (the table has: %s)", column, names);
    return bad(r, "column", "several q columns: name one of %s", names);
}

static int choose_column(reader *r, char **cells, size_t n, const char *column)
{
    int found = -1;
    for (size_t i = 1; i < n; i++) {
        for (size_t j = 1; j < i; j++)
            if (strcmp(cells[i], cells[j]) == 0)
                return bad(r, "header", "column '%.60s' appears twice", cells[i]);
        if (!*cells[i])
            return bad(r, "header", "a column has no name");
        if (column && strcmp(cells[i], column) == 0)
            found = (int)i;
    }
    if (!column && n == 2)
        found = 1;
    if (found < 0)
        return no_column(r, cells, n, column);
    r->col = found;
    r->t->name = lsi_arena_strdup(&r->t->arena, cells[found]);
    return r->t->name ? 0 : lsi_fail(r->ctx, LIBSI_ENOMEM, NULL, "out of memory");
}

static int read_header(reader *r, char *line, const char *column)
{
    char *cells[MAX_COLUMNS];
    size_t n = split_cells(line, cells);
    if (n > MAX_COLUMNS)
        return bad(r, "header", "more than %d columns", MAX_COLUMNS);
    if (strcmp(cells[0], "age") != 0 || n < 2)
        return bad(r, "header", "the header must be 'age' then the table names");
    r->width = n;
    return choose_column(r, cells, n, column);
}

/* --------------------------------------------------------------- rows */

static int grow(reader *r)
{
    size_t cap = r->cap ? r->cap * 2 : 128;
    lsi_dec *q = lsi_arena_alloc(&r->t->arena, cap * sizeof *q);
    const char **text = lsi_arena_alloc(&r->t->arena, cap * sizeof *text);
    if (!q || !text)
        return lsi_fail(r->ctx, LIBSI_ENOMEM, NULL, "out of memory");
    if (r->n) {
        memcpy(q, r->t->q, r->n * sizeof *q);
        memcpy(text, r->t->q_text, r->n * sizeof *text);
    }
    r->t->q = q;
    r->t->q_text = text;
    r->cap = cap;
    return 0;
}

static int check_age(reader *r, const char *cell)
{
    int age;
    if (parse_age(cell, &age) != 0)
        return bad(r, "age", "age '%.20s' is not a whole number 0 … %d", cell,
                   LIBSI_LIFETABLE_MAX_AGE);
    if (r->n == 0)
        r->t->first = age;
    else if (age != r->t->first + (int)r->n)
        return bad(r, "age", "age %.20s breaks the sequence: ages must be contiguous and "
                   "ascending (expected %d)", cell, r->t->first + (int)r->n);
    r->t->last = age;
    return 0;
}

/* q as an exact decimal in [0, 1]; its canonical text is kept too. */
static int check_q(reader *r, const char *cell)
{
    lsi_dec q;
    const char *why = NULL;
    char text[LIBSI_DECIMAL_MAX + 1];
    if (!*cell)
        return bad(r, "q_x", "q_x is empty");
    if (lsi_dec_parse(cell, &q, &why) != 0)
        return bad(r, "q_x", "q_x '%.40s' is not a decimal (%s)", cell, why ? why : "");
    if (lsi_dec_is_negative(q))
        return bad(r, "q_x", "q_x %.40s is below 0", cell);
    if (lsi_dec_cmp(q, lsi_dec_from_int(1)) > 0)
        return bad(r, "q_x", "q_x %.40s is above 1", cell);
    lsi_dec_format(q, text);
    r->t->q[r->n] = q;
    r->t->q_text[r->n] = lsi_arena_strdup(&r->t->arena, text);
    return r->t->q_text[r->n] ? 0 : lsi_fail(r->ctx, LIBSI_ENOMEM, NULL, "out of memory");
}

static int read_row(reader *r, char *line)
{
    char *cells[MAX_COLUMNS];
    size_t n = split_cells(line, cells);
    if (n != r->width)
        return bad(r, "row", "the row has %zu cells, the header %zu", n, r->width);
    if (r->n == r->cap && grow(r) != 0)
        return LIBSI_ENOMEM;
    int rc = check_age(r, cells[0]);
    if (rc == 0)
        rc = check_q(r, cells[r->col]);
    r->n += rc == 0;
    return rc;
}

/* The last age closes the table: nobody survives it. */
static int check_closes(reader *r)
{
    if (r->n == 0)
        return bad(r, "table", "the table has no ages");
    if (lsi_dec_cmp(r->t->q[r->n - 1], lsi_dec_from_int(1)) != 0)
        return bad(r, "q_x", "q_%d must be 1 at the last age (the table closes), not %s",
                   r->t->last, r->t->q_text[r->n - 1]);
    return 0;
}

/* --------------------------------------------------------------- text */

static int keep_note(reader *r, lsi_sb *notes, const char *line)
{
    line += line[1] == ' ' ? 2 : 1;
    if (notes->len)
        lsi_sb_append(notes, "\n");
    lsi_sb_append(notes, line);
    return notes->failed ? lsi_fail(r->ctx, LIBSI_ENOMEM, NULL, "out of memory") : 0;
}

static int read_lines(reader *r, char *text, const char *column, lsi_sb *notes)
{
    int rc = 0;
    bool header = true;
    for (char *line = text, *next; line && rc == 0; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        r->line++;
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r')
            line[len - 1] = '\0';
        if (*line == '#')
            rc = keep_note(r, notes, line);
        else if (*line && header)
            rc = read_header(r, line, column);
        else if (*line)
            rc = read_row(r, line);
        header = header && (*line == '#' || !*line);
    }
    if (rc == 0 && header)
        rc = bad(r, "header", "no header line 'age<TAB>NAME…'");
    return rc == 0 ? check_closes(r) : rc;
}

static libsi_lifetable *new_table(libsi_ctx *ctx, const char *source)
{
    lsi_arena ar;
    lsi_arena_init(&ar, &ctx->alloc);
    libsi_lifetable *t = lsi_arena_alloc(&ar, sizeof *t);
    if (!t) {
        lsi_arena_release(&ar);
        return NULL;
    }
    memset(t, 0, sizeof *t);
    t->arena = ar;
    t->source = lsi_arena_strdup(&t->arena, source);
    if (!t->source) {
        libsi_lifetable_free(t);
        return NULL;
    }
    return t;
}

/* Parse and check `len` bytes of table text; `source` names it in messages.
 * Errors: LIBSI_ELIFETABLE (field: header, column, row, age, q_x, table). */
static int parse_table(libsi_ctx *ctx, const char *text, size_t len, const char *column,
                       const char *source, libsi_lifetable **out)
{
    *out = NULL;
    libsi_lifetable *t = new_table(ctx, source);
    char *copy = t ? lsi_arena_strndup(&t->arena, text, len) : NULL;
    if (!copy) {
        libsi_lifetable_free(t);
        return lsi_fail(ctx, LIBSI_ENOMEM, NULL, "out of memory");
    }
    reader r = {ctx, source, 0, t, 0, 0, 0, 0};
    lsi_sb notes;
    lsi_sb_init(&notes, &ctx->alloc);
    int rc = strlen(copy) == len ? read_lines(&r, copy, column, &notes)
                                 : bad(&r, "table", "the text holds a NUL byte");
    t->notes = lsi_arena_strdup(&t->arena, notes.buf ? notes.buf : "");
    lsi_sb_dispose(&notes);
    if (rc == 0 && !t->notes)
        rc = lsi_fail(ctx, LIBSI_ENOMEM, NULL, "out of memory");
    if (rc != 0) {
        libsi_lifetable_free(t);
        return rc;
    }
    lsi_clear_error(ctx);
    *out = t;
    return 0;
}

/* ---------------------------------------------------------- public API */

const char *const *libsi_lifetable_builtin_names(void)
{
    return lsi_builtin_table_names;
}

static int lifetable_builtin_impl(libsi_ctx *ctx, const char *name, libsi_lifetable **out)
{
    if (!ctx || !name || !out)
        return lsi_fail(ctx, LIBSI_EINVAL, "name", "NULL argument");
    *out = NULL;
    for (const lsi_table_column *c = lsi_builtin_table_columns; c->column; c++)
        if (strcmp(c->column, name) == 0) {
            const lsi_table_text *f = &lsi_builtin_tables[c->file];
            return parse_table(ctx, f->text, f->len, name, f->name, out);
        }
    return lsi_fail(ctx, LIBSI_ENOTFOUND, "name",
                    "no built-in life table '%.60s' (CL1 … CL6: 中国人身保险业经验生命表"
                    "（2010－2013）)", name);
}

int libsi_lifetable_builtin(libsi_ctx *ctx, const char *name, libsi_lifetable **out)
{
    LSI_API_RETURN_OUT(ctx, out, lifetable_builtin_impl(ctx, name, out));
}

static int lifetable_load_buffer_impl(libsi_ctx *ctx, const char *text, size_t len,
                                      const char *column, libsi_lifetable **out)
{
    if (!ctx || !text || !out)
        return lsi_fail(ctx, LIBSI_EINVAL, "text", "NULL argument");
    return parse_table(ctx, text, len, column, "buffer", out);
}

int libsi_lifetable_load_buffer(libsi_ctx *ctx, const char *text, size_t len,
                                const char *column, libsi_lifetable **out)
{
    LSI_API_RETURN_OUT(ctx, out, lifetable_load_buffer_impl(ctx, text, len, column, out));
}

typedef struct table_request {
    const char *column;
    libsi_lifetable **out;
} table_request;

static int parse_read_table(libsi_ctx *ctx, const char *text, size_t len, const char *path,
                            void *arg)
{
    const table_request *req = arg;
    return parse_table(ctx, text, len, req->column, path, req->out);
}

static int lifetable_load_impl(libsi_ctx *ctx, const char *path, const char *column,
                               libsi_lifetable **out)
{
    if (!ctx || !path || !out)
        return lsi_fail(ctx, LIBSI_EINVAL, "path", "NULL argument");
    *out = NULL;
    return lsi_read_then_parse(ctx, path, parse_read_table, &(table_request){column, out});
}

int libsi_lifetable_load(libsi_ctx *ctx, const char *path, const char *column,
                         libsi_lifetable **out)
{
    LSI_API_RETURN_OUT(ctx, out, lifetable_load_impl(ctx, path, column, out));
}

int lsi_lifetable_open(libsi_ctx *ctx, const char *source, const char *column,
                       libsi_lifetable **out)
{
    if (!source || strcmp(source, "builtin") == 0)
        return libsi_lifetable_builtin(ctx, column, out);
    return libsi_lifetable_load(ctx, source, column, out);
}

void libsi_lifetable_free(libsi_lifetable *t)
{
    if (!t)
        return;
    lsi_arena ar = t->arena; /* the table itself lives in its arena */
    lsi_arena_release(&ar);
}

const char *libsi_lifetable_name(const libsi_lifetable *t)
{
    return t ? t->name : "";
}

const char *libsi_lifetable_source(const libsi_lifetable *t)
{
    return t ? t->source : "";
}

const char *libsi_lifetable_notes(const libsi_lifetable *t)
{
    return t ? t->notes : "";
}

int libsi_lifetable_first_age(const libsi_lifetable *t)
{
    return t ? t->first : -1;
}

int libsi_lifetable_last_age(const libsi_lifetable *t)
{
    return t ? t->last : -1;
}

const char *libsi_lifetable_qx(const libsi_lifetable *t, int age)
{
    if (!t || age < t->first || age > t->last)
        return NULL;
    return t->q_text[age - t->first];
}

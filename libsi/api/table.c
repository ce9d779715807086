/*
 * Tables (libsi_batch_run_table): many rows of one scheme over N threads.
 * The rows are cut into contiguous parts (at most PART_ROWS rows each, and
 * at least one a thread); each thread has its own
 * context and batch (sharing the immutable ruleset) and takes parts one at a
 * time, writing only into the part it runs, so the result does not depend on
 * the thread count or on timing.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "result.h"

#define NO_VALUE UINT32_MAX
#define CACHE_LINE 64

typedef struct row_error {
    size_t row;
    int code;
    const char *message;
} row_error;

/* The call's rows, read by the threads during libsi_batch_run_table only. */
typedef struct table_input {
    const libsi_ruleset *rs;
    const char *scheme;
    const char *const *columns;
    size_t n_columns;
    const char *const *cells;
} table_input;

typedef struct part {
    const libsi_table *t;
    size_t first, count;
    lsi_sb *cols;                /* per kept output: the values, NUL after each */
    uint32_t *offsets;           /* count × n_keep; NO_VALUE: none */
    unsigned *flags;
    char (*hashes)[65];          /* with LIBSI_TRACE_HASH */
    lsi_arena arena;             /* error messages */
    row_error *errors;
    size_t n_errors, cap_errors;
    int rc;                      /* the part could not be run */
} part;

struct libsi_table {
    libsi_allocator alloc;
    libsi_trace_level level;
    size_t rows, n_keep, n_parts, chunk;
    size_t n_threads;
    atomic_size_t next_part;     /* the next part a thread takes */
    table_input in;              /* during the call only */
    const char **names;          /* kept output names (static) */
    int *keep;                   /* their indices among the scheme's outputs */
    part *parts;
    lsi_sb *joined;              /* libsi_table_column() buffers, made on demand */
};

/* -------------------------------------------------------------- workers */

static bool add_error(part *p, size_t row, int code, const char *message)
{
    if (p->n_errors == p->cap_errors) {
        size_t cap = p->cap_errors ? 2 * p->cap_errors : 16;
        row_error *e = lsi_realloc(&p->t->alloc, p->errors, cap * sizeof *e);
        if (!e)
            return false;
        p->errors = e;
        p->cap_errors = cap;
    }
    const char *m = lsi_arena_strdup(&p->arena, message);
    p->errors[p->n_errors++] = (row_error){row, code, m ? m : "out of memory"};
    return true;
}

static bool keep_values(part *p, libsi_batch *b, size_t r)
{
    const libsi_table *t = p->t;
    for (size_t c = 0; c < t->n_keep; c++) {
        uint32_t *off = &p->offsets[r * t->n_keep + c];
        size_t at = p->cols[c].len;
        if (at >= NO_VALUE - 64)
            return false;
        *off = lsi_batch_output_append(b, (size_t)t->keep[c], &p->cols[c]) ? (uint32_t)at
                                                                             : NO_VALUE;
    }
    if (t->level == LIBSI_TRACE_HASH)
        memcpy(p->hashes[r], libsi_batch_hash(b), 65);
    p->flags[r] = libsi_batch_flags(b);
    return true;
}

static int run_rows(part *p, libsi_ctx *ctx, libsi_batch *b)
{
    for (size_t r = 0; r < p->count; r++) {
        size_t row = p->first + r;
        int rc = libsi_batch_run(b, p->t->in.cells + row * p->t->in.n_columns);
        bool ok = rc == 0 ? keep_values(p, b, r) : add_error(p, row, rc, libsi_ctx_message(ctx));
        if (rc != 0) {
            memset(&p->offsets[r * p->t->n_keep], 0xff, p->t->n_keep * sizeof *p->offsets);
            p->flags[r] = 0;
            if (p->hashes)
                p->hashes[r][0] = '\0';
        }
        if (!ok)
            return LIBSI_ENOMEM;
    }
    for (size_t c = 0; c < p->t->n_keep; c++)
        if (p->cols[c].failed)
            return LIBSI_ENOMEM;
    return 0;
}

/* One thread: a context and a batch of its own, then the parts it takes
 * from the table's counter one at a time until none is left.  rc: the
 * context or batch could not be made (its parts are left to the others). */
typedef struct seat {
    libsi_table *t;
    int rc;
} seat;

static void *work(void *arg)
{
    seat *w = arg;
    libsi_table *t = w->t;
    const table_input *in = &t->in;
    libsi_ctx *ctx = NULL;
    libsi_batch *b = NULL;
    w->rc = libsi_ctx_new(&t->alloc, &ctx);
    if (w->rc == 0)
        w->rc = libsi_batch_new(ctx, in->rs, in->scheme, in->columns, in->n_columns, t->level, &b);
    if (w->rc == 0)
        lsi_batch_without_documents(b);
    for (size_t i; w->rc == 0 && (i = atomic_fetch_add(&t->next_part, 1)) < t->n_parts;)
        t->parts[i].rc = run_rows(&t->parts[i], ctx, b);
    libsi_batch_free(b);
    libsi_ctx_free(ctx);
    return NULL;
}

/* ------------------------------------------------------------- building */

static int part_alloc(libsi_table *t, part *p)
{
    lsi_arena_init(&p->arena, &t->alloc);
    size_t n = p->count ? p->count : 1;
    /* The column builders are written at every row by the part's thread and
     * are allocated here, one part after the other: 64 bytes past the end
     * keep the next part's on other cache lines. */
    p->cols = lsi_malloc(&t->alloc, (t->n_keep + 1) * sizeof *p->cols + CACHE_LINE);
    for (size_t c = 0; p->cols && c < t->n_keep; c++)
        lsi_sb_init(&p->cols[c], &t->alloc);
    p->offsets = lsi_malloc(&t->alloc, n * (t->n_keep + 1) * sizeof *p->offsets);
    p->flags = lsi_malloc(&t->alloc, n * sizeof *p->flags);
    if (t->level == LIBSI_TRACE_HASH)
        p->hashes = lsi_malloc(&t->alloc, n * sizeof *p->hashes);
    if (!p->cols || !p->offsets || !p->flags || (t->level == LIBSI_TRACE_HASH && !p->hashes))
        return LIBSI_ENOMEM;
    return 0;
}

static void part_free(const libsi_table *t, part *p)
{
    for (size_t c = 0; p->cols && c < t->n_keep; c++)
        lsi_sb_dispose(&p->cols[c]);
    lsi_free(&t->alloc, p->cols);
    lsi_free(&t->alloc, p->offsets);
    lsi_free(&t->alloc, p->flags);
    lsi_free(&t->alloc, p->hashes);
    lsi_free(&t->alloc, p->errors);
    lsi_arena_release(&p->arena);
}

void libsi_table_free(libsi_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; t->parts && i < t->n_parts; i++)
        part_free(t, &t->parts[i]);
    for (size_t c = 0; t->joined && c < t->n_keep; c++)
        lsi_sb_dispose(&t->joined[c]);
    libsi_allocator a = t->alloc;
    lsi_free(&a, t->joined);
    lsi_free(&a, t->parts);
    lsi_free(&a, t->names);
    lsi_free(&a, t->keep);
    lsi_free(&a, t);
}

/* The outputs to keep: those named, or all of the scheme's. */
static int kept_outputs(libsi_ctx *ctx, libsi_table *t, const lsi_scheme *s,
                        const libsi_table_options *o)
{
    t->n_keep = o->outputs ? o->n_outputs : s->n_outputs;
    t->names = lsi_malloc(&t->alloc, (t->n_keep + 1) * sizeof *t->names);
    t->keep = lsi_malloc(&t->alloc, (t->n_keep + 1) * sizeof *t->keep);
    if (!t->names || !t->keep)
        return lsi_fail(ctx, LIBSI_ENOMEM, "table", "out of memory");
    for (size_t c = 0; c < t->n_keep; c++) {
        const char *want = o->outputs ? o->outputs[c] : s->outputs[c].name;
        t->keep[c] = -1;
        for (size_t i = 0; want && i < s->n_outputs; i++)
            if (strcmp(s->outputs[i].name, want) == 0)
                t->keep[c] = (int)i;
        if (t->keep[c] < 0)
            return lsi_fail(ctx, LIBSI_EINVAL, "outputs", "'%.64s' is not an output of '%s'",
                            want ? want : "(null)", s->name);
        t->names[c] = s->outputs[t->keep[c]].name;
    }
    return 0;
}

/* Defines libsi_table_options_init(). */
LSI_EXTENSIBLE_STRUCT(libsi_table_options, n_outputs, LIBSI_TABLE_OPTIONS_INIT)

static int check_options(libsi_ctx *ctx, const libsi_table_options *o)
{
    if (o->level != LIBSI_TRACE_NONE && o->level != LIBSI_TRACE_HASH)
        return lsi_fail(ctx, LIBSI_EINVAL, "level",
                        "a table keeps outputs and hashes: level must be NONE or HASH");
    if (o->threads > 256 || (o->n_outputs && !o->outputs))
        return lsi_fail(ctx, LIBSI_EINVAL, "options", "threads above 256 or outputs missing");
    return 0;
}

/* Rows of a part: parts are taken one at a time, so a thread that gets less
 * of a core (another process, another tenant of the machine) takes fewer of
 * them instead of holding the others at the end (issue #10: two fixed halves
 * gave 1.4-2.0x on two cores, from run to run); and a part's columns stay a
 * few hundred kilobytes, not one buffer per column grown to the whole table. */
#define PART_ROWS 32768

static size_t parts_for(size_t n_rows, size_t threads)
{
    size_t n = (n_rows + PART_ROWS - 1) / PART_ROWS;
    return n > threads ? n : threads;
}

static int new_table(libsi_ctx *ctx, const lsi_scheme *s, size_t n_rows,
                     const libsi_table_options *o, libsi_table **out)
{
    libsi_table *t = lsi_malloc(&ctx->alloc, sizeof *t);
    *out = t;
    if (!t)
        return lsi_fail(ctx, LIBSI_ENOMEM, "table", "out of memory");
    memset(t, 0, sizeof *t);
    t->alloc = ctx->alloc;
    t->level = o->level;
    t->rows = n_rows;
    t->n_threads = o->threads > 1 ? o->threads : 1;
    t->n_parts = parts_for(n_rows, t->n_threads);
    if (t->n_parts > n_rows)
        t->n_parts = n_rows ? n_rows : 1;
    if (t->n_threads > t->n_parts)
        t->n_threads = t->n_parts;
    t->chunk = (n_rows + t->n_parts - 1) / t->n_parts;
    int rc = kept_outputs(ctx, t, s, o);
    if (rc == 0 && !(t->parts = lsi_malloc(&t->alloc, t->n_parts * sizeof *t->parts)))
        rc = lsi_fail(ctx, LIBSI_ENOMEM, "table", "out of memory");
    if (rc == 0)
        memset(t->parts, 0, t->n_parts * sizeof *t->parts);
    return rc;
}

/* This thread and n_threads - 1 others take the parts; a thread that
 * cannot be started leaves its parts to the rest. */
static int run_parts(libsi_table *t)
{
    pthread_t tid[256];
    seat seats[256];
    size_t started = 1;
    atomic_init(&t->next_part, 0);
    for (size_t i = 0; i < t->n_threads; i++)
        seats[i] = (seat){t, 0};
    for (; started < t->n_threads; started++)
        if (pthread_create(&tid[started], NULL, work, &seats[started]) != 0)
            break;
    work(&seats[0]);
    for (size_t i = 1; i < started; i++)
        pthread_join(tid[i], NULL);
    for (size_t i = 0; i < started; i++)
        if (seats[i].rc != 0)
            return seats[i].rc;
    for (size_t i = 0; i < t->n_parts; i++)
        if (t->parts[i].rc != 0)
            return t->parts[i].rc;
    return 0;
}

static int batch_run_table_impl(libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                                const char *const *columns, size_t n_columns,
                                const char *const *cells, size_t n_rows,
                                const libsi_table_options *opt, libsi_table **out)
{
    libsi_table_options copy;
    const libsi_table_options *o = &copy;
    if (!ctx || !rs || !scheme || !out || (!columns && n_columns) || (!cells && n_rows))
        return lsi_fail(ctx, LIBSI_EINVAL, "table", "NULL argument");
    *out = NULL;
    lsi_clear_error(ctx);
    libsi_batch *probe; /* checks the scheme and the columns before any row */
    int rc = lsi_struct_in(ctx, &libsi_table_options_layout, opt, &copy);
    if (rc == 0) rc = check_options(ctx, o);
    if (rc == 0) rc = libsi_batch_new(ctx, rs, scheme, columns, n_columns, o->level, &probe);
    if (rc != 0)
        return rc;
    libsi_batch_free(probe);
    libsi_table *t;
    rc = new_table(ctx, lsi_scheme_find(scheme), n_rows, o, &t);
    if (rc == 0)
        t->in = (table_input){rs, scheme, columns, n_columns, cells};
    for (size_t i = 0; rc == 0 && i < t->n_parts; i++) {
        part *p = &t->parts[i];
        *p = (part){.t = t, .first = i * t->chunk};
        p->count = p->first < n_rows ? (n_rows - p->first < t->chunk ? n_rows - p->first : t->chunk) : 0;
        rc = part_alloc(t, p) ? lsi_fail(ctx, LIBSI_ENOMEM, "table", "out of memory") : 0;
    }
    if (rc == 0 && (rc = run_parts(t)) != 0)
        rc = lsi_fail(ctx, rc, "table", "a part of the table could not be computed: %s",
                      libsi_strerror(rc));
    if (rc != 0) {
        libsi_table_free(t);
        return rc;
    }
    t->in = (table_input){0}; /* the caller's rows are not kept */
    *out = t;
    return 0;
}

int libsi_batch_run_table(libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                          const char *const *columns, size_t n_columns,
                          const char *const *cells, size_t n_rows,
                          const libsi_table_options *opt, libsi_table **out)
{
    lsi_api_enter(ctx);
    LSI_OUT_NULL(out);
    int rc = batch_run_table_impl(ctx, rs, scheme, columns, n_columns, cells, n_rows, opt, out);
    rc = lsi_api_leave(ctx, rc);
    if (rc != 0)
        LSI_OUT_NULL(out);
    return rc;
}

/* ------------------------------------------------------------- reading */

size_t libsi_table_rows(const libsi_table *t)
{
    return t ? t->rows : 0;
}

size_t libsi_table_output_count(const libsi_table *t)
{
    return t ? t->n_keep : 0;
}

const char *libsi_table_output_name(const libsi_table *t, size_t col)
{
    return t && col < t->n_keep ? t->names[col] : NULL;
}

static const part *part_of(const libsi_table *t, size_t row, size_t *r)
{
    if (!t || row >= t->rows)
        return NULL;
    const part *p = &t->parts[row / t->chunk];
    *r = row - p->first;
    return p;
}

const char *libsi_table_text(const libsi_table *t, size_t row, size_t col)
{
    size_t r;
    const part *p = part_of(t, row, &r);
    if (!p || col >= t->n_keep)
        return NULL;
    uint32_t off = p->offsets[r * t->n_keep + col];
    return off == NO_VALUE ? NULL : p->cols[col].buf + off;
}

static int table_column_impl(libsi_table *t, size_t col, const char **text, size_t *len)
{
    if (!t || col >= t->n_keep || !text || !len)
        return LIBSI_EINVAL;
    if (!t->joined) {
        if (!(t->joined = lsi_malloc(&t->alloc, t->n_keep * sizeof *t->joined)))
            return LIBSI_ENOMEM;
        for (size_t c = 0; c < t->n_keep; c++)
            lsi_sb_init(&t->joined[c], &t->alloc);
    }
    lsi_sb *sb = &t->joined[col];
    if (!sb->buf || sb->failed) {
        lsi_sb_reset(sb);
        for (size_t row = 0; row < t->rows; row++) {
            const char *v = libsi_table_text(t, row, col);
            if (v)
                lsi_sb_append(sb, v);
            lsi_sb_appendn(sb, "\n", 1);
        }
    }
    if (sb->failed)
        return LIBSI_ENOMEM;
    *text = sb->buf ? sb->buf : "";
    *len = sb->len;
    return 0;
}

int libsi_table_column(libsi_table *t, size_t col, const char **text, size_t *len)
{
    LSI_OUT_NULL(text);
    int rc = table_column_impl(t, col, text, len);
    if (rc != 0)
        LSI_OUT_NULL(text);
    return rc;
}

int libsi_table_column_fen(const libsi_table *t, size_t col, int64_t *fen, unsigned char *ok)
{
    if (!t || col >= t->n_keep || (!fen && t->rows))
        return LIBSI_EINVAL;
    for (size_t row = 0; row < t->rows; row++) {
        const char *v = libsi_table_text(t, row, col);
        lsi_dec d;
        bool whole = false;
        bool good = v && lsi_dec_parse(v, &d, NULL) == 0 && lsi_dec_to_fen(d, &fen[row], &whole) == 0;
        if (!good)
            fen[row] = 0;
        if (ok)
            ok[row] = good;
    }
    return 0;
}

unsigned libsi_table_flags(const libsi_table *t, size_t row)
{
    size_t r;
    const part *p = part_of(t, row, &r);
    return p ? p->flags[r] : 0;
}

const char *libsi_table_hash(const libsi_table *t, size_t row)
{
    size_t r;
    const part *p = part_of(t, row, &r);
    return p && p->hashes ? p->hashes[r] : "";
}

size_t libsi_table_error_count(const libsi_table *t)
{
    size_t n = 0;
    for (size_t i = 0; t && i < t->n_parts; i++)
        n += t->parts[i].n_errors;
    return n;
}

static int table_error_impl(const libsi_table *t, size_t k, size_t *row, int *code,
                            const char **message)
{
    for (size_t i = 0; t && i < t->n_parts; i++) {
        const part *p = &t->parts[i];
        if (k < p->n_errors) {
            if (row) *row = p->errors[k].row;
            if (code) *code = p->errors[k].code;
            if (message) *message = p->errors[k].message;
            return 0;
        }
        k -= p->n_errors;
    }
    return LIBSI_EINVAL;
}

int libsi_table_error(const libsi_table *t, size_t k, size_t *row, int *code,
                      const char **message)
{
    LSI_OUT_NULL(message);
    int rc = table_error_impl(t, k, row, code, message);
    if (rc != 0)
        LSI_OUT_NULL(message);
    return rc;
}

/*
 * Thread stress (docs/testing.md, "Gates"): built with -Db_sanitize=thread by
 * tests/gates/tsan.sh, so that ThreadSanitizer sees every calculation run on
 * 8 threads at once.
 *
 *   gate_stress LIST [THREADS]
 *
 * 1. Every vector row of every scheme (LIST: <build>/tests/gate_vectors.list)
 *    is computed once on the main thread: the reference (the canonical JSON
 *    of the result, or the error code, field and message).
 *    The projections no vector file holds (gate_projections: the fund, the
 *    member-level and the stochastic projection, some on worker threads of
 *    their own) are rows too.
 * 2. THREADS threads (default 8), each with its own context, share one
 *    ruleset and each compute every row, starting at a different row; every
 *    answer must equal the reference byte for byte.
 * 3. Each vector file as one table through libsi_batch_run_table() on 1 and
 *    on THREADS threads (trace level HASH): every output text, flag set, hash
 *    and failed row must be the same.
 * Exit status 0 when everything agreed.
 *
 *   gate_stress --canary
 *
 * races on purpose (two threads increment one unguarded counter): under
 * ThreadSanitizer it must be reported, which shows that the gate can fail.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gate_common.h"

static gate_rows rows;
static const libsi_ruleset *rules;
static char **reference;      /* per row */

/* The answer of one row as one string (malloc'd), or NULL on a setup failure. */
static char *answer(libsi_ctx *ctx, const gate_row *row)
{
    libsi_case *c = NULL;
    libsi_result *r = NULL;
    char *json = NULL;
    gate_buf b = {0};
    int rc = gate_case(ctx, row, &c);
    if (rc == 0)
        rc = libsi_calculate(ctx, rules, row->scheme, c, &r);
    if (rc == 0)
        rc = libsi_result_json(ctx, r, &json);
    if (rc == 0)
        gate_put(&b, json);
    else {
        gate_putf(&b, "error %d field ", rc);
        gate_put_json_string(&b, libsi_ctx_field(ctx));
        gate_put(&b, " message ");
        gate_put_json_string(&b, libsi_ctx_message(ctx));
    }
    libsi_free(ctx, json);
    libsi_result_free(r);
    libsi_case_free(c);
    return b.p;
}

typedef struct worker_arg {
    unsigned index, threads;
    long mismatches, done;
} worker_arg;

static void *worker(void *p)
{
    worker_arg *a = p;
    libsi_ctx *ctx;
    if (libsi_ctx_new(NULL, &ctx) != 0) {
        a->mismatches = -1;
        return NULL;
    }
    size_t start = rows.n * a->index / a->threads;
    for (size_t k = 0; k < rows.n; k++) {
        size_t i = (start + k) % rows.n;
        char *got = answer(ctx, &rows.row[i]);
        if (!got || strcmp(got, reference[i]) != 0) {
            if (a->mismatches++ < 5)
                fprintf(stderr, "thread %u: %s:%d differs from one thread\n", a->index,
                        rows.row[i].file, rows.row[i].line);
        }
        free(got);
        a->done++;
    }
    libsi_ctx_free(ctx);
    return NULL;
}

/* ------------------------------------------------------------ tables */

static int table_for(libsi_ctx *ctx, size_t file, unsigned threads, libsi_table **out,
                     const char ***names_out, size_t *n_names)
{
    /* The columns: every input named by any row of the file, in first-seen order. */
    const char **names = NULL;
    size_t n = 0, n_rows = 0;
    for (size_t i = 0; i < rows.n; i++) {
        const gate_row *r = &rows.row[i];
        if (strcmp(r->file, rows.files[file]) != 0)
            continue;
        n_rows++;
        for (size_t k = 0; k < r->n; k++) {
            size_t j = 0;
            while (j < n && strcmp(names[j], r->names[k]) != 0)
                j++;
            if (j == n) {
                names = realloc(names, (n + 1) * sizeof *names);
                names[n++] = r->names[k];
            }
        }
    }
    const char **cells = calloc(n_rows * n + 1, sizeof *cells);
    size_t row = 0;
    for (size_t i = 0; i < rows.n; i++) {
        const gate_row *r = &rows.row[i];
        if (strcmp(r->file, rows.files[file]) != 0)
            continue;
        for (size_t k = 0; k < r->n; k++)
            for (size_t j = 0; j < n; j++)
                if (strcmp(names[j], r->names[k]) == 0)
                    cells[row * n + j] = r->values[k];
        row++;
    }
    libsi_table_options o = LIBSI_TABLE_OPTIONS_INIT;
    o.threads = threads;
    o.level = LIBSI_TRACE_HASH;
    int rc = libsi_batch_run_table(ctx, rules, rows.schemes[file], names, n, cells, n_rows, &o,
                                   out);
    free(cells);
    *names_out = names;
    *n_names = n;
    return rc;
}

static int same_tables(const libsi_table *a, const libsi_table *b, const char *file)
{
    int bad = 0;
    if (libsi_table_rows(a) != libsi_table_rows(b) ||
        libsi_table_output_count(a) != libsi_table_output_count(b) ||
        libsi_table_error_count(a) != libsi_table_error_count(b)) {
        fprintf(stderr, "%s: table shapes differ\n", file);
        return 1;
    }
    for (size_t r = 0; r < libsi_table_rows(a); r++) {
        bad += libsi_table_flags(a, r) != libsi_table_flags(b, r);
        bad += strcmp(libsi_table_hash(a, r), libsi_table_hash(b, r)) != 0;
        for (size_t col = 0; col < libsi_table_output_count(a); col++) {
            const char *x = libsi_table_text(a, r, col), *y = libsi_table_text(b, r, col);
            bad += (x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0);
        }
    }
    for (size_t k = 0; k < libsi_table_error_count(a); k++) {
        size_t ra, rb;
        int ca, cb;
        const char *ma, *mb;
        bad += libsi_table_error(a, k, &ra, &ca, &ma) != 0 ||
               libsi_table_error(b, k, &rb, &cb, &mb) != 0 ||
               ra != rb || ca != cb || strcmp(ma, mb) != 0;
    }
    if (bad)
        fprintf(stderr, "%s: %d differences between 1 and N threads\n", file, bad);
    return bad;
}

/* The projection rows after the vector rows (their strings move over). */
static int add_projections(gate_rows *all)
{
    gate_rows proj;
    if (gate_projections(&proj) != 0)
        return -1;
    gate_row *row = realloc(all->row, (all->n + proj.n) * sizeof *row);
    if (!row) {
        gate_free(&proj);
        return -1;
    }
    memcpy(row + all->n, proj.row, proj.n * sizeof *row);
    all->row = row;
    all->n += proj.n;
    free(proj.row);
    return 0;
}

static long canary_counter;

static void *canary_worker(void *p)
{
    (void)p;
    for (int i = 0; i < 100000; i++)
        canary_counter++; /* the deliberate data race */
    return NULL;
}

static int canary(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, canary_worker, NULL);
    pthread_create(&b, NULL, canary_worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("canary: %ld\n", canary_counter);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--canary") == 0)
        return canary();
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s VECTOR-LIST [THREADS]\n", argv[0]);
        return 2;
    }
    unsigned threads = argc == 3 ? (unsigned)atoi(argv[2]) : 8;
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    if (threads < 2 || threads > 64 || gate_load(argv[1], &rows) != 0 ||
        libsi_ctx_new(NULL, &ctx) != 0 || libsi_ruleset_builtin(ctx, &rs) != 0) {
        fprintf(stderr, "%s: setup failed\n", argv[0]);
        return 1;
    }
    if (add_projections(&rows) != 0) {
        fprintf(stderr, "%s: setup failed (projections)\n", argv[0]);
        return 1;
    }
    rules = rs;
    reference = calloc(rows.n, sizeof *reference);
    for (size_t i = 0; i < rows.n; i++)
        if (!(reference[i] = answer(ctx, &rows.row[i])))
            return 1;

    pthread_t tid[64];
    worker_arg args[64];
    for (unsigned t = 0; t < threads; t++) {
        args[t] = (worker_arg){t, threads, 0, 0};
        if (pthread_create(&tid[t], NULL, worker, &args[t]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    }
    long bad = 0, done = 0;
    for (unsigned t = 0; t < threads; t++) {
        pthread_join(tid[t], NULL);
        bad += args[t].mismatches != 0;
        done += args[t].done;
    }
    printf("calculations: %zu rows of %zu files on %u threads (%ld calls): %ld threads "
           "differ from one thread\n", rows.n, rows.n_files, threads, done, bad);

    long table_bad = 0;
    for (size_t f = 0; f < rows.n_files; f++) {
        libsi_table *one = NULL, *many = NULL;
        const char **names = NULL;
        size_t n_names;
        int rc = table_for(ctx, f, 1, &one, &names, &n_names);
        free(names);
        names = NULL;
        if (rc == 0) {
            rc = table_for(ctx, f, threads, &many, &names, &n_names);
            free(names);
        }
        if (rc != 0) {
            fprintf(stderr, "%s: table failed: %s\n", rows.files[f], libsi_ctx_message(ctx));
            table_bad++;
        } else {
            table_bad += same_tables(one, many, rows.files[f]) != 0;
        }
        libsi_table_free(one);
        libsi_table_free(many);
    }
    printf("tables: %zu files on 1 and %u threads: %ld differ\n", rows.n_files, threads,
           table_bad);
    for (size_t i = 0; i < rows.n; i++)
        free(reference[i]);
    free(reference);
    gate_free(&rows);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return bad == 0 && table_bad == 0 ? 0 : 1;
}

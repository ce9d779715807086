/*
 * Allocation failure at every allocation site (docs/testing.md, "Gates").
 *
 *   gate_alloc_failure LIST
 *
 * For each vector file in LIST (<build>/tests/gate_vectors.list), the first
 * row that is expected to succeed, and the row with the most input text, is
 * run as one session on a context whose allocator fails its n-th call, for
 * every n from 1 to the number of calls an unfailing session makes (then
 * n + 1, which must succeed): libsi_case_new/_set, libsi_calculate,
 * libsi_result_json and libsi_result_explain.  Every failing session must
 *   - return LIBSI_ENOMEM (no other code, no crash),
 *   - give back everything it took: after its objects are freed the context
 *     holds no more than after an unfailing session (the caches it fills
 *     once), and the live count is 0 once the context is freed,
 *   - leave the context usable: the same session, allocations no longer
 *     failing, succeeds on that context with the reference JSON, byte for byte.
 * Then the same for the one-thread runs of the member-level and stochastic
 * projections of tests/gates/projection.yaml (gate_common.c, gate_projections).
 * Run in the normal and the ASan+UBSan builds (meson test gate_alloc_failure).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gate_common.h"

typedef struct counter {
    long calls, live, fail_at; /* fail_at: the n-th call fails (0 = never) */
} counter;

static int refuse(counter *c)
{
    return ++c->calls == c->fail_at;
}

static void *count_malloc(void *opaque, size_t n)
{
    counter *c = opaque;
    void *p = refuse(c) ? NULL : malloc(n);
    if (p)
        c->live++;
    return p;
}

static void *count_realloc(void *opaque, void *ptr, size_t n)
{
    counter *c = opaque;
    if (!ptr)
        return count_malloc(opaque, n);
    return refuse(c) ? NULL : realloc(ptr, n);
}

static void count_free(void *opaque, void *ptr)
{
    counter *c = opaque;
    if (ptr)
        c->live--;
    free(ptr);
}

/* One session; on success *json_out receives the result JSON (malloc'd copy). */
static int session(libsi_ctx *ctx, const libsi_ruleset *rs, const gate_row *row,
                   char **json_out)
{
    libsi_case *c = NULL;
    libsi_result *r = NULL;
    char *json = NULL, *text = NULL;
    int rc = gate_case(ctx, row, &c);
    if (rc == 0)
        rc = libsi_calculate(ctx, rs, row->scheme, c, &r);
    if (rc == 0 && r == NULL)
        rc = -1000; /* success without a result */
    if (rc == 0)
        rc = libsi_result_json(ctx, r, &json);
    if (rc == 0)
        rc = libsi_result_explain(ctx, r, &text);
    if (rc == 0 && (!json || !text || !*json || !*text))
        rc = -1001;
    if (rc == 0 && json_out)
        *json_out = strcpy(malloc(strlen(json) + 1), json);
    libsi_free(ctx, json);
    libsi_free(ctx, text);
    libsi_result_free(r);
    libsi_case_free(c);
    return rc;
}

/* Allocator calls of one unfailing session on a fresh context; *cached
 * receives the blocks the context keeps after it (caches it fills once). */
static long calls_of(const libsi_ruleset *rs, const gate_row *row, long *cached)
{
    counter c = {0, 0, 0};
    libsi_allocator a = {sizeof(libsi_allocator), count_malloc, count_realloc, count_free, &c};
    libsi_ctx *ctx = NULL;
    if (libsi_ctx_new(&a, &ctx) != 0)
        return -1;
    long held = c.live;
    c.calls = 0;
    int rc = session(ctx, rs, row, NULL);
    long calls = c.calls;
    *cached = c.live - held;
    if (rc != 0)
        fprintf(stderr, "%s:%d (%s): %d: %s\n", row->file, row->line, row->scheme, rc,
                libsi_ctx_message(ctx));
    libsi_ctx_free(ctx);
    if (c.live != 0)
        fprintf(stderr, "%s:%d (%s): %ld blocks live after the context was freed\n", row->file,
                row->line, row->scheme, c.live);
    return rc == 0 && c.live == 0 ? calls : -1;
}

/* Fail every allocation of one row in turn; returns the number of problems.
 * A session whose n-th allocation failed may still succeed when the library
 * does without that memory (a cache it can skip): then its JSON must be the
 * reference, byte for byte (*absorbed counts these). */
static int every_site(const libsi_ruleset *rs, const gate_row *row, const char *want,
                      long *sites, long *absorbed)
{
    int bad = 0;
    long cached = 0;
    *sites = calls_of(rs, row, &cached);
    *absorbed = 0;
    if (*sites <= 0) {
        fprintf(stderr, "%s:%d: the unfailing session failed\n", row->file, row->line);
        return 1;
    }
    for (long n = 1; n <= *sites + 1; n++) {
        counter c = {0, 0, 0};
        libsi_allocator a = {sizeof(libsi_allocator), count_malloc, count_realloc, count_free, &c};
        libsi_ctx *ctx = NULL;
        if (libsi_ctx_new(&a, &ctx) != 0) {
            fprintf(stderr, "context failed\n");
            return bad + 1;
        }
        long held = c.live;
        c.calls = 0;
        c.fail_at = n;
        char *got = NULL;
        int rc = session(ctx, rs, row, &got);
        c.fail_at = 0;
        if (rc == 0 && n <= *sites) {
            (*absorbed)++;
            if (strcmp(got, want) != 0) {
                fprintf(stderr, "%s:%d (%s): allocation %ld failed and the call succeeded with "
                        "a different result\n", row->file, row->line, row->scheme, n);
                bad++;
            }
        } else if (rc == 0) {
            free(got);
            libsi_ctx_free(ctx);
            if (c.live != 0) {
                fprintf(stderr, "%s:%d: %ld blocks live after a successful session\n",
                        row->file, row->line, c.live);
                bad++;
            }
            return bad;
        } else if (rc != LIBSI_ENOMEM) {
            fprintf(stderr, "%s:%d (%s): allocation %ld failed, the call returned %d (%s: %s)"
                    " instead of LIBSI_ENOMEM\n", row->file, row->line, row->scheme, n, rc,
                    libsi_ctx_field(ctx), libsi_ctx_message(ctx));
            bad++;
        }
        free(got);
        if (c.live < held || c.live - held > cached) {
            fprintf(stderr, "%s:%d (%s): allocation %ld failed: %ld blocks leaked\n", row->file,
                    row->line, row->scheme, n, c.live - held - cached);
            bad++;
        }
        char *again = NULL;
        rc = session(ctx, rs, row, &again);
        if (rc != 0 || strcmp(again, want) != 0) {
            fprintf(stderr, "%s:%d (%s): after allocation %ld failed, the context is not usable"
                    " (%d: %s)\n", row->file, row->line, row->scheme, n, rc,
                    libsi_ctx_message(ctx));
            bad++;
        }
        free(again);
        libsi_ctx_free(ctx);
        if (c.live != 0) {
            fprintf(stderr, "%s:%d: %ld blocks live after the context was freed\n", row->file,
                    row->line, c.live);
            bad++;
        }
        if (bad > 20) {
            fprintf(stderr, "%s:%d: giving up at allocation %ld\n", row->file, row->line, n);
            return bad;
        }
    }
    fprintf(stderr, "%s:%d: the session allocates more than before\n", row->file, row->line);
    return bad + 1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s VECTOR-LIST\n", argv[0]);
        return 2;
    }
    gate_rows rows;
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    if (gate_load(argv[1], &rows) != 0 || libsi_ctx_new(NULL, &ctx) != 0 ||
        libsi_ruleset_builtin(ctx, &rs) != 0) {
        fprintf(stderr, "%s: setup failed\n", argv[0]);
        return 1;
    }
    int bad = 0;
    long total = 0;
    for (size_t f = 0; f < rows.n_files; f++) {
        /* The first row expected to succeed, and the one with the most input text
         * (long histories and schedules need more arena chunks and bigger
         * documents, so more allocation sites). */
        for (int pick = 0; pick < 2; pick++) {
            const gate_row *row = NULL;
            char *want = NULL;
            size_t most = 0;
            for (size_t i = 0; i < rows.n && !(pick == 0 && row); i++) {
                const gate_row *r = &rows.row[i];
                size_t size = 0;
                for (size_t k = 0; k < r->n; k++)
                    size += strlen(r->names[k]) + strlen(r->values[k]);
                char *json = NULL;
                if (strcmp(r->file, rows.files[f]) != 0 || !r->expect_ok ||
                    (pick == 1 && size <= most) || session(ctx, rs, r, &json) != 0)
                    continue;
                free(want);
                want = json;
                row = r;
                most = size;
            }
            if (!row) {
                fprintf(stderr, "%s: no row that succeeds\n", rows.files[f]);
                bad++;
                break;
            }
            long sites = 0, absorbed = 0;
            int b = every_site(rs, row, want, &sites, &absorbed);
            printf("%-30s %-24s %-5s row %-4d %4ld allocations failed in turn (%ld done "
                   "without): %s\n", rows.files[f], row->scheme, pick ? "large" : "first",
                   row->line, sites, absorbed, b ? "FAIL" : "ok");
            bad += b;
            total += sites;
            free(want);
        }
    }
    /* The member-level and stochastic projections (gate_projections), their one-thread rows:
     * worker contexts, path buffers and result arrays use the caller's allocator too. */
    gate_rows proj;
    bad += gate_projections(&proj) != 0;
    for (size_t i = 0; i < proj.n; i++) {
        const gate_row *row = &proj.row[i];
        const char *threads = "1";
        for (size_t k = 0; k < row->n; k++)
            if (strcmp(row->names[k], "threads") == 0)
                threads = row->values[k];
        char *want = NULL;
        if (strcmp(threads, "1") != 0)
            continue;
        if (session(ctx, rs, row, &want) != 0) {
            fprintf(stderr, "%s: %s failed: %s\n", row->file, row->id, libsi_ctx_message(ctx));
            bad++;
            continue;
        }
        long sites = 0, absorbed = 0;
        int b = every_site(rs, row, want, &sites, &absorbed);
        printf("%-30s %-24s %-27s %4ld allocations failed in turn (%ld done without): %s\n",
               row->file, row->scheme, row->id, sites, absorbed, b ? "FAIL" : "ok");
        bad += b;
        total += sites;
        free(want);
    }
    printf("%zu files and %zu projections, %ld allocation failures, %d problems\n",
           rows.n_files, proj.n, total, bad);
    gate_free(&rows);
    gate_free(&proj);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return bad ? 1 : 0;
}

/*
 * Golden corpus writer (docs/testing.md, "Gates"): one JSON line per vector
 * row, so that builds by different compilers and optimisation levels can be
 * compared byte for byte (tests/gates/golden.sh).
 *
 *   gate_golden LIST OUT
 *
 * LIST is <build>/tests/gate_vectors.list (the calculation vector files and
 * their schemes, from tests/meson.build); the rows are those of
 * tests/test_calc_vectors.c.  For each row: the canonical JSON of the result
 * (libsi_result_json, verbatim) and a 64-bit FNV-1a digest of its
 * explanation (libsi_result_explain), or the error code, field and message.
 * The decimal vectors (tests/vectors/decimal/{parse,round,arith}.tsv) follow,
 * through the same routines as tests/test_decimal.c, one line per row (a
 * mode or quantum refused is code LIBSI_EINVAL, as in test_decimal.c).  Between them,
 * the member-level and stochastic projections of tests/gates/projection.yaml
 * (gate_common.c, gate_projections), on one and on two threads.
 * Exit status 0 when every row was written (a row's own error is data, not a
 * failure), 1 otherwise.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "gate_common.h"
#include "../vectors.h"

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static void put_error(gate_buf *b, libsi_ctx *ctx, int rc)
{
    gate_putf(b, "\"error\":{\"code\":%d,\"field\":", rc);
    gate_put_json_string(b, libsi_ctx_field(ctx));
    gate_put(b, ",\"message\":");
    gate_put_json_string(b, libsi_ctx_message(ctx));
    gate_put(b, "}");
}

/* One calculation row; returns 0 when the line was written. */
static int calc_line(libsi_ctx *ctx, const libsi_ruleset *rs, const gate_row *row, gate_buf *b)
{
    libsi_case *c = NULL;
    libsi_result *r = NULL;
    char *json = NULL, *text = NULL;
    b->len = 0;
    gate_put(b, "{\"file\":");
    gate_put_json_string(b, row->file);
    gate_putf(b, ",\"line\":%d,\"id\":", row->line);
    gate_put_json_string(b, row->id);
    gate_put(b, ",\"scheme\":");
    gate_put_json_string(b, row->scheme);
    gate_put(b, ",");
    int rc = gate_case(ctx, row, &c);
    if (rc == 0)
        rc = libsi_calculate(ctx, rs, row->scheme, c, &r);
    if (rc == 0 && (libsi_result_json(ctx, r, &json) != 0 ||
                    libsi_result_explain(ctx, r, &text) != 0)) {
        fprintf(stderr, "%s:%d: JSON or explanation failed: %s\n", row->file, row->line,
                libsi_ctx_message(ctx));
        rc = 1;
    } else if (rc == 0) {
        size_t n = strlen(json);
        while (n && json[n - 1] == '\n')
            json[--n] = '\0';
        if (strchr(json, '\n')) {
            fprintf(stderr, "%s:%d: result JSON spans lines\n", row->file, row->line);
            rc = 1;
        } else {
            gate_putf(b, "\"explain_fnv1a\":\"%016llx\",\"result\":",
                      (unsigned long long)fnv1a(text));
            gate_put(b, json);
            gate_put(b, "}\n");
        }
    } else {
        put_error(b, ctx, rc);
        gate_put(b, "}\n");
        rc = 0;
    }
    libsi_free(ctx, json);
    libsi_free(ctx, text);
    libsi_result_free(r);
    libsi_case_free(c);
    return rc;
}

/* ---------------------------------------------------------- decimals */

static void dec_out(gate_buf *b, int rc, lsi_dec r, unsigned flags)
{
    char text[LIBSI_DECIMAL_MAX + 1];
    if (rc != 0) {
        gate_putf(b, "\"code\":%d}\n", rc);
        return;
    }
    lsi_dec_format(r, text);
    gate_putf(b, "\"value\":\"%s\",\"flags\":%u}\n", text, flags);
}

/* parse.tsv: input; round.tsv: input mode quantum; arith.tsv: op a b mode quantum. */
static int decimal_file(const char *file, FILE *out)
{
    vec_file v;
    if (vec_open(&v, file) != 0) {
        fprintf(stderr, "cannot read %s\n", file);
        return 1;
    }
    gate_buf b = {0};
    char *c[VEC_MAX_COLS];
    while (vec_next(&v, c)) {
        b.len = 0;
        gate_put(&b, "{\"file\":");
        gate_put_json_string(&b, file);
        gate_putf(&b, ",\"line\":%d,", v.line);
        lsi_dec a = {0, 0}, d = {0, 0}, r = {0, 0};
        lsi_rounding rule;
        libsi_round_mode mode;
        unsigned flags = 0;
        int rc;
        if (strstr(file, "parse")) {
            rc = lsi_dec_parse(c[0], &r, NULL);
        } else if (strstr(file, "round")) {
            rc = libsi_round_mode_parse(c[1], &mode) != 0 ||
                         lsi_rounding_from_quantum(c[2], mode, &rule) != 0
                     ? LIBSI_EINVAL
                     : lsi_dec_parse(c[0], &a, NULL);
            if (rc == 0)
                rc = lsi_dec_round(a, &rule, &r, &flags);
        } else {
            rc = lsi_dec_parse(c[1], &a, NULL) || lsi_dec_parse(c[2], &d, NULL) ||
                         libsi_round_mode_parse(c[3], &mode) ||
                         lsi_rounding_from_quantum(c[4], mode, &rule)
                     ? LIBSI_EINVAL
                     : 0;
            lsi_dec exact;
            if (rc == 0 && strcmp(c[0], "mul") == 0)
                rc = lsi_dec_mul_round(a, d, &rule, &r, &flags);
            else if (rc == 0 && strcmp(c[0], "div") == 0)
                rc = lsi_dec_div_round(a, d, &rule, &r, &flags);
            else if (rc == 0) {
                rc = c[0][0] == 'a' ? lsi_dec_add(a, d, &exact) : lsi_dec_sub(a, d, &exact);
                if (rc == 0)
                    rc = lsi_dec_round(exact, &rule, &r, &flags);
            }
        }
        dec_out(&b, rc, r, flags);
        fputs(b.p, out);
    }
    free(b.p);
    vec_close(&v);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s VECTOR-LIST OUT.jsonl\n", argv[0]);
        return 2;
    }
    gate_rows rows;
    libsi_ctx *ctx = NULL;
    libsi_ruleset *rs = NULL;
    FILE *out = fopen(argv[2], "w");
    if (!out || gate_load(argv[1], &rows) != 0 || libsi_ctx_new(NULL, &ctx) != 0 ||
        libsi_ruleset_builtin(ctx, &rs) != 0) {
        fprintf(stderr, "%s: setup failed\n", argv[0]);
        return 1;
    }
    gate_buf b = {0};
    int bad = 0;
    for (size_t i = 0; i < rows.n; i++) {
        if (calc_line(ctx, rs, &rows.row[i], &b) != 0)
            bad++;
        else
            fputs(b.p, out);
    }
    /* The member-level and stochastic projections (gate_projections): no vector file holds
     * them; the threaded rows too, whose results must not depend on the thread count. */
    gate_rows proj;
    if (gate_projections(&proj) != 0)
        bad++;
    for (size_t i = 0; i < proj.n; i++) {
        if (calc_line(ctx, rs, &proj.row[i], &b) != 0)
            bad++;
        else
            fputs(b.p, out);
    }
    static const char *const decimals[] = {"decimal/parse.tsv", "decimal/round.tsv",
                                           "decimal/arith.tsv"};
    for (size_t i = 0; i < 3; i++)
        bad += decimal_file(decimals[i], out);
    if (fclose(out) != 0)
        bad++;
    fprintf(stderr, "%s: %zu calculation rows from %zu files, %zu projections, %d problems\n",
            argv[2], rows.n, rows.n_files, proj.n, bad);
    free(b.p);
    gate_free(&rows);
    gate_free(&proj);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return bad ? 1 : 0;
}

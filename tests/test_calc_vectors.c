/*
 * Data-driven calculation vectors (jansson style: the suite is data).
 *
 *   test_calc_vectors SCHEME FILE.tsv
 *
 * Columns: `id`, `in:NAME` (input; `-` = not given; a JSON string literal
 * "..." is decoded first, so a cell can hold newlines), `out:NAME` (expected
 * output; `-` = not checked), `error` (`-` or `!CODE` or `!CODE:field`),
 * `flags` (flags that must be raised, comma-separated, or `-`), `source`.
 * Every row names its source (reference section, document, or property).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libsi.h"
#include "vectors.h"

static const char *code_name(int rc)
{
    static const struct { int code; const char *name; } names[] = {
        {LIBSI_EINPUT, "EINPUT"}, {LIBSI_ENOTFOUND, "ENOTFOUND"},
        {LIBSI_EUNSUPPORTED, "EUNSUPPORTED"}, {LIBSI_EJURISDICTION, "EJURISDICTION"},
        {LIBSI_ERANGE, "ERANGE"}, {LIBSI_EDATE, "EDATE"}, {0, "OK"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].code == rc)
            return names[i].name;
    return "E?";
}

static bool flags_ok(unsigned got, const char *want)
{
    if (strcmp(want, "-") == 0 || !*want)
        return true;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", want);
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        bool found = false;
        for (unsigned bit = 1; bit && !found; bit <<= 1)
            found = (got & bit) && libsi_flag_name(bit) && strcmp(libsi_flag_name(bit), tok) == 0;
        if (!found)
            return false;
    }
    return true;
}

/* Run one row; returns the number of mismatches (0 = pass). */
static int run_row(libsi_ctx *ctx, const libsi_ruleset *rs, const char *scheme,
                   const vec_file *v, char **c)
{
    libsi_case *cs;
    libsi_result *r = NULL;
    int bad = 0, err = vec_col(v, "error"), fl = vec_col(v, "flags"), id = vec_col(v, "id");
    if (libsi_case_new(ctx, &cs) != 0)
        return 1;
    for (size_t i = 0; i < v->ncols; i++)
        if (strncmp(v->header[i], "in:", 3) == 0 && strcmp(c[i], "-") != 0) {
            /* A cell written as a JSON string literal may hold newlines
             * (an inline history). */
            if (c[i][0] == '"' && vec_json_string(c[i]) != 0)
                bad++;
            libsi_case_set(ctx, cs, v->header[i] + 3, c[i]);
        }
    int rc = libsi_calculate(ctx, rs, scheme, cs, &r);
    char got_err[128] = "-";
    if (rc != 0)
        snprintf(got_err, sizeof got_err, "!%s:%s", code_name(rc), libsi_ctx_field(ctx));
    const char *want_err = err >= 0 ? c[err] : "-";
    bool err_ok = strcmp(want_err, "-") == 0 ? rc == 0
                                             : strncmp(got_err, want_err, strlen(want_err)) == 0;
    if (!err_ok) {
        fprintf(stderr, "  %s: error %s, expected %s (%s)\n", id >= 0 ? c[id] : "?", got_err,
                want_err, libsi_ctx_message(ctx));
        bad++;
    }
    for (size_t i = 0; rc == 0 && i < v->ncols; i++) {
        if (strncmp(v->header[i], "out:", 4) != 0 || strcmp(c[i], "-") == 0)
            continue;
        const char *got = libsi_result_get(r, v->header[i] + 4);
        if (!got || strcmp(got, c[i]) != 0) {
            fprintf(stderr, "  %s: %s = %s, expected %s\n", id >= 0 ? c[id] : "?",
                    v->header[i] + 4, got ? got : "(absent)", c[i]);
            bad++;
        }
    }
    if (rc == 0 && fl >= 0 && !flags_ok(libsi_result_flags(r), c[fl])) {
        fprintf(stderr, "  %s: flags 0x%x lack %s\n", id >= 0 ? c[id] : "?",
                libsi_result_flags(r), c[fl]);
        bad++;
    }
    libsi_result_free(ctx, r);
    libsi_case_free(ctx, cs);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s SCHEME VECTORS.tsv\n", argv[0]);
        return 2;
    }
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    vec_file v;
    if (libsi_ctx_new(&ctx, NULL) != 0 || libsi_ruleset_builtin(ctx, &rs) != 0 ||
        vec_open(&v, argv[2]) != 0) {
        fprintf(stderr, "setup failed for %s\n", argv[2]);
        return 1;
    }
    char *c[VEC_MAX_COLS];
    int rows = 0, failed = 0;
    while (vec_next(&v, c)) {
        rows++;
        if (run_row(ctx, rs, argv[1], &v, c) != 0) {
            failed++;
            fprintf(stderr, "%s:%d: row failed\n", argv[2], v.line);
        }
    }
    printf("%s: %d rows, %d failed\n", argv[2], rows, failed);
    vec_close(&v);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return rows > 0 && failed == 0 ? 0 : 1;
}

#include "gate_common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../vectors.h"

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "gate: out of memory\n");
        exit(2);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static void add_row(gate_rows *out, size_t *cap, const gate_row *r)
{
    if (out->n == *cap) {
        *cap = *cap ? *cap * 2 : 1024;
        gate_row *p = realloc(out->row, *cap * sizeof *p);
        if (!p) {
            fprintf(stderr, "gate: out of memory\n");
            exit(2);
        }
        out->row = p;
    }
    out->row[out->n++] = *r;
}

static int load_file(gate_rows *out, size_t *cap, const char *scheme, const char *file)
{
    vec_file v;
    if (vec_open(&v, file) != 0) {
        fprintf(stderr, "gate: cannot read vector file %s (LIBSI_VECTORS?)\n", file);
        return -1;
    }
    int err = vec_col(&v, "error"), id = vec_col(&v, "id");
    char *c[VEC_MAX_COLS];
    size_t rows = 0;
    while (vec_next(&v, c)) {
        gate_row r = {scheme, file, v.line, xstrdup(id >= 0 ? c[id] : ""),
                      err < 0 || strcmp(c[err], "-") == 0, 0, NULL, NULL};
        r.names = xmalloc(v.ncols * sizeof *r.names);
        r.values = xmalloc(v.ncols * sizeof *r.values);
        for (size_t i = 0; i < v.ncols; i++) {
            if (strncmp(v.header[i], "in:", 3) != 0 || strcmp(c[i], "-") == 0)
                continue;
            if (c[i][0] == '"' && vec_json_string(c[i]) != 0) {
                fprintf(stderr, "gate: %s:%d: bad JSON string cell\n", file, v.line);
                vec_close(&v);
                return -1;
            }
            r.names[r.n] = xstrdup(v.header[i] + 3);
            r.values[r.n++] = xstrdup(c[i]);
        }
        add_row(out, cap, &r);
        rows++;
    }
    vec_close(&v);
    if (rows == 0) {
        fprintf(stderr, "gate: %s has no rows\n", file);
        return -1;
    }
    return 0;
}

int gate_load(const char *list_path, gate_rows *out)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(list_path, "r");
    if (!f) {
        fprintf(stderr, "gate: cannot read %s\n", list_path);
        return -1;
    }
    char line[512];
    size_t cap = 0, fcap = 0;
    int rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab || line[0] == '#')
            continue;
        *tab = '\0';
        if (out->n_files == fcap) {
            fcap = fcap ? fcap * 2 : 32;
            out->files = realloc(out->files, fcap * sizeof *out->files);
            out->schemes = realloc(out->schemes, fcap * sizeof *out->schemes);
            if (!out->files || !out->schemes) {
                fprintf(stderr, "gate: out of memory\n");
                exit(2);
            }
        }
        out->schemes[out->n_files] = xstrdup(line);
        out->files[out->n_files] = xstrdup(tab + 1);
        rc = load_file(out, &cap, out->schemes[out->n_files], out->files[out->n_files]);
        out->n_files++;
    }
    fclose(f);
    if (rc == 0 && out->n_files == 0) {
        fprintf(stderr, "gate: %s lists no vector file\n", list_path);
        rc = -1;
    }
    return rc;
}

/* Three members (columns of docs/actuarial.md): two contributors, one retiree. */
#define GATE_MEMBERS                                                                            \
    "id,city,birth_date,retirement_group,contribution_months,average_index,account_balance,"   \
    "deemed_months,deemed_account_balance,base_ratio,status,pension\n"                         \
    "1,guangzhou,1966-03-15,male60,300,1.1,80000,0,0,1,active,0\n"                              \
    "2,guangzhou,1972-08-01,female55,240,0.9,60000.50,24,6000,0.9,active,0\n"                   \
    "3,guangzhou,1950-01-15,male60,360,1,0,0,0,0,retired,4000\n"

static const struct {
    const char *id, *scheme;
    const char *kv[9]; /* name, value, ...; NULL-terminated */
} projections[] = {
    {"fund", "fund_projection", {NULL}},
    {"members-expected", "member_projection", {"members", GATE_MEMBERS, "threads", "1", NULL}},
    {"members-stochastic-economy", "member_projection",
     {"members", GATE_MEMBERS, "economy", "stochastic", "path", "3", "threads", "1", NULL}},
    {"generated-monte-carlo", "member_projection",
     {"mode", "monte_carlo", "seed", "7", "path", "2", "threads", "1", NULL}},
    {"generated-monte-carlo-2-threads", "member_projection",
     {"mode", "monte_carlo", "seed", "7", "path", "2", "threads", "2", NULL}},
    {"paths", "stochastic_projection", {"paths", "6", "seed", "20201", "threads", "1", NULL}},
    {"paths-2-threads", "stochastic_projection",
     {"paths", "6", "seed", "20201", "threads", "2", NULL}},
    {"replay-path-4", "stochastic_projection", {"path", "4", "seed", "20201", NULL}},
};

int gate_projections(gate_rows *out)
{
    char path[1024];
    memset(out, 0, sizeof *out);
    char *scenario = vec_slurp(vec_path("LIBSI_VECTORS", "../gates/projection.yaml", path,
                                        sizeof path));
    if (!scenario) {
        fprintf(stderr, "gate: cannot read %s (LIBSI_VECTORS?)\n", path);
        return -1;
    }
    size_t cap = 0, n = sizeof projections / sizeof projections[0];
    for (size_t i = 0; i < n; i++) {
        gate_row r = {projections[i].scheme, "gates/projection.yaml", (int)i + 1,
                      xstrdup(projections[i].id), true, 0, NULL, NULL};
        r.names = xmalloc(5 * sizeof *r.names);
        r.values = xmalloc(5 * sizeof *r.values);
        r.names[r.n] = xstrdup("scenario");
        r.values[r.n++] = xstrdup(scenario);
        for (const char *const *kv = projections[i].kv; kv[0]; kv += 2) {
            r.names[r.n] = xstrdup(kv[0]);
            r.values[r.n++] = xstrdup(kv[1]);
        }
        add_row(out, &cap, &r);
    }
    free(scenario);
    return 0;
}

void gate_free(gate_rows *rows)
{
    for (size_t i = 0; i < rows->n; i++) {
        gate_row *r = &rows->row[i];
        for (size_t k = 0; k < r->n; k++) {
            free((char *)r->names[k]);
            free((char *)r->values[k]);
        }
        free(r->names);
        free(r->values);
        free((char *)r->id);
    }
    for (size_t i = 0; i < rows->n_files; i++) {
        free(rows->files[i]);
        free(rows->schemes[i]);
    }
    free(rows->files);
    free(rows->schemes);
    free(rows->row);
    memset(rows, 0, sizeof *rows);
}

int gate_case(libsi_ctx *ctx, const gate_row *row, libsi_case **out)
{
    libsi_case *c = NULL;
    int rc = libsi_case_new(ctx, &c);
    for (size_t i = 0; rc == 0 && i < row->n; i++)
        rc = libsi_case_set(ctx, c, row->names[i], row->values[i]);
    if (rc != 0) {
        libsi_case_free(c);
        c = NULL;
    }
    *out = c;
    return rc;
}

static void reserve(gate_buf *b, size_t more)
{
    if (b->len + more + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        fprintf(stderr, "gate: out of memory\n");
        exit(2);
    }
    b->p = p;
    b->cap = cap;
}

void gate_put(gate_buf *b, const char *s)
{
    size_t n = strlen(s);
    reserve(b, n);
    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}

void gate_putf(gate_buf *b, const char *fmt, ...)
{
    va_list ap;
    char probe[1];
    if (!fmt) /* never; tells gcc 12 under -fsanitize=address it is not NULL */
        return;
    va_start(ap, fmt);
    int n = vsnprintf(probe, sizeof probe, fmt, ap);
    va_end(ap);
    reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void gate_put_json_string(gate_buf *b, const char *s)
{
    gate_put(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            gate_putf(b, "\\%c", *p);
        else if (*p == '\n')
            gate_put(b, "\\n");
        else if (*p == '\t')
            gate_put(b, "\\t");
        else if (*p < 0x20)
            gate_putf(b, "\\u%04x", *p);
        else {
            char ch[2] = {(char)*p, 0};
            gate_put(b, ch);
        }
    }
    gate_put(b, "\"");
}

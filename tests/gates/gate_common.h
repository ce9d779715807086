/*
 * Shared by the CI gates (tests/gates/, docs/testing.md "Gates"): every
 * calculation vector row, read the way tests/test_calc_vectors.c reads it.
 *
 * The list of (scheme, vector file) pairs is the one in tests/meson.build
 * (calc_vector_files), written by meson to <build>/tests/gate_vectors.list,
 * one "SCHEME<TAB>FILE" per line; the files are under $LIBSI_VECTORS.
 */
#ifndef LIBSI_TESTS_GATE_COMMON_H
#define LIBSI_TESTS_GATE_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "libsi.h"

typedef struct gate_row {
    const char *scheme;
    const char *file;      /* relative to $LIBSI_VECTORS */
    int line;              /* 1-based line in the file */
    const char *id;        /* the row's id column, or "" */
    bool expect_ok;        /* the row's error column is "-" */
    size_t n;              /* inputs given (a "-" cell is absent) */
    const char **names;
    const char **values;   /* JSON string literals already decoded */
} gate_row;

typedef struct gate_rows {
    gate_row *row;
    size_t n;
    size_t n_files;
    char **files;          /* per file: its scheme and path (for the table runs) */
    char **schemes;
} gate_rows;

/* Read every row of every file in the list; 0 or -1 (message on stderr). */
int gate_load(const char *list_path, gate_rows *out);
void gate_free(gate_rows *rows);

/* The projections no vector file holds (fund_projection, member_projection,
 * stochastic_projection):
 * small runs of tests/gates/projection.yaml ($LIBSI_VECTORS/../gates/), its text
 * given as the scenario (so the results do not name a checkout path).  A row whose
 * `threads` input is not "1" runs worker threads (golden corpus only; the
 * allocation-failure gate takes the one-thread rows).  0 or -1 (message on
 * stderr); free with gate_free(). */
int gate_projections(gate_rows *out);

/* A case holding the row's inputs; 0 or the libsi error. */
int gate_case(libsi_ctx *ctx, const gate_row *row, libsi_case **out);

/* Append `s` to `buf` as a JSON string literal (UTF-8 kept, controls escaped). */
typedef struct gate_buf {
    char *p;
    size_t len, cap;
} gate_buf;
void gate_put(gate_buf *b, const char *s);
void gate_putf(gate_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void gate_put_json_string(gate_buf *b, const char *s);

#endif

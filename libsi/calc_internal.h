/*
 * The calculation framework shared by every scheme: checked inputs, rule
 * parameters read with provenance, trace steps, named roundings and outputs.
 * A scheme file (contributions.c, ...) declares its schema and a run function
 * made of one function per statutory step.
 */
#ifndef LIBSI_CALC_INTERNAL_H
#define LIBSI_CALC_INTERNAL_H

#include "json.h"
#include "ruleset_internal.h"

struct libsi_case {
    lsi_arena arena;
    size_t n;
    const char *names[256];
    const char *values[256];
};

typedef struct lsi_calc lsi_calc;

typedef struct lsi_scheme {
    const char *name;
    const char *description;
    const libsi_field *inputs;
    size_t n_inputs;
    const libsi_field *outputs;
    size_t n_outputs;
    int (*run)(lsi_calc *k);
} lsi_scheme;

struct libsi_result {
    lsi_arena arena;
    const lsi_scheme *scheme;
    const char **values;   /* outputs in schema order, NULL until set */
    lsi_json *inputs;      /* object: canonical input values */
    lsi_json *trace;       /* array of step objects */
    unsigned flags;
    char ruleset[65];
    char hash[65];
};

struct lsi_calc {
    libsi_ctx *ctx;
    const libsi_ruleset *rs;
    const lsi_scheme *scheme;
    const libsi_case *c;
    libsi_result *res;
    const lsi_jurisdiction *place; /* from the input "city", when the scheme has it */
    int known_on;                  /* YYYYMMDD or 0 */
    bool carry_forward;
    lsi_json *step;                /* the step being recorded */
    bool oom;
};

const lsi_scheme *lsi_scheme_find(const char *name);
const lsi_scheme *lsi_scheme_at(size_t i);

/* ---- inputs (already checked against the schema when these run) ---- */
const char *lsi_in_text(lsi_calc *k, const char *name); /* NULL when absent */
bool lsi_in_present(lsi_calc *k, const char *name);
int lsi_in_dec(lsi_calc *k, const char *name, lsi_dec *out);
int lsi_in_int(lsi_calc *k, const char *name, int64_t *out);
int lsi_in_month(lsi_calc *k, const char *name, int *month_index);
int lsi_in_date(lsi_calc *k, const char *name, int *ymd);
int lsi_in_bool(lsi_calc *k, const char *name, bool *out);
/* Index of the value among the field's choices. */
int lsi_in_choice(lsi_calc *k, const char *name, int *index);
/* An input that passed the schema but breaks a rule (names the field). */
int lsi_in_invalid(lsi_calc *k, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- rule parameters ---- */
/* Read a rule value in force on `date` (YYYYMMDD) for the case's place and
 * record it, with provenance, in the current step. */
int lsi_param(lsi_calc *k, const char *name, int date, lsi_dec *out);

/* The rule value, or the case's input of that name when given (flagged as
 * an override); the error names the input when neither exists. */
int lsi_param_or_input(lsi_calc *k, const char *name, int date, const char *input, lsi_dec *out);

/* ---- trace ---- */
void lsi_step(lsi_calc *k, const char *id, const char *title, const char *basis,
              const char *formula);
void lsi_step_value(lsi_calc *k, const char *label, lsi_dec v);
void lsi_step_text(lsi_calc *k, const char *label, const char *text);
void lsi_step_note(lsi_calc *k, const char *note);
void lsi_step_flag(lsi_calc *k, unsigned flag);
/* Exact result of a step that needs no rounding. */
void lsi_step_result(lsi_calc *k, lsi_dec v);
/* Round `exact` by the named rule and record exact value, rule, result and
 * residue (result − exact). */
int lsi_step_round(lsi_calc *k, lsi_dec exact, const lsi_rounding *rule, lsi_dec *out);

/* Round the exact quotient num / den once by the named rule and record it. */
int lsi_step_round_div(lsi_calc *k, lsi_dec num, lsi_dec den, const lsi_rounding *rule,
                       lsi_dec *out);

/* ---- outputs ---- */
int lsi_out_dec(lsi_calc *k, const char *name, lsi_dec v);
int lsi_out_text(lsi_calc *k, const char *name, const char *text);
int lsi_out_month(lsi_calc *k, const char *name, int month_index); /* "YYYY-MM" */

/* Explanation rendering (explain.c). */
char *lsi_explain(const libsi_allocator *a, const libsi_result *r);

#endif

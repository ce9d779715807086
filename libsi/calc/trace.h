/*
 * The typed trace of a calculation: steps (with child steps for a
 * sub-calculation), each holding its legal basis, the rule values it read
 * (pointers into the ruleset, which the result keeps alive), labelled values,
 * the exact value before rounding, the rounding rule, result and residue.
 * Appends are O(1) (tail pointers, arena memory); decimals stay typed and are
 * formatted only when the trace is rendered to canonical JSON or to the
 * explanation, both from this one structure.
 */
#ifndef LIBSI_TRACE_H
#define LIBSI_TRACE_H

#include "i18n.h"
#include "ruleset_internal.h"
#include "step_tables.h" /* generated from data/steps */

typedef struct lsi_tvalue {
    const char *label;
    const char *text;       /* NULL: `dec` */
    lsi_dec dec;
    struct lsi_tvalue *next;
} lsi_tvalue;

typedef struct lsi_tparam {
    const lsi_rule *rule;
    bool carried_forward;
    struct lsi_tparam *next;
} lsi_tparam;

typedef struct lsi_tflag {
    unsigned flag;
    struct lsi_tflag *next;
} lsi_tflag;

/* What a step holds beyond its header; each set once more replaces it. */
enum {
    LSI_T_RESULT = 1, LSI_T_EXACT = 2, LSI_T_ROUNDING = 4, LSI_T_RESIDUE = 8,
    LSI_T_RATIO = 16, LSI_T_NOTE = 32
};

typedef struct lsi_tstep {
    const char *id, *title, *basis, *formula, *note;
    const lsi_step_def *def;      /* the catalogue's step, when opened from it: its
                                   * members are written as they were compiled */
    const lsi_rounding *rounding;
    unsigned has;
    lsi_dec result, exact, residue, ratio_num, ratio_den;
    lsi_tvalue *values, **values_tail;
    size_t n_values;
    lsi_tparam *params, **params_tail;
    lsi_tflag *flags, **flags_tail;
    struct lsi_tstep *children, **children_tail;
    struct lsi_tstep *next;
} lsi_tstep;

typedef struct lsi_trace {
    lsi_arena *arena;
    lsi_tstep *steps, **steps_tail;
    bool oom;
} lsi_trace;

void lsi_trace_init(lsi_trace *t, lsi_arena *arena);
/* Open a step at the top level (parent NULL) or under `parent`.  The four
 * texts must have static storage (they are kept by address); labels, text
 * values and notes are copied. */
lsi_tstep *lsi_trace_step(lsi_trace *t, lsi_tstep *parent, const char *id, const char *title,
                          const char *basis, const char *formula);
void lsi_trace_value(lsi_trace *t, lsi_tstep *s, const char *label, const char *text,
                     lsi_dec dec);
void lsi_trace_param(lsi_trace *t, lsi_tstep *s, const lsi_rule *r, bool carried_forward);
void lsi_trace_flag(lsi_trace *t, lsi_tstep *s, unsigned flag);
void lsi_trace_note(lsi_trace *t, lsi_tstep *s, const char *note);

/* Canonical JSON of the step list (an array), as the result JSON holds it. */
void lsi_trace_json(lsi_sb *sb, const lsi_tstep *steps);
/* A rendering's language, its lookups cached by address, and the number of
 * the first step that raised each flag bit (issue #17). */
typedef struct lsi_render {
    lsi_i18n_cache tr;
    char flag_step[32][64];
} lsi_render;
void lsi_render_init(lsi_render *rd, libsi_lang lang);
/* How many times step s read p's rule value when p is the first line of
 * it, else 0 (a monthly history reads one rate for every month: the
 * renderings show it once, "(×120)"). */
size_t lsi_trace_param_reads(const lsi_tstep *s, const lsi_tparam *p);
/* The place of a rule value as the forms name it: 广州市 440100, 广东省, 全国. */
void lsi_trace_place(int32_t code, char buf[48]);

/* A step's outcome as text, for the renderings. */
typedef struct lsi_outcome_text {
    char exact[LIBSI_DECIMAL_MAX + 1], result[LIBSI_DECIMAL_MAX + 1], residue[LIBSI_DECIMAL_MAX + 1];
} lsi_outcome_text;
/* Format the outcome of step s into o: LSI_T_ROUNDING (exact, result and
 * residue, "" when the step has none), LSI_T_RESULT (result only) or 0
 * (nothing to show). */
unsigned lsi_trace_outcome(const lsi_tstep *s, lsi_outcome_text *o);
/* The number of the n-th step under `prefix` (NULL: top level): "n" or
 * "prefix.n", as the renderings show it. */
void lsi_trace_number(char number[64], const char *prefix, size_t n);

/* The steps of the explanation, numbered from 1 ("[n]", children "[n.m]"),
 * in rd's language; fills rd->flag_step. */
void lsi_trace_explain(lsi_sb *sb, const lsi_tstep *steps, lsi_render *rd);
/* Only rd->flag_step, for a rendering that numbers the steps itself
 * (call with prefix NULL). */
void lsi_trace_flag_steps(const lsi_tstep *steps, const char *prefix, lsi_render *rd);

#endif

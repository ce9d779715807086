/*
 * The internal layers through their own interfaces (issue #12, branch
 * coverage): the typed trace and its two renderings, the calculation
 * framework's typed inputs, parameters, outputs and sub-calculations on a
 * scheme made for the test, and the core helpers (translation of messages,
 * arena, string builder).  Each case asserts the exact text, value or error
 * (code and field) the branch produces; a failing allocator reaches the
 * out-of-memory paths, which no valid input can.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "calc_internal.h"
#include "actuarial_internal.h"
#include "exact.h"
#include "i18n.h"
#include "mortality.h"
#include "pension_internal.h"
#include "result.h"
#include "json.h"
#include "yaml_tree.h"

/* ------------------------------------------------------------ allocator */

/* malloc/realloc counted, failing from the `fail_at`-th call on (0: never). */
typedef struct failing {
    long calls, fail_at;
} failing;

static void *f_malloc(void *opaque, size_t n)
{
    failing *f = opaque;
    if (++f->calls >= f->fail_at && f->fail_at)
        return NULL;
    return malloc(n);
}

static void *f_realloc(void *opaque, void *p, size_t n)
{
    failing *f = opaque;
    if (++f->calls >= f->fail_at && f->fail_at)
        return NULL;
    return realloc(p, n);
}

static void f_free(void *opaque, void *p)
{
    (void)opaque;
    free(p);
}

static libsi_allocator failing_alloc(failing *f)
{
    libsi_allocator a = LIBSI_ALLOCATOR_INIT;
    a.malloc = f_malloc;
    a.realloc = f_realloc;
    a.free = f_free;
    a.opaque = f;
    return a;
}

/* ---------------------------------------------------------------- trace */

/* A rule value as the ruleset holds it, with the texts the renderings show. */
static lsi_rule test_rule(const char *name, int32_t jurisdiction)
{
    lsi_rule r;
    memset(&r, 0, sizeof r);
    r.name = name;
    r.jurisdiction = jurisdiction;
    r.value = (lsi_dec){25, 2};
    strcpy(r.value_text, "0.25");
    strcpy(r.from_text, "2025-01-01");
    strcpy(r.to_text, "2025-12-31");
    strcpy(r.published_text, "2024-12-01");
    strcpy(r.jurisdiction_text, "440100");
    return r; /* unit, document, article, confidence, status: NULL */
}

static char *render_json(const lsi_tstep *steps, const libsi_allocator *a)
{
    lsi_sb sb;
    lsi_sb_init(&sb, a);
    lsi_trace_json(&sb, steps);
    return lsi_sb_take(&sb);
}

static char *render_text(const lsi_tstep *steps, const libsi_allocator *a, lsi_render *rd)
{
    lsi_sb sb;
    lsi_sb_init(&sb, a);
    lsi_trace_explain(&sb, steps, rd);
    return lsi_sb_take(&sb);
}

/* A step opened with no texts shows empty ones; a NULL label or text value
 * is kept as ""; a later value of a label replaces the earlier one. */
static void trace_empty_texts_and_repeated_labels(void **state)
{
    (void)state;
    failing f = {0, 0};
    libsi_allocator a = failing_alloc(&f);
    lsi_arena ar;
    lsi_arena_init(&ar, &a);
    lsi_trace t;
    lsi_trace_init(&t, &ar);
    lsi_tstep *s = lsi_trace_step(&t, NULL, NULL, NULL, NULL, NULL);
    assert_non_null(s);
    lsi_trace_value(&t, s, "b", "first", (lsi_dec){0, 0});
    lsi_trace_value(&t, s, "a", NULL, (lsi_dec){150, 2});
    lsi_trace_value(&t, s, "b", "second", (lsi_dec){0, 0});
    lsi_trace_value(&t, s, NULL, "no label", (lsi_dec){0, 0});
    assert_false(t.oom);
    char *json = render_json(t.steps, &a);
    assert_string_equal(json, "[{\"basis\":\"\",\"formula\":\"\",\"step\":\"\",\"title\":\"\","
                              "\"values\":{\"\":\"no label\",\"a\":\"1.50\",\"b\":\"second\"}}]");
    free(json);
    lsi_render rd;
    lsi_render_init(&rd, LIBSI_LANG_EN);
    char *text = render_text(t.steps, &a, &rd);
    /* no formula line for an empty formula */
    assert_string_equal(text, "\n[1] \n    basis:   \n"
                              "     = no label\n    a = 1.50\n    b = second\n");
    free(text);
    lsi_arena_release(&ar);
}

/* Rule values without unit, document, article or confidence; a flag that
 * has no name; a note set empty; a rounding without residue; the place of
 * the nation, the province, a city and an unknown code. */
static void trace_rule_values_flags_and_places(void **state)
{
    (void)state;
    failing f = {0, 0};
    libsi_allocator a = failing_alloc(&f);
    lsi_arena ar;
    lsi_arena_init(&ar, &a);
    lsi_trace t;
    lsi_trace_init(&t, &ar);
    lsi_rule r = test_rule("pension.rate", 999999);
    lsi_tstep *s = lsi_trace_step(&t, NULL, "s", "T", "B", "F");
    lsi_trace_param(&t, s, &r, true);
    lsi_trace_param(&t, s, &r, true);
    lsi_trace_flag(&t, s, 1u << 30);
    lsi_trace_note(&t, s, "");
    s->has |= LSI_T_ROUNDING | LSI_T_EXACT | LSI_T_RESULT;
    s->rounding = &LSI_ROUND_FEN;
    s->exact = (lsi_dec){12345, 3};
    s->result = (lsi_dec){1235, 2};
    /* a rule a kernel makes at run time has no members written beforehand */
    static const lsi_rounding made = {"made \"here\"", LIBSI_ROUND_HALF_UP, 0, "by\\a kernel",
                                      NULL, 0};
    lsi_tstep *s2 = lsi_trace_step(&t, NULL, "s2", "T", "B", "F");
    s2->has |= LSI_T_ROUNDING | LSI_T_EXACT | LSI_T_RESULT;
    s2->rounding = &made;
    s2->exact = (lsi_dec){5, 1};
    s2->result = (lsi_dec){1, 0};
    char *json = render_json(t.steps, &a);
    assert_non_null(strstr(json, "\"rounding\":\"fen_half_up\",\"rounding_basis\":\"money to"));
    assert_non_null(strstr(json, "\"rounding\":\"made \\\"here\\\"\","
                                 "\"rounding_basis\":\"by\\\\a kernel\""));
    assert_non_null(strstr(json, "\"flags\":[\"\"]"));
    assert_non_null(strstr(json, "{\"article\":\"\",\"carried_forward\":\"true\",\"confidence\":\"\","
                                 "\"document\":\"\",\"from\":\"2025-01-01\""));
    assert_non_null(strstr(json, "\"note\":\"\""));
    free(json);
    lsi_render rd;
    lsi_render_init(&rd, LIBSI_LANG_EN);
    char *text = render_text(t.steps, &a, &rd);
    assert_non_null(strstr(text, "      pension.rate = 0.25  (×2)  [999999,  ; in force "
                                 "2025-01-01..2025-12-31; conf. ; CARRIED FORWARD]\n"));
    assert_non_null(strstr(text, "    exact 12.345, rounded by fen_half_up → 12.35 (residue )\n"));
    assert_non_null(strstr(text, "    flag: \n"));
    assert_null(strstr(text, "note:")); /* an empty note is not shown */
    assert_string_equal(rd.flag_step[3], "1"); /* carried forward, from the rule */
    assert_string_equal(rd.flag_step[30], "1");
    free(text);
    char place[48];
    lsi_trace_place(0, place);
    assert_string_equal(place, "全国");
    lsi_trace_place(440000, place);
    assert_string_equal(place, "广东省");
    lsi_trace_place(440100, place);
    assert_string_equal(place, "广州市 440100");
    lsi_trace_place(999999, place);
    assert_string_equal(place, "999999");
    lsi_arena_release(&ar);
}

/* Children numbered under their parent ("[1.1]"), indented at most 10
 * levels deep; lsi_trace_flag_steps numbers the same way. */
static void trace_deep_children(void **state)
{
    (void)state;
    failing f = {0, 0};
    libsi_allocator a = failing_alloc(&f);
    lsi_arena ar;
    lsi_arena_init(&ar, &a);
    lsi_trace t;
    lsi_trace_init(&t, &ar);
    lsi_tstep *parent = NULL;
    for (int d = 0; d < 12; d++) {
        parent = lsi_trace_step(&t, parent, "d", "deep", "B", "");
        if (d == 11)
            lsi_trace_flag(&t, parent, LIBSI_FLAG_CAPPED);
    }
    lsi_trace_step(&t, NULL, "second", "second", "B", "");
    lsi_render rd;
    lsi_render_init(&rd, LIBSI_LANG_EN);
    char *text = render_text(t.steps, &a, &rd);
    /* level 11 and 12 keep the indent of level 10 (20 spaces) */
    assert_non_null(strstr(text, "\n                    [1.1.1.1.1.1.1.1.1.1.1.1] deep\n"));
    assert_non_null(strstr(text, "\n[2] second\n"));
    assert_string_equal(rd.flag_step[1], "1.1.1.1.1.1.1.1.1.1.1.1");
    free(text);
    lsi_render_init(&rd, LIBSI_LANG_EN);
    lsi_trace_flag_steps(t.steps, NULL, &rd);
    assert_string_equal(rd.flag_step[1], "1.1.1.1.1.1.1.1.1.1.1.1");
    lsi_render_init(&rd, LIBSI_LANG_EN);
    lsi_trace_flag_steps(t.steps, "7", &rd);
    assert_string_equal(rd.flag_step[1], "7.1.1.1.1.1.1.1.1.1.1.1.1");
    lsi_arena_release(&ar);
}

/* More than 32 values are sorted in allocated memory: both renderings list
 * all of them in label order; when that memory cannot be had, the string
 * builder fails (the caller then reports out of memory). */
static void trace_many_values(void **state)
{
    (void)state;
    failing f = {0, 0};
    libsi_allocator a = failing_alloc(&f);
    lsi_arena ar;
    lsi_arena_init(&ar, &a);
    lsi_trace t;
    lsi_trace_init(&t, &ar);
    lsi_tstep *s = lsi_trace_step(&t, NULL, "s", "T", "B", "");
    for (int i = 39; i >= 0; i--) {
        char label[8];
        snprintf(label, sizeof label, "v%02d", i);
        lsi_trace_value(&t, s, label, NULL, lsi_dec_from_int(i));
    }
    char *json = render_json(t.steps, &a);
    assert_non_null(strstr(json, "\"values\":{\"v00\":\"0\",\"v01\":\"1\","));
    assert_non_null(strstr(json, "\"v38\":\"38\",\"v39\":\"39\"}}]"));
    free(json);
    lsi_render rd;
    lsi_render_init(&rd, LIBSI_LANG_EN);
    char *text = render_text(t.steps, &a, &rd);
    assert_non_null(strstr(text, "    v00 = 0\n    v01 = 1\n"));
    assert_non_null(strstr(text, "    v39 = 39\n"));
    free(text);

    /* the builder holds its first 256 bytes; the sort array is the next call */
    lsi_sb sb;
    lsi_sb_init(&sb, &a);
    lsi_sb_append(&sb, "x");
    f.calls = 0;
    f.fail_at = 1;
    lsi_trace_json(&sb, t.steps);
    assert_true(sb.failed);
    assert_null(lsi_sb_take(&sb));
    f.fail_at = 0;
    lsi_sb_init(&sb, &a);
    lsi_sb_append(&sb, "x");
    f.calls = 0;
    f.fail_at = 1;
    lsi_trace_explain(&sb, t.steps, &rd);
    assert_true(sb.failed);
    assert_null(lsi_sb_take(&sb));
    f.fail_at = 0;
    lsi_arena_release(&ar);
}

/* Out of memory while recording: each append is dropped and t->oom set,
 * which the calculation turns into LIBSI_ENOMEM. */
static void trace_out_of_memory(void **state)
{
    (void)state;
    failing f = {0, 0};
    libsi_allocator a = failing_alloc(&f);
    lsi_arena ar;
    lsi_arena_init(&ar, &a);
    lsi_trace t;
    lsi_trace_init(&t, &ar);
    lsi_tstep *s = lsi_trace_step(&t, NULL, "s", "T", "B", "F");
    assert_non_null(s);
    /* every allocation from here fails: use up the arena's chunk */
    f.fail_at = f.calls + 1;
    while (lsi_arena_alloc(&ar, 16))
        ;
    char big[64];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    size_t n_values = s->n_values;
    lsi_trace_value(&t, s, "lost", "lost", (lsi_dec){0, 0});
    lsi_trace_flag(&t, s, LIBSI_FLAG_ROUNDED);
    lsi_rule r = test_rule("x", 0);
    lsi_trace_param(&t, s, &r, false);
    assert_null(lsi_trace_step(&t, s, "c", "child", "B", ""));
    assert_true(t.oom);
    assert_int_equal(s->n_values, n_values);
    assert_null(s->flags);
    assert_null(s->params);
    assert_null(s->children);
    /* a note whose copy fails is kept empty */
    t.oom = false;
    lsi_trace_note(&t, s, big);
    assert_true(t.oom);
    assert_string_equal(s->note, "");
    f.fail_at = 0;
    lsi_arena_release(&ar);
}

/* --------------------------------------------------- calculation framework */

/* A scheme made for the test: one input of each type (and the context
 * inputs), one output of each kind; its kernel does nothing. */
static const libsi_field demo_in[] = {
    /* the context rows every schema shares (data/schemas/common.tsv), city optional here */
    {"city", LIBSI_TYPE_TEXT, "", "", 0, "", "city", "rule data", "", ""},
    {"known_on", LIBSI_TYPE_DATE, "", "", 0, "", "rule values published by this date", "—", "",
     ""},
    {"carry_forward", LIBSI_TYPE_BOOL, "", "", 0, "false", "carry the last value forward", "—",
     "", ""},
    {"d", LIBSI_TYPE_DECIMAL, "yuan", "", 0, "", "a decimal", "-", "", ""},
    {"i", LIBSI_TYPE_INTEGER, "", "", 0, "", "a whole number", "-", "", ""},
    {"m", LIBSI_TYPE_MONTH, "", "", 0, "", "a month", "-", "", ""},
    {"dt", LIBSI_TYPE_DATE, "", "", 0, "", "a date", "-", "", ""},
    {"e", LIBSI_TYPE_ENUM, "", "a|b|c", 0, "b", "a choice", "-", "", ""},
    {"b", LIBSI_TYPE_BOOL, "", "", 0, NULL, "a flag", "-", "", ""},
    {"l", LIBSI_TYPE_LIST, "", "x|y", 0, "", "a list", "-", "", ""},
    {"t", LIBSI_TYPE_TEXT, "", "", 0, "", "a text", "-", "", ""},
    {"j", LIBSI_TYPE_JSON, "", "", 0, "", "a document", "-", "", ""},
    {"none", LIBSI_TYPE_ENUM, "", "", 0, "", "a choice among none", "-", "", ""},
};
static const libsi_field demo_out[] = {
    {"o_dec", LIBSI_TYPE_DECIMAL, "yuan", "", 0, "", "a decimal", "-", "", ""},
    {"o_text", LIBSI_TYPE_TEXT, "", "", 0, "", "a text", "-", "", ""},
    {"o_month", LIBSI_TYPE_MONTH, "", "", 0, "", "a month", "-", "", ""},
    {"o_age", LIBSI_TYPE_TEXT, "", "", 0, "", "an age", "-", "", ""},
};
#define N_IN (sizeof demo_in / sizeof demo_in[0])
#define N_OUT (sizeof demo_out / sizeof demo_out[0])

static int demo_run(lsi_calc *k)
{
    return lsi_out_dec(k, "o_dec", (lsi_dec){1, 0});
}

static const lsi_scheme demo = {"demo", "a scheme for the test", demo_in, N_IN, demo_out, N_OUT,
                                demo_run, NULL};

/* A required input, for a sub-calculation. */
static const libsi_field need_in[] = {
    {"wage", LIBSI_TYPE_DECIMAL, "yuan", "", 1, "", "the wage", "-", "", ""},
};
static const lsi_scheme need = {"need", "a scheme with a required input", need_in, 1, demo_out,
                                N_OUT, demo_run, NULL};

typedef struct fixture {
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    lsi_arena arena;
    lsi_in in[N_IN];
    lsi_out out[N_OUT];
    lsi_trace trace;
    lsi_calc k;
} fixture;

static libsi_ruleset *builtin_rs;

static int calc_setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    if (!fx || libsi_ctx_new(NULL, &fx->ctx) != 0)
        return -1;
    if (!builtin_rs && libsi_ruleset_builtin(fx->ctx, &builtin_rs) != 0)
        return -1;
    fx->rs = builtin_rs;
    lsi_arena_init(&fx->arena, &fx->ctx->alloc);
    lsi_in_defaults(&demo, fx->in);
    lsi_trace_init(&fx->trace, &fx->arena);
    fx->k = (lsi_calc){.ctx = fx->ctx, .rs = fx->rs, .scheme = &demo, .in = fx->in,
                       .out = fx->out, .arena = &fx->arena};
    *state = fx;
    return 0;
}

static int calc_teardown(void **state)
{
    fixture *fx = *state;
    lsi_arena_release(&fx->arena);
    libsi_ctx_free(fx->ctx);
    free(fx);
    return 0;
}

static int slot_of(const char *name)
{
    for (size_t i = 0; i < N_IN; i++)
        if (strcmp(demo_in[i].name, name) == 0)
            return (int)i;
    fail_msg("no input %s", name);
    return -1;
}

/* Give input `name` the text `v` as the edge does; returns the parser's why. */
static const char *give(fixture *fx, const char *name, const char *v)
{
    int i = slot_of(name);
    fx->in[i].given = true;
    return lsi_in_parse(&demo_in[i], v, &fx->in[i]);
}

static void expect_error(fixture *fx, int rc, int code, const char *field, const char *message)
{
    if (rc != code)
        fprintf(stderr, "error %d: %s\n", rc, libsi_ctx_message(fx->ctx));
    assert_int_equal(rc, code);
    assert_int_equal(libsi_ctx_code(fx->ctx), code);
    assert_string_equal(libsi_ctx_field(fx->ctx), field);
    assert_string_equal(libsi_ctx_message(fx->ctx), message);
}

/* The edge parses each type; defaults fill the slots (a NULL or empty
 * default leaves the input absent); a JSON field stays text. */
static void calc_parse_and_defaults(void **state)
{
    fixture *fx = *state;
    lsi_in slot;
    assert_null(lsi_in_parse(&demo_in[slot_of("j")], "{}", &slot));
    assert_false(slot.typed);
    assert_string_equal(lsi_in_parse(&demo_in[slot_of("l")], "x,z", &slot),
                        "a list item is not one of the choices");
    assert_null(lsi_in_parse(&demo_in[slot_of("l")], "y,x", &slot));
    assert_string_equal(lsi_in_parse(&demo_in[slot_of("none")], "a", &slot),
                        "not one of the choices");
    /* an enum cell: the first, the last, none of "a|b|c" (two of them, a
     * prefix, more than one, past the last) */
    assert_null(lsi_in_parse(&demo_in[slot_of("e")], "a", &slot));
    assert_int_equal(slot.v.choice, 0);
    assert_null(lsi_in_parse(&demo_in[slot_of("e")], "c", &slot));
    assert_int_equal(slot.v.choice, 2);
    const char *not_choices[] = {"a|b", "", "ab", "d"};
    for (size_t i = 0; i < sizeof not_choices / sizeof *not_choices; i++)
        assert_string_equal(lsi_in_parse(&demo_in[slot_of("e")], not_choices[i], &slot),
                            "not one of the choices");
    assert_string_equal(lsi_in_parse(&demo_in[slot_of("i")], "1234567890123", &slot),
                        "expected a whole number");
    assert_string_equal(lsi_in_parse(&demo_in[slot_of("i")], "-", &slot),
                        "expected a whole number");
    assert_string_equal(lsi_in_parse(&demo_in[slot_of("b")], "yes", &slot),
                        "expected true or false");
    /* defaults: e = "b" (index 1), carry_forward = false, b (NULL) and d ("") absent */
    assert_true(fx->in[slot_of("e")].typed);
    assert_int_equal(fx->in[slot_of("e")].v.choice, 1);
    assert_string_equal(fx->in[slot_of("carry_forward")].text, "false");
    assert_null(fx->in[slot_of("b")].text);
    assert_null(fx->in[slot_of("d")].text);
    assert_false(lsi_in_present(&fx->k, "d"));
    assert_true(lsi_in_present(&fx->k, "e"));
    /* a name the schema does not have, by pointer or by text */
    assert_null(lsi_in_text(&fx->k, "no such input"));
    assert_null(lsi_in_text(&fx->k, NULL));
    /* every required input given */
    lsi_in need_slot = {0};
    assert_int_equal(lsi_in_required(fx->ctx, &need, &need_slot), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_field(fx->ctx), "wage");
    need_slot.given = true;
    assert_int_equal(lsi_in_required(fx->ctx, &need, &need_slot), 0);
}

/* Each reader: the typed value, an absent input (the error names it), and a
 * field of another type read as this one (its text parsed, or refused). */
static void calc_readers(void **state)
{
    fixture *fx = *state;
    lsi_calc *k = &fx->k;
    lsi_dec d;
    int64_t n;
    int v;
    bool b;
    /* absent */
    expect_error(fx, lsi_in_dec(k, "d", &d), LIBSI_EINPUT, "d",
                 "input 'd' is required with the inputs given (see --help for what it is)");
    expect_error(fx, lsi_in_month(k, "m", &v), LIBSI_EINPUT, "m",
                 "input 'm' is required with the inputs given (see --help for what it is)");
    expect_error(fx, lsi_in_date(k, "dt", &v), LIBSI_EINPUT, "dt",
                 "input 'dt' is required with the inputs given (see --help for what it is)");
    expect_error(fx, lsi_in_choice(k, "none", &v), LIBSI_EINPUT, "none",
                 "input 'none' is required with the inputs given (see --help for what it is)");
    expect_error(fx, lsi_in_int(k, "i", &n), LIBSI_EINPUT, "i",
                 "input 'i' is required with the inputs given (see --help for what it is)");
    assert_int_equal(lsi_in_bool(k, "b", &b), 0);
    assert_false(b);
    /* a text field read as each type: parsed from its text */
    assert_null(give(fx, "t", "12.50"));
    assert_int_equal(lsi_in_dec(k, "t", &d), 0);
    assert_int_equal(lsi_dec_cmp(d, (lsi_dec){1250, 2}), 0);
    assert_int_equal(lsi_in_month(k, "t", &v), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_message(fx->ctx), "input 't' = '12.50': expected YYYY-MM");
    assert_int_equal(lsi_in_date(k, "t", &v), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_message(fx->ctx), "input 't' = '12.50': expected a date");
    assert_int_equal(lsi_in_bool(k, "t", &b), 0);
    assert_false(b);
    assert_null(give(fx, "t", "2025-08"));
    assert_int_equal(lsi_in_month(k, "t", &v), 0);
    assert_int_equal(v, 2025 * 12 + 7);
    assert_int_equal(lsi_in_date(k, "t", &v), 0);
    assert_int_equal(v, 20250801);
    expect_error(fx, lsi_in_dec(k, "t", &d), LIBSI_EINPUT, "t",
                 "input 't' = '2025-08': invalid decimal");
    assert_null(give(fx, "t", "true"));
    assert_int_equal(lsi_in_bool(k, "t", &b), 0);
    assert_true(b);
    /* a choice read from a list field's text, and from a text not among them */
    assert_null(give(fx, "l", "y"));
    assert_int_equal(lsi_in_choice(k, "l", &v), 0);
    assert_int_equal(v, 1);
    assert_null(give(fx, "l", "x,y"));
    expect_error(fx, lsi_in_choice(k, "l", &v), LIBSI_EINPUT, "l",
                 "input 'l' = 'x,y': not one of x|y");
    assert_int_equal(lsi_in_choice(k, "e", &v), 0);
    assert_int_equal(v, 1);
    /* typed values */
    assert_null(give(fx, "i", "-42"));
    assert_int_equal(lsi_in_int(k, "i", &n), 0);
    assert_int_equal(n, -42);
    assert_null(give(fx, "d", "99999999999999999999"));
    expect_error(fx, lsi_in_int(k, "d", &n), LIBSI_ERANGE, "d", /* beyond int64 */
                 "input 'd': too large for a count (at most 18 digits before the point)");
    assert_null(give(fx, "b", "true"));
    assert_int_equal(lsi_in_bool(k, "b", &b), 0);
    assert_true(b);
    /* a name the schema lacks reads as absent */
    expect_error(fx, lsi_in_month(k, "nope", &v), LIBSI_EINPUT, "nope",
                 "input 'nope' is required with the inputs given (see --help for what it is)");
    expect_error(fx, lsi_in_date(k, "nope", &v), LIBSI_EINPUT, "nope",
                 "input 'nope' is required with the inputs given (see --help for what it is)");
    expect_error(fx, lsi_in_choice(k, "nope", &v), LIBSI_EINPUT, "nope",
                 "input 'nope' is required with the inputs given (see --help for what it is)");
    b = true;
    assert_int_equal(lsi_in_bool(k, "nope", &b), 0);
    assert_false(b);
    /* a typed field of another type: its text parsed as the type asked for */
    assert_null(give(fx, "dt", "2025-08-15"));
    assert_null(give(fx, "m", "2025-09"));
    assert_int_equal(lsi_in_date(k, "m", &v), 0);
    assert_int_equal(v, 20250901);
    expect_error(fx, lsi_in_month(k, "dt", &v), LIBSI_EINPUT, "dt",
                 "input 'dt' = '2025-08-15': expected YYYY-MM");
    expect_error(fx, lsi_in_dec(k, "e", &d), LIBSI_EINPUT, "e", "input 'e' = 'b': invalid decimal");
    b = true;
    assert_int_equal(lsi_in_bool(k, "e", &b), 0);
    assert_false(b);
    assert_null(give(fx, "b", "false"));
    expect_error(fx, lsi_in_choice(k, "b", &v), LIBSI_EINPUT, "b",
                 "input 'b' = 'false': not one of ");
    /* lsi_in_invalid names an input the schema lacks without a value, and
     * shows the given text of a canonicalised one */
    expect_error(fx, lsi_in_invalid(k, "elsewhere", "because %d", 7), LIBSI_EINPUT, "elsewhere",
                 "input 'elsewhere': because 7");
    int di = slot_of("d");
    fx->in[di].raw = "0099999999999999999999";
    expect_error(fx, lsi_in_invalid(k, "d", "no"), LIBSI_EINPUT, "d",
                 "input 'd' = '0099999999999999999999': no");
}

/* The resolution cache: values read through it equal the lookups; a frame
 * holds at most LSI_FRAME_NAMES_MAX names (the rest are looked up each
 * time); more than LSI_RULE_FRAMES_MAX frames start the cache over, and the
 * generation counter wraps to 1 (all of memory cleared). */
static void calc_rule_cache(void **state)
{
    fixture *fx = *state;
    lsi_calc *k = &fx->k;
    lsi_rule_cache *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->gen = 1;
    k->rules = c;
    assert_int_equal(lsi_jurisdiction_find(fx->ctx, "guangzhou", "city", &k->place), 0);
    size_t read = 0, failed = 0;
    const char *last = "";
    for (size_t i = 0; i < fx->rs->n; i++) {
        const char *name = fx->rs->rules[i].name;
        if (strcmp(name, last) == 0)
            continue;
        last = name;
        lsi_query q = {name, k->place, 20250101, 0, false};
        const lsi_rule *want;
        unsigned flags;
        int want_rc = lsi_rule_find(fx->ctx, fx->rs, &q, &want, &flags);
        lsi_dec v;
        for (int twice = 0; twice < 2; twice++) {
            int rc = lsi_param_static(k, name, 20250101, &v);
            assert_int_equal(rc, want_rc);
            if (rc == 0)
                assert_int_equal(lsi_dec_cmp(v, want->value), 0);
        }
        want_rc == 0 ? read++ : failed++;
    }
    assert_true(read > LSI_FRAME_NAMES_MAX);
    assert_true(failed > 0);
    assert_int_equal(c->last->n, LSI_FRAME_NAMES_MAX);
    /* frames: one per date; the 97th starts the cache over */
    c->gen = UINT32_MAX;
    c->last = NULL;
    lsi_dec v, first;
    assert_int_equal(lsi_param(k, "labour.minimum_working_age", 20000101, &first), 0);
    for (int day = 1; day <= LSI_RULE_FRAMES_MAX; day++) {
        assert_int_equal(lsi_param(k, "labour.minimum_working_age", 20000101 + 10000 * (day / 28) +
                                   day % 28 + 1, &v), 0);
        assert_int_equal(lsi_dec_cmp(v, first), 0);
    }
    assert_int_equal(c->gen, 1); /* wrapped past UINT32_MAX */
    assert_int_equal(c->used, 1);
    assert_int_equal(lsi_dec_cmp(first, lsi_dec_from_int(16)), 0);
    k->rules = NULL;
    free(c);
}

/* The name cache keys by address: names of equal text at other addresses
 * each take a slot until 3/4 of the slots are in use; later ones are found
 * by scanning, with the same slot. */
static void calc_name_cache(void **state)
{
    fixture *fx = *state;
    lsi_calc *k = &fx->k;
    static char names[LSI_NAME_SLOTS][4];
    lsi_name_cache *c = calloc(1, sizeof *c);
    assert_non_null(c);
    k->in_names = c;
    assert_null(give(fx, "t", "text"));
    for (size_t i = 0; i < LSI_NAME_SLOTS; i++) {
        strcpy(names[i], "t");
        assert_string_equal(lsi_in_text(k, names[i]), "text");
        assert_string_equal(lsi_in_text(k, names[i]), "text");
    }
    assert_int_equal(c->n, LSI_NAME_SLOTS * 3 / 4);
    assert_null(lsi_in_text(k, "no such input"));
    k->in_names = NULL;
    free(c);
}

/* A rule value or the case's override of it. */
static void calc_param_or_input(void **state)
{
    fixture *fx = *state;
    lsi_calc *k = &fx->k;
    lsi_dec v;
    /* neither the data nor the case: the error names the input */
    k->place = lsi_jurisdiction_by_code(0);
    expect_error(fx, lsi_param_or_input(k, "no.such.rule", 20250101, "d", &v), LIBSI_ENOTFOUND,
                 "d", "rule value 'no.such.rule' for nation on 2025-01-01 is not in the rule "
                 "data; give input 'd'");
    k->place = lsi_jurisdiction_by_code(440100);
    expect_error(fx, lsi_param_or_input(k, "no.such.rule", 20250101, "d", &v), LIBSI_ENOTFOUND,
                 "d", "rule value 'no.such.rule' for guangzhou on 2025-01-01 is not in the rule "
                 "data; give input 'd'");
    /* the rule value when the case does not give it */
    assert_int_equal(lsi_param_or_input(k, "labour.minimum_working_age", 20250101, "d", &v), 0);
    assert_int_equal(lsi_dec_cmp(v, lsi_dec_from_int(16)), 0);
    assert_false(k->flags & LIBSI_FLAG_OVERRIDE);
    /* the case's value, flagged as an override (recorded in the step) */
    assert_null(give(fx, "d", "-1"));
    expect_error(fx, lsi_param_or_input(k, "labour.minimum_working_age", 20250101, "d", &v),
                 LIBSI_EINPUT, "d", "input 'd' = '-1': must not be negative");
    assert_null(give(fx, "d", "15"));
    k->trace = &fx->trace;
    lsi_step_static(k, "s", "T", "B", "F");
    assert_int_equal(lsi_param_or_input(k, "labour.minimum_working_age", 20250101, "d", &v), 0);
    assert_int_equal(lsi_dec_cmp(v, lsi_dec_from_int(15)), 0);
    assert_true(k->flags & LIBSI_FLAG_OVERRIDE);
    assert_string_equal(k->step->note,
                        "override: the case gives this value instead of the rule data");
    assert_null(give(fx, "t", "x"));
    expect_error(fx, lsi_param_or_input(k, "labour.minimum_working_age", 20250101, "t", &v),
                 LIBSI_EINPUT, "t", "input 't' = 'x': invalid decimal");
    /* as known on a date: the rule and its step line */
    const lsi_rule *r = NULL;
    assert_int_equal(lsi_param_as_known(k, "labour.minimum_working_age", 20250101, 0, &v, &r), 0);
    assert_non_null(r);
    assert_int_equal(lsi_param_as_known(k, "labour.minimum_working_age", 20250101, 0, &v, NULL), 0);
    assert_int_equal(lsi_dec_cmp(v, lsi_dec_from_int(16)), 0);
    assert_non_null(k->step->params);
    assert_int_not_equal(lsi_param_as_known(k, "no.such.rule", 20250101, 0, &v, NULL), 0);
}

/* The plausibility checks: each side of a rule range, the message showing the
 * value as the caller wrote it only when it is the value checked. */
static void calc_bounds(void **state)
{
    fixture *fx = *state;
    lsi_calc *k = &fx->k;
    lsi_dec v;
    const lsi_rule *r = NULL;
    /* no place: the nation's bound */
    assert_int_equal(lsi_bound(k, "pension.average_index.max", 20250101, &v, &r), 0);
    assert_string_equal(r->value_text, "3");
    assert_int_not_equal(lsi_bound(k, "no.such.bound", 20250101, &v, NULL), 0);
    /* no bound on a side: that side is not checked */
    assert_int_equal(lsi_check_rule_range(k, "d", lsi_dec_from_int(100), NULL, NULL, 20250101), 0);
    assert_int_equal(lsi_check_rule_range(k, "d", lsi_dec_from_int(-5), NULL,
                                          "pension.average_index.max", 20250101), 0);
    assert_int_equal(lsi_check_rule_range(k, "d", lsi_dec_from_int(100),
                                          "pension.average_index.min", NULL, 20250101), 0);
    /* above: the value is the input's own (written 04.0), so its text is shown */
    assert_null(give(fx, "d", "04.0"));
    assert_int_equal(lsi_check_rule_range(k, "d", (lsi_dec){40, 1}, "pension.average_index.min",
                                          "pension.average_index.max", 20250101), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_field(fx->ctx), "d");
    assert_non_null(strstr(libsi_ctx_message(fx->ctx),
                           "input 'd' = '04.0' is above the maximum 3 (rule value "
                           "pension.average_index.max: "));
    /* a value derived from the input (not equal to it): the value is shown */
    assert_int_equal(lsi_check_rule_range(k, "d", (lsi_dec){5, 2}, "pension.average_index.min",
                                          NULL, 20250101), LIBSI_ERANGE);
    assert_non_null(strstr(libsi_ctx_message(fx->ctx),
                           "input 'd' = 0.05 is below the minimum 0.18 (rule value "
                           "pension.average_index.min: "));
    /* a bound whose rule names its article: the article follows the document */
    assert_int_equal(lsi_check_rule_range(k, "i", lsi_dec_from_int(17), NULL,
                                          "labour.minimum_working_age", 20250101), LIBSI_ERANGE);
    assert_non_null(strstr(libsi_ctx_message(fx->ctx), " 第十五条, conf. H)"));
    /* an input that is no decimal, an absent one, one the schema lacks */
    assert_null(give(fx, "t", "abc"));
    assert_int_equal(lsi_check_positive(k, "t", lsi_dec_from_int(0), "a count"), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_message(fx->ctx), "input 't' = 0 is not above 0 (a count)");
    assert_int_equal(lsi_check_positive(k, "i", lsi_dec_from_int(-1), "a count"), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_message(fx->ctx), "input 'i' = -1 is not above 0 (a count)");
    assert_int_equal(lsi_check_positive(k, "derived", lsi_dec_from_int(-1), "a count"),
                     LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_field(fx->ctx), "derived");
    assert_int_equal(lsi_check_positive(k, "d", lsi_dec_from_int(1), "a count"), 0);
    /* open range lo < v <= hi */
    assert_int_equal(lsi_check_open_range(k, "d", lsi_dec_from_int(0), 0, 10, "why"), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_message(fx->ctx), "input 'd' = 0 is not above 0 (why)");
    assert_int_equal(lsi_check_open_range(k, "d", lsi_dec_from_int(11), 0, 10, "why"), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_message(fx->ctx), "input 'd' = 11 is above the maximum 10 (why)");
    assert_int_equal(lsi_check_open_range(k, "d", lsi_dec_from_int(10), 0, 10, "why"), 0);
    /* the raw text of a canonicalised input */
    int di = slot_of("d");
    fx->in[di].raw = "004.0";
    assert_int_equal(lsi_check_positive(k, "d", (lsi_dec){-4, 0}, "sign"), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_message(fx->ctx), "input 'd' = -4 is not above 0 (sign)");
    assert_int_equal(lsi_check_positive(k, "d", (lsi_dec){0, 0}, "sign"), LIBSI_ERANGE);
    fx->in[di].text = "0";
    assert_int_equal(lsi_check_positive(k, "d", (lsi_dec){0, 0}, "sign"), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_message(fx->ctx), "input 'd' = '004.0' is not above 0 (sign)");
}

/* Working ages and months: a career bound and a bound up to an event. */
static void calc_working_months(void **state)
{
    fixture *fx = *state;
    lsi_calc *k = &fx->k;
    lsi_months_bound b;
    char why[200];
    assert_int_equal(lsi_working_months(k, 19900615, 2025 * 12, "the retirement month", &b), 0);
    assert_int_equal(b.age, 16 * 12);
    assert_int_equal(b.max, 2025 * 12 - (1990 * 12 + 5 + 16 * 12));
    lsi_months_why(&b, why, sizeof why);
    assert_string_equal(why, "the months from age 16 (2006-06, 《劳动法》第十五条) up to the "
                             "retirement month 2025-01");
    assert_int_equal(lsi_check_months(k, "i", b.max, &b), 0);
    assert_int_equal(lsi_check_months(k, "i", b.max + 1, &b), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_field(fx->ctx), "i");
    /* born after the month: no months at all */
    assert_int_equal(lsi_working_months(k, 20200101, 2025 * 12, "the claim", &b), 0);
    assert_int_equal(b.max, 0);
    b.until_what = NULL;
    b.until = 65 * 12;
    lsi_months_why(&b, why, sizeof why);
    assert_string_equal(why, "a working life from age 16 (《劳动法》第十五条) to 65, the latest "
                             "retirement age (办法第一条 and the 3 years of 第三条)");
    /* before any rule of the minimum age */
    assert_int_not_equal(lsi_working_months(k, 18500101, 1890 * 12, "x", &b), 0);
    int age;
    assert_int_not_equal(lsi_working_age(k, 18900101, &age), 0);
    assert_int_equal(age, 0);
    /* born on or after the event; younger than 16 on it; old enough */
    expect_error(fx, lsi_check_working_age(k, "dt", 20250101, "m", 20250101), LIBSI_ERANGE, "dt",
                 "input 'dt': 2025-01-01 is not before m 2025-01-01: a person is born before "
                 "the events of the case");
    expect_error(fx, lsi_check_working_age(k, "dt", 20100101, "m", 20250101), LIBSI_ERANGE, "dt",
                 "input 'dt': 2010-01-01 makes the person younger than 16 on m 2025-01-01, the "
                 "earliest working age (《劳动法》第十五条)");
    assert_int_equal(lsi_check_working_age(k, "dt", 19900101, "m", 20250101), 0);
    assert_int_not_equal(lsi_check_working_age(k, "dt", 18700101, "m", 18900101), 0);
}

/* Steps: a text value may be NULL (shown empty); a rounding whose residue
 * has no representation keeps none; a rounding or a division out of range
 * is an error naming the rule; division by zero is an input error. */
static void calc_steps_and_roundings(void **state)
{
    fixture *fx = *state;
    lsi_calc *k = &fx->k;
    static const lsi_rounding up_thousand = {"test_up_thousand", LIBSI_ROUND_UP, 3, "test", NULL, 0};
    static const lsi_rounding tens = {"test_tens", LIBSI_ROUND_HALF_UP, 1, "test", NULL, 0};
    lsi_dec out;
    /* without a trace */
    lsi_step_static(k, "s", "T", "B", "F");
    assert_null(k->step);
    lsi_dec nines = {0, 0};
    for (int i = 0; i < LSI_DEC_MAX_DIGITS; i++)
        nines.coef = nines.coef * 10 + 9;
    expect_error(fx, lsi_step_round(k, nines, &tens, &out), LIBSI_ERANGE, "test_tens",
                 "rounding by test_tens: value out of range");
    expect_error(fx, lsi_step_round_div(k, lsi_dec_from_int(1), lsi_dec_from_int(0),
                                        &LSI_ROUND_FEN, &out),
                 LIBSI_EINPUT, "fen_half_up", "rounding by fen_half_up: division by zero");
    /* 10^30 / 1 fits as yuan, not carried to 12 decimals for the trace:
     * the same error with and without a trace */
    lsi_dec big = {1, 0};
    for (int i = 0; i < 30; i++)
        big.coef *= 10;
    expect_error(fx, lsi_step_round_div(k, big, lsi_dec_from_int(1), &LSI_ROUND_YUAN, &out),
                 LIBSI_ERANGE, "yuan_half_up", "rounding by yuan_half_up: value out of range");
    assert_int_equal(lsi_step_round_div(k, lsi_dec_from_int(2), lsi_dec_from_int(3),
                                        &LSI_ROUND_FEN, &out), 0);
    assert_int_equal(lsi_dec_cmp(out, (lsi_dec){67, 2}), 0);
    assert_true(k->flags & LIBSI_FLAG_ROUNDED);
    k->trace = &fx->trace;
    lsi_step_static(k, "s", "T", "B", "F");
    assert_non_null(k->step);
    expect_error(fx, lsi_step_round_div(k, big, lsi_dec_from_int(1), &LSI_ROUND_YUAN, &out),
                 LIBSI_ERANGE, "yuan_half_up", "rounding by yuan_half_up: value out of range");
    lsi_step_text(k, "nothing", NULL);
    assert_string_equal(k->step->values->label, "nothing");
    assert_string_equal(k->step->values->text, "");
    lsi_step_age(k, "age", 60 * 12 + 8);
    lsi_step_month(k, "month", 2025 * 12 + 7);
    assert_string_equal(k->step->values->next->text, "60y8m");
    assert_string_equal(k->step->values->next->next->text, "2025-08");
    /* 10^-36 rounded up to a thousand: residue 999.99… × 10^36 has no
     * coefficient, so the step records exact, rule and result only */
    assert_int_equal(lsi_step_round(k, (lsi_dec){1, 36}, &up_thousand, &out), 0);
    assert_int_equal(lsi_dec_cmp(out, lsi_dec_from_int(1000)), 0);
    assert_int_equal(k->step->has & (LSI_T_EXACT | LSI_T_ROUNDING | LSI_T_RESULT | LSI_T_RESIDUE),
                     LSI_T_EXACT | LSI_T_ROUNDING | LSI_T_RESULT);
    /* amount × rule value, rounded to the fen: 12.5 × 16 (the minimum working age, a rule
     * value at hand) = 200.00; a missing rule and a product out of range are errors */
    k->place = lsi_jurisdiction_by_code(0);
    lsi_dec twelve_half = {125, 1}, huge = {(__int128)1 << 124, 0};
    assert_int_equal(lsi_step_times_rule(k, twelve_half, "labour.minimum_working_age", 20250101,
                                         &out), 0);
    assert_int_equal(lsi_dec_cmp(out, lsi_dec_from_int(200)), 0);
    assert_int_equal(lsi_step_times_rule(k, twelve_half, "no.such.rule", 20250101, &out),
                     LIBSI_ENOTFOUND);
    assert_int_equal(lsi_step_times_rule(k, huge, "labour.minimum_working_age", 20250101, &out),
                     LIBSI_ERANGE);
    /* an exact quotient: no flag */
    k->flags = 0;
    assert_int_equal(lsi_step_round_div(k, lsi_dec_from_int(6), lsi_dec_from_int(3),
                                        &LSI_ROUND_FEN, &out), 0);
    assert_int_equal(k->flags, 0);
    assert_true(k->step->has & LSI_T_RATIO);
    assert_true(k->step->has & LSI_T_RESIDUE);
}

/* Outputs: each kind formatted; a name the schema lacks is an internal
 * error naming it; a text output whose copy fails is out of memory. */
static void calc_outputs(void **state)
{
    fixture *fx = *state;
    lsi_calc *k = &fx->k;
    char buf[LIBSI_DECIMAL_MAX + 1];
    assert_int_equal(lsi_out_dec(k, "o_dec", (lsi_dec){1250, 2}), 0);
    assert_int_equal(lsi_out_text(k, "o_text", "words"), 0);
    assert_int_equal(lsi_out_month(k, "o_month", 2025 * 12 + 7), 0);
    assert_int_equal(lsi_out_age(k, "o_age", 60 * 12 + 8), 0);
    assert_string_equal(lsi_out_format(&fx->out[0], buf), "12.50");
    assert_string_equal(lsi_out_format(&fx->out[1], buf), "words");
    assert_string_equal(lsi_out_format(&fx->out[2], buf), "2025-08");
    assert_string_equal(lsi_out_format(&fx->out[3], buf), "60y8m");
    assert_int_equal(lsi_out_bool(k, "o_text", false), 0);
    assert_string_equal(lsi_out_format(&fx->out[1], buf), "false");
    lsi_out unset = {0};
    assert_null(lsi_out_format(&unset, buf));
    expect_error(fx, lsi_out_dec(k, "nope", (lsi_dec){0, 0}), LIBSI_EINTERNAL, "nope",
                 "output 'nope' is not in the schema");
    expect_error(fx, lsi_out_text(k, "nope2", "x"), LIBSI_EINTERNAL, "nope2",
                 "output 'nope2' is not in the schema");
    expect_error(fx, lsi_out_bool(k, "nope3", true), LIBSI_EINTERNAL, "nope3",
                 "output 'nope3' is not in the schema");
    expect_error(fx, lsi_out_month(k, "nope4", 0), LIBSI_EINTERNAL, "nope4",
                 "output 'nope4' is not in the schema");
    expect_error(fx, lsi_out_age(k, "nope5", 0), LIBSI_EINTERNAL, "nope5",
                 "output 'nope5' is not in the schema");
    failing f = {0, 1};
    libsi_allocator a = failing_alloc(&f);
    lsi_arena ar;
    lsi_arena_init(&ar, &a);
    k->arena = &ar;
    expect_error(fx, lsi_out_text(k, "o_text", "words"), LIBSI_ENOMEM, "o_text", "out of memory");
    k->arena = &fx->arena;
}

/* Running: the city canonicalised to its code (the given text kept for the
 * trace step "inputs"), through the memo of a batch; a city that is none,
 * or Shenzhen, is the error of input 'city' with the value given; known_on
 * read as a date. */
static void calc_run_city_and_canonical(void **state)
{
    fixture *fx = *state;
    lsi_calc *k = &fx->k;
    lsi_place_memo *memo = calloc(1, sizeof *memo);
    assert_non_null(memo);
    k->city = memo;
    k->trace = &fx->trace;
    assert_null(give(fx, "city", "广州市"));
    assert_null(give(fx, "d", "007.50"));
    assert_null(give(fx, "dt", "2025-08"));
    assert_null(give(fx, "known_on", "2025-06-30"));
    assert_int_equal(lsi_calc_run(k), 0);
    assert_int_equal(k->place->code, 440100);
    assert_int_equal(k->known_on, 20250630);
    assert_string_equal(fx->in[slot_of("city")].text, "440100");
    assert_string_equal(fx->in[slot_of("city")].raw, "广州市");
    assert_string_equal(fx->in[slot_of("d")].text, "7.50");
    assert_string_equal(fx->in[slot_of("dt")].text, "2025-08-01");
    assert_null(fx->in[slot_of("e")].raw); /* enums stay as given */
    assert_string_equal(fx->trace.steps->id, "inputs");
    assert_string_equal(fx->trace.steps->values->text, "广州市 → 440100");
    /* canonical already: nothing changes */
    assert_int_equal(lsi_calc_canonicalise(k), 0);
    assert_string_equal(fx->in[slot_of("city")].text, "440100");
    /* the memo holds the text; the second run finds the city there */
    size_t held = 0;
    for (size_t i = 0; i < LSI_PLACE_SLOTS; i++)
        held += memo->place[i] && strcmp(memo->text[i], "广州市") == 0 &&
                memo->place[i]->code == 440100;
    assert_int_equal(held, 1);
    fx->in[slot_of("city")].text = "广州市";
    fx->in[slot_of("city")].raw = NULL;
    assert_int_equal(lsi_calc_run(k), 0);
    assert_int_equal(k->place->code, 440100);
    /* lazy: the texts stay as given until canonicalised */
    k->lazy_canonical = true;
    fx->in[slot_of("city")].text = "广州市";
    assert_int_equal(lsi_calc_run(k), 0);
    assert_string_equal(fx->in[slot_of("city")].text, "广州市");
    assert_int_equal(lsi_calc_canonicalise(k), 0);
    assert_string_equal(fx->in[slot_of("city")].text, "440100");
    k->lazy_canonical = false;
    /* a text under eight bytes takes its slot byte by byte: found, then held */
    for (int run = 0; run < 2; run++) {
        fx->in[slot_of("city")].text = "440106";
        fx->in[slot_of("city")].raw = NULL;
        assert_int_equal(lsi_calc_run(k), 0);
        assert_int_equal(k->place->code, 440100);
    }
    held = 0;
    for (size_t i = 0; i < LSI_PLACE_SLOTS; i++)
        held += memo->place[i] && strcmp(memo->text[i], "440106") == 0;
    assert_int_equal(held, 1);
    /* cities that are none */
    fx->in[slot_of("city")].text = "atlantis";
    expect_error(fx, lsi_calc_run(k), LIBSI_EJURISDICTION, "city",
                 "input 'city' = 'atlantis': unknown jurisdiction 'atlantis' (give a GB/T 2260 "
                 "code such as 440100, a pinyin name such as guangzhou, or a Chinese name such "
                 "as 广州; Guangdong districts such as 440106, tianhe or 天河区 stand for their "
                 "city)");
    k->city = NULL;
    fx->in[slot_of("city")].text = "shenzhen";
    expect_error(fx, lsi_calc_run(k), LIBSI_EUNSUPPORTED, "city",
                 "input 'city' = 'shenzhen': shenzhen (440300) runs its own social insurance "
                 "system and is not supported; libsi never falls back to provincial rules for it");
    /* lsi_calc_canonicalise on its own with a bad city */
    fx->in[slot_of("city")].raw = NULL;
    assert_int_equal(lsi_calc_canonicalise(k), LIBSI_EUNSUPPORTED);
    /* known_on that is no date */
    fx->in[slot_of("city")].text = "guangzhou";
    fx->in[slot_of("known_on")].text = "someday";
    fx->in[slot_of("known_on")].typed = false;
    expect_error(fx, lsi_calc_run(k), LIBSI_EINPUT, "known_on",
                 "input 'known_on' = 'someday': expected a date");
    /* the canonical copy out of memory */
    fx->in[slot_of("known_on")].text = NULL;
    fx->in[slot_of("city")].text = "guangzhou";
    failing f = {0, 1};
    libsi_allocator a = failing_alloc(&f);
    lsi_arena ar;
    lsi_arena_init(&ar, &a);
    k->arena = &ar;
    k->trace = NULL;
    expect_error(fx, lsi_calc_run(k), LIBSI_ENOMEM, "inputs", "out of memory");
    k->arena = &fx->arena;
    free(memo);
}

/* The kernel's own out of memory, and a trace that ran out: the run fails. */
static int oom_run(lsi_calc *k)
{
    k->oom = true;
    return 0;
}

static void calc_run_out_of_memory(void **state)
{
    fixture *fx = *state;
    lsi_calc *k = &fx->k;
    lsi_scheme s = demo;
    s.run = oom_run;
    k->scheme = &s;
    expect_error(fx, lsi_calc_run(k), LIBSI_ENOMEM, "result", "out of memory");
    k->scheme = &demo;
    k->oom = false;
    k->trace = &fx->trace;
    fx->trace.oom = true;
    expect_error(fx, lsi_calc_run(k), LIBSI_ENOMEM, "result", "out of memory");
    fx->trace.oom = false;
    assert_int_equal(lsi_calc_run(k), 0);
    /* with a rule cache: the name sets, one per scheme, reused, the oldest replaced */
    lsi_rule_cache *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->gen = 1;
    k->rules = c;
    lsi_scheme other[LSI_NAME_SETS + 1];
    for (size_t i = 0; i <= LSI_NAME_SETS; i++) {
        other[i] = demo;
        k->scheme = &other[i];
        k->in_names = k->out_names = NULL;
        assert_int_equal(lsi_calc_run(k), 0);
        assert_ptr_equal(k->in_names, &c->names[i % LSI_NAME_SETS].in);
    }
    assert_ptr_equal(c->names[0].scheme, &other[LSI_NAME_SETS]);
    k->in_names = k->out_names = NULL;
    k->scheme = &other[LSI_NAME_SETS];
    assert_int_equal(lsi_calc_run(k), 0);
    assert_ptr_equal(k->in_names, &c->names[0].in);
    /* caches of its own: kept */
    lsi_name_cache own_in = {0}, own_out = {0};
    k->in_names = &own_in;
    k->out_names = NULL;
    assert_int_equal(lsi_calc_run(k), 0);
    assert_ptr_equal(k->in_names, &own_in);
    k->in_names = NULL;
    k->out_names = &own_out;
    assert_int_equal(lsi_calc_run(k), 0);
    assert_ptr_equal(k->out_names, &own_out);
    k->rules = NULL;
    k->scheme = &demo;
    free(c);
}

/* Sub-calculations: inputs by name (an unknown one is an internal error
 * naming it), typed, required; outputs by name, NULL when unset or unknown. */
extern const lsi_scheme lsi_scheme_pension, lsi_scheme_institution_pension;

/* A kernel's own fields by their build-time index (lsi_in_*_of, lsi_out_*_of,
 * issue #10): the slot under its own schema, and the named routine's result
 * under another schema (a shared step run by another scheme, where the index
 * means another field) or for an input of another type. */
static void calc_fields_by_index(void **state)
{
    fixture *fx = *state;
    lsi_kernel own, other;
    lsi_dec a, b;
    fx->k.place = lsi_jurisdiction_by_code(0);
    assert_int_equal(lsi_kernel_init(&own, &fx->k, &lsi_scheme_pension), 0);
    assert_int_equal(lsi_kernel_init(&other, &fx->k, &lsi_scheme_institution_pension), 0);
    /* outputs: pension's index of contribution_months_total is another output of
     * institution_pension, which receives the value under its own slot */
    assert_int_not_equal(LSI_OUT_pension__contribution_months_total,
                         LSI_OUT_institution_pension__contribution_months_total);
    assert_int_equal(lsi_out_dec_of(&own.k, pension, contribution_months_total,
                                    lsi_dec_from_int(7)), 0);
    assert_non_null(lsi_kernel_out(&own, "contribution_months_total"));
    assert_true(lsi_kernel_out(&own, "contribution_months_total")->dec.coef == 7);
    assert_int_equal(lsi_out_dec_of(&other.k, pension, contribution_months_total,
                                    lsi_dec_from_int(9)), 0);
    assert_non_null(lsi_kernel_out(&other, "contribution_months_total"));
    assert_true(lsi_kernel_out(&other, "contribution_months_total")->dec.coef == 9);
    assert_int_equal(other.k.out[LSI_OUT_pension__contribution_months_total].kind, LSI_OUT_UNSET);
    /* inputs: by index as by name; under a schema where the index is another field */
    assert_int_equal(lsi_kernel_set_text(&own, "average_index", "01.2340"), 0);
    assert_int_equal(lsi_in_dec_of(&own.k, pension, average_index, &a), 0);
    assert_int_equal(lsi_in_dec_named(&own.k, "average_index", &b), 0);
    assert_true(a.coef == 12340 && a.scale == 4 && b.coef == a.coef && b.scale == a.scale);
    assert_int_not_equal(LSI_IN_pension__account_balance,
                         LSI_IN_institution_pension__account_balance);
    assert_int_equal(lsi_kernel_set_text(&other, "account_balance", "123.45"), 0);
    assert_int_equal(lsi_kernel_set_text(&other, "deemed_index", "1.5"), 0); /* pension's slot */
    assert_int_equal(lsi_in_dec_of(&other.k, pension, account_balance, &a), 0);
    assert_true(a.coef == 12345 && a.scale == 2);
    /* absent, and of another type: the named readers' answers */
    assert_false(lsi_in_present_of(&own.k, pension, history));
    assert_int_equal(lsi_kernel_set_text(&own, "retirement_date", "2025-03"), 0);
    int month = 0;
    assert_int_equal(lsi_in_month_of(&own.k, pension, retirement_date, &month), 0);
    assert_int_equal(month, 2025 * 12 + 2);
    int by_index = lsi_in_dec_of(&own.k, pension, retirement_date, &a);
    assert_int_not_equal(by_index, 0);
    assert_int_equal(by_index, lsi_in_dec_named(&own.k, "retirement_date", &b));
}

static void calc_kernels(void **state)
{
    fixture *fx = *state;
    lsi_calc *k = &fx->k;
    lsi_kernel sub;
    k->place = lsi_jurisdiction_by_code(0);
    assert_int_equal(lsi_kernel_init(&sub, k, &need), 0);
    assert_null(sub.k.trace); /* the parent records no step */
    expect_error(fx, lsi_kernel_run(&sub), LIBSI_EINPUT, "wage",
                 "input 'wage' is required (the wage)");
    expect_error(fx, lsi_kernel_set_text(&sub, "salary", "1"), LIBSI_EINTERNAL, "salary",
                 "'salary' is not an input of 'need'");
    expect_error(fx, lsi_kernel_set_text(&sub, "wage", "lots"), LIBSI_EINPUT, "wage",
                 "input 'wage': 'lots': not a decimal number (expected a digit); write digits with "
                 "an optional '-' and '.', at most 18 after the point, e.g. 8000 or 8000.50");
    assert_int_equal(lsi_kernel_set_dec(&sub, "wage", (lsi_dec){800050, 2}), 0);
    assert_string_equal(sub.k.in[0].text, "8000.50");
    assert_null(lsi_kernel_out(&sub, "o_dec"));
    assert_int_equal(lsi_kernel_run(&sub), 0);
    assert_non_null(lsi_kernel_out(&sub, "o_dec"));
    assert_null(lsi_kernel_out(&sub, "o_text"));
    assert_null(lsi_kernel_out(&sub, "nope"));
    /* a parent recording a step: the sub-steps go under it */
    k->trace = &fx->trace;
    lsi_step_static(k, "parent", "T", "B", "F");
    assert_int_equal(lsi_kernel_init(&sub, k, &need), 0);
    assert_ptr_equal(sub.k.host, k->step);
    /* out of memory: the slots, the copy of a text */
    failing f = {0, 0};
    libsi_allocator a = failing_alloc(&f);
    lsi_arena ar;
    lsi_arena_init(&ar, &a);
    k->arena = &ar;
    f.fail_at = 1;
    expect_error(fx, lsi_kernel_init(&sub, k, &need), LIBSI_ENOMEM, "need", "out of memory");
    /* room for the inputs, none for the outputs: a chunk (ARENA_CHUNK, 16 KiB
     * in memory.c) used up, then one with exactly the inputs' room left */
    f.fail_at = 0;
    size_t in_room = (sizeof(lsi_in) + sizeof(max_align_t) - 1) / sizeof(max_align_t) *
                     sizeof(max_align_t);
    assert_non_null(lsi_arena_alloc(&ar, 16384));
    assert_non_null(lsi_arena_alloc(&ar, 16384 - in_room));
    f.fail_at = f.calls + 1;
    expect_error(fx, lsi_kernel_init(&sub, k, &need), LIBSI_ENOMEM, "need", "out of memory");
    f.fail_at = 0;
    f.fail_at = 0;
    assert_int_equal(lsi_kernel_init(&sub, k, &need), 0);
    f.fail_at = f.calls + 1;
    while (lsi_arena_alloc(&ar, 16))
        ;
    expect_error(fx, lsi_kernel_set_text(&sub, "wage", "1"), LIBSI_ENOMEM, "wage",
                 "out of memory");
    k->arena = &fx->arena;
    lsi_arena_release(&ar);
}

/* ---------------------------------------------------------- translation */

#define BIRTH_FMT \
    "input 'birth_date' is required with terminated=true for grades 5–10: the one-time " \
    "employment subsidy falls by 20 %% a year in the last 5 years before the statutory " \
    "retirement age (《广东省工伤保险条例》); give birth_date and retirement_group, or " \
    "far_from_retirement=true to state that 5 years or more remain"

/* Texts and cached texts: Chinese when the table has them, else as given. */
static void i18n_texts(void **state)
{
    (void)state;
    lsi_i18n_cache c;
    memset(&c, 0, sizeof c);
    c.lang = LIBSI_LANG_EN;
    assert_string_equal(lsi_tr_cached(&c, "the maximum"), "the maximum");
    c.lang = LIBSI_LANG_ZH;
    assert_null(lsi_tr_cached(&c, NULL));
    assert_string_equal(lsi_tr_cached(&c, ""), "");
    const char *en = "the maximum";
    assert_string_equal(lsi_tr_cached(&c, en), "上限");
    assert_string_equal(lsi_tr_cached(&c, en), "上限"); /* from the cache */
    assert_string_equal(lsi_tr_cached(&c, "not in the table"), "not in the table");
    char buf[LSI_MSG_MAX];
    assert_null(lsi_i18n_text(LIBSI_LANG_ZH, NULL, buf, sizeof buf));
    assert_string_equal(lsi_i18n_text(LIBSI_LANG_ZH, "", buf, sizeof buf), "");
    assert_string_equal(lsi_i18n_text(LIBSI_LANG_EN, "the minimum", buf, sizeof buf),
                        "the minimum");
    assert_string_equal(lsi_i18n_text(LIBSI_LANG_ZH, "the minimum", buf, sizeof buf), "下限");
    /* a text made from a format of the table */
    assert_string_equal(lsi_i18n_text(LIBSI_LANG_ZH, "there is no month 13: months run from 01 "
                                      "to 12", buf, sizeof buf),
                        "没有 13 月：月份为 01 至 12");
    assert_string_equal(lsi_i18n_text(LIBSI_LANG_ZH, "no text of the table", buf, sizeof buf),
                        "no text of the table");
}

/* Messages: the values matched in the English and put into the Chinese
 * format, by position where it numbers them; "%%" both ways; a value that
 * is itself a message of the table translated too; no translation for
 * English, without a format, into no room, or for a message the format
 * does not make. */
static void i18n_messages(void **state)
{
    (void)state;
    char out[LSI_MSG_MAX];
    const char *young = "input '%s': %s makes the person younger than %d on %s %s, the earliest "
                        "working age (《劳动法》第十五条)";
    const char *msg = "input 'dt': 2010-01-01 makes the person younger than 16 on m 2025-01-01, "
                      "the earliest working age (《劳动法》第十五条)";
    assert_true(lsi_i18n_message(LIBSI_LANG_ZH, young, msg, out, sizeof out));
    assert_string_equal(out, "输入 'dt'：2010-01-01 使此人在 m 2025-01-01 时未满 16 周岁，即最低"
                             "就业年龄（《劳动法》第十五条）");
    assert_false(lsi_i18n_message(LIBSI_LANG_EN, young, msg, out, sizeof out));
    assert_false(lsi_i18n_message(LIBSI_LANG_ZH, NULL, msg, out, sizeof out));
    assert_false(lsi_i18n_message(LIBSI_LANG_ZH, young, msg, out, 0));
    assert_false(lsi_i18n_message(LIBSI_LANG_ZH, young, "input 'dt': something else", out,
                                  sizeof out));
    /* into 12 bytes: cut, terminated */
    assert_true(lsi_i18n_message(LIBSI_LANG_ZH, young, msg, out, 12));
    assert_string_equal(out, "输入 'dt'");
    /* "%%" in both formats */
    char birth_msg[LSI_MSG_MAX];
    snprintf(birth_msg, sizeof birth_msg, BIRTH_FMT);
    assert_non_null(strstr(birth_msg, "20 % a year"));
    assert_true(lsi_i18n_message(LIBSI_LANG_ZH, BIRTH_FMT, birth_msg, out, sizeof out));
    assert_non_null(strstr(out, "每年递减 20%（"));
    assert_false(lsi_i18n_message(LIBSI_LANG_ZH, BIRTH_FMT, "input 'birth_date' is required", out,
                                  sizeof out));
    /* a reason that is a message of the table, inside another */
    assert_true(lsi_i18n_message(LIBSI_LANG_ZH, "input '%s': %s: %s",
                                 "input 'm': '2025-13': there is no month 13: months run from 01 "
                                 "to 12", out, sizeof out));
    assert_string_equal(out, "输入 'm'：'2025-13'：没有 13 月：月份为 01 至 12");
    /* "%.*s" conversions, and a value "%s %s" splits at a text of the table */
    assert_true(lsi_i18n_message(LIBSI_LANG_ZH, "input '%s' = %s is %s %s (%s)",
                                 "input 'd' = 4 is above the maximum 3 (why)", out, sizeof out));
    assert_string_equal(out, "输入 'd' = 4 高于上限 3（why）");
    /* adjacent conversions against a message they cannot make: the search
     * gives up within its budget */
    char longer[LSI_MSG_MAX];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    memcpy(longer, "input '", 7);
    assert_false(lsi_i18n_message(LIBSI_LANG_ZH, "input '%s'%s%s: %s", longer, out, sizeof out));
    /* spaces the "%s %s" split can take everywhere: out of budget, no match */
    char spaces[LSI_MSG_MAX] = "input 'a' = b is ";
    for (int i = 0; i < 150; i++)
        strcat(spaces, "c ");
    strcat(spaces, "no paren");
    assert_false(lsi_i18n_message(LIBSI_LANG_ZH, "input '%s' = %s is %s %s (%s)", spaces, out,
                                  sizeof out));
    /* "%%" against another character, and against "%" then a difference */
    char other[LSI_MSG_MAX];
    snprintf(other, sizeof other, BIRTH_FMT);
    *strstr(other, "20 %") = '#';
    assert_false(lsi_i18n_message(LIBSI_LANG_ZH, BIRTH_FMT, other, out, sizeof out));
    snprintf(other, sizeof other, BIRTH_FMT);
    strstr(other, "% a year")[2] = 'A';
    assert_false(lsi_i18n_message(LIBSI_LANG_ZH, BIRTH_FMT, other, out, sizeof out));
}

/* The context's message in a language. */
static void i18n_context_message(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    assert_string_equal(libsi_ctx_message_lang(NULL, LIBSI_LANG_ZH), "");
    assert_string_equal(libsi_ctx_message_lang(ctx, LIBSI_LANG_ZH), "");
    lsi_fail(ctx, LIBSI_ERANGE, "m", "there is no month %02d: months run from 01 to 12", 13);
    assert_string_equal(libsi_ctx_message_lang(ctx, LIBSI_LANG_ZH), "没有 13 月：月份为 01 至 12");
    assert_string_equal(libsi_ctx_message_lang(ctx, LIBSI_LANG_EN),
                        "there is no month 13: months run from 01 to 12");
    lsi_fail(ctx, LIBSI_ERANGE, "m", "not a format of the table %d", 13);
    assert_string_equal(libsi_ctx_message_lang(ctx, LIBSI_LANG_ZH), "not a format of the table 13");
    libsi_lang lang;
    assert_int_equal(libsi_lang_from_name("zh_CN.UTF-8", &lang), 0);
    assert_int_equal(lang, LIBSI_LANG_ZH);
    assert_int_equal(libsi_lang_from_name("POSIX", NULL), 0);
    assert_int_equal(libsi_lang_from_name("fr_FR", &lang), LIBSI_EINVAL);
    assert_int_equal(lang, LIBSI_LANG_EN);
    assert_int_equal(libsi_lang_from_name(NULL, &lang), LIBSI_EINVAL);
    libsi_ctx_free(ctx);
}

/* ---------------------------------------------------------------- YAML */

/* Parse `text`; on failure the error is errcode (here ERULEFILE) naming
 * "name:line", with the message given. */
static void yaml_refused(const char *text, const char *field, const char *message)
{
    libsi_ctx *ctx;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    lsi_arena ar;
    lsi_arena_init(&ar, &ctx->alloc);
    lsi_ynode *root = (lsi_ynode *)1;
    int rc = lsi_yaml_parse(ctx, &ar, text, strlen(text), "t.yaml", LIBSI_ERULEFILE, &root);
    if (rc == 0 || strcmp(libsi_ctx_message(ctx), message) != 0)
        fprintf(stderr, "%d %s\n", rc, libsi_ctx_message(ctx));
    assert_int_equal(rc, LIBSI_ERULEFILE);
    assert_null(root);
    assert_string_equal(libsi_ctx_field(ctx), field);
    assert_string_equal(libsi_ctx_message(ctx), message);
    lsi_arena_release(&ar);
    libsi_ctx_free(ctx);
}

static void yaml_limits(void **state)
{
    (void)state;
    yaml_refused("? [a]\n: 1\n", "t.yaml:1", "t.yaml:1: mapping keys must be plain scalars");
    yaml_refused("? {a: 1}\n: 1\n", "t.yaml:1", "t.yaml:1: mapping keys must be plain scalars");
    yaml_refused("a: \"x\\0y\"\n", "t.yaml:1", "t.yaml:1: scalar contains a NUL character");
    yaml_refused("a: 1\nb: 2\na: 3\n", "t.yaml:3",
                 "t.yaml:3: duplicate mapping key 'a' (a key is given once)");
    yaml_refused("", "t.yaml:1", "t.yaml:1: the document is empty");
    yaml_refused("a: 1\n---\nb: 2\n", "t.yaml:2", "t.yaml:2: only one YAML document is allowed");
    yaml_refused("a: &x 1\nb: *x\n", "t.yaml:2", "t.yaml:2: aliases are not allowed");
    char deep[200] = "";
    for (int i = 0; i < 65; i++)
        strcat(deep, "[");
    yaml_refused(deep, "t.yaml:1", "t.yaml:1: nesting deeper than 64 levels");
    /* 4097 keys */
    size_t cap = 4100 * 12, len = 0;
    char *many = malloc(cap);
    assert_non_null(many);
    for (int i = 0; i <= 4096; i++)
        len += (size_t)snprintf(many + len, cap - len, "k%d: 1\n", i);
    yaml_refused(many, "t.yaml:4097", "t.yaml:4097: mapping has too many keys");
    free(many);
    /* a million and one nodes */
    size_t n = 1000001;
    char *flow = malloc(n * 2 + 2);
    assert_non_null(flow);
    flow[0] = '[';
    for (size_t i = 0; i < n; i++)
        memcpy(flow + 1 + 2 * i, "0,", 2);
    flow[2 * n] = ']';
    flow[2 * n + 1] = '\0';
    yaml_refused(flow, "t.yaml:1", "t.yaml:1: document too large");
    free(flow);
}

static void yaml_lookups(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    lsi_arena ar;
    lsi_arena_init(&ar, &ctx->alloc);
    const char *text = "a: null\nb: ~\nc:\nd: 'null'\ne: [1]\nf: x\n";
    lsi_ynode *root;
    assert_int_equal(lsi_yaml_parse(ctx, &ar, text, strlen(text), "t.yaml", LIBSI_ERULEFILE,
                                    &root), 0);
    assert_null(lsi_ymap_get(NULL, "a"));
    assert_null(lsi_ymap_get(lsi_ymap_get(root, "e"), "a")); /* a sequence has no keys */
    assert_null(lsi_ymap_get(root, "g"));
    assert_true(lsi_yscalar_is_null(lsi_ymap_get(root, "a")));
    assert_true(lsi_yscalar_is_null(lsi_ymap_get(root, "b")));
    assert_true(lsi_yscalar_is_null(lsi_ymap_get(root, "c")));
    assert_true(lsi_yscalar_is_null(NULL));
    assert_false(lsi_yscalar_is_null(lsi_ymap_get(root, "d"))); /* quoted: the text null */
    assert_false(lsi_yscalar_is_null(lsi_ymap_get(root, "e")));
    assert_false(lsi_yscalar_is_null(lsi_ymap_get(root, "f")));
    /* out of memory for a node and for a scalar's text */
    failing f = {0, 1};
    libsi_allocator a = failing_alloc(&f);
    lsi_arena bad;
    lsi_arena_init(&bad, &a);
    assert_int_equal(lsi_yaml_parse(ctx, &bad, text, strlen(text), "t.yaml", LIBSI_ERULEFILE,
                                    &root), LIBSI_ENOMEM);
    assert_string_equal(libsi_ctx_message(ctx), "out of memory reading t.yaml");
    f.fail_at = 0;
    assert_non_null(lsi_arena_alloc(&bad, 16));
    f.fail_at = f.calls + 1;
    while (lsi_arena_alloc(&bad, 64))
        ; /* room for one node less than 64 bytes, none for more */
    char scalar[20000];
    memset(scalar, 'x', sizeof scalar - 1);
    scalar[sizeof scalar - 1] = '\0';
    assert_int_equal(lsi_yaml_parse(ctx, &bad, scalar, strlen(scalar), "t.yaml", LIBSI_ERULEFILE,
                                    &root), LIBSI_ENOMEM);
    assert_string_equal(libsi_ctx_field(ctx), "t.yaml");
    lsi_arena_release(&bad);
    lsi_arena_release(&ar);
    libsi_ctx_free(ctx);
}

/* ------------------------------------------------------ JSON and files */

/* The escaping of RFC 8259 §7 written the plain way, a byte at a time: the
 * reference the word-at-a-time writer must equal. */
static void json_string_reference(const char *s, char *out)
{
    static const char hex[] = "0123456789abcdef";
    *out++ = '"';
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            *out++ = '\\';
            *out++ = (char)*p;
        } else if (*p == '\n') {
            *out++ = '\\';
            *out++ = 'n';
        } else if (*p < 0x20) {
            out += sprintf(out, "\\u00%c%c", hex[*p >> 4], hex[*p & 15]);
        } else {
            *out++ = (char)*p;
        }
    }
    *out++ = '"';
    *out = '\0';
}

/* lsi_json_write_string checks 16 and 8 bytes at a time (issue #10): every
 * byte value that needs an escape, and its neighbours in value, at every
 * position of strings of 1 to 40 bytes (both vector widths, their tails and
 * the bytes after them), one or two of them, must give the reference text;
 * appended to a builder that already holds text, so growth is exercised. */
static void json_string_escapes_everywhere(void **state)
{
    (void)state;
    static const unsigned char probes[] = {0x01, 0x09, 0x0a, 0x1f, 0x20, 0x21, '"', 0x23,
                                           0x5b, '\\', 0x5d, 0x7f, 0x80, 0xa2, 0xdc, 0xff};
    failing f = {0, 0};
    libsi_allocator a = failing_alloc(&f); /* never fails: fail_at 0 */
    lsi_sb sb;
    char s[48], want[48 * 6 + 8];
    lsi_sb_init(&sb, &a);
    for (size_t n = 1; n <= 40; n++)
        for (size_t pos = 0; pos < n; pos++)
            for (size_t p = 0; p < sizeof probes; p++) {
                memset(s, 'x', n);
                s[n] = '\0';
                s[pos] = (char)probes[p];
                if (pos + 9 < n)
                    s[pos + 9] = (char)probes[(p + 5) % sizeof probes];
                lsi_sb_reset(&sb);
                lsi_sb_append(&sb, "[");
                lsi_json_write_string(&sb, s);
                json_string_reference(s, want);
                assert_false(sb.failed);
                assert_int_equal(sb.len, 1 + strlen(want));
                assert_string_equal(sb.buf + 1, want);
            }
    lsi_sb_dispose(&sb);
}

/* The canonical text of a decimal one digit at a time: |coef| in decimal,
 * zeros in front up to scale + 1 digits, the point before the last `scale`,
 * '-' for a negative coefficient. */
static size_t dec_text_reference(lsi_dec d, char *out)
{
    char digits[64];
    int n = 0;
    unsigned __int128 c = d.coef < 0 ? (unsigned __int128)0 - (unsigned __int128)d.coef
                                     : (unsigned __int128)d.coef;
    do {
        digits[n++] = (char)('0' + (int)(c % 10));
        c /= 10;
    } while (c);
    while (n <= d.scale)
        digits[n++] = '0';
    size_t o = 0;
    if (d.coef < 0)
        out[o++] = '-';
    for (int k = n - 1; k >= 0; k--) {
        out[o++] = digits[k];
        if (k == d.scale && k > 0)
            out[o++] = '.';
    }
    out[o] = '\0';
    return o;
}

/* lsi_dec_format writes 64-bit coefficients right to left and wider ones by
 * 128-bit division: both against the reference, across every digit count,
 * the scales -3 to 18 (and 24, 30, 36) and both signs, with the length it
 * returns. */
static void dec_format_every_width(void **state)
{
    (void)state;
    uint64_t x = 88172645463325252u; /* xorshift64 */
    char got[LIBSI_DECIMAL_MAX + 1], want[LIBSI_DECIMAL_MAX + 1];
    for (int digits = 1; digits <= 36; digits++)
        for (int scale = -3; scale <= 36; scale += scale < 18 ? 1 : 6)
            for (int k = 0; k < 40; k++) {
                __int128 c = 0;
                for (int i = 0; i < digits; i++) {
                    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                    c = c * 10 + (__int128)(k == 0 ? 9 : k == 1 ? (i == 0) : x % 10);
                }
                lsi_dec d = {k & 2 ? -c : c, scale};
                size_t n = lsi_dec_format(d, got);
                assert_int_equal(n, dec_text_reference(d, want));
                assert_string_equal(got, want);
            }
}

/* The named rounding rules' trace members written when compiled
 * (LSI_ROUNDING) equal what the JSON writer makes of their two texts. */
extern const lsi_rounding LSI_ROUND_STOCHASTIC, LSI_ROUND_MEMBER_INDEX; /* (projection) */

static void rounding_json_as_written(void **state)
{
    (void)state;
    const lsi_rounding *named[] = {&LSI_ROUND_FEN,         &LSI_ROUND_YUAN,
                                   &LSI_ROUND_TENTH,       &LSI_ROUND_INDEX_DISPLAY,
                                   &LSI_ROUND_EXACT_12,    &LSI_ROUND_INDEX_CARRY,
                                   &LSI_ROUND_PERSONS,     &LSI_ROUND_RATIO,
                                   &LSI_ROUND_STOCHASTIC,  &LSI_ROUND_MEMBER_INDEX};
    failing f = {0, 0};
    libsi_allocator a = failing_alloc(&f);
    lsi_sb sb;
    lsi_sb_init(&sb, &a);
    for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
        lsi_sb_reset(&sb);
        lsi_sb_append(&sb, ",\"rounding\":");
        lsi_json_write_string(&sb, named[i]->name);
        lsi_sb_append(&sb, ",\"rounding_basis\":");
        lsi_json_write_string(&sb, named[i]->basis);
        assert_non_null(named[i]->json);
        assert_int_equal(named[i]->json_len, strlen(named[i]->json));
        assert_string_equal(named[i]->json, sb.buf);
    }
    lsi_sb_dispose(&sb);
}

/* lsi_sb_printf formats into the room there is and formats again only what
 * did not fit: texts of every length across the growth steps, at every
 * fill level, must equal the same text appended plainly. */
static void sb_printf_across_growth(void **state)
{
    (void)state;
    failing f = {0, 0};
    libsi_allocator a = failing_alloc(&f);
    lsi_sb printed, appended;
    char piece[700];
    lsi_sb_init(&printed, &a);
    lsi_sb_init(&appended, &a);
    for (size_t k = 0; k < 600; k += 7) {
        memset(piece, 'a' + (int)(k % 26), k);
        piece[k] = '\0';
        lsi_sb_printf(&printed, "%s|%zu;", piece, k);
        lsi_sb_append(&appended, piece);
        char tail[32];
        snprintf(tail, sizeof tail, "|%zu;", k);
        lsi_sb_append(&appended, tail);
        assert_int_equal(printed.len, appended.len);
        assert_string_equal(printed.buf, appended.buf);
    }
    f.fail_at = f.calls + 1; /* the next growth fails: the text before it stays a string */
    size_t before = printed.len;
    lsi_sb_printf(&printed, "%0*d", (int)printed.cap, 7);
    assert_true(printed.failed);
    assert_int_equal(printed.len, before);
    assert_int_equal(strlen(printed.buf), before);
    lsi_sb_dispose(&printed);
    lsi_sb_dispose(&appended);
}

/* A catalogue step's JSON members are compiled (tools/embed_steps.py):
 * each must be what the writer makes of the step's text at run time. */
static void step_catalogue_json_as_written(void **state)
{
    (void)state;
    failing f = {0, 0};
    libsi_allocator a = failing_alloc(&f);
    lsi_sb sb;
    lsi_sb_init(&sb, &a);
    assert_true(lsi_step_catalogue_count > 100);
    for (size_t i = 0; i < lsi_step_catalogue_count; i++) {
        const lsi_step_def *d = lsi_step_catalogue[i];
        const char *keys[4] = {"\"basis\":", ",\"formula\":", ",\"step\":", ",\"title\":"};
        const char *texts[4] = {d->basis, d->formula, d->id, d->title};
        for (int m = 0; m < 4; m++) {
            lsi_sb_reset(&sb);
            lsi_sb_append(&sb, keys[m]);
            lsi_json_write_string(&sb, texts[m]);
            assert_int_equal(d->json[m].len, sb.len);
            assert_memory_equal(d->json[m].text, sb.buf, sb.len);
        }
    }
    lsi_sb_dispose(&sb);
}

/* Every rule's provenance is written once when loaded (rules/provenance.c):
 * the copy must equal the members written at the call, carried forward or
 * not. */
static void rule_provenance_as_written(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    assert_int_equal(libsi_ruleset_builtin(ctx, &rs), 0);
    lsi_sb kept, written;
    lsi_sb_init(&kept, &ctx->alloc);
    lsi_sb_init(&written, &ctx->alloc);
    assert_true(rs->n > 100);
    for (size_t i = 0; i < rs->n; i++)
        for (int cf = 0; cf < 2; cf++) {
            lsi_rule bare = rs->rules[i];
            assert_non_null(bare.json_head.text);
            assert_non_null(bare.json_tail.text);
            bare.json_head.text = bare.json_tail.text = NULL;
            lsi_sb_reset(&kept);
            lsi_sb_reset(&written);
            lsi_rule_provenance_json(&kept, &rs->rules[i], cf);
            lsi_rule_provenance_json(&written, &bare, cf);
            assert_int_equal(kept.len, written.len);
            assert_memory_equal(kept.buf, written.buf, kept.len);
        }
    lsi_sb_dispose(&kept);
    lsi_sb_dispose(&written);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
}

/* Members in key order, a key put twice keeps the last value, control
 * bytes escaped; a member that cannot be made is NULL. */
static void json_members(void **state)
{
    (void)state;
    failing f = {0, 0};
    libsi_allocator a = failing_alloc(&f);
    lsi_arena ar;
    lsi_arena_init(&ar, &a);
    lsi_json *obj = lsi_json_new(&ar, LSI_J_OBJECT, NULL);
    assert_non_null(lsi_json_put_str(&ar, obj, "b", "tab\there"));
    assert_non_null(lsi_json_put_str(&ar, obj, "a", NULL));
    assert_non_null(lsi_json_put_raw(&ar, obj, "c", "[1]"));
    assert_non_null(lsi_json_put_str(&ar, obj, "b", "q\"\\\n\x01"));
    assert_int_equal(obj->count, 3);
    lsi_json *arr = lsi_json_new(&ar, LSI_J_ARRAY, NULL);
    assert_non_null(lsi_json_push(arr, lsi_json_new(&ar, LSI_J_RAW, "1")));
    assert_non_null(lsi_json_push(arr, lsi_json_new(&ar, LSI_J_RAW, "2")));
    assert_null(lsi_json_push(NULL, arr));
    assert_null(lsi_json_push(arr, NULL));
    assert_non_null(lsi_json_put(&ar, obj, "d", arr));
    lsi_sb sb;
    lsi_sb_init(&sb, &a);
    lsi_json_write(&sb, obj);
    char *text = lsi_sb_take(&sb);
    assert_string_equal(text, "{\"a\":\"\",\"b\":\"q\\\"\\\\\\n\\u0001\",\"c\":[1],\"d\":[1,2]}");
    free(text);
    assert_null(lsi_json_put(&ar, NULL, "x", arr));
    assert_null(lsi_json_put(&ar, obj, "x", NULL));
    /* out of memory: the node, its text, the member, its key */
    f.fail_at = f.calls + 1;
    while (lsi_arena_alloc(&ar, 16))
        ;
    assert_null(lsi_json_new(&ar, LSI_J_STRING, "x"));
    assert_null(lsi_json_put_str(&ar, obj, "x", "y"));
    f.fail_at = 0;
    lsi_json *node = lsi_json_new(&ar, LSI_J_RAW, NULL);
    assert_non_null(node);
    f.fail_at = f.calls + 1;
    while (lsi_arena_alloc(&ar, 16))
        ;
    assert_null(lsi_json_put(&ar, obj, "x", node));
    f.fail_at = 0;
    /* room for the member (64 bytes) but not for a long key */
    char key[20000];
    memset(key, 'k', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    assert_non_null(lsi_arena_alloc(&ar, sizeof key)); /* a full chunk of its own */
    assert_non_null(lsi_arena_alloc(&ar, 8));          /* a new one with room */
    f.fail_at = f.calls + 1;
    assert_null(lsi_json_put(&ar, obj, key, node));
    assert_int_equal(obj->count, 4);
    f.fail_at = 0;
    lsi_arena_release(&ar);
}

/* A text as one CSV cell (RFC 4180): plain text as it is, a comma, quote,
 * CR, LF or edge blank quoted with quotes doubled; a buffer too small gets
 * nothing and learns the length. */
static void csv_cells(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"50y0m", "50y0m"}, {"", ""}, {NULL, ""}, {"a b", "a b"}, {"湛江", "湛江"},
        {"1,000", "\"1,000\""}, {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"\"", "\"\"\"\""}, {"a\nb", "\"a\nb\""}, {"a\rb", "\"a\rb\""},
        {" a", "\" a\""}, {"a\t", "\"a\t\""}, {"[{\"a\":1}]", "\"[{\"\"a\"\":1}]\""}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[32];
        size_t want = strlen(cases[i].out);
        memset(buf, '#', sizeof buf);
        assert_int_equal(lsi_csv_cell_write(cases[i].in, buf, sizeof buf), want);
        assert_memory_equal(buf, cases[i].out, want);
        assert_int_equal(buf[want], '#'); /* no NUL, nothing past the cell */
        if (want > 0) {
            memset(buf, '#', sizeof buf);
            assert_int_equal(lsi_csv_cell_write(cases[i].in, buf, want - 1), want);
            assert_int_equal(buf[0], '#');
        }
    }
}

/* Files: one that cannot be opened, a folder (a read error), one larger
 * than 16 MiB, and memory that runs out while reading. */
static void io_reading(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    lsi_arena ar;
    lsi_arena_init(&ar, &ctx->alloc);
    char *text;
    assert_int_equal(lsi_read_into_arena(ctx, &ar, "/nonexistent/libsi-file", &text), LIBSI_EIO);
    assert_string_equal(libsi_ctx_message(ctx), "cannot open '/nonexistent/libsi-file': no such "
                        "file; give the path of an existing, readable file (relative to the "
                        "working directory)");
    assert_int_equal(lsi_read_into_arena(ctx, &ar, "/", &text), LIBSI_EIO);
    assert_non_null(strstr(libsi_ctx_message(ctx), "cannot open '/': it is a folder; "));
    assert_string_equal(libsi_ctx_field(ctx), "/");
    assert_int_equal(lsi_read_into_arena(ctx, &ar, "/dev/null/x", &text), LIBSI_EIO);
    assert_non_null(strstr(libsi_ctx_message(ctx), ": a part of the path is not a folder; "));
    char longname[400] = "/tmp/";
    memset(longname + 5, 'n', 300);
    longname[305] = '\0';
    assert_int_equal(lsi_read_into_arena(ctx, &ar, longname, &text), LIBSI_EIO);
    assert_non_null(strstr(libsi_ctx_message(ctx), ": the path is too long; "));
    char loop[] = "/tmp/libsi-loop-XXXXXX";
    int lfd = mkstemp(loop);
    assert_true(lfd >= 0);
    close(lfd);
    remove(loop);
    assert_int_equal(symlink(loop, loop), 0); /* a link to itself */
    assert_int_equal(lsi_read_into_arena(ctx, &ar, loop, &text), LIBSI_EIO);
    assert_non_null(strstr(libsi_ctx_message(ctx), ": too many symbolic links; "));
    remove(loop);
    char path[] = "/tmp/libsi-internals-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "wb");
    assert_non_null(fp);
    static char block[1 << 16];
    memset(block, 'x', sizeof block);
    fwrite("small", 1, 5, fp);
    fflush(fp);
    assert_int_equal(lsi_read_into_arena(ctx, &ar, path, &text), 0);
    assert_string_equal(text, "small");
    /* out of memory for the buffer */
    failing f = {0, 0};
    libsi_allocator a = failing_alloc(&f);
    libsi_ctx *poor;
    assert_int_equal(libsi_ctx_new(&a, &poor), 0);
    f.fail_at = f.calls + 1;
    assert_int_equal(lsi_read_into_arena(poor, &ar, path, &text), LIBSI_ENOMEM);
    libsi_ctx_free(poor);
    /* 16 MiB and one byte */
    for (int i = 0; i < 256; i++)
        fwrite(block, 1, sizeof block, fp);
    fclose(fp);
    assert_int_equal(lsi_read_into_arena(ctx, &ar, path, &text), LIBSI_EIO);
    assert_non_null(strstr(libsi_ctx_message(ctx), "' is larger than 16 MiB"));
    remove(path);
    lsi_arena_release(&ar);
    libsi_ctx_free(ctx);
}

/* ------------------------------------------------------ core helpers */

static void core_dates(void **state)
{
    (void)state;
    int v;
    assert_int_equal(lsi_date_parse(NULL, &v, true), LIBSI_EDATE);
    assert_int_equal(lsi_date_parse("20/5-08-01", &v, true), LIBSI_EDATE);
    assert_int_equal(lsi_date_parse("2025-08-011", &v, true), LIBSI_EDATE); /* a day of 3 digits */
    assert_int_equal(lsi_date_parse("2025-08-01", &v, true), 0);
    assert_int_equal(v, 20250801);
    assert_int_equal(lsi_month_parse(NULL, &v), LIBSI_EDATE);
    assert_int_equal(lsi_date_prev_day(20250815), 20250814);
    assert_int_equal(lsi_date_prev_day(20250301), 20250228);
    assert_int_equal(lsi_date_prev_day(20250101), 20241231);
    char buf[16];
    lsi_format_age(-5, buf);
    assert_string_equal(buf, "0y-5m");
    lsi_format_age(12 * 1000 + 1, buf);
    assert_string_equal(buf, "1000y1m");
    lsi_format_age(100 * 12 + 11, buf);
    assert_string_equal(buf, "100y11m");
    lsi_format_age(5 * 12, buf);
    assert_string_equal(buf, "5y0m");
}

static void core_context_helpers(void **state)
{
    (void)state;
    failing f = {0, 0};
    libsi_allocator a = failing_alloc(&f);
    libsi_ctx *ctx;
    a.free = NULL;
    ctx = (libsi_ctx *)1;
    assert_int_equal(libsi_ctx_new(&a, &ctx), LIBSI_EINVAL);
    assert_null(ctx);
    a.free = f_free;
    a.realloc = NULL;
    assert_int_equal(libsi_ctx_new(&a, &ctx), LIBSI_EINVAL);
    a.realloc = f_realloc;
    assert_int_equal(libsi_ctx_new(&a, &ctx), 0);
    void *p = lsi_malloc(&ctx->alloc, 0); /* one byte, not NULL */
    assert_non_null(p);
    p = lsi_realloc(&ctx->alloc, p, 0);
    assert_non_null(p);
    lsi_free(&ctx->alloc, p);
    char *out = (char *)1;
    f.fail_at = f.calls + 1;
    assert_int_equal(lsi_string_out(ctx, "text", "abc", &out), LIBSI_ENOMEM);
    assert_null(out);
    assert_string_equal(libsi_ctx_field(ctx), "text");
    f.fail_at = 0;
    char cut[4];
    lsi_utf8_prefix("a\xc3\xa9", cut, 3); /* "aé" into 2 bytes: the é is not cut */
    assert_string_equal(cut, "a");
    lsi_utf8_prefix("\xc3\xa9", cut, 2);
    assert_string_equal(cut, "");
    lsi_utf8_prefix("ab", cut, sizeof cut);
    assert_string_equal(cut, "ab");
    libsi_ctx_free(ctx);
}

/* lsi_dec_sum (a pension from its components, contributions' totals):
 * amounts to the fen summed exactly, and from the first other part on
 * (another scale, a coefficient beyond int64) the general sum, with its
 * scale and its range. */
static void pension_sum_of_components(void **state)
{
    (void)state;
    lsi_dec out;
    assert_int_equal(lsi_dec_sum(NULL, 0, &out), 0);
    assert_true(out.coef == 0 && out.scale == 2); /* 0.00 */
    const lsi_dec fen[] = {{10000, 2}, {1, 2}, {-50, 2}};
    assert_int_equal(lsi_dec_sum(fen, 3, &out), 0);
    assert_true(out.coef == 9951 && out.scale == 2); /* 100.00 + 0.01 − 0.50 = 99.51 */
    const lsi_dec mixed[] = {{100, 2}, {5, 3}, {200, 2}};
    assert_int_equal(lsi_dec_sum(mixed, 3, &out), 0);
    assert_true(out.coef == 3005 && out.scale == 3); /* 1.00 + 0.005 + 2.00 = 3.005 */
    __int128 big = (__int128)1 << 70;
    const lsi_dec wide[] = {{100, 2}, {big, 2}};
    assert_int_equal(lsi_dec_sum(wide, 2, &out), 0);
    assert_true(out.coef == big + 100 && out.scale == 2);
    const lsi_dec huge[] = {{(__int128)1 << 126, 2}, {(__int128)1 << 126, 2}};
    assert_int_equal(lsi_dec_sum(huge, 2, &out), LIBSI_ERANGE);
}

static void core_decimals(void **state)
{
    (void)state;
    lsi_dec one = lsi_dec_from_int(1), two = lsi_dec_from_int(2), out;
    assert_int_equal(lsi_dec_cmp(lsi_dec_max(one, two), two), 0);
    assert_int_equal(lsi_dec_cmp(lsi_dec_min(two, one), one), 0);
    /* a product that is -2^127 exactly has no negation: out of range */
    lsi_dec a = {-((__int128)1 << 64), 0}, b = {(__int128)1 << 63, 0};
    assert_int_equal(lsi_dec_mul(a, b, &out), LIBSI_ERANGE);
    /* |a| < 10^e for a negative e at scale 0: only zero */
    assert_true(lsi_dec_below_pow10((lsi_dec){0, 0}, -3));
    assert_false(lsi_dec_below_pow10(one, -3));
    assert_false(lsi_dec_below_pow10(lsi_dec_from_int(-1000), 3));
    assert_true(lsi_dec_below_pow10(lsi_dec_from_int(-999), 3));
    /* wholeness and int64 beyond the 64-bit fast paths */
    __int128 e20 = (__int128)100000000000 * 1000000000; /* 10^20 */
    assert_true(lsi_dec_is_whole((lsi_dec){e20, 2}));
    assert_false(lsi_dec_is_whole((lsi_dec){e20 + 1, 2}));
    assert_false(lsi_dec_is_whole((lsi_dec){1, 20}));
    int64_t n = 7;
    assert_int_equal(lsi_dec_to_int64((lsi_dec){e20 * 15, 20}, &n), 0);
    assert_int_equal(n, 15);
    assert_int_equal(lsi_dec_to_int64((lsi_dec){-e20, 0}, &n), LIBSI_ERANGE);
    assert_int_equal(lsi_dec_to_int64((lsi_dec){e20, 0}, &n), LIBSI_ERANGE);
    /* a rational rounded to tens */
    static const lsi_rounding tens = {"test_tens", LIBSI_ROUND_HALF_UP, 1, "test", NULL, 0};
    mpq_t q;
    mpq_init(q);
    mpq_set_ui(q, 12345, 1);
    unsigned flags = 0;
    assert_int_equal(lsi_mpq_round(q, &tens, &out, &flags), 0);
    assert_int_equal(lsi_dec_cmp(out, lsi_dec_from_int(12350)), 0);
    assert_int_equal(flags, LIBSI_FLAG_ROUNDED);
    mpq_clear(q);
    /* rounding rules from a quantum: a power of ten from 10^-18 to 10^6 */
    lsi_rounding r;
    assert_int_equal(lsi_rounding_from_quantum("1000000", LIBSI_ROUND_DOWN, &r), 0);
    assert_int_equal(r.exp, 6);
    assert_int_equal(lsi_rounding_from_quantum("10000000", LIBSI_ROUND_DOWN, &r), LIBSI_EINVAL);
    assert_int_equal(lsi_rounding_from_quantum("0.05", LIBSI_ROUND_DOWN, &r), LIBSI_EINVAL);
    /* fen: whole fen that fit in int64, else out of range */
    int64_t fen;
    bool whole;
    assert_int_equal(lsi_dec_to_fen((lsi_dec){12345, 3}, &fen, &whole), LIBSI_ERANGE);
    assert_false(whole);
    assert_int_equal(lsi_dec_to_fen((lsi_dec){e20, 0}, &fen, &whole), LIBSI_ERANGE);
    assert_true(whole);
    assert_int_equal(lsi_dec_to_fen((lsi_dec){-e20, 0}, &fen, &whole), LIBSI_ERANGE);
    assert_true(whole);
    lsi_dec nines = {0, 0};
    for (int i = 0; i < LSI_DEC_MAX_DIGITS; i++)
        nines.coef = nines.coef * 10 + 9;
    assert_int_equal(lsi_dec_to_fen(nines, &fen, &whole), LIBSI_ERANGE);
    assert_false(whole); /* no fen coefficient for 36 digits of yuan */
    assert_int_equal(lsi_dec_to_fen((lsi_dec){-150, 2}, &fen, &whole), 0);
    assert_int_equal(fen, -150);
}

/* The arena: a spare chunk too small for a request is kept for later; a
 * request of 0 bytes still gets its own address; strdup(NULL) is "". */
static void core_arena_and_builder(void **state)
{
    (void)state;
    failing f = {0, 0};
    libsi_allocator a = failing_alloc(&f);
    lsi_arena ar;
    lsi_arena_init(&ar, &a);
    char *small = lsi_arena_alloc(&ar, 100);
    assert_non_null(small);
    lsi_arena_reset(&ar);
    long calls = f.calls;
    char *big = lsi_arena_alloc(&ar, 40000); /* the spare 16 KiB chunk is too small */
    assert_non_null(big);
    assert_int_equal(f.calls, calls + 1);
    char *again = lsi_arena_alloc(&ar, 100000); /* new chunk again */
    assert_non_null(again);
    assert_non_null(lsi_arena_alloc(&ar, 16)); /* the spare chunk, no allocation */
    assert_int_equal(f.calls, calls + 2);
    void *p0 = lsi_arena_alloc(&ar, 0), *p1 = lsi_arena_alloc(&ar, 0);
    assert_ptr_not_equal(p0, p1);
    assert_string_equal(lsi_arena_strdup(&ar, NULL), "");
    lsi_arena_release(&ar);
    lsi_sb sb;
    lsi_sb_init(&sb, &a);
    f.fail_at = f.calls + 1;
    lsi_sb_printf(&sb, "%d", 42);
    assert_true(sb.failed);
    lsi_sb_printf(&sb, "%d", 43); /* ignored once failed */
    assert_null(lsi_sb_take(&sb));
    f.fail_at = 0;
}

/* The messages of values not of their field's type, one per type. */
static void input_type_errors(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    const libsi_field dt = {"dt", LIBSI_TYPE_DATE, "", "", 0, "", "", "", "", ""};
    const libsi_field in = {"n", LIBSI_TYPE_INTEGER, "", "", 0, "", "", "", "", ""};
    const libsi_field dec = {"d", LIBSI_TYPE_DECIMAL, "", "", 0, "", "", "", "", ""};
    const libsi_field one = {"l", LIBSI_TYPE_LIST, "", "x", 0, "", "", "", "", ""};
    const libsi_field two = {"l", LIBSI_TYPE_LIST, "", "x|y", 0, "", "", "", "", ""};
    const libsi_field txt = {"t", LIBSI_TYPE_TEXT, "", "", 0, "", "", "", "", ""};
    assert_int_equal(lsi_in_type_error(ctx, &dt, "20/5-08-01", "x"), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_message(ctx), "input 'dt': '20/5-08-01': expected a date "
                        "YYYY-MM-DD (or YYYY-MM for the first day of the month), e.g. 1965-03-10");
    assert_int_equal(lsi_in_type_error(ctx, &dt, "2000-02-30", "x"), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_message(ctx), "input 'dt': '2000-02-30': 2000-02 has 29 days, "
                                                "not 30");
    assert_int_equal(lsi_in_type_error(ctx, &dt, "1900-02-29", "x"), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_message(ctx), "input 'dt': '1900-02-29': 1900-02 has 28 days, "
                                                "not 29");
    assert_int_equal(lsi_in_type_error(ctx, &in, "1234567890123x", "x"), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_message(ctx), "input 'n': '1234567890123x': not a whole number: "
                                                "expected digits with an optional '-', e.g. 360");
    assert_int_equal(lsi_in_type_error(ctx, &dec, "x", "(form -?[0-9]+)"), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_message(ctx), "input 'd': 'x': not a decimal number "
                        "((form -?[0-9]+)); write digits with an optional '-' and '.', at most "
                        "18 after the point, e.g. 8000 or 8000.50");
    assert_int_equal(lsi_in_type_error(ctx, &one, "", "x"), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_message(ctx), "input 'l': '': the list is empty; a list is one "
                        "or more of the choices separated by commas, e.g. x,x (leave the input "
                        "out for none); choices: x");
    char item[80];
    memset(item, 'z', 70);
    item[70] = '\0';
    assert_int_equal(lsi_in_type_error(ctx, &two, item, "x"), LIBSI_EINPUT);
    assert_non_null(strstr(libsi_ctx_message(ctx), ": the item 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
                                                  "zzzzzzzzzzzzzzzzzzzzzzzzz' is not one of the "
                                                  "choices x|y")); /* the item cut at 60 */
    assert_int_equal(lsi_in_type_error(ctx, &two, "x,y", "x"), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_message(ctx), "input 'l': 'x,y': expected items of x|y "
                                                "separated by commas");
    assert_int_equal(lsi_in_type_error(ctx, &txt, "abc", "too long"), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_message(ctx), "input 't': 'abc': too long");
    /* an unknown input with a name too long to compare: no suggestion */
    char name[80];
    memset(name, 'd', 70);
    name[70] = '\0';
    assert_int_equal(lsi_in_unknown(ctx, &demo, name), LIBSI_EINPUT);
    assert_null(strstr(libsi_ctx_message(ctx), "did you mean"));
    assert_int_equal(lsi_in_unknown(ctx, &demo, "dd"), LIBSI_EINPUT);
    assert_non_null(strstr(libsi_ctx_message(ctx), "did you mean 'd'?"));
    libsi_ctx_free(ctx);
}

/* The monthly contribution case: month, wage (not negative) and kind, in
 * that order; totals that overflow are the wage's error. */
static const libsi_field case_in[] = {
    {"month", LIBSI_TYPE_MONTH, "", "", 0, "", "the month", "-", "", ""},
    {"wage", LIBSI_TYPE_DECIMAL, "yuan", "", 0, "", "the wage", "-", "", ""},
    {"kind", LIBSI_TYPE_ENUM, "", "employee|flexible", 0, "", "who pays", "-", "", ""},
};
static const lsi_scheme case_scheme = {"case", "a contribution case", case_in, 3, demo_out, N_OUT,
                                       demo_run, NULL};

static void calc_contribution_case(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    lsi_in in[3];
    lsi_out out[N_OUT];
    lsi_in_defaults(&case_scheme, in);
    lsi_calc k = {.ctx = ctx, .scheme = &case_scheme, .in = in, .out = out};
    int kind, date;
    lsi_dec wage;
    assert_int_equal(lsi_in_contribution_case(&k, "kind", &kind, &date, &wage), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_field(ctx), "month");
    assert_null(lsi_in_parse(&case_in[0], "2025-08", &in[0]));
    assert_int_equal(lsi_in_contribution_case(&k, "kind", &kind, &date, &wage), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_field(ctx), "wage");
    assert_null(lsi_in_parse(&case_in[1], "-1", &in[1]));
    assert_int_equal(lsi_in_contribution_case(&k, "kind", &kind, &date, &wage), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_field(ctx), "kind");
    assert_null(lsi_in_parse(&case_in[2], "flexible", &in[2]));
    assert_int_equal(lsi_in_contribution_case(&k, "kind", &kind, &date, &wage), LIBSI_EINPUT);
    assert_string_equal(libsi_ctx_message(ctx), "input 'wage' = '-1': must not be negative");
    assert_null(lsi_in_parse(&case_in[1], "9000", &in[1]));
    assert_int_equal(lsi_in_contribution_case(&k, "kind", &kind, &date, &wage), 0);
    assert_int_equal(kind, 1);
    assert_int_equal(date, 20250801);
    lsi_dec total, nines = {0, 0};
    for (int i = 0; i < 38; i++)
        nines.coef = nines.coef * 10 + 9;
    assert_int_equal(lsi_contribution_totals(&k, LIBSI_ERANGE, wage, wage, &total), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_message(ctx), "input 'wage': total out of range");
    assert_int_equal(lsi_contribution_totals(&k, 0, nines, nines, &total), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_field(ctx), "wage");
    assert_int_equal(lsi_contribution_totals(&k, 0, wage, wage, &total), 0);
    assert_int_equal(lsi_dec_cmp(total, lsi_dec_from_int(18000)), 0);
    libsi_ctx_free(ctx);
}

/* A life table as a calculation's input must cover ages 0 to 105. */
static void calc_mortality_ages(void **state)
{
    fixture *fx = *state;
    char path[] = "/tmp/libsi-table-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fprintf(fp, "age\tQ\n");
    for (int age = 0; age <= 100; age++)
        fprintf(fp, "%d\t%s\n", age, age < 100 ? "0.01" : "1");
    fclose(fp);
    lsi_dec qx[LSI_AGES];
    char want[200];
    snprintf(want, sizeof want, "input 't': life table %s: the table must cover ages 0 to 105 (it "
             "has 0 to 100)", path);
    expect_error(fx, lsi_mortality_load(&fx->k, "t", "e", path, "Q", qx), LIBSI_EINPUT, "t", want);
    remove(path);
    /* no source: the built-in tables */
    assert_int_equal(lsi_mortality_load(&fx->k, "t", "e", NULL, "CL5", qx), 0);
    assert_int_equal(lsi_dec_cmp(qx[LSI_MAX_AGE], lsi_dec_from_int(1)), 0);
    assert_null(lsi_jurisdiction_at(lsi_jurisdiction_count()));
    assert_int_equal(lsi_jurisdiction_at(0)->code, 0);
}

/* ----------------------------------------------------------- renderings */

/* A result as the renderings see it (lsi_view), built by hand: a flag no
 * step raised, a bit without a name, a step with children, a carried-forward
 * rule value without provenance texts, a label given twice, a rounding
 * without residue, no formula, an empty note, text to escape. */
static void view_renderings(void **state)
{
    fixture *fx = *state;
    lsi_trace *t = &fx->trace;
    lsi_rule r = test_rule("x.rate", 440100);
    lsi_tstep *s = lsi_trace_step(t, NULL, "first", "First <step> & \"more\"", "B", "");
    lsi_trace_param(t, s, &r, true);
    lsi_trace_value(t, s, "v", NULL, lsi_dec_from_int(1));
    lsi_trace_value(t, s, "v", NULL, lsi_dec_from_int(2));
    lsi_trace_value(t, s, "w", NULL, lsi_dec_from_int(3));
    lsi_trace_note(t, s, "");
    s->has |= LSI_T_ROUNDING | LSI_T_EXACT | LSI_T_RESULT;
    s->rounding = &LSI_ROUND_FEN;
    s->exact = (lsi_dec){12345, 3};
    s->result = (lsi_dec){1235, 2};
    lsi_tstep *c = lsi_trace_step(t, s, "child", "Child", "B", "F");
    lsi_trace_flag(t, c, LIBSI_FLAG_ROUNDED);
    lsi_trace_flag(t, c, 1u << 30);
    assert_null(give(fx, "d", "7.50"));
    fx->in[slot_of("d")].raw = "007.50";
    const char *values[N_OUT] = {"1.00", NULL, NULL, NULL};
    uint8_t in_order[LSI_MAX_FIELDS], out_order[LSI_MAX_FIELDS];
    lsi_scheme_order(&demo, in_order, out_order);
    lsi_view v = {&demo, fx->in, values, t->steps,
                  LIBSI_FLAG_ROUNDED | LIBSI_FLAG_CAPPED | (1u << 30), "abc", "def", in_order,
                  out_order, NULL, 0};
    lsi_sb sb;
    lsi_sb_init(&sb, &fx->ctx->alloc);
    lsi_view_html(&sb, &v, LIBSI_LANG_EN);
    char *html = lsi_sb_take(&sb);
    assert_non_null(html);
    assert_non_null(strstr(html, "First &lt;step&gt; &amp; &quot;more&quot;"));
    assert_non_null(strstr(html, "<b>CARRIED FORWARD</b>"));
    assert_non_null(strstr(html, "id=\"step-1.1\""));
    assert_non_null(strstr(html, "raised in step <a href=\"#step-1.1\">[1.1]</a>"));
    /* the first step: no formula row, no note row, v once, no residue */
    assert_non_null(strstr(html,
        "<section class=\"step\" id=\"step-1\"><h3>[1] First &lt;step&gt; &amp; &quot;more&quot;"
        "</h3><table>\n<tr><th>basis:</th><td>B</td></tr>\n<tr><th>rule values:</th><td><table "
        "class=\"rules\"><tr><td>x.rate</td><td class=\"num\">0.25 </td><td>广州市 440100<br> "
        "<br>in force 2025-01-01..2025-12-31; conf. ; <b>CARRIED FORWARD</b></td></tr></table>"
        "</td></tr>\n<tr><th>v</th><td class=\"num\">2</td></tr>\n<tr><th>w</th><td "
        "class=\"num\">3</td></tr>\n<tr><th>exact</th><td "
        "class=\"num\">12.345</td></tr>\n<tr><th>rounded by</th><td>fen_half_up</td></tr>\n"
        "<tr><th>result:</th><td class=\"num result\">12.35</td></tr>\n<tr><th>residue</th><td "
        "class=\"num\"></td></tr>\n</table>\n<section class=\"step\" id=\"step-1.1\">"));
    assert_null(strstr(html, "note:"));
    assert_null(strstr(html, ">1<")); /* v = 2 replaces v = 1 */
    assert_non_null(strstr(html, ">capped</th><td></td></tr>")); /* raised by no step */
    assert_non_null(strstr(html, "<tr><th>flag:</th><td class=\"flag\"></td></tr>"));
    lsi_free(&fx->ctx->alloc, html);
    lsi_sb_init(&sb, &fx->ctx->alloc);
    lsi_view_json(&sb, &v, "demo");
    char *json = lsi_sb_take(&sb);
    assert_non_null(strstr(json, "{\"flags\":[\"rounded\",\"capped\"],\"hash\":\"def\""));
    lsi_free(&fx->ctx->alloc, json);
    lsi_sb_init(&sb, &fx->ctx->alloc);
    lsi_view_explain_lang(&sb, &v, LIBSI_LANG_EN);
    char *text = lsi_sb_take(&sb);
    assert_non_null(strstr(text, "\nflags: rounded [1.1] capped\nhash: def\n"));
    lsi_free(&fx->ctx->alloc, text);
}

/* ------------------------------------------------------------ actuarial */

/* A life pension on a three-age table q = 0.1, 0.5, 1 from age 0, 100 a
 * month, no indexation: ä = 1 + 0.9 + 0.45 = 2.35 at i = 0, and by
 * Woolhouse 12 × 100 × (2.35 − 11/24) = 2820 − 550 = 2270. */
static void actuarial_life_pension(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    static const lsi_dec q[] = {{1, 1}, {5, 1}, {1, 0}};
    lsi_life_pension lp = {q, 0, 2, 0, {100, 0}, {0, 0}, LSI_MONTHLY_WOOLHOUSE};
    lsi_dec out;
    assert_int_equal(lsi_pension_epv(ctx, &lp, lsi_dec_from_int(0), &LSI_ROUND_FEN, &out), 0);
    assert_int_equal(lsi_dec_cmp(out, lsi_dec_from_int(2270)), 0);
    assert_int_equal(lsi_pension_epv(ctx, &lp, lsi_dec_from_int(-1), &LSI_ROUND_FEN, &out),
                     LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_field(ctx), "discount_rate");
    /* the root of 12 P ä(i) = 2270 is i = 0 */
    mpq_t irr;
    mpq_init(irr);
    bool found = false;
    assert_int_equal(lsi_pension_irr(&lp, lsi_dec_from_int(2270), irr, &found), 0);
    assert_true(found);
    assert_true(fabs(mpq_get_d(irr)) < 1e-50);
    /* no root: a value of 0, or one above what any rate down to -0.99 gives */
    assert_int_equal(lsi_pension_irr(&lp, lsi_dec_from_int(0), irr, &found), 0);
    assert_false(found);
    __int128 big = 1;
    for (int i = 0; i < 30; i++)
        big *= 10;
    assert_int_equal(lsi_pension_irr(&lp, (lsi_dec){big, 0}, irr, &found), 0);
    assert_false(found);
    /* an EPV beyond 36 digits */
    lp.monthly = (lsi_dec){big * 100000, 0};
    assert_int_equal(lsi_pension_epv(ctx, &lp, lsi_dec_from_int(0), &LSI_ROUND_FEN, &out),
                     LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_field(ctx), "epv_benefits");
    /* a method this engine does not know */
    lp.monthly = (lsi_dec){100, 0};
    lp.method = (lsi_monthly_method)99;
    assert_int_equal(lsi_pension_epv(ctx, &lp, lsi_dec_from_int(0), &LSI_ROUND_FEN, &out),
                     LIBSI_EINVAL);
    assert_string_equal(libsi_ctx_message(ctx), "monthly method 99: unknown");
    /* the exact monthly sum: not rational, no IRR by bisection here; 12 P out of range */
    lp.method = LSI_MONTHLY_EXACT;
    assert_int_equal(lsi_pension_epv_exact(&lp, lsi_dec_from_int(0), irr), LIBSI_EINVAL);
    assert_int_equal(lsi_pension_irr(&lp, lsi_dec_from_int(2270), irr, &found), LIBSI_EINVAL);
    lp.monthly = (lsi_dec){big * 100000, 0}; /* 10^35: the factor has no 36-digit value */
    assert_int_equal(lsi_pension_epv(ctx, &lp, lsi_dec_from_int(0), &LSI_ROUND_FEN, &out),
                     LIBSI_ERANGE);
    lp.monthly = (lsi_dec){(__int128)1 << 125, 0}; /* beyond any parsed value: 12 P overflows */
    assert_int_equal(lsi_pension_epv(ctx, &lp, lsi_dec_from_int(0), &LSI_ROUND_FEN, &out),
                     LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_message(ctx), "12 × the pension out of range");
    lp.monthly = (lsi_dec){100, 0};
    assert_int_equal(lsi_pension_epv(ctx, &lp, lsi_dec_from_int(0), &LSI_ROUND_FEN, &out), 0);
    /* at i = 0 the 12 payments under UDD are exactly ä − 11/24 as well */
    assert_int_equal(lsi_dec_cmp(out, lsi_dec_from_int(2270)), 0);
    assert_int_equal(lsi_pension_epv(ctx, &lp, lsi_dec_from_int(-2), &LSI_ROUND_FEN, &out),
                     LIBSI_ERANGE); /* the annuity's own check of the interest */
    assert_string_equal(libsi_ctx_field(ctx), "interest");
    mpq_clear(irr);
    libsi_ctx_free(ctx);
}

/* Factors rounded from MPFR: a value exactly on a tie at every precision is
 * decided by the rule's own tie-break at the last one; a NaN or a value
 * beyond 36 digits is out of range. */
static void factor_eighth(const void *arg, mpfr_prec_t prec, mpfr_t out)
{
    (void)arg, (void)prec;
    mpfr_set_d(out, 0.125, MPFR_RNDN);
}

static void factor_nan(const void *arg, mpfr_prec_t prec, mpfr_t out)
{
    (void)arg, (void)prec;
    mpfr_set_nan(out);
}

static void factor_huge(const void *arg, mpfr_prec_t prec, mpfr_t out)
{
    (void)arg, (void)prec;
    mpfr_set_ui_2exp(out, 1, 300, MPFR_RNDN);
}

/* lsi_mpfr_set_dec rounds the decimal's exact value once to nearest: the
 * same number MPFR's correctly rounded reading of its text gives, at any
 * precision (coefficients beyond long's range, scales beyond 19 and
 * negative values included; pseudo-random coefficients from an LCG). */
static void actuarial_mpfr_from_decimal(void **state)
{
    (void)state;
    static const lsi_dec fixed[] = {
        {0, 0}, {1, 0}, {-7, 0}, {1, 1}, {3, 1}, {1, 6}, {999999, 6}, {-123456789, 4},
        {(__int128)1 << 100, 0}, {-((__int128)1 << 100) - 1, 30}, {1, 25}, {2, 19}, {7, 20}};
    uint64_t x = 0x9E3779B97F4A7C15u;
    mpfr_prec_t precs[] = {24, 53, 64, 200, 256};
    for (int i = 0; i < 400; i++) {
        lsi_dec d;
        if (i < (int)(sizeof fixed / sizeof fixed[0])) {
            d = fixed[i];
        } else {
            x = x * 6364136223846793005u + 1442695040888963407u;
            __int128 c = (__int128)(x >> (i % 40));
            d = (lsi_dec){(i & 1) ? -c * (__int128)(x | 1) : c, (int32_t)(i % 24)};
        }
        char text[LIBSI_DECIMAL_MAX + 1];
        lsi_dec_format(d, text);
        for (size_t k = 0; k < sizeof precs / sizeof precs[0]; k++) {
            mpfr_t a, b;
            mpfr_inits2(precs[k], a, b, (mpfr_ptr)0);
            lsi_mpfr_set_dec(a, d);
            mpfr_set_str(b, text, 10, MPFR_RNDN);
            if (!mpfr_equal_p(a, b) && !(mpfr_zero_p(a) && mpfr_zero_p(b)))
                fail_msg("%s at %ld bits", text, (long)precs[k]);
            mpfr_clears(a, b, (mpfr_ptr)0);
        }
    }
}

static void actuarial_factor_rounding(void **state)
{
    (void)state;
    libsi_ctx *ctx;
    assert_int_equal(libsi_ctx_new(NULL, &ctx), 0);
    static const lsi_rounding even = {"test_even_2", LIBSI_ROUND_HALF_EVEN, -2, "test", NULL, 0};
    static const lsi_rounding up = {"test_up_2", LIBSI_ROUND_HALF_UP, -2, "test", NULL, 0};
    lsi_dec out;
    assert_int_equal(lsi_factor_round(ctx, factor_eighth, NULL, 64, &even, &out), 0);
    assert_int_equal(lsi_dec_cmp(out, (lsi_dec){12, 2}), 0);
    assert_int_equal(lsi_factor_round(ctx, factor_eighth, NULL, 64, &up, &out), 0);
    assert_int_equal(lsi_dec_cmp(out, (lsi_dec){13, 2}), 0);
    assert_int_equal(lsi_factor_round(ctx, factor_nan, NULL, 64, &up, &out), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_message(ctx),
                        "the factor does not fit in a decimal of 36 digits at 2 decimals");
    assert_int_equal(lsi_factor(ctx, factor_huge, NULL, 64, 6, &out), LIBSI_ERANGE);
    assert_string_equal(libsi_ctx_field(ctx), "decimals");
    libsi_ctx_free(ctx);
}

/* contributions.c's shortcuts without a trace (amounts to the fen within
 * int64) give the general path's outputs and flags: a case run at trace none
 * and full has the same results.  A wage of 10^20 yuan (Guangzhou sets no
 * work-injury ceiling) makes the work-injury amount 2 × 10^19 fen, beyond
 * int64: the general sums, at both levels. */
static void contributions_shortcuts_as_traced(void **state)
{
    fixture *fx = *state;
    static const char *const wages[] = {"9000", "12345.675", "100000000000000000000"};
    for (size_t w = 0; w < sizeof wages / sizeof *wages; w++) {
        libsi_case *c;
        libsi_result *none = NULL, *full = NULL;
        assert_int_equal(libsi_case_new(fx->ctx, &c), 0);
        assert_int_equal(libsi_case_set(fx->ctx, c, "city", "guangzhou"), 0);
        assert_int_equal(libsi_case_set(fx->ctx, c, "month", "2025-08"), 0);
        assert_int_equal(libsi_case_set(fx->ctx, c, "wage", wages[w]), 0);
        assert_int_equal(libsi_calculate_traced(fx->ctx, fx->rs, "contributions", c,
                                                LIBSI_TRACE_NONE, &none), 0);
        assert_int_equal(libsi_calculate_traced(fx->ctx, fx->rs, "contributions", c,
                                                LIBSI_TRACE_FULL, &full), 0);
        assert_int_equal(libsi_result_count(none), libsi_result_count(full));
        for (size_t i = 0; i < libsi_result_count(full); i++)
            assert_string_equal(libsi_result_value(none, i), libsi_result_value(full, i));
        assert_int_equal(libsi_result_flags(none), libsi_result_flags(full));
        libsi_result_free(none);
        libsi_result_free(full);
        libsi_case_free(c);
    }
}

/* The context's rule cache keeps what it resolved across calls with the
 * same ruleset (same generation, no new frame for the same month); a call
 * with another ruleset starts a new generation and moves the reference;
 * when the counter wraps, all of it is cleared and the generation is 1
 * again.  A ruleset its owner freed stays alive while cached and is
 * released by the next call with another ruleset (LeakSanitizer and the
 * allocation-failure gate check the references). */
static void calc_call_cache_wraps(void **state)
{
    fixture *fx = *state;
    libsi_case *c;
    libsi_result *r = NULL;
    assert_int_equal(libsi_case_new(fx->ctx, &c), 0);
    assert_int_equal(libsi_case_set(fx->ctx, c, "city", "guangzhou"), 0);
    assert_int_equal(libsi_case_set(fx->ctx, c, "month", "2025-08"), 0);
    assert_int_equal(libsi_case_set(fx->ctx, c, "wage", "9000"), 0);
    assert_int_equal(libsi_calculate(fx->ctx, fx->rs, "contributions", c, &r), 0);
    libsi_result_free(r);
    lsi_rule_cache *cache = fx->ctx->rule_cache;
    assert_non_null(cache);
    assert_ptr_equal(cache->rs, fx->rs);
    unsigned gen = cache->gen, used = cache->used;
    assert_int_equal(libsi_calculate(fx->ctx, fx->rs, "contributions", c, &r), 0);
    assert_int_equal(cache->gen, gen);
    assert_int_equal(cache->used, used);
    libsi_result_free(r);
    libsi_ruleset *other;
    assert_int_equal(libsi_ruleset_builtin(fx->ctx, &other), 0);
    cache->gen = UINT32_MAX;
    assert_int_equal(libsi_calculate(fx->ctx, other, "contributions", c, &r), 0);
    assert_int_equal(cache->gen, 1);
    assert_ptr_equal(cache->rs, other);
    assert_string_equal(libsi_result_get(r, "employee_total"), "738.00");
    libsi_result_free(r);
    libsi_ruleset_free(other); /* the cache still holds it */
    assert_int_equal(libsi_calculate(fx->ctx, fx->rs, "contributions", c, &r), 0);
    assert_int_equal(cache->gen, 2);
    assert_ptr_equal(cache->rs, fx->rs);
    assert_string_equal(libsi_result_get(r, "employee_total"), "738.00");
    libsi_result_free(r);
    libsi_case_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(trace_empty_texts_and_repeated_labels),
        cmocka_unit_test(trace_rule_values_flags_and_places),
        cmocka_unit_test(trace_deep_children),
        cmocka_unit_test(trace_many_values),
        cmocka_unit_test(trace_out_of_memory),
        cmocka_unit_test_setup_teardown(calc_parse_and_defaults, calc_setup, calc_teardown),
        cmocka_unit_test_setup_teardown(calc_readers, calc_setup, calc_teardown),
        cmocka_unit_test_setup_teardown(calc_rule_cache, calc_setup, calc_teardown),
        cmocka_unit_test_setup_teardown(calc_name_cache, calc_setup, calc_teardown),
        cmocka_unit_test_setup_teardown(calc_param_or_input, calc_setup, calc_teardown),
        cmocka_unit_test_setup_teardown(calc_bounds, calc_setup, calc_teardown),
        cmocka_unit_test_setup_teardown(calc_working_months, calc_setup, calc_teardown),
        cmocka_unit_test_setup_teardown(calc_steps_and_roundings, calc_setup, calc_teardown),
        cmocka_unit_test_setup_teardown(calc_outputs, calc_setup, calc_teardown),
        cmocka_unit_test_setup_teardown(calc_run_city_and_canonical, calc_setup, calc_teardown),
        cmocka_unit_test_setup_teardown(calc_run_out_of_memory, calc_setup, calc_teardown),
        cmocka_unit_test_setup_teardown(calc_kernels, calc_setup, calc_teardown),
        cmocka_unit_test_setup_teardown(calc_fields_by_index, calc_setup, calc_teardown),
        cmocka_unit_test(i18n_texts),
        cmocka_unit_test(i18n_messages),
        cmocka_unit_test(i18n_context_message),
        cmocka_unit_test(yaml_limits),
        cmocka_unit_test(yaml_lookups),
        cmocka_unit_test(json_members),
        cmocka_unit_test(json_string_escapes_everywhere),
        cmocka_unit_test(dec_format_every_width),
        cmocka_unit_test(rounding_json_as_written),
        cmocka_unit_test(sb_printf_across_growth),
        cmocka_unit_test(step_catalogue_json_as_written),
        cmocka_unit_test(rule_provenance_as_written),
        cmocka_unit_test(csv_cells),
        cmocka_unit_test(io_reading),
        cmocka_unit_test(core_dates),
        cmocka_unit_test(core_context_helpers),
        cmocka_unit_test(core_decimals),
        cmocka_unit_test(pension_sum_of_components),
        cmocka_unit_test(core_arena_and_builder),
        cmocka_unit_test(input_type_errors),
        cmocka_unit_test(calc_contribution_case),
        cmocka_unit_test(actuarial_life_pension),
        cmocka_unit_test_setup_teardown(calc_call_cache_wraps, calc_setup, calc_teardown),
        cmocka_unit_test_setup_teardown(contributions_shortcuts_as_traced, calc_setup,
                                        calc_teardown),
        cmocka_unit_test(actuarial_factor_rounding),
        cmocka_unit_test(actuarial_mpfr_from_decimal),
        cmocka_unit_test_setup_teardown(view_renderings, calc_setup, calc_teardown),
        cmocka_unit_test_setup_teardown(calc_mortality_ages, calc_setup, calc_teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    libsi_ruleset_free(builtin_rs);
    return rc;
}

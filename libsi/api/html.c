/*
 * The printable calculation sheet (issue #17): one self-contained HTML page
 * per result, laid out like the agency's approval form for the benefit
 * (养老金核定表 for a pension): the inputs, the results, then each step with
 * its legal basis, formula, rule values (document, article, period,
 * confidence), the values it used, the exact value, rounding and residue;
 * the flags with the steps that raised them, and the hash.  Inline CSS only,
 * A4 portrait (@page); the same words as the explanation, in its language.
 */
#include <stdio.h>
#include <string.h>

#include "result.h"

static const char *word(lsi_render *rd, const char *en)
{
    return lsi_tr_cached(&rd->tr, en);
}

/* Text as HTML character data or attribute value. */
static void esc(lsi_sb *sb, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '&': lsi_sb_append(sb, "&amp;"); break;
        case '<': lsi_sb_append(sb, "&lt;"); break;
        case '>': lsi_sb_append(sb, "&gt;"); break;
        case '"': lsi_sb_append(sb, "&quot;"); break;
        default: lsi_sb_appendn(sb, p, 1);
        }
    }
}

/* <tag class="cls">text</tag> */
static void cell(lsi_sb *sb, const char *tag, const char *cls, const char *text)
{
    lsi_sb_printf(sb, "<%s%s%s%s>", tag, cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    esc(sb, text);
    lsi_sb_printf(sb, "</%s>", tag);
}

/* The form each calculation is printed as. */
static const char *form_title(const char *scheme)
{
    static const struct {
        const char *scheme, *title;
    } forms[] = {
        {"pension", "Pension approval form (养老金核定表)"},
        {"contributions", "Social insurance contribution sheet (社会保险费核定表)"},
        {"unemployment", "Unemployment benefit approval form (失业保险金核定表)"},
        {"work_injury", "Work-injury benefit approval form (工伤保险待遇核定表)"},
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (strcmp(scheme, forms[i].scheme) == 0)
            return forms[i].title;
    return "Calculation sheet (计算表)";
}

static const char style[] =
    "@page{size:A4 portrait;margin:14mm 12mm}"
    "*{box-sizing:border-box}"
    "body{font-family:'Noto Sans CJK SC','Noto Serif CJK SC','WenQuanYi Micro Hei',"
    "'DejaVu Sans',sans-serif;font-size:9.5pt;color:#000;margin:0 auto;max-width:186mm}"
    "h1{font-size:16pt;text-align:center;margin:0 0 2mm}"
    "h2{font-size:11pt;margin:5mm 0 1.5mm;border-bottom:1.5px solid #000}"
    "h3{font-size:10pt;margin:0;padding:1mm 1.5mm;background:#eee}"
    ".meta{text-align:center;font-size:8.5pt;margin:0 0 3mm}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{border:0.6px solid #555;padding:1mm 1.5mm;vertical-align:top;text-align:left;"
    "overflow-wrap:anywhere}"
    "th{background:#f3f3f3;font-weight:600;width:24%}"
    ".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    ".step{break-inside:avoid;page-break-inside:avoid;border:0.8px solid #555;margin:0 0 2.5mm}"
    ".step .step{margin:1.5mm 0 1.5mm 4mm}"
    ".step table th,.step table td{border-left:0;border-right:0}"
    ".rules th,.rules td{font-size:8pt}"
    ".flag{font-weight:600}"
    ".hash{font-family:'DejaVu Sans Mono',monospace;font-size:8pt;overflow-wrap:anywhere}"
    "thead{display:table-header-group}tr{break-inside:avoid}"
    "@media screen{body{margin:8mm auto}}";

static void head(lsi_sb *sb, const lsi_view *v, lsi_render *rd)
{
    const char *title = word(rd, form_title(v->scheme->name));
    lsi_sb_printf(sb, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                  "<title>", rd->tr.lang == LIBSI_LANG_ZH ? "zh-CN" : "en");
    esc(sb, title);
    lsi_sb_printf(sb, "</title><style>%s</style></head>\n<body>\n<h1>", style);
    esc(sb, title);
    lsi_sb_append(sb, "</h1>\n<p class=\"meta\">");
    esc(sb, v->scheme->name);
    lsi_sb_append(sb, " — ");
    esc(sb, word(rd, v->scheme->description));
    lsi_sb_printf(sb, "<br>libsi %s · %s ", LIBSI_VERSION_STRING, word(rd, "ruleset"));
    esc(sb, v->ruleset);
    lsi_sb_append(sb, "</p>\n");
}

/* "<h2>title</h2>" and a table of class cls with the header cells `cols`
 * (NULL-terminated), up to its body. */
static void table_open(lsi_sb *sb, lsi_render *rd, const char *title, const char *cls,
                       const char *const *cols)
{
    lsi_sb_printf(sb, "<h2>%s</h2>\n<table class=\"%s\"><thead><tr>", word(rd, title), cls);
    for (const char *const *c = cols; *c; c++)
        cell(sb, "th", NULL, word(rd, *c));
    lsi_sb_append(sb, "</tr></thead><tbody>\n");
}

static void inputs_table(lsi_sb *sb, const lsi_view *v, lsi_render *rd)
{
    static const char *const cols[] = {"input", "value", "as given", NULL};
    const lsi_scheme *s = v->scheme;
    table_open(sb, rd, "Inputs", "inputs", cols);
    for (size_t j = 0; j < s->n_inputs; j++) {
        const lsi_in *in = &v->in[v->in_order[j]];
        const libsi_field *f = &s->inputs[v->in_order[j]];
        if (!in->text)
            continue;
        lsi_sb_append(sb, "<tr>");
        cell(sb, "th", NULL, f->name);
        cell(sb, "td", "num", in->text);
        cell(sb, "td", NULL, in->raw ? in->raw : in->given ? "" : word(rd, "default"));
        lsi_sb_append(sb, "</tr>\n");
    }
    lsi_sb_append(sb, "</tbody></table>\n");
}

static void outputs_table(lsi_sb *sb, const lsi_view *v, lsi_render *rd)
{
    static const char *const cols[] = {"output", "value", "unit", "meaning", NULL};
    const lsi_scheme *s = v->scheme;
    table_open(sb, rd, "Results", "outputs", cols);
    for (size_t i = 0; i < s->n_outputs; i++) {
        if (!v->values[i])
            continue;
        lsi_sb_append(sb, "<tr>");
        cell(sb, "th", NULL, s->outputs[i].name);
        cell(sb, "td", s->outputs[i].type == LIBSI_TYPE_JSON ? "json" : "num", v->values[i]);
        cell(sb, "td", NULL, word(rd, s->outputs[i].unit));
        cell(sb, "td", NULL, word(rd, s->outputs[i].description));
        lsi_sb_append(sb, "</tr>\n");
    }
    lsi_sb_append(sb, "</tbody></table>\n");
}

static void row(lsi_sb *sb, const char *label, const char *text, const char *cls)
{
    lsi_sb_append(sb, "<tr>");
    cell(sb, "th", NULL, label);
    cell(sb, "td", cls, text);
    lsi_sb_append(sb, "</tr>\n");
}

static void rules_table(lsi_sb *sb, const lsi_tstep *s, lsi_render *rd)
{
    lsi_sb_printf(sb, "<tr><th>%s</th><td><table class=\"rules\">", word(rd, "rule values:"));
    for (const lsi_tparam *p = s->params; p; p = p->next) {
        const lsi_rule *r = p->rule;
        char place[48], period[32];
        size_t times = lsi_trace_param_reads(s, p);
        if (times == 0)
            continue;
        lsi_trace_place(r->jurisdiction, place);
        snprintf(period, sizeof period, "%s..%s", r->from_text, r->to_text);
        lsi_sb_append(sb, "<tr>");
        cell(sb, "td", NULL, r->name);
        lsi_sb_append(sb, "<td class=\"num\">");
        esc(sb, r->value_text);
        lsi_sb_append(sb, " ");
        esc(sb, word(rd, r->unit));
        if (times > 1)
            lsi_sb_printf(sb, " (×%zu)", times);
        lsi_sb_append(sb, "</td><td>");
        esc(sb, place);
        lsi_sb_append(sb, "<br>");
        esc(sb, r->document);
        lsi_sb_append(sb, " ");
        esc(sb, r->article);
        lsi_sb_printf(sb, "<br>%s ", word(rd, "in force"));
        esc(sb, period);
        lsi_sb_printf(sb, "; %s ", word(rd, "conf."));
        esc(sb, r->confidence);
        if (p->carried_forward)
            lsi_sb_printf(sb, "; <b>%s</b>", word(rd, "CARRIED FORWARD"));
        lsi_sb_append(sb, "</td></tr>");
    }
    lsi_sb_append(sb, "</table></td></tr>\n");
}

static void values_rows(lsi_sb *sb, const lsi_tstep *s, lsi_render *rd)
{
    char buf[LIBSI_DECIMAL_MAX + 1], text[LSI_MSG_MAX];
    for (const lsi_tvalue *v = s->values; v; v = v->next) {
        bool later = false; /* a later value of the same label replaces it */
        for (const lsi_tvalue *w = v->next; w && !later; w = w->next)
            later = strcmp(w->label, v->label) == 0;
        if (later)
            continue;
        if (!v->text)
            lsi_dec_format(v->dec, buf);
        row(sb, v->label, v->text ? lsi_i18n_text(rd->tr.lang, v->text, text, sizeof text) : buf,
            v->text ? NULL : "num");
    }
}

static void outcome_rows(lsi_sb *sb, const lsi_tstep *s, lsi_render *rd)
{
    lsi_outcome_text o;
    unsigned kind = lsi_trace_outcome(s, &o);
    if (kind == LSI_T_ROUNDING) {
        row(sb, word(rd, "exact"), o.exact, "num");
        row(sb, word(rd, "rounded by"), s->rounding->name, NULL);
        row(sb, word(rd, "result:"), o.result, "num result");
        row(sb, word(rd, "residue"), o.residue, "num");
    } else if (kind == LSI_T_RESULT) {
        row(sb, word(rd, "result:"), o.result, "num result");
    }
}

static void steps_html(lsi_sb *sb, const lsi_tstep *steps, const char *prefix, lsi_render *rd);

static void step_html(lsi_sb *sb, const char *number, const lsi_tstep *s, lsi_render *rd)
{
    lsi_sb_printf(sb, "<section class=\"step\" id=\"step-%s\"><h3>[%s] ", number, number);
    esc(sb, word(rd, s->title));
    lsi_sb_append(sb, "</h3><table>\n");
    row(sb, word(rd, "basis:"), word(rd, s->basis), NULL);
    if (*s->formula)
        row(sb, word(rd, "formula:"), word(rd, s->formula), "formula");
    if (s->params)
        rules_table(sb, s, rd);
    values_rows(sb, s, rd);
    outcome_rows(sb, s, rd);
    for (const lsi_tflag *f = s->flags; f; f = f->next)
        row(sb, word(rd, "flag:"), libsi_flag_name(f->flag) ? libsi_flag_name(f->flag) : "",
            "flag");
    char note[LSI_MSG_MAX];
    if ((s->has & LSI_T_NOTE) && *s->note)
        row(sb, word(rd, "note:"), lsi_i18n_text(rd->tr.lang, s->note, note, sizeof note), NULL);
    lsi_sb_append(sb, "</table>\n");
    if (s->children)
        steps_html(sb, s->children, number, rd);
    lsi_sb_append(sb, "</section>\n");
}

static void steps_html(lsi_sb *sb, const lsi_tstep *steps, const char *prefix, lsi_render *rd)
{
    char number[64];
    size_t n = 0;
    for (const lsi_tstep *s = steps; s; s = s->next) {
        lsi_trace_number(number, prefix, ++n);
        step_html(sb, number, s, rd);
    }
}

static void flags_and_hash(lsi_sb *sb, const lsi_view *v, lsi_render *rd)
{
    lsi_sb_printf(sb, "<h2>%s</h2>\n<table class=\"flags\">", word(rd, "Flags and hash"));
    lsi_trace_flag_steps(v->steps, NULL, rd);
    for (unsigned bit = 0; bit < 32; bit++) {
        if (!(v->flags & (1u << bit)) || !libsi_flag_name(1u << bit))
            continue;
        lsi_sb_append(sb, "<tr>");
        cell(sb, "th", "flag", libsi_flag_name(1u << bit));
        lsi_sb_append(sb, "<td>");
        if (rd->flag_step[bit][0])
            lsi_sb_printf(sb, "%s <a href=\"#step-%s\">[%s]</a>", word(rd, "raised in step"),
                          rd->flag_step[bit], rd->flag_step[bit]);
        lsi_sb_append(sb, "</td></tr>\n");
    }
    if (!v->flags)
        row(sb, word(rd, "flags:"), word(rd, "none"), NULL);
    row(sb, word(rd, "hash:"), v->hash, "hash");
    lsi_sb_append(sb, "</table>\n");
}

void lsi_view_html(lsi_sb *sb, const lsi_view *v, libsi_lang lang)
{
    lsi_render rd;
    lsi_render_init(&rd, lang);
    head(sb, v, &rd);
    inputs_table(sb, v, &rd);
    outputs_table(sb, v, &rd);
    lsi_sb_printf(sb, "<h2>%s</h2>\n", word(&rd, "Calculation"));
    steps_html(sb, v->steps, NULL, &rd);
    flags_and_hash(sb, v, &rd);
    lsi_sb_append(sb, "</body></html>\n");
}

int libsi_result_html(libsi_ctx *ctx, const libsi_result *r, libsi_lang lang, char **html)
{
    LSI_API_RETURN_OUT(ctx, html, lsi_result_render(ctx, r, lang, lsi_view_html, "html", html));
}

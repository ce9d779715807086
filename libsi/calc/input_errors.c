/*
 * Messages of the input errors (issue #12 item 6): every error names the
 * input, the value given and what is expected.  A value that is not of its
 * field's type gets a sentence for its type (a date says why it is no date:
 * its form, its month, its day or the range of dates libsi handles); an
 * unknown input suggests the closest name of the schema.
 */
#include <stdio.h>
#include <string.h>

#include "calc_internal.h"

/* The value as shown in a message: one line, at most about 64 bytes. */
void lsi_in_shown(const char *text, char *out, size_t n)
{
    if (strchr(text, '\n')) {
        size_t lines = 1;
        for (const char *p = text; *p; p++)
            lines += *p == '\n' && p[1];
        snprintf(out, n, "(a text of %zu lines)", lines);
        return;
    }
    char cut[72];
    lsi_utf8_prefix(text, cut, sizeof cut);
    snprintf(out, n, "'%s'%s", cut, strlen(cut) < strlen(text) ? "…" : "");
}

/* ------------------------------------------------------- dates, months */

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int days_in(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* Why `s` is no date (day: whether a day is part of the form). */
static int date_why(const char *s, bool day, char *why, size_t n)
{
    size_t len = strlen(s);
    bool form = (len == 7 || (day && len == 10)) && digits(s, 4) && s[4] == '-' &&
                digits(s + 5, 2) && (len == 7 || (s[7] == '-' && digits(s + 8, 2)));
    if (!form) {
        snprintf(why, n, day ? "expected a date YYYY-MM-DD (or YYYY-MM for the first day of the "
                               "month), e.g. 1965-03-10"
                             : "expected a month YYYY-MM, e.g. 2025-08");
        return LIBSI_EINPUT;
    }
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = len == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 1;
    if (m < 1 || m > 12) {
        snprintf(why, n, "there is no month %02d: months run from 01 to 12", m);
        return LIBSI_EINPUT;
    }
    if (y < 1900 || y > 2199) {
        snprintf(why, n, "the year %d is outside the dates libsi handles, 1900-01-01 to "
                         "2199-12-31", y);
        return LIBSI_ERANGE;
    }
    snprintf(why, n, "%04d-%02d has %d days, not %d", y, m, days_in(y, m), d);
    return LIBSI_EINPUT;
}

/* ---------------------------------------------------------------- lists */

static void list_why(const libsi_field *f, const char *v, char *why, size_t n)
{
    const char *form = "a list is one or more of the choices separated by commas, e.g.";
    if (!*v) {
        size_t one = strcspn(f->choices, "|");
        const char *second = f->choices[one] ? f->choices + one + 1 : f->choices;
        snprintf(why, n, "the list is empty; %s %.*s,%.*s (leave the input out for none); "
                         "choices: %s",
                 form, (int)one, f->choices, (int)strcspn(second, "|"), second, f->choices);
        return;
    }
    for (const char *p = v;; p++) {
        size_t len = strcspn(p, ",");
        char item[64];
        snprintf(item, sizeof item, "%.*s", (int)(len < 60 ? len : 60), p);
        bool known = false;
        for (const char *c = f->choices; *c && !known; c += strcspn(c, "|") + (c[strcspn(c, "|")] != 0))
            known = strcspn(c, "|") == len && strncmp(c, p, len) == 0;
        if (!known) {
            snprintf(why, n, len ? "the item '%s' is not one of the choices %s"
                                 : "an item is empty (two commas, or a comma at an end)%s; "
                                   "choices: %s",
                     len ? item : "", f->choices);
            return;
        }
        p += len;
        if (!*p)
            break;
    }
    snprintf(why, n, "expected items of %s separated by commas", f->choices);
}

/* ---------------------------------------------------------------- types */

static int why_of_type(const libsi_field *f, const char *v, const char *parse_why, char *why,
                       size_t n)
{
    switch (f->type) {
    case LIBSI_TYPE_DECIMAL: {
        /* The parser's reason without its grammar "(form -?[0-9]+…)": the
         * example that follows says it in a clerk's words. */
        int cut = (int)strcspn(parse_why, "(");
        while (cut > 0 && parse_why[cut - 1] == ' ')
            cut--;
        snprintf(why, n, "not a decimal number (%.*s); write digits with an optional '-' and "
                         "'.', at most 18 after the point, e.g. 8000 or 8000.50",
                 cut ? cut : (int)strlen(parse_why), parse_why);
        return LIBSI_EINPUT;
    }
    case LIBSI_TYPE_INTEGER: {
        size_t sign = v[0] == '-', len = strlen(v);
        if (len > sign + 12 && digits(v + sign, len - sign)) {
            snprintf(why, n, "more than 12 digits: no count of months, years or persons is "
                             "that large");
            return LIBSI_ERANGE;
        }
        snprintf(why, n, "not a whole number: expected digits with an optional '-', e.g. 360");
        return LIBSI_EINPUT;
    }
    case LIBSI_TYPE_DATE:
    case LIBSI_TYPE_MONTH:
        return date_why(v, f->type == LIBSI_TYPE_DATE, why, n);
    case LIBSI_TYPE_ENUM:
        snprintf(why, n, "%s: expected one of %s", *v ? "not one of the choices" : "empty",
                 f->choices);
        return LIBSI_EINPUT;
    case LIBSI_TYPE_BOOL:
        snprintf(why, n, "expected true or false");
        return LIBSI_EINPUT;
    case LIBSI_TYPE_LIST:
        list_why(f, v, why, n);
        return LIBSI_EINPUT;
    default:
        snprintf(why, n, "%s", parse_why);
        return LIBSI_EINPUT;
    }
}

int lsi_in_type_error(libsi_ctx *ctx, const libsi_field *f, const char *text, const char *why)
{
    char shown[96], detail[LSI_MSG_MAX / 2];
    int code = why_of_type(f, text, why, detail, sizeof detail);
    lsi_in_shown(text, shown, sizeof shown);
    return lsi_fail(ctx, code, f->name, "input '%s': %s: %s", f->name, shown, detail);
}

/* ------------------------------------------------------- unknown inputs */

/* Edit distance of two short names, capped (names are ASCII). */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[65];
    if (la > 64 || lb > 64)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            best = up + 1 < best ? up + 1 : best;
            best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb];
}

int lsi_in_unknown(libsi_ctx *ctx, const lsi_scheme *s, const char *name)
{
    const char *best = NULL;
    size_t d = 3; /* suggest only close names: a typo, not another input */
    for (size_t i = 0; i < s->n_inputs; i++) {
        size_t e = distance(name, s->inputs[i].name);
        if (e < d) {
            d = e;
            best = s->inputs[i].name;
        }
    }
    return lsi_fail(ctx, LIBSI_EINPUT, name,
                    "input '%.64s': not an input of '%s'%s%s%s (see --help or libsi_schema_json)",
                    name, s->name, best ? "; did you mean '" : "", best ? best : "",
                    best ? "'?" : "");
}

/*
 * The naive comparator of issue #10: the monthly contributions as a plain C
 * program would compute them, in `double`, with the Guangzhou, Zhaoqing and
 * Zhanjiang limits and rates of 2024-07 .. 2026-06 hard-coded (copied from
 * data/rules/ *.yaml as of commit f238d40; no rule lookup, no provenance, no
 * exactness).  Update the tables below when those values change.
 *
 *   naive_contrib [--input FILE] [--output FILE] [--int-format]
 *                                                    (default: stdin / stdout)
 *
 * Reads the CSV that `si-batch contributions` reads (header of input names,
 * at least city, month and wage; bench/gen_rows.py writes one; no quoting)
 * and writes the same columns:
 *
 *   row,pension_base,pension_employer,pension_employee,pension_account_credit,
 *   pension_total,unemployment_base,unemployment_employer,unemployment_employee,
 *   work_injury_base,work_injury_rate,work_injury_employer,employer_total,
 *   employee_total,total,error
 *
 * Per row: split the line, strtod the wage, clamp to the bands, multiply by
 * the rates, round each amount to the fen (round(x * 100) / 100, so the
 * totals are sums of the amounts as paid) and print with %.2f.  A cent can
 * differ from libsi where a product lands on half a fen (binary doubles);
 * bench/verify.py counts those rows.  It is a baseline for speed, never a
 * reference for amounts.
 *
 * printf("%.2f") of a double is most of this program's time (glibc converts
 * it exactly, with multi-precision arithmetic).  --int-format writes the same
 * text from llround(x * 100) with integer digits instead: a stricter baseline
 * (what a programmer tuning the naive program would do first).  Built by bench/meson.build, never run by tests.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_COLUMNS = 32 };

typedef struct limits {
    int from_month; /* year * 12 + month - 1, first month in force */
    double pension_floor, pension_ceiling, minimum_wage, ui_ceiling, wi_floor, wi_ceiling;
} limits;

/* Newest first; a month before the last entry is an error (no data).  The
 * unemployment floor is the minimum wage; Guangzhou's work-injury base has
 * the minimum wage as floor and no ceiling. */
static const limits GUANGZHOU[] = {
    {2025 * 12 + 6, 5510, 27549, 2500, 27549, 2500, HUGE_VAL}, /* 2025-07 */
    {2025 * 12 + 2, 5500, 27501, 2500, 27501, 2500, HUGE_VAL}, /* 2025-03: minimum wage */
    {2024 * 12 + 6, 5500, 27501, 2300, 27501, 2300, HUGE_VAL}, /* 2024-07 */
};
static const limits ZHAOQING_ZHANJIANG[] = { /* 441200 and 440800 share every value */
    {2025 * 12 + 6, 4775, 27549, 1850, 27549, 4775, 27549},
    {2025 * 12 + 2, 4492, 27501, 1850, 27501, 4492, 27501},
    {2024 * 12 + 6, 4492, 27501, 1720, 27501, 4492, 27501},
};
static const int LAST_MONTH = 2026 * 12 + 5; /* the limits end 2026-06 */

static const double PENSION_EMPLOYER = 0.15, PENSION_EMPLOYEE = 0.08, ACCOUNT = 0.08;
static const double UI_EMPLOYER = 0.0048, UI_EMPLOYEE = 0.002, WI_RATE = 0.002;

static double fen(double x)
{
    return round(x * 100.0) / 100.0;
}

static double clamp(double w, double lo, double hi)
{
    return w > hi ? hi : w < lo ? lo : w;
}

/* x as "-123.45" from llround(x * 100); returns the end. */
static char *put_fen(char *p, double x)
{
    long long f = llround(x * 100.0);
    if (f < 0) {
        *p++ = '-';
        f = -f;
    }
    char digits[24];
    int n = 0;
    long long whole = f / 100;
    do
        digits[n++] = (char)('0' + whole % 10);
    while ((whole /= 10) != 0);
    while (n > 0)
        *p++ = digits[--n];
    *p++ = '.';
    *p++ = (char)('0' + f / 10 % 10);
    *p++ = (char)('0' + f % 10);
    *p++ = ',';
    return p;
}

static const limits *find_limits(const char *city, int month)
{
    const limits *table;
    if (strcmp(city, "guangzhou") == 0 || strcmp(city, "440100") == 0)
        table = GUANGZHOU;
    else if (strcmp(city, "zhaoqing") == 0 || strcmp(city, "441200") == 0 ||
             strcmp(city, "zhanjiang") == 0 || strcmp(city, "440800") == 0)
        table = ZHAOQING_ZHANJIANG;
    else
        return NULL;
    if (month > LAST_MONTH)
        return NULL;
    for (int i = 0; i < 3; i++)
        if (month >= table[i].from_month)
            return &table[i];
    return NULL;
}

/* "2025-08" → 2025 * 12 + 7, or -1. */
static int parse_month(const char *s)
{
    char *end;
    long y = strtol(s, &end, 10);
    if (end != s + 4 || *end != '-')
        return -1;
    long m = strtol(end + 1, &end, 10);
    if (*end != '\0' || m < 1 || m > 12)
        return -1;
    return (int)(y * 12 + m - 1);
}

/* Split `line` in place at commas; returns the number of cells. */
static int split(char *line, char **cells)
{
    int n = 0;
    size_t len = strcspn(line, "\r\n");
    line[len] = '\0';
    cells[n++] = line;
    for (char *p = line; *p; p++)
        if (*p == ',') {
            *p = '\0';
            if (n == MAX_COLUMNS)
                break;
            cells[n++] = p + 1;
        }
    return n;
}

int main(int argc, char **argv)
{
    const char *in_path = NULL, *out_path = NULL;
    int int_format = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--int-format") == 0) {
            int_format = 1;
            continue;
        }
        if (strcmp(argv[i], "--input") == 0 && i + 1 < argc)
            in_path = argv[++i];
        else if (strcmp(argv[i], "--output") == 0 && i + 1 < argc)
            out_path = argv[++i];
        else {
            fprintf(stderr, "usage: %s [--input FILE] [--output FILE] [--int-format]\n",
                    argv[0]);
            return 1;
        }
    }
    FILE *in = in_path && strcmp(in_path, "-") != 0 ? fopen(in_path, "r") : stdin;
    FILE *out = out_path && strcmp(out_path, "-") != 0 ? fopen(out_path, "w") : stdout;
    if (!in || !out) {
        perror("naive_contrib");
        return 1;
    }
    static char inbuf[1 << 20], outbuf[1 << 20];
    setvbuf(in, inbuf, _IOFBF, sizeof inbuf);
    setvbuf(out, outbuf, _IOFBF, sizeof outbuf);

    char line[4096];
    char *cells[MAX_COLUMNS];
    int city_col = -1, month_col = -1, wage_col = -1;
    if (!fgets(line, sizeof line, in))
        return 0;
    int nh = split(line, cells);
    for (int i = 0; i < nh; i++) {
        if (strcmp(cells[i], "city") == 0) city_col = i;
        else if (strcmp(cells[i], "month") == 0) month_col = i;
        else if (strcmp(cells[i], "wage") == 0) wage_col = i;
    }
    if (city_col < 0 || month_col < 0 || wage_col < 0) {
        fprintf(stderr, "naive_contrib: the header needs city, month and wage\n");
        return 2;
    }
    fputs("row,pension_base,pension_employer,pension_employee,pension_account_credit,"
          "pension_total,unemployment_base,unemployment_employer,unemployment_employee,"
          "work_injury_base,work_injury_rate,work_injury_employer,employer_total,"
          "employee_total,total,error\n", out);

    long row = 0, failed = 0;
    while (fgets(line, sizeof line, in)) {
        row++;
        int n = split(line, cells);
        const char *error = NULL;
        const limits *lim = NULL;
        double wage = 0;
        if (n <= city_col || n <= month_col || n <= wage_col) {
            error = "EINPUT: missing cells";
        } else {
            char *end;
            wage = strtod(cells[wage_col], &end);
            if (end == cells[wage_col] || *end != '\0' || wage < 0)
                error = "EINPUT: input 'wage': not a non-negative number";
            else if (!(lim = find_limits(cells[city_col], parse_month(cells[month_col]))))
                error = "ENOTFOUND: no limits for this city and month";
        }
        if (error) {
            failed++;
            fprintf(out, "%ld,,,,,,,,,,,,,,,%s\n", row, error);
            continue;
        }
        double pbase = fen(clamp(wage, lim->pension_floor, lim->pension_ceiling));
        double p_er = fen(pbase * PENSION_EMPLOYER), p_ee = fen(pbase * PENSION_EMPLOYEE);
        double credit = fen(pbase * ACCOUNT);
        double ubase = fen(clamp(wage, lim->minimum_wage, lim->ui_ceiling));
        double u_er = fen(ubase * UI_EMPLOYER), u_ee = fen(ubase * UI_EMPLOYEE);
        double wbase = fen(clamp(wage, lim->wi_floor, lim->wi_ceiling));
        double w_er = fen(wbase * WI_RATE);
        double er = p_er + u_er + w_er, ee = p_ee + u_ee;
        if (int_format) {
            char buf[512], *p = buf + sprintf(buf, "%ld,", row);
            p = put_fen(p, pbase);
            p = put_fen(p, p_er);
            p = put_fen(p, p_ee);
            p = put_fen(p, credit);
            p = put_fen(p, p_er + p_ee);
            p = put_fen(p, ubase);
            p = put_fen(p, u_er);
            p = put_fen(p, u_ee);
            p = put_fen(p, wbase);
            memcpy(p, "0.002,", 6);
            p += 6;
            p = put_fen(p, w_er);
            p = put_fen(p, er);
            p = put_fen(p, ee);
            p = put_fen(p, er + ee);
            *p++ = '\n';
            fwrite(buf, 1, (size_t)(p - buf), out);
            continue;
        }
        fprintf(out, "%ld,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%g,%.2f,%.2f,%.2f,%.2f,\n",
                row, pbase, p_er, p_ee, credit, p_er + p_ee, ubase, u_er, u_ee, wbase, WI_RATE,
                w_er, er, ee, er + ee);
    }
    if (ferror(in) || fflush(out) != 0 || ferror(out)) {
        perror("naive_contrib");
        return 1;
    }
    if (in != stdin)
        fclose(in);
    if (out != stdout && fclose(out) != 0)
        return 1;
    return failed ? 3 : 0;
}

/*
 * Calendar dates as YYYYMMDD integers and months as year*12 + (month - 1):
 * ordered like the calendar, cheap to compare, no time zones involved.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static bool ymd_valid(int y, int m, int d)
{
    return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

bool lsi_date_valid(int ymd)
{
    return ymd_valid(ymd / 10000, ymd / 100 % 100, ymd % 100);
}

/* Two ASCII digits at s as a number, or -1; the second is read only after
 * a first digit, so the test stops at the end of s. */
static int two_digits(const char *s)
{
    unsigned a = (unsigned char)s[0] - '0', b;
    if (a > 9 || (b = (unsigned char)s[1] - '0') > 9)
        return -1;
    return (int)(a * 10 + b);
}

/* YYYY-MM: the year and month, or false (each test stops at the end of s). */
static bool year_month(const char *s, int *y, int *m)
{
    int hi, lo;
    if ((hi = two_digits(s)) < 0 || (lo = two_digits(s + 2)) < 0 || s[4] != '-' ||
        (*m = two_digits(s + 5)) < 0)
        return false;
    *y = hi * 100 + lo;
    return true;
}

/* YYYY-MM-DD, or YYYY-MM (its first day) when allow_month_only. */
int lsi_date_parse(const char *s, int *ymd, bool allow_month_only)
{
    int y, m, d = 1;
    if (!s || !year_month(s, &y, &m))
        return LIBSI_EDATE;
    bool month_only = s[7] == '\0';
    if (month_only ? !allow_month_only
                   : s[7] != '-' || (d = two_digits(s + 8)) < 0 || s[10] != '\0')
        return LIBSI_EDATE;
    if (!ymd_valid(y, m, d))
        return LIBSI_EDATE;
    *ymd = y * 10000 + m * 100 + d;
    return 0;
}

/* YYYY-MM and nothing after, read in one pass (a batch reads one a row):
 * what lsi_date_parse accepts as a month-only date of length 7. */
int lsi_month_parse(const char *s, int *month_index)
{
    int y, m;
    if (!s || !year_month(s, &y, &m) || s[7] != '\0' || !ymd_valid(y, m, 1))
        return LIBSI_EDATE;
    *month_index = y * 12 + m - 1; /* lsi_date_month_index of its first day */
    return 0;
}

/* (lsi_date_month_index, lsi_month_first_day: inline in internal.h) */

/* Written digit by digit: dates are always in range here (1900–2199). */
static void put_digits(char *o, unsigned v, int n)
{
    for (int i = n - 1; i >= 0; i--, v /= 10)
        o[i] = (char)('0' + v % 10);
}

void lsi_date_format(int ymd, char buf[11])
{
    put_digits(buf, (unsigned)(ymd / 10000 % 10000), 4);
    buf[4] = '-';
    put_digits(buf + 5, (unsigned)(ymd / 100 % 100), 2);
    buf[7] = '-';
    put_digits(buf + 8, (unsigned)(ymd % 100), 2);
    buf[10] = '\0';
}

void lsi_month_format(int month_index, char buf[8])
{
    put_digits(buf, (unsigned)(month_index / 12 % 10000), 4);
    buf[4] = '-';
    put_digits(buf + 5, (unsigned)(month_index % 12 + 1), 2);
    buf[7] = '\0';
}

/* The same day `months` months later, clamped to the end of a shorter month
 * (a person born on 31 August reaches an age in months on 30 April). */
int lsi_date_add_months(int ymd, int months)
{
    int mi = lsi_date_month_index(ymd) + months;
    int y = mi / 12, m = mi % 12 + 1, d = ymd % 100;
    int last = days_in_month(y, m);
    return y * 10000 + m * 100 + (d < last ? d : last);
}

/* Yearly values (average wages, incomes) are looked up on 1 January. */
int lsi_previous_year(int ymd)
{
    return (ymd / 10000 - 1) * 10000 + 101;
}

/* The day before `ymd` (the last day of a period that ends, exclusively, on it). */
int lsi_date_prev_day(int ymd)
{
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    if (d > 1)
        return ymd - 1;
    if (m > 1)
        return y * 10000 + (m - 1) * 100 + days_in_month(y, m - 1);
    return (y - 1) * 10000 + 1231;
}

/* An age or a period in whole months as the approval forms write it: 60y8m. */
void lsi_format_age(int months, char buf[16])
{
    if (months < 0 || months >= 12 * 1000) { /* not an age: say it as it is */
        snprintf(buf, 16, "%dy%dm", months / 12, months % 12);
        return;
    }
    int y = months / 12, m = months % 12, o = 0;
    if (y >= 100) buf[o++] = (char)('0' + y / 100);
    if (y >= 10) buf[o++] = (char)('0' + y / 10 % 10);
    buf[o++] = (char)('0' + y % 10);
    buf[o++] = 'y';
    if (m >= 10) buf[o++] = '1';
    buf[o++] = (char)('0' + m % 10);
    buf[o++] = 'm';
    buf[o] = '\0';
}

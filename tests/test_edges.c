/*
 * Validation edges the vector files do not reach (written for the coverage
 * gate, docs/testing.md "Gates").  Each row is one calculation and the named
 * error the library documents for it: the code, the field it names
 * (libsi_ctx_field) and words of its message; or success, with a flag that
 * must be raised or an output's exact value.  The property behind every error row is issue #12's "a bad
 * input is a named error, never a silent default or a crash"; the source
 * column of each row says which rule of the input it breaks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libsi.h"
#include "vectors.h"

typedef struct edge {
    const char *scheme;
    const char *inputs;   /* name=value pairs separated by '|' ("\n" inside values) */
    int code;             /* expected code (0: success) */
    const char *field;    /* expected field ("" when success) */
    const char *words;    /* in the message (error), or on success a flag name or
                           * "output=value" (that output, byte for byte), or "" */
    const char *source;   /* the rule the row checks */
} edge;

#define PENSION "pension", "city=guangzhou|retirement_group=male60|birth_date=1965-03-10|"
#define GZ_RETIREE "city=guangzhou|retirement_group=male60|birth_date=1965-03-10|"

static const edge edges[] = {
    /* Monthly histories (pension_history.c; docs/pension.md "history"). */
    {PENSION "history=month,base\n1900-01..2000-12,5000\n", LIBSI_EINPUT, "history",
     "more than 1200 months", "a history holds at most 1200 months (a hundred years)"},
    {PENSION "history=month,base,average_wage\n2020-01,5000,0\n", LIBSI_EINPUT, "history",
     "average_wage must be positive", "an index divides by the average wage"},
    {PENSION "history=month,base\n2020-13,5000\n", LIBSI_EINPUT, "history", "YYYY-MM",
     "a month is YYYY-MM"},
    {PENSION "history=month,base\n2020-05..2020-01,5000\n", LIBSI_EINPUT, "history",
     "backwards", "a month range runs forwards"},
    {PENSION "history=month,bases\n2020-01,5000\n", LIBSI_EINPUT, "history", "header",
     "the header names month and base"},
    {PENSION "history=month,base,base\n2020-01,5000,1\n", LIBSI_EINPUT, "history", "header",
     "a column is named once"},
    {PENSION "history=month,base\n2020-01,5000,1\n", LIBSI_EINPUT, "history",
     "3 cells, the header has 2", "every row has the header's cells; the message counts both"},
    {PENSION "history=- 5\n", LIBSI_EINPUT, "history", "mapping",
     "a YAML history is a list of mappings"},
    {PENSION "history=- month: 2020-01\n  base: 5000\n  foo: 1\n", LIBSI_EINPUT, "history",
     "unknown key", "a YAML month has only the four keys"},
    {PENSION "history=- month: 2020-01\n", LIBSI_EINPUT, "history", "required",
     "a YAML month needs month and base"},
    {PENSION "history=history: 1\n", LIBSI_EINPUT, "history", "",
     "a YAML history is a list, not a mapping"},
    {PENSION "history=# a record\n\n# from the agency\nmonth,base\n 2021-07..2024-12 , 9000\n",
     0, "", "", "comment lines before the header and blanks around cells are ignored"},
    {PENSION "history=month,base\n2016-01..2026-12,9000\n", LIBSI_EINPUT, "history",
     "retirement month", "months from the retirement month on are not contribution months"},
    {"pension_account", "history=month,base\n2020-01,5000\n|as_of=2025-13", LIBSI_EINPUT, "as_of",
     "", "as_of is YYYY-MM"},
    /* Dates and months, each part of the form (input_errors.c, date.c; the
     * Gregorian calendar; issue #12 item 6: the message says what is
     * expected). */
    {PENSION "contribution_months=360|average_index=1.5|account_balance=1|birth_date=19x5-03-10",
     LIBSI_EINPUT, "birth_date", "expected a date YYYY-MM-DD", "the year is four digits"},
    {"retirement_age", "retirement_group=male60|birth_date=1965x03-10", LIBSI_EINPUT, "birth_date",
     "expected a date YYYY-MM-DD", "a '-' after the year"},
    {"retirement_age", "retirement_group=male60|birth_date=1965-0x-10", LIBSI_EINPUT, "birth_date",
     "expected a date YYYY-MM-DD", "the month is two digits"},
    {"retirement_age", "retirement_group=male60|birth_date=1965-03x10", LIBSI_EINPUT, "birth_date",
     "expected a date YYYY-MM-DD", "a '-' after the month"},
    {"retirement_age", "retirement_group=male60|birth_date=1965-03-1x", LIBSI_EINPUT, "birth_date",
     "expected a date YYYY-MM-DD", "the day is two digits"},
    {"retirement_age", "retirement_group=male60|birth_date=1965-00-10", LIBSI_EINPUT, "birth_date",
     "there is no month 00", "months run from 01"},
    {"retirement_age", "retirement_group=male60|birth_date=1965-03-00", LIBSI_EINPUT, "birth_date",
     "has 31 days, not 0", "days run from 01"},
    {"retirement_age", "retirement_group=male60|birth_date=1965-04-31", LIBSI_EINPUT, "birth_date",
     "1965-04 has 30 days, not 31", "April has 30 days"},
    {"retirement_age", "retirement_group=male60|birth_date=1900-02-29", LIBSI_EINPUT, "birth_date",
     "1900-02 has 28 days, not 29", "1900 is no leap year (divisible by 100, not by 400)"},
    {"retirement_age", "retirement_group=male60|birth_date=1964-02-30", LIBSI_EINPUT, "birth_date",
     "1964-02 has 29 days, not 30", "1964 is a leap year (divisible by 4)"},
    {"retirement_age", "retirement_group=female50|birth_date=2000-02-29", 0, "", "",
     "2000 is a leap year (divisible by 400)"},
    {"retirement_age", "retirement_group=male60|birth_date=1965-03-10|retirement_date=2025-1",
     LIBSI_EINPUT, "retirement_date", "expected a month YYYY-MM", "a month is YYYY-MM"},
    {"retirement_age", "retirement_group=male60|birth_date=1965-03-10|retirement_date=2025-00",
     LIBSI_EINPUT, "retirement_date", "there is no month 00", "months run from 01"},
    {"retirement_age", "retirement_group=male60|birth_date=1965-03-10|retirement_date=2027-01",
     0, "", "", "inside the flexible window (办法第三条)"},
    {"retirement_age", "retirement_group=male60|birth_date=1965-03-10|retirement_date=2020-01",
     LIBSI_EINPUT, "retirement_date", "outside the flexible window", "before the window (办法第三条)"},
    {"retirement_age", "retirement_group=male60|birth_date=1965-03-10|retirement_date=2035-01",
     LIBSI_EINPUT, "retirement_date", "outside the flexible window", "after the window (办法第三条)"},
    /* The divisor table's age (国发〔2005〕38号 附件: 40 to 70 years). */
    {"pension_divisor", "age=60y12m|retirement_date=2025-04", LIBSI_EINPUT, "age",
     "like 60y3m", "a month count is 0–11"},
    {"pension_divisor", "age=60y3|retirement_date=2025-04", LIBSI_EINPUT, "age", "like 60y3m",
     "the months end with m"},
    {"pension_divisor", "age=60y3mx|retirement_date=2025-04", LIBSI_EINPUT, "age", "like 60y3m",
     "nothing after the m"},
    {"pension_divisor", "age=-1y3m|retirement_date=2025-04", LIBSI_EINPUT, "age", "like 60y3m",
     "no negative years"},
    {"pension_divisor", "age=60y-1m|retirement_date=2025-04", LIBSI_EINPUT, "age", "like 60y3m",
     "no negative months"},
    /* Booleans, choices and whole numbers (input_errors.c). */
    {"contributions", "city=guangzhou|month=2025-08|wage=9000|carry_forward=TRUE", LIBSI_EINPUT,
     "carry_forward", "expected true or false", "booleans are the words true and false"},
    {"contributions", "city=guangzhou|month=2025-08|wage=9000|industry_class=-12345678901234",
     LIBSI_ERANGE, "industry_class", "more than 12 digits", "a signed count of 13 digits"},
    {"contributions", "city=guangzhou|month=2025-08|wage=9000|industry_class=12a",
     LIBSI_EINPUT, "industry_class", "not a whole number", "digits only"},
    {"contributions", "city=guangzhou|month=2025-08|wage=-", LIBSI_EINPUT, "wage",
     "not a decimal number", "a lone sign is no number"},
    {"work_injury", "city=guangzhou|injury_date=2025-03-01|own_wage=9000|area_average_wage=12000|"
     "death=true|dependants=spouse,", LIBSI_EINPUT, "dependants", "an item is empty",
     "a comma at the end leaves an empty item"},
    {"work_injury", "city=guangzhou|injury_date=2025-03-01|own_wage=9000|area_average_wage=12000|"
     "death=true|dependants=,spouse", LIBSI_EINPUT, "dependants", "an item is empty",
     "a comma at the start leaves an empty item"},
    /* Work injury: the facts that go together (work_injury.c). */
    {"work_injury", "city=guangzhou|injury_date=2025-03-01|wage_history=9000,-1|"
     "area_average_wage=12000", LIBSI_EINPUT, "wage_history", "item 2 '-1' is not a wage",
     "a wage is not negative"},
    {"work_injury", "city=guangzhou|injury_date=2025-03-01|wage_history="
     "90000000000000000000000000000000000000000000000000000000000000000,9000|"
     "area_average_wage=12000", LIBSI_EINPUT, "wage_history", "item 1 is empty or too long",
     "an item of 65 digits is no wage"},
    {"work_injury", "city=guangzhou|injury_date=2025-03-01|wage_history="
     "9000,9000,9000,9000,9000,9000,9000,9000,9000,9000,9000,9000,9000|"
     "area_average_wage=12000|disability_grade=7", LIBSI_EINPUT, "wage_history", "not 13",
     "at most the 12 months before the injury (《工伤保险条例》第六十四条); the count stops at 13"},
    {"work_injury", "city=guangzhou|injury_date=2025-03-01|wage_history=9000,9100,8800|"
     "area_average_wage=12000|disability_grade=7", 0, "", "",
     "three months' wages average to 8966.67 (《工伤保险条例》第六十四条)"},
    {"work_injury", "city=guangzhou|injury_date=2025-03-01|own_wage=9000|area_average_wage=12000|"
     "disability_grade=-1", LIBSI_EINPUT, "disability_grade", "1 to 10", "grades run 1 to 10"},
    {"work_injury", "city=guangzhou|injury_date=2025-03-01|own_wage=9000|area_average_wage=12000|"
     "death=true|terminated=true|termination_date=2025-04-01", LIBSI_EINPUT, "", "",
     "a death case takes no termination"},
    {"work_injury", "city=guangzhou|injury_date=2025-03-01|own_wage=9000|area_average_wage=12000|"
     "death=true|nursing_level=full", LIBSI_EINPUT, "", "", "a death case takes no nursing care"},
    {"work_injury", "city=guangzhou|injury_date=2025-03-01|own_wage=9000|area_average_wage=12000|"
     "death_date=2025-04-01", LIBSI_EINPUT, "death_date", "", "a death date needs death=true"},
    {"work_injury", "city=guangzhou|injury_date=2025-03-01|own_wage=9000|area_average_wage=12000|"
     "disability_grade=3|terminated=true|termination_date=2025-06-01|far_from_retirement=true",
     LIBSI_EINPUT, "far_from_retirement", "grade 5–10",
     "grades 1–4 keep the labour relation: the statement has no use"},
    {"work_injury", "city=guangzhou|injury_date=2025-03-01|own_wage=9000|area_average_wage=12000|"
     "disability_grade=7|terminated=true|termination_date=2025-06-01|far_from_retirement=true",
     0, "", "", "the statement far_from_retirement=true replaces the birth date (no reduction)"},
    {"work_injury", "city=guangzhou|injury_date=2025-03-01|own_wage=9000|area_average_wage=12000|"
     "disability_grade=7|terminated=true|termination_date=2025-06-01|birth_date=1966-01-01|"
     "retirement_group=male60", 0, "", "", "a termination 1 year before the retirement age: "
     "the employment subsidy reduced (《广东省工伤保险条例》)"},
    {"work_injury", "city=guangzhou|injury_date=2025-03-01|own_wage=9000|area_average_wage=12000|"
     "disability_grade=7|suspension_months=-3", LIBSI_EINPUT, "suspension_months", "negative",
     "months are not negative"},
    /* Unemployment: the extension needs the birth date (issue #12 item 5). */
    {"unemployment", "city=guangzhou|claim_date=2025-04|contribution_months=60", LIBSI_EINPUT,
     "birth_date", "far_from_retirement=true", "办法第七条 needs the retirement month"},
    {"unemployment", "city=guangzhou|claim_date=2025-04|contribution_months=60|"
     "far_from_retirement=true", 0, "", "", "the statement replaces the birth date"},
    {"unemployment", "city=guangzhou|claim_date=2025-04|contribution_months=60|"
     "far_from_retirement=maybe", LIBSI_EINPUT, "far_from_retirement", "expected true or false",
     "the statement is a boolean"},
    {"skill_subsidy", "city=guangzhou|certificate_level=primary|certificate_date=2025-06-01|"
     "contribution_months=-5", LIBSI_EINPUT, "contribution_months", "negative",
     "months are not negative"},
    {"unemployment_death", "city=zhaoqing|death_date=2026-03-01|city_average_wage=7000", 0, "",
     "", "the city average wage given as an input"},
    /* Pension after retirement (pension_after.c). */
    {"pension_adjustment", "city=guangzhou|year=2200|pension=3000|contribution_months=360",
     LIBSI_EINPUT, "year", "1990–2199", "years run to 2199"},
    {"pension_death", "city=guangzhou|death_date=2025-03-01|contribution_months=-1|"
     "account_balance=0|income_base=50000", LIBSI_EINPUT, "contribution_months", "negative",
     "months are not negative"},
    {"pension_death", "city=guangzhou|death_date=2025-03-01|contribution_months=120|"
     "account_balance=0|income_base=-1", LIBSI_EINPUT, "income_base", "negative",
     "an income is not negative"},
    {"pension_account", "history=month,base\n2020-01..2020-12,5000\n|as_of=2020-06", 0, "", "",
     "the balance as of a month inside the history"},
    {"pension_account", "history=month,base\n2020-01..2020-12,5000\n|as_of=2019-12",
     LIBSI_EINPUT, "as_of", "give as_of=2020-01 or later", "as_of before the history"},
    /* Residents' account history (resident_account.c): blanks, tabs and CRs around lines and
     * cells are not part of a value, G as g; the balance is the oracle's for the clean text
     * (tests/vectors/resident/account.tsv, gz-across-2021). */
    {"resident_account", "city=guangzhou|history= 2019 , G3\n\t2020,\tg3\t\n\r2021,g1\r\n"
     "2022,g2 ;2023,g7", 0, "", "balance=6753.43",
     "gz-across-2021 (国发〔2014〕8号 第六条) with blanks, tabs, CRs and G3: the same 6753.43"},
    {"resident_account", "city=guangzhou|history=2019,100,0,0,0.01,9", LIBSI_EINPUT, "history",
     "expected YEAR,CONTRIBUTION", "a row has at most five cells"},
    {"resident_account", "city=guangzhou|history=2201,100", LIBSI_EINPUT, "history",
     "year must be 1950 to 2200", "years run to 2200"},
    {"resident_pension", "city=guangzhou|birth_date=1960-03-01|payment_month=2025-01|"
     "history=2011,g3;2012,g3|contribution_years=2", LIBSI_EINPUT, "history", "not both",
     "the history or the two figures, not both"},
    {"resident_pension", "city=guangzhou|birth_date=1960-03-01|payment_month=2025-01|"
     "history=2011,g3;2012,g3|known_on=2019-01-01", LIBSI_ENOTFOUND, "", "2019-01-01",
     "known_on passes to the account calculation of the history: the 2021 Guangzhou table "
     "(穗府办规〔2021〕8号) was not known in 2019"},
    /* Pension history text (pension_history.c). */
    {"pension_account", "history=month,base\n2020-01..2020-13,5000\n", LIBSI_EINPUT, "history",
     "YYYY-MM", "the last month of a range is YYYY-MM too"},
    {"pension_account", "history= month,base\n2016-01..2016-12,\t5000\t\n|as_of=2017-01", 0, "",
     "balance=5015.99", "acc-2016-1083 (tests/vectors/pension/account.tsv) with a blank before "
     "the header and tabs around a cell: the same 5015.99"},
    {"pension_account", "history=\r\nmonth,base\r\n\r\n2016-01..2016-12,5000\r\n|as_of=2017-01",
     0, "",
     "balance=5015.99", "acc-2016-1083 with CRLF line ends and a blank CRLF line: the same"},
    {"pension_account", "history=- month: 2020-01\n  base: [5000]\n", LIBSI_EINPUT, "history",
     "", "a YAML base is a scalar"},
    {"pension_account", "history=months:\n  - month: 2020-01\n    base: 5000\n", LIBSI_EINPUT,
     "history", "", "a YAML mapping holds the months under 'history'"},
    /* Month ranges of a history (pension_history.c: 7 + 2 + 7 characters). */
    {PENSION "history=month,base\n2020-01..2020-0,5000\n", LIBSI_EINPUT, "history", "YYYY-MM",
     "a range's end is a whole month"},
    {PENSION "history=month,base\n2020-01.x2020-02,5000\n", LIBSI_EINPUT, "history", "YYYY-MM",
     "a range is joined by two dots"},
    {PENSION "history=month,base\n2020-01x.2020-02,5000\n", LIBSI_EINPUT, "history", "YYYY-MM",
     "a range is joined by two dots"},
    {PENSION "history=month,base\n2020-01..2020-02x,5000\n", LIBSI_EINPUT, "history", "YYYY-MM",
     "nothing after the range"},
    {PENSION "history=month,base\n2020-01...2020-02,5000\n", LIBSI_EINPUT, "history", "YYYY-MM",
     "three dots are no range"},
    {PENSION "history=month,base\n2020-01,-5000\n", LIBSI_EINPUT, "history",
     "is not a non-negative decimal", "a base is not negative"},
    /* Scenario keys, each checked (projection_scenario.c; issue #12 item 4). */
    {"fund_projection", "city=guangzhou|scenario=@SUB:libsi_scenario: 1@libsi_scenario: 2@", LIBSI_EINPUT, "",
     "must be 1 (format version)", "the format version is 1"},
    {"fund_projection", "city=guangzhou|scenario=@SUB:horizon: 2100 @horizon: 2100.5 @", LIBSI_EINPUT, "", "horizon",
     "the horizon is a whole year"},
    {"fund_projection", "city=guangzhou|scenario=@SUB:horizon: 2100 @horizon: 2300 @", LIBSI_EINPUT, "", "horizon",
     "the horizon is at most 2120"},
    {"fund_projection", "city=guangzhou|scenario=@SUB:  male: CL5 @  male: [CL5] @", LIBSI_EINPUT, "", "mortality",
     "a table name is a value"},
    {"fund_projection", "city=guangzhou|scenario=@SUB:  file: builtin @  file: {a: 1} @", LIBSI_EINPUT, "", "mortality",
     "the table file is a value"},
    {"fund_projection", "city=guangzhou|scenario=@SUB:  growth: \"0.045\" @  growth: [1] @", LIBSI_EINPUT, "", "wages.growth",
     "a rate is a value, not a list"},
    {"fund_projection", "city=guangzhou|scenario=@SUB:wages:@wages: 1\nx_wages:@", LIBSI_EINPUT, "", "wages",
     "a section is a mapping of its keys"},
    {"fund_projection", "city=guangzhou|scenario=@SUB:  density: \"0.85\" @  density: \"abc\" @", LIBSI_EINPUT, "", "contribution.density",
     "a ratio is a decimal"},
    {"fund_projection", "city=guangzhou|scenario=@SUB:  new_retiree:@  new_retiree:\n    average_indexx: 1\n@", LIBSI_EINPUT, "",
     "unknown key", "a misspelt key two levels down"},
    {"fund_projection", "city=guangzhou|scenario=@SUB:name: guangzhou-default@name: [a]@", LIBSI_EINPUT, "", "name",
     "a scenario's name is a value"},
    {"fund_projection", "city=guangzhou|scenario=@SUB:\"1409900\"@[1409900]@", LIBSI_EINPUT,
     "scenario", "resident.participants", "a residents' fund figure is a value, not a list"},
    {"stochastic_projection", "city=guangzhou|paths=2|scenario=@SUB:{phi: \"0.6\"@{phi: [1]@",
     LIBSI_EINPUT, "scenario", "stochastic.wage_growth.phi",
     "an AR(1) parameter is a value, not a list"},
    {"member_projection", "city=guangzhou|scenario=@SUB:  crediting_rate: \"0.04\"@"
     "  crediting_rate: [1]@", LIBSI_EINPUT, "scenario", "microsim.crediting_rate",
     "a member-model rate is a value, not a list"},
    {"member_projection", "city=guangzhou|scenario=@SUB:year: \"2025\"@@", LIBSI_EINPUT,
     "scenario", "microsim.generator.calibration.year",
     "a calibration target needs its year as well as its participants"},
    {"member_projection", "city=guangzhou|scenario=@SUB:survivor_benefits: \"true\"@"
     "survivor_benefits: \"maybe\"@", LIBSI_EINPUT, "scenario", "true or false",
     "the member model's survivor benefits are on or off"},
    {"fund_projection", "city=guangzhou|scenario=@DATA@/scenarios/no-such-file.yaml",
     LIBSI_EINPUT, "scenario", "give the path of a file", "a missing scenario file"},
    /* Jurisdictions (jurisdiction.c): codes, names and their spellings. */
    {"contributions", "city=4401000|month=2025-08|wage=9000", LIBSI_EJURISDICTION, "city",
     "unknown jurisdiction", "a code has at most 6 digits (GB/T 2260)"},
    {"contributions", "city=广州市|month=2025-08|wage=9000", 0, "", "",
     "a Chinese city name with 市 (GB/T 2260)"},
    {"contributions", "city=广州省|month=2025-08|wage=9000", 0, "", "",
     "a name followed by 省 is accepted as written on forms"},
    {"contributions", "city=GuangZhou|month=2025-08|wage=9000", 0, "", "",
     "pinyin in any case"},
    {"contributions", "city=guangzhoux|month=2025-08|wage=9000", LIBSI_EJURISDICTION, "city",
     "unknown jurisdiction", "a longer word is not the name"},
    {"contributions", "city=CHINA|month=2025-08|wage=9000", LIBSI_ENOTFOUND,
     "pension.contribution_base.floor", "for nation (000000)",
     "'china' in any case is the nation (000000), whose rules hold no contribution base"},
    /* Monthly histories in their other forms (pension_history.c). */
    {"pension_account", "history=- month: 2020-01\n  base: 5000\n  average_wage: 6000\n  "
     "crediting_rate: \"0.05\"\n", 0, "", "", "a YAML month with all four keys"},
    {"pension_account", "history=history:\n  - month: 2020-01\n    base: 5000\n", 0, "", "",
     "a YAML mapping whose 'history' holds the months"},
    {"pension_account", "history=month,base,average_wage,crediting_rate\n"
     "2020-01..2020-03,5000,6000,0.05\n", 0, "", "", "a CSV history with all four columns"},
    {"pension_account", "history=- base: 5000\n", LIBSI_EINPUT, "history",
     "month and base are required", "a YAML month needs its month"},
    {"pension_account", "history=month,base\n2020-01,5000\n2020-02,0\n", 0, "", "",
     "a base of 0 is recorded and counts no month (issue #12 item 2)"},
    {"pension_account", "history=month,base,average_wage\n2020-01,5000,abc\n", LIBSI_EINPUT,
     "history", "average_wage 'abc' is not a non-negative decimal", "a wage is a decimal"},
    {"pension_account", "history=month,base\n", LIBSI_EINPUT, "history", "", "a header alone is "
     "no history"},
    {PENSION "contribution_months=360|average_index=1.5|account_balance=1|deemed_months=-5",
     LIBSI_EINPUT, "deemed_months", "must not be negative", "deemed months are not negative"},
    {PENSION "contribution_months=360|average_index=1.5|account_balance=1|transition_years=-1",
     LIBSI_EINPUT, "transition_years", "must not be negative", "years are not negative"},
    {PENSION "contribution_months=360|average_index=1.5|account_balance=1|deemed_months=12|"
     "transition_years=16.5", 0, "", "", "W = 16.5 ≤ 3 × (12 + 54) / 12 = 16.5 (粤府函〔2021〕294号 "
     "with pension.average_index.max)"},
    {PENSION "contribution_months=360|average_index=1.5|account_balance=1|deemed_months=12|"
     "transition_years=16.51", LIBSI_ERANGE, "transition_years", "above the maximum 16.50",
     "W above 3 × (12 + 54) / 12"},
    /* Annuity engine bounds (life_annuity.c). */
    {"life_annuity", "table=CL6|age=60|interest=0.03|term=2000000", LIBSI_EINPUT, "term",
     "out of range", "a term of two million years"},
    {"life_annuity", "table=CL6|age=60|interest=0.03|deferral=-2000000", LIBSI_EINPUT,
     "deferral", "out of range", "a deferral below −1,000,000"},
    {"life_annuity", "table=CL6|age=60|interest=0.03|frequency=monthly|fractional_ages=udd|"
     "insurance=death", 0, "", "", "a whole-life insurance (death), monthly, UDD"},
    /* Unemployment fund payments (unemployment_support.c). */
    {"skill_subsidy", "city=guangzhou|certificate_level=advanced|certificate_date=2025-06-01|"
     "contribution_months=12", 0, "", "", "too few months: no subsidy, with the reason"},
    {"job_stabilisation_refund", "city=guangzhou|year=2025|firm_size=sme|insured_count=25|"
     "layoffs=-1|months_paid_in_full=36|premiums_paid_last_year=18000", LIBSI_EINPUT, "layoffs",
     "must be 0 to insured_count (25)", "layoffs are not negative"},
    /* Long values are shown cut at a character (calc.c lsi_utf8_prefix). */
    {"contributions", "city=广州广州广州广州广州广州广州广州广州广州广州广州广州广州广州广州广州广州广州广州广州广州广州广州"
     "|month=2025-08|wage=9000", LIBSI_EJURISDICTION, "city", "unknown jurisdiction",
     "a long Chinese value is shown whole characters only"},
    /* Amounts out of range: named errors, not wrapped numbers. */
    {"work_injury", "city=guangzhou|injury_date=2025-03-01|own_wage=9000|area_average_wage=12000|"
     "death=true|dependants=spouse,child,child,child,child,child,child,child,child,child,child,"
     "child,child,child,child,child,child,child,child,child,child", LIBSI_EINPUT, "dependants",
     "at most 20", "a death case lists at most 20 dependants"},
    {"pension_measures", GZ_RETIREE "contribution_months=360|average_index=1.5|"
     "account_balance=180000|mortality=@TESTDATA@/lifetable-small.tsv|table=SMALL",
     LIBSI_EINPUT, "mortality", "ages 0 to 105", "the money's-worth tables cover ages 0–105"},
    /* The projection scenario (projection_scenario.c, docs/actuarial.md). */
    {"fund_projection", "city=guangzhou|scenario=@DATA@/scenarios/guangzhou.yaml", 0, "", "",
     "a scenario given as a path is read from the file"},
    {"fund_projection", "city=guangzhou|scenario=/nonexistent/scenario.yaml", LIBSI_EINPUT,
     "scenario", "cannot read", "a scenario path that cannot be read"},
    {"fund_projection", "city=guangzhou|scenario=@SCENARIO@typo_section: 1\n", LIBSI_EINPUT, "",
     "unknown key", "every key of a scenario is read or rejected (issue #12 item 4)"},
    {"fund_projection", "city=guangzhou|scenario=@SCENARIO@", 0, "", "",
     "the default scenario as text"},
    {"fund_projection", "city=guangzhou|scenario=- 1\n", LIBSI_EINPUT, "", "mapping",
     "a scenario is a mapping"},
};

/* The output name before '=' (a static buffer: one row at a time). */
static const char *output_name(const char *words, const char *eq)
{
    static char name[64];
    snprintf(name, sizeof name, "%.*s", (int)(eq - words), words);
    return name;
}

/* Replace @DATA@, @TESTDATA@, @SCENARIO@ (the default scenario's text) and
 * @SUB:old@new@ (that text with its first 'old' replaced by 'new'). */
static char *expand(const char *in, const char *scenario)
{
    char dir[1024];
    size_t cap = strlen(in) + strlen(scenario) + 4096, o = 0;
    char *out = malloc(cap);
    for (const char *p = in; *p;) {
        const char *rep = NULL;
        size_t skip = 0;
        if (strncmp(p, "@DATA@", 6) == 0)
            rep = vec_path("LIBSI_DATA", "", dir, sizeof dir), skip = 6;
        else if (strncmp(p, "@TESTDATA@", 10) == 0)
            rep = vec_path("LIBSI_TESTDATA", "", dir, sizeof dir), skip = 10;
        else if (strncmp(p, "@SCENARIO@", 10) == 0)
            rep = scenario, skip = 10;
        else if (strncmp(p, "@SUB:", 5) == 0) { /* @SUB:old@new@: one line of it changed */
            const char *old = p + 5, *mid = strchr(old, '@'), *end = strchr(mid + 1, '@');
            char *needle = strndup(old, (size_t)(mid - old));
            const char *at = strstr(scenario, needle);
            if (!at) { /* a row that changes nothing would test nothing */
                fprintf(stderr, "@SUB: '%s' is not in the default scenario\n", needle);
                exit(1);
            }
            size_t head = (size_t)(at - scenario);
            memcpy(out + o, scenario, head);
            o += head;
            memcpy(out + o, mid + 1, (size_t)(end - mid - 1));
            o += (size_t)(end - mid - 1);
            strcpy(out + o, at + strlen(needle));
            o += strlen(at + strlen(needle));
            free(needle);
            p = end + 1;
            continue;
        }
        if (rep) {
            size_t n = strlen(rep);
            if (n && rep[n - 1] == '/' && p[skip] == '/')
                n--;
            memcpy(out + o, rep, n);
            o += n;
            p += skip;
        } else
            out[o++] = *p++;
    }
    out[o] = '\0';
    return out;
}

int main(void)
{
    libsi_ctx *ctx;
    libsi_ruleset *rs;
    char path[1024];
    char *scenario = vec_slurp(vec_path("LIBSI_DATA", "scenarios/guangzhou.yaml", path, sizeof path));
    if (!scenario || libsi_ctx_new(NULL, &ctx) != 0 || libsi_ruleset_builtin(ctx, &rs) != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    int bad = 0;
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        const edge *e = &edges[i];
        char *inputs = expand(e->inputs, scenario);
        libsi_case *c;
        libsi_result *r = NULL;
        if (libsi_case_new(ctx, &c) != 0)
            return 1;
        for (char *p = inputs; p && *p;) {
            char *bar = strchr(p, '|'), *eq = strchr(p, '=');
            if (bar)
                *bar = '\0';
            *eq = '\0';
            libsi_case_set(ctx, c, p, eq + 1);
            p = bar ? bar + 1 : NULL;
        }
        int rc = libsi_calculate(ctx, rs, e->scheme, c, &r);
        const char *msg = libsi_ctx_message(ctx), *field = libsi_ctx_field(ctx);
        int ok = rc == e->code;
        if (ok && rc != 0)
            ok = (!*e->field || strcmp(field, e->field) == 0) && strstr(msg, e->words) && *field;
        const char *eq = strchr(e->words, '=');
        if (ok && rc == 0 && eq) {
            const char *got = libsi_result_get(r, output_name(e->words, eq));
            ok = got && strcmp(got, eq + 1) == 0;
        } else if (ok && rc == 0 && *e->words) {
            ok = 0;
            for (unsigned bit = 1; bit; bit <<= 1)
                ok |= (libsi_result_flags(r) & bit) && libsi_flag_name(bit) &&
                      strcmp(libsi_flag_name(bit), e->words) == 0;
        }
        if (!ok) {
            fprintf(stderr, "edge %zu (%s; %s): got %d [%s] %s\n", i + 1, e->scheme, e->source,
                    rc, field, msg);
            bad++;
        }
        libsi_result_free(r);
        libsi_case_free(c);
        free(inputs);
    }
    printf("%zu edges, %d failed\n", sizeof edges / sizeof edges[0], bad);
    free(scenario);
    libsi_ruleset_free(rs);
    libsi_ctx_free(ctx);
    return bad ? 1 : 0;
}

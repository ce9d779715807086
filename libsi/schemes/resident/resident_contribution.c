/*
 * One year's contribution to the residents' pension (城乡居民基本养老保险):
 * the grade chosen (缴费档次), the government's payment for a vulnerable
 * person (代缴), the government contribution subsidy (入口补贴), the
 * collective subsidy (集体补助) and what the personal account is credited.
 *
 *  国发〔2014〕8号 第四条: grades 100–2000 元 (provinces set their own table);
 *           第五条(三): subsidy ≥ 30 元 at the lowest grade, ≥ 60 元 from 500 元;
 *           the government pays part or all of the lowest grade for
 *           重度残疾人 and other groups (代缴);
 *           第六条: contributions, subsidies and collective subsidies all go
 *           to the personal account.
 *  《广东省城乡居民基本养老保险实施办法》: the Guangdong table (10 grades
 *           120–3600 元, then 9 grades 180–4800 元); 代缴 120 元 + 30 元
 *           subsidy; a higher grade chosen: the excess is paid by the insured
 *           and the subsidy follows the grade.  粤人社规〔2022〕29号: 防止返贫
 *           监测对象 join the 代缴 groups.
 *  穗府办规〔2021〕8号 (Guangzhou, from 2021-06-01): 7 grades 360–4800 元; 代缴
 *           at grade 1 (360 元), disabled persons aided by the federation at
 *           grade 5 (1800 元, 穗残联规字〔2021〕2号).
 *
 * All amounts are whole yuan in the tables: no rounding is needed; outputs
 * carry two decimals (LSI_ROUND_FEN, exact).
 */
#include <stdio.h>
#include <string.h>

#include "resident_internal.h"

static const char *const amount_names[LSI_RESIDENT_MAX_GRADES] = {
    "resident.grade.amount_1", "resident.grade.amount_2", "resident.grade.amount_3",
    "resident.grade.amount_4", "resident.grade.amount_5", "resident.grade.amount_6",
    "resident.grade.amount_7", "resident.grade.amount_8", "resident.grade.amount_9",
    "resident.grade.amount_10"};
static const char *const subsidy_names[LSI_RESIDENT_MAX_GRADES] = {
    "resident.subsidy.grade_1", "resident.subsidy.grade_2", "resident.subsidy.grade_3",
    "resident.subsidy.grade_4", "resident.subsidy.grade_5", "resident.subsidy.grade_6",
    "resident.subsidy.grade_7", "resident.subsidy.grade_8", "resident.subsidy.grade_9",
    "resident.subsidy.grade_10"};
static const char *const category_flags[] = {
    NULL, "resident.proxy.category.dibao", "resident.proxy.category.tekun",
    "resident.proxy.category.low_income", "resident.proxy.category.severe_disability",
    "resident.proxy.category.mental_disability", "resident.proxy.category.registered_poor",
    "resident.proxy.category.poverty_monitoring", "resident.proxy.category.disability_aid"};
static const char *const category_words[] = {
    "none", "低保对象 (dibao)", "特困人员 (tekun)", "低收入困难家庭 (low_income)",
    "重度残疾人 (severe_disability)", "精神/智力残疾人 (mental_disability)",
    "建档立卡贫困人口 (registered_poor)", "防止返贫监测对象 (poverty_monitoring)",
    "残联资助的残疾人 (disability_aid)"};

lsi_dec lsi_resident_fen(lsi_dec v)
{
    lsi_dec out = v;
    lsi_dec_round(v, &LSI_ROUND_FEN, &out, NULL); /* whole yuan and fen: exact */
    return out;
}

int lsi_resident_grade_count(lsi_calc *k, int date, int *count)
{
    lsi_dec c;
    int64_t n = 0;
    int rc = lsi_param(k, "resident.grade.count", date, &c);
    if (rc == 0) rc = lsi_dec_to_int64(c, &n);
    if (rc == 0 && (n < 1 || n > LSI_RESIDENT_MAX_GRADES))
        rc = lsi_fail(k->ctx, LIBSI_ERULEFILE, "resident.grade.count",
                      "the grade table has %lld grades; libsi reads at most %d",
                      (long long)n, LSI_RESIDENT_MAX_GRADES);
    *count = (int)n;
    return rc;
}

int lsi_resident_grade(lsi_calc *k, int date, int grade, lsi_dec *amount, lsi_dec *subsidy)
{
    int rc = lsi_param_static(k, amount_names[grade - 1], date, amount);
    return rc == 0 && subsidy ? lsi_param_static(k, subsidy_names[grade - 1], date, subsidy) : rc;
}

/* The table's amounts as "180|240|…" for a message. */
static void table_words(lsi_calc *k, int date, int count, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int g = 1; g <= count && used < n; g++) {
        lsi_dec a;
        char t[LIBSI_DECIMAL_MAX + 1];
        if (lsi_param_static(k, amount_names[g - 1], date, &a) != 0)
            return;
        lsi_dec_format(a, t);
        used += (size_t)snprintf(buf + used, n - used, "%s%s", g > 1 ? "|" : "", t);
    }
}

int lsi_resident_grade_of(lsi_calc *k, int date, lsi_dec amount, const char *input, int *grade)
{
    int count, rc;
    lsi_tstep *step = k->step; /* the scan is not traced; the grade found is */
    k->step = NULL;
    rc = lsi_resident_grade_count(k, date, &count);
    *grade = 0;
    for (int g = 1; rc == 0 && g <= count && !*grade; g++) {
        lsi_dec a;
        rc = lsi_param_static(k, amount_names[g - 1], date, &a);
        if (rc == 0 && lsi_dec_cmp(a, amount) == 0)
            *grade = g;
    }
    char words[160];
    if (rc == 0 && !*grade)
        table_words(k, date, count, words, sizeof words);
    k->step = step;
    if (rc == 0 && !*grade)
        return lsi_in_invalid(k, input, "not a contribution grade (缴费档次) of the table in "
                                        "force: %s 元/年", words);
    return rc;
}

/* ------------------------------------------------------------ steps */

/* 国发〔2014〕8号 第四条; 《广东省城乡居民基本养老保险实施办法》 缴费档次; 穗府办规〔2021〕8号 */
static int grade_step(lsi_calc *k, int date, int grade, lsi_resident_year *y)
{
    int count;
    lsi_step(k, contribution_grade);
    int rc = lsi_resident_grade_count(k, date, &count);
    if (rc == 0 && (grade < 1 || grade > count))
        return lsi_in_invalid(k, "grade", "must be 1 to %d: the table in force has %d grades",
                              count, count);
    if (rc == 0) rc = lsi_resident_grade(k, date, grade, &y->amount, NULL);
    y->grade = grade;
    y->personal = y->amount;
    lsi_step_value(k, "grade", lsi_dec_from_int(grade));
    lsi_step_result(k, y->amount);
    return rc;
}

/* A grade below what the government pays is not a choice (the insured may
 * only add to the 代缴 contribution). */
static int below_proxy(lsi_calc *k, const lsi_resident_year *y, lsi_dec proxy)
{
    char a[LIBSI_DECIMAL_MAX + 1], p[LIBSI_DECIMAL_MAX + 1];
    lsi_dec_format(y->amount, a);
    lsi_dec_format(proxy, p);
    return lsi_in_invalid(k, "grade", "grade %d (%s 元) is below the 代缴 amount %s 元: "
                                      "choose a higher grade or none", y->grade, a, p);
}

/* 国发〔2014〕8号 第五条; 《广东省城乡居民基本养老保险实施办法》 代缴; 粤人社规〔2022〕29号 */
/* 代缴: whether the group is one in force, and what the government pays. */
static int proxy_step(lsi_calc *k, int date, int category, lsi_resident_year *y)
{
    lsi_dec flag, proxy;
    lsi_step(k, proxy_payment);
    int rc = lsi_param_static(k, category_flags[category], date, &flag);
    if (rc != 0)
        return rc;
    if (lsi_dec_is_zero(flag))
        return lsi_in_invalid(k, "vulnerable", "%s is not a 代缴 group in %s on this date",
                              category_words[category], k->place ? k->place->pinyin : "?");
    rc = category == LSI_RESIDENT_DISABILITY_AID
             ? lsi_param(k, "resident.proxy.amount_disability_aid", date, &proxy)
             : lsi_param(k, "resident.proxy.amount", date, &proxy);
    if (rc != 0)
        return rc;
    lsi_step_text(k, "group", category_words[category]);
    if (y->grade == 0)
        y->amount = proxy;
    else if (lsi_dec_cmp(y->amount, proxy) < 0)
        return below_proxy(k, y, proxy);
    y->proxy = proxy;
    rc = lsi_dec_sub(y->amount, proxy, &y->personal);
    lsi_step_value(k, "personal", y->personal);
    lsi_step_result(k, proxy);
    return rc;
}

/* 国发〔2014〕8号 第五条; 《广东省城乡居民基本养老保险实施办法》 政府补贴; city tables not found (NF stand-ins) */
/* 入口补贴: the subsidy of the grade; with 代缴 and no grade, the 代缴 subsidy. */
static int subsidy_step(lsi_calc *k, int date, int category, lsi_resident_year *y)
{
    lsi_step(k, government_subsidy);
    int rc;
    if (y->grade > 0)
        rc = lsi_param_static(k, subsidy_names[y->grade - 1], date, &y->subsidy);
    else if (category == LSI_RESIDENT_DISABILITY_AID)
        rc = lsi_param(k, "resident.proxy.subsidy_disability_aid", date, &y->subsidy);
    else
        rc = lsi_param(k, "resident.proxy.subsidy", date, &y->subsidy);
    lsi_step_result(k, y->subsidy);
    return rc;
}

/* 国发〔2014〕8号 第六条 (个人缴费、政府补贴、集体补助…全部记入个人账户) */
static int credit_step(lsi_calc *k, lsi_dec collective, lsi_resident_year *y)
{
    lsi_step(k, account_credit);
    y->collective = collective;
    lsi_dec t;
    int rc = lsi_dec_add(y->personal, y->proxy, &t);
    if (rc == 0) rc = lsi_dec_add(t, y->subsidy, &t);
    if (rc == 0) rc = lsi_dec_add(t, collective, &y->credit);
    lsi_step_value(k, "collective", collective);
    lsi_step_result(k, y->credit);
    return rc;
}

int lsi_resident_contribution_year(lsi_calc *k, int date, int grade, int category,
                                   lsi_dec collective, lsi_resident_year *y)
{
    memset(y, 0, sizeof *y);
    int rc = grade > 0 ? grade_step(k, date, grade, y) : 0;
    if (rc == 0 && category != LSI_RESIDENT_NOT_VULNERABLE)
        rc = proxy_step(k, date, category, y);
    if (rc == 0) rc = subsidy_step(k, date, category, y);
    return rc ? rc : credit_step(k, collective, y);
}

/* ---------------------------------------------------------------- run */

static int read_grade(lsi_calc *k, int date, int category, int *grade)
{
    int64_t g = 0;
    lsi_dec amount;
    bool by_grade = lsi_in_present(k, "grade"), by_amount = lsi_in_present(k, "amount");
    if (by_grade && by_amount)
        return lsi_in_invalid(k, "amount", "give the grade or its amount, not both");
    if (!by_grade && !by_amount && category == LSI_RESIDENT_NOT_VULNERABLE)
        return lsi_in_invalid(k, "grade", "required: the contribution grade (or amount), "
                                          "unless the government pays (vulnerable)");
    int rc = 0;
    if (by_grade) {
        rc = lsi_in_int(k, "grade", &g);
        if (rc == 0 && (g < 1 || g > LSI_RESIDENT_MAX_GRADES))
            rc = lsi_in_invalid(k, "grade", "must be 1 to %d", LSI_RESIDENT_MAX_GRADES);
    } else if (by_amount) {
        int found;
        rc = lsi_in_dec(k, "amount", &amount);
        if (rc == 0) rc = lsi_resident_grade_of(k, date, amount, "amount", &found);
        g = found;
    }
    *grade = (int)g;
    return rc;
}

static int read_collective(lsi_calc *k, int date, lsi_dec *c)
{
    int rc = lsi_in_dec(k, "collective_subsidy", c);
    if (rc == 0 && lsi_dec_is_negative(*c))
        return lsi_in_invalid(k, "collective_subsidy", "must not be negative");
    return rc ? rc : lsi_check_rule_range(k, "collective_subsidy", *c, NULL,
                                          "resident.collective_subsidy.max", date);
}

static int outputs(lsi_calc *k, const lsi_resident_year *y)
{
    lsi_dec gov;
    int rc = lsi_dec_add(y->proxy, y->subsidy, &gov);
    if (rc == 0 && y->grade > 0) rc = lsi_out_dec(k, "grade", lsi_dec_from_int(y->grade));
    if (rc != 0)
        return rc;
    const lsi_named_dec out[] = {
        {"contribution", lsi_resident_fen(y->amount)},
        {"personal_contribution", lsi_resident_fen(y->personal)},
        {"government_proxy_payment", lsi_resident_fen(y->proxy)},
        {"government_subsidy", lsi_resident_fen(y->subsidy)},
        {"government_total", lsi_resident_fen(gov)},
        {"collective_subsidy", lsi_resident_fen(y->collective)},
        {"account_credit", lsi_resident_fen(y->credit)}};
    return lsi_out_decs(k, out, sizeof out / sizeof out[0]);
}

static int run(lsi_calc *k)
{
    int date, category, grade = 0;
    lsi_dec collective;
    lsi_resident_year y;
    int rc = lsi_in_date(k, "payment_date", &date);
    if (rc == 0) rc = lsi_in_choice(k, "vulnerable", &category);
    if (rc == 0) rc = read_grade(k, date, category, &grade);
    if (rc == 0) rc = read_collective(k, date, &collective);
    if (rc == 0) rc = lsi_resident_contribution_year(k, date, grade, category, collective, &y);
    return rc ? rc : outputs(k, &y);
}

/* The schema (name, description, fields): data/schemas/resident.tsv. */
const lsi_scheme lsi_scheme_resident_contribution = LSI_SCHEME(resident_contribution, run);

/*
 * On the death of a residents' pension member (参保人死亡):
 *
 *  国发〔2014〕8号 第八条: the personal-account balance (contributions, subsidies
 *           and collective subsidies with interest, less what was paid out)
 *           is inherited (个人账户资金余额可以依法继承);
 *  第八条 (also): localities may set a funeral grant (探索建立丧葬补助金制度);
 *           Zhaoqing's plan says it 落实 one; no amount was found for
 *           Guangdong or the three cities (resident.death.funeral_grant: not
 *           in the rule data), so the case gives `funeral_grant` — it is paid
 *           on the death of a pension recipient.
 */
#include <string.h>

#include "resident_internal.h"

/* 国发〔2014〕8号 第八条; 肇庆 plan; amount not found: the case gives funeral_grant */
static int funeral_grant(lsi_calc *k, int date, bool receiving, lsi_dec *grant)
{
    *grant = lsi_dec_from_int(0);
    if (!receiving)
        return 0;
    lsi_step(k, funeral_grant);
    int rc = lsi_param_or_input(k, "resident.death.funeral_grant", date, "funeral_grant", grant);
    lsi_step_result(k, *grant);
    return rc;
}

/* 国发〔2014〕8号 第八条 (个人账户资金余额可以依法继承) */
static int inheritance(lsi_calc *k, lsi_dec balance)
{
    lsi_step(k, inheritable_balance);
    lsi_step_result(k, balance);
    return 0;
}

static int run(lsi_calc *k)
{
    int date;
    bool receiving;
    lsi_dec balance, grant, total;
    int rc = lsi_in_date(k, "death_date", &date);
    if (rc == 0) rc = lsi_in_bool(k, "receiving_pension", &receiving);
    if (rc == 0) rc = lsi_in_dec(k, "account_balance", &balance);
    if (rc == 0 && lsi_dec_is_negative(balance))
        rc = lsi_in_invalid(k, "account_balance", "must not be negative");
    if (rc == 0)
        rc = lsi_check_rule_range(k, "account_balance", balance, NULL,
                                  "resident.account_balance.max", date);
    if (rc == 0) rc = funeral_grant(k, date, receiving, &grant);
    if (rc == 0) rc = inheritance(k, balance);
    if (rc == 0) rc = lsi_dec_add(grant, balance, &total);
    if (rc == 0) rc = lsi_out_dec(k, "funeral_grant", lsi_resident_fen(grant));
    if (rc == 0) rc = lsi_out_dec(k, "inheritable_balance", lsi_resident_fen(balance));
    if (rc == 0) rc = lsi_out_dec(k, "total", lsi_resident_fen(total));
    return rc;
}

/* The schema (name, description, fields): data/schemas/resident.tsv. */
const lsi_scheme lsi_scheme_resident_death = LSI_SCHEME(resident_death, run);

/*
 * Pension of government bodies and public institutions (机关事业单位工作人员
 * 基本养老保险) and their occupational annuity (职业年金): the steps shared
 * by institution_contribution.c, institution_pension.c and
 * occupational_annuity.c.  docs/institution-pension.md lists every step with
 * its source and confidence.
 */
#ifndef LIBSI_INSTITUTION_INTERNAL_H
#define LIBSI_INSTITUTION_INTERNAL_H

#include "calc_internal.h"

/* How the unit is funded (国办发〔2015〕18号第六条): a fully budget-funded
 * unit's employer annuity part is notional (记账); any other unit's is real.
 * The choices of the inputs funding and annuity_funding (data/schemas/
 * institution.tsv) are in this order: fully_funded|other. */
typedef enum lsi_funding { LSI_FUNDING_FULL = 0, LSI_FUNDING_OTHER = 1 } lsi_funding;

/* The institution contribution base of month `date` (YYYYMMDD): the wage
 * clamped to the Guangdong institution band (粤人社发〔2024〕33号, 〔2025〕32号
 * §一), recorded as one trace step. */
int lsi_institution_base(lsi_calc *k, int date, lsi_dec wage, lsi_dec *base);

/* Personal income tax on an annuity payout (财税〔2018〕164号 §四 as quoted):
 * `annual` selects the comprehensive annual table, else the monthly-converted
 * table; tax = round_fen(amount × rate − quick deduction) of the amount's
 * bracket, never below 0.  One trace step. */
int lsi_annuity_payout_tax(lsi_calc *k, int date, lsi_dec amount, bool annual, lsi_dec *tax);

/* The occupational annuity calculation, run as a kernel by institution_pension. */
extern const lsi_scheme lsi_scheme_occupational_annuity;

/* The "history" input of an institution member: parsed, and its bases
 * checked against the institution band (institution_history.c). */
struct lsi_history;
int lsi_ip_history_read(lsi_calc *k, struct lsi_history *h);

/* One retiree of the institution pension (institution_pension.c,
 * institution_methods.c). */
typedef struct lsi_ip_case {
    int birth, birth_month, retire_month, date;   /* date: first day of the retirement month */
    int age_months;
    bool middle;                                  /* 中人: started work before the reform */
    int64_t months, deemed, total_months, minimum, service;
    lsi_dec deemed_index, actual_index, z, balance, c, annuity;
    lsi_dec basic, transitional, account, divisor, new_total;
    lsi_dec percentage, factor, old_standard, share, paid;
    bool compared;                                /* old and new compared (保低限高) */
    int rule;                                     /* LSI_IP_RULE_* */
} lsi_ip_case;

enum { LSI_IP_RULE_NEW_ONLY = 0, LSI_IP_RULE_GUARANTEE = 1, LSI_IP_RULE_SHARE = 2 };

/* The reform date (人社部发〔2015〕28号 §三(四): "2014年10月1日前（简称改革前）"). */
#define LSI_IP_REFORM_YMD 20141001
#define LSI_IP_REFORM_MONTH (2014 * 12 + 9)

/* New method (人社部发〔2015〕28号 §三(四)): Z, the three components and their sum
 * with the annuity (institution_methods.c). */
int lsi_ip_new_method(lsi_calc *k, lsi_ip_case *p);
/* Old method standard (A × M + B + C) × Π(1 + G) (institution_methods.c). */
int lsi_ip_old_method(lsi_calc *k, lsi_ip_case *p);
/* The transition rule applied: new alone, or old and new compared (保低限高). */
int lsi_ip_transition(lsi_calc *k, lsi_ip_case *p);

#endif

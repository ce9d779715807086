/*
 * The residents' pension fund (城乡居民基本养老保险基金) in a projection
 * scenario (issue #14 item 3): an optional `resident:` section, projected
 * year by year beside the employee fund (projection_resident.c).
 */
#ifndef LIBSI_PROJECTION_RESIDENT_H
#define LIBSI_PROJECTION_RESIDENT_H

#include "calc_internal.h"
#include "yaml_tree.h"

typedef struct lsi_resident_scenario {
    bool given;                        /* the scenario has a `resident:` section */
    lsi_dec participants, participant_growth, recipients_share, new_recipient_rate;
    lsi_dec recipient_deaths, density, account_pension, basic_growth, balance, fund_return;
    int grade;
} lsi_resident_scenario;

/* 1: `path` ("resident.grade") is a value's key of the section; 2: the
 * section itself; 0: unknown. */
int lsi_resident_key_kind(const char *path);
/* Read the section from the scenario's root (absent: given = false). */
int lsi_resident_scenario_read(lsi_calc *k, const char *field, const lsi_ynode *root,
                               lsi_resident_scenario *r);
/* Project the fund from base_year to horizon and set the outputs
 * `resident_table` and `resident_final_balance` (nothing when not given). */
int lsi_resident_fund_run(lsi_calc *k, const lsi_resident_scenario *r, int base_year,
                          int horizon);

#endif

/*
 * Member-level projection (microsimulation) of the enterprise employee
 * pension fund (issue #16): every insured person carried year by year with
 * the statutory steps of the individual calculations, then aggregated to the
 * fund's cash flows.  docs/actuarial.md "Member model" gives the equations.
 *
 * The hot path runs on scaled integers, each scale a named rule:
 *   money            int64 fen                    (LSI_ROUND_FEN, half-up)
 *   persons (weight) int64 × 10^-6 persons         (LSI_ROUND_PERSONS, half-even)
 *   survival p_x     int64 × 10^-12                (LSI_ROUND_EXACT_12)
 *   rates            int64 × 10^-6                 (rule values, exact or refused)
 *   index months     int64 × 10^-10                (member_index_10, half-even)
 * Yearly aggregates are exact sums (__int128) of weight × amount, rounded
 * once to the fen per year: the sum is associative, so the thread count and
 * the order of the members never change a result.
 */
#ifndef LIBSI_MEMBER_INTERNAL_H
#define LIBSI_MEMBER_INTERNAL_H

#include <stdint.h>

#include "pension_internal.h"
#include "projection_internal.h"

#define LSI_W_ONE 1000000LL          /* one person, weight scale 10^-6 */
#define LSI_P_ONE 1000000000000LL    /* survival probability 1, scale 10^-12 */
#define LSI_R_ONE 1000000LL          /* rate 1, scale 10^-6 */
#define LSI_IX_ONE 10000000000LL     /* index 1, scale 10^-10 */

/* The named roundings of the member model (besides fen, persons_6, exact_12). */
extern const lsi_rounding LSI_ROUND_MEMBER_INDEX; /* member_index_10 */

typedef enum lsi_member_status {
    LSI_MEMBER_ACTIVE = 0, LSI_MEMBER_RETIRED = 1, LSI_MEMBER_LEFT = 2, LSI_MEMBER_DEAD = 3
} lsi_member_status;

/* One member, typed (parsed from the CSV or generated). */
typedef struct lsi_member {
    int64_t id;
    int group, sex, birth_ymd, birth_month, birth_year, entry_year;
    int retire_month;          /* statutory month (办法第一条), month index */
    lsi_member_status status;
    int64_t weight;            /* persons × 10^6 alive (expected-value mode) */
    int64_t months, deemed;    /* actual and deemed contribution months */
    int64_t index_months;      /* Σ monthly index, × 10^-10 */
    int64_t account;           /* personal account, fen */
    int64_t deemed_account;    /* deemed-contribution account, fen */
    int64_t base_ratio;        /* contribution base / average wage, × 10^-6 */
    int64_t pension;           /* monthly pension in payment, fen */
    int64_t account_pension;   /* its personal-account part at retirement, fen */
    int64_t initial_pension;   /* at retirement (or the file's, for a retiree) */
    int death_year;            /* Monte Carlo: year of death, else 0 */
    lsi_dec ret_z;             /* at retirement: average index, account, base C, */
    int64_t ret_account, ret_cbase; /* so that si-pension reproduces the pension */
} lsi_member;

/* Parameters of one projected year, resolved once before the members run. */
typedef struct lsi_member_year {
    int year;
    int64_t wage, cbase;                /* W(t), C(t), fen a month */
    int64_t floor, ceiling;             /* contribution band of the year, fen */
    int64_t rate, account_rate;         /* total and account contribution rates, × 10^-6 */
    int64_t credit;                     /* account crediting rate, × 10^-6 */
    int64_t indexation;                 /* pensions in payment, × 10^-6 */
    int64_t income_month;               /* survivors' income base a month, fen */
    int64_t px[2][LSI_AGES];            /* survival to the next age, × 10^-12 */
} lsi_member_year;

/* The member model's assumptions (scenario section `microsim`). */
typedef struct lsi_member_scenario {
    lsi_dec credit_rate;       /* crediting beyond the rule data */
    bool survivor_benefits;    /* funeral + survivors' pension + inheritable account */
    lsi_dec income_base;       /* survivors' income base of the base year, yuan a year */
    /* generator */
    int64_t sample;            /* rows generated for the participants */
    lsi_dec index_spread;      /* Z uniform in [z − spread, z + spread] */
    lsi_dec pension_spread;    /* pensions in payment ± spread × average */
    uint32_t seed;
    int calibration_year;      /* 0: the scenario's entrants; else calibrated to */
    lsi_dec calibration_participants; /* the expected participants of that year */
} lsi_member_scenario;

typedef struct lsi_member_totals {
    __int128 contributors, retirees, new_retirees, deaths;   /* × 10^-6 persons */
    __int128 income, pensions, lump_sums, wage_bill, account_credits; /* × 10^-6 fen */
    __int128 roll;             /* Σ w × monthly pension in payment at the year end */
} lsi_member_totals;

/* The run: scenario, years, mode, per-thread calculations. */
typedef struct lsi_member_run {
    lsi_calc *k;
    const lsi_scenario *s;
    lsi_member_scenario ms;
    lsi_member_year *years;
    int n_years;                /* base year .. horizon */
    bool monte_carlo;
    uint64_t seed;
    uint32_t path;
    int64_t density;            /* contribution.density, × 10^-6 */
    int64_t funeral_months, survivor_base, survivor_threshold, survivor_max;
    struct lsi_member_cell *cells;      /* the generator's cells (member_generate.c) */
    int n_cells;
    int64_t rows_per_cell;
    lsi_dec entrants;                   /* entrants of the first projected year (generator) */
} lsi_member_run;

/* Per-thread state: a pension kernel with its own context and rule cache. */
typedef struct lsi_member_worker {
    lsi_member_run *run;
    lsi_kernel pension;         /* typed statutory steps of `pension` */
    int deemed_slot;            /* input slot of deemed_account_balance */
    libsi_ctx *ctx;
    lsi_rule_cache *cache;
    lsi_member_totals *t;       /* n_years */
    int64_t row_years;          /* member rows × years projected (throughput) */
    int err;
} lsi_member_worker;

/* member_scenario.c */
int lsi_member_scenario_read(lsi_calc *k, const lsi_scenario *s, lsi_member_scenario *ms);
int lsi_member_years(lsi_member_run *r);

/* member_population.c: the CSV reader (a block at a time) and the generator. */
typedef struct lsi_member_reader lsi_member_reader;
int lsi_member_reader_open(lsi_calc *k, const char *field, lsi_member_reader **out);
/* Up to `max` members into `m`; *n 0 at the end. */
int lsi_member_reader_next(lsi_member_reader *rd, const lsi_member_run *r, lsi_member *m,
                           size_t max, size_t *n);
void lsi_member_reader_close(lsi_member_reader *rd);
/* Generated population: member `i` of `count` (base population, then entrants). */
int lsi_member_generator(lsi_member_run *r);   /* the cells, from the scenario */
int64_t lsi_member_generated_count(const lsi_member_run *r);
void lsi_member_generate(const lsi_member_run *r, int64_t i, lsi_member *m);
int lsi_member_prepare(const lsi_member_run *r, lsi_member *m); /* statutory month etc. */

/* member_step.c: one member through every year. */
int lsi_member_worker_init(lsi_member_worker *w, lsi_member_run *r);
void lsi_member_worker_free(lsi_member_worker *w);
int lsi_member_project(lsi_member_worker *w, lsi_member *m);

/* member_rng.c: Philox4x32-10 draws keyed by (seed; path, year, member). */
uint64_t lsi_member_draw(uint64_t seed, uint32_t path, uint32_t year, uint64_t member);

/* member_report.c */
int lsi_member_report(lsi_member_run *r, const lsi_member_totals *t);

#endif

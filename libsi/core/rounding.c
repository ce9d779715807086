/*
 * Named rounding rules.  Every rounding point in a calculation names one of
 * these, so the trace and the docs can say which rule applied and why.
 * Sources: agency practice seen on Guangdong approval forms (components to
 * the fen half-up, divisor to 0.1 half-up, index shown with 4 decimals,
 * published limits in whole yuan).
 */
#include <string.h>

#include "internal.h"

const lsi_rounding LSI_ROUND_FEN = {
    "fen_half_up", LIBSI_ROUND_HALF_UP, -2,
    "money to the fen, half-up (四舍五入); agency practice seen on approval forms (养老金核定表), conf. M"};

const lsi_rounding LSI_ROUND_YUAN = {
    "yuan_half_up", LIBSI_ROUND_HALF_UP, 0,
    "published limits and bases are whole yuan (27501 = round(3 × 9167)); "
    "粤人社发〔2024〕33号, 粤人社发〔2025〕32号, conf. H"};

const lsi_rounding LSI_ROUND_TENTH = {
    "tenth_half_up", LIBSI_ROUND_HALF_UP, -1,
    "divisor (计发月数) for ages with months, 0.1 half-up; agency practice seen on approval forms (养老金核定表), conf. M"};

const lsi_rounding LSI_ROUND_INDEX_DISPLAY = {
    "index_display_4", LIBSI_ROUND_HALF_UP, -4,
    "average contribution wage index shown with 4 decimals (carried at full "
    "precision in the formulas); agency practice seen on approval forms (养老金核定表), conf. M"};

const lsi_rounding LSI_ROUND_EXACT_12 = {
    "carry_12", LIBSI_ROUND_HALF_EVEN, -12,
    "intermediate carried to 12 decimals where an exact rational would be unbounded; "
    "far below the fen, never the last rounding of an amount"};

const lsi_rounding LSI_ROUND_INDEX_CARRY = {
    "index_carry_18", LIBSI_ROUND_HALF_EVEN, -18,
    "average contribution wage index carried at 18 decimals (the finest an input "
    "accepts), so a summary case given this value reproduces the history exactly; "
    "agency practice seen on approval forms (养老金核定表) (carried at higher precision than displayed), conf. M"};

const lsi_rounding LSI_ROUND_PERSONS = {
    "persons_6", LIBSI_ROUND_HALF_EVEN, -6,
    "projected numbers of persons are expected values, carried to 6 decimals "
    "(an actuarial modelling convention)"};

const lsi_rounding LSI_ROUND_RATIO = {
    "ratio_4", LIBSI_ROUND_HALF_UP, -4,
    "reported ratios (dependency, cost rate, actuarial balance) with 4 decimals "
    "(a reporting convention)"};

static const lsi_rounding *const named_rules[] = {
    &LSI_ROUND_FEN, &LSI_ROUND_YUAN, &LSI_ROUND_TENTH, &LSI_ROUND_INDEX_DISPLAY,
    &LSI_ROUND_EXACT_12, &LSI_ROUND_INDEX_CARRY, &LSI_ROUND_PERSONS, &LSI_ROUND_RATIO};

const lsi_rounding *lsi_rounding_find(const char *name)
{
    for (size_t i = 0; i < sizeof named_rules / sizeof named_rules[0]; i++)
        if (name && strcmp(named_rules[i]->name, name) == 0)
            return named_rules[i];
    return NULL;
}

static const char *const mode_names[] = {"half_up", "half_even", "down", "up", "carry"};

const char *libsi_round_mode_name(libsi_round_mode mode)
{
    if ((unsigned)mode >= sizeof mode_names / sizeof mode_names[0])
        return NULL;
    return mode_names[mode];
}

int libsi_round_mode_parse(const char *name, libsi_round_mode *out)
{
    for (size_t i = 0; i < sizeof mode_names / sizeof mode_names[0]; i++) {
        if (name && out && strcmp(mode_names[i], name) == 0) {
            *out = (libsi_round_mode)i;
            return 0;
        }
    }
    return LIBSI_EINVAL;
}

/* A quantum is a positive power of ten, 10^-18 … 10^6, written as a decimal. */
int lsi_rounding_from_quantum(const char *quantum, libsi_round_mode mode, lsi_rounding *out)
{
    lsi_dec q;
    if (!libsi_round_mode_name(mode) || lsi_dec_parse(quantum, &q, NULL) != 0 || q.coef <= 0)
        return LIBSI_EINVAL;
    int exp = -q.scale;
    __int128 c = q.coef;
    while (c % 10 == 0) {
        c /= 10;
        exp++;
    }
    if (c != 1 || exp < -18 || exp > 6)
        return LIBSI_EINVAL;
    out->name = "caller";
    out->mode = mode;
    out->exp = exp;
    out->basis = "rounding requested by the caller";
    return 0;
}

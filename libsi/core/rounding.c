/*
 * Named rounding rules.  Every rounding point in a calculation names one of
 * these, so the trace and the docs can say which rule applied and why.
 * Sources: agency practice seen on Guangdong approval forms (components to
 * the fen half-up, divisor to 0.1 half-up, index shown with 4 decimals,
 * published limits in whole yuan).
 */
#include <stdint.h>
#include <string.h>

#include "internal.h"

const lsi_rounding LSI_ROUND_FEN = LSI_ROUNDING("fen_half_up", LSI_ROUND_FEN_MODE, LSI_ROUND_FEN_EXP,
    "money to the fen, half-up (四舍五入); agency practice seen on approval forms (养老金核定表), conf. M");

const lsi_rounding LSI_ROUND_YUAN = LSI_ROUNDING("yuan_half_up", LIBSI_ROUND_HALF_UP, 0,
    "published limits and bases are whole yuan (27501 = round(3 × 9167)); "
    "粤人社发〔2024〕33号, 粤人社发〔2025〕32号, conf. H");

const lsi_rounding LSI_ROUND_TENTH = LSI_ROUNDING("tenth_half_up", LIBSI_ROUND_HALF_UP, -1,
    "divisor (计发月数) for ages with months, 0.1 half-up; agency practice seen on approval forms (养老金核定表), conf. M");

const lsi_rounding LSI_ROUND_INDEX_DISPLAY = LSI_ROUNDING("index_display_4", LIBSI_ROUND_HALF_UP, -4,
    "average contribution wage index shown with 4 decimals (carried at full "
    "precision in the formulas); agency practice seen on approval forms (养老金核定表), conf. M");

const lsi_rounding LSI_ROUND_EXACT_12 = LSI_ROUNDING("carry_12", LIBSI_ROUND_HALF_EVEN, -12,
    "intermediate carried to 12 decimals where an exact rational would be unbounded; "
    "far below the fen, never the last rounding of an amount");

const lsi_rounding LSI_ROUND_INDEX_CARRY = LSI_ROUNDING("index_carry_18", LIBSI_ROUND_HALF_EVEN, -18,
    "average contribution wage index carried at 18 decimals (the finest an input "
    "accepts), so a summary case given this value reproduces the history exactly; "
    "agency practice seen on approval forms (养老金核定表) (carried at higher precision than displayed), conf. M");

const lsi_rounding LSI_ROUND_PERSONS = LSI_ROUNDING("persons_6", LIBSI_ROUND_HALF_EVEN, -6,
    "projected numbers of persons are expected values, carried to 6 decimals "
    "(an actuarial modelling convention)");

const lsi_rounding LSI_ROUND_RATIO = LSI_ROUNDING("ratio_4", LIBSI_ROUND_HALF_UP, -4,
    "reported ratios (dependency, cost rate, actuarial balance) with 4 decimals "
    "(a reporting convention)");

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

/* ------------------------------------- decimals rounded by a named rule */

static int decimal_round_impl(libsi_ctx *ctx, const char *in, libsi_round_mode mode,
                              const char *quantum, unsigned *flags, char **out)
{
    if (!ctx || !out)
        return lsi_fail(ctx, LIBSI_EINVAL, "out", "NULL argument");
    lsi_clear_error(ctx);
    lsi_rounding rule;
    if (lsi_rounding_from_quantum(quantum, mode, &rule) != 0)
        return lsi_fail(ctx, LIBSI_EINVAL, "quantum",
                        "quantum must be a power of ten from 0.000000000000000001 to 1000000 "
                        "and mode one of half_up, half_even, down, up, carry");
    lsi_dec d, r;
    int rc = lsi_dec_parse_value(ctx, in, &d);
    if (rc != 0)
        return rc;
    unsigned f = 0;
    rc = lsi_dec_round(d, &rule, &r, &f);
    if (rc != 0)
        return lsi_fail(ctx, rc, "value", "rounded value exceeds 36 significant digits");
    char text[LIBSI_DECIMAL_MAX + 1];
    lsi_dec_format(r, text);
    if (flags)
        *flags = f;
    return lsi_string_out(ctx, "out", text, out);
}

int libsi_decimal_round(libsi_ctx *ctx, const char *in, libsi_round_mode mode,
                        const char *quantum, unsigned *flags, char **out)
{
    LSI_API_RETURN_OUT(ctx, out, decimal_round_impl(ctx, in, mode, quantum, flags, out));
}

/* An amount in yuan as int64 fen, exactly: more than two significant
 * decimals or a value beyond int64 is an error, never a silent rounding. */
static int decimal_to_fen_impl(libsi_ctx *ctx, const char *in, int64_t *fen)
{
    if (!ctx || !fen)
        return lsi_fail(ctx, LIBSI_EINVAL, "fen", "NULL argument");
    lsi_clear_error(ctx);
    lsi_dec d;
    int rc = lsi_dec_parse_value(ctx, in, &d);
    if (rc != 0)
        return rc;
    bool whole;
    if (lsi_dec_to_fen(d, fen, &whole) != 0)
        return lsi_fail(ctx, LIBSI_ERANGE, "value",
                        whole ? "'%.64s' fen do not fit in 64 bits"
                              : "'%.64s' is not a whole number of fen", in);
    return 0;
}

int libsi_decimal_to_fen(libsi_ctx *ctx, const char *in, int64_t *fen)
{
    lsi_api_enter(ctx);
    return lsi_api_leave(ctx, decimal_to_fen_impl(ctx, in, fen));
}

int lsi_dec_to_fen(lsi_dec d, int64_t *fen, bool *whole)
{
    lsi_dec r;
    unsigned flags = 0;
    *whole = lsi_dec_round(d, &LSI_ROUND_FEN, &r, &flags) == 0 && !flags;
    if (!*whole)
        return LIBSI_ERANGE;
    __int128 c = r.coef; /* scale 2: the coefficient counts fen */
    if (c > INT64_MAX || c < INT64_MIN)
        return LIBSI_ERANGE;
    *fen = (int64_t)c;
    return 0;
}

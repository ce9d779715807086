/*
 * Counter-based random draws (Random123's Philox4x32-10; Salmon et al.,
 * "Parallel random numbers: as easy as 1, 2, 3", SC 2011): the draw of
 * path k, year t and member i is a pure function of (seed; k, t, i), so the
 * thread count and the order of the members never change a result, and a
 * path replays exactly (--path K).  Key = the seed's two 32-bit halves;
 * counter = (member low, member high, year, path).
 */
#include <Random123/philox.h>

#include "member_internal.h"

uint64_t lsi_member_draw(uint64_t seed, uint32_t path, uint32_t year, uint64_t member)
{
    philox4x32_key_t key = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
    philox4x32_ctr_t ctr = {{(uint32_t)member, (uint32_t)(member >> 32), year, path}};
    philox4x32_ctr_t out = philox4x32(ctr, key);
    return (uint64_t)out.v[0] << 32 | out.v[1];
}

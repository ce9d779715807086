"""No leak over 100,000 calls: the resident set size (/proc/self/statm) after
100,000 binding calls that allocate in the library (results, JSON documents
freed with libsi_free, errors, lookups, schemas, rounding) stays within a
small bound of its size after a warm-up."""

from __future__ import annotations

import os
import unittest
import libsi
from libsi._native import lib

CALLS = 100_000
WARMUP = 5_000
# A leak of 40 bytes a call would already exceed this.
BOUND = 4 * 1024 * 1024

CONTRIB = {"city": "guangzhou", "month": "2025-08", "wage": "30000"}
PENSION = {"city": "guangzhou", "retirement_group": "male60", "birth_date": "1965-03-10",
           "contribution_months": "360", "average_index": "1.5", "account_balance": "180000"}


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class LeakTests(unittest.TestCase):
    def call(self, ctx: libsi.Context, rules: libsi.Ruleset, i: int) -> None:
        kind = i % 10
        if kind < 5:
            ctx.calculate("contributions", dict(CONTRIB, wage=str(3000 + i % 30000)), trace=kind == 0)
        elif kind < 7:
            ctx.calculate("pension", PENSION, trace=kind == 5, explain=kind == 5)
        elif kind == 7:
            self.assertRaises(libsi.InputError, ctx.calculate, "contributions", dict(CONTRIB, wage="x"))
        elif kind == 8:
            rules.lookup("pension.contribution_base.ceiling", "guangzhou", "2025-08-01", context=ctx)
        else:  # the schema JSON itself, bypassing the binding's schema cache
            with ctx._using():
                ctx._take(lib.libsi_schema_json, b"pension")

    def test_rss_bounded_over_100000_calls(self):
        rules = libsi.Ruleset.builtin()
        with libsi.Context(rules) as ctx:
            for i in range(WARMUP):
                self.call(ctx, rules, i)
            before = rss_bytes()
            for i in range(CALLS):
                self.call(ctx, rules, i)
            growth = rss_bytes() - before
        print(f"\nRSS growth over {CALLS} calls: {growth / 1024:.0f} KiB (bound {BOUND // 1024} KiB)")
        self.assertLess(growth, BOUND)


if __name__ == "__main__":
    unittest.main()

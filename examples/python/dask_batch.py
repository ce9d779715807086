#!/usr/bin/python3
"""Pensions of a large synthetic population with dask.distributed and libsi.

    /usr/bin/python3 examples/python/dask_batch.py                      # 1,000,000 members, pension
    /usr/bin/python3 examples/python/dask_batch.py --members 100000 --scheme contributions
    /usr/bin/python3 examples/python/dask_batch.py --scheduler tcp://10.0.0.5:8786

Each Dask task computes one partition of members in its own process with
one libsi.calculate_batch call (the C batch API) and sums every decimal
output exactly: money in int64 fen, other decimals with Decimal (never
float).  The client adds the partition sums, prints the throughput, then
recomputes the population in this single process and checks that every
total is equal to the fen (with --check-sample N: the partitions holding
about N members, spread over the population, are recomputed and compared
one by one).

Members are a pure function of (seed, member number), so any process makes
the same member from the same number: workers need no input data, and the
single-process check sees exactly the population the cluster saw.  With
numpy (optional) a partition's members are drawn all at once, the same
values as pension_member / contributions_member give one by one.

Dask comes from Debian's python3-distributed, hence /usr/bin/python3.  On a
cluster of your own, every worker needs the binding (``pip install
./bindings/python`` or PYTHONPATH) and libsi.so.0 (installed, or
LIBSI_LIBRARY); see docs/python.md.
"""

from __future__ import annotations

import argparse
import decimal
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

BINDING = Path(__file__).resolve().parents[2] / "bindings" / "python"


def use_source_binding() -> None:
    """Import libsi from this source tree, here and in the worker processes
    LocalCluster spawns (they inherit PYTHONPATH)."""
    if (BINDING / "libsi" / "__init__.py").is_file():
        sys.path.insert(0, str(BINDING))
        paths = [str(BINDING)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        os.environ["PYTHONPATH"] = os.pathsep.join(paths)


use_source_binding()

# ------------------------------------------------------- synthetic members

MASK = (1 << 64) - 1
CITIES = ("guangzhou", "shaoguan", "zhuhai", "shantou", "foshan", "jiangmen", "zhanjiang",
          "maoming", "zhaoqing", "huizhou", "meizhou", "shanwei", "heyuan", "yangjiang",
          "qingyuan", "dongguan", "zhongshan", "chaozhou", "jieyang", "yunfu")
# Birth years whose statutory retirement falls in 2022–2025, the years with a
# published calculation base (guangdong-rules A4.3; 2026 is not yet published).
PENSION_GROUPS = (("male60", 1962), ("female55", 1967), ("female50", 1972))
# libsi refuses (LIBSI_ERANGE) contribution and deemed months beyond the months from age 16 (the
# earliest legal working age, 《劳动法》第十五条) to the statutory retirement age: 44, 39 and 34
# years for the three groups.  An eligible member draws contribution months from 180 on, at most
# 480 and no more than that career; deemed months are cut to what the career leaves.
PENSION_CAREER_MONTHS = (528, 468, 408)
PENSION_MONTH_SPAN = (301, 289, 229)


class Draw:
    """Deterministic draws for one member: splitmix64 over (seed, member)."""

    def __init__(self, seed: int, member: int):
        self.state = (seed * 0x9E3779B97F4A7C15 + member) & MASK

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        return self.next() % n

    def cents(self, low: int, high: int) -> Decimal:
        """An amount in [low, high) yuan, to the fen."""
        return Decimal(low * 100 + self.below((high - low) * 100)).scaleb(-2)


def pension_member(seed: int, member: int) -> dict:
    """A new retiree of 2022–2025 described by approval-form summary figures."""
    d = Draw(seed, member)
    g = d.below(3)
    group, first_year = PENSION_GROUPS[g]
    months = 120 + d.below(60) if d.below(50) == 0 else 180 + d.below(PENSION_MONTH_SPAN[g])  # 2 % not eligible
    deemed = min(d.below(121), PENSION_CAREER_MONTHS[g] - months) if d.below(3) == 0 else 0
    return {
        "city": CITIES[d.below(len(CITIES))],
        "retirement_group": group,
        "birth_date": f"{first_year + d.below(3)}-{1 + d.below(12):02d}-{1 + d.below(28):02d}",
        "contribution_months": months,
        "deemed_months": deemed,
        "average_index": Decimal(3000 + d.below(27001)).scaleb(-4),  # 0.3000–3.0000
        "account_balance": d.cents(10_000, 400_000),
        "deemed_account_balance": d.cents(0, 20_000) if deemed else Decimal(0),
    }


def contributions_member(seed: int, member: int) -> dict:
    """One month of contributions of an insured person, 2024-07 … 2025-12."""
    d = Draw(seed, member)
    month = 7 + d.below(18)  # months since 2024-01
    return {
        "city": CITIES[d.below(len(CITIES))],
        "month": f"{2024 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}",
        "wage": d.cents(1_000, 60_000),
        "participant": "flexible" if d.below(10) == 0 else "employee",
        "industry_class": 1 + d.below(8),
    }


GENERATORS = {"pension": pension_member, "contributions": contributions_member}

# ---------------------------------------------------------- one partition

#: Exact Decimal arithmetic for the totals (an inexact addition would raise).
EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
                        traps=[decimal.Inexact])


def empty_totals() -> dict:
    return {"members": 0, "errors": {}, "sums": {}, "true": {}}


def member_columns(scheme: str, seed: int, start: int, stop: int) -> dict:
    """Members [start, stop) as columns: input name → one value per member.
    With numpy the same members are drawn for the whole range at once
    (VECTORISED); without it, member by member."""
    fast = VECTORISED.get(scheme)
    np = _numpy()
    if fast is not None and np is not None:
        return fast(np, seed, start, stop)
    make = GENERATORS[scheme]
    rows = [make(seed, m) for m in range(start, stop)]
    return {name: [row[name] for row in rows] for name in rows[0]} if rows else {}


def _numpy():
    try:
        import numpy
    except ImportError:
        return None
    return numpy


def draws(np, seed: int, start: int, stop: int, count: int):
    """Draw.next() of members [start, stop), `count` times each, as a (count, members)
    uint64 array (uint64 arithmetic wraps modulo 2**64 as MASK does)."""
    golden = np.uint64(0x9E3779B97F4A7C15)
    state = np.arange(start, stop, dtype=np.uint64) + np.uint64((seed * 0x9E3779B97F4A7C15) & MASK)
    out = np.empty((count, stop - start), dtype=np.uint64)
    for k in range(count):
        state = state + golden
        z = (state ^ (state >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        out[k] = z ^ (z >> np.uint64(31))
    return out


def _yuan(cents: list) -> list:
    return [f"{c // 100}.{c % 100:02d}" for c in cents]


def pension_columns(np, seed: int, start: int, stop: int) -> dict:
    """pension_member for members [start, stop), drawn together (amounts as decimal strings)."""
    z = draws(np, seed, start, stop, 12)
    group = z[0] % np.uint64(3)
    eligible = z[1] % np.uint64(50) != 0
    span = np.array(PENSION_MONTH_SPAN, dtype=np.uint64)[group.astype(np.intp)]
    months = np.where(eligible, z[2] % span + np.uint64(180), z[2] % np.uint64(60) + np.uint64(120))
    has_deemed = z[3] % np.uint64(3) == 0
    career = np.array(PENSION_CAREER_MONTHS, dtype=np.uint64)[group.astype(np.intp)]
    deemed = np.where(has_deemed, np.minimum(z[4] % np.uint64(121), career - months), np.uint64(0))

    def after(k: int, n: int) -> list:  # draw k (1-based) of a member without deemed months
        return (np.where(has_deemed, z[k], z[k - 1]) % np.uint64(n)).tolist()

    groups = group.tolist()
    years = [PENSION_GROUPS[g][1] + y for g, y in zip(groups, after(6, 3))]
    deemed_list = deemed.tolist()
    deemed_cents = after(11, 2_000_000)
    return {
        "city": [CITIES[c] for c in after(5, len(CITIES))],
        "retirement_group": [PENSION_GROUPS[g][0] for g in groups],
        "birth_date": [f"{y}-{1 + m:02d}-{1 + d:02d}"
                       for y, m, d in zip(years, after(7, 12), after(8, 28))],
        "contribution_months": months.tolist(),
        "deemed_months": deemed_list,
        "average_index": [f"{v // 10000}.{v % 10000:04d}"
                          for v in (3000 + a for a in after(9, 27001))],
        "account_balance": _yuan([1_000_000 + c for c in after(10, 39_000_000)]),
        "deemed_account_balance": [f"{c // 100}.{c % 100:02d}" if d else "0"
                                   for d, c in zip(deemed_list, deemed_cents)],
    }


def contributions_columns(np, seed: int, start: int, stop: int) -> dict:
    """contributions_member for members [start, stop), drawn together."""
    z = draws(np, seed, start, stop, 5)
    month = (z[0] % np.uint64(18) + np.uint64(6)).tolist()  # months since 2024-01, minus 1
    return {
        "city": [CITIES[c] for c in (z[1] % np.uint64(len(CITIES))).tolist()],
        "month": [f"{2024 + m // 12}-{m % 12 + 1:02d}" for m in month],
        "wage": _yuan((z[2] % np.uint64(5_900_000) + np.uint64(100_000)).tolist()),
        "participant": ["flexible" if p == 0 else "employee" for p in (z[3] % np.uint64(10)).tolist()],
        "industry_class": (z[4] % np.uint64(8) + np.uint64(1)).tolist(),
    }


VECTORISED = {"pension": pension_columns, "contributions": contributions_columns}


BLOCK = 100_000  # members per calculate_batch call: bounds the memory of a large range


def compute_range(scheme: str, seed: int, start: int, stop: int, threads: int = 1) -> dict:
    """Totals of members [start, stop): what one Dask task does, in one process,
    with one libsi.calculate_batch call per BLOCK members (one per partition at the
    default partition size).  Money outputs are added up as int64 fen, other
    decimal outputs as Decimal, exactly; bool outputs are counted."""
    return merge(block_totals(scheme, seed, low, min(low + BLOCK, stop), threads)
                 for low in range(start, stop, BLOCK))


def block_totals(scheme: str, seed: int, start: int, stop: int, threads: int) -> dict:
    import libsi  # in the worker process
    schema = libsi.schema(scheme)
    decimals = tuple(f.name for f in schema.outputs if f.type == "decimal")
    bools = tuple(f.name for f in schema.outputs if f.type == "bool")
    totals = empty_totals()
    columns = member_columns(scheme, seed, start, stop)
    with libsi.calculate_batch(scheme, columns, threads=threads,
                               outputs=decimals + bools) as result:
        totals["members"] = result.rows
        for error in result.errors.values():
            code = getattr(error, "code_name", type(error).__name__)
            totals["errors"][code] = totals["errors"].get(code, 0) + 1
        for name in decimals:
            value = result.sum(name)  # exact: int64 fen for money, Decimal otherwise
            if value is not None:
                totals["sums"][name] = value
        for name in bools:
            count = result.columns[name].count(True)
            if count:
                totals["true"][name] = count
    return totals


def merge(parts) -> dict:
    total = empty_totals()
    for part in parts:
        total["members"] += part["members"]
        for key in ("errors", "sums", "true"):
            for name, value in part[key].items():
                total[key][name] = EXACT.add(total[key].get(name, 0), value) if key == "sums" \
                    else total[key].get(name, 0) + value
    return total


# ---------------------------------------------------------------- driver


def partitions(members: int, count: int) -> list:
    step = -(-members // count)
    return [(low, min(low + step, members)) for low in range(0, members, step)]


def probe() -> str:
    import libsi
    return f"libsi {libsi.version()} ({libsi.library_path})"


def start_client(args):
    from dask.distributed import Client, LocalCluster
    if args.scheduler:
        return Client(args.scheduler), f"scheduler {args.scheduler}"
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster), f"LocalCluster, {args.workers} workers x 1 thread"


def run_distributed(args, parts: list) -> tuple:
    client, where = start_client(args)
    try:
        libraries = sorted(set(client.run(probe).values()))  # fails fast if a worker lacks libsi
        print(f"dask: {where}; {len(client.scheduler_info()['workers'])} workers; {'; '.join(libraries)}")
        t0 = time.perf_counter()
        futures = client.map(compute_range, [args.scheme] * len(parts), [args.seed] * len(parts),
                             [a for a, _ in parts], [b for _, b in parts],
                             [args.task_threads] * len(parts), pure=False)
        results = client.gather(futures)
        return results, time.perf_counter() - t0
    finally:
        client.close()


def differences(a: dict, b: dict) -> list:
    """What differs between two totals (exact Decimal comparison: to the fen)."""
    found = [] if a["members"] == b["members"] else [f"members {a['members']} != {b['members']}"]
    for key in ("sums", "true", "errors"):
        for name in sorted(set(a[key]) | set(b[key])):
            if a[key].get(name) != b[key].get(name):
                found.append(f"{key} {name}: {a[key].get(name)} != {b[key].get(name)}")
    return found


def check_sample(args, parts: list, per_part: list) -> list:
    """Recompute, in this process, partitions spread evenly over the population
    until about N members, and compare each with what its Dask task returned."""
    size = parts[0][1] - parts[0][0]
    chosen = list(range(0, len(parts), max(1, len(parts) * size // max(1, args.check_sample))))
    t0 = time.perf_counter()
    found = [f"partition {i}: {d}" for i in chosen
             for d in differences(per_part[i], compute_range(args.scheme, args.seed, *parts[i]))]
    members = sum(parts[i][1] - parts[i][0] for i in chosen)
    print(f"single process: {members:,} members ({len(chosen)} of {len(parts)} partitions) "
          f"in {time.perf_counter() - t0:.1f} s")
    return found


def check_full(args, total: dict) -> list:
    """Recompute the whole population in this process, in one pass."""
    t0 = time.perf_counter()
    single = compute_range(args.scheme, args.seed, 0, args.members)
    dt = time.perf_counter() - t0
    print(f"single process: {args.members:,} members in {dt:.1f} s = {args.members / dt:,.0f} members/s")
    return differences(total, single)


def report(total: dict, seconds: float, unit_of) -> None:
    n = total["members"]
    print(f"distributed: {n:,} members in {seconds:.1f} s = {n / seconds:,.0f} members/s"
          f" (errors: {total['errors'] or 0})")
    money = [name for name in total["sums"] if unit_of(name).startswith("yuan")]
    for name in money:
        print(f"  sum {name} = {total['sums'][name]:,} {unit_of(name)}")
    others = len(total["sums"]) - len(money)
    if others:
        print(f"  (and {others} non-money decimal sums, compared too)")
    for name, value in total["true"].items():
        print(f"  {name}: {value:,} members")


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--members", type=int, default=1_000_000, help="population size (default 1,000,000)")
    p.add_argument("--scheme", default="pension", choices=sorted(GENERATORS),
                   help="calculation (default pension)")
    p.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="use this Dask scheduler instead of a LocalCluster")
    p.add_argument("--partitions", type=int, help="tasks (default: one per 20,000 members, at least 4 per worker)")
    p.add_argument("--task-threads", type=int, default=1, help="calculate_batch threads inside a task (default 1)")
    p.add_argument("--check-sample", type=int, default=0, metavar="N",
                   help="compare only the partitions holding about N members (default 0: the whole population)")
    p.add_argument("--seed", type=int, default=1, help="population seed (default 1)")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    import libsi
    if args.scheme not in libsi.schemes():
        sys.exit(f"libsi {libsi.version()} has no calculation '{args.scheme}' (it has {', '.join(libsi.schemes())})")
    schema = libsi.schema(args.scheme)
    count = args.partitions or max(4 * args.workers, -(-args.members // 20_000))
    parts = partitions(args.members, min(count, args.members))
    print(f"{args.members:,} synthetic members, scheme {args.scheme}, seed {args.seed}, {len(parts)} partitions")
    per_part, seconds = run_distributed(args, parts)
    total = merge(per_part)
    report(total, seconds, lambda name: schema.output(name).unit)
    problems = check_sample(args, parts, per_part) if args.check_sample else check_full(args, total)
    what = f"sample of {args.check_sample:,}" if args.check_sample else "whole population"
    print(f"check ({what}): " + ("every total equal to the fen" if not problems else "MISMATCH " + "; ".join(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

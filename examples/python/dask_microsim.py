#!/usr/bin/python3
"""Member-level projection of a large member file over a Dask cluster (issue #16).

    /usr/bin/python3 examples/python/dask_microsim.py                 # Guangzhou, generated members
    /usr/bin/python3 examples/python/dask_microsim.py --members members.csv --partitions 16
    /usr/bin/python3 examples/python/dask_microsim.py --scheduler tcp://10.0.0.5:8786

The member file (CSV, the columns of si-microsim --help) is cut into partitions
of whole rows, each sent with the scenario's text to a Dask task that runs the C
calculation `member_projection` on it (one libsi.calculate call: the C member
path).  Each task returns, per year, the exact sums the C library keeps before its
one rounding (Σ weight × amount, 8 decimals of a yuan; persons to 6 decimals) as
decimal strings.  The client adds them with Decimal (never float), rounds each
year's sum once to the fen (half-up, the library's fen_half_up) and rolls the
fund exactly as the library does:

    F(t0) = fund.balance;  F(t) = round_fen(F(t−1) × (1 + fund.return)) + income
            − pensions − survivors' benefits + fund.subsidies.

Without --members the scenario's synthetic population is written to a temporary
member file first (input population_out of the same calculation, run in this
process, which is also the single-process reference).  With --check (the default
when the reference exists) every total of every year is compared with the
single-process run: they are equal to the fen, or the script exits with status 1.

Monte Carlo mode (--mode monte_carlo) keys each draw by (seed; path, year, member
id), so the partitioning never changes a member's fate.

Dask comes from Debian's python3-distributed, hence /usr/bin/python3.  On a cluster
of your own every worker needs the binding and libsi.so.0 (docs/python.md).
"""

from __future__ import annotations

import argparse
import decimal
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BINDING = REPO / "bindings" / "python"
if (BINDING / "libsi" / "__init__.py").is_file():  # this tree's binding, also in the workers
    sys.path.insert(0, str(BINDING))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(BINDING)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])

PERSONS = ("contributors", "retirees", "new_retirees", "deaths")
MONEY = ("contribution_income", "pension_expenditure", "survivor_benefits", "pension_roll",
         "wage_bill")
FEN = Decimal("0.01")


def project_partition(scenario_text: str, members_text: str, options: dict) -> list:
    """One partition through the C path: per year the persons and the exact sums.
    The rows go to a file local to the worker (a case value is at most 64 KiB), so
    the workers need no shared file system."""
    import libsi
    with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8") as f:
        f.write(members_text)
        f.flush()
        r = libsi.calculate("member_projection",
                            dict(options, scenario=scenario_text, members=f.name))
    return [{"year": int(row["year"]),
             **{k: row[k] for k in PERSONS},
             **{k: row[k + "_exact"] for k in MONEY}} for row in r.outputs["table"]]


def add_partitions(parts: list) -> dict:
    """Σ over partitions, exact (Decimal with enough digits for any sum)."""
    ctx = decimal.Context(prec=60, rounding=decimal.ROUND_HALF_UP)
    total: dict = {}
    for rows in parts:
        for row in rows:
            acc = total.setdefault(row["year"], {k: Decimal(0) for k in PERSONS + MONEY})
            for k in PERSONS + MONEY:
                acc[k] = ctx.add(acc[k], Decimal(row[k]))
    return total


def fund_parameters(scenario_text: str) -> tuple:
    import yaml
    fund = yaml.safe_load(scenario_text)["fund"]
    return Decimal(fund["balance"]), Decimal(fund["return"]), Decimal(fund["subsidies"])


def yearly_table(total: dict, scenario_text: str) -> list:
    """Round each year's sums once to the fen and roll the fund (the library's formula)."""
    balance, ret, subsidies = fund_parameters(scenario_text)
    rows, fund = [], balance
    for i, year in enumerate(sorted(total)):
        t = total[year]
        money = {k: t[k].quantize(FEN, rounding=decimal.ROUND_HALF_UP) for k in MONEY}
        if i > 0:
            fund = ((fund * (1 + ret)).quantize(FEN, rounding=decimal.ROUND_HALF_UP)
                    + money["contribution_income"] - money["pension_expenditure"]
                    - money["survivor_benefits"] + subsidies)
        rows.append({"year": year, **{k: t[k] for k in PERSONS}, **money, "balance": fund})
    return rows


def partitions(path: Path, n: int) -> list:
    """The member file cut into n texts of whole rows, each with the header."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header, body = lines[0], [line for line in lines[1:] if line.strip()]
    size = max(1, -(-len(body) // n))
    return [header + "".join(body[i:i + size]) for i in range(0, len(body), size)]


def single_process(scenario: str, members: str | None, population_out: str | None,
                   options: dict) -> list:
    import libsi
    inputs = dict(options, scenario=scenario)
    if members:
        inputs["members"] = members
    if population_out:
        inputs["population_out"] = population_out
    r = libsi.calculate("member_projection", inputs)
    return r.outputs["table"]


def start_client(args):
    from dask.distributed import Client, LocalCluster
    if args.scheduler:
        return Client(args.scheduler), f"scheduler {args.scheduler}"
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster), f"LocalCluster, {args.workers} workers x 1 thread"


def compare(mine: list, reference: list) -> int:
    """Every total of every year equal to the single-process run's text."""
    keys = PERSONS + ("contribution_income", "pension_expenditure", "survivor_benefits",
                      "pension_roll", "balance")
    bad = 0
    for a, b in zip(mine, reference):
        for k in keys:
            if Decimal(b[k]) != a[k]:
                bad += 1
                if bad <= 5:
                    print(f"  {a['year']} {k}: cluster {a[k]} vs one process {b[k]}")
    if len(mine) != len(reference):
        bad += 1
    return bad


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scenario", default=str(REPO / "data" / "scenarios" / "guangzhou.yaml"))
    p.add_argument("--members", help="member file (CSV); default: the scenario's synthetic population")
    p.add_argument("--partitions", type=int, default=8)
    p.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes")
    p.add_argument("--scheduler", metavar="ADDRESS", help="use this Dask scheduler instead of a LocalCluster")
    p.add_argument("--mode", default="expected", choices=("expected", "monte_carlo"))
    p.add_argument("--seed", default="20201")
    p.add_argument("--path", default="0")
    p.add_argument("--no-check", action="store_true", help="skip the single-process comparison")
    args = p.parse_args(argv)

    scenario_text = Path(args.scenario).read_text(encoding="utf-8")
    options = {"mode": args.mode, "seed": args.seed, "path": args.path}
    reference = None
    with tempfile.TemporaryDirectory() as tmp:
        members = Path(args.members) if args.members else Path(tmp) / "members.csv"
        if not args.members or not args.no_check:
            t0 = time.time()
            reference = single_process(args.scenario, args.members,
                                       None if args.members else str(members), options)
            print(f"one process: {time.time() - t0:.1f} s")
        parts = partitions(members, args.partitions)
        client, where = start_client(args)
        try:
            t0 = time.time()
            futures = client.map(project_partition, [scenario_text] * len(parts), parts,
                                 [options] * len(parts), pure=False)
            results = client.gather(futures)
            print(f"dask: {where}; {len(parts)} partitions in {time.time() - t0:.1f} s")
        finally:
            client.close()
    table = yearly_table(add_partitions(results), scenario_text)
    last = table[-1]
    print(f"{last['year']}: contributors {last['contributors']}, retirees {last['retirees']}, "
          f"balance {last['balance']}")
    if reference is None or args.no_check:
        return 0
    bad = compare(table, reference)
    print("same totals as one process to the fen" if bad == 0 else f"{bad} totals differ")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

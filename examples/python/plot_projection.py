#!/usr/bin/python3
"""Plot a fund projection (libsi's `fund_projection` calculation) to a PNG.

    PYTHONPATH=bindings/python /usr/bin/python3 examples/python/plot_projection.py \
        [--scenario data/scenarios/guangzhou.yaml] [--city guangzhou] [--out projection.png]
        [--stochastic N [--seed S] [--threads T] [--until YEAR]]

With --stochastic N the `stochastic_projection` calculation runs N paths and the
PNG is a fan chart: the 5–95 % and 25–75 % bands and the median of the balance and
of the reserve months, and the probability of depletion by year.

Three panels: the fund balance (and reserve months), contribution income
against expenditure, and the dependency ratio.  The numbers come from the C
library through the Python binding (exact decimals); they become floats only
here, to be drawn.  Needs Debian's python3-matplotlib, so run it with
/usr/bin/python3.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "bindings", "python"))

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    sys.exit("plot_projection.py needs matplotlib: apt-get install python3-matplotlib, and run "
             "it with Debian's /usr/bin/python3 (found: %s)" % sys.executable)

import libsi  # noqa: E402  (after the path set-up)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default=os.path.join(REPO, "data", "scenarios", "guangzhou.yaml"))
    ap.add_argument("--city", default="guangzhou")
    ap.add_argument("--out", default="projection.png")
    ap.add_argument("--stochastic", type=int, metavar="N", help="fan chart of N paths")
    ap.add_argument("--seed", default="20201")
    ap.add_argument("--threads", default="2")
    ap.add_argument("--until", type=int, default=2060, help="last year drawn in the fan chart")
    args = ap.parse_args()
    if args.stochastic:
        return fan_chart(args)

    r = libsi.calculate("fund_projection", {"scenario": args.scenario, "city": args.city})
    rows = r.outputs["table"]
    years = [int(row["year"]) for row in rows]

    def series(key, scale=1):
        return [float(row[key]) / scale for row in rows]  # drawing only

    fig, ax = plt.subplots(3, 1, figsize=(9, 11), sharex=True)
    ax[0].plot(years, series("balance", 1e9), color="tab:blue", label="balance (bn yuan)")
    ax[0].axhline(0, color="black", linewidth=0.8)
    ax[0].set_ylabel("bn yuan")
    twin = ax[0].twinx()
    twin.plot(years, series("reserve_months"), color="tab:gray", linestyle=":",
              label="reserve (months of expenditure)")
    twin.set_ylabel("months")
    depletion = r.outputs["depletion_year"]
    ax[0].set_title("Fund balance — depletion year: %s" % depletion)
    ax[0].legend(loc="lower left")
    twin.legend(loc="upper right")

    ax[1].plot(years, series("contribution_income", 1e9), label="contribution income")
    ax[1].plot(years, series("expenditure", 1e9), label="expenditure")
    ax[1].set_ylabel("bn yuan a year")
    ax[1].set_title("Income and cost (PAYG cost rate vs income rate in the table)")
    ax[1].legend()

    ax[2].plot(years, series("dependency_ratio"), color="tab:red")
    ax[2].set_ylabel("retirees per contributor")
    ax[2].set_title("System dependency ratio")
    ax[2].set_xlabel("year")

    fig.suptitle("libsi fund projection: %s (%s), actuarial balance %s of the PV wage bill"
                 % (os.path.basename(args.scenario), args.city, r.outputs["actuarial_balance"]))
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print("wrote %s (%d years, depletion %s)" % (args.out, len(years), depletion))


def fan_chart(args):
    r = libsi.calculate("stochastic_projection",
                        {"scenario": args.scenario, "city": args.city, "paths": str(args.stochastic),
                         "seed": args.seed, "threads": args.threads})
    rows = [row for row in r.outputs["table"] if int(row["year"]) <= args.until]
    years = [int(row["year"]) for row in rows]

    def band(name, p, scale=1):
        return [float(row["%s_p%d" % (name, p)]) / scale for row in rows]  # drawing only

    fig, ax = plt.subplots(3, 1, figsize=(9, 11), sharex=True)
    for a, name, scale, unit in ((ax[0], "balance", 1e9, "bn yuan"),
                                 (ax[1], "reserve_months", 1, "months of expenditure")):
        a.fill_between(years, band(name, 5, scale), band(name, 95, scale), color="tab:blue",
                       alpha=0.18, label="5–95 %")
        a.fill_between(years, band(name, 25, scale), band(name, 75, scale), color="tab:blue",
                       alpha=0.35, label="25–75 %")
        a.plot(years, band(name, 50, scale), color="tab:blue", label="median")
        a.axhline(0, color="black", linewidth=0.8)
        a.set_ylabel(unit)
        a.legend(loc="lower left")
    ax[0].set_title("Fund balance: percentiles over %s paths" % r.outputs["paths"])
    ax[1].set_title("Reserve months")
    ax[2].plot(years, [float(row["depletion_probability"]) for row in rows], color="tab:red")
    ax[2].set_ylim(0, 1)
    ax[2].set_ylabel("probability")
    ax[2].set_title("Probability that the fund is depleted by the year")
    ax[2].set_xlabel("year")
    fig.suptitle("libsi stochastic projection: %s (%s), seed %s"
                 % (os.path.basename(args.scenario), args.city, args.seed))
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print("wrote %s (%s paths, depletion by the horizon %s)"
          % (args.out, r.outputs["paths"], r.outputs["depletion_probability"]))


if __name__ == "__main__":
    main()

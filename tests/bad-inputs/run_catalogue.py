#!/usr/bin/python3
"""Run the bad-input catalogue (issue #12 item 9).

    run_catalogue.py EXAMPLES_DIR [CATALOGUE.tsv]

Every row of catalogue.tsv is a calculator run (EXAMPLES_DIR/PROGRAM ARGS,
from the catalogue's folder) that must fail: exit status 1 with
"error CODE (...)" for a library error, or 2 for a usage error ("usage"),
one line on stderr that names the field ('FIELD') and shows the value given,
and (column `expect`, optional) contains the row's words.
No row may crash (a signal) or succeed.  Standard library only; exit 0 when
every row passes and the catalogue has at least 150 rows.
"""
import os
import subprocess
import sys

CODES = {"ENOMEM": -1, "EINVAL": -2, "EDECIMAL": -3, "ERANGE": -4, "EDATE": -5, "ENOTFOUND": -6,
         "EJURISDICTION": -7, "EUNSUPPORTED": -8, "ERULEFILE": -9, "ECASE": -10, "EINPUT": -11,
         "ESCHEME": -12, "EIO": -13, "EDIVZERO": -14, "EINTERNAL": -15, "ELIFETABLE": -16}
MIN_ROWS = 150


def rows(path):
    header = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if header is None:
                header = cells
                continue
            yield dict(zip(header, cells))


def names_field(err, field):
    """The message names the field: quoted, or (a file or a parameter) as written."""
    return "'" + field in err or (("." in field or "/" in field) and field in err)


def check(examples, folder, r):
    cmd = [os.path.join(examples, r["program"])] + r["args"].split(" ")
    p = subprocess.run(cmd, cwd=folder, capture_output=True, timeout=120)
    err = p.stderr.decode("utf-8", "replace").strip()
    usage = r["code"] == "usage"
    problems = []
    if p.returncode != (2 if usage else 1):
        problems.append("exit status %d, expected %d" % (p.returncode, 2 if usage else 1))
    if not usage and "error %d (" % CODES[r["code"]] not in err:
        problems.append("not error %s (%d)" % (r["code"], CODES[r["code"]]))
    if not names_field(err, r["field"]):
        problems.append("the message does not name '%s'" % r["field"])
    if r["value"] != "-" and r["value"] not in err:
        problems.append("the message does not show %s" % r["value"])
    if r.get("expect", "-") not in ("", "-") and r["expect"] not in err:
        problems.append("the message does not say: %s" % r["expect"])
    if "\n" in err or not err:
        problems.append("the message is not one line")
    return problems, err


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    examples = os.path.abspath(sys.argv[1])
    path = sys.argv[2] if len(sys.argv) == 3 else os.path.join(os.path.dirname(__file__),
                                                                "catalogue.tsv")
    folder = os.path.dirname(os.path.abspath(path))
    n = failed = 0
    for r in rows(path):
        n += 1
        problems, err = check(examples, folder, r)
        if problems:
            failed += 1
            print("%s: %s\n    %s %s\n    stderr: %s" % (r["id"], "; ".join(problems),
                                                      r["program"], r["args"], err))
    print("bad-input catalogue: %d rows, %d failed" % (n, failed))
    if n < MIN_ROWS:
        print("the catalogue must hold at least %d rows" % MIN_ROWS)
        return 1
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

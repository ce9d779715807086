#!/usr/bin/python3
"""Tests of the si-batch calculator (issue #10, section 6).

    test_si_batch.py CASE SI_BATCH SI_CONTRIB SI_PENSION

CASE is one of the names in CASES (or "all").  The single-case calculators
are the reference: a row of si-batch must give what si-contrib, si-pension
or si-unemployment (found next to si-contrib) print with --json for the
same inputs.  Standard library only; exit 0 pass, 1 fail.
"""
import csv
import io
import json
import os
import pty
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "..", "examples", "batch")

CONTRIB_HEADER = "city,month,wage,participant"


def si_batch(args, stdin=b""):
    """Run si-batch; (exit status, stdout bytes, stderr text)."""
    p = subprocess.run([SI_BATCH] + args, input=stdin, capture_output=True, timeout=600)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def expect(args, stdin, status):
    rc, out, err = si_batch(args, stdin)
    assert rc == status, f"si-batch {args}: exit {rc}, expected {status}\nstderr: {err}"
    return out, err


def table(out):
    """Parse CSV output (RFC 4180, quoted line breaks) into a list of dicts."""
    text = out.decode("utf-8")
    assert "\r" not in text.replace('\r"', ""), "output lines end in LF"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    assert header[0] == "row" and header[-1] == "error", header
    for r in rows[1:]:
        assert len(r) == len(header), f"ragged output line {r}"
    return header, [dict(zip(header, r)) for r in rows[1:]]


def reference(program, kv, sub=None):
    """The canonical JSON line a single-case calculator prints for `kv`."""
    args = [program] + ([sub] if sub else []) + ["--json"] + [f"{k}={v}" for k, v in kv.items()]
    p = subprocess.run(args, capture_output=True, timeout=300)
    assert p.returncode == 0, f"{args}: {p.stderr.decode()}"
    return p.stdout


def csv_text(header, rows, eol="\n"):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator=eol)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return buf.getvalue().encode("utf-8")


def check_outputs(row, ref_json, names=None):
    """Every output of the reference result equals the si-batch cell."""
    outputs = json.loads(ref_json)["outputs"]
    for name in names or outputs:
        want = outputs[name]
        got = row[name]
        if isinstance(want, (list, dict)):
            assert json.loads(got) == want, f"{name}: {got!r} != {want!r}"
        else:
            assert got == want, f"{name}: {got!r} != {want!r}"
    assert row["error"] == "", row["error"]


CONTRIB_ROWS = [
    {"city": "guangzhou", "month": "2025-08", "wage": "30000", "participant": "employee"},
    {"city": "湛江", "month": "2025-08", "wage": "3000", "participant": "employee"},
    {"city": "zhaoqing", "month": "2025-08", "wage": "12345.67", "participant": "flexible"},
    {"city": "440100", "month": "2025-01", "wage": "9800", "participant": "employee"},
]


def contrib_input(rows, eol="\n"):
    names = CONTRIB_HEADER.split(",")
    return csv_text(names, [[r.get(n, "") for n in names] for r in rows], eol)


# ------------------------------------------------------------------ cases


def case_reference():
    """Rows equal si-contrib --json and si-pension --json for the same inputs."""
    _, rows = table(expect(["contributions"], contrib_input(CONTRIB_ROWS), 0)[0])
    assert [r["row"] for r in rows] == ["1", "2", "3", "4"]
    for row, kv in zip(rows, CONTRIB_ROWS):
        check_outputs(row, reference(SI_CONTRIB, kv))
    with open(os.path.join(SAMPLES, "pension.csv"), "rb") as f:
        data = f.read()
    _, rows = table(expect(["pension", "--input", os.path.join(SAMPLES, "pension.csv")], b"", 0)[0])
    for row, rec in zip(rows, csv.DictReader(io.StringIO(data.decode(), newline=""))):
        check_outputs(row, reference(SI_PENSION, {k: v for k, v in rec.items() if v}))
    assert len(rows) == 4


def case_quoting():
    """Quoted cells with commas, doubled quotes and line breaks; quoted output cells."""
    history = "month,base\n2024-01,5000\n2024-02,5000\n2024-03,6000"
    out, _ = expect(["pension_account"],
                    csv_text(["history", "as_of"], [[history, "2024-12"]]), 0)
    _, rows = table(out)
    check_outputs(rows[0], reference(SI_PENSION, {"history": history, "as_of": "2024-12"}, "account"))
    data = (b'city,month,wage,participant\n'
            b'"guangzhou","2025-08","30000","employee"\n'
            b'guangzhou,2025-08,"1,000",employee\n'
            b'"gz ""x""",2025-08,3000,employee\n'
            b'"guang\nzhou",2025-08,3000,employee\n')
    out, _ = expect(["contributions"], data, 3)
    _, rows = table(out)
    assert len(rows) == 4
    check_outputs(rows[0], reference(SI_CONTRIB, CONTRIB_ROWS[0]))
    assert rows[1]["error"].startswith("LIBSI_EINPUT: ") and "1,000" in rows[1]["error"], rows[1]
    assert 'gz "x"' in rows[2]["error"], rows[2]
    assert "guang\nzhou" in rows[3]["error"], rows[3]
    assert re.search(rb'\n2,+"LIBSI_EINPUT: [^\n]*1,000', out), "the error cell is quoted"
    # An output holding JSON (commas, quotes) is quoted and comes back intact.
    kv = {"city": "guangzhou", "claim_date": "2026-06", "contribution_months": "84",
          "birth_date": "1975-04-01", "retirement_group": "male60"}
    out, _ = expect(["unemployment"], csv_text(list(kv), [list(kv.values())]), 0)
    _, rows = table(out)
    check_outputs(rows[0], reference(os.path.join(os.path.dirname(SI_CONTRIB), "si-unemployment"), kv))


def case_utf8():
    """Chinese city names (湛江, 广州) give the same amounts as their codes."""
    rows = [dict(CONTRIB_ROWS[0], city=c) for c in ("广州", "guangzhou", "440100")]
    rows += [dict(CONTRIB_ROWS[1], city=c) for c in ("湛江", "zhanjiang", "440800")]
    out, _ = expect(["contributions"], b"\xef\xbb\xbf" + contrib_input(rows), 0)  # with a BOM
    _, got = table(out)
    strip = lambda r: {k: v for k, v in r.items() if k != "row"}
    assert strip(got[0]) == strip(got[1]) == strip(got[2])
    assert strip(got[3]) == strip(got[4]) == strip(got[5])
    check_outputs(got[3], reference(SI_CONTRIB, CONTRIB_ROWS[1]))
    out, _ = expect(["contributions", "--format", "jsonl", "--trace", "full"], contrib_input(rows[3:4]), 0)
    assert out == reference(SI_CONTRIB, rows[3]), "jsonl keeps UTF-8 as si-contrib --json does"


def case_empty_cells():
    """An empty cell is an absent input: its default applies, or a required input is missing."""
    header = ["city", "month", "wage", "participant", "industry_class"]
    data = csv_text(header, [["guangzhou", "2025-08", "8000", "", ""],
                             ["guangzhou", "2025-08", "8000", "employee", "1"],
                             ["guangzhou", "2025-08", "", "employee", "1"]])
    data += b'guangzhou,2025-08,"",employee,1\n'  # a quoted empty cell is empty too
    out, _ = expect(["contributions"], data, 3)
    _, rows = table(out)
    same = lambda r: {k: v for k, v in r.items() if k != "row"}
    assert same(rows[0]) == same(rows[1]), (rows[0], rows[1])
    check_outputs(rows[0], reference(SI_CONTRIB, {"city": "guangzhou", "month": "2025-08", "wage": "8000"}))
    for r in rows[2:]:
        assert r["error"].startswith("LIBSI_EINPUT: ") and "wage" in r["error"], r
        assert r["total"] == "" and r["pension_base"] == "", r


def case_unknown_column():
    """An unknown or repeated column: exit 2 before any row, nothing written but nothing computed."""
    for header in (b"city,month,wage,salary\n", b"city,month,wage,wage\n", b"city,,wage\n"):
        out, err = expect(["contributions"], header + b"guangzhou,2025-08,3000,1\n", 2)
        assert out == b"", out
        assert "column" in err, err
    expect(["contributions", "--format", "jsonl"], b"city,Wage\nguangzhou,3000\n", 2)
    out, err = expect(["contributions"], b"", 2)  # no header at all
    assert "header" in err


def case_bad_row():
    """A bad row among good ones fails alone (exit 3); every other row is written."""
    rows = list(CONTRIB_ROWS)
    rows.insert(1, {"city": "guangzhou", "month": "2025-13", "wage": "3000", "participant": "employee"})
    rows.insert(3, {"city": "shenzhen", "month": "2025-08", "wage": "abc", "participant": "employee"})
    out, _ = expect(["contributions", "--trace", "hash"], contrib_input(rows), 3)
    header, got = table(out)
    assert [r["row"] for r in got] == ["1", "2", "3", "4", "5", "6"]
    for i in (1, 3):
        assert re.match(r"LIBSI_E[A-Z]+: .", got[i]["error"]), got[i]
        assert all(got[i][h] == "" for h in header[1:-1]), got[i]
    for i, kv in ((0, rows[0]), (2, rows[2]), (4, rows[4]), (5, rows[5])):
        check_outputs(got[i], reference(SI_CONTRIB, kv))
    # A row with more or fewer cells than the header fails alone too.
    data = (CONTRIB_HEADER + "\nguangzhou,2025-08,3000,employee\nguangzhou,2025-08\n"
            "guangzhou,2025-08,3000,employee,x\nzhaoqing,2025-08,3000,employee\n").encode()
    _, got = table(expect(["contributions"], data, 3)[0])
    assert [bool(r["error"]) for r in got] == [False, True, True, False], got
    assert got[1]["error"].startswith("LIBSI_EINPUT: ")


def case_header_only():
    """A file of only a header: exit 0, header-only output (with or without its line end)."""
    want = expect(["contributions"], b"city,month,wage\n", 0)[0]
    header, rows = table(want)
    assert rows == [] and header[1] == "pension_base" and want.count(b"\n") == 1
    assert expect(["contributions"], b"city,month,wage", 0)[0] == want
    assert expect(["contributions"], b"city,month,wage\r\n\r\n", 0)[0] == want
    assert expect(["contributions", "--format", "jsonl"], b"city\n", 0)[0] == b""
    out = expect(["contributions", "--trace", "hash", "--outputs", "total"], b"wage\n", 0)[0]
    assert out == b"row,total,hash,error\n", out


def case_crlf():
    """CRLF line ends (and a quoted CRLF inside a cell) give the same output as LF."""
    lf = expect(["contributions"], contrib_input(CONTRIB_ROWS), 0)[0]
    crlf = expect(["contributions"], contrib_input(CONTRIB_ROWS, "\r\n"), 0)[0]
    assert lf == crlf
    assert expect(["contributions"], contrib_input(CONTRIB_ROWS, "\r\n")[:-2], 0)[0] == lf
    hist = "month,base\r\n2024-01,5000\r\n2024-02,6000"
    got = expect(["pension_account"], csv_text(["history", "as_of"], [[hist, "2024-12"]], "\r\n"), 0)[0]
    check_outputs(table(got)[1][0], reference(SI_PENSION, {"history": hist, "as_of": "2024-12"}, "account"))


def big_input(n):
    """n rows over several chunks, some of them bad, in a few cities and months."""
    cities = ["guangzhou", "湛江", "zhaoqing", "foshan", "shenzhen", "440100"]
    lines = [CONTRIB_HEADER + ",industry_class"]
    for i in range(n):
        wage = "x" if i % 97 == 5 else f"{2000 + (i * 7919) % 40000}.{i % 100:02d}"
        part = ("employee", "flexible", "")[i % 3]
        lines.append(f"{cities[i % len(cities)]},2025-{1 + i % 12:02d},{wage},{part},{1 + i % 8}")
    return ("\n".join(lines) + "\n").encode()


def with_ragged_rows(data, every=131):
    """Every `every`-th data row gets a cell too many: it fails before reaching the library."""
    lines = data.split(b"\n")
    return b"\n".join(l + b",x" if 0 < i and i % every == 7 else l for i, l in enumerate(lines))


def same_by_thread_count(d, data, fmt, n_rows, threads=("1", "2", "3", "8")):
    """The files written with each thread count, asserted byte-identical; the 1-thread file."""
    src = os.path.join(d, "in.csv")
    with open(src, "wb") as f:
        f.write(data)
    outs = []
    for n in threads:
        dst = os.path.join(d, f"out{n}")
        expect(["contributions", "--input", src, "--output", dst, "--threads", n] + fmt, b"", 3)
        with open(dst, "rb") as f:
            outs.append(f.read())
    for n, o in zip(threads[1:], outs[1:]):
        assert o == outs[0], f"{fmt}: {n} threads differ from 1"
    assert outs[0].count(b"\n") == n_rows + (fmt[0] != "--format")
    return outs[0]


def case_threads():
    """1 thread and N threads give byte-identical files, in csv and jsonl.

    Rows are handed to the threads in blocks (64 rows, 8 with a full trace) and
    written back in row order: the inputs span many blocks and several chunks,
    with rows failing in the library (bad wage) and before it (a cell too many)
    among them.  With a full trace a chunk is 64 rows per thread, so 2,000 rows
    are several chunks of several blocks each."""
    data = with_ragged_rows(big_input(12000))
    _, rows = table(expect(["contributions", "--threads", "2"], data, 3)[0])
    assert [r["row"] for r in rows] == [str(i) for i in range(1, 12001)]
    bad = {int(r["row"]) for r in rows if r["error"]}
    ragged = {i + 1 for i in range(12000) if i % 131 == 6}
    assert ragged | {i + 1 for i in range(12000) if i % 97 == 5} <= bad and len(bad) < 6000
    assert all(rows[r - 1]["error"].startswith("LIBSI_EINPUT: the row has 6 cells") for r in ragged)
    with tempfile.TemporaryDirectory() as d:
        for fmt in (["--trace", "hash"], ["--trace", "none"],
                    ["--format", "jsonl", "--trace", "hash"]):
            same_by_thread_count(d, data, fmt, 12000)
        head = b"\n".join(data.split(b"\n")[:2001]) + b"\n"
        out = same_by_thread_count(d, head, ["--format", "jsonl", "--trace", "full"], 2000)
        objs = [json.loads(l) for l in out.splitlines()]
        assert [o["row"] for o in objs if "error" in o] == sorted(r for r in bad if r <= 2000)
        assert all(o["trace"] for o in objs if "error" not in o)
        small = contrib_input(CONTRIB_ROWS + [dict(CONTRIB_ROWS[0], wage="x")])
        same_by_thread_count(d, small, ["--trace", "hash"], 5)  # fewer blocks than threads


def awkward_input(n):
    """big_input's n rows written the hard way, with where the output may differ.

    CRLF line ends and no line end at the end of the file; some rows with every
    cell quoted, some with blanks around unquoted or quoted cells; blank and
    blank-only lines between rows; every 500th row's city a quoted cell holding
    a line break (CRLF) and one 200 KiB quoted city with line breaks: such rows
    fail, naming the cell.  The reader reads 64 KiB at a time and cuts blocks of
    64 rows, so quoted line breaks and CRLF pairs fall across both.  Returns the
    bytes and the 1-based numbers of the rows with a line break in a cell."""
    lines = big_input(n).decode().split("\n")
    out, broken = [lines[0]], set()
    for i, line in enumerate(lines[1:n + 1]):
        cells = line.split(",")
        if i % 500 == 250 or i == n // 2:
            cells[0] = '"' + ("x" * 200000 if i == n // 2 else "guang") + '\r\nzhou"'
            broken.add(i + 1)
        elif i % 7 == 3:
            cells = [f'"{c}"' for c in cells]
        elif i % 17 == 5:
            cells = [f" {c} \t" for c in cells]
        elif i % 19 == 2:
            cells = [f' \t"{c}" ' for c in cells]
        out.append(",".join(cells))
        if i % 11 == 0:
            out.append("")
        if i % 13 == 0:
            out.append(" \t ")
    return "\r\n".join(out).encode(), broken


def case_block_edges():
    """Rows the reader cuts into blocks and the workers split into cells: CRLF,
    quoted cells (one with line breaks long enough to span several reads and
    blocks), blanks and blank lines give what the plain LF file gives, row for
    row, for 1, 2, 3 and 8 threads (byte-identical files)."""
    n = 12000
    data, broken = awkward_input(n)
    header, plain = table(expect(["contributions", "--trace", "hash"], big_input(n), 3)[0])
    outs = []
    for threads in ("1", "2", "3", "8"):
        out, _ = expect(["contributions", "--trace", "hash", "--threads", threads], data, 3)
        outs.append(out)
        assert out == outs[0], f"{threads} threads differ from 1"
    # table() without its line-end check: error cells here echo a CRLF.
    recs = list(csv.reader(io.StringIO(outs[0].decode("utf-8"), newline="")))
    rows = [dict(zip(recs[0], r)) for r in recs[1:]]
    assert recs[0] == header and all(len(r) == len(header) for r in recs)
    assert [r["row"] for r in rows] == [str(i) for i in range(1, n + 1)]
    for r, p in zip(rows, plain):
        if int(r["row"]) in broken:
            assert r["error"].startswith("LIBSI_E"), r["error"][:200]  # city or wage
        else:
            assert r == p, (r, p)


def case_malformed_late():
    """Malformed CSV far into the input fails at the right 1-based data row for
    any thread count, after writing every row before it: a stray quote in row
    7000 of 9000, found by a worker; and one in row 10 followed by 3 MB without
    a quote, which the reader would otherwise take for one open quoted cell to
    the end of the input (checked with libcsv once it passes 1 MiB)."""
    lines = big_input(9000).split(b"\n")
    lines[7000] = lines[7000].replace(b",2025-", b',20"25-', 1)
    data = b"\n".join(lines)
    outs = []
    for threads in ("1", "2", "3", "8"):
        out, err = expect(["contributions", "--threads", threads], data, 1)
        assert "data row 7000: malformed CSV" in err, err
        assert len(table(out)[1]) == 6999
        outs.append(out)
        assert out == outs[0], f"{threads} threads differ from 1"
    assert outs[0] == expect(["contributions"], b"\n".join(lines[:7000]) + b"\n", 3)[0]
    lines = big_input(80000).split(b"\n")
    lines[10] = lines[10].replace(b",2025-", b',20"25-', 1)
    for threads in ("1", "2"):
        out, err = expect(["contributions", "--threads", threads], b"\n".join(lines), 1)
        assert "data row 10: malformed CSV" in err, err
        assert len(table(out)[1]) == 9


def case_trace_hash():
    """--trace hash adds a 'hash' column before 'error', equal to si-contrib's hash."""
    h, rows = table(expect(["contributions", "--trace", "hash"], contrib_input(CONTRIB_ROWS), 0)[0])
    assert h[-2:] == ["hash", "error"], h
    for row, kv in zip(rows, CONTRIB_ROWS):
        assert row["hash"] == json.loads(reference(SI_CONTRIB, kv))["hash"]
    h_none, _ = table(expect(["contributions"], contrib_input(CONTRIB_ROWS), 0)[0])
    assert "hash" not in h_none and h_none == [c for c in h if c != "hash"]
    h_full, full = table(expect(["contributions", "--trace", "full"], contrib_input(CONTRIB_ROWS), 0)[0])
    assert h_full == h and full == rows, "csv with --trace full is as hash"


def case_jsonl():
    """--format jsonl: one valid JSON object per line; failed rows {"row":N,"error":{...}}."""
    rows = CONTRIB_ROWS[:2] + [dict(CONTRIB_ROWS[0], wage='bad "quote"\\')] + CONTRIB_ROWS[2:]
    for level in ("none", "hash", "full"):
        out, _ = expect(["contributions", "--format", "jsonl", "--trace", level], contrib_input(rows), 3)
        lines = out.split(b"\n")
        assert lines[-1] == b"" and len(lines) == 6, lines
        objs = [json.loads(l) for l in lines[:-1]]
        fail = objs[2]
        assert lines[2].startswith(b'{"row":3,"error":{"code":"LIBSI_EINPUT","message":"'), lines[2]
        assert list(fail) == ["row", "error"] and list(fail["error"]) == ["code", "message"]
        assert 'bad "quote"\\' in fail["error"]["message"], fail
        for i in (0, 1, 3, 4):
            ref = reference(SI_CONTRIB, rows[i])
            assert objs[i]["outputs"] == json.loads(ref)["outputs"]
            assert objs[i]["hash"] == (json.loads(ref)["hash"] if level != "none" else ""), level
            assert bool(objs[i]["trace"]) == (level == "full")
            if level == "full":
                assert lines[i] + b"\n" == ref, "full trace: byte for byte as si-contrib --json"


def case_outputs():
    """--outputs picks and orders columns; an unknown name is a usage error (exit 1)."""
    data = contrib_input(CONTRIB_ROWS)
    _, full = table(expect(["contributions"], data, 0)[0])
    h, rows = table(expect(["contributions", "--outputs", "total,pension_base"], data, 0)[0])
    assert h == ["row", "total", "pension_base", "error"], h
    for a, b in zip(rows, full):
        assert (a["total"], a["pension_base"]) == (b["total"], b["pension_base"])
    h, _ = table(expect(["contributions", "--outputs=employee_total", "--trace=hash"], data, 0)[0])
    assert h == ["row", "employee_total", "hash", "error"], h
    for bad in ("total,nope", "total,,pension_base", "total,total", "city"):
        out, err = expect(["contributions", "--outputs", bad], data, 1)
        assert out == b"" and "--outputs" in err, err
    expect(["contributions", "--outputs", "total", "--format", "jsonl"], data, 1)


def case_usage():
    """Usage and I/O errors exit 1 with a message; --help documents the format per scheme."""
    for args in ([], ["nope"], ["contributions", "pension"], ["contributions", "--threads", "0"],
                 ["contributions", "--threads", "x"], ["contributions", "--trace", "some"],
                 ["contributions", "--format", "xml"], ["contributions", "--bogus"],
                 ["contributions", "--input"], ["contributions", "--input", "/nonexistent/in.csv"],
                 ["contributions", "--rules", "/nonexistent/rules"]):
        out, err = expect(args, b"", 1)
        assert err.startswith("si-batch: "), (args, err)
    out, _ = expect(["contributions", "--output", "/nonexistent/dir/out.csv"], contrib_input(CONTRIB_ROWS), 1)
    # Malformed CSV (an unterminated quote): the rows before it are written, exit 1.
    out, err = expect(["contributions"], contrib_input(CONTRIB_ROWS[:2]) + b'"guangzhou,2025-08,1\n', 1)
    assert len(table(out)[1]) == 2 and "malformed" in err, err
    out, _ = expect(["--help"], b"", 0)
    assert b"usage: si-batch SCHEME" in out and b"exit status" in out and b"contributions" in out
    out, _ = expect(["contributions", "--help"], b"", 0)
    for name in CONTRIB_HEADER.split(",") + ["employee_total", "work_injury_rate"]:
        assert name.encode() in out, name
    rules = os.environ.get("LIBSI_RULES")
    if rules:
        a = expect(["contributions", "--rules", rules], contrib_input(CONTRIB_ROWS), 0)[0]
        assert a == expect(["contributions"], contrib_input(CONTRIB_ROWS), 0)[0]


def case_schemes():
    """Every scheme works through si-batch: --help lists its fields; a header of its inputs runs."""
    out, _ = expect(["--help"], b"", 0)
    schemes = re.search(rb"\nschemes: ([^\n]*)", out).group(1).decode().split()
    assert "contributions" in schemes and "pension" in schemes and "retirement_age" in schemes
    for s in schemes:
        text = expect([s, "--help"], b"", 0)[0].decode()
        inputs = re.search(r"\ninputs[^\n]*\n(.*?)\n\n", text, re.S).group(1)
        names = [l.split()[0] for l in inputs.splitlines() if l.startswith("  ") and l[2] != " "]
        assert names, s
        out, _ = expect([s], (",".join(names) + "\n").encode(), 0)
        assert out.startswith(b"row,") and out.endswith(b",error\n")
    kv = {"birth_date": "1974-10-08", "retirement_group": "female55"}
    got = table(expect(["retirement_age"], csv_text(list(kv), [list(kv.values())]), 0)[0])[1][0]
    check_outputs(got, reference(SI_PENSION, kv, "age"))


def case_samples():
    """The README examples: examples/batch/*.csv compute without a failed row."""
    for scheme, name in (("contributions", "contributions.csv"), ("pension", "pension.csv")):
        out, _ = expect([scheme, "--input", os.path.join(SAMPLES, name), "--trace", "hash"], b"", 0)
        assert all(r["error"] == "" for r in table(out)[1])


def peak_rss_kib(args, data):
    with tempfile.TemporaryFile() as f:
        f.write(data)
        f.seek(0)
        p = subprocess.Popen([SI_BATCH] + args, stdin=f, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, usage.ru_maxrss


def case_memory():
    """Streaming: peak memory for 200,000 rows is within a few MiB of 10,000 rows'."""
    small, big = big_input(10000), big_input(200000)
    for args in (["contributions", "--threads", "2"], ["contributions", "--format", "jsonl"]):
        rc1, rss1 = peak_rss_kib(args, small)
        rc2, rss2 = peak_rss_kib(args, big)
        assert rc1 == rc2 == 3, (rc1, rc2)
        assert rss2 < rss1 + 8 * 1024, f"{args}: {rss1} KiB for 10k rows, {rss2} KiB for 200k"


def case_progress():
    """A progress line (rows, rows/s) on standard error only when it is a terminal."""
    data = big_input(5000)
    _, err = expect(["contributions"], data, 3)
    assert err == "", err
    master, slave = pty.openpty()
    try:
        p = subprocess.run([SI_BATCH, "contributions"], input=data, stdout=subprocess.DEVNULL,
                           stderr=slave, timeout=300)
        os.close(slave)
        text = os.read(master, 65536).decode()
    finally:
        os.close(master)
    assert p.returncode == 3 and re.search(r"5000 rows, \d+ rows/s", text), text


def case_full_disk():
    """An output that cannot be written (a full disk) is exit 1 naming it, as a file or as
    standard output; the output is gathered 1 MiB at a time, so the error shows at a later write
    or at the end, never lost."""
    data = big_input(20000)
    env = dict(os.environ, LC_ALL="C")
    p = subprocess.run([SI_BATCH, "contributions", "--output", "/dev/full"], input=data,
                       capture_output=True, timeout=300, env=env)
    assert p.returncode == 1 and "/dev/full: No space left on device" in p.stderr.decode(), p.stderr
    with open("/dev/full", "wb") as full:
        p = subprocess.run([SI_BATCH, "contributions"], input=data, stdout=full,
                           stderr=subprocess.PIPE, timeout=300, env=env)
    assert p.returncode == 1 and "No space left on device" in p.stderr.decode(), p.stderr
    p = subprocess.run([SI_BATCH, "contributions", "--output", "/dev/full"],
                       input=data[:200], capture_output=True, timeout=300, env=env)
    assert p.returncode == 1 and "No space left on device" in p.stderr.decode(), p.stderr

def case_portable_reader():
    """The reader's portable loops (si-batch built without SSE2, as on an architecture without
    it: the 8-byte row-end scan and the byte-wise cell split) give the SSE2 build's output byte
    for byte: CRLF, quoted cells with commas, quotes and line breaks, blanks, blank lines, long
    rows, 1 and 2 threads, CSV and JSONL."""
    portable = os.environ["SI_BATCH_PORTABLE"]
    awkward, _ = awkward_input(6000)
    quoted = (b'city,month,wage,participant\n'
              b'"guangzhou","2025-08","30000","employee"\n'
              b'guangzhou,2025-08,"1,000",employee\n'
              b'"gz ""x""",2025-08,3000,employee\n'
              b'"guang\nzhou",2025-08,3000,employee\n'
              b'  zhaoqing ,  2025-08 ,  4000.50  ,\r\n\r\n\n'
              b'zhanjiang,2025-09,' + b'0' * 40 + b'5000\n')
    for data in (awkward, quoted, big_input(3000)):
        for args in (["--threads", "1"], ["--threads", "2"], ["--format", "jsonl"]):
            want = si_batch(["contributions"] + args, data)
            p = subprocess.run([portable, "contributions"] + args, input=data,
                               capture_output=True, timeout=600)
            assert (p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")) == want, args

CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}


def main():
    global SI_BATCH, SI_CONTRIB, SI_PENSION
    if len(sys.argv) != 5 or (sys.argv[1] not in CASES and sys.argv[1] != "all"):
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(CASES)}|all}} SI_BATCH SI_CONTRIB SI_PENSION")
    SI_BATCH, SI_CONTRIB, SI_PENSION = (os.path.abspath(p) for p in sys.argv[2:])
    for name in CASES if sys.argv[1] == "all" else [sys.argv[1]]:
        CASES[name]()
        print(f"ok {name}")


if __name__ == "__main__":
    main()

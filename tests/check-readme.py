#!/usr/bin/env python3
"""Run every shell command of the README's ```sh blocks (issue #17) and check
that each exits 0 — so a newcomer's first commands work and every file they
name exists in the repository; then check that each calculator's --help
documents the files it reads and that every examples/ or data/ file it
names exists.

usage: check-readme.py SOURCE_ROOT BUILD_DIR

Commands run in order, in a scratch directory where `build` is BUILD_DIR and
the source tree's folders are linked (files a command writes, such as
projection.csv, land there).  A line ending in a backslash continues, so does a line inside a quoted string.
Skipped, each for the reason printed:
  - sh scripts/setup.sh, sh scripts/test.sh: the setup step (installs Debian
    packages and builds) and the whole test suite (which runs this test);
  - apt-get ...: package installation;
  - a command whose placeholder (HOST, /path) names the reader's machine;
  - the 1,000,000-member Dask run: minutes of work; the same script runs
    with 2,000 members instead (--members 2000), the only change;
  - the 5,000-path stochastic projection: minutes in an instrumented (-O0
    coverage) build; the same command runs with 50 paths (--stochastic 50);
  - the installation block (meson install, venv, pip): tests/check-install.sh
    runs those steps in a scratch prefix.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

SKIP = [
    (re.compile(r"^sh scripts/(setup|test)\.sh\b"), "setup step / the whole test suite"),
    (re.compile(r"^(sudo )?apt(-get)? "), "package installation"),
    (re.compile(r"tcp://HOST|/path/to"), "placeholder for the reader's machine"),
    (re.compile(r"^(meson (setup|install|compile)|python3 -m venv|\S*/bin/pip |\S*/bin/python "
                r"|\. \S*/bin/activate|ldconfig|cc \S+\.c|ninja )"),
     "installation: tests/check-install.sh runs it"),
]
SHRINK = [(re.compile(r"(examples/python/dask_batch\.py)(\s*(#.*)?)$"),
           r"\1 --members 2000\2"),
          (re.compile(r"(si-project --stochastic) 5000\b"), r"\1 50")]


def complete(text):
    """Whether the shell would stop reading here: no quote left open."""
    try:
        shlex.split(text, comments=True)
        return True
    except ValueError:
        return False


def commands(readme):
    """(line number, command) of every ```sh block."""
    out, block, pending, start = [], False, "", 0
    for n, line in enumerate(open(readme, encoding="utf-8").read().split("\n"), 1):
        if line.startswith("```"):
            block = line.strip() in ("```sh", "```shell", "```bash") and not block
            continue
        if not block or (not line.strip() and not pending):
            continue
        if not pending:
            start = n
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        if not complete(pending + line):   # a quoted string runs on
            pending += line + "\n"
            continue
        out.append((start, pending + line))
        pending = ""
    return out


# What each calculator's --help must say about the files it reads.
HELP = {
    "si-contrib": ["case file (--case FILE)"],
    "si-pension": ["case file (--case FILE)", "history file (history=FILE"],
    "si-pension account": ["history file (history=FILE"],
    "si-unemployment": ["case file (--case FILE)"],
    "si-injury": ["case file (--case FILE)"],
    "si-actuarial": ["case file (--case FILE)"],
    "si-batch": ["input: CSV"],
    "si-life": ["life table file (--file PATH"],
    "si-project": ["scenario file (YAML"],
    "si-resident": ["case file (--case FILE)", "history file (history=FILE"],
    "si-institution": ["case file (--case FILE)", "history file (history=FILE"],
    "si-microsim": ["Member file: CSV"],
}
EXAMPLE_PATH = re.compile(r"(?<![\w/.])((?:examples|data)/[A-Za-z0-9_./-]*[A-Za-z0-9_/-])")


def check_help(root, build):
    """--help documents the file formats, and every file it names exists."""
    bad = 0
    for prog, needles in HELP.items():
        argv = [os.path.join(build, "examples", prog.split()[0])] + prog.split()[1:] + ["--help"]
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for needle in needles:
            if needle not in p.stdout:
                print("FAIL  %s --help does not document '%s'" % (prog, needle))
                bad += 1
        for path in EXAMPLE_PATH.findall(p.stdout):
            if not os.path.exists(os.path.join(root, path)):
                print("FAIL  %s --help names %s, which does not exist" % (prog, path))
                bad += 1
    print("--help of %d calculators checked, %d defects" % (len(HELP), bad))
    return bad


def scratch(root, build):
    d = tempfile.mkdtemp(prefix="readme-")
    for name in os.listdir(root):
        if name not in ("build",) and not name.startswith("."):
            os.symlink(os.path.join(root, name), os.path.join(d, name))
    os.symlink(os.path.abspath(build), os.path.join(d, "build"))
    return d


def main():
    root, build = os.path.abspath(sys.argv[1]), sys.argv[2]
    cmds = commands(os.path.join(root, "README.md"))
    work = scratch(root, build)
    env = dict(os.environ, LANG="C.UTF-8")
    env.pop("LC_ALL", None)
    ran = failed = skipped = 0
    try:
        for line, cmd in cmds:
            text = cmd.strip()
            why = next((w for rx, w in SKIP if rx.search(text)), None)
            if why:
                print("skip  README.md:%d: %s\n      (%s)" % (line, text[:100], why))
                skipped += 1
                continue
            for rx, repl in SHRINK:
                text = rx.sub(repl, text)
            p = subprocess.run(["/bin/sh", "-c", text], cwd=work, env=env, timeout=600,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            ran += 1
            status = "ok  " if p.returncode == 0 else "FAIL"
            print("%s  README.md:%d: %s" % (status, line, text[:100]))
            if p.returncode != 0:
                failed += 1
                print("      exit %d: %s" % (p.returncode, p.stderr.strip()[-600:]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d README commands run, %d failed, %d skipped" % (ran, failed, skipped))
    failed += check_help(root, os.path.abspath(build))
    return 1 if failed or ran < 20 else 0


if __name__ == "__main__":
    sys.exit(main())

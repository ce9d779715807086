#!/usr/bin/env python3
"""The step catalogue (issue #13): data/steps/*.tsv against the code that
opens the steps, and the generator tools/embed_steps.py against rows it must
refuse.

usage: check_steps.py SOURCE_ROOT

Fails (exit 1, one line per defect) when a key of the catalogue is opened by
no lsi_step(k, KEY) of libsi/**/*.c (a key the code opens but the catalogue
lacks does not compile), when a key is opened outside the folder its file
names (data/steps/pension.tsv: libsi/schemes/pension; calc.tsv: libsi/calc),
when a step of the code still writes its texts as literals
(lsi_step_static with four string literals: put them in the catalogue), or
when the generator accepts one of the bad files below or reads a good one
differently from what its rows say.
"""
import glob
import importlib.util
import os
import re
import sys
import tempfile

OPEN = re.compile(r"\blsi_step\s*\(\s*[^,;()]+(?:\([^()]*\))?\s*,\s*([A-Za-z_]\w*)\s*\)")
LITERAL = r'\s*"(?:[^"\\]|\\.)*"(?:\s*"(?:[^"\\]|\\.)*")*\s*'
STATIC_LITERALS = re.compile(r"\blsi_step_static\s*\([^,;]+," + ",".join([LITERAL] * 4) + r"\)")


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


GOOD = """# a comment
demo_total\ttotal\tTotal (合计)\tart. 1\tsum of the parts

demo_tab\tdemo_tab\ta\\ttab\tart. 2 \\\\ 3\tx = 1\\ny = 2
"""

BAD = {
    "too few cells": "demo\tdemo\ttitle\tbasis\n",
    "too many cells": "demo\tdemo\ttitle\tbasis\tformula\textra\n",
    "key not an identifier": "Demo Key\tdemo\ttitle\tbasis\tformula\n",
    "id not an identifier": "demo\tDemo\ttitle\tbasis\tformula\n",
    "key twice": "demo\tdemo\ttitle\tbasis\tformula\ndemo\tdemo\tother\tbasis\tformula\n",
    "empty title": "demo\tdemo\t\tbasis\tformula\n",
    "blank basis": "demo\tdemo\ttitle\t \tformula\n",
    "empty formula": "demo\tdemo\ttitle\tbasis\t\n",
    "the same texts under two keys": "a\tdemo\tt\tb\tf\nb\tdemo\tt\tb\tf\n",
}


def generator_defects(embed):
    defects = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "good.tsv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(GOOD)
        got = [(n, s["key"], s["id"], s["title"], s["basis"], s["formula"])
               for _, n, s in embed.read([path])]
        want = [(2, "demo_total", "total", "Total (合计)", "art. 1", "sum of the parts"),
                (4, "demo_tab", "demo_tab", "a\ttab", "art. 2 \\ 3", "x = 1\ny = 2")]
        if got != want:
            defects.append("generator: the good file reads as %r" % got)
        c, h = embed.generate(embed.read([path]), "step_tables.h")
        if ('"a\\ttab"' not in c or '"x = 1\\ny = 2"' not in c
                or "extern const lsi_step_def lsi_step_def_demo_total;" not in h):
            defects.append("generator: the good file generates\n%s\n%s" % (c, h))
        for why, text in BAD.items():
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            try:
                embed.read([path])
                defects.append("generator accepts a file with %s" % why)
            except embed.StepError as e:
                if "good.tsv:" not in str(e):
                    defects.append("generator: %s: the message names no file and line: %s" % (why, e))
    return defects


def folder_of(root, path):
    """The catalogue file of a source file: calc for libsi/calc, pension for
    libsi/schemes/pension."""
    parts = os.path.relpath(path, os.path.join(root, "libsi")).split(os.sep)
    return parts[1] if parts[0] == "schemes" and len(parts) > 2 else parts[0]


def main():
    root = sys.argv[1]
    embed = load(os.path.join(root, "tools", "embed_steps.py"), "embed_steps")
    i18n = load(os.path.join(root, "tools", "i18n_extract.py"), "i18n_extract")
    defects = generator_defects(embed)
    paths = sorted(glob.glob(os.path.join(root, "data", "steps", "*.tsv")))
    steps = embed.read(paths)
    where = {s["key"]: (os.path.basename(p)[:-4], os.path.relpath(p, root), n) for p, n, s in steps}
    used = {}
    sources = sorted(glob.glob(os.path.join(root, "libsi", "**", "*.c"), recursive=True))
    sources += sorted(glob.glob(os.path.join(root, "libsi", "**", "*.h"), recursive=True))
    for path in sources:
        code = i18n.strip_comments(open(path, encoding="utf-8").read())
        rel = os.path.relpath(path, root)
        for key in OPEN.findall(code):
            if key == "key":
                continue                    # the macro's own definition
            used.setdefault(key, set()).add(rel)
            if key in where and where[key][0] != folder_of(root, path):
                defects.append("%s: opens step %s of %s: a step belongs to its folder's file" %
                               (rel, key, where[key][1]))
        for m in STATIC_LITERALS.finditer(code):
            defects.append("%s: lsi_step_static with four literals: put the step in data/steps (%s)" %
                           (rel, " ".join(m.group(0).split())[:80]))
    for key, (_, rel, n) in sorted(where.items(), key=lambda kv: kv[1][1:]):
        if key not in used:
            defects.append("%s:%d: step %s is opened by no lsi_step(k, %s) in libsi/" % (rel, n, key, key))
    for d in defects:
        print(d)
    print("%d steps in %d files, %d keys opened in the code, %d bad files refused, %d defects" %
          (len(steps), len(paths), len(used), len(BAD), len(defects)))
    return 1 if defects or len(steps) < 100 else 0


if __name__ == "__main__":
    sys.exit(main())

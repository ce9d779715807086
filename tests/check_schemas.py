#!/usr/bin/env python3
"""The schema data (issue #13): data/schemas/*.tsv against the registry, and
the generator tools/embed_schemas.py against rows it must refuse.

usage: check_schemas.py SOURCE_ROOT

Fails (exit 1, one line per defect) when a scheme of LSI_SCHEMES
(libsi/api/registry.c) has no schema or a schema names no registered scheme,
when a shared row (@city, @known_on, @carry_forward) is written out instead
of referenced, or when the generator accepts one of the bad files below or
expands a good one differently from what its rows say.
"""
import glob
import importlib.util
import os
import re
import sys
import tempfile


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


GOOD = """define\tplace
city\ttext\t\t\tyes\t\tcity\trule data
define\tgroup
g\tenum\t\ta|b\tyes\t\tthe group\tart. 1
scheme\tdemo\ta demo\\tcalculation
inputs
@place\trequired=no\tdefault=guangdong
x\tdecimal\tyuan\t\tno\t0\tan amount\\\\n\tart. 2\t0\t100
@group
outputs
y\tdecimal\tyuan\t\tthe result\tart. 3
"""

BAD = {
    "unknown type": "scheme\tdemo\td\ninputs\nx\tnumber\noutputs\n",
    "required neither yes nor no": "scheme\tdemo\td\ninputs\nx\tdecimal\t\t\t1\noutputs\n",
    "enum without choices": "scheme\tdemo\td\ninputs\nx\tenum\noutputs\n",
    "choices on a decimal": "scheme\tdemo\td\ninputs\nx\tdecimal\t\ta|b\noutputs\n",
    "too many cells": "scheme\tdemo\td\ninputs\noutputs\ny\ttext\t\t\td\tb\textra\n",
    "unknown definition": "scheme\tdemo\td\ninputs\n@nowhere\noutputs\n",
    "unknown key": "define\tp\nx\ttext\nscheme\tdemo\td\ninputs\n@p\tcolour=red\noutputs\n",
    "key on several rows": "define\tp\nx\ttext\nz\ttext\nscheme\tdemo\td\ninputs\n@p\trequired=yes\noutputs\n",
    "field twice": "scheme\tdemo\td\ninputs\nx\ttext\nx\tbool\noutputs\n",
    "scheme twice": "scheme\tdemo\td\ninputs\noutputs\nscheme\tdemo\td\ninputs\noutputs\n",
    "no outputs line": "scheme\tdemo\td\ninputs\nx\ttext\n",
    "row outside a scheme": "x\ttext\n",
    "definition refers to itself": "define\tp\n@p\nscheme\tdemo\td\ninputs\n@p\noutputs\n",
    "name not an identifier": "scheme\tdemo\td\ninputs\nTwo Words\ttext\noutputs\n",
}


def generator_defects(embed):
    defects = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "good.tsv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(GOOD)
        (tables, choices) = embed.read([path])
        name, description, inputs, outputs = tables[0]
        want_inputs = [
            ("city", "text", "no", "guangdong", "city", "rule data"),
            ("x", "decimal", "no", "0", "an amount\\n", "art. 2"),
            ("g", "enum", "yes", "", "the group", "art. 1"),
        ]
        got = [(f["name"], f["type"], f["required"], f["default"], f["description"], f["basis"])
               for f in inputs]
        if (name, description) != ("demo", "a demo\tcalculation") or got != want_inputs:
            defects.append("generator: the good file expands to %r %r %r" % (name, description, got))
        if [(f["name"], f["description"], f["basis"]) for f in outputs] != [("y", "the result", "art. 3")]:
            defects.append("generator: the good file's outputs are %r" % outputs)
        if choices != {"group": "a|b"}:
            defects.append("generator: shared choices %r" % choices)
        for why, text in BAD.items():
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            try:
                embed.read([path])
                defects.append("generator accepts a file with %s" % why)
            except embed.SchemaError as e:
                if "good.tsv:" not in str(e):
                    defects.append("generator: %s: the message names no file and line: %s" % (why, e))
    return defects


def main():
    root = sys.argv[1]
    embed = load(os.path.join(root, "tools", "embed_schemas.py"), "embed_schemas")
    paths = sorted(glob.glob(os.path.join(root, "data", "schemas", "*.tsv")))
    defects = generator_defects(embed)
    tables, _ = embed.read(paths)
    registry = open(os.path.join(root, "libsi", "api", "registry.c"), encoding="utf-8").read()
    registered = set(re.findall(r"^\s*X\((\w+)\)", registry, flags=re.M))
    described = {t[0] for t in tables}
    for name in sorted(registered - described):
        defects.append("scheme %s of LSI_SCHEMES has no schema in data/schemas" % name)
    for name in sorted(described - registered):
        defects.append("schema %s names no scheme of LSI_SCHEMES (libsi/api/registry.c)" % name)
    for path in paths:
        if path.endswith("common.tsv"):
            continue
        for n, cells in embed.lines(path):
            if cells[0] in ("city", "known_on", "carry_forward", "retirement_group"):
                defects.append("%s:%d: input %s written out: use @%s (common.tsv)" %
                               (os.path.relpath(path, root), n, cells[0], cells[0]))
    for d in defects:
        print(d)
    print("%d schemas, %d registered schemes, %d bad files refused, %d defects" %
          (len(described), len(registered), len(BAD), len(defects)))
    return 1 if defects or len(described) < 20 else 0


if __name__ == "__main__":
    sys.exit(main())

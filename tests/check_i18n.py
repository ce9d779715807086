#!/usr/bin/env python3
"""Every text the explanation or an error message shows has its Chinese
(issue #17), and the Chinese keeps the English's numbers, citations and
printf conversions.

usage: check_i18n.py SOURCE_ROOT

Extracts with tools/i18n_extract.py every lsi_step/lsi_step_note/lsi_fail/...
text of SOURCE_ROOT/libsi/**/*.c, each step's title, basis and formula from
the step catalogue SOURCE_ROOT/data/steps/*.tsv, and each calculation's
description and its outputs' descriptions from SOURCE_ROOT/data/schemas/*.tsv,
and reads SOURCE_ROOT/data/i18n/*.tsv.
Fails (exit 1, one line per defect) when a text has no translation, when
two files translate a text differently, when a translation equals its
English (allowed only for a formula and for a bare name such as `base`),
when a number or a 《document》 / 〔year〕number of the English is missing
from the Chinese, or when a message's conversions (%s, %d, ...) differ.
"""
import glob
import importlib.util
import os
import re
import sys

CONVERSION = re.compile(r"%(?:[1-9]\$)?[-+ #0]*[0-9]*(?:\.[0-9*]+)?(?:hh|h|ll|l|z|j|t|L)?[a-zA-Z%]")
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
CITATION = re.compile(r"《[^》]+》|〔[0-9]{4}〕[0-9]+号|第[一二三四五六七八九十百]+条")


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def conversions(text):
    out = []
    for c in CONVERSION.findall(text):
        out.append(re.sub(r"^%[1-9]\$", "%", c))
    return sorted(out)


def main():
    root = sys.argv[1]
    extract = load(os.path.join(root, "tools", "i18n_extract.py"), "i18n_extract")
    embed = load(os.path.join(root, "tools", "embed_i18n.py"), "embed_i18n")
    table, where, defects = {}, {}, []
    for path in sorted(glob.glob(os.path.join(root, "data", "i18n", "*.tsv"))):
        for line, en, zh in embed.read(path):
            at = "%s:%d" % (os.path.relpath(path, root), line)
            if en in table and table[en] != zh:
                defects.append("%s: '%s' is translated differently in %s" % (at, en, where[en]))
            table.setdefault(en, zh)
            where.setdefault(en, at)
    sources = sorted(glob.glob(os.path.join(root, "libsi", "**", "*.c"), recursive=True))
    sources += sorted(glob.glob(os.path.join(root, "data", "steps", "*.tsv")))
    sources += sorted(glob.glob(os.path.join(root, "data", "schemas", "*.tsv")))
    checked = 0
    for path in sources:
        rel = os.path.relpath(path, root)
        for kind, en in extract.extract(path):
            checked += 1
            zh = table.get(en)
            if zh is None:
                defects.append("%s: %s without a translation: %s" % (rel, kind, extract.escape(en)))
                continue
            if zh == en and kind != "formula" and not re.fullmatch(r"[a-z_]+", en):
                defects.append("%s: %s translated as itself: %s" % (where[en], kind, en))
            if kind in ("error", "ui") and conversions(en) != conversions(zh):
                defects.append("%s: conversions %s in the English, %s in the Chinese" %
                               (where[en], conversions(en), conversions(zh)))
            for n in NUMBER.findall(re.sub(CONVERSION, "", en)):
                if n not in zh:
                    defects.append("%s: number %s of the English is missing: %s" % (where[en], n, zh))
            for c in CITATION.findall(en):
                if c not in zh:
                    defects.append("%s: citation %s of the English is missing: %s" % (where[en], c, zh))
    for d in defects:
        print(d)
    print("%d texts checked in %d source files, %d translations, %d defects" %
          (checked, len(sources), len(table), len(defects)))
    return 1 if defects or checked < 300 else 0


if __name__ == "__main__":
    sys.exit(main())

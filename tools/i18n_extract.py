#!/usr/bin/env python3
"""List the English texts of libsi that an explanation or an error message
shows, as the source code writes them (issue #17): the titles, bases and
formulas of the steps, the notes of lsi_step_note(), and the message formats
of lsi_fail(), lsi_in_invalid() and the check helpers.

usage: i18n_extract.py [--kinds] SOURCE.c|SCHEMA.tsv|STEPS.tsv...   one text a line (escaped \\n, \\t)

A step catalogue file (data/steps/*.tsv, issue #13: any .tsv in a folder
named `steps`) gives the title, basis and formula of each step that
lsi_step(k, key) opens; the steps whose texts depend on the case keep them in
the C code, in lsi_step_static() calls.

A schema file (data/schemas/*.tsv, issue #13) gives each calculation's
description and the descriptions of its outputs (the "meaning" column of the
calculation sheet) that hold English words.

Each call's arguments are split at top-level commas; an argument's adjacent
string literals are joined as the C compiler joins them, literals separated
by other tokens (a ternary's two branches) are separate texts.  A basis is
listed only when it holds English words (a citation alone is the same in
both languages).  Standard library only.
"""
import importlib.util
import os
import re
import sys

# call name -> indexes of the arguments that hold texts, and their kind
CALLS = {
    "lsi_step": {2: "title", 3: "basis", 4: "formula"},
    "lsi_step_static": {2: "title", 3: "basis", 4: "formula"},
    "lsi_step_open": {2: "title", 3: "basis", 4: "formula"},
    "lsi_step_note": {1: "note"},
    "lsi_step_override": {1: "note"},
    "lsi_step_record_note": {1: "note"},
    "lsi_fail": {3: "error"},
    "lsi_in_invalid": {2: "error"},
    "lsi_check_positive": {3: "error"},
    "lsi_check_open_range": {5: "error"},
    "lsi_working_months": {3: "error"},
    "not_covered": {2: "title", 3: "basis"},
    "row_error": {2: "error"},
    "cell_dec": {3: "error"},
    "bad": {-1: "error"},
    "case_error": {3: "error"},
    "fail_at": {2: "error"},
    "lsi_in_type_error": {3: "error"},
    "word": {1: "ui"},
    "range_error": {3: "error", 5: "error"},
    "parse_fail": {1: "error"},
    "form_title_of": {1: "ui"},
}
# `why = "..."`: the reason a helper puts into a message.
REASON_VARIABLES = ("why", "what")
TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|[A-Za-z_][A-Za-z_0-9]*|\S')
ENGLISH = re.compile(r"[A-Za-z]{2,}")
CONFIDENCE_ONLY = re.compile(r"^\(?[HLMNF]{1,2}\)?$")


def strip_comments(text):
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            out.append(" ")
            i = n if j < 0 else j + 2
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif c == "#" and (i == 0 or text[i - 1] == "\n"):
            j = i                       # a preprocessor line (with continuations)
            while True:
                k = text.find("\n", j)
                if k < 0 or text[k - 1] != "\\":
                    break
                j = k + 1
            i = n if k < 0 else k
        else:
            out.append(c)
            i += 1
    return "".join(out)


def unescape(lit):
    body = lit[1:-1]
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def call_args(tokens, i):
    """The arguments (token lists) of the call whose '(' is tokens[i]."""
    depth, args, cur = 0, [], []
    for j in range(i, len(tokens)):
        t = tokens[j]
        if t in "([{":
            depth += 1
            if depth == 1:
                continue
        elif t in ")]}":
            depth -= 1
            if depth == 0:
                args.append(cur)
                return args
        elif t == "," and depth == 1:
            args.append(cur)
            cur = []
            continue
        cur.append(t)
    return args


def texts_of(arg):
    """The texts of an argument: runs of adjacent string literals."""
    out, run = [], []
    for t in arg + [None]:
        if t is not None and t.startswith('"'):
            run.append(unescape(t))
        else:
            if run:
                out.append("".join(run))
            run = []
    return out


def needs_translation(kind, text):
    if not text.strip():
        return False
    if kind == "basis":
        words = [w for w in ENGLISH.findall(text) if not CONFIDENCE_ONLY.match(w)]
        return bool(words)
    return bool(ENGLISH.search(text)) or kind != "error"


def schema_texts(path):
    """The descriptions of a schema file: each calculation's, and its outputs'."""
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "embed_schemas.py")
    spec = importlib.util.spec_from_file_location("embed_schemas", here)
    schemas = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(schemas)
    reader = schemas.Schemas()
    reader.read(path)
    for scheme in reader.schemes:
        yield "description", scheme["description"]
        for at, cells in scheme["rows"]["outputs"] or []:
            text = schemas.field(cells, schemas.OUTPUT_COLUMNS, at)["description"]
            if ENGLISH.search(text):
                yield "description", text


def step_texts(path):
    """The title, basis and formula of each step of a step catalogue file."""
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "embed_steps.py")
    spec = importlib.util.spec_from_file_location("embed_steps", here)
    steps = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(steps)
    for _, _, step in steps.read([path]):
        for kind in ("title", "basis", "formula"):
            if needs_translation(kind, step[kind]):
                yield kind, step[kind]


def extract(path):
    if path.endswith(".tsv"):
        folder = os.path.basename(os.path.dirname(os.path.abspath(path)))
        yield from step_texts(path) if folder == "steps" else schema_texts(path)
        return
    tokens = TOKEN.findall(strip_comments(open(path, encoding="utf-8").read()))
    for i, t in enumerate(tokens[:-1]):
        if t in REASON_VARIABLES and tokens[i + 1] == "=" and tokens[i + 2] != "=":
            end = i + 2
            while end < len(tokens) and tokens[end] not in (";", ","):
                end += 1
            for text in texts_of(tokens[i + 2:end]):
                if needs_translation("error", text):
                    yield "error", text
            continue
        spec = CALLS.get(t)
        if t == "snprintf" and tokens[i + 1] == "(" and tokens[i + 2] in REASON_VARIABLES:
            spec = {2: "error"}   # snprintf(why, n, "reason %d", ...)
        elif t == "snprintf" and tokens[i + 1] == "(" and tokens[i + 2] == "line":
            spec = {2: "error"}   # snprintf(line, ...): a text value of the trace
        if not spec or tokens[i + 1] != "(" or (i > 0 and tokens[i - 1] in ("int", "void")):
            continue
        args = call_args(tokens, i + 1)
        for index, kind in spec.items():
            if -len(args) <= index < len(args):
                for text in texts_of(args[index]):
                    if needs_translation(kind, text):
                        yield kind, text


def escape(text):
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def main():
    kinds = "--kinds" in sys.argv
    seen = set()
    for path in [a for a in sys.argv[1:] if a != "--kinds"]:
        for kind, text in extract(path):
            if (kind, text) in seen:
                continue
            seen.add((kind, text))
            print("%s\t%s\t%s" % (kind, path, escape(text)) if kinds else escape(text))
    return 0


if __name__ == "__main__":
    sys.exit(main())

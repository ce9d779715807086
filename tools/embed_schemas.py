#!/usr/bin/env python3
"""Compile the schemas data/schemas/*.tsv into C tables (issue #13).

usage: embed_schemas.py OUTPUT.c OUTPUT.h FILE.tsv...

Each scheme's name, description and input and output fields are data, read
here at build time; the scheme's C file keeps only its kernel and names its
descriptor with LSI_SCHEME(name, kernel) (libsi/calc/calc_internal.h).  The
format (docs/rule-data.md, "Schemas"), one line each, cells separated by tabs,
UTF-8; blank lines and lines starting with '#' are skipped; \\n, \\t and \\\\
in a cell stand for a newline, a tab and a backslash:

    scheme  NAME  DESCRIPTION          a calculation (its C descriptor: NAME)
    inputs                             the input fields follow
    NAME TYPE UNIT CHOICES REQUIRED DEFAULT DESCRIPTION BASIS MIN MAX
    outputs                            the output fields follow
    NAME TYPE UNIT CHOICES DESCRIPTION BASIS
    define  NAME                       a shared run of input rows follows
    @NAME  [KEY=VALUE]...              the input rows of `define NAME`; with
                                       KEY=VALUE (a one-row definition only)
                                       that cell replaced: type, unit,
                                       choices, required, default,
                                       description, basis, min, max

TYPE is decimal, integer, date, month, enum, bool, text, json or list;
REQUIRED is yes or no; trailing empty cells may be left out.  Definitions
are shared by every file (data/schemas/common.tsv holds the ones of every
folder).  The build stops, naming the file and line, on anything else: an
unknown type, definition or key, a field given twice, an enum without
choices.  The generated tables hold exactly the rows in file order, so
libsi_schema_field() returns them in that order; the header also gives the
choices of each one-row definition of an enum (LSI_SCHEMA_CHOICES_NAME, e.g.
the retirement groups) to the C code that names them in a message, and each
field's index in its table and each input's type (LSI_IN_<scheme>__<field>,
LSI_INTYPE_<scheme>__<field>, LSI_OUT_<scheme>__<field>), so a kernel reads
and writes its own fields with no name to look up (lsi_in_dec_of, issue #10);
a '__' in a scheme or field name stops the build (it separates the two).
Standard library only.
"""
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from embed_i18n import c_string, lines  # noqa: E402  (the data files' one TSV reader and C encoder)

TYPES = ["decimal", "integer", "date", "month", "enum", "bool", "text", "json", "list"]
INPUT_COLUMNS = ["name", "type", "unit", "choices", "required", "default",
                 "description", "basis", "min", "max"]
OUTPUT_COLUMNS = ["name", "type", "unit", "choices", "description", "basis"]
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


class SchemaError(Exception):
    pass


def field(cells, columns, at):
    """A field (dict of every input column) of a row of `columns`."""
    if len(cells) < 2 or len(cells) > len(columns):
        raise SchemaError("%s: want %d to %d cells (%s), got %d" %
                          (at, 2, len(columns), " ".join(columns), len(cells)))
    f = dict.fromkeys(INPUT_COLUMNS, "")
    f["required"] = "no"
    f.update(zip(columns, cells))
    return checked(f, at)


def checked(f, at):
    if not IDENTIFIER.match(f["name"]):
        raise SchemaError("%s: field name %r is not a lower-case identifier" % (at, f["name"]))
    if f["type"] not in TYPES:
        raise SchemaError("%s: type %r is none of %s" % (at, f["type"], " ".join(TYPES)))
    if f["required"] not in ("yes", "no"):
        raise SchemaError("%s: required is %r, want yes or no" % (at, f["required"]))
    if (f["type"] in ("enum", "list")) != bool(f["choices"]):
        raise SchemaError("%s: %s: choices go with the types enum and list, and they need them" %
                          (at, f["name"]))
    return f


class Schemas:
    def __init__(self):
        self.defines = {}   # name -> [(at, cells)]
        self.schemes = []   # [{name, description, at, rows: {inputs: [(at, cells)], outputs: ...}}]

    def read(self, path):
        current, section = None, None   # a define's rows or a scheme's section
        for n, cells in lines(path):
            at = "%s:%d" % (path, n)
            word = cells[0]
            if word == "define":
                if len(cells) != 2 or not IDENTIFIER.match(cells[1]):
                    raise SchemaError("%s: want define<TAB>NAME" % at)
                if cells[1] in self.defines:
                    raise SchemaError("%s: %s is defined twice" % (at, cells[1]))
                current = self.defines[cells[1]] = []
                section = "define"
            elif word == "scheme":
                if len(cells) != 3 or not IDENTIFIER.match(cells[1]) or not cells[2].strip():
                    raise SchemaError("%s: want scheme<TAB>NAME<TAB>DESCRIPTION" % at)
                if any(s["name"] == cells[1] for s in self.schemes):
                    raise SchemaError("%s: scheme %s is given twice" % (at, cells[1]))
                scheme = {"name": cells[1], "description": cells[2], "at": at,
                          "rows": {"inputs": None, "outputs": None}}
                self.schemes.append(scheme)
                current, section = scheme, None
            elif word in ("inputs", "outputs") and len(cells) == 1:
                if current is None or section == "define" or current["rows"][word] is not None:
                    raise SchemaError("%s: %s belongs once under a scheme line" % (at, word))
                section = word
                current["rows"][word] = []
            elif section == "define":
                current.append((at, cells))
            elif section in ("inputs", "outputs"):
                current["rows"][section].append((at, cells))
            else:
                raise SchemaError("%s: a row outside a scheme's inputs or outputs" % at)

    def expand(self, at, cells, depth=0):
        """The input fields of one input row (a field, or @NAME of a define)."""
        if not cells[0].startswith("@"):
            return [field(cells, INPUT_COLUMNS, at)]
        name = cells[0][1:]
        if name not in self.defines:
            raise SchemaError("%s: no define %s" % (at, name))
        if depth > 8:
            raise SchemaError("%s: the defines of %s refer to themselves" % (at, name))
        out = []
        for row_at, row in self.defines[name]:
            out += self.expand(row_at, row, depth + 1)
        overrides = cells[1:]
        if overrides and len(out) != 1:
            raise SchemaError("%s: %s has %d rows: no KEY=VALUE" % (at, name, len(out)))
        for cell in overrides:
            key, eq, value = cell.partition("=")
            if not eq or key not in INPUT_COLUMNS[1:]:
                raise SchemaError("%s: %r is no KEY=VALUE with a key of %s" %
                                  (at, cell, " ".join(INPUT_COLUMNS[1:])))
            out[0] = checked(dict(out[0], **{key: value}), at)
        return out

    def shared_choices(self):
        """{define: choices} of the one-row definitions of an enum or a list."""
        out = {}
        for name in self.defines:
            rows = self.expand("define " + name, ["@" + name])
            if len(rows) == 1 and rows[0]["choices"]:
                out[name] = rows[0]["choices"]
        return out

    def tables(self):
        """[(name, description, inputs, outputs)] in file order."""
        out = []
        for s in self.schemes:
            if s["rows"]["inputs"] is None or s["rows"]["outputs"] is None:
                raise SchemaError("%s: scheme %s needs an inputs and an outputs line" %
                                  (s["at"], s["name"]))
            inputs = [f for at, cells in s["rows"]["inputs"] for f in self.expand(at, cells)]
            outputs = [field(cells, OUTPUT_COLUMNS, at) for at, cells in s["rows"]["outputs"]]
            for kind, fields in (("input", inputs), ("output", outputs)):
                names = [f["name"] for f in fields]
                twice = sorted({n for n in names if names.count(n) > 1})
                if twice:
                    raise SchemaError("%s: scheme %s: %s %s given twice" %
                                      (s["at"], s["name"], kind, ", ".join(twice)))
            if "__" in s["name"] or any("__" in f["name"] for f in inputs + outputs):
                raise SchemaError("%s: scheme %s: '__' in a name (it separates the scheme "
                                  "from the field in the generated indices)" % (s["at"], s["name"]))
            out.append((s["name"], s["description"], inputs, outputs))
        return out


def read(paths):
    schemas = Schemas()
    for path in paths:
        schemas.read(path)
    return schemas.tables(), schemas.shared_choices()


def c_field(f):
    return "    {%s, LIBSI_TYPE_%s, %s, %s, %d, %s,\n     %s,\n     %s, %s, %s}," % (
        c_string(f["name"]), f["type"].upper(), c_string(f["unit"]), c_string(f["choices"]),
        1 if f["required"] == "yes" else 0, c_string(f["default"]), c_string(f["description"]),
        c_string(f["basis"]), c_string(f["min"]), c_string(f["max"]))


def field_indices(name, inputs, outputs):
    """Each field's index in its table, and each input's type, fixed at build
    time: the scheme's kernel reads and writes its own fields by index
    (lsi_in_dec_of, lsi_out_dec_of in calc_internal.h), with no name to look up."""
    h = ["enum {"]  # scheme__field: "pension" + "account_balance" is not "pension_account" + "balance"
    h += ["    LSI_IN_%s__%s = %d, LSI_INTYPE_%s__%s = LIBSI_TYPE_%s," %
          (name, f["name"], i, name, f["name"], f["type"].upper()) for i, f in enumerate(inputs)]
    h += ["    LSI_OUT_%s__%s = %d," % (name, f["name"], i) for i, f in enumerate(outputs)]
    return h + ["};"] if len(h) > 1 else []


def generate(tables, choices, header_name):
    note = "/* Generated by tools/embed_schemas.py from the data/schemas files: do not edit. */"
    c = [note, "#include \"%s\"" % header_name, ""]
    h = [note, "#ifndef LIBSI_SCHEMA_TABLES_H", "#define LIBSI_SCHEMA_TABLES_H", "",
         "#include \"libsi/calc.h\"", ""]
    for name, description, inputs, outputs in tables:
        refs = []
        for kind, fields in (("inputs", inputs), ("outputs", outputs)):
            array = "lsi_schema_%s_%s" % (name, kind)
            if not fields:
                refs += ["NULL", "0"]
                continue
            h.append("extern const libsi_field %s[%d];" % (array, len(fields)))
            c.append("const libsi_field %s[%d] = {" % (array, len(fields)))
            c += [c_field(f) for f in fields]
            c += ["};", ""]
            refs += [array, str(len(fields))]
        h.append("#define LSI_SCHEMA_%s %s, %s, %s" % (name, c_string(name), c_string(description),
                                                         ", ".join(refs)))
        h += field_indices(name, inputs, outputs)
        h.append("")
    h.append("/* The choices of the shared enum inputs, for the kernels' messages. */")
    h += ["#define LSI_SCHEMA_CHOICES_%s %s" % (name, c_string(choices[name])) for name in sorted(choices)]
    h += ["", "#endif", ""]
    return "\n".join(c), "\n".join(h)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    out_c, out_h, paths = sys.argv[1], sys.argv[2], sorted(sys.argv[3:])
    try:
        tables, choices = read(paths)
    except SchemaError as e:
        sys.stderr.write("%s\n" % e)
        return 1
    c, h = generate(tables, choices, out_h.replace("\\", "/").rsplit("/", 1)[-1])
    for path, text in ((out_c, c), (out_h, h)):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

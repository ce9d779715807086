"""Shared helpers of the binding's tests: where the vectors are, which files
belong to which calculation, and reading the tab-separated vector format of
tests/test_calc_vectors.c (docs/testing.md, "Vector files")."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def vectors_dir() -> Path:
    return Path(os.environ.get("LIBSI_VECTORS", REPO / "tests" / "vectors"))


def _parse_map(text: str) -> dict:
    """LIBSI_VECTOR_MAP as meson writes it: scheme=a.tsv,b.tsv;scheme=c.tsv"""
    pairs = (item.split("=", 1) for item in text.split(";") if item)
    return {scheme: [f for f in files.split(",") if f] for scheme, files in pairs}


def _map_from_meson(path: Path) -> dict:
    """The calc_vector_files dict of tests/meson.build (when run outside meson)."""
    block = re.search(r"calc_vector_files\s*=\s*\{(.*?)\n\}", path.read_text(), re.S)
    entries = re.findall(r"'([^']+)'\s*:\s*\[([^\]]*)\]", block.group(1)) if block else []
    return {scheme: re.findall(r"'([^']+)'", files) for scheme, files in entries}


def vector_map() -> dict:
    """{scheme: [vector file relative to vectors_dir()]}: the files the C tests use."""
    text = os.environ.get("LIBSI_VECTOR_MAP")
    return _parse_map(text) if text else _map_from_meson(REPO / "tests" / "meson.build")


class VectorFile:
    """A calculation vector file: header and rows (line number, cells by column)."""

    def __init__(self, path: Path):
        self.path = path
        self.header: list = []
        self.rows: list = []
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            self._add(number, line.rstrip("\r"))

    def _add(self, number: int, line: str) -> None:
        if not line or line.startswith("#"):
            return
        cells = line.split("\t")
        if not self.header:
            self.header = cells
            return
        cells += [""] * (len(self.header) - len(cells))  # short rows: empty cells, as in C
        self.rows.append((number, dict(zip(self.header, cells))))

    def inputs(self, cells: dict) -> dict:
        """in:NAME cells that are given ('-' = not given); "..." is a JSON string literal."""
        return {col[3:]: (json.loads(v) if v.startswith('"') else v)
                for col, v in cells.items() if col.startswith("in:") and v != "-"}

    @staticmethod
    def expected_outputs(cells: dict) -> dict:
        return {col[4:]: v for col, v in cells.items() if col.startswith("out:") and v != "-"}


def success_rows(scheme: str) -> list:
    """(inputs, file, line) of every row of `scheme`'s vectors that must succeed."""
    rows = []
    for rel in vector_map().get(scheme, []):
        vf = VectorFile(vectors_dir() / rel)
        rows += [(vf.inputs(c), rel, n) for n, c in vf.rows if c.get("error", "-") == "-"]
    return rows

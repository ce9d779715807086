"""examples/python/dask_batch.py on a 2-worker LocalCluster, small populations,
under /usr/bin/python3 (Debian's python3-distributed).  Skipped when that
interpreter has no dask.distributed."""

from __future__ import annotations

import os
import subprocess
import unittest

import libsi
from _support import REPO

DEBIAN_PYTHON = "/usr/bin/python3"
EXAMPLE = REPO / "examples" / "python" / "dask_batch.py"


def has_distributed() -> bool:
    if not os.access(DEBIAN_PYTHON, os.X_OK):
        return False
    probe = subprocess.run([DEBIAN_PYTHON, "-c", "import dask.distributed"], capture_output=True)
    return probe.returncode == 0


@unittest.skipUnless(has_distributed(), "no dask.distributed for /usr/bin/python3 (apt-get install python3-distributed)")
class DaskExampleTests(unittest.TestCase):
    def run_example(self, *args: str) -> str:
        env = dict(os.environ, LIBSI_LIBRARY=libsi.library_path)
        proc = subprocess.run([DEBIAN_PYTHON, str(EXAMPLE), *args], env=env, capture_output=True,
                              text=True, timeout=500)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        return proc.stdout

    def test_contributions_full_check(self):
        out = self.run_example("--members", "4000", "--scheme", "contributions", "--workers", "2")
        self.assertIn("4,000 members in", out)
        self.assertIn("members/s (errors: 0)", out)
        self.assertIn("check (whole population): every total equal to the fen", out)

    def test_vectorised_members_equal_member_by_member(self):
        # member_columns draws a range at once with numpy: the same population as
        # pension_member / contributions_member, cell for cell (as canonical text).
        code = f"""
import sys
sys.path.insert(0, {str(EXAMPLE.parent)!r})
import dask_batch as d, libsi
np = d._numpy()
if np is None:
    print("no numpy"); sys.exit(0)
for scheme in d.VECTORISED:
    types = {{f.name: f.type for f in libsi.schema(scheme).inputs}}
    for seed, a, b in ((1, 0, 3000), (-3, 10**9, 10**9 + 2000)):
        fast = d.VECTORISED[scheme](np, seed, a, b)
        rows = [d.GENERATORS[scheme](seed, m) for m in range(a, b)]
        assert list(fast) == list(rows[0]), (scheme, list(fast))
        for name in fast:
            got = [libsi.to_text(types[name], v) for v in fast[name]]
            want = [libsi.to_text(types[name], r[name]) for r in rows]
            assert got == want, (scheme, seed, name)
print("same members")
"""
        env = dict(os.environ, LIBSI_LIBRARY=libsi.library_path,
                   PYTHONPATH=str(REPO / "bindings" / "python"))
        proc = subprocess.run([DEBIAN_PYTHON, "-c", code], env=env, capture_output=True, text=True,
                              timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        if "no numpy" in proc.stdout:
            self.skipTest("no numpy for /usr/bin/python3")
        self.assertIn("same members", proc.stdout)

    def test_pension_sample_check(self):
        if "pension" not in libsi.schemes():
            self.skipTest("no pension calculation in this library")
        out = self.run_example("--members", "6000", "--scheme", "pension", "--partitions", "6",
                               "--check-sample", "2000")
        self.assertIn("(2 of 6 partitions)", out)
        self.assertIn("check (sample of 2,000): every total equal to the fen", out)


if __name__ == "__main__":
    unittest.main()

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

    def test_pension_sample_check(self):
        if "pension" not in libsi.schemes():
            self.skipTest("no pension calculation in this library")
        out = self.run_example("--members", "6000", "--scheme", "pension", "--partitions", "6",
                               "--check-sample", "2000")
        self.assertIn("(2 of 6 partitions)", out)
        self.assertIn("check (sample of 2,000): every total equal to the fen", out)


if __name__ == "__main__":
    unittest.main()

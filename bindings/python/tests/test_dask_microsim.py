"""examples/python/dask_microsim.py (issue #16) on a 2-worker LocalCluster under
/usr/bin/python3 (Debian's python3-distributed): a member file cut into
partitions, each through the C member path, gives the same yearly totals as one
process to the fen, in expected-value and Monte Carlo mode.  Skipped when that
interpreter has no dask.distributed."""

from __future__ import annotations

import os
import subprocess
import unittest

import libsi
from _support import REPO
from test_dask_example import DEBIAN_PYTHON, has_distributed

EXAMPLE = REPO / "examples" / "python" / "dask_microsim.py"
SCENARIO = REPO / "tests" / "data" / "microsim" / "small.yaml"


@unittest.skipUnless(has_distributed(), "no dask.distributed for /usr/bin/python3 (apt-get install python3-distributed)")
class DaskMicrosimTests(unittest.TestCase):
    def run_example(self, *args: str) -> str:
        env = dict(os.environ, LIBSI_LIBRARY=libsi.library_path)
        proc = subprocess.run([DEBIAN_PYTHON, str(EXAMPLE), "--scenario", str(SCENARIO), *args],
                              env=env, capture_output=True, text=True, timeout=500)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        return proc.stdout

    def test_expected_value_same_totals(self):
        out = self.run_example("--partitions", "5")
        self.assertIn("5 partitions", out)
        self.assertIn("same totals as one process to the fen", out)

    def test_monte_carlo_same_totals(self):
        out = self.run_example("--partitions", "7", "--mode", "monte_carlo", "--path", "3")
        self.assertIn("same totals as one process to the fen", out)


if __name__ == "__main__":
    unittest.main()

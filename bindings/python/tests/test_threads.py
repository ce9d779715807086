"""Thread safety: 8 threads, each with its own Context and sharing one
Ruleset, compute every vector case of every calculation over and over; all
results (outputs, flags, hash and the full JSON with its trace) must equal
the single-threaded ones."""

from __future__ import annotations

import random
import threading
import unittest

import libsi
from _support import success_rows, vector_map

THREADS = 8
ROUNDS = 2


def workload() -> list:
    """(scheme, inputs) of every vector row that must succeed, all calculations."""
    return [(scheme, inputs) for scheme in vector_map() if scheme in libsi.schemes()
            for inputs, _, _ in success_rows(scheme)]


def fingerprint(r: libsi.Result) -> tuple:
    return (r.raw, int(r.flags), r.hash, r.json)


class ThreadTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rules = libsi.Ruleset.builtin()
        cls.cases = workload()
        with libsi.Context(cls.rules) as ctx:
            cls.expected = [fingerprint(ctx.calculate(s, i)) for s, i in cls.cases]

    def worker(self, seed: int, mismatches: list, counts: list) -> None:
        order = list(range(len(self.cases))) * ROUNDS
        random.Random(seed).shuffle(order)  # threads interleave different cases
        with libsi.Context(self.rules) as ctx:
            for k in order:
                scheme, inputs = self.cases[k]
                if fingerprint(ctx.calculate(scheme, inputs)) != self.expected[k]:
                    mismatches.append((seed, k))
        counts.append(len(order))

    def test_eight_threads_identical_results(self):
        self.assertGreater(len(self.cases), 100)
        mismatches, counts = [], []
        threads = [threading.Thread(target=self.worker, args=(seed, mismatches, counts))
                   for seed in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(counts, [len(self.cases) * ROUNDS] * THREADS)
        self.assertEqual(mismatches, [])

    def test_calculate_many_eight_workers(self):
        for scheme in {s for s, _ in self.cases}:
            rows = [i for s, i in self.cases if s == scheme]
            want = [e for (s, _), e in zip(self.cases, self.expected) if s == scheme]
            got = libsi.calculate_many(scheme, rows * 3, workers=THREADS, ruleset=self.rules,
                                       trace=True, chunk_size=5)
            self.assertEqual([fingerprint(r) for r in got], want * 3, scheme)


if __name__ == "__main__":
    unittest.main()

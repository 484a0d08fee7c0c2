"""The scaling figures of issue 18 in a few minutes (``make bench-quick``); prints, never writes.

    python -m bench.quick                      # demo stores kept in ~/.cache/thidua-bench
    THIDUA_BENCH_STORES=/tmp/stores python -m bench.quick

On demo stores of about 1,000, 10,000 and 100,000 submissions (built once into the stores folder,
then copied for every run; rebuilt when the demo generator, the schemas or the campaigns change:
the first run takes several minutes more), median of 5 runs, CPU time of the process:

* the review queue data and the leaders' dashboard data after another process wrote one row, as
  the app runs (SQLite with its typed replica), and their scaling ratios: review queue at ~10k
  against ~1k (target <= 2x), dashboard at ~100k against ~10k (target <= 3x);
* the review page cold at ~10k (a whole AppTest run of ``app.py``, services rebuilt, no replica
  snapshot; target < 1 s).

The full tables (cold full reads, pages at every size) come from ``python -m bench.pages --write``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from bench.pages import REVIEWER, apptest_overhead_ms, cell, kept_store, measure, page_ms, ratio_lines

SIZES = (1_000, 10_000, 100_000)
RUNS = 5  # medians of 5: one figure after a write is one measurement, and this machine is shared


def main() -> None:
    began = time.perf_counter()
    folder = Path(os.environ.get("THIDUA_BENCH_STORES") or Path.home() / ".cache" / "thidua-bench")
    results = {}
    print("| submissions | rows in the review queue | review queue data, after a write: ms (CPU ms) "
          "| dashboard data, after a write: ms (CPU ms) |", flush=True)  # fmt: skip
    print("|---:|---:|---:|---:|", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        page = float("nan")
        for size in SIZES:
            db = Path(tmp) / f"quick-{size}.sqlite"
            n = kept_store(folder, size, db)
            r = results[n] = measure(db, RUNS, cold_reads=False)
            print(
                f"| {n:,} | {r['rows']:,} | {cell(r['queue_after'])} | {cell(r['dash_after'])} |", flush=True
            )
            if size == 10_000:
                page = page_ms(db, REVIEWER, RUNS) - apptest_overhead_ms()
            db.unlink()
    print()
    print("\n".join(ratio_lines(results)))
    verdict = "met" if page < 1000 else "**not met**"
    print(f"- review page, cold, ~10,000 submissions: {page:,.0f} ms wall (target < 1,000 ms: {verdict})")
    print(f"\n(bench.quick took {time.perf_counter() - began:,.0f} s; load average {os.getloadavg()[0]:.1f})")
    sys.stdout.flush()


if __name__ == "__main__":
    main()

"""The SQLite typed replica (``storage/sqlite_replica.py``): what a read costs with and without it.

    python -m bench.replica --db /tmp/perfbench/bench-100000.sqlite     # an existing store (copied)
    python -m bench.replica --size 10000 --write                        # build one; write the doc

The store is copied to a temporary folder first (its first open adds row tracking to a file made
by an earlier version; the original is never touched). Median of ``--runs`` runs of reading every
tab the leaders' dashboard needs (``reporting.reporting.DASHBOARD_TABS``, one ``read_many``):

* full read, no replica (``replica=False``: every read types every row, as before the replica);
* first read, no snapshot yet (a full read that also fetches ``_row``/``_seq``);
* first read in a new process with a current snapshot on disk (a fresh ``python`` process), and
  the first dashboard view there (``Reporting.view``, leader: reads, typing and the computing);
* read after one nomination update and one history append made through another connection;
* the dashboard data (``Reporting.view``, leader) after that write, with and without the replica;
* writing the snapshots (synchronously here; the store does it in a background thread) and their
  size on disk, and the one-off upgrade of a file made before the replica.

Never asserted in tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.pages import DAY, LEADER, copy_or_build, store_arguments
from bench.report import write_section
from core.clock import FixedClock
from core.ports import Change
from reporting.reporting import DASHBOARD_TABS, Reporting
from services.services import Services
from storage.sqlite import SqliteWorkbook
from storage.sqlite_replica import write_snapshot
from workflows.loader import load_campaigns

TITLE = "Typed replica: dashboard tabs read from SQLite"
TABS = list(DASHBOARD_TABS)
REPO = Path(__file__).resolve().parents[1]

NEW_PROCESS = """
import sys, time
from reporting.reporting import DASHBOARD_TABS
from storage.sqlite import SqliteWorkbook
wb = SqliteWorkbook(sys.argv[1])
start = time.perf_counter()
wb.read_many(list(DASHBOARD_TABS))
print((time.perf_counter() - start) * 1000)
wb.close()
"""

NEW_PROCESS_VIEW = """
import datetime as dt, sys, time
from bench.pages import DAY, LEADER
from core.clock import FixedClock
from reporting.reporting import Reporting
from services.services import Services
from storage.sqlite import SqliteWorkbook
from workflows.loader import load_campaigns
wb = SqliteWorkbook(sys.argv[1], replica=sys.argv[2] == "1")
rep = Reporting(Services(wb, load_campaigns(), FixedClock(dt.datetime.combine(DAY, dt.time(9)))))
start = time.perf_counter()
rep.view(LEADER)
print((time.perf_counter() - start) * 1000)
wb.close()
"""


def in_new_process(script: str, *args: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=REPO, capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip().splitlines()[-1])


def ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def median(values: list[float]) -> float:
    return statistics.median(values)


def one_write(db: Path, k: int) -> None:
    """Another connection approves, in effect, one nomination: one row updated, one history row."""
    with SqliteWorkbook(db, replica=False) as other:
        row = other.read("nominations").iloc[-1 - k]
        other.update(
            "nominations",
            [Change(str(row["id"]), int(row["version"]), {"position": f"Tổ trưởng {k}"})],
            actor="bench",
            also_append={"history": [{"tab": "nominations", "row_id": str(row["id"]), "reason": "bench"}]},
        )


def measure(db: Path, runs: int) -> dict[str, float]:
    out: dict[str, float] = {}
    folder = Path(str(db) + ".replica")

    def fresh(**options: object) -> float:
        with SqliteWorkbook(db, **options) as wb:
            return ms(lambda: wb.read_many(TABS))

    out["full"] = median([fresh(replica=False) for _ in range(runs)])
    firsts = []
    for _ in range(runs):
        shutil.rmtree(folder, ignore_errors=True)
        firsts.append(fresh())  # closing waits for the background snapshot writes
    out["first"] = median(firsts)

    with SqliteWorkbook(db) as wb:
        wb.read_many(TABS)
        states = dict(wb._replica._states) if wb._replica else {}
        db_id = wb._replica._db_id if wb._replica else ""
    big = {t: s for t, s in states.items() if len(s.rows) >= 5_000}
    writes = []
    for _ in range(runs):
        start = time.perf_counter()
        for tab, state in big.items():
            write_snapshot(folder / f"{tab}.arrow", tab, state, str(db_id))
        writes.append((time.perf_counter() - start) * 1000)
    out["snapshot_write"] = median(writes)
    out["snapshot_mb"] = sum(p.stat().st_size for p in folder.glob("*.arrow")) / 1e6
    out["snapshot_rows"] = sum(len(s.rows) for s in big.values())

    out["restart"] = median([in_new_process(NEW_PROCESS, str(db)) for _ in range(runs)])
    for name, flag in (("view_restart_replica", "1"), ("view_restart_full", "0")):
        out[name] = median([in_new_process(NEW_PROCESS_VIEW, str(db), flag) for _ in range(runs)])

    clock = FixedClock(dt.datetime.combine(DAY, dt.time(9)))
    with SqliteWorkbook(db) as wb:
        wb.read_many(TABS)
        after = []
        for k in range(runs):
            one_write(db, k)
            after.append(ms(lambda: wb.read_many(TABS)))
        out["after_write"] = median(after)
    for name, replica in (("view_after_write_replica", True), ("view_after_write_full", False)):
        with SqliteWorkbook(db, replica=replica) as wb:
            rep = Reporting(Services(wb, load_campaigns(), clock, cache_seconds=3600.0))
            rep.view(LEADER)
            views = []
            for k in range(runs):
                one_write(db, 100 + k + (runs if replica else 0))
                views.append(ms(lambda r=rep: r.view(LEADER)))
            out[name] = median(views)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    store_arguments(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "replica.sqlite"
        source = copy_or_build(args, db)
        start = time.perf_counter()
        with SqliteWorkbook(db, replica=False) as wb:  # the first open: row tracking added if missing
            upgrade = (time.perf_counter() - start) * 1000
            rows = {t: len(df) for t, df in wb.read_many(TABS).items()}
        r = measure(db, args.runs) | {"upgrade": upgrade}
    rows_written = f"{r['snapshot_rows']:,.0f} rows, {r['snapshot_mb']:,.0f} MB"
    table = [
        ("full read, no replica (`replica=False`)", r["full"]),
        ("first read, no snapshot yet (full read; snapshots then written in the background)", r["first"]),
        ("first read in a new process, current snapshot on disk", r["restart"]),
        (
            "first dashboard view (`Reporting.view`, leader) in a new process, snapshot",
            r["view_restart_replica"],
        ),
        (
            "first dashboard view (`Reporting.view`, leader) in a new process, no replica",
            r["view_restart_full"],
        ),
        ("read after one nomination update + one history append (another connection)", r["after_write"]),
        (
            "dashboard data (`Reporting.view`, leader) after that write, replica",
            r["view_after_write_replica"],
        ),
        (
            "dashboard data (`Reporting.view`, leader) after that write, no replica",
            r["view_after_write_full"],
        ),
        (f"writing the snapshots ({rows_written}; in the background)", r["snapshot_write"]),
        ("first open of a file made before the replica (adds `_seq`, once)", r["upgrade"]),
    ]
    lines = ["| what | ms |", "|---|---:|", *(f"| {what} | {value:,.0f} |" for what, value in table)]
    print("\n".join(lines))
    if args.write:
        body = (
            f"Command: `python -m bench.replica{' --db ' + str(args.db) if args.db else ''} "
            f"--runs {args.runs} "
            f"--write`, on {source} ({rows['history']:,} history rows, {rows['nominations']:,} "
            f"nominations). Median of {args.runs} runs; every figure reads all {len(TABS)} tabs of "
            "`reporting.reporting.DASHBOARD_TABS` in one `read_many` unless it says otherwise. The "
            "other SQLite tables in this file measure cold reads with `replica=False`, as before.\n\n"
            + "\n".join(lines)
        )
        write_section(TITLE, body)


if __name__ == "__main__":
    main()

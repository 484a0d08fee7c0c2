"""Page data and render times at 1,000 / 10,000 / 100,000 submissions on SQLite.

    python -m bench.pages            # all sizes (the 100k store takes about a minute to build)
    python -m bench.pages --sizes 1000 10000

For each size a demo store is generated (the same generator as ``make run``, scaled by the
number of grassroots unions), then we time, cold (read cache emptied) and median of 5 runs:
the review queue of the KCN reviewer, the leader's dashboard data (also: a refresh with nothing
new, and one after another process wrote a row), and a full AppTest run of the review and
dashboard pages. Targets: review page < 1 s at 10,000 rows; dashboard < 2 s at
100,000 rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import demo
from bench.report import write_section
from core.clock import FixedClock
from core.model import Actor
from core.ports import Change
from reporting.reporting import Reporting
from schemas.registry import headers
from services.services import Services
from storage.sqlite import SqliteWorkbook
from workflows.loader import load_campaigns, load_catalogue

DAY = dt.date(2024, 12, 5)
REVIEWER = Actor("tham.dinh.kcn@demo.thidua.vn", "r", "UPPER_REVIEWER", "HN-CD-KCNCX")
LEADER = Actor("lanh.dao@demo.thidua.vn", "l", "LEADER", "HN-LDLD")
#: grassroots unions per upper-level union -> about this many submissions
SCALE = {1_000: 2, 10_000: 26, 100_000: 262}


def build_store(path: Path, per_parent: int) -> int:
    store = SqliteWorkbook(path)
    store.ensure_tabs(headers())
    rows = demo.build(load_campaigns(), load_catalogue(), DAY, per_parent=per_parent)
    demo.seed(store, rows)
    store.close()
    return sum(len(rows[t]) for t in ("nominations", "works", "initiatives"))


def store_arguments(parser: argparse.ArgumentParser) -> None:
    """``--db``, ``--size``, ``--runs`` and ``--write`` of a benchmark over one store."""
    parser.add_argument("--db", type=Path, default=None, help="an existing store to copy and measure")
    parser.add_argument("--size", type=int, default=100_000, help="submissions, when building a store")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="write the table into docs/benchmarks.md")


def copy_or_build(args: argparse.Namespace, db: Path) -> str:
    """Put at ``db`` a copy of ``--db`` (the original is never opened) or a demo store of about
    ``--size`` submissions; says which, for the table's caption."""
    if args.db is not None:
        shutil.copyfile(args.db, db)
        return f"a copy of `{args.db.name}`"
    n = build_store(db, SCALE.get(args.size, max(1, args.size // 380)))
    return f"a demo store of {n:,} submissions"


def timed(fn: Callable[[], object], runs: int = 5) -> tuple[float, float]:
    """Median wall and CPU milliseconds of ``fn`` (CPU time is what a shared machine disturbs least)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def cell(t: tuple[float, float]) -> str:
    return f"{t[0]:,.0f} ({t[1]:,.0f})"


def page_ms(db: Path, actor: Actor, runs: int = 3) -> float:
    """Median wall time of a cold AppTest run of ``app.py`` (frame and the actor's first page)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["THIDUA_DB"] = str(db)
    os.environ["THIDUA_TODAY"] = DAY.isoformat()
    os.environ.pop("THIDUA_BACKEND", None)
    times = []
    for _ in range(runs):
        st.cache_resource.clear()  # services rebuilt: nothing cached
        shutil.rmtree(f"{db}.replica", ignore_errors=True)  # nor a replica snapshot (bench.replica)
        at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=600)
        at.session_state["actor"] = actor
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
        if at.exception:
            raise RuntimeError(f"the page failed: {at.exception[0].message}")
    return statistics.median(times)


def apptest_overhead_ms(runs: int = 3) -> float:
    """Median wall time of AppTest running a one-line script: its own per-run cost (it scans the
    installed packages for components on every run), which a browser page view does not pay."""
    from streamlit.testing.v1 import AppTest

    times = []
    for _ in range(runs):
        at = AppTest.from_string("import streamlit as st\nst.write('x')", default_timeout=600)
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def touch_one(db: Path) -> None:
    """Another process's write: one nomination edited through a second connection."""
    other = SqliteWorkbook(db)
    row = other.read("nominations").iloc[-1]
    other.update(
        "nominations", [Change(str(row["id"]), int(row["version"]), {"position": "Tổ trưởng"})], actor="bench"
    )
    other.close()


def write(args: argparse.Namespace, lines: list[str], overheads: list[float]) -> None:
    """Write the section so far (after each size: a long 100k run that fails keeps the rest)."""
    body = (
        f"Command: `python -m bench.pages --runs {args.runs}`. Times in ms, median of {args.runs} runs; "
        "data columns give wall time (CPU time of the process in brackets: the machine is shared by "
        "several people, and CPU time is what their load disturbs least) "
        "(pages: 3). *Cold*: services' cache emptied (data) or services rebuilt (page: a whole "
        "AppTest run of `app.py`, frame and page, signed in as the KCN reviewer or the leader, "
        "less AppTest's own cost per run, measured on a one-line script: "
        f"{statistics.median(overheads) if overheads else 0:,.0f} ms). "
        "*Nothing changed*: the next refresh, which only asks SQLite for the tabs' change marks. "
        "*After another process wrote one row*: a second connection edits one nomination, then "
        "the dashboard is read again (only the nominations tab is re-read and re-typed).\n\n"
        + "\n".join(lines)
    )
    write_section("Page data: review queue and dashboard (SQLite)", body)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="*", type=int, default=list(SCALE))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    lines = [
        "| submissions | review queue data, cold | review page, cold | dashboard data, cold "
        "| dashboard data, nothing changed | dashboard data, after another process wrote one row "
        "| dashboard page, cold | target |",
        "|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    overheads: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            db = Path(tmp) / f"bench-{size}.sqlite"
            n = build_store(db, SCALE.get(size, max(1, size // 380)))
            clock = FixedClock(dt.datetime.combine(DAY, dt.time(9)))
            # replica=False: "cold" keeps meaning a full read (bench.replica measures the replica)
            services = Services(SqliteWorkbook(db, replica=False), load_campaigns(), clock)

            def queue(s: Services = services) -> object:
                s.invalidate()
                return s.queue(REVIEWER, "nominations")

            def dash(s: Services = services) -> object:
                s.invalidate()
                return Reporting(s).view(LEADER)

            def dash_again(s: Services = services) -> object:
                return Reporting(s).view(LEADER)

            def dash_after_write(s: Services = services, db: Path = db) -> tuple[float, float]:
                Reporting(s).view(LEADER)
                touch_one(db)
                return timed(lambda: Reporting(s).view(LEADER), 1)

            q_ms, d_ms = timed(queue, args.runs), timed(dash, args.runs)
            dash_again()
            again_ms = timed(dash_again, args.runs)
            after = [dash_after_write() for _ in range(args.runs)]
            after_ms = (statistics.median(a[0] for a in after), statistics.median(a[1] for a in after))
            overhead = apptest_overhead_ms()
            rp_ms = page_ms(db, REVIEWER, max(3, args.runs // 2)) - overhead
            dp_ms = page_ms(db, LEADER, max(3, args.runs // 2)) - overhead
            overheads.append(overhead)
            target = "review page < 1 s at 10k; dashboard < 2 s at 100k"
            lines.append(
                f"| {n:,} | {cell(q_ms)} | {rp_ms:,.0f} | {cell(d_ms)} | {cell(again_ms)} | {cell(after_ms)} "
                f"| {dp_ms:,.0f} | {target} |"
            )
            print(lines[-1], flush=True)
            write(args, lines, overheads)


if __name__ == "__main__":
    main()

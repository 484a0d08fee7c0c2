"""Page data and render times at 1,000 / 10,000 / 100,000 submissions on SQLite.

    python -m bench.pages            # all sizes (the 100k store takes about a minute to build)
    python -m bench.pages --sizes 1000 10000

For each size a demo store is generated (the same generator as ``make run``, scaled by the
number of grassroots unions), then we time, cold (read cache emptied) and median of 5 runs:
the review queue of the KCN reviewer, the leader's dashboard data, and a full AppTest run of
the review and dashboard pages. Targets: review page < 1 s at 10,000 rows; dashboard < 2 s at
100,000 rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.report import write_section
from core import demo
from core.clock import FixedClock
from core.model import Actor
from core.services import Services
from schemas.registry import headers
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


def median_ms(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def page_ms(db: Path, email: str, page: str, runs: int = 3) -> float:
    """Median wall time of a full AppTest run of one page, signed in as ``email``."""
    from streamlit.testing.v1 import AppTest

    os.environ["THIDUA_DB"] = str(db)
    os.environ["THIDUA_TODAY"] = DAY.isoformat()
    times = []
    for _ in range(runs):
        import streamlit as st

        st.cache_resource.clear()
        at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=120)
        at.session_state["bench_sign_in"] = email
        start = time.perf_counter()
        at.run()
        at.switch_page(page).run() if page else None
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="*", type=int, default=list(SCALE))
    args = parser.parse_args()
    lines = [
        "| submissions | review queue data (ms) | dashboard data (ms) | target |",
        "|---:|---:|---:|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            db = Path(tmp) / f"bench-{size}.sqlite"
            n = build_store(db, SCALE.get(size, max(1, size // 380)))
            clock = FixedClock(dt.datetime.combine(DAY, dt.time(9)))
            services = Services(SqliteWorkbook(db), load_campaigns(), clock, cache_seconds=0.0)

            def queue(s: Services = services) -> object:
                s.invalidate()
                return s.queue(REVIEWER, "nominations")

            def dash(s: Services = services) -> object:
                s.invalidate()
                return s.dashboard(LEADER)

            q_ms, d_ms = median_ms(queue), median_ms(dash)
            target = "review < 1 s at 10k; dashboard < 2 s at 100k"
            lines.append(f"| {n:,} | {q_ms:,.0f} | {d_ms:,.0f} | {target} |")
            print(lines[-1], flush=True)
    body = "Command: `python -m bench.pages`. Cold reads (cache emptied), median of 5 runs.\n\n"
    write_section("Page data: review queue and dashboard (SQLite)", body + "\n".join(lines))


if __name__ == "__main__":
    main()

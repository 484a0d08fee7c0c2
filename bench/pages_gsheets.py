"""Page views on Google Sheets (the emulator) at 1,000 / 10,000 / 100,000 submissions.

    python -m bench.pages_gsheets                 # all sizes: about 17 minutes, most of it 100k
    python -m bench.pages_gsheets --sizes 1000 10000

For each size the demo (the same generator as ``make run``) is written into a fresh in-process
``sheets_emulator`` through the real adapter (``SEED_BATCH`` rows per append), quotas off; the
store is built once per size and every measurement of that size reads it. Then, cold (services
rebuilt, nothing cached) and median of several runs:

* **data**: the review queue of the KCN reviewer and the leader's dashboard through ``Services``;
* **page**: a full AppTest run of ``app.py`` signed in as that person (the review page, the
  dashboard page), services built over the emulator;
* **API calls** counted from the emulator's request log (Sheets API only), per page view and for
  one approval from the review page (and the page view that follows it).

Times are the emulator's, in-process: no network. Google adds a round trip per call (typically
0.2-1 s, more for large ranges), which is why the call counts matter more than the times here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import gspread

import bootstrap
import demo
from bench.pages import DAY, LEADER, REVIEWER, SCALE, apptest_overhead_ms
from bench.report import write_section
from core.clock import FixedClock
from reporting.reporting import Reporting
from schemas.registry import SUBMISSION_TABS, headers
from services.services import Services
from sheets_emulator import SheetsEmulator
from storage.gsheets import GoogleSheetsWorkbook
from workflows.loader import load_campaigns, load_catalogue

TITLE = "Page views on Google Sheets (emulator)"
APP = Path(__file__).resolve().parents[1] / "app.py"
CLOCK = FixedClock(dt.datetime.combine(DAY, dt.time(9)))
# rows per values:append when seeding (demo.seed appends 2,000 at a time: ~400 appends at 100k)
SEED_BATCH = 20_000
TARGET = "review page < 1 s at 10k; dashboard < 2 s at 100k; one read call per page view"


def build_sheet(per_parent: int) -> tuple[SheetsEmulator, GoogleSheetsWorkbook, int]:
    gc.unfreeze()  # the previous size's store, if any, may be collected again
    emu = SheetsEmulator(seed=0)
    emu.quota.enabled = False
    key = emu.create_spreadsheet("bench")
    client = gspread.Client(auth=None, session=emu.session())  # type: ignore[arg-type]
    stamp = CLOCK.now().isoformat(timespec="seconds")
    wb = GoogleSheetsWorkbook(key, client=client, clock=lambda: stamp, sleep=lambda s: None, seed=0)
    wb.ensure_tabs(headers())
    rows = demo.build(load_campaigns(), load_catalogue(), DAY, per_parent=per_parent)
    for tab, tab_rows in rows.items():  # what demo.seed writes, in fewer, larger appends
        for start in range(0, len(tab_rows), SEED_BATCH):
            wb.append(tab, tab_rows[start : start + SEED_BATCH], actor="seed-demo")
    # the emulator's cells (some 12 million objects at 100k) stand for Google's servers but live in
    # this process: frozen out of the garbage collector, whose full collections would otherwise walk
    # them all during the reads measured below (seconds per read at 100k)
    gc.collect()
    gc.freeze()
    return emu, wb, sum(len(rows[t]) for t in SUBMISSION_TABS)


def sheets_calls(emu: SheetsEmulator) -> tuple[int, int]:
    """Sheets API calls in the log (Drive excluded) and the bytes they returned."""
    entries = [e for e in emu.log.entries if not e.endpoint.startswith("drive:")]
    return len(entries), sum(e.bytes_out for e in entries)


def cold(
    emu: SheetsEmulator, wb: GoogleSheetsWorkbook, fn: Callable[[Services], object], runs: int
) -> tuple[float, float, int, int]:
    """Median wall ms, median CPU ms, calls and bytes of ``fn`` on services with nothing cached."""
    times, cpu, calls, down = [], [], [], []
    for _ in range(runs):
        services = Services(wb, load_campaigns(), CLOCK)
        emu.log.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        fn(services)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        n, b = sheets_calls(emu)
        calls.append(n)
        down.append(b)
    return statistics.median(times), statistics.median(cpu), max(calls), int(statistics.median(down))


@contextmanager
def app_over(wb: GoogleSheetsWorkbook) -> Iterator[None]:
    """Let ``app.py`` build its services over ``wb`` (a fresh, empty cache for each app run)."""
    original = bootstrap.build

    def build(settings: bootstrap.Settings | None = None, *, store: Any = None) -> Services:
        return Services(wb, load_campaigns(), CLOCK)

    bootstrap.build = build  # type: ignore[assignment]
    try:
        yield
    finally:
        bootstrap.build = original  # type: ignore[assignment]


def page(emu: SheetsEmulator, wb: GoogleSheetsWorkbook, actor: Any, runs: int) -> tuple[float, int]:
    """Median ms and max Sheets calls of a cold AppTest run of the actor's first page."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    times, calls = [], []
    with app_over(wb):
        for _ in range(runs):
            st.cache_resource.clear()
            at = AppTest.from_file(str(APP), default_timeout=600)
            at.session_state["actor"] = actor
            emu.log.clear()
            start = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - start) * 1000)
            calls.append(sheets_calls(emu)[0])
            if at.exception:
                raise RuntimeError(f"the page failed: {at.exception[0].message}")
    return statistics.median(times), max(calls)


def approve_one(emu: SheetsEmulator, wb: GoogleSheetsWorkbook) -> tuple[int, int]:
    """Sheets calls for one approval from the review page, and for the page view after it."""
    services = Services(wb, load_campaigns(), CLOCK)
    row = services.queue(REVIEWER, "nominations").iloc[0]
    emu.log.clear()
    services.act(REVIEWER, "nominations", str(row["id"]), int(row["version"]), "approve", reason="Đủ")
    action = sheets_calls(emu)[0]
    emu.log.clear()
    services.queue(REVIEWER, "nominations")
    return action, sheets_calls(emu)[0]


def write(
    args: argparse.Namespace, data_lines: list[str], action_lines: list[str], overheads: list[float]
) -> None:
    """Write the section so far (after each size: a long 100k run that fails keeps the rest)."""
    body = (
        f"Command: `python -m bench.pages_gsheets --runs {args.runs}`. In-process `sheets_emulator`, "
        f"quotas off, demo written through the adapter ({SEED_BATCH:,} rows per `values:append`). "
        "Cold: services rebuilt for every run, so "
        f"nothing is cached; median of {args.runs} runs (3 for pages and for 100k); data columns give "
        "wall time with the process's CPU time in brackets (the machine is shared: CPU time is what "
        "other people's load disturbs least). Load average: the higher of the 1-minute load before "
        "and after each size. Calls are Sheets "
        "API requests from the emulator's log (Drive excluded); KB is response bytes. A page view "
        "is the whole `app.py` run (frame, sidebar and page) in AppTest, less AppTest's own cost "
        f"per run on a one-line script ({statistics.median(overheads) if overheads else 0:,.0f} ms). "
        "The emulator answers "
        "in-process: on Google each call adds a network round trip, so compare calls, not ms.\n\n"
        + "\n".join(data_lines)
        + "\n\nAPI calls per user action (services with the app's 5 s read cache):\n\n"
        + "\n".join(action_lines)
    )
    write_section(TITLE, body)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="*", type=int, default=list(SCALE))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data_lines = [
        "| submissions | review queue data: ms (CPU ms) (calls, KB received) "
        "| dashboard data: ms (CPU ms) (calls, KB) | review page: ms (calls) | dashboard page: ms (calls) "
        "| load avg (1 min) | target |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    action_lines = [
        "| submissions | approve one row: calls | next review page view: calls | target |",
        "|---:|---:|---:|---|",
    ]
    overheads: list[float] = []
    for size in args.sizes:
        load_before = os.getloadavg()[0]
        emu, wb, n = build_sheet(SCALE.get(size, max(1, size // 380)))
        runs = args.runs if size < 100_000 else max(3, args.runs // 2)
        q = cold(emu, wb, lambda s: s.queue(REVIEWER, "nominations"), runs)
        d = cold(emu, wb, lambda s: Reporting(s).view(LEADER), runs)
        overhead = apptest_overhead_ms()
        overheads.append(overhead)
        rp = page(emu, wb, REVIEWER, max(3, runs // 2))
        dp = page(emu, wb, LEADER, max(3, runs // 2))
        rp, dp = (rp[0] - overhead, rp[1]), (dp[0] - overhead, dp[1])
        load = max(load_before, os.getloadavg()[0])
        data_lines.append(
            f"| {n:,} | {q[0]:,.0f} ({q[1]:,.0f}) ({q[2]}, {q[3] / 1024:,.0f}) "
            f"| {d[0]:,.0f} ({d[1]:,.0f}) ({d[2]}, {d[3] / 1024:,.0f}) "
            f"| {rp[0]:,.0f} ({rp[1]}) | {dp[0]:,.0f} ({dp[1]}) | {load:.1f} | {TARGET} |"
        )
        print(data_lines[-1], flush=True)
        act, after = approve_one(emu, wb)
        action_lines.append(f"| {n:,} | {act} | {after} | 2 calls per approval; 1 read per page view |")
        print(action_lines[-1], flush=True)
        write(args, data_lines, action_lines, overheads)


if __name__ == "__main__":
    main()

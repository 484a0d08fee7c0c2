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

The emulator's network model is on (150 ms per call plus the bytes at 20 MB/s, waited outside
the emulator's lock); ``--no-network`` turns it off. Also measured (issue 18): a page view when
nothing changed (the change check alone: one Drive ``files.get`` of the file's version) and the
page view after one approval (the version, the change counters, the changed tab).
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
from bench.pages import DAY, LEADER, REVIEWER, SCALE, apptest_overhead_ms, join_warm
from bench.report import write_section
from core.clock import FixedClock
from core.errors import StorageUnavailable
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
TARGET = "review page < 1.5 s at 10k (network model on); dashboard < 2 s at 100k"


NETWORK = [True]


def build_sheet(per_parent: int) -> tuple[SheetsEmulator, GoogleSheetsWorkbook, int]:
    gc.unfreeze()  # the previous size's store, if any, may be collected again
    emu = SheetsEmulator(seed=0)
    emu.quota.enabled = False
    key = emu.create_spreadsheet("bench")
    client = gspread.Client(auth=None, session=emu.session())  # type: ignore[arg-type]
    stamp = CLOCK.now().isoformat(timespec="seconds")
    wb = GoogleSheetsWorkbook(
        key, client=client, clock=lambda: stamp, sleep=lambda s: None, seed=0, marks_seconds=1.0
    )
    campaigns = load_campaigns()  # registers the contests' own tabs, which ensure_tabs then creates
    wb.ensure_tabs(headers())
    rows = demo.build(campaigns, load_catalogue(), DAY, per_parent=per_parent)
    for tab, tab_rows in rows.items():  # what demo.seed writes, in fewer, larger appends
        for start in range(0, len(tab_rows), SEED_BATCH):
            wb.append(tab, tab_rows[start : start + SEED_BATCH], actor="seed-demo")
    # the emulator's cells (some 12 million objects at 100k) stand for Google's servers but live in
    # this process: frozen out of the garbage collector, whose full collections would otherwise walk
    # them all during the reads measured below (seconds per read at 100k)
    gc.collect()
    gc.freeze()
    emu.network.enabled = NETWORK[0]
    return emu, wb, sum(len(rows[t]) for t in SUBMISSION_TABS)


def sheets_calls(emu: SheetsEmulator) -> tuple[int, int]:
    """Google API calls in the log (Sheets and Drive) and the bytes they returned."""
    entries = list(emu.log.entries)
    return len(entries), sum(e.bytes_out for e in entries)


def both_ways(emu: SheetsEmulator) -> int:
    return sum(e.bytes_in + e.bytes_out for e in emu.log.entries)


def unchanged_view(emu: SheetsEmulator, wb: GoogleSheetsWorkbook) -> tuple[float, int, int, list[str]]:
    """A review page view when nothing changed since the last one: ms, calls, bytes both ways and
    the endpoints called (the change check only: the frames are kept)."""
    services = Services(wb, load_campaigns(), CLOCK)
    services.queue(REVIEWER, "nominations")
    time.sleep(1.1)  # past marks_seconds: the next view asks again whether anything changed
    emu.log.clear()
    start = time.perf_counter()
    services.resolve(REVIEWER)
    services.queue(REVIEWER, "nominations")
    took = (time.perf_counter() - start) * 1000
    return took, len(emu.log.entries), both_ways(emu), [e.endpoint for e in emu.log.entries]


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
            join_warm()  # the previous run's background reads and count are not this run's
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
    join_warm()
    return statistics.median(times), max(calls)


def approve_one(emu: SheetsEmulator, wb: GoogleSheetsWorkbook) -> tuple[int, int, int, int]:
    """Calls and bytes (both ways) of one approval from the review page, and of the view after it."""
    services = Services(wb, load_campaigns(), CLOCK)
    row = services.queue(REVIEWER, "nominations").iloc[0]
    emu.log.clear()
    services.act(REVIEWER, "nominations", str(row["id"]), int(row["version"]), "approve", reason="Đủ")
    action, action_bytes = len(emu.log.entries), both_ways(emu)
    time.sleep(1.1)
    emu.log.clear()
    services.queue(REVIEWER, "nominations")
    return action, action_bytes, len(emu.log.entries), both_ways(emu)


def write(
    args: argparse.Namespace, data_lines: list[str], action_lines: list[str], overheads: list[float]
) -> None:
    """Write the section so far (after each size: a long 100k run that fails keeps the rest)."""
    body = (
        f"Command: `python -m bench.pages_gsheets --runs {args.runs}"
        f"{' --no-network' if args.no_network else ''}`. In-process `sheets_emulator`, quotas off, "
        + ("network model on (150 ms + 20 MB/s per call), " if NETWORK[0] else "network model off, ")
        + f"demo written through the adapter ({SEED_BATCH:,} rows per `append`). "
        "Cold: services rebuilt for every run, so "
        f"nothing is cached; median of {args.runs} runs (3 for pages and for 100k); data columns give "
        "wall time with the process's CPU time in brackets (the machine is shared: CPU time is what "
        "other people's load disturbs least). Load average: the higher of the 1-minute load before "
        "and after each size. Calls are Google API requests from the emulator's log (Sheets and "
        "Drive); KB is response bytes. A page view "
        "is the whole `app.py` run (frame, sidebar and page) in AppTest, less AppTest's own cost "
        f"per run on a one-line script ({statistics.median(overheads) if overheads else 0:,.0f} ms). "
        "\n\n"
        + "\n".join(data_lines)
        + "\n\nGoogle API calls (Sheets and Drive) and bytes both ways per user action, services kept "
        "between views, the change check asked again after `marks_seconds`:\n\n" + "\n".join(action_lines)
    )
    write_section(TITLE, body)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="*", type=int, default=list(SCALE))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-network", action="store_true", help="the emulator answers at once")
    args = parser.parse_args()
    NETWORK[0] = not args.no_network
    data_lines = [
        "| submissions | review queue data: ms (CPU ms) (calls, KB received) "
        "| dashboard data: ms (CPU ms) (calls, KB) | review page: ms (calls) | dashboard page: ms (calls) "
        "| load avg (1 min) | target |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    action_lines = [
        "| submissions | review page view, nothing changed: calls (KB), ms | approve one row: calls (KB) "
        "| next review page view: calls (KB) | target |",
        "|---:|---:|---:|---:|---|",
    ]
    overheads: list[float] = []
    for size in args.sizes:
        load_before = os.getloadavg()[0]
        try:
            emu, wb, n = build_sheet(SCALE.get(size, max(1, size // 380)))
        except StorageUnavailable as exc:  # Google's 10 million cells per spreadsheet, say
            why = f"does not fit in one spreadsheet: {exc.message('en')}"
            data_lines.append(f"| ~{size:,} | {why} | – | – | – | – | {TARGET} |")
            print(data_lines[-1], flush=True)
            write(args, data_lines, action_lines, overheads)
            continue
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
        ms, calls, size, _ = unchanged_view(emu, wb)
        act, act_bytes, after, after_bytes = approve_one(emu, wb)
        action_lines.append(
            f"| {n:,} | {calls} ({size / 1024:,.1f}), {ms:,.0f} | {act} ({act_bytes / 1024:,.0f}) "
            f"| {after} ({after_bytes / 1024:,.0f}) | nothing changed: 1 call < 10 KB; approval: 2 calls |"
        )
        print(action_lines[-1], flush=True)
        write(args, data_lines, action_lines, overheads)


if __name__ == "__main__":
    main()

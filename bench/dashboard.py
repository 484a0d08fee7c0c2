"""The dashboard's data (``Reporting.view``: every tile, the charts and the weekly trend) on SQLite.

    python -m bench.dashboard                          # 1,000 and 10,000 submissions
    python -m bench.dashboard --sizes 1000 10000 100000 --write   # and write docs/benchmarks.md
    python -m bench.dashboard --sizes 100000 --stores /tmp/stores # keep (and reuse) the built stores

For the leader (every unit, then one campaign) and the Canon officer (one unit), median of
``--runs`` runs of:

* cold: the service's read cache emptied, then ``Reporting.view`` (one read of every tab the
  dashboard needs, then the computing), which is what a refresh costs after a change;
* read: the cold read alone (``Reporting.read_ahead``: storage plus ``services.services`` typing);
* warm: ``Reporting.view`` with the tabs already read (the computing alone).

The service keeps its reads for the whole run (as the app does within its cache window), so one
refresh reads each tab once. Prints a Markdown table; never asserted in tests. Target (issue 9):
the dashboard under 2 s at 100,000 submissions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.pages import DAY, LEADER, SCALE, build_store, timed
from bench.report import write_section
from core.clock import FixedClock
from core.model import Actor
from reporting.metrics import Filters
from reporting.reporting import Reporting
from services.services import Services
from storage.sqlite import SqliteWorkbook
from workflows.loader import load_campaigns

OFFICER = Actor("can.bo.canon@demo.thidua.vn", "o", "UNIT_OFFICER", "HN-CDCS-CANON")
TARGET_MS = 2_000
TARGET_SIZE = 100_000
TITLE = "Leaders' dashboard data (SQLite)"


def median_ms(fn: Callable[[], object], runs: int) -> float:
    """Median wall milliseconds (``bench.pages.timed``'s wall half)."""
    return timed(fn, runs)[0]


def store(folder: Path, size: int) -> tuple[Path, int]:
    """The demo store of about ``size`` submissions in ``folder`` (built once, then reused)."""
    db = folder / f"dash-{size}.sqlite"
    count = folder / f"dash-{size}.count"
    if db.exists() and count.exists():
        return db, int(count.read_text())
    db.unlink(missing_ok=True)
    n = build_store(db, SCALE.get(size, max(1, size // 380)))
    count.write_text(str(n))
    return db, n


def measure(db: Path, runs: int) -> dict[str, float]:
    clock = FixedClock(dt.datetime.combine(DAY, dt.time(9)))
    # replica=False: "cold" keeps meaning a full read (bench.replica measures the replica)
    store = SqliteWorkbook(db, replica=False)
    rep = Reporting(Services(store, load_campaigns(), clock, cache_seconds=3600.0))
    out: dict[str, float] = {}

    def cold(actor: Actor, filters: Filters) -> object:
        rep.services.invalidate()
        return rep.view(actor, filters)

    def read() -> object:
        rep.services.invalidate()
        rep.read_ahead()
        return None

    out["read"] = median_ms(read, runs)
    for name, actor, filters in (
        ("leader", LEADER, Filters()),
        ("campaign", LEADER, Filters(campaign_id="HN-2024-KTN")),
        ("officer", OFFICER, Filters()),
    ):
        out[f"{name}_cold"] = median_ms(lambda a=actor, f=filters: cold(a, f), runs)
        rep.view(actor, filters)  # fill the cache
        # the computing alone: past the view's memo (a refresh with nothing new costs ~2 ms)
        out[f"{name}_warm"] = median_ms(lambda a=actor, f=filters: rep._view(a, f, "vi"), runs)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="*", type=int, default=[1_000, 10_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stores", type=Path, default=None, help="folder to keep and reuse the stores")
    parser.add_argument("--write", action="store_true", help="write the table into docs/benchmarks.md")
    args = parser.parse_args()
    lines = [
        "| submissions | read (ms) | leader cold (ms) | leader warm (ms) | one campaign cold / warm (ms) "
        "| officer cold / warm (ms) | load avg (1 min) | target |",
        "|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    print("\n".join(lines), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.stores or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            db, n = store(folder, size)
            load_before = os.getloadavg()[0]
            r = measure(db, args.runs)
            load = max(load_before, os.getloadavg()[0])
            target = f"leader cold < {TARGET_MS:,} ms at {TARGET_SIZE:,}"
            line = (
                f"| {n:,} | {r['read']:,.0f} | {r['leader_cold']:,.0f} | {r['leader_warm']:,.0f} "
                f"| {r['campaign_cold']:,.0f} / {r['campaign_warm']:,.0f} "
                f"| {r['officer_cold']:,.0f} / {r['officer_warm']:,.0f} | {load:.1f} | {target} |"
            )
            lines.append(line)
            print(line, flush=True)
    if args.write:
        sizes = " ".join(str(s) for s in args.sizes)
        body = (
            f"Command: `python -m bench.dashboard --sizes {sizes} --runs {args.runs} --write`. "
            f"`Reporting.view` (every tile, the charts, the weekly trend), median of {args.runs} runs. "
            "*read*: the service's read of every tab the dashboard needs, cache emptied (storage and "
            "`services.services` typing); *cold*: cache emptied, then the whole view (what a refresh after "
            "a change costs); *warm*: the view with the tabs already read (the computing alone). "
            "Load average: the higher of the 1-minute load before and after each size, on a machine "
            "shared with other engineers (2 CPUs).\n\n" + "\n".join(lines)
        )
        write_section(TITLE, body)


if __name__ == "__main__":
    main()

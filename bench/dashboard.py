"""The dashboard's data (``Reporting.view``: every tile, the charts and the weekly trend) on SQLite.

    python -m bench.dashboard                 # 1,000 and 10,000 submissions
    python -m bench.dashboard --sizes 100000  # the 100k store takes about a minute to build

Cold reads (the service's cache emptied before each run), median of 5 runs, for the leader (every
unit) and the Canon officer (one unit). Prints a Markdown table; never asserted in tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from bench.pages import DAY, LEADER, SCALE, build_store, median_ms
from core.clock import FixedClock
from core.metrics import Filters
from core.model import Actor
from core.reporting import Reporting
from core.services import Services
from storage.sqlite import SqliteWorkbook
from workflows.loader import load_campaigns

OFFICER = Actor("can.bo.canon@demo.thidua.vn", "o", "UNIT_OFFICER", "HN-CDCS-CANON")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="*", type=int, default=[1_000, 10_000])
    args = parser.parse_args()
    print("| submissions | leader, all campaigns (ms) | leader, one campaign (ms) | officer (ms) |")
    print("|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            db = Path(tmp) / f"dash-{size}.sqlite"
            n = build_store(db, SCALE.get(size, max(1, size // 380)))
            clock = FixedClock(dt.datetime.combine(DAY, dt.time(9)))
            rep = Reporting(Services(SqliteWorkbook(db), load_campaigns(), clock, cache_seconds=0.0))

            def view(actor: Actor, filters: Filters, rep: Reporting = rep) -> float:
                def run() -> object:
                    rep.services.invalidate()
                    return rep.view(actor, filters)

                return median_ms(run)

            everything = view(LEADER, Filters())
            one = view(LEADER, Filters(campaign_id="HN-2024-KTN"))
            own = view(OFFICER, Filters())
            print(f"| {n:,} | {everything:,.0f} | {one:,.0f} | {own:,.0f} |", flush=True)


if __name__ == "__main__":
    main()

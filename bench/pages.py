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
import hashlib
import os
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bootstrap
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


#: what a demo store is made from: a change to any of these builds the stores again
_STORE_SOURCES = (
    "demo/*.py",
    "schemas/*.py",
    "workflows/campaigns/*.yaml",
    "workflows/*.yaml",
    "storage/sqlite*.py",
)


def store_fingerprint(size: int) -> str:
    """A short hash of the demo generator, the schemas, the campaigns and the scale of ``size``."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(repr((size, SCALE.get(size, max(1, size // 380)), DAY)).encode())
    for pattern in _STORE_SOURCES:
        for path in sorted(root.glob(pattern)):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def kept_store(folder: Path, size: int, dest: Path) -> int:
    """A copy at ``dest`` of the demo store of about ``size`` submissions kept in ``folder`` (built
    there first when missing or made by other code); its number of submissions. The kept store is
    never measured itself: runs write to their copy."""
    folder.mkdir(parents=True, exist_ok=True)
    kept = folder / f"bench-{size}-{store_fingerprint(size)}.sqlite"
    count = kept.with_suffix(".count")
    if not (kept.exists() and count.exists()):
        for old in folder.glob(f"bench-{size}-*"):
            old.unlink()
        part = kept.with_suffix(".building")
        part.unlink(missing_ok=True)
        n = build_store(part, SCALE.get(size, max(1, size // 380)))
        shutil.rmtree(f"{part}.replica", ignore_errors=True)
        part.rename(kept)
        count.write_text(str(n))
    shutil.copyfile(kept, dest)
    return int(count.read_text())


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


def join_warm() -> None:
    """Wait for the last start's background work (:func:`bootstrap.warm`, which reads and counts
    once its page is drawn), so that it is not measured as part of the next run."""
    for thread in threading.enumerate():
        if thread.name == "thidua-warm":
            thread.join()


def page_ms(db: Path, actor: Actor, runs: int = 3) -> float:
    """Median wall time of a cold AppTest run of ``app.py`` (frame and the actor's first page)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["THIDUA_DB"] = str(db)
    os.environ["THIDUA_TODAY"] = DAY.isoformat()
    os.environ.pop("THIDUA_BACKEND", None)
    from app_pages import common

    times = []
    last: Services | None = None
    for _ in range(runs):
        join_warm()
        flush = getattr(last.store, "flush_snapshots", None) if last is not None else None
        if callable(flush):
            flush()  # nor its replica snapshots, written after the warm read in a thread of their own
        st.cache_resource.clear()  # services rebuilt: nothing cached
        shutil.rmtree(f"{db}.replica", ignore_errors=True)  # nor a replica snapshot (bench.replica)
        at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=600)
        at.session_state["actor"] = actor
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
        if at.exception:
            raise RuntimeError(f"the page failed: {at.exception[0].message}")
        last = common.services()  # the run's own (cached): to wait for its background work
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
    sizes = " ".join(str(x) for x in args.sizes)
    body = (
        f"Command: `python -m bench.pages --sizes {sizes} --runs {args.runs}`. Times in ms, median of "
        f"{args.runs} runs; data columns give wall time (CPU time of the process in brackets: the "
        "machine is shared by several people, and CPU time is what their load disturbs least). "
        "*Rows*: the KCN reviewer's queue (the demo grows by adding grassroots unions under every "
        "upper-level union, the reviewer's too, so the queue grows with the store). "
        "*Cold (full read)*: services' cache emptied and the store read without its typed replica "
        "(`replica=False`: every tab read and typed again, as the first read after a start; the "
        "person tabs are not read whole: the guard picks its rows' persons' records by value). "
        "*After another process wrote*: a second connection edits one nomination, then the same "
        "services (SQLite with its replica, after the app's warm start) answer again: the store reads the "
        "changed row, the services recount what the changed tab feeds (what a refresh costs while "
        "others work). *Nothing changed*: the next refresh, which only asks SQLite for the tabs' "
        "change marks. *Page, cold*: a whole AppTest run of `app.py` (frame and page, signed in as "
        "the KCN reviewer or the leader, services rebuilt, no replica snapshot: the first view after "
        "a start, with the start-up read in flight), less AppTest's own cost per run, measured on a "
        f"one-line script: {statistics.median(overheads) if overheads else 0:,.0f} ms; median of 3.\n\n"
        + "\n".join(lines)
    )
    write_section("Page data: review queue and dashboard (SQLite)", body)


def measure(db: Path, runs: int, *, cold_reads: bool = True) -> dict[str, Any]:
    """Every data figure of one store (pages excluded); ``cold_reads=False`` leaves out the full
    reads (``bench.quick``: they take seconds each at 100,000 submissions and scale by design)."""
    clock = FixedClock(dt.datetime.combine(DAY, dt.time(9)))
    # replica=False: "cold" keeps meaning a full read (bench.replica measures the replica)
    cold = Services(SqliteWorkbook(db, replica=False), load_campaigns(), clock)
    app = Services(SqliteWorkbook(db), load_campaigns(), clock, cache_seconds=3600.0)
    # as the app runs: its warm start has read every page's tabs (the person tabs too, which a
    # page otherwise picks rows from by value until they are read whole)
    bootstrap.warm(app).join()

    def queue_cold() -> object:
        cold.invalidate()
        return cold.queue(REVIEWER, "nominations")

    def dash_cold() -> object:
        cold.invalidate()
        return Reporting(cold).view(LEADER)

    def after_write(fn: Callable[[], object]) -> tuple[float, float]:
        fn()
        touch_one(db)
        return timed(fn, 1)

    def median_of(pairs: list[tuple[float, float]]) -> tuple[float, float]:
        return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)

    out: dict[str, Any] = {"rows": len(app.queue(REVIEWER, "nominations"))}
    nothing = (float("nan"), float("nan"))
    out["queue_cold"] = timed(queue_cold, runs) if cold_reads else nothing
    out["queue_after"] = median_of(
        [after_write(lambda: app.queue(REVIEWER, "nominations")) for _ in range(runs)]
    )
    out["dash_cold"] = timed(dash_cold, runs) if cold_reads else nothing
    out["dash_after"] = median_of([after_write(lambda: Reporting(app).view(LEADER)) for _ in range(runs)])
    out["dash_again"] = timed(lambda: Reporting(app).view(LEADER), runs)
    cold.store.close()  # type: ignore[attr-defined]
    app.store.close()  # type: ignore[attr-defined]
    return out


#: (what, size, against): the scaling ratios issue 18 asks for, on CPU time
RATIOS: tuple[tuple[str, str, int, int, float], ...] = (
    ("review queue data after another process wrote", "queue_after", 10_000, 1_000, 2.0),
    ("dashboard data after another process wrote", "dash_after", 100_000, 10_000, 3.0),
)


def ratio_lines(results: dict[int, dict[str, Any]]) -> list[str]:
    """The scaling ratios (CPU time, same run) for the sizes measured, with the target."""
    out = []
    for label, key, big, small, target in RATIOS:
        near = {size: r for size, r in results.items()}
        a = next((near[s] for s in near if abs(s - big) <= big // 5), None)
        b = next((near[s] for s in near if abs(s - small) <= small // 5), None)
        if a is None or b is None:
            continue
        r = a[key][1] / b[key][1]
        verdict = "met" if r <= target else "**not met**"
        out.append(
            f"- {label}: ~{big:,} / ~{small:,} = {a[key][1]:,.0f} / {b[key][1]:,.0f} ms CPU = "
            f"**{r:.2f}x** (target <= {target:g}x: {verdict})"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="*", type=int, default=list(SCALE))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stores", type=Path, default=None, help="folder to keep and reuse the demo stores")
    parser.add_argument("--no-pages", action="store_true", help="data only (no AppTest page runs)")
    parser.add_argument("--write", action="store_true", help="write the table into docs/benchmarks.md")
    args = parser.parse_args()
    lines = [
        "| submissions | rows in the review queue | review queue data, cold (full read) "
        "| review queue data, after another process wrote | review page, cold "
        "| dashboard data, cold (full read) | dashboard data, after another process wrote "
        "| dashboard data, nothing changed | dashboard page, cold | target |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    overheads: list[float] = []
    results: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            db = Path(tmp) / f"bench-{size}.sqlite"
            if args.stores is not None:
                n = kept_store(args.stores, size, db)
            else:
                n = build_store(db, SCALE.get(size, max(1, size // 380)))
            r = results[n] = measure(db, args.runs)
            rp_ms = dp_ms = float("nan")
            if not args.no_pages:
                overhead = apptest_overhead_ms()
                overheads.append(overhead)
                rp_ms = page_ms(db, REVIEWER, 3) - overhead
                dp_ms = page_ms(db, LEADER, 3) - overhead
            target = "review page < 1 s at 10k; dashboard < 2 s at 100k"
            lines.append(
                f"| {n:,} | {r['rows']:,} | {cell(r['queue_cold'])} | {cell(r['queue_after'])} "
                f"| {rp_ms:,.0f} "
                f"| {cell(r['dash_cold'])} | {cell(r['dash_after'])} | {cell(r['dash_again'])} "
                f"| {dp_ms:,.0f} | {target} |"
            )
            print(lines[-1], flush=True)
    ratios = ratio_lines(results)
    print("\n".join(ratios), flush=True)
    if args.write:
        write(args, [*lines, "", "Scaling, CPU time measured in this run:", "", *ratios], overheads)


if __name__ == "__main__":
    main()

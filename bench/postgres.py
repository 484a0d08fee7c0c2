"""Review page data, leaders' dashboard and a 20,000-row import on PostgreSQL at 100,000 and
1,000,000 submissions, beside SQLite on the same rows.

    python -m bench.postgres                               # 100k and 1M, PostgreSQL and SQLite
    python -m bench.postgres --sizes 100000 --runs 3 --write

The 100k store is the demo generator scaled (``bench.pages.SCALE``: 91,622 submissions, 281k
history rows), written through each adapter. The 1M store is that one with every submission, its
history, hops and dossier documents copied nine more times inside the database (new ids and
client tokens; ``INSERT ... SELECT``, so the triggers see every row): 916,220 submissions.

PostgreSQL runs on a throwaway server of Debian's binaries (``tests/pgserver.py``) with the
settings a real server has (``fsync`` on), on this machine, over a Unix socket. For each store,
median of ``--runs`` runs (wall ms, CPU ms of this process in brackets):

* *review queue*: ``Services.queue`` of the KCN reviewer (what the review page draws);
* *dashboard*: ``Reporting.view`` of the leader on the first open campaign (the landing page);
* *first start*: a new server's first view where no server ran before (new workbook and services,
  no snapshot: every tab read in full and typed);
* *new server*: the same where other servers ran: PostgreSQL's typed snapshots in ``_snapshots``
  (``storage/postgres/replica.py``), SQLite's snapshot files beside the database, then the rows
  changed since;
* *after another server's write*: a second workbook (another app server) approves one nomination
  and appends its history; the next view of this server, in service (its warm start has read every
  page's tabs; ``LISTEN`` brings the new mark, only the changed rows are fetched, then the page's
  computing);
* *nothing new*: the next view again;
* *import*: a 20,000-row .xlsx of nominations read, checked and written (``read_upload`` ->
  ``check_upload`` -> ``import_upload``) by the Canon officer, once per store.

Targets (issue 19): review page < 1 s, dashboard < 2 s, import of 20,000 rows < 10 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

import bootstrap
import demo
from bench.pages import DAY, LEADER, REVIEWER, SCALE
from bench.report import write_section
from bench.validation_bench import make_rows
from core.clock import FixedClock
from core.model import Actor
from core.ports import Change, Workbook
from reporting.metrics import Filters
from reporting.reporting import Reporting
from schemas.registry import headers
from services import intake
from services.intake_import import check_upload, import_upload
from services.services import Services
from storage.postgres import PostgresWorkbook
from storage.sqlite import SqliteWorkbook
from tests.pgserver import ThrowawayPostgres
from workflows.loader import load_campaigns, load_catalogue

TITLE = "PostgreSQL beside SQLite at 100,000 and 1,000,000 submissions"
OFFICER = Actor("can.bo.canon@demo.thidua.vn", "Cán bộ", "UNIT_OFFICER", "HN-CDCS-CANON")
SUBMISSIONS = ("nominations", "works", "initiatives")
#: tabs whose rows belong to a submission (``tab``, ``row_id``): copied with them
FOLLOWERS = ("history", "hops", "dossier_documents")
COPIES = 9
IMPORT_ROWS = 20_000


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    wall, cpu = [], []
    for _ in range(runs):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def cell(t: tuple[float, float]) -> str:
    return f"{t[0]:,.0f} ({t[1]:,.0f})"


def services_over(store: Workbook) -> Services:
    clock = FixedClock(dt.datetime.combine(DAY, dt.time(9, 30)))
    return Services(store, load_campaigns(), clock)


# ------------------------------------------------------------------------------------ stores


def demo_rows(size: int) -> dict[str, list[dict[str, Any]]]:
    """The demo generator scaled to about ``size`` submissions (1M: built at 100k, then copied)."""
    per_parent = SCALE.get(min(size, 100_000), 2)
    built = demo.build(load_campaigns(), load_catalogue(), DAY, per_parent=per_parent)
    return {t: list(r) for t, r in built.items()}


def amplify_postgres(dsn: str, schema: str) -> None:
    """Nine more copies of every submission and of what belongs to it, inside the database."""
    import psycopg

    from schemas.registry import columns_of

    def select(tab: str, key: str) -> str:
        cols = columns_of(tab)
        out = []
        for c in cols:
            if c == "id":
                out.append("id || '-x' || g")
            elif c == key:
                out.append(f"{c} || '-x' || g")
            elif c == "client_token":
                out.append("CASE WHEN client_token <> '' THEN client_token || '-x' || g ELSE '' END")
            else:
                out.append(f'"{c}"')
        return ", ".join(out), ", ".join(f'"{c}"' for c in cols)

    with psycopg.connect(dsn, autocommit=True) as conn:
        for tab in SUBMISSIONS:
            picked, cols = select(tab, "")
            conn.execute(
                f'INSERT INTO "{schema}"."{tab}" ({cols}) SELECT {picked} FROM "{schema}"."{tab}", '
                f"generate_series(1, {COPIES}) g ORDER BY g, _row"
            )
        for tab in FOLLOWERS:
            picked, cols = select(tab, "row_id")
            conn.execute(
                f'INSERT INTO "{schema}"."{tab}" ({cols}) SELECT {picked} FROM "{schema}"."{tab}", '
                f"generate_series(1, {COPIES}) g WHERE tab IN ('nominations', 'works', 'initiatives') "
                "ORDER BY g, _row"
            )
        conn.execute("VACUUM ANALYZE")


def amplify_sqlite(path: Path) -> None:
    import sqlite3

    from schemas.registry import columns_of

    conn = sqlite3.connect(path)
    with conn:
        for tab in (*SUBMISSIONS, *FOLLOWERS):
            cols = columns_of(tab)
            picked = []
            for c in cols:
                if c == "id" or (c == "row_id" and tab in FOLLOWERS):
                    picked.append(f"{c} || '-x' || g.value")
                elif c == "client_token":
                    picked.append(
                        "CASE WHEN client_token <> '' THEN client_token || '-x' || g.value ELSE '' END"
                    )
                else:
                    picked.append(f'"{c}"')
            where = " WHERE tab IN ('nominations', 'works', 'initiatives')" if tab in FOLLOWERS else ""
            conn.execute(  # a recursive CTE: Python's SQLite has no generate_series
                "WITH RECURSIVE g(value) AS "
                f"(SELECT 1 UNION ALL SELECT value + 1 FROM g WHERE value < {COPIES}) "
                f'INSERT INTO "{tab}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
                f'SELECT {", ".join(picked)} FROM "{tab}", g{where} '
                "ORDER BY g.value, _row"
            )
    conn.close()


def submissions(store: Workbook) -> int:
    return sum(len(store.read(t)) for t in SUBMISSIONS)


# ------------------------------------------------------------------------------------ measures


def measure(
    open_first: Callable[[], Workbook],
    open_new: Callable[[], Workbook],
    other: Callable[[], Workbook],
    runs: int,
) -> dict[str, str]:
    """The figures of one store (see the module docstring). ``open_first``: a server on a store
    where no server kept anything (no snapshot); ``open_new``: a server starting where others ran
    (their snapshots stored)."""
    out: dict[str, str] = {}
    landing: Filters | None = None

    def first_view(what: str, open_store: Callable[[], Workbook]) -> tuple[float, float]:
        """A new server's first view, timed from opening the store to the answer; its closing
        (which waits for the snapshots it writes in the background) is not timed."""
        wall, cpu = [], []
        for _ in range(runs):
            gc.collect()
            start, start_cpu = time.perf_counter(), time.process_time()
            store = open_store()
            svc = services_over(store)
            if what == "review":
                svc.queue(REVIEWER, "nominations")
            else:
                Reporting(svc).view(LEADER, Filters(campaign_id=svc.first_open_campaign()))
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            close = getattr(store, "close", None)
            if callable(close):
                close()
        return statistics.median(wall), statistics.median(cpu)

    for what in ("review", "dashboard"):
        out[f"{what} cold"] = cell(first_view(what, open_first))
        out[f"{what} new server"] = cell(first_view(what, open_new))
    store = open_new()
    svc = services_over(store)
    bootstrap.warm(svc).join()  # a server in service: its warm start has read every page's tabs
    rep = Reporting(svc)
    landing = Filters(campaign_id=svc.first_open_campaign())
    svc.queue(REVIEWER, "nominations")
    rep.view(LEADER, landing)
    writer = other()

    def approve_one() -> None:
        noms = writer.read("nominations")
        row = (
            noms[noms["state"] == "SUBMITTED"].iloc[-1]
            if (noms["state"] == "SUBMITTED").any()
            else noms.iloc[-1]
        )
        writer.update(
            "nominations",
            [Change(str(row["id"]), int(row["version"]), {"last_reason": f"bench {time.time()}"})],
            actor="bench",
            also_append={"history": [{"tab": "nominations", "row_id": str(row["id"]), "action": "note"}]},
        )
        marks = getattr(store, "change_marks", None)
        if callable(marks):  # wait until this server knows (LISTEN); SQLite knows at once
            before = marks(["nominations"])
            deadline = time.monotonic() + 5
            while marks(["nominations"]) == before and time.monotonic() < deadline:
                time.sleep(0.005)

    def after_write(what: str) -> Callable[[], object]:
        def run() -> object:
            approve_one()
            start, start_cpu = time.perf_counter(), time.process_time()
            if what == "review":
                svc.queue(REVIEWER, "nominations")
            else:
                rep.view(LEADER, landing)
            return (time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000

        return run

    for what in ("review", "dashboard"):
        samples = [after_write(what)() for _ in range(runs)]
        out[f"{what} after write"] = cell(
            (statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples))  # type: ignore[index]
        )
    # the dashboard runs' writes came after the last review view: look once, then time a view
    # with nothing new (with one run, as at 1,000,000, the figure was the recount after a write)
    svc.queue(REVIEWER, "nominations")
    out["review nothing new"] = cell(timed(lambda: svc.queue(REVIEWER, "nominations"), runs))
    out["dashboard nothing new"] = cell(timed(lambda: rep.view(LEADER, landing), runs))
    out["import"] = import_rows(svc)
    for s in (store, writer):
        close = getattr(s, "close", None)
        if callable(close):
            close()
    return out


def import_rows(svc: Services) -> str:
    """A 20,000-row .xlsx read, checked and written; 'total (read / check / write)' in seconds."""
    camp = svc.campaigns["HN-2024-KTN"]
    rows = [
        {**r, "full_name": f"{r['full_name']} {i}"} for i, r in enumerate(make_rows(IMPORT_ROWS, seed=11))
    ]
    data = intake.fill(intake.template(camp, "nomination", "vi"), rows)
    t0 = time.perf_counter()
    up = intake.read_upload("mau.xlsx", data, campaign=camp, form="nomination")
    t1 = time.perf_counter()
    errors = check_upload(svc, up, actor=OFFICER)
    t2 = time.perf_counter()
    result = import_upload(svc, OFFICER, up, errors=errors, accept_warnings=True)
    t3 = time.perf_counter()
    n = len(result.imported)
    return f"{t3 - t0:.1f} ({t1 - t0:.1f} / {t2 - t1:.1f} / {t3 - t2:.1f}; {n:,} rows)"


# ------------------------------------------------------------------------------------ main


COLUMNS = [
    ("review cold", "review queue, first start"),
    ("review new server", "review queue, new server"),
    ("review after write", "review queue after another server's write"),
    ("review nothing new", "review queue, nothing new"),
    ("dashboard cold", "dashboard, first start"),
    ("dashboard new server", "dashboard, new server"),
    ("dashboard after write", "dashboard after another server's write"),
    ("dashboard nothing new", "dashboard, nothing new"),
    ("import", "import 20,000 rows: s (read / check / write)"),
]


def table(results: list[tuple[str, int, dict[str, str]]]) -> str:
    head = ["store", "submissions", *(label for _, label in COLUMNS)]
    lines = ["| " + " | ".join(head) + " |", "|---|---:|" + "---:|" * len(COLUMNS)]
    for store, n, figures in results:
        lines.append("| " + " | ".join([store, f"{n:,}", *(figures.get(k, "—") for k, _ in COLUMNS)]) + " |")
    return "\n".join(lines)


def caption(
    args: argparse.Namespace, measured_at: str, results: list[tuple[str, int, dict[str, str]]]
) -> str:
    lines = [
        f"Command: `python -m bench.postgres --sizes {' '.join(str(x) for x in args.sizes)} "
        f"--runs {args.runs} --runs-1m {args.runs_1m}{' --no-sqlite' if args.no_sqlite else ''}`",
        f"at commit `{measured_at}`. Median of {args.runs} runs ({args.runs_1m} at 1,000,000),",
        "wall ms (CPU ms of the bench process in brackets). PostgreSQL 15 from Debian on this",
        "machine (throwaway server, `fsync` on, Unix socket), 2 CPUs shared by the bench process,",
        "the server and other people's work. *First start*: a new app server's first view where no",
        "server ran before (every tab read in full and typed); *new server*: the same where servers",
        "ran before (typed snapshots stored in the database on PostgreSQL, beside the file on SQLite,",
        "then the rows changed since); *after another server's write*: a second workbook changes one",
        "nomination and appends its history, then the next view of this server (in service: its warm",
        "start has read every page's tabs); *nothing new*: the view",
        "again. Import: a 20,000-row .xlsx read, checked and written by one officer (seconds). How",
        "the stores are built: the module docstring of `bench/postgres.py`.",
    ]
    return " ".join(lines) + "\n\n" + table(results)


def commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.postgres", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[100_000, 1_000_000], choices=[1_000, 100_000, 1_000_000]
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--runs-1m", type=int, default=1, help="runs at 1,000,000 (each cold view reads ~4M rows)"
    )
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--write", action="store_true", help="write the table into docs/benchmarks.md")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # `kill`: the server is stopped too
    results: list[tuple[str, int, dict[str, str]]] = []
    measured_at = commit()  # the code measured, even if the work tree moves on meanwhile
    server = ThrowawayPostgres(durable=True)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            dsn = server.create_database("bench") if server.start() else ""
            print("building the demo rows…", flush=True)
            rows = demo_rows(min(args.sizes))
            pg = PostgresWorkbook(dsn, schema="thidua", listen=False)
            pg.ensure_tabs(headers())
            t = time.perf_counter()
            demo.seed(pg, rows)
            print(f"  PostgreSQL seeded in {time.perf_counter() - t:.0f} s", flush=True)
            pg.close()
            sqlite_path = Path(tmp) / "bench.sqlite"
            if not args.no_sqlite:
                sq = SqliteWorkbook(sqlite_path)
                sq.ensure_tabs(headers())
                demo.seed(sq, rows)
                sq.close()
            del rows
            for size in sorted(args.sizes):
                if size == 1_000_000:
                    t = time.perf_counter()
                    amplify_postgres(dsn, "thidua")
                    if not args.no_sqlite:
                        amplify_sqlite(sqlite_path)
                    print(f"  amplified to 1M in {time.perf_counter() - t:.0f} s", flush=True)
                with PostgresWorkbook(dsn, schema="thidua", listen=False) as probe:
                    n = submissions(probe)
                print(f"PostgreSQL at {n:,}…", flush=True)
                runs = args.runs_1m if size == 1_000_000 else args.runs

                def first_pg() -> Workbook:
                    with psycopg.connect(dsn, autocommit=True) as conn:  # no server ran before
                        conn.execute("DELETE FROM thidua._snapshots")
                    return PostgresWorkbook(dsn, schema="thidua")

                figures = measure(
                    first_pg,
                    lambda: PostgresWorkbook(dsn, schema="thidua"),
                    lambda: PostgresWorkbook(dsn, schema="thidua", listen=False),
                    runs,
                )
                print(f"  {figures}", flush=True)
                results.append(("PostgreSQL", n, figures))
                if args.write:  # after each store: a long run cut short keeps what it measured
                    write_section(TITLE, caption(args, measured_at, results))
                if not args.no_sqlite:
                    print(f"SQLite at {n:,}…", flush=True)
                    snap = Path(str(sqlite_path) + ".replica")

                    def fresh_sqlite(snap: Path = snap) -> Workbook:
                        shutil.rmtree(snap, ignore_errors=True)  # no snapshot: a first start
                        return SqliteWorkbook(sqlite_path)

                    figures = measure(
                        fresh_sqlite,
                        lambda: SqliteWorkbook(sqlite_path),  # the snapshots the runs before wrote
                        lambda: SqliteWorkbook(sqlite_path, replica=False),
                        args.runs,
                    )
                    print(f"  {figures}", flush=True)
                    results.append(("SQLite", n, figures))
                    if args.write:
                        write_section(TITLE, caption(args, measured_at, results))
        finally:
            server.stop()
    body = caption(args, measured_at, results)
    print(body)
    if args.write:
        write_section(TITLE, body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

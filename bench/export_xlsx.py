"""The "Danh sách Excel (.xlsx)" list of the documents page: how long until its download is ready.

    python -m bench.export_xlsx                  # the demo store of `make run` (about 3,100 submissions)
    python -m bench.export_xlsx --write          # and write its section of docs/benchmarks.md
    python -m bench.export_xlsx --before <rev>   # also time write_list as it was at <rev> (git show)

``exports.build.export(kind="xlsx")`` for the leader (every unit: the longest list) and the Canon
officer, nominations of the 2024 campaign: median wall and CPU milliseconds of ``--runs`` runs, the
rows written and the file's size. Target (issue 16): under 2 s. Never asserted in tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import types
from pathlib import Path

from bench.pages import DAY, LEADER, build_store, cell, timed
from bench.report import write_section
from core.clock import FixedClock
from core.model import Actor
from exports import xlsx
from exports.build import export
from reporting.reporting import Reporting
from services.services import Services
from storage.sqlite import SqliteWorkbook
from workflows.loader import load_campaigns

OFFICER = Actor("can.bo.canon@demo.thidua.vn", "o", "UNIT_OFFICER", "HN-CDCS-CANON")
CAMPAIGN = "HN-2024-KTN"
TITLE = "Excel list of the documents page"
TARGET_MS = 2_000
ROOT = Path(__file__).resolve().parents[1]


def commit() -> str:
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def old_write_list(rev: str) -> types.ModuleType:
    """``exports/xlsx.py`` as it was at ``rev``, loaded as a module (to time the old writer)."""
    text = subprocess.run(
        ["git", "show", f"{rev}:exports/xlsx.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    module = types.ModuleType("xlsx_before")
    sys.modules["xlsx_before"] = module  # dataclasses look their module up
    exec(compile(text, "xlsx_before", "exec"), module.__dict__)
    return module


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--before", default="", help="a git revision whose write_list is timed too")
    parser.add_argument(
        "--per-parent", type=int, default=8, help="demo units per parent (8: `make run`'s demo)"
    )
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-xlsx-"))
    db = folder / "demo.sqlite"
    submissions = build_store(db, args.per_parent)
    clock = FixedClock(dt.datetime.combine(DAY, dt.time(9, 30)))
    svc = Services(SqliteWorkbook(db), load_campaigns(), clock, cache_seconds=3600.0)
    rep = Reporting(svc)
    rows = [
        f"| who | rows | file size | wall ms (CPU ms), median of {args.runs} | target |",
        "|---|---|---|---|---|",
    ]
    before_rows: list[str] = []
    for name, actor in (("leader (every unit)", LEADER), ("Canon officer (one unit)", OFFICER)):
        export(rep, actor, "xlsx", CAMPAIGN)  # the reads are warm, as on the page after its first view
        made = export(rep, actor, "xlsx", CAMPAIGN)
        listed = len(rep.list_rows(actor, "nominations", CAMPAIGN))
        took = timed(lambda a=actor: export(rep, a, "xlsx", CAMPAIGN), args.runs)  # type: ignore[misc]
        verdict = "met" if took[0] < TARGET_MS else "**not met**"
        rows.append(
            f"| {name} | {listed:,} | {len(made.data) / 1024:,.0f} KB | {cell(took)} | < 2 s: {verdict} |"
        )
        if args.before:
            old = old_write_list(args.before)
            frame = rep.list_rows(actor, "nominations", CAMPAIGN)
            columns = xlsx.tab_columns("nominations", list(frame.columns), "vi")
            was = timed(lambda f=frame, c=columns, w=old.write_list: w(f, c), max(1, args.runs // 2))  # type: ignore[misc]
            now = timed(lambda f=frame, c=columns: xlsx.write_list(f, c), args.runs)  # type: ignore[misc]
            before_rows.append(f"| {name} | {listed:,} | {cell(was)} | {cell(now)} |")
    body = (
        f"`python -m bench.export_xlsx{' --before ' + args.before if args.before else ''}` at commit "
        f"`{commit()}`, demo store of {submissions:,} submissions, nominations of {CAMPAIGN}: the time "
        'from pressing "Tạo tệp" to the file being ready (`exports.build.export`, reads already warm).\n\n'
        + "\n".join(rows)
    )
    if before_rows:
        body += (
            f"\n\nThe writer alone (`exports.xlsx.write_list`), at `{args.before}` and now: asking openpyxl "
            "for the sheet's last row after every appended row made the old writer quadratic.\n\n"
            "| who | rows | before: wall ms (CPU ms) | now: wall ms (CPU ms) |\n|---|---|---|---|\n"
            + "\n".join(before_rows)
        )
    print(body)
    if args.write:
        write_section(TITLE, body)


if __name__ == "__main__":
    main(sys.argv[1:])

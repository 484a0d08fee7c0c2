"""Validation throughput on nomination rows: our pandera path vs a plain row-by-row validator
(vs frictionless when an interpreter with it is given), plus the 10,000-row Excel import.

    python -m bench.validation_bench                       # 100,000 rows, prints the tables
    python -m bench.validation_bench --write-docs          # ... and updates docs/benchmarks.md
    python -m bench.validation_bench --frictionless-python /path/to/python   # add frictionless

The same generated rows (about 3 % with a problem) go through every validator; the table shows
rows per second and how many problems each found, so the paths can be seen to agree.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"
HEADING = "## Validation throughput"
FIELDS = ["subject_kind", "full_name", "position", "award_code", "achievement"]
AWARDS = ["LDTT", "CSTD_CS", "U_BK_LDLD", "U_CO_LDLD"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Thị", "Văn", "Thị Thu", "Minh", "Đức", "Ngọc", "Thanh", "Quang"]
GIVEN = ["Thủy", "Hùng", "Lan", "Hòa", "Khôi", "Trang", "Dũng", "Hương", "Tuấn", "Yến"]
GOOD = "Hoàn thành xuất sắc nhiệm vụ, vượt 15% định mức sản lượng năm 2024; có sáng kiến cải tiến."


def make_rows(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` nomination rows as officers type them; about 3 % carry one problem each."""
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    last_ldtt = ""
    for i in range(n):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {i}"
        award = "LDTT"
        if last_ldtt and rng.random() < 0.1:  # a CSTĐCS nominee also nominated LĐTT (R-CSTDCS-1)
            name, award = last_ldtt, "CSTD_CS"
        elif rng.random() < 0.02:
            award = "U_BK_LDLD"
        if award == "LDTT":
            last_ldtt = name
        row: dict[str, Any] = {
            "subject_kind": "CA_NHAN",
            "full_name": unicodedata.normalize("NFD", name) if rng.random() < 0.1 else name,
            "position": rng.choice(["Công nhân", "Tổ trưởng", "Kỹ sư", "Giáo viên"]),
            "award_code": award,
            "achievement": GOOD,
        }
        roll = rng.random()
        if roll < 0.01:
            row["achievement"] = "ngắn"
        elif roll < 0.02:
            row["subject_kind"] = "CX"
        elif roll < 0.03:
            row["full_name"] = "  "
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------- validators


def pandera_path(rows: Sequence[Mapping[str, Any]]) -> int:
    """Our path: parse + pandera schema (``schemas.validate.validate_rows``), as every entry uses."""
    from schemas.validate import validate_rows

    _, errors = validate_rows("nominations", rows, FIELDS, FIELDS[:2] + FIELDS[3:], first_row=2)
    return len(errors)


def pandera_with_rules(rows: Sequence[Mapping[str, Any]]) -> int:
    """Our path plus every named cross-row check of ``services.rules`` (duplicates, quota, ...)."""
    from schemas.validate import validate_rows
    from services.rules import Batch, default_book, run_checks

    parsed, errors = validate_rows("nominations", rows, FIELDS, FIELDS[:2] + FIELDS[3:], first_row=2)
    batch = Batch(
        tab="nominations",
        campaign_id="HN-2024-KTN",
        unit_id="U",
        cells=parsed,
        row_numbers=list(range(2, len(rows) + 2)),
        fields=FIELDS,
        rules=default_book(),
        on=dt.date(2024, 12, 31),
        fixed={"year": 2024},
    )
    return len(errors) + len(run_checks(batch))


_SPACES = re.compile(r"[\s\u00a0]+")


def plain_python(rows: Sequence[Mapping[str, Any]]) -> int:
    """A hand-written row-by-row validator of the same one-row rules (the baseline)."""
    errors = 0
    for row in rows:
        cells = {}
        for f in FIELDS:
            v = row.get(f)
            s = "" if v is None else _SPACES.sub(" ", unicodedata.normalize("NFC", str(v))).strip()
            cells[f] = s
            if not s and f != "position":
                errors += 1
        if cells["subject_kind"] and cells["subject_kind"] not in ("CA_NHAN", "TAP_THE"):
            errors += 1
        if cells["full_name"] and not 2 <= len(cells["full_name"]) <= 200:
            errors += 1
        if cells["achievement"] and not 20 <= len(cells["achievement"]) <= 4000:
            errors += 1
    return errors


_FRICTIONLESS = r"""
import json, sys, time
from frictionless import Resource, Schema, Checklist
def field(name, **constraints):
    return {"name": name, "type": "string", "constraints": constraints}
schema = Schema.from_descriptor({"fields": [
    field("subject_kind", required=True, enum=["CA_NHAN", "TAP_THE"]),
    field("full_name", required=True, minLength=2, maxLength=200),
    field("position"),
    field("award_code", required=True, minLength=1),
    field("achievement", required=True, minLength=20, maxLength=4000),
]})
t = time.perf_counter()
# frictionless refuses absolute paths as unsafe: validate the file by name from its folder
report = Resource(path=sys.argv[1], schema=schema).validate(limit_errors=10**9)
took = time.perf_counter() - t
errors = sum(len(task.errors) for task in report.tasks)
print(json.dumps({"seconds": took, "errors": errors}))
"""


def frictionless_path(rows: Sequence[Mapping[str, Any]], python: str) -> tuple[float, int] | str:
    """frictionless ``Resource.validate`` on the same rows written as CSV (run by ``python``)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rows.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, FIELDS)
            w.writeheader()
            w.writerows(rows)
        try:
            cmd = [python, "-c", _FRICTIONLESS, path.name]
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=True, cwd=tmp)
        except (OSError, subprocess.SubprocessError) as exc:
            return f"not run: {type(exc).__name__}"
        data = json.loads(out.stdout.strip().splitlines()[-1])
        return float(data["seconds"]), int(data["errors"])


def timed(fn: Callable[[], int]) -> tuple[float, int]:
    t = time.perf_counter()
    n = fn()
    return time.perf_counter() - t, n


# ---------------------------------------------------------------------------------------- import


def excel_import(n: int) -> list[tuple[str, float]]:
    """Stages of a ``n``-row .xlsx import over a fresh demo store (SQLite), in seconds."""
    import demo
    from core.clock import FixedClock
    from core.model import Actor
    from schemas.registry import headers
    from services import intake
    from services.intake_import import check_upload, import_upload
    from services.services import Services
    from storage.sqlite import SqliteWorkbook
    from workflows.loader import load_campaigns, load_catalogue

    today = dt.date(2024, 12, 5)
    campaigns = load_campaigns()
    with tempfile.TemporaryDirectory() as tmp:
        template_db = Path(tmp) / "demo.sqlite"
        store = SqliteWorkbook(template_db)
        store.ensure_tabs(headers())
        demo.seed(store, demo.build(campaigns, load_catalogue(), today))
        store.close()
        rows = [{**r, "full_name": f"{r['full_name']} {i}"} for i, r in enumerate(make_rows(n, seed=11))]
        camp = campaigns["HN-2024-KTN"]
        data = intake.fill(intake.template(camp, "nomination", "vi"), rows)
        actor = Actor("can.bo.canon@demo.thidua.vn", "Cán bộ", "UNIT_OFFICER", "HN-CDCS-CANON")
        out: list[tuple[str, float]] = []
        for label in ["one path: check once, write the checked cells"]:
            db = Path(tmp) / "import.sqlite"
            shutil.copy(template_db, db)
            store = SqliteWorkbook(db)
            clock = FixedClock(dt.datetime.combine(today, dt.time(9, 30)))
            svc = Services(store, campaigns, clock, cache_seconds=60.0)
            t0 = time.perf_counter()
            up = intake.read_upload("mau.xlsx", data, campaign=camp, form="nomination")
            t1 = time.perf_counter()
            errors = check_upload(svc, up, actor=actor)
            t2 = time.perf_counter()
            import_upload(svc, actor, up, errors=errors, accept_warnings=True)
            t3 = time.perf_counter()
            store.close()
            out += [
                (f"read .xlsx ({label})", t1 - t0),
                (f"check: schema + rules ({label})", t2 - t1),
                (f"write via create_many ({label})", t3 - t2),
                (f"**total ({label})**", t3 - t0),
            ]
        return out


# ---------------------------------------------------------------------------------------- report


Result = tuple[str, float | None, int | None, str]


def markdown(rows_n: int, results: list[Result], imp: list[tuple[str, float]], imp_n: int = 10_000) -> str:
    lines = [
        HEADING,
        "",
        f"`python -m bench.validation_bench` on {dt.date.today():%Y-%m-%d}, "
        f"Python {platform.python_version()}, {platform.machine()}; {rows_n:,} generated nomination rows "
        f"(about 3 % with a problem, 10 % typed in NFD); load average at the end {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs (other work was running: compare rows within one table); commit "
        f"{_commit()}. Target (issue 18): `validate_rows` under 2 s for 100,000 rows.",
        "",
        "| validator | what it checks | seconds | rows/s | problems found |",
        "|---|---|---:|---:|---:|",
    ]
    for name, secs, found, what in results:
        if secs is None:
            lines.append(f"| {name} | {what} | – | – | – |")
        else:
            lines.append(f"| {name} | {what} | {secs:.2f} | {rows_n / secs:,.0f} | {found:,} |")
    if imp:
        lines += [
            "",
            f"Excel import of {imp_n:,} nomination rows into the demo store (SQLite) "
            "(`read_upload` → `check_upload` → `import_upload`):",
            "",
            "| stage | seconds |",
            "|---|---:|",
        ]
        lines += [f"| {name} | {secs:.2f} |" for name, secs in imp]
    lines.append("")
    return "\n".join(lines)


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return "?"
    return out.stdout.strip()


def write_docs(section: str, path: Path = DOCS) -> None:
    """Replace only the "Validation throughput" section of docs/benchmarks.md (create the file if missing)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if HEADING in text:
        start = text.index(HEADING)
        nxt = text.find("\n## ", start + len(HEADING))
        text = text[:start] + section + (text[nxt + 1 :] if nxt != -1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.validation_bench", description=__doc__)
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--import-rows", type=int, default=10_000, help="0 skips the Excel import timing")
    p.add_argument("--frictionless-python", default="", help="an interpreter where frictionless is installed")
    p.add_argument("--write-docs", action="store_true")
    args = p.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    rows = make_rows(args.rows)
    for warm in (plain_python, pandera_path, pandera_with_rules):  # imports and caches, not timed
        warm(rows[:50])
    results: list[Result] = []
    one_row = "required, enumeration, lengths, NFC/whitespace"
    secs, n = timed(lambda: plain_python(rows))
    results.append(("plain Python, row by row", secs, n, one_row))
    secs, n = timed(lambda: pandera_path(rows))
    results.append(("thidua: parse + pandera (`validate_rows`)", secs, n, one_row + ", money/date parsing"))
    secs, n = timed(lambda: pandera_with_rules(rows))
    rules = "the above + duplicates, quota, R-CSTDCS-1"
    results.append(("thidua: pandera + named rules (`run_checks`)", secs, n, rules))
    fl_python = args.frictionless_python
    if not fl_python:
        try:
            import frictionless  # noqa: F401

            fl_python = sys.executable
        except ImportError:
            fl_python = ""
    if fl_python:
        got = frictionless_path(rows, fl_python)
        if isinstance(got, str):
            results.append(("frictionless `Resource.validate` (CSV)", None, None, got))
        else:
            results.append(("frictionless `Resource.validate` (CSV)", got[0], got[1], one_row[:-16]))
    else:
        results.append(("frictionless", None, None, "not installed here (see docs/intake.md)"))
    imp = excel_import(args.import_rows) if args.import_rows else []
    section = markdown(args.rows, results, imp, args.import_rows)
    print(section)
    if args.write_docs:
        write_docs(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

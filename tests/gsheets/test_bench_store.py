"""The Google Sheets page bench builds its store the way the app does: every campaign's tabs,
the contests' own tabs included (they are registered when the campaigns load). In a fresh
process, as ``python -m bench.pages_gsheets`` runs: the test session has loaded them already."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import demo
from bench import pages_gsheets
from workflows.loader import load_campaigns, load_catalogue

emu, wb, _ = pages_gsheets.build_sheet(1)
rows = demo.build(load_campaigns(), load_catalogue(), pages_gsheets.DAY, per_parent=1)
written = {t: len(r) for t, r in rows.items() if r}
assert any(t.startswith("thi_sinh_") for t in written), sorted(written)
read = {t: len(df) for t, df in wb.read_many(list(written)).items()}
assert read == written, (read, written)
print("ok")
"""


def test_the_sheets_bench_writes_the_whole_demo_contest_tabs_included() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"

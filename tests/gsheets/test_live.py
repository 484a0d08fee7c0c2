"""The adapter against the real Google Sheets API. Skipped without credentials.

Run with a service-account key file and a spreadsheet shared with that account (Editor)::

    GOOGLE_APPLICATION_CREDENTIALS=key.json THIDUA_GSHEETS_KEY=<spreadsheet key> \\
        pytest -m gsheets_live tests/gsheets/test_live.py

The test works in fresh tabs only if the spreadsheet is a scratch copy: it appends rows.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core.errors import StaleRow
from core.ports import Change
from schemas.registry import headers
from storage.gsheets import GoogleSheetsWorkbook

pytestmark = pytest.mark.gsheets_live


@pytest.fixture
def live() -> GoogleSheetsWorkbook:
    key_file = os.environ.get("GOOGLE_APPLICATION_CREDENTIALS", "")
    spreadsheet = os.environ.get("THIDUA_GSHEETS_KEY", "")
    if not key_file or not spreadsheet or not Path(key_file).is_file():
        pytest.skip("set GOOGLE_APPLICATION_CREDENTIALS (key file) and THIDUA_GSHEETS_KEY to run")
    info = json.loads(Path(key_file).read_text(encoding="utf-8"))
    wb = GoogleSheetsWorkbook(spreadsheet, credentials=info)
    wb.ensure_tabs(headers())
    return wb


def test_round_trip_on_real_google_sheets(live: GoogleSheetsWorkbook) -> None:
    (row,) = live.append("history", [{"tab": "users", "row_id": "live", "reason": "=1+1"}], actor="live-test")
    out = live.update("history", [Change(row["id"], 1, {"from_state": "+84912345678"})], actor="live-test")
    assert out[0]["version"] == 2
    frame = live.read("history")
    stored = frame[frame["id"] == row["id"]].iloc[0]
    assert stored["reason"] == "=1+1" and stored["from_state"] == "+84912345678"
    with pytest.raises(StaleRow):
        live.update("history", [Change(row["id"], 1, {"from_state": "x"})], actor="live-test")


def test_the_row_tag_guard_on_real_google_sheets(live: GoogleSheetsWorkbook) -> None:
    """What the adapter's guard relies on (see storage/gsheets.py ``_guard``): Google accepts the
    tag requests, moves a row's tag when a row is inserted above it (done here through the API), and
    the guarded write lands on its row, then refuses a second move from the same version."""
    live.update(
        "history", [], actor="live-test", also_append={"history": [{"tab": "users", "row_id": "tag"}]}
    )
    frame = live.read("history")
    row = frame[frame["row_id"] == "tag"].iloc[-1]
    sheet_id = live._tab("history").sheet_id
    insert = {
        "insertDimension": {
            "range": {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": 1, "endIndex": 2}
        }
    }
    live._http.batch_update(live.key, {"requests": [insert]})
    out = live.update("history", [Change(str(row["id"]), 1, {"from_state": "moved"})], actor="live-test")
    assert out[0]["version"] == 2
    again = live.read("history")
    assert again[again["id"] == row["id"]].iloc[0]["from_state"] == "moved"
    with pytest.raises(StaleRow):
        live.update("history", [Change(str(row["id"]), 1, {"from_state": "again"})], actor="live-test")

"""The adapter against the real Google Sheets API. Skipped without credentials.

Run with a service-account key file (or application-default credentials) and a scratch
spreadsheet shared with that account (Editor)::

    GOOGLE_APPLICATION_CREDENTIALS=key.json THIDUA_GSHEETS_KEY=<spreadsheet key> \\
        pytest -m gsheets_live tests/gsheets/test_live.py -rA

The tests append rows and add scratch tabs (``live-*``, deleted at the end). Where Google's
documentation is silent (a sort and row metadata, a delete of metadata matching nothing), the tests
record what Google does (printed with ``-rA``) and check that the adapter handles it; the emulator
models the worse case (docs/emulator.md).
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gspread.exceptions import APIError

from core.errors import StaleRow
from core.ports import Change
from schemas.registry import headers
from storage.gsheets import GoogleSheetsWorkbook
from storage.gsheets.errors import classify

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


@pytest.fixture
def scratch(live: GoogleSheetsWorkbook) -> Iterator[tuple[GoogleSheetsWorkbook, int]]:
    """A scratch tab (``live-<random>``) with rows a..e in column A; deleted afterwards."""
    sheet_id = random.randrange(1, 2**31 - 1)
    title = f"live-{sheet_id}"
    rows = [{"values": [{"userEnteredValue": {"stringValue": v}}]} for v in ("h", "e", "d", "c", "b", "a")]
    live._http.batch_update(
        live.key,
        {
            "requests": [
                {"addSheet": {"properties": {"sheetId": sheet_id, "title": title}}},
                {
                    "updateCells": {
                        "start": {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": 0},
                        "rows": rows,
                        "fields": "userEnteredValue",
                    }
                },
            ]
        },
    )
    yield live, sheet_id
    live._http.batch_update(live.key, {"requests": [{"deleteSheet": {"sheetId": sheet_id}}]})


def tag_on(sheet_id: int, row: int, mid: int, key: str = "r") -> dict[str, Any]:
    loc = {
        "dimensionRange": {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": row, "endIndex": row + 1}
    }
    md = {"metadataId": mid, "metadataKey": key, "visibility": "DOCUMENT", "location": loc}
    return {"createDeveloperMetadata": {"developerMetadata": md}}


def where(wb: GoogleSheetsWorkbook, mid: int) -> int | None:
    url = f"https://sheets.googleapis.com/v4/spreadsheets/{wb.key}/developerMetadata/{mid}"
    try:
        md = wb._http.request("get", url).json()
    except APIError:
        return None
    return int(md["location"]["dimensionRange"]["startIndex"])


def test_what_google_does_with_row_metadata_when_rows_are_sorted(
    scratch: tuple[GoogleSheetsWorkbook, int],
) -> None:
    """Undocumented. The emulator leaves it behind by default (Strict.sort_moves_metadata)."""
    wb, sheet_id = scratch
    mid = random.randrange(1, 2**31 - 1)
    wb._http.batch_update(wb.key, {"requests": [tag_on(sheet_id, 1, mid)]})  # on row "e"
    sort = {
        "sortRange": {
            "range": {
                "sheetId": sheet_id,
                "startRowIndex": 1,
                "endRowIndex": 6,
                "startColumnIndex": 0,
                "endColumnIndex": 1,
            },
            "sortSpecs": [{"dimensionIndex": 0, "sortOrder": "ASCENDING"}],
        }
    }
    wb._http.batch_update(wb.key, {"requests": [sort]})
    at = where(wb, mid)
    print(
        f"Google, sortRange: row metadata {'moved with its row' if at == 5 else 'stayed at its position'} ({at})"
    )
    assert at in (1, 5)


def test_google_moves_row_metadata_with_move_dimension(scratch: tuple[GoogleSheetsWorkbook, int]) -> None:
    wb, sheet_id = scratch
    mid = random.randrange(1, 2**31 - 1)
    wb._http.batch_update(wb.key, {"requests": [tag_on(sheet_id, 1, mid)]})
    move = {
        "moveDimension": {
            "source": {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": 1, "endIndex": 2},
            "destinationIndex": 6,
        }
    }
    wb._http.batch_update(wb.key, {"requests": [move]})
    assert where(wb, mid) == 5


def test_what_google_answers_a_delete_of_metadata_matching_nothing_and_the_adapter_agrees(
    scratch: tuple[GoogleSheetsWorkbook, int],
) -> None:
    """Undocumented. The adapter probes it in ensure_tabs and picks its guards from the answer."""
    wb, _ = scratch
    nothing = {
        "deleteDeveloperMetadata": {
            "dataFilter": {"developerMetadataLookup": {"metadataId": 7, "metadataKey": "thidua.none"}}
        }
    }
    try:
        wb._http.batch_update(wb.key, {"requests": [nothing]})
        refused = False
    except APIError as exc:
        refused = True
        print(f"Google refuses a delete matching nothing: {exc}")
    print(f"Google, deleteDeveloperMetadata matching nothing: {'refused' if refused else 'a no-op'}")
    assert wb._strict_delete is refused


def test_a_metadata_id_deleted_earlier_in_a_batch_can_be_created_again_in_it(
    scratch: tuple[GoogleSheetsWorkbook, int],
) -> None:
    """The four-request guard (lenient deletes) deletes a tag and creates it again in one batch."""
    wb, sheet_id = scratch
    mid = random.randrange(1, 2**31 - 1)
    wb._http.batch_update(wb.key, {"requests": [tag_on(sheet_id, 1, mid)]})
    delete = {"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": {"metadataId": mid}}}}
    wb._http.batch_update(wb.key, {"requests": [delete, tag_on(sheet_id, 2, mid)]})
    assert where(wb, mid) == 2


def test_google_refuses_a_taken_metadata_id_and_applies_nothing_of_the_batch(
    scratch: tuple[GoogleSheetsWorkbook, int],
) -> None:
    wb, sheet_id = scratch
    mid = random.randrange(1, 2**31 - 1)
    wb._http.batch_update(wb.key, {"requests": [tag_on(sheet_id, 1, mid)]})
    write = {
        "updateCells": {
            "start": {"sheetId": sheet_id, "rowIndex": 3, "columnIndex": 1},
            "rows": [{"values": [{"userEnteredValue": {"stringValue": "x"}}]}],
            "fields": "userEnteredValue",
        }
    }
    with pytest.raises(APIError) as caught:
        wb._http.batch_update(wb.key, {"requests": [write, tag_on(sheet_id, 2, mid)]})
    assert "requests[1]" in str(caught.value)
    assert classify(caught.value) == "refused"


def test_google_refuses_metadata_spanning_several_rows(scratch: tuple[GoogleSheetsWorkbook, int]) -> None:
    wb, sheet_id = scratch
    loc = {"dimensionRange": {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": 1, "endIndex": 3}}
    md = {"metadataKey": "r", "visibility": "DOCUMENT", "location": loc}
    with pytest.raises(APIError):
        wb._http.batch_update(wb.key, {"requests": [{"createDeveloperMetadata": {"developerMetadata": md}}]})


def test_google_refuses_a_cell_over_50000_characters_and_the_adapter_names_it(
    scratch: tuple[GoogleSheetsWorkbook, int],
) -> None:
    wb, sheet_id = scratch
    long = {
        "updateCells": {
            "start": {"sheetId": sheet_id, "rowIndex": 1, "columnIndex": 2},
            "rows": [{"values": [{"userEnteredValue": {"stringValue": "x" * 50_001}}]}],
            "fields": "userEnteredValue",
        }
    }
    with pytest.raises(APIError) as caught:
        wb._http.batch_update(wb.key, {"requests": [long]})
    print(f"Google, a cell of 50,001 characters: {caught.value}")
    assert classify(caught.value) == "cell_too_long"


def test_google_limits_developer_metadata_and_the_adapter_names_it(
    scratch: tuple[GoogleSheetsWorkbook, int],
) -> None:
    """30,000 characters per sheet: one tag of 30,001 characters is refused."""
    wb, sheet_id = scratch
    loc = {"sheetId": sheet_id}
    md = {"metadataKey": "k", "metadataValue": "v" * 30_000, "visibility": "DOCUMENT", "location": loc}
    with pytest.raises(APIError) as caught:
        wb._http.batch_update(wb.key, {"requests": [{"createDeveloperMetadata": {"developerMetadata": md}}]})
    print(f"Google, 30,001 characters of metadata on a sheet: {caught.value}")
    assert classify(caught.value) == "metadata_full"


def test_the_change_check_is_one_small_drive_call(live: GoogleSheetsWorkbook) -> None:
    live.change_marks(["users"])
    live._checked_at = 0.0  # the next check asks again
    marks = live.change_marks(["users"])
    assert marks["users"] is not None and live._drive_ok


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
    """What the adapter's guard relies on (see storage/gsheets/tags.py ``row_guard``): Google accepts the
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

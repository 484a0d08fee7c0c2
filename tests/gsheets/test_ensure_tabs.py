"""ensure_tabs on a sheet people already use: missing columns are added at the end, nothing is
dropped or reordered, and the app's rows stay aligned with the header people see."""

from __future__ import annotations

import gspread

from schemas.registry import columns_of, headers
from sheets_emulator import SheetsEmulator
from storage.gsheets import GoogleSheetsWorkbook

from .conftest import ticking
from .support import no_sleep


def test_a_tab_made_by_hand_keeps_its_columns_and_data_and_gets_the_missing_ones() -> None:
    emu = SheetsEmulator(seed=0)
    emu.quota.enabled = False
    key = emu.create_spreadsheet("made by hand", sheets=["users"])
    person = gspread.Client(auth=None, session=emu.session(user="person"))  # type: ignore[arg-type]
    sheet_id = emu.sheet(key, "users").sheet_id
    person.http_client.batch_update(
        key,
        {
            "requests": [
                {
                    "updateSheetProperties": {
                        "properties": {"sheetId": sheet_id, "gridProperties": {"columnCount": 8}},
                        "fields": "gridProperties.columnCount",
                    }
                }
            ]
        },
    )
    typed = ["id", "version", "created_at", "updated_at", "updated_by", "email", "full_name", "ghi chú"]
    row = ["U-1", 1, "", "", "", "an@cd.vn", "Nguyễn Văn An", "trưởng nhóm"]
    person.http_client.values_update(key, "'users'!A1", {"valueInputOption": "RAW"}, {"values": [typed, row]})

    wb = GoogleSheetsWorkbook(
        key,
        client=gspread.Client(auth=None, session=emu.session()),  # type: ignore[arg-type]
        clock=ticking(),
        sleep=no_sleep,
    )
    wb.ensure_tabs(headers())
    wb.ensure_tabs(headers())  # idempotent

    header = emu.get_values(key, "'users'!1:1")[0]
    added = [c for c in columns_of("users") if c not in typed]
    assert header == typed + added  # the person's column stays where it was; ours go at the end
    (stored,) = wb.append(
        "users", [{"email": "binh@cd.vn", "full_name": "Trần Thị Bình", "active": True}], actor="a"
    )
    cells = emu.get_values(key, "'users'", render="UNFORMATTED_VALUE")
    assert cells[1][: len(row)] == row  # the person's row is untouched
    assert cells[2][header.index("full_name")] == "Trần Thị Bình"
    assert cells[2][header.index("active")] is True
    assert cells[2][header.index("ghi chú")] == ""
    frame = wb.read("users")
    assert list(frame["id"]) == ["U-1", stored["id"]]
    assert list(frame.columns) == list(columns_of("users"))
    assert list(frame["active"]) == [False, True]

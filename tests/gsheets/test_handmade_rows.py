"""Officers type rows straight into the sheet, without an id: the app picks them up, types them
with the schema and gives them an id, written back into the row's id cell."""

from __future__ import annotations

import gspread

from core.ports import Change
from storage.gsheets import GoogleSheetsWorkbook

from .conftest import Sheet, ticking
from .support import no_sleep


def typed_user(sheet: Sheet, name: str, email: str = "go.tay@cd.vn") -> None:
    # id, version, created_at, updated_at, updated_by left empty, as a person would
    sheet.emu.human(sheet.key).append_row(
        ["", "", "", "", "", email, name, "unit_officer", "U1", "TRUE"], sheet="users"
    )


def test_a_row_typed_without_id_is_read_given_an_id_and_the_id_is_written_back(sheet: Sheet) -> None:
    (first,) = sheet.wb.append(
        "users",
        [{"email": "a@cd.vn", "full_name": "Nguyễn Văn An", "role": "unit_officer", "unit_id": "U1"}],
        actor="a",
    )
    typed_user(sheet, "Trần Thị Gõ Tay")
    sheet.clear()

    frame = sheet.wb.read("users")

    assert list(frame["full_name"]) == ["Nguyễn Văn An", "Trần Thị Gõ Tay"]
    new_id = frame.loc[1, "id"]
    assert new_id and new_id != first["id"]
    assert frame.loc[1, "version"] == 1 and bool(frame.loc[1, "active"]) is True
    assert sheet.column("users", "id") == [first["id"], new_id]
    assert sheet.column("users", "version") == [1, 1]
    assert sheet.column("users", "updated_by")[1] == "google-sheets"
    # the read itself, the re-check of the typed row, the write-back of its envelope
    assert sheet.endpoints() == ["values:batchGet", "values:batchGet", "values:batchUpdate"]

    sheet.clear()
    again = sheet.wb.read("users")
    assert list(again["id"]) == [first["id"], new_id]
    assert sheet.endpoints() == ["values:batchGet"]

    out = sheet.wb.update("users", [Change(new_id, 1, {"role": "unit_head"})], actor="r")
    assert out[0]["full_name"] == "Trần Thị Gõ Tay" and out[0]["version"] == 2


def test_two_app_instances_give_a_typed_row_the_same_id(sheet: Sheet) -> None:
    typed_user(sheet, "Lê Văn Hai Phiên")
    other = GoogleSheetsWorkbook(
        sheet.key,
        client=gspread.Client(auth=None, session=sheet.emu.session(user="other")),  # type: ignore[arg-type]
        clock=ticking(),
        sleep=no_sleep,
    )
    # the first instance cannot write the id back (Google keeps failing): its read still works
    sheet.emu.faults.fail_next("values:batchUpdate", times=6, fault="503")
    mine = sheet.wb.read("users")
    assert sheet.column("users", "id") == [""]
    # the second instance derives the same id from the same row, and writes it back
    theirs = other.read("users")
    assert list(mine["id"]) == list(theirs["id"]) == sheet.column("users", "id")
    assert mine["id"][0]


def test_a_date_typed_by_hand_reads_back_as_iso_text(sheet: Sheet) -> None:
    sheet.wb.append(
        "campaigns",
        [
            {
                "name_vi": "Đợt 1",
                "kind": "PEAK",
                "year": 2025,
                "start_date": "2025-01-01",
                "end_date": "2025-06-30",
            }
        ],
        actor="a",
    )
    human = sheet.emu.human(sheet.key)
    header = sheet.cells("campaigns")[0]
    end = chr(ord("A") + header.index("end_date"))
    human.edit_cell(f"{end}2", "2025-12-31", sheet="campaigns")  # USER_ENTERED: Sheets stores a date serial
    assert isinstance(sheet.column("campaigns", "end_date")[0], int | float)

    row = sheet.wb.read("campaigns").iloc[0]
    assert row["end_date"] == "2025-12-31"
    assert row["start_date"] == "2025-01-01"


def test_blank_rows_left_in_the_sheet_are_skipped(sheet: Sheet) -> None:
    sheet.wb.append("users", [{"email": "a@cd.vn", "full_name": "An"}], actor="a")
    sheet.emu.human(sheet.key).insert_rows(2, count=2, sheet="users")
    sheet.wb.append("users", [{"email": "b@cd.vn", "full_name": "Bình"}], actor="a")
    assert list(sheet.wb.read("users")["full_name"]) == ["An", "Bình"]
    assert sheet.endpoints().count("values:batchUpdate") == 0


def test_hundreds_of_pasted_rows_are_adopted_with_three_calls(sheet: Sheet) -> None:
    for n in range(300):
        typed_user(sheet, f"Người dán {n:03d}", email=f"dan{n}@cd.vn")
    sheet.clear()
    frame = sheet.wb.read("users")
    assert len(frame) == 300 and frame["id"].is_unique and (frame["version"] == 1).all()
    assert sheet.endpoints() == ["values:batchGet", "values:batchGet", "values:batchUpdate"]
    assert sheet.column("users", "id") == list(frame["id"])

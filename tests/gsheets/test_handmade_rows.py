"""The store is private (issue 22): a row typed straight into its sheet is never adopted as data.

Officers type in their own intake spreadsheets (tests/intake_sheets/). A row someone typed into
the store without the app's envelope (a ``users`` row making themselves ADMIN, a submission with a
``state``) is left out of every read, nothing is written to it, and admins are told where it is.
"""

from __future__ import annotations

import logging

import pytest

from core.ports import Change

from .conftest import Sheet


def typed_user(sheet: Sheet, name: str, email: str = "go.tay@cd.vn", role: str = "ADMIN") -> None:
    # id, version, created_at, updated_at, updated_by left empty, as a person would
    sheet.emu.human(sheet.key).append_row(
        ["", "", "", "", "", email, name, role, "HN-LDLD", "TRUE"], sheet="users"
    )


def test_a_users_row_typed_by_hand_is_never_read_nor_given_an_id(
    sheet: Sheet, caplog: pytest.LogCaptureFixture
) -> None:
    (first,) = sheet.wb.append(
        "users",
        [{"email": "a@cd.vn", "full_name": "Nguyễn Văn An", "role": "UNIT_OFFICER", "unit_id": "U1"}],
        actor="a",
    )
    typed_user(sheet, "Trần Thị Gõ Tay")
    sheet.clear()
    with caplog.at_level(logging.WARNING, logger="storage.gsheets.handmade"):
        frame = sheet.wb.read("users")

    assert list(frame["email"]) == ["a@cd.vn"]  # the ADMIN typed by hand does not exist for the app
    assert sheet.column("users", "id") == [first["id"], ""]  # nothing written back
    assert sheet.endpoints() == ["values:batchGet"]
    assert sheet.wb.ignored_rows() == {"users": (3,)}
    assert "not read as data" in caplog.text and "3" in caplog.text

    # the app's own row still changes as usual; the typed row stays where it is, untouched
    out = sheet.wb.update("users", [Change(first["id"], 1, {"role": "UNIT_HEAD"})], actor="r")
    assert out[0]["version"] == 2
    assert sheet.column("users", "email") == ["a@cd.vn", "go.tay@cd.vn"]


def test_a_typed_row_with_an_id_but_no_version_is_not_data_either(sheet: Sheet) -> None:
    sheet.emu.human(sheet.key).append_row(
        ["U-FAKE", "", "", "", "", "x@cd.vn", "Giả", "ADMIN", "HN-LDLD", "TRUE"], sheet="users"
    )
    assert sheet.wb.read("users").empty


def test_a_date_typed_by_hand_into_an_app_row_reads_back_as_iso_text(sheet: Sheet) -> None:
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


def test_hundreds_of_pasted_rows_cost_one_read_and_no_write(sheet: Sheet) -> None:
    for n in range(300):
        typed_user(sheet, f"Người dán {n:03d}", email=f"dan{n}@cd.vn")
    sheet.clear()
    assert sheet.wb.read("users").empty
    assert sheet.endpoints() == ["values:batchGet"]
    assert len(sheet.wb.ignored_rows()["users"]) == 300

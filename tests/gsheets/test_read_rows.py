"""Reading rows back: short rows, a column header a person cleared, a header repeated by hand."""

from __future__ import annotations

import pytest

from schemas.registry import headers
from storage.gsheets import HeaderChanged

from .conftest import Sheet


def test_a_row_whose_last_cells_are_empty_reads_them_as_empty(sheet: Sheet) -> None:
    # Sheets leaves a row's trailing empty cells out of the reply
    sheet.emu.human(sheet.key).append_row(["u1", 1, "", "", "", "an@cd.vn", "Nguyễn Văn An"], sheet="users")
    assert sheet.cells("users")[1] == ["u1", 1, "", "", "", "an@cd.vn", "Nguyễn Văn An"]

    row = sheet.wb.read("users").iloc[0]

    assert (row["id"], row["email"], row["full_name"]) == ("u1", "an@cd.vn", "Nguyễn Văn An")
    assert row["role"] == "" and row["unit_id"] == "" and bool(row["active"]) is False


def test_a_cleared_header_cell_stops_the_read_naming_the_column_instead_of_dropping_it(sheet: Sheet) -> None:
    sheet.wb.append(
        "users",
        [{"email": "an@cd.vn", "full_name": "An", "role": "unit_officer", "unit_id": "U1"}],
        actor="a",
    )
    header = sheet.cells("users")[0]
    role = chr(ord("A") + header.index("role"))
    sheet.emu.human(sheet.key).edit_cell(f"{role}1", "", sheet="users")

    with pytest.raises(HeaderChanged) as caught:  # never an empty role column read as data
        sheet.wb.read("users")
    assert caught.value.missing == ("role",)
    assert "'role'" in caught.value.message("vi") and "dòng 1" in caught.value.message("vi")
    sheet.emu.human(sheet.key).edit_cell(f"{role}1", "role", sheet="users")  # the admin's fix
    row = sheet.wb.read("users").iloc[0]
    assert (row["email"], row["full_name"], row["role"], row["unit_id"]) == (
        "an@cd.vn",
        "An",
        "unit_officer",
        "U1",
    )


def test_a_renamed_header_stops_reads_and_writes_with_the_fix_and_ensure_tabs_adds_no_copy(
    sheet: Sheet,
) -> None:
    """ "state" renamed "Trạng thái" by hand: queues would read empty and creates would fail. Reads
    and writes stop, naming the column and its new label; starting the app (ensure_tabs) does not
    add a second, empty "state" column at the end."""
    sheet.wb.append("nominations", [{"campaign_id": "C1", "state": "SUBMITTED"}], actor="a")
    header = sheet.cells("nominations")[0]
    state = chr(ord("A") + header.index("state"))
    sheet.emu.human(sheet.key).edit_cell(f"{state}1", "Trạng thái", sheet="nominations")
    with pytest.raises(HeaderChanged) as caught:
        sheet.wb.read("nominations")
    assert caught.value.missing == ("state",) and caught.value.found == ("Trạng thái",)
    with pytest.raises(HeaderChanged):
        sheet.wb.ensure_tabs(headers())
    assert sheet.cells("nominations")[0].count("state") == 0  # no empty copy added


def test_two_headers_swapped_by_hand_stop_the_read_instead_of_swapping_the_data(sheet: Sheet) -> None:
    sheet.wb.append("users", [{"email": "an@cd.vn", "full_name": "An", "unit_id": "U1"}], actor="a")
    header = sheet.cells("users")[0]
    email, name = (chr(ord("A") + header.index(c)) for c in ("email", "full_name"))
    human = sheet.emu.human(sheet.key)
    human.edit_cell(f"{email}1", "full_name", sheet="users")
    human.edit_cell(f"{name}1", "email", sheet="users")
    with pytest.raises(HeaderChanged) as caught:
        sheet.wb.read("users")
    assert set(caught.value.missing) == {"email", "full_name"}


def test_a_header_repeated_by_hand_reads_the_first_column_of_that_name(sheet: Sheet) -> None:
    sheet.wb.append("users", [{"email": "an@cd.vn", "full_name": "An", "unit_id": "U1"}], actor="a")
    width = len(sheet.cells("users")[0])
    extra = chr(ord("A") + width)
    human = sheet.emu.human(sheet.key)
    human.edit_cell(f"{extra}1", "full_name", sheet="users")
    human.edit_cell(f"{extra}2", "ghi chú tay", sheet="users")

    row = sheet.wb.read("users").iloc[0]

    assert row["full_name"] == "An"

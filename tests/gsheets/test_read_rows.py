"""Reading rows back: short rows, a column header a person cleared, a header repeated by hand."""

from __future__ import annotations

from .conftest import Sheet


def test_a_row_whose_last_cells_are_empty_reads_them_as_empty(sheet: Sheet) -> None:
    # Sheets leaves a row's trailing empty cells out of the reply
    sheet.emu.human(sheet.key).append_row(["u1", 1, "", "", "", "an@cd.vn", "Nguyễn Văn An"], sheet="users")
    assert sheet.cells("users")[1] == ["u1", 1, "", "", "", "an@cd.vn", "Nguyễn Văn An"]

    row = sheet.wb.read("users").iloc[0]

    assert (row["id"], row["email"], row["full_name"]) == ("u1", "an@cd.vn", "Nguyễn Văn An")
    assert row["role"] == "" and row["unit_id"] == "" and bool(row["active"]) is False


def test_a_cleared_header_cell_drops_that_column_and_keeps_the_others_in_place(sheet: Sheet) -> None:
    sheet.wb.append(
        "users",
        [{"email": "an@cd.vn", "full_name": "An", "role": "unit_officer", "unit_id": "U1"}],
        actor="a",
    )
    header = sheet.cells("users")[0]
    role = chr(ord("A") + header.index("role"))
    sheet.emu.human(sheet.key).edit_cell(f"{role}1", "", sheet="users")

    row = sheet.wb.read("users").iloc[0]

    assert row["role"] == ""  # its header is gone: the column is no longer read
    assert (row["email"], row["full_name"], row["unit_id"]) == ("an@cd.vn", "An", "U1")


def test_a_header_repeated_by_hand_reads_the_first_column_of_that_name(sheet: Sheet) -> None:
    sheet.wb.append("users", [{"email": "an@cd.vn", "full_name": "An", "unit_id": "U1"}], actor="a")
    width = len(sheet.cells("users")[0])
    extra = chr(ord("A") + width)
    human = sheet.emu.human(sheet.key)
    human.edit_cell(f"{extra}1", "full_name", sheet="users")
    human.edit_cell(f"{extra}2", "ghi chú tay", sheet="users")

    row = sheet.wb.read("users").iloc[0]

    assert row["full_name"] == "An"

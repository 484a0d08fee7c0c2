"""People keep editing the sheet between the app's read and its write: no write may land on the
wrong row. Rows are found by ``id`` (re-read right before writing), never by position."""

from __future__ import annotations

from typing import Any

import gspread
import pytest

from core.errors import RowNotFound, StaleRow
from core.ports import Change
from storage.gsheets import DuplicateRowId

from .conftest import Sheet

NAMES = ["Trần Văn Bảo", "Lê Thị Hoa", "Nguyễn Văn An", "Phạm Quỳnh Hương", "Đặng Văn Đức"]


def user(name: str) -> dict[str, Any]:
    return {"email": "x@cd.vn", "full_name": name, "role": "unit_officer", "unit_id": "U1", "active": True}


@pytest.fixture
def users(sheet: Sheet) -> dict[str, str]:
    """Five users; name -> id. The app has read the tab (as a page view would)."""
    stored = sheet.wb.append("users", [user(n) for n in NAMES], actor="admin")
    sheet.wb.read("users")
    return {r["full_name"]: r["id"] for r in stored}


def by_name(sheet: Sheet) -> dict[str, dict[str, Any]]:
    return {r["full_name"]: r for r in sheet.wb.read("users").to_dict("records")}


def test_rows_inserted_above_do_not_misplace_the_write(sheet: Sheet, users: dict[str, str]) -> None:
    human = sheet.emu.human(sheet.key)
    human.insert_rows(2, count=3, sheet="users")  # three blank rows right under the header
    human.edit_cell("G3", "Người gõ tay", sheet="users")  # and someone starts typing in one

    sheet.wb.update("users", [Change(users["Lê Thị Hoa"], 1, {"role": "unit_head"})], actor="r")

    rows = by_name(sheet)
    assert rows["Lê Thị Hoa"]["role"] == "unit_head"
    assert rows["Lê Thị Hoa"]["version"] == 2
    assert {n for n, r in rows.items() if r["role"] == "unit_head"} == {"Lê Thị Hoa"}


def test_sorting_by_name_does_not_misplace_the_write(sheet: Sheet, users: dict[str, str]) -> None:
    sheet.emu.human(sheet.key).sort("G", ascending=True, sheet="users")  # column G: full_name
    assert sheet.column("users", "full_name")[0] == "Lê Thị Hoa"  # the rows really moved

    out = sheet.wb.update(
        "users",
        [
            Change(users["Trần Văn Bảo"], 1, {"role": "unit_head"}),
            Change(users["Đặng Văn Đức"], 1, {"active": False}),
        ],
        actor="r",
    )

    assert [r["full_name"] for r in out] == ["Trần Văn Bảo", "Đặng Văn Đức"]
    rows = by_name(sheet)
    assert rows["Trần Văn Bảo"]["role"] == "unit_head"
    assert not rows["Đặng Văn Đức"]["active"]
    changed = {n for n, r in rows.items() if r["version"] == 2}
    assert changed == {"Trần Văn Bảo", "Đặng Văn Đức"}


def test_deleting_an_unrelated_row_does_not_misplace_the_write(sheet: Sheet, users: dict[str, str]) -> None:
    sheet.emu.human(sheet.key).delete_rows(2, sheet="users")  # Trần Văn Bảo's row

    sheet.wb.update(
        "users", [Change(users["Phạm Quỳnh Hương"], 1, {"full_name": "Phạm Quỳnh Hương (sửa)"})], actor="r"
    )

    names = sheet.column("users", "full_name")
    assert names == ["Lê Thị Hoa", "Nguyễn Văn An", "Phạm Quỳnh Hương (sửa)", "Đặng Văn Đức"]


def test_a_row_deleted_by_hand_is_reported_not_found(sheet: Sheet, users: dict[str, str]) -> None:
    sheet.emu.human(sheet.key).delete_rows(3, sheet="users")  # Lê Thị Hoa
    before = sheet.cells("users")
    with pytest.raises(RowNotFound) as caught:
        sheet.wb.update(
            "users",
            [Change(users["Nguyễn Văn An"], 1, {"role": "x"}), Change(users["Lê Thị Hoa"], 1, {"role": "x"})],
            actor="r",
        )
    assert caught.value.ids == (users["Lê Thị Hoa"],)
    assert sheet.cells("users") == before


def test_a_person_editing_another_cell_of_the_same_row_keeps_their_edit(
    sheet: Sheet, users: dict[str, str]
) -> None:
    sheet.emu.human(sheet.key).edit_cell("F4", "an.moi@cd.vn", sheet="users")  # email of Nguyễn Văn An

    out = sheet.wb.update("users", [Change(users["Nguyễn Văn An"], 1, {"role": "unit_head"})], actor="r")

    row = by_name(sheet)["Nguyễn Văn An"]
    assert row["email"] == "an.moi@cd.vn"  # the person's edit survives: only changed cells are written
    assert row["role"] == "unit_head" and row["version"] == 2
    assert out[0]["role"] == "unit_head"


def test_a_version_changed_in_the_sheet_makes_the_write_stale_and_writes_nothing(
    sheet: Sheet, users: dict[str, str]
) -> None:
    sheet.emu.human(sheet.key).edit_cell("B5", 7, sheet="users")  # Phạm Quỳnh Hương, version 7
    before = sheet.cells("users")
    with pytest.raises(StaleRow) as caught:
        sheet.wb.update(
            "users",
            [
                Change(users["Lê Thị Hoa"], 1, {"role": "x"}),
                Change(users["Phạm Quỳnh Hương"], 1, {"role": "x"}),
            ],
            actor="r",
            also_append={"history": [{"tab": "users", "row_id": "?", "action": "edit"}]},
        )
    assert caught.value.ids == (users["Phạm Quỳnh Hương"],)
    assert sheet.cells("users") == before
    assert sheet.wb.read("history").empty


def test_a_copied_row_with_the_same_id_is_refused_not_guessed(sheet: Sheet, users: dict[str, str]) -> None:
    row = sheet.cells("users")[1]
    sheet.emu.human(sheet.key).append_row(row, sheet="users")  # copy-paste of Bảo's row
    sheet.wb.read("users")  # the page the reviewer acts from shows both rows
    with pytest.raises(DuplicateRowId) as caught:
        sheet.wb.update("users", [Change(users["Trần Văn Bảo"], 1, {"role": "x"})], actor="r")
    assert "sao chép" in caught.value.message("vi")
    assert sheet.column("users", "role").count("x") == 0


def test_a_column_inserted_by_hand_is_followed_by_name(sheet: Sheet, users: dict[str, str]) -> None:
    other = gspread.Client(auth=None, session=sheet.emu.session(user="human"))  # type: ignore[arg-type]
    sheet_id = sheet.emu.sheet(sheet.key, "users").sheet_id
    other.http_client.batch_update(
        sheet.key,
        {
            "requests": [
                {
                    "insertDimension": {
                        "range": {
                            "sheetId": sheet_id,
                            "dimension": "COLUMNS",
                            "startIndex": 1,
                            "endIndex": 2,
                        },
                        "inheritFromBefore": False,
                    }
                },
                {
                    "updateCells": {
                        "start": {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": 1},
                        "rows": [{"values": [{"userEnteredValue": {"stringValue": "ghi chú"}}]}],
                        "fields": "userEnteredValue",
                    }
                },
            ]
        },
    )

    out = sheet.wb.update("users", [Change(users["Lê Thị Hoa"], 1, {"role": "unit_head"})], actor="r")

    assert out[0]["role"] == "unit_head" and out[0]["version"] == 2
    header = sheet.cells("users")[0]
    assert header[:3] == ["id", "ghi chú", "version"]
    row = next(r for r in sheet.cells("users")[1:] if r[0] == users["Lê Thị Hoa"])
    assert row[header.index("role")] == "unit_head"
    assert row[header.index("version")] == 2
    assert by_name(sheet)["Lê Thị Hoa"]["role"] == "unit_head"


def test_a_tab_deleted_by_hand_reads_as_empty_instead_of_failing_the_page(
    sheet: Sheet, users: dict[str, str]
) -> None:
    person = gspread.Client(auth=None, session=sheet.emu.session(user="human"))  # type: ignore[arg-type]
    works = sheet.emu.sheet(sheet.key, "works").sheet_id
    person.http_client.batch_update(sheet.key, {"requests": [{"deleteSheet": {"sheetId": works}}]})
    sheet.clear()

    frames = sheet.wb.read_many(["users", "works"])

    assert len(frames["users"]) == len(NAMES) and frames["works"].empty
    assert sheet.endpoints() == ["values:batchGet", "spreadsheets:get", "values:batchGet"]


def test_an_append_after_people_deleted_the_last_rows_still_lands_after_the_data(
    sheet: Sheet, users: dict[str, str]
) -> None:
    """The adapter remembers where the newest row was; rows deleted since must not matter."""
    person = gspread.Client(auth=None, session=sheet.emu.session(user="human"))  # type: ignore[arg-type]
    users_id = sheet.emu.sheet(sheet.key, "users").sheet_id
    person.http_client.batch_update(
        sheet.key,
        {
            "requests": [
                {
                    "updateSheetProperties": {
                        "properties": {"sheetId": users_id, "gridProperties": {"rowCount": 3}},
                        "fields": "gridProperties.rowCount",
                    }
                }
            ]
        },
    )  # the grid now ends at row 3: the remembered row 6 is off the grid
    sheet.wb.append("users", [user("Võ Thị Sáu")], actor="a")
    assert sheet.column("users", "full_name") == [*NAMES[:2], "Võ Thị Sáu"]


def test_two_app_instances_on_one_sheet_one_wins_the_other_is_told(
    sheet: Sheet, users: dict[str, str]
) -> None:
    from storage.gsheets import GoogleSheetsWorkbook

    from .support import no_sleep

    other = GoogleSheetsWorkbook(
        sheet.key,
        client=gspread.Client(auth=None, session=sheet.emu.session(user="other")),  # type: ignore[arg-type]
        sleep=no_sleep,
    )
    target = users["Nguyễn Văn An"]
    other.update("users", [Change(target, 1, {"role": "unit_head"})], actor="khac@cd.vn")
    with pytest.raises(StaleRow) as caught:
        sheet.wb.update("users", [Change(target, 1, {"role": "leader"})], actor="toi@cd.vn")
    assert caught.value.ids == (target,)
    row = by_name(sheet)["Nguyễn Văn An"]
    assert (row["role"], row["version"], row["updated_by"]) == ("unit_head", 2, "khac@cd.vn")

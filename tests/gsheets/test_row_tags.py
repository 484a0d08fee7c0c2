"""Row tags: developer metadata anchored to each app row, the adapter's guard against rows moved
between its re-read and its write (B4) and against a second app instance writing the same row
first (B5). See ``storage/gsheets/tags.py`` ``row_guard`` and docs/google-sheets.md.

A tag is a one-character key with no value; its metadata id says which row at which version it
marks, so these tests name a tag by matching its id against every (id, version) of the sheet."""

from __future__ import annotations

from typing import Any

import gspread
import pytest

from core.errors import StaleRow
from core.ports import AlreadyStored, Change
from storage.gsheets import ROW_TAG_KEY, GoogleSheetsWorkbook
from storage.gsheets.tags import row_tag_id
from tests.reliability.harness import before_write

from .conftest import Sheet, ticking
from .support import no_sleep


def user(name: str) -> dict[str, Any]:
    return {"email": f"{name.lower().replace(' ', '.')}@cd.vn", "full_name": name, "role": "unit_officer"}


def tags(sheet: Sheet, tab: str = "users") -> dict[str, int]:
    """``id@version`` of each row tag of ``tab`` -> 0-based sheet row it is anchored to."""
    sheet_id = sheet.emu.sheet(sheet.key, tab).sheet_id
    rows = sheet.cells(tab)
    ids = {r[0] for r in rows[1:] if r and r[0]}
    names = {row_tag_id(tab, i, v): f"{i}@{v}" for i in ids for v in range(1, 12)}
    out = {}
    for md in sheet.emu.spreadsheet(sheet.key).developer_metadata:
        loc = md["location"].get("dimensionRange", {})
        if md["metadataKey"] == ROW_TAG_KEY and loc.get("sheetId", 0) == sheet_id:
            assert "metadataValue" not in md  # one character of the sheet's budget per tag
            out[names.get(md["metadataId"], f"?{md['metadataId']}")] = loc["startIndex"]
    return out


def create(sheet: Sheet, *names: str) -> list[str]:
    """Rows as ``Services.create`` writes them: update() with appended rows (tagged)."""
    sheet.wb.update("users", [], actor="a", also_append={"users": [user(n) for n in names]})
    return list(sheet.wb.read("users")["id"])


def second_instance(sheet: Sheet) -> GoogleSheetsWorkbook:
    client = gspread.Client(auth=None, session=sheet.emu.session())
    return GoogleSheetsWorkbook(sheet.key, client=client, clock=ticking(), sleep=no_sleep)


def test_rows_created_through_update_carry_one_tag_that_follows_each_write(sheet: Sheet) -> None:
    a, b = create(sheet, "An", "Bình")
    assert tags(sheet) == {f"{a}@1": 1, f"{b}@1": 2}
    sheet.wb.update("users", [Change(b, 1, {"full_name": "Bình Minh"})], actor="r")
    assert tags(sheet) == {f"{a}@1": 1, f"{b}@2": 2}  # the old version's tag is gone


MOVES = ["insert-above", "delete-other", "drag-rows", "sort-tags-follow"]


@pytest.mark.parametrize("edit", MOVES)
def test_a_row_moved_between_the_re_read_and_the_write_is_written_where_it_now_is(
    either: Sheet, edit: str
) -> None:
    """Refused as a whole, read again, written on the right row: whichever way Google answers a
    delete of metadata that matches nothing (undocumented; the adapter probes it once)."""
    sheet = either
    sheet.emu.strict.sort_moves_metadata = True  # "sort-tags-follow"; tags left behind: test_write_gap
    a, b, c = create(sheet, "Cúc", "An", "Bình")
    human = sheet.emu.human(sheet.key)
    moves = {
        "insert-above": lambda: human.insert_rows(2, count=2, sheet="users"),
        "delete-other": lambda: human.delete_rows(2, sheet="users"),  # Cúc
        "drag-rows": lambda: human.move_rows(4, 1, before=2, sheet="users"),  # Bình dragged to the top
        "sort-tags-follow": lambda: human.sort("G", ascending=True, sheet="users"),  # An, Bình, Cúc
    }
    assert sheet.cells("users")[0][6] == "full_name"
    before_write(sheet.wb, moves[edit])
    sheet.clear()
    (out,) = sheet.wb.update("users", [Change(c, 1, {"unit_id": "U-TT"})], actor="r")
    assert out["id"] == c and out["version"] == 2
    calls = sheet.endpoints()
    frame = sheet.wb.read("users").set_index("id")
    assert frame.loc[c, "unit_id"] == "U-TT" and frame.loc[c, "version"] == 2
    others = [i for i in (a, b) if i in frame.index]
    assert all(frame.loc[i, "unit_id"] == "" and frame.loc[i, "version"] == 1 for i in others)
    # the first batch was refused as a whole (400); the row found again by the id column, its tags
    # looked up; written again
    assert calls == [
        "values:batchGetByDataFilter",
        "spreadsheets:batchUpdate",
        "values:batchGet",
        "developerMetadata:search",
        "spreadsheets:batchUpdate",
    ]
    assert [e.status for e in sheet.emu.log.entries if e.endpoint == "spreadsheets:batchUpdate"] == [400, 200]
    assert sheet.cells("users")[tags(sheet)[f"{c}@2"]][0] == c  # the new tag sits on the row written


def test_a_second_instance_writing_first_inside_the_gap_makes_this_write_stale(sheet: Sheet) -> None:
    (a,) = create(sheet, "An")
    other = second_instance(sheet)
    before_write(sheet.wb, lambda: other.update("users", [Change(a, 1, {"unit_id": "U-TP"})], actor="o"))
    with pytest.raises(StaleRow):
        sheet.wb.update("users", [Change(a, 1, {"unit_id": "U-TT"})], actor="r")
    row = sheet.wb.read("users").iloc[0]
    assert row["unit_id"] == "U-TP" and row["version"] == 2


def test_an_untagged_row_is_still_written_and_tagged_by_its_first_write(sheet: Sheet) -> None:
    """Rows bulk-loaded with append() have no tag (a tag per row would spend the sheet's metadata
    budget on rows that may never change)."""
    (row,) = sheet.wb.append("users", [user("An")], actor="a")
    assert tags(sheet) == {}
    sheet.wb.update("users", [Change(row["id"], 1, {"unit_id": "U-TT"})], actor="r")
    assert tags(sheet) == {f"{row['id']}@2": 1}


def test_two_instances_on_an_untagged_row_still_apply_only_one_move(sheet: Sheet) -> None:
    (row,) = sheet.wb.append("users", [user("An")], actor="a")
    other = second_instance(sheet)
    before_write(
        sheet.wb, lambda: other.update("users", [Change(row["id"], 1, {"unit_id": "U-TP"})], actor="o")
    )
    with pytest.raises(StaleRow):
        sheet.wb.update("users", [Change(row["id"], 1, {"unit_id": "U-TT"})], actor="r")
    assert sheet.wb.read("users").iloc[0]["unit_id"] == "U-TP"


def test_a_row_pasted_by_hand_with_its_envelope_is_tagged_on_its_first_app_write(sheet: Sheet) -> None:
    # an admin pastes a row back from a backup, id and version included (a row typed without them
    # is not data at all: test_handmade_rows.py); it carries no tag until the app writes it
    sheet.emu.human(sheet.key).append_row(
        ["U-PASTED", "1", "", "", "", "go.tay@cd.vn", "Gõ Tay", "unit_officer", "U1", "TRUE"], sheet="users"
    )
    rid = str(sheet.wb.read("users").iloc[0]["id"])
    assert rid == "U-PASTED" and tags(sheet) == {}
    sheet.wb.update("users", [Change(rid, 1, {"unit_id": "U-TV"})], actor="r")
    assert tags(sheet) == {f"{rid}@2": 1}
    assert sheet.wb.read("users").iloc[0]["unit_id"] == "U-TV"


def test_the_same_client_token_posted_to_two_instances_at_once_is_stored_once(sheet: Sheet) -> None:
    """B3 across processes: the second instance's row lands inside this one's gap; this batch is
    refused (the token's metadata id exists), read again, and the stored row is handed back."""
    other = second_instance(sheet)
    row = {**user("An"), "unit_id": "U1"}
    once = {"email": row["email"], "unit_id": "U1"}

    def post(wb: GoogleSheetsWorkbook) -> None:
        wb.update("users", [], actor="a", also_append={"users": [row]}, once=once)

    before_write(sheet.wb, lambda: post(other))
    with pytest.raises(AlreadyStored) as caught:
        post(sheet.wb)
    frame = sheet.wb.read("users")
    assert len(frame) == 1 and caught.value.row["id"] == frame.iloc[0]["id"]


def test_a_row_whose_cells_a_person_cut_and_pasted_elsewhere_is_still_written_and_re_tagged(
    sheet: Sheet,
) -> None:
    """Cut and paste moves the cells, not the row: the tag stays behind on the old row. The first
    batch is refused; the re-read finds the row unmoved since, so the stray tag is dropped and the
    write lands on the row by its id (no endless refusals)."""
    a, b = create(sheet, "An", "Bình")
    sheet_id = sheet.emu.sheet(sheet.key, "users").sheet_id
    cut = {
        "cutPaste": {
            "source": {"sheetId": sheet_id, "startRowIndex": 2, "endRowIndex": 3, "startColumnIndex": 0, "endColumnIndex": 10},
            "destination": {"sheetId": sheet_id, "rowIndex": 4, "columnIndex": 0},
            "pasteType": "PASTE_NORMAL",
        }
    }  # fmt: skip
    sheet.emu.human(sheet.key)._apply(cut)  # Bình's cells: sheet row 3 -> row 5, its tag stays on row 3
    sheet.wb.read("users")
    sheet.clear()
    (out,) = sheet.wb.update("users", [Change(b, 1, {"unit_id": "U-TT"})], actor="r")
    assert out["version"] == 2
    assert [e.status for e in sheet.emu.log.entries if e.endpoint == "spreadsheets:batchUpdate"] == [400, 200]
    assert tags(sheet) == {f"{a}@1": 1, f"{b}@2": 4}
    frame = sheet.wb.read("users").set_index("id")
    assert frame.loc[b, "unit_id"] == "U-TT" and frame.loc[a, "unit_id"] == ""


def _submit(sheet: Sheet, name: str, token: str) -> None:
    """An officer's form sent once per client token, as the services send it."""
    row = {"campaign_id": "C1", "unit_id": "CDCS_01", "full_name": name, "client_token": token}
    sheet.wb.update(
        "nominations",
        [],
        actor="officer@cd.vn",
        also_append={"nominations": [row]},
        once={"client_token": token, "unit_id": "CDCS_01"},
    )


def test_a_tag_id_shared_by_chance_with_another_row_does_not_pass_for_a_resend(
    sheet: Sheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tag ids are 31-bit hashes (Google's metadataId is an int32): with 10,000 rows a new row's
    lookups for "already stored?" meet another row's tag about once in 27,000 submissions. The row
    found must be the one sent, else the new row would be reported stored and never written."""
    from storage.gsheets import tags as tag_module

    _submit(sheet, "Nguyễn Văn An", "tok-1")
    (first,) = sheet.wb.read("nominations").to_dict("records")
    real = tag_module.row_tag_id

    def colliding(tab: str, row_id: str, version: int) -> int:
        if row_id != first["id"] and version == 3:  # another row's version 3 meets An's tag
            return real(tab, first["id"], 1)
        return real(tab, row_id, version)

    monkeypatch.setattr(tag_module, "row_tag_id", colliding)
    _submit(sheet, "Trần Thị Bình", "tok-2")  # not "already stored" as An's row
    assert sorted(sheet.wb.read("nominations")["full_name"]) == ["Nguyễn Văn An", "Trần Thị Bình"]


def test_a_resend_is_found_even_when_another_row_s_tag_also_matches_by_chance(
    sheet: Sheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.gsheets import tags as tag_module

    _submit(sheet, "Nguyễn Văn An", "tok-1")
    _submit(sheet, "Trần Thị Bình", "tok-2")
    an, binh = sheet.wb.read("nominations").to_dict("records")
    real = tag_module.row_tag_id

    def colliding(tab: str, row_id: str, version: int) -> int:
        if row_id == binh["id"] and version == 5:  # Bình's version 5 meets An's tag
            return real(tab, an["id"], 1)
        return real(tab, row_id, version)

    monkeypatch.setattr(tag_module, "row_tag_id", colliding)
    with pytest.raises(AlreadyStored) as again:
        _submit(sheet, "Trần Thị Bình (gửi lại)", "tok-2")
    assert again.value.row["id"] == binh["id"]
    assert len(sheet.wb.read("nominations")) == 2

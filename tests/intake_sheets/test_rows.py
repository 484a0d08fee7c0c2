"""What a sync does with each kind of row an officer leaves in her intake spreadsheet."""

from __future__ import annotations

from typing import Any

import pytest

from core.errors import StorageUnavailable
from demo import intake_journey as jr
from services.sheet_intake import registry

from .conftest import Intake

FIRST = 3


def _nominations(intake: Intake) -> Any:
    return intake.services.store.read("nominations")


def test_a_half_typed_row_waits_until_it_is_complete(intake: Intake) -> None:
    j = jr.start(intake.services, intake.emu, intake.sheets)
    before = len(_nominations(intake))
    j.type_row(FIRST, jr.ROWS[0][:2])  # subject and name only: the officer is still typing
    done = j.sync()
    assert (done.waiting, done.created, done.invalid) == (1, 0, 0)
    check = j.cell(FIRST, "Kiểm tra")
    assert check.startswith("Đang chờ nhập đủ") and "'Danh hiệu" in check
    assert j.fill(FIRST, 3) == ""  # waiting is not an error: nothing in red
    assert len(_nominations(intake)) == before
    j.type_row(FIRST, jr.ROWS[0])
    assert j.sync().created == 1
    assert j.cell(FIRST, "Kiểm tra") == "" and j.cell(FIRST, "Trạng thái").startswith("Đã trình")


def test_a_copied_row_is_a_new_row_checked_as_such_never_a_clash(intake: Intake) -> None:
    j = jr.start(intake.services, intake.emu, intake.sheets)
    j.type_row(FIRST, jr.ROWS[0])
    j.sync()
    first_key = j.cell(FIRST, j.seen()[0][-1])
    before = len(_nominations(intake))
    j.type_row(FIRST + 1, jr.ROWS[0])  # the officer copies the row above (her cells; the app's are protected)
    done = j.sync()
    assert done.created == 0 and done.invalid == 1
    assert len(_nominations(intake)) == before
    assert j.cell(FIRST, j.seen()[0][-1]) == first_key  # the original keeps its submission
    assert j.cell(FIRST + 1, j.seen()[0][-1]) == ""
    assert j.cell(FIRST + 1, "Kiểm tra")  # told why (the same person, the same award)
    assert j.cell(FIRST, "Trạng thái").startswith("Đã trình")


def test_an_owner_copy_with_the_key_is_recognised_as_a_copy(intake: Intake) -> None:
    j = jr.start(intake.services, intake.emu, intake.sheets)
    j.type_row(FIRST, jr.ROWS[0])
    j.sync()
    row = j.seen()[FIRST - 1]
    owner = intake.emu.human(j.file_id)  # the file's owner may paste the app's cells too
    for c, value in enumerate(row):
        owner.edit_cell(f"{chr(ord('A') + c)}{FIRST + 1}", value, sheet=j.tab, input_option="RAW")
    before = len(_nominations(intake))
    j.sync()
    assert len(_nominations(intake)) == before
    key = j.seen()[0][-1]
    assert j.cell(FIRST, key) == row[-1] and j.cell(FIRST + 1, key) == ""


def test_a_row_edited_after_it_left_the_unit_is_flagged_and_not_applied(intake: Intake) -> None:
    j = jr.start(intake.services, intake.emu, intake.sheets)
    j.type_row(FIRST, jr.ROWS[0])
    j.sync()
    stored = j.submission(FIRST)
    j.officer().edit_cell(f"E{FIRST}", "Thành tích viết lại sau khi đã trình.", sheet=j.tab)
    done = j.sync()
    assert done.flagged == 1 and done.resubmitted == 0
    check = j.cell(FIRST, "Kiểm tra")
    assert "KHÔNG được áp dụng" in check and "'Tóm tắt thành tích'" in check
    assert j.fill(FIRST, 4) == "red"
    after = j.submission(FIRST)
    assert after["achievement"] == stored["achievement"] and after["version"] == stored["version"]
    assert j.cell(FIRST, "Trạng thái").startswith("Đã trình")
    # typed back as it was: the flag goes
    j.officer().edit_cell(f"E{FIRST}", jr.ROWS[0][4], sheet=j.tab)
    j.sync()
    assert j.cell(FIRST, "Kiểm tra") == "" and j.fill(FIRST, 4) == ""


def test_rows_sorted_by_the_officer_keep_their_submissions(intake: Intake) -> None:
    j = jr.start(intake.services, intake.emu, intake.sheets)
    j.type_row(FIRST, jr.ROWS[0])
    j.type_row(FIRST + 1, jr.ROWS[2])
    j.sync()
    by_name = {j.cell(r, j.seen()[0][1]): j.cell(r, j.seen()[0][-1]) for r in (FIRST, FIRST + 1)}
    before = len(_nominations(intake))
    # the officer sorts her block by name, descending: her cells move, the app's stay
    width = len(j.seen()[0]) - 3
    intake.emu.api.lock.acquire()
    try:
        rng = {
            "sheetId": intake.emu.sheet(j.file_id, j.tab).sheet_id,
            "startRowIndex": FIRST - 1,
            "endRowIndex": FIRST + 1,
            "startColumnIndex": 0,
            "endColumnIndex": width,
        }
        intake.emu._batch(
            j.file_id,
            [{"sortRange": {"range": rng, "sortSpecs": [{"dimensionIndex": 1, "sortOrder": "DESCENDING"}]}}],
            user=jr.OFFICER,
        )
    finally:
        intake.emu.api.lock.release()
    assert j.cell(FIRST, j.seen()[0][1]) == jr.ROWS[2][1]  # moved
    done = j.sync()
    assert (done.created, done.flagged, done.resubmitted) == (0, 0, 0)
    assert len(_nominations(intake)) == before
    for r in (FIRST, FIRST + 1):
        assert j.cell(r, j.seen()[0][-1]) == by_name[j.cell(r, j.seen()[0][1])]


def test_a_sync_stopped_before_writing_back_links_the_row_it_made(intake: Intake) -> None:
    j = jr.start(intake.services, intake.emu, intake.sheets)
    j.type_row(FIRST, jr.ROWS[0])
    intake.emu.faults.fail_next("spreadsheets:batchUpdate", times=6, fault="503")  # the write-back fails
    with pytest.raises(StorageUnavailable):  # the sync reports Google's failure; the submission was made
        j.sync()
    made = len(_nominations(intake))
    assert j.cell(FIRST, j.seen()[0][-1]) == ""
    j.sync()
    assert len(_nominations(intake)) == made  # linked, not made twice
    assert j.cell(FIRST, "Trạng thái").startswith("Đã trình")


def test_typing_a_state_or_a_users_row_changes_nothing_in_the_store(intake: Intake) -> None:
    j = jr.start(intake.services, intake.emu, intake.sheets)
    users = intake.services.store.read("users").copy()
    noms = _nominations(intake).copy()
    officer = j.officer()
    # a "users" row and a state, typed where the officer can type
    officer.edit_cell(f"B{FIRST}", "quan.tri.gia@demo.thidua.vn", sheet=j.tab)
    officer.edit_cell(f"C{FIRST}", "ADMIN", sheet=j.tab)
    officer.edit_cell(f"E{FIRST}", "AWARDED", sheet=j.tab)
    j.sync()
    assert intake.services.store.read("users").equals(users)
    after = _nominations(intake)
    assert len(after) == len(noms) and not (after["full_name"] == "quan.tri.gia@demo.thidua.vn").any()
    assert "'Đối tượng'" in j.cell(FIRST, "Kiểm tra")  # waiting for the rest, never a user


def test_text_an_officer_types_stays_text_in_the_store_and_in_the_answer(intake: Intake) -> None:
    j = jr.start(intake.services, intake.emu, intake.sheets)
    values = list(jr.ROWS[0])
    values[1] = '\'=HYPERLINK("http://x";"Nguyễn")'  # a leading apostrophe: Sheets keeps it as text
    j.type_row(FIRST, tuple(values))
    j.sync()
    cell = intake.emu.sheet(j.file_id, j.tab).get(FIRST - 1, len(j.seen()[0]) - 3)
    assert cell is None or cell.formula is None  # "Kiểm tra" is never a formula
    for r in range(FIRST - 1, FIRST):
        for c in range(len(j.seen()[0]) - 3, len(j.seen()[0])):
            got = intake.emu.sheet(j.file_id, j.tab).get(r, c)
            assert got is None or got.formula is None


def test_the_registry_records_each_file_and_who_may_edit_it(intake: Intake) -> None:
    j = jr.start(intake.services, intake.emu, intake.sheets)
    reg = registry(intake.services)
    row = reg[reg["unit_id"] == jr.UNIT].iloc[0]
    assert row["spreadsheet_id"] == j.file_id
    assert set(str(row["editors"]).split(",")) == {jr.OFFICER, "chu.tich.canon@demo.thidua.vn"}
    perms = {p.get("emailAddress") for p in intake.emu.spreadsheet(j.file_id).permissions}
    assert {jr.OFFICER, "chu.tich.canon@demo.thidua.vn"} <= perms

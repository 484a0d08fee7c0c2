"""An officer's whole journey in her unit's intake spreadsheet alone (issue 22, "Must show"), on the
emulator acting as her: three rows typed (one wrong), the error in "Kiểm tra", fixed, submitted;
returned in the app, the reason in "Trạng thái", edited in the sheet, resubmitted; approved and
awarded: "Đã khen thưởng"."""

from __future__ import annotations

from demo import intake_journey as jr
from sheets_emulator.emulator import HumanEditRefused

from .conftest import Intake

FIRST = 3  # header, instructions, then data


def test_an_officer_goes_from_typing_to_the_award_in_the_sheet_alone(intake: Intake) -> None:
    j = jr.start(intake.services, intake.emu, intake.sheets)
    header = j.seen()[0]
    check, state, key = header[-3:]
    assert "Danh hiệu" in " ".join(header) and not any("_" in str(h) for h in header)  # Vietnamese, no codes
    assert (check, state) == ("Kiểm tra", "Trạng thái")
    before = len(intake.services.store.read("nominations"))

    for i, values in enumerate(jr.ROWS):
        j.type_row(FIRST + i, values)
    done = j.sync()
    assert (done.created, done.invalid) == (2, 1)
    assert j.cell(FIRST, state) == j.cell(FIRST + 2, state) == "Đã trình – chờ công đoàn cấp trên thẩm định"
    wrong = j.cell(FIRST + 1, check)
    assert "'Lao động tiên tiến'" in wrong and "'Tập thể'" in wrong and "'Đối tượng'" in wrong
    assert "LDTT" not in wrong and "TAP_THE" not in wrong  # labels, never codes
    assert j.cell(FIRST + 1, state) == "" and j.cell(FIRST + 1, key) == ""
    assert j.fill(FIRST + 1, 0) == "red" and j.fill(FIRST + 1, 1) == ""  # the wrong cell only
    assert len(intake.services.store.read("nominations")) == before + 2

    j.officer().edit_cell(f"A{FIRST + 1}", "Cá nhân", sheet=j.tab)
    j.officer().edit_cell(f"B{FIRST + 1}", "Lê Thị Demo Ngọc", sheet=j.tab)
    assert j.sync().created == 1
    assert j.cell(FIRST + 1, check) == ""
    assert j.cell(FIRST + 1, state).startswith("Đã trình – chờ")
    assert j.fill(FIRST + 1, 0) == ""  # fixed: no longer highlighted
    sid = str(j.submission(FIRST + 1)["id"])
    assert j.cell(FIRST + 1, key).startswith(sid + ":")

    jr._act(intake.services, jr.REVIEWER, sid, ("return",), jr.RETURN_REASON)
    j.sync()
    assert j.cell(FIRST + 1, state) == f"Trả lại: {jr.RETURN_REASON}"

    j.officer().edit_cell(
        f"E{FIRST + 1}", "Vượt 10% định mức sản lượng năm 2024, không để lọt lỗi.", sheet=j.tab
    )
    assert j.sync().resubmitted == 1
    row = j.submission(FIRST + 1)
    assert row["state"] == "SUBMITTED" and "Vượt 10%" in str(row["achievement"])
    assert j.cell(FIRST + 1, state).startswith("Đã trình – chờ")

    assert jr.award(intake.services, sid)["state"] == "AWARDED"  # approved, then the council's vote
    j.sync()
    assert j.cell(FIRST + 1, state) == "Đã khen thưởng"
    assert len(intake.services.store.read("nominations")) == before + 3  # never a second copy


def test_the_demo_prints_every_step(intake: Intake) -> None:
    lines: list[str] = []
    j = jr.run(intake.services, intake.emu, intake.sheets, say=lines.append)
    text = "\n".join(lines)
    assert "Trả lại: " + jr.RETURN_REASON in text and "Đã khen thưởng" in text
    assert j.cell(FIRST + 1, "Trạng thái") == "Đã khen thưởng"


def test_another_units_officer_cannot_edit_the_file_and_the_officer_cannot_edit_the_apps_cells(
    intake: Intake,
) -> None:
    j = jr.start(intake.services, intake.emu, intake.sheets)
    other = "can.bo.vanquan@demo.thidua.vn"  # an officer of another grassroots union
    try:
        j.type_row(FIRST, jr.ROWS[0], user=other)
    except HumanEditRefused as refused:
        assert refused.reason == "not_shared"
    else:  # pragma: no cover - the assertion below names the failure
        raise AssertionError("another unit's officer typed into the Canon union's spreadsheet")
    officer = j.officer()
    width = len(j.seen()[0])
    own = [f"{chr(ord('A') + c)}{FIRST}" for c in range(width - 3, width)]  # Kiểm tra, Trạng thái, key
    for cell in (*own, "A1", "B2"):  # and a header, an instruction
        try:
            officer.edit_cell(cell, "Đã khen thưởng", sheet=j.tab)
        except HumanEditRefused as refused:
            assert refused.reason == "protected"
        else:  # pragma: no cover
            raise AssertionError(f"the officer could type into {cell}")
    try:
        officer.delete_rows(FIRST, sheet=j.tab)
    except HumanEditRefused as refused:
        assert refused.reason == "protected"
    else:  # pragma: no cover
        raise AssertionError("the officer could delete a row of the app's cells")

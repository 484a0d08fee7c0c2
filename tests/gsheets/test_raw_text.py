"""User text is written RAW: what looks like a formula, a phone number or a date stays text,
also when the sheet is read with the FORMULA render a person's Sheets UI shows."""

from __future__ import annotations

import pytest

from core.ports import Change

from .conftest import Sheet

TYPED = [
    "=1+1",
    '=HYPERLINK("http://evil.example";"bấm")',
    "+84912345678",
    "-5",
    "@SUM(A1:A3)",
    "007",
    "1,5",
    "1/5",
]


@pytest.mark.parametrize("typed", TYPED)
def test_formula_looking_text_is_stored_as_text_by_append_and_update(sheet: Sheet, typed: str) -> None:
    (row,) = sheet.wb.append("history", [{"tab": "users", "row_id": "U1", "reason": typed}], actor="a")
    sheet.wb.update("history", [Change(row["id"], 1, {"from_state": typed})], actor="a")
    sheet.wb.update(
        "history", [], actor="a", also_append={"history": [{"tab": "t", "row_id": "U2", "reason": typed}]}
    )

    formulas = sheet.cells("history", render="FORMULA")
    header = formulas[0]
    for r in formulas[1:]:
        assert r[header.index("reason")] == typed
    assert formulas[1][header.index("from_state")] == typed
    stored = sheet.emu.sheet(sheet.key, "history")
    for r in (1, 2):
        for c in (header.index("reason"),):
            cell = stored.get(r, c)
            assert cell is not None and cell.formula is None and cell.value == typed
    frame = sheet.wb.read("history")
    assert list(frame["reason"]) == [typed, typed]
    assert frame.loc[0, "from_state"] == typed


def test_numbers_are_not_numericised_on_read(sheet: Sheet) -> None:
    """gspread's numericise would turn "007" into 7 and "1,5" into 15; we read cells as they are."""
    sheet.wb.append("users", [{"email": "a@b.vn", "full_name": "007", "unit_id": "1,5"}], actor="a")
    row = sheet.wb.read("users").iloc[0]
    assert row["full_name"] == "007" and row["unit_id"] == "1,5"

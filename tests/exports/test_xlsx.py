"""The .xlsx lists: reopened with openpyxl; headers, frozen row, filter, widths, rows, formula guard."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from exports import xlsx
from exports.build import export
from reporting.reporting import Reporting
from tests.conftest import OFFICER, REVIEWER

DRIVE = "HN-2023-DTD-CAODIEM-DH"
ANNUAL = "HN-2024-KTN"


def test_nomination_list(rep: Reporting, raw: dict[str, list[dict[str, Any]]]) -> None:
    out = export(rep, REVIEWER, "xlsx", ANNUAL)
    assert out.filename.endswith(".xlsx")
    ws = load_workbook(io.BytesIO(out.data)).active
    assert ws is not None
    header = [c.value for c in ws[1]]
    assert header == [
        "STT", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị trình", "Danh hiệu / hình thức", "Trạng thái",
        "Lý do gần nhất", "Trình lúc", "Đối tượng", "Năm thành tích", "Tóm tắt thành tích",
        "Tiêu chuẩn Bằng khen", "Đợt thi đua",
    ]  # fmt: skip
    # names, never codes or ids: the unit, the subject kind, the campaign (issue 16)
    first = {h: ws.cell(row=2, column=i + 1).value for i, h in enumerate(header)}
    assert first["Đơn vị trình"] == "Công đoàn Công ty TNHH Canon Việt Nam"
    assert first["Đối tượng"] in ("Cá nhân", "Tập thể")
    assert first["Đợt thi đua"] == "Bình xét thi đua, khen thưởng năm 2024"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(row=1, column=len(header)).column_letter}{ws.max_row}"
    assert all(c.font.bold for c in ws[1])
    name_col = ws.column_dimensions["B"].width
    assert name_col is not None and name_col > 15
    # rows: the reviewer's subtree only, counted by hand
    parent = {u["id"]: u["parent_id"] for u in raw["units"]}

    def mine(unit: str) -> bool:
        u: str | None = unit
        while u and u != REVIEWER.unit_id:
            u = parent.get(u) or None
        return u == REVIEWER.unit_id

    expected = sum(1 for r in raw["nominations"] if r["campaign_id"] == ANNUAL and mine(r["unit_id"]))
    assert ws.max_row - 1 == expected > 0
    assert [ws.cell(row=i, column=1).value for i in (2, 3)] == [1, 2]
    states = {ws.cell(row=i, column=header.index("Trạng thái") + 1).value for i in range(2, ws.max_row + 1)}
    assert "Đã khen thưởng" in states


def test_officer_sees_own_unit_only(rep: Reporting, raw: dict[str, list[dict[str, Any]]]) -> None:
    ws = load_workbook(io.BytesIO(export(rep, OFFICER, "xlsx", ANNUAL).data)).active
    assert ws is not None
    header = [c.value for c in ws[1]]
    units = {ws.cell(row=i, column=header.index("Đơn vị trình") + 1).value for i in range(2, ws.max_row + 1)}
    assert units == {"Công đoàn Công ty TNHH Canon Việt Nam"}  # the officer's own unit, by its name
    assert ws.max_row - 1 == sum(
        1 for r in raw["nominations"] if r["campaign_id"] == ANNUAL and r["unit_id"] == OFFICER.unit_id
    )


def test_works_list_formats_money_and_dates(rep: Reporting) -> None:
    ws = load_workbook(io.BytesIO(export(rep, REVIEWER, "xlsx", DRIVE, tab="works").data)).active
    assert ws is not None
    header = [c.value for c in ws[1]]
    money = ws.cell(row=2, column=header.index("Giá trị (đồng)") + 1)
    day = ws.cell(row=2, column=header.index("Dự kiến hoàn thành") + 1)
    assert day.number_format == "dd/mm/yyyy" and day.is_date
    values = [ws.cell(row=i, column=money.column).value for i in range(2, ws.max_row + 1)]
    assert any(isinstance(v, int) for v in values)
    assert any(ws.cell(row=i, column=money.column).number_format == "#,##0" for i in range(2, ws.max_row + 1))


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(1)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://x.invalid","bấm")'],
)
def test_formula_injection_is_neutralised(text: str) -> None:
    frame = pd.DataFrame({"full_name": [text], "benefit": [5]})
    cols = [xlsx.Column("full_name", "Họ và tên"), xlsx.Column("benefit", "Giá trị", "money")]
    data = xlsx.write_list(frame, cols)
    ws = load_workbook(io.BytesIO(data)).active
    assert ws is not None
    cell = ws["B2"]
    assert cell.data_type == "s"
    # a carriage return is stored the OOXML way ("_x000D_", which Excel shows as the character)
    assert unescape(str(cell.value)) == "'" + text
    assert ws["C2"].value == 5
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet


def test_plain_text_is_kept_as_typed() -> None:
    assert xlsx.safe_text("Nguyễn Thị Thu Thủy") == "Nguyễn Thị Thu Thủy"
    assert xlsx.safe_text("a=b") == "a=b"
    assert xlsx.safe_text("x\x07y") == "xy"  # characters Excel cannot store are dropped

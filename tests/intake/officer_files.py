"""Build the files officers really upload: their own layout, not our template (issue 15)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

GOOD = "Hoàn thành xuất sắc nhiệm vụ, vượt 15% định mức sản lượng năm 2024."
HEADERS = ["STT", "Họ và tên", "Chức vụ", "Đối tượng", "Danh hiệu", "Thành tích", "Ghi chú"]


def person(name: str, award: str = "Lao động tiên tiến", kind: str = "Cá nhân", **over: Any) -> list[Any]:
    """One line of an officer's list, in the order of :data:`HEADERS`."""
    cells = {
        "name": name,
        "position": "Công nhân",
        "kind": kind,
        "award": award,
        "achievement": GOOD,
        "note": "",
    }
    cells.update(over)
    return [
        None,
        cells["name"],
        cells["position"],
        cells["kind"],
        cells["award"],
        cells["achievement"],
        cells["note"],
    ]


def sheet_with_title(
    ws: Worksheet, rows: Sequence[Sequence[Any]], *, headers: Sequence[str] = HEADERS, title: bool = True
) -> None:
    """A list under a title block (merged cells), numbered in the STT column."""
    if title:
        ws.append(["LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HÀ NỘI"])
        ws.append(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2024"])
        ws.append(["(Kèm theo Tờ trình số 12/TTr-CĐCS ngày 01/12/2024)"])
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
        ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=len(headers))
        ws.append([])
    ws.append(list(headers))
    for i, row in enumerate(rows, 1):
        cells = list(row)
        if cells and cells[0] is None and headers and headers[0] == "STT":
            cells[0] = i
        ws.append(cells)


def workbook_bytes(
    sheets: dict[str, Sequence[Sequence[Any]]], *, hidden: Sequence[str] = (), **kw: Any
) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        sheet_with_title(ws, rows, **kw)
        if name in hidden:
            ws.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def officer_file(rows: Sequence[Sequence[Any]], **kw: Any) -> bytes:
    """One sheet "Danh sách" with a title block, the officer's headers and ``rows``."""
    return workbook_bytes({"Danh sách": rows}, **kw)


def with_stale_dimension(data: bytes, ref: str) -> bytes:
    """The same .xlsx whose first sheet says its used range is ``ref`` (as some tools leave it)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>'.encode(), body)
            dst.writestr(item, body)
    return buf.getvalue()


def date_cells(value: Any) -> Any:
    """A cell as Excel stores what was typed into a date-formatted column (a number -> a date)."""
    if isinstance(value, int):
        return dt.datetime(1899, 12, 30) + dt.timedelta(days=value)
    return value

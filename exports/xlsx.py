"""Lists to .xlsx: Vietnamese headers, bold frozen header row, autofilter, column widths, and text
that can never run as a formula (OWASP "CSV injection": a cell starting with = + - @ tab or CR gets a
leading apostrophe and is stored as a string).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from schemas.registry import BOOKKEEPING_COLUMNS
from schemas.registry import spec as tab_spec

Progress = Callable[[float, str], None]
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # openpyxl refuses these characters
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
#: Columns of a submission tab a printed list leaves out (bookkeeping, not content).
TECHNICAL = BOOKKEEPING_COLUMNS | {"state_since"}
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
THIN = Side(style="thin", color="A6A6A6")


@dataclass(frozen=True)
class Column:
    """One column of a list: the frame's key, its printed header and its kind (text, int, money, date)."""

    key: str
    header: str
    kind: str = "text"


def safe_text(value: str) -> str:
    """Text that a spreadsheet shows as typed: formula triggers get a leading apostrophe."""
    value = _ILLEGAL.sub("", value)
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def _cell_value(value: Any, kind: str) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind in ("int", "money") and not isinstance(value, str):
        return int(value)
    if kind == "date" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    if kind == "datetime" and isinstance(value, str) and len(value) >= 10:
        try:
            return dt.datetime.fromisoformat(value).replace(tzinfo=None)
        except ValueError:
            return safe_text(value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int | float):
        return value
    return safe_text(str(value))


def write_list(
    frame: pd.DataFrame,
    columns: Sequence[Column],
    *,
    sheet: str = "Danh sách",
    numbered: bool = True,
    progress: Progress | None = None,
) -> bytes:
    """The rows of ``frame`` as a formatted workbook; returns the .xlsx bytes."""
    report = progress or (lambda _f, _l: None)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _SHEET_BAD.sub(" ", sheet)[:31] or "Sheet1"
    cols = ([Column("__stt__", "STT", "int")] if numbered else []) + list(columns)
    ws.append([c.header for c in cols])
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
    widths = [len(c.header) + 2 for c in cols]
    records = frame.to_dict("records")
    total = max(len(records), 1)
    for i, rec in enumerate(records, 1):
        row = [i if c.key == "__stt__" else _cell_value(rec.get(c.key), c.kind) for c in cols]
        ws.append(row)
        r = ws.max_row
        for j, (c, value) in enumerate(zip(cols, row, strict=True)):
            cell = ws.cell(row=r, column=j + 1)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text
                if i <= 500:
                    widths[j] = max(widths[j], min(len(value), 60) + 2)
            elif c.kind == "money":
                cell.number_format = "#,##0"
                widths[j] = max(widths[j], 16)
            elif isinstance(value, dt.datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
                widths[j] = max(widths[j], 17)
            elif isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
                widths[j] = max(widths[j], 12)
        if i % 200 == 0:
            report(i / total, sheet)
    for j, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = width
        if width >= 40:
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(ws.max_row, 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    buf = io.BytesIO()
    wb.save(buf)
    report(1.0, sheet)
    return buf.getvalue()


def tab_columns(
    tab: str, present: Sequence[str], lang: str = "vi", *, extra: Mapping[str, str] | None = None
) -> list[Column]:
    """The printable columns of a submission tab, labelled from its schema (Vietnamese by default)."""
    spec = tab_spec(tab)
    labels = dict(extra or {})
    out: list[Column] = []
    for key in present:
        if key in TECHNICAL:
            continue
        if key in labels:
            out.append(Column(key, labels[key]))
        elif key in spec.columns:
            out.append(Column(key, spec.label(key, lang), spec.kind(key)))
    return out

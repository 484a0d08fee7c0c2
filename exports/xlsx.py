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
from openpyxl.cell import WriteOnlyCell
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
WRAP = Alignment(wrap_text=True, vertical="top")


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
    """The rows of ``frame`` as a formatted workbook; returns the .xlsx bytes.

    Written in openpyxl's write-only mode, row by row (a few thousand rows take well under a second;
    asking the sheet for its last row after every append made a 2,000-row list take 14 s).
    """
    report = progress or (lambda _f, _l: None)
    cols = ([Column("__stt__", "STT", "int")] if numbered else []) + list(columns)
    records = frame.to_dict("records")
    total = max(len(records), 1)
    rows: list[list[Any]] = []
    widths = [len(c.header) + 2 for c in cols]
    for i, rec in enumerate(records, 1):
        row = [i if c.key == "__stt__" else _cell_value(rec.get(c.key), c.kind) for c in cols]
        rows.append(row)
        if i <= 500:
            for j, (c, value) in enumerate(zip(cols, row, strict=True)):
                widths[j] = max(widths[j], _width(c, value))
        if i % 500 == 0:
            report(0.5 * i / total, sheet)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_SHEET_BAD.sub(" ", sheet)[:31] or "Sheet1")
    for j, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(rows) + 1}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.append([_header_cell(ws, c.header) for c in cols])
    styles = [_style_of(c, widths[j]) for j, c in enumerate(cols)]
    for i, row in enumerate(rows, 1):
        ws.append([_body_cell(ws, value, styles[j]) for j, value in enumerate(row)])
        if i % 500 == 0:
            report(0.5 + 0.4 * i / total, sheet)
    buf = io.BytesIO()
    wb.save(buf)
    report(1.0, sheet)
    return buf.getvalue()


def _width(column: Column, value: Any) -> int:
    if isinstance(value, str):
        return min(len(value), 60) + 2
    if column.kind == "money":
        return 16
    if isinstance(value, dt.datetime):
        return 17
    if isinstance(value, dt.date):
        return 12
    return 0


@dataclass(frozen=True)
class _Style:
    number_format: str | None
    wrap: bool


def _style_of(column: Column, width: int) -> _Style:
    fmt = {"money": "#,##0", "date": "dd/mm/yyyy", "datetime": "dd/mm/yyyy hh:mm"}.get(column.kind)
    return _Style(fmt, width >= 40)


def _header_cell(ws: Any, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=text)
    cell.font = Font(bold=True, color="FFFFFF")
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
    return cell


def _body_cell(ws: Any, value: Any, style: _Style) -> Any:
    """A plain value, or a cell carrying its number format / wrapping; text is always text."""
    if isinstance(value, str):
        if not style.wrap:
            return value  # safe_text: no text starts like a formula, so openpyxl stores it as text
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"  # never a formula, whatever the text
        cell.alignment = WRAP
        return cell
    if value is None:
        return None
    if style.number_format or style.wrap:
        cell = WriteOnlyCell(ws, value=value)
        if isinstance(value, dt.datetime):
            cell.number_format = "dd/mm/yyyy hh:mm"
        elif isinstance(value, dt.date):
            cell.number_format = "dd/mm/yyyy"
        elif style.number_format:
            cell.number_format = style.number_format
        if style.wrap:
            cell.alignment = WRAP
        return cell
    return value


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

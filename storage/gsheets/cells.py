"""Cells to and from the sheet: A1 notation, values written as RAW text, rows built and projected.

Everything here is pure (no calls): what a range is called, how a value is written so that text
stays text, how a stored row is built from a caller's row and returned to it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import ulid

from core.ports import Row, check_header
from schemas.registry import spec, to_cell

_EPOCH = dt.datetime(1899, 12, 30)
_READ_PARAMS = {
    "valueRenderOption": "UNFORMATTED_VALUE",
    "dateTimeRenderOption": "SERIAL_NUMBER",
    "majorDimension": "ROWS",
}
#: Whole columns (ids, versions) come back as one list each: about a third fewer bytes than ROWS.
_COLUMN_PARAMS = {**_READ_PARAMS, "majorDimension": "COLUMNS"}


def quote_title(title: str) -> str:
    """A sheet title as A1 notation wants it: always single-quoted, inner quotes doubled."""
    return "'" + title.replace("'", "''") + "'"


def column_letter(index: int) -> str:
    """0-based column index -> A1 column letters (0 -> A, 26 -> AA)."""
    n = index + 1
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _repeated(items: Sequence[str]) -> list[str]:
    return sorted(item for item, n in Counter(items).items() if n > 1)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _extended(value: Any) -> dict[str, Any]:
    """An ExtendedValue for updateCells/appendCells: text is always ``stringValue`` (never a formula)."""
    if value is None or value == "":
        return {}
    if isinstance(value, bool):
        return {"userEnteredValue": {"boolValue": value}}
    if isinstance(value, int | float):
        return {"userEnteredValue": {"numberValue": value}}
    return {"userEnteredValue": {"stringValue": str(value)}}


def _raw(value: Any) -> Any:
    """A JSON value for a RAW ``values`` write (None -> empty cell)."""
    return "" if value is None else value


def _check_header(tab: str, header: Sequence[str]) -> list[str]:
    spec(tab)  # only registered tabs: reads are typed by their schema
    return check_header(tab, header)


def _check_columns(tab: str, header: Sequence[str], row: Mapping[str, Any]) -> None:
    unknown = [c for c in row if c not in header]
    if unknown:
        raise ValueError(f"tab {tab!r} has no column(s) {unknown}; its columns are {list(header)}")


def _new_rows(
    tab: str,
    header: Sequence[str],
    rows: Sequence[Row],
    *,
    actor: str,
    now: str,
    ids: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Rows ready to store: known columns only, ids assigned (or reused on retry), envelope set."""
    for row in rows:
        _check_columns(tab, header, row)
    if ids is None:
        ids = [to_cell(tab, "id", row.get("id")) or str(ulid.ULID()) for row in rows]
    twice = _repeated(list(ids))
    if twice:
        raise ValueError(f"tab {tab!r}: id(s) already used, nothing was written: {twice}")
    stamp = to_cell(tab, "created_at", now)
    envelope = {
        "version": 1,
        "created_at": stamp,
        "updated_at": stamp,
        "updated_by": to_cell(tab, "updated_by", actor),
    }
    out = []
    for row_id, row in zip(ids, rows, strict=True):
        cells = {c: to_cell(tab, c, row.get(c)) for c in header}
        cells.update(envelope, id=row_id)
        out.append(cells)
    return out


def _project(tab: str, header: Sequence[str], row: Mapping[str, Any]) -> dict[str, Any]:
    """Cells already converted by ``to_cell`` -> the schema's columns, in header order."""
    columns = spec(tab).schema.columns
    return {c: row.get(c) for c in header if c in columns}


def _output(tab: str, header: Sequence[str], row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored row as the port returns it: the schema's columns in header order, as cells."""
    columns = spec(tab).schema.columns
    return {c: to_cell(tab, c, row.get(c)) for c in header if c in columns}


def _flat(values: list[list[Any]]) -> list[Any]:
    """A one-column range read with majorDimension COLUMNS -> its cells, top to bottom."""
    return list(values[0]) if values else []


def _positions(header: Sequence[str]) -> dict[str, int]:
    """Column name -> index; a name repeated by hand counts where it first appears, as ``index``."""
    where: dict[str, int] = {}
    for j, c in enumerate(header):
        if c and c not in where:
            where[c] = j
    return where


def _trim(cells: Sequence[Any]) -> list[Any]:
    out = ["" if v is None else v for v in cells]
    while out and out[-1] == "":
        out.pop()
    return out


def _column_range(tab: str, index: int) -> str:
    letter = column_letter(index)
    return f"{quote_title(tab)}!{letter}:{letter}"


def _header_cells(sheet_id: int, start_col: int, names: Sequence[str]) -> dict[str, Any]:
    return {
        "updateCells": {
            "start": {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": start_col},
            "rows": [{"values": [_extended(n) for n in names]}],
            "fields": "userEnteredValue",
        }
    }


def _row_cells(
    sheet_id: int, row: int, header: Sequence[str], cells: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """updateCells requests for the given cells of one row: one per run of adjacent columns."""
    by_col = sorted((header.index(c), v) for c, v in cells.items())
    runs: list[list[tuple[int, Any]]] = []
    for col, value in by_col:
        if runs and runs[-1][-1][0] == col - 1:
            runs[-1].append((col, value))
        else:
            runs.append([(col, value)])
    return [
        {
            "updateCells": {
                "start": {"sheetId": sheet_id, "rowIndex": row, "columnIndex": run[0][0]},
                "rows": [{"values": [_extended(v) for _, v in run]}],
                "fields": "userEnteredValue",
            }
        }
        for run in runs
    ]

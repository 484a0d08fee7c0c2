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
from core.text import all_clean
from schemas.registry import cell_rows, spec, to_cell

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


#: Google's limit of characters in one cell (a longer value is refused, never truncated).
MAX_CELL_CHARS = 50_000


def _check_lengths(tab: str, row: Mapping[str, Any], row_id: str, limit: int = MAX_CELL_CHARS) -> None:
    """Refuse, before anything is sent, a value Google would refuse: longer than 50,000 characters."""
    from storage.gsheets.errors import CellTooLong

    for column, value in row.items():
        if isinstance(value, str) and len(value) > limit:
            raise CellTooLong(tab, column, row_id, len(value), limit)


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
    for row_id, cells_ in zip(ids, cell_rows(tab, header, rows), strict=True):  # a column at a time
        cells = dict(zip(header, cells_, strict=True))
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


#: Rows in between two changed rows of a run that one updateCells may skip with empty row data.
_MAX_GAP = 20


def _rows_cells(
    sheet_id: int, header: Sequence[str], by_row: Mapping[int, Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """updateCells requests for the given cells of several rows: rows changing the same columns
    share one request per run of adjacent columns, rows in between left alone (an empty RowData
    writes nothing). 50 approvals of neighbouring rows: 3 requests instead of 150."""
    runs_of: dict[tuple[tuple[int, int], ...], list[int]] = {}
    values: dict[tuple[int, int], Any] = {}
    for row, cells in by_row.items():
        cols = sorted(header.index(c) for c in cells)
        for c, v in cells.items():
            values[(row, header.index(c))] = v
        runs: list[list[int]] = []
        for col in cols:
            if runs and runs[-1][-1] == col - 1:
                runs[-1].append(col)
            else:
                runs.append([col])
        runs_of.setdefault(tuple((r[0], len(r)) for r in runs), []).append(row)
    out: list[dict[str, Any]] = []
    for shape, rows in runs_of.items():
        rows = sorted(rows)
        blocks: list[list[int]] = [[rows[0]]]
        for row in rows[1:]:
            if row - blocks[-1][-1] <= _MAX_GAP + 1:
                blocks[-1].append(row)
            else:
                blocks.append([row])
        for start, width in shape:
            for block in blocks:
                data: list[dict[str, Any]] = []
                wanted = set(block)
                for row in range(block[0], block[-1] + 1):
                    if row in wanted:
                        data.append({"values": [_extended(values[(row, start + k)]) for k in range(width)]})
                    else:
                        data.append({})
                out.append(
                    {
                        "updateCells": {
                            "start": {"sheetId": sheet_id, "rowIndex": block[0], "columnIndex": start},
                            "rows": data,
                            "fields": "userEnteredValue",
                        }
                    }
                )
    return out


def _refused_tokens(
    tab: str, keys: Sequence[tuple[str, str]], units: Sequence[Any], tokens: Sequence[Any]
) -> list[tuple[str, str]]:
    """Which ``(unit_id, client_token)`` of ``keys`` the stored columns (header cell first) hold
    already, or ``keys`` repeats: the rows a write must refuse (:class:`core.ports.TokensTaken`)."""
    wanted = set(keys)
    wanted_tokens = {t for _, t in keys}
    refused = {k for k, n in Counter(keys).items() if n > 1}
    # a column read back is nearly always stored text already: checked in one pass, a cell that is
    # not one of the wanted tokens is then passed over without converting it (10,000 rows a write)
    stored = all_clean(tokens[1:])
    for r in range(1, len(tokens)):
        if stored and tokens[r] not in wanted_tokens:
            continue
        token = to_cell(tab, "client_token", tokens[r])
        if token:
            key = (to_cell(tab, "unit_id", units[r] if r < len(units) else None), token)
            if key in wanted:
                refused.add(key)
    return [k for k in keys if k in refused]

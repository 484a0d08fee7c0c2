"""spreadsheets.values.*: get, batchGet, update, batchUpdate, append, clear, batchClear."""

from __future__ import annotations

import re
from collections import deque
from typing import Any

from . import batch, dims, limits
from .a1 import Bounds, format_range, index_to_col
from .formula import evaluate
from .store import JSON, ApiError, Sheet, Spreadsheet, Target, bad_request
from .values import Cell, Scalar, parse_input, render

VALUE_RENDER = ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA")
DATE_RENDER = ("SERIAL_NUMBER", "FORMATTED_STRING")
INPUT_OPTIONS = ("RAW", "USER_ENTERED")


_ENUM_TYPES = {
    "valueRenderOption": "ValueRenderOption",
    "responseValueRenderOption": "ValueRenderOption",
    "dateTimeRenderOption": "DateTimeRenderOption",
    "responseDateTimeRenderOption": "DateTimeRenderOption",
    "majorDimension": "Dimension",
    "valueInputOption": "ValueInputOption",
    "insertDataOption": "InsertDataOption",
}


def enum_error(name: str, value: object) -> ApiError:
    """Google's wording for a bad enum in a query parameter or body field."""
    field = re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()
    kind = _ENUM_TYPES.get(name, "Enum")
    prefix = "type.googleapis.com/google.apps.sheets.v4."
    message = f"Invalid value at '{field}' ({prefix}{kind}), \"{value}\""
    return ApiError(400, message, field=field)


def _enum(params: dict[str, str], name: str, allowed: tuple[str, ...], default: str | None) -> str | None:
    value = params.get(name, default)
    if value is not None and value not in allowed:
        raise enum_error(name, value)
    return value


def target_name(t: Target) -> str:
    return format_range(t.sheet.title, t.start_row, t.end_row, t.start_col, t.end_col)


class Reader:
    """Renders cells of one spreadsheet, evaluating simple formulas against the current grid."""

    def __init__(self, book: Spreadsheet, value_render: str, date_render: str) -> None:
        self.book = book
        self.value_render = value_render
        self.date_render = date_render
        self.depth = 0

    def _read_range(self, title: str | None, bounds: Bounds, sheet: Sheet) -> list[object]:
        target = sheet if title is None else self.book.sheet_by_title(title)
        if target is None or self.depth > 20:
            raise ValueError("bad reference")
        er = bounds.end_row if bounds.end_row is not None else target.row_count
        ec = bounds.end_col if bounds.end_col is not None else target.col_count
        out: list[object] = []
        er = min(er, len(target.rows))
        for r in range(bounds.start_row or 0, er):
            for c in range(bounds.start_col or 0, min(ec, len(target.rows[r]))):
                out.append(self.unformatted(target, target.get(r, c)))
        return out

    def unformatted(self, sheet: Sheet, cell: Cell | None) -> object:
        if cell is None:
            return None
        if cell.formula is None:
            return cell.value
        self.depth += 1
        try:
            value = evaluate(cell.formula, lambda t, b: self._read_range(t, b, sheet))
        finally:
            self.depth -= 1
        if value is None:
            # a formula that references one we cannot evaluate (or a cycle) cannot be evaluated either
            raise ValueError("unsupported dependency")
        return value

    def cell(self, sheet: Sheet, cell: Cell | None) -> Scalar:
        def ev(formula: str) -> Scalar | None:
            self.depth += 1
            try:
                return evaluate(formula, lambda t, b: self._read_range(t, b, sheet))
            finally:
                self.depth -= 1

        return render(cell, self.value_render, self.date_render, self.book.locale, ev)


def _trim(rows: list[list[Scalar]]) -> list[list[Scalar]]:
    out = []
    for row in rows:
        end = len(row)
        while end and row[end - 1] == "":
            end -= 1
        out.append(row[:end])
    while out and not out[-1]:
        out.pop()
    return out


def read_values(book: Spreadsheet, t: Target, major: str, reader: Reader) -> list[list[Scalar]]:
    sheet = t.sheet
    last_row = min(t.end_row, len(sheet.rows))
    grid: list[list[Scalar]] = []
    cell = reader.cell
    # an empty cell and a text cell read the same under every render option, and so does an
    # integer unless it is formatted or a date printed as text: answered here; the rest (other
    # numbers, booleans, formulas) rendered by the Reader
    unformatted = reader.value_render != "FORMATTED_VALUE" and reader.date_render == "SERIAL_NUMBER"
    ok: tuple[type, ...] = (str, int) if unformatted else (str,)
    for r in range(t.start_row, last_row):
        row = sheet.rows[r][t.start_col : t.end_col]
        # (a value whose type is in ``ok`` is never None)
        values: list[Any] = [
            "" if c is None else c.value if c.formula is None and type(c.value) in ok else cell(sheet, c)
            for c in row
        ]
        grid.append(values)
    if major == "COLUMNS":
        width = max((len(r) for r in grid), default=0)
        grid = [[r[c] if c < len(r) else "" for r in grid] for c in range(width)]
    return _trim(grid)


def value_range(book: Spreadsheet, range_text: str, params: dict[str, str]) -> JSON:
    return _target_values(book, book.resolve(range_text), params)


def _target_values(book: Spreadsheet, t: Target, params: dict[str, str]) -> JSON:
    major = _enum(params, "majorDimension", ("ROWS", "COLUMNS", "DIMENSION_UNSPECIFIED"), "ROWS") or "ROWS"
    major = "ROWS" if major == "DIMENSION_UNSPECIFIED" else major
    vr = _enum(params, "valueRenderOption", VALUE_RENDER, "FORMATTED_VALUE") or "FORMATTED_VALUE"
    dr = _enum(params, "dateTimeRenderOption", DATE_RENDER, "SERIAL_NUMBER") or "SERIAL_NUMBER"
    out: JSON = {"range": target_name(t), "majorDimension": major}
    values = read_values(book, t, major, Reader(book, vr, dr))
    if values:
        out["values"] = values
    return out


def get(book: Spreadsheet, range_text: str, params: dict[str, str]) -> JSON:
    return value_range(book, range_text, params)


def batch_get(book: Spreadsheet, ranges: list[str], params: dict[str, str]) -> JSON:
    out: JSON = {"spreadsheetId": book.spreadsheet_id}
    if ranges:
        out["valueRanges"] = [value_range(book, r, params) for r in ranges]
    return out


# ---------------------------------------------------------------- writes


def _matrix(body: JSON) -> list[list[Any]]:
    values = body.get("values") or []
    if not isinstance(values, list) or not all(isinstance(r, list) for r in values):
        raise bad_request("Invalid values: expected a list of lists")
    major = body.get("majorDimension", "ROWS")
    if major == "COLUMNS":
        height = max((len(c) for c in values), default=0)
        values = [[c[r] if r < len(c) else None for c in values] for r in range(height)]
    return values


def _write(book: Spreadsheet, sheet: Sheet, row: int, col: int, values: list[list[Any]], option: str) -> JSON:
    """Write a block of values; null entries leave their cell alone and do not count as updated."""
    width = 0
    touched_rows: set[int] = set()
    touched_cols: set[int] = set()
    cells = 0
    limits.check_cells_protected(
        book,
        sheet,
        book.editor,
        (
            (row + i, col + j)
            for i, vals in enumerate(values)
            for j, raw in enumerate(vals)
            if raw is not None
        ),
    )
    for i, vals in enumerate(values):
        for j, raw in enumerate(vals):
            if raw is None:
                continue
            if isinstance(raw, dict | list):
                raise bad_request(f"Invalid values[{i}][{j}]: {type(raw).__name__}_value")
            limits.check_text(raw)
            sheet.write_value(row + i, col + j, parse_input(raw, option, book.locale))
            cells += 1
            touched_rows.add(row + i)
            touched_cols.add(col + j)
        width = max(width, len(vals))
    rows = len(values)
    info: JSON = {"spreadsheetId": book.spreadsheet_id}
    if rows and width:
        info["updatedRange"] = format_range(sheet.title, row, row + rows, col, col + width)
        info["updatedRows"] = len(touched_rows)
        info["updatedColumns"] = len(touched_cols)
        info["updatedCells"] = cells
        info["_touched"] = (sheet.sheet_id, touched_rows, touched_cols)
    return info


def _input_option(params: dict[str, str] | JSON) -> str:
    option = params.get("valueInputOption")
    if option is None:
        raise bad_request("'valueInputOption' is required but not specified")
    if option not in INPUT_OPTIONS:
        raise enum_error("valueInputOption", option)
    return str(option)


def _response_data(book: Spreadsheet, info: JSON, params: dict[str, str] | JSON) -> None:
    flag = str(params.get("includeValuesInResponse", "false")).lower()
    if flag == "true" and "updatedRange" in info:
        p = {
            "valueRenderOption": str(params.get("responseValueRenderOption", "FORMATTED_VALUE")),
            "dateTimeRenderOption": str(params.get("responseDateTimeRenderOption", "SERIAL_NUMBER")),
        }
        info["updatedData"] = value_range(book, info["updatedRange"], p)


def _update_one(book: Spreadsheet, range_text: str, body: JSON, option: str) -> JSON:
    return _update_target(book, book.resolve(range_text), range_text, body, option)


def _update_target(book: Spreadsheet, t: Target, range_text: str, body: JSON, option: str) -> JSON:
    values = _matrix(body)
    if body.get("range"):
        other = book.resolve(str(body["range"]))
        if (other.sheet.sheet_id, other.start_row, other.start_col) != (
            t.sheet.sheet_id,
            t.start_row,
            t.start_col,
        ):
            raise bad_request(
                f"Invalid data[0]: Requested writing within range [{range_text}], but tried writing "
                f"to [{body['range']}]"
            )
    rows = len(values)
    width = max((len(v) for v in values), default=0)
    # a single-cell range is only an anchor; any other range bounds what may be written
    single = t.raw.end_row is not None and t.raw.end_row - (t.raw.start_row or 0) == 1
    single = single and t.raw.end_col is not None and t.raw.end_col - (t.raw.start_col or 0) == 1
    if not single:
        if t.raw.end_row is not None and t.start_row + rows > t.end_row:
            raise bad_request(
                f"Requested writing within range [{range_text}], but tried writing to row "
                f"[{t.start_row + rows}]"
            )
        if t.raw.end_col is not None and t.start_col + width > t.end_col:
            raise bad_request(
                f"Requested writing within range [{range_text}], but tried writing to column "
                f"[{index_to_col(t.start_col + width - 1)}]"
            )
    if t.start_row + rows > t.sheet.row_count or t.start_col + width > t.sheet.col_count:
        end = format_range(
            t.sheet.title, t.start_row, t.start_row + max(rows, 1), t.start_col, t.start_col + max(width, 1)
        )
        raise bad_request(
            f"Range ({end}) exceeds grid limits. Max rows: {t.sheet.row_count}, "
            f"max columns: {t.sheet.col_count}"
        )
    info = _write(book, t.sheet, t.start_row, t.start_col, values, option)
    if "updatedRange" not in info:
        info["updatedRange"] = target_name(t)
    return info


def update(book: Spreadsheet, range_text: str, params: dict[str, str], body: JSON) -> JSON:
    option = _input_option(params)
    info = _update_one(book, range_text, body, option)
    info.pop("_touched", None)
    _response_data(book, info, params)
    return info


def batch_update(book: Spreadsheet, body: JSON) -> JSON:
    option = _input_option(body)
    responses = []
    sheets: set[int] = set()
    all_rows: set[tuple[int, int]] = set()
    all_cols: set[tuple[int, int]] = set()
    cells = 0
    for i, item in enumerate(body.get("data") or []):
        if "range" not in item:
            raise bad_request(f"Invalid data[{i}]: range is required")
        info = _update_one(book, str(item["range"]), item, option)
        touched = info.pop("_touched", None)
        _response_data(book, info, body)
        responses.append(info)
        if touched is not None:
            sid, rows, cols = touched
            sheets.add(sid)
            all_rows.update((sid, r) for r in rows)
            all_cols.update((sid, c) for c in cols)
            cells += info["updatedCells"]
    out: JSON = {"spreadsheetId": book.spreadsheet_id}
    if responses:
        out.update(
            {
                "totalUpdatedRows": len(all_rows),
                "totalUpdatedColumns": len(all_cols),
                "totalUpdatedCells": cells,
                "totalUpdatedSheets": len(sheets),
                "responses": responses,
            }
        )
    return out


def clear(book: Spreadsheet, range_text: str) -> JSON:
    t = book.resolve(range_text)
    _clear_target(t)
    return {"spreadsheetId": book.spreadsheet_id, "clearedRange": target_name(t)}


def _clear_target(t: Target) -> None:
    sheet = t.sheet
    for r in range(t.start_row, min(t.end_row, len(sheet.rows))):
        for c in range(t.start_col, min(t.end_col, len(sheet.rows[r]))):
            if sheet.rows[r][c] is not None:
                sheet.write_value(r, c, None)


def batch_clear(book: Spreadsheet, body: JSON) -> JSON:
    targets = [book.resolve(str(r)) for r in body.get("ranges") or []]
    for t in targets:
        _clear_target(t)
    out: JSON = {"spreadsheetId": book.spreadsheet_id}
    if targets:
        out["clearedRanges"] = [target_name(t) for t in targets]
    return out


# ---------------------------------------------------------------- append


def find_table(t: Target) -> tuple[int, int, int, int] | None:
    """The "table" values.append appends after: the data region around the first value in the range.

    Google does not document the algorithm; recordings show the region grows from the first
    non-empty cell of the input range through neighbouring non-empty cells, so "A1" with values in
    A1 and C1 (B1 empty) yields the table A1 alone.
    """
    sheet = t.sheet
    start = None
    for r in range(t.start_row, min(t.end_row, len(sheet.rows))):
        row = sheet.rows[r]
        for c in range(t.start_col, min(t.end_col, len(row))):
            if sheet.is_filled(r, c):
                start = (r, c)
                break
        if start:
            break
    if start is None:
        return None
    # flood fill over runs of filled cells (8-neighbour connectivity), not over single cells
    runs_cache: dict[int, list[tuple[int, int]]] = {}

    def runs(r: int) -> list[tuple[int, int]]:
        if r not in runs_cache:
            out: list[tuple[int, int]] = []
            row = sheet.rows[r] if 0 <= r < len(sheet.rows) else []
            c = 0
            while c < len(row):
                if row[c] is not None and not row[c].is_blank:  # type: ignore[union-attr]
                    b = c
                    while b < len(row) and row[b] is not None and not row[b].is_blank:  # type: ignore[union-attr]
                        b += 1
                    out.append((c, b))
                    c = b
                else:
                    c += 1
            runs_cache[r] = out
        return runs_cache[r]

    first = next(run for run in runs(start[0]) if run[0] <= start[1] < run[1])
    seen = {(start[0], first)}
    queue = deque([(start[0], first)])
    r0, r1, c0, c1 = start[0], start[0] + 1, first[0], first[1]
    while queue:
        r, (a, b) = queue.popleft()
        for nr in (r - 1, r + 1):
            for run in runs(nr):
                if run[0] <= b and a <= run[1] and (nr, run) not in seen:
                    seen.add((nr, run))
                    queue.append((nr, run))
                    r0, r1 = min(r0, nr), max(r1, nr + 1)
                    c0, c1 = min(c0, run[0]), max(c1, run[1])
    return r0, r1, c0, c1


def append(book: Spreadsheet, range_text: str, params: dict[str, str], body: JSON) -> JSON:
    option = _input_option(params)
    mode = _enum(params, "insertDataOption", ("OVERWRITE", "INSERT_ROWS"), "OVERWRITE")
    values = _matrix(body)
    t = book.resolve(range_text)
    table = find_table(t)
    out: JSON = {"spreadsheetId": book.spreadsheet_id}
    if table is not None:
        r0, r1, c0, c1 = table
        out["tableRange"] = format_range(t.sheet.title, r0, r1, c0, c1)
        row, col = r1, c0
    else:
        row, col = t.start_row, t.start_col
    rows = len(values)
    width = max((len(v) for v in values), default=0)
    sheet = t.sheet
    if mode == "INSERT_ROWS" and rows:
        if row < sheet.row_count:
            dims.insert(book, sheet, "ROWS", row, rows)
        else:
            sheet.row_count = row + rows
    if row + rows > sheet.row_count:
        sheet.row_count = row + rows
    if col + width > sheet.col_count:
        sheet.col_count = col + width
    info = _write(book, sheet, row, col, values, option)
    info.pop("_touched", None)
    _response_data(book, info, params)
    out["updates"] = info
    return out


# ---------------------------------------------------------------- what a write may change


def written_sheets(book: Spreadsheet, endpoint: str, range_text: str, body: JSON) -> set[int] | None:
    """Ids of the sheets a value write can change, so only those are copied before it (copying
    every sheet of a large spreadsheet on each write made seeding one quadratic); ``None`` when the
    request is malformed, so the whole book is copied and the write fails with Google's own error.

    A value write changes the cells (and, for an INSERT_ROWS append, the rows) of the sheets its
    ranges resolve to, plus spreadsheet-wide named ranges and developer metadata, which
    ``Spreadsheet.clone`` always copies.
    """
    try:
        if endpoint in ("values:update", "values:append", "values:clear"):
            targets = [book.resolve(range_text, check_limits=False)]
        elif endpoint == "values:batchUpdate":
            data = body.get("data") or []
            targets = [book.resolve(str(item["range"]), check_limits=False) for item in data]
        elif endpoint == "values:batchClear":
            targets = [book.resolve(str(r), check_limits=False) for r in body.get("ranges") or []]
        elif endpoint == "values:batchUpdateByDataFilter":
            filters = [item.get("dataFilter") or {} for item in body.get("data") or []]
            targets = [t for flt in filters for t in filter_targets(book, flt)]
        elif endpoint == "values:batchClearByDataFilter":
            targets = [t for flt in body.get("dataFilters") or [] for t in filter_targets(book, flt)]
        else:
            return None
    except Exception:  # any malformed request: copy everything, fail as before
        return None
    return {t.sheet.sheet_id for t in targets}


# ---------------------------------------------------------------- ...ByDataFilter


def filter_targets(book: Spreadsheet, flt: JSON) -> list[Target]:
    """Ranges a DataFilter selects: an A1 range, a GridRange, or the rows/columns/sheets of metadata."""
    if "a1Range" in flt:
        return [book.resolve(str(flt["a1Range"]))]
    if "gridRange" in flt:
        return [book.grid_target(flt["gridRange"])]
    if "developerMetadataLookup" not in flt:
        raise bad_request(
            "Invalid dataFilter: one of a1Range, gridRange or developerMetadataLookup is required"
        )
    out: list[Target] = []
    for md in batch.candidates(book.developer_metadata, flt):
        loc = md["location"]
        if "dimensionRange" in loc:
            dr = loc["dimensionRange"]
            sheet = book.sheet_by_id(int(dr.get("sheetId", 0)))
            s, e = int(dr["startIndex"]), int(dr["endIndex"])
            if dr["dimension"] == "ROWS":
                out.append(Target(sheet, s, e, 0, sheet.col_count, Bounds(s, e, None, None)))
            else:
                out.append(Target(sheet, 0, sheet.row_count, s, e, Bounds(None, None, s, e)))
        elif "sheetId" in loc:
            sheet = book.sheet_by_id(int(loc["sheetId"]))
            out.append(Target(sheet, 0, sheet.row_count, 0, sheet.col_count, Bounds(None, None, None, None)))
    return out


def batch_get_by_filter(book: Spreadsheet, body: JSON) -> JSON:
    keys = ("majorDimension", "valueRenderOption", "dateTimeRenderOption")
    params: dict[str, str] = {k: str(body[k]) for k in keys if k in body}
    matched = [
        {"valueRange": _target_values(book, t, params), "dataFilters": [flt]}
        for flt in body.get("dataFilters") or []
        for t in filter_targets(book, flt)
    ]
    out: JSON = {"spreadsheetId": book.spreadsheet_id}
    if matched:
        out["valueRanges"] = matched
    return out


def batch_update_by_filter(book: Spreadsheet, body: JSON) -> JSON:
    option = _input_option(body)
    responses: list[JSON] = []
    sheets: set[int] = set()
    all_rows: set[tuple[int, int]] = set()
    all_cols: set[tuple[int, int]] = set()
    cells = 0
    for item in body.get("data") or []:
        flt = item.get("dataFilter") or {}
        for t in filter_targets(book, flt):
            info = _update_target(book, t, target_name(t), item, option)
            touched = info.pop("_touched", None)
            _response_data(book, info, body)
            info["dataFilter"] = flt
            responses.append(info)
            if touched is not None:
                sid, rows, cols = touched
                sheets.add(sid)
                all_rows.update((sid, r) for r in rows)
                all_cols.update((sid, c) for c in cols)
                cells += info["updatedCells"]
    out: JSON = {"spreadsheetId": book.spreadsheet_id}
    if responses:
        out.update(
            {
                "totalUpdatedRows": len(all_rows),
                "totalUpdatedColumns": len(all_cols),
                "totalUpdatedCells": cells,
                "totalUpdatedSheets": len(sheets),
                "responses": responses,
            }
        )
    return out


def batch_clear_by_filter(book: Spreadsheet, body: JSON) -> JSON:
    targets = [t for flt in body.get("dataFilters") or [] for t in filter_targets(book, flt)]
    for t in targets:
        _clear_target(t)
    out: JSON = {"spreadsheetId": book.spreadsheet_id}
    if targets:
        out["clearedRanges"] = [target_name(t) for t in targets]
    return out

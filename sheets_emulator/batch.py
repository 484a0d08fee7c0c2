"""spreadsheets.batchUpdate: every request kind the app and gspread send, applied all-or-nothing."""

from __future__ import annotations

import copy
import struct
from collections.abc import Callable
from typing import Any

from . import dims, limits
from .resources import parse_mask
from .store import JSON, ApiError, MetadataList, Sheet, Spreadsheet, Store, bad_request, own_metadata
from .values import Cell, NumberFormat, cell_from_extended

Handler = Callable[["BatchContext", JSON], JSON | None]


class BatchContext:
    """State shared by the requests of one batchUpdate, working on a private copy of the spreadsheet."""

    def __init__(
        self, store: Store, book: Spreadsheet, strict: limits.Strict | None = None, user: str | None = None
    ) -> None:
        self.store = store
        self.book = book
        self.strict = strict or limits.Strict()
        self.user = user
        self._ids: set[int] | None = None

    def metadata_ids(self) -> set[int]:
        """Ids of the book's developer metadata, kept up to date by the requests of this batch."""
        if self._ids is None:
            self._ids = {int(m) for m in self.book.developer_metadata.by_id}
        return self._ids


def _f32(x: float) -> float | int:
    """Colours are stored as 8-bit channels and print as float32 with the shortest round-trip digits."""
    x = int(x * 255 + 1e-6) / 255
    target = struct.unpack("f", struct.pack("f", x))[0]
    for digits in range(1, 10):
        candidate = float(f"{x:.{digits}g}")
        if struct.unpack("f", struct.pack("f", candidate))[0] == target:
            return int(candidate) if candidate == int(candidate) else candidate
    return x


_MIRRORS = (
    ("backgroundColor", "backgroundColorStyle"),
    ("foregroundColor", "foregroundColorStyle"),
    ("tabColor", "tabColorStyle"),
)


def _colors(value: Any) -> Any:
    """Normalise colours as Google echoes them: zero channels dropped, 8-bit precision, and every
    legacy colour mirrored by its *Style twin (backgroundColor <-> backgroundColorStyle.rgbColor)."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if v is None:
                continue
            if k in ("red", "green", "blue", "alpha") and isinstance(v, int | float):
                if v:
                    out[k] = _f32(float(v))
            else:
                cleaned = _colors(v)
                if cleaned != {} or k in ("rgbColor", "foregroundColor"):
                    out[k] = cleaned
        for plain, style in _MIRRORS:
            if plain in out and style not in out:
                out[style] = {"rgbColor": out[plain]}
            elif style in out and plain not in out and "rgbColor" in out[style]:
                out[plain] = out[style]["rgbColor"]
            elif style in out and "rgbColor" not in out[style] and "themeColor" not in out[style]:
                del out[style]
                out.pop(plain, None)
        return out
    if isinstance(value, list):
        return [_colors(v) for v in value]
    return value


def _no_zero_sheet(gr: JSON) -> JSON:
    """Google omits sheetId 0 in echoed GridRanges (proto3 default)."""
    if gr.get("sheetId") == 0:
        gr = {k: v for k, v in gr.items() if k != "sheetId"}
    return gr


def _sheet(ctx: BatchContext, sheet_id: Any) -> Sheet:
    return ctx.book.sheet_by_id(int(sheet_id or 0))


def _apply_fields(target: JSON, source: JSON, fields: str) -> None:
    """Copy the field-mask paths of `source` into `target` ("*" copies everything; absent means clear)."""
    if fields.strip() == "*":
        target.update(copy.deepcopy(source))
        return
    _merge_mask(target, source, parse_mask(fields))


def _merge_mask(target: JSON, source: Any, mask: dict[str, Any]) -> None:
    for key, sub in mask.items():
        value = source.get(key) if isinstance(source, dict) else None
        if sub and isinstance(value, dict):
            node = target.get(key)
            if not isinstance(node, dict):
                node = target[key] = {}
            _merge_mask(node, value, sub)
        elif sub and value is None:
            node = target.get(key)
            if isinstance(node, dict):
                _merge_mask(node, {}, sub)
        elif value is None:
            target.pop(key, None)
        else:
            target[key] = copy.deepcopy(value)


# ---------------------------------------------------------------- sheets


def add_sheet(ctx: BatchContext, req: JSON) -> JSON:
    props = req.get("properties", {})
    book = ctx.book
    title = props.get("title")
    if title is None:
        n = len(book.sheets) + 1
        while book.sheet_by_title(f"Sheet{n}"):
            n += 1
        title = f"Sheet{n}"
    if book.sheet_by_title(title) is not None:
        raise bad_request(
            f'Invalid requests[{{i}}].addSheet: A sheet with the name "{title}" already exists. '
            "Please enter another name."
        )
    sheet_id = props.get("sheetId")
    if sheet_id is None:
        sheet_id = ctx.store.new_int_id()
    elif any(s.sheet_id == sheet_id for s in book.sheets):
        raise bad_request(f"Invalid requests[{{i}}].addSheet: Sheet with id {sheet_id} already exists.")
    grid = props.get("gridProperties", {})
    index = props.get("index", len(book.sheets))
    for s in book.sheets:
        if s.index >= index:
            s.index += 1
    sheet = Sheet(
        sheet_id=int(sheet_id),
        title=str(title),
        index=min(int(index), len(book.sheets)),
        row_count=int(grid.get("rowCount", 1000)),
        col_count=int(grid.get("columnCount", 26)),
        frozen_rows=int(grid.get("frozenRowCount", 0)),
        frozen_cols=int(grid.get("frozenColumnCount", 0)),
        hidden=bool(props.get("hidden", False)),
    )
    for key in ("tabColor", "tabColorStyle", "rightToLeft"):
        if key in props:
            sheet.extra_props[key] = _colors(copy.deepcopy(props[key]))
    book.sheets.append(sheet)
    book.reindex()
    return {"addSheet": {"properties": sheet.properties()}}


def duplicate_sheet(ctx: BatchContext, req: JSON) -> JSON:
    book = ctx.book
    source = _sheet(ctx, req.get("sourceSheetId"))
    title = req.get("newSheetName")
    if not title:
        title = f"Copy of {source.title}"
        n = 2
        while book.sheet_by_title(title) is not None:
            title = f"Copy of {source.title} {n}"
            n += 1
    elif book.sheet_by_title(title) is not None:
        raise bad_request(
            f'Invalid requests[{{i}}].duplicateSheet: A sheet with the name "{title}" already exists. '
            "Please enter another name."
        )
    new_id = req.get("newSheetId")
    if new_id is None:
        new_id = ctx.store.new_int_id()
    elif any(s.sheet_id == new_id for s in book.sheets):
        raise bad_request(f"Invalid requests[{{i}}].duplicateSheet: Sheet with id {new_id} already exists.")
    index = req.get("insertSheetIndex")
    index = source.index + 1 if index is None else min(int(index), len(book.sheets))
    copy_ = source.clone()
    copy_.sheet_id = int(new_id)
    copy_.title = str(title)
    copy_.protected_ranges = []
    for m in copy_.merges:
        if copy_.sheet_id:
            m["sheetId"] = copy_.sheet_id
    for s in book.sheets:
        if s.index >= index:
            s.index += 1
    copy_.index = index
    book.sheets.append(copy_)
    book.reindex()
    return {"duplicateSheet": {"properties": copy_.properties()}}


def delete_sheet(ctx: BatchContext, req: JSON) -> None:
    book = ctx.book
    sheet = _sheet(ctx, req.get("sheetId"))
    if len(book.sheets) == 1:
        raise bad_request("Invalid requests[{i}].deleteSheet: You can't remove all the sheets in a document.")
    book.sheets.remove(sheet)
    book.named_ranges = [nr for nr in book.named_ranges if nr["range"].get("sheetId", 0) != sheet.sheet_id]
    book.developer_metadata = MetadataList(
        md
        for md in book.developer_metadata
        if md["location"].get("sheetId", md["location"].get("dimensionRange", {}).get("sheetId", -1))
        != sheet.sheet_id
    )
    book.reindex()
    return None


def update_sheet_properties(ctx: BatchContext, req: JSON) -> None:
    props = req.get("properties", {})
    fields = req.get("fields")
    if not fields:
        raise bad_request("Invalid requests[{i}].updateSheetProperties: fields is required")
    sheet = _sheet(ctx, props.get("sheetId"))
    current = sheet.properties()
    new = copy.deepcopy(current)
    _apply_fields(new, props, fields)
    named = set(parse_mask(fields))
    for plain, style in _MIRRORS:
        # setting either twin replaces both; the survivor is mirrored again by _colors
        if style in named and plain not in named:
            new.pop(plain, None)
        elif plain in named and style not in named:
            new.pop(style, None)
    book = ctx.book
    if new.get("hidden") and all(s.hidden or s is sheet for s in book.sheets):
        raise bad_request(
            "Invalid requests[{i}].updateSheetProperties: You can't hide all the sheets in a document."
        )
    title = new.get("title", sheet.title)
    if title != sheet.title:
        other = book.sheet_by_title(title)
        if other is not None and other is not sheet:
            raise bad_request(
                f'Invalid requests[{{i}}].updateSheetProperties: A sheet with the name "{title}" already '
                "exists. Please enter another name."
            )
        sheet.title = title
    grid = new.get("gridProperties", {})
    rows = int(grid.get("rowCount", sheet.row_count))
    cols = int(grid.get("columnCount", sheet.col_count))
    if rows < 1 or cols < 1:
        raise bad_request(
            "Invalid requests[{i}].updateSheetProperties: the grid must keep one row and column"
        )
    if rows < sheet.row_count:
        dims.delete(book, sheet, "ROWS", rows, sheet.row_count)
    sheet.row_count = rows
    if cols < sheet.col_count:
        dims.delete(book, sheet, "COLUMNS", cols, sheet.col_count)
    sheet.col_count = cols
    sheet.frozen_rows = int(grid.get("frozenRowCount", 0))
    sheet.frozen_cols = int(grid.get("frozenColumnCount", 0))
    sheet.extra_grid = {
        k: v
        for k, v in grid.items()
        if k not in ("rowCount", "columnCount", "frozenRowCount", "frozenColumnCount")
    }
    sheet.hidden = bool(new.get("hidden", False))
    extra = _colors(
        {
            k: v
            for k, v in new.items()
            if k not in ("sheetId", "title", "index", "sheetType", "gridProperties", "hidden")
        }
    )
    sheet.extra_props = {k: v for k, v in extra.items() if v not in ({}, None)}
    if "index" in new and new["index"] != sheet.index:
        target = max(0, min(int(new["index"]), len(book.sheets) - 1))
        order = [s for s in book.ordered() if s is not sheet]
        order.insert(target, sheet)
        for i, s in enumerate(order):
            s.index = i
    return None


def update_spreadsheet_properties(ctx: BatchContext, req: JSON) -> None:
    props = req.get("properties", {})
    fields = req.get("fields", "")
    book = ctx.book
    current: JSON = {
        "title": book.title,
        "locale": book.locale,
        "timeZone": book.time_zone,
        **book.extra_props,
    }
    _apply_fields(current, props, fields)
    book.title = current.pop("title", book.title)
    book.locale = current.pop("locale", book.locale)
    book.time_zone = current.pop("timeZone", book.time_zone)
    book.extra_props = current
    return None


# ---------------------------------------------------------------- dimensions


def _dim_range(ctx: BatchContext, rng: JSON) -> tuple[Sheet, str, int, int]:
    sheet = _sheet(ctx, rng.get("sheetId"))
    dimension = rng.get("dimension")
    if dimension not in ("ROWS", "COLUMNS"):
        raise bad_request("Invalid requests[{i}]: dimension must be ROWS or COLUMNS")
    limit = sheet.row_count if dimension == "ROWS" else sheet.col_count
    start = int(rng.get("startIndex", 0))
    end = int(rng.get("endIndex", limit))
    if start < 0 or end < start:
        raise bad_request("Invalid requests[{i}]: startIndex must be less than endIndex")
    return sheet, dimension, start, end


def insert_dimension(ctx: BatchContext, req: JSON) -> None:
    sheet, dimension, start, end = _dim_range(ctx, req.get("range", {}))
    limit = sheet.row_count if dimension == "ROWS" else sheet.col_count
    if start > limit:
        raise bad_request(
            f"Invalid requests[{{i}}].insertDimension: range.startIndex ({start}) must be less than or equal "
            f"to the grid size ({limit})"
        )
    if end > start:
        dims.insert(ctx.book, sheet, dimension, start, end - start)
    return None


def delete_dimension(ctx: BatchContext, req: JSON) -> None:
    sheet, dimension, start, end = _dim_range(ctx, req.get("range", {}))
    limit = sheet.row_count if dimension == "ROWS" else sheet.col_count
    end = min(end, limit)
    if start >= end:
        raise bad_request("Invalid requests[{i}].deleteDimension: Range is empty")
    if end - start >= limit:
        what = "rows" if dimension == "ROWS" else "columns"
        raise bad_request(
            f"Invalid requests[{{i}}].deleteDimension: You can't delete all the {what} on the sheet."
        )
    if dimension == "ROWS":
        limits.check_protected(ctx.book, sheet, ctx.user, start, end)
    else:
        limits.check_protected(ctx.book, sheet, ctx.user, 0, 10**9, start, end)
    dims.delete(ctx.book, sheet, dimension, start, end)
    return None


def move_dimension(ctx: BatchContext, req: JSON) -> None:
    """Rows or columns moved as a person drags them: data, sizes and everything anchored move along.

    ``destinationIndex`` counts positions before the source is taken out, as Google's does.
    """
    sheet, dimension, start, end = _dim_range(ctx, req.get("source", {}))
    limit = sheet.row_count if dimension == "ROWS" else sheet.col_count
    dest = int(req.get("destinationIndex", 0))
    if end > limit or end <= start:
        raise bad_request("Invalid requests[{i}].moveDimension: source is outside the grid")
    if not 0 <= dest <= limit:
        raise bad_request(
            f"Invalid requests[{{i}}].moveDimension: destinationIndex ({dest}) must be between 0 and {limit}"
        )
    if start < dest < end:
        raise bad_request("Invalid requests[{i}].moveDimension: destinationIndex is inside the source range")
    if dimension == "ROWS":
        limits.check_protected(ctx.book, sheet, ctx.user, min(start, dest), max(end, dest))
    else:
        limits.check_protected(ctx.book, sheet, ctx.user, 0, 10**9, min(start, dest), max(end, dest))
    dims.move(ctx.book, sheet, dimension, start, end, dest)
    return None


def append_dimension(ctx: BatchContext, req: JSON) -> None:
    sheet = _sheet(ctx, req.get("sheetId"))
    length = int(req.get("length", 0))
    if length < 1:
        raise bad_request("Invalid requests[{i}].appendDimension: length must be positive")
    if req.get("dimension") == "COLUMNS":
        sheet.col_count += length
    else:
        sheet.row_count += length
    return None


def update_dimension_properties(ctx: BatchContext, req: JSON) -> None:
    rng = req.get("range") or req.get("dataSourceSheetRange") or {}
    sheet, dimension, start, end = _dim_range(ctx, rng)
    props = req.get("properties", {})
    fields = req.get("fields")
    if not fields:
        raise bad_request("Invalid requests[{i}].updateDimensionProperties: fields is required")
    limit = sheet.row_count if dimension == "ROWS" else sheet.col_count
    if end > limit:
        raise bad_request(
            f"Invalid requests[{{i}}].updateDimensionProperties: Range exceeds grid limits. "
            f"Max {'rows' if dimension == 'ROWS' else 'columns'}: {limit}"
        )
    store = sheet.dim_props[dimension]
    for i in range(start, end):
        current = store.setdefault(i, {})
        _apply_fields(current, props, fields)
        if not current:
            del store[i]
    return None


def auto_resize_dimensions(ctx: BatchContext, req: JSON) -> None:
    dims_ = req.get("dimensions", {})
    _dim_range(ctx, dims_)
    return None


# ---------------------------------------------------------------- cells


def _grid_bounds(ctx: BatchContext, gr: JSON) -> tuple[Sheet, int, int, int, int]:
    sheet = _sheet(ctx, gr.get("sheetId"))
    sr = int(gr.get("startRowIndex", 0))
    er = int(gr.get("endRowIndex", sheet.row_count))
    sc = int(gr.get("startColumnIndex", 0))
    ec = int(gr.get("endColumnIndex", sheet.col_count))
    if er > sheet.row_count or ec > sheet.col_count or sr < 0 or sc < 0:
        raise bad_request(
            f"Invalid requests[{{i}}]: Range exceeds grid limits. Max rows: {sheet.row_count}, "
            f"max columns: {sheet.col_count}"
        )
    return sheet, sr, er, sc, ec


def _cell_data(old: Cell | None, data: JSON, fields: str) -> Cell | None:
    """Merge one CellData into a cell under a field mask (userEnteredValue, note, formats, validation)."""
    base = old or Cell()
    every = fields.strip() == "*"
    mask = parse_mask(fields)
    paths = set(mask)
    value, formula, fmt = base.value, base.formula, base.fmt
    note = base.note
    user_format = base.user_format
    validation = base.validation
    if every or "userEnteredValue" in paths:
        entered = data.get("userEnteredValue") or {}
        limits.check_text(entered.get("stringValue"))
        limits.check_text(entered.get("formulaValue"))
        nf = None
        uf = data.get("userEnteredFormat", {})
        if isinstance(uf, dict) and "numberFormat" in uf:
            nf = NumberFormat(uf["numberFormat"].get("type", "NUMBER"), uf["numberFormat"].get("pattern", ""))
        new = cell_from_extended(data.get("userEnteredValue") or {}, nf or base.fmt)
        value, formula, fmt = (new.value, new.formula, new.fmt) if new else (None, None, base.fmt)
    if every or "note" in paths:
        note = data.get("note") or None
    if every or "userEnteredFormat" in paths:
        uf = data.get("userEnteredFormat")
        sub = mask.get("userEnteredFormat") if not every else None
        if sub and isinstance(uf, dict):
            merged = dict(base.user_format or {})
            for key in sub:
                if key in uf:
                    merged[key] = copy.deepcopy(uf[key])
                else:
                    merged.pop(key, None)
            user_format = _colors(merged) or None
        else:
            user_format = _colors(copy.deepcopy(uf)) if uf else None
        if isinstance(uf, dict) and "numberFormat" in uf:
            fmt = NumberFormat(
                uf["numberFormat"].get("type", "NUMBER"), uf["numberFormat"].get("pattern", "")
            )
    if every or "dataValidation" in paths:
        validation = copy.deepcopy(data.get("dataValidation"))
    cell = Cell(value, formula, fmt, note, user_format, validation)
    if cell.is_blank and cell.note is None and cell.user_format is None and cell.validation is None:
        return None
    return cell


def update_cells(ctx: BatchContext, req: JSON) -> None:
    fields = req.get("fields")
    if not fields:
        raise bad_request("Invalid requests[{i}].updateCells: fields is required")
    rows = req.get("rows", [])
    if "start" in req:
        start = req["start"]
        sheet = _sheet(ctx, start.get("sheetId"))
        r0, c0 = int(start.get("rowIndex", 0)), int(start.get("columnIndex", 0))
        er = r0 + len(rows)
        ec = c0 + max((len(r.get("values", [])) for r in rows), default=0)
        if er > sheet.row_count or ec > sheet.col_count:
            raise bad_request(
                "Invalid requests[{i}].updateCells: Range exceeds grid limits. "
                f"Max rows: {sheet.row_count}, max columns: {sheet.col_count}"
            )
    else:
        sheet, r0, er, c0, ec = _grid_bounds(ctx, req.get("range", {}))
        limits.check_protected(ctx.book, sheet, ctx.user, r0, er, c0, ec)
        for r in range(r0, er):
            for c in range(c0, ec):
                sheet.put(r, c, _cell_data(sheet.get(r, c), {}, fields))
    limits.check_cells_protected(
        ctx.book,
        sheet,
        ctx.user,
        ((r0 + i, c0 + j) for i, row in enumerate(rows) for j, _ in enumerate(row.get("values", []))),
    )
    for i, row in enumerate(rows):
        for j, data in enumerate(row.get("values", [])):
            if data is None:
                continue
            sheet.put(r0 + i, c0 + j, _cell_data(sheet.get(r0 + i, c0 + j), data, fields))
    return None


def append_cells(ctx: BatchContext, req: JSON) -> None:
    sheet = _sheet(ctx, req.get("sheetId"))
    fields = req.get("fields")
    if not fields:
        raise bad_request("Invalid requests[{i}].appendCells: fields is required")
    rows = req.get("rows", [])
    start = sheet.last_row()
    needed = start + len(rows)
    if needed > sheet.row_count:
        sheet.row_count = needed
    width = max((len(r.get("values", [])) for r in rows), default=0)
    sheet.col_count = max(sheet.col_count, width)
    limits.check_protected(ctx.book, sheet, ctx.user, start, start + len(rows), 0, width)
    for i, row in enumerate(rows):
        for j, data in enumerate(row.get("values", [])):
            sheet.put(start + i, j, _cell_data(sheet.get(start + i, j), data, fields))
    return None


def repeat_cell(ctx: BatchContext, req: JSON) -> None:
    fields = req.get("fields")
    if not fields:
        raise bad_request("Invalid requests[{i}].repeatCell: fields is required")
    sheet, sr, er, sc, ec = _grid_bounds(ctx, req.get("range", {}))
    limits.check_protected(ctx.book, sheet, ctx.user, sr, er, sc, ec)
    data = req.get("cell", {})
    for r in range(sr, er):
        for c in range(sc, ec):
            sheet.put(r, c, _cell_data(sheet.get(r, c), data, fields))
    return None


def set_data_validation(ctx: BatchContext, req: JSON) -> None:
    sheet, sr, er, sc, ec = _grid_bounds(ctx, req.get("range", {}))
    rule = req.get("rule")
    if rule is not None:
        cond = rule.get("condition", {})
        if cond.get("type") not in (
            "ONE_OF_LIST",
            "ONE_OF_RANGE",
            "NUMBER_BETWEEN",
            "NUMBER_GREATER",
            "NUMBER_GREATER_THAN_EQ",
            "NUMBER_LESS",
            "NUMBER_LESS_THAN_EQ",
            "NUMBER_EQ",
            "NUMBER_NOT_EQ",
            "NUMBER_NOT_BETWEEN",
            "TEXT_CONTAINS",
            "TEXT_NOT_CONTAINS",
            "TEXT_EQ",
            "TEXT_IS_EMAIL",
            "TEXT_IS_URL",
            "DATE_IS_VALID",
            "DATE_BEFORE",
            "DATE_AFTER",
            "DATE_EQ",
            "DATE_BETWEEN",
            "BOOLEAN",
            "CUSTOM_FORMULA",
            "BLANK",
            "NOT_BLANK",
            "TEXT_STARTS_WITH",
            "TEXT_ENDS_WITH",
            "DATE_ON_OR_BEFORE",
            "DATE_ON_OR_AFTER",
            "DATE_NOT_BETWEEN",
            "DATE_NOT_EQ",
            "TEXT_NOT_EQ",
            "TEXT_LENGTH",
        ):
            raise bad_request(
                f"Invalid requests[{{i}}].setDataValidation: Invalid condition type: {cond.get('type')}"
            )
        if cond["type"] in ("ONE_OF_LIST", "ONE_OF_RANGE") and not cond.get("values"):
            raise bad_request(
                f"Invalid requests[{{i}}].setDataValidation: Invalid ConditionValue for {cond['type']}: "
                "at least one value is required"
            )
    for r in range(sr, er):
        for c in range(sc, ec):
            old = sheet.get(r, c) or Cell()
            new = Cell(old.value, old.formula, old.fmt, old.note, old.user_format, copy.deepcopy(rule))
            sheet.put(
                r, c, None if new.is_blank and not new.note and not new.user_format and not rule else new
            )
    return None


def _sort_key(cell: Cell | None, ascending: bool) -> tuple[int, Any]:
    """Numbers before text before booleans, blanks always last, as in Sheets' sort."""
    if cell is None or cell.is_blank:
        return (3 if ascending else -1, 0)
    v = cell.value if cell.formula is None else cell.formula
    if isinstance(v, bool):
        return (2, int(v))
    if isinstance(v, int | float):
        return (0, v)
    return (1, str(v).lower())


def _present(cell: Cell | None) -> bool:
    return cell is not None and not cell.is_blank


def _row_key(col: int, row: list[Cell | None]) -> tuple[int, Any]:
    return _sort_key(row[col], True)


def sort_range(ctx: BatchContext, req: JSON) -> None:
    sheet, sr, er, sc, ec = _grid_bounds(ctx, req.get("range", {}))
    limits.check_protected(ctx.book, sheet, ctx.user, sr, er, sc, ec)
    specs = req.get("sortSpecs", [])
    block = [[sheet.get(r, c) for c in range(sc, ec)] for r in range(sr, er)]
    order = list(range(sr, er))  # the sheet row each row of ``block`` came from
    for spec in reversed(specs):
        col = int(spec.get("dimensionIndex", 0)) - sc
        asc = spec.get("sortOrder", "ASCENDING") != "DESCENDING"
        if not 0 <= col < ec - sc:
            raise bad_request("Invalid requests[{i}].sortRange: dimensionIndex is outside the range")
        pairs = list(zip(order, block, strict=True))
        filled = [p for p in pairs if _present(p[1][col])]
        blanks = [p for p in pairs if not _present(p[1][col])]
        filled.sort(key=lambda p: _row_key(col, p[1]), reverse=not asc)
        order = [r for r, _ in filled + blanks]
        block = [row for _, row in filled + blanks]
    for i, row in enumerate(block):
        for j, cell in enumerate(row):
            sheet.put(sr + i, sc + j, cell)
    if ctx.strict.sort_moves_metadata:
        _move_row_metadata(ctx.book, sheet.sheet_id, {old: sr + i for i, old in enumerate(order)})
    return None


def _move_row_metadata(book: Spreadsheet, sheet_id: int, moved: dict[int, int]) -> None:
    """Developer metadata anchored to one sorted row follows that row to its new place.

    Only with ``Strict.sort_moves_metadata``: Google documents that metadata moves when rows are
    inserted or deleted, and says nothing of sorts; by default the emulator leaves the metadata
    where it was (the case worse for a client that trusts it).
    """
    mds = book.developer_metadata
    for n, md in enumerate(mds):
        dr = md["location"].get("dimensionRange")
        if not dr or dr.get("sheetId", 0) != sheet_id or dr.get("dimension") != "ROWS":
            continue
        start = int(dr["startIndex"])
        if int(dr["endIndex"]) == start + 1 and start in moved:
            mds.move_entry(n, moved[start], moved[start] + 1)


# ---------------------------------------------------------------- ranges


def add_protected_range(ctx: BatchContext, req: JSON) -> JSON:
    pr = copy.deepcopy(req.get("protectedRange", {}))
    rng = pr.get("range", {})
    sheet = _sheet(ctx, rng.get("sheetId"))
    pid = pr.get("protectedRangeId") or ctx.store.new_int_id()
    out: JSON = {"protectedRangeId": pid}
    clean_range = {k: v for k, v in rng.items() if not (k == "sheetId" and v == 0)}
    out["range"] = clean_range
    if pr.get("description"):
        out["description"] = pr["description"]
    if pr.get("warningOnly"):
        out["warningOnly"] = True
    if pr.get("unprotectedRanges"):
        if any(k in rng for k in ("startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex")):
            raise bad_request(
                "Invalid requests[{i}].addProtectedRange: "
                "Unprotected ranges are only supported on protected sheets."
            )
        out["unprotectedRanges"] = [
            {k: v for k, v in u.items() if not (k == "sheetId" and v == 0)} for u in pr["unprotectedRanges"]
        ]
    out["requestingUserCanEdit"] = True
    stored = dict(out)
    if pr.get("warningOnly"):
        stored["editors"] = {}
        out.pop("editors", None)
    else:
        users = list((pr.get("editors") or {}).get("users") or [])
        if ctx.user and "@" in ctx.user:  # the person or account protecting the range keeps edit rights
            users.append(ctx.user)
        stored["editors"] = {"users": sorted({ctx.book.owner, *users})}
        out["editors"] = {}
    sheet.protected_ranges.append(stored)
    return {"addProtectedRange": {"protectedRange": out}}


def delete_protected_range(ctx: BatchContext, req: JSON) -> None:
    pid = req.get("protectedRangeId")
    for sheet in ctx.book.sheets:
        for p in sheet.protected_ranges:
            if p["protectedRangeId"] == pid:
                sheet.protected_ranges.remove(p)
                return None
    raise bad_request(f"Invalid requests[{{i}}].deleteProtectedRange: No protected range with id: {pid}")


def add_named_range(ctx: BatchContext, req: JSON) -> JSON:
    nr = copy.deepcopy(req.get("namedRange", {}))
    if ctx.book.named_range(nr.get("name", "")) is not None:
        raise bad_request(
            f"Invalid requests[{{i}}].addNamedRange: Named range with name {nr['name']} already exists"
        )
    nr.setdefault("namedRangeId", str(ctx.store.new_int_id()))
    if nr.get("range", {}).get("sheetId") == 0:
        nr["range"].pop("sheetId")
    ctx.book.named_ranges.append(nr)
    return {"addNamedRange": {"namedRange": nr}}


def update_named_range(ctx: BatchContext, req: JSON) -> None:
    new = req.get("namedRange", {})
    for nr in ctx.book.named_ranges:
        if nr["namedRangeId"] == new.get("namedRangeId"):
            _apply_fields(nr, new, req.get("fields", "*"))
            if nr.get("range", {}).get("sheetId") == 0:
                nr["range"].pop("sheetId")
            return None
    raise bad_request(
        f"Invalid requests[{{i}}].updateNamedRange: No named range with id {new.get('namedRangeId')}"
    )


def delete_named_range(ctx: BatchContext, req: JSON) -> None:
    before = len(ctx.book.named_ranges)
    ctx.book.named_ranges = [
        nr for nr in ctx.book.named_ranges if nr["namedRangeId"] != req.get("namedRangeId")
    ]
    if len(ctx.book.named_ranges) == before:
        raise bad_request("Invalid requests[{i}].deleteNamedRange: No named range with that id")
    return None


def merge_cells(ctx: BatchContext, req: JSON) -> None:
    gr = copy.deepcopy(req.get("range", {}))
    sheet, sr, er, sc, ec = _grid_bounds(ctx, gr)
    merge_type = req.get("mergeType", "MERGE_ALL")
    sheet.merges = [
        m
        for m in sheet.merges
        if m["endRowIndex"] <= sr
        or m["startRowIndex"] >= er
        or m["endColumnIndex"] <= sc
        or m["startColumnIndex"] >= ec
    ]
    pieces: list[JSON] = []
    if merge_type == "MERGE_ROWS":
        pieces = [dict(gr, startRowIndex=r, endRowIndex=r + 1) for r in range(sr, er)]
    elif merge_type == "MERGE_COLUMNS":
        pieces = [dict(gr, startColumnIndex=c, endColumnIndex=c + 1) for c in range(sc, ec)]
    else:
        pieces = [gr]
    for p in pieces:
        p["sheetId"] = sheet.sheet_id
        p["startRowIndex"], p["endRowIndex"], p["startColumnIndex"], p["endColumnIndex"] = (
            p.get("startRowIndex", sr),
            p.get("endRowIndex", er),
            p.get("startColumnIndex", sc),
            p.get("endColumnIndex", ec),
        )
        sheet.merges.append(_no_zero_sheet(p))
        # merging keeps only the top-left value
        for r in range(p["startRowIndex"], p["endRowIndex"]):
            for c in range(p["startColumnIndex"], p["endColumnIndex"]):
                if (r, c) != (p["startRowIndex"], p["startColumnIndex"]):
                    sheet.write_value(r, c, None)
    return None


def unmerge_cells(ctx: BatchContext, req: JSON) -> None:
    sheet, sr, er, sc, ec = _grid_bounds(ctx, req.get("range", {}))
    sheet.merges = [
        m
        for m in sheet.merges
        if not (
            m["startRowIndex"] >= sr
            and m["endRowIndex"] <= er
            and m["startColumnIndex"] >= sc
            and m["endColumnIndex"] <= ec
        )
    ]
    return None


def set_basic_filter(ctx: BatchContext, req: JSON) -> None:
    flt = copy.deepcopy(req.get("filter", {}))
    sheet, sr, er, sc, ec = _grid_bounds(ctx, flt.get("range", {}))
    flt["range"] = _no_zero_sheet(
        {
            "sheetId": sheet.sheet_id,
            "startRowIndex": sr,
            "endRowIndex": er,
            "startColumnIndex": sc,
            "endColumnIndex": ec,
        }
    )
    sheet.basic_filter = flt
    return None


def clear_basic_filter(ctx: BatchContext, req: JSON) -> None:
    _sheet(ctx, req.get("sheetId")).basic_filter = None
    return None


def _groups_reply(sheet: Sheet, dimension: str) -> list[JSON]:
    return [g for g in sheet.row_groups if g["range"]["dimension"] == dimension]


def add_dimension_group(ctx: BatchContext, req: JSON) -> JSON:
    sheet, dimension, start, end = _dim_range(ctx, req.get("range", {}))
    depth = 1 + sum(
        1
        for g in sheet.row_groups
        if g["range"]["dimension"] == dimension
        and g["range"]["startIndex"] <= start
        and g["range"]["endIndex"] >= end
    )
    rng = _no_zero_sheet(
        {"sheetId": sheet.sheet_id, "dimension": dimension, "startIndex": start, "endIndex": end}
    )
    sheet.row_groups.append({"range": rng, "depth": depth})
    key = "rowGroupControlAfter" if dimension == "ROWS" else "columnGroupControlAfter"
    sheet.extra_grid[key] = True
    return {"addDimensionGroup": {"dimensionGroups": _groups_reply(sheet, dimension)}}


def delete_dimension_group(ctx: BatchContext, req: JSON) -> JSON:
    sheet, dimension, start, end = _dim_range(ctx, req.get("range", {}))
    for g in sheet.row_groups:
        r = g["range"]
        if r["dimension"] == dimension and r["startIndex"] == start and r["endIndex"] == end:
            sheet.row_groups.remove(g)
            break
    else:
        raise bad_request("Invalid requests[{i}].deleteDimensionGroup: No grouping to remove in that range.")
    groups = _groups_reply(sheet, dimension)
    return {"deleteDimensionGroup": {"dimensionGroups": groups} if groups else {}}


def _paste(ctx: BatchContext, req: JSON, cut: bool) -> None:
    src_sheet, sr, er, sc, ec = _grid_bounds(ctx, req.get("source", {}))
    block = [[src_sheet.get(r, c) for c in range(sc, ec)] for r in range(sr, er)]
    dest = req.get("destination", {})
    if cut:
        dst_sheet = _sheet(ctx, dest.get("sheetId"))
        dr0, dc0 = int(dest.get("rowIndex", 0)), int(dest.get("columnIndex", 0))
        for r in range(sr, er):
            for c in range(sc, ec):
                src_sheet.put(r, c, None)
    else:
        dst_sheet, dr0, _, dc0, _ = _grid_bounds(ctx, dest)
    only_values = req.get("pasteType") == "PASTE_VALUES"
    for i, row in enumerate(block):
        for j, cell in enumerate(row):
            if only_values:
                dst_sheet.write_value(
                    dr0 + i, dc0 + j, Cell(cell.value, cell.formula, cell.fmt) if cell else None
                )
            else:
                dst_sheet.put(dr0 + i, dc0 + j, cell)


def copy_paste(ctx: BatchContext, req: JSON) -> None:
    _paste(ctx, req, cut=False)


def cut_paste(ctx: BatchContext, req: JSON) -> None:
    _paste(ctx, req, cut=True)


def _noop(ctx: BatchContext, req: JSON) -> None:
    return None


# ---------------------------------------------------------------- developer metadata


def _location_json(loc: JSON) -> JSON:
    if "dimensionRange" in loc:
        dr = loc["dimensionRange"]
        kind = "ROW" if dr.get("dimension") == "ROWS" else "COLUMN"
        return {"locationType": kind, "dimensionRange": dr}
    if "sheetId" in loc:
        return {"locationType": "SHEET", "sheetId": loc["sheetId"]}
    return {"locationType": "SPREADSHEET", "spreadsheet": True}


def create_developer_metadata(ctx: BatchContext, req: JSON) -> JSON:
    md = copy.deepcopy(req.get("developerMetadata", {}))
    if "metadataKey" not in md:
        raise bad_request("Invalid requests[{i}].createDeveloperMetadata: metadataKey is required")
    if md.get("visibility") not in ("DOCUMENT", "PROJECT"):
        raise bad_request(
            "Invalid requests[{i}].createDeveloperMetadata: visibility must be DOCUMENT or PROJECT"
        )
    loc = md.get("location", {})
    if "dimensionRange" in loc:
        dr = loc["dimensionRange"]
        sheet, dimension, start, end = _dim_range(ctx, dr)
        limit = sheet.row_count if dimension == "ROWS" else sheet.col_count
        if end > limit or end <= start:
            raise bad_request(
                "Invalid requests[{i}].createDeveloperMetadata: dimensionRange is outside the grid"
            )
        if end - start != 1:
            raise bad_request(
                "Invalid requests[{i}].createDeveloperMetadata: The location of developer metadata must be "
                "a single row or column, not a range of several."
            )
        dr["sheetId"] = sheet.sheet_id
        dr["startIndex"] = start
        dr["endIndex"] = end
    elif "sheetId" in loc:
        _sheet(ctx, loc["sheetId"])
    elif not loc.get("spreadsheet"):
        raise bad_request("Invalid requests[{i}].createDeveloperMetadata: location is required")
    md["location"] = _location_json(loc)
    mid = md.get("metadataId") or ctx.store.new_int_id()
    if int(mid) in ctx.metadata_ids():
        raise bad_request(f"Invalid requests[{{i}}].createDeveloperMetadata: metadataId {mid} already exists")
    md["metadataId"] = mid
    ctx.book.developer_metadata.append(md)
    ctx.metadata_ids().add(int(mid))
    return {"createDeveloperMetadata": {"developerMetadata": copy.deepcopy(md)}}


def _matches_location(md_loc: JSON, want: JSON, strategy: str) -> bool:
    if "spreadsheet" in want:
        return md_loc.get("locationType") == "SPREADSHEET" if strategy == "EXACT_LOCATION" else True
    if "sheetId" in want:
        sid = want["sheetId"]
        if md_loc.get("locationType") == "SHEET":
            return bool(md_loc.get("sheetId") == sid)
        return strategy != "EXACT_LOCATION" and md_loc.get("dimensionRange", {}).get("sheetId") == sid
    if "dimensionRange" in want:
        w = want["dimensionRange"]
        d = md_loc.get("dimensionRange")
        if not d or d.get("sheetId", 0) != w.get("sheetId", 0) or d.get("dimension") != w.get("dimension"):
            return False
        if strategy == "EXACT_LOCATION":
            return bool(d.get("startIndex") == w.get("startIndex") and d.get("endIndex") == w.get("endIndex"))
        return bool(d["startIndex"] < w.get("endIndex", 10**9) and d["endIndex"] > w.get("startIndex", 0))
    return True


def metadata_matches(md: JSON, flt: JSON) -> bool:
    """True when developer metadata satisfies one DataFilter's developerMetadataLookup."""
    lookup = flt.get("developerMetadataLookup")
    if lookup is None:
        return False
    if "metadataId" in lookup and md["metadataId"] != lookup["metadataId"]:
        return False
    if "metadataKey" in lookup and md.get("metadataKey") != lookup["metadataKey"]:
        return False
    if "metadataValue" in lookup and md.get("metadataValue") != lookup["metadataValue"]:
        return False
    if "visibility" in lookup and md.get("visibility") != lookup["visibility"]:
        return False
    if "locationType" in lookup and md["location"].get("locationType") != lookup["locationType"]:
        return False
    if "metadataLocation" in lookup:
        # Google: "If left unspecified, this field assumes a default value of INTERSECTING_LOCATION"
        strategy = lookup.get("locationMatchingStrategy", "INTERSECTING_LOCATION")
        if not _matches_location(md["location"], lookup["metadataLocation"], strategy):
            return False
    return True


def candidates(mds: MetadataList, flt: JSON) -> list[JSON]:
    """The metadata a DataFilter matches, in the order they were created: by id first when it
    names one (the common case, and cheap however many tags a sheet holds), then the full match."""
    lookup = flt.get("developerMetadataLookup") or {}
    some = mds.with_id(lookup["metadataId"]) if "metadataId" in lookup else mds
    return [md for md in some if metadata_matches(md, flt)]


def delete_developer_metadata(ctx: BatchContext, req: JSON) -> JSON:
    flt = req.get("dataFilter", {})
    gone = candidates(ctx.book.developer_metadata, flt)
    if not gone and ctx.strict.no_match_delete == "error":
        raise bad_request(
            "Invalid requests[{i}].deleteDeveloperMetadata: No developer metadata matches the data filter."
        )
    if gone:
        ctx.book.developer_metadata = ctx.book.developer_metadata.without(gone)
    ids = ctx.metadata_ids()
    for md in gone:
        ids.discard(int(md["metadataId"]))
    out: JSON = {}
    if gone:
        out["deletedDeveloperMetadata"] = gone
    return {"deleteDeveloperMetadata": out}


def update_developer_metadata(ctx: BatchContext, req: JSON) -> JSON:
    fields = req.get("fields", "*")
    new = req.get("developerMetadata", {})
    changed = []
    mds = ctx.book.developer_metadata
    found = {id(md): md for f in req.get("dataFilters", []) for md in candidates(mds, f)}
    if len(found) < 8:  # the common case: an entry or two, found by id (list.index stops at it)
        at = sorted(mds.index(md) for md in found.values())
    else:
        at = [n for n, md in enumerate(mds) if id(md) in found]
    for n in at:
        md = own_metadata(mds[n])  # entries are shared with the file before this batch
        loc = md["location"]
        _apply_fields(md, new, fields)
        if "location" not in fields:
            md["location"] = loc
        else:
            md["location"] = _location_json(md["location"])
        mds[n] = md  # replaced once complete: the list counts its characters as it takes it
        changed.append(copy.deepcopy(md))
    if not changed and ctx.strict.no_match_delete == "error":
        raise bad_request(
            "Invalid requests[{i}].updateDeveloperMetadata: No developer metadata matches the data filters."
        )
    return {"updateDeveloperMetadata": {"developerMetadata": changed}}


HANDLERS: dict[str, Handler] = {
    "addSheet": add_sheet,
    "deleteSheet": delete_sheet,
    "duplicateSheet": duplicate_sheet,
    "updateSheetProperties": update_sheet_properties,
    "updateSpreadsheetProperties": update_spreadsheet_properties,
    "insertDimension": insert_dimension,
    "moveDimension": move_dimension,
    "deleteDimension": delete_dimension,
    "appendDimension": append_dimension,
    "updateDimensionProperties": update_dimension_properties,
    "autoResizeDimensions": auto_resize_dimensions,
    "updateCells": update_cells,
    "appendCells": append_cells,
    "repeatCell": repeat_cell,
    "setDataValidation": set_data_validation,
    "sortRange": sort_range,
    "addProtectedRange": add_protected_range,
    "deleteProtectedRange": delete_protected_range,
    "addNamedRange": add_named_range,
    "updateNamedRange": update_named_range,
    "deleteNamedRange": delete_named_range,
    "mergeCells": merge_cells,
    "unmergeCells": unmerge_cells,
    "setBasicFilter": set_basic_filter,
    "clearBasicFilter": clear_basic_filter,
    "createDeveloperMetadata": create_developer_metadata,
    "deleteDeveloperMetadata": delete_developer_metadata,
    "updateDeveloperMetadata": update_developer_metadata,
    "updateBorders": _noop,
    "addDimensionGroup": add_dimension_group,
    "deleteDimensionGroup": delete_dimension_group,
    "copyPaste": copy_paste,
    "cutPaste": cut_paste,
}


#: Request kinds that may change any sheet: the whole spreadsheet is copied before them.
_WHOLE = frozenset(
    {
        "addSheet",
        "deleteSheet",
        "duplicateSheet",
        "updateSpreadsheetProperties",
        "findReplace",
        "copyPaste",
        "cutPaste",
    }
)


def _sheet_ids(value: Any, out: set[int]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            if k in ("sheetId", "sourceSheetId") and isinstance(v, int):
                out.add(v)
            else:
                _sheet_ids(v, out)
    elif isinstance(value, list):
        for v in value:
            _sheet_ids(v, out)


def _touched(requests: Any) -> set[int] | None:
    """Ids of the sheets a batch may change (copied before it runs; the others are shared), or None
    for every sheet. A range naming no sheet means sheet 0, which is therefore always copied."""
    if not isinstance(requests, list):
        return None
    out = {0}
    for req in requests:
        if not isinstance(req, dict) or set(req) & _WHOLE:
            return None
        _sheet_ids(req, out)
    return out


_GROWS = frozenset({"addSheet", "duplicateSheet", "insertDimension", "appendDimension", "appendCells"})
_METADATA = frozenset({"createDeveloperMetadata", "updateDeveloperMetadata"})


def apply(
    store: Store,
    book: Spreadsheet,
    body: JSON,
    *,
    strict: limits.Strict | None = None,
    user: str | None = None,
) -> tuple[Spreadsheet, JSON]:
    """Apply every request to a copy; the caller swaps the copy in only if nothing raised.

    ``user``: who sends the batch (protected ranges); ``strict``: limits and undocumented cases.
    Documented limits (developer-metadata characters, cells in the spreadsheet) are checked once
    every request has run, and the error names the last request that could have crossed them.
    """
    requests = body.get("requests")
    if not isinstance(requests, list) or not requests:
        raise bad_request("Must specify at least one request.")
    work = book.clone(_touched(requests))
    ctx = BatchContext(store, work, strict, user)
    work.editor = user
    try:
        replies = _run(ctx, requests)
    finally:
        work.editor = None
    kinds = [next(iter(r)) if isinstance(r, dict) and r else "" for r in requests]
    for watched, check in ((_METADATA, limits.check_metadata), (_GROWS, limits.check_cells)):
        last = max((i for i, k in enumerate(kinds) if k in watched), default=-1)
        if last < 0:
            continue
        try:
            check(work, ctx.strict)
        except ApiError as exc:
            exc.message = exc.message.replace("{i}", str(last))
            exc.args = (exc.message,)
            raise
    return work, {"spreadsheetId": book.spreadsheet_id, "replies": replies}


def _run(ctx: BatchContext, requests: list[Any]) -> list[JSON]:
    replies: list[JSON] = []
    for i, req in enumerate(requests):
        if not isinstance(req, dict) or len(req) != 1:
            raise bad_request(f"Invalid requests[{i}]: exactly one request kind must be set")
        kind, payload = next(iter(req.items()))
        handler = HANDLERS.get(kind)
        if handler is None:
            raise ApiError(
                400,
                f"Invalid JSON payload received. Unknown name \"{kind}\" at 'requests[{i}]': "
                "Cannot find field.",
                field=f"requests[{i}]",
            )
        try:
            reply = handler(ctx, payload or {})
        except ApiError as exc:
            exc.message = exc.message.replace("{i}", str(i))
            if exc.code == 400 and not exc.message.startswith("Invalid "):
                exc.message = f"Invalid requests[{i}].{kind}: {exc.message}"
            exc.args = (exc.message,)
            raise
        except (KeyError, TypeError, ValueError) as exc:
            raise bad_request(f"Invalid requests[{i}].{kind}: {exc}") from exc
        replies.append(reply or {})
    return replies

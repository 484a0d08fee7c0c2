"""JSON shapes of spreadsheets.get and Drive files, plus Google's field-mask selection."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .a1 import A1Error
from .store import JSON, Sheet, Spreadsheet, bad_request
from .values import Cell, effective_json, render

DEFAULT_FORMAT: JSON = {
    "backgroundColor": {"red": 1, "green": 1, "blue": 1},
    "padding": {"top": 2, "right": 3, "bottom": 2, "left": 3},
    "verticalAlignment": "BOTTOM",
    "wrapStrategy": "OVERFLOW_CELL",
    "textFormat": {
        "foregroundColor": {},
        "fontFamily": "arial,sans,sans-serif",
        "fontSize": 10,
        "bold": False,
        "italic": False,
        "strikethrough": False,
        "underline": False,
        "foregroundColorStyle": {"rgbColor": {}},
    },
    "backgroundColorStyle": {"rgbColor": {"red": 1, "green": 1, "blue": 1}},
}

THEME: JSON = {
    "primaryFontFamily": "Arial",
    "themeColors": [
        {"colorType": "TEXT", "color": {"rgbColor": {}}},
        {"colorType": "BACKGROUND", "color": {"rgbColor": {"red": 1, "green": 1, "blue": 1}}},
        {
            "colorType": "ACCENT1",
            "color": {"rgbColor": {"red": 0.25882354, "green": 0.52156866, "blue": 0.95686275}},
        },
        {
            "colorType": "ACCENT2",
            "color": {"rgbColor": {"red": 0.91764706, "green": 0.2627451, "blue": 0.20784314}},
        },
        {
            "colorType": "ACCENT3",
            "color": {"rgbColor": {"red": 0.9843137, "green": 0.7372549, "blue": 0.015686275}},
        },
        {
            "colorType": "ACCENT4",
            "color": {"rgbColor": {"red": 0.20392157, "green": 0.65882355, "blue": 0.3254902}},
        },
        {"colorType": "ACCENT5", "color": {"rgbColor": {"red": 1, "green": 0.42745098, "blue": 0.003921569}}},
        {
            "colorType": "ACCENT6",
            "color": {"rgbColor": {"red": 0.27450982, "green": 0.7411765, "blue": 0.7764706}},
        },
        {"colorType": "LINK", "color": {"rgbColor": {"red": 0.06666667, "green": 0.33333334, "blue": 0.8}}},
    ],
}

SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"


def quote_for_range(title: str) -> str:
    """A sheet title usable as a range on its own, whatever characters it holds."""
    return "'" + title.replace("'", "''") + "'"


def rfc3339(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


# ---------------------------------------------------------------- field masks


def parse_mask(text: str) -> dict[str, Any]:
    """Turn "a.b,c(d,e/f)" into a nested dict tree; an empty dict means "the whole value"."""
    tree: dict[str, Any] = {}
    pos = 0

    def parse_list(node: dict[str, Any]) -> None:
        nonlocal pos
        while pos < len(text):
            start = pos
            while pos < len(text) and text[pos] not in ",()":
                pos += 1
            path = text[start:pos].strip().replace("/", ".")
            cur = node
            keys = [k for k in path.split(".") if k]
            for k in keys:
                cur = cur.setdefault(k, {})
            if pos < len(text) and text[pos] == "(":
                pos += 1
                parse_list(cur)
                if pos < len(text) and text[pos] == ")":
                    pos += 1
            if pos < len(text) and text[pos] == ",":
                pos += 1
                continue
            if pos < len(text) and text[pos] == ")":
                return

    parse_list(tree)
    return tree


def apply_mask(value: Any, mask: dict[str, Any]) -> Any:
    """Keep only the masked paths; containers on the path stay even when they end up empty."""
    if not mask or value is None:
        return value
    if isinstance(value, list):
        return [apply_mask(v, mask) for v in value]
    if not isinstance(value, dict):
        return value
    if "*" in mask:
        return value
    out: JSON = {}
    for key, sub in mask.items():
        if key in value:
            out[key] = apply_mask(value[key], sub)
    return out


# ---------------------------------------------------------------- spreadsheets.get


def _cell_data(book: Spreadsheet, cell: Cell | None) -> JSON:
    if cell is None:
        return {}
    out: JSON = {}
    if not cell.is_blank:
        out["userEnteredValue"] = effective_json(cell)
        shown = render(cell, "FORMATTED_VALUE", "FORMATTED_STRING", book.locale)
        raw = render(cell, "UNFORMATTED_VALUE", "SERIAL_NUMBER", book.locale)
        if cell.formula is None:
            out["effectiveValue"] = effective_json(cell)
        elif isinstance(raw, bool):
            out["effectiveValue"] = {"boolValue": raw}
        elif isinstance(raw, int | float):
            out["effectiveValue"] = {"numberValue": raw}
        out["formattedValue"] = shown
    fmt: JSON = dict(cell.user_format or {})
    if cell.fmt is not None and "numberFormat" not in fmt:
        fmt["numberFormat"] = cell.fmt.to_json()
    if fmt:
        out["userEnteredFormat"] = fmt
    if cell.note is not None:
        out["note"] = cell.note
    if cell.validation is not None:
        out["dataValidation"] = cell.validation
    return out


def _dim_meta(sheet: Sheet, dimension: str, index: int, default_size: int) -> JSON:
    props = sheet.dim_props[dimension].get(index, {})
    out: JSON = {"pixelSize": props.get("pixelSize", default_size)}
    if props.get("hiddenByUser"):
        out["hiddenByUser"] = True
    if props.get("developerMetadata"):
        out["developerMetadata"] = props["developerMetadata"]
    return out


def grid_data(book: Spreadsheet, sheet: Sheet, sr: int, er: int, sc: int, ec: int) -> JSON:
    """GridData for a rectangle, trimmed of trailing empty cells and rows as Google does."""
    rows: list[JSON] = []
    for r in range(sr, min(er, len(sheet.rows))):
        cells = [_cell_data(book, sheet.get(r, c)) for c in range(sc, ec)]
        while cells and not cells[-1]:
            cells.pop()
        rows.append({"values": cells} if cells else {})
    while rows and not rows[-1]:
        rows.pop()
    data: JSON = {}
    if sr:
        data["startRow"] = sr
    if sc:
        data["startColumn"] = sc
    if rows:
        data["rowData"] = rows
    data["rowMetadata"] = [_dim_meta(sheet, "ROWS", r, 21) for r in range(sr, er)]
    data["columnMetadata"] = [_dim_meta(sheet, "COLUMNS", c, 100) for c in range(sc, ec)]
    return data


def sheet_json(book: Spreadsheet, sheet: Sheet, data: list[JSON] | None) -> JSON:
    out: JSON = {"properties": sheet.properties()}
    if data is not None:
        out["data"] = data
    if sheet.merges:
        out["merges"] = sheet.merges
    if sheet.protected_ranges:
        out["protectedRanges"] = sheet.protected_ranges
    if sheet.basic_filter:
        out["basicFilter"] = sheet.basic_filter
    if sheet.row_groups:
        rows = [g for g in sheet.row_groups if g["range"]["dimension"] == "ROWS"]
        cols = [g for g in sheet.row_groups if g["range"]["dimension"] == "COLUMNS"]
        if rows:
            out["rowGroups"] = rows
        if cols:
            out["columnGroups"] = cols
    md = [
        m
        for m in book.developer_metadata
        if m["location"].get("sheetId", m["location"].get("dimensionRange", {}).get("sheetId", -1))
        == sheet.sheet_id
    ]
    if md:
        out["developerMetadata"] = md
    return out


def spreadsheet_json(book: Spreadsheet, params: dict[str, Any]) -> JSON:
    """spreadsheets.get: properties, sheets (optionally with grid data for `ranges`) and named ranges."""
    include = str(params.get("includeGridData", "false")).lower() == "true"
    ranges: list[str] = list(params.get("ranges") or [])
    fields = params.get("fields")
    wants_data = include or bool(fields and "data" in str(fields))
    per_sheet: dict[int, list[JSON]] = {}
    if wants_data:
        if ranges:
            for text in ranges:
                try:
                    t = book.resolve(text, check_limits=False)
                except A1Error as exc:
                    raise bad_request(f"Unable to parse range: {text}") from exc
                per_sheet.setdefault(t.sheet.sheet_id, []).append(
                    grid_data(book, t.sheet, t.start_row, t.end_row, t.start_col, t.end_col)
                )
        else:
            for s in book.sheets:
                per_sheet[s.sheet_id] = [grid_data(book, s, 0, s.row_count, 0, s.col_count)]
    sheets = [
        sheet_json(book, s, per_sheet.get(s.sheet_id) if wants_data else None)
        for s in book.ordered()
        if not (wants_data and ranges and s.sheet_id not in per_sheet)
    ]
    props: JSON = {
        "title": book.title,
        "locale": book.locale,
        "autoRecalc": "ON_CHANGE",
        "timeZone": book.time_zone,
        **{k: v for k, v in book.extra_props.items() if k not in ("defaultFormat", "spreadsheetTheme")},
        "defaultFormat": DEFAULT_FORMAT,
        "spreadsheetTheme": THEME,
    }
    out: JSON = {"spreadsheetId": book.spreadsheet_id, "properties": props, "sheets": sheets}
    if book.named_ranges:
        out["namedRanges"] = book.named_ranges
    spreadsheet_md = [
        m for m in book.developer_metadata if m["location"].get("locationType") == "SPREADSHEET"
    ]
    if spreadsheet_md:
        out["developerMetadata"] = spreadsheet_md
    out["spreadsheetUrl"] = f"https://docs.google.com/spreadsheets/d/{book.spreadsheet_id}/edit"
    if fields:
        out = apply_mask(out, parse_mask(str(fields)))
    return out


# ---------------------------------------------------------------- Drive


def drive_file(book: Spreadsheet, fields: str | None, default: tuple[str, ...]) -> JSON:
    full: JSON = {
        "kind": "drive#file",
        "id": book.spreadsheet_id,
        "name": book.title,
        "mimeType": SPREADSHEET_MIME,
        "createdTime": rfc3339(book.created),
        "modifiedTime": rfc3339(book.modified),
        "trashed": False,
        "version": str(book.version),  # int64 fields travel as JSON strings
        "owners": [{"emailAddress": book.owner, "kind": "drive#user"}],
        **({"parents": list(book.parents)} if book.parents else {}),
        **({"appProperties": dict(book.app_properties)} if book.app_properties else {}),
        "webViewLink": f"https://docs.google.com/spreadsheets/d/{book.spreadsheet_id}/edit?usp=drivesdk",
    }
    if not fields:
        return {k: full[k] for k in default}
    return apply_mask(full, parse_mask(fields)) if fields.strip() != "*" else full

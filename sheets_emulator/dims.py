"""Row and column insertion/deletion, and everything anchored to rows or columns that must move with them."""

from __future__ import annotations

from typing import Any

from .store import Sheet, Spreadsheet

_KEYS = {"ROWS": ("startRowIndex", "endRowIndex"), "COLUMNS": ("startColumnIndex", "endColumnIndex")}


def _shift_insert(gr: dict[str, Any], skey: str, ekey: str, start: int, count: int) -> None:
    s = gr.get(skey)
    e = gr.get(ekey)
    if s is not None and s >= start:
        gr[skey] = s + count
    if e is not None and e > start:
        gr[ekey] = e + count


def _map_delete(i: int, a: int, b: int) -> int:
    if i < a:
        return i
    if i < b:
        return a
    return i - (b - a)


def _shift_delete(gr: dict[str, Any], skey: str, ekey: str, a: int, b: int) -> bool:
    """Shrink or move a range for a deletion of [a, b); False when nothing of it is left."""
    s = gr.get(skey)
    e = gr.get(ekey)
    if s is not None:
        gr[skey] = _map_delete(s, a, b)
    if e is not None:
        gr[ekey] = _map_delete(e, a, b)
    s2 = gr.get(skey, 0)
    e2 = gr.get(ekey)
    return e2 is None or e2 > s2


def _grid_ranges(book: Spreadsheet, sheet: Sheet) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [p["range"] for p in sheet.protected_ranges if "range" in p]
    out += sheet.merges
    out += [nr["range"] for nr in book.named_ranges if nr["range"].get("sheetId", 0) == sheet.sheet_id]
    if sheet.basic_filter and "range" in sheet.basic_filter:
        out.append(sheet.basic_filter["range"])
    return out


def insert(book: Spreadsheet, sheet: Sheet, dimension: str, start: int, count: int) -> None:
    """Insert `count` empty rows or columns before index `start`, moving anchored objects along."""
    if dimension == "ROWS":
        sheet.insert_rows(start, count)
    else:
        sheet.insert_cols(start, count)
    props = sheet.dim_props[dimension]
    sheet.dim_props[dimension] = {(i + count if i >= start else i): p for i, p in props.items()}
    skey, ekey = _KEYS[dimension]
    for gr in _grid_ranges(book, sheet):
        _shift_insert(gr, skey, ekey, start, count)
    for md in book.developer_metadata:
        dr = md["location"].get("dimensionRange")
        if dr and dr.get("sheetId", 0) == sheet.sheet_id and dr["dimension"] == dimension:
            _shift_insert(dr, "startIndex", "endIndex", start, count)


def delete(book: Spreadsheet, sheet: Sheet, dimension: str, a: int, b: int) -> None:
    """Delete rows or columns [a, b); objects anchored only to deleted ones disappear with them."""
    if dimension == "ROWS":
        sheet.delete_rows(a, b)
        sheet.frozen_rows = min(sheet.frozen_rows, sheet.row_count)
    else:
        sheet.delete_cols(a, b)
        sheet.frozen_cols = min(sheet.frozen_cols, sheet.col_count)
    props = sheet.dim_props[dimension]
    sheet.dim_props[dimension] = {
        (i - (b - a) if i >= b else i): p for i, p in props.items() if not a <= i < b
    }
    skey, ekey = _KEYS[dimension]
    sheet.protected_ranges = [
        p for p in sheet.protected_ranges if "range" not in p or _shift_delete(p["range"], skey, ekey, a, b)
    ]
    sheet.merges = [m for m in sheet.merges if _shift_delete(m, skey, ekey, a, b)]
    for nr in book.named_ranges:
        if nr["range"].get("sheetId", 0) == sheet.sheet_id:
            _shift_delete(nr["range"], skey, ekey, a, b)
    if sheet.basic_filter and "range" in sheet.basic_filter:
        _shift_delete(sheet.basic_filter["range"], skey, ekey, a, b)
    kept = []
    for md in book.developer_metadata:
        dr = md["location"].get("dimensionRange")
        ours = dr and dr.get("sheetId", 0) == sheet.sheet_id and dr["dimension"] == dimension
        if ours and not _shift_delete(dr, "startIndex", "endIndex", a, b):
            continue
        kept.append(md)
    book.developer_metadata = kept

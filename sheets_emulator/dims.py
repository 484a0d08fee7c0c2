"""Row and column insertion/deletion, and everything anchored to rows or columns that must move with them."""

from __future__ import annotations

from typing import Any

from .store import MetadataList, Sheet, Spreadsheet, own_metadata

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
    out += [u for p in sheet.protected_ranges for u in p.get("unprotectedRanges") or []]
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
    mds = book.developer_metadata
    for n, md in enumerate(mds):
        dr = md["location"].get("dimensionRange")
        ours = dr and dr.get("sheetId", 0) == sheet.sheet_id and dr["dimension"] == dimension
        if ours and dr["endIndex"] > start:
            mds[n] = md = own_metadata(md)  # entries are shared with the file before this batch
            _shift_insert(md["location"]["dimensionRange"], "startIndex", "endIndex", start, count)


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
    for p in sheet.protected_ranges:
        if p.get("unprotectedRanges"):
            p["unprotectedRanges"] = [u for u in p["unprotectedRanges"] if _shift_delete(u, skey, ekey, a, b)]
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
        if ours and dr["endIndex"] > a:
            md = own_metadata(md)  # entries are shared with the file before this batch
            if not _shift_delete(md["location"]["dimensionRange"], "startIndex", "endIndex", a, b):
                continue
        kept.append(md)
    book.developer_metadata = MetadataList(kept)


def _moved_index(i: int, start: int, end: int, to: int) -> int:
    """Where index ``i`` ends up when [start, end) is taken out and put back at ``to`` (counted after
    the removal)."""
    count = end - start
    if start <= i < end:
        return to + (i - start)
    rest = i if i < start else i - count  # index once the source is taken out
    return rest if rest < to else rest + count


def move(book: Spreadsheet, sheet: Sheet, dimension: str, start: int, end: int, dest: int) -> None:
    """Move rows or columns [start, end) before index ``dest`` (counted before the move, as Google's
    ``moveDimension``); cells, sizes and metadata anchored to single rows or columns move along, and
    ranges lying wholly inside the moved block move with it."""
    count = end - start
    to = dest if dest <= start else dest - count  # where the block starts once moved
    if to == start:
        return
    limit = sheet.row_count if dimension == "ROWS" else sheet.col_count

    def where(i: int) -> int:
        return _moved_index(i, start, end, to)

    if dimension == "ROWS":
        height = max(len(sheet.rows), end, dest)
        rows = sheet.rows + [[] for _ in range(height - len(sheet.rows))]
        moved_rows: list[list[Any]] = [[] for _ in range(height)]
        for i, row in enumerate(rows):
            moved_rows[where(i)] = row
        while moved_rows and not moved_rows[-1]:
            moved_rows.pop()
        sheet.rows = moved_rows
    else:
        for r, row in enumerate(sheet.rows):
            width = max(len(row), end, dest)
            padded = row + [None] * (width - len(row))
            out: list[Any] = [None] * width
            for j, cell in enumerate(padded):
                out[where(j)] = cell
            while out and out[-1] is None:
                out.pop()
            sheet.rows[r] = out
    props = sheet.dim_props[dimension]
    sheet.dim_props[dimension] = {where(i): p for i, p in props.items() if i < limit}
    skey, ekey = _KEYS[dimension]
    for gr in _grid_ranges(book, sheet):
        s, e = gr.get(skey), gr.get(ekey)
        if s is not None and e is not None and start <= s and e <= end:
            gr[skey], gr[ekey] = where(s), where(s) + (e - s)
    mds = book.developer_metadata
    for n, md in enumerate(mds):
        dr = md["location"].get("dimensionRange")
        if dr and dr.get("sheetId", 0) == sheet.sheet_id and dr["dimension"] == dimension:
            s, e = int(dr["startIndex"]), int(dr["endIndex"])
            if e == s + 1 and where(s) != s:
                mds.move_entry(n, where(s), where(s) + 1)

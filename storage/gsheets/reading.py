"""Reading tabs: one ``values:batchGet``, rows built from the header, dates typed, ids kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from gspread.exceptions import APIError

from core.text import all_clean
from schemas.registry import spec, to_cell
from storage.gsheets.cells import (
    _COLUMN_PARAMS,
    _EPOCH,
    _READ_PARAMS,
    _blank,
    _column_range,
    _flat,
    _positions,
    column_letter,
    quote_title,
)
from storage.gsheets.errors import _status
from storage.gsheets.handmade import _Handmade


class _Reading(_Handmade):
    """Rows of tabs as stored, hand-typed rows adopted, the row cache refreshed."""

    def _read_raw(self, tabs: list[str]) -> dict[str, list[dict[str, Any]]]:
        """Stored cells of every row of ``tabs`` (one batchGet), hand-typed rows given an id."""
        known = self._metadata()
        if any(t not in known for t in tabs):
            known = self._metadata(refresh=True)  # maybe someone added the tab by hand
        present = [t for t in tabs if t in known]
        if not present:
            return {}
        ranges = [quote_title(t) for t in present]
        try:
            reply = self._retry(lambda: self._http.values_batch_get(self.key, ranges, dict(_READ_PARAMS)))
        except APIError as exc:
            if _status(exc) != 400:
                raise
            known = self._metadata(refresh=True)  # a tab was deleted or renamed by hand
            present = [t for t in tabs if t in known]
            ranges = [quote_title(t) for t in present]
            reply = self._retry(lambda: self._http.values_batch_get(self.key, ranges, dict(_READ_PARAMS)))
        out: dict[str, list[dict[str, Any]]] = {}
        for tab, vr in zip(present, reply.get("valueRanges", []), strict=True):
            out[tab] = self._parse(tab, vr.get("values") or [])
        return out

    def _parse(self, tab: str, values: list[list[Any]]) -> list[dict[str, Any]]:
        info = self._tab(tab)
        header = ["" if v is None else str(v).strip() for v in (values[0] if values else [])]
        while header and header[-1] == "":
            header.pop()
        with self._lock:
            info.header = header
        if "id" not in header:
            return []
        kinds = {c: spec(tab).kind(c) if c in spec(tab).schema.columns else "text" for c in header}
        rows: list[dict[str, Any]] = []
        handmade: list[tuple[int, dict[str, Any], list[Any]]] = []
        id_at = header.index("id")
        read = self._row_reader(_positions(header), kinds)
        last_row = 0
        for r, cells in enumerate(values[1:], start=1):
            if all(_blank(v) for v in cells):
                continue
            if id_at < len(cells) and not _blank(cells[id_at]):
                last_row = r + 1
            row = read(cells)
            if _blank(row.get("id")) or _blank(row.get("version")):
                handmade.append((r, row, cells))
            rows.append(row)
        if handmade:
            kept = self._adopt(tab, header, handmade)
            rows = [r for r in rows if not (_blank(r.get("id")) or _blank(r.get("version"))) or id(r) in kept]
        ids = [row["id"] for row in rows]
        id_kind = spec(tab).kind("id") if "id" in spec(tab).schema.columns else "text"
        if id_kind != "text" or not all_clean(ids):  # else to_cell would keep every id as it is
            ids = [to_cell(tab, "id", i) for i in ids]
        cache = dict(zip(ids, rows, strict=True))
        with self._lock:
            info.rows = cache
            info.last_row = last_row
        return rows

    def _row_reader(
        self, where: Mapping[str, int], kinds: Mapping[str, str]
    ) -> Callable[[Sequence[Any]], dict[str, Any]]:
        """A reader of sheet rows of one header -> cells by column name (serial dates in date
        columns -> ISO text); what depends on the header is worked out once."""
        names = tuple(where)
        # the usual header (no blank or repeated name): the n-th cell is the n-th column
        dense = list(where.values()) == list(range(len(names)))
        # only date and datetime columns convert anything: the rest are kept as the sheet gave them
        dated = tuple((c, kinds[c]) for c in names if kinds[c] in ("date", "datetime"))
        convert = self._from_sheet

        def read(cells: Sequence[Any]) -> dict[str, Any]:
            n = len(cells)
            if dense:
                row = dict(zip(names, cells, strict=False))
                for c in names[n:]:  # Sheets leaves out a row's trailing empty cells
                    row[c] = None
            else:
                row = {c: cells[j] if j < n else None for c, j in where.items()}
            for c, kind in dated:
                row[c] = convert(kind, row[c])
            return row

        return read

    def _from_sheet(self, kind: str, value: Any) -> Any:
        """A cell as the sheet returns it -> the cell the schema expects (serial dates -> ISO)."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return value
        if kind == "date":
            return (_EPOCH + dt.timedelta(days=int(value))).date().isoformat()
        if kind == "datetime":
            moment = _EPOCH + dt.timedelta(days=float(value))
            return moment.replace(microsecond=0, tzinfo=self._tz).isoformat()
        return value

    def _read_rows(self, tab: str, positions: Sequence[int]) -> list[dict[str, Any]]:
        header = self._header(tab)
        last = column_letter(len(header) - 1)
        ranges = [f"{quote_title(tab)}!A{r + 1}:{last}{r + 1}" for r in positions]
        reply = self._retry(lambda: self._http.values_batch_get(self.key, ranges, dict(_READ_PARAMS)))
        kinds = {c: spec(tab).kind(c) if c in spec(tab).schema.columns else "text" for c in header}
        read = self._row_reader(_positions(header), kinds)
        return [read((vr.get("values") or [[]])[0]) for vr in reply.get("valueRanges", [])]

    def _id_column(self, tab: str) -> list[str]:
        """Every id in ``tab`` (one values:batchGet of the id column)."""
        header = self._header(tab)
        rng = _column_range(tab, header.index("id"))
        reply = self._retry(lambda: self._http.values_batch_get(self.key, [rng], dict(_COLUMN_PARAMS)))
        values = _flat((reply.get("valueRanges") or [{}])[0].get("values") or [])
        return [to_cell(tab, "id", v) for v in values[1:] if not _blank(v)]

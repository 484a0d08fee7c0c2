"""Reading tabs: one ``values:batchGet``, rows built from the header, dates typed, ids kept."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from gspread.exceptions import APIError

from core.ports import TokensTaken
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
    _refused_tokens,
    column_letter,
    quote_title,
)
from storage.gsheets.errors import HeaderChanged, _status
from storage.gsheets.handmade import _Handmade


class _Reading(_Handmade):
    """Rows of tabs as stored (rows typed by hand left out), the row cache refreshed."""

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
            grid = re.search(r":[A-Z]+(\d+)$", str(vr.get("range", "")))
            if grid:  # the echoed range is clipped to the grid: its last row is the row count
                self._tab(tab).row_count = int(grid.group(1))
            out[tab] = self._parse(tab, vr.get("values") or [])
        return out

    def _parse(self, tab: str, values: list[list[Any]]) -> list[dict[str, Any]]:
        info = self._tab(tab)
        header = ["" if v is None else str(v).strip() for v in (values[0] if values else [])]
        while header and header[-1] == "":
            header.pop()
        if header != info.header:
            self._check_labels(tab, header)
        with self._lock:
            info.header = header
        if "id" not in header:
            return []
        kinds = {c: spec(tab).kind(c) if c in spec(tab).schema.columns else "text" for c in header}
        rows: list[dict[str, Any]] = []
        handmade: list[int] = []
        id_at = header.index("id")
        read = self._row_reader(_positions(header), kinds)
        last_row = 0
        where: list[int] = []
        for r, cells in enumerate(values[1:], start=1):
            if all(_blank(v) for v in cells):
                continue
            if id_at < len(cells) and not _blank(cells[id_at]):
                last_row = r + 1
            row = read(cells)
            if _blank(row.get("id")) or _blank(row.get("version")):
                handmade.append(r)  # typed by hand into the store: never data (handmade.py)
                continue
            rows.append(row)
            where.append(r)
        if handmade or tab in self.ignored_rows():
            self._ignore(tab, handmade)
        ids = [row["id"] for row in rows]
        id_kind = spec(tab).kind("id") if "id" in spec(tab).schema.columns else "text"
        if id_kind != "text" or not all_clean(ids):  # else to_cell would keep every id as it is
            ids = [to_cell(tab, "id", i) for i in ids]
        cache = dict(zip(ids, rows, strict=True))
        positions: dict[str, int] = {}
        twice: set[str] = set()
        if len(cache) == len(ids):
            positions = dict(zip(ids, where, strict=True))
        else:  # a copied row: its id on several rows (the first counts, writes to it are refused)
            for i, w in zip(ids, where, strict=True):
                if i in positions:
                    twice.add(i)
                positions.setdefault(i, w)
        versions = {i: row.get("version") for i, row in cache.items()}
        moved = _reordered(info.positions, positions)
        with self._lock:
            info.reordered |= moved
            info.rows = cache
            info.last_row = max(last_row, max(where, default=0) + 1, 1)  # 1: the header alone
            info.positions = positions
            info.versions = versions
            info.duplicates = twice
        return rows

    def _check_labels(self, tab: str, header: list[str]) -> None:
        """A header that differs from the one last seen: are the column tags still under their names?

        A column a person moved (tag and label travel together) or added is fine. A label renamed
        or swapped in place leaves its column's tag under another name: reads would silently take
        one column for another (or drop it), so they stop with :class:`HeaderChanged`, naming the
        column and how to put it back. Costs one developerMetadata:search, only when the header
        changed and a schema column is missing or a tagged column no longer sits where it did.
        """
        info = self._tab(tab)
        tagged = info.tagged_columns
        columns = list(spec(tab).schema.columns)
        if tagged is None:
            if all(c in header for c in columns):
                return
        elif all(j < len(header) and header[j] == c for c, j in tagged.items()):
            return
        placed, _ = self._column_tags([tab], {tab: columns}, by_id=True)
        tags = placed.get(tab, {})
        wrong = sorted(c for c, j in tags.items() if j >= len(header) or header[j] != c)
        if wrong:
            raise HeaderChanged(tab, wrong, [header[tags[c]] if tags[c] < len(header) else "" for c in wrong])
        with self._lock:
            info.tagged_columns = tags

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

    def _refuse_stored_tokens(self, tab: str, keys: Sequence[tuple[str, str]]) -> None:
        """Raise :class:`TokensTaken` for keys already in ``tab`` or repeated (one batchGet)."""
        header = self._header(tab)
        ranges = [_column_range(tab, header.index(c)) for c in ("unit_id", "client_token")]
        reply = self._retry(lambda: self._http.values_batch_get(self.key, ranges, dict(_COLUMN_PARAMS)))
        got = [_flat(vr.get("values") or []) for vr in reply.get("valueRanges", [])]
        refused = _refused_tokens(tab, keys, *[*got, [], []][:2])
        if refused:
            raise TokensTaken(tab, refused)

    def _id_column(self, tab: str) -> list[str]:
        """Every id in ``tab`` (one values:batchGet of the id column)."""
        header = self._header(tab)
        rng = _column_range(tab, header.index("id"))
        reply = self._retry(lambda: self._http.values_batch_get(self.key, [rng], dict(_COLUMN_PARAMS)))
        values = _flat((reply.get("valueRanges") or [{}])[0].get("values") or [])
        return [to_cell(tab, "id", v) for v in values[1:] if not _blank(v)]


def _reordered(before: Mapping[str, int], after: Mapping[str, int]) -> set[str]:
    """Ids whose order among the rows seen both times changed (a sort, a drag): rows inserted or
    deleted around them shift positions but keep the order, so they are not counted."""
    common = sorted((p, i) for i, p in before.items() if i in after)
    if not common:
        return set()
    now = [after[i] for _, i in common]
    if all(a < b for a, b in itertools.pairwise(now)):
        return set()
    ranked = sorted(range(len(now)), key=now.__getitem__)
    return {common[k][1] for n, k in enumerate(ranked) if n != k}

"""Locating the rows an update changes: the group's pre-write read.

The pre-write read is one ``values:batchGetByDataFilter`` for the whole group, and it reads only
what the updates touch: the envelope cells (id, version, timestamps) of each changed row at the
row where this process last saw it, and, for a submission sent with ``once``, the rows carrying
the tag of the new row's id (a resend finds its stored row there). Rows this process has not seen
where they are (a person inserted rows above them, or the process never read the tab) are located
by reading the tab's id and version columns, as every write did before.
After a refused write, or for rows a sort or a drag reordered since they were read, the row tags
are looked up too (one ``developerMetadata:search``), so the next batch carries guards that can pass.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gspread.exceptions import APIError

from schemas.registry import spec, to_cell
from storage.gsheets.cells import (
    _COLUMN_PARAMS,
    _READ_PARAMS,
    _blank,
    _column_range,
    _flat,
    column_letter,
    quote_title,
)
from storage.gsheets.errors import _HeaderMoved, _status
from storage.gsheets.reading import _Reading
from storage.gsheets.tags import RowTags, lookup_row_tag, row_tag_id

if TYPE_CHECKING:
    from storage.gsheets.plan import _UpdatePlan

#: Versions of a submission's row looked up by a resend of its ``once`` cells: a resend arrives
#: seconds after the first post, long before the row has been changed this many times.
ONCE_VERSIONS = 8
#: Columns read at each changed row before writing it (ids, versions, and the stamp of the last
#: write, which tells a write that landed after a timeout from someone else's).
ENVELOPE_READ = ("id", "version", "updated_at")


def envelope_read(plan: _UpdatePlan) -> tuple[str, ...]:
    """The columns read at each changed row: id and version; and the stamp of the last write when
    an earlier attempt of this very write may have landed (to tell it from someone else's)."""
    return ENVELOPE_READ if plan.maybe_landed else ENVELOPE_READ[:2]


@dataclass
class _Seen:
    """What the group's pre-write read found for one plan."""

    #: row id -> envelope cells (id, version, updated_at) at the row the plan expects it
    at: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: rows found by the tags of a ``once`` submission's id (position, cells): the stored row of a
    #: resend, or another row whose tag id matched by chance (tag ids are 31-bit hashes)
    stored: list[tuple[int, list[Any]]] = field(default_factory=list)
    #: tab -> its unit_id and client_token columns (header cell first), for rows carrying a token
    tokens: dict[str, tuple[list[Any], list[Any]]] = field(default_factory=dict)


def _grid_filter(tab: str, header: Sequence[str], last_row: int) -> dict[str, Any]:
    """The id cells from the last row seen to the end of the grid: its echoed range tells how many
    rows the grid has (for the grid probe of :func:`storage.gsheets.tags.grid_probe`)."""
    letter = column_letter(header.index("id"))
    return {"a1Range": f"{quote_title(tab)}!{letter}{last_row}:{letter}"}


def _last_row_of(a1: str) -> int | None:
    found = re.search(r":\$?[A-Z]*\$?(\d+)$", a1)
    return int(found.group(1)) if found else None


def _token_filters(tab: str, header: Sequence[str]) -> list[dict[str, Any]]:
    """The unit_id and client_token columns of ``tab``: a client token is stored once per unit,
    so rows carrying one are checked against these in the pre-write read."""
    return [{"a1Range": _column_range(tab, header.index(c))} for c in ("unit_id", "client_token")]


def _header_filter(tab: str) -> dict[str, Any]:
    return {"a1Range": f"{quote_title(tab)}!1:1"}


#: What the pre-write read asks back of each range: its values, and just enough of the filter that
#: matched it to tell which one it was (not the whole filter echoed back, 50 times over).
_ECHO = (
    "valueRanges(valueRange(range,values),"
    "dataFilters(a1Range,developerMetadataLookup,gridRange(sheetId,startRowIndex)))"
)


#: Rows between two changed rows read with them rather than asked for apart: a range costs
#: about 200 bytes of request and echo, a row's envelope cells about 40.
SPAN_GAP = 4


def _spans(info: Any, plan: _UpdatePlan) -> list[tuple[int, int]]:
    """The changed rows of ``plan`` where this process last saw them, as [start, end) runs of
    rows: rows close together are read in one range (50 approvals of neighbouring rows: one)."""
    rows = sorted({r for c in plan.changes if (r := info.positions.get(c.id)) is not None})
    spans: list[list[int]] = []
    for r in rows:
        if spans and r - spans[-1][1] <= SPAN_GAP:
            spans[-1][1] = r + 1
        else:
            spans.append([r, r + 1])
    return [(a, b) for a, b in spans]


def _span_filter(sheet_id: int, span: tuple[int, int], cols: Sequence[int]) -> dict[str, Any]:
    """The envelope columns ``cols`` of the rows [start, end) of a sheet, as a DataFilter."""
    return {
        "gridRange": {
            "sheetId": sheet_id,
            "startRowIndex": span[0],
            "endRowIndex": span[1],
            "startColumnIndex": min(cols),
            "endColumnIndex": max(cols) + 1,
        }
    }


def _key(flt: Mapping[str, Any]) -> str:
    """A filter as the trimmed echo (``_ECHO``) shows it: sheet 0 may be left out (proto3)."""
    short: dict[str, Any] = {}
    if "a1Range" in flt:
        short["a1Range"] = flt["a1Range"]
    if "developerMetadataLookup" in flt:
        short["developerMetadataLookup"] = flt["developerMetadataLookup"]
    if "gridRange" in flt:
        gr = flt["gridRange"]
        short["gridRange"] = {
            "sheetId": int(gr.get("sheetId", 0)),
            "startRowIndex": int(gr.get("startRowIndex", 0)),
        }
    return json.dumps(short, sort_keys=True)


def _first_row(a1: str) -> int:
    """0-based first row of an echoed range such as ``'nominations'!A7:AH7``."""
    found = re.search(r"!\$?[A-Z]*\$?(\d+)", a1)
    return int(found.group(1)) - 1 if found else 0


class _Locating(_Reading):
    """Where the rows of a group's updates are, and what their tags say (see the module's text)."""

    def _filters(self, plan: _UpdatePlan) -> tuple[list[dict[str, Any]], set[str]]:
        """The DataFilters of ``plan``'s part of the pre-write read, and the tabs whose rows must be
        located by their id and version columns instead (rows never seen, or after a refusal)."""
        tab = plan.tab
        info = self._tab(tab)
        header = plan.headers[tab]
        # the header of every tab written (the changed tab, and the tabs receiving rows): a column
        # a person inserted or dragged since the last read is followed before anything is written
        filters: list[dict[str, Any]] = [_header_filter(t) for t in dict.fromkeys([tab, *plan.appends])]
        relocate: set[str] = set()
        cols = [header.index(c) for c in envelope_read(plan) if c in header]
        if plan.refused or any(info.positions.get(c.id) is None for c in plan.changes):
            relocate.add(tab)
        else:
            filters += [_span_filter(info.sheet_id, span, cols) for span in _spans(info, plan)]
        new_id = plan.new_id()
        if new_id is not None:
            filters += [lookup_row_tag(tab, new_id, v) for v in range(1, ONCE_VERSIONS + 1)]
        filters += [flt for t in plan.token_keys for flt in _token_filters(t, plan.headers[t])]
        if tab in plan.new_rows and (info.last_row < 1 or plan.refused):
            relocate.add(tab)
        if plan.changes and self._strict_delete is False and info.last_row >= 1:
            filters.append(_grid_filter(tab, header, info.last_row))
        return filters, relocate

    def _pre_read(self, plans: Sequence[_UpdatePlan]) -> dict[int, _Seen]:
        """The group's pre-write read: one values:batchGetByDataFilter, or, for tabs whose rows
        must be located first, one batchGet of their id and version columns (with their header) and
        the filter call only for what remains."""
        wanted: dict[str, dict[str, Any]] = {}
        relocate: set[str] = set()
        grid: dict[str, str] = {}  # tab -> key of its grid filter, if asked
        for plan in plans:
            filters, tabs = self._filters(plan)
            relocate |= tabs
            for flt in filters:
                wanted.setdefault(_key(flt), flt)
            last = self._tab(plan.tab).last_row
            grid[plan.tab] = _key(_grid_filter(plan.tab, plan.headers[plan.tab], last)) if last >= 1 else ""
        headers: dict[str, list[Any]] = {}
        if relocate:
            written_tabs = [t for plan in plans for t in (plan.tab, *plan.appends)]
            headers = self._relocate(sorted(relocate), written_tabs)
            for tab in headers:  # the headers (and the grid's size) came with the columns
                wanted.pop(_key(_header_filter(tab)), None)
            for tab in relocate:
                wanted.pop(grid.get(tab, ""), None)
        for plan in plans:
            # after a refusal, or for rows a sort or a drag reordered since they were read: the tags
            # as they are now, against the rows just found (a sort may leave them behind)
            info = self._tab(plan.tab)
            if plan.refused or any(c.id in info.reordered for c in plan.changes):
                self._learn_tags(plan)
                info.reordered.difference_update(c.id for c in plan.changes)
        got: dict[str, list[tuple[str, list[list[Any]]]]] = {}
        if wanted:
            params = {k: v for k, v in _READ_PARAMS.items()}
            try:
                reply = self._by_filter(list(wanted.values()), params, fields=_ECHO)
            except APIError as exc:
                if _status(exc) != 400:
                    raise
                # a range past a grid people shrank, a tab renamed: find the rows again
                for plan in plans:
                    self._tab(plan.tab).last_row = 0
                    self._tab(plan.tab).positions = {}
                self._metadata(refresh=True)
                raise _HeaderMoved(str(exc)) from exc
            for match in reply.get("valueRanges", []):
                vr = match.get("valueRange", {})
                for flt in match.get("dataFilters", []):
                    got.setdefault(_key(flt), []).append((str(vr.get("range", "")), vr.get("values") or []))
        for plan in plans:  # the grid's row count, for the grid probe (when deletes are lenient)
            info = self._tab(plan.tab)
            if plan.tab in relocate:
                continue  # counted by the relocation
            info.grid_rows = 0
            if plan.changes and self._strict_delete is False and info.last_row >= 1:
                for a1, _values in got.get(grid.get(plan.tab, ""), []):
                    info.grid_rows = _last_row_of(a1) or 0
        written = dict.fromkeys(t for plan in plans for t in (plan.tab, *plan.appends))
        for tab in written:  # a header changed since it was read
            if tab in headers:
                cells = headers[tab]
            else:
                hits = got.get(_key(_header_filter(tab)))
                if hits is None:
                    continue
                cells = hits[0][1][0] if hits[0][1] else []
            now = ["" if v is None else str(v).strip() for v in cells]
            while now and now[-1] == "":
                now.pop()
            info = self._tab(tab)
            if now != info.header:
                self._check_labels(tab, now)  # renamed or swapped in place: HeaderChanged
                with self._lock:
                    info.header = now
                raise _HeaderMoved(tab)
        out: dict[int, _Seen] = {}
        for plan in plans:
            seen = _Seen()
            tab = plan.tab
            info = self._tab(tab)
            header = plan.headers[tab]
            cols = [header.index(c) for c in envelope_read(plan) if c in header]
            span_of = {r: span for span in _spans(info, plan) for r in range(*span)}
            for change in plan.changes:
                r = info.positions.get(change.id)
                if r is None:
                    continue
                span = span_of[r]
                hits = got.get(_key(_span_filter(info.sheet_id, span, cols)))
                if hits is None:  # located by the id column this round (or never asked)
                    continue
                rows = hits[0][1]  # the span's rows (blank rows at its end left out)
                cells = rows[r - span[0]] if r - span[0] < len(rows) else []
                seen.at[change.id] = {
                    c: cells[header.index(c) - min(cols)]
                    if header.index(c) - min(cols) < len(cells)
                    else None
                    for c in envelope_read(plan)
                    if c in header
                }
            new_id = plan.new_id()
            if new_id is not None:
                for v in range(1, ONCE_VERSIONS + 1):
                    for a1, values in got.get(_key(lookup_row_tag(tab, new_id, v)), []):
                        seen.stored.append((_first_row(a1), values[0] if values else []))
            for t in plan.token_keys:
                units, tokens = (got.get(_key(flt)) for flt in _token_filters(t, plan.headers[t]))
                seen.tokens[t] = (  # this read is by rows (majorDimension ROWS): one cell a row
                    [row[0] if row else None for row in units[0][1]] if units else [],
                    [row[0] if row else None for row in tokens[0][1]] if tokens else [],
                )
            out[id(plan)] = seen
        return out

    def _relocate(self, tabs: Sequence[str], also: Sequence[str] = ()) -> dict[str, list[Any]]:
        """Where every row of ``tabs`` is now: one batchGet of their id and version columns and
        their header rows, with the header rows of ``also`` (returned: tab -> header cells)."""
        ranges: list[str] = []
        for t in tabs:
            header = self._header(t)
            ranges += [
                _column_range(t, header.index("id")),
                _column_range(t, header.index("version")),
                f"{quote_title(t)}!1:1",
            ]
        extra = [t for t in dict.fromkeys(also) if t not in tabs]
        ranges += [f"{quote_title(t)}!1:1" for t in extra]
        reply = self._retry(lambda: self._http.values_batch_get(self.key, ranges, dict(_COLUMN_PARAMS)))
        replies = reply.get("valueRanges", [])
        got = [vr.get("values") or [] for vr in replies]
        got += [[]] * (len(ranges) - len(got))
        for n, t in enumerate(tabs):  # 'tab'!A1:A<rows>: the id column is clipped to the grid
            echoed = str(replies[3 * n].get("range", "")) if 3 * n < len(replies) else ""
            self._tab(t).grid_rows = _last_row_of(echoed) or 0
        headers: dict[str, list[Any]] = {}
        for n, t in enumerate(tabs):
            ids, versions = _flat(got[3 * n]), _flat(got[3 * n + 1])
            headers[t] = [c[0] if c else "" for c in got[3 * n + 2]]  # one cell per column
            info = self._tab(t)
            positions: dict[str, int] = {}
            twice: set[str] = set()
            last = 0
            for r, value in enumerate(ids[1:], start=1):
                if _blank(value):
                    continue
                text = to_cell(t, "id", value)
                if text in positions:
                    twice.add(text)
                positions.setdefault(text, r)
                last = r + 1
            with self._lock:
                info.positions = positions
                info.duplicates = twice
                info.last_row = max(last, 1)  # 1: the header alone
                info.versions = {i: versions[r] if r < len(versions) else None for i, r in positions.items()}
        for n, t in enumerate(extra):
            headers[t] = [c[0] if c else "" for c in got[3 * len(tabs) + n]]
        return headers

    # -- checks ----------------------------------------------------------------------------------

    def _kinds(self, tab: str, header: Sequence[str]) -> dict[str, str]:
        columns = spec(tab).schema.columns
        return {c: spec(tab).kind(c) if c in columns else "text" for c in header}

    # -- after a refusal: what the tags say ---------------------------------------------------------

    def _learn_tags(self, plan: _UpdatePlan) -> None:
        """After a refused write: which tags each changed row really has (one developerMetadata
        search), so the next plan guards it with requests that can pass."""
        tab = plan.tab
        if not plan.changes:
            return
        ids: dict[int, tuple[str, str]] = {}
        info = self._tab(tab)
        for change in plan.changes:
            cell = to_cell(tab, "version", info.versions.get(change.id))
            v = change.expected_version if cell is None else int(cell)
            ids[row_tag_id(tab, change.id, v)] = (change.id, "current")
            ids[row_tag_id(tab, change.id, v + 1)] = (change.id, "next")
        found = self._retry(
            lambda: self._search(
                [{"developerMetadataLookup": {"metadataId": i}} for i in ids],
                "matchedDeveloperMetadata.developerMetadata(metadataId,location.dimensionRange.startIndex)",
            )
        )
        where: dict[tuple[str, str], int] = {}
        for md in found:
            mid = int(md.get("metadataId", 0))
            if mid in ids:
                where[ids[mid]] = int(md.get("location", {}).get("dimensionRange", {}).get("startIndex", -1))
        for change in plan.changes:
            r = self._tab(tab).positions.get(change.id, -2)
            at = where.get((change.id, "current"))
            current: bool | str = False if at is None else True if at == r else "astray"
            plan.tags[change.id] = RowTags(current=current, stale_next=(change.id, "next") in where)

    # -- after the write ---------------------------------------------------------------------------

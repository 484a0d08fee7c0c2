"""Planning one update: where each changed row is, every check, and its part of the write batch.

The pre-write read is one ``values:batchGetByDataFilter`` for the whole group, and it reads only
what the updates touch: the envelope cells (id, version, timestamps) of each changed row at the
row where this process last saw it, and, for a submission sent with ``once``, the rows carrying
the tag of the new row's id (a resend finds its stored row there). Rows this process has not seen
where they are (a person inserted rows above them, or the process never read the tab) are located
by reading the tab's id and version columns, as every write did before.
"""

from __future__ import annotations

import hashlib
import json
import re
from base64 import b32encode
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.errors import RowNotFound, StaleRow
from core.ports import AlreadyStored, Change, Row
from schemas.registry import spec, to_cell
from storage.gsheets.cells import (
    _COLUMN_PARAMS,
    _READ_PARAMS,
    _blank,
    _check_columns,
    _check_lengths,
    _column_range,
    _flat,
    _new_rows,
    _output,
    _positions,
    _row_cells,
    quote_title,
)
from storage.gsheets.errors import DuplicateRowId, _HeaderMoved
from storage.gsheets.reading import _Reading
from storage.gsheets.tags import RowTags, lookup_row_tag, row_tag_id

#: Versions of a submission's row looked up by a resend of its ``once`` cells: a resend arrives
#: seconds after the first post, long before the row has been changed this many times.
ONCE_VERSIONS = 8
#: Columns read at each changed row before writing it (ids, versions, and the stamp of the last
#: write, which tells a write that landed after a timeout from someone else's).
ENVELOPE_READ = ("id", "version", "updated_at")


def once_id(tab: str, once_key: str) -> str:
    """The id of a row stored with ``once``: derived from the ``once`` cells, so two app instances
    storing the same submission at the same moment choose the same id, and so the same row tag:
    the later batch fails instead of storing a copy."""
    digest = hashlib.sha256(f"{tab}\0{once_key}".encode()).digest()
    return "T" + b32encode(digest).decode()[:25]


@dataclass
class _UpdatePlan:
    """One update call: what to change, who, when, and the ids chosen for appended rows."""

    tab: str
    changes: list[Change]
    actor: str
    now: str
    appends: Mapping[str, Sequence[Row]]
    once: dict[str, Any] = field(default_factory=dict)
    append_ids: dict[str, list[str]] = field(default_factory=dict)
    #: a write of this plan was refused: plan the next one from the row tags as they are
    refused: bool = False
    #: a write of this plan may have landed (a timeout, a 5xx): a later "stale" may be its own
    maybe_landed: bool = False
    #: row id -> what a search found of its tags (after a refusal)
    tags: dict[str, RowTags] = field(default_factory=dict)
    # filled by each planning round
    headers: dict[str, list[str]] = field(default_factory=dict)
    positions: dict[str, int] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    updated: dict[str, dict[str, Any]] = field(default_factory=dict)
    new_rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: 0-based row where the new rows of the changed tab are inserted
    insert_at: int = 0

    def once_key(self) -> str:
        """The ``once`` cells as one text (what the new row's id is derived from)."""
        cells = [to_cell(self.tab, c, v) for c, v in sorted(self.once.items())]
        return json.dumps(cells, ensure_ascii=False)

    def new_id(self) -> str | None:
        """The id of the new row stored with ``once`` (the first new row of the changed tab)."""
        rows = self.new_rows.get(self.tab) or []
        return str(rows[0]["id"]) if self.once and rows else None


@dataclass(eq=False)
class _Ticket:
    """One caller's update waiting in the group commit, and the outcome it gets back."""

    plan: _UpdatePlan
    done: bool = False
    result: list[dict[str, Any]] | None = None
    error: BaseException | None = None

    def finish(
        self, *, result: list[dict[str, Any]] | None = None, error: BaseException | None = None
    ) -> None:
        self.result, self.error, self.done = result, error, True


@dataclass
class _GroupState:
    """What one planning round of a group wrote, and which updates it left for the next."""

    written: list[_Ticket] = field(default_factory=list)
    deferred: list[_Ticket] = field(default_factory=list)


@dataclass
class _Seen:
    """What the group's pre-write read found for one plan."""

    #: row id -> envelope cells (id, version, updated_at) at the row the plan expects it
    at: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: the stored row of a resent ``once`` submission, if one was found (position, cells)
    stored: tuple[int, list[Any]] | None = None


def _header_filter(tab: str) -> dict[str, Any]:
    return {"a1Range": f"{quote_title(tab)}!1:1"}


def _key(flt: Mapping[str, Any]) -> str:
    return json.dumps(flt, sort_keys=True)


def _first_row(a1: str) -> int:
    """0-based first row of an echoed range such as ``'nominations'!A7:AH7``."""
    found = re.search(r"!\$?[A-Z]*\$?(\d+)", a1)
    return int(found.group(1)) - 1 if found else 0


class _Planning(_Reading):
    """The steps of one update inside a group commit (see :mod:`storage.gsheets.commit`)."""

    _strict_delete: bool | None

    def _prepare(self, plan: _UpdatePlan) -> None:
        """Columns checked, new rows built (ids kept across re-plans), every cell's length checked."""
        tab = plan.tab
        header = self._header(tab)
        for change in plan.changes:
            _check_columns(tab, header, change.values)
            _check_lengths(tab, change.values, change.id)
        _check_columns(tab, header, plan.once)
        plan.headers = {tab: header, **{t: self._header(t) for t in plan.appends}}
        rows_in: dict[str, Sequence[Row]] = dict(plan.appends)
        if plan.once and tab in rows_in and rows_in[tab] and tab not in plan.append_ids:
            first = rows_in[tab][0]
            if _blank(first.get("id")):  # the caller left the id to the store: derive it from ``once``
                rows_in[tab] = [{**first, "id": once_id(tab, plan.once_key())}, *rows_in[tab][1:]]
        plan.new_rows = {
            t: _new_rows(
                t, plan.headers[t], rows_in[t], actor=plan.actor, now=plan.now, ids=plan.append_ids.get(t)
            )
            for t in plan.appends
        }
        for t, rows in plan.new_rows.items():
            plan.append_ids[t] = [r["id"] for r in rows]
            for r in rows:
                _check_lengths(t, r, str(r["id"]))

    # -- the pre-write read ----------------------------------------------------------------------

    def _filters(self, plan: _UpdatePlan) -> tuple[list[dict[str, Any]], set[str]]:
        """The DataFilters of ``plan``'s part of the pre-write read, and the tabs whose rows must be
        located by their id and version columns instead (rows never seen, or after a refusal)."""
        tab = plan.tab
        info = self._tab(tab)
        header = plan.headers[tab]
        filters: list[dict[str, Any]] = [_header_filter(tab)]
        relocate: set[str] = set()
        cols = [header.index(c) for c in ENVELOPE_READ if c in header]
        for change in plan.changes:
            r = info.positions.get(change.id)
            if r is None or plan.refused:
                relocate.add(tab)
                continue
            filters.append(
                {
                    "gridRange": {
                        "sheetId": info.sheet_id,
                        "startRowIndex": r,
                        "endRowIndex": r + 1,
                        "startColumnIndex": min(cols),
                        "endColumnIndex": max(cols) + 1,
                    }
                }
            )
        new_id = plan.new_id()
        if new_id is not None:
            filters += [lookup_row_tag(tab, new_id, v) for v in range(1, ONCE_VERSIONS + 1)]
        if tab in plan.new_rows and (info.last_row < 1 or plan.refused):
            relocate.add(tab)
        return filters, relocate

    def _pre_read(self, plans: Sequence[_UpdatePlan]) -> dict[int, _Seen]:
        """The group's pre-write read: one values:batchGetByDataFilter, or, for tabs whose rows
        must be located first, one batchGet of their id and version columns (with their header) and
        the filter call only for what remains."""
        wanted: dict[str, dict[str, Any]] = {}
        relocate: set[str] = set()
        for plan in plans:
            filters, tabs = self._filters(plan)
            relocate |= tabs
            for flt in filters:
                wanted.setdefault(_key(flt), flt)
        headers: dict[str, list[Any]] = {}
        if relocate:
            headers = self._relocate(sorted(relocate))
            for tab in relocate:
                wanted.pop(_key(_header_filter(tab)), None)
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
            reply = self._by_filter(list(wanted.values()), params)
            for match in reply.get("valueRanges", []):
                vr = match.get("valueRange", {})
                for flt in match.get("dataFilters", []):
                    got.setdefault(_key(flt), []).append((str(vr.get("range", "")), vr.get("values") or []))
        for tab in dict.fromkeys(plan.tab for plan in plans):  # a header changed since it was read
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
            cols = [header.index(c) for c in ENVELOPE_READ if c in header]
            for change in plan.changes:
                r = info.positions.get(change.id)
                if r is None:
                    continue
                flt = {
                    "gridRange": {
                        "sheetId": info.sheet_id,
                        "startRowIndex": r,
                        "endRowIndex": r + 1,
                        "startColumnIndex": min(cols),
                        "endColumnIndex": max(cols) + 1,
                    }
                }
                hits = got.get(_key(flt))
                if hits is None:  # located by the id column this round (or never asked)
                    continue
                cells = hits[0][1][0] if hits[0][1] else []
                seen.at[change.id] = {
                    c: cells[header.index(c) - min(cols)]
                    if header.index(c) - min(cols) < len(cells)
                    else None
                    for c in ENVELOPE_READ
                    if c in header
                }
            new_id = plan.new_id()
            if new_id is not None:
                for v in range(1, ONCE_VERSIONS + 1):
                    for a1, values in got.get(_key(lookup_row_tag(tab, new_id, v)), []):
                        row = values[0] if values else []
                        seen.stored = (_first_row(a1), row)
            out[id(plan)] = seen
        return out

    def _relocate(self, tabs: Sequence[str]) -> dict[str, list[Any]]:
        """Where every row of ``tabs`` is now: one batchGet of their id and version columns (and
        their header rows, returned: tab -> header cells)."""
        ranges: list[str] = []
        for t in tabs:
            header = self._header(t)
            ranges += [
                _column_range(t, header.index("id")),
                _column_range(t, header.index("version")),
                f"{quote_title(t)}!1:1",
            ]
        reply = self._retry(lambda: self._http.values_batch_get(self.key, ranges, dict(_COLUMN_PARAMS)))
        got = [vr.get("values") or [] for vr in reply.get("valueRanges", [])]
        got += [[]] * (len(ranges) - len(got))
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
        return headers

    # -- checks ----------------------------------------------------------------------------------

    def _check_plan(self, plan: _UpdatePlan, seen: _Seen) -> bool:
        """Every check of one update against what was just read: positions, versions, ``once``.

        Returns True when this update turns out to be already written by an earlier attempt whose
        outcome was unknown (a timeout): the caller is then told it is done.
        """
        tab = plan.tab
        info = self._tab(tab)
        header = plan.headers[tab]
        if seen.stored is not None:
            at, stored_cells = seen.stored
            read = self._row_reader(_positions(header), self._kinds(tab, header))
            stored = read(stored_cells)
            if plan.maybe_landed and str(stored.get("id")) == plan.new_id():
                info.positions[str(stored["id"])] = at
                return True
            raise AlreadyStored(tab, _output(tab, header, stored))
        rows_of: dict[str, int] = {}
        current: dict[str, int] = {}
        missing: list[str] = []
        stale: list[str] = []
        mine: list[str] = []
        for change in plan.changes:
            if change.id in info.duplicates:
                raise DuplicateRowId([change.id], tab)
            cells = seen.at.get(change.id)
            r = info.positions.get(change.id)
            if cells is not None and to_cell(tab, "id", cells.get("id")) != change.id:
                # the row moved since this process saw it (a sort, rows inserted above): find it
                # again, and its tag, which a sort may have left on the row now in its old place
                self._relocate([tab])
                self._learn_tags(plan)
                return self._check_plan(plan, _Seen(stored=seen.stored))
            if cells is None:
                if r is None:
                    missing.append(change.id)
                    continue
                cells = {"id": change.id, "version": info.versions.get(change.id), "updated_at": None}
            version = to_cell(tab, "version", cells.get("version"))
            v = -1 if version is None else int(version)  # an emptied version is never expected
            assert r is not None
            rows_of[change.id], current[change.id] = r, v
            if v != change.expected_version:
                ours = v == change.expected_version + 1 and to_cell(
                    tab, "updated_at", cells.get("updated_at")
                ) == to_cell(tab, "updated_at", plan.now)
                (mine if plan.maybe_landed and ours else stale).append(change.id)
        if missing:
            raise RowNotFound(missing, tab)
        if stale:
            raise StaleRow(stale, tab)
        if mine and len(mine) == len(plan.changes):
            return True  # every row carries this very write: it landed before its timeout was seen
        plan.positions, plan.versions = rows_of, current
        if tab in plan.new_rows:
            plan.insert_at = max(1, info.last_row)
        return False

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

    def _after_update(self, plan: _UpdatePlan) -> list[dict[str, Any]]:
        """Refresh the row cache and positions; return the changed rows as stored (cache + change)."""
        tab = plan.tab
        info = self._tab(tab)
        header = plan.headers.get(tab) or self._header(tab)
        with self._lock:
            for t, rows in plan.new_rows.items():
                other = self._tab(t)
                for r in rows:
                    other.rows[r["id"]] = r
                if t == tab:
                    for n, r in enumerate(rows):
                        other.positions[str(r["id"])] = plan.insert_at + n
                        other.versions[str(r["id"])] = 1
                    other.last_row = max(other.last_row, plan.insert_at + len(rows))
            for change in plan.changes:
                info.untagged.discard(change.id)
                info.versions[change.id] = plan.versions.get(change.id, change.expected_version) + 1
        updated = plan.updated
        cold = [i for i in updated if i not in info.rows]
        if cold:  # rows this process never saw: read them at the positions just checked
            fetched = self._read_rows(tab, [plan.positions[i] for i in cold])
            for i, row in zip(cold, fetched, strict=True):
                info.rows[i] = row
        result = []
        for change in plan.changes:
            row = dict(info.rows[change.id])
            if change.id not in cold:
                row.update(updated[change.id])
            info.rows[change.id] = row
            result.append(_output(tab, header, row))
        return result

    def _landed_rows(self, plan: _UpdatePlan) -> list[dict[str, Any]]:
        """The rows of an update that had landed before its outcome was known (from memory, the
        change applied), as :meth:`_after_update` would have returned them."""
        tab = plan.tab
        for change in plan.changes:
            cells = {col: to_cell(tab, col, v) for col, v in change.values.items()}
            cells.update(
                version=change.expected_version + 1,
                updated_at=to_cell(tab, "updated_at", plan.now),
                updated_by=to_cell(tab, "updated_by", plan.actor),
            )
            plan.updated[change.id] = cells
            plan.versions.setdefault(change.id, change.expected_version)
            plan.positions.setdefault(change.id, self._tab(tab).positions.get(change.id, 0))
        plan.insert_at = plan.insert_at or max(1, self._tab(tab).last_row)
        return self._after_update(plan)

    def _update_landed(self, plan: _UpdatePlan) -> bool:
        """After a write whose outcome is unknown: did it land? (one small read)

        Only the first changed row is read, at the row where it was written; a plan that only
        stores new rows of the changed tab looks for the first new row's tag.
        """
        tab = plan.tab
        info = self._tab(tab)
        header = plan.headers.get(tab) or self._header(tab)
        if plan.changes:
            first = plan.changes[0]
            r = plan.positions.get(first.id)
            if r is None:
                return False
            cols = [header.index(c) for c in ENVELOPE_READ if c in header]
            flt = {
                "gridRange": {
                    "sheetId": info.sheet_id,
                    "startRowIndex": r,
                    "endRowIndex": r + 1,
                    "startColumnIndex": min(cols),
                    "endColumnIndex": max(cols) + 1,
                }
            }
            reply = self._retry(lambda: self._by_filter([flt], dict(_READ_PARAMS)))
            matches = reply.get("valueRanges") or []
            values = (matches[0].get("valueRange", {}).get("values") or [[]])[0] if matches else []
            cell = {
                c: values[header.index(c) - min(cols)] if header.index(c) - min(cols) < len(values) else None
                for c in ENVELOPE_READ
                if c in header
            }
            return (
                to_cell(tab, "id", cell.get("id")) == first.id
                and to_cell(tab, "version", cell.get("version")) == first.expected_version + 1
                and to_cell(tab, "updated_at", cell.get("updated_at")) == to_cell(tab, "updated_at", plan.now)
            )
        rows = plan.new_rows.get(tab) or []
        if rows:
            reply = self._retry(
                lambda: self._by_filter([lookup_row_tag(tab, str(rows[0]["id"]), 1)], dict(_READ_PARAMS))
            )
            return bool(reply.get("valueRanges"))
        t, ids = next(iter(plan.append_ids.items()))
        return ids[0] in set(self._id_column(t))

    def _row_requests(self, plan: _UpdatePlan, rows_of: Mapping[str, int]) -> list[dict[str, Any]]:
        """Per changed row: its guard and the updateCells of its changed cells (see :func:`row_guard`)."""
        from storage.gsheets.tags import row_guard

        tab = plan.tab
        info = self._tab(tab)
        header = plan.headers[tab]
        out: list[dict[str, Any]] = []
        stamp_at = to_cell(tab, "updated_at", plan.now)
        stamp_by = to_cell(tab, "updated_by", plan.actor)
        plan.updated = {}
        for change in plan.changes:
            v = plan.versions[change.id]
            cells = {col: to_cell(tab, col, val) for col, val in change.values.items()}
            cells.update(version=v + 1, updated_at=stamp_at, updated_by=stamp_by)
            plan.updated[change.id] = cells
            tags = plan.tags.get(change.id)
            if tags is None:
                tags = RowTags(current=change.id not in info.untagged)
            out += row_guard(
                info.sheet_id,
                tab,
                change.id,
                v,
                rows_of[change.id],
                tags,
                strict_delete=bool(self._strict_delete),
            )
            out += _row_cells(info.sheet_id, rows_of[change.id], header, cells)
        return out

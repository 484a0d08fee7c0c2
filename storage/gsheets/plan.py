"""Planning one update: every check against what the pre-write read found (:mod:`.locate`), its
part of the write batch, and what it returns once written."""

from __future__ import annotations

import hashlib
import json
from base64 import b32encode
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.errors import RowNotFound, StaleRow
from core.ports import AlreadyStored, Change, Row, TokensTaken, token_keys
from schemas.registry import to_cell
from storage.gsheets.cells import (
    _READ_PARAMS,
    _blank,
    _check_columns,
    _check_lengths,
    _new_rows,
    _output,
    _positions,
    _refused_tokens,
    _rows_cells,
)
from storage.gsheets.errors import DuplicateRowId
from storage.gsheets.locate import ENVELOPE_READ, _Locating, _Seen
from storage.gsheets.tags import RowTags, lookup_row_tag


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
    #: tab -> (unit_id, client_token) of the appended rows that carry a token
    token_keys: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

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


class _Planning(_Locating):
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
        # client tokens of the rows being appended (a token is stored once per unit): the stored
        # (unit_id, client_token) columns ride the pre-write read
        plan.token_keys = {}
        for t, rows in plan.new_rows.items():
            keys = token_keys(t, plan.headers[t], rows)
            if keys:
                plan.token_keys[t] = keys

    # -- the pre-write read ----------------------------------------------------------------------

    def _check_plan(self, plan: _UpdatePlan, seen: _Seen) -> bool:
        """Every check of one update against what was just read: positions, versions, ``once``.

        Returns True when this update turns out to be already written by an earlier attempt whose
        outcome was unknown (a timeout): the caller is then told it is done.
        """
        tab = plan.tab
        info = self._tab(tab)
        header = plan.headers[tab]
        read = self._row_reader(_positions(header), self._kinds(tab, header))
        for at, stored_cells in seen.stored:
            stored = read(stored_cells)
            # a tag id is a 31-bit hash: the tag found may be another row's, met by chance (about
            # once in 27,000 submissions at 10,000 rows); only the row sent is "already stored"
            if str(stored.get("id")) == plan.new_id():
                if plan.maybe_landed:
                    info.positions[str(stored["id"])] = at
                    return True
                raise AlreadyStored(tab, _output(tab, header, stored))
        for t, keys in plan.token_keys.items():
            units, tokens = seen.tokens.get(t, ([], []))
            refused = _refused_tokens(t, keys, units, tokens)
            if refused:
                raise TokensTaken(t, refused)
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
            first_id = str(rows[0]["id"])
            reply = self._retry(
                lambda: self._by_filter([lookup_row_tag(tab, first_id, 1)], dict(_READ_PARAMS))
            )
            read = self._row_reader(_positions(header), self._kinds(tab, header))
            matches = reply.get("valueRanges") or []
            found = [(m.get("valueRange", {}).get("values") or [[]])[0] for m in matches]
            # the tagged row must carry the id sent: a tag id met by chance is another row's
            return any(str(read(cells).get("id")) == first_id for cells in found)
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
        by_row: dict[int, dict[str, Any]] = {}
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
            by_row[rows_of[change.id]] = cells
        return out + _rows_cells(info.sheet_id, header, by_row)

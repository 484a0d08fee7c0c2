"""Planning one update: where each changed row is, every check, and its part of the write batch."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.errors import RowNotFound, StaleRow
from core.ports import AlreadyStored, Change, Row
from schemas.registry import to_cell
from storage.gsheets.cells import (
    _COLUMN_PARAMS,
    _blank,
    _check_columns,
    _column_range,
    _flat,
    _new_rows,
    _output,
    _repeated,
    _row_cells,
)
from storage.gsheets.errors import DuplicateRowId
from storage.gsheets.reading import _Reading
from storage.gsheets.tags import _guard, _insert_rows, _once_tag


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
    #: id -> (row, version) of the changed rows in a write batch Google refused
    refused: dict[str, tuple[int, int]] = field(default_factory=dict)
    # filled by each planning round (see GoogleSheetsWorkbook._prepare / _plan_requests)
    append_headers: dict[str, list[str]] = field(default_factory=dict)
    probe_tabs: list[str] = field(default_factory=list)
    ranges: list[str] = field(default_factory=list)
    reads: list[int] = field(default_factory=list)  # index in the group's batchGet of each range
    positions: dict[str, int] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    updated: dict[str, dict[str, Any]] = field(default_factory=dict)
    new_rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def once_key(self) -> str:
        """The ``once`` cells as one text (what the new row's once-tag id is derived from)."""
        cells = [to_cell(self.tab, c, v) for c, v in sorted(self.once.items())]
        return json.dumps(cells, ensure_ascii=False)


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


def _locate(
    tab: str, changes: Sequence[Change], id_cells: Sequence[Any], version_cells: Sequence[Any]
) -> tuple[dict[str, int], dict[str, int]]:
    """Where each changed row is now (0-based sheet row) and its version; every check, no writes.

    Raises ``RowNotFound`` for ids not in the column, ``DuplicateRowId`` for ids on several rows
    (a copied row: refusing beats guessing), ``StaleRow`` naming every row whose version moved.
    """
    wanted = {c.id for c in changes}
    found: dict[str, list[int]] = {}
    for r, value in enumerate(id_cells[1:], start=1):  # row 0 is the header
        text = "" if value is None else to_cell(tab, "id", value)
        if text in wanted:
            found.setdefault(text, []).append(r)
    missing = [c.id for c in changes if c.id not in found]
    if missing:
        raise RowNotFound(missing, tab)
    doubled = sorted(i for i, rows in found.items() if len(rows) > 1)
    if doubled:
        raise DuplicateRowId(doubled, tab)
    rows_of = {i: rows[0] for i, rows in found.items()}
    current: dict[str, int] = {}
    for i, r in rows_of.items():
        version = to_cell(tab, "version", version_cells[r] if r < len(version_cells) else None)
        current[i] = -1 if version is None else int(version)  # an emptied version is never expected
    stale = [c.id for c in changes if current[c.id] != c.expected_version]
    if stale:
        raise StaleRow(stale, tab)
    return rows_of, current


class _Planning(_Reading):
    """The steps of one update inside a group commit (see :mod:`storage.gsheets.commit`)."""

    def _prepare(self, plan: _UpdatePlan) -> None:
        """Columns checked, new rows built (ids kept across re-plans), the ranges to read."""
        tab = plan.tab
        header = self._header(tab)
        for change in plan.changes:
            _check_columns(tab, header, change.values)
        _check_columns(tab, header, plan.once)
        plan.append_headers = {t: self._header(t) for t in plan.appends}
        plan.new_rows = {
            t: _new_rows(t, h, plan.appends[t], actor=plan.actor, now=plan.now, ids=plan.append_ids.get(t))
            for t, h in plan.append_headers.items()
        }
        for t, rows in plan.new_rows.items():
            plan.append_ids[t] = [r["id"] for r in rows]
        # header rows of every tab, id+version columns of the tab being changed, id columns of the
        # tabs receiving rows, the ``once`` columns (the idempotency check rides the same call)
        plan.probe_tabs = list(dict.fromkeys([*([tab] if plan.changes or plan.once else []), *plan.appends]))
        ranges: list[str] = []
        if plan.changes:
            ranges += [_column_range(tab, header.index("id")), _column_range(tab, header.index("version"))]
        for t in plan.appends:
            ranges.append(_column_range(t, plan.append_headers[t].index("id")))
        if plan.once:
            ranges += [_column_range(tab, header.index(c)) for c in ["id", *plan.once]]
        plan.ranges = ranges

    def _check_plan(
        self, plan: _UpdatePlan, got: list[list[Any]]
    ) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
        """Every check of one update against what was just read: positions, versions, ``once``,
        caller-chosen ids. Returns (row of each changed id, its version, row under each tab's last id)."""
        tab = plan.tab
        rest = list(got)
        rows_of: dict[str, int] = {}
        current: dict[str, int] = {}
        if plan.changes:
            rows_of, current = _locate(tab, plan.changes, _flat(rest[0]), _flat(rest[1]))
            rest = rest[2:]
        appended, matched = rest[: len(plan.appends)], rest[len(plan.appends) :]
        if plan.once:
            self._check_once(plan, [_flat(v) for v in matched])
        ends: dict[str, int] = {}
        for t, values in zip(plan.appends, appended, strict=True):
            ends[t] = max(1, len(_flat(values)))  # 0-based row under the last id
            if not any(not _blank(r.get("id")) for r in plan.appends[t]):
                continue  # fresh ULIDs cannot collide; only ids a caller chose are checked
            existing = {to_cell(t, "id", v) for v in _flat(values)[1:] if not _blank(v)}
            twice = _repeated(plan.append_ids[t])
            taken = sorted(set(plan.append_ids[t]) & existing)
            if twice or taken:
                raise ValueError(
                    f"tab {t!r}: id(s) already used, nothing was written: {sorted({*twice, *taken})}"
                )
        return rows_of, current, ends

    def _plan_requests(
        self, plan: _UpdatePlan, rows_of: dict[str, int], current: dict[str, int], ends: dict[str, int]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """One update's part of the write batch: (guards and changed cells, new rows and their tags).

        Per changed row the tag guard (the row is still where it was read, and nobody moved it
        from this version: see :func:`_guard`) and updateCells per changed run of cells; per tab
        receiving rows, insertDimension under its last id, the cells, and a tag on each new row.
        """
        tab = plan.tab
        info = self._tab(tab)
        header = self._header(tab)
        changes: list[dict[str, Any]] = []
        updated: dict[str, dict[str, Any]] = {}
        stamp_at = to_cell(tab, "updated_at", plan.now)
        stamp_by = to_cell(tab, "updated_by", plan.actor)
        for change in plan.changes:
            version = current[change.id] + 1
            cells = {col: to_cell(tab, col, v) for col, v in change.values.items()}
            cells.update(version=version, updated_at=stamp_at, updated_by=stamp_by)
            updated[change.id] = cells
            # Refused at this very row and version: the row did not move and nobody wrote it, so
            # its tag is astray (a person cut and pasted the row's cells): re-tag it here.
            astray = plan.refused.get(change.id) == (rows_of[change.id], current[change.id])
            changes += _guard(
                info.sheet_id, tab, change.id, current[change.id], rows_of[change.id], astray=astray
            )
            changes += _row_cells(info.sheet_id, rows_of[change.id], header, cells)
        inserts: list[dict[str, Any]] = []
        for t, rows in plan.new_rows.items():
            # only rows of the tab being changed are tagged: rows of other tabs (history) are
            # never updated by the app, and a tag costs a metadata id (see _tag_id)
            inserts += _insert_rows(
                self._tab(t).sheet_id, t, ends[t], plan.append_headers[t], rows, tag=t == tab
            )
            if t == tab and plan.once:
                # Another app instance storing the same token at the same moment creates the same
                # metadata id: the later batch fails, reads again and finds the row (B3 across
                # processes).
                inserts.append(_once_tag(info.sheet_id, tab, plan.once_key(), ends[tab]))
        plan.positions, plan.versions, plan.updated = rows_of, current, updated
        return changes, inserts

    def _check_once(self, plan: _UpdatePlan, columns: list[list[Any]]) -> None:
        """Raise :class:`AlreadyStored` if a row of ``plan.tab`` holds every cell of ``plan.once``.

        ``columns``: the id column, then one column per key of ``plan.once``, as just read. The
        stored row comes from this process's memory when it has it, else from one more read.
        """
        tab = plan.tab
        id_cells, *cols = columns
        wanted = [to_cell(tab, c, v) for c, v in plan.once.items()]
        for r in range(1, len(id_cells)):
            if _blank(id_cells[r]):
                continue
            cells = [
                to_cell(tab, c, col[r] if r < len(col) else None)
                for c, col in zip(plan.once, cols, strict=True)
            ]
            if cells != wanted:
                continue
            row_id = to_cell(tab, "id", id_cells[r])
            info = self._tab(tab)
            row = info.rows.get(row_id)
            if row is None or any(
                to_cell(tab, c, row.get(c)) != v for c, v in zip(plan.once, wanted, strict=True)
            ):
                (row,) = self._read_rows(tab, [r])
                info.rows[row_id] = row
            raise AlreadyStored(tab, _output(tab, self._header(tab), row))

    def _after_update(self, plan: _UpdatePlan) -> list[dict[str, Any]]:
        """Refresh the row cache; return the changed rows as stored (cache + change)."""
        updated = plan.updated
        for t, rows in plan.new_rows.items():
            cache = self._tab(t).rows
            for r in rows:
                cache[r["id"]] = r
        tab = plan.tab
        info = self._tab(tab)
        header = self._header(tab)
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

    def _update_landed(self, plan: _UpdatePlan) -> bool:
        """After a write whose outcome is unknown: did it land? (one read)"""
        if plan.changes:
            first = plan.changes[0]
            header = self._header(plan.tab)
            cols = [header.index(c) for c in ("id", "version", "updated_at")]
            reply = self._retry(
                lambda: self._http.values_batch_get(
                    self.key, [_column_range(plan.tab, c) for c in cols], dict(_COLUMN_PARAMS)
                )
            )
            id_cells, ver, at = (_flat(vr.get("values") or []) for vr in reply.get("valueRanges", []))
            for r, value in enumerate(id_cells):
                if r and not _blank(value) and to_cell(plan.tab, "id", value) == first.id:
                    v = to_cell(plan.tab, "version", ver[r] if r < len(ver) else None)
                    stamp = to_cell(plan.tab, "updated_at", at[r] if r < len(at) else None)
                    return v == first.expected_version + 1 and stamp == to_cell(
                        plan.tab, "updated_at", plan.now
                    )
            return False
        t, ids = next(iter(plan.append_ids.items()))
        return ids[0] in set(self._id_column(t))

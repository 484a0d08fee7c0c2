"""The Google Sheets backend: a :class:`core.ports.Workbook` over one spreadsheet, on gspread 6.

One tab per worksheet, a header row, then one row per record. What this adapter promises:

* **Rows are found by ``id``, never by position.** Every write first re-reads the ``id`` and
  ``version`` columns (and the header rows) in one ``values:batchGet``, so rows a person inserted,
  sorted or deleted in the sheet since the app last read it cannot misplace the write.
* **Optimistic concurrency.** A row whose ``version`` moved raises :class:`StaleRow` naming every
  stale id, and nothing is written.
* **Row tags close the gap between the re-read and the write.** Each app row carries row-anchored
  developer metadata whose id derives from (tab, id, version); Google moves it with the row. The
  write batch fails, all of it, if the tag is no longer at the row read (a person inserted, deleted
  or sorted rows meanwhile) or if the next version's tag already exists (another app instance
  moved the row first); the adapter then reads again (see :func:`_guard`).
* **Call budget.** ``read_many`` is one ``values:batchGet`` for every tab; ``append`` is one
  ``values:append`` (``INSERT_ROWS``, ``RAW``); ``update`` is one ``values:batchGet`` (with the
  ``once`` client-token check) plus one ``spreadsheets.batchUpdate`` (tag guards, ``updateCells``,
  ``insertDimension`` for new rows: all-or-nothing, including the ``also_append`` rows) whatever
  the number of rows.
* **Group commit.** ``update`` calls from several sessions (threads) of one process that queue
  while a group is being written (or within ``group_wait`` seconds; at most ``group_max``) share
  that one batchGet and one batchUpdate. Each caller still gets its own outcome: its rows,
  ``StaleRow``, ``AlreadyStored`` or its own error. When Google refuses the batch naming one
  update's request, that update is set aside and planned alone; the others are read and written
  again without it (see :meth:`GoogleSheetsWorkbook._run_group`).
* **Text stays text.** Values are written ``RAW`` / as ``stringValue``, so ``=1+1``, ``+84...`` and
  ``@x`` are never parsed as formulas or numbers. Reads use ``UNFORMATTED_VALUE`` and
  ``SERIAL_NUMBER`` dates without gspread's numericise; :func:`schemas.registry.coerce_frame` types
  the cells. Serial dates typed by hand into ``date`` columns come back as ISO text.
* **Bounded retries.** 429, 5xx and timeouts are retried with exponential backoff and jitter, a
  bounded number of times; then :class:`StorageUnavailable` with a Vietnamese message. When a write
  timed out, the adapter checks whether it landed before retrying, so a write is neither dropped
  nor doubled.
* **Hand-typed rows.** Rows typed into the sheet without an ``id`` are picked up on read, given a
  deterministic id (the same in every app instance that sees the same row), and that id is written
  back to the row, after re-checking that the row is still where it was and unchanged.

Limits (see docs/google-sheets.md): the Sheets API has no conditional write; the compare-and-set
rests on metadata ids being unique and a batchUpdate being atomic. Rows without a tag (bulk
``append``, typed by hand, stored before the tags) are guarded on their first write against
another instance only, and tagged by it.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

import gspread
import pandas as pd
from gspread.exceptions import APIError

from core.ports import Change, Row, check_changes, token_keys
from schemas.registry import coerce_frame, spec, to_cell
from storage.gsheets.archive import _Archiving
from storage.gsheets.cells import (
    _blank,
    _check_columns,
    _check_lengths,
    _extended,
    _new_rows,
    _project,
    _repeated,
)
from storage.gsheets.commit import _Committing
from storage.gsheets.credentials import client_from, spreadsheet_key
from storage.gsheets.errors import _WriteFailed, classify, refused_request
from storage.gsheets.marks import _Marks
from storage.gsheets.plan import _Ticket, _UpdatePlan
from storage.gsheets.provision import _Provisioning
from storage.gsheets.retry import _LANDED
from storage.gsheets.tabs import _DEFAULT_TZ, _TabInfo, new_stamp
from storage.gsheets.tags import append_cells, append_marker, bump_counter, column_guard
from storage.gsheets.wire import lean

#: Bytes of JSON per append batch (Google refuses 10 MB, and advises 2 MB).
APPEND_BATCH_BYTES = 1_500_000


def _chunks(rows: list[dict[str, Any]], header: Sequence[str]) -> list[list[dict[str, Any]]]:
    """``rows`` cut into batches of about :data:`APPEND_BATCH_BYTES` of appendCells JSON."""
    out: list[list[dict[str, Any]]] = [[]]
    size = 0
    for row in rows:
        cost = len(json.dumps([_extended(row.get(c)) for c in header], ensure_ascii=False))
        if out[-1] and size + cost > APPEND_BATCH_BYTES:
            out.append([])
            size = 0
        out[-1].append(row)
        size += cost
    return out


class GoogleSheetsWorkbook(_Committing, _Archiving, _Provisioning):
    """A workbook of named tabs in one Google spreadsheet (or in ``sheets_emulator``)."""

    def __init__(
        self,
        spreadsheet: str,
        *,
        client: gspread.Client | None = None,
        credentials: Mapping[str, Any] | None = None,
        clock: Callable[[], str] | None = None,
        timeout: float | tuple[float, float] = (10.0, 60.0),
        max_attempts: int = 6,
        backoff: float = 2.0,
        max_backoff: float = 32.0,
        sleep: Callable[[float], None] = time.sleep,
        seed: int | None = None,
        group_max: int = 50,
        group_wait: float = 0.0,
        marks_seconds: float = 5.0,
        human_edit_seconds: float = 30.0,
    ) -> None:
        self.key = spreadsheet_key(spreadsheet)
        self._account = ""
        if client is None:
            client, self._account = client_from(credentials or {})
        self.client = client
        self.client.set_timeout(timeout)  # gspread's default is no timeout at all
        self._http = lean(client.http_client)  # compact, gzip-compressed replies
        if clock is None:
            from storage.sqlite import now_hanoi

            clock = now_hanoi
        self._clock = clock
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self._attempts = max_attempts
        self._backoff = backoff
        self._max_backoff = max_backoff
        self._sleep = sleep
        self._rng = random.Random(seed)
        self._lock = threading.RLock()
        if group_max < 1 or group_wait < 0:
            raise ValueError("group_max must be at least 1 and group_wait at least 0")
        self._group_max = group_max
        self._group_wait = group_wait
        self._queue: list[_Ticket] = []  # updates waiting for the next group commit
        self._committing = False  # a caller is planning and writing a group right now
        self._group_cond = threading.Condition()
        self._tabs: dict[str, _TabInfo] | None = None
        self._tz = ZoneInfo(_DEFAULT_TZ)
        self._strict_delete: bool | None = None  # probed by ensure_tabs
        # change marks (see storage/gsheets/marks.py)
        self._marks_seconds = marks_seconds
        self._human_seconds = human_edit_seconds
        self._checked_at = 0.0
        self._drive_version: str | None = None
        self._drive_ok = True
        self._epoch = 0
        self._epoch_at = time.monotonic()
        self._suspect_at: float | None = None
        self._wrote = False

    def __repr__(self) -> str:
        return f"GoogleSheetsWorkbook({self.key!r})"

    def queued(self) -> int:
        """Updates waiting for the next group commit (see :meth:`_group_commit`)."""
        with self._group_cond:
            return len(self._queue)

    def close(self) -> None:
        """Close the HTTP session."""
        self._http.session.close()

    # -- the Workbook port ---------------------------------------------------------------

    def read(self, tab: str) -> pd.DataFrame:
        """All rows of ``tab`` in sheet order, typed by the tab's schema (empty if never created)."""
        return self.read_many([tab])[tab]

    def read_many(self, tabs: Sequence[str]) -> dict[str, pd.DataFrame]:
        """Several tabs in one ``values:batchGet`` (UNFORMATTED_VALUE, SERIAL_NUMBER dates)."""
        for tab in tabs:
            spec(tab)  # an unknown tab fails here, naming the known ones
        raw = self._read_raw(list(dict.fromkeys(tabs)))
        return {tab: coerce_frame(tab, raw.get(tab, [])) for tab in tabs}

    def append(self, tab: str, rows: Sequence[Row], *, actor: str) -> list[dict[str, Any]]:
        """Append rows (``appendCells``, after the last row with data), assigning ids and the envelope.

        Rows are sent in batches of at most ~1.5 MB (Google refuses requests over 10 MB and
        advises 2 MB). Each batch also creates a marker whose id derives from its first row, so a
        batch sent twice (a retry after a timeout whose first attempt landed late) is refused the
        second time instead of storing a copy; the marker of the sheet's previous batch is dropped
        in the same request, so at most one marker per sheet is left (1 character of metadata).
        """
        if not rows:
            return []
        with self._lock:
            header = self._header(tab)
            stored = _new_rows(tab, header, rows, actor=actor, now=self._clock())
            for r in stored:
                _check_lengths(tab, r, str(r["id"]))
            ids = [r["id"] for r in stored]
            keys = token_keys(tab, header, stored)
            if keys:  # a client token is stored once per unit (one more read, only for such rows)
                self._refuse_stored_tokens(tab, keys)
            given = [i for i, row in zip(ids, rows, strict=True) if not _blank(row.get("id"))]
            if given:  # only ids a caller chose can collide; fresh ULIDs cannot
                taken = sorted(set(given) & set(self._id_column(tab)))
                if taken:
                    raise ValueError(f"tab {tab!r}: id(s) already used, nothing was written: {taken}")
            info = self._tab(tab)
            for chunk in _chunks(stored, header):
                self._append_chunk(tab, header, chunk)
            info.untagged.update(ids)
            info.last_row = 0  # appendCells does not say where the rows went: located when needed
            result = [_project(tab, header, r) for r in stored]
            for r in result:
                info.rows[r["id"]] = r
            return result

    def load(self, tab: str, rows: Sequence[Row]) -> int:
        """Append rows exactly as given, envelope included (``cli.py copy``, ``cli.py archive``),
        in batches as :meth:`append`'s. Rows get no row tag: their first app write tags them."""
        if not rows:
            return 0
        for row in rows:
            if _blank(row.get("id")) or _blank(row.get("version")):
                raise ValueError(f"tab {tab!r}: a loaded row needs its id and version: {dict(row)!r}")
        with self._lock:
            header = self._header(tab)
            for row in rows:
                _check_columns(tab, header, row)
            stored = [{c: to_cell(tab, c, row.get(c)) for c in header} for row in rows]
            ids = [str(r["id"]) for r in stored]
            twice = _repeated(ids)
            if twice:
                raise ValueError(f"tab {tab!r}: id(s) already used, nothing was written: {twice}")
            keys = token_keys(tab, header, stored)
            if keys:  # a client token is stored once per unit (one more read, only for such rows)
                self._refuse_stored_tokens(tab, keys)
            taken = sorted(set(ids) & set(self._id_column(tab)))
            if taken:
                raise ValueError(f"tab {tab!r}: id(s) already used, nothing was written: {taken}")
            for r in stored:
                _check_lengths(tab, r, str(r["id"]))
            for chunk in _chunks(stored, header):
                self._append_chunk(tab, header, chunk)
            info = self._tab(tab)
            info.untagged.update(ids)
            info.last_row = 0
            return len(stored)

    def _append_chunk(self, tab: str, header: list[str], chunk: list[dict[str, Any]]) -> None:
        info = self._tab(tab)
        marker = append_marker(info.sheet_id, tab, str(chunk[0]["id"]))
        tagged = info.tagged_columns or {}
        guards = [
            g
            for j, c in enumerate(header)
            if tagged.get(c) == j
            for g in column_guard(info.sheet_id, tab, c, j)
        ]
        stamp = new_stamp()
        requests_ = [
            *marker,
            *guards,
            append_cells(info.sheet_id, header, chunk),
            *([bump_counter(tab, stamp)] if info.counter is not None else []),
        ]

        def write() -> Any:
            try:
                return self._batch_update({"requests": requests_})
            except APIError as exc:
                if classify(exc) == "refused" and refused_request(exc) == 0:
                    return _LANDED  # this very batch was stored by an attempt that timed out
                if classify(exc) == "refused" and tagged:
                    self._refresh_columns([tab])
                raise _WriteFailed(exc) from exc
            except Exception as exc:
                raise _WriteFailed(exc) from exc

        try:
            self._retry(write)
        except APIError as exc:
            raise self._person(exc) from exc
        self._note_change(tab, stamp)

    def change_marks(self, tabs: Sequence[str]) -> dict[str, int | None]:
        """Per tab, a mark that moves whenever the tab may have changed (see :mod:`.marks`)."""
        return _Marks.change_marks(self, tabs)

    def update(
        self,
        tab: str,
        changes: Sequence[Change],
        *,
        actor: str,
        also_append: Mapping[str, Sequence[Row]] | None = None,
        once: Mapping[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        """Apply all changes (and appends) together or none; raise ``StaleRow`` naming moved ids.

        ``once``: the new row of ``tab`` is a submission that must be stored a single time; its id
        is derived from the ``once`` cells when the caller gives none (a caller that gives one
        derives it from them too: ``services.new_row_id``). A resend finds the row by its tag in
        the same pre-write read (no extra call) and raises :class:`AlreadyStored` with it.
        """
        also_append = {t: rows for t, rows in (also_append or {}).items() if rows}
        if not changes and not also_append:
            return []
        check_changes(tab, changes)
        plan = _UpdatePlan(tab, list(changes), actor, self._clock(), also_append, dict(once or {}))
        return self._group_commit(_Ticket(plan))

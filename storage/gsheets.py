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

import datetime as dt
import hashlib
import json
import logging
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import gspread
import pandas as pd
import requests
import ulid
from gspread.exceptions import APIError

from core.errors import RowNotFound, StaleRow, StorageUnavailable, ThiduaError
from core.ports import (
    AlreadyStored,
    Change,
    Row,
    TokensTaken,
    check_changes,
    check_header,
    repeated_keys,
    token_keys,
)
from core.text import all_clean
from schemas.registry import TABS, coerce_frame, columns_of, spec, to_cell
from schemas.validate import choices

__all__ = ["SCOPES", "DuplicateRowId", "GoogleSheetsWorkbook", "dropdowns", "spreadsheet_key"]

log = logging.getLogger(__name__)

#: What the service account needs: the sheet itself, and Drive to open it by key.
SCOPES: tuple[str, ...] = (
    "https://www.googleapis.com/auth/spreadsheets",
    "https://www.googleapis.com/auth/drive",
)
_SERVICE_ACCOUNT_FIELDS = ("type", "project_id", "private_key", "client_email", "token_uri")
_TRANSIENT = frozenset({429, 500, 502, 503, 504})
_EPOCH = dt.datetime(1899, 12, 30)
_DEFAULT_TZ = "Asia/Ho_Chi_Minh"
#: Who is recorded as the author of the envelope cells of a row typed straight into the sheet.
SHEET_AUTHOR = "google-sheets"
_READ_PARAMS = {
    "valueRenderOption": "UNFORMATTED_VALUE",
    "dateTimeRenderOption": "SERIAL_NUMBER",
    "majorDimension": "ROWS",
}
#: Whole columns (ids, versions) come back as one list each: about a third fewer bytes than ROWS.
_COLUMN_PARAMS = {**_READ_PARAMS, "majorDimension": "COLUMNS"}

#: Developer-metadata key of the row tags (see :func:`_tag_id`); the value is ``<id>@<version>``.
ROW_TAG_KEY = "thidua.row"

#: Columns people are warned about before editing them by hand (warning-only protected ranges).
PROTECTED_COLUMNS: tuple[str, ...] = ("id", "version", "state")
#: Columns holding an award code from the catalogue.
AWARD_CODE_COLUMNS: tuple[str, ...] = ("award_code",)

T = TypeVar("T")
#: What :meth:`GoogleSheetsWorkbook._retry` returns when a write reported an error but had landed.
_LANDED: Any = object()


class DuplicateRowId(ThiduaError):
    """Several sheet rows carry the same id (usually a copied row); the write is refused."""

    code = "gsheets.duplicate_id"

    def __init__(self, ids: Sequence[str], tab: str) -> None:
        self.ids = tuple(ids)
        self.tab = tab
        super().__init__(ids=", ".join(self.ids), tab=tab)


class _WriteFailed(Exception):
    """The write call of an operation failed; ``cause`` says how (its outcome may be unknown)."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


class _HeaderMoved(Exception):
    """The header row changed under us (a person inserted or moved a column): start again."""


class _Replan(_HeaderMoved):
    """Google refused the write batch (400): a guarded row moved, another app instance wrote the
    same row first, or the grid shrank. Nothing was applied (a batchUpdate is all-or-nothing):
    read again and plan again. ``culprit``: the update whose request Google named, if known."""

    def __init__(self, message: str, culprit: _Ticket | None = None) -> None:
        super().__init__(message)
        self.culprit = culprit


def dropdowns(award_codes: Sequence[str]) -> dict[str, dict[str, tuple[str, ...]]]:
    """Dropdown choices per tab and column: the schemas' enumerations plus the catalogue's codes."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for tab in TABS:
        for column in columns_of(tab):
            allowed = choices(tab, column)
            if column in AWARD_CODE_COLUMNS and award_codes:
                allowed = tuple(award_codes)
            if allowed:
                out.setdefault(tab, {})[column] = allowed
    return out


def spreadsheet_key(url_or_key: str) -> str:
    """The spreadsheet key from a key or a ``https://docs.google.com/spreadsheets/d/<key>/...`` URL."""
    text = url_or_key.strip()
    found = re.search(r"/spreadsheets/d/([a-zA-Z0-9_-]+)", text)
    if found:
        return found.group(1)
    if not text or "/" in text:
        raise ValueError(f"not a spreadsheet key or URL: {url_or_key!r}")
    return text


def quote_title(title: str) -> str:
    """A sheet title as A1 notation wants it: always single-quoted, inner quotes doubled."""
    return "'" + title.replace("'", "''") + "'"


def column_letter(index: int) -> str:
    """0-based column index -> A1 column letters (0 -> A, 26 -> AA)."""
    n = index + 1
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _repeated(items: Sequence[str]) -> list[str]:
    return sorted(item for item, n in Counter(items).items() if n > 1)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _extended(value: Any) -> dict[str, Any]:
    """An ExtendedValue for updateCells/appendCells: text is always ``stringValue`` (never a formula)."""
    if value is None or value == "":
        return {}
    if isinstance(value, bool):
        return {"userEnteredValue": {"boolValue": value}}
    if isinstance(value, int | float):
        return {"userEnteredValue": {"numberValue": value}}
    return {"userEnteredValue": {"stringValue": str(value)}}


def _raw(value: Any) -> Any:
    """A JSON value for a RAW ``values`` write (None -> empty cell)."""
    return "" if value is None else value


@dataclass
class _TabInfo:
    sheet_id: int
    header: list[str] | None = None  # None: not read yet
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> cells as last seen
    last_row: int = 0  # 1-based sheet row of the last row with an id, as last seen (0: unknown)
    columns: int = 26  # the grid's column count


class GoogleSheetsWorkbook:
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
    ) -> None:
        self.key = spreadsheet_key(spreadsheet)
        self._account = ""
        if client is None:
            client = self._client_from(credentials or {})
        self.client = client
        self.client.set_timeout(timeout)  # gspread's default is no timeout at all
        self._http = client.http_client
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

    def _client_from(self, credentials: Mapping[str, Any]) -> gspread.Client:
        """A gspread client for a service account given as the fields of its JSON key file."""
        from google.oauth2.service_account import Credentials

        info = {k: v for k, v in credentials.items() if k not in ("spreadsheet", "worksheet", "type_")}
        missing = [f for f in _SERVICE_ACCOUNT_FIELDS if not info.get(f)]
        if missing:
            raise StorageUnavailable("gsheets.bad_credentials", fields=", ".join(missing))
        self._account = str(info.get("client_email", ""))
        try:
            creds = Credentials.from_service_account_info(info, scopes=list(SCOPES))
        except (ValueError, KeyError, TypeError):
            # ``from None``: the cause may quote the key material, which must never reach a log.
            raise StorageUnavailable("gsheets.bad_credentials", fields="private_key") from None
        return gspread.Client(auth=creds)

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

    def ensure_tabs(self, tabs: Mapping[str, Sequence[str]]) -> None:
        """Create missing tabs and missing header columns; never drop or reorder a column."""
        wanted = {tab: _check_header(tab, header) for tab, header in tabs.items()}
        with self._lock:
            known = self._metadata(refresh=True)
            existing = [t for t in wanted if t in known]
            current: dict[str, list[str]] = {}
            if existing:
                reply = self._retry(
                    lambda: self._http.values_batch_get(
                        self.key, [f"{quote_title(t)}!1:1" for t in existing], dict(_READ_PARAMS)
                    )
                )
                for tab, vr in zip(existing, reply.get("valueRanges", []), strict=True):
                    values = vr.get("values") or [[]]
                    current[tab] = ["" if v is None else str(v).strip() for v in values[0]]
            requests_: list[dict[str, Any]] = []
            used = {info.sheet_id for info in known.values()}
            new_ids: dict[str, int] = {}
            headers_now: dict[str, list[str]] = {}
            for tab, header in wanted.items():
                if tab not in known:
                    sheet_id = self._new_sheet_id(used)
                    used.add(sheet_id)
                    new_ids[tab] = sheet_id
                    grid = {"rowCount": 1000, "columnCount": max(26, len(header)), "frozenRowCount": 1}
                    requests_.append(
                        {
                            "addSheet": {
                                "properties": {"sheetId": sheet_id, "title": tab, "gridProperties": grid}
                            }
                        }
                    )
                    requests_.append(_header_cells(sheet_id, 0, header))
                    continue
                have = current[tab]
                while have and have[-1] == "":
                    have.pop()
                missing = [c for c in header if c not in have]
                if missing:
                    short = len(have) + len(missing) - known[tab].columns
                    if short > 0:
                        requests_.append(
                            {
                                "appendDimension": {
                                    "sheetId": known[tab].sheet_id,
                                    "dimension": "COLUMNS",
                                    "length": short,
                                }
                            }
                        )
                    requests_.append(_header_cells(known[tab].sheet_id, len(have), missing))
                headers_now[tab] = have + missing
            if requests_:
                body = {"requests": requests_}
                self._retry(lambda: self._http.batch_update(self.key, body))
            for tab, header in headers_now.items():  # only once the header cells are written
                known[tab].header = header
                known[tab].columns = max(known[tab].columns, len(header))
            for tab, sheet_id in new_ids.items():
                known[tab] = _TabInfo(sheet_id, list(wanted[tab]), columns=max(26, len(wanted[tab])))

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
        """Append rows with one ``values:append`` (INSERT_ROWS, RAW), assigning ids and the envelope."""
        if not rows:
            return []
        with self._lock:
            header = self._header(tab)
            stored = _new_rows(tab, header, rows, actor=actor, now=self._clock())
            ids = [r["id"] for r in stored]
            given = [i for i, row in zip(ids, rows, strict=True) if not _blank(row.get("id"))]
            if given:  # only ids a caller chose can collide; fresh ULIDs cannot
                taken = sorted(set(given) & set(self._id_column(tab)))
                if taken:
                    raise ValueError(f"tab {tab!r}: id(s) already used, nothing was written: {taken}")
            keys = token_keys(tab, header, stored)
            if keys:  # a client token is stored once per unit (one more read, only for such rows)
                self._refuse_stored_tokens(tab, keys)
            body = {"values": [[_raw(r.get(c)) for c in header] for r in stored]}
            params: dict[str, Any] = {"valueInputOption": "RAW", "insertDataOption": "INSERT_ROWS"}
            info = self._tab(tab)
            # values:append appends after the "table" found from the range's first value. From A1
            # that is the block under the header, which ends at the first blank row a person left;
            # from the id cell of the last row we saw, it is the block holding the newest rows.
            letter = column_letter(header.index("id"))
            hinted = f"{quote_title(tab)}!{letter}{info.last_row}:{letter}" if info.last_row > 1 else ""
            targets = [t for t in (hinted, f"{quote_title(tab)}!A1") if t]

            def write() -> Any:
                while True:
                    try:
                        return self._http.values_append(self.key, targets[0], params, body)
                    except APIError as exc:
                        if _status(exc) == 400 and len(targets) > 1:  # the hint fell off a shrunken grid
                            targets.pop(0)
                            continue
                        raise _WriteFailed(exc) from exc
                    except Exception as exc:
                        raise _WriteFailed(exc) from exc

            def landed() -> bool:
                return ids[0] in set(self._id_column(tab))

            reply = self._retry(write, landed=landed)  # landed or written: the same rows are stored
            if isinstance(reply, dict):
                end = re.search(r"(\d+)$", str(reply.get("updates", {}).get("updatedRange", "")))
                if end:
                    info.last_row = int(end.group(1))
            result = [_project(tab, header, r) for r in stored]
            for r in result:
                info.rows[r["id"]] = r
            return result

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

        ``once``: the columns it names are read in the same ``values:batchGet`` as the ids and
        versions (no extra call); a row matching them raises :class:`AlreadyStored`.
        """
        also_append = {t: rows for t, rows in (also_append or {}).items() if rows}
        if not changes and not also_append:
            return []
        check_changes(tab, changes)
        plan = _UpdatePlan(tab, list(changes), actor, self._clock(), also_append, dict(once or {}))
        return self._group_commit(_Ticket(plan))

    # -- provisioning (cli.py provision) ----------------------------------------------------------

    def provision(
        self,
        dropdowns: Mapping[str, Mapping[str, Sequence[str]]],
        *,
        protect: Sequence[str] = PROTECTED_COLUMNS,
    ) -> list[str]:
        """Make the sheet friendly to people typing into it; returns what was done, one line each.

        Creates missing tabs and header cells (:meth:`ensure_tabs`), freezes every header row, adds
        dropdowns (ONE_OF_LIST data validation) for ``dropdowns[tab][column]`` and warning-only
        protected ranges over the ``protect`` columns. Safe to run again: it only adds what is
        missing and re-sets the dropdowns to the current lists. Costs 4 to 5 calls in all.
        """
        with self._lock:
            before = set(self._metadata(refresh=True))
            tabs = {tab: columns_of(tab) for tab in TABS}
            self.ensure_tabs(tabs)
            done = [f"tab {tab}: created with {len(tabs[tab])} columns" for tab in tabs if tab not in before]
            fields = (
                "sheets(properties(sheetId,title,gridProperties(rowCount,frozenRowCount)),"
                "protectedRanges(protectedRangeId,description))"
            )
            reply = self._retry(lambda: self._http.fetch_sheet_metadata(self.key, {"fields": fields}))
            sheets = {str(s["properties"]["title"]): s for s in reply.get("sheets", [])}
            requests_: list[dict[str, Any]] = []
            for tab in tabs:
                sheet = sheets[tab]
                sheet_id = int(sheet["properties"].get("sheetId", 0))
                header = self._header(tab)
                grid = sheet["properties"].get("gridProperties", {})
                if int(grid.get("frozenRowCount", 0)) != 1:
                    requests_.append(
                        {
                            "updateSheetProperties": {
                                "properties": {"sheetId": sheet_id, "gridProperties": {"frozenRowCount": 1}},
                                "fields": "gridProperties.frozenRowCount",
                            }
                        }
                    )
                    done.append(f"tab {tab}: header row frozen")
                for column, values in dropdowns.get(tab, {}).items():
                    if column not in header or not values:
                        continue
                    j = header.index(column)
                    rng = {
                        "sheetId": sheet_id,
                        "startRowIndex": 1,
                        "startColumnIndex": j,
                        "endColumnIndex": j + 1,
                    }
                    rule = {
                        "condition": {
                            "type": "ONE_OF_LIST",
                            "values": [{"userEnteredValue": str(v)} for v in values],
                        },
                        "strict": True,
                        "showCustomUi": True,
                    }
                    requests_.append({"setDataValidation": {"range": rng, "rule": rule}})
                    done.append(f"tab {tab}: dropdown on {column} ({len(values)} choices)")
                described = {str(p.get("description", "")) for p in sheet.get("protectedRanges", [])}
                for column in protect:
                    label = f"thidua: {tab}.{column}"
                    if column not in header or label in described:
                        continue
                    j = header.index(column)
                    requests_.append(
                        {
                            "addProtectedRange": {
                                "protectedRange": {
                                    "range": {
                                        "sheetId": sheet_id,
                                        "startColumnIndex": j,
                                        "endColumnIndex": j + 1,
                                    },
                                    "description": label,
                                    "warningOnly": True,
                                }
                            }
                        }
                    )
                    done.append(f"tab {tab}: warning before editing column {column}")
            if requests_:
                body = {"requests": requests_}
                self._retry(lambda: self._http.batch_update(self.key, body))
            return done

    # -- update, step by step: the group commit ---------------------------------------------

    def _group_commit(self, ticket: _Ticket) -> list[dict[str, Any]]:
        """Queue ``ticket``'s update; updates queued together share one read and one write.

        The first caller to find no group in flight leads: it waits ``group_wait`` seconds for
        more callers (0: only those that queued while the previous group was being written), takes
        up to ``group_max`` queued updates, plans and writes them (:meth:`_run_group`) and wakes
        their callers. Each caller gets its own outcome: its rows, or its own exception.
        """
        with self._group_cond:
            self._queue.append(ticket)
            while not ticket.done and self._committing:
                self._group_cond.wait()
            lead = not ticket.done
            if lead:
                self._committing = True
        if lead:
            try:
                if self._group_wait:
                    self._sleep(self._group_wait)
                while not ticket.done:
                    with self._group_cond:
                        group = self._queue[: self._group_max]
                        del self._queue[: len(group)]
                    self._run_group(group)
                    with self._group_cond:
                        self._group_cond.notify_all()
            finally:
                with self._group_cond:
                    self._committing = False
                    self._group_cond.notify_all()
        if ticket.error is not None:
            raise ticket.error
        assert ticket.result is not None
        return ticket.result

    def _run_group(self, tickets: list[_Ticket]) -> None:
        """Plan and write ``tickets`` together; every ticket ends done (its rows or its error).

        A batchUpdate is all-or-nothing, so when Google refuses it (a tag guard failed) and the
        error names the refused request, that ticket is set aside and planned alone afterwards
        (with its own bounded re-plans, as an update planned alone always was); the others are read
        and planned again without it. A refusal naming no request re-plans all, at most 3 times.
        """
        try:
            self._run_groups(tickets)
        finally:  # whatever happened, no caller is left waiting
            for t in tickets:
                if not t.done:
                    t.finish(error=StorageUnavailable("gsheets.unavailable", attempts=1, detail="aborted"))

    def _run_groups(self, tickets: list[_Ticket]) -> None:
        with self._lock:
            groups = [tickets]
            while groups:
                group = [t for t in groups.pop(0) if not t.done]
                tries = 0
                while group:
                    tries += 1
                    try:
                        deferred = self._commit_group(group)
                    except _Replan as refused:
                        culprit = refused.culprit
                        log.info("write batch refused (%s); reading again", refused)
                        if culprit is not None and len(group) > 1:
                            group = [t for t in group if t is not culprit and not t.done]
                            groups.append([culprit])
                            tries -= 1  # bounded by the group's size: each round sets one aside
                            continue
                    except _HeaderMoved as moved:
                        log.info("tab %s: the header moved; reading again", moved)
                    except Exception as exc:  # unavailable, 403, 404...: every caller still waiting is told
                        for t in group:
                            if not t.done:
                                t.finish(error=exc)
                        group = []
                        continue
                    else:
                        groups += [[t] for t in deferred]
                        group = []
                        continue
                    group = [t for t in group if not t.done]
                    if tries >= 3:
                        for t in group:
                            t.finish(
                                error=StorageUnavailable(
                                    "gsheets.unavailable",
                                    attempts=3,
                                    detail="the rows or the header keep moving",
                                )
                            )
                        group = []

    def _commit_group(self, group: list[_Ticket]) -> list[_Ticket]:
        """One read and one write for ``group``, with bounded retries; returns the tickets deferred
        to a later write (a second update with the same ``once`` key as one in this group)."""
        state = _GroupState()

        def landed() -> bool:
            return bool(state.written) and self._update_landed(state.written[0].plan)

        result = self._retry(lambda: self._group_once(group, state), landed=landed)
        if result is _LANDED:
            for t in state.written:
                self._finish_written(t)
        return state.deferred

    def _finish_written(self, ticket: _Ticket) -> None:
        """A written update's rows as stored; a failure there is that caller's alone."""
        try:
            ticket.finish(result=self._after_update(ticket.plan))
        except Exception as exc:
            ticket.finish(error=exc)

    def _group_once(self, group: list[_Ticket], state: _GroupState) -> None:
        """Re-read ids, versions, headers and ``once`` columns of every update (1 call), check each
        one (its own error on failure), then write all that passed (1 call)."""
        state.written, state.deferred = [], []
        live: list[_Ticket] = []
        ranges: dict[str, int] = {}  # range -> index in the batchGet

        def want(rng: str) -> int:
            return ranges.setdefault(rng, len(ranges))

        probes: dict[str, int] = {}
        for t in group:
            if t.done:
                continue
            try:
                self._prepare(t.plan)
            except (ThiduaError, AlreadyStored, ValueError) as exc:
                t.finish(error=exc)
                continue
            live.append(t)
            for tab_ in t.plan.probe_tabs:
                probes[tab_] = want(f"{quote_title(tab_)}!1:1")
            t.plan.reads = [want(r) for r in t.plan.ranges]
        if not live:
            return
        # 1. one batchGet for every update of the group
        reply = self._http.values_batch_get(self.key, list(ranges), dict(_COLUMN_PARAMS))
        got = [vr.get("values") or [] for vr in reply.get("valueRanges", [])]
        got += [[]] * (len(ranges) - len(got))
        for t_, at in probes.items():
            seen = ["" if not c or c[0] is None else str(c[0]).strip() for c in got[at]]
            while seen and seen[-1] == "":
                seen.pop()
            if seen != (self._tab(t_).header or []):
                self._tab(t_).header = seen
                raise _HeaderMoved(t_)
        # 2. each update checked on its own; within the group the first update of a row or of a
        #    ``once`` key wins, as if the later one had arrived just after it.
        changed: set[tuple[str, str]] = set()
        onces: set[str] = set()
        offsets: Counter[str] = Counter()
        change_reqs: list[dict[str, Any]] = []
        insert_reqs: list[dict[str, Any]] = []
        owner: list[_Ticket | None] = []  # request index -> the ticket it belongs to
        inserts_owner: list[_Ticket | None] = []
        tokens_planned: set[tuple[str, str, str]] = set()
        for t in live:
            plan = t.plan
            key = f"{plan.tab}\0{plan.once_key()}" if plan.once else ""
            my_tokens = {(tab_, u, c) for tab_, keys in plan.token_keys.items() for u, c in keys}
            if (key and key in onces) or my_tokens & tokens_planned:
                state.deferred.append(t)  # planned after this write: it will find the rows stored
                continue
            try:
                rows_of, current, ends = self._check_plan(plan, [got[i] for i in plan.reads])
                taken = [c.id for c in plan.changes if (plan.tab, c.id) in changed]
                if taken:
                    raise StaleRow(taken, plan.tab)
            except (ThiduaError, AlreadyStored, ValueError) as exc:
                t.finish(error=exc)
                continue
            if key:
                onces.add(key)
            tokens_planned |= my_tokens
            changed.update((plan.tab, c.id) for c in plan.changes)
            shifted = {t_: end + offsets[t_] for t_, end in ends.items()}
            for t_, rows in plan.new_rows.items():
                offsets[t_] += len(rows)
            mine, theirs = self._plan_requests(plan, rows_of, current, shifted)
            change_reqs += mine
            owner += [t] * len(mine)
            insert_reqs += theirs
            inserts_owner += [t] * len(theirs)
            state.written.append(t)
        if not state.written:
            return
        # 3. one spreadsheets.batchUpdate, all or nothing: every guard and changed cell first (rows
        #    above the last id), then each update's new rows under the last id, in queue order.
        body = {"requests": change_reqs + insert_reqs}
        owner += inserts_owner
        try:
            self._http.batch_update(self.key, body)
        except APIError as exc:
            if _status(exc) == 400:
                found = re.search(r"requests\[(\d+)\]", str(exc))
                culprit = owner[int(found.group(1))] if found and int(found.group(1)) < len(owner) else None
                for t in state.written if culprit is None else [culprit]:
                    t.plan.refused = {i: (t.plan.positions[i], t.plan.versions[i]) for i in t.plan.positions}
                raise _Replan(str(exc), culprit) from exc
            raise _WriteFailed(exc) from exc
        except Exception as exc:
            raise _WriteFailed(exc) from exc
        for t in state.written:
            self._finish_written(t)

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
        # client tokens of the rows being appended (a token is stored once per unit): the
        # stored (unit_id, client_token) columns ride the same call
        plan.token_keys = {}
        for t, rows in plan.new_rows.items():
            keys = token_keys(t, plan.append_headers[t], rows)
            if keys:
                plan.token_keys[t] = keys
                h = plan.append_headers[t]
                ranges += [_column_range(t, h.index("unit_id")), _column_range(t, h.index("client_token"))]
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
        appended, rest = rest[: len(plan.appends)], rest[len(plan.appends) :]
        n_once = len(plan.once) + 1 if plan.once else 0
        matched, tokens = rest[:n_once], rest[n_once:]
        if plan.once:
            self._check_once(plan, [_flat(v) for v in matched])
        for k, (t, keys) in enumerate(plan.token_keys.items()):
            units, stored = _flat(tokens[2 * k]), _flat(tokens[2 * k + 1])
            wanted = set(keys)
            refused = set(repeated_keys(keys))
            for r in range(1, len(stored)):
                token = to_cell(t, "client_token", stored[r])
                if token:
                    key = (to_cell(t, "unit_id", units[r] if r < len(units) else None), token)
                    if key in wanted:
                        refused.add(key)
            if refused:
                raise TokensTaken(t, [key for key in keys if key in refused])
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

    # -- reading -----------------------------------------------------------------------------

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

    def _adopt(
        self, tab: str, header: list[str], handmade: list[tuple[int, dict[str, Any], list[Any]]]
    ) -> set[int]:
        """Give rows typed by hand an id; write it back where the row still is, unchanged.

        The id is derived from the tab, the row's position and its cells, so two app instances
        that read the same hand-typed row give it the same id. Before writing, the rows are read
        again (one batchGet) and compared with what was read; a row that moved or changed is left
        for the next read. Returns the ``id()`` of the row dicts that were adopted.
        """
        last = column_letter(max(len(header), 1) - 1)
        adopted: set[int] = set()
        with self._lock:
            # one range spanning every such row, however many a person pasted (URLs stay short)
            first, end = handmade[0][0], handmade[-1][0]
            span = f"{quote_title(tab)}!A{first + 1}:{last}{end + 1}"
            reply = self._retry(lambda: self._http.values_batch_get(self.key, [span], dict(_READ_PARAMS)))
            now_rows = (reply.get("valueRanges") or [{}])[0].get("values") or []
            now = self._clock()
            data: list[dict[str, Any]] = []
            for r, row, cells in handmade:
                again = now_rows[r - first] if r - first < len(now_rows) else []
                if _trim(again) != _trim(cells[: len(header)]):
                    continue  # moved or edited since: the next read will try again
                fill = {
                    "id": row.get("id"),
                    "version": 1,
                    "created_at": to_cell(tab, "created_at", now),
                    "updated_at": to_cell(tab, "updated_at", now),
                    "updated_by": SHEET_AUTHOR,
                }
                if _blank(row.get("id")):
                    digest = hashlib.sha256(
                        json.dumps([tab, r, _trim(cells)], ensure_ascii=False, default=str).encode()
                    ).hexdigest()
                    fill["id"] = "S" + digest[:25].upper()
                for column, value in fill.items():
                    if _blank(row.get(column)):
                        if column in header:
                            cell = f"{quote_title(tab)}!{column_letter(header.index(column))}{r + 1}"
                            data.append({"range": cell, "values": [[value]]})
                        row[column] = value
                adopted.add(id(row))
            if data:
                body = {"valueInputOption": "RAW", "data": data}
                try:
                    self._retry(lambda: self._http.values_batch_update(self.key, body))
                except StorageUnavailable as exc:
                    # The read still succeeds: the ids are derived from the rows, so the next read
                    # finds the same ids and tries the write-back again.
                    log.warning("tab %s: could not write ids back to hand-typed rows: %s", tab, exc)
                else:
                    log.info("tab %s: gave an id to %d row(s) typed into the sheet", tab, len(adopted))
        return adopted

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
        units, tokens = [*got, [], []][:2]
        stored = {
            (to_cell(tab, "unit_id", units[r] if r < len(units) else None), to_cell(tab, "client_token", v))
            for r, v in enumerate(tokens)
            if r and not _blank(v)
        }
        refused = set(repeated_keys(keys)) | (set(keys) & stored)
        if refused:
            raise TokensTaken(tab, [k for k in keys if k in refused])

    def _id_column(self, tab: str) -> list[str]:
        """Every id in ``tab`` (one values:batchGet of the id column)."""
        header = self._header(tab)
        rng = _column_range(tab, header.index("id"))
        reply = self._retry(lambda: self._http.values_batch_get(self.key, [rng], dict(_COLUMN_PARAMS)))
        values = _flat((reply.get("valueRanges") or [{}])[0].get("values") or [])
        return [to_cell(tab, "id", v) for v in values[1:] if not _blank(v)]

    # -- metadata and headers ---------------------------------------------------------------------

    def _metadata(self, refresh: bool = False) -> dict[str, _TabInfo]:
        """Sheet title -> id (one spreadsheets.get, cached; headers kept across refreshes)."""
        with self._lock:
            if self._tabs is not None and not refresh:
                return self._tabs
            params: dict[str, Any] = {
                "fields": "properties.timeZone,sheets.properties(sheetId,title,gridProperties.columnCount)"
            }
            reply = self._retry(lambda: self._http.fetch_sheet_metadata(self.key, params))
            tz = reply.get("properties", {}).get("timeZone")
            if tz:
                try:
                    self._tz = ZoneInfo(tz)
                except (KeyError, ValueError):
                    log.warning("unknown spreadsheet time zone %r; using %s", tz, _DEFAULT_TZ)
            old = self._tabs or {}
            fresh: dict[str, _TabInfo] = {}
            for sheet in reply.get("sheets", []):
                props = sheet.get("properties", {})
                title, sheet_id = str(props.get("title", "")), int(props.get("sheetId", 0))
                prev = old.get(title)
                info = prev if prev is not None and prev.sheet_id == sheet_id else _TabInfo(sheet_id)
                info.columns = int(props.get("gridProperties", {}).get("columnCount", info.columns))
                fresh[title] = info
            self._tabs = fresh
            return fresh

    def _tab(self, tab: str) -> _TabInfo:
        known = self._metadata()
        if tab not in known:
            known = self._metadata(refresh=True)
        if tab not in known:
            spec(tab)
            raise ValueError(f"tab {tab!r} does not exist yet; create it with ensure_tabs() first")
        return known[tab]

    def _header(self, tab: str) -> list[str]:
        """The tab's header row (cached; read with one call the first time)."""
        info = self._tab(tab)
        if info.header is None:
            reply = self._retry(
                lambda: self._http.values_batch_get(self.key, [f"{quote_title(tab)}!1:1"], dict(_READ_PARAMS))
            )
            values = (reply.get("valueRanges") or [{}])[0].get("values") or [[]]
            header = ["" if v is None else str(v).strip() for v in values[0]]
            while header and header[-1] == "":
                header.pop()
            info.header = header
        if "id" not in info.header or "version" not in info.header:
            raise ValueError(f"tab {tab!r} has no 'id' and 'version' header cells; run ensure_tabs() first")
        return info.header

    @staticmethod
    def _new_sheet_id(used: set[int]) -> int:
        while True:
            candidate = random.randrange(1, 2**31 - 1)
            if candidate not in used:
                return candidate

    # -- retries ------------------------------------------------------------------------------------

    def _retry(self, call: Callable[[], T], *, landed: Callable[[], bool] | None = None) -> T:
        """Run ``call`` with bounded retries on 429/5xx/timeouts, exponential backoff and jitter.

        A failure inside a write (:class:`_WriteFailed`) whose outcome is unknown (5xx, timeout)
        is followed by ``landed()``: when the write did land, the operation is done (and returns
        ``None``, the caller's result being rebuilt from what it sent); otherwise it is retried.
        """
        last: BaseException | None = None
        for attempt in range(self._attempts):
            if attempt:
                self._sleep(self._delay(attempt - 1))
            try:
                return call()
            except _WriteFailed as failed:
                cause = failed.cause
                if not self._transient(cause):
                    fatal = self._fatal(cause)
                    raise fatal from (None if fatal is cause else cause)
                last = cause
                if landed is not None and _status(cause) != 429:
                    try:
                        done = landed()
                    except StorageUnavailable as exc:
                        raise StorageUnavailable("gsheets.outcome_unknown", detail=_describe(cause)) from exc
                    if done:
                        log.warning("write reported %s but had landed; not repeated", _describe(cause))
                        return _LANDED
            except Exception as exc:
                if not self._transient(exc):
                    fatal = self._fatal(exc)
                    if fatal is exc:
                        raise
                    raise fatal from exc
                last = exc
            log.warning("Google Sheets: %s (attempt %d of %d)", _describe(last), attempt + 1, self._attempts)
        assert last is not None
        raise StorageUnavailable(
            "gsheets.unavailable", attempts=self._attempts, detail=_describe(last)
        ) from last

    def _delay(self, attempt: int) -> float:
        """Exponential backoff with jitter: 2, 4, 8, 16, 32 s (by default) plus up to 1 s, capped.

        The five waits of the default six attempts add up to a little over a minute, so a burst
        over Google's per-minute quota is waited out rather than reported.
        """
        return float(min(self._max_backoff, self._backoff * 2**attempt + self._rng.random()))

    @staticmethod
    def _transient(exc: BaseException) -> bool:
        if isinstance(exc, APIError):
            return _status(exc) in _TRANSIENT
        return isinstance(exc, requests.exceptions.Timeout | requests.exceptions.ConnectionError)

    def _fatal(self, exc: BaseException) -> BaseException:
        """Errors retrying cannot fix: named for a person (403, 404) or passed on as they are."""
        if isinstance(exc, APIError):
            if _status(exc) == 403:
                return StorageUnavailable(
                    "gsheets.forbidden", account=self._account or "?", spreadsheet=self.key
                )
            if _status(exc) == 404:
                return StorageUnavailable("gsheets.not_found", spreadsheet=self.key)
        return exc


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
    #: tab -> (unit_id, client_token) of the appended rows that carry a token
    token_keys: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

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


def _status(exc: BaseException) -> int:
    if isinstance(exc, APIError):
        response = getattr(exc, "response", None)
        code = getattr(response, "status_code", None)
        if isinstance(code, int):
            return code
        return int(getattr(exc, "code", 0) or 0)
    return 0


def _describe(exc: BaseException | None) -> str:
    if exc is None:
        return "?"
    if isinstance(exc, APIError):
        return f"HTTP {_status(exc)}"
    if isinstance(exc, requests.exceptions.Timeout):
        return "timeout"
    return type(exc).__name__


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


def _check_header(tab: str, header: Sequence[str]) -> list[str]:
    spec(tab)  # only registered tabs: reads are typed by their schema
    return check_header(tab, header)


def _check_columns(tab: str, header: Sequence[str], row: Mapping[str, Any]) -> None:
    unknown = [c for c in row if c not in header]
    if unknown:
        raise ValueError(f"tab {tab!r} has no column(s) {unknown}; its columns are {list(header)}")


def _new_rows(
    tab: str,
    header: Sequence[str],
    rows: Sequence[Row],
    *,
    actor: str,
    now: str,
    ids: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Rows ready to store: known columns only, ids assigned (or reused on retry), envelope set."""
    for row in rows:
        _check_columns(tab, header, row)
    if ids is None:
        ids = [to_cell(tab, "id", row.get("id")) or str(ulid.ULID()) for row in rows]
    twice = _repeated(list(ids))
    if twice:
        raise ValueError(f"tab {tab!r}: id(s) already used, nothing was written: {twice}")
    stamp = to_cell(tab, "created_at", now)
    envelope = {
        "version": 1,
        "created_at": stamp,
        "updated_at": stamp,
        "updated_by": to_cell(tab, "updated_by", actor),
    }
    out = []
    for row_id, row in zip(ids, rows, strict=True):
        cells = {c: to_cell(tab, c, row.get(c)) for c in header}
        cells.update(envelope, id=row_id)
        out.append(cells)
    return out


def _project(tab: str, header: Sequence[str], row: Mapping[str, Any]) -> dict[str, Any]:
    """Cells already converted by ``to_cell`` -> the schema's columns, in header order."""
    columns = spec(tab).schema.columns
    return {c: row.get(c) for c in header if c in columns}


def _output(tab: str, header: Sequence[str], row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored row as the port returns it: the schema's columns in header order, as cells."""
    columns = spec(tab).schema.columns
    return {c: to_cell(tab, c, row.get(c)) for c in header if c in columns}


def _flat(values: list[list[Any]]) -> list[Any]:
    """A one-column range read with majorDimension COLUMNS -> its cells, top to bottom."""
    return list(values[0]) if values else []


def _positions(header: Sequence[str]) -> dict[str, int]:
    """Column name -> index; a name repeated by hand counts where it first appears, as ``index``."""
    where: dict[str, int] = {}
    for j, c in enumerate(header):
        if c and c not in where:
            where[c] = j
    return where


def _trim(cells: Sequence[Any]) -> list[Any]:
    out = ["" if v is None else v for v in cells]
    while out and out[-1] == "":
        out.pop()
    return out


def _column_range(tab: str, index: int) -> str:
    letter = column_letter(index)
    return f"{quote_title(tab)}!{letter}:{letter}"


def _header_cells(sheet_id: int, start_col: int, names: Sequence[str]) -> dict[str, Any]:
    return {
        "updateCells": {
            "start": {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": start_col},
            "rows": [{"values": [_extended(n) for n in names]}],
            "fields": "userEnteredValue",
        }
    }


def _row_cells(
    sheet_id: int, row: int, header: Sequence[str], cells: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """updateCells requests for the given cells of one row: one per run of adjacent columns."""
    by_col = sorted((header.index(c), v) for c, v in cells.items())
    runs: list[list[tuple[int, Any]]] = []
    for col, value in by_col:
        if runs and runs[-1][-1][0] == col - 1:
            runs[-1].append((col, value))
        else:
            runs.append([(col, value)])
    return [
        {
            "updateCells": {
                "start": {"sheetId": sheet_id, "rowIndex": row, "columnIndex": run[0][0]},
                "rows": [{"values": [_extended(v) for _, v in run]}],
                "fields": "userEnteredValue",
            }
        }
        for run in runs
    ]


def _tag_id(tab: str, row_id: str, version: int) -> int:
    """The metadataId of the tag of row ``row_id`` at ``version``: the same in every app instance.

    Metadata ids are unique in a spreadsheet and may be chosen by the caller, so creating a tag
    whose id exists fails the whole batchUpdate: that is the compare-and-set the adapter builds on.
    """
    digest = hashlib.sha256(f"{tab}\0{row_id}\0{version}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % (2**31 - 1) + 1


def _row_location(sheet_id: int, row: int) -> dict[str, Any]:
    return {
        "dimensionRange": {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": row, "endIndex": row + 1}
    }


def _tag(sheet_id: int, tab: str, row_id: str, version: int, row: int) -> dict[str, Any]:
    """createDeveloperMetadata: the tag of ``row_id`` at ``version``, anchored to sheet row ``row``."""
    return {
        "createDeveloperMetadata": {
            "developerMetadata": {
                "metadataId": _tag_id(tab, row_id, version),
                "metadataKey": ROW_TAG_KEY,
                "metadataValue": f"{row_id}@{version}",
                "visibility": "DOCUMENT",
                "location": _row_location(sheet_id, row),
            }
        }
    }


def _once_tag(sheet_id: int, tab: str, key: str, row: int) -> dict[str, Any]:
    """createDeveloperMetadata whose id is derived from an ``update(once=...)`` key, on the new row."""
    return {
        "createDeveloperMetadata": {
            "developerMetadata": {
                "metadataId": _tag_id(tab, "once:" + key, 0),
                "metadataKey": ROW_TAG_KEY + ".once",
                "metadataValue": key,
                "visibility": "DOCUMENT",
                "location": _row_location(sheet_id, row),
            }
        }
    }


def _guard(
    sheet_id: int, tab: str, row_id: str, version: int, row: int, *, astray: bool = False
) -> list[dict[str, Any]]:
    """Requests that fail the batch unless ``row_id`` is still at ``row`` and still at ``version``.

    A row written by the app carries a row-anchored tag (developer metadata) whose id is
    :func:`_tag_id` of its id and version; Google moves it with the row when people insert,
    delete or sort rows, and deletes it with the row. In order:

    1. delete the tag of ``version`` if it is anchored exactly at ``row``;
    2. create it again at ``row``: this fails if the tag still exists, i.e. it was somewhere else
       (the row moved between the re-read and this write: B4);
    3. create the tag of ``version + 1``: this fails if another app instance already moved the
       row from ``version`` (B5);
    4. delete the re-created tag of ``version`` (only the new version's tag stays).

    A row without a tag (typed by hand, bulk-loaded with ``append``, or stored by an older
    version of the app) passes 1, 2 and 4 whatever happens; 3 still refuses a second instance,
    and the row is tagged from then on. ``astray``: the tag is known to be on another row (a
    batch was refused although the row is still at ``row`` and ``version``, as when a person cut
    and pasted its cells): step 1 deletes it wherever it is, so this one write is guarded like
    an untagged row's and leaves the tag on the right row.
    """
    by_id: dict[str, Any] = {"developerMetadataLookup": {"metadataId": _tag_id(tab, row_id, version)}}
    exact: dict[str, Any] = {
        "developerMetadataLookup": {
            "metadataId": _tag_id(tab, row_id, version),
            "metadataLocation": _row_location(sheet_id, row),
            "locationMatchingStrategy": "EXACT_LOCATION",
        }
    }
    if astray:
        exact = by_id
    return [
        {"deleteDeveloperMetadata": {"dataFilter": exact}},
        _tag(sheet_id, tab, row_id, version, row),
        _tag(sheet_id, tab, row_id, version + 1, row),
        {"deleteDeveloperMetadata": {"dataFilter": by_id}},
    ]


def _insert_rows(
    sheet_id: int,
    tab: str,
    at: int,
    header: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    *,
    tag: bool = True,
) -> list[dict[str, Any]]:
    """New rows inserted at 0-based row ``at`` (under the last id read), written and tagged.

    Inserted rows are blank, so rows a person or another instance added or moved in the
    meantime are never overwritten; at worst the new rows land above them.
    """
    out: list[dict[str, Any]] = [
        {
            "insertDimension": {
                "range": {
                    "sheetId": sheet_id,
                    "dimension": "ROWS",
                    "startIndex": at,
                    "endIndex": at + len(rows),
                },
                "inheritFromBefore": True,
            }
        },
        {
            "updateCells": {
                "start": {"sheetId": sheet_id, "rowIndex": at, "columnIndex": 0},
                "rows": [{"values": [_extended(r.get(c)) for c in header]} for r in rows],
                "fields": "userEnteredValue",
            }
        },
    ]
    if tag:
        out += [_tag(sheet_id, tab, str(r["id"]), 1, at + i) for i, r in enumerate(rows)]
    return out

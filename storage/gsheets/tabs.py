"""The spreadsheet's tabs: sheet ids, grid sizes and header rows, cached; missing tabs created."""

from __future__ import annotations

import logging
import random
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from gspread.exceptions import APIError

from schemas.registry import columns_of, spec
from storage.gsheets.cells import _READ_PARAMS, _check_header, _header_cells, quote_title
from storage.gsheets.errors import HeaderChanged, _status
from storage.gsheets.retry import _Calls
from storage.gsheets.tags import (
    COLUMN_TAG_KEY,
    COUNTER_KEY,
    column_tag_id,
    counter_id,
    create_column_tag,
    create_counter,
)

log = logging.getLogger(__name__)

_DEFAULT_TZ = "Asia/Ho_Chi_Minh"
#: Key of the one-off probe of :meth:`_Layout._probe` (never left in the sheet).
PROBE_KEY = "thidua.probe"


def new_stamp() -> str:
    """A fresh value for a change counter: random, so two instances never write the same one."""
    return secrets.token_hex(4)


@dataclass
class _TabInfo:
    sheet_id: int
    header: list[str] | None = None  # None: not read yet
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> cells as last seen
    last_row: int = 0  # 1-based sheet row of the last row with an id, as last seen (0: unknown)
    columns: int = 26  # the grid's column count
    row_count: int = 1000  # the grid's row count, as last seen
    #: id -> 0-based sheet row where this process last saw the row (a read, or its own write)
    positions: dict[str, int] = field(default_factory=dict)
    #: column -> index where its column tag was last seen (None: not looked up yet)
    tagged_columns: dict[str, int] | None = None
    #: the tab's change counter as last seen (None: unknown; "": the tab has none yet)
    counter: str | None = None
    #: ids of rows this process stored without a tag (``append``): their first write needs no lookup
    untagged: set[str] = field(default_factory=set)
    #: id -> version cell as last seen by a relocation (see ``_Planning._relocate``)
    versions: dict[str, Any] = field(default_factory=dict)
    #: ids found on several rows at the last read (a copied row): writes to them are refused
    duplicates: set[str] = field(default_factory=set)
    #: ids whose order among the rows changed between two reads (a sort, rows dragged): their tags
    #: may have been left behind, so their next write looks them up first
    reordered: set[str] = field(default_factory=set)
    #: the grid's row count seen by the last pre-write read (0: not looked at; see ``grid_probe``)
    grid_rows: int = 0
    #: the next write sweeps the oldest half of the row tags (the sheet's metadata budget is spent)
    sweep: bool = False
    swept: bool = False


class _Layout(_Calls):
    """Tab names, sheet ids, grid sizes and header rows, read once and kept; column tags, change
    counters and how Google answers a delete that matches nothing, learnt by ``ensure_tabs``."""

    _tabs: dict[str, _TabInfo] | None
    _tz: ZoneInfo
    #: does Google refuse a deleteDeveloperMetadata that matches nothing? (None: not probed yet)
    _strict_delete: bool | None

    def ensure_tabs(self, tabs: Mapping[str, Sequence[str]]) -> None:
        """Create missing tabs and missing header columns; never drop or reorder a column.

        Also tags every column of the header (so a write can check that no column moved under it),
        gives each tab its change counter, and probes once how Google answers a delete of
        developer metadata that matches nothing. A column whose header a person renamed in place
        (its tag is still there, under another name) is not added again: :class:`HeaderChanged`
        names it, so an admin can put the name back before the app writes anything.
        """
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
            placed, counters = self._column_tags(existing, wanted) if existing else ({}, {})
            requests_: list[dict[str, Any]] = []
            used = {info.sheet_id for info in known.values()}
            new_ids: dict[str, int] = {}
            headers_now: dict[str, list[str]] = {}
            renamed: list[HeaderChanged] = []
            stamps: dict[str, str] = {}
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
                    requests_ += [create_column_tag(sheet_id, tab, c, j) for j, c in enumerate(header)]
                    stamps[tab] = new_stamp()
                    requests_.append(create_counter(sheet_id, tab, stamps[tab]))
                    continue
                info = known[tab]
                have = current[tab]
                while have and have[-1] == "":
                    have.pop()
                tags = placed.get(tab, {})
                moved = sorted(c for c, j in tags.items() if j >= len(have) or have[j] != c)
                if moved:  # a column's tag sits under another name: renamed or swapped by hand
                    renamed.append(
                        HeaderChanged(
                            tab, moved, [have[tags[c]] if tags[c] < len(have) else "" for c in moved]
                        )
                    )
                    continue
                missing = [c for c in header if c not in have]
                if missing:
                    short = len(have) + len(missing) - info.columns
                    if short > 0:
                        requests_.append(
                            {
                                "appendDimension": {
                                    "sheetId": info.sheet_id,
                                    "dimension": "COLUMNS",
                                    "length": short,
                                }
                            }
                        )
                    requests_.append(_header_cells(info.sheet_id, len(have), missing))
                full = have + missing
                headers_now[tab] = full
                requests_ += [
                    create_column_tag(info.sheet_id, tab, c, j)
                    for j, c in enumerate(full)
                    if c in header and c not in tags
                ]
                if tab not in counters:
                    stamps[tab] = new_stamp()
                    requests_.append(create_counter(info.sheet_id, tab, stamps[tab]))
                else:
                    stamps[tab] = counters[tab]
            if renamed:
                raise renamed[0]
            if requests_:
                body = {"requests": requests_}
                self._retry(lambda: self._batch_update(body))
            for tab, header in headers_now.items():  # only once the header cells are written
                info = known[tab]
                info.header = header
                info.columns = max(info.columns, len(header))
                info.tagged_columns = {c: j for j, c in enumerate(header) if c in wanted[tab]}
            for tab, sheet_id in new_ids.items():
                cols = list(wanted[tab])
                known[tab] = _TabInfo(
                    sheet_id,
                    cols,
                    columns=max(26, len(cols)),
                    tagged_columns={c: j for j, c in enumerate(cols)},
                )
            for tab, stamp in stamps.items():
                known[tab].counter = stamp
            if self._strict_delete is None:
                self._probe()

    def _column_tags(
        self, tabs: Sequence[str], wanted: Mapping[str, Sequence[str]], *, by_id: bool = False
    ) -> tuple[dict[str, dict[str, int]], dict[str, str]]:
        """Where each column tag of ``tabs`` is (tab -> column -> index) and each tab's change
        counter (tab -> stamp): one developerMetadata:search (by key for many tabs, by id for a few)."""
        names = {column_tag_id(t, c): (t, c) for t in tabs for c in wanted[t]}
        counters = {counter_id(t): t for t in tabs}
        filters = (
            [{"developerMetadataLookup": {"metadataId": i}} for i in [*names, *counters]]
            if by_id
            else [
                {"developerMetadataLookup": {"metadataKey": COLUMN_TAG_KEY}},
                {"developerMetadataLookup": {"metadataKey": COUNTER_KEY}},
            ]
        )
        found = self._retry(
            lambda: self._search(
                filters,
                "matchedDeveloperMetadata.developerMetadata"
                "(metadataId,metadataValue,location.dimensionRange.startIndex)",
            )
        )
        placed: dict[str, dict[str, int]] = {}
        stamps: dict[str, str] = {}
        for md in found:
            mid = int(md.get("metadataId", 0))
            if mid in names:
                tab, column = names[mid]
                placed.setdefault(tab, {})[column] = int(md["location"]["dimensionRange"]["startIndex"])
            elif mid in counters:
                stamps[counters[mid]] = str(md.get("metadataValue", ""))
        return placed, stamps

    def _refresh_columns(self, tabs: Sequence[str]) -> None:
        """Read the header rows of ``tabs`` and where their column tags are (2 calls), after a write
        batch was refused by a column guard or a change counter. A header label that no longer
        matches its column's tag (renamed or swapped by hand) raises :class:`HeaderChanged`."""
        with self._lock:
            for tab in tabs:
                self._tab(tab).header = None
            headers = {tab: self._header(tab) for tab in tabs}
            wanted = {tab: list(columns_of(tab)) for tab in tabs}
            placed, counters = self._column_tags(tabs, wanted, by_id=True)
            for tab in tabs:
                info = self._tab(tab)
                header = headers[tab]
                tags = placed.get(tab, {})
                wrong = sorted(c for c, j in tags.items() if j >= len(header) or header[j] != c)
                if wrong:
                    raise HeaderChanged(
                        tab, wrong, [header[tags[c]] if tags[c] < len(header) else "" for c in wrong]
                    )
                info.tagged_columns = tags
                info.counter = counters.get(tab) if tab in counters else None

    def _probe(self) -> None:
        """Learn once whether Google refuses a deleteDeveloperMetadata that matches nothing (its
        documentation does not say): a batch creating a probe, deleting it, then deleting it again.
        Refused: deletes are strict (nothing was kept); applied: they are not (nothing is left)."""
        probe = random.randrange(1, 2**31 - 1)
        lookup = {"developerMetadataLookup": {"metadataId": probe, "metadataKey": PROBE_KEY}}
        body = {
            "requests": [
                {
                    "createDeveloperMetadata": {
                        "developerMetadata": {
                            "metadataId": probe,
                            "metadataKey": PROBE_KEY,
                            "visibility": "DOCUMENT",
                            "location": {"spreadsheet": True},
                        }
                    }
                },
                {"deleteDeveloperMetadata": {"dataFilter": lookup}},
                {"deleteDeveloperMetadata": {"dataFilter": lookup}},
            ]
        }
        try:
            self._retry(lambda: self._batch_update(body))
        except APIError as exc:
            if _status(exc) != 400:
                raise
            self._strict_delete = True
        else:
            self._strict_delete = False
        log.info(
            "Google Sheets: a delete of metadata matching nothing is %s",
            "refused" if self._strict_delete else "a no-op",
        )

    # -- metadata and headers ---------------------------------------------------------------------

    def _metadata(self, refresh: bool = False) -> dict[str, _TabInfo]:
        """Sheet title -> id (one spreadsheets.get, cached; headers kept across refreshes)."""
        with self._lock:
            if self._tabs is not None and not refresh:
                return self._tabs
            params: dict[str, Any] = {
                "fields": "properties.timeZone,"
                "sheets.properties(sheetId,title,gridProperties(rowCount,columnCount))"
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
                grid = props.get("gridProperties", {})
                info.columns = int(grid.get("columnCount", info.columns))
                info.row_count = int(grid.get("rowCount", info.row_count))
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

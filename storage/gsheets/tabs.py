"""The spreadsheet's tabs: sheet ids, grid sizes and header rows, cached; missing tabs created."""

from __future__ import annotations

import logging
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from schemas.registry import spec
from storage.gsheets.cells import _READ_PARAMS, _check_header, _header_cells, quote_title
from storage.gsheets.retry import _Calls

log = logging.getLogger(__name__)

_DEFAULT_TZ = "Asia/Ho_Chi_Minh"


@dataclass
class _TabInfo:
    sheet_id: int
    header: list[str] | None = None  # None: not read yet
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> cells as last seen
    last_row: int = 0  # 1-based sheet row of the last row with an id, as last seen (0: unknown)
    columns: int = 26  # the grid's column count


class _Layout(_Calls):
    """Tab names, sheet ids, grid sizes and header rows, read once and kept."""

    _tabs: dict[str, _TabInfo] | None
    _tz: ZoneInfo

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

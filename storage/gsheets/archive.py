"""Archiving a closed campaign to its own spreadsheet (``cli.py archive``), so the live file, its
reads and its developer-metadata budget stay small.

Rows are copied verbatim (ids, versions and timestamps kept: ``load``), the copy is read
back and compared, and only then are the rows deleted from the live file, each by its id, guarded
by its row tag (a row changed since it was read is left in place and reported, never deleted
unseen). Safe to run again: rows already in the archive are not copied twice.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from gspread.exceptions import APIError

from core.errors import StorageUnavailable
from core.ports import Change
from schemas.registry import headers, to_cell
from storage.gsheets.cells import _output
from storage.gsheets.errors import classify
from storage.gsheets.plan import _Planning, _UpdatePlan
from storage.gsheets.tags import RowTags, row_guard

log = logging.getLogger(__name__)

#: Tabs whose rows belong to a campaign (a ``campaign_id`` column) and leave with it.
CAMPAIGN_TABS = ("nominations", "works", "initiatives", "history", "reopenings", "decisions", "hops")
#: Rows per delete batch (each row: its guard and a deleteDimension).
DELETE_BATCH = 400


class _Archiving(_Planning):
    """Guarded deletions, for :func:`archive_campaign` (the copy is the workbook's ``load``)."""

    def archive_rows(self, tab: str, rows: Mapping[str, int]) -> list[str]:
        """Delete the rows ``id -> version`` from ``tab``, each only if it is still at that version
        and where it was found (its tag guards the row, as a write's does). Returns the ids left in
        place because they changed since they were read (or could not be found)."""
        with self._lock:
            left: list[str] = []
            todo = dict(rows)
            for _attempt in range(3):
                self._relocate([tab])
                info = self._tab(tab)
                changed = [
                    i
                    for i, v in todo.items()
                    if i not in info.positions or to_cell(tab, "version", info.versions.get(i)) != v
                ]
                left += changed
                ids = [i for i in todo if i not in changed]
                try:
                    for start in range(0, len(ids), DELETE_BATCH):
                        chunk = ids[start : start + DELETE_BATCH]
                        self._delete_chunk(tab, {i: todo[i] for i in chunk})
                        for i in chunk:
                            todo.pop(i)
                except APIError as exc:
                    if classify(exc) != "refused":
                        raise self._person(exc) from exc
                    todo = {i: v for i, v in todo.items() if i not in changed}  # read again, try again
                    continue
                break
            info = self._tab(tab)
            info.positions, info.last_row = {}, 0
            return left + [i for i in todo if i not in left]

    def _delete_chunk(self, tab: str, rows: Mapping[str, int]) -> None:
        info = self._tab(tab)
        plan = _UpdatePlan(tab, [Change(i, v) for i, v in rows.items()], "archive", "", {})
        plan.versions = dict(rows)
        self._learn_tags(plan)  # which rows carry their tag, so every guard can pass
        order = sorted(rows, key=lambda i: info.positions[i], reverse=True)  # bottom first
        requests_: list[dict[str, Any]] = []
        for i in order:
            r = info.positions[i]
            tags = plan.tags.get(i, RowTags(current=False))
            requests_ += row_guard(
                info.sheet_id, tab, i, rows[i], r, tags, strict_delete=bool(self._strict_delete)
            )
            rng = {"sheetId": info.sheet_id, "dimension": "ROWS", "startIndex": r, "endIndex": r + 1}
            requests_.append({"deleteDimension": {"range": rng}})
        body = {"requests": requests_}
        self._retry(lambda: self._batch_update(body))


def archive_campaign(live: Any, archive: Any, campaign_id: str) -> list[str]:
    """Copy ``campaign_id``'s rows from ``live`` to ``archive`` (both ``GoogleSheetsWorkbook``),
    check the copy, then delete them from ``live``. Returns what was done, one line per tab."""
    archive.ensure_tabs(headers())
    done: list[str] = []
    frames = live.read_many(list(CAMPAIGN_TABS))
    kept = archive.read_many(list(CAMPAIGN_TABS))
    for tab in CAMPAIGN_TABS:
        frame = frames[tab]
        mine = frame[frame["campaign_id"] == campaign_id] if "campaign_id" in frame else frame.iloc[0:0]
        if mine.empty:
            continue
        header = live._header(tab)
        rows = [_output(tab, header, {c: r.get(c) for c in header}) for r in mine.to_dict("records")]
        already = set(map(str, kept[tab]["id"])) if not kept[tab].empty else set()
        archive.load(tab, [r for r in rows if str(r["id"]) not in already])
        check = archive.read(tab)
        copied = {str(r["id"]): int(r["version"]) for r in check.to_dict("records")}
        missing = [str(r["id"]) for r in rows if str(r["id"]) not in copied]
        if missing:
            raise StorageUnavailable("gsheets.archive_incomplete", tab=tab, ids=", ".join(missing[:5]))
        # only rows whose archived copy is this very version leave the live file
        same = {str(r["id"]): int(r["version"]) for r in rows if copied[str(r["id"])] == int(r["version"])}
        left = [str(r["id"]) for r in rows if str(r["id"]) not in same] + live.archive_rows(tab, same)
        line = f"{tab}: {len(rows) - len(left)} row(s) archived"
        if left:
            line += f"; {len(left)} kept in the live file (changed since copied): {', '.join(left[:5])}"
        done.append(line)
        log.info("archive %s: %s", campaign_id, line)
    return done

"""Rows typed straight into the sheet without an id: given one, written back only where unchanged."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from typing import Any

from core.errors import StorageUnavailable
from schemas.registry import to_cell
from storage.gsheets.cells import _READ_PARAMS, _blank, _trim, column_letter, quote_title
from storage.gsheets.tabs import _Layout

log = logging.getLogger(__name__)

#: Who is recorded as the author of the envelope cells of a row typed straight into the sheet.
SHEET_AUTHOR = "google-sheets"


class _Handmade(_Layout):
    """Adoption of hand-typed rows (called by the reader)."""

    _clock: Callable[[], str]

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

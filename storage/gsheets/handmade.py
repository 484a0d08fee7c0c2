"""Rows typed straight into the store's sheet: never adopted as data (issue 22).

The store is shared with the app's account and admins only (docs/security.md); officers type in
their own intake spreadsheets (``storage/gsheets/intake.py``), checked by the sync. A row someone
typed into the store without the app's envelope (no ``id`` or no ``version``) is therefore not
data: a read leaves it out, writes nothing to it, and logs it once (tab, sheet rows), so an admin
can move it where it belongs (``cli.py import``, the intake spreadsheet) or delete it. A ``users``
row typed by hand, a ``state`` typed on a new row, a submission pasted in: none is ever read.
"""

from __future__ import annotations

import logging

from storage.gsheets.tabs import _Layout

log = logging.getLogger(__name__)

#: Kept for callers of earlier versions: the author rows typed into the sheet used to get.
SHEET_AUTHOR = "google-sheets"


class _Handmade(_Layout):
    """What reads do with rows typed by hand into the store (see the module)."""

    _ignored: dict[str, tuple[int, ...]]

    def _ignore(self, tab: str, rows: list[int]) -> None:
        """Leave out the rows (1-based sheet rows) without the app's envelope; log them once."""
        shown = tuple(r + 1 for r in rows)
        with self._lock:
            known = getattr(self, "_ignored", None)
            if known is None:
                known = self._ignored = {}
            if known.get(tab, ()) == shown:
                return
            if not shown:
                known.pop(tab, None)
                return
            known[tab] = shown
        log.warning(
            "tab %s: %d row(s) typed into the store by hand, without the app's id and version, are "
            "not read as data (sheet rows %s); officers type in their intake spreadsheets",
            tab,
            len(shown),
            ", ".join(map(str, shown[:20])) + (" ..." if len(shown) > 20 else ""),
        )

    def ignored_rows(self) -> dict[str, tuple[int, ...]]:
        """Per tab, the sheet rows the last reads left out (typed by hand, see the module)."""
        with self._lock:
            return dict(getattr(self, "_ignored", {}) or {})

"""Change marks: is a tab unchanged since it was read? One small call when nothing changed.

:class:`core.ports.ChangeMarks` lets the services keep typed frames until a tab changes. On Google
Sheets the answer comes from two places:

* the file's Drive ``version`` (``files.get?fields=version``, a few hundred bytes), which goes up
  with every change of the file, whoever made it: when it has not moved, nothing changed, and a
  page view costs that one call and no tab data;
* each tab's change counter (a developer-metadata stamp the app rewrites in the same batch as every
  write it makes to the tab, :func:`storage.gsheets.tags.bump_counter`), read with one
  ``developerMetadata:search`` only when the version moved: the tabs whose counter moved are read
  again, the others kept.

A move of the version that no counter explains is a person's edit (or another program's): every
tab of the file is read again. A person's edit made in the same moments as app writes hides behind
their counters; it is picked up at most ``human_edit_seconds`` later (all tabs read again once).
Without Drive access (no Drive scope granted, Drive API off) the counters alone are read on each
check and every tab is read again every ``human_edit_seconds``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence

from gspread.exceptions import APIError

from core.errors import StorageUnavailable
from storage.gsheets.plan import _Planning
from storage.gsheets.tabs import _TabInfo
from storage.gsheets.tags import COUNTER_KEY, counter_id

log = logging.getLogger(__name__)

DRIVE_FILES = "https://www.googleapis.com/drive/v3/files"


class _Marks(_Planning):
    """``change_marks`` and what it remembers between two checks."""

    _marks_seconds: float
    _human_seconds: float
    _checked_at: float  # monotonic time of the last check (0: never)
    _drive_version: str | None  # the file's version at the last check
    _drive_ok: bool  # False once Drive refused (no scope, API off): counters alone
    _epoch: int  # bumped when every tab must be read again (a person's edit)
    _epoch_at: float
    _suspect_at: float | None  # when a person's edit may have hidden behind app writes
    _wrote: bool  # this process wrote since the last check

    def change_marks(self, tabs: Sequence[str]) -> dict[str, int | None]:
        """Per tab, a number that changes whenever the tab may have changed (None: unknown tab).

        Asked again within ``marks_seconds`` (the rest of the same page view), no call at all.
        """
        with self._lock:
            now = time.monotonic()
            known = self._metadata()
            if self._checked_at and now - self._checked_at < self._marks_seconds:
                return self._marks(tabs, known)
            version = self._version() if self._drive_ok else None
            first = self._drive_version is None and self._checked_at == 0
            if version is not None and (
                (version == self._drive_version and not self._wrote)
                or (first and all(known[t].counter is not None for t in tabs if t in known))
            ):  # nothing changed (or the first look, with the counters ``ensure_tabs`` read)
                self._drive_version = version
                self._wrote = False
                self._expire_suspicion(now)
                self._checked_at = now
                return self._marks(tabs, known)
            stamps = self._counters(list(known))
            moved = [t for t, stamp in stamps.items() if (known[t].counter or "") != stamp]
            if version is None:  # no Drive: a person's edit cannot be seen, only waited out
                if now - self._epoch_at >= self._human_seconds:
                    self._bump_epoch(now)
            elif not first and version != self._drive_version and not moved and not self._wrote:
                self._bump_epoch(now)  # the file changed and no app write says where: a person's edit
            elif not first and version != self._drive_version:
                self._suspect_at = self._suspect_at or now  # app writes: one may hide a person's edit
            self._expire_suspicion(now)
            for t, stamp in stamps.items():
                known[t].counter = stamp
            self._drive_version = version
            self._wrote = False
            self._checked_at = now
            return self._marks(tabs, known)

    def _marks(self, tabs: Sequence[str], known: Mapping[str, _TabInfo]) -> dict[str, int | None]:
        out: dict[str, int | None] = {}
        for t in tabs:
            info = known.get(t)
            out[t] = None if info is None else hash((info.counter or "", self._epoch)) & 0x7FFFFFFFFFFF
        return out

    def _bump_epoch(self, now: float) -> None:
        self._epoch += 1
        self._epoch_at = now
        self._suspect_at = None

    def _expire_suspicion(self, now: float) -> None:
        if self._suspect_at is not None and now - self._suspect_at >= self._human_seconds:
            self._bump_epoch(now)

    def _version(self) -> str | None:
        """The file's Drive version (one files.get), or None when Drive cannot be asked."""
        try:
            reply = self._retry(
                lambda: self._http.request(
                    "get",
                    f"{DRIVE_FILES}/{self.key}",
                    params={"fields": "version", "supportsAllDrives": "true"},
                ).json()
            )
        except (APIError, StorageUnavailable) as exc:
            if isinstance(exc, APIError) or exc.code in ("gsheets.forbidden", "gsheets.api_disabled"):
                self._drive_ok = False
                log.warning(
                    "Google Drive did not answer the file's version (%s): tab changes are read from "
                    "the change counters alone; edits made by hand show within %.0f s",
                    type(exc).__name__,
                    self._human_seconds,
                )
                return None
            raise
        return str(reply.get("version", "")) or None

    def _counters(self, tabs: Sequence[str]) -> dict[str, str]:
        """Each tab's change counter (one developerMetadata:search); "" for a tab without one."""
        ids = {counter_id(t): t for t in tabs}
        found = self._retry(
            lambda: self._search(
                [{"developerMetadataLookup": {"metadataKey": COUNTER_KEY}}],
                "matchedDeveloperMetadata.developerMetadata(metadataId,metadataValue)",
            )
        )
        out = dict.fromkeys(tabs, "")
        for md in found:
            tab = ids.get(int(md.get("metadataId", 0)))
            if tab is not None:
                out[tab] = str(md.get("metadataValue", ""))
        return out

    def _note_change(self, tab: str, stamp: str) -> None:
        """This process just wrote ``tab`` with counter ``stamp``: its mark moves at once."""
        with self._lock:
            info = self._tab(tab)
            if info.counter is not None:
                info.counter = stamp
            self._wrote = True

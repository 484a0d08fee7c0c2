"""Typed frames kept per tab and brought up to date from the rows changed since: PostgreSQL side.

The same idea as the SQLite replica (:mod:`storage.sqlite_replica`, whose frame merging this module
reuses): the workbook keeps, per tab, the typed frame it last returned, each row's ``_row`` (append
order) and ``_seq``, and the tab's ``seq`` from ``_marks`` at that read (the cursor). A read, inside
the workbook's ``REPEATABLE READ`` transaction, compares the tab's ``seq`` with the cursor: equal,
the frame is returned as it is; greater, only rows with ``_seq`` above the cursor are fetched (an
index range), typed with :func:`schemas.registry.coerce_columns` and merged (changed rows in place,
new rows appended). Why that is every change: ``storage/postgres/ddl.py`` (writers of a tab commit in
``seq`` order). A different table (its OID: dropped and made again, e.g. by ``pg_restore --clean``),
database (``_state.db_id``), header or schema fingerprint, a deletion, a ``seq`` that went back, or a
new row that does not come after the known ones makes a full read of that tab.

**Snapshots for a starting server.** A server that read a large tab in full (or whose kept frame
moved on by a tenth since) writes it, typed, to ``_snapshots`` in the database itself, off the
reader's path: one zstd Arrow IPC file (:func:`storage.sqlite_replica.snapshot_bytes`), cut into
parts. A new server (or one started again) loads a tab's snapshot when its table OID and deletion
count are the ones ``_marks`` and the catalogue give now and its cursor is not past the tab's
``seq``, then fetches only the rows changed since (the same index range as above): the many servers
of a national roll-out share them, and none reads four million history rows to open a page. Any
doubt (another database, table, header, spec or format, a deletion since, a damaged file) and the
tab is read in full, as before.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
import psycopg
import pyarrow as pa

from schemas.registry import coerce_columns
from storage.postgres.ddl import ORDER, SEQ, quote
from storage.sqlite_replica import (
    SnapshotQueue,
    TabState,
    _merge,
    _typed,
    fingerprint,
    snapshot_bytes,
    snapshot_due,
    state_from_snapshot,
)

log = logging.getLogger(__name__)

#: A tab of fewer rows is read in full by a new server (its snapshot would not pay for itself).
SNAPSHOT_MIN_ROWS = 5_000

#: ``load(cursor, tab, marks)``: the tab's snapshot bytes if one is stored for this table OID and no
#: further than ``marks.seq`` (None otherwise), read inside the reader's transaction.
LoadSnapshot = Callable[[psycopg.Cursor[Any], str, "TabMarks"], bytes | None]
#: ``save(tab, data, cursor, oid)``: store a snapshot (its own transaction; a newer one stays).
SaveSnapshot = Callable[[str, bytes, int, int], None]

__all__ = ["PgReplica", "TabMarks"]


@dataclass(frozen=True)
class TabMarks:
    """What ``_marks`` and the catalogue say about a tab inside the read transaction."""

    oid: int
    seq: int
    deleted: int


@dataclass(frozen=True)
class _Kept:
    state: TabState
    oid: int


class PgReplica:
    """Per-tab typed frames of one workbook (thread-safe; frames are never changed once built)."""

    def __init__(
        self,
        *,
        load: LoadSnapshot | None = None,
        save: SaveSnapshot | None = None,
        snapshot_min_rows: int = SNAPSHOT_MIN_ROWS,
    ) -> None:
        self._kept: dict[str, _Kept] = {}
        self._db_id: str | None = None
        self._lock = threading.Lock()
        self._load, self._save = load, save
        self.snapshot_min_rows = snapshot_min_rows
        self._queue = SnapshotQueue("pg-snapshot")
        #: tabs read in full, rows fetched as changed, tabs loaded from a snapshot and snapshots
        #: written, for tests and benches
        self.full_reads = 0
        self.delta_rows = 0
        self.snapshot_loads = 0
        self.snapshots_written = 0

    def forget(self) -> None:
        with self._lock:
            self._kept.clear()
            self._db_id = None

    def read(
        self,
        cur: psycopg.Cursor[Any],
        schema: str,
        db_id: str,
        tabs: Sequence[str],
        headers: dict[str, list[str]],
        marks: dict[str, TabMarks],
        full: Callable[[str, list[str]], list[tuple[Any, ...]]],
    ) -> dict[str, pd.DataFrame]:
        """``tabs`` as typed frames (copies the caller may change) from the open transaction."""
        with self._lock:
            if db_id != self._db_id:
                self._kept.clear()
                self._db_id = db_id
            kept = dict(self._kept)
        out: dict[str, pd.DataFrame] = {}
        fresh: dict[str, _Kept] = {}
        for tab in dict.fromkeys(tabs):
            header = headers.get(tab)
            if header is None or tab not in marks:
                out[tab] = coerce_columns(tab, {}, 0)
                continue
            m = marks[tab]
            state = self._current(cur, schema, db_id, tab, tuple(header), m, kept.get(tab), full)
            state = self._maybe_snapshot(tab, state, db_id, m.oid)
            fresh[tab] = _Kept(state, m.oid)
            out[tab] = state.frame.copy(deep=False)
        with self._lock:
            if self._db_id == db_id:
                for tab, k in fresh.items():
                    old = self._kept.get(tab)
                    if old is None or old.state.cursor <= k.state.cursor:  # never go back in time
                        self._kept[tab] = k
        return {tab: out[tab] for tab in tabs}

    def _current(
        self,
        cur: psycopg.Cursor[Any],
        schema: str,
        db_id: str,
        tab: str,
        header: tuple[str, ...],
        m: TabMarks,
        kept: _Kept | None,
        full: Callable[[str, list[str]], list[tuple[Any, ...]]],
    ) -> TabState:
        fp = fingerprint(tab)
        state = kept.state if kept is not None else None
        if state is not None and (
            kept is None
            or kept.oid != m.oid
            or state.header != header
            or state.fingerprint != fp
            or state.deleted != m.deleted
            or m.seq < state.cursor
        ):
            state = None
        if state is None and self._load is not None:
            state = self._from_snapshot(cur, db_id, tab, header, m)
        if state is not None and m.seq > state.cursor:
            cols = ", ".join([ORDER, SEQ, *(quote(c) for c in header)])
            cur.execute(
                f"SELECT {cols} FROM {quote(schema)}.{quote(tab)} WHERE {SEQ} > %s ORDER BY {ORDER}",
                (state.cursor,),
            )
            delta = cur.fetchall()
            self.delta_rows += len(delta)
            merged = _merge(tab, state, header, delta) if delta else state
            state = None if merged is None else replace(merged, cursor=m.seq)
        if state is None:
            self.full_reads += 1
            rows = full(tab, list(header))
            frame, order, seqs = _typed(tab, header, rows)
            state = TabState(header, fp, frame, order, seqs, m.seq, m.deleted)
        return state

    # -- snapshots ------------------------------------------------------------------------

    def _from_snapshot(
        self, cur: psycopg.Cursor[Any], db_id: str, tab: str, header: tuple[str, ...], m: TabMarks
    ) -> TabState | None:
        """The tab's stored snapshot, if it is of this database, table, deletion count and spec."""
        assert self._load is not None
        try:
            data = self._load(cur, tab, m)
            if data is None:
                return None
            table = pa.ipc.open_file(pa.py_buffer(data)).read_all()
        except psycopg.Error:
            raise  # the connection: the caller's retry, not a reason to read in full
        except Exception:
            log.warning("snapshot of %r ignored: unreadable", tab, exc_info=True)
            return None

        def ours(meta: dict[str, Any]) -> bool:
            return (
                meta.get("db_id") == db_id
                and meta.get("oid") == m.oid
                and meta.get("deleted") == m.deleted
                and meta["cursor"] <= m.seq
            )

        state = state_from_snapshot(table, tab, header, accept=ours, where=f"_snapshots[{tab!r}]")
        if state is not None:
            with self._lock:
                self.snapshot_loads += 1
        return state

    def _maybe_snapshot(self, tab: str, state: TabState, db_id: str, oid: int) -> TabState:
        """Write ``state``'s snapshot off the reader's path when the tab is large and has no
        snapshot yet or moved on by a tenth since; ``state`` as kept once the write is under way."""
        if self._save is None or not snapshot_due(state, self.snapshot_min_rows):
            return state
        if not self._queue.submit(tab, functools.partial(self._write, tab, state, db_id, oid)):
            return state
        return replace(state, since_snapshot=0)

    def _write(self, tab: str, state: TabState, db_id: str, oid: int) -> None:
        assert self._save is not None
        try:
            self._save(tab, snapshot_bytes(state, tab, db_id, {"oid": oid}), state.cursor, oid)
            with self._lock:
                self.snapshots_written += 1
        except Exception:  # the next new server reads the tab in full: logged, never raised
            log.warning("snapshot of %r not written", tab, exc_info=True)

    def flush(self) -> None:
        """Wait for the snapshots being written (tests, benches, a clean shutdown)."""
        self._queue.flush()

    def close(self) -> None:
        """Finish the snapshots being written and stop the writer."""
        self._queue.close()

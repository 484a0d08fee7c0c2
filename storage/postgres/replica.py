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

No snapshot files: a new process reads each tab once in full.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
import psycopg

from schemas.registry import coerce_columns
from storage.postgres.ddl import ORDER, SEQ, quote
from storage.sqlite_replica import TabState, _merge, _typed, fingerprint

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

    def __init__(self) -> None:
        self._kept: dict[str, _Kept] = {}
        self._db_id: str | None = None
        self._lock = threading.Lock()
        #: tabs read in full and rows fetched as changed, for tests and benches
        self.full_reads = 0
        self.delta_rows = 0

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
            state = self._current(cur, schema, tab, tuple(header), m, kept.get(tab), full)
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

"""The typed replica of :class:`storage.sqlite.SqliteWorkbook`: reads cost only what changed.

Row-level change tracking lives in the database, kept by triggers, so every writer is seen (this
app, another process, a SQLite tool):

* every tab table has a hidden column ``_seq INTEGER`` (never in the tab's header, never returned
  to callers) and an index on it;
* ``_replica(key, value)`` holds ``seq``, one counter for the whole database, and ``db_id``, a
  random id drawn when the database is created and drawn again by ``backup`` (in the copy) and
  ``restore`` (in the restored database);
* ``AFTER INSERT`` and ``AFTER UPDATE`` triggers bump ``seq`` and stamp the row's ``_seq`` with
  it. The update trigger only fires ``WHEN NEW._seq IS OLD._seq``, so the triggers' own stamping
  ``UPDATE`` never fires them again (whatever ``recursive_triggers`` says).

:class:`Replica` keeps, per tab, the typed frame it last returned, each row's ``_row`` (append
order) and ``_seq``, and the highest ``_seq`` seen (the cursor). A read, inside the workbook's read
transaction, fetches only rows with ``_seq > cursor``, types them with
:func:`schemas.registry.coerce_columns` and merges them: changed rows replaced in place, new rows
appended. Then ``COUNT(*)`` and ``SUM(_seq)`` of the table must equal the replica's own; anything
else (a row deleted by a tool, a database swapped under us, a row inserted out of order) makes a
full read, as does a changed header or ``db_id``. The result is the frame a full read returns.

Snapshots: after a full read of a tab of at least ``snapshot_min_rows`` rows (and again once a
tenth of its rows changed since), a background thread writes the typed frame with its
``_row``/``_seq`` columns as a zstd-compressed Arrow IPC file ``<db>.replica/<tab>.arrow``
(written beside, then renamed, so a crash never leaves half a file). Its metadata name the tab,
the header, a fingerprint of the tab's schema spec and of the pandas version, the ``db_id`` and
the cursor. A new process loads the snapshot and catches up from its cursor (then ``SUM(_seq)``
must match as well as ``COUNT(*)``); a snapshot that does not match (or cannot be read) is ignored
and the tab is read in full. ``:memory:`` databases keep the in-memory replica only.

Callers get ``frame.copy(deep=False)``: pandas copy-on-write (always on since pandas 3) makes
any change a caller makes copy the data first, so the replica's frames are never changed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from schemas.registry import TabSpec, coerce_columns, spec

__all__ = ["Replica", "fingerprint", "prepare_database", "redraw_db_id", "track_rows"]

log = logging.getLogger(__name__)

#: ``_replica(key, value)``: ``seq`` (the database-wide change counter) and ``db_id``.
REPLICA_TABLE = "_replica"
SEQ = "_seq"
ORDER = "_row"
#: Bump when the snapshot file layout or the typing of frames changes in a way the spec does not show.
SNAPSHOT_FORMAT = 1
_META_KEY = b"thidua.replica"
#: A snapshot is rewritten once this share of its rows changed since it was written.
_REFRESH_SHARE = 0.1


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# -- the database side ---------------------------------------------------------------------


def prepare_database(conn: sqlite3.Connection, tabs: Sequence[str]) -> None:
    """Inside the caller's write transaction: the ``_replica`` table and, for every tab, the
    ``_seq`` column (added and back-filled on a file made before it existed), index and triggers."""
    conn.execute(f"CREATE TABLE IF NOT EXISTS {REPLICA_TABLE} (key TEXT PRIMARY KEY NOT NULL, value)")
    conn.execute(f"INSERT OR IGNORE INTO {REPLICA_TABLE} VALUES ('seq', 0)")
    conn.execute(f"INSERT OR IGNORE INTO {REPLICA_TABLE} VALUES ('db_id', lower(hex(randomblob(16))))")
    for tab in tabs:
        track_rows(conn, tab)


def needs_preparing(conn: sqlite3.Connection, tabs: Sequence[str]) -> bool:
    """Does :func:`prepare_database` have anything to do (checked without a write lock)?"""
    found = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", (REPLICA_TABLE,)
    ).fetchone()[0]
    if not found:
        return True
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for tab in tabs:
        if any(_trigger(tab, event) not in names for event in ("insert", "update", "delete")):
            return True
        if SEQ not in _table_columns(conn, tab):
            return True
    return False


def _trigger(tab: str, event: str) -> str:
    return f"{REPLICA_TABLE}_{tab}_{event}"


def _table_columns(conn: sqlite3.Connection, tab: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({_quote(tab)})")]


def track_rows(conn: sqlite3.Connection, tab: str) -> None:
    """Give ``tab`` its ``_seq`` column (back-filled in append order), index and triggers (idempotent)."""
    table = _quote(tab)
    if SEQ not in _table_columns(conn, tab):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN {SEQ} INTEGER")
        (base,) = conn.execute(f"SELECT value FROM {REPLICA_TABLE} WHERE key = 'seq'").fetchone()
        (top,) = conn.execute(f"SELECT coalesce(max({ORDER}), 0) FROM {table}").fetchone()
        conn.execute(f"UPDATE {table} SET {SEQ} = ? + {ORDER}", (int(base),))
        conn.execute(f"UPDATE {REPLICA_TABLE} SET value = ? WHERE key = 'seq'", (int(base) + int(top),))
    conn.execute(f"CREATE INDEX IF NOT EXISTS {_quote(f'{REPLICA_TABLE}_{tab}_seq')} ON {table} ({SEQ})")
    stamp = (
        f"UPDATE {REPLICA_TABLE} SET value = value + 1 WHERE key = 'seq'; "
        f"UPDATE {table} SET {SEQ} = (SELECT value FROM {REPLICA_TABLE} WHERE key = 'seq') "
        f"WHERE {ORDER} = NEW.{ORDER};"
    )
    conn.execute(
        f"CREATE TRIGGER IF NOT EXISTS {_quote(_trigger(tab, 'insert'))} AFTER INSERT ON {table} "
        f"BEGIN {stamp} END"
    )
    conn.execute(
        f"CREATE TRIGGER IF NOT EXISTS {_quote(_trigger(tab, 'update'))} AFTER UPDATE ON {table} "
        f"WHEN NEW.{SEQ} IS OLD.{SEQ} BEGIN {stamp} END"
    )
    deleted = _literal(_deleted_key(tab))
    conn.execute(f"INSERT OR IGNORE INTO {REPLICA_TABLE} VALUES ({deleted}, 0)")
    conn.execute(
        f"CREATE TRIGGER IF NOT EXISTS {_quote(_trigger(tab, 'delete'))} AFTER DELETE ON {table} "
        f"BEGIN UPDATE {REPLICA_TABLE} SET value = value + 1 WHERE key = {deleted}; END"
    )


def _deleted_key(tab: str) -> str:
    """The ``_replica`` key counting deletions from ``tab`` (a replica then reads it whole)."""
    return f"deleted:{tab}"


def redraw_db_id(conn: sqlite3.Connection) -> None:
    """A new ``db_id`` (a backup copy, a restored database): no replica or snapshot of the database
    it came from is ever taken for it."""
    conn.execute(f"INSERT OR REPLACE INTO {REPLICA_TABLE} VALUES ('db_id', lower(hex(randomblob(16))))")


@dataclass(frozen=True)
class DbState:
    """What ``_replica`` says now: the database's id, its change counter, deletions per tab."""

    db_id: str
    top: int
    values: dict[str, Any]

    def deleted(self, tab: str) -> Any:
        return self.values.get(_deleted_key(tab))


def _state(conn: sqlite3.Connection) -> DbState:
    found = dict(conn.execute(f"SELECT key, value FROM {REPLICA_TABLE}").fetchall())
    return DbState(str(found["db_id"]), int(found["seq"]), found)


# -- the typed frames ------------------------------------------------------------------------


def fingerprint(tab: str) -> str:
    """What typing ``tab`` depends on: its columns, their kinds and dtypes, the pandas version.
    Kept per registered spec: a campaign form's own tab gets a new spec when a new version of
    its YAML changes a field, and the frames typed under the old one are then read again."""
    return _fingerprint(spec(tab))


@functools.cache
def _fingerprint(s: TabSpec) -> str:
    tab = s.name
    parts = [
        SNAPSHOT_FORMAT,
        tab,
        pd.__version__,
        [(c, s.kind(c), str(s.schema.columns[c].dtype)) for c in s.columns],
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


@dataclass(frozen=True)
class TabState:
    """One tab's replica: the typed frame (never changed once built) and what it was built from."""

    header: tuple[str, ...]
    fingerprint: str
    frame: pd.DataFrame
    rows: np.ndarray[Any, np.dtype[np.int64]]
    seqs: np.ndarray[Any, np.dtype[np.int64]]
    cursor: int
    #: the tab's deletion count when read: any other value means rows went away
    deleted: Any
    #: rows changed since the snapshot on disk was written (None: no snapshot written or loaded)
    since_snapshot: int | None = None


def _typed(tab: str, header: Sequence[str], rows: list[tuple[Any, ...]]) -> tuple[pd.DataFrame, Any, Any]:
    """Rows fetched as ``(_row, _seq, *header)`` -> typed frame, ``_row`` and ``_seq`` arrays."""
    n = len(rows)
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in range(len(header) + 2)]
    frame = coerce_columns(tab, dict(zip(header, columns[2:], strict=True)), n)
    return frame, np.array(columns[0], dtype=np.int64), np.array(columns[1], dtype=np.int64)


def _compact(values: Any) -> Any:
    """An Arrow-backed column in one piece again once appends have split it into many chunks."""
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        chunked = pa.chunked_array(pa.array(values))
        if chunked.num_chunks > 16:
            return pd.array(chunked.combine_chunks(), dtype=values.dtype)
    return values


def _merge(tab: str, state: TabState, header: Sequence[str], delta: list[tuple[Any, ...]]) -> TabState | None:
    """``state`` with the changed rows ``delta`` replaced in place and new rows appended; None when
    a row cannot be placed (inserted before the last known row)."""
    typed, drows, dseqs = _typed(tab, header, delta)
    if not len(state.rows):  # nothing to keep (and an empty frame's text columns are ``object``)
        return replace(state, frame=typed, rows=drows, seqs=dseqs, cursor=max(state.cursor, int(dseqs.max())))
    pos = np.searchsorted(state.rows, drows)
    inside = pos < len(state.rows)
    present = np.zeros(len(drows), dtype=bool)
    present[inside] = state.rows[pos[inside]] == drows[inside]
    new = ~present
    if new.any() and len(state.rows) and drows[new].min() < state.rows[-1]:
        return None
    at, which, tail = pos[present], np.flatnonzero(present), np.flatnonzero(new)
    out: dict[str, Any] = {}
    for j, column in enumerate(state.frame.columns):
        values = state.frame.iloc[:, j].array
        fresh = typed.iloc[:, j].array
        if len(at):
            values = values.copy()
            values[at] = fresh[which]
        if len(tail):
            values = type(values)._concat_same_type([values, fresh[tail]])
        out[column] = _compact(values)
    n = len(state.rows) + len(tail)
    frame = pd.DataFrame(out, index=pd.RangeIndex(n), columns=list(state.frame.columns))
    seqs = state.seqs.copy()
    seqs[at] = dseqs[which]
    since = None if state.since_snapshot is None else state.since_snapshot + len(delta)
    return replace(
        state,
        frame=frame,
        rows=np.concatenate([state.rows, drows[tail]]),
        seqs=np.concatenate([seqs, dseqs[tail]]),
        cursor=max(state.cursor, int(dseqs.max())),
        since_snapshot=since,
    )


# -- snapshots ---------------------------------------------------------------------------------


def _to_arrow(state: TabState, tab: str, db_id: str, extra: dict[str, Any] | None = None) -> pa.Table:
    arrays: list[Any] = [pa.array(state.rows, pa.int64()), pa.array(state.seqs, pa.int64())]
    arrays += [pa.array(state.frame[column].array) for column in state.frame.columns]
    meta = {
        "format": SNAPSHOT_FORMAT,
        "tab": tab,
        "db_id": db_id,
        "header": list(state.header),
        "fingerprint": state.fingerprint,
        "cursor": state.cursor,
        "deleted": state.deleted,
        "rows": len(state.rows),
        **(extra or {}),
    }
    table = pa.Table.from_arrays(arrays, names=[ORDER, SEQ, *state.frame.columns])
    return table.replace_schema_metadata({_META_KEY: json.dumps(meta).encode()})


#: zstd: about a tenth of the size (147 -> 11 MB at 100k submissions) for ~0.1 s more to read
_IPC_OPTIONS = pa.ipc.IpcWriteOptions(compression="zstd")


def snapshot_bytes(state: TabState, tab: str, db_id: str, extra: dict[str, Any] | None = None) -> bytes:
    """``state`` as one Arrow IPC file in memory (zstd), with what it was built from in its
    metadata (``extra`` added): what a store keeps somewhere other than a file beside it."""
    table = _to_arrow(state, tab, db_id, extra)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema, options=_IPC_OPTIONS) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue())


def snapshot_meta(table: pa.Table) -> dict[str, Any]:
    """What a snapshot says it was built from (empty when it says nothing)."""
    raw = (table.schema.metadata or {}).get(_META_KEY)
    return dict(json.loads(raw)) if raw else {}


def write_snapshot(path: Path, tab: str, state: TabState, db_id: str) -> None:
    """Write ``state`` to ``path`` atomically (a temporary file beside it, then a rename)."""
    table = _to_arrow(state, tab, db_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with (
            pa.OSFile(str(tmp), "wb") as sink,
            pa.ipc.new_file(sink, table.schema, options=_IPC_OPTIONS) as writer,
        ):
            writer.write_table(table)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


#: A temporary snapshot file older than this was left by a process killed while writing it.
_STALE_TMP_SECONDS = 3600.0


def _sweep(folder: Path) -> None:
    """Remove temporary files that processes killed mid-write left in ``folder``."""
    try:
        now = time.time()
        for leftover in folder.glob(".*.tmp"):
            if now - leftover.stat().st_mtime > _STALE_TMP_SECONDS:
                leftover.unlink(missing_ok=True)
    except OSError:
        log.warning("replica folder %s not swept", folder, exc_info=True)


def read_snapshot(path: Path, tab: str, *, db: DbState, header: Sequence[str]) -> TabState | None:
    """The replica stored at ``path`` if it belongs to this database, header, spec and counter;
    None otherwise (missing, unreadable, stale or another database's)."""
    try:
        if not path.is_file():
            return None
        # Read into memory, not memory-mapped: the frames outlive the file, which a tool may cut short.
        with pa.OSFile(str(path), "rb") as source:
            table = pa.ipc.open_file(source).read_all()
    except Exception:  # any damage: the tab is read in full instead
        log.warning("replica snapshot %s ignored: unreadable", path, exc_info=True)
        return None

    def ours(meta: dict[str, Any]) -> bool:
        return (
            meta.get("db_id") == db.db_id
            and meta.get("deleted") == db.deleted(tab)
            and isinstance(meta.get("cursor"), int)
            and meta["cursor"] <= db.top
        )

    return state_from_snapshot(table, tab, header, accept=ours, where=str(path))


def state_from_snapshot(
    table: pa.Table, tab: str, header: Sequence[str], *, accept: Callable[[dict[str, Any]], bool], where: str
) -> TabState | None:
    """The tab's replica from a snapshot's Arrow table, if it is of this format, tab, header and
    spec, its columns are typed as a full read types them, and ``accept`` (the store's own
    checks: database, deletions, counter) takes its metadata; None otherwise."""
    try:
        meta = snapshot_meta(table)
        s = spec(tab)
        if (
            meta.get("format") != SNAPSHOT_FORMAT
            or meta.get("tab") != tab
            or meta.get("header") != list(header)
            or meta.get("fingerprint") != fingerprint(tab)
            or not isinstance(meta.get("cursor"), int)
            or not accept(meta)
            or table.num_rows != meta.get("rows")
            or table.column_names != [ORDER, SEQ, *s.columns]
        ):
            return None
        n = table.num_rows
        dtypes = coerce_columns(tab, {}, 1 if n else 0).dtypes  # what a full read of n rows gives
        out: dict[str, Any] = {}
        for column in s.columns:
            data, dtype = table.column(column), dtypes[column]
            kind = s.kind(column)
            if kind in ("int", "money"):
                ok = pa.types.is_int64(data.type)
            elif kind == "bool":
                ok = pa.types.is_boolean(data.type) and not data.null_count
            else:
                ok = (
                    pa.types.is_string(data.type) or pa.types.is_large_string(data.type)
                ) and not data.null_count
            if not ok:
                return None
            out[column] = pd.array(data.to_numpy() if kind == "bool" else data, dtype=dtype)
        frame = pd.DataFrame(out, index=pd.RangeIndex(n), columns=list(s.columns))
        if not frame.dtypes.equals(dtypes):
            return None
        rows = table.column(ORDER).to_numpy(zero_copy_only=False).astype(np.int64)
        seqs = table.column(SEQ).to_numpy(zero_copy_only=False).astype(np.int64)
        if n and (np.any(np.diff(rows) <= 0) or int(seqs.max()) > meta["cursor"]):
            return None
        return TabState(
            tuple(header), fingerprint(tab), frame, rows, seqs, meta["cursor"], meta["deleted"], 0
        )
    except Exception:  # any damage: the tab is read in full instead
        log.warning("replica snapshot %s ignored: unreadable", where, exc_info=True)
        return None


def snapshot_due(state: TabState, min_rows: int) -> bool:
    """Should ``state`` be written as a snapshot: a large tab with none yet, or moved on by a
    tenth of its rows since the last one?"""
    n = len(state.rows)
    return n >= min_rows and (
        state.since_snapshot is None or state.since_snapshot >= max(1, int(n * _REFRESH_SHARE))
    )


class SnapshotQueue:
    """Snapshot writes off the readers' path: one writer thread, at most one pending write per
    tab (a write asked for while the tab's last one is under way is dropped: the next read asks
    again). Shared by the SQLite and PostgreSQL replicas."""

    def __init__(self, thread_name: str, on_start: Callable[[], None] | None = None) -> None:
        self._thread_name = thread_name
        self._on_start = on_start  # submitted first, once, when the writer thread starts
        self._executor: ThreadPoolExecutor | None = None
        self._pending: dict[str, Future[None]] = {}
        self._lock = threading.Lock()

    def submit(self, tab: str, write: Callable[[], None]) -> bool:
        """Queue ``write`` for ``tab``; False when the tab's last write is still under way."""
        with self._lock:
            pending = self._pending.get(tab)
            if pending is not None and not pending.done():
                return False
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self._thread_name)
                if self._on_start is not None:
                    self._executor.submit(self._on_start)
            self._pending[tab] = self._executor.submit(write)
        return True

    def flush(self) -> None:
        """Wait for the writes under way."""
        with self._lock:
            pending = list(self._pending.values())
        for future in pending:
            future.result()

    def close(self) -> None:
        """Finish the writes under way and stop the writer thread."""
        self.flush()
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True)


# -- the replica --------------------------------------------------------------------------------


class Replica:
    """Typed frames per tab, kept current from the rows changed since they were read.

    All methods but the snapshot writer run under the workbook's lock, inside its read
    transaction; the writer only reads frames, which are never changed once built.
    """

    def __init__(self, folder: Path | None, *, snapshot_min_rows: int = 5_000) -> None:
        self.folder = folder
        self.snapshot_min_rows = snapshot_min_rows
        self._states: dict[str, TabState] = {}
        self._db_id: str | None = None
        self._queue = SnapshotQueue(
            "replica-snapshot", on_start=None if folder is None else functools.partial(_sweep, folder)
        )

    def read(
        self,
        conn: sqlite3.Connection,
        tabs: Sequence[str],
        header_of: Callable[[sqlite3.Connection, str], list[str] | None],
    ) -> dict[str, pd.DataFrame]:
        """``tabs`` as typed frames (copies the caller may change), from the open transaction."""
        db = _state(conn)
        if db.db_id != self._db_id:  # restored, replaced or first read: nothing kept is valid
            self._states.clear()
            self._db_id = db.db_id
        out: dict[str, pd.DataFrame] = {}
        for tab in dict.fromkeys(tabs):
            header = header_of(conn, tab)
            if header is None:
                self._states.pop(tab, None)
                out[tab] = coerce_columns(tab, {}, 0)
                continue
            state = self._current(conn, tab, tuple(header), db)
            self._states[tab] = state
            out[tab] = state.frame.copy(deep=False)
        return {tab: out[tab] for tab in tabs}

    def _current(self, conn: sqlite3.Connection, tab: str, header: tuple[str, ...], db: DbState) -> TabState:
        fp = fingerprint(tab)
        db_id = db.db_id
        state = self._states.get(tab)
        if state is not None and (
            state.header != header or state.fingerprint != fp or state.deleted != db.deleted(tab)
        ):
            state = None
        verify = False
        if state is None and self.folder is not None:
            state = read_snapshot(self._path(tab), tab, db=db, header=header)
            verify = True
        if state is not None:
            state = self._catch_up(conn, tab, state, verify=verify)
        if state is None:
            state = self._full(conn, tab, header, fp, db.deleted(tab))
        if snapshot_due(state, self.snapshot_min_rows):
            state = self._schedule(tab, state, db_id)
        return state

    @staticmethod
    def _select(header: Sequence[str]) -> str:
        return ", ".join([ORDER, f"coalesce({SEQ}, 0)", *(_quote(c) for c in header)])

    def _full(
        self, conn: sqlite3.Connection, tab: str, header: tuple[str, ...], fp: str, deleted: Any
    ) -> TabState:
        rows = conn.execute(f"SELECT {self._select(header)} FROM {_quote(tab)} ORDER BY {ORDER}").fetchall()
        frame, order, seqs = _typed(tab, header, rows)
        cursor = int(seqs.max()) if len(seqs) else 0
        return TabState(header, fp, frame, order, seqs, cursor, deleted)

    def _catch_up(
        self, conn: sqlite3.Connection, tab: str, state: TabState, *, verify: bool = False
    ) -> TabState | None:
        """``state`` brought up to date, or None when the tab must be read whole. ``verify`` (a
        snapshot from disk): every row's ``_seq`` must add up too, so a file put back by hand
        (a copy of this very database, same ``db_id``, then written to) cannot pass for it."""
        table = _quote(tab)
        # No ORDER BY: SQLite would walk the whole table in _row order instead of the _seq index.
        delta = conn.execute(
            f"SELECT {self._select(state.header)} FROM {table} WHERE {SEQ} > ?", (state.cursor,)
        ).fetchall()
        delta.sort(key=itemgetter(0))
        merged = _merge(tab, state, state.header, delta) if delta else state
        if merged is None:
            return None
        if verify:
            count, total = conn.execute(f"SELECT count(*), coalesce(sum({SEQ}), 0) FROM {table}").fetchone()
            if int(total) != int(merged.seqs.sum(dtype=np.int64)):
                return None
        else:
            (count,) = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        if int(count) != len(merged.rows):
            return None  # rows gone without the delete trigger (dropped by a tool?): read it whole
        return merged

    # -- snapshots --------------------------------------------------------------------------

    def _path(self, tab: str) -> Path:
        assert self.folder is not None
        safe = "".join(ch if ch.isalnum() or ch in "-_" else f"%{ord(ch):x}" for ch in tab)
        return self.folder / f"{safe}.arrow"

    def _schedule(self, tab: str, state: TabState, db_id: str) -> TabState:
        """Write ``state``'s snapshot off the caller's path (one writer thread, one pending write
        per tab); ``state`` as kept once that write is under way."""
        if self.folder is None or not self._queue.submit(
            tab, functools.partial(self._write, tab, state, db_id)
        ):
            return state
        return replace(state, since_snapshot=0)

    def _write(self, tab: str, state: TabState, db_id: str) -> None:
        try:
            write_snapshot(self._path(tab), tab, state, db_id)
        except Exception:  # a full disk or a read-only folder costs the next start a full read
            log.warning("replica snapshot of %r not written", tab, exc_info=True)

    def forget(self) -> None:
        """Drop every kept frame: the next read of each tab is a full read."""
        self._states.clear()
        self._db_id = None

    def flush(self) -> None:
        """Wait for the snapshots being written."""
        self._queue.flush()

    def close(self) -> None:
        """Finish the snapshots being written; forget the frames."""
        self._queue.close()
        self._states.clear()

"""The embedded default backend: a :class:`core.ports.Workbook` over one SQLite file.

Storage layout (one SQL table per tab, so the file stays readable with any SQLite tool):

* ``_tabs(name, header)`` remembers each tab's header order (a JSON list); ``ensure_tabs`` only
  ever appends to it, like a sheet whose columns are never dropped or reordered.
* each tab is a table named after the tab. ``_row INTEGER PRIMARY KEY AUTOINCREMENT`` records
  the order rows were appended (an explicit rowid alias, so ``VACUUM`` cannot renumber it);
  ``id`` is the row's key (``TEXT NOT NULL UNIQUE``); every other column is declared without a
  type, so cells keep SQLite's dynamic type exactly as :func:`schemas.registry.to_cell` made them:
  text, integer, real or NULL. Booleans are stored as INTEGER 1/0 (what ``sqlite3`` does with a
  Python ``bool``); ``coerce_columns`` reads them back as ``bool``.

* ``_changes(name, mark)`` holds a random mark per tab that triggers re-draw on every insert,
  update or delete of its rows, by anyone; :meth:`SqliteWorkbook.change_marks` lets
  :class:`services.services.Services` keep typed frames and re-read only the tabs that changed.

* row tracking for the typed replica (:mod:`storage.sqlite_replica`): every tab table also has a
  hidden ``_seq INTEGER`` column (indexed, never in ``_tabs``' header, never returned) that
  ``AFTER INSERT``/``AFTER UPDATE`` triggers stamp from one database-wide counter kept in
  ``_replica(key, value)``; an ``AFTER DELETE`` trigger counts deletions per tab there, and
  ``_replica`` also holds ``db_id``, a random id drawn at creation and again by ``backup`` (in the
  copy) and ``restore``. Opening a file made before row tracking adds the column (back-filled in
  ``_row`` order), index and triggers in place; nothing else changes.

Reads go through the typed replica: the workbook keeps each tab's typed frame and, in the read
transaction, fetches only rows whose ``_seq`` passed the last one seen, types them with
:func:`schemas.registry.coerce_columns` and merges them (changed rows in place, new rows appended),
so after one approval a read costs two rows, not 350,000. A deletion, a changed header or
``db_id``, or a row count that does not add up makes a full read of that tab. Big tabs
(``snapshot_min_rows``, 5,000) are also kept as Arrow IPC files in ``<file>.replica/`` (written in a
background thread, then renamed into place), keyed by tab, header, schema fingerprint, ``db_id``
and cursor, so a restarted process catches up from the snapshot instead of typing every row; a
snapshot that does not match is ignored. Every read equals a full read
(``tests/unit/test_sqlite_replica.py``); ``replica=False`` turns it off (the benchmarks' cold reads).

Text is stored verbatim: SQLite has no formula engine, so ``=1+1`` stays the text ``=1+1``.

Concurrency: one connection, opened with ``check_same_thread=False`` and guarded by a lock, so
Streamlit's session threads (and ``:memory:`` databases) all see one database and no connection
is left behind when a thread dies. Other processes are kept apart by SQLite's own file locks
(WAL journal, ``busy_timeout`` 10 s, ``BEGIN IMMEDIATE`` for every write).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import ulid

from core.errors import RowNotFound, StaleRow
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
from core.text import is_clean_text
from schemas.registry import cell_rows, coerce_columns, spec, to_cell
from storage.local_files import FolderFiles
from storage.sqlite_replica import SEQ, Replica, needs_preparing, prepare_database, redraw_db_id, track_rows

__all__ = ["SqliteWorkbook", "now_hanoi"]

log = logging.getLogger(__name__)

_TZ = "Asia/Ho_Chi_Minh"
_META = "_tabs"
#: ``_changes(name, mark)``: a random 64-bit mark per tab, re-drawn by triggers on every insert,
#: update or delete of the tab's rows, whoever makes it (this app, another process, a SQLite tool).
_CHANGES = "_changes"
_ORDER = "_row"
#: Columns a caller may not set through ``Change.values``: the store owns the envelope.
_BUSY_TIMEOUT_MS = 10_000
#: Rows converted and inserted per ``executemany`` (memory stays bounded on a 20,000-row import).
_INSERT_CHUNK = 1_000


def now_hanoi() -> str:
    """The current time in Asia/Ho_Chi_Minh as ISO 8601 with its offset (``...+07:00``)."""
    return datetime.now(ZoneInfo(_TZ)).isoformat(timespec="milliseconds")


def _quote(name: str) -> str:
    """An SQL identifier for ``name``; any text is safe (quotes are doubled, NUL is refused)."""
    if not name or "\x00" in name:
        raise ValueError(f"invalid name {name!r}: must be non-empty text without NUL")
    return '"' + name.replace('"', '""') + '"'


def _repeated(items: Sequence[str]) -> list[str]:
    """Items that occur more than once, sorted."""
    return sorted(item for item, n in Counter(items).items() if n > 1)


def _chunks(items: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    """Slices small enough to stay under SQLite's bound-parameter limit."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


class SqliteWorkbook:
    """A workbook of named tabs in a SQLite file, or in memory with ``path=":memory:"``."""

    def __init__(
        self,
        path: str | Path,
        *,
        clock: Callable[[], str] | None = None,
        replica: bool = True,
        snapshot_min_rows: int = 5_000,
    ) -> None:
        """Open (or create) the store at ``path``, upgrading a file made by an earlier version.

        ``replica``: keep typed frames and read only changed rows (False: every read is a full
        read, as before the replica existed; the benchmarks' cold reads use it).
        ``snapshot_min_rows``: tabs at least this long get an on-disk snapshot beside the file.
        """
        self.path = str(path)
        self._clock: Callable[[], str] = clock or now_hanoi
        self._lock = threading.RLock()
        self._conn = self._connect(self.path)
        folder = None if self.path == ":memory:" else Path(self.path + ".replica")
        self._replica = Replica(folder, snapshot_min_rows=snapshot_min_rows) if replica else None
        #: dossier files in a folder beside the database (core.ports.FileStore; storage/local_files.py)
        self.files = FolderFiles(None if self.path == ":memory:" else Path(self.path + ".files"))
        self._prepare()

    def put_file(self, folder: str, name: str, data: bytes, mime: str) -> str:
        """Store a dossier file in ``<database>.files/<folder>/``; returns its reference."""
        return self.files.put_file(folder, name, data, mime)

    def get_file(self, ref: str) -> bytes:
        """The bytes of a stored dossier file."""
        return self.files.get_file(ref)

    def _prepare(self) -> None:
        """The bookkeeping tables, and row tracking on every tab (an upgrade in place for a file
        made before it: the ``_seq`` column is added and back-filled, nothing else changes)."""
        with self._lock:
            self._conn.execute(
                f"CREATE TABLE IF NOT EXISTS {_META} (name TEXT PRIMARY KEY NOT NULL, header TEXT NOT NULL)"
            )
            self._conn.execute(
                f"CREATE TABLE IF NOT EXISTS {_CHANGES} "
                "(name TEXT PRIMARY KEY NOT NULL, mark INTEGER NOT NULL)"
            )
            if needs_preparing(self._conn, self._tab_names(self._conn)):
                with self._transaction() as conn:
                    prepare_database(conn, self._tab_names(conn))

    @staticmethod
    def _tab_names(conn: sqlite3.Connection) -> list[str]:
        return [str(r[0]) for r in conn.execute(f"SELECT name FROM {_META} ORDER BY name")]

    @staticmethod
    def _connect(path: str) -> sqlite3.Connection:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction is exactly
        # as wide as the method that opens it.
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10.0)
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        if path != ":memory:":
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                conn.close()
                raise RuntimeError(f"{path}: SQLite refused WAL journal mode (got {mode!r})")
            # WAL + NORMAL: a power cut may lose the last commits but never corrupts the file.
            conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    # -- lifecycle -----------------------------------------------------------------------

    def close(self) -> None:
        """Finish writing snapshots, close the connection; the workbook cannot be used afterwards."""
        if self._replica is not None:
            self._replica.close()
        with self._lock:
            self._conn.close()

    def flush_snapshots(self) -> None:
        """Wait until the replica's snapshots being written in the background are on disk."""
        if self._replica is not None:
            self._replica.flush()

    def __enter__(self) -> SqliteWorkbook:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SqliteWorkbook({self.path!r})"

    @contextmanager
    def _transaction(self, begin: str = "BEGIN IMMEDIATE") -> Iterator[sqlite3.Connection]:
        """One transaction under the lock: commit on success, roll back on any error."""
        with self._lock:
            conn = self._conn
            conn.execute(begin)
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # COMMIT itself may fail; never leave a transaction open
                    conn.execute("ROLLBACK")
                raise

    # -- the Workbook port ---------------------------------------------------------------

    def ensure_tabs(self, tabs: Mapping[str, Sequence[str]]) -> None:
        """Create missing tabs and missing header columns; never drop or reorder a column."""
        wanted = {tab: self._check_header(tab, header) for tab, header in tabs.items()}
        with self._transaction() as conn:
            for tab, header in wanted.items():
                current = self._header(conn, tab)
                if current is None:
                    cols = ", ".join("id TEXT NOT NULL UNIQUE" if c == "id" else _quote(c) for c in header)
                    conn.execute(
                        f"CREATE TABLE {_quote(tab)} "
                        f"({_ORDER} INTEGER PRIMARY KEY AUTOINCREMENT, {SEQ} INTEGER, {cols})"
                    )
                    conn.execute(f"INSERT INTO {_META} VALUES (?, ?)", (tab, json.dumps(header)))
                    continue
                missing = [c for c in header if c not in current]
                for column in missing:
                    conn.execute(f"ALTER TABLE {_quote(tab)} ADD COLUMN {_quote(column)}")
                    # New cells read like empty cells of a sheet: '' for text, NULL for numbers.
                    default = to_cell(tab, column, None)
                    if default is not None:
                        conn.execute(f"UPDATE {_quote(tab)} SET {_quote(column)} = ?", (default,))
                if missing:
                    conn.execute(
                        f"UPDATE {_META} SET header = ? WHERE name = ?", (json.dumps(current + missing), tab)
                    )
            for tab in wanted:
                self._track_changes(conn, tab)
                track_rows(conn, tab)
                self._index_tokens(conn, tab)

    def read(self, tab: str) -> pd.DataFrame:
        """All rows of ``tab`` in append order, typed by the tab's schema (empty if never created)."""
        return self.read_many([tab])[tab]

    def read_many(self, tabs: Sequence[str]) -> dict[str, pd.DataFrame]:
        """Several tabs from one read transaction, so they form a consistent snapshot."""
        for tab in tabs:
            spec(tab)  # an unknown tab fails here, naming the known ones
        with self._transaction("BEGIN") as conn:
            if self._replica is not None:
                try:
                    return self._replica.read(conn, tabs, self._header)
                except sqlite3.OperationalError:
                    # A table without row tracking (made by an older version still running, or
                    # a tool): read in full as before; the next ensure_tabs/open adds tracking.
                    log.warning("%s: replica skipped, tabs read in full", self.path, exc_info=True)
                    self._replica.forget()
            raw = {tab: self._columns(conn, tab) for tab in tabs}
        return {tab: coerce_columns(tab, cols, n) for tab, (cols, n) in raw.items()}

    def read_matching(self, tab: str, where: Mapping[str, Collection[str]]) -> pd.DataFrame:
        """Rows of ``tab`` whose cell in one of ``where``'s columns is one of its values (one
        ``SELECT``, no full read, the replica left alone): :class:`core.ports.MatchingRows`. Also
        every row whose cell there is not a plain code (a character outside ``A-Z a-z 0-9 _ . -``,
        or not text): typing may clean such a cell into one of the values."""
        spec(tab)
        with self._transaction("BEGIN") as conn:
            header = self._header(conn, tab)
            if header is None:
                return coerce_columns(tab, {}, 0)
            conditions: list[str] = []
            params: list[str] = []
            for column, values in where.items():
                self._check_columns(tab, header, {column: None})
                q = _quote(column)
                conditions.append(
                    f"{q} IN (SELECT value FROM json_each(?)) OR typeof({q}) NOT IN ('text', 'null')"
                    f" OR {q} GLOB '*[^A-Za-z0-9_.-]*'"
                )
                params.append(json.dumps(sorted({str(v) for v in values})))
            picked = " OR ".join(f"({c})" for c in conditions) or "0"
            cols, n = self._columns(conn, tab, where=picked, params=params)
        return coerce_columns(tab, cols, n)

    def append(self, tab: str, rows: Sequence[Row], *, actor: str) -> list[dict[str, Any]]:
        """Append rows in one transaction, assigning missing ids and the envelope."""
        if not rows:
            return []
        with self._transaction() as conn:
            return self._insert(conn, tab, rows, actor=actor, now=self._clock())

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

        ``once``: the check for an already stored row runs inside the same ``BEGIN IMMEDIATE``
        transaction as the write, so two processes cannot both pass it.
        """
        also_append = also_append or {}
        if not changes and not any(also_append.values()):
            return []
        check_changes(tab, changes)
        ids = [c.id for c in changes]
        with self._transaction() as conn:
            header = self._require_header(conn, tab)
            if once:
                self._check_columns(tab, header, once)
                where = " AND ".join(f"{_quote(c)} = ?" for c in once)
                found = conn.execute(
                    f"SELECT id FROM {_quote(tab)} WHERE {where} ORDER BY {_ORDER} LIMIT 1",
                    tuple(to_cell(tab, c, v) for c, v in once.items()),
                ).fetchone()
                if found is not None:
                    (stored,) = self._select(conn, tab, [found[0]])
                    raise AlreadyStored(tab, {c: to_cell(tab, c, v) for c, v in stored.items()})
            for change in changes:
                self._check_columns(tab, header, change.values)
            current = self._versions(conn, tab, ids)
            missing = [i for i in ids if i not in current]
            if missing:
                raise RowNotFound(missing, tab)
            stale = [c.id for c in changes if current[c.id] != c.expected_version]
            if stale:
                raise StaleRow(stale, tab)
            now = self._clock()
            for change in changes:
                values = {col: to_cell(tab, col, v) for col, v in change.values.items()}
                values.update(
                    version=current[change.id] + 1,
                    updated_at=to_cell(tab, "updated_at", now),
                    updated_by=to_cell(tab, "updated_by", actor),
                )
                assignments = ", ".join(f"{_quote(col)} = ?" for col in values)
                conn.execute(
                    f"UPDATE {_quote(tab)} SET {assignments} WHERE id = ?", (*values.values(), change.id)
                )
            for other, rows in also_append.items():
                if rows:
                    self._insert(conn, other, rows, actor=actor, now=now)
            # Stored cells back to Python values (1/0 -> bool), as ``append`` returns them.
            return [{c: to_cell(tab, c, v) for c, v in r.items()} for r in self._select(conn, tab, ids)]

    def load(self, tab: str, rows: Sequence[Row]) -> int:
        """Append rows exactly as given, envelope included (``cli.py copy``): one transaction."""
        if not rows:
            return 0
        for row in rows:
            if not row.get("id") or row.get("version") in (None, ""):
                raise ValueError(f"tab {tab!r}: a loaded row needs its id and version: {dict(row)!r}")
        with self._transaction() as conn:
            return len(self._insert(conn, tab, rows, actor="", now=self._clock(), keep_envelope=True))

    def change_marks(self, tabs: Sequence[str]) -> dict[str, int | None]:
        """Per tab, a mark re-drawn by every change to its rows (by anyone); None if untracked.

        Marks are random, not counters, so a database restored from a backup cannot reproduce
        the mark of different content that a reader still holds.
        """
        with self._lock:
            try:
                found = dict(self._conn.execute(f"SELECT name, mark FROM {_CHANGES}").fetchall())
            except sqlite3.OperationalError:  # restored from a backup made before marks existed
                found = {}
        return {tab: found.get(tab) for tab in tabs}

    # -- backup --------------------------------------------------------------------------

    def backup(self, dest_path: str | Path) -> Path:
        """Copy the whole database to ``dest_path`` with SQLite's online backup API."""
        dest = Path(dest_path)
        target = sqlite3.connect(dest)
        try:
            with self._lock:
                self._conn.backup(target)
            # The copy is another database: no replica snapshot of this one may ever serve it.
            redraw_db_id(target)
            target.commit()
            # A plain rollback-journal file: one self-contained file to copy, mail or archive.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        return dest

    @classmethod
    def restore(
        cls, backup_path: str | Path, path: str | Path, *, clock: Callable[[], str] | None = None
    ) -> SqliteWorkbook:
        """Replace the database at ``path`` (or a new ``:memory:`` one) with a backup; open it."""
        source_path = Path(backup_path)
        if not source_path.is_file():
            raise FileNotFoundError(f"backup file not found: {source_path}")
        workbook = cls(path, clock=clock)
        source = sqlite3.connect(f"{source_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            with workbook._lock:
                source.backup(workbook._conn)
        finally:
            source.close()
        # An older backup gets row tracking; a new db_id makes every replica of what was at
        # ``path`` (in this process, another one, or a snapshot on disk) read the tabs again.
        workbook._prepare()
        with workbook._transaction() as conn:
            redraw_db_id(conn)
        return workbook

    # -- helpers -------------------------------------------------------------------------

    def header(self, tab: str) -> tuple[str, ...] | None:
        """The stored header of ``tab`` in column order, or None if the tab was never created."""
        with self._lock:
            found = self._header(self._conn, tab)
        return None if found is None else tuple(found)

    @staticmethod
    def _check_header(tab: str, header: Sequence[str]) -> list[str]:
        spec(tab)  # only registered tabs: reads are typed by their schema
        columns = check_header(tab, header)
        for column in columns:
            _quote(column)
            if column in (_ORDER, SEQ):
                raise ValueError(f"tab {tab!r}: the column name {column!r} is reserved")
        return columns

    @staticmethod
    def _track_changes(conn: sqlite3.Connection, tab: str) -> None:
        """Give ``tab`` a change mark and the triggers that re-draw it (idempotent)."""
        literal = "'" + tab.replace("'", "''") + "'"
        conn.execute(f"INSERT OR IGNORE INTO {_CHANGES} VALUES ({literal}, random())")
        for event in ("INSERT", "UPDATE", "DELETE"):
            trigger = _quote(f"{_CHANGES}_{tab}_{event.lower()}")
            conn.execute(
                f"CREATE TRIGGER IF NOT EXISTS {trigger} AFTER {event} ON {_quote(tab)} "
                f"BEGIN UPDATE {_CHANGES} SET mark = random() WHERE name = {literal}; END"
            )

    def _index_tokens(self, conn: sqlite3.Connection, tab: str) -> None:
        """A unique index on ``(unit_id, client_token)`` where the token is set, so a client token
        is stored once per unit whatever writes the file (this app, another process, a SQLite
        tool). A file already holding such a pair twice (made before the rule) gets a plain index:
        :meth:`_insert` still refuses any new repeat inside the write transaction."""
        header = self._header(conn, tab) or []
        if not all(c in header for c in ("unit_id", "client_token")):
            return
        name = _quote(f"{tab}_client_token")
        where = "WHERE client_token IS NOT NULL AND client_token <> ''"
        try:
            conn.execute("SAVEPOINT token_index")
            conn.execute(
                f"CREATE UNIQUE INDEX IF NOT EXISTS {name} ON {_quote(tab)} (unit_id, client_token) {where}"
            )
            conn.execute("RELEASE token_index")
        except sqlite3.IntegrityError:
            conn.execute("ROLLBACK TO token_index")
            conn.execute("RELEASE token_index")
            log.warning("%s: tab %s already holds a client token twice; plain index", self.path, tab)
            conn.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {_quote(tab)} (unit_id, client_token) {where}"
            )

    @staticmethod
    def _header(conn: sqlite3.Connection, tab: str) -> list[str] | None:
        row = conn.execute(f"SELECT header FROM {_META} WHERE name = ?", (tab,)).fetchone()
        return None if row is None else list(json.loads(row[0]))

    def _require_header(self, conn: sqlite3.Connection, tab: str) -> list[str]:
        header = self._header(conn, tab)
        if header is None:
            spec(tab)
            raise ValueError(f"tab {tab!r} does not exist yet; create it with ensure_tabs() first")
        return header

    @staticmethod
    def _check_columns(tab: str, header: Sequence[str], row: Mapping[str, Any]) -> None:
        unknown = [c for c in row if c not in header]
        if unknown:
            raise ValueError(f"tab {tab!r} has no column(s) {unknown}; its columns are {list(header)}")

    def _columns(
        self, conn: sqlite3.Connection, tab: str, *, where: str = "1", params: Sequence[Any] = ()
    ) -> tuple[dict[str, Sequence[Any]], int]:
        """The rows of ``tab`` (every one, or those ``where`` picks) in append order, as raw cells
        column by column, and the row count."""
        header = self._header(conn, tab)
        if header is None:
            return {}, 0
        cols = ", ".join(_quote(c) for c in header)
        sql = f"SELECT {cols} FROM {_quote(tab)} WHERE {where} ORDER BY {_ORDER}"
        rows = conn.execute(sql, params).fetchall()
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in header]
        return dict(zip(header, columns, strict=True)), len(rows)

    def _select(
        self, conn: sqlite3.Connection, tab: str, ids: Sequence[str] | None = None
    ) -> list[dict[str, Any]]:
        """Rows of ``tab`` as raw cells: all in append order, or those of ``ids`` in that order."""
        header = self._header(conn, tab)
        if header is None:
            return []
        sql = f"SELECT {', '.join(_quote(c) for c in header)} FROM {_quote(tab)}"
        if ids is None:
            return [dict(zip(header, r, strict=True)) for r in conn.execute(f"{sql} ORDER BY {_ORDER}")]
        by_id: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(ids):
            where = f" WHERE id IN ({', '.join('?' * len(chunk))})"
            by_id.update((r[0], dict(zip(header, r, strict=True))) for r in conn.execute(sql + where, chunk))
        return [by_id[i] for i in ids]

    @staticmethod
    def _check_tokens(conn: sqlite3.Connection, tab: str, keys: Sequence[tuple[str, str]]) -> None:
        """Raise :class:`TokensTaken` when a ``(unit_id, client_token)`` of ``keys`` is stored
        already or repeated (inside the caller's write transaction: no other writer in between)."""
        taken = set(repeated_keys(keys))
        tokens = sorted({c for _, c in keys})
        wanted = set(keys)
        for chunk in _chunks(tokens):
            sql = (
                f"SELECT unit_id, client_token FROM {_quote(tab)} "
                f"WHERE client_token IN ({', '.join('?' * len(chunk))})"
            )
            taken.update(k for u, c in conn.execute(sql, chunk) if (k := (str(u), str(c))) in wanted)
        if taken:
            raise TokensTaken(tab, [k for k in keys if k in taken])

    @staticmethod
    def _versions(conn: sqlite3.Connection, tab: str, ids: Sequence[str]) -> dict[str, int]:
        """``id -> version`` for those of ``ids`` that exist."""
        found: dict[str, int] = {}
        for chunk in _chunks(ids):
            sql = f"SELECT id, version FROM {_quote(tab)} WHERE id IN ({', '.join('?' * len(chunk))})"
            found.update({str(i): int(v) for i, v in conn.execute(sql, chunk)})
        return found

    def _insert(
        self,
        conn: sqlite3.Connection,
        tab: str,
        rows: Sequence[Row],
        *,
        actor: str,
        now: str,
        keep_envelope: bool = False,
    ) -> list[dict[str, Any]]:
        """Insert ``rows`` inside the caller's transaction; the caller rolls back on error."""
        header = self._require_header(conn, tab)
        known = set(header)
        for row in rows:
            if not known.issuperset(row):
                self._check_columns(tab, header, row)
        keys = token_keys(tab, header, rows)
        if keys:
            self._check_tokens(conn, tab, keys)
        ids = [
            rid
            if type(rid := row.get("id")) is str and rid and is_clean_text(rid)
            else to_cell(tab, "id", rid)
            for row in rows
        ]
        ids = [i or str(ulid.ULID()) for i in ids]
        twice = _repeated(ids)
        taken = sorted(self._versions(conn, tab, ids))
        if twice or taken:
            raise ValueError(
                f"tab {tab!r}: id(s) already used, nothing was written: {sorted({*twice, *taken})}"
            )
        stamp = to_cell(tab, "created_at", now)
        envelope = {
            "version": 1,
            "created_at": stamp,
            "updated_at": stamp,
            "updated_by": to_cell(tab, "updated_by", actor),
        }
        sql = (
            f"INSERT INTO {_quote(tab)} ({', '.join(_quote(c) for c in header)}) "
            f"VALUES ({', '.join('?' * len(header))})"
        )
        # A thousand rows at a time, converted a column at a time (each column's kind once), then
        # one executemany, all inside the caller's transaction: a failure half-way (at any cell)
        # still rolls back every row of the call.
        # the store sets the envelope (``load`` keeps the one given: rows copied from another store)
        content = [c for c in header if c != "id" and (keep_envelope or c not in envelope)]
        head = tuple(None if keep_envelope else envelope.get(c) for c in header)
        slots = [header.index(c) for c in content]
        id_at = header.index("id")
        stored: list[dict[str, Any]] = []
        for start in range(0, len(rows), _INSERT_CHUNK):
            part = rows[start : start + _INSERT_CHUNK]
            tuples = []
            for row_id, cells in zip(
                ids[start : start + _INSERT_CHUNK], cell_rows(tab, content, part), strict=True
            ):
                out = list(head)
                for j, v in zip(slots, cells, strict=True):
                    out[j] = v
                out[id_at] = row_id
                tuples.append(tuple(out))
            conn.executemany(sql, tuples)
            stored += [dict(zip(header, cells, strict=True)) for cells in tuples]
        return stored

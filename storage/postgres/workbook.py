"""The server backend: a :class:`core.ports.Workbook` over PostgreSQL (psycopg 3, psycopg_pool).

Several app servers share one database: every rule that makes a write safe is the database's, not
one process's. The layout (typed tables from the schemas, change marks, token index) is described
in :mod:`storage.postgres.ddl`.

* **Writes.** ``append`` and ``update`` are one transaction each, across every tab they touch
  (``update``'s changes and all of ``also_append``). It first takes the change marks of those tabs
  in name order (the row locks writers of a tab queue on, so no two writers deadlock), then checks
  ``once``, locks the changed rows (``SELECT ... FOR UPDATE``), compares versions (``StaleRow``
  naming every moved id, nothing written), updates, and inserts new rows with ``COPY``.
* **Idempotency by construction.** ``once`` is checked inside the transaction, after the tab's lock:
  two servers posting one client token store one row; the unique index on ``(unit_id,
  client_token)`` refuses a second row whatever path it comes by.
* **Dropped connections.** Each write records a random write id in ``_writes`` in its transaction.
  When the connection fails (a network cut, a server restart, an administrator's
  ``pg_terminate_backend``), the write is tried again on a new connection, and the retry, once it
  holds the tabs' locks (so the first attempt has finished, one way or the other), looks for its
  write id: found, the first attempt landed and its rows are returned; not found, it writes. A
  write is neither lost nor doubled. Reads are retried too. After ``retry_seconds`` of failures:
  :class:`StorageUnavailable` with a Vietnamese message, nothing half-written.
* **Reads** are one ``REPEATABLE READ`` transaction for all tabs asked (one snapshot), through the
  typed replica (:mod:`storage.postgres.replica`): after a change only the changed rows are fetched.
* **Change marks** (:class:`core.ports.ChangeMarks`) come from the ``LISTEN`` thread
  (:mod:`storage.postgres.listener`), or from the database while that connection is down.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from types import TracebackType
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pandas as pd
import psycopg
import ulid
from psycopg import errors as pg_errors
from psycopg_pool import ConnectionPool, PoolTimeout

from core.errors import RowNotFound, StaleRow, StorageUnavailable
from core.ports import AlreadyStored, Change, Row, TokensTaken, check_changes, check_header
from schemas.registry import coerce_columns, spec, to_cell
from storage.postgres import ddl
from storage.postgres.ddl import ORDER, RESERVED, quote
from storage.postgres.listener import MarkListener
from storage.postgres.replica import PgReplica, TabMarks

__all__ = ["PostgresWorkbook"]

log = logging.getLogger(__name__)
T = TypeVar("T")
_TZ = "Asia/Ho_Chi_Minh"
#: Errors after which the same call may be tried again on a new connection.
_RETRYABLE: tuple[type[BaseException], ...] = (
    psycopg.OperationalError,  # connection lost or refused, server shutting down or starting up
    pg_errors.SerializationFailure,
    pg_errors.DeadlockDetected,
    PoolTimeout,
)
#: ``_writes`` rows older than this are removed now and then (a retry comes within seconds).
_WRITES_KEEP = "7 days"


def now_hanoi() -> str:
    """The current time in Asia/Ho_Chi_Minh as ISO 8601 with its offset."""
    return datetime.now(ZoneInfo(_TZ)).isoformat(timespec="milliseconds")


class _Landed(Exception):
    """A retried write found that its first attempt had committed."""


class PostgresWorkbook:
    """A workbook of named tabs in one schema of a PostgreSQL database."""

    def __init__(
        self,
        dsn: str,
        *,
        schema: str = "thidua",
        clock: Callable[[], str] | None = None,
        pool_size: int = 10,
        listen: bool = True,
        replica: bool = True,
        snapshots: bool = True,
        retry_seconds: float = 30.0,
        connect_timeout: float = 5.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """Connect to ``dsn`` (a libpq connection string or ``postgresql://`` URL).

        ``schema``: where the tabs live (made by ``ensure_tabs``). ``pool_size``: connections this
        process may hold at once. ``listen``: keep change marks from ``LISTEN`` (off: every
        ``change_marks`` asks the database). ``replica``: keep typed frames between reads (off:
        every read is a full read). ``snapshots``: write typed snapshots of the large tabs this server
        read for the servers that start after it (they load them either way). ``retry_seconds``: how
        long a call keeps trying through dropped connections and a restarting server before it gives
        up with ``StorageUnavailable``.
        """
        if not dsn:
            raise ValueError("PostgreSQL: no connection string (set [storage] dsn or THIDUA_DSN)")
        self.dsn = dsn
        self.schema = ddl.check_schema_name(schema)
        self._s = quote(self.schema)
        self._clock: Callable[[], str] = clock or now_hanoi
        self.retry_seconds = retry_seconds
        self._sleep = sleep
        self._pool = ConnectionPool(
            dsn,
            min_size=1,
            max_size=max(1, pool_size),
            kwargs={"autocommit": True, "connect_timeout": max(1, int(connect_timeout))},
            # no check on checkout: a dead connection fails its call, which is tried again at once on
            # another (the pool's own check backs off a second and more after each failure)
            timeout=max(1.0, min(retry_seconds, 30.0)),  # waiting for a free connection
            name=f"thidua-{self.schema}",
            open=False,
        )
        self._pool.open(wait=False)
        self._replica = (
            PgReplica(load=self._load_snapshot, save=self._save_snapshot if snapshots else None)
            if replica
            else None
        )
        self._listener = MarkListener(dsn, self.schema, connect_timeout=connect_timeout) if listen else None
        self._writes = 0
        self._lock = threading.Lock()
        #: counts for tests and benches: calls to the database, calls that met a failed connection
        #: (and were tried again), retries, writes whose retry found the first attempt committed
        self.calls = 0
        self.failed_calls = 0
        self.retries = 0
        self.landed = 0

    # -- lifecycle -----------------------------------------------------------------------

    def close(self) -> None:
        if self._replica is not None:
            self._replica.close()  # the snapshots under way are finished first
        if self._listener is not None:
            self._listener.close()
        self._pool.close()

    # -- typed snapshots for starting servers (storage.postgres.replica) ---------------------

    #: A snapshot is stored in parts of at most this many bytes (a ``bytea`` value holds 1 GB).
    SNAPSHOT_PART_BYTES = 64 * 1024 * 1024

    def _load_snapshot(self, cur: psycopg.Cursor[Any], tab: str, m: TabMarks) -> bytes | None:
        """The tab's snapshot if one is stored for this very table and no further than its ``seq``."""
        cur.execute("SELECT to_regclass(%s)", (f"{self._s}._snapshots",))
        there = cur.fetchone()
        if there is None or there[0] is None:
            return None  # a schema made before snapshots, not yet brought up to date by ensure_tabs
        cur.execute(
            f"SELECT count(*), min(table_oid), max(table_oid), min(cursor), max(cursor), "
            f"max(part) FROM {self._s}._snapshots WHERE tab = %s",
            (tab,),
        )
        found = cur.fetchone()
        if found is None or not found[0]:
            return None
        parts, low_oid, high_oid, low, high, last = found
        if low_oid != high_oid or int(low_oid) != m.oid or low != high or int(high) > m.seq:
            return None
        if int(last) != int(parts) - 1:
            return None  # parts missing: never a half file
        cur.execute(
            f"SELECT data FROM {self._s}._snapshots WHERE tab = %s ORDER BY part", (tab,), binary=True
        )
        return b"".join(bytes(r[0]) for r in cur.fetchall())

    def _save_snapshot(self, tab: str, data: bytes, cursor: int, oid: int) -> None:
        """Store ``data`` as the tab's snapshot unless one at least as new (same table) is stored."""
        size = self.SNAPSHOT_PART_BYTES
        parts = [data[i : i + size] for i in range(0, len(data), size)] or [b""]

        def run(conn: psycopg.Connection[Any]) -> None:
            with self._transaction(conn) as cur:
                # one writer per tab at a time, whichever server: the other waits, then sees this one
                cur.execute(
                    "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
                    (f"thidua:{self.schema}:snap:{tab}",),
                )
                cur.execute(
                    f"SELECT max(cursor) FROM {self._s}._snapshots WHERE tab = %s AND table_oid = %s",
                    (tab, oid),
                )
                have = cur.fetchone()
                if have is not None and have[0] is not None and int(have[0]) >= cursor:
                    return
                cur.execute(f"DELETE FROM {self._s}._snapshots WHERE tab = %s", (tab,))
                for part, piece in enumerate(parts):
                    cur.execute(
                        f"INSERT INTO {self._s}._snapshots (tab, part, table_oid, cursor, data) "
                        "VALUES (%s, %s, %s, %s, %s)",
                        (tab, part, oid, cursor, piece),
                    )

        self._retry(run)

    @property
    def replica(self) -> PgReplica | None:
        """The typed replica (its counters: full reads, rows fetched as changed, snapshots)."""
        return self._replica

    def flush_snapshots(self) -> None:
        """Wait for the snapshots being written (tests and benches)."""
        if self._replica is not None:
            self._replica.flush()

    def __enter__(self) -> PostgresWorkbook:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"PostgresWorkbook(schema={self.schema!r})"

    def listening(self, timeout: float = 0.0) -> bool:
        """Is the change-mark listener connected (waiting up to ``timeout`` seconds)?"""
        return self._listener is not None and self._listener.wait_healthy(timeout)

    # -- connections and retries -----------------------------------------------------------

    def _retry(self, call: Callable[[psycopg.Connection[Any]], T], committing: list[bool] | None = None) -> T:
        """``call(conn)`` on a pooled connection, again on a new one after a connection failure,
        for at most ``retry_seconds``; then :class:`StorageUnavailable`: "nothing was saved", or,
        when a ``COMMIT`` was sent and never answered and no later attempt could check
        (``committing``), "reload to check"."""
        give_up = time.monotonic() + self.retry_seconds
        delay = 0.05
        attempt = 0
        with self._lock:
            self.calls += 1
        while True:
            attempt += 1
            try:
                with self._pool.connection() as conn:
                    return call(conn)
            except _RETRYABLE as exc:
                if attempt == 1:
                    with self._lock:
                        self.failed_calls += 1
                if time.monotonic() + delay > give_up:
                    unknown = committing is not None and committing[0]
                    raise StorageUnavailable(
                        "postgres.outcome_unknown" if unknown else "postgres.unavailable",
                        attempts=attempt,
                        detail=type(exc).__name__,
                    ) from exc
                with self._lock:
                    self.retries += 1
                log.info("PostgreSQL call failed (%s); trying again", type(exc).__name__)
                if attempt == 1:  # a restarted server: drop every idle connection that died with it
                    self._pool.check()
                self._sleep(delay if attempt > 1 else 0.0)
                delay = min(delay * 2, 1.0)

    @contextmanager
    def _transaction(
        self, conn: psycopg.Connection[Any], begin: str = "BEGIN", committing: list[bool] | None = None
    ) -> Iterator[psycopg.Cursor[Any]]:
        """One transaction: commit on success, roll back on error (a dead connection is dropped by
        the pool). ``committing[0]`` is set while the ``COMMIT`` is under way, cleared once answered."""
        cur = conn.cursor()
        cur.execute(begin)
        try:
            yield cur
            if committing is not None:
                committing[0] = True
            cur.execute("COMMIT")
            if committing is not None:
                committing[0] = False
        except BaseException:
            if not conn.closed and conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                try:
                    conn.execute("ROLLBACK")
                except psycopg.Error:
                    log.debug("rollback failed", exc_info=True)
            raise
        finally:
            cur.close()

    # -- the Workbook port ---------------------------------------------------------------

    def ensure_tabs(self, tabs: Mapping[str, Sequence[str]]) -> None:
        """Create missing tabs and missing header columns; never drop or reorder a column."""
        wanted = {tab: self._check_header(tab, header) for tab, header in tabs.items()}

        def run(conn: psycopg.Connection[Any]) -> None:
            if self._up_to_date(conn, wanted):
                return
            with self._transaction(conn) as cur:
                # one server at a time changes the layout (several may start at once)
                cur.execute(
                    "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"thidua:{self.schema}",)
                )
                for statement in ddl.bookkeeping(self.schema):
                    cur.execute(statement)
                current = self._read_headers(cur)
                for tab, header in wanted.items():
                    have = current.get(tab)
                    if have is None:
                        for statement in ddl.create_table(self.schema, tab, header):
                            cur.execute(statement)
                        cur.execute(f"INSERT INTO {self._s}._tabs VALUES (%s, %s)", (tab, json.dumps(header)))
                        continue
                    missing = [c for c in header if c not in have]
                    for column in missing:
                        cur.execute(ddl.add_column(self.schema, tab, column))
                    if missing:
                        cur.execute(
                            f"UPDATE {self._s}._tabs SET header = %s WHERE name = %s",
                            (json.dumps(have + missing), tab),
                        )
                    for statement in ddl.triggers(self.schema, tab):
                        cur.execute(statement)
                    if ddl.has_tokens(have + missing):
                        cur.execute(ddl.token_index(self.schema, tab))
                    for statement in ddl.pick_indexes(self.schema, tab, have + missing):
                        cur.execute(statement)
                cur.execute(
                    f"INSERT INTO {self._s}._state VALUES ('layout', %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                    (str(ddl.LAYOUT),),
                )
                cur.execute(f"DELETE FROM {self._s}._writes WHERE at < now() - interval '{_WRITES_KEEP}'")

        self._retry(run)

    def _up_to_date(self, conn: psycopg.Connection[Any], wanted: Mapping[str, list[str]]) -> bool:
        """Does the schema already hold every wanted tab and column, at this layout? (No DDL then:
        a server starting while others serve pages takes no table lock.)"""
        with self._transaction(conn, "BEGIN READ ONLY") as cur:
            cur.execute("SELECT to_regclass(%s)", (f"{self._s}._state",))
            row = cur.fetchone()
            if row is None or row[0] is None:
                return False
            cur.execute(f"SELECT value FROM {self._s}._state WHERE key = 'layout'")
            layout = cur.fetchone()
            if layout is None or layout[0] != str(ddl.LAYOUT):
                return False
            current = self._read_headers(cur)
        return all(tab in current and set(header) <= set(current[tab]) for tab, header in wanted.items())

    def read(self, tab: str) -> pd.DataFrame:
        """All rows of ``tab`` in append order, typed by the tab's schema (empty if never created)."""
        return self.read_many([tab])[tab]

    def read_many(self, tabs: Sequence[str]) -> dict[str, pd.DataFrame]:
        """Several tabs from one snapshot (``REPEATABLE READ``)."""
        for tab in tabs:
            spec(tab)  # an unknown tab fails here, naming the known ones

        def run(conn: psycopg.Connection[Any]) -> dict[str, pd.DataFrame]:
            with self._transaction(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY") as cur:
                if self._state_missing(cur):
                    return {tab: coerce_columns(tab, {}, 0) for tab in tabs}
                headers = self._read_headers(cur)
                wanted = [t for t in dict.fromkeys(tabs) if t in headers]

                def full(tab: str, header: list[str]) -> list[tuple[Any, ...]]:
                    cols = ", ".join([ORDER, ddl.SEQ, *(quote(c) for c in header)])
                    cur.execute(f"SELECT {cols} FROM {self._s}.{quote(tab)} ORDER BY {ORDER}")
                    return cur.fetchall()

                if self._replica is None:
                    out = {}
                    for tab in tabs:
                        header = headers.get(tab)
                        if header is None:
                            out[tab] = coerce_columns(tab, {}, 0)
                            continue
                        out[tab] = _typed(tab, header, full(tab, header), skip=2)
                    return out
                marks = self._tab_marks(cur, wanted)
                cur.execute(f"SELECT value FROM {self._s}._state WHERE key = 'db_id'")
                found = cur.fetchone()
                db_id = str(found[0]) if found else ""
                return self._replica.read(cur, self.schema, db_id, tabs, headers, marks, full)

        return self._retry(run)

    def read_matching(self, tab: str, where: Mapping[str, Collection[str]]) -> pd.DataFrame:
        """Rows of ``tab`` whose cell in one of ``where``'s columns is one of its values (one
        ``SELECT``, no full read, the replica left alone): :class:`core.ports.MatchingRows`. Also
        every row whose cell there is not a plain code (a character outside ``A-Z a-z 0-9 _ . -``):
        typing may clean such a cell into one of the values."""
        spec(tab)

        def run(conn: psycopg.Connection[Any]) -> pd.DataFrame:
            with self._transaction(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY") as cur:
                if self._state_missing(cur):
                    return coerce_columns(tab, {}, 0)
                header = self._read_headers(cur).get(tab)
                if header is None:
                    return coerce_columns(tab, {}, 0)
                for column in where:
                    self._check_columns(tab, header, {column: None})
                params = [sorted({str(v) for v in values}) for values in where.values()]
                cur.execute(ddl.matching_select(self.schema, tab, header, list(where)), params)
                rows = cur.fetchall()
            return _typed(tab, header, rows)

        return self._retry(run)

    def append(self, tab: str, rows: Sequence[Row], *, actor: str) -> list[dict[str, Any]]:
        """Append rows in one transaction, assigning missing ids and the envelope."""
        if not rows:
            return []
        return self._write(tab, [], actor=actor, also_append={tab: rows}, once=None, result=tab)

    def update(
        self,
        tab: str,
        changes: Sequence[Change],
        *,
        actor: str,
        also_append: Mapping[str, Sequence[Row]] | None = None,
        once: Mapping[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        """Apply all changes (and appends) in one transaction or none; raise ``StaleRow`` naming
        moved ids. ``once`` is checked in the same transaction, under the tab's write lock."""
        also_append = {t: r for t, r in (also_append or {}).items() if r}
        if not changes and not also_append:
            return []
        check_changes(tab, changes)
        return self._write(tab, changes, actor=actor, also_append=also_append, once=once, result=None)

    def change_marks(self, tabs: Sequence[str]) -> dict[str, int | None]:
        """Per tab, a mark drawn again by every transaction that writes it (on any server); None
        for a tab that does not exist yet."""
        if self._listener is not None and self._listener.healthy:
            kept = self._listener.marks()
            if all(t in kept for t in tabs):
                return {t: kept[t][1] for t in tabs}

        def run(conn: psycopg.Connection[Any]) -> dict[str, tuple[int, int]]:
            cur = conn.execute(
                f"SELECT tab, seq, mark FROM {self._s}._marks WHERE tab = ANY(%s)", (list(tabs),)
            )
            return {str(t): (int(s), int(m)) for t, s, m in cur.fetchall()}

        try:
            found = self._retry(run)
        except psycopg.errors.UndefinedTable:
            return dict.fromkeys(tabs)
        if self._listener is not None:
            self._listener.offer(found)
        return {t: (found[t][1] if t in found else None) for t in tabs}

    # -- moving stores ---------------------------------------------------------------------

    def load(self, tab: str, rows: Sequence[Row]) -> int:
        """Append rows exactly as given, envelope included (ids, versions, timestamps, authors):
        ``cli.py copy``. Every row needs an id and a version; ids already stored are refused."""
        if not rows:
            return 0
        for row in rows:
            if not row.get("id") or row.get("version") in (None, ""):
                raise ValueError(f"tab {tab!r}: a loaded row needs its id and version: {dict(row)!r}")
        self._write(tab, [], actor="", also_append={tab: rows}, once=None, result=tab, keep_envelope=True)
        return len(rows)

    def header(self, tab: str) -> tuple[str, ...] | None:
        """The stored header of ``tab`` in column order, or None if the tab was never created."""

        def run(conn: psycopg.Connection[Any]) -> dict[str, list[str]]:
            with self._transaction(conn, "BEGIN READ ONLY") as cur:
                return {} if self._state_missing(cur) else self._read_headers(cur)

        found = self._retry(run).get(tab)
        return None if found is None else tuple(found)

    # -- writing ---------------------------------------------------------------------------

    def _write(
        self,
        tab: str,
        changes: Sequence[Change],
        *,
        actor: str,
        also_append: Mapping[str, Sequence[Row]],
        once: Mapping[str, Any] | None,
        result: str | None,
        keep_envelope: bool = False,
    ) -> list[dict[str, Any]]:
        """One write transaction, retried through connection failures without doubling (see the
        module's docstring). Returns the changed rows of ``tab`` (``result=None``), or the rows
        appended to ``result``."""
        write_id = uuid.uuid4()
        # ids are drawn once, so a retry writes (and a landed first attempt returns) the same rows
        planned = {
            t: [dict(r, id=to_cell(t, "id", r.get("id")) or str(ulid.ULID())) for r in rows]
            for t, rows in also_append.items()
        }
        touched = sorted({tab, *planned})
        ids = [c.id for c in changes]
        now = self._clock()
        with self._lock:
            self._writes += 1
            prune = self._writes % 1000 == 0

        committing = [False]

        def run(conn: psycopg.Connection[Any]) -> list[dict[str, Any]]:
            try:
                with self._transaction(conn, committing=committing) as cur:
                    headers = self._read_headers(cur)
                    for t in touched:
                        self._require_header(headers, t)
                    # the tabs' write locks, in name order: writers of a tab queue here
                    cur.execute(
                        f"SELECT {self._s}._touch(t) FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, i) "
                        "ORDER BY i",
                        (touched,),
                    )
                    cur.execute(f"SELECT 1 FROM {self._s}._writes WHERE id = %s", (write_id,))
                    if cur.fetchone() is not None:
                        raise _Landed
                    committing[0] = False  # an earlier attempt's COMMIT, if any, did not land
                    cur.execute(f"INSERT INTO {self._s}._writes (id) VALUES (%s)", (write_id,))
                    if prune:
                        cur.execute(
                            f"DELETE FROM {self._s}._writes WHERE at < now() - interval '{_WRITES_KEEP}'"
                        )
                    header = headers[tab]
                    if once:
                        self._check_columns(tab, header, once)
                        self._once(cur, tab, header, once)
                    self._apply(cur, tab, header, changes, actor=actor, now=now)
                    for other, rows in planned.items():
                        self._insert(
                            cur, other, headers[other], rows, actor=actor, now=now, keep=keep_envelope
                        )
                    out = self._result(cur, tab, headers, ids, planned, result)
                    cur.execute(
                        f"SELECT tab, seq, mark FROM {self._s}._marks WHERE tab = ANY(%s)", (touched,)
                    )
                    marks = {str(t): (int(s), int(m)) for t, s, m in cur.fetchall()}
            except _Landed:
                with self._lock:
                    self.landed += 1
                with self._transaction(conn, "BEGIN READ ONLY") as cur:
                    return self._result(cur, tab, self._read_headers(cur), ids, planned, result)
            except pg_errors.UniqueViolation as exc:
                raise self._unique_error(exc, planned) from exc
            if self._listener is not None:
                self._listener.offer(marks)
            return out

        return self._retry(run, committing)

    def _result(
        self,
        cur: psycopg.Cursor[Any],
        tab: str,
        headers: Mapping[str, list[str]],
        ids: Sequence[str],
        planned: Mapping[str, Sequence[Mapping[str, Any]]],
        result: str | None,
    ) -> list[dict[str, Any]]:
        if result is None:
            return self._select(cur, tab, headers[tab], ids)
        return self._select(cur, result, headers[result], [str(r["id"]) for r in planned.get(result, [])])

    def _once(
        self, cur: psycopg.Cursor[Any], tab: str, header: Sequence[str], once: Mapping[str, Any]
    ) -> None:
        where = " AND ".join(f"{quote(c)} = %s" for c in once)
        cur.execute(
            f"SELECT id FROM {self._s}.{quote(tab)} WHERE {where} ORDER BY {ORDER} LIMIT 1",
            tuple(to_cell(tab, c, v) for c, v in once.items()),
        )
        found = cur.fetchone()
        if found is not None:
            (stored,) = self._select(cur, tab, header, [str(found[0])])
            raise AlreadyStored(tab, stored)

    def _apply(
        self,
        cur: psycopg.Cursor[Any],
        tab: str,
        header: Sequence[str],
        changes: Sequence[Change],
        *,
        actor: str,
        now: str,
    ) -> None:
        if not changes:
            return
        for change in changes:
            self._check_columns(tab, header, change.values)
        ids = [c.id for c in changes]
        cur.execute(f"SELECT id, version FROM {self._s}.{quote(tab)} WHERE id = ANY(%s) FOR UPDATE", (ids,))
        current = {str(i): int(v) for i, v in cur.fetchall()}
        missing = [i for i in ids if i not in current]
        if missing:
            raise RowNotFound(missing, tab)
        stale = [c.id for c in changes if current[c.id] != c.expected_version]
        if stale:
            raise StaleRow(stale, tab)
        stamp = to_cell(tab, "updated_at", now)
        author = to_cell(tab, "updated_by", actor)
        groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for change in changes:
            values = {col: to_cell(tab, col, v) for col, v in change.values.items()}
            values.update(version=current[change.id] + 1, updated_at=stamp, updated_by=author)
            groups.setdefault(tuple(values), []).append((*values.values(), change.id))
        for columns, params in groups.items():
            assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
            cur.executemany(f"UPDATE {self._s}.{quote(tab)} SET {assignments} WHERE id = %s", params)

    def _insert(
        self,
        cur: psycopg.Cursor[Any],
        tab: str,
        header: Sequence[str],
        rows: Sequence[Mapping[str, Any]],
        *,
        actor: str,
        now: str,
        keep: bool,
    ) -> None:
        """Insert ``rows`` (ids already assigned) inside the caller's transaction with ``COPY``."""
        for row in rows:
            self._check_columns(tab, header, row)
        if ddl.has_tokens(header):  # first: an imported row's id derives from its token
            self._check_tokens(cur, tab, rows)
        ids = [str(r["id"]) for r in rows]
        twice = sorted(i for i, n in Counter(ids).items() if n > 1)
        cur.execute(f"SELECT id FROM {self._s}.{quote(tab)} WHERE id = ANY(%s)", (ids,))
        taken = sorted(str(r[0]) for r in cur.fetchall())
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
        columns = ", ".join(quote(c) for c in header)
        with cur.copy(f"COPY {self._s}.{quote(tab)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                cells = {c: to_cell(tab, c, row.get(c)) for c in header}
                if not keep:
                    cells.update(envelope)
                copy.write_row(tuple(cells.values()))

    def _check_tokens(self, cur: psycopg.Cursor[Any], tab: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """A clear refusal for rows whose client token their unit already stored (the unique
        index refuses them anyway; this names them)."""
        pairs = [
            (to_cell(tab, "unit_id", r.get("unit_id")), to_cell(tab, "client_token", r.get("client_token")))
            for r in rows
        ]
        pairs = [p for p in pairs if p[1]]
        if not pairs:
            return
        twice = sorted({p for p, n in Counter(pairs).items() if n > 1})
        cur.execute(
            f"SELECT unit_id, client_token FROM {self._s}.{quote(tab)} WHERE client_token <> '' AND "
            "(unit_id, client_token) IN (SELECT * FROM unnest(%s::text[], %s::text[]))",
            ([p[0] for p in pairs], [p[1] for p in pairs]),
        )
        taken = sorted({(str(u), str(t)) for u, t in cur.fetchall()})
        if twice or taken:
            # the port's refusal (a ValueError) naming every key, so an import can leave those
            # rows out and write the rest (services.Services.create_many)
            refused = {*twice, *taken}
            raise TokensTaken(tab, [p for p in pairs if p in refused])

    def _unique_error(self, exc: pg_errors.UniqueViolation, planned: Mapping[str, Any]) -> Exception:
        """A unique index refused a row another writer stored meanwhile (the checks above ran
        before it committed): a clear error, nothing written."""
        constraint = exc.diag.constraint_name or ""
        table = exc.diag.table_name or ""
        return ValueError(f"tab {table!r}: a row was stored twice ({constraint}); nothing was written")

    # -- helpers -------------------------------------------------------------------------

    def _state_missing(self, cur: psycopg.Cursor[Any]) -> bool:
        cur.execute("SELECT to_regclass(%s)", (f"{self._s}._tabs",))
        row = cur.fetchone()
        return row is None or row[0] is None

    def _read_headers(self, cur: psycopg.Cursor[Any]) -> dict[str, list[str]]:
        cur.execute(f"SELECT name, header FROM {self._s}._tabs")
        return {str(name): list(header) for name, header in cur.fetchall()}

    def _tab_marks(self, cur: psycopg.Cursor[Any], tabs: Sequence[str]) -> dict[str, TabMarks]:
        cur.execute(
            f"SELECT tab, seq, deleted, to_regclass(%s || '.' || quote_ident(tab))::oid "
            f"FROM {self._s}._marks WHERE tab = ANY(%s)",
            (self._s, list(tabs)),
        )
        return {str(t): TabMarks(int(o or 0), int(s), int(d)) for t, s, d, o in cur.fetchall()}

    @staticmethod
    def _check_header(tab: str, header: Sequence[str]) -> list[str]:
        spec(tab)  # only registered tabs: reads are typed by their schema
        columns = check_header(tab, header)
        for column in columns:
            quote(column)
            if column in RESERVED:
                raise ValueError(f"tab {tab!r}: the column name {column!r} is reserved")
        return columns

    @staticmethod
    def _require_header(headers: Mapping[str, list[str]], tab: str) -> list[str]:
        header = headers.get(tab)
        if header is None:
            spec(tab)
            raise ValueError(f"tab {tab!r} does not exist yet; create it with ensure_tabs() first")
        return header

    @staticmethod
    def _check_columns(tab: str, header: Sequence[str], row: Mapping[str, Any]) -> None:
        unknown = [c for c in row if c not in header]
        if unknown:
            raise ValueError(f"tab {tab!r} has no column(s) {unknown}; its columns are {list(header)}")

    def _select(
        self, cur: psycopg.Cursor[Any], tab: str, header: Sequence[str], ids: Sequence[str]
    ) -> list[dict[str, Any]]:
        """Rows of ``ids`` in that order, as cells (``to_cell``), as ``append`` returns them."""
        if not ids:
            return []
        cols = ", ".join(quote(c) for c in header)
        cur.execute(f"SELECT {cols} FROM {self._s}.{quote(tab)} WHERE id = ANY(%s)", (list(ids),))
        by_id = {str(r[0]): r for r in cur.fetchall()}
        index = header.index("id")
        if index != 0:
            by_id = {str(r[index]): r for r in by_id.values()}
        return [{c: to_cell(tab, c, v) for c, v in zip(header, by_id[i], strict=True)} for i in ids]


def _typed(tab: str, header: Sequence[str], rows: Sequence[Sequence[Any]], skip: int = 0) -> pd.DataFrame:
    """Rows fetched as ``header``'s cells (after ``skip`` bookkeeping cells), typed as a frame."""
    columns = list(zip(*rows, strict=True))[skip:] if rows else [() for _ in header]
    return coerce_columns(tab, dict(zip(header, columns, strict=True)), len(rows))

"""Change marks pushed by PostgreSQL: ``LISTEN thidua_changes`` on one connection per workbook.

Every transaction that writes a tab sends, on commit, ``NOTIFY thidua_changes '<schema> <seq>
<mark> <tab>'`` (``storage/postgres/ddl.py``, ``_touch``). A daemon thread listens and keeps the
latest ``(seq, mark)`` per tab, so :meth:`PostgresWorkbook.change_marks` answers without a round
trip and every app server's caches see another server's write within milliseconds of its commit.

A notification older than what is kept (a lower ``seq``) is ignored, so marks never go back. While
the listening connection is down (a network cut, the database restarting) :attr:`healthy` is
false and the workbook asks the database itself; the thread reconnects with backoff and, once
listening again, reads every mark, so nothing sent while it was away is missed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from typing import Any

import psycopg

from storage.postgres.ddl import CHANNEL, quote

log = logging.getLogger(__name__)


class MarkListener:
    """``tab -> (seq, mark)`` of one schema, kept current by notifications."""

    def __init__(self, conninfo: str, schema: str, *, connect_timeout: float = 5.0) -> None:
        self.conninfo = conninfo
        self.schema = schema
        self.connect_timeout = connect_timeout
        self._marks: dict[str, tuple[int, int]] = {}
        self._lock = threading.Lock()
        self._healthy = threading.Event()
        self._stop = threading.Event()
        self._conn: psycopg.Connection[Any] | None = None
        self.notifications = 0
        self.reconnects = 0
        self._thread = threading.Thread(target=self._run, name=f"thidua-listen-{schema}", daemon=True)
        self._thread.start()

    @property
    def healthy(self) -> bool:
        return self._healthy.is_set()

    def wait_healthy(self, timeout: float) -> bool:
        return self._healthy.wait(timeout)

    def marks(self) -> dict[str, tuple[int, int]]:
        with self._lock:
            return dict(self._marks)

    def offer(self, found: Mapping[str, tuple[int, int]]) -> None:
        """Marks read elsewhere (this process's own commit, a direct query): kept when newer."""
        with self._lock:
            for tab, (seq, mark) in found.items():
                old = self._marks.get(tab)
                if old is None or old[0] < seq:
                    self._marks[tab] = (seq, mark)

    def close(self) -> None:
        self._stop.set()
        conn = self._conn
        if conn is not None:
            try:
                conn.cancel_safe(timeout=1.0)
            except Exception:  # closing anyway
                log.debug("listener cancel failed", exc_info=True)
        self._thread.join(timeout=5.0)

    def _run(self) -> None:
        delay = 0.1
        while not self._stop.is_set():
            try:
                with psycopg.connect(
                    self.conninfo, autocommit=True, connect_timeout=max(1, int(self.connect_timeout))
                ) as conn:
                    self._conn = conn
                    conn.execute(f"LISTEN {CHANNEL}")
                    rows = conn.execute(f"SELECT tab, seq, mark FROM {quote(self.schema)}._marks").fetchall()
                    self.offer({str(t): (int(s), int(m)) for t, s, m in rows})
                    self._healthy.set()
                    delay = 0.1
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.2):  # 0.2 s: close() waits no longer
                            self._take(note.payload)
            except Exception:
                if self._stop.is_set():
                    break
                self._healthy.clear()
                self.reconnects += 1
                log.info("change-mark listener lost its connection; reconnecting", exc_info=True)
                self._stop.wait(delay)
                delay = min(delay * 2, 2.0)
            finally:
                self._conn = None
                self._healthy.clear()

    def _take(self, payload: str) -> None:
        parts = payload.split(" ", 3)
        if len(parts) != 4 or parts[0] != self.schema:
            return
        self.notifications += 1
        self.offer({parts[3]: (int(parts[1]), int(parts[2]))})

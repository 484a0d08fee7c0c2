"""Fixtures for the storage contract suite: every backend must pass every test in this folder.

Adding a new backend: write a factory, add a pytest.param entry to BACKENDS. A factory that needs
a session fixture (the PostgreSQL server) names it in its ``fixtures`` attribute and gets it as a
keyword argument.

A factory takes pytest's ``tmp_path`` and a clock (a callable returning ISO 8601 text with the
+07:00 offset) and returns a fresh, empty :class:`core.ports.Workbook`. The tests use only the
port, never the backend's own API, so the Google Sheets adapter joins by adding one param
(e.g. a factory that starts ``sheets_emulator`` and returns ``GoogleSheetsWorkbook``).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from core.ports import Workbook
from schemas.registry import headers
from storage.postgres import PostgresWorkbook
from storage.sqlite import SqliteWorkbook
from tests.gsheets.support import gsheets_emulator
from tests.postgres_support import drop, postgres_workbook

Factory = Callable[[Path, Callable[[], str]], Workbook]


class TickingClock:
    """A pinned clock that moves one second per call, so every write gets its own timestamp."""

    def __init__(self) -> None:
        self._ticks = itertools.count()
        self._lock = threading.Lock()
        self.last = ""

    def __call__(self) -> str:
        with self._lock:
            n = next(self._ticks)
            self.last = f"2026-04-09T{13 + n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}+07:00"
            return self.last


def sqlite_memory(tmp_path: Path, clock: Callable[[], str]) -> Workbook:
    return SqliteWorkbook(":memory:", clock=clock)


def sqlite_file(tmp_path: Path, clock: Callable[[], str]) -> Workbook:
    return SqliteWorkbook(tmp_path / "thidua.sqlite", clock=clock)


def postgres(tmp_path: Path, clock: Callable[[], str], *, postgres_dsn: str) -> Workbook:
    """A fresh schema on the test server (``make test``'s, or one the session fixture started)."""
    return postgres_workbook(postgres_dsn, clock)


postgres.fixtures = ("postgres_dsn",)  # type: ignore[attr-defined]

BACKENDS = [
    pytest.param(sqlite_memory, id="sqlite-memory"),
    pytest.param(sqlite_file, id="sqlite-file"),
    pytest.param(gsheets_emulator, id="gsheets-emulator"),
    pytest.param(postgres, id="postgres"),
]


@pytest.fixture
def clock() -> TickingClock:
    return TickingClock()


def opened(request: pytest.FixtureRequest, tmp_path: Path, clock: TickingClock) -> Iterator[Workbook]:
    """A fresh, empty workbook of the backend ``request.param`` names, closed (or dropped) after."""
    factory: Factory = request.param
    needs = {name: request.getfixturevalue(name) for name in getattr(factory, "fixtures", ())}
    wb = factory(tmp_path, clock, **needs)
    yield wb
    if isinstance(wb, PostgresWorkbook):
        drop(wb)
        return
    close = getattr(wb, "close", None)
    if callable(close):
        close()


@pytest.fixture(params=BACKENDS)
def workbook(request: pytest.FixtureRequest, tmp_path: Path, clock: TickingClock) -> Iterator[Workbook]:
    """A fresh, empty workbook of each backend."""
    yield from opened(request, tmp_path, clock)


@pytest.fixture
def book(workbook: Workbook) -> Workbook:
    """A workbook with every registered tab created, as ``bootstrap`` leaves it."""
    workbook.ensure_tabs(headers())
    return workbook

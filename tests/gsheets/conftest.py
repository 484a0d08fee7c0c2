"""Fixtures: the Google Sheets adapter on a fresh emulator, every tab created, the log cleared."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from schemas.registry import headers
from sheets_emulator import SheetsEmulator
from storage.gsheets import GoogleSheetsWorkbook

from .support import emulated


@dataclass
class Sheet:
    """The adapter, the emulator behind it and the spreadsheet key, for one test."""

    wb: GoogleSheetsWorkbook
    emu: SheetsEmulator
    key: str
    sent: list[tuple[str, str]]

    def calls(self, endpoint: str = "*") -> int:
        """Sheets API calls served since the log was last cleared (Drive calls not counted)."""
        return sum(1 for e in self.emu.log.filter(endpoint) if not e.endpoint.startswith("drive:"))

    def clear(self) -> None:
        self.emu.log.clear()
        self.sent.clear()

    def endpoints(self) -> list[str]:
        return [e.endpoint for e in self.emu.log.entries if not e.endpoint.startswith("drive:")]

    def cells(self, tab: str, render: str = "UNFORMATTED_VALUE") -> list[list[Any]]:
        return self.emu.get_values(self.key, f"'{tab}'", render=render)

    def column(self, tab: str, name: str) -> list[Any]:
        rows = self.cells(tab)
        j = rows[0].index(name)
        return [r[j] if j < len(r) else "" for r in rows[1:]]


def ticking() -> Callable[[], str]:
    ticks = itertools.count()

    def now() -> str:
        n = next(ticks)
        return f"2026-04-09T{13 + n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}+07:00"

    return now


def new_sheet(deletes: str = "error", **options: Any) -> Sheet:
    """The adapter on a fresh emulator whose ``deleteDeveloperMetadata`` matching nothing is
    refused (``"error"``, the default) or passes (``"ignore"``); Google does not document which,
    the adapter learns it in ``ensure_tabs``."""
    sent: list[tuple[str, str]] = []
    emu = SheetsEmulator(seed=0)
    emu.strict.no_match_delete = deletes
    wb, emu, key = emulated(emu, clock=ticking(), sent=sent, **options)
    wb.ensure_tabs(headers())
    emu.log.clear()
    sent.clear()
    return Sheet(wb, emu, key, sent)


@pytest.fixture
def sheet() -> Iterator[Sheet]:
    made = new_sheet()
    yield made
    made.wb.close()


@pytest.fixture(params=["error", "ignore"], ids=["strict-delete", "lenient-delete"])
def either(request: pytest.FixtureRequest) -> Iterator[Sheet]:
    """The same test under both answers Google may give to a delete of metadata matching nothing."""
    made = new_sheet(str(request.param))
    yield made
    made.wb.close()

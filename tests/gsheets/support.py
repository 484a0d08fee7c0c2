"""Factories for the Google Sheets adapter on a fresh, in-process ``sheets_emulator``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import gspread

from sheets_emulator import SheetsEmulator
from storage.gsheets import GoogleSheetsWorkbook


def no_sleep(seconds: float) -> None:
    """Backoff without waiting: the emulator's faults are scripted, not timed."""


def emulated(
    emulator: SheetsEmulator | None = None,
    *,
    clock: Callable[[], str] | None = None,
    quotas: bool = False,
    **options: object,
) -> tuple[GoogleSheetsWorkbook, SheetsEmulator, str]:
    """A workbook on a new spreadsheet of ``emulator`` (a fresh one by default)."""
    emu = emulator or SheetsEmulator(seed=0)
    emu.quota.enabled = quotas
    key = emu.create_spreadsheet("thidua")
    client = gspread.Client(auth=None, session=emu.session())  # type: ignore[arg-type]
    options.setdefault("sleep", no_sleep)
    options.setdefault("seed", 0)
    wb = GoogleSheetsWorkbook(key, client=client, clock=clock, **options)  # type: ignore[arg-type]
    return wb, emu, key


def gsheets_emulator(tmp_path: Path, clock: Callable[[], str]) -> GoogleSheetsWorkbook:
    """Contract-suite factory: the adapter on a fresh emulator, quotas off, no real sleeping."""
    return emulated(clock=clock)[0]

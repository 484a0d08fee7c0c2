"""Factories for the Google Sheets adapter on a fresh, in-process ``sheets_emulator``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import gspread
import requests

from sheets_emulator import SheetsEmulator
from storage.gsheets import GoogleSheetsWorkbook


def no_sleep(seconds: float) -> None:
    """Backoff without waiting: the emulator's faults are scripted, not timed."""


def emulated(
    emulator: SheetsEmulator | None = None,
    *,
    clock: Callable[[], str] | None = None,
    quotas: bool = False,
    sent: list[tuple[str, str]] | None = None,
    **options: object,
) -> tuple[GoogleSheetsWorkbook, SheetsEmulator, str]:
    """A workbook on a new spreadsheet of ``emulator`` (a fresh one by default)."""
    emu = emulator or SheetsEmulator(seed=0)
    emu.quota.enabled = quotas
    key = emu.create_spreadsheet("thidua")
    session = emu.session()
    if sent is not None:  # record (method, full URL with its query) of every request

        def record(response: requests.Response, *args: object, **kwargs: object) -> None:
            sent.append((str(response.request.method), str(response.request.url)))

        session.hooks["response"].append(record)
    client = gspread.Client(auth=None, session=session)  # type: ignore[arg-type]
    options.setdefault("sleep", no_sleep)
    options.setdefault("seed", 0)
    wb = GoogleSheetsWorkbook(key, client=client, clock=clock, **options)  # type: ignore[arg-type]
    return wb, emu, key


def gsheets_emulator(tmp_path: Path, clock: Callable[[], str]) -> GoogleSheetsWorkbook:
    """Contract-suite factory: the adapter on a fresh emulator, quotas off, no real sleeping."""
    return emulated(clock=clock)[0]

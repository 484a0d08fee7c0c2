"""Fixtures: a fresh emulator, a real gspread 6 client wired to it, and a new spreadsheet."""

from __future__ import annotations

import gspread
import pytest

from sheets_emulator import SheetsEmulator


@pytest.fixture
def emu() -> SheetsEmulator:
    return SheetsEmulator(seed=7)


@pytest.fixture
def gc(emu: SheetsEmulator) -> gspread.Client:
    return gspread.Client(auth=None, session=emu.session())


@pytest.fixture
def sh(gc: gspread.Client) -> gspread.Spreadsheet:
    return gc.create("Thi đua 2026")


@pytest.fixture
def ws(sh: gspread.Spreadsheet) -> gspread.Worksheet:
    return sh.sheet1

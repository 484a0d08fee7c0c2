"""Fixtures: a fresh emulator, a real gspread 6 client wired to it, and a new spreadsheet."""

from __future__ import annotations

from typing import Any

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


SHEETS = "https://sheets.googleapis.com/v4/spreadsheets"


class RestApi:
    """Plain REST calls against one spreadsheet of an in-process emulator (no gspread in between)."""

    def __init__(self, seed: int, sheets: list[str]) -> None:
        self.emu = SheetsEmulator(seed=seed)
        self._session = self.emu.session()
        self.id = self.emu.create_spreadsheet("t", sheets=sheets)

    def get(self, path: str, **params: object) -> Any:
        return self._session.get(f"{SHEETS}/{self.id}{path}", params=params)

    def post(self, path: str, body: object = None, **params: object) -> Any:
        return self._session.post(f"{SHEETS}/{self.id}{path}", json=body, params=params)

    def put(self, path: str, body: object = None, **params: object) -> Any:
        return self._session.put(f"{SHEETS}/{self.id}{path}", json=body, params=params)

    def batch(self, *requests: object) -> Any:
        return self.post(":batchUpdate", {"requests": list(requests)})

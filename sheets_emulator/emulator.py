"""SheetsEmulator: the public facade tests use (sessions, controls, direct inspection, human edits)."""

from __future__ import annotations

from typing import Any

from . import batch, values_api
from .a1 import col_to_index
from .api import Api
from .controls import Clock, Faults, QuotaConfig, RequestLog
from .store import JSON, Sheet, Spreadsheet
from .transport import EmulatorSession
from .values import Scalar


class SheetsEmulator:
    """An in-memory Google Sheets account; `session()` gives a requests.Session that talks to it."""

    def __init__(
        self, seed: int | None = 0, quotas: QuotaConfig | None = None, clock: Clock | None = None
    ) -> None:
        self.api = Api(seed=seed, clock=clock, quotas=quotas)

    # ------------------------------------------------------------ wiring

    def session(self, user: str | None = None) -> EmulatorSession:
        """A requests.Session serving sheets.googleapis.com and www.googleapis.com from this emulator."""
        return EmulatorSession(self.api, user)

    @property
    def clock(self) -> Clock:
        return self.api.clock

    @property
    def faults(self) -> Faults:
        return self.api.faults

    @property
    def log(self) -> RequestLog:
        return self.api.log

    @property
    def quota(self) -> QuotaConfig:
        return self.api.quotas.config

    def reset_quotas(self) -> None:
        self.api.quotas.reset()

    # ------------------------------------------------------------ direct access (not logged, no quota)

    def create_spreadsheet(self, title: str = "Untitled spreadsheet", sheets: list[str] | None = None) -> str:
        """Create a spreadsheet without going through HTTP; returns its id."""
        with self.api.lock:
            book = self.api.create_book(title)
            if sheets:
                book.sheets[0].title = sheets[0]
                for name in sheets[1:]:
                    self._batch(book.spreadsheet_id, [{"addSheet": {"properties": {"title": name}}}])
            return book.spreadsheet_id

    def spreadsheet(self, spreadsheet_id: str) -> Spreadsheet:
        return self.api.store.get(spreadsheet_id)

    def sheet(self, spreadsheet_id: str, title: str | None = None) -> Sheet:
        book = self.spreadsheet(spreadsheet_id)
        if title is None:
            return book.ordered()[0]
        found = book.sheet_by_title(title)
        if found is None:
            raise KeyError(title)
        return found

    def get_values(
        self, spreadsheet_id: str, range_text: str, render: str = "FORMATTED_VALUE"
    ) -> list[list[Scalar]]:
        """Values of a range as values.get would return them, for assertions."""
        with self.api.lock:
            book = self.spreadsheet(spreadsheet_id)
            out = values_api.get(book, range_text, {"valueRenderOption": render})
            values: list[list[Scalar]] = out.get("values", [])
            return values

    def restrict(self, spreadsheet_id: str, users: set[str] | None) -> None:
        """Share a spreadsheet only with these quota users; others get 403 PERMISSION_DENIED (None: open)."""
        self.spreadsheet(spreadsheet_id).allowed_users = None if users is None else set(users)

    def _batch(self, spreadsheet_id: str, requests: list[JSON]) -> JSON:
        book = self.spreadsheet(spreadsheet_id)
        new_book, reply = batch.apply(self.api.store, book, {"requests": requests})
        self.api.store.books[spreadsheet_id] = new_book
        return reply

    # ------------------------------------------------------------ human edits in the UI

    def human(self, spreadsheet_id: str) -> HumanEdits:
        """Edits a person makes in the Sheets UI between two app calls (no quota, not logged)."""
        return HumanEdits(self, spreadsheet_id)


class HumanEdits:
    """Thin wrappers over the batchUpdate logic, in the 1-based row numbers a person sees."""

    def __init__(self, emulator: SheetsEmulator, spreadsheet_id: str) -> None:
        self.emu = emulator
        self.spreadsheet_id = spreadsheet_id

    def _sheet_id(self, sheet: str | None) -> int:
        return self.emu.sheet(self.spreadsheet_id, sheet).sheet_id

    def _apply(self, *requests: JSON) -> None:
        with self.emu.api.lock:
            self.emu._batch(self.spreadsheet_id, list(requests))

    def insert_rows(self, before_row: int, count: int = 1, sheet: str | None = None) -> None:
        """Insert empty rows above 1-based row `before_row`."""
        rng = {
            "sheetId": self._sheet_id(sheet),
            "dimension": "ROWS",
            "startIndex": before_row - 1,
            "endIndex": before_row - 1 + count,
        }
        self._apply({"insertDimension": {"range": rng, "inheritFromBefore": False}})

    def delete_rows(self, row: int, count: int = 1, sheet: str | None = None) -> None:
        """Delete `count` rows starting at 1-based row `row`."""
        rng = {
            "sheetId": self._sheet_id(sheet),
            "dimension": "ROWS",
            "startIndex": row - 1,
            "endIndex": row - 1 + count,
        }
        self._apply({"deleteDimension": {"range": rng}})

    def sort(
        self, column: str | int, ascending: bool = True, header_rows: int = 1, sheet: str | None = None
    ) -> None:
        """Sort the used rows below the header by a column (letter or 0-based index), as Data > Sort range."""
        target = self.emu.sheet(self.spreadsheet_id, sheet)
        rows, cols = target.extent()
        col = col_to_index(column) if isinstance(column, str) else column
        rng = {
            "sheetId": target.sheet_id,
            "startRowIndex": header_rows,
            "endRowIndex": max(rows, header_rows),
            "startColumnIndex": 0,
            "endColumnIndex": max(cols, col + 1),
        }
        order = "ASCENDING" if ascending else "DESCENDING"
        self._apply({"sortRange": {"range": rng, "sortSpecs": [{"dimensionIndex": col, "sortOrder": order}]}})

    def edit_cell(
        self, a1: str, value: Any, sheet: str | None = None, input_option: str = "USER_ENTERED"
    ) -> None:
        """Type a value into one cell (USER_ENTERED by default, as a person typing does)."""
        with self.emu.api.lock:
            book = self.emu.spreadsheet(self.spreadsheet_id)
            work = book.clone()
            title = self.emu.sheet(self.spreadsheet_id, sheet).title
            ref = "'" + title.replace("'", "''") + "'!" + a1
            values_api.update(work, ref, {"valueInputOption": input_option}, {"values": [[value]]})
            self.emu.api.store.books[self.spreadsheet_id] = work

    def append_row(self, values: list[Any], sheet: str | None = None) -> None:
        """Type a new row under the last used row."""
        with self.emu.api.lock:
            book = self.emu.spreadsheet(self.spreadsheet_id)
            work = book.clone()
            title = self.emu.sheet(self.spreadsheet_id, sheet).title
            ref = "'" + title.replace("'", "''") + "'"
            values_api.append(work, ref, {"valueInputOption": "USER_ENTERED"}, {"values": [values]})
            self.emu.api.store.books[self.spreadsheet_id] = work

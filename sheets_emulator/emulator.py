"""SheetsEmulator: the public facade tests use (sessions, controls, direct inspection, human edits)."""

from __future__ import annotations

from typing import Any

from . import batch, limits, values_api
from .a1 import col_to_index, parse_bounds, split_title
from .api import Api
from .controls import Clock, Faults, Network, QuotaConfig, RequestLog
from .store import JSON, ApiError, Sheet, Spreadsheet
from .transport import EmulatorSession
from .values import Scalar, parse_input


class HumanEditRefused(Exception):
    """What the Sheets UI refuses a person: a file not shared with them, a protected range, a value
    a strict dropdown does not allow. ``reason``: "not_shared", "protected" or "invalid"."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


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

    @property
    def strict(self) -> limits.Strict:
        """Limits and the undocumented cases (see :class:`sheets_emulator.limits.Strict`)."""
        return self.api.strict

    @property
    def network(self) -> Network:
        """The network model: ``emu.network.enabled = True`` makes every call wait its latency and
        its bytes (150 ms and 20 MB/s by default)."""
        return self.api.network

    def disable_api(self, api: str = "sheets") -> None:
        """Answer every call to ``api`` ("sheets" or "drive") as Google does for an API not enabled
        in the Cloud project (403 SERVICE_DISABLED)."""
        self.api.disabled.add(api)

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

    def _batch(self, spreadsheet_id: str, requests: list[JSON], user: str | None = None) -> JSON:
        book = self.spreadsheet(spreadsheet_id)
        new_book, reply = batch.apply(
            self.api.store, book, {"requests": requests}, strict=self.strict, user=user
        )
        self.api.touch(new_book)
        self.api.store.books[spreadsheet_id] = new_book
        return reply

    # ------------------------------------------------------------ human edits in the UI

    def human(self, spreadsheet_id: str, user: str | None = None) -> HumanEdits:
        """Edits a person makes in the Sheets UI between two app calls (no quota, not logged).

        ``user``: the person, by e-mail. A named person may edit only a file shared with them as an
        editor, never a protected range they are not an editor of (warning-only ranges let them
        through, as the UI does after its warning), and may not type a value a strict dropdown
        refuses: each raises :class:`HumanEditRefused`. Without ``user`` the owner edits."""
        return HumanEdits(self, spreadsheet_id, user)


class HumanEdits:
    """Thin wrappers over the batchUpdate logic, in the 1-based row numbers a person sees."""

    def __init__(self, emulator: SheetsEmulator, spreadsheet_id: str, user: str | None = None) -> None:
        self.emu = emulator
        self.spreadsheet_id = spreadsheet_id
        self.user = user

    def _sheet_id(self, sheet: str | None) -> int:
        return self.emu.sheet(self.spreadsheet_id, sheet).sheet_id

    def _check_shared(self) -> None:
        book = self.emu.spreadsheet(self.spreadsheet_id)
        if not limits.can_edit_file(book, self.user):
            raise HumanEditRefused(
                "not_shared", f"{self.user} cannot edit this spreadsheet: it is not shared with them"
            )

    def _apply(self, *requests: JSON) -> None:
        with self.emu.api.lock:
            self._check_shared()
            try:
                self.emu._batch(self.spreadsheet_id, list(requests), user=self.user)
            except ApiError as exc:
                if exc.message.endswith(limits.PROTECTED):
                    raise HumanEditRefused("protected", limits.PROTECTED) from exc
                raise

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
            self._check_shared()
            book = self.emu.spreadsheet(self.spreadsheet_id)
            target = self.emu.sheet(self.spreadsheet_id, sheet)
            _, part = split_title(a1)
            bounds = parse_bounds(part or a1)
            row, col = bounds.start_row or 0, bounds.start_col or 0
            self._check_valid(book, target, row, col, value, input_option)
            title = target.title
            ref = "'" + title.replace("'", "''") + "'!" + a1
            self._write_values(
                lambda work: values_api.update(
                    work, ref, {"valueInputOption": input_option}, {"values": [[value]]}
                )
            )

    def _write_values(self, write: Any) -> None:
        book = self.emu.spreadsheet(self.spreadsheet_id)
        work = book.clone()
        work.editor = self.user
        try:
            write(work)
        except ApiError as exc:
            if exc.message == limits.PROTECTED:
                raise HumanEditRefused("protected", limits.PROTECTED) from exc
            raise
        work.editor = None
        self.emu.api.touch(work)
        self.emu.api.store.books[self.spreadsheet_id] = work

    @staticmethod
    def _check_valid(book: Spreadsheet, sheet: Sheet, row: int, col: int, value: Any, option: str) -> None:
        """A strict dropdown (ONE_OF_LIST) refuses a typed value it does not list, as the UI does."""
        cell = sheet.get(row, col)
        rule: dict[str, Any] = dict(cell.validation or {}) if cell is not None else {}
        if not rule or not rule.get("strict"):
            return
        cond = rule.get("condition", {})
        if cond.get("type") != "ONE_OF_LIST":
            return
        typed = parse_input(value, option, book.locale)
        shown = "" if typed is None or typed.value is None else str(typed.value)
        allowed = [str(v.get("userEnteredValue", "")) for v in cond.get("values", [])]
        if shown and shown not in allowed:
            raise HumanEditRefused(
                "invalid",
                f"Invalid: the data you entered in cell violates the data validation rule ({shown!r})",
            )

    def append_row(self, values: list[Any], sheet: str | None = None) -> None:
        """Type a new row under the last used row."""
        with self.emu.api.lock:
            self._check_shared()
            title = self.emu.sheet(self.spreadsheet_id, sheet).title
            ref = "'" + title.replace("'", "''") + "'"
            self._write_values(
                lambda work: values_api.append(
                    work, ref, {"valueInputOption": "USER_ENTERED"}, {"values": [values]}
                )
            )

    def move_rows(self, row: int, count: int, before: int, sheet: str | None = None) -> None:
        """Drag ``count`` rows starting at 1-based ``row`` to just above 1-based row ``before``
        (as selecting the rows and dragging them does: a moveDimension)."""
        rng = {
            "sheetId": self._sheet_id(sheet),
            "dimension": "ROWS",
            "startIndex": row - 1,
            "endIndex": row - 1 + count,
        }
        self._apply({"moveDimension": {"source": rng, "destinationIndex": before - 1}})

    def insert_columns(self, before: str | int, count: int = 1, sheet: str | None = None) -> None:
        """Insert empty columns left of column ``before`` (a letter or a 0-based index)."""
        col = col_to_index(before) if isinstance(before, str) else before
        rng = {
            "sheetId": self._sheet_id(sheet),
            "dimension": "COLUMNS",
            "startIndex": col,
            "endIndex": col + count,
        }
        self._apply({"insertDimension": {"range": rng, "inheritFromBefore": False}})

    def delete_columns(self, column: str | int, count: int = 1, sheet: str | None = None) -> None:
        """Delete ``count`` columns starting at ``column`` (a letter or a 0-based index)."""
        col = col_to_index(column) if isinstance(column, str) else column
        rng = {
            "sheetId": self._sheet_id(sheet),
            "dimension": "COLUMNS",
            "startIndex": col,
            "endIndex": col + count,
        }
        self._apply({"deleteDimension": {"range": rng}})

    def move_columns(
        self, column: str | int, count: int, before: str | int, sheet: str | None = None
    ) -> None:
        """Drag ``count`` columns starting at ``column`` to just left of column ``before``."""
        col = col_to_index(column) if isinstance(column, str) else column
        dest = col_to_index(before) if isinstance(before, str) else before
        rng = {
            "sheetId": self._sheet_id(sheet),
            "dimension": "COLUMNS",
            "startIndex": col,
            "endIndex": col + count,
        }
        self._apply({"moveDimension": {"source": rng, "destinationIndex": dest}})

    def cut_paste(self, rows: tuple[int, int], to_row: int, sheet: str | None = None) -> None:
        """Cut 1-based rows ``rows[0]..rows[1]`` (whole rows' cells, not the rows) and paste them at
        1-based ``to_row``: cells move, rows and their metadata stay (as Edit > Cut, Paste)."""
        target = self.emu.sheet(self.spreadsheet_id, sheet)
        source = {
            "sheetId": target.sheet_id,
            "startRowIndex": rows[0] - 1,
            "endRowIndex": rows[1],
            "startColumnIndex": 0,
            "endColumnIndex": target.col_count,
        }
        dest = {"sheetId": target.sheet_id, "rowIndex": to_row - 1, "columnIndex": 0}
        self._apply({"cutPaste": {"source": source, "destination": dest, "pasteType": "PASTE_NORMAL"}})

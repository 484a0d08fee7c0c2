"""What can go wrong talking to Google, and how each failure is named for a person."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import requests
from gspread.exceptions import APIError

from core.errors import ThiduaError

if TYPE_CHECKING:
    from storage.gsheets.plan import _Ticket

#: Statuses worth retrying: quota (429) and Google's own transient failures.
_TRANSIENT = frozenset({429, 500, 502, 503, 504})


class DuplicateRowId(ThiduaError):
    """Several sheet rows carry the same id (usually a copied row); the write is refused."""

    code = "gsheets.duplicate_id"

    def __init__(self, ids: Sequence[str], tab: str) -> None:
        self.ids = tuple(ids)
        self.tab = tab
        super().__init__(ids=", ".join(self.ids), tab=tab)


class _WriteFailed(Exception):
    """The write call of an operation failed; ``cause`` says how (its outcome may be unknown)."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


class _HeaderMoved(Exception):
    """The header row changed under us (a person inserted or moved a column): start again."""


class _Replan(_HeaderMoved):
    """Google refused the write batch (400): a guarded row moved, another app instance wrote the
    same row first, or the grid shrank. Nothing was applied (a batchUpdate is all-or-nothing):
    read again and plan again. ``culprit``: the update whose request Google named, if known."""

    def __init__(self, message: str, culprit: _Ticket | None = None) -> None:
        super().__init__(message)
        self.culprit = culprit


def _status(exc: BaseException) -> int:
    if isinstance(exc, APIError):
        response = getattr(exc, "response", None)
        code = getattr(response, "status_code", None)
        if isinstance(code, int):
            return code
        return int(getattr(exc, "code", 0) or 0)
    return 0


def _describe(exc: BaseException | None) -> str:
    if exc is None:
        return "?"
    if isinstance(exc, APIError):
        return f"HTTP {_status(exc)}"
    if isinstance(exc, requests.exceptions.Timeout):
        return "timeout"
    return type(exc).__name__

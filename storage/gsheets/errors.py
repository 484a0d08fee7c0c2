"""What can go wrong talking to Google, and how each failure is named for a person.

Google answers 400 for very different things (a guard of the write batch refused, a documented
limit reached, a protected cell, a malformed request) and 403 for two (a file not shared with the
account, an API not enabled in its Cloud project). :func:`classify` tells them apart from the
status, the ``status``/``reason`` fields and the message, so each gets its own Vietnamese message
naming the fix (``i18n/msg_gsheets.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import requests
from gspread.exceptions import APIError

from core.errors import StorageUnavailable, ThiduaError

if TYPE_CHECKING:
    from storage.gsheets.plan import _Ticket

#: Statuses worth retrying: quota (429) and Google's own transient failures.
_TRANSIENT = frozenset({429, 500, 502, 503, 504})

#: 400s that mean "a guard of the batch refused" (or the grid shrank under the plan): plan again.
_REFUSALS = (
    re.compile(r"metadataId \d+ already exists|already exists", re.I),
    re.compile(r"No developer metadata match", re.I),
    re.compile(r"exceeds grid limits|outside the grid|must be less than or equal to the grid size", re.I),
)
_METADATA_FULL = re.compile(r"developer metadata.*(?:at most|exceed|limit)|metadata.*30,?000", re.I | re.S)
_CELL_TOO_LONG = re.compile(r"more than the maximum of [\d,]+ characters in a single cell", re.I)
_WORKBOOK_FULL = re.compile(r"above the limit of [\d,]+ cells", re.I)
_PROTECTED = re.compile(r"protected cell or object", re.I)
_TOO_LARGE = re.compile(r"payload size exceeds the limit", re.I)


class DuplicateRowId(ThiduaError):
    """Several sheet rows carry the same id (usually a copied row); the write is refused."""

    code = "gsheets.duplicate_id"

    def __init__(self, ids: Sequence[str], tab: str) -> None:
        self.ids = tuple(ids)
        self.tab = tab
        super().__init__(ids=", ".join(self.ids), tab=tab)


class HeaderChanged(ThiduaError):
    """A header cell of a tab the app keeps was renamed, removed or swapped by hand.

    Reads refuse rather than drop the column's data; the message names the tab, the column, what
    the header row shows instead and how to put it back.
    """

    code = "gsheets.header_changed"

    def __init__(self, tab: str, missing: Sequence[str], found: Sequence[str]) -> None:
        self.tab = tab
        self.missing = tuple(missing)
        self.found = tuple(found)
        super().__init__(
            tab=tab,
            columns=", ".join(f"'{c}'" for c in self.missing),
            found=", ".join(f"'{c}'" for c in self.found) or "-",
        )


class CellTooLong(ThiduaError):
    """A value longer than Google's 50,000 characters per cell: refused before anything is sent."""

    code = "gsheets.cell_too_long"

    def __init__(self, tab: str, column: str, row_id: str, length: int, limit: int) -> None:
        self.tab, self.column, self.row_id = tab, column, row_id
        super().__init__(tab=tab, column=column, row=row_id or "-", length=f"{length:,}", limit=f"{limit:,}")


class _WriteFailed(Exception):
    """The write call of an operation failed; ``cause`` says how (its outcome may be unknown)."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


class _HeaderMoved(Exception):
    """The header row changed under us (a person inserted or moved a column): start again."""


class _Replan(_HeaderMoved):
    """Google refused the write batch (400): a guarded row or column moved, another app instance
    wrote the same row first, or the grid shrank. Nothing was applied (a batchUpdate is
    all-or-nothing): read again and plan again. ``culprit``: the update whose request Google named,
    if known; ``request``: that request's index in the batch."""

    def __init__(self, message: str, culprit: _Ticket | None = None, request: int | None = None) -> None:
        super().__init__(message)
        self.culprit = culprit
        self.request = request


class _MetadataFull(Exception):
    """A write was refused because a sheet's developer metadata would pass Google's limit."""


def _status(exc: BaseException) -> int:
    if isinstance(exc, APIError):
        response = getattr(exc, "response", None)
        code = getattr(response, "status_code", None)
        if isinstance(code, int):
            return code
        return int(getattr(exc, "code", 0) or 0)
    return 0


def _body(exc: APIError) -> dict[str, Any]:
    try:
        body = exc.response.json()
    except Exception:  # a body that is not JSON (a proxy's HTML page)
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def _message(exc: BaseException) -> str:
    if isinstance(exc, APIError):
        return str(_body(exc).get("message") or exc)
    return str(exc)


def classify(exc: BaseException) -> str:
    """One word for what Google answered: ``transient``, ``refused`` (a guard), ``metadata_full``,
    ``cell_too_long``, ``workbook_full``, ``protected``, ``too_large``, ``bad_request`` (another
    400), ``api_disabled``, ``forbidden``, ``not_found``, or ``other``."""
    if not isinstance(exc, APIError):
        transient = isinstance(exc, requests.exceptions.Timeout | requests.exceptions.ConnectionError)
        return "transient" if transient else "other"
    status = _status(exc)
    if status in _TRANSIENT:
        return "transient"
    message = _message(exc)
    if status == 400:
        for pattern, kind in (
            (_CELL_TOO_LONG, "cell_too_long"),
            (_WORKBOOK_FULL, "workbook_full"),
            (_PROTECTED, "protected"),
            (_TOO_LARGE, "too_large"),
            (_METADATA_FULL, "metadata_full"),
        ):
            if pattern.search(message):
                return kind
        if any(p.search(message) for p in _REFUSALS):
            return "refused"
        return "bad_request"
    if status == 403:
        reasons = {str(d.get("reason", "")) for d in _body(exc).get("details", []) if isinstance(d, dict)}
        if "SERVICE_DISABLED" in reasons or re.search(r"has not been used in project|is disabled", message):
            return "api_disabled"
        return "forbidden"
    if status == 404:
        return "not_found"
    return "other"


def refused_request(exc: BaseException) -> int | None:
    """The index of the request Google named in a refused batch (``requests[i]``), if any."""
    found = re.search(r"requests\[(\d+)\]", _message(exc))
    return int(found.group(1)) if found else None


def person_error(exc: BaseException, *, account: str, spreadsheet: str) -> BaseException:
    """Errors retrying cannot fix, each named for a person with its fix; others passed on as they are."""
    kind = classify(exc)
    message = _message(exc)[:300]
    if kind == "forbidden":
        return StorageUnavailable("gsheets.forbidden", account=account or "?", spreadsheet=spreadsheet)
    if kind == "api_disabled":
        link = re.search(r"https://console\.developers\.google\.com/\S+", message)
        return StorageUnavailable(
            "gsheets.api_disabled", link=link.group(0) if link else "console.cloud.google.com"
        )
    if kind == "not_found":
        return StorageUnavailable("gsheets.not_found", spreadsheet=spreadsheet)
    if kind == "metadata_full":
        return StorageUnavailable("gsheets.metadata_full", detail=message)
    if kind == "cell_too_long":
        return StorageUnavailable("gsheets.cell_too_long_api", detail=message)
    if kind == "workbook_full":
        return StorageUnavailable("gsheets.workbook_full", detail=message)
    if kind == "protected":
        return StorageUnavailable("gsheets.protected", account=account or "?")
    if kind == "too_large":
        return StorageUnavailable("gsheets.too_large", detail=message)
    if kind == "bad_request":
        return StorageUnavailable("gsheets.refused", detail=message)
    return exc


def _describe(exc: BaseException | None) -> str:
    if exc is None:
        return "?"
    if isinstance(exc, APIError):
        return f"HTTP {_status(exc)}"
    if isinstance(exc, requests.exceptions.Timeout):
        return "timeout"
    return type(exc).__name__

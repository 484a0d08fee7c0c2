"""Google's documented limits and the access rules a write must pass, checked the way Google refuses.

* Developer metadata: 30,000 characters (keys + values) per sheet and per spreadsheet ("Read, write
  and search metadata"). Google does not say whether the spreadsheet's budget counts the metadata of
  its sheets; the emulator counts it (the reading worse for a client): every metadata of the file.
* 50,000 characters in one cell; 10,000,000 cells in a spreadsheet.
* A request body over 10 MB is refused.
* Protected ranges: a range that is not warning-only may be edited only by its editors and the
  owner; the API refuses any other caller, the UI any other person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .store import JSON, ApiError, Sheet, Spreadsheet, bad_request

MAX_CELL_CHARS = 50_000
MAX_CELLS = 10_000_000
MAX_METADATA_CHARS = 30_000
MAX_REQUEST_BYTES = 10 * 1024 * 1024

CELL_TOO_LONG = f"Your input contains more than the maximum of {MAX_CELL_CHARS} characters in a single cell."
PROTECTED = (
    "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to "
    "remove protection if you need to edit."
)
#: Quota users that act as the spreadsheet's owner (an in-process session without a user).
OWNER_ALIASES = frozenset({"default"})


@dataclass
class Strict:
    """How strictly the emulator follows Google where Google's documentation is silent.

    Defaults model the case worse for a client (docs/emulator.md, *Where Google is silent*).
    """

    #: ``deleteDeveloperMetadata`` whose filter matches nothing: ``"error"`` (400, the batch fails)
    #: or ``"ignore"`` (an empty reply). Undocumented.
    no_match_delete: str = "error"
    #: Does ``sortRange`` carry row metadata along with the sorted rows? Google documents moves on
    #: insert and delete only; by default the metadata stays where it was.
    sort_moves_metadata: bool = False
    #: developer-metadata characters (keys + values) allowed per sheet and per spreadsheet
    max_metadata_chars: int = MAX_METADATA_CHARS
    max_spreadsheet_metadata_chars: int = MAX_METADATA_CHARS
    max_cells: int = MAX_CELLS
    max_request_bytes: int = MAX_REQUEST_BYTES


def check_text(value: Any) -> None:
    """A cell's text over 50,000 characters is refused (never truncated)."""
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        raise bad_request(CELL_TOO_LONG)


def metadata_chars(book: Spreadsheet) -> tuple[dict[int, int], int]:
    """(characters of keys + values per sheet id, characters in the whole spreadsheet): kept by
    the spreadsheet's metadata list as entries come and go."""
    chars = book.developer_metadata.chars
    return {sid: n for sid, n in chars.items() if sid is not None}, sum(chars.values())


def check_metadata(book: Spreadsheet, strict: Strict) -> None:
    """Refuse a spreadsheet whose developer metadata went over the budget of a sheet or of the file."""
    per_sheet, total = metadata_chars(book)
    limit = strict.max_metadata_chars
    for sid, size in per_sheet.items():
        if size > limit:
            title = next((s.title for s in book.sheets if s.sheet_id == sid), str(sid))
            raise bad_request(
                f"Invalid requests[{{i}}].createDeveloperMetadata: The developer metadata of sheet "
                f"'{title}' would use {size} characters; a sheet may hold at most {limit} characters "
                "of developer metadata keys and values."
            )
    whole = strict.max_spreadsheet_metadata_chars
    if total > whole:
        raise bad_request(
            f"Invalid requests[{{i}}].createDeveloperMetadata: The developer metadata of the spreadsheet "
            f"would use {total} characters; a spreadsheet may hold at most {whole} characters of "
            "developer metadata keys and values."
        )


def check_cells(book: Spreadsheet, strict: Strict) -> None:
    """Refuse a grid that grew past 10 million cells (every sheet counted, empty cells too)."""
    cells = sum(s.row_count * s.col_count for s in book.sheets)
    if cells > strict.max_cells:
        raise bad_request(
            f"This action would increase the number of cells in the workbook above the limit of "
            f"{strict.max_cells} cells."
        )


def is_owner(book: Spreadsheet, user: str | None) -> bool:
    return user is None or user in OWNER_ALIASES or user == book.owner


def can_edit_file(book: Spreadsheet, user: str | None) -> bool:
    """Owner, a writer the file is shared with, or anyone when shared with anyone as writer."""
    if is_owner(book, user):
        return True
    for perm in book.permissions:
        if perm.get("role") not in ("owner", "writer", "organizer", "fileOrganizer"):
            continue
        if perm.get("type") == "anyone" or str(perm.get("emailAddress", "")).lower() == str(user).lower():
            return True
    return False


def _covers(rng: JSON, r0: int, r1: int, c0: int, c1: int) -> bool:
    sr, er = rng.get("startRowIndex", 0), rng.get("endRowIndex", 10**9)
    sc, ec = rng.get("startColumnIndex", 0), rng.get("endColumnIndex", 10**9)
    return bool(sr < r1 and r0 < er and sc < c1 and c0 < ec)


def _inside(rng: JSON, r0: int, r1: int, c0: int, c1: int) -> bool:
    sr, er = rng.get("startRowIndex", 0), rng.get("endRowIndex", 10**9)
    sc, ec = rng.get("startColumnIndex", 0), rng.get("endColumnIndex", 10**9)
    return bool(sr <= r0 and r1 <= er and sc <= c0 and c1 <= ec)


def _blocks(p: JSON, r0: int, r1: int, c0: int, c1: int) -> bool:
    """Does protected range ``p`` hold a cell of the block? A protected sheet's unprotected ranges
    let through a block lying wholly inside one of them."""
    if "range" not in p or not _covers(p["range"], r0, r1, c0, c1):
        return False
    return not any(_inside(u, r0, r1, c0, c1) for u in p.get("unprotectedRanges") or [])


def locked_for(book: Spreadsheet, sheet: Sheet, user: str | None) -> list[JSON]:
    """The protected ranges of ``sheet`` that ``user`` may not edit (warning-only ones never lock)."""
    if is_owner(book, user):
        return []
    out = []
    for p in sheet.protected_ranges:
        if p.get("warningOnly"):
            continue
        editors = {str(u).lower() for u in (p.get("editors") or {}).get("users", [])}
        if str(user).lower() not in editors:
            out.append(p)
    return out


def check_protected(
    book: Spreadsheet, sheet: Sheet, user: str | None, r0: int, r1: int, c0: int = 0, c1: int = 10**9
) -> None:
    """Refuse an edit of the block [r0, r1) x [c0, c1) touching a range ``user`` may not edit."""
    for p in locked_for(book, sheet, user):
        if _blocks(p, r0, r1, c0, c1):
            raise bad_request(PROTECTED)


def check_cells_protected(
    book: Spreadsheet, sheet: Sheet, user: str | None, cells: Iterable[tuple[int, int]]
) -> None:
    """Refuse a write of any of ``cells`` (row, column) inside a range ``user`` may not edit."""
    locked = [p for p in locked_for(book, sheet, user) if "range" in p]
    if not locked:
        return
    for r, c in cells:
        for p in locked:
            if _blocks(p, r, r + 1, c, c + 1):
                raise bad_request(PROTECTED)


def too_large(size: int, strict: Strict) -> ApiError | None:
    if size > strict.max_request_bytes:
        return ApiError(400, f"Request payload size exceeds the limit: {strict.max_request_bytes} bytes.")
    return None

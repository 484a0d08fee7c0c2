"""A1 notation: parsing ranges the way Google accepts them and echoing them the way Google prints them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CELL = re.compile(r"^\$?([A-Za-z]{1,3})?\$?([0-9]+)?$")
_PLAIN_TITLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CELL_LIKE = re.compile(r"^([A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc][0-9]*|[A-Za-z]{1,3}|[0-9]+)$")


class A1Error(ValueError):
    """A range string Google would answer with 400 "Unable to parse range"."""


def col_to_index(letters: str) -> int:
    """Zero-based column index of column letters ("A" -> 0, "AA" -> 26)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def index_to_col(index: int) -> str:
    """Column letters of a zero-based column index (0 -> "A")."""
    n = index + 1
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def quote_title(title: str) -> str:
    """Quote a sheet title only when Google does: anything but a plain identifier that is not cell-like."""
    if _PLAIN_TITLE.match(title) and not _CELL_LIKE.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"


@dataclass(frozen=True)
class Bounds:
    """A rectangle in zero-based half-open indices; None means unbounded on that side."""

    start_row: int | None
    end_row: int | None
    start_col: int | None
    end_col: int | None


WHOLE = Bounds(None, None, None, None)


@dataclass(frozen=True)
class ParsedRange:
    """A range string split into its sheet title (None: first visible sheet) and its bounds."""

    title: str | None
    bounds: Bounds
    named: str | None = None


def split_title(text: str) -> tuple[str | None, str | None]:
    """Split "'My Sheet'!A1:B2" into ("My Sheet", "A1:B2"); a bare part is returned as the second item."""
    text = text.strip()
    if text.startswith("'"):
        i = 1
        buf = []
        while i < len(text):
            ch = text[i]
            if ch == "'":
                if i + 1 < len(text) and text[i + 1] == "'":
                    buf.append("'")
                    i += 2
                    continue
                rest = text[i + 1 :]
                if rest == "":
                    return "".join(buf), None
                if rest.startswith("!"):
                    return "".join(buf), rest[1:]
                raise A1Error(text)
            buf.append(ch)
            i += 1
        raise A1Error(text)
    if "!" in text:
        title, _, rest = text.rpartition("!")
        return title, rest
    return None, text


def _parse_cell(token: str) -> tuple[int | None, int | None]:
    m = _CELL.match(token.strip())
    if not m or (m.group(1) is None and m.group(2) is None):
        raise A1Error(token)
    col = col_to_index(m.group(1)) if m.group(1) else None
    row = int(m.group(2)) - 1 if m.group(2) else None
    if row is not None and row < 0:
        raise A1Error(token)
    return row, col


def parse_bounds(ref: str) -> Bounds:
    """Parse "A1", "A1:B2", "A:C", "2:5", "A2:C", "D4:A1" into normalised bounds."""
    parts = ref.split(":")
    if len(parts) == 1:
        row, col = _parse_cell(parts[0])
        if row is None or col is None:
            raise A1Error(ref)
        return Bounds(row, row + 1, col, col + 1)
    if len(parts) != 2:
        raise A1Error(ref)
    r1, c1 = _parse_cell(parts[0])
    r2, c2 = _parse_cell(parts[1])
    rows: tuple[int | None, int | None]
    cols: tuple[int | None, int | None]
    if r1 is not None and r2 is not None:
        lo, hi = min(r1, r2), max(r1, r2)
        rows = (lo, hi + 1)
    elif r1 is not None:
        rows = (r1, None)
    elif r2 is not None:
        rows = (None, r2 + 1) if c1 is None else (0, r2 + 1)
    else:
        rows = (None, None)
    if c1 is not None and c2 is not None:
        lo, hi = min(c1, c2), max(c1, c2)
        cols = (lo, hi + 1)
    elif c1 is not None:
        cols = (c1, None)
    elif c2 is not None:
        cols = (0, c2 + 1)
    else:
        cols = (None, None)
    return Bounds(rows[0], rows[1], cols[0], cols[1])


def looks_like_a1(text: str) -> bool:
    """True when a bare string parses as an A1 reference rather than a sheet or named range."""
    try:
        parse_bounds(text)
    except A1Error:
        return False
    return True


def format_cell(row: int, col: int) -> str:
    """ "B3" for zero-based (2, 1)."""
    return f"{index_to_col(col)}{row + 1}"


def format_bounds(start_row: int, end_row: int, start_col: int, end_col: int) -> str:
    """A1 text of a concrete rectangle; a single cell prints as one reference, like Google."""
    first = format_cell(start_row, start_col)
    if end_row - start_row == 1 and end_col - start_col == 1:
        return first
    return f"{first}:{format_cell(end_row - 1, end_col - 1)}"


def format_range(title: str, start_row: int, end_row: int, start_col: int, end_col: int) -> str:
    """ "'My Sheet'!A1:B2" as Google echoes it."""
    return f"{quote_title(title)}!{format_bounds(start_row, end_row, start_col, end_col)}"

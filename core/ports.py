"""The storage port: a workbook of named tabs, each a table with a header row.

Adapters (``storage/``) implement :class:`Workbook`; core services depend only on this file.
Every adapter passes the contract suite in ``tests/contract/``.

Cells are plain values (``str``, ``int``, ``float``, ``bool`` or ``None``); rows are addressed by
their immutable ``id``, never by position, and every change checks ``version``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import pandas as pd

#: The envelope columns every tab starts with, in this order.
ENVELOPE: tuple[str, ...] = ("id", "version", "created_at", "updated_at", "updated_by")

Cell = str | int | float | bool | None
Row = Mapping[str, Any]


@dataclass(frozen=True)
class Change:
    """One row update: the row's ``id``, the ``version`` the caller read, and the new values."""

    id: str
    expected_version: int
    values: Mapping[str, Any] = field(default_factory=dict)


class AlreadyStored(Exception):
    """``update(..., once=...)`` found a row already matching ``once``: nothing was written.

    ``row`` is that stored row (cells as ``append`` returns them). Raised by the store so that the
    check and the write are one atomic step (SQLite: inside the transaction; Google Sheets: in the
    adapter's pre-write read, the new rows' tags then refusing a second writer).
    """

    def __init__(self, tab: str, row: Mapping[str, Any]) -> None:
        super().__init__(f"tab {tab!r}: already stored as {row.get('id')!r}")
        self.tab = tab
        self.row = dict(row)


#: A tab holding both columns keeps a non-empty ``client_token`` unique per ``unit_id`` (see
#: :class:`TokensTaken`): the idempotency key of a form submission and of an imported row.
TOKEN_COLUMNS: tuple[str, str] = ("unit_id", "client_token")


class TokensTaken(ValueError):
    """A write would store a row whose ``(unit_id, client_token)`` a row of ``tab`` already holds
    (or two such rows in one call): nothing was written.

    The rule every adapter enforces, inside the same atomic step as the write (SQLite: in the
    write transaction; PostgreSQL: a unique index; Google Sheets: in the pre-write read, the new
    rows' tags then refusing a second writer): in a tab with both :data:`TOKEN_COLUMNS`, a
    non-empty client token is stored once per unit, whatever path the row comes by (a form, an
    import, a sheet sync). ``keys`` lists every ``(unit_id, client_token)`` refused, so a caller
    writing many rows can leave those out and write the rest.
    """

    def __init__(self, tab: str, keys: Sequence[tuple[str, str]]) -> None:
        self.tab = tab
        self.keys = tuple(dict.fromkeys((str(u), str(c)) for u, c in keys))
        shown = ", ".join(f"{u}/{c}" for u, c in self.keys[:5]) + (" ..." if len(self.keys) > 5 else "")
        super().__init__(
            f"tab {tab!r}: client token(s) already stored for their unit, nothing written: {shown}"
        )


def token_keys(tab: str, header: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """The ``(unit_id, client_token)`` of the rows that carry a token, in a tab that has both
    columns (else none); cells as the adapters store them (text, trimmed)."""
    if not all(c in header for c in TOKEN_COLUMNS):
        return []
    out = []
    for r in rows:
        token = r.get("client_token")
        token = "" if token is None else str(token).strip()
        if token:
            unit = r.get("unit_id")
            out.append(("" if unit is None else str(unit).strip(), token))
    return out


def repeated_keys(keys: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Keys that occur more than once in ``keys``."""
    return sorted(k for k, n in Counter(keys).items() if n > 1)


def check_changes(tab: str, changes: Sequence[Change]) -> None:
    """Refuse what no adapter may do (one rule for every backend): the same row twice in one
    call, or a change to an envelope column, which only the store itself writes."""
    twice = sorted(i for i, n in Counter(c.id for c in changes).items() if n > 1)
    if twice:
        raise ValueError(f"tab {tab!r}: each row may be changed once per call; repeated ids: {twice}")
    for change in changes:
        refused = sorted(set(ENVELOPE) & set(change.values))
        if refused:
            raise ValueError(
                f"tab {tab!r}, row {change.id!r}: columns {refused} are kept by the store "
                "and cannot be changed"
            )


def check_header(tab: str, header: Sequence[str]) -> list[str]:
    """The header rule every adapter enforces in ``ensure_tabs``: a sequence of distinct, non-empty
    column names starting with the envelope."""
    if isinstance(header, str):
        raise TypeError(f"tab {tab!r}: the header must be a sequence of column names, not a string")
    columns = list(header)
    if tuple(columns[: len(ENVELOPE)]) != ENVELOPE:
        raise ValueError(f"tab {tab!r}: the header must start with the envelope {list(ENVELOPE)}")
    twice = sorted(c for c, n in Counter(columns).items() if n > 1)
    if twice:
        raise ValueError(f"tab {tab!r}: repeated columns {twice}")
    if any(not c or not c.strip() for c in columns):
        raise ValueError(f"tab {tab!r}: empty column name")
    return columns


@runtime_checkable
class Workbook(Protocol):
    """A spreadsheet-like store of named tabs (SQLite file, Google Sheet, ...)."""

    def read(self, tab: str) -> pd.DataFrame:
        """All rows of ``tab`` as a DataFrame typed by the tab's schema (raw cells coerced)."""
        ...

    def read_many(self, tabs: Sequence[str]) -> dict[str, pd.DataFrame]:
        """Several tabs in one round trip (Google Sheets: one values:batchGet)."""
        ...

    def append(self, tab: str, rows: Sequence[Row], *, actor: str) -> list[dict[str, Any]]:
        """Append rows, assigning missing ids and the envelope; returns the stored rows.

        Raises :class:`TokensTaken` (nothing written) for a row whose unit already stored its
        client token, as ``update``'s ``also_append`` does."""
        ...

    def update(
        self,
        tab: str,
        changes: Sequence[Change],
        *,
        actor: str,
        also_append: Mapping[str, Sequence[Row]] | None = None,
        once: Mapping[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        """Apply all changes (and appends) together or none; raise ``StaleRow`` naming moved ids.

        ``once`` (column -> cell, e.g. a client token and a unit): when ``tab`` already holds a
        row with exactly those cells, nothing is written and :class:`AlreadyStored` carries it.
        Appended rows whose ``(unit_id, client_token)`` is already stored (or repeated in the
        call) raise :class:`TokensTaken` and nothing is written.
        """
        ...

    def ensure_tabs(self, tabs: Mapping[str, Sequence[str]]) -> None:
        """Create missing tabs and missing header columns; never drop or reorder a column."""
        ...


@runtime_checkable
class Loader(Protocol):
    """A store that can take rows exactly as another store holds them (``cli.py copy``)."""

    def load(self, tab: str, rows: Sequence[Row]) -> int:
        """Append ``rows`` with their envelope as given (ids, versions, timestamps, authors), in
        order, in one write; every row needs an id and a version; ids already stored are refused
        and nothing is written. Returns the number of rows stored."""
        ...


@runtime_checkable
class ChangeMarks(Protocol):
    """A store that can tell cheaply whether a tab changed, so readers may keep typed frames."""

    def change_marks(self, tabs: Sequence[str]) -> dict[str, int | None]:
        """Per tab, a mark that changes whenever any writer (any process) changes its rows;
        None where the store cannot tell (the reader then falls back to a short cache)."""
        ...


@runtime_checkable
class MatchingRows(Protocol):
    """A store that can pick rows by the values of a few columns without reading the whole tab
    (SQL databases): a page that needs the records of a few dozen persons reads those, not the
    tens of thousands of a first start's cold tabs."""

    def read_matching(self, tab: str, where: Mapping[str, Collection[str]]) -> pd.DataFrame:
        """Rows of ``tab``, typed as :meth:`Workbook.read` types them, whose cell in one of
        ``where``'s columns is one of that column's values, in append order. May hold more rows
        (any the store cannot rule out cheaply: a cell not written as the plain code it is
        compared with); never fewer: the caller filters exactly."""
        ...


class Clock(Protocol):
    """Where "now" comes from, so tests and the demo can pin time."""

    def now(self) -> pd.Timestamp:
        """The current time, timezone-aware (Asia/Ho_Chi_Minh)."""
        ...


@runtime_checkable
class FileStore(Protocol):
    """Where a dossier's files (PDF, Word, scans) live, in the store's natural place: a folder beside
    the SQLite file, a Drive folder per campaign on Google Sheets, the database for PostgreSQL.

    Files are never overwritten or deleted: each ``put_file`` stores new bytes under a new reference,
    and a document taken out of a dossier keeps its file (the row is marked removed).
    """

    def put_file(self, folder: str, name: str, data: bytes, mime: str) -> str:
        """Store ``data`` under ``folder`` (a campaign id) as ``name``; returns the file's reference."""
        ...

    def get_file(self, ref: str) -> bytes:
        """The bytes stored under ``ref``; ``FileNotFoundError`` when there is none."""
        ...

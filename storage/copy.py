"""Moving a workbook from one store to another (``cli.py copy --from ... --to ...``).

Every tab is read from the source in one consistent read, and written to the target with
:meth:`core.ports.Loader.load`, which keeps each row's envelope (id, version, created/updated
at and by), in the source's order; the history tab is a tab like the others, so it moves whole.
The target must be empty: a copy never mixes two workbooks, nor overwrites one.

Afterwards every tab of the target is read again and compared with the source: the number of
rows and a checksum (SHA-256 over the typed cells of every row, in order, as the port reads them:
the same frame whatever the store, ``tests/contract/``). Only the port is used, so any pair of
backends works, SQLite, Google Sheets and PostgreSQL alike.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.ports import Loader, Workbook
from schemas.registry import headers

__all__ = ["NotEmpty", "TabCopy", "checksum", "copy_workbook", "records_of"]

#: Rows per ``load`` call (a Google Sheets request stays well under its size limit).
CHUNK = 5_000


class NotEmpty(Exception):
    """The target store already holds rows: nothing was copied."""

    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__(", ".join(f"{t}: {n}" for t, n in counts.items()))
        self.counts = counts


@dataclass(frozen=True)
class TabCopy:
    """One tab's figures: rows and checksum in the source and in the target after the copy."""

    tab: str
    source_rows: int
    source_sum: str
    target_rows: int
    target_sum: str

    @property
    def same(self) -> bool:
        return self.source_rows == self.target_rows and self.source_sum == self.target_sum


def _plain(value: Any) -> Any:
    """A typed cell as plain JSON: pandas' NA and NaN -> None, numpy scalars -> Python."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def records_of(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The frame's rows as cells a ``load`` takes."""
    columns = list(frame.columns)
    return [
        {c: _plain(v) for c, v in zip(columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def checksum(frame: pd.DataFrame) -> str:
    """SHA-256 of the typed rows in order (column names included), as hex."""
    digest = hashlib.sha256()
    digest.update(json.dumps(list(frame.columns)).encode())
    for row in frame.itertuples(index=False, name=None):
        digest.update(json.dumps([_plain(v) for v in row], ensure_ascii=False, default=str).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def copy_workbook(
    source: Workbook,
    target: Workbook,
    *,
    tabs: Sequence[str] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    chunk: int = CHUNK,
) -> list[TabCopy]:
    """Copy ``tabs`` (default: every registered tab) from ``source`` into the empty ``target``;
    returns each tab's counts and checksums (compare with :attr:`TabCopy.same`)."""
    if not isinstance(target, Loader):
        raise TypeError(f"{target!r} cannot load rows with their envelope (no load method)")
    wanted = list(tabs or headers())
    target.ensure_tabs({t: headers()[t] for t in wanted})
    already = {t: len(f) for t, f in target.read_many(wanted).items() if len(f)}
    if already:
        raise NotEmpty(already)
    frames = source.read_many(wanted)
    for tab in wanted:
        rows = records_of(frames[tab])
        for start in range(0, len(rows), chunk):
            target.load(tab, rows[start : start + chunk])
            if progress is not None:
                progress(tab, min(start + chunk, len(rows)), len(rows))
    copied = target.read_many(wanted)
    return [
        TabCopy(tab, len(frames[tab]), checksum(frames[tab]), len(copied[tab]), checksum(copied[tab]))
        for tab in wanted
    ]

"""The union tree on a given day (DOMAIN.md §3.1: "the hierarchy was changed in 2025").

A unit lives from ``units.valid_from`` to ``units.valid_to``; its parent on a day is the
``unit_parents`` row in force that day, or ``units.parent_id`` for a unit that has no such row.
So a 2024 campaign keeps routing, counting and printing on the 2024 tree after the 30/6/2025
restructuring moved its grassroots unions to the city federation, while a 2026 campaign routes on
the new one. Pure: frames in, :class:`core.model.OrgTree` out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.model import OrgTree
from core.text import clean, iso_day


@dataclass(frozen=True)
class ParentRow:
    """One period of one unit's parent (both ends inclusive; ``until`` None = still so)."""

    unit_id: str
    parent_id: str
    since: dt.date
    until: dt.date | None

    def in_force(self, day: dt.date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)


def parent_rows(frame: pd.DataFrame | Iterable[Mapping[str, Any]] | None) -> dict[str, list[ParentRow]]:
    """``unit_parents`` rows by unit, oldest first (malformed rows are the schema's business)."""
    out: dict[str, list[ParentRow]] = {}
    if frame is None:
        return out
    recs = frame.to_dict("records") if isinstance(frame, pd.DataFrame) else list(frame)
    for r in recs:
        unit, since = clean(r.get("unit_id")), iso_day(r.get("valid_from"))
        if not unit or since is None:
            continue
        out.setdefault(unit, []).append(
            ParentRow(unit, clean(r.get("parent_id")), since, iso_day(r.get("valid_to")))
        )
    for rows in out.values():
        rows.sort(key=lambda p: p.since)
    return out


def alive(valid_from: Any, valid_to: Any, day: dt.date) -> bool:
    """Whether a unit with these validity dates exists on ``day`` (blank ``valid_from``: always did)."""
    start, end = iso_day(valid_from), iso_day(valid_to)
    return (start is None or start <= day) and (end is None or day <= end)


def parent_on(history: Mapping[str, list[ParentRow]], unit_id: str, fallback: str, day: dt.date) -> str:
    """The parent of ``unit_id`` on ``day``: the history row in force, else ``fallback`` (the unit's
    ``parent_id``) when the unit has no history at all; '' when its history has a gap there."""
    rows = history.get(unit_id)
    if not rows:
        return fallback
    for p in reversed(rows):
        if p.in_force(day):
            return p.parent_id
    return ""


def tree_on(units: pd.DataFrame, parents: pd.DataFrame | None, day: dt.date) -> OrgTree:
    """The tree of the units alive on ``day`` with their parents that day (names of every unit)."""
    history = parent_rows(parents)
    ids = units["id"].astype(str).tolist()
    froms = units["valid_from"].tolist()
    tos = units["valid_to"].tolist()
    fallback = units["parent_id"].astype(str).tolist()
    levels = units["level"].astype(str).tolist()
    parent: dict[str, str | None] = {}
    level: dict[str, str] = {}
    for uid, vf, vt, par, lv in zip(ids, froms, tos, fallback, levels, strict=True):
        if not alive(vf, vt, day):
            continue
        parent[uid] = parent_on(history, uid, par, day) or None
        level[uid] = lv
    names = dict(zip(ids, units["name_vi"].astype(str).tolist(), strict=True))
    return OrgTree(parent=parent, level=level, name=names)


def year_day(year: int, today: dt.date) -> dt.date:
    """The day a year's tree is read on: its last day, or today while the year runs."""
    return min(dt.date(year, 12, 31), today) if year <= today.year else dt.date(year, 1, 1)

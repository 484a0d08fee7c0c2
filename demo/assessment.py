"""Demo rows for grassroots-union grading (DOMAIN.md §3.12, §7.1).

Deterministic for a given seed and with its own random stream, so the rest of the demo is
unchanged. Units are the demo's (real organisation names and generated "Demo" unions). The
skilled-worker contests (§3.11) are campaigns with a ``contest:`` block: see ``demo.contest``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from typing import Any

#: Years graded in the demo: both closed before the demo day (grading happens after the year ends).
GRADED_YEARS: tuple[int, ...] = (2022, 2023)
#: Weights of the four grades, after the Bến Tre re-check example (8 / 38 / 4 of 50), plus a few KHTNV.
_GRADE_WEIGHTS: tuple[tuple[str, int, tuple[int, int]], ...] = (
    ("HTXSNV", 16, (90, 100)),
    ("HTTNV", 72, (75, 89)),
    ("HTNV", 9, (50, 74)),
    ("KHTNV", 3, (30, 49)),
)


def _gradable(unit: Mapping[str, Any], year: int) -> bool:
    """R-ASSESS-1: a union is graded for ``year`` only after 12 months of operation by the year's end."""
    founded = str(unit.get("established_on") or "")
    if len(founded) < 10:
        return True
    start = dt.date.fromisoformat(founded[:10])
    return dt.date(start.year + 1, start.month, min(start.day, 28)) <= dt.date(year, 12, 31)


def unit_assessment_rows(units: Sequence[Mapping[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    """One grading per grassroots union and graded year (self score, re-check, grade)."""
    weights = [w for _, w, _ in _GRADE_WEIGHTS]
    out: list[dict[str, Any]] = []
    for year in GRADED_YEARS:
        for u in units:
            if u["level"] != "CDCS" or not _gradable(u, year):
                continue
            grade, _, (low, high) = rng.choices(_GRADE_WEIGHTS, weights=weights)[0]
            upper = rng.randint(low, high)
            out.append(
                {
                    "id": f"DEMO-XL-{year}-{u['id']}",
                    "unit_id": u["id"],
                    "year": year,
                    "self_score": min(100, upper + rng.choice([0, 0, 1, 2, 3])),
                    "upper_score": upper,
                    "grade": grade,
                    "assessed_by": u["parent_id"],
                    "assessed_on": f"{year + 1}-01-{rng.randint(10, 25):02d}",
                }
            )
    return out


def build_assessment(
    units: Sequence[Mapping[str, Any]], *, seed: int = 2024
) -> dict[str, list[dict[str, Any]]]:
    """The ``unit_assessments`` tab of the demo (the skilled-worker contests are campaigns with a
    ``contest:`` block now: ``demo.contest``)."""
    rng = random.Random(seed + 13)
    return {"unit_assessments": unit_assessment_rows(units, rng)}

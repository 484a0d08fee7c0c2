"""Scoring shared by cluster emulation (units scored on criteria) and juried contests (entrants
scored by judges on weighted criteria): points checks, normalisation between scorers, ranking with
tie-breaks. Pure functions: no store, no actor.

* :func:`check_points` — whole points from 0 to each criterion's maximum; more is refused, not capped.
* :func:`normalised_scores` — each scorer has their own leniency: a subject's value is compared with
  the other subjects *the same scorer* scored (z = (x − mean) / sd; 0 when the scorer gave everyone
  the same), a subject's z-scores are averaged, then all subjects are rescaled linearly so the lowest
  gets 0 and the highest 100 (all 100 when every subject is equal).
* :func:`rank_lines` — ranks lines by a list of keys, higher first (a key may ask lower first), then
  by name in Vietnamese collation (:func:`core.text.vi_collation_key`), then by id; lines equal on
  every key but the name are marked tied, so a person can look at them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd

from core.errors import ActionNotAllowed
from core.text import vi_collation_key

L = TypeVar("L")


def check_points(points: Mapping[str, Any], maxima: Mapping[str, int]) -> dict[str, int]:
    """Whole points within 0..max per criterion; unknown criteria and out-of-range points refused.
    Blank values are left out (nothing to save)."""
    out: dict[str, int] = {}
    for code, raw in points.items():
        if code not in maxima:
            raise ActionNotAllowed("cluster.unknown_criterion", criterion=code)
        if raw is None or raw is pd.NA or (isinstance(raw, float) and math.isnan(raw)) or raw == "":
            continue
        if isinstance(raw, bool):
            raise ActionNotAllowed("cluster.points_not_whole", criterion=code, value=raw)
        try:
            value = int(str(raw).strip()) if not isinstance(raw, int | float) else int(raw)
        except ValueError:
            raise ActionNotAllowed("cluster.points_not_whole", criterion=code, value=raw) from None
        if isinstance(raw, float) and not raw.is_integer():
            raise ActionNotAllowed("cluster.points_not_whole", criterion=code, value=raw)
        if value < 0:
            raise ActionNotAllowed("cluster.points_negative", criterion=code, value=value)
        if value > maxima[code]:
            raise ActionNotAllowed("cluster.points_above_max", criterion=code, value=value, max=maxima[code])
        out[code] = value
    return out


def normalised_scores(values: Sequence[tuple[Hashable, Hashable, float]]) -> dict[Hashable, float]:
    """(scorer, subject, value) triples -> subject -> 0–100 (see the module docstring)."""
    by_scorer: dict[Hashable, list[tuple[Hashable, float]]] = {}
    for scorer, subject, value in values:
        by_scorer.setdefault(scorer, []).append((subject, float(value)))
    if not by_scorer:
        return {}
    zs: dict[Hashable, list[float]] = {}
    for pairs in by_scorer.values():
        xs = [v for _, v in pairs]
        mean = sum(xs) / len(xs)
        sd = math.sqrt(sum((v - mean) ** 2 for v in xs) / len(xs))
        for subject, v in pairs:
            zs.setdefault(subject, []).append((v - mean) / sd if sd else 0.0)
    avg = {s: sum(z) / len(z) for s, z in zs.items()}
    lo, hi = min(avg.values()), max(avg.values())
    if math.isclose(lo, hi):
        return {s: 100.0 for s in avg}
    return {s: round(100.0 * (z - lo) / (hi - lo), 2) for s, z in avg.items()}


@dataclass(frozen=True)
class Key:
    """One ranking key: a value per line, higher first unless ``lower_first``. Missing values last."""

    value: Callable[[Any], float | int | None]
    lower_first: bool = False


def _sortable(key: Key, line: Any) -> tuple[int, float]:
    v = key.value(line)
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return (1, 0.0)
    return (0, float(v) if key.lower_first else -float(v))


def rank_lines(
    lines: Sequence[L], keys: Sequence[Key], name: Callable[[L], str], ident: Callable[[L], str]
) -> list[tuple[int, bool, L]]:
    """``(rank, tied, line)`` in ranking order (see the module docstring)."""
    keyed = [(tuple(_sortable(k, line) for k in keys), line) for line in lines]
    keyed.sort(key=lambda kl: (kl[0], vi_collation_key(name(kl[1])), ident(kl[1])))
    counts: dict[tuple[tuple[int, float], ...], int] = {}
    for k, _ in keyed:
        counts[k] = counts.get(k, 0) + 1
    return [(i, counts[k] > 1, line) for i, (k, line) in enumerate(keyed, 1)]

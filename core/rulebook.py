"""Dated rule parameters (DOMAIN.md §4): which value of a rule is in force on a date.

A :class:`RuleBook` answers "what is ``cstdcs_max_ratio`` on 5 December 2024?" from the rows of the
``rules`` tab (``valid_from``/``valid_to``), so a rule that changes is a new row, not new code. The
checks that read these values live in ``services.rules``; the defaults in ``workflows/rules.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

import pandas as pd

from core.text import clean, iso_day


@dataclass(frozen=True)
class RuleRow:
    """One dated value of one rule code."""

    code: str
    value: str
    valid_from: dt.date
    valid_to: dt.date | None
    status: str = "CONFIG"

    def in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


class RuleBook:
    """The rule rows, answering which value is in force on a date (latest ``valid_from`` wins)."""

    def __init__(self, rows: Iterable[Mapping[str, Any]]) -> None:
        self._by_code: dict[str, list[RuleRow]] = defaultdict(list)
        for r in rows:
            start = iso_day(r.get("valid_from"))
            code = clean(r.get("code"))
            if not code or start is None:
                continue  # a malformed rule row is reported by the tab's schema, not used here
            value = "" if r.get("value") is None else clean(r.get("value"))
            row = RuleRow(code, value, start, iso_day(r.get("valid_to")), clean(r.get("status")) or "CONFIG")
            self._by_code[code].append(row)
        for rows_of in self._by_code.values():
            rows_of.sort(key=lambda x: x.valid_from)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame | None, fallback: Iterable[Mapping[str, Any]] = ()) -> RuleBook:
        """The book of a ``rules`` tab; the ``fallback`` rows when the tab has no rows."""
        if frame is None or frame.empty:
            return cls(fallback)
        return cls({str(k): v for k, v in r.items()} for r in frame.to_dict("records"))

    def codes(self) -> list[str]:
        return sorted(self._by_code)

    def row(self, code: str, on: dt.date) -> RuleRow | None:
        """The row of ``code`` in force on ``on``, or None."""
        hits = [r for r in self._by_code.get(code, ()) if r.in_force(on)]
        return hits[-1] if hits else None

    def text(self, code: str, on: dt.date, default: str = "") -> str:
        r = self.row(code, on)
        return r.value if r is not None and r.value != "" else default

    def number(self, code: str, on: dt.date, default: Decimal | None = None) -> Decimal | None:
        """The value as a Decimal; blank (rule not applied) or unparsable gives ``default``."""
        raw = self.text(code, on)
        if not raw:
            return default
        try:
            return Decimal(raw.replace(",", "."))
        except InvalidOperation:
            return default

    def flag(self, code: str, on: dt.date, default: bool = True) -> bool:
        raw = self.text(code, on)
        return default if not raw else raw.casefold() in {"1", "true", "yes", "có", "co", "x"}

    def codes_list(self, code: str, on: dt.date, default: str = "") -> list[str]:
        """A comma-separated value as a list ("HTTNV,HTXSNV" -> ["HTTNV", "HTXSNV"])."""
        return [c.strip() for c in self.text(code, on, default).split(",") if c.strip()]

    def share(self, code: str, on: dt.date) -> Share | None:
        """A share to reach (">= 0.70", "> 0.50", "2/3"); None when blank or unreadable."""
        return Share.parse(self.text(code, on))


@dataclass(frozen=True)
class Share:
    """A share of a whole to reach, ``count / total`` compared with ``ratio`` (strictly when ``strict``)."""

    ratio: Fraction
    strict: bool = False

    @classmethod
    def parse(cls, text: str) -> Share | None:
        """``">= 0.70"``, ``"> 0.50"``, ``"≥ 2/3"`` or a bare ``"0.7"`` (``>=``); None if unreadable."""
        raw = clean(text).replace(" ", "").replace(",", ".")
        if not raw:
            return None
        strict = raw.startswith(">") and not raw.startswith(">=")
        raw = raw.removeprefix(">=").removeprefix(">").removeprefix("≥")
        try:
            ratio = Fraction(raw)
        except (ValueError, ZeroDivisionError):
            return None
        return cls(ratio, strict) if 0 <= ratio <= 1 else None

    def met(self, count: int, total: int) -> bool:
        share = Fraction(count, total) if total else Fraction(0)
        return share > self.ratio if self.strict else share >= self.ratio

    def __str__(self) -> str:
        return f"{'>' if self.strict else '≥'} {float(self.ratio) * 100:.4g}%"


def quota(ratio: Decimal, base: int, rounding: str) -> int:
    """``ratio × base`` rounded as the rule says (R-CSTDCS-3): HALF_UP (default) or FLOOR."""
    mode = ROUND_FLOOR if rounding.upper() == "FLOOR" else ROUND_HALF_UP
    return int((ratio * base).quantize(Decimal(1), rounding=mode))

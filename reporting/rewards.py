"""Cash rewards per title (tiền thưởng, NĐ 152/2025 Điều 50: a multiple of the base salary) and the
dashboard's comparison between years.

Both are dated rules of the ``rules`` tab: ``reward_multiple.<CODE>`` and ``base_salary_vnd``, read
on the day that matters (the decision's date for a Quyết định; the day a row reached its awarded
state for the dashboard). A title without a multiple in force has no amount (union awards, whose
money the union's own rules set, until an admin adds their rows).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from core.lookup import map_keys
from core.rulebook import RuleBook
from core.text import iso_day
from reporting.metrics import Metric, MetricData

#: The tile's number on the dashboard (after DOMAIN.md §6's ten, before "units submitted").
REWARD_TILE = 11


def reward_vnd(rules: RuleBook, award_code: str, on: dt.date) -> int | None:
    """The cash reward of ``award_code`` on ``on`` in whole đồng, or None when no multiple is in force."""
    multiple = rules.number(f"reward_multiple.{award_code}", on)
    base = rules.number("base_salary_vnd", on)
    if multiple is None or base is None:
        return None
    return int((multiple * base).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _award_day(value: object, fallback: dt.date) -> dt.date:
    return iso_day(str(value or "")[:10]) or fallback


def amounts(frame: pd.DataFrame, rules: RuleBook, today: dt.date) -> pd.Series:
    """Per nomination row: its cash reward (0 when none), on the day it reached its current state."""
    if frame.empty:
        return pd.Series(dtype="int64")
    keyed = pd.DataFrame(
        {"code": frame["award_code"].astype(str), "day": frame["state_since"].astype(str).str.slice(0, 10)},
        index=frame.index,
    )  # one rule lookup per (award, day), not per row
    money = map_keys(
        keyed, ["code", "day"], lambda code, day: reward_vnd(rules, code, _award_day(day, today)) or 0
    )
    return money.astype("int64")


def reward_metric(data: MetricData, rules: RuleBook) -> Metric:
    """Tile: cash rewards of the awarded nominations in scope and filters (multiple × base salary)."""
    noms = data.nominations
    awarded = noms[noms["outcome"] == "awarded"] if not noms.empty else noms
    money = amounts(awarded, rules, data.today) if not awarded.empty else pd.Series(dtype="int64")
    paid = awarded[money > 0] if not awarded.empty else awarded
    return Metric(
        code="reward_money",
        number=REWARD_TILE,
        label={
            "vi": "Tiền thưởng kèm danh hiệu đã khen thưởng (hệ số × mức lương cơ sở, NĐ 152/2025 Điều 50)",
            "en": "Cash rewards of the titles awarded (multiple × base salary, NĐ 152/2025 Art. 50)",
        },
        short={"vi": "Tiền thưởng", "en": "Cash rewards"},
        value=float(money.sum()) if not money.empty else 0.0,
        target=None,
        numerator=len(paid),
        denominator=len(awarded),
        as_of=data.as_of,
        sources=("nominations", "rules"),
        kind="vnd",
        note={
            "vi": f"{len(paid)}/{len(awarded)} lượt khen thưởng có mức tiền thưởng trong bảng quy tắc",
            "en": f"{len(paid)}/{len(awarded)} awards have a cash reward in the rules tab",
        },
        drill={"nominations": tuple(paid["id"].astype(str).tolist())} if not paid.empty else {},
    )


def year_table(nominations: pd.DataFrame, rules: RuleBook, today: dt.date) -> pd.DataFrame:
    """One row per campaign year: nominations, awarded, LĐTT and CSTĐCS awarded, and cash rewards.

    ``nominations`` must carry ``campaign_year`` and ``outcome`` (as the dashboard's data does)."""
    cols = ["year", "submitted", "awarded", "ldtt", "cstdcs", "collectives", "reward_vnd"]
    if nominations.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    live = nominations[nominations["outcome"] != "withdrawn"]
    for year, group in live.groupby("campaign_year"):
        awarded = group[group["outcome"] == "awarded"]
        rows.append(
            {
                "year": int(str(year)),
                "submitted": int((group["submitted_at"].astype(str) != "").sum()),
                "awarded": len(awarded),
                "ldtt": int((awarded["award_code"] == "LDTT").sum()),
                "cstdcs": int((awarded["award_code"] == "CSTD_CS").sum()),
                "collectives": int((awarded["subject_kind"] == "TAP_THE").sum()),
                "reward_vnd": int(amounts(awarded, rules, today).sum()) if not awarded.empty else 0,
            }
        )
    return pd.DataFrame(rows, columns=cols).sort_values("year").reset_index(drop=True)

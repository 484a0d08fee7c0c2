"""Demo rows for grassroots-union grading and the 2023 skilled-worker contest (DOMAIN.md §3.11, §3.12, §7.1).

Deterministic for a given seed and with its own random stream, so the rest of the demo is
unchanged. Units are the demo's (real organisation names and generated "Demo" unions); every
prize winner is a fictional person whose name carries "Demo".
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
#: The 2023 Hội thi thợ giỏi as reported [SEED 003]: 363 contestants, 100 enterprises, 30 districts
#: and sectors, 11 trades, 111 prizes, 564 000 000 đồng in total.
CONTEST_ID = "HN-HTTG-2023"
CONTEST_TRADES: tuple[str, ...] = (
    "Hàn điện", "Tiện", "Phay", "Điện công nghiệp", "Lắp đặt điện", "Nguội", "Sửa chữa ô tô",
    "May công nghiệp", "Điện lạnh", "Vận hành máy CNC", "Nấu ăn",
)  # fmt: skip
#: Amounts per rank: per trade one Nhất, one Nhì, two Ba; Khuyến khích for the rest (111 prizes).
_RANK_AMOUNTS: dict[str, int] = {"NHAT": 12_000_000, "NHI": 9_000_000, "BA": 6_000_000, "KK": 3_000_000}
_ENTERPRISE_SECTORS = frozenset({"FDI", "NGOAI_NN", "DNNN"})
_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
_MIDDLE = ("Văn", "Thị", "Minh", "Đức", "Ngọc", "Quang", "Hữu", "Thanh")
_GIVEN = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hùng",
    "Lan",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Tuấn",
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


def contest_rows(units: Sequence[Mapping[str, Any]], rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    """The 2023 contest and its 111 prizes (summing to 564 000 000 đồng) to workers of enterprise unions."""
    winners_from = sorted(
        (u for u in units if u["level"] == "CDCS" and u["sector"] in _ENTERPRISE_SECTORS),
        key=lambda u: u["id"],
    )
    ranks = [("NHAT", 1), ("NHI", 1), ("BA", 2), ("KK", 6)]
    prizes: list[dict[str, Any]] = []
    for i, trade in enumerate(CONTEST_TRADES):
        extra_kk = 1 if i == 0 else 0  # 11 trades × 10 prizes + 1 = 111
        for rank, n in ranks:
            for _ in range(n + (extra_kk if rank == "KK" else 0)):
                unit = "HN-CDCS-CANON" if len(prizes) % 37 == 5 else rng.choice(winners_from)["id"]
                name = f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} Demo {rng.choice(_GIVEN)}"
                prizes.append(
                    {
                        "id": f"DEMO-GIAI-{len(prizes) + 1:03d}",
                        "contest_id": CONTEST_ID,
                        "year": 2023,
                        "trade": trade,
                        "rank": rank,
                        "full_name": name,
                        "unit_id": unit,
                        "amount_vnd": _RANK_AMOUNTS[rank],
                        "certificate": True,
                    }
                )
    contest = {
        "id": CONTEST_ID,
        "unit_id": "HN-LDLD",
        "year": 2023,
        "name_vi": "Hội thi thợ giỏi năm 2023",
        "trades": "; ".join(CONTEST_TRADES),
        "contestants": 363,
        "enterprises": 100,
        "areas": 30,
        "prizes": len(prizes),
        "prize_fund_vnd": sum(p["amount_vnd"] for p in prizes),
    }
    return {"contests": [contest], "contest_prizes": prizes}


def build_assessment(
    units: Sequence[Mapping[str, Any]], *, seed: int = 2024
) -> dict[str, list[dict[str, Any]]]:
    """The ``unit_assessments``, ``contests`` and ``contest_prizes`` tabs of the demo."""
    rng = random.Random(seed + 13)
    return {"unit_assessments": unit_assessment_rows(units, rng), **contest_rows(units, rng)}

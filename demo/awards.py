"""Demo award history: fictional persons, yearly ratings, earlier decisions and grants.

Built from the demo's own nominations so that most of them meet their prerequisites
(R-LDTT-1/3, R-CSTDCS-1/2, R-BK-1), plus the edge cases of DOMAIN.md §7.3 on purpose, at the
demo officer's unit (Công đoàn Công ty TNHH Canon Việt Nam), under names marked "Demo":

* Phan Văn Demo Khải: CSTĐCS in 2022 and 2024 but not 2023, so a CSTĐ cấp Bộ/ngành/tỉnh
  nomination for 2024 fails R-CSTDBNT-1 ("Thiếu danh hiệu CSTĐCS năm 2023 ...");
* Mai Văn Demo Tùng: CSTĐCS 2022–2024 and a province-wide initiative, so the same nomination passes;
* Lý Thị Demo Hạnh rated HTNV in 2024 (R-LDTT-1), Tạ Minh Demo Quân hired on 01/06/2024
  (R-LDTT-3, 7 months), Kiều Thị Demo Vân reprimanded in 2024 (R-LDTT-3);
* Đinh Văn Demo Long: LĐTT 2024 but no recognised initiative, so CSTĐCS fails R-CSTDCS-2;
* Hồ Thị Demo Thảo: a 2023 CSTĐCS revoked for a false declaration (DOMAIN.md §7.3).

Deterministic for a given random stream; it never touches the stream of the rest of the demo.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

from core.text import match_key

ANNUAL = "HN-2024-KTN"
EDGE_UNIT = "HN-CDCS-CANON"
HISTORY_YEARS = (2022, 2023, 2024)
REVOKED_REASON = "KE_KHAI_SAI: Kê khai thành tích không trung thực (Luật TĐKT 2022, Chương VII)."

#: (name, what the person is for): the §7.3 edge cases, all at :data:`EDGE_UNIT`.
EDGE_PERSONS: tuple[tuple[str, str], ...] = (
    ("Phan Văn Demo Khải", "cstdbnt_gap"),
    ("Mai Văn Demo Tùng", "cstdbnt_ok"),
    ("Lý Thị Demo Hạnh", "rated_htnv"),
    ("Tạ Minh Demo Quân", "hired_late"),
    ("Kiều Thị Demo Vân", "reprimanded"),
    ("Đinh Văn Demo Long", "no_initiative"),
    ("Hồ Thị Demo Thảo", "revoked"),
)


class _Ledger:
    """Decisions (one per issuing unit, year and award) and the grants they carry."""

    def __init__(self, signed: Mapping[int, str]) -> None:
        self.decisions: dict[tuple[str, int, str], dict[str, Any]] = {}
        self.grants: list[dict[str, Any]] = []
        self.numbers: dict[tuple[str, int], int] = {}
        self.signed = signed

    def grant(self, unit: str, year: int, code: str, pid: str, name: str, revoked: bool = False) -> None:
        key = (unit, year, code)
        if key not in self.decisions:
            n = self.numbers[(unit, year)] = self.numbers.get((unit, year), 0) + 1
            self.decisions[key] = {
                "id": f"DEMO-QD-{unit}-{year}-{code}",
                "number": f"{n:02d}/QĐ-CĐCS",
                "kind": "TANG" if code == "CSTD_CS" else "CONG_NHAN",
                "issuer_unit_id": unit,
                "issued_on": self.signed[year],
                "campaign_id": "",
                "award_code": code,
                "year": year,
                "signer_name": "Nguyễn Văn Demo",
                "signer_title": "Chủ tịch Công đoàn cơ sở",
            }
        decision = self.decisions[key]
        self.grants.append(
            {
                "id": f"DEMO-KT-{pid}-{code}-{year}",
                "decision_id": decision["id"],
                "subject_kind": "CA_NHAN",
                "subject_id": pid,
                "subject_name": name,
                "unit_id": unit,
                "award_code": code,
                "year": year,
                "nomination_id": "",
                "revoked": revoked,
                "revoked_on": "2024-06-14" if revoked else "",
                "revoke_reason": REVOKED_REASON if revoked else "",
            }
        )


def build(nominations: Sequence[Mapping[str, Any]], rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    """``persons``, ``person_years``, ``decisions`` and ``award_grants`` for the demo nominations."""
    persons: list[dict[str, Any]] = []
    years: list[dict[str, Any]] = []
    ledger = _Ledger({2022: "2022-12-20", 2023: "2023-12-22", 2024: "2024-11-29"})
    seen: set[tuple[str, str]] = set()

    def person(unit: str, name: str, position: str, hired: str) -> str:
        pid = f"DEMO-CN-{len(persons) + 1:05d}"
        persons.append(
            {
                "id": pid,
                "full_name": name,
                "gender": rng.choice(["NAM", "NU"]),
                "birth_year": rng.randint(1970, 1998),
                "unit_id": unit,
                "position": position,
                "is_union_member": True,
                "is_direct_worker": rng.random() < 0.55,
                "is_leader": rng.random() < 0.15,
                "hired_on": hired,
            }
        )
        return pid

    def year(
        pid: str, y: int, rating: str, *, discipline: str = "NONE", sk: int = 0, scope: str = ""
    ) -> None:
        years.append(
            {
                "id": f"{pid}-{y}",
                "person_id": pid,
                "year": y,
                "task_rating": rating,
                "discipline": discipline,
                "leave_days": rng.choice([0, 0, 0, 3, 5, 12]),
                "maternity": False,
                "initiatives_recognised": sk,
                "initiative_scope": scope if sk else "",
            }
        )

    def hired_long_ago() -> str:
        return f"{rng.randint(2005, 2021)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    for nom in nominations:
        if nom.get("campaign_id") != ANNUAL or nom.get("subject_kind") != "CA_NHAN":
            continue
        unit, name, code = str(nom["unit_id"]), str(nom["full_name"]), str(nom["award_code"])
        if (unit, match_key(name)) in seen:
            continue
        seen.add((unit, match_key(name)))
        pid = person(unit, name, str(nom.get("position") or ""), hired_long_ago())
        if code == "LDTT":
            year(pid, 2023, rng.choice(["HTTNV", "HTTNV", "HTXSNV", "HTNV"]))
            year(pid, 2024, rng.choice(["HTTNV", "HTTNV", "HTTNV", "HTXSNV"]))
            if rng.random() < 0.6:
                ledger.grant(unit, 2023, "LDTT", pid, name)
        elif code == "CSTD_CS":
            # LĐTT 2024 decided by the grassroots union itself (awarding level CĐCS), then CSTĐCS
            year(pid, 2023, "HTXSNV", sk=rng.choice([0, 1]), scope="CO_SO")
            year(pid, 2024, "HTXSNV", sk=1, scope="CO_SO")
            ledger.grant(unit, 2023, "LDTT", pid, name)
            ledger.grant(unit, 2024, "LDTT", pid, name)
        elif code == "U_BK_LDLD":
            if rng.random() < 0.5:  # R-BK-1 (a): CSTĐCS two years running
                year(pid, 2023, "HTXSNV", sk=1, scope="CO_SO")
                year(pid, 2024, "HTTNV")
                for y in (2023, 2024):
                    ledger.grant(unit, y, "LDTT", pid, name)
                    ledger.grant(unit, y, "CSTD_CS", pid, name)
            else:  # R-BK-1 (b): HTXSNV two years running and two initiatives
                year(pid, 2023, "HTXSNV", sk=1, scope="CO_SO")
                year(pid, 2024, "HTXSNV", sk=1, scope="CO_SO")
                ledger.grant(unit, 2023, "LDTT", pid, name)
    _edge_cases(person, year, ledger)
    return {
        "persons": persons,
        "person_years": years,
        "decisions": list(ledger.decisions.values()),
        "award_grants": ledger.grants,
    }


def _edge_cases(person: Any, year: Any, ledger: _Ledger) -> None:
    """The §7.3 people at the demo officer's unit (see the module docstring)."""
    u = EDGE_UNIT
    for name, case in EDGE_PERSONS:
        hired = "2024-06-01" if case == "hired_late" else "2012-03-15"
        pid = person(u, name, "Kỹ sư" if case.startswith("cstdbnt") else "Công nhân", hired)
        if case in ("cstdbnt_gap", "cstdbnt_ok"):
            for y in HISTORY_YEARS:
                year(pid, y, "HTXSNV", sk=1, scope="BO_NGANH_TINH" if y == 2024 else "CO_SO")
                ledger.grant(u, y, "LDTT", pid, name)
                if case == "cstdbnt_ok" or y != 2023:
                    ledger.grant(u, y, "CSTD_CS", pid, name)
        elif case == "rated_htnv":
            year(pid, 2023, "HTTNV")
            year(pid, 2024, "HTNV")
        elif case == "hired_late":
            year(pid, 2024, "HTTNV")
        elif case == "reprimanded":
            year(pid, 2023, "HTTNV")
            year(pid, 2024, "HTTNV", discipline="KHIEN_TRACH")
        elif (
            case == "no_initiative"
        ):  # rated "good", not "excellent": needs an initiative (Luật 2022 Điều 23)
            year(pid, 2024, "HTTNV")
            ledger.grant(u, 2024, "LDTT", pid, name)
        elif case == "revoked":
            year(pid, 2023, "HTXSNV", sk=1, scope="CO_SO")
            ledger.grant(u, 2023, "LDTT", pid, name)
            ledger.grant(u, 2023, "CSTD_CS", pid, name, revoked=True)


def edge_person(case: str) -> str:
    """The name of the demo person seeded for ``case`` (tests and docs refer to them by case)."""
    return next(name for name, c in EDGE_PERSONS if c == case)

"""Every prerequisite rule (DOMAIN.md §4.1) has a passing and a failing case, with the message a
user reads naming exactly what is missing; the rules read their numbers from the dated rules tab."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import pytest

from schemas.registry import coerce_frame
from services.prerequisites import AwardHistory, evaluate, months_worked, window, with_batch
from services.rules import Batch, RuleBook, default_book, run_checks

ON = dt.date(2024, 12, 31)
UNIT = "HN-CDCS-CANON"


def history(
    years: Sequence[tuple[int, str, str, int, str]] = (),
    grants: Sequence[tuple[str, int]] = (),
    nominated: Sequence[tuple[str, int]] = (),
    hired: str = "2015-01-10",
    revoked: Sequence[tuple[str, int]] = (),
) -> AwardHistory:
    """One person P1 "Nguyễn Thị Thu Thủy" at Canon: (year, rating, discipline, initiatives, scope)."""
    persons = coerce_frame(
        "persons", [{"id": "P1", "full_name": "Nguyễn Thị Thu Thủy", "unit_id": UNIT, "hired_on": hired}]
    )
    py = coerce_frame(
        "person_years",
        [
            {"person_id": "P1", "year": y, "task_rating": r, "discipline": d, "initiatives_recognised": n,
             "initiative_scope": s}
            for y, r, d, n, s in years
        ],
    )  # fmt: skip
    g = coerce_frame(
        "award_grants",
        [
            {"subject_kind": "CA_NHAN", "subject_id": "P1", "award_code": c, "year": y, "revoked": False}
            for c, y in grants
        ]
        + [
            {"subject_kind": "CA_NHAN", "subject_id": "P1", "award_code": c, "year": y, "revoked": True}
            for c, y in revoked
        ],
    )
    noms = coerce_frame(
        "nominations",
        [
            {"unit_id": UNIT, "full_name": "Nguyễn Thị Thu Thủy", "award_code": c, "year": y,
             "subject_kind": "CA_NHAN", "state": "SUBMITTED"}
            for c, y in nominated
        ],
    )  # fmt: skip
    return AwardHistory.from_frames(persons, py, g, noms)


def rules(**over: str) -> RuleBook:
    book = default_book()
    if not over:
        return book
    rows = [{"code": k, "value": v, "valid_from": "2024-06-01"} for k, v in over.items()]
    return RuleBook([*_rows(book), *rows])


def _rows(book: RuleBook) -> list[dict[str, Any]]:
    from schemas.rules import default_rule_rows

    return default_rule_rows()


def found(
    h: AwardHistory, code: str, year: int = 2024, criterion: str = "", book: RuleBook | None = None
) -> list[str]:
    return [f.rule for f in evaluate(h, book or rules(), ON, "P1", code, year, criterion)]


GOOD = (2024, "HTTNV", "NONE", 0, "")
CS_CHAIN = [("CSTD_CS", 2022), ("CSTD_CS", 2023), ("CSTD_CS", 2024)]
WIDE = [(y, "HTXSNV", "NONE", 1, "BO_NGANH_TINH") for y in (2022, 2023, 2024)]

CASES: list[tuple[str, str, AwardHistory, str, list[str]]] = [
    # (rule, award, history, criterion, expected findings)
    ("R-LDTT-1 pass", "LDTT", history([GOOD]), "", []),
    ("R-LDTT-1 HTNV", "LDTT", history([(2024, "HTNV", "NONE", 0, "")]), "", ["ldtt_rating_low"]),
    ("R-LDTT-1 no rating", "LDTT", history([]), "", ["ldtt_rating_missing"]),
    ("R-LDTT-3 hired in June", "LDTT", history([GOOD], hired="2024-06-01"), "", ["ldtt_too_new"]),
    ("R-LDTT-3 hired end Feb ok", "LDTT", history([GOOD], hired="2024-02-28"), "", []),
    ("R-LDTT-3 reprimand", "LDTT", history([(2024, "HTTNV", "KHIEN_TRACH", 0, "")]), "", ["ldtt_disciplined"]),
    ("R-CSTDCS-2 pass", "CSTD_CS", history([(2024, "HTXSNV", "NONE", 1, "CO_SO")]), "", []),
    # Luật 2022 Điều 23 (rule cstdcs_excellent_ratings from 2024): excellent completion OR an initiative
    ("R-CSTDCS-2 excellent, no initiative", "CSTD_CS", history([(2024, "HTXSNV", "NONE", 0, "")]), "", []),
    ("R-CSTDCS-2 neither", "CSTD_CS", history([(2024, "HTTNV", "NONE", 0, "")]), "",
     ["cstdcs_no_initiative_or_excellent"]),
    ("R-CSTDBNT-1 pass", "CSTD_BNT", history(WIDE, CS_CHAIN), "", []),
    ("R-CSTDBNT-1 year-y nomination counts", "CSTD_BNT", history(WIDE, CS_CHAIN[:2], [("CSTD_CS", 2024)]), "", []),
    ("R-CSTDBNT-1 gap 2023", "CSTD_BNT", history(WIDE, [CS_CHAIN[0], CS_CHAIN[2]]), "", ["chain_missing"]),
    ("R-CSTDBNT-1 revoked 2023", "CSTD_BNT", history(WIDE, [CS_CHAIN[0], CS_CHAIN[2]], revoked=[CS_CHAIN[1]]), "",
     ["chain_missing"]),
    ("R-CSTDBNT-1 grassroots scope only", "CSTD_BNT",
     history([(y, "HTXSNV", "NONE", 1, "CO_SO") for y in (2022, 2023, 2024)], CS_CHAIN), "", ["chain_no_scope"]),
    ("R-CSTDTQ-1 pass", "CSTD_TQ",
     history([(2024, "HTXSNV", "NONE", 1, "TOAN_QUOC")], [("CSTD_BNT", 2023), ("CSTD_BNT", 2024)]), "", []),
    ("R-CSTDTQ-1 one BNT only", "CSTD_TQ",
     history([(2024, "HTXSNV", "NONE", 1, "TOAN_QUOC")], [("CSTD_BNT", 2024)]), "", ["chain_missing"]),
    ("R-CSTDTQ-1 province scope", "CSTD_TQ",
     history([(2024, "HTXSNV", "NONE", 1, "BO_NGANH_TINH")], [("CSTD_BNT", 2023), ("CSTD_BNT", 2024)]), "",
     ["chain_no_scope"]),
    ("R-BK-1 path a", "U_BK_LDLD", history([], [("CSTD_CS", 2023), ("CSTD_CS", 2024)]), "", []),
    ("R-BK-1 path b", "U_BK_LDLD",
     history([(2023, "HTXSNV", "NONE", 1, "CO_SO"), (2024, "HTXSNV", "NONE", 1, "CO_SO")]), "", []),
    ("R-BK-1 neither", "U_BK_LDLD", history([(2024, "HTXSNV", "NONE", 2, "CO_SO")], [("CSTD_CS", 2024)]), "",
     ["bk_no_path"]),
    ("R-BK-1 CSTD_2Y chosen, missing", "U_BK_LDLD", history([], [("CSTD_CS", 2024)]), "CSTD_2Y", ["bk_cstd_missing"]),
    ("R-BK-1 HTXS_2Y_2SK chosen, one initiative", "U_BK_LDLD",
     history([(2023, "HTXSNV", "NONE", 1, "CO_SO"), (2024, "HTXSNV", "NONE", 0, "")]), "HTXS_2Y_2SK",
     ["bk_htxs_missing"]),
    ("R-BK-1 other path", "U_BK_LDLD", history([]), "OTHER_WITH_REASON", ["bk_other_reason"]),
    ("R-DEC-2 already held", "LDTT", history([GOOD], [("LDTT", 2024)]), "", ["already_held"]),
    ("flag: no prerequisite", "U_CO_LDLD", history([]), "", []),
]  # fmt: skip


@pytest.mark.parametrize(("name", "code", "hist", "criterion", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rule_table(name: str, code: str, hist: AwardHistory, criterion: str, expected: list[str]) -> None:
    assert found(hist, code, criterion=criterion) == expected


def test_the_gap_message_names_the_missing_year_and_the_window() -> None:
    h = history(WIDE, [CS_CHAIN[0], CS_CHAIN[2]])
    f = evaluate(h, rules(), ON, "P1", "CSTD_BNT", 2024)[0]
    from core.errors import FieldError

    vi = FieldError(None, "Họ và tên", "Nguyễn Thị Thu Thủy", f.rule, f.params).message("vi")
    en = FieldError(None, "Full name", "Nguyễn Thị Thu Thủy", f.rule, f.params).message("en")
    assert vi == (
        "Thiếu danh hiệu CSTĐCS năm 2023: CSTĐ cấp Bộ/ngành/tỉnh cần CSTĐCS 3 năm liên tiếp 2022–2024."
    )
    assert "Missing Grassroots Emulation Fighter (CSTĐCS) for 2023" in en and "2022–2024" in en


def test_the_window_end_is_a_dated_rule() -> None:
    """DOMAIN.md: whether the CSTĐ_BNT window ends at y or y-1 is unconfirmed: a new rule row moves it."""
    h = history(WIDE, [("CSTD_CS", 2021), ("CSTD_CS", 2022), ("CSTD_CS", 2023)])
    assert found(h, "CSTD_BNT") == ["chain_missing"]  # default window 2022–2024 lacks 2024
    wide21 = history(
        [(y, "HTXSNV", "NONE", 1, "BO_NGANH_TINH") for y in (2021, 2022, 2023)],
        [("CSTD_CS", 2021), ("CSTD_CS", 2022), ("CSTD_CS", 2023)],
    )
    assert found(wide21, "CSTD_BNT", book=rules(cstdbnt_window_ends="y-1")) == []


def test_thresholds_come_from_the_rules_tab() -> None:
    h = history([(2024, "HTNV", "NONE", 0, "")], hired="2024-04-01")
    assert found(h, "LDTT") == ["ldtt_rating_low", "ldtt_too_new"]
    relaxed = rules(ldtt_ratings="HTNV,HTTNV,HTXSNV", ldtt_min_months="6")
    assert found(h, "LDTT", book=relaxed) == []


@pytest.mark.parametrize(
    ("hired", "months"),
    [("2024-03-01", 10), ("2024-02-28", 10), ("2024-03-02", 9), ("2023-05-05", 19), ("2025-01-01", 0)],
)
def test_months_worked_to_the_end_of_the_year(hired: str, months: int) -> None:
    assert months_worked(dt.date.fromisoformat(hired), 2024) == months


def test_window() -> None:
    assert window(2024, 3, "y") == [2022, 2023, 2024]
    assert window(2024, 3, "y-1") == [2021, 2022, 2023]


# ------------------------------------------------------------------ the named check (one report)


def batch(cells: Sequence[Mapping[str, Any]], h: AwardHistory, book: RuleBook | None = None) -> Batch:
    return Batch(
        tab="nominations",
        campaign_id="HN-2024-KTN",
        unit_id=UNIT,
        cells=cells,
        row_numbers=list(range(2, 2 + len(cells))),
        fields=("subject_kind", "full_name", "award_code"),
        rules=book or rules(),
        on=ON,
        fixed={"year": 2024},
        existing=pd.DataFrame(),
        awards=h,
    )


def test_named_check_reports_row_column_and_reason() -> None:
    cells = [
        {
            "subject_kind": "CA_NHAN",
            "full_name": "Nguyễn Thị Thu Thuỷ",
            "award_code": "LDTT",
        },  # tone placement
        {"subject_kind": "CA_NHAN", "full_name": "Người Không Có", "award_code": "LDTT"},
    ]
    errors = run_checks(batch(cells, history([(2024, "KHTNV", "NONE", 0, "")])), ["award_prerequisites"])
    assert [(e.row, e.rule, e.severity) for e in errors] == [(2, "ldtt_rating_low", "error")]
    assert "KHTNV" in errors[0].message("vi") and errors[0].message("vi").startswith("Dòng 2")


def test_an_unknown_person_is_reported_only_when_the_rule_asks() -> None:
    cells = [{"subject_kind": "CA_NHAN", "full_name": "Người Không Có", "award_code": "LDTT"}]
    assert run_checks(batch(cells, history()), ["award_prerequisites"]) == []
    warned = run_checks(
        batch(cells, history(), rules(prereq_unknown_person_severity="warning")), ["award_prerequisites"]
    )
    assert [(e.rule, e.severity) for e in warned] == [("prereq_unknown_person", "warning")]


def test_person_id_wins_over_the_name() -> None:
    cells = [
        {"subject_kind": "CA_NHAN", "full_name": "Tên Khác Hẳn", "award_code": "LDTT", "person_id": "P1"}
    ]
    errors = run_checks(batch(cells, history([(2024, "HTNV", "NONE", 0, "")])), ["award_prerequisites"])
    assert [e.rule for e in errors] == ["ldtt_rating_low"]


def test_cstdcs_needs_ldtt_accepts_an_ldtt_grant() -> None:
    """R-CSTDCS-1: an LĐTT grant of the same year (e.g. decided by the grassroots union) is enough."""
    cells = [{"subject_kind": "CA_NHAN", "full_name": "Nguyễn Thị Thu Thủy", "award_code": "CSTD_CS"}]
    without = run_checks(batch(cells, history([(2024, "HTXSNV", "NONE", 1, "CO_SO")])), ["cstdcs_needs_ldtt"])
    assert [e.rule for e in without] == ["cstdcs_needs_ldtt"]
    with_grant = history([(2024, "HTXSNV", "NONE", 1, "CO_SO")], [("LDTT", 2024)])
    assert run_checks(batch(cells, with_grant), ["cstdcs_needs_ldtt"]) == []


def test_a_batch_counts_its_own_nominations_without_changing_the_shared_history() -> None:
    """The award history is kept between sessions; one officer's import must not leave its rows in
    it for the next officer's check."""
    shared = history(WIDE, CS_CHAIN[:2])
    rows = [
        {"full_name": "Nguyễn Thị Thu Thủy", "award_code": "CSTD_CS", "year": 2024, "subject_kind": "CA_NHAN"}
    ]
    batch_view = with_batch(shared, rows, UNIT)
    assert 2024 in batch_view.nominated[("P1", "CSTD_CS")]
    assert 2024 not in shared.nominated.get(("P1", "CSTD_CS"), set())

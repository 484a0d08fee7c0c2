"""R-DOS-1..3 as pure rules, table by table (pass and fail), against the dated defaults."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

from core.dossier import (
    DocumentsByRow,
    by_row,
    copies_problems,
    copies_required,
    date_problems,
    number_problem,
    required_kinds,
)
from services.rules import RuleBook, default_book

BOOK = default_book()
D2024 = dt.date(2024, 12, 31)
OPENS, CLOSES = dt.date(2024, 1, 15), dt.date(2024, 12, 31)


@pytest.mark.parametrize(
    ("code", "level", "on", "expected"),
    [
        ("U_BK_LDLD", "LDLD_TINH", D2024, ("TTR", "BCTT", "BB_HD")),
        ("U_GK_CTTCS", "CD_CTTCS", D2024, ("TTR", "BCTT", "BB_HD")),
        ("CSTD_BNT", "TLD", D2024, ("TTR", "BCTT", "BB_HD", "CN_SK", "QD_TRUOC")),
        ("HN_SKST_TD", "LDLD_TINH", dt.date(2023, 9, 30), ("TTR", "BCTT", "BB_HD", "CN_SK")),
        # titles the grassroots union decides itself: no dossier asked when submitting (blank rule)
        ("LDTT", "CDCS", D2024, ()),
        ("CSTD_CS", "CDCS", D2024, ()),
        # before the rule's valid_from nothing is required
        ("U_BK_LDLD", "LDLD_TINH", dt.date(2016, 12, 31), ()),
    ],
)
def test_required_documents_come_from_the_dated_rules(
    code: str, level: str, on: dt.date, expected: tuple[str, ...]
) -> None:
    assert required_kinds(BOOK, code, level, on) == expected


def test_an_admin_edit_of_the_rules_tab_changes_the_requirement() -> None:
    rows: list[dict[str, Any]] = [
        {"code": "dossier_docs.CDCS", "value": "TTR, BB_HD", "valid_from": "2024-06-01", "valid_to": ""},
        {"code": "dossier_extra.CSTD_CS", "value": "CN_SK", "valid_from": "2024-06-01", "valid_to": ""},
    ]
    book = RuleBook(rows)
    assert required_kinds(book, "CSTD_CS", "CDCS", D2024) == ("TTR", "BB_HD", "CN_SK")
    assert required_kinds(book, "CSTD_CS", "CDCS", dt.date(2024, 5, 31)) == ()


@pytest.mark.parametrize(
    ("code", "copies", "warned"),
    [
        ("CSTD_TQ", 1, True),
        ("CSTD_TQ", None, True),
        ("CSTD_TQ", 2, False),
        ("CO_TD_CP", 3, False),
        ("U_BK_LDLD", 0, False),  # not a state-level form: no paper sets asked
    ],
)
def test_r_dos_2_warns_when_paper_sets_are_short(code: str, copies: int | None, warned: bool) -> None:
    docs = {"TTR": {"copies": copies}}
    problems = copies_problems(docs, copies_required(BOOK, code, D2024))
    assert bool(problems) is warned
    assert all(p.severity == "warning" for p in problems)


def doc(issued: str, held: str = "") -> dict[str, str]:
    return {"issued_on": issued, "held_on": held}


@pytest.mark.parametrize(
    ("held", "ttr", "submitted", "codes"),
    [
        ("2024-11-20", "2024-11-25", dt.date(2024, 12, 5), []),
        ("2024-11-25", "2024-11-25", dt.date(2024, 11, 25), []),  # same day is in order
        ("2024-11-26", "2024-11-25", dt.date(2024, 12, 5), ["dossier.held_after_ttr"]),
        ("2024-11-20", "2024-12-06", dt.date(2024, 12, 5), ["dossier.ttr_after_submit"]),
        ("2024-01-10", "2024-11-25", dt.date(2024, 12, 5), ["dossier.held_outside"]),
        ("2023-12-20", "2024-01-02", dt.date(2024, 12, 5), ["dossier.held_outside", "dossier.ttr_outside"]),
    ],
)
def test_r_dos_3_minutes_before_letter_before_submission_inside_the_window(
    held: str, ttr: str, submitted: dt.date, codes: list[str]
) -> None:
    docs = {"BB_HD": doc(held, held), "TTR": doc(ttr)}
    assert [p.code for p in date_problems(docs, submitted, OPENS, CLOSES)] == codes


@pytest.mark.parametrize(
    ("kind", "number", "issued", "rule"),
    [
        ("TTR", "12/TTr-CĐCS", "2024-11-25", None),
        ("TTR", "Số: 12 / TTr - CĐCS", "2024-11-25", None),
        ("BB_HD", "05/BB-CĐCS", "2024-11-20", None),
        ("BCTT", "", "2024-11-20", None),
        ("CN_SK", "07/QĐ-CĐCS", "2024-03-01", None),
        ("TTR", "", "2024-11-25", "required"),
        ("TTR", "tờ trình 12", "2024-11-25", "bad_doc_number"),
        ("TTR", "05/BB-CĐCS", "2024-11-25", "doc_type_mismatch"),
        ("BB_HD", "12/TTr-CĐCS", "2024-11-25", "doc_type_mismatch"),
        ("QD_TRUOC", "98/2023/NĐ-CP", "2024-01-05", "doc_year_mismatch"),
    ],
)
def test_document_numbers_follow_section_8_3(kind: str, number: str, issued: str, rule: str | None) -> None:
    got = number_problem(kind, number, issued)
    assert (got[0] if got else None) == rule


def test_documents_by_row_built_on_demand_match_the_whole_grouping() -> None:
    """The guard's lazy view of a tab's live documents answers as grouping them all would: the
    latest update of a kind wins, a submission without documents finds none."""
    docs = pd.DataFrame(
        {
            "row_id": ["R1", "R2", "R1", "R1", "R3"],
            "kind": ["TTR", "TTR", "BB_HOP", "TTR", "TTR"],
            "number": ["1/TTr", "2/TTr", "3/BB", "4/TTr", "5/TTr"],
            "updated_at": ["2024-12-02", "2024-12-01", "2024-12-01", "2024-12-03", "2024-12-01"],
        }
    ).astype("string[pyarrow]")
    whole = by_row(docs.to_dict("records"))
    lazy = DocumentsByRow(docs)
    assert lazy.get("R1") == whole["R1"]
    assert lazy["R1"]["TTR"]["number"] == "4/TTr"  # the later of the two tờ trình
    assert dict(lazy) == whole
    assert lazy.get("R9", {}) == {}
    assert len(DocumentsByRow(docs.iloc[0:0])) == 0

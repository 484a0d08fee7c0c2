"""The rules tab: dated rows seeded from workflows/rules.yaml, looked up by date; R-FMT pandera check."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pandas as pd
import pytest

from schemas.registry import TABS, columns_of
from schemas.rules import default_rule_rows, frame_failures, is_nfc_clean
from schemas.tabs import RULE_STATUSES
from schemas.validate import validate_rows
from services.rules import RuleBook, book_of, default_book, quota

FIELDS = ["code", "value", "valid_from", "valid_to", "status", "source_url", "note", "source"]


def test_rules_tab_is_registered_with_its_columns() -> None:
    assert "rules" in TABS
    assert columns_of("rules")[5:] == tuple(FIELDS)


def test_seeded_defaults_are_valid_rows_of_the_rules_tab() -> None:
    rows = default_rule_rows()
    assert {r["code"] for r in rows} >= {"cstdcs_max_ratio", "cstdcs_rounding", "cstdcs_needs_ldtt"}
    _, errors = validate_rows("rules", rows, FIELDS, ["code", "valid_from", "status"], first_row=2)
    assert errors == []
    assert {r["status"] for r in rows} <= set(RULE_STATUSES)
    assert len({r["id"] for r in rows}) == len(rows)


def test_a_bad_rule_row_is_reported_by_the_schema() -> None:
    row = {"code": "Bad Code", "value": "1", "valid_from": "2024-13-01", "status": "MAYBE"}
    _, errors = validate_rows("rules", [row], FIELDS, ["code", "valid_from", "status"], first_row=5)
    assert {e.rule for e in errors} == {"bad_format", "bad_date", "not_in_list"}
    assert all(e.row == 5 for e in errors)


def test_defaults_give_15_percent_half_up_in_2024() -> None:
    book = default_book()
    on = dt.date(2024, 12, 5)
    assert book.number("cstdcs_max_ratio", on) == Decimal("0.15")
    assert book.text("cstdcs_rounding", on) == "HALF_UP"
    assert book.number("ldtt_max_pct", on) is None  # R-LDTT-2: no cap unless configured


def test_the_row_in_force_on_a_date_wins() -> None:
    book = RuleBook(
        [
            {
                "code": "cstdcs_max_ratio",
                "value": "0.15",
                "valid_from": "2017-10-01",
                "valid_to": "2024-12-31",
            },
            {"code": "cstdcs_max_ratio", "value": "0.20", "valid_from": "2025-01-01", "valid_to": ""},
            {"code": "broken", "value": "x", "valid_from": "not a date"},
        ]
    )
    assert book.number("cstdcs_max_ratio", dt.date(2016, 1, 1)) is None
    assert book.number("cstdcs_max_ratio", dt.date(2024, 12, 31)) == Decimal("0.15")
    assert book.number("cstdcs_max_ratio", dt.date(2025, 1, 1)) == Decimal("0.20")
    assert "broken" not in book.codes()


def test_an_empty_rules_tab_falls_back_to_the_yaml_defaults() -> None:
    empty = pd.DataFrame(columns=list(columns_of("rules")))
    assert book_of(empty).number("cstdcs_max_ratio", dt.date(2024, 6, 1)) == Decimal("0.15")


@pytest.mark.parametrize(
    ("ratio", "ldtt", "rounding", "limit"),
    [
        ("0.15", 33, "HALF_UP", 5),  # 4.95 -> 5: "05 đ/c = 15 %" of 33 LĐTT (DOMAIN R-CSTDCS-3)
        ("0.15", 33, "FLOOR", 4),
        ("0.15", 10, "HALF_UP", 2),  # 1.5 rounds up
        ("0.15", 10, "FLOOR", 1),
        ("0.15", 3, "HALF_UP", 0),
        ("0.15", 0, "HALF_UP", 0),
    ],
)
def test_quota_rounding(ratio: str, ldtt: int, rounding: str, limit: int) -> None:
    assert quota(Decimal(ratio), ldtt, rounding) == limit


def test_nfc_clean_check_passes_clean_text_and_fails_nfd_and_stray_spaces() -> None:
    assert is_nfc_clean("Nguyễn Thị Thu Thủy")
    assert is_nfc_clean("Dòng một\nDòng hai")
    for bad in (
        unicodedata.normalize("NFD", "Nguyễn"),
        " Thủy",
        "Thủy ",
        "Thu\u00a0Thủy",
        "Thu\u200bThủy",
        "a  b",
    ):
        assert not is_nfc_clean(bad), repr(bad)


def test_pandera_frame_check_names_the_failing_cells() -> None:
    frame = pd.DataFrame({"full_name": ["Nguyễn An", unicodedata.normalize("NFD", "Lê Thủy")], "x": [1, 2]})
    fails = frame_failures(frame, ["full_name"])
    assert [(i, c) for i, c, _ in fails] == [(1, "full_name")]


def test_the_demo_seeds_the_rules_tab_from_the_yaml() -> None:
    import datetime as _dt

    import demo
    from workflows.loader import load_campaigns, load_catalogue

    rows = demo.build(load_campaigns(), load_catalogue(), _dt.date(2024, 12, 5), per_parent=1)
    assert rows["rules"] == default_rule_rows()

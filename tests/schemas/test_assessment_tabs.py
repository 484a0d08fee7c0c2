"""The grading and contest tabs (DOMAIN.md §3.11, §3.12): registered, demo rows valid, bad cells
typed by a person reported with the row, the column and what to type instead."""

from __future__ import annotations

import demo
from demo.assessment import build_assessment
from schemas.registry import SCOPED_TABS, TABS, columns_of
from schemas.validate import validate_rows
from tests.conftest import DEMO_DAY
from workflows.loader import load_campaigns, load_catalogue


def test_the_tabs_are_registered_and_readable_within_scope() -> None:
    assert (
        set(SCOPED_TABS) == {"unit_assessments", "contests", "contest_prizes", "contest_results"} <= set(TABS)
    )
    for tab in SCOPED_TABS:
        assert "unit_id" in columns_of(tab) and "year" in columns_of(tab)


def test_demo_rows_are_valid_and_deterministic() -> None:
    """The gradings and the contest results the demo seeds pass their schemas; no side tab is seeded
    any more (the contests are campaigns: hn-2023-hoi-thi-tho-gioi.yaml)."""
    rows = demo.build(load_campaigns(), load_catalogue(), DEMO_DAY)
    for tab in ("unit_assessments", "contest_results", "contest_scores", "thi_sinh_2023"):
        fields = [
            c for c in columns_of(tab) if c not in ("id", "version", "created_at", "updated_at", "updated_by")
        ]
        _, errors = validate_rows(tab, rows[tab], fields, first_row=2)
        assert errors == [], (tab, [e.message("vi") for e in errors[:3]])
    assert "contests" not in rows and "contest_prizes" not in rows
    again = build_assessment(rows["units"])
    assert again["unit_assessments"] == rows["unit_assessments"]
    assert (
        demo.build(load_campaigns(), load_catalogue(), DEMO_DAY)["contest_results"] == rows["contest_results"]
    )


def test_a_grade_typed_in_words_names_the_row_and_the_grades() -> None:
    _, errors = validate_rows("unit_assessments", [{"grade": "Xuất sắc"}], ["grade"], first_row=7)
    assert [(e.row, e.rule, e.value) for e in errors] == [(7, "not_in_list", "Xuất sắc")]
    vi = errors[0].message("vi")
    # the grades are listed by their labels (the codes stay internal)
    assert vi.startswith("Dòng 7:") and "Xếp loại" in vi and "Hoàn thành xuất sắc nhiệm vụ" in vi
    _, errors = validate_rows("unit_assessments", [{"grade": "Xuất sắc"}], ["grade"], first_row=7, lang="en")
    en = errors[0].message("en")
    assert en.startswith("Row 7:") and "'Grade'" in en and "KHTNV" in en


def test_a_grade_or_rank_typed_as_its_label_is_read_as_its_code() -> None:
    parsed, errors = validate_rows(
        "contest_prizes", [{"rank": "Giải nhất"}, {"rank": "giai khuyen khich"}], ["rank"], first_row=2
    )
    assert errors == [] and [p["rank"] for p in parsed] == ["NHAT", "KK"]


def test_a_prize_rank_and_money_typed_wrong_are_both_reported() -> None:
    row = {"rank": "Giải tư", "amount_vnd": "mười hai triệu"}
    _, errors = validate_rows("contest_prizes", [row], ["rank", "amount_vnd"], first_row=3)
    assert {(e.row, e.rule) for e in errors} == {(3, "not_in_list"), (3, "bad_money")}
    messages = " ".join(e.message("vi") for e in errors)
    assert "Giải Nhất" in messages and "Tiền thưởng (đồng)" in messages


def test_money_typed_the_vietnamese_way_is_understood() -> None:
    parsed, errors = validate_rows("contests", [{"prize_fund_vnd": "564.000.000"}], ["prize_fund_vnd"])
    assert errors == [] and parsed[0]["prize_fund_vnd"] == 564_000_000

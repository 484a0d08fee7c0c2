"""Raw cells become typed frames the same way for every backend; text keeps what users typed."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from schemas.registry import TABS, coerce_frame, columns_of, to_cell
from schemas.validate import choices, validate_rows


def test_every_tab_starts_with_the_envelope() -> None:
    for tab in TABS:
        assert columns_of(tab)[:5] == ("id", "version", "created_at", "updated_at", "updated_by")


def test_every_column_has_vietnamese_and_english_labels() -> None:
    for name, spec in TABS.items():
        for col in spec.columns:
            assert spec.label(col, "vi") != col or col in ("id", "email"), (name, col)
            assert spec.label(col, "en"), (name, col)


def test_multiline_achievement_keeps_its_line_breaks_and_is_nfc() -> None:
    raw = unicodedata.normalize("NFD", "Dòng một:  vượt   định mức\r\nDòng hai: sáng kiến\u200b mới  ")
    cell = to_cell("nominations", "achievement", raw)
    assert cell == "Dòng một: vượt định mức\nDòng hai: sáng kiến mới"
    assert unicodedata.is_normalized("NFC", cell)


def test_coerce_frame_types_columns_and_fills_missing() -> None:
    df = coerce_frame("works", [{"id": "a", "version": "2", "value_vnd": 8500000.0, "name_vi": "Cầu"}])
    assert df.loc[0, "version"] == 2 and df.loc[0, "value_vnd"] == 8_500_000
    assert df["value_vnd"].dtype == pd.Int64Dtype()
    assert df.loc[0, "state"] == ""
    assert list(df.columns) == list(columns_of("works"))


def test_choices_come_from_the_schema() -> None:
    assert choices("works", "work_type") == ("CONG_TRINH", "SAN_PHAM", "PHAN_VIEC")
    assert choices("nominations", "full_name") is None


@pytest.mark.parametrize(
    ("value", "rule"),
    [("tám triệu", "bad_money"), ("-5", "money_negative"), ("1.00", "bad_money")],
)
def test_bad_money_names_row_column_and_value(value: str, rule: str) -> None:
    _, errors = validate_rows("works", [{"value_vnd": value}], ["value_vnd"], first_row=14)
    assert [(e.row, e.rule, e.value) for e in errors] == [(14, rule, value)]
    msg = errors[0].message("vi")
    assert msg.startswith("Dòng 14:") and "Giá trị (đồng)" in msg and value in msg


def test_enumeration_error_lists_the_choices() -> None:
    _, errors = validate_rows("works", [{"work_type": "Cầu"}], ["work_type"], first_row=2)
    assert errors[0].rule == "not_in_list" and "Công trình, Sản phẩm, Phần việc" in errors[0].message("vi")
    assert "Construction work" in errors[0].message("en") or "Construction work" in str(
        validate_rows("works", [{"work_type": "Cầu"}], ["work_type"], first_row=2, lang="en")[1][0].message(
            "en"
        )
    )
    assert errors[0].message("en").startswith("Row 2:")


def test_absurd_money_is_reported_not_crashed() -> None:
    _, errors = validate_rows("works", [{"value_vnd": "18000000000000000000"}], ["value_vnd"], first_row=3)
    assert [(e.row, e.rule) for e in errors] == [(3, "money_too_large")]
    assert "Dòng 3" in errors[0].message("vi")

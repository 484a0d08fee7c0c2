"""Unit tests for range parsing, echo formatting and the cell input/render model."""

from __future__ import annotations

import datetime as dt

import pytest

from sheets_emulator.a1 import (
    A1Error,
    Bounds,
    col_to_index,
    format_range,
    index_to_col,
    parse_bounds,
    quote_title,
    split_title,
)
from sheets_emulator.values import Cell, parse_input, render, to_serial


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A1", Bounds(0, 1, 0, 1)),
        ("A1:B2", Bounds(0, 2, 0, 2)),
        ("D4:A1", Bounds(0, 4, 0, 4)),
        ("A:C", Bounds(None, None, 0, 3)),
        ("2:5", Bounds(1, 5, None, None)),
        ("A2:C", Bounds(1, None, 0, 3)),
        ("A1:A", Bounds(0, None, 0, 1)),
        ("$B$2:$C$3", Bounds(1, 3, 1, 3)),
        ("AA10", Bounds(9, 10, 26, 27)),
    ],
)
def test_parse_bounds(text, expected):
    assert parse_bounds(text) == expected


@pytest.mark.parametrize("text", ["", "A0", "1A", "A1:B2:C3", "!!"])
def test_parse_bounds_rejects(text):
    with pytest.raises(A1Error):
        parse_bounds(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'My Sheet'!A1:B2", ("My Sheet", "A1:B2")),
        ("'It''s'!A1", ("It's", "A1")),
        ("'My Sheet'", ("My Sheet", None)),
        ("Sheet1!A:A", ("Sheet1", "A:A")),
        ("Sheet1", (None, "Sheet1")),
        ("🌵 x 1!A1", ("🌵 x 1", "A1")),
    ],
)
def test_split_title(text, expected):
    assert split_title(text) == expected


def test_columns_round_trip():
    for i in (0, 25, 26, 51, 701, 702, 16383):
        assert col_to_index(index_to_col(i)) == i
    assert index_to_col(27) == "AB"


@pytest.mark.parametrize(
    ("title", "quoted"),
    [
        ("Sheet1", "Sheet1"),
        ("My Sheet", "'My Sheet'"),
        ("A1", "'A1'"),
        ("It's", "'It''s'"),
        ("Đơn vị", "'Đơn vị'"),
    ],
)
def test_quote_title_like_google(title, quoted):
    assert quote_title(title) == quoted


def test_format_range_single_cell_and_block():
    assert format_range("Sheet1", 0, 1, 0, 1) == "Sheet1!A1"
    assert format_range("My Sheet", 1, 3, 0, 26) == "'My Sheet'!A2:Z3"


def test_serial_epoch():
    assert to_serial(dt.datetime(1899, 12, 30)) == 0
    assert to_serial(dt.datetime(2020, 1, 1)) == 43831
    assert to_serial(dt.datetime(2020, 1, 1, 12)) == 43831.5


def _show(raw, option="USER_ENTERED", locale="en_US", how="FORMATTED_VALUE", dates="SERIAL_NUMBER"):
    return render(parse_input(raw, option, locale), how, dates, locale)


@pytest.mark.parametrize(
    ("raw", "formatted", "unformatted"),
    [
        ("42", "42", 42),
        ("2,000,000.01", "2,000,000.01", 2000000.01),
        ("12%", "12%", 0.12),
        ("TRUE", "TRUE", True),
        ("2020-01-01", "2020-01-01", 43831),
        ("'007", "007", "007"),
        ("'=1+1", "=1+1", "=1+1"),
        ("hello", "hello", "hello"),
        ("= 1 / 1024", "0.0009765625", 0.0009765625),
    ],
)
def test_user_entered(raw, formatted, unformatted):
    assert _show(raw) == formatted
    if not str(raw).startswith("="):
        assert _show(raw, how="UNFORMATTED_VALUE") == unformatted


def test_formula_cell_evaluates_simple_arithmetic_only():
    cell = parse_input("=4/2", "USER_ENTERED")
    assert cell == Cell(formula="=4/2")
    assert render(cell, "FORMULA", "SERIAL_NUMBER") == "=4/2"
    unknown = parse_input('=VLOOKUP("x", A:B, 2)', "USER_ENTERED")
    # no formula engine: an unsupported formula shows its text
    assert render(unknown, "FORMATTED_VALUE", "SERIAL_NUMBER") == '=VLOOKUP("x", A:B, 2)'


def test_raw_keeps_text_and_json_types():
    assert parse_input("=1+1", "RAW") == Cell(value="=1+1")
    assert parse_input("007", "RAW") == Cell(value="007")
    assert parse_input(7, "RAW") == Cell(value=7)
    assert parse_input(True, "RAW") == Cell(value=True)
    assert parse_input("", "RAW") is None


def test_day_first_dates_follow_the_locale():
    assert _show("1/2/2020", locale="en_US", how="UNFORMATTED_VALUE") == 43832  # January 2
    assert _show("1/2/2020", locale="vi_VN", how="UNFORMATTED_VALUE") == 43862  # 1 February
    assert _show("1/2/2020", locale="vi_VN") == "1/2/2020"
    assert (
        _show("31/12/2025", locale="vi_VN", how="UNFORMATTED_VALUE", dates="FORMATTED_STRING") == "31/12/2025"
    )


def test_comma_decimal_locale():
    assert _show("1,5", locale="vi_VN", how="UNFORMATTED_VALUE") == 1.5
    assert _show("8.500.000", locale="vi_VN", how="UNFORMATTED_VALUE") == 8500000
    assert _show("1,5", locale="en_US", how="UNFORMATTED_VALUE") == "1,5"


@pytest.mark.parametrize(
    ("pattern", "shown"),
    [
        ("yyyy-mm-dd", "2025-12-31"),
        ("dd/mm/yyyy", "31/12/2025"),
        ("M/d/yyyy", "12/31/2025"),
        ("yyyy-mm-dd h:mm:ss", "2025-12-31 13:00:03"),
        ("mmm d, yyyy", "Dec 31, 2025"),
        ("h:mm AM/PM", "1:00 PM"),
    ],
)
def test_date_patterns(pattern, shown):
    from sheets_emulator.values import NumberFormat, format_number

    assert format_number(46022.5417, NumberFormat("DATE_TIME", pattern)) == shown


def test_declared_number_formats():
    from sheets_emulator.values import NumberFormat, format_number

    assert format_number(1234.5, NumberFormat("NUMBER", "#,##0.00")) == "1,234.50"
    assert format_number(0.125, NumberFormat("PERCENT", "0.0%")) == "12.5%"
    assert format_number(1234.5, NumberFormat("NUMBER", "#,##0.00"), locale="vi_VN") == "1.234,50"
    assert format_number(7, NumberFormat("TEXT", "@")) == "7"

"""Property-based checks of the pieces every request goes through: A1 round trips and RAW fidelity."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sheets_emulator.a1 import Bounds, format_range, parse_bounds, quote_title, split_title
from sheets_emulator.values import parse_input, render

titles = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
    lambda t: t.strip() == t and "!" not in t
)
index = st.integers(min_value=0, max_value=20000)


@given(title=titles, r=index, c=st.integers(0, 700), h=st.integers(1, 50), w=st.integers(1, 30))
def test_echoed_range_parses_back(title, r, c, h, w):
    text = format_range(title, r, r + h, c, c + w)
    got_title, part = split_title(text)
    assert got_title == title
    assert parse_bounds(part or "") == Bounds(r, r + h, c, c + w)


@given(title=titles)
def test_quoted_title_round_trips(title):
    quoted = quote_title(title)
    assert split_title(quoted + "!A1") == (title, "A1")


@given(text=st.text(min_size=1, max_size=40))
def test_raw_strings_come_back_verbatim(text):
    cell = parse_input(text, "RAW")
    for how in ("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA"):
        assert render(cell, how, "SERIAL_NUMBER") == text


@given(n=st.integers(min_value=-(10**12), max_value=10**12))
def test_user_entered_integers_round_trip(n):
    cell = parse_input(str(n), "USER_ENTERED")
    assert render(cell, "UNFORMATTED_VALUE", "SERIAL_NUMBER") == n
    assert render(cell, "FORMATTED_VALUE", "SERIAL_NUMBER") == str(n)

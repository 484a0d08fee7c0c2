"""Typing whole columns at once gives exactly what typing cell by cell gives.

``coerce_columns`` skips per-cell work for columns that already hold clean stored values; these
tests feed it dirty, mixed and clean columns and compare with the cell-by-cell conversions.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from core.text import _clean_slow, all_clean, clean, clean_text, is_clean_text
from schemas.registry import _to_bool, _to_int, _to_text, coerce_columns, coerce_frame, columns_of, spec

TRICKY = st.sampled_from(
    [
        " ",
        "  ",
        "\n",
        "\r\n",
        "\t",
        "\u00a0",
        "\u200b",
        "\ufeff",
        "\x1f",
        "\x00",
        "e\u0301",
        "\u0301",
        "ệ",
        "a",
        "\u034f",
        "\u2007",
        "\u3000",
        "\u0085",
        "\x1c",
        "\u00d0",
        "\U000e0001",
        "\u1ea1",
    ]
)
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=6)), max_size=4).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, max_size=8))
def test_a_column_judged_clean_is_left_unchanged_by_clean_text(values: list[str]) -> None:
    if all_clean(values):
        assert [clean_text(v) for v in values] == values


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=8))
def test_text_we_stored_is_judged_clean(values: list[str]) -> None:
    stored = [clean_text(v) for v in values]
    if not any("\x00" in v for v in stored):
        assert all_clean(stored)


@settings(max_examples=400, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=8))
def test_the_whole_column_scan_judges_every_column_as_cell_by_cell_checks_would(values: list[str]) -> None:
    assert all_clean(values) == all(is_clean_text(v) and "\x00" not in v for v in values)


def test_the_column_scan_finds_a_dirty_character_between_clean_vietnamese_cells() -> None:
    clean_cells = ["Công đoàn Khu công nghiệp Hà Nội", "Nguyễn Thị Thu Thủy"] * 500
    assert all_clean(clean_cells)
    for dirty in ("\u00a0", "\u200b", "\u2007", "\x1c", "\u00d0", "\U000e0041", "\t"):
        cells = [*clean_cells]
        cells[517] = f"Nguyễn{dirty}Thị"
        assert not all_clean(cells), repr(dirty)
    ascii_cells = ["HN-CDCS-001", "SUBMITTED"] * 500
    assert all_clean(ascii_cells)
    for dirty in ("\x7f", "\r", "\x01", "\t"):
        assert not all_clean([*ascii_cells, f"A{dirty}B"]), repr(dirty)
    assert not all_clean([*ascii_cells, "\nA"])  # a cell starting with a line break
    assert not all_clean(["A\n", *ascii_cells])  # a cell ending with one
    assert not all_clean([*clean_cells, "Hà Nội\u3000"])  # ending with an ideographic space


def test_one_dirty_cell_sends_the_column_the_slow_way() -> None:
    assert all_clean(["Nguyễn Văn An", "Hà Nội"])
    assert not all_clean(["Nguyễn Văn An", "Hà Nội "])  # trailing space in the last cell
    assert not all_clean(["Nguyễn Văn An ", "Hà Nội"])  # trailing space before the join
    assert not all_clean(["Nguyễn", " Văn"])  # leading space after the join
    assert not all_clean(["Nguye\u0302\u0303n"])  # NFD
    assert not all_clean(["a", 1])
    assert not all_clean(["a\x00b"])


CELL = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(min_value=-1e12, max_value=1e12),
    st.just(float("nan")),
    TEXT,
    st.sampled_from(["8.500.000", "1", "0", "có", "x", "TRUE"]),
)


def _cell_by_cell(tab: str, columns: dict[str, list[Any]], n: int) -> pd.DataFrame:
    s = spec(tab)
    out: dict[str, Any] = {}
    for c in s.columns:
        raw = columns.get(c, [None] * n)
        kind = s.kind(c)
        if kind in ("int", "money"):
            out[c] = pd.array([_to_int(v) for v in raw], dtype="Int64")
        elif kind == "bool":
            out[c] = pd.array([_to_bool(v) for v in raw], dtype="bool")
        else:
            out[c] = pd.array([_to_text(v) for v in raw], dtype=object)
    return pd.DataFrame(out, index=pd.RangeIndex(n), columns=list(s.columns))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_whole_column_typing_equals_cell_by_cell(data: st.DataObject) -> None:
    tab = "users"  # text, bool and int columns
    n = data.draw(st.integers(min_value=0, max_value=6))
    uniform = data.draw(st.booleans())
    columns: dict[str, list[Any]] = {}
    for c in columns_of(tab):
        if uniform:  # what an adapter reads back: every cell of the stored type
            kind = spec(tab).kind(c)
            cell = (
                st.one_of(st.none(), st.integers(-1000, 1000))
                if kind in ("int", "money")
                else st.integers(0, 2)
                if kind == "bool"
                else TEXT.map(clean_text)
            )
        else:
            cell = CELL
        columns[c] = data.draw(st.lists(cell, min_size=n, max_size=n))
    got = coerce_columns(tab, columns, n)
    pd.testing.assert_frame_equal(got, _cell_by_cell(tab, columns, n))
    records = [{c: columns[c][i] for c in columns} for i in range(n)]
    pd.testing.assert_frame_equal(coerce_frame(tab, records), got)


@settings(max_examples=600, deadline=None)
@given(st.one_of(TEXT, st.text(max_size=12)))
def test_clean_leaves_clean_text_alone_and_cleans_the_rest_as_before(value: str) -> None:
    """``clean`` returns text it would not change at once: the same answer as the full cleaning."""
    assert clean(value) == _clean_slow(value)
    assert clean(clean(value)) == clean(value)

"""core.lookup: one call per distinct value gives the same column as one call per row."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core.lookup import is_in, map_keys, map_unique, positions


def test_map_unique_matches_the_per_row_call_and_keeps_the_index() -> None:
    units = pd.Series(["HN-A", "HN-B", "HN-A", "HN-C", "HN-A"], index=[10, 11, 12, 13, 14])
    calls: list[str] = []

    def level(unit: str) -> str:
        calls.append(unit)
        return {"HN-A": "CDCS", "HN-B": "CD_CAP_TREN"}.get(unit, "")

    got = map_unique(units, level)
    assert got.tolist() == ["CDCS", "CD_CAP_TREN", "CDCS", "", "CDCS"]
    assert got.index.tolist() == [10, 11, 12, 13, 14]
    assert sorted(calls) == ["HN-A", "HN-B", "HN-C"]  # once per distinct unit, not once per row


def test_map_unique_gives_integers_as_integers() -> None:
    years = map_unique(pd.Series(["C1", "C2", "C1"]), lambda c: {"C1": 2024, "C2": 2023}[c])
    assert years.tolist() == [2024, 2023, 2024]
    assert pd.api.types.is_integer_dtype(years)


def test_map_keys_passes_each_combination_once_as_text_and_keeps_row_order() -> None:
    frame = pd.DataFrame(
        {
            "campaign_id": ["K", "K", "T", "K", "T"],
            "state": ["DRAFT", "AWARDED", "DRAFT", "DRAFT", "DRAFT"],
            "year": [2024, 2024, 2023, 2024, 2023],
        },
        index=[5, 3, 9, 1, 7],
    )
    calls: list[tuple[str, str, str]] = []

    def label(c: str, s: str, y: str) -> str:
        calls.append((c, s, y))
        return f"{c}/{s}/{y}"

    got = map_keys(frame, ["campaign_id", "state", "year"], label)
    assert got.tolist() == ["K/DRAFT/2024", "K/AWARDED/2024", "T/DRAFT/2023", "K/DRAFT/2024", "T/DRAFT/2023"]
    assert got.index.tolist() == [5, 3, 9, 1, 7]
    assert len(calls) == 3 and all(isinstance(v, str) for call in calls for v in call)


def test_map_keys_of_no_rows_is_empty() -> None:
    empty = pd.DataFrame({"a": pd.Series(dtype=str), "b": pd.Series(dtype=str)})
    assert map_keys(empty, ["a", "b"], lambda a, b: a + b).empty


def test_is_in_matches_pandas_isin() -> None:
    ids = pd.Series(["N-1", "N-2", "W-1", "N-1", ""], index=[4, 3, 2, 1, 0])
    for allowed in ({"N-1", "W-1"}, pd.Series(["W-1", "W-1"]), [], ["X"]):
        got = is_in(ids, allowed)
        assert got.tolist() == ids.isin(list(allowed)).tolist()
        assert got.index.tolist() == [4, 3, 2, 1, 0]


def test_map_keys_matches_the_per_row_call_on_mixed_columns_with_missing_values() -> None:
    """Text with missing cells, nullable integers, booleans and floats with NaN: every row gets what
    calling ``fn`` on its own cells (as text) gives, however the combinations repeat."""
    frame = pd.DataFrame(
        {
            "a": pd.array(["x", None, "", "x", None, "y"], dtype="str"),
            "b": pd.array([1, None, 2, 1, None, 2], dtype="Int64"),
            "c": [True, False, True, True, False, False],
            "d": [1.5, float("nan"), 2.0, 1.5, float("nan"), 2.0],
        },
        index=[7, 3, 9, 1, 4, 2],
    )
    for cols in (["a"], ["a", "b"], ["b", "c", "d"], ["a", "b", "c", "d"]):
        got = map_keys(frame, cols, lambda *v: "|".join(v))
        per_row = ["|".join(str(v) for v in row) for row in frame[cols].itertuples(index=False)]
        assert got.tolist() == per_row and got.index.tolist() == [7, 3, 9, 1, 4, 2]


@pytest.mark.parametrize("dtype", ["str", object])
def test_positions_and_is_in_give_pandas_answers_on_arrow_text_and_on_python_objects(dtype: object) -> None:
    """The Arrow hash path (both sides Arrow-backed text) and the pandas path agree with a plain
    per-row search: first position of each value among the keys, -1 when absent; missing values
    and ids typed twice included."""
    rng = np.random.default_rng(7)
    pool = [f"N-{i}" for i in range(40)] + ["", "Nguyễn Văn Ánh"]
    keys = pd.Series(
        [None if rng.random() < 0.05 else str(rng.choice(pool)) for _ in range(300)], dtype=dtype
    )
    values = pd.Series(
        [None if rng.random() < 0.05 else str(rng.choice([*pool, "X-1"])) for _ in range(500)],
        dtype=dtype,
        index=range(1000, 1500),
    )
    listed = keys.tolist()

    def first(v: object) -> int:
        for i, k in enumerate(listed):
            if (pd.isna(k) and pd.isna(v)) or k == v:
                return i
        return -1

    assert positions(values, keys).tolist() == [first(v) for v in values]
    got = is_in(values, keys)
    assert got.tolist() == values.isin(keys).tolist()
    assert got.index.tolist() == values.index.tolist()
    text = {k for k in listed if isinstance(k, str)}  # a set of text, as the guards pass it
    assert is_in(values, text).tolist() == values.isin(list(text)).tolist()
    assert is_in(values, iter(sorted(text))).tolist() == values.isin(list(text)).tolist()  # read once
    assert positions(values, keys.iloc[:0]).tolist() == [-1] * len(values)

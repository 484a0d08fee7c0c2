"""Per-row lookups done once per distinct value: the dashboard's way to stay fast at 100,000 rows.

A metric often needs, for every row, something only Python knows (a state's outcome from the
campaign YAML, a unit's cluster from the org tree, a folded name). Calling that function per row
costs seconds at 100,000 rows; the rows hold only a few hundred distinct values. These helpers
call the function once per distinct value (or combination of values) and spread the answers back
over the rows, so the result is the same as the per-row call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def _plain(values: Any) -> list[Any]:
    """The values as a list; text as Python ``str`` in one step (iterating an Arrow-backed text
    array boxes each value on its own, a tenth of a second per 100,000)."""
    if isinstance(getattr(values, "dtype", None), pd.StringDtype):
        return list(values.tolist())
    return list(values)


def map_unique(values: pd.Series, fn: Callable[[Any], Any]) -> pd.Series:
    """``values.map(fn)`` with ``fn`` called once per distinct value (missing values included)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    answers = pd.Series([fn(u) for u in _plain(uniques)])
    return pd.Series(answers.take(codes).array, index=values.index, name=values.name)


def map_keys(frame: pd.DataFrame, columns: Sequence[str], fn: Callable[..., Any]) -> pd.Series:
    """``fn(*row[columns])`` for every row of ``frame``, called once per distinct combination.

    Each value is passed as ``str`` (as the per-row code did), and the answers keep the frame's index.
    The combinations are found from each column's codes (``pd.factorize``), without a merge.
    """
    cols = list(columns)
    if frame.empty:
        return pd.Series([], index=frame.index, dtype=object)
    combined = np.zeros(len(frame), dtype=np.int64)
    for c in cols:
        codes, uniques = pd.factorize(frame[c], use_na_sentinel=False)
        combined = combined * max(1, len(uniques)) + codes
        combined = pd.factorize(combined)[0].astype(np.int64)  # compact again: no overflow
    _, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
    keys = frame[cols].iloc[first]
    answers = pd.Series(
        [fn(*(str(v) for v in row)) for row in zip(*(_plain(keys[c]) for c in cols), strict=True)]
    )
    return pd.Series(answers.take(inverse.ravel()).array, index=frame.index)


def is_in(values: pd.Series, allowed: Iterable[Any]) -> pd.Series:
    """``values.isin(allowed)`` through one hash index.

    pandas' ``isin`` on Arrow-backed text boxes every allowed value into a pyarrow scalar first,
    which costs about a second for 100,000 ids; Arrow's own ``is_in`` (Arrow-backed text against
    text) or a pandas index lookup (anything else) gives the same answer in milliseconds.
    """
    given = allowed if isinstance(allowed, pd.Series | pd.Index) else list(allowed)  # read once
    left = _arrow_text(values)
    if left is not None:  # Arrow's hash kernel over Arrow-backed text: no Python strings
        right: pa.Array | pa.ChunkedArray | None = None
        if isinstance(given, pd.Series | pd.Index):
            right = _arrow_text(given)
        elif all(isinstance(v, str) for v in given):
            try:
                right = pa.array(given, type=pa.string())
            except (pa.ArrowException, UnicodeError):  # text Arrow cannot hold: the pandas way
                right = None
        if right is not None:
            value_set = right.combine_chunks() if isinstance(right, pa.ChunkedArray) else right
            found = np.asarray(pc.is_in(left, value_set=value_set).fill_null(False), dtype=bool)
            return pd.Series(found, index=values.index, name=values.name)
    index = pd.Index(given).unique()
    return pd.Series(index.get_indexer(pd.Index(values)) >= 0, index=values.index, name=values.name)


def _arrow_text(values: pd.Series | pd.Index) -> pa.ChunkedArray | None:
    """The Arrow array behind Arrow-backed text, or None (other dtypes go the pandas way)."""
    dtype = getattr(values, "dtype", None)
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return pa.chunked_array(pa.array(values.array))  # the Arrow storage itself: no copy
    return None


def positions(values: pd.Series, keys: pd.Series | pd.Index) -> np.ndarray:
    """For each value, the position of its first equal in ``keys`` (-1 when absent).

    Arrow-backed text on both sides is looked up with Arrow's hash kernel (``index_in``), without
    turning 100,000s of values into Python strings; anything else through a pandas index.
    """
    left, right = _arrow_text(values), _arrow_text(keys)
    if left is not None and right is not None:
        found = pc.index_in(left, value_set=right.combine_chunks())
        return np.asarray(found.fill_null(-1), dtype=np.int64)
    index = pd.Index(keys)
    first = ~index.duplicated()
    where = np.flatnonzero(first)
    found = index[first].get_indexer(pd.Index(values))
    return np.where(found >= 0, where[np.maximum(found, 0)] if len(where) else -1, -1).astype(np.int64)

"""A number typed by hand beyond what a whole-number column holds reads as empty, the same through
the column-wise read (the SQLite replica) and the row-wise one, and never breaks the page."""

from __future__ import annotations

import pandas as pd

from schemas.registry import coerce_columns, coerce_frame


def test_a_number_too_big_for_a_whole_number_column_reads_as_empty() -> None:
    huge = [2**63, 9.223372036854776e18, "99999999999999999999", -(2**64), 2024]
    by_columns = coerce_columns("contest_prizes", {"year": huge}, len(huge))
    by_rows = coerce_frame("contest_prizes", [{"year": v} for v in huge])
    for frame in (by_columns, by_rows):
        assert [None if pd.isna(v) else int(v) for v in frame["year"]] == [None, None, None, None, 2024]

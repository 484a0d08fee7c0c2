"""The index of nominated names (the "nominated elsewhere" warning) equals its definition, one row
at a time, whatever the names: tones, case, diacritics, NFD, blanks, repeats, dead states and other
campaigns. Built column-wise, from the columns it uses, with each distinct name keyed once."""

from __future__ import annotations

import unicodedata

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from core.text import fold, match_key
from schemas.registry import coerce_frame
from services.intake_import import _name_index
from services.rules import DEAD_STATES

NAMES = [
    "Nguyễn Thị Hoà",
    "Nguyễn Thị Hòa",
    "NGUYEN THI HOA",
    "Trần Văn Bình",
    "tran van binh",
    "",
    " Lê  Thị Hoa ",
]
name = st.sampled_from(NAMES) | st.sampled_from(NAMES).map(lambda n: unicodedata.normalize("NFD", n))
row = st.fixed_dictionaries(
    {
        "campaign_id": st.sampled_from(["C1", "C2"]),
        "state": st.sampled_from(["SUBMITTED", "APPROVED", *sorted(DEAD_STATES)]),
        "full_name": name,
        "unit_id": st.sampled_from(["U1", "U2"]),
        "award_code": st.sampled_from(["LDTT", "BK_LDLD"]),
        "form": st.sampled_from(["nomination", ""]),
    }
)


def _one_row_at_a_time(frame: pd.DataFrame, campaign_id: str) -> dict[tuple[str, str], list[tuple[str, ...]]]:
    out: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for _, r in frame.iterrows():
        if r["campaign_id"] != campaign_id or r["state"] in DEAD_STATES:
            continue
        hit = (str(r["unit_id"]), str(r["award_code"]), str(r["state"]), str(r["form"]))
        out.setdefault(("k", match_key(r["full_name"])), []).append(hit)
        out.setdefault(("f", fold(r["full_name"])), []).append(hit)
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(row, max_size=25))
def test_the_name_index_equals_its_row_by_row_definition(rows: list[dict[str, str]]) -> None:
    frame = coerce_frame("nominations", rows)  # typed as the store types it (Arrow-backed text)
    assert _name_index(frame, "C1") == _one_row_at_a_time(frame, "C1")

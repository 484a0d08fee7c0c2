"""The emulator's fast pretty-printer writes exactly what json.dumps(indent=2) writes."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from sheets_emulator.pretty_json import dumps


def expected(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(st.text(max_size=6), inner, max_size=5)
        | st.tuples(inner, inner)
    ),
    max_leaves=40,
)


@given(documents)
def test_same_text_as_json(obj):
    assert dumps(obj) == expected(obj)


@given(st.lists(st.lists(scalars, min_size=1, max_size=6), min_size=1, max_size=6), st.integers(0, 3))
def test_same_text_for_the_values_of_a_range_at_any_depth(rows, depth):
    doc: object = rows
    for _ in range(depth):
        doc = {"values": doc, "range": "A1"}
    assert dumps(doc) == expected(doc)


def test_a_values_reply_with_awkward_cells():
    reply = {
        "spreadsheetId": "1abc",
        "valueRanges": [
            {
                "range": "'Đề nghị'!A1:Z100000",
                "majorDimension": "ROWS",
                "values": [
                    ["id", "tên", "số"],
                    ["r1", 'có "ngoặc", dấu phẩy, và\nxuống dòng', 1.5, "],\n    ["],
                    [],
                    ["r3", True, None, 46000, float("nan"), -0.0, 1e300, "\u2028\t\\"],
                ],
            },
            {"range": "Trống!A1:B2", "majorDimension": "ROWS", "values": [["a"], ["b", "]"]]},
        ],
    }
    assert dumps(reply) == expected(reply)


def test_non_string_keys_and_nested_empties_are_left_to_json():
    doc = {"a": {1: "x", None: [1, (2, 3)], False: {}, 2.5: 0}, "b": [[], {}, [[]], ""], "c": []}
    assert dumps(doc) == expected(doc)

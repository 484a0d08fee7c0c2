"""The emulator's list of developer metadata keeps an index by id and the characters used per
sheet as entries come and go: both must always equal what a fresh count of the entries gives,
since the 30,000-character limits and every lookup by id rest on them."""

from __future__ import annotations

import random

from sheets_emulator.store import MetadataList


def entry(mid: int, sheet: int | None, key: str = "r", value: str = "") -> dict:
    if sheet is None:
        location = {"locationType": "SPREADSHEET", "spreadsheet": True}
    else:
        rows = {"sheetId": sheet, "dimension": "ROWS", "startIndex": mid, "endIndex": mid + 1}
        location = {"locationType": "ROW", "dimensionRange": rows}
    return {"metadataId": mid, "metadataKey": key, "metadataValue": value, "location": location}


def same_as_fresh(mds: MetadataList) -> None:
    fresh = MetadataList(list(mds))
    assert mds.by_id == fresh.by_id
    assert {k: v for k, v in mds.chars.items() if v} == {k: v for k, v in fresh.chars.items() if v}


def test_index_and_sizes_follow_every_change_and_copies_are_independent() -> None:
    rng = random.Random(7)
    mds = MetadataList()
    next_id = 1
    for _ in range(400):
        op = rng.choice(["append", "append", "replace", "without", "copy", "extend", "pop"])
        if op == "append" or not mds:
            mds.append(entry(next_id, rng.choice([0, 1, None]), value="v" * rng.randint(0, 5)))
            next_id += 1
        elif op == "replace":
            n = rng.randrange(len(mds))
            mds[n] = entry(mds[n]["metadataId"], rng.choice([0, 1]), key="k" * rng.randint(1, 4))
        elif op == "without":
            gone = rng.sample(list(mds), k=min(len(mds), rng.randint(1, 3)))
            before = mds.copy()
            mds = mds.without(gone)
            assert len(before) == len(mds) + len(gone)
            same_as_fresh(before)
        elif op == "copy":
            other = mds.copy()
            other.append(entry(10_000 + next_id, 0, value="x" * 9))
            assert 10_000 + next_id not in mds.by_id
        elif op == "extend":
            mds.extend([entry(next_id, 1)])
            next_id += 1
        else:
            mds.pop()
        same_as_fresh(mds)
    assert [md["metadataId"] for md in mds] == sorted(md["metadataId"] for md in mds)

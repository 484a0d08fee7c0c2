"""Row tags: developer metadata that moves with its row, and the guards a write batch carries.

The compare-and-set of the adapter rests on two documented behaviours: a developer-metadata id is
unique in a spreadsheet (creating a taken one fails), and a ``spreadsheets.batchUpdate`` is
all-or-nothing. See :func:`_guard`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from storage.gsheets.cells import _extended

#: Developer-metadata key of the row tags (see :func:`_tag_id`); the value is ``<id>@<version>``.
ROW_TAG_KEY = "thidua.row"


def _tag_id(tab: str, row_id: str, version: int) -> int:
    """The metadataId of the tag of row ``row_id`` at ``version``: the same in every app instance.

    Metadata ids are unique in a spreadsheet and may be chosen by the caller, so creating a tag
    whose id exists fails the whole batchUpdate: that is the compare-and-set the adapter builds on.
    """
    digest = hashlib.sha256(f"{tab}\0{row_id}\0{version}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % (2**31 - 1) + 1


def _row_location(sheet_id: int, row: int) -> dict[str, Any]:
    return {
        "dimensionRange": {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": row, "endIndex": row + 1}
    }


def _tag(sheet_id: int, tab: str, row_id: str, version: int, row: int) -> dict[str, Any]:
    """createDeveloperMetadata: the tag of ``row_id`` at ``version``, anchored to sheet row ``row``."""
    return {
        "createDeveloperMetadata": {
            "developerMetadata": {
                "metadataId": _tag_id(tab, row_id, version),
                "metadataKey": ROW_TAG_KEY,
                "metadataValue": f"{row_id}@{version}",
                "visibility": "DOCUMENT",
                "location": _row_location(sheet_id, row),
            }
        }
    }


def _once_tag(sheet_id: int, tab: str, key: str, row: int) -> dict[str, Any]:
    """createDeveloperMetadata whose id is derived from an ``update(once=...)`` key, on the new row."""
    return {
        "createDeveloperMetadata": {
            "developerMetadata": {
                "metadataId": _tag_id(tab, "once:" + key, 0),
                "metadataKey": ROW_TAG_KEY + ".once",
                "metadataValue": key,
                "visibility": "DOCUMENT",
                "location": _row_location(sheet_id, row),
            }
        }
    }


def _guard(
    sheet_id: int, tab: str, row_id: str, version: int, row: int, *, astray: bool = False
) -> list[dict[str, Any]]:
    """Requests that fail the batch unless ``row_id`` is still at ``row`` and still at ``version``.

    A row written by the app carries a row-anchored tag (developer metadata) whose id is
    :func:`_tag_id` of its id and version; Google moves it with the row when people insert,
    delete or sort rows, and deletes it with the row. In order:

    1. delete the tag of ``version`` if it is anchored exactly at ``row``;
    2. create it again at ``row``: this fails if the tag still exists, i.e. it was somewhere else
       (the row moved between the re-read and this write: B4);
    3. create the tag of ``version + 1``: this fails if another app instance already moved the
       row from ``version`` (B5);
    4. delete the re-created tag of ``version`` (only the new version's tag stays).

    A row without a tag (typed by hand, bulk-loaded with ``append``, or stored by an older
    version of the app) passes 1, 2 and 4 whatever happens; 3 still refuses a second instance,
    and the row is tagged from then on. ``astray``: the tag is known to be on another row (a
    batch was refused although the row is still at ``row`` and ``version``, as when a person cut
    and pasted its cells): step 1 deletes it wherever it is, so this one write is guarded like
    an untagged row's and leaves the tag on the right row.
    """
    by_id: dict[str, Any] = {"developerMetadataLookup": {"metadataId": _tag_id(tab, row_id, version)}}
    exact: dict[str, Any] = {
        "developerMetadataLookup": {
            "metadataId": _tag_id(tab, row_id, version),
            "metadataLocation": _row_location(sheet_id, row),
            "locationMatchingStrategy": "EXACT_LOCATION",
        }
    }
    if astray:
        exact = by_id
    return [
        {"deleteDeveloperMetadata": {"dataFilter": exact}},
        _tag(sheet_id, tab, row_id, version, row),
        _tag(sheet_id, tab, row_id, version + 1, row),
        {"deleteDeveloperMetadata": {"dataFilter": by_id}},
    ]


def _insert_rows(
    sheet_id: int,
    tab: str,
    at: int,
    header: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    *,
    tag: bool = True,
) -> list[dict[str, Any]]:
    """New rows inserted at 0-based row ``at`` (under the last id read), written and tagged.

    Inserted rows are blank, so rows a person or another instance added or moved in the
    meantime are never overwritten; at worst the new rows land above them.
    """
    out: list[dict[str, Any]] = [
        {
            "insertDimension": {
                "range": {
                    "sheetId": sheet_id,
                    "dimension": "ROWS",
                    "startIndex": at,
                    "endIndex": at + len(rows),
                },
                "inheritFromBefore": True,
            }
        },
        {
            "updateCells": {
                "start": {"sheetId": sheet_id, "rowIndex": at, "columnIndex": 0},
                "rows": [{"values": [_extended(r.get(c)) for c in header]} for r in rows],
                "fields": "userEnteredValue",
            }
        },
    ]
    if tag:
        out += [_tag(sheet_id, tab, str(r["id"]), 1, at + i) for i, r in enumerate(rows)]
    return out

"""Tags: developer metadata the adapter anchors to rows and columns, and the guards a write carries.

Google documents two behaviours the adapter builds its compare-and-set on: a developer-metadata
id is unique in a spreadsheet (creating a taken one fails) and a ``spreadsheets.batchUpdate`` is
all-or-nothing. Metadata anchored to a row or column moves with it when rows or columns are
inserted, deleted or moved, and is deleted with it.

Every tag is a one-character key with no value: the meaning is carried by its ``metadataId``,
derived from what it marks, so a sheet of 10,000 tagged rows uses 10,000 of the 30,000 characters
Google allows per sheet (docs/google-sheets.md, *Limits*).

* **Row tag** ``r``: id :func:`row_tag_id` (tab, row id, version): the row at that version.
* **Column tag** ``c``: id :func:`column_tag_id` (tab, column name): where that column is.
* **Change counter** ``k`` on each sheet: its value, a fresh stamp written with every change the app
  makes to the tab, tells readers which tabs changed (:mod:`storage.gsheets.marks`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storage.gsheets.cells import _extended

#: Key of the row tags (one character, no value: 1 character of the sheet's metadata budget).
ROW_TAG_KEY = "r"
#: Key of the column tags.
COLUMN_TAG_KEY = "c"
#: Key of the per-sheet change counter (its value is the stamp of the last change).
COUNTER_KEY = "k"
#: Keys used by earlier versions of the adapter (``thidua.row`` with ``<id>@<version>`` values and
#: never-deleted client-token tags): ``cli.py provision`` migrates or removes them.
LEGACY_KEYS = ("thidua.row", "thidua.row.once")


def _hash_id(*parts: str) -> int:
    digest = hashlib.sha256("\0".join(parts).encode()).digest()
    return int.from_bytes(digest[:4], "big") % (2**31 - 1) + 1


def row_tag_id(tab: str, row_id: str, version: int) -> int:
    """The metadataId of the tag of row ``row_id`` at ``version``: the same in every app instance.

    The same derivation as the earlier ``thidua.row`` tags, so a row tagged by an older version of
    the adapter is found (and re-tagged with the short key) by its next write.
    """
    return _hash_id(tab, row_id, str(version))


def column_tag_id(tab: str, column: str) -> int:
    return _hash_id(tab, "\x01column", column)


def counter_id(tab: str) -> int:
    return _hash_id(tab, "\x01changes")


def _row_range(sheet_id: int, row: int) -> dict[str, Any]:
    return {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": row, "endIndex": row + 1}


def _column_range(sheet_id: int, col: int) -> dict[str, Any]:
    return {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": col, "endIndex": col + 1}


def _create(metadata_id: int, key: str, location: dict[str, Any], value: str = "") -> dict[str, Any]:
    md: dict[str, Any] = {"metadataId": metadata_id, "metadataKey": key, "visibility": "DOCUMENT"}
    if value:
        md["metadataValue"] = value
    md["location"] = location
    return {"createDeveloperMetadata": {"developerMetadata": md}}


def _delete(metadata_id: int, exact: dict[str, Any] | None = None) -> dict[str, Any]:
    lookup: dict[str, Any] = {"metadataId": metadata_id}
    if exact is not None:
        lookup["metadataLocation"] = exact
        lookup["locationMatchingStrategy"] = "EXACT_LOCATION"
    return {"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": lookup}}}


def create_row_tag(sheet_id: int, tab: str, row_id: str, version: int, row: int) -> dict[str, Any]:
    """createDeveloperMetadata: the tag of ``row_id`` at ``version``, anchored to sheet row ``row``."""
    return _create(
        row_tag_id(tab, row_id, version), ROW_TAG_KEY, {"dimensionRange": _row_range(sheet_id, row)}
    )


def create_column_tag(sheet_id: int, tab: str, column: str, col: int) -> dict[str, Any]:
    return _create(
        column_tag_id(tab, column), COLUMN_TAG_KEY, {"dimensionRange": _column_range(sheet_id, col)}
    )


def create_counter(sheet_id: int, tab: str, stamp: str) -> dict[str, Any]:
    return _create(counter_id(tab), COUNTER_KEY, {"sheetId": sheet_id}, stamp)


def bump_counter(tab: str, stamp: str) -> dict[str, Any]:
    """updateDeveloperMetadata: the tab's change counter takes a fresh ``stamp``."""
    return {
        "updateDeveloperMetadata": {
            "dataFilters": [{"developerMetadataLookup": {"metadataId": counter_id(tab)}}],
            "developerMetadata": {"metadataValue": stamp},
            "fields": "metadataValue",
        }
    }


@dataclass(frozen=True)
class RowTags:
    """What is known of one row's tags before writing it (see :func:`row_guard`).

    ``current``: the tag of the version read is at the row read (True), is elsewhere or its row is
    unknown ("astray"), or does not exist (False). ``stale_next``: the tag of the next version
    exists although the row is still at the version read (a version typed back by hand, or a
    version history restored): it must go before the write can take the next version.
    """

    current: bool | str = True
    stale_next: bool = False


def row_guard(
    sheet_id: int, tab: str, row_id: str, version: int, row: int, tags: RowTags, *, strict_delete: bool
) -> list[dict[str, Any]]:
    """Requests that fail the whole batch unless ``row_id`` is still at ``row`` and at ``version``.

    ``strict_delete``: Google refuses a ``deleteDeveloperMetadata`` that matches nothing (probed
    once per process, see :meth:`storage.gsheets.tabs._Layout._probe`). Then, for a row tagged at
    the row read, two requests are enough: delete the tag *exactly at that row* (fails if the row
    moved, was deleted, or another instance moved it on: each of those moved or deleted the tag)
    and create the next version's tag (fails if another instance took that version first).

    When such a delete would pass silently, four: the delete, then create the tag again at that row
    (fails if the tag still exists elsewhere: the row moved), the next version's tag, and delete
    the re-created tag. A row deleted in the write gap, or moved on twice by other instances in
    it, is then not caught by the tags: docs/google-sheets.md, *Limits*.

    A row without its tag (appended in bulk, typed by hand, tags swept for the metadata budget)
    gets only the next version's tag; a tag known to be astray (its row was cut and pasted, or a
    sort left it behind) is deleted wherever it is. Either way the row is tagged from then on.
    """
    here = {"dimensionRange": _row_range(sheet_id, row)}
    out: list[dict[str, Any]] = []
    if tags.stale_next:
        out.append(_delete(row_tag_id(tab, row_id, version + 1)))
    if tags.current is True:
        out.append(_delete(row_tag_id(tab, row_id, version), exact=here))
        if not strict_delete:
            out.append(create_row_tag(sheet_id, tab, row_id, version, row))
            out.append(create_row_tag(sheet_id, tab, row_id, version + 1, row))
            out.append(_delete(row_tag_id(tab, row_id, version)))
            return out
    elif tags.current == "astray":
        out.append(_delete(row_tag_id(tab, row_id, version)))
    out.append(create_row_tag(sheet_id, tab, row_id, version + 1, row))
    return out


def column_guard(sheet_id: int, tab: str, column: str, col: int) -> list[dict[str, Any]]:
    """Fail the batch unless the column named ``column`` is still the sheet's column ``col``.

    Delete its tag exactly there (refused when Google refuses deletes that match nothing) and
    create it there again (refused when the tag exists elsewhere: the column moved). A header
    renamed in place keeps its tag: the write goes to the same column, and the next read reports
    the new name to the admins.
    """
    here = {"dimensionRange": _column_range(sheet_id, col)}
    return [_delete(column_tag_id(tab, column), exact=here), create_column_tag(sheet_id, tab, column, col)]


def sweep_row_tags(sheet_id: int, tab: str, start: int, end: int) -> list[dict[str, Any]]:
    """Delete every row tag on rows [start, end) of a sheet (the sheet's metadata budget is spent).

    A tag is first created on row ``start`` so that the delete always matches something (a delete
    matching nothing may fail the batch); it goes with the others.
    """
    rows = {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": start, "endIndex": end}
    lookup = {
        "metadataKey": ROW_TAG_KEY,
        "metadataLocation": {"dimensionRange": rows},
        "locationMatchingStrategy": "INTERSECTING_LOCATION",
    }
    helper_id = _hash_id(tab, "\x01sweep", str(start), str(end))
    helper = _create(helper_id, ROW_TAG_KEY, {"dimensionRange": _row_range(sheet_id, start)})
    return [helper, {"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": lookup}}}]


def insert_rows(
    sheet_id: int,
    tab: str,
    at: int,
    header: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """New rows inserted at 0-based row ``at`` (under the last app row known), written and tagged.

    Inserted rows are blank, so rows a person or another instance added or moved in the meantime
    are never overwritten; at worst the new rows land just above them. Each new row's tag (version
    1) also makes the write idempotent: sent twice (a retry after a timeout whose first attempt
    landed late), the second batch fails instead of storing a copy.
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
                "inheritFromBefore": at > 1,
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
    out += [create_row_tag(sheet_id, tab, str(r["id"]), 1, at + i) for i, r in enumerate(rows)]
    return out


def append_cells(sheet_id: int, header: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """appendCells: rows after the last row with data, where no position needs reading first (rows of
    tabs the app only appends to, such as the history)."""
    return {
        "appendCells": {
            "sheetId": sheet_id,
            "rows": [{"values": [_extended(r.get(c)) for c in header]} for r in rows],
            "fields": "userEnteredValue",
        }
    }


def lookup_row_tag(tab: str, row_id: str, version: int) -> dict[str, Any]:
    """A DataFilter selecting the row that carries the tag of ``row_id`` at ``version``."""
    return {"developerMetadataLookup": {"metadataId": row_tag_id(tab, row_id, version)}}


#: Key of the marker of the last append batch of a sheet (see :func:`append_marker`).
APPEND_KEY = "a"


def append_marker(sheet_id: int, tab: str, first_id: str) -> list[dict[str, Any]]:
    """The first requests of an append batch: create its marker (fails if this very batch was
    already stored: its id derives from the batch's first row), drop every marker of the sheet
    (the previous batch's, and this one: the delete always matches something), create it again."""
    marker = _create(_hash_id(tab, "\x01append", first_id), APPEND_KEY, {"sheetId": sheet_id})
    sheet = {"sheetId": sheet_id}
    lookup = {
        "metadataKey": APPEND_KEY,
        "metadataLocation": sheet,
        "locationMatchingStrategy": "EXACT_LOCATION",
    }
    return [marker, {"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": lookup}}}, marker]


#: Key of the grid probe (created and deleted in the same batch: never left in the sheet).
PROBE_ROW_KEY = "p"


def grid_probe(sheet_id: int, tab: str, rows: int, nonce: str) -> list[dict[str, Any]]:
    """Fail the batch if the grid has fewer than ``rows`` rows: metadata created on its last row
    (refused outside the grid), then deleted. When Google lets a delete that matches nothing pass,
    a row guard cannot see a row deleted in the write gap; a deletion shrinks the grid, and this
    probe sees that (unless rows were inserted into the same tab in the same moment)."""
    probe = _hash_id(tab, "\x01grid", nonce)
    return [_create(probe, PROBE_ROW_KEY, {"dimensionRange": _row_range(sheet_id, rows - 1)}), _delete(probe)]

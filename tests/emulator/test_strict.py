"""The emulator refuses what Google refuses: documented limits, access rules, and the undocumented
cases modelled the way worse for a client (docs/emulator.md, *As strict as Google*)."""

from __future__ import annotations

import time

import pytest
import requests

from sheets_emulator import SheetsEmulator
from sheets_emulator.emulator import HumanEditRefused
from tests.emulator.conftest import SHEETS, RestApi

DRIVE = "https://www.googleapis.com/drive/v3/files"


@pytest.fixture
def api() -> RestApi:
    return RestApi(seed=5, sheets=["Sheet1", "Other"])


def row_tag(key: str, value: str, row: int, sheet_id: int = 0, end: int | None = None) -> dict:
    return {
        "createDeveloperMetadata": {
            "developerMetadata": {
                "metadataKey": key,
                "metadataValue": value,
                "visibility": "DOCUMENT",
                "location": {
                    "dimensionRange": {
                        "sheetId": sheet_id,
                        "dimension": "ROWS",
                        "startIndex": row,
                        "endIndex": row + 1 if end is None else end,
                    }
                },
            }
        }
    }


def error(reply: requests.Response) -> str:
    body = reply.json()["error"]
    assert body["status"] == {400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND"}.get(
        reply.status_code, body["status"]
    )
    return str(body["message"])


# -- developer metadata ----------------------------------------------------------------------------


def test_a_sheet_holds_at_most_30000_characters_of_metadata_keys_and_values(api: RestApi) -> None:
    # 3 x (1 + 9,999) = 30,000 characters: the limit itself is allowed
    assert api.batch(*[row_tag("k", "v" * 9_999, r) for r in (1, 2, 3)]).status_code == 200
    reply = api.batch(row_tag("x", "", 4), row_tag("y", "", 5))
    assert reply.status_code == 400
    message = error(reply)
    assert "requests[1].createDeveloperMetadata" in message and "30000" in message
    assert len(api.emu.spreadsheet(api.id).developer_metadata) == 3  # nothing of the batch kept
    # the other sheet has its own budget, but the spreadsheet's is spent too (the worse reading)
    assert api.batch(row_tag("z", "", 1, sheet_id=api.emu.sheet(api.id, "Other").sheet_id)).status_code == 400


def test_the_spreadsheet_budget_counts_every_sheet_together(api: RestApi) -> None:
    other = api.emu.sheet(api.id, "Other").sheet_id
    assert (
        api.batch(row_tag("k", "v" * 14_999, 1), row_tag("k", "v" * 14_999, 1, sheet_id=other)).status_code
        == 200
    )
    reply = api.batch(row_tag("k", "v" * 10, 2, sheet_id=other))
    assert reply.status_code == 400 and "spreadsheet" in error(reply)


def test_metadata_must_sit_on_a_single_row_or_column(api: RestApi) -> None:
    reply = api.batch(row_tag("k", "", 1, end=3))
    assert reply.status_code == 400 and "single row or column" in error(reply)


def test_an_update_of_metadata_that_matches_nothing_is_refused_unless_told(api: RestApi) -> None:
    update = {
        "updateDeveloperMetadata": {
            "dataFilters": [{"developerMetadataLookup": {"metadataId": 12345}}],
            "developerMetadata": {"metadataValue": "x"},
            "fields": "metadataValue",
        }
    }
    assert api.batch(update).status_code == 400
    api.emu.strict.no_match_delete = "ignore"
    assert api.batch(update).status_code == 200


def test_a_location_lookup_intersects_by_default(api: RestApi) -> None:
    api.batch(row_tag("k", "a", 3))
    around = {"dimensionRange": {"sheetId": 0, "dimension": "ROWS", "startIndex": 2, "endIndex": 6}}
    found = api.post(
        "/developerMetadata:search",
        {"dataFilters": [{"developerMetadataLookup": {"metadataLocation": around}}]},
    ).json()
    assert [m["developerMetadata"]["metadataValue"] for m in found["matchedDeveloperMetadata"]] == ["a"]
    exact = {"metadataLocation": around, "locationMatchingStrategy": "EXACT_LOCATION"}
    found = api.post(
        "/developerMetadata:search", {"dataFilters": [{"developerMetadataLookup": exact}]}
    ).json()
    assert found == {}


def test_the_fields_parameter_trims_any_reply(api: RestApi) -> None:
    api.batch(row_tag("k", "a", 3))
    found = api.post(
        "/developerMetadata:search",
        {"dataFilters": [{"developerMetadataLookup": {"metadataKey": "k"}}]},
        fields="matchedDeveloperMetadata.developerMetadata(metadataId,location.dimensionRange.startIndex)",
    ).json()
    (match,) = found["matchedDeveloperMetadata"]
    assert set(match["developerMetadata"]) == {"metadataId", "location"}
    assert match["developerMetadata"]["location"] == {"dimensionRange": {"startIndex": 3}}


# -- moveDimension ---------------------------------------------------------------------------------


def test_move_dimension_moves_rows_with_their_metadata(api: RestApi) -> None:
    api.put("/values/Sheet1!A1", {"values": [["h"], ["a"], ["b"], ["c"], ["d"]]}, valueInputOption="RAW")
    api.batch(row_tag("k", "b", 2))
    move = {"sheetId": 0, "dimension": "ROWS", "startIndex": 2, "endIndex": 4}  # rows b, c
    assert api.batch({"moveDimension": {"source": move, "destinationIndex": 5}}).status_code == 200
    assert api.emu.get_values(api.id, "Sheet1!A1:A5") == [["h"], ["a"], ["d"], ["b"], ["c"]]
    (md,) = api.emu.spreadsheet(api.id).developer_metadata
    assert md["location"]["dimensionRange"]["startIndex"] == 3  # still on row b
    inside = {"moveDimension": {"source": move, "destinationIndex": 3}}
    assert api.batch(inside).status_code == 400


def test_move_dimension_moves_columns(api: RestApi) -> None:
    api.put("/values/Sheet1!A1", {"values": [["id", "x", "y"], ["1", "2", "3"]]}, valueInputOption="RAW")
    move = {"sheetId": 0, "dimension": "COLUMNS", "startIndex": 2, "endIndex": 3}
    assert api.batch({"moveDimension": {"source": move, "destinationIndex": 0}}).status_code == 200
    assert api.emu.get_values(api.id, "Sheet1!A1:C2") == [["y", "id", "x"], ["3", "1", "2"]]


# -- cells and grid --------------------------------------------------------------------------------


def test_a_cell_holds_at_most_50000_characters_never_truncated(api: RestApi) -> None:
    assert (
        api.put("/values/Sheet1!A1", {"values": [["a" * 50_000]]}, valueInputOption="RAW").status_code == 200
    )
    reply = api.put("/values/Sheet1!A2", {"values": [["a" * 50_001]]}, valueInputOption="RAW")
    assert reply.status_code == 400 and "50000 characters in a single cell" in error(reply)
    cells = {
        "updateCells": {
            "start": {"sheetId": 0, "rowIndex": 2, "columnIndex": 0},
            "rows": [{"values": [{"userEnteredValue": {"stringValue": "b" * 50_001}}]}],
            "fields": "userEnteredValue",
        }
    }
    reply = api.batch(cells)
    assert reply.status_code == 400 and "50000 characters" in error(reply)
    assert api.emu.get_values(api.id, "Sheet1!A2:A3") == []


def test_a_spreadsheet_holds_at_most_ten_million_cells(api: RestApi) -> None:
    # two sheets of 1000 x 26 = 52,000 cells; 384,616 more rows of 26 cells cross 10,000,000
    grow = {"appendDimension": {"sheetId": 0, "dimension": "ROWS", "length": 384_616}}
    reply = api.batch(grow)
    assert reply.status_code == 400 and "above the limit of 10000000 cells" in error(reply)
    assert api.emu.sheet(api.id, "Sheet1").row_count == 1000
    grow["appendDimension"]["length"] = 300_000
    assert api.batch(grow).status_code == 200


def test_a_request_over_ten_megabytes_is_refused(api: RestApi) -> None:
    api.emu.strict.max_request_bytes = 100_000  # the same rule as 10 MB, without sending 10 MB
    reply = api.put("/values/Sheet1!A1", {"values": [["x" * 1000]] * 120}, valueInputOption="RAW")
    assert reply.status_code == 400 and "payload size exceeds the limit: 100000 bytes" in error(reply)
    assert api.emu.get_values(api.id, "Sheet1!A1") == []


# -- access: sharing, protected ranges, strict dropdowns, API switched off ---------------------------


def share(api: RestApi, *people: str) -> None:
    """Share the file with each person as an editor, as the Share dialog does (Drive permissions)."""
    for n, email in enumerate(people):
        perm = {"type": "user", "role": "writer", "emailAddress": email, "id": str(9 + n)}
        api.emu.spreadsheet(api.id).permissions.append({"kind": "drive#permission", **perm})


def protect(api: RestApi, editors: list[str], warning_only: bool = False) -> None:
    rng = {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 5, "startColumnIndex": 0, "endColumnIndex": 1}
    pr: dict = {"range": rng, "description": "ids", "warningOnly": warning_only}
    if not warning_only:
        pr["editors"] = {"users": editors}
    assert api.batch({"addProtectedRange": {"protectedRange": pr}}).status_code == 200


def test_a_protected_range_refuses_other_api_callers_and_people(api: RestApi) -> None:
    protect(api, ["an@cd.vn"])
    stranger = api.emu.session(user="binh@cd.vn")
    reply = stranger.put(
        f"{SHEETS}/{api.id}/values/Sheet1!A2", json={"values": [["x"]]}, params={"valueInputOption": "RAW"}
    )
    assert reply.status_code == 400 and "protected cell" in error(reply)
    editor = api.emu.session(user="an@cd.vn")
    ok = editor.put(
        f"{SHEETS}/{api.id}/values/Sheet1!A2", json={"values": [["x"]]}, params={"valueInputOption": "RAW"}
    )
    assert ok.status_code == 200
    with pytest.raises(HumanEditRefused) as refused:
        api.emu.human(api.id, user="binh@cd.vn").edit_cell("A3", "y")
    assert refused.value.reason in ("not_shared", "protected")
    share(api, "binh@cd.vn", "an@cd.vn")
    with pytest.raises(HumanEditRefused) as refused:
        api.emu.human(api.id, user="binh@cd.vn").edit_cell("A3", "y")
    assert refused.value.reason == "protected"
    with pytest.raises(HumanEditRefused):
        api.emu.human(api.id, user="binh@cd.vn").delete_rows(2)
    api.emu.human(api.id, user="binh@cd.vn").edit_cell("B3", "outside the range")
    api.emu.human(api.id, user="an@cd.vn").edit_cell("A3", "y")
    assert api.emu.get_values(api.id, "Sheet1!A3:B3") == [["y", "outside the range"]]


def test_a_warning_only_range_lets_a_person_through(api: RestApi) -> None:
    protect(api, [], warning_only=True)
    share(api, "binh@cd.vn")
    api.emu.human(api.id, user="binh@cd.vn").edit_cell("A2", "typed after the warning")
    assert api.emu.get_values(api.id, "Sheet1!A2") == [["typed after the warning"]]


def test_a_person_the_file_is_not_shared_with_cannot_edit_it(api: RestApi) -> None:
    with pytest.raises(HumanEditRefused) as refused:
        api.emu.human(api.id, user="stranger@example.org").edit_cell("A1", "x")
    assert refused.value.reason == "not_shared"


def test_a_strict_dropdown_refuses_a_typed_value_it_does_not_list(api: RestApi) -> None:
    def dropdown(strict: bool, column: int) -> dict:
        rng = {"sheetId": 0, "startRowIndex": 1, "startColumnIndex": column, "endColumnIndex": column + 1}
        cond = {
            "type": "ONE_OF_LIST",
            "values": [{"userEnteredValue": "Đạt"}, {"userEnteredValue": "Không đạt"}],
        }
        return {"setDataValidation": {"range": rng, "rule": {"condition": cond, "strict": strict}}}

    api.batch(dropdown(True, 0), dropdown(False, 1))
    person = api.emu.human(api.id)
    person.edit_cell("A2", "Đạt")
    with pytest.raises(HumanEditRefused) as refused:
        person.edit_cell("A3", "Gần đạt")
    assert refused.value.reason == "invalid"
    person.edit_cell("B3", "Gần đạt")  # not strict: the UI only marks the cell
    assert api.emu.get_values(api.id, "Sheet1!A2:B3") == [["Đạt"], ["", "Gần đạt"]]


def test_a_file_not_shared_answers_403_on_sheets_and_404_on_drive(api: RestApi) -> None:
    api.emu.restrict(api.id, {"owner@cd.vn"})
    other = api.emu.session(user="someone@cd.vn")
    sheets = other.get(f"{SHEETS}/{api.id}")
    assert sheets.status_code == 403 and error(sheets) == "The caller does not have permission"
    drive = other.get(f"{DRIVE}/{api.id}", params={"fields": "version"})
    assert drive.status_code == 404
    assert drive.json()["error"]["errors"][0]["reason"] == "notFound"


def test_an_api_not_enabled_in_the_project_answers_403_service_disabled(api: RestApi) -> None:
    api.emu.disable_api("sheets")
    reply = api.get("")
    assert reply.status_code == 403
    body = reply.json()["error"]
    assert body["details"][0]["reason"] == "SERVICE_DISABLED"
    assert "has not been used in project" in body["message"]


# -- Drive version and the network model -------------------------------------------------------------


def test_drive_version_goes_up_with_every_change_whoever_made_it(api: RestApi) -> None:
    session = api.emu.session()

    def version() -> int:
        return int(session.get(f"{DRIVE}/{api.id}", params={"fields": "version"}).json()["version"])

    first = version()
    api.put("/values/Sheet1!A1", {"values": [["x"]]}, valueInputOption="RAW")
    second = version()
    api.emu.human(api.id).edit_cell("A2", "typed")
    third = version()
    api.get("/values/Sheet1")
    assert first < second < third == version()


def test_the_network_model_makes_each_call_wait_its_latency_and_bytes() -> None:
    emu = SheetsEmulator(seed=1)
    key = emu.create_spreadsheet("t")
    emu.network.enabled, emu.network.latency, emu.network.bandwidth = True, 0.05, 1_000_000.0
    session = emu.session()
    started = time.perf_counter()
    session.put(
        f"{SHEETS}/{key}/values/A1", json={"values": [["x" * 50_000]]}, params={"valueInputOption": "RAW"}
    )
    took = time.perf_counter() - started
    (entry,) = emu.log.entries
    assert entry.network == pytest.approx(0.05 + (entry.bytes_in + entry.bytes_out) / 1e6)
    assert took >= entry.network
    emu.network.enabled = False
    session.get(f"{SHEETS}/{key}/values/A1")
    assert emu.log.entries[-1].network == 0.0

"""REST-level semantics, checked with plain requests calls against the in-process session."""

from __future__ import annotations

import pytest

from tests.emulator.conftest import SHEETS, RestApi


@pytest.fixture
def api():
    return RestApi(seed=3, sheets=["Sheet1", "D3", "It's mine"])


def test_cell_like_and_apostrophe_titles_are_quoted(api):
    api.put("/values/'D3'!A1", {"values": [["x"]]}, valueInputOption="RAW")
    assert api.get("/values/'D3'").json() == {
        "range": "'D3'!A1:Z1000",
        "majorDimension": "ROWS",
        "values": [["x"]],
    }
    r = api.put("/values/'It''s mine'!B2", {"values": [["y"]]}, valueInputOption="RAW").json()
    assert r["updatedRange"] == "'It''s mine'!B2"
    # a bare A1 reference addresses the first sheet
    assert api.get("/values/A1:B2").json()["range"] == "Sheet1!A1:B2"


def test_whole_rows_and_open_ended_ranges(api):
    api.put("/values/Sheet1!A1", {"values": [["a", "b"], ["c", "d"], ["e"]]}, valueInputOption="RAW")
    assert api.get("/values/Sheet1!2:3").json() == {
        "range": "Sheet1!A2:Z3",
        "majorDimension": "ROWS",
        "values": [["c", "d"], ["e"]],
    }
    assert api.get("/values/Sheet1!B2:C").json()["range"] == "Sheet1!B2:C1000"
    assert api.get("/values/Sheet1!B2:C").json()["values"] == [["d"]]


def test_columns_major_input_and_values_in_response(api):
    r = api.put(
        "/values/Sheet1!A1:B3",
        {"majorDimension": "COLUMNS", "values": [["a", "b", "c"], [1, 2]]},
        valueInputOption="RAW",
        includeValuesInResponse="true",
        responseValueRenderOption="UNFORMATTED_VALUE",
    ).json()
    assert r["updatedRange"] == "Sheet1!A1:B3"
    assert r["updatedData"]["values"] == [["a", 1], ["b", 2], ["c"]]


def test_writing_outside_the_requested_range_is_refused(api):
    r = api.put("/values/Sheet1!A1:B1", {"values": [["a", "b"], ["c", "d"]]}, valueInputOption="RAW")
    assert r.status_code == 400
    assert "tried writing to row [2]" in r.json()["error"]["message"]
    assert api.get("/values/Sheet1").json().get("values") is None


def test_bad_enums_and_missing_input_option(api):
    assert api.get("/values/A1", valueRenderOption="PRETTY").status_code == 400
    r = api.put("/values/A1", {"values": [[1]]})
    assert r.json()["error"]["message"] == "'valueInputOption' is required but not specified"


def test_clear_keeps_notes_and_formats(api):
    api.put("/values/Sheet1!A1", {"values": [["v"]]}, valueInputOption="RAW")
    api.batch(
        {
            "updateCells": {
                "range": {
                    "sheetId": 0,
                    "startRowIndex": 0,
                    "endRowIndex": 1,
                    "startColumnIndex": 0,
                    "endColumnIndex": 1,
                },
                "rows": [{"values": [{"note": "kept"}]}],
                "fields": "note",
            }
        }
    )
    assert api.post("/values/Sheet1:clear").json()["clearedRange"] == "Sheet1!A1:Z1000"
    data = api.get("", ranges="Sheet1!A1", fields="sheets.data.rowData.values(note,formattedValue)").json()
    assert data == {"sheets": [{"data": [{"rowData": [{"values": [{"note": "kept"}]}]}]}]}


def test_named_ranges_read_and_move_with_rows(api):
    api.put("/values/Sheet1!A1", {"values": [["h"], ["x"], ["y"]]}, valueInputOption="RAW")
    api.batch(
        {
            "addNamedRange": {
                "namedRange": {
                    "name": "data",
                    "range": {
                        "sheetId": 0,
                        "startRowIndex": 1,
                        "endRowIndex": 3,
                        "startColumnIndex": 0,
                        "endColumnIndex": 1,
                    },
                }
            }
        }
    )
    api.batch(
        {"insertDimension": {"range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 0, "endIndex": 2}}}
    )
    got = api.get("/values/data").json()
    assert got == {"range": "Sheet1!A4:A5", "majorDimension": "ROWS", "values": [["x"], ["y"]]}


def test_insert_rows_append_moves_metadata_and_hidden_rows(api):
    api.put("/values/Sheet1!A1", {"values": [["id"], ["r1"], ["r2"]]}, valueInputOption="RAW")
    api.batch(
        {
            "createDeveloperMetadata": {
                "developerMetadata": {
                    "metadataKey": "k",
                    "visibility": "DOCUMENT",
                    "location": {
                        "dimensionRange": {"sheetId": 0, "dimension": "ROWS", "startIndex": 2, "endIndex": 3}
                    },
                }
            }
        },
        {
            "updateDimensionProperties": {
                "range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 2, "endIndex": 3},
                "properties": {"hiddenByUser": True},
                "fields": "hiddenByUser",
            }
        },
    )
    api.batch(
        {"insertDimension": {"range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 1, "endIndex": 2}}}
    )
    (md,) = api.emu.spreadsheet(api.id).developer_metadata
    assert md["location"] == {
        "locationType": "ROW",
        "dimensionRange": {"sheetId": 0, "dimension": "ROWS", "startIndex": 3, "endIndex": 4},
    }
    meta = api.get("", ranges="Sheet1!A3:A4", fields="sheets.data.rowMetadata").json()
    assert meta["sheets"][0]["data"][0]["rowMetadata"] == [
        {"pixelSize": 21},
        {"pixelSize": 21, "hiddenByUser": True},
    ]
    found = api.post(
        "/developerMetadata:search",
        {"dataFilters": [{"developerMetadataLookup": {"locationType": "ROW", "metadataKey": "k"}}]},
    ).json()
    assert found["matchedDeveloperMetadata"][0]["developerMetadata"]["metadataId"] == md["metadataId"]
    assert api.get(f"/developerMetadata/{md['metadataId']}").json() == md
    assert (
        api.post(
            "/developerMetadata:search", {"dataFilters": [{"developerMetadataLookup": {"metadataKey": "z"}}]}
        ).json()
        == {}
    )


def test_append_table_detection_and_overwrite(api):
    first = api.post("/values/Sheet1!A1:append", {"values": [["a", "b"]]}, valueInputOption="RAW").json()
    assert "tableRange" not in first
    api.put("/values/Sheet1!D1", {"values": [["side"]]}, valueInputOption="RAW")
    second = api.post("/values/Sheet1!A:B:append", {"values": [["c", "d"]]}, valueInputOption="RAW").json()
    assert second["tableRange"] == "Sheet1!A1:B1"
    assert second["updates"]["updatedRange"] == "Sheet1!A2:B2"
    # a row typed by hand right under the table joins it; the next append goes below it
    api.put("/values/Sheet1!A4", {"values": [["by hand"]]}, valueInputOption="RAW")
    api.post("/values/Sheet1!A1:append", {"values": [["e"]]}, valueInputOption="RAW")
    api.post("/values/Sheet1!A1:append", {"values": [["f"]]}, valueInputOption="RAW")
    assert api.get("/values/Sheet1!A1:A5").json()["values"] == [["a"], ["c"], ["e"], ["by hand"], ["f"]]


def test_append_grows_the_grid(api):
    api.batch(
        {
            "updateSheetProperties": {
                "properties": {"sheetId": 0, "gridProperties": {"rowCount": 2, "columnCount": 2}},
                "fields": "gridProperties(rowCount,columnCount)",
            }
        }
    )
    api.put("/values/Sheet1!A1", {"values": [["a"], ["b"]]}, valueInputOption="RAW")
    r = api.post("/values/Sheet1:append", {"values": [["c", "d", "e"]]}, valueInputOption="RAW").json()
    assert r["updates"]["updatedRange"] == "Sheet1!A3:C3"
    props = api.get("", fields="sheets.properties.gridProperties").json()["sheets"][0]["properties"]
    assert props["gridProperties"] == {"rowCount": 3, "columnCount": 3}


def test_delete_dimension_limits_and_sheet_errors(api):
    r = api.batch(
        {"deleteDimension": {"range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 0, "endIndex": 1000}}}
    )
    assert r.json()["error"]["message"] == (
        "Invalid requests[0].deleteDimension: You can't delete all the rows on the sheet."
    )
    r = api.batch({"addSheet": {"properties": {"title": "D3"}}})
    assert r.status_code == 400 and "already exists" in r.json()["error"]["message"]
    r = api.batch({"frobnicate": {}})
    assert r.status_code == 400 and "Unknown name" in r.json()["error"]["message"]
    (detail,) = r.json()["error"]["details"]
    assert detail["@type"] == "type.googleapis.com/google.rpc.BadRequest"
    assert detail["fieldViolations"][0]["field"] == "requests[0]"
    assert api.post(":batchUpdate", {"requests": []}).status_code == 400


def test_create_via_sheets_api_and_get_by_data_filter(api):
    emu = api.emu
    session = emu.session()
    made = session.post(
        SHEETS,
        json={
            "properties": {"title": "mới", "locale": "vi_VN"},
            "sheets": [
                {"properties": {"title": "Đề cử", "gridProperties": {"rowCount": 10, "columnCount": 5}}}
            ],
        },
    ).json()
    assert made["properties"]["locale"] == "vi_VN"
    assert made["sheets"][0]["properties"]["title"] == "Đề cử"
    sid = made["spreadsheetId"]
    session.put(
        f"{SHEETS}/{sid}/values/'Đề cử'!A1",
        json={"values": [["1,5", "31/12/2025"]]},
        params={"valueInputOption": "USER_ENTERED"},
    )
    got = session.get(
        f"{SHEETS}/{sid}/values/'Đề cử'!A1:B1", params={"valueRenderOption": "UNFORMATTED_VALUE"}
    )
    assert got.json()["values"] == [[1.5, 46022]]
    by_filter = session.post(
        f"{SHEETS}/{sid}:getByDataFilter",
        json={"dataFilters": [{"a1Range": "'Đề cử'!A1"}], "includeGridData": True},
    ).json()
    cell = by_filter["sheets"][0]["data"][0]["rowData"][0]["values"][0]
    assert cell["formattedValue"] == "1,5" and cell["effectiveValue"] == {"numberValue": 1.5}


def test_general_number_format():
    from sheets_emulator.values import format_general

    assert format_general(1e20) == "1E+20"
    assert format_general(0.1 + 0.2) == "0.3"
    assert format_general(-2.5) == "-2.5"
    assert format_general(1 / 3) == "0.3333333333"


def test_by_data_filter_endpoints_follow_row_metadata(api):
    api.put("/values/Sheet1!A1", {"values": [["id", "v"], ["r1", "a"], ["r2", "b"]]}, valueInputOption="RAW")
    api.batch(
        *[
            {
                "createDeveloperMetadata": {
                    "developerMetadata": {
                        "metadataKey": "row",
                        "metadataValue": rid,
                        "visibility": "DOCUMENT",
                        "location": {
                            "dimensionRange": {
                                "sheetId": 0,
                                "dimension": "ROWS",
                                "startIndex": i,
                                "endIndex": i + 1,
                            }
                        },
                    }
                }
            }
            for i, rid in ((1, "r1"), (2, "r2"))
        ]
    )
    api.emu.human(api.id).insert_rows(2)  # a person inserts a row above r1
    lookup = {"developerMetadataLookup": {"metadataKey": "row", "metadataValue": "r1"}}
    got = api.post("/values:batchGetByDataFilter", {"dataFilters": [lookup]}).json()
    assert got["valueRanges"] == [
        {
            "valueRange": {"range": "Sheet1!A3:Z3", "majorDimension": "ROWS", "values": [["r1", "a"]]},
            "dataFilters": [lookup],
        }
    ]
    wrote = api.post(
        "/values:batchUpdateByDataFilter",
        {"valueInputOption": "RAW", "data": [{"dataFilter": lookup, "values": [["r1", "A!"]]}]},
    ).json()
    assert wrote["responses"][0]["updatedRange"] == "Sheet1!A3:B3"
    assert wrote["totalUpdatedCells"] == 2
    cleared = api.post("/values:batchClearByDataFilter", {"dataFilters": [{"a1Range": "Sheet1!B4"}]}).json()
    assert cleared["clearedRanges"] == ["Sheet1!B4"]
    assert api.get("/values/Sheet1").json()["values"] == [["id", "v"], [], ["r1", "A!"], ["r2"]]


@pytest.mark.parametrize("moves", [False, True], ids=["google-silent-stays", "moves-when-told"])
def test_a_sort_leaves_row_metadata_in_place_unless_told_it_moves(api, moves):
    """Google documents metadata moving on insert and delete, not on sort: by default the emulator
    keeps it where it was (the worse case for a client), and moves it only when told to."""
    api.emu.strict.sort_moves_metadata = moves
    api.put(
        "/values/Sheet1!A1",
        {"values": [["id", "name"], ["r1", "Cúc"], ["r2", "An"], ["r3", "Bình"]]},
        valueInputOption="RAW",
    )
    api.batch(
        *[
            {
                "createDeveloperMetadata": {
                    "developerMetadata": {
                        "metadataKey": "row",
                        "metadataValue": rid,
                        "visibility": "DOCUMENT",
                        "location": {
                            "dimensionRange": {
                                "sheetId": 0,
                                "dimension": "ROWS",
                                "startIndex": i,
                                "endIndex": i + 1,
                            }
                        },
                    }
                }
            }
            for i, rid in ((1, "r1"), (2, "r2"), (3, "r3"))
        ]
    )
    api.emu.human(api.id).sort("B", ascending=True, header_rows=1)
    assert api.emu.get_values(api.id, "Sheet1!A2:A4") == [["r2"], ["r3"], ["r1"]]
    where = {
        md["metadataValue"]: md["location"]["dimensionRange"]["startIndex"]
        for md in api.emu.spreadsheet(api.id).developer_metadata
    }
    assert where == ({"r2": 1, "r3": 2, "r1": 3} if moves else {"r1": 1, "r2": 2, "r3": 3})
    lookup = {"developerMetadataLookup": {"metadataKey": "row", "metadataValue": "r1"}}
    got = api.post("/values:batchGetByDataFilter", {"dataFilters": [lookup]}).json()
    # staying put, the tag of r1 now labels the row a sort put there: r2
    assert got["valueRanges"][0]["valueRange"]["values"] == ([["r1", "Cúc"]] if moves else [["r2", "An"]])


def test_creating_metadata_with_a_taken_id_fails_the_whole_batch(api):
    def create(mid, row):
        return {
            "createDeveloperMetadata": {
                "developerMetadata": {
                    "metadataId": mid,
                    "metadataKey": "claim",
                    "visibility": "DOCUMENT",
                    "location": {
                        "dimensionRange": {
                            "sheetId": 0,
                            "dimension": "ROWS",
                            "startIndex": row,
                            "endIndex": row + 1,
                        }
                    },
                }
            }
        }

    api.batch(create(77, 1))
    write = {"updateCells": {"start": {"sheetId": 0, "rowIndex": 1, "columnIndex": 0},
                             "rows": [{"values": [{"userEnteredValue": {"stringValue": "x"}}]}],
                             "fields": "userEnteredValue"}}  # fmt: skip
    reply = api.post(":batchUpdate", {"requests": [write, create(77, 2)]})
    assert reply.status_code == 400 and "already exists" in reply.json()["error"]["message"]
    assert api.emu.get_values(api.id, "Sheet1!A2") == []  # nothing of the batch was applied
    # a delete whose filter matches nothing: undocumented; refused by default, a no-op when told
    gone = {"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": {"metadataId": 5}}}}
    refused = api.post(":batchUpdate", {"requests": [write, gone]})
    assert refused.status_code == 400 and "requests[1]" in refused.json()["error"]["message"]
    assert api.emu.get_values(api.id, "Sheet1!A2") == []
    api.emu.strict.no_match_delete = "ignore"
    assert api.post(":batchUpdate", {"requests": [gone]}).status_code == 200

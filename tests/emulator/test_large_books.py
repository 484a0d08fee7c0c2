"""Large spreadsheets: a value write copies only the sheets it changes (and stays all-or-nothing
across sheets), and reads answer empty and text cells without the renderer, with the same values."""

from __future__ import annotations

import pytest

from tests.emulator.conftest import RestApi


@pytest.fixture
def api():
    return RestApi(seed=5, sheets=["Sheet1", "Other"])


def values(api, rng):
    return api.get(f"/values/{rng}").json().get("values")


def test_a_write_leaves_the_other_sheets_as_they_were(api):
    api.put("/values/Other!A1", {"values": [["kept"]]}, valueInputOption="RAW")
    other = api.emu.sheet(api.id, "Other")
    api.post("/values/Sheet1!A1:append", {"values": [["a"], ["b"]]}, valueInputOption="RAW")
    api.put("/values/Sheet1!B1", {"values": [["c"]]}, valueInputOption="RAW")
    # the untouched sheet was not copied (a 100,000-row tab made every write of another tab slow)
    assert api.emu.sheet(api.id, "Other") is other
    assert values(api, "Sheet1") == [["a", "c"], ["b"]]
    assert values(api, "Other") == [["kept"]]


def test_a_batch_update_over_two_sheets_failing_half_way_changes_neither(api):
    api.put("/values/Sheet1!A1", {"values": [["before"]]}, valueInputOption="RAW")
    api.put("/values/Other!A1", {"values": [["before"]]}, valueInputOption="RAW")
    body = {
        "valueInputOption": "RAW",
        "data": [
            {"range": "Sheet1!A1", "values": [["after"]]},
            {"range": "Other!A1", "values": [["after", {"not": "a value"}]]},
        ],
    }
    r = api.post("/values:batchUpdate", body)
    assert r.status_code == 400
    assert r.json()["error"]["message"] == "Invalid values[0][1]: dict_value"
    assert values(api, "Sheet1") == [["before"]]
    assert values(api, "Other") == [["before"]]


def test_a_batch_clear_naming_a_missing_sheet_clears_nothing(api):
    api.put("/values/Sheet1!A1", {"values": [["stays"]]}, valueInputOption="RAW")
    r = api.post("/values:batchClear", {"ranges": ["Sheet1!A1", "Nowhere!A1"]})
    assert r.status_code == 400
    assert r.json()["error"]["message"] == "Unable to parse range: Nowhere!A1"
    assert values(api, "Sheet1") == [["stays"]]


def test_a_failed_insert_rows_append_moves_no_metadata_or_named_range(api):
    api.put("/values/Sheet1!A1", {"values": [["id"], ["r1"]]}, valueInputOption="RAW")
    row = {"sheetId": 0, "dimension": "ROWS", "startIndex": 1, "endIndex": 2}
    named = {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 2, "startColumnIndex": 0, "endColumnIndex": 1}
    api.post(
        ":batchUpdate",
        {
            "requests": [
                {
                    "createDeveloperMetadata": {
                        "developerMetadata": {
                            "metadataKey": "row",
                            "visibility": "DOCUMENT",
                            "location": {"dimensionRange": row},
                        }
                    }
                },
                {"addNamedRange": {"namedRange": {"name": "first", "range": named}}},
            ]
        },
    )
    r = api.post(
        "/values/Sheet1!A1:append",
        {"values": [["r2"], [["nested"]]]},
        valueInputOption="RAW",
        insertDataOption="INSERT_ROWS",
    )
    assert r.status_code == 400
    book = api.emu.spreadsheet(api.id)
    assert book.developer_metadata[0]["location"]["dimensionRange"] == row
    assert book.named_ranges[0]["range"] == {k: v for k, v in named.items() if k != "sheetId"}
    assert values(api, "Sheet1") == [["id"], ["r1"]]
    # the same append without the bad value inserts below r1 and moves nothing above it
    ok = api.post(
        "/values/Sheet1!A1:append",
        {"values": [["r2"]]},
        valueInputOption="RAW",
        insertDataOption="INSERT_ROWS",
    )
    assert ok.json()["updates"]["updatedRange"] == "Sheet1!A3"
    assert values(api, "first") == [["r1"]]


@pytest.mark.parametrize("render_option", ["FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA"])
@pytest.mark.parametrize("date_option", ["SERIAL_NUMBER", "FORMATTED_STRING"])
def test_reads_answer_each_kind_of_cell_as_the_cell_renderer_does(api, render_option, date_option):
    from sheets_emulator.values import render

    row = ["text", "", "1,234.5", "TRUE", "=1+2", "2026-12-04", "'007", "42", "12%", "$5"]
    api.put("/values/Other!A1", {"values": [row]}, valueInputOption="USER_ENTERED")
    api.put("/values/Other!A2", {"values": [[7, 2.5, True, "x"]]}, valueInputOption="RAW")
    params = {"valueRenderOption": render_option, "dateTimeRenderOption": date_option}
    got = api.get("/values/Other!A1:J2", **params).json()["values"]
    sheet = api.emu.sheet(api.id, "Other")
    widths = ((0, 10), (1, 4))
    cells = [[render(sheet.get(r, c), render_option, date_option) for c in range(n)] for r, n in widths]
    assert got == cells
    assert cells[0][0] == "text" and cells[0][1] == "" and cells[0][6] == "007"
    assert cells[1][0] == (7 if render_option != "FORMATTED_VALUE" else "7")
    as_text = render_option == "FORMATTED_VALUE" or date_option == "FORMATTED_STRING"
    assert cells[0][5] == ("2026-12-04" if as_text else 46360)

"""Behaviour through the real gspread 6 client: what the Google adapter will rely on."""

from __future__ import annotations

import gspread
import pytest
from gspread.utils import DateTimeOption, ExportFormat, ValueInputOption, ValueRenderOption

from sheets_emulator import SheetsEmulator

UNFORMATTED = ValueRenderOption.unformatted
FORMULA = ValueRenderOption.formula


def test_create_open_list_and_delete(gc, emu):
    sh = gc.create("Khen thưởng")
    assert gc.open("Khen thưởng").id == sh.id
    assert gc.open_by_key(sh.id).title == "Khen thưởng"
    assert [s.id for s in gc.openall()] == [sh.id]
    assert gc.list_spreadsheet_files("Khen thưởng")[0]["id"] == sh.id
    gc.del_spreadsheet(sh.id)
    with pytest.raises(gspread.SpreadsheetNotFound):
        gc.open("Khen thưởng")
    with pytest.raises(gspread.SpreadsheetNotFound):
        gc.open_by_key(sh.id)


def test_add_worksheet_and_properties(sh):
    ws = sh.add_worksheet("Đề cử", rows=50, cols=8)
    assert [w.title for w in sh.worksheets()] == ["Sheet1", "Đề cử"]
    assert (ws.row_count, ws.col_count, ws.index) == (50, 8, 1)
    ws.freeze(rows=1)
    props = sh.fetch_sheet_metadata()["sheets"][1]["properties"]
    assert props["gridProperties"] == {"rowCount": 50, "columnCount": 8, "frozenRowCount": 1}
    sh.del_worksheet(ws)
    assert [w.title for w in sh.worksheets()] == ["Sheet1"]


def test_append_raw_and_user_entered(ws):
    ws.append_rows([["id", "amount", "when", "note"]], value_input_option=ValueInputOption.raw)
    ws.append_rows([["a1", "007", "2026-03-08", "=1+1"]], value_input_option=ValueInputOption.raw)
    ws.append_rows([["a2", "1,500", "2026-03-08", "=1+1"]], value_input_option=ValueInputOption.user_entered)
    assert ws.get("A2:D3", value_render_option=UNFORMATTED) == [
        ["a1", "007", "2026-03-08", "=1+1"],
        ["a2", 1500, 46089, 2],
    ]
    assert ws.get("D2:D3", value_render_option=FORMULA) == [["=1+1"], ["=1+1"]]
    assert ws.get("B3:C3") == [["1,500", "2026-03-08"]]
    dated = ws.get(
        "C3", value_render_option=UNFORMATTED, date_time_render_option=DateTimeOption.formatted_string
    )
    assert dated == [["2026-03-08"]]


def test_append_reports_table_and_insert_rows_mode(ws):
    first = ws.append_rows([["h1", "h2"], ["r1", "x"]])
    assert "tableRange" not in first
    assert first["updates"]["updatedRange"] == "Sheet1!A1:B2"
    ws.update([["far"]], "A5")
    overwrite = ws.append_rows([["r2", "y"]], table_range="A1")
    assert overwrite["tableRange"] == "Sheet1!A1:B2"
    assert overwrite["updates"]["updatedRange"] == "Sheet1!A3:B3"
    inserted = ws.append_rows([["r3", "z"]], insert_data_option="INSERT_ROWS", table_range="A1")
    assert inserted["tableRange"] == "Sheet1!A1:B3"
    assert inserted["updates"] == {
        "spreadsheetId": ws.spreadsheet_id,
        "updatedRange": "Sheet1!A4:B4",
        "updatedRows": 1,
        "updatedColumns": 1 + 1,
        "updatedCells": 2,
    }
    # INSERT_ROWS pushed the unrelated value below down instead of overwriting it
    assert ws.get("A5:A6") == [[], ["far"]]
    grid = ws.spreadsheet.fetch_sheet_metadata()["sheets"][0]["properties"]["gridProperties"]
    assert grid["rowCount"] == 1001


def test_empty_ranges_have_no_values_key(ws, sh):
    raw = sh.values_get("'Sheet1'!A1:C3")
    assert raw == {"range": "Sheet1!A1:C3", "majorDimension": "ROWS"}
    ws.update([["x", "", ""], ["", "", ""]], "A1:C2")
    assert sh.values_get("Sheet1")["values"] == [["x"]]
    assert sh.values_get("Sheet1!B:C") == {"range": "Sheet1!B1:C1000", "majorDimension": "ROWS"}


def test_columns_major_dimension(ws):
    ws.update([["a", "b"], ["c", "d"], ["e"]], "A1")
    assert ws.get("A1:B3", major_dimension="COLUMNS") == [["a", "c", "e"], ["b", "d"]]


def test_batch_get_and_batch_update(ws, sh):
    ws.batch_update(
        [{"range": "A1:B1", "values": [["id", "v"]]}, {"range": "A3:B3", "values": [["r", 1]]}],
        value_input_option=ValueInputOption.raw,
    )
    got = ws.batch_get(["A1:B1", "A2:B3", "Z9"])
    assert [list(v) for v in got] == [[["id", "v"]], [[], ["r", "1"]], []]
    reply = sh.values_batch_update(
        {"valueInputOption": "RAW", "data": [{"range": "Sheet1!B3", "values": [[2]]}]},
    )
    assert reply["totalUpdatedCells"] == 1
    assert ws.acell("B3", value_render_option=UNFORMATTED).value == 2


def test_raw_formula_text_stays_text(ws):
    ws.update([["=1+1", "+84 912", "@home", "-5 points"]], "A1", raw=True)
    assert ws.get("A1:D1", value_render_option=FORMULA) == [["=1+1", "+84 912", "@home", "-5 points"]]
    assert ws.get("A1:D1") == [["=1+1", "+84 912", "@home", "-5 points"]]


def test_user_entered_formula_is_evaluated_when_trivial(ws):
    ws.update([[1], [2], [3], ["=SUM(A1:A3)"], ["=A1*10+1"]], "A1", raw=False)
    assert ws.col_values(1, value_render_option=UNFORMATTED) == [1, 2, 3, 6, 11]
    assert ws.acell("A4", value_render_option=FORMULA).value == "=SUM(A1:A3)"


def _metadata_rows(emu, sh):
    return sorted(
        (m["metadataValue"], m["location"]["dimensionRange"]["startIndex"])
        for m in emu.spreadsheet(sh.id).developer_metadata
    )


def test_insert_and_delete_rows_move_row_metadata(ws, sh, emu):
    ws.update([["id"], ["a"], ["b"], ["c"]], "A1")
    sh.batch_update(
        {
            "requests": [
                {
                    "createDeveloperMetadata": {
                        "developerMetadata": {
                            "metadataKey": "row_id",
                            "metadataValue": v,
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
                for i, v in ((1, "a"), (2, "b"), (3, "c"))
            ]
        }
    )
    ws.insert_rows([["new"]], row=2)
    assert ws.col_values(1) == ["id", "new", "a", "b", "c"]
    assert _metadata_rows(emu, sh) == [("a", 2), ("b", 3), ("c", 4)]
    ws.delete_rows(4)  # row "b"
    assert ws.col_values(1) == ["id", "new", "a", "c"]
    assert _metadata_rows(emu, sh) == [("a", 2), ("c", 3)]
    search = sh.client.request(
        "post",
        f"https://sheets.googleapis.com/v4/spreadsheets/{sh.id}/developerMetadata:search",
        json={"dataFilters": [{"developerMetadataLookup": {"metadataKey": "row_id", "metadataValue": "c"}}]},
    ).json()
    (match,) = search["matchedDeveloperMetadata"]
    assert match["developerMetadata"]["location"]["dimensionRange"]["startIndex"] == 3
    sh.batch_update(
        {
            "requests": [
                {
                    "deleteDeveloperMetadata": {
                        "dataFilter": {"developerMetadataLookup": {"metadataKey": "row_id"}}
                    }
                }
            ]
        }
    )
    assert emu.spreadsheet(sh.id).developer_metadata == []


def test_sort_through_gspread_and_by_a_human(ws, emu, sh):
    ws.update([["name", "score"], ["b", 2], ["c", 10], ["a", 1]], "A1")
    ws.freeze(rows=1)
    ws.sort((2, "des"))
    assert ws.get_all_values() == [["name", "score"], ["c", "10"], ["b", "2"], ["a", "1"]]
    emu.human(sh.id).sort("A")
    assert ws.col_values(1) == ["name", "a", "b", "c"]


def test_human_edits_between_reads_and_writes(ws, emu, sh):
    ws.update([["id", "status"], ["r1", "new"], ["r2", "new"]], "A1")
    human = emu.human(sh.id)
    human.insert_rows(2)
    human.edit_cell("A2", "typed by hand")
    human.delete_rows(3)  # the r1 row
    human.append_row(["r9", "TRUE"])
    assert ws.get_all_values() == [["id", "status"], ["typed by hand", ""], ["r2", "new"], ["r9", "TRUE"]]
    assert ws.acell("B4", value_render_option=UNFORMATTED).value is True
    assert emu.log.count("values:update") == 1  # human edits are not app traffic


def test_atomic_batch_update_applies_nothing_on_error(sh, ws, emu):
    ws.update([["keep"]], "A1")
    with pytest.raises(gspread.exceptions.APIError) as err:
        sh.batch_update(
            {
                "requests": [
                    {"addSheet": {"properties": {"title": "new tab"}}},
                    {"updateCells": {"range": {"sheetId": 0}, "fields": "userEnteredValue"}},
                    {"deleteSheet": {"sheetId": 999}},
                    {
                        "insertDimension": {
                            "range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 0, "endIndex": 1}
                        }
                    },
                ]
            }
        )
    body = err.value.response.json()
    assert body == {
        "error": {
            "code": 400,
            "message": "Invalid requests[2].deleteSheet: No grid with id: 999",
            "status": "INVALID_ARGUMENT",
        }
    }
    assert [w.title for w in sh.worksheets()] == ["Sheet1"]
    assert ws.acell("A1").value == "keep"


def test_data_validation_protected_ranges_and_cell_requests(sh, ws, emu):
    grid = {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 10, "startColumnIndex": 1, "endColumnIndex": 2}
    reply = sh.batch_update(
        {
            "requests": [
                {
                    "setDataValidation": {
                        "range": grid,
                        "rule": {
                            "condition": {
                                "type": "ONE_OF_LIST",
                                "values": [{"userEnteredValue": "Đạt"}, {"userEnteredValue": "Không đạt"}],
                            },
                            "strict": True,
                            "showCustomUi": True,
                        },
                    }
                },
                {
                    "addProtectedRange": {
                        "protectedRange": {"range": grid, "warningOnly": True, "description": "id"}
                    }
                },
                {
                    "updateCells": {
                        "start": {"sheetId": 0, "rowIndex": 0, "columnIndex": 0},
                        "rows": [
                            {"values": [{"userEnteredValue": {"stringValue": "id"}}, {"note": "status"}]}
                        ],
                        "fields": "userEnteredValue,note",
                    }
                },
                {
                    "repeatCell": {
                        "range": {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 1},
                        "cell": {"userEnteredFormat": {"textFormat": {"bold": True}}},
                        "fields": "userEnteredFormat.textFormat.bold",
                    }
                },
                {
                    "appendCells": {
                        "sheetId": 0,
                        "rows": [{"values": [{"userEnteredValue": {"numberValue": 5}}]}],
                        "fields": "userEnteredValue",
                    }
                },
                {"appendDimension": {"sheetId": 0, "dimension": "COLUMNS", "length": 2}},
            ]
        }
    )
    pid = reply["replies"][1]["addProtectedRange"]["protectedRange"]["protectedRangeId"]
    meta = sh.fetch_sheet_metadata()["sheets"][0]
    assert meta["properties"]["gridProperties"]["columnCount"] == 28
    assert meta["protectedRanges"][0]["warningOnly"] is True
    cell = emu.sheet(sh.id).get(1, 1)
    assert cell is not None and cell.validation["condition"]["type"] == "ONE_OF_LIST"
    assert ws.col_values(1, value_render_option=UNFORMATTED) == ["id", 5]
    sh.batch_update({"requests": [{"deleteProtectedRange": {"protectedRangeId": pid}}]})
    assert "protectedRanges" not in sh.fetch_sheet_metadata()["sheets"][0]


def test_error_envelopes(gc, sh, emu):
    with pytest.raises(gspread.exceptions.APIError) as missing:
        gc.http_client.request("get", "https://sheets.googleapis.com/v4/spreadsheets/nope")
    assert missing.value.response.json() == {
        "error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}
    }
    with pytest.raises(gspread.exceptions.APIError) as bad_range:
        sh.values_get("'No such tab'!A1")
    assert bad_range.value.response.json()["error"] == {
        "code": 400,
        "message": "Unable to parse range: 'No such tab'!A1",
        "status": "INVALID_ARGUMENT",
    }
    with pytest.raises(gspread.exceptions.APIError) as too_far:
        sh.values_update("Sheet1!A1001", params={"valueInputOption": "RAW"}, body={"values": [["x"]]})
    assert "exceeds grid limits" in too_far.value.response.json()["error"]["message"]
    with pytest.raises(gspread.exceptions.APIError) as no_option:
        gc.http_client.request(
            "put", f"https://sheets.googleapis.com/v4/spreadsheets/{sh.id}/values/A1", json={"values": [[1]]}
        )
    assert no_option.value.response.status_code == 400


def test_quota_60_reads_per_user_per_minute(emu, sh):
    emu.reset_quotas()
    emu.log.clear()
    for _ in range(60):
        sh.values_get("Sheet1!A1")
    with pytest.raises(gspread.exceptions.APIError) as err:
        sh.values_get("Sheet1!A1")
    assert err.value.response.status_code == 429
    assert err.value.response.json()["error"]["status"] == "RESOURCE_EXHAUSTED"
    # writes are counted apart
    sh.values_update("Sheet1!A1", params={"valueInputOption": "RAW"}, body={"values": [["w"]]})
    emu.clock.advance(61)
    assert sh.values_get("Sheet1!A1")["values"] == [["w"]]
    assert emu.log.count("values:get", status=429) == 1


def test_quota_300_per_project_across_users(emu):
    book = emu.create_spreadsheet("shared")
    url = f"https://sheets.googleapis.com/v4/spreadsheets/{book}/values/A1"
    for user in range(5):
        session = emu.session(user=f"u{user}")
        assert all(session.get(url).status_code == 200 for _ in range(60))
    assert emu.session(user="u5").get(url).status_code == 429


def test_scripted_and_random_faults(emu, sh, gc):
    emu.faults.script("values:batchUpdate", "429", "429", "429")
    body = {"valueInputOption": "RAW", "data": [{"range": "A1", "values": [["x"]]}]}
    for _ in range(3):
        with pytest.raises(gspread.exceptions.APIError) as err:
            sh.values_batch_update(body)
        assert err.value.response.status_code == 429
    assert sh.values_batch_update(body)["totalUpdatedCells"] == 1
    emu.faults.fail_next("values:get", fault="500")
    with pytest.raises(gspread.exceptions.APIError) as err:
        sh.values_get("A1")
    assert err.value.response.json()["error"]["code"] == 500

    def draws(seed):
        other = SheetsEmulator()
        other.faults.randomly(0.3, kinds=("429", "503"), seed=seed)
        book = other.create_spreadsheet("r")
        session = other.session()
        url = f"https://sheets.googleapis.com/v4/spreadsheets/{book}/values/A1"
        return [session.get(url).status_code for _ in range(30)]

    assert draws(3) == draws(3)
    assert {200, 429, 503} >= set(draws(3)) and 200 in draws(3) and len(set(draws(3))) > 1


def test_timeout_raises_read_timeout(emu, sh):
    import requests

    emu.faults.fail_next("values:append", fault="timeout")
    with pytest.raises(requests.exceptions.ReadTimeout):
        sh.values_append("Sheet1", {"valueInputOption": "RAW"}, {"values": [["lost"]]})
    assert emu.get_values(sh.id, "Sheet1") == []
    emu.faults.timeout_after_apply = True
    emu.faults.fail_next("values:append", fault="timeout")
    with pytest.raises(requests.exceptions.ReadTimeout):
        sh.values_append("Sheet1", {"valueInputOption": "RAW"}, {"values": [["landed"]]})
    assert emu.get_values(sh.id, "Sheet1") == [["landed"]]


def test_request_log_counts_calls_and_bytes(emu, ws):
    emu.log.clear()
    ws.append_rows([["a", "b"]])
    ws.get_all_values()
    assert emu.log.count("values:append", kind="write") == 1
    assert emu.log.count("values:get", kind="read") == 1
    bytes_in, bytes_out = emu.log.bytes("values:append")
    assert bytes_in > 10 and bytes_out > 10
    entry = emu.log.filter("values:get")[0]
    assert (entry.method, entry.status) == ("GET", 200)


def test_session_refuses_other_hosts(emu):
    import requests

    with pytest.raises(requests.exceptions.ConnectionError):
        emu.session().get("https://example.com/")


def test_duplicate_copy_to_export_and_permissions(gc, sh, ws, emu):
    ws.update([["a", "b"], ["1", "2,5"]], "A1")
    dup = ws.duplicate()
    assert (dup.title, dup.index) == ("Copy of Sheet1", 1)
    assert dup.get_all_values() == ws.get_all_values()
    other = gc.create("đích")
    copied = ws.copy_to(other.id)
    assert copied["title"] == "Copy of Sheet1"
    assert [w.title for w in other.worksheets()] == ["Sheet1", "Copy of Sheet1"]
    assert sh.export(ExportFormat.CSV) == b'a,b\r\n1,"2,5"\r\n'
    sh.share("officer@example.org", perm_type="user", role="writer", notify=False)
    emails = {p.get("emailAddress"): p["role"] for p in sh.list_permissions()}
    assert emails == {"emulator@thidua.local": "owner", "officer@example.org": "writer"}
    sh.remove_permissions("officer@example.org")
    assert len(sh.list_permissions()) == 1


def test_unshared_spreadsheet_answers_403(emu):
    book = emu.create_spreadsheet("private")
    emu.restrict(book, {"owner@example.org"})
    url = f"https://sheets.googleapis.com/v4/spreadsheets/{book}"
    denied = emu.session(user="stranger@example.org").get(url)
    assert denied.status_code == 403
    assert denied.json() == {
        "error": {
            "code": 403,
            "message": "The caller does not have permission",
            "status": "PERMISSION_DENIED",
        }
    }
    assert emu.session(user="owner@example.org").get(url).status_code == 200


def test_xlsx_export_holds_every_sheet(sh, ws):
    import io

    from openpyxl import load_workbook

    ws.update([["id", "score"], ["r1", 9.5]], "A1", raw=True)
    sh.add_worksheet("Khác", rows=5, cols=5).update([["=1+1"]], "A1", raw=False)
    book = load_workbook(io.BytesIO(sh.export(ExportFormat.EXCEL)))
    assert book.sheetnames == ["Sheet1", "Khác"]
    assert [[c.value for c in row] for row in book["Sheet1"].iter_rows()] == [["id", "score"], ["r1", 9.5]]
    assert book["Khác"]["A1"].value == "=1+1"
    with pytest.raises(gspread.exceptions.APIError):
        sh.export(ExportFormat.PDF)


def test_a_request_is_logged_at_the_moment_its_quota_counted_it_even_if_the_clock_moves_meanwhile():
    """Sessions in other threads advance a manual clock (their backoff) while a request is served:
    the log entry must carry the moment the quota counted, or per-minute counts taken from the log
    (tests/reliability) disagree with the quota (a busiest minute of 61 accepted reads was seen)."""
    from sheets_emulator.controls import Clock

    class Busy(Clock):  # every look at the clock finds it a second later
        def now(self) -> float:
            moment = super().now()
            self.advance(1.0)
            return moment

    emu = SheetsEmulator(seed=7, clock=Busy(start=0.0))
    sh = gspread.Client(auth=None, session=emu.session()).create("Thi đua 2026")
    emu.reset_quotas()
    emu.log.clear()
    for _ in range(5):
        sh.values_get("Sheet1!A1")
    counted = list(emu.api.quotas._windows[("project", "read")])
    assert [e.at for e in emu.log.entries if e.kind == "read"] == counted


def test_a_failed_batch_leaves_cells_and_row_metadata_where_they_were(sh, ws, emu):
    """The emulator shares rows and metadata entries between a file and the copy a batch works on
    (copy on write): a batch that fails after moving them must leave the file as it was."""
    ws.update([["a"], ["b"], ["c"]], "A1")
    rows = {"sheetId": 0, "dimension": "ROWS", "startIndex": 1, "endIndex": 2}
    tag = {
        "metadataId": 77,
        "metadataKey": "r",
        "visibility": "DOCUMENT",
        "location": {"dimensionRange": rows},
    }
    sh.batch_update({"requests": [{"createDeveloperMetadata": {"developerMetadata": tag}}]})
    with pytest.raises(gspread.exceptions.APIError):
        sh.batch_update(
            {
                "requests": [
                    {"insertDimension": {"range": {**rows, "startIndex": 0, "endIndex": 2}}},
                    {"updateCells": {"range": {"sheetId": 0}, "rows": [{"values": [{}]}], "fields": "*"}},
                    {"deleteSheet": {"sheetId": 999}},
                ]
            }
        )
    [tag_now] = emu.spreadsheet(sh.id).developer_metadata
    assert tag_now["location"]["dimensionRange"] == rows
    assert ws.col_values(1) == ["a", "b", "c"]


def test_a_copy_of_a_file_does_not_change_with_the_file(gc, sh, ws):
    ws.update([["a", "b"], ["c", "d"]], "A1")
    copy_ = gc.copy(sh.id, title="Bản sao")
    ws.update([["changed"]], "A2")
    sh.batch_update(
        {
            "requests": [
                {
                    "insertDimension": {
                        "range": {"sheetId": 0, "dimension": "COLUMNS", "startIndex": 0, "endIndex": 1}
                    }
                }
            ]
        }
    )
    assert copy_.sheet1.get_all_values() == [["a", "b"], ["c", "d"]]
    assert ws.get_all_values() == [["", "a", "b"], ["", "changed", "d"]]


def test_updating_metadata_counts_its_new_size_against_the_limit(sh, emu):
    from sheets_emulator.limits import metadata_chars

    md = {"metadataId": 5, "metadataKey": "k", "metadataValue": "v" * 10, "visibility": "DOCUMENT"}
    md["location"] = {"sheetId": 0}
    sh.batch_update({"requests": [{"createDeveloperMetadata": {"developerMetadata": md}}]})
    lookup = {"developerMetadataLookup": {"metadataId": 5}}
    longer = {"metadataValue": "w" * 200}
    sh.batch_update(
        {
            "requests": [
                {
                    "updateDeveloperMetadata": {
                        "dataFilters": [lookup],
                        "developerMetadata": longer,
                        "fields": "metadataValue",
                    }
                }
            ]
        }
    )
    per_sheet, total = metadata_chars(emu.spreadsheet(sh.id))
    assert per_sheet[0] == total == 201

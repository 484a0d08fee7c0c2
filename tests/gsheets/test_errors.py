"""Google's refusals told apart, each with a Vietnamese message naming the fix (English too):
quota, a documented limit (metadata, cell length, cells), a guard refusal (planned again, never
shown), the API not enabled, the file not shared, a protected cell. Nothing is written by any."""

from __future__ import annotations

from typing import Any

import pytest

from core.errors import StorageUnavailable
from core.ports import Change
from storage.gsheets import CellTooLong

from .conftest import Sheet, new_sheet
from .test_row_tags import create


def nomination(n: int, **extra: Any) -> dict[str, Any]:
    return {"campaign_id": "C1", "unit_id": "U1", "state": "SUBMITTED", "full_name": f"Người {n}", **extra}


def test_quota_exhausted_for_a_minute_says_so_and_what_an_admin_can_do(sheet: Sheet) -> None:
    (a,) = create(sheet, "An")
    sheet.emu.faults.fail_next("spreadsheets:batchUpdate", times=100, fault="429")
    with pytest.raises(StorageUnavailable) as caught:
        sheet.wb.update("users", [Change(a, 1, {"unit_id": "U2"})], actor="r")
    vi, en = caught.value.message("vi"), caught.value.message("en")
    assert "hạn mức" in vi and "Chưa có gì được lưu" in vi and "Quotas" in vi
    assert "quota" in en
    assert sheet.wb.read("users").iloc[0]["version"] == 1


def test_a_value_over_50000_characters_is_refused_before_anything_is_sent(sheet: Sheet) -> None:
    (a,) = create(sheet, "An")
    sheet.clear()
    with pytest.raises(CellTooLong) as caught:
        sheet.wb.update("users", [Change(a, 1, {"full_name": "x" * 50_001})], actor="r")
    assert sheet.calls() == 0
    vi = caught.value.message("vi")
    assert "'users'" in vi and a in vi and "'full_name'" in vi and "50,001" in vi
    assert "rút gọn" in vi
    with pytest.raises(CellTooLong):
        sheet.wb.append("nominations", [nomination(1, achievement="y" * 60_000)], actor="a")
    assert sheet.wb.read("nominations").empty


def test_an_api_not_enabled_in_the_cloud_project_is_named_with_the_link_to_enable_it(sheet: Sheet) -> None:
    sheet.emu.disable_api("sheets")
    with pytest.raises(StorageUnavailable) as caught:
        sheet.wb.read("users")
    vi = caught.value.message("vi")
    assert "chưa được bật" in vi and "console.developers.google.com/apis/api/sheets.googleapis.com" in vi
    assert sheet.calls() == 1  # not retried, and not mistaken for "share the sheet"


def test_a_file_not_shared_asks_to_share_it_with_the_account(sheet: Sheet) -> None:
    sheet.emu.restrict(sheet.key, {"owner@example.org"})
    with pytest.raises(StorageUnavailable) as caught:
        sheet.wb.read("users")
    assert "Chia sẻ" in caught.value.message("vi") and "Share" in caught.value.message("en")


def test_a_protected_range_the_account_may_not_edit_names_the_fix(sheet: Sheet) -> None:
    (a,) = create(sheet, "An")
    sheet_id = sheet.emu.sheet(sheet.key, "users").sheet_id
    locked = {
        "addProtectedRange": {
            "protectedRange": {
                "range": {"sheetId": sheet_id, "startRowIndex": 1},
                "editors": {"users": ["chu.tich@cd.vn"]},
            }
        }
    }
    owner = sheet.emu.session(user="chu.tich@cd.vn")
    url = f"https://sheets.googleapis.com/v4/spreadsheets/{sheet.key}:batchUpdate"
    assert owner.post(url, json={"requests": [locked]}).status_code == 200
    app = new_sheet()  # an app instance signed in as another account than the owner
    app.wb.close()
    other = create_account_session(sheet, "ung.dung@thidua.iam.gserviceaccount.com")
    other.read("users")
    with pytest.raises(StorageUnavailable) as caught:
        other.update("users", [Change(a, 1, {"unit_id": "U2"})], actor="r")
    vi = caught.value.message("vi")
    assert "vùng được bảo vệ" in vi and "ung.dung@thidua.iam.gserviceaccount.com" in vi
    assert sheet.wb.read("users").iloc[0]["version"] == 1


def create_account_session(sheet: Sheet, account: str) -> Any:
    """The adapter on the same spreadsheet, calling as ``account`` (as a service account would)."""
    import gspread

    from storage.gsheets import GoogleSheetsWorkbook

    from .conftest import ticking
    from .support import no_sleep

    client = gspread.Client(auth=None, session=sheet.emu.session(user=account))  # type: ignore[arg-type]
    wb = GoogleSheetsWorkbook(sheet.key, client=client, clock=ticking(), sleep=no_sleep)
    wb._account = account  # what a service-account key would have told it
    return wb


def test_a_sheet_whose_metadata_budget_is_spent_sweeps_old_row_tags_and_goes_on(sheet: Sheet) -> None:
    """With a budget of 120 characters on the sheet (the rule of 30,000 at a small scale): every row
    tag costs one character; when a write would cross the budget, the oldest half of the row tags
    is swept in the retry and the write lands. Swept rows are still guarded against a second
    instance (the next version's tag)."""
    sheet.emu.strict.max_metadata_chars = 120
    ids = [r for r in create(sheet, *[f"Người {n}" for n in range(40)])]
    frame = sheet.wb.read("users")
    for i, row_id in enumerate(ids):
        sheet.wb.update(
            "users", [Change(row_id, int(frame.iloc[i]["version"]), {"unit_id": "U2"})], actor="r"
        )
    from sheets_emulator.limits import metadata_chars

    per_sheet, _ = metadata_chars(sheet.emu.spreadsheet(sheet.key))
    assert per_sheet[sheet.emu.sheet(sheet.key, "users").sheet_id] <= 120
    assert list(sheet.wb.read("users")["unit_id"]) == ["U2"] * 40


def test_metadata_still_full_after_a_sweep_says_to_archive_closed_campaigns(sheet: Sheet) -> None:
    sheet.emu.strict.max_metadata_chars = 5  # not even the sheet's own column tags fit
    sheet.wb.read("users")
    with pytest.raises(StorageUnavailable) as caught:
        sheet.wb.update(
            "users", [], actor="a", also_append={"users": [{"email": "a@cd.vn", "full_name": "A"}]}
        )
    vi = caught.value.message("vi")
    assert "30.000 ký tự" in vi and "cli.py archive" in vi
    assert sheet.wb.read("users").empty

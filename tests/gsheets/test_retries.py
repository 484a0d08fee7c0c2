"""Google answers 429, 5xx or nothing at all: bounded retries with backoff and jitter, then a clear
Vietnamese message. A write is never silently dropped, never half-written and never doubled."""

from __future__ import annotations

from typing import Any

import pytest

from core.errors import StorageUnavailable
from core.ports import Change
from schemas.registry import headers
from sheets_emulator import SheetsEmulator

from .conftest import Sheet, ticking
from .support import emulated


def user(name: str) -> dict[str, Any]:
    return {"email": "x@cd.vn", "full_name": name, "role": "unit_officer", "unit_id": "U1", "active": True}


@pytest.mark.parametrize("fault", ["429", "500", "503", "timeout"])
def test_a_read_survives_transient_faults(sheet: Sheet, fault: str) -> None:
    sheet.wb.append("users", [user("An")], actor="a")
    sheet.emu.faults.script("values:batchGet", fault, fault, "429")
    sheet.clear()
    frame = sheet.wb.read("users")
    assert list(frame["full_name"]) == ["An"]
    assert sheet.calls("values:batchGet") == 4


@pytest.mark.parametrize("fault", ["429", "500", "503", "timeout"])
def test_an_append_survives_transient_faults_and_is_written_once(sheet: Sheet, fault: str) -> None:
    sheet.emu.faults.script("spreadsheets:batchUpdate", fault, fault)
    stored = sheet.wb.append("users", [user("An"), user("Bình")], actor="a")
    assert sheet.column("users", "id") == [r["id"] for r in stored]
    assert sheet.emu.log.count("spreadsheets:batchUpdate") == 3


@pytest.mark.parametrize("fault", ["429", "500", "503", "timeout"])
def test_an_update_survives_transient_faults_and_is_written_once(sheet: Sheet, fault: str) -> None:
    (a,) = (r["id"] for r in sheet.wb.append("users", [user("An")], actor="a"))
    sheet.emu.faults.script("spreadsheets:batchUpdate", fault, fault)
    sheet.emu.faults.script("values:batchGet*", fault)
    out = sheet.wb.update(
        "users",
        [Change(a, 1, {"full_name": "An (sửa)"})],
        actor="r",
        also_append={"history": [{"tab": "users", "row_id": a, "action": "edit"}]},
    )
    assert out[0]["version"] == 2 and out[0]["full_name"] == "An (sửa)"
    assert sheet.column("users", "version") == [2]
    assert len(sheet.wb.read("history")) == 1


def test_a_write_that_landed_before_its_timeout_is_not_repeated(sheet: Sheet) -> None:
    """The nastiest case: Google applied the write, the answer never came back."""
    (a,) = (r["id"] for r in sheet.wb.append("users", [user("An")], actor="a"))
    sheet.emu.faults.timeout_after_apply = True
    sheet.emu.faults.script("spreadsheets:batchUpdate", "timeout")
    sheet.wb.append("users", [user("Bình")], actor="a")  # applied, then the answer lost: not doubled
    sheet.emu.faults.script("spreadsheets:batchUpdate", "timeout")
    out = sheet.wb.update(
        "users",
        [Change(a, 1, {"full_name": "An (sửa)"})],
        actor="r",
        also_append={"history": [{"tab": "users", "row_id": a, "action": "edit"}]},
    )

    assert out[0]["version"] == 2  # not a StaleRow against our own write, not version 3
    assert sheet.column("users", "full_name") == ["An (sửa)", "Bình"]
    assert len(sheet.wb.read("history")) == 1


def test_google_staying_unavailable_raises_a_clear_message_and_writes_nothing(sheet: Sheet) -> None:
    (a,) = (r["id"] for r in sheet.wb.append("users", [user("An")], actor="a"))
    before = sheet.cells("users")
    sheet.emu.faults.fail_next("spreadsheets:batchUpdate", times=1000, fault="503")
    sheet.clear()

    with pytest.raises(StorageUnavailable) as caught:
        sheet.wb.update(
            "users",
            [Change(a, 1, {"full_name": "An (sửa)"})],
            actor="r",
            also_append={"history": [{"tab": "users", "row_id": a, "action": "edit"}]},
        )
    message = caught.value.message("vi")
    assert "Google Trang tính" in message and "Chưa có gì được lưu" in message
    assert "6 lần" in message
    assert sheet.calls("spreadsheets:batchUpdate") == 6  # bounded: gspread's own backoff retries forever

    with pytest.raises(StorageUnavailable):
        sheet.wb.append("users", [user("Bình")], actor="a")
    assert sheet.cells("users") == before
    assert sheet.wb.read("history").empty


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    waits: list[float] = []
    wb, emu, _ = emulated(clock=ticking(), sleep=waits.append, max_attempts=8, backoff=1.0, max_backoff=20.0)
    wb.ensure_tabs(headers())
    emu.faults.fail_next("values:batchGet", times=100, fault="429")
    with pytest.raises(StorageUnavailable):
        wb.read("users")
    assert len(waits) == 7
    for n, wait in enumerate(waits):
        assert min(20.0, 2**n) <= wait <= min(20.0, 2**n + 1)
    assert waits[-1] == 20.0
    assert len({w - int(w) for w in waits[:4]}) == 4  # jitter: no two waits alike


def test_a_spreadsheet_not_shared_with_the_account_says_so(sheet: Sheet) -> None:
    sheet.emu.restrict(sheet.key, {"owner@example.org"})
    with pytest.raises(StorageUnavailable) as caught:
        sheet.wb.read("users")
    assert "Chia sẻ" in caught.value.message("vi")
    assert sheet.calls() == 1  # a 403 is not retried


def test_the_client_has_an_explicit_timeout(sheet: Sheet) -> None:
    assert sheet.wb.client.http_client.timeout == (10.0, 60.0)


def test_bursts_over_googles_per_minute_quota_wait_and_then_succeed() -> None:
    """Quotas on (here 5 reads per minute): the backoff waits the minute out, nothing fails."""
    emu_waits: list[float] = []
    emu = SheetsEmulator(seed=0)

    def wait(seconds: float) -> None:  # sleeping moves the emulator's quota window, not the test
        emu_waits.append(seconds)
        emu.clock.advance(seconds)

    wb, _, _ = emulated(emu, clock=ticking(), quotas=True, sleep=wait)
    emu.quota.per_user_per_minute = 5
    wb.ensure_tabs(headers())
    for _ in range(12):
        assert wb.read("users").empty
    assert emu.log.count("values:batchGet", status=429) >= 1
    assert emu.log.count("values:batchGet", status=200) == 12
    assert emu_waits and max(emu_waits) <= 33

"""The call budget of issue 3, proven with the emulator's request log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import demo
from core.clock import FixedClock
from core.model import Actor
from core.ports import AlreadyStored, Change
from reporting.metrics import Filters
from reporting.reporting import Reporting
from schemas.registry import headers
from services.services import Services
from tests.conftest import DEMO_DAY, LEADER, OFFICER
from workflows.loader import load_campaigns, load_catalogue

from .conftest import Sheet


def nomination(n: int, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "campaign_id": "HN-2024-KTN",
        "unit_id": "HN-CDCS-CANON",
        "state": "SUBMITTED",
        "subject_kind": "CA_NHAN",
        "full_name": f"Nguyễn Văn {n:04d}",
        "award_code": "LDTT",
        "year": 2024,
    }
    row.update(extra)
    return row


def history(row_id: str) -> dict[str, Any]:
    return {"tab": "nominations", "row_id": row_id, "action": "approve", "from_state": "SUBMITTED"}


def test_a_page_view_reading_every_tab_is_one_batch_get(sheet: Sheet) -> None:
    sheet.wb.append("nominations", [nomination(n) for n in range(30)], actor="a")
    sheet.clear()

    frames = sheet.wb.read_many(list(headers()))

    assert sheet.endpoints() == ["values:batchGet"]
    assert len(frames["nominations"]) == 30
    ((_, url),) = sheet.sent
    assert "valueRenderOption=UNFORMATTED_VALUE" in url and "dateTimeRenderOption=SERIAL_NUMBER" in url


def test_append_of_100_rows_is_one_batch_update_of_text_cells(sheet: Sheet) -> None:
    stored = sheet.wb.append("nominations", [nomination(n, position="=1+1") for n in range(100)], actor="a")

    assert sheet.endpoints() == ["spreadsheets:batchUpdate"]
    assert sheet.column("nominations", "id") == [r["id"] for r in stored]
    assert set(sheet.column("nominations", "position")) == {"=1+1"}  # stored as text, not a formula


def test_a_large_append_is_cut_into_requests_google_accepts(sheet: Sheet) -> None:
    """Google refuses a request over 10 MB and advises 2 MB: 6,000 long rows go in several batches."""
    sheet.emu.strict.max_request_bytes = 2 * 1024 * 1024
    rows = [nomination(n, achievement="Hoàn thành xuất sắc nhiệm vụ. " * 20) for n in range(6000)]
    stored = sheet.wb.append("nominations", rows, actor="a")
    sizes = [e.bytes_in for e in sheet.emu.log.filter("spreadsheets:batchUpdate")]
    assert len(sizes) > 1 and max(sizes) < 2 * 1024 * 1024
    assert sheet.column("nominations", "id") == [r["id"] for r in stored]


@pytest.mark.parametrize("n", [1, 500])
def test_approving_n_rows_with_their_history_costs_two_calls(sheet: Sheet, n: int) -> None:
    stored = sheet.wb.append("nominations", [nomination(i) for i in range(600)], actor="a")
    chosen = stored[50 : 50 + n]
    sheet.wb.read("nominations")
    sheet.clear()

    out = sheet.wb.update(
        "nominations",
        [Change(r["id"], 1, {"state": "IN_COUNCIL"}) for r in chosen],
        actor="reviewer@cd.vn",
        also_append={"history": [history(r["id"]) for r in chosen]},
    )

    # the pre-write read fetches the envelope cells of the n rows only, where the page view saw them
    assert sheet.endpoints() == ["values:batchGetByDataFilter", "spreadsheets:batchUpdate"]
    assert [r["version"] for r in out] == [2] * n
    frame = sheet.wb.read("nominations")
    assert (frame["state"] == "IN_COUNCIL").sum() == n
    assert len(sheet.wb.read("history")) == n


def test_creating_a_row_with_its_history_costs_two_calls(sheet: Sheet) -> None:
    """``Services.create``: update with no change, appending the row and its history together."""
    sheet.wb.update(
        "nominations",
        [],
        actor="a",
        also_append={"nominations": [nomination(1, id="N-1")], "history": [history("N-1")]},
    )
    assert sheet.endpoints() == ["values:batchGet", "spreadsheets:batchUpdate"]
    assert list(sheet.wb.read("nominations")["id"]) == ["N-1"]


def test_the_write_reads_only_the_id_and_version_columns_not_the_whole_tab(sheet: Sheet) -> None:
    stored = sheet.wb.append("nominations", [nomination(i) for i in range(2000)], actor="a")
    sheet.wb.read("nominations")
    sheet.clear()
    sheet.wb.update("nominations", [Change(stored[7]["id"], 1, {"state": "IN_COUNCIL"})], actor="r")
    _, whole_tab = sheet.emu.log.bytes()
    sheet.clear()
    sheet.wb.read("nominations")
    _, page = sheet.emu.log.bytes()
    assert whole_tab < page / 3


def test_creating_a_row_once_per_client_token_still_costs_two_calls(sheet: Sheet) -> None:
    """``Services.create`` with a client token, from the page that read the tab: the token check
    rides the pre-write read (the row tags of the id the token gives), then one write."""
    sheet.wb.read("nominations")
    sheet.clear()
    row = nomination(1, client_token="tok-1")
    once = {"client_token": "tok-1", "unit_id": row["unit_id"]}
    sheet.wb.update("nominations", [], actor="a", also_append={"nominations": [row]}, once=once)
    assert sheet.endpoints() == ["values:batchGetByDataFilter", "spreadsheets:batchUpdate"]
    sheet.clear()
    with pytest.raises(AlreadyStored) as again:  # the resend: one read, nothing written
        sheet.wb.update("nominations", [], actor="a", also_append={"nominations": [row]}, once=once)
    assert sheet.endpoints() == ["values:batchGetByDataFilter"]
    assert again.value.row["client_token"] == "tok-1"
    assert len(sheet.wb.read("nominations")) == 1


# ------------------------------------------------------------------------------------- the dashboard


@pytest.fixture
def demo_sheet(sheet: Sheet) -> Sheet:
    """The whole Hanoi demo seeded into the emulated spreadsheet."""
    rows = demo.build(load_campaigns(), load_catalogue(), DEMO_DAY)
    demo.seed(sheet.wb, rows)
    sheet.clear()
    return sheet


def _services(sheet: Sheet) -> Services:
    clock = FixedClock(dt.datetime.combine(DEMO_DAY, dt.time(9, 30)))
    return Services(sheet.wb, load_campaigns(), clock)  # the app's default read cache


@pytest.mark.parametrize("actor", [LEADER, OFFICER], ids=["leader", "officer"])
def test_a_dashboard_refresh_is_one_batch_get(demo_sheet: Sheet, actor: Actor) -> None:
    """The live fragment re-reads every run; with every cache expired that is still one round trip."""
    rep = Reporting(_services(demo_sheet))
    rep.services.invalidate()  # as after the cache's lifetime: nothing fresh, reference included

    view = rep.view(actor, Filters(campaign_id="HN-2024-KTN"))
    drilled = view.behind(view.metrics[0])

    assert demo_sheet.endpoints() == ["values:batchGet"]
    assert view.submissions > 0 and all(len(f) for f in drilled.values())
    # the next refresh inside the cache's lifetime costs nothing
    demo_sheet.clear()
    rep.view(actor, Filters(campaign_id="HN-2024-KTN"))
    assert demo_sheet.endpoints() == []


def test_a_dashboard_page_view_with_its_filters_is_one_batch_get(demo_sheet: Sheet) -> None:
    rep = Reporting(_services(demo_sheet))
    rep.services.invalidate()

    options = rep.filter_options(LEADER)
    rep.view(LEADER, Filters(year=int(options["year"][0])))

    assert demo_sheet.endpoints() == ["values:batchGet"]

"""``cli.py archive``: a closed campaign's rows move to their own spreadsheet, verbatim, checked,
then deleted from the live file each by its id; rows changed meanwhile stay; nothing is lost."""

from __future__ import annotations

from typing import Any

import gspread

from core.ports import Change
from schemas.registry import headers
from sheets_emulator.limits import metadata_chars
from storage.gsheets import GoogleSheetsWorkbook
from storage.gsheets.archive import archive_campaign

from .conftest import Sheet, ticking
from .support import no_sleep


def submission(campaign: str, n: int) -> dict[str, Any]:
    return {
        "campaign_id": campaign,
        "unit_id": "U1",
        "state": "SUBMITTED",
        "full_name": f"Người {campaign} {n}",
    }


def other_file(sheet: Sheet) -> GoogleSheetsWorkbook:
    key = sheet.emu.create_spreadsheet("lưu trữ 2023")
    client = gspread.Client(auth=None, session=sheet.emu.session())  # type: ignore[arg-type]
    return GoogleSheetsWorkbook(key, client=client, clock=ticking(), sleep=no_sleep)


def seed(sheet: Sheet) -> tuple[list[str], list[str]]:
    """Six submissions of the closed 2023 campaign and two of 2024, each with its history; four of
    2023 approved (tagged rows, version 2)."""
    wb = sheet.wb
    for campaign, count in (("C-2023", 6), ("C-2024", 2)):
        for n in range(count):
            row = submission(campaign, n)
            event = {"tab": "nominations", "campaign_id": campaign, "action": "create"}
            wb.update("nominations", [], actor="o", also_append={"nominations": [row], "history": [event]})
    frame = wb.read("nominations")
    old = list(frame[frame["campaign_id"] == "C-2023"]["id"])
    new = list(frame[frame["campaign_id"] == "C-2024"]["id"])
    wb.update(
        "nominations",
        [Change(i, 1, {"state": "IN_COUNCIL"}) for i in old[:4]],
        actor="r",
        also_append={
            "history": [
                {"tab": "nominations", "campaign_id": "C-2023", "row_id": i, "action": "approve"}
                for i in old[:4]
            ]
        },
    )
    return old, new


def test_a_closed_campaign_moves_to_its_own_file_and_the_live_file_keeps_the_rest(sheet: Sheet) -> None:
    old, new = seed(sheet)
    before = sheet.wb.read("nominations").set_index("id")
    archive = other_file(sheet)
    chars_before, _ = metadata_chars(sheet.emu.spreadsheet(sheet.key))

    done = archive_campaign(sheet.wb, archive, "C-2023")

    live = sheet.wb.read("nominations")
    assert sorted(live["id"]) == sorted(new)
    assert set(sheet.wb.read("history")["campaign_id"]) == {"C-2024"}
    kept = archive.read("nominations").set_index("id")
    assert sorted(kept.index) == sorted(old)
    for i in old:  # verbatim: state, version and timestamps as they were
        assert kept.loc[i, "version"] == before.loc[i, "version"]
        assert kept.loc[i, "state"] == before.loc[i, "state"]
        assert kept.loc[i, "updated_at"] == before.loc[i, "updated_at"]
    assert len(archive.read("history")) == 6 + 4
    assert any(line.startswith("nominations: 6 row(s) archived") for line in done)
    users_sheet = sheet.emu.sheet(sheet.key, "nominations").sheet_id
    chars_after, _ = metadata_chars(sheet.emu.spreadsheet(sheet.key))
    assert chars_after[users_sheet] < chars_before[users_sheet]  # the archived rows' tags went with them
    # the live file still works as before for the rows it keeps
    sheet.wb.update("nominations", [Change(new[0], 1, {"state": "IN_COUNCIL"})], actor="r")
    again = archive_campaign(sheet.wb, archive, "C-2023")  # safe to run again: nothing more to do
    assert again == [] and len(archive.read("nominations")) == 6


def test_a_row_changed_after_it_was_copied_stays_in_the_live_file(sheet: Sheet) -> None:
    old, _new = seed(sheet)
    archive = other_file(sheet)
    archive.ensure_tabs(headers())
    original = archive.load

    def copy_then_someone_edits(tab: str, rows: Any) -> int:
        done = original(tab, rows)
        if tab == "nominations":  # a reviewer acts on one of them right after the copy
            sheet.wb.update("nominations", [Change(old[5], 1, {"state": "RETURNED"})], actor="r")
        return done

    archive.load = copy_then_someone_edits  # type: ignore[method-assign]
    done = archive_campaign(sheet.wb, archive, "C-2023")
    live = sheet.wb.read("nominations").set_index("id")
    assert old[5] in live.index and live.loc[old[5], "state"] == "RETURNED"  # not deleted unseen
    assert any("1 kept in the live file" in line for line in done)

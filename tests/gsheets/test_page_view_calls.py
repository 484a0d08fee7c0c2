"""A page view costs one Sheets call, cold; an approval costs two and the next view one more.

Counted from the emulator's request log with the services the app builds (5 s read cache), the
demo written through the adapter. The sequence of service calls is what the frame and the page
make: resolve the signed-in user, then the page's data.
"""

from __future__ import annotations

import datetime as dt

import pytest

import bootstrap
import demo
from core.clock import FixedClock
from reporting.reporting import Reporting
from services.services import Services
from tests.conftest import DEMO_DAY, LEADER, REVIEWER
from workflows.loader import load_campaigns, load_catalogue

from .conftest import Sheet


@pytest.fixture
def svc(sheet: Sheet) -> Services:
    demo.seed(sheet.wb, demo.build(load_campaigns(), load_catalogue(), DEMO_DAY, per_parent=1))
    sheet.clear()
    return Services(sheet.wb, load_campaigns(), FixedClock(dt.datetime.combine(DEMO_DAY, dt.time(9))))


def test_a_cold_review_page_view_is_one_batch_get(sheet: Sheet, svc: Services) -> None:
    svc.resolve(REVIEWER)  # the frame: who is signed in
    queue = svc.queue(REVIEWER, "nominations")
    svc.due_soon(REVIEWER)  # the page's reminder box reads works and initiatives too
    assert sheet.endpoints() == ["values:batchGet"]
    assert not queue.empty


def test_a_cold_dashboard_view_is_two_batch_gets(sheet: Sheet, svc: Services) -> None:
    """The frame's sign-in read (reference and submission tabs), then the dashboard's own tabs
    (history, gradings, contests) in one more; a refresh is one (tests/gsheets/test_call_budget.py)."""
    svc.resolve(LEADER)
    board = Reporting(svc).view(LEADER)
    assert sheet.endpoints() == ["values:batchGet", "values:batchGet"]
    assert board.submissions > 0


def test_an_approval_is_two_calls_and_the_next_view_shows_it_with_one_read(
    sheet: Sheet, svc: Services
) -> None:
    row = svc.queue(REVIEWER, "nominations").iloc[0]
    sheet.clear()
    svc.act(REVIEWER, "nominations", str(row["id"]), int(row["version"]), "approve", reason="Đủ điều kiện")
    assert len(sheet.endpoints()) == 2
    sheet.clear()
    after = svc.queue(REVIEWER, "nominations")
    # the tab just written is read again; the file's version having moved, the next change check
    # may also read the tabs' change counters (to tell the app's writes from a person's)
    assert [e for e in sheet.endpoints() if e != "developerMetadata:search"] == ["values:batchGet"]
    assert str(row["id"]) not in set(after["id"])


def test_after_the_warm_start_the_first_review_and_dashboard_views_read_nothing_more(
    sheet: Sheet, svc: Services
) -> None:
    """The server's warm start reads every tab the pages need in two calls: the pages' common
    tabs, then the history and yearly tabs (a review page opened at start waits for the first
    only); the first review page (frame, queue, guards) and the first dashboard right after it
    make no call of their own."""
    bootstrap.warm(svc).join(timeout=120)
    assert sheet.endpoints() == ["values:batchGet", "values:batchGet"]
    svc.resolve(REVIEWER)
    queue = svc.queue(REVIEWER, "nominations")
    svc.due_soon(REVIEWER)
    board = Reporting(svc).view(LEADER)
    assert sheet.endpoints() == ["values:batchGet", "values:batchGet"]
    assert not queue.empty and board.submissions > 0


def test_a_page_view_with_nothing_changed_is_one_small_drive_call(sheet: Sheet, svc: Services) -> None:
    """The frames are kept; the only call asks the file's Drive version (a few hundred bytes)."""
    svc.queue(REVIEWER, "nominations")
    sheet.wb._checked_at = 0.0  # as once ``marks_seconds`` have passed since the last check
    sheet.emu.log.clear()
    svc.resolve(REVIEWER)
    svc.queue(REVIEWER, "nominations")
    entries = sheet.emu.log.entries
    assert [e.endpoint for e in entries] == ["drive:get"]
    assert entries[0].bytes_in + entries[0].bytes_out < 10 * 1024


def test_an_edit_by_hand_is_seen_at_the_next_check_and_only_then(sheet: Sheet, svc: Services) -> None:
    row = svc.queue(REVIEWER, "nominations").iloc[0]
    sheet.emu.human(sheet.key).edit_cell("A1", "id", sheet="nominations")  # a person saves something
    sheet.wb._checked_at = 0.0
    svc._specs_checked = float("-inf")  # the campaigns' versions are due for their check too
    sheet.emu.log.clear()
    svc.queue(REVIEWER, "nominations")
    # the version moved and no app counter did: a person's edit, every tab needed is read again
    assert [e.endpoint for e in sheet.emu.log.entries][:2] == ["drive:get", "developerMetadata:search"]
    # the page's tabs in one call; the campaigns' saved versions in one more (a hand edit says
    # nothing of where it was: the admin page's saved versions are checked too)
    reads = [e for e in sheet.emu.log.entries if e.endpoint == "values:batchGet"]
    assert len(reads) == 2 and min(e.bytes_out for e in reads) < 2_000  # the demo saved no version
    sheet.emu.log.clear()
    assert str(row["id"]) in set(svc.queue(REVIEWER, "nominations")["id"])
    assert sheet.calls("values:batchGet") == 0  # and only then


def test_without_drive_the_counters_alone_say_what_the_app_changed(sheet: Sheet, svc: Services) -> None:
    sheet.emu.disable_api("drive")
    svc.queue(REVIEWER, "nominations")
    sheet.wb._checked_at = 0.0
    sheet.emu.log.clear()
    svc.queue(REVIEWER, "nominations")  # the page still works
    assert "developerMetadata:search" in sheet.endpoints()
    assert sheet.calls("values:batchGet") == 0

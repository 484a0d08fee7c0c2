"""Client tokens: a double click, a browser retry or a retry after an error never stores a second row.

Three tests here reproduce bugs the reliability runs found in ``services/services.py``
(``Services.create``), now fixed; they stay as regression tests:

* B1: a read that started before a write can put a stale frame into the cache after the write's
  invalidation; a resend within ``cache_seconds`` does not see its own row and stores it again.
* B2: when the write's outcome is unknown (Google applied it, the answer and the check were lost),
  ``create`` raises without invalidating the cache; the user's retry checks the token against the
  frame read before the write and stores the row a second time.
* B3: two posts of one token at the same moment (two tabs, a double click that reaches two script
  runs) both pass the check before either writes.

Fixes: the read cache is only refilled when no write happened since the read began (B1), every
write drops the cache of the tabs it touched even when it fails (B2), and "check the token, then
write" is serialised per token inside the process (B3; across processes see docs/reliability.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import pytest

from core.clock import PinnedDateClock
from core.errors import ActionNotAllowed, StorageUnavailable
from core.ports import Change, Row, Workbook
from services.services import Services
from tests.reliability.harness import (
    CAMPAIGN,
    FORM,
    TAB,
    Backend,
    before_write,
    make_services,
    nomination,
    officer,
)
from workflows.loader import load_campaigns


class Hooked:
    """A workbook that runs ``on_read(tabs)`` after each read and before returning it."""

    def __init__(self, inner: Workbook) -> None:
        self.inner = inner
        self.on_read: Any = None

    def read(self, tab: str) -> pd.DataFrame:
        return self.read_many([tab])[tab]

    def read_many(self, tabs: Sequence[str]) -> dict[str, pd.DataFrame]:
        got = self.inner.read_many(tabs)
        if self.on_read is not None:
            self.on_read(list(tabs))
        return got

    def append(self, tab: str, rows: Sequence[Row], *, actor: str) -> list[dict[str, Any]]:
        return self.inner.append(tab, rows, actor=actor)

    def update(
        self,
        tab: str,
        changes: Sequence[Change],
        *,
        actor: str,
        also_append: Mapping[str, Sequence[Row]] | None = None,
        once: Mapping[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        return self.inner.update(tab, changes, actor=actor, also_append=also_append, once=once)

    def ensure_tabs(self, tabs: Mapping[str, Sequence[str]]) -> None:
        self.inner.ensure_tabs(tabs)


def stored(backend: Backend, token: str) -> int:
    noms = backend.store.read(TAB)
    return int((noms["client_token"] == token).sum())


@pytest.fixture(params=["sqlite", "gsheets"])
def org(request: pytest.FixtureRequest) -> Backend:
    backend: Backend = request.getfixturevalue("sqlite_org" if request.param == "sqlite" else "sheet_org")
    return backend


def test_a_resend_returns_the_first_row(org: Backend) -> None:
    me = officer(1)
    first = org.services.create(me, CAMPAIGN, FORM, nomination("Nguyễn Văn An"), client_token="t1")
    again = org.services.create(me, CAMPAIGN, FORM, nomination("Nguyễn Văn An"), client_token="t1")
    assert again["id"] == first["id"]
    assert stored(org, "t1") == 1
    history = org.store.read("history")
    assert len(history[history["row_id"] == first["id"]]) == 2  # create + submit, once


def test_a_token_is_per_unit(org: Backend) -> None:
    """Two officers whose browsers happened to draw the same token each get their own row."""
    a = org.services.create(officer(1), CAMPAIGN, FORM, nomination("Nguyễn Văn An"), client_token="same")
    b = org.services.create(officer(2), CAMPAIGN, FORM, nomination("Trần Thị Bình"), client_token="same")
    assert a["id"] != b["id"] and stored(org, "same") == 2


def test_after_an_unknown_outcome_a_retry_with_the_cache_off_stores_one_row(sheet_org: Backend) -> None:
    """Google applied the write, then the answer and every check were lost: the user is told to look
    before acting again; retrying with the same token stores nothing more."""
    assert sheet_org.emu is not None
    services = make_services(sheet_org.store, cache_seconds=0.0)
    emu = sheet_org.emu
    emu.faults.timeout_after_apply = True
    emu.faults.script("spreadsheets:batchUpdate", "timeout")
    before_write(sheet_org.store, lambda: emu.faults.fail_next("values:batchGet*", times=1000, fault="503"))  # type: ignore[arg-type]
    me = officer(1)
    with pytest.raises(StorageUnavailable) as caught:
        services.create(me, CAMPAIGN, FORM, nomination("Nguyễn Văn An"), client_token="t1")
    emu.faults.clear()  # Google answers again
    assert "tải lại trang để kiểm tra" in caught.value.message("vi")
    again = services.create(me, CAMPAIGN, FORM, nomination("Nguyễn Văn An"), client_token="t1")
    assert stored(sheet_org, "t1") == 1
    assert again["client_token"] == "t1"


def test_b1_a_read_racing_a_write_does_not_hide_the_row_from_a_resend(sqlite_org: Backend) -> None:
    hooked = Hooked(sqlite_org.store)
    services = make_services(hooked)  # type: ignore[arg-type]  # the app's default 5 s cache
    me = officer(1)
    services.reference()  # warm, as a running app is
    read_done, write_done = threading.Event(), threading.Event()

    def slow_reader(tabs: list[str]) -> None:
        if tabs == [TAB] and threading.current_thread().name == "page-view":
            read_done.set()
            write_done.wait(10)  # the write lands while this page view's answer is in flight

    hooked.on_read = slow_reader
    viewer = threading.Thread(target=lambda: services.my_rows(officer(2), TAB), name="page-view")
    viewer.start()
    read_done.wait(10)
    first = services.create(me, CAMPAIGN, FORM, nomination("Nguyễn Văn An"), client_token="t1")
    write_done.set()
    viewer.join()
    again = services.create(me, CAMPAIGN, FORM, nomination("Nguyễn Văn An"), client_token="t1")
    assert stored(sqlite_org, "t1") == 1
    assert again["id"] == first["id"]


def test_b2_after_an_unknown_outcome_a_retry_with_the_default_cache_stores_one_row(
    sheet_org: Backend,
) -> None:
    assert sheet_org.emu is not None
    services = make_services(sheet_org.store)  # the app's default 5 s cache
    emu = sheet_org.emu
    emu.faults.timeout_after_apply = True
    emu.faults.script("spreadsheets:batchUpdate", "timeout")
    before_write(sheet_org.store, lambda: emu.faults.fail_next("values:batchGet*", times=1000, fault="503"))  # type: ignore[arg-type]
    me = officer(1)
    with pytest.raises(StorageUnavailable):
        services.create(me, CAMPAIGN, FORM, nomination("Nguyễn Văn An"), client_token="t1")
    emu.faults.clear()
    services.create(me, CAMPAIGN, FORM, nomination("Nguyễn Văn An"), client_token="t1")
    assert stored(sheet_org, "t1") == 1


@pytest.mark.parametrize("backend", ["sqlite_org", "sheet_org"])
def test_b3_two_posts_of_one_token_at_the_same_moment_store_one_row(
    request: pytest.FixtureRequest, backend: str
) -> None:
    org: Backend = request.getfixturevalue(backend)
    hooked = Hooked(org.store)
    services = make_services(hooked, cache_seconds=0.0)  # type: ignore[arg-type]
    services.reference()
    # Without the per-token lock both clicks would read the token tab, meet here and both write.
    # With it, the first click waits alone, the barrier breaks after a second, and the second
    # click only reads after the first row is stored.
    both_checked = threading.Barrier(2, timeout=1)

    def meet(tabs: list[str]) -> None:
        if tabs == [TAB] and threading.current_thread().name.startswith("click"):
            with contextlib.suppress(threading.BrokenBarrierError):
                both_checked.wait()

    hooked.on_read = meet
    me = officer(1)
    ids: list[str] = []

    def click() -> None:
        ids.append(services.create(me, CAMPAIGN, FORM, nomination("Nguyễn Văn An"), client_token="t1")["id"])

    clicks = [threading.Thread(target=click, name=f"click-{i}") for i in range(2)]
    for c in clicks:
        c.start()
    for c in clicks:
        c.join()
    assert stored(org, "t1") == 1
    assert len(set(ids)) == 1


def test_a_resend_after_the_campaign_closed_still_gets_its_stored_row(org: Backend) -> None:
    """The token check is now the store's, after validation and the workflow's guards: a resend that
    those would refuse today (the campaign closed since the first post) must still be answered
    with the row stored the first time, not with an error."""
    me = officer(1)
    first = org.services.create(me, CAMPAIGN, FORM, nomination("Nguyễn Văn An"), client_token="t1")
    later = Services(org.store, load_campaigns(), PinnedDateClock(dt.date(2025, 1, 15)), cache_seconds=0.0)
    with pytest.raises(ActionNotAllowed):  # a new submission is refused: the campaign is closed
        later.create(me, CAMPAIGN, FORM, nomination("Trần Thị Bình"), client_token="t2")
    again = later.create(me, CAMPAIGN, FORM, nomination("Nguyễn Văn An"), client_token="t1")
    assert again["id"] == first["id"] and stored(org, "t1") == 1

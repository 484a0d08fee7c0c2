"""Services keep typed frames between page views, and still show every write as soon as it lands.

The SQLite store tells Services, per tab, whether anyone changed it (triggers re-draw a change
mark); these tests write through another connection, another process and a plain SQL tool, and
check the next read shows the write even with a cache that would otherwise live an hour.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

import bootstrap
from core.clock import FixedClock
from core.errors import ActionNotAllowed
from core.ports import Change
from reporting.metrics import Filters
from reporting.reporting import Reporting
from services.prerequisites import PERSON_TABS
from services.services import REFERENCE_TABS, Services
from storage.sqlite import SqliteWorkbook
from tests.conftest import LEADER, OFFICER, REVIEWER
from workflows.loader import load_campaigns

REPO = Path(__file__).resolve().parents[2]
HOUR = 3600.0


class RecordingWorkbook(SqliteWorkbook):
    """The real SQLite store, recording which tabs each ``read_many`` call fetched."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.reads: list[list[str]] = []

    def read_many(self, tabs: Sequence[str]) -> dict[str, pd.DataFrame]:
        self.reads.append(list(tabs))
        return super().read_many(tabs)


@pytest.fixture
def store(demo_db: Path) -> RecordingWorkbook:
    return RecordingWorkbook(demo_db)


@pytest.fixture
def svc(store: RecordingWorkbook, clock: FixedClock) -> Services:
    """Services with a cache that would keep frames an hour if nothing told it otherwise."""
    return Services(store, load_campaigns(), clock, cache_seconds=HOUR)


def _a_queued_row(svc: Services) -> tuple[str, int]:
    row = svc.queue(REVIEWER, "nominations").iloc[0]
    return str(row["id"]), int(row["version"])


def test_a_refresh_with_nothing_new_reads_nothing_again(svc: Services, store: RecordingWorkbook) -> None:
    first = Reporting(svc).view(LEADER)
    store.reads.clear()
    again = Reporting(svc).view(LEADER)
    assert store.reads == []
    assert len(again.frames["nominations"]) == len(first.frames["nominations"])


def test_a_cold_page_view_is_one_read_of_reference_and_page_tabs(
    svc: Services, store: RecordingWorkbook
) -> None:
    svc.queue(REVIEWER, "nominations")
    assert len(store.reads) == 1
    assert set(REFERENCE_TABS) | {"nominations"} <= set(store.reads[0])


def test_a_write_by_another_process_shows_on_the_next_read(
    svc: Services, store: RecordingWorkbook, demo_db: Path
) -> None:
    row_id, _ = _a_queued_row(svc)
    script = textwrap.dedent(
        f"""
        from storage.sqlite import SqliteWorkbook
        from core.ports import Change
        wb = SqliteWorkbook({str(demo_db)!r})
        row = wb.read("nominations").set_index("id").loc[{row_id!r}]
        wb.update("nominations", [Change({row_id!r}, int(row["version"]), {{"full_name": "Trần Văn Mới"}})],
                  actor="other@process")
        wb.close()
        """
    )
    subprocess.run([sys.executable, "-c", script], cwd=REPO, check=True, timeout=120)
    store.reads.clear()
    fresh = svc.get(REVIEWER, "nominations", row_id)
    assert fresh["full_name"] == "Trần Văn Mới"
    assert fresh["updated_by"] == "other@process"
    # only the changed tab was read again; the reference tabs stayed in memory
    assert store.reads == [["nominations"]]


def test_an_edit_made_with_a_plain_sqlite_tool_shows_on_the_next_read(
    svc: Services, store: RecordingWorkbook, demo_db: Path
) -> None:
    row_id, _ = _a_queued_row(svc)
    tool = sqlite3.connect(demo_db)
    with tool:
        tool.execute("UPDATE nominations SET full_name = 'Sửa Tay' WHERE id = ?", (row_id,))
    tool.close()
    assert svc.get(REVIEWER, "nominations", row_id)["full_name"] == "Sửa Tay"


def test_rows_deleted_by_another_connection_disappear(svc: Services, demo_db: Path) -> None:
    row_id, _ = _a_queued_row(svc)
    tool = sqlite3.connect(demo_db)
    with tool:
        tool.execute("DELETE FROM nominations WHERE id = ?", (row_id,))
    tool.close()
    assert row_id not in set(svc.queue(REVIEWER, "nominations")["id"])


def test_a_user_deactivated_elsewhere_is_refused_at_once(svc: Services, demo_db: Path) -> None:
    assert svc.my_rows(OFFICER, "nominations") is not None
    other = SqliteWorkbook(demo_db)
    users = other.read("users")
    mine = users[(users["email"] == OFFICER.email) & (users["role"] == OFFICER.role)].iloc[0]
    other.update("users", [Change(str(mine["id"]), int(mine["version"]), {"active": False})], actor="admin")
    other.close()
    with pytest.raises(ActionNotAllowed):
        svc.my_rows(OFFICER, "nominations")


def test_own_writes_show_at_once_and_leave_other_tabs_cached(svc: Services, store: RecordingWorkbook) -> None:
    row_id, version = _a_queued_row(svc)
    svc.act(REVIEWER, "nominations", row_id, version, "approve", reason="Đủ điều kiện")
    store.reads.clear()
    assert row_id not in set(svc.queue(REVIEWER, "nominations")["id"])
    assert all(not set(REFERENCE_TABS) & set(r) for r in store.reads)


def test_a_backup_restored_over_the_file_is_read_again(svc: Services, demo_db: Path, tmp_path: Path) -> None:
    row_id, version = _a_queued_row(svc)
    backup = SqliteWorkbook(demo_db).backup(tmp_path / "before.sqlite")
    svc.act(REVIEWER, "nominations", row_id, version, "approve", reason="Đủ điều kiện")
    assert row_id not in set(svc.queue(REVIEWER, "nominations")["id"])
    SqliteWorkbook.restore(backup, demo_db).close()  # back to before the approval
    assert row_id in set(svc.queue(REVIEWER, "nominations")["id"])


def test_a_unit_ending_today_leaves_the_tree_tomorrow_without_any_write(
    svc: Services, store: RecordingWorkbook, clock: FixedClock
) -> None:
    units = store.read("units")
    unit = units[units["id"] == "HN-CDCS-CANON"].iloc[0]
    today = clock.now().date().isoformat()
    store.update("units", [Change(str(unit["id"]), int(unit["version"]), {"valid_to": today})], actor="admin")
    assert "HN-CDCS-CANON" in svc.reference().tree.parent
    clock.advance(days=1)
    assert "HN-CDCS-CANON" not in svc.reference().tree.parent


def test_the_dashboard_counts_again_after_another_process_changed_a_state(
    svc: Services, demo_db: Path
) -> None:
    row_id, _ = _a_queued_row(svc)
    before = Reporting(svc).view(LEADER)
    assert before.frames["nominations"].set_index("id").loc[row_id, "state"] == "SUBMITTED"
    tool = sqlite3.connect(demo_db)
    with tool:
        tool.execute("UPDATE nominations SET state = 'WITHDRAWN' WHERE id = ?", (row_id,))
    tool.close()
    after = Reporting(svc).view(LEADER)
    states = after.frames["nominations"].set_index("id")["state"]
    assert states.loc[row_id] == "WITHDRAWN"
    assert len(after.frames["nominations"]) == len(before.frames["nominations"])


def test_a_write_to_one_tab_recounts_that_tab_and_leaves_the_others_as_they_were(
    svc: Services, demo_db: Path
) -> None:
    """The dashboard keeps each tab's enriched rows until that tab changes: a works row changed by
    another process shows at once, and the nominations' rows stay exactly what they were."""
    before = Reporting(svc).view(LEADER)
    work_id = str(before.frames["works"].loc[before.frames["works"]["state"] == "SUBMITTED", "id"].iloc[0])
    tool = sqlite3.connect(demo_db)
    with tool:
        tool.execute("UPDATE works SET state = 'REJECTED' WHERE id = ?", (work_id,))
    tool.close()
    after = Reporting(svc).view(LEADER)
    assert after.frames["works"].set_index("id").loc[work_id, "state"] == "REJECTED"
    assert after.frames["works"].set_index("id").loc[work_id, "outcome"] == "rejected"
    pd.testing.assert_frame_equal(after.frames["nominations"], before.frames["nominations"])


def test_a_unit_s_sector_changed_elsewhere_shows_on_its_rows_though_their_tab_did_not_change(
    svc: Services, demo_db: Path
) -> None:
    """The enriched rows are kept per tab, but never past a change of the reference tabs they
    were worked out from (a unit's sector, level or cluster)."""
    before = Reporting(svc).view(LEADER)
    noms = before.frames["nominations"]
    unit = str(noms["unit_id"].iloc[0])
    new_sector = "FDI" if str(noms["sector"].iloc[0]) != "FDI" else "KHAC"
    tool = sqlite3.connect(demo_db)
    with tool:
        tool.execute("UPDATE units SET sector = ? WHERE id = ?", (new_sector, unit))
    tool.close()
    after = Reporting(svc).view(LEADER).frames["nominations"]
    assert set(after.loc[after["unit_id"] == unit, "sector"]) == {new_sector}
    assert (after["unit_id"] == unit).sum() == (noms["unit_id"] == unit).sum()


def test_the_dashboard_follows_a_campaign_version_saved_while_the_app_runs(svc: Services) -> None:
    import dataclasses

    one = Filters(campaign_id="HN-2024-KTN")
    before = Reporting(svc).view(LEADER, one)
    assert before.targets
    spec = svc.campaigns["HN-2024-KTN"]
    svc.campaigns["HN-2024-KTN"] = dataclasses.replace(spec, targets=())  # what the admin page does
    assert Reporting(svc).view(LEADER, one).targets == ()


class UnmarkedSlowWorkbook:
    """The demo store seen as a store without change marks (as Google Sheets) whose reads take a
    while, so concurrent sessions' reads overlap the way a deadline-day burst makes them."""

    def __init__(self, inner: RecordingWorkbook) -> None:
        self.inner = inner
        self.reads = inner.reads

    def read_many(self, tabs: Sequence[str]) -> dict[str, pd.DataFrame]:
        time.sleep(0.3)
        return self.inner.read_many(tabs)

    def __getattr__(self, name: str) -> object:
        if name == "change_marks":
            raise AttributeError(name)
        return getattr(self.inner, name)


def test_sessions_needing_the_same_stale_tabs_share_one_read(demo_db: Path, clock: FixedClock) -> None:
    """Twelve sessions open a page at once with nothing cached: one store read serves them all
    (on Google Sheets each read costs quota; a burst of sessions used to read the same tabs each)."""
    store = UnmarkedSlowWorkbook(RecordingWorkbook(demo_db))
    svc = Services(store, load_campaigns(), clock, cache_seconds=30.0)  # type: ignore[arg-type]
    assert not hasattr(store, "change_marks")
    start = threading.Barrier(12)

    def page_view() -> int:
        start.wait()
        return len(svc.queue(REVIEWER, "nominations"))

    with ThreadPoolExecutor(12) as pool:
        sizes = list(pool.map(lambda _: page_view(), range(12)))

    assert len(set(sizes)) == 1 and sizes[0] > 0  # every session saw the same queue
    nominations_reads = [r for r in store.reads if "nominations" in r]
    assert len(nominations_reads) == 1, store.reads
    # a write still shows at once: our own writes drop the cached tab
    row_id, version = _a_queued_row(svc)
    svc.act(REVIEWER, "nominations", row_id, version, "return", reason="Thiếu biên bản họp")
    assert row_id not in set(svc.queue(REVIEWER, "nominations")["id"])


def test_a_read_slower_than_the_cache_lifetime_still_serves_the_next_view(
    demo_db: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big sheet can take longer to read than the 5 s cache lives; the next page view right after
    the read landed must not read it all again (it used to, ten times over at 100k rows)."""
    now = [1000.0]
    monkeypatch.setattr("services.services.time.monotonic", lambda: now[0])
    inner = RecordingWorkbook(demo_db)

    class SlowSheet(UnmarkedSlowWorkbook):
        def read_many(self, tabs: Sequence[str]) -> dict[str, pd.DataFrame]:
            now[0] += 8.0  # eight seconds to read, more than the cache's five
            return self.inner.read_many(tabs)

    store = SlowSheet(inner)
    svc = Services(store, load_campaigns(), clock, cache_seconds=5.0)  # type: ignore[arg-type]
    svc.rows(LEADER, "nominations")
    reads = len(inner.reads)
    now[0] += 1.0
    svc.rows(LEADER, "nominations")
    assert len(inner.reads) == reads
    # an eight-second read is kept 5 + 2 x 8 = 21 s: a page counting a big sheet for ten seconds
    # after its read must not read it again half-way (at 100k rows a page view read it 16 times)
    now[0] += 10.0
    svc.rows(LEADER, "nominations")
    assert len(inner.reads) == reads
    now[0] += 11.0  # past the lifetime: read again
    svc.rows(LEADER, "nominations")
    assert len(inner.reads) > reads


def test_saving_a_draft_reads_no_dossier_or_award_history(
    svc: Services, store: RecordingWorkbook, nomination_values: Callable[..., dict[str, str]]
) -> None:
    """A draft fires no move, so nothing a submit guard needs (quota, dossier, award history) is read."""
    svc.resolve(OFFICER)
    svc.invalidate(
        ["dossier_documents", "persons", "person_years", "award_grants"]
    )  # as after others' writes
    store.reads.clear()
    svc.create(OFFICER, "HN-2024-KTN", "nomination", nomination_values(award_code="LDTT"), submit=False)
    read = {t for r in store.reads for t in r}
    assert not read & {"dossier_documents", "persons", "person_years", "award_grants"}, store.reads


class SlowMarkedWorkbook(RecordingWorkbook):
    """The real SQLite store (with change marks) whose reads take a while, as a 100,000-row tab does."""

    def read_many(self, tabs: Sequence[str]) -> dict[str, pd.DataFrame]:
        time.sleep(0.3)
        return super().read_many(tabs)


def test_sessions_on_sqlite_needing_the_same_stale_tabs_share_one_read(
    demo_db: Path, clock: FixedClock
) -> None:
    """Right after a start, eight sessions open the review page at once: one read of the tabs
    serves them all (each used to read the whole tab itself, eight times the wait on two CPUs)."""
    store = SlowMarkedWorkbook(demo_db)
    svc = Services(store, load_campaigns(), clock, cache_seconds=HOUR)
    start = threading.Barrier(8)

    def page_view() -> int:
        start.wait()
        return len(svc.queue(REVIEWER, "nominations"))

    with ThreadPoolExecutor(8) as pool:
        sizes = list(pool.map(lambda _: page_view(), range(8)))

    assert len(set(sizes)) == 1 and sizes[0] > 0
    assert len([r for r in store.reads if "nominations" in r]) == 1, store.reads
    # a write by another connection during all this is still seen on the next view
    row_id, _ = _a_queued_row(svc)
    with sqlite3.connect(demo_db) as other:
        other.execute("UPDATE nominations SET state = 'RETURNED' WHERE id = ?", (row_id,))
    assert row_id not in set(svc.queue(REVIEWER, "nominations")["id"])


def test_the_warm_read_at_start_serves_the_first_dashboard_without_another_read(
    store: RecordingWorkbook, svc: Services
) -> None:
    """bootstrap.warm reads the pages' tabs in the background; the first dashboard then reads nothing."""
    bootstrap.warm(svc).join(timeout=60)
    warmed = len(store.reads)
    assert warmed >= 1
    view = Reporting(svc).view(LEADER)
    assert view.submissions > 0
    assert len(store.reads) == warmed, store.reads[warmed:]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every count of a dashboard (``Reporting._view``) made while the test runs."""
    calls: list[object] = []
    real = Reporting._view

    def counting(self: Reporting, *args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Reporting, "_view", counting)
    return calls


def test_the_warm_start_counts_the_leaders_landing_dashboard_once_for_every_city_wide_reader(
    svc: Services, counted: list[object]
) -> None:
    """The landing dashboard (the first open campaign, every unit) is counted in the background; the
    first leader to open it gets those figures without a recount, equal to a recount's."""
    bootstrap.warm(svc).join(timeout=120)
    assert len(counted) == 1
    landing = Filters(campaign_id=svc.first_open_campaign())
    assert landing.campaign_id == "HN-2024-KTN"  # the demo's open campaign on the demo day
    first = Reporting(svc).view(LEADER, landing)
    assert len(counted) == 1  # served from the warm count
    svc.invalidate()
    recount = Reporting(svc).view(LEADER, landing)
    assert len(counted) == 2
    assert [(t.code, t.numerator, t.denominator) for t in first.metrics] == [
        (t.code, t.numerator, t.denominator) for t in recount.metrics
    ]


def test_the_warm_start_reads_the_common_tabs_at_once_and_counts_only_once_no_page_is_being_drawn(
    store: RecordingWorkbook, svc: Services, counted: list[object]
) -> None:
    """A person opening a page right after a start shares the warm read of the pages' common tabs;
    the rest of the warm work (history and yearly tabs, the leaders' count) waits until that page
    is drawn, instead of taking half the processor from it."""
    with svc.serving():
        thread = bootstrap.warm(svc)
        deadline = time.monotonic() + 30
        while not store.reads and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.5)
        assert thread.is_alive()  # waiting for the page
        read = {t for r in store.reads for t in r}
        assert "nominations" in read and "history" not in read  # the common tabs only, so far
        assert not read & set(PERSON_TABS)  # the page's guard picks its persons' rows meanwhile
        assert counted == []
        assert not svc.wait_idle(0.05)
    assert svc.wait_idle(0.05)
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert {"history", *PERSON_TABS} <= {t for r in store.reads for t in r}
    assert len(counted) == 1  # counted once the page was drawn


def test_leaders_opening_the_dashboard_together_share_one_count(
    svc: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six leaders (or a leader and the warm start) ask for the same dashboard at once: it is counted
    once and all get the same figures (two counts at once used to double the wait on two CPUs)."""
    counted: list[object] = []
    real = Reporting._view

    def slow_count(self: Reporting, *args: object, **kwargs: object) -> object:
        counted.append(args)
        time.sleep(0.3)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Reporting, "_view", slow_count)
    start = threading.Barrier(6)

    def open_dashboard() -> int:
        start.wait()
        return Reporting(svc).view(LEADER).submissions

    with ThreadPoolExecutor(6) as pool:
        seen = list(pool.map(lambda _: open_dashboard(), range(6)))
    assert len(counted) == 1
    assert len(set(seen)) == 1 and seen[0] > 0
    # a change still makes the next view count again
    row_id, version = _a_queued_row(svc)
    svc.act(REVIEWER, "nominations", row_id, version, "return", reason="Thiếu biên bản họp")
    Reporting(svc).view(LEADER)
    assert len(counted) == 2


def test_a_failed_warm_read_is_logged_and_the_pages_still_read(
    demo_db: Path, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    class Failing(RecordingWorkbook):
        fail = True

        def read_many(self, tabs: Sequence[str]) -> dict[str, pd.DataFrame]:
            if self.fail:
                raise OSError("disk unavailable")
            return super().read_many(tabs)

    store = Failing(demo_db)
    svc = Services(store, load_campaigns(), clock, cache_seconds=HOUR)
    with caplog.at_level("WARNING", logger="thidua.bootstrap"):
        bootstrap.warm(svc).join(timeout=60)
    assert "warm read at start failed" in caplog.text
    store.fail = False
    assert len(svc.queue(REVIEWER, "nominations")) > 0


@pytest.mark.parametrize(("raw", "expected"), [(None, None), ("0", False), ("off", False), ("1", True)])
def test_warm_on_start_is_a_setting(raw: str | None, expected: bool | None, tmp_path: Path) -> None:
    env = {} if raw is None else {"THIDUA_WARM_ON_START": raw}
    assert bootstrap.load_settings(env=env, secrets_path=tmp_path / "none.toml").warm_on_start is expected
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("[app]\nwarm_on_start = false\n", encoding="utf-8")
    assert bootstrap.load_settings(env={}, secrets_path=secrets).warm_on_start is False


def test_the_dashboard_filters_offer_a_year_graded_by_another_process(svc: Services, demo_db: Path) -> None:
    """The filter choices are kept between runs, but a grading year written elsewhere appears at once
    (and a page changing its copy of the choices never changes the next page's)."""
    rep = Reporting(svc)
    before = rep.filter_options(LEADER)
    assert "2031" not in before["year"]
    before["year"].append("1999")
    assert "1999" not in rep.filter_options(LEADER)["year"]
    other = SqliteWorkbook(demo_db)
    other.append(
        "unit_assessments",
        [{"unit_id": "HN-CDCS-CANON", "year": 2031, "grade": "HTXSNV", "assessed_by": "HN-LDLD-KCN"}],
        actor="another-process",
    )
    other.close()
    assert "2031" in rep.filter_options(LEADER)["year"]


def test_by_default_sqlite_warms_at_start_and_a_store_without_change_marks_does_not(
    store: RecordingWorkbook, svc: Services, demo_db: Path, clock: FixedClock
) -> None:
    auto = bootstrap.Settings(sqlite_path=str(demo_db))
    assert bootstrap.warms(auto, svc)
    unmarked = Services(UnmarkedSlowWorkbook(store), load_campaigns(), clock)  # type: ignore[arg-type]
    assert not bootstrap.warms(auto, unmarked)  # Google Sheets: a read lives seconds there
    assert bootstrap.warms(bootstrap.Settings(warm_on_start=True), unmarked)
    assert not bootstrap.warms(bootstrap.Settings(warm_on_start=False), svc)


class WholeReadsWorkbook(RecordingWorkbook):
    """The real SQLite store offering no row picking (as a Google Sheet): tabs are read whole."""

    read_matching = None  # type: ignore[assignment]  # not a MatchingRows store


def test_a_cold_review_queue_reads_its_persons_records_not_the_person_tabs_and_judges_as_a_whole_read(
    demo_db: Path, clock: FixedClock, tmp_path: Path
) -> None:
    """At 10,000 submissions the person tabs were a third of a cold review page's reads; the
    rows the guard needs are picked by value, and every row is judged as before."""
    picking = RecordingWorkbook(demo_db)
    svc = Services(picking, load_campaigns(), clock, cache_seconds=HOUR)
    queue = svc.queue(REVIEWER, "nominations")
    assert not {t for r in picking.reads for t in r} & set(PERSON_TABS), picking.reads
    other = tmp_path / "whole.sqlite"
    other.write_bytes(demo_db.read_bytes())
    whole = WholeReadsWorkbook(other)
    expected = Services(whole, load_campaigns(), clock, cache_seconds=HOUR).queue(REVIEWER, "nominations")
    assert {t for r in whole.reads for t in r} >= set(PERSON_TABS)
    assert len(queue) > 0
    pd.testing.assert_frame_equal(queue, expected)
    for _, row in queue.head(10).iterrows():
        rec = row.to_dict()
        assert [t.trigger for t in svc.actions(REVIEWER, "nominations", rec)] == [
            t.trigger for t in Services(whole, load_campaigns(), clock).actions(REVIEWER, "nominations", rec)
        ]


def test_once_the_person_tabs_were_read_whole_the_guard_reads_what_changed_in_them(
    svc: Services, store: RecordingWorkbook, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the warm start read them, a rebuilt queue (after a write) takes the person tabs from
    the store's replica, which fetches the rows changed since: no row picking at each rebuild."""
    picked: list[str] = []
    real = store.read_matching
    monkeypatch.setattr(store, "read_matching", lambda tab, where: picked.append(tab) or real(tab, where))
    bootstrap.warm(svc).join(timeout=120)
    row_id, _ = _a_queued_row(svc)
    with sqlite3.connect(demo_db) as conn:
        conn.execute("UPDATE person_years SET leave_days = leave_days WHERE rowid = 1")
    svc.actions(REVIEWER, "nominations", svc.get(REVIEWER, "nominations", row_id))
    svc.queue(REVIEWER, "nominations")
    assert picked == []


def test_a_queue_judged_with_picked_rows_is_judged_again_after_another_process_changed_them(
    svc: Services, demo_db: Path
) -> None:
    """The queue keeps its judgement while nothing it read changed, the person tabs included,
    though it never read them whole (their change marks stand for them)."""
    first = svc.queue(REVIEWER, "nominations")
    assert svc.queue(REVIEWER, "nominations") is first  # kept: nothing changed
    with sqlite3.connect(demo_db) as conn:
        conn.execute(
            "UPDATE award_grants SET version = version WHERE rowid = (SELECT min(rowid) FROM award_grants)"
        )
    assert svc.queue(REVIEWER, "nominations") is not first

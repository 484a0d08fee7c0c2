"""50 officers submit at once while 5 reviewers act on the same rows: nothing lost, doubled or misplaced.

Each officer is a thread (its own grassroots union); every third submission is posted twice with the
same client token (a double click or a browser retry). Three reviewers share the rows of one upper
union and two those of the other, pick from the head of the same queue and approve (1-3 rows at a
time), return or reject, for a bounded time. Afterwards :func:`harness.audit` compares the store with
what every user sent and was told. Full-size numbers: ``python -m bench.reliability``.

The services run as the app builds them, with their default 5 s read cache (bugs B1-B3 of
``test_idempotency.py`` made resends store a second row with it; fixed in 64357f6).
"""

from __future__ import annotations

from pathlib import Path

import gspread
import pytest

from core.errors import StaleRow
from core.ports import Workbook
from storage.gsheets import GoogleSheetsWorkbook
from storage.sqlite import SqliteWorkbook
from tests.gsheets.support import no_sleep
from tests.reliability.harness import (
    CAMPAIGN,
    FORM,
    TAB,
    Audit,
    Backend,
    Ledger,
    Load,
    audit,
    before_write,
    make_services,
    nomination,
    officer,
    reviewers,
    run_load,
)

STALE_VI = "vừa được người khác thay đổi sau khi bạn mở"


def check(result: Audit, ledger: Ledger) -> None:
    assert not ledger.other_errors, ledger.other_errors[:5]
    assert not ledger.gave_up, ledger.gave_up[:5]
    assert result.clean, result.problems()
    assert result.rows_found == result.rows_expected == len(ledger.sent)
    assert result.applied_reported == result.applied_in_history > 0
    assert all(STALE_VI in m for m in ledger.stale), ledger.stale[:3]


@pytest.mark.slow
def test_sqlite_file_one_process(sqlite_org: Backend) -> None:
    sqlite_org.services = make_services(sqlite_org.store)
    ledger, _ = run_load(sqlite_org, Load(units=50, per_officer=2, seconds=3.0, reviewer_ops=30))
    check(audit(sqlite_org.store, ledger), ledger)


@pytest.mark.slow
def test_sqlite_file_reviewers_in_another_process(sqlite_org: Backend, tmp_path: Path) -> None:
    """Reviewers on a second connection to the same file, as a second app process would be."""
    sqlite_org.services = make_services(sqlite_org.store)
    other: Workbook = SqliteWorkbook(tmp_path / "thidua.sqlite")
    sqlite_org.extra.append(other)
    ledger, _ = run_load(
        sqlite_org,
        Load(units=50, per_officer=2, seconds=3.0, reviewer_ops=30, seed=11),
        review_services=make_services(other),
    )
    check(audit(sqlite_org.store, ledger), ledger)


@pytest.mark.slow
def test_google_adapter_on_the_emulator(sheet_org: Backend) -> None:
    sheet_org.services = make_services(sheet_org.store)
    ledger, _ = run_load(sheet_org, Load(units=50, per_officer=1, seconds=3.0, reviewer_ops=30))
    check(audit(sheet_org.store, ledger), ledger)
    assert sheet_org.emu is not None
    assert sheet_org.emu.log.count(status=200) == len(sheet_org.emu.log)  # quotas off, no faults


def test_two_app_instances_on_one_sheet_never_both_apply_a_move(sheet_org: Backend) -> None:
    """Two app processes (two adapters, one spreadsheet): a colleague's click that lands inside this
    process's read/write gap must make this write stale, not be overwritten (was bug B5; the
    compare-and-set is the row tag of its next version, see storage/gsheets/tags.py)."""
    assert sheet_org.emu is not None and isinstance(sheet_org.store, GoogleSheetsWorkbook)
    here = make_services(sheet_org.store, cache_seconds=0.0)
    there_store = GoogleSheetsWorkbook(
        sheet_org.key, client=gspread.Client(auth=None, session=sheet_org.emu.session()), sleep=no_sleep
    )
    sheet_org.extra.append(there_store)
    there = make_services(there_store, cache_seconds=0.0)
    row = here.create(officer(1), CAMPAIGN, FORM, nomination("Nguyễn Văn An"), client_token="t1")
    first, second = reviewers()[:2]
    before_write(
        sheet_org.store,
        lambda: there.act(
            second, TAB, str(row["id"]), 1, "return", "Thiếu xác nhận của đơn vị, đề nghị bổ sung."
        ),
    )
    outcomes = []
    try:
        here.act(first, TAB, str(row["id"]), 1, "approve")
        outcomes.append("applied")
    except StaleRow:
        outcomes.append("stale")
    ledger = Ledger(sent={"t1": (officer(1).unit_id, "Nguyễn Văn An")})
    ledger.applied[(str(row["id"]), "return", second.email)] += 1
    if outcomes == ["applied"]:
        ledger.applied[(str(row["id"]), "approve", first.email)] += 1
    result = audit(sheet_org.store, ledger)
    assert outcomes == ["stale"], f"both moves applied from SUBMITTED; audit: {result.problems()}"
    assert result.clean, result.problems()

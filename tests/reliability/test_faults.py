"""Google answers 429/500 or nothing at all on 20% of calls, including between the read and the write
of an approval: every action completes, or says in Vietnamese that it did not and a retry completes
it; nothing is half-written (no row change without its history entry, no history without its row).

The adapter runs with ``max_attempts=2`` here so that users really meet failures (with the default 6
attempts a 20% fault rate almost never gets through to them); users retry like people do: a create
with the same client token, an approval after looking whether it landed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.errors import StaleRow, StorageUnavailable
from tests.reliability.harness import (
    CAMPAIGN,
    FORM,
    TAB,
    Backend,
    Load,
    audit,
    emulator_backend,
    make_services,
    nomination,
    officer,
    reviewers,
    run_load,
)

#: what a person reads when Google does not answer, does not confirm, or keeps refusing for quota
UNAVAILABLE_VI = (
    "Google Trang tính không phản hồi",
    "Google Trang tính không xác nhận",
    "Google Trang tính đang từ chối vì vượt hạn mức",
)


@pytest.fixture
def flaky() -> Iterator[Backend]:
    backend = emulator_backend(20, max_attempts=2)
    backend.services = make_services(backend.store)  # the app's default read cache (B2 fixed in 64357f6)
    yield backend
    backend.close()


@pytest.mark.slow
@pytest.mark.parametrize("after_apply", [False, True], ids=["timeout-before-apply", "timeout-after-apply"])
def test_twenty_percent_faults_under_load(flaky: Backend, after_apply: bool) -> None:
    emu = flaky.emu
    assert emu is not None
    emu.faults.timeout_after_apply = after_apply
    emu.faults.randomly(0.2, kinds=("429", "500", "timeout"), seed=11 + after_apply, endpoints="*")
    ledger, _ = run_load(flaky, Load(units=20, per_officer=2, seconds=3.0, reviewer_ops=20, seed=5))
    emu.faults.clear()

    injected = sum(1 for e in emu.log.entries if e.fault or e.status in (429, 500))
    assert injected > 0.1 * len(emu.log)
    assert ledger.unavailable, "no user ever met a failure: the scenario did not test anything"
    assert all(m.startswith(UNAVAILABLE_VI) for m in ledger.unavailable), set(ledger.unavailable)
    assert not ledger.other_errors and not ledger.gave_up
    result = audit(flaky.store, ledger)
    assert result.clean, result.problems()
    assert result.rows_found == result.rows_expected == 40
    assert result.applied_reported == result.applied_in_history > 0


def submitted(backend: Backend) -> tuple[str, int]:
    row = backend.services.create(officer(1), CAMPAIGN, FORM, nomination("Nguyễn Văn An"), client_token="t")
    return str(row["id"]), 1  # create + submit is one write: version 1


def snapshot(backend: Backend) -> tuple[list[dict[str, object]], int]:
    data = backend.store.read_many([TAB, "history"])
    return data[TAB].to_dict("records"), len(data["history"])


@pytest.mark.parametrize("fault", ["429", "500", "timeout"])
def test_an_approval_whose_write_keeps_failing_changes_nothing_and_a_retry_applies_it_once(
    flaky: Backend, fault: str
) -> None:
    emu = flaky.emu
    assert emu is not None
    row_id, version = submitted(flaky)
    before = snapshot(flaky)
    emu.faults.fail_next("spreadsheets:batchUpdate", times=2, fault=fault)  # both attempts of the write
    boss = reviewers()[0]
    with pytest.raises(StorageUnavailable) as caught:
        flaky.services.act(boss, TAB, row_id, version, "approve")
    assert caught.value.message("vi").startswith(UNAVAILABLE_VI[2] if fault == "429" else UNAVAILABLE_VI[0])
    assert snapshot(flaky) == before  # neither the row nor its history
    out = flaky.services.act(boss, TAB, row_id, version, "approve")
    assert out["state"] == "IN_COUNCIL" and out["version"] == version + 1
    history = flaky.store.read("history")
    assert list(history[history["row_id"] == row_id]["action"]) == ["create", "submit", "approve"]


def test_an_approval_applied_by_google_whose_answer_is_lost_is_not_applied_twice(flaky: Backend) -> None:
    emu = flaky.emu
    assert emu is not None
    row_id, version = submitted(flaky)
    emu.faults.timeout_after_apply = True
    emu.faults.fail_next("spreadsheets:batchUpdate", times=1, fault="timeout")
    out = flaky.services.act(reviewers()[0], TAB, row_id, version, "approve")
    assert out["version"] == version + 1
    history = flaky.store.read("history")
    assert list(history[history["row_id"] == row_id]["action"]) == ["create", "submit", "approve"]


def test_a_colleague_approving_during_the_outage_makes_the_retry_stale(flaky: Backend) -> None:
    emu = flaky.emu
    assert emu is not None
    row_id, version = submitted(flaky)
    first, second = reviewers()[:2]
    emu.faults.fail_next("spreadsheets:batchUpdate", times=2, fault="503")
    with pytest.raises(StorageUnavailable):
        flaky.services.act(first, TAB, row_id, version, "approve")
    flaky.services.act(second, TAB, row_id, version, "return", "Thiếu xác nhận của đơn vị, đề nghị bổ sung.")
    with pytest.raises(StaleRow) as caught:
        flaky.services.act(first, TAB, row_id, version, "approve")
    assert "vừa được người khác thay đổi" in caught.value.message("vi")
    row = flaky.store.read(TAB).iloc[0]
    assert row["state"] == "RETURNED" and row["version"] == version + 1

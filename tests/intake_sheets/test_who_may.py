"""Who may create the intake spreadsheets and who may ask for a sync now: decided in the services
(``provision_as``: admins; ``sync_as``: reviewers, the council, admins), never only by hiding the
buttons. A refusal says why in Vietnamese (English too) and leaves the store and the spreadsheets
as they were: not a call reaches Google."""

from __future__ import annotations

from typing import Any

import pytest

from core.errors import ActionNotAllowed, StorageUnavailable
from core.model import Actor
from core.ports import Change
from demo import intake_journey as jr
from services.sheet_intake import provision_as, registry, sync_as
from sheets_emulator.emulator import HumanEditRefused
from tests.conftest import ADMIN, COUNCIL, HEAD, LEADER, OFFICER, REVIEWER, SECRETARY

from .conftest import Intake

FIRST = 3


def _store(intake: Intake) -> dict[str, Any]:
    """What a refused call must not change: the registry of files, the nominations, the history."""
    store = intake.services.store
    return {tab: store.read(tab).to_dict("records") for tab in ("intake_sheets", "nominations", "history")}


def _refused(intake: Intake, call: Any, *args: Any) -> ActionNotAllowed:
    before = _store(intake)
    intake.emu.log.clear()
    with pytest.raises(ActionNotAllowed) as caught:
        call(*args)
    assert intake.emu.log.entries == []  # not one request to Sheets or Drive
    assert _store(intake) == before
    return caught.value


@pytest.mark.parametrize("actor", [OFFICER, HEAD, REVIEWER, SECRETARY, COUNCIL, LEADER], ids=lambda a: a.role)
def test_only_an_admin_may_create_the_intake_spreadsheets(intake: Intake, actor: Actor) -> None:
    refusal = _refused(intake, provision_as, intake.services, intake.sheets, actor)
    vi, en = refusal.message("vi"), refusal.message("en")
    assert f"Vai trò '{actor.role}' không được" in vi and "bảng tính nhập liệu" in vi
    assert f"Role '{actor.role}' may not" in en
    assert registry(intake.services).empty  # no file recorded, none made


def test_an_admin_creates_them_and_a_claimed_admin_role_is_checked_in_the_store(intake: Intake) -> None:
    claimed = Actor(OFFICER.email, OFFICER.name, "ADMIN", ADMIN.unit_id)  # a tampered session
    refusal = _refused(intake, provision_as, intake.services, intake.sheets, claimed)
    assert refusal.code == "auth.not_granted"
    made = provision_as(intake.services, intake.sheets, ADMIN, [jr.UNIT])
    assert [r.file.unit_id for r in made] == [jr.UNIT] and made[0].created
    assert jr.OFFICER in made[0].shared


def test_an_officer_cannot_ask_for_a_sync_her_rows_wait_for_the_next_one(intake: Intake) -> None:
    j = jr.start(intake.services, intake.emu, intake.sheets)
    for i, values in enumerate(jr.ROWS):
        j.type_row(FIRST + i, values)
    seen = j.seen()
    for actor in (OFFICER, HEAD):
        refusal = _refused(intake, sync_as, intake.services, intake.sheets, actor)
        assert f"Vai trò '{actor.role}' không được" in refusal.message("vi")
    assert j.seen() == seen  # nothing answered in the sheet
    assert j.cell(FIRST, "Trạng thái") == ""

    intake.emu.clock.advance(61)
    done = sync_as(intake.services, intake.sheets, REVIEWER)  # the reviewer's "Đồng bộ ngay"
    assert (done.created, done.invalid) == (2, 1)
    assert j.cell(FIRST, "Trạng thái").startswith("Đã trình – chờ")


def test_provisioning_stopped_by_google_keeps_the_files_it_made_and_the_next_run_goes_on(
    intake: Intake,
) -> None:
    """The first run over thousands of units meets Google's per-minute quota: what it made before
    it stopped is recorded, and the next run makes only the rest (never a second file for a unit)."""
    from bench.intake_sync import add_units, unit_id

    add_units(intake.services.store, 70)
    intake.services.invalidate()
    wanted = [unit_id(n) for n in range(70)]
    with pytest.raises(StorageUnavailable) as stopped:
        provision_as(intake.services, intake.sheets, ADMIN, wanted)  # 60 writes a minute per user
    made = registry(intake.services)
    assert 0 < len(made) < 70
    # the message says what was kept and what to do, not "nothing was saved"
    assert stopped.value.code == "sheet.provision_stopped" and "hạn mức" in stopped.value.message("vi")
    assert f"{len(made)} bảng tính" in stopped.value.message("vi") and "chạy lại" in stopped.value.message(
        "vi"
    )
    assert "Nothing was saved" not in stopped.value.message("en") and "run the command again" in (
        stopped.value.message("en")
    )
    first = dict(zip(made["unit_id"], made["spreadsheet_id"], strict=True))

    intake.emu.clock.advance(61)
    intake.emu.reset_quotas()
    again = provision_as(intake.services, intake.sheets, ADMIN, wanted)
    assert {r.file.unit_id for r in again} == set(wanted) - set(first)
    after = registry(intake.services)
    assert sorted(after["unit_id"]) == sorted(wanted)
    assert {
        u: f for u, f in zip(after["unit_id"], after["spreadsheet_id"], strict=True) if u in first
    } == first


def test_an_officer_who_left_loses_the_file_at_the_next_provisioning(intake: Intake) -> None:
    j = jr.start(intake.services, intake.emu, intake.sheets)
    users = intake.services.store.read("users")
    me = users[users["email"] == jr.OFFICER].iloc[0]
    intake.services.store.update(
        "users", [Change(str(me["id"]), int(me["version"]), {"active": False})], actor="test"
    )
    intake.services.invalidate(["users"])
    (report,) = provision_as(intake.services, intake.sheets, ADMIN, [jr.UNIT])
    assert report.unshared == [jr.OFFICER] and not report.created  # the same file, one editor fewer
    perms = {p.get("emailAddress") for p in intake.emu.spreadsheet(j.file_id).permissions}
    assert jr.OFFICER not in perms and "chu.tich.canon@demo.thidua.vn" in perms
    with pytest.raises(HumanEditRefused) as refused:
        j.type_row(FIRST, jr.ROWS[0])
    assert refused.value.reason == "not_shared"

"""The ``prerequisites_met`` guard at the reviewer's approval: a row that reached review without its
prerequisites (entered before the history was loaded, or typed into the sheet) cannot be approved,
and the reviewer sees why."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.errors import ActionNotAllowed
from demo.awards import edge_person
from demo.dossier import document_set
from services.dossiers import Dossiers
from services.services import Services
from tests.conftest import OFFICER, REVIEWER

CAMPAIGN = "HN-2024-KTN"


def submitted(services: Services, name: str, award: str) -> dict[str, object]:
    values = {"subject_kind": "CA_NHAN", "full_name": name, "position": "Kỹ sư", "award_code": award,
              "achievement": "Sáng kiến cải tiến dây chuyền được áp dụng toàn thành phố."}  # fmt: skip
    draft = services.create(OFFICER, CAMPAIGN, "nomination", values, submit=False)
    # the dossier the award needs (R-DOS-1), recorded as a careful officer would before submitting
    dossiers = Dossiers(services)
    missing = dossiers.checklist(OFFICER, "nominations", str(draft["id"])).missing
    for doc in document_set(missing, str(draft["id"]), 1, services.today(), dt.date(2024, 1, 15)):
        dossiers.save(OFFICER, "nominations", str(draft["id"]), doc)
    fresh = services.get(OFFICER, "nominations", str(draft["id"]))
    return services.act(OFFICER, "nominations", str(draft["id"]), int(fresh["version"]), "submit")


def test_reviewer_cannot_approve_a_broken_chain_and_is_told_why(services: Services) -> None:
    row = submitted(services, edge_person("cstdbnt_gap"), "CSTD_BNT")
    stored = services.get(REVIEWER, "nominations", str(row["id"]))
    assert "approve" not in {t.trigger for t in services.actions(REVIEWER, "nominations", stored)}
    reasons = [
        reason
        for t, reason in services.blocked_moves(REVIEWER, "nominations", stored)
        if t.trigger == "approve"
    ]
    assert reasons and "Thiếu danh hiệu CSTĐCS năm 2023" in reasons[0] and "2022–2024" in reasons[0]
    with pytest.raises(ActionNotAllowed) as exc:
        services.act(REVIEWER, "nominations", str(row["id"]), int(stored["version"]), "approve")
    assert "2023" in exc.value.message("en")


def test_reviewer_approves_when_prerequisites_hold(services: Services) -> None:
    row = submitted(services, edge_person("cstdbnt_ok"), "CSTD_BNT")
    stored = services.get(REVIEWER, "nominations", str(row["id"]))
    done = services.act(REVIEWER, "nominations", str(row["id"]), int(stored["version"]), "approve")
    assert done["state"] == "IN_COUNCIL"


def test_a_person_not_on_file_is_not_judged(services: Services) -> None:
    row = submitted(services, "Trương Thị Demo Mới", "LDTT")
    stored = services.get(REVIEWER, "nominations", str(row["id"]))
    assert (
        services.act(REVIEWER, "nominations", str(row["id"]), int(stored["version"]), "approve")["state"]
        == "IN_COUNCIL"
    )


def test_a_low_rating_blocks_approval(services: Services) -> None:
    row = submitted(services, edge_person("rated_htnv"), "LDTT")
    stored = services.get(REVIEWER, "nominations", str(row["id"]))
    with pytest.raises(ActionNotAllowed) as exc:
        services.act(REVIEWER, "nominations", str(row["id"]), int(stored["version"]), "approve")
    assert "HTNV" in exc.value.message("vi") and "Lao động tiên tiến" in exc.value.message("vi")


def test_a_move_written_with_unless_prerequisites_met_gets_the_award_history(services: Services) -> None:
    """A campaign may write the guard under ``unless:`` (e.g. a "send back" move for rows whose
    prerequisites fail): its guard context must carry the award history, as for ``conditions:``,
    or the guard could not judge and every row would be refused the move."""
    campaign = services.campaign(CAMPAIGN)
    form = campaign.forms["nomination"]
    approve = next(t for t in campaign.workflow_for("nomination").transitions if t.trigger == "approve")
    send_back = dataclasses.replace(
        approve, trigger="send_back", conditions=(), unless=("prerequisites_met",)
    )
    assert services._guard_ctx(campaign, form, quota_for=[send_back]).prerequisites is not None
    assert services._guard_ctx(campaign, form, quota_for=[approve]).prerequisites is not None

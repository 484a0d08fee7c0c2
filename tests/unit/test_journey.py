"""The whole journey of issue 2 through the services, as users would live it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from core.errors import ActionNotAllowed, StaleRow
from reporting.metrics import Filters
from reporting.reporting import Reporting
from services.services import Services
from tests.conftest import LEADER, OFFICER, REVIEWER, SECRETARY
from tests.council.council_helpers import vote

CAMPAIGN = "HN-2024-KTN"


def test_submit_return_fix_resubmit_approve_award_and_count(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    board = Reporting(services)
    target = f"target_{CAMPAIGN}_ldtt_awarded"
    before = board.view(LEADER, Filters(campaign_id=CAMPAIGN))
    awarded_before = next(t.value for t in before.targets if t.code == target)

    # 1. the grassroots officer submits a nomination and registers a work
    nom = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values(award_code="LDTT"))
    work = services.create(
        OFFICER,
        CAMPAIGN,
        "work",
        {
            "name_vi": "Cải tiến dây chuyền lắp ráp máy in",
            "work_type": "SAN_PHAM",
            "level": "CO_SO",
            "implementing_org": "Tổ sản xuất số 3",
            "planned_completion": "20/12/2024",
            "value_vnd": "8.500.000",
        },
    )
    assert nom["state"] == "SUBMITTED" and work["state"] == "SUBMITTED"
    assert work["value_vnd"] == 8_500_000 and work["planned_completion"] == "2024-12-20"

    # 2. the upper-level reviewer sees both in the queue; a return needs a reason
    queue = services.queue(REVIEWER, "nominations", CAMPAIGN)
    assert nom["id"] in set(queue["id"])
    assert work["id"] in set(services.queue(REVIEWER, "works", CAMPAIGN)["id"])
    with pytest.raises(ActionNotAllowed) as no_reason:
        services.act(REVIEWER, "nominations", nom["id"], 1, "return", "  ")
    assert "lý do" in no_reason.value.message("vi")
    services.act(REVIEWER, "nominations", nom["id"], 1, "return", "Thiếu số liệu sáng kiến")

    # 3. the officer sees the reason, fixes the row and resubmits
    mine = services.my_rows(OFFICER, "nominations", CAMPAIGN)
    row = mine[mine["id"] == nom["id"]].iloc[0]
    assert row["state"] == "RETURNED" and row["last_reason"] == "Thiếu số liệu sáng kiến"
    fixed = services.edit(
        OFFICER,
        "nominations",
        nom["id"],
        int(row["version"]),
        nomination_values(award_code="LDTT", achievement="Sáng kiến cải tiến đồ gá làm lợi 120 triệu đồng."),
    )
    resubmitted = services.act(OFFICER, "nominations", nom["id"], fixed["version"], "submit")
    assert resubmitted["state"] == "SUBMITTED" and resubmitted["revision"] == 2

    # 4. the reviewer approves; the city council votes on it and its secretary records the outcome
    approved = services.act(REVIEWER, "nominations", nom["id"], resubmitted["version"], "approve")
    assert approved["state"] == "IN_COUNCIL"
    awarded = vote(services, nom["id"])
    assert awarded["state"] == "AWARDED"

    # 5. the leader's dashboard counts it
    after = board.view(LEADER, Filters(campaign_id=CAMPAIGN))
    assert next(t.value for t in after.targets if t.code == target) == awarded_before + 1

    # every step left a history row: who, when, from, to, why
    h = services.history(OFFICER, "nominations", nom["id"])
    assert list(h["action"]) == ["create", "submit", "return", "edit", "submit", "approve", "award"]
    assert list(h["to_state"]) == [
        "DRAFT",
        "SUBMITTED",
        "RETURNED",
        "RETURNED",
        "SUBMITTED",
        "IN_COUNCIL",
        "AWARDED",
    ]
    assert h.loc[2, "reason"] == "Thiếu số liệu sáng kiến"
    assert set(h["actor_email"]) == {OFFICER.email, REVIEWER.email, SECRETARY.email}
    assert all(h["at"].str.startswith("2024-12-05"))


def test_stale_version_is_refused_and_nothing_is_written(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    nom = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values())
    services.act(REVIEWER, "nominations", nom["id"], 1, "approve")
    with pytest.raises(StaleRow) as exc:
        services.act(REVIEWER, "nominations", nom["id"], 1, "reject", "đọc bản cũ")
    assert exc.value.ids == (nom["id"],)
    assert "thay đổi" in exc.value.message("vi")
    h = services.history(OFFICER, "nominations", nom["id"])
    assert list(h["action"]) == ["create", "submit", "approve"]
    assert services.get(OFFICER, "nominations", nom["id"])["state"] == "IN_COUNCIL"


def test_double_click_with_the_same_token_creates_one_row(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    first = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values(), client_token="form-123")
    again = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values(), client_token="form-123")
    assert first["id"] == again["id"]
    mine = services.my_rows(OFFICER, "nominations", CAMPAIGN)
    assert (mine["client_token"] == "form-123").sum() == 1


def test_bulk_approve_is_all_or_nothing(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    rows = [
        services.create(OFFICER, CAMPAIGN, "nomination", nomination_values(full_name=f"Lê Văn Demo {i}"))
        for i in range(3)
    ]
    items = [(r["id"], 1) for r in rows]
    services.act(REVIEWER, "nominations", rows[1]["id"], 1, "return", "sửa lại")  # someone acts on one first
    with pytest.raises(StaleRow) as exc:
        services.act_many(REVIEWER, "nominations", items, "approve")
    assert exc.value.ids == (rows[1]["id"],)
    states = {services.get(OFFICER, "nominations", r["id"])["state"] for r in (rows[0], rows[2])}
    assert states == {"SUBMITTED"}
    done = services.act_many(REVIEWER, "nominations", [items[0], items[2]], "approve")
    assert {d["state"] for d in done} == {"IN_COUNCIL"}


def test_return_names_the_fields_to_fix_and_resubmission_clears_them(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    nom = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values())
    with pytest.raises(ActionNotAllowed):
        services.act(REVIEWER, "nominations", nom["id"], 1, "return", "sai", fields=["no_such_column"])
    back = services.act(
        REVIEWER, "nominations", nom["id"], 1, "return", "Bổ sung số liệu", fields=["achievement", "position"]
    )
    assert back["fix_fields"] == "achievement,position"
    mine = services.get(OFFICER, "nominations", nom["id"])
    assert mine["fix_fields"] == "achievement,position" and mine["last_reason"] == "Bổ sung số liệu"
    again = services.act(OFFICER, "nominations", nom["id"], back["version"], "submit")
    assert again["fix_fields"] == "" and again["state"] == "SUBMITTED"

"""R-CSTDCS-3 at the review stage: 20 LĐTT allow 3 CSTĐCS approved, not 4 — across a batch."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from core.errors import ActionNotAllowed
from core.model import Actor
from services.services import Services
from tests.conftest import LEADER, REVIEWER

CAMPAIGN = "HN-2024-KTN"
UNIT = "HN-CDCS-DEMO-QUOTA"
OFFICER_Q = Actor("can.bo@quota.demo.thidua.vn", "Cán bộ Demo", "UNIT_OFFICER", UNIT)


@pytest.fixture
def quota_unit(services: Services) -> Services:
    services.store.append(
        "units",
        [
            {
                "id": UNIT,
                "name_vi": "Công đoàn Công ty Demo Hạn mức",
                "short_name": "CĐ Demo Hạn mức",
                "level": "CDCS",
                "parent_id": "HN-CD-KCNCX",
                "sector": "FDI",
                "member_count": 300,
                "valid_from": "2015-01-01",
            }
        ],
        actor="test",
    )
    services.store.append(
        "users",
        [
            {
                "email": OFFICER_Q.email,
                "full_name": OFFICER_Q.name,
                "role": "UNIT_OFFICER",
                "unit_id": UNIT,
                "active": True,
            }
        ],
        actor="test",
    )
    services.invalidate()
    return services


def test_twenty_ldtt_allow_three_cstdcs_not_four(
    quota_unit: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    s = quota_unit
    ldtt = [nomination_values(full_name=f"Người Demo LĐTT {i}") for i in range(20)]
    created, errors = s.create_many(OFFICER_Q, CAMPAIGN, "nomination", ldtt, submit=True)
    assert len(created) == 20 and not errors
    cstd = [nomination_values(full_name=f"Người Demo CSTĐ {i}", award_code="CSTD_CS") for i in range(4)]
    rows, errors = s.create_many(OFFICER_Q, CAMPAIGN, "nomination", cstd, submit=True)
    assert not errors

    head = s.quota_headroom(REVIEWER, CAMPAIGN).set_index("unit_id").loc[UNIT]
    assert (head["ldtt"], head["limit"], head["used"], head["waiting"], head["headroom"]) == (20, 3, 0, 4, 3)

    items = [(r["id"], 1) for r in rows]
    with pytest.raises(ActionNotAllowed) as exc:
        s.act_many(REVIEWER, "nominations", items, "approve")
    assert "tối đa 3" in exc.value.message("vi") and "20" in exc.value.message("vi")
    assert {s.get(REVIEWER, "nominations", r["id"])["state"] for r in rows} == {
        "SUBMITTED"
    }  # nothing written

    s.act_many(REVIEWER, "nominations", items[:3], "approve")
    with pytest.raises(ActionNotAllowed):
        s.act(REVIEWER, "nominations", rows[3]["id"], 1, "approve")
    fourth = s.get(REVIEWER, "nominations", rows[3]["id"])
    assert "approve" not in {t.trigger for t in s.actions(REVIEWER, "nominations", fourth)}
    blocked = {t.trigger: why for t, why in s.blocked_moves(REVIEWER, "nominations", fourth)}
    assert "tối đa 3" in blocked["approve"]
    head = s.quota_headroom(REVIEWER, CAMPAIGN).set_index("unit_id").loc[UNIT]
    assert (head["used"], head["waiting"], head["headroom"]) == (3, 1, 0)
    # the fourth can still be returned with a reason, so the unit may propose another form
    assert (
        s.act(REVIEWER, "nominations", rows[3]["id"], 1, "return", "Hết chỉ tiêu CSTĐCS")["state"]
        == "RETURNED"
    )


def test_the_ratio_is_a_dated_rule_not_a_constant(
    quota_unit: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    s = quota_unit
    s.store.append(
        "rules",
        [{"code": "cstdcs_max_ratio", "value": "0.25", "valid_from": "2024-06-01", "status": "CONFIG"}],
        actor="test",
    )
    s.invalidate()
    s.create_many(
        OFFICER_Q,
        CAMPAIGN,
        "nomination",
        [nomination_values(full_name=f"LĐTT {i}") for i in range(20)],
        submit=True,
    )
    head = s.quota_headroom(REVIEWER, CAMPAIGN).set_index("unit_id").loc[UNIT]
    assert head["limit"] == 5  # 25 % of 20 from the newer rule row


def test_demo_seeds_the_quota_edge_case_and_respects_the_quota_elsewhere(services: Services) -> None:
    head = services.quota_headroom(REVIEWER, CAMPAIGN).set_index("unit_id")
    det = head.loc["HN-CDCS-DET195"]
    assert (det["ldtt"], det["limit"], det["waiting"]) == (20, 3, 4)
    everyone = services.quota_headroom(LEADER, CAMPAIGN)
    assert (everyone["used"] <= everyone["limit"]).all()

"""The deciding level comes from the catalogue's awarding_level: a row decided by the upper union
stops there, one decided by the city goes all the way; a campaign whose stages cannot reach an
award's level is refused at load, naming the award and the level."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from core.errors import ActionNotAllowed
from services.dossiers import Dossiers
from services.services import Services
from tests.conftest import COUNCIL, OFFICER, REVIEWER
from tests.council.council_helpers import vote
from workflows.deciding import deciding_unit
from workflows.loader import CAMPAIGNS_DIR, parse_text
from workflows.spec import SpecError

CAMPAIGN = "HN-2024-KTN"
TAB = "nominations"
DOCS = (
    {"kind": "BB_HD", "so_ky_hieu": "05/BB-CĐCS", "issued_on": "20/11/2024", "held_on": "20/11/2024"},
    {"kind": "BCTT", "so_ky_hieu": "", "issued_on": "21/11/2024"},
    {"kind": "TTR", "so_ky_hieu": "12/TTr-CĐCS", "issued_on": "25/11/2024"},
)


@pytest.mark.parametrize(
    ("unit", "level", "decider"),
    [
        ("HN-CDCS-CANON", "CD_CTTCS", "HN-CD-KCNCX"),  # the upper union's Giấy khen
        ("HN-CDCS-CANON", "LDLD_TINH", "HN-LDLD"),  # the city's Bằng khen
        ("HN-CDCS-CANON", "CDCS", "HN-LDLD"),  # the unit's own title: collected, the organiser confirms
        ("HN-CDCS-CANON", "TLD", "VN-TLD"),  # the confederation, above the city
        ("HN-CD-KCNCX", "CD_CTTCS", "HN-LDLD"),  # an upper union's own level: the organiser
        ("HN-CD-KCNCX", "LDLD_TINH", "HN-LDLD"),
        ("HN-CDCS-CANON", "", "HN-LDLD"),  # an award missing from the catalogue: the organiser
    ],
)
def test_deciding_unit_from_the_awarding_level(
    services: Services, unit: str, level: str, decider: str
) -> None:
    assert deciding_unit(services.reference().tree, unit, level, "HN-LDLD") == decider


def submitted(services: Services, values: dict[str, str]) -> dict[str, Any]:
    draft = services.create(OFFICER, CAMPAIGN, "nomination", values, submit=False)
    for d in DOCS:
        Dossiers(services).save(OFFICER, TAB, draft["id"], d)
    return services.act(OFFICER, TAB, draft["id"], 1, "submit")


def test_an_award_the_upper_union_decides_stops_there(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    row = submitted(services, nomination_values(award_code="U_GK_CTTCS", full_name="Tạ Văn Demo Bình"))
    triggers = [(t.trigger, t.dest) for t in services.actions(REVIEWER, TAB, row)]
    assert ("award", "AWARDED") in triggers and ("approve", "IN_COUNCIL") not in triggers
    with pytest.raises(ActionNotAllowed) as exc:
        services.act(REVIEWER, TAB, row["id"], row["version"], "approve")
    assert "không trình lên cấp trên" in exc.value.message("vi")
    done = services.act(REVIEWER, TAB, row["id"], row["version"], "award")
    assert done["state"] == "AWARDED"
    assert row["id"] not in set(services.queue(COUNCIL, TAB, CAMPAIGN)["id"])
    hops = Dossiers(services).hops(OFFICER, TAB, row["id"])
    assert list(hops["to_unit"]) == ["HN-CD-KCNCX"], "it never travelled on to the city"


def test_an_award_the_city_decides_goes_all_the_way(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    row = submitted(services, nomination_values(award_code="U_BK_LDLD", full_name="Mạc Thị Demo Lan"))
    triggers = [(t.trigger, t.dest) for t in services.actions(REVIEWER, TAB, row)]
    assert ("approve", "IN_COUNCIL") in triggers and ("award", "AWARDED") not in triggers
    with pytest.raises(ActionNotAllowed) as exc:
        services.act(REVIEWER, TAB, row["id"], row["version"], "award")
    assert "LĐLĐ" in exc.value.message("vi") or "Liên đoàn" in exc.value.message("vi")
    at_council = services.act(REVIEWER, TAB, row["id"], row["version"], "approve")
    assert at_council["state"] == "IN_COUNCIL"
    assert vote(services, row["id"])["state"] == "AWARDED"
    hops = Dossiers(services).hops(OFFICER, TAB, row["id"])
    assert list(hops["to_unit"]) == ["HN-CD-KCNCX", "HN-LDLD"]


def annual_yaml() -> str:
    return (CAMPAIGNS_DIR / "hn-2024-khen-thuong-nam.yaml").read_text(encoding="utf-8")


def test_a_campaign_whose_stages_stop_below_an_awards_level_is_refused() -> None:
    # without its Tổng Liên đoàn stage (AT_TLD, level TLD) nothing can decide CSTD_BNT
    text = annual_yaml().replace(", level: TLD}", "}")
    assert "CSTD_BNT" in text
    with pytest.raises(SpecError) as exc:
        parse_text(text, "annual.yaml")
    vi, en = exc.value.message("vi"), exc.value.message("en")
    assert "'CSTD_BNT'" in vi and "cấp TLD" in vi and "LDLD_TINH" in vi and "forms.nomination.awards" in vi
    assert "decided at level TLD" in en


def test_a_stage_that_decides_an_award_must_be_able_to_award_it() -> None:
    text, n = re.subn(
        r"      - \{trigger: award, source: SUBMITTED.*?decided_here\]\}\n", "", annual_yaml(), flags=re.S
    )
    assert n == 1
    with pytest.raises(SpecError) as exc:
        parse_text(text, "annual.yaml")
    message = exc.value.message("en")
    assert "'U_GK_CTTCS'" in message and "CD_CTTCS" in message and "'SUBMITTED'" in message


def test_a_workflow_without_stage_levels_is_not_checked() -> None:
    text = re.sub(r", level: [A-Z_]+\}", "}", annual_yaml().replace(", level: TLD}", "}"))
    assert "CSTD_BNT" in parse_text(text, "annual.yaml").forms["nomination"].awards


def test_an_unknown_stage_level_is_named() -> None:
    text = annual_yaml().replace("level: CD_CTTCS}", "level: QUAN}", 1)
    with pytest.raises(SpecError) as exc:
        parse_text(text, "annual.yaml")
    assert "states.SUBMITTED.level" in exc.value.message("vi") and "QUAN" in exc.value.message("vi")

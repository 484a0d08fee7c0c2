"""services.campaign_admin: save a campaign YAML as a new version; typos, stranded rows, mappings, admins only."""

from __future__ import annotations

import dataclasses
import re

import pytest

import bootstrap
from core.errors import ActionNotAllowed
from schemas.registry import SUBMISSION_TABS
from services import campaign_admin as ca
from services.services import Services
from tests.conftest import ADMIN, OFFICER
from workflows.spec import SpecError

CAMPAIGN = "HN-2024-KTN"
COUNCIL_LABEL = "Đang xét tại Hội đồng TĐKT Thành phố"


def running_text(services: Services) -> str:
    return ca.campaign_text(services, CAMPAIGN)


def returned_rows(services: Services) -> dict[tuple[str, str], int]:
    """(tab, form) -> rows of the campaign in RETURNED."""
    out: dict[tuple[str, str], int] = {}
    for tab in SUBMISSION_TABS:
        df = services.store.read(tab)
        df = df[(df["campaign_id"] == CAMPAIGN) & (df["state"] == "RETURNED")]
        for form, n in df.groupby("form").size().items():
            out[(tab, str(form))] = int(n)
    return out


def test_a_valid_save_creates_version_2_and_is_used(services: Services) -> None:
    text = running_text(services)
    assert COUNCIL_LABEL in text
    edited = text.replace(COUNCIL_LABEL, "Đang xét tại Hội đồng (phiên bản 2)", 1)

    check = ca.check_save(services, ADMIN, edited)
    assert (check.version_no, check.is_new, check.stranded) == (2, False, ())
    result = ca.save(services, ADMIN, edited, note="Đổi tên bước Hội đồng")

    assert result.row["version_no"] == 2
    label = services.campaigns[CAMPAIGN].workflows["commendation"].states["IN_COUNCIL"].label["vi"]
    assert label == "Đang xét tại Hội đồng (phiên bản 2)"
    stored = ca.versions(services.store, CAMPAIGN)
    assert list(stored["version_no"]) == [2]
    assert stored.iloc[0]["updated_by"] == ADMIN.email and stored.iloc[0]["note"] == "Đổi tên bước Hội đồng"
    hist = services.store.read("history")
    assert len(hist[(hist["tab"] == "campaign_specs") & (hist["action"] == "spec_save")]) == 1
    # Another process picks it up at start: bootstrap overlays the latest saved version.
    other = bootstrap.build(bootstrap.Settings(today=bootstrap.DEMO_TODAY), store=services.store)
    assert other.campaigns[CAMPAIGN].workflows["commendation"].states["IN_COUNCIL"].label["vi"] == label
    assert ca.check_save(services, ADMIN, edited).version_no == 3


def test_a_typo_is_refused_naming_the_key_and_nothing_is_saved(services: Services) -> None:
    typo = re.sub(r"sla_days: 10", "sla_dayz: 10", running_text(services), count=1)
    with pytest.raises(SpecError) as info:
        ca.save(services, ADMIN, typo)
    message = info.value.message("vi")
    assert "sla_dayz" in info.value.key
    assert "sla_dayz" in message and "sla_days" in message  # the key, and the allowed keys (the fix)
    assert ca.versions(services.store, CAMPAIGN).empty
    assert "IN_COUNCIL" in services.campaigns[CAMPAIGN].workflows["commendation"].states


def test_dropping_a_state_that_holds_rows_is_refused_with_the_counts(services: Services) -> None:
    before = returned_rows(services)
    assert before, "the demo has returned rows"
    renamed = running_text(services).replace("RETURNED", "NEEDS_FIX")
    check = ca.check_save(services, ADMIN, renamed)
    assert {(s.tab, s.form): s.count for s in check.stranded} == before

    with pytest.raises(ActionNotAllowed) as info:
        ca.save(services, ADMIN, renamed)
    message = info.value.message("vi")
    for (_tab, form), n in before.items():
        assert f"{form}/RETURNED: {n}" in message
    assert returned_rows(services) == before
    assert ca.versions(services.store, CAMPAIGN).empty
    assert "RETURNED" in services.campaigns[CAMPAIGN].workflows["commendation"].states


def test_with_a_mapping_the_rows_move_with_history(services: Services) -> None:
    before = returned_rows(services)
    total = sum(before.values())
    renamed = running_text(services).replace("RETURNED", "NEEDS_FIX")
    hist_before = len(services.store.read("history"))

    result = ca.save(services, ADMIN, renamed, note="Đổi tên", mapping={"RETURNED": "NEEDS_FIX"})

    assert result.moved == {("RETURNED", "NEEDS_FIX"): total}
    assert returned_rows(services) == {}
    moved = 0
    for tab in SUBMISSION_TABS:
        df = services.store.read(tab)
        rows = df[(df["campaign_id"] == CAMPAIGN) & (df["state"] == "NEEDS_FIX")]
        moved += len(rows)
        assert (rows["version"] >= 2).all() and (rows["updated_by"] == ADMIN.email).all()
    assert moved == total
    hist = services.store.read("history")
    migrations = hist[hist["action"] == "migrate"]
    assert len(migrations) == total
    assert set(migrations["from_state"]) == {"RETURNED"} and set(migrations["to_state"]) == {"NEEDS_FIX"}
    assert len(hist) == hist_before + total + 1
    # the running services know the new state: an officer's returned row is still editable
    wf = services.campaigns[CAMPAIGN].workflows["commendation"]
    assert wf.states["NEEDS_FIX"].editable


def test_a_mapping_to_a_state_the_new_version_lacks_is_refused(services: Services) -> None:
    renamed = running_text(services).replace("RETURNED", "NEEDS_FIX")
    with pytest.raises(ActionNotAllowed):
        ca.save(services, ADMIN, renamed, mapping={"RETURNED": "NO_SUCH_STATE"})
    assert ca.versions(services.store, CAMPAIGN).empty


def test_only_an_admin_may_check_or_save(services: Services) -> None:
    text = running_text(services)
    for who in (OFFICER, dataclasses.replace(OFFICER, role="ADMIN")):  # a forged role is refused too
        with pytest.raises(ActionNotAllowed):
            ca.save(services, who, text)
        with pytest.raises(ActionNotAllowed):
            ca.check_save(services, who, text)
    assert ca.versions(services.store).empty


def test_a_new_campaign_id_is_saved_as_version_1(services: Services) -> None:
    text = running_text(services).replace(f"id: {CAMPAIGN}", "id: HN-2025-KTN", 1)
    result = ca.save(services, ADMIN, text)
    assert result.row["version_no"] == 1
    assert "HN-2025-KTN" in services.campaigns and CAMPAIGN in services.campaigns


@pytest.mark.parametrize("file", ["hn-2024-khen-thuong-nam.yaml", "hn-2023-cao-diem-dai-hoi.yaml"])
def test_the_stored_cell_keeps_the_yaml_meaning(file: str) -> None:
    from schemas.registry import to_cell
    from workflows.loader import CAMPAIGNS_DIR, parse_text

    text = (CAMPAIGNS_DIR / file).read_text(encoding="utf-8")
    cell = to_cell("campaign_specs", "yaml_text", ca.to_cell(text))  # what the store keeps
    again = parse_text(ca.from_cell(cell), file)
    assert again == parse_text(text, file)

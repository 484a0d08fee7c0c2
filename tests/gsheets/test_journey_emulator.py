"""The officer -> reviewer -> council journey through ``services.services`` on the Google Sheets
adapter (emulator), wired by ``bootstrap.build`` exactly as the app wires it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

import pytest

import bootstrap
import demo
from core.errors import ActionNotAllowed, StaleRow
from schemas.registry import headers
from services.services import Services
from storage.gsheets import GoogleSheetsWorkbook
from tests.conftest import COUNCIL, OFFICER, REVIEWER, SECRETARY
from tests.council.council_helpers import vote
from workflows.loader import load_campaigns, load_catalogue

from .conftest import Sheet, ticking
from .support import emulated

CAMPAIGN = "HN-2024-KTN"


@pytest.fixture(scope="module")
def seeded() -> Iterator[Sheet]:
    """The demo seeded once into an emulated spreadsheet (module scope: seeding is the slow part)."""
    sent: list[tuple[str, str]] = []
    wb, emu, key = emulated(clock=ticking(), sent=sent)
    wb.ensure_tabs(headers())
    # one generated unit per parent keeps the demo small (~2,900 rows) and the test fast
    rows = demo.build(load_campaigns(), load_catalogue(), bootstrap.DEMO_TODAY, per_parent=1)
    demo.seed(wb, rows)
    yield Sheet(wb, emu, key, sent)
    wb.close()


@pytest.fixture
def services(seeded: Sheet) -> Services:
    settings = dataclasses.replace(bootstrap.load_settings(env={}), today=bootstrap.DEMO_TODAY)
    return bootstrap.build(settings, store=seeded.wb)


def test_officer_reviewer_council_journey_on_google_sheets(
    seeded: Sheet, services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    assert isinstance(services.store, GoogleSheetsWorkbook)
    nom = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values(award_code="LDTT"))
    assert nom["state"] == "SUBMITTED"

    assert nom["id"] in set(services.queue(REVIEWER, "nominations", CAMPAIGN)["id"])
    services.act(REVIEWER, "nominations", nom["id"], 1, "return", "Thiếu số liệu sáng kiến")

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

    # a person sorts the nominations tab by name in the sheet meanwhile: nothing is misplaced
    header = seeded.cells("nominations")[0]
    seeded.emu.human(seeded.key).sort(header.index("full_name"), sheet="nominations")

    seeded.clear()
    approved = services.act(REVIEWER, "nominations", nom["id"], resubmitted["version"], "approve")
    assert approved["state"] == "IN_COUNCIL"
    assert seeded.endpoints().count("spreadsheets:batchUpdate") == 1  # approval + history: one write

    with pytest.raises(StaleRow):
        services.act(SECRETARY, "nominations", nom["id"], resubmitted["version"], "return", "Thiếu hồ sơ")
    # a council member cannot award alone; the award is the outcome of the council's vote
    with pytest.raises(ActionNotAllowed):
        services.act(COUNCIL, "nominations", nom["id"], approved["version"], "award")
    awarded = vote(services, nom["id"])
    assert awarded["state"] == "AWARDED"

    services.invalidate()
    h = services.history(OFFICER, "nominations", nom["id"])
    assert list(h["action"]) == ["create", "submit", "return", "edit", "submit", "approve", "award"]
    assert h.iloc[-1]["actor_email"] == SECRETARY.email and "13/13" in h.iloc[-1]["reason"]
    log = seeded.wb.read("history")
    assert {"open", "ballot", "close"} <= set(log[log["tab"].isin(["council_meetings", "ballots"])]["action"])
    stored = seeded.wb.read("nominations")
    assert stored.loc[stored["id"] == nom["id"], "state"].item() == "AWARDED"


def test_no_draft_in_a_closed_campaign_and_no_keyerror_on_the_google_adapter(
    seeded: Sheet, services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    """Issue 23 on the Google adapter: the same refusals as on SQLite, and nothing written."""
    from tests.conftest import ADMIN

    before = len(seeded.wb.read("nominations")), len(seeded.wb.read("history"))
    with pytest.raises(ActionNotAllowed) as closed:
        services.create(OFFICER, "HN-2023-DTD-CAODIEM-DH", "nomination", nomination_values(award_code="HN_CNG_TD"),
                        submit=False)  # fmt: skip
    assert "30/09/2023" in closed.value.message("vi")
    grading = str(seeded.wb.read("unit_assessments")["id"].iloc[0])
    for call in (
        lambda: services.act(ADMIN, "unit_assessments", grading, 1, "approve"),
        lambda: services.my_rows(OFFICER, "users"),
        lambda: services.edit(ADMIN, "history", "any", 1, {"reason": "x"}),
    ):
        with pytest.raises(ActionNotAllowed) as refused:
            call()
        assert refused.value.code == "auth.tab_no_workflow"
    assert (len(seeded.wb.read("nominations")), len(seeded.wb.read("history"))) == before

"""Calls a page could make with a wrong tab or outside a campaign's window get a refusal a person can
read, never a KeyError ("unexpected error") and never a row (issue 23)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.errors import ActionNotAllowed, RowNotFound, ThiduaError
from schemas.registry import SUBMISSION_TABS, TABS
from services.services import Services
from tests.conftest import ADMIN, OFFICER, REVIEWER

DRIVE = "HN-2023-DTD-CAODIEM-DH"  # closed on 30/09/2023; the demo day is 05/12/2024
OTHER_TABS = sorted(set(TABS) - set(SUBMISSION_TABS))


def _first_id(services: Services, tab: str) -> str:
    frame = services.store.read(tab)
    return str(frame["id"].iloc[0]) if not frame.empty else "NO-SUCH-ROW"


def _refused_readably(call: Callable[[], Any]) -> ThiduaError:
    with pytest.raises(ThiduaError) as caught:
        call()
    message = caught.value.message("vi")
    assert message and "KeyError" not in message and caught.value.code in message_codes()
    assert caught.value.message("en") != message
    return caught.value


def message_codes() -> set[str]:
    import i18n

    return set(i18n.MESSAGES)


def test_the_three_reported_calls_are_refused_with_a_message(services: Services) -> None:
    before = len(services.store.read("history"))
    grading = _first_id(services, "unit_assessments")
    exc = _refused_readably(lambda: services.act(ADMIN, "unit_assessments", grading, 1, "approve"))
    assert exc.code == "auth.tab_no_workflow" and "unit_assessments" in exc.message("vi")
    hist = _first_id(services, "history")
    exc = _refused_readably(lambda: services.edit(ADMIN, "history", hist, 1, {"reason": "sửa lịch sử"}))
    assert exc.code == "auth.tab_no_workflow"
    exc = _refused_readably(lambda: services.my_rows(OFFICER, "users"))
    assert exc.code == "auth.tab_no_workflow" and "users" in exc.message("en")
    assert len(services.store.read("history")) == before  # nothing was written by any of them


@pytest.mark.parametrize("tab", OTHER_TABS)
def test_every_workflow_command_on_a_tab_without_workflow_is_a_refusal(services: Services, tab: str) -> None:
    before = len(services.store.read("history"))
    row_id = _first_id(services, tab)
    calls: list[Callable[[], Any]] = [
        lambda: services.act(ADMIN, tab, row_id, 1, "approve", "lý do"),
        lambda: services.act_many(REVIEWER, tab, [(row_id, 1)], "approve"),
        lambda: services.edit(OFFICER, tab, row_id, 1, {"full_name": "Nguyễn Văn Demo"}),
        lambda: services.my_rows(OFFICER, tab),
        lambda: services.queue(REVIEWER, tab),
        lambda: services.rows(ADMIN, tab, "HN-2024-KTN"),
    ]
    for call in calls:
        try:
            call()
        except (ActionNotAllowed, RowNotFound) as exc:
            assert exc.message("vi") and exc.message("en")
    assert len(services.store.read("history")) == before


def test_no_draft_is_created_in_a_closed_campaign_through_the_services(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    values = nomination_values(award_code="HN_CNG_TD")
    before = len(services.store.read("nominations"))
    exc = _refused_readably(lambda: services.create(OFFICER, DRIVE, "nomination", values, submit=False))
    assert exc.code == "guard.campaign_closed" and "30/09/2023" in exc.message("vi")
    rows, errors = services.create_many(OFFICER, DRIVE, "nomination", [values, values], submit=False)
    assert rows == [] and len(errors) == 2 and all("30/09/2023" in e.message("vi") for e in errors)
    assert len(services.store.read("nominations")) == before
    # the open campaign still takes drafts, and a reopening lets the unit draft in the closed one
    assert services.create(OFFICER, "HN-2024-KTN", "nomination", nomination_values(), submit=False)
    import datetime as dt

    services.reopen(ADMIN, DRIVE, OFFICER.unit_id, dt.date(2024, 12, 20), "Bổ sung hồ sơ muộn do thiên tai")
    assert services.create(OFFICER, DRIVE, "nomination", values, submit=False)["state"] == "DRAFT"

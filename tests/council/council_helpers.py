"""Helpers shared by the council and cluster tests."""

from __future__ import annotations

from typing import Any

import pytest

from core.errors import ActionNotAllowed
from core.model import Actor
from services.services import Services
from tests.conftest import DEMO_DOMAIN


def add_user(services: Services, local: str, role: str, unit: str) -> Actor:
    """A user granted in the ``users`` tab (services re-resolve every actor against it)."""
    email = f"{local}@{DEMO_DOMAIN}"
    services.store.append(
        "users",
        [{"email": email, "full_name": f"Demo {local}", "role": role, "unit_id": unit, "active": True}],
        actor="test",
    )
    services.invalidate(["users"])
    return Actor(email, f"Demo {local}", role, unit)


def refused(code: str, call: Any, *args: Any, **kw: Any) -> ActionNotAllowed:
    """Call and assert it is refused with ``code`` and a translated message."""
    with pytest.raises(ActionNotAllowed) as exc:
        call(*args, **kw)
    assert exc.value.code == code, exc.value.message("en")
    assert exc.value.message("vi") != code
    return exc.value


def vote(services: Services, nomination_id: str, *, passed: bool = True) -> dict[str, Any]:
    """The only way a council decides (issue 23): its secretary opens a meeting (all 13 present),
    records a unanimous ballot for (or against) the nomination and closes the meeting. The row after."""
    from services.council import Council
    from tests.conftest import SECRETARY

    council = Council(services)
    meeting = council.open_meeting(SECRETARY, services.today(), 13, 13, 0, "99/BB-HĐTĐKT")
    yes, no = (13, 0) if passed else (0, 13)
    council.record_ballot(SECRETARY, str(meeting["id"]), nomination_id, "SECRET", yes, no)
    council.close_meeting(SECRETARY, str(meeting["id"]), int(meeting["version"]))
    return services.get(SECRETARY, "nominations", nomination_id)


def on_agenda(services: Services, values: dict[str, Any], campaign: str = "HN-2024-KTN") -> dict[str, Any]:
    """A new nomination of the Canon union with its dossier, submitted and approved to the council."""
    import datetime as dt

    from core.dossier import document_set
    from services.dossiers import Dossiers
    from tests.conftest import DEMO_DAY, OFFICER, REVIEWER

    draft = services.create(OFFICER, campaign, "nomination", values, submit=False)
    dossiers = Dossiers(services)
    need = dossiers.checklist(OFFICER, "nominations", draft["id"]).missing
    for doc in document_set(need, draft["id"], 1, DEMO_DAY, dt.date(2024, 1, 15)):
        dossiers.save(OFFICER, "nominations", draft["id"], doc)
    sent = services.act(OFFICER, "nominations", draft["id"], 1, "submit")
    return services.act(REVIEWER, "nominations", draft["id"], int(sent["version"]), "approve")

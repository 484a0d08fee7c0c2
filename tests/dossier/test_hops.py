"""Hop records (DOMAIN.md §5.1): every move between levels appends a ``hops`` row in the same
store call as its history row, on SQLite and on the Google Sheets adapter (emulator)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from core.errors import RowNotFound, StaleRow
from services.dossiers import Dossiers
from services.services import Services
from tests.conftest import OFFICER, OFFICER_VQ, REVIEWER, SECRETARY
from tests.council.council_helpers import vote

CAMPAIGN = "HN-2024-KTN"


def trail(svc: Services, row_id: str) -> list[tuple[str, str, str, str, int]]:
    h = Dossiers(svc).hops(OFFICER, "nominations", row_id)
    return [(r.from_unit, r.to_unit, r.state, r.action, int(r.revision)) for r in h.itertuples()]


def test_forward_and_return_leave_a_hop_each_with_the_history_row(
    backend_services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    svc = backend_services
    nom = svc.create(OFFICER, CAMPAIGN, "nomination", nomination_values(full_name="Trần Văn Chặng"))
    approved = svc.act(REVIEWER, "nominations", nom["id"], 1, "approve")
    returned = svc.act(SECRETARY, "nominations", nom["id"], approved["version"], "return", "Thiếu minh chứng")
    svc.act(OFFICER, "nominations", nom["id"], returned["version"], "submit")

    assert trail(svc, nom["id"]) == [
        ("HN-CDCS-CANON", "HN-CD-KCNCX", "SUBMITTED", "submit", 1),
        ("HN-CD-KCNCX", "HN-LDLD", "IN_COUNCIL", "approve", 1),
        ("HN-LDLD", "HN-CDCS-CANON", "RETURNED", "return", 1),
        ("HN-CDCS-CANON", "HN-CD-KCNCX", "SUBMITTED", "submit", 2),
    ]
    hops = Dossiers(svc).hops(OFFICER, "nominations", nom["id"])
    assert list(hops["reason"]) == ["", "", "Thiếu minh chứng", ""]
    history = svc.history(OFFICER, "nominations", nom["id"])
    moves = history[history["action"] != "create"]
    # one history row per hop, stamped by the same store call
    assert list(moves["at"]) == list(hops["at"])
    assert list(moves["created_at"]) == list(hops["created_at"])


def test_a_refused_write_leaves_neither_history_nor_hop(
    backend_services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    svc = backend_services
    nom = svc.create(OFFICER, CAMPAIGN, "nomination", nomination_values(full_name="Lò Thị Mến"))
    before = len(svc.store.read("hops")), len(svc.store.read("history"))
    with pytest.raises(StaleRow):
        svc.act(REVIEWER, "nominations", nom["id"], 2, "approve")
    assert (len(svc.store.read("hops")), len(svc.store.read("history"))) == before


def test_deciding_and_withdrawing_are_not_hops(
    backend_services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    svc = backend_services
    nom = svc.create(OFFICER, CAMPAIGN, "nomination", nomination_values(full_name="Hà Văn Đông"))
    approved = svc.act(REVIEWER, "nominations", nom["id"], 1, "approve")
    assert approved["state"] == "IN_COUNCIL"
    assert vote(svc, nom["id"])["state"] == "AWARDED"
    draft = svc.create(
        OFFICER, CAMPAIGN, "nomination", nomination_values(full_name="Vi Thị Hoa"), submit=False
    )
    svc.act(OFFICER, "nominations", draft["id"], 1, "withdraw")
    assert [h[3] for h in trail(svc, nom["id"])] == ["submit", "approve"]
    assert trail(svc, draft["id"]) == []


def test_a_unit_outside_the_scope_cannot_read_the_hops(
    backend_services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    nom = backend_services.create(OFFICER, CAMPAIGN, "nomination", nomination_values(full_name="Đinh Văn Tư"))
    with pytest.raises(RowNotFound):
        Dossiers(backend_services).hops(OFFICER_VQ, "nominations", nom["id"])

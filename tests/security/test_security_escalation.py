"""Privilege escalation through the core services: every attempt is refused with a message a user
can read, and the store is byte-for-byte what it was (every tab's ids and versions unchanged)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from security_helpers import snapshot

from core.errors import ActionNotAllowed, RowNotFound, StaleRow, ThiduaError
from core.model import Actor
from exports.build import export
from reporting.reporting import Reporting
from services.council import Council
from services.services import Services, records
from tests.conftest import COUNCIL, HEAD, LEADER, OFFICER, OFFICER_VQ, REVIEWER, REVIEWER_HD, SECRETARY

CAMPAIGN = "HN-2024-KTN"


def one(services: Services, actor: Actor, tab: str = "nominations", **where: str) -> dict[str, Any]:
    """The first row ``actor`` can read whose columns match ``where``."""
    df = services.rows(actor, tab)
    for col, val in where.items():
        df = df[df[col] == val]
    assert not df.empty, where
    return records(df)[0]


def refused(
    demo_db: Path, attempt: Callable[[], object], error: type[ThiduaError] = ActionNotAllowed
) -> ThiduaError:
    """Run ``attempt``: it must raise ``error`` with a Vietnamese and an English message, writing nothing."""
    before = snapshot(demo_db)
    with pytest.raises(error) as exc:
        attempt()
    assert exc.value.message("vi") and exc.value.message("en")
    assert snapshot(demo_db) == before
    return exc.value


# ------------------------------------------------------------------ an officer approves


@pytest.mark.parametrize("trigger", ["approve", "accept", "award", "reject", "revoke"])
def test_officer_cannot_review_own_units_rows(services: Services, demo_db: Path, trigger: str) -> None:
    row = one(services, OFFICER, state="SUBMITTED")
    refused(
        demo_db,
        lambda: services.act(OFFICER, "nominations", row["id"], int(row["version"]), trigger, "lý do đủ dài"),
    )


def test_unit_head_cannot_approve_either(services: Services, demo_db: Path) -> None:
    row = one(services, HEAD, state="SUBMITTED")
    refused(demo_db, lambda: services.act(HEAD, "nominations", row["id"], int(row["version"]), "approve"))


def test_leader_is_read_only(
    services: Services, demo_db: Path, nomination_values: Callable[..., dict[str, str]]
) -> None:
    row = one(services, LEADER, state="SUBMITTED")
    refused(demo_db, lambda: services.act(LEADER, "nominations", row["id"], int(row["version"]), "approve"))
    refused(demo_db, lambda: services.create(LEADER, CAMPAIGN, "nomination", nomination_values()))


# ------------------------------------------------------------------ an officer reads another unit


def test_officer_reads_another_unit_by_id_and_by_history(services: Services, demo_db: Path) -> None:
    other = one(services, OFFICER_VQ)
    refused(demo_db, lambda: services.get(OFFICER, "nominations", other["id"]), RowNotFound)
    refused(demo_db, lambda: services.history(OFFICER, "nominations", other["id"]), RowNotFound)
    assert other["id"] not in set(services.rows(OFFICER, "history")["row_id"])
    assert set(services.rows(OFFICER, "nominations")["unit_id"]) == {OFFICER.unit_id}


def test_officer_reads_another_unit_by_export(services: Services) -> None:
    names_elsewhere = set(services.rows(OFFICER_VQ, "nominations")["full_name"]) - set(
        services.rows(OFFICER, "nominations")["full_name"]
    )
    out = export(Reporting(services), OFFICER, "xlsx", CAMPAIGN, tab="nominations")
    cells = {
        str(c.value) for ws in load_workbook(io.BytesIO(out.data)) for row in ws.iter_rows() for c in row
    }
    assert names_elsewhere and not (names_elsewhere & cells)


def test_officer_reads_another_unit_through_the_dashboard_and_metrics(services: Services) -> None:
    """Counts, drill-downs and the dashboard hold only the officer's unit (no leak through aggregates)."""
    view = Reporting(services).view(OFFICER)
    assert all(set(f["unit_id"]) <= {OFFICER.unit_id} for f in view.frames.values() if "unit_id" in f)
    assert set(view.frames["nominations"]["unit_id"]) == {OFFICER.unit_id}
    rep = Reporting(services)
    data = rep.data(OFFICER)
    frames = (
        data.nominations,
        data.works,
        data.initiatives,
        *data.forms.values(),
        *data.contest_forms.values(),
    )
    for frame in frames:  # the forms' own tabs too (a contest's entrants)
        assert set(frame["unit_id"]) <= {OFFICER.unit_id}
    assert set(data.history["row_id"]) <= {str(i) for frame in frames for i in frame["id"]}
    assert set(data.contest_results["unit_id"]) <= {OFFICER.unit_id}
    for metric in rep.metrics(OFFICER):
        for frame in rep.drill_down(OFFICER, metric).values():
            assert set(frame["unit_id"]) <= {OFFICER.unit_id}


@pytest.mark.parametrize("kind", ["bienban", "quyetdinh"])
def test_officer_cannot_produce_council_documents(services: Services, demo_db: Path, kind: str) -> None:
    refused(demo_db, lambda: export(Reporting(services), OFFICER, kind, CAMPAIGN))


def test_reference_tabs_are_not_readable_as_rows(services: Services) -> None:
    for tab in ("users", "units", "rules"):
        with pytest.raises(ActionNotAllowed):
            services.rows(OFFICER, tab)


# ------------------------------------------------------------------ a reviewer outside its subtree


def test_reviewer_acts_outside_its_subtree(services: Services, demo_db: Path) -> None:
    far = one(services, REVIEWER_HD, unit_id=OFFICER_VQ.unit_id, state="SUBMITTED")
    refused(
        demo_db,
        lambda: services.act(REVIEWER, "nominations", far["id"], int(far["version"]), "approve"),
        RowNotFound,
    )
    refused(
        demo_db,
        lambda: services.act(
            REVIEWER, "nominations", far["id"], int(far["version"]), "return", "Thiếu minh chứng"
        ),
        RowNotFound,
    )


def test_bulk_approval_smuggling_one_foreign_row_writes_nothing(services: Services, demo_db: Path) -> None:
    mine = services.queue(REVIEWER, "nominations", CAMPAIGN)
    assert not mine.empty
    far = one(services, REVIEWER_HD, unit_id=OFFICER_VQ.unit_id, state="SUBMITTED")
    items = [(str(r["id"]), int(r["version"])) for r in records(mine.head(2))] + [
        (far["id"], int(far["version"]))
    ]
    err = refused(demo_db, lambda: services.act_many(REVIEWER, "nominations", items, "approve"), RowNotFound)
    assert far["id"] in err.message("en")


def test_reviewer_cannot_act_on_its_own_unit(services: Services, demo_db: Path) -> None:
    """A reviewer's own unit is not below it: 'parent' scope keeps reviewers off their own unit's rows."""
    own = plant(services, unit_id=REVIEWER.unit_id, state="SUBMITTED")
    refused(demo_db, lambda: services.act(REVIEWER, "nominations", own["id"], int(own["version"]), "approve"))


# ------------------------------------------------------------------ a council member on its own unit


def plant(services: Services, *, unit_id: str, state: str) -> dict[str, Any]:
    """A nomination of ``unit_id`` in ``state``, written straight to the store (as a hand edit would)."""
    template = one(services, COUNCIL, state=state)
    envelope = ("id", "version", "created_at", "updated_at", "updated_by")
    row = {k: v for k, v in template.items() if k not in envelope}
    row.update(unit_id=unit_id, full_name="Nguyễn Văn Demo Cài Cắm", client_token="")
    planted = services.store.append("nominations", [row], actor="seed")[0]
    services.invalidate()
    return planted


def _own_unit_nomination_in_council(services: Services) -> dict[str, Any]:
    """A nomination of the council's own unit waiting in IN_COUNCIL (e.g. the council's own staff)."""
    return plant(services, unit_id=COUNCIL.unit_id, state="IN_COUNCIL")


def test_council_member_cannot_award_own_unit(services: Services, demo_db: Path) -> None:
    own = _own_unit_nomination_in_council(services)
    refused(demo_db, lambda: services.act(COUNCIL, "nominations", own["id"], int(own["version"]), "award"))
    refused(
        demo_db,
        lambda: services.act_many(COUNCIL, "nominations", [(own["id"], int(own["version"]))], "award"),
    )


def test_council_member_cannot_vote_on_own_unit(services: Services, demo_db: Path) -> None:
    own = _own_unit_nomination_in_council(services)
    council = Council(services)
    meeting = council.open_meeting(SECRETARY, dt.date(2024, 12, 5), 9, 8)
    assert own["id"] not in set(council.agenda(COUNCIL, meeting["id"])["id"])
    err = refused(
        demo_db, lambda: council.record_ballot(SECRETARY, meeting["id"], own["id"], "GIO_TAY", 8, 0)
    )
    assert own["id"] in err.message("vi")
    # a member records nothing at all: its vote is counted in the ballot the secretary records
    item = records(council.agenda(COUNCIL, meeting["id"]))[0]
    refused(demo_db, lambda: council.record_ballot(COUNCIL, meeting["id"], item["id"], "SECRET", 8, 0))


def test_officer_cannot_sit_on_the_council(services: Services, demo_db: Path) -> None:
    council = Council(services)
    meeting = council.open_meeting(SECRETARY, dt.date(2024, 12, 5), 9, 8)
    item = records(council.agenda(COUNCIL, meeting["id"]))[0]
    refused(demo_db, lambda: council.record_ballot(OFFICER, meeting["id"], item["id"], "GIO_TAY", 8, 0))
    refused(demo_db, lambda: council.open_meeting(OFFICER, dt.date(2024, 12, 5), 9, 8))


# ------------------------------------------------------------------ tampered ids and actors


@pytest.mark.parametrize(
    "row_id",
    ["", "' OR 1=1 --", "01JDEMO\x00", "x" * 5000],
)
def test_tampered_row_ids_are_not_found(services: Services, demo_db: Path, row_id: str) -> None:
    refused(demo_db, lambda: services.get(OFFICER, "nominations", row_id), RowNotFound)
    refused(demo_db, lambda: services.act(REVIEWER, "nominations", row_id, 1, "approve"), RowNotFound)
    refused(demo_db, lambda: services.edit(OFFICER, "nominations", row_id, 1, {}), RowNotFound)


def test_an_id_from_another_tab_is_not_found(services: Services, demo_db: Path) -> None:
    work = one(services, OFFICER, tab="works")
    refused(demo_db, lambda: services.get(OFFICER, "nominations", work["id"]), RowNotFound)


@pytest.mark.parametrize(
    "tamper",
    [
        {"role": "ADMIN"},
        {"role": "UPPER_REVIEWER"},
        {"role": "COUNCIL_MEMBER"},
        {"unit_id": "HN-LDLD"},
        {"unit_id": "HN-CDCS-THCS-VANQUAN"},
        {"email": "quan.tri@demo.thidua.vn"},
        {"email": "nobody@example.com"},
        {"email": "can.bo.canon@demo.thidua.vn ", "role": "ADMIN"},
    ],
)
def test_tampered_actor_writes_nothing(
    services: Services,
    demo_db: Path,
    tamper: dict[str, str],
    nomination_values: Callable[..., dict[str, str]],
) -> None:
    forged = dataclasses.replace(OFFICER, **tamper)
    row = one(services, OFFICER, state="SUBMITTED")
    refused(demo_db, lambda: services.act(forged, "nominations", row["id"], int(row["version"]), "approve"))
    refused(demo_db, lambda: services.create(forged, CAMPAIGN, "nomination", nomination_values()))
    refused(demo_db, lambda: services.rows(forged, "nominations"))


def test_deactivated_user_is_refused_mid_session(services: Services, demo_db: Path) -> None:
    users = services.store.read("users")
    u = users[users["email"] == OFFICER.email].iloc[0]
    from core.ports import Change

    services.store.update(
        "users", [Change(str(u["id"]), int(u["version"]), {"active": False})], actor="admin"
    )
    services.invalidate()
    refused(demo_db, lambda: services.rows(OFFICER, "nominations"))


# ------------------------------------------------------------------ replayed stale form


def test_replayed_edit_with_an_old_version_is_stale(
    services: Services, demo_db: Path, nomination_values: Callable[..., dict[str, str]]
) -> None:
    created = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values(), submit=False)
    draft = services.get(OFFICER, "nominations", created["id"])
    first = services.edit(
        OFFICER, "nominations", draft["id"], int(draft["version"]), nomination_values(position="Tổ trưởng")
    )
    assert int(first["version"]) == int(draft["version"]) + 1
    replay = nomination_values(position="Giám đốc")
    refused(
        demo_db,
        lambda: services.edit(OFFICER, "nominations", draft["id"], int(draft["version"]), replay),
        StaleRow,
    )
    assert services.get(OFFICER, "nominations", draft["id"])["position"] == "Tổ trưởng"


def test_replayed_approval_after_a_return_is_stale(services: Services, demo_db: Path) -> None:
    row = services.queue(REVIEWER, "nominations", CAMPAIGN).iloc[0]
    rid, old = str(row["id"]), int(row["version"])
    services.act(REVIEWER, "nominations", rid, old, "return", "Thiếu minh chứng thành tích")
    refused(demo_db, lambda: services.act(REVIEWER, "nominations", rid, old, "approve"), StaleRow)


def test_replayed_create_with_the_same_token_creates_nothing(
    services: Services, demo_db: Path, nomination_values: Callable[..., dict[str, str]]
) -> None:
    first = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values(), client_token="form-1")
    before = snapshot(demo_db)
    again = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values(), client_token="form-1")
    assert again["id"] == first["id"] and snapshot(demo_db) == before


def test_another_units_token_does_not_reveal_its_row(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    theirs = services.create(
        OFFICER_VQ, CAMPAIGN, "nomination", nomination_values(), client_token="same-token"
    )
    mine = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values(), client_token="same-token")
    assert mine["id"] != theirs["id"] and mine["unit_id"] == OFFICER.unit_id


# ------------------------------------------------------------------ mass assignment


SMUGGLED = {
    "state": "AWARDED",
    "unit_id": "HN-CDCS-THCS-VANQUAN",
    "campaign_id": "X",
    "version": 99,
    "updated_by": "x",
}


def test_create_ignores_smuggled_columns(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    created = services.create(OFFICER, CAMPAIGN, "nomination", {**nomination_values(), **SMUGGLED})
    row = services.get(OFFICER, "nominations", created["id"])
    assert (row["state"], row["unit_id"], row["campaign_id"]) == ("SUBMITTED", OFFICER.unit_id, CAMPAIGN)
    assert row["updated_by"] == OFFICER.email


def test_edit_ignores_smuggled_columns(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    created = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values(), submit=False)
    row = services.get(OFFICER, "nominations", created["id"])
    services.edit(OFFICER, "nominations", row["id"], int(row["version"]), {**nomination_values(), **SMUGGLED})
    after = services.get(OFFICER, "nominations", created["id"])
    assert (after["state"], after["unit_id"], after["campaign_id"]) == ("DRAFT", OFFICER.unit_id, CAMPAIGN)
    assert int(after["version"]) == int(row["version"]) + 1

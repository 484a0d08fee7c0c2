"""Authorisation in the core services: scope on every read, every command, every id."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from core.errors import ActionNotAllowed, RowNotFound, ValidationFailed
from schemas.registry import submission_tabs
from services.dossiers import Dossiers
from services.services import Services
from tests.conftest import (
    ADMIN,
    CLUSTER_HEAD,
    COUNCIL,
    LEADER,
    OFFICER,
    OFFICER_VQ,
    REVIEWER,
    REVIEWER_HD,
)

CAMPAIGN = "HN-2024-KTN"
TABS = ("nominations", "works", "initiatives")


def test_officer_reads_only_own_unit_and_below(services: Services) -> None:
    for tab in TABS:
        rows = services.rows(OFFICER, tab)
        assert set(rows["unit_id"]) <= {"HN-CDCS-CANON"}
    assert not services.rows(OFFICER, "nominations").empty


def test_reviewer_reads_only_its_subtree(services: Services) -> None:
    ref = services.reference()
    subtree = ref.tree.subtree("HN-CD-KCNCX")
    rows = services.rows(REVIEWER, "nominations")
    assert set(rows["unit_id"]) <= subtree and len(set(rows["unit_id"])) > 1
    queue = services.queue(REVIEWER, "nominations")
    assert set(queue["unit_id"]) <= subtree - {"HN-CD-KCNCX"}
    assert set(queue["state"]) == {"SUBMITTED"}


def test_cluster_head_reads_the_cluster(services: Services) -> None:
    ref = services.reference()
    cluster7 = set().union(*(ref.tree.subtree(u) for u in ("HN-CD-KCNCX", "HN-CD-TCT-VT", "HN-CD-TCT-TM")))
    units = set(services.rows(CLUSTER_HEAD, "nominations")["unit_id"])
    assert units & (cluster7 - ref.tree.subtree("HN-CD-KCNCX"))  # other members of Cụm 7
    assert "HN-CDCS-THCS-VANQUAN" not in units


def test_council_leader_admin_read_everything(services: Services) -> None:
    total = len(services.store.read("nominations"))
    for actor in (COUNCIL, LEADER, ADMIN):
        assert len(services.rows(actor, "nominations")) == total


def test_history_is_scoped_too(services: Services) -> None:
    h = services.rows(OFFICER, "history")
    mine = {str(i) for tab in submission_tabs() for i in services.rows(OFFICER, tab)["id"]}
    assert set(h["row_id"]) <= mine and not h.empty
    # the contest entrants' tab is a workflow tab too: its history is scoped the same way
    assert "thi_sinh_2023" in submission_tabs()
    assert set(services.rows(OFFICER, "thi_sinh_2023")["unit_id"]) <= {OFFICER.unit_id}


def test_ids_from_outside_scope_are_not_found_and_nothing_is_written(services: Services) -> None:
    other = services.queue(REVIEWER_HD, "nominations")  # rows of units under the Hà Đông federation
    target = other[other["award_code"] == "LDTT"].iloc[0]
    before = len(services.store.read("history"))
    with pytest.raises(RowNotFound):
        services.get(OFFICER, "nominations", str(target["id"]))
    with pytest.raises(RowNotFound):
        services.act(REVIEWER, "nominations", str(target["id"]), int(target["version"]), "approve")
    with pytest.raises(RowNotFound):
        services.history(OFFICER, "nominations", str(target["id"]))
    assert len(services.store.read("history")) == before
    assert (
        services.act(REVIEWER_HD, "nominations", str(target["id"]), int(target["version"]), "approve")[
            "state"
        ]
        == "IN_COUNCIL"
    )


@pytest.mark.parametrize(
    "tamper",
    [
        {"role": "ADMIN"},
        {"unit_id": "HN-CDCS-THCS-VANQUAN"},
        {"email": "nobody@example.com"},
        {"role": "UPPER_REVIEWER"},
    ],
)
def test_tampered_actor_is_refused(services: Services, tamper: dict[str, str]) -> None:
    forged = dataclasses.replace(OFFICER, **tamper)
    with pytest.raises(ActionNotAllowed) as exc:
        services.rows(forged, "nominations")
    assert exc.value.message("vi")


def test_officer_cannot_approve_and_reviewer_cannot_act_on_own_unit(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    nom = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values())
    with pytest.raises(ActionNotAllowed):
        services.act(OFFICER, "nominations", nom["id"], 1, "approve")
    assert services.get(OFFICER, "nominations", nom["id"])["version"] == 1


def test_leader_cannot_write(services: Services, nomination_values: Callable[..., dict[str, str]]) -> None:
    with pytest.raises(ActionNotAllowed):
        services.create(LEADER, CAMPAIGN, "nomination", nomination_values())
    queue = services.queue(LEADER, "nominations")
    assert queue.empty


def test_bad_input_is_reported_per_field_in_vietnamese_and_nothing_saved(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    before = len(services.store.read("nominations"))
    with pytest.raises(ValidationFailed) as exc:
        services.create(
            OFFICER,
            CAMPAIGN,
            "nomination",
            nomination_values(full_name="", achievement="ngắn", award_code="HN_CNG_TD"),
        )
    messages = [e.message("vi") for e in exc.value.errors]
    assert any("Họ và tên" in m and "trống" in m for m in messages)
    assert any("Tóm tắt thành tích" in m and "ngắn" in m and "20" in m for m in messages)
    assert any(
        "Công nhân giỏi Thủ đô" in m and "Lao động tiên tiến" in m and "LDTT" not in m for m in messages
    )
    assert all(e.message("en") for e in exc.value.errors)
    assert len(services.store.read("nominations")) == before


def test_money_and_dates_typed_the_vietnamese_way(services: Services) -> None:
    values = {
        "name_vi": "Phần việc chăm lo bữa ăn ca",
        "work_type": "PHAN_VIEC",
        "level": "CO_SO",
        "implementing_org": "",
        "planned_completion": "1/12/2024",
        "value_vnd": "1,8 tỷ",
    }
    row = services.create(OFFICER, CAMPAIGN, "work", values)
    assert row["value_vnd"] == 1_800_000_000 and row["planned_completion"] == "2024-12-01"
    with pytest.raises(ValidationFailed) as exc:
        services.create(
            OFFICER,
            CAMPAIGN,
            "work",
            {**values, "value_vnd": "tám triệu", "planned_completion": "31/02/2024"},
        )
    text = " ".join(e.message("vi") for e in exc.value.errors)
    assert "tám triệu" in text and "8.500.000" in text and "31/02/2024" in text


def test_nfd_names_are_stored_nfc_and_duplicates_match_across_tone_placement(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Thu Thuỷ")
    row = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values(full_name=nfd))
    assert unicodedata.is_normalized("NFC", row["full_name"])
    dups = services.possible_duplicates(OFFICER, CAMPAIGN, "Nguyễn Thị Thu Thủy", "LDTT")
    assert row["id"] in set(dups["id"])


def test_search_is_diacritic_insensitive(services: Services) -> None:
    queue = services.queue(REVIEWER, "nominations", CAMPAIGN)
    name = str(queue.iloc[0]["full_name"])
    from core.text import fold

    hits = services.queue(REVIEWER, "nominations", CAMPAIGN, search=fold(name))
    assert name in set(hits["full_name"]) and len(hits) < len(queue)


def test_batch_import_keeps_good_rows_and_reports_each_bad_one(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    rows = [
        nomination_values(full_name="Lê Thị Demo Một"),
        nomination_values(full_name="", achievement="ngắn"),
        nomination_values(full_name="Lê Thị Demo Ba", award_code="HN_CNG_TD"),
        nomination_values(full_name="Lê Thị Demo Bốn", award_code="CSTD_CS"),
    ]
    before = len(services.store.read("nominations"))
    created, errors = services.create_many(OFFICER, CAMPAIGN, "nomination", rows, first_row=2)
    assert [r["full_name"] for r in created] == ["Lê Thị Demo Một", "Lê Thị Demo Bốn"]
    assert {e.row for e in errors} == {3, 4}
    assert any(e.message("vi").startswith("Dòng 3:") and "Họ và tên" in e.message("vi") for e in errors)
    assert any(
        e.message("vi").startswith("Dòng 4:") and "Công nhân giỏi Thủ đô" in e.message("vi") for e in errors
    )
    assert len(services.store.read("nominations")) == before + 2
    h = services.store.read("history")
    assert set(h[h["row_id"].isin([r["id"] for r in created])]["action"]) == {"create"}


def test_deadlines_flag_overdue_rows_and_due_soon_lists_them(services: Services) -> None:
    queue = services.queue(REVIEWER, "nominations", CAMPAIGN)
    assert {"days_in_state", "sla_days", "due_in", "overdue"} <= set(queue.columns)
    row = queue.iloc[0]
    assert row["sla_days"] == 15  # SUBMITTED: sla_days 15 in the campaign YAML
    assert row["due_in"] == row["sla_days"] - row["days_in_state"]
    assert bool(row["overdue"]) == (row["days_in_state"] > 15)
    urgent = services.due_soon(REVIEWER, within_days=3)
    assert not urgent.empty and (urgent["due_in"] <= 3).all()
    assert list(urgent["due_in"]) == sorted(urgent["due_in"])


def test_closed_campaign_refuses_unless_an_admin_reopened_it_for_the_unit(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    import datetime as dt

    drive = "HN-2023-DTD-CAODIEM-DH"
    values = nomination_values(award_code="HN_CNG_TD")
    with pytest.raises(ActionNotAllowed) as exc:
        services.create(OFFICER, drive, "nomination", values)
    assert "30/09/2023" in exc.value.message("vi")
    with pytest.raises(ActionNotAllowed):
        services.reopen(OFFICER, drive, "HN-CDCS-CANON", dt.date(2024, 12, 20), "Bổ sung hồ sơ muộn")
    services.reopen(ADMIN, drive, "HN-CDCS-CANON", dt.date(2024, 12, 20), "Bổ sung hồ sơ muộn do thiên tai")
    # reopened, the drive takes the row; its dossier (R-DOS-1) must be complete before it goes up
    draft = services.create(OFFICER, drive, "nomination", values, submit=False)
    dossiers = Dossiers(services)
    for kind, number in (("TTR", "12/TTr-CĐCS"), ("BCTT", ""), ("BB_HD", "05/BB-CĐCS")):
        doc = {"kind": kind, "so_ky_hieu": number, "issued_on": "15/09/2023", "held_on": "10/09/2023"}
        dossiers.save(OFFICER, "nominations", draft["id"], doc)
    assert services.act(OFFICER, "nominations", draft["id"], 1, "submit")["state"] == "SUBMITTED"
    with pytest.raises(ActionNotAllowed):  # another unit stays closed
        services.create(OFFICER_VQ, drive, "nomination", values)
    h = services.store.read("history")
    assert (h["action"] == "reopen").sum() == 1


def test_first_review_belongs_to_the_direct_upper_union(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    import dataclasses

    nom = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values())
    city_reviewer = dataclasses.replace(REVIEWER, unit_id="HN-LDLD")
    # a reviewer at the city level is not the Canon union's direct upper union
    assert nom["id"] not in set(services.queue(COUNCIL, "nominations", CAMPAIGN)["id"])
    assert city_reviewer.unit_id != services.reference().tree.parent["HN-CDCS-CANON"]
    assert nom["id"] in set(services.queue(REVIEWER, "nominations", CAMPAIGN)["id"])


def test_awards_can_be_revoked_with_a_reason_by_the_council_secretary(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    from tests.conftest import SECRETARY
    from tests.council.council_helpers import vote

    nom = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values())
    v = services.act(REVIEWER, "nominations", nom["id"], 1, "approve")["version"]
    assert v and vote(services, nom["id"])["state"] == "AWARDED"
    v = services.get(SECRETARY, "nominations", nom["id"])["version"]
    with pytest.raises(ActionNotAllowed):
        services.act(SECRETARY, "nominations", nom["id"], v, "revoke", "")
    with pytest.raises(ActionNotAllowed):
        services.act(OFFICER, "nominations", nom["id"], v, "revoke", "tự hủy")
    done = services.act(
        SECRETARY, "nominations", nom["id"], v, "revoke", "Kê khai thành tích không trung thực"
    )
    assert done["state"] == "REVOKED" and done["last_reason"].startswith("Kê khai")

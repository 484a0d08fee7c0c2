"""Council use cases on the demo store: authorisation, agenda, ballots, and what closing does."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from core.model import Actor
from services.council import Council
from services.services import Services
from tests.conftest import COUNCIL, OFFICER, REVIEWER, SECRETARY
from tests.council.council_helpers import add_user, refused

DAY = dt.date(2024, 12, 5)


@pytest.fixture
def council(services: Services) -> Council:
    return Council(services)


@pytest.fixture
def meeting(council: Council) -> dict[str, Any]:
    return council.open_meeting(SECRETARY, DAY, 13, 11, 1, "04/BB-HĐTĐKT")


def agenda_row(council: Council, award: str = "CSTD_CS", index: int = 0) -> dict[str, Any]:
    ag = council.agenda(COUNCIL)
    return ag[ag["award_code"] == award].iloc[index].to_dict()


def test_agenda_holds_only_nominations_at_the_council_stage(council: Council, services: Services) -> None:
    ag = council.agenda(COUNCIL)
    assert len(ag) > 100 and set(ag["state"]) == {"IN_COUNCIL"}
    tree = services.reference().tree
    assert all(tree.is_under(str(u), "HN-LDLD") for u in ag["unit_id"])
    assert len(council.agenda(SECRETARY)) == len(ag)


@pytest.mark.parametrize("actor", [OFFICER, REVIEWER], ids=["officer", "reviewer"])
def test_people_outside_the_council_cannot_see_the_agenda(council: Council, actor: Actor) -> None:
    refused("council.not_member", council.agenda, actor)


def test_secretary_opens_a_meeting_with_the_quorum_rule_in_force(meeting: dict[str, Any]) -> None:
    assert meeting["council_unit_id"] == "HN-LDLD" and meeting["status"] == "OPEN"
    assert (meeting["members_total"], meeting["members_present"], meeting["written_votes"]) == (13, 11, 1)
    assert meeting["quorum_ratio"] == "≥ 66.67%"


def test_a_member_does_not_open_meetings(council: Council) -> None:
    refused("council.open_role", council.open_meeting, COUNCIL, DAY, 13, 11, 1)


def test_officer_cannot_record_a_ballot(council: Council, meeting: dict[str, Any]) -> None:
    row = agenda_row(council)
    refused("council.not_member", council.record_ballot, OFFICER, meeting["id"], row["id"], "SECRET", 9, 1)


def test_member_of_another_council_cannot_record_or_close(
    council: Council, services: Services, meeting: dict[str, Any]
) -> None:
    other = add_user(services, "hoi.dong.kcn", "COUNCIL_MEMBER", "HN-CD-KCNCX")
    row = agenda_row(council)
    exc = refused(
        "council.other_council", council.record_ballot, other, meeting["id"], row["id"], "SECRET", 9, 1
    )
    assert "Liên đoàn Lao động thành phố Hà Nội" in exc.message("vi")
    refused("council.other_council", council.close_meeting, other, meeting["id"], meeting["version"])


def test_a_role_edited_in_the_session_is_refused(council: Council) -> None:
    forged = Actor(OFFICER.email, OFFICER.name, "COUNCIL_SECRETARY", "HN-LDLD")
    refused("auth.not_granted", council.open_meeting, forged, DAY, 13, 11, 1)


def test_ballot_records_result_and_threshold(council: Council, meeting: dict[str, Any]) -> None:
    row = agenda_row(council)
    b = council.record_ballot(SECRETARY, meeting["id"], row["id"], "SHOW_OF_HANDS", 11, 1)
    # NĐ 98/2023 Điều 30 k7 (a dated row of workflows/rules.yaml from 2024): ≥ 80 % of all members
    assert (b["result"], b["threshold"], b["award_code"]) == ("PASS", "≥ 80%", "CSTD_CS")
    refused(
        "council.ballot_duplicate", council.record_ballot, SECRETARY, meeting["id"], row["id"], "SECRET", 9, 1
    )


def test_secret_ballot_rule_applies_to_codes_named_in_the_rules(services: Services) -> None:
    rows = [{"code": "secret_ballot_codes", "value": "CSTD_CS", "valid_from": "2024-06-01", "valid_to": ""}]
    strict = Council(services, extra_rules=rows)
    m = strict.open_meeting(SECRETARY, DAY, 13, 11, 1)
    row = agenda_row(strict)
    refused(
        "council.secret_required", strict.record_ballot, SECRETARY, m["id"], row["id"], "SHOW_OF_HANDS", 12, 0
    )
    assert strict.record_ballot(SECRETARY, m["id"], row["id"], "SECRET", 12, 0)["result"] == "PASS"


def test_ninety_percent_threshold_from_the_rules(services: Services) -> None:
    rows = [
        {"code": "vote_threshold.U_BK_LDLD", "value": ">= 0.9", "valid_from": "2024-01-01", "valid_to": ""}
    ]
    strict = Council(services, extra_rules=rows)
    m = strict.open_meeting(SECRETARY, DAY, 13, 11, 1)
    first, second = agenda_row(strict, "U_BK_LDLD", 0), agenda_row(strict, "U_BK_LDLD", 1)
    assert (
        strict.record_ballot(SECRETARY, m["id"], first["id"], "SECRET", 11, 1)["result"] == "FAIL"
    )  # 84.6 %
    assert strict.record_ballot(SECRETARY, m["id"], second["id"], "SECRET", 12, 0)["result"] == "PASS"


def test_nomination_not_on_the_agenda_is_refused(council: Council, services: Services, meeting: dict) -> None:
    noms = services.rows(COUNCIL, "nominations")
    awarded = noms[noms["state"] == "AWARDED"].iloc[0]
    refused(
        "council.not_on_agenda",
        council.record_ballot,
        SECRETARY,
        meeting["id"],
        awarded["id"],
        "SECRET",
        9,
        1,
    )


def test_no_ballot_without_quorum_and_no_close(council: Council) -> None:
    thin = council.open_meeting(SECRETARY, DAY, 13, 8, 4)
    row = agenda_row(council)
    refused("council.no_quorum", council.record_ballot, SECRETARY, thin["id"], row["id"], "SECRET", 12, 0)
    refused("council.no_quorum", council.close_meeting, SECRETARY, thin["id"], thin["version"])


def test_closing_awards_passes_and_rejects_fails_with_history(
    council: Council, services: Services, meeting: dict[str, Any]
) -> None:
    win, lose = agenda_row(council, index=0), agenda_row(council, index=1)
    council.record_ballot(SECRETARY, meeting["id"], win["id"], "SECRET", 11, 1)
    council.record_ballot(SECRETARY, meeting["id"], lose["id"], "SECRET", 5, 6, invalid=1)
    refused("council.close_role", council.close_meeting, COUNCIL, meeting["id"], meeting["version"])

    outcomes = council.close_meeting(SECRETARY, meeting["id"], meeting["version"])

    assert {(o.nomination_id, o.result, o.new_state) for o in outcomes} == {
        (win["id"], "PASS", "AWARDED"),
        (lose["id"], "FAIL", "REJECTED"),
    }
    h_win = services.history(COUNCIL, "nominations", win["id"]).iloc[-1]
    assert (h_win["action"], h_win["from_state"], h_win["to_state"]) == ("award", "IN_COUNCIL", "AWARDED")
    assert h_win["actor_email"] == SECRETARY.email
    assert "11/13" in h_win["reason"] and "04/BB-HĐTĐKT" in h_win["reason"]  # the vote behind it
    lost = services.get(COUNCIL, "nominations", lose["id"])
    assert lost["state"] == "REJECTED"
    assert "5/13" in lost["last_reason"] and "≥ 80%" in lost["last_reason"]  # CSTĐCS: NĐ 98/2023 Điều 30 k7
    h_lose = services.history(COUNCIL, "nominations", lose["id"]).iloc[-1]
    assert (h_lose["action"], h_lose["to_state"], h_lose["reason"]) == (
        "reject",
        "REJECTED",
        lost["last_reason"],
    )
    closed = council.meetings(COUNCIL)
    assert closed[closed["id"] == meeting["id"]].iloc[0]["status"] == "CLOSED"
    refused(
        "council.meeting_closed", council.record_ballot, SECRETARY, meeting["id"], win["id"], "SECRET", 9, 1
    )
    results = council.results(COUNCIL, meeting["id"])
    assert set(results["state"]) == {"AWARDED", "REJECTED"}


def test_closing_needs_ballots_and_the_version_read(council: Council, meeting: dict[str, Any]) -> None:
    refused("council.no_ballots", council.close_meeting, SECRETARY, meeting["id"], meeting["version"])
    refused(
        "council.meeting_changed", council.close_meeting, SECRETARY, meeting["id"], meeting["version"] + 1
    )


def test_a_nomination_moved_meanwhile_is_skipped_and_close_can_finish(
    council: Council, services: Services, meeting: dict[str, Any]
) -> None:
    a, b = agenda_row(council, index=0), agenda_row(council, index=1)
    council.record_ballot(SECRETARY, meeting["id"], a["id"], "SECRET", 11, 1)  # ≥ 80 % of 13 for CSTĐCS
    council.record_ballot(SECRETARY, meeting["id"], b["id"], "SECRET", 11, 1)
    services.act(SECRETARY, "nominations", b["id"], int(b["version"]), "return", "Thiếu biên bản họp.")
    outcomes = council.close_meeting(SECRETARY, meeting["id"], meeting["version"])
    assert {o.nomination_id: o.new_state for o in outcomes} == {a["id"]: "AWARDED", b["id"]: ""}
    assert services.get(COUNCIL, "nominations", b["id"])["state"] == "RETURNED"


def test_demo_holds_the_lldld_meeting_of_13_members() -> None:
    import demo
    from tests.conftest import DEMO_DAY
    from workflows.loader import load_campaigns, load_catalogue

    rows = demo.build(load_campaigns(), load_catalogue(), DEMO_DAY)
    meetings = rows["council_meetings"]
    assert len(meetings) > 3 and sum(m["status"] == "OPEN" for m in meetings) == 1
    assert any(
        (m["council_unit_id"], m["members_total"], m["members_present"], m["written_votes"])
        == ("HN-LDLD", 13, 11, 1)
        for m in meetings
    )
    assert {b["meeting_id"] for b in rows["ballots"]} <= {m["id"] for m in meetings}


def test_a_failed_vote_may_suggest_a_lower_form(
    council: Council, services: Services, meeting: dict[str, Any]
) -> None:
    row = agenda_row(council)  # CSTD_CS
    refused(
        "council.bad_suggestion",
        council.record_ballot,
        SECRETARY,
        meeting["id"],
        row["id"],
        "SECRET",
        4,
        8,
        suggested_code="CSTD_CS",
    )
    b = council.record_ballot(SECRETARY, meeting["id"], row["id"], "SECRET", 4, 8, suggested_code="LDTT")
    assert (b["result"], b["suggested_code"]) == ("DOWNGRADE", "LDTT")
    council.close_meeting(SECRETARY, meeting["id"], meeting["version"])
    done = services.get(COUNCIL, "nominations", row["id"])
    assert done["state"] == "REJECTED" and "LDTT" in done["last_reason"] and "4/13" in done["last_reason"]


def test_a_suggestion_is_ignored_when_the_vote_passes(council: Council, meeting: dict[str, Any]) -> None:
    row = agenda_row(council)
    b = council.record_ballot(SECRETARY, meeting["id"], row["id"], "SECRET", 11, 1, suggested_code="LDTT")
    assert (b["result"], b["suggested_code"]) == ("PASS", "")

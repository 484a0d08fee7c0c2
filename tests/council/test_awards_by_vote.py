"""Awards only through the council's vote (issue 23): a single member may only vote, the secretary
records the ballots and closes the meeting, and only a closed meeting's ballot moves a nomination
out of the council stage. Decisions taken outside the app, or by one person where the law allows it,
are recorded with their number and date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from core.errors import ActionNotAllowed
from services.council import Council
from services.services import Move, Services, records
from tests.conftest import ADMIN, COUNCIL, DEMO_DAY, OFFICER, REVIEWER, SECRETARY
from tests.council.council_helpers import add_user, on_agenda, refused
from workflows.decided_by import DecisionRef
from workflows.loader import CAMPAIGNS_DIR, load_campaigns, load_catalogue, parse_text
from workflows.spec import SpecError

CAMPAIGN = "HN-2024-KTN"
FILE = "hn-2024-khen-thuong-nam.yaml"
SHIPPED = (CAMPAIGNS_DIR / FILE).read_text(encoding="utf-8")


def spec_error(text: str) -> SpecError:
    with pytest.raises(SpecError) as caught:
        parse_text(text, FILE)
    assert caught.value.message("en") != caught.value.message("vi")
    return caught.value


def _swap(old: str, new: str, text: str = SHIPPED) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


AWARD_LINE = "roles: [COUNCIL_SECRETARY], scope: below, review: true, decided_by: council, conditions: [at_organiser], unless: [decided_beyond]}"


# ---------------------------------------------------------------------------------- loading a campaign


def test_a_campaign_whose_council_member_can_award_alone_is_refused_naming_the_move_and_the_fix() -> None:
    # the 2024 campaign as it shipped before issue 23: award from IN_COUNCIL to COUNCIL_MEMBER, in bulk
    old = _swap(
        AWARD_LINE,
        "roles: [COUNCIL_MEMBER], scope: below, review: true, bulk: true, conditions: [at_organiser], unless: [decided_beyond]}",
    )
    err = spec_error(old)
    vi, en = err.message("vi"), err.message("en")
    assert err.key == "workflows.commendation.transitions[6:award]"
    assert "award (IN_COUNCIL → AWARDED)" in vi and "COUNCIL_MEMBER" in vi
    assert "decided_by: council" in vi and "decided_by: outside" in vi and "decided_by: council" in en


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        # the secretary alone, without the vote
        (AWARD_LINE, AWARD_LINE.replace("decided_by: council, ", ""), "award_by_council_role"),
        # a vote-decided move listing a member instead of the secretary who records it
        (AWARD_LINE, AWARD_LINE.replace("[COUNCIL_SECRETARY]", "[COUNCIL_MEMBER]"), "council_decision_roles"),
        # a vote-decided move an admin could also make
        (
            AWARD_LINE,
            AWARD_LINE.replace("[COUNCIL_SECRETARY]", "[COUNCIL_SECRETARY, ADMIN]"),
            "council_decision_roles",
        ),
        # the VGCL's decision recorded by a council member
        (
            "roles: [COUNCIL_SECRETARY, ADMIN], scope: below, review: true, bulk: true, decided_by: outside",
            "roles: [COUNCIL_MEMBER, ADMIN], scope: below, review: true, bulk: true, decided_by: outside",
            "outside_decision_roles",
        ),
        # one person's decision by anyone but the distinct deciding role
        (
            "roles: [COUNCIL_SECRETARY, ADMIN], scope: below, review: true, bulk: true, decided_by: outside",
            "roles: [ADMIN], scope: below, review: true, bulk: true, decided_by: head",
            "head_decision_roles",
        ),
    ],
    ids=["secretary-alone", "member-listed", "admin-listed", "member-records-vgcl", "head-not-decider"],
)
def test_who_decides_is_checked_when_the_campaign_loads(old: str, new: str, problem: str) -> None:
    err = spec_error(_swap(old, new))
    assert err.problem == problem, err.message("en")
    assert "transitions[" in err.key


CONTEST = (CAMPAIGNS_DIR / "hn-2025-hoi-thi-tho-gioi.yaml").read_text(encoding="utf-8")
CONTEST_AWARD = "decided_by: jury,\n         conditions: [at_organiser, results_confirmed, prize_won]}"


@pytest.mark.parametrize(
    ("new", "problem"),
    [
        # the organisers' secretary giving a prize of their choosing: no confirmed ranking behind it
        ("decided_by: jury,\n         conditions: [at_organiser, prize_won]}", "jury_decision_guards"),
        # nobody said who decides: a council role would award alone
        ("\n         conditions: [at_organiser, results_confirmed, prize_won]}", "award_by_council_role"),
    ],
    ids=["jury-without-confirmed-results", "no-decided-by"],
)
def test_a_contest_prize_is_the_jury_s_confirmed_result(new: str, problem: str) -> None:
    """A contest's prize is decided by the jury's scores (``decided_by: jury``), given only once the
    organisers confirmed the ranking (``results_confirmed``); the shipped contests load."""
    assert parse_text(CONTEST, "hn-2025-hoi-thi-tho-gioi.yaml").contest is not None
    err = spec_error(_swap(CONTEST_AWARD, new, CONTEST))
    assert err.problem == problem, err.message("en")
    assert "award (COMPETING → AWARDED)" in err.message("vi")
    if problem == "jury_decision_guards":
        assert "results_confirmed" in err.message("vi") and "results_confirmed" in err.message("en")


def test_a_council_stage_cannot_be_left_to_an_award_by_another_road() -> None:
    bypass = _swap(
        "      - {trigger: withdraw, source: [DRAFT, SUBMITTED, RETURNED]",
        '      - {trigger: grant, source: IN_COUNCIL, dest: AWARDED, label: "Khen", roles: [ADMIN], scope: all}\n'
        "      - {trigger: withdraw, source: [DRAFT, SUBMITTED, RETURNED]",
    )
    err = spec_error(bypass)
    assert err.problem == "council_stage_bypass" and "grant (IN_COUNCIL → AWARDED)" in err.message("vi")


def test_the_shipped_campaigns_load_and_decide_at_the_council_only_by_vote() -> None:
    for camp in load_campaigns().values():
        for wf in camp.workflows.values():
            for t in wf.transitions:
                if wf.states[t.dest].outcome == "awarded" and {"COUNCIL_MEMBER", "COUNCIL_SECRETARY"} & set(
                    t.roles
                ):
                    assert t.decided_by in ("council", "outside", "jury"), (camp.id, t.trigger, t.source)
                    if t.decided_by == "jury":  # a contest's prize: only the confirmed results fire it
                        assert "results_confirmed" in t.conditions and camp.contest is not None
                assert "COUNCIL_MEMBER" not in t.roles, (camp.id, t.trigger)  # a member only votes


# ---------------------------------------------------------------------------------- nobody decides alone


def test_a_member_cannot_award_the_agenda_alone_nor_in_bulk(services: Services, demo_db: Path) -> None:
    """The reported bypass: 396 agenda rows awarded with one click and 0 ballots."""
    council = Council(services)
    agenda = council.agenda(SECRETARY)
    assert len(agenda) > 300
    items = [(str(r["id"]), int(r["version"])) for r in records(agenda)]
    before = len(services.store.read("history"))
    for actor in (COUNCIL, SECRETARY, ADMIN):
        with pytest.raises(ActionNotAllowed):
            services.act_many(actor, "nominations", items, "award")
        with pytest.raises(ActionNotAllowed) as one:
            services.act(actor, "nominations", items[0][0], items[0][1], "award")
        assert one.value.message("vi") and one.value.message("en")
    with pytest.raises(ActionNotAllowed) as by_secretary:
        services.act(SECRETARY, "nominations", items[0][0], items[0][1], "award")
    assert "biểu quyết" in by_secretary.value.message("vi")  # says where the award comes from
    assert len(services.store.read("history")) == before
    assert (services.store.read("nominations")["state"] == "IN_COUNCIL").sum() == len(agenda)
    # nor is the award a button anybody sees; the secretary is told why it is missing
    row = records(agenda)[0]
    assert "award" not in {t.trigger for t in services.actions(SECRETARY, "nominations", row)}
    assert any(t.trigger == "award" for t, _ in services.blocked_moves(SECRETARY, "nominations", row))
    assert services.actions(COUNCIL, "nominations", row) == []


def test_a_member_only_votes_the_secretary_records(services: Services) -> None:
    council = Council(services)
    meeting = council.open_meeting(SECRETARY, DEMO_DAY, 13, 11, 1, "04/BB-HĐTĐKT")
    row = records(council.agenda(SECRETARY))[0]
    refused("council.record_role", council.record_ballot, COUNCIL, meeting["id"], row["id"], "SECRET", 13, 0)
    refused("council.close_role", council.close_meeting, COUNCIL, meeting["id"], meeting["version"])


def test_ballots_of_an_open_meeting_or_another_council_move_nothing(services: Services) -> None:
    council = Council(services)
    meeting = council.open_meeting(SECRETARY, DEMO_DAY, 13, 11, 1, "04/BB-HĐTĐKT")
    row = records(council.agenda(SECRETARY))[0]
    council.record_ballot(SECRETARY, meeting["id"], row["id"], "SECRET", 12, 0)
    move = [Move(str(row["id"]), int(row["version"]))]
    refused(
        "engine.council_meeting_open", services.act_by_ballots, SECRETARY, "nominations", meeting["id"], move
    )
    # another council's secretary, with that (open) meeting's ballots, gets nothing either
    other = add_user(services, "thu.ky.kcn", "COUNCIL_SECRETARY", "HN-CD-KCNCX")
    with pytest.raises(ActionNotAllowed):
        services.act_by_ballots(other, "nominations", meeting["id"], move)
    assert services.get(SECRETARY, "nominations", str(row["id"]))["state"] == "IN_COUNCIL"
    refused("council.meeting_unknown", services.act_by_ballots, SECRETARY, "nominations", "NO-MEETING", move)


# ---------------------------------------------------------------------------------- closing a meeting


def _agenda(council: Council, award: str) -> list[dict[str, Any]]:
    ag = council.agenda(SECRETARY)
    return records(ag[ag["award_code"] == award])


def test_closing_applies_each_ballot_in_one_call_with_the_vote_as_the_record(services: Services) -> None:
    council = Council(services)
    meeting = council.open_meeting(SECRETARY, DEMO_DAY, 13, 11, 1, "04/BB-HĐTĐKT")
    win, lose = _agenda(council, "CSTD_CS")[:2]
    # CSTĐCS: ≥ 80 % of all 13 members (NĐ 98/2023, a dated rule): 11/13 passes, 10/13 fails
    council.record_ballot(SECRETARY, meeting["id"], win["id"], "SECRET", 11, 0, recused=1)
    council.record_ballot(SECRETARY, meeting["id"], lose["id"], "SECRET", 10, 2)
    writes = services.store.read("history")
    outcomes = {
        o.nomination_id: (o.result, o.new_state)
        for o in council.close_meeting(SECRETARY, meeting["id"], meeting["version"])
    }
    assert outcomes == {win["id"]: ("PASS", "AWARDED"), lose["id"]: ("FAIL", "REJECTED")}
    h = services.store.read("history")
    new = h[~h["id"].isin(writes["id"])]
    moved = new[new["tab"] == "nominations"]
    assert len(moved) == 2
    assert set(moved["actor_email"]) == {SECRETARY.email}
    won = moved[moved["row_id"] == win["id"]].iloc[0]
    assert "11/13" in won["reason"] and "04/BB-HĐTĐKT" in won["reason"]
    assert "10/13" in services.get(COUNCIL, "nominations", lose["id"])["last_reason"]


def test_a_pass_for_an_award_decided_above_forwards_it_and_the_vgcl_decision_is_recorded_with_its_number(
    services: Services, nomination_values: Any
) -> None:
    council = Council(services)
    row = on_agenda(services, nomination_values(award_code="CSTD_BNT", full_name="Đặng Thị Demo Bình"))
    assert row["state"] == "IN_COUNCIL"
    meeting = council.open_meeting(SECRETARY, DEMO_DAY, 13, 12, 1, "04/BB-HĐTĐKT")
    council.record_ballot(SECRETARY, meeting["id"], row["id"], "SECRET", 12, 1)  # ≥ 90 % of 13 needs 12
    (outcome,) = council.close_meeting(SECRETARY, meeting["id"], meeting["version"])
    assert (outcome.result, outcome.new_state) == ("PASS", "AT_TLD")
    at_tld = services.get(SECRETARY, "nominations", row["id"])
    version = int(at_tld["version"])
    # recording the VGCL's award needs its decision's number and date
    refused("engine.decision_required", services.act, SECRETARY, "nominations", row["id"], version, "award")
    bad = DecisionRef("12/TTr-TLĐ", dt.date(2024, 12, 1))
    refused(
        "engine.decision_bad_number",
        services.act,
        SECRETARY,
        "nominations",
        row["id"],
        version,
        "award",
        decision=bad,
    )
    late = DecisionRef("123/QĐ-TLĐ", dt.date(2024, 12, 9))
    refused(
        "engine.decision_bad_date",
        services.act,
        SECRETARY,
        "nominations",
        row["id"],
        version,
        "award",
        decision=late,
    )
    refused("engine.wrong_role", services.act, COUNCIL, "nominations", row["id"], version, "award",
            decision=DecisionRef("123/QĐ-TLĐ", dt.date(2024, 12, 1)))  # fmt: skip
    decision = DecisionRef("123/QĐ-TLĐ", dt.date(2024, 12, 1), "Nguyễn Văn Demo Tổng", "Chủ tịch")
    done = services.act(SECRETARY, "nominations", row["id"], version, "award", decision=decision)
    assert done["state"] == "AWARDED"
    hist = services.history(SECRETARY, "nominations", row["id"]).iloc[-1]
    assert (
        hist["reason"] == "Quyết định số 123/QĐ-TLĐ ngày 01/12/2024"
        and hist["actor_email"] == SECRETARY.email
    )
    decisions = services.store.read("decisions")
    recorded = decisions[decisions["number"] == "123/QĐ-TLĐ"].iloc[0]
    assert (recorded["issuer_unit_id"], recorded["issued_on"], recorded["award_code"]) == (
        "VN-TLD", "2024-12-01", "CSTD_BNT",
    )  # fmt: skip
    grants = services.store.read("award_grants")
    grant = grants[grants["nomination_id"] == row["id"]].iloc[0]
    assert grant["decision_id"] == recorded["id"] and not grant["revoked"]
    h = services.store.read("history")
    assert {"record", "grant"} <= set(h[h["reason"] == decision.text]["action"])


def test_an_interrupted_close_can_be_finished_and_a_closed_meeting_decides_no_more(
    services: Services,
) -> None:
    council = Council(services)
    meeting = council.open_meeting(SECRETARY, DEMO_DAY, 13, 11, 1, "04/BB-HĐTĐKT")
    row = _agenda(council, "LDTT")[0]
    council.record_ballot(SECRETARY, meeting["id"], row["id"], "SHOW_OF_HANDS", 10, 2)
    # the meeting is closed, but the outcome never applied (the process stopped in between)
    services.store.update("council_meetings", [_close(meeting)], actor=SECRETARY.email)
    services.invalidate()
    assert council.pending_outcomes(SECRETARY, meeting["id"]) == 1
    refused("council.close_role", council.apply_outcomes, COUNCIL, meeting["id"])
    (outcome,) = council.apply_outcomes(SECRETARY, meeting["id"])
    assert outcome.new_state == "AWARDED" and council.pending_outcomes(SECRETARY, meeting["id"]) == 0
    (again,) = council.apply_outcomes(SECRETARY, meeting["id"])  # repeating it changes nothing
    assert again.new_state == ""


def test_an_outcome_a_rule_refuses_stays_owed_while_the_others_apply(services: Services) -> None:
    """E.g. a hold placed on a nominee after the vote: the meeting's other outcomes are applied, that
    one is reported with the rule's reason and applied later, once the rule allows it."""
    import dataclasses

    camp = services.campaigns[CAMPAIGN]
    wf = camp.workflows["commendation"]
    blocked = tuple(
        dataclasses.replace(t, conditions=(*t.conditions, "decided_here"))
        if t.decided_by == "council" and t.trigger == "award"
        else t
        for t in wf.transitions
    )
    strict = dataclasses.replace(
        camp, workflows={**camp.workflows, "commendation": dataclasses.replace(wf, transitions=blocked)}
    )
    services.campaigns = {**services.campaigns, CAMPAIGN: strict}
    council = Council(services)
    meeting = council.open_meeting(SECRETARY, DEMO_DAY, 13, 11, 1, "04/BB-HĐTĐKT")
    win, lose = _agenda(council, "LDTT")[:2]
    council.record_ballot(SECRETARY, meeting["id"], win["id"], "SHOW_OF_HANDS", 10, 2)
    council.record_ballot(SECRETARY, meeting["id"], lose["id"], "SHOW_OF_HANDS", 3, 9)
    outcomes = {
        o.nomination_id: o for o in council.close_meeting(SECRETARY, meeting["id"], meeting["version"])
    }
    assert outcomes[lose["id"]].new_state == "REJECTED" and outcomes[lose["id"]].refusal is None
    held = outcomes[win["id"]]
    assert held.new_state == "" and held.refusal is not None and held.refusal.message("vi")
    assert services.get(SECRETARY, "nominations", win["id"])["state"] == "IN_COUNCIL"
    assert council.pending_outcomes(SECRETARY, meeting["id"]) == 1
    services.campaigns = {**services.campaigns, CAMPAIGN: camp}  # the rule no longer refuses it
    (done,) = [o for o in council.apply_outcomes(SECRETARY, meeting["id"]) if o.new_state]
    assert (done.nomination_id, done.new_state) == (win["id"], "AWARDED")


def _close(meeting: dict[str, Any]) -> Any:
    from core.ports import Change

    return Change(str(meeting["id"]), int(meeting["version"]), {"status": "CLOSED"})


# ---------------------------------------------------------------------------------- one person decides


ADHOC = """
id: HN-2024-DOTXUAT
name: {vi: "Khen thưởng đột xuất năm 2024", en: "Ad-hoc commendation 2024"}
kind: CHUYEN_DE
year: 2024
organiser: HN-LDLD
opens: 2024-01-15
closes: 2024-12-31
forms:
  adhoc:
    tab: nominations
    label: {vi: "Đề nghị khen thưởng đột xuất", en: "Ad-hoc nomination"}
    workflow: simplified
    awards: [U_BK_LDLD]
    fields: [subject_kind, full_name, position, award_code, achievement]
workflows:
  simplified:
    initial: DRAFT
    states:
      DRAFT: {label: "Dự thảo", editable: true}
      SUBMITTED: {label: "Đã trình", sla_days: 5}
      AWARDED: {label: "Đã khen thưởng", outcome: awarded}
      REJECTED: {label: "Không khen thưởng", terminal: true, outcome: rejected}
    transitions:
      - {trigger: submit, source: DRAFT, dest: SUBMITTED, roles: [UNIT_OFFICER], scope: own_unit, conditions: [campaign_open]}
      - {trigger: award, source: SUBMITTED, dest: AWARDED, label: "Quyết định khen thưởng", roles: [DECIDER], scope: below, review: true, decided_by: head}
      - {trigger: reject, source: SUBMITTED, dest: REJECTED, roles: [DECIDER], scope: below, review: true, reason: true}
      - {trigger: revoke, source: AWARDED, dest: REJECTED, roles: [DECIDER], scope: below, review: true, reason: true}
"""


def test_where_the_law_lets_one_person_decide_the_decider_records_a_decision_number_and_date(
    services: Services, nomination_values: Any
) -> None:
    spec = parse_text(ADHOC, "adhoc.yaml", [c["code"] for c in load_catalogue()])
    services.campaigns = {**services.campaigns, spec.id: spec}
    head = add_user(services, "chu.tich.ldld", "DECIDER", "HN-LDLD")
    nom = services.create(OFFICER, spec.id, "adhoc", nomination_values(award_code="U_BK_LDLD"))
    assert nom["state"] == "SUBMITTED"
    for other in (COUNCIL, SECRETARY, REVIEWER):
        with pytest.raises(ActionNotAllowed):
            services.act(
                other, "nominations", nom["id"], 1, "award", decision=DecisionRef("5/QĐ-LĐLĐ", DEMO_DAY)
            )
    refused("engine.decision_required", services.act, head, "nominations", nom["id"], 1, "award")
    done = services.act(
        head, "nominations", nom["id"], 1, "award", decision=DecisionRef("5/QĐ-LĐLĐ", DEMO_DAY)
    )
    assert done["state"] == "AWARDED"
    decisions = services.store.read("decisions")
    row = decisions[decisions["number"] == "5/QĐ-LĐLĐ"].iloc[0]
    assert (row["issuer_unit_id"], row["award_code"], row["issued_on"]) == (
        "HN-LDLD",
        "U_BK_LDLD",
        "2024-12-05",
    )
    last = services.history(head, "nominations", nom["id"]).iloc[-1]
    assert (last["actor_role"], last["reason"]) == ("DECIDER", "Quyết định số 5/QĐ-LĐLĐ ngày 05/12/2024")


# ---------------------------------------------------------------------------------- the demo


def test_every_council_decision_of_the_demo_is_a_closed_meetings_ballot() -> None:
    import demo

    rows = demo.build(load_campaigns(), load_catalogue(), DEMO_DAY)
    meetings = {m["id"]: m for m in rows["council_meetings"]}
    ballots = {b["nomination_id"]: b for b in rows["ballots"]}
    decided = [
        h
        for h in rows["history"]
        if h["tab"] == "nominations" and h["from_state"] == "IN_COUNCIL" and h["to_state"] != "RETURNED"
    ]
    assert decided, "the demo has council decisions"
    for h in decided:
        ballot = ballots[h["row_id"]]
        meeting = meetings[ballot["meeting_id"]]
        assert meeting["status"] == "CLOSED" and meeting["held_on"] <= h["at"][:10]
        assert (ballot["result"] == "PASS") == (h["to_state"] != "REJECTED")
        assert h["actor_role"] == "COUNCIL_SECRETARY" and meeting["minutes_no"] in h["reason"]
    logged = {(h["tab"], h["row_id"]) for h in rows["history"]}
    assert all(("ballots", b["id"]) in logged for b in rows["ballots"])
    assert all(
        ("council_meetings", m) in logged for m, x in meetings.items() if x["id"].startswith("DEMO-HOP-20")
    )

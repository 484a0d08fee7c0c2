"""The engine, table-driven over the shipped campaign YAML: who may do what, from where."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from core.errors import ActionNotAllowed
from core.model import Actor, OrgTree
from workflows import engine
from workflows.guards import GuardContext
from workflows.loader import load_campaigns, load_catalogue

CAMPAIGNS = load_campaigns()
ANNUAL = CAMPAIGNS["HN-2024-KTN"]
TREE = OrgTree(
    parent={
        "HN-LDLD": None,
        "HN-CD-KCNCX": "HN-LDLD",
        "CANON": "HN-CD-KCNCX",
        "HADONG": "HN-LDLD",
        "VQ": "HADONG",
    },
    level={
        "HN-LDLD": "LDLD_TINH",
        "HN-CD-KCNCX": "CD_CTTCS",
        "CANON": "CDCS",
        "HADONG": "CD_CTTCS",
        "VQ": "CDCS",
    },
)
CATALOGUE = {c["code"]: {**c, "active": True} for c in load_catalogue()}
OFFICER = Actor("o@x", "o", "UNIT_OFFICER", "CANON")
REVIEWER = Actor("r@x", "r", "UPPER_REVIEWER", "HN-CD-KCNCX")
OTHER_REVIEWER = Actor("r2@x", "r2", "UPPER_REVIEWER", "HADONG")
COUNCIL = Actor("c@x", "c", "COUNCIL_MEMBER", "HN-LDLD")
SECRETARY = Actor("s@x", "s", "COUNCIL_SECRETARY", "HN-LDLD")
LEADER = Actor("l@x", "l", "LEADER", "HN-LDLD")


def ctx(today: dt.date = dt.date(2024, 12, 5), form: str = "nomination") -> GuardContext:
    return GuardContext(today=today, campaign=ANNUAL, form=ANNUAL.forms[form], tree=TREE, catalogue=CATALOGUE)


def record(state: str, unit: str = "CANON", **kw: Any) -> dict[str, Any]:
    return {"state": state, "unit_id": unit, "subject_kind": "CA_NHAN", "award_code": "LDTT", **kw}


WF = ANNUAL.workflow_for("nomination")

ALLOWED = [
    # (actor, state, trigger, dest)
    (OFFICER, "DRAFT", "submit", "SUBMITTED"),
    (OFFICER, "RETURNED", "submit", "SUBMITTED"),
    (OFFICER, "SUBMITTED", "withdraw", "WITHDRAWN"),
    (REVIEWER, "SUBMITTED", "approve", "IN_COUNCIL"),
    (REVIEWER, "SUBMITTED", "return", "RETURNED"),
    (REVIEWER, "SUBMITTED", "reject", "REJECTED"),
    (SECRETARY, "IN_COUNCIL", "return", "RETURNED"),
]


@pytest.mark.parametrize(("actor", "state", "trigger", "dest"), ALLOWED)
def test_allowed_moves(actor: Actor, state: str, trigger: str, dest: str) -> None:
    t = engine.fire(WF, record(state), trigger, actor, ctx(), reason="lý do")
    assert t.dest == dest


REFUSED = [
    # (actor, record, trigger, words the user reads)
    (OFFICER, record("SUBMITTED"), "approve", "không được phép"),  # wrong role
    (REVIEWER, record("DRAFT"), "approve", "trạng thái"),  # wrong state
    (OTHER_REVIEWER, record("SUBMITTED"), "approve", "phạm vi"),  # outside subtree
    (REVIEWER, record("SUBMITTED", unit="HN-CD-KCNCX"), "approve", "chính đơn vị"),  # own unit
    (LEADER, record("IN_COUNCIL"), "award", "không được phép"),  # read-only role
    (COUNCIL, record("IN_COUNCIL"), "award", "không được phép"),  # a member only votes
    (COUNCIL, record("IN_COUNCIL"), "return", "không được phép"),
    (SECRETARY, record("IN_COUNCIL"), "award", "biểu quyết"),  # not without a closed meeting's ballot
    (OFFICER, record("AWARDED"), "withdraw", "trạng thái"),  # terminal
    (OFFICER, record("DRAFT", award_code="HN_CNG_TD"), "submit", "không thuộc biểu mẫu"),
    (OFFICER, record("DRAFT", award_code="U_CO_LDLD"), "submit", "không áp dụng cho đối tượng"),
    (Actor("o2@x", "o", "UNIT_OFFICER", "VQ"), record("DRAFT"), "submit", "phạm vi"),  # another unit's row
    (OFFICER, record("DRAFT"), "fly", "không có trong quy trình"),
]


@pytest.mark.parametrize(("actor", "rec", "trigger", "words"), REFUSED)
def test_refused_moves_say_why_in_vietnamese(
    actor: Actor, rec: dict[str, Any], trigger: str, words: str
) -> None:
    with pytest.raises(ActionNotAllowed) as exc:
        engine.fire(WF, rec, trigger, actor, ctx(), reason="lý do")
    assert words in exc.value.message("vi")
    assert exc.value.message("en") != exc.value.message("vi")


def test_return_and_reject_need_a_reason() -> None:
    for trigger in ("return", "reject"):
        with pytest.raises(ActionNotAllowed) as exc:
            engine.fire(WF, record("SUBMITTED"), trigger, REVIEWER, ctx(), reason="")
        assert "lý do" in exc.value.message("vi")
        assert "reason" in exc.value.message("en")


def test_submission_after_the_campaign_closes_is_refused_with_the_window() -> None:
    with pytest.raises(ActionNotAllowed) as exc:
        engine.fire(WF, record("DRAFT"), "submit", OFFICER, ctx(today=dt.date(2025, 1, 2)))
    assert "15/01/2024" in exc.value.message("vi") and "31/12/2024" in exc.value.message("vi")


def test_reopened_unit_may_submit_after_close() -> None:
    c = GuardContext(
        today=dt.date(2025, 1, 2),
        campaign=ANNUAL,
        form=ANNUAL.forms["nomination"],
        tree=TREE,
        catalogue=CATALOGUE,
        reopened_units=frozenset({"CANON"}),
    )
    assert engine.fire(WF, record("DRAFT"), "submit", OFFICER, c).dest == "SUBMITTED"


def test_available_lists_only_what_the_actor_may_do() -> None:
    assert {t.trigger for t in engine.available(WF, record("SUBMITTED"), REVIEWER, ctx())} == {
        "approve",
        "return",
        "reject",
    }
    assert {t.trigger for t in engine.available(WF, record("SUBMITTED"), OFFICER, ctx())} == {"withdraw"}
    assert engine.available(WF, record("SUBMITTED"), LEADER, ctx()) == []


@pytest.mark.parametrize("campaign", sorted(CAMPAIGNS))
def test_every_state_of_every_shipped_workflow_is_reachable_and_terminal_states_are_final(
    campaign: str,
) -> None:
    for wf in CAMPAIGNS[campaign].workflows.values():
        for name, st in wf.states.items():
            if st.terminal:
                assert wf.transitions_from(name) == [], name
            else:
                assert wf.transitions_from(name), name


def test_the_council_stage_belongs_to_the_organisers_council() -> None:
    upper_secretary = Actor("c2@x", "c2", "COUNCIL_SECRETARY", "HN-CD-KCNCX")
    row = record("IN_COUNCIL", id="N1")
    ballot = {"nomination_id": "N1", "result": "PASS", "meeting_status": "CLOSED"}
    theirs = GuardContext(
        today=dt.date(2024, 12, 5), campaign=ANNUAL, form=ANNUAL.forms["nomination"], tree=TREE,
        catalogue=CATALOGUE, ballots={"N1": {**ballot, "council_unit_id": "HN-CD-KCNCX"}},
    )  # fmt: skip
    with pytest.raises(ActionNotAllowed) as exc:
        engine.fire(WF, row, "award", upper_secretary, theirs)
    assert "HN-LDLD" in exc.value.message("vi")
    ours = GuardContext(
        today=dt.date(2024, 12, 5), campaign=ANNUAL, form=ANNUAL.forms["nomination"], tree=TREE,
        catalogue=CATALOGUE, ballots={"N1": {**ballot, "council_unit_id": "HN-LDLD"}},
    )  # fmt: skip
    assert engine.fire(WF, row, "award", SECRETARY, ours).dest == "AWARDED"

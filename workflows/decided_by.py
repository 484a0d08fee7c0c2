"""Who decides an award, and how the app knows it was decided (issue 23).

A move into a state whose ``outcome`` is ``awarded`` says in the campaign YAML who takes the decision
(``decided_by:``):

* ``council`` — an emulation council (Hội đồng TĐKT) decides by its vote. The move fires only as the
  outcome of a ballot of a **closed** meeting of the acting secretary's council: a PASS ballot fires
  the council's move that does not reject, a FAIL (or DOWNGRADE) ballot the move into a ``rejected``
  state. Nobody can fire it alone: a council member's only part is the vote the secretary records.
* ``outside`` — a body outside the app decided (the Tổng Liên đoàn): the secretary records the
  decision with its number and date; nobody decides here.
* ``head`` — one person decides where the law lets them (the head of the deciding body, e.g. an
  ad-hoc commendation under the simplified procedure, Luật TĐKT 2022 Điều 85): the distinct
  ``DECIDER`` role records the decision with its number and date.
* ``jury`` — a contest's prize (``contest:``): the jury's scores decide and the organiser's secretary
  confirms a category's results; the move needs the ``results_confirmed`` condition, so it fires only
  as part of that confirmation (``services.jury``), never by one person's choice of a row.

:func:`check_workflow` refuses, when a campaign loads, a workflow whose award a council role can
fire alone (the message names the move and the fix). The engine refuses a council move without its
ballot and a recorded decision without a number and a date. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.text import clean
from core.vnformat import DocKind, try_parse_doc_number

if TYPE_CHECKING:
    from workflows.spec import TransitionSpec, WorkflowSpec

#: The values ``decided_by:`` takes ("" = not a decision: an approval, a return, a withdrawal...).
DECIDED_BY: tuple[str, ...] = ("council", "outside", "head", "jury")
#: The condition a ``decided_by: jury`` move must carry: the category's results are confirmed.
JURY_CONDITION = "results_confirmed"
#: Roles that sit on a council: alone, they never decide an award.
COUNCIL_ROLES: frozenset[str] = frozenset({"COUNCIL_MEMBER", "COUNCIL_SECRETARY"})
#: Who records a council's outcome (the meeting's result) and an outside body's decision.
SECRETARY = "COUNCIL_SECRETARY"
#: The distinct role of a person the law lets decide alone (``decided_by: head``).
DECIDER = "DECIDER"
#: Ballot results that pass (anything else fails: FAIL, DOWNGRADE).
PASSING = frozenset({"PASS"})


@dataclass(frozen=True)
class DecisionRef:
    """A decision taken outside the app or by one person: its number ("123/QĐ-TLĐ") and its date,
    and optionally who signed it."""

    number: str
    issued_on: dt.date | None
    signer_name: str = ""
    signer_title: str = ""

    @property
    def text(self) -> str:
        """ "Quyết định số 123/QĐ-TLĐ ngày 10/12/2024" (a record: always Vietnamese)."""
        day = f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
        return f"Quyết định số {clean(self.number)}{day}"


def awarding(wf: WorkflowSpec, t: TransitionSpec) -> bool:
    """Whether ``t`` leads to a state that counts as awarded."""
    dest = wf.states.get(t.dest)
    return dest is not None and dest.outcome == "awarded"


def rejecting(wf: WorkflowSpec, t: TransitionSpec) -> bool:
    """Whether ``t`` leads to a state that counts as rejected (how a council says no)."""
    dest = wf.states.get(t.dest)
    return dest is not None and dest.outcome == "rejected"


def council_stages(wf: WorkflowSpec) -> frozenset[str]:
    """States a ``decided_by: council`` move leaves: where nominations wait for a council's vote."""
    return frozenset(s for t in wf.transitions if t.decided_by == "council" for s in t.source)


Fail = Callable[..., Exception]


def check_workflow(wf: WorkflowSpec, key: str, fail: Fail) -> None:
    """Refuse (``fail(key, problem, **params)``) a workflow in which an award can be decided by
    someone the law does not let decide alone. Called by :func:`workflows.spec.parse_campaign`."""
    for i, t in enumerate(wf.transitions):
        tkey = f"{key}.transitions[{i}:{t.trigger}]"
        move = f"{t.trigger} ({', '.join(t.source)} → {t.dest})"
        council = sorted(COUNCIL_ROLES & set(t.roles))
        if t.decided_by and t.decided_by not in DECIDED_BY:
            raise fail(
                f"{tkey}.decided_by", "unknown_value", found=t.decided_by, allowed=", ".join(DECIDED_BY)
            )
        if awarding(wf, t) and council and t.decided_by not in ("council", "outside", "jury"):
            raise fail(tkey, "award_by_council_role", move=move, roles=", ".join(council))
        if t.decided_by == "council":
            others = sorted(set(t.roles) - COUNCIL_ROLES)
            if SECRETARY not in t.roles or others:
                raise fail(f"{tkey}.roles", "council_decision_roles", move=move, found=", ".join(t.roles))
            dest = wf.states[t.dest]
            if dest.editable or dest.outcome not in ("awarded", "rejected", ""):
                raise fail(f"{tkey}.dest", "council_decision_dest", move=move)
        elif t.decided_by == "jury":
            if JURY_CONDITION not in t.conditions:
                raise fail(
                    f"{tkey}.conditions", "jury_decision_conditions", move=move, condition=JURY_CONDITION
                )
        elif t.decided_by in ("outside", "head"):
            if not awarding(wf, t):
                raise fail(f"{tkey}.decided_by", "decision_not_award", move=move, value=t.decided_by)
            if t.decided_by == "head" and tuple(t.roles) != (DECIDER,):
                raise fail(f"{tkey}.roles", "head_decision_roles", move=move, found=", ".join(t.roles))
            if t.decided_by == "outside" and "COUNCIL_MEMBER" in t.roles:
                raise fail(f"{tkey}.roles", "outside_decision_roles", move=move, found=", ".join(t.roles))
    for state in sorted(council_stages(wf)):
        moves = [t for t in wf.transitions_from(state) if t.decided_by == "council"]
        no = [t for t in moves if rejecting(wf, t)]
        if len(no) != 1 or len(no) == len(moves):
            raise fail(f"{key}.states.{state}", "council_stage_incomplete", state=state)
        for t in wf.transitions_from(state):
            if awarding(wf, t) and t.decided_by != "council":
                move = f"{t.trigger} ({state} → {t.dest})"
                raise fail(f"{key}.states.{state}", "council_stage_bypass", state=state, move=move)


def ballot_refusal(
    wf: WorkflowSpec,
    t: TransitionSpec,
    record: Mapping[str, Any],
    unit_id: str,
    ballot: Mapping[str, Any] | None,
) -> tuple[str, dict[str, Any]] | None:
    """Why the council move ``t`` may not fire on ``record`` with ``ballot`` (the stored ballot on
    that nomination, with its meeting's ``meeting_status`` and ``council_unit_id``), or None."""
    if ballot is None or str(ballot.get("nomination_id", "")) != str(record.get("id", "")):
        return "engine.council_vote_only", {"trigger": t.label}
    if str(ballot.get("council_unit_id", "")) != unit_id:
        return "engine.council_vote_only", {"trigger": t.label}
    if str(ballot.get("meeting_status", "")) != "CLOSED":
        return "engine.council_meeting_open", {"trigger": t.label}
    passed = str(ballot.get("result", "")) in PASSING
    if passed == rejecting(wf, t):
        return "engine.council_vote_other", {"trigger": t.label, "result": str(ballot.get("result", ""))}
    return None


def decision_refusal(
    decision: DecisionRef | None, today: dt.date, year: int
) -> tuple[str, dict[str, Any]] | None:
    """Why ``decision`` cannot be recorded (missing, not a decision's number, a date out of range)."""
    if decision is None or not clean(decision.number) or decision.issued_on is None:
        return "engine.decision_required", {}
    doc = try_parse_doc_number(decision.number)
    if doc is None or doc.kind is not DocKind.TYPED or doc.loai != "QĐ":
        return "engine.decision_bad_number", {"number": clean(decision.number)}
    if decision.issued_on > today or decision.issued_on.year < year:
        return "engine.decision_bad_date", {
            "date": f"{decision.issued_on:%d/%m/%Y}",
            "year": year,
            "today": f"{today:%d/%m/%Y}",
        }
    return None

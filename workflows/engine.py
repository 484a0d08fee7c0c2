"""The state machine: which moves an actor may make on a row, and making them.

Pure: no I/O. ``fire`` returns the transition to apply or raises ``ActionNotAllowed`` with a
reason a user can read (wrong state, wrong role, outside scope, own unit, missing reason, or the
refusal of a named guard).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.errors import ActionNotAllowed
from core.model import Actor
from i18n import t as t_
from workflows import guards
from workflows.decided_by import DecisionRef, ballot_refusal, decision_refusal
from workflows.guards import GuardContext, Refusal
from workflows.spec import TransitionSpec, WorkflowSpec


def _state_label(wf: WorkflowSpec, state: str) -> Mapping[str, str] | str:
    st = wf.states.get(state)
    return st.label if st else state


def _trigger_label(wf: WorkflowSpec, trigger: str) -> Mapping[str, str] | str:
    for t in wf.transitions:
        if t.trigger == trigger:
            return t.label
    return trigger


def _role_label(role: str) -> Mapping[str, str]:
    return {lang: t_(f"role.{role}", lang) for lang in ("vi", "en")}


def in_scope(scope: str, actor: Actor, unit_id: str, ctx: GuardContext) -> bool:
    """Whether a row of ``unit_id`` is inside ``scope`` for ``actor``."""
    if scope == "all":
        return True
    if scope == "own_unit":
        return unit_id == actor.unit_id
    if scope == "subtree":
        return unit_id == actor.unit_id or ctx.tree.is_under(unit_id, actor.unit_id)
    if scope == "below":
        return ctx.tree.is_under(unit_id, actor.unit_id)
    if scope == "parent":
        return ctx.tree.parent.get(unit_id) == actor.unit_id
    if scope == "cluster":
        members = ctx.cluster_units.get(actor.unit_id, frozenset())
        return any(unit_id == m or ctx.tree.is_under(unit_id, m) for m in members)
    return False


def refusal(
    wf: WorkflowSpec, t: TransitionSpec, record: Mapping[str, Any], actor: Actor, ctx: GuardContext
) -> Refusal | None:
    """Why ``actor`` may not fire ``t`` on ``record`` now (ignoring the reason text), or None."""
    state = str(record.get("state", ""))
    if state not in t.source:
        return Refusal("engine.wrong_state", {"state": _state_label(wf, state), "trigger": t.label})
    if actor.role not in t.roles:
        return Refusal("engine.wrong_role", {"role": _role_label(actor.role), "trigger": t.label})
    unit_id = str(record.get("unit_id", ""))
    if t.review and unit_id == actor.unit_id:
        return Refusal("engine.own_unit", {"unit": unit_id})
    if not in_scope(t.scope, actor, unit_id, ctx):
        return Refusal("engine.out_of_scope", {"unit": unit_id, "scope": t.scope})
    if t.decided_by == "council":  # only as the outcome of a closed meeting's ballot on this row
        why = ballot_refusal(wf, t, record, actor.unit_id, ctx.ballots.get(str(record.get("id", ""))))
        if why is not None:
            return Refusal(*why)
    for name in t.conditions:
        r = guards.get(name)(ctx, record, actor)
        if r is not None:
            return r
    for name in t.unless:
        if guards.get(name)(ctx, record, actor) is None:
            return Refusal("engine.unless", {"guard": name})
    return None


def available(
    wf: WorkflowSpec, record: Mapping[str, Any], actor: Actor, ctx: GuardContext
) -> list[TransitionSpec]:
    """The transitions ``actor`` may fire on ``record`` right now."""
    state = str(record.get("state", ""))
    return [t for t in wf.transitions_from(state) if refusal(wf, t, record, actor, ctx) is None]


def fire(
    wf: WorkflowSpec,
    record: Mapping[str, Any],
    trigger: str,
    actor: Actor,
    ctx: GuardContext,
    reason: str = "",
    decision: DecisionRef | None = None,
) -> TransitionSpec:
    """The transition ``trigger`` from the row's state, or ``ActionNotAllowed`` saying why not.

    A move that records a decision taken outside the app or by one person (``decided_by: outside``
    or ``head``) needs that decision's number and date."""
    state = str(record.get("state", ""))
    t = wf.transition(trigger, state)
    if t is None:
        if trigger not in wf.triggers():
            raise ActionNotAllowed("engine.unknown_trigger", trigger=trigger)
        raise ActionNotAllowed(
            "engine.wrong_state", state=_state_label(wf, state), trigger=_trigger_label(wf, trigger)
        )
    r = refusal(wf, t, record, actor, ctx)
    if r is not None:
        raise ActionNotAllowed(r.code, **r.params)
    if t.reason_required and not reason.strip():
        raise ActionNotAllowed("engine.reason_required", trigger=t.label)
    if t.decided_by in ("outside", "head"):
        why = decision_refusal(decision, ctx.today, ctx.campaign.year)
        if why is not None:
            raise ActionNotAllowed(why[0], trigger=t.label, **why[1])
    return t


def creation(wf: WorkflowSpec, submit: bool) -> tuple[str, TransitionSpec | None]:
    """State a new row starts in, and the submit transition to apply at once when ``submit``."""
    if not submit:
        return wf.initial, None
    for t in wf.transitions_from(wf.initial):
        if t.trigger == "submit":
            return wf.initial, t
    return wf.initial, None

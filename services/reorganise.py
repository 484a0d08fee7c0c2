"""Changing the union tree from a date (``cli.py reorganise``): the 2025 restructuring as data.

A plan names a date and what happens on it: units created (e.g. commune/ward unions), every unit
under an old parent moved to a new one (``moves``), single units moved (``units``), and units whose
life ends the day before (``ends``: the upper-level unions that ceased on 30/6/2025). Applying it:

* never edits history: each moved unit gets ``unit_parents`` rows (its old parent up to the day
  before, its new parent from the date), so the tree of any earlier day is unchanged and a 2024
  campaign's routing, clusters, counts and documents stay as they were;
* ends units by setting ``units.valid_to`` (version-checked) and records each moved unit's latest
  parent in ``units.parent_id``;
* re-routes the open submissions of campaigns still running on or after the date whose next
  holder changes (a row waiting at a district federation now waits at the city federation), with a
  history row and a hop row each;
* refuses a plan that would leave a unit alive on the date without a living parent, names an unknown
  unit, moves a unit under itself, or was applied already.

Everything is written in one store call (SQLite: one transaction).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from core.errors import ActionNotAllowed
from core.model import LEVELS, SECTORS, Actor, OrgTree
from core.ports import Change
from core.text import clean, iso_day
from core.tree_history import tree_on
from services.services import HOPS_TAB, Services, records
from workflows.hops import holder
from workflows.spec import CampaignSpec

UNITS = "units"
PARENTS = "unit_parents"
#: Submissions settled in one of these outcomes are never re-routed.
_SUBMISSION_TABS = ("nominations", "works", "initiatives")
_LIST_LIMIT = 10


@dataclass(frozen=True)
class Plan:
    """A reorganisation: what changes on ``date`` (old links end the day before)."""

    id: str
    date: dt.date
    decision: str = ""
    note: str = ""
    creates: tuple[Mapping[str, Any], ...] = ()
    moves: tuple[tuple[str, str], ...] = ()  # (old parent, new parent): every child of the old moves
    units: tuple[tuple[str, str], ...] = ()  # (unit, new parent)
    ends: tuple[str, ...] = ()


@dataclass
class Outcome:
    """What a plan does (or did): units moved, ended, created, and submissions re-routed."""

    plan: Plan
    moved: list[tuple[str, str, str]] = field(default_factory=list)  # (unit, old parent, new parent)
    ended: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    rerouted: list[tuple[str, str, str, str]] = field(default_factory=list)  # (tab, row id, from, to)
    applied: bool = False


def _fail(problem: str, **params: Any) -> ActionNotAllowed:
    return ActionNotAllowed(f"reorg.{problem}", **params)


def _in_cycle(tree: OrgTree, unit: str) -> bool:
    """Whether walking up from ``unit`` comes back to it."""
    seen: set[str] = set()
    cur = tree.parent.get(unit)
    while cur:
        if cur == unit:
            return True
        if cur in seen:
            return False
        seen.add(cur)
        cur = tree.parent.get(cur)
    return False


def _listed(items: Sequence[str]) -> str:
    shown = ", ".join(items[:_LIST_LIMIT])
    return shown + (f" (+{len(items) - _LIST_LIMIT})" if len(items) > _LIST_LIMIT else "")


def parse_plan(data: Any, file: str = "plan") -> Plan:
    """A plan from its parsed YAML; a wrong key or value names the key and what to write."""
    if not isinstance(data, Mapping):
        raise _fail("bad_plan", file=file, key="", found=type(data).__name__)
    allowed = {"id", "date", "decision", "note", "create", "moves", "units", "end"}
    for k in data:
        if k not in allowed:
            raise _fail("unknown_key", file=file, key=k, allowed=", ".join(sorted(allowed)))
    pid = clean(data.get("id"))
    day = iso_day(data.get("date"))
    if not pid:
        raise _fail("missing_key", file=file, key="id")
    if day is None:
        raise _fail("bad_date", file=file, key="date", found=data.get("date"))

    def pairs(key: str, first: str, second: str) -> tuple[tuple[str, str], ...]:
        out: list[tuple[str, str]] = []
        for i, item in enumerate(data.get(key) or []):
            if not isinstance(item, Mapping) or not clean(item.get(first)) or not clean(item.get(second)):
                raise _fail("bad_item", file=file, key=f"{key}[{i}]", need=f"{first}, {second}")
            out.append((clean(item[first]), clean(item[second])))
        return tuple(out)

    creates: list[Mapping[str, Any]] = []
    for i, item in enumerate(data.get("create") or []):
        if not isinstance(item, Mapping) or not clean(item.get("id")) or not clean(item.get("name_vi")):
            raise _fail("bad_item", file=file, key=f"create[{i}]", need="id, name_vi, level, parent")
        level = clean(item.get("level"))
        if level not in LEVELS:
            raise _fail(
                "bad_value", file=file, key=f"create[{i}].level", found=level, allowed=", ".join(LEVELS)
            )
        sector = clean(item.get("sector")) or "KHAC"
        if sector not in SECTORS:
            raise _fail(
                "bad_value", file=file, key=f"create[{i}].sector", found=sector, allowed=", ".join(SECTORS)
            )
        creates.append({**dict(item), "sector": sector})
    ends = tuple(clean(u) for u in (data.get("end") or []) if clean(u))
    return Plan(
        id=pid,
        date=day,
        decision=clean(data.get("decision")),
        note=clean(data.get("note")),
        creates=tuple(creates),
        moves=pairs("moves", "from", "to"),
        units=pairs("units", "unit", "to"),
        ends=ends,
    )


class Reorganiser:
    """Preview and apply a :class:`Plan` through the services' store (admins only)."""

    def __init__(self, svc: Services) -> None:
        self.svc = svc

    def _admin(self, actor: Actor) -> Actor:
        actor = self.svc.resolve(actor)
        if actor.role != "ADMIN":
            raise ActionNotAllowed("auth.admin_only")
        return actor

    def preview(self, actor: Actor, plan: Plan) -> Outcome:
        """What ``plan`` would do, or the refusal saying why it cannot be applied."""
        self._admin(actor)
        return self._plan(plan)[0]

    def apply(self, actor: Actor, plan: Plan) -> Outcome:
        """Apply ``plan`` in one store call; returns what was done."""
        actor = self._admin(actor)
        outcome, unit_changes, appends = self._plan(plan, actor)
        self.svc._write(UNITS, unit_changes, actor, appends)
        outcome.applied = True
        return outcome

    # ------------------------------------------------------------------ planning

    def _plan(
        self, plan: Plan, actor: Actor | None = None
    ) -> tuple[Outcome, list[Change], dict[str, list[dict[str, Any]]]]:
        svc = self.svc
        svc.invalidate([UNITS, PARENTS])
        ref = svc.reference()
        units = ref.units
        parents = ref.unit_parents
        if parents is not None and not parents.empty and (parents["plan_id"] == plan.id).any():
            raise _fail("already_applied", plan=plan.id)
        before_day = plan.date - dt.timedelta(days=1)
        before = ref.tree_on(before_day)
        known = set(units["id"].astype(str))
        created_ids = [clean(c["id"]) for c in plan.creates]
        dup = [u for u in created_ids if u in known]
        if dup:
            raise _fail("unit_exists", units=_listed(dup))
        ends = set(plan.ends)
        unknown = sorted(
            {
                u
                for u in (*ends, *(a for a, _ in plan.moves), *(u for u, _ in plan.units))
                if u not in before.parent
            }
        )
        if unknown:
            raise _fail("unknown_units", units=_listed(unknown), day=f"{before_day:%d/%m/%Y}")
        # the new parent of every unit the plan moves (a single unit wins over a move of its siblings)
        new_parent: dict[str, str] = {}
        for old, new in plan.moves:
            for child, par in before.parent.items():
                if par == old:
                    new_parent[child] = new
        for unit, new in plan.units:
            new_parent[unit] = new
        moved_ended = sorted(u for u in new_parent if u in ends)
        if moved_ended:
            raise _fail("moved_and_ended", units=_listed(moved_ended))
        alive_after = (set(before.parent) - ends) | set(created_ids)
        bad_targets = sorted({p for p in new_parent.values() if p not in alive_after})
        if bad_targets:
            raise _fail("dead_parent", units=_listed(bad_targets), day=f"{plan.date:%d/%m/%Y}")
        # the tree on the date: who would be left without a living parent
        orphans = sorted(
            u
            for u, par in before.parent.items()
            if u in alive_after and u not in new_parent and par is not None and par not in alive_after
        )
        for c in plan.creates:
            par = clean(c.get("parent"))
            if not par or par not in alive_after:
                orphans.append(clean(c["id"]))
        if orphans:
            raise _fail("orphans", units=_listed(orphans), count=len(orphans), day=f"{plan.date:%d/%m/%Y}")
        outcome = Outcome(plan)
        history_rows = self._parent_rows(plan, units, before, new_parent, ref.unit_parents)
        # what the tree becomes (for the cycle check and the re-routing)
        trial_units = units.copy()
        trial_units.loc[trial_units["id"].isin(list(ends)), "valid_to"] = before_day.isoformat()
        created_rows = [self._unit_row(c, plan) for c in plan.creates]
        if created_rows:
            trial_units = pd.concat([trial_units, pd.DataFrame(created_rows)], ignore_index=True)
        frames = [p for p in (parents, pd.DataFrame(history_rows)) if p is not None and not p.empty]
        trial_parents = pd.concat(frames, ignore_index=True) if frames else None
        after = tree_on(trial_units, trial_parents, plan.date)
        cyclic = sorted(u for u in new_parent if _in_cycle(after, u))
        if cyclic:
            raise _fail("cycle", units=_listed(cyclic))
        outcome.moved = [(u, str(before.parent.get(u) or ""), p) for u, p in sorted(new_parent.items())]
        outcome.ended = sorted(ends)
        outcome.created = created_ids
        # units: ended units end the day before; moved units' latest parent
        current = {str(r["id"]): r for r in records(units)}
        changes: list[Change] = []
        for u in sorted(ends | set(new_parent)):
            values: dict[str, Any] = {}
            if u in ends:
                values["valid_to"] = before_day.isoformat()
            if u in new_parent:
                values["parent_id"] = new_parent[u]
            changes.append(Change(u, int(current[u]["version"]), values))
        appends: dict[str, list[dict[str, Any]]] = {UNITS: created_rows, PARENTS: history_rows}

        def new_tree(day: dt.date) -> OrgTree:
            return after if day == plan.date else tree_on(trial_units, trial_parents, day)

        if actor is not None:
            hist, hops, rerouted = self._reroute(plan, new_tree, actor)
            outcome.rerouted = rerouted
            why = self._why(plan)
            unit_hist = [
                *(
                    svc._history_row(UNITS, u, "", "reorganise", old, new, actor, why)
                    for u, old, new in outcome.moved
                ),
                *(svc._history_row(UNITS, u, "", "unit_end", "", "", actor, why) for u in outcome.ended),
                *(svc._history_row(UNITS, u, "", "unit_create", "", "", actor, why) for u in created_ids),
            ]
            appends["history"] = unit_hist + hist
            appends[HOPS_TAB] = hops
        else:
            outcome.rerouted = self._reroute(plan, new_tree, None)[2]
        return outcome, changes, appends

    @staticmethod
    def _why(plan: Plan) -> str:
        text = f"{plan.id} ({plan.date:%d/%m/%Y})"
        return f"{text}: {plan.decision}" if plan.decision else text

    @staticmethod
    def _unit_row(c: Mapping[str, Any], plan: Plan) -> dict[str, Any]:
        members = c.get("member_count", 0)
        return {
            "id": clean(c["id"]),
            "name_vi": clean(c["name_vi"]),
            "short_name": clean(c.get("short_name")) or clean(c["name_vi"]),
            "level": clean(c.get("level")),
            "cttcs_kind": clean(c.get("cttcs_kind")),
            "parent_id": clean(c.get("parent")),
            "sector": clean(c.get("sector")) or "KHAC",
            "district": clean(c.get("district")),
            "member_count": int(members or 0),
            "worker_count": None,
            "established_on": plan.date.isoformat(),
            "valid_from": plan.date.isoformat(),
            "valid_to": "",
        }

    def _parent_rows(
        self,
        plan: Plan,
        units: Any,
        before: OrgTree,
        new_parent: Mapping[str, str],
        parents: Any,
    ) -> list[dict[str, Any]]:
        """``unit_parents`` rows: for a unit without history, its old link up to the day before; for
        every moved unit, its new link from the date. Existing rows are never edited: the row with
        the latest start in force wins (core.tree_history)."""
        had = set() if parents is None or parents.empty else set(parents["unit_id"].astype(str))
        since = {str(r["id"]): clean(r.get("valid_from")) for r in records(units)}
        before_day = (plan.date - dt.timedelta(days=1)).isoformat()
        rows: list[dict[str, Any]] = []
        for u, new in sorted(new_parent.items()):
            if u not in had:
                rows.append(
                    {
                        "unit_id": u,
                        "parent_id": str(before.parent.get(u) or ""),
                        "valid_from": since.get(u) or "2000-01-01",
                        "valid_to": before_day,
                        "plan_id": plan.id,
                        "decision": plan.decision,
                    }
                )
            rows.append(
                {
                    "unit_id": u,
                    "parent_id": new,
                    "valid_from": plan.date.isoformat(),
                    "valid_to": "",
                    "plan_id": plan.id,
                    "decision": plan.decision,
                }
            )
        return rows

    def _reroute(
        self, plan: Plan, new_tree: Any, actor: Actor | None
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[tuple[str, str, str, str]]]:
        """Open submissions of campaigns running on or after the date whose holder changes."""
        svc = self.svc
        ref = svc.reference()
        hist: list[dict[str, Any]] = []
        hops: list[dict[str, Any]] = []
        moved: list[tuple[str, str, str, str]] = []
        running = [c for c in svc.campaigns.values() if c.closes >= plan.date]
        if not running:
            return hist, hops, moved
        frames = svc._read(list(_SUBMISSION_TABS))
        for tab in _SUBMISSION_TABS:
            df = frames[tab]
            for camp in running:
                rows = df[df["campaign_id"] == camp.id]
                if rows.empty:
                    continue
                day = self._day(camp, plan, svc.today())
                old_tree, after = ref.tree_on(day), new_tree(day)
                for r in records(rows):
                    if str(r["form"]) not in camp.forms:
                        continue
                    wf = camp.workflow_for(str(r["form"]))
                    old = holder(wf, camp, str(r["state"]), str(r["unit_id"]), old_tree)
                    new = holder(wf, camp, str(r["state"]), str(r["unit_id"]), after)
                    if old is None or new is None or old == new:
                        continue
                    moved.append((tab, str(r["id"]), old, new))
                    if actor is None:
                        continue
                    why = f"{old} → {new} ({self._why(plan)})"
                    state = str(r["state"])
                    hist.append(
                        svc._history_row(tab, str(r["id"]), camp.id, "reroute", state, state, actor, why)
                    )
                    hops.append(
                        {
                            "tab": tab,
                            "row_id": str(r["id"]),
                            "campaign_id": camp.id,
                            "from_unit": old,
                            "to_unit": new,
                            "state": state,
                            "action": "reroute",
                            "reason": why,
                            "revision": int(r["revision"] or 0),
                            "actor_email": actor.email,
                            "at": svc.now_iso(),
                        }
                    )
        return hist, hops, moved

    @staticmethod
    def _day(camp: CampaignSpec, plan: Plan, today: dt.date) -> dt.date:
        """The day a running campaign's rows are compared on: the later of the date and today, inside
        the campaign's window (the day it routes on once the plan is in force)."""
        return min(max(plan.date, today, camp.opens), camp.closes)

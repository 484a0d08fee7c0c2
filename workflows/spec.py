"""Typed campaign specs: a campaign YAML (already parsed into plain data) -> frozen dataclasses.

Vocabulary follows pytransitions (``trigger/source/dest/conditions/unless``) plus ``roles``,
``scope``, ``review`` (separation of duties), ``reason`` and per-state ``sla_days``. Every error
names the file, the key and the fix (:class:`SpecError`). This module does no I/O and imports
no YAML library: ``workflows.loader`` reads files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.errors import ThiduaError
from core.model import CAMPAIGN_KINDS, LEVELS, ROLES, SCOPES
from schemas import form_tabs
from schemas.form_tabs import FieldDef
from schemas.validate import choices
from workflows import decided_by as deciders
from workflows import deciding, form_fields
from workflows import guards as guard_registry
from workflows import procedures as _procedures  # noqa: F401  (registers the procedures' guards)
from workflows.contest import ContestSpec, check_jury_moves, parse_contest

Label = Mapping[str, str]

#: Tabs a form may write to, and the fields each exposes (validated against schemas later).
FORM_TABS: tuple[str, ...] = ("nominations", "works", "initiatives")


class SpecError(ThiduaError):
    """A campaign file is wrong: which file, which key, what is wrong and how to fix it."""

    def __init__(self, file: str, key: str, problem: str, **params: Any) -> None:
        self.file, self.key, self.problem = file, key, problem
        super().__init__(f"spec.{problem}", file=file, key=key, **params)


@dataclass(frozen=True)
class StateSpec:
    """A state a row can be in."""

    name: str
    label: Label
    terminal: bool = False
    editable: bool = False  # the submitting unit may edit the row's fields in this state
    sla_days: int | None = None  # days a row may stay here before it is overdue
    outcome: str = ""  # "awarded", "accepted", "rejected", "withdrawn": what dashboards count
    level: str = ""  # the union level holding rows in this state (a stage), e.g. CD_CTTCS
    #: working days the proposed list stays published for comments (công khai, lấy ý kiến) while
    #: rows sit here; None: not a public comment stage (see workflows/procedures.py)
    public_comment_days: int | None = None


@dataclass(frozen=True)
class TransitionSpec:
    """A move from any of ``source`` to ``dest`` fired by ``trigger``."""

    trigger: str
    source: tuple[str, ...]
    dest: str
    label: Label
    roles: tuple[str, ...]
    scope: str
    conditions: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    reason_required: bool = False
    review: bool = False  # separation of duties: never on a row of the actor's own unit
    bulk: bool = False  # may be applied to many rows at once (with confirmation)
    #: who takes the decision this move records (``workflows.decided_by``): "council" (only as the
    #: outcome of a closed meeting's ballot), "outside" or "head" (a decision's number and date)
    decided_by: str = ""


@dataclass(frozen=True)
class WorkflowSpec:
    """A state machine: states, the initial state and transitions."""

    name: str
    initial: str
    states: Mapping[str, StateSpec]
    transitions: tuple[TransitionSpec, ...]

    def transitions_from(self, state: str) -> list[TransitionSpec]:
        """Transitions whose source includes ``state``."""
        return [t for t in self.transitions if state in t.source]

    def transition(self, trigger: str, state: str) -> TransitionSpec | None:
        """The transition for ``trigger`` from ``state``, if any."""
        for t in self.transitions:
            if t.trigger == trigger and state in t.source:
                return t
        return None

    def triggers(self) -> list[str]:
        """Every trigger name, in declaration order, without repeats."""
        return list(dict.fromkeys(t.trigger for t in self.transitions))


@dataclass(frozen=True)
class FieldSpec:
    """A form field: a column of the form's tab, optionally with its own label and help."""

    name: str
    required: bool = True
    label: Label | None = None
    help: Label | None = None


@dataclass(frozen=True)
class FormSpec:
    """A form officers fill: which tab it writes, which fields, which workflow moves its rows."""

    name: str
    tab: str
    label: Label
    fields: tuple[FieldSpec, ...]
    workflow: str
    awards: tuple[str, ...] = ()  # allowed catalogue codes for nomination forms
    fixed: Mapping[str, Any] = field(default_factory=dict)  # values set without asking
    #: the typed fields of a form writing to a tab of its own (``workflows/form_fields.py``)
    own_fields: tuple[FieldDef, ...] = ()
    #: "standard", or "simplified" (thủ tục đơn giản, Luật 2022 Điều 85: the short dossier of
    #: ``dossier_docs.SIMPLIFIED`` and the form's own ``deadlines``)
    kind: str = "standard"
    #: state -> days a row of this form may stay there (overrides the state's ``sla_days``)
    deadlines: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class TargetSpec:
    """A target the dashboard shows progress against: count rows of a form matching filters."""

    code: str
    label: Label
    form: str
    target: int
    outcomes: tuple[str, ...] = ()  # count rows whose state has one of these outcomes
    states: tuple[str, ...] = ()  # ... or is one of these states (empty both: every row)
    where: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class CampaignSpec:
    """A campaign (đợt thi đua): dates, documents, forms, workflows and targets."""

    id: str
    name: Label
    kind: str
    year: int
    organiser: str
    launch_doc: str
    launch_doc_date: dt.date | None
    opens: dt.date
    closes: dt.date
    forms: Mapping[str, FormSpec]
    workflows: Mapping[str, WorkflowSpec]
    targets: tuple[TargetSpec, ...]
    source: str = ""
    description: Label | None = None
    #: a juried contest (``workflows/contest.py``): jury, criteria, ranking and prize tiers
    contest: ContestSpec | None = None

    def workflow_for(self, form: str) -> WorkflowSpec:
        """The workflow that moves rows of ``form``."""
        return self.workflows[self.forms[form].workflow]

    def form_for_tab(self, tab: str) -> list[FormSpec]:
        """Forms of this campaign that write to ``tab``."""
        return [f for f in self.forms.values() if f.tab == tab]

    def is_open(self, day: dt.date) -> bool:
        """Whether ``day`` falls inside the campaign window (inclusive)."""
        return self.opens <= day <= self.closes


# --------------------------------------------------------------------------- parsing helpers

_CAMPAIGN_KEYS = {
    "id", "name", "kind", "year", "organiser", "launch_doc", "opens", "closes", "forms",
    "workflows", "targets", "description", "contest",
}  # fmt: skip
_WORKFLOW_KEYS = {"initial", "states", "transitions"}
_STATE_KEYS = {"label", "terminal", "editable", "sla_days", "outcome", "level", "public_comment"}
_TRANSITION_KEYS = {
    "trigger", "source", "dest", "label", "roles", "scope", "conditions", "unless", "reason",
    "review", "bulk", "decided_by",
}  # fmt: skip
_FORM_KEYS = {"tab", "label", "fields", "workflow", "awards", "fixed", "kind", "deadlines"}
FORM_KINDS: tuple[str, ...] = ("standard", "simplified")
#: Guard that must sit on the move out of a public comment stage (the period must be over).
COMMENT_GUARD = "public_comment_over"
#: Ranges of the numbers a campaign declares (issue 23: a huge number was saved, then every
#: reviewer's queue failed): days a row may wait at a step, the campaign's year, a target.
SLA_DAYS = (0, 730)
YEARS = (2000, 2100)
TARGETS = (0, 10_000_000)
#: The longest label or name a campaign may carry (a state's label is a line on a button or a chart).
MAX_TEXT = 500
#: A number a form fixes goes into every row's column: it must fit one (schemas then check its range).
MAX_FIXED_INT = 10**15
_FIELD_KEYS = {"name", "required", "label", "help"}
_TARGET_KEYS = {"code", "label", "form", "target", "outcomes", "states", "where"}
OUTCOMES: tuple[str, ...] = ("", "awarded", "accepted", "rejected", "withdrawn", "returned", "revoked")


def _listing(columns: Sequence[str] | set[str]) -> str:
    """Columns a user may name, for an error message (the bookkeeping ones left out)."""
    hidden = {"id", "version", "created_at", "updated_at", "updated_by", "client_token", "revision"}
    return ", ".join(c for c in (sorted(columns) if isinstance(columns, set) else columns) if c not in hidden)


class _Ctx:
    """Carries the file name so every error can name it."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, key: str, problem: str, **params: Any) -> SpecError:
        return SpecError(self.file, key, problem, **params)

    def mapping(self, value: Any, key: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(key, "expected_mapping", found=type(value).__name__)
        return value

    def require(self, data: Mapping[str, Any], name: str, key: str) -> Any:
        if name not in data or data[name] in (None, ""):
            raise self.fail(f"{key}.{name}" if key else name, "missing_key")
        return data[name]

    def known(self, data: Mapping[str, Any], allowed: set[str], key: str) -> None:
        for k in data:
            if k not in allowed:
                raise self.fail(
                    f"{key}.{k}" if key else str(k), "unknown_key", allowed=", ".join(sorted(allowed))
                )

    def label(self, value: Any, key: str) -> Label:
        if not isinstance(value, Mapping):
            text = self.text(value, key)
            return {"vi": text, "en": text}
        data = value
        if "vi" not in data:
            raise self.fail(f"{key}.vi", "missing_key")
        vi = self.text(data["vi"], f"{key}.vi")
        return {"vi": vi, "en": self.text(data["en"], f"{key}.en") if data.get("en") else vi}

    def text(self, value: Any, key: str, limit: int = MAX_TEXT) -> str:
        """A label or name: one line of text (a number or a date is read as its text), not too long."""
        if isinstance(value, Mapping | list | tuple | set):
            raise self.fail(key, "expected_text", found=type(value).__name__)
        text = str(value)
        if len(text) > limit:
            raise self.fail(key, "text_too_long", length=len(text), limit=limit)
        return text

    def bool_(self, data: Mapping[str, Any], name: str, key: str) -> bool:
        """``true`` or ``false`` (a word like "no" would otherwise count as true)."""
        value = data.get(name, False)
        if not isinstance(value, bool):
            raise self.fail(f"{key}.{name}", "expected_bool", found=value)
        return value

    def str_list(self, value: Any, key: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, Sequence):
            raise self.fail(key, "expected_list", found=type(value).__name__)
        return tuple(str(v) for v in value)

    def date(self, value: Any, key: str) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(key, "bad_date", found=value) from None

    def int_(self, value: Any, key: str, lo: int = -MAX_FIXED_INT, hi: int = MAX_FIXED_INT) -> int:
        """A whole number between ``lo`` and ``hi`` (a number out of range is refused naming the key,
        never left to overflow a column later: ``sla_days: 99999999999999999999``)."""
        if isinstance(value, bool) or not isinstance(value, int):
            try:
                value = int(str(value).strip()[:40])
            except ValueError:
                raise self.fail(key, "expected_int", found=str(value)[:40]) from None
        if not lo <= value <= hi:
            shown = str(value) if len(str(value)) <= 30 else f"{str(value)[:27]}..."
            raise self.fail(key, "out_of_range", found=shown, lo=f"{lo:,}", hi=f"{hi:,}")
        return value


def _parse_workflow(c: _Ctx, name: str, raw: Any) -> WorkflowSpec:
    key = f"workflows.{name}"
    data = c.mapping(raw, key)
    c.known(data, _WORKFLOW_KEYS, key)
    states_raw = c.mapping(c.require(data, "states", key), f"{key}.states")
    states: dict[str, StateSpec] = {}
    for sname, sraw in states_raw.items():
        skey = f"{key}.states.{sname}"
        sdata = c.mapping(sraw or {}, skey)
        c.known(sdata, _STATE_KEYS, skey)
        outcome = str(sdata.get("outcome", ""))
        if outcome not in OUTCOMES:
            raise c.fail(
                f"{skey}.outcome", "unknown_value", found=outcome, allowed=", ".join(o for o in OUTCOMES if o)
            )
        sla = sdata.get("sla_days")
        level = str(sdata.get("level", ""))
        if level and level not in LEVELS:
            raise c.fail(f"{skey}.level", "unknown_value", found=level, allowed=", ".join(LEVELS))
        comment = sdata.get("public_comment")
        comment_days: int | None = None
        if comment is not None:
            cdata = c.mapping(comment, f"{skey}.public_comment")
            c.known(cdata, {"working_days"}, f"{skey}.public_comment")
            comment_days = c.int_(
                c.require(cdata, "working_days", f"{skey}.public_comment"),
                f"{skey}.public_comment.working_days",
            )
            if not 1 <= comment_days <= 60:
                raise c.fail(
                    f"{skey}.public_comment.working_days",
                    "days_out_of_range",
                    found=comment_days,
                    low=1,
                    high=60,
                )
        states[str(sname)] = StateSpec(
            name=c.text(sname, skey, 40),
            label=c.label(sdata.get("label", sname), f"{skey}.label"),
            terminal=c.bool_(sdata, "terminal", skey),
            editable=c.bool_(sdata, "editable", skey),
            sla_days=None if sla is None else c.int_(sla, f"{skey}.sla_days", *SLA_DAYS),
            outcome=outcome,
            level=level,
            public_comment_days=comment_days,
        )
    initial = str(c.require(data, "initial", key))
    if initial not in states:
        raise c.fail(f"{key}.initial", "unknown_state", found=initial, allowed=", ".join(states))
    transitions: list[TransitionSpec] = []
    raw_ts = c.require(data, "transitions", key)
    if not isinstance(raw_ts, Sequence) or isinstance(raw_ts, str):
        raise c.fail(f"{key}.transitions", "expected_list", found=type(raw_ts).__name__)
    for i, traw in enumerate(raw_ts):
        tkey = f"{key}.transitions[{i}]"
        tdata = c.mapping(traw, tkey)
        c.known(tdata, _TRANSITION_KEYS, tkey)
        trigger = str(c.require(tdata, "trigger", tkey))
        tkey = f"{key}.transitions[{i}:{trigger}]"
        source = c.str_list(c.require(tdata, "source", tkey), f"{tkey}.source")
        for s in source:
            if s not in states:
                raise c.fail(f"{tkey}.source", "unknown_state", found=s, allowed=", ".join(states))
        dest = str(c.require(tdata, "dest", tkey))
        if dest not in states:
            raise c.fail(f"{tkey}.dest", "unknown_state", found=dest, allowed=", ".join(states))
        roles = c.str_list(c.require(tdata, "roles", tkey), f"{tkey}.roles")
        for r in roles:
            if r not in ROLES:
                raise c.fail(f"{tkey}.roles", "unknown_role", found=r, allowed=", ".join(ROLES))
        scope = str(tdata.get("scope", "own_unit"))
        if scope not in SCOPES:
            raise c.fail(f"{tkey}.scope", "unknown_scope", found=scope, allowed=", ".join(SCOPES))
        conditions = c.str_list(tdata.get("conditions"), f"{tkey}.conditions")
        unless = c.str_list(tdata.get("unless"), f"{tkey}.unless")
        for g in (*conditions, *unless):
            if not guard_registry.is_registered(g):
                raise c.fail(
                    f"{tkey}.conditions", "unknown_guard", found=g, allowed=", ".join(guard_registry.names())
                )
        decided = str(tdata.get("decided_by") or "")
        if decided and decided not in deciders.DECIDED_BY:
            raise c.fail(
                f"{tkey}.decided_by", "unknown_value", found=decided, allowed=", ".join(deciders.DECIDED_BY)
            )
        transitions.append(
            TransitionSpec(
                trigger=trigger,
                source=source,
                dest=dest,
                label=c.label(tdata.get("label", trigger), f"{tkey}.label"),
                roles=roles,
                scope=scope,
                conditions=conditions,
                unless=unless,
                reason_required=c.bool_(tdata, "reason", tkey),
                review=c.bool_(tdata, "review", tkey),
                bulk=c.bool_(tdata, "bulk", tkey),
                decided_by=decided,
            )
        )
    wf = WorkflowSpec(name=name, initial=initial, states=states, transitions=tuple(transitions))
    _check_duplicate_triggers(c, key, wf)
    _check_reachable(c, key, wf)
    _check_public_comment(c, key, wf)
    deciders.check_workflow(wf, key, c.fail)
    return wf


def _check_duplicate_triggers(c: _Ctx, key: str, wf: WorkflowSpec) -> None:
    """Two moves with the same trigger from the same state: only the first could ever fire (a row
    is moved by the first move its trigger names), so the second is refused with both named."""
    for i, t in enumerate(wf.transitions):
        for j in range(i):
            first = wf.transitions[j]
            shared = [s for s in t.source if s in first.source]
            if first.trigger == t.trigger and shared:
                raise c.fail(
                    f"{key}.transitions[{i}:{t.trigger}]",
                    "duplicate_trigger",
                    trigger=t.trigger,
                    state=shared[0],
                    first=j,
                    dest=first.dest,
                )


def _check_public_comment(c: _Ctx, key: str, wf: WorkflowSpec) -> None:
    """A public comment stage lets a row go on only when the period is over: every move out of it
    that needs no written reason (the move forward, not a return or a rejection) names the guard."""
    for name, st in wf.states.items():
        if st.public_comment_days is None:
            continue
        forward = [t for t in wf.transitions_from(name) if not t.reason_required and t.dest != name]
        for t in forward:
            if COMMENT_GUARD not in t.conditions:
                raise c.fail(
                    f"{key}.transitions[{t.trigger}].conditions",
                    "comment_guard_missing",
                    state=name,
                    trigger=t.trigger,
                    guard=COMMENT_GUARD,
                )


def _check_reachable(c: _Ctx, key: str, wf: WorkflowSpec) -> None:
    """Every state must be reachable from the initial one; non-terminal states need a way out."""
    seen = {wf.initial}
    frontier = [wf.initial]
    while frontier:
        s = frontier.pop()
        for t in wf.transitions_from(s):
            if t.dest not in seen:
                seen.add(t.dest)
                frontier.append(t.dest)
    for name, st in wf.states.items():
        if name not in seen:
            raise c.fail(f"{key}.states.{name}", "unreachable_state", found=name)
        if not st.terminal and not wf.transitions_from(name):
            raise c.fail(f"{key}.states.{name}", "dead_end_state", found=name)


def _check_deciding(
    c: _Ctx, key: str, wf: WorkflowSpec, awards: Sequence[str], levels: Mapping[str, str]
) -> None:
    """Every award of the form is decided at a stage the workflow has, and that stage can award.
    Checked only when the workflow declares its stages' levels (``level:`` on states)."""
    found = deciding.stages(wf)
    if not found:
        return
    top = wf.states[found[-1][1]].level
    for award in awards:
        level = levels.get(award, "")
        if not level:
            continue
        stage = deciding.deciding_stage(wf, level)
        if stage is None:
            raise c.fail(key, "award_level_unreachable", award=award, level=level, top=top, workflow=wf.name)
        if not any(wf.states[t.dest].outcome == "awarded" for t in wf.transitions_from(stage)):
            raise c.fail(key, "award_not_decided", award=award, level=level, stage=stage, workflow=wf.name)


def _check_where(
    c: _Ctx,
    key: str,
    form: FormSpec,
    where: Mapping[str, Sequence[str]],
    tab_columns: Callable[[str], Sequence[str]],
) -> None:
    """A target's ``where`` names columns of its form's tab and, for an enumerated column (an award
    code, a choice), values it can hold: a typo would silently count nothing."""
    own = {d.name: d for d in form.own_fields}
    columns = [*form_tabs.base_columns(), *own] if own else list(tab_columns(form.tab))
    for column, values in where.items():
        if column not in columns:
            raise c.fail(
                f"{key}.{column}", "unknown_column", found=column, tab=form.tab, allowed=_listing(columns)
            )
        if column == "award_code" and form.awards:
            allowed: Sequence[str] | None = form.awards
        elif column in own:
            allowed = own[column].codes() or None
        else:
            allowed = None if own else choices(form.tab, column)
        for value in values:
            if allowed is not None and value not in allowed:
                raise c.fail(f"{key}.{column}", "unknown_value", found=value, allowed=", ".join(allowed))


def parse_campaign(
    data: Any,
    file: str,
    *,
    tab_columns: Callable[[str], Sequence[str]],
    known_awards: Callable[[], Sequence[str]] | None = None,
    award_levels: Callable[[], Mapping[str, str]] | None = None,
    check_values: Callable[[str, Mapping[str, Any]], Sequence[tuple[str, Mapping[str, str]]]] | None = None,
) -> CampaignSpec:
    """Parse one campaign document. ``tab_columns`` names each tab's columns (from schemas);
    ``check_values`` says what the tab's schema finds wrong in a form's ``fixed`` values;
    ``award_levels`` maps award codes to the catalogue's ``awarding_level`` (to check that the
    stages of a nomination form's workflow can reach the level deciding each award)."""
    c = _Ctx(file)
    d = c.mapping(data, "")
    c.known(d, _CAMPAIGN_KEYS, "")
    cid = str(c.require(d, "id", ""))
    kind = str(c.require(d, "kind", ""))
    if kind not in CAMPAIGN_KINDS:
        raise c.fail("kind", "unknown_value", found=kind, allowed=", ".join(CAMPAIGN_KINDS))
    launch = c.mapping(d.get("launch_doc") or {}, "launch_doc")
    c.known(launch, {"number", "date"}, "launch_doc")
    opens = c.date(c.require(d, "opens", ""), "opens")
    closes = c.date(c.require(d, "closes", ""), "closes")
    if closes < opens:
        raise c.fail("closes", "closes_before_opens", opens=opens.isoformat(), closes=closes.isoformat())
    launch_date = c.date(launch["date"], "launch_doc.date") if launch.get("date") else None
    if launch_date and launch_date > opens:
        raise c.fail(
            "launch_doc.date", "launch_after_open", found=launch_date.isoformat(), opens=opens.isoformat()
        )

    workflows = {
        str(n): _parse_workflow(c, str(n), w)
        for n, w in c.mapping(c.require(d, "workflows", ""), "workflows").items()
    }
    awards_known = set(known_awards()) if known_awards else None
    forms: dict[str, FormSpec] = {}
    own_tabs: dict[str, str] = {}  # a form's own tab -> the form writing it (one form per own tab)
    for fname, fraw in c.mapping(c.require(d, "forms", ""), "forms").items():
        key = f"forms.{fname}"
        fdata = c.mapping(fraw, key)
        c.known(fdata, _FORM_KEYS, key)
        tab = str(c.require(fdata, "tab", key))
        own: tuple[FieldDef, ...] = ()
        wf = str(c.require(fdata, "workflow", key))
        if wf not in workflows:
            raise c.fail(f"{key}.workflow", "unknown_workflow", found=wf, allowed=", ".join(workflows))
        fields: list[FieldSpec] = []
        if tab not in FORM_TABS:  # a tab of the form's own, with typed fields (workflows/form_fields.py)
            form_fields.check_tab_name(c, f"{key}.tab", tab, cid)
            if tab in own_tabs:
                raise c.fail(f"{key}.tab", "own_tab_twice", found=tab, other=own_tabs[tab])
            own_tabs[tab] = str(fname)
            parsed = form_fields.parse_fields(c, key, c.require(fdata, "fields", key))
            own = tuple(d for d, _ in parsed)
            fields = [FieldSpec(d.name, required, d.label, d.help) for d, required in parsed]
            columns = {*form_tabs.base_columns(), *(d.name for d in own)}
        else:
            columns = set(tab_columns(tab))
        for i, fr in enumerate(c.require(fdata, "fields", key) if not own else ()):
            fkey = f"{key}.fields[{i}]"
            fd = {"name": fr} if isinstance(fr, str) else dict(c.mapping(fr, fkey))
            if "type" in fd:
                raise c.fail(f"{fkey}.type", "field_type_on_built_in", tab=tab)
            c.known(fd, _FIELD_KEYS, fkey)
            name = str(c.require(fd, "name", fkey))
            if name not in columns:
                raise c.fail(
                    f"{fkey}.name", "unknown_column", found=name, tab=tab, allowed=_listing(tab_columns(tab))
                )
            fields.append(
                FieldSpec(
                    name=name,
                    required=c.bool_({"required": fd.get("required", True)}, "required", fkey),
                    label=c.label(fd["label"], f"{fkey}.label") if "label" in fd else None,
                    help=c.label(fd["help"], f"{fkey}.help") if "help" in fd else None,
                )
            )
        awards = c.str_list(fdata.get("awards"), f"{key}.awards")
        if awards and own:
            raise c.fail(f"{key}.awards", "awards_on_own_tab", tab=tab)
        if awards_known is not None:
            for a in awards:
                if a not in awards_known:
                    raise c.fail(
                        f"{key}.awards",
                        "unknown_award_code",
                        found=a,
                        allowed=", ".join(sorted(awards_known)),
                    )
        if award_levels is not None and awards:
            _check_deciding(c, f"{key}.awards", workflows[wf], awards, award_levels())
        fixed = dict(c.mapping(fdata.get("fixed") or {}, f"{key}.fixed"))
        for col in fixed:
            if col not in columns:
                raise c.fail(
                    f"{key}.fixed.{col}", "unknown_column", found=col, tab=tab, allowed=_listing(columns)
                )
        for col, v in fixed.items():  # before any schema sees it: a huge number overflows a column
            if isinstance(v, int) and not isinstance(v, bool):
                c.int_(v, f"{key}.fixed.{col}", -MAX_FIXED_INT, MAX_FIXED_INT)
        for _column, problem in check_values(tab, fixed) if check_values is not None and fixed else ():
            raise c.fail(f"{key}.fixed", "bad_fixed_value", detail=problem)
        form_kind = str(fdata.get("kind", "standard"))
        if form_kind not in FORM_KINDS:
            raise c.fail(f"{key}.kind", "unknown_value", found=form_kind, allowed=", ".join(FORM_KINDS))
        deadlines: dict[str, int] = {}
        for st_name, days in c.mapping(fdata.get("deadlines") or {}, f"{key}.deadlines").items():
            if str(st_name) not in workflows[wf].states:
                raise c.fail(
                    f"{key}.deadlines",
                    "unknown_state",
                    found=st_name,
                    allowed=", ".join(workflows[wf].states),
                )
            deadlines[str(st_name)] = c.int_(
                days, f"{key}.deadlines.{st_name}", -MAX_FIXED_INT, MAX_FIXED_INT
            )
            if not 1 <= deadlines[str(st_name)] <= 365:
                raise c.fail(f"{key}.deadlines.{st_name}", "days_out_of_range", found=days, low=1, high=365)
        forms[str(fname)] = FormSpec(
            name=str(fname),
            tab=tab,
            label=c.label(c.require(fdata, "label", key), f"{key}.label"),
            fields=tuple(fields),
            workflow=wf,
            awards=awards,
            fixed=fixed,
            own_fields=own,
            kind=form_kind,
            deadlines=deadlines,
        )
    targets: list[TargetSpec] = []
    for i, traw in enumerate(d.get("targets") or []):
        key = f"targets[{i}]"
        td = c.mapping(traw, key)
        c.known(td, _TARGET_KEYS, key)
        form = str(c.require(td, "form", key))
        if form not in forms:
            raise c.fail(f"{key}.form", "unknown_form", found=form, allowed=", ".join(forms))
        wf_states = workflows[forms[form].workflow].states
        states = c.str_list(td.get("states"), f"{key}.states")
        for s in states:
            if s not in wf_states:
                raise c.fail(f"{key}.states", "unknown_state", found=s, allowed=", ".join(wf_states))
        outcomes = c.str_list(td.get("outcomes"), f"{key}.outcomes")
        for o in outcomes:
            if o not in OUTCOMES or not o:
                raise c.fail(f"{key}.outcomes", "unknown_value", found=o, allowed=", ".join(OUTCOMES[1:]))
        where = {
            str(k): c.str_list(v, f"{key}.where.{k}")
            for k, v in c.mapping(td.get("where") or {}, f"{key}.where").items()
        }
        _check_where(c, f"{key}.where", forms[form], where, tab_columns)
        targets.append(
            TargetSpec(
                code=str(c.require(td, "code", key)),
                label=c.label(c.require(td, "label", key), f"{key}.label"),
                form=form,
                target=c.int_(c.require(td, "target", key), f"{key}.target", *TARGETS),
                outcomes=outcomes,
                states=states,
                where=where,
            )
        )
    contest = parse_contest(c, d["contest"], forms, workflows) if d.get("contest") is not None else None
    check_jury_moves(c, forms, workflows, contest)
    return CampaignSpec(
        id=cid,
        name=c.label(c.require(d, "name", ""), "name"),
        kind=kind,
        year=c.int_(c.require(d, "year", ""), "year", *YEARS),
        organiser=str(c.require(d, "organiser", "")),
        launch_doc=str(launch.get("number", "")),
        launch_doc_date=launch_date,
        opens=opens,
        closes=closes,
        forms=forms,
        workflows=workflows,
        targets=tuple(targets),
        source=file,
        description=c.label(d["description"], "description") if d.get("description") else None,
        contest=contest,
    )

"""Named guards campaign YAML may use in ``conditions:`` / ``unless:``.

A guard answers "may this move happen now?" for one row: it returns ``None`` to allow, or a
:class:`Refusal` (an i18n code and its parameters) to refuse with a reason a user can read.
Register with ``@guard("name")``; an unknown name in YAML fails when the campaign loads.
Every guard is documented in ``workflows/campaigns/README.md`` (a test checks it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from core.dossier import FileAndVote, alternatives, date_problems, file_problems, missing_kinds, vote_problems
from core.model import Actor, OrgTree
from i18n import LANGS, t
from workflows.deciding import deciding_unit, rank

if TYPE_CHECKING:
    from workflows.spec import CampaignSpec, FormSpec


@dataclass(frozen=True)
class Refusal:
    """Why a guard said no: an i18n key plus parameters."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GuardContext:
    """What guards may look at: today, the campaign and form, the org tree and the catalogue."""

    today: dt.date
    campaign: CampaignSpec
    form: FormSpec
    tree: OrgTree
    catalogue: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    reopened_units: frozenset[str] = frozenset()
    cluster_units: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: unit -> (limit, used, LĐTT count) for the CSTĐCS quota, counted across the whole batch
    quota: Mapping[str, tuple[int, int, int]] = field(default_factory=dict)
    #: False when the dated ``cstdcs_max_ratio`` is blank for the campaign (no cap, NĐ 152/2025)
    quota_capped: bool = True
    #: record -> failed award prerequisites (``services.prerequisites.Finding``), when the workflow uses
    #: ``prerequisites_met``; None otherwise
    prerequisites: Callable[[Mapping[str, Any]], Sequence[Any]] | None = None
    #: submission id -> document kind -> its live dossier document (R-DOS-1, R-DOS-3), read once
    #: per batch, only for workflows whose guards look at the dossier
    dossier: Mapping[str, Mapping[str, Mapping[str, Any]]] = field(default_factory=dict)
    #: award code -> document kinds its dossier needs (dated rules in force for this campaign)
    dossier_required: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: entry id -> the prize code its confirmed contest result gives ("" for none), for the
    #: contest guards (``workflows/contest.py``); only entries with a confirmed result are keys
    contest_results: Mapping[str, str] = field(default_factory=dict)
    #: award code -> files and vote result the dossier needs (R-DOS-4/5)
    dossier_extras: Mapping[str, FileAndVote] = field(default_factory=dict)
    #: ids of rows on hold (discipline, inspection or complaint pending; NĐ 152 Điều 4) -> the hold
    holds: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: state -> working days the public comment lasts for rows of this form (``public_comment``)
    comment_days: Callable[[Mapping[str, Any]], int] | None = None
    #: nomination id -> its stored ballot (with its meeting's ``meeting_status`` and
    #: ``council_unit_id``), read from the store for a council's close; empty otherwise, so a
    #: ``decided_by: council`` move never fires outside a closed meeting
    ballots: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


Guard = Callable[[GuardContext, Mapping[str, Any], Actor], Refusal | None]
_REGISTRY: dict[str, Guard] = {}


def guard(name: str) -> Callable[[Guard], Guard]:
    """Register a guard under ``name`` (the name campaign YAML uses)."""

    def register(fn: Guard) -> Guard:
        if name in _REGISTRY:
            raise ValueError(f"guard {name!r} registered twice")
        _REGISTRY[name] = fn
        return fn

    return register


def is_registered(name: str) -> bool:
    """Whether a guard called ``name`` exists."""
    return name in _REGISTRY


def names() -> list[str]:
    """Every registered guard name, sorted."""
    return sorted(_REGISTRY)


def get(name: str) -> Guard:
    """The guard called ``name``."""
    return _REGISTRY[name]


# --------------------------------------------------------------------------- built-in guards


@guard("campaign_open")
def campaign_open(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """Submissions only inside the campaign window, unless an admin reopened it for the unit."""
    if ctx.campaign.is_open(ctx.today) or str(record.get("unit_id", "")) in ctx.reopened_units:
        return None
    return Refusal(
        "guard.campaign_closed",
        {
            "opens": ctx.campaign.opens.strftime("%d/%m/%Y"),
            "closes": ctx.campaign.closes.strftime("%d/%m/%Y"),
        },
    )


@guard("award_in_form")
def award_in_form(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """The nominated title or award must be one the form offers and an active catalogue entry."""
    code = str(record.get("award_code", ""))
    if not ctx.form.awards:
        return None
    item = ctx.catalogue.get(code)
    if code in ctx.form.awards and (item is None or bool(item.get("active", True))):
        return None
    allowed = {lang: ", ".join(_award_name(ctx, c)[lang] for c in ctx.form.awards) for lang in LANGS}
    return Refusal("guard.award_not_in_form", {"found": _award_name(ctx, code), "allowed": allowed})


@guard("subject_matches_award")
def subject_matches_award(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """An individual title cannot go to a collective, nor a flag to a person."""
    item = ctx.catalogue.get(str(record.get("award_code", "")))
    if item is None:
        return None
    kind = str(item.get("subject_kind", ""))
    subject = str(record.get("subject_kind", ""))
    if kind in ("CA_NHAN_TAP_THE", "") or kind == subject:
        return None
    return Refusal(
        "guard.subject_mismatch",
        {"award": _award_name(ctx, record.get("award_code", "")), "subject": _enum("subject_kind", subject)},
    )


@guard("unit_active")
def unit_active(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """The submitting unit must exist in the org tree today."""
    unit = str(record.get("unit_id", ""))
    if unit in ctx.tree.parent:
        return None
    return Refusal("guard.unit_inactive", {"unit": unit})


@guard("cstdcs_quota")
def cstdcs_quota(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """R-CSTDCS-3: a unit's approved CSTĐCS may not exceed its quota (ratio × LĐTT, rounded as
    the dated rule says). The services count the rows already past this stage plus the rows
    approved earlier in the same batch, so a bulk approval cannot slip past the limit."""
    if str(record.get("award_code", "")) != "CSTD_CS" or not ctx.quota_capped:
        return None
    unit = str(record.get("unit_id", ""))
    limit, used, ldtt = ctx.quota.get(unit, (0, 0, 0))
    if used + 1 <= limit:
        return None
    return Refusal(
        "guard.quota_exceeded", {"unit": _unit(ctx, unit), "limit": limit, "used": used, "ldtt": ldtt}
    )


@guard("at_organiser")
def at_organiser(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """The council stage belongs to the campaign's organiser (e.g. the city federation's council),
    not to a council of any union that happens to sit above the row."""
    if actor.unit_id == ctx.campaign.organiser:
        return None
    return Refusal(
        "guard.not_organiser",
        {"unit": _unit(ctx, actor.unit_id), "organiser": _unit(ctx, ctx.campaign.organiser)},
    )


@guard("prerequisites_met")
def prerequisites_met(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """R-LDTT-1/3, R-CSTDCS-2, R-CSTDBNT-1, R-CSTDTQ-1, R-BK-1, R-DEC-2: the nominee's ratings and
    award history meet the award (the same rules the entry paths report); the first blocking one
    is the reason. Persons not on the persons list are not judged here."""
    if ctx.prerequisites is None:
        return None
    found = [f for f in ctx.prerequisites(record) if getattr(f, "severity", "error") == "error"]
    if not found:
        return None
    first = found[0]
    return Refusal(f"rule.{first.rule}", {**first.params, "value": record.get("full_name", ""), "column": ""})


def kind_label(entry: str, lang: str) -> str:
    """A required entry's name: one kind, or alternatives joined with "hoặc" / "or"."""
    joiner = " hoặc " if lang == "vi" else " or "
    return joiner.join(t(f"dossier.kind.{k}", lang) for k in alternatives(entry))


def _kinds_label(kinds: tuple[str, ...]) -> dict[str, str]:
    return {lang: ", ".join(kind_label(k, lang) for k in kinds) for lang in ("vi", "en")}


@guard("dossier_complete")
def dossier_complete(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """R-DOS-1: every document the dated rules require for the row's award and deciding level is
    recorded; the refusal names the missing ones."""
    code = str(record.get("award_code", ""))
    required = ctx.dossier_required.get(code, ())
    docs = ctx.dossier.get(str(record.get("id", "")), {})
    missing = missing_kinds(required, docs)
    if missing:
        return Refusal("guard.dossier_missing", {"missing": _kinds_label(missing), "count": len(missing)})
    extras = ctx.dossier_extras.get(code)
    if extras is None:
        return None
    for p in (*file_problems(docs, extras.files), *vote_problems(docs, extras.vote, extras.threshold)):
        params = dict(p.params)
        if "kind" in params:
            params["kind"] = _kinds_label((str(params["kind"]),))
        return Refusal(p.code, params)
    return None


@guard("dossier_dates")
def dossier_dates(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """R-DOS-3: minutes held on ≤ tờ trình issued on ≤ today (the submission), both inside the
    campaign window."""
    docs = ctx.dossier.get(str(record.get("id", "")), {})
    problems = date_problems(docs, ctx.today, ctx.campaign.opens, ctx.campaign.closes)
    if not problems:
        return None
    first = problems[0]
    return Refusal(
        "guard.dossier_dates",
        {"problem": {lang: t(first.code, lang, **first.params) for lang in ("vi", "en")}},
    )


def _award_name(ctx: GuardContext, code: Any) -> dict[str, str]:
    """The award's name in each language, from the catalogue (its code only when it is unknown)."""
    item = ctx.catalogue.get(str(code)) or {}
    vi = str(item.get("name_vi") or code or "")
    return {"vi": vi, "en": str(item.get("name_en") or vi)}


def _unit(ctx: GuardContext, unit: str) -> str:
    return ctx.tree.name.get(unit, unit)


def _enum(column: str, value: str) -> dict[str, str]:
    key = f"enum.{column}.{value}"
    return {lang: (t(key, lang) if t(key, lang) != key else value) for lang in LANGS}


def _decider(ctx: GuardContext, record: Mapping[str, Any]) -> str:
    level = str(ctx.catalogue.get(str(record.get("award_code", "")), {}).get("awarding_level", ""))
    return deciding_unit(ctx.tree, str(record.get("unit_id", "")), level, ctx.campaign.organiser)


@guard("decided_here")
def decided_here(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """The row's award is decided by the actor's own unit (below the campaign's organiser), from
    the catalogue's awarding level: the row is awarded here and travels no further."""
    decider = _decider(ctx, record)
    if decider == actor.unit_id and decider != ctx.campaign.organiser:
        return None
    return Refusal(
        "guard.not_decided_here",
        {
            "award": _award_name(ctx, record.get("award_code", "")),
            "decider": _unit(ctx, decider),
            "unit": _unit(ctx, actor.unit_id),
        },
    )


@guard("decided_above")
def decided_above(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """The row's award is decided above the actor's unit (or by the campaign's organiser), so it
    goes on up; a row decided by the actor's own unit stops here."""
    decider = _decider(ctx, record)
    if decider == ctx.campaign.organiser or ctx.tree.is_under(actor.unit_id, decider):
        return None
    return Refusal(
        "guard.decided_here",
        {"award": _award_name(ctx, record.get("award_code", "")), "unit": _unit(ctx, actor.unit_id)},
    )


@guard("decided_beyond")
def decided_beyond(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """The row's award is decided above the campaign's organiser (e.g. ``CSTD_BNT`` by the Tổng
    Liên đoàn for a city federation's campaign): the organiser's council forwards it instead of
    awarding it. Use with ``unless:`` on the council's own award move."""
    award = str(record.get("award_code", ""))
    level = str(ctx.catalogue.get(award, {}).get("awarding_level", ""))
    organiser = ctx.campaign.organiser
    if level and rank(level) > rank(ctx.tree.level.get(organiser, "")):
        return None
    return Refusal(
        "guard.not_decided_beyond", {"award": _award_name(ctx, award), "unit": _unit(ctx, organiser)}
    )

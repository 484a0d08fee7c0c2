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

from core.dossier import date_problems, missing_kinds
from core.model import Actor, OrgTree
from i18n import t
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
    #: record -> failed award prerequisites (``services.prerequisites.Finding``), when the workflow uses
    #: ``prerequisites_met``; None otherwise
    prerequisites: Callable[[Mapping[str, Any]], Sequence[Any]] | None = None
    #: submission id -> document kind -> its live dossier document (R-DOS-1, R-DOS-3), read once
    #: per batch, only for workflows whose guards look at the dossier
    dossier: Mapping[str, Mapping[str, Mapping[str, Any]]] = field(default_factory=dict)
    #: award code -> document kinds its dossier needs (dated rules in force for this campaign)
    dossier_required: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
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
    return Refusal("guard.award_not_in_form", {"found": code, "allowed": ", ".join(ctx.form.awards)})


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
    return Refusal("guard.subject_mismatch", {"award": record.get("award_code", ""), "subject": subject})


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
    if str(record.get("award_code", "")) != "CSTD_CS":
        return None
    unit = str(record.get("unit_id", ""))
    limit, used, ldtt = ctx.quota.get(unit, (0, 0, 0))
    if used + 1 <= limit:
        return None
    return Refusal("guard.quota_exceeded", {"unit": unit, "limit": limit, "used": used, "ldtt": ldtt})


@guard("at_organiser")
def at_organiser(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """The council stage belongs to the campaign's organiser (e.g. the city federation's council),
    not to a council of any union that happens to sit above the row."""
    if actor.unit_id == ctx.campaign.organiser:
        return None
    return Refusal("guard.not_organiser", {"unit": actor.unit_id, "organiser": ctx.campaign.organiser})


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


def _kinds_label(kinds: tuple[str, ...]) -> dict[str, str]:
    return {lang: ", ".join(t(f"dossier.kind.{k}", lang) for k in kinds) for lang in ("vi", "en")}


@guard("dossier_complete")
def dossier_complete(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """R-DOS-1: every document the dated rules require for the row's award and deciding level is
    recorded; the refusal names the missing ones."""
    required = ctx.dossier_required.get(str(record.get("award_code", "")), ())
    missing = missing_kinds(required, ctx.dossier.get(str(record.get("id", "")), {}))
    if not missing:
        return None
    return Refusal("guard.dossier_missing", {"missing": _kinds_label(missing), "count": len(missing)})


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
    award = str(record.get("award_code", ""))
    return Refusal(
        "guard.not_decided_here",
        {"award": award, "decider": ctx.tree.name.get(decider, decider), "unit": actor.unit_id},
    )


@guard("decided_above")
def decided_above(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """The row's award is decided above the actor's unit (or by the campaign's organiser), so it
    goes on up; a row decided by the actor's own unit stops here."""
    decider = _decider(ctx, record)
    if decider == ctx.campaign.organiser or ctx.tree.is_under(actor.unit_id, decider):
        return None
    return Refusal("guard.decided_here", {"award": str(record.get("award_code", "")), "unit": actor.unit_id})


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
    name = ctx.tree.name.get(organiser, organiser)
    return Refusal("guard.not_decided_beyond", {"award": award, "unit": name})

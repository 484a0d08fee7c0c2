"""Campaign editing without a text editor: validate, preview and save a campaign YAML as a new version.

Versions live in the ``campaign_specs`` tab (one row per saved version, the store envelope says who and
when; each save also appends a ``history`` row). A running campaign's change never strands rows: the
save is refused while rows sit in a state the new version drops, unless the admin maps each dropped
state to a state of the new version; those rows then move in the same store call, with version checks
and a history row each. Admin-only, checked here on every call (the page only hides the form).

Other processes see a saved version at their next start: ``bootstrap.build`` overlays the latest
version per campaign (:func:`latest_specs`) on the campaigns read from files.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from core.errors import ActionNotAllowed, StaleRow
from core.model import Actor
from core.ports import Change, Workbook
from schemas.registry import columns_of, submission_tabs
from services import field_ledger
from services.services import Services, new_id, records
from workflows.loader import parse_text, put_in_use
from workflows.spec import CampaignSpec, SpecError

TAB = "campaign_specs"
#: Stands for one indentation space in the stored cell: stores clean text line by line (whitespace runs
#: collapsed, lines stripped, as for any typed cell), which would flatten YAML's indentation.
INDENT = "\u00b7"
log = logging.getLogger("thidua.campaign_admin")


@dataclass(frozen=True)
class Stranded:
    """Rows of one form in a state the new version no longer has."""

    tab: str
    form: str
    state: str
    count: int


@dataclass(frozen=True)
class SaveCheck:
    """What saving ``spec`` would do: the parsed spec, the next version, and rows it would strand."""

    spec: CampaignSpec
    version_no: int
    is_new: bool
    stranded: tuple[Stranded, ...] = ()
    unmapped: tuple[Stranded, ...] = ()  # stranded rows the given mapping does not cover


@dataclass(frozen=True)
class SaveResult:
    """A saved version: the stored row, and how many rows moved per (old state -> new state)."""

    spec: CampaignSpec
    row: Mapping[str, Any]
    moved: Mapping[tuple[str, str], int] = field(default_factory=dict)


def to_cell(text: str) -> str:
    """YAML text as stored: each line's leading spaces written as ``INDENT`` (readable in a sheet)."""
    lines = text.replace("\r\n", "\n").replace("\t", "  ").split("\n")
    return "\n".join(INDENT * (len(ln) - len(ln.lstrip(" "))) + ln.strip() for ln in lines).strip("\n")


def from_cell(cell: str) -> str:
    """The YAML text back from a stored cell (see :func:`to_cell`)."""
    lines = cell.split("\n")
    return "\n".join(" " * (len(ln) - len(ln.lstrip(INDENT))) + ln.lstrip(INDENT) for ln in lines) + "\n"


def validate_text(text: str, file: str = "campaign.yaml") -> CampaignSpec:
    """Parse YAML text with the same loader as the files; raises :class:`SpecError` naming key and fix."""
    return parse_text(text, file)


def _require_admin(svc: Services, actor: Actor) -> Actor:
    actor = svc.resolve(actor)
    if actor.role != "ADMIN":
        raise ActionNotAllowed("auth.admin_only")
    return actor


def versions(store: Workbook, campaign_id: str | None = None) -> pd.DataFrame:
    """Saved versions (all campaigns, or one), newest first."""
    df = store.read(TAB)
    if campaign_id is not None:
        df = df[df["campaign_id"] == campaign_id]
    return df.sort_values(["campaign_id", "version_no"], ascending=[True, False]).reset_index(drop=True)


def latest_specs(store: Workbook, problems: list[SpecError] | None = None) -> dict[str, CampaignSpec]:
    """The latest saved version of each campaign, parsed (bootstrap overlays these on the files).

    A version that no longer loads (the catalogue changed since, or it was saved before today's limits,
    e.g. ``sla_days: 99999999999999999999``) is skipped, added to ``problems``, and the file's version
    keeps running."""
    out: dict[str, CampaignSpec] = {}
    for rec in records(versions(store).drop_duplicates("campaign_id", keep="first")):
        cid, file = str(rec["campaign_id"]), f"{TAB}:{rec['campaign_id']}@v{rec['version_no']}"
        try:
            out[cid] = put_in_use(parse_text(from_cell(str(rec["yaml_text"])), file))
        except SpecError as exc:  # e.g. the catalogue changed since: keep the file's version running
            log.warning("saved campaign version ignored: %s", exc.message("en"))
            if problems is not None:
                problems.append(exc)
    return out


def _rows_by_state(
    svc: Services, actor: Actor, campaign_id: str, *, fresh: bool
) -> list[tuple[str, str, str, list[dict[str, Any]]]]:
    """(tab, form, state, rows) for every submission row of the campaign: from the services' short
    read cache for a preview, straight from the store when saving."""
    tabs = submission_tabs()
    # an admin reads all rows
    data = svc.store.read_many(tabs) if fresh else {tab: svc.rows(actor, tab, campaign_id) for tab in tabs}
    out: list[tuple[str, str, str, list[dict[str, Any]]]] = []
    for tab in tabs:
        df = data[tab]
        df = df[df["campaign_id"] == campaign_id]
        for (form, state), group in df.groupby(["form", "state"], sort=True):
            out.append((tab, str(form), str(state), records(group)))
    return out


def _dropped(old: CampaignSpec | None, new: CampaignSpec, form: str, state: str) -> bool:
    """Whether a row of ``form`` in ``state`` would have no state in ``new``."""
    if form not in new.forms:
        return old is None or form in old.forms
    return state not in new.workflow_for(form).states


def check_save(
    svc: Services,
    actor: Actor,
    text: str,
    mapping: Mapping[str, str] | None = None,
    file: str = "campaign.yaml",
    *,
    fresh: bool = False,
) -> SaveCheck:
    """Validate ``text`` and say what saving it would strand (nothing is written)."""
    actor = _require_admin(svc, actor)
    spec = validate_text(text, file)
    mapping = dict(mapping or {})
    old = svc.campaigns.get(spec.id)
    stranded = tuple(
        Stranded(tab, form, state, len(rows))
        for tab, form, state, rows in _rows_by_state(svc, actor, spec.id, fresh=fresh)
        if _dropped(old, spec, form, state)
    )
    unmapped = tuple(
        s
        for s in stranded
        if s.form not in spec.forms or mapping.get(s.state) not in spec.workflow_for(s.form).states
    )
    # a field whose new type does not fit what its column holds is refused now, not at the save
    field_ledger.check(svc.store, {spec.id: spec}, apply=False)
    saved = versions(svc.store, spec.id)
    last = int(saved["version_no"].max()) if not saved.empty else (1 if old is not None else 0)
    return SaveCheck(spec, last + 1, old is None, stranded, unmapped)


def save(
    svc: Services,
    actor: Actor,
    text: str,
    *,
    note: str = "",
    mapping: Mapping[str, str] | None = None,
    file: str = "campaign.yaml",
) -> SaveResult:
    """Save ``text`` as the campaign's next version and use it at once in ``svc``.

    Refused (``ActionNotAllowed`` listing states and row counts) while rows would sit in a dropped
    state that ``mapping`` (old state -> new state) does not send to a state of the new version.
    """
    actor = _require_admin(svc, actor)
    check = check_save(svc, actor, text, mapping, file, fresh=True)
    if check.unmapped:
        listing = "; ".join(f"{s.form}/{s.state}: {s.count}" for s in check.unmapped)
        raise ActionNotAllowed("admin.spec.stranded", campaign=check.spec.id, states=listing)
    spec = check.spec
    now = svc.now_iso()
    row = {
        "id": new_id(),
        "campaign_id": spec.id,
        "version_no": check.version_no,
        "yaml_text": to_cell(text),
        "note": note.strip(),
    }
    history = [
        {
            "tab": TAB,
            "row_id": row["id"],
            "campaign_id": spec.id,
            "action": "spec_save",
            "from_state": "",
            "to_state": f"v{check.version_no}",
            "actor_email": actor.email,
            "actor_role": actor.role,
            "actor_unit": actor.unit_id,
            "reason": note.strip(),
            "at": now,
        }
    ]
    moved: dict[tuple[str, str], int] = {}
    changes: dict[str, list[Change]] = {}
    mapping = dict(mapping or {})
    old = svc.campaigns.get(spec.id)
    for tab, form, state, rows in _rows_by_state(svc, actor, spec.id, fresh=True):
        if not _dropped(old, spec, form, state):
            continue
        dest = mapping.get(state, "")
        if form not in spec.forms or dest not in spec.workflow_for(form).states:  # arrived meanwhile
            raise ActionNotAllowed(
                "admin.spec.stranded", campaign=spec.id, states=f"{form}/{state}: {len(rows)}"
            )
        moved[(state, dest)] = moved.get((state, dest), 0) + len(rows)
        for rec in rows:
            changes.setdefault(tab, []).append(
                Change(str(rec["id"]), int(rec["version"]), {"state": dest, "state_since": now})
            )
            history.append({**history[0], "tab": tab, "row_id": str(rec["id"]), "action": "migrate",
                            "from_state": state, "to_state": dest,
                            "reason": f"v{check.version_no}: {state} -> {dest}"})  # fmt: skip
    # One store call per tab holding moved rows; the version row and all history go with the first
    # (or alone when nothing moves): a stale row there refuses the whole save, nothing written.
    tabs = list(changes) or [TAB]
    first, rest = tabs[0], tabs[1:]
    if rest:
        # Rows of several tabs cannot move in one atomic call: check every version first.
        for tab in rest:
            current = {str(r["id"]): int(r["version"]) for r in records(svc.store.read(tab))}
            stale = [c.id for c in changes[tab] if current.get(c.id) != c.expected_version]
            if stale:
                raise StaleRow(stale, tab)
    svc.store.update(
        first,
        changes.get(first, []),
        actor=actor.email,
        also_append={TAB: [row], "history": history},
    )
    for tab in rest:
        svc.store.update(tab, changes[tab], actor=actor.email)
    # a form's own tab: registered, created (or given the new columns), its fields recorded
    put_in_use(spec)
    own = {f.tab: columns_of(f.tab) for f in spec.forms.values() if f.own_fields}
    if own:
        svc.store.ensure_tabs(own)
        field_ledger.check(svc.store, {spec.id: spec}, actor=actor.email, now=now)
    # replaced, not changed in place: other sessions (and the warm start) may be looping over it
    svc.campaigns = {**svc.campaigns, spec.id: spec}
    svc.invalidate([*submission_tabs(), "history", TAB, field_ledger.TAB])
    return SaveResult(spec, row, moved)


def campaign_text(svc: Services, campaign_id: str) -> str:
    """The YAML text of a campaign as it runs now: its latest saved version, else its file."""
    saved = versions(svc.store, campaign_id)
    if not saved.empty:
        return from_cell(str(saved.iloc[0]["yaml_text"]))
    from workflows.loader import CAMPAIGNS_DIR

    spec = svc.campaigns.get(campaign_id)
    if spec is None or not spec.source:
        raise ActionNotAllowed("campaign.unknown", campaign=campaign_id)
    return (CAMPAIGNS_DIR / spec.source).read_text(encoding="utf-8")


__all__ = [
    "TAB",
    "SaveCheck",
    "SaveResult",
    "SpecError",
    "Stranded",
    "campaign_text",
    "check_save",
    "from_cell",
    "latest_specs",
    "save",
    "to_cell",
    "validate_text",
    "versions",
]

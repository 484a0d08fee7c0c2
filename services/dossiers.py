"""Use cases of a submission's dossier: the checklist, recording documents, and the hop trail.

Wraps :class:`services.services.Services` like ``services.council.Council`` does. Authorisation: anyone
who may read the row (its unit, the reviewers above it, councils, leaders) may read its dossier;
only the submitting unit's officers (the roles that create rows of the form) may add, edit or
remove a document, and only while the row's state is editable (draft, returned). Every change
checks the document's version and appends a history entry to the submission, in one store call.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from core import dossier as rules
from core.dossier import DOC_KINDS
from core.errors import ActionNotAllowed, FieldError, RowNotFound, ValidationFailed
from core.model import Actor
from core.ports import Change
from i18n import t
from schemas.registry import spec as tab_spec
from schemas.validate import validate_rows
from services.services import DOSSIER_TAB, HOPS_TAB, Services, new_id, records

#: Columns a user fills for one document.
FIELDS: tuple[str, ...] = (
    "kind", "so_ky_hieu", "issued_on", "held_on", "copies", "file_ref", "note", "vote_yes", "vote_total",
)  # fmt: skip
REQUIRED: tuple[str, ...] = ("kind", "issued_on")


@dataclass(frozen=True)
class Checklist:
    """What the dossier of one submission holds against what its award needs."""

    row: Mapping[str, Any]
    deciding_level: str
    required: tuple[str, ...]
    documents: pd.DataFrame  # live documents of the row
    missing: tuple[str, ...]
    warnings: list[str] = field(default_factory=list)  # R-DOS-2, in the reader's language
    problems: list[str] = field(default_factory=list)  # R-DOS-3, in the reader's language
    editable: bool = False

    @property
    def complete(self) -> bool:
        return not self.missing and not self.problems


class Dossiers:
    """Dossier documents and hops of submissions, through the services' scope and store."""

    def __init__(self, svc: Services) -> None:
        self.svc = svc

    # ------------------------------------------------------------------ reads

    def documents(self, actor: Actor, tab: str, row_id: str) -> pd.DataFrame:
        """The live documents of one submission the actor may read, in the order of DOC_KINDS."""
        self.svc.get(actor, tab, row_id)  # scope check: out of scope is "not found"
        docs = self.svc._read([DOSSIER_TAB])[DOSSIER_TAB]
        docs = docs[(docs["tab"] == tab) & (docs["row_id"] == row_id) & ~docs["removed"]]
        order = {k: i for i, k in enumerate(DOC_KINDS)}
        return docs.sort_values("kind", key=lambda s: s.map(order)).reset_index(drop=True)

    def checklist(self, actor: Actor, tab: str, row_id: str) -> Checklist:
        """Required, present and missing documents (R-DOS-1), short copies (R-DOS-2, warnings) and
        dates out of order (R-DOS-3) for one submission."""
        actor = self.svc.resolve(actor)
        row = self.svc.get(actor, tab, row_id)
        docs = self.documents(actor, tab, row_id)
        ref = self.svc.reference()
        campaign = self.svc.campaign(str(row["campaign_id"]))
        code = str(row.get("award_code", "") or "")
        level = str(ref.catalogue_map.get(code, {}).get("awarding_level", "")) if code else ""
        on = campaign.closes
        form = campaign.forms.get(str(row["form"]))
        simplified = form is not None and form.kind == "simplified"
        required = rules.required_kinds(ref.rules, code, level, on, simplified=simplified) if code else ()
        by_kind = {str(d["kind"]): d for d in records(docs)}
        wf = campaign.workflow_for(str(row["form"]))
        st = wf.states.get(str(row["state"]))
        editable = bool(st and st.editable) and self._may_edit(actor, row)
        submitted = (
            self.svc.today()
            if editable or not row.get("submitted_at")
            else pd.Timestamp(str(row["submitted_at"])[:10]).date()
        )
        lang = actor.lang
        warnings = [
            t(p.code, lang, **{**p.params, "kind": t(f"dossier.kind.{p.params['kind']}", lang)})
            for p in rules.copies_problems(by_kind, rules.copies_required(ref.rules, code, on))
        ]
        extras = rules.file_and_vote(ref.rules, code, on)
        problems = [
            t(p.code, lang, **p.params)
            for p in rules.date_problems(by_kind, submitted, campaign.opens, campaign.closes)
        ] + [
            t(
                p.code,
                lang,
                **{
                    **p.params,
                    **({"kind": t(f"dossier.kind.{p.params['kind']}", lang)} if "kind" in p.params else {}),
                },
            )
            for p in (
                *rules.file_problems(by_kind, extras.files),
                *rules.vote_problems(by_kind, extras.vote, extras.threshold),
            )
        ]
        return Checklist(
            row=row,
            deciding_level=level,
            required=required,
            documents=docs,
            missing=rules.missing_kinds(required, by_kind),
            warnings=warnings,
            problems=problems,
            editable=editable,
        )

    def hops(self, actor: Actor, tab: str, row_id: str) -> pd.DataFrame:
        """Where the submission has been, oldest first: from, to, state, action, reason, when."""
        self.svc.get(actor, tab, row_id)  # scope check
        h = self.svc._read([HOPS_TAB])[HOPS_TAB]
        h = h[(h["tab"] == tab) & (h["row_id"] == row_id)]
        return h.sort_values(["at", "created_at"]).reset_index(drop=True)

    # ------------------------------------------------------------------ commands

    def _may_edit(self, actor: Actor, row: Mapping[str, Any]) -> bool:
        campaign = self.svc.campaigns.get(str(row["campaign_id"]))
        if campaign is None or str(row["form"]) not in campaign.forms or row["unit_id"] != actor.unit_id:
            return False
        wf = campaign.workflow_for(str(row["form"]))
        makers = {r for tr in wf.transitions_from(wf.initial) for r in tr.roles}
        return actor.role in makers

    def _editable_row(self, actor: Actor, tab: str, row_id: str) -> dict[str, Any]:
        row = self.svc.get(actor, tab, row_id)
        campaign = self.svc.campaign(str(row["campaign_id"]))
        wf = campaign.workflow_for(str(row["form"]))
        st = wf.states.get(str(row["state"]))
        if st is None or not st.editable or not self._may_edit(actor, row):
            raise ActionNotAllowed("auth.dossier_not_editable", state=st.label if st else row["state"])
        return row

    def _check(
        self, actor: Actor, values: Mapping[str, Any], live: pd.DataFrame, doc_id: str
    ) -> dict[str, Any]:
        cells, errors = validate_rows(DOSSIER_TAB, [values], FIELDS, REQUIRED, lang=actor.lang)
        found = [FieldError(None, e.column, e.value, e.rule, e.params, e.severity) for e in errors]
        c = cells[0]
        s = tab_spec(DOSSIER_TAB)
        kind = str(c.get("kind", ""))
        bad = {e.column for e in found}
        if kind in DOC_KINDS:
            other = live[(live["kind"] == kind) & (live["id"] != doc_id)]
            if not other.empty:
                found.append(FieldError(None, s.label("kind", actor.lang), kind, "dossier_kind_twice"))
            label = s.label("so_ky_hieu", actor.lang)
            problem = rules.number_problem(kind, str(c.get("so_ky_hieu", "")), str(c.get("issued_on", "")))
            if problem is not None and label not in bad:
                found.append(FieldError(None, label, values.get("so_ky_hieu", ""), problem[0], problem[1]))
            if kind == "BB_HD":
                held_label = s.label("held_on", actor.lang)
                if not c.get("held_on") and held_label not in bad:
                    found.append(FieldError(None, held_label, "", "required"))
                elif c.get("held_on") and c.get("issued_on") and c["held_on"] > c["issued_on"]:
                    found.append(
                        FieldError(
                            None,
                            held_label,
                            values.get("held_on", ""),
                            "held_after_issued",
                            {"issued": pd.Timestamp(c["issued_on"]).strftime("%d/%m/%Y")},
                        )
                    )
                yes, total = c.get("vote_yes"), c.get("vote_total")
                if yes not in (None, "") and total not in (None, "") and int(yes) > int(total):
                    found.append(
                        FieldError(
                            None, s.label("vote_yes", actor.lang), yes, "vote_above_total", {"total": total}
                        )
                    )
            else:
                c["held_on"] = ""
                c["vote_yes"] = c["vote_total"] = None
        if found:
            raise ValidationFailed(found)
        return c

    def save(
        self,
        actor: Actor,
        tab: str,
        row_id: str,
        values: Mapping[str, Any],
        *,
        doc_id: str = "",
        expected_version: int = 0,
    ) -> dict[str, Any]:
        """Add a document (no ``doc_id``) or change one (its id and the version read)."""
        actor = self.svc.resolve(actor)
        row = self._editable_row(actor, tab, row_id)
        live = self.documents(actor, tab, row_id)
        if doc_id and doc_id not in set(live["id"]):
            raise RowNotFound([doc_id], DOSSIER_TAB)
        cells = self._check(actor, values, live, doc_id)
        what = f"{t('dossier.kind.' + cells['kind'], actor.lang)} {cells.get('so_ky_hieu', '')}".strip()
        state = str(row["state"])
        hist = self.svc._history_row(
            tab,
            row_id,
            str(row["campaign_id"]),
            "dossier_edit" if doc_id else "dossier_add",
            state,
            state,
            actor,
            what,
        )
        if doc_id:
            return self.svc._write(
                DOSSIER_TAB, [Change(doc_id, expected_version, cells)], actor, {"history": [hist]}
            )[0]
        doc = {"id": new_id(), "tab": tab, "row_id": row_id, **cells, "removed": False}
        self.svc._write(DOSSIER_TAB, [], actor, {DOSSIER_TAB: [doc], "history": [hist]})
        return doc

    def remove(
        self, actor: Actor, tab: str, row_id: str, doc_id: str, expected_version: int
    ) -> dict[str, Any]:
        """Take a document out of the dossier (kept in the tab, marked removed; never deleted)."""
        actor = self.svc.resolve(actor)
        row = self._editable_row(actor, tab, row_id)
        live = self.documents(actor, tab, row_id)
        hit = live[live["id"] == doc_id]
        if hit.empty:
            raise RowNotFound([doc_id], DOSSIER_TAB)
        doc = records(hit)[0]
        what = f"{t('dossier.kind.' + str(doc['kind']), actor.lang)} {doc['so_ky_hieu']}".strip()
        state = str(row["state"])
        hist = self.svc._history_row(
            tab, row_id, str(row["campaign_id"]), "dossier_remove", state, state, actor, what
        )
        return self.svc._write(
            DOSSIER_TAB, [Change(doc_id, expected_version, {"removed": True})], actor, {"history": [hist]}
        )[0]

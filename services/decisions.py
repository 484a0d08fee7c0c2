"""Issue commendation decisions and revoke grants (DOMAIN.md §3.8, §5.1 steps 14–15).

:class:`Decisions` works over :class:`services.services.Services`, with the same guarantees as every
other command: the actor is re-resolved from the ``users`` tab, only the awarding level's unit
may decide (R-DEC-1), rows outside the actor's subtree are never seen, nobody is granted the
same award for the same year twice unless the earlier grant was revoked (R-DEC-2), the decision,
its grants and their history rows are written in one store call, and a revocation checks the
grant's version and records its Chapter VII ground (R-REVOKE).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd

from core.errors import ActionNotAllowed, RowNotFound, StaleRow, ThiduaError
from core.model import Actor
from core.ports import Change
from core.text import clean, iso_day, match_key
from core.vnformat import DocKind, try_parse_doc_number, ui_date
from i18n import LANGS, has, t
from schemas.tabs_awards import REVOKE_REASONS
from services.services import Services, new_id, records
from workflows.states import state_outcome

#: Roles that sign or revoke decisions for their unit (the unit head, the council's secretary,
#: an administrator); the unit's level must still be the award's awarding level (R-DEC-1).
DECISION_ROLES = frozenset({"UNIT_HEAD", "COUNCIL_SECRETARY", "ADMIN"})
#: Workflow outcomes that mean "approved for the award" (the council passed it).
APPROVED_OUTCOMES = frozenset({"awarded"})


class Decisions:
    """Decision use cases; every method takes the acting user and re-checks what it may do."""

    def __init__(self, services: Services) -> None:
        self.svc = services

    # ------------------------------------------------------------------ reads

    def _authorise(self, actor: Actor, award_code: str) -> tuple[Actor, set[str]]:
        """(resolved actor, units it decides for) or a refusal naming the rule."""
        actor = self.svc.resolve(actor)
        if actor.role not in DECISION_ROLES:
            raise ActionNotAllowed(
                "decision.not_allowed_role", role=_labels(f"role.{actor.role}", actor.role)
            )
        ref = self.svc.reference()
        item = ref.catalogue_map.get(award_code)
        if item is None:
            raise ActionNotAllowed("decision.unknown_award", award=award_code)
        level = str(item.get("awarding_level", ""))
        unit_level = ref.tree.level.get(actor.unit_id, "")
        if unit_level != level:
            raise ActionNotAllowed(
                "decision.wrong_level",
                award=self._award_name(award_code),
                level=_labels(f"enum.level.{level}", level),
                unit=ref.unit_name(actor.unit_id),
                unit_level=_labels(f"enum.level.{unit_level}", unit_level),
            )
        return actor, ref.tree.subtree(actor.unit_id)

    def award_codes(self, actor: Actor) -> list[str]:
        """Catalogue codes the actor's unit decides (its level is their awarding level)."""
        actor = self.svc.resolve(actor)
        if actor.role not in DECISION_ROLES:
            return []
        ref = self.svc.reference()
        level = ref.tree.level.get(actor.unit_id, "")
        return sorted(c for c, item in ref.catalogue_map.items() if item.get("awarding_level") == level)

    def pending(self, actor: Actor, campaign_id: str, award_code: str) -> pd.DataFrame:
        """Approved nominations of ``award_code`` in the campaign, in the actor's units, not yet granted."""
        _, units = self._authorise(actor, award_code)
        self.svc.campaign(campaign_id)
        d = self.svc._read(["nominations", "award_grants"])
        noms = d["nominations"]
        noms = noms[
            (noms["campaign_id"] == campaign_id)
            & (noms["award_code"] == award_code)
            & noms["unit_id"].isin(units)
        ]
        if noms.empty:
            return noms.reset_index(drop=True)
        outcome = [
            state_outcome(self.svc.campaigns, campaign_id, str(f), str(s))
            for f, s in zip(noms["form"], noms["state"], strict=True)
        ]
        noms = noms[[o in APPROVED_OUTCOMES for o in outcome]]
        g = d["award_grants"]
        granted = set(g[~g["revoked"].astype(bool)]["nomination_id"])
        return noms[~noms["id"].isin(granted)].reset_index(drop=True)

    def grants(self, actor: Actor) -> pd.DataFrame:
        """Grants to units inside the actor's read scope, newest first."""
        units = self.svc.readable_units(actor)
        g = self.svc._read(["award_grants"])["award_grants"]
        if units is not None:
            g = g[g["unit_id"].isin(units)]
        return g.sort_values(["year", "created_at"], ascending=False).reset_index(drop=True)

    def _award_name(self, code: str) -> dict[str, str]:
        """The award's name in each language, for a message (the code when the catalogue lacks it)."""
        item = self.svc.reference().catalogue_map.get(code) or {}
        vi = str(item.get("name_vi") or code)
        return {"vi": vi, "en": str(item.get("name_en") or vi)}

    def _grant_name(self, grant: dict[str, Any]) -> dict[str, str]:
        """ "Name – award – year" of a grant in each language, for a message."""
        award = self._award_name(str(grant["award_code"]))
        return {lang: f"{grant['subject_name']} – {award[lang]} – {grant['year']}" for lang in LANGS}

    def _nominees(self, ids: Sequence[str], units: set[str]) -> str:
        """ "Name (unit name)" of each nomination id, for a message; an id outside ``units`` (the
        actor's scope) or unknown stays as it was given, so nothing outside the scope is named."""
        noms = self.svc._read(["nominations"])["nominations"]
        seen = noms[noms["id"].isin(list(ids)) & noms["unit_id"].isin(units)]
        ref = self.svc.reference()
        names = {
            str(r["id"]): f"{r['full_name']} ({ref.unit_name(str(r['unit_id']))})" for r in records(seen)
        }
        return "; ".join(names.get(i, i) for i in ids)

    # ------------------------------------------------------------------ commands

    def issue(
        self,
        actor: Actor,
        campaign_id: str,
        award_code: str,
        number: str,
        issued_on: dt.date,
        signer_name: str,
        signer_title: str,
        nomination_ids: Sequence[str] | None = None,
    ) -> dict[str, Any]:
        """Issue decision ``number`` granting ``award_code`` to the approved nominations (all, or
        ``nomination_ids``): one ``decisions`` row, one ``award_grants`` row per nominee and their
        history, in one store call. Refused as a whole when any nominee already holds the award."""
        actor, units = self._authorise(actor, award_code)
        campaign = self.svc.campaign(campaign_id)
        doc = try_parse_doc_number(number)
        if doc is None or doc.kind is not DocKind.TYPED or doc.loai != "QĐ":
            raise ActionNotAllowed("decision.bad_number", number=number)
        number = clean(number)
        if not clean(signer_name) or not clean(signer_title):
            raise ActionNotAllowed("decision.signer_required")
        if issued_on > self.svc.today() or issued_on.year < campaign.year:
            raise ActionNotAllowed(
                "decision.bad_date",
                date=f"{issued_on:%d/%m/%Y}",
                year=campaign.year,
                today=f"{self.svc.today():%d/%m/%Y}",
            )
        pending = self.pending(actor, campaign_id, award_code)
        if nomination_ids is not None:
            wanted = list(dict.fromkeys(nomination_ids))
            missing = [i for i in wanted if i not in set(pending["id"])]
            if missing:
                raise ActionNotAllowed("decision.not_approved", nominees=self._nominees(missing, units))
            pending = pending[pending["id"].isin(wanted)]
        if pending.empty:
            raise ActionNotAllowed("decision.nothing_to_grant", award=self._award_name(award_code))
        d = self.svc._read(["decisions", "award_grants"])
        decs = d["decisions"]
        taken = decs[
            (decs["issuer_unit_id"] == actor.unit_id)
            & (decs["issued_on"].str.slice(0, 4) == str(issued_on.year))
            & (decs["number"].map(clean) == number)
        ]
        if not taken.empty:
            raise ActionNotAllowed("decision.number_taken", number=number, year=issued_on.year)
        history = self.svc.award_history_for(records(pending))
        numbers = dict(zip(decs["id"].astype(str), decs["number"].astype(str), strict=True))
        held = {k: numbers.get(v, v) for k, v in _live_grant_keys(d["award_grants"]).items()}
        decision_id = new_id()
        grants: list[dict[str, Any]] = []
        hist: list[dict[str, Any]] = []
        for rec in records(pending):
            year = int(rec["year"])
            unit = str(rec["unit_id"])
            if rec.get("subject_kind") == "TAP_THE":
                kind, subject = "TAP_THE", unit
            else:
                kind = "CA_NHAN"
                subject = history.find(unit, rec.get("full_name"), rec.get("person_id"))[0] or ""
            key = _grant_key(kind, subject, unit, rec.get("full_name"), award_code, year)
            if key in held:
                raise ActionNotAllowed(
                    "decision.already_granted",
                    name=rec.get("full_name"),
                    award=self._award_name(award_code),
                    year=year,
                    decision=held[key],
                )
            held[key] = number
            gid = new_id()
            grants.append(
                {
                    "id": gid,
                    "decision_id": decision_id,
                    "subject_kind": kind,
                    "subject_id": subject,
                    "subject_name": rec.get("full_name"),
                    "unit_id": unit,
                    "award_code": award_code,
                    "year": year,
                    "nomination_id": rec["id"],
                    "revoked": False,
                    "revoked_on": "",
                    "revoke_reason": "",
                }
            )
            hist.append(
                self.svc._history_row("award_grants", gid, campaign_id, "grant", "", "GRANTED", actor, number)
            )
        row = {
            "id": decision_id,
            "number": number,
            "kind": "TANG",
            "issuer_unit_id": actor.unit_id,
            "issued_on": issued_on.isoformat(),
            "campaign_id": campaign_id,
            "award_code": award_code,
            "year": campaign.year,  # the campaign's year (its nominations may not all carry one)
            "signer_name": clean(signer_name),
            "signer_title": clean(signer_title),
        }
        hist.insert(
            0,
            self.svc._history_row(
                "decisions", decision_id, campaign_id, "issue", "", "ISSUED", actor, number
            ),
        )
        self.svc._write("decisions", [], actor, {"decisions": [row], "award_grants": grants, "history": hist})
        return {**row, "grants": len(grants)}

    def revoke(
        self, actor: Actor, grant_id: str, expected_version: int, reason_code: str, note: str
    ) -> dict[str, Any]:
        """Revoke one grant on a Chapter VII ground (R-REVOKE); the row stays, flagged, with history."""
        g = self.svc._read(["award_grants"])["award_grants"]
        hit = g[g["id"] == grant_id]
        if hit.empty:
            self.svc.resolve(actor)
            raise RowNotFound([grant_id], "award_grants")
        grant = records(hit)[0]
        actor, units = self._authorise(actor, str(grant["award_code"]))
        if str(grant["unit_id"]) not in units:
            raise RowNotFound([grant_id], "award_grants")
        if bool(grant["revoked"]):
            raise ActionNotAllowed(
                "decision.already_revoked",
                grant=self._grant_name(grant),
                date=_dmy(grant["revoked_on"]),
            )
        if reason_code not in REVOKE_REASONS or len(clean(note)) < 10:
            raise ActionNotAllowed("decision.bad_revoke_reason", allowed=", ".join(REVOKE_REASONS))
        if int(grant["version"]) != int(expected_version):
            raise StaleRow([grant_id], "award_grants")
        reason = f"{reason_code}: {clean(note)}"
        nomination_id = clean(grant.get("nomination_id"))
        if nomination_id:
            self._revoke_nomination(actor, nomination_id, grant, reason)
        values = {"revoked": True, "revoked_on": self.svc.today().isoformat(), "revoke_reason": reason}
        hist = self.svc._history_row(
            "award_grants", grant_id, "", "revoke", "GRANTED", "REVOKED", actor, reason
        )
        return self.svc._write(
            "award_grants", [Change(grant_id, expected_version, values)], actor, {"history": [hist]}
        )[0]

    def _revoke_nomination(
        self, actor: Actor, nomination_id: str, grant: dict[str, Any], reason: str
    ) -> None:
        """Move the grant's nomination AWARDED -> REVOKED through its campaign's workflow (``revoke``:
        roles, conditions, version, history), or refuse the whole revocation. A nomination already in
        the ``revoke`` transition's destination (revoked on the review page, or a revocation whose
        grant write failed) is left as it is, so the grant can catch up."""
        name = grant.get("subject_name")
        noms = self.svc._read(["nominations"])["nominations"]
        hit = records(noms[noms["id"] == nomination_id])
        if not hit:
            raise ActionNotAllowed("decision.nomination_missing", name=name, nomination=nomination_id)
        nom = hit[0]
        campaign = self.svc.campaigns.get(str(nom["campaign_id"]))
        form = str(nom["form"])
        wf = campaign.workflow_for(form) if campaign and form in campaign.forms else None
        ends = {t.dest for t in wf.transitions if t.trigger == "revoke"} if wf is not None else set()
        if str(nom["state"]) in ends:
            return
        try:
            self.svc.act(actor, "nominations", nomination_id, int(nom["version"]), "revoke", reason)
        except StaleRow as exc:
            raise ActionNotAllowed("decision.nomination_stale", name=name, nomination=nomination_id) from exc
        except (ActionNotAllowed, RowNotFound) as exc:
            state = nom["state"]
            raise NominationBlocksRevoke(exc, name=name, nomination=nomination_id, state=state) from exc


class NominationBlocksRevoke(ActionNotAllowed):
    """The grant's nomination cannot take the workflow's ``revoke``: nothing was written; the
    message adds the workflow's own reason, in the same language."""

    def __init__(self, inner: ThiduaError, **params: Any) -> None:
        self.inner = inner
        super().__init__("decision.nomination_blocks_revoke", **params)

    def message(self, lang: str = "vi") -> str:
        return f"{super().message(lang)} {self.inner.message(lang)}"


def _dmy(iso: Any) -> str:
    """An ISO date as the reader writes it ("05/12/2024"); anything else as it is."""
    day = iso_day(iso)
    return ui_date(day) if day is not None else str(iso or "")


def _labels(key: str, fallback: str) -> dict[str, str]:
    """A message's label in each language, for a parameter (``fallback`` when it has none)."""
    return {lang: t(key, lang) if has(key) else fallback for lang in LANGS}


def _grant_key(kind: str, subject: str, unit: str, name: Any, code: str, year: int) -> tuple[str, str, int]:
    """R-DEC-2's identity: the person or unit id, or (without one) the unit and the name key."""
    who = subject or f"{unit}|{match_key(name)}"
    return (f"{kind}:{who}", code, year)


def _live_grant_keys(grants: pd.DataFrame) -> dict[tuple[str, str, int], str]:
    """Live (not revoked) grants by R-DEC-2 identity -> the decision id they came from."""
    out: dict[tuple[str, str, int], str] = {}
    for r in records(grants):
        if bool(r["revoked"]) or r["year"] is pd.NA:
            continue
        key = _grant_key(
            str(r["subject_kind"]),
            str(r["subject_id"]),
            str(r["unit_id"]),
            r["subject_name"],
            str(r["award_code"]),
            int(r["year"]),
        )
        out[key] = str(r["decision_id"])
    return out

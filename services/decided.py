"""The record of an award decided outside the app or by one person (``decided_by: outside`` / ``head``).

When the secretary records the Tổng Liên đoàn's decision on a nomination, or the head of the deciding
body decides alone where the law lets them, the move is written together with the decision itself:
one ``decisions`` row (its number, date, issuing unit and award; one row per award when a decision
covers several) and one ``award_grants`` row per nomination, each with its history row, in the same
store call as the move (``Services._move``). Later years' prerequisite rules read those grants.

A decision already recorded (same issuing unit, number, year and award) is reused: a second batch
from the same decision adds grants to it instead of a second decision row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from core.model import Actor
from core.text import clean
from workflows.decided_by import DecisionRef
from workflows.deciding import deciding_unit
from workflows.spec import CampaignSpec, TransitionSpec

if TYPE_CHECKING:
    from services.services import Services


def issuer(
    svc: Services, actor: Actor, campaign: CampaignSpec, rec: dict[str, Any], t: TransitionSpec
) -> str:
    """The unit whose decision it is: the actor's own for ``head``; for ``outside`` the unit up the
    tree at the award's deciding level (e.g. the Tổng Liên đoàn for CSTĐ cấp Tổng Liên đoàn)."""
    if t.decided_by == "head":
        return actor.unit_id
    ref = svc.reference()
    level = str(ref.catalogue_map.get(str(rec.get("award_code")), {}).get("awarding_level", ""))
    return deciding_unit(ref.tree, str(rec["unit_id"]), level, campaign.organiser)


def decision_rows(
    svc: Services,
    actor: Actor,
    decided: Sequence[tuple[CampaignSpec, dict[str, Any], TransitionSpec]],
    decision: DecisionRef,
) -> dict[str, list[dict[str, Any]]]:
    """The ``decisions``, ``award_grants`` and ``history`` rows that record ``decision`` for the
    nominations ``decided`` (campaign, row, move), ready to append with the moves."""
    from services.services import new_id  # the facade imports this module lazily

    assert decision.issued_on is not None  # the engine refuses a decision without its date
    number = clean(decision.number)
    existing = svc._read(["decisions"])["decisions"]
    history_of = svc.award_history()
    decisions: dict[tuple[str, str, str], dict[str, Any]] = {}
    out: dict[str, list[dict[str, Any]]] = {"decisions": [], "award_grants": [], "history": []}
    for campaign, rec, t in decided:
        unit, code = str(rec["unit_id"]), str(rec["award_code"])
        by = issuer(svc, actor, campaign, rec, t)
        key = (by, code, campaign.id)
        if key not in decisions:
            same = existing[
                (existing["issuer_unit_id"] == by)
                & (existing["number"].map(clean) == number)
                & (existing["award_code"] == code)
                & (existing["issued_on"].str.slice(0, 10) == decision.issued_on.isoformat())
            ]
            if not same.empty:
                decisions[key] = {"id": str(same.iloc[0]["id"])}
            else:
                row = {
                    "id": new_id(),
                    "number": number,
                    "kind": "TANG",
                    "issuer_unit_id": by,
                    "issued_on": decision.issued_on.isoformat(),
                    "campaign_id": campaign.id,
                    "award_code": code,
                    "year": campaign.year,
                    "signer_name": clean(decision.signer_name),
                    "signer_title": clean(decision.signer_title),
                }
                decisions[key] = row
                out["decisions"].append(row)
                out["history"].append(
                    svc._history_row(
                        "decisions", str(row["id"]), campaign.id, "record", "", "ISSUED", actor, decision.text
                    )
                )
        if rec.get("subject_kind") == "TAP_THE":
            kind, subject = "TAP_THE", unit
        else:
            kind = "CA_NHAN"
            subject = history_of.find(unit, rec.get("full_name"), rec.get("person_id"))[0] or ""
        grant_id = new_id()
        out["award_grants"].append(
            {
                "id": grant_id,
                "decision_id": decisions[key]["id"],
                "subject_kind": kind,
                "subject_id": subject,
                "subject_name": rec.get("full_name"),
                "unit_id": unit,
                "award_code": code,
                "year": _year(rec.get("year"), campaign.year),
                "nomination_id": str(rec["id"]),
                "revoked": False,
                "revoked_on": "",
                "revoke_reason": "",
            }
        )
        out["history"].append(
            svc._history_row(
                "award_grants", grant_id, campaign.id, "grant", "", "GRANTED", actor, decision.text
            )
        )
    return out


def _year(value: Any, default: int) -> int:
    """The nomination's achievement year, or the campaign's when the row has none."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default

"""Demo dossiers and hop trails, derived from the demo's submissions and their history.

Called once from :func:`demo.hanoi.build` so the seeded rows stay consistent with the rules:
every nomination that went past its draft has the documents its award needs (R-DOS-1, with dates
in order: R-DOS-3), every third draft still lacks its meeting minutes (so the checklist has
something to show), and every move between levels in the demo history has its ``hops`` row.
Deterministic: ids and numbers come from the order of the rows. Fictional numbers only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from core.dossier import document_set, required_kinds
from core.model import OrgTree
from core.rulebook import RuleBook
from workflows.hops import hop
from workflows.spec import CampaignSpec


def _day(stamp: str) -> dt.date:
    return dt.date.fromisoformat(stamp[:10])


def build(
    tabs: Mapping[str, Sequence[Mapping[str, Any]]],
    campaigns: Mapping[str, CampaignSpec],
    catalogue: Sequence[Mapping[str, Any]],
) -> dict[str, list[dict[str, Any]]]:
    """``dossier_documents`` and ``hops`` rows for the demo tabs built so far."""
    rules = RuleBook(tabs.get("rules", ()))
    level = {str(c["code"]): str(c.get("awarding_level", "")) for c in catalogue}
    first_submit: dict[str, str] = {}
    for h in tabs["history"]:
        if h["action"] == "submit":
            first_submit.setdefault(str(h["row_id"]), str(h["at"]))
    docs: list[dict[str, Any]] = []
    drafts = 0
    for row in tabs["nominations"]:
        camp = campaigns.get(str(row["campaign_id"]))
        if camp is None:
            continue
        code = str(row["award_code"])
        kinds = required_kinds(rules, code, level.get(code, ""), camp.closes)
        if not kinds:
            continue
        rid = str(row["id"])
        if rid in first_submit:
            issued = min(max(_day(first_submit[rid]), camp.opens), camp.closes)
        elif row["state"] == camp.workflow_for(str(row["form"])).initial:
            drafts += 1
            issued = min(max(_day(str(row["state_since"])), camp.opens), camp.closes)
            if drafts % 3 == 1:  # still waiting for its meeting minutes
                kinds = tuple(k for k in kinds if k != "BB_HD")
        else:
            continue  # withdrawn before it was ever sent: no dossier was put together
        docs.extend(document_set(kinds, rid, len(docs) // 3 + 1, issued, camp.opens))
    for i, d in enumerate(docs, start=1):
        d["id"] = f"DEMO-DOS-{i:05d}"
    return {"dossier_documents": docs, "hops": _hops(tabs, campaigns)}


def _hops(
    tabs: Mapping[str, Sequence[Mapping[str, Any]]], campaigns: Mapping[str, CampaignSpec]
) -> list[dict[str, Any]]:
    """One hop per move between levels in the demo history (as the services write them)."""
    tree = OrgTree(parent={str(u["id"]): (str(u["parent_id"]) or None) for u in tabs["units"]})
    # every tab a campaign form writes: the built-in ones and the campaigns' own (a contest's entrants)
    form_tabs = dict.fromkeys(f.tab for c in campaigns.values() for f in c.forms.values())
    rows = {str(r["id"]): r for t in form_tabs for r in tabs.get(t, ())}
    revision: dict[str, int] = {}
    out: list[dict[str, Any]] = []
    for h in tabs["history"]:
        row = rows.get(str(h["row_id"]))
        camp = campaigns.get(str(h["campaign_id"]))
        if row is None or camp is None or not h["from_state"]:
            continue
        wf = camp.workflow_for(str(row["form"]))
        rid = str(h["row_id"])
        if h["action"] == "submit":
            revision[rid] = revision.get(rid, 0) + 1
        moved = hop(wf, camp, str(h["from_state"]), str(h["to_state"]), str(row["unit_id"]), tree)
        if moved is None:
            continue
        out.append(
            {
                "id": f"DEMO-HOP-{len(out) + 1:06d}",
                "tab": h["tab"],
                "row_id": rid,
                "campaign_id": h["campaign_id"],
                "from_unit": moved[0],
                "to_unit": moved[1],
                "state": h["to_state"],
                "action": h["action"],
                "reason": h["reason"],
                "revision": revision.get(rid, 0),
                "actor_email": h["actor_email"],
                "at": h["at"],
            }
        )
    return out

"""The 2026 part of the Hanoi demo: the 30/6/2025 restructuring applied to the demo's tree, then the
2026 annual commendation (``HN-2026-KTN``) running on the new tree, beside the 2023–2024 history.

Seeded when the demo's day is in 2026 or later (``THIDUA_TODAY=2026-03-16 cli.py seed-demo``):
the plan ``demo/plans/hn-2025-07-01.yaml`` goes through the same :class:`services.reorganise.Reorganiser`
as ``cli.py reorganise``, so the history tabs hold exactly what an admin running it would get.
Fictional people only; the units are the seeds' real organisations and the generated "Demo" ones.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from core.model import Actor
from core.text import ascii_slug
from demo.hanoi import _FAMILY, _GIVEN, _MIDDLE, DEMO_DOMAIN, _council_meetings, _path, _person
from services.reorganise import Reorganiser, parse_plan
from services.services import Services
from workflows.spec import CampaignSpec

PLAN = Path(__file__).resolve().parent / "plans" / "hn-2025-07-01.yaml"
CAMPAIGN = "HN-2026-KTN"
#: A day inside the 2026 season: the first lists are published, the council has met once.
DAY_2026 = dt.date(2026, 3, 16)
ADMIN = Actor(f"quan.tri@{DEMO_DOMAIN}", "Bùi Ngọc Demo Anh", "ADMIN", "HN-LDLD")
#: Demo users of the new tree: the federation's own reviewer and a ward union's.
USERS_2026: tuple[tuple[str, str, str, str], ...] = (
    (f"tham.dinh.ldld@{DEMO_DOMAIN}", "Trịnh Thu Demo Trang", "UPPER_REVIEWER", "HN-LDLD"),
    (
        f"tham.dinh.phuong.hadong@{DEMO_DOMAIN}",
        "Lương Văn Demo Khánh",
        "UPPER_REVIEWER",
        "HN-CD-PHUONG-HADONG",
    ),
)
_MIX = {"DRAFT": 8, "SUBMITTED": 30, "RETURNED": 6, "PUBLIC_COMMENT": 18, "IN_COUNCIL": 14, "AWARDED": 10,
        "REJECTED": 2, "WITHDRAWN": 2}  # fmt: skip


def plan_data() -> Mapping[str, Any]:
    """The demo's reorganisation plan (the real 30/6/2025 change, on the demo's units)."""
    data: Mapping[str, Any] = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    return data


def seed_2026(svc: Services, *, seed: int = 2026) -> dict[str, int]:
    """Apply the 2025 plan to a seeded demo and add the 2026 campaign's rows; returns counts per tab."""
    counts: dict[str, int] = {}
    users = [
        {"id": f"U-2026-{i}", "email": e, "full_name": n, "role": r, "unit_id": u, "active": True}
        for i, (e, n, r, u) in enumerate(USERS_2026, 1)
    ]
    svc.store.append("users", users, actor="seed-demo")
    svc.invalidate(["users"])
    done = Reorganiser(svc).apply(ADMIN, parse_plan(plan_data(), PLAN.name))
    counts["units moved"] = len(done.moved)
    campaign = svc.campaigns.get(CAMPAIGN)
    if campaign is None or svc.today() < campaign.opens:
        return counts
    rng = random.Random(seed)
    rows, history = _rows(svc, campaign, rng)
    # every council decision of the season is a ballot of a closed meeting, recorded by the secretary
    # (issue 23), exactly as for the 2023–2024 history
    meetings, ballots, council_history = _council_meetings(
        {"nominations": rows, "history": history}, rng, standing=False
    )
    svc.store.append("nominations", rows, actor="seed-demo")
    svc.store.append("council_meetings", meetings, actor="seed-demo")
    svc.store.append("ballots", ballots, actor="seed-demo")
    svc.store.append("history", history + council_history, actor="seed-demo")
    svc.invalidate()
    counts["nominations 2026"] = len(rows)
    counts["council meetings 2026"] = len(meetings)
    return counts


def _rows(
    svc: Services, camp: CampaignSpec, rng: random.Random
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Nominations of the 2026 season on the new tree, each with a history that follows its workflow."""
    today = svc.today()
    tree = svc.campaign_tree(camp)
    grassroots = sorted(u for u, lv in tree.level.items() if lv == "CDCS")
    chosen = [u for u in grassroots if rng.random() < 0.45 or u in ("HN-CDCS-CANON", "HN-CDCS-THCS-VANQUAN")]
    names = [f"{f} {m} {g}" for f in _FAMILY for m in _MIDDLE for g in _GIVEN]
    rng.shuffle(names)
    wf = camp.workflow_for("nomination")
    rows: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    n = 0
    for unit in chosen:
        parent = tree.parent.get(unit) or camp.organiser
        for award in ["LDTT"] * rng.randint(2, 5) + (["CSTD_CS"] if rng.random() < 0.5 else []):
            n += 1
            target = rng.choices(list(_MIX), weights=list(_MIX.values()))[0]
            at = dt.datetime.combine(camp.opens + dt.timedelta(days=rng.randint(0, 20)), dt.time(8, 30))
            row_id = f"DEMO26-NOM-{n:04d}"
            steps = _path(wf, target)
            hist = [_hist(row_id, "create", "", wf.initial, _officer(unit), "UNIT_OFFICER", unit, "", at)]
            revision, submitted, reason = 0, "", ""
            for trigger, src, dst in steps:
                at += dt.timedelta(days=rng.randint(2, 6) + (12 if src == "PUBLIC_COMMENT" else 0))
                if target == "PUBLIC_COMMENT" and dst == "PUBLIC_COMMENT":
                    at = dt.datetime.combine(today - dt.timedelta(days=rng.randint(1, 6)), dt.time(9, 0))
                at = min(at, dt.datetime.combine(today - dt.timedelta(days=1), dt.time(16, 0)))
                email, role, actor_unit = _actor(trigger, src, unit, parent)
                why = "Bổ sung báo cáo thành tích có xác nhận." if trigger == "return" else ""
                why = "Không đủ tiêu chuẩn theo quy chế." if trigger == "reject" else why
                if trigger == "submit":
                    revision += 1
                    submitted = _stamp(at)
                reason = why or reason
                hist.append(_hist(row_id, trigger, src, dst, email, role, actor_unit, why, at))
            person = _person(rng, names[n % len(names)], award)
            rows.append(
                {
                    "id": row_id, **person, "year": camp.year, "campaign_id": camp.id, "form": "nomination",
                    "unit_id": unit, "state": target, "revision": revision, "last_reason": reason,
                    "submitted_at": submitted, "state_since": hist[-1]["at"], "client_token": "",
                    "fix_fields": "", "person_id": "", "criterion_path": "",
                }
            )  # fmt: skip
            history.extend(hist)
    return rows, history


def _officer(unit: str) -> str:
    return f"can.bo@{ascii_slug(unit).lower()}.{DEMO_DOMAIN}"


def _actor(trigger: str, src: str, unit: str, parent: str) -> tuple[str, str, str]:
    """Who fired ``trigger`` from ``src``: the council's moves are the secretary's (a decision is then
    given its meeting's ballot by ``_council_meetings``); nobody on the council decides alone."""
    if trigger in ("submit", "withdraw"):
        return _officer(unit), "UNIT_OFFICER", unit
    if trigger == "to_council" or src in ("PUBLIC_COMMENT", "IN_COUNCIL", "AT_TLD"):
        return f"thu.ky.hd@{DEMO_DOMAIN}", "COUNCIL_SECRETARY", "HN-LDLD"
    if trigger in ("approve", "return", "reject") and parent != "HN-LDLD":
        own = next((e for e, _, _, u in USERS_2026 if u == parent), "")
        return own or f"tham.dinh@{ascii_slug(parent).lower()}.{DEMO_DOMAIN}", "UPPER_REVIEWER", parent
    if trigger in ("approve", "return", "reject"):
        return f"tham.dinh.ldld@{DEMO_DOMAIN}", "UPPER_REVIEWER", "HN-LDLD"
    return f"thu.ky.hd@{DEMO_DOMAIN}", "COUNCIL_SECRETARY", "HN-LDLD"


def _stamp(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S+07:00")


def _hist(
    row_id: str,
    action: str,
    src: str,
    dst: str,
    email: str,
    role: str,
    unit: str,
    reason: str,
    at: dt.datetime,
) -> dict[str, Any]:
    return {
        "tab": "nominations", "row_id": row_id, "campaign_id": CAMPAIGN, "action": action, "from_state": src,
        "to_state": dst, "actor_email": email, "actor_role": role, "actor_unit": unit, "reason": reason,
        "at": _stamp(at),
    }  # fmt: skip

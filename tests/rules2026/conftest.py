"""Fixtures: the demo store at any day (the same file seen by a 2024 clock and a 2026 clock), the
demo's 30/6/2025 reorganisation plan, and the new tree's users."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from core.clock import FixedClock
from core.model import Actor
from demo import DEMO_DOMAIN
from demo.hanoi2026 import PLAN, plan_data
from services.reorganise import Plan, parse_plan
from services.services import Services
from storage.sqlite import SqliteWorkbook
from workflows.loader import load_campaigns

ADMIN = Actor(f"quan.tri@{DEMO_DOMAIN}", "quan.tri", "ADMIN", "HN-LDLD")
LDLD_REVIEWER = Actor(f"tham.dinh.ldld@{DEMO_DOMAIN}", "tham.dinh.ldld", "UPPER_REVIEWER", "HN-LDLD")
WARD_REVIEWER = Actor(
    f"tham.dinh.phuong.hadong@{DEMO_DOMAIN}",
    "tham.dinh.phuong.hadong",
    "UPPER_REVIEWER",
    "HN-CD-PHUONG-HADONG",
)
CAMPAIGN_2026 = "HN-2026-KTN"

At = Callable[[dt.date], Services]


@pytest.fixture
def plan() -> Plan:
    return parse_plan(plan_data(), PLAN.name)


@pytest.fixture
def at(demo_db: Path) -> At:
    """Services over the same demo copy with a frozen clock on ``day`` (each call a new clock)."""
    campaigns = load_campaigns()

    def make(day: dt.date) -> Services:
        clock = FixedClock(dt.datetime.combine(day, dt.time(9, 30)))
        store = SqliteWorkbook(demo_db, clock=lambda: clock.now().isoformat(timespec="seconds"))
        svc = Services(store, campaigns, clock, cache_seconds=0.0)
        svc.clock_handle = clock  # type: ignore[attr-defined]  # tests move it on
        return svc

    return make


def add_users(svc: Services, *actors: Actor) -> None:
    svc.store.append(
        "users",
        [
            {"email": a.email, "full_name": a.name, "role": a.role, "unit_id": a.unit_id, "active": True}
            for a in actors
        ],
        actor="test",
    )
    svc.invalidate()

"""Fixtures of the contest tests: the demo on 15/04/2025 (the 2025 Hội thi thợ giỏi is open), its
actors, and helpers that register and confirm entrants through the services."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from core.clock import FixedClock
from core.model import Actor
from services.jury import Jury
from services.services import Services
from storage.sqlite import SqliteWorkbook
from tests.conftest import OFFICER, REVIEWER
from workflows.loader import load_campaigns

CONTEST = "HN-2025-HTTG"
TAB = "thi_sinh_2025"
DAY = dt.datetime(2025, 4, 15, 9, 30)


def judge(n: int, trade: str = "han-dien", unit: str = "HN-LDLD") -> Actor:
    return Actor(f"gk.{trade}.{n}@demo.thidua.vn", f"gk {n}", "JUDGE", unit)


JUDGE_1, JUDGE_3 = judge(1), judge(3)
JUDGE_2 = judge(2, unit="HN-CDCS-CANON")  # the welding judge from Canon's union


def entrant(name: str, trade: str = "HAN_DIEN", **over: object) -> dict[str, object]:
    values: dict[str, object] = {
        "full_name": name,
        "birth_year": 1990,
        "gender": "NAM",
        "trade": trade,
        "workplace": "Công ty TNHH Canon Việt Nam",
        "skill_grade": 5,
        "years_in_trade": 8,
        "certified": True,
    }
    values.update(over)
    return values


def campaign(fields: str, tab: str = "thu_truong_rieng", cid: str = "TEST-OWN-FIELDS", **extra: str) -> str:
    form_extra = "".join(f"    {k}: {v}\n" for k, v in extra.items())
    return (
        f"id: {cid}\nname: Thử trường riêng\nkind: DOT\nyear: 2025\norganiser: HN-LDLD\n"
        "opens: 2025-01-01\ncloses: 2025-12-31\n"
        f"forms:\n  f:\n    tab: {tab}\n    label: Biểu mẫu thử\n    workflow: w\n{form_extra}    fields:\n"
        + textwrap.indent(fields, "      ")
        + "workflows:\n  w:\n    initial: DRAFT\n    states:\n      DRAFT: {editable: true}\n"
        "      DONE: {terminal: true, outcome: accepted}\n    transitions:\n"
        "      - {trigger: submit, source: DRAFT, dest: DONE, roles: [UNIT_OFFICER], scope: own_unit}\n"
    )


@pytest.fixture
def svc(demo_db: Path) -> Services:
    clock = FixedClock(DAY)
    store = SqliteWorkbook(demo_db, clock=lambda: clock.now().isoformat(timespec="seconds"))
    return Services(store, load_campaigns(), clock, cache_seconds=0.0)


@pytest.fixture
def jury(svc: Services) -> Jury:
    return Jury(svc)


@pytest.fixture
def competing(svc: Services) -> Callable[..., list[str]]:
    """Register entrants from Canon and confirm them: their ids, in order."""

    def make(*names: str, trade: str = "HAN_DIEN", **over: object) -> list[str]:
        ids = [str(svc.create(OFFICER, CONTEST, "entrant", entrant(n, trade, **over))["id"]) for n in names]
        rows = svc.rows(REVIEWER, TAB, CONTEST)
        rows = rows[rows["id"].isin(ids)]
        svc.act_many(
            REVIEWER, TAB, list(zip(rows["id"], rows["version"].astype(int), strict=True)), "approve"
        )
        return ids

    return make

"""Shared fixtures: a seeded demo store (built once per worker, copied per test) and actors."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import bootstrap
import demo
from core.clock import FixedClock
from core.model import Actor
from schemas import registry
from services.services import Services
from storage.sqlite import SqliteWorkbook
from workflows.loader import load_campaigns, load_catalogue

DEMO_DAY = bootstrap.DEMO_TODAY
DEMO_DOMAIN = demo.DEMO_DOMAIN


def _actor(email: str, role: str, unit: str) -> Actor:
    return Actor(f"{email}@{DEMO_DOMAIN}", email, role, unit)


OFFICER = _actor("can.bo.canon", "UNIT_OFFICER", "HN-CDCS-CANON")
HEAD = _actor("chu.tich.canon", "UNIT_HEAD", "HN-CDCS-CANON")
REVIEWER = _actor("tham.dinh.kcn", "UPPER_REVIEWER", "HN-CD-KCNCX")
CLUSTER_HEAD = _actor("cum.truong.cum7", "CLUSTER_HEAD", "HN-CD-KCNCX")
COUNCIL = _actor("hoi.dong", "COUNCIL_MEMBER", "HN-LDLD")
SECRETARY = _actor("thu.ky.hd", "COUNCIL_SECRETARY", "HN-LDLD")
LEADER = _actor("lanh.dao", "LEADER", "HN-LDLD")
ADMIN = _actor("quan.tri", "ADMIN", "HN-LDLD")
OFFICER_VQ = _actor("can.bo.vanquan", "UNIT_OFFICER", "HN-CDCS-THCS-VANQUAN")
REVIEWER_HD = _actor("tham.dinh.hadong", "UPPER_REVIEWER", "HN-LDLD-HADONG")


@pytest.fixture(scope="session")
def postgres_dsn() -> Iterator[str]:
    """The PostgreSQL server the tests write into: ``make test``'s (``THIDUA_TEST_DSN``, see
    ``tests/pgserver.py``), or a throwaway one started here for this session (pytest run by hand).
    Without PostgreSQL binaries this fails, naming what to install: never a silent skip."""
    from tests.pgserver import ENV, NoPostgres, ThrowawayPostgres

    dsn = os.environ.get(ENV)
    if dsn:
        yield dsn
        return
    try:
        server = ThrowawayPostgres()
    except NoPostgres as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded demo SQLite file, built once per test worker."""
    from schemas import registry

    path = tmp_path_factory.mktemp("demo") / "template.sqlite"
    store = SqliteWorkbook(path)
    now = dict(registry.TABS), dict(registry._OWNERS)
    _registry_set(*_SHIPPED_TABS)  # the shipped campaigns' tabs only, whatever test asked first
    try:
        store.ensure_tabs(registry.headers())
        rows = demo.build(load_campaigns(), load_catalogue(), DEMO_DAY)
        demo.seed(store, rows)
    finally:
        _registry_set(*now)
        store.close()
    return path


@pytest.fixture
def demo_db(tmp_path: Path, demo_db_template: Path) -> Path:
    """A private copy of the demo store for one test."""
    dest = tmp_path / "thidua.sqlite"
    shutil.copy(demo_db_template, dest)
    return dest


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime.combine(DEMO_DAY, dt.time(9, 30)))


@pytest.fixture
def services(demo_db: Path, clock: FixedClock) -> Services:
    """Services over a private copy of the demo, with a frozen clock and no read cache."""
    store = SqliteWorkbook(demo_db, clock=lambda: clock.now().isoformat(timespec="seconds"))
    return Services(store, load_campaigns(), clock, cache_seconds=0.0)


@pytest.fixture
def nomination_values() -> Callable[..., dict[str, str]]:
    def make(**over: str) -> dict[str, str]:
        base = {
            "subject_kind": "CA_NHAN",
            "full_name": "Nguyễn Thị Thu Thủy",
            "position": "Công nhân",
            "award_code": "LDTT",
            "achievement": "Hoàn thành xuất sắc nhiệm vụ, vượt 15% định mức sản lượng năm 2024.",
        }
        base.update(over)
        return base

    return make


# The shipped campaigns' own tabs are registered once, before any test; a tab a test's own campaign
# registers (tests/contest: "thu_truong_rieng") is forgotten after it, so no later test's store gets it.
load_campaigns()
_SHIPPED_TABS = (dict(registry.TABS), dict(registry._OWNERS))


def _registry_set(tabs: dict[str, Any], owners: dict[str, str]) -> None:
    registry.TABS.clear()
    registry.TABS.update(tabs)
    registry._OWNERS.clear()
    registry._OWNERS.update(owners)


@pytest.fixture(autouse=True)
def _form_tabs_forgotten() -> Iterator[None]:
    now = dict(registry.TABS), dict(registry._OWNERS)
    yield
    _registry_set(*now)  # a shipped tab a test registered again (another version) comes back too

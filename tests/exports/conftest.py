"""Fixtures for the export tests: one read-only demo store per module, raw rows for hand counts."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from core.clock import FixedClock
from reporting.reporting import Reporting
from services.services import Services
from storage.sqlite import SqliteWorkbook
from tests.conftest import DEMO_DAY
from workflows.loader import load_campaigns


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory, demo_db_template: Path) -> Services:
    """Nothing in these tests writes, so they share one store with a long read cache."""
    path = tmp_path_factory.mktemp("exports") / "demo.sqlite"
    shutil.copy(demo_db_template, path)
    clock = FixedClock(dt.datetime.combine(DEMO_DAY, dt.time(9, 30)))
    return Services(SqliteWorkbook(path), load_campaigns(), clock, cache_seconds=3600.0)


@pytest.fixture(scope="module")
def rep(svc: Services) -> Reporting:
    return Reporting(svc)


@pytest.fixture(scope="module")
def raw(svc: Services) -> dict[str, list[dict[str, Any]]]:
    return {t: svc.store.read(t).to_dict("records") for t in ("nominations", "history", "units", "catalogue")}

"""Read-only fixtures the metric tests share: one copy of the demo store per test module, a long read
cache (nothing in these modules writes), the leader's tiles and the stored rows for hand counts."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.clock import FixedClock
from reporting import metrics as m
from reporting.metrics import Metric
from reporting.reporting import Reporting
from services.services import Services
from storage.sqlite import SqliteWorkbook
from tests.conftest import DEMO_DAY, LEADER
from workflows.loader import load_campaigns

#: the tabs the hand counts loop over
RAW_TABS = (
    "nominations",
    "works",
    "initiatives",
    "history",
    "units",
    "cluster_members",
    "unit_assessments",
    "contest_results",
    "thi_sinh_2023",
)


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory, demo_db_template: Path) -> Iterator[Services]:
    """Services over a private copy of the demo store, with a cache that lives an hour."""
    path = tmp_path_factory.mktemp("read_only") / "demo.sqlite"
    shutil.copy(demo_db_template, path)
    clock = FixedClock(dt.datetime.combine(DEMO_DAY, dt.time(9, 30)))
    yield Services(SqliteWorkbook(path), load_campaigns(), clock, cache_seconds=3600.0)


@pytest.fixture(scope="module")
def rep(svc: Services) -> Reporting:
    return Reporting(svc)


@pytest.fixture(scope="module")
def tiles(rep: Reporting) -> dict[str, Metric]:
    return m.by_code(rep.metrics(LEADER))


@pytest.fixture(scope="module")
def raw(svc: Services) -> dict[str, list[dict[str, Any]]]:
    """The stored rows of :data:`RAW_TABS`, read straight from the store (not through the metrics)."""
    return {t: svc.store.read(t).to_dict("records") for t in RAW_TABS}

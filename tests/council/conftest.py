"""Council and cluster tests: the demo services with a read cache (writes through Services invalidate it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.clock import FixedClock
from services.services import Services
from storage.sqlite import SqliteWorkbook
from workflows.loader import load_campaigns


@pytest.fixture
def services(demo_db: Path, clock: FixedClock) -> Services:
    """Like the root fixture, but reads are cached: these tests read 4,000 nominations many times."""
    store = SqliteWorkbook(demo_db, clock=lambda: clock.now().isoformat(timespec="seconds"))
    return Services(store, load_campaigns(), clock, cache_seconds=600.0)

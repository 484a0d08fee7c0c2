"""Fixtures for the dossier, deciding-level and hop tests: the demo on SQLite and on the Google
Sheets adapter (emulator), wired by ``bootstrap.build`` as the app wires it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

import bootstrap
import demo
from core.ports import Workbook
from schemas.registry import headers
from services.services import Services
from storage.sqlite import SqliteWorkbook
from tests.gsheets.conftest import ticking
from tests.gsheets.support import emulated
from workflows.loader import load_campaigns, load_catalogue


def _seed(wb: Workbook) -> None:
    wb.ensure_tabs(headers())
    # one generated unit per parent keeps the demo small and the emulator fast
    demo.seed(wb, demo.build(load_campaigns(), load_catalogue(), bootstrap.DEMO_TODAY, per_parent=1))


@pytest.fixture(scope="module", params=["sqlite", "gsheets-emulator"])
def seeded_store(request: pytest.FixtureRequest) -> Iterator[Workbook]:
    """The small demo in each backend, seeded once per module (seeding is the slow part)."""
    if request.param == "sqlite":
        wb: Workbook = SqliteWorkbook(":memory:", clock=ticking())
    else:
        wb, _emu, _key = emulated(clock=ticking(), sent=[])
    _seed(wb)
    yield wb
    close = getattr(wb, "close", None)
    if callable(close):
        close()


@pytest.fixture
def backend_services(seeded_store: Workbook) -> Services:
    settings = dataclasses.replace(bootstrap.load_settings(env={}), today=bootstrap.DEMO_TODAY)
    return bootstrap.build(settings, store=seeded_store)

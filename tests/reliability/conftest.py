"""Fixtures of the reliability scenarios: the synthetic org on each backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.harness import Backend, emulator_backend, sqlite_backend

#: Grassroots unions (one officer each) in every scenario that needs many submitters.
UNITS = 50


@pytest.fixture
def sqlite_org(tmp_path: Path) -> Iterator[Backend]:
    backend = sqlite_backend(tmp_path / "thidua.sqlite", UNITS)
    yield backend
    backend.close()


@pytest.fixture
def sheet_org() -> Iterator[Backend]:
    backend = emulator_backend(UNITS)
    yield backend
    backend.close()

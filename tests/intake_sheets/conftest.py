"""Fixtures: the demo store (a private copy) and the intake spreadsheets on a fresh emulator."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

import bootstrap
from core.intake_sheets import IntakeSheets
from services.services import Services
from sheets_emulator import SheetsEmulator


@dataclass
class Intake:
    services: Services
    emu: SheetsEmulator
    sheets: IntakeSheets


@pytest.fixture
def intake(services: Services) -> Iterator[Intake]:
    emu = SheetsEmulator(seed=0)
    yield Intake(services, emu, bootstrap.emulated_intake_sheets(emu))

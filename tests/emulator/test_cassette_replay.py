"""Fidelity: recorded real Google Sheets traffic (gspread's cassettes) replayed against the emulator."""

from __future__ import annotations

import pytest

from .replay import CASSETTES, replay

# Cassettes not replayed, one reason each. Everything else must replay interaction for interaction.
SKIPPED: dict[str, str] = {
    "ClientTest.test_openall.json": "lists every spreadsheet the recording account owned (31 files left by "
    "other runs); an empty emulator account cannot reproduce that listing",
    "WorksheetTest.test_auto_resize_columns.json": "expects Google's measured text width (pixelSize 8691) "
    "after autoResizeDimensions; the emulator does no font layout and keeps widths unchanged",
}

FILES = sorted(CASSETTES.glob("*.json"))


def test_the_cassettes_are_there() -> None:
    assert len(FILES) >= 90, f"expected the vendored cassettes in {CASSETTES}"


@pytest.mark.parametrize("path", [p for p in FILES if p.name not in SKIPPED], ids=lambda p: p.stem)
def test_cassette_replays(path):
    outcome = replay(path)
    assert outcome.passed, outcome.first_failure

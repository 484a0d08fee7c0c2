"""``cli.py provision``: tabs, frozen headers, dropdowns and warning-only protected columns, so
officers typing into the sheet get the same choices as the app."""

from __future__ import annotations

import pytest

import cli
from schemas.registry import headers
from schemas.validate import choices
from storage.gsheets import dropdowns
from workflows.loader import load_catalogue

from .conftest import ticking
from .support import emulated

CODES = [str(item["code"]) for item in load_catalogue()]


def test_provision_creates_tabs_freezes_headers_adds_dropdowns_and_warnings() -> None:
    wb, emu, key = emulated(clock=ticking())
    emu.log.clear()

    done = wb.provision(dropdowns(CODES))

    # metadata twice, one batch creating the tabs (with their column tags and change counters), the
    # one-off probe of how Google answers a delete of metadata matching nothing, the dropdowns
    assert len([e for e in emu.log.entries if not e.endpoint.startswith("drive:")]) <= 6
    for tab, header in headers().items():
        sheet = emu.sheet(key, tab)
        assert sheet.frozen_rows == 1
        assert emu.get_values(key, f"'{tab}'!1:1")[0] == list(header)
        protected = {p["description"]: p for p in sheet.protected_ranges}
        for column in ("id", "version", "state"):
            if column in header:
                assert protected[f"thidua: {tab}.{column}"]["warningOnly"] is True

    users = emu.sheet(key, "users")
    role = list(headers()["users"]).index("role")
    rule = users.get(5, role).validation  # any row below the header
    assert rule is not None and rule["condition"]["type"] == "ONE_OF_LIST"
    assert [v["userEnteredValue"] for v in rule["condition"]["values"]] == list(
        choices("users", "role") or ()
    )
    assert users.get(0, role) is None or users.get(0, role).validation is None  # not on the header

    nominations = emu.sheet(key, "nominations")
    award = list(headers()["nominations"]).index("award_code")
    codes = [v["userEnteredValue"] for v in nominations.get(3, award).validation["condition"]["values"]]
    assert codes == CODES and "CSTD_CS" in codes
    assert any(line.startswith("tab nominations: dropdown on award_code") for line in done)


def test_provision_is_safe_to_run_again() -> None:
    wb, emu, key = emulated(clock=ticking())
    wb.provision(dropdowns(CODES))
    count = len(emu.sheet(key, "users").protected_ranges)
    again = wb.provision(dropdowns(CODES))
    assert len(emu.sheet(key, "users").protected_ranges) == count
    assert not any("created" in line or "warning" in line for line in again)


def test_cli_provision_on_the_emulator_prints_what_it_did(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["provision", "--emulator"]) == 0
    out = capsys.readouterr().out
    assert "tab users: created" in out
    assert "dropdown on award_code" in out
    assert "Sheets API calls on the in-process emulator" in out

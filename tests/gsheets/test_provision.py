"""``cli.py provision``: tabs, frozen headers, dropdowns and warning-only protected columns, so
officers typing into the sheet get the same choices as the app."""

from __future__ import annotations

from typing import Any

import pytest

import cli
from core.ports import Change
from schemas.registry import headers
from schemas.validate import choices
from sheets_emulator.limits import metadata_chars
from storage.gsheets import dropdowns
from storage.gsheets.tags import row_tag_id
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


def test_provision_shortens_the_row_tags_of_earlier_versions_and_drops_client_token_tags() -> None:
    """Tags written before this version: ``thidua.row`` = ``<id>@<version>`` (about 40 characters
    each) and never-deleted ``thidua.row.once`` tags (about 70): 600 submissions used 48,490 of
    Google's 30,000 characters. Provisioning brings each row tag down to one character, keeping its
    id (and so the guards), and drops the client-token tags."""
    wb, emu, key = emulated(clock=ticking())
    wb.ensure_tabs(headers())
    stored = wb.append(
        "users", [{"email": f"u{n}@cd.vn", "full_name": f"U {n}"} for n in range(3)], actor="a"
    )
    sheet_id = emu.sheet(key, "users").sheet_id

    def old_tag(row_id: str, row: int, key_: str, value: str, mid: int) -> dict[str, Any]:
        loc = {
            "dimensionRange": {
                "sheetId": sheet_id,
                "dimension": "ROWS",
                "startIndex": row,
                "endIndex": row + 1,
            }
        }
        md = {
            "metadataId": mid,
            "metadataKey": key_,
            "metadataValue": value,
            "visibility": "DOCUMENT",
            "location": loc,
        }
        return {"createDeveloperMetadata": {"developerMetadata": md}}

    legacy = [
        old_tag(r["id"], n + 1, "thidua.row", f"{r['id']}@1", row_tag_id("users", r["id"], 1))
        for n, r in enumerate(stored)
    ]
    legacy.append(old_tag("", 1, "thidua.row.once", '["tok-1","U1"]' + "x" * 40, 4242))
    wb.client.http_client.batch_update(key, {"requests": legacy})
    before, _ = metadata_chars(emu.spreadsheet(key))

    done = wb.provision(dropdowns(CODES))

    after, _ = metadata_chars(emu.spreadsheet(key))
    assert after[sheet_id] < before[sheet_id] - 100
    assert any("3 shortened" in line for line in done) and any("1 removed" in line for line in done)
    kept = [md for md in emu.spreadsheet(key).developer_metadata if md["metadataKey"] == "r"]
    assert sorted(md["metadataId"] for md in kept) == sorted(row_tag_id("users", r["id"], 1) for r in stored)
    assert all(not md.get("metadataValue") for md in kept)
    # and the guards find them: a write of each row goes through in one batch
    wb.read("users")
    wb.update("users", [Change(r["id"], 1, {"unit_id": "U2"}) for r in stored], actor="r")
    assert [e.status for e in emu.log.filter("spreadsheets:batchUpdate")][-1] == 200

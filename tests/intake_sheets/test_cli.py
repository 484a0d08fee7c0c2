"""``python cli.py sync --emulator``: anyone can watch an officer's journey in her intake
spreadsheet without a Google account (README). The printed steps show what she sees."""

from __future__ import annotations

from pathlib import Path

import pytest

import bootstrap
import cli
from demo import intake_journey as jr


def test_sync_on_the_emulator_prints_the_officers_journey_step_by_step(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["sync", "--emulator"]) == 0
    out = capsys.readouterr().out
    steps = out.split("\n== ")[1:]
    assert len(steps) == 5, out

    def row4(step: str) -> str:
        return next(line for line in step.splitlines() if line.strip().startswith("dòng 4:"))

    typed, fixed, returned, edited, awarded = (row4(s) for s in steps)
    assert "Kiểm tra: Chưa lưu được" in typed and "'Tập thể'" in typed and "Trạng thái: —" in typed
    assert "LDTT" not in typed and "TAP_THE" not in typed  # labels, never codes
    assert "Kiểm tra: —" in fixed and "Trạng thái: Đã trình – chờ" in fixed
    assert f"Trạng thái: Trả lại: {jr.RETURN_REASON}" in returned
    assert "Trạng thái: Đã trình – chờ" in edited and "Kiểm tra: —" in edited
    assert "Trạng thái: Đã khen thưởng" in awarded
    assert "1 hồ sơ trình lại" in steps[3].splitlines()[0]  # the edit in the sheet was resubmitted


def test_sync_without_intake_settings_says_what_to_configure(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bootstrap, "load_settings", lambda: bootstrap.Settings())
    assert cli.main(["sync"]) == 2
    err = capsys.readouterr().err
    assert "[intake]" in err


def test_the_intake_section_of_secrets_toml_is_read_as_documented(tmp_path: Path) -> None:
    """docs/google-sheets.md's [intake] section: the Shared Drive, the sync's period (5 minutes
    unless set), the service account from [connections.gsheets]; nothing configured, no sync."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        '[connections.gsheets]\ntype = "service_account"\nclient_email = "thidua@demo.iam.gserviceaccount.com"\n'
        '\n[intake]\nfolder = "0ADemoSharedDriveId"\nsync_minutes = 10\n',
        encoding="utf-8",
    )
    s = bootstrap.load_settings(env={}, secrets_path=secrets)
    assert s.intake_options["folder"] == "0ADemoSharedDriveId" and s.sync_minutes == 10
    assert s.intake_options["credentials"]["client_email"] == "thidua@demo.iam.gserviceaccount.com"
    secrets.write_text('[intake]\nfolder = "0ADemoSharedDriveId"\n', encoding="utf-8")
    assert bootstrap.load_settings(env={}, secrets_path=secrets).sync_minutes == 5
    secrets.write_text("", encoding="utf-8")
    bare = bootstrap.load_settings(env={}, secrets_path=secrets)
    assert (bare.sync_minutes, bootstrap.build_intake_sheets(bare)) == (0, None)

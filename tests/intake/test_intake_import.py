"""Import through Services.create_many: good rows in, bad rows reported with the row the user sees."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import cli
from services import intake
from services.intake_import import check_rows, check_upload, import_upload
from services.services import Services
from tests.conftest import OFFICER, REVIEWER

GOOD = "Hoàn thành xuất sắc nhiệm vụ, vượt 15% định mức sản lượng năm 2024."


def nom(name: str, award: str = "LDTT", **over: Any) -> dict[str, Any]:
    row = {"subject_kind": "CA_NHAN", "full_name": name, "position": "Công nhân", "award_code": award}
    row["achievement"] = GOOD
    row.update(over)
    return row


def upload(services: Services, rows: list[dict[str, Any]]) -> intake.Upload:
    camp = services.campaign("HN-2024-KTN")
    data = intake.fill(intake.template(camp, "nomination", "vi"), rows)
    return intake.read_upload("mau.xlsx", data, campaign=camp, form="nomination")


def test_good_rows_are_imported_and_bad_rows_reported_with_their_sheet_rows(services: Services) -> None:
    before = len(services.my_rows(OFFICER, "nominations", "HN-2024-KTN"))
    rows = [
        nom("Đỗ Minh Khôi"),
        nom("Vũ Thị Lan", achievement="ngắn"),
        nom("Hà Văn Tùng", award="XYZ"),
        nom("Ngô Bảo Châu"),
    ]
    seen: list[tuple[float, str]] = []
    result = import_upload(
        services, OFFICER, upload(services, rows), progress=lambda f, s: seen.append((f, s))
    )
    assert sorted(r["full_name"] for r in result.imported) == ["Ngô Bảo Châu", "Đỗ Minh Khôi"]
    assert {(e.row, e.rule) for e in result.blocking} == {(3, "bad_length"), (4, "award_not_in_form")}
    assert result.rejected_rows == [3, 4]
    assert len(services.my_rows(OFFICER, "nominations", "HN-2024-KTN")) == before + 2
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_importing_the_same_file_twice_reports_the_rows_as_already_stored(services: Services) -> None:
    up = upload(services, [nom("Đỗ Minh Khôi"), nom("Ngô Bảo Châu")])
    assert len(import_upload(services, OFFICER, up).imported) == 2
    again = import_upload(services, OFFICER, up)
    assert again.imported == [] and {e.rule for e in again.errors} == {"already_stored"}
    assert again.already == [("", 2), ("", 3)] and again.rejected == []
    assert (
        "Dòng 2: Dòng này đã được nhập trước đây ('Đỗ Minh Khôi', trạng thái: Dự thảo)"
        in again.errors[0].message()
    )
    mine = services.my_rows(OFFICER, "nominations", "HN-2024-KTN")
    assert (mine["full_name"] == "Đỗ Minh Khôi").sum() == 1


def test_warnings_hold_rows_back_until_confirmed(services: Services) -> None:
    up = upload(
        services, [nom("Đỗ Minh Khôi"), nom("Đỗ Minh Khoi"), nom("Doãn Thị Thuỷ"), nom("Doãn Thị Thủy")]
    )
    held = import_upload(services, OFFICER, up)
    assert [e.rule for e in held.warnings] == ["duplicate_in_batch_similar"]
    assert held.rejected_rows == [5] and len(held.imported) == 3
    up2 = upload(services, [nom("Mạc Thị Hoà"), nom("Mạc Thị Hòa")])
    accepted = import_upload(services, OFFICER, up2, accept_warnings=True)
    assert len(accepted.imported) == 2 and accepted.rejected_rows == []


def test_check_without_an_actor_sees_only_the_file(services: Services) -> None:
    rows = [nom("A An", "CSTD_CS")]
    errors = check_rows(services, "HN-2024-KTN", "nomination", rows, [7])
    assert {(e.row, e.rule) for e in errors} == {(7, "cstdcs_quota"), (7, "cstdcs_needs_ldtt")}


def test_quota_counts_the_units_stored_ldtt(services: Services) -> None:
    stored = services.my_rows(OFFICER, "nominations", "HN-2024-KTN")
    live = stored[~stored["state"].isin(["WITHDRAWN", "REJECTED"])]
    n_ldtt = int((live["award_code"] == "LDTT").sum())
    n_cs = int((live["award_code"] == "CSTD_CS").sum())
    ldtt_rows = [nom(f"Người Mới {i}") for i in range(40)]
    cs_rows = [nom(f"Người Mới {i}", "CSTD_CS") for i in range(40)]
    errors = check_upload(services, upload(services, ldtt_rows + cs_rows), actor=OFFICER)
    over = [e for e in errors if e.rule == "cstdcs_quota"]
    limit = round(0.15 * (n_ldtt + 40) + 1e-9)  # HALF_UP for these sizes
    assert len(over) == 40 - max(limit - n_cs, 0)


def test_a_role_that_cannot_create_gets_a_refusal_per_row(services: Services) -> None:
    result = import_upload(services, REVIEWER, upload(services, [nom("Đỗ Minh Khôi")]))
    assert result.imported == [] and [e.rule for e in result.errors] == ["refused"]
    assert result.rejected_rows == [2]


# ------------------------------------------------------------------ CLI


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, demo_db: Path) -> Path:
    monkeypatch.setenv("THIDUA_DB", str(demo_db))
    monkeypatch.setenv("THIDUA_BACKEND", "sqlite")
    return demo_db


def _file(tmp_path: Path, services: Services, rows: list[dict[str, Any]]) -> Path:
    camp = services.campaign("HN-2024-KTN")
    path = tmp_path / "mau.xlsx"
    path.write_bytes(intake.fill(intake.template(camp, "nomination", "vi"), rows))
    return path


def test_cli_validate_exit_codes(
    cli_env: Path, services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _file(tmp_path, services, [nom("Đỗ Minh Khôi")])
    assert cli.main(["validate", "--campaign", "HN-2024-KTN", "--form", "nomination", str(good)]) == 0
    bad = _file(tmp_path, services, [nom("Đỗ Minh Khôi", achievement="ngắn")])
    assert (
        cli.main(["--lang", "en", "validate", "--campaign", "HN-2024-KTN", "--form", "nomination", str(bad)])
        == 1
    )
    out = capsys.readouterr().out
    assert "Row 2: 'Achievement summary'" in out and "1 errors" in out
    assert (
        cli.main(
            ["validate", "--campaign", "HN-2024-KTN", "--form", "nomination", str(tmp_path / "none.xlsx")]
        )
        == 2
    )


def test_cli_import_writes_rows_as_the_user(cli_env: Path, services: Services, tmp_path: Path) -> None:
    path = _file(tmp_path, services, [nom("Đỗ Minh Khôi"), nom("Vũ Thị Lan", achievement="ngắn")])
    args = ["import", "--campaign", "HN-2024-KTN", "--form", "nomination", "--as", OFFICER.email, str(path)]
    assert cli.main(args) == 1  # one row had an error; the good one is in
    assert "Đỗ Minh Khôi" in set(services.my_rows(OFFICER, "nominations", "HN-2024-KTN")["full_name"])
    unknown = ["import", "--campaign", "HN-2024-KTN", "--form", "nomination", "--as", "x@y.vn", str(path)]
    assert cli.main(unknown) == 2


def test_cli_validate_without_a_user_says_the_stored_rows_were_not_compared(
    cli_env: Path, services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stored = services.my_rows(OFFICER, "nominations", "HN-2024-KTN").iloc[0]
    path = _file(tmp_path, services, [nom(str(stored["full_name"]), str(stored["award_code"]))])
    args = ["validate", "--campaign", "HN-2024-KTN", "--form", "nomination", str(path)]
    cli.main(args)
    alone = capsys.readouterr().out
    assert "chưa so với hồ sơ đã lưu" in alone and "duplicate" not in alone
    assert cli.main([*args[:-1], "--as", OFFICER.email, str(path)]) == 1
    checked = capsys.readouterr().out
    assert "đã được đơn vị đề nghị" in checked and "chưa so với hồ sơ đã lưu" not in checked

"""The demo's award history through the entry paths a user has: the app form (create_checked),
the Excel import (check_rows) and ``cli.py validate`` all report the DOMAIN.md §7.3 edge cases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.errors import ValidationFailed
from demo.awards import edge_person
from services.intake_import import check_rows, create_checked, run_file
from services.prerequisites import evaluate
from services.services import Services
from tests.conftest import OFFICER

CAMPAIGN = "HN-2024-KTN"
#: Not on the persons list yet: the prerequisite check stays quiet (rule prereq_unknown_person_severity).
NEWCOMER = "Trương Thị Demo Mới"
ACHIEVEMENT = "Hoàn thành xuất sắc nhiệm vụ năm 2024, có sáng kiến được công nhận."


def row(name: str, award: str) -> dict[str, str]:
    return {"subject_kind": "CA_NHAN", "full_name": name, "position": "Công nhân", "award_code": award,
            "achievement": ACHIEVEMENT}  # fmt: skip


def rules_of(services: Services, name: str, award: str) -> list[str]:
    """The person's findings; the unit's CSTĐCS quota (R-CSTDCS-3, tested on its own) depends on how
    many titles the demo unit holds, not on the nominee."""
    errors = check_rows(services, CAMPAIGN, "nomination", [row(name, award)], [2], actor=OFFICER)
    return [e.rule for e in errors if e.rule != "cstdcs_quota"]


@pytest.mark.parametrize(
    ("case", "award", "expected"),
    [
        ("cstdbnt_gap", "CSTD_BNT", ["chain_missing"]),
        ("cstdbnt_ok", "CSTD_BNT", []),
        ("rated_htnv", "LDTT", ["ldtt_rating_low"]),
        ("hired_late", "LDTT", ["ldtt_too_new"]),
        ("reprimanded", "LDTT", ["ldtt_disciplined"]),
        ("no_initiative", "CSTD_CS", ["cstdcs_no_initiative"]),
        ("cstdbnt_ok", "U_BK_LDLD", []),  # CSTĐCS 2023 and 2024: R-BK-1 (a)
        ("revoked", "U_BK_LDLD", ["bk_no_path"]),  # the revoked 2023 CSTĐCS does not count
    ],
)
def test_demo_edge_cases_are_reported_on_import(
    services: Services, case: str, award: str, expected: list[str]
) -> None:
    assert rules_of(services, edge_person(case), award) == expected


def test_the_gap_is_explained_in_both_languages(services: Services) -> None:
    errors = check_rows(services, CAMPAIGN, "nomination", [row(edge_person("cstdbnt_gap"), "CSTD_BNT")], [7],
                        actor=OFFICER)  # fmt: skip
    assert errors[0].row == 7 and errors[0].severity == "error"
    assert errors[0].message("vi") == (
        "Dòng 7: Thiếu danh hiệu CSTĐCS năm 2023: CSTĐ cấp Bộ/ngành/tỉnh cần CSTĐCS 3 năm liên tiếp 2022–2024 "
        "(R-CSTDBNT-1)."
    )
    assert "2023" in errors[0].message("en") and "R-CSTDBNT-1" in errors[0].message("en")


def test_most_demo_nominations_meet_their_prerequisites(services: Services) -> None:
    """The seeded history is consistent with the seeded nominations: every live individual 2024
    nomination of a person on file passes (the §7.3 people are not nominated; they are for trying)."""
    history = services.award_history()
    rules = services.reference().rules
    noms = services.store.read("nominations")
    live = noms[(noms["campaign_id"] == CAMPAIGN) & (noms["subject_kind"] == "CA_NHAN")
                & ~noms["state"].isin(["REJECTED", "WITHDRAWN"])]  # fmt: skip
    checked = failed = 0
    for r in live.to_dict("records"):
        pid = history.find(str(r["unit_id"]), r["full_name"])[0]
        assert pid, r["full_name"]
        checked += 1
        failed += bool(evaluate(history, rules, dt.date(2024, 12, 31), pid, str(r["award_code"]), 2024))
    assert checked > 1500 and failed == 0


def test_the_form_blocks_errors_and_asks_to_confirm_warnings(services: Services) -> None:
    before = len(services.my_rows(OFFICER, "nominations"))
    with pytest.raises(ValidationFailed) as exc:
        create_checked(services, OFFICER, CAMPAIGN, "nomination", row(edge_person("hired_late"), "LDTT"))
    assert [(e.row, e.rule, e.severity) for e in exc.value.errors] == [(None, "ldtt_too_new", "error")]
    assert "01/06/2024" in exc.value.errors[0].message("vi")
    ok = create_checked(services, OFFICER, CAMPAIGN, "nomination", row(NEWCOMER, "LDTT"),
                        client_token="t1")  # fmt: skip
    assert create_checked(services, OFFICER, CAMPAIGN, "nomination", row(NEWCOMER, "LDTT"),
                          client_token="t1")["id"] == ok["id"]  # fmt: skip  # a double click: same row
    similar = row("Trương Thị Demo Mới".replace("Mới", "Mơí"), "LDTT")  # the same name, tone placed elsewhere
    with pytest.raises(ValidationFailed) as exc:
        create_checked(services, OFFICER, CAMPAIGN, "nomination", similar)
    assert {e.severity for e in exc.value.errors} == {"warning"}
    assert len(services.my_rows(OFFICER, "nominations")) == before + 1
    create_checked(services, OFFICER, CAMPAIGN, "nomination", similar, accept_warnings=True)
    assert len(services.my_rows(OFFICER, "nominations")) == before + 2


def test_cli_validate_reports_the_prerequisites(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "de_nghi.csv"
    path.write_text(
        "Đối tượng,Họ và tên / Tên tập thể,Chức vụ,Danh hiệu / hình thức,Tóm tắt thành tích\n"
        f"CA_NHAN,{edge_person('rated_htnv')},Công nhân,LDTT,{ACHIEVEMENT}\n",
        encoding="utf-8",
    )
    code, lines = run_file(services, CAMPAIGN, "nomination", path, as_email=OFFICER.email)
    assert code == 1
    assert any("HTNV" in line and "R-LDTT-1" in line and "Dòng 2" in line for line in lines), lines


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("", []),  # blank: either path; (b) holds (HTXSNV 2023 and 2024, one initiative each year)
        ("CSTD_2Y", [("bk_cstd_missing", "error")]),
        ("OTHER_WITH_REASON", [("bk_other_reason", "warning")]),
    ],
)
def test_the_certificate_criterion_path_is_read_from_the_form(
    services: Services, path: str, expected: list[tuple[str, str]]
) -> None:
    """R-BK-1 through the 2024 form's optional "Tiêu chuẩn Bằng khen" field: Phan Văn Demo Khải has
    CSTĐCS 2024 but not 2023, so path (a) fails when chosen, path (b) passes when the field is blank,
    and "another criterion" asks the reviewer to confirm."""
    values = {**row(edge_person("cstdbnt_gap"), "U_BK_LDLD"), "criterion_path": path}
    errors = check_rows(services, CAMPAIGN, "nomination", [values], [2], actor=OFFICER)
    assert [(e.rule, e.severity) for e in errors] == expected
    if path == "CSTD_2Y":
        assert "Thiếu danh hiệu CSTĐCS năm 2023" in errors[0].message("vi")

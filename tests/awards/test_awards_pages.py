"""AppTest: the user sees the reason a prerequisite fails on the form, and the council secretary
issues a decision (and revokes a grant) from the documents page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.model import Actor
from demo.awards import edge_person
from storage.sqlite import SqliteWorkbook
from tests.conftest import OFFICER, SECRETARY

ROOT = Path(__file__).resolve().parents[2]
NOMINATION = "submit_HN-2024-KTN_nomination_"


def _open(page: str, actor: Actor, demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("THIDUA_DB", str(demo_db))
    monkeypatch.setenv("THIDUA_TODAY", "2024-12-05")
    monkeypatch.delenv("THIDUA_BACKEND", raising=False)
    at = AppTest.from_file(str(ROOT / "app_pages" / f"{page}.py"), default_timeout=90)
    at.session_state["actor"] = actor
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _fill(at: AppTest, name: str, award: str) -> None:
    at.selectbox(key="submit_campaign").set_value("HN-2024-KTN")
    at.run()
    at.selectbox(key=NOMINATION + "subject_kind").set_value("CA_NHAN")
    at.text_input(key=NOMINATION + "full_name").set_value(name)
    at.text_input(key=NOMINATION + "position").set_value("Kỹ sư")
    at.selectbox(key=NOMINATION + "award_code").set_value(award)
    at.text_area(key=NOMINATION + "achievement").set_value(
        "Hoàn thành xuất sắc nhiệm vụ, có sáng kiến cấp thành phố."
    )


def test_the_form_says_which_year_of_cstdcs_is_missing(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open("submit", OFFICER, demo_db, monkeypatch)
    _fill(at, edge_person("cstdbnt_gap"), "CSTD_BNT")
    at.button(key="submit_send").click().run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [str(e.value) for e in at.error]
    assert any("Chưa lưu" in e for e in errors), errors
    assert any("Thiếu danh hiệu CSTĐCS năm 2023" in e and "3 năm liên tiếp 2022–2024" in e for e in errors), (
        errors
    )
    assert not at.success  # nothing saved


def test_the_form_asks_to_confirm_a_warning_then_saves(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("THIDUA_TODAY", "2024-12-05")
    at = _open("submit", OFFICER, demo_db, monkeypatch)
    _fill(at, "Trương Thị Demo Mới", "LDTT")
    at.button(key="submit_send").click().run()
    assert at.success, [e.value for e in at.error]
    _fill(at, "Trương Thị Demo Mơí", "LDTT")  # the same name with the tone mark placed elsewhere
    at.button(key="submit_send").click().run()
    assert any("Cần xác nhận" in str(w.value) for w in at.warning)
    at.checkbox(key="submit_confirm_HN-2024-KTN_nomination").check().run()
    at.button(key="submit_send").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.success and not any("Cần xác nhận" in str(w.value) for w in at.warning)


def test_secretary_issues_a_decision_and_revokes_a_grant(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    noms = SqliteWorkbook(demo_db).read("nominations")
    n = int(
        (
            (noms["campaign_id"] == "HN-2024-KTN")
            & (noms["award_code"] == "U_BK_LDLD")
            & (noms["state"] == "AWARDED")
        ).sum()
    )  # the demo's approved Certificates of Merit, none granted yet
    assert n > 0
    at = _open("documents", SECRETARY, demo_db, monkeypatch)
    at.selectbox(key="documents_campaign").set_value("HN-2024-KTN").run()
    at.selectbox(key="decision_award").set_value("U_BK_LDLD").run()
    assert any(f"{n} hồ sơ đã thông qua" in str(c.value) for c in at.caption)
    at.text_input(key="decision_number").set_value("123/KH-LĐLĐ")
    at.text_input(key="decision_signer").set_value("Nguyễn Văn Demo")
    at.text_input(key="decision_signer_title").set_value("Chủ tịch")
    at.button(key="decision_issue").click().run()
    # messages go through ui.plain (Markdown punctuation escaped), so compare without backslashes
    assert any("123/QĐ-LĐLĐ" in str(e.value).replace("\\", "") for e in at.error), [e.value for e in at.error]
    at.text_input(key="decision_number").set_value("123/QĐ-LĐLĐ")
    at.button(key="decision_issue").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(
        f"Đã ban hành quyết định 123/QĐ-LĐLĐ: {n} khen thưởng" in str(s.value).replace("\\", "")
        for s in at.success
    ), [s.value for s in at.success]
    assert any("0 hồ sơ đã thông qua" in str(c.value) for c in at.caption)
    grants = _grants_table(at)
    award = "Bằng khen của Ban Chấp hành Liên đoàn Lao động Thành phố"  # the award's name, not its code
    assert (grants["Danh hiệu / hình thức"] == award).sum() == n
    at.selectbox(key="decision_revoke_reason").set_value("KE_KHAI_SAI")
    at.text_input(key="decision_revoke_note").set_value("Kê khai không trung thực số sáng kiến")
    at.button(key="decision_revoke").click().run()
    assert any("Đã hủy bỏ khen thưởng" in str(s.value) for s in at.success)
    assert (_grants_table(at)["Đã hủy bỏ"] == "Có").sum() == 1
    assert any("Đã hủy bỏ quyết định" in str(c.value) for c in at.caption)  # the form says it
    stored = SqliteWorkbook(demo_db)
    g = stored.read("award_grants")
    gone = g[g["revoked"].astype(bool) & (g["award_code"] == "U_BK_LDLD")]
    assert len(gone) == 1
    noms = stored.read("nominations").set_index("id")
    assert noms.loc[str(gone["nomination_id"].iloc[0]), "state"] == "REVOKED"


def _grants_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Lý do hủy bỏ" in d.value.columns)


def test_a_unit_officer_sees_no_decision_panel(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open("documents", OFFICER, demo_db, monkeypatch)
    assert not [b for b in at.button if b.key == "decision_issue"]

"""The "Nhập từ Excel" page over a private demo store: template download, upload, report, import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from services import intake
from tests.conftest import OFFICER
from workflows.loader import load_campaigns

PAGE = Path(__file__).resolve().parents[2] / "app_pages" / "import_excel.py"
GOOD = "Hoàn thành xuất sắc nhiệm vụ, vượt 15% định mức sản lượng năm 2024."
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def nom(name: str, **over: Any) -> dict[str, Any]:
    return {
        "subject_kind": "CA_NHAN",
        "full_name": name,
        "position": "Công nhân",
        "award_code": "LDTT",
        "achievement": GOOD,
        **over,
    }


@pytest.fixture
def page(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("THIDUA_DB", str(demo_db))
    monkeypatch.setenv("THIDUA_TODAY", "2024-12-05")
    monkeypatch.delenv("THIDUA_BACKEND", raising=False)
    at = AppTest.from_file(str(PAGE), default_timeout=60.0)
    at.session_state["actor"] = OFFICER
    return at.run()


def test_page_offers_the_template_and_imports_valid_rows(page: AppTest) -> None:
    assert not page.exception
    assert page.title[0].value == "Nhập từ Excel"
    assert any(b.label == "Tải mẫu Excel" for b in page.download_button)
    camp = load_campaigns()["HN-2024-KTN"]
    data = intake.fill(
        intake.template(camp, "nomination", "vi"), [nom("Đỗ Minh Khôi"), nom("Vũ Lan", achievement="ngắn")]
    )
    page.selectbox(key="import_campaign").set_value("HN-2024-KTN").run()
    page.file_uploader(key="import_file").upload("mau.xlsx", data, XLSX).run()
    assert not page.exception, [e.value for e in page.exception]
    report = page.dataframe[0].value
    assert list(report.iloc[:, 0]) == [3]
    # the bar that showed the check is full and says so (it used to stop at 40 %)
    assert [(p.proto.value, p.proto.text) for p in page.get("progress")] == [(100, "Xong.")]
    assert "2 dòng: 1 dòng hợp lệ, 1 dòng có lỗi" in " ".join(
        m.value.replace("\\", "") for m in page.markdown
    )
    page.button(key="import_go").click().run()
    assert not page.exception, [e.value for e in page.exception]
    assert any(b.label.startswith("Tải các dòng chưa nhập") for b in page.download_button)


def test_a_refused_file_shows_a_message_not_a_traceback(page: AppTest) -> None:
    page.file_uploader(key="import_file").upload("mau.xlsx", b"not a spreadsheet", XLSX).run()
    assert not page.exception
    assert any("không phải bảng tính" in str(e.value) for e in page.error)


def test_an_officers_own_list_with_labels_is_imported_through_the_page(page: AppTest) -> None:
    from tests.intake.officer_files import officer_file, person

    data = officer_file([person("Mạc Văn Trang", "LĐTT"), person("NguyÔn V¨n An", "Lao động tiên tiến")])
    page.selectbox(key="import_campaign").set_value("HN-2024-KTN").run()
    page.file_uploader(key="import_file").upload("danh_sach.xlsx", data, XLSX).run()
    assert not page.exception, [e.value for e in page.exception]
    report = page.dataframe[0].value
    assert list(report.iloc[:, 0]) == [7] and "Nguyễn Văn An" in report.iloc[0, -2]
    page.checkbox(key="import_accept").check().run()
    page.button(key="import_go").click().run()
    assert not page.exception, [e.value for e in page.exception]
    assert any("Đã nhập 2 dòng" in str(s.value) for s in page.success)

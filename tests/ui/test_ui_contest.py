"""The Hội thi thợ giỏi 2025 (workflows/campaigns/hn-2025-hoi-thi-tho-gioi.yaml) from registration to
prizes, through the real app on 15/04/2025: an officer registers an entrant (the form drawn from the
YAML's own fields, a birth year typed in words refused with the Vietnamese message), the upper union
confirms entrants, the judges score on their sheet (cell by cell, a judge of the entrants' own union
recused), the secretary confirms the trade's results, the leader's dashboard shows the 2025 entrants,
prizes and money, and the prize list and the decision export with the money totals."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from streamlit.testing.v1 import AppTest
from ui_helpers import assert_clean, demo_actor, select_rows, texts

from core.model import Actor
from exports import contest as contest_exports
from reporting.reporting import Reporting
from tests.conftest import LEADER, OFFICER, OFFICER_VQ, REVIEWER, REVIEWER_HD, SECRETARY

APP = Path(__file__).resolve().parents[2] / "app.py"
DAY = "2025-04-15"
CONTEST = "HN-2025-HTTG"
TAB = "thi_sinh_2025"
PREFIX = f"submit_{CONTEST}_entrant_"
JUDGE_1 = demo_actor("gk.han-dien.1", "JUDGE", "HN-LDLD")
JUDGE_2 = demo_actor("gk.han-dien.2", "JUDGE", "HN-CDCS-CANON")  # Canon's union: recused from Canon
JUDGE_3 = demo_actor("gk.han-dien.3", "JUDGE", "HN-LDLD")
ENTRANT = {
    "full_name": "Nguyễn Văn Demo Thắng",
    "gender": "NAM",
    "trade": "HAN_DIEN",
    "workplace": "Công ty TNHH Canon Việt Nam",
    "skill_grade": "5",
    "years_in_trade": "9",
    "certified": True,
    "phone": "0912 345 678",
}


@pytest.fixture
def app(demo_db: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("THIDUA_DB", str(demo_db))
    monkeypatch.setenv("THIDUA_TODAY", DAY)
    monkeypatch.delenv("THIDUA_BACKEND", raising=False)

    def open_(actor: Actor, page: str) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.session_state["actor"] = actor
        at.run()
        at.switch_page(f"app_pages/{page}.py").run()
        assert_clean(at)
        return at

    return open_


def _services(at: AppTest):  # type: ignore[no-untyped-def]
    """The services the app built for this store and day (shared by the app's sessions)."""
    import bootstrap
    from app_pages import common

    settings = bootstrap.load_settings()
    return common._build(repr(settings), settings)


def test_contest_from_registration_to_prizes(app) -> None:  # type: ignore[no-untyped-def]
    # 1. the officer registers an entrant on the form the YAML declares
    at = app(OFFICER, "submit")
    assert at.selectbox(key="submit_campaign").value == CONTEST  # the one campaign open on 15/04/2025
    for name, value in ENTRANT.items():
        widget = (
            at.selectbox(key=PREFIX + name)
            if name in ("gender", "trade", "certified")
            else at.text_input(key=PREFIX + name)
        )
        widget.set_value(value)
    at.multiselect(key=PREFIX + "earlier_contests").set_value(["Y2021", "Y2023"])
    at.text_input(key=PREFIX + "birth_year").set_value("khoảng 30 tuổi")
    at.button(key="submit_send").click().run()
    assert_clean(at)
    errors = " ".join(texts(at, "error"))
    assert "'Năm sinh': 'khoảng 30 tuổi' không phải một năm. Nhập 4 chữ số, ví dụ 1990." in errors
    at.text_input(key=PREFIX + "birth_year").set_value("1992").run()
    at.button(key="submit_send").click().run()
    assert_clean(at)
    svc = _services(at)
    stored = svc.rows(OFFICER, TAB, CONTEST)
    assert len(stored) == 1
    row = stored.iloc[0]
    assert (row["state"], row["birth_year"], row["trade"], row["phone"], bool(row["certified"])) == (
        "SUBMITTED", 1992, "HAN_DIEN", "0912345678", True,
    )  # fmt: skip
    assert row["earlier_contests"] == "Y2021; Y2023"

    # more entrants of the welding trade: three more from Canon, one from a school in Hà Đông
    def register(officer: Actor, name: str) -> str:
        values = {**ENTRANT, "full_name": name, "birth_year": 1990, "certified": "Có"}
        return str(svc.create(officer, CONTEST, "entrant", values)["id"])

    canon = [str(row["id"]), *(register(OFFICER, f"Trần Văn Demo {n}") for n in ("Hùng", "Minh", "Long"))]
    school = register(OFFICER_VQ, "Lê Thị Demo Hoa")

    # 2. the upper union confirms its entrants (the first one on the review page)
    at = app(REVIEWER, "review")
    at.radio(key="review_tab").set_value(TAB).run()
    at = select_rows(at, "review_table", [0])
    approve = next(b for b in at.button if "Xác nhận dự thi" in str(b.label))
    approve.click().run()
    assert_clean(at)
    rest = svc.rows(REVIEWER, TAB, CONTEST)
    rest = rest[rest["state"] == "SUBMITTED"]
    assert len(rest) == 3
    svc.act_many(REVIEWER, TAB, list(zip(rest["id"], rest["version"].astype(int), strict=True)), "approve")
    school_row = svc.get(REVIEWER_HD, TAB, school)
    svc.act(REVIEWER_HD, TAB, school, int(school_row["version"]), "approve")

    # 3. judges score: judge 1 on the sheet (a cell edited, saved on its own), then one entrant at a time
    at = app(JUDGE_1, "jury")
    sheet = at.data_editor[0].value
    assert len(sheet) == 5
    theory, practice = "Lý thuyết (0–100)", "Thực hành (0–100)"
    assert {theory, practice} <= set(sheet.columns)
    at.session_state["jury_sheet_0"] = {
        "edited_rows": {0: {theory: 88, practice: 91}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert_clean(at)
    assert any("Đã lưu 2 ô điểm" in s for s in texts(at, "success"))
    first = at.data_editor[0].value
    assert (int(first.iloc[0][theory]), int(first.iloc[0][practice])) == (88, 91)
    at.selectbox(key="jury_one_entrant").set_value(at.selectbox(key="jury_one_entrant").options[1]).run()
    at.number_input(key="jury_one_LT").set_value(75)
    at.number_input(key="jury_one_TH").set_value(80)
    at.button(key="jury_one_save").click().run()
    assert_clean(at)
    # judge 2 belongs to Canon's union: only the school's entrant is on the sheet, Canon's are recused
    at2 = app(JUDGE_2, "jury")
    assert len(at2.data_editor[0].value) == 1
    assert any("Không chấm (cùng đơn vị" in c for c in texts(at2, "caption"))
    from services.jury import Jury

    jury = Jury(svc)
    marks = {canon[0]: (88, 91), canon[1]: (75, 80), canon[2]: (70, 72), canon[3]: (20, 30), school: (90, 86)}
    for judge in (JUDGE_1, JUDGE_3, JUDGE_2):
        sheet_now = jury.sheet(judge, CONTEST, "HAN_DIEN")
        for e in sheet_now.entrants:
            if e.entry_id in sheet_now.recused:
                continue
            for code, points in zip(("LT", "TH"), marks[e.entry_id], strict=True):
                cell = sheet_now.cell(e.entry_id, code)
                if cell.points is None:
                    jury.save(judge, CONTEST, e.entry_id, code, points, None)

    # 4. the secretary sees the standings and confirms the trade's results
    at = app(SECRETARY, "jury")
    assert at.selectbox(key="jury_contest").value == CONTEST
    standings = at.dataframe[0].value
    assert list(standings["Hạng"])[:2] == [1, 2]
    assert "Lê Thị Demo Hoa" in set(standings["Họ và tên"]) and "Giải Nhất" in set(standings["Giải"])
    at.multiselect(key="jury_confirm_categories").set_value(["HAN_DIEN"])
    at.checkbox(key="jury_confirm_sure").check()
    at.button(key="jury_confirm").click().run()
    assert_clean(at)
    assert any("Đã xác nhận kết quả của 5 thí sinh, 4 giải." in s for s in texts(at, "success"))
    states = dict(
        zip(svc.rows(SECRETARY, TAB, CONTEST)["id"], svc.rows(SECRETARY, TAB, CONTEST)["state"], strict=True)
    )
    assert states[school] == "AWARDED" and states[canon[3]] == "NO_PRIZE"  # 25.9 of 100: below min_total
    results = jury.results(SECRETARY, CONTEST)
    won = results[results["prize_code"] != ""]
    assert list(won.sort_values("rank")["prize_code"]) == ["NHAT", "NHI", "BA", "BA"]
    assert int(won["amount_vnd"].sum()) == 12_000_000 + 9_000_000 + 2 * 6_000_000
    history = svc.store.read("history")
    assert set(history[(history["row_id"] == school)]["action"]) >= {"create", "submit", "approve", "award"}
    assert len(at.get("download_button")) == len(contest_exports.KINDS)

    # 5. the leader's dashboard: 2025 entrants, prizes and money from the campaign's own data
    at = app(LEADER, "dashboard")
    assert at.selectbox(key="dashboard_campaign").value == CONTEST  # the campaign running today
    tiles = {str(m.label): str(m.value) for m in at.metric}
    assert tiles["Thí sinh thợ giỏi"] == "5/363"
    assert tiles["Giải thợ giỏi"] == "4/111"
    assert tiles["Tiền thưởng thợ giỏi"] == "33 triệu đồng"

    # 6. the prize list and the decision, with the money per trade and in total
    reporting = Reporting(svc)
    book = openpyxl.load_workbook(
        io.BytesIO(contest_exports.export(reporting, SECRETARY, "giaithuong", CONTEST).data)
    )
    cells = [[c for c in r if c is not None] for r in book.active.iter_rows(values_only=True)]
    assert ["Cộng nghề Hàn điện: 4 giải", 33_000_000] in cells and ["TỔNG CỘNG: 4 giải", 33_000_000] in cells
    made = contest_exports.export(reporting, SECRETARY, "quyetdinh_ketqua", CONTEST, number=45)
    text = "\n".join(p.text for p in Document(io.BytesIO(made.data)).paragraphs)
    tables = "\n".join(
        c.text for t in Document(io.BytesIO(made.data)).tables for r in t.rows for c in r.cells
    )
    assert (
        "Số: 45/QĐ-LĐLĐ" in tables and "công nhận kết quả hội thi thợ giỏi thành phố Hà Nội năm 2025" in text
    )
    assert "4 thí sinh đạt giải" in text and "33.000.000 đồng" in text and "(Đã ký)" not in text
    assert "Lê Thị Demo Hoa" in tables and "Giải Nhất" in tables and "33.000.000" in tables
    draft = Document(
        io.BytesIO(contest_exports.export(reporting, SECRETARY, "quyetdinh_ketqua", CONTEST).data)
    )
    header = "\n".join(c.text for t in draft.tables for r in t.rows for c in r.cells)
    assert "(Dự thảo)" in header and "DỰ THẢO" in header  # under the date too, as every draft decision
    assert "DỰ THẢO" not in tables and "{{" not in tables + text  # the numbered one: no draft mark left
    certs = Document(io.BytesIO(contest_exports.export(reporting, SECRETARY, "chungnhan", CONTEST).data))
    body = "\n".join(p.text for p in certs.paragraphs)
    assert body.count("GIẤY CHỨNG NHẬN") == 4 and "Lê Thị Demo Hoa" in body and "{{" not in body


def test_the_2023_contest_results_on_the_demo_day(view_app) -> None:  # type: ignore[no-untyped-def]
    """On 05/12/2024 the secretary finds the 2023 contest confirmed (111 prizes, 564 triệu đồng) with its
    files; a leader sees the standings but no confirmation; a judge has nothing to score yet."""
    at = view_app(SECRETARY, "jury")
    at.selectbox(key="jury_contest").set_value("HN-2023-HTTG").run()
    assert_clean(at)
    assert any("111 giải ở 11 nghề, tổng tiền thưởng 564.000.000 đồng." in c for c in texts(at, "caption"))
    assert any("Kết quả của mọi nghề đã được xác nhận." in c for c in texts(at, "caption"))
    assert len(at.get("download_button")) == 3
    leader = view_app(LEADER, "jury")
    leader.selectbox(key="jury_contest").set_value("HN-2023-HTTG").run()
    assert_clean(leader)
    assert not [b for b in leader.button if b.key == "jury_confirm"]
    judge = view_app(JUDGE_1, "jury")
    assert any("Chưa có thí sinh nào đang chờ chấm" in i for i in texts(judge, "info"))


def test_a_returned_entrant_is_fixed_and_registered_again(app) -> None:  # type: ignore[no-untyped-def]
    """The unit's page shows an entrant the upper union returned, with the form prefilled from the
    stored row (the year as "1990", the trade as its label), and sends it again."""
    at = app(OFFICER, "submit")
    svc = _services(at)
    made = svc.create(OFFICER, CONTEST, "entrant", {**ENTRANT, "birth_year": 1990, "certified": "Có"})
    row = svc.get(REVIEWER, TAB, str(made["id"]))
    svc.act(REVIEWER, TAB, str(made["id"]), int(row["version"]), "return", "Bổ sung bậc thợ đúng chứng chỉ.")
    at = app(OFFICER, "my_submissions")
    at.radio(key="mine_tab").set_value(TAB).run()
    at = select_rows(at, "mine_table", [0])
    assert_clean(at)
    prefix = f"edit_{made['id']}_"
    assert at.text_input(key=prefix + "birth_year").value == "1990"
    assert at.selectbox(key=prefix + "trade").value == "HAN_DIEN"
    at.text_input(key=prefix + "skill_grade").set_value("6")
    at.button(key="mine_submit").click().run()
    assert_clean(at)
    again = svc.get(OFFICER, TAB, str(made["id"]))
    assert (again["state"], again["skill_grade"], again["birth_year"]) == ("SUBMITTED", 6, 1990)

"""Each official document generated from the demo, reopened with python-docx, and checked: header,
number, official date, table rows against a hand count, and names in Vietnamese given-name order."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from docx import Document
from export_helpers import all_text, reopen, sections, table_with_header

from core.errors import ActionNotAllowed
from core.text import given_name_sort_key, split_name, vi_collation_key
from core.vnformat import official_date
from exports import documents, docx_fill
from exports.build import export
from reporting.metrics import Filters
from reporting.reporting import Reporting
from services.services import Services
from tests.conftest import COUNCIL, LEADER, OFFICER, REVIEWER

DRIVE = "HN-2023-DTD-CAODIEM-DH"
ANNUAL = "HN-2024-KTN"
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
DATE_LINE = "Hà Nội, ngày 05 tháng 12 năm 2024"


def _award_names(raw: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    return {c["id"]: c["name_vi"] for c in raw["catalogue"]}


def _assert_official_head(text: str, number: str) -> None:
    for line in MOTTO:
        assert line in text
    assert "LĐLĐ THÀNH PHỐ HÀ NỘI" in text
    assert f"Số: {number}" in text
    assert DATE_LINE in text
    assert "{{" not in text


def _assert_given_name_order(names: list[str]) -> None:
    keys = [given_name_sort_key(n) for n in names]
    assert keys == sorted(keys), names


def test_submission_letter(rep: Reporting, raw: dict[str, list[dict[str, Any]]]) -> None:
    doc = reopen(export(rep, LEADER, "totrinh", DRIVE, number=123).data)
    text = all_text(doc)
    _assert_official_head(text, "123/TTr-LĐLĐ")
    assert "TỜ TRÌNH" in text and "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG" in text
    assert "(Kèm theo Tờ trình số 123/TTr-LĐLĐ ngày 05 tháng 12 năm 2024" in text
    table = table_with_header(doc, "STT", "Họ và tên")
    assert [c.text for c in table.rows[0].cells] == [
        "STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức", "Tóm tắt thành tích",
    ]  # fmt: skip
    names = _award_names(raw)
    units = {u["id"]: u["name_vi"] for u in raw["units"]}
    expected = Counter(
        (r["full_name"], units[r["unit_id"]], names[r["award_code"]], r["position"], r["achievement"])
        for r in raw["nominations"]
        if r["campaign_id"] == DRIVE and r["state"] in ("IN_COUNCIL", "AWARDED")
    )
    got: Counter[tuple[str, ...]] = Counter()
    for title, rows in sections(table):
        assert [int(r[0]) for r in rows] == list(range(1, len(rows) + 1))  # STT restarts per section
        assert title.endswith(f"({len(rows)} cá nhân)")
        _assert_given_name_order([r[1] for r in rows])
        got.update((r[1], r[3], r[4], r[2], r[5]) for r in rows)
    assert got == expected and sum(expected.values()) > 50
    # summary table: per form, then the total
    summary = table_with_header(doc, "STT", "Hình thức khen thưởng")
    assert summary.rows[-1].cells[2].text == str(sum(expected.values()))


def test_submission_letter_first_names_follow_vietnamese_alphabet(rep: Reporting) -> None:
    bundle = rep.submission_letter(LEADER, ANNUAL)
    given = [split_name(n.full_name)[2] for n in bundle.groups[0].nominees]
    # "Ân"-like shapes sort after their base letter and đ after d: the collation key, not code points
    assert given == sorted(given, key=vi_collation_key)


def test_submission_letter_in_scope_only(rep: Reporting, raw: dict[str, list[dict[str, Any]]]) -> None:
    parent = {u["id"]: u["parent_id"] for u in raw["units"]}
    bundle = rep.submission_letter(REVIEWER, ANNUAL)
    assert bundle.nominees
    for n in bundle.nominees:
        u: str | None = n.unit_id
        while u and u != REVIEWER.unit_id:
            u = parent.get(u) or None
        assert u == REVIEWER.unit_id, n.unit_id


def _meeting_lines(doc: Any) -> list[list[str]]:
    return [r for _, rs in sections(table_with_header(doc, "STT", "Họ và tên")) for r in rs]


def test_council_minutes_come_from_one_closed_meeting(rep: Reporting, svc: Services) -> None:
    """Issue 23: attendance, agenda, each item's votes and outcome all from one meeting, and the
    tally of section I counted from the lines of section II (no "Số trình 335, thông qua 2" beside
    627 "Thông qua" lines)."""
    meetings = rep.council_meetings(COUNCIL, DRIVE)
    assert len(meetings) > 10 and set(meetings["status"]) == {"CLOSED"}
    meeting = meetings.iloc[0].to_dict()  # the newest
    ballots = svc.store.read("ballots")
    ballots = ballots[ballots["meeting_id"] == meeting["id"]]
    assert len(ballots) >= 1
    doc = reopen(export(rep, COUNCIL, "bienban", DRIVE, meeting_id=str(meeting["id"])).data)
    text = all_text(doc)
    assert f"Số: {meeting['minutes_no']}" in text
    held = dt.date.fromisoformat(str(meeting["held_on"]))
    assert official_date(held, "Hà Nội") in text  # dated the day the meeting was held
    assert (
        f"tổng số thành viên Hội đồng {meeting['members_total']}; có mặt {meeting['members_present']}; "
        f"gửi phiếu bằng văn bản {meeting['written_votes']}"
    ) in text
    assert "....." not in text.split("Chủ trì")[0]  # attendance filled in, never left blank
    assert "DỰ THẢO" not in text and "(Đã ký)" not in text and "{{" not in text
    lines = _meeting_lines(doc)
    assert len(lines) == len(ballots)
    by_name = {(r[1], r[3]): r for r in lines}
    noms = svc.store.read("nominations").set_index("id")
    names = dict(zip(svc.store.read("catalogue")["id"], svc.store.read("catalogue")["name_vi"], strict=True))
    for b in ballots.to_dict("records"):
        nom = noms.loc[b["nomination_id"]]
        line = by_name[(nom["full_name"], names[b["award_code"]])]
        assert (line[4], line[5]) == (str(b["yes"]), str(b["no"]))
        assert line[6] == {"PASS": "Thông qua", "FAIL": "Không thông qua"}[b["result"]]
    tallies = table_with_header(doc, "STT", "Hình thức khen thưởng")
    for row in tallies.rows[1:]:
        award, proposed, passed = row.cells[1].text, int(row.cells[2].text), int(row.cells[3].text)
        mine = [r for r in lines if r[3] == award]
        assert proposed == len(mine) and passed == sum(r[6] == "Thông qua" for r in mine)
    assert sum(int(r.cells[2].text) for r in tallies.rows[1:]) == len(lines)


def test_minutes_of_a_meeting_still_open_are_a_draft_with_its_votes_so_far(services: Services) -> None:
    from services.council import Council
    from tests.conftest import DEMO_DAY, SECRETARY

    own = services  # a private copy of the demo: this test writes
    council = Council(own)
    meeting = council.open_meeting(SECRETARY, DEMO_DAY, 13, 11, 1, "04/BB-HĐTĐKT")
    agenda = council.agenda(SECRETARY)
    first = agenda.iloc[0].to_dict()
    council.record_ballot(SECRETARY, meeting["id"], first["id"], "SECRET", 11, 1)  # ≥ 80 % of all 13
    doc = reopen(export(Reporting(own), SECRETARY, "bienban", ANNUAL, meeting_id=str(meeting["id"])).data)
    text = all_text(doc)
    assert "DỰ THẢO" in text and "(Đã ký)" not in text
    assert "Số: 04/BB-HĐTĐKT" in text and "có mặt 11" in text
    lines = _meeting_lines(doc)
    assert len(lines) == len(agenda)  # the voted item and the items still to vote on
    voted = [r for r in lines if r[1] == first["full_name"] and r[4] != "—"]
    assert [(r[4], r[5], r[6]) for r in voted] == [("11", "1", "Thông qua")]
    assert sum(r[6] == "Chưa biểu quyết" for r in lines) == len(agenda) - 1
    tallies = table_with_header(doc, "STT", "Hình thức khen thưởng")
    assert sum(int(r.cells[3].text) for r in tallies.rows[1:]) == 1  # passed: the one vote taken
    users = own.reference().users
    secretary = users[users["email"] == SECRETARY.email].iloc[0]["full_name"]
    assert f"Thư ký: đồng chí {secretary}" in text  # whoever opened the meeting


def test_drafts_say_du_thao_and_nothing_the_app_produces_says_da_ky(rep: Reporting) -> None:
    draft_letter = all_text(reopen(export(rep, LEADER, "totrinh", DRIVE).data))
    assert "DỰ THẢO" in draft_letter and "(Đã ký)" not in draft_letter
    numbered = all_text(reopen(export(rep, LEADER, "totrinh", DRIVE, number=123).data))
    assert "DỰ THẢO" not in numbered and "(Đã ký)" not in numbered
    draft_decision = all_text(reopen(export(rep, COUNCIL, "quyetdinh", DRIVE, number=123).data))
    assert "DỰ THẢO" in draft_decision and "(Đã ký)" not in draft_decision


def test_council_documents_need_a_council_role(rep: Reporting) -> None:
    with pytest.raises(ActionNotAllowed) as exc:
        rep.council_minutes(OFFICER, DRIVE)
    assert exc.value.code == "export.council_only"
    with pytest.raises(ActionNotAllowed):
        rep.decision(REVIEWER, DRIVE)


def test_decision_with_annex(rep: Reporting, raw: dict[str, list[dict[str, Any]]]) -> None:
    doc = reopen(export(rep, COUNCIL, "quyetdinh", DRIVE, number=123).data)
    text = all_text(doc)
    _assert_official_head(text, "123/QĐ-LĐLĐ")
    assert "QUYẾT ĐỊNH" in text and "DANH SÁCH KÈM THEO" in text
    assert "(Kèm theo Quyết định số 123/QĐ-LĐLĐ ngày 05 tháng 12 năm 2024" in text
    assert "Căn cứ Kế hoạch số 80/KH-LĐLĐ ngày 28 tháng 4 năm 2023" in text
    annex = table_with_header(doc, "STT", "Họ và tên")
    assert [c.text for c in annex.rows[0].cells] == [
        "STT",
        "Họ và tên",
        "Chức vụ",
        "Đơn vị",
        "Hình thức",
        "Tiền thưởng (đồng)",
    ]
    awarded = [r for r in raw["nominations"] if r["campaign_id"] == DRIVE and r["state"] == "AWARDED"]
    got = []
    for _, rows in sections(annex):
        _assert_given_name_order([r[1] for r in rows])
        got.extend(r[1] for r in rows)
    assert sorted(got) == sorted(r["full_name"] for r in awarded)
    assert f"Khen thưởng {len(awarded)} tập thể, cá nhân" in text


def test_official_date_form(rep: Reporting) -> None:
    bundle = rep.decision(COUNCIL, DRIVE, 123, signed_on=dt.date(2023, 7, 5))
    text = all_text(reopen(documents.decision(bundle)))
    assert "Hà Nội, ngày 05 tháng 7 năm 2023" in text
    bundle = rep.decision(COUNCIL, DRIVE, signed_on=dt.date(2023, 2, 1))
    text = all_text(reopen(documents.decision(bundle)))
    assert "Hà Nội, ngày 01 tháng 02 năm 2023" in text
    assert "Số:      /QĐ-LĐLĐ" in text  # no number yet: left blank for the office to fill


def test_long_export_reports_progress(rep: Reporting) -> None:
    seen: list[float] = []
    out = export(rep, LEADER, "totrinh", ANNUAL, progress=lambda f, _label: seen.append(f))
    assert len(seen) > 10 and seen == sorted(seen) and seen[-1] == 1.0
    assert out.filename.endswith(".docx")


def test_quarterly_snapshot(rep: Reporting) -> None:
    snap = rep.snapshot(LEADER, Filters(campaign_id=ANNUAL))
    doc = reopen(documents.quarterly_snapshot(snap))
    text = all_text(doc)
    assert "Quý IV/2024" in text and DATE_LINE in text and "{{" not in text
    table = table_with_header(doc, "STT", "Chỉ tiêu")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert len(rows) == len(snap.metrics)
    for row, m in zip(rows, snap.metrics, strict=True):
        assert row[1].startswith(m.label["vi"])
        assert (row[2], row[3], row[4]) == (m.display(), m.display_target(), m.display_fraction())
    assert any(r[2].endswith("%") and "," in r[2] for r in rows)  # "87,26%"
    assert any(r[2].endswith("triệu đồng") for r in rows)
    # tiles 6 and 10 (DOMAIN.md §6) are printed too
    assert any(r[1].startswith("Tỷ lệ CĐCS xếp loại hoàn thành xuất sắc") for r in rows)
    money = [r[2] for r in rows if r[1].startswith("Hội thi thợ giỏi") and "tiền thưởng đã trao" in r[1]]
    assert money == ["564 triệu đồng"]  # the 2023 contest campaign's confirmed results


def test_placeholders_split_across_runs_and_unknown_ones(tmp_path: Any) -> None:
    doc = Document()
    p = doc.add_paragraph()
    for chunk in ("Số: {{so_", "ky_h", "ieu}} ngày {{ngay}}"):
        p.add_run(chunk)
    doc.add_paragraph("{{bang_danh_sach}}")
    docx_fill.replace_text(doc, {"so_ky_hieu": "123/QĐ-LĐLĐ", "ngay": "05"})
    assert doc.paragraphs[0].text == "Số: 123/QĐ-LĐLĐ ngày 05"
    assert doc.paragraphs[1].text == "{{bang_danh_sach}}"  # table markers are left for put_table
    bad = Document()
    bad.add_paragraph("{{khong_co}}")
    with pytest.raises(docx_fill.TemplateError, match="khong_co"):
        docx_fill.replace_text(bad, {})


MARKERS = {
    "to_trinh.docx": {"bang_tong_hop", "bang_danh_sach"},
    "bien_ban.docx": {"bang_tong_hop", "bang_bieu_quyet"},
    "quyet_dinh.docx": {"bang_tong_hop", "bang_danh_sach"},
    "giao_ban_quy.docx": {"bang_chi_tieu"},
}
CONTEST_MARKERS = {"quyet_dinh_ket_qua.docx": {"bang_danh_sach"}, "giay_chung_nhan.docx": {"ho_ten"}}


def test_templates_are_committed_and_rebuildable(tmp_path: Any) -> None:
    from exports import make_contest_templates, make_templates

    written = {p.name for p in make_templates.main(tmp_path)}
    assert written == set(MARKERS)
    contest = {p.name for p in make_contest_templates.main(tmp_path)}
    assert contest == set(CONTEST_MARKERS)
    for name, markers in {**MARKERS, **CONTEST_MARKERS}.items():
        committed = Document(str(docx_fill.TEMPLATES / name))
        found = {m for p in docx_fill.paragraphs(committed) for m in docx_fill.PLACEHOLDER.findall(p.text)}
        assert markers <= found, f"{name} lost a table marker: {markers - found}"
        # the committed file says what make_templates.py writes today (a stale bien_ban.docx printed
        # "(Đã ký)" under the signers and no attendance after the code had changed)
        rebuilt = Document(str(tmp_path / name))
        assert [p.text for p in docx_fill.paragraphs(committed)] == [
            p.text for p in docx_fill.paragraphs(rebuilt)
        ], (
            f"{name} differs from `python -m exports.make_templates` / `make_contest_templates`: run them and commit"
        )


def test_sort_nominees_groups_collectives_first_and_uses_given_names() -> None:
    from reporting.reporting import Nominee, sort_nominees

    def n(i: int, name: str, kind: str = "CA_NHAN", award: str = "U_BK_LDLD") -> Nominee:
        return Nominee(str(i), kind, name, "", "U", "Đơn vị", award, award, "")

    groups = sort_nominees(
        [
            n(1, "Trần Văn Đức"),
            n(2, "Nguyễn Thị Ánh"),
            n(3, "Lê Anh Dũng"),
            n(4, "Công đoàn Công ty Z", "TAP_THE"),
            n(5, "Phạm An"),
            n(6, "Công đoàn Công ty Ă", "TAP_THE"),
            n(7, "Vũ Minh", award="LDTT"),
        ],
        ["LDTT", "U_BK_LDLD"],
    )
    assert [(g.award_code, g.subject_kind) for g in groups] == [
        ("LDTT", "CA_NHAN"), ("U_BK_LDLD", "TAP_THE"), ("U_BK_LDLD", "CA_NHAN"),
    ]  # fmt: skip
    assert [x.full_name for x in groups[1].nominees] == ["Công đoàn Công ty Ă", "Công đoàn Công ty Z"]
    # An < Ánh (tone breaks the tie after the letters) < Dũng < Đức (đ after d)
    assert [x.full_name for x in groups[2].nominees] == [
        "Phạm An",
        "Nguyễn Thị Ánh",
        "Lê Anh Dũng",
        "Trần Văn Đức",
    ]

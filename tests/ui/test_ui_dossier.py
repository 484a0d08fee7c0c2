"""The dossier checklist on "Hồ sơ của đơn vị": missing documents are listed, a bad number is
named, recording the documents makes the submit button appear, and the hop shows where it went."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest
from ui_helpers import OFFICER, REVIEWER, OpenApp, assert_clean, select_rows, texts

from services.dossiers import Dossiers
from services.services import Services

CAMPAIGN = "HN-2024-KTN"
VALUES = {
    "subject_kind": "CA_NHAN",
    "full_name": "Quách Thị Demo Hằng",
    "position": "Tổ trưởng",
    "award_code": "U_BK_LDLD",
    "achievement": "Ba năm liền hoàn thành xuất sắc nhiệm vụ, hai sáng kiến được công nhận cấp cơ sở.",
}


def open_row(open_app: OpenApp, services: Services, row_id: str) -> tuple[AppTest, int]:
    at = open_app(OFFICER, page="my_submissions")
    index = next(
        i
        for i, r in enumerate(services.my_rows(OFFICER, "nominations", CAMPAIGN).to_dict("records"))
        if r["id"] == row_id
    )
    select_rows(at, "mine_table", [index])
    assert_clean(at)
    return at, index


def record(at: AppTest, row_id: str, kind: str, number: str, issued: str, held: str = "") -> None:
    at.selectbox(key=f"dossier_kind_{row_id}").set_value(kind)
    at.text_input(key=f"dossier_so_ky_hieu_{row_id}").set_value(number)
    at.text_input(key=f"dossier_issued_on_{row_id}").set_value(issued)
    at.text_input(key=f"dossier_held_on_{row_id}").set_value(held)
    at.button(key=f"dossier_save_{row_id}").click().run()
    assert_clean(at)


def test_checklist_shows_missing_documents_and_recording_them_unlocks_submit(
    open_app: OpenApp, services: Services
) -> None:
    draft = services.create(OFFICER, CAMPAIGN, "nomination", VALUES, submit=False)
    row_id = str(draft["id"])
    at, index = open_row(open_app, services, row_id)

    warnings = texts(at, "warning")
    for name in ("Tờ trình (kèm danh sách)", "Báo cáo thành tích", "Biên bản họp Hội đồng TĐKT"):
        assert f"Còn thiếu: {name}" in warnings
    assert not [b for b in at.button if b.key == "mine_submit"], (
        "no submit button while documents are missing"
    )
    assert any("thiếu 3 văn bản" in i for i in texts(at, "info")), "the page says why it cannot be sent"

    record(at, row_id, "TTR", "12/BB-CĐCS", "25/11/2024")
    assert any("Số, ký hiệu" in e and "TTr" in e for e in texts(at, "error"))
    assert services.store.read("dossier_documents").query("row_id == @row_id").empty, "nothing saved"

    select_rows(at, "mine_table", [index])
    record(at, row_id, "BB_HD", "05/BB-CĐCS", "20/11/2024", "20/11/2024")
    select_rows(at, "mine_table", [index])
    record(at, row_id, "BCTT", "", "21/11/2024")
    select_rows(at, "mine_table", [index])
    record(at, row_id, "TTR", "12/TTr-CĐCS", "25/11/2024")
    select_rows(at, "mine_table", [index])
    assert not any(w.startswith("Còn thiếu") for w in texts(at, "warning"))
    table = at.dataframe[-1].value  # the checklist is the last table on the page
    assert list(table["Trạng thái"]) == ["Đã có", "Đã có", "Đã có"]
    assert "12/TTr-CĐCS" in set(table["Số, ký hiệu"]) and "25/11/2024" in set(table["Ngày ban hành"])

    at.button(key="mine_submit").click().run()
    assert_clean(at)
    assert services.get(OFFICER, "nominations", row_id)["state"] == "SUBMITTED"
    select_rows(at, "mine_table", [index])
    hops = [t for t in texts(at, "text") if "lần trình" in t]
    assert (
        len(hops) == 1
        and "Công ty TNHH Canon Việt Nam" in hops[0]
        and "khu công nghiệp và chế xuất" in hops[0]
    )
    assert any("chỉ sửa được" in c for c in texts(at, "caption")), "read-only once sent"


def test_a_document_can_be_removed_while_the_row_is_a_draft(open_app: OpenApp, services: Services) -> None:
    draft = services.create(
        OFFICER, CAMPAIGN, "nomination", {**VALUES, "full_name": "Lường Văn Demo"}, submit=False
    )
    row_id = str(draft["id"])
    at, index = open_row(open_app, services, row_id)
    record(at, row_id, "TTR", "12/TTr-CĐCS", "25/11/2024")
    select_rows(at, "mine_table", [index])
    at.button(key=f"dossier_remove_TTR_{row_id}").click().run()
    assert_clean(at)
    select_rows(at, "mine_table", [index])
    assert "Còn thiếu: Tờ trình (kèm danh sách)" in texts(at, "warning")
    history = services.history(OFFICER, "nominations", row_id)
    # (the fixture's clock and the app's clock differ in the time of day: compare the actions, not the order)
    assert sorted(history["action"]) == ["create", "dossier_add", "dossier_remove"]


def test_the_reviewer_reads_the_dossier_and_awards_what_the_upper_union_decides(
    open_app: OpenApp, services: Services
) -> None:

    values = {**VALUES, "full_name": "Âu Thị Demo Giấy Khen", "award_code": "U_GK_CTTCS"}
    draft = services.create(OFFICER, CAMPAIGN, "nomination", values, submit=False)
    for doc in (
        {"kind": "BB_HD", "so_ky_hieu": "05/BB-CĐCS", "issued_on": "20/11/2024", "held_on": "20/11/2024"},
        {"kind": "BCTT", "so_ky_hieu": "", "issued_on": "21/11/2024"},
        {"kind": "TTR", "so_ky_hieu": "12/TTr-CĐCS", "issued_on": "25/11/2024"},
    ):
        Dossiers(services).save(OFFICER, "nominations", draft["id"], doc)
    services.act(OFFICER, "nominations", draft["id"], 1, "submit")

    at = open_app(REVIEWER, page="review")
    at.text_input(key="review_search").set_value("Âu Thị Demo Giấy Khen").run()
    select_rows(at, "review_table", [0])
    assert_clean(at)
    labels = {b.key: b.label for b in at.button if b.key and b.key.startswith("review_do_")}
    assert labels["review_do_award"] == "Khen thưởng (cấp trên cơ sở quyết định)"
    assert "review_do_approve" not in labels, "decided by the upper union: not sent to the city council"
    assert list(at.dataframe[-1].value["Trạng thái"]) == ["Đã có", "Đã có", "Đã có"]
    assert not [b for b in at.button if b.key and b.key.startswith("dossier_save_")], "reviewers only read"
    at.button(key="review_do_award").click().run()
    assert_clean(at)
    assert services.get(OFFICER, "nominations", str(draft["id"]))["state"] == "AWARDED"

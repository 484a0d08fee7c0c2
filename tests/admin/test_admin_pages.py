"""AppTest: the admin page (reopen, campaign editor), review aids (quota, blocked reason, due soon), status line."""

from __future__ import annotations

import datetime as dt

from services import campaign_admin as ca
from services.services import Services
from tests.conftest import ADMIN, OFFICER, REVIEWER_HD
from tests.ui.ui_helpers import OpenApp, assert_clean, select_rows, texts

CAMPAIGN = "HN-2024-KTN"


def test_admin_reopens_a_closed_campaign_for_a_unit(open_app: OpenApp, services: Services) -> None:
    at = open_app(ADMIN, "admin")
    closed = next(c for c in services.campaigns.values() if not c.is_open(services.today()))
    at.selectbox(key="admin_reopen_campaign").set_value(closed.id)
    at.selectbox(key="admin_reopen_unit").set_value(OFFICER.unit_id)
    at.date_input(key="admin_reopen_until").set_value(dt.date(2024, 12, 20))
    at.text_input(key="admin_reopen_reason").set_value("Đơn vị gửi bổ sung hồ sơ bị thất lạc.")
    at.button(key="admin_reopen_submit").click().run()
    assert_clean(at)
    assert any("20/12/2024" in s for s in texts(at, "success"))
    stored = services.store.read("reopenings")
    row = stored[(stored["campaign_id"] == closed.id) & (stored["unit_id"] == OFFICER.unit_id)]
    assert list(row["until"]) == ["2024-12-20"] and list(row["updated_by"]) == [ADMIN.email]


def test_a_short_reopen_reason_is_refused_on_the_page(open_app: OpenApp, services: Services) -> None:
    at = open_app(ADMIN, "admin")
    at.text_input(key="admin_reopen_reason").set_value("x")
    at.button(key="admin_reopen_submit").click().run()
    assert_clean(at)
    assert at.error
    assert services.store.read("reopenings").empty


def test_editor_shows_the_key_of_a_typo_then_saves_a_valid_edit(
    open_app: OpenApp, services: Services
) -> None:
    at = open_app(ADMIN, "admin")
    at.selectbox(key="admin_edit_base").set_value(CAMPAIGN).run()
    text = at.text_area(key="admin_edit_text").value
    assert f"id: {CAMPAIGN}" in text
    at.text_area(key="admin_edit_text").set_value(text.replace("sla_days: 10", "sla_dayz: 10", 1)).run()
    assert_clean(at)
    errors = texts(at, "error")
    assert any("sla_dayz" in e and "sla_days" in e for e in errors), errors
    assert not [b for b in at.button if b.key == "admin_edit_save"]

    edited = text.replace("Đang xét tại Hội đồng TĐKT Thành phố", "Hội đồng xét (v2)", 1)
    at.text_area(key="admin_edit_text").set_value(edited).run()
    assert any("Hợp lệ" in s for s in texts(at, "success"))
    at.text_input(key="admin_edit_note").set_value("Rút gọn tên bước")
    at.button(key="admin_edit_save").click().run()
    assert_clean(at)
    assert any("phiên bản 2" in s for s in texts(at, "success"))
    assert list(ca.versions(services.store, CAMPAIGN)["version_no"]) == [2]
    # the running app shows the new version
    assert any("Hội đồng xét (v2)" in c for c in texts(at, "caption"))
    charts = len(at.get("graphviz_chart"))
    at.toggle(key="admin_edit_preview").set_value(True).run()
    assert_clean(at)
    assert len(at.get("graphviz_chart")) == charts + len(services.campaigns[CAMPAIGN].workflows)


def test_editor_asks_where_rows_of_a_dropped_state_go(open_app: OpenApp, services: Services) -> None:
    at = open_app(ADMIN, "admin")
    at.selectbox(key="admin_edit_base").set_value(CAMPAIGN).run()
    text = at.text_area(key="admin_edit_text").value
    at.text_area(key="admin_edit_text").set_value(text.replace("RETURNED", "NEEDS_FIX")).run()
    assert_clean(at)
    assert any("nomination/RETURNED" in w for w in texts(at, "warning"))
    at.button(key="admin_edit_save").click().run()  # no mapping yet: refused, counts listed
    assert any("nomination/RETURNED" in e for e in texts(at, "error"))
    assert ca.versions(services.store, CAMPAIGN).empty
    at.selectbox(key="admin_map_RETURNED").set_value("NEEDS_FIX").run()
    at.button(key="admin_edit_save").click().run()
    assert_clean(at)
    assert any("RETURNED" in i and "NEEDS_FIX" in i for i in texts(at, "info"))
    noms = services.store.read("nominations")
    assert not (noms[noms["campaign_id"] == CAMPAIGN]["state"] == "RETURNED").any()


def test_review_shows_quota_headroom_and_why_approve_is_missing(
    open_app: OpenApp, services: Services
) -> None:
    queue = services.queue(REVIEWER_HD, "nominations", CAMPAIGN)
    blocked = [
        r
        for r in queue.to_dict("records")
        if r["award_code"] == "CSTD_CS" and services.blocked_moves(REVIEWER_HD, "nominations", r)
    ]
    assert blocked, "the demo has a CSTĐCS nomination over its unit's quota"
    row = blocked[0]
    at = open_app(REVIEWER_HD, "review")
    at.selectbox(key="review_campaign").set_value(CAMPAIGN).run()
    assert_clean(at)
    quota = next(d.value for d in at.dataframe if "Còn lại" in d.value.columns)
    assert {"Số LĐTT", "Tối đa CSTĐCS", "Đã thông qua", "Đang chờ", "Còn lại"} <= set(quota.columns)
    unit_name = services.reference().unit_name(str(row["unit_id"]))
    # a count in the warning, the first names listed under it, every unit in the table (full ones first)
    assert any("đã hết chỉ tiêu" in w for w in texts(at, "warning"))
    assert unit_name in set(quota["Đơn vị"]) and int(quota["Còn lại"].iloc[0]) <= 0
    assert "Quá hạn" in at.dataframe[0].value.columns
    assert any("Sắp đến hạn" in e.label for e in at.expander)

    at.text_input(key="review_search").set_value(str(row["full_name"])).run()
    shown = list(at.dataframe[0].value["Tên hồ sơ"])
    select_rows(at, "review_table", [shown.index(row["full_name"])])
    assert_clean(at)
    assert "review_do_approve" not in {b.key for b in at.button}
    assert any("Thông qua" in w and "chỉ tiêu" in w for w in texts(at, "warning"))


def test_my_submissions_says_where_the_dossier_is_and_why(open_app: OpenApp, services: Services) -> None:
    values = {
        "subject_kind": "CA_NHAN",
        "full_name": "Lê Thị Trạng Thái",
        "position": "Công nhân",
        "award_code": "LDTT",
        "achievement": "Hoàn thành xuất sắc nhiệm vụ, vượt 15% định mức sản lượng năm 2024.",
    }
    services.create(OFFICER, CAMPAIGN, "nomination", values, submit=True)
    at = open_app(OFFICER, "my_submissions")
    shown = at.dataframe[0].value
    mine = shown[shown["Tên hồ sơ"] == "Lê Thị Trạng Thái"]
    line = str(mine["Hồ sơ đang ở đâu, vì sao"].iloc[0])
    reviewer_unit = services.reference().unit_name("HN-CD-KCNCX")
    assert "Đang ở: Đã trình" in line
    assert "Cán bộ thẩm định công đoàn cấp trên" in line
    assert reviewer_unit in line
    assert "0/" in line and "ngày ở bước này" in line
    returned = services.my_rows(OFFICER, "nominations")
    returned = returned[(returned["state"] == "RETURNED") & (returned["last_reason"] != "")]
    back = shown[shown["Tên hồ sơ"] == returned.iloc[0]["full_name"]]
    line = str(back["Hồ sơ đang ở đâu, vì sao"].iloc[0])
    assert "chờ Cán bộ công đoàn cơ sở" in line and "quá hạn" in line
    assert f"lý do gần nhất: {returned.iloc[0]['last_reason']}" in line

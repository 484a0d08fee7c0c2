"""Submit and "my submissions": generated forms, per-field errors, one row per token, edit and resubmit."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest
from ui_helpers import HEAD, OFFICER, OFFICER_VQ, OpenApp, assert_clean, select_rows, texts

from core.model import Actor
from services.services import Services

CAMPAIGN = "HN-2024-KTN"
NOMINATION = f"submit_{CAMPAIGN}_nomination_"
WORK = f"submit_{CAMPAIGN}_work_"
TOKEN = f"submit_token_{CAMPAIGN}_nomination"


def fill_nomination(at: AppTest, name: str, achievement: str) -> None:
    at.selectbox(key=NOMINATION + "subject_kind").set_value("CA_NHAN")
    at.text_input(key=NOMINATION + "full_name").set_value(name)
    at.text_input(key=NOMINATION + "position").set_value("Tổ trưởng sản xuất")
    at.selectbox(key=NOMINATION + "award_code").set_value("LDTT")
    at.text_area(key=NOMINATION + "achievement").set_value(achievement)


def count(services: Services, tab: str) -> int:
    return len(services.my_rows(OFFICER, tab))


def test_form_widgets_follow_the_schema(view_app: OpenApp) -> None:
    at = view_app(OFFICER, page="submit")
    award = at.selectbox(key=NOMINATION + "award_code")
    assert award.options == [
        "Lao động tiên tiến",
        "Chiến sĩ thi đua cơ sở",
        "Chiến sĩ thi đua cấp Tổng Liên đoàn",  # offered since R-CSTDBNT-1 is checked on entry
        "Bằng khen của Ban Chấp hành Liên đoàn Lao động Thành phố",
        "Cờ thi đua xuất sắc của Liên đoàn Lao động Thành phố",
        "Giấy khen của Công đoàn cấp trên trực tiếp cơ sở",  # decided by the upper union itself
    ]
    assert at.selectbox(key=NOMINATION + "subject_kind").options == ["Cá nhân", "Tập thể"]
    assert "tối thiểu 20 ký tự" in at.text_area(key=NOMINATION + "achievement").help
    at.selectbox(key=f"submit_form_{CAMPAIGN}").set_value("work").run()
    assert_clean(at)
    assert at.text_input(key=WORK + "planned_completion").value == ""  # typed day/month/year
    # its calendar opens on the campaign's time (the demo's 05/12/2024), not the machine's month
    assert at.date_input(key=WORK + "planned_completion__calendar").value == dt.date(2024, 12, 5)
    assert at.selectbox(key=WORK + "work_type").options == ["Công trình", "Sản phẩm", "Phần việc"]
    assert "8.500.000" in at.text_input(key=WORK + "value_vnd").help


def test_short_achievement_shows_field_errors_and_saves_nothing(
    open_app: OpenApp, services: Services
) -> None:
    before = count(services, "nominations")
    at = open_app(OFFICER, page="submit")
    fill_nomination(at, "Nguyễn Văn Kiểm", "ngắn")
    at.button(key="submit_send").click().run()
    assert_clean(at)
    errors = texts(at, "error")
    assert any("Tóm tắt thành tích" in e for e in errors), errors
    assert count(services, "nominations") == before
    assert at.text_input(key=NOMINATION + "full_name").value == "Nguyễn Văn Kiểm", "what the user typed stays"
    assert at.text_area(key=NOMINATION + "achievement").value == "ngắn"


def test_empty_form_lists_every_required_field(open_app: OpenApp, services: Services) -> None:
    before = count(services, "nominations")
    at = open_app(OFFICER, page="submit")
    at.button(key="submit_draft").click().run()
    assert_clean(at)
    errors = texts(at, "error")
    for label in ("Đối tượng", "Họ và tên", "Chức vụ", "Danh hiệu", "Tóm tắt thành tích"):
        assert any(label in e for e in errors), (label, errors)
    assert count(services, "nominations") == before


def test_bad_money_is_named_and_nothing_saved_then_vietnamese_money_is_accepted(
    open_app: OpenApp, services: Services
) -> None:
    before = count(services, "works")
    at = open_app(OFFICER, page="submit")
    at.selectbox(key=f"submit_form_{CAMPAIGN}").set_value("work").run()
    at.text_input(key=WORK + "name_vi").set_value("Cải tạo nhà ăn ca cho công nhân")
    at.selectbox(key=WORK + "work_type").set_value("CONG_TRINH")
    at.selectbox(key=WORK + "level").set_value("CO_SO")
    at.text_input(key=WORK + "implementing_org").set_value("Công đoàn Công ty TNHH Canon Việt Nam")
    at.text_input(key=WORK + "planned_completion").set_value("20/12/2024")
    at.text_input(key=WORK + "value_vnd").set_value("tám triệu")
    at.button(key="submit_send").click().run()
    assert_clean(at)
    errors = texts(at, "error")
    assert any("Giá trị (đồng)" in e and "tám triệu" in e for e in errors), errors
    assert count(services, "works") == before
    assert at.text_input(key=WORK + "value_vnd").value == "tám triệu"

    at.text_input(key=WORK + "value_vnd").set_value("8,5 triệu")
    at.button(key="submit_send").click().run()
    assert_clean(at)
    assert any("Đã lưu" in s for s in texts(at, "success"))
    mine = services.my_rows(OFFICER, "works")
    assert len(mine) == before + 1
    row = mine[mine["name_vi"] == "Cải tạo nhà ăn ca cho công nhân"].iloc[0]
    assert int(row["value_vnd"]) == 8_500_000
    assert row["planned_completion"] == "2024-12-20"
    assert row["state"] == "SUBMITTED"
    assert at.text_input(key=WORK + "name_vi").value == "", "the form is cleared after a save"


def test_same_token_twice_creates_one_row(open_app: OpenApp, services: Services) -> None:
    before = count(services, "nominations")
    at = open_app(OFFICER, page="submit")
    token = at.session_state[TOKEN]
    achievement = "Hoàn thành xuất sắc nhiệm vụ, vượt 15% định mức sản lượng năm 2024."
    fill_nomination(at, "Đặng Thị Hai Lần", achievement)
    at.button(key="submit_send").click().run()
    assert_clean(at)
    assert any("Đã trình" in s for s in texts(at, "success")), texts(at, "success")
    assert at.session_state[TOKEN] != token, "a new token after success"
    # The browser retries the same request (double click, reconnect): same token, same values.
    at.session_state[TOKEN] = token
    fill_nomination(at, "Đặng Thị Hai Lần", achievement)
    at.button(key="submit_send").click().run()
    assert_clean(at)
    assert count(services, "nominations") == before + 1


def test_possible_duplicate_is_warned(view_app: OpenApp, services: Services) -> None:
    existing = services.my_rows(OFFICER, "nominations", CAMPAIGN)
    live = existing[existing["state"].isin(["SUBMITTED", "IN_COUNCIL", "DRAFT"])].iloc[0]
    at = view_app(OFFICER, page="submit")
    at.selectbox(key=NOMINATION + "award_code").set_value(str(live["award_code"]))
    at.text_input(key=NOMINATION + "full_name").set_value(str(live["full_name"]).upper()).run()
    assert_clean(at)
    assert any("tránh trình trùng" in w for w in texts(at, "warning"))


@pytest.mark.parametrize("actor", [OFFICER, OFFICER_VQ], ids=["canon", "vanquan"])
def test_my_submissions_shows_exactly_my_units_rows(
    view_app: OpenApp, services: Services, actor: Actor
) -> None:
    at = view_app(actor, page="my_submissions")
    at.selectbox(key="mine_campaign").set_value("")
    for tab, name_col in (("nominations", "full_name"), ("works", "name_vi"), ("initiatives", "title_vi")):
        at.radio(key="mine_tab").set_value(tab).run()
        assert_clean(at)
        mine = services.my_rows(actor, tab)
        if mine.empty:
            assert not at.dataframe
            continue
        shown = at.dataframe[0].value
        assert sorted(shown["Tên hồ sơ"]) == sorted(mine[name_col]), "exactly the unit's own rows"
        assert set(mine["unit_id"]) == {actor.unit_id}


def test_returned_row_edit_and_resubmit(open_app: OpenApp, services: Services) -> None:
    mine = services.my_rows(OFFICER, "nominations", CAMPAIGN)
    returned = mine[mine["state"] == "RETURNED"]
    assert not returned.empty, "the demo has returned rows for the Canon union"
    at = open_app(OFFICER, page="my_submissions")
    reason = str(returned.iloc[0]["last_reason"])
    assert any(reason in w for w in texts(at, "warning"))
    index = next(i for i, r in enumerate(mine.to_dict("records")) if r["id"] == returned.iloc[0]["id"])
    select_rows(at, "mine_table", [index])
    assert_clean(at)
    row_id = str(returned.iloc[0]["id"])
    prefix = f"edit_{row_id}_"
    assert at.text_input(key=prefix + "full_name").value == returned.iloc[0]["full_name"], "prefilled"
    assert any("Lý do" in w for w in texts(at, "warning")), "the history shows the reason"
    at.text_area(key=prefix + "achievement").set_value("quá ngắn")
    at.button(key="mine_submit").click().run()
    assert_clean(at)
    assert any("Tóm tắt thành tích" in e for e in texts(at, "error"))
    assert services.get(OFFICER, "nominations", row_id)["state"] == "RETURNED"
    select_rows(at, "mine_table", [index])
    at.text_area(key=prefix + "achievement").set_value(
        "Đã bổ sung: chủ trì 2 sáng kiến được công nhận cấp cơ sở, vượt 20% kế hoạch năm 2024."
    )
    at.button(key="mine_submit").click().run()
    assert_clean(at)
    row = services.get(OFFICER, "nominations", row_id)
    assert row["state"] == "SUBMITTED"
    assert row["achievement"].startswith("Đã bổ sung")
    assert any("Trạng thái mới" in s for s in texts(at, "success"))


def test_withdraw_needs_a_confirmation(open_app: OpenApp, services: Services) -> None:
    mine = services.my_rows(OFFICER, "nominations", CAMPAIGN)
    index = next(i for i, s in enumerate(mine["state"]) if s == "DRAFT")
    row_id = str(mine.iloc[index]["id"])
    at = open_app(OFFICER, page="my_submissions")
    select_rows(at, "mine_table", [index])
    assert at.button(key="mine_withdraw").disabled
    at.checkbox(key=f"mine_withdraw_ok_{row_id}").check().run()
    at.button(key="mine_withdraw").click().run()
    assert_clean(at)
    assert services.get(OFFICER, "nominations", row_id)["state"] == "WITHDRAWN"


def test_a_row_changed_meanwhile_is_refused_with_the_stale_message(
    open_app: OpenApp, services: Services
) -> None:
    mine = services.my_rows(OFFICER, "nominations", CAMPAIGN)
    index = next(i for i, s in enumerate(mine["state"]) if s == "DRAFT")
    row = mine.iloc[index].to_dict()
    at = open_app(OFFICER, page="my_submissions")
    select_rows(at, "mine_table", [index])
    # The unit head edits the same draft in another browser after the officer opened it.
    values = {f: row[f] for f in ("subject_kind", "full_name", "position", "award_code", "achievement")}
    services.edit(HEAD, "nominations", str(row["id"]), int(row["version"]), {**values, "position": "Kỹ sư"})
    at.text_input(key=f"edit_{row['id']}_position").set_value("Tổ trưởng")
    at.button(key="mine_save").click().run()
    assert_clean(at)
    assert any("vừa được người khác thay đổi" in e for e in texts(at, "error"))
    assert services.get(OFFICER, "nominations", str(row["id"]))["position"] == "Kỹ sư", "nothing overwritten"


def test_my_submissions_say_who_has_the_next_move(view_app: OpenApp, services: Services) -> None:
    mine = services.my_rows(OFFICER, "nominations", CAMPAIGN)
    at = view_app(OFFICER, page="my_submissions")
    shown = at.dataframe[0].value
    expected = {
        "SUBMITTED": "Cán bộ thẩm định công đoàn cấp trên",
        "IN_COUNCIL": "Thư ký Hội đồng Thi đua – Khen thưởng",  # records the council's vote (issue 23)
        "RETURNED": "Đơn vị (hoàn thiện, trình)",
        "AWARDED": "Đã kết thúc",
    }
    for state, waiting in expected.items():
        rows = [i for i, s in enumerate(mine["state"]) if s == state]
        assert rows, state
        assert {shown["Đang chờ"][i] for i in rows} == {waiting}, state

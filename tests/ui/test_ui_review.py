"""Review queue: scope, search, return with and without a reason, bulk approval with confirmation."""

from __future__ import annotations

import pytest
from ui_helpers import (
    OFFICER,
    REVIEWER,
    REVIEWER_HD,
    SECRETARY,
    OpenApp,
    assert_clean,
    select_rows,
    texts,
)

from core.model import Actor
from services.services import Services

CAMPAIGN = "HN-2024-KTN"
ACHIEVEMENT = "Hoàn thành xuất sắc nhiệm vụ, vượt 15% định mức sản lượng năm 2024."


def submit_one(services: Services, name: str) -> dict[str, object]:
    values = {
        "subject_kind": "CA_NHAN",
        "full_name": name,
        "position": "Công nhân",
        "award_code": "LDTT",
        "achievement": ACHIEVEMENT,
    }
    return services.create(OFFICER, CAMPAIGN, "nomination", values, submit=True)


@pytest.mark.parametrize("reviewer", [REVIEWER, REVIEWER_HD], ids=["kcn", "hadong"])
def test_queue_holds_only_rows_below_the_reviewers_unit(
    view_app: OpenApp, services: Services, reviewer: Actor
) -> None:
    tree = services.reference().tree
    below = tree.subtree(reviewer.unit_id, include_self=False)
    allowed_names = {tree.name[u] for u in below}
    outside_names = {n for u, n in tree.name.items() if u not in below} - allowed_names
    at = view_app(reviewer, page="review")
    at.selectbox(key="review_campaign").set_value("")
    for tab in ("nominations", "works", "initiatives"):
        at.radio(key="review_tab").set_value(tab).run()
        assert_clean(at)
        queue = services.queue(reviewer, tab)
        assert set(queue["unit_id"]) <= below
        if queue.empty:
            assert not at.dataframe
            continue
        units = set(at.dataframe[0].value["Đơn vị"])
        assert units <= allowed_names
        assert not units & outside_names
        assert len(at.dataframe[0].value) == len(queue)


def test_search_ignores_diacritics(open_app: OpenApp, services: Services) -> None:
    submit_one(services, "Trần Thị Kiểm Thử")
    at = open_app(REVIEWER, page="review")
    at.text_input(key="review_search").set_value("tran thi kiem thu").run()
    assert_clean(at)
    assert list(at.dataframe[0].value["Tên hồ sơ"]) == ["Trần Thị Kiểm Thử"]


def test_return_needs_a_reason_then_the_officer_sees_it(open_app: OpenApp, services: Services) -> None:
    row = submit_one(services, "Phùng Văn Trả Lại")
    at = open_app(REVIEWER, page="review")
    at.text_input(key="review_search").set_value("Phùng Văn Trả Lại").run()
    select_rows(at, "review_table", [0])
    assert_clean(at)
    assert any("Phùng Văn Trả Lại" in s for s in texts(at, "subheader"))
    labels = {b.key: b.label for b in at.button if b.key and b.key.startswith("review_do_")}
    assert labels == {
        "review_do_approve": "Thông qua, trình Hội đồng",
        "review_do_return": "Trả lại",
        "review_do_reject": "Không đủ điều kiện",
    }

    before = services.get(REVIEWER, "nominations", str(row["id"]))
    at.button(key="review_do_return").click().run()
    assert_clean(at)
    assert any("Vui lòng ghi lý do" in e for e in texts(at, "error"))
    stored = services.get(REVIEWER, "nominations", str(row["id"]))
    assert (stored["state"], stored["version"]) == ("SUBMITTED", before["version"])
    assert len(services.history(REVIEWER, "nominations", str(row["id"]))) == 2  # create + submit only

    select_rows(at, "review_table", [0])
    reason = "Bổ sung bảng chấm công và xác nhận của tổ trưởng."
    at.text_area(key="review_reason").set_value(reason)
    at.button(key="review_do_return").click().run()
    assert_clean(at)
    assert any("Đã “Trả lại” 1 hồ sơ" in s for s in texts(at, "success"))
    stored = services.get(REVIEWER, "nominations", str(row["id"]))
    assert stored["state"] == "RETURNED" and stored["last_reason"] == reason

    officer = open_app(OFFICER, page="my_submissions")
    assert any(reason in w and "Phùng Văn Trả Lại" in w for w in texts(officer, "warning"))
    shown = officer.dataframe[0].value
    assert reason in set(shown["Lý do gần nhất"])


def test_bulk_approve_asks_for_confirmation_with_the_count(open_app: OpenApp, services: Services) -> None:
    ids = [str(submit_one(services, f"Lô Văn Hàng Loạt {i}")["id"]) for i in range(3)]
    at = open_app(REVIEWER, page="review")
    at.text_input(key="review_search").set_value("lo van hang loat").run()
    assert len(at.dataframe[0].value) == 3
    select_rows(at, "review_table", [0, 1, 2])
    assert_clean(at)
    at.button(key="review_bulk_approve").click().run()
    assert_clean(at)
    assert any("3 hồ sơ" in w and "Xác nhận" in w for w in texts(at, "warning"))
    assert {services.get(REVIEWER, "nominations", i)["state"] for i in ids} == {"SUBMITTED"}, (
        "not before confirming"
    )
    at.button(key="review_bulk_confirm").click().run()
    assert_clean(at)
    assert {services.get(REVIEWER, "nominations", i)["state"] for i in ids} == {"IN_COUNCIL"}
    assert any("3 hồ sơ" in s for s in texts(at, "success"))

    council = open_app(SECRETARY, page="review")  # the secretary may return them before the meeting
    council.text_input(key="review_search").set_value("lo van hang loat").run()
    assert len(council.dataframe[0].value) == 3


def test_cancel_bulk_changes_nothing(open_app: OpenApp, services: Services) -> None:
    ids = [str(submit_one(services, f"Huỷ Văn Bỏ {i}")["id"]) for i in range(2)]
    at = open_app(REVIEWER, page="review")
    at.text_input(key="review_search").set_value("huy van bo").run()
    select_rows(at, "review_table", [0, 1])
    at.button(key="review_bulk_approve").click().run()
    at.button(key="review_bulk_cancel").click().run()
    assert_clean(at)
    assert {services.get(REVIEWER, "nominations", i)["state"] for i in ids} == {"SUBMITTED"}


def test_return_names_fields_to_fix_and_the_officers_form_flags_them(
    open_app: OpenApp, services: Services
) -> None:
    row = submit_one(services, "Đào Văn Sửa Mục")
    at = open_app(REVIEWER, page="review")
    at.text_input(key="review_search").set_value("Đào Văn Sửa Mục").run()
    select_rows(at, "review_table", [0])
    at.text_area(key="review_reason").set_value("Ghi rõ số liệu vượt định mức.")
    at.multiselect(key="review_fix_fields").set_value(["achievement"])
    at.button(key="review_do_return").click().run()
    assert_clean(at)
    stored = services.get(REVIEWER, "nominations", str(row["id"]))
    assert (stored["state"], stored["fix_fields"]) == ("RETURNED", "achievement")

    officer = open_app(OFFICER, page="my_submissions")
    shown = officer.dataframe[0].value
    name_col = next(c for c in shown.columns if (shown[c] == "Đào Văn Sửa Mục").any())
    position = int(shown.reset_index(drop=True).index[shown[name_col].to_numpy() == "Đào Văn Sửa Mục"][0])
    select_rows(officer, "mine_table", [position])
    assert_clean(officer)
    warnings = texts(officer, "warning")
    assert any("Tóm tắt thành tích" in w and "yêu cầu sửa" in w for w in warnings), (
        warnings,
        texts(officer, "subheader"),
    )


def test_a_search_with_markdown_is_shown_as_typed(open_app: OpenApp) -> None:
    """What a reviewer types into the search box is echoed as text, never rendered (no image fetched)."""
    at = open_app(REVIEWER, page="review")
    at.text_input(key="review_search").set_value("![x](http://example.invalid/a.png)").run()
    assert_clean(at)
    shown = [i.value for i in at.info if "Không tìm thấy" in i.value]
    assert shown and "\\!\\[x\\]" in shown[0] and "![x]" not in shown[0]

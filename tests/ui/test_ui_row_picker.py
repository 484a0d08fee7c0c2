"""Rows can be picked without a mouse: a labelled selectbox / multiselect beside each selectable table.

``st.dataframe``'s selection lives on a canvas (no keyboard, nothing for a screen reader). The picker
lists the same visible rows by name, drives the same selection, and follows clicks in the table.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest
from ui_helpers import COUNCIL, OFFICER, REVIEWER, SECRETARY, OpenApp, assert_clean, select_rows, texts

from services.services import Services

CAMPAIGN = "HN-2024-KTN"


def submit_one(services: Services, name: str) -> dict[str, object]:
    values = {
        "subject_kind": "CA_NHAN",
        "full_name": name,
        "position": "Công nhân",
        "award_code": "LDTT",
        "achievement": "Hoàn thành xuất sắc nhiệm vụ, vượt 15% định mức sản lượng năm 2024.",
    }
    return services.create(OFFICER, CAMPAIGN, "nomination", values, submit=True)


def picker(at: AppTest, table: str) -> str:
    """The picker's key for a table whose key changes after each command (see ui.table_key)."""
    generation = at.session_state.get(table + "_generation", 0)
    return f"{table}_{generation}_pick"


def test_a_reviewer_picks_rows_with_the_keyboard_and_approves_them(
    open_app: OpenApp, services: Services
) -> None:
    ids = [str(submit_one(services, f"Bàn Phím Văn {i}")["id"]) for i in range(2)]
    at = open_app(REVIEWER, page="review")
    at.text_input(key="review_search").set_value("ban phim van").run()
    box = at.multiselect(key=picker(at, "review_table"))
    assert box.label == "Hoặc chọn các hồ sơ bằng bàn phím"
    unit, state = "Công đoàn Công ty TNHH Canon Việt Nam", "Đã trình – chờ công đoàn cấp trên thẩm định"
    assert box.options == [f"{n}. Bàn Phím Văn {n - 1} – {unit} – {state}" for n in (1, 2)]

    box.set_value(ids[:1]).run()  # one row: its detail
    assert_clean(at)
    assert any("Bàn Phím Văn" in s for s in texts(at, "subheader"))
    assert [b.key for b in at.button if b.key == "review_do_approve"]

    at.multiselect(key=picker(at, "review_table")).set_value(ids).run()  # two rows: the bulk moves
    assert_clean(at)
    at.button(key="review_bulk_approve").click().run()
    at.button(key="review_bulk_confirm").click().run()
    assert_clean(at)
    assert {services.get(REVIEWER, "nominations", i)["state"] for i in ids} == {"IN_COUNCIL"}


def test_a_click_in_the_table_shows_in_the_picker(open_app: OpenApp, services: Services) -> None:
    row = submit_one(services, "Chuột Văn Bấm")
    at = open_app(REVIEWER, page="review")
    at.text_input(key="review_search").set_value("chuot van bam").run()
    select_rows(at, "review_table", [0])
    assert_clean(at)
    assert at.multiselect(key=picker(at, "review_table")).value == [str(row["id"])]


def test_the_picker_speaks_english_too(open_app: OpenApp) -> None:
    at = open_app(REVIEWER, page="review")
    at.session_state["lang"] = "en"
    at.run()
    assert_clean(at)
    assert at.multiselect(key=picker(at, "review_table")).label == "Or pick submissions with the keyboard"


def test_an_officer_opens_a_submission_with_the_keyboard(open_app: OpenApp, services: Services) -> None:
    row = submit_one(services, "Lê Thị Bàn Phím")
    at = open_app(OFFICER, page="my_submissions")
    box = at.selectbox(key=picker(at, "mine_table"))
    assert box.label == "Hoặc chọn hồ sơ bằng bàn phím"
    assert box.value is None
    box.set_value(str(row["id"])).run()
    assert_clean(at)
    assert any("Lê Thị Bàn Phím" in s for s in texts(at, "subheader"))


def test_the_council_secretary_picks_an_agenda_item_with_the_keyboard(open_app: OpenApp) -> None:
    at = open_app(SECRETARY, page="council")
    box = at.selectbox(key="council_agenda_pick")
    first = box.options[0]
    box.select_index(0).run()
    assert_clean(at)
    name = first.split(". ", 1)[1].split(" – ")[0]
    assert any(name in s for s in texts(at, "subheader"))
    assert at.number_input(key="council_yes")


def test_a_council_member_sees_the_same_picker(open_app: OpenApp) -> None:
    at = open_app(COUNCIL, page="council")
    assert at.selectbox(key="council_agenda_pick").label == "Hoặc chọn hồ sơ bằng bàn phím"

"""What a newcomer tripped over in the browser (issue 16), as a person would notice it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest
from ui_helpers import ADMIN, OFFICER, REVIEWER, OpenApp, assert_clean, select_rows, texts, unescape

from app_pages.common import error_key
from services.services import Services

APP = Path(__file__).resolve().parents[2] / "app.py"
CAMPAIGN = "HN-2024-KTN"
NOMINATION = f"submit_{CAMPAIGN}_nomination_"
WORK = f"submit_{CAMPAIGN}_work_"


def _error_keys(at: AppTest) -> list[str]:
    """The form's kept errors (the submit page keeps them under one key per campaign and form)."""
    key = error_key("submit", CAMPAIGN, "nomination")
    return [key] if key in at.session_state else []


def test_a_date_that_does_not_exist_is_refused_not_changed(open_app: OpenApp, services: Services) -> None:
    before = len(services.my_rows(OFFICER, "works"))
    at = open_app(OFFICER, page="submit")
    at.selectbox(key=f"submit_form_{CAMPAIGN}").set_value("work").run()
    at.text_input(key=WORK + "name_vi").set_value("Sửa mái che nhà xe cho công nhân")
    at.selectbox(key=WORK + "work_type").set_value("CONG_TRINH")
    at.selectbox(key=WORK + "level").set_value("CO_SO")
    at.text_input(key=WORK + "planned_completion").set_value("31/02/2024")
    at.button(key="submit_send").click().run()
    assert_clean(at)
    errors = texts(at, "error")
    assert any(
        "'31/02/2024' không phải ngày hợp lệ" in e and e.startswith("Mục 'Dự kiến hoàn thành'")
        for e in errors
    ), errors
    assert not any(e.startswith("Cột ") for e in errors), errors  # a form has fields, not columns
    assert at.text_input(key=WORK + "planned_completion").value == "31/02/2024"  # kept as typed, not 29/02
    assert len(services.my_rows(OFFICER, "works")) == before


def test_the_calendar_writes_the_day_it_picks_into_the_field(view_app: OpenApp) -> None:
    at = view_app(OFFICER, page="submit")
    at.selectbox(key=f"submit_form_{CAMPAIGN}").set_value("work").run()
    calendar = at.date_input(key=WORK + "planned_completion__calendar")
    assert calendar.value == dt.date(2024, 12, 5)  # the campaign's month, the demo's day
    calendar.set_value(dt.date(2024, 12, 20)).run()
    assert at.text_input(key=WORK + "planned_completion").value == "20/12/2024"


def test_field_errors_quote_the_label_without_its_mark_and_leave_with_the_page(view_app: OpenApp) -> None:
    at = view_app(OFFICER, page="submit")
    at.button(key="submit_draft").click().run()
    errors = texts(at, "error")
    assert any(e.startswith("Mục 'Tóm tắt thành tích'") for e in errors), errors
    assert not any("*'" in e for e in errors), errors
    assert _error_keys(at)
    at.switch_page("app_pages/my_submissions.py").run()
    at.switch_page("app_pages/submit.py").run()
    assert not _error_keys(at)
    assert not [e for e in texts(at, "error") if "Tóm tắt thành tích" in e], "errors over empty fields"


def test_a_language_switch_forgets_the_errors_of_the_other_language(view_app: OpenApp) -> None:
    at = view_app(OFFICER, page="submit")
    at.button(key="submit_draft").click().run()
    assert texts(at, "error")
    at.radio(key="lang").set_value("en").run()
    assert_clean(at)
    assert not texts(at, "error"), texts(at, "error")


def test_a_refusal_is_shown_beside_the_button_that_caused_it(open_app: OpenApp) -> None:
    at = open_app(ADMIN, page="admin")
    at.button(key="admin_reopen_submit").click().run()  # no reason typed
    assert_clean(at)
    errors = texts(at, "error")
    assert len(errors) >= 2, errors  # the summary at the top and the same message beside the button
    tree = list(at.main)
    button_at = next(i for i, e in enumerate(_flat(tree)) if getattr(e, "key", None) == "admin_reopen_submit")
    after = [e for e in _flat(tree)[button_at + 1 :] if type(e).__name__ == "Error"]
    assert after and unescape(str(after[0].value)) == errors[0], errors


def _flat(nodes: list[object]) -> list[object]:
    out: list[object] = []
    for node in nodes:
        out.append(node)
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            out += _flat(list(children.values()))
    return out


def test_history_names_the_person_and_unit_never_an_email(view_app: OpenApp) -> None:
    at = view_app(REVIEWER, page="review")
    select_rows(at, "review_table", [0])
    assert_clean(at)
    lines = texts(at, "text")
    assert lines and not any("@" in line for line in lines), lines
    assert any("Công đoàn" in line for line in lines), lines


def test_a_reload_keeps_the_person_and_the_page(view_app: OpenApp) -> None:
    at = view_app()
    at.selectbox(key="sign_in_demo_user").select_index(0).run()
    at.button(key="sign_in_demo").click().run()
    assert_clean(at)
    claim = at.query_params.get("s")
    assert claim, "the signed claim is in the page's address"
    signed_in = [str(m.value) for m in at.sidebar.markdown]
    # F5: a new browser session with the same address
    again = view_app_at(at, claim)
    assert [str(m.value) for m in again.sidebar.markdown] == signed_in


def view_app_at(previous: AppTest, claim: object) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params["s"] = claim  # type: ignore[assignment]
    at.run()
    assert_clean(at)
    return at


def test_an_edited_claim_in_the_address_signs_nobody_in(view_app: OpenApp) -> None:
    at = AppTest.from_file(str(APP), default_timeout=30)
    view_app()  # sets the store and clock for this test
    at.query_params["s"] = '["lanh.dao@demo.thidua.vn", "ADMIN", "HN-LDLD"].forged'
    at.run()
    assert_clean(at)
    assert "actor" not in at.session_state
    assert at.title[0].value in ("Đăng nhập", "Sign in")


def test_an_awarded_row_no_longer_shows_the_reason_it_was_once_returned(
    open_app: OpenApp, services: Services
) -> None:
    """Returned, fixed, resubmitted and awarded: the old reason stays in the history only."""
    from tests.conftest import REVIEWER as REVIEWER_ACTOR

    rows = services.my_rows(OFFICER, "nominations")
    row = rows[rows["state"] == "SUBMITTED"].iloc[0]
    reason = "Thiếu số quyết định công nhận, đề nghị bổ sung."
    moved = services.act(REVIEWER_ACTOR, "nominations", str(row["id"]), int(row["version"]), "return", reason)
    moved = services.act(OFFICER, "nominations", str(row["id"]), int(moved["version"]), "submit")
    moves = [m.trigger for m in services.actions(REVIEWER_ACTOR, "nominations", moved)]
    services.act(REVIEWER_ACTOR, "nominations", str(row["id"]), int(moved["version"]), moves[0])
    at = open_app(OFFICER, page="my_submissions")
    assert_clean(at)
    table = next(t.value for t in at.dataframe if t.key and t.key.startswith("mine_table"))
    mine = table[table.iloc[:, 0] == row["full_name"]]
    assert not mine.empty
    assert reason not in " ".join(mine.astype(str).to_numpy().ravel()), mine.to_dict("records")

"""Sign-in by identity provider (``[auth]`` configured), under AppTest: ``st.user`` is what the
provider vouched for; the users tab decides roles; nothing else is trusted."""

from __future__ import annotations

from pathlib import Path

import pytest
from security_helpers import OpenSecureApp, logged_in, unescape
from streamlit.testing.v1 import AppTest

from core.ports import Change
from i18n import t
from services.security import verified_email
from storage.sqlite import SqliteWorkbook
from tests.conftest import ADMIN, OFFICER, REVIEWER

PAGES_OF_ANY_SIGNED_IN_ROLE = ("dashboard", "documents", "submit", "review")


def all_text(at: AppTest) -> str:
    parts = [
        str(e.value)
        for kind in ("title", "markdown", "caption", "error", "warning", "info", "success")
        for e in getattr(at, kind)
    ]
    return "\n".join(parts)


def nothing_but_sign_in(at: AppTest) -> None:
    """Only the sign-in page ran: no signed-in actor, no table, no chart, no page title but its own."""
    assert "actor" not in at.session_state
    assert [str(x.value) for x in at.title] == [t("page.sign_in.title")]
    assert not at.dataframe and not at.table and not at.get("arrow_vega_lite_chart")


def test_demo_picker_is_absent_with_auth(open_app: OpenSecureApp) -> None:
    at = open_app(auth=True)
    assert [b.label for b in at.button if b.key == "sign_in_oidc"] == [t("security.sign_in.google")]
    assert not [b for b in at.button if b.key in ("sign_in_demo", "sign_in_email_go")]
    assert not at.text_input and not at.selectbox
    assert t("app.demo_notice") not in all_text(at)
    nothing_but_sign_in(at)


def test_demo_picker_and_notice_without_auth(open_app: OpenSecureApp) -> None:
    at = open_app()
    assert [b for b in at.button if b.key == "sign_in_demo"]
    assert not [b for b in at.button if b.key == "sign_in_oidc"]
    assert any(t("app.demo_notice") in str(i.value) for i in at.sidebar.info)


def test_known_email_lands_on_its_pages(open_app: OpenSecureApp) -> None:
    at = open_app(identity=logged_in(OFFICER.email))
    actor = at.session_state["actor"]
    assert (actor.email, actor.role, actor.unit_id) == (OFFICER.email, OFFICER.role, OFFICER.unit_id)
    assert t("page.sign_in.title") not in [str(x.value) for x in at.title]
    assert t("app.demo_notice") not in all_text(at)


def test_email_case_from_provider_does_not_matter(open_app: OpenSecureApp) -> None:
    at = open_app(identity=logged_in(REVIEWER.email.upper()))
    assert at.session_state["actor"].role == "UPPER_REVIEWER"


@pytest.mark.parametrize("email", ["nguoi.la@gmail.com", "can.bo.canon@demo.thidua.vn.evil.example"])
def test_unknown_email_sees_the_refusal_and_nothing_else(open_app: OpenSecureApp, email: str) -> None:
    at = open_app(identity=logged_in(email))
    assert len(at.error) == 1 and unescape(str(at.error[0].value)) == t(
        "security.sign_in.unknown", email=email
    )
    nothing_but_sign_in(at)
    assert [b.key for b in at.main.button] == ["sign_in_other_account"]
    at.button(key="sign_in_other_account").click().run()
    assert at.user.get("is_logged_in") is False


def test_deactivated_email_is_refused(open_app: OpenSecureApp, demo_db: Path) -> None:
    store = SqliteWorkbook(demo_db)
    users = store.read("users")
    row = users[users["email"] == OFFICER.email].iloc[0]
    store.update("users", [Change(str(row["id"]), int(row["version"]), {"active": False})], actor="test")
    store.close()
    at = open_app(identity=logged_in(OFFICER.email))
    assert any("chưa được cấp quyền" in str(e.value) for e in at.error)
    nothing_but_sign_in(at)


@pytest.mark.parametrize("verified", [False, "false", None])
def test_unverified_email_is_refused(open_app: OpenSecureApp, verified: object) -> None:
    at = open_app(identity=logged_in(ADMIN.email, email_verified=verified))
    assert any("chưa xác minh" in str(e.value) for e in at.error)
    nothing_but_sign_in(at)


def test_several_grants_ask_which_one(open_app: OpenSecureApp, demo_db: Path) -> None:
    store = SqliteWorkbook(demo_db)
    store.append(
        "users",
        [
            {
                "id": "U-SEC-1",
                "email": OFFICER.email,
                "full_name": OFFICER.name,
                "role": "UNIT_HEAD",
                "unit_id": "HN-CDCS-THCS-VANQUAN",
                "active": True,
            }
        ],
        actor="test",
    )
    store.close()
    at = open_app(identity=logged_in(OFFICER.email))
    assert "actor" not in at.session_state
    radio = at.radio(key="sign_in_grant")
    assert len(radio.options) == 2
    radio.set_value(1).run()
    at.button(key="sign_in_grant_go").click().run()
    actor = at.session_state["actor"]
    assert (actor.role, actor.unit_id) == ("UNIT_HEAD", "HN-CDCS-THCS-VANQUAN")


def test_session_actor_must_be_the_signed_in_person(open_app: OpenSecureApp) -> None:
    """A session holding the admin while the provider signed in the officer is refused."""
    at = open_app(ADMIN, identity=logged_in(OFFICER.email))
    assert "actor" not in at.session_state
    assert at.user.get("is_logged_in") is False  # st.logout: the provider's session ends too
    nothing_but_sign_in(at)


def test_session_actor_without_provider_sign_in_is_refused(open_app: OpenSecureApp) -> None:
    at = open_app(ADMIN, auth=True)
    assert "actor" not in at.session_state
    nothing_but_sign_in(at)


def test_verified_email_rules() -> None:
    assert verified_email({"is_logged_in": True, "email": "a@b.vn"}) == "a@b.vn"
    assert verified_email({"is_logged_in": True, "email": "a@b.vn", "email_verified": True}) == "a@b.vn"
    assert verified_email({"is_logged_in": True, "email": "a@b.vn", "email_verified": False}) is None
    assert verified_email({"is_logged_in": False, "email": "a@b.vn"}) is None
    assert verified_email({"email": "a@b.vn"}) is None
    assert verified_email({"is_logged_in": True, "email": ""}) is None
    assert verified_email({"is_logged_in": "true", "email": "a@b.vn"}) is None


def test_demo_notice_is_on_every_page_of_a_signed_in_demo_user(open_app: OpenSecureApp) -> None:
    at = open_app(OFFICER)
    for page in ("submit", "my_submissions", "dashboard", "documents"):
        at.switch_page(f"app_pages/{page}.py").run()
        assert any(t("app.demo_notice") in str(i.value) for i in at.sidebar.info), page


def test_tampered_grant_list_cannot_widen_the_choice(open_app: OpenSecureApp) -> None:
    """With [auth] the grants are asked afresh each run: a list planted in session state is replaced."""
    at = open_app(auth=True)
    at.user = logged_in(OFFICER.email)
    at.session_state["sign_in_options"] = [ADMIN, OFFICER]
    at.run()
    actor = at.session_state["actor"]
    assert (actor.email, actor.role) == (OFFICER.email, OFFICER.role)

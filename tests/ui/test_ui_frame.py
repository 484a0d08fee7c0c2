"""The frame: every page for every demo role, sign-in, language switch, refused sessions."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import ui_helpers
from ui_helpers import (
    ADMIN,
    DEMO_ACTORS,
    LEADER,
    OFFICER,
    PAGES_BY_ROLE,
    REVIEWER,
    OpenApp,
    assert_clean,
    texts,
)

import i18n
from core.model import INITIATIVE_FIELDS, LEVELS, ROLES, WORK_LEVELS, WORK_TYPES, Actor
from services.services import Services

PAGE_FILES = ("sign_in", "submit", "my_submissions", "review", "dashboard", "admin", "common", "forms")


@pytest.mark.parametrize("actor", DEMO_ACTORS, ids=lambda a: f"{a.role}-{a.unit_id}")
def test_every_page_renders_for_every_demo_role(view_app: OpenApp, actor: Actor) -> None:
    at = view_app(actor)
    for page in PAGES_BY_ROLE[actor.role]:
        at.switch_page(f"app_pages/{page}.py").run()
        assert_clean(at)
        assert len(at.title) == 1 and at.title[0].value
        assert at.caption, "every page explains itself in one line"
        assert any("Bản demo" in s for s in texts(at.sidebar, "info")), "demo notice on every page"


def test_pages_outside_the_role_are_not_offered(view_app: OpenApp) -> None:
    at = view_app(OFFICER)
    for page in ("review", "admin"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"app_pages/{page}.py")
    at = view_app(LEADER)
    with pytest.raises(ValueError):
        at.switch_page("app_pages/submit.py")


def test_signed_out_sees_only_sign_in_with_demo_notice_and_date(view_app: OpenApp) -> None:
    at = view_app()
    assert texts(at, "title") == ["Đăng nhập"]
    assert any("Bản demo – đăng nhập bằng người dùng mẫu" in s for s in texts(at.sidebar, "info"))
    assert any("05/12/2024" in s for s in texts(at.sidebar, "caption"))
    with pytest.raises(ValueError):
        at.switch_page("app_pages/dashboard.py")


def test_sign_in_picker_lists_demo_users_and_signs_in(view_app: OpenApp, services: Services) -> None:
    at = view_app()
    picker = at.selectbox(key="sign_in_demo_user")
    users = services.demo_users()
    assert len(picker.options) == len(users)
    for name in users["full_name"]:
        assert any(str(name) in option for option in picker.options)
    reviewer_name = users[users["email"] == REVIEWER.email]["full_name"].iloc[0]
    index = next(
        i
        for i, o in enumerate(picker.options)
        if reviewer_name in o and "Cán bộ thẩm định công đoàn cấp trên" in o
    )
    picker.set_value(index)
    at.button(key="sign_in_demo").click().run()
    assert_clean(at)
    assert at.session_state["actor"].role == "UPPER_REVIEWER"
    assert texts(at, "title") == ["Thẩm định"]


def test_sign_in_by_email_and_unknown_email(view_app: OpenApp) -> None:
    at = view_app()
    at.text_input(key="sign_in_email").set_value("khong.co@demo.thidua.vn")
    at.button(key="sign_in_email_go").click().run()
    assert any("khong.co@demo.thidua.vn" in s for s in texts(at, "error"))
    assert "actor" not in at.session_state
    at.text_input(key="sign_in_email").set_value("  LANH.DAO@demo.thidua.vn ")
    at.button(key="sign_in_email_go").click().run()
    assert_clean(at)
    assert at.session_state["actor"].role == "LEADER"
    assert texts(at, "title") == ["Tổng hợp"]


def test_language_switch_changes_the_page_to_english(view_app: OpenApp) -> None:
    at = view_app(OFFICER)
    assert texts(at, "title") == ["Nộp hồ sơ"]
    at.radio(key="lang").set_value("en").run()
    assert_clean(at)
    assert texts(at, "title") == ["Submit"]
    at.switch_page("app_pages/my_submissions.py").run()
    assert texts(at, "title") == ["My unit's submissions"]
    at.radio(key="lang").set_value("vi").run()
    assert texts(at, "title") == ["Hồ sơ của đơn vị"]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda a: dataclasses.replace(a, role="ADMIN"),
        lambda a: dataclasses.replace(a, unit_id="HN-CDCS-THCS-VANQUAN"),
        lambda a: dataclasses.replace(a, email=ADMIN.email),
        lambda a: {"email": a.email, "role": "ADMIN", "unit_id": a.unit_id},
    ],
    ids=["role", "unit", "email", "not-an-actor"],
)
def test_tampered_session_is_signed_out(view_app: OpenApp, tamper: object) -> None:
    at = view_app(OFFICER, page="my_submissions")
    assert at.dataframe, "the officer's own rows are shown before tampering"
    at.session_state["actor"] = tamper(at.session_state["actor"])  # type: ignore[operator]
    at.run()
    assert_clean(at)
    assert "actor" not in at.session_state
    assert texts(at, "title") == ["Đăng nhập"]
    assert any("không còn hợp lệ" in s for s in texts(at, "error"))
    assert not at.dataframe
    assert not at.metric


def test_sign_out_forgets_the_actor(view_app: OpenApp) -> None:
    at = view_app(OFFICER)
    at.button(key="sign_out").click().run()
    assert "actor" not in at.session_state
    assert texts(at, "title") == ["Đăng nhập"]


def test_admin_draws_every_workflow(view_app: OpenApp, services: Services) -> None:
    at = view_app(ADMIN, page="admin")
    workflows = sum(len(c.workflows) for c in services.campaigns.values())
    charts = at.get("graphviz_chart")
    assert len(charts) == workflows
    # long labels wrap onto lines of the node's width
    drawn = [c.proto.spec.replace("\\n", " ") for c in charts]
    assert any("Thông qua, trình Hội đồng" in spec for spec in drawn)


def test_a_person_with_several_roles_chooses_one(open_app: OpenApp, services: Services) -> None:
    services.store.append(
        "users",
        [
            {
                "email": LEADER.email,
                "full_name": "Hoàng Quang Demo Sơn",
                "role": "ADMIN",
                "unit_id": "HN-LDLD",
                "active": True,
            }
        ],
        actor="test",
    )
    at = open_app()
    at.text_input(key="sign_in_email").set_value(LEADER.email)
    at.button(key="sign_in_email_go").click().run()
    assert_clean(at)
    grants = at.radio(key="sign_in_grant")
    assert len(grants.options) == 2 and any("Quản trị hệ thống" in o for o in grants.options)
    grants.set_value(next(i for i, o in enumerate(grants.options) if "Quản trị hệ thống" in o))
    at.button(key="sign_in_grant_go").click().run()
    assert_clean(at)
    assert at.session_state["actor"].role == "ADMIN"
    at.switch_page("app_pages/admin.py").run()
    assert texts(at, "title") == ["Quản trị"]


def test_language_switch_keeps_the_chosen_campaign(view_app: OpenApp) -> None:
    at = view_app(LEADER, page="dashboard")
    at.selectbox(key="dashboard_campaign").set_value("HN-2023-DTD-CAODIEM-DH").run()
    at.radio(key="lang").set_value("en").run()
    assert_clean(at)
    assert at.selectbox(key="dashboard_campaign").value == "HN-2023-DTD-CAODIEM-DH"
    assert texts(at, "title") == ["Dashboard"]


@pytest.mark.parametrize(
    "typed",
    [
        "![ảnh](http://example.invalid/x.png)",
        ":material/home: **đậm**",
        "<b>x</b> [link](javascript:alert(1))",
    ],
)
def test_user_text_is_shown_as_typed_not_as_markdown(typed: str) -> None:
    from app_pages.common import plain

    escaped = plain(typed)
    for raw in ("![", "](", "**", "<b>"):
        assert raw not in escaped
    assert ui_helpers.unescape(escaped) == typed


def test_every_message_key_used_by_the_frame_and_pages_exists() -> None:
    root = Path(__file__).resolve().parents[2]
    files = [root / "app.py", *(root / "app_pages" / f"{p}.py" for p in PAGE_FILES)]
    pattern = re.compile(r"""\btr\(\s*["']([a-z_]+\.[a-z_.]+)["']""")
    for path in files:
        keys = set(pattern.findall(path.read_text(encoding="utf-8")))
        assert keys, path.name
        missing = sorted(k for k in keys if not i18n.has(k))
        assert not missing, (path.name, missing)
    for column, values in (
        ("work_type", WORK_TYPES),
        ("level", (*WORK_LEVELS, *LEVELS)),
        ("field", INITIATIVE_FIELDS),
    ):
        assert all(i18n.has(f"enum.{column}.{v}") for v in values), column
    assert all(i18n.has(f"role.{r}") for r in ROLES)

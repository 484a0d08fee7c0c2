"""Sign-in end to end: Chromium -> the app's "Đăng nhập bằng Google" -> the local OIDC provider ->
back with a code -> Streamlit (Authlib) verifies the RS256 id_token -> the users tab decides."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_steps import COUNCIL, OFFICER, OpenPage
from oidc.app_server import AuthApp, serve_with_auth
from oidc.provider import OidcProvider
from playwright.sync_api import Browser, Page, expect

from i18n import t

pytestmark = pytest.mark.e2e
TODAY = "2024-12-05"
VIEWPORT = {"width": 1400, "height": 1000}


@pytest.fixture(scope="module")
def provider() -> Iterator[OidcProvider]:
    p = OidcProvider().start()
    try:
        yield p
    finally:
        p.stop()


@pytest.fixture(scope="module")
def auth_app(
    chromium_path: Path, provider: OidcProvider, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AuthApp]:
    workdir = tmp_path_factory.mktemp("oidc")
    with serve_with_auth(workdir, provider, workdir / "auth.sqlite", TODAY) as app:
        yield app


@pytest.fixture
def open_auth_page(browser: Browser, auth_app: AuthApp) -> Iterator[OpenPage]:
    expect.set_options(timeout=30_000)
    pages: list[Page] = []

    def open_() -> Page:
        context = browser.new_context(viewport=VIEWPORT, locale="vi-VN", base_url=auth_app.url)
        context.set_default_timeout(30_000)
        page = context.new_page()
        pages.append(page)
        page.goto("/")
        return page

    yield open_
    for page in pages:
        page.context.close()


def sign_in_with_google(page: Page) -> None:
    button = page.get_by_role("button", name=t("security.sign_in.google"))
    expect(button).to_be_visible()
    button.click()


def test_known_email_lands_on_its_pages(
    open_auth_page: OpenPage, provider: OidcProvider, auth_app: AuthApp
) -> None:
    page = open_auth_page()
    expect(page.get_by_text(t("app.demo_notice"))).to_have_count(0)  # no demo picker with [auth]
    expect(page.get_by_role("button", name=t("page.sign_in.as_user"))).to_have_count(0)
    provider.sign_in_next(OFFICER.email)
    sign_in_with_google(page)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(t("app.signed_in_as", name=OFFICER.name))).to_be_visible()
    expect(page.get_by_role("heading", name=t("page.submit.title"))).to_be_visible()
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_text(t("page.submit.nav"))).to_be_visible()
    expect(nav.get_by_text(t("page.review.nav"))).to_have_count(0)
    assert ("POST", "/token") in provider.requests and ("GET", "/jwks") in provider.requests
    assert not provider.refusals, provider.refusals
    log = auth_app.log_path.read_text(errors="replace")
    assert provider.client_secret not in log and auth_app.cookie_secret not in log

    page.get_by_role("button", name=t("app.sign_out")).click()  # ends the provider session too
    expect(page.get_by_role("button", name=t("security.sign_in.google"))).to_be_visible()
    expect(sidebar.get_by_text(re.compile(re.escape(OFFICER.name)))).to_have_count(0)


def test_unknown_email_sees_the_refusal_and_no_data(open_auth_page: OpenPage, provider: OidcProvider) -> None:
    email = "nguoi.la@example.org"
    page = open_auth_page()
    provider.sign_in_next(email)
    sign_in_with_google(page)
    alert = page.get_by_role("alert").filter(has_text="chưa được cấp quyền")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text(email)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)  # one page only: nothing to navigate to
    expect(page.get_by_role("heading", name=t("page.submit.title"))).to_have_count(0)
    expect(page.get_by_role("button", name=t("security.sign_in.other_account"))).to_be_visible()


def test_unverified_email_is_refused(open_auth_page: OpenPage, provider: OidcProvider) -> None:
    page = open_auth_page()
    provider.sign_in_next(COUNCIL.email, verified=False)
    sign_in_with_google(page)
    expect(page.get_by_role("alert").filter(has_text="chưa xác minh")).to_be_visible()
    expect(page.get_by_role("heading", name=t("page.review.title"))).to_have_count(0)

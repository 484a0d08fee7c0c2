"""Sign-in while the identity provider is down (issue 23), in a real browser: the app's own Vietnamese
message instead of Streamlit's bare English "Authentication error" page, and the same button signs the
person in once the provider is back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_steps import OFFICER
from oidc.app_server import AuthApp, serve_with_auth
from oidc.provider import OidcProvider
from playwright.sync_api import Browser, expect

from i18n import t

pytestmark = pytest.mark.e2e
TODAY = "2024-12-05"


@pytest.fixture(scope="module")
def provider() -> Iterator[OidcProvider]:
    """A provider whose port is known but which is not running (started by the test when needed)."""
    p = OidcProvider().start()
    p.stop()
    try:
        yield p
    finally:
        p.stop()


@pytest.fixture(scope="module")
def auth_app(
    chromium_path: Path, provider: OidcProvider, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AuthApp]:
    workdir = tmp_path_factory.mktemp("oidc-down")
    with serve_with_auth(workdir, provider, workdir / "auth.sqlite", TODAY) as app:
        yield app


def test_provider_down_shows_our_message_and_the_button_works_once_it_is_back(
    browser: Browser, auth_app: AuthApp, provider: OidcProvider
) -> None:
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="vi-VN", base_url=auth_app.url
    )
    context.set_default_timeout(30_000)
    expect.set_options(timeout=30_000)  # the first page of a fresh server reads the whole store
    try:
        page = context.new_page()
        page.goto("/")
        button = page.get_by_role("button", name=t("security.sign_in.google"))
        expect(button).to_be_visible()
        button.click()
        expect(
            page.get_by_role("alert").filter(has_text="Không kết nối được máy chủ đăng nhập")
        ).to_be_visible()
        expect(page.get_by_text("Authentication error")).to_have_count(0)
        assert page.url.rstrip("/").startswith(auth_app.url) and "/auth/login" not in page.url
        expect(button).to_be_visible()  # the way back: the same button

        provider.start()  # the provider is back, on the same address
        provider.sign_in_next(OFFICER.email)
        button.click()
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text(t("app.signed_in_as", name=OFFICER.name))).to_be_visible()
        log = auth_app.log_path.read_text(errors="replace")
        assert "identity provider unreachable" in log and provider.client_secret not in log
    finally:
        context.close()

"""Every page for every role, in Vietnamese and English, on a desktop (1366×768) and a phone (390×844).

The pages and roles are read from ``app.py`` (as the rendered-text audit does), so a page added there is
toured without editing this file. On each page: its heading in the language chosen, no "unexpected
error" box, none of Streamlit's own English words on a Vietnamese page where Streamlit lets a page
pass its own, and on a phone the sidebar closes once a page is chosen. Each view is saved as
``<SCREENSHOTS>/pages/<role>-<page>-<lang>-<device>.png`` (``make screenshots``: docs/screenshots/pages,
left out of git; a curated set is copied beside it, see ``CURATED``).

Marked ``tour``: ``make screenshots`` runs it (about 170 page views); ``make test`` runs the shorter
phone journeys of ``test_journeys.py`` instead.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from e2e_steps import SCREENSHOTS, DemoUser, heading, settle, sign_in, switch_language, watch_runs
from playwright.sync_api import Browser, Page, ViewportSize, expect

from i18n import LANGS, t

pytestmark = [pytest.mark.e2e, pytest.mark.tour]

ROOT = Path(__file__).resolve().parents[2]
DEVICES: dict[str, ViewportSize] = {
    "desktop": {"width": 1366, "height": 768},
    "phone": {"width": 390, "height": 844},
}
#: Playwright's wait for each step (a page's first run reads the store; the machine may be busy).
TIMEOUT_MS = 30_000
#: One demo user per role (demo/hanoi.py): who signs in to see that role's pages.
USERS = {
    "UNIT_OFFICER": DemoUser("can.bo.canon@demo.thidua.vn", "Trần Thị Demo Hoa"),
    "UNIT_HEAD": DemoUser("chu.tich.canon@demo.thidua.vn", "Lê Văn Demo Bình"),
    "UPPER_REVIEWER": DemoUser("tham.dinh.kcn@demo.thidua.vn", "Phạm Minh Demo Đức"),
    "CLUSTER_HEAD": DemoUser("cum.truong.cum7@demo.thidua.vn", "Vũ Thị Demo Lan"),
    "COUNCIL_MEMBER": DemoUser("hoi.dong@demo.thidua.vn", "Nguyễn Văn Demo"),
    "COUNCIL_SECRETARY": DemoUser("thu.ky.hd@demo.thidua.vn", "Đỗ Thu Demo Hà"),
    "LEADER": DemoUser("lanh.dao@demo.thidua.vn", "Hoàng Quang Demo Sơn"),
    "ADMIN": DemoUser("quan.tri@demo.thidua.vn", "Bùi Ngọc Demo Anh"),
    "DECIDER": DemoUser("chu.tich.ldld@demo.thidua.vn", "Trịnh Văn Demo Quyết"),
    "JUDGE": DemoUser("gk.han-dien.1@demo.thidua.vn", "Vũ Minh Demo Hùng (giám khảo)"),
}
#: Streamlit's words a page can replace (a placeholder, select_all=False, an empty cell for "None").
STREAMLIT_ENGLISH = ("Choose options", "Select all", "Choose an option")
#: The pictures kept in git (docs/screenshots/<name>.png), from the full tour.
CURATED = {  # the journeys of test_journeys.py save sign-in, submit, review, my submissions, dashboard
    "my-submissions-vi-phone": "UNIT_OFFICER-mine-vi-phone",
    "review-vi-phone": "UPPER_REVIEWER-review-vi-phone",
    "council-vi": "COUNCIL_MEMBER-council-vi-desktop",
    "dashboard-officer-vi": "UNIT_OFFICER-dashboard-vi-desktop",
    "dashboard-vi-phone": "LEADER-dashboard-vi-phone",
    "cluster-vi": "UNIT_OFFICER-cluster-vi-desktop",
    "documents-vi": "LEADER-documents-vi-desktop",
    "admin-vi": "ADMIN-admin-vi-desktop",
    "admin-data-vi": "ADMIN-admin_data-vi-desktop",
    "import-en": "UNIT_OFFICER-import-en-desktop",
}


def _app_tables() -> dict[str, tuple[str, ...]]:
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == "NAV_BY_ROLE"
        ):
            return dict(ast.literal_eval(node.value))  # type: ignore[arg-type]
    raise AssertionError("app.py has no NAV_BY_ROLE")


NAV_BY_ROLE = _app_tables()


def _shot(page: Page, name: str) -> None:
    folder = SCREENSHOTS / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=folder / f"{name}.png",
        animations="disabled",
        style='[data-testid="stToastContainer"] { display: none !important; }',
    )


def _open(page: Page, page_id: str, lang: str, phone: bool) -> None:
    """Choose the page in the sidebar (on a phone: open the sidebar first; it must close itself)."""
    link = page.get_by_role("navigation").get_by_role("link", name=t(f"page.{page_id}.nav", lang))
    if link.count() and link.get_attribute("aria-current") != "page":  # one page only (a judge): no menu
        if phone:
            page.get_by_test_id("stExpandSidebarButton").click()
        link.click()
        if phone:  # the sidebar no longer covers the page
            expect(page.get_by_test_id("stSidebar")).not_to_be_in_viewport()
    expect(heading(page, f"page.{page_id}.title", lang)).to_be_visible()
    settle(page)


def _close_sidebar(page: Page) -> None:
    page.get_by_test_id("stSidebarCollapseButton").get_by_role("button").click()
    expect(page.get_by_test_id("stSidebar")).not_to_be_in_viewport()


def _look(page: Page, lang: str) -> None:
    body = page.get_by_test_id("stMain")
    text = body.inner_text()
    assert "lỗi ngoài dự kiến" not in text and "unexpected error" not in text.casefold(), text[:500]
    if lang == "vi":
        for words in STREAMLIT_ENGLISH:
            assert words not in text, words


@pytest.mark.parametrize("device", list(DEVICES))
@pytest.mark.parametrize("role", list(NAV_BY_ROLE))
def test_every_page_of_every_role(browser: Browser, base_url: str, role: str, device: str) -> None:
    assert role in USERS, f"no demo user to tour {role}'s pages: add one to USERS"
    expect.set_options(timeout=TIMEOUT_MS)
    context = browser.new_context(viewport=DEVICES[device], locale="vi-VN", base_url=base_url)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        watch_runs(page)
        page.goto("/")
        if role == "UNIT_OFFICER":
            expect(heading(page, "page.sign_in.title", "vi")).to_be_visible()
            settle(page)
            _shot(page, f"{role}-sign_in-vi-{device}")
        sign_in(page, USERS[role])
        for lang in LANGS:
            if lang != "vi":
                if device == "phone":  # the switch sits low in the sidebar: bring it into view
                    page.get_by_test_id("stExpandSidebarButton").click()
                    page.get_by_role("radio", name=t(f"app.lang.{lang}", lang)).scroll_into_view_if_needed()
                switch_language(page, lang)
                if device == "phone":
                    _close_sidebar(page)
            for page_id in NAV_BY_ROLE[role]:
                _open(page, page_id, lang, device == "phone")
                _look(page, lang)
                _shot(page, f"{role}-{page_id}-{lang}-{device}")
    finally:
        context.close()


@pytest.fixture(scope="session", autouse=True)
def curated_copies() -> object:
    """After the tour: the curated pictures copied where the README and docs link them."""
    yield None
    pages = SCREENSHOTS / "pages"
    for name, source in CURATED.items():
        found = pages / f"{source}.png"
        if found.exists():
            shutil.copy(found, SCREENSHOTS / f"{name}.png")

"""What a user does in the browser, as small steps the journeys share.

Texts come from the app's own message catalog (``i18n.t``) in the language under test, so a reworded
message does not break a journey, while a missing label or a different language does. Every wait is
Playwright's auto-waiting ``expect``: Streamlit redraws asynchronously after each interaction.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from google.protobuf.message import DecodeError
from playwright.sync_api import Locator, Page, WebSocket, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from i18n import t

_ROOT = Path(__file__).resolve().parents[2]
#: Test runs save screenshots under test-artifacts/ (a test run never changes tracked files);
#: `make screenshots` sets THIDUA_SCREENSHOTS=docs/screenshots to refresh the README's pictures.
SCREENSHOTS = _ROOT / os.environ.get("THIDUA_SCREENSHOTS", "test-artifacts/screenshots")
#: Row height of Streamlit's data grid (header and body rows), in CSS pixels.
GRID_ROW_PX = 35
#: Longest wait for the script run an interaction starts (the first run of a page reads the store).
RERUN_TIMEOUT_S = 20.0

#: The ``open_page`` fixture: a new page in a fresh browser context (its own Streamlit session).
OpenPage = Callable[[], Page]


@dataclass(frozen=True)
class DemoUser:
    """A sample user from ``demo/hanoi.py`` as the sign-in picker lists them."""

    email: str
    name: str


OFFICER = DemoUser("can.bo.canon@demo.thidua.vn", "Trần Thị Demo Hoa")
REVIEWER = DemoUser("tham.dinh.kcn@demo.thidua.vn", "Phạm Minh Demo Đức")
COUNCIL = DemoUser("hoi.dong@demo.thidua.vn", "Nguyễn Văn Demo")
SECRETARY = DemoUser("thu.ky.hd@demo.thidua.vn", "Đỗ Thu Demo Hà")
LEADER = DemoUser("lanh.dao@demo.thidua.vn", "Hoàng Quang Demo Sơn")


class ScriptRuns:
    """Counts the full script runs the server reports finished to one page, read off its websocket.

    The page's own run-state attribute cannot tell a step that *its* rerun happened (a quick run may
    never show as running); the server's ``script_finished`` message can.
    """

    def __init__(self, page: Page) -> None:
        self.finished = 0
        page.on("websocket", self._watch)

    def _watch(self, ws: WebSocket) -> None:
        ws.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        if isinstance(payload, str):
            return
        try:
            msg = ForwardMsg.FromString(payload)
        except DecodeError:
            return
        if (
            msg.WhichOneof("type") == "script_finished"
            and msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
        ):
            self.finished += 1


_RUNS: dict[int, ScriptRuns] = {}


def streamlit_command(port: int, *extra: str) -> list[str]:
    """`streamlit run app.py` on 127.0.0.1:``port`` the way every browser test starts it."""
    return [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        # Other people may be editing the tree while the tests run: never reload modules mid-test.
        "--server.fileWatcherType", "none",
        *extra,
    ]  # fmt: skip


def watch_runs(page: Page) -> None:
    """Start counting the page's script runs (before it loads the app)."""
    _RUNS[id(page)] = ScriptRuns(page)


@contextmanager
def rerun(page: Page, timeout_s: float = RERUN_TIMEOUT_S) -> Iterator[None]:
    """Wrap an interaction that makes Streamlit rerun the script; wait until that run has finished."""
    runs = _RUNS[id(page)]
    before = runs.finished
    yield
    deadline = time.monotonic() + timeout_s
    while runs.finished <= before:
        if time.monotonic() > deadline:
            raise AssertionError(f"the app did not finish a run within {timeout_s:.0f} s of the interaction")
        page.wait_for_timeout(25)  # lets Playwright deliver the websocket frames it has received
    page.wait_for_timeout(50)  # a tiny settle: let the browser draw what that run sent
    settle(page)


def settle(page: Page) -> None:
    """Wait until the script run the last interaction started has finished and no stale element is left.

    Call it after waiting for something the new run draws: right after a click the app may still report
    the previous run as finished.
    """
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    expect(page.locator('[data-testid="stElementContainer"][data-stale="true"]')).to_have_count(0)


def screenshot(page: Page, name: str) -> None:
    """Save what the user sees as ``<SCREENSHOTS>/<name>.png`` (stable names for the README)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Toasts come and go on their own; leave them out so the pictures are stable.
    page.screenshot(
        path=SCREENSHOTS / f"{name}.png",
        animations="disabled",
        style='[data-testid="stToastContainer"] { display: none !important; }',
    )


def heading(page: Page, key: str, lang: str) -> Locator:
    return page.get_by_role("heading", name=t(key, lang), level=1)


def choose(page: Page, label: str, option: str, *, prefix: bool = False) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` (typing filters the list first)."""
    box = page.get_by_role("combobox", name=label, exact=True)
    pattern = re.compile("^" + re.escape(option) + ("" if prefix else "$"))
    if pattern.search(box.input_value()):
        return  # already chosen: picking it again would not rerun the app
    box.click()
    box.fill(option)
    with rerun(page):
        page.get_by_role("option", name=pattern).first.click()
    expect(box).to_have_value(pattern)


def switch_language(page: Page, lang: str) -> None:
    """Use the sidebar's language switch."""
    radio = page.get_by_role("radio", name=t(f"app.lang.{lang}", lang))
    with rerun(page):
        radio.check(force=True)
    expect(radio).to_be_checked()


def sign_in(page: Page, user: DemoUser, lang: str = "vi", shot: str | None = None) -> None:
    """Sign in as a sample user with the demo picker; optionally screenshot the filled picker."""
    expect(heading(page, "page.sign_in.title", lang)).to_be_visible()
    choose(page, t("page.sign_in.pick_user", lang), f"{user.name} – ", prefix=True)
    if shot:
        screenshot(page, shot)
    page.get_by_role("button", name=t("page.sign_in.as_user", lang)).click()
    expect(page.get_by_text(t("app.signed_in_as", lang, name=user.name))).to_be_visible()
    settle(page)


def sign_out(page: Page, lang: str = "vi") -> None:
    page.get_by_role("button", name=t("app.sign_out", lang)).click()
    expect(heading(page, "page.sign_in.title", lang)).to_be_visible()
    expect(page.get_by_text(t("app.signed_out", lang)).first).to_be_visible()
    settle(page)


def open_page(page: Page, page_id: str, lang: str = "vi") -> None:
    """Follow the sidebar link to a page (unless it is the current page) and wait for it to be drawn."""
    link = page.get_by_role("navigation").get_by_role("link", name=t(f"page.{page_id}.nav", lang))
    if link.get_attribute("aria-current") != "page":
        with rerun(page):
            link.click()
    expect(link).to_have_attribute("aria-current", "page")
    expect(heading(page, f"page.{page_id}.title", lang)).to_be_visible()
    settle(page)


def fill_text(page: Page, label: str, value: str) -> None:
    """Type a new value into a text input or area and leave it, so Streamlit receives it and reruns."""
    box = page.get_by_role("textbox", name=label, exact=True)
    box.fill(value)
    with rerun(page):
        box.press("Tab")


def fill_number(page: Page, label: str, value: int) -> None:
    """Type a number into the number input labelled ``label`` and leave it (Streamlit reruns)."""
    box = page.get_by_role("spinbutton", name=label, exact=True)
    box.fill(str(value))
    with rerun(page):
        box.press("Tab")


def click(page: Page, name: str) -> None:
    """Press the button called ``name`` and wait for the run it starts."""
    with rerun(page):
        page.get_by_role("button", name=name, exact=True).click()


def submit_nomination(
    page: Page, full_name: str, achievement: str, lang: str = "vi", shot: str | None = None
) -> None:
    """On "Nộp hồ sơ": fill a nomination for the Advanced Worker title (LĐTT) and submit it."""
    open_page(page, "submit", lang)
    choose(page, t("ui.form", lang), "Đề nghị khen thưởng" if lang == "vi" else "Nomination")

    def required(text: str) -> str:
        return t("ui.required_mark", lang, label=text)

    choose(page, required("Đối tượng"), "Cá nhân")
    fill_text(page, required("Họ và tên / Tên tập thể"), full_name)
    fill_text(page, required("Chức vụ"), "Công nhân vận hành máy")
    choose(page, required("Danh hiệu / hình thức"), "Lao động tiên tiến")
    fill_text(page, required("Tóm tắt thành tích"), achievement)
    if shot:
        screenshot(page, shot)
    click(page, t("page.submit.submit", lang))


def review_queue_row(page: Page, search: str, full_name: str, lang: str = "vi") -> None:
    """On the review queue: search (without diacritics), find the one row and open its detail."""
    open_page(page, "review", lang)
    fill_text(page, t("page.review.search", lang), search)
    count = re.compile("^" + re.escape(t("page.review.count", lang, count=1)))
    expect(page.get_by_text(count)).to_be_visible()
    table = table_with(page, full_name)
    expect(table).to_have_count(1)
    select_row(page, table, 0)
    expect(page.get_by_role("heading", name=re.compile(re.escape(full_name)), level=3).first).to_be_visible()


def table_with(page: Page, cell_text: str) -> Locator:
    """The page's table (``st.dataframe``) that has a cell reading exactly ``cell_text``.

    The grid draws on a canvas; its accessible twin (a hidden role=grid table) carries the texts.
    """
    cell = page.get_by_role("gridcell", name=cell_text, exact=True, include_hidden=True)
    return page.get_by_test_id("stDataFrame").filter(has=cell)


def select_row(page: Page, table: Locator, index: int) -> None:
    """Tick the selection box of body row ``index`` of ``table`` (the grid's left marker column)."""
    with rerun(page):
        table.get_by_test_id("stDataFrameResizable").click(
            position={"x": GRID_ROW_PX // 2, "y": GRID_ROW_PX * (index + 1) + GRID_ROW_PX // 2}
        )


def grid_cell(table: Locator, column: int, row: int) -> Locator:
    """A body cell of ``table`` in the grid's accessible twin (column 0 is the selection box)."""
    return table.get_by_test_id(f"glide-cell-{column}-{row}")


def dashboard_metric(page: Page, label: str) -> Locator:
    """The value of the dashboard tile with the short ``label`` (reporting.metrics' ``short`` labels)."""
    tile = page.get_by_test_id("stMetric").filter(has=page.get_by_text(label, exact=True))
    return tile.get_by_test_id("stMetricValue")

"""Browser tests: a seeded demo served by ``streamlit run`` on loopback, driven by Debian's Chromium.

One server per test worker (session scope, so ``pytest -n auto`` gives every worker its own port and
its own SQLite file); one fresh browser context per page, so every page is its own Streamlit session.
Playwright never downloads a browser here: it launches ``/usr/bin/chromium`` (``make test`` installs
the Debian package). Without that binary the tests are skipped locally and fail under CI.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from e2e_steps import OpenPage, streamlit_command, watch_runs
from playwright.sync_api import Browser, Page, Playwright, ViewportSize, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("THIDUA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_TODAY = "2024-12-05"
#: Seconds to wait for ``/_stcore/health`` before giving up with the server log.
STARTUP_SECONDS = 60.0
#: Playwright's default wait for actions and ``expect`` (Streamlit reruns take a moment on first use).
DEFAULT_TIMEOUT_MS = 20_000
VIEWPORT: ViewportSize = {"width": 1400, "height": 1000}

_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the item so fixtures can tell whether the test failed."""
    report: pytest.TestReport = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def _ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium; skipped (locally) or failed (under CI) when it is not installed."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium (`make chromium`) to run the e2e tests"
        if _ci():
            pytest.fail(message + " (CI is set, so this is a failure, not a skip)")
        pytest.skip(message)
    return CHROMIUM


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200 and response.read().decode().strip() == "ok")
    except (OSError, urllib.error.URLError):
        return False


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate the server's whole process group, then kill it if it lingers."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def base_url(
    chromium_path: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[str]:
    """A seeded demo store and ``streamlit run app.py`` on a free loopback port; yields its URL.

    When any test of the session failed, the server log is copied to ``test-artifacts/``.
    """
    workdir = tmp_path_factory.mktemp("e2e")
    env = {**os.environ, "THIDUA_DB": str(workdir / "e2e.sqlite"), "THIDUA_TODAY": DEMO_TODAY}
    env.pop("THIDUA_BACKEND", None)
    seed = subprocess.run(
        [sys.executable, "cli.py", "seed-demo", "--if-empty"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if seed.returncode != 0:
        pytest.fail(f"seed-demo failed ({seed.returncode}):\n{seed.stdout}\n{seed.stderr}")

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = workdir / "streamlit.log"
    command = streamlit_command(port)
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while not _healthy(f"{url}/_stcore/health"):
                if proc.poll() is not None or time.monotonic() > deadline:
                    _stop(proc)
                    why = f"exited with {proc.returncode}" if proc.returncode else "did not answer"
                    log.flush()
                    text = log_path.read_text(encoding="utf-8", errors="replace")
                    pytest.fail(f"streamlit {why} within {STARTUP_SECONDS:.0f} s on {url}; log:\n{text}")
                time.sleep(0.25)
            yield url
        finally:
            _stop(proc)
    if request.session.testsfailed:
        ARTIFACTS.mkdir(exist_ok=True)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        (ARTIFACTS / f"streamlit-{worker}.log").write_bytes(log_path.read_bytes())


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright, chromium_path: Path) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield browser
    finally:
        browser.close()


def _artifact_stem(nodeid: str, index: int) -> str:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::", 1)[-1]).strip("_")
    return name if index == 0 else f"{name}-{index + 1}"


@pytest.fixture
def open_page(browser: Browser, base_url: str, request: pytest.FixtureRequest) -> Iterator[OpenPage]:
    """Open a new page in a fresh browser context (a separate Streamlit session) at the app's URL.

    When the test fails, every page it opened is saved under ``test-artifacts/``: a screenshot and
    the page's accessibility tree (which shows any error message in full).
    """
    expect.set_options(timeout=DEFAULT_TIMEOUT_MS)
    pages: list[Page] = []

    def open_() -> Page:
        context = browser.new_context(viewport=VIEWPORT, locale="vi-VN", base_url=base_url)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        page = context.new_page()
        watch_runs(page)
        pages.append(page)
        page.goto("/")
        return page

    yield open_

    reports = request.node.stash.get(_REPORTS, {})
    failed = any(r.failed for r in reports.values())
    for index, page in enumerate(pages):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            stem = _artifact_stem(request.node.nodeid, index)
            try:
                page.screenshot(path=ARTIFACTS / f"{stem}.png")
                aria = page.locator("body").aria_snapshot()
                (ARTIFACTS / f"{stem}.aria.yaml").write_text(f"# {page.url}\n{aria}\n", encoding="utf-8")
            except Exception as exc:  # a broken page must not hide the test's own failure
                print(f"could not save a screenshot: {exc}", file=sys.stderr)
        page.context.close()


@pytest.fixture
def page(open_page: OpenPage) -> Page:
    """The app in a fresh browser session, at the sign-in page."""
    return open_page()

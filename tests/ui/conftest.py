"""AppTest helpers: the real ``app.py`` over a private copy of the demo store (see tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from ui_helpers import OpenApp, assert_clean

from core.model import Actor

APP = Path(__file__).resolve().parents[2] / "app.py"
#: Generous: the first run in a worker imports pandas, pandera, altair and reads the demo store.
TIMEOUT = 30.0


def _opener(db: Path, monkeypatch: pytest.MonkeyPatch) -> OpenApp:
    monkeypatch.setenv("THIDUA_DB", str(db))
    monkeypatch.setenv("THIDUA_TODAY", "2024-12-05")
    monkeypatch.delenv("THIDUA_BACKEND", raising=False)

    def open_(actor: Actor | None = None, page: str | None = None) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        if actor is not None:
            at.session_state["actor"] = actor
        at.run()
        if page is not None:
            at.switch_page(f"app_pages/{page}.py").run()
        assert_clean(at)
        return at

    return open_


@pytest.fixture
def open_app(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> OpenApp:
    """Open the app (optionally signed in as ``actor``, optionally on ``page``) over this test's own store."""
    return _opener(demo_db, monkeypatch)


@pytest.fixture(scope="session")
def shared_demo_db(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the demo per worker for tests that only look: they share the app's cached services."""
    dest = tmp_path_factory.mktemp("ui-shared") / "thidua.sqlite"
    shutil.copy(demo_db_template, dest)
    return dest


@pytest.fixture
def view_app(shared_demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> OpenApp:
    """Like ``open_app`` over the shared store: only for tests that never write."""
    return _opener(shared_demo_db, monkeypatch)

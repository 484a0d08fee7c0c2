"""Admin tests: the real ``app.py`` (AppTest) over this test's own copy of the demo store."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.model import Actor
from tests.ui.ui_helpers import OpenApp, assert_clean

APP = Path(__file__).resolve().parents[2] / "app.py"


@pytest.fixture
def open_app(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> OpenApp:
    """Open the app signed in as ``actor`` on ``page`` (a file under app_pages/)."""
    monkeypatch.setenv("THIDUA_DB", str(demo_db))
    monkeypatch.setenv("THIDUA_TODAY", "2024-12-05")
    monkeypatch.delenv("THIDUA_BACKEND", raising=False)

    def open_(actor: Actor, page: str) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=30.0)
        at.session_state["actor"] = actor
        at.run()
        at.switch_page(f"app_pages/{page}.py").run()
        assert_clean(at)
        return at

    return open_

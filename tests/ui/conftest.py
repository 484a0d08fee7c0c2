"""AppTest helpers: the real ``app.py`` over a private copy of the demo store (see tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from ui_helpers import OpenApp, assert_clean

from core.model import Actor

APP = Path(__file__).resolve().parents[2] / "app.py"
#: Generous: the first run in a worker imports pandas, pandera, altair and reads the demo store.
TIMEOUT = 30.0


@pytest.fixture
def open_app(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenApp]:
    """Open the app (optionally signed in as ``actor``, optionally on ``page``) over this test's store."""
    monkeypatch.setenv("THIDUA_DB", str(demo_db))
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

    yield open_

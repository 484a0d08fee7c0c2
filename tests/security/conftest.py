"""Fixtures for the security suite: the app under AppTest with or without an ``[auth]`` section,
and services with the read cache on (helpers live in security_helpers.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from security_helpers import AUTH_SECRETS, OpenSecureApp
from streamlit.testing.v1 import AppTest

from core.clock import FixedClock
from core.model import Actor
from services.services import Services
from storage.sqlite import SqliteWorkbook
from workflows.loader import load_campaigns

APP = Path(__file__).resolve().parents[2] / "app.py"
TIMEOUT = 30.0


@pytest.fixture
def services(demo_db: Path, clock: FixedClock) -> Services:
    """Services over this test's copy of the demo, with the read cache on (as in the app): the
    services invalidate what they write; a test that writes to the store directly calls
    ``services.invalidate()``. Much faster than re-reading every tab on every call."""
    store = SqliteWorkbook(demo_db, clock=lambda: clock.now().isoformat(timespec="seconds"))
    return Services(store, load_campaigns(), clock, cache_seconds=600.0)


@pytest.fixture
def open_app(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> OpenSecureApp:
    monkeypatch.setenv("THIDUA_DB", str(demo_db))
    monkeypatch.setenv("THIDUA_TODAY", "2024-12-05")
    monkeypatch.delenv("THIDUA_BACKEND", raising=False)

    def open_(
        actor: Actor | None = None,
        *,
        identity: dict[str, Any] | None = None,
        auth: bool = False,
        page: str | None = None,
    ) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        if auth or identity is not None:
            at.secrets["auth"] = dict(AUTH_SECRETS)
            at.user = identity if identity is not None else {"is_logged_in": False}
        if actor is not None:
            at.session_state["actor"] = actor
        at.run()
        if page is not None:
            at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_

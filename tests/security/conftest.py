"""Fixtures for the security suite: the app under AppTest with or without an ``[auth]`` section,
and a snapshot of the whole store to prove that a refused attempt wrote nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from core.clock import FixedClock
from core.model import Actor
from core.services import Services
from schemas.registry import headers
from storage.sqlite import SqliteWorkbook
from workflows.loader import load_campaigns

APP = Path(__file__).resolve().parents[2] / "app.py"
TIMEOUT = 30.0
#: An ``[auth]`` section with placeholders only: AppTest never calls the provider.
AUTH_SECRETS: dict[str, Any] = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret-not-a-real-one-0123456789",
    "client_id": "test-client",
    "client_secret": "test-client-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}

#: ``open_app(actor=None, *, identity=None, auth=False, page=None)`` -> AppTest after its first run.
OpenSecureApp = Callable[..., AppTest]


def logged_in(email: str, **claims: Any) -> dict[str, Any]:
    """What ``st.user`` holds after the provider signed ``email`` in (Google sends email_verified)."""
    return {"is_logged_in": True, "email": email, "email_verified": True, "sub": "sub-" + email, **claims}


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


def snapshot(db: Path) -> dict[str, list[tuple[str, int]]]:
    """Every tab's (id, version) pairs, read straight from the file: equal snapshots mean nothing
    was written (no row added, none changed, none removed)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tabs = [
            tab
            for tab in headers()
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (tab,)).fetchone()
        ]
        return {tab: sorted(conn.execute(f'SELECT id, version FROM "{tab}"').fetchall()) for tab in tabs}
    finally:
        conn.close()

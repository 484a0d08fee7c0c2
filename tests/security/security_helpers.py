"""Helpers of the security suite (imported by name: tests/security is on sys.path under pytest;
never import them from ``conftest``, whose module name other test folders share)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from schemas.registry import headers

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")

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


def unescape(markdown: str) -> str:
    """Text as a reader sees it (the pages escape Markdown in user-visible values)."""
    return _ESCAPED.sub(r"\1", markdown)


def logged_in(email: str, **claims: Any) -> dict[str, Any]:
    """What ``st.user`` holds after the provider signed ``email`` in (Google sends email_verified)."""
    return {"is_logged_in": True, "email": email, "email_verified": True, "sub": "sub-" + email, **claims}


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

"""Sign-in and store connections that cannot be reached (issue 23): the app's own Vietnamese message
and a way back, never Streamlit's bare English "Authentication error" nor its raw error page."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from security_helpers import OpenSecureApp, snapshot, unescape
from streamlit.testing.v1 import AppTest

import bootstrap
from i18n import t
from services.sign_in_check import provider_problem

APP = Path(__file__).resolve().parents[2] / "app.py"
CLOSED = "http://127.0.0.1:9"  # the discard port: nothing listens there


@contextmanager
def serving(document: dict[str, Any], status: int = 200) -> Iterator[str]:
    """A tiny HTTP server answering every GET and POST with ``document`` as JSON; yields its URL."""

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            body = json.dumps(document).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------------------------- the identity provider


def test_the_check_tells_a_reachable_provider_from_an_unreachable_one() -> None:
    with serving({}) as base:
        doc = {"authorization_endpoint": f"{base}/authorize", "token_endpoint": f"{base}/token"}
        with serving(doc) as provider:
            assert (
                provider_problem({"server_metadata_url": f"{provider}/.well-known/openid-configuration"})
                is None
            )
            # the same check through a named provider section ([auth.google])
            nested = {"google": {"server_metadata_url": f"{provider}/.well-known/openid-configuration"}}
            assert provider_problem(nested) is None
    down = provider_problem({"server_metadata_url": f"{CLOSED}/.well-known/openid-configuration"})
    assert down is not None and "discovery" in down
    with serving({"authorization_endpoint": "x", "token_endpoint": f"{CLOSED}/token"}) as half:
        problem = provider_problem({"server_metadata_url": f"{half}/.well-known/openid-configuration"})
        assert problem is not None and "token endpoint" in problem


def test_an_unreachable_provider_gets_our_message_and_the_button_stays(
    open_app: OpenSecureApp, demo_db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    before = snapshot(demo_db)
    at = open_app(auth=True)  # [auth] points at 127.0.0.1:9, where nothing answers
    with caplog.at_level(logging.WARNING, logger="thidua.sign_in"):
        at.button(key="sign_in_oidc").click().run()
    assert not at.exception
    assert [unescape(str(e.value)) for e in at.error] == [t("security.sign_in.provider_unreachable")]
    assert "Authentication error" not in " ".join(str(e.value) for e in at.error)
    assert at.user.get("is_logged_in") is False  # not sent away to Streamlit's error page
    assert [b.key for b in at.button if b.key == "sign_in_oidc"] == ["sign_in_oidc"]  # the way back
    assert "identity provider unreachable" in caplog.text and "test-client-secret" not in caplog.text
    at.button(key="sign_in_oidc").click().run()  # trying again: the same message, nothing else
    assert len(at.error) == 1 and not at.exception
    assert snapshot(demo_db) == before
    # in English too
    at.session_state["lang"] = "en"
    at.run()
    assert t("security.sign_in.provider_unreachable", "en") in [unescape(str(e.value)) for e in at.error]


# ---------------------------------------------------------------------------------- Google's token server


def service_account(token_uri: str) -> dict[str, str]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    pem = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        .decode()
    )
    return {
        "type": "service_account",
        "project_id": "thidua-test",
        "private_key_id": "abc",
        "private_key": pem,
        "client_email": "thidua@thidua-test.iam.gserviceaccount.com",
        "token_uri": token_uri,
    }


KEY = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcdefgh"


def test_the_app_says_googles_token_server_is_unreachable_and_offers_to_try_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    account = service_account(f"{CLOSED}/token")
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    lines = ["[storage]", 'backend = "gsheets"', f'spreadsheet = "{KEY}"', "max_attempts = 2",
             "backoff_seconds = 0", "", "[connections.gsheets]"]  # fmt: skip
    lines += [f"{k} = {json.dumps(v)}" for k, v in account.items()]
    secrets.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(bootstrap, "ROOT", tmp_path)  # bootstrap reads <ROOT>/.streamlit/secrets.toml
    for name in ("THIDUA_BACKEND", "THIDUA_DB"):
        monkeypatch.delenv(name, raising=False)
    assert bootstrap.load_settings().backend == "gsheets"

    at = AppTest.from_file(str(APP), default_timeout=60.0)
    with caplog.at_level(logging.WARNING):
        at.run()
    assert not at.exception, [e.value for e in at.exception]  # no raw error page
    shown = [unescape(str(e.value)) for e in at.error]
    assert shown == [t("gsheets.token_unreachable", attempts=2, detail="TransportError")]
    assert "máy chủ cấp mã truy cập" in shown[0]
    retry = at.button(key="app_retry")
    assert retry.label == t("app.retry")
    retry.click().run()  # still unreachable: the same message again, never a traceback
    assert not at.exception and len(at.error) == 1
    assert account["private_key"].splitlines()[1] not in caplog.text  # no key material in the log


def test_a_key_googles_token_server_refuses_is_named_for_the_administrator() -> None:
    from core.errors import StorageUnavailable
    from schemas.registry import headers
    from storage.gsheets import GoogleSheetsWorkbook

    refusal = {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
    with serving(refusal, status=400) as token:
        wb = GoogleSheetsWorkbook(
            KEY, credentials=service_account(f"{token}/token"), max_attempts=2, sleep=lambda _: None
        )
        with pytest.raises(StorageUnavailable) as caught:
            wb.ensure_tabs(headers())
    assert caught.value.code == "gsheets.token_refused"
    assert "thidua@thidua-test.iam.gserviceaccount.com" in caught.value.message("vi")
    wb = GoogleSheetsWorkbook(
        KEY, credentials=service_account(f"{CLOSED}/token"), max_attempts=2, sleep=lambda _: None
    )
    with pytest.raises(StorageUnavailable) as caught:
        wb.ensure_tabs(headers())
    assert caught.value.code == "gsheets.token_unreachable" and "2" in caught.value.message("en")

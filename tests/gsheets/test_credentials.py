"""Production wiring: settings from secrets.toml -> a service-account client; secrets never shown."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

import bootstrap
from core.errors import StorageUnavailable
from storage import open_workbook
from storage.gsheets import SCOPES, GoogleSheetsWorkbook, spreadsheet_key

EXAMPLE = Path(__file__).resolve().parents[2] / ".streamlit" / "secrets.example.toml"
KEY = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcdefgh"


def test_the_example_secrets_select_the_google_backend() -> None:
    settings = bootstrap.load_settings(env={}, secrets_path=EXAMPLE)
    assert settings.backend == "gsheets"
    assert settings.backend_options["spreadsheet"]
    assert settings.backend_options["credentials"]["type"] == "service_account"


def test_placeholder_credentials_fail_with_a_clear_message_and_no_key_material(
    caplog: pytest.LogCaptureFixture,
) -> None:
    options = dict(bootstrap.load_settings(env={}, secrets_path=EXAMPLE).backend_options)
    with caplog.at_level(logging.DEBUG), pytest.raises(StorageUnavailable) as caught:
        open_workbook("gsheets", **options)
    text = caught.value.message("vi")
    assert "[connections.gsheets]" in text
    assert "PASTE-THE-KEY-HERE" not in text + caplog.text
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_missing_fields_are_named() -> None:
    with pytest.raises(StorageUnavailable) as caught:
        GoogleSheetsWorkbook(KEY, credentials={"type": "service_account", "project_id": "p"})
    assert "private_key" in caught.value.message("vi") and "client_email" in caught.value.message("vi")


def test_a_real_looking_service_account_builds_a_client_with_sheets_and_drive_scopes() -> None:
    pem = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        .decode()
    )
    info = {
        "type": "service_account",
        "project_id": "thidua-test",
        "private_key_id": "abc",
        "private_key": pem,
        "client_email": "thidua@thidua-test.iam.gserviceaccount.com",
        "token_uri": "https://oauth2.googleapis.com/token",
    }
    wb = GoogleSheetsWorkbook(f"https://docs.google.com/spreadsheets/d/{KEY}/edit#gid=0", credentials=info)
    assert wb.key == KEY
    assert tuple(wb.client.http_client.auth.scopes) == SCOPES
    assert wb.client.http_client.timeout == (10.0, 60.0)
    assert pem not in repr(wb)
    wb.close()


@pytest.mark.parametrize(
    ("given", "key"),
    [(KEY, KEY), (f"https://docs.google.com/spreadsheets/d/{KEY}/edit?usp=sharing", KEY), (f"  {KEY} ", KEY)],
)
def test_spreadsheet_key_accepts_a_key_or_an_address(given: str, key: str) -> None:
    assert spreadsheet_key(given) == key


def test_a_bad_spreadsheet_address_is_refused() -> None:
    with pytest.raises(ValueError, match="spreadsheet"):
        spreadsheet_key("https://example.com/not-a-sheet")

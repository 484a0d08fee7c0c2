"""Production wiring: settings from secrets.toml -> a service-account client; secrets never shown."""

from __future__ import annotations

import json
import logging
import tomllib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

import bootstrap
from core.errors import StorageUnavailable
from storage import open_workbook
from storage.gsheets import SCOPES, GoogleSheetsWorkbook, spreadsheet_key
from storage.gsheets.credentials import user_credentials_toml

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


def private_key() -> str:
    return (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        .decode()
    )


def test_a_real_looking_service_account_builds_a_client_with_the_least_scopes() -> None:
    pem = private_key()
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
    # the sheet, and Drive's file metadata read-only (the file's version): no Drive write, no other file
    assert SCOPES == (
        "https://www.googleapis.com/auth/spreadsheets",
        "https://www.googleapis.com/auth/drive.metadata.readonly",
    )
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


def test_a_key_file_path_works_as_well_as_inline_fields(tmp_path: Path) -> None:
    info = {
        "type": "service_account",
        "project_id": "thidua-test",
        "private_key_id": "abc",
        "private_key": private_key(),
        "client_email": "thidua@thidua-test.iam.gserviceaccount.com",
        "token_uri": "https://oauth2.googleapis.com/token",
    }
    path = tmp_path / "key.json"
    path.write_text(json.dumps(info), encoding="utf-8")
    wb = GoogleSheetsWorkbook(KEY, credentials={"key_file": str(path)})
    assert wb.client.http_client.auth.service_account_email == info["client_email"]
    with pytest.raises(StorageUnavailable) as caught:
        GoogleSheetsWorkbook(KEY, credentials={"key_file": str(tmp_path / "missing.json")})
    assert "missing.json" in caught.value.message("vi")


def test_oauth_user_credentials_for_a_federation_without_a_cloud_admin() -> None:
    creds = {
        "type": "authorized_user",
        "client_id": "cid.apps.googleusercontent.com",
        "client_secret": "s",
        "refresh_token": "r",
    }
    wb = GoogleSheetsWorkbook(KEY, credentials=creds)
    auth = wb.client.http_client.auth
    assert type(auth).__module__ == "google.oauth2.credentials"
    assert tuple(auth.scopes) == SCOPES and auth.refresh_token == "r"
    with pytest.raises(StorageUnavailable) as caught:
        GoogleSheetsWorkbook(KEY, credentials={"type": "authorized_user", "client_id": "cid"})
    assert "refresh_token" in caught.value.message("vi") and "gsheets-login" in caught.value.message("vi")
    block = user_credentials_toml("cid", "s", "r")
    assert tomllib.loads(block)["connections"]["gsheets"]["type"] == "authorized_user"


def test_application_default_credentials_when_no_account_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No [connections.gsheets]: the server's own identity (GOOGLE_APPLICATION_CREDENTIALS here; on
    Cloud Run the attached service account), and a clear message when there is none."""
    path = tmp_path / "adc.json"
    path.write_text(
        json.dumps({"type": "authorized_user", "client_id": "c", "client_secret": "s", "refresh_token": "r"}),
        encoding="utf-8",
    )
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(path))
    wb = GoogleSheetsWorkbook(KEY, credentials={})
    assert wb.client.http_client.auth.refresh_token == "r"  # the identity ADC found
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(tmp_path / "nothing-here.json"))
    with pytest.raises(StorageUnavailable) as caught:
        GoogleSheetsWorkbook(KEY, credentials={"type": "default"})
    assert "application-default" in caught.value.message("vi")


def test_impersonation_acts_as_the_named_service_account() -> None:
    creds = {
        "type": "authorized_user",
        "client_id": "c",
        "client_secret": "s",
        "refresh_token": "r",
        "impersonate": "thidua@thidua-test.iam.gserviceaccount.com",
    }
    wb = GoogleSheetsWorkbook(KEY, credentials=creds)
    auth = wb.client.http_client.auth
    assert type(auth).__module__ == "google.auth.impersonated_credentials"
    assert auth.service_account_email == "thidua@thidua-test.iam.gserviceaccount.com"


def test_the_spreadsheet_may_come_from_the_connection_section_and_its_absence_is_explained(
    tmp_path: Path,
) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f'[storage]\nbackend = "gsheets"\n[connections.gsheets]\nspreadsheet = "{KEY}"\ntype = "default"\n',
        encoding="utf-8",
    )
    assert bootstrap.load_settings(env={}, secrets_path=secrets).backend_options["spreadsheet"] == KEY
    with pytest.raises(StorageUnavailable) as caught:
        GoogleSheetsWorkbook("", credentials={})
    assert "[storage]" in caught.value.message("vi") and "spreadsheet" in caught.value.message("en")

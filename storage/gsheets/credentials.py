"""Credentials and the spreadsheet key: what the adapter connects with, with the least scopes.

Three ways to sign in (docs/google-sheets.md, *Credentials*), chosen by ``type`` in
``[connections.gsheets]``:

* ``service_account``: the fields of a service account's JSON key, inline (the
  st-gsheets-connection convention) or as ``key_file = "path/to/key.json"``;
* ``authorized_user``: OAuth user credentials (``client_id``, ``client_secret``,
  ``refresh_token``) for a small federation without a Cloud admin to create service accounts:
  ``python cli.py gsheets-login`` prints them once a person has signed in;
* ``default`` (or no ``[connections.gsheets]`` at all): application-default credentials (the
  server's attached service account on Cloud Run or Compute Engine, ``gcloud auth
  application-default login``, ``GOOGLE_APPLICATION_CREDENTIALS``, workload identity federation).

Any of them may add ``impersonate = "account@project.iam.gserviceaccount.com"``: the app then acts
as that service account (no key file anywhere), given the "Service Account Token Creator" role.

Scopes: the spreadsheet itself, and Drive's file metadata read-only (the file's ``version``, the
one small call of a page view when nothing changed). No Drive write, no access to other files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import gspread

from core.errors import StorageUnavailable

#: What the app asks for: the spreadsheet, and Drive file metadata read-only (the file's version).
SCOPES: tuple[str, ...] = (
    "https://www.googleapis.com/auth/spreadsheets",
    "https://www.googleapis.com/auth/drive.metadata.readonly",
)
#: The intake spreadsheets (``cli.py provision-intake``, ``cli.py sync``): Sheets, and Drive for the
#: files the app itself created only (create them, share them, list those changed).
INTAKE_SCOPES: tuple[str, ...] = (
    "https://www.googleapis.com/auth/spreadsheets",
    "https://www.googleapis.com/auth/drive.file",
)
_SERVICE_ACCOUNT_FIELDS = ("type", "project_id", "private_key", "client_email", "token_uri")
_USER_FIELDS = ("client_id", "client_secret", "refresh_token")
#: Keys of ``[connections.gsheets]`` that are settings, not credentials.
_SETTINGS = ("spreadsheet", "worksheet", "type_", "impersonate", "key_file")


def spreadsheet_key(url_or_key: str) -> str:
    """The spreadsheet key from a key or a ``https://docs.google.com/spreadsheets/d/<key>/...`` URL."""
    text = url_or_key.strip()
    found = re.search(r"/spreadsheets/d/([a-zA-Z0-9_-]+)", text)
    if found:
        return found.group(1)
    if not text:
        raise StorageUnavailable("gsheets.no_spreadsheet")
    if "/" in text:
        raise ValueError(f"not a spreadsheet key or URL: {url_or_key!r}")
    return text


def client_from(
    credentials: Mapping[str, Any], scopes: tuple[str, ...] = SCOPES
) -> tuple[gspread.Client, str]:
    """A gspread client for ``credentials`` (see the module's text) and the account it acts as."""
    info = {k: v for k, v in credentials.items() if k not in _SETTINGS}
    kind = str(info.get("type") or ("service_account" if credentials.get("key_file") else "default"))
    if credentials.get("key_file"):
        info = _key_file(str(credentials["key_file"]))
        kind = str(info.get("type", "service_account"))
    if kind == "service_account":
        creds, account = _service_account(info, scopes)
    elif kind == "authorized_user":
        creds, account = _user(info, scopes)
    elif kind == "default":
        creds, account = _default(scopes)
    else:
        raise StorageUnavailable("gsheets.bad_credentials", fields=f"type = {kind!r}")
    target = str(credentials.get("impersonate") or "")
    if target:
        from google.auth import impersonated_credentials

        creds = impersonated_credentials.Credentials(
            source_credentials=creds, target_principal=target, target_scopes=list(scopes)
        )
        account = target
    return gspread.Client(auth=creds), account


def _key_file(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).expanduser().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise StorageUnavailable("gsheets.key_file", path=path) from None
    if not isinstance(data, dict):
        raise StorageUnavailable("gsheets.key_file", path=path)
    return data


def _service_account(info: Mapping[str, Any], scopes: tuple[str, ...] = SCOPES) -> tuple[Any, str]:
    from google.oauth2.service_account import Credentials

    missing = [f for f in _SERVICE_ACCOUNT_FIELDS if not info.get(f)]
    if missing:
        raise StorageUnavailable("gsheets.bad_credentials", fields=", ".join(missing))
    try:
        creds = Credentials.from_service_account_info(dict(info), scopes=list(scopes))
    except (ValueError, KeyError, TypeError):
        # ``from None``: the cause may quote the key material, which must never reach a log.
        raise StorageUnavailable("gsheets.bad_credentials", fields="private_key") from None
    return creds, str(info.get("client_email", ""))


def _user(info: Mapping[str, Any], scopes: tuple[str, ...] = SCOPES) -> tuple[Any, str]:
    from google.oauth2.credentials import Credentials

    missing = [f for f in _USER_FIELDS if not info.get(f)]
    if missing:
        raise StorageUnavailable("gsheets.bad_user_credentials", fields=", ".join(missing))
    fields = {k: v for k, v in info.items() if k in (*_USER_FIELDS, "token_uri", "quota_project_id")}
    try:
        creds = Credentials.from_authorized_user_info(fields, scopes=list(scopes))
    except (ValueError, KeyError, TypeError):
        raise StorageUnavailable("gsheets.bad_user_credentials", fields="refresh_token") from None
    return creds, str(info.get("account", "")) or "OAuth"


def _default(scopes: tuple[str, ...] = SCOPES) -> tuple[Any, str]:
    import google.auth
    from google.auth.exceptions import DefaultCredentialsError

    try:
        creds, _project = google.auth.default(scopes=list(scopes))
    except DefaultCredentialsError:
        raise StorageUnavailable("gsheets.no_default_credentials") from None
    return creds, str(getattr(creds, "service_account_email", "") or "")


def user_credentials_toml(client_id: str, client_secret: str, refresh_token: str, account: str = "") -> str:
    """The ``[connections.gsheets]`` block for OAuth user credentials (what ``cli.py gsheets-login``
    prints), ready to paste into ``.streamlit/secrets.toml``."""
    lines = [
        "[connections.gsheets]",
        'type = "authorized_user"',
        f"client_id = {json.dumps(client_id)}",
        f"client_secret = {json.dumps(client_secret)}",
        f"refresh_token = {json.dumps(refresh_token)}",
    ]
    if account:
        lines.append(f"account = {json.dumps(account)}")
    return "\n".join(lines) + "\n"

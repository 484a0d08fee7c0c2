"""Credentials and the spreadsheet key: what the adapter connects with."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import gspread

from core.errors import StorageUnavailable

#: What the service account needs: the sheet itself, and Drive to open it by key.
SCOPES: tuple[str, ...] = (
    "https://www.googleapis.com/auth/spreadsheets",
    "https://www.googleapis.com/auth/drive",
)
_SERVICE_ACCOUNT_FIELDS = ("type", "project_id", "private_key", "client_email", "token_uri")


def spreadsheet_key(url_or_key: str) -> str:
    """The spreadsheet key from a key or a ``https://docs.google.com/spreadsheets/d/<key>/...`` URL."""
    text = url_or_key.strip()
    found = re.search(r"/spreadsheets/d/([a-zA-Z0-9_-]+)", text)
    if found:
        return found.group(1)
    if not text or "/" in text:
        raise ValueError(f"not a spreadsheet key or URL: {url_or_key!r}")
    return text


def client_from(credentials: Mapping[str, Any]) -> tuple[gspread.Client, str]:
    """A gspread client for a service account given as the fields of its JSON key file, and the
    account's e-mail address."""
    from google.oauth2.service_account import Credentials

    info = {k: v for k, v in credentials.items() if k not in ("spreadsheet", "worksheet", "type_")}
    missing = [f for f in _SERVICE_ACCOUNT_FIELDS if not info.get(f)]
    if missing:
        raise StorageUnavailable("gsheets.bad_credentials", fields=", ".join(missing))
    account = str(info.get("client_email", ""))
    try:
        creds = Credentials.from_service_account_info(info, scopes=list(SCOPES))
    except (ValueError, KeyError, TypeError):
        # ``from None``: the cause may quote the key material, which must never reach a log.
        raise StorageUnavailable("gsheets.bad_credentials", fields="private_key") from None
    return gspread.Client(auth=creds), account

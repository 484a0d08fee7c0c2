"""Vietnamese-first message catalogs with English beside every string.

Each ``i18n/msg_*.py`` module holds ``MESSAGES: dict[key, {"vi": ..., "en": ...}]``. Keys are
dotted (``error.stale_row``, ``page.review.title``). A test checks that every key has both
languages and the same placeholders in each.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from core import errors as _errors
from i18n import (
    msg_a11y,
    msg_approvals,
    msg_awards,
    msg_contest,
    msg_core,
    msg_council,
    msg_dashboard,
    msg_dossier,
    msg_exports,
    msg_fields,
    msg_gsheets,
    msg_hardening,
    msg_intake,
    msg_newcomer,
    msg_officer_excel,
    msg_postgres,
    msg_rules,
    msg_rules2026,
    msg_security,
    msg_sheet_intake,
    msg_tables,
    msg_ui,
)

LANGS: tuple[str, ...] = ("vi", "en")
DEFAULT_LANG = "vi"

MESSAGES: dict[str, Mapping[str, str]] = {}
for _module in (
    msg_core,
    msg_rules,
    msg_ui,
    msg_intake,
    msg_exports,
    msg_gsheets,
    msg_postgres,
    msg_security,
    msg_approvals,
    msg_dashboard,
    msg_awards,
    msg_dossier,
    msg_a11y,
    msg_tables,
    msg_officer_excel,
    msg_newcomer,
    msg_fields,
    msg_contest,
    msg_rules2026,
    msg_hardening,
    msg_council,
    msg_sheet_intake,
):
    for _key, _val in _module.MESSAGES.items():
        if _key in MESSAGES:
            raise RuntimeError(f"duplicate i18n key {_key!r} in {_module.__name__}")
        MESSAGES[_key] = _val


class _Lenient(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(key: str, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """Translate ``key`` into ``lang`` (falls back to Vietnamese, then to the key itself)."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANG]
    resolved = {k: label(v, lang) if isinstance(v, Mapping) else v for k, v in params.items()}
    return string.Formatter().vformat(text, (), _Lenient(resolved))


def has(key: str) -> bool:
    """Whether ``key`` is in the catalog."""
    return key in MESSAGES


def label(value: Mapping[str, str] | str, lang: str = DEFAULT_LANG) -> str:
    """Pick ``lang`` from a ``{"vi": ..., "en": ...}`` mapping as found in campaign YAML."""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get(DEFAULT_LANG) or next(iter(value.values()), "")


_errors.use_catalogue(t)  # the kernel's errors render through this catalogue

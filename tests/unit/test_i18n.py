"""Every message exists in Vietnamese and English with the same placeholders."""

from __future__ import annotations

import string

import pytest

import i18n
from core.model import ROLES


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", sorted(i18n.MESSAGES))
def test_both_languages_with_same_placeholders(key: str) -> None:
    entry = i18n.MESSAGES[key]
    assert entry.get("vi") and entry.get("en"), key
    assert _fields(entry["vi"]) == _fields(entry["en"]), key


def test_vietnamese_is_vietnamese() -> None:
    """Catch English pasted into the vi column: most vi messages carry Vietnamese letters."""
    viet = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
    entries = [e["vi"] for e in i18n.MESSAGES.values() if len(e["vi"]) > 25]
    with_viet = [e for e in entries if set(e.casefold()) & viet]
    assert len(with_viet) >= 0.9 * len(entries)


def test_every_role_has_a_label() -> None:
    for role in ROLES:
        assert i18n.has(f"role.{role}"), role


def test_missing_placeholder_does_not_crash() -> None:
    assert "{ids}" in i18n.t("error.stale_row", "vi")
    assert i18n.t("no.such.key") == "no.such.key"

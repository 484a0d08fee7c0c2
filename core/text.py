"""Text helpers for Vietnamese data (DOMAIN.md §8): NFC cleaning and matching keys."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u2060"), None)
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
#: The five Vietnamese tone marks (grave, acute, tilde, hook above, dot below).
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_ALL_MARKS_TO_DROP = None


def clean(value: object) -> str:
    """NFC-normalise, drop zero-width characters and BOM, collapse and strip whitespace."""
    if value is None:
        return ""
    s = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    return _SPACES.sub(" ", s).strip()


def match_key(value: object) -> str:
    """Matching key insensitive to tone placement, NFD/NFC and case ("Thuỷ" == "Thủy").

    Drops only the five tone marks and keeps vowel shapes (â ă ê ô ơ ư) and đ.
    """
    s = unicodedata.normalize("NFD", clean(value))
    s = "".join(ch for ch in s if ch not in _TONES)
    return unicodedata.normalize("NFC", s).casefold()


def fold(value: object) -> str:
    """Search key with every diacritic removed: "Nguyễn Văn" -> "nguyen van" (đ -> d)."""
    s = unicodedata.normalize("NFD", clean(value))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.replace("đ", "d").replace("Đ", "D").casefold()

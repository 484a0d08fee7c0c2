"""Coded columns in people's words: "Cá nhân", "lao dong tien tien" or "LĐTT" for a code.

Codes (``CA_NHAN``, ``LDTT``, ``CSTD_CS``) stay inside the store; people read and type labels.
:func:`choices_for` gives, for one enumerated column (or the award column), every code with its
label in each language and a lookup from anything people write for it to the code: the code
itself, its labels in Vietnamese and English, and the initials of the Vietnamese label ("LĐTT",
"CSTĐCS"), each compared without diacritics, case, spaces or punctuation. A spelling that two
codes share is dropped from the lookup: only unambiguous words count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from core.text import fold
from i18n import t

#: Short forms officers write that initials alone do not give (each is checked for ambiguity too).
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "CSTD_CS": ("CSTĐ cơ sở", "CSTĐ CS", "Chiến sĩ thi đua CS"),
    "CSTD_BNT": ("CSTĐ cấp Tổng Liên đoàn", "CSTĐ TLĐ", "CSTĐ cấp bộ, ngành"),
    "CSTD_TQ": ("CSTĐ toàn quốc",),
    "U_BK_LDLD": ("Bằng khen LĐLĐ", "Bằng khen LĐLĐ Thành phố", "BK LĐLĐ", "BK LĐLĐ TP"),
    "U_BK_TLD": ("Bằng khen Tổng Liên đoàn", "Bằng khen TLĐ", "BK TLĐ"),
    "U_CO_LDLD": ("Cờ thi đua LĐLĐ", "Cờ thi đua xuất sắc LĐLĐ", "Cờ LĐLĐ"),
    "U_CO_TLD": ("Cờ thi đua Tổng Liên đoàn", "Cờ thi đua TLĐ", "Cờ TLĐ"),
    "U_GK_CTTCS": ("Giấy khen Công đoàn cấp trên", "Giấy khen CĐ cấp trên", "GK CĐ cấp trên"),
    "U_GK_CDCS": ("Giấy khen Công đoàn cơ sở", "Giấy khen CĐCS", "GK CĐCS"),
    "BK_TTG": ("Bằng khen Thủ tướng", "BK TTg", "BK Thủ tướng"),
    "CA_NHAN": ("CN",),
    "TAP_THE": ("TT",),
}

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_WORD = re.compile(r"[^\W_]+")


def choice_key(value: object) -> str:
    """What two spellings of one choice share: no diacritics (đ → d), no case, no spaces or
    punctuation. "Lao động tiên tiến", "LAO DONG TIEN TIEN" and "lao-dong tien.tien" agree."""
    return _NOT_ALNUM.sub("", fold(value))


def initials(label: str) -> str:
    """ "Lao động tiên tiến" → "LĐTT" (the first letter of each word, upper case)."""
    return "".join(w[0] for w in _WORD.findall(label)).upper()


@dataclass(frozen=True)
class Choices:
    """The codes of one column, a label for each in each language, and what people may type."""

    codes: tuple[str, ...]
    labels: Mapping[str, Mapping[str, str]]  # code -> lang -> label
    lookup: Mapping[str, str]  # choice_key -> code

    def label(self, code: str, lang: str = "vi") -> str:
        """The label people read for ``code`` (the code itself when it has none)."""
        return self.labels.get(code, {}).get(lang) or str(code)

    def resolve(self, value: str) -> str | None:
        """The code ``value`` stands for (a code, a label or an unambiguous short form), else None."""
        if value in self.labels:
            return value
        return self.lookup.get(choice_key(value))

    def listing(self, codes: Iterable[str] | None = None, lang: str = "vi") -> str:
        """ "Cá nhân, Tập thể": the labels of ``codes`` (all by default) for a message."""
        return ", ".join(self.label(c, lang) for c in (self.codes if codes is None else codes))


def build(codes: Iterable[str], labels: Mapping[str, Mapping[str, str]]) -> Choices:
    """Choices over ``codes`` whose labels per language are ``labels[code][lang]``."""
    codes = tuple(dict.fromkeys(codes))
    spellings: dict[str, set[str]] = {}
    for code in codes:
        names = [code, *labels.get(code, {}).values(), *EXTRA_ALIASES.get(code, ())]
        vi = labels.get(code, {}).get("vi")
        if vi and len(_WORD.findall(vi)) > 1:
            names.append(initials(vi))
        for name in names:
            key = choice_key(name)
            if key:
                spellings.setdefault(key, set()).add(code)
    lookup = {key: next(iter(found)) for key, found in spellings.items() if len(found) == 1}
    # a code always stands for itself, even when another code's initials spell it
    lookup.update({choice_key(code): code for code in codes if choice_key(code)})
    return Choices(codes, {c: dict(labels.get(c, {})) for c in codes}, lookup)


@lru_cache(maxsize=256)
def enum_choices(column: str, codes: tuple[str, ...]) -> Choices:
    """An enumerated column's choices, labelled from the ``enum.<column>.<CODE>`` messages."""
    labels: dict[str, dict[str, str]] = {}
    for code in codes:
        key = f"enum.{column}.{code}"
        found = {lang: t(key, lang) for lang in ("vi", "en")}
        labels[code] = {lang: text for lang, text in found.items() if text != key}
    return build(codes, labels)


def award_choices(catalogue: Mapping[str, Mapping[str, object]] | None, codes: Iterable[str] = ()) -> Choices:
    """The award column's choices: every catalogue code (so a label of an award the form does
    not offer is still understood and reported as such) plus ``codes``, named from the catalogue."""
    named = tuple(
        (
            str(code),
            tuple(
                (lang, str(entry.get(f"name_{lang}"))) for lang in ("vi", "en") if entry.get(f"name_{lang}")
            ),
        )
        for code, entry in sorted((catalogue or {}).items(), key=lambda kv: str(kv[0]))
    )
    return _award_choices(named, tuple(codes))


@lru_cache(maxsize=32)
def _award_choices(
    named: tuple[tuple[str, tuple[tuple[str, str], ...]], ...], codes: tuple[str, ...]
) -> Choices:
    labels = {code: dict(names) for code, names in named}
    return build([*labels, *codes], labels)

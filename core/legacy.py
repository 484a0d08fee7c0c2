"""Cells typed in the legacy Vietnamese encodings (TCVN3 / .VnTime, VNI), found and converted.

Officers still have lists typed in .VnTime or VNI-Times; pasted into a Unicode sheet, "Nguyễn Văn
An" reads "NguyÔn V¨n An" (TCVN3) or "Nguyeãn Vaên An" (VNI). One file mixes such cells with
Unicode ones, so each cell is judged on its own (:func:`to_unicode`): a cell is converted only
when it has words that cannot be Vietnamese as they stand (a legacy-only character such as "¨",
"µ", "ø", or a syllable no Vietnamese word has, "Nguyeãn") and one encoding's conversion turns
every such word into a Vietnamese syllable. Names of other languages ("Müller") and Unicode text
are left alone.

The conversion tables are viparse's (PyPI ``viparse``, ``viparse.normalize``: TCVN3 and VNI
tables derived from real documents), imported only when a suspicious cell is found.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from core.text import looks_like_legacy_encoding

__all__ = [
    "has_legacy_characters",
    "is_vietnamese_syllable",
    "suspicious_words",
    "to_unicode",
    "unicode_cells",
]

#: Characters legacy encodings leave in text that Vietnamese never uses (Latin-1 / cp1252 symbols
#: and letters outside Vietnamese: TCVN3's "¨ © ª « ¬ ® µ ¸ ¶ · ¹", VNI's "ø ù û õ ï ñ ö ü ë Ñ Ø").
_LEGACY_ONLY = (
    "\u0080-\u00bf\u00c4-\u00c7\u00cb\u00ce\u00cf\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df"
    "\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff"
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e"
    "\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u2212\u2219"
)
_LEGACY_CHAR = re.compile(f"[{_LEGACY_ONLY}]")
#: A word with at least one character outside ASCII (legacy characters count as word characters).
_WORD = re.compile(f"(?:[^\\W\\d_]|[{_LEGACY_ONLY}])+")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_INITIAL = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
#: The vowel nuclei of Vietnamese syllables (tone marks removed).
_NUCLEI = (
    "a",
    "ă",
    "â",
    "e",
    "ê",
    "i",
    "o",
    "ô",
    "ơ",
    "u",
    "ư",
    "y",
    "ai",
    "ao",
    "au",
    "ay",
    "âu",
    "ây",
    "eo",
    "êu",
    "ia",
    "iê",
    "iu",
    "oa",
    "oă",
    "oe",
    "oi",
    "oo",
    "ôi",
    "ơi",
    "ua",
    "uâ",
    "uê",
    "ui",
    "uô",
    "uơ",
    "uy",
    "ưa",
    "ưi",
    "ưu",
    "ươ",
    "yê",
    "iêu",
    "yêu",
    "oai",
    "oao",
    "oay",
    "oeo",
    "uây",
    "uôi",
    "uya",
    "uyê",
    "uyu",
    "ươi",
    "ươu",
)
_FINAL = "(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(f"{_INITIAL}(?:{'|'.join(sorted(_NUCLEI, key=len, reverse=True))}){_FINAL}")


@functools.lru_cache(maxsize=1 << 16)
def is_vietnamese_syllable(word: str) -> bool:
    """Could ``word`` be one Vietnamese syllable ("Nguyễn", "thưởng", "ĐOÀN")? At most one tone
    mark, an initial consonant, a vowel nucleus Vietnamese has and a final consonant."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    tones = sum(1 for ch in decomposed if ch in _TONES)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return _SYLLABLE.fullmatch(bare) is not None


def has_legacy_characters(texts: Iterable[Any]) -> bool:
    """Does any of ``texts`` hold a character only a legacy encoding leaves in Vietnamese text
    (TCVN3's "¨ µ ®", VNI's "ø ñ ö")? A file without one is not converted at all: VNI words made
    only of Vietnamese letters ("Leâ Thò") are converted only beside cells that prove the encoding."""
    return any(isinstance(t, str) and not t.isascii() and _LEGACY_CHAR.search(t) for t in texts)


def suspicious_words(text: str) -> list[str]:
    """Words of ``text`` with a character outside ASCII that cannot be Vietnamese as they stand."""
    return [
        w
        for w in _WORD.findall(text)
        if not w.isascii() and (_LEGACY_CHAR.search(w) or not is_vietnamese_syllable(w))
    ]


@functools.lru_cache(maxsize=1)
def _charmaps() -> dict[str, Any]:
    from viparse.normalize.encodings import CHARMAPS

    return {"TCVN3": CHARMAPS["tcvn3"], "VNI": CHARMAPS["vni"]}


def _score(text: str) -> float:
    from viparse.normalize.frequency import vietnamese_score

    return float(vietnamese_score(text))


def _convert(text: str, encoding: str) -> str:
    from viparse.normalize.tables import convert

    return convert(text, _charmaps()[encoding])


def to_unicode(text: str) -> tuple[str, str] | None:
    """``(Unicode text, "TCVN3" or "VNI")`` when ``text`` is legacy-encoded, else None.

    "NguyÔn V¨n An" -> ("Nguyễn Văn An", "TCVN3"); "Nguyeãn Vaên Huøng" -> ("Nguyễn Văn Hùng",
    "VNI"); "Nguyễn Văn An", "Müller", "Canon" -> None. An upper-case cell (TCVN3's .VnTimeH
    headings: "DANH S¸CH") comes back upper case."""
    bad = suspicious_words(text)
    if not bad:
        return None
    best: tuple[float, str, str] | None = None
    words = len(_WORD.findall(text))
    for encoding in ("TCVN3", "VNI"):
        out = _convert(text, encoding)
        # every word Vietnamese after conversion (one in ten may be a name or a loan word in a
        # long text), and no legacy character left
        if out == text or _LEGACY_CHAR.search(out) or len(suspicious_words(out)) > (words - 1) // 10:
            continue
        # both tables may give Vietnamese syllables ("Leâ Thò": "Leõ Thũ" or "Lê Thị"): the text whose
        # letters are the likelier Vietnamese (viparse's letter-frequency model) wins
        score = _score(out)
        if best is None or score > best[0]:
            best = (score, out, encoding)
    if best is None:
        return None
    _, out, encoding = best
    letters = [ch for ch in text if ch.isascii() and ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        out = out.upper()
    return unicodedata.normalize("NFC", out), encoding


def unicode_cells(cells: Sequence[Any]) -> Iterable[tuple[int, str | None, str]]:
    """``(index, Unicode text, encoding)`` of every legacy-encoded text cell of a column;
    ``(index, None, "")`` for a cell that looks legacy-encoded but converts to no Vietnamese
    (it must be retyped, never stored as it is).

    The distinct words of the whole column are judged once, so a clean column of 20,000 cells
    costs one pass; only cells holding a suspicious word are tried one by one."""
    texts = [c if isinstance(c, str) else "" for c in cells]
    joined = "\n".join(t for t in texts if not t.isascii())
    if not joined:
        return
    bad = {w for w in set(_WORD.findall(joined)) if suspicious_words(w)}
    if not bad:
        return
    for i, text in enumerate(texts):
        if text and not text.isascii() and any(w in bad for w in _WORD.findall(text)):
            found = to_unicode(text)
            if found is not None:
                yield i, found[0], found[1]
            elif looks_like_legacy_encoding(text):
                yield i, None, ""

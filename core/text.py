"""Text helpers for Vietnamese data (DOMAIN.md §8): NFC cleaning, matching keys, slugs and collation.

Pure functions only (stdlib, and numpy for whole-column scans); nothing here does I/O.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Sequence

import numpy as np

__all__ = [
    "CollationKey",
    "all_clean",
    "ascii_slug",
    "catalogue_key",
    "clean",
    "fold",
    "given_name_sort_key",
    "looks_like_legacy_encoding",
    "match_key",
    "normalise_dashes_quotes",
    "split_name",
    "strip_honorific",
    "to_ascii",
    "vi_collation_key",
]

#: Characters nobody sees and nobody means to store (docs/security.md, "invisible characters"):
#: every format character (Unicode category Cf: soft hyphen, zero-width space/joiners, the bidi
#: embeddings and overrides U+202A-202E and isolates U+2066-2069, word joiner, BOM, tags...), the
#: other default-ignorable code points (variation selectors, Hangul fillers, U+034F...) and the
#: control characters other than tab, line feed and carriage return (C0 and C1). ``clean`` drops
#: them before anything else, so "Ngô \u00adĐức Giang" is "Ngô Đức Giang" on every path (form,
#: import, sheet sync, the store's own reads). ``tests/unit/test_text.py`` checks this class
#: against ``unicodedata`` for every code point.
IGNORABLE_CLASS = (
    "\x01-\x08\x0e-\x1f\x7f-\x9f"  # controls (NUL apart: all_clean joins cells with it)
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff"
)
_IGNORABLE = re.compile(f"[\x00{IGNORABLE_CLASS}]+")
#: "Ð" (U+00D0, Icelandic eth, what a cp1252 round trip makes of Vietnamese "Đ") and its small
#: letter are the Vietnamese letters in every Vietnamese name: stored as Đ/đ, so names match.
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
#: The five Vietnamese tone marks (grave, acute, tilde, hook above, dot below).
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


#: Anything :func:`clean` would change in NFC text: an invisible or control character, "Ð"/"ð",
#: whitespace other than a single space between words.
_CLEAN_CHANGES = re.compile(f"[\x00{IGNORABLE_CLASS}\u00d0\u00f0]|[^\\S ]|  |^ | $")


def clean(value: object) -> str:
    """NFC-normalise, drop invisible and control characters (:data:`IGNORABLE_CLASS`), write
    "Ð" as "Đ", collapse and strip whitespace."""
    if type(value) is str and (
        # already clean: nearly every cell read back from a store (codes, ids, stored names)
        (value.isascii() and value.isprintable() and "  " not in value and value[:1] != " " != value[-1:])
        or (unicodedata.is_normalized("NFC", value) and not _CLEAN_CHANGES.search(value))
    ):
        return value
    return _clean_slow(value)


def _clean_slow(value: object) -> str:
    """:func:`clean` without its fast path for text that is clean already."""
    if value is None:
        return ""
    # Drop invisibles before NFC: "e\u200b\u0301" must compose to "é", or clean() is not idempotent.
    s = unicodedata.normalize("NFC", _IGNORABLE.sub("", str(value)))
    if "\u00d0" in s or "\u00f0" in s:
        s = s.translate(_ETH)
    return _SPACES.sub(" ", s).strip()


def match_key(value: object) -> str:
    """Matching key insensitive to tone placement, NFD/NFC and case ("Thuỷ" == "Thủy").

    Drops only the five tone marks and keeps vowel shapes (â ă ê ô ơ ư) and đ.
    """
    return _match_key(value) if isinstance(value, str) else _match_key_uncached(value)


@functools.lru_cache(maxsize=1 << 17)
def _match_key(value: str) -> str:
    """:func:`match_key` of text, remembered: the dashboard folds every nominee's name on each
    recount, and names change rarely (bounded: at most 131,072 names kept)."""
    return _match_key_uncached(value)


def _match_key_uncached(value: object) -> str:
    s = unicodedata.normalize("NFD", clean(value))
    s = "".join(ch for ch in s if ch not in _TONES)
    return clean(s).casefold()  # re-clean: a stray tone mark after a space would leave "0 " behind


def _fold_table() -> dict[int, str | None]:
    """Every precomposed Latin letter (U+00C0-U+024F, U+1E00-U+1EFF) -> its letters without marks,
    every combining mark -> nothing, Đ/đ -> D/d: one ``str.translate`` folds NFC text."""
    table: dict[int, str | None] = {cp: None for cp in range(0x300, 0x370)}
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = "".join(ch for ch in unicodedata.normalize("NFD", chr(cp)) if not unicodedata.combining(ch))
        if base != chr(cp):
            table[cp] = base
    table[ord("Đ")], table[ord("đ")] = "D", "d"
    return table


_FOLD = _fold_table()


def fold(value: object) -> str:
    """Search key with every diacritic removed: "Nguyễn Văn" -> "nguyen van" (đ -> d)."""
    return _fold(value) if isinstance(value, str) else _fold_uncached(value)


@functools.lru_cache(maxsize=1 << 17)
def _fold(value: str) -> str:
    """:func:`fold` of text, remembered: the intake folds every name of a 20,000-row file and of
    the stored rows it is compared with (bounded: at most 131,072 texts kept)."""
    return _fold_uncached(value)


def _fold_uncached(value: object) -> str:
    s = clean(value).translate(_FOLD)
    if not s.isascii() and any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", s)):
        # a letter outside the Latin blocks with a mark (Greek, Cyrillic...): the general way
        s = "".join(ch for ch in unicodedata.normalize("NFD", s) if not unicodedata.combining(ch))
    return clean(s).casefold()


# --------------------------------------------------------------------------------------------------------
# ASCII slugs
# --------------------------------------------------------------------------------------------------------

#: Letters that NFKD does not decompose to ASCII. Đ/đ matter most (DOMAIN §8.5 item 3).
_ASCII_EXTRA = str.maketrans(
    {"Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Ø": "O", "ø": "o", "ß": "ss", "Æ": "AE", "æ": "ae"}
    | dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")
    | dict.fromkeys("“”„‟″", '"')
    | dict.fromkeys("‘’′", "'")
)
_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")


def to_ascii(value: object) -> str:
    """Case-preserving ASCII transliteration: "Đồng Nai – Phường Ệ" -> "Dong Nai - Phuong E".

    Uses full NFKD and drops every combining mark, so two-mark letters (ệ, ặ, ộ, ắ) fold in one pass
    instead of relying on a Latin-1 lookup table (DOMAIN §8.5 item 2). Dashes become "-", anything still
    non-ASCII is dropped.
    """
    s = clean(value).translate(_ASCII_EXTRA)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.encode("ascii", "ignore").decode("ascii")


def ascii_slug(value: object, sep: str = "-", *, lower: bool = True) -> str:
    """URL/ID-safe slug: "Liên đoàn Lao động Đồng Nai" -> "lien-doan-lao-dong-dong-nai".

    Đ -> D and đ -> d are mapped explicitly because they do not decompose under NFD.
    """
    s = _NON_ALNUM.sub(sep, to_ascii(value)).strip(sep) if sep else _NON_ALNUM.sub("", to_ascii(value))
    return s.lower() if lower else s


# --------------------------------------------------------------------------------------------------------
# Quotes and dashes (catalogue lookups)
# --------------------------------------------------------------------------------------------------------

_QUOTES = dict.fromkeys(map(ord, "\"'“”‘’„‟«»‹›`´″′"), None)
#: Any dash-like character other than hyphen-minus, with whatever spacing around it.
_WIDE_DASH = re.compile(r"\s*[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]+\s*")
#: A hyphen-minus run with a space on at least one side ("a - b", "a -b", "a- b").
_SPACED_HYPHEN = re.compile(r"\s+-+\s*|\s*-+\s+")


def normalise_dashes_quotes(value: object) -> str:
    """Strip quotes and map en/em dashes and spaced hyphens to " - " for catalogue lookups.

    "“Người tốt – việc tốt”" -> "Người tốt - việc tốt". Unspaced hyphens ("80/KH-LĐLĐ", "2021-2022") are
    kept, because they are part of codes and numbers.
    """
    s = clean(value).translate(_QUOTES)
    s = _WIDE_DASH.sub(" - ", s)
    s = _SPACED_HYPHEN.sub(" - ", f" {s} ")
    return _SPACES.sub(" ", s).strip(" ")


def catalogue_key(value: object) -> str:
    """First-pass key for title/award catalogue lookups: quotes, dashes, tone placement and case ignored."""
    return match_key(normalise_dashes_quotes(value))


# --------------------------------------------------------------------------------------------------------
# Vietnamese collation (hand-made; PyICU is not a dependency)
# --------------------------------------------------------------------------------------------------------

#: Primary order of the Vietnamese alphabet (29 letters). f, j, w, z (loan words) sit at their Latin places.
#: Digraphs (ch, gi, kh, ng, nh, ph, qu, th, tr) are not contracted, as in ICU's "vi" tailoring.
_ALPHABET = (
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
)
_DIGIT_BASE = 10  # digits 0-9 -> 10..19, before letters
_LETTER_BASE = 100
_OTHER_BASE = 1000  # anything else sorts after letters, by code point
_PRIMARY = {letter: _LETTER_BASE + i for i, letter in enumerate(_ALPHABET)}
#: Secondary (tone) order: ngang, huyền, sắc, hỏi, ngã, nặng — the traditional dictionary order.
_TONE_ORDER = {"": 0, "\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_SHAPES = frozenset("\u0306\u0302\u031b")  # breve (ă), circumflex (â ê ô), horn (ơ ư)

CollationKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def _collate_char(ch: str) -> tuple[int, int, int]:
    """(primary, tone, case) weights of one NFC character."""
    decomposed = unicodedata.normalize("NFD", ch)
    base = decomposed[0]
    marks = decomposed[1:]
    shape = "".join(m for m in marks if m in _SHAPES)
    tone = next((m for m in marks if m in _TONE_ORDER), "")
    lower = unicodedata.normalize("NFC", base.lower() + shape)
    case = 1 if base != base.lower() else 0
    if lower in _PRIMARY:
        primary = _PRIMARY[lower]
    elif base.isdigit() and base.isascii():
        primary = _DIGIT_BASE + int(base)
    elif ch.isspace():
        primary = 0
    else:
        primary = _OTHER_BASE + ord(ch.lower())
    return primary, _TONE_ORDER.get(tone, 0), case


def vi_collation_key(value: object) -> CollationKey:
    """Sort key for Vietnamese text: base letters (a < ă < â ... đ ... ư) first, then tones, then case.

    Multi-level like ICU: tones only break ties between strings whose letters are all equal, so
    "Anh" < "Ánh" < "Ânh" (shape is a letter difference, tone is not). Lowercase sorts before uppercase.
    """
    weights = [_collate_char(ch) for ch in clean(value)]
    return (
        tuple(w[0] for w in weights),
        tuple(w[1] for w in weights),
        tuple(w[2] for w in weights),
    )


def split_name(full_name: object) -> tuple[str, str, str]:
    """Split a Vietnamese full name into (family, middle, given); the given name is the last token.

    A one-word name is treated as a given name only. Capitalisation is kept as entered.
    """
    tokens = clean(full_name).split(" ")
    tokens = [t for t in tokens if t]
    if not tokens:
        return "", "", ""
    if len(tokens) == 1:
        return "", "", tokens[0]
    return tokens[0], " ".join(tokens[1:-1]), tokens[-1]


def given_name_sort_key(full_name: object) -> tuple[CollationKey, CollationKey, CollationKey, str]:
    """Sort key ordering Vietnamese names by given name, then middle name, then family name.

    Each part uses `vi_collation_key` (alphabet a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y;
    tones ngang < huyền < sắc < hỏi < ngã < nặng). The NFC full name is the final tie-breaker.
    """
    family, middle, given = split_name(full_name)
    return (vi_collation_key(given), vi_collation_key(middle), vi_collation_key(family), clean(full_name))


# --------------------------------------------------------------------------------------------------------
# Honorifics
# --------------------------------------------------------------------------------------------------------

_HONORIFIC = re.compile(r"^(?:(?:các\s+)?đồng\s+chí|đ\s*/\s*c|đ\.\s*c\.?)[\s.:]+", re.IGNORECASE)
#: Separator between a name and the position that follows it: any spaced dash, an en/em dash, or a comma.
_POSITION_SEP = re.compile(r"\s*[\u2013\u2014]\s*|\s+-+\s*|\s*-+\s+|\s*,\s*")


def strip_honorific(name: object) -> tuple[str, str]:
    """Split "Đồng chí Lê Đình Hùng - Phó Chủ tịch LĐLĐ" into ("Lê Đình Hùng", "Phó Chủ tịch LĐLĐ").

    Removes a leading "đồng chí" / "đ/c" (comrade; not part of the name, DOMAIN §8.4) and returns the
    text after the first dash or comma as the position ("" when there is none). Only the honorific is
    removed; "Ông"/"Bà" are left alone because "Ông" is also a family name.
    """
    s = clean(name)
    s = _HONORIFIC.sub("", s, count=1)
    parts = _POSITION_SEP.split(s, maxsplit=1)
    person = parts[0].strip(" .,;:")
    position = parts[1].strip(" .,;:") if len(parts) > 1 else ""
    return person, position


# --------------------------------------------------------------------------------------------------------
# Legacy 8-bit encodings (TCVN3 / VNI / cp1258 mojibake)
# --------------------------------------------------------------------------------------------------------

#: Letters that only occur in real Vietnamese Unicode text: ă đ ĩ ũ ơ ư and the U+1EA0-U+1EF9 block.
#: â ê ô à á ... are deliberately excluded: they are in Latin-1, so VNI mojibake contains them too.
_VN_SPECIFIC = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")
#: cp1252 renderings of TCVN3 bytes (® µ ª © ¬ · Ö Ü æ ...) and VNI bytes (ø ï å ä ñ ö ü ë Ñ Ø ...) that are
#: not Vietnamese letters, plus "Ð" (cp1258's Đ). Symbols no legacy table uses (° ± ² ´ ¿) are left out.
_LEGACY_CHARS = "¡¢£¤¥¦§¨©ª«¬\u00ad®µ¶·¸¹»¼½¾ÄÅÆÇËÎÏÐÑÖ×ØÛÜÞßäåæçëîïñö÷øûüþ"
#: A legacy character counts only inside a word ("Céng", "®oµn", "ñoaøn"), so "§8.3", "2 × 3" and
#: "« Hà Nội »" in genuine text are not signals.
_LEGACY_IN_WORD = re.compile(f"(?<=[^\\W\\d_])[{_LEGACY_CHARS}]|[{_LEGACY_CHARS}](?=[^\\W\\d_])")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
#: "?" inside a word ("T?NG", "c?a"): characters a cp1258/ANSI round trip could not represent.
#: "php?id=" (a URL query) is not one.
_WORD_QMARK = re.compile(r"(?<=[^\W\d_])\?+(?=[^\W\d_])(?![^\W\d_]*=)")


def looks_like_legacy_encoding(text: object) -> bool:
    """Heuristic: does this text look like a TCVN3 (.VnTime) or VNI document decoded as cp1252?

    Counts mojibake signals (legacy-table characters such as "®", "µ", "ø", "ñ", "Ð" inside words,
    C0/C1 controls, U+FFFD, "?" inside words) against genuinely Vietnamese letters (ă đ ơ ư ệ ...).
    Text with no such letters and two or more signals, or where signals are at least as many as the
    Vietnamese letters, is flagged so the upload can be rejected with a clear message (DOMAIN §8.5
    item 6). Short non-Vietnamese text with umlauts ("Müller Söhne") is a known false positive.
    """
    if text is None:
        return False
    s = unicodedata.normalize("NFC", str(text))
    signals = len(_LEGACY_IN_WORD.findall(s)) + len(_CONTROL.findall(s)) + len(_WORD_QMARK.findall(s))
    if signals == 0:
        return False
    vietnamese = len(_VN_SPECIFIC.findall(s))
    if vietnamese == 0:
        return signals >= 2
    return signals >= 3 and signals >= vietnamese


#: Anything :func:`clean_text` would change besides normalisation (fast path for clean cells).
_NEEDS_CLEANING = re.compile(
    f"[\x00{IGNORABLE_CLASS}\u00d0\u00f0\r\t\v\f\u00a0\u2007\u202f]" + r"| [ \n]|\n | \n$|^[\s]|\s$"
)


def is_clean_text(value: str) -> bool:
    """True when :func:`clean_text` would return ``value`` unchanged (a cheap test)."""
    return unicodedata.is_normalized("NFC", value) and not _NEEDS_CLEANING.search(value)


def clean_text(value: object) -> str:
    """Like :func:`clean` but keeps line breaks (free text such as achievement summaries)."""
    if value is None:
        return ""
    if (
        isinstance(value, str)
        and unicodedata.is_normalized("NFC", value)
        and not _NEEDS_CLEANING.search(value)
    ):
        return value  # already clean: the common case when reading back what we wrote
    s = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    lines = [clean(line) for line in s.split("\n")]
    return "\n".join(lines).strip("\n")


_JOIN = "\x00"
#: Characters :func:`clean_text` always changes, searched for over a whole joined column.
_ALWAYS_CLEANED = re.compile(f"[{IGNORABLE_CLASS}\u00d0\u00f0\r\t\v\f\u00a0\u2007\u202f]")
#: The first code point of :data:`_ALWAYS_CLEANED` above Latin-1 (U+034F); everything below it
#: is judged by :data:`_LOW_CLEANED`, the rare characters at or above it by the pattern.
_FIRST_HIGH = 0x34F
_LOW_CLEANED = np.array([bool(_ALWAYS_CLEANED.match(chr(c))) for c in range(_FIRST_HIGH + 1)])
_LOW_CLEANED[_FIRST_HIGH] = False  # the clipped bucket of every higher code point
#: ASCII bytes that may stand in a clean cell (NUL: the join); the others are all in the class.
_ASCII_KEPT = bytes(c for c in range(128) if not _LOW_CLEANED[c])


def all_clean(values: Sequence[object]) -> bool:
    """True when every value is a ``str`` that :func:`clean_text` returns unchanged.

    Checked in one pass over the whole column: a column read back from storage is nearly always
    clean already, and joining it with NUL (a character that is not whitespace and composes with
    nothing) lets a few scans of the joined text stand for :data:`_NEEDS_CLEANING` in every
    cell: a cell's start and end are the text's ends or the places next to a NUL. The scans are
    C loops (substring search, ``bytes.translate``, numpy over the code points): every cell of a
    tab is judged on each full read, and a regular expression over megabytes of text was half
    of typing a text-heavy tab.
    """
    try:
        joined = _JOIN.join(values)  # type: ignore[arg-type]  # a non-text cell raises TypeError
    except TypeError:
        return False
    if not (
        joined.count(_JOIN) == len(values) - 1
        and not joined[:1].isspace()
        and not joined[-1:].isspace()
        and "  " not in joined
        and " \n" not in joined
        and "\n " not in joined
    ):
        return False
    if joined.isascii():
        # every ASCII whitespace but space and line break is in the class already
        return not (
            joined.encode("ascii").translate(None, _ASCII_KEPT)
            or "\x00 " in joined
            or " \x00" in joined
            or "\x00\n" in joined
            or "\n\x00" in joined
        )
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    if _LOW_CLEANED[np.minimum(codes, _FIRST_HIGH)].any():
        return False
    high = codes[codes >= _FIRST_HIGH]
    if high.size:
        seen = np.zeros(0x110000, dtype=bool)
        seen[high] = True
        if _ALWAYS_CLEANED.search("".join(map(chr, np.flatnonzero(seen).tolist()))):
            return False
    joins = np.flatnonzero(codes == 0)
    if joins.size:  # a cell starting or ending with whitespace
        near = np.concatenate([codes[joins[joins + 1 < codes.size] + 1], codes[joins[joins > 0] - 1]])
        if any(chr(c).isspace() for c in np.unique(near).tolist()):
            return False
    return unicodedata.is_normalized("NFC", joined)


def iso_day(value: object) -> dt.date | None:
    """The date a cell holds in ISO form ("2024-12-05", or a timestamp starting so), else None."""
    try:
        return dt.date.fromisoformat(clean(value)[:10])
    except ValueError:
        return None

"""Invisible, format and control characters never reach the store, and "Ð" reads as "Đ" (issue 23)."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest

from core.text import IGNORABLE_CLASS, all_clean, clean, clean_text, fold, match_key

#: Default_Ignorable_Code_Point ranges of Unicode's DerivedCoreProperties.txt that are not Cf
#: (variation selectors, Hangul fillers, the combining grapheme joiner, unassigned reserved slots).
DEFAULT_IGNORABLE_NOT_CF = [
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x2065, 0x2065),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0xE0000, 0xE0FFF),
]


def test_the_class_covers_every_format_control_and_default_ignorable_code_point() -> None:
    stripped = re.compile(f"[{IGNORABLE_CLASS}]")
    missing = [
        f"U+{cp:04X}"
        for cp in range(1, sys.maxunicode + 1)
        if (
            unicodedata.category(chr(cp)) == "Cf"
            or (unicodedata.category(chr(cp)) == "Cc" and chr(cp) not in "\t\n\r\x0b\x0c")
        )
        and not stripped.match(chr(cp))
    ]
    missing += [
        f"U+{cp:04X}"
        for lo, hi in DEFAULT_IGNORABLE_NOT_CF
        for cp in range(lo, hi + 1)
        if not stripped.match(chr(cp))
    ]
    assert missing == []
    # and nothing a person writes: letters, marks of Vietnamese, punctuation, spaces
    for text in ("Nguyễn Thị Thủy", "Đ đ ă â ê ô ơ ư", "80/KH-LĐLĐ; «a» – b", "ệ"):
        assert not stripped.search(unicodedata.normalize("NFD", text))


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Ngô \u00adĐức Giang", "Ngô Đức Giang"),  # soft hyphen (the second LĐTT of issue 23)
        ("Ngô\u00ad Đức Giang", "Ngô Đức Giang"),
        ("\u202eGiang Đức Ngô\u202c", "Giang Đức Ngô"),  # right-to-left override
        ("\u2066Lê\u2069 Văn A", "Lê Văn A"),  # bidi isolates
        ("Lê\u200eVăn", "LêVăn"),  # left-to-right mark
        ("Trần\u2063Hà", "TrầnHà"),  # invisible separator
        ("Phạm\ufe0f Minh", "Phạm Minh"),  # variation selector
        ("Vũ\U000e0041 Lan", "Vũ Lan"),  # tag character
        ("Hà\x07 Nội\x1b", "Hà Nội"),  # C0 controls
        ("Hà\x85Nội\x9b", "HàNội"),  # C1 controls
        ("\u00d0ức", "Đức"),
        ("Nguyễn \u00d0ình \u00f0ạt", "Nguyễn Đình đạt"),
    ],
)
def test_clean_drops_what_nobody_sees(typed: str, stored: str) -> None:
    assert clean(typed) == stored
    assert clean_text(typed) == stored
    assert not all_clean([typed]) or typed == stored


def test_free_text_keeps_its_line_breaks_but_not_the_invisibles() -> None:
    assert clean_text("Dòng 1\u200b\nDòng\u00ad 2\r\n\u202eDòng 3") == "Dòng 1\nDòng 2\nDòng 3"


def test_names_that_differ_only_by_eth_or_an_invisible_match() -> None:
    assert match_key("Ngô \u00adĐức Giang") == match_key("Ngô Đức Giang")
    assert match_key("Ngô \u00d0ức Giang") == match_key("Ngô Đức Giang")
    assert fold("\u00d0ỗ \u00f0ình") == fold("Đỗ đình") == "do dinh"

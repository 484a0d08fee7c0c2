"""Tests for core.text: every example string of DOMAIN.md §8.4-§8.5 plus property tests."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.text import (
    ascii_slug,
    catalogue_key,
    clean,
    fold,
    given_name_sort_key,
    looks_like_legacy_encoding,
    match_key,
    normalise_dashes_quotes,
    split_name,
    strip_honorific,
    to_ascii,
    vi_collation_key,
)

NFD = "Nguye\u0302\u0303n Thi\u0323 Thu Thu\u0309y"  # "Nguyễn Thị Thu Thủy" as macOS would send it

# --------------------------------------------------------------------------------------------------------
# clean / match_key / fold
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Nguyễn\u00a0Văn   An  ", "Nguyễn Văn An"),
        ("\ufeffLĐLĐ\u200b Hà Nội", "LĐLĐ Hà Nội"),
        (NFD, "Nguyễn Thị Thu Thủy"),
        ("a\u202fb\u2007c\td\ne", "a b c d e"),
        (None, ""),
        (2023, "2023"),
        ("e\u200b\u0301", "é"),
    ],
)
def test_clean(raw: object, expected: str) -> None:
    out = clean(raw)
    assert out == expected
    assert unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Thuỷ", "Thủy"),
        ("hoà", "hòa"),
        ("thoả", "thỏa"),
        ("khoá", "khóa"),
        ("hoá", "hóa"),
        ("Thỏa ước", "Thoả ước"),
        ("ệ", "e\u0323\u0302"),  # NFC vs NFD (DOMAIN §8.5 item 1)
        (NFD, "nguyễn thị thu thủy"),
        ("THỦY", "thuỷ"),
    ],
)
def test_match_key_equal(a: str, b: str) -> None:
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize(("a", "b"), [("Thu", "Thư"), ("Đông", "Dông"), ("Ân", "An"), ("ơ", "o"), ("ă", "a")])
def test_match_key_keeps_vowel_shapes_and_d(a: str, b: str) -> None:
    assert match_key(a) != match_key(b)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nguyễn Văn", "nguyen van"),
        ("ĐOÀN", "doan"),
        ("ệ ặ ộ ắ ố ứ", "e a o a o u"),
        (NFD, "nguyen thi thu thuy"),
    ],
)
def test_fold(raw: str, expected: str) -> None:
    assert fold(raw) == expected
    assert "nguyen van" in fold("Đồng chí Nguyễn Văn An") or raw != "Nguyễn Văn"


# --------------------------------------------------------------------------------------------------------
# ASCII slugs (DOMAIN §8.5 items 2-3)
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Liên đoàn Lao động Đồng Nai", "lien-doan-lao-dong-dong-nai"),
        ("ĐOÀN", "doan"),
        ("ệ, ặ, ộ, ắ, ố, ứ", "e-a-o-a-o-u"),
        ("Công đoàn Tổng công ty Thương mại Hà Nội – CTCP", "cong-doan-tong-cong-ty-thuong-mai-ha-noi-ctcp"),
        ("Người tốt – việc tốt", "nguoi-tot-viec-tot"),
        ("  “Giỏi việc nước - Đảm việc nhà”  ", "gioi-viec-nuoc-dam-viec-nha"),
        ("Tổng Liên đoàn", "tong-lien-doan"),
        (NFD, "nguyen-thi-thu-thuy"),
        ("", ""),
    ],
)
def test_ascii_slug(raw: str, expected: str) -> None:
    out = ascii_slug(raw)
    assert out == expected
    assert out.isascii()


def test_ascii_slug_keeps_capital_d_when_asked() -> None:
    assert ascii_slug("Đồng Nai", lower=False) == "Dong-Nai"
    assert ascii_slug("Đà Nẵng", sep="_") == "da_nang"
    assert to_ascii("Đồng Nai – Phường Ệ") == "Dong Nai - Phuong E"
    assert to_ascii("đ") == "d"


# --------------------------------------------------------------------------------------------------------
# Quotes and dashes (DOMAIN §8.1, §8.5 item 5)
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Người tốt – việc tốt", "Người tốt - việc tốt"),
        ("“Người tốt – việc tốt”", "Người tốt - việc tốt"),
        ('"Người tốt - việc tốt"', "Người tốt - việc tốt"),
        ("Giỏi việc nước - Đảm việc nhà", "Giỏi việc nước - Đảm việc nhà"),
        ("Giỏi việc nước – Đảm việc nhà", "Giỏi việc nước - Đảm việc nhà"),
        ("Giỏi việc nước—Đảm việc nhà", "Giỏi việc nước - Đảm việc nhà"),
        ("Giỏi việc nước -Đảm việc nhà", "Giỏi việc nước - Đảm việc nhà"),
        ("'Lao động giỏi'", "Lao động giỏi"),
        ("giai đoạn 2015 – 2020", "giai đoạn 2015 - 2020"),
        ("năm học 2024 - 2025", "năm học 2024 - 2025"),
        ("giai đoạn 2021-2022", "giai đoạn 2021-2022"),  # unspaced hyphen kept
        ("80/KH-LĐLĐ", "80/KH-LĐLĐ"),
        (
            "Công đoàn Tổng công ty Thương mại Hà Nội – CTCP",
            "Công đoàn Tổng công ty Thương mại Hà Nội - CTCP",
        ),
    ],
)
def test_normalise_dashes_quotes(raw: str, expected: str) -> None:
    assert normalise_dashes_quotes(raw) == expected


def test_catalogue_key_merges_seed_variants() -> None:
    assert catalogue_key("“Người tốt – việc tốt”") == catalogue_key('"Người tốt - việc tốt"')
    assert catalogue_key("Giỏi việc nước – Đảm việc nhà") == catalogue_key("Giỏi việc nước - Đảm việc nhà")
    assert catalogue_key("Thoả ước") == catalogue_key("Thỏa ước")


# --------------------------------------------------------------------------------------------------------
# Names, honorifics and collation (DOMAIN §8.4)
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Đồng chí Lê Đình Hùng - Phó Chủ tịch LĐLĐ Thành phố…",
            ("Lê Đình Hùng", "Phó Chủ tịch LĐLĐ Thành phố…"),
        ),
        ("đồng chí Lê Đình Hùng – Phó Chủ tịch LĐLĐ", ("Lê Đình Hùng", "Phó Chủ tịch LĐLĐ")),
        ("Đ/c Nguyễn Thị Thu Thủy, Chủ tịch CĐCS", ("Nguyễn Thị Thu Thủy", "Chủ tịch CĐCS")),
        ("đ/c Trần Văn An", ("Trần Văn An", "")),
        ("Đ/C: Trần Văn An", ("Trần Văn An", "")),
        ("ĐỒNG CHÍ Phạm Thị Hoa", ("Phạm Thị Hoa", "")),
        ("Nguyễn Thị Thu Thủy", ("Nguyễn Thị Thu Thủy", "")),
        ("Ông Ích Khiêm", ("Ông Ích Khiêm", "")),  # "Ông" is a family name here, not an honorific
        (f"Đồng chí {NFD} - Chủ tịch", ("Nguyễn Thị Thu Thủy", "Chủ tịch")),
    ],
)
def test_strip_honorific(raw: str, expected: tuple[str, str]) -> None:
    assert strip_honorific(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nguyễn Thị Thu Thủy", ("Nguyễn", "Thị Thu", "Thủy")),
        ("Lê Đình Hùng", ("Lê", "Đình", "Hùng")),
        ("Trần An", ("Trần", "", "An")),
        ("Hùng", ("", "", "Hùng")),
        ("  ", ("", "", "")),
        ("Tôn Nữ Thị Ngọc Lan", ("Tôn", "Nữ Thị Ngọc", "Lan")),
    ],
)
def test_split_name(raw: str, expected: tuple[str, str, str]) -> None:
    assert split_name(raw) == expected


def test_alphabet_order() -> None:
    letters = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")
    assert sorted(reversed(letters), key=vi_collation_key) == letters
    assert sorted(letters) != letters  # plain code-point order would be wrong


def test_tone_order_is_secondary() -> None:
    tones = ["ma", "mà", "má", "mả", "mã", "mạ"]  # ngang, huyền, sắc, hỏi, ngã, nặng
    assert sorted(reversed(tones), key=vi_collation_key) == tones
    # A tone only breaks ties: "mạ" < "mb" because letters decide first.
    assert vi_collation_key("mạ") < vi_collation_key("mb")
    assert vi_collation_key("Anh") < vi_collation_key("Ánh") < vi_collation_key("Ânh")
    assert vi_collation_key(NFD) == vi_collation_key("Nguyễn Thị Thu Thủy")


def test_given_name_sort() -> None:
    names = [
        "Nguyễn Thị Thu Thủy",
        "Trần Văn An",
        "Lê Thị Ánh",
        "Phạm Văn Ân",
        "Đỗ Minh Ăn",
        "Bùi Văn Bình",
        "Lê Đình Hùng",
        "Đặng Thị Đào",
        "Vũ Văn Dũng",
        "Hoàng Ngọc Ước",
        "Ngô Văn Uy",
        "Trần Thị Hùng",
        "Lê Văn Hùng",
    ]
    expected = [
        "Trần Văn An",
        "Lê Thị Ánh",
        "Đỗ Minh Ăn",
        "Phạm Văn Ân",
        "Bùi Văn Bình",
        "Vũ Văn Dũng",
        "Đặng Thị Đào",
        "Lê Đình Hùng",  # same given name: middle name decides (Đình < Thị < Văn)
        "Trần Thị Hùng",
        "Lê Văn Hùng",
        "Nguyễn Thị Thu Thủy",
        "Ngô Văn Uy",
        "Hoàng Ngọc Ước",
    ]
    assert sorted(names, key=given_name_sort_key) == expected


def test_given_name_sort_family_breaks_ties() -> None:
    assert sorted(["Trần Văn An", "Lê Văn An", "Đỗ Văn An", "Dương Văn An"], key=given_name_sort_key) == [
        "Dương Văn An",
        "Đỗ Văn An",
        "Lê Văn An",
        "Trần Văn An",
    ]


# --------------------------------------------------------------------------------------------------------
# Legacy encodings (DOMAIN §8.5 item 6). The tables below build realistic mojibake: the bytes a TCVN3
# (.VnTime) or VNI-Windows document stores for Vietnamese text, shown as cp1252 (as Word/pandas would).
# --------------------------------------------------------------------------------------------------------

_TCVN3 = dict(
    zip(
        "ăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĂÂÊÔƠƯĐ",
        bytes(
            [
                *(0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE),
                *(0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
                *(0xCC, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
                *(0xDF, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
                *(0xEF, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
                *(0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7),
            ]
        ),
        strict=True,
    )
)


def tcvn3_mojibake(text: str) -> str:
    """Encode with TCVN3 (ABC); toned capitals reuse the lowercase codes (.VnTimeH), then read as cp1252."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = _TCVN3.get(ch, _TCVN3.get(ch.lower()))
        out += bytes([code]) if code is not None else ch.encode("ascii")
    return out.decode("cp1252")


_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï", "": ""}
_VNI_CIRC = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"": "i", "\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def _vni_char(ch: str) -> str:
    if ch in "đĐ":
        return "ñ" if ch == "đ" else "Ñ"
    nfd = unicodedata.normalize("NFD", ch)
    base, marks = nfd[0], nfd[1:]
    tone = next((m for m in marks if m in _VNI_TONE and m), "")
    upper = base.isupper()
    lower = base.lower()
    if "\u0302" in marks:
        out = lower + _VNI_CIRC[tone]
    elif "\u0306" in marks:
        out = lower + _VNI_BREVE[tone]
    elif "\u031b" in marks:
        out = {"o": "ô", "u": "ö"}[lower] + _VNI_TONE[tone]
    elif lower == "i":
        out = _VNI_I[tone]
    elif lower == "y" and tone == "\u0323":
        out = "î"
    else:
        out = lower + _VNI_TONE[tone]
    return out.upper() if upper else out


def vni_mojibake(text: str) -> str:
    """Encode with VNI-Windows (base letter + mark byte) and read the bytes as cp1252."""
    s = "".join(_vni_char(ch) for ch in unicodedata.normalize("NFC", text))
    return s.encode("cp1252").decode("cp1252")


def test_legacy_tables_reproduce_known_mojibake() -> None:
    assert tcvn3_mojibake("Cộng hoà xã hội chủ nghĩa Việt Nam") == "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
    assert tcvn3_mojibake("Tổng Liên đoàn Lao động") == "Tæng Liªn ®oµn Lao ®éng"
    assert vni_mojibake("Tổng Liên đoàn Lao động Việt Nam") == "Toång Lieân ñoaøn Lao ñoäng Vieät Nam"
    assert vni_mojibake("ĐOÀN") == "ÑOAØN"


SENTENCES = [
    "Tổng Liên đoàn Lao động Việt Nam",
    "Cộng hoà xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Hướng dẫn xét tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2023",
    "Liên đoàn Lao động thành phố Hà Nội tổ chức phong trào thi đua lao động giỏi",
    "Quyết định khen thưởng Bằng khen của Ban Chấp hành Công đoàn",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_legacy_encoding_detected(sentence: str) -> None:
    assert looks_like_legacy_encoding(tcvn3_mojibake(sentence))
    assert looks_like_legacy_encoding(vni_mojibake(sentence))
    assert not looks_like_legacy_encoding(sentence)
    assert not looks_like_legacy_encoding(unicodedata.normalize("NFD", sentence))


@pytest.mark.parametrize(
    "text",
    [
        "T?NG LIÊN ÐOÀN",  # the congdoandlvn.org.vn page cited in DOMAIN §8.5
        "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM".encode("cp1258", errors="replace").decode("cp1252"),
        "Vi?t Nam c?a ch?ng ta",
        "Ban h\x13nh k\x8fm theo",
        "B\ufffdo c\ufffdo t\ufffdng k\ufffdt",
    ],
)
def test_legacy_encoding_other_signals(text: str) -> None:
    assert looks_like_legacy_encoding(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "Annual report 2023",
        "What? Why? How?",
        "Nguyễn Văn A",
        "Nhiệt độ 30°C, © 2024 Liên đoàn Lao động « Hà Nội »",
        "80/KH-LĐLĐ",
        "Lê Thị Ánh",
        "8.500.000 đồng",
        "xem §8.3 và §4.5",
        "2 × 3 × 4",
        "Proposed states (code · Vietnamese label · mapping):",
        "index.php?id=5 và page.php?x=1",
    ],
)
def test_legacy_encoding_not_flagged(text: str | None) -> None:
    assert not looks_like_legacy_encoding(text)


# --------------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------------

_VI_TEXT = st.text(
    alphabet=st.sampled_from(
        [
            *"aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ ",
            *("\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u00a0", "\u200b", "\ufeff", "-", "–"),
        ]
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=40), _VI_TEXT))
def test_clean_idempotent(s: str) -> None:
    once = clean(s)
    assert clean(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert once == once.strip()


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=40), _VI_TEXT))
def test_match_key_idempotent_and_normalisation_insensitive(s: str) -> None:
    key = match_key(s)
    assert match_key(key) == key
    assert match_key(unicodedata.normalize("NFD", s)) == key
    assert match_key(unicodedata.normalize("NFC", s)) == key


@settings(max_examples=200, deadline=None)
@given(_VI_TEXT)
def test_slug_and_fold_are_ascii_for_vietnamese(s: str) -> None:
    assert ascii_slug(s).isascii()
    assert fold(s.replace("–", "-")).isascii()  # fold leaves punctuation alone
    assert normalise_dashes_quotes(normalise_dashes_quotes(s)) == normalise_dashes_quotes(s)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_legacy_detector_total(s: str) -> None:
    assert looks_like_legacy_encoding(s) in (True, False)
    given_name_sort_key(s)
    strip_honorific(s)

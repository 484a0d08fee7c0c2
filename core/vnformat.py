"""Vietnamese formats (DOMAIN.md §8): money, numbers, dates, periods, Roman numerals, document numbers.

Pure: stdlib + Babel only, no I/O at import time. Money is always `int` VND; Vietnamese-formatted strings
are never passed to `float()` ("1.000" is one thousand, DOMAIN §8.2).
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import numbers
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from babel.numbers import format_decimal

from core.text import clean

__all__ = [
    "EXCEL_EPOCH",
    "ISSUER_CODES",
    "TYPE_CODES",
    "VN_TZ",
    "DocKind",
    "DocNumber",
    "Period",
    "congress_ordinal",
    "find_date_vi",
    "fmt_int",
    "fmt_pct",
    "fmt_vnd",
    "fmt_vnd_words",
    "format_doc_number",
    "from_serial",
    "infer_year",
    "int_to_roman",
    "official_date",
    "parse_date_vi",
    "parse_decimal_vi",
    "parse_doc_number",
    "parse_period",
    "parse_timestamp_vi",
    "parse_vnd",
    "roman_to_int",
    "to_serial",
    "try_parse_date_vi",
    "try_parse_doc_number",
    "try_parse_vnd",
    "ui_date",
]

#: Vietnam has used UTC+7 without DST since 1975; a fixed offset avoids a tzdata dependency.
VN_TZ = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")
#: Google Sheets / Excel serial-date epoch (DOMAIN §8.6).
EXCEL_EPOCH = dt.date(1899, 12, 30)
_MAX_SERIAL = (dt.date.max - EXCEL_EPOCH).days

# ========================================================================================================
# Numbers and money
# ========================================================================================================

_SCALES: dict[str, int] = {
    "nghìn tỷ": 10**12,
    "ngàn tỷ": 10**12,
    "nghìn tỉ": 10**12,
    "ngàn tỉ": 10**12,
    "tỷ": 10**9,
    "tỉ": 10**9,
    "triệu": 10**6,
    "nghìn": 10**3,
    "ngàn": 10**3,
}
_CURRENCY = ("đồng", "vnđ", "vnd", "đ", "₫")
_SCALE_RE = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in _SCALES), key=len, reverse=True))
_CUR_RE = "|".join(re.escape(c) for c in _CURRENCY)
_TOKEN = re.compile(
    rf"(?P<ws>\s+)|(?P<num>[0-9][0-9.,]*)|(?P<scale>(?:{_SCALE_RE})(?![^\W\d_]))|(?P<cur>(?:{_CUR_RE})(?![^\W\d_]))"
)
_VI_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_EN_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_VI_FULL = re.compile(r"(?P<int>\d{1,3}(?:\.\d{3})+),(?P<frac>\d+)")
_EN_FULL = re.compile(r"(?P<int>\d{1,3}(?:,\d{3})+)\.(?P<frac>\d+)")


def _number_token(tok: str, original: str) -> Decimal:
    """Read one digit group the Vietnamese way ("." groups thousands, "," is the decimal mark)."""
    if tok.isdigit():
        return Decimal(tok)
    has_dot, has_comma = "." in tok, "," in tok
    if has_dot and not has_comma:
        if _VI_THOUSANDS.fullmatch(tok):
            return Decimal(tok.replace(".", ""))
        if tok.count(".") == 1 and re.fullmatch(r"\d+\.\d+", tok):
            # "1.5 triệu": a single dot not followed by exactly three digits cannot be a thousands group.
            return Decimal(tok)
    elif has_comma and not has_dot:
        if re.fullmatch(r"\d{1,3},\d{3}", tok):
            raise ValueError(
                f"Ambiguous {tok!r} in {original!r}: '1,500' is 1,5 in Vietnamese but 1500 in English; "
                "write '1.500' for thousands or '1,5' for a decimal."
            )
        if tok.count(",") == 1 and re.fullmatch(r"\d+,\d+", tok):
            return Decimal(tok.replace(",", "."))
        if _EN_THOUSANDS.fullmatch(tok):  # "8,500,000" from an en_US-formatted sheet
            return Decimal(tok.replace(",", ""))
    else:
        if m := _VI_FULL.fullmatch(tok):
            return Decimal(m["int"].replace(".", "") + "." + m["frac"])
        if m := _EN_FULL.fullmatch(tok):
            return Decimal(m["int"].replace(",", "") + "." + m["frac"])
    raise ValueError(
        f"Cannot read the number {tok!r} in {original!r}: use '.' between thousands and ',' for decimals "
        "(e.g. '8.500.000' or '1,8 tỷ')."
    )


def _from_python_number(value: object) -> int:
    """Accept ints and integral floats/Decimals (Sheets UNFORMATTED_VALUE gives these)."""
    if isinstance(value, bool):
        raise ValueError(f"Expected an amount of money, got the boolean {value!r}.")
    if isinstance(value, numbers.Integral):
        n = int(value)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"Expected a finite amount of money, got {value!r}.")
        n = int(value)
        if value != n:
            raise ValueError(f"Money is stored in whole đồng; {value!r} has a fractional part.")
    elif isinstance(value, numbers.Real):
        f = float(value)
        if not math.isfinite(f):
            raise ValueError(f"Expected a finite amount of money, got {value!r}.")
        n = int(f)
        if f != n:
            raise ValueError(f"Money is stored in whole đồng; {value!r} has a fractional part.")
    else:  # pragma: no cover - guarded by the caller
        raise ValueError(f"Expected text or a number, got {type(value).__name__}.")
    if n < 0:
        raise ValueError(f"An amount of money cannot be negative: {value!r}.")
    return n


def parse_vnd(text: object) -> int:
    """Parse a Vietnamese money amount into whole VND.

    Accepts "8.500.000", "8.500.000 đồng", "300.000 ₫", "8,5 triệu", "1,8 tỷ", "15 tỷ 220 triệu đồng",
    "564 triệu đồng", units đồng/đ/VNĐ/VND/₫ and scale words nghìn/ngàn, triệu, tỷ/tỉ, nghìn tỷ, plus
    ints and integral floats. Scaled parts must descend ("15 tỷ 220 triệu"); a bare number after a scale
    is only read as units after "nghìn" and must have three digits, because "2 triệu 5" colloquially means
    2,5 triệu. Raises ValueError (English message) for anything else, including negatives and fractions
    of a đồng.
    """
    if isinstance(text, numbers.Real | Decimal):
        return _from_python_number(text)
    original = str(text) if text is not None else ""
    s = clean(text).casefold()
    if not s:
        raise ValueError("Expected an amount of money, got an empty value.")
    # Currency symbols may also lead ("₫ 300.000", "VND 8,500,000"), and a sentence may end with a dot.
    s = s.rstrip(".").strip()
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(s):
        m = _TOKEN.match(s, pos)
        if not m:
            raise ValueError(
                f"Cannot read {original!r} as money: unexpected {s[pos : pos + 12]!r}. "
                "Write e.g. '8.500.000 đồng', '8,5 triệu' or '15 tỷ 220 triệu đồng'."
            )
        pos = m.end()
        kind = m.lastgroup
        assert kind is not None
        if kind != "ws":
            tokens.append((kind, m.group()))
    if tokens and tokens[0][0] == "cur":
        tokens = tokens[1:]
    if tokens and tokens[-1][0] == "cur":
        tokens = tokens[:-1]
    if not tokens:
        raise ValueError(f"Cannot read {original!r} as money: there is no number in it.")

    total = Decimal(0)
    last_scale: int | None = None
    i = 0
    while i < len(tokens):
        kind, tok = tokens[i]
        if kind != "num":
            raise ValueError(f"Cannot read {original!r} as money: {tok!r} must follow a number.")
        value = _number_token(tok, original)
        scale = 1
        if i + 1 < len(tokens) and tokens[i + 1][0] == "scale":
            scale = _SCALES[re.sub(r"\s+", " ", tokens[i + 1][1])]
            i += 2
        else:
            i += 1
        if scale == 1 and "." in tok and "," not in tok and not _VI_THOUSANDS.fullmatch(tok):
            raise ValueError(
                f"Ambiguous amount {original!r}: in Vietnamese '.' separates thousands (8.500.000); "
                "use ',' for decimals and only with a scale word ('1,5 triệu')."
            )
        if last_scale is not None:
            if scale >= last_scale:
                raise ValueError(
                    f"Cannot read {original!r} as money: the parts must go from large to small "
                    "(e.g. '15 tỷ 220 triệu')."
                )
            if scale == 1 and (last_scale != 10**3 or not re.fullmatch(r"\d{3}", tok)):
                raise ValueError(
                    f"Ambiguous amount {original!r}: a bare number after a scale word is unclear "
                    "(write '2 triệu 500 nghìn' or '2.500.000')."
                )
            if value >= 1000 or value != value.to_integral_value():
                raise ValueError(
                    f"Cannot read {original!r} as money: each part after the first must be a whole number "
                    "below 1000."
                )
        last_scale = scale
        total += value * scale
        if i < len(tokens) and tokens[i][0] != "num":
            raise ValueError(f"Cannot read {original!r} as money: unexpected {tokens[i][1]!r}.")
    if total != total.to_integral_value():
        raise ValueError(
            f"Money is stored in whole đồng; {original!r} gives {total} (a fraction of a đồng). "
            "In Vietnamese ',' is the decimal mark: write thousands as '8.500'."
        )
    return int(total)


def try_parse_vnd(text: object) -> int | None:
    """`parse_vnd`, returning None instead of raising (for optional cells)."""
    try:
        return parse_vnd(text)
    except ValueError:
        return None


def parse_decimal_vi(text: object) -> Decimal:
    """Parse a Vietnamese-formatted number such as "10.800 cuốn", "41,15%" or "99,1%" into a Decimal.

    A trailing "%" or a unit word is ignored; the value is returned as written (41,15% -> 41.15).
    """
    s = clean(text)
    m = re.fullmatch(r"([+-]?)(\d[\d.,]*)\s*(?:%|[^\W\d_][^\d]*)?", s)
    if not m:
        raise ValueError(f"Cannot read {text!r} as a number: write e.g. '10.800' or '41,15%'.")
    value = _number_token(m[2], s)
    return -value if m[1] == "-" else value


def _lang(lang: str) -> str:
    return "vi" if lang.lower().startswith("vi") else "en"


def fmt_int(n: int, lang: str = "vi") -> str:
    """Integer with thousands separators: "10.800" in vi, "10,800" in en."""
    return format_decimal(int(n), locale=_lang(lang))


def fmt_vnd(n: int, lang: str = "vi") -> str:
    """Money for display: "8.500.000 đồng" (vi) or "8,500,000 VND" (en)."""
    if isinstance(n, bool):
        raise ValueError(f"Expected an amount of money, got the boolean {n!r}.")
    amount = _from_python_number(abs(n))
    sign = "-" if n < 0 else ""
    if _lang(lang) == "vi":
        return f"{sign}{fmt_int(amount, 'vi')} đồng"
    return f"{sign}{fmt_int(amount, 'en')} VND"


def fmt_vnd_words(n: int) -> str:
    """Money the way the press writes big sums: 15_220_000_000 -> "15 tỷ 220 triệu đồng".

    Tỷ is the largest unit ("15.220 tỷ đồng" for 15 220 billion). Amounts that are not whole thousands
    fall back to digits ("1.000.005 đồng"); `parse_vnd` reads every output back.
    """
    amount = _from_python_number(n)
    if amount == 0:
        return "0 đồng"
    if amount >= 1000 and amount % 1000:
        return fmt_vnd(amount)  # "1.000.005 đồng": words are for round sums, digits stay unambiguous
    ty, rest = divmod(amount, 10**9)
    trieu, rest = divmod(rest, 10**6)
    nghin, units = divmod(rest, 10**3)
    parts = [f"{fmt_int(ty)} tỷ"] if ty else []
    parts += [f"{trieu} triệu"] if trieu else []
    parts += [f"{nghin} nghìn"] if nghin else []
    parts += [str(units)] if units else []
    return " ".join(parts) + " đồng"


def fmt_pct(numerator: float | Decimal, denominator: float | Decimal, lang: str = "vi") -> str:
    """Two decimals, half-up: 4115/10000 -> "41,15%" (vi) / "41.15%" (en); 0 as denominator -> "—"."""
    den, num = Decimal(str(denominator)), Decimal(str(numerator))
    if den == 0 or not den.is_finite() or not num.is_finite():
        return "—"
    value = (num * 100 / den).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return format_decimal(value, format="#,##0.00", locale=_lang(lang)) + "%"


# ========================================================================================================
# Dates
# ========================================================================================================


def to_serial(d: dt.date) -> int:
    """Google Sheets serial day number (epoch 1899-12-30) for a date."""
    if isinstance(d, dt.datetime):
        d = d.date()
    return (d - EXCEL_EPOCH).days


def from_serial(n: float) -> dt.date:
    """Date of a Sheets serial number; a fractional part (time of day) is dropped."""
    if isinstance(n, bool) or not isinstance(n, numbers.Real):
        raise ValueError(f"Expected a serial day number, got {n!r}.")
    if not math.isfinite(float(n)) or not 0 <= n <= _MAX_SERIAL:
        raise ValueError(f"Serial day number {n!r} is out of range (0 .. {_MAX_SERIAL}).")
    return EXCEL_EPOCH + dt.timedelta(days=math.floor(n))


def official_date(d: dt.date, place: str | None = "Hà Nội") -> str:
    """Decree 30/2020 date line: "Hà Nội, ngày 05 tháng 7 năm 2023".

    Days 1–9 and months 1–2 get a leading zero, months 3–12 do not. Pass place=None or "" for the bare
    "ngày 01 tháng 02 năm 2023".
    """
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    line = f"ngày {d.day:02d} tháng {month} năm {d.year}"
    place = clean(place)
    return f"{place}, {line}" if place else line


def ui_date(d: dt.date) -> str:
    """Padded D/M/Y for tables and forms: "05/07/2023"."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


_DMY = re.compile(r"(?:ngày\s+)?(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}))?", re.IGNORECASE)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.+\-Z]*)?")
_OFFICIAL = re.compile(
    r"(?:[^,]*,\s*)?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|/)\s*(\d{4}))?", re.IGNORECASE
)
_DM_ANYWHERE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")


def _make_date(year: int | None, month: int, day: int, text: object, default_year: int | None) -> dt.date:
    if year is None:
        if default_year is None:
            raise ValueError(f"The date {text!r} has no year; pass default_year (e.g. the publication year).")
        year = default_year
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a real date (day {day}, month {month}, year {year}); dates are read as D/M/Y."
        ) from None


def parse_date_vi(text: object, default_year: int | None = None) -> dt.date:
    """Parse a date the Vietnamese way (always D/M/Y, never M/D/Y).

    Accepts "1/5/2023", "01/05/2023", "1-5-2023", "1.5.2023", "2023-05-01", "ngày 1 tháng 5 năm 2023",
    "Hà Nội, ngày 05 tháng 7 năm 2023", "1/5" or "ngày 19/11" (with default_year), a Sheets/Excel serial
    number (int/float, epoch 1899-12-30) and date/datetime objects. Two-digit years are rejected as
    ambiguous. Raises ValueError with the reason.
    """
    if text != text:  # NaN, pandas NaT
        raise ValueError(f"Expected a date, got the missing value {text!r}.")
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    if isinstance(text, numbers.Real) and not isinstance(text, bool):
        return from_serial(float(text))
    if isinstance(text, bool) or text is None:
        raise ValueError(f"Expected a date, got {text!r}.")
    s = clean(text)
    if m := _ISO.fullmatch(s):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), text, default_year)
    if m := _DMY.fullmatch(s):
        year = int(m[4]) if m[4] else None
        return _make_date(year, int(m[3]), int(m[1]), text, default_year)
    if m := _OFFICIAL.fullmatch(s):
        year = int(m[3]) if m[3] else None
        return _make_date(year, int(m[2]), int(m[1]), text, default_year)
    raise ValueError(
        f"Cannot read {text!r} as a date: use D/M/Y such as '01/05/2023', '1/5/2023' or "
        "'ngày 1 tháng 5 năm 2023', or ISO '2023-05-01'."
    )


def try_parse_date_vi(text: object, default_year: int | None = None) -> dt.date | None:
    """`parse_date_vi`, returning None instead of raising (for optional cells)."""
    try:
        return parse_date_vi(text, default_year)
    except ValueError:
        return None


def infer_year(day: int, month: int, published: dt.date) -> dt.date:
    """Date for a year-less "D/M" in an article: the occurrence nearest to the publication date.

    "ngày mai (30/12)" published on 02/01/2024 is 30/12/2023; published on 29/12/2023 it is 30/12/2023.
    """
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise ValueError(f"{day}/{month} is not a real date in any year near {published.isoformat()}.")
    return min(candidates, key=lambda c: abs((c - published).days))


def find_date_vi(text: object, published: dt.date) -> dt.date:
    """First D/M[/Y] date inside free text ("ngày mai (30/12)"), a missing year inferred from `published`."""
    s = clean(text)
    m = _DM_ANYWHERE.search(s)
    if not m:
        raise ValueError(f"No D/M date found in {text!r}.")
    day, month = int(m[1]), int(m[2])
    if m[3]:
        return _make_date(int(m[3]), month, day, text, None)
    return infer_year(day, month, published)


_TIMESTAMP = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*[|,-]?\s*(.+)")


def parse_timestamp_vi(text: object) -> dt.datetime:
    """Parse a news timestamp "13:25 | 09/04/2024" as an aware datetime in Vietnam time (UTC+7)."""
    s = clean(text)
    m = _TIMESTAMP.fullmatch(s)
    if not m:
        raise ValueError(f"Cannot read {text!r} as a timestamp such as '13:25 | 09/04/2024'.")
    day = parse_date_vi(m[4])
    try:
        t = dt.time(int(m[1]), int(m[2]), int(m[3] or 0))
    except ValueError:
        raise ValueError(f"{text!r} has an impossible time of day.") from None
    return dt.datetime.combine(day, t, tzinfo=VN_TZ)


# ========================================================================================================
# Roman numerals and periods
# ========================================================================================================

_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
_ROMAN_PAIRS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman_to_int(text: str) -> int:
    """Strict Roman numeral (1..3999, canonical form, any case): "XVII" -> 17 (congress ordinals)."""
    s = clean(text).upper()
    if not s or not _ROMAN.fullmatch(s):
        raise ValueError(f"{text!r} is not a Roman numeral such as 'XVII'.")
    total = 0
    for ch, nxt in zip(s, [*s[1:], ""], strict=True):
        v = _ROMAN_VALUES[ch]
        total += -v if nxt and _ROMAN_VALUES[nxt] > v else v
    return total


def int_to_roman(n: int) -> str:
    """17 -> "XVII" (1..3999)."""
    if not 1 <= n <= 3999:
        raise ValueError(f"{n} cannot be written as a Roman numeral (1..3999).")
    out = []
    for value, sym in _ROMAN_PAIRS:
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


_ORDINAL = re.compile(r"(?:lần\s+thứ|đại\s+hội|kh(?:óa|oá))\s+([IVXLCDM]+|[0-9]{1,2})\b", re.IGNORECASE)


def congress_ordinal(text: object) -> int | None:
    """Ordinal of a congress or term in free text: "Đại hội … lần thứ XVII" -> 17, "khóa XVI" -> 16."""
    s = clean(text)
    for m in _ORDINAL.finditer(s):
        token = m[1]
        if token.isdigit():
            return int(token)
        if token.isupper() and _ROMAN.fullmatch(token):
            return roman_to_int(token)
    return None


class Period(NamedTuple):
    """Inclusive date range; a plain (start, end) tuple for callers that unpack it."""

    start: dt.date
    end: dt.date


_DASH = r"\s*[-\u2010-\u2015\u2212]\s*"
_QUARTER = re.compile(r"quý\s+([IV]+|[1-4])(?:\s*(?:/|năm)\s*(\d{4}))?", re.IGNORECASE)
_MONTH = re.compile(r"tháng\s+(\d{1,2})(?:\s*(?:/|năm)\s*(\d{4}))?", re.IGNORECASE)
_SCHOOL_YEAR = re.compile(rf"năm\s+học\s+(\d{{4}}){_DASH}(\d{{4}})", re.IGNORECASE)
_YEAR_RANGE = re.compile(
    rf"(?:(?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ)\s+)?(\d{{4}}){_DASH}(\d{{4}})", re.IGNORECASE
)
_YEAR = re.compile(r"(?:năm\s+)?(\d{4})", re.IGNORECASE)
_RANGE_TO = re.compile(r"(?:từ\s+)?(?P<a>.+?)\s+đến\s+(?P<b>.+)", re.IGNORECASE)
_RANGE_DASH = re.compile(r"(?:từ\s+)?(?P<a>.+?)(?:\s*[\u2013\u2014]\s*|\s+-\s+)(?P<b>.+)", re.IGNORECASE)


def _last_day(year: int, month: int) -> dt.date:
    nxt = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return nxt - dt.timedelta(days=1)


def parse_period(text: object, default_year: int | None = None) -> Period:
    """Parse a reporting period into inclusive (start, end) dates.

    "quý I/2024", "Quý 1/2024", "quý II" (default_year), "tháng 5/2022", "năm 2023",
    "năm học 2024 - 2025" (1 Sep - 31 Aug), "giai đoạn 2015 – 2020", "giai đoạn 2021-2022",
    "nhiệm kỳ 2023 - 2028" (whole calendar years: the real congress dates are not in the text),
    "từ ngày 1/5 đến 30/9/2023" (the year given once applies to both ends; a start month after the end
    month means the previous year).
    """
    s = clean(text)

    def year_or_default(raw: str | None) -> int:
        if raw:
            return int(raw)
        if default_year is None:
            raise ValueError(f"The period {text!r} has no year; pass default_year.")
        return default_year

    if m := _QUARTER.fullmatch(s):
        q = int(m[1]) if m[1].isdigit() else roman_to_int(m[1])
        if not 1 <= q <= 4:
            raise ValueError(f"{text!r}: a year has quarters I to IV.")
        year = year_or_default(m[2])
        return Period(dt.date(year, 3 * q - 2, 1), _last_day(year, 3 * q))
    if m := _MONTH.fullmatch(s):
        month = int(m[1])
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r}: month {month} does not exist.")
        year = year_or_default(m[2])
        return Period(dt.date(year, month, 1), _last_day(year, month))
    if m := _SCHOOL_YEAR.fullmatch(s):
        a, b = int(m[1]), int(m[2])
        if b != a + 1:
            raise ValueError(f"{text!r}: a school year spans two consecutive years.")
        return Period(dt.date(a, 9, 1), dt.date(b, 8, 31))
    if m := _YEAR_RANGE.fullmatch(s):
        a, b = int(m[1]), int(m[2])
        if b < a:
            raise ValueError(f"{text!r}: the period ends before it starts.")
        return Period(dt.date(a, 1, 1), dt.date(b, 12, 31))
    if m := _YEAR.fullmatch(s):
        year = int(m[1])
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if m := _RANGE_TO.fullmatch(s) or _RANGE_DASH.fullmatch(s):
        end = parse_date_vi(m["b"], default_year)
        start = parse_date_vi(m["a"], end.year)
        short = _DMY.fullmatch(clean(m["a"]))
        if short and not short[4] and start > end:  # "từ 1/10 đến 31/3/2024" starts in 2023
            start = parse_date_vi(m["a"], end.year - 1)
        if start > end:
            raise ValueError(f"{text!r}: the period ends before it starts.")
        return Period(start, end)
    raise ValueError(
        f"Cannot read {text!r} as a period: use e.g. 'quý I/2024', 'tháng 5/2022', 'năm học 2024 - 2025', "
        "'giai đoạn 2015 - 2020' or 'từ ngày 1/5 đến 30/9/2023'."
    )


# ========================================================================================================
# Document numbers (số, ký hiệu), DOMAIN §8.3
# ========================================================================================================


class DocKind(enum.StrEnum):
    """Shape of a document number."""

    TYPED = "TYPED"  # 80/KH-LĐLĐ
    LETTER = "LETTER"  # 1486/SNV-TĐKT (công văn: no type code)
    LEGAL = "LEGAL"  # 98/2023/NĐ-CP, 06/2022/QH15
    PARTY = "PARTY"  # 02-NQ/TW


#: Type codes (loại văn bản) from DOMAIN §8.3; a TYPED match with another first segment is a LETTER.
TYPE_CODES: dict[str, str] = {
    "QĐ": "Quyết định",
    "KH": "Kế hoạch",
    "HD": "Hướng dẫn",
    "TTr": "Tờ trình",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TB": "Thông báo",
    "CTr": "Chương trình",
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
}
#: Issuer codes seen in the seeds (DOMAIN §8.3).
ISSUER_CODES: dict[str, str] = {
    "LĐLĐ": "Liên đoàn Lao động",
    "TLĐ": "Tổng Liên đoàn",
    "HĐTĐKT": "Hội đồng Thi đua - Khen thưởng",
    "TU": "Thành ủy",
    "TW": "Trung ương",
    "UBND": "Ủy ban nhân dân",
    "SNV": "Sở Nội vụ",
    "BNV": "Bộ Nội vụ",
    "CP": "Chính phủ",
}

_TYPED = re.compile(r"^(?P<so>\d{1,5})/(?P<loai>[A-ZĐa-zđ]{1,5})-(?P<cq>[A-ZĐ0-9&.]+(?:-[A-ZĐ0-9&.]+)*)$")
_LEGAL = re.compile(
    r"^(?P<so>\d{1,4})/(?P<nam>(?:19|20)\d{2})/(?:(?P<qh>QH\d{2})|(?P<loai>[A-ZĐ]{2,4})-(?P<cq>[A-ZĐ]+))$"
)
_PARTY = re.compile(r"^(?P<so>\d{1,4})-(?P<loai>[A-Za-zĐđ]{2,4})/(?P<cq>[A-ZĐ]+)$")
_SO_PREFIX = re.compile(r"^số\s*:?\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DocNumber:
    """A parsed số/ký hiệu. `so` keeps leading zeros ("03"); `loai` is None for letters and laws."""

    kind: DocKind
    so: str
    loai: str | None
    cq: str
    year: int | None = None

    @property
    def number(self) -> int:
        """The running number as an int (uniqueness is per issuer, year, number and type)."""
        return int(self.so)

    def __str__(self) -> str:
        if self.kind is DocKind.LEGAL:
            tail = f"{self.loai}-{self.cq}" if self.loai else self.cq
            return f"{self.so}/{self.year}/{tail}"
        if self.kind is DocKind.PARTY:
            return f"{self.so}-{self.loai}/{self.cq}"
        return format_doc_number(self.so, self.loai, self.cq)


def parse_doc_number(text: object) -> DocNumber:
    """Parse "80/KH-LĐLĐ", "1486/SNV-TĐKT", "98/2023/NĐ-CP", "06/2022/QH15" or "02-NQ/TW".

    NFC first (Đ is U+0110, outside [A-Z]); a leading "Số:" and spaces around "/" and "-" are dropped.
    Tried in the order LEGAL, PARTY, TYPED; a TYPED match whose type is not in TYPE_CODES is a LETTER.
    """
    s = _SO_PREFIX.sub("", clean(text))
    s = re.sub(r"\s*([/-])\s*", r"\1", s)
    if m := _LEGAL.match(s):
        if m["qh"]:
            return DocNumber(DocKind.LEGAL, m["so"], None, m["qh"], int(m["nam"]))
        return DocNumber(DocKind.LEGAL, m["so"], m["loai"], m["cq"], int(m["nam"]))
    if m := _PARTY.match(s):
        return DocNumber(DocKind.PARTY, m["so"], m["loai"], m["cq"])
    if m := _TYPED.match(s):
        if m["loai"] in TYPE_CODES:
            return DocNumber(DocKind.TYPED, m["so"], m["loai"], m["cq"])
        return DocNumber(DocKind.LETTER, m["so"], None, f"{m['loai']}-{m['cq']}")
    raise ValueError(
        f"{text!r} is not a document number such as '80/KH-LĐLĐ', '1486/SNV-TĐKT', '98/2023/NĐ-CP' "
        "or '02-NQ/TW'."
    )


def try_parse_doc_number(text: object) -> DocNumber | None:
    """`parse_doc_number`, returning None instead of raising."""
    try:
        return parse_doc_number(text)
    except ValueError:
        return None


def format_doc_number(so: int | str, loai: str | None, cq: str) -> str:
    """Compose "123/QĐ-LĐLĐ" (or "1486/SNV-TĐKT" when loai is None)."""
    so_s = clean(so)
    cq_s = clean(cq)
    if not so_s.isdigit() or not cq_s:
        raise ValueError(f"Cannot build a document number from so={so!r}, cq={cq!r}.")
    return f"{so_s}/{clean(loai)}-{cq_s}" if loai else f"{so_s}/{cq_s}"

"""Parse what people typed, one column at a time (money, dates, numbers, text, coded choices).

Each parser takes a whole column of raw cells and returns the cells to store and the problems
found, as ``(index, rule, params)``. Work is done once per column and once per distinct value
(the same date or amount typed on many rows is parsed once), so 100,000 rows parse in a fraction
of a second (docs/benchmarks.md, "Validation throughput"). Every problem names what is wrong
with *that* value ("10tr" is an abbreviation, "8 500 000" groups thousands with spaces, "2 triệu
5" is ambiguous...), and the value reported is the one typed (:func:`shown`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from core.text import all_clean, clean, is_clean_text
from core.vnformat import EXCEL_EPOCH, fmt_int, parse_date_vi, parse_vnd
from schemas.choices import Choices

Problem = tuple[int, str, dict[str, Any]]

#: 10^15 đồng: far above any award, work or initiative value, and inside a 64-bit integer cell.
MAX_MONEY = 10**15
#: Years a date typed into a form may have (the forms' date pickers offer the same range).
MIN_YEAR, MAX_YEAR = 1950, 2100
#: A free-text column without its own limit in the schema holds at most this many characters
#: (a name, a position, an organisation); long texts (achievement summaries) have their own.
TEXT_MAX = 500


def shown(value: Any) -> Any:
    """A raw cell as the person typed it, for a message: dates as day/month/year, whole floats
    without ".0"."""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and clean(value) == ""


# ---------------------------------------------------------------------------------------- text


def text_column(raw: Sequence[Any], to_text: Callable[[Any], str]) -> list[str]:
    """Cleaned text of every cell (NFC, invisibles dropped, spaces collapsed, line breaks kept).

    A column that is clean already (what a file or the store nearly always gives) is checked in
    one pass over the joined column; otherwise only the cells that need it are cleaned."""
    col = ["" if v is None else v for v in raw]
    if all_clean(col):
        return col  # all_clean: every cell is a str
    return [v if type(v) is str and is_clean_text(v) else to_text(v) for v in col]


def length_problems(cells: Sequence[str], low: int, high: int) -> list[Problem]:
    """Cells shorter than ``low`` (``bad_length``) or longer than ``high`` characters (``too_long``,
    naming the length rather than echoing pages of text)."""
    out: list[Problem] = []
    for i, v in enumerate(cells):
        n = len(v)
        if n > high:
            out.append((i, "too_long", {"max": high, "length": n}))
        elif 0 < n < low:
            out.append((i, "bad_length", {"min": low, "max": high}))
    return out


# ---------------------------------------------------------------------------------------- choices


def choice_column(raw: Sequence[Any], choices: Choices) -> tuple[list[str], list[Problem]]:
    """Codes for what was typed (a code, a label in either language, an unambiguous short form);
    a value that names no choice is kept as typed and reported with the labels to choose from."""
    seen: dict[Any, str | None] = {None: ""}
    out: list[str] = []
    problems: list[Problem] = []
    for i, v in enumerate(raw):
        try:
            code = seen[v]
        except KeyError:
            code = "" if is_empty(v) else choices.resolve(clean(v if isinstance(v, str) else shown(v)))
            seen[v] = code
        if code is None:
            out.append(clean(v if isinstance(v, str) else shown(v)))
            problems.append((i, "not_in_list", {}))
        else:
            out.append(code)
    return out, problems


# ---------------------------------------------------------------------------------------- numbers

_ABBREVIATION = re.compile(
    r"(?P<num>\d[\d.,]*)\s*(?P<abbr>tr|tr\.|trđ|trd|trieu|tỏi|củ|cu|k|ng|ngh|nghin|ty|tỉ\.|tỷ\.)\.?"
    r"\s*(?:đồng|đ|vnđ|vnd)?",
    re.IGNORECASE,
)
_ABBR_SCALE = {
    "tr": ("triệu", 10**6),
    "tr.": ("triệu", 10**6),
    "trđ": ("triệu", 10**6),
    "trd": ("triệu", 10**6),
    "trieu": ("triệu", 10**6),
    "củ": ("triệu", 10**6),
    "cu": ("triệu", 10**6),
    "k": ("nghìn", 10**3),
    "ng": ("nghìn", 10**3),
    "ngh": ("nghìn", 10**3),
    "nghin": ("nghìn", 10**3),
    "ty": ("tỷ", 10**9),
    "tỉ.": ("tỷ", 10**9),
    "tỷ.": ("tỷ", 10**9),
    "tỏi": ("tỷ", 10**9),
}
_SPACED_GROUPS = re.compile(
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+)\s*(?:đồng|đ|vnđ|vnd|₫)?", re.IGNORECASE
)
_SCALE_THEN_DIGIT = re.compile(
    r"(?P<a>\d+)\s*(?P<scale>triệu|tỷ|tỉ|nghìn|ngàn)\s*(?P<b>\d{1,2})\s*(?:đồng|đ)?", re.IGNORECASE
)
_SCALES = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_DECIMAL_DONG = re.compile(r"\d{1,3}(?:\.\d{3})*,\d+|\d+,\d+|\d+\.\d{1,2}|\d{1,3}(?:,\d{3})+\.\d+")


def _amount(n: Decimal | int) -> str:
    return fmt_int(int(n))


def money_problem(value: Any) -> tuple[str, dict[str, Any]]:
    """Why ``value`` is not an amount of money, as a rule and its parameters (what was meant,
    when it can be told: "10tr" is "10 triệu" = 10.000.000 đồng)."""
    if isinstance(value, bool):
        return "bad_money", {}
    if isinstance(value, int | float | Decimal):
        number = float(value)
        if math.isfinite(number) and number < 0:
            return "money_negative", {}
        if math.isfinite(number) and not float(number).is_integer():
            return "money_fraction", {"whole": _amount(round(number))}
        return "bad_money", {}
    s = clean(value)
    low = s.casefold()
    if low.startswith("-"):
        return "money_negative", {}
    if m := _ABBREVIATION.fullmatch(low):
        word, _scale = _ABBR_SCALE[m["abbr"].casefold()]
        try:
            amount = parse_vnd(f"{m['num']} {word}")
        except ValueError:
            amount = None
        return "money_abbreviation", {
            "abbr": m["abbr"],
            "word": word,
            "example": f"{m['num']} {word}",
            "amount": _amount(amount) if amount is not None else f"{m['num']} {word}",
        }
    if m := _SPACED_GROUPS.fullmatch(s):
        digits = re.sub(r"\D", "", m["num"])
        return "money_spaces", {"amount": _amount(int(digits))}
    if m := _SCALE_THEN_DIGIT.fullmatch(low):
        a, scale, b = int(m["a"]), _SCALES[m["scale"].casefold()], m["b"]
        meant = a * scale + int(b) * scale // (10 ** len(b))
        return "money_scale_remainder", {
            "scale": m["scale"],
            "decimal": f"{a},{b} {m['scale']}",
            "amount": _amount(meant),
        }
    bare = re.sub(r"\s*(đồng|đ|vnđ|vnd|₫)$", "", low).strip()
    if _DECIMAL_DONG.fullmatch(bare) and bare.replace(",", ".").rsplit(".", 1)[-1].strip("0"):
        try:
            whole = parse_vnd(bare.split(",")[0]) if "," in bare else round(float(bare))
        except ValueError:
            whole = None
        return "money_fraction", {"whole": _amount(whole) if whole is not None else "?"}
    if re.fullmatch(r"\d{1,3},\d{3}", bare):
        return "money_ambiguous_comma", {"thousands": bare.replace(",", "."), "decimal": bare}
    return "bad_money", {}


def money_column(raw: Sequence[Any]) -> tuple[list[int | None], list[Problem]]:
    out: list[int | None] = []
    problems: list[Problem] = []
    seen: dict[Any, tuple[int | None, tuple[str, dict[str, Any]] | None]] = {}
    for i, v in enumerate(raw):
        if type(v) is int:
            if v < 0:
                out.append(None)
                problems.append((i, "money_negative", {}))
            elif v > MAX_MONEY:
                out.append(None)
                problems.append((i, "money_too_large", {}))
            else:
                out.append(v)
            continue
        if is_empty(v):
            out.append(None)
            continue
        key = (type(v), v)
        if key not in seen:
            try:
                parsed = parse_vnd(v)
            except (ValueError, ArithmeticError):
                seen[key] = (None, money_problem(v))
            else:
                seen[key] = (None, ("money_too_large", {})) if parsed > MAX_MONEY else (parsed, None)
        amount, problem = seen[key]
        out.append(amount)
        if problem is not None:
            problems.append((i, problem[0], problem[1]))
    return out, problems


#: The largest whole number a cell holds (a 64-bit integer); bigger ones are reported, never stored.
INT64_MAX = 2**63 - 1


def int_column(raw: Sequence[Any]) -> tuple[list[int | None], list[Problem]]:
    out: list[int | None] = []
    problems: list[Problem] = []
    for i, v in enumerate(raw):
        n: int | None = None
        if type(v) is int:
            n = v
        elif is_empty(v):
            out.append(None)
            continue
        elif isinstance(v, float) and v.is_integer():
            n = int(v)
        else:
            text = clean(v) if isinstance(v, str) else ""
            if text.lstrip("-").isdigit():
                n = int(text)
            else:
                out.append(None)
                problems.append((i, "bad_int", {}))
                continue
        if abs(n) > INT64_MAX:
            out.append(None)
            problems.append((i, "too_large", {"max": INT64_MAX}))
        else:
            out.append(n)
    return out, problems


# ---------------------------------------------------------------------------------------- dates

#: Serial day numbers below this (9 February 1908) in a cell Excel formats as a date are numbers
#: someone typed ("2024", "45"), not dates: no date of this app is that old.
TYPED_NUMBER_SERIAL = 3000


def typed_number(value: Any) -> Any:
    """What was typed into a date-formatted Excel cell that reads back as a date in 1900-1908
    (Excel turned "2024" into 16/07/1905): the number itself, else ``value`` unchanged."""
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        serial = (day - EXCEL_EPOCH).days
        if 0 <= serial < TYPED_NUMBER_SERIAL:
            if isinstance(value, dt.datetime) and value.time() != dt.time(0):
                frac = (value - dt.datetime.combine(EXCEL_EPOCH, dt.time(0))).total_seconds() / 86400
                return round(frac, 6)
            return serial
    return value


def date_column(raw: Sequence[Any]) -> tuple[list[str], list[Problem]]:
    out: list[str] = []
    problems: list[Problem] = []
    seen: dict[Any, tuple[str, tuple[str, dict[str, Any]] | None]] = {}
    for i, v in enumerate(raw):
        if is_empty(v):
            out.append("")
            continue
        key = (type(v), v)
        if key not in seen:
            seen[key] = _date(v)
        cell, problem = seen[key]
        out.append(cell)
        if problem is not None:
            problems.append((i, problem[0], problem[1]))
    return out, problems


def _date(value: Any) -> tuple[str, tuple[str, dict[str, Any]] | None]:
    value = typed_number(value)
    if isinstance(value, bool):
        return "", ("bad_date", {})
    if isinstance(value, int | float | Decimal):
        return "", ("date_plain_number", {})
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = clean(value)
        if re.fullmatch(r"\d{1,6}", text):
            return "", ("date_plain_number", {})
        try:
            day = parse_date_vi(text)
        except ValueError:
            return "", ("bad_date", {})
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        return "", ("date_implausible_year", {"year": day.year, "min": MIN_YEAR, "max": MAX_YEAR})
    return day.isoformat(), None

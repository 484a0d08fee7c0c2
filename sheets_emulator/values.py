"""The cell model: how input options turn JSON into cells and how render options turn cells back into JSON."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

Scalar = str | float | int | bool
EPOCH = dt.datetime(1899, 12, 30)

# Locales whose users type "1.234,5"; everyone else types "1,234.5".
COMMA_DECIMAL_LOCALES = frozenset(
    {
        "vi_VN",
        "fr_FR",
        "de_DE",
        "es_ES",
        "it_IT",
        "pt_BR",
        "pt_PT",
        "ru_RU",
        "id_ID",
        "nl_NL",
        "pl_PL",
        "tr_TR",
    }
)
# Locales that read "1/2/2020" as the first of February (day first); en_US and a few others read month first.
MONTH_FIRST_LOCALES = frozenset({"en_US", "en_PH", "fil_PH", "en"})


@dataclass(frozen=True)
class NumberFormat:
    """A cell's numberFormat: Google's type plus pattern, kept so FORMATTED_VALUE can reproduce input."""

    type: str
    pattern: str

    def to_json(self) -> dict[str, str]:
        return {"type": self.type, "pattern": self.pattern}


@dataclass(frozen=True)
class Cell:
    """One non-empty cell: its stored value (or formula) plus the number format inferred at input time."""

    value: Scalar | None = None
    formula: str | None = None
    fmt: NumberFormat | None = None
    note: str | None = None
    user_format: dict[str, object] | None = None
    validation: dict[str, object] | None = None

    @property
    def is_blank(self) -> bool:
        return self.value is None and self.formula is None

    def with_value(self, other: Cell | None) -> Cell | None:
        """Keep this cell's note and formatting while taking another cell's content."""
        if self.note is None and self.user_format is None and self.validation is None:
            return other
        base = other or Cell()
        fmt = base.fmt if base.fmt is not None else (self.fmt if self.user_format else None)
        return Cell(base.value, base.formula, fmt, self.note, self.user_format, self.validation)


# ---------------------------------------------------------------- serial dates


def to_serial(value: dt.datetime) -> float:
    """Google's serial number: days since 1899-12-30, the fraction being the time of day."""
    delta = value - EPOCH
    return delta.days + delta.seconds / 86400


def from_serial(serial: float) -> dt.datetime:
    return EPOCH + dt.timedelta(days=serial)


def clean_number(x: float) -> float | int:
    """JSON numbers as Google prints them: integral values without a trailing .0."""
    if isinstance(x, bool):
        return x
    if isinstance(x, int):
        return x
    if math.isfinite(x) and x == int(x) and abs(x) < 1e15:
        return int(x)
    return x


# ---------------------------------------------------------------- input parsing

_ISO_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_SLASH_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def _separators(locale: str) -> tuple[str, str]:
    """(grouping, decimal) separators the spreadsheet locale expects."""
    return (".", ",") if locale in COMMA_DECIMAL_LOCALES else (",", ".")


def _parse_number(text: str, locale: str) -> tuple[float, NumberFormat | None] | None:
    group, dec = _separators(locale)
    s = text.strip()
    if not s:
        return None
    sign = 1.0
    if s[0] in "+-":
        sign = -1.0 if s[0] == "-" else 1.0
        s = s[1:]
    currency = False
    if s.startswith("$"):
        currency = True
        s = s[1:]
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
    grouped = re.escape(group)
    decimal = re.escape(dec)
    pat = rf"^(\d{{1,3}}(?:{grouped}\d{{3}})+|\d+)?(?:{decimal}(\d+))?(?:[eE]([+-]?\d+))?$"
    m = re.match(pat, s)
    if not m or (m.group(1) is None and m.group(2) is None):
        return None
    int_part = (m.group(1) or "0").replace(group, "")
    frac = m.group(2) or ""
    number = float(f"{int_part}.{frac or '0'}e{m.group(3) or '0'}") * sign
    decimals = len(frac)
    zeros = "0" * decimals
    tail = f".{zeros}" if decimals else ""
    if percent:
        return number / 100, NumberFormat("PERCENT", f"0{tail}%")
    if currency:
        return number, NumberFormat("CURRENCY", f'"$"#,##0{tail or ".00"}')
    if m.group(1) and group in m.group(1):
        return number, NumberFormat("NUMBER", f"#,##0{tail}")
    if m.group(3):
        return number, NumberFormat("NUMBER", "0.00E+00")
    return number, None


def _parse_date(text: str, locale: str) -> tuple[float, NumberFormat] | None:
    s = text.strip()
    m = _ISO_DATE.match(s)
    try:
        if m:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            sep = "-" if "-" in s[:8] else "/"
            pattern = f"yyyy{sep}mm{sep}dd"
            time_parts = m.group(4, 5, 6)
        else:
            m = _SLASH_DATE.match(s)
            if not m:
                t = _TIME.match(s)
                if not t:
                    return None
                h, mi, sec = int(t.group(1)), int(t.group(2)), int(t.group(3) or 0)
                if h > 23 or mi > 59 or sec > 59:
                    return None
                pattern = "h:mm:ss" if t.group(3) else "h:mm"
                return (h * 3600 + mi * 60 + sec) / 86400, NumberFormat("TIME", pattern)
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            month_first = locale in MONTH_FIRST_LOCALES
            mo, d = (a, b) if month_first else (b, a)
            pattern = "M/d/yyyy" if month_first else "d/M/yyyy"
            time_parts = m.group(4, 5, 6)
        value = dt.datetime(y, mo, d)
    except ValueError:
        return None
    if time_parts[0] is not None:
        h, mi, sec = int(time_parts[0]), int(time_parts[1]), int(time_parts[2] or 0)
        if h > 23 or mi > 59 or sec > 59:
            return None
        value = value.replace(hour=h, minute=mi, second=sec)
        return to_serial(value), NumberFormat("DATE_TIME", pattern + " h:mm:ss")
    return to_serial(value), NumberFormat("DATE", pattern)


def parse_input(raw: object, option: str, locale: str = "en_US") -> Cell | None:
    """Turn one JSON input value into a cell (None = empty) following valueInputOption RAW or USER_ENTERED."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        return Cell(value=raw)
    if isinstance(raw, int | float):
        return Cell(value=clean_number(float(raw)) if isinstance(raw, float) else raw)
    text = str(raw)
    if option == "RAW":
        return Cell(value=text)
    if text.startswith("'"):
        return Cell(value=text[1:]) if len(text) > 1 else None
    if text.startswith("=") and len(text) > 1:
        return Cell(formula=text)
    if text.upper() in ("TRUE", "FALSE"):
        return Cell(value=text.upper() == "TRUE")
    num = _parse_number(text, locale)
    if num is not None:
        return Cell(value=clean_number(num[0]), fmt=num[1])
    date = _parse_date(text, locale)
    if date is not None:
        return Cell(value=clean_number(date[0]), fmt=date[1])
    return Cell(value=text)


# ---------------------------------------------------------------- rendering


def format_general(x: float) -> str:
    """Google's "General" display: integers plainly, otherwise up to ten decimals with zeros trimmed."""
    if isinstance(x, bool):
        return "TRUE" if x else "FALSE"
    if math.isfinite(x) and x == int(x) and abs(x) < 1e15:
        return str(int(x))
    if abs(x) >= 1e15 or (abs(x) < 1e-10 and x != 0):
        mant, exp = f"{x:.5E}".split("E")
        mant = mant.rstrip("0").rstrip(".")
        return f"{mant}E{'+' if int(exp) >= 0 else '-'}{abs(int(exp)):02d}"
    s = f"{round(x, 10):.10f}".rstrip("0").rstrip(".")
    return s if s not in ("", "-0") else "0"


def _group(int_text: str, group: str) -> str:
    out = ""
    while len(int_text) > 3:
        out = group + int_text[-3:] + out
        int_text = int_text[:-3]
    return int_text + out


def _format_fixed(x: float, decimals: int, grouped: bool, locale: str) -> str:
    group, dec = _separators(locale)
    text = f"{abs(x):.{decimals}f}"
    int_text, _, frac = text.partition(".")
    if grouped:
        int_text = _group(int_text, group)
    body = int_text + (dec + frac if frac else "")
    return ("-" if x < 0 and float(text) != 0 else "") + body


_DATE_TOKEN = re.compile(r"yyyy|yy|mmmm|mmm|mm|m|MM|M|dd|d|HH|H|hh|h|ss|s|am/pm|AM/PM|.", re.IGNORECASE)
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _format_date(x: float, pattern: str) -> str:
    """Render a serial number with a Sheets date/time pattern (m after an hour token means minutes)."""
    value = from_serial(x)
    # round to the nearest second so 0.1 days prints 2:24:00, not 2:23:59
    value = (value + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
    tokens = _DATE_TOKEN.findall(pattern or "M/d/yyyy")
    twelve = any(t.lower() == "am/pm" for t in tokens)
    out: list[str] = []
    after_hour = False
    for tok in tokens:
        low = tok.lower()
        if low == "yyyy":
            out.append(f"{value.year:04d}")
        elif low == "yy":
            out.append(f"{value.year % 100:02d}")
        elif low in ("mmmm", "mmm"):
            name = _MONTHS[value.month - 1]
            out.append(name if low == "mmmm" else name[:3])
        elif low in ("mm", "m"):
            number = value.minute if after_hour else value.month
            out.append(f"{number:02d}" if low == "mm" else str(number))
            after_hour = False
        elif low in ("dd", "d"):
            out.append(f"{value.day:02d}" if low == "dd" else str(value.day))
        elif low in ("hh", "h"):
            hour = (value.hour % 12 or 12) if twelve else value.hour
            out.append(f"{hour:02d}" if low == "hh" else str(hour))
            after_hour = True
        elif low in ("ss", "s"):
            out.append(f"{value.second:02d}" if low == "ss" else str(value.second))
        elif low == "am/pm":
            out.append("AM" if value.hour < 12 else "PM")
        else:
            out.append(tok)
    return "".join(out)


def format_number(x: float, fmt: NumberFormat | None, locale: str = "en_US") -> str:
    """FORMATTED_VALUE of a number under the handful of number formats the emulator infers or accepts."""
    if isinstance(x, bool):
        return "TRUE" if x else "FALSE"
    if fmt is None or not fmt.pattern or fmt.type == "TEXT":
        text = format_general(x)
        return text.replace(".", _separators(locale)[1]) if locale in COMMA_DECIMAL_LOCALES else text
    pattern = fmt.pattern
    if fmt.type in ("DATE", "DATE_TIME", "TIME"):
        return _format_date(x, pattern)
    decimals = 0
    if "." in pattern:
        decimals = len(pattern.split(".", 1)[1]) - len(pattern.split(".", 1)[1].lstrip("0"))
    if pattern.endswith("%"):
        return _format_fixed(x * 100, decimals, False, locale) + "%"
    if "E+" in pattern:
        mant, exp = f"{x:.{decimals}E}".split("E")
        return f"{mant}E+{int(exp):02d}" if int(exp) >= 0 else f"{mant}E-{abs(int(exp)):02d}"
    grouped = "#,##" in pattern
    body = _format_fixed(x, decimals, grouped, locale)
    if pattern.startswith('"$"'):
        return ("-$" + body[1:]) if body.startswith("-") else "$" + body
    return body


Evaluator = Callable[[str], Scalar | None]


def render(
    cell: Cell | None,
    value_render: str,
    date_render: str,
    locale: str = "en_US",
    evaluate: Evaluator | None = None,
) -> Scalar:
    """One cell as values.get returns it under valueRenderOption and dateTimeRenderOption."""
    if cell is None or cell.is_blank:
        return ""
    if cell.formula is not None:
        if value_render == "FORMULA":
            return cell.formula
        if evaluate is None:
            from .formula import evaluate as evaluate_formula

            computed: Scalar | None = evaluate_formula(cell.formula, lambda title, bounds: [])
        else:
            computed = evaluate(cell.formula)
        if computed is None:
            return cell.formula  # documented deviation: no general formula engine
        value: Scalar = computed
    else:
        value = cell.value if cell.value is not None else ""
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE") if value_render == "FORMATTED_VALUE" else value
    if isinstance(value, int | float):
        if value_render == "FORMATTED_VALUE":
            return format_number(value, cell.fmt, locale)
        is_date = cell.fmt is not None and cell.fmt.type in ("DATE", "DATE_TIME", "TIME")
        if is_date and date_render == "FORMATTED_STRING":
            return format_number(value, cell.fmt, locale)
        return clean_number(value)
    return value


def effective_json(cell: Cell | None) -> dict[str, object]:
    """ExtendedValue of a cell for CellData.userEnteredValue / effectiveValue."""
    if cell is None or cell.is_blank:
        return {}
    if cell.formula is not None:
        return {"formulaValue": cell.formula}
    v = cell.value
    if isinstance(v, bool):
        return {"boolValue": v}
    if isinstance(v, int | float):
        return {"numberValue": clean_number(v)}
    return {"stringValue": v}


def cell_from_extended(value: dict[str, object], fmt: NumberFormat | None = None) -> Cell | None:
    """Build a cell from an ExtendedValue sent in updateCells / appendCells / repeatCell."""
    if "formulaValue" in value:
        return Cell(formula=str(value["formulaValue"]), fmt=fmt)
    if "boolValue" in value:
        return Cell(value=bool(value["boolValue"]), fmt=fmt)
    if "numberValue" in value:
        n = value["numberValue"]
        return Cell(value=clean_number(float(n)) if isinstance(n, int | float | str) else 0, fmt=fmt)
    if "stringValue" in value:
        s = str(value["stringValue"])
        return Cell(value=s, fmt=fmt) if s != "" else None
    return None

"""Validate user input against a tab's pandera schema and turn failures into :class:`FieldError`.

The same report shape serves every entry path (app form, Excel/CSV import, CLI): the row
number the user sees, the column label, the value found, the rule, and what to type instead.
Raw text is parsed first (money "8.500.000", "8,5 triệu"; dates "1/5/2023"), so the error names
what the user typed, not a coerced NaN.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import pandera.pandas as pa

from core.errors import FieldError
from core.text import clean, fold
from core.vnformat import try_parse_date_vi, try_parse_vnd
from schemas.form_tabs import EMAIL, MULTI_SEPARATOR, PHONE
from schemas.registry import TabSpec, cell_for, spec

Tab = str | TabSpec

#: 10^15 đồng: far above any award, work or initiative value, and inside a 64-bit integer cell.
MAX_MONEY = 10**15


def _spec_of(tab: Tab) -> TabSpec:
    """A registered tab's spec, or the spec itself (a form's new version being checked)."""
    return tab if isinstance(tab, TabSpec) else spec(tab)


def choices(tab: Tab, column: str) -> tuple[str, ...] | None:
    """Allowed values of an enumerated column (from its ``isin`` check), else None."""
    col = _spec_of(tab).schema.columns.get(column)
    if col is None:
        return None
    for check in col.checks:
        if check.name == "isin":
            return tuple(v for v in check.statistics["allowed_values"] if v != "")
    return None


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, list | tuple | set | frozenset):
        return not any(not _empty(v) for v in value)
    if isinstance(value, float) and pd.isna(value):
        return True
    return isinstance(value, str) and clean(value) == ""


_YES = frozenset({"co", "c", "yes", "y", "true", "1", "x", "dung", "đung"})
_NO = frozenset({"khong", "k", "no", "n", "false", "0", "sai"})


def _option_code(s: TabSpec, column: str, value: Any) -> str:
    """The code of a declared option typed as its code or either of its labels (any case, with or
    without diacritics); the text itself when nothing matches (the schema's check then names it)."""
    text = clean(value)
    options = s.options(column)
    if text in options:
        return text
    key = fold(text)
    for code, labels in options.items():
        if key in {fold(code), *(fold(v) for v in labels.values() if v)}:
            return code
    return text


def _parse_declared(s: TabSpec, column: str, ftype: str, value: Any) -> tuple[Any, str | None]:
    """Parse a value of a field a campaign form declared (choice, multi-choice, yes/no, e-mail,
    phone, year); other types take the storage kind's path."""
    if ftype == "choice":
        return _option_code(s, column, value), None
    if ftype == "multi_choice":
        parts = (
            value
            if isinstance(value, list | tuple | set | frozenset)
            else str(value).replace(",", ";").split(";")
        )
        codes = [_option_code(s, column, p) for p in parts if not _empty(p)]
        return MULTI_SEPARATOR.join(dict.fromkeys(codes)), None
    if ftype == "yes_no":
        if isinstance(value, bool):
            return value, None
        key = fold(str(value))
        if key in _YES:
            return True, None
        return (False, None) if key in _NO else (False, "bad_yes_no")
    if ftype == "email":
        text = clean(value).lower()
        return (text, None) if re.match(EMAIL, text) else (clean(value), "bad_email")
    if ftype == "phone":
        digits = re.sub(r"[\s.\-()]", "", clean(value))
        return (digits, None) if re.match(PHONE, digits) else (clean(value), "bad_phone")
    if ftype == "year":
        if isinstance(value, int) and not isinstance(value, bool):
            return value, None
        if isinstance(value, float) and value.is_integer():
            return int(value), None
        text = clean(value)
        return (int(text), None) if text.isdigit() else (None, "bad_year")
    return _NOT_DECLARED, None


_NOT_DECLARED = object()


def parse_value(tab: Tab, column: str, value: Any) -> tuple[Any, str | None]:
    """(cell to store, rule name if the raw value cannot be parsed)."""
    s = _spec_of(tab)
    kind = s.kind(column)
    if _empty(value):
        return (None if kind in ("int", "money") else False if kind == "bool" else ""), None
    ftype = s.field_type(column)
    if ftype:
        cell, rule = _parse_declared(s, column, ftype, value)
        if cell is not _NOT_DECLARED:
            return cell, rule
    if kind == "money":
        n = try_parse_vnd(value)
        if n is not None and n > MAX_MONEY:
            return None, "money_too_large"  # beyond any real amount (and beyond a 64-bit cell)
        return (n, None) if n is not None else (None, "bad_money")
    if kind == "int":
        if isinstance(value, bool):
            return None, "bad_int"
        if isinstance(value, int):
            return value, None
        if isinstance(value, float) and value.is_integer():
            return int(value), None
        text = clean(value)
        return (int(text), None) if text.lstrip("-").isdigit() else (None, "bad_int")
    if kind == "date":
        if isinstance(value, dt.date):
            return value.isoformat()[:10], None
        d = try_parse_date_vi(value)
        return (d.isoformat(), None) if d is not None else ("", "bad_date")
    return cell_for(s, column, value), None


_CHECK_RULES = {
    "isin": "not_in_list",
    "str_matches": "bad_format",
    "greater_than_or_equal_to": "too_small",
    "less_than_or_equal_to": "too_large",
    "not_nullable": "required",
}


def allowed_text(tab: Tab, column: str, lang: str = "vi") -> str:
    """The valid values of an enumerated column for a message: "label (CODE)" for a declared
    choice field, the codes otherwise."""
    s = _spec_of(tab)
    options = s.options(column)
    if options:
        return ", ".join(
            f"{labels.get(lang) or labels.get('vi') or code} ({code})" for code, labels in options.items()
        )
    return ", ".join(choices(tab, column) or ())


def _rule_for(tab: Tab, column: str, check: str, lang: str = "vi") -> tuple[str, dict[str, Any]]:
    """Map a pandera check name to our rule name and parameters for the message."""
    name = check.split("(", 1)[0]
    s = _spec_of(tab)
    if name in ("isin", "multi_isin") and s.options(column):
        return "not_in_list", {"allowed": allowed_text(tab, column, lang)}
    if name == "str_matches" and s.field_type(column) in ("email", "phone"):
        return f"bad_{s.field_type(column)}", {}
    col = s.schema.columns[column]
    stats: dict[str, Any] = {}
    for c in col.checks:
        if c.name == name:
            stats = dict(c.statistics)
    if name == "str_length":
        return "bad_length", {"min": stats.get("min_value") or 0, "max": stats.get("max_value") or "∞"}
    if name == "isin":
        allowed = [v for v in stats.get("allowed_values", ()) if v != ""]
        return "not_in_list", {"allowed": ", ".join(map(str, allowed))}
    if name == "greater_than_or_equal_to":
        return "too_small", {"min": stats.get("min_value")}
    if name == "less_than_or_equal_to":
        return "too_large", {"max": stats.get("max_value")}
    return _CHECK_RULES.get(name, "invalid"), {}


def validate_rows(
    tab: Tab,
    rows: Sequence[Mapping[str, Any]],
    fields: Sequence[str],
    required: Iterable[str] = (),
    *,
    first_row: int = 1,
    lang: str = "vi",
) -> tuple[list[dict[str, Any]], list[FieldError]]:
    """Parse and validate ``fields`` of ``rows``; returns (parsed cells per row, errors).

    ``first_row`` is the number the user sees for ``rows[0]`` (2 for a sheet under its header).
    A row with any error is still returned parsed, so callers can keep the good rows.
    """
    s = _spec_of(tab)
    req = set(required)
    parsed: list[dict[str, Any]] = []
    errors: list[FieldError] = []
    bad_cells: set[tuple[int, str]] = set()
    for i, row in enumerate(rows):
        out: dict[str, Any] = {}
        for f in fields:
            raw = row.get(f)
            label = s.label(f, lang)
            if _empty(raw) and f in req:
                errors.append(FieldError(first_row + i, label, "", "required"))
                bad_cells.add((i, f))
            cell, rule = parse_value(tab, f, raw)
            if rule:
                params = {"allowed": allowed_text(tab, f, lang)} if rule == "not_in_list" else {}
                errors.append(FieldError(first_row + i, label, _shown(raw), rule, params))
                bad_cells.add((i, f))
            out[f] = cell
        parsed.append(out)
    if not parsed:
        return parsed, errors
    sub = pa.DataFrameSchema(
        {f: s.schema.columns[f] for f in fields},
        coerce=True,
    )
    frame = pd.DataFrame(parsed, columns=list(fields))
    for f in fields:
        if s.kind(f) in ("int", "money"):
            frame[f] = pd.array(frame[f].tolist(), dtype="Int64")
    try:
        sub.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        fc = exc.failure_cases
        for rec in fc.to_dict("records"):
            column = rec.get("column")
            idx = rec.get("index")
            if column not in fields or idx is None or pd.isna(idx):
                continue
            i = int(idx)
            if (i, column) in bad_cells:
                continue  # already reported with the user's own text
            empty = _empty(parsed[i].get(column))
            if empty and column not in req:
                continue  # optional and left blank
            rule, params = ("required", {}) if empty else _rule_for(tab, column, str(rec.get("check")), lang)
            errors.append(
                FieldError(first_row + i, s.label(column, lang), _shown(rows[i].get(column)), rule, params)
            )
            bad_cells.add((i, column))
    errors.sort(key=lambda e: (e.row or 0, list(fields).index(_field_of(s, e.column, fields, lang))))
    return parsed, errors


def _shown(raw: Any) -> Any:
    """What the user typed, as a message shows it (a multi-choice list as "a; b")."""
    if isinstance(raw, list | tuple | set | frozenset):
        return MULTI_SEPARATOR.join(str(v) for v in raw)
    return raw


def _field_of(s: Any, label: str, fields: Sequence[str], lang: str) -> str:
    for f in fields:
        if s.label(f, lang) == label:
            return f
    return fields[0]

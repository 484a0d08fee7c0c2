"""Validate user input against a tab's pandera schema and turn failures into :class:`FieldError`.

The same report shape serves every entry path (app form, Excel/CSV import, CLI): the row
number the user sees, the column label, the value found, the rule, and what to type instead.
Raw text is parsed first (money "8.500.000", "8,5 triệu"; dates "1/5/2023"), so the error names
what the user typed, not a coerced NaN.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import pandera.pandas as pa

from core.errors import FieldError
from core.text import clean
from core.vnformat import try_parse_date_vi, try_parse_vnd
from schemas.registry import spec, to_cell

#: 10^15 đồng: far above any award, work or initiative value, and inside a 64-bit integer cell.
MAX_MONEY = 10**15


def choices(tab: str, column: str) -> tuple[str, ...] | None:
    """Allowed values of an enumerated column (from its ``isin`` check), else None."""
    col = spec(tab).schema.columns.get(column)
    if col is None:
        return None
    for check in col.checks:
        if check.name == "isin":
            return tuple(v for v in check.statistics["allowed_values"] if v != "")
    return None


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and pd.isna(value):
        return True
    return isinstance(value, str) and clean(value) == ""


def parse_value(tab: str, column: str, value: Any) -> tuple[Any, str | None]:
    """(cell to store, rule name if the raw value cannot be parsed)."""
    kind = spec(tab).kind(column)
    if _empty(value):
        return (None if kind in ("int", "money") else ""), None
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
    return to_cell(tab, column, value), None


_CHECK_RULES = {
    "isin": "not_in_list",
    "str_matches": "bad_format",
    "greater_than_or_equal_to": "too_small",
    "less_than_or_equal_to": "too_large",
    "not_nullable": "required",
}


def _rule_for(tab: str, column: str, check: str) -> tuple[str, dict[str, Any]]:
    """Map a pandera check name to our rule name and parameters for the message."""
    name = check.split("(", 1)[0]
    col = spec(tab).schema.columns[column]
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
    tab: str,
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
    s = spec(tab)
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
                errors.append(FieldError(first_row + i, label, raw, rule))
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
            rule, params = ("required", {}) if empty else _rule_for(tab, column, str(rec.get("check")))
            errors.append(FieldError(first_row + i, s.label(column, lang), rows[i].get(column), rule, params))
            bad_cells.add((i, column))
    errors.sort(key=lambda e: (e.row or 0, list(fields).index(_field_of(s, e.column, fields, lang))))
    return parsed, errors


def _field_of(s: Any, label: str, fields: Sequence[str], lang: str) -> str:
    for f in fields:
        if s.label(f, lang) == label:
            return f
    return fields[0]

"""Validate user input against a tab's pandera schema and turn failures into :class:`FieldError`.

The same report shape serves every entry path (app form, Excel/CSV import, CLI, sheet sync): the
row number the user sees, the column label, the value found, the rule, and what to type instead.
Raw text is parsed first, one column at a time (:mod:`schemas.columns`: money "8.500.000",
"8,5 triệu"; dates "1/5/2023"; labels or codes in coded columns), so the error names what the
user typed, not a coerced NaN; the parsed frame then goes through the tab's pandera schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import pandera.pandas as pa

from core.errors import FieldError
from core.text import clean, fold
from schemas.choices import Choices, award_choices, enum_choices
from schemas.columns import (
    MAX_MONEY,
    TEXT_MAX,
    Problem,
    choice_column,
    date_column,
    int_column,
    is_empty,
    length_problems,
    money_column,
    shown,
    text_column,
)
from schemas.form_tabs import EMAIL, MULTI_SEPARATOR, PHONE
from schemas.registry import TabSpec, _to_text, cell_for, spec

#: A registered tab's name, or a spec itself (a campaign form's new version being checked).
Tab = str | TabSpec

__all__ = [
    "MAX_MONEY",
    "TEXT_MAX",
    "allowed_text",
    "choices",
    "column_choices",
    "parse_value",
    "validate_rows",
]


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


def column_choices(
    tab: Tab, column: str, catalogue: Mapping[str, Mapping[str, Any]] | None = None
) -> Choices | None:
    """The codes of a coded column with their labels and every spelling people use for them:
    an enumerated column of the schema, or ``award_code`` (named from ``catalogue``). A choice
    field a campaign form declares has its own options (:func:`_parse_declared`): None here."""
    if column == "award_code":
        return award_choices(catalogue)
    if _spec_of(tab).options(column):
        return None
    codes = choices(tab, column)
    return enum_choices(column, codes) if codes else None


def _length_bounds(tab: Tab, column: str) -> tuple[int, int | None]:
    for check in _spec_of(tab).schema.columns[column].checks:
        if check.name == "str_length":
            low = int(check.statistics.get("min_value") or 0)
            high = check.statistics.get("max_value")
            return low, int(high) if high is not None else None
    return 0, None


def parse_value(tab: Tab, column: str, value: Any) -> tuple[Any, str | None]:
    """(cell to store, rule name if the raw value cannot be parsed) for one cell."""
    cells, problems = _parse_column(tab, column, [value], None)
    return cells[0], (problems[0][1] if problems else None)


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


def _is_blank(value: Any) -> bool:
    if isinstance(value, list | tuple | set | frozenset):
        return all(_is_blank(v) for v in value)
    return bool(is_empty(value))


def _parse_declared(s: TabSpec, column: str, ftype: str, value: Any) -> tuple[Any, str | None]:
    """Parse one value of a field a campaign form declared (choice, multi-choice, yes/no, e-mail,
    phone, year); ``_NOT_DECLARED`` for other types (they take the storage kind's path)."""
    if ftype == "choice":
        return _option_code(s, column, value), None
    if ftype == "multi_choice":
        parts = (
            value
            if isinstance(value, list | tuple | set | frozenset)
            else str(value).replace(",", ";").split(";")
        )
        codes = [_option_code(s, column, p) for p in parts if not _is_blank(p)]
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
_DECLARED_TYPES = frozenset({"choice", "multi_choice", "yes_no", "email", "phone", "year"})


def _parse_column(
    tab: Tab, column: str, raw: Sequence[Any], catalogue: Mapping[str, Mapping[str, Any]] | None
) -> tuple[list[Any], list[Problem]]:
    s = _spec_of(tab)
    kind = s.kind(column)
    ftype = s.field_type(column)
    if ftype in _DECLARED_TYPES:  # a campaign form's own typed field
        empty = None if kind in ("int", "money") else False if kind == "bool" else ""
        cells: list[Any] = []
        problems: list[Problem] = []
        for i, value in enumerate(raw):
            if _is_blank(value):
                cells.append(empty)
                continue
            cell, rule = _parse_declared(s, column, ftype, value)
            cells.append(cell)
            if rule:
                problems.append((i, rule, {}))
        return cells, problems
    if kind == "money":
        return money_column(raw)
    if kind == "int":
        return int_column(raw)
    if kind == "date":
        return date_column(raw)
    coded = column_choices(tab, column, catalogue)
    if coded is not None and (column != "award_code" or catalogue):
        return choice_column(raw, coded)
    if kind == "text":
        texts = text_column(raw, _to_text)
        low, high = _length_bounds(tab, column)
        return texts, length_problems(texts, low, TEXT_MAX if high is None else high)
    if kind == "bool":
        return [False if _is_blank(v) else cell_for(s, column, v) for v in raw], []
    return [cell_for(s, column, v) for v in raw], []


_CHECK_RULES = {
    "isin": "not_in_list",
    "str_matches": "bad_format",
    "greater_than_or_equal_to": "too_small",
    "less_than_or_equal_to": "too_large",
    "not_nullable": "required",
}


def allowed_text(tab: Tab, column: str, lang: str = "vi") -> str:
    """The valid values of an enumerated column for a message: the labels of a declared choice
    field, in the user's language (codes stay internal), the codes otherwise."""
    s = _spec_of(tab)
    options = s.options(column)
    if options:
        return ", ".join(labels.get(lang) or labels.get("vi") or code for code, labels in options.items())
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
    first_row: int | None = 1,
    lang: str = "vi",
    catalogue: Mapping[str, Mapping[str, Any]] | None = None,
    row_numbers: Sequence[int] | None = None,
    awards: Sequence[str] = (),
) -> tuple[list[dict[str, Any]], list[FieldError]]:
    """Parse and validate ``fields`` of ``rows``; returns (parsed cells per row, errors).

    ``first_row`` is the number the user sees for ``rows[0]`` (2 for a sheet under its header;
    None for a form, which has no rows); ``row_numbers`` gives each row's number instead.
    ``catalogue`` (award code -> its ``name_vi``/``name_en``) lets the award column take award
    names as well as codes; enumerated columns always take their labels ("Cá nhân" for CA_NHAN).
    ``awards``: the codes the form offers; any other award is ``award_not_in_form``, naming them.
    A row with any error is still returned parsed, so callers can keep the good rows.
    """
    s = _spec_of(tab)
    fields = list(fields)
    req = set(required)
    n = len(rows)

    def number(i: int) -> int | None:
        if row_numbers is not None:
            return row_numbers[i]
        return None if first_row is None else first_row + i

    errors: list[tuple[int, int, FieldError]] = []  # (row index, field index, error)
    bad_cells: set[tuple[int, str]] = set()
    columns: dict[str, list[Any]] = {}
    for j, f in enumerate(fields):
        raw = [r.get(f) for r in rows]
        label = s.label(f, lang)
        cells, problems = _parse_column(tab, f, raw, catalogue)
        columns[f] = cells
        if f in req:
            for i, cell in enumerate(cells):
                # a blank yes/no cell parses to False: still "required" when nothing was typed
                if (cell is None or cell == "" or isinstance(cell, bool)) and _is_blank(raw[i]):
                    errors.append((i, j, FieldError(number(i), label, "", "required")))
                    bad_cells.add((i, f))
        coded = column_choices(tab, f, catalogue) if any(p[1] == "not_in_list" for p in problems) else None
        if f == "award_code" and awards:
            offered = column_choices(tab, f, catalogue) or coded
            problems = [
                (i, "award_not_in_form" if rule == "not_in_list" else rule, params)
                for i, rule, params in problems
            ]
            problems += [
                (i, "award_not_in_form", {}) for i, code in enumerate(cells) if code and code not in awards
            ]
            problems = list({(i, rule): (i, rule, params) for i, rule, params in problems}.values())
            for k, (i, rule, _params) in enumerate(problems):
                if rule == "award_not_in_form" and offered is not None:
                    problems[k] = (i, rule, {"allowed": offered.listing(awards, lang)})
        for i, rule, params in problems:
            if (i, f) in bad_cells:
                continue
            if rule == "not_in_list" and coded is not None:
                params = {"allowed": coded.listing(lang=lang)}
            errors.append((i, j, FieldError(number(i), label, _shown(raw[i]), rule, params)))
            bad_cells.add((i, f))
    parsed = [dict(zip(fields, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    if not fields:
        parsed = [{} for _ in range(n)]
    if n:
        errors += _schema_errors(tab, fields, columns, rows, req, bad_cells, number, lang)
    errors.sort(key=lambda e: (e[0], e[1]))
    return parsed, [e for _, _, e in errors]


def _schema_errors(
    tab: Tab,
    fields: list[str],
    columns: Mapping[str, list[Any]],
    rows: Sequence[Mapping[str, Any]],
    req: set[str],
    bad_cells: set[tuple[int, str]],
    number: Any,
    lang: str,
) -> list[tuple[int, int, FieldError]]:
    """What the tab's pandera schema refuses in the parsed columns (the declarative checks:
    lengths, formats, ranges), for cells not already reported with the user's own text."""
    s = _spec_of(tab)
    checked = [f for f in fields if s.schema.columns[f].checks or not s.schema.columns[f].nullable]
    if not checked:
        return []
    sub = pa.DataFrameSchema({f: s.schema.columns[f] for f in checked}, coerce=True)
    frame = pd.DataFrame(
        {
            f: pd.array(columns[f], dtype="Int64") if s.kind(f) in ("int", "money") else columns[f]
            for f in checked
        }
    )
    out: list[tuple[int, int, FieldError]] = []
    try:
        sub.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        fc = exc.failure_cases
        for column, idx, check in zip(fc["column"], fc["index"], fc["check"], strict=True):
            if column not in checked or idx is None or pd.isna(idx):
                continue
            i = int(idx)
            if (i, column) in bad_cells:
                continue  # already reported with the user's own text
            empty = is_empty(columns[column][i]) or columns[column][i] == ""
            if empty and column not in req:
                continue  # optional and left blank
            rule, params = ("required", {}) if empty else _rule_for(tab, column, str(check), lang)
            value = "" if empty else _shown(rows[i].get(column))
            label = s.label(column, lang)
            out.append((i, fields.index(column), FieldError(number(i), label, value, rule, params)))
            bad_cells.add((i, column))
    return out


def _shown(raw: Any) -> Any:
    """What the user typed, as a message shows it (a multi-choice list as "a; b")."""
    if isinstance(raw, list | tuple | set | frozenset):
        return MULTI_SEPARATOR.join(str(v) for v in raw)
    return shown(raw)

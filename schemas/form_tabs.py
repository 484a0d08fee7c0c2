"""Tabs a campaign form declares for itself: the pandera schema built from the fields in its YAML.

A form of a campaign YAML may write to a tab of its own (``tab: thi_sinh_2025``) and declare its
fields with a type (text, long text, integer, year, money, date, choice, multi-choice, yes/no,
e-mail, phone), limits and labelled options. This module turns those declarations
(:class:`FieldDef`) into a :class:`pandera.pandas.DataFrameSchema` shaped like the built-in
submission tabs: the envelope, the workflow columns of ``schemas.tabs.Submission``, ``fix_fields``,
then the form's fields in order. Column ``metadata`` carries the labels, the storage kind, the help
text, the field type and the options, so the form widgets, the Excel template, the import, the
sheet sync and the error messages all read the same declaration.

Storage: one tab per form, with real columns (``Workbook.ensure_tabs`` creates the tab and adds
columns a new version declares; none is ever dropped). The registry (``schemas.registry``) holds
the built schema under the tab's name once the campaign is put in use (``register``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas import tabs

#: The field types a form may declare, and the storage kind each is kept as.
FIELD_KINDS: Mapping[str, str] = {
    "text": "text",
    "long_text": "text",
    "integer": "int",
    "year": "int",
    "money": "money",
    "date": "date",
    "choice": "text",
    "multi_choice": "text",
    "yes_no": "bool",
    "email": "text",
    "phone": "text",
}
FIELD_TYPES: tuple[str, ...] = tuple(FIELD_KINDS)
#: Types that take ``min``/``max``, and those that take ``min_length``/``max_length``.
RANGED_TYPES: frozenset[str] = frozenset({"integer", "year", "money"})
TEXT_TYPES: frozenset[str] = frozenset({"text", "long_text"})
CHOICE_TYPES: frozenset[str] = frozenset({"choice", "multi_choice"})
#: Default limits when the YAML gives none (a year is a year of the last two centuries).
DEFAULT_YEAR_RANGE = (1900, 2100)
DEFAULT_TEXT_MAX = 500
DEFAULT_LONG_TEXT_MAX = 4000
#: How several codes of a multi-choice field are kept in one cell.
MULTI_SEPARATOR = "; "
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
#: A Vietnamese phone number once spaces, dots and dashes are dropped: 0 or +84, then 9–10 digits.
PHONE = r"^(0|\+84)\d{9,10}$"
#: A tab or field name: lower-case letters, digits and underscores, starting with a letter.
NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class FieldOption:
    """One option of a choice field: the code stored in the cell and its labels."""

    code: str
    label: Mapping[str, str]


@dataclass(frozen=True)
class FieldDef:
    """A field a form declares for its own tab (see the module docstring)."""

    name: str
    type: str
    label: Mapping[str, str]
    help: Mapping[str, str] | None = None
    min: int | None = None
    max: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    options: tuple[FieldOption, ...] = ()
    #: other headers officers give this column in their own files ("Nơi làm việc"), besides its labels
    headers: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """The storage kind (text, int, money, date, bool)."""
        return FIELD_KINDS[self.type]

    def codes(self) -> tuple[str, ...]:
        return tuple(o.code for o in self.options)

    def limits(self) -> tuple[int | None, int | None]:
        """(min, max) of a ranged type, with the default range of a year."""
        if self.type == "year":
            return (
                self.min if self.min is not None else DEFAULT_YEAR_RANGE[0],
                self.max if self.max is not None else DEFAULT_YEAR_RANGE[1],
            )
        return self.min, self.max

    def length(self) -> tuple[int, int]:
        """(min, max) characters of a text type."""
        default = DEFAULT_LONG_TEXT_MAX if self.type == "long_text" else DEFAULT_TEXT_MAX
        return self.min_length or 0, self.max_length or default

    def signature(self) -> str:
        """What stored cells depend on: the type, and for a choice its codes (the ledger compares it)."""
        return self.type + (":" + ",".join(self.codes()) if self.options else "")


#: Columns of every own tab before the form's fields (the envelope and the workflow's bookkeeping).
def base_columns() -> tuple[str, ...]:
    return (*_submission_schema().columns, "fix_fields")


@cache
def _submission_schema() -> pa.DataFrameSchema:
    return tabs.Submission.to_schema()


def _meta(d: FieldDef) -> dict[str, Any]:
    help_ = d.help or {}
    return {
        "vi": d.label.get("vi", d.name),
        "en": d.label.get("en") or d.label.get("vi", d.name),
        "kind": d.kind,
        "help_vi": help_.get("vi", ""),
        "help_en": help_.get("en") or help_.get("vi", ""),
        "type": d.type,
        "options": {o.code: dict(o.label) for o in d.options},
        "headers": list(d.headers),
    }


def _all_in(codes: Sequence[str]) -> Any:
    allowed = set(codes)

    def check(series: pd.Series) -> pd.Series:
        def ok(cell: Any) -> bool:
            if not isinstance(cell, str) or not cell.strip():
                return True
            return all(part.strip() in allowed for part in cell.split(";") if part.strip())

        return series.map(ok)

    return check


def column(d: FieldDef) -> pa.Column:
    """The pandera column for one field: the checks its type and limits imply."""
    checks: list[pa.Check] = []
    meta = _meta(d)
    if d.type in TEXT_TYPES:
        low, high = d.length()
        checks.append(pa.Check.str_length(min_value=low, max_value=high))
        return pa.Column(str, checks, metadata=meta)
    if d.type in RANGED_TYPES:
        low_n, high_n = d.limits()
        if low_n is not None:
            checks.append(pa.Check.ge(low_n))
        if high_n is not None:
            checks.append(pa.Check.le(high_n))
        if d.type == "money" and low_n is None:
            checks.append(pa.Check.ge(0))
        return pa.Column(pd.Int64Dtype(), checks, nullable=True, metadata=meta)
    if d.type == "date":
        return pa.Column(str, pa.Check.str_matches(tabs.ISO_DATE), metadata=meta)
    if d.type == "choice":
        return pa.Column(str, pa.Check.isin(d.codes()), metadata=meta)
    if d.type == "multi_choice":
        check = pa.Check(
            _all_in(d.codes()), name="multi_isin", statistics={"allowed_values": list(d.codes())}
        )
        return pa.Column(str, check, metadata=meta)
    if d.type == "yes_no":
        return pa.Column(bool, metadata=meta)
    if d.type == "email":
        return pa.Column(str, pa.Check.str_matches(EMAIL), metadata=meta)
    if d.type == "phone":
        return pa.Column(str, pa.Check.str_matches(PHONE), metadata=meta)
    raise ValueError(f"unknown field type {d.type!r}; known: {', '.join(FIELD_TYPES)}")


def build_schema(fields: Sequence[FieldDef]) -> pa.DataFrameSchema:
    """The schema of a form's own tab: envelope, workflow columns, ``fix_fields``, then ``fields``."""
    base = _submission_schema()
    fix = tabs.Work.to_schema().columns["fix_fields"]
    columns: dict[str, pa.Column] = {**base.columns, "fix_fields": fix}
    for d in fields:
        columns[d.name] = column(d)
    return pa.DataFrameSchema(columns, coerce=True, strict=False)


class FormFieldRecord(tabs.Envelope):
    """The ledger of forms' own fields (tab ``form_fields``): each field's type as stored cells were
    checked against, so a new version changing it is refused or migrated, never silently re-read.
    ``id`` is ``<tab>.<field>``."""

    tab: Series[str] = tabs.col("Bảng", "Tab", str_length={"min_value": 1})
    column: Series[str] = tabs.col("Cột", "Column", str_length={"min_value": 1})
    field_type: Series[str] = tabs.col("Kiểu", "Type", isin=FIELD_TYPES)
    signature: Series[str] = tabs.col(
        "Dấu hiệu kiểu",
        "Type signature",
        help_vi="Kiểu và mã các lựa chọn, để nhận ra một thay đổi.",
        help_en="The type and the option codes, to notice a change.",
    )
    campaign_id: Series[str] = tabs.col("Đợt thi đua", "Campaign")

"""A campaign form drawn from its FormSpec and the tab's schema: one widget per field kind.

Values live in session state under ``prefix + field`` so a failed save keeps what the user typed,
callbacks can read them, and a successful save can clear them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from app_pages.common import award_label, enum_label, labelled, lang, lbl, plain, tr
from core.errors import FieldError, ValidationFailed
from core.vnformat import fmt_int, try_parse_date_vi, ui_date
from schemas.registry import spec as tab_spec
from schemas.validate import choices
from services.services import Services
from workflows.spec import CampaignSpec, FieldSpec, FormSpec

#: Text columns whose schema allows this many characters or more get a multi-line box.
LONG_TEXT = 1000
DATE_RANGE = (dt.date(1950, 1, 1), dt.date(2100, 12, 31))
#: Session key suffix of a date field's calendar (the typed text is the field's own key).
CALENDAR = "__calendar"

FieldErrors = Mapping[str, list[str]]


def _options(form: FormSpec, name: str) -> tuple[str, ...] | None:
    if name == "award_code" and form.awards:
        return form.awards
    declared = tab_spec(form.tab).options(name)  # a form's own choice or multi-choice field
    return tuple(declared) if declared else choices(form.tab, name)


def _is_long_text(tab: str, name: str) -> bool:
    if tab_spec(tab).field_type(name) == "long_text":
        return True
    column = tab_spec(tab).schema.columns[name]
    for check in column.checks:
        if check.name == "str_length":
            return int(check.statistics.get("max_value") or 0) >= LONG_TEXT
    return False


def plain_label(form: FormSpec, fs: FieldSpec) -> str:
    """The field's name as messages quote it (without the required mark)."""
    return lbl(fs.label) if fs.label else tab_spec(form.tab).label(fs.name, lang())


def field_label(form: FormSpec, fs: FieldSpec) -> str:
    """The widget's label: the field's name, with the required mark when it must be filled."""
    text = plain_label(form, fs)
    return tr("ui.required_mark", label=text) if fs.required else text


def field_help(form: FormSpec, fs: FieldSpec) -> str | None:
    return (lbl(fs.help) if fs.help else tab_spec(form.tab).help(fs.name, lang())) or None


def render_form(
    svc: Services,
    form: FormSpec,
    prefix: str,
    errors: FieldErrors,
    to_fix: Sequence[str] = (),
    *,
    around: dt.date | None = None,
) -> None:
    """Draw every field of ``form``; each field's errors appear right under it, and the fields a
    reviewer asked to fix are flagged above themselves. A date field's calendar opens on ``around``
    (the campaign's own time, not the machine's month)."""
    for fs in form.fields:
        if fs.name in to_fix:
            st.warning(tr("page.mine.fix_this", field=plain_label(form, fs)), icon=":material/edit:")
        _render_field(svc, form, fs, prefix + fs.name, around or dt.date.today())
        for message in errors.get(fs.name, []):
            st.error(plain(message))


def campaign_day(svc: Services, campaign: CampaignSpec) -> dt.date:
    """The day a campaign's calendar opens on: today (the demo's date) inside the campaign window."""
    return min(max(svc.today(), campaign.opens), campaign.closes)


def _pick_date(key: str) -> None:
    """Calendar callback: the day picked is written into the field as day/month/year."""
    picked = st.session_state.get(key + CALENDAR)
    if isinstance(picked, dt.date):
        st.session_state[key] = ui_date(picked)


def _date_field(label: str, help_: str | None, key: str, around: dt.date) -> None:
    """A date typed as day/month/year (checked by the same rules as an import: 31/02/2024 is refused,
    never changed into another day) with a calendar beside it that opens on ``around``."""
    typed, calendar = st.columns([5, 1], vertical_alignment="bottom")
    typed.text_input(label, placeholder=tr("newcomer.date_placeholder"), help=help_, key=key)
    current = try_parse_date_vi(st.session_state.get(key) or "")
    start = current if current is not None and DATE_RANGE[0] <= current <= DATE_RANGE[1] else around
    with calendar.popover(
        tr("newcomer.calendar"),
        icon=":material/calendar_month:",
        help=tr("newcomer.calendar_help", label=label),
    ):
        st.session_state[key + CALENDAR] = start
        st.date_input(
            label,
            format="DD/MM/YYYY",
            min_value=DATE_RANGE[0],
            max_value=DATE_RANGE[1],
            key=key + CALENDAR,
            on_change=_pick_date,
            args=(key,),
        )


def _render_field(svc: Services, form: FormSpec, fs: FieldSpec, key: str, around: dt.date) -> None:
    label, help_ = field_label(form, fs), field_help(form, fs)
    seeded = key in st.session_state
    options = _options(form, fs.name)
    kind = tab_spec(form.tab).kind(fs.name)
    ftype = tab_spec(form.tab).field_type(fs.name)
    if ftype == "multi_choice" and options is not None:
        st.multiselect(
            label,
            options,
            format_func=labelled(options, lambda v: option_label(form.tab, fs.name, v), key),
            placeholder=tr("ui.choose"),
            help=help_,
            key=key,
        )
        return
    if ftype == "yes_no":
        extra_yn: dict[str, Any] = {} if seeded else {"index": None}
        st.selectbox(
            label,
            [True, False],
            format_func=lambda v: tr("ui.yes") if v else tr("ui.no"),
            placeholder=tr("ui.choose"),
            help=help_,
            key=key,
            **extra_yn,
        )
        return
    if options is not None:
        fmt = (
            (lambda c: award_label(svc, c))
            if fs.name == "award_code"
            else (lambda v: option_label(form.tab, fs.name, v))
        )
        extra: dict[str, Any] = {} if seeded else {"index": None}
        st.selectbox(
            label,
            options,
            format_func=labelled(options, fmt, key),
            placeholder=tr("ui.choose"),
            help=help_,
            key=key,
            **extra,
        )
    elif kind == "date":
        _date_field(label, help_, key, around)
    elif kind in ("money", "int"):
        st.text_input(
            label, placeholder=tr("ui.money_placeholder") if kind == "money" else None, help=help_, key=key
        )
    elif _is_long_text(form.tab, fs.name):
        st.text_area(label, help=help_, key=key, height=140)
    else:
        st.text_input(label, help=help_, key=key)


def option_label(tab: str, column: str, value: Any) -> str:
    """An option's label: a form's own choice field has its labels in its YAML, a built-in column
    in the message catalogue."""
    return tab_spec(tab).option_label(column, str(value), lang()) or enum_label(column, value)


def read_values(form: FormSpec, prefix: str) -> dict[str, Any]:
    """What the user entered, as services expect it (None and blanks become "")."""
    out: dict[str, Any] = {}
    for fs in form.fields:
        value = st.session_state.get(prefix + fs.name)
        out[fs.name] = "" if value is None else value
    return out


def clear_values(form: FormSpec, prefix: str) -> None:
    for fs in form.fields:
        st.session_state.pop(prefix + fs.name, None)


def seed_values(form: FormSpec, prefix: str, row: Mapping[str, Any]) -> None:
    """Prefill the widgets from a stored row (only keys not set yet, so edits survive reruns)."""
    for fs in form.fields:
        key = prefix + fs.name
        if key in st.session_state:
            continue
        value = row.get(fs.name)
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            value = ""
        kind = tab_spec(form.tab).kind(fs.name)
        options = _options(form, fs.name)
        ftype = tab_spec(form.tab).field_type(fs.name)
        if ftype == "multi_choice":
            st.session_state[key] = [v.strip() for v in str(value).split(";") if v.strip() in (options or ())]
        elif ftype == "yes_no":
            st.session_state[key] = bool(value) if value != "" else None
        elif options is not None:
            st.session_state[key] = value if value in options else None
        elif kind == "date":
            try:
                st.session_state[key] = ui_date(dt.date.fromisoformat(str(value))) if value else ""
            except ValueError:
                st.session_state[key] = str(value)
        elif kind == "money":
            st.session_state[key] = fmt_int(int(value), "vi") if value != "" else ""
        elif kind == "int":  # a year or a count: plain digits ("1990", never "1.990")
            st.session_state[key] = str(int(value)) if value != "" else ""
        else:
            st.session_state[key] = str(value)


def errors_by_field(form: FormSpec, exc: ValidationFailed) -> dict[str, list[str]]:
    """Field errors keyed by field name (errors name the column by its label); "" for the rest.

    The checks are the import's, worded for a spreadsheet ("Cột 'Họ và tên': ..."); a form has
    fields, so the message quotes the field ("Mục 'Họ và tên': ...") by its name, without its mark.
    """
    fields = {tab_spec(form.tab).label(fs.name, lang()): fs for fs in form.fields}
    out: dict[str, list[str]] = {}
    for err in exc.errors:
        fs = fields.get(err.column)
        out.setdefault(fs.name if fs else "", []).append(
            form_message(err, plain_label(form, fs) if fs else "")
        )
    return out


def form_message(err: FieldError, label: str) -> str:
    """``err`` as a form shows it: the field, not the spreadsheet column, is named."""
    text = err.message(lang())
    if err.column:
        for column_word in (tr("newcomer.column_quote", column=err.column), f"'{err.column}'"):
            if column_word in text:
                return text.replace(column_word, tr("newcomer.field_quote", field=label or err.column), 1)
    return text

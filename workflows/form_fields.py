"""A form's own fields in campaign YAML: parse them (every error names the key and the choices)
and put the form's own tab in use.

A form whose ``tab`` is not one of the built-in tabs (``nominations``, ``works``, ``initiatives``)
writes to a tab of its own and declares each field with a ``type``::

    fields:
      - {name: birth_year, type: year, label: {vi: Năm sinh, en: Year of birth}, min: 1960, max: 2007}
      - {name: trade, type: choice, label: Nghề thi, options: [{code: HAN, vi: Hàn điện, en: Welding}]}

The schema of that tab is built from these declarations (``schemas.form_tabs``) and registered
when the campaign is put in use (:func:`register`), so the form, the Excel template and import,
and the sheet sync all check the same fields with the same messages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from schemas import registry
from schemas.form_tabs import (
    CHOICE_TYPES,
    FIELD_TYPES,
    NAME,
    RANGED_TYPES,
    TEXT_TYPES,
    FieldDef,
    FieldOption,
    base_columns,
)

#: Keys a field of a form's own tab may have.
OWN_FIELD_KEYS: frozenset[str] = frozenset(
    {
        "name",
        "type",
        "label",
        "help",
        "required",
        "min",
        "max",
        "min_length",
        "max_length",
        "options",
        "headers",
    }
)
#: An option's code: letters, digits, ``_`` and ``-`` (what a cell stores and a formula can match).
OPTION_CODE = re.compile(r"^[A-Za-z0-9_-]+$")
MAX_TAB_NAME = 50


class Ctx(Protocol):
    """What parsing needs from ``workflows.spec``'s context (errors naming the file and key)."""

    def fail(self, key: str, problem: str, **params: Any) -> Exception: ...

    def mapping(self, value: Any, key: str) -> Mapping[str, Any]: ...

    def require(self, data: Mapping[str, Any], name: str, key: str) -> Any: ...

    def known(self, data: Mapping[str, Any], allowed: set[str], key: str) -> None: ...

    def label(self, value: Any, key: str) -> Mapping[str, str]: ...

    def int_(self, value: Any, key: str) -> int: ...


def check_tab_name(c: Ctx, key: str, tab: str, campaign_id: str) -> None:
    """A form's own tab: a plain name, not built in, not held by another campaign."""
    if tab in registry.BUILT_IN_TABS:
        raise c.fail(key, "own_tab_built_in", found=tab, allowed=", ".join(registry.SUBMISSION_TABS))
    if not NAME.match(tab) or len(tab) > MAX_TAB_NAME:
        raise c.fail(key, "own_tab_name", found=tab)
    owner = registry.form_tab_owner(tab)
    if owner is not None and owner != campaign_id:
        raise c.fail(key, "own_tab_taken", found=tab, owner=owner)


def _options(c: Ctx, key: str, raw: Any) -> tuple[FieldOption, ...]:
    if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
        raise c.fail(key, "field_options_missing")
    out: list[FieldOption] = []
    for i, item in enumerate(raw):
        okey = f"{key}[{i}]"
        if isinstance(item, str | int):
            code, labels = str(item), {"vi": str(item), "en": str(item)}
        else:
            data = c.mapping(item, okey)
            c.known(data, {"code", "vi", "en"}, okey)
            code = str(c.require(data, "code", okey))
            vi = str(data.get("vi") or code)
            labels = {"vi": vi, "en": str(data.get("en") or vi)}
        if not OPTION_CODE.match(code):
            raise c.fail(f"{okey}.code", "field_option_code", found=code)
        if code in {o.code for o in out}:
            raise c.fail(f"{okey}.code", "field_option_repeated", found=code)
        out.append(FieldOption(code, labels))
    return tuple(out)


def _limit(
    c: Ctx, data: Mapping[str, Any], name: str, key: str, ftype: str, allowed: frozenset[str]
) -> int | None:
    if data.get(name) is None:
        return None
    if ftype not in allowed:
        raise c.fail(
            f"{key}.{name}", "field_limit_not_for_type", type=ftype, types=", ".join(sorted(allowed))
        )
    return c.int_(data[name], f"{key}.{name}")


def parse_field(c: Ctx, key: str, raw: Any) -> tuple[FieldDef, bool]:
    """One field of a form's own tab: its definition and whether it is required."""
    data = c.mapping(raw, key)
    c.known(data, set(OWN_FIELD_KEYS), key)
    name = str(c.require(data, "name", key))
    reserved = base_columns()
    if name in reserved:
        raise c.fail(f"{key}.name", "field_reserved", found=name, reserved=", ".join(reserved))
    if not NAME.match(name):
        raise c.fail(f"{key}.name", "field_bad_name", found=name)
    ftype = str(data.get("type") or "")
    if not ftype:
        raise c.fail(f"{key}.type", "field_type_missing", allowed=", ".join(FIELD_TYPES))
    if ftype not in FIELD_TYPES:
        raise c.fail(f"{key}.type", "unknown_value", found=ftype, allowed=", ".join(FIELD_TYPES))
    low = _limit(c, data, "min", key, ftype, RANGED_TYPES)
    high = _limit(c, data, "max", key, ftype, RANGED_TYPES)
    low_len = _limit(c, data, "min_length", key, ftype, TEXT_TYPES)
    high_len = _limit(c, data, "max_length", key, ftype, TEXT_TYPES)
    for a, b, what in ((low, high, "min"), (low_len, high_len, "min_length")):
        if a is not None and b is not None and a > b:
            raise c.fail(f"{key}.{what}", "field_limits_order", low=a, high=b)
    if ftype in CHOICE_TYPES:
        options = _options(c, f"{key}.options", data.get("options"))
    elif data.get("options") is not None:
        raise c.fail(
            f"{key}.options", "field_limit_not_for_type", type=ftype, types=", ".join(sorted(CHOICE_TYPES))
        )
    else:
        options = ()
    definition = FieldDef(
        name=name,
        type=ftype,
        label=c.label(c.require(data, "label", key), f"{key}.label"),
        help=c.label(data["help"], f"{key}.help") if data.get("help") else None,
        min=low,
        max=high,
        min_length=low_len,
        max_length=high_len,
        options=options,
        headers=tuple(_headers(c, f"{key}.headers", data.get("headers"))),
    )
    return definition, bool(data.get("required", True))


#: Longest header variant a field may list (a header cell, not a paragraph).
MAX_HEADER = 200


def _headers(c: Ctx, key: str, raw: Any) -> list[str]:
    """``headers:``: other names officers give the column in their own files (a list of text)."""
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, Sequence) or not all(isinstance(h, str | int) for h in raw):
        raise c.fail(key, "expected_list", found=type(raw).__name__)
    out = [str(h).strip() for h in raw if str(h).strip()]
    for h in out:
        if len(h) > MAX_HEADER:
            raise c.fail(key, "field_header_too_long", found=h[:40] + "…", max=MAX_HEADER)
    return out


def parse_fields(c: Ctx, key: str, raw: Any) -> list[tuple[FieldDef, bool]]:
    """Every field of a form's own tab, in order; a name given twice is refused."""
    if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
        raise c.fail(f"{key}.fields", "expected_list", found=type(raw).__name__)
    out: list[tuple[FieldDef, bool]] = []
    for i, item in enumerate(raw):
        fkey = f"{key}.fields[{i}]"
        if isinstance(item, str):
            raise c.fail(fkey, "field_type_missing", allowed=", ".join(FIELD_TYPES))
        parsed = parse_field(c, fkey, item)
        if parsed[0].name in {d.name for d, _ in out}:
            raise c.fail(f"{fkey}.name", "field_repeated", found=parsed[0].name)
        out.append(parsed)
    return out


def register(campaign: Any) -> None:
    """Put the own tabs of ``campaign``'s forms in use (a ``workflows.spec.CampaignSpec``): their
    schemas go to the registry, so reads, writes and checks know their columns."""
    for form in campaign.forms.values():
        if form.own_fields:
            registry.register_form_tab(form.tab, campaign.id, form.own_fields)

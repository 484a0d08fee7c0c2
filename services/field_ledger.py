"""The ledger of forms' own fields: a field's type never changes under stored rows unnoticed.

A campaign form with a tab of its own declares each field's type (``workflows/form_fields.py``).
The ``form_fields`` tab remembers, per ``<tab>.<field>``, the type (and for a choice, its codes)
the stored cells were checked against. When a new version of the YAML (a file edited before a
restart, or a version saved from the admin page) changes it:

* nothing stored in that column yet: the new type is recorded;
* every stored value passes the new type (e.g. text holding years, now ``year``): the change is
  recorded as a migration (the cells are read with the new type from then on) and said so;
* some stored value does not: the new version is refused with :class:`FieldChangeRefused`, naming
  the tab, the field, the old and new types, the rows and what they hold, and the ways out (keep the
  type, or declare a new field, which becomes a new column).

Every recorded change appends a ``history`` row, like any change of state.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.errors import ThiduaError
from core.ports import Change, Workbook
from schemas.form_tabs import FieldDef, FieldOption, build_schema
from schemas.registry import TABS, TabSpec, form_tab_owner, register_form_tab, spec
from schemas.validate import validate_rows

TAB = "form_fields"
#: At most this many rows are named in a refusal (the count says how many there are in all).
SHOWN_ROWS = 5


class FieldChangeRefused(ThiduaError):
    """A field's new type does not fit what its column already holds."""

    code = "fields.change_refused"


@dataclass(frozen=True)
class FieldChange:
    """One recorded change of a field's type: what it was, what it is, how many cells were re-checked."""

    tab: str
    column: str
    old: str
    new: str
    values: int


def _declared(campaigns: Mapping[str, Any]) -> list[tuple[str, str, FieldDef]]:
    """(campaign id, tab, field) for every field of every form with a tab of its own."""
    return [
        (camp.id, form.tab, d)
        for camp in campaigns.values()
        for form in camp.forms.values()
        for d in form.own_fields
    ]


def ledger_rows(campaigns: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The ledger rows of the campaigns' own fields as declared (what a seed writes)."""
    return [
        {
            "id": f"{tab}.{d.name}",
            "tab": tab,
            "column": d.name,
            "field_type": d.type,
            "signature": d.signature(),
            "campaign_id": campaign_id,
        }
        for campaign_id, tab, d in _declared(campaigns)
    ]


def _failures(tab: str, d: FieldDef, rows: Sequence[Mapping[str, Any]]) -> list[tuple[str, Any]]:
    """(row id, stored value) of the rows whose value of ``d.name`` the new definition refuses."""
    scratch = TabSpec(tab, built=build_schema([d]))
    values = [{d.name: r.get(d.name)} for r in rows]
    _, errors = validate_rows(scratch, values, [d.name], first_row=0)
    bad = sorted({int(e.row or 0) for e in errors})
    return [(str(rows[i]["id"]), rows[i].get(d.name)) for i in bad]


def _stored(frame_rows: Sequence[Mapping[str, Any]], column: str) -> list[Mapping[str, Any]]:
    """Rows holding a value in ``column`` (blank cells fit any type)."""
    out = []
    for r in frame_rows:
        v = r.get(column)
        if v is None or v is False or (isinstance(v, float) and v != v) or str(v).strip() in ("", "<NA>"):
            continue
        out.append(r)
    return out


def _old_def(d: FieldDef, known: Mapping[str, Any] | None) -> FieldDef:
    """The field as the ledger last recorded it (its type and choice codes), labels as declared now."""
    if known is None or str(known["signature"]) == d.signature():
        return d
    kind, _, codes = str(known["signature"]).partition(":")
    options = tuple(FieldOption(c, {"vi": c, "en": c}) for c in codes.split(",") if c)
    return FieldDef(d.name, kind, d.label, options=options)


def _as_stored(store: Workbook, tab: str, ledger: Mapping[str, Mapping[str, Any]]) -> list[dict[Any, Any]]:
    """The tab's rows read with the types its cells were written under (the ledger's), so a value the
    new type cannot hold is seen as typed ("khoảng 30"), not as an empty cell. When the new version is
    already registered (a start: the files were loaded first, before any session exists) the recorded
    types are put back for this one read; a running version is read as it is."""
    current = spec(tab)
    owner = form_tab_owner(tab) or ""
    declared = [
        FieldDef(
            c,
            str(current.field_type(c)),
            {"vi": c},
            options=tuple(FieldOption(k, v) for k, v in current.options(c).items()),
        )
        for c in current.columns
        if current.field_type(c)
    ]
    recorded = [_old_def(d, ledger.get(f"{tab}.{d.name}")) for d in declared]
    if recorded == declared:
        return list(store.read(tab).to_dict("records"))
    register_form_tab(tab, owner, recorded)
    try:
        return list(store.read(tab).to_dict("records"))
    finally:
        TABS[tab] = current


def check(
    store: Workbook, campaigns: Mapping[str, Any], *, actor: str = "system", now: str = "", apply: bool = True
) -> list[FieldChange]:
    """Compare the declared fields with the ledger; record new fields and acceptable changes
    (``apply``), refuse a change the stored cells do not fit. Returns the changes of type."""
    ledger = {str(r["id"]): {str(k): v for k, v in r.items()} for r in store.read(TAB).to_dict("records")}
    new_rows: list[dict[str, Any]] = []
    changes: list[Change] = []
    history: list[dict[str, Any]] = []
    made: list[FieldChange] = []
    read: dict[str, list[dict[str, Any]]] = {}
    for campaign_id, tab, d in _declared(campaigns):
        rid = f"{tab}.{d.name}"
        values = {
            "tab": tab,
            "column": d.name,
            "field_type": d.type,
            "signature": d.signature(),
            "campaign_id": campaign_id,
        }
        known = ledger.get(rid)
        if known is None:
            new_rows.append({"id": rid, **values})
            continue
        if str(known["signature"]) == d.signature():
            continue
        if tab not in read:  # a tab not in use in this process has no rows read here
            frame = _as_stored(store, tab, ledger) if form_tab_owner(tab) is not None else []
            read[tab] = [{str(k): v for k, v in r.items()} for r in frame]
        holding = _stored(read[tab], d.name)
        bad = _failures(tab, d, holding)
        old = str(known["signature"])
        if bad:
            shown = "; ".join(f"{rid_} = '{value}'" for rid_, value in bad[:SHOWN_ROWS])
            raise FieldChangeRefused(
                tab=tab, column=d.name, old=old, new=d.signature(), count=len(bad), rows=shown
            )
        made.append(FieldChange(tab, d.name, old, d.signature(), len(holding)))
        changes.append(Change(rid, int(known["version"]), values))
        history.append(
            {
                "tab": TAB,
                "row_id": rid,
                "campaign_id": campaign_id,
                "action": "field_change",
                "from_state": old,
                "to_state": d.signature(),
                "actor_email": actor,
                "actor_role": "",
                "actor_unit": "",
                "reason": f"{len(holding)} giá trị đã kiểm tra lại / values re-checked",
                "at": now,
            }
        )
    if apply and (new_rows or changes):
        store.update(TAB, changes, actor=actor, also_append={TAB: new_rows, "history": history})
    return made

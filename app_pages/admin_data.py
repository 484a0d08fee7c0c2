"""Người dùng, đơn vị, quy tắc: admins add and change users, units of the union tree and the dated
rules, each change with a reason, checked by the tab's schema and kept in the history
(``services.reference_admin`` enforces admin-only and the row's version on every call)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from app_pages import common as ui
from i18n import MESSAGES
from schemas.registry import spec as tab_spec
from schemas.validate import choices
from services.reference_admin import EDITABLE, ReferenceAdmin
from services.services import Services

ui.page_header("page.admin_data.title", "page.admin_data.intro")
svc = ui.services()
actor = ui.require_actor()
admin = ReferenceAdmin(svc)

NEW = ""
TABS = ("users", "units", "rules")
#: Columns each table shows (the rest are in the form).
SHOWN: dict[str, tuple[str, ...]] = {
    "users": ("full_name", "role", "unit_id", "active"),
    "units": ("name_vi", "level", "parent_id", "sector", "member_count", "valid_to"),
    "rules": ("note", "value", "valid_from", "valid_to", "status"),
}


def key(tab: str, name: str) -> str:
    return f"admin_data_{tab}_{name}"


def value_label(column: str, value: Any) -> str:
    """A stored code as a reader knows it: a role, a level, a sector, a rule's status or rounding."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return ""
    if column == "role":
        return ui.role_label(str(value))
    if column in ("unit_id", "parent_id"):
        return ui.unit_label(svc, str(value))
    if isinstance(value, bool):
        return ui.tr("table.yes") if value else ui.tr("table.no")
    if column == "value":
        either = f" {ui.tr('newcomer.rule_either')} "  # "CN_SK|XN_HTXS": one document or the other
        return ", ".join(
            either.join(_token_label(a.strip()) for a in t.split("|")) for t in str(value).split(",")
        )
    return ui.enum_label(column, value)


def _token_label(token: str) -> str:
    """One token of a rule's value ("HALF_UP", "BO_NGANH_TINH") named by the first label it has."""
    for known in (f"newcomer.rounding.{token}", f"dossier.kind.{token}", f"newcomer.rule_value.{token}"):
        if known in MESSAGES:
            return ui.tr(known)
    named = next((k for k in MESSAGES if k.startswith("enum.") and k.endswith(f".{token}")), None)
    return ui.tr(named) if named and not token.isdigit() else token


def table(tab: str, rows: pd.DataFrame) -> pd.DataFrame:
    s = tab_spec(tab)
    return pd.DataFrame(
        {s.label(c, ui.lang()): [value_label(c, v) for v in rows[c]] for c in SHOWN[tab] if c in rows}
    )


def row_label(tab: str, row: dict[str, Any]) -> str:
    if tab == "users":
        role, unit = ui.role_label(str(row["role"])), ui.unit_label(svc, str(row["unit_id"]))
        return f"{row['full_name']} – {role} – {unit}"
    if tab == "units":
        return str(row["name_vi"])
    since = ui.display_value(svc, "rules", "valid_from", row["valid_from"])
    return f"{row['note']} ({ui.tr('page.admin_data.from')} {since})"


def save(tab: str, row: dict[str, Any] | None) -> None:
    """Callback: add or change the row from the form (services check admin, schema and version)."""
    who = ui.current_actor()
    if who is None:
        return
    fields = EDITABLE[tab].fields
    values = {f: st.session_state.get(key(tab, f)) for f in fields}
    values = {f: ("" if v is None else v) for f, v in values.items()}
    if row is None and EDITABLE[tab].typed_id:
        values["id"] = str(st.session_state.get(key(tab, "id")) or "")
    reason = str(st.session_state.get(key(tab, "reason")) or "")
    st.session_state.pop(ui.error_key("admin_data", tab), None)
    from core.errors import ValidationFailed

    try:
        done = ui.run_command(
            lambda: admin.save(
                who,
                tab,
                values,
                reason,
                row_id=None if row is None else str(row["id"]),
                version=None if row is None else int(row["version"]),
            ),
            near=f"admin_data_{tab}",
        )
    except ValidationFailed as exc:
        st.session_state[ui.error_key("admin_data", tab)] = [e.message(ui.lang()) for e in exc.errors]
        return
    if done is None:
        return
    ui.flash(ui.tr("page.admin_data.saved"))
    for f in (*fields, "id", "reason"):
        st.session_state.pop(key(tab, f), None)
    st.session_state.pop(key(tab, "pick"), None)


def unit_choices(svc: Services) -> list[str]:
    tree = svc.reference().tree
    return sorted(tree.parent, key=lambda u: ui.unit_label(svc, u))


def field_widget(tab: str, field: str, current: Any) -> None:
    s = tab_spec(tab)
    label = s.label(field, ui.lang())
    k = key(tab, field)
    kind = s.kind(field)
    help_ = s.help(field, ui.lang()) or None
    if k not in st.session_state:
        st.session_state[k] = _initial(tab, field, current)
    options = choices(tab, field)
    if field in ("unit_id", "parent_id"):
        units = ["", *unit_choices(svc)]
        labels: Callable[[Any], str] = lambda u: ui.unit_label(svc, u) if u else ui.tr("ui.none")  # noqa: E731
        st.selectbox(label, units, format_func=ui.labelled(units, labels, k), key=k, help=help_)
    elif options is not None:
        opts = (
            ["", *options]
            if "" in (choices(tab, field) or ()) or not _required(tab, field)
            else list(options)
        )
        st.selectbox(
            label,
            opts,
            format_func=ui.labelled(opts, lambda v: value_label(field, v) if v else ui.tr("ui.none"), k),
            key=k,
            help=help_,
        )
    elif kind == "bool":
        st.checkbox(label, key=k, help=help_)
    else:
        st.text_input(label, key=k, help=help_)


def _required(tab: str, field: str) -> bool:
    return field in EDITABLE[tab].required


def _initial(tab: str, field: str, current: Any) -> Any:
    kind = tab_spec(tab).kind(field)
    if current is None or (not isinstance(current, str) and pd.isna(current)):
        return True if kind == "bool" else ""
    if kind == "bool":
        return bool(current)
    if kind == "date":
        return ui.display_value(svc, tab, field, current)
    if kind in ("int", "money"):
        return str(int(current))
    return current


def history(tab: str, row_id: str | None) -> None:
    hist = admin.history(actor, tab, row_id)
    st.markdown(f"**{ui.tr('page.admin_data.history')}**")
    if hist.empty:
        st.caption(ui.tr("page.admin_data.no_history"))
        return
    users = svc.reference().users
    names = dict(zip(users["email"], users["full_name"], strict=False))
    ui.dataframe(
        pd.DataFrame(
            {
                ui.tr("page.admin_data.col.at"): [ui.fmt_datetime(v) for v in hist["at"]],
                ui.tr("page.admin_data.col.who"): [
                    ui.actor_label(svc, names.get(str(e), ""), r, u)
                    for e, r, u in zip(
                        hist["actor_email"], hist["actor_role"], hist["actor_unit"], strict=True
                    )
                ],
                ui.tr("page.admin_data.col.what"): [
                    ui.tr(f"page.admin_data.action.{a}") for a in hist["action"].astype(str)
                ],
                ui.tr("page.admin_data.col.change"): hist["reason"],
            }
        ),
        hide_index=True,
        key=key(tab, "history"),
    )


def editor(tab: str) -> None:
    rows = admin.rows(actor, tab)
    ui.dataframe(table(tab, rows), hide_index=True, key=key(tab, "table"))
    by_id = {str(r["id"]): r for r in ui.records(rows)}
    ids = [NEW, *by_id]
    picked = st.selectbox(
        ui.tr("page.admin_data.pick"),
        ids,
        format_func=ui.labelled(
            ids,
            lambda i: ui.tr("page.admin_data.new") if i == NEW else row_label(tab, by_id[i]),
            key(tab, "pick"),
        ),
        key=key(tab, "pick"),
        on_change=lambda: [st.session_state.pop(key(tab, f), None) for f in (*EDITABLE[tab].fields, "id")],
    )
    row = by_id.get(str(picked)) if picked else None
    with st.container(border=True):
        if row is None and EDITABLE[tab].typed_id:
            st.text_input(
                ui.tr("page.admin_data.unit_code"),
                help=ui.tr("page.admin_data.unit_code_help"),
                key=key(tab, "id"),
            )
        for message in st.session_state.get(ui.error_key("admin_data", tab), []):
            st.error(ui.plain(message))
        columns = st.columns(2)
        for i, field in enumerate(EDITABLE[tab].fields):
            with columns[i % 2]:
                field_widget(tab, field, None if row is None else row.get(field))
        st.text_input(
            ui.tr("page.admin_data.reason"), help=ui.tr("page.admin_data.reason_help"), key=key(tab, "reason")
        )
        st.button(
            ui.tr("page.admin_data.add") if row is None else ui.tr("page.admin_data.save"),
            on_click=save,
            args=(tab, row),
            type="primary",
            key=key(tab, "save"),
        )
        ui.show_near(f"admin_data_{tab}")
    history(tab, None if row is None else str(row["id"]))


if actor.role != "ADMIN":
    st.error(ui.tr("auth.admin_only"))
    st.stop()
with ui.user_errors():
    parts = st.tabs([ui.tr(f"page.admin_data.tab.{t}") for t in TABS])
    for part, tab in zip(parts, TABS, strict=True):
        with part:
            editor(tab)

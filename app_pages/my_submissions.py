"""Hồ sơ của đơn vị: the unit's own rows, where each sits, why it came back; edit, resubmit, withdraw.

Every row carries one status line answering "where is my dossier and why": the state, who has the next
move (role and unit), the days at this step against the step's deadline, and the latest reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from app_pages import common as ui
from app_pages import dossier_panel, forms, tables
from app_pages.row_picker import pick_rows, submission_labels
from core.errors import ValidationFailed
from schemas.registry import submission_tabs
from services.services import Services

ui.page_header("page.mine.title", "page.mine.intro")
svc = ui.services()
actor = ui.require_actor()

TABLE = "mine_table"


def edit_prefix(row_id: str) -> str:
    return f"edit_{row_id}_"


def errors_key(row_id: str) -> str:
    return ui.error_key("edit", row_id)


def save_and_move(svc: Services, tab: str, row: Mapping[str, Any], trigger: str | None) -> None:
    """Callback: save the edited fields (when editable), then fire ``trigger`` (submit, withdraw)."""
    actor = ui.current_actor()
    if actor is None:
        return
    row_id, version = str(row["id"]), int(row["version"])
    campaign = svc.campaign(str(row["campaign_id"]))
    form = campaign.forms[str(row["form"])]
    wf = campaign.workflow_for(form.name)
    editable = wf.states[str(row["state"])].editable
    st.session_state.pop(errors_key(row_id), None)
    if editable and trigger != "withdraw":
        values = forms.read_values(form, edit_prefix(row_id))
        try:
            saved = ui.run_command(lambda: svc.edit(actor, tab, row_id, version, values), near="mine_actions")
        except ValidationFailed as exc:
            st.session_state[errors_key(row_id)] = forms.errors_by_field(form, exc)
            return
        if saved is None:
            return
        version = int(saved["version"])
        if trigger is None:
            ui.flash(ui.tr("page.mine.saved"))
    if trigger is not None:
        moved = ui.run_command(lambda: svc.act(actor, tab, row_id, version, trigger), near="mine_actions")
        if moved is None:
            return
        move = wf.transition(trigger, str(row["state"]))
        ui.flash(
            ui.tr(
                "page.mine.moved",
                action=ui.lbl(move.label) if move else trigger,
                state=ui.state_label(svc, campaign.id, form.name, str(moved["state"])),
            )
        )
    forms.clear_values(form, edit_prefix(row_id))
    ui.reset_table(TABLE)


def movers(svc: Services, row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(role, unit) of who can move ``row`` forward now: each role's nearest unit up the tree holding it."""
    wf = ui.workflow_of(svc, str(row["campaign_id"]), str(row["form"]))
    state = wf.states.get(str(row["state"])) if wf else None
    if wf is None or state is None or state.terminal or state.outcome in ui.FINAL_OUTCOMES:
        return []
    moves = [m for m in wf.transitions_from(state.name) if m.review or state.editable]
    forward = [m for m in moves if wf.states[m.dest].outcome not in ("returned", "rejected", "withdrawn")]
    ref = svc.reference()
    users = ref.users[ref.users["active"]]
    holders = {str(r): set(users[users["role"] == r]["unit_id"]) for r in set(users["role"])}
    unit = str(row["unit_id"])
    out: dict[tuple[str, str], None] = {}
    for move in forward or moves:
        for role in move.roles:
            if move.scope == "own_unit":
                out[(role, unit)] = None
                continue
            chain = ([unit] if move.scope in ("subtree", "all") else []) + ref.tree.ancestors(unit)
            where = next((u for u in chain if u in holders.get(role, set())), "")
            out[(role, where)] = None
    return list(out)


def status_line(svc: Services, row: Mapping[str, Any]) -> str:
    """State · who has the next move · days at this step against its deadline · latest reason."""
    parts = [
        ui.tr(
            "page.mine.status.state", state=ui.state_label(svc, row["campaign_id"], row["form"], row["state"])
        )
    ]
    who = movers(svc, row)
    if who:
        names = [
            ui.tr("page.mine.status.who", role=ui.role_label(r), unit=ui.unit_label(svc, u))
            if u
            else ui.role_label(r)
            for r, u in who
        ]
        parts.append(ui.tr("page.mine.status.waiting", who=", ".join(names)))
        days, sla = row.get("days_in_state"), row.get("sla_days")
        if days is not None and not pd.isna(days):
            if sla is not None and not pd.isna(sla):
                parts.append(ui.tr("page.mine.status.days_sla", days=int(days), sla=int(sla)))
                if int(days) > int(sla):
                    parts.append(ui.tr("page.mine.status.overdue", late=int(days) - int(sla)))
            else:
                parts.append(ui.tr("page.mine.status.days", days=int(days)))
    else:
        parts.append(ui.tr("page.mine.status.done"))
    reason = current_reason(svc, row)
    if reason:
        parts.append(ui.tr("page.mine.status.reason", reason=reason))
    return " · ".join(parts)


#: Outcomes a reason explains; once a row moved on (approved, awarded) an old return reason is history.
REASON_OUTCOMES = ("returned", "rejected", "withdrawn", "revoked")


def current_reason(svc: Services, row: Mapping[str, Any]) -> str:
    """The latest reason, while it still explains where the row is (the history keeps every reason)."""
    reason = row.get("last_reason")
    if not isinstance(reason, str) or not reason.strip():
        return ""
    wf = ui.workflow_of(svc, str(row["campaign_id"]), str(row["form"]))
    state = wf.states.get(str(row["state"])) if wf else None
    return reason if state is not None and state.outcome in REASON_OUTCOMES else ""


def table(svc: Services, tab: str, rows: pd.DataFrame) -> pd.DataFrame:
    """The columns an officer reads: name, award, campaign, state, who has it, latest reason."""
    return pd.DataFrame(
        {
            ui.tr("ui.col.name"): [ui.row_title(r) for r in ui.records(rows)],
            # the state second: on a phone it is in view without scrolling the table sideways
            ui.tr("ui.col.state"): [
                ui.state_label(svc, c, f, s)
                for c, f, s in zip(rows["campaign_id"], rows["form"], rows["state"], strict=True)
            ],
            **(
                {ui.tr("ui.col.award"): list(map(ui.award_labels(svc), rows["award_code"]))}
                if tab == "nominations"
                else {}
            ),
            ui.tr("page.mine.status.col"): [status_line(svc, r) for r in ui.records(rows)],
            ui.tr("ui.col.waiting_on"): [
                ui.waiting_on(svc, c, f, s)
                for c, f, s in zip(rows["campaign_id"], rows["form"], rows["state"], strict=True)
            ],
            ui.tr("ui.col.reason"): [current_reason(svc, r) for r in ui.records(rows)],
            ui.tr("ui.col.since"): [ui.fmt_datetime(v) for v in rows["state_since"]],
            ui.tr("ui.col.campaign"): [tables.campaign_name(svc, c) for c in rows["campaign_id"]],
        }
    )


col_campaign, col_tab = st.columns(2)
with col_campaign:
    campaign_id = ui.campaign_picker(svc, allow_all=True, key="mine_campaign")
# only the kinds the chosen campaign has (a contest's entrants are not offered under the 2024 campaign)
campaign = svc.campaigns.get(campaign_id or "")
tabs = [t for t in submission_tabs() if campaign is None or campaign.form_for_tab(t)]
with col_tab:
    tab = st.radio(
        ui.tr("ui.tab"),
        tabs,
        format_func=ui.labelled(tabs, ui.tab_label, "mine_tab"),
        horizontal=True,
        key="mine_tab",
    )

with ui.user_errors():
    rows = svc.my_rows(actor, tab, campaign_id or None)
    if rows.empty:
        st.info(ui.tr("page.mine.empty_next"))
        st.stop()
    for r in ui.records(rows[rows["state"] == "RETURNED"]):
        reason = r["last_reason"] or ui.tr("ui.none")
        st.warning(ui.plain(ui.tr("page.mine.returned", name=ui.row_title(r), reason=reason)))
    st.caption(ui.tr("page.mine.select_hint"))
    selected = pick_rows(
        table(svc, tab, rows),
        rows["id"].tolist(),
        submission_labels(svc, rows, unit=False),
        ui.table_key(TABLE),
        multi=False,
    )
    if not selected:
        st.stop()
    row = ui.records(rows.iloc[[selected[0]]])[0]
    row_id = str(row["id"])
    campaign = svc.campaign(str(row["campaign_id"]))
    form = campaign.forms[str(row["form"])]
    wf = campaign.workflow_for(form.name)
    editable = wf.states[str(row["state"])].editable

    st.divider()
    st.subheader(ui.plain(ui.tr("page.mine.detail", name=ui.row_title(row))))
    st.markdown(
        f"**{ui.tr('ui.col.state')}:** {ui.state_label(svc, campaign.id, form.name, str(row['state']))}"
    )
    st.info(ui.plain(status_line(svc, row)), icon=":material/info:")
    if row["state"] == "RETURNED" and row["last_reason"]:
        st.warning(ui.plain(ui.tr("page.mine.returned", name=ui.row_title(row), reason=row["last_reason"])))
    moves = {m.trigger: m for m in svc.actions(actor, tab, row)}

    details, timeline = st.columns([3, 2])
    with details:
        if editable:
            st.markdown(f"**{ui.tr('page.mine.edit_header')}**")
            errors: dict[str, list[str]] = st.session_state.get(errors_key(row_id), {})
            for message in errors.get("", []):
                st.error(ui.plain(message))
            forms.seed_values(form, edit_prefix(row_id), row)
            to_fix = [f for f in str(row.get("fix_fields") or "").split(",") if f]
            forms.render_form(
                svc, form, edit_prefix(row_id), errors, to_fix, around=forms.campaign_day(svc, campaign)
            )
            save_col, submit_col = st.columns(2)
            save_col.button(
                ui.tr("page.mine.save"),
                on_click=save_and_move,
                args=(svc, tab, row, None),
                key="mine_save",
                wrap=True,
            )
            if "submit" in moves:
                label = (
                    ui.tr("page.mine.resubmit_returned")
                    if row["state"] == "RETURNED"
                    else ui.tr("page.mine.resubmit", action=ui.lbl(moves["submit"].label).lower())
                )
                submit_col.button(
                    label,
                    on_click=save_and_move,
                    args=(svc, tab, row, "submit"),
                    key="mine_submit",
                    type="primary",
                    wrap=True,
                )
        else:
            ui.details(ui.field_table(svc, tab, campaign.id, form.name, row))
            st.caption(ui.tr("page.mine.not_editable"))
        if "withdraw" in moves:
            confirmed = st.checkbox(ui.tr("page.mine.confirm_withdraw"), key=f"mine_withdraw_ok_{row_id}")
            st.button(
                ui.lbl(moves["withdraw"].label),
                on_click=save_and_move,
                args=(svc, tab, row, "withdraw"),
                disabled=not confirmed,
                key="mine_withdraw",
            )
        ui.show_near("mine_actions")
    with timeline:
        ui.history_timeline(svc, actor, tab, row)
    st.divider()
    dossier_panel.render(svc, actor, tab, row)

"""Thẩm định: the rows waiting at the reviewer's step; detail, approve / return / reject, bulk approve.

Before acting a reviewer sees the CSTĐCS quota headroom of the units in the queue, what is due soon or
overdue, and for the selected row why a move it might expect is missing (the rule that refuses it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from app_pages import common as ui
from app_pages import dossier_panel, forms, intake_panel
from app_pages.row_picker import pick_rows, submission_labels
from schemas.registry import submission_tabs
from services.services import Services
from workflows.decided_by import DecisionRef
from workflows.spec import TransitionSpec

ui.page_header("page.review.title", "page.review.intro")
svc = ui.services()
actor = ui.require_actor()

TABLE = "review_table"
REASON_KEY = "review_reason"
PENDING_KEY = "review_bulk_pending"
REASON_ERROR_KEY = ui.error_key("review_reason")
FIX_KEY = "review_fix_fields"
DECISION_KEYS = (
    "review_decision_no",
    "review_decision_date",
    "review_decision_signer",
    "review_decision_title",
)
DUE_WITHIN_DAYS = 3
#: Units named in the "quota used up" warning; the table under it lists every unit.
QUOTA_NAMES = 5


def fire(svc: Services, tab: str, items: Sequence[tuple[str, int]], move: TransitionSpec) -> None:
    """Callback: apply ``move`` to the rows (all or none); a missing reason is refused before services."""
    st.session_state.pop(PENDING_KEY, None)
    actor = ui.current_actor()
    if actor is None:
        return
    # The reason box belongs to the one-row detail; a bulk move never picks up text typed for another row.
    reason = str(st.session_state.get(REASON_KEY, "") or "").strip() if len(items) == 1 else ""
    if move.reason_required and not reason:
        message = ui.tr("page.review.reason_required", action=ui.lbl(move.label))
        if len(items) == 1:
            st.session_state[REASON_ERROR_KEY] = message  # shown under the reason box
        else:
            ui.flash(message, level="error")
            ui.keep_near("review_bulk", message)
        return
    fields = list(st.session_state.get(FIX_KEY, []) or []) if len(items) == 1 and move.reason_required else []
    decision = typed_decision() if move.decided_by in ("outside", "head") else None
    done = ui.run_command(
        lambda: svc.act_many(actor, tab, list(items), move.trigger, reason, fields=fields, decision=decision),
        near="review_detail" if len(items) == 1 else "review_bulk",
    )
    if done is None:
        return
    ui.flash(ui.tr("page.review.done", action=ui.lbl(move.label), count=len(done)))
    ui.reset_table(TABLE)
    st.session_state[REASON_KEY] = ""
    st.session_state[FIX_KEY] = []


def typed_decision() -> DecisionRef:
    """The decision the reviewer typed for a move that records one (the services check it)."""
    s = st.session_state
    number, day, signer, title = (s.get(k) for k in DECISION_KEYS)
    return DecisionRef(str(number or "").strip(), day, str(signer or "").strip(), str(title or "").strip())


def decision_inputs(moves: Sequence[TransitionSpec]) -> None:
    """Number and date (and signer) of the decision a move records: the Tổng Liên đoàn's decision, or
    one person's where the law lets them decide alone (``decided_by: outside`` / ``head``)."""
    if not any(m.decided_by in ("outside", "head") for m in moves):
        return
    st.caption(ui.tr("page.review.decision_help"))
    number, day = st.columns(2)
    number.text_input(ui.tr("page.review.decision_no"), placeholder="123/QĐ-TLĐ", key=DECISION_KEYS[0])
    day.date_input(ui.tr("page.review.decision_date"), value=None, format="DD/MM/YYYY", key=DECISION_KEYS[1])
    signer, title = st.columns(2)
    signer.text_input(ui.tr("page.review.decision_signer"), key=DECISION_KEYS[2])
    title.text_input(ui.tr("page.review.decision_title"), key=DECISION_KEYS[3])


def ask_bulk(tab: str, items: Sequence[tuple[str, int]], trigger: str) -> None:
    st.session_state[PENDING_KEY] = (tab, list(items), trigger)


def cancel_bulk() -> None:
    st.session_state.pop(PENDING_KEY, None)


def table(svc: Services, tab: str, rows: pd.DataFrame) -> pd.DataFrame:
    """What a reviewer scans: name, state (second, so a phone shows it without scrolling), unit,
    award, days at this step against its SLA, overdue."""
    return pd.DataFrame(
        {
            ui.tr("ui.col.name"): [ui.row_title(r) for r in ui.records(rows)],
            ui.tr("ui.col.state"): [
                ui.state_label(svc, c, f, s)
                for c, f, s in zip(rows["campaign_id"], rows["form"], rows["state"], strict=True)
            ],
            ui.tr("ui.col.unit"): list(map(ui.unit_labels(svc), rows["unit_id"])),
            **(
                {ui.tr("ui.col.award"): list(map(ui.award_labels(svc), rows["award_code"]))}
                if tab == "nominations"
                else {}
            ),
            ui.tr("ui.col.days"): rows["days_in_state"],  # the same count the SLA is checked against
            ui.tr("page.review.col.sla"): rows["sla_days"],
            ui.tr("page.review.col.overdue"): [
                ui.tr("page.review.col.overdue") if o else "" for o in rows["overdue"]
            ],
        }
    )


def due_label(due_in: Any) -> str:
    """ "3 days overdue", "due today" or "2 days left" for a row's ``due_in``."""
    days = int(due_in)
    if days < 0:
        return ui.tr("page.review.due.overdue", days=-days)
    return ui.tr("page.review.due.today") if days == 0 else ui.tr("page.review.due.left", days=days)


def due_soon(svc: Services) -> None:
    """Rows waiting for this reviewer (every tab) that are overdue or due within a few days."""
    urgent = svc.due_soon(actor, DUE_WITHIN_DAYS)
    with st.expander(ui.tr("page.review.due.header", count=len(urgent)), expanded=not urgent.empty):
        if urgent.empty:
            st.caption(ui.tr("page.review.due.none", days=DUE_WITHIN_DAYS))
            return
        ui.dataframe(
            pd.DataFrame(
                {
                    ui.tr("ui.col.unit"): list(map(ui.unit_labels(svc), urgent["unit_id"])),
                    ui.tr("ui.col.name"): [ui.row_title(r) for r in ui.records(urgent)],
                    ui.tr("ui.tab"): [ui.tab_label(t) for t in urgent["tab"]],
                    ui.tr("ui.col.state"): [
                        ui.state_label(svc, c, f, s)
                        for c, f, s in zip(
                            urgent["campaign_id"], urgent["form"], urgent["state"], strict=True
                        )
                    ],
                    ui.tr("ui.col.days"): urgent["days_in_state"],
                    ui.tr("page.review.due.col.due"): [due_label(d) for d in urgent["due_in"]],
                }
            ),
            hide_index=True,
            key="review_due_table",
        )


def quota_headroom(svc: Services, queue: pd.DataFrame) -> None:
    """CSTĐCS limit, approved, waiting and headroom of the units in the queue; none left in red."""
    units = set(queue["unit_id"])
    frames = [svc.quota_headroom(actor, str(c)) for c in sorted(set(queue["campaign_id"]))]
    frames = [f[f["unit_id"].isin(units)] for f in frames if not f.empty]
    if not frames:
        return
    head = pd.concat(frames, ignore_index=True)
    if head.empty:
        return
    full = head[head["headroom"] <= 0]
    with st.expander(ui.tr("page.review.quota.header"), expanded=not full.empty):
        st.caption(ui.tr("page.review.quota.caption"))
        if not full.empty:  # a count and a few names; the table below lists them all, the full ones first
            names = [str(n) for n in full["unit_name"]]
            st.warning(ui.tr("newcomer.quota.full_count", count=len(names)))
            st.markdown("\n".join(f"- {ui.plain(n)}" for n in names[:QUOTA_NAMES]))
            if len(names) > QUOTA_NAMES:
                st.caption(ui.tr("newcomer.quota.more", count=len(names) - QUOTA_NAMES))
        head = head.sort_values(["headroom", "unit_name"]).reset_index(drop=True)
        shown = pd.DataFrame(
            {
                ui.tr("ui.col.unit"): head["unit_name"],
                **{
                    ui.tr(f"page.review.quota.col.{c}"): head[c].astype(int)
                    for c in ("ldtt", "limit", "used", "waiting", "headroom")
                },
            }
        )
        red = (head["headroom"] <= 0).tolist()
        styled = shown.style.apply(
            lambda col: ["color: #b3261e; font-weight: 600" if r else "" for r in red], axis=0
        )
        ui.dataframe(styled, hide_index=True, key="review_quota_table")


def blocked(svc: Services, tab: str, row: dict[str, Any]) -> None:
    """The moves this reviewer's role could make here but a rule refuses now, and why."""
    refused = svc.blocked_moves(actor, tab, row)
    if not refused:
        return
    st.markdown(f"**{ui.tr('page.review.blocked.header')}**")
    for move, reason in refused:
        st.warning(ui.plain(ui.tr("page.review.blocked.line", action=ui.lbl(move.label), reason=reason)))


def detail(svc: Services, tab: str, row: dict[str, Any]) -> None:
    """One row: its fields, its history, and the moves this reviewer may make now."""
    campaign_id, form = str(row["campaign_id"]), str(row["form"])
    unit = ui.unit_label(svc, str(row["unit_id"]))
    st.subheader(ui.plain(ui.tr("page.review.detail", name=ui.row_title(row), unit=unit)))
    fields_col, history_col = st.columns([3, 2])
    with fields_col:
        ui.details(ui.field_table(svc, tab, campaign_id, form, row))
        moves = svc.actions(actor, tab, row)
        blocked(svc, tab, row)
        if not moves:
            st.info(ui.tr("page.review.no_actions"))
            return
        if any(m.reason_required for m in moves):
            st.text_area(ui.tr("page.review.reason"), help=ui.tr("page.review.reason_help"), key=REASON_KEY)
            spec = svc.campaign(campaign_id).forms[form]
            ui.multiselect(
                ui.tr("page.review.fix_fields"),
                [fs.name for fs in spec.fields],
                format_func=lambda name: forms.plain_label(
                    spec, next(f for f in spec.fields if f.name == name)
                ),
                help=ui.tr("page.review.fix_fields_help"),
                key=FIX_KEY,
            )
            if REASON_ERROR_KEY in st.session_state:
                st.error(ui.plain(st.session_state.pop(REASON_ERROR_KEY)))
        decision_inputs(moves)
        for col, move in zip(st.columns(len(moves)), moves, strict=True):
            col.button(
                ui.lbl(move.label),
                on_click=fire,
                args=(svc, tab, [(str(row["id"]), int(row["version"]))], move),
                key=f"review_do_{move.trigger}",
                type="primary" if not move.reason_required else "secondary",
                width="stretch",
                wrap=True,
            )
        ui.show_near("review_detail")
    with history_col:
        ui.history_timeline(svc, actor, tab, row)
        dossier_panel.render(svc, actor, tab, row)  # read-only here: only the submitting unit edits


def bulk(svc: Services, tab: str, picked: pd.DataFrame) -> None:
    """Bulk moves over the selected rows that allow them, each behind a confirmation with the count."""
    st.subheader(ui.tr("page.review.bulk_header", count=len(picked)))
    records = ui.records(picked)
    eligible: dict[str, tuple[TransitionSpec, list[tuple[str, int]]]] = {}
    for r in records:
        for move in svc.actions(actor, tab, r):
            if move.bulk:
                eligible.setdefault(move.trigger, (move, []))[1].append((str(r["id"]), int(r["version"])))
    pending = st.session_state.get(PENDING_KEY)
    if pending and pending[0] == tab and pending[2] in eligible:
        move, items = eligible[pending[2]]
        if [tuple(i) for i in pending[1]] == items:
            st.warning(ui.tr("page.review.bulk_confirm", action=ui.lbl(move.label), count=len(items)))
            decision_inputs([move])
            ok, cancel = st.columns(2)
            ok.button(
                ui.tr("page.review.confirm"),
                on_click=fire,
                args=(svc, tab, items, move),
                key="review_bulk_confirm",
                type="primary",
                wrap=True,
            )
            cancel.button(
                ui.tr("page.review.cancel"), on_click=cancel_bulk, key="review_bulk_cancel", wrap=True
            )
            ui.show_near("review_bulk")
            return
    if not eligible:
        st.info(ui.tr("page.review.bulk_none"))
        return
    for move, items in eligible.values():
        st.button(
            ui.tr("page.review.bulk_button", action=ui.lbl(move.label), count=len(items)),
            on_click=ask_bulk,
            args=(tab, items, move.trigger),
            key=f"review_bulk_{move.trigger}",
        )
        if len(items) < len(records):
            st.caption(
                ui.tr("page.review.bulk_partial", count=len(records) - len(items), action=ui.lbl(move.label))
            )


col_campaign, col_tab, col_search = st.columns([2, 2, 2])
with col_campaign:
    campaign_id = ui.campaign_picker(svc, allow_all=True, key="review_campaign")
campaign = svc.campaigns.get(campaign_id or "")
tabs = [t for t in submission_tabs() if campaign is None or campaign.form_for_tab(t)]
with col_tab:
    tab = st.radio(
        ui.tr("ui.tab"),
        tabs,
        format_func=ui.labelled(tabs, ui.tab_label, "review_tab"),
        horizontal=True,
        key="review_tab",
    )
with col_search:
    search = st.text_input(
        ui.tr("page.review.search"), help=ui.tr("page.review.search_help"), key="review_search"
    )

intake_panel.sync_button(svc, actor)  # rows officers typed in their intake spreadsheets, now
with ui.user_errors():
    queue = svc.queue(actor, tab, campaign_id or None, search)
    if queue.empty:
        if search.strip():
            st.info(ui.tr("page.review.no_match", search=ui.plain(search.strip())))
        else:
            st.info(ui.tr("page.review.empty") + " " + ui.tr("page.review.empty_next"))
        st.stop()
    st.caption(ui.tr("page.review.count", count=len(queue)) + " " + ui.tr("page.review.select_hint"))
    selected = pick_rows(
        table(svc, tab, queue),
        queue["id"].tolist(),
        submission_labels(svc, queue),
        ui.table_key(TABLE),
        multi=True,
    )
    if tab == "nominations":
        quota_headroom(svc, queue)
    due_soon(svc)
    if len(selected) == 1:
        st.divider()
        detail(svc, tab, ui.records(queue.iloc[[selected[0]]])[0])
    elif len(selected) > 1:
        st.divider()
        bulk(svc, tab, queue.iloc[selected])

"""Hội đồng TĐKT: open a meeting, the agenda of nominations at the council, ballots, results and closing."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app_pages import common as ui
from app_pages.row_picker import pick_rows, submission_labels
from core.errors import ThiduaError
from services.council import CLOSE_ROLES, RECORD_ROLES, Council
from services.services import Services

ui.page_header("page.council.title", "page.council.intro")
svc = ui.services()
actor = ui.require_actor()
council = Council(svc)

MEETING_KEY = "council_meeting"
#: The meeting chosen, kept apart from the selector: the selector is drawn anew (a new key) when a
#: meeting opens or closes, so the browser shows its new label ("đã kết thúc") at once.
CHOSEN_KEY = "council_meeting_chosen"
AGENDA_KEY = "council_agenda"
SEARCH_KEY = "council_search"
CONFIRM_KEY = "council_close_pending"
METHODS = ("SECRET", "SHOW_OF_HANDS")


def open_meeting() -> None:
    """Callback: the secretary records a sitting (services check role, unit and attendance)."""
    who = ui.current_actor()
    if who is None:
        return
    s = st.session_state
    row = ui.run_command(
        lambda: council.open_meeting(
            who,
            s.get("council_new_held_on") or svc.today(),
            int(s.get("council_new_total") or 0),
            int(s.get("council_new_present") or 0),
            int(s.get("council_new_written") or 0),
            str(s.get("council_new_minutes") or ""),
        ),
        near="council_new",
    )
    if row is not None:
        st.session_state[CHOSEN_KEY] = row["id"]
        _new_selector()
        ui.flash(
            ui.tr(
                "page.council.opened",
                date=ui.display_value(svc, "council_meetings", "held_on", row["held_on"]),
            )
        )


def record_ballot(meeting_id: str, nomination_id: str, name: str) -> None:
    who = ui.current_actor()
    if who is None:
        return
    s = st.session_state
    row = ui.run_command(
        lambda: council.record_ballot(
            who,
            meeting_id,
            nomination_id,
            str(s.get("council_method") or ""),
            int(s.get("council_yes") or 0),
            int(s.get("council_no") or 0),
            int(s.get("council_invalid") or 0),
            int(s.get("council_recused") or 0),
            str(s.get("council_suggest") or ""),
        ),
        near="council_record",
    )
    if row is not None:
        ui.flash(
            ui.tr("page.council.recorded", name=name, result=ui.tr(f"page.council.result.{row['result']}"))
        )
        st.session_state.pop(AGENDA_KEY, None)


def close_meeting(meeting_id: str, version: int) -> None:
    st.session_state.pop(CONFIRM_KEY, None)
    who = ui.current_actor()
    if who is None:
        return
    outcomes = ui.run_command(lambda: council.close_meeting(who, meeting_id, version), near="council_close")
    _new_selector()
    if outcomes is not None:
        passed = sum(1 for o in outcomes if o.result == "PASS" and o.new_state)
        failed = sum(1 for o in outcomes if o.result != "PASS" and o.new_state)
        ui.flash(ui.tr("page.council.closed", passed=passed, failed=failed))
        flash_refused(outcomes)


def flash_refused(outcomes: list[Any]) -> None:
    """Outcomes a rule refuses now (they stay owed; "apply the remaining outcomes" tries again)."""
    for o in outcomes:
        if o.refusal is not None:
            reason = o.refusal.message(ui.lang())
            ui.flash(ui.tr("page.council.not_applied", name=o.full_name, reason=reason), level="warning")


def apply_pending(meeting_id: str) -> None:
    """Callback: apply the outcomes a closed meeting still owes (a close interrupted half-way)."""
    who = ui.current_actor()
    if who is None:
        return
    outcomes = ui.run_command(lambda: council.apply_outcomes(who, meeting_id))
    if outcomes is not None:
        done = sum(1 for o in outcomes if o.new_state)
        ui.flash(ui.tr("page.council.applied", count=done))
        flash_refused(outcomes)


def _new_selector() -> None:
    st.session_state[MEETING_KEY + "_generation"] = st.session_state.get(MEETING_KEY + "_generation", 0) + 1


def _keep_choice(key: str) -> None:
    st.session_state[CHOSEN_KEY] = st.session_state.get(key)


def meeting_label(row: dict[str, Any]) -> str:
    return ui.tr(
        "page.council.meeting_option",
        date=ui.display_value(svc, "council_meetings", "held_on", row["held_on"]),
        minutes=row["minutes_no"] or "—",
        status=ui.tr(f"page.council.status.{row['status']}"),
    )


def meeting_form() -> None:
    with st.expander(ui.tr("page.council.new_meeting"), expanded=False), st.form("council_new_form"):
        st.date_input(
            ui.tr("page.council.held_on"), value=svc.today(), format="DD/MM/YYYY", key="council_new_held_on"
        )
        c1, c2, c3 = st.columns(3)
        c1.number_input(
            ui.tr("page.council.members_total"), min_value=1, value=13, step=1, key="council_new_total"
        )
        c2.number_input(
            ui.tr("page.council.members_present"), min_value=0, value=11, step=1, key="council_new_present"
        )
        c3.number_input(
            ui.tr("page.council.written_votes"),
            min_value=0,
            value=0,
            step=1,
            help=ui.tr("page.council.written_help"),
            key="council_new_written",
        )
        st.text_input(ui.tr("page.council.minutes_no"), key="council_new_minutes")
        st.form_submit_button(ui.tr("page.council.open"), on_click=open_meeting, type="primary")
    ui.show_near("council_new")


def agenda_table(svc: Services, rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            ui.tr("ui.col.unit"): list(map(ui.unit_labels(svc), rows["unit_id"])),
            ui.tr("ui.col.name"): [ui.row_title(r) for r in rows.to_dict("records")],
            ui.tr("ui.col.award"): list(map(ui.award_labels(svc), rows["award_code"])),
            ui.tr("page.council.threshold"): [str(rules.threshold(str(c))) for c in rows["award_code"]],
        }
    )


def ballot_form(meeting: dict[str, Any], row: dict[str, Any]) -> None:
    award = str(row["award_code"])
    unit = ui.unit_label(svc, str(row["unit_id"]))
    st.subheader(ui.plain(ui.tr("page.council.ballot_for", name=ui.row_title(row), unit=unit)))
    st.caption(
        ui.plain(
            ui.tr(
                "page.council.ballot_rule",
                award=ui.award_label(svc, award),
                threshold=str(rules.threshold(award)),
                total=int(meeting["members_total"]),
                needed=rules.threshold(award).minimum(int(meeting["members_total"])),
            )
        )
    )
    if award in rules.secret_codes:
        st.info(ui.tr("page.council.secret_needed"))
    st.radio(
        ui.tr("page.council.method"),
        METHODS,
        format_func=ui.labelled(METHODS, lambda m: ui.tr(f"page.council.method.{m}"), "council_method"),
        horizontal=True,
        key="council_method",
    )
    cols = st.columns(4)
    for col, (key, label) in zip(
        cols,
        (
            ("council_yes", "page.council.yes"),
            ("council_no", "page.council.no"),
            ("council_invalid", "page.council.invalid"),
            ("council_recused", "page.council.recused"),
        ),
        strict=True,
    ):
        help_ = ui.tr("page.council.recused_help") if key == "council_recused" else None
        col.number_input(ui.tr(label), min_value=0, value=0, step=1, help=help_, key=key)
    camp = svc.campaigns.get(str(row["campaign_id"]))
    form = camp.forms.get(str(row["form"])) if camp else None
    lower = ["", *(c for c in (form.awards if form else ()) if c != award)]
    st.selectbox(
        ui.tr("page.council.suggest"),
        lower,
        format_func=ui.labelled(
            lower, lambda c: ui.award_label(svc, c) if c else ui.tr("ui.none"), "council_suggest"
        ),
        help=ui.tr("page.council.suggest_help"),
        key="council_suggest",
    )
    st.button(
        ui.tr("page.council.record"),
        on_click=record_ballot,
        args=(str(meeting["id"]), str(row["id"]), ui.row_title(row)),
        type="primary",
        key="council_record",
    )
    ui.show_near("council_record")


def results(meeting: dict[str, Any]) -> None:
    st.subheader(ui.tr("page.council.results"))
    res = council.results(actor, str(meeting["id"]))
    if res.empty:
        st.caption(ui.tr("page.council.no_ballots"))
    else:
        ui.dataframe(
            pd.DataFrame(
                {
                    ui.tr("ui.col.name"): res["full_name"],
                    ui.tr("ui.col.award"): list(map(ui.award_labels(svc), res["award_code"])),
                    ui.tr("page.council.method"): [ui.tr(f"page.council.method.{m}") for m in res["method"]],
                    ui.tr("page.council.yes"): res["yes"],
                    ui.tr("page.council.no"): res["no"],
                    ui.tr("page.council.invalid"): res["invalid"],
                    ui.tr("page.council.recused"): res["recused"],
                    ui.tr("page.council.threshold"): res["threshold"],
                    ui.tr("page.council.suggest"): list(map(ui.award_labels(svc), res["suggested_code"])),
                    ui.tr("page.council.result"): [ui.tr(f"page.council.result.{r}") for r in res["result"]],
                    ui.tr("ui.col.state"): [
                        ui.state_label(svc, c, f, s) if s else ""
                        for c, f, s in zip(res["campaign_id"], res["form"], res["state"], strict=True)
                    ],
                }
            ),
            hide_index=True,
            key="council_results",
        )
    if meeting["status"] == "CLOSED" and actor.role in CLOSE_ROLES:
        pending = council.pending_outcomes(actor, str(meeting["id"]))
        if pending:
            st.warning(ui.tr("page.council.pending", count=pending))
            st.button(
                ui.tr("page.council.apply"),
                on_click=apply_pending,
                args=(str(meeting["id"]),),
                type="primary",
                key="council_apply",
            )
    if meeting["status"] != "OPEN" or res.empty:
        return
    if actor.role not in CLOSE_ROLES:
        st.caption(ui.tr("page.council.close_by_member"))
        return
    if st.session_state.get(CONFIRM_KEY) == meeting["id"]:
        st.warning(ui.tr("page.council.close_confirm", count=len(res)))
        ok, cancel = st.columns(2)
        ok.button(
            ui.tr("page.review.confirm"),
            on_click=close_meeting,
            args=(str(meeting["id"]), int(meeting["version"])),
            type="primary",
            key="council_close_confirm",
            wrap=True,
        )
        cancel.button(
            ui.tr("page.review.cancel"),
            on_click=lambda: st.session_state.pop(CONFIRM_KEY, None),
            key="council_close_cancel",
            wrap=True,
        )
    else:
        st.button(
            ui.tr("page.council.close"),
            on_click=lambda: st.session_state.__setitem__(CONFIRM_KEY, meeting["id"]),
            key="council_close",
        )
    ui.show_near("council_close")


def meeting_history(meeting: dict[str, Any]) -> None:
    """Who opened the meeting, recorded each ballot and closed it, and when (from ``history``)."""
    hist = council.meeting_history(actor, str(meeting["id"]))
    with st.expander(ui.tr("page.council.history", count=len(hist))):
        if hist.empty:
            st.caption(ui.tr("ui.history.empty"))
            return
        users = svc.reference().users
        names = dict(zip(users["email"], users["full_name"], strict=False))
        st.dataframe(
            pd.DataFrame(
                {
                    ui.tr("page.council.history.at"): [ui.fmt_datetime(a) for a in hist["at"]],
                    ui.tr("page.council.history.who"): [names.get(e, e) for e in hist["actor_email"]],
                    ui.tr("page.council.history.what"): hist["reason"],
                }
            ),
            hide_index=True,
            key="council_history",
        )


try:
    agenda = council.agenda(actor)
    meetings = council.meetings(actor)
except ThiduaError as exc:
    ui.show_error(exc)
    st.stop()

rules = council.rules(svc.today())
if actor.role == "COUNCIL_SECRETARY":
    meeting_form()
if meetings.empty:
    st.info(ui.tr("page.council.no_meetings"))
    st.stop()

by_id = {str(r["id"]): r for r in meetings.to_dict("records")}
ids = list(by_id)
selector = f"{MEETING_KEY}_{st.session_state.get(MEETING_KEY + '_generation', 0)}"
chosen = st.session_state.get(CHOSEN_KEY)
meeting_id = st.selectbox(
    ui.tr("page.council.meeting"),
    ids,
    index=ids.index(chosen) if chosen in ids and selector not in st.session_state else 0,
    format_func=ui.labelled(ids, lambda i: meeting_label(by_id[i]), selector),
    key=selector,
    on_change=_keep_choice,
    args=(selector,),
)
st.session_state[CHOSEN_KEY] = meeting_id
meeting = by_id[str(meeting_id)]
quorum = rules.quorum_needed(int(meeting["members_total"]))
st.caption(
    ui.tr(
        "page.council.attendance",
        present=int(meeting["members_present"]),
        total=int(meeting["members_total"]),
        written=int(meeting["written_votes"]),
        needed=quorum,
    )
)
if int(meeting["members_present"]) < quorum:
    st.error(ui.tr("page.council.no_quorum"))

with ui.user_errors():
    if meeting["status"] == "OPEN":
        st.subheader(ui.tr("page.council.agenda", count=len(agenda)))
        search = st.text_input(ui.tr("page.review.search"), key=SEARCH_KEY)
        pending = council.agenda(actor, str(meeting["id"]), search)
        if pending.empty:
            st.info(ui.tr("page.council.agenda_empty") + " " + ui.tr("page.council.agenda_empty_next"))
        else:
            picked = pick_rows(
                agenda_table(svc, pending),
                pending["id"].tolist(),
                submission_labels(svc, pending, state=False),
                AGENDA_KEY,
                multi=False,
            )
            if actor.role not in RECORD_ROLES:
                st.caption(ui.tr("page.council.members_vote"))
            elif picked:
                ballot_form(meeting, pending.iloc[picked[0]].to_dict())
            else:
                st.caption(ui.tr("page.council.pick_hint"))
    results(meeting)
    meeting_history(meeting)

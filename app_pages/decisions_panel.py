"""The "issue a decision" panel of the documents page: thin, :class:`services.decisions.Decisions`
does the authorisation (R-DEC-1), the double-grant refusal (R-DEC-2) and the writes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from app_pages import common as ui
from app_pages import tables
from core.model import Actor
from core.vnformat import fmt_int
from schemas.tabs_awards import REVOKE_REASONS
from services.decisions import Decisions
from services.services import Services

#: Grants listed (and offered for revoking) at most: pick an award to narrow the list.
GRANTS_SHOWN = 500


def render(svc: Services, actor: Actor, campaign_id: str) -> None:
    """Shown only to the units that decide some award (their level is its awarding level)."""
    decisions = Decisions(svc)
    codes = decisions.award_codes(actor)
    if not codes:
        return
    with st.container(border=True):
        st.subheader(ui.tr("page.decisions.title"))
        st.caption(ui.tr("page.decisions.intro"))
        code = st.selectbox(
            ui.tr("page.decisions.award"),
            codes,
            format_func=ui.labelled(codes, lambda c: ui.award_label(svc, c), "decision_award"),
            key="decision_award",
        )
        pending = pd.DataFrame()  # shown as nothing to issue if the read below is refused
        with ui.user_errors():
            pending = decisions.pending(actor, campaign_id, code)
            st.caption(ui.tr("page.decisions.pending", count=fmt_int(len(pending), ui.lang())))
        left, right = st.columns(2)
        number = left.text_input(
            ui.tr("page.decisions.number"), placeholder="123/QĐ-LĐLĐ", key="decision_number"
        )
        issued_on = right.date_input(
            ui.tr("page.decisions.issued_on"), value=svc.today(), format="DD/MM/YYYY", key="decision_date"
        )
        signer = left.text_input(ui.tr("page.decisions.signer_name"), key="decision_signer")
        title = right.text_input(ui.tr("page.decisions.signer_title"), key="decision_signer_title")
        if st.button(
            ui.tr("page.decisions.issue"), key="decision_issue", type="primary", disabled=pending.empty
        ):
            row = ui.run_command(
                lambda: decisions.issue(actor, campaign_id, code, number, issued_on, signer, title),
                near="decision_issue",
            )
            if row is not None:
                ui.flash(ui.tr("page.decisions.issued", number=row["number"], count=row["grants"]))
            st.rerun()
        ui.show_near("decision_issue")
        _grants(svc, decisions, actor, codes)


def grant_label(svc: Services, grant: Mapping[str, Any]) -> str:
    """Name – unit – award – year of a grant, as the revoke picker lists it."""
    return " – ".join(
        (
            str(grant["subject_name"]),
            ui.unit_label(svc, str(grant["unit_id"])),
            ui.award_label(svc, grant["award_code"]),
            str(grant["year"]),
        )
    )


def revoke_reason(text: object) -> str:
    """A stored revocation reason ("KE_KHAI_SAI: note") with its Chapter VII ground named."""
    code, sep, note = str(text or "").partition(": ")
    if sep and code in REVOKE_REASONS:
        return f"{ui.tr(f'revoke.{code}')}: {note}"
    return str(text or "")


def _grants(svc: Services, decisions: Decisions, actor: Actor, codes: list[str]) -> None:
    """Grants in scope, and the revoke form (awards this unit decides) with a Chapter VII ground."""
    st.markdown(f"**{ui.tr('page.decisions.grants')}**")
    grants = decisions.grants(actor)
    if grants.empty:
        st.caption(ui.tr("page.decisions.none"))
        return
    shown = grants[
        ["subject_name", "unit_id", "award_code", "year", "revoked", "revoked_on", "revoke_reason"]
    ]
    shown = shown.head(GRANTS_SHOWN)
    shown = shown.assign(revoke_reason=[revoke_reason(r) for r in shown["revoke_reason"]])
    if len(grants) > GRANTS_SHOWN:
        st.caption(
            ui.tr(
                "page.decisions.grants_cut",
                shown=fmt_int(GRANTS_SHOWN, ui.lang()),
                total=fmt_int(len(grants), ui.lang()),
            )
        )
    ui.dataframe(tables.rows_table(svc, "award_grants", shown), hide_index=True, key="decision_grants")
    live = grants[~grants["revoked"].astype(bool) & grants["award_code"].isin(codes)]
    if live.empty:
        return
    st.markdown(f"**{ui.tr('page.decisions.revoke')}**")
    st.caption(ui.tr("page.decisions.revoke_intro"))
    by_id = {str(r["id"]): r for r in ui.records(live.head(GRANTS_SHOWN))}
    gid = st.selectbox(
        ui.tr("page.decisions.revoke_pick"),
        list(by_id),
        format_func=ui.labelled(list(by_id), lambda i: grant_label(svc, by_id[i]), "decision_revoke_pick"),
        key="decision_revoke_pick",
    )
    reason = st.selectbox(
        ui.tr("page.decisions.revoke_reason"),
        REVOKE_REASONS,
        format_func=lambda r: ui.tr(f"revoke.{r}"),
        key="decision_revoke_reason",
    )
    note = st.text_input(ui.tr("page.decisions.revoke_note"), key="decision_revoke_note")
    if st.button(ui.tr("page.decisions.revoke_button"), key="decision_revoke"):
        grant = by_id[gid]
        done = ui.run_command(
            lambda: decisions.revoke(actor, gid, int(grant["version"]), reason, note), near="decision_revoke"
        )
        if done is not None:
            ui.flash(ui.tr("page.decisions.revoked", name=grant["subject_name"]))
        st.rerun()
    ui.show_near("decision_revoke")

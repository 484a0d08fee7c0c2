"""Nộp hồ sơ: pick an open campaign and a form, fill it, save a draft or submit."""

from __future__ import annotations

import uuid

import streamlit as st

from app_pages import common as ui
from app_pages import forms
from core.errors import ValidationFailed
from services.intake_import import create_checked
from services.services import Services
from workflows.spec import CampaignSpec, FormSpec

ui.page_header("page.submit.title", "page.submit.intro")
svc = ui.services()
actor = ui.require_actor()


def token_key(campaign: CampaignSpec, form: FormSpec) -> str:
    return f"submit_token_{campaign.id}_{form.name}"


def errors_key(campaign: CampaignSpec, form: FormSpec) -> str:
    return ui.error_key("submit", campaign.id, form.name)


def prefix(campaign: CampaignSpec, form: FormSpec) -> str:
    return f"submit_{campaign.id}_{form.name}_"


def warnings_key(campaign: CampaignSpec, form: FormSpec) -> str:
    return ui.error_key("submit_warnings", campaign.id, form.name)


def confirm_key(campaign: CampaignSpec, form: FormSpec) -> str:
    return f"submit_confirm_{campaign.id}_{form.name}"


def save(svc: Services, campaign: CampaignSpec, form: FormSpec, submit: bool) -> None:
    """Button callback: create the row (one per client token), then clear the form."""
    st.session_state.pop(errors_key(campaign, form), None)
    confirmed = bool(st.session_state.get(confirm_key(campaign, form)))
    st.session_state.pop(warnings_key(campaign, form), None)
    values = forms.read_values(form, prefix(campaign, form))
    actor = ui.current_actor()
    if actor is None:
        return
    token = st.session_state[token_key(campaign, form)]
    try:
        row = ui.run_command(
            lambda: create_checked(
                svc,
                actor,
                campaign.id,
                form.name,
                values,
                submit=submit,
                client_token=token,
                accept_warnings=confirmed,
            ),
            near="submit_buttons",
        )
    except ValidationFailed as exc:
        # the same named-check report as an import: errors block, warnings ask for confirmation
        blocking = ValidationFailed(e for e in exc.errors if e.severity == "error")
        if blocking.errors:
            st.session_state[errors_key(campaign, form)] = forms.errors_by_field(form, blocking)
        else:
            st.session_state[warnings_key(campaign, form)] = [e.message(ui.lang()) for e in exc.errors]
        st.session_state[confirm_key(campaign, form)] = False
        return
    if row is None:
        return
    state = ui.state_label(svc, campaign.id, form.name, str(row["state"]))
    ui.flash(ui.tr("page.submit.saved", name=ui.row_title(row), state=state))
    forms.clear_values(form, prefix(campaign, form))
    st.session_state[token_key(campaign, form)] = uuid.uuid4().hex


campaign_id = ui.campaign_picker(svc, only_open=True, key="submit_campaign")
if not campaign_id:
    st.info(ui.tr("ui.no_open_campaign") + " " + ui.tr("ui.no_open_campaign_next"))
    st.stop()
campaign = svc.campaign(campaign_id)
if campaign.description:
    st.caption(ui.lbl(campaign.description))
form_name = st.selectbox(
    ui.tr("ui.form"),
    list(campaign.forms),
    format_func=ui.labelled(
        campaign.forms, lambda name: ui.lbl(campaign.forms[name].label), f"submit_form_{campaign.id}"
    ),
    key=f"submit_form_{campaign.id}",
)
form = campaign.forms[form_name]
st.session_state.setdefault(token_key(campaign, form), uuid.uuid4().hex)
errors: dict[str, list[str]] = st.session_state.get(errors_key(campaign, form), {})

st.subheader(ui.lbl(form.label))
st.caption(ui.tr("page.submit.required_note"))
if errors:
    st.error(ui.tr("page.submit.checks_errors"))
for message in errors.get("", []):
    st.error(ui.plain(message))
forms.render_form(svc, form, prefix(campaign, form), errors, around=forms.campaign_day(svc, campaign))
pending_warnings: list[str] = st.session_state.get(warnings_key(campaign, form), [])
if pending_warnings:
    st.warning(ui.tr("page.submit.checks_warnings"))
    for message in pending_warnings:
        st.warning(ui.plain(message))
    st.checkbox(ui.tr("page.submit.confirm_warnings"), key=confirm_key(campaign, form))

if form.tab == "nominations":
    values = forms.read_values(form, prefix(campaign, form))
    if values.get("full_name") and values.get("award_code"):
        with ui.user_errors():
            dups = svc.possible_duplicates(
                actor, campaign.id, str(values["full_name"]), str(values["award_code"])
            )
            if not dups.empty:
                states = ", ".join(
                    sorted({ui.state_label(svc, campaign.id, form.name, str(s)) for s in dups["state"]})
                )
                st.warning(ui.plain(ui.tr("page.submit.duplicates", count=len(dups), states=states)))

left, right = st.columns(2)
left.button(
    ui.tr("page.submit.save_draft"),
    on_click=save,
    args=(svc, campaign, form, False),
    key="submit_draft",
    width="stretch",
    wrap=True,
)
submit_move = campaign.workflow_for(form.name).transition("submit", campaign.workflow_for(form.name).initial)
right.button(
    ui.lbl(submit_move.label) if submit_move else ui.tr("page.submit.submit"),
    on_click=save,
    args=(svc, campaign, form, True),
    key="submit_send",
    type="primary",
    width="stretch",
    wrap=True,
)
if errors:  # the summary is at the top; say it again where the person pressed the button
    st.error(ui.tr("page.submit.checks_errors"), icon=":material/error:")
ui.show_near("submit_buttons")

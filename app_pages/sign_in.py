"""Đăng nhập: the demo picker (only without an ``[auth]`` section) and sign-in by identity.

Without ``[auth]`` (the demo) a sample user is picked, or an email typed. With ``[auth]``, the email
comes from the identity provider (``st.login`` / ``st.user``, verified), never from a text box, and
``common.current_actor`` re-checks on every run that the session's actor is that person. Either way
the email is mapped to (role, unit) by ``services.sign_in_options``; several grants -> pick one.
"""

from __future__ import annotations

import logging

import streamlit as st

from app_pages import common as ui
from core.model import ROLES, Actor
from services.services import Services
from services.sign_in_check import provider_problem

OPTIONS_KEY = "sign_in_options"
PROVIDER_DOWN_KEY = "sign_in_provider_down"
log = logging.getLogger("thidua.sign_in")
ROLE_ORDER = {role: i for i, role in enumerate(ROLES)}

settings = ui.settings()
ui.page_header("page.sign_in.title", "page.sign_in.intro" if settings.demo else "security.sign_in.intro")
svc = ui.services()


def grant_label(svc: Services, actor: Actor) -> str:
    return ui.tr(
        "page.sign_in.role_option", role=ui.role_label(actor.role), unit=ui.unit_label(svc, actor.unit_id)
    )


def choose(svc: Services, email: str) -> None:
    """Map an email to its grants: one -> signed in; several -> ask which; none -> say so."""
    options = svc.sign_in_options(email)
    if not options:
        st.session_state.pop(OPTIONS_KEY, None)
        ui.flash(ui.tr("page.sign_in.unknown_email", email=email), level="error")
    elif len(options) == 1:
        ui.sign_in(options[0])
    else:
        st.session_state[OPTIONS_KEY] = options


def pick_grant(svc: Services) -> None:
    options: list[Actor] = st.session_state.get(OPTIONS_KEY, [])
    if len(options) < 2:
        return
    index = st.radio(
        ui.tr("page.sign_in.pick_role"),
        range(len(options)),
        format_func=ui.labelled(range(len(options)), lambda i: grant_label(svc, options[i]), "sign_in_grant"),
        key="sign_in_grant",
    )
    if st.button(ui.tr("page.sign_in.continue"), key="sign_in_grant_go", type="primary"):
        ui.sign_in(options[index])
        st.rerun()


def identity_sign_in(svc: Services) -> None:
    """After ``st.login``: the provider's verified email -> its grants, asked afresh on every run.

    Nothing typed in the browser takes part: an unknown, deactivated or unverified account sees
    one message and a way out, and the router still offers no other page.
    """
    email = ui.identity_email()
    if email is None:
        st.error(ui.tr("security.sign_in.unverified"))
    else:
        st.caption(ui.plain(ui.tr("security.sign_in.verified_as", email=email)))
        options = sorted(svc.sign_in_options(email), key=lambda a: (ROLE_ORDER.get(a.role, 99), a.unit_id))
        if len(options) == 1:
            ui.sign_in(options[0])
            st.rerun()
        if options:
            st.session_state[OPTIONS_KEY] = options
            pick_grant(svc)
            return
        st.error(ui.plain(ui.tr("security.sign_in.unknown", email=email)))
    st.button(ui.tr("security.sign_in.other_account"), key="sign_in_other_account", on_click=st.logout)


with ui.user_errors():
    if settings.demo:
        users = svc.demo_users()
        if users.empty:
            st.warning(ui.tr("page.sign_in.no_users"))
        else:
            st.subheader(ui.tr("page.sign_in.demo_header"))
            records = sorted(
                users.to_dict("records"),
                key=lambda r: (ROLE_ORDER.get(r["role"], 99), r["unit_id"], r["full_name"]),
            )
            picked = st.selectbox(
                ui.tr("page.sign_in.pick_user"),
                range(len(records)),
                format_func=ui.labelled(
                    range(len(records)),
                    lambda i: ui.tr(
                        "page.sign_in.user_option",
                        name=records[i]["full_name"],
                        role=ui.role_label(str(records[i]["role"])),
                        unit=records[i]["unit_name"],
                    ),
                    "sign_in_demo_user",
                ),
                key="sign_in_demo_user",
            )
            if st.button(ui.tr("page.sign_in.as_user"), key="sign_in_demo", type="primary"):
                r = records[picked]
                ui.sign_in(Actor(str(r["email"]), str(r["full_name"]), str(r["role"]), str(r["unit_id"])))
                st.rerun()

        st.subheader(ui.tr("page.sign_in.email_header"))
        email = st.text_input(
            ui.tr("page.sign_in.email"), help=ui.tr("page.sign_in.email_help"), key="sign_in_email"
        )
        if st.button(ui.tr("page.sign_in.continue"), key="sign_in_email_go") and email.strip():
            choose(svc, email.strip())
            st.rerun()
        pick_grant(svc)
    elif not st.user.get("is_logged_in"):
        if st.button(ui.tr("security.sign_in.google"), key="sign_in_oidc", type="primary"):
            # Streamlit would strand the user on a bare "Authentication error" page if the provider
            # cannot be reached: check first, and say so here, keeping this button to try again
            problem = provider_problem(dict(st.secrets.get("auth", {})))
            if problem is None:
                st.session_state.pop(PROVIDER_DOWN_KEY, None)
                st.login()
            else:
                log.warning("identity provider unreachable: %s", problem)
                st.session_state[PROVIDER_DOWN_KEY] = True
        if st.session_state.get(PROVIDER_DOWN_KEY):
            st.error(ui.tr("security.sign_in.provider_unreachable"))
    else:
        identity_sign_in(svc)

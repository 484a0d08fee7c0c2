"""The intake spreadsheets on the pages: admins create / update them, reviewers and admins sync now.

Authorisation is the services' (``services.sheet_intake.sync_as`` / ``provision_as``): the buttons
are shown to those roles, and a call by anyone else is refused there.
"""

from __future__ import annotations

import streamlit as st

import bootstrap
from app_pages import common as ui
from core.intake_sheets import IntakeSheets
from core.model import Actor
from services import sheet_intake
from services.services import Services


@st.cache_resource(show_spinner=False)
def _sheets(key: str, _settings: bootstrap.Settings) -> IntakeSheets | None:
    return bootstrap.build_intake_sheets(_settings)


def sheets() -> IntakeSheets | None:
    s = ui.settings()
    return _sheets(repr(s.intake_options), s)


def sync_button(svc: Services, actor: Actor) -> None:
    """ "Đồng bộ ngay" for reviewers, the council and admins, when intake spreadsheets are configured."""
    found = sheets()
    if found is None or actor.role not in sheet_intake.SYNC_ROLES:
        return
    if st.button(ui.tr("page.intake_sheets.sync"), key="intake_sync_now"):
        with ui.user_errors(), st.spinner(ui.tr("page.intake_sheets.sync")):
            done = sheet_intake.sync_as(svc, found, actor)
            st.success(ui.tr("page.intake_sheets.done", summary=done.summary(ui.lang())))


def panel(svc: Services, actor: Actor) -> None:
    """The admin page's section: what exists, create / update, sync now."""
    st.subheader(ui.tr("page.intake_sheets.title"))
    st.caption(ui.tr("page.intake_sheets.intro"))
    found = sheets()
    if found is None:
        st.info(ui.tr("page.intake_sheets.none"))
        return
    with ui.user_errors():
        reg = sheet_intake.registry(svc)
        files = reg[reg["unit_id"] != sheet_intake.MARKER]
        st.write(ui.tr("page.intake_sheets.files", count=len(files)))
        if st.button(ui.tr("page.intake_sheets.provision"), key="intake_provision"):
            with st.spinner(ui.tr("page.intake_sheets.provision")):
                made = sheet_intake.provision_as(svc, found, actor)
            st.success(ui.tr("page.intake_sheets.files", count=len(made)))
    sync_button(svc, actor)

"""Văn bản & xuất dữ liệu: official documents (.docx from the editable templates) and lists (.xlsx).

A file is generated when its button is pressed (with a progress bar), kept for this session and
offered for download; everything it contains comes from ``reporting.reporting`` within the viewer's scope.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages import common as ui
from app_pages import decisions_panel
from core.errors import ThiduaError
from exports.build import ExportFile, export
from reporting.reporting import Reporting

ui.page_header("page.documents.title", "page.documents.intro")
svc = ui.services()
actor = ui.require_actor()
reporting = Reporting(svc)

#: (kind, label key, help key)
DOCUMENTS: tuple[tuple[str, str, str], ...] = (
    ("totrinh", "page.documents.totrinh", "page.documents.totrinh_help"),
    ("bienban", "page.documents.bienban", "page.documents.bienban_help"),
    ("quyetdinh", "page.documents.quyetdinh", "page.documents.quyetdinh_help"),
    ("giaoban", "page.documents.giaoban", "page.documents.giaoban_help"),
    ("xlsx", "page.documents.xlsx", "page.documents.xlsx_help"),
)
TABS = ("nominations", "works", "initiatives")
MEETING_KEY = "documents_meeting"

campaign_id = ui.campaign_picker(svc, key="documents_campaign")
if not campaign_id:
    st.info(ui.tr("page.documents.no_campaign") + " " + ui.tr("page.documents.no_campaign_next"))
    st.stop()
left, right = st.columns(2)
number = left.text_input(
    ui.tr("page.documents.number"), help=ui.tr("page.documents.number_help"), key="doc_no"
)
if number.strip() and not number.strip().isdigit():
    left.warning(ui.tr("page.documents.number_invalid"))
    number = ""
tab = right.selectbox(ui.tr("page.documents.tab"), TABS, format_func=ui.tab_label, key="documents_tab")


def generate(kind: str) -> None:
    """Build one file with a progress bar and keep it in the session for the download button."""
    bar = st.progress(0.0, text=ui.tr("page.documents.generating"))

    def progress(fraction: float, what: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=what)

    with ui.user_errors():
        out = export(
            reporting,
            actor,
            kind,
            campaign_id,
            number=number.strip() or None,
            tab=tab,
            lang=ui.lang(),
            progress=progress,
            meeting_id=str(st.session_state.get(MEETING_KEY) or "") or None,
        )
        st.session_state[f"documents_file_{kind}"] = (campaign_id, out)
    bar.empty()


def meeting_picker(column: Any) -> None:
    """The council meeting whose minutes the Biên bản records (one meeting, its own attendance and votes)."""
    try:
        meetings = reporting.council_meetings(actor, campaign_id)
    except ThiduaError:
        return  # not a council document reader: generating says why
    if meetings.empty:
        column.caption(ui.tr("page.documents.no_meeting"))
        return
    by_id = {str(r["id"]): r for r in meetings.to_dict("records")}
    ids = list(by_id)
    column.selectbox(
        ui.tr("page.documents.meeting"),
        ids,
        format_func=ui.labelled(
            ids,
            lambda i: ui.tr(
                "page.documents.meeting_option",
                date=ui.display_value(svc, "council_meetings", "held_on", by_id[i]["held_on"]),
                minutes=by_id[i]["minutes_no"] or "—",
                status=ui.tr(f"page.council.status.{by_id[i]['status']}"),
            ),
            MEETING_KEY,
        ),
        key=MEETING_KEY,
    )


for kind, label_key, help_key in DOCUMENTS:
    with st.container(border=True):
        info, make, download = st.columns([3, 1, 1], vertical_alignment="center")
        info.markdown(f"**{ui.tr(label_key)}**")
        info.caption(ui.tr(help_key))
        if kind == "bienban":
            meeting_picker(info)
        if make.button(ui.tr("page.documents.generate"), key=f"documents_make_{kind}", wrap=True):
            generate(kind)
        kept = st.session_state.get(f"documents_file_{kind}")
        if kept and kept[0] == campaign_id and isinstance(kept[1], ExportFile):
            out: ExportFile = kept[1]
            download.download_button(
                ui.tr("page.documents.download"),
                data=out.data,
                file_name=out.filename,
                mime=out.mime,
                key=f"documents_download_{kind}",
                icon=":material/download:",
                wrap=True,
            )


decisions_panel.render(svc, actor, campaign_id)

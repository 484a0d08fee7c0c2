"""Nhập từ Excel: download a form's template, upload it filled, read the report, import the valid rows,
and take the rejected rows back as a workbook with an error column."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app_pages import common as ui
from services import intake
from services.intake_import import IntakeResult, check_upload, import_upload

ui.page_header("page.import.title", "page.import.intro")
svc = ui.services()
actor = ui.require_actor()
CHECKED = "import_checked"  # (file key, Upload, errors) of the last checked file
RESULT = "import_result"  # (file key, IntakeResult) of the last import


def progress_bar(text_key: str) -> Any:
    """A progress bar and its callback; the bar is removed when the work is done (see ``done``)."""
    bar = st.progress(0.0, text=ui.tr(text_key))
    report = lambda fraction, _stage: bar.progress(min(max(fraction, 0.0), 1.0), text=ui.tr(text_key))  # noqa: E731
    report.done = bar.empty  # type: ignore[attr-defined]
    return report


def report_table(errors: list[Any]) -> pd.DataFrame:
    rows = intake.report(errors, ui.lang())
    return pd.DataFrame(
        {
            ui.tr("page.import.col_row"): [r["row"] for r in rows],
            ui.tr("page.import.col_column"): [r["column"] for r in rows],
            ui.tr("page.import.col_value"): [r["value"] for r in rows],
            ui.tr("page.import.col_message"): [r["message"] for r in rows],
            ui.tr("page.import.col_severity"): [ui.tr(f"intake.severity.{r['severity']}") for r in rows],
        }
    )


campaign_id = ui.campaign_picker(svc, only_open=True, key="import_campaign")
if not campaign_id:
    st.info(ui.tr("ui.no_open_campaign") + " " + ui.tr("ui.no_open_campaign_next"))
    st.stop()
campaign = svc.campaign(campaign_id)
form_name = st.selectbox(
    ui.tr("page.import.form"),
    list(campaign.forms),
    format_func=lambda name: ui.lbl(campaign.forms[name].label),
    key="import_form",
)
catalogue = svc.reference().catalogue_map
st.download_button(
    ui.tr("page.import.download_template"),
    data=intake.template(campaign, form_name, ui.lang(), catalogue=catalogue),
    file_name=f"mau_{campaign.id}_{form_name}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    key="import_template",
)

uploaded = st.file_uploader(ui.tr("page.import.upload"), type=["xlsx", "csv"], key="import_file")
if uploaded is None:
    st.stop()
file_key = f"{uploaded.file_id}:{campaign.id}:{form_name}:{ui.lang()}"
checked = st.session_state.get(CHECKED)
if checked is None or checked[0] != file_key:
    with ui.user_errors():
        upload = intake.read_upload(uploaded.name, uploaded.getvalue(), campaign=campaign, form=form_name)
        bar = progress_bar("page.import.checking")
        errors = check_upload(svc, upload, actor=actor, lang=ui.lang(), progress=bar)
        bar.done()  # the report below replaces the bar: it never stays part-way once the check is over
        st.session_state[CHECKED] = checked = (file_key, upload, errors)
        st.session_state.pop(RESULT, None)
if checked is None or checked[0] != file_key:
    st.stop()  # the file was refused; the message is shown above
_, upload, errors = checked
result: IntakeResult | None = None
if (kept := st.session_state.get(RESULT)) and kept[0] == file_key:
    result = kept[1]
shown = result.errors if result is not None else errors
blocking = sum(1 for e in shown if e.severity == "error")
bad_rows = {e.row for e in shown}
st.subheader(ui.tr("page.import.report"))
st.write(
    ui.tr(
        "intake.summary",
        rows=len(upload.rows),
        ok=len(upload.rows) - len(bad_rows),
        errors=blocking,
        warnings=len(shown) - blocking,
    )
)
if shown:
    ui.dataframe(report_table(shown), hide_index=True, use_container_width=True, key="import_report")
else:
    st.success(ui.tr("page.import.no_problems"))

if result is None:
    has_warnings = any(e.severity == "warning" for e in errors)
    accept = has_warnings and st.checkbox(ui.tr("page.import.accept_warnings"), key="import_accept")
    submit = st.checkbox(ui.tr("page.import.submit_now"), key="import_submit")
    held = {e.row for e in errors if e.severity == "error" or not accept}
    ready = len([n for n in upload.row_numbers if n not in held])
    if st.button(
        ui.tr("page.import.do_import", count=ready), type="primary", disabled=ready == 0, key="import_go"
    ):
        with ui.user_errors():
            result = import_upload(
                svc,
                actor,
                upload,
                accept_warnings=bool(accept),
                submit=submit,
                errors=errors,
                progress=progress_bar("page.import.importing"),
            )
            st.session_state[RESULT] = (file_key, result)
            ui.flash(ui.tr("intake.imported", count=len(result.imported), rejected=len(result.rejected_rows)))
            st.rerun()

if result is not None:
    rejected = set(result.rejected_rows)
else:
    rejected = {e.row for e in errors if e.severity == "error"}
if rejected:
    st.download_button(
        ui.tr("page.import.download_rejected"),
        data=intake.rejected_rows_xlsx(
            campaign, upload, [e for e in shown if e.row in rejected], ui.lang(), catalogue=catalogue
        ),
        file_name=f"loi_{campaign.id}_{form_name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/error:",
        key="import_rejected",
    )

"""Nhập từ Excel: download a form's template, upload it filled (or the officer's own list), read the
report, import the valid rows, and take the rejected rows back as a workbook with an error column."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app_pages import common as ui
from services import intake
from services.intake_import import CheckReport, IntakeResult, check_upload, held_rows, import_upload, summary
from services.intake_worker import read_isolated

ui.page_header("page.import.title", "page.import.intro")
svc = ui.services()
actor = ui.require_actor()
CHECKED = "import_checked"  # (file key, CheckReport) of the last checked file
RESULT = "import_result"  # (file key, IntakeResult) of the last import


class Bar:
    """One progress bar that always ends full: each stage fills its share, :meth:`done` the rest."""

    def __init__(self, text_key: str) -> None:
        self.text = ui.tr(text_key)
        self.bar = st.progress(0.0, text=self.text)

    def __call__(self, fraction: float, _stage: str = "") -> None:
        self.bar.progress(min(max(fraction, 0.0), 1.0), text=self.text)

    def done(self) -> None:
        self.bar.progress(1.0, text=ui.tr("page.import.done"))


def report_table(errors: list[Any], upload: intake.Upload) -> pd.DataFrame:
    rows = intake.report(errors, ui.lang())
    origin = {upload.ref(i): upload.origin_of(i) for i in range(len(upload.rows))} if upload.origins else {}
    table: dict[str, list[Any]] = {}
    if upload.sheets:
        table[ui.tr("page.import.col_sheet")] = [r["sheet"] for r in rows]
    table[ui.tr("page.import.col_row")] = [r["row"] if r["row"] is not None else "" for r in rows]
    if origin:
        table[ui.tr("page.import.col_origin")] = [origin.get((r["sheet"], r["row"]), "") for r in rows]
    table[ui.tr("page.import.col_column")] = [r["column"] for r in rows]
    table[ui.tr("page.import.col_value")] = [r["value"] for r in rows]
    table[ui.tr("page.import.col_message")] = [r["message"] for r in rows]
    table[ui.tr("page.import.col_severity")] = [ui.tr(f"intake.severity.{r['severity']}") for r in rows]
    return pd.DataFrame(table)


campaign_id = ui.campaign_picker(svc, only_open=True, key="import_campaign")
if not campaign_id:
    st.info(ui.tr("ui.no_open_campaign") + " " + ui.tr("ui.no_open_campaign_next"))
    st.stop()
campaign = svc.campaign(campaign_id)
form_name = st.selectbox(
    ui.tr("page.import.form"),
    list(campaign.forms),
    format_func=ui.labelled(
        campaign.forms, lambda name: ui.lbl(campaign.forms[name].label), f"import_form_{campaign.id}"
    ),
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
        bar = Bar("page.import.checking")
        bar(0.05)
        # read in the worker process: a big file never slows other people's pages
        upload = read_isolated(
            uploaded.name, uploaded.getvalue(), campaign=campaign, form=form_name, lang=ui.lang()
        )
        bar(0.3)
        report = check_upload(
            svc, upload, actor=actor, lang=ui.lang(), progress=lambda f, _s: bar(0.3 + 0.7 * f / 0.4)
        )
        bar.done()
        st.session_state[CHECKED] = checked = (file_key, report)
        st.session_state.pop(RESULT, None)
if checked is None or checked[0] != file_key:
    st.stop()  # the file was refused; the message is shown above
report: CheckReport = checked[1]
upload = report.upload
result: IntakeResult | None = None
if (kept := st.session_state.get(RESULT)) and kept[0] == file_key:
    result = kept[1]
shown = result.errors if result is not None else list(report)
st.subheader(ui.tr("page.import.report"))
for line in summary(upload, shown, ui.lang()):
    st.write(ui.plain(line))
if shown:
    ui.dataframe(report_table(shown, upload), hide_index=True, width="stretch", key="import_report")
else:
    st.success(ui.tr("page.import.no_problems"))

if result is None:
    has_warnings = any(e.severity == "warning" for e in report)
    accept = has_warnings and st.checkbox(ui.tr("page.import.accept_warnings"), key="import_accept")
    submit = st.checkbox(ui.tr("page.import.submit_now"), key="import_submit")
    held = held_rows(report, accept_warnings=bool(accept))
    ready = sum(1 for i in range(len(upload.rows)) if upload.ref(i) not in held and i not in report.stored)
    if st.button(
        ui.tr("page.import.do_import", count=ready), type="primary", disabled=ready == 0, key="import_go"
    ):
        with ui.user_errors():
            bar = Bar("page.import.importing")
            result = import_upload(
                svc, actor, upload, accept_warnings=bool(accept), submit=submit, errors=report, progress=bar
            )
            bar.done()
            st.session_state[RESULT] = (file_key, result)
            ui.flash(ui.tr("intake.imported", count=len(result.imported), rejected=len(result.rejected)))
            if result.already:
                ui.flash(ui.tr("intake.imported_again", count=len(result.already)), "info")
            st.rerun()

rejected = set(result.rejected) if result is not None else held_rows(report, accept_warnings=False)
rejected -= {upload.ref(i) for i in report.stored}
if rejected:
    st.download_button(
        ui.tr("page.import.download_rejected"),
        data=intake.rejected_rows_xlsx(
            campaign,
            upload,
            [e for e in shown if (e.sheet, e.row) in rejected],
            ui.lang(),
            catalogue=catalogue,
        ),
        file_name=f"loi_{campaign.id}_{form_name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/error:",
        key="import_rejected",
    )

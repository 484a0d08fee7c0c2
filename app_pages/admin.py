"""Quản trị: campaigns (dates, forms, targets, workflow diagrams), reopening a campaign for one unit, and
the campaign editor: upload or edit a YAML, see it checked by the same loader (errors name the key and the
fix), preview it, and save it as a new version (``services.campaign_admin`` enforces admin-only and refuses a
change that would strand rows unless each dropped state is mapped to a new one).
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import streamlit as st

from app_pages import common as ui
from app_pages import intake_panel
from core.vnformat import fmt_int, fmt_vnd, ui_date
from schemas.registry import spec as tab_spec
from services import campaign_admin
from services.services import Services
from workflows.spec import CampaignSpec, SpecError, WorkflowSpec

ui.page_header("page.admin.title", "page.admin.intro")
svc = ui.services()
actor = ui.require_actor()
if actor.role != "ADMIN":
    st.error(ui.tr("error.not_allowed"))
    st.stop()


def quoted(text: str) -> str:
    """A DOT string literal (labels come from YAML: escape quotes and backslashes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _wrap(text: str, width: int) -> str:
    """Long labels on several short lines: a narrow diagram keeps its type large when fitted to the page."""
    return "\n".join(textwrap.wrap(text, width)) or text


def workflow_dot(wf: WorkflowSpec) -> str:
    """DOT text: states (terminal doubled, editable shaded), moves labelled with who may make them."""
    lines = [
        "digraph {",
        "rankdir=TB;",
        "nodesep=0.25;",
        "ranksep=0.45;",
        "concentrate=true;",
        'node [shape=box, style="rounded", fontname="Helvetica", fontsize=18, margin="0.25,0.12"];',
        'edge [fontname="Helvetica", fontsize=14];',
    ]
    for name, state in wf.states.items():
        attrs = [f"label={quoted(_wrap(ui.lbl(state.label), 18))}"]
        if state.terminal:
            attrs.append("peripheries=2")
        if state.editable:
            attrs.append('style="rounded,filled", fillcolor="#fff4d6"')
        if name == wf.initial:
            attrs.append("penwidth=2")
        lines.append(f"{quoted(name)} [{', '.join(attrs)}];")
    for move in wf.transitions:
        # only the move's name on the arrow (who may make it is in the table under the diagram):
        # roles on every arrow made the diagram so wide it was unreadable at 1366 px
        for source in move.source:
            label = quoted(_wrap(ui.lbl(move.label), 16))
            lines.append(f"{quoted(source)} -> {quoted(move.dest)} [label={label}];")
    lines.append("}")
    return "\n".join(lines)


def moves_table(wf: WorkflowSpec) -> pd.DataFrame:
    """Every move of the diagram in words: from, to, who may make it, reason needed, in bulk."""
    rows = [
        (
            ui.lbl(move.label),
            ", ".join(ui.lbl(wf.states[s].label) for s in move.source if s in wf.states),
            ui.lbl(wf.states[move.dest].label) if move.dest in wf.states else move.dest,
            ", ".join(ui.role_label(r) for r in move.roles),
            ui.tr("table.yes") if move.reason_required else "",
            ui.tr("table.yes") if move.bulk else "",
        )
        for move in wf.transitions
    ]
    keys = ("move", "from", "to", "who", "reason", "bulk")
    return pd.DataFrame(rows, columns=[ui.tr(f"newcomer.admin.col.{k}") for k in keys])


def campaign_card(camp: CampaignSpec, today: dt.date) -> None:
    with st.expander(ui.campaign_title(camp, today), expanded=camp.is_open(today)):
        campaign_card_body(camp)


def campaign_card_body(camp: CampaignSpec) -> None:
    """Dates, forms, targets, the states of each workflow and its diagram."""
    st.caption(f"{camp.id} · {ui.tr('page.admin.source', file=camp.source)}")
    st.markdown(
        ui.tr(
            "page.admin.dates",
            opens=ui_date(camp.opens),
            closes=ui_date(camp.closes),
            doc=camp.launch_doc or ui.tr("ui.none"),
            doc_date=ui_date(camp.launch_doc_date) if camp.launch_doc_date else ui.tr("ui.none"),
        )
    )
    st.markdown(f"**{ui.tr('page.admin.forms')}**")
    for form in camp.forms.values():
        shared = [
            ui.lbl(f.label) for f in camp.forms.values() if f.workflow == form.workflow and f is not form
        ]
        params = {"label": ui.lbl(form.label), "tab": ui.tab_label(form.tab), "shared": ", ".join(shared)}
        key = "newcomer.admin.form_line" if shared else "newcomer.admin.form_line_alone"
        st.markdown("- " + ui.tr(key, **params))
        # a form's own fields carry their labels (its tab is registered only once the version is in use)
        fields = ", ".join(
            ui.lbl(f.label) if f.label else tab_spec(form.tab).label(f.name, ui.lang()) for f in form.fields
        )
        st.caption(ui.tr("page.admin.fields", fields=fields))
        if form.awards:
            st.caption(
                ui.tr("page.admin.awards", awards=", ".join(ui.award_label(svc, a) for a in form.awards))
            )
    if camp.targets:
        st.markdown(f"**{ui.tr('page.admin.targets')}**")
        for tg in camp.targets:
            st.markdown(
                "- "
                + ui.tr(
                    "page.admin.target_line", label=ui.lbl(tg.label), target=fmt_int(tg.target, ui.lang())
                )
            )
    if camp.contest is not None:
        contest = camp.contest
        st.markdown(f"**{ui.tr('page.admin.contest')}**")
        criteria = ", ".join(f"{ui.lbl(c.label)} {c.weight:f}%" for c in contest.criteria)
        tiers = ", ".join(
            f"{ui.lbl(t.label)} × {t.count} ({fmt_vnd(t.amount, ui.lang())})" for t in contest.prizes
        )
        judges = len({j for c in contest.categories for j in contest.judges_of(c)})
        st.caption(
            ui.plain(
                ui.tr(
                    "page.admin.contest_line",
                    categories=len(contest.categories),
                    judges=judges,
                    criteria=criteria,
                    tiers=tiers,
                    prizes=fmt_int(contest.prize_count(), ui.lang()),
                    money=fmt_vnd(contest.prize_money(), ui.lang()),
                )
            )
        )
    for name, wf in camp.workflows.items():
        users = [ui.lbl(f.label) for f in camp.forms.values() if f.workflow == name]
        st.markdown(f"**{ui.plain(ui.tr('newcomer.admin.workflow', forms=', '.join(users) or '—'))}**")
        states = ", ".join(ui.lbl(s.label) for s in wf.states.values())
        st.caption(ui.plain(ui.tr("newcomer.admin.states", states=states)))
        # large type and one diagram per row; the chart's own full-screen button enlarges it further
        st.graphviz_chart(workflow_dot(wf), width="stretch")
        ui.dataframe(moves_table(wf), hide_index=True, key=f"admin_moves_{camp.id}_{name}")


REOPEN = "admin_reopen_"
EDIT_TEXT = "admin_edit_text"
EDIT_BASE = "admin_edit_base"
EDIT_UPLOAD = "admin_edit_upload"
EDIT_LOADED = "admin_edit_loaded_file"
EDIT_NOTE = "admin_edit_note"
MAP_PREFIX = "admin_map_"


def unit_options(svc: Services) -> list[str]:
    """Every active unit, depth first from the roots (so the list reads like the org tree)."""
    tree = svc.reference().tree
    children: dict[str | None, list[str]] = {}
    for unit, parent in tree.parent.items():
        children.setdefault(parent if parent in tree.parent else None, []).append(unit)
    out: list[str] = []
    stack = sorted(children.get(None, []), reverse=True)
    while stack:
        unit = stack.pop()
        out.append(unit)
        stack.extend(sorted(children.get(unit, []), reverse=True))
    return out


def unit_option_label(svc: Services, unit: str) -> str:
    depth = len(svc.reference().tree.ancestors(unit))
    return "\u2003" * depth + ui.unit_label(svc, unit)


def reopen(svc: Services) -> None:
    """Callback: reopen the chosen campaign for the chosen unit until the chosen date."""
    actor = ui.current_actor()
    if actor is None:
        return
    campaign_id = str(st.session_state.get(REOPEN + "campaign") or "")
    unit = str(st.session_state.get(REOPEN + "unit") or "")
    until = st.session_state.get(REOPEN + "until") or svc.today()
    reason = str(st.session_state.get(REOPEN + "reason") or "")
    done = ui.run_command(lambda: svc.reopen(actor, campaign_id, unit, until, reason), near="admin_reopen")
    if done is None:
        return
    ui.flash(
        ui.tr(
            "page.admin.reopen.done",
            campaign=campaign_id,
            unit=ui.unit_label(svc, unit),
            until=ui_date(until),
        )
    )
    st.session_state[REOPEN + "reason"] = ""


def reopen_form(svc: Services) -> None:
    st.subheader(ui.tr("page.admin.reopen.header"))
    st.caption(ui.tr("page.admin.reopen.intro"))
    ids = sorted(svc.campaigns, key=lambda c: svc.campaigns[c].opens, reverse=True)
    today = svc.today()
    camp_col, unit_col, until_col = st.columns([2, 3, 1])
    camp_col.selectbox(
        ui.tr("ui.campaign"),
        ids,
        format_func=ui.labelled(
            ids, lambda c: ui.campaign_title(svc.campaigns[c], today), REOPEN + "campaign"
        ),
        key=REOPEN + "campaign",
    )
    units = unit_options(svc)
    unit_col.selectbox(
        ui.tr("page.admin.reopen.unit"),
        units,
        format_func=ui.labelled(units, lambda u: unit_option_label(svc, u), REOPEN + "unit"),
        key=REOPEN + "unit",
    )
    until_col.date_input(
        ui.tr("page.admin.reopen.until"),
        value=today + dt.timedelta(days=7),
        format="DD/MM/YYYY",
        key=REOPEN + "until",
    )
    st.text_input(ui.tr("page.admin.reopen.reason"), key=REOPEN + "reason")
    st.button(ui.tr("page.admin.reopen.submit"), on_click=reopen, args=(svc,), key=REOPEN + "submit")
    ui.show_near("admin_reopen")


# ---------------------------------------------------------------------- campaign editor


def load_base(svc: Services) -> None:
    """Callback: put the chosen campaign's running YAML into the text area."""
    campaign_id = str(st.session_state.get(EDIT_BASE) or "")
    text = ui.run_command(lambda: campaign_admin.campaign_text(svc, campaign_id))
    if text is not None:
        st.session_state[EDIT_TEXT] = text


def load_upload() -> None:
    """Callback: put the uploaded file's text into the text area."""
    upload = st.session_state.get(EDIT_UPLOAD)
    if upload is None:
        return
    try:
        st.session_state[EDIT_TEXT] = upload.getvalue().decode("utf-8-sig")
    except UnicodeDecodeError:
        ui.flash(ui.tr("page.admin.edit.bad_file", file=upload.name), level="error")
        return
    ui.flash(ui.tr("page.admin.edit.loaded", file=upload.name), level="info")


def mapping_from_state() -> dict[str, str]:
    return {
        str(k)[len(MAP_PREFIX) :]: str(v)
        for k, v in st.session_state.items()
        if str(k).startswith(MAP_PREFIX) and v
    }


def save_spec(svc: Services) -> None:
    """Callback: save the text as the campaign's next version (core refuses what would strand rows)."""
    actor = ui.current_actor()
    if actor is None:
        return
    text = str(st.session_state.get(EDIT_TEXT) or "")
    note = str(st.session_state.get(EDIT_NOTE) or "")
    result = ui.run_command(
        lambda: campaign_admin.save(svc, actor, text, note=note, mapping=mapping_from_state()),
        near="admin_edit_save",
    )
    if result is None:
        return
    ui.flash(ui.tr("page.admin.edit.saved", campaign=result.spec.id, version=result.row["version_no"]))
    for (src, dst), count in result.moved.items():
        ui.flash(ui.tr("page.admin.edit.moved", count=count, src=src, dst=dst), level="info")
    ui.flash(ui.tr("page.admin.edit.restart_note"), level="info")
    for key in [k for k in st.session_state if str(k).startswith(MAP_PREFIX)]:
        del st.session_state[key]
    st.session_state[EDIT_NOTE] = ""


def preview(spec: CampaignSpec) -> None:
    """What the text declares: forms, states and the workflow diagrams."""
    if st.toggle(ui.tr("page.admin.edit.preview"), key="admin_edit_preview"):  # drawn only when asked
        with st.container(border=True):
            campaign_card_body(spec)


def stranded_mapping(check: campaign_admin.SaveCheck) -> None:
    """One "move rows in X to" choice per dropped state that still holds rows."""
    listing = "; ".join(f"{s.form}/{s.state}: {s.count}" for s in check.stranded)
    st.warning(ui.plain(ui.tr("page.admin.edit.stranded", states=listing)))
    by_state: dict[str, list[campaign_admin.Stranded]] = {}
    for s in check.stranded:
        by_state.setdefault(s.state, []).append(s)
    for state, group in by_state.items():
        # the mapping is per old state, so offer only states every affected form's new workflow has
        choices = [
            set(check.spec.workflow_for(s.form).states) if s.form in check.spec.forms else set()
            for s in group
        ]
        common = set.intersection(*choices)
        first = check.spec.workflow_for(group[0].form).states if group[0].form in check.spec.forms else {}
        st.selectbox(
            ui.tr("page.admin.edit.map", state=state, count=sum(s.count for s in group)),
            ["", *(n for n in first if n in common)],
            format_func=lambda o: o or ui.tr("ui.none"),
            key=MAP_PREFIX + state,
        )


def editor(svc: Services) -> None:
    st.subheader(ui.tr("page.admin.edit.header"))
    st.caption(ui.tr("page.admin.edit.intro"))
    ids = sorted(svc.campaigns, key=lambda c: svc.campaigns[c].opens, reverse=True)
    today = svc.today()
    base_col, upload_col = st.columns(2)
    base = base_col.selectbox(
        ui.tr("page.admin.edit.base"),
        ids,
        format_func=ui.labelled(ids, lambda c: ui.campaign_title(svc.campaigns[c], today), EDIT_BASE),
        key=EDIT_BASE,
        on_change=load_base,
        args=(svc,),
    )
    upload_col.file_uploader(
        ui.tr("page.admin.edit.upload"), type=["yaml", "yml"], key=EDIT_UPLOAD, on_change=load_upload
    )
    if EDIT_TEXT not in st.session_state and base:
        st.session_state[EDIT_TEXT] = campaign_admin.campaign_text(svc, str(base))
    st.text_area(
        ui.tr("page.admin.edit.text"), help=ui.tr("page.admin.edit.text_help"), height=420, key=EDIT_TEXT
    )
    text = str(st.session_state.get(EDIT_TEXT) or "")
    try:
        check = campaign_admin.check_save(svc, actor, text, mapping_from_state())
    except SpecError as exc:
        st.error(ui.plain(exc.message(ui.lang())))
        return
    spec = check.spec
    st.success(ui.plain(ui.tr("page.admin.edit.valid", id=spec.id, name=ui.lbl(spec.name))))
    key = "page.admin.edit.new_campaign" if check.is_new else "page.admin.edit.next_version"
    st.caption(ui.tr(key, id=spec.id, version=check.version_no))
    preview(spec)
    if check.stranded:
        stranded_mapping(check)
    st.text_input(ui.tr("page.admin.edit.note"), key=EDIT_NOTE)
    st.button(
        ui.tr("page.admin.edit.save", version=check.version_no),
        on_click=save_spec,
        args=(svc,),
        key="admin_edit_save",
        type="primary",
    )
    ui.show_near("admin_edit_save")
    saved = campaign_admin.versions(svc.store, spec.id)
    if not saved.empty:
        st.markdown(f"**{ui.tr('page.admin.edit.versions')}**")
        ui.dataframe(
            pd.DataFrame(
                {
                    ui.tr("page.admin.edit.col.version"): saved["version_no"],
                    ui.tr("page.admin.edit.col.by"): saved["updated_by"],
                    ui.tr("page.admin.edit.col.at"): [ui.fmt_datetime(v) for v in saved["created_at"]],
                    ui.tr("page.admin.edit.col.note"): saved["note"],
                }
            ),
            hide_index=True,
            key="admin_versions_table",
        )


for problem in svc.campaign_problems:  # left out at start: the others run, the admin fixes this one
    st.error(ui.plain(ui.tr("page.admin.campaign_left_out", problem=problem.message(ui.lang()))))
today = svc.today()
st.subheader(ui.tr("page.admin.list_header"))
for camp in sorted(svc.campaigns.values(), key=lambda c: c.opens, reverse=True):
    campaign_card(camp, today)
st.divider()
with ui.user_errors():
    reopen_form(svc)
st.divider()
with ui.user_errors():
    editor(svc)
st.divider()
intake_panel.panel(svc, actor)

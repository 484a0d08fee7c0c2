"""Quản trị: each campaign's dates, forms, targets and workflow diagram, read from its YAML (read-only)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages import common as ui
from core.vnformat import fmt_int, ui_date
from schemas.registry import spec as tab_spec
from workflows.spec import CampaignSpec, WorkflowSpec

ui.page_header("page.admin.title", "page.admin.intro")
svc = ui.services()
actor = ui.require_actor()
if actor.role != "ADMIN":
    st.error(ui.tr("error.not_allowed"))
    st.stop()


def quoted(text: str) -> str:
    """A DOT string literal (labels come from YAML: escape quotes and backslashes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def workflow_dot(wf: WorkflowSpec) -> str:
    """DOT text: states (terminal doubled, editable shaded), moves labelled with who may make them."""
    lines = [
        "digraph {",
        "rankdir=TB;",
        "nodesep=0.6;",
        'node [shape=box, style="rounded", fontname="Helvetica"];',
    ]
    for name, state in wf.states.items():
        attrs = [f"label={quoted(ui.lbl(state.label))}"]
        if state.terminal:
            attrs.append("peripheries=2")
        if state.editable:
            attrs.append('style="rounded,filled", fillcolor="#fff4d6"')
        if name == wf.initial:
            attrs.append("penwidth=2")
        lines.append(f"{quoted(name)} [{', '.join(attrs)}];")
    for move in wf.transitions:
        notes = [ui.role_label(r) for r in move.roles]
        if move.reason_required:
            notes.append(ui.tr("page.admin.reason"))
        if move.bulk:
            notes.append(ui.tr("page.admin.bulk"))
        text = "\n".join([ui.lbl(move.label), *(f"· {n}" for n in notes)])
        for source in move.source:
            lines.append(f"{quoted(source)} -> {quoted(move.dest)} [label={quoted(text)}, fontsize=10];")
    lines.append("}")
    return "\n".join(lines)


def campaign_card(camp: CampaignSpec, today: dt.date) -> None:
    with st.expander(ui.campaign_title(camp, today), expanded=camp.is_open(today)):
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
            st.markdown(
                "- "
                + ui.tr(
                    "page.admin.form_line", label=ui.lbl(form.label), tab=form.tab, workflow=form.workflow
                )
            )
            fields = ", ".join(tab_spec(form.tab).label(f.name, ui.lang()) for f in form.fields)
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
        for name, wf in camp.workflows.items():
            st.markdown(f"**{ui.tr('page.admin.workflow', name=name)}**")
            st.graphviz_chart(workflow_dot(wf), width="stretch")


today = svc.today()
for camp in sorted(svc.campaigns.values(), key=lambda c: c.opens, reverse=True):
    campaign_card(camp, today)

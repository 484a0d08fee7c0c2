"""Tổng hợp: counts within the viewer's scope, progress against targets, charts; refreshes itself."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import common as ui
from core.services import Dashboard, Services
from core.vnformat import fmt_int, fmt_pct

REFRESH_SECONDS = 10

ui.page_header("page.dashboard.title", "page.dashboard.intro", seconds=REFRESH_SECONDS)
svc = ui.services()
ui.require_actor()


def counts(labels: pd.Series) -> pd.DataFrame:
    """Rows per label, largest first, in the two columns the charts draw."""
    vc = labels.value_counts()
    return pd.DataFrame(
        {ui.tr("page.dashboard.group"): vc.index, ui.tr("page.dashboard.count"): vc.to_numpy()}
    )


#: Vega formats numbers the English way; in Vietnamese the thousands separator is a dot.
VI_AXIS_LABEL = "replace(format(datum.value, ',d'), /,/g, '.')"


def bar_chart(title: str, labels: pd.Series) -> None:
    group, count = ui.tr("page.dashboard.group"), ui.tr("page.dashboard.count")
    data = counts(labels)
    data["shown"] = [fmt_int(int(n), ui.lang()) for n in data[count]]
    axis = alt.Axis(labelExpr=VI_AXIS_LABEL) if ui.lang() == "vi" else alt.Axis(format=",d")
    chart = (
        alt.Chart(data, title=title)
        .mark_bar()
        .encode(
            x=alt.X(f"{count}:Q", title=count, axis=axis),
            y=alt.Y(f"{group}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320)),
            tooltip=[alt.Tooltip(f"{group}:N"), alt.Tooltip("shown:N", title=count)],
        )
    )
    st.altair_chart(chart, width="stretch")


def tiles(d: Dashboard) -> None:
    rows = d.rows
    as_of = ui.tr("page.dashboard.as_of", time=ui.fmt_time(d.as_of))
    lang = ui.lang()
    figures = [
        ("page.dashboard.total", fmt_int(len(rows), lang)),
        ("page.dashboard.done", fmt_int(int(rows["outcome"].isin(["awarded", "accepted"]).sum()), lang)),
        ("page.dashboard.in_progress", fmt_int(int((rows["outcome"] == "in_progress").sum()), lang)),
        ("page.dashboard.returned", fmt_int(int((rows["state"] == "RETURNED").sum()), lang)),
        (
            "page.dashboard.units",
            ui.tr(
                "page.dashboard.units_value",
                done=fmt_int(d.units_submitted, lang),
                expected=fmt_int(d.units_expected, lang),
            ),
        ),
    ]
    helps = {"page.dashboard.units": ui.tr("page.dashboard.units_help", as_of=as_of)}
    for col, (key, value) in zip(st.columns(len(figures)), figures, strict=True):
        col.metric(ui.tr(key), value, help=helps.get(key, as_of), border=True)


def targets(d: Dashboard) -> None:
    if not d.targets:
        return
    st.subheader(ui.tr("page.dashboard.targets"))
    lang = ui.lang()
    for tg in d.targets:
        text = ui.tr(
            "page.dashboard.target_line",
            label=ui.lbl(tg.label),
            value=fmt_int(tg.value, lang),
            target=fmt_int(tg.target, lang),
            pct=fmt_pct(tg.value, tg.target, lang),
        )
        st.progress(min(tg.ratio, 1.0), text=text)


def charts(svc: Services, d: Dashboard) -> None:
    rows = d.rows
    ref = svc.reference()
    cluster_names = dict(zip(ref.clusters["id"], ref.clusters["name_vi"], strict=False))
    states = pd.Series(
        [
            ui.state_label(svc, c, f, s)
            for c, f, s in zip(rows["campaign_id"], rows["form"], rows["state"], strict=True)
        ]
    )
    clusters = rows["cluster_id"].map(lambda c: cluster_names.get(c) or ui.tr("page.dashboard.no_cluster"))
    levels = rows["level"].map(lambda lv: ui.enum_label("level", lv))
    titles = rows["award_code"].map(
        lambda c: ui.award_label(svc, c) if c else ui.tr("page.dashboard.no_title")
    )
    left, right = st.columns(2)
    with left:
        bar_chart(ui.tr("page.dashboard.by_state"), states)
        bar_chart(ui.tr("page.dashboard.by_level"), levels)
    with right:
        bar_chart(ui.tr("page.dashboard.by_cluster"), clusters)
        bar_chart(ui.tr("page.dashboard.by_title"), titles)


@st.fragment(run_every=REFRESH_SECONDS)
def live(campaign_id: str | None) -> None:
    """The part that refreshes itself: re-checks the actor and re-reads the figures every run."""
    actor = ui.current_actor()
    if actor is None:
        st.rerun(scope="app")
    with ui.user_errors():
        d = svc.dashboard(actor, campaign_id)
        st.caption(ui.tr("ui.updated_at", time=ui.fmt_time(d.as_of)))
        if d.rows.empty:
            st.info(ui.tr("page.dashboard.empty"))
            return
        tiles(d)
        targets(d)
        charts(svc, d)


campaign_id = ui.campaign_picker(svc, allow_all=True, key="dashboard_campaign")
live(campaign_id or None)

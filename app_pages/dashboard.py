"""Tổng hợp: the leader metrics of DOMAIN.md §6 within the viewer's scope, with filters, the rows
behind any tile and charts; refreshes itself. Every figure comes from ``reporting.reporting``.
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import common as ui
from app_pages import tables
from core.vnformat import fmt_int, fmt_pct
from reporting.metrics import Filters, Metric
from reporting.reporting import TOP_UNITS, DashboardView, Reporting
from schemas.registry import spec as tab_spec

REFRESH_SECONDS = 10
#: How a tile says where it stands against its target: a badge colour and an icon, beside the words.
STATUS_LOOK = {
    "met": ("green", ":material/check_circle:"),
    "on_track": ("blue", ":material/trending_up:"),
    "behind": ("orange", ":material/warning:"),
}
TILES_PER_ROW = 4
#: Values longer than this many characters get a double-width tile.
SHORT_VALUE = 9
#: Vega formats numbers the English way; in Vietnamese the thousands separator is a dot.
VI_AXIS_LABEL = "replace(format(datum.value, ',d'), /,/g, '.')"

ui.page_header("page.dashboard.title", "page.dashboard.intro", seconds=REFRESH_SECONDS)
svc = ui.services()
actor = ui.require_actor()
reporting = Reporting(svc)


def pick(
    column: st.delta_generator.DeltaGenerator, key: str, options: list[str], label_of: Callable[[str], str]
) -> str:
    """A filter selectbox whose first choice ("") means all."""
    name = key.removeprefix("dashboard_")
    choices = ["", *options]
    return str(
        column.selectbox(
            ui.tr(f"page.dashboard.{name}"),
            choices,
            # labels fixed per run, re-stated on a language switch (the browser sends the label back)
            format_func=ui.labelled(
                choices, lambda v: label_of(v) if v else ui.tr("page.dashboard.all"), key
            ),
            key=key,
        )
        or ""
    )


def filters() -> Filters:
    """The filters of DOMAIN.md §6: year, campaign, cluster, unit level and sector."""
    options = reporting.filter_options(actor)
    clusters = reporting.cluster_names()
    first, *rest = st.columns([2, 1, 1, 1, 1])
    with first:
        campaign = ui.campaign_picker(svc, allow_all=True, key="dashboard_campaign") or ""
    year = pick(rest[0], "dashboard_year", options["year"], str)
    cluster = pick(rest[1], "dashboard_cluster", options["cluster"], lambda c: clusters.get(c, c))
    level = pick(rest[2], "dashboard_level", options["unit_level"], lambda v: ui.enum_label("level", v))
    sector = pick(rest[3], "dashboard_sector", options["sector"], lambda v: ui.enum_label("sector", v))
    return Filters(
        year=int(year) if year else None,
        campaign_id=campaign or None,
        cluster_id=cluster or None,
        unit_level=level or None,
        sector=sector or None,
    )


def tile(column: st.delta_generator.DeltaGenerator, m: Metric) -> None:
    """One tile: a short label, the value, its target and fraction; the definition in the tooltip."""
    lang = ui.lang()
    note = (m.note or {}).get(lang) or (m.note or {}).get("vi", "")
    help_text = ui.tr(
        "page.dashboard.tile_help",
        label=ui.plain(m.full_label(lang)),
        note=ui.plain(note),
        target=m.display_target(lang),
        fraction=m.display_fraction(lang),
        sources=m.display_sources(lang),
        time=ui.fmt_datetime(m.as_of),
    )
    with column.container(border=True):
        st.metric(m.short_label(lang), m.display(lang), help=help_text)
        status = m.status()
        if status is not None:  # in colour and in words: the colour alone says nothing to some readers
            color, icon = STATUS_LOOK[status]
            st.badge(ui.tr(f"newcomer.status.{status}"), color=color, icon=icon)
        # what the tile counts, and its target: one figure above, no second fraction here
        parts = [ui.plain(m.full_label(lang))]
        if m.target is not None:
            parts.append(ui.tr("page.dashboard.tile_target", target=m.display_target(lang)))
        st.caption(" · ".join(parts))


def tiles(view: DashboardView) -> None:
    """Tiles in rows of four slots; a long value ("6 tỷ 637 triệu đồng") takes two slots, never cut."""
    st.subheader(ui.tr("page.dashboard.tiles"))
    lang = ui.lang()
    rows: list[list[tuple[Metric, int]]] = [[]]
    for m in view.metrics:
        slots = 2 if len(m.display(lang)) > SHORT_VALUE else 1
        if sum(w for _, w in rows[-1]) + slots > TILES_PER_ROW:
            rows.append([])
        rows[-1].append((m, slots))
    for row in rows:
        spare = TILES_PER_ROW - sum(w for _, w in row)
        columns = st.columns([w for _, w in row] + ([spare] if spare else []))
        for column, (m, _) in zip(columns, row, strict=False):
            tile(column, m)


def targets(view: DashboardView) -> None:
    if not view.targets:
        return
    st.subheader(ui.tr("page.dashboard.targets"))
    lang = ui.lang()
    for tg in view.targets:
        text = ui.tr(
            "page.dashboard.target_progress",
            label=ui.plain(ui.lbl(dict(tg.label))),
            value=tg.display(lang),
            pct=fmt_pct(int(tg.value), int(tg.target or 0), lang),
        )
        st.progress(min(tg.value / tg.target, 1.0) if tg.target else 0.0, text=text)


def other_names(view: DashboardView) -> dict[str, dict[str, str]]:
    """Names for codes a drill-down row holds that its own tab does not label: a contest result's
    trade, labelled by the contest campaign's entrant form."""
    labels: dict[str, str] = {}
    for camp in svc.campaigns.values():
        if camp.contest is None:
            continue
        tab = camp.forms[camp.contest.form].tab
        for code in camp.contest.categories:
            labels.setdefault(
                code, tab_spec(tab).option_label(camp.contest.category, code, ui.lang()) or code
            )
    return {"category": labels} if labels else {}


def drill(view: DashboardView) -> None:
    """The breakdown and the rows behind one tile (from the rows the view read within scope)."""
    lang = ui.lang()
    choices = {m.code: m for m in (*view.metrics, *view.targets)}
    with st.expander(ui.tr("page.dashboard.drill")):
        code = st.selectbox(
            ui.tr("page.dashboard.drill"),
            list(choices),
            format_func=lambda c: f"{choices[c].short_label(lang)}: {choices[c].display(lang)}",
            key="dashboard_drill",
            label_visibility="collapsed",
        )
        chosen = choices.get(str(code)) or next(iter(choices.values()))
        if chosen.breakdown is not None and not chosen.breakdown.empty:
            st.caption(ui.tr("page.dashboard.breakdown"))
            ui.dataframe(
                tables.summary_table(svc, chosen.breakdown, chosen.sources),
                hide_index=True,
                key="dashboard_breakdown",
            )
        for tab, rows in view.behind(chosen).items():
            st.caption(
                ui.tr("page.dashboard.drill_rows", tab=ui.tab_label(tab), count=fmt_int(len(rows), lang))
            )
            # the row id last: what to search for in the sheet
            shown = tables.rows_table(svc, tab, rows, keep_id=True, names=other_names(view))
            ui.dataframe(shown, hide_index=True, key=f"dashboard_drill_{tab}")


def bar_chart(title: str, data: pd.DataFrame) -> None:
    """Horizontal bars of ``data`` (``label``, ``count``), largest first, numbers grouped the local way."""
    group, count = ui.tr("page.dashboard.group"), ui.tr("page.dashboard.count")
    frame = pd.DataFrame({group: data["label"].astype(str), count: data["count"].astype(int)})
    frame["shown"] = [fmt_int(int(n), ui.lang()) for n in frame[count]]
    axis = alt.Axis(labelExpr=VI_AXIS_LABEL) if ui.lang() == "vi" else alt.Axis(format=",d")
    chart = (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            x=alt.X(f"{count}:Q", title=count, axis=axis),
            y=alt.Y(f"{group}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320)),
            tooltip=[alt.Tooltip(f"{group}:N"), alt.Tooltip("shown:N", title=count)],
        )
    )
    st.altair_chart(chart, width="stretch")


def trend_chart(trend: pd.DataFrame) -> None:
    """Submissions and awards or recognitions per week, from the history tab's timestamps."""
    title = ui.tr("page.dashboard.trend")
    if trend.empty:
        st.caption(title)
        st.info(ui.tr("page.dashboard.no_trend"))
        return
    week, series, count = (
        ui.tr("page.dashboard.week"),
        ui.tr("page.dashboard.series"),
        ui.tr("page.dashboard.count"),
    )
    names = {
        "submitted": ui.tr("page.dashboard.series_submitted"),
        "done": ui.tr("page.dashboard.series_done"),
    }
    frame = pd.DataFrame(
        {
            week: pd.to_datetime(trend["week"].astype(str)),
            series: trend["series"].map(names),
            count: trend["count"].astype(int),
        }
    )
    axis = alt.Axis(labelExpr=VI_AXIS_LABEL) if ui.lang() == "vi" else alt.Axis(format=",d")
    chart = (
        alt.Chart(frame, title=title)
        .mark_line(point=True)
        .encode(
            x=alt.X(f"{week}:T", title=week, axis=alt.Axis(format="%d/%m/%Y")),
            y=alt.Y(f"{count}:Q", title=count, axis=axis),
            color=alt.Color(f"{series}:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip(f"{week}:T", format="%d/%m/%Y"), f"{series}:N", f"{count}:Q"],
        )
    )
    st.altair_chart(chart, width="stretch")


def charts(view: DashboardView) -> None:
    no_cluster = ui.tr("page.dashboard.no_cluster")
    by_cluster = view.by_cluster.assign(label=[lab or no_cluster for lab in view.by_cluster["label"]])
    left, right = st.columns(2)
    with left:
        bar_chart(ui.tr("page.dashboard.by_state"), view.by_state)
        bar_chart(ui.tr("page.dashboard.by_unit", count=TOP_UNITS), view.by_unit)
    with right:
        bar_chart(ui.tr("page.dashboard.by_cluster"), by_cluster)
        trend_chart(view.trend)


def years(now_actor: object, chosen: Filters) -> None:
    """The years side by side (2023–2024 on the old tree, 2026 on the new one), cash rewards included."""
    table = reporting.year_comparison(now_actor, chosen)  # type: ignore[arg-type]
    if table.empty:
        return
    with st.expander(ui.tr("page.dashboard.years")):
        shown = pd.DataFrame(
            {
                ui.tr("page.dashboard.years.year"): table["year"].astype(str),
                ui.tr("page.dashboard.years.submitted"): [fmt_int(v, ui.lang()) for v in table["submitted"]],
                ui.tr("page.dashboard.years.awarded"): [fmt_int(v, ui.lang()) for v in table["awarded"]],
                "LĐTT": [fmt_int(v, ui.lang()) for v in table["ldtt"]],
                "CSTĐCS": [fmt_int(v, ui.lang()) for v in table["cstdcs"]],
                ui.tr("page.dashboard.years.collectives"): [
                    fmt_int(v, ui.lang()) for v in table["collectives"]
                ],
                ui.tr("page.dashboard.years.reward"): [fmt_int(v, ui.lang()) for v in table["reward_vnd"]],
            }
        )
        st.table(shown.set_index(shown.columns[0]))  # a few rows: a static table


@st.fragment(run_every=REFRESH_SECONDS)
def live(chosen: Filters) -> None:
    """The part that refreshes itself: re-checks the actor and re-reads the figures (one read) every run."""
    now_actor = ui.current_actor()
    if now_actor is None:
        st.rerun(scope="app")
        return
    with ui.user_errors():
        view = reporting.view(now_actor, chosen, ui.lang())
        st.caption(ui.tr("ui.updated_at", time=ui.fmt_time(view.as_of)))
        tiles(view)
        drill(view)
        targets(view)
        years(now_actor, chosen)
        if view.submissions == 0:
            st.info(ui.tr("page.dashboard.empty"))
            return
        charts(view)


live(filters())

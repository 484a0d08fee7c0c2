"""Cụm thi đua: score scheme, self-scores, the re-check, the ranking with a chart, the acclaim vote."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import common as ui
from core.errors import ThiduaError
from services.cluster import Acclaim, ClusterScoring, Standing

ui.page_header("page.cluster.title", "page.cluster.intro")
svc = ui.services()
actor = ui.require_actor()
scoring = ClusterScoring(svc)

CLUSTER_KEY = "cluster_id"
YEAR_KEY = "cluster_year"
#: Roles offered the re-check and acclaim forms (services decide who may actually record them).
CHECK_ROLES = ("CLUSTER_HEAD", "LEADER", "ADMIN")


def points_key(prefix: str, code: str) -> str:
    return f"{prefix}_{code}"


def save_self(cluster_id: str, year: int, codes: list[str]) -> None:
    who = ui.current_actor()
    if who is None:
        return
    points = {c: st.session_state.get(points_key("cluster_self", c)) for c in codes}
    if (
        ui.run_command(lambda: scoring.self_score(who, cluster_id, year, points), near="cluster_self")
        is not None
    ):
        ui.flash(ui.tr("page.cluster.self_saved"))


def save_check(cluster_id: str, year: int, codes: list[str]) -> None:
    who = ui.current_actor()
    if who is None:
        return
    unit = str(st.session_state.get("cluster_check_unit") or "")
    points = {c: st.session_state.get(points_key("cluster_check", c)) for c in codes}
    done = ui.run_command(
        lambda: scoring.cross_check(who, cluster_id, year, unit, points), near="cluster_check"
    )
    if done is not None:
        ui.flash(ui.tr("page.cluster.check_saved", unit=ui.unit_label(svc, unit)))


def run_acclaim(cluster_id: str, year: int, units: list[str]) -> None:
    who = ui.current_actor()
    if who is None:
        return
    votes = {u: int(st.session_state.get(f"cluster_votes_{u}") or 0) for u in units}
    if (
        ui.run_command(lambda: scoring.acclaim(who, cluster_id, year, votes), near="cluster_acclaim")
        is not None
    ):
        ui.flash(ui.tr("page.cluster.acclaim_saved"))


def create_proposal(cluster_id: str, year: int) -> None:
    """Callback: the leading unit's officer files the flag nomination (a DRAFT in its own unit)."""
    who = ui.current_actor()
    if who is None:
        return
    result = scoring.latest_acclaim(who, cluster_id, year)
    if result is None:
        return
    made = ui.run_command(lambda: scoring.proposal(who, result, create=True), near="cluster_proposal")
    if made is not None:
        ui.flash(ui.tr("page.cluster.proposal_created"))


def standings_table(rows: list[Standing], normalise: bool) -> pd.DataFrame:
    data = {
        ui.tr("page.cluster.rank"): [s.rank for s in rows],
        ui.tr("ui.col.unit"): [s.unit_name for s in rows],
        ui.tr("page.cluster.self_total"): [s.self_total for s in rows],
        ui.tr("page.cluster.final_total"): [s.final_total for s in rows],
        ui.tr("page.cluster.at_max"): [s.at_max for s in rows],
        ui.tr("page.cluster.checked"): [f"{s.checked}/{s.criteria}" for s in rows],
    }
    if normalise:
        data[ui.tr("page.cluster.normalised")] = [s.normalised for s in rows]
    return pd.DataFrame(data)


def chart(rows: list[Standing], normalise: bool) -> None:
    value = ui.tr("page.cluster.normalised") if normalise else ui.tr("page.cluster.final_total")
    unit = ui.tr("ui.col.unit")
    frame = pd.DataFrame(
        {
            unit: [s.unit_name for s in rows],
            value: [(s.normalised if normalise else s.final_total) for s in rows],
        }
    )
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{value}:Q", title=value),
            y=alt.Y(f"{unit}:N", sort=None, title=None, axis=alt.Axis(labelLimit=360)),
            tooltip=[alt.Tooltip(f"{unit}:N"), alt.Tooltip(f"{value}:Q")],
        )
    )
    st.altair_chart(bars, width="stretch")


def points_inputs(prefix: str, criteria: pd.DataFrame, current: dict[str, int | None]) -> None:
    for r in criteria.to_dict("records"):
        code, top = str(r["code"]), int(r["max_points"])
        key = points_key(prefix, code)
        seeded = {} if key in st.session_state else {"value": current.get(code)}
        st.number_input(
            ui.plain(ui.tr("page.cluster.criterion_input", code=code, text=r["text_vi"], max=top)),
            min_value=0,
            max_value=top,
            step=1,
            key=key,
            **seeded,
        )


def acclaim_result(result: Acclaim) -> None:
    if not result.leader_unit_id:
        st.warning(ui.tr("page.cluster.acclaim_none", top=result.leader_votes, members=result.members))
        return
    how = ui.tr(f"page.cluster.decided.{result.decided_by}")
    text = ui.tr(
        "page.cluster.acclaim_leader",
        unit=ui.unit_label(svc, result.leader_unit_id),
        votes=result.leader_votes,
        members=result.members,
        how=how,
    )
    st.success(ui.plain(text))
    with ui.user_errors():
        proposal = scoring.proposal(actor, result)
        st.subheader(ui.tr("page.cluster.proposal"))
        ui.dataframe(
            pd.DataFrame(
                {
                    ui.tr("ui.col.field"): [
                        ui.tr("ui.col.unit"),
                        ui.tr("ui.col.award"),
                        ui.tr("page.cluster.final_total"),
                        ui.tr("page.cluster.achievement"),
                    ],
                    ui.tr("ui.col.value"): [
                        proposal.unit_name,
                        ui.award_label(svc, proposal.award_code),
                        str(proposal.final_total),
                        proposal.achievement,
                    ],
                }
            ),
            hide_index=True,
        )
        st.caption(ui.tr("page.cluster.proposal_how"))


def check_form(
    cluster_id: str,
    year: int,
    member_ids: list[str],
    cards: pd.DataFrame,
    criteria: pd.DataFrame,
    codes: list[str],
) -> None:
    """The re-check of one member unit: its self-scores beside the inputs for the final points."""
    st.selectbox(
        ui.tr("ui.col.unit"),
        member_ids,
        format_func=ui.labelled(member_ids, lambda u: ui.unit_label(svc, u), "cluster_check_unit"),
        key="cluster_check_unit",
    )
    unit = str(st.session_state.get("cluster_check_unit") or member_ids[0])
    theirs = cards[cards["unit_id"] == unit]
    texts = dict(zip(criteria["code"].astype(str), criteria["text_vi"].astype(str), strict=True))
    ui.dataframe(
        pd.DataFrame(
            {
                ui.tr("page.cluster.code"): theirs["criterion_code"],
                ui.tr("page.cluster.criterion"): [texts.get(str(c), "") for c in theirs["criterion_code"]],
                ui.tr("page.cluster.self_points"): theirs["self_points"],
                ui.tr("page.cluster.final_points"): theirs["final_points"],
            }
        ),
        hide_index=True,
    )
    points_inputs("cluster_check", criteria, {})
    st.button(
        ui.tr("page.cluster.check_save"),
        on_click=save_check,
        args=(cluster_id, year, codes),
        type="primary",
        key="cluster_check_save",
    )
    ui.show_near("cluster_check")


def acclaim_form(cluster_id: str, year: int, member_ids: list[str], role_of: dict[str, str]) -> None:
    """One vote count per member unit, then the result and the flag proposal."""
    for u in member_ids:
        head = f" ({ui.tr('page.cluster.head')})" if role_of.get(u) == "TRUONG_CUM" else ""
        st.number_input(
            ui.plain(ui.unit_label(svc, u)) + head,
            min_value=0,
            max_value=len(member_ids),
            value=0,
            step=1,
            key=f"cluster_votes_{u}",
        )
    st.button(
        ui.tr("page.cluster.acclaim"),
        on_click=run_acclaim,
        args=(cluster_id, year, member_ids),
        type="primary",
        key="cluster_acclaim_run",
    )
    ui.show_near("cluster_acclaim")
    result = scoring.latest_acclaim(actor, cluster_id, year)
    if result is not None:
        acclaim_result(result)


def leader_offer(cluster_id: str, year: int) -> None:
    """For an officer or head of the acclaimed unit: file the flag nomination from the proposal."""
    result = scoring.latest_acclaim(actor, cluster_id, year)
    if (
        result is None
        or result.leader_unit_id != actor.unit_id
        or actor.role not in ("UNIT_OFFICER", "UNIT_HEAD")
    ):
        return
    st.success(ui.tr("page.cluster.you_lead", votes=result.leader_votes, members=result.members))
    st.button(
        ui.tr("page.cluster.create_proposal"),
        on_click=create_proposal,
        args=(cluster_id, year),
        type="primary",
        key="cluster_create_proposal",
    )
    ui.show_near("cluster_proposal")


year = int(
    st.number_input(
        ui.tr("page.cluster.year"),
        min_value=2000,
        max_value=2100,
        value=svc.today().year,
        step=1,
        key=YEAR_KEY,
    )
)
try:
    clusters = scoring.clusters_of(actor, year)
except ThiduaError as exc:
    ui.show_error(exc)
    st.stop()
if not clusters:
    st.warning(ui.tr("page.cluster.no_cluster"))
    st.stop()

names = {
    c: str(n)
    for c, n in zip(svc.reference().clusters["id"], svc.reference().clusters["name_vi"], strict=True)
}
cluster_id = str(
    st.selectbox(
        ui.tr("page.cluster.cluster"),
        clusters,
        format_func=ui.labelled(clusters, lambda c: names.get(c, c), CLUSTER_KEY),
        key=CLUSTER_KEY,
    )
)
members = scoring.members(cluster_id, year)
member_ids = [str(u) for u in members["unit_id"]]
role_of = {str(u): str(r) for u, r in zip(members["unit_id"], members["role"], strict=True)}

with ui.user_errors():
    scheme = scoring.scheme_of(cluster_id, year)
    criteria = scoring.criteria(scheme)
    codes = [str(c) for c in criteria["code"]]
    cards = scoring.scorecards(actor, cluster_id, year)

    tab_rank, tab_self, tab_check, tab_acclaim, tab_scheme = st.tabs(
        [
            ui.tr("page.cluster.tab_ranking"),
            ui.tr("page.cluster.tab_self"),
            ui.tr("page.cluster.tab_check"),
            ui.tr("page.cluster.tab_acclaim"),
            ui.tr("page.cluster.tab_scheme"),
        ]
    )
    with tab_rank:
        normalise = st.toggle(
            ui.tr("page.cluster.normalise"),
            help=ui.tr("page.cluster.normalise_help"),
            key="cluster_normalise",
        )
        standings = scoring.ranking(actor, cluster_id, year, normalise=normalise)
        st.caption(ui.tr("page.cluster.tie_breaks"))
        ui.dataframe(standings_table(standings, normalise), hide_index=True, key="cluster_ranking")
        chart(standings, normalise)

    with tab_scheme:
        st.caption(ui.tr("page.cluster.scheme", scheme=scheme, total=int(criteria["max_points"].sum())))
        ui.dataframe(
            pd.DataFrame(
                {
                    ui.tr("page.cluster.code"): criteria["code"],
                    ui.tr("page.cluster.group"): criteria["group"],
                    ui.tr("page.cluster.criterion"): criteria["text_vi"],
                    ui.tr("page.cluster.max_points"): criteria["max_points"],
                }
            ),
            hide_index=True,
        )

    with tab_self:
        if actor.unit_id not in member_ids:
            st.info(ui.tr("page.cluster.self_not_member"))
        else:
            mine = cards[cards["unit_id"] == actor.unit_id]
            current = {
                str(c): (None if pd.isna(v) else int(v))
                for c, v in zip(mine["criterion_code"], mine["self_points"], strict=True)
            }
            st.caption(ui.plain(ui.tr("page.cluster.self_intro", unit=ui.unit_label(svc, actor.unit_id))))
            points_inputs("cluster_self", criteria, current)
            st.button(
                ui.tr("page.cluster.self_save"),
                on_click=save_self,
                args=(cluster_id, year, codes),
                type="primary",
                key="cluster_self_save",
            )
            ui.show_near("cluster_self")
            leader_offer(cluster_id, year)

    with tab_check:
        st.caption(ui.tr("page.cluster.check_intro"))
        if actor.role in CHECK_ROLES:
            check_form(cluster_id, year, member_ids, cards, criteria, codes)
        else:
            st.info(ui.tr("page.cluster.check_who"))

    with tab_acclaim:
        st.caption(ui.tr("page.cluster.acclaim_intro", members=len(member_ids)))
        if actor.role in CHECK_ROLES:
            acclaim_form(cluster_id, year, member_ids, role_of)
        else:
            st.info(ui.tr("page.cluster.acclaim_who"))

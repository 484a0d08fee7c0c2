"""Hội thi: a judge's score sheet (saved cell by cell, keyboard friendly), and for the secretary the
standings per category, the confirmation of results, and the prize list, decision and certificates."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app_pages import common as ui
from app_pages.row_picker import pick_rows
from core.vnformat import fmt_int, fmt_vnd
from exports import contest as contest_exports
from reporting.reporting import Reporting
from services.jury import Jury, ScoreSheet, Standing, fmt_points
from workflows.spec import CampaignSpec

ui.page_header("page.jury.title", "page.jury.intro")
svc = ui.services()
actor = ui.require_actor()
jury = Jury(svc)

SHEET = "jury_sheet"
SEEN = "jury_sheet_seen"  # (entry, criterion) -> the version the judge's sheet showed
ROWS = "jury_sheet_rows"  # the entrants of the sheet's rows, in the order shown


def contest_picker(camps: list[CampaignSpec], key: str) -> CampaignSpec | None:
    if not camps:
        return None
    today = svc.today()
    ids = [c.id for c in camps]
    picked = st.selectbox(
        ui.tr("page.jury.contest"),
        ids,
        format_func=ui.labelled(ids, lambda cid: ui.campaign_title(svc.campaigns[cid], today), key),
        key=key,
    )
    return svc.campaigns.get(str(picked)) if picked else None


def category_picker(camp: CampaignSpec, categories: tuple[str, ...], key: str) -> str:
    picked = st.selectbox(
        ui.tr("page.jury.category"),
        list(categories),
        format_func=ui.labelled(categories, lambda c: jury.category_label(camp.id, c, ui.lang()), key),
        key=key,
    )
    return str(picked or categories[0])


def criteria_caption(camp: CampaignSpec) -> None:
    assert camp.contest is not None
    parts = [
        ui.tr("page.jury.criterion", label=ui.lbl(c.label), max=c.max, weight=f"{c.weight:f}")
        for c in camp.contest.criteria
    ]
    st.caption(ui.plain("; ".join(parts)))


# ---------------------------------------------------------------------- the judge's score sheet


def criterion_column(camp: CampaignSpec, code: str) -> str:
    assert camp.contest is not None
    crit = next(c for c in camp.contest.criteria if c.code == code)
    return ui.tr("page.jury.col.points", label=ui.lbl(crit.label), max=crit.max)


def save_cells(campaign_id: str, codes: list[str]) -> None:
    """Cells edited in the sheet the judge saw are saved one by one, each checked against the version
    that sheet showed (a cell someone changed meanwhile is refused, the others still saved). Runs
    before the sheet is drawn again, so every edit reaches the store once."""
    who = ui.current_actor()
    edits = (st.session_state.get(ui.table_key(SHEET)) or {}).get("edited_rows", {})
    shown: list[str] = st.session_state.get(ROWS, [])
    seen: dict[tuple[str, str], int | None] = st.session_state.get(SEEN, {})
    if who is None or not edits:
        return
    camp = svc.campaigns[campaign_id]
    column_of = {criterion_column(camp, c): c for c in codes}
    saved = 0
    for row_index, changes in edits.items():
        if int(row_index) >= len(shown):
            continue
        entry_id = shown[int(row_index)]
        for column, value in changes.items():
            code = column_of.get(column)
            if code is None:
                continue
            version = seen.get((entry_id, code))
            done = ui.run_command(lambda: jury.save(who, campaign_id, entry_id, code, value, version))  # noqa: B023
            saved += done is not None
    if saved:
        ui.flash(ui.tr("page.jury.saved", count=saved))
    ui.reset_table(SHEET)


def save_one(campaign_id: str, entry_id: str, codes: list[str]) -> None:
    """The keyboard form: the criteria of one entrant, each saved as its own cell."""
    who = ui.current_actor()
    seen: dict[tuple[str, str], int | None] = st.session_state.get(SEEN, {})
    if who is None:
        return
    saved = 0
    for code in codes:
        value = st.session_state.get(f"jury_one_{code}")
        if value is None:
            continue
        version = seen.get((entry_id, code))
        done = ui.run_command(lambda: jury.save(who, campaign_id, entry_id, code, value, version))  # noqa: B023
        saved += done is not None
    if saved:
        ui.flash(ui.tr("page.jury.saved", count=saved))
    ui.reset_table(SHEET)
    for code in codes:
        st.session_state.pop(f"jury_one_{code}", None)


def score_sheet(camp: CampaignSpec) -> None:
    assert camp.contest is not None
    mine = camp.contest.categories_of(actor.email)
    category = category_picker(camp, mine, f"jury_judge_category_{camp.id}")
    criteria_caption(camp)
    save_cells(camp.id, [c.code for c in camp.contest.criteria])
    ui.show_flash()
    with ui.user_errors():
        sheet = jury.sheet(actor, camp.id, category)
        draw_sheet(camp, sheet)


def draw_sheet(camp: CampaignSpec, sheet: ScoreSheet) -> None:
    assert camp.contest is not None
    codes = [c.code for c in camp.contest.criteria]
    if sheet.categories[0] in sheet.confirmed:
        st.info(ui.tr("page.jury.locked"))
    open_rows = [e for e in sheet.entrants if e.entry_id not in sheet.recused]
    recused = [e for e in sheet.entrants if e.entry_id in sheet.recused]
    if not sheet.entrants:
        st.info(ui.tr("page.jury.no_entrants"))
        return
    st.session_state[SEEN] = {
        (e.entry_id, c): sheet.cell(e.entry_id, c).version for e in open_rows for c in codes
    }
    st.session_state[ROWS] = [e.entry_id for e in open_rows]
    done = sum(1 for e in open_rows for c in codes if sheet.cell(e.entry_id, c).points is not None)
    st.progress(
        done / (len(open_rows) * len(codes)) if open_rows else 1.0,
        text=ui.tr("page.jury.progress", done=done, total=len(open_rows) * len(codes)),
    )
    frame = pd.DataFrame(
        {
            ui.tr("page.jury.col.no"): list(range(1, len(open_rows) + 1)),
            ui.tr("page.jury.col.name"): [e.full_name for e in open_rows],
            ui.tr("ui.col.unit"): [e.unit_name for e in open_rows],
            **{
                criterion_column(camp, c): pd.array(
                    [sheet.cell(e.entry_id, c).points for e in open_rows], dtype="Int64"
                )
                for c in codes
            },
        }
    )
    locked = sheet.categories[0] in sheet.confirmed
    st.caption(ui.tr("page.jury.sheet_help"))
    st.data_editor(
        frame,
        hide_index=True,
        disabled=[ui.tr("page.jury.col.no"), ui.tr("page.jury.col.name"), ui.tr("ui.col.unit")]
        + ([*frame.columns] if locked else []),
        column_config={
            criterion_column(camp, c.code): st.column_config.NumberColumn(
                min_value=0, max_value=c.max, step=1
            )
            for c in camp.contest.criteria
        },
        key=ui.table_key(SHEET),
    )
    if recused:
        st.caption(
            ui.plain(
                ui.tr(
                    "page.jury.recused",
                    names="; ".join(f"{e.full_name} ({e.unit_name})" for e in recused),
                )
            )
        )
    if locked or not open_rows:
        return
    with st.expander(ui.tr("page.jury.one_by_one")):
        ids = [e.entry_id for e in open_rows]
        picked = st.selectbox(
            ui.tr("page.jury.pick_entrant"),
            ids,
            format_func=lambda i: next(
                f"{n}. {e.full_name} – {e.unit_name}" for n, e in enumerate(open_rows, 1) if e.entry_id == i
            ),
            index=None,
            placeholder=ui.tr("ui.pick.placeholder"),
            key="jury_one_entrant",
        )
        if picked:
            for c in camp.contest.criteria:
                key = f"jury_one_{c.code}"
                current = sheet.cell(str(picked), c.code).points
                st.number_input(
                    criterion_column(camp, c.code),
                    min_value=0,
                    max_value=c.max,
                    step=1,
                    value=current,
                    key=key,
                )
            st.button(
                ui.tr("page.jury.save_one"),
                on_click=save_one,
                args=(camp.id, str(picked), codes),
                key="jury_one_save",
                type="primary",
            )


# ---------------------------------------------------------------------- standings, results, exports


def confirm(campaign_id: str) -> None:
    who = ui.current_actor()
    categories = list(st.session_state.get("jury_confirm_categories") or [])
    if who is None:
        return
    if not st.session_state.get("jury_confirm_sure"):
        ui.flash(ui.tr("page.jury.confirm_tick"), level="error")
        return
    done = ui.run_command(lambda: jury.confirm(who, campaign_id, categories))
    if done is not None:
        won = sum(1 for r in done if r["prize_code"])
        ui.flash(ui.tr("page.jury.confirmed", count=len(done), prizes=won))
        st.session_state["jury_confirm_categories"] = []
        st.session_state["jury_confirm_sure"] = False


def standings_frame(camp: CampaignSpec, rows: list[Standing]) -> pd.DataFrame:
    assert camp.contest is not None
    data: dict[str, Any] = {
        ui.tr("page.jury.col.rank"): [s.rank for s in rows],
        ui.tr("page.jury.col.name"): [s.entrant.full_name for s in rows],
        ui.tr("ui.col.unit"): [s.entrant.unit_name for s in rows],
    }
    for c in camp.contest.criteria:
        data[ui.lbl(c.label)] = [fmt_points(s.means.get(c.code)) for s in rows]
    data[ui.tr("page.jury.col.total")] = [fmt_points(s.total) for s in rows]
    if camp.contest.normalise:
        data[ui.tr("page.jury.col.normalised")] = [fmt_points(s.normalised) for s in rows]
    data[ui.tr("page.jury.col.prize")] = [ui.lbl(s.prize_label) if s.prize_code else "" for s in rows]
    data[ui.tr("page.jury.col.amount")] = [fmt_vnd(s.amount, ui.lang()) if s.amount else "" for s in rows]
    data[ui.tr("page.jury.col.tied")] = [ui.tr("ui.yes") if s.tied else "" for s in rows]
    data[ui.tr("page.jury.col.missing")] = [len(s.missing) or "" for s in rows]
    return pd.DataFrame(data)


def results_panel(camp: CampaignSpec) -> None:
    assert camp.contest is not None
    contest = camp.contest
    confirmed = jury.confirmed(camp.id)
    done = set(confirmed["category"].astype(str))
    st.subheader(ui.tr("page.jury.standings"))
    category = category_picker(camp, contest.categories, f"jury_category_{camp.id}")
    with ui.user_errors():
        rows = jury.standings(actor, camp.id, category)
        judged = [s for s in rows if s.entrant.state == contest.judging_state]
        if category in done:
            st.success(ui.tr("page.jury.category_done"))
        elif not rows:
            st.info(ui.tr("page.jury.no_entrants"))
        else:
            ready = sum(1 for s in judged if s.complete)
            st.caption(ui.tr("page.jury.ready", ready=ready, total=len(judged)))
        if rows:
            st.dataframe(standings_frame(camp, rows), hide_index=True, key=f"jury_standings_{camp.id}")
    wf = camp.workflow_for(contest.form)
    deciding = {r for t in wf.transitions if t.trigger == contest.prize_move for r in t.roles}
    if actor.role in deciding:
        st.subheader(ui.tr("page.jury.confirm_header"))
        open_categories = [c for c in contest.categories if c not in done]
        if open_categories:
            ui.multiselect(
                ui.tr("page.jury.confirm_which"),
                open_categories,
                format_func=ui.labelled(
                    open_categories,
                    lambda c: jury.category_label(camp.id, c, ui.lang()),
                    "jury_confirm_categories",
                ),
                key="jury_confirm_categories",
            )
            st.checkbox(ui.tr("page.jury.confirm_sure"), key="jury_confirm_sure")
            st.button(
                ui.tr("page.jury.confirm"),
                on_click=confirm,
                args=(camp.id,),
                type="primary",
                key="jury_confirm",
            )
        else:
            st.caption(ui.tr("page.jury.all_confirmed"))
    st.subheader(ui.tr("page.jury.results"))
    with ui.user_errors():
        results = jury.results(actor, camp.id)
        if results.empty:
            st.caption(ui.tr("page.jury.no_results"))
            return
        won = results[results["prize_code"] != ""]
        st.caption(
            ui.tr(
                "page.jury.results_summary",
                prizes=fmt_int(len(won), ui.lang()),
                money=fmt_vnd(int(won["amount_vnd"].fillna(0).sum()), ui.lang()),
                categories=fmt_int(results["category"].nunique(), ui.lang()),
            )
        )
        shown = pd.DataFrame(
            {
                ui.tr("page.jury.category"): [
                    jury.category_label(camp.id, c, ui.lang()) for c in won["category"]
                ],
                ui.tr("page.jury.col.rank"): won["rank"].tolist(),
                ui.tr("page.jury.col.name"): won["full_name"].tolist(),
                ui.tr("ui.col.unit"): list(map(ui.unit_labels(svc), won["unit_id"])),
                ui.tr("page.jury.col.total"): won["total"].tolist(),
                ui.tr("page.jury.col.prize"): won["prize_label"].tolist(),
                ui.tr("page.jury.col.amount"): [fmt_vnd(int(a), ui.lang()) for a in won["amount_vnd"]],
            }
        )
        pick_rows(
            shown,
            won["id"].astype(str).tolist(),
            won["full_name"].astype(str).tolist(),
            "jury_results",
            multi=False,
        )
        exports(camp)


def exports(camp: CampaignSpec) -> None:
    """The prize list (.xlsx), the decision with its annex and the certificates (.docx): each file is
    made when its button is clicked (a hundred certificates are not built on every rerun)."""
    st.subheader(ui.tr("page.jury.exports"))
    reporting = Reporting(svc)
    number = st.text_input(ui.tr("page.jury.decision_no"), key=f"jury_decision_no_{camp.id}") or None
    who, lang = actor, ui.lang()
    columns = st.columns(len(contest_exports.KINDS))
    for column, kind in zip(columns, contest_exports.KINDS, strict=True):
        name, mime = contest_exports.file_of(kind, camp.id, number)

        def make(kind: str = kind) -> bytes:
            return contest_exports.export(reporting, who, kind, camp.id, number=number, lang=lang).data

        column.download_button(
            ui.tr(f"page.jury.export.{kind}"),
            data=make,
            file_name=name,
            mime=mime,
            key=f"jury_export_{kind}_{camp.id}",
            icon=":material/download:",
            width="stretch",
        )


# ---------------------------------------------------------------------- the page

if actor.role == "JUDGE":
    camps = jury.judged_by(actor)
    if not camps:
        st.info(ui.tr("page.jury.not_a_judge"))
        st.stop()
    camp = contest_picker(camps, "jury_judge_contest")
    if camp is not None:
        score_sheet(camp)
else:
    camp = contest_picker(jury.contests(), "jury_contest")
    if camp is None:
        st.info(ui.tr("page.jury.no_contest"))
        st.stop()
    if camp.description:
        st.caption(ui.lbl(camp.description))
    criteria_caption(camp)
    results_panel(camp)

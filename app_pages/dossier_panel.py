"""The dossier of one submission on "Hồ sơ của đơn vị": the checklist of documents (present /
missing, R-DOS-1), warnings on paper copies (R-DOS-2), dates out of order (R-DOS-3), a form to
record a document while the row is editable, and where the dossier has been (its hops).

A component of my_submissions.py, not a page: widgets, calls into ``services.dossiers``, rendering.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from app_pages import common as ui
from core.dossier import DOC_KINDS
from core.errors import ValidationFailed
from core.model import Actor
from schemas.registry import spec as tab_spec
from services.dossiers import FIELDS, Dossiers
from services.services import Services

TAB = "dossier_documents"
SHOWN: tuple[str, ...] = ("so_ky_hieu", "issued_on", "copies")


def _key(row_id: str, name: str) -> str:
    return ui.error_key("dossier", row_id) if name == "errors" else f"dossier_{name}_{row_id}"


def kind_label(kind: str) -> str:
    return ui.tr(f"dossier.kind.{kind}")


def save_document(svc: Services, tab: str, row_id: str) -> None:
    """Callback: record the document typed in the form."""
    actor = ui.current_actor()
    if actor is None:
        return
    values = {f: st.session_state.get(_key(row_id, f), "") for f in FIELDS}
    st.session_state.pop(_key(row_id, "errors"), None)
    try:
        saved = ui.run_command(
            lambda: Dossiers(svc).save(actor, tab, row_id, values), near=f"dossier_{row_id}"
        )
    except ValidationFailed as exc:
        st.session_state[_key(row_id, "errors")] = [e.message(ui.lang()) for e in exc.errors]
        return
    if saved is not None:
        for f in FIELDS:
            st.session_state.pop(_key(row_id, f), None)
        ui.flash(ui.tr("page.dossier.saved"))


def remove_document(svc: Services, tab: str, row_id: str, doc: Mapping[str, Any]) -> None:
    """Callback: take one document out of the dossier (kept in the tab, marked removed)."""
    actor = ui.current_actor()
    if actor is None:
        return
    done = ui.run_command(
        lambda: Dossiers(svc).remove(actor, tab, row_id, str(doc["id"]), int(doc["version"]))
    )
    if done is not None:
        ui.flash(ui.tr("page.dossier.removed"))


def checklist_table(svc: Services, required: tuple[str, ...], docs: pd.DataFrame) -> pd.DataFrame:
    """One line per kind that is required or recorded: status, number, date, copies."""
    by_kind = {str(d["kind"]): d for d in ui.records(docs)}
    kinds = [k for k in DOC_KINDS if k in required or k in by_kind]
    s = tab_spec(TAB)

    def status(kind: str) -> str:
        if kind not in required:
            return ui.tr("page.dossier.optional")
        return ui.tr("page.dossier.present") if kind in by_kind else ui.tr("page.dossier.missing")

    def cell(kind: str, column: str) -> str:
        value = by_kind.get(kind, {}).get(column, "")
        return ui.display_value(svc, TAB, column, value) if value not in ("", None) else ""

    return pd.DataFrame(
        {
            s.label("kind", ui.lang()): [kind_label(k) for k in kinds],
            ui.tr("ui.col.state"): [status(k) for k in kinds],
            **{s.label(c, ui.lang()): [cell(k, c) for k in kinds] for c in SHOWN},
        }
    )


def document_form(svc: Services, tab: str, row_id: str) -> None:
    """The fields of one document and the save button (only while the row is editable)."""
    s = tab_spec(TAB)
    st.markdown(f"**{ui.tr('page.dossier.record')}**")
    for message in st.session_state.get(_key(row_id, "errors"), []):
        st.error(ui.plain(message))
    st.selectbox(s.label("kind", ui.lang()), DOC_KINDS, format_func=kind_label, key=_key(row_id, "kind"))
    left, right = st.columns(2)
    left.text_input(
        s.label("so_ky_hieu", ui.lang()), help=s.help("so_ky_hieu", ui.lang()), key=_key(row_id, "so_ky_hieu")
    )
    right.text_input(s.label("issued_on", ui.lang()), placeholder="25/11/2024", key=_key(row_id, "issued_on"))
    left.text_input(
        s.label("held_on", ui.lang()),
        placeholder="20/11/2024",
        help=s.help("held_on", ui.lang()),
        key=_key(row_id, "held_on"),
    )
    right.text_input(s.label("copies", ui.lang()), key=_key(row_id, "copies"))
    st.text_input(
        s.label("file_ref", ui.lang()), help=s.help("file_ref", ui.lang()), key=_key(row_id, "file_ref")
    )
    st.text_input(s.label("note", ui.lang()), key=_key(row_id, "note"))
    st.button(
        ui.tr("page.dossier.save"), on_click=save_document, args=(svc, tab, row_id), key=_key(row_id, "save")
    )
    ui.show_near(f"dossier_{row_id}")


def hop_lines(svc: Services, row: Mapping[str, Any], hops: pd.DataFrame) -> list[str]:
    """Where the dossier has been, one line per move between units, oldest first."""
    wf = ui.workflow_of(svc, str(row["campaign_id"]), str(row["form"]))
    lines = []
    for h in ui.records(hops):
        reason = f" — {h['reason']}" if h["reason"] else ""
        lines.append(
            ui.tr(
                "page.dossier.hop_line",
                at=ui.fmt_datetime(h["at"]),
                from_unit=ui.unit_label(svc, str(h["from_unit"])),
                to_unit=ui.unit_label(svc, str(h["to_unit"])),
                action=ui.action_label(wf, str(h["action"]), dest=str(h["state"])),
                revision=int(h["revision"]),
                reason=reason,
            )
        )
    return lines


def render(svc: Services, actor: Actor, tab: str, row: Mapping[str, Any]) -> None:
    """The dossier section of one of the unit's rows."""
    row_id = str(row["id"])
    dossiers = Dossiers(svc)
    st.subheader(ui.tr("page.dossier.hops"))
    lines = hop_lines(svc, row, dossiers.hops(actor, tab, row_id))
    for line in lines:
        st.text(line)
    if not lines:
        st.caption(ui.tr("page.dossier.no_hops"))
    if tab != "nominations":
        return
    st.subheader(ui.tr("page.dossier.title"))
    check = dossiers.checklist(actor, tab, row_id)
    if check.required:
        level = ui.enum_label("level", check.deciding_level) if check.deciding_level else ""
        st.caption(
            ui.tr("page.dossier.required", level=level)
            + " "
            + ", ".join(kind_label(k) for k in check.required)
        )
    else:
        st.caption(ui.tr("page.dossier.none_required"))
    table = checklist_table(svc, check.required, check.documents)
    if not table.empty:
        ui.dataframe(table, hide_index=True, key=_key(row_id, "table"))
    for kind in check.missing:
        st.warning(ui.plain(f"{ui.tr('page.dossier.missing')}: {kind_label(kind)}"))
    for message in check.warnings:
        st.warning(ui.plain(message))
    for message in check.problems:
        st.error(ui.plain(message))
    for move, why in svc.blocked_moves(actor, tab, row):
        if move.trigger == "submit":
            st.info(ui.plain(why))
    if not check.editable:
        st.caption(ui.tr("page.dossier.read_only"))
        return
    for doc in ui.records(check.documents):
        st.button(
            ui.plain(
                f"{ui.tr('page.dossier.remove')}: {kind_label(str(doc['kind']))} {doc['so_ky_hieu']}".strip()
            ),
            on_click=remove_document,
            args=(svc, tab, row_id, doc),
            key=_key(row_id, f"remove_{doc['kind']}"),
        )
    document_form(svc, tab, row_id)

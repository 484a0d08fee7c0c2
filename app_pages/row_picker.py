"""Row picking that works without a mouse: a selectable table plus a labelled picker beside it.

``st.dataframe`` draws on a canvas: its row selection cannot be reached with the keyboard or read
by a screen reader. Every table whose rows are picked therefore gets a selectbox (one row) or a
multiselect (several rows) listing the same visible rows by a readable label. Both drive one
selection: a change in the table is copied into the picker, and the picker is what the page reads.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from app_pages import common as ui
from services.services import Services


def picker_key(table_key: str) -> str:
    """The picker's widget key: tied to the table's, so resetting the table resets the picker."""
    return f"{table_key}_pick"


def pick_rows(
    shown: pd.DataFrame,
    ids: Sequence[str],
    labels: Sequence[str],
    table_key: str,
    *,
    multi: bool,
) -> list[int]:
    """Show ``shown`` as a selectable table and a keyboard picker; the positions picked, in order.

    ``ids`` and ``labels`` give, for each row of ``shown``, its stable id and a readable label (the
    row number is added, so two rows with the same name stay apart).
    """
    event = ui.dataframe(
        shown,
        hide_index=True,
        on_select="rerun",
        selection_mode="multi-row" if multi else "single-row",
        key=table_key,
    )
    ids = [str(i) for i in ids]
    visible = set(ids)
    key = picker_key(table_key)
    seen_key = f"{key}_table"
    from_table = [ids[i] for i in event.selection.rows if i < len(ids)]
    if from_table != st.session_state.get(seen_key, []):  # a click in the table: the picker follows
        st.session_state[seen_key] = from_table
        st.session_state[key] = from_table if multi else (from_table[0] if from_table else None)
    current = st.session_state.get(key)
    if multi:  # rows a new search or filter hid are no longer picked
        st.session_state[key] = [i for i in (current or []) if i in visible]
    elif current is not None and current not in visible:
        st.session_state[key] = None
    names = {i: f"{n}. {label}" for n, (i, label) in enumerate(zip(ids, labels, strict=True), start=1)}
    common = {
        "format_func": lambda i: names.get(i, str(i)),
        "help": ui.tr("ui.pick.help"),
        "placeholder": ui.tr("ui.pick.placeholder"),
        "key": key,
    }
    if multi:
        chosen = list(ui.multiselect(ui.tr("ui.pick.many"), ids, **common))
    else:
        one = st.selectbox(ui.tr("ui.pick.one"), ids, index=None, **common)
        chosen = [one] if one else []
    position = {i: n for n, i in enumerate(ids)}
    return [position[i] for i in chosen if i in position]


def submission_labels(
    svc: Services, rows: pd.DataFrame, *, unit: bool = True, state: bool = True
) -> list[str]:
    """Name – unit – state of each submission row, as the picker lists them."""
    out = []
    unit_name = ui.unit_labels(svc)
    for r in ui.records(rows):
        parts = [ui.row_title(r)]
        if unit:
            parts.append(unit_name(str(r["unit_id"])))
        if state:
            parts.append(ui.state_label(svc, str(r["campaign_id"]), str(r["form"]), str(r["state"])))
        out.append(" – ".join(parts))
    return out

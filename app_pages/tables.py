"""Tables as a reader sees them: labelled headers, names for codes, D/M/Y dates, grouped money.

Pages read rows through services (already within the user's scope) and hand them here only to be
drawn: :func:`rows_table` for rows of one tab (the schema gives every header in both languages),
:func:`summary_table` for a computed table (a dashboard breakdown). Nothing here reads a row: unit,
award, campaign and state names come from the same labels the review and my-submissions pages use
(``app_pages.common``), so a code is named the same way on every page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from babel.numbers import format_decimal

from app_pages import common as ui
from core.vnformat import fmt_pct, fmt_vnd
from i18n import has
from schemas.registry import BOOKKEEPING_COLUMNS, TABS, submission_tabs
from schemas.registry import spec as tab_spec
from schemas.validate import choices
from services.services import Services

#: Columns that say nothing to a reader: the envelope, tokens, internal links, repeats of a shown column.
HIDDEN = BOOKKEEPING_COLUMNS | frozenset(
    {
        "person_id",
        "subject_id",
        "decision_id",
        "nomination_id",
        "unit_name",  # the unit column already shows the name
        "cluster_id",  # a summary shows the cluster's name beside it
    }
)
#: The row's name comes first, then where it comes from; the row id, when kept, comes last.
LEAD = ("full_name", "subject_name", "name_vi", "title_vi", "unit_id")
#: Columns holding a unit id: shown as the unit's name.
UNIT_COLUMNS = frozenset(
    {"unit_id", "organiser_unit_id", "issuer_unit_id", "parent_id", "actor_unit", "assessed_by"}
)
#: Columns holding a catalogue code: shown as the title or award's name.
AWARD_COLUMNS = frozenset({"award_code", "suggested_code"})
#: Summary columns whose codes are labelled like another column (``enum.<that>.<value>``).
ENUM_ALIASES = {"unit_level": "level"}
#: Summary columns of amounts of money, and of fractions shown as a percentage.
MONEY = frozenset({"benefit_vnd", "amount_vnd", "value_vnd", "prize_fund_vnd"})
SHARES = frozenset({"share"})


def rows_table(
    svc: Services,
    tab: str,
    rows: pd.DataFrame,
    *,
    keep_id: bool = False,
    names: Mapping[str, Mapping[str, str]] | None = None,
) -> pd.DataFrame:
    """``rows`` of ``tab`` as a reader expects them: the tab's own columns under their labels in the
    session's language, names instead of unit, award and campaign codes, state labels, D/M/Y dates and
    grouped money; envelope and technical columns left out; the row id last when ``keep_id``.
    ``names`` gives, per column, names for ids held in another tab the page already has (a prize's
    contest); an id it lacks is shown as it is."""
    names = names or {}
    s = tab_spec(tab)
    present = [c for c in s.columns if c in rows.columns and c not in HIDDEN and c != "id"]
    order = [c for c in LEAD if c in present] + [c for c in present if c not in LEAD]
    if keep_id and "id" in rows.columns:
        order.append("id")
    records = ui.records(rows)
    lang = ui.lang()

    def shown(column: str, row: Mapping[str, Any]) -> Any:
        if column == "id":
            return str(row["id"])
        if column in names:
            return names[column].get(str(row.get(column)), str(row.get(column)))
        return cell(svc, tab, column, row.get(column), row)

    return pd.DataFrame({s.label(c, lang): [shown(c, r) for r in records] for c in order})


def summary_table(svc: Services, frame: pd.DataFrame, sources: Iterable[str] = ()) -> pd.DataFrame:
    """A computed table (counts by state, by unit...) with readable headers and values. A column that
    is also a column of one of ``sources`` takes that tab's label (and its codes that tab's labels); the
    others have a ``table.col.*`` message or name a tab."""
    tabs = [t for t in sources if t in TABS]
    out: dict[str, list[Any]] = {}
    for column in (str(c) for c in frame.columns):
        if column in HIDDEN:
            continue
        owner = next((t for t in tabs if column in tab_spec(t).columns), None)
        header = summary_header(column, owner)
        out[header] = [summary_cell(svc, column, owner, v) for v in frame[column].tolist()]
    return pd.DataFrame(out)


def summary_header(column: str, owner: str | None) -> str:
    if owner is not None:
        return tab_spec(owner).label(column, ui.lang())
    if has(f"table.col.{column}"):
        return ui.tr(f"table.col.{column}")
    if column in submission_tabs():
        return ui.tab_label(column)
    return column


def summary_cell(svc: Services, column: str, owner: str | None, value: Any) -> Any:
    if _empty(value):
        return ""
    if column in SHARES:
        return fmt_pct(float(value), 1, ui.lang())
    if column in MONEY:
        return fmt_vnd(int(value), ui.lang())
    if isinstance(value, float):
        return format_decimal(value, format="#,##0.#", locale=ui.lang())
    if column == "tab":
        return ui.tab_label(str(value))
    if column == "state":
        return any_state_label(svc, str(value))
    if owner is not None:
        return cell(svc, owner, column, value, {})
    if column in ENUM_ALIASES or has(f"enum.{column}.{value}"):
        return ui.enum_label(ENUM_ALIASES.get(column, column), value)
    return value


def cell(svc: Services, tab: str, column: str, value: Any, row: Mapping[str, Any]) -> Any:
    """One cell of ``tab`` for a reader; ``row`` gives the campaign and form a state belongs to."""
    if _empty(value):
        return ""
    if column in UNIT_COLUMNS:
        return ui.unit_label(svc, str(value))
    if column in AWARD_COLUMNS:
        return ui.award_label(svc, value)
    if column == "campaign_id":
        return campaign_name(svc, value)
    if column == "state":
        if row.get("campaign_id") and row.get("form"):
            return ui.state_label(svc, str(row["campaign_id"]), str(row["form"]), str(value))
        return any_state_label(svc, str(value))
    kind = tab_spec(tab).kind(column)
    if kind == "datetime":
        return ui.fmt_datetime(value)
    if kind == "bool":
        return ui.tr("table.yes") if bool(value) else ui.tr("table.no")
    if kind == "int" and choices(tab, column) is None:
        return int(value)
    return ui.display_value(svc, tab, column, value)


def campaign_name(svc: Services, campaign_id: Any) -> str:
    """The campaign's name in the session's language (its id when the campaign is unknown)."""
    camp = svc.campaigns.get(str(campaign_id))
    return ui.lbl(camp.name) if camp is not None else str(campaign_id or "")


def any_state_label(svc: Services, state: str) -> str:
    """A state's label without its campaign (a summary over campaigns): the generic label, else the
    label the first campaign workflow declaring that state gives it."""
    key = f"state.{state}"
    if has(key):
        return ui.tr(key)
    for camp in svc.campaigns.values():
        for form in camp.forms:
            spec = camp.workflow_for(form).states.get(state)
            if spec is not None:
                return ui.lbl(spec.label)
    return state


def _empty(value: Any) -> bool:
    if value is None or (isinstance(value, str) and not value):
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False

"""The tab registry: tab name -> schema, plus coercion from raw cells to typed frames.

Adapters store raw cells (text, numbers, booleans) and call :func:`coerce_frame` on read, so
every backend returns the same dtypes and the same NFC-normalised text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd
import pandera.pandas as pa
import pyarrow

from core.text import all_clean, clean, clean_text, is_clean_text
from schemas import (
    form_tabs,
    tabs,
    tabs_assessment,
    tabs_awards,
    tabs_contest,
    tabs_council,
    tabs_dossier,
    tabs_intake,
    tabs_procedures,
    tabs_sync,
)


@dataclass(frozen=True, eq=False)
class TabSpec:
    """A tab's name, its pandera model (or a schema built from a campaign form's own fields) and,
    derived from it, the header and column kinds."""

    name: str
    model: type[pa.DataFrameModel] | None = None
    built: pa.DataFrameSchema | None = None

    @property
    def schema(self) -> pa.DataFrameSchema:
        if self.built is not None:
            return self.built
        assert self.model is not None
        return _schema(self.model)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.schema.columns)

    def kind(self, column: str) -> str:
        meta = self.schema.columns[column].metadata or {}
        return str(meta.get("kind", "text"))

    def label(self, column: str, lang: str = "vi") -> str:
        meta = self.schema.columns[column].metadata or {}
        return str(meta.get(lang) or column)

    def help(self, column: str, lang: str = "vi") -> str:
        meta = self.schema.columns[column].metadata or {}
        return str(meta.get(f"help_{lang}") or "")

    def field_type(self, column: str) -> str:
        """The declared type of a form's own field (``choice``, ``year``...), "" for built-in columns."""
        col = self.schema.columns.get(column)
        return str((col.metadata or {}).get("type", "")) if col is not None else ""

    def options(self, column: str) -> dict[str, dict[str, str]]:
        """Code -> {vi, en} labels of a choice field a form declared ({} otherwise)."""
        col = self.schema.columns.get(column)
        return dict((col.metadata or {}).get("options") or {}) if col is not None else {}

    def header_names(self, column: str) -> tuple[str, ...]:
        """Other headers officers give a form's own field in their files (its YAML ``headers``)."""
        col = self.schema.columns.get(column)
        return tuple((col.metadata or {}).get("headers") or ()) if col is not None else ()

    def option_label(self, column: str, code: str, lang: str = "vi") -> str | None:
        """The label of one option of a declared choice field, None when it has none."""
        found = self.options(column).get(str(code))
        return (found.get(lang) or found.get("vi")) if found else None


@cache
def _schema(model: type[pa.DataFrameModel]) -> pa.DataFrameSchema:
    return model.to_schema()


TABS: dict[str, TabSpec] = {
    name: TabSpec(name, model=model)
    for name, model in {
        "units": tabs.Unit,
        "clusters": tabs.Cluster,
        "cluster_members": tabs.ClusterMember,
        "users": tabs.User,
        "catalogue": tabs.CatalogueItem,
        "campaigns": tabs.Campaign,
        "nominations": tabs.Nomination,
        "works": tabs.Work,
        "initiatives": tabs.Initiative,
        "history": tabs.History,
        "reopenings": tabs.Reopening,
        "campaign_specs": tabs.CampaignSpecVersion,
        "rules": tabs.Rule,
        "council_meetings": tabs_council.CouncilMeeting,
        "ballots": tabs_council.Ballot,
        "score_criteria": tabs_council.ScoreCriterion,
        "scorecards": tabs_council.Scorecard,
        "acclaims": tabs_council.AcclaimRecord,
        "unit_assessments": tabs_assessment.UnitAssessment,
        "contests": tabs_assessment.Contest,
        "contest_prizes": tabs_assessment.ContestPrize,
        "persons": tabs_awards.Person,
        "person_years": tabs_awards.PersonYear,
        "decisions": tabs_awards.Decision,
        "award_grants": tabs_awards.AwardGrant,
        "dossier_documents": tabs_dossier.DossierDocument,
        "hops": tabs_dossier.Hop,
        "form_fields": form_tabs.FormFieldRecord,
        "contest_scores": tabs_contest.ContestScore,
        "contest_results": tabs_contest.ContestResult,
        "reference_sync": tabs_sync.ReferenceSync,
        "unit_parents": tabs_procedures.UnitParent,
        "public_comments": tabs_procedures.PublicComment,
        "holds": tabs_procedures.Hold,
        "intake_sheets": tabs_intake.IntakeSheet,
    }.items()
}

#: Tabs whose rows move through a campaign workflow (built in; forms may add tabs of their own,
#: see :func:`submission_tabs`).
SUBMISSION_TABS: tuple[str, ...] = ("nominations", "works", "initiatives")
#: Built-in tab names (a form's own tab may not take one).
BUILT_IN_TABS: frozenset[str] = frozenset(TABS)
#: tab -> the campaign whose form owns it, for tabs registered from campaign forms
_OWNERS: dict[str, str] = {}
#: Tabs outside any workflow that a viewer reads within scope (each row names its ``unit_id``).
SCOPED_TABS: tuple[str, ...] = ("unit_assessments", "contests", "contest_prizes", "contest_results")
#: Columns the services pick rows by value in (:class:`core.ports.MatchingRows`): the prerequisites
#: guard reads the records of the persons its rows name, not every person's. A server database
#: indexes them (storage/postgres/ddl.py).
PICKED_BY: dict[str, tuple[str, ...]] = {
    "persons": ("id", "unit_id"),
    "person_years": ("person_id",),
    "award_grants": ("subject_id",),
}
#: Columns that are bookkeeping, not content: the envelope but ``id``, the double-click token, the
#: revision count, the form and the fields a reviewer asked to fix (tables and printed lists hide them).
BOOKKEEPING_COLUMNS = frozenset(
    {"version", "created_at", "updated_at", "updated_by", "client_token", "revision", "form", "fix_fields"}
)


def register_form_tab(tab: str, owner: str, fields: Sequence[form_tabs.FieldDef]) -> TabSpec:
    """Put a campaign form's own tab in use (its schema built from ``fields``). A tab belongs to one
    campaign; registering it again for the same campaign replaces it (a new version of the YAML).
    Raises ValueError naming the owner when another campaign holds it, or for a built-in tab."""
    if tab in BUILT_IN_TABS:
        raise ValueError(f"tab {tab!r} is built in")
    holder = _OWNERS.get(tab)
    if holder is not None and holder != owner:
        raise ValueError(f"tab {tab!r} belongs to campaign {holder!r}")
    made = TabSpec(tab, built=form_tabs.build_schema(fields))
    TABS[tab] = made
    _OWNERS[tab] = owner
    return made


def form_tab_owner(tab: str) -> str | None:
    """The campaign whose form owns ``tab`` (None for a built-in or unknown tab)."""
    return _OWNERS.get(tab)


def submission_tabs() -> tuple[str, ...]:
    """Every tab whose rows move through a workflow: the built-in ones, then the forms' own tabs."""
    return (*SUBMISSION_TABS, *_OWNERS)


def spec(tab: str) -> TabSpec:
    """The spec of ``tab``; a KeyError names the known tabs."""
    try:
        return TABS[tab]
    except KeyError:
        raise KeyError(f"unknown tab {tab!r}; known: {', '.join(TABS)}") from None


def columns_of(tab: str) -> tuple[str, ...]:
    """Header of ``tab`` in storage order (envelope first)."""
    return spec(tab).columns


def headers() -> dict[str, tuple[str, ...]]:
    """Every tab's header, for ``Workbook.ensure_tabs``."""
    return {name: s.columns for name, s in TABS.items()}


def empty_frame(tab: str) -> pd.DataFrame:
    """A typed frame with the tab's columns and no rows."""
    return coerce_frame(tab, [])


#: The widest whole number a typed column holds (Int64); a cell beyond it (typed by hand) reads as empty.
_INT_MAX = 2**63 - 1


def _to_int(value: Any) -> Any:
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
        return pd.NA
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value if -_INT_MAX <= value <= _INT_MAX else pd.NA
    if isinstance(value, float):
        return _to_int(int(value)) if value.is_integer() else pd.NA
    text = clean(value).replace(".", "").replace(" ", "") if isinstance(value, str) else str(value)
    try:
        return _to_int(int(text))
    except ValueError:
        return pd.NA


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    return clean(value).casefold() in {"true", "1", "x", "có", "co", "yes", "đúng"}


def _to_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(value)


def to_cell(tab: str, column: str, value: Any) -> Any:
    """The raw cell to store for ``value`` (ints stay ints, text is NFC-cleaned)."""
    return cell_for(spec(tab), column, value)


def cell_for(s: TabSpec, column: str, value: Any) -> Any:
    """:func:`to_cell` for a tab spec (one not registered, e.g. a new version being checked)."""
    kind = s.kind(column) if column in s.schema.columns else "text"
    if kind in ("int", "money"):
        v = _to_int(value)
        return None if v is pd.NA else int(v)
    if kind == "bool":
        return _to_bool(value)
    return _to_text(value)


def cell_rows(tab: str, columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """The cells :func:`to_cell` would store for ``columns`` of each row, converted a column at a
    time: writing 20,000 rows with their history converts 1.2 million cells, and a column already
    as it should be stored (clean text, ints) is checked in one pass and taken as it is."""
    s = spec(tab)
    converted: list[list[Any]] = []
    for c in columns:
        kind = s.kind(c) if c in s.schema.columns else "text"
        raw = [r.get(c) for r in rows]
        if kind in ("int", "money"):
            if not all(type(v) is int or v is None for v in raw):
                raw = [None if (n := _to_int(v)) is pd.NA else int(n) for v in raw]
        elif kind == "bool":
            raw = [_to_bool(v) for v in raw]
        elif not all_clean(raw):
            raw = [v if type(v) is str and is_clean_text(v) else _to_text(v) for v in raw]
        converted.append(raw)
    return list(zip(*converted, strict=True)) if converted else [() for _ in rows]


def coerce_frame(tab: str, records: Iterable[Mapping[str, Any]] | pd.DataFrame) -> pd.DataFrame:
    """Raw cells -> typed frame with exactly the tab's columns (missing columns filled)."""
    if isinstance(records, pd.DataFrame):
        n = len(records)
        cols = {str(c): records[c].tolist() for c in records.columns}
    else:
        rows = list(records)
        n = len(rows)
        # only the schema's columns are typed: collecting every row's own keys first was a pass
        # over every cell of the tab (a 100k-row sheet read)
        cols = {c: [r.get(c) for r in rows] for c in spec(tab).columns}
    return coerce_columns(tab, cols, n)


#: the text dtype pandas gives columns of ``str`` (Arrow-backed, missing as NaN)
_TEXT = pd.Series(["x"]).dtype


def _int_column(raw: Sequence[Any], types: set[type]) -> Any:
    """A whole-number column: in one call when its cells are ints already, else cell by cell (also
    when one is beyond Int64, typed by hand: it reads as empty)."""
    if types <= {int, type(None)}:
        try:
            return pd.array(raw, dtype="Int64")
        except (TypeError, OverflowError, ValueError):
            pass
    return pd.array([_to_int(v) for v in raw], dtype="Int64")


def coerce_columns(tab: str, columns: Mapping[str, Sequence[Any]], n: int) -> pd.DataFrame:
    """Raw cells given column by column (``n`` rows) -> the typed frame of :func:`coerce_frame`.

    Whole columns take a fast path when their cells already have the stored type (what adapters
    read back nearly always); any other column is converted cell by cell, with the same result.
    """
    s = spec(tab)
    out: dict[str, Any] = {}
    for column in s.columns:
        kind = s.kind(column)
        raw: Sequence[Any] = columns[column] if column in columns else [None] * n
        types = set(map(type, raw))
        if kind in ("int", "money"):
            out[column] = _int_column(raw, types)
        elif kind == "bool":
            cells = [v == 1 for v in raw] if types <= {int, bool} else [_to_bool(v) for v in raw]
            out[column] = pd.array(cells, dtype="bool")
        else:
            text: Sequence[Any] = raw if types <= {str} and all_clean(raw) else [_to_text(v) for v in raw]
            # straight into an Arrow array: what pandas would make of the text anyway, without
            # first building and then converting an object array (a third of a big tab's typing)
            out[column] = (
                pd.array(pyarrow.array(text, type=pyarrow.large_string()), dtype=_TEXT)
                if n
                else pd.array([], dtype=object)  # as pandas leaves an empty text column
            )
    return pd.DataFrame(out, index=pd.RangeIndex(n), columns=list(s.columns))

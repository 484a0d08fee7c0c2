"""The cross-row / cross-tab checks that read the dated rules (DOMAIN.md §4).

The dated values themselves come from a :class:`core.rulebook.RuleBook`; :func:`book_of` builds one
from the ``rules`` tab, with ``workflows/rules.yaml`` as the fallback when the tab is empty.

Checks are named functions registered with :func:`check`; each takes a :class:`Batch` (the parsed
rows of one upload or form, plus the rows already stored) and returns :class:`FieldError` s in the
one report shape every entry path uses (row as the user sees it, column, value, rule, severity).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from core.errors import FieldError
from core.rulebook import RuleBook, RuleRow, quota
from core.text import all_clean, clean, fold, iso_day, match_key
from core.vnformat import DocKind, try_parse_doc_number
from i18n import LANGS, has, t
from schemas.registry import spec as tab_spec
from schemas.rules import default_rule_rows, is_nfc_clean

# ---------------------------------------------------------------------------------------- rule book


__all__ = ["RuleBook", "RuleRow", "book_of", "default_book", "quota"]


def default_book() -> RuleBook:
    """The book seeded from ``workflows/rules.yaml`` (used when the ``rules`` tab is empty)."""
    return RuleBook(default_rule_rows())


def book_of(frame: pd.DataFrame | None) -> RuleBook:
    """The book of a ``rules`` tab; falls back to the defaults when the tab has no rows."""
    return RuleBook.from_frame(frame, default_rule_rows())


# ---------------------------------------------------------------------------------------- checks

#: States whose rows no longer count (duplicates, quotas, prerequisites).
DEAD_STATES = frozenset({"WITHDRAWN", "REJECTED"})
#: The column naming what a row is about, per tab (duplicate detection).
SUBJECT_COLUMN = {"nominations": "full_name", "works": "name_vi", "initiatives": "title_vi"}
#: Columns holding a document number (§8.3), with the date column whose year it must match.
DOC_COLUMNS: Mapping[str, str] = {"launch_doc": "launch_doc_date", "so_ky_hieu": "issued_on"}


@dataclass(frozen=True)
class Batch:
    """What the checks see: the parsed rows of one entry (with the row numbers the user sees)
    and the rows already stored for the same campaign and tab (already scoped to the actor)."""

    tab: str
    campaign_id: str
    unit_id: str
    cells: Sequence[Mapping[str, Any]]
    row_numbers: Sequence[int]
    fields: Sequence[str]
    rules: RuleBook
    on: dt.date
    opens: dt.date | None = None
    closes: dt.date | None = None
    fixed: Mapping[str, Any] = field(default_factory=dict)
    existing: pd.DataFrame | None = None
    lang: str = "vi"
    #: the award history (``services.prerequisites.AwardHistory``) when the entry path loaded it
    awards: Any = None
    #: award code -> catalogue entry, so messages name an award ("Lao động tiên tiến"), not its code
    catalogue: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def award_name(self, code: str) -> dict[str, str] | str:
        """``code``'s name in each language (the code itself when the catalogue does not know it)."""
        item = self.catalogue.get(code)
        if not item:
            return code
        vi = str(item.get("name_vi") or code)
        return {"vi": vi, "en": str(item.get("name_en") or vi)}

    def label(self, column: str) -> str:
        s = tab_spec(self.tab)
        return s.label(column, self.lang) if column in s.schema.columns else column

    def value(self, i: int, column: str) -> Any:
        """A cell of row ``i``, falling back to the form's fixed value (e.g. ``year``)."""
        v = self.cells[i].get(column)
        return self.fixed.get(column) if v in (None, "") else v

    def live_existing(self) -> list[Mapping[str, Any]]:
        """Stored rows of this campaign that still count (not withdrawn or rejected)."""
        df = self.existing
        if df is None or df.empty:
            return []
        if "campaign_id" in df.columns:
            df = df[df["campaign_id"] == self.campaign_id]
        if "state" in df.columns:
            df = df[~df["state"].isin(list(DEAD_STATES))]
        return [{str(k): v for k, v in r.items()} for r in df.to_dict("records")]


CheckFn = Callable[[Batch], list[FieldError]]


@dataclass(frozen=True)
class CheckSpec:
    """A named check: its function, the DOMAIN.md rule it implements and the tabs it applies to."""

    name: str
    fn: CheckFn
    rule_ids: tuple[str, ...]
    tabs: tuple[str, ...]
    doc: str


CHECKS: dict[str, CheckSpec] = {}


def check(name: str, *, rules: tuple[str, ...], tabs: tuple[str, ...] = ()) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the named check ``name`` (tabs empty: every tab)."""

    def deco(fn: CheckFn) -> CheckFn:
        if name in CHECKS:
            raise ValueError(f"check {name!r} registered twice")
        CHECKS[name] = CheckSpec(name, fn, rules, tabs, (fn.__doc__ or "").strip().splitlines()[0])
        return fn

    return deco


def run_checks(batch: Batch, names: Iterable[str] | None = None) -> list[FieldError]:
    """Every applicable registered check (or only ``names``) over ``batch``, sorted by row."""
    wanted = list(CHECKS) if names is None else list(names)
    errors: list[FieldError] = []
    for name in wanted:
        c = CHECKS[name]
        if c.tabs and batch.tab not in c.tabs:
            continue
        errors.extend(c.fn(batch))
    errors.sort(key=lambda e: (e.row or 0, e.severity != "error"))
    return errors


def _severity(batch: Batch, code: str, default: str) -> str:
    value = batch.rules.text(code, batch.on, default).casefold()
    return value if value in ("error", "warning") else default


@check("nfc_whitespace", rules=("R-FMT-NFC", "R-FMT-WS"))
def check_nfc_whitespace(batch: Batch) -> list[FieldError]:
    """Text cells are NFC, trimmed, and free of NBSP, zero-width spaces and BOM."""
    out: list[FieldError] = []
    for col in batch.fields:
        texts = [v for c in batch.cells if isinstance(v := c.get(col), str)]
        if all_clean(texts) and not _ODD_SPACE.search("\x00".join(texts)):
            continue  # the whole column is clean (what parsing gives): one pass, no cell by cell
        for i, cells in enumerate(batch.cells):
            v = cells.get(col)
            if isinstance(v, str) and not is_nfc_clean(v):
                out.append(FieldError(batch.row_numbers[i], batch.label(col), v, "not_nfc_clean"))
    out.sort(key=lambda e: e.row or 0)
    return out


#: Whitespace other than a space or a line break (a tab, an ideographic space...).
_ODD_SPACE = re.compile(r"[^\S \n]")


def _subject_keys(batch: Batch, cells: Mapping[str, Any], subject: str) -> tuple[str, str, str]:
    """(tone-insensitive key, exact key, award) of a row; award is '' outside nominations."""
    name = cells.get(subject) or ""
    award = str(cells.get("award_code") or batch.fixed.get("award_code") or "")
    return match_key(name), clean(name).casefold(), award


@check("duplicate_subject", rules=("R-DEC-2", "R-ONE-ACH"), tabs=tuple(SUBJECT_COLUMN))
def check_duplicates(batch: Batch) -> list[FieldError]:
    """The same person or work twice for the same award in the same campaign, in the batch or stored.

    Matched on :func:`core.text.match_key` ("Thuỷ" = "Thủy", NFD = NFC, case). Identical text is
    an error (``duplicate_exact_severity``); names that differ only in tone placement are a warning,
    and so is a name typed without diacritics that matches one with them ("Nguyen Thi Hoa" and
    "Nguyễn Thị Hoà": a possible duplicate, the same person stored under spelling variants).
    """
    subject = SUBJECT_COLUMN[batch.tab]
    exact_sev = _severity(batch, "duplicate_exact_severity", "error")
    label = batch.label(subject)
    seen: dict[tuple[str, str], tuple[int, str]] = {}
    #: (name without diacritics, award) -> (row, match key, typed without diacritics, name)
    seen_folded: dict[tuple[str, str], tuple[int, str, bool, str]] = {}
    stored: dict[tuple[str, str], str] = {}
    stored_folded: dict[tuple[str, str], tuple[str, str]] = {}
    for rec in batch.live_existing():
        if batch.unit_id and rec.get("unit_id") not in (batch.unit_id, None):
            continue
        key, exact, award = _subject_keys(batch, rec, subject)
        if key:
            stored.setdefault((key, award), exact)
            stored_folded.setdefault((fold(rec.get(subject)), award), (key, clean(rec.get(subject))))
    out: list[FieldError] = []
    for i, cells in enumerate(batch.cells):
        key, exact, award = _subject_keys(batch, cells, subject)
        if not key:
            continue
        value = cells.get(subject)
        folded = fold(value)
        bare = folded == exact  # typed without any diacritic
        params = {"award": batch.award_name(award) if award else "-"}
        if (key, award) in seen:
            first_row, first_exact = seen[(key, award)]
            same = first_exact == exact
            out.append(
                FieldError(
                    batch.row_numbers[i],
                    label,
                    value,
                    "duplicate_in_batch" if same else "duplicate_in_batch_similar",
                    {**params, "other": first_row},
                    exact_sev if same else "warning",
                )
            )
        else:
            seen[(key, award)] = (batch.row_numbers[i], exact)
            twin = seen_folded.get((folded, award))
            if twin is not None and twin[1] != key and (bare or twin[2]):
                out.append(
                    FieldError(
                        batch.row_numbers[i],
                        label,
                        value,
                        "duplicate_in_batch_unaccented",
                        {**params, "other": twin[0], "other_value": twin[3]},
                        "warning",
                    )
                )
            seen_folded.setdefault((folded, award), (batch.row_numbers[i], key, bare, clean(value)))
        if (key, award) in stored:
            same = stored[(key, award)] == exact
            out.append(
                FieldError(
                    batch.row_numbers[i],
                    label,
                    value,
                    "duplicate_stored" if same else "duplicate_stored_similar",
                    params,
                    exact_sev if same else "warning",
                )
            )
        elif (folded, award) in stored_folded:
            other_key, other_value = stored_folded[(folded, award)]
            if other_key != key and (bare or fold(other_value) == other_value.casefold()):
                out.append(
                    FieldError(
                        batch.row_numbers[i],
                        label,
                        value,
                        "duplicate_stored_unaccented",
                        {**params, "other_value": other_value},
                        "warning",
                    )
                )
    return out


def _year_of(batch: Batch, rec: Mapping[str, Any]) -> int | None:
    y = rec.get("year")
    if y is None or y == "" or (isinstance(y, float) and pd.isna(y)) or y is pd.NA:
        y = batch.fixed.get("year")
    try:
        return int(y) if y is not None and y != "" else None
    except (TypeError, ValueError):
        return None


def _award_people(batch: Batch, award: str) -> tuple[dict[tuple[str, int | None], int], list[int]]:
    """Stored live ``award`` nominations of the unit per (name key, year), and batch row indexes."""
    stored: dict[tuple[str, int | None], int] = defaultdict(int)
    for rec in batch.live_existing():
        if rec.get("award_code") == award and rec.get("unit_id") == batch.unit_id:
            stored[(match_key(rec.get("full_name")), _year_of(batch, rec))] += 1
    mine = [i for i, c in enumerate(batch.cells) if batch.value(i, "award_code") == award]
    return stored, mine


def _rounding_words(rounding: str) -> dict[str, str] | str:
    """How the quota is rounded, in words ("lên khi có số dư"), not the rule's code (HALF_UP)."""
    key = f"newcomer.rounding.{rounding}"
    return {lang: t(key, lang) for lang in LANGS} if has(key) else rounding


@check("cstdcs_quota", rules=("R-CSTDCS-3",), tabs=("nominations",))
def check_cstdcs_quota(batch: Batch) -> list[FieldError]:
    """CSTĐCS per unit and year ≤ round(cstdcs_max_ratio × LĐTT), rounding from the rules tab."""
    ratio = batch.rules.number("cstdcs_max_ratio", batch.on)
    if ratio is None:
        return []
    rounding = batch.rules.text("cstdcs_rounding", batch.on, "HALF_UP")
    ldtt_stored, ldtt_mine = _award_people(batch, "LDTT")
    cs_stored, cs_mine = _award_people(batch, "CSTD_CS")
    out: list[FieldError] = []
    years = {_year_of(batch, dict(batch.cells[i])) for i in cs_mine}
    for year in years:
        n_ldtt = sum(n for (_, y), n in ldtt_stored.items() if y == year) + sum(
            1 for i in ldtt_mine if _year_of(batch, dict(batch.cells[i])) == year
        )
        limit = quota(ratio, n_ldtt, rounding)
        used = sum(n for (_, y), n in cs_stored.items() if y == year)
        for i in cs_mine:
            if _year_of(batch, dict(batch.cells[i])) != year:
                continue
            used += 1
            if used > limit:
                out.append(
                    FieldError(
                        batch.row_numbers[i],
                        batch.label("award_code"),
                        "CSTD_CS",
                        "cstdcs_quota",
                        {
                            "limit": limit,
                            "ldtt": n_ldtt,
                            "pct": f"{float(ratio * 100):g}",
                            "rounding": _rounding_words(rounding),
                            "year": year or "",
                        },
                    )
                )
    return out


@check("cstdcs_needs_ldtt", rules=("R-CSTDCS-1",), tabs=("nominations",))
def check_cstdcs_needs_ldtt(batch: Batch) -> list[FieldError]:
    """A CSTĐCS nomination needs an LĐTT nomination of the same person, unit and year."""
    if not batch.rules.flag("cstdcs_needs_ldtt", batch.on):
        return []
    ldtt_stored, ldtt_mine = _award_people(batch, "LDTT")
    have = set(ldtt_stored) | {
        (match_key(batch.cells[i].get("full_name")), _year_of(batch, dict(batch.cells[i]))) for i in ldtt_mine
    }
    _, cs_mine = _award_people(batch, "CSTD_CS")
    out: list[FieldError] = []
    for i in cs_mine:
        cells = batch.cells[i]
        year = _year_of(batch, dict(cells))
        if (match_key(cells.get("full_name")), year) not in have and not _ldtt_in_history(batch, cells, year):
            out.append(
                FieldError(
                    batch.row_numbers[i],
                    batch.label("full_name"),
                    cells.get("full_name"),
                    "cstdcs_needs_ldtt",
                    {"year": year or ""},
                )
            )
    return out


def _ldtt_in_history(batch: Batch, cells: Mapping[str, Any], year: int | None) -> bool:
    """An LĐTT grant (or a live LĐTT nomination in any campaign) of the person in ``year``."""
    history = batch.awards
    if history is None or year is None:
        return False
    pid = history.find(batch.unit_id, cells.get("full_name"), cells.get("person_id"))[0]
    return bool(pid) and bool(history.held(pid, "LDTT", year, year))


@check("doc_number", rules=("R-FMT-DOCNO",))
def check_doc_number(batch: Batch) -> list[FieldError]:
    """Document numbers match §8.3 ("80/KH-LĐLĐ"); an embedded year equals the document date's."""
    out: list[FieldError] = []
    for col, date_col in DOC_COLUMNS.items():
        if col not in batch.fields:
            continue
        for i, cells in enumerate(batch.cells):
            raw = cells.get(col)
            if raw in (None, ""):
                continue
            doc = try_parse_doc_number(raw)
            if doc is None:
                out.append(FieldError(batch.row_numbers[i], batch.label(col), raw, "bad_doc_number"))
                continue
            when = iso_day(cells.get(date_col))
            if doc.kind is DocKind.LEGAL and doc.year and when is not None and when.year != doc.year:
                out.append(
                    FieldError(
                        batch.row_numbers[i],
                        batch.label(col),
                        raw,
                        "doc_year_mismatch",
                        {"year": doc.year, "date_year": when.year},
                    )
                )
    return out


@check("date_in_campaign", rules=("R-CAMP-1",))
def check_date_in_campaign(batch: Batch) -> list[FieldError]:
    """Dates of the form fall inside the campaign window (severity ``date_window_severity``)."""
    if batch.opens is None or batch.closes is None:
        return []
    sev = _severity(batch, "date_window_severity", "warning")
    spec = tab_spec(batch.tab)
    dates = [f for f in batch.fields if f in spec.schema.columns and spec.kind(f) == "date"]
    out: list[FieldError] = []
    for col in dates:
        for i, cells in enumerate(batch.cells):
            d = iso_day(cells.get(col))
            if d is not None and not batch.opens <= d <= batch.closes:
                out.append(
                    FieldError(
                        batch.row_numbers[i],
                        batch.label(col),
                        f"{d:%d/%m/%Y}",
                        "date_outside_campaign",
                        {"opens": f"{batch.opens:%d/%m/%Y}", "closes": f"{batch.closes:%d/%m/%Y}"},
                        sev,
                    )
                )
    return out

"""Prerequisite rules that need a person's award history and yearly ratings (DOMAIN.md §4.1).

Pure: :class:`AwardHistory` is built from the frames of ``persons``, ``person_years``,
``award_grants``, ``nominations`` and recognised ``initiatives``; :func:`evaluate` says, for one
nomination, which rule fails and exactly what is missing. The rules are registered as named
checks of :mod:`services.rules` (``@check``), so the app form, the Excel import and ``cli.py validate``
report them in the same table as every other check. Every number (rating list, months worked,
years in a chain, window end, initiative counts, scopes) is read from the dated rules tab.

A nomination names its person by ``person_id`` when given, else by :func:`core.text.match_key`
of the full name within the submitting unit (the key the duplicate check already uses).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from core.errors import FieldError
from core.lookup import is_in
from core.model import INFLUENCE_SCOPES
from core.text import clean, iso_day, match_key
from i18n import t
from schemas.registry import PICKED_BY
from services.rules import DEAD_STATES, Batch, RuleBook, check

#: Scopes of influence, narrowest first: "at least BO_NGANH_TINH" compares positions.
SCOPE_ORDER: Mapping[str, int] = {s: i + 1 for i, s in enumerate(INFLUENCE_SCOPES)}
DISCIPLINE_ORDER: Mapping[str, int] = {"NONE": 0, "KHIEN_TRACH": 1, "CANH_CAO": 2, "HIGHER": 3}


def _int(value: Any) -> int | None:
    if value is None or value is pd.NA or value == "":
        return None
    try:
        if isinstance(value, float) and pd.isna(value):
            return None
        return int(value)
    except (TypeError, ValueError):
        return None


def short(code: str) -> dict[str, str]:
    """The short name of an award code in both languages ("CSTĐCS"), for message parameters."""
    key = f"award.short.{code}"
    return {lang: t(key, lang) if t(key, lang) != key else code for lang in ("vi", "en")}


@dataclass(frozen=True)
class YearRecord:
    """One person's year: rating, discipline and initiatives recognised (summary + app rows)."""

    rating: str
    discipline: str
    initiatives: int = 0
    scope: str = ""


@dataclass
class AwardHistory:
    """Everything the prerequisite rules read, indexed by person."""

    names: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    #: unit -> sector (DNNN, NGOAI_NN, FDI, HCSN, KHAC): enterprise workers' LĐTT (R-LDTT-4)
    sectors: dict[str, str] = field(default_factory=dict)
    hired_on: dict[str, dt.date | None] = field(default_factory=dict)
    by_key: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    years: dict[tuple[str, int], YearRecord] = field(default_factory=dict)
    #: (person, code) -> years granted (revoked grants left out)
    grants: dict[tuple[str, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    #: (person, code) -> years with a live nomination (any campaign)
    nominated: dict[tuple[str, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    #: person -> [(year, scope)] of initiatives recognised in the app (accepted rows)
    app_initiatives: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    #: None: every person is indexed; else (units, person ids) of a history built for some rows
    #: (:func:`history_for_rows`): only lookups within those units or of those ids are answered
    scope: tuple[frozenset[str], frozenset[str]] | None = None

    @classmethod
    def from_frames(
        cls,
        persons: pd.DataFrame | None,
        person_years: pd.DataFrame | None = None,
        grants: pd.DataFrame | None = None,
        nominations: pd.DataFrame | None = None,
        recognised_initiatives: pd.DataFrame | None = None,
        units: pd.DataFrame | None = None,
    ) -> AwardHistory:
        """Index the tabs; ``recognised_initiatives`` holds only initiative rows already recognised."""
        h = cls()
        for uid, sector in _columns(units, "id", "sector"):
            h.sectors[clean(uid)] = clean(sector)
        for pid, name, unit, hired in _columns(persons, "id", "full_name", "unit_id", "hired_on"):
            pid = clean(pid)
            if not pid:
                continue
            h.names[pid] = clean(name)
            h.units[pid] = clean(unit)
            h.hired_on[pid] = iso_day(hired)
            h.by_key[(h.units[pid], match_key(name))].append(pid)
        year_columns = ("year", "person_id", "task_rating", "discipline", "initiatives_recognised")
        for year, pid, rating, discipline, count, scope in _columns(
            person_years, *year_columns, "initiative_scope"
        ):
            year = _int(year)
            pid = clean(pid)
            if year is None or not pid:
                continue
            h.years[(pid, year)] = YearRecord(
                clean(rating), clean(discipline) or "NONE", _int(count) or 0, clean(scope)
            )
        for year, pid, revoked, kind, code in _columns(
            grants, "year", "subject_id", "revoked", "subject_kind", "award_code"
        ):
            year = _int(year)
            pid = clean(pid)
            if year is None or not pid or bool(revoked) or kind != "CA_NHAN":
                continue
            h.grants[(pid, clean(code))].add(year)
        nomination_columns = ("subject_kind", "state", "year", "unit_id", "full_name", "person_id")
        for kind, state, year, unit, name, person, code in _columns(
            nominations, *nomination_columns, "award_code"
        ):
            if kind == "TAP_THE" or clean(state) in DEAD_STATES:
                continue
            year = _int(year)
            found = h.find(clean(unit), name, person)[0]
            if year is not None and found:
                h.nominated[(found, clean(code))].add(year)
        for applied, authors, unit, scope in _columns(
            recognised_initiatives, "first_applied_on", "authors", "unit_id", "influence_scope"
        ):
            applied = iso_day(applied)
            if applied is None:
                continue
            for author in str(authors or "").split(";"):
                author_id = h.find(clean(unit), author)[0]
                if author_id:
                    h.app_initiatives[author_id].append((applied.year, clean(scope)))
        return h

    def covers(self, record: Mapping[str, Any]) -> bool:
        """Does this history answer :meth:`find` for ``record`` as the whole history would?"""
        if self.scope is None:
            return True
        units, pids = self.scope
        pid = clean(record.get("person_id"))
        if pid:
            return pid in pids
        unit = clean(record.get("unit_id"))
        return bool(unit) and unit in units

    def find(self, unit_id: str, full_name: Any, person_id: Any = "") -> tuple[str | None, int]:
        """(person id, how many matched): by ``person_id``, else by name key within the unit
        (or across every unit when no unit is known and the name is unique)."""
        pid = clean(person_id)
        if pid:
            return (pid, 1) if pid in self.names else (None, 0)
        key = match_key(full_name)
        if not key:
            return None, 0
        if unit_id:
            hits = self.by_key.get((unit_id, key), [])
        else:
            hits = [p for (_, k), ps in self.by_key.items() if k == key for p in ps]
        return (hits[0], 1) if len(hits) == 1 else (None, len(hits))

    def members(self, unit_id: str) -> list[str]:
        """The persons on file whose unit is ``unit_id`` (the people of a collective, R-TTLDTT/R-TTLDXS)."""
        return [pid for pid, unit in self.units.items() if unit == unit_id]

    def held(self, pid: str, code: str, year: int, current: int) -> bool:
        """A grant of ``code`` in ``year``; for the nomination's own year a live nomination counts."""
        if year in self.grants.get((pid, code), set()):
            return True
        return year == current and year in self.nominated.get((pid, code), set())

    def initiatives(self, pid: str, years: Iterable[int]) -> tuple[int, int]:
        """(count, widest scope rank) of initiatives recognised in ``years`` (summary + app rows)."""
        wanted = set(years)
        count, widest = 0, 0
        for y in wanted:
            rec = self.years.get((pid, y))
            if rec is not None:
                count += rec.initiatives
                widest = max(widest, SCOPE_ORDER.get(rec.scope, 0))
        for y, scope in self.app_initiatives.get(pid, []):
            if y in wanted:
                count += 1
                widest = max(widest, SCOPE_ORDER.get(scope, 0))
        return count, widest


def _columns(frame: pd.DataFrame | None, *names: str) -> Iterable[tuple[Any, ...]]:
    """The rows of ``frame`` as tuples of the ``names`` columns (None where a column is missing):
    only the cells the rules read are turned into Python values."""
    if frame is None or frame.empty:
        return []
    n = len(frame)
    return zip(*(frame[c].tolist() if c in frame.columns else [None] * n for c in names), strict=True)


# ------------------------------------------------------------------------------------ evaluation


@dataclass(frozen=True)
class Finding:
    """A failed prerequisite: the i18n rule key (``rule.<key>``), its parameters and severity."""

    rule: str
    params: Mapping[str, Any]
    severity: str = "error"


def window(year: int, n: int, ends: str) -> list[int]:
    """The ``n`` consecutive years ending at ``year`` ("y") or the year before ("y-1")."""
    last = year - 1 if clean(ends).replace(" ", "") == "y-1" else year
    return list(range(last - n + 1, last + 1))


def _codes(rules: RuleBook, code: str, on: dt.date, default: str) -> list[str]:
    return [c.strip() for c in rules.text(code, on, default).split(",") if c.strip()]


def _n(rules: RuleBook, code: str, on: dt.date, default: int) -> int:
    value = rules.number(code, on)
    return int(value) if value is not None else default


def months_worked(hired: dt.date, year: int) -> int:
    """Complete months from ``hired`` to the end of 31/12 of ``year`` (01/03 gives 10; 02/03 gives 9)."""
    if hired.year > year:
        return 0
    months = (year + 1 - hired.year) * 12 + (1 - hired.month)
    return months - (1 if hired.day > 1 else 0)


def evaluate(
    history: AwardHistory, rules: RuleBook, on: dt.date, pid: str, code: str, year: int, criterion: str = ""
) -> list[Finding]:
    """Every prerequisite ``code`` in ``year`` needs that person ``pid`` lacks (empty = passes)."""
    out: list[Finding] = []
    if year in history.grants.get((pid, code), set()):
        out.append(Finding("already_held", {"award": short(code), "year": year}))
    if code == "LDTT":
        out += _ldtt(history, rules, on, pid, year)
    elif code == "CSTD_CS":
        out += _cstdcs(history, rules, on, pid, year)
    elif code == "CSTD_BNT":
        out += _chain(
            history, rules, on, pid, code, year, "CSTD_CS", "cstdbnt", 3, "BO_NGANH_TINH", "R-CSTDBNT-1"
        )
    elif code == "CSTD_TQ":
        out += _chain(history, rules, on, pid, code, year, "CSTD_BNT", "cstdtq", 2, "TOAN_QUOC", "R-CSTDTQ-1")
    if code in _codes(rules, "bk1_codes", on, "BK_BNT,U_BK_TLD,U_BK_LDLD"):
        out += _bk(history, rules, on, pid, code, year, criterion)
    return out


def _enterprise(h: AwardHistory, rules: RuleBook, on: dt.date, pid: str) -> bool:
    """R-LDTT-4: the person works in an enterprise (Luật 2022 Điều 24 khoản 3 applies, not khoản 1)."""
    sectors = _codes(rules, "ldtt_enterprise_sectors", on, "")
    return bool(sectors) and h.sectors.get(h.units.get(pid, ""), "") in sectors


def _ldtt(h: AwardHistory, rules: RuleBook, on: dt.date, pid: str, year: int) -> list[Finding]:
    """R-LDTT-1 (rating; R-LDTT-4 for enterprise workers) and R-LDTT-3 (months worked, discipline)."""
    allowed = _codes(rules, "ldtt_ratings", on, "HTTNV,HTXSNV")
    if _enterprise(h, rules, on, pid):
        allowed = _codes(rules, "ldtt_ratings_enterprise", on, ",".join(allowed))
    out: list[Finding] = []
    rec = h.years.get((pid, year))
    if rec is None:
        out.append(Finding("ldtt_rating_missing", {"year": year, "allowed": ", ".join(allowed)}))
    elif rec.rating not in allowed:
        out.append(
            Finding("ldtt_rating_low", {"year": year, "rating": rec.rating, "allowed": ", ".join(allowed)})
        )
    hired = h.hired_on.get(pid)
    min_months = _n(rules, "ldtt_min_months", on, 10)
    if hired is not None and months_worked(hired, year) < min_months:
        out.append(
            Finding(
                "ldtt_too_new",
                {
                    "year": year,
                    "hired_on": f"{hired:%d/%m/%Y}",
                    "months": months_worked(hired, year),
                    "min_months": min_months,
                },
            )
        )
    bar = rules.text("ldtt_bar_discipline", on, "KHIEN_TRACH")
    if rec is not None and DISCIPLINE_ORDER.get(rec.discipline, 0) >= DISCIPLINE_ORDER.get(bar, 1):
        out.append(Finding("ldtt_disciplined", {"year": year, "discipline": rec.discipline}))
    return out


def _cstdcs(h: AwardHistory, rules: RuleBook, on: dt.date, pid: str, year: int) -> list[Finding]:
    """R-CSTDCS-2: a recognised initiative of this author in the year, or (Luật 2022 Điều 23, from
    the date ``cstdcs_excellent_ratings`` is set) a rating of excellent task completion instead."""
    need = _n(rules, "cstdcs_min_initiatives", on, 1)
    count, _ = h.initiatives(pid, [year])
    if count >= need:
        return []
    excellent = _codes(rules, "cstdcs_excellent_ratings", on, "")
    if not excellent:
        return [Finding("cstdcs_no_initiative", {"year": year, "min": need, "found": count})]
    rec = h.years.get((pid, year))
    if rec is not None and rec.rating in excellent:
        return []
    return [
        Finding(
            "cstdcs_no_initiative_or_excellent",
            {
                "year": year,
                "min": need,
                "found": count,
                "ratings": ", ".join(excellent),
                "rating": rec.rating if rec is not None else "-",
            },
        )
    ]


#: Collective titles judged on the people of the nominating unit (R-TTLDTT-1/2, R-TTLDXS-1..4).
COLLECTIVE_CODES: Mapping[str, str] = {"TTLDTT": "ttldtt", "TTLDXS": "ttldxs"}
#: Ratings meaning "completed the tasks" (R-TTLDXS-2).
COMPLETED_RATINGS = frozenset({"HTXSNV", "HTTNV", "HTNV"})


def evaluate_collective(
    h: AwardHistory, rules: RuleBook, on: dt.date, unit_id: str, code: str, year: int
) -> list[Finding]:
    """A collective title for the people of ``unit_id`` on the persons tab in ``year``: the share of
    LĐTT, nobody disciplined at the bar or above, and for TTLĐXS 100 % completing their tasks and at
    least one CSTĐCS. Every number is a dated rule; a unit with nobody on file is not judged."""
    prefix = COLLECTIVE_CODES.get(code)
    people = h.members(unit_id)
    if prefix is None or not people:
        return []
    total = len(people)
    params: dict[str, Any] = {"award": short(code), "year": year, "total": total}
    out: list[Finding] = []
    ldtt = sum(1 for p in people if h.held(p, "LDTT", year, year))
    share = rules.share(f"{prefix}_min_ldtt_share", on)
    if share is not None and not share.met(ldtt, total):
        out.append(Finding("collective_ldtt_share", {**params, "count": ldtt, "share": str(share)}))
    bar = rules.text(f"{prefix}_bar_discipline", on, "")
    if bar:
        hit = [
            h.names.get(p, p)
            for p in people
            if (rec := h.years.get((p, year))) is not None
            and DISCIPLINE_ORDER.get(rec.discipline, 0) >= DISCIPLINE_ORDER.get(bar, 99)
        ]
        if hit:
            out.append(
                Finding("collective_disciplined", {**params, "names": ", ".join(sorted(hit)), "bar": bar})
            )
    completed_share = rules.share(f"{prefix}_min_completed_share", on)
    if completed_share is not None:
        done = sum(
            1
            for p in people
            if (rec := h.years.get((p, year))) is not None and rec.rating in COMPLETED_RATINGS
        )
        if not completed_share.met(done, total):
            out.append(
                Finding("collective_completed", {**params, "count": done, "share": str(completed_share)})
            )
    need_cs = rules.number(f"{prefix}_min_cstdcs", on)
    if need_cs is not None:
        cs = sum(1 for p in people if h.held(p, "CSTD_CS", year, year))
        if cs < int(need_cs):
            out.append(Finding("collective_cstdcs", {**params, "count": cs, "min": int(need_cs)}))
    return out


def _chain(
    h: AwardHistory,
    rules: RuleBook,
    on: dt.date,
    pid: str,
    code: str,
    year: int,
    need: str,
    prefix: str,
    default_n: int,
    default_scope: str,
    rule_id: str,
) -> list[Finding]:
    """R-CSTDBNT-1 / R-CSTDTQ-1: ``need`` in n consecutive years, plus an initiative of wide scope."""
    n = _n(rules, f"{prefix}_years", on, default_n)
    years = window(year, n, rules.text(f"{prefix}_window_ends", on, "y"))
    missing = [y for y in years if not h.held(pid, need, y, year)]
    params = {
        "award": short(code),
        "need": short(need),
        "n": n,
        "first": years[0],
        "last": years[-1],
        "rid": rule_id,
    }
    out: list[Finding] = []
    if missing:
        out.append(Finding("chain_missing", {**params, "missing": ", ".join(str(y) for y in missing)}))
    scope = rules.text(f"{prefix}_min_scope", on, default_scope)
    _, widest = h.initiatives(pid, years)
    if widest < SCOPE_ORDER.get(scope, 99):
        out.append(Finding("chain_no_scope", {**params, "scope": scope}))
    return out


def _bk(
    h: AwardHistory, rules: RuleBook, on: dt.date, pid: str, code: str, year: int, criterion: str
) -> list[Finding]:
    """R-BK-1: CSTĐCS 2 years running, or 2 years HTXSNV with 2 initiatives, or another stated path."""
    if criterion == "OTHER_WITH_REASON":
        return [Finding("bk_other_reason", {"award": short(code), "year": year}, "warning")]
    n = _n(rules, "bk1_years", on, 2)
    years = window(year, n, rules.text("bk1_window_ends", on, "y"))
    params: dict[str, Any] = {
        "award": short(code),
        "year": year,
        "first": years[0],
        "last": years[-1],
        "n": n,
    }
    missing_cs = [y for y in years if not h.held(pid, "CSTD_CS", y, year)]
    not_htxs = [y for y in years if (rec := h.years.get((pid, y))) is None or rec.rating != "HTXSNV"]
    min_sk = _n(rules, "bk1_min_initiatives", on, 2)
    sk, _ = h.initiatives(pid, years)
    path_a = not missing_cs
    path_b = not not_htxs and sk >= min_sk
    cs = ", ".join(str(y) for y in missing_cs)
    ht = ", ".join(str(y) for y in not_htxs)
    if criterion == "CSTD_2Y":
        return [] if path_a else [Finding("bk_cstd_missing", {**params, "missing": cs})]
    if criterion == "HTXS_2Y_2SK":
        if path_b:
            return []
        return [Finding("bk_htxs_missing", {**params, "missing": ht or "-", "sk": sk, "min_sk": min_sk})]
    if path_a or path_b:
        return []
    return [
        Finding(
            "bk_no_path", {**params, "missing": cs, "htxs_missing": ht or "-", "sk": sk, "min_sk": min_sk}
        )
    ]


# ------------------------------------------------------------------------------------ named check


def _year(batch: Batch, i: int) -> int | None:
    return _int(batch.value(i, "year"))


@check(
    "award_prerequisites",
    rules=(
        "R-DEC-2",
        "R-LDTT-1",
        "R-LDTT-3",
        "R-LDTT-4",
        "R-CSTDCS-2",
        "R-CSTDBNT-1",
        "R-CSTDTQ-1",
        "R-BK-1",
        "R-TTLDTT-1",
        "R-TTLDTT-2",
        "R-TTLDXS-1",
        "R-TTLDXS-2",
        "R-TTLDXS-3",
        "R-TTLDXS-4",
    ),
    tabs=("nominations",),
)
def check_prerequisites(batch: Batch) -> list[FieldError]:
    """A person's rating, months worked, discipline, initiatives and earlier titles meet the award."""
    history = batch.awards
    if not isinstance(history, AwardHistory):
        return []
    unknown_sev = batch.rules.text("prereq_unknown_person_severity", batch.on, "").casefold()
    name_label = batch.label("full_name")
    out: list[FieldError] = []
    for i, cells in enumerate(batch.cells):
        code = clean(batch.value(i, "award_code"))
        year = _year(batch, i)
        if year is not None and clean(batch.value(i, "subject_kind")) == "TAP_THE" and code:
            for f in evaluate_collective(history, batch.rules, batch.on, batch.unit_id, code, year):
                out.append(
                    FieldError(batch.row_numbers[i], name_label, cells.get("full_name"), f.rule, f.params)
                )
            continue
        if year is None or clean(batch.value(i, "subject_kind")) == "TAP_THE" or not code:
            continue
        if not _needs_history(batch.rules, batch.on, code):
            continue
        name = cells.get("full_name")
        pid, hits = history.find(batch.unit_id, name, cells.get("person_id"))
        if pid is None:
            if unknown_sev in ("error", "warning"):
                rule = "prereq_ambiguous_person" if hits > 1 else "prereq_unknown_person"
                out.append(
                    FieldError(batch.row_numbers[i], name_label, name, rule, {"count": hits}, unknown_sev)
                )
            continue
        criterion = clean(batch.value(i, "criterion_path"))
        for f in evaluate(history, batch.rules, batch.on, pid, code, year, criterion):
            out.append(FieldError(batch.row_numbers[i], name_label, name, f.rule, f.params, f.severity))
    return out


def _needs_history(rules: RuleBook, on: dt.date, code: str) -> bool:
    return code in ("LDTT", "CSTD_CS", "CSTD_BNT", "CSTD_TQ") or code in _codes(
        rules, "bk1_codes", on, "BK_BNT,U_BK_TLD,U_BK_LDLD"
    )


def with_batch(history: AwardHistory, rows: Sequence[Mapping[str, Any]], unit_id: str) -> AwardHistory:
    """A copy of ``history`` plus the live nominations of the rows being entered (for year-y
    prerequisites); ``history`` itself, shared between sessions, is left as it was."""
    history = dataclasses.replace(
        history, nominated=defaultdict(set, {k: set(v) for k, v in history.nominated.items()})
    )
    for r in rows:
        year = _int(r.get("year"))
        pid = history.find(unit_id, r.get("full_name"), r.get("person_id"))[0]
        if year is not None and pid and r.get("subject_kind") != "TAP_THE":
            history.nominated[(pid, clean(r.get("award_code")))].add(year)
    return history


#: Tabs :func:`load_history` reads (one ``read_many`` round trip); ``units`` for the sectors (R-LDTT-4).
HISTORY_TABS: tuple[str, ...] = (
    "persons",
    "person_years",
    "award_grants",
    "nominations",
    "initiatives",
    "units",
)
#: The per-person tabs of :data:`HISTORY_TABS`: on a store that picks rows by value
#: (:class:`core.ports.MatchingRows`) a page reads the rows of the persons it judges, not these tabs.
PERSON_TABS: tuple[str, ...] = tuple(PICKED_BY)
#: Outcomes of an initiative row that mean "recognised" (DOMAIN.md §5.4).
RECOGNISED_OUTCOMES = frozenset({"accepted", "awarded"})


def history_from_tabs(frames: Mapping[str, pd.DataFrame], outcome_of: Any = None) -> AwardHistory:
    """An :class:`AwardHistory` from the frames of :data:`HISTORY_TABS`; ``outcome_of(row)`` says
    what an initiative row's state means (rows whose outcome is accepted count as recognised)."""
    ini = frames.get("initiatives")
    if ini is not None and not ini.empty and outcome_of is not None:
        keep = [
            outcome_of({"campaign_id": c, "form": f, "state": st}) in RECOGNISED_OUTCOMES
            for c, f, st in _columns(ini, "campaign_id", "form", "state")
        ]
        ini = ini[pd.Series(keep, index=ini.index, dtype=bool)]
    else:
        ini = None
    return AwardHistory.from_frames(
        frames.get("persons"),
        frames.get("person_years"),
        frames.get("award_grants"),
        frames.get("nominations"),
        ini,
        frames.get("units"),
    )


def history_for_rows(
    frames: Mapping[str, pd.DataFrame],
    rows: Sequence[Mapping[str, Any]],
    outcome_of: Any = None,
    *,
    matching: Callable[[str, Mapping[str, Collection[str]]], pd.DataFrame] | None = None,
    whole: Callable[[], Mapping[str, pd.DataFrame]] | None = None,
) -> AwardHistory:
    """The :class:`AwardHistory` of the persons ``rows`` name, from the typed frames of
    :data:`HISTORY_TABS`: what :func:`history_from_tabs` gives for those persons, at the cost of
    the rows kept, not of every record (a reviewer's 27 rows at 100,000 submissions).

    Kept: the persons of the rows' units (every one, so a name matches as in the whole list) and
    those the rows name by id, with their ratings and grants; the nominations and recognised
    initiatives of those persons' units (where a name finds them) or naming them by id. A row
    without a unit and a person id is looked up across every unit: the whole history is built.
    The frames' text is as the store types it (NFC-cleaned: ``clean`` changes a cell only when it
    holds a line break, and such cells are kept for the exact check).

    ``frames`` may lack the per-person tabs (:data:`PERSON_TABS`) when ``matching(tab, where)``
    reads their rows by value from the store (a superset: :class:`core.ports.MatchingRows`), so a
    cold page reads the records of its rows' persons, not every person's; ``whole()`` then gives
    every frame, for the cases that need the whole history."""

    def everything() -> AwardHistory:
        return history_from_tabs(whole() if whole is not None else frames, outcome_of)

    def pick(tab: str, column: str, wanted: set[str], also: tuple[str, set[str]] | None = None) -> Any:
        frame = frames.get(tab)
        if frame is None and matching is not None:
            if not wanted and not (also and also[1]):
                return None  # nothing to look up (a line-broken cell only widens the scope)
            frame = matching(tab, {column: wanted, **({also[0]: also[1]} if also else {})})
        return _where(frame, column, wanted, also=also)

    units = {clean(r.get("unit_id")) for r in rows}
    pids = {clean(r.get("person_id")) for r in rows} - {""}
    if any(not clean(r.get("unit_id")) and not clean(r.get("person_id")) for r in rows):
        return everything()
    noms = frames.get("nominations")
    ini = frames.get("initiatives")
    # a nomination or initiative without a unit looks its name up in every unit: build it all
    if _any_blank(noms, "unit_id", "person_id") or _any_blank(ini, "unit_id"):
        return everything()
    named = pick("persons", "id", pids)
    units |= {clean(u) for u in named["unit_id"]} if named is not None else set()
    units.discard("")
    persons = pick("persons", "unit_id", units, also=("id", pids))
    people = {clean(p) for p in persons["id"]} if persons is not None else set()
    kept = {
        "persons": persons,
        "person_years": pick("person_years", "person_id", people),
        "award_grants": pick("award_grants", "subject_id", people),
        "nominations": _where(noms, "unit_id", units, also=("person_id", people)),
        "initiatives": _where(ini, "unit_id", units),
        "units": _where(frames.get("units"), "id", units),  # their sectors (R-LDTT-4)
    }
    history = history_from_tabs({t: f for t, f in kept.items() if f is not None}, outcome_of)
    history.scope = (frozenset(units), frozenset(pids | people))
    return history


def _where(
    frame: pd.DataFrame | None, column: str, wanted: set[str], *, also: tuple[str, set[str]] | None = None
) -> pd.DataFrame | None:
    """Rows of ``frame`` whose ``column`` (cleaned) is one of ``wanted``, or whose ``also`` column
    is one of its set; a superset (cells with a line break are kept) that ``from_frames`` then
    reads exactly. Vectorised: one hash lookup per cell."""
    if frame is None:
        return None
    if frame.empty:
        return frame

    def hit(col: str, values: set[str]) -> Any:
        cells = frame[col].astype(str)
        return is_in(cells, values) | cells.str.contains("\n", regex=False)

    keep = hit(column, wanted)
    if also is not None:
        keep |= hit(*also)
    return frame[keep]


def _any_blank(frame: pd.DataFrame | None, *columns: str) -> bool:
    """Does some row of ``frame`` have every one of ``columns`` empty?"""
    if frame is None or frame.empty:
        return False
    blank = pd.Series(True, index=frame.index)
    for column in columns:
        blank &= frame[column].astype(str).str.strip() == ""
    return bool(blank.any())


def record_checker(
    history_for: Callable[[Sequence[Mapping[str, Any]]], AwardHistory],
    rules: Callable[[], RuleBook],
    on: dt.date,
    rows: Sequence[Mapping[str, Any]] = (),
) -> Callable[[Mapping[str, Any]], list[Finding]]:
    """For the ``prerequisites_met`` guard: a stored nomination -> its failed prerequisites.

    ``history_for(records)`` builds the history of the persons those records name; it runs on the
    first nomination that needs it, for ``rows`` (the rows the caller will ask about: a page's
    queue, a bulk approval) and that nomination, and again only for a nomination the history built
    so far does not cover (its rows then join the list)."""
    asked: list[Mapping[str, Any]] = list(rows)
    kept: list[AwardHistory] = []
    book: list[RuleBook] = []

    def findings(record: Mapping[str, Any]) -> list[Finding]:
        code = clean(record.get("award_code"))
        year = _int(record.get("year"))
        if year is None or not code:
            return []
        if not book:
            book.append(rules())
        collective = record.get("subject_kind") == "TAP_THE"
        if collective and code not in COLLECTIVE_CODES:
            return []
        if not collective and not _needs_history(book[0], on, code):
            return []
        if not kept or not kept[0].covers(record):
            asked.append(record)
            kept[:] = [history_for(asked)]
        history = kept[0]
        if collective:
            return evaluate_collective(history, book[0], on, clean(record.get("unit_id")), code, year)
        pid = history.find(clean(record.get("unit_id")), record.get("full_name"), record.get("person_id"))[0]
        if pid is None:
            return []
        return evaluate(history, book[0], on, pid, code, year, clean(record.get("criterion_path")))

    return findings

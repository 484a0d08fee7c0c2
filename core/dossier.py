"""A nomination's dossier (hồ sơ, DOMAIN.md §3.6): which documents it needs and whether they fit.

Pure rules over plain values; the guards (``workflows/guards.py``) and the services call them.
- R-DOS-1: the documents required for (award code, deciding level) are dated rules:
  ``dossier_docs.<LEVEL>`` plus ``dossier_extra.<CODE>`` (extras only where the level asks for a
  dossier at all; a blank level rule means no dossier is asked when submitting).
- R-DOS-2: ``dossier_copies.<CODE>`` paper sets for state-level forms (a warning).
- R-DOS-3: minutes held on ≤ tờ trình issued on ≤ submitted on, inside the campaign window (an error).
- R-DOS-4: ``dossier_files.<CODE>`` (or ``.default``): every document needs an electronic file attached
  (QĐ 311/QĐ-BNV 2025 from 1/7/2025, instead of a second paper set).
- R-DOS-5: ``dossier_vote_result.<CODE>``: the meeting minutes record the vote (yes of all members)
  and it reaches ``vote_threshold.<CODE>`` (CSTĐCS from 1/7/2025, QĐ 638/QĐ-BNV 2025).

A required entry may name alternatives, "CN_SK|XN_HTXS": one of them is enough (proof of an
initiative OR of excellent task completion, Luật 2022 Điều 23).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.rulebook import RuleBook, Share
from core.text import clean, iso_day
from core.vnformat import DocKind, try_parse_doc_number

#: Document kinds (DOMAIN.md §3.6) in the order a dossier lists them; XN_HTXS is the proof of excellent
#: task completion (the CSTĐCS path without an initiative), TOM_TAT the short summary of the
#: simplified procedure (Luật 2022 Điều 85).
DOC_KINDS: tuple[str, ...] = ("TTR", "BCTT", "TOM_TAT", "BB_HD", "CN_SK", "XN_HTXS", "QD_TRUOC")
#: The deciding-level key of the short dossier of a ``kind: simplified`` form.
SIMPLIFIED = "SIMPLIFIED"
#: The type code (loại văn bản, §8.3) a document number of each kind must carry, where fixed.
KIND_TYPE_CODE: Mapping[str, str] = {"TTR": "TTr", "BB_HD": "BB"}
#: Kinds whose number may be left blank (an achievement report often has none).
NUMBER_OPTIONAL: frozenset[str] = frozenset({"BCTT", "TOM_TAT"})


def _entry(text: str) -> str:
    """One required entry: a kind, or alternatives "CN_SK|XN_HTXS" (unknown kinds dropped)."""
    kinds = [k for k in (clean(p).upper() for p in text.split("|")) if k in DOC_KINDS]
    return "|".join(kinds)


def _kinds(text: str) -> tuple[str, ...]:
    return tuple(e for e in (_entry(p) for p in text.split(",")) if e)


def alternatives(entry: str) -> tuple[str, ...]:
    """The kinds of one required entry ("CN_SK|XN_HTXS" -> ("CN_SK", "XN_HTXS"))."""
    return tuple(entry.split("|"))


def _order(entry: str) -> int:
    return min(DOC_KINDS.index(k) for k in alternatives(entry))


def required_kinds(
    rules: RuleBook, award_code: str, deciding_level: str, on: dt.date, *, simplified: bool = False
) -> tuple[str, ...]:
    """R-DOS-1: the entries a submission for ``award_code`` decided at ``deciding_level`` needs on ``on``.

    ``dossier_extra.<CODE>`` also applies where the level asks no dossier (a title the grassroots
    union decides itself, e.g. CSTĐCS from 1/7/2025). A simplified form (Luật 2022 Điều 85) needs
    the short dossier ``dossier_docs.SIMPLIFIED`` only."""
    if simplified:
        return tuple(sorted(_kinds(rules.text(f"dossier_docs.{SIMPLIFIED}", on)), key=_order))
    base = _kinds(rules.text(f"dossier_docs.{deciding_level}", on))
    extra = _kinds(rules.text(f"dossier_extra.{award_code}", on))
    wanted = list(dict.fromkeys([*base, *extra]))
    return tuple(sorted(wanted, key=_order))


@dataclass(frozen=True)
class FileAndVote:
    """R-DOS-4/5 for one award on one date: files required, vote result required and its threshold."""

    files: bool = False
    vote: bool = False
    threshold: Share | None = None


def file_and_vote(rules: RuleBook, award_code: str, on: dt.date) -> FileAndVote:
    """The R-DOS-4/5 rules in force for ``award_code`` on ``on``."""
    return FileAndVote(
        files_required(rules, award_code, on),
        vote_required(rules, award_code, on),
        rules.share(f"vote_threshold.{award_code}", on),
    )


def files_required(rules: RuleBook, award_code: str, on: dt.date) -> bool:
    """R-DOS-4: must every document carry an electronic file (``dossier_files.<CODE>`` or ``.default``)?"""
    own = rules.text(f"dossier_files.{award_code}", on)
    return (
        rules.flag(f"dossier_files.{award_code}", on, False)
        if own
        else rules.flag("dossier_files.default", on, False)
    )


def vote_required(rules: RuleBook, award_code: str, on: dt.date) -> bool:
    """R-DOS-5: must the minutes record the vote result?"""
    return rules.flag(f"dossier_vote_result.{award_code}", on, False)


def copies_required(rules: RuleBook, award_code: str, on: dt.date) -> int:
    """R-DOS-2: paper sets (originals) the form needs; 0 when the rule is not set."""
    n = rules.number(f"dossier_copies.{award_code}", on)
    return int(n) if n is not None else 0


def missing_kinds(required: Sequence[str], present: Mapping[str, Any]) -> tuple[str, ...]:
    """Required entries with no (live) document recorded (an entry of alternatives needs one of them)."""
    return tuple(e for e in required if not any(k in present for k in alternatives(e)))


def file_problems(docs: Mapping[str, Mapping[str, Any]], required: bool) -> list[Problem]:
    """R-DOS-4: a document recorded without an attached file, when the rules ask for files."""
    if not required:
        return []
    return [
        Problem("dossier.file_missing", {"kind": kind})
        for kind, doc in docs.items()
        if not clean(doc.get("file_name"))
    ]


def vote_problems(
    docs: Mapping[str, Mapping[str, Any]], required: bool, threshold: Share | None
) -> list[Problem]:
    """R-DOS-5: the minutes carry the vote (yes / all members) and it reaches ``threshold``."""
    bb = docs.get("BB_HD")
    if not required or bb is None:
        return []
    yes, total = _count(bb.get("vote_yes")), _count(bb.get("vote_total"))
    if yes is None or total is None or total <= 0:
        return [Problem("dossier.vote_missing", {})]
    if yes > total:
        return [Problem("dossier.vote_above_total", {"yes": yes, "total": total})]
    if threshold is not None and not threshold.met(yes, total):
        return [Problem("dossier.vote_below", {"yes": yes, "total": total, "share": str(threshold)})]
    return []


def _count(raw: Any) -> int | None:
    if raw is None or raw == "" or str(raw) in ("<NA>", "nan"):
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Problem:
    """One dossier problem: an i18n code (``dossier.<name>``), its parameters, and the severity."""

    code: str
    params: Mapping[str, Any]
    severity: str = "error"


def copies_problems(docs: Mapping[str, Mapping[str, Any]], needed: int) -> list[Problem]:
    """R-DOS-2: a warning for each recorded document with fewer paper copies than the form needs."""
    if needed <= 0:
        return []
    out: list[Problem] = []
    for kind, doc in docs.items():
        raw = doc.get("copies")
        have = 0 if raw is None or raw == "" or str(raw) == "<NA>" else int(raw)
        if have < needed:
            out.append(
                Problem("dossier.copies_short", {"kind": kind, "copies": have, "needed": needed}, "warning")
            )
    return out


def date_problems(
    docs: Mapping[str, Mapping[str, Any]], submitted_on: dt.date, opens: dt.date, closes: dt.date
) -> list[Problem]:
    """R-DOS-3: minutes held on ≤ tờ trình issued on ≤ submitted on; both inside opens–closes.

    Checked only between the documents present (a missing one is R-DOS-1's business).
    """
    out: list[Problem] = []
    ttr = iso_day(docs["TTR"].get("issued_on")) if "TTR" in docs else None
    bb = docs.get("BB_HD")
    held = iso_day(bb.get("held_on")) or iso_day(bb.get("issued_on")) if bb is not None else None

    def fmt(d: dt.date) -> str:
        return f"{d:%d/%m/%Y}"

    window = {"opens": fmt(opens), "closes": fmt(closes)}
    if held is not None and not opens <= held <= closes:
        out.append(Problem("dossier.held_outside", {"held": fmt(held), **window}))
    if ttr is not None and not opens <= ttr <= closes:
        out.append(Problem("dossier.ttr_outside", {"issued": fmt(ttr), **window}))
    if held is not None and ttr is not None and held > ttr:
        out.append(Problem("dossier.held_after_ttr", {"held": fmt(held), "issued": fmt(ttr)}))
    if ttr is not None and ttr > submitted_on:
        out.append(Problem("dossier.ttr_after_submit", {"issued": fmt(ttr), "submitted": fmt(submitted_on)}))
    return out


def number_problem(kind: str, number: str, issued_on: str) -> tuple[str, dict[str, Any]] | None:
    """The rule a document number breaks (§8.3 shape, the kind's type code, the embedded year)."""
    if not clean(number):
        return None if kind in NUMBER_OPTIONAL else ("required", {})
    doc = try_parse_doc_number(number)
    if doc is None:
        return ("bad_doc_number", {})
    want = KIND_TYPE_CODE.get(kind)
    if want is not None and (doc.kind is not DocKind.TYPED or (doc.loai or "").casefold() != want.casefold()):
        return ("doc_type_mismatch", {"expected": want, "example": f"12/{want}-CĐCS"})
    when = iso_day(issued_on)
    if doc.kind is DocKind.LEGAL and doc.year and when is not None and when.year != doc.year:
        return ("doc_year_mismatch", {"year": doc.year, "date_year": when.year})
    return None


def by_row(docs: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    """Live documents grouped: submission id -> kind -> document (the latest update wins)."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for d in sorted(docs, key=lambda d: str(d.get("updated_at", ""))):
        out.setdefault(str(d["row_id"]), {})[str(d["kind"])] = dict(d)
    return out


class DocumentsByRow(Mapping[str, dict[str, dict[str, Any]]]):
    """What :func:`by_row` gives for a frame of live documents, each submission's entry built when
    first asked for: a page judges the few dozen rows it shows, not the thousands of documents
    of the tab (turning them all into dicts was a tenth of a cold review page at 10,000
    submissions). Shared between sessions once built: callers must not change what it returns."""

    def __init__(self, docs: pd.DataFrame) -> None:
        self._docs = docs
        # one hash pass: each submission's documents are a slice of the rows ordered by submission
        codes, ids = pd.factorize(docs["row_id"].astype(str))
        self._order = np.argsort(codes, kind="stable")
        self._ends = np.cumsum(np.bincount(codes, minlength=len(ids)))
        self._at: dict[str, int] = {str(i): n for n, i in enumerate(ids)}
        self._built: dict[str, dict[str, dict[str, Any]]] = {}

    def __getitem__(self, row_id: str) -> dict[str, dict[str, Any]]:
        built = self._built.get(row_id)
        if built is None:
            n = self._at[row_id]  # KeyError: no live document
            rows = self._docs.iloc[self._order[(self._ends[n - 1] if n else 0) : self._ends[n]]]
            docs = [{str(k): v for k, v in r.items()} for r in rows.to_dict("records")]
            built = self._built.setdefault(row_id, by_row(docs)[row_id])
        return built

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


#: Type codes of sample numbers ("12/TTr-CĐCS"): the checked ones (R-DOS number rule), decisions for the rest.
_TYPE = {**KIND_TYPE_CODE, "CN_SK": "QĐ", "QD_TRUOC": "QĐ", "XN_HTXS": "QĐ"}


def document_set(
    kinds: Sequence[str], row_id: str, serial: int, issued: dt.date, opens: dt.date
) -> list[dict[str, Any]]:
    """Documents of ``kinds`` for one submission sent on ``issued``: the minutes a few days before
    the tờ trình, both inside the campaign (R-DOS-3)."""
    held = max(opens, issued - dt.timedelta(days=3))
    out: list[dict[str, Any]] = []
    for kind in kinds:
        on = issued if kind == "TTR" else held
        loai = _TYPE.get(kind)
        out.append(
            {
                "tab": "nominations",
                "row_id": row_id,
                "kind": kind,
                "so_ky_hieu": f"{serial:02d}/{loai}-CĐCS" if loai else "",
                "issued_on": on.isoformat(),
                "held_on": held.isoformat() if kind == "BB_HD" else "",
                "copies": 1,
                "file_ref": f"{row_id}-{kind}.pdf",
                "note": "",
                "removed": False,
            }
        )
    return out

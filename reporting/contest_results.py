"""The data behind a contest's printed results: the prize list, the "Quyết định công nhận kết quả"
with its annex, and the certificates (rendered by ``exports.contest``).

Read from the confirmed results (``contest_results``) within the viewer's scope; the decision and the
certificates are the organiser's documents (council, leaders, admins), like the other decisions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from core.model import Actor
from reporting.reporting import DocumentInfo, Reporting
from schemas.registry import spec as tab_spec
from services.jury import Jury


@dataclass(frozen=True)
class PrizeLine:
    """One prize winner as the list and the annex print them."""

    entry_id: str
    category: str
    category_label: str
    rank: int
    full_name: str
    unit_id: str
    unit_name: str
    total: str
    prize_code: str
    prize_label: str
    amount: int


@dataclass(frozen=True)
class TierTotal:
    """A prize tier across the categories: how many winners, the money each, the money in all."""

    code: str
    label: str
    count: int
    each: int

    @property
    def money(self) -> int:
        return self.count * self.each


@dataclass(frozen=True)
class ContestResults:
    """Everything the contest's documents need."""

    info: DocumentInfo
    campaign_id: str
    campaign_name: str
    year: int
    lines: tuple[PrizeLine, ...]
    tiers: tuple[TierTotal, ...]
    categories: tuple[tuple[str, str], ...]  # (code, label) in the YAML's order
    entrants: int
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def prizes(self) -> int:
        return len(self.lines)

    @property
    def money(self) -> int:
        return sum(line.amount for line in self.lines)

    def by_category(self) -> list[tuple[str, list[PrizeLine]]]:
        """(category label, its winners) for the categories with winners, in the YAML's order."""
        return [
            (label, [ln for ln in self.lines if ln.category == code])
            for code, label in self.categories
            if any(ln.category == code for ln in self.lines)
        ]


def contest_results(
    reporting: Reporting,
    actor: Actor,
    campaign_id: str,
    number: int | str | None = None,
    *,
    signed_on: dt.date | None = None,
    documents: bool = False,
) -> ContestResults:
    """The confirmed prizes of a contest within ``actor``'s scope; ``documents``: for the decision and
    the certificates, which only the organiser's council, leaders and admins produce."""
    svc = reporting.services
    if documents:
        reporting._require_council(actor)
    jury = Jury(svc)
    camp, contest = jury.contest(campaign_id)
    results = jury.results(actor, campaign_id)
    tab = camp.forms[contest.form].tab
    labels = {c: tab_spec(tab).option_label(contest.category, c, "vi") or c for c in contest.categories}
    ref = svc.reference()
    order = {p.code: i for i, p in enumerate(contest.prizes)}
    won = [r for r in results.to_dict("records") if r["prize_code"]]
    won.sort(
        key=lambda r: (
            contest.categories.index(str(r["category"])),
            order.get(str(r["prize_code"]), 99),
            int(r["rank"]),
        )
    )
    lines = tuple(
        PrizeLine(
            entry_id=str(r["entry_id"]),
            category=str(r["category"]),
            category_label=labels.get(str(r["category"]), str(r["category"])),
            rank=int(r["rank"]),
            full_name=str(r["full_name"]),
            unit_id=str(r["unit_id"]),
            unit_name=ref.unit_name(str(r["unit_id"])),
            total=str(r["total"]),
            prize_code=str(r["prize_code"]),
            prize_label=str(r["prize_label"]),
            amount=int(r["amount_vnd"] or 0),
        )
        for r in won
    )
    tiers = tuple(
        TierTotal(p.code, p.label["vi"], sum(1 for ln in lines if ln.prize_code == p.code), p.amount)
        for p in contest.prizes
    )
    return ContestResults(
        info=reporting.document_info(campaign_id, "QĐ", number, signed_on=signed_on),
        campaign_id=camp.id,
        campaign_name=camp.name["vi"],
        year=camp.year,
        lines=lines,
        tiers=tiers,
        categories=tuple((c, labels[c]) for c in contest.categories),
        entrants=len(results),
        extra=reporting.document_extra(camp.id),
    )

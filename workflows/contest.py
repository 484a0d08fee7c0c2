"""A juried contest in campaign YAML (``contest:``): categories, jury, weighted criteria, ranking,
prize tiers and the moves the confirmed results fire.

The Hội thi thợ giỏi is the model: entrants register through a form with a tab of its own, a
choice field of that form is the category (the trade), judges score each entrant of their
categories on weighted criteria (theory, practice), the entrants of a category are ranked, the
prize tiers (Nhất, Nhì, Ba, Khuyến khích: a count and an amount each, per category) go down the
ranking, and the secretary's confirmation of a category's results fires the moves declared under
``moves`` (a prize: into an ``awarded`` state; no prize: elsewhere).

Pure parsing into frozen dataclasses; every error names the file, the key and the valid choices.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from core.model import Actor
from core.vnformat import try_parse_vnd
from workflows.form_fields import Ctx
from workflows.guards import GuardContext, Refusal, guard

if TYPE_CHECKING:
    from workflows.spec import FormSpec, WorkflowSpec

#: Keys of ``contest:`` and of its items (documented in workflows/campaigns/README.md).
CONTEST_KEYS: frozenset[str] = frozenset(
    {
        "form",
        "category",
        "jury",
        "criteria",
        "normalise",
        "tie_break",
        "min_total",
        "prizes",
        "declared",
        "moves",
        "recusal",
    }
)
CRITERION_KEYS: frozenset[str] = frozenset({"code", "label", "max", "weight"})
PRIZE_KEYS: frozenset[str] = frozenset({"code", "label", "count", "amount", "per_category"})
DECLARED_KEYS: frozenset[str] = frozenset({"prizes", "money", "entrants"})
MOVES_KEYS: frozenset[str] = frozenset({"prize", "no_prize"})
TIE_BREAK_KEYS: frozenset[str] = frozenset({"criterion", "field", "order"})
#: How a judge is kept from scoring an entrant: ``same_unit`` (a judge of the entrant's own union
#: does not score them) or ``none``.
RECUSALS: tuple[str, ...] = ("same_unit", "none")
ORDERS: tuple[str, ...] = ("desc", "asc")
#: Field types a tie-break may read (numbers and dates order; text does not).
ORDERED_TYPES: frozenset[str] = frozenset({"integer", "year", "money", "date"})


@dataclass(frozen=True)
class Criterion:
    """One scored part of the contest: its points scale and its weight in the total (percent)."""

    code: str
    label: Mapping[str, str]
    max: int
    weight: Decimal


@dataclass(frozen=True)
class PrizeTier:
    """A prize: how many per category (``per_category`` overrides), and the money each winner gets."""

    code: str
    label: Mapping[str, str]
    count: int
    amount: int
    per_category: Mapping[str, int] = field(default_factory=dict)

    def count_for(self, category: str) -> int:
        return int(self.per_category.get(category, self.count))


@dataclass(frozen=True)
class TieBreak:
    """A key that orders entrants with the same total: a criterion's score (higher first) or a field."""

    criterion: str = ""
    field: str = ""
    order: str = "desc"


@dataclass(frozen=True)
class ContestSpec:
    """The contest of a campaign (see the module docstring)."""

    form: str
    category: str
    categories: tuple[str, ...]
    jury: Mapping[str, tuple[str, ...]]
    criteria: tuple[Criterion, ...]
    prizes: tuple[PrizeTier, ...]
    prize_move: str
    no_prize_move: str
    judging_state: str
    normalise: bool = False
    tie_break: tuple[TieBreak, ...] = ()
    min_total: Decimal | None = None
    recusal: str = "same_unit"
    declared_prizes: int | None = None
    declared_money: int | None = None
    declared_entrants: int | None = None

    def judges_of(self, category: str) -> tuple[str, ...]:
        return self.jury.get(category, ())

    def categories_of(self, email: str) -> tuple[str, ...]:
        """The categories a judge (by e-mail, any case) scores."""
        key = email.strip().casefold()
        return tuple(c for c in self.categories if any(j.casefold() == key for j in self.jury.get(c, ())))

    def prize_count(self) -> int:
        return sum(p.count_for(c) for c in self.categories for p in self.prizes)

    def prize_money(self) -> int:
        return sum(p.count_for(c) * p.amount for c in self.categories for p in self.prizes)

    def tier(self, code: str) -> PrizeTier | None:
        return next((p for p in self.prizes if p.code == code), None)


def _list(c: Ctx, value: Any, key: str) -> Sequence[Any]:
    if not isinstance(value, Sequence) or isinstance(value, str) or not value:
        raise c.fail(key, "expected_list", found=type(value).__name__)
    return value


def _decimal(c: Ctx, value: Any, key: str) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise c.fail(key, "expected_number", found=value) from None
    if not number.is_finite():
        raise c.fail(key, "expected_number", found=value)
    return number


def _money(c: Ctx, value: Any, key: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        amount: int | None = value
    else:
        amount = try_parse_vnd(value)
    if amount is None or amount < 0:
        raise c.fail(key, "expected_money", found=value)
    return amount


def _category(c: Ctx, key: str, code: str, categories: Sequence[str]) -> str:
    if code not in categories:
        raise c.fail(key, "unknown_value", found=code, allowed=", ".join(categories))
    return code


def _jury(c: Ctx, raw: Any, categories: Sequence[str]) -> dict[str, tuple[str, ...]]:
    data = c.mapping(raw, "contest.jury")
    jury: dict[str, tuple[str, ...]] = {}
    for code, judges in data.items():
        key = f"contest.jury.{code}"
        _category(c, key, str(code), categories)
        emails = tuple(str(e).strip() for e in _list(c, judges, key))
        for e in emails:
            if "@" not in e or " " in e:
                raise c.fail(key, "judge_email", found=e)
        if len({e.casefold() for e in emails}) != len(emails):
            raise c.fail(key, "judge_twice", category=code)
        jury[str(code)] = emails
    missing = [code for code in categories if not jury.get(code)]
    if missing:
        raise c.fail("contest.jury", "category_without_judge", categories=", ".join(missing))
    return jury


def _criteria(c: Ctx, raw: Any) -> tuple[Criterion, ...]:
    out: list[Criterion] = []
    for i, item in enumerate(_list(c, raw, "contest.criteria")):
        key = f"contest.criteria[{i}]"
        data = c.mapping(item, key)
        c.known(data, set(CRITERION_KEYS), key)
        code = str(c.require(data, "code", key))
        if code in {x.code for x in out}:
            raise c.fail(f"{key}.code", "criterion_twice", found=code)
        top = c.int_(c.require(data, "max", key), f"{key}.max")
        if top < 1:
            raise c.fail(f"{key}.max", "expected_positive", found=top)
        weight = _decimal(c, c.require(data, "weight", key), f"{key}.weight")
        if weight <= 0:
            raise c.fail(f"{key}.weight", "expected_positive", found=weight)
        out.append(Criterion(code, c.label(c.require(data, "label", key), f"{key}.label"), top, weight))
    total = sum((x.weight for x in out), Decimal(0))
    if total != 100:
        raise c.fail(
            "contest.criteria",
            "weights_not_100",
            total=f"{total:f}",
            weights=", ".join(f"{x.code} {x.weight:f}" for x in out),
        )
    return tuple(out)


def _prizes(c: Ctx, raw: Any, categories: Sequence[str]) -> tuple[PrizeTier, ...]:
    out: list[PrizeTier] = []
    for i, item in enumerate(_list(c, raw, "contest.prizes")):
        key = f"contest.prizes[{i}]"
        data = c.mapping(item, key)
        c.known(data, set(PRIZE_KEYS), key)
        code = str(c.require(data, "code", key))
        if code in {x.code for x in out}:
            raise c.fail(f"{key}.code", "prize_twice", found=code)
        count = c.int_(c.require(data, "count", key), f"{key}.count")
        if count < 0:
            raise c.fail(f"{key}.count", "expected_positive", found=count)
        per: dict[str, int] = {}
        for cat, n in c.mapping(data.get("per_category") or {}, f"{key}.per_category").items():
            ckey = f"{key}.per_category.{cat}"
            per[_category(c, ckey, str(cat), categories)] = c.int_(n, ckey)
            if per[str(cat)] < 0:
                raise c.fail(ckey, "expected_positive", found=per[str(cat)])
        out.append(
            PrizeTier(
                code=code,
                label=c.label(c.require(data, "label", key), f"{key}.label"),
                count=count,
                amount=_money(c, c.require(data, "amount", key), f"{key}.amount"),
                per_category=per,
            )
        )
    return tuple(out)


def _tie_break(c: Ctx, raw: Any, criteria: Sequence[Criterion], form: FormSpec) -> tuple[TieBreak, ...]:
    if raw is None:
        return ()
    ordered = [d.name for d in form.own_fields if d.type in ORDERED_TYPES]
    codes = [x.code for x in criteria]
    out: list[TieBreak] = []
    for i, item in enumerate(_list(c, raw, "contest.tie_break")):
        key = f"contest.tie_break[{i}]"
        data: Mapping[str, Any] = {"criterion": item} if isinstance(item, str) else c.mapping(item, key)
        c.known(data, set(TIE_BREAK_KEYS), key)
        order = str(data.get("order", "desc"))
        if order not in ORDERS:
            raise c.fail(f"{key}.order", "unknown_value", found=order, allowed=", ".join(ORDERS))
        if data.get("criterion"):
            code = str(data["criterion"])
            if code not in codes:
                raise c.fail(f"{key}.criterion", "unknown_value", found=code, allowed=", ".join(codes))
            out.append(TieBreak(criterion=code, order=order))
        elif data.get("field"):
            name = str(data["field"])
            if name not in ordered:
                raise c.fail(f"{key}.field", "unknown_value", found=name, allowed=", ".join(ordered) or "—")
            out.append(TieBreak(field=name, order=order))
        else:
            raise c.fail(key, "tie_break_empty", criteria=", ".join(codes), fields=", ".join(ordered) or "—")
    return tuple(out)


def _moves(c: Ctx, raw: Any, wf: WorkflowSpec) -> tuple[str, str, str]:
    """(prize trigger, no-prize trigger, the state both leave: where the jury scores)."""
    data = c.mapping(raw, "contest.moves")
    c.known(data, set(MOVES_KEYS), "contest.moves")
    triggers = wf.triggers()
    found: dict[str, tuple[str, ...]] = {}
    for name in ("prize", "no_prize"):
        key = f"contest.moves.{name}"
        trigger = str(c.require(data, name, "contest.moves"))
        moves = [t for t in wf.transitions if t.trigger == trigger]
        if not moves:
            raise c.fail(key, "unknown_value", found=trigger, allowed=", ".join(triggers))
        found[name] = tuple(s for t in moves for s in t.source)
    shared = [s for s in found["prize"] if s in found["no_prize"]]
    if len(shared) != 1:
        raise c.fail("contest.moves", "moves_one_state", states=", ".join(shared) or "—")
    state = shared[0]
    prize = wf.transition(str(data["prize"]), state)
    assert prize is not None
    if wf.states[prize.dest].outcome != "awarded":
        awarded = [n for n, st in wf.states.items() if st.outcome == "awarded"]
        raise c.fail(
            "contest.moves.prize", "prize_not_awarded", dest=prize.dest, allowed=", ".join(awarded) or "—"
        )
    if prize.decided_by != "jury":  # the prize is the jury's decision, fired by the confirmed results
        raise c.fail(
            "contest.moves.prize", "prize_not_jury", trigger=prize.trigger, found=prize.decided_by or "—"
        )
    return str(data["prize"]), str(data["no_prize"]), state


def parse_contest(
    c: Ctx, raw: Any, forms: Mapping[str, FormSpec], workflows: Mapping[str, WorkflowSpec]
) -> ContestSpec:
    """The ``contest:`` block of a campaign (see the module docstring)."""
    data = c.mapping(raw, "contest")
    c.known(data, set(CONTEST_KEYS), "contest")
    form_name = str(c.require(data, "form", "contest"))
    if form_name not in forms:
        raise c.fail("contest.form", "unknown_form", found=form_name, allowed=", ".join(forms))
    form = forms[form_name]
    choices = {d.name: d for d in form.own_fields if d.type == "choice"}
    if not choices:
        raise c.fail("contest.form", "contest_needs_choice", form=form_name)
    category = str(c.require(data, "category", "contest"))
    if category not in choices:
        raise c.fail("contest.category", "unknown_value", found=category, allowed=", ".join(choices))
    categories = choices[category].codes()
    criteria = _criteria(c, c.require(data, "criteria", "contest"))
    prizes = _prizes(c, c.require(data, "prizes", "contest"), categories)
    wf = workflows[form.workflow]
    prize_move, no_prize_move, judging = _moves(c, c.require(data, "moves", "contest"), wf)
    recusal = str(data.get("recusal", "same_unit"))
    if recusal not in RECUSALS:
        raise c.fail("contest.recusal", "unknown_value", found=recusal, allowed=", ".join(RECUSALS))
    min_total = data.get("min_total")
    spec = ContestSpec(
        form=form_name,
        category=category,
        categories=categories,
        jury=_jury(c, c.require(data, "jury", "contest"), categories),
        criteria=criteria,
        prizes=prizes,
        prize_move=prize_move,
        no_prize_move=no_prize_move,
        judging_state=judging,
        normalise=bool(data.get("normalise", False)),
        tie_break=_tie_break(c, data.get("tie_break"), criteria, form),
        min_total=None if min_total is None else _decimal(c, min_total, "contest.min_total"),
        recusal=recusal,
    )
    declared = c.mapping(data.get("declared") or {}, "contest.declared")
    c.known(declared, set(DECLARED_KEYS), "contest.declared")
    n_prizes = c.int_(declared["prizes"], "contest.declared.prizes") if "prizes" in declared else None
    money = _money(c, declared["money"], "contest.declared.money") if "money" in declared else None
    if n_prizes is not None and n_prizes != spec.prize_count():
        raise c.fail(
            "contest.declared.prizes", "declared_prizes", declared=n_prizes, counted=spec.prize_count()
        )
    if money is not None and money != spec.prize_money():
        raise c.fail("contest.declared.money", "declared_money", declared=money, counted=spec.prize_money())
    entrants = c.int_(declared["entrants"], "contest.declared.entrants") if "entrants" in declared else None
    return dataclasses.replace(
        spec, declared_prizes=n_prizes, declared_money=money, declared_entrants=entrants
    )


def check_jury_moves(
    c: Ctx, forms: Mapping[str, FormSpec], workflows: Mapping[str, WorkflowSpec], contest: ContestSpec | None
) -> None:
    """Refuse a ``decided_by: jury`` move that is not the contest's prize move (the jury's scores
    decide nothing else, and a campaign without ``contest:`` has no jury)."""
    prize_wf = forms[contest.form].workflow if contest is not None else ""
    for wname, wf in workflows.items():
        for i, t in enumerate(wf.transitions):
            if t.decided_by != "jury" or (wname == prize_wf and contest and t.trigger == contest.prize_move):
                continue
            move = f"{t.trigger} ({', '.join(t.source)} → {t.dest})"
            prize = f" ('{contest.prize_move}')" if contest is not None else ""
            raise c.fail(
                f"workflows.{wname}.transitions[{i}:{t.trigger}].decided_by",
                "jury_decision_not_prize",
                move=move,
                prize=prize,
            )


# --------------------------------------------------------------------------- the contest's guards


@guard("results_confirmed")
def results_confirmed(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """The secretary has confirmed the results of the entrant's category (a results row names it)."""
    if str(record.get("id", "")) in ctx.contest_results:
        return None
    return Refusal("guard.results_not_confirmed", {})


@guard("prize_won")
def prize_won(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """The entrant's confirmed result carries a prize tier."""
    if ctx.contest_results.get(str(record.get("id", ""))):
        return None
    return Refusal("guard.no_prize", {})

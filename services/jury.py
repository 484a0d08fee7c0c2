"""Juried contests (``contest:`` in a campaign YAML): score sheets, ranking per category, prize tiers,
and the results the secretary confirms.

Who does what (checked here on every call, whatever the page shows):

* **Judges** (role ``JUDGE``, listed under the category in the YAML's ``jury``) read the entrants of
  their categories who are being judged and save their points cell by cell (one ``contest_scores``
  row per entrant, judge and criterion, each with its own ``version``: a cell someone else saved
  meanwhile is refused as stale, never overwritten). With ``recusal: same_unit`` a judge does not
  score an entrant of the judge's own union. Points are whole numbers from 0 to the criterion's
  ``max`` (:func:`services.scoring.check_points`, shared with cluster scoring). A category's
  scores are locked once its results are confirmed.
* **The standings** (secretary, council, leaders, admins): per entrant the mean of each criterion
  over the judges who may score them, the weighted total on a 100 scale
  (Σ weight × mean ÷ max), optionally normalised between judges (each judge's totals as z-scores,
  :func:`services.scoring.normalised_scores`), ranked with the YAML's ``tie_break`` keys, then the
  prize tiers down the ranking (``count`` per category, ``min_total`` floor).
* **Confirming** a category (whoever may fire the contest's prize move: the secretary of the
  organiser) writes its results and moves every judged entrant by the prize or no-prize move, with
  a history row each, in one store call; refused while a score is missing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from core.errors import ActionNotAllowed, RowNotFound, StaleRow
from core.model import READ_ALL_ROLES, Actor
from core.ports import AlreadyStored, Change
from core.text import clean
from i18n import label
from schemas.registry import spec as tab_spec
from services import scoring
from services.services import Services, new_id, records
from workflows import engine
from workflows.contest import ContestSpec, TieBreak
from workflows.spec import CampaignSpec

SCORES = "contest_scores"
RESULTS = "contest_results"
#: Examples named in a refusal to confirm (the count says how many there are in all).
SHOWN = 4


@dataclass(frozen=True)
class Entrant:
    """An entrant of a contest as the jury sees them."""

    entry_id: str
    full_name: str
    unit_id: str
    unit_name: str
    category: str
    state: str
    row: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Cell:
    """One judge's points for one entrant on one criterion (``version`` None: nothing saved yet)."""

    entry_id: str
    criterion: str
    points: int | None = None
    version: int | None = None
    score_id: str = ""


@dataclass(frozen=True)
class ScoreSheet:
    """What a judge scores: entrants of their categories, their saved cells, whom they may not score."""

    campaign_id: str
    judge: str
    categories: tuple[str, ...]
    entrants: tuple[Entrant, ...]
    cells: Mapping[tuple[str, str], Cell]
    recused: frozenset[str]
    confirmed: frozenset[str]

    def cell(self, entry_id: str, criterion: str) -> Cell:
        return self.cells.get((entry_id, criterion), Cell(entry_id, criterion))


@dataclass(frozen=True)
class Standing:
    """One entrant's line in a category's standings (provisional until the results are confirmed)."""

    rank: int
    tied: bool
    entrant: Entrant
    means: Mapping[str, float | None]
    total: float
    normalised: float | None
    complete: bool
    missing: tuple[tuple[str, str], ...]  # (judge, criterion) still to score
    judges: int
    prize_code: str = ""
    prize_label: Mapping[str, str] = field(default_factory=dict)
    amount: int = 0


def fmt_points(value: float | None) -> str:
    """A total as the results sheet keeps it: two decimals with a decimal point ("87.35")."""
    if value is None:
        return ""
    return str(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


class Jury:
    """Contest use cases over :class:`Services`."""

    def __init__(self, services: Services) -> None:
        self.svc = services

    # ------------------------------------------------------------------ reference

    def contests(self) -> list[CampaignSpec]:
        """Campaigns with a contest, as pickers list them (open first, newest first)."""
        return [c for c in self.svc.campaigns_in_order() if c.contest is not None]

    def contest(self, campaign_id: str) -> tuple[CampaignSpec, ContestSpec]:
        camp = self.svc.campaign(campaign_id)
        if camp.contest is None:
            raise ActionNotAllowed("jury.not_a_contest", campaign=campaign_id)
        return camp, camp.contest

    def judged_by(self, actor: Actor) -> list[CampaignSpec]:
        """Contests in which the actor is a judge of some category."""
        actor = self.svc.resolve(actor)
        if actor.role != "JUDGE":
            return []
        return [c for c in self.contests() if c.contest is not None and c.contest.categories_of(actor.email)]

    def category_label(self, campaign_id: str, category: str, lang: str = "vi") -> str:
        camp, contest = self.contest(campaign_id)
        tab = camp.forms[contest.form].tab
        return tab_spec(tab).option_label(contest.category, category, lang) or category

    def _judge_units(self) -> dict[str, str]:
        """Judge e-mail (folded) -> the unit of their JUDGE account (for recusal)."""
        users = self.svc.reference().users
        judges = users[(users["role"] == "JUDGE") & users["active"]]
        return {str(e).casefold(): str(u) for e, u in zip(judges["email"], judges["unit_id"], strict=True)}

    def _entrants(self, camp: CampaignSpec, contest: ContestSpec, categories: Sequence[str]) -> list[Entrant]:
        """Entrants of ``categories`` being judged or already decided by the contest's moves."""
        tab = camp.forms[contest.form].tab
        frame = self.svc._read([tab])[tab]
        wf = camp.workflow_for(contest.form)
        decided = {t.dest for t in wf.transitions if t.trigger in (contest.prize_move, contest.no_prize_move)}
        states = {contest.judging_state, *decided}
        rows = frame[
            (frame["campaign_id"] == camp.id)
            & (frame["form"] == contest.form)
            & frame[contest.category].isin(list(categories))
            & frame["state"].isin(sorted(states))
        ]
        ref = self.svc.reference()
        return [
            Entrant(
                entry_id=str(r["id"]),
                full_name=str(r.get("full_name") or r["id"]),
                unit_id=str(r["unit_id"]),
                unit_name=ref.unit_name(str(r["unit_id"])),
                category=str(r[contest.category]),
                state=str(r["state"]),
                row=r,
            )
            for r in records(rows)
        ]

    def _scores(self, campaign_id: str) -> pd.DataFrame:
        scores = self.svc._read([SCORES])[SCORES]
        return scores[scores["campaign_id"] == campaign_id]

    def confirmed(self, campaign_id: str) -> pd.DataFrame:
        """The confirmed results of a contest (every category), as stored."""
        res = self.svc._read([RESULTS])[RESULTS]
        return res[res["campaign_id"] == campaign_id].reset_index(drop=True)

    def _confirmed_categories(self, campaign_id: str) -> frozenset[str]:
        return frozenset(str(c) for c in self.confirmed(campaign_id)["category"])

    def _recused(self, contest: ContestSpec, judge_unit: str, entrant: Entrant) -> bool:
        return contest.recusal == "same_unit" and bool(judge_unit) and judge_unit == entrant.unit_id

    # ------------------------------------------------------------------ judges

    def _require_judge(self, actor: Actor, contest: ContestSpec, category: str | None = None) -> Actor:
        actor = self.svc.resolve(actor)
        mine = contest.categories_of(actor.email) if actor.role == "JUDGE" else ()
        if not mine or (category is not None and category not in mine):
            raise ActionNotAllowed("jury.not_judge", category=category or "")
        return actor

    def sheet(self, actor: Actor, campaign_id: str, category: str | None = None) -> ScoreSheet:
        """The judge's score sheet: the entrants being judged in their categories (or one of them)."""
        camp, contest = self.contest(campaign_id)
        actor = self._require_judge(actor, contest, category)
        categories = (category,) if category else contest.categories_of(actor.email)
        entrants = [e for e in self._entrants(camp, contest, categories) if e.state == contest.judging_state]
        scores = self._scores(camp.id)
        mine = scores[scores["judge_email"].str.casefold() == actor.email.casefold()]
        cells = {
            (str(r["entry_id"]), str(r["criterion"])): Cell(
                str(r["entry_id"]),
                str(r["criterion"]),
                None if pd.isna(r["points"]) else int(r["points"]),
                int(r["version"]),
                str(r["id"]),
            )
            for r in records(mine)
        }
        recused = frozenset(e.entry_id for e in entrants if self._recused(contest, actor.unit_id, e))
        entrants.sort(key=lambda e: (contest.categories.index(e.category), e.full_name, e.entry_id))
        return ScoreSheet(
            camp.id,
            actor.email,
            tuple(categories),
            tuple(entrants),
            cells,
            recused,
            self._confirmed_categories(camp.id),
        )

    def save(
        self,
        actor: Actor,
        campaign_id: str,
        entry_id: str,
        criterion: str,
        points: Any,
        expected_version: int | None,
    ) -> dict[str, Any]:
        """Save one cell of the judge's sheet. ``expected_version`` is the version the judge saw
        (None: the cell was empty); a cell changed meanwhile is refused as stale."""
        camp, contest = self.contest(campaign_id)
        actor = self.svc.resolve(actor)
        maxima = {c.code: c.max for c in contest.criteria}
        entrant = next(
            (e for e in self._entrants(camp, contest, contest.categories) if e.entry_id == entry_id), None
        )
        if entrant is None:
            raise RowNotFound([entry_id], camp.forms[contest.form].tab)
        self._require_judge(actor, contest, entrant.category)
        if entrant.category in self._confirmed_categories(camp.id):
            raise ActionNotAllowed(
                "jury.category_confirmed", category=self.category_label(camp.id, entrant.category)
            )
        if entrant.state != contest.judging_state:
            raise ActionNotAllowed("jury.not_judging", name=entrant.full_name)
        if self._recused(contest, actor.unit_id, entrant):
            raise ActionNotAllowed("jury.recused", name=entrant.full_name, unit=entrant.unit_name)
        if criterion not in maxima:
            raise ActionNotAllowed("cluster.unknown_criterion", criterion=criterion)
        checked = scoring.check_points({criterion: points}, maxima)
        value = checked.get(criterion)
        scores = self._scores(camp.id)
        stored = scores[
            (scores["entry_id"] == entry_id)
            & (scores["criterion"] == criterion)
            & (scores["judge_email"].str.casefold() == actor.email.casefold())
        ]
        now = self.svc.now_iso()
        old = None if stored.empty else records(stored)[0]
        old_points = "" if old is None or pd.isna(old["points"]) else str(int(old["points"]))
        history = {
            "tab": SCORES,
            "campaign_id": camp.id,
            "action": "score",
            "from_state": old_points,
            "to_state": "" if value is None else str(value),
            "actor_email": actor.email,
            "actor_role": actor.role,
            "actor_unit": actor.unit_id,
            "reason": f"{entrant.full_name} – {criterion}",
            "at": now,
        }
        if old is None:
            if expected_version is not None:
                raise StaleRow([entry_id], SCORES)
            if value is None:
                return {}
            row = {
                "id": new_id(),
                "campaign_id": camp.id,
                "entry_tab": camp.forms[contest.form].tab,
                "entry_id": entry_id,
                "unit_id": entrant.unit_id,
                "category": entrant.category,
                "judge_email": actor.email,
                "criterion": criterion,
                "points": value,
            }
            once = {
                "campaign_id": camp.id,
                "entry_id": entry_id,
                "judge_email": actor.email,
                "criterion": criterion,
            }
            try:
                self.svc.store.update(
                    SCORES,
                    [],
                    actor=actor.email,
                    also_append={SCORES: [row], "history": [{**history, "row_id": row["id"]}]},
                    once=once,
                )
            except AlreadyStored as exc:  # another session saved this cell first
                if exc.row.get("points") == value:
                    return dict(exc.row)
                raise StaleRow([str(exc.row.get("id"))], SCORES) from None
            finally:
                self.svc.invalidate([SCORES, "history"])
            return row
        if expected_version is None or int(old["version"]) != int(expected_version):
            raise StaleRow([str(old["id"])], SCORES)
        try:
            done = self.svc.store.update(
                SCORES,
                [Change(str(old["id"]), int(expected_version), {"points": value})],
                actor=actor.email,
                also_append={"history": [{**history, "row_id": str(old["id"])}]},
            )
        finally:
            self.svc.invalidate([SCORES, "history"])
        return done[0]

    # ------------------------------------------------------------------ standings and results

    def _may_see_standings(self, actor: Actor, camp: CampaignSpec, contest: ContestSpec) -> Actor:
        actor = self.svc.resolve(actor)
        wf = camp.workflow_for(contest.form)
        deciding = {r for t in wf.transitions if t.trigger == contest.prize_move for r in t.roles}
        if actor.role in READ_ALL_ROLES or actor.role in deciding:
            return actor
        raise ActionNotAllowed("jury.standings_not_allowed", role=actor.role)

    def standings(self, actor: Actor, campaign_id: str, category: str) -> list[Standing]:
        """The category's standings, with the prize each line would get (see the module docstring)."""
        camp, contest = self.contest(campaign_id)
        self._may_see_standings(actor, camp, contest)
        if category not in contest.categories:
            raise ActionNotAllowed(
                "jury.unknown_category", category=category, allowed=", ".join(contest.categories)
            )
        return compute_standings(
            contest,
            self._entrants(camp, contest, [category]),
            self._scores(camp.id),
            self._judge_units(),
        )

    def confirm(self, actor: Actor, campaign_id: str, categories: Sequence[str]) -> list[dict[str, Any]]:
        """Confirm the results of ``categories``: results rows, and each judged entrant moved by the
        prize or no-prize move with a history row, all in one store call. Returns the results rows."""
        camp, contest = self.contest(campaign_id)
        actor = self._may_see_standings(actor, camp, contest)
        if not categories:
            raise ActionNotAllowed("jury.nothing_to_confirm")
        done = self._confirmed_categories(camp.id)
        form = camp.forms[contest.form]
        wf = camp.workflow_for(form.name)
        now = self.svc.now_iso()
        results: list[dict[str, Any]] = []
        pending: dict[str, str] = {}
        lines: list[Standing] = []
        for category in categories:
            name = self.category_label(camp.id, category, actor.lang)
            if category in done:
                raise ActionNotAllowed("jury.category_confirmed", category=name)
            standing = self.standings(actor, campaign_id, category)
            judged = [s for s in standing if s.entrant.state == contest.judging_state]
            if not judged:
                raise ActionNotAllowed("jury.no_entrant", category=name)
            incomplete = [s for s in judged if not s.complete]
            if incomplete:
                shown = "; ".join(
                    f"{s.entrant.full_name} ({', '.join(f'{j} {c}' for j, c in s.missing[:2]) or '—'})"
                    for s in incomplete[:SHOWN]
                )
                raise ActionNotAllowed(
                    "jury.scores_missing", category=name, count=len(incomplete), shown=shown
                )
            for s in judged:
                pending[s.entrant.entry_id] = s.prize_code
                lines.append(s)
        ctx = dataclasses.replace(self.svc._guard_ctx(camp, form), contest_results=pending)
        changes: list[Change] = []
        history: list[dict[str, Any]] = []
        for s in lines:
            e = s.entrant
            trigger = contest.prize_move if s.prize_code else contest.no_prize_move
            t = engine.fire(wf, e.row, trigger, actor, ctx)
            changes.append(Change(e.entry_id, int(e.row["version"]), {"state": t.dest, "state_since": now}))
            prize = label(s.prize_label, "vi") if s.prize_code else ""
            history.append(
                self.svc._history_row(
                    form.tab,
                    e.entry_id,
                    camp.id,
                    t.trigger,
                    str(e.row["state"]),
                    t.dest,
                    actor,
                    f"{prize + ' – ' if prize else ''}{fmt_points(s.total)} điểm, hạng {s.rank}",
                )
            )
            results.append(
                {
                    "id": new_id(),
                    "campaign_id": camp.id,
                    "entry_tab": form.tab,
                    "entry_id": e.entry_id,
                    "unit_id": e.unit_id,
                    "year": camp.year,
                    "category": e.category,
                    "full_name": e.full_name,
                    "rank": s.rank,
                    "total": fmt_points(
                        s.normalised if contest.normalise and s.normalised is not None else s.total
                    ),
                    "tied": s.tied,
                    "prize_code": s.prize_code,
                    "prize_label": label(s.prize_label, "vi") if s.prize_code else "",
                    "amount_vnd": s.amount,
                    "confirmed_by": actor.email,
                    "confirmed_at": now,
                }
            )
        self.svc._write(form.tab, changes, actor, {RESULTS: results, "history": history})
        return results

    def results(self, actor: Actor, campaign_id: str) -> pd.DataFrame:
        """The confirmed results of a contest within the actor's scope (rank order per category)."""
        _camp, contest = self.contest(campaign_id)
        rows = self.svc.rows(actor, RESULTS, campaign_id)
        order = {c: i for i, c in enumerate(contest.categories)}
        if rows.empty:
            return rows
        return (
            rows.assign(_cat=rows["category"].map(order))
            .sort_values(["_cat", "rank"])
            .drop(columns="_cat")
            .reset_index(drop=True)
        )


# ---------------------------------------------------------------------------------------- pure


def _number(value: Any) -> float | None:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    if isinstance(value, str):
        try:
            return float(dt.date.fromisoformat(value).toordinal())
        except ValueError:
            try:
                return float(clean(value))
            except ValueError:
                return None
    return float(value)


def compute_standings(
    contest: ContestSpec,
    entrants: Sequence[Entrant],
    scores: pd.DataFrame,
    judge_units: Mapping[str, str],
) -> list[Standing]:
    """Standings of one category's entrants (pure: see the module docstring of :mod:`services.jury`)."""
    by_cell: dict[tuple[str, str, str], int] = {}
    if not scores.empty:
        kept = scores[scores["entry_id"].isin([e.entry_id for e in entrants]) & scores["points"].notna()]
        for entry, judge_email, criterion, points in zip(
            kept["entry_id"], kept["judge_email"], kept["criterion"], kept["points"], strict=True
        ):
            by_cell[(str(entry), str(judge_email).casefold(), str(criterion))] = int(points)
    lines: list[dict[str, Any]] = []
    per_judge: list[tuple[str, str, float]] = []
    for e in entrants:
        judges = [
            j
            for j in contest.judges_of(e.category)
            if not (contest.recusal == "same_unit" and judge_units.get(j.casefold(), "") == e.unit_id)
        ]
        means: dict[str, float | None] = {}
        missing: list[tuple[str, str]] = []
        for c in contest.criteria:
            got = [
                by_cell[(e.entry_id, j.casefold(), c.code)]
                for j in judges
                if (e.entry_id, j.casefold(), c.code) in by_cell
            ]
            missing += [(j, c.code) for j in judges if (e.entry_id, j.casefold(), c.code) not in by_cell]
            means[c.code] = sum(got) / len(got) if got else None
        total = sum(float(c.weight) * (means[c.code] or 0.0) / c.max for c in contest.criteria)
        for j in judges:
            if all((e.entry_id, j.casefold(), c.code) in by_cell for c in contest.criteria):
                mine = sum(
                    float(c.weight) * by_cell[(e.entry_id, j.casefold(), c.code)] / c.max
                    for c in contest.criteria
                )
                per_judge.append((j.casefold(), e.entry_id, mine))
        lines.append(
            {
                "entrant": e,
                "means": means,
                "total": round(total, 4),
                "complete": bool(judges) and not missing,
                "missing": tuple(missing),
                "judges": len(judges),
            }
        )
    norm = scoring.normalised_scores(per_judge) if contest.normalise else {}
    for line in lines:
        line["normalised"] = norm.get(line["entrant"].entry_id, 0.0) if contest.normalise else None
    keys = [scoring.Key(lambda x: x["normalised"] if contest.normalise else x["total"])]
    keys += [_tie_key(tb) for tb in contest.tie_break]
    ranked = scoring.rank_lines(
        lines, keys, lambda x: x["entrant"].full_name, lambda x: x["entrant"].entry_id
    )
    seats = [(tier, tier.count_for(entrants[0].category if entrants else "")) for tier in contest.prizes]
    out: list[Standing] = []
    for rank, tied, line in ranked:
        prize = None
        eligible = line["complete"] and (
            contest.min_total is None or line["total"] >= float(contest.min_total)
        )
        if eligible:
            for i, (tier, left) in enumerate(seats):
                if left > 0:
                    prize = tier
                    seats[i] = (tier, left - 1)
                    break
        out.append(
            Standing(
                rank=rank,
                tied=tied,
                entrant=line["entrant"],
                means=line["means"],
                total=line["total"],
                normalised=line["normalised"],
                complete=line["complete"],
                missing=line["missing"],
                judges=line["judges"],
                prize_code=prize.code if prize else "",
                prize_label=dict(prize.label) if prize else {},
                amount=prize.amount if prize else 0,
            )
        )
    return out


def _tie_key(tb: TieBreak) -> scoring.Key:
    """A ranking key for one ``tie_break`` item: a criterion's mean, or a field's value."""
    lower = tb.order == "asc"
    if tb.criterion:
        code = tb.criterion

        def criterion_mean(line: Any) -> float | None:
            value = line["means"].get(code)
            return None if value is None else float(value)

        return scoring.Key(criterion_mean, lower_first=lower)
    name = tb.field

    def field_value(line: Any) -> float | None:
        return _number(line["entrant"].row.get(name))

    return scoring.Key(field_value, lower_first=lower)

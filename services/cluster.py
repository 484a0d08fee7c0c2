"""Cluster emulation (cụm thi đua, DOMAIN.md §5.3): self-scores, re-check, ranking, acclaim, proposal.

Who does what (checked here on every call, whatever the page shows):

* **Self-score** (tự chấm): a user of a member unit (officer, head, reviewer or cluster head whose
  unit is in the cluster that year) scores *their own unit* only, until the unit is re-checked.
* **Re-check** (chấm chéo / phúc tra) sets ``cross_points`` and ``final_points``: the cluster
  head or deputy (a CLUSTER_HEAD user whose unit is TRUONG_CUM/PHO_CUM that year) for the *other*
  members, or the organising federation (LEADER/ADMIN of the cluster's ``organiser_unit_id``)
  for any member, including the head's own unit (nobody re-checks their own unit).
* Points are whole numbers from 0 to the criterion's ``max_points``; more is refused, not capped.

Ranking: total final points (descending), then the number of criteria at their maximum
(descending), then the unit's name in Vietnamese collation (:func:`core.text.vi_collation_key`:
a ă â b c d đ e ê ..., tones after letters). An optional per-scorer normalisation replaces the
total by a 0–100 score (z-score of each unit's total among the units that scorer re-checked,
averaged per unit, then rescaled linearly so the lowest is 0 and the highest 100). Points checks,
normalisation and ranking are :mod:`services.scoring`, shared with juried contests.

Acclaim (suy tôn): each member unit has one vote; the unit with the most votes leads when it has
more than half of the member units; when the top count is shared, final points (then the ranking)
decide between the tied units. A proposal for the federation's "Cờ thi đua xuất sắc"
(``U_CO_LDLD``) is returned as a record; it becomes a nomination only when the acting user is an
officer or head of the leading unit (nominations are created for one's own unit).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from core.errors import ActionNotAllowed
from core.model import READ_ALL_ROLES, Actor
from core.ports import Change
from core.text import clean
from i18n import t
from services import scoring
from services.scoring import check_points
from services.services import Services, new_id, records

CRITERIA = "score_criteria"
SCORECARDS = "scorecards"
ACCLAIMS = "acclaims"
#: Roles of a member unit's users who may enter that unit's self-score.
SELF_SCORE_ROLES: frozenset[str] = frozenset({"UNIT_OFFICER", "UNIT_HEAD", "UPPER_REVIEWER", "CLUSTER_HEAD"})
#: Cluster roles (cluster_members.role) whose CLUSTER_HEAD users may re-check other members.
CHECKER_CLUSTER_ROLES: frozenset[str] = frozenset({"TRUONG_CUM", "PHO_CUM"})
#: Roles of the organising federation's users who may re-check any member and record the acclaim.
ORGANISER_ROLES: frozenset[str] = frozenset({"LEADER", "ADMIN"})
#: The proposal made for the leading unit (DOMAIN.md §3.5.3, R-CO-1).
LEADER_AWARD = "U_CO_LDLD"
PROPOSAL_CAMPAIGN = "HN-2024-KTN"
PROPOSAL_FORM = "nomination"


@dataclass(frozen=True)
class Standing:
    """One unit's line in the ranking."""

    rank: int
    unit_id: str
    unit_name: str
    self_total: int
    final_total: int
    at_max: int
    checked: int
    criteria: int
    normalised: float | None = None


@dataclass(frozen=True)
class Acclaim:
    """The result of the acclaim vote: the leader (or none), its votes, and how it was decided."""

    cluster_id: str
    year: int
    members: int
    votes: Mapping[str, int]
    leader_unit_id: str
    leader_votes: int
    decided_by: str  # "majority", "tie_break" or "none"
    tied: tuple[str, ...] = ()


@dataclass(frozen=True)
class Proposal:
    """A proposal for the leading unit's flag: what the cluster head sends to the federation."""

    cluster_id: str
    year: int
    unit_id: str
    unit_name: str
    award_code: str
    final_total: int
    votes: int
    members: int
    achievement: str
    nomination: Mapping[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------- pure


def _num(value: Any) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def rank(
    cards: pd.DataFrame,
    maxima: Mapping[str, int],
    names: Mapping[str, str],
    units: Sequence[str],
    *,
    normalise: bool = False,
) -> list[Standing]:
    """Standings of ``units`` from their scorecards (see the module docstring for the order)."""
    lines: list[dict[str, Any]] = []
    for unit in units:
        mine = records(cards[cards["unit_id"] == unit]) if not cards.empty else []
        finals = {str(r["criterion_code"]): _num(r["final_points"]) for r in mine}
        selfs = [_num(r["self_points"]) for r in mine]
        lines.append(
            {
                "unit_id": unit,
                "unit_name": names.get(unit, unit),
                "self_total": sum(v for v in selfs if v is not None),
                "final_total": sum(v for v in finals.values() if v is not None),
                "at_max": sum(
                    1 for c, v in finals.items() if v is not None and c in maxima and v == maxima[c]
                ),
                "checked": sum(1 for v in finals.values() if v is not None),
            }
        )
    norm = normalised_scores(cards) if normalise else {}
    primary = "normalised" if normalise else "final_total"
    for line in lines:
        line["normalised"] = norm.get(line["unit_id"]) if normalise else None
        if normalise and line["normalised"] is None:
            line["normalised"] = 0.0
    keys = [scoring.Key(lambda x: x[primary]), scoring.Key(lambda x: x["at_max"])]
    ranked = scoring.rank_lines(lines, keys, lambda x: str(x["unit_name"]), lambda x: str(x["unit_id"]))
    return [Standing(rank=i, criteria=len(maxima), **line) for i, _tied, line in ranked]


def normalised_scores(cards: pd.DataFrame) -> dict[str, float]:
    """Per re-checker (``checked_by``) z-scores of unit totals, averaged per unit, rescaled to 0–100
    (:func:`services.scoring.normalised_scores`, the machinery juried contests share)."""
    done = cards[cards["final_points"].notna() & (cards["checked_by"] != "")]
    if done.empty:
        return {}
    totals = done.groupby(["checked_by", "unit_id"])["final_points"].sum().astype(float).reset_index()
    triples = [
        (str(c), str(u), float(v))
        for c, u, v in zip(totals["checked_by"], totals["unit_id"], totals["final_points"], strict=True)
    ]
    return {str(u): v for u, v in scoring.normalised_scores(triples).items()}


def acclaim_result(
    cluster_id: str,
    year: int,
    members: Sequence[str],
    votes: Mapping[str, int],
    standings: Sequence[Standing],
) -> Acclaim:
    """The leader under the acclaim rule (more than half of member units; ties by final points)."""
    member_set = set(members)
    clean_votes: dict[str, int] = {}
    for unit, n in votes.items():
        if unit not in member_set:
            raise ActionNotAllowed("cluster.vote_not_member", unit=unit)
        if int(n) < 0:
            raise ActionNotAllowed("cluster.votes_negative", unit=unit)
        if int(n):
            clean_votes[unit] = int(n)
    cast = sum(clean_votes.values())
    if cast > len(members):
        raise ActionNotAllowed("cluster.votes_above_members", votes=cast, members=len(members))
    if not clean_votes:
        return Acclaim(cluster_id, year, len(members), clean_votes, "", 0, "none")
    top = max(clean_votes.values())
    tied = [u for u, n in clean_votes.items() if n == top]
    order = {s.unit_id: i for i, s in enumerate(standings)}
    if len(tied) > 1:
        best = min(tied, key=lambda u: order.get(u, len(order)))
        return Acclaim(
            cluster_id, year, len(members), clean_votes, best, top, "tie_break", tuple(sorted(tied))
        )
    leader = tied[0]
    if 2 * top > len(members):
        return Acclaim(cluster_id, year, len(members), clean_votes, leader, top, "majority")
    return Acclaim(cluster_id, year, len(members), clean_votes, "", top, "none")


# ---------------------------------------------------------------------------------------- use cases


class ClusterScoring:
    """Cluster scoring use cases over :class:`Services`."""

    def __init__(self, services: Services) -> None:
        self.svc = services

    # ------------------------------------------------------------------ reference

    def members(self, cluster_id: str, year: int) -> pd.DataFrame:
        """Member units of the cluster that year with their cluster role."""
        cm = self.svc.reference().cluster_members
        return cm[(cm["cluster_id"] == cluster_id) & (cm["year"] == year)].reset_index(drop=True)

    def clusters_of(self, actor: Actor, year: int) -> list[str]:
        """Clusters the actor may look at this year: their unit's, or every one for the organiser."""
        actor = self.svc.resolve(actor)
        ref = self.svc.reference()
        if actor.role in READ_ALL_ROLES:
            return sorted(ref.clusters["id"].astype(str))
        organised = set(ref.clusters[ref.clusters["organiser_unit_id"] == actor.unit_id]["id"].astype(str))
        # one answer for every page: the unit's cluster, or its nearest ancestor's (Reference.cluster_of,
        # as the dashboard groups units); a grassroots union belongs to its upper union's cluster
        mine = {ref.cluster_of(actor.unit_id, year)} - {""}
        return sorted(mine | organised)

    def schemes(self) -> list[str]:
        crit = self.svc.store.read(CRITERIA)
        return sorted(set(crit["scheme_id"].astype(str)))

    def criteria(self, scheme_id: str) -> pd.DataFrame:
        """The criteria of a scheme in order of their codes."""
        crit = self.svc.store.read(CRITERIA)
        crit = crit[crit["scheme_id"] == scheme_id]
        if crit.empty:
            raise ActionNotAllowed("cluster.scheme_unknown", scheme=scheme_id)
        return crit.sort_values("code").reset_index(drop=True)

    def _maxima(self, scheme_id: str) -> dict[str, int]:
        crit = self.criteria(scheme_id)
        return {str(c): int(m) for c, m in zip(crit["code"], crit["max_points"], strict=True)}

    def _organiser(self, cluster_id: str) -> str:
        cl = self.svc.reference().clusters
        hit = cl[cl["id"] == cluster_id]
        if hit.empty:
            raise ActionNotAllowed("cluster.unknown", cluster=cluster_id)
        return str(hit.iloc[0]["organiser_unit_id"])

    def _role_in(self, cluster_id: str, year: int, unit_id: str) -> str:
        m = self.members(cluster_id, year)
        hit = m[m["unit_id"] == unit_id]
        return "" if hit.empty else str(hit.iloc[0]["role"])

    def _may_read(self, actor: Actor, cluster_id: str, year: int) -> Actor:
        actor = self.svc.resolve(actor)
        if cluster_id not in self.clusters_of(actor, year):
            raise ActionNotAllowed("cluster.not_member", cluster=cluster_id)
        return actor

    def _may_check(self, actor: Actor, cluster_id: str, year: int, unit_id: str) -> Actor:
        """The re-checker rule of the module docstring (head/deputy for others, or the organiser)."""
        actor = self.svc.resolve(actor)
        if not self._role_in(cluster_id, year, unit_id):
            raise ActionNotAllowed("cluster.unit_not_member", unit=self._name(unit_id), cluster=cluster_id)
        if actor.role in ORGANISER_ROLES and actor.unit_id == self._organiser(cluster_id):
            return actor
        if (
            actor.role == "CLUSTER_HEAD"
            and self._role_in(cluster_id, year, actor.unit_id) in CHECKER_CLUSTER_ROLES
        ):
            if actor.unit_id == unit_id:
                raise ActionNotAllowed("cluster.own_unit_check")
            return actor
        raise ActionNotAllowed("cluster.not_checker", cluster=cluster_id)

    def _name(self, unit_id: str) -> str:
        return self.svc.reference().unit_name(unit_id)

    # ------------------------------------------------------------------ reads

    def scorecards(self, actor: Actor, cluster_id: str, year: int) -> pd.DataFrame:
        """Every scorecard row of the cluster for the year (members and the organiser may read)."""
        self._may_read(actor, cluster_id, year)
        cards = self.svc.store.read(SCORECARDS)
        return cards[(cards["cluster_id"] == cluster_id) & (cards["year"] == year)].reset_index(drop=True)

    def scheme_of(self, cluster_id: str, year: int) -> str:
        """The scheme the cluster's cards use that year (the first scheme when none is scored yet)."""
        cards = self.svc.store.read(SCORECARDS)
        used = cards[(cards["cluster_id"] == cluster_id) & (cards["year"] == year)]["scheme_id"]
        used = used[used != ""]
        if not used.empty:
            return str(used.iloc[0])
        schemes = self.schemes()
        if not schemes:
            raise ActionNotAllowed("cluster.scheme_unknown", scheme="")
        year_match = [s for s in schemes if str(year) in s]
        return (year_match or schemes)[0]

    def ranking(self, actor: Actor, cluster_id: str, year: int, *, normalise: bool = False) -> list[Standing]:
        """Standings of every member unit (see the module docstring for the order)."""
        cards = self.scorecards(actor, cluster_id, year)
        members = [str(u) for u in self.members(cluster_id, year)["unit_id"]]
        maxima = self._maxima(self.scheme_of(cluster_id, year))
        names = {u: self._name(u) for u in members}
        return rank(cards, maxima, names, members, normalise=normalise)

    # ------------------------------------------------------------------ commands

    def self_score(
        self,
        actor: Actor,
        cluster_id: str,
        year: int,
        points: Mapping[str, Any],
        notes: Mapping[str, str] | None = None,
    ) -> list[dict[str, Any]]:
        """The actor's unit scores itself; refused once a criterion has been re-checked."""
        actor = self.svc.resolve(actor)
        if actor.role not in SELF_SCORE_ROLES:
            raise ActionNotAllowed(
                "cluster.cannot_self_score",
                role={lang: t(f"role.{actor.role}", lang) for lang in ("vi", "en")},
            )
        if not self._role_in(cluster_id, year, actor.unit_id):
            raise ActionNotAllowed(
                "cluster.unit_not_member", unit=self._name(actor.unit_id), cluster=cluster_id
            )
        scheme = self.scheme_of(cluster_id, year)
        values = check_points(points, self._maxima(scheme))
        return self._write(actor, cluster_id, year, scheme, actor.unit_id, values, notes or {}, check=False)

    def cross_check(
        self,
        actor: Actor,
        cluster_id: str,
        year: int,
        unit_id: str,
        points: Mapping[str, Any],
        notes: Mapping[str, str] | None = None,
    ) -> list[dict[str, Any]]:
        """The re-check sets cross and final points of ``unit_id`` (not the checker's own unit)."""
        actor = self._may_check(actor, cluster_id, year, unit_id)
        scheme = self.scheme_of(cluster_id, year)
        values = check_points(points, self._maxima(scheme))
        return self._write(actor, cluster_id, year, scheme, unit_id, values, notes or {}, check=True)

    def _write(
        self,
        actor: Actor,
        cluster_id: str,
        year: int,
        scheme: str,
        unit_id: str,
        values: Mapping[str, int],
        notes: Mapping[str, str],
        *,
        check: bool,
    ) -> list[dict[str, Any]]:
        if not values:
            raise ActionNotAllowed("cluster.no_points")
        cards = self.svc.store.read(SCORECARDS)
        mine = cards[
            (cards["cluster_id"] == cluster_id) & (cards["year"] == year) & (cards["unit_id"] == unit_id)
        ]
        by_code = {str(r["criterion_code"]): r for r in records(mine)}
        changes: list[Change] = []
        new: list[dict[str, Any]] = []
        history: list[dict[str, Any]] = []
        action, column = ("cross_check", "final_points") if check else ("self_score", "self_points")
        for code, v in values.items():
            note = clean(notes.get(code, ""))
            if check:
                cells: dict[str, Any] = {"cross_points": v, "final_points": v, "checked_by": actor.email}
            else:
                cells = {"self_points": v}
            if note:
                cells["note"] = note
            old = by_code.get(code)
            before = "—" if old is None or _num(old[column]) is None else str(_num(old[column]))
            reason = t("cluster.history.score", "vi", unit=unit_id, criterion=code, old=before, new=v)
            if old is None:
                card_id = new_id()
                history.append(
                    self.svc._history_row(SCORECARDS, card_id, "", action, "", str(v), actor, reason)
                )
                new.append(
                    {
                        "id": card_id,
                        "cluster_id": cluster_id,
                        "year": year,
                        "scheme_id": scheme,
                        "unit_id": unit_id,
                        "criterion_code": code,
                        "self_points": None,
                        "cross_points": None,
                        "final_points": None,
                        "checked_by": "",
                        "note": "",
                        **cells,
                    }
                )
                continue
            if not check and _num(old["final_points"]) is not None:
                raise ActionNotAllowed("cluster.already_checked", criterion=code)
            changes.append(Change(str(old["id"]), int(old["version"]), cells))
            history.append(
                self.svc._history_row(SCORECARDS, str(old["id"]), "", action, before, str(v), actor, reason)
            )
        # the cards and their history rows in one store call (docs/security.md T17)
        self.svc._write(SCORECARDS, changes, actor, {SCORECARDS: new, "history": history})
        after = self.svc.store.read(SCORECARDS)
        keep = (
            (after["cluster_id"] == cluster_id)
            & (after["year"] == year)
            & (after["unit_id"] == unit_id)
            & after["criterion_code"].isin(list(values))
        )
        return records(after[keep].sort_values("criterion_code"))

    def acclaim(self, actor: Actor, cluster_id: str, year: int, votes: Mapping[str, int]) -> Acclaim:
        """The year-end acclaim vote, entered and stored by the cluster head or the organiser."""
        actor = self.svc.resolve(actor)
        organiser = actor.role in ORGANISER_ROLES and actor.unit_id == self._organiser(cluster_id)
        head = actor.role == "CLUSTER_HEAD" and self._role_in(cluster_id, year, actor.unit_id) == "TRUONG_CUM"
        if not (organiser or head):
            raise ActionNotAllowed("cluster.not_head", cluster=cluster_id)
        members = [str(u) for u in self.members(cluster_id, year)["unit_id"]]
        result = acclaim_result(cluster_id, year, members, votes, self.ranking(actor, cluster_id, year))
        row = {
            "id": new_id(),
            "cluster_id": cluster_id,
            "year": year,
            "members": result.members,
            "votes": "; ".join(f"{u}={n}" for u, n in sorted(result.votes.items())),
            "leader_unit_id": result.leader_unit_id,
            "leader_votes": result.leader_votes,
            "decided_by": result.decided_by,
        }
        reason = t(
            "cluster.history.acclaim", "vi", cluster=cluster_id, year=year, votes=row["votes"],
            leader=result.leader_unit_id or "—", leader_votes=result.leader_votes, members=result.members,
            decided_by=result.decided_by,
        )  # fmt: skip
        hist = self.svc._history_row(
            ACCLAIMS, str(row["id"]), "", "acclaim", "", result.leader_unit_id, actor, reason
        )
        self.svc._write(ACCLAIMS, [], actor, {ACCLAIMS: [row], "history": [hist]})
        return result

    def latest_acclaim(self, actor: Actor, cluster_id: str, year: int) -> Acclaim | None:
        """The last acclaim vote recorded for the cluster and year (members and organiser may read)."""
        self._may_read(actor, cluster_id, year)
        rows = self.svc.store.read(ACCLAIMS)
        rows = rows[(rows["cluster_id"] == cluster_id) & (rows["year"] == year)]
        if rows.empty:
            return None
        last = records(rows.sort_values(["created_at", "id"]))[-1]
        votes = {}
        for part in str(last["votes"]).split(";"):
            unit, _, n = part.strip().partition("=")
            if unit and n.strip().isdigit():
                votes[unit] = int(n)
        return Acclaim(
            cluster_id=cluster_id,
            year=year,
            members=int(last["members"]),
            votes=votes,
            leader_unit_id=str(last["leader_unit_id"]),
            leader_votes=int(last["leader_votes"]),
            decided_by=str(last["decided_by"]),
        )

    def proposal(self, actor: Actor, result: Acclaim, *, create: bool = False) -> Proposal:
        """The flag proposal for the leader; a nomination is created only by the leader's own officer."""
        actor = self.svc.resolve(actor)
        if not result.leader_unit_id:
            raise ActionNotAllowed("cluster.no_leader")
        standings = self.ranking(actor, result.cluster_id, result.year)
        line = next(s for s in standings if s.unit_id == result.leader_unit_id)
        cluster_name = self._cluster_name(result.cluster_id)
        achievement = t(
            "cluster.proposal_text",
            "vi",  # the nomination is a Vietnamese record whatever the UI language
            cluster=cluster_name,
            year=result.year,
            points=line.final_total,
            votes=result.leader_votes,
            members=result.members,
        )
        nomination: dict[str, Any] = {}
        if create:
            if actor.unit_id != result.leader_unit_id or actor.role not in ("UNIT_OFFICER", "UNIT_HEAD"):
                raise ActionNotAllowed("cluster.proposal_own_unit", unit=line.unit_name)
            nomination = self.svc.create(
                actor,
                PROPOSAL_CAMPAIGN,
                PROPOSAL_FORM,
                {
                    "subject_kind": "TAP_THE",
                    "full_name": line.unit_name,
                    "position": t("cluster.proposal_position", "vi"),
                    "award_code": LEADER_AWARD,
                    "achievement": achievement,
                },
                submit=False,
            )
        return Proposal(
            cluster_id=result.cluster_id,
            year=result.year,
            unit_id=line.unit_id,
            unit_name=line.unit_name,
            award_code=LEADER_AWARD,
            final_total=line.final_total,
            votes=result.leader_votes,
            members=result.members,
            achievement=achievement,
            nomination=nomination,
        )

    def _cluster_name(self, cluster_id: str) -> str:
        cl = self.svc.reference().clusters
        hit = cl[cl["id"] == cluster_id]
        return cluster_id if hit.empty else str(hit.iloc[0]["name_vi"])

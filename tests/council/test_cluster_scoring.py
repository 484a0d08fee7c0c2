"""Cluster cycle (DOMAIN.md §5.3): points capped, who scores what, ranking tie-breaks, normalisation, acclaim."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from core.errors import ActionNotAllowed
from services.cluster import ClusterScoring, Standing, acclaim_result, check_points, normalised_scores, rank
from services.services import Services
from tests.conftest import CLUSTER_HEAD, LEADER, OFFICER, OFFICER_VQ, REVIEWER, REVIEWER_HD
from tests.council.council_helpers import add_user, refused

C7 = "HN-CUM-07"
MAXIMA = {"TC1": 20, "TC2": 15, "TC3": 15, "TC4": 15, "TC5": 10, "TC6": 15, "TC7": 10}


@pytest.fixture
def cluster(services: Services) -> ClusterScoring:
    return ClusterScoring(services)


# ---------------------------------------------------------------- points


def test_scheme_has_seven_criteria_for_100_points(cluster: ClusterScoring) -> None:
    crit = cluster.criteria("HN-CUM-2024")
    assert len(crit) == 7 and int(crit["max_points"].sum()) == 100


@pytest.mark.parametrize(
    ("points", "code"),
    [
        ({"TC5": 11}, "cluster.points_above_max"),
        ({"TC1": -1}, "cluster.points_negative"),
        ({"TC1": 7.5}, "cluster.points_not_whole"),
        ({"TC1": "mười"}, "cluster.points_not_whole"),
        ({"TC9": 3}, "cluster.unknown_criterion"),
    ],
)
def test_points_outside_the_criterion_range_are_refused(points: dict[str, Any], code: str) -> None:
    with pytest.raises(ActionNotAllowed) as exc:
        check_points(points, MAXIMA)
    assert exc.value.code == code


def test_points_at_the_maximum_are_kept() -> None:
    assert check_points({"TC5": 10, "TC1": "20", "TC2": None}, MAXIMA) == {"TC5": 10, "TC1": 20}


def test_self_score_above_the_maximum_is_refused_and_names_it(cluster: ClusterScoring) -> None:
    exc = refused("cluster.points_above_max", cluster.self_score, REVIEWER, C7, 2023, {"TC5": 12})
    assert "TC5" in exc.message("vi") and "10" in exc.message("vi")


# ---------------------------------------------------------------- who scores what


def test_member_unit_scores_itself_then_the_head_rechecks(
    cluster: ClusterScoring, services: Services
) -> None:
    other = add_user(services, "can.bo.dtpt", "UNIT_OFFICER", "HN-CD-TCT-DTPT")
    rows = cluster.self_score(other, C7, 2023, {"TC1": 18, "TC2": 14})
    assert {(r["unit_id"], r["criterion_code"], r["self_points"]) for r in rows} == {
        ("HN-CD-TCT-DTPT", "TC1", 18),
        ("HN-CD-TCT-DTPT", "TC2", 14),
    }
    checked = cluster.cross_check(CLUSTER_HEAD, C7, 2023, "HN-CD-TCT-DTPT", {"TC1": 16})
    assert (checked[0]["cross_points"], checked[0]["final_points"], checked[0]["checked_by"]) == (
        16,
        16,
        CLUSTER_HEAD.email,
    )
    assert checked[0]["self_points"] == 18  # the self-score stays on record
    refused("cluster.already_checked", cluster.self_score, other, C7, 2023, {"TC1": 20})
    cluster.self_score(other, C7, 2023, {"TC2": 15})  # not yet re-checked: may change


def test_a_unit_outside_the_cluster_cannot_self_score(cluster: ClusterScoring) -> None:
    refused("cluster.unit_not_member", cluster.self_score, OFFICER, C7, 2024, {"TC1": 10})


def test_the_head_does_not_recheck_its_own_unit_but_the_federation_does(cluster: ClusterScoring) -> None:
    refused("cluster.own_unit_check", cluster.cross_check, CLUSTER_HEAD, C7, 2023, "HN-CD-KCNCX", {"TC1": 20})
    rows = cluster.cross_check(LEADER, C7, 2023, "HN-CD-KCNCX", {"TC1": 19})
    assert rows[0]["final_points"] == 19 and rows[0]["checked_by"] == LEADER.email


def test_an_ordinary_member_cannot_recheck(cluster: ClusterScoring) -> None:
    refused("cluster.not_checker", cluster.cross_check, REVIEWER, C7, 2023, "HN-CD-TCT-DL", {"TC1": 10})
    refused("cluster.not_checker", cluster.cross_check, REVIEWER_HD, C7, 2023, "HN-CD-TCT-DL", {"TC1": 10})


def test_recheck_above_the_maximum_is_refused(cluster: ClusterScoring) -> None:
    refused("cluster.points_above_max", cluster.cross_check, LEADER, C7, 2023, "HN-CD-TCT-DL", {"TC1": 21})


def test_reading_a_cluster_needs_membership_or_the_organiser(cluster: ClusterScoring) -> None:
    # a grassroots union is in its upper union's cluster (as the dashboard counts it), not in another
    refused("cluster.not_member", cluster.ranking, OFFICER_VQ, C7, 2024)
    assert len(cluster.ranking(OFFICER, C7, 2024)) == 6
    assert len(cluster.ranking(CLUSTER_HEAD, C7, 2024)) == 6
    assert len(cluster.ranking(LEADER, "HN-CUM-01", 2024)) == 6


# ---------------------------------------------------------------- ranking


def cards(rows: list[tuple[str, str, int | None, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"unit_id": u, "criterion_code": c, "self_points": p, "final_points": p, "checked_by": by}
            for u, c, p, by in rows
        ]
    ).astype({"final_points": "Int64", "self_points": "Int64"})


def test_ranking_by_total_then_criteria_at_maximum_then_vietnamese_name() -> None:
    maxima = {"A": 10, "B": 10}
    names = {"u1": "LĐLĐ Ba Vì", "u2": "LĐLĐ Ân Thi", "u3": "LĐLĐ Gia Lâm", "u4": "LĐLĐ Đông Anh"}
    frame = cards(
        [
            ("u1", "A", 9, "x"), ("u1", "B", 9, "x"),  # 18, none at max
            ("u2", "A", 9, "x"), ("u2", "B", 9, "x"),  # 18, none at max
            ("u3", "A", 10, "x"), ("u3", "B", 8, "x"),  # 18, one at max
            ("u4", "A", 10, "x"), ("u4", "B", 10, "x"),  # 20
        ]
    )  # fmt: skip
    order = [s.unit_id for s in rank(frame, maxima, names, ["u1", "u2", "u3", "u4"])]
    # u3 beats u1/u2 on criteria at maximum; "Ân" sorts before "Ba" in Vietnamese (a < ă < â < b),
    # although "B" comes before "Â" in code-point order.
    assert order == ["u4", "u3", "u2", "u1"]
    assert sorted([names["u1"], names["u2"]]) == [names["u1"], names["u2"]]  # plain sort would differ


def test_units_without_scores_rank_last_with_zero() -> None:
    standings = rank(cards([("u1", "A", 5, "x")]), {"A": 10}, {"u1": "B", "u2": "A"}, ["u1", "u2"])
    assert [(s.unit_id, s.final_total, s.checked) for s in standings] == [("u1", 5, 1), ("u2", 0, 0)]


def test_normalisation_removes_a_lenient_scorers_advantage() -> None:
    frame = cards(
        [
            ("a", "A", 90, "lenient"),
            ("b", "A", 80, "lenient"),
            ("c", "A", 70, "harsh"),
            ("d", "A", 50, "harsh"),
        ]
    )
    assert normalised_scores(frame) == {"a": 100.0, "b": 0.0, "c": 100.0, "d": 0.0}
    names = {"a": "Đơn vị Ba", "b": "B", "c": "Đơn vị An", "d": "D"}
    top = rank(frame, {"A": 100}, names, ["a", "b", "c", "d"], normalise=True)
    assert [s.unit_id for s in top][:2] == ["c", "a"]  # tied at 100, then by name
    plain = rank(frame, {"A": 100}, names, ["a", "b", "c", "d"])
    assert [s.unit_id for s in plain] == ["a", "b", "c", "d"]


def test_normalisation_of_equal_scores_gives_everyone_100() -> None:
    assert normalised_scores(cards([("a", "A", 5, "x"), ("b", "A", 5, "x")])) == {"a": 100.0, "b": 100.0}
    assert normalised_scores(cards([("a", "A", None, "")])) == {}


def test_demo_ranking_of_cluster_7(cluster: ClusterScoring) -> None:
    standings = cluster.ranking(CLUSTER_HEAD, C7, 2024)
    totals = [s.final_total for s in standings]
    assert totals == sorted(totals, reverse=True) and all(s.checked == 7 for s in standings)
    normalised = cluster.ranking(CLUSTER_HEAD, C7, 2024, normalise=True)
    assert {s.normalised for s in normalised} and all(0 <= (s.normalised or 0) <= 100 for s in normalised)


# ---------------------------------------------------------------- acclaim


def standings(*ids: str) -> list[Standing]:
    return [Standing(i, u, u, 0, 100 - i, 0, 7, 7) for i, u in enumerate(ids, 1)]


MEMBERS = ["a", "b", "c", "d", "e", "f"]


def test_acclaim_needs_more_than_half_of_member_units() -> None:
    won = acclaim_result(C7, 2024, MEMBERS, {"b": 4, "a": 2}, standings(*MEMBERS))
    assert (won.leader_unit_id, won.decided_by, won.leader_votes) == ("b", "majority", 4)
    none = acclaim_result(C7, 2024, MEMBERS, {"b": 3, "a": 2, "c": 1}, standings(*MEMBERS))
    assert (none.leader_unit_id, none.decided_by) == ("", "none")


def test_acclaim_tie_is_broken_by_final_points() -> None:
    tie = acclaim_result(C7, 2024, MEMBERS, {"d": 3, "b": 3}, standings(*MEMBERS))
    assert (tie.leader_unit_id, tie.decided_by, tie.tied) == ("b", "tie_break", ("b", "d"))
    tie = acclaim_result(C7, 2024, MEMBERS, {"d": 3, "b": 3}, standings("d", "a", "b", "c", "e", "f"))
    assert tie.leader_unit_id == "d"


@pytest.mark.parametrize(
    ("votes", "code"),
    [
        ({"a": 7}, "cluster.votes_above_members"),
        ({"zz": 1}, "cluster.vote_not_member"),
        ({"a": -1}, "cluster.votes_negative"),
    ],
)
def test_impossible_votes_are_refused(votes: dict[str, int], code: str) -> None:
    with pytest.raises(ActionNotAllowed) as exc:
        acclaim_result(C7, 2024, MEMBERS, votes, standings(*MEMBERS))
    assert exc.value.code == code


def test_acclaim_by_the_head_and_the_proposal(cluster: ClusterScoring, services: Services) -> None:
    leader = cluster.ranking(CLUSTER_HEAD, C7, 2024)[0].unit_id
    refused("cluster.not_head", cluster.acclaim, REVIEWER, C7, 2024, {leader: 4})
    result = cluster.acclaim(CLUSTER_HEAD, C7, 2024, {leader: 5, "HN-CD-KCNCX": 1})
    assert (result.leader_unit_id, result.decided_by, result.members) == (leader, "majority", 6)

    proposal = cluster.proposal(CLUSTER_HEAD, result)
    assert (proposal.unit_id, proposal.award_code, proposal.votes) == (leader, "U_CO_LDLD", 5)
    assert "5/6" in proposal.achievement and not proposal.nomination
    refused("cluster.proposal_own_unit", cluster.proposal, CLUSTER_HEAD, result, create=True)

    officer = add_user(services, "can.bo.dan.dau", "UNIT_OFFICER", leader)
    made = cluster.proposal(officer, result, create=True).nomination
    assert (made["unit_id"], made["award_code"], made["subject_kind"], made["state"]) == (
        leader,
        "U_CO_LDLD",
        "TAP_THE",
        "DRAFT",
    )


def test_no_leader_means_no_proposal(cluster: ClusterScoring) -> None:
    result = cluster.acclaim(LEADER, C7, 2024, {"HN-CD-KCNCX": 3, "HN-CD-TCT-DL": 2})
    assert result.decided_by == "none"
    refused("cluster.no_leader", cluster.proposal, LEADER, result)


def test_the_acclaim_is_stored_and_read_back(cluster: ClusterScoring) -> None:
    assert cluster.latest_acclaim(CLUSTER_HEAD, C7, 2024) is None
    first = cluster.acclaim(CLUSTER_HEAD, C7, 2024, {"HN-CD-TCT-DL": 3, "HN-CD-TCT-VT": 3})
    assert first.decided_by == "tie_break"
    again = cluster.acclaim(CLUSTER_HEAD, C7, 2024, {"HN-CD-TCT-DL": 5, "HN-CD-TCT-VT": 1})
    stored = cluster.latest_acclaim(REVIEWER, C7, 2024)  # any member reads it
    assert stored == again
    refused("cluster.not_member", cluster.latest_acclaim, OFFICER_VQ, C7, 2024)

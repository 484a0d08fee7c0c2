"""Leader metrics 6 (CĐCS grading) and 10 (skilled-worker contests), the dashboard's chart data and
the short tile labels, each checked against a hand count over the stored demo rows.

The hand counts loop over the rows with plain Python, never through ``reporting.metrics``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import pytest

from reporting import metrics as m
from reporting import metrics_assessment as ma
from reporting.metrics import Filters, Metric
from reporting.reporting import Reporting
from services.services import Services
from tests.conftest import LEADER, OFFICER, REVIEWER


def _subtree(raw: dict[str, list[dict[str, Any]]], root: str) -> set[str]:
    children: dict[str, list[str]] = defaultdict(list)
    for u in raw["units"]:
        children[u["parent_id"]].append(u["id"])
    mine, stack = set(), [root]
    while stack:
        u = stack.pop()
        mine.add(u)
        stack.extend(children[u])
    return mine


# ------------------------------------------------------------------------------------- 6 grading


def test_unit_grading_hand_count_latest_year(
    tiles: dict[str, Metric], raw: dict[str, list[dict[str, Any]]]
) -> None:
    years = {r["year"] for r in raw["unit_assessments"]}
    assert years == {2022, 2023}
    rows = [r for r in raw["unit_assessments"] if r["year"] == 2023]
    grades = Counter(r["grade"] for r in rows)
    t = tiles["unit_grading"]
    assert (t.numerator, t.denominator) == (grades["HTXSNV"], len(rows))
    assert t.number == 6 and t.kind == "share"
    assert dict(zip(t.breakdown["grade"], t.breakdown["count"], strict=True)) == {
        g: grades[g] for g in ("HTXSNV", "HTTNV", "HTNV", "KHTNV")
    }
    hundredths = (grades["HTXSNV"] * 20000 + len(rows)) // (2 * len(rows))
    assert t.display() == f"{hundredths // 100},{hundredths % 100:02d}%"
    assert "2023" in t.full_label("vi") and t.sources == ("unit_assessments",)
    assert len(t.drill["unit_assessments"]) == len(rows)


def test_unit_grading_year_filter_and_new_union_not_graded(
    rep: Reporting, raw: dict[str, list[dict[str, Any]]]
) -> None:
    t = m.by_code(rep.metrics(LEADER, Filters(year=2022)))["unit_grading"]
    assert t.denominator == sum(1 for r in raw["unit_assessments"] if r["year"] == 2022)
    # R-ASSESS-1: Marie Curie Long Biên (founded 19/09/2024) has no grading in the demo
    assert not any(r["unit_id"] == "HN-CDCS-MARIECURIE-LB" for r in raw["unit_assessments"])


def test_unit_grading_within_a_reviewers_scope(rep: Reporting, raw: dict[str, list[dict[str, Any]]]) -> None:
    mine = _subtree(raw, REVIEWER.unit_id)
    t = m.by_code(rep.metrics(REVIEWER))["unit_grading"]
    rows = [r for r in raw["unit_assessments"] if r["year"] == 2023 and r["unit_id"] in mine]
    assert 0 < t.denominator == len(rows) < sum(1 for r in raw["unit_assessments"] if r["year"] == 2023)
    behind = rep.drill_down(REVIEWER, t)["unit_assessments"]
    assert set(behind["unit_id"]) <= mine and len(behind) == len(rows)


def test_unit_grading_sector_filter(rep: Reporting, raw: dict[str, list[dict[str, Any]]]) -> None:
    sector = {u["id"]: u["sector"] for u in raw["units"]}
    t = m.by_code(rep.metrics(LEADER, Filters(sector="FDI")))["unit_grading"]
    expected = [r for r in raw["unit_assessments"] if r["year"] == 2023 and sector[r["unit_id"]] == "FDI"]
    assert t.denominator == len(expected) > 0


# ------------------------------------------------------------------------------------- 10 contest
# From the contest campaign's own data (the 2023 Hội thi thợ giỏi, hn-2023-hoi-thi-tho-gioi.yaml): its
# entrants' tab and the confirmed results, not a side tab.


def test_contest_tiles_hand_count(tiles: dict[str, Metric], raw: dict[str, list[dict[str, Any]]]) -> None:
    results = [r for r in raw["contest_results"] if r["campaign_id"] == "HN-2023-HTTG"]
    prizes = [r for r in results if r["prize_code"]]
    assert (len(prizes), sum(r["amount_vnd"] for r in prizes)) == (111, 564_000_000)  # DOMAIN.md §3.11
    assert len({r["category"] for r in prizes}) == 11
    t = tiles["contest_prizes"]
    assert (t.numerator, t.denominator, t.number) == (111, 111, 10)
    assert t.display() == "111/111" and "Hội thi thợ giỏi thành phố Hà Nội năm 2023" in t.full_label("vi")
    money = tiles["contest_prize_money"]
    assert money.value == 564_000_000 and money.target == 564_000_000
    assert money.display() == "564 triệu đồng"
    assert money.display("en") == "564,000,000 VND"
    entrants = [
        r for r in raw["thi_sinh_2023"] if r["submitted_at"] and r["state"] not in ("WITHDRAWN", "REJECTED")
    ]
    e = tiles["contest_entrants"]
    assert (e.numerator, e.denominator) == (len(entrants), 363) == (363, 363)
    assert "363 thí sinh, 11 nghề" in e.note["vi"]
    assert {"NHAT", "NHI", "BA", "KK"} <= {r["prize_code"] for r in prizes}
    assert e.sources == ("thi_sinh_2023",) and t.sources == ("contest_results",)


def test_contest_prizes_an_officer_sees_only_the_own_unit(
    rep: Reporting, raw: dict[str, list[dict[str, Any]]]
) -> None:
    own = [r for r in raw["contest_results"] if r["unit_id"] == OFFICER.unit_id and r["prize_code"]]
    assert own, "the demo gives Canon's workers some prizes"
    tiles = m.by_code(rep.metrics(OFFICER))
    t = tiles["contest_prizes"]
    assert t.value == len(own)
    assert tiles["contest_prize_money"].value == sum(r["amount_vnd"] for r in own)
    behind = rep.drill_down(OFFICER, t)["contest_results"]
    assert set(behind["unit_id"]) == {OFFICER.unit_id}


def test_no_contest_tiles_for_a_year_without_a_contest_and_the_latest_beside_another_campaign(
    rep: Reporting,
) -> None:
    codes = {t.code for t in rep.metrics(LEADER, Filters(year=2024))}
    assert not codes & {"contest_entrants", "contest_prizes", "contest_prize_money"}
    # the leaders' landing page is filtered to the running annual campaign: tile 10 still shows the
    # latest contest held
    t = m.by_code(rep.metrics(LEADER, Filters(campaign_id="HN-2024-KTN")))["contest_prizes"]
    assert t.value == 111 and "2023" in t.full_label("vi")


def test_the_contest_announced_for_next_year_does_not_replace_the_one_held(rep: Reporting) -> None:
    """On 05/12/2024 the 2025 contest is declared but not open: the tiles show the 2023 contest."""
    t = m.by_code(rep.metrics(LEADER))["contest_prizes"]
    assert "2023" in t.full_label("vi") and t.value == 111
    t25 = m.by_code(rep.metrics(LEADER, Filters(campaign_id="HN-2025-HTTG")))["contest_prizes"]
    assert (t25.value, t25.target) == (0, 111) and "2025" in t25.full_label("vi")


# ------------------------------------------------------------------------------------- the dashboard view


def test_tiles_in_domain_order_with_short_labels(rep: Reporting) -> None:
    tiles = rep.metrics(LEADER)
    numbers = [t.number for t in tiles]
    assert numbers[:-1] == sorted(numbers[:-1]) and numbers[-1] == 0
    assert {1, 2, 3, 4, 5, 6, 7, 8, 9, 10} <= set(numbers)
    for t in tiles:
        for lang in ("vi", "en"):
            assert len(t.short_label(lang)) <= m.SHORT_LABEL_MAX, t.short_label(lang)
            assert t.full_label(lang)
    assert tiles[0].short_label("en") == "Individuals with a title"


def test_view_charts_hand_count(rep: Reporting, raw: dict[str, list[dict[str, Any]]]) -> None:
    view = rep.view(LEADER, Filters(campaign_id="HN-2024-KTN"))
    rows = [
        r
        for t in ("nominations", "works", "initiatives")
        for r in raw[t]
        if r["campaign_id"] == "HN-2024-KTN"
    ]
    assert view.submissions == len(rows) == int(view.by_state["count"].sum())
    units = Counter(r["unit_id"] for r in rows)
    names = {u["id"]: u["name_vi"] for u in raw["units"]}
    top_unit, top_count = units.most_common(1)[0]
    assert (view.by_unit["label"].iloc[0], view.by_unit["count"].iloc[0]) == (names[top_unit], top_count)
    assert len(view.by_unit) == 15
    assert int(view.by_cluster["count"].sum()) == len(rows)
    assert "Cụm thi đua số 7" in set(view.by_cluster["label"])
    submitted = view.trend[view.trend["series"] == "submitted"]
    ids = {r["id"] for r in rows}
    history = [h for h in raw_history(rep) if h["row_id"] in ids and h["action"] == "submit"]
    assert int(submitted["count"].sum()) == len(history)


def raw_history(rep: Reporting) -> list[dict[str, Any]]:
    return rep.services.store.read("history").to_dict("records")


def test_view_in_english_names_states_in_english(rep: Reporting) -> None:
    vi = rep.view(LEADER, Filters(campaign_id="HN-2024-KTN"), "vi")
    en = rep.view(LEADER, Filters(campaign_id="HN-2024-KTN"), "en")
    assert set(vi.by_state["label"]) != set(en.by_state["label"])
    assert int(vi.by_state["count"].sum()) == int(en.by_state["count"].sum()) == vi.submissions


def test_view_for_an_officer_holds_only_the_own_unit(rep: Reporting) -> None:
    view = rep.view(OFFICER)
    assert set(view.by_unit["unit_id"]) == {OFFICER.unit_id}
    for t in view.metrics:
        for df in rep.drill_down(OFFICER, t).values():
            assert set(df["unit_id"]) <= {OFFICER.unit_id}


def test_grading_table_all_grades_even_when_missing() -> None:
    import pandas as pd

    table = ma.grading_table(pd.DataFrame({"grade": ["HTTNV", "HTTNV", "HTXSNV"]}))
    assert list(table["grade"]) == ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
    assert list(table["count"]) == [1, 2, 0, 0]


def test_campaign_targets_hand_count(rep: Reporting, raw: dict[str, list[dict[str, Any]]]) -> None:
    view = rep.view(LEADER, Filters(campaign_id="HN-2024-KTN"))
    by_code = {t.code: t for t in view.targets}
    ldtt = by_code["target_HN-2024-KTN_ldtt_awarded"]
    awarded = [
        r
        for r in raw["nominations"]
        if r["campaign_id"] == "HN-2024-KTN" and r["award_code"] == "LDTT" and r["state"] == "AWARDED"
    ]
    assert (ldtt.value, ldtt.target) == (len(awarded), 1200)
    works = by_code["target_HN-2024-KTN_works_accepted"]
    accepted = [r for r in raw["works"] if r["campaign_id"] == "HN-2024-KTN" and r["state"] == "ACCEPTED"]
    assert works.value == len(accepted) and len(works.drill["works"]) == len(accepted)
    assert all(t.code.startswith("target_HN-2024-KTN") for t in view.targets)


def test_scoped_tabs_are_read_within_scope_and_others_stay_refused(svc: Services) -> None:
    from core.errors import ActionNotAllowed

    for tab in ("unit_assessments", "contest_results", "thi_sinh_2023"):
        rows = svc.rows(OFFICER, tab)
        assert set(rows["unit_id"]) <= {OFFICER.unit_id}, tab
        assert len(svc.rows(LEADER, tab)) > len(rows)
    with pytest.raises(ActionNotAllowed):  # the judges' individual points are not a scoped read
        svc.rows(OFFICER, "contest_scores")
    with pytest.raises(ActionNotAllowed):
        svc.rows(OFFICER, "users")


@pytest.mark.parametrize("actor", [LEADER, OFFICER, REVIEWER], ids=["leader", "officer", "reviewer"])
def test_view_behind_holds_the_same_rows_as_a_scope_checked_re_read(rep: Reporting, actor: Any) -> None:
    view = rep.view(actor)
    for t in (*view.metrics, *view.targets):
        behind = view.behind(t)
        again = rep.drill_down(actor, t)
        for tab, ids in t.drill.items():
            assert sorted(behind[tab]["id"]) == sorted(again[tab]["id"]) == sorted(ids), (t.code, tab)
            if "unit_id" in behind[tab] and len(behind[tab]):
                assert behind[tab]["unit_name"].str.len().min() > 0


def test_unit_filters_narrow_the_prizes_not_the_declared_totals(
    rep: Reporting, raw: dict[str, list[dict[str, Any]]]
) -> None:
    sector = {u["id"]: u["sector"] for u in raw["units"]}
    fdi = [r for r in raw["contest_results"] if r["prize_code"] and sector[r["unit_id"]] == "FDI"]
    tiles = m.by_code(rep.metrics(LEADER, Filters(sector="FDI")))
    assert 0 < len(fdi) < 111
    assert (tiles["contest_prizes"].numerator, tiles["contest_prizes"].denominator) == (len(fdi), 111)
    assert tiles["contest_prize_money"].value == sum(r["amount_vnd"] for r in fdi)
    assert tiles["contest_prize_money"].target == 564_000_000


def test_the_trend_counts_moves_into_a_decided_state_whatever_they_are_called(
    rep: Reporting, raw: dict[str, list[dict[str, Any]]]
) -> None:
    """The contest's entrants are decided by ``award`` (a prize) and ``close`` (no prize, outcome
    accepted): both count as done in the weekly trend, not only the moves named award or accept."""
    view = rep.view(LEADER, Filters(campaign_id="HN-2023-HTTG"))
    entrants = {r["id"] for r in raw["thi_sinh_2023"]}
    moves = [
        h for h in raw["history"] if h["row_id"] in entrants and h["to_state"] in ("AWARDED", "NO_PRIZE")
    ]
    assert {h["action"] for h in moves} == {"award", "close"} and len(moves) == 363
    done = view.trend[view.trend["series"] == "done"]
    assert int(done["count"].sum()) == len(moves)


def test_the_progress_tile_shows_the_campaign_running_today(rep: Reporting) -> None:
    """Among the campaigns of 2023 and 2024 (and the 2025 contest announced), the tile follows the
    one running on 05/12/2024, not the one opening last."""
    t = m.by_code(rep.metrics(LEADER))["campaign_progress"]
    assert "Bình xét thi đua, khen thưởng năm 2024" in t.full_label("vi") and t.denominator == 352

"""The dashboard as a newcomer reads it (issue 16): targets follow the viewer's scope, a tile says in
words whether it is on track, the leading cluster is named, equivalent states are one bar."""

from __future__ import annotations

import math
from typing import Any

from reporting import metrics as m
from reporting.metrics import Filters
from reporting.reporting import Reporting
from tests.conftest import LEADER, OFFICER, REVIEWER

CAMPAIGN = "HN-2024-KTN"


def _grassroots(raw: dict[str, list[dict[str, Any]]]) -> list[str]:
    return [str(u["id"]) for u in raw["units"] if u["level"] == "CDCS"]


def test_an_officer_is_measured_against_a_target_for_one_union_not_the_city(
    rep: Reporting, raw: dict[str, list[dict[str, Any]]]
) -> None:
    city = m.by_code(rep.metrics(LEADER))["works_co_so"]
    mine = m.by_code(rep.metrics(OFFICER))["works_co_so"]
    unions = len(_grassroots(raw))
    assert city.target == 526
    assert mine.target == math.ceil(526 / unions) < 526  # one grassroots union's share of 526
    assert "526" in (mine.note or {})["vi"] and str(mine.target) in (mine.note or {})["vi"]
    view = rep.view(OFFICER, Filters(campaign_id=CAMPAIGN))
    ldtt = next(t for t in view.targets if t.code.endswith("ldtt_awarded"))
    assert ldtt.target == math.ceil(1200 / unions)


def test_a_reviewer_sees_the_share_of_the_unions_below_them(
    rep: Reporting, raw: dict[str, list[dict[str, Any]]]
) -> None:
    parent = {str(u["id"]): str(u["parent_id"] or "") for u in raw["units"]}

    def below(unit: str) -> bool:
        while unit and unit != REVIEWER.unit_id:
            unit = parent.get(unit, "")
        return unit == REVIEWER.unit_id

    grassroots = _grassroots(raw)
    share = sum(1 for u in grassroots if below(u)) / len(grassroots)
    assert m.by_code(rep.metrics(REVIEWER))["works_co_so"].target == math.ceil(526 * share - 1e-9)


def test_a_tile_says_where_it_stands() -> None:
    base = {"code": "x", "number": 1, "label": {"vi": "x", "en": "x"}, "numerator": None, "denominator": None,
            "as_of": "", "sources": (), "kind": "quota"}  # fmt: skip
    assert m.Metric(value=10, target=10, **base).status() == "met"  # type: ignore[arg-type]
    assert m.Metric(value=6, target=10, elapsed=0.5, **base).status() == "on_track"  # type: ignore[arg-type]
    assert m.Metric(value=3, target=10, elapsed=0.5, **base).status() == "behind"  # type: ignore[arg-type]
    assert m.Metric(value=3, target=None, **base).status() is None  # type: ignore[arg-type]


def test_the_leading_cluster_is_named_on_its_tile(rep: Reporting) -> None:
    tile = m.by_code(rep.metrics(LEADER))["cluster_leaderboard"]
    names = set(rep.cluster_names().values())
    assert tile.display("vi") in names and tile.display("en") in names
    assert f"({tile.value} kết quả)" in tile.full_label("vi")  # what it counts, under the name


def test_equivalent_states_of_different_campaigns_are_one_bar(rep: Reporting) -> None:
    view = rep.view(LEADER, Filters())
    labels = list(view.by_state["label"])
    assert len(labels) == len(set(labels))
    returned = [lab for lab in labels if lab.startswith("Trả lại")]
    assert returned == ["Trả lại để bổ sung"], labels

"""The dashboard per role: tiles from core.reporting with short labels, filters, drill-down within
scope, charts, English labels. Expected figures come from ``Reporting`` over the same store, and
the scope checks compare with the units each actor may read."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from ui_helpers import COUNCIL, LEADER, OFFICER, OFFICER_VQ, REVIEWER, OpenApp, assert_clean, texts

from core import metrics as m
from core.metrics import Filters
from core.model import Actor
from core.reporting import Reporting
from core.services import Services

#: DOMAIN.md §6 rows the dashboard shows a tile for (1–10), plus "units submitted".
NUMBERS = set(range(1, 11))


def _open(view_app: OpenApp, actor: Actor, campaign: str = "") -> AppTest:
    at = view_app(actor, page="dashboard")
    at.selectbox(key="dashboard_campaign").set_value(campaign).run()
    assert_clean(at)
    return at


def test_leader_sees_every_tile_with_short_labels_values_and_targets(
    view_app: OpenApp, services: Services
) -> None:
    at = _open(view_app, LEADER)
    tiles = Reporting(services).metrics(LEADER)
    assert {t.number for t in tiles} >= NUMBERS
    assert [mt.label for mt in at.metric] == [t.short_label("vi") for t in tiles]
    assert [mt.value for mt in at.metric] == [t.display("vi") for t in tiles]
    assert all(len(mt.label) <= m.SHORT_LABEL_MAX for mt in at.metric)
    shares = [mt.value for mt in at.metric if mt.value.endswith("%")]
    assert shares and all("," in v for v in shares)  # "86,29%", the Vietnamese way
    by_label = {mt.label: mt for mt in at.metric}
    assert by_label["Tiền thưởng thợ giỏi"].value == "564 triệu đồng"
    assert by_label["Giải thợ giỏi"].value == "111/111"
    # the full definition, the source tab and the as-of time are in the tooltip
    assert "Tỷ lệ cá nhân đạt danh hiệu thi đua" in by_label["Cá nhân đạt danh hiệu"].help
    assert "Nguồn: Đề nghị, Danh mục" in by_label["Cá nhân đạt danh hiệu"].help
    assert "05/12/2024" in by_label["Cá nhân đạt danh hiệu"].help
    captions = texts(at, "caption")
    assert any(c.startswith("Mục tiêu ≥ 80,00% · ") for c in captions)
    assert len(at.get("vega_lite_chart")) == 4  # state, cluster, unit, weekly trend
    assert any(s.startswith("Cập nhật lúc") for s in captions)


def test_officer_sees_only_the_own_scope_and_drills_into_own_rows(
    view_app: OpenApp, services: Services
) -> None:
    at = _open(view_app, OFFICER)
    rep = Reporting(services)
    tiles = rep.metrics(OFFICER)
    assert [mt.value for mt in at.metric] == [t.display("vi") for t in tiles]
    pipeline = m.by_code(tiles)["pipeline"]
    own = sum(len(services.my_rows(OFFICER, tab)) for tab in ("nominations", "works", "initiatives"))
    assert pipeline.denominator == own
    codes = [t.code for t in rep.view(OFFICER).metrics]
    assert len(at.selectbox(key="dashboard_drill").options) >= len(codes)
    for code in codes:
        at.selectbox(key="dashboard_drill").set_value(code).run()
        assert_clean(at)
        for table in at.dataframe:
            frame = table.value
            if "unit_id" in frame:
                assert set(frame["unit_id"]) <= {OFFICER.unit_id}, code


@pytest.mark.parametrize("actor", [OFFICER_VQ, REVIEWER], ids=["officer-vanquan", "reviewer-kcn"])
def test_drill_down_rows_stay_within_scope(view_app: OpenApp, services: Services, actor: Actor) -> None:
    at = _open(view_app, actor)
    scope = services.readable_units(actor)
    assert scope is not None
    assert any(o.startswith("Đang xử lý: ") for o in at.selectbox(key="dashboard_drill").options)
    at.selectbox(key="dashboard_drill").set_value("pipeline").run()
    assert_clean(at)
    drilled = [t.value for t in at.dataframe if "unit_id" in t.value]
    assert drilled and all(set(f["unit_id"]) <= scope for f in drilled)
    expected = m.by_code(Reporting(services).metrics(actor))["pipeline"].row_count()
    assert sum(len(f) for f in drilled) == expected


def test_filters_change_the_figures(view_app: OpenApp, services: Services) -> None:
    at = _open(view_app, COUNCIL)
    at.selectbox(key="dashboard_sector").set_value("FDI").run()
    assert_clean(at)
    tiles = Reporting(services).metrics(COUNCIL, Filters(sector="FDI"))
    assert [mt.value for mt in at.metric] == [t.display("vi") for t in tiles]
    at.selectbox(key="dashboard_year").set_value("2022").run()
    assert_clean(at)
    grading = m.by_code(Reporting(services).metrics(COUNCIL, Filters(year=2022, sector="FDI")))[
        "unit_grading"
    ]
    assert next(mt for mt in at.metric if mt.label == "CĐCS xuất sắc").value == grading.display("vi")


def test_leader_in_english(view_app: OpenApp, services: Services) -> None:
    at = _open(view_app, LEADER)
    at.radio(key="lang").set_value("en").run()
    assert_clean(at)
    assert texts(at, "title") == ["Dashboard"]
    tiles = Reporting(services).metrics(LEADER)
    assert [mt.label for mt in at.metric] == [t.short_label("en") for t in tiles]
    assert "Individuals with a title" in [mt.label for mt in at.metric]
    money = next(mt for mt in at.metric if mt.label == "Contest prize money")
    assert money.value == "564,000,000 VND"
    assert any(c.startswith("Target ≥ 80.00% · ") for c in texts(at, "caption"))
    assert at.selectbox(key="dashboard_year").label == "Year"


def test_a_drilled_tile_that_a_filter_removes_falls_back_to_the_first(view_app: OpenApp) -> None:
    at = _open(view_app, LEADER, "HN-2024-KTN")
    at.selectbox(key="dashboard_drill").set_value("campaign_progress").run()
    assert_clean(at)
    at.selectbox(key="dashboard_year").set_value("2022").run()  # no campaign in 2022: no progress tile
    assert_clean(at)
    assert "Tiến độ đợt" not in [mt.label for mt in at.metric]
    assert at.selectbox(key="dashboard_drill").value != "campaign_progress"

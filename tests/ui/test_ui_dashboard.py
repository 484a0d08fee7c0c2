"""The dashboard per role: tiles from reporting.reporting with short labels, filters, drill-down within
scope, charts, English labels. Expected figures come from ``Reporting`` over the same store, and
the scope checks compare with the units each actor may read."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest
from ui_helpers import COUNCIL, LEADER, OFFICER, OFFICER_VQ, REVIEWER, OpenApp, assert_clean, texts

from core.model import Actor
from reporting import metrics as m
from reporting.metrics import Filters
from reporting.reporting import Reporting
from schemas.registry import SUBMISSION_TABS, TABS, submission_tabs
from services.services import Services

#: DOMAIN.md §6 rows the dashboard shows a tile for (1–10), plus "units submitted".
NUMBERS = set(range(1, 11))
#: The unit column's header in the drill-down tables (submissions, and the other scoped tabs).
UNIT_HEADERS_VI = {"Đơn vị trình", "Đơn vị"}
#: Every column name of every tab: none may reach a reader as a table header.
RAW_KEYS = {c for spec in TABS.values() for c in spec.columns}


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
    # each tile says what it counts and its target (one figure above it, no second fraction)
    assert any(c == "Tỷ lệ cá nhân đạt danh hiệu thi đua · Mục tiêu ≥ 80,00%" for c in captions), captions
    badges = [str(m.value) for m in at.markdown if "-badge[" in str(m.value)]
    assert any("Đạt mục tiêu" in b for b in badges) and any("Chưa đạt" in b for b in badges), badges
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
    own = sum(len(services.my_rows(OFFICER, tab)) for tab in submission_tabs())  # a contest's entrants too
    assert pipeline.denominator == own
    codes = [t.code for t in rep.view(OFFICER).metrics]
    assert len(at.selectbox(key="dashboard_drill").options) >= len(codes)
    own_name = services.reference().unit_name(OFFICER.unit_id)
    units_seen = 0
    for code in codes:
        at.selectbox(key="dashboard_drill").set_value(code).run()
        assert_clean(at)
        for table in at.dataframe:
            frame = table.value
            for header in UNIT_HEADERS_VI & set(frame.columns):
                assert set(frame[header]) <= {own_name}, code
                units_seen += len(frame)
    assert units_seen, "no drill-down table named a unit"


@pytest.mark.parametrize("actor", [OFFICER_VQ, REVIEWER], ids=["officer-vanquan", "reviewer-kcn"])
def test_drill_down_rows_stay_within_scope(view_app: OpenApp, services: Services, actor: Actor) -> None:
    at = _open(view_app, actor)
    scope = services.readable_units(actor)
    assert scope is not None
    assert any(o.startswith("Đang xử lý: ") for o in at.selectbox(key="dashboard_drill").options)
    at.selectbox(key="dashboard_drill").set_value("pipeline").run()
    assert_clean(at)
    drilled = [t.value for t in at.dataframe if "Đơn vị trình" in t.value]
    names = {services.reference().unit_name(u) for u in scope}
    assert drilled and all(set(f["Đơn vị trình"]) <= names for f in drilled)
    readable = {str(i) for tab in SUBMISSION_TABS for i in services.rows(actor, tab)["id"]}
    assert all(set(f["Mã"]) <= readable for f in drilled)  # the row id, last, names rows in scope only
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
    assert any(c.endswith(" · Target ≥ 80.00%") for c in texts(at, "caption"))
    assert at.selectbox(key="dashboard_year").label == "Year"


def test_a_drilled_tile_that_a_filter_removes_falls_back_to_the_first(view_app: OpenApp) -> None:
    at = _open(view_app, LEADER, "HN-2024-KTN")
    at.selectbox(key="dashboard_drill").set_value("campaign_progress").run()
    assert_clean(at)
    at.selectbox(key="dashboard_year").set_value("2022").run()  # no campaign in 2022: no progress tile
    assert_clean(at)
    assert "Tiến độ đợt" not in [mt.label for mt in at.metric]
    assert at.selectbox(key="dashboard_drill").value != "campaign_progress"


@pytest.mark.parametrize(
    ("lang", "unit_header", "award_header", "state_header"),
    [
        ("vi", "Đơn vị trình", "Danh hiệu / hình thức", "Trạng thái"),
        ("en", "Submitting unit", "Title / award", "State"),
    ],
)
def test_drill_down_reads_like_the_review_page_in_each_language(
    view_app: OpenApp, services: Services, lang: str, unit_header: str, award_header: str, state_header: str
) -> None:
    """The rows behind a tile show labelled headers, unit and award names, state labels and D/M/Y
    dates, never the sheet's column names or codes; the row id stays available, last."""
    at = view_app(LEADER)
    at.session_state["lang"] = lang
    at.switch_page("app_pages/dashboard.py").run()
    view = Reporting(services).view(LEADER, Filters(), lang)
    pipeline = m.by_code(view.metrics)["pipeline"]
    behind = view.behind(pipeline)["nominations"]
    known = behind.iloc[0]
    unit_name = services.reference().unit_name(str(known["unit_id"]))
    assert unit_name != known["unit_id"]
    award = services.reference().catalogue_map[str(known["award_code"])][f"name_{lang}"]
    at.selectbox(key="dashboard_drill").set_value("pipeline").run()
    assert_clean(at)
    frames = [t.value for t in at.dataframe]
    raw = sorted({str(c) for f in frames for c in f.columns} & RAW_KEYS)
    assert not raw, f"raw column names shown as headers: {raw}"
    noms = next(f for f in frames if award_header in f.columns)
    assert list(noms.columns)[-1] == ("Mã" if lang == "vi" else "ID")
    row = noms[noms[list(noms.columns)[-1]] == known["id"]].iloc[0]
    assert row[unit_header] == unit_name
    assert row[award_header] == award
    assert row[state_header] not in {"", known["state"]}
    assert not set(noms[award_header]) & set(services.reference().catalogue_map)  # no code left
    assert not set(noms[unit_header]) & set(behind["unit_id"])
    submitted = [v for v in noms["Trình lúc" if lang == "vi" else "Submitted at"] if v]
    assert submitted and all(re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", v) for v in submitted)
    breakdown = frames[0]  # counts by kind, state and level: labelled too
    assert "count" not in breakdown.columns and ("Số lượng" if lang == "vi" else "Count") in breakdown.columns


def test_filters_still_work_after_switching_language(view_app: OpenApp, services: Services) -> None:
    """A filter chosen in Vietnamese keeps working once the page is in English (its labels change)."""
    at = _open(view_app, COUNCIL)
    at.selectbox(key="dashboard_sector").set_value("FDI").run()
    at.radio(key="lang").set_value("en").run()
    assert_clean(at)
    at.selectbox(key="dashboard_year").set_value("2022").run()
    assert_clean(at)
    assert at.selectbox(key="dashboard_sector").value == "FDI"
    grading = m.by_code(Reporting(services).metrics(COUNCIL, Filters(year=2022, sector="FDI")))[
        "unit_grading"
    ]
    assert next(mt for mt in at.metric if mt.label == grading.short_label("en")).value == grading.display(
        "en"
    )


def test_prize_rows_name_the_contest_unit_and_prize(view_app: OpenApp, services: Services) -> None:
    """The rows behind the prize tile (the contest campaign's confirmed results): the trade's name
    (from the contest's YAML), the unit's name, the prize ("Giải Nhất") and the amount in đồng; the
    breakdown labelled the same way."""
    at = _open(view_app, LEADER)
    view = Reporting(services).view(LEADER, Filters(), "vi")
    prize = view.behind(m.by_code(view.metrics)["contest_prizes"])["contest_results"].iloc[0]
    at.selectbox(key="dashboard_drill").set_value("contest_prizes").run()
    assert_clean(at)
    breakdown, rows = (t.value for t in at.dataframe)
    assert list(breakdown.columns) == ["Nghề thi", "Giải", "Số lượng", "Tiền thưởng (đồng)"]
    assert breakdown.iloc[0]["Nghề thi"] == "Hàn điện" and breakdown.iloc[0]["Giải"] == "Giải Nhất"
    row = rows[rows["Mã"] == prize["id"]].iloc[0]
    assert row["Nghề thi"] != prize["category"] and row["Nghề thi"] in {"Hàn điện", "Tiện", "Phay", "Điện công nghiệp",
        "Lắp đặt điện", "Nguội", "Sửa chữa ô tô", "May công nghiệp", "Điện lạnh", "Vận hành máy CNC", "Nấu ăn"}  # fmt: skip
    assert row["Đơn vị"] == services.reference().unit_name(str(prize["unit_id"]))
    assert row["Giải"].startswith("Giải ") and row["Giải"] == prize["prize_label"]
    assert row["Tiền thưởng (đồng)"].endswith(" đồng") and "." in row["Tiền thưởng (đồng)"]

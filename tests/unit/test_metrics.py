"""Each leader metric (DOMAIN.md §6) on the demo data against an independent hand count.

The hand counts loop over the stored rows with plain Python (state names, award codes and SLA
days read straight from the campaign YAML), never through ``reporting.metrics``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

from core.text import match_key
from reporting import metrics as m
from reporting.metrics import Filters, Metric
from reporting.reporting import Reporting
from schemas.registry import submission_tabs
from services.services import Services
from tests.conftest import DEMO_DAY, LEADER, OFFICER, REVIEWER

ROOT = Path(__file__).resolve().parents[2]
TODAY = DEMO_DAY
TITLES = {"LDTT", "CSTD_CS", "U_CO_LDLD"}  # the demo's DANH_HIEU codes (catalogue.yaml)
IN_PROGRESS = {"DRAFT", "SUBMITTED", "IN_COUNCIL"}


def _sla() -> dict[tuple[str, str, str], int]:
    """(campaign, form, state) -> sla_days, read from the YAML files without the project's loader."""
    out: dict[tuple[str, str, str], int] = {}
    for path in (ROOT / "workflows" / "campaigns").glob("*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for form, fdata in doc["forms"].items():
            for state, sdata in doc["workflows"][fdata["workflow"]]["states"].items():
                if "sla_days" in sdata:
                    out[(doc["id"], form, state)] = int(sdata["sla_days"])
    return out


def _pct(num: int, den: int) -> str:
    hundredths = (num * 10000 * 2 + den) // (2 * den)  # half-up
    return f"{hundredths // 100},{hundredths % 100:02d}%"


# ------------------------------------------------------------------------------------- 1, 2


def test_title_share_individuals_hand_count(
    tiles: dict[str, Metric], raw: dict[str, list[dict[str, Any]]]
) -> None:
    decided: set[tuple[str, str]] = set()
    awarded: set[tuple[str, str]] = set()
    for r in raw["nominations"]:
        if (
            r["subject_kind"] == "CA_NHAN"
            and r["award_code"] in TITLES
            and r["state"] in ("AWARDED", "REJECTED")
        ):
            key = (r["unit_id"], match_key(r["full_name"]))
            decided.add(key)
            if r["state"] == "AWARDED":
                awarded.add(key)
    t = tiles["title_share_individual"]
    assert (t.numerator, t.denominator) == (len(awarded), len(decided))
    assert len(decided) > 500
    assert t.target == 0.8
    assert t.display() == _pct(len(awarded), len(decided))
    assert re.fullmatch(r"\d{1,3},\d{2}%", t.display())
    assert t.display_target() == "≥ 80,00%"
    assert t.sources == ("nominations", "catalogue")
    assert t.as_of.startswith("2024-12-05T09:30")


def test_title_share_collectives_hand_count(
    tiles: dict[str, Metric], raw: dict[str, list[dict[str, Any]]]
) -> None:
    decided = [
        r
        for r in raw["nominations"]
        if r["subject_kind"] == "TAP_THE" and r["state"] in ("AWARDED", "REJECTED")
    ]
    awarded = [r for r in decided if r["state"] == "AWARDED"]
    t = tiles["title_share_collective"]
    assert (t.numerator, t.denominator) == (len(awarded), len(decided))
    assert t.met is (len(awarded) / len(decided) >= 0.8)


# ------------------------------------------------------------------------------------- 3


def test_quota_rounding() -> None:
    assert m.quota(20) == 3  # DOMAIN.md §7.3: 20 LĐTT -> 3 CSTĐCS
    assert m.quota(10) == 2  # 1,5 rounds half up
    assert m.quota(10, rounding="FLOOR") == 1
    assert m.quota(3) == 0
    assert m.quota(20, ratio=0.2) == 4


def test_cstdcs_headroom_hand_count(tiles: dict[str, Metric], raw: dict[str, list[dict[str, Any]]]) -> None:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in raw["nominations"]:
        if r["award_code"] in ("LDTT", "CSTD_CS") and r["state"] not in ("REJECTED", "WITHDRAWN"):
            counts[r["unit_id"]][r["award_code"]] += 1
    expected = {u: (15 * c["LDTT"] + 50) // 100 - c["CSTD_CS"] for u, c in counts.items()}
    t = tiles["cstdcs_headroom"]
    assert t.breakdown is not None
    got = dict(zip(t.breakdown["unit_id"], t.breakdown["headroom"], strict=True))
    assert got == expected
    over = sum(1 for h in expected.values() if h < 0)
    assert (t.value, t.numerator, t.denominator) == (over, over, len(expected))
    assert t.higher_is_better is False and t.target == 0


def test_cstdcs_ratio_is_a_parameter(svc: Services) -> None:
    loose = m.by_code(Reporting(svc, cstdcs_ratio=0.5).metrics(LEADER))["cstdcs_headroom"]
    assert loose.value == 0
    assert "50%" in loose.label["vi"]


# ------------------------------------------------------------------------------------- 4


def _workflow_tabs(raw: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Every tab of the demo whose rows move through a workflow: the built-in three and the contest
    campaigns' entrant tabs (a form's own tab)."""
    return [t for t in submission_tabs() if t in raw]


def test_pipeline_hand_count(tiles: dict[str, Metric], raw: dict[str, list[dict[str, Any]]]) -> None:
    rows = [(t, r) for t in _workflow_tabs(raw) for r in raw[t]]
    moving = [r for _, r in rows if r["state"] in IN_PROGRESS | {"RETURNED"}]
    t = tiles["pipeline"]
    assert (t.numerator, t.denominator) == (len(moving), len(rows))
    assert t.breakdown is not None
    by_state = t.breakdown.groupby(["tab", "state"])["count"].sum().to_dict()
    assert by_state == dict(Counter((tab, r["state"]) for tab, r in rows))
    # median days in state for SUBMITTED nominations at grassroots level
    units = {u["id"]: u["level"] for u in raw["units"]}
    ages = sorted(
        (TODAY - dt.date.fromisoformat(r["state_since"][:10])).days
        for r in raw["nominations"]
        if r["state"] == "SUBMITTED" and units[r["unit_id"]] == "CDCS"
    )
    mid = len(ages) // 2
    median = ages[mid] if len(ages) % 2 else (ages[mid - 1] + ages[mid]) / 2
    row = t.breakdown[
        (t.breakdown["tab"] == "nominations")
        & (t.breakdown["state"] == "SUBMITTED")
        & (t.breakdown["unit_level"] == "CDCS")
    ]
    assert float(row["median_days"].iloc[0]) == median


def test_overdue_hand_count(tiles: dict[str, Metric], raw: dict[str, list[dict[str, Any]]]) -> None:
    sla = _sla()
    late = 0
    for tab in ("nominations", "works", "initiatives"):
        for r in raw[tab]:
            limit = sla.get((r["campaign_id"], r["form"], r["state"]))
            if limit is not None and (TODAY - dt.date.fromisoformat(r["state_since"][:10])).days > limit:
                late += 1
    assert late > 0
    assert tiles["overdue"].value == late
    assert tiles["overdue"].row_count() == late


def test_returned_share_hand_count(tiles: dict[str, Metric], raw: dict[str, list[dict[str, Any]]]) -> None:
    returned_ids = {h["row_id"] for h in raw["history"] if h["action"] == "return"}
    put = [r for t in _workflow_tabs(raw) for r in raw[t] if r["submitted_at"]]
    ret = [r for r in put if r["id"] in returned_ids]
    t = tiles["returned_share"]
    assert (t.numerator, t.denominator) == (len(ret), len(put))
    assert t.display() == _pct(len(ret), len(put))


# ------------------------------------------------------------------------------------- 5


def _cluster_of(raw: dict[str, list[dict[str, Any]]], year: int) -> dict[str, str]:
    parent = {u["id"]: u["parent_id"] for u in raw["units"]}
    member = {c["unit_id"]: c["cluster_id"] for c in raw["cluster_members"] if c["year"] == year}
    out: dict[str, str] = {}
    for u in parent:
        cur: str | None = u
        while cur and cur not in member:
            cur = parent.get(cur) or None
        out[u] = member[cur] if cur else ""
    return out


def test_cluster_leaderboard_hand_count(
    tiles: dict[str, Metric], raw: dict[str, list[dict[str, Any]]]
) -> None:
    year_of = {"HN-2024-KTN": 2024, "HN-2023-DTD-CAODIEM-DH": 2023}
    maps = {y: _cluster_of(raw, y) for y in (2023, 2024)}
    totals: Counter[str] = Counter()
    for tab in ("nominations", "works", "initiatives"):
        for r in raw[tab]:
            if r["state"] in ("AWARDED", "ACCEPTED"):
                c = maps[year_of[r["campaign_id"]]][r["unit_id"]]
                if c:
                    totals[c] += 1
    t = tiles["cluster_leaderboard"]
    assert t.breakdown is not None
    assert dict(zip(t.breakdown["cluster_id"], t.breakdown["total"], strict=True)) == dict(totals)
    leader, best = totals.most_common(1)[0]
    assert t.value == best and t.breakdown["cluster_id"].iloc[0] == leader
    assert list(t.breakdown["rank"]) == [1, 2, 3]
    assert "bảng chấm điểm" in (t.note or {})["vi"]  # says it is a proxy


# ------------------------------------------------------------------------------------- 7


def test_campaign_progress_days(rep: Reporting, tiles: dict[str, Metric]) -> None:
    t = tiles["campaign_progress"]  # without a campaign filter: the latest campaign, HN-2024-KTN
    # 15/01/2024 -> 05/12/2024 inclusive is 326 days of 352 (15/01 -> 31/12)
    assert (t.numerator, t.denominator) == (326, 352)
    assert t.display() == "326/352 ngày"
    closed = m.campaign_days(rep.services.campaign("HN-2023-DTD-CAODIEM-DH"), TODAY)
    assert closed == (153, 153)  # DOMAIN.md R-CAMP-2: 01/05-30/09/2023 is 153 days


def test_works_by_level_hand_count(tiles: dict[str, Metric], raw: dict[str, list[dict[str, Any]]]) -> None:
    for level, ref in (("CO_SO", 526), ("CAP_TREN_CO_SO", 94), ("THANH_PHO", 6)):
        accepted = sum(1 for r in raw["works"] if r["level"] == level and r["state"] == "ACCEPTED")
        t = tiles[f"works_{level.lower()}"]
        assert (t.value, t.target) == (accepted, ref)
        assert t.display() == f"{accepted}/{ref}"


# ------------------------------------------------------------------------------------- 8, 9


def test_initiatives_hand_count(tiles: dict[str, Metric], raw: dict[str, list[dict[str, Any]]]) -> None:
    ini = raw["initiatives"]
    accepted = [r for r in ini if r["state"] == "ACCEPTED"]
    put = [r for r in ini if r["submitted_at"] and r["state"] != "WITHDRAWN"]
    t = tiles["initiatives_recognised"]
    assert (t.numerator, t.denominator) == (len(accepted), len(put))
    assert t.breakdown is not None
    assert dict(zip(t.breakdown["influence_scope"], t.breakdown["count"], strict=True)) == dict(
        Counter(r["influence_scope"] for r in accepted)
    )
    total = sum(int(r["benefit_vnd"] or 0) for r in accepted)
    b = tiles["initiative_benefit"]
    assert b.value == total
    ty, rest = divmod(total, 10**9)
    tr = rest // 10**6
    assert rest % 10**6 == 0
    assert b.display() == f"{ty} tỷ {tr} triệu đồng" if tr else f"{ty} tỷ đồng"


def test_cng_hand_count(tiles: dict[str, Metric], raw: dict[str, list[dict[str, Any]]]) -> None:
    put = [
        r
        for r in raw["nominations"]
        if r["award_code"] == "HN_CNG_TD" and r["submitted_at"] and r["state"] != "WITHDRAWN"
    ]
    t = tiles["cng_nominated"]
    assert (t.value, t.target, t.denominator) == (len(put), 100, 100)
    assert t.display() == f"{len(put)}/100"


def test_units_submitted_hand_count(tiles: dict[str, Metric], raw: dict[str, list[dict[str, Any]]]) -> None:
    grassroots = {
        u["id"]
        for u in raw["units"]
        if u["level"] == "CDCS" and (not u["valid_to"] or u["valid_to"] >= TODAY.isoformat())
    }
    done = {
        r["unit_id"] for t in ("nominations", "works", "initiatives") for r in raw[t] if r["submitted_at"]
    }
    t = tiles["units_submitted"]
    assert (t.numerator, t.denominator) == (len(done & grassroots), len(grassroots))


# ------------------------------------------------------------------------------------- scope, filters, drill-down


def test_scope_reviewer_sees_only_subtree(rep: Reporting, raw: dict[str, list[dict[str, Any]]]) -> None:
    children: dict[str, list[str]] = defaultdict(list)
    for u in raw["units"]:
        children[u["parent_id"]].append(u["id"])
    mine, stack = set(), [REVIEWER.unit_id]
    while stack:
        u = stack.pop()
        mine.add(u)
        stack.extend(children[u])
    tiles = m.by_code(rep.metrics(REVIEWER))
    put = [
        r
        for r in raw["nominations"]
        if r["award_code"] == "HN_CNG_TD" and r["submitted_at"] and r["state"] != "WITHDRAWN"
    ]
    assert tiles["cng_nominated"].value == sum(1 for r in put if r["unit_id"] in mine)
    rows = rep.drill_down(REVIEWER, tiles["pipeline"])
    assert rows and all(set(df["unit_id"]) <= mine for df in rows.values())
    grassroots_mine = {u["id"] for u in raw["units"] if u["id"] in mine and u["level"] == "CDCS"}
    assert tiles["units_submitted"].denominator == len(grassroots_mine)


def test_drill_down_rechecks_scope(rep: Reporting, tiles: dict[str, Metric]) -> None:
    t = tiles["title_share_individual"]
    rows = rep.drill_down(LEADER, t)["nominations"]
    assert len(rows) == len(t.drill["nominations"])
    # the same ids asked for by an officer: only the officer's own unit comes back
    mine = rep.drill_down(OFFICER, t)["nominations"]
    assert set(mine["unit_id"]) <= {OFFICER.unit_id}
    assert len(mine) < len(rows)


def test_filters_cluster_sector_level_year(rep: Reporting, raw: dict[str, list[dict[str, Any]]]) -> None:
    cl = _cluster_of(raw, 2024)
    data = rep.data(LEADER, Filters(year=2024, cluster_id="HN-CUM-07"))
    assert set(data.nominations["campaign_id"]) == {"HN-2024-KTN"}
    expected = sum(
        1 for r in raw["nominations"] if r["campaign_id"] == "HN-2024-KTN" and cl[r["unit_id"]] == "HN-CUM-07"
    )
    assert len(data.nominations) == expected
    sector = {u["id"]: u["sector"] for u in raw["units"]}
    fdi = rep.data(LEADER, Filters(sector="FDI"))
    assert len(fdi.works) == sum(1 for r in raw["works"] if sector[r["unit_id"]] == "FDI")
    upper = rep.data(LEADER, Filters(unit_level="CD_CTTCS"))
    assert set(upper.nominations["unit_level"]) == {"CD_CTTCS"}


def test_tiles_frame_and_english(tiles: dict[str, Metric]) -> None:
    frame = m.tiles_frame(tiles.values(), "en")
    assert {"label", "value", "target", "fraction", "sources", "as_of"} <= set(frame.columns)
    share = tiles["title_share_individual"]
    assert share.display("en") == share.display("vi").replace(",", ".")


def test_every_tile_names_its_sources_in_words(tiles: dict[str, Metric]) -> None:
    """ "Nguồn: Đề nghị, Bảng quy tắc", never a tab's key ("rules") in either language."""
    assert "reward_money" in tiles
    for tile in tiles.values():
        for source in tile.sources:
            assert source in m.SOURCE_LABELS or source in tile.source_names, (tile.code, source)
        for lang in ("vi", "en"):
            printed = tile.display_sources(lang).split(", ")
            assert not set(printed) & set(tile.sources), (tile.code, lang, printed)


def test_trend_table_hand_count(rep: Reporting, raw: dict[str, list[dict[str, Any]]]) -> None:
    data = rep.data(LEADER, Filters(campaign_id="HN-2023-DTD-CAODIEM-DH"))
    table = m.trend_table(data)
    ids = {r["id"] for r in raw["nominations"] if r["campaign_id"] == "HN-2023-DTD-CAODIEM-DH"}
    weekly: Counter[dt.date] = Counter()
    for h in raw["history"]:
        if h["tab"] == "nominations" and h["row_id"] in ids and h["action"] == "award":
            day = dt.date.fromisoformat(h["at"][:10])
            weekly[day - dt.timedelta(days=day.weekday())] += 1
    got = table[table["tab"] == "nominations"]
    assert dict(zip(got["week"], got["done"], strict=True)) == {w: n for w, n in weekly.items()} | {
        w: 0 for w in got["week"] if w not in weekly
    }
    assert int(got["done"].sum()) == sum(weekly.values()) > 0


def test_a_history_time_that_is_not_a_date_leaves_the_trend_of_the_other_rows_as_it_was(
    rep: Reporting,
) -> None:
    """A history cell edited by hand ("hôm qua" for a time) must not take the leaders' chart down:
    that row is left out, every other row counts as before."""
    import dataclasses

    data = rep.data(LEADER, Filters(campaign_id="HN-2023-DTD-CAODIEM-DH"))
    before = m.trend_table(data)
    hist = data.history.copy()
    award = hist.index[(hist["action"] == "award") & (hist["tab"] == "nominations")][0]
    day = dt.date.fromisoformat(str(hist.at[award, "at"])[:10])
    hist.loc[award, "at"] = "hôm qua"
    after = m.trend_table(dataclasses.replace(data, history=hist))
    week = day - dt.timedelta(days=day.weekday())

    def done(table: Any) -> dict[Any, int]:
        rows = table[table["tab"] == "nominations"]
        return dict(zip(rows["week"], rows["done"], strict=True))

    expected = done(before)
    expected[week] -= 1
    assert {w: n for w, n in done(after).items() if n} == {w: n for w, n in expected.items() if n}


def test_tiles_share_one_stacked_frame_without_changing_it(rep: Reporting, tiles: dict[str, Metric]) -> None:
    """The tiles of one refresh reuse the stacked submissions; a caller editing its copy changes nothing."""
    data = rep.data(LEADER)
    mine = m.submissions(data)
    mine["state"] = "DRAFT"  # a page's own copy: the next tiles must not see it
    again = m.by_code(rep._metrics(data))
    twice = m.by_code(rep._metrics(data))
    for code in ("pipeline", "overdue", "returned_share", "units_submitted", "cluster_leaderboard"):
        for got in (again[code], twice[code]):
            assert (got.value, got.numerator, got.denominator) == (
                tiles[code].value,
                tiles[code].numerator,
                tiles[code].denominator,
            ), code
            assert got.drill == tiles[code].drill, code
    assert m.submissions(data)["state"].tolist() != mine["state"].tolist()

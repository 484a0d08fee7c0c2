"""services.jury: judges score their categories cell by cell (version checked, own union recused),
the standings rank by the weighted total with the YAML's tie-breaks (optionally normalised between
judges), the prize tiers go down the ranking per category, and the secretary's confirmation writes
the results and moves every entrant in one store call, refused while a score is missing."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

import pandas as pd
import pytest

from core.errors import ActionNotAllowed, StaleRow
from services.jury import Entrant, Jury, compute_standings
from services.services import Services
from tests.conftest import LEADER, OFFICER, SECRETARY
from tests.contest.conftest import CONTEST, JUDGE_1, JUDGE_2, JUDGE_3, TAB, judge

Competing = Callable[..., list[str]]


def score_all(jury: Jury, marks: dict[str, tuple[int, int]], category: str = "HAN_DIEN") -> None:
    """Every judge of the category scores every entrant they may (the same marks)."""
    contest = jury.svc.campaign(CONTEST).contest
    assert contest is not None
    for email in contest.judges_of(category):
        j = next(a for a in (JUDGE_1, JUDGE_2, JUDGE_3) if a.email == email)
        sheet = jury.sheet(j, CONTEST, category)
        for e in sheet.entrants:
            if e.entry_id not in sheet.recused and e.entry_id in marks:
                for code, points in zip(("LT", "TH"), marks[e.entry_id], strict=True):
                    jury.save(j, CONTEST, e.entry_id, code, points, sheet.cell(e.entry_id, code).version)


def test_a_judge_scores_cell_by_cell_and_a_stale_cell_is_refused(jury: Jury, competing: Competing) -> None:
    (entry,) = competing("Nguyễn Văn Demo An")
    sheet = jury.sheet(JUDGE_1, CONTEST, "HAN_DIEN")
    assert [e.entry_id for e in sheet.entrants] == [entry] and sheet.recused == frozenset()
    first = jury.save(JUDGE_1, CONTEST, entry, "LT", 80, None)
    again = jury.sheet(JUDGE_1, CONTEST, "HAN_DIEN").cell(entry, "LT")
    assert (again.points, again.version) == (80, 1)
    # a second session still showing the empty cell: refused, the stored 80 stays
    with pytest.raises(StaleRow):
        jury.save(JUDGE_1, CONTEST, entry, "LT", 70, None)
    jury.save(JUDGE_1, CONTEST, entry, "LT", 85, 1)
    with pytest.raises(StaleRow):  # the version the first session saw has moved on
        jury.save(JUDGE_1, CONTEST, entry, "LT", 90, 1)
    assert jury.sheet(JUDGE_1, CONTEST, "HAN_DIEN").cell(entry, "LT").points == 85
    history = jury.svc.store.read("history")
    mine = history[history["row_id"] == str(first["id"])]
    assert list(zip(mine["from_state"], mine["to_state"], strict=True)) == [("", "80"), ("80", "85")]


@pytest.mark.parametrize(
    ("points", "says"),
    [(101, "vượt điểm tối đa 100"), (-1, "không được âm"), ("tám mươi", "số nguyên"), (7.5, "số nguyên")],
)
def test_points_outside_the_scale_are_refused(
    jury: Jury, competing: Competing, points: object, says: str
) -> None:
    (entry,) = competing("Nguyễn Văn Demo An")
    with pytest.raises(ActionNotAllowed) as err:
        jury.save(JUDGE_1, CONTEST, entry, "TH", points, None)
    assert says in err.value.message("vi")


def test_only_the_categorys_judges_score_and_never_their_own_union(jury: Jury, competing: Competing) -> None:
    (entry,) = competing("Nguyễn Văn Demo An")  # a Canon worker
    sheet = jury.sheet(JUDGE_2, CONTEST, "HAN_DIEN")
    assert entry in sheet.recused
    with pytest.raises(ActionNotAllowed) as err:
        jury.save(JUDGE_2, CONTEST, entry, "LT", 80, None)
    assert "cùng đơn vị" in err.value.message("vi")
    turning = judge(1, "tien")
    with pytest.raises(ActionNotAllowed) as err:
        jury.save(turning, CONTEST, entry, "LT", 80, None)  # a judge of another trade
    assert "không phải giám khảo của nghề này" in err.value.message("vi")
    with pytest.raises(ActionNotAllowed):
        jury.sheet(OFFICER, CONTEST)


def test_the_secretary_confirms_and_the_results_drive_the_awarded_state(
    jury: Jury, competing: Competing
) -> None:
    ids = competing("Demo An", "Demo Bình", "Demo Cường", "Demo Dũng", "Demo Giang")
    marks = dict(zip(ids, [(90, 95), (80, 85), (70, 75), (60, 65), (10, 20)], strict=True))
    score_all(jury, {i: m for i, m in marks.items() if i != ids[4]})
    with pytest.raises(ActionNotAllowed) as err:  # Demo Giang has no score yet
        jury.confirm(SECRETARY, CONTEST, ["HAN_DIEN"])
    assert "1 thí sinh chưa đủ điểm" in err.value.message("vi") and "Demo Giang" in err.value.message("vi")
    score_all(jury, {ids[4]: marks[ids[4]]} | {i: m for i, m in marks.items() if i != ids[4]})
    with pytest.raises(ActionNotAllowed):
        jury.confirm(LEADER, CONTEST, ["HAN_DIEN"])  # a leader sees the standings but does not confirm
    before = len(jury.svc.store.read("history"))
    results = jury.confirm(SECRETARY, CONTEST, ["HAN_DIEN"])
    assert [(r["rank"], r["prize_code"], r["amount_vnd"]) for r in results] == [
        (1, "NHAT", 12_000_000), (2, "NHI", 9_000_000), (3, "BA", 6_000_000), (4, "BA", 6_000_000), (5, "", 0),
    ]  # fmt: skip
    assert results[0]["total"] == "93.50"  # 30 % × 90 + 70 % × 95
    rows = jury.svc.store.read(TAB).set_index("id")
    assert [rows.loc[i, "state"] for i in ids] == ["AWARDED"] * 4 + [
        "NO_PRIZE"
    ]  # Demo Giang: 17 < min_total 50
    history = jury.svc.store.read("history")
    moves = history.iloc[before:]
    assert sorted(moves["action"]) == ["award"] * 4 + ["close"]
    assert moves.iloc[0]["reason"] == "Giải Nhất – 93.50 điểm, hạng 1"
    with pytest.raises(ActionNotAllowed) as err:
        jury.save(JUDGE_1, CONTEST, ids[0], "LT", 99, 1)
    assert err.value.message("vi") == "Kết quả nghề Hàn điện đã được xác nhận; điểm không sửa được nữa."
    with pytest.raises(ActionNotAllowed) as err:
        jury.confirm(SECRETARY, CONTEST, ["HAN_DIEN"])
    assert "đã được xác nhận" in err.value.message("vi")
    # the officer sees the results of the own unit's workers, not the judges' individual points
    mine = jury.results(OFFICER, CONTEST)
    assert set(mine["unit_id"]) == {OFFICER.unit_id} and len(mine) == 5


def test_a_confirmed_row_cannot_be_awarded_by_hand_before_the_results(
    svc: Services, competing: Competing
) -> None:
    (entry,) = competing("Nguyễn Văn Demo An")
    row = svc.get(SECRETARY, TAB, entry)
    with pytest.raises(ActionNotAllowed) as err:
        svc.act(SECRETARY, TAB, entry, int(row["version"]), "award")
    assert "chưa được thư ký xác nhận" in err.value.message("vi")


# ------------------------------------------------------------------------------------- pure ranking


def _entrant(i: int, unit: str = "U1", **row: object) -> Entrant:
    return Entrant(
        f"E{i}", f"Demo {chr(64 + i)}", unit, unit, "HAN_DIEN", "COMPETING", {"id": f"E{i}", **row}
    )


def _scores(rows: list[tuple[str, str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"entry_id": e, "judge_email": j, "criterion": c, "points": p} for e, j, c, p in rows]
    )


@pytest.fixture
def contest(svc: Services):  # type: ignore[no-untyped-def]
    spec = svc.campaign(CONTEST).contest
    assert spec is not None
    return dataclasses.replace(spec, jury={"HAN_DIEN": ("a@x.vn", "b@x.vn")}, min_total=None)


def test_ties_are_broken_by_practice_then_experience_then_flagged(contest) -> None:  # type: ignore[no-untyped-def]
    # E1 and E2 have the same total (30 % × 80 + 70 % × 60 = 66 = 30 % × 66 + 70 % × 66): practice first
    people = [_entrant(1, years_in_trade=3), _entrant(2, years_in_trade=9), _entrant(3, years_in_trade=20)]
    marks = {"E1": (80, 60), "E2": (66, 66), "E3": (66, 66)}
    scores = _scores(
        [
            (e, j, c, p)
            for e, m in marks.items()
            for j in ("a@x.vn", "b@x.vn")
            for c, p in zip(("LT", "TH"), m, strict=True)
        ]
    )
    lines = compute_standings(contest, people, scores, {})
    assert [(s.entrant.entry_id, s.rank, s.tied) for s in lines] == [
        ("E3", 1, False),
        ("E2", 2, False),
        ("E1", 3, False),
    ]
    same = compute_standings(contest, [_entrant(1, years_in_trade=9), _entrant(2, years_in_trade=9)],
                             _scores([(e, j, c, 70) for e in ("E1", "E2") for j in ("a@x.vn",) for c in ("LT", "TH")]),
                             {})  # fmt: skip
    assert [(s.rank, s.tied) for s in same] == [(1, True), (2, True)]  # equal on every key: flagged


def test_a_recused_judge_leaves_the_mean_to_the_others_and_normalising_evens_judges(contest) -> None:  # type: ignore[no-untyped-def]
    people = [_entrant(1, unit="CANON"), _entrant(2), _entrant(3)]
    # judge b (of Canon) is strict: 20 points under judge a for everyone; b cannot score E1
    rows = [("E1", "a@x.vn", c, 70) for c in ("LT", "TH")]
    rows += [(e, "a@x.vn", c, p) for e, p in (("E2", 80), ("E3", 60)) for c in ("LT", "TH")]
    rows += [(e, "b@x.vn", c, p) for e, p in (("E2", 60), ("E3", 40)) for c in ("LT", "TH")]
    plain = compute_standings(contest, people, _scores(rows), {"b@x.vn": "CANON"})
    assert {s.entrant.entry_id: s.total for s in plain} == {"E1": 70.0, "E2": 70.0, "E3": 50.0}
    assert all(s.complete for s in plain) and plain[0].judges + plain[1].judges == 3
    normal = compute_standings(
        dataclasses.replace(contest, normalise=True), people, _scores(rows), {"b@x.vn": "CANON"}
    )
    assert (
        normal[0].entrant.entry_id == "E2" and normal[0].normalised == 100.0 and normal[-1].normalised == 0.0
    )


def test_prize_seats_follow_the_category_counts_and_the_floor(contest) -> None:  # type: ignore[no-untyped-def]
    people = [_entrant(i) for i in range(1, 14)]
    rows = [
        (f"E{i}", j, c, 100 - 5 * i) for i in range(1, 14) for j in ("a@x.vn", "b@x.vn") for c in ("LT", "TH")
    ]
    lines = compute_standings(contest, people, _scores(rows), {})
    assert [s.prize_code for s in lines] == ["NHAT", "NHI", "BA", "BA", *["KK"] * 7, "", ""]  # welding: 7 KK
    floor = compute_standings(dataclasses.replace(contest, min_total=Decimal(70)), people, _scores(rows), {})
    assert [s.prize_code for s in floor] == ["NHAT", "NHI", "BA", "BA", "KK", "KK", *[""] * 7]

"""The award history built for a page's rows (``history_for_rows``) answers exactly as the history of
every person does, for the persons those rows name: same person found (or the same ambiguity),
same failed prerequisites. And it is never stale: a rating or a grant written by another process
shows on the reviewer's next view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.clock import FixedClock
from core.ports import Change
from demo.awards import edge_person
from schemas.registry import coerce_frame, headers
from services.prerequisites import (
    HISTORY_TABS,
    PERSON_TABS,
    AwardHistory,
    evaluate,
    history_for_rows,
    history_from_tabs,
    record_checker,
)
from services.rules import default_book
from services.services import Services
from storage.sqlite import SqliteWorkbook
from tests.conftest import REVIEWER
from workflows.loader import load_campaigns

ON = dt.date(2024, 12, 31)
RULES = default_book()
UNITS = ("U-A", "U-B", "U-C")
#: a small pool, so names collide within a unit (ambiguous) and across units; the last two share a
#: matching key (tone mark placed differently)
NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Thị Thủy", "Lê Thị Thuỷ")
CODES = ("LDTT", "CSTD_CS", "CSTD_BNT", "CSTD_TQ", "BK_BNT")
YEARS = (2021, 2022, 2023, 2024)
SCOPES = ("", "CO_SO", "BO_NGANH_TINH", "TOAN_QUOC")


def outcome(r: Mapping[str, Any]) -> str:
    return "accepted" if r["state"] == "ACCEPTED" else "pending"


@st.composite
def books(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Typed frames of the five history tabs, and some rows a page might show."""
    n = draw(st.integers(1, 8))
    persons = [
        {"id": f"P{i}", "full_name": draw(st.sampled_from(NAMES)), "unit_id": draw(st.sampled_from(UNITS)),
         "hired_on": draw(st.sampled_from(["2010-03-01", "2024-06-01", ""]))}
        for i in range(n)
    ]  # fmt: skip
    pids = st.sampled_from([f"P{i}" for i in range(n)] + ["P-NONE"])
    years = [
        {"person_id": draw(pids), "year": draw(st.sampled_from(YEARS)),
         "task_rating": draw(st.sampled_from(["HTXSNV", "HTTNV", "HTNV"])),
         "discipline": draw(st.sampled_from(["NONE", "KHIEN_TRACH"])),
         "initiatives_recognised": draw(st.integers(0, 2)), "initiative_scope": draw(st.sampled_from(SCOPES))}
        for _ in range(draw(st.integers(0, 12)))
    ]  # fmt: skip
    grants = [
        {"subject_kind": draw(st.sampled_from(["CA_NHAN", "TAP_THE"])), "subject_id": draw(pids),
         "award_code": draw(st.sampled_from(CODES)), "year": draw(st.sampled_from(YEARS)),
         "revoked": draw(st.booleans()), "unit_id": draw(st.sampled_from(UNITS))}
        for _ in range(draw(st.integers(0, 10)))
    ]  # fmt: skip
    noms = [
        {"id": f"N{i}", "campaign_id": "C", "form": "f", "unit_id": draw(st.sampled_from(UNITS)),
         "state": draw(st.sampled_from(["SUBMITTED", "REJECTED", "IN_COUNCIL"])),
         "subject_kind": draw(st.sampled_from(["CA_NHAN", "CA_NHAN", "TAP_THE"])),
         "full_name": draw(st.sampled_from(NAMES)), "person_id": draw(st.sampled_from(["", "", "P0", "P-NONE"])),
         "award_code": draw(st.sampled_from(CODES)), "year": draw(st.sampled_from(YEARS)),
         "criterion_path": draw(st.sampled_from(["", "CSTD_2Y", "HTXS_2Y_2SK"]))}
        for i in range(draw(st.integers(1, 10)))
    ]  # fmt: skip
    initiatives = [
        {"campaign_id": "C", "form": "i", "unit_id": draw(st.sampled_from(UNITS)),
         "state": draw(st.sampled_from(["ACCEPTED", "SUBMITTED"])),
         "authors": ";".join(draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=2))),
         "first_applied_on": f"{draw(st.sampled_from(YEARS))}-05-01",
         "influence_scope": draw(st.sampled_from(SCOPES))}
        for _ in range(draw(st.integers(0, 5)))
    ]  # fmt: skip
    frames = {
        "persons": coerce_frame("persons", persons),
        "person_years": coerce_frame("person_years", years),
        "award_grants": coerce_frame("award_grants", grants),
        "nominations": coerce_frame("nominations", noms),
        "initiatives": coerce_frame("initiatives", initiatives),
    }
    shown = draw(st.lists(st.sampled_from(noms), min_size=1, max_size=4))
    return frames, shown


def answers(history: AwardHistory, row: Mapping[str, Any]) -> tuple[Any, ...]:
    pid, hits = history.find(str(row["unit_id"]), row["full_name"], row["person_id"])
    found = [] if pid is None else evaluate(history, RULES, ON, pid, row["award_code"], row["year"],
                                            row["criterion_path"])  # fmt: skip
    return pid, hits, found


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
def test_the_history_of_a_pages_rows_answers_as_the_whole_history(
    case: tuple[dict[str, Any], list[dict[str, Any]]],
) -> None:
    frames, shown = case
    whole = history_from_tabs(frames, outcome)
    part = history_for_rows(frames, shown, outcome)
    for row in shown:
        assert part.covers(row)
        assert answers(part, row) == answers(whole, row)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
def test_the_persons_records_picked_from_the_store_answer_as_the_whole_history(
    case: tuple[dict[str, Any], list[dict[str, Any]]],
) -> None:
    """On SQLite a cold page reads its rows' persons' records by value (``read_matching``), not the
    person tabs: the same person found, the same failed prerequisites."""
    frames, shown = case
    store = SqliteWorkbook(":memory:")
    try:
        store.ensure_tabs({t: list(headers()[t]) for t in PERSON_TABS})
        for tab in PERSON_TABS:
            store.append(tab, frames[tab].astype(object).where(frames[tab].notna(), None).to_dict("records"),
                         actor="seed")  # fmt: skip
        rest = {t: f for t, f in frames.items() if t not in PERSON_TABS}
        whole = history_from_tabs(frames, outcome)
        part = history_for_rows(rest, shown, outcome, matching=store.read_matching,
                                whole=lambda: {**rest, **store.read_many(list(PERSON_TABS))})  # fmt: skip
        for row in shown:
            assert part.covers(row)
            assert answers(part, row) == answers(whole, row)
    finally:
        store.close()


def test_a_row_outside_the_built_history_gets_its_own_answer() -> None:
    """The guard's checker builds the history for the rows it was given; a row of another unit asked
    later is answered from a history that covers it too (never from one that does not know it)."""
    people = [{"id": "P1", "full_name": "Lê Thị Thủy", "unit_id": "U-A", "hired_on": "2024-06-01"},
              {"id": "P2", "full_name": "Lê Thị Thủy", "unit_id": "U-B", "hired_on": "2010-01-01"}]  # fmt: skip
    ratings = [
        {"person_id": p, "year": 2024, "task_rating": "HTXSNV", "discipline": "NONE"} for p in ("P1", "P2")
    ]
    frames = {
        "persons": coerce_frame("persons", people),
        "person_years": coerce_frame("person_years", ratings),
    }
    built: list[int] = []

    def history_for(rows: Any) -> AwardHistory:
        built.append(len(rows))
        return history_for_rows(frames, rows)

    row_a = {"unit_id": "U-A", "full_name": "Lê Thị Thủy", "award_code": "LDTT", "year": 2024}
    row_b = {**row_a, "unit_id": "U-B"}
    check = record_checker(history_for, lambda: RULES, ON, [row_a])
    assert [f.rule for f in check(row_a)] == ["ldtt_too_new"]  # hired 06/2024: P1, not P2
    assert check(row_b) == []  # P2 of U-B, hired 2010
    assert check(row_a) and built == [2, 3]  # built for [a, a], then [a, a, b]; then kept


def test_a_rating_written_by_another_process_shows_on_the_reviewers_next_view(
    demo_db: Path, clock: FixedClock
) -> None:
    """Nothing is kept that a write could leave stale: another process lowers a nominee's rating,
    and the reviewer's very next view refuses the approval, naming it."""
    store = SqliteWorkbook(demo_db)
    svc = Services(store, load_campaigns(), clock, cache_seconds=3600.0)
    queue = svc.queue(REVIEWER, "nominations")
    rows = queue[(queue["award_code"] == "LDTT") & (queue["person_id"] == "")].to_dict("records")
    assert rows, "the demo queue has LĐTT nominations"
    row = rows[0]
    assert "approve" in {t.trigger for t in svc.actions(REVIEWER, "nominations", row)}
    history = svc.award_history_for([row])
    pid = history.find(str(row["unit_id"]), row["full_name"])[0]
    assert pid is not None
    with SqliteWorkbook(demo_db, replica=False) as other:
        py = other.read("person_years")
        mine = py[(py["person_id"] == pid) & (py["year"] == int(row["year"]))].iloc[0]
        other.update("person_years", [Change(str(mine["id"]), int(mine["version"]), {"task_rating": "HTNV"})],
                     actor="other")  # fmt: skip
    assert "approve" not in {t.trigger for t in svc.actions(REVIEWER, "nominations", row)}
    reasons = [r for t, r in svc.blocked_moves(REVIEWER, "nominations", row) if t.trigger == "approve"]
    assert reasons and "HTNV" in reasons[0]
    store.close()


def test_demo_rows_get_the_answers_of_the_whole_history(services: Services) -> None:
    """On the demo store: every live individual nomination of one union, judged with the history of
    that union's rows only, gets what the whole history says (the edge persons included)."""
    frames = services.store.read_many(list(HISTORY_TABS))
    whole = services.award_history()
    noms = frames["nominations"]
    units = {"HN-CDCS-CANON", *noms[noms["full_name"] == edge_person("cstdbnt_gap")]["unit_id"]}
    for unit in sorted(units):
        rows = noms[(noms["unit_id"] == unit) & (noms["subject_kind"] == "CA_NHAN")].to_dict("records")
        part = services.award_history_for(rows)
        assert rows and all(answers(part, r) == answers(whole, r) for r in rows)

"""The reviewer's queue is kept while nothing it reads changed, and never shown stale: a move made by
another process (another server on the same file) shows on the very next view."""

from __future__ import annotations

from pathlib import Path

from core.clock import FixedClock
from services.services import Services
from storage.sqlite import SqliteWorkbook
from tests.conftest import REVIEWER
from workflows.loader import load_campaigns

HOUR = 3600.0


def test_the_queue_is_counted_once_per_change_and_a_move_elsewhere_shows_at_once(
    demo_db: Path, clock: FixedClock
) -> None:
    mine = Services(SqliteWorkbook(demo_db), load_campaigns(), clock, cache_seconds=HOUR)
    first = mine.queue(REVIEWER, "nominations")
    assert not first.empty
    assert mine.queue(REVIEWER, "nominations") is first  # nothing changed: the rows judged once
    assert len(mine.queue(REVIEWER, "nominations", search=str(first["full_name"].iloc[0]))) >= 1

    row = first.iloc[0]
    other = Services(SqliteWorkbook(demo_db), load_campaigns(), clock, cache_seconds=HOUR)
    other.act(
        REVIEWER, "nominations", str(row["id"]), int(row["version"]), "reject", "Thiếu minh chứng kèm theo"
    )

    again = mine.queue(REVIEWER, "nominations")
    assert str(row["id"]) not in set(again["id"])
    assert len(again) == len(first) - 1
    assert "approve" not in {
        t.trigger
        for t in mine.actions(REVIEWER, "nominations", mine.get(REVIEWER, "nominations", str(row["id"])))
    }

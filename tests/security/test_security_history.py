"""T17 for councils and clusters (issue 23): a council meeting opened or closed, a ballot, an acclaim
vote and every scorecard change append their ``history`` row (actor, role, unit, time, what) in the
same store call as the change itself."""

from __future__ import annotations

import ast
from pathlib import Path

from services.cluster import ClusterScoring
from services.council import Council
from services.services import Services
from tests.conftest import CLUSTER_HEAD, DEMO_DAY, LEADER, REVIEWER, SECRETARY

ROOT = Path(__file__).resolve().parents[2]
WRITE_TABS = ("council_meetings", "ballots", "acclaims", "scorecards")


def _entries(services: Services, tab: str, row_id: str) -> list[dict[str, object]]:
    h = services.store.read("history")
    return h[(h["tab"] == tab) & (h["row_id"] == row_id)].sort_values("created_at").to_dict("records")


def test_every_council_and_cluster_write_is_in_history_with_actor_and_what(services: Services) -> None:
    council = Council(services)
    meeting = council.open_meeting(SECRETARY, DEMO_DAY, 13, 11, 1, "04/BB-HĐTĐKT")
    item = council.agenda(SECRETARY).iloc[0]
    ballot = council.record_ballot(
        SECRETARY, meeting["id"], str(item["id"]), "SECRET", 11, 1
    )  # ≥ 80 % of 13 for any title
    council.close_meeting(SECRETARY, meeting["id"], meeting["version"])

    scoring = ClusterScoring(services)
    scoring.self_score(REVIEWER, "HN-CUM-07", 2023, {"TC1": 18, "TC2": 14})
    scoring.cross_check(LEADER, "HN-CUM-07", 2023, "HN-CD-KCNCX", {"TC1": 17})
    scoring.acclaim(CLUSTER_HEAD, "HN-CUM-07", 2024, {"HN-CD-TCT-DL": 5, "HN-CD-KCNCX": 1})

    for tab in WRITE_TABS:
        rows = services.store.read(tab)
        written = rows[rows["updated_at"].str.startswith("2024-12-05")]  # the demo was seeded at another time
        assert not written.empty, tab
        for row in written.to_dict("records"):
            entries = _entries(services, tab, str(row["id"]))
            assert entries, (tab, row["id"])
            assert all(e["reason"] and str(e["at"]).startswith("2024-12-05") for e in entries)
            assert entries[-1]["actor_email"] == row["updated_by"], (tab, row["id"])
    opened, closed = _entries(services, "council_meetings", str(meeting["id"]))
    assert (opened["action"], opened["to_state"], opened["actor_role"]) == (
        "open",
        "OPEN",
        "COUNCIL_SECRETARY",
    )
    assert (closed["action"], closed["from_state"], closed["to_state"]) == ("close", "OPEN", "CLOSED")
    assert "11/13" in str(opened["reason"]) and "1 thông qua" in str(closed["reason"])
    (voted,) = _entries(services, "ballots", str(ballot["id"]))
    assert voted["action"] == "ballot" and "11 tán thành" in str(voted["reason"]) and voted["campaign_id"]
    h = services.store.read("history")
    cards = h[h["tab"] == "scorecards"]
    assert {"self_score", "cross_check"} <= set(cards["action"]) and set(cards["actor_email"]) >= {
        REVIEWER.email,
        LEADER.email,
    }
    (acclaim,) = h[h["tab"] == "acclaims"].to_dict("records")
    assert acclaim["to_state"] == "HN-CD-TCT-DL" and "HN-CD-TCT-DL=5" in str(acclaim["reason"])


def test_council_and_cluster_code_never_writes_around_the_history() -> None:
    """They write only through ``Services._write`` with a history row, never the store directly."""
    offenders = []
    for name in ("council.py", "cluster.py", "decided.py"):
        path = ROOT / "services" / name
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("append", "update")
                and isinstance(node.func.value, ast.Attribute)
                and node.func.value.attr == "store"
            ):
                offenders.append(f"services/{name}:{node.lineno}")
    assert not offenders, offenders

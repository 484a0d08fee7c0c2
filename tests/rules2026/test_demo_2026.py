"""The 2026 demo season (``cli.py seed-demo`` on a 2026 day): on the new tree, and every council
decision of it the outcome of a closed meeting's ballot recorded by the secretary (issue 23), as
for the 2023–2024 history; the season's minutes come from one of those meetings."""

from __future__ import annotations

import datetime as dt
import io

import docx

from demo.hanoi2026 import CAMPAIGN, DAY_2026, seed_2026
from exports import documents
from reporting.reporting import Reporting
from services.council import vote_rules
from tests.conftest import COUNCIL
from tests.rules2026.conftest import At


def test_the_2026_season_decides_at_the_council_only_by_closed_meetings_ballots(at: At) -> None:
    svc = at(DAY_2026)
    counts = seed_2026(svc)
    assert counts["nominations 2026"] > 50 and counts["council meetings 2026"] >= 1
    svc.invalidate()
    d = svc._read(["history", "ballots", "council_meetings", "nominations"])
    noms = d["nominations"][d["nominations"]["campaign_id"] == CAMPAIGN].set_index("id")
    history = d["history"][d["history"]["campaign_id"] == CAMPAIGN]
    meetings = d["council_meetings"].set_index("id")
    ballots = d["ballots"].set_index("nomination_id")
    decided = history[(history["from_state"] == "IN_COUNCIL") & (history["to_state"] != "RETURNED")]
    assert len(decided) >= 5 and set(decided["to_state"]) >= {"AWARDED"}
    assert "COUNCIL_MEMBER" not in set(history["actor_role"])  # a member only votes
    for h in decided.to_dict("records"):
        ballot = ballots.loc[h["row_id"]]
        meeting = meetings.loc[ballot["meeting_id"]]
        held = dt.date.fromisoformat(str(meeting["held_on"]))
        assert meeting["status"] == "CLOSED" and held.isoformat() <= str(h["at"])[:10]
        assert held.year == 2026 and held < DAY_2026
        assert (ballot["result"] == "PASS") == (h["to_state"] == "AWARDED")
        assert h["actor_role"] == "COUNCIL_SECRETARY" and str(meeting["minutes_no"]) in h["reason"]
        if ballot["result"] == "PASS":  # the dated threshold of the meeting's day (NĐ 152/2025)
            code = str(noms.loc[h["row_id"], "award_code"])
            assert vote_rules(held).threshold(code).met(int(ballot["yes"]), int(meeting["members_total"]))
    logged = set(zip(d["history"]["tab"], d["history"]["row_id"], strict=True))
    assert all(("ballots", b) in logged for b in d["ballots"]["id"])
    # the season's minutes: one closed 2026 meeting, its votes, never "(Đã ký)"
    rep = Reporting(svc)
    newest = rep.council_meetings(COUNCIL, CAMPAIGN).iloc[0]
    assert str(newest["held_on"]).startswith("2026")
    data = documents.council_minutes(rep.council_minutes(COUNCIL, CAMPAIGN))
    doc = docx.Document(io.BytesIO(data))
    cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
    text = "\n".join([p.text for p in doc.paragraphs] + cells)
    assert f"Số: {newest['minutes_no']}" in text and "(Đã ký)" not in text and "DỰ THẢO" not in text

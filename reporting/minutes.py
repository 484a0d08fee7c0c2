"""The minutes of one council meeting (Biên bản họp Hội đồng TĐKT), from that meeting only (issue 23).

Everything in the document comes from one ``council_meetings`` row and its ``ballots``:

* attendance: the meeting's members in total, present and written votes;
* the agenda: every ballot of the meeting on a nomination of the campaign; while the meeting is still
  open, also the campaign's nominations waiting at the council stage, marked "not voted yet";
* each item's votes (yes, no, invalid, recused), the threshold it was judged against and its outcome;
* the tally per award (put to the council, passed, share) counted from those same lines, so the two
  sections cannot contradict each other.

A meeting still open gives a draft ("DỰ THẢO"); the signature block never says "(Đã ký)": the app
cannot know that the minutes were signed. The secretary is the person who opened the meeting (its
``history`` row); the chair is not recorded, so the line is left to fill in.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import TYPE_CHECKING, Any

import pandas as pd

from core.errors import ActionNotAllowed
from core.model import Actor
from core.text import clean, iso_day
from core.vnformat import DocKind, try_parse_doc_number
from reporting.reporting import (
    AwardTally,
    BallotLine,
    CouncilMinutes,
    DocumentBundle,
    Nominee,
    sort_nominees,
)
from services.council import Council
from services.services import records

if TYPE_CHECKING:
    from reporting.reporting import Reporting

MEETINGS, BALLOTS = "council_meetings", "ballots"


def meetings_for(rep: Reporting, actor: Actor, campaign_id: str) -> pd.DataFrame:
    """Meetings of the campaign organiser's council that voted on the campaign's nominations, and
    those still open while the campaign has nominations at a council stage; newest first."""
    svc = rep.services
    camp = svc.campaign(campaign_id)
    d = svc._read([MEETINGS, BALLOTS])
    meetings = d[MEETINGS]
    meetings = meetings[meetings["council_unit_id"] == camp.organiser]
    noms = svc.rows(actor, "nominations", campaign_id)
    ballots = d[BALLOTS]
    voted = set(ballots[ballots["nomination_id"].isin(set(noms["id"]))]["meeting_id"])
    waiting = _agenda_rows(svc, noms)
    keep = meetings["id"].isin(voted) | ((meetings["status"] == "OPEN") & (not waiting.empty))
    out = meetings[keep]
    return out.sort_values(["held_on", "created_at"], ascending=False).reset_index(drop=True)


def _agenda_rows(svc: Any, noms: pd.DataFrame) -> pd.DataFrame:
    """Nominations of ``noms`` waiting at a council stage (their campaign's ``decided_by: council``)."""
    stages = Council(svc).agenda_stages()
    at = [
        (str(c), str(f), str(s)) in stages
        for c, f, s in zip(noms["campaign_id"], noms["form"], noms["state"], strict=True)
    ]
    return noms[pd.Series(at, index=noms.index, dtype=bool)]


def minutes_bundle(
    rep: Reporting, actor: Actor, campaign_id: str, number: int | str | None, meeting_id: str | None
) -> DocumentBundle:
    """The document data of the minutes of ``meeting_id`` (default: the campaign's newest meeting)."""
    svc = rep.services
    camp = svc.campaign(campaign_id)
    meetings = meetings_for(rep, actor, campaign_id)
    if meeting_id:
        meetings = meetings[meetings["id"] == meeting_id]
    if meetings.empty:
        raise ActionNotAllowed("minutes.no_meeting", campaign=camp.id)
    meeting = records(meetings)[0]
    ref = svc.reference()
    noms = svc.rows(actor, "nominations", campaign_id)
    by_id = {str(r["id"]): r for r in records(noms)}
    d = svc._read([BALLOTS])
    ballots = d[BALLOTS]
    ballots = ballots[(ballots["meeting_id"] == meeting["id"]) & ballots["nomination_id"].isin(set(by_id))]
    lines: list[BallotLine] = []
    for b in records(ballots):
        lines.append(
            BallotLine(
                _nominee(ref, by_id[str(b["nomination_id"])]),
                yes=int(b["yes"]),
                no=int(b["no"]),
                invalid=int(b["invalid"]),
                result=str(b["result"]),
                recused=int(b["recused"]),
                threshold=str(b["threshold"]),
            )
        )
    is_open = str(meeting["status"]) == "OPEN"
    if is_open:  # the draft lists what the meeting still has to vote on
        voted = set(ballots["nomination_id"])
        waiting = _agenda_rows(svc, noms)
        lines.extend(
            BallotLine(_nominee(ref, r), result="PENDING")
            for r in records(waiting)
            if str(r["id"]) not in voted
        )
    order = rep._award_order(camp)
    groups = sort_nominees([ln.nominee for ln in lines], order)
    proposed = Counter(ln.nominee.award_code for ln in lines)
    passed = Counter(ln.nominee.award_code for ln in lines if ln.result == "PASS")
    tallies = tuple(
        AwardTally(g.award_code, g.award_name, proposed[g.award_code], passed[g.award_code]) for g in groups
    )
    held = iso_day(meeting["held_on"]) or svc.today()
    minutes = CouncilMinutes(
        council_name=f"Hội đồng Thi đua – Khen thưởng {ref.unit_name(camp.organiser)}",
        campaign_name=camp.name["vi"],
        held_on=held,
        ballots=tuple(lines),
        tallies=tallies,
        members_total=int(meeting["members_total"]),
        members_present=int(meeting["members_present"]),
        written_votes=int(meeting["written_votes"]),
        secretary=_secretary(svc, str(meeting["id"])),
        meeting_id=str(meeting["id"]),
        minutes_no=clean(meeting["minutes_no"]),
        status=str(meeting["status"]),
    )
    info = rep.document_info(campaign_id, "BB", number, issuer_code="HĐTĐKT", signed_on=held)
    recorded = try_parse_doc_number(minutes.minutes_no)
    if number in (None, "") and recorded is not None and recorded.kind is DocKind.TYPED:
        info = dataclasses.replace(info, number=minutes.minutes_no)
    info = dataclasses.replace(info, draft=is_open)
    return DocumentBundle(
        info,
        camp.id,
        camp.name["vi"],
        camp.year,
        tuple(groups),
        minutes=minutes,
        extra=rep.document_extra(camp.id, held),
    )


def _nominee(ref: Any, r: dict[str, Any]) -> Nominee:
    code = str(r["award_code"])
    return Nominee(
        row_id=str(r["id"]),
        subject_kind=str(r["subject_kind"]),
        full_name=str(r["full_name"]),
        position=str(r["position"] or ""),
        unit_id=str(r["unit_id"]),
        unit_name=ref.unit_name(str(r["unit_id"])),
        award_code=code,
        award_name=str(ref.catalogue_map.get(code, {}).get("name_vi", code)),
        achievement=str(r["achievement"] or ""),
        state=str(r["state"]),
    )


def _secretary(svc: Any, meeting_id: str) -> str:
    """The name of whoever opened the meeting (its ``open`` history row), or "" when unknown."""
    h = svc._read(["history"])["history"]
    opened = h[(h["tab"] == MEETINGS) & (h["row_id"] == meeting_id) & (h["action"] == "open")]
    if opened.empty:
        return ""
    email = str(opened.iloc[0]["actor_email"])
    users = svc.reference().users
    hit = users[users["email"] == email]
    return str(hit.iloc[0]["full_name"]) if not hit.empty else ""


__all__ = ["meetings_for", "minutes_bundle"]

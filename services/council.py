"""Council sessions (phiên họp Hội đồng TĐKT): meetings, ballots, and what closing a meeting does.

The vote rules of DOMAIN.md §4.3 are dated data, never constants in code: :data:`DEFAULT_VOTE_RULES`
holds the defaults in the shape of the shared ``rules`` tab (``code``, ``value``, ``valid_from``,
``valid_to``), and rows of that tab with the same codes override them. A meeting is judged by the
rules in force on the day it is held.

Rule choices (documented in docs/councils-and-clusters.md):

* R-VOTE-3 quorum: ``members_present ≥ quorum_ratio × members_total``. Written votes of absent
  members count in the ballots but do not make a quorum. Without a quorum no ballot is recorded
  and nothing passes.
* R-VOTE-2/4 pass: ``yes ÷ members_total`` compared with the award's threshold; the denominator
  is every member of the council. Recused members stay in the denominator (``recusal_in_total``).
* R-VOTE-1 secret ballot for the codes listed in ``secret_ballot_codes``.
* Recusal: members from the nominee's unit (or a unit above it) do not vote; their number is
  recorded and they are counted among those present.
* Awards only through the vote (issue 23): the council's moves carry ``decided_by: council`` in the
  campaign YAML, so they fire only as the outcome of a ballot of a closed meeting. The secretary opens
  the meeting, records each ballot and closes it; closing applies every outcome (PASS: the council's
  move that does not reject, e.g. ``award`` or ``forward``; FAIL/DOWNGRADE: the move into a rejected
  state, with the vote as the reason) in one store call through :meth:`Services.act_by_ballots`.
  A council member's part is the vote the secretary records: alone, a member decides nothing.
* Every write (a meeting opened or closed, a ballot) appends its ``history`` row in the same store call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import pandas as pd

from core.errors import ActionNotAllowed
from core.model import Actor
from core.ports import Change
from core.text import clean, fold, iso_day
from core.vnformat import ui_date
from i18n import t
from schemas.registry import TABS
from services.services import Move, Services, new_id, records
from workflows import decided_by

NOMINATIONS = "nominations"
MEETINGS = "council_meetings"
BALLOTS = "ballots"
#: Who sits on a council (reads its agenda, meetings and results).
COUNCIL_ROLES: frozenset[str] = decided_by.COUNCIL_ROLES
#: Who opens meetings, records ballots and closes meetings: the secretary records; members vote.
OPEN_ROLES: frozenset[str] = frozenset({decided_by.SECRETARY})
RECORD_ROLES: frozenset[str] = OPEN_ROLES
CLOSE_ROLES: frozenset[str] = OPEN_ROLES

#: Defaults for the ``rules`` tab (DOMAIN.md §4.3). A value is a share (``0.90``, ``2/3``) with an
#: optional comparison (``>=`` by default, ``>`` for a strict majority).
DEFAULT_VOTE_RULES: tuple[Mapping[str, str], ...] = (
    {"code": "quorum_ratio", "value": ">= 2/3", "valid_from": "2013-01-01", "valid_to": "",
     "status": "UNCONFIRMED", "note": "R-VOTE-3"},
    {"code": "vote_threshold.CSTD_BNT", "value": ">= 0.90", "valid_from": "2017-10-01", "valid_to": "",
     "status": "OLD-RULE", "note": "R-VOTE-2 (NĐ 91/2017 Điều 45)"},
    {"code": "vote_threshold.CSTD_TQ", "value": ">= 0.90", "valid_from": "2017-10-01", "valid_to": "",
     "status": "OLD-RULE", "note": "R-VOTE-2 (NĐ 91/2017 Điều 45)"},
    {"code": "vote_threshold.AHLD", "value": ">= 0.90", "valid_from": "2017-10-01", "valid_to": "",
     "status": "OLD-RULE", "note": "R-VOTE-2 (Anh hùng)"},
    {"code": "vote_threshold.default", "value": "> 0.50", "valid_from": "2013-01-01", "valid_to": "",
     "status": "CONFIG", "note": "R-VOTE-4: quá nửa tổng số thành viên"},
    {"code": "secret_ballot_codes", "value": "CSTD_BNT CSTD_TQ AHLD", "valid_from": "2017-10-01",
     "valid_to": "", "status": "OLD-RULE", "note": "R-VOTE-1"},
    {"code": "recusal_in_total", "value": "true", "valid_from": "2013-01-01", "valid_to": "",
     "status": "CONFIG", "note": "Thành viên không biểu quyết vẫn tính vào tổng số thành viên"},
)  # fmt: skip


#: Codes of the shared ``rules`` tab read under another name: ``bch_majority`` (R-VOTE-4, "more
#: than this share of all members") is the default threshold, strict unless it says otherwise.
ALIASES: Mapping[str, str] = {"bch_majority": "vote_threshold.default"}

# ---------------------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class Threshold:
    """A share to reach: ``yes / total`` compared with ``ratio`` (strictly when ``strict``)."""

    ratio: Fraction
    strict: bool = False

    @classmethod
    def parse(cls, text: str) -> Threshold:
        """``">= 0.90"``, ``"> 1/2"``, ``"2/3"`` or ``"0.6667"`` (a bare share means ``>=``)."""
        raw = clean(text).replace(" ", "").replace(",", ".")
        strict = raw.startswith(">") and not raw.startswith(">=")
        raw = raw.removeprefix(">=").removeprefix(">").removeprefix("≥")
        try:
            ratio = Fraction(raw)
        except (ValueError, ZeroDivisionError):
            raise ActionNotAllowed("council.rule_bad_value", value=text) from None
        if not 0 <= ratio <= 1:
            raise ActionNotAllowed("council.rule_bad_value", value=text)
        return cls(ratio, strict)

    def met(self, count: int, total: int) -> bool:
        share = Fraction(count, total) if total else Fraction(0)
        return share > self.ratio if self.strict else share >= self.ratio

    def minimum(self, total: int) -> int:
        """The smallest count that meets the threshold out of ``total``."""
        return next((n for n in range(total + 1) if self.met(n, total)), total + 1)

    def __str__(self) -> str:
        pct = float(self.ratio) * 100
        return f"{'>' if self.strict else '≥'} {pct:.4g}%"


@dataclass(frozen=True)
class VoteRules:
    """The vote rules in force on one day."""

    on: dt.date
    quorum: Threshold
    thresholds: Mapping[str, Threshold]
    default_threshold: Threshold
    secret_codes: frozenset[str]
    recusal_in_total: bool

    def threshold(self, award_code: str) -> Threshold:
        return self.thresholds.get(award_code, self.default_threshold)

    def quorum_needed(self, members_total: int) -> int:
        return self.quorum.minimum(members_total)


def vote_rules(on: dt.date, rows: Iterable[Mapping[str, Any]] = ()) -> VoteRules:
    """The rules in force on ``on``: defaults, overridden by ``rows`` of the ``rules`` tab.

    Per code, the row in force with the latest ``valid_from`` wins; on equal dates a tab row beats
    the default (it comes later).
    """
    best: dict[str, tuple[dt.date, str]] = {}
    for r in (*DEFAULT_VOTE_RULES, *rows):
        code, start, end = clean(r.get("code")), iso_day(r.get("valid_from")), iso_day(r.get("valid_to"))
        value = clean(r.get("value"))
        if code in ALIASES:
            code, value = ALIASES[code], (value if value[:1] in "≥>" else f"> {value}")
        if not code or start is None or start > on or (end is not None and on > end):
            continue
        if code not in best or start >= best[code][0]:
            best[code] = (start, value)
    values = {code: value for code, (_, value) in best.items()}
    thresholds = {
        code.removeprefix("vote_threshold."): Threshold.parse(v)
        for code, v in values.items()
        if code.startswith("vote_threshold.") and code != "vote_threshold.default" and v
    }
    return VoteRules(
        on=on,
        quorum=Threshold.parse(values.get("quorum_ratio") or "2/3"),
        thresholds=thresholds,
        default_threshold=Threshold.parse(values.get("vote_threshold.default") or "> 1/2"),
        secret_codes=frozenset(values.get("secret_ballot_codes", "").replace(",", " ").split()),
        recusal_in_total=values.get("recusal_in_total", "true").casefold() in ("true", "1", "yes", "có"),
    )


# ---------------------------------------------------------------------------------------- pure rules


@dataclass(frozen=True)
class Attendance:
    """Who sat in the meeting: all members, those present, and absent members' written votes."""

    members_total: int
    members_present: int
    written_votes: int


@dataclass(frozen=True)
class Count:
    """One ballot's count."""

    method: str
    yes: int
    no: int
    invalid: int = 0
    recused: int = 0


def check_attendance(a: Attendance) -> None:
    """Refuse impossible attendance (more present than members, written votes from those present)."""
    if a.members_total < 1:
        raise ActionNotAllowed("council.members_total_positive")
    if min(a.members_present, a.written_votes) < 0:
        raise ActionNotAllowed("council.negative_count")
    if a.members_present > a.members_total:
        raise ActionNotAllowed(
            "council.present_above_total", present=a.members_present, total=a.members_total
        )
    if a.written_votes > a.members_total - a.members_present:
        raise ActionNotAllowed(
            "council.written_above_absent",
            written=a.written_votes,
            absent=a.members_total - a.members_present,
        )


def has_quorum(a: Attendance, rules: VoteRules) -> bool:
    """R-VOTE-3: enough members present (written votes do not make a quorum)."""
    return rules.quorum.met(a.members_present, a.members_total)


def decide(a: Attendance, c: Count, award_code: str, rules: VoteRules) -> tuple[str, Threshold]:
    """PASS or FAIL for one ballot under ``rules``, or ``ActionNotAllowed`` saying which rule fails."""
    check_attendance(a)
    if not has_quorum(a, rules):
        raise ActionNotAllowed(
            "council.no_quorum",
            present=a.members_present,
            total=a.members_total,
            needed=rules.quorum_needed(a.members_total),
        )
    if c.method not in ("SECRET", "SHOW_OF_HANDS"):
        raise ActionNotAllowed("council.bad_method", method=c.method)
    if award_code in rules.secret_codes and c.method != "SECRET":
        raise ActionNotAllowed("council.secret_required", award=award_code)
    if min(c.yes, c.no, c.invalid, c.recused) < 0:
        raise ActionNotAllowed("council.negative_count")
    voters = a.members_present + a.written_votes
    if c.recused > a.members_present:
        raise ActionNotAllowed("council.recused_above_present", recused=c.recused, present=a.members_present)
    if c.yes + c.no + c.invalid > voters - c.recused:
        raise ActionNotAllowed(
            "council.votes_above_voters", votes=c.yes + c.no + c.invalid, voters=voters - c.recused
        )
    total = a.members_total if rules.recusal_in_total else a.members_total - c.recused
    threshold = rules.threshold(award_code)
    return ("PASS" if threshold.met(c.yes, total) else "FAIL"), threshold


# ---------------------------------------------------------------------------------------- use cases


@dataclass(frozen=True)
class BallotOutcome:
    """What closing a meeting did to one nomination."""

    nomination_id: str
    full_name: str
    award_code: str
    result: str
    threshold: str
    yes: int
    members_total: int
    new_state: str
    #: why the outcome could not be applied now (a rule refused the move; it stays owed), or None
    refusal: ActionNotAllowed | None = None


class Council:
    """Council use cases over :class:`Services` (authorisation re-checked on every call)."""

    def __init__(self, services: Services, extra_rules: Sequence[Mapping[str, Any]] = ()) -> None:
        self.svc = services
        self.extra_rules = tuple(extra_rules)

    # ------------------------------------------------------------------ authorisation

    def _member(self, actor: Actor, roles: frozenset[str], council_unit_id: str | None = None) -> Actor:
        actor = self.svc.resolve(actor)
        if actor.role not in roles:
            raise ActionNotAllowed(
                "council.not_member", role={lang: t(f"role.{actor.role}", lang) for lang in ("vi", "en")}
            )
        if council_unit_id is not None and actor.unit_id != council_unit_id:
            raise ActionNotAllowed(
                "council.other_council",
                unit=self.svc.reference().unit_name(council_unit_id),
            )
        return actor

    def rules(self, on: dt.date) -> VoteRules:
        """The vote rules in force on ``on`` (the ``rules`` tab overrides the defaults when present)."""
        rows: list[Mapping[str, Any]] = []
        if "rules" in TABS:
            rows = list(records(self.svc.store.read("rules")))
        return vote_rules(on, [*rows, *self.extra_rules])

    def agenda_stages(self) -> frozenset[tuple[str, str, str]]:
        """(campaign, form, state) where nominations wait for a council's vote.

        Read from the campaign YAML, not fixed in code: a council stage is a state that a
        ``decided_by: council`` move leaves (``IN_COUNCIL`` in the shipped campaigns; the upper
        union's own ``award`` from ``SUBMITTED`` is not a council's).
        """
        out: set[tuple[str, str, str]] = set()
        for camp in self.svc.campaigns.values():
            for form in camp.forms.values():
                for state in decided_by.council_stages(camp.workflow_for(form.name)):
                    out.add((camp.id, form.name, state))
        return frozenset(out)

    # ------------------------------------------------------------------ reads

    def agenda(self, actor: Actor, meeting_id: str = "", search: str = "") -> pd.DataFrame:
        """Nominations waiting for the actor's council: in IN_COUNCIL, from units below it.

        With ``meeting_id``, nominations already balloted in that meeting are left out; ``search``
        matches the name or the unit, ignoring case and diacritics.
        """
        actor = self._member(actor, COUNCIL_ROLES)
        df = self.svc.rows(actor, NOMINATIONS)
        ref = self.svc.reference()
        below = df["unit_id"].map(lambda u: ref.tree.is_under(str(u), actor.unit_id))
        stage = [
            (str(c), str(f), str(st)) in self.agenda_stages()
            for c, f, st in zip(df["campaign_id"], df["form"], df["state"], strict=True)
        ]
        df = df[below & pd.Series(stage, index=df.index, dtype=bool)]
        if meeting_id:
            ballots = self.svc.store.read(BALLOTS)
            df = df[~df["id"].isin(ballots[ballots["meeting_id"] == meeting_id]["nomination_id"])]
        if search.strip():
            hay = df["full_name"].astype(str) + " " + df["unit_id"].map(lambda u: ref.unit_name(str(u)))
            df = df[hay.map(fold).str.contains(fold(search), regex=False)]
        return df.sort_values(["award_code", "unit_id", "full_name"]).reset_index(drop=True)

    def meetings(self, actor: Actor) -> pd.DataFrame:
        """Meetings of the actor's council, newest first."""
        actor = self._member(actor, COUNCIL_ROLES)
        df = self.svc.store.read(MEETINGS)
        df = df[df["council_unit_id"] == actor.unit_id]
        return df.sort_values(["held_on", "created_at"], ascending=False).reset_index(drop=True)

    def ballots(self, actor: Actor, meeting_id: str) -> pd.DataFrame:
        """Ballots of one meeting of the actor's council."""
        meeting = self._meeting(actor, meeting_id, COUNCIL_ROLES)
        df = self.svc.store.read(BALLOTS)
        return df[df["meeting_id"] == meeting["id"]].reset_index(drop=True)

    def meeting_history(self, actor: Actor, meeting_id: str) -> pd.DataFrame:
        """The history rows of one meeting of the actor's council and of its ballots, oldest first:
        who opened it, recorded each ballot and closed it, when, and what they recorded."""
        meeting = self._meeting(actor, meeting_id, COUNCIL_ROLES)
        ballot_ids = set(self.ballots(actor, str(meeting["id"]))["id"].astype(str))
        h = self.svc.store.read("history")
        mine = ((h["tab"] == MEETINGS) & (h["row_id"] == meeting["id"])) | (
            (h["tab"] == BALLOTS) & h["row_id"].isin(ballot_ids)
        )
        return h[mine].sort_values(["at", "created_at"]).reset_index(drop=True)

    def _meeting(self, actor: Actor, meeting_id: str, roles: frozenset[str]) -> dict[str, Any]:
        actor = self._member(actor, roles)
        df = self.svc.store.read(MEETINGS)
        hit = df[df["id"] == meeting_id]
        if hit.empty:
            raise ActionNotAllowed("council.meeting_unknown", meeting=meeting_id)
        row = records(hit)[0]
        self._member(actor, roles, str(row["council_unit_id"]))
        return row

    @staticmethod
    def attendance(meeting: Mapping[str, Any]) -> Attendance:
        return Attendance(
            int(meeting["members_total"]), int(meeting["members_present"]), int(meeting["written_votes"])
        )

    # ------------------------------------------------------------------ commands

    def open_meeting(
        self,
        actor: Actor,
        held_on: dt.date,
        members_total: int,
        members_present: int,
        written_votes: int = 0,
        minutes_no: str = "",
    ) -> dict[str, Any]:
        """The secretary records a sitting of the actor's council (quorum is checked per ballot)."""
        actor = self._member(actor, COUNCIL_ROLES)
        if actor.role not in OPEN_ROLES:
            raise ActionNotAllowed("council.open_role")
        a = Attendance(int(members_total), int(members_present), int(written_votes))
        check_attendance(a)
        rules = self.rules(held_on)
        row = {
            "id": new_id(),
            "council_unit_id": actor.unit_id,
            "held_on": held_on.isoformat(),
            "members_total": a.members_total,
            "members_present": a.members_present,
            "written_votes": a.written_votes,
            "quorum_ratio": str(rules.quorum),
            "status": "OPEN",
            "minutes_no": clean(minutes_no),
        }
        minutes = f" ({row['minutes_no']})" if row["minutes_no"] else ""
        reason = t(
            "council.history.open", "vi", date=ui_date(held_on), minutes=minutes, present=a.members_present,
            total=a.members_total, written=a.written_votes,
        )  # fmt: skip
        hist = self.svc._history_row(MEETINGS, str(row["id"]), "", "open", "", "OPEN", actor, reason)
        return self._append(actor, MEETINGS, row, hist)

    def _append(self, actor: Actor, tab: str, row: dict[str, Any], hist: dict[str, Any]) -> dict[str, Any]:
        """Append ``row`` to ``tab`` with its history row in one store call; the stored row back."""
        self.svc._write(tab, [], actor, {tab: [row], "history": [hist]})
        stored = self.svc.store.read(tab)
        return records(stored[stored["id"] == row["id"]])[0]

    def record_ballot(
        self,
        actor: Actor,
        meeting_id: str,
        nomination_id: str,
        method: str,
        yes: int,
        no: int,
        invalid: int = 0,
        recused: int = 0,
        suggested_code: str = "",
    ) -> dict[str, Any]:
        """Record one vote; the result is computed under the rules in force on the meeting day.

        ``suggested_code`` is a lower form the council proposes instead when the vote fails
        (DOWNGRADE); it is ignored when the nomination passes.
        """
        meeting = self._meeting(actor, meeting_id, COUNCIL_ROLES)
        if self.svc.resolve(actor).role not in RECORD_ROLES:
            raise ActionNotAllowed("council.record_role")
        if meeting["status"] != "OPEN":
            raise ActionNotAllowed("council.meeting_closed", meeting=meeting.get("minutes_no") or meeting_id)
        nomination = self._agenda_item(actor, nomination_id)
        existing = self.svc.store.read(BALLOTS)
        if not existing[
            (existing["meeting_id"] == meeting_id) & (existing["nomination_id"] == nomination_id)
        ].empty:
            raise ActionNotAllowed("council.ballot_duplicate", name=nomination["full_name"])
        held_on = iso_day(meeting["held_on"]) or self.svc.today()
        award = str(nomination["award_code"])
        count = Count(str(method), int(yes), int(no), int(invalid), int(recused))
        result, threshold = decide(self.attendance(meeting), count, award, self.rules(held_on))
        suggested = clean(suggested_code)
        if suggested and result == "FAIL":
            if suggested == award or suggested not in self.svc.reference().catalogue_map:
                raise ActionNotAllowed("council.bad_suggestion", award=suggested)
            result = "DOWNGRADE"
        else:
            suggested = ""
        row = {
            "id": new_id(),
            "meeting_id": meeting_id,
            "nomination_id": nomination_id,
            "award_code": award,
            "method": count.method,
            "yes": count.yes,
            "no": count.no,
            "invalid": count.invalid,
            "recused": count.recused,
            "result": result,
            "threshold": str(threshold),
            "suggested_code": suggested,
        }
        reason = t(
            "council.history.ballot", "vi", method=t(f"page.council.method.{count.method}", "vi"),
            yes=count.yes, no=count.no, invalid=count.invalid, recused=count.recused,
            result=t(f"page.council.result.{result}", "vi"), threshold=str(threshold),
        )  # fmt: skip
        who = self.svc.resolve(actor)
        campaign = str(nomination.get("campaign_id", ""))
        hist = self.svc._history_row(BALLOTS, str(row["id"]), campaign, "ballot", "", result, who, reason)
        return self._append(who, BALLOTS, row, hist)

    def _agenda_item(self, actor: Actor, nomination_id: str) -> dict[str, Any]:
        agenda = self.agenda(actor)
        hit = agenda[agenda["id"] == nomination_id]
        if hit.empty:
            raise ActionNotAllowed("council.not_on_agenda", nomination=nomination_id)
        return records(hit)[0]

    def close_meeting(self, actor: Actor, meeting_id: str, expected_version: int) -> list[BallotOutcome]:
        """The secretary closes the meeting; then every ballot's outcome is applied.

        The meeting is marked ``CLOSED`` first (with its history row): a council's move fires only
        as the outcome of a closed meeting's ballot. Then :meth:`apply_outcomes` moves every
        nomination still on the agenda in one store call (PASS: awarded, or forwarded when a body
        above decides; FAIL/DOWNGRADE: rejected with the vote as the reason). A nomination that has
        left the agenda meanwhile (returned, or already decided) is skipped; if applying fails, the
        closed meeting's outcomes can be applied again with :meth:`apply_outcomes`.
        """
        meeting = self._meeting(actor, meeting_id, COUNCIL_ROLES)
        actor = self.svc.resolve(actor)
        if actor.role not in CLOSE_ROLES:
            raise ActionNotAllowed("council.close_role")
        if meeting["status"] != "OPEN":
            raise ActionNotAllowed("council.meeting_closed", meeting=meeting.get("minutes_no") or meeting_id)
        if int(meeting["version"]) != int(expected_version):
            raise ActionNotAllowed("council.meeting_changed")
        a = self.attendance(meeting)
        held_on = iso_day(meeting["held_on"]) or self.svc.today()
        rules = self.rules(held_on)
        if not has_quorum(a, rules):
            raise ActionNotAllowed(
                "council.no_quorum",
                present=a.members_present,
                total=a.members_total,
                needed=rules.quorum_needed(a.members_total),
            )
        ballots = records(self.ballots(actor, meeting_id))
        if not ballots:
            raise ActionNotAllowed("council.no_ballots")
        counts = ballot_counts(ballots)
        reason = t("council.history.close", "vi", passed=counts["PASS"], failed=len(ballots) - counts["PASS"])
        hist = self.svc._history_row(MEETINGS, meeting_id, "", "close", "OPEN", "CLOSED", actor, reason)
        self.svc._write(MEETINGS, [_change(meeting, {"status": "CLOSED"})], actor, {"history": [hist]})
        return self.apply_outcomes(actor, meeting_id)

    def apply_outcomes(self, actor: Actor, meeting_id: str) -> list[BallotOutcome]:
        """Apply the ballots of a closed meeting to the nominations still on the agenda (all in one
        store call); ballots whose nomination has left the agenda are reported with no new state."""
        meeting = self._meeting(actor, meeting_id, COUNCIL_ROLES)
        actor = self.svc.resolve(actor)
        if actor.role not in CLOSE_ROLES:
            raise ActionNotAllowed("council.close_role")
        if meeting["status"] != "CLOSED":
            raise ActionNotAllowed(
                "council.meeting_not_closed", meeting=meeting.get("minutes_no") or meeting_id
            )
        a = self.attendance(meeting)
        ballots = records(self.ballots(actor, meeting_id))
        agenda = {str(r["id"]): r for r in records(self.agenda(actor))}
        moves = [
            Move(
                str(b["nomination_id"]),
                int(agenda[str(b["nomination_id"])]["version"]),
                reason=self.pass_reason(b, meeting) if b["result"] == "PASS" else self.fail_reason(b, a),
            )
            for b in ballots
            if str(b["nomination_id"]) in agenda
        ]
        refused: dict[str, ActionNotAllowed] = {}
        new_state = {
            str(row["id"]): str(row["state"])
            for row in self.svc.act_by_ballots(actor, NOMINATIONS, meeting_id, moves, refused)
        }
        return [
            BallotOutcome(
                nomination_id=str(b["nomination_id"]),
                full_name=str(agenda.get(str(b["nomination_id"]), {}).get("full_name", "")),
                award_code=str(b["award_code"]),
                result=str(b["result"]),
                threshold=str(b["threshold"]),
                yes=int(b["yes"]),
                members_total=a.members_total,
                new_state=new_state.get(str(b["nomination_id"]), ""),
                refusal=refused.get(str(b["nomination_id"])),
            )
            for b in ballots
        ]

    def pending_outcomes(self, actor: Actor, meeting_id: str) -> int:
        """How many ballots of a closed meeting still wait to be applied (their nomination is still on
        the agenda): 0 once closing finished."""
        meeting = self._meeting(actor, meeting_id, COUNCIL_ROLES)
        if meeting["status"] != "CLOSED":
            return 0
        agenda = set(self.agenda(actor)["id"].astype(str))
        return sum(1 for b in records(self.ballots(actor, meeting_id)) if str(b["nomination_id"]) in agenda)

    @staticmethod
    def pass_reason(ballot: Mapping[str, Any], meeting: Mapping[str, Any], lang: str = "vi") -> str:
        """The history line of a nomination the council passed: the meeting, the count and the
        threshold it met (kept in Vietnamese: it is a record)."""
        day = iso_day(meeting.get("held_on"))
        minutes = f" ({meeting['minutes_no']})" if meeting.get("minutes_no") else ""
        return t(
            "council.pass_reason",
            lang,
            date=ui_date(day) if day else str(meeting.get("held_on", "")),
            minutes=minutes,
            yes=int(ballot["yes"]),
            total=int(meeting["members_total"]),
            threshold=str(ballot["threshold"]),
        )

    @staticmethod
    def fail_reason(ballot: Mapping[str, Any], a: Attendance, lang: str = "vi") -> str:
        """The reason written on a rejected nomination: the count, the threshold it missed and, for
        a DOWNGRADE, the lower form the council proposes (kept in Vietnamese: it is a record)."""
        text = t(
            "council.fail_reason",
            lang,
            yes=int(ballot["yes"]),
            total=a.members_total,
            threshold=str(ballot["threshold"]),
        )
        if ballot.get("result") == "DOWNGRADE" and ballot.get("suggested_code"):
            text += " " + t("council.downgrade_reason", lang, award=str(ballot["suggested_code"]))
        return text

    def results(self, actor: Actor, meeting_id: str) -> pd.DataFrame:
        """Ballots of a meeting joined with the nomination they decided (name, unit, award, state)."""
        ballots = self.ballots(actor, meeting_id)
        noms = self.svc.rows(actor, NOMINATIONS)
        cols = ["id", "full_name", "unit_id", "state", "campaign_id", "form"]
        out = ballots.merge(
            noms[cols].rename(columns={"id": "nomination_id"}), on="nomination_id", how="left"
        )
        return out.fillna({c: "" for c in cols[1:]})


def _change(row: Mapping[str, Any], values: Mapping[str, Any]) -> Change:
    return Change(str(row["id"]), int(row["version"]), dict(values))


def ballot_counts(rows: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """How many ballots passed and failed (for a summary line)."""
    out = {"PASS": 0, "FAIL": 0, "DOWNGRADE": 0}
    for r in rows:
        out[str(r["result"])] = out.get(str(r["result"]), 0) + 1
    return out

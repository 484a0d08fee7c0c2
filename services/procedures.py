"""Use cases of the procedures the law requires: holds (NĐ 152/2025 Điều 4) and the public comment
of the proposed list (công khai, lấy ý kiến; NĐ 152/2025 Điều 44, QĐ 71/2025 Điều 5 of Hà Nội).

Wraps :class:`services.services.Services` like ``services.council.Council`` does. Authorisation:

* holds: a reviewer who may review the row (an ``UPPER_REVIEWER`` with the row in scope), the
  council (members and secretary) and admins place and lift holds; anyone who may read the row
  sees its holds. A hold is lifted with a written reason, never deleted; placing and lifting each
  append a history row to the submission, in the same store call.
* comments: the organiser's council secretary, reviewers and admins record comments received
  (portal, e-mail, letter...) on a nomination while it is published; the council reads them with
  the agenda. The published list (names, units, titles, period) is what the organiser puts on
  its portal: :meth:`Procedures.published` and the "Danh sách công khai" export.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.errors import ActionNotAllowed, FieldError, RowNotFound, ValidationFailed
from core.model import READ_ALL_ROLES, Actor
from core.ports import Change
from core.text import iso_day
from core.workdays import period_end
from i18n import t
from schemas.registry import spec as tab_spec
from schemas.tabs_procedures import HOLD_GROUNDS
from schemas.validate import validate_rows
from services.procedure_data import COMMENTS_TAB, HOLDS_TAB, comment_days
from services.services import Services, new_id, records


def _role(role: str) -> dict[str, str]:
    return {lang: t(f"role.{role}", lang) for lang in ("vi", "en")}


#: Roles that place and lift holds, and record comments (with the row in their scope).
HOLD_ROLES: frozenset[str] = frozenset({"UPPER_REVIEWER", "COUNCIL_MEMBER", "COUNCIL_SECRETARY", "ADMIN"})
COMMENT_ROLES: frozenset[str] = frozenset({"UPPER_REVIEWER", "COUNCIL_SECRETARY", "ADMIN"})
MIN_REASON = 5


@dataclass(frozen=True)
class Published:
    """One nomination on a published list: who, what for, and the publication's first and last day."""

    row_id: str
    campaign_id: str
    full_name: str
    unit_name: str
    award_code: str
    award_name: str
    achievement: str
    working_days: int
    start: dt.date
    end: dt.date
    comments: int


class Procedures:
    """Holds and public comments over the services' scope and store."""

    def __init__(self, svc: Services) -> None:
        self.svc = svc

    # ------------------------------------------------------------------ holds

    def holds(self, actor: Actor, tab: str, row_id: str) -> pd.DataFrame:
        """Every hold of one submission the actor may read, newest first."""
        self.svc.get(actor, tab, row_id)  # scope check
        h = self.svc._read([HOLDS_TAB])[HOLDS_TAB]
        h = h[(h["tab"] == tab) & (h["row_id"] == row_id)]
        return h.sort_values(["placed_on", "created_at"], ascending=False).reset_index(drop=True)

    def active_hold(self, actor: Actor, tab: str, row_id: str) -> dict[str, Any] | None:
        """The active hold of one submission, or None."""
        h = self.holds(actor, tab, row_id)
        live = h[h["status"] == "ACTIVE"]
        return records(live)[0] if not live.empty else None

    def held_rows(self, actor: Actor, tab: str) -> set[str]:
        """Ids of the rows in the actor's scope with an active hold (to flag them in a queue)."""
        visible = set(self.svc.rows(actor, tab)["id"].astype(str))
        h = self.svc._read([HOLDS_TAB])[HOLDS_TAB]
        live = h[(h["tab"] == tab) & (h["status"] == "ACTIVE")]
        return {str(r) for r in live["row_id"]} & visible

    def _may_hold(self, actor: Actor, tab: str, row_id: str) -> dict[str, Any]:
        actor = self.svc.resolve(actor)
        if actor.role not in HOLD_ROLES:
            raise ActionNotAllowed("hold.role", role=_role(actor.role))
        row = self.svc.get(actor, tab, row_id)  # out of scope: not found
        if actor.role == "UPPER_REVIEWER" and str(row["unit_id"]) == actor.unit_id:
            raise ActionNotAllowed("engine.own_unit", unit=actor.unit_id)
        return row

    def place_hold(self, actor: Actor, tab: str, row_id: str, ground: str, note: str) -> dict[str, Any]:
        """Hold the row's award: ``ground`` is DISCIPLINE, INSPECTION or COMPLAINT; ``note`` says what."""
        actor = self.svc.resolve(actor)
        row = self._may_hold(actor, tab, row_id)
        errors: list[FieldError] = []
        label = tab_spec(HOLDS_TAB).label
        if ground not in HOLD_GROUNDS:
            errors.append(
                FieldError(
                    None,
                    label("ground", actor.lang),
                    ground,
                    "not_in_list",
                    {"allowed": ", ".join(HOLD_GROUNDS)},
                )
            )
        if len(note.strip()) < MIN_REASON:
            errors.append(
                FieldError(None, label("note", actor.lang), note, "hold_note_short", {"min": MIN_REASON})
            )
        if errors:
            raise ValidationFailed(errors)
        if self.active_hold(actor, tab, row_id) is not None:
            raise ActionNotAllowed("hold.already", name=str(row.get("full_name", row_id)))
        today = self.svc.today().isoformat()
        hold = {
            "id": new_id(),
            "tab": tab,
            "row_id": row_id,
            "campaign_id": str(row["campaign_id"]),
            "unit_id": str(row["unit_id"]),
            "ground": ground,
            "note": note.strip(),
            "status": "ACTIVE",
            "placed_on": today,
            "placed_by": actor.email,
            "lifted_on": "",
            "lifted_by": "",
            "lift_reason": "",
        }
        state = str(row["state"])
        hist = self.svc._history_row(
            tab, row_id, str(row["campaign_id"]), "hold", state, state, actor, f"{ground}: {note.strip()}"
        )
        self.svc._write(HOLDS_TAB, [], actor, {HOLDS_TAB: [hold], "history": [hist]})
        return hold

    def lift_hold(self, actor: Actor, hold_id: str, expected_version: int, reason: str) -> dict[str, Any]:
        """Lift an active hold with a written reason (kept with the hold and in the row's history)."""
        actor = self.svc.resolve(actor)
        h = self.svc._read([HOLDS_TAB])[HOLDS_TAB]
        hit = h[h["id"] == hold_id]
        if hit.empty:
            raise RowNotFound([hold_id], HOLDS_TAB)
        hold = records(hit)[0]
        row = self._may_hold(actor, str(hold["tab"]), str(hold["row_id"]))
        if hold["status"] != "ACTIVE":
            raise ActionNotAllowed("hold.not_active")
        if len(reason.strip()) < MIN_REASON:
            raise ActionNotAllowed(
                "engine.reason_required", trigger={"vi": "gỡ tạm dừng", "en": "lift the hold"}
            )
        state = str(row["state"])
        hist = self.svc._history_row(
            str(hold["tab"]),
            str(hold["row_id"]),
            str(row["campaign_id"]),
            "hold_lift",
            state,
            state,
            actor,
            reason.strip(),
        )
        values = {
            "status": "LIFTED",
            "lifted_on": self.svc.today().isoformat(),
            "lifted_by": actor.email,
            "lift_reason": reason.strip(),
        }
        return self.svc._write(
            HOLDS_TAB, [Change(hold_id, expected_version, values)], actor, {"history": [hist]}
        )[0]

    # ------------------------------------------------------------------ public comment

    def _period(self, row: Mapping[str, Any]) -> tuple[int, dt.date, dt.date] | None:
        campaign = self.svc.campaigns.get(str(row.get("campaign_id")))
        if campaign is None or str(row.get("form")) not in campaign.forms:
            return None
        days = comment_days(self.svc, campaign, campaign.forms[str(row["form"])])(row)
        start = iso_day(str(row.get("state_since", ""))[:10])
        if days <= 0 or start is None:
            return None
        return days, start, period_end(start, days)

    def published(self, actor: Actor, campaign_id: str) -> list[Published]:
        """The nominations of a campaign now published for comments (rows in a public comment stage),
        with the publication's first and last working day and the comments received so far."""
        svc = self.svc
        ref = svc.reference()
        rows = svc.rows(actor, "nominations", campaign_id)
        counts = self._comments_frame(campaign_id)["row_id"].value_counts().to_dict()
        out: list[Published] = []
        for r in records(rows):
            period = self._period(r)
            if period is None:
                continue
            days, start, end = period
            code = str(r["award_code"])
            out.append(
                Published(
                    row_id=str(r["id"]),
                    campaign_id=campaign_id,
                    full_name=str(r["full_name"]),
                    unit_name=ref.unit_name(str(r["unit_id"])),
                    award_code=code,
                    award_name=str(ref.catalogue_map.get(code, {}).get("name_vi", code)),
                    achievement=str(r["achievement"] or ""),
                    working_days=days,
                    start=start,
                    end=end,
                    comments=int(counts.get(str(r["id"]), 0)),
                )
            )
        return sorted(out, key=lambda p: (p.award_code, p.unit_name, p.full_name))

    def _comments_frame(self, campaign_id: str) -> pd.DataFrame:
        c = self.svc._read([COMMENTS_TAB])[COMMENTS_TAB]
        return c[c["campaign_id"] == campaign_id]

    def record_comment(
        self,
        actor: Actor,
        tab: str,
        row_id: str,
        author: str,
        channel: str,
        text: str,
        received_on: dt.date | None = None,
    ) -> dict[str, Any]:
        """Log a comment received on a published nomination (while it is published, or on its last day)."""
        actor = self.svc.resolve(actor)
        if actor.role not in COMMENT_ROLES:
            raise ActionNotAllowed("comment.role", role=_role(actor.role))
        row = self.svc.get(actor, tab, row_id)
        campaign = self.svc.campaign(str(row["campaign_id"]))
        if actor.role == "UPPER_REVIEWER" and str(row["unit_id"]) == actor.unit_id:
            raise ActionNotAllowed("engine.own_unit", unit=actor.unit_id)
        period = self._period(row)
        if period is None:
            raise ActionNotAllowed("comment.not_published", name=str(row.get("full_name", row_id)))
        day = received_on or self.svc.today()
        _, start, end = period
        if not start <= day <= end:
            raise ActionNotAllowed(
                "comment.outside_period",
                received=f"{day:%d/%m/%Y}",
                start=f"{start:%d/%m/%Y}",
                end=f"{end:%d/%m/%Y}",
            )
        values = {"author": author, "channel": channel, "text": text, "received_on": day.isoformat()}
        cells, errors = validate_rows(
            COMMENTS_TAB,
            [values],
            ["author", "channel", "text", "received_on"],
            ["author", "channel", "text", "received_on"],
            lang=actor.lang,
        )
        if errors:
            raise ValidationFailed(
                [FieldError(None, e.column, e.value, e.rule, e.params, e.severity) for e in errors]
            )
        comment = {
            "id": new_id(),
            "campaign_id": campaign.id,
            "tab": tab,
            "row_id": row_id,
            **cells[0],
            "recorded_by": actor.email,
        }
        state = str(row["state"])
        hist = self.svc._history_row(
            tab, row_id, campaign.id, "comment", state, state, actor, str(cells[0]["text"])
        )
        self.svc._write(COMMENTS_TAB, [], actor, {COMMENTS_TAB: [comment], "history": [hist]})
        return comment

    def comments(self, actor: Actor, campaign_id: str, row_id: str | None = None) -> pd.DataFrame:
        """Comments on a campaign's nominations the actor may read (one nomination's with ``row_id``),
        oldest first: what the council reads before it votes."""
        actor = self.svc.resolve(actor)
        c = self._comments_frame(campaign_id)
        if row_id is not None:
            self.svc.get(actor, "nominations", row_id)  # scope check
            c = c[c["row_id"] == row_id]
        elif actor.role not in READ_ALL_ROLES:
            visible = set(self.svc.rows(actor, "nominations", campaign_id)["id"].astype(str))
            c = c[c["row_id"].isin(visible)]
        return c.sort_values(["received_on", "created_at"]).reset_index(drop=True)

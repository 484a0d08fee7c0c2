"""Guards of the procedures the law requires (issue 20), registered like every other guard.

* ``public_comment_over``: a row leaves a public comment stage (``public_comment: {working_days: N}``
  on the state) only after the proposed list has been published that many working days (công khai,
  lấy ý kiến: ≥ 10 working days for state honours, NĐ 152/2025 Điều 44 k2; 7 for Hà Nội's titles,
  QĐ 71/2025 Điều 5). The services give the length per row (the stage's days, or the dated
  ``public_comment_days.<SYSTEM>`` rule when longer).
* ``no_hold``: no award moves while a hold is active on the row (discipline, an inspection or a
  complaint pending, NĐ 152/2025 Điều 4); the refusal names the ground and the date.

Pure: the services put the holds and the period lengths into the :class:`GuardContext`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.model import Actor
from core.text import iso_day
from core.workdays import period_end
from i18n import t
from workflows.guards import GuardContext, Refusal, guard


def comment_period(ctx: GuardContext, record: Mapping[str, Any]) -> tuple[int, Any, Any] | None:
    """(working days, first day, last day) of the publication of ``record`` in its current state,
    or None when the state is not a public comment stage."""
    if ctx.comment_days is None:
        return None
    days = ctx.comment_days(record)
    if days <= 0:
        return None
    start = iso_day(str(record.get("state_since", ""))[:10])
    if start is None:
        return None
    return days, start, period_end(start, days)


@guard("public_comment_over")
def public_comment_over(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """The proposed list was published for the stage's working days (counted from the day the row
    entered the stage); comments go to the council, which decides after the period."""
    period = comment_period(ctx, record)
    if period is None:
        return None
    days, start, end = period
    if ctx.today > end:
        return None
    return Refusal(
        "guard.public_comment_running",
        {"days": days, "start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"},
    )


@guard("no_hold")
def no_hold(ctx: GuardContext, record: Mapping[str, Any], actor: Actor) -> Refusal | None:
    """No hold is active on the row (NĐ 152/2025 Điều 4: no award while discipline, an inspection or
    a complaint about the person is pending)."""
    hold = ctx.holds.get(str(record.get("id", "")))
    if hold is None:
        return None
    return Refusal(
        "guard.on_hold",
        {
            "ground": {lang: t(f"hold.ground.{hold.get('ground', '')}", lang) for lang in ("vi", "en")},
            "since": _day(hold.get("placed_on")),
            "note": str(hold.get("note", "")),
        },
    )


def _day(value: Any) -> str:
    day = iso_day(value)
    return f"{day:%d/%m/%Y}" if day is not None else str(value or "")

"""What the procedures' guards read (``no_hold``, ``public_comment_over``), gathered for a
:class:`workflows.guards.GuardContext` only when the moves being judged use those guards.

Kept apart from :mod:`services.procedures` (the use cases) so that :mod:`services.services` can
call it without an import cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from workflows.spec import CampaignSpec, FormSpec, TransitionSpec

if TYPE_CHECKING:
    from services.services import Services

HOLDS_TAB = "holds"
COMMENTS_TAB = "public_comments"


def active_holds(svc: Services, tab: str) -> dict[str, dict[str, Any]]:
    """Submission id -> its active hold (the latest placed), for rows of ``tab``; shared, read-only."""

    def build() -> dict[str, dict[str, Any]]:
        holds = svc._read([HOLDS_TAB])[HOLDS_TAB]
        live = holds[(holds["tab"] == tab) & (holds["status"] == "ACTIVE")].sort_values("placed_on")
        return {str(r["row_id"]): {str(k): v for k, v in r.items()} for r in live.to_dict("records")}

    return svc.memo(("active_holds", tab), [HOLDS_TAB], build)


def comment_days(svc: Services, campaign: CampaignSpec, form: FormSpec) -> Callable[[Mapping[str, Any]], int]:
    """record -> working days its current state publishes it for (0: not a public comment stage): the
    stage's ``public_comment.working_days``, or the dated legal minimum when that is longer: the award's
    own (``public_comment_days.CSTD_TQ``: state honours, NĐ 152/2025 Điều 44) or its catalogue
    system's (``public_comment_days.HANOI``: the city's titles, QĐ 71/2025 Điều 5)."""
    wf = campaign.workflow_for(form.name)
    ref = svc.reference()
    on = svc.route_day(campaign)

    def days(record: Mapping[str, Any]) -> int:
        st = wf.states.get(str(record.get("state", "")))
        if st is None or st.public_comment_days is None:
            return 0
        code = str(record.get("award_code", ""))
        system = str(ref.catalogue_map.get(code, {}).get("system", ""))
        legal = [ref.rules.number(f"public_comment_days.{k}", on) for k in (code, system) if k]
        return max([st.public_comment_days, *(int(v) for v in legal if v is not None)])

    return days


def guard_data(
    svc: Services, campaign: CampaignSpec, form: FormSpec, moves: Iterable[TransitionSpec]
) -> dict[str, Any]:
    """The ``holds`` and ``comment_days`` of a guard context, read only when ``moves`` need them."""
    names = {g for t in moves for g in (*t.conditions, *t.unless)}
    out: dict[str, Any] = {}
    if "no_hold" in names:
        out["holds"] = active_holds(svc, form.tab)
    if "public_comment_over" in names:
        out["comment_days"] = comment_days(svc, campaign, form)
    return out

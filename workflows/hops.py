"""Where a submission sits, level by level (DOMAIN.md §5.1: a hop per level it passes through).

Pure: from the workflow, the campaign and the union tree, :func:`holder` says which unit holds a
row in a state (the unit itself while it drafts or fixes it; the upper union while a ``parent``
review is pending; the campaign organiser for its council stages). A move whose holder changes
is a hop (sent up, forwarded, returned); the services append it with the history row.
"""

from __future__ import annotations

from core.model import OrgTree
from workflows.spec import CampaignSpec, WorkflowSpec

#: Outcomes after which nobody holds the row any more (decided, or out of the race).
_SETTLED = frozenset({"awarded", "accepted", "rejected", "withdrawn", "revoked"})


def holder(wf: WorkflowSpec, campaign: CampaignSpec, state: str, unit_id: str, tree: OrgTree) -> str | None:
    """The unit that has the next move on a row of ``unit_id`` in ``state``; None once settled."""
    st = wf.states.get(state)
    if st is None or st.terminal or st.outcome in _SETTLED:
        return None
    if st.editable or state == wf.initial:
        return unit_id
    reviews = [t for t in wf.transitions_from(state) if t.review]
    if not reviews:
        return None
    if any(t.scope == "parent" for t in reviews):
        return tree.parent.get(unit_id) or campaign.organiser
    return campaign.organiser


def hop(
    wf: WorkflowSpec, campaign: CampaignSpec, src: str, dst: str, unit_id: str, tree: OrgTree
) -> tuple[str, str] | None:
    """(from unit, to unit) when moving ``src`` → ``dst`` hands the row to another unit, else None."""
    to = holder(wf, campaign, dst, unit_id, tree)
    if to is None:
        return None
    frm = holder(wf, campaign, src, unit_id, tree) or unit_id
    return (frm, to) if frm != to else None

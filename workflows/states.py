"""What a workflow state means outside the engine: its outcome for counting and its time limit.

Both are declared per state in the campaign YAML (``outcome``, ``sla_days``); the services use them to
flag overdue rows and the leaders' counts to sort rows into awarded / rejected / in progress.
"""

from __future__ import annotations

from collections.abc import Mapping

from workflows.spec import CampaignSpec


def state_outcome(campaigns: Mapping[str, CampaignSpec], campaign_id: str, form: str, state: str) -> str:
    """What a state means for counting: its declared outcome, "in_progress" when not terminal, or ""."""
    camp = campaigns.get(campaign_id)
    if camp is None or form not in camp.forms:
        return ""
    st = camp.workflow_for(form).states.get(state)
    if st is None:
        return ""
    return st.outcome or ("in_progress" if not st.terminal else "")


def sla_days(campaigns: Mapping[str, CampaignSpec], campaign_id: str, form: str, state: str) -> int | None:
    """Days a row may stay in ``state`` before it is overdue: the form's own ``deadlines`` (a
    simplified procedure's), else the campaign YAML's ``sla_days``."""
    camp = campaigns.get(campaign_id)
    if camp is None or form not in camp.forms:
        return None
    own = camp.forms[form].deadlines.get(state)
    if own is not None:
        return own
    st = camp.workflow_for(form).states.get(state)
    return st.sla_days if st else None

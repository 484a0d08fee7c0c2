"""The deciding level (cấp quyết định, DOMAIN.md §3.6): who decides a nomination, from its award.

The catalogue's ``awarding_level`` says which level of the union tree decides an award; the
campaign's stages say which levels a row passes through (``level:`` on a workflow state). A row
goes up the stages no further than the unit that decides its award:

* award decided above the submitting unit (e.g. ``U_GK_CTTCS`` from a grassroots union): the
  nearest unit up the tree at that level or higher decides it; when that is the campaign's
  organiser, the organiser's council stage decides;
* award decided at the submitting unit's own level or below (``LDTT``, ``CSTD_CS``: the grassroots
  union decides them itself): the campaign collects them, so they travel to the organiser, whose
  council confirms the list (documented choice, see docs/dossier-and-routing.md).

Pure: no I/O. The guards ``decided_here`` / ``decided_above`` use :func:`deciding_unit` at run
time; ``workflows.spec`` uses :func:`deciding_stage` to refuse, at load, a campaign whose stages
cannot reach an award's level.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from core.model import NON_DECIDING_LEVELS, OrgTree

if TYPE_CHECKING:
    from workflows.spec import WorkflowSpec

#: How high each level sits in the union tree (DOMAIN.md §3.1); equal numbers are peers.
LEVEL_RANK: Mapping[str, int] = {
    "TLD": 5,
    "LDLD_TINH": 4,
    "CD_NGANH_TW": 4,
    "CD_CTTCS": 3,
    "CQ_LDLD": 3,
    "CD_XA_PHUONG": 3,
    "CDCS": 2,
    "DON_VI_SU_NGHIEP": 2,
    "DN_CONG_DOAN": 2,
    "CDCS_THANH_VIEN": 1,
    "CDBP": 1,
    "TO_CD": 0,
}


def rank(level: str) -> int:
    """The height of ``level`` (unknown levels sit at the bottom)."""
    return LEVEL_RANK.get(level, -1)


def deciding_unit(tree: OrgTree, unit_id: str, awarding_level: str, organiser: str) -> str:
    """The unit that decides an award of ``awarding_level`` proposed by ``unit_id``."""
    if not awarding_level or rank(awarding_level) <= rank(tree.level.get(unit_id, "")):
        return organiser  # the unit's own titles: collected by the campaign, confirmed by its organiser
    for up in tree.ancestors(unit_id):
        level = tree.level.get(up, "")
        if level not in NON_DECIDING_LEVELS and rank(level) >= rank(awarding_level):
            return up
    return organiser


def stages(wf: WorkflowSpec) -> list[tuple[int, str]]:
    """(rank, state) of the review stages that declare a level, lowest first."""
    return sorted(
        (rank(st.level), name)
        for name, st in wf.states.items()
        if st.level and not st.editable and name != wf.initial and not st.terminal and not st.outcome
    )


def deciding_stage(wf: WorkflowSpec, awarding_level: str) -> str | None:
    """The stage (state) of ``wf`` that decides an award of ``awarding_level``, or None when no
    stage reaches that level. Only meaningful when the workflow declares stage levels."""
    found = stages(wf)
    if not found:
        return None
    start = wf.states[wf.initial].level
    if start and rank(awarding_level) <= rank(start):
        return found[-1][1]  # collected up to the top stage (the organiser's council)
    return next((name for r, name in found if r >= rank(awarding_level)), None)

"""Try a campaign before launch: a synthetic batch through every path of its workflows, by the demo roles.

On an in-memory copy of the demo (nothing on disk is touched) the demo's own people act: an officer of a
grassroots unit, the reviewer of its direct upper union, a council member, the council secretary and an
admin. Every transition is tried from every state a row reached, through ``Services`` (so guards, scopes,
quotas and separation of duties apply exactly as in the app). The report says where rows ended up, which
transitions no demo role can make (with the refusal), and which states no row reached: a broken rule is
seen by the admin before officers meet it.

The in-memory demo it runs on, and the command line, are in ``demo.simulate`` (``python cli.py simulate``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from core.dossier import document_set
from core.errors import ThiduaError
from core.model import Actor
from i18n import label, t
from schemas.registry import spec as tab_spec
from schemas.validate import choices
from services.council import Council
from services.dossiers import Dossiers
from services.services import Services, records
from workflows.decided_by import DecisionRef, rejecting
from workflows.spec import CampaignSpec, FormSpec, TransitionSpec, WorkflowSpec

REASON = "Mô phỏng trước khi mở đợt / simulation before launch"
#: The demo roles that act, in the order they are tried for a move.
DEMO_ROLES: tuple[str, ...] = (
    "UNIT_OFFICER",
    "UPPER_REVIEWER",
    "COUNCIL_MEMBER",
    "COUNCIL_SECRETARY",
    "ADMIN",
)


@dataclass(frozen=True)
class Blocked:
    """A transition no demo role could make from a state rows reached (or whose source none reached)."""

    form: str
    source: str
    trigger: str
    dest: str
    why: str


@dataclass
class SimReport:
    """Where the synthetic rows ended up, the moves nobody could make and the states nobody reached."""

    campaign: str
    unit: str
    day: dt.date
    rows: int
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # form -> state -> rows
    fired: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # form, src, trigger, dest, by
    blocked: list[Blocked] = field(default_factory=list)
    unreachable: list[tuple[str, str]] = field(default_factory=list)  # form, state

    @property
    def exit_code(self) -> int:
        return 1 if self.unreachable else 0


def demo_cast(svc: Services, camp: CampaignSpec) -> list[Actor]:
    """The demo people who act: a grassroots officer under the organiser, its upper union's reviewer,
    a council member, the secretary and an admin (first active user of each, by email)."""
    ref = svc.reference()
    users = ref.users[ref.users["active"]].sort_values("email")
    by_role: dict[str, list[Actor]] = {}
    for r in records(users):
        actor = Actor(str(r["email"]), str(r["full_name"]), str(r["role"]), str(r["unit_id"]))
        by_role.setdefault(actor.role, []).append(actor)
    reviewers = {a.unit_id: a for a in reversed(by_role.get("UPPER_REVIEWER", []))}
    cast: list[Actor] = []
    for officer in by_role.get("UNIT_OFFICER", []):
        unit = officer.unit_id
        parent = ref.tree.parent.get(unit)
        if ref.tree.level.get(unit) != "CDCS" or parent not in reviewers:
            continue
        if camp.organiser != unit and camp.organiser not in ref.tree.ancestors(unit):
            continue
        cast = [officer, reviewers[parent]]
        break
    for role in DEMO_ROLES[2:]:
        cast.extend(by_role.get(role, [])[:1])
    return cast


def sample_values(
    svc: Services, camp: CampaignSpec, form: FormSpec, award: str | None = None
) -> dict[str, Any]:
    """Valid values for every field of ``form``: ``award`` (default: one not held back by a quota),
    first choices."""
    cat = svc.reference().catalogue_map
    if award is None:
        award = next((a for a in form.awards if a != "CSTD_CS"), form.awards[0] if form.awards else "")
    subject = str(cat.get(award, {}).get("subject_kind", "CA_NHAN"))
    values: dict[str, Any] = {}
    for fs in form.fields:
        kind = tab_spec(form.tab).kind(fs.name)
        options = choices(form.tab, fs.name)
        if fs.name == "award_code":
            values[fs.name] = award
        elif fs.name == "subject_kind":
            values[fs.name] = subject.replace("CA_NHAN_TAP_THE", "CA_NHAN")
        elif options:
            values[fs.name] = options[0]
        elif kind == "date":
            values[fs.name] = camp.opens.isoformat()
        elif kind in ("int", "money"):
            values[fs.name] = 1_000_000
        else:
            values[fs.name] = "Hồ sơ mô phỏng để kiểm tra quy trình của đợt thi đua trước khi mở"
    return values


def _by_vote(
    svc: Services, secretary: Actor, wf: WorkflowSpec, row: dict[str, Any], move: TransitionSpec
) -> dict[str, Any]:
    """A ``decided_by: council`` move, the only way it happens: the secretary opens a meeting (every
    member present), records a unanimous ballot (for, or against when the move rejects) and closes it."""
    council = Council(svc)
    meeting = council.open_meeting(secretary, svc.today(), 13, 13, 0, "MP/BB-HĐTĐKT")
    yes, no = (0, 13) if rejecting(wf, move) else (13, 0)
    council.record_ballot(secretary, str(meeting["id"]), str(row["id"]), "SECRET", yes, no)
    council.close_meeting(secretary, str(meeting["id"]), int(meeting["version"]))
    done = svc.get(secretary, wf_tab(svc, row), str(row["id"]))
    if str(done["state"]) != move.dest:  # the vote's outcome took another council move (e.g. forward)
        raise ThiduaError("sim.vote_elsewhere", state=str(done["state"]), dest=move.dest)
    return done


def wf_tab(svc: Services, row: dict[str, Any]) -> str:
    """The tab of a submission row (its campaign's form says)."""
    return svc.campaign(str(row["campaign_id"])).forms[str(row["form"])].tab


def _try(
    svc: Services,
    cast: Sequence[Actor],
    tab: str,
    row: dict[str, Any],
    move: TransitionSpec,
    lang: str,
    wf: WorkflowSpec | None = None,
) -> tuple[dict[str, Any] | None, Actor | None, str]:
    """Let each demo person try ``move`` on ``row``; the first allowed makes it. Else the last refusal.
    A council's move is tried through a meeting; a recorded decision gets a number and a date."""
    why = t("sim.no_role", lang, roles=", ".join(move.roles))
    decision = DecisionRef("1/QĐ-MP", svc.today()) if move.decided_by in ("outside", "head") else None
    for actor in cast:
        if actor.role not in move.roles:
            continue
        try:
            if move.decided_by == "council" and wf is not None:
                done = _by_vote(svc, actor, wf, row, move)
            else:
                done = svc.act(
                    actor, tab, str(row["id"]), int(row["version"]), move.trigger, REASON, decision=decision
                )
        except ThiduaError as exc:
            why = f"{actor.role}@{actor.unit_id}: {exc.message(lang)}"
            continue
        return done, actor, why
    return None, None, why


def _complete_dossier(svc: Services, officer: Actor, camp: CampaignSpec, tab: str, row_id: str) -> None:
    """Record every document the row's award needs (R-DOS-1), dated in order (R-DOS-3), as a
    careful officer would before submitting."""
    dossiers = Dossiers(svc)
    need = dossiers.checklist(officer, tab, row_id).missing
    issued = min(max(svc.today(), camp.opens), camp.closes)
    for doc in document_set(need, row_id, 1, issued, camp.opens):
        dossiers.save(officer, tab, row_id, doc)


def _walk(
    svc: Services,
    camp: CampaignSpec,
    form: FormSpec,
    wf: WorkflowSpec,
    cast: Sequence[Actor],
    n_rows: int,
    report: SimReport,
    lang: str,
) -> None:
    """Breadth first from the initial state: each transition gets ``n_rows`` fresh rows, replayed to
    its source along the first path found."""
    officer = cast[0]
    first = sample_values(svc, camp, form)
    # a move refused for the first award (e.g. one only the upper union decides) is tried with the others
    others = [sample_values(svc, camp, form, a) for a in form.awards if a != first.get("award_code")]
    paths: dict[str, list[tuple[TransitionSpec, Actor]]] = {wf.initial: []}
    #: the values whose rows reached each state (a path only replays with the award it was found with)
    reached_with: dict[str, dict[str, Any]] = {}
    queue = [wf.initial]
    finals: list[str] = []
    tried: set[tuple[str, str]] = set()
    while queue:
        src = queue.pop(0)
        for move in wf.transitions_from(src):
            if (src, move.trigger) in tried:
                continue
            tried.add((src, move.trigger))
            for _ in range(n_rows):
                done, actor, why, row, values, reached = None, None, "", {}, first, False
                tried_values = [reached_with.get(src, first), *others]
                for values in [v for i, v in enumerate(tried_values) if v not in tried_values[:i]]:
                    try:
                        made = svc.create(officer, camp.id, form.name, values, submit=False)
                        _complete_dossier(svc, officer, camp, form.tab, str(made["id"]))
                        row = svc.get(officer, form.tab, str(made["id"]))
                        for step, who in paths[src]:
                            if step.decided_by == "council":
                                row = _by_vote(svc, who, wf, row, step)
                            else:
                                row = svc.act(
                                    who, form.tab, str(row["id"]), int(row["version"]), step.trigger, REASON,
                                    decision=DecisionRef("1/QĐ-MP", svc.today()) if step.decided_by else None,
                                )  # fmt: skip
                    except ThiduaError as exc:
                        # this award cannot take that path: try the next one (a refusal of the move
                        # itself, from a row that got there, is the better reason to report)
                        why, row = why or exc.message(lang), {}
                        continue
                    done, actor, refused = _try(svc, cast, form.tab, row, move, lang, wf)
                    why = why if why and done is None and reached else refused
                    reached = True
                    if done is not None:
                        break
                if done is None or actor is None:
                    report.blocked.append(Blocked(form.name, src, move.trigger, move.dest, why))
                    if row:
                        finals.append(str(row["state"]))
                    break
                finals.append(str(done["state"]))
                if not any(f[:4] == (form.name, src, move.trigger, move.dest) for f in report.fired):
                    report.fired.append(
                        (form.name, src, move.trigger, move.dest, f"{actor.role}@{actor.unit_id}")
                    )
                if move.dest not in paths:
                    paths[move.dest] = [*paths[src], (move, actor)]
                    reached_with[move.dest] = values
                    queue.append(move.dest)
    for move in wf.transitions:
        for src in move.source:
            if src not in paths:
                why = t("sim.unreachable_line", lang, form=form.name, state=src).strip()
                report.blocked.append(Blocked(form.name, src, move.trigger, move.dest, why))
    report.counts[form.name] = dict(sorted(Counter(finals).items()))
    report.unreachable.extend((form.name, s) for s in wf.states if s not in paths)


def simulate(svc: Services, campaign_id: str, rows: int = 2, lang: str = "vi") -> SimReport:
    """Run ``rows`` synthetic rows through every transition of every form of the campaign in ``svc``."""
    camp = svc.campaign(campaign_id)
    cast = demo_cast(svc, camp)
    report = SimReport(camp.id, cast[0].unit_id if cast else "", svc.today(), rows)
    if not cast or cast[0].role != "UNIT_OFFICER":
        for name in camp.forms:
            wf = camp.workflow_for(name)
            report.unreachable.extend((name, s) for s in wf.states)
        return report
    for form in camp.forms.values():
        _walk(svc, camp, form, camp.workflow_for(form.name), cast, max(1, rows), report, lang)
    return report


def format_report(report: SimReport, camp: CampaignSpec, lang: str = "vi") -> str:
    """The report as the command prints it."""
    out = [
        t("sim.header", lang, campaign=camp.id, name=label(camp.name, lang), rows=report.rows,
          unit=report.unit, day=report.day.isoformat()),
    ]  # fmt: skip
    for form, counts in report.counts.items():
        out.append(t("sim.counts", lang, form=form))
        out.extend(t("sim.count_line", lang, state=s, count=n) for s, n in counts.items())
    out.append(t("sim.blocked_header", lang))
    out.extend(
        t("sim.blocked_line", lang, form=b.form, src=b.source, trigger=b.trigger, dest=b.dest, why=b.why)
        for b in report.blocked
    )
    if not report.blocked:
        out.append(t("sim.none", lang))
    out.append(t("sim.unreachable_header", lang))
    out.extend(t("sim.unreachable_line", lang, form=f, state=s) for f, s in report.unreachable)
    if not report.unreachable:
        out.append(t("sim.none", lang))
    out.append(
        t("sim.verdict_bad", lang, count=len(report.unreachable))
        if report.unreachable
        else t("sim.verdict_ok", lang)
    )
    return "\n".join(out)

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

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from core.dossier import document_set
from core.errors import ThiduaError
from core.model import Actor
from i18n import label, t
from schemas.form_tabs import FieldDef
from schemas.registry import spec as tab_spec
from schemas.validate import choices
from services.council import Council
from services.dossiers import Dossiers
from services.jury import Jury
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
    "DECIDER",
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
    own = {d.name: d for d in form.own_fields}
    for fs in form.fields:
        kind = tab_spec(form.tab).kind(fs.name)
        options = choices(form.tab, fs.name)
        if fs.name in own:
            values[fs.name] = _own_sample(own[fs.name], camp, len(values))
        elif fs.name == "award_code":
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


def _own_sample(d: FieldDef, camp: CampaignSpec, i: int) -> Any:
    """A valid value for a field a form declared (its type and limits)."""
    low, high = d.limits()
    if d.type == "year":
        return max(low or 0, min(high or camp.year, camp.year - 30))
    if d.type in ("integer", "money"):
        return low if low is not None else (high if high is not None and high < 1 else 1)
    if d.type == "date":
        return camp.opens.isoformat()
    if d.type == "choice":
        return d.codes()[i % len(d.codes())]
    if d.type == "multi_choice":
        return d.codes()[0]
    if d.type == "yes_no":
        return True
    if d.type == "email":
        return "mo.phong@demo.thidua.vn"
    if d.type == "phone":
        return "0912345678"
    text = "Mô phỏng Demo kiểm tra quy trình của đợt thi đua trước khi mở"
    least, most = d.length()
    return (text * (1 + least // len(text)))[: max(least, min(most, len(text)))]


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
            if getattr(exc, "code", "") == "guard.public_comment_running":
                later = _after_publication(svc, actor, tab, row, move)  # the simulation lets the period pass
                if later is not None:
                    return later, actor, why
            continue
        return done, actor, why
    return None, None, why


def _after_publication(
    svc: Services, actor: Actor, tab: str, row: dict[str, Any], move: TransitionSpec
) -> dict[str, Any] | None:
    """Fire ``move`` once the public comment period is over: a pinned clock (the simulation's) is moved
    on 30 days for the move, then back, so the rest of the simulation keeps its day."""
    clock = svc.clock
    day = getattr(clock, "day", None)
    if not isinstance(day, dt.date):
        return None
    try:
        clock.day = day + dt.timedelta(days=30)  # type: ignore[attr-defined]
        svc.invalidate()
        return svc.act(actor, tab, str(row["id"]), int(row["version"]), move.trigger, REASON)
    except ThiduaError:
        return None
    finally:
        clock.day = day  # type: ignore[attr-defined]
        svc.invalidate()


def _replay(
    svc: Services,
    who: Actor,
    tab: str,
    row: dict[str, Any],
    wf: WorkflowSpec,
    trigger: str,
    decision: DecisionRef | None = None,
) -> dict[str, Any]:
    """Fire ``trigger`` again on a fresh row, letting a public comment period pass as ``_try`` did."""
    try:
        return svc.act(who, tab, str(row["id"]), int(row["version"]), trigger, REASON, decision=decision)
    except ThiduaError as exc:
        move = wf.transition(trigger, str(row["state"]))
        if getattr(exc, "code", "") != "guard.public_comment_running" or move is None:
            raise
        done = _after_publication(svc, who, tab, row, move)
        if done is None:
            raise
        return done


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
                                recorded = step.decided_by in ("outside", "head")
                                decision = DecisionRef("1/QĐ-MP", svc.today()) if recorded else None
                                row = _replay(svc, who, form.tab, row, wf, step.trigger, decision)
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
    if camp.contest is not None:
        _contest(svc, camp, cast, max(1, rows), report, lang)
    return report


def _contest(
    svc: Services, camp: CampaignSpec, cast: Sequence[Actor], n_rows: int, report: SimReport, lang: str
) -> None:
    """A contest's own path: entrants registered in two categories and confirmed by the upper union,
    every judge of those categories scores them, then the secretary confirms the results, which
    fire the prize and no-prize moves (moves nobody can make row by row in the walk above)."""
    contest = camp.contest
    assert contest is not None
    form = camp.forms[contest.form]
    wf = camp.workflow_for(form.name)
    officer, jury = cast[0], Jury(svc)
    categories = contest.categories[:2]
    judged = wf.transitions_from(contest.judging_state)
    path = _contest_path(wf, contest.judging_state)
    deciders = [a for a in cast if any(a.role in t.roles for t in judged)]
    try:
        for i, category in enumerate(categories):
            seats = sum(p.count_for(category) for p in contest.prizes)
            for k in range(max(n_rows, 1) + (1 if contest.min_total is not None else seats)):
                values = {**sample_values(svc, camp, form), contest.category: category}
                if "full_name" in values:
                    values["full_name"] = f"Thí sinh mô phỏng Demo {i + 1}.{k + 1}"
                made = svc.create(officer, camp.id, form.name, values, submit=False)
                row: dict[str, Any] | None = svc.get(officer, form.tab, str(made["id"]))
                for move in path:
                    assert row is not None
                    row, _actor, why = _try(svc, cast, form.tab, row, move, lang)
                    if row is None:
                        report.blocked.append(
                            Blocked(form.name, move.source[0], move.trigger, move.dest, why)
                        )
                        return
        users = svc.reference().users
        for category in categories:
            for email in contest.judges_of(category):
                hit = users[(users["email"].str.casefold() == email.casefold()) & (users["role"] == "JUDGE")]
                if hit.empty:
                    report.blocked.append(
                        Blocked(
                            form.name,
                            contest.judging_state,
                            "score",
                            "",
                            t("sim.no_judge", lang, judge=email),
                        )
                    )
                    return
                judge = Actor(email, str(hit.iloc[0]["full_name"]), "JUDGE", str(hit.iloc[0]["unit_id"]))
                sheet = jury.sheet(judge, camp.id, category)
                last = len(sheet.entrants) - 1
                for k, e in enumerate(sheet.entrants):
                    if e.entry_id in sheet.recused:
                        continue
                    for c in contest.criteria:
                        # the last entrant of each category scores nothing: below any prize floor, and
                        # after the tiers if there is none (so the no-prize move is tried too)
                        points = 0 if k == last else max(0, c.max - 3 * k - len(c.code))
                        jury.save(judge, camp.id, e.entry_id, c.code, points, None)
        secretary = next((a for a in deciders), None)
        if secretary is None:
            report.blocked.append(
                Blocked(
                    form.name,
                    contest.judging_state,
                    contest.prize_move,
                    "",
                    t("sim.no_role", lang, roles=", ".join(r for m in judged for r in m.roles)),
                )
            )
            return
        results = jury.confirm(secretary, camp.id, list(categories))
    except ThiduaError as exc:
        report.blocked.append(Blocked(form.name, contest.judging_state, "confirm", "", exc.message(lang)))
        return
    won = sum(1 for r in results if r["prize_code"])
    by = f"{secretary.role}@{secretary.unit_id}"
    for trigger, n in ((contest.prize_move, won), (contest.no_prize_move, len(results) - won)):
        fired = wf.transition(trigger, contest.judging_state)
        if fired is None or n == 0:
            continue
        report.fired.append((form.name, contest.judging_state, trigger, fired.dest, by))
        report.blocked = [b for b in report.blocked if not (b.form == form.name and b.trigger == trigger)]
        report.unreachable = [u for u in report.unreachable if u != (form.name, fired.dest)]
        counts = report.counts.setdefault(form.name, {})
        counts[fired.dest] = counts.get(fired.dest, 0) + n
    report.counts[form.name] = dict(sorted(report.counts[form.name].items()))


def _contest_path(wf: WorkflowSpec, judging: str) -> list[TransitionSpec]:
    """The moves from the initial state to the judging state (the first path found, forward only)."""
    back = {n for n, st in wf.states.items() if st.outcome in ("returned", "rejected", "withdrawn")}
    prev: dict[str, TransitionSpec | None] = {wf.initial: None}
    queue = [wf.initial]
    while queue:
        state = queue.pop(0)
        for move in wf.transitions_from(state):
            if move.dest not in prev and move.dest not in back:
                prev[move.dest] = dataclasses.replace(move, source=(state,))
                queue.append(move.dest)
    out: list[TransitionSpec] = []
    step = prev.get(judging)
    while step is not None:
        out.append(step)
        step = prev.get(step.source[0])
    return list(reversed(out))


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

"""Demo rows of juried contests (``contest:`` in a campaign YAML): the judges' accounts, and for every
contest closed before the demo day its entrants, the judges' scores and the confirmed results.

The rows come from the same machinery the app uses: entrants move along the contest's own workflow
(registered, confirmed by the upper union, judged, then the prize or no-prize move of the confirmed
results), each step with its history row; the results are the standings of
:func:`services.jury.compute_standings` over the judges' scores. So the dashboard's contest tiles,
the prize list and the decision's annex are computed from the campaign's own data (the 2023 Hội thi
thợ giỏi: 363 entrants, 11 trades, 111 prizes, 564 000 000 đồng), not from a side tab. Everyone in
it is fictional ("Demo" in every name). Deterministic for a seed, with its own random stream.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from core.text import ascii_slug
from services.jury import Entrant, compute_standings, fmt_points
from workflows.spec import CampaignSpec

DEMO_DOMAIN = "demo.thidua.vn"
_ENTERPRISE_SECTORS = frozenset({"FDI", "NGOAI_NN", "DNNN"})
#: The judge of each trade's second seat works in an enterprise union (so some entrants are recused);
#: in welding it is Canon's union, whose workers enter the contest.
_RECUSAL_UNIT = "HN-CDCS-CANON"
_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý")
_MIDDLE = ("Văn", "Thị", "Minh", "Đức", "Ngọc", "Quang", "Hữu", "Thanh", "Thu", "Xuân")
_GIVEN = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hùng",
    "Lan",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Tuấn",
)
_ACHIEVEMENTS = (
    "Nhiều năm liền hoàn thành vượt định mức, không để xảy ra sản phẩm lỗi.",
    "Có sáng kiến cải tiến đồ gá được đơn vị công nhận.",
    "Kèm cặp thợ mới, được bình chọn lao động giỏi của phân xưởng.",
    "",
)


def _enterprise_unions(units: Sequence[Mapping[str, Any]]) -> list[str]:
    found = sorted(str(u["id"]) for u in units if u["level"] == "CDCS" and u["sector"] in _ENTERPRISE_SECTORS)
    return [_RECUSAL_UNIT, *(u for u in found if u != _RECUSAL_UNIT)] if _RECUSAL_UNIT in found else found


def judge_users(
    campaigns: Mapping[str, CampaignSpec], units: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """A ``JUDGE`` account for every judge a contest names: the first and third of each category at
    the city federation, the second in an enterprise union (recused from its own workers)."""
    enterprises = _enterprise_unions(units) or ["HN-LDLD"]
    rows: dict[str, dict[str, Any]] = {}
    rng = random.Random(7)
    for camp in campaigns.values():
        if camp.contest is None:
            continue
        for c_index, category in enumerate(camp.contest.categories):
            for seat, email in enumerate(camp.contest.judges_of(category)):
                key = email.casefold()
                if key in rows:
                    continue
                unit = enterprises[c_index % len(enterprises)] if seat == 1 else "HN-LDLD"
                name = f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} Demo {rng.choice(_GIVEN)}"
                rows[key] = {
                    "id": f"U-GK-{len(rows) + 1:03d}",
                    "email": email,
                    "full_name": f"{name} (giám khảo)",
                    "role": "JUDGE",
                    "unit_id": unit,
                    "active": True,
                }
    return list(rows.values())


def _stamp(day: dt.date, minutes: int) -> str:
    t = dt.datetime.combine(day, dt.time(8, 0)) + dt.timedelta(minutes=minutes)
    return t.strftime("%Y-%m-%dT%H:%M:%S+07:00")


def _hist(tab: str, row_id: str, cid: str, action: str, src: str, dst: str, who: tuple[str, str, str],
          reason: str, at: str) -> dict[str, Any]:  # fmt: skip
    email, role, unit = who
    return {
        "tab": tab, "row_id": row_id, "campaign_id": cid, "action": action, "from_state": src,
        "to_state": dst, "actor_email": email, "actor_role": role, "actor_unit": unit, "reason": reason,
        "at": at,
    }  # fmt: skip


def _entrant_fields(
    rng: random.Random, camp: CampaignSpec, unit: Mapping[str, Any], category: str
) -> dict[str, Any]:
    form = camp.forms[camp.contest.form] if camp.contest else None
    own = {d.name: d for d in form.own_fields} if form else {}
    earlier = own["earlier_contests"].codes() if "earlier_contests" in own else ()
    workplace = str(unit["name_vi"]).removeprefix("Công đoàn ")
    return {
        "full_name": f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} Demo {rng.choice(_GIVEN)}",
        "birth_year": rng.randint(camp.year - 50, camp.year - 20),
        "gender": rng.choice(["NAM", "NAM", "NAM", "NU"]),
        "trade": category,
        "workplace": workplace.strip() or str(unit["name_vi"]),
        "skill_grade": rng.randint(3, 7),
        "years_in_trade": rng.randint(2, 25),
        "certified": rng.random() < 0.9,
        "earlier_contests": "; ".join(c for c in earlier if rng.random() < 0.2),
        "phone": f"09{rng.randint(10_000_000, 99_999_999)}",
        "email": "",
        "achievements": rng.choice(_ACHIEVEMENTS),
    }


def build(
    campaigns: Mapping[str, CampaignSpec],
    units: Sequence[Mapping[str, Any]],
    judges: Sequence[Mapping[str, Any]],
    today: dt.date,
    rng: random.Random,
) -> dict[str, list[dict[str, Any]]]:
    """Entrants, scores, results and history of every contest closed before ``today``."""
    out: dict[str, list[dict[str, Any]]] = {"history": [], "contest_scores": [], "contest_results": []}
    parent_of = {str(u["id"]): str(u["parent_id"]) for u in units}
    by_id = {str(u["id"]): u for u in units}
    enterprises = [u for u in _enterprise_unions(units) if parent_of.get(u)]
    judge_unit = {str(j["email"]).casefold(): str(j["unit_id"]) for j in judges}
    for camp in sorted(campaigns.values(), key=lambda c: c.id):
        contest = camp.contest
        if contest is None or camp.closes >= today or not enterprises:
            continue
        form = camp.forms[contest.form]
        wf = camp.workflow_for(form.name)
        tab = form.tab
        rows: list[dict[str, Any]] = []
        target = contest.declared_entrants or 10 * len(contest.categories)
        per = [target // len(contest.categories)] * len(contest.categories)
        for i in range(target - sum(per)):
            per[i] += 1
        judging_day = camp.closes - dt.timedelta(days=10)
        entrants: dict[str, list[Entrant]] = {}
        seq = 0
        stars: set[str] = set()  # Canon's best workers: a few prizes the Canon officer sees
        for c_index, (category, n) in enumerate(zip(contest.categories, per, strict=True)):
            for k in range(n + 1):  # one more per category who does not compete (withdrawn or not eligible)
                seq += 1
                star = k == 0 and c_index % 3 == 1 and _RECUSAL_UNIT in by_id
                unit_id = _RECUSAL_UNIT if star else enterprises[(seq * 7 + k) % len(enterprises)]
                unit = by_id[unit_id]
                parent = parent_of[unit_id]
                row_id = f"DEMO-TS-{camp.year}-{seq:04d}"
                fields = _entrant_fields(rng, camp, unit, category)
                officer = (f"can.bo@{ascii_slug(unit_id).lower()}.{DEMO_DOMAIN}", "UNIT_OFFICER", unit_id)
                reviewer = (f"tham.dinh@{ascii_slug(parent).lower()}.{DEMO_DOMAIN}", "UPPER_REVIEWER", parent)
                day = camp.opens + dt.timedelta(days=rng.randint(0, 40))

                def step(
                    action: str, src: str, dst: str, who: tuple[str, str, str], why: str, at: str
                ) -> None:
                    hist.append(_hist(tab, row_id, camp.id, action, src, dst, who, why, at))  # noqa: B023

                hist: list[dict[str, Any]] = []
                step("create", "", wf.initial, officer, "", _stamp(day, seq % 300))
                step("submit", wf.initial, "SUBMITTED", officer, "", _stamp(day, seq % 300 + 5))
                state, reason = contest.judging_state, ""
                if k == n:  # the extra one: withdrawn by the unit, or found not eligible
                    if len(entrants) % 2:
                        state = "WITHDRAWN"
                        step(
                            "withdraw",
                            "SUBMITTED",
                            state,
                            officer,
                            "",
                            _stamp(day + dt.timedelta(days=3), 30),
                        )
                    else:
                        state, reason = "REJECTED", "Thí sinh chưa đủ 12 tháng làm nghề tại doanh nghiệp."
                        step(
                            "reject",
                            "SUBMITTED",
                            state,
                            reviewer,
                            reason,
                            _stamp(day + dt.timedelta(days=4), 60),
                        )
                else:
                    later = _stamp(day + dt.timedelta(days=5), 90)
                    step("approve", "SUBMITTED", contest.judging_state, reviewer, "", later)
                row = {
                    "id": row_id,
                    **fields,
                    "campaign_id": camp.id,
                    "form": form.name,
                    "unit_id": unit_id,
                    "state": state,
                    "revision": 1,
                    "last_reason": reason,
                    "submitted_at": hist[1]["at"],
                    "state_since": hist[-1]["at"],
                    "client_token": "",
                    "fix_fields": "",
                }
                rows.append(row)
                out["history"].extend(hist)
                if star:
                    stars.add(row_id)
                if state == contest.judging_state:
                    entrants.setdefault(category, []).append(
                        Entrant(
                            row_id,
                            str(fields["full_name"]),
                            unit_id,
                            str(unit["name_vi"]),
                            category,
                            state,
                            {**row, "version": 1},
                        )
                    )
        scores: list[dict[str, Any]] = []
        for category, people in entrants.items():
            lenient = {j: rng.randint(-4, 4) for j in contest.judges_of(category)}
            for e in people:
                skill = rng.gauss(74, 9)
                if e.entry_id in stars:
                    skill = 95.0
                for j in contest.judges_of(category):
                    if contest.recusal == "same_unit" and judge_unit.get(j.casefold()) == e.unit_id:
                        continue
                    for c in contest.criteria:
                        points = round(skill * c.max / 100 + lenient[j] + rng.gauss(0, 4))
                        scores.append(
                            {
                                "id": f"DEMO-DIEM-{e.entry_id}-{ascii_slug(j.split('@')[0])}-{c.code}",
                                "campaign_id": camp.id,
                                "entry_tab": tab,
                                "entry_id": e.entry_id,
                                "unit_id": e.unit_id,
                                "category": category,
                                "judge_email": j,
                                "criterion": c.code,
                                "points": max(0, min(c.max, points)),
                            }
                        )
        out["contest_scores"].extend(scores)
        frame = pd.DataFrame(scores)
        secretary = (f"thu.ky.hd@{DEMO_DOMAIN}", "COUNCIL_SECRETARY", "HN-LDLD")
        by_row = {r["id"]: r for r in rows}
        for c_index, category in enumerate(contest.categories):
            confirmed_at = _stamp(judging_day, 60 + c_index)
            for s in compute_standings(contest, entrants.get(category, []), frame, judge_unit):
                dest_move = contest.prize_move if s.prize_code else contest.no_prize_move
                move = wf.transition(dest_move, contest.judging_state)
                assert move is not None
                row = by_row[s.entrant.entry_id]
                row["state"], row["state_since"] = move.dest, confirmed_at
                prize = str(s.prize_label.get("vi", "")) if s.prize_code else ""
                why = f"{prize + ' – ' if prize else ''}{fmt_points(s.total)} điểm, hạng {s.rank}"
                src = contest.judging_state
                out["history"].append(
                    _hist(tab, row["id"], camp.id, dest_move, src, move.dest, secretary, why, confirmed_at)
                )
                out["contest_results"].append(
                    {
                        "id": f"DEMO-KQ-{row['id']}",
                        "campaign_id": camp.id,
                        "entry_tab": tab,
                        "entry_id": row["id"],
                        "unit_id": row["unit_id"],
                        "year": camp.year,
                        "category": category,
                        "full_name": row["full_name"],
                        "rank": s.rank,
                        "total": fmt_points(s.total),
                        "tied": s.tied,
                        "prize_code": s.prize_code,
                        "prize_label": prize,
                        "amount_vnd": s.amount,
                        "confirmed_by": secretary[0],
                        "confirmed_at": confirmed_at,
                    }
                )
        out[tab] = rows
    return out

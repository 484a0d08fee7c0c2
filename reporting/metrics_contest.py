"""Leader metric 10 (DOMAIN.md §6): skilled-worker contests, from the contest campaigns' own data.

A contest is a campaign with a ``contest:`` block (``workflows/contest.py``). Its entrants are the
rows of its entrant form (a tab of the form's own), its prizes the ``contest_results`` rows the
secretary confirmed. The tiles count them for the contests the filters select: a campaign filter
naming a contest picks it, a year filter that year's contests, otherwise (no filter, or another
campaign: the leaders' landing page) the latest contest that has opened by today. Targets are the
figures the YAML declares (``declared: {entrants, prizes, money}``). Pure functions over a
:class:`reporting.metrics.MetricData` (rows already in the viewer's scope).
"""

from __future__ import annotations

import pandas as pd

from core.vnformat import fmt_int, fmt_vnd_words
from reporting.metrics import Label, Metric, MetricData, campaigns_in, ids_of
from workflows.spec import CampaignSpec


def contests_shown(data: MetricData) -> list[CampaignSpec]:
    """The contest campaigns the tiles count (see the module docstring)."""
    camps = [c for c in campaigns_in(data) if c.contest is not None]
    chosen = data.campaigns.get(data.filters.campaign_id or "")
    if (chosen is not None and chosen.contest is not None) or data.filters.year:
        return camps
    # no filter, or a campaign that is not a contest (the leaders' landing page shows the running
    # annual campaign): the latest contest that has opened, as tile 10 of DOMAIN.md §6 asks
    camps = [c for c in data.campaigns.values() if c.contest is not None]
    started = [c for c in camps if c.opens <= data.today]
    if not started:
        return []
    latest = max(c.year for c in started)
    return [c for c in started if c.year == latest]


def _entries(data: MetricData, camps: list[CampaignSpec]) -> pd.DataFrame:
    """Entrants of ``camps`` put forward (submitted, not withdrawn or rejected)."""
    parts = []
    for camp in camps:
        assert camp.contest is not None
        frame = data.contest_forms.get(camp.forms[camp.contest.form].tab)
        if frame is None or frame.empty:
            continue
        mine = frame[(frame["campaign_id"] == camp.id) & (frame["form"] == camp.contest.form)]
        mine = mine[
            (mine["submitted_at"].astype(str) != "") & ~mine["outcome"].isin(["withdrawn", "rejected"])
        ]
        parts.append(mine.assign(_category=mine[camp.contest.category].astype(str)))
    return (
        pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["id", "unit_id", "_category"])
    )


def _results(data: MetricData, camps: list[CampaignSpec]) -> pd.DataFrame:
    res = data.contest_results
    if res.empty:
        return res
    return res[res["campaign_id"].isin([c.id for c in camps])].reset_index(drop=True)


def _declared(camps: list[CampaignSpec], what: str) -> int | None:
    values = [getattr(c.contest, f"declared_{what}") for c in camps if c.contest is not None]
    if not values or any(v is None for v in values):
        return None
    return int(sum(values))


def _name(camps: list[CampaignSpec]) -> Label:
    if len(camps) == 1:
        return {"vi": camps[0].name["vi"], "en": camps[0].name.get("en") or camps[0].name["vi"]}
    years = ", ".join(sorted({str(c.year) for c in camps})) or "—"
    return {"vi": f"Hội thi thợ giỏi {years}", "en": f"Skilled-worker contests {years}"}


def prize_table(results: pd.DataFrame, camps: list[CampaignSpec] | None = None) -> pd.DataFrame:
    """Prizes per category and tier with the money paid (the tiles' breakdown); categories in the
    YAML's order and named by their labels (Vietnamese, like the prize labels of the results)."""
    cols = ["category", "prize_label", "count", "amount_vnd"]
    won = results[results["prize_code"] != ""] if not results.empty else results
    if won.empty:
        return pd.DataFrame(columns=cols)
    out = (
        won.groupby(["category", "prize_code", "prize_label"])
        .agg(count=("id", "size"), amount_vnd=("amount_vnd", lambda s: int(s.fillna(0).sum())))
        .reset_index()
    )
    order, names = _categories(camps or [])
    tiers = {p.code: i for c in camps or [] if c.contest is not None for i, p in enumerate(c.contest.prizes)}
    out["_order"] = out["category"].map(lambda c: order.get(str(c), len(order)))
    out["_tier"] = out["prize_code"].map(lambda p: tiers.get(str(p), len(tiers)))
    out["category"] = out["category"].map(lambda c: names.get(str(c), str(c)))
    out = out.sort_values(["_order", "_tier"])
    return out[cols].reset_index(drop=True)


def _categories(camps: list[CampaignSpec]) -> tuple[dict[str, int], dict[str, str]]:
    """Category code -> its place in the YAML, and -> its Vietnamese label (the entrant form's option)."""
    order: dict[str, int] = {}
    names: dict[str, str] = {}
    for camp in camps:
        if camp.contest is None:
            continue
        own = {d.name: d for d in camp.forms[camp.contest.form].own_fields}
        field = own.get(camp.contest.category)
        for o in field.options if field else ():
            order.setdefault(o.code, len(order))
            names.setdefault(o.code, o.label.get("vi", o.code))
    return order, names


def contest_entrants(data: MetricData) -> Metric:
    """Entrants registered in the contests shown, against the entrants the YAML declares."""
    camps = contests_shown(data)
    entries = _entries(data, camps)
    declared = _declared(camps, "entrants")
    name = _name(camps)
    trades = entries["_category"].nunique() if not entries.empty else 0
    units = entries["unit_id"].nunique() if not entries.empty else 0
    tabs = tuple(dict.fromkeys(c.forms[c.contest.form].tab for c in camps if c.contest is not None))
    return Metric(
        code="contest_entrants",
        number=10,
        label={"vi": f"{name['vi']}: thí sinh đăng ký", "en": f"{name['en']}: entrants"},
        short={"vi": "Thí sinh thợ giỏi", "en": "Contest entrants"},
        value=len(entries),
        target=declared,
        numerator=len(entries),
        denominator=declared,
        as_of=data.as_of,
        sources=tabs,
        source_names={
            c.forms[c.contest.form].tab: c.forms[c.contest.form].label for c in camps if c.contest is not None
        },
        kind="quota" if declared is not None else "count",
        note={
            "vi": f"{fmt_int(len(entries))} thí sinh, {fmt_int(trades)} nghề, {fmt_int(units)} đơn vị.",
            "en": f"{fmt_int(len(entries), 'en')} entrants, {trades} trades, {fmt_int(units, 'en')} unions.",
        },
        drill={
            tab: ids_of(entries[entries["id"].isin(data.forms[tab]["id"])])
            for tab in tabs
            if tab in data.forms
        },
    )


def contest_prizes(data: MetricData) -> Metric:
    """Prizes in the confirmed results of the contests shown, against the declared prizes."""
    camps = contests_shown(data)
    results = _results(data, camps)
    won = results[results["prize_code"] != ""] if not results.empty else results
    declared = _declared(camps, "prizes")
    name = _name(camps)
    trades = results["category"].nunique() if not results.empty else 0
    return Metric(
        code="contest_prizes",
        number=10,
        label={"vi": f"{name['vi']}: số giải đã trao", "en": f"{name['en']}: prizes awarded"},
        short={"vi": "Giải thợ giỏi", "en": "Contest prizes"},
        value=len(won),
        target=declared,
        numerator=len(won),
        denominator=declared,
        as_of=data.as_of,
        sources=("contest_results",),
        kind="quota" if declared is not None else "count",
        note={
            "vi": f"Kết quả đã xác nhận của {trades} nghề; giải theo từng nghề trong bảng chi tiết.",
            "en": f"Confirmed results of {trades} trades; prizes per trade in the breakdown.",
        },
        drill={"contest_results": ids_of(won)},
        breakdown=prize_table(results, camps),
    )


def contest_prize_money(data: MetricData, prizes_tile: Metric | None = None) -> Metric:
    """Prize money of the confirmed results (integer VND), against the declared prize fund."""
    camps = contests_shown(data)
    results = _results(data, camps)
    tile = prizes_tile or contest_prizes(data)
    won = results[results["prize_code"] != ""] if not results.empty else results
    paid = int(won["amount_vnd"].fillna(0).astype("int64").sum()) if not won.empty else 0
    fund = _declared(camps, "money")
    fund_text = fmt_vnd_words(fund) if fund is not None else "—"
    name = _name(camps)
    return Metric(
        code="contest_prize_money",
        number=10,
        label={"vi": f"{name['vi']}: tiền thưởng đã trao", "en": f"{name['en']}: prize money"},
        short={"vi": "Tiền thưởng thợ giỏi", "en": "Contest prize money"},
        value=paid,
        target=fund,
        numerator=None,
        denominator=None,
        as_of=data.as_of,
        sources=("contest_results",),
        kind="vnd",
        note={"vi": f"Tổng giải thưởng công bố: {fund_text}.", "en": f"Declared prize fund: {fund_text}."},
        drill=tile.drill,
        breakdown=tile.breakdown,
    )


def contest_metrics(data: MetricData) -> list[Metric]:
    """The contest tiles (entrants, prizes, money), none when no contest is shown."""
    if not contests_shown(data):
        return []
    prizes = contest_prizes(data)
    return [contest_entrants(data), prizes, contest_prize_money(data, prizes)]

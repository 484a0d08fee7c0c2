"""Leader metrics 6 and 10 (DOMAIN.md §6): grassroots-union grading and the skilled-worker contest.

Pure functions over the ``unit_assessments``, ``contests`` and ``contest_prizes`` frames of a
:class:`reporting.metrics.MetricData` (already limited to the viewer's scope and to the cluster, level
and sector filters by ``reporting.reporting``). Both tabs are yearly, not tied to a campaign: the year
is the filter's year, else the latest year with rows up to today.
"""

from __future__ import annotations

import pandas as pd

from core.vnformat import fmt_int, fmt_vnd_words
from reporting.metrics import Label, Metric, MetricData, ids_of
from schemas.tabs_assessment import GRADES, PRIZE_RANKS

GRADE_LABELS: dict[str, Label] = {
    "HTXSNV": {"vi": "Hoàn thành xuất sắc nhiệm vụ", "en": "Outstanding"},
    "HTTNV": {"vi": "Hoàn thành tốt nhiệm vụ", "en": "Good"},
    "HTNV": {"vi": "Hoàn thành nhiệm vụ", "en": "Completed"},
    "KHTNV": {"vi": "Không hoàn thành nhiệm vụ", "en": "Not completed"},
}


def metric_year(frame: pd.DataFrame, data: MetricData) -> int | None:
    """The filter's year, else the latest year of ``frame`` not after today (None when there is none)."""
    if data.filters.year:
        return data.filters.year
    if frame.empty:
        return None
    years = [int(y) for y in frame["year"].dropna() if int(y) <= data.today.year]
    return max(years) if years else None


def _of_year(frame: pd.DataFrame, year: int | None) -> pd.DataFrame:
    if frame.empty or year is None:
        return frame.iloc[0:0] if not frame.empty else frame
    return frame[frame["year"] == year].reset_index(drop=True)


# ------------------------------------------------------------------------------------------ 6 grading


def grading_table(assessments: pd.DataFrame) -> pd.DataFrame:
    """Grassroots unions per grade (all four grades, best first) with each grade's share."""
    counts = assessments["grade"].value_counts() if not assessments.empty else pd.Series(dtype=int)
    total = int(counts.sum())
    rows = [
        {
            "grade": g,
            "count": int(counts.get(g, 0)),
            "share": (int(counts.get(g, 0)) / total) if total else 0.0,
        }
        for g in GRADES
    ]
    return pd.DataFrame(rows, columns=["grade", "count", "share"])


def unit_grading(data: MetricData) -> Metric:
    """Share of graded grassroots unions rated HTXSNV; the counts per grade are the breakdown."""
    year = metric_year(data.unit_assessments, data)
    rows = _of_year(data.unit_assessments, year)
    table = grading_table(rows)
    counts = dict(zip(table["grade"], table["count"], strict=True))
    num, den = counts["HTXSNV"], int(table["count"].sum())
    spread = " / ".join(f"{fmt_int(counts[g])} {g}" for g in GRADES)
    spread_en = " / ".join(f"{fmt_int(counts[g], 'en')} {g}" for g in GRADES)
    y = str(year) if year else "—"
    return Metric(
        code="unit_grading",
        number=6,
        label={
            "vi": f"Tỷ lệ CĐCS xếp loại hoàn thành xuất sắc nhiệm vụ (năm {y})",
            "en": f"Share of grassroots unions graded outstanding (HTXSNV, {y})",
        },
        short={"vi": "CĐCS xuất sắc", "en": "Outstanding unions"},
        value=num / den if den else 0.0,
        target=None,
        numerator=num,
        denominator=den,
        as_of=data.as_of,
        sources=("unit_assessments",),
        kind="share",
        note={
            "vi": f"Xếp loại năm {y}: {spread}. Mẫu số: CĐCS đã được xếp loại.",
            "en": f"Grades for {y}: {spread_en}. Denominator: grassroots unions graded.",
        },
        drill={"unit_assessments": ids_of(rows)},
        breakdown=table,
    )


# ------------------------------------------------------------------------------------------ 10 contest


def prize_table(prizes: pd.DataFrame) -> pd.DataFrame:
    """Prizes per trade and rank (Nhất, Nhì, Ba, Khuyến khích) with the money paid."""
    cols = ["trade", "rank", "count", "amount_vnd"]
    if prizes.empty:
        return pd.DataFrame(columns=cols)
    out = (
        prizes.groupby(["trade", "rank"])
        .agg(count=("id", "size"), amount_vnd=("amount_vnd", lambda s: int(s.fillna(0).sum())))
        .reset_index()
    )
    out["order"] = out["rank"].map({r: i for i, r in enumerate(PRIZE_RANKS)})
    return out.sort_values(["trade", "order"]).drop(columns="order").reset_index(drop=True)[cols]


def _declared(contests: pd.DataFrame, column: str) -> int | None:
    """The organisers' declared total of ``column`` over the contests seen, None when none is seen."""
    if contests.empty:
        return None
    return int(contests[column].fillna(0).astype("int64").sum())


def _contest_year(data: MetricData) -> int | None:
    """The contests' year; from the prizes when no contest row is in scope (a unit sees only its prizes)."""
    return metric_year(data.contest_prizes if data.contests.empty else data.contests, data)


def _contest_note(contests: pd.DataFrame, year: int | None) -> Label:
    y = str(year) if year else "—"
    if contests.empty:
        return {
            "vi": f"Hội thi thợ giỏi năm {y}: giải trao cho người lao động trong phạm vi của bạn.",
            "en": f"Skilled-worker contests of {y}: prizes to workers within your scope.",
        }
    n = {c: int(contests[c].fillna(0).astype("int64").sum()) for c in ("contestants", "enterprises", "areas")}
    trades = {t.strip() for ts in contests["trades"] for t in str(ts).split(";") if t.strip()}
    return {
        "vi": f"Hội thi thợ giỏi năm {y}: {fmt_int(n['contestants'])} thí sinh, "
        f"{fmt_int(n['enterprises'])} doanh nghiệp, {fmt_int(n['areas'])} quận, huyện, ngành, "
        f"{fmt_int(len(trades))} nghề.",
        "en": f"Skilled-worker contests of {y}: {fmt_int(n['contestants'], 'en')} contestants, "
        f"{fmt_int(n['enterprises'], 'en')} enterprises, {fmt_int(n['areas'], 'en')} districts and sectors, "
        f"{fmt_int(len(trades), 'en')} trades.",
    }


def contest_prizes(data: MetricData) -> Metric:
    """Prizes won in the year's skilled-worker contests, against the prizes the organisers declared."""
    year = _contest_year(data)
    contests = _of_year(data.contests, year)
    prizes = _of_year(data.contest_prizes, year)
    declared = _declared(contests, "prizes")
    return Metric(
        code="contest_prizes",
        number=10,
        label={"vi": "Hội thi thợ giỏi: số giải đã trao", "en": "Skilled-worker contest: prizes awarded"},
        short={"vi": "Giải thợ giỏi", "en": "Contest prizes"},
        value=len(prizes),
        target=declared,
        numerator=len(prizes),
        denominator=declared,
        as_of=data.as_of,
        sources=("contests", "contest_prizes"),
        kind="quota" if declared is not None else "count",
        note=_contest_note(contests, year),
        drill={"contest_prizes": ids_of(prizes)},
        breakdown=prize_table(prizes),
    )


def contest_prize_money(data: MetricData, prizes_tile: Metric | None = None) -> Metric:
    """Prize money paid in the year's contests (integer VND), against the declared prize fund.

    ``prizes_tile`` is :func:`contest_prizes` of the same data when the caller already has it.
    """
    tile = prizes_tile or contest_prizes(data)
    ids = set(tile.drill["contest_prizes"])
    prizes = data.contest_prizes
    paid = (
        int(prizes[prizes["id"].isin(ids)]["amount_vnd"].fillna(0).astype("int64").sum())
        if not prizes.empty
        else 0
    )
    contests = _of_year(
        data.contests, metric_year(data.contest_prizes if data.contests.empty else data.contests, data)
    )
    fund = _declared(contests, "prize_fund_vnd")
    fund_vi = fmt_vnd_words(fund) if fund is not None else "—"
    fund_en = f"{fmt_int(fund, 'en')} VND" if fund is not None else "—"
    return Metric(
        code="contest_prize_money",
        number=10,
        label={
            "vi": "Hội thi thợ giỏi: tiền thưởng đã trao",
            "en": "Skilled-worker contest: prize money paid",
        },
        short={"vi": "Tiền thưởng thợ giỏi", "en": "Contest prize money"},
        value=paid,
        target=fund,
        numerator=None,
        denominator=None,
        as_of=data.as_of,
        sources=("contests", "contest_prizes"),
        kind="vnd",
        note={
            "vi": f"Tổng giải thưởng công bố: {fund_vi}.",
            "en": f"Declared prize fund: {fund_en}.",
        },
        drill=tile.drill,
        breakdown=tile.breakdown,
    )


def assessment_metrics(data: MetricData) -> list[Metric]:
    """Tiles 6 and 10, in the order of DOMAIN.md §6."""
    prizes = contest_prizes(data)
    return [unit_grading(data), prizes, contest_prize_money(data, prizes)]

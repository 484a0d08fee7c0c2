"""Leader metric 6 (DOMAIN.md §6): grassroots-union grading.

Pure functions over the ``unit_assessments`` frame of a :class:`reporting.metrics.MetricData`
(already limited to the viewer's scope and to the cluster, level and sector filters by
``reporting.reporting``). The tab is yearly, not tied to a campaign: the year is the filter's year,
else the latest year with rows up to today. (Metric 10, the skilled-worker contests, is computed
from the contest campaigns' own data: ``reporting.metrics_contest``.)
"""

from __future__ import annotations

import pandas as pd

from core.vnformat import fmt_int
from reporting.metrics import Label, Metric, MetricData, ids_of
from schemas.tabs_assessment import GRADES

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


def assessment_metrics(data: MetricData) -> list[Metric]:
    """Tile 6 (tile 10, the skilled-worker contests, comes from the contest campaigns' own data:
    ``reporting.metrics_contest``)."""
    return [unit_grading(data)]

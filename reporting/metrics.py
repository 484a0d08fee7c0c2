"""Leader metrics (DOMAIN.md §6) as pure functions over submission DataFrames.

Every function takes a :class:`MetricData` (rows already limited to the viewer's scope and to the
filters, see ``reporting.reporting``) and returns a :class:`Metric`: value, target, numerator and
denominator, as-of time, source tabs and the ids of the rows behind the value (the drill-down).
Nothing here reads a store or knows who is looking; that keeps every formula testable on a frame.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

import numpy as np
import pandas as pd

from core.lookup import is_in, map_keys, map_unique, positions
from core.text import iso_day, match_key
from core.vnformat import fmt_int, fmt_pct, fmt_vnd_words
from workflows.spec import CampaignSpec
from workflows.states import sla_days

Label = Mapping[str, str]
Kind = Literal["share", "count", "vnd", "days", "quota"]

#: Outcomes that count as "done" for each tab (what the council awarded, what a reviewer accepted).
DONE_OUTCOMES: frozenset[str] = frozenset({"awarded", "accepted"})
#: Reference actuals for works registered in the 2023 peak drive (DOMAIN.md §6 row 7, [SEED 003]).
WORKS_REFERENCE: Mapping[str, int] = {"CO_SO": 526, "CAP_TREN_CO_SO": 94, "THANH_PHO": 6}
WORK_LEVEL_LABELS: Mapping[str, Label] = {
    "CO_SO": {"vi": "cấp cơ sở", "en": "grassroots level"},
    "CAP_TREN_CO_SO": {"vi": "cấp trên cơ sở", "en": "upper-grassroots level"},
    "THANH_PHO": {"vi": "cấp Thành phố", "en": "city level"},
}
WORK_LEVEL_SHORT: Mapping[str, Label] = {
    "CO_SO": {"vi": "Công trình cơ sở", "en": "Works: grassroots"},
    "CAP_TREN_CO_SO": {"vi": "Công trình cấp trên", "en": "Works: upper level"},
    "THANH_PHO": {"vi": "Công trình cấp TP", "en": "Works: city level"},
}
#: Default share of LĐTT that may be put forward for CSTĐCS (R-CSTDCS-3) and the yearly CNG quota.
CSTDCS_RATIO = 0.15
CNG_QUOTA = 100
TITLE_TARGET = 0.8
CNG_CODE = "HN_CNG_TD"
#: How each source tab is named on a printed tile.
SOURCE_LABELS: Mapping[str, Label] = {
    "nominations": {"vi": "Đề nghị", "en": "Nominations"},
    "works": {"vi": "Công trình", "en": "Works"},
    "initiatives": {"vi": "Sáng kiến", "en": "Initiatives"},
    "history": {"vi": "Lịch sử", "en": "History"},
    "catalogue": {"vi": "Danh mục", "en": "Catalogue"},
    "campaigns": {"vi": "Đợt thi đua", "en": "Campaigns"},
    "cluster_members": {"vi": "Thành viên cụm", "en": "Cluster members"},
    "units": {"vi": "Đơn vị", "en": "Units"},
    "unit_assessments": {"vi": "Xếp loại CĐCS", "en": "Union grading"},
    "contests": {"vi": "Hội thi", "en": "Contests"},
    "contest_prizes": {"vi": "Giải hội thi", "en": "Contest prizes"},
    "contest_results": {"vi": "Kết quả hội thi", "en": "Contest results"},
    "rules": {"vi": "Bảng quy tắc", "en": "Rules"},
}
#: A tile's short label stays on one line of a narrow tile (the full label goes to its tooltip).
SHORT_LABEL_MAX = 26


@dataclass(frozen=True)
class Filters:
    """Dashboard filters (DOMAIN.md §6): each None means "all"."""

    year: int | None = None
    campaign_id: str | None = None
    cluster_id: str | None = None
    unit_level: str | None = None
    sector: str | None = None


@dataclass(frozen=True, eq=False)
class MetricData:
    """Rows in scope and within the filters, each enriched with what the formulas need.

    Submission frames carry their tab's columns plus ``outcome`` (the state's declared outcome, or
    "in_progress"), ``unit_level``, ``sector``, ``cluster_id``, ``campaign_year`` and, for
    nominations, ``category`` (DANH_HIEU, HINH_THUC, TON_VINH) from the catalogue. ``units`` lists the
    units in scope and within the filters (``id``, ``level``, ``sector``, ``cluster_id``).
    ``unit_assessments``, ``contests`` and ``contest_prizes`` (DOMAIN.md §3.11, §3.12) are in scope
    and within the cluster, level and sector filters; their year is chosen by the metric.
    """

    nominations: pd.DataFrame
    works: pd.DataFrame
    initiatives: pd.DataFrame
    history: pd.DataFrame  #: at least the columns of ``HISTORY_COLUMNS``
    units: pd.DataFrame
    campaigns: Mapping[str, CampaignSpec]
    today: dt.date
    as_of: str
    filters: Filters = field(default_factory=Filters)
    unit_assessments: pd.DataFrame = field(default_factory=pd.DataFrame)
    contests: pd.DataFrame = field(default_factory=pd.DataFrame)
    contest_prizes: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: grassroots unions in scope and within the filters ÷ all grassroots unions: a city-wide target
    #: (works 526 / 94 / 6, a campaign's ``targets:``, a yearly quota) is scaled by it, so an officer of
    #: one union is not measured against the whole city's figure
    scope_share: float = 1.0
    #: rows of the campaign forms that have a tab of their own (e.g. a contest's entrants), by tab,
    #: enriched like the submission frames above
    forms: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    #: confirmed contest results (``contest_results``) in scope and within the unit filters
    contest_results: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: the entrants' tabs of contest campaigns, in scope and within the unit filters but not the
    #: campaign or year filter (tile 10 picks its contests itself: ``reporting.metrics_contest``)
    contest_forms: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    #: frames derived once from this data and shared by the tiles (read-only; see ``_all_submissions``)
    derived: dict[str, pd.DataFrame] = field(default_factory=dict, init=False, repr=False)


@dataclass(frozen=True, eq=False)
class Metric:
    """One dashboard tile: what it counts, against what, as of when, from where, and the rows behind it."""

    code: str
    number: int  # the row of DOMAIN.md §6
    label: Label
    value: float
    target: float | None
    numerator: int | None
    denominator: int | None
    as_of: str
    sources: tuple[str, ...]
    kind: Kind = "count"
    higher_is_better: bool = True
    note: Label | None = None
    drill: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    breakdown: pd.DataFrame | None = None
    short: Label | None = None
    #: what the tile shows instead of a number (the leading cluster's name)
    value_text: Label | None = None
    #: the share of the campaign's time gone, when the target is due at the campaign's end: a tile
    #: behind its target is "on track" while its progress keeps pace with the time gone
    elapsed: float | None = None
    #: printed names of sources that are not the project's own tabs (a campaign form's tab, named
    #: by its form's label)
    source_names: Mapping[str, Label] = field(default_factory=dict)

    def short_label(self, lang: str = "vi") -> str:
        """The tile's caption (a few words); the full ``label`` is its definition."""
        text = self.short or self.label
        return text.get(lang) or text["vi"]

    def full_label(self, lang: str = "vi") -> str:
        return self.label.get(lang) or self.label["vi"]

    @property
    def met(self) -> bool | None:
        """Whether the target is reached (None without a target)."""
        if self.target is None:
            return None
        return self.value >= self.target if self.higher_is_better else self.value <= self.target

    def display(self, lang: str = "vi") -> str:
        """The value the way the tile prints it: "41,15%", "1.234", "15 tỷ 220 triệu đồng"."""
        if self.value_text is not None:
            return self.value_text.get(lang) or self.value_text["vi"]
        if self.kind == "share":
            return fmt_pct(self.numerator or 0, self.denominator or 0, lang)
        if self.kind == "vnd":
            return fmt_vnd_words(int(self.value)) if lang == "vi" else f"{fmt_int(int(self.value), 'en')} VND"
        if self.kind == "days":
            days = {"vi": "ngày", "en": "days"}.get(lang, "ngày")
            return f"{fmt_int(self.numerator or 0, lang)}/{fmt_int(self.denominator or 0, lang)} {days}"
        if self.kind == "quota" and self.target is not None:
            return f"{fmt_int(int(self.value), lang)}/{fmt_int(int(self.target), lang)}"
        return fmt_int(int(self.value), lang)

    def display_target(self, lang: str = "vi") -> str:
        """The target in the same format as the value ("≥ 80,00%", "≤ 0", "100"); "—" without one."""
        if self.target is None:
            return "—"
        sign = "≥ " if self.higher_is_better else "≤ "
        if self.kind == "days":
            days = {"vi": "ngày", "en": "days"}.get(lang, "ngày")
            return f"{fmt_int(self.denominator or 0, lang)} {days}"
        if self.kind == "share":
            return sign + fmt_pct(self.target, 1, lang)
        if self.kind == "vnd":
            amount = int(self.target)
            return sign + (fmt_vnd_words(amount) if lang == "vi" else f"{fmt_int(amount, 'en')} VND")
        return sign + fmt_int(int(self.target), lang)

    def display_sources(self, lang: str = "vi") -> str:
        """Source tabs by their printed names ("Đề nghị, Danh mục")."""
        names = {**SOURCE_LABELS, **self.source_names}
        return ", ".join(names.get(s, {}).get(lang) or names.get(s, {}).get("vi", s) for s in self.sources)

    def display_fraction(self, lang: str = "vi") -> str:
        """ "numerator/denominator" with Vietnamese separators, or "—"."""
        if self.numerator is None or self.denominator is None:
            return "—"
        return f"{fmt_int(self.numerator, lang)}/{fmt_int(self.denominator, lang)}"

    def status(self) -> str | None:
        """ "met", "on_track" or "behind" against the target (None without one): a target due at the
        campaign's end is on track while the progress keeps pace with the campaign's time."""
        if self.target is None or self.kind == "days":
            return None
        if self.met:
            return "met"
        if self.higher_is_better and self.elapsed is not None and self.target:
            return "on_track" if self.value / self.target >= self.elapsed else "behind"
        return "behind"

    def row_count(self) -> int:
        """How many rows the drill-down holds."""
        return sum(len(ids) for ids in self.drill.values())


# ------------------------------------------------------------------------------------------ helpers


def days_since(stamp: str, today: dt.date) -> int:
    """Whole days from an ISO date or timestamp (its own calendar day) to ``today``; 0 when blank."""
    text = str(stamp or "")[:10]
    if len(text) < 10:
        return 0
    return max((today - dt.date.fromisoformat(text)).days, 0)


def quota(count: int, ratio: float = CSTDCS_RATIO, rounding: Literal["HALF_UP", "FLOOR"] = "HALF_UP") -> int:
    """``ratio`` × ``count`` rounded as R-CSTDCS-3 says ("nếu có số dư thì làm tròn"; FLOOR optional)."""
    exact = Decimal(str(ratio)) * count
    if rounding == "FLOOR":
        return math.floor(exact)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def ids_of(frame: pd.DataFrame) -> tuple[str, ...]:
    """The rows' ids, for a tile's drill-down."""
    return tuple(frame["id"].astype(str).tolist()) if not frame.empty else ()


def _submitted(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows that were put forward (submitted at least once) and not withdrawn."""
    if frame.empty:
        return frame
    return frame[(frame["submitted_at"].astype(str) != "") & (frame["outcome"] != "withdrawn")]


def _person_key(frame: pd.DataFrame) -> pd.Series:
    """One key per subject: unit plus folded name (a person nominated twice counts once)."""
    return frame["unit_id"].astype(str) + "|" + map_unique(frame["full_name"], match_key)


def _label(vi: str, en: str) -> Label:
    return {"vi": vi, "en": en}


# ------------------------------------------------------------------------------------------ 1, 2 titles


def title_share(
    data: MetricData, subject_kind: Literal["CA_NHAN", "TAP_THE"], target: float = TITLE_TARGET
) -> Metric:
    """Share of subjects awarded an emulation title among those whose title nomination was decided.

    "Assessed" means the council or the reviewer has decided (awarded or rejected); rows still in
    progress are not in the denominator yet. Subjects are counted once per unit and name.
    """
    nom = data.nominations
    sel = (
        # the columns the share reads, not every column of every title row
        nom.loc[
            ((nom["category"] == "DANH_HIEU") & (nom["subject_kind"] == subject_kind)).to_numpy(dtype=bool),
            ["id", "unit_id", "full_name", "outcome"],
        ]
        if not nom.empty
        else nom
    )
    decided = sel[sel["outcome"].isin(["awarded", "rejected"])] if not sel.empty else sel
    keys = _person_key(decided) if not decided.empty else pd.Series(dtype=str)
    num = len(keys[decided["outcome"] == "awarded"].unique()) if not decided.empty else 0
    den = len(keys.unique())
    individual = subject_kind == "CA_NHAN"
    return Metric(
        code="title_share_individual" if individual else "title_share_collective",
        number=1 if individual else 2,
        label=_label("Tỷ lệ cá nhân đạt danh hiệu thi đua", "Share of individuals with an emulation title")
        if individual
        else _label("Tỷ lệ tập thể đạt danh hiệu thi đua", "Share of collectives with an emulation title"),
        short=_label("Cá nhân đạt danh hiệu", "Individuals with a title")
        if individual
        else _label("Tập thể đạt danh hiệu", "Collectives with a title"),
        value=num / den if den else 0.0,
        target=target,
        numerator=num,
        denominator=den,
        as_of=data.as_of,
        sources=("nominations", "catalogue"),
        kind="share",
        note=_label(
            "Mẫu số: đề nghị danh hiệu đã được xét (khen thưởng hoặc không đủ điều kiện).",
            "Denominator: title nominations already decided (awarded or rejected).",
        ),
        drill={"nominations": ids_of(decided)},
    )


# ------------------------------------------------------------------------------------------ 3 CSTĐCS quota


def cstdcs_headroom_table(
    nominations: pd.DataFrame,
    ratio: float = CSTDCS_RATIO,
    rounding: Literal["HALF_UP", "FLOOR"] = "HALF_UP",
) -> pd.DataFrame:
    """Per unit and year: LĐTT put forward, the CSTĐCS quota (ratio × LĐTT), CSTĐCS put forward, headroom.

    Drafts count (the quota check runs while a unit prepares its list); rejected and withdrawn rows do not.
    """
    cols = ["unit_id", "year", "ldtt", "quota", "cstdcs", "headroom"]
    if nominations.empty:
        return pd.DataFrame(columns=cols)
    keep = ~nominations["outcome"].isin(["rejected", "withdrawn"]) & nominations["award_code"].isin(
        ["LDTT", "CSTD_CS"]
    )
    live = nominations.loc[keep, ["unit_id", "year", "award_code"]]
    if live.empty:
        return pd.DataFrame(columns=cols)
    counts = (
        live.groupby(["unit_id", "year", "award_code"])
        .size()
        .unstack("award_code", fill_value=0)
        .reset_index()
    )
    for code in ("LDTT", "CSTD_CS"):
        if code not in counts:
            counts[code] = 0
    out = pd.DataFrame(
        {
            "unit_id": counts["unit_id"].astype(str),
            "year": counts["year"].astype(int),
            "ldtt": counts["LDTT"].astype(int),
            "cstdcs": counts["CSTD_CS"].astype(int),
        }
    )
    out["quota"] = [quota(n, ratio, rounding) for n in out["ldtt"]]
    out["headroom"] = out["quota"] - out["cstdcs"]
    return out[cols].sort_values(["headroom", "unit_id"]).reset_index(drop=True)


def cstdcs_headroom(
    data: MetricData, ratio: float = CSTDCS_RATIO, rounding: Literal["HALF_UP", "FLOOR"] = "HALF_UP"
) -> Metric:
    """Units whose CSTĐCS nominations exceed ratio × LĐTT; the per-unit table is the breakdown."""
    table = cstdcs_headroom_table(data.nominations, ratio, rounding)
    over = table[table["headroom"] < 0]
    nom = data.nominations
    behind = (
        nom[
            nom["unit_id"].isin(set(over["unit_id"]))
            & (nom["award_code"] == "CSTD_CS")
            & ~nom["outcome"].isin(["rejected", "withdrawn"])
        ]
        if not nom.empty
        else nom
    )
    pct = fmt_int(round(ratio * 100))
    return Metric(
        code="cstdcs_headroom",
        number=3,
        label=_label(
            f"Đơn vị vượt chỉ tiêu CSTĐCS ({pct}% số LĐTT)", f"Units over the CSTĐCS quota ({pct}% of LĐTT)"
        ),
        short=_label("Vượt chỉ tiêu CSTĐCS", "Over the CSTĐCS quota"),
        value=len(over),
        target=0,
        numerator=len(over),
        denominator=len(table),
        as_of=data.as_of,
        sources=("nominations",),
        kind="count",
        higher_is_better=False,
        note=_label(
            f"Chỉ tiêu còn lại = {pct}% × LĐTT − CSTĐCS đã đề nghị (làm tròn); tổng còn lại: "
            f"{int(table['headroom'].clip(lower=0).sum())}.",
            f"Headroom = {pct}% × LĐTT − CSTĐCS nominated (rounded); total headroom: "
            f"{int(table['headroom'].clip(lower=0).sum())}.",
        ),
        drill={"nominations": ids_of(behind)},
        breakdown=table,
    )


# ------------------------------------------------------------------------------------------ 4 pipeline


#: The history columns the tiles read (``MetricData.history`` may hold only these).
HISTORY_COLUMNS = ("tab", "row_id", "campaign_id", "action", "to_state", "at")


def _all_submissions(data: MetricData) -> pd.DataFrame:
    """The three submission tabs stacked, with the columns the pipeline needs.

    Built once per :class:`MetricData` and shared by every tile: callers must not change it in place.
    """
    if "submissions" not in data.derived:
        data.derived["submissions"] = _stack_submissions(data)
    return data.derived["submissions"]


def _stack_submissions(data: MetricData) -> pd.DataFrame:
    parts = []
    for tab, frame in _submission_frames(data):
        if frame.empty:
            continue
        parts.append(
            pd.DataFrame(
                {
                    "tab": tab,
                    "id": frame["id"].astype(str),
                    "campaign_id": frame["campaign_id"].astype(str),
                    "form": frame["form"].astype(str),
                    "state": frame["state"].astype(str),
                    "outcome": frame["outcome"].astype(str),
                    "unit_level": frame["unit_level"].astype(str),
                    "unit_id": frame["unit_id"].astype(str),
                    "cluster_id": frame["cluster_id"].astype(str),
                    "state_since": frame["state_since"].astype(str),
                    "submitted_at": frame["submitted_at"].astype(str),
                }
            )
        )
    if not parts:
        return pd.DataFrame(
            columns=[
                "tab", "id", "campaign_id", "form", "state", "outcome", "unit_level", "unit_id", "cluster_id",
                "state_since", "submitted_at",
            ]
        )  # fmt: skip
    return pd.concat(parts, ignore_index=True)


def _submission_frames(data: MetricData) -> list[tuple[str, pd.DataFrame]]:
    """Every workflow tab of ``data``: the three built-in ones, then the forms' own tabs."""
    return [
        ("nominations", data.nominations),
        ("works", data.works),
        ("initiatives", data.initiatives),
        *data.forms.items(),
    ]


def submissions(data: MetricData) -> pd.DataFrame:
    """Nominations, works and initiatives in ``data`` stacked: one row each with tab, state, unit, cluster."""
    return _all_submissions(data).copy()


def state_counts(data: MetricData) -> pd.Series:
    """Submissions in ``data`` per state code (every tab together), most first."""
    return _all_submissions(data)["state"].astype(str).value_counts()


def count_by(data: MetricData, column: str) -> pd.DataFrame:
    """Submissions per value of ``column`` (e.g. ``cluster_id``, ``unit_id``), largest first."""
    rows = _all_submissions(data)
    if rows.empty:
        return pd.DataFrame({column: pd.Series(dtype=str), "count": pd.Series(dtype=int)})
    out = rows.groupby(column).size().rename("count").reset_index()
    return out.sort_values(["count", column], ascending=[False, True]).reset_index(drop=True)


def _with_age(data: MetricData) -> pd.DataFrame:
    """The stacked submissions with days in state, the state's ``sla_days`` and whether it is overdue.

    Built once per :class:`MetricData` (read-only, like ``_all_submissions``).
    """
    if "with_age" in data.derived:
        return data.derived["with_age"]
    # the columns the pipeline tiles read, not a copy of all eleven (900,000 rows at 1M)
    rows = _all_submissions(data)[["tab", "id", "campaign_id", "form", "state", "unit_level", "state_since"]]
    if rows.empty:
        for col in ("days_in_state", "sla_days", "overdue"):
            rows[col] = pd.Series(dtype=object)
    else:
        # days_since reads only the date part, so one call per calendar day is enough
        day = rows["state_since"].astype(str).str[:10]
        rows["days_in_state"] = map_unique(day, lambda d: days_since(d, data.today))
        rows["sla_days"] = map_keys(
            rows, ["campaign_id", "form", "state"], lambda c, f, s: sla_days(data.campaigns, c, f, s)
        )
        sla = pd.to_numeric(rows["sla_days"], errors="coerce")
        rows["overdue"] = (sla.notna() & (rows["days_in_state"] > sla)).astype(bool)
    data.derived["with_age"] = rows
    return rows


def pipeline_table(data: MetricData) -> pd.DataFrame:
    """Counts by tab, state and unit level, with the median days in state and the overdue count."""
    rows = _with_age(data)
    cols = ["tab", "state", "unit_level", "count", "median_days", "overdue"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    out = (
        rows.groupby(["tab", "state", "unit_level"])
        .agg(count=("id", "size"), median_days=("days_in_state", "median"), overdue=("overdue", "sum"))
        .reset_index()
    )
    out["overdue"] = out["overdue"].astype(int)
    return out[cols]


def pipeline(data: MetricData) -> Metric:
    """Rows still moving (neither decided nor withdrawn); the state × level table is the breakdown."""
    rows = _all_submissions(data)
    still = rows["outcome"].isin(["in_progress", "returned"]).to_numpy(dtype=bool)
    moving = rows.loc[still, ["tab", "id"]]
    ages = _with_age(data)["days_in_state"][still]
    median = float(ages.median()) if len(ages) else 0.0
    median_txt = f"{median:.1f}".replace(".", ",")
    return Metric(
        code="pipeline",
        number=4,
        label=_label("Hồ sơ đang xử lý", "Submissions in progress"),
        short=_label("Đang xử lý", "In progress"),
        value=len(moving),
        target=None,
        numerator=len(moving),
        denominator=len(rows),
        as_of=data.as_of,
        sources=("nominations", "works", "initiatives"),
        note=_label(
            f"Trung vị số ngày ở trạng thái hiện tại: {median_txt} ngày.",
            f"Median days in the current state: {median:.1f}.",
        ),
        drill=_drill(moving),
        breakdown=pipeline_table(data),
    )


def _drill(rows: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for tab, group in rows.groupby("tab"):
        out[str(tab)] = tuple(group["id"].astype(str).tolist())
    return out


def returned_share(data: MetricData) -> Metric:
    """Share of submitted rows that were returned at least once (from the history tab)."""
    rows = _all_submissions(data)
    put = (rows["submitted_at"] != "").to_numpy(dtype=bool)
    hist = data.history
    if hist.empty:
        back = np.zeros(len(rows), dtype=bool)
    else:
        sent_back = hist["row_id"][(hist["action"] == "return").to_numpy(dtype=bool)]
        back = put & is_in(rows["id"], sent_back).to_numpy(dtype=bool)
    returned = rows.loc[back, ["tab", "id"]]
    put_forward = int(put.sum())
    return Metric(
        code="returned_share",
        number=4,
        label=_label("Tỷ lệ hồ sơ bị trả lại", "Share of submissions returned"),
        short=_label("Bị trả lại", "Returned"),
        value=len(returned) / put_forward if put_forward else 0.0,
        target=None,
        numerator=len(returned),
        denominator=put_forward,
        as_of=data.as_of,
        sources=("nominations", "works", "initiatives", "history"),
        kind="share",
        higher_is_better=False,
        drill=_drill(returned),
    )


def overdue(data: MetricData) -> Metric:
    """Rows that stayed in their state longer than the state's ``sla_days`` in the campaign YAML."""
    rows = _with_age(data)
    late = rows.loc[rows["overdue"].astype(bool).to_numpy(), ["tab", "id"]]
    with_sla = int(rows["sla_days"].notna().sum())
    return Metric(
        code="overdue",
        number=4,
        label=_label("Hồ sơ quá hạn xử lý", "Overdue submissions"),
        short=_label("Quá hạn", "Overdue"),
        value=len(late),
        target=0,
        numerator=len(late),
        denominator=with_sla,
        as_of=data.as_of,
        sources=("nominations", "works", "initiatives"),
        higher_is_better=False,
        note=_label(
            "Quá hạn: số ngày ở trạng thái lớn hơn thời hạn (sla_days) khai báo trong cấu hình đợt thi đua.",
            "Overdue: days in state exceed the state's sla_days in the campaign YAML.",
        ),
        drill=_drill(late),
    )


# ------------------------------------------------------------------------------------------ 5 clusters


def cluster_table(data: MetricData, cluster_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Per cluster: nominations awarded, works and initiatives accepted, their total and the rank."""
    names = cluster_names or {}
    counts: dict[str, dict[str, int]] = {}
    for col, frame in (
        ("nominations", data.nominations),
        ("works", data.works),
        ("initiatives", data.initiatives),
    ):
        if frame.empty:
            continue
        done = frame[frame["outcome"].isin(DONE_OUTCOMES) & (frame["cluster_id"] != "")]
        for cid, n in done.groupby("cluster_id").size().items():
            counts.setdefault(str(cid), {"nominations": 0, "works": 0, "initiatives": 0})[col] = int(n)
    cols = ["rank", "cluster_id", "cluster_name", "nominations", "works", "initiatives", "total"]
    if not counts:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame([{"cluster_id": k, **v} for k, v in counts.items()])
    out["total"] = out["nominations"] + out["works"] + out["initiatives"]
    out["cluster_name"] = out["cluster_id"].map(lambda c: names.get(c, c))
    out = out.sort_values(["total", "cluster_id"], ascending=[False, True]).reset_index(drop=True)
    out["rank"] = out["total"].rank(method="min", ascending=False).astype(int)
    return out[cols]


def cluster_leaderboard(data: MetricData, cluster_names: Mapping[str, str] | None = None) -> Metric:
    """The leading cluster by results counted (a proxy until cluster scorecards exist)."""
    table = cluster_table(data, cluster_names)
    top = table.iloc[0] if not table.empty else None
    frames = {"nominations": data.nominations, "works": data.works, "initiatives": data.initiatives}
    drill: dict[str, tuple[str, ...]] = {}
    if top is not None:
        for tab, frame in frames.items():
            if frame.empty:
                continue
            drill[tab] = ids_of(
                frame[frame["outcome"].isin(DONE_OUTCOMES) & (frame["cluster_id"] == top["cluster_id"])]
            )
    leader = str(top["cluster_name"]) if top is not None else "—"
    counted = int(top["total"]) if top is not None else 0
    return Metric(
        value_text=_label(leader, leader),
        code="cluster_leaderboard",
        number=5,
        label=_label(
            f"Cụm có nhiều kết quả được khen thưởng, công nhận nhất ({fmt_int(counted)} kết quả)",
            f"The cluster with the most awarded or accepted results ({fmt_int(counted, 'en')})",
        ),
        short=_label("Cụm dẫn đầu", "Leading cluster"),
        value=counted,
        target=None,
        numerator=int(top["total"]) if top is not None else None,
        denominator=int(table["total"].sum()) if not table.empty else None,
        as_of=data.as_of,
        sources=("nominations", "works", "initiatives", "cluster_members"),
        note=_label(
            "Tạm xếp hạng theo số kết quả (đề nghị được khen thưởng, công trình và sáng kiến được công nhận) "
            "cho đến khi có bảng chấm điểm cụm.",
            "Provisional ranking by results counted (awarded nominations, accepted works and initiatives) "
            "until cluster scorecards exist.",
        ),
        drill=drill,
        breakdown=table,
    )


# ------------------------------------------------------------------------------------------ 7 campaign


def campaign_days(campaign: CampaignSpec, today: dt.date) -> tuple[int, int]:
    """(days elapsed, days in total), both counted inclusively and clamped to the campaign window."""
    total = (campaign.closes - campaign.opens).days + 1
    elapsed = min(max((today - campaign.opens).days + 1, 0), total)
    return elapsed, total


def campaign_progress(data: MetricData, campaign: CampaignSpec) -> Metric:
    """Days elapsed of the campaign window, with works by state and level as the breakdown."""
    elapsed, total = campaign_days(campaign, data.today)
    works = data.works[data.works["campaign_id"] == campaign.id] if not data.works.empty else data.works
    table = (
        works.groupby(["level", "state"]).size().rename("count").reset_index()
        if not works.empty
        else pd.DataFrame(columns=["level", "state", "count"])
    )
    return Metric(
        code="campaign_progress",
        number=7,
        label=_label(
            f"Tiến độ: {campaign.name.get('vi', campaign.id)}",
            f"Progress: {campaign.name.get('en', campaign.id)}",
        ),
        short=_label("Tiến độ đợt", "Campaign progress"),
        value=elapsed / total if total else 0.0,
        target=1.0,
        numerator=elapsed,
        denominator=total,
        as_of=data.as_of,
        sources=("campaigns", "works"),
        kind="days",
        note=_label(
            f"Từ {campaign.opens:%d/%m/%Y} đến {campaign.closes:%d/%m/%Y}.",
            f"From {campaign.opens:%d/%m/%Y} to {campaign.closes:%d/%m/%Y}.",
        ),
        drill={"works": ids_of(works)},
        breakdown=table,
    )


def works_by_level(data: MetricData, level: str, reference: Mapping[str, int] = WORKS_REFERENCE) -> Metric:
    """Works accepted at ``level`` against the 2023 reference actuals (526 / 94 / 6)."""
    works = data.works
    at_level = works[works["level"] == level] if not works.empty else works
    put_forward = _submitted(at_level)
    accepted = at_level[at_level["outcome"] == "accepted"] if not at_level.empty else at_level
    lv = WORK_LEVEL_LABELS.get(level, {"vi": level, "en": level})
    target, scoped_note = scaled(data, reference.get(level))
    return Metric(
        elapsed=elapsed_share(data),
        code=f"works_{level.lower()}",
        number=7,
        label=_label(f"Công trình, phần việc {lv['vi']} được công nhận", f"Works accepted at {lv['en']}"),
        short=WORK_LEVEL_SHORT.get(level, lv),
        value=len(accepted),
        target=target,
        numerator=len(accepted),
        denominator=len(put_forward),
        as_of=data.as_of,
        sources=("works",),
        kind="quota",
        note=_label(
            "Mục tiêu tham chiếu: kết quả năm 2023 (526 / 94 / 6)." + scoped_note["vi"],
            "Reference: 2023 actuals (526 / 94 / 6)." + scoped_note["en"],
        ),
        drill={"works": ids_of(accepted)},
    )


# ------------------------------------------------------------------------------------------ 8 initiatives


def initiatives_recognised(data: MetricData, target: int | None = None) -> Metric:
    """Initiatives recognised among those registered; counts by scope of influence as the breakdown."""
    ini = data.initiatives
    put_forward = _submitted(ini)
    accepted = ini[ini["outcome"] == "accepted"] if not ini.empty else ini
    table = (
        accepted.groupby("influence_scope")
        .agg(count=("id", "size"), benefit_vnd=("benefit_vnd", lambda s: int(s.fillna(0).sum())))
        .reset_index()
        if not accepted.empty
        else pd.DataFrame(columns=["influence_scope", "count", "benefit_vnd"])
    )
    return Metric(
        code="initiatives_recognised",
        number=8,
        label=_label("Sáng kiến được công nhận", "Initiatives recognised"),
        short=_label("Sáng kiến công nhận", "Initiatives recognised"),
        value=len(accepted),
        target=target,
        numerator=len(accepted),
        denominator=len(put_forward),
        as_of=data.as_of,
        sources=("initiatives",),
        drill={"initiatives": ids_of(accepted)},
        breakdown=table,
    )


def initiative_benefit(data: MetricData) -> Metric:
    """Σ benefit_vnd of recognised initiatives (integer VND)."""
    ini = data.initiatives
    accepted = ini[ini["outcome"] == "accepted"] if not ini.empty else ini
    total = int(accepted["benefit_vnd"].fillna(0).astype("int64").sum()) if not accepted.empty else 0
    return Metric(
        code="initiative_benefit",
        number=8,
        label=_label("Giá trị làm lợi của sáng kiến được công nhận", "Benefit of recognised initiatives"),
        short=_label("Giá trị làm lợi", "Initiative benefit"),
        value=total,
        target=None,
        numerator=None,
        denominator=None,
        as_of=data.as_of,
        sources=("initiatives",),
        kind="vnd",
        drill={"initiatives": ids_of(accepted)},
    )


# ------------------------------------------------------------------------------------------ 9 CNG Thủ đô


def cng_nominated(data: MetricData, quota_per_year: int = CNG_QUOTA) -> Metric:
    """ "Công nhân giỏi Thủ đô" put forward (submitted, not withdrawn) against the yearly quota."""
    nom = data.nominations
    sel = _submitted(nom[nom["award_code"] == CNG_CODE]) if not nom.empty else nom
    quota_here, scoped_note = scaled(data, quota_per_year)
    return Metric(
        code="cng_nominated",
        number=9,
        label=_label(
            "Công nhân giỏi Thủ đô: số đề nghị / chỉ tiêu", "Capital Skilled Workers: nominated / quota"
        ),
        short=_label("Công nhân giỏi Thủ đô", "Capital skilled workers"),
        value=len(sel),
        target=quota_here,
        numerator=len(sel),
        denominator=quota_here,
        as_of=data.as_of,
        sources=("nominations",),
        kind="quota",
        higher_is_better=False,
        note=_label(
            f"Chỉ tiêu {quota_per_year} người/năm." + scoped_note["vi"],
            f"Quota {quota_per_year} a year." + scoped_note["en"],
        ),
        drill={"nominations": ids_of(sel)},
    )


# ------------------------------------------------------------------------------------------ who submitted


def units_submitted(data: MetricData, level: str = "CDCS") -> Metric:
    """Units (of ``level``, in scope and filters) with at least one submitted row ÷ all such units."""
    units = data.units
    expected = set(units[units["level"] == level]["id"].astype(str)) if not units.empty else set()
    rows = _all_submissions(data)
    put = (rows["submitted_at"] != "").to_numpy(dtype=bool)
    done = set(rows["unit_id"][put].unique().tolist()) & expected
    shown = put & is_in(rows["unit_id"], done).to_numpy(dtype=bool)
    return Metric(
        code="units_submitted",
        number=0,
        label=_label("Đơn vị đã gửi hồ sơ", "Units that have submitted"),
        short=_label("Đơn vị đã gửi", "Units submitted"),
        value=len(done) / len(expected) if expected else 0.0,
        target=1.0,
        numerator=len(done),
        denominator=len(expected),
        as_of=data.as_of,
        sources=("units", "nominations", "works", "initiatives"),
        kind="share",
        drill=_drill(rows.loc[shown, ["tab", "id"]]) if shown.any() else {},
    )


# ------------------------------------------------------------------------------------------ trend


def trend_table(data: MetricData) -> pd.DataFrame:
    """Per week (Monday) and tab: rows submitted and rows decided (moved into a state whose
    ``outcome`` is awarded or accepted, whatever the move is called: ``award``, ``accept``, a
    contest's ``close``), from the history tab.

    For the dashboard's "trend over time" chart; only rows in ``data`` (scope and filters) count.
    """
    cols = ["week", "tab", "submitted", "done"]
    hist = data.history
    if hist.empty:
        return pd.DataFrame(columns=cols)
    done_states = {
        (camp.id, form, name)
        for camp in data.campaigns.values()
        for form in camp.forms
        for name, st in camp.workflow_for(form).states.items()
        if st.outcome in DONE_OUTCOMES
    }
    # submissions and moves into a decided state's name first: the lookups then run over those
    # history rows only, column by column (at 100,000 submissions the history has 280,000 rows)
    submit = (hist["action"] == "submit").to_numpy(dtype=bool, na_value=False)
    named = hist["to_state"].isin(sorted({s for _, _, s in done_states})).to_numpy(dtype=bool)
    pick = np.flatnonzero(submit | named)
    tabs = hist["tab"].iloc[pick].astype(str).reset_index(drop=True)
    row_ids = hist["row_id"].iloc[pick].astype(str).reset_index(drop=True)
    # each history row's submission (by row id, among the rows in ``data`` of its tab) and form
    form = np.full(len(pick), None, dtype=object)
    for tab, rows in _submission_frames(data):
        mine = np.flatnonzero((tabs == tab).to_numpy(dtype=bool))
        if rows.empty or not len(mine):
            continue
        at = positions(row_ids.iloc[mine], rows["id"].astype(str))
        form[mine[at >= 0]] = rows["form"].astype(str).to_numpy(dtype=object)[at[at >= 0]]
    found = np.flatnonzero(pd.notna(form))
    submitted = submit[pick][found]
    maybe_done = found[~submitted]  # a move into a decided state's name: is it decided for its form?
    moves = pd.DataFrame(
        {
            "campaign_id": hist["campaign_id"].iloc[pick[maybe_done]].astype(str).to_numpy(dtype=object),
            "form": form[maybe_done],
            "to_state": hist["to_state"].iloc[pick[maybe_done]].astype(str).to_numpy(dtype=object),
        }
    )
    done = np.zeros(len(pick), dtype=bool)
    if len(moves):
        done[maybe_done] = map_keys(
            moves, ["campaign_id", "form", "to_state"], lambda c, f, s: (c, f, s) in done_states
        ).to_numpy(dtype=bool)
    keep = np.flatnonzero(done | (pd.notna(form) & submit[pick]))
    if not len(keep):
        return pd.DataFrame(columns=cols)
    # per (week, tab): counted with numpy over the codes of each, not a groupby of 100,000s of rows
    day_codes, days = pd.factorize(hist["at"].iloc[pick[keep]].astype(str).str.slice(0, 10), sort=True)
    week_of_day = pd.Series([_monday(d) for d in days], dtype=object)  # None: not a date (a hand edit)
    dated = week_of_day.notna().to_numpy()[day_codes]
    keep, day_codes = keep[dated], day_codes[dated]
    if not len(keep):
        return pd.DataFrame(columns=cols)
    week_codes, weeks = pd.factorize(week_of_day, sort=True)  # None gets -1, and no row uses it
    tab_codes, tab_names = pd.factorize(tabs.iloc[keep], sort=True)
    cell = week_codes[day_codes] * len(tab_names) + tab_codes
    size = len(weeks) * len(tab_names)
    submitted = np.bincount(cell, weights=submit[pick[keep]], minlength=size).astype(np.int64)
    decided = np.bincount(cell, weights=done[keep], minlength=size).astype(np.int64)
    seen = np.flatnonzero(np.bincount(cell, minlength=size))
    return pd.DataFrame(
        {
            "week": np.asarray(weeks, dtype=object)[seen // len(tab_names)],
            "tab": pd.array(np.asarray(tab_names, dtype=object)[seen % len(tab_names)], dtype="str"),
            "submitted": submitted[seen],
            "done": decided[seen],
        }
    )[cols]


def _monday(day: str) -> dt.date | None:
    """The Monday of the week of an ISO date (None when ``day`` is not one)."""
    d = iso_day(day)
    return None if d is None else d - dt.timedelta(days=d.weekday())


# ------------------------------------------------------------------------------------------ campaign targets


def campaign_targets(data: MetricData) -> list[Metric]:
    """Progress against each target a campaign YAML declares (``targets:``), for the campaigns filtered.

    A target counts the rows of its form whose state has one of its outcomes (or is one of its
    states; neither given: every row), narrowed by its ``where`` columns.
    """
    frames = dict(_submission_frames(data))
    out: list[Metric] = []
    for camp in campaigns_in(data):
        for tg in camp.targets:
            form = camp.forms.get(tg.form)
            frame = frames.get(form.tab if form else "", pd.DataFrame())
            sel = frame
            if not sel.empty:
                # one mask, then only the id column taken (not every column once per condition)
                keep = (frame["campaign_id"] == camp.id) & (frame["form"] == tg.form)
                if tg.outcomes or tg.states:
                    keep &= frame["outcome"].isin(tg.outcomes) | frame["state"].isin(tg.states)
                for col, allowed in tg.where.items():
                    if col in frame:
                        keep &= frame[col].isin(allowed)
                sel = frame.loc[keep.to_numpy(dtype=bool), ["id"]]
            target, scoped_note = scaled(data, tg.target)
            elapsed, total = campaign_days(camp, data.today)
            out.append(
                Metric(
                    code=f"target_{camp.id}_{tg.code}",
                    number=7,
                    label=tg.label,
                    value=len(sel),
                    target=target,
                    numerator=len(sel),
                    denominator=target,
                    note=_label(scoped_note["vi"].strip(), scoped_note["en"].strip())
                    if scoped_note["vi"]
                    else None,
                    elapsed=elapsed / total if total else None,
                    as_of=data.as_of,
                    sources=(form.tab,) if form else (),
                    kind="quota",
                    drill={form.tab: ids_of(sel)} if form else {},
                )
            )
    return out


# ------------------------------------------------------------------------------------------ scope


def scaled(data: MetricData, target: int | None) -> tuple[int | None, Label]:
    """A city-wide ``target`` for the viewer's scope (rounded up; at least 1 while any union is in
    scope), and a sentence saying how it was scaled (empty when nothing was scaled)."""
    if target is None or data.scope_share >= 1.0:
        return target, {"vi": "", "en": ""}
    if data.scope_share <= 0:
        return None, {
            "vi": " Không có công đoàn cơ sở nào trong phạm vi đang xem: không đặt mục tiêu.",
            "en": " No grassroots union in this view: no target applies.",
        }
    mine = max(math.ceil(target * data.scope_share - 1e-9), 1 if data.scope_share > 0 else 0)
    pct_vi = fmt_pct(data.scope_share, 1, "vi")
    pct_en = fmt_pct(data.scope_share, 1, "en")
    return mine, {
        "vi": f" Mục tiêu toàn thành phố {fmt_int(target)}; phạm vi bạn xem có {pct_vi} số công đoàn cơ sở, "
        f"nên mục tiêu ở đây là {fmt_int(mine)}.",
        "en": f" City-wide target {fmt_int(target, 'en')}; your view holds {pct_en} of the grassroots "
        f"unions, so the target here is {fmt_int(mine, 'en')}.",
    }


def elapsed_share(data: MetricData) -> float | None:
    """The share of the latest filtered campaign's time gone (None without a campaign)."""
    camps = campaigns_in(data)
    if not camps:
        return None
    elapsed, total = campaign_days(camps[-1], data.today)
    return elapsed / total if total else None


# ------------------------------------------------------------------------------------------ all tiles


def campaigns_in(data: MetricData) -> list[CampaignSpec]:
    """Campaigns the filters select, oldest first."""
    out: list[CampaignSpec] = []
    for camp in data.campaigns.values():
        if data.filters.campaign_id and camp.id != data.filters.campaign_id:
            continue
        if data.filters.year and camp.year != data.filters.year:
            continue
        out.append(camp)
    return sorted(out, key=lambda c: (c.opens, c.id))


def progress_campaign(data: MetricData) -> CampaignSpec | None:
    """The campaign whose progress tile shows: among the campaigns filtered, the one running today
    (the latest opened when several run), else the latest that has opened, else the next to open. A
    contest announced for next year never hides the campaign officers are working in."""
    camps = campaigns_in(data)
    if not camps:
        return None
    running = [c for c in camps if c.is_open(data.today)]
    if running:
        return running[-1]
    opened = [c for c in camps if c.opens <= data.today]
    return opened[-1] if opened else camps[0]


def all_metrics(
    data: MetricData,
    *,
    cstdcs_ratio: float = CSTDCS_RATIO,
    cng_quota: int = CNG_QUOTA,
    cluster_names: Mapping[str, str] | None = None,
) -> list[Metric]:
    """Every tile the data supports, in the order of DOMAIN.md §6."""
    out = [
        title_share(data, "CA_NHAN"),
        title_share(data, "TAP_THE"),
        cstdcs_headroom(data, cstdcs_ratio),
        pipeline(data),
        returned_share(data),
        overdue(data),
        cluster_leaderboard(data, cluster_names),
    ]
    shown = progress_campaign(data)
    if shown is not None:
        out.append(campaign_progress(data, shown))
    out += [works_by_level(data, lv) for lv in WORKS_REFERENCE]
    out += [initiatives_recognised(data), initiative_benefit(data), cng_nominated(data, cng_quota)]
    out.append(units_submitted(data, data.filters.unit_level or "CDCS"))
    return out


def tiles_frame(metrics: Iterable[Metric], lang: str = "vi") -> pd.DataFrame:
    """The tiles as a table of display strings (for the snapshot document and exports)."""
    rows: list[dict[str, Any]] = []
    for m in metrics:
        rows.append(
            {
                "number": m.number,
                "code": m.code,
                "label": m.label.get(lang) or m.label["vi"],
                "value": m.display(lang),
                "target": m.display_target(lang),
                "fraction": m.display_fraction(lang),
                "sources": m.display_sources(lang),
                "as_of": m.as_of,
            }
        )
    return pd.DataFrame(rows)


def by_code(metrics: Sequence[Metric]) -> dict[str, Metric]:
    """Metrics keyed by code."""
    return {m.code: m for m in metrics}

"""Tabs of juried contests (``contest:`` in a campaign YAML): the judges' scores and the results.

``contest_scores`` holds one row per (entrant, judge, criterion), saved cell by cell with its own
``version``; ``contest_results`` one row per entrant of a category whose results the secretary
confirmed: rank, weighted total, prize tier and money. The dashboard's contest tiles and the
exports (prize list, decision, certificates) read the results; nothing is kept in side tabs.
"""

from __future__ import annotations

import pandas as pd
from pandera.typing import Series

from schemas.tabs import Envelope, col


class ContestScore(Envelope):
    """One judge's points for one entrant on one criterion."""

    campaign_id: Series[str] = col("Đợt thi đua", "Campaign", str_length={"min_value": 1})
    entry_tab: Series[str] = col("Bảng thí sinh", "Entrants' tab", str_length={"min_value": 1})
    entry_id: Series[str] = col("Mã thí sinh", "Entrant id", str_length={"min_value": 1})
    unit_id: Series[str] = col("Đơn vị của thí sinh", "Entrant's unit", str_length={"min_value": 1})
    category: Series[str] = col("Nghề thi", "Category", str_length={"min_value": 1})
    judge_email: Series[str] = col("Giám khảo", "Judge", str_length={"min_value": 1})
    criterion: Series[str] = col("Tiêu chí", "Criterion", str_length={"min_value": 1})
    points: Series[pd.Int64Dtype] = col("Điểm", "Points", "int", ge=0, nullable=True)


class ContestResult(Envelope):
    """An entrant's confirmed result: rank in the category, weighted total, prize tier and money."""

    campaign_id: Series[str] = col("Đợt thi đua", "Campaign", str_length={"min_value": 1})
    entry_tab: Series[str] = col("Bảng thí sinh", "Entrants' tab", str_length={"min_value": 1})
    entry_id: Series[str] = col("Mã thí sinh", "Entrant id", str_length={"min_value": 1})
    unit_id: Series[str] = col("Đơn vị", "Unit", str_length={"min_value": 1})
    year: Series[pd.Int64Dtype] = col("Năm", "Year", "int", ge=2000, le=2100)
    category: Series[str] = col("Nghề thi", "Category", str_length={"min_value": 1})
    full_name: Series[str] = col("Họ và tên", "Full name")
    rank: Series[pd.Int64Dtype] = col("Xếp hạng", "Rank", "int", ge=1)
    total: Series[str] = col(
        "Tổng điểm (thang 100)",
        "Total (of 100)",
        help_vi="Điểm các tiêu chí nhân trọng số, thang 100, hai chữ số thập phân.",
        help_en="The criteria's points times their weights, of 100, two decimals.",
    )
    tied: Series[bool] = col("Bằng điểm", "Tied", "bool")
    prize_code: Series[str] = col("Mã giải", "Prize code")
    prize_label: Series[str] = col("Giải", "Prize")
    amount_vnd: Series[pd.Int64Dtype] = col("Tiền thưởng (đồng)", "Prize money (VND)", "money", ge=0)
    confirmed_by: Series[str] = col("Người xác nhận", "Confirmed by")
    confirmed_at: Series[str] = col("Xác nhận lúc", "Confirmed at", "datetime")

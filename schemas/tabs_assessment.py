"""Tabs of grassroots-union grading (DOMAIN.md §3.12) and skilled-worker contests (§3.11).

``unit_assessments`` holds one row per (unit, year): the self score, the upper union's re-check
(phúc tra) and the grade; ``contests`` one row per Hội thi thợ giỏi with its declared totals;
``contest_prizes`` one row per prize (trade, rank, winner, amount). The leader metrics 6 and 10
(DOMAIN.md §6) count these rows, within the viewer's scope through each row's ``unit_id``.
"""

from __future__ import annotations

import pandas as pd
from pandera.typing import Series

from schemas.tabs import Envelope, col

#: The four grades of Hướng dẫn 1294/HD-TLĐ, best first.
GRADES: tuple[str, ...] = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")
#: Prize ranks of a contest, best first (Nhất, Nhì, Ba, Khuyến khích).
PRIZE_RANKS: tuple[str, ...] = ("NHAT", "NHI", "BA", "KK")


class UnitAssessment(Envelope):
    """The year's grading of one grassroots union (đánh giá, xếp loại CĐCS)."""

    unit_id: Series[str] = col("Đơn vị", "Unit", str_length={"min_value": 1})
    year: Series[pd.Int64Dtype] = col("Năm", "Year", "int", ge=2000)
    self_score: Series[pd.Int64Dtype] = col("Điểm tự chấm", "Self score", "int", ge=0, nullable=True)
    upper_score: Series[pd.Int64Dtype] = col(
        "Điểm phúc tra",
        "Re-checked score",
        "int",
        help_vi="Điểm công đoàn cấp trên chấm lại; khi có, điểm này quyết định xếp loại.",
        help_en="The upper union's re-check; when present it decides the grade.",
        ge=0,
        nullable=True,
    )
    grade: Series[str] = col(
        "Xếp loại",
        "Grade",
        help_vi="HTXSNV, HTTNV, HTNV hoặc KHTNV.",
        help_en="HTXSNV, HTTNV, HTNV or KHTNV.",
        isin=GRADES,
    )
    assessed_by: Series[str] = col("Đơn vị đánh giá", "Assessed by")
    assessed_on: Series[str] = col("Ngày đánh giá", "Assessed on", "date")


class Contest(Envelope):
    """One skilled-worker contest (Hội thi thợ giỏi) with the totals its organiser declared."""

    unit_id: Series[str] = col("Đơn vị tổ chức", "Organiser", str_length={"min_value": 1})
    year: Series[pd.Int64Dtype] = col("Năm", "Year", "int", ge=2000)
    name_vi: Series[str] = col("Tên hội thi", "Contest", str_length={"min_value": 1})
    trades: Series[str] = col(
        "Các nghề thi", "Trades", help_vi="Cách nhau bằng dấu chấm phẩy.", help_en="Separated by semicolons."
    )
    contestants: Series[pd.Int64Dtype] = col("Số thí sinh", "Contestants", "int", ge=0)
    enterprises: Series[pd.Int64Dtype] = col("Số doanh nghiệp", "Enterprises", "int", ge=0)
    areas: Series[pd.Int64Dtype] = col("Số quận, huyện, ngành", "Districts and sectors", "int", ge=0)
    prizes: Series[pd.Int64Dtype] = col("Số giải", "Prizes", "int", ge=0)
    prize_fund_vnd: Series[pd.Int64Dtype] = col("Tổng tiền thưởng (đồng)", "Prize money (VND)", "money", ge=0)


class ContestPrize(Envelope):
    """One prize of a contest, to a person of a grassroots union."""

    contest_id: Series[str] = col("Hội thi", "Contest", str_length={"min_value": 1})
    year: Series[pd.Int64Dtype] = col("Năm", "Year", "int", ge=2000)
    trade: Series[str] = col("Nghề", "Trade", str_length={"min_value": 1})
    rank: Series[str] = col("Giải", "Prize", isin=PRIZE_RANKS)
    full_name: Series[str] = col("Họ và tên", "Full name", str_length={"min_value": 1})
    unit_id: Series[str] = col("Đơn vị", "Unit", str_length={"min_value": 1})
    amount_vnd: Series[pd.Int64Dtype] = col("Tiền thưởng (đồng)", "Prize money (VND)", "money", ge=0)
    certificate: Series[bool] = col("Giấy chứng nhận", "Certificate", "bool")

"""Headers and values of the tables pages show (app_pages/tables.py) that no tab schema labels:
columns computed for a summary, yes/no, and codes a reader should see named (Vietnamese, English)."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: dict[str, Mapping[str, str]] = {
    "table.yes": {"vi": "Có", "en": "Yes"},
    "table.no": {"vi": "Không", "en": "No"},
    "table.col.tab": {"vi": "Loại hồ sơ", "en": "Kind of submission"},
    "table.col.unit_level": {"vi": "Cấp đơn vị", "en": "Unit level"},
    "table.col.count": {"vi": "Số lượng", "en": "Count"},
    "table.col.median_days": {"vi": "Số ngày ở bước (trung vị)", "en": "Days at the step (median)"},
    "table.col.overdue": {"vi": "Quá hạn", "en": "Overdue"},
    "table.col.ldtt": {"vi": "Số LĐTT", "en": "Advanced Workers"},
    "table.col.quota": {"vi": "Chỉ tiêu CSTĐCS", "en": "CSTĐCS quota"},
    "table.col.cstdcs": {"vi": "CSTĐCS đã đề nghị", "en": "CSTĐCS nominated"},
    "table.col.headroom": {"vi": "Chỉ tiêu còn lại", "en": "Headroom"},
    "table.col.rank": {"vi": "Thứ hạng", "en": "Rank"},
    "table.col.cluster_name": {"vi": "Cụm thi đua", "en": "Cluster"},
    "table.col.total": {"vi": "Tổng số", "en": "Total"},
    "table.col.share": {"vi": "Tỷ lệ", "en": "Share"},
    "enum.grade.HTXSNV": {"vi": "Hoàn thành xuất sắc nhiệm vụ", "en": "Excellent (HTXSNV)"},
    "enum.grade.HTTNV": {"vi": "Hoàn thành tốt nhiệm vụ", "en": "Good (HTTNV)"},
    "enum.grade.HTNV": {"vi": "Hoàn thành nhiệm vụ", "en": "Satisfactory (HTNV)"},
    "enum.grade.KHTNV": {"vi": "Không hoàn thành nhiệm vụ", "en": "Unsatisfactory (KHTNV)"},
    "enum.rank.NHAT": {"vi": "Giải Nhất", "en": "First prize"},
    "enum.rank.NHI": {"vi": "Giải Nhì", "en": "Second prize"},
    "enum.rank.BA": {"vi": "Giải Ba", "en": "Third prize"},
    "enum.rank.KK": {"vi": "Giải Khuyến khích", "en": "Honourable mention"},
}

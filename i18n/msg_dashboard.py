"""Messages of the leaders' dashboard: filters, tiles, drill-down and charts (Vietnamese, English)."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: dict[str, Mapping[str, str]] = {
    "ui.tab.unit_assessments": {"vi": "Xếp loại công đoàn cơ sở", "en": "Grassroots union grading"},
    "ui.tab.contests": {"vi": "Hội thi thợ giỏi", "en": "Skilled-worker contests"},
    "ui.tab.contest_prizes": {"vi": "Giải hội thi thợ giỏi", "en": "Skilled-worker contest prizes"},
    "page.dashboard.year": {"vi": "Năm", "en": "Year"},
    "page.dashboard.cluster": {"vi": "Cụm thi đua", "en": "Cluster"},
    "page.dashboard.level": {"vi": "Cấp đơn vị", "en": "Unit level"},
    "page.dashboard.sector": {"vi": "Khu vực", "en": "Sector"},
    "page.dashboard.all": {"vi": "Tất cả", "en": "All"},
    "page.dashboard.tiles": {"vi": "Chỉ tiêu tổng hợp", "en": "Key figures"},
    "page.dashboard.tile_target": {"vi": "Mục tiêu {target}", "en": "Target {target}"},
    "page.dashboard.tile_help": {
        "vi": "**{label}**. {note}\n\nMục tiêu: {target}. Tử số/mẫu số: {fraction}.\n\n"
        "Nguồn: {sources}. Số liệu lúc {time}.",
        "en": "**{label}**. {note}\n\nTarget: {target}. Numerator/denominator: {fraction}.\n\n"
        "Source: {sources}. Figures as of {time}.",
    },
    "page.dashboard.drill": {"vi": "Xem các dòng số liệu của chỉ tiêu", "en": "Show the rows behind a tile"},
    "page.dashboard.drill_rows": {"vi": "{tab}: {count} dòng", "en": "{tab}: {count} rows"},
    "page.dashboard.breakdown": {"vi": "Chi tiết theo nhóm", "en": "Breakdown"},
    "page.dashboard.by_unit": {
        "vi": "Theo đơn vị ({count} đơn vị nhiều hồ sơ nhất)",
        "en": "By unit (the {count} with the most submissions)",
    },
    "page.dashboard.trend": {
        "vi": "Nộp và khen thưởng, công nhận theo tuần",
        "en": "Submitted and awarded or recognised, per week",
    },
    "page.dashboard.week": {"vi": "Tuần", "en": "Week"},
    "page.dashboard.series": {"vi": "Loại", "en": "Series"},
    "page.dashboard.series_submitted": {"vi": "Nộp hồ sơ", "en": "Submitted"},
    "page.dashboard.series_done": {"vi": "Khen thưởng, công nhận", "en": "Awarded or recognised"},
    "page.dashboard.no_trend": {
        "vi": "Chưa có lượt nộp hay khen thưởng nào trong phạm vi này.",
        "en": "Nothing submitted or awarded in this scope yet.",
    },
    "page.dashboard.target_progress": {
        "vi": "{label}: {value} ({pct})",
        "en": "{label}: {value} ({pct})",
    },
}

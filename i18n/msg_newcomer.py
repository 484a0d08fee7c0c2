"""Messages of issue 16 (what a newcomer trips over in the browser): names for codes people met raw,
the history's actor as a person and a unit, errors next to their control, the phone layout, the
admin pages for users, units and dated rules. Vietnamese first, English beside."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: dict[str, Mapping[str, str]] = {
    # names for codes shown in forms and tables
    "enum.criterion_path.CSTD_2Y": {
        "vi": "2 năm liên tục Chiến sĩ thi đua cơ sở",
        "en": "Grassroots Emulation Fighter 2 years running",
    },
    "enum.criterion_path.HTXS_2Y_2SK": {
        "vi": "2 năm hoàn thành xuất sắc nhiệm vụ và 2 sáng kiến",
        "en": "2 years with excellent ratings and 2 initiatives",
    },
    "enum.criterion_path.OTHER_WITH_REASON": {
        "vi": "Tiêu chuẩn khác (ghi rõ trong thành tích)",
        "en": "Another criterion (stated in the achievement)",
    },
    "newcomer.rounding.HALF_UP": {"vi": "lên khi có số dư", "en": "up when there is a remainder"},
    "newcomer.rounding.FLOOR": {"vi": "xuống", "en": "down"},
    # the history timeline: who is a person and a unit, not an e-mail
    "newcomer.history.who": {"vi": "{name} ({role}, {unit})", "en": "{name} ({role}, {unit})"},
    "newcomer.history.who_unnamed": {"vi": "{role}, {unit}", "en": "{role}, {unit}"},
    "newcomer.history.entry": {
        "vi": "{at} · {who} · {action}: {src} → {dst}",
        "en": "{at} · {who} · {action}: {src} → {dst}",
    },
    "newcomer.unknown_unit": {"vi": "đơn vị không còn trong danh sách", "en": "a unit no longer listed"},
    "newcomer.untitled": {"vi": "(chưa có tên)", "en": "(no name yet)"},
    # forms: fields, not spreadsheet columns; dates typed or picked on a calendar
    "newcomer.column_quote": {"vi": "Cột '{column}'", "en": "Column '{column}'"},
    "newcomer.field_quote": {"vi": "Mục '{field}'", "en": "Field '{field}'"},
    "newcomer.date_placeholder": {
        "vi": "ngày/tháng/năm, ví dụ 25/11/2024",
        "en": "day/month/year, e.g. 25/11/2024",
    },
    "newcomer.calendar": {"vi": "Lịch", "en": "Calendar"},
    "newcomer.calendar_help": {
        "vi": "Chọn ngày cho mục '{label}' trên lịch",
        "en": "Pick the date of '{label}' on a calendar",
    },
    # dashboard tiles: where a figure stands against its target, in words beside the colour
    "newcomer.status.met": {"vi": "Đạt mục tiêu", "en": "Target met"},
    "newcomer.status.on_track": {"vi": "Đúng tiến độ", "en": "On track"},
    "newcomer.status.behind": {"vi": "Chưa đạt, chậm so với tiến độ", "en": "Behind the target"},
}

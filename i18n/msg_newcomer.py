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
    # a campaign that has not begun yet (the 2026 campaign seen on the demo date 05/12/2024)
    "newcomer.not_yet_open_badge": {"vi": "mở từ {date}", "en": "opens {date}"},
    # a rule's value listing alternatives ("CN_SK|XN_HTXS"): one or the other
    "newcomer.rule_either": {"vi": "hoặc", "en": "or"},
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
    "newcomer.status.behind": {"vi": "Chưa đạt", "en": "Behind"},
    # admin pages for users, units and dated rules
    "rule.unknown_unit": {
        "vi": "Mục '{column}': không có đơn vị '{value}' trong sơ đồ tổ chức. Chọn một đơn vị trong danh sách.",
        "en": "'{column}': there is no unit '{value}' in the union tree. Pick a unit from the list.",
    },
    "rule.unit_id_taken": {
        "vi": "Mục '{column}': mã '{value}' đã có đơn vị dùng. Đặt một mã khác.",
        "en": "'{column}': the code '{value}' is already used by a unit. Choose another code.",
    },
    "rule.bad_parent": {
        "vi": "Mục '{column}': đơn vị này không thể là đơn vị cấp trên (không có trong sơ đồ, hoặc là chính "
        "đơn vị đang sửa hay một đơn vị cấp dưới của nó). Chọn đơn vị cấp trên khác.",
        "en": "'{column}': this unit cannot be the parent (not in the tree, or the unit itself or one below it). "
        "Pick another parent.",
    },
    "page.admin_data.nav": {"vi": "Người dùng, đơn vị, quy tắc", "en": "Users, units, rules"},
    "page.admin_data.title": {"vi": "Người dùng, đơn vị và quy tắc", "en": "Users, units and rules"},
    "page.admin_data.intro": {
        "vi": "Thêm, sửa người dùng, đơn vị trong sơ đồ tổ chức và các quy tắc có thời hạn hiệu lực. "
        "Mỗi thay đổi cần lý do và được ghi vào lịch sử.",
        "en": "Add and change users, units of the union tree and the dated rules. Every change needs a "
        "reason and is kept in the history.",
    },
    "page.admin_data.tab.users": {"vi": "Người dùng", "en": "Users"},
    "page.admin_data.tab.units": {"vi": "Đơn vị", "en": "Units"},
    "page.admin_data.tab.rules": {"vi": "Quy tắc theo thời gian", "en": "Dated rules"},
    "page.admin_data.pick": {
        "vi": "Chọn dòng để sửa, hoặc thêm mới",
        "en": "Pick a row to change, or add one",
    },
    "page.admin_data.new": {"vi": "(Thêm mới)", "en": "(Add new)"},
    "page.admin_data.from": {"vi": "từ", "en": "from"},
    "page.admin_data.unit_code": {
        "vi": "Mã đơn vị (không đổi được về sau)",
        "en": "Unit code (cannot change later)",
    },
    "page.admin_data.unit_code_help": {
        "vi": "Mã cố định của đơn vị, ví dụ HN-CDCS-TEN-DON-VI; các hồ sơ gắn với đơn vị theo mã này.",
        "en": "The unit's permanent code, e.g. HN-CDCS-UNIT-NAME; submissions refer to the unit by it.",
    },
    "page.admin_data.reason": {"vi": "Lý do thay đổi", "en": "Reason for the change"},
    "page.admin_data.reason_help": {
        "vi": "Ghi rõ căn cứ (quyết định, công văn) để người sau biết vì sao có thay đổi này.",
        "en": "The ground (a decision, a letter), so whoever comes next knows why this changed.",
    },
    "page.admin_data.add": {"vi": "Thêm", "en": "Add"},
    "page.admin_data.save": {"vi": "Lưu thay đổi", "en": "Save the change"},
    "page.admin_data.saved": {
        "vi": "Đã lưu; thay đổi đã được ghi vào lịch sử.",
        "en": "Saved; the change is in the history.",
    },
    "page.admin_data.history": {"vi": "Lịch sử thay đổi", "en": "History of changes"},
    "page.admin_data.no_history": {"vi": "Chưa có thay đổi nào.", "en": "No change yet."},
    "page.admin_data.col.at": {"vi": "Thời điểm", "en": "When"},
    "page.admin_data.col.who": {"vi": "Người thay đổi", "en": "Who"},
    "page.admin_data.col.what": {"vi": "Thao tác", "en": "Action"},
    "page.admin_data.col.change": {"vi": "Lý do và nội dung thay đổi", "en": "Reason and what changed"},
    "page.admin_data.action.admin_add": {"vi": "Thêm mới", "en": "Added"},
    "page.admin_data.action.admin_edit": {"vi": "Sửa", "en": "Changed"},
    "enum.status.CONFIRMED": {"vi": "Đã xác nhận", "en": "Confirmed"},
    "enum.status.OLD-RULE": {"vi": "Quy định cũ còn áp dụng", "en": "Older rule still applied"},
    "enum.status.UNCONFIRMED": {"vi": "Chưa xác nhận", "en": "Not yet confirmed"},
    "enum.status.CONFIG": {"vi": "Lựa chọn cấu hình", "en": "Configuration choice"},
    "enum.cttcs_kind.LDLD_HUYEN": {"vi": "LĐLĐ quận, huyện, thị xã", "en": "District federation"},
    "enum.cttcs_kind.CD_NGANH_DP": {"vi": "Công đoàn ngành địa phương", "en": "Local sectoral union"},
    "enum.cttcs_kind.CD_KCN_CX": {
        "vi": "Công đoàn các khu công nghiệp, chế xuất",
        "en": "Industrial zones union",
    },
    "enum.cttcs_kind.CD_TCT": {"vi": "Công đoàn tổng công ty", "en": "Corporation union"},
    "enum.cttcs_kind.CD_CO_QUAN": {"vi": "Công đoàn cơ quan", "en": "Agency union"},
    "enum.cttcs_kind.KHAC": {"vi": "Loại khác", "en": "Other"},
    "enum.discipline.NONE": {"vi": "Không bị kỷ luật", "en": "No discipline"},
    "enum.discipline.KHIEN_TRACH": {"vi": "Khiển trách", "en": "Reprimand"},
    "enum.discipline.CANH_CAO": {"vi": "Cảnh cáo", "en": "Warning"},
    "enum.discipline.HIGHER": {"vi": "Hình thức cao hơn", "en": "A heavier sanction"},
    "newcomer.rule_value.warning": {"vi": "cảnh báo, hỏi xác nhận", "en": "warn and ask to confirm"},
    "newcomer.rule_value.error": {"vi": "chặn", "en": "block"},
    # the admin page names forms and tabs, not their keys in the YAML
    "newcomer.admin.form_line": {
        "vi": "{label} – lưu vào “{tab}”; quy trình dùng chung với: {shared}",
        "en": "{label} – kept in “{tab}”; its workflow is shared with: {shared}",
    },
    "newcomer.admin.form_line_alone": {"vi": "{label} – lưu vào “{tab}”", "en": "{label} – kept in “{tab}”"},
    "newcomer.admin.workflow": {"vi": "Quy trình của: {forms}", "en": "Workflow of: {forms}"},
    "newcomer.admin.states": {"vi": "Các trạng thái: {states}", "en": "States: {states}"},
    "newcomer.admin.zoom": {"vi": "Phóng to sơ đồ", "en": "Enlarge the diagram"},
    "newcomer.quota.full_count": {
        "vi": "{count} đơn vị đã hết chỉ tiêu Chiến sĩ thi đua cơ sở:",
        "en": "{count} units have used up their Grassroots Emulation Fighter quota:",
    },
    "newcomer.quota.more": {
        "vi": "và {count} đơn vị khác (xem bảng dưới, các đơn vị hết chỉ tiêu đứng đầu).",
        "en": "and {count} more (see the table below, the units with no headroom first).",
    },
    "newcomer.choose_many": {"vi": "Chọn một hoặc nhiều mục…", "en": "Choose one or more…"},
    "newcomer.admin.col.move": {"vi": "Thao tác", "en": "Move"},
    "newcomer.admin.col.from": {"vi": "Từ trạng thái", "en": "From"},
    "newcomer.admin.col.to": {"vi": "Sang trạng thái", "en": "To"},
    "newcomer.admin.col.who": {"vi": "Ai được làm", "en": "Who may make it"},
    "newcomer.admin.col.reason": {"vi": "Cần lý do", "en": "Reason needed"},
    "newcomer.admin.col.bulk": {"vi": "Làm hàng loạt", "en": "In bulk"},
}

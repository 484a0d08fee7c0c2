"""Messages for keyboard-accessible row picking and the newcomer polish of every page."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: dict[str, Mapping[str, str]] = {
    "ui.pick.one": {
        "vi": "Hoặc chọn hồ sơ bằng bàn phím",
        "en": "Or pick a submission with the keyboard",
    },
    "ui.pick.many": {
        "vi": "Hoặc chọn các hồ sơ bằng bàn phím",
        "en": "Or pick submissions with the keyboard",
    },
    "ui.pick.help": {
        "vi": "Cùng lựa chọn với bảng phía trên: gõ vài chữ của tên hoặc đơn vị, dùng phím mũi tên "
        "và Enter để chọn.",
        "en": "The same selection as the table above: type part of a name or unit, then use the "
        "arrow keys and Enter to pick.",
    },
    "ui.pick.placeholder": {"vi": "Chưa chọn hồ sơ nào", "en": "Nothing picked yet"},
    "app.loading": {
        "vi": "Đang tải dữ liệu mới nhất…",
        "en": "Loading the latest data…",
    },
    # empty states: say what happens next and what to do
    "page.review.empty_next": {
        "vi": "Hồ sơ các đơn vị cấp dưới trình lên sẽ hiện ở đây. Nếu đang lọc theo đợt, hãy chọn "
        "“Tất cả các đợt thi đua”.",
        "en": "Submissions sent up by the units below you appear here. If a campaign filter is on, "
        "choose “All campaigns”.",
    },
    "page.review.no_match": {
        "vi": "Không tìm thấy hồ sơ nào khớp “{search}”. Thử gõ ít chữ hơn (có dấu hay không dấu đều "
        "được) hoặc xoá ô tìm kiếm.",
        "en": "No submission matches “{search}”. Try fewer letters (with or without diacritics) or "
        "clear the search box.",
    },
    "page.mine.empty_next": {
        "vi": "Đơn vị chưa có hồ sơ nào ở đây. Bấm “Nộp hồ sơ” ở thanh bên trái để tạo hồ sơ đầu tiên, "
        "hoặc “Nhập từ Excel” để nhập nhiều hồ sơ cùng lúc.",
        "en": "Your unit has no submission here yet. Choose “Submit” in the sidebar to create the "
        "first one, or “Import from Excel” to add many at once.",
    },
    "ui.no_open_campaign_next": {
        "vi": "Trang này mở khi có đợt thi đua nhận hồ sơ. Nếu đơn vị cần nộp sau hạn, hãy đề nghị quản "
        "trị viên mở lại đợt cho đơn vị.",
        "en": "This page opens when a campaign accepts submissions. If your unit needs to submit after "
        "the deadline, ask an administrator to reopen the campaign for your unit.",
    },
    "page.documents.no_campaign_next": {
        "vi": "Quản trị viên tạo đợt thi đua ở trang “Quản trị”; văn bản sẽ có ở đây khi đợt có hồ sơ.",
        "en": "An administrator creates campaigns on the “Administration” page; documents appear here "
        "once a campaign has submissions.",
    },
    "page.council.agenda_empty_next": {
        "vi": "Hồ sơ được cấp thẩm định thông qua sẽ vào chương trình họp. Khi đã biểu quyết xong, "
        "thành viên Hội đồng đóng phiên họp ở dưới.",
        "en": "Nominations approved by the reviewers join the agenda. When every vote is recorded, a "
        "council member closes the meeting below.",
    },
}

"""Messages for reports, documents and exports (vi + en)."""

MESSAGES: dict[str, dict[str, str]] = {
    "export.council_only": {
        "vi": "Vai trò {role} không được lập biên bản họp Hội đồng hoặc quyết định khen thưởng; hãy đăng nhập với vai trò Hội đồng, Lãnh đạo hoặc Quản trị.",
        "en": "The role {role} may not produce council minutes or award decisions; sign in as a council member, leader or administrator.",
    },
    "page.documents.title": {"vi": "Văn bản & xuất dữ liệu", "en": "Documents & exports"},
    "page.documents.nav": {"vi": "Văn bản & xuất dữ liệu", "en": "Documents & exports"},
    "page.documents.intro": {
        "vi": "Tạo tờ trình, biên bản họp Hội đồng, quyết định khen thưởng, báo cáo giao ban quý (.docx) và danh sách (.xlsx) từ số liệu trong phạm vi của bạn.",
        "en": "Generate the submission letter, council minutes, award decision, quarterly snapshot (.docx) and lists (.xlsx) from the figures within your scope.",
    },
    "page.documents.no_campaign": {"vi": "Chưa có đợt thi đua nào.", "en": "There is no campaign yet."},
    "page.documents.number": {
        "vi": "Số văn bản (để trống nếu chưa cấp số)",
        "en": "Document number (blank if not yet issued)",
    },
    "page.documents.number_help": {
        "vi": 'Chỉ ghi phần số, ví dụ 123 → "Số: 123/QĐ-LĐLĐ".',
        "en": 'Digits only, e.g. 123 → "Số: 123/QĐ-LĐLĐ".',
    },
    "page.documents.number_invalid": {
        "vi": "Số văn bản chỉ gồm chữ số (ví dụ 123); văn bản sẽ để trống số.",
        "en": "A document number is digits only (e.g. 123); the document will leave the number blank.",
    },
    "page.documents.tab": {"vi": "Danh sách xuất Excel", "en": "List to export to Excel"},
    "page.documents.generate": {"vi": "Tạo tệp", "en": "Generate"},
    "page.documents.download": {"vi": "Tải về", "en": "Download"},
    "page.documents.generating": {"vi": "Đang tạo tệp…", "en": "Generating…"},
    "page.documents.totrinh": {
        "vi": "Tờ trình kèm danh sách đề nghị khen thưởng",
        "en": "Submission letter with the list of nominees",
    },
    "page.documents.totrinh_help": {
        "vi": "Các đề nghị đã được công đoàn cấp trên thông qua, trình Hội đồng (STT, họ và tên, chức vụ, đơn vị, hình thức, tóm tắt thành tích).",
        "en": "Nominations approved by the upper union and sent to the council (no., name, position, unit, award, achievements).",
    },
    "page.documents.bienban": {
        "vi": "Biên bản họp Hội đồng Thi đua – Khen thưởng",
        "en": "Minutes of the emulation and commendation council",
    },
    "page.documents.bienban_help": {
        "vi": "Biên bản của một phiên họp: thành phần dự họp, kết quả theo hình thức và biểu quyết từng "
        "trường hợp; phiên họp chưa kết thúc cho bản dự thảo (dành cho Hội đồng, Lãnh đạo).",
        "en": "The minutes of one meeting: attendance, results per award and each item's vote; a meeting "
        "still open gives a draft (council members and leaders).",
    },
    "page.documents.quyetdinh": {
        "vi": "Quyết định khen thưởng kèm danh sách",
        "en": "Award decision with its annex",
    },
    "page.documents.quyetdinh_help": {
        "vi": "Quyết định và danh sách kèm theo các tập thể, cá nhân đã được khen thưởng (dành cho Hội đồng, Lãnh đạo).",
        "en": "The decision and the annexed list of those awarded (council members and leaders).",
    },
    "page.documents.giaoban": {"vi": "Báo cáo nhanh giao ban quý", "en": "Quarterly review snapshot"},
    "page.documents.giaoban_help": {
        "vi": "Các chỉ tiêu của bảng tổng hợp (giá trị, mục tiêu, tử số/mẫu số, nguồn) để in cho cuộc họp giao ban.",
        "en": "The dashboard tiles (value, target, numerator/denominator, source) to print for the quarterly meeting.",
    },
    "page.documents.xlsx": {"vi": "Danh sách Excel (.xlsx)", "en": "Excel list (.xlsx)"},
    "page.documents.xlsx_help": {
        "vi": "Toàn bộ dòng của danh sách đã chọn trong phạm vi của bạn, có tiêu đề tiếng Việt, lọc và cố định dòng tiêu đề.",
        "en": "Every row of the chosen list within your scope, with Vietnamese headers, filters and a frozen header row.",
    },
}

"""Messages raised by core services, the workflow engine and storage."""

MESSAGES: dict[str, dict[str, str]] = {
    "error.generic": {"vi": "Đã xảy ra lỗi.", "en": "Something went wrong."},
    "error.stale_row": {
        "vi": "Hồ sơ {ids} vừa được người khác thay đổi sau khi bạn mở. Không có gì bị ghi đè: "
        "hãy tải lại trang và thao tác lại.",
        "en": "Row(s) {ids} were changed by someone else after you opened them. Nothing was "
        "overwritten: reload the page and try again.",
    },
    "error.row_not_found": {
        "vi": "Không tìm thấy hồ sơ {ids} (hoặc hồ sơ không thuộc phạm vi của bạn).",
        "en": "Row(s) {ids} not found (or outside your scope).",
    },
    "error.not_allowed": {"vi": "Thao tác không được phép.", "en": "This action is not allowed."},
    "error.storage_unavailable": {
        "vi": "Không kết nối được kho dữ liệu ({detail}). Chưa có gì được lưu; vui lòng thử lại "
        "sau ít phút.",
        "en": "The data store is unavailable ({detail}). Nothing was saved; please try again in "
        "a few minutes.",
    },
    "error.validation_failed": {
        "vi": "Có {count} lỗi cần sửa. Chưa có gì được lưu.",
        "en": "There are {count} problems to fix. Nothing was saved.",
    },
}

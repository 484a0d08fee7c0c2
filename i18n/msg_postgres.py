"""Messages for the PostgreSQL backend (vi + en)."""

MESSAGES: dict[str, dict[str, str]] = {
    "postgres.unavailable": {
        "vi": "Không kết nối được cơ sở dữ liệu PostgreSQL sau {attempts} lần thử ({detail}). Chưa có gì "
        "được lưu; dữ liệu bạn nhập vẫn còn trên màn hình, vui lòng thử lại sau ít phút.",
        "en": "The PostgreSQL database could not be reached after {attempts} attempts ({detail}). Nothing "
        "was saved; your input is still on screen, please try again in a few minutes.",
    },
    "postgres.outcome_unknown": {
        "vi": "Mất kết nối tới cơ sở dữ liệu PostgreSQL đúng lúc lưu ({detail}) và hiện chưa kiểm tra được "
        "thao tác đã được lưu hay chưa. Vui lòng tải lại trang để kiểm tra trước khi thao tác lại.",
        "en": "The connection to the PostgreSQL database was lost while saving ({detail}) and we cannot "
        "check yet whether it was saved. Reload the page to check before trying again.",
    },
}

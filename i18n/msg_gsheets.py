"""Messages for the Google Sheets backend (vi + en)."""

MESSAGES: dict[str, dict[str, str]] = {
    "gsheets.unavailable": {
        "vi": "Google Trang tính không phản hồi sau {attempts} lần thử ({detail}). Chưa có gì được lưu; "
        "dữ liệu bạn nhập vẫn còn trên màn hình, vui lòng thử lại sau ít phút.",
        "en": "Google Sheets did not answer after {attempts} attempts ({detail}). Nothing was saved; "
        "your input is still on screen, please try again in a few minutes.",
    },
    "gsheets.outcome_unknown": {
        "vi": "Google Trang tính không xác nhận thao tác ghi ({detail}) và hiện không kiểm tra được "
        "thao tác đã được lưu hay chưa. Vui lòng tải lại trang để kiểm tra trước khi thao tác lại.",
        "en": "Google Sheets did not confirm the write ({detail}) and we cannot check right now whether "
        "it was saved. Reload the page to check before trying again.",
    },
    "gsheets.forbidden": {
        "vi": "Tài khoản dịch vụ {account} chưa được chia sẻ quyền chỉnh sửa trang tính {spreadsheet}. "
        "Hãy mở trang tính, bấm 'Chia sẻ' và thêm địa chỉ này với quyền 'Người chỉnh sửa'.",
        "en": "The service account {account} has no edit access to spreadsheet {spreadsheet}. Open the "
        "sheet, click 'Share' and add this address as an 'Editor'.",
    },
    "gsheets.not_found": {
        "vi": "Không tìm thấy trang tính {spreadsheet}. Hãy kiểm tra khóa (hoặc đường dẫn) trang tính "
        "trong mục [storage] của tệp secrets.toml.",
        "en": "Spreadsheet {spreadsheet} was not found. Check the spreadsheet key (or URL) under "
        "[storage] in secrets.toml.",
    },
    "gsheets.bad_credentials": {
        "vi": "Thông tin tài khoản dịch vụ trong mục [connections.gsheets] chưa đủ: thiếu {fields}. "
        "Hãy chép đủ các trường từ tệp khóa JSON tải về từ Google Cloud.",
        "en": "The service-account fields under [connections.gsheets] are incomplete: missing {fields}. "
        "Copy every field from the JSON key file downloaded from Google Cloud.",
    },
    "gsheets.duplicate_id": {
        "vi": "Trang tính '{tab}' có nhiều dòng cùng mã {ids} (có thể do sao chép dòng). Hãy xóa mã ở "
        "dòng sao chép (ô cột 'id') rồi thử lại; ứng dụng sẽ cấp mã mới cho dòng đó.",
        "en": "Tab '{tab}' has several rows with the id {ids} (perhaps a copied row). Clear the id cell "
        "of the copy and try again; the app will give that row a new id.",
    },
}

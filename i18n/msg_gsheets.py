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
    "gsheets.no_spreadsheet": {
        "vi": "Chưa khai báo trang tính dùng để lưu dữ liệu. Hãy ghi khóa (hoặc đường dẫn) trang tính vào "
        'spreadsheet = "..." trong mục [storage] (hoặc [connections.gsheets]) của tệp .streamlit/secrets.toml.',
        "en": "No spreadsheet is set to store the data. Put the spreadsheet key (or its address) as "
        'spreadsheet = "..." under [storage] (or [connections.gsheets]) in .streamlit/secrets.toml.',
    },
    "gsheets.bad_user_credentials": {
        "vi": 'Thông tin đăng nhập OAuth trong mục [connections.gsheets] (type = "authorized_user") chưa đủ: '
        "thiếu {fields}. Hãy chạy python cli.py gsheets-login --client-secrets <tệp client_secret.json> và chép "
        "khối nó in ra vào secrets.toml.",
        "en": 'The OAuth sign-in under [connections.gsheets] (type = "authorized_user") is incomplete: missing '
        "{fields}. Run python cli.py gsheets-login --client-secrets <client_secret.json> and paste the block it "
        "prints into secrets.toml.",
    },
    "gsheets.no_default_credentials": {
        "vi": "Không tìm thấy thông tin đăng nhập mặc định của Google (application-default credentials). Hãy "
        "chạy gcloud auth application-default login, hoặc đặt biến GOOGLE_APPLICATION_CREDENTIALS, hoặc khai báo "
        "tài khoản trong mục [connections.gsheets] (xem docs/google-sheets.md).",
        "en": "No Google application-default credentials were found. Run gcloud auth application-default login, "
        "set GOOGLE_APPLICATION_CREDENTIALS, or give an account under [connections.gsheets] (see "
        "docs/google-sheets.md).",
    },
    "gsheets.key_file": {
        "vi": "Không đọc được tệp khóa {path} (key_file trong [connections.gsheets]). Hãy kiểm tra đường dẫn và "
        "nội dung (tệp JSON tải từ Google Cloud).",
        "en": "Could not read the key file {path} (key_file under [connections.gsheets]). Check the path and "
        "that it is the JSON file downloaded from Google Cloud.",
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
    "gsheets.quota": {
        "vi": "Google Trang tính đang từ chối vì vượt hạn mức số lượt gọi mỗi phút (đã thử {attempts} lần trong hơn một phút). "
        "Chưa có gì được lưu; vui lòng thử lại sau ít phút. Nếu việc này lặp lại, quản trị viên có thể xin tăng hạn mức "
        "trong Google Cloud (APIs & Services > Google Sheets API > Quotas) hoặc đặt group_wait_ms trong [storage].",
        "en": "Google Sheets is refusing calls over its per-minute quota (tried {attempts} times over more than a minute). "
        "Nothing was saved; please try again in a few minutes. If this keeps happening, an admin can ask for a higher "
        "quota in Google Cloud (APIs & Services > Google Sheets API > Quotas) or set group_wait_ms under [storage].",
    },
    "gsheets.api_disabled": {
        "vi": "Google Sheets API chưa được bật trong dự án Google Cloud của tài khoản ứng dụng. Quản trị viên hãy mở "
        "{link}, bấm 'Bật' (Enable), đợi vài phút rồi thử lại.",
        "en": "The Google Sheets API is not enabled in the app account's Google Cloud project. An admin should open "
        "{link}, click 'Enable', wait a few minutes and try again.",
    },
    "gsheets.header_changed": {
        "vi": "Trang tính '{tab}': tiêu đề cột {columns} đã bị đổi tên, xóa hoặc hoán đổi (ô tiêu đề hiện ghi: {found}). "
        "Ứng dụng tạm dừng đọc/ghi trang này để không lấy nhầm cột. Quản trị viên hãy đặt lại đúng tên {columns} "
        "ở dòng tiêu đề (dòng 1) rồi tải lại trang.",
        "en": "Tab '{tab}': the header of column {columns} was renamed, removed or swapped (the header cell now reads: "
        "{found}). The app stops reading and writing this tab rather than take one column for another. An admin "
        "should put the name {columns} back in the header row (row 1), then reload.",
    },
    "gsheets.cell_too_long": {
        "vi": "Trang '{tab}', dòng {row}, cột '{column}': nội dung dài {length} ký tự, vượt giới hạn {limit} ký tự "
        "mỗi ô của Google Trang tính. Chưa có gì được lưu. Hãy rút gọn nội dung (hoặc đưa phần dài vào tệp đính kèm) "
        "rồi lưu lại.",
        "en": "Tab '{tab}', row {row}, column '{column}': the text is {length} characters long, over Google Sheets' "
        "limit of {limit} characters per cell. Nothing was saved. Shorten it (or put the long part in an attached "
        "document) and save again.",
    },
    "gsheets.cell_too_long_api": {
        "vi": "Google Trang tính từ chối vì một ô dài quá 50.000 ký tự ({detail}). Chưa có gì được lưu; hãy rút gọn "
        "nội dung rồi lưu lại.",
        "en": "Google Sheets refused a cell longer than 50,000 characters ({detail}). Nothing was saved; shorten the "
        "text and save again.",
    },
    "gsheets.metadata_full": {
        "vi": "Trang tính đã dùng hết giới hạn 30.000 ký tự siêu dữ liệu (developer metadata) mà Google cho phép, nên "
        "không ghi thêm được ({detail}). Chưa có gì được lưu. Quản trị viên hãy lưu trữ các đợt thi đua đã kết thúc "
        "sang tệp riêng: python cli.py archive --campaign <mã đợt> (xem docs/google-sheets.md).",
        "en": "The spreadsheet has used up the 30,000 characters of developer metadata Google allows, so nothing more "
        "can be written ({detail}). Nothing was saved. An admin should archive closed campaigns to their own file: "
        "python cli.py archive --campaign <campaign id> (see docs/google-sheets.md).",
    },
    "gsheets.workbook_full": {
        "vi": "Trang tính đã chạm giới hạn 10 triệu ô của Google ({detail}). Chưa có gì được lưu. Quản trị viên hãy lưu "
        "trữ các đợt đã kết thúc (python cli.py archive) hoặc xóa các cột/dòng trống thừa ở cuối các trang.",
        "en": "The spreadsheet has reached Google's limit of 10 million cells ({detail}). Nothing was saved. An admin "
        "should archive closed campaigns (python cli.py archive) or delete unused empty rows and columns at the end "
        "of the tabs.",
    },
    "gsheets.protected": {
        "vi": "Google Trang tính từ chối ghi vì ô đó nằm trong vùng được bảo vệ mà tài khoản {account} không có quyền "
        "sửa. Chưa có gì được lưu. Người sở hữu trang tính hãy mở Dữ liệu > Trang và dải ô được bảo vệ, thêm tài "
        "khoản này vào danh sách được sửa (hoặc chuyển sang 'Chỉ hiện cảnh báo').",
        "en": "Google Sheets refused the write: the cell is in a protected range that {account} may not edit. Nothing "
        "was saved. The spreadsheet's owner should open Data > Protected sheets and ranges and add this account as "
        "an editor (or switch the range to 'Show a warning').",
    },
    "gsheets.too_large": {
        "vi": "Yêu cầu gửi tới Google Trang tính quá lớn ({detail}). Chưa có gì được lưu; hãy chia tệp nhập thành "
        "nhiều phần nhỏ hơn.",
        "en": "The request to Google Sheets was too large ({detail}). Nothing was saved; split the import into smaller "
        "files.",
    },
    "gsheets.archive_incomplete": {
        "vi": "Lưu trữ chưa xong: trang '{tab}' của tệp lưu trữ thiếu các dòng {ids} sau khi chép. Chưa dòng nào bị "
        "xóa khỏi tệp đang dùng; hãy chạy lại lệnh python cli.py archive.",
        "en": "The archive is incomplete: tab '{tab}' of the archive lacks rows {ids} after the copy. No row was "
        "deleted from the live file; run python cli.py archive again.",
    },
    "gsheets.refused": {
        "vi": "Google Trang tính từ chối thao tác ghi: {detail}. Chưa có gì được lưu. Hãy báo quản trị viên kèm nội "
        "dung lỗi này.",
        "en": "Google Sheets refused the write: {detail}. Nothing was saved. Please tell an admin, with this message.",
    },
}

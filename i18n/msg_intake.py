"""Messages for intake (vi + en): Excel/CSV templates, upload rejections, the import page and CLI."""

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ file rejections
    "intake.not_spreadsheet": {
        "vi": "Tệp '{filename}' không phải bảng tính Excel (.xlsx) hoặc CSV đọc được ({detail}). Hãy tải mẫu Excel, điền vào rồi tải lên lại.",
        "en": "'{filename}' is not a readable Excel (.xlsx) or CSV spreadsheet ({detail}). Download the Excel template, fill it in and upload it again.",
    },
    "intake.empty_file": {
        "vi": "Tệp '{filename}' trống. Hãy điền dữ liệu vào mẫu Excel (dòng tiêu đề ở dòng 1).",
        "en": "'{filename}' is empty. Fill in the Excel template (headers in row 1).",
    },
    "intake.no_rows": {
        "vi": "Tệp '{filename}' chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào.",
        "en": "'{filename}' has headers but no data rows.",
    },
    "intake.too_large": {
        "vi": "Tệp '{filename}' quá lớn ({size_mb} MB; tối đa {max_mb} MB). Hãy chia thành nhiều tệp nhỏ hơn.",
        "en": "'{filename}' is too large ({size_mb} MB; at most {max_mb} MB). Split it into smaller files.",
    },
    "intake.macro": {
        "vi": "Tệp '{filename}' có chứa macro (VBA) nên không được nhận. Hãy lưu lại dưới dạng 'Excel Workbook (*.xlsx)' rồi tải lên.",
        "en": "'{filename}' contains macros (VBA) and is refused. Save it as 'Excel Workbook (*.xlsx)' and upload that.",
    },
    "intake.old_excel": {
        "vi": "Tệp '{filename}' là định dạng Excel cũ (.xls) hoặc đã đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu và lưu dưới dạng .xlsx.",
        "en": "'{filename}' is an old Excel file (.xls) or password-protected. Open it in Excel, remove the password and save it as .xlsx.",
    },
    "intake.bad_encoding": {
        "vi": "Không đọc được bảng mã của tệp '{filename}'. Hãy lưu CSV với bảng mã UTF-8 (Excel: 'CSV UTF-8').",
        "en": "Cannot read the character encoding of '{filename}'. Save the CSV as UTF-8 (Excel: 'CSV UTF-8').",
    },
    "intake.legacy_encoding": {
        "vi": "Tệp '{filename}' dùng bảng mã tiếng Việt cũ (TCVN3/.VnTime hoặc VNI), ví dụ dòng {row}, cột '{column}': '{value}'. Hãy chuyển sang Unicode (Unikey: Công cụ chuyển mã, TCVN3/VNI → Unicode) rồi tải lên lại.",
        "en": "'{filename}' uses a legacy Vietnamese encoding (TCVN3/.VnTime or VNI), e.g. row {row}, column '{column}': '{value}'. Convert it to Unicode (Unikey's converter, TCVN3/VNI → Unicode) and upload again.",
    },
    "intake.wrong_template": {
        "vi": "Tệp '{filename}' là mẫu của đợt/biểu mẫu khác ({found}), không phải {expected}. Hãy tải đúng mẫu Excel của biểu mẫu này.",
        "en": "'{filename}' is the template of another campaign/form ({found}), not {expected}. Download this form's Excel template.",
    },
    "intake.no_form": {
        "vi": "Chưa chọn đợt thi đua và biểu mẫu cho tệp '{filename}'.",
        "en": "Choose the campaign and the form for '{filename}'.",
    },
    "intake.missing_headers": {
        "vi": "Tệp '{filename}' thiếu cột bắt buộc: {missing}. Các cột tìm thấy: {found}. Hãy dùng mẫu Excel và giữ nguyên dòng tiêu đề.",
        "en": "'{filename}' lacks required columns: {missing}. Columns found: {found}. Use the Excel template and keep its header row.",
    },
    "intake.renamed_headers": {
        "vi": "Tệp '{filename}' có tiêu đề cột bị đổi tên: {renamed}. Hãy trả lại đúng tên cột như trong mẫu.",
        "en": "'{filename}' has renamed column headers: {renamed}. Restore the headers of the template.",
    },
    # ------------------------------------------------------------------ template
    "intake.error_column": {"vi": "Lỗi cần sửa", "en": "Errors to fix"},
    "intake.original_row": {"vi": "[Dòng gốc {row}]", "en": "[Original row {row}]"},
    "intake.dv_error_title": {"vi": "Giá trị không hợp lệ", "en": "Invalid value"},
    "intake.dv_error": {
        "vi": "Chọn một giá trị trong danh sách của cột '{column}'.",
        "en": "Choose a value from the list of '{column}'.",
    },
    "intake.dv_number": {
        "vi": "Cột '{column}': nhập số nguyên không âm, ví dụ 8500000.",
        "en": "'{column}': type a whole number of at least 0, e.g. 8500000.",
    },
    "intake.help.title": {"vi": "Hướng dẫn điền mẫu: {form}", "en": "How to fill in the template: {form}"},
    "intake.help.period": {
        "vi": "Thời gian đợt thi đua: {opens} – {closes}",
        "en": "Campaign period: {opens} – {closes}",
    },
    "intake.help.step1": {
        "vi": "1. Điền mỗi hồ sơ trên một dòng của trang '{sheet}', bắt đầu từ dòng 2. Không đổi tên, không xóa dòng tiêu đề.",
        "en": "1. Fill one record per row of the '{sheet}' sheet, from row 2. Do not rename or delete the header row.",
    },
    "intake.help.step2": {
        "vi": "2. Cột tô màu cam là bắt buộc. Cột có danh sách: chọn trong ô thả xuống. Ngày gõ dạng ngày/tháng/năm (01/05/2024); tiền gõ số đồng (8.500.000 hoặc 8,5 triệu).",
        "en": "2. Orange columns are required. Columns with a list: pick from the dropdown. Dates as day/month/year (01/05/2024); money in whole VND (8.500.000 or 8,5 triệu).",
    },
    "intake.help.step3": {
        "vi": "3. Dùng Unicode (không dùng phông TCVN3/.VnTime, VNI). Lưu dạng .xlsx (không macro) hoặc CSV UTF-8, tối đa {max_mb} MB.",
        "en": "3. Use Unicode (not TCVN3/.VnTime or VNI fonts). Save as .xlsx (no macros) or CSV UTF-8, at most {max_mb} MB.",
    },
    "intake.help.step4": {
        "vi": "4. Tải tệp lên trang 'Nhập từ Excel'. Dòng hợp lệ được nhập ngay; dòng có lỗi được trả lại trong một tệp kèm cột 'Lỗi cần sửa' để sửa và tải lên lại.",
        "en": "4. Upload the file on the 'Import from Excel' page. Valid rows are imported; rows with problems come back in a file with an 'Errors to fix' column to correct and upload again.",
    },
    "intake.help.col_header": {"vi": "Cột", "en": "Column"},
    "intake.help.col_required": {"vi": "Bắt buộc", "en": "Required"},
    "intake.help.col_how": {"vi": "Cách điền", "en": "How to fill it"},
    "intake.help.yes": {"vi": "Có", "en": "Yes"},
    "intake.help.no": {"vi": "Không", "en": "No"},
    "intake.help.choose": {"vi": "Chọn một trong: {allowed}.", "en": "Choose one of: {allowed}."},
    "intake.help.fixed": {
        "vi": "Các giá trị điền sẵn cho mọi dòng (không cần nhập): {fixed}.",
        "en": "Values set for every row (do not type them): {fixed}.",
    },
    "intake.kind.text": {"vi": "Chữ.", "en": "Text."},
    "intake.kind.int": {"vi": "Số nguyên, ví dụ 2024.", "en": "A whole number, e.g. 2024."},
    "intake.kind.money": {
        "vi": "Số tiền nguyên đồng, ví dụ 8.500.000.",
        "en": "Whole VND, e.g. 8.500.000.",
    },
    "intake.kind.date": {"vi": "Ngày/tháng/năm, ví dụ 01/05/2024.", "en": "Day/month/year, e.g. 01/05/2024."},
    "intake.kind.datetime": {"vi": "Ngày giờ.", "en": "Date and time."},
    "intake.kind.bool": {"vi": "Có / Không.", "en": "Yes / No."},
    # ------------------------------------------------------------------ report, CLI and page
    "intake.severity.error": {"vi": "Lỗi", "en": "Error"},
    "intake.severity.warning": {"vi": "Cảnh báo", "en": "Warning"},
    "intake.summary": {
        "vi": "{rows} dòng: {ok} dòng hợp lệ, {errors} lỗi, {warnings} cảnh báo.",
        "en": "{rows} rows: {ok} valid, {errors} errors, {warnings} warnings.",
    },
    "intake.imported": {
        "vi": "Đã nhập {count} dòng; {rejected} dòng chưa nhập (xem báo cáo).",
        "en": "Imported {count} rows; {rejected} rows not imported (see the report).",
    },
    "intake.unknown_user": {
        "vi": "Không tìm thấy người dùng '{email}' đang hoạt động trong bảng users.",
        "en": "No active user '{email}' in the users tab.",
    },
    "intake.file_not_found": {"vi": "Không tìm thấy tệp '{path}'.", "en": "File '{path}' not found."},
    "page.import.title": {"vi": "Nhập từ Excel", "en": "Import from Excel"},
    "page.import.nav": {"vi": "Nhập từ Excel", "en": "Import from Excel"},
    "page.import.intro": {
        "vi": "Tải mẫu Excel của biểu mẫu, điền nhiều hồ sơ cùng lúc rồi tải lên. Dòng hợp lệ được nhập; dòng có lỗi được trả lại để sửa.",
        "en": "Download the form's Excel template, fill in many records at once and upload it. Valid rows are imported; rows with problems come back to fix.",
    },
    "page.import.form": {"vi": "Biểu mẫu", "en": "Form"},
    "page.import.download_template": {"vi": "Tải mẫu Excel", "en": "Download Excel template"},
    "page.import.upload": {
        "vi": "Tải lên tệp đã điền (.xlsx hoặc .csv)",
        "en": "Upload the filled file (.xlsx or .csv)",
    },
    "page.import.checking": {"vi": "Đang kiểm tra…", "en": "Checking…"},
    "page.import.importing": {"vi": "Đang nhập…", "en": "Importing…"},
    "page.import.report": {"vi": "Báo cáo kiểm tra", "en": "Validation report"},
    "page.import.no_problems": {"vi": "Không phát hiện lỗi nào.", "en": "No problems found."},
    "page.import.accept_warnings": {
        "vi": "Tôi đã kiểm tra các cảnh báo và vẫn nhập các dòng đó",
        "en": "I have checked the warnings and want those rows imported too",
    },
    "page.import.submit_now": {"vi": "Trình ngay sau khi nhập", "en": "Submit right after importing"},
    "page.import.do_import": {"vi": "Nhập {count} dòng hợp lệ", "en": "Import {count} valid rows"},
    "page.import.download_rejected": {
        "vi": "Tải các dòng chưa nhập (kèm cột lỗi)",
        "en": "Download the rows not imported (with an error column)",
    },
    "page.import.col_row": {"vi": "Dòng", "en": "Row"},
    "page.import.col_column": {"vi": "Cột", "en": "Column"},
    "page.import.col_value": {"vi": "Giá trị", "en": "Value"},
    "page.import.col_message": {"vi": "Nội dung", "en": "Message"},
    "page.import.col_severity": {"vi": "Mức", "en": "Severity"},
}

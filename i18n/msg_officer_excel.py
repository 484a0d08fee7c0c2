"""Messages for officers' own Excel files (issue 15) and intake hardening (issue 23), vi + en.

Rules (``rule.<name>``) name the column, echo what was typed (``{value}``) and say what to type
instead; ``intake.*`` are file-level messages and the summary; ``page.import.*`` the page.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ where a row is
    "rule.row_sheet_prefix": {"vi": "Trang '{sheet}', dòng {row}: ", "en": "Sheet '{sheet}', row {row}: "},
    # ------------------------------------------------------------------ text
    "rule.too_long": {
        "vi": "Cột '{column}': quá dài ({length} ký tự; tối đa {max}). Hãy rút gọn nội dung.",
        "en": "'{column}': too long ({length} characters; at most {max}). Please shorten it.",
    },
    # ------------------------------------------------------------------ money, value by value
    "rule.money_negative": {
        "vi": "Cột '{column}': '{value}' là số âm; số tiền không được âm. Nhập số đồng, ví dụ 8.500.000.",
        "en": "'{column}': '{value}' is negative; an amount cannot be. Type whole VND, e.g. 8.500.000.",
    },
    "rule.money_fraction": {
        "vi": "Cột '{column}': '{value}' có phần lẻ dưới một đồng; tiền tính bằng đồng chẵn, ví dụ {whole}. "
        "(Trong tiếng Việt dấu phẩy là dấu thập phân, dấu chấm ngăn cách hàng nghìn.)",
        "en": "'{column}': '{value}' has a fraction of a đồng; amounts are whole VND, e.g. {whole}. "
        "(In Vietnamese the comma is the decimal mark and the dot separates thousands.)",
    },
    "rule.money_abbreviation": {
        "vi": "Cột '{column}': '{value}' dùng chữ viết tắt '{abbr}'. Hãy ghi đủ '{word}', ví dụ '{example}', "
        "hoặc ghi số: {amount}.",
        "en": "'{column}': '{value}' uses the abbreviation '{abbr}'. Write '{word}' in full, e.g. '{example}', "
        "or the number: {amount}.",
    },
    "rule.money_spaces": {
        "vi": "Cột '{column}': '{value}' ngăn cách hàng nghìn bằng dấu cách. Hãy dùng dấu chấm: {amount}.",
        "en": "'{column}': '{value}' separates thousands with spaces. Use dots: {amount}.",
    },
    "rule.money_scale_remainder": {
        "vi": "Cột '{column}': '{value}' chưa rõ số lẻ sau '{scale}'. Nếu là {decimal} thì hãy ghi '{decimal}' "
        "hoặc {amount}; nếu khác, ghi đủ số, ví dụ '2 triệu 500 nghìn'.",
        "en": "'{column}': '{value}' leaves unclear what follows '{scale}'. If you mean {decimal}, write "
        "'{decimal}' or {amount}; otherwise write it in full, e.g. '2 triệu 500 nghìn'.",
    },
    "rule.money_ambiguous_comma": {
        "vi": "Cột '{column}': '{value}' chưa rõ: trong tiếng Việt dấu phẩy là dấu thập phân. Nếu là số nghìn "
        "hãy ghi '{thousands}'; số lẻ chỉ dùng với 'triệu', 'tỷ' (ví dụ '{decimal} triệu').",
        "en": "'{column}': '{value}' is unclear: in Vietnamese the comma is the decimal mark. For thousands "
        "write '{thousands}'; decimals only go with 'triệu' or 'tỷ' (e.g. '{decimal} triệu').",
    },
    # ------------------------------------------------------------------ dates
    "rule.date_plain_number": {
        "vi": "Cột '{column}': '{value}' là một con số, không phải ngày. Hãy nhập đủ ngày/tháng/năm, "
        "ví dụ 01/05/2024.",
        "en": "'{column}': '{value}' is a number, not a date. Type day/month/year in full, e.g. 01/05/2024.",
    },
    "rule.date_implausible_year": {
        "vi": "Cột '{column}': '{value}' có năm {year}, ngoài khoảng {min}–{max}. Kiểm tra lại năm "
        "(nhập theo ngày/tháng/năm, ví dụ 01/05/2024).",
        "en": "'{column}': '{value}' has the year {year}, outside {min}–{max}. Check the year "
        "(day/month/year, e.g. 01/05/2024).",
    },
    # ------------------------------------------------------------------ officers' own files
    "rule.legacy_converted": {
        "vi": "Cột '{column}': '{value}' được gõ bằng bảng mã cũ {encoding}; đã chuyển sang Unicode thành "
        "'{converted}'. Kiểm tra lại nội dung đã chuyển.",
        "en": "'{column}': '{value}' was typed in the legacy {encoding} encoding; converted to Unicode as "
        "'{converted}'. Check the conversion.",
    },
    "rule.legacy_unreadable": {
        "vi": "Cột '{column}': '{value}' có vẻ được gõ bằng bảng mã cũ (TCVN3/.VnTime hoặc VNI) nhưng không "
        "chuyển được sang tiếng Việt Unicode. Hãy gõ lại ô này bằng Unicode (Unikey: bảng mã Unicode).",
        "en": "'{column}': '{value}' looks typed in a legacy encoding (TCVN3/.VnTime or VNI) but does not "
        "convert to Vietnamese Unicode. Retype this cell in Unicode.",
    },
    "rule.total_row": {
        "vi": "Dòng tổng cộng ('{value}') không phải một hồ sơ nên được bỏ qua.",
        "en": "The total row ('{value}') is not a record and was skipped.",
    },
    "rule.already_stored": {
        "vi": "Dòng này đã được nhập trước đây ('{value}', trạng thái: {state}); không nhập lại lần nữa.",
        "en": "This row was imported before ('{value}', state: {state}); it is not imported again.",
    },
    "rule.nominated_elsewhere": {
        "vi": "Cột '{column}': '{value}' đã được {unit} đề nghị {award} trong đợt này (trạng thái: {state}). "
        "Kiểm tra xem có phải cùng một người không (chuyển đơn vị, hai đơn vị cùng đề nghị).",
        "en": "'{column}': '{value}' is already nominated for {award} by {unit} in this campaign (state: "
        "{state}). Check whether it is the same person (moved units, or nominated twice).",
    },
    "rule.duplicate_in_batch_unaccented": {
        "vi": "Cột '{column}': '{value}' ({award}) trùng với '{other_value}' ở dòng {other} nếu bỏ dấu. "
        "Kiểm tra xem có phải cùng một người/công trình không.",
        "en": "'{column}': '{value}' ({award}) matches '{other_value}' in row {other} without diacritics. "
        "Check whether it is the same person or work.",
    },
    "rule.duplicate_stored_unaccented": {
        "vi": "Cột '{column}': '{value}' ({award}) trùng với hồ sơ đã có '{other_value}' nếu bỏ dấu. "
        "Kiểm tra để tránh trùng lặp.",
        "en": "'{column}': '{value}' ({award}) matches the stored record '{other_value}' without diacritics. "
        "Check for a duplicate.",
    },
    "intake.text_too_long": {
        "vi": "Nội dung quá dài ({length} ký tự; tối đa {max}). Hãy rút gọn rồi gửi lại.",
        "en": "The text is too long ({length} characters; at most {max}). Please shorten it and send it again.",
    },
    # ------------------------------------------------------------------ files
    "rule.sheet_skipped": {
        "vi": "Trang '{value}' không được đọc: {reason}",
        "en": "Sheet '{value}' was not read: {reason}",
    },
    "intake.sheet_reason.no_headers": {
        "vi": "không có dòng tiêu đề với các cột của biểu mẫu (cần: {needed}).",
        "en": "it has no header row with the form's columns (needed: {needed}).",
    },
    "intake.sheet_reason.missing": {
        "vi": "thiếu cột bắt buộc {missing}.",
        "en": "it lacks the required columns {missing}.",
    },
    "intake.sheet_reason.no_rows": {"vi": "không có dòng dữ liệu.", "en": "it has no data rows."},
    "intake.sheet_reason.hidden": {"vi": "trang đang bị ẩn.", "en": "the sheet is hidden."},
    "intake.sheets_read": {
        "vi": "Đã đọc {count} trang: {sheets}.",
        "en": "Read {count} sheets: {sheets}.",
    },
    "intake.ignored_columns": {
        "vi": "Các cột không thuộc biểu mẫu được bỏ qua (vẫn giữ trong tệp trả lại): {columns}.",
        "en": "Columns that are not the form's were ignored (kept in the file given back): {columns}.",
    },
    "intake.too_many_rows": {
        "vi": "Tệp '{filename}' có hơn {max} dòng dữ liệu; mỗi lần chỉ nhập tối đa {max} dòng. "
        "Hãy chia thành nhiều tệp nhỏ hơn.",
        "en": "'{filename}' has more than {max} data rows; at most {max} rows are imported at a time. "
        "Split it into smaller files.",
    },
    "intake.busy": {
        "vi": "Đang có nhiều tệp được đọc cùng lúc. Vui lòng thử lại sau ít phút.",
        "en": "Too many files are being read at the moment. Please try again in a few minutes.",
    },
    "intake.too_slow": {
        "vi": "Đọc tệp '{filename}' mất quá {seconds} giây nên đã dừng. Hãy chia thành các tệp nhỏ hơn.",
        "en": "Reading '{filename}' took over {seconds} seconds and was stopped. Split it into smaller files.",
    },
    "intake.summary_rows": {
        "vi": "{rows} dòng: {ok} dòng hợp lệ, {bad} dòng có lỗi, {warned} dòng cần xác nhận cảnh báo "
        "({errors} lỗi, {warnings} cảnh báo).",
        "en": "{rows} rows: {ok} valid, {bad} with errors, {warned} awaiting confirmation of warnings "
        "({errors} errors, {warnings} warnings).",
    },
    "intake.summary_skipped": {
        "vi": "{skipped} dòng được bỏ qua (dòng tổng cộng, đã nhập trước đây).",
        "en": "{skipped} rows skipped (total rows, imported before).",
    },
    "intake.imported_again": {
        "vi": "{count} dòng đã có trong hệ thống từ lần nhập trước nên không nhập lại.",
        "en": "{count} rows were already stored by an earlier import and were not imported again.",
    },
    "intake.no_store_check": {
        "vi": "Chỉ kiểm tra nội dung tệp: chưa so với hồ sơ đã lưu (trùng lặp, hạn mức, điều kiện). "
        "Thêm --as EMAIL để kiểm tra như khi nhập.",
        "en": "Only the file itself was checked, not against stored records (duplicates, quotas, "
        "prerequisites). Add --as EMAIL to check as an import would.",
    },
    "intake.original_row_header": {"vi": "Dòng gốc", "en": "Original row"},
    "intake.severity.note": {"vi": "Ghi chú", "en": "Note"},
    "page.import.reading": {"vi": "Đang đọc tệp…", "en": "Reading the file…"},
    "page.import.done": {"vi": "Xong.", "en": "Done."},
    "page.import.col_sheet": {"vi": "Trang", "en": "Sheet"},
    "page.import.col_origin": {"vi": "Dòng gốc", "en": "Original row"},
}

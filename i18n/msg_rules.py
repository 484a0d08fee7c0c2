"""Messages for validation rules (``rule.<name>``): row, column, value found and the fix.

Placeholders: ``{column}`` (the column label), ``{value}`` (what the user typed) and the rule's
own parameters.
"""

MESSAGES: dict[str, dict[str, str]] = {
    "rule.row_prefix": {"vi": "Dòng {row}: ", "en": "Row {row}: "},
    "rule.required": {
        "vi": "Cột '{column}' đang để trống. Hãy nhập thông tin cho cột này.",
        "en": "'{column}' is empty. Please fill it in.",
    },
    "rule.bad_money": {
        "vi": "Cột '{column}': '{value}' không phải số tiền hợp lệ. Nhập số nguyên đồng, ví dụ "
        "8.500.000 hoặc 8,5 triệu.",
        "en": "'{column}': '{value}' is not an amount of money. Type whole VND, e.g. 8.500.000 or 8,5 triệu.",
    },
    "rule.bad_int": {
        "vi": "Cột '{column}': '{value}' không phải số nguyên. Nhập chữ số, ví dụ 2024.",
        "en": "'{column}': '{value}' is not a whole number. Type digits, e.g. 2024.",
    },
    "rule.bad_date": {
        "vi": "Cột '{column}': '{value}' không phải ngày hợp lệ. Nhập theo dạng ngày/tháng/năm, "
        "ví dụ 01/05/2023.",
        "en": "'{column}': '{value}' is not a valid date. Type day/month/year, e.g. 01/05/2023.",
    },
    "rule.bad_length": {
        "vi": "Cột '{column}': cần từ {min} đến {max} ký tự (đang có '{value}').",
        "en": "'{column}': needs {min} to {max} characters (found '{value}').",
    },
    "rule.not_in_list": {
        "vi": "Cột '{column}': '{value}' không có trong danh sách. Chọn một trong: {allowed}.",
        "en": "'{column}': '{value}' is not in the list. Choose one of: {allowed}.",
    },
    "rule.bad_format": {
        "vi": "Cột '{column}': '{value}' không đúng định dạng.",
        "en": "'{column}': '{value}' is not in the expected format.",
    },
    "rule.too_small": {
        "vi": "Cột '{column}': '{value}' nhỏ hơn mức tối thiểu {min}.",
        "en": "'{column}': '{value}' is below the minimum {min}.",
    },
    "rule.too_large": {
        "vi": "Cột '{column}': '{value}' lớn hơn mức tối đa {max}.",
        "en": "'{column}': '{value}' is above the maximum {max}.",
    },
    "rule.invalid": {
        "vi": "Cột '{column}': giá trị '{value}' không hợp lệ.",
        "en": "'{column}': value '{value}' is not valid.",
    },
    "rule.award_not_in_form": {
        "vi": "Cột '{column}': '{value}' không thuộc biểu mẫu này. Chọn một trong: {allowed}.",
        "en": "'{column}': '{value}' is not offered by this form. Choose one of: {allowed}.",
    },
    "rule.refused": {
        "vi": "{reason}",
        "en": "{reason}",
    },
    "rule.duplicate_subject": {
        "vi": "Cột '{column}': '{value}' đã được đơn vị đề nghị {award} trong đợt này (hồ sơ {other}). "
        "Kiểm tra lại để tránh trùng lặp.",
        "en": "'{column}': '{value}' is already nominated for {award} by your unit in this campaign "
        "(row {other}). Check for a duplicate.",
    },
    "rule.not_nfc_clean": {
        "vi": "Cột '{column}': '{value}' có khoảng trắng thừa, ký tự ẩn hoặc dấu chưa chuẩn hóa (NFC). Hãy gõ lại ô này.",
        "en": "'{column}': '{value}' has stray spaces, hidden characters or non-NFC accents. Retype this cell.",
    },
    "rule.duplicate_in_batch": {
        "vi": "Cột '{column}': '{value}' ({award}) đã có ở dòng {other} của tệp này. Xóa một trong hai dòng.",
        "en": "'{column}': '{value}' ({award}) already appears in row {other} of this file. Delete one of the two rows.",
    },
    "rule.duplicate_in_batch_similar": {
        "vi": "Cột '{column}': '{value}' ({award}) gần trùng với dòng {other} (chỉ khác vị trí dấu hoặc chữ hoa). Kiểm tra xem có phải cùng một người/công trình không.",
        "en": "'{column}': '{value}' ({award}) nearly matches row {other} (only accent placement or case differ). Check whether it is the same person or work.",
    },
    "rule.duplicate_stored": {
        "vi": "Cột '{column}': '{value}' đã được đơn vị đề nghị/đăng ký ({award}) trong đợt này. Không nhập lại; sửa hồ sơ đã có nếu cần.",
        "en": "'{column}': '{value}' is already submitted by your unit ({award}) in this campaign. Do not import it again; edit the existing record instead.",
    },
    "rule.duplicate_stored_similar": {
        "vi": "Cột '{column}': '{value}' gần trùng với một hồ sơ đã có ({award}) trong đợt này (chỉ khác vị trí dấu hoặc chữ hoa). Kiểm tra để tránh trùng lặp.",
        "en": "'{column}': '{value}' nearly matches a record already submitted ({award}) in this campaign (only accent placement or case differ). Check for a duplicate.",
    },
    "rule.cstdcs_quota": {
        "vi": "Cột '{column}': vượt hạn mức Chiến sĩ thi đua cơ sở năm {year}: tối đa {limit} người ({pct}% của {ldtt} Lao động tiên tiến, làm tròn {rounding}). Bớt đề nghị CSTĐCS hoặc bổ sung đề nghị LĐTT.",
        "en": "'{column}': over the {year} Grassroots Emulation Fighter quota: at most {limit} ({pct}% of {ldtt} Advanced Workers, rounding {rounding}). Remove a CSTĐCS nomination or add the missing LĐTT ones.",
    },
    "rule.cstdcs_needs_ldtt": {
        "vi": "Cột '{column}': '{value}' được đề nghị Chiến sĩ thi đua cơ sở năm {year} nhưng chưa có đề nghị Lao động tiên tiến cùng năm. Thêm dòng LĐTT cho người này.",
        "en": "'{column}': '{value}' is nominated Grassroots Emulation Fighter for {year} without an Advanced Worker nomination for the same year. Add an LĐTT row for this person.",
    },
    "rule.bad_doc_number": {
        "vi": "Cột '{column}': '{value}' không phải số, ký hiệu văn bản hợp lệ. Ví dụ: 80/KH-LĐLĐ, 1486/SNV-TĐKT, 98/2023/NĐ-CP, 02-NQ/TW.",
        "en": "'{column}': '{value}' is not a document number. Examples: 80/KH-LĐLĐ, 1486/SNV-TĐKT, 98/2023/NĐ-CP, 02-NQ/TW.",
    },
    "rule.doc_year_mismatch": {
        "vi": "Cột '{column}': '{value}' ghi năm {year} nhưng ngày văn bản thuộc năm {date_year}.",
        "en": "'{column}': '{value}' says {year} but the document date is in {date_year}.",
    },
    "rule.date_outside_campaign": {
        "vi": "Cột '{column}': ngày {value} nằm ngoài thời gian đợt thi đua ({opens} – {closes}).",
        "en": "'{column}': {value} is outside the campaign period ({opens} – {closes}).",
    },
}

MESSAGES.update(
    {
        "rule.money_too_large": {
            "vi": "Cột '{column}': '{value}' lớn bất thường (trên 1 triệu tỷ đồng). Kiểm tra lại số chữ số 0.",
            "en": "'{column}': '{value}' is implausibly large (over 10^15 VND). Check the number of zeros.",
        },
    }
)

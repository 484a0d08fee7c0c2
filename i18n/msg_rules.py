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
}

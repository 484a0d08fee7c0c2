"""Messages for a campaign form's own fields and the stricter campaign loader: every error names
the key and the valid choices (workflows/form_fields.py, workflows/spec.py, services/field_ledger.py)."""

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ a form's own tab
    "spec.own_tab_built_in": {
        "vi": "{file}: '{key}' = '{found}' là bảng dựng sẵn. Biểu mẫu có cột riêng cần một bảng riêng: "
        "đặt tên mới (ví dụ thi_sinh_2025); các bảng dựng sẵn cho biểu mẫu là: {allowed}.",
        "en": "{file}: '{key}' = '{found}' is a built-in tab. A form with fields of its own needs a tab "
        "of its own: give a new name (e.g. thi_sinh_2025); the built-in form tabs are: {allowed}.",
    },
    "spec.own_tab_name": {
        "vi": "{file}: '{key}' = '{found}' không dùng được làm tên bảng. Dùng chữ thường không dấu, số và "
        "dấu '_', bắt đầu bằng chữ, tối đa 50 ký tự, ví dụ thi_sinh_2025.",
        "en": "{file}: '{key}' = '{found}' cannot name a tab. Use lower-case letters without accents, "
        "digits and '_', starting with a letter, at most 50 characters, e.g. thi_sinh_2025.",
    },
    "spec.own_tab_taken": {
        "vi": "{file}: '{key}': bảng '{found}' đã thuộc đợt thi đua {owner}. Mỗi đợt dùng bảng riêng: "
        "đặt tên khác, ví dụ {found}_moi.",
        "en": "{file}: '{key}': tab '{found}' already belongs to campaign {owner}. Each campaign has its "
        "own tab: choose another name, e.g. {found}_new.",
    },
    "spec.own_tab_taken_by": {
        "vi": "{file}: không dùng được bảng riêng của biểu mẫu ({detail}). Đặt tên bảng khác.",
        "en": "{file}: a form's own tab cannot be used ({detail}). Choose another tab name.",
    },
    "spec.own_tab_twice": {
        "vi": "{file}: '{key}': bảng '{found}' đã được biểu mẫu '{other}' dùng. Mỗi biểu mẫu có cột "
        "riêng cần một bảng riêng.",
        "en": "{file}: '{key}': tab '{found}' is already used by form '{other}'. Each form with fields "
        "of its own needs its own tab.",
    },
    "spec.field_type_missing": {
        "vi": "{file}: '{key}': biểu mẫu có bảng riêng nên mỗi trường cần khai báo 'type' (và 'label'). "
        "Các kiểu: {allowed}.",
        "en": "{file}: '{key}': a form with its own tab declares each field's 'type' (and 'label'). "
        "Types: {allowed}.",
    },
    "spec.field_type_on_built_in": {
        "vi": "{file}: '{key}': bảng dựng sẵn '{tab}' có cột cố định nên không khai báo 'type'. Muốn có "
        "trường riêng (năm sinh, nghề thi...), cho biểu mẫu một bảng riêng: tab: <tên mới>.",
        "en": "{file}: '{key}': built-in tab '{tab}' has fixed columns, so no 'type' here. For fields of "
        "your own (birth year, trade...), give the form its own tab: tab: <new name>.",
    },
    "spec.field_reserved": {
        "vi": "{file}: '{key}' = '{found}' là cột hệ thống dùng sẵn; đặt tên khác. Các tên đã dùng: "
        "{reserved}.",
        "en": "{file}: '{key}' = '{found}' is a column the system keeps; choose another name. Names in "
        "use: {reserved}.",
    },
    "spec.field_bad_name": {
        "vi": "{file}: '{key}' = '{found}' không dùng được làm tên trường. Dùng chữ thường không dấu, số và "
        "dấu '_', bắt đầu bằng chữ, ví dụ nam_sinh.",
        "en": "{file}: '{key}' = '{found}' cannot name a field. Use lower-case letters without accents, "
        "digits and '_', starting with a letter, e.g. birth_year.",
    },
    "spec.field_repeated": {
        "vi": "{file}: '{key}': trường '{found}' đã khai báo ở trên. Mỗi trường một tên.",
        "en": "{file}: '{key}': field '{found}' is declared above already. One name per field.",
    },
    "spec.field_options_missing": {
        "vi": "{file}: '{key}': trường lựa chọn cần danh sách 'options', mỗi mục dạng "
        "{{code: HAN_DIEN, vi: Hàn điện, en: Welding}}.",
        "en": "{file}: '{key}': a choice field needs an 'options' list, each item like "
        "{{code: HAN_DIEN, vi: Hàn điện, en: Welding}}.",
    },
    "spec.field_option_code": {
        "vi": "{file}: '{key}' = '{found}': mã lựa chọn chỉ gồm chữ không dấu, số, '_' và '-', ví dụ "
        "HAN_DIEN.",
        "en": "{file}: '{key}' = '{found}': an option code has only letters without accents, digits, '_' "
        "and '-', e.g. HAN_DIEN.",
    },
    "spec.field_header_too_long": {
        "vi": "{file}: '{key}': tên cột '{found}' dài quá {max} ký tự. 'headers' liệt kê các tên cột ngắn mà "
        'cán bộ hay dùng trong tệp Excel của mình, ví dụ: ["Nơi làm việc", "Đơn vị công tác"].',
        "en": "{file}: '{key}': header '{found}' is longer than {max} characters. 'headers' lists the short "
        'column names officers use in their own Excel files, e.g. ["Nơi làm việc", "Đơn vị công tác"].',
    },
    "spec.field_option_repeated": {
        "vi": "{file}: '{key}': mã lựa chọn '{found}' bị lặp. Mỗi lựa chọn một mã.",
        "en": "{file}: '{key}': option code '{found}' is repeated. One code per option.",
    },
    "spec.field_limit_not_for_type": {
        "vi": "{file}: '{key}' không dùng cho kiểu '{type}'; chỉ dùng cho: {types}.",
        "en": "{file}: '{key}' does not apply to type '{type}'; it is for: {types}.",
    },
    "spec.field_limits_order": {
        "vi": "{file}: '{key}' = {low} lớn hơn mức tối đa {high}.",
        "en": "{file}: '{key}' = {low} is above the maximum {high}.",
    },
    "spec.awards_on_own_tab": {
        "vi": "{file}: '{key}': biểu mẫu có bảng riêng '{tab}' không có cột danh hiệu; bỏ 'awards' hoặc "
        "dùng bảng nominations.",
        "en": "{file}: '{key}': a form with its own tab '{tab}' has no award column; drop 'awards' or use "
        "the nominations tab.",
    },
    # ------------------------------------------------------------------ stricter loader
    "spec.unknown_column": {
        "vi": "{file}: '{key}': bảng '{tab}' không có cột '{found}'. Các cột có thể dùng: {allowed}.",
        "en": "{file}: '{key}': tab '{tab}' has no column '{found}'. Columns you can use: {allowed}.",
    },
    "spec.unknown_award_code": {
        "vi": "{file}: '{key}' có mã danh hiệu '{found}' không có trong danh mục (workflows/catalogue.yaml). "
        "Các mã có: {allowed}.",
        "en": "{file}: '{key}' names award code '{found}', which is not in the catalogue "
        "(workflows/catalogue.yaml). Codes: {allowed}.",
    },
    "spec.duplicate_trigger": {
        "vi": "{file}: '{key}': bước '{trigger}' từ trạng thái '{state}' đã khai báo ở transitions[{first}] "
        "(tới {dest}); bước thứ hai không bao giờ chạy được. Đặt tên 'trigger' khác cho bước này.",
        "en": "{file}: '{key}': move '{trigger}' from state '{state}' is already declared at "
        "transitions[{first}] (to {dest}); this one could never fire. Give this move another 'trigger'.",
    },
    # ------------------------------------------------------------------ values of declared fields
    "rule.bad_year": {
        "vi": "Cột '{column}': '{value}' không phải một năm. Nhập 4 chữ số, ví dụ 1990.",
        "en": "'{column}': '{value}' is not a year. Type 4 digits, e.g. 1990.",
    },
    "rule.bad_yes_no": {
        "vi": "Cột '{column}': '{value}' không phải Có/Không. Nhập Có hoặc Không.",
        "en": "'{column}': '{value}' is not yes/no. Type Yes or No (Có or Không).",
    },
    "rule.bad_email": {
        "vi": "Cột '{column}': '{value}' không phải địa chỉ e-mail. Nhập dạng ten@donvi.vn.",
        "en": "'{column}': '{value}' is not an e-mail address. Type it like name@unit.vn.",
    },
    "rule.bad_phone": {
        "vi": "Cột '{column}': '{value}' không phải số điện thoại. Nhập 10 hoặc 11 chữ số bắt đầu bằng 0 "
        "(hoặc +84), ví dụ 0912 345 678.",
        "en": "'{column}': '{value}' is not a phone number. Type 10 or 11 digits starting with 0 "
        "(or +84), e.g. 0912 345 678.",
    },
    # ------------------------------------------------------------------ the fields' ledger
    "fields.change_refused": {
        "vi": "Bảng '{tab}', trường '{column}': đổi kiểu từ {old} sang {new} không được vì {count} dòng "
        "đang có giá trị không hợp với kiểu mới ({rows}). Giữ kiểu cũ, sửa các dòng đó trước, hoặc "
        "khai báo một trường mới (tên khác: một cột mới).",
        "en": "Tab '{tab}', field '{column}': changing the type from {old} to {new} is refused: {count} "
        "rows hold values the new type does not accept ({rows}). Keep the old type, fix those rows "
        "first, or declare a new field (another name: a new column).",
    },
    # ------------------------------------------------------------------ widgets of declared fields
    "ui.yes": {"vi": "Có", "en": "Yes"},
    "ui.no": {"vi": "Không", "en": "No"},
    "intake.help.several": {
        "vi": "Được chọn nhiều giá trị, ngăn cách bằng dấu chấm phẩy (;).",
        "en": "Several values allowed, separated by semicolons (;).",
    },
}

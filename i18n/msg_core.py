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
        "vi": "Không kết nối được kho dữ liệu ({detail}). Chưa có gì được lưu; vui lòng thử lại sau ít phút.",
        "en": "The data store is unavailable ({detail}). Nothing was saved; please try again in "
        "a few minutes.",
    },
    "error.validation_failed": {
        "vi": "Có {count} lỗi cần sửa. Chưa có gì được lưu.",
        "en": "There are {count} problems to fix. Nothing was saved.",
    },
}

MESSAGES.update(
    {
        # ------------------------------------------------------------------ workflow engine
        "engine.unknown_trigger": {
            "vi": "Thao tác '{trigger}' không có trong quy trình của đợt thi đua này.",
            "en": "Action '{trigger}' is not part of this campaign's workflow.",
        },
        "engine.wrong_state": {
            "vi": "Không thể '{trigger}' khi hồ sơ đang ở trạng thái '{state}'.",
            "en": "Cannot '{trigger}' while the row is '{state}'.",
        },
        "engine.wrong_role": {
            "vi": "Vai trò '{role}' không được phép '{trigger}' ở bước này.",
            "en": "The role '{role}' may not '{trigger}' at this step.",
        },
        "engine.out_of_scope": {
            "vi": "Hồ sơ của đơn vị {unit} nằm ngoài phạm vi bạn được phân công.",
            "en": "This row of unit {unit} is outside your scope.",
        },
        "engine.own_unit": {
            "vi": "Bạn không được thẩm định hồ sơ do chính đơn vị mình ({unit}) trình "
            "(nguyên tắc tách bạch nhiệm vụ).",
            "en": "You may not review a row your own unit ({unit}) submitted (separation of duties).",
        },
        "engine.reason_required": {
            "vi": "Cần ghi rõ lý do khi '{trigger}', để đơn vị biết phải sửa gì.",
            "en": "A reason is required to '{trigger}', so the unit knows what to fix.",
        },
        "engine.unless": {
            "vi": "Điều kiện '{guard}' đang được thỏa mãn nên không thể thực hiện thao tác này.",
            "en": "Condition '{guard}' holds, so this action is not possible.",
        },
        # ------------------------------------------------------------------ guards
        "guard.campaign_closed": {
            "vi": "Đợt thi đua chỉ nhận hồ sơ từ {opens} đến {closes}. Liên hệ quản trị để được mở "
            "lại cho đơn vị nếu cần.",
            "en": "This campaign accepts submissions from {opens} to {closes}. Ask an admin to reopen "
            "it for your unit if needed.",
        },
        "guard.award_not_in_form": {
            "vi": "Danh hiệu/hình thức '{found}' không thuộc biểu mẫu này. Chọn một trong: {allowed}.",
            "en": "Title/award '{found}' is not offered by this form. Choose one of: {allowed}.",
        },
        "guard.subject_mismatch": {
            "vi": "Hình thức '{award}' không áp dụng cho đối tượng '{subject}'. Kiểm tra lại cột "
            "'Đối tượng' (cá nhân hay tập thể).",
            "en": "Award '{award}' does not apply to subject '{subject}'. Check 'Subject' "
            "(individual or collective).",
        },
        "guard.unit_inactive": {
            "vi": "Đơn vị '{unit}' không còn hoạt động hoặc không có trong sơ đồ tổ chức.",
            "en": "Unit '{unit}' is not active or not in the union tree.",
        },
        # ------------------------------------------------------------------ campaign spec errors
        "spec.missing_key": {
            "vi": "{file}: thiếu khóa '{key}'. Hãy thêm khóa này (xem workflows/campaigns/README.md).",
            "en": "{file}: key '{key}' is missing. Add it (see workflows/campaigns/README.md).",
        },
        "spec.unknown_key": {
            "vi": "{file}: khóa '{key}' không được hỗ trợ. Các khóa hợp lệ: {allowed}.",
            "en": "{file}: key '{key}' is not supported. Valid keys: {allowed}.",
        },
        "spec.expected_mapping": {
            "vi": "{file}: '{key}' phải là một nhóm khóa: giá trị, nhưng gặp {found}.",
            "en": "{file}: '{key}' must be a mapping of key: value, found {found}.",
        },
        "spec.expected_list": {
            "vi": "{file}: '{key}' phải là một danh sách (mỗi dòng bắt đầu bằng '- '), nhưng gặp {found}.",
            "en": "{file}: '{key}' must be a list (lines starting with '- '), found {found}.",
        },
        "spec.expected_int": {
            "vi": "{file}: '{key}' phải là số nguyên, nhưng gặp '{found}'.",
            "en": "{file}: '{key}' must be a whole number, found '{found}'.",
        },
        "spec.bad_date": {
            "vi": "{file}: '{key}' = '{found}' không phải ngày hợp lệ. Viết theo dạng YYYY-MM-DD, "
            "ví dụ 2023-05-01.",
            "en": "{file}: '{key}' = '{found}' is not a valid date. Write YYYY-MM-DD, e.g. 2023-05-01.",
        },
        "spec.unknown_value": {
            "vi": "{file}: '{key}' = '{found}' không hợp lệ. Chọn một trong: {allowed}.",
            "en": "{file}: '{key}' = '{found}' is not valid. Choose one of: {allowed}.",
        },
        "spec.unknown_state": {
            "vi": "{file}: '{key}' nhắc đến trạng thái '{found}' chưa khai báo. Các trạng thái: {allowed}.",
            "en": "{file}: '{key}' names state '{found}', which is not declared. States: {allowed}.",
        },
        "spec.unknown_role": {
            "vi": "{file}: '{key}' có vai trò '{found}' không tồn tại. Các vai trò: {allowed}.",
            "en": "{file}: '{key}' names role '{found}', which does not exist. Roles: {allowed}.",
        },
        "spec.unknown_scope": {
            "vi": "{file}: '{key}' có phạm vi '{found}' không tồn tại. Chọn một trong: {allowed}.",
            "en": "{file}: '{key}' names scope '{found}', which does not exist. Choose one of: {allowed}.",
        },
        "spec.unknown_guard": {
            "vi": "{file}: '{key}' dùng điều kiện '{found}' chưa được đăng ký. Các điều kiện có sẵn: {allowed}.",
            "en": "{file}: '{key}' uses guard '{found}', which is not registered. Available: {allowed}.",
        },
        "spec.unknown_workflow": {
            "vi": "{file}: '{key}' dùng quy trình '{found}' chưa khai báo trong 'workflows'. Có: {allowed}.",
            "en": "{file}: '{key}' names workflow '{found}', not declared under 'workflows'. Declared: {allowed}.",
        },
        "spec.unknown_form": {
            "vi": "{file}: '{key}' nhắc đến biểu mẫu '{found}' chưa khai báo. Có: {allowed}.",
            "en": "{file}: '{key}' names form '{found}', which is not declared. Declared: {allowed}.",
        },
        "spec.unknown_field": {
            "vi": "{file}: '{key}': bảng '{tab}' không có cột '{found}'. Kiểm tra chính tả tên cột.",
            "en": "{file}: '{key}': tab '{tab}' has no column '{found}'. Check the spelling.",
        },
        "spec.unknown_award": {
            "vi": "{file}: '{key}' có mã danh hiệu '{found}' không có trong danh mục (catalogue).",
            "en": "{file}: '{key}' names award code '{found}', which is not in the catalogue.",
        },
        "spec.unreachable_state": {
            "vi": "{file}: trạng thái '{found}' ({key}) không thể tới được từ trạng thái đầu. Thêm một "
            "bước chuyển tới nó hoặc xóa nó.",
            "en": "{file}: state '{found}' ({key}) cannot be reached from the initial state. Add a "
            "transition into it or remove it.",
        },
        "spec.dead_end_state": {
            "vi": "{file}: trạng thái '{found}' ({key}) không có bước chuyển ra và không được đánh dấu "
            "'terminal: true'.",
            "en": "{file}: state '{found}' ({key}) has no way out and is not marked 'terminal: true'.",
        },
        "spec.closes_before_opens": {
            "vi": "{file}: ngày kết thúc {closes} trước ngày bắt đầu {opens}. Sửa 'opens' hoặc 'closes'.",
            "en": "{file}: closes {closes} is before opens {opens}. Fix 'opens' or 'closes'.",
        },
        "spec.launch_after_open": {
            "vi": "{file}: văn bản phát động ngày {found} sau ngày bắt đầu {opens}.",
            "en": "{file}: the launch document ({found}) is dated after the opening {opens}.",
        },
        "spec.yaml_syntax": {
            "vi": "{file}: lỗi cú pháp YAML ở dòng {line}: {detail}. Kiểm tra thụt lề và dấu ':'.",
            "en": "{file}: YAML syntax error at line {line}: {detail}. Check indentation and ':'.",
        },
        "spec.duplicate_id": {
            "vi": "{file}: mã đợt thi đua '{found}' đã dùng trong {other}. Mỗi đợt cần một mã riêng.",
            "en": "{file}: campaign id '{found}' is already used by {other}. Each campaign needs its own id.",
        },
    }
)

MESSAGES.update(
    {
        # ------------------------------------------------------------------ authorisation
        "auth.not_granted": {
            "vi": "Tài khoản {email} không có vai trò '{role}' tại đơn vị {unit} (hoặc đã bị khóa). "
            "Vui lòng đăng nhập lại.",
            "en": "Account {email} does not hold role '{role}' in unit {unit} (or is deactivated). "
            "Please sign in again.",
        },
        "auth.tab_not_readable": {
            "vi": "Không thể xem bảng '{tab}' từ trang này.",
            "en": "Tab '{tab}' cannot be read from here.",
        },
        "auth.cannot_create": {
            "vi": "Vai trò '{role}' không được tạo hồ sơ mới trong biểu mẫu này.",
            "en": "Role '{role}' may not create rows in this form.",
        },
        "auth.not_your_row": {
            "vi": "Chỉ đơn vị đã trình hồ sơ mới được sửa hồ sơ này.",
            "en": "Only the unit that submitted this row may edit it.",
        },
        "auth.not_editable": {
            "vi": "Hồ sơ đang ở trạng thái '{state}' nên không sửa được. Chỉ sửa khi ở dự thảo hoặc "
            "khi bị trả lại.",
            "en": "The row is '{state}' and cannot be edited. Edit drafts and returned rows only.",
        },
        # ------------------------------------------------------------------ campaigns
        "campaign.unknown": {
            "vi": "Không có đợt thi đua '{campaign}'.",
            "en": "There is no campaign '{campaign}'.",
        },
        "campaign.unknown_form": {
            "vi": "Đợt thi đua {campaign} không có biểu mẫu '{form}'.",
            "en": "Campaign {campaign} has no form '{form}'.",
        },
        "engine.not_bulk": {
            "vi": "Thao tác '{trigger}' chỉ làm được với từng hồ sơ một, không làm hàng loạt.",
            "en": "'{trigger}' must be done one row at a time, not in bulk.",
        },
    }
)

MESSAGES.update(
    {
        "auth.admin_only": {
            "vi": "Chỉ quản trị hệ thống mới làm được thao tác này.",
            "en": "Only an administrator can do this.",
        },
    }
)

MESSAGES.update(
    {
        "guard.quota_exceeded": {
            "vi": "Đơn vị {unit} đã dùng hết chỉ tiêu Chiến sĩ thi đua cơ sở: tối đa {limit} "
            "(theo tỷ lệ trên {ldtt} Lao động tiên tiến), đã thông qua {used}. Trả lại hoặc đề nghị "
            "hình thức khác.",
            "en": "Unit {unit} has used its Grassroots Emulation Fighter quota: at most {limit} "
            "(a share of {ldtt} Advanced Workers), {used} already approved. Return it or propose "
            "another form.",
        },
    }
)

MESSAGES.update(
    {
        "guard.not_organiser": {
            "vi": "Bước này do Hội đồng của đơn vị tổ chức đợt thi đua ({organiser}) quyết định; "
            "đơn vị {unit} không thực hiện được.",
            "en": "This step is decided by the council of the campaign's organiser ({organiser}); "
            "unit {unit} cannot do it.",
        },
    }
)

MESSAGES.update(
    {
        "engine.bad_fix_fields": {
            "vi": "Chỉ chọn cột cần sửa khi trả lại hồ sơ, và chỉ các cột của biểu mẫu (không hợp lệ: {fields}).",
            "en": "Name fields to fix only when returning a row, and only the form's own fields (not valid: {fields}).",
        },
    }
)

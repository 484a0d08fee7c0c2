"""Messages of issue 23's hardening: workflow commands on tabs without a workflow, campaign YAML
limits (size, aliases, nesting, number ranges), campaign files that fail to load, and sign-in or
store connections that cannot be reached."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: dict[str, Mapping[str, str]] = {
    "auth.tab_no_workflow": {
        "vi": "Bảng '{tab}' không chứa hồ sơ đi theo quy trình duyệt, nên không thực hiện được thao tác "
        "này trên bảng đó.",
        "en": "Tab '{tab}' holds no rows that follow a workflow, so this action does not apply to it.",
    },
    # ------------------------------------------------------------------ campaign YAML limits
    "spec.too_large": {
        "vi": "{file}: tệp dài {size} byte, vượt giới hạn {limit} byte của một đợt thi đua. Kiểm tra xem có "
        "dán nhầm nội dung khác vào không.",
        "en": "{file}: the file is {size} bytes, over the {limit}-byte limit of a campaign. Check that nothing "
        "else was pasted in by mistake.",
    },
    "spec.too_deep": {
        "vi": "{file}: '{key}' lồng quá {limit} cấp. Một đợt thi đua không cần lồng sâu như vậy; kiểm tra "
        "thụt lề và dấu ngoặc [ ] {{ }}.",
        "en": "{file}: '{key}' is nested more than {limit} levels deep. A campaign never needs that; check "
        "the indentation and the brackets [ ] {{ }}.",
    },
    "spec.too_many_values": {
        "vi": "{file}: tại '{key}' tệp đã có hơn {limit} giá trị khi khai triển các bí danh (&, *). Viết "
        "thẳng giá trị thay cho bí danh lồng nhau.",
        "en": "{file}: at '{key}' the file holds more than {limit} values once its aliases (&, *) are "
        "expanded. Write the values out instead of nesting aliases.",
    },
    "spec.unreadable": {
        "vi": "{file}: không đọc được tệp ({detail}). Kiểm tra lại nội dung.",
        "en": "{file}: the file cannot be read ({detail}). Check its content.",
    },
    "spec.expected_text": {
        "vi": "{file}: '{key}' phải là một dòng chữ, nhưng gặp {found}.",
        "en": "{file}: '{key}' must be a line of text, found {found}.",
    },
    "spec.text_too_long": {
        "vi": "{file}: '{key}' dài {length} ký tự, vượt giới hạn {limit} ký tự.",
        "en": "{file}: '{key}' is {length} characters long, over the {limit}-character limit.",
    },
    "spec.expected_bool": {
        "vi": "{file}: '{key}' phải là true hoặc false, nhưng gặp '{found}'.",
        "en": "{file}: '{key}' must be true or false, found '{found}'.",
    },
    "spec.out_of_range": {
        "vi": "{file}: '{key}' = {found} nằm ngoài khoảng cho phép từ {lo} đến {hi}.",
        "en": "{file}: '{key}' = {found} is outside the allowed range {lo} to {hi}.",
    },
    "spec.bad_fixed_value": {
        "vi": "{file}: '{key}' có giá trị không hợp lệ: {detail}",
        "en": "{file}: '{key}' holds a value that is not valid: {detail}",
    },
    "page.admin.campaign_left_out": {
        "vi": "Một đợt thi đua không được nạp (các đợt khác vẫn chạy bình thường): {problem} Sửa tệp hoặc "
        "lưu lại một phiên bản hợp lệ, rồi khởi động lại ứng dụng.",
        "en": "A campaign was left out at start (the others run as usual): {problem} Fix the file or save a "
        "valid version, then restart the app.",
    },
    # ------------------------------------------------------------------ connections that fail
    "gsheets.token_unreachable": {
        "vi": "Không lấy được quyền truy cập Google Trang tính: máy chủ cấp mã truy cập của Google không phản "
        "hồi sau {attempts} lần thử ({detail}). Chưa có gì được lưu. Bấm 'Thử lại' sau ít phút; nếu vẫn lỗi, "
        "báo quản trị kiểm tra kết nối mạng và mục token_uri trong [connections.gsheets].",
        "en": "Could not get access to Google Sheets: Google's token server did not answer after {attempts} "
        "attempts ({detail}). Nothing was saved. Press 'Try again' in a few minutes; if it still fails, ask "
        "the administrator to check the network and token_uri under [connections.gsheets].",
    },
    "gsheets.token_refused": {
        "vi": "Google từ chối cấp quyền truy cập cho tài khoản dịch vụ {account} (khóa có thể đã bị xóa hoặc "
        "hết hiệu lực). Báo quản trị tạo khóa mới và cập nhật mục [connections.gsheets].",
        "en": "Google refused access for the service account {account} (its key may have been deleted or "
        "disabled). Ask the administrator to create a new key and update [connections.gsheets].",
    },
    "app.retry": {"vi": "Thử lại", "en": "Try again"},
    "app.store_unavailable_hint": {
        "vi": "Các trang sẽ hoạt động lại khi kết nối được khôi phục; không cần đăng nhập lại.",
        "en": "The pages work again as soon as the connection is back; no need to sign in again.",
    },
    "security.sign_in.provider_unreachable": {
        "vi": "Không kết nối được máy chủ đăng nhập (nhà cung cấp danh tính không phản hồi). Chưa có gì thay "
        "đổi. Bấm 'Đăng nhập bằng Google' để thử lại sau ít phút; nếu vẫn lỗi, báo quản trị hệ thống kiểm "
        "tra mục [auth] (server_metadata_url) và kết nối mạng.",
        "en": "The sign-in server cannot be reached (the identity provider does not answer). Nothing has "
        "changed. Press 'Sign in with Google' to try again in a few minutes; if it still fails, ask the "
        "administrator to check [auth] (server_metadata_url) and the network.",
    },
}

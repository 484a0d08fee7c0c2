"""Messages for sign-in by identity provider and the other security checks (vi + en)."""

MESSAGES: dict[str, dict[str, str]] = {
    "security.sign_in.intro": {
        "vi": "Đăng nhập bằng tài khoản Google mà quản trị viên đã đăng ký cho bạn trong danh sách người dùng.",
        "en": "Sign in with the Google account the administrator registered for you in the user list.",
    },
    "security.sign_in.google": {"vi": "Đăng nhập bằng Google", "en": "Sign in with Google"},
    "security.sign_in.verified_as": {
        "vi": "Đã xác thực tài khoản: {email}",
        "en": "Account verified: {email}",
    },
    "security.sign_in.unknown": {
        "vi": "Tài khoản {email} chưa được cấp quyền sử dụng hệ thống hoặc đã bị khóa, nên bạn không "
        "xem được trang hay dữ liệu nào. Hãy liên hệ quản trị viên để được cấp quyền, hoặc đăng xuất "
        "rồi đăng nhập bằng tài khoản khác.",
        "en": "The account {email} has not been granted access or has been deactivated, so no page or "
        "data is available to you. Ask the administrator for access, or sign out and use another account.",
    },
    "security.sign_in.unverified": {
        "vi": "Nhà cung cấp danh tính chưa xác minh địa chỉ email của tài khoản này, nên không thể dùng "
        "nó để đăng nhập. Hãy xác minh email với nhà cung cấp, hoặc đăng nhập bằng tài khoản khác.",
        "en": "The identity provider has not verified this account's email address, so it cannot be "
        "used to sign in. Verify the email with the provider, or use another account.",
    },
    "security.sign_in.other_account": {
        "vi": "Đăng xuất để dùng tài khoản khác",
        "en": "Sign out to use another account",
    },
}

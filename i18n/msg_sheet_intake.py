"""Messages of the officers' intake spreadsheets (issue 22), vi + en.

``sheet.col.*`` and ``sheet.instr.*`` are written into the spreadsheets; ``sheet.check.*`` and
``sheet.state.*`` into a row's "Kiểm tra" and "Trạng thái" cells; ``sheet.*`` else: the CLI, the
admin page and errors.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ the app's own columns
    "sheet.col.check": {"vi": "Kiểm tra", "en": "Check"},
    "sheet.col.state": {"vi": "Trạng thái", "en": "State"},
    "sheet.col.key": {"vi": "Khóa (ứng dụng ghi, không sửa)", "en": "Key (written by the app, do not edit)"},
    "sheet.title": {"vi": "Nhập hồ sơ thi đua – {unit}", "en": "Commendation intake – {unit}"},
    # ------------------------------------------------------------------ the instruction row
    "sheet.instr.required": {"vi": "Bắt buộc.", "en": "Required."},
    "sheet.instr.optional": {"vi": "Không bắt buộc.", "en": "Optional."},
    "sheet.instr.choose": {"vi": "Chọn trong danh sách.", "en": "Pick from the list."},
    "sheet.instr.check": {
        "vi": "Ứng dụng ghi: điều cần sửa ở dòng này (ô sai tô đỏ). Sửa xong, lần đồng bộ sau sẽ kiểm tra lại.",
        "en": "Written by the app: what to fix on this row (wrong cells in red). The next sync checks again.",
    },
    "sheet.instr.state": {
        "vi": "Ứng dụng ghi: hồ sơ đang ở bước nào, lý do trả lại, kết quả khen thưởng.",
        "en": "Written by the app: where the submission is, why it was returned, the award.",
    },
    "sheet.instr.key": {"vi": "Ứng dụng dùng để nhận ra dòng.", "en": "Lets the app recognise the row."},
    # ------------------------------------------------------------------ a row's check and state
    "sheet.check.waiting": {
        "vi": "Đang chờ nhập đủ: còn trống {columns}. Dòng chưa được kiểm tra, chưa trình.",
        "en": "Waiting to be complete: {columns} still empty. Not checked, not submitted yet.",
    },
    "sheet.check.edited_after": {
        "vi": "Dòng đã bị sửa sau khi hồ sơ rời đơn vị ({state}): thay đổi ở {columns} KHÔNG được áp dụng. "
        "Muốn sửa, đề nghị cấp trên trả lại hồ sơ, hoặc gõ lại như cũ.",
        "en": "Edited after the submission left the unit ({state}): the change to {columns} is NOT applied. "
        "Ask the upper level to return it, or type the cells back as they were.",
    },
    "sheet.check.refused": {
        "vi": "Đã lưu nhưng chưa trình được: {reason}",
        "en": "Saved but not submitted: {reason}",
    },
    "sheet.check.not_created": {"vi": "Chưa lưu được: {reason}", "en": "Not saved: {reason}"},
    "sheet.check.warning": {"vi": "Lưu ý: {message}", "en": "Note: {message}"},
    "sheet.check.gone": {
        "vi": "Không còn tìm thấy hồ sơ của dòng này trong hệ thống; dòng được coi là dòng mới.",
        "en": "The submission of this row is no longer found; the row is taken as a new one.",
    },
    "sheet.state.returned": {"vi": "Trả lại: {reason}", "en": "Returned: {reason}"},
    "sheet.state.returned_no_reason": {"vi": "Trả lại để bổ sung", "en": "Returned for revision"},
    # ------------------------------------------------------------------ CLI, page, errors
    "sheet.not_configured": {
        "vi": 'Chưa cấu hình nơi đặt bảng tính nhập liệu: thêm mục [intake] với folder = "<mã Shared Drive '
        'hoặc thư mục>" vào .streamlit/secrets.toml (xem docs/google-sheets.md), hoặc chạy với --emulator.',
        "en": 'No place for the intake spreadsheets: add an [intake] section with folder = "<shared drive or '
        'folder id>" to .streamlit/secrets.toml (see docs/google-sheets.md), or run with --emulator.',
    },
    "sheet.no_officer": {
        "vi": "Đơn vị '{unit}' chưa có cán bộ nào đang hoạt động trong danh sách người dùng: chưa tạo bảng tính.",
        "en": "Unit '{unit}' has no active officer among the users: no spreadsheet made.",
    },
    "sheet.header_missing": {
        "vi": "Bảng tính của '{unit}', trang '{tab}': không thấy cột '{column}' ở dòng 1. Chạy lại "
        "cli.py provision-intake hoặc đặt lại tên cột; các dòng của trang này chưa được đọc.",
        "en": "Spreadsheet of '{unit}', tab '{tab}': no column '{column}' in row 1. Run cli.py "
        "provision-intake again or restore the header; the rows of this tab were not read.",
    },
    "sheet.provisioned": {
        "vi": "{unit}: {what} ({url})",
        "en": "{unit}: {what} ({url})",
    },
    "sheet.provision_created": {"vi": "đã tạo", "en": "created"},
    "sheet.provision_updated": {"vi": "đã cập nhật", "en": "updated"},
    "sheet.provision_same": {"vi": "không đổi", "en": "unchanged"},
    "sheet.provision_stopped": {
        "vi": "Google tạm dừng việc tạo bảng tính nhập liệu (hạn mức số lượt gọi mỗi phút hoặc sự cố) sau khi "
        "đã tạo hoặc cập nhật {made} bảng tính. Các bảng tính đó đã được ghi nhận và giữ nguyên; chạy lại lệnh "
        "sau vài phút để làm tiếp các đơn vị còn lại (không đơn vị nào bị tạo hai bảng tính).",
        "en": "Google paused the creation of intake spreadsheets (its per-minute quota, or an outage) after "
        "{made} were created or updated. Those are recorded and kept; run the command again in a few minutes "
        "to go on with the remaining units (no unit gets a second spreadsheet).",
    },
    "sheet.sync_summary": {
        "vi": "Đồng bộ: {files} bảng tính đọc lại / {listed} bảng tính đổi; {created} hồ sơ mới trình, "
        "{resubmitted} hồ sơ trình lại, {invalid} dòng có lỗi, {waiting} dòng đang nhập dở, "
        "{flagged} dòng sửa sau khi trình (không áp dụng).",
        "en": "Sync: {files} spreadsheets read / {listed} changed; {created} new submissions, "
        "{resubmitted} resubmitted, {invalid} rows with errors, {waiting} half-typed rows, "
        "{flagged} rows edited after submission (not applied).",
    },
    "sheet.not_allowed": {
        "vi": "Vai trò '{role}' không được làm việc này với bảng tính nhập liệu (chỉ thẩm định, Hội đồng, quản trị).",
        "en": "Role '{role}' may not do this with the intake spreadsheets (reviewers, the council, admins only).",
    },
    "page.intake_sheets.done": {"vi": "Xong: {summary}", "en": "Done: {summary}"},
    "page.intake_sheets.files": {"vi": "{count} bảng tính đã tạo", "en": "{count} spreadsheets made"},
    "page.intake_sheets.title": {"vi": "Bảng tính nhập liệu", "en": "Intake spreadsheets"},
    "page.intake_sheets.intro": {
        "vi": "Mỗi công đoàn cơ sở một bảng tính riêng, chỉ cán bộ của đơn vị được sửa. Dữ liệu chính "
        "(người dùng, hồ sơ, lịch sử) không nằm trong các bảng tính này.",
        "en": "One spreadsheet per grassroots union, editable by its officers only. The store (users, "
        "submissions, history) is not in these spreadsheets.",
    },
    "page.intake_sheets.provision": {"vi": "Tạo / cập nhật bảng tính", "en": "Create / update spreadsheets"},
    "page.intake_sheets.sync": {"vi": "Đồng bộ ngay", "en": "Sync now"},
    "page.intake_sheets.none": {
        "vi": "Chưa cấu hình bảng tính nhập liệu (mục [intake] trong secrets).",
        "en": "Intake spreadsheets are not configured ([intake] in secrets).",
    },
}

"""Messages for the Streamlit pages (``page.*``, ``ui.*``) and labels (``state.*``, ``role.*``, ``enum.*``).

``role.<ROLE>`` exists for every role in :data:`core.model.ROLES` (the engine uses them in its
messages); ``enum.<column>.<VALUE>`` labels the enumerated values offered in forms and charts.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ frame (app.py)
    "app.title": {"vi": "Thi đua – Khen thưởng Công đoàn", "en": "Trade union emulation & commendation"},
    "app.language": {"vi": "Ngôn ngữ", "en": "Language"},
    "app.lang.vi": {"vi": "Tiếng Việt", "en": "Tiếng Việt"},
    "app.lang.en": {"vi": "English", "en": "English"},
    "app.demo_notice": {
        "vi": "Bản demo – đăng nhập bằng người dùng mẫu. Mọi đơn vị, con người và hồ sơ đều là hư cấu.",
        "en": "Demo – sign in as a sample user. All units, people and submissions are fictional.",
    },
    "app.demo_date": {"vi": "Ngày trong bản demo: {date}", "en": "Demo date: {date}"},
    "app.signed_in_as": {"vi": "Đang đăng nhập: {name}", "en": "Signed in: {name}"},
    "app.signed_in_detail": {"vi": "{role} – {unit}", "en": "{role} – {unit}"},
    "app.sign_out": {"vi": "Đăng xuất", "en": "Sign out"},
    "app.signed_out": {"vi": "Bạn đã đăng xuất.", "en": "You have signed out."},
    "app.session_refused": {
        "vi": "Phiên đăng nhập không còn hợp lệ: vai trò hoặc đơn vị không khớp với danh sách người "
        "dùng. Vì an toàn, bạn đã được đăng xuất; vui lòng đăng nhập lại.",
        "en": "Your session is no longer valid: the role or unit does not match the user list. "
        "For safety you have been signed out; please sign in again.",
    },
    "app.unexpected": {
        "vi": "Đã xảy ra lỗi ngoài dự kiến. Thao tác đang làm dở chưa được ghi; vui lòng tải lại trang "
        "và thử lại. Nếu vẫn lỗi, hãy báo quản trị viên (mã lỗi: {ref}).",
        "en": "Something unexpected went wrong. The action in progress was not saved; reload the page "
        "and try again. If it keeps failing, tell the administrator (error code: {ref}).",
    },
    "app.not_signed_in": {"vi": "Vui lòng đăng nhập trước.", "en": "Please sign in first."},
    "nav.account": {"vi": "Tài khoản", "en": "Account"},
    "nav.work": {"vi": "Hồ sơ thi đua", "en": "Submissions"},
    "nav.follow": {"vi": "Theo dõi", "en": "Monitoring"},
    "nav.admin": {"vi": "Quản trị", "en": "Administration"},
    # ------------------------------------------------------------------ shared widgets
    "ui.campaign": {"vi": "Đợt thi đua", "en": "Campaign"},
    "ui.all_campaigns": {"vi": "Tất cả các đợt thi đua", "en": "All campaigns"},
    "ui.form": {"vi": "Biểu mẫu", "en": "Form"},
    "ui.tab": {"vi": "Loại hồ sơ", "en": "Kind of submission"},
    "ui.tab.nominations": {"vi": "Đề nghị khen thưởng", "en": "Nominations"},
    "ui.tab.works": {"vi": "Công trình, sản phẩm, phần việc", "en": "Works, products, tasks"},
    "ui.tab.initiatives": {"vi": "Sáng kiến", "en": "Initiatives"},
    "ui.choose": {"vi": "Chọn…", "en": "Choose…"},
    "ui.none": {"vi": "—", "en": "—"},
    "ui.open_badge": {"vi": "đang mở", "en": "open"},
    "ui.closed_badge": {"vi": "đã kết thúc", "en": "closed"},
    "ui.campaign_option": {"vi": "{name} ({status})", "en": "{name} ({status})"},
    "ui.required_mark": {"vi": "{label} *", "en": "{label} *"},
    "ui.money_placeholder": {"vi": "Ví dụ: 8.500.000 hoặc 8,5 triệu", "en": "E.g. 8.500.000 or 8,5 triệu"},
    "ui.col.unit": {"vi": "Đơn vị", "en": "Unit"},
    "ui.col.name": {"vi": "Tên hồ sơ", "en": "Name"},
    "ui.col.award": {"vi": "Danh hiệu / hình thức", "en": "Title / award"},
    "ui.col.state": {"vi": "Trạng thái", "en": "State"},
    "ui.col.waiting_on": {"vi": "Đang chờ", "en": "Waiting on"},
    "ui.col.reason": {"vi": "Lý do gần nhất", "en": "Latest reason"},
    "ui.col.days": {"vi": "Số ngày ở bước này", "en": "Days at this step"},
    "ui.col.campaign": {"vi": "Đợt thi đua", "en": "Campaign"},
    "ui.col.since": {"vi": "Ở bước này từ", "en": "At this step since"},
    "ui.col.field": {"vi": "Mục", "en": "Field"},
    "ui.col.value": {"vi": "Nội dung", "en": "Value"},
    "ui.waiting.unit": {"vi": "Đơn vị (hoàn thiện, trình)", "en": "Your unit (complete, submit)"},
    "ui.waiting.done": {"vi": "Đã kết thúc", "en": "Finished"},
    "ui.history": {"vi": "Lịch sử xử lý", "en": "History"},
    "ui.history.empty": {"vi": "Chưa có lịch sử.", "en": "No history yet."},
    "ui.history.entry": {
        "vi": "{at} · {who} ({role}) · {action}: {src} → {dst}",
        "en": "{at} · {who} ({role}) · {action}: {src} → {dst}",
    },
    "ui.history.reason": {"vi": "Lý do: {reason}", "en": "Reason: {reason}"},
    "ui.history.created": {"vi": "(mới tạo)", "en": "(new)"},
    "ui.action.create": {"vi": "Tạo hồ sơ", "en": "Created"},
    "ui.action.edit": {"vi": "Sửa nội dung", "en": "Edited"},
    "ui.updated_at": {"vi": "Cập nhật lúc {time}", "en": "Updated at {time}"},
    "ui.no_open_campaign": {
        "vi": "Hiện không có đợt thi đua nào đang mở nhận hồ sơ.",
        "en": "No campaign is currently open for submissions.",
    },
    "ui.errors_title": {"vi": "Chưa lưu được – vui lòng sửa các lỗi sau:", "en": "Not saved – please fix:"},
    # ------------------------------------------------------------------ sign in
    "page.sign_in.title": {"vi": "Đăng nhập", "en": "Sign in"},
    "page.sign_in.intro": {
        "vi": "Chọn người dùng mẫu hoặc nhập email để vào hệ thống với đúng vai trò và đơn vị của mình.",
        "en": "Pick a sample user or enter your email to work with your own role and unit.",
    },
    "page.sign_in.nav": {"vi": "Đăng nhập", "en": "Sign in"},
    "page.sign_in.demo_header": {"vi": "Người dùng mẫu (bản demo)", "en": "Sample users (demo)"},
    "page.sign_in.pick_user": {"vi": "Chọn người dùng mẫu", "en": "Choose a sample user"},
    "page.sign_in.user_option": {"vi": "{name} – {role} – {unit}", "en": "{name} – {role} – {unit}"},
    "page.sign_in.as_user": {"vi": "Đăng nhập bằng người dùng này", "en": "Sign in as this user"},
    "page.sign_in.email_header": {"vi": "Đăng nhập bằng email", "en": "Sign in with email"},
    "page.sign_in.email": {"vi": "Email", "en": "Email"},
    "page.sign_in.email_help": {
        "vi": "Email đã được đăng ký trong danh sách người dùng của hệ thống.",
        "en": "An email registered in the system's user list.",
    },
    "page.sign_in.continue": {"vi": "Tiếp tục", "en": "Continue"},
    "page.sign_in.unknown_email": {
        "vi": "Không tìm thấy email {email} trong danh sách người dùng đang hoạt động. Hãy kiểm tra "
        "lại hoặc liên hệ quản trị viên.",
        "en": "The email {email} is not in the list of active users. Check it or contact the administrator.",
    },
    "page.sign_in.pick_role": {
        "vi": "Bạn có nhiều vai trò – chọn vai trò và đơn vị làm việc",
        "en": "You hold several roles – choose the role and unit to work with",
    },
    "page.sign_in.role_option": {"vi": "{role} – {unit}", "en": "{role} – {unit}"},
    "page.sign_in.no_users": {
        "vi": "Chưa có người dùng nào trong hệ thống. Hãy tạo dữ liệu mẫu: python cli.py seed-demo",
        "en": "There are no users yet. Create the demo data: python cli.py seed-demo",
    },
    "page.sign_in.oidc": {
        "vi": "Đăng nhập bằng tài khoản tổ chức",
        "en": "Sign in with your organisation account",
    },
    "page.sign_in.welcome": {"vi": "Xin chào {name}!", "en": "Welcome, {name}!"},
    # ------------------------------------------------------------------ submit
    "page.submit.title": {"vi": "Nộp hồ sơ", "en": "Submit"},
    "page.submit.nav": {"vi": "Nộp hồ sơ", "en": "Submit"},
    "page.submit.intro": {
        "vi": "Lập đề nghị khen thưởng, đăng ký công trình hoặc sáng kiến của đơn vị rồi trình "
        "công đoàn cấp trên.",
        "en": "Prepare your unit's nominations, works or initiatives and submit them to the "
        "upper-level union.",
    },
    "page.submit.save_draft": {"vi": "Lưu nháp", "en": "Save draft"},
    "page.submit.submit": {"vi": "Trình", "en": "Submit"},
    "page.submit.saved": {
        "vi": "Đã lưu hồ sơ “{name}”. Trạng thái: {state}.",
        "en": "Saved “{name}”. State: {state}.",
    },
    "page.submit.duplicates": {
        "vi": "Đơn vị đã có {count} hồ sơ đề nghị cùng người và cùng danh hiệu trong đợt này "
        "(trạng thái: {states}). Hãy kiểm tra để tránh trình trùng.",
        "en": "Your unit already has {count} nomination(s) of the same person for the same award in "
        "this campaign (state: {states}). Check before submitting a duplicate.",
    },
    "page.submit.required_note": {"vi": "Mục có dấu * là bắt buộc.", "en": "Fields marked * are required."},
    # ------------------------------------------------------------------ my submissions
    "page.mine.title": {"vi": "Hồ sơ của đơn vị", "en": "My unit's submissions"},
    "page.mine.nav": {"vi": "Hồ sơ của đơn vị", "en": "My submissions"},
    "page.mine.intro": {
        "vi": "Theo dõi hồ sơ đơn vị đã lập: đang ở bước nào, lý do bị trả lại, sửa và trình lại.",
        "en": "Follow your unit's submissions: where each one is, why it was returned, fix and resubmit.",
    },
    "page.mine.returned": {
        "vi": "Hồ sơ “{name}” bị trả lại. Lý do: {reason}",
        "en": "“{name}” was returned. Reason: {reason}",
    },
    "page.mine.select_hint": {
        "vi": "Chọn một dòng trong bảng để xem lịch sử, sửa hoặc trình lại.",
        "en": "Select a row in the table to see its history, edit or resubmit it.",
    },
    "page.mine.detail": {"vi": "Chi tiết hồ sơ: {name}", "en": "Submission: {name}"},
    "page.mine.edit_header": {"vi": "Sửa nội dung hồ sơ", "en": "Edit the submission"},
    "page.mine.save": {"vi": "Lưu thay đổi", "en": "Save changes"},
    "page.mine.resubmit": {"vi": "Lưu và {action}", "en": "Save and {action}"},
    "page.mine.resubmit_returned": {"vi": "Lưu và trình lại", "en": "Save and resubmit"},
    "page.mine.saved": {"vi": "Đã lưu thay đổi.", "en": "Changes saved."},
    "page.mine.moved": {
        "vi": "Đã thực hiện “{action}”. Trạng thái mới: {state}.",
        "en": "Done: “{action}”. New state: {state}.",
    },
    "page.mine.not_editable": {
        "vi": "Hồ sơ ở trạng thái này không sửa được.",
        "en": "A submission in this state cannot be edited.",
    },
    "page.mine.confirm_withdraw": {
        "vi": "Tôi xác nhận rút hồ sơ này (không hoàn tác được)",
        "en": "I confirm withdrawing this submission (cannot be undone)",
    },
    # ------------------------------------------------------------------ review
    "page.review.title": {"vi": "Thẩm định", "en": "Review"},
    "page.review.nav": {"vi": "Thẩm định", "en": "Review"},
    "page.review.intro": {
        "vi": "Xem xét hồ sơ các đơn vị trình lên bước của bạn: thông qua, trả lại để bổ sung "
        "hoặc không đủ điều kiện.",
        "en": "Review the submissions waiting at your step: approve, return for revision or reject.",
    },
    "page.review.search": {"vi": "Tìm kiếm (tên người, tên đơn vị…)", "en": "Search (name, unit…)"},
    "page.review.search_help": {
        "vi": "Có thể gõ không dấu: “nguyen van” tìm được “Nguyễn Văn”.",
        "en": "Accents optional: “nguyen van” finds “Nguyễn Văn”.",
    },
    "page.review.count": {
        "vi": "{count} hồ sơ đang chờ bạn xử lý.",
        "en": "{count} submission(s) waiting for you.",
    },
    "page.review.empty": {"vi": "Không có hồ sơ nào chờ bạn xử lý.", "en": "Nothing is waiting for you."},
    "page.review.select_hint": {
        "vi": "Chọn một dòng để xem chi tiết; chọn nhiều dòng để thông qua hàng loạt.",
        "en": "Select a row to see it in detail; select several to approve them together.",
    },
    "page.review.detail": {"vi": "Chi tiết: {name} – {unit}", "en": "Detail: {name} – {unit}"},
    "page.review.reason": {"vi": "Lý do / ý kiến thẩm định", "en": "Reason / reviewer's comment"},
    "page.review.reason_help": {
        "vi": "Bắt buộc khi trả lại hoặc không đủ điều kiện: ghi rõ đơn vị cần bổ sung gì.",
        "en": "Required to return or reject: say what the unit has to add or fix.",
    },
    "page.review.reason_required": {
        "vi": "Vui lòng ghi lý do trước khi “{action}”. Chưa có gì thay đổi.",
        "en": "Please give a reason before “{action}”. Nothing was changed.",
    },
    "page.review.no_actions": {
        "vi": "Bạn không có thao tác nào với hồ sơ này ở bước hiện tại.",
        "en": "You have no action on this submission at its current step.",
    },
    "page.review.done": {
        "vi": "Đã “{action}” {count} hồ sơ.",
        "en": "“{action}” applied to {count} submission(s).",
    },
    "page.review.bulk_header": {
        "vi": "Xử lý hàng loạt ({count} hồ sơ đã chọn)",
        "en": "Bulk action ({count} selected)",
    },
    "page.review.bulk_button": {"vi": "{action} ({count} hồ sơ)", "en": "{action} ({count})"},
    "page.review.bulk_partial": {
        "vi": "{count} hồ sơ đã chọn chưa thể “{action}” lúc này (xem chi tiết từng hồ sơ) và sẽ giữ nguyên.",
        "en": "{count} selected submission(s) cannot be “{action}” now (open each to see why) and stay as they are.",
    },
    "page.review.bulk_none": {
        "vi": "Các hồ sơ đã chọn không có thao tác chung nào được phép làm hàng loạt.",
        "en": "The selected submissions share no action that may be applied in bulk.",
    },
    "page.review.bulk_confirm": {
        "vi": "Bạn sắp “{action}” {count} hồ sơ. Thao tác này ghi vào lịch sử và không hoàn tác "
        "được. Xác nhận?",
        "en": "You are about to “{action}” {count} submission(s). This is recorded in the history and "
        "cannot be undone. Confirm?",
    },
    "page.review.confirm": {"vi": "Xác nhận", "en": "Confirm"},
    "page.review.cancel": {"vi": "Huỷ", "en": "Cancel"},
    # ------------------------------------------------------------------ dashboard
    "page.dashboard.title": {"vi": "Tổng hợp", "en": "Dashboard"},
    "page.dashboard.nav": {"vi": "Tổng hợp", "en": "Dashboard"},
    "page.dashboard.intro": {
        "vi": "Số liệu thi đua – khen thưởng trong phạm vi của bạn, tự cập nhật mỗi {seconds} giây.",
        "en": "Emulation and commendation figures within your scope, refreshed every {seconds} seconds.",
    },
    "page.dashboard.targets": {"vi": "Tiến độ so với chỉ tiêu", "en": "Progress against targets"},
    "page.dashboard.by_state": {"vi": "Theo trạng thái", "en": "By state"},
    "page.dashboard.by_cluster": {"vi": "Theo cụm, khối thi đua", "en": "By emulation cluster"},
    "page.dashboard.count": {"vi": "Số hồ sơ", "en": "Submissions"},
    "page.dashboard.group": {"vi": "Nhóm", "en": "Group"},
    "page.dashboard.no_cluster": {"vi": "Chưa xếp cụm", "en": "No cluster"},
    "page.dashboard.empty": {
        "vi": "Chưa có hồ sơ nào trong phạm vi này.",
        "en": "No submissions in this scope yet.",
    },
    # ------------------------------------------------------------------ admin
    "page.admin.title": {"vi": "Quản trị", "en": "Administration"},
    "page.admin.nav": {"vi": "Quản trị", "en": "Administration"},
    "page.admin.intro": {
        "vi": "Cấu hình các đợt thi đua: xem thời gian, biểu mẫu, chỉ tiêu và sơ đồ quy trình; mở lại một đợt "
        "cho một đơn vị; sửa tệp YAML của đợt và lưu thành phiên bản mới.",
        "en": "Campaign set-up: see dates, forms, targets and workflow diagrams; reopen a campaign for one "
        "unit; edit a campaign's YAML and save it as a new version.",
    },
    "page.admin.dates": {
        "vi": "Mở nhận hồ sơ từ {opens} đến {closes} · Văn bản phát động: {doc} ngày {doc_date}",
        "en": "Open from {opens} to {closes} · Launch document: {doc} dated {doc_date}",
    },
    "page.admin.source": {"vi": "Tệp cấu hình: {file}", "en": "Spec file: {file}"},
    "page.admin.forms": {"vi": "Biểu mẫu", "en": "Forms"},
    "page.admin.form_line": {
        "vi": "{label} – bảng “{tab}”, quy trình “{workflow}”",
        "en": "{label} – tab “{tab}”, workflow “{workflow}”",
    },
    "page.admin.fields": {"vi": "Các mục: {fields}", "en": "Fields: {fields}"},
    "page.admin.awards": {"vi": "Danh hiệu được đề nghị: {awards}", "en": "Awards offered: {awards}"},
    "page.admin.targets": {"vi": "Chỉ tiêu", "en": "Targets"},
    "page.admin.target_line": {"vi": "{label}: {target}", "en": "{label}: {target}"},
    "page.admin.workflow": {"vi": "Quy trình “{name}”", "en": "Workflow “{name}”"},
    "page.admin.bulk": {"vi": "hàng loạt", "en": "bulk"},
    "page.admin.reason": {"vi": "cần lý do", "en": "reason required"},
    # ------------------------------------------------------------------ generic state labels (charts)
    "state.DRAFT": {"vi": "Dự thảo", "en": "Draft"},
    "state.SUBMITTED": {"vi": "Đã trình, chờ thẩm định", "en": "Submitted"},
    "state.RETURNED": {"vi": "Trả lại để bổ sung", "en": "Returned"},
    "state.IN_COUNCIL": {"vi": "Đang xét tại Hội đồng", "en": "At the council"},
    "state.AWARDED": {"vi": "Đã khen thưởng", "en": "Awarded"},
    "state.ACCEPTED": {"vi": "Đã công nhận", "en": "Recognised"},
    "state.REJECTED": {"vi": "Không đủ điều kiện", "en": "Rejected"},
    "state.WITHDRAWN": {"vi": "Đã rút", "en": "Withdrawn"},
    # ------------------------------------------------------------------ roles (core.model.ROLES)
    "role.UNIT_OFFICER": {"vi": "Cán bộ công đoàn cơ sở", "en": "Grassroots union officer"},
    "role.UNIT_HEAD": {"vi": "Chủ tịch công đoàn cơ sở", "en": "Grassroots union chair"},
    "role.UPPER_REVIEWER": {"vi": "Cán bộ thẩm định công đoàn cấp trên", "en": "Upper-level union reviewer"},
    "role.CLUSTER_HEAD": {"vi": "Trưởng cụm thi đua", "en": "Emulation cluster head"},
    "role.COUNCIL_MEMBER": {
        "vi": "Thành viên Hội đồng Thi đua – Khen thưởng",
        "en": "Emulation & Commendation Council member",
    },
    "role.COUNCIL_SECRETARY": {
        "vi": "Thư ký Hội đồng Thi đua – Khen thưởng",
        "en": "Emulation & Commendation Council secretary",
    },
    "role.LEADER": {"vi": "Lãnh đạo Liên đoàn Lao động", "en": "Federation leader"},
    "role.ADMIN": {"vi": "Quản trị hệ thống", "en": "System administrator"},
    # ------------------------------------------------------------------ enumerated values
    "enum.subject_kind.CA_NHAN": {"vi": "Cá nhân", "en": "Individual"},
    "enum.subject_kind.TAP_THE": {"vi": "Tập thể", "en": "Collective"},
    "enum.subject_kind.CA_NHAN_TAP_THE": {"vi": "Cá nhân và tập thể", "en": "Individual or collective"},
    "enum.subject_kind.HO_GD": {"vi": "Hộ gia đình", "en": "Household"},
    "enum.work_type.CONG_TRINH": {"vi": "Công trình", "en": "Construction work"},
    "enum.work_type.SAN_PHAM": {"vi": "Sản phẩm", "en": "Product"},
    "enum.work_type.PHAN_VIEC": {"vi": "Phần việc", "en": "Task"},
    # ``level`` is both the work level (works tab) and the unit level (units tab); the codes differ.
    "enum.level.CO_SO": {"vi": "Cấp cơ sở", "en": "Grassroots level"},
    "enum.level.CAP_TREN_CO_SO": {"vi": "Cấp trên cơ sở", "en": "Upper-union level"},
    "enum.level.THANH_PHO": {"vi": "Cấp thành phố", "en": "City level"},
    "enum.level.TLD": {
        "vi": "Tổng Liên đoàn Lao động Việt Nam",
        "en": "Vietnam General Confederation of Labour",
    },
    "enum.level.LDLD_TINH": {
        "vi": "Liên đoàn Lao động tỉnh, thành phố",
        "en": "Provincial/city labour federation",
    },
    "enum.level.CD_NGANH_TW": {"vi": "Công đoàn ngành Trung ương", "en": "National sectoral union"},
    "enum.level.CD_CTTCS": {"vi": "Công đoàn cấp trên trực tiếp cơ sở", "en": "Upper-level union"},
    "enum.level.CDCS": {"vi": "Công đoàn cơ sở", "en": "Grassroots union"},
    "enum.level.CDCS_THANH_VIEN": {"vi": "Công đoàn cơ sở thành viên", "en": "Member grassroots union"},
    "enum.level.CDBP": {"vi": "Công đoàn bộ phận", "en": "Union section"},
    "enum.level.TO_CD": {"vi": "Tổ công đoàn", "en": "Union team"},
    "enum.level.CQ_LDLD": {"vi": "Cơ quan Liên đoàn Lao động", "en": "Federation office"},
    "enum.level.DON_VI_SU_NGHIEP": {"vi": "Đơn vị sự nghiệp", "en": "Public service unit"},
    "enum.level.DN_CONG_DOAN": {"vi": "Doanh nghiệp công đoàn", "en": "Union-owned enterprise"},
    "enum.field.KY_THUAT": {"vi": "Kỹ thuật", "en": "Engineering"},
    "enum.field.QUAN_LY": {"vi": "Quản lý", "en": "Management"},
    "enum.field.TAC_NGHIEP": {"vi": "Tác nghiệp", "en": "Operations"},
    "enum.field.UNG_DUNG_TBKT": {"vi": "Ứng dụng tiến bộ kỹ thuật", "en": "Applying technical advances"},
    "enum.influence_scope.CO_SO": {"vi": "Trong cơ sở", "en": "Within the unit"},
    "enum.influence_scope.BO_NGANH_TINH": {"vi": "Cấp bộ, ngành, tỉnh", "en": "Ministry, sector or province"},
    "enum.influence_scope.TOAN_QUOC": {"vi": "Toàn quốc", "en": "Nationwide"},
    "enum.sector.HCSN": {"vi": "Hành chính sự nghiệp", "en": "Public administration"},
    "enum.sector.DNNN": {"vi": "Doanh nghiệp nhà nước", "en": "State-owned enterprise"},
    "enum.sector.NGOAI_NN": {"vi": "Ngoài nhà nước", "en": "Private sector"},
    "enum.sector.FDI": {"vi": "Doanh nghiệp FDI", "en": "Foreign-invested enterprise"},
    "enum.sector.KHAC": {"vi": "Khác", "en": "Other"},
}

MESSAGES.update(
    {
        "page.review.fix_fields": {"vi": "Các mục cần sửa", "en": "Fields to fix"},
        "page.review.fix_fields_help": {
            "vi": "Khi trả lại hồ sơ, chọn các mục đơn vị cần sửa; các mục này được đánh dấu trong biểu mẫu của đơn vị.",
            "en": "When returning a row, pick the fields the unit must fix; they are flagged in the unit's form.",
        },
        "page.mine.fix_this": {
            "vi": "Người thẩm định yêu cầu sửa mục '{field}'.",
            "en": "The reviewer asked you to fix '{field}'.",
        },
    }
)

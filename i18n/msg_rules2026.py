"""Messages of the 2025–2026 rules and procedures: NĐ 152/2025, the reorganised union tree, public
comment, holds, the simplified procedure, dossier files and cash rewards (issue 20)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ prerequisites (R-CSTDCS-2, collectives)
    "rule.cstdcs_no_initiative_or_excellent": {
        "vi": "'{value}' chưa đủ tiêu chuẩn CSTĐCS năm {year}: cần xếp loại {ratings} (hiện: {rating}) HOẶC ít nhất {min} sáng kiến được cơ sở công nhận (có {found}) (Luật TĐKT 2022 Điều 23, R-CSTDCS-2).",
        "en": "'{value}' does not meet CSTĐCS for {year}: needs a rating of {ratings} (now: {rating}) OR at least {min} recognised initiative (found {found}) (Law 2022 Art. 23, R-CSTDCS-2).",
    },
    "rule.collective_ldtt_share": {
        "vi": "'{value}': {count}/{total} thành viên đạt Lao động tiên tiến năm {year}; {award} cần tỷ lệ {share} (R-TTLDTT-1, R-TTLDXS-1).",
        "en": "'{value}': {count}/{total} members are Advanced Workers in {year}; {award} needs a share {share} (R-TTLDTT-1, R-TTLDXS-1).",
    },
    "rule.collective_disciplined": {
        "vi": "'{value}': có thành viên bị kỷ luật từ mức {bar} trở lên năm {year} ({names}); không xét {award} (R-TTLDTT-2, R-TTLDXS-4).",
        "en": "'{value}': members disciplined at {bar} or above in {year} ({names}); not eligible for {award} (R-TTLDTT-2, R-TTLDXS-4).",
    },
    "rule.collective_completed": {
        "vi": "'{value}': {count}/{total} thành viên hoàn thành nhiệm vụ năm {year}; {award} cần tỷ lệ {share} (R-TTLDXS-2).",
        "en": "'{value}': {count}/{total} members completed their tasks in {year}; {award} needs a share {share} (R-TTLDXS-2).",
    },
    "rule.collective_cstdcs": {
        "vi": "'{value}': {count} thành viên đạt CSTĐCS năm {year}; {award} cần ít nhất {min} (R-TTLDXS-3).",
        "en": "'{value}': {count} members are Grassroots Emulation Fighters in {year}; {award} needs at least {min} (R-TTLDXS-3).",
    },
    # ------------------------------------------------------------------ campaign YAML
    "spec.days_out_of_range": {
        "vi": "{file}: '{key}' = '{found}' nằm ngoài khoảng cho phép {low}–{high} ngày. Nhập một số trong khoảng đó.",
        "en": "{file}: '{key}' = '{found}' is outside the allowed {low}–{high} days. Type a number in that range.",
    },
    "spec.comment_guard_missing": {
        "vi": "{file}: trạng thái '{state}' là bước công khai lấy ý kiến; bước '{trigger}' ra khỏi trạng thái này phải có điều kiện '{guard}' (chỉ chuyển tiếp khi hết thời gian công khai). Thêm '{guard}' vào conditions của '{trigger}' ({key}).",
        "en": "{file}: state '{state}' is a public comment stage; the move '{trigger}' out of it must list the guard '{guard}' (it goes on only once the period is over). Add '{guard}' to the conditions of '{trigger}' ({key}).",
    },
    # ------------------------------------------------------------------ dossier (R-DOS-4, R-DOS-5)
    "dossier.kind.TOM_TAT": {"vi": "Tóm tắt thành tích", "en": "Short summary of the achievement"},
    "dossier.kind.XN_HTXS": {
        "vi": "Xác nhận hoàn thành xuất sắc nhiệm vụ",
        "en": "Proof of excellent task completion",
    },
    "dossier.file_missing": {
        "vi": "Văn bản '{kind}' chưa có tệp điện tử đính kèm (PDF, Word hoặc bản quét): từ 01/7/2025 hồ sơ nộp kèm tệp điện tử (R-DOS-4). Đính kèm tệp cho văn bản này.",
        "en": "Document '{kind}' has no electronic file attached (PDF, Word or a scan): from 1/7/2025 a dossier carries electronic files (R-DOS-4). Attach a file to this document.",
    },
    "dossier.vote_missing": {
        "vi": "Biên bản họp chưa ghi kết quả bỏ phiếu (số tán thành / tổng số thành viên Hội đồng): hồ sơ CSTĐCS cần biên bản có kết quả bỏ phiếu (R-DOS-5). Nhập hai số này ở văn bản Biên bản họp.",
        "en": "The meeting minutes do not record the vote (yes / all council members): a CSTĐCS dossier needs minutes with the vote result (R-DOS-5). Enter both numbers on the minutes.",
    },
    "dossier.vote_above_total": {
        "vi": "Biên bản ghi {yes} phiếu tán thành trên {total} thành viên: số tán thành không thể lớn hơn tổng số thành viên. Kiểm tra lại hai số này.",
        "en": "The minutes record {yes} yes votes of {total} members: yes votes cannot exceed the members. Check both numbers.",
    },
    "dossier.vote_below": {
        "vi": "Biên bản ghi {yes}/{total} thành viên tán thành, chưa đạt {share} tổng số thành viên Hội đồng (R-DOS-5, R-VOTE-5): không đủ điều kiện trình.",
        "en": "The minutes record {yes}/{total} members in favour, short of {share} of all council members (R-DOS-5, R-VOTE-5): not eligible to send up.",
    },
    # ------------------------------------------------------------------ holds (NĐ 152/2025 Điều 4)
    "hold.ground.DISCIPLINE": {"vi": "đang xem xét kỷ luật", "en": "discipline pending"},
    "hold.ground.INSPECTION": {"vi": "đang thanh tra, kiểm tra", "en": "inspection pending"},
    "hold.ground.COMPLAINT": {"vi": "đang giải quyết khiếu nại, tố cáo", "en": "complaint pending"},
    "hold.role": {
        "vi": "Vai trò {role} không được tạm dừng hoặc gỡ tạm dừng xét khen thưởng. Việc này do cán bộ thẩm định cấp trên, Hội đồng TĐKT hoặc quản trị thực hiện.",
        "en": "The role {role} may not place or lift a hold. Upper-level reviewers, the council or an admin do that.",
    },
    "hold.already": {
        "vi": "Hồ sơ của '{name}' đang bị tạm dừng xét khen thưởng; gỡ tạm dừng hiện tại trước khi tạm dừng lại.",
        "en": "The nomination of '{name}' is already on hold; lift the current hold first.",
    },
    "hold.not_active": {
        "vi": "Tạm dừng này đã được gỡ trước đó; tải lại trang để xem tình trạng mới.",
        "en": "This hold was already lifted; reload to see the current state.",
    },
    "rule.hold_note_short": {
        "vi": "Cột '{column}': ghi rõ nội dung (ít nhất {min} ký tự), ví dụ số quyết định thanh tra hoặc đơn khiếu nại.",
        "en": "'{column}': state the details (at least {min} characters), e.g. the inspection decision or the complaint.",
    },
    "guard.on_hold": {
        "vi": "Đang tạm dừng xét khen thưởng từ {since} ({ground}: {note}); chưa thể khen thưởng cho đến khi gỡ tạm dừng (NĐ 152/2025 Điều 4).",
        "en": "On hold since {since} ({ground}: {note}); no award until the hold is lifted (NĐ 152/2025 Art. 4).",
    },
    # ------------------------------------------------------------------ public comment
    "guard.public_comment_running": {
        "vi": "Danh sách đang được công khai lấy ý kiến {days} ngày làm việc, từ {start} đến hết {end}; Hội đồng chỉ xét sau thời hạn này.",
        "en": "The list is published for comments for {days} working days, {start} to {end} inclusive; the council decides only after that.",
    },
    "comment.role": {
        "vi": "Vai trò {role} không ghi nhận ý kiến góp ý. Việc này do thư ký Hội đồng, cán bộ thẩm định hoặc quản trị thực hiện.",
        "en": "The role {role} does not record comments. The council secretary, a reviewer or an admin does.",
    },
    "comment.not_published": {
        "vi": "Hồ sơ của '{name}' không ở bước công khai lấy ý kiến; chỉ ghi nhận góp ý cho hồ sơ đang được công khai.",
        "en": "The nomination of '{name}' is not published for comments; comments are recorded only on published nominations.",
    },
    "comment.outside_period": {
        "vi": "Ngày nhận góp ý {received} nằm ngoài thời gian công khai ({start} – {end}). Kiểm tra lại ngày nhận.",
        "en": "The comment's date {received} is outside the publication ({start} – {end}). Check the date received.",
    },
    # ------------------------------------------------------------------ reorganise (cli.py reorganise)
    "reorg.bad_plan": {
        "vi": "{file}: phương án sắp xếp phải là một bảng khóa (id, date, moves, units, end, create), không phải {found}.",
        "en": "{file}: a reorganisation plan must be a mapping (id, date, moves, units, end, create), not {found}.",
    },
    "reorg.unknown_key": {
        "vi": "{file}: khóa '{key}' không dùng trong phương án. Các khóa: {allowed}.",
        "en": "{file}: key '{key}' is not used in a plan. Keys: {allowed}.",
    },
    "reorg.missing_key": {"vi": "{file}: thiếu khóa '{key}'.", "en": "{file}: key '{key}' is missing."},
    "reorg.bad_date": {
        "vi": "{file}: '{key}' = '{found}' không phải ngày hợp lệ; viết YYYY-MM-DD, ví dụ 2025-07-01.",
        "en": "{file}: '{key}' = '{found}' is not a valid date; write YYYY-MM-DD, e.g. 2025-07-01.",
    },
    "reorg.bad_item": {
        "vi": "{file}: mục '{key}' cần đủ các khóa: {need}.",
        "en": "{file}: item '{key}' needs the keys: {need}.",
    },
    "reorg.bad_value": {
        "vi": "{file}: '{key}' = '{found}' không hợp lệ. Chọn một trong: {allowed}.",
        "en": "{file}: '{key}' = '{found}' is not valid. Choose one of: {allowed}.",
    },
    "reorg.already_applied": {
        "vi": "Phương án {plan} đã được áp dụng trước đó; không áp dụng lại (lịch sử giữ nguyên).",
        "en": "Plan {plan} was applied already; it is not applied twice (history unchanged).",
    },
    "reorg.unit_exists": {
        "vi": "Đơn vị tạo mới đã có trong danh sách đơn vị: {units}. Đổi mã đơn vị hoặc bỏ khỏi mục create.",
        "en": "Units to create already exist: {units}. Change their ids or drop them from create.",
    },
    "reorg.unknown_units": {
        "vi": "Không có các đơn vị này trong cây tổ chức ngày {day}: {units}. Kiểm tra mã đơn vị (bảng units).",
        "en": "These units are not in the union tree on {day}: {units}. Check the unit ids (units tab).",
    },
    "reorg.moved_and_ended": {
        "vi": "Đơn vị vừa được chuyển vừa bị chấm dứt: {units}. Bỏ khỏi một trong hai mục (units/moves hoặc end).",
        "en": "Units both moved and ended: {units}. Drop them from one of the two (units/moves or end).",
    },
    "reorg.dead_parent": {
        "vi": "Đơn vị cấp trên mới không còn hoạt động ngày {day}: {units}. Chọn đơn vị cấp trên còn hoạt động.",
        "en": "New parents not alive on {day}: {units}. Choose parents that exist then.",
    },
    "reorg.orphans": {
        "vi": "Phương án để {count} đơn vị không có đơn vị cấp trên từ ngày {day}: {units}. Thêm chúng vào moves hoặc units (hoặc end), rồi chạy lại; chưa có gì được ghi.",
        "en": "The plan leaves {count} units without a parent from {day}: {units}. Add them to moves or units (or end) and run again; nothing was written.",
    },
    "reorg.cycle": {
        "vi": "Phương án làm các đơn vị này nằm dưới chính mình: {units}. Kiểm tra lại đơn vị cấp trên mới.",
        "en": "The plan puts these units under themselves: {units}. Check their new parents.",
    },
    "rule.vote_above_total": {
        "vi": "Cột '{column}': {value} phiếu tán thành lớn hơn tổng số {total} thành viên. Kiểm tra lại.",
        "en": "'{column}': {value} yes votes exceed the {total} members. Check both numbers.",
    },
    # ------------------------------------------------------------------ dossier files (R-DOS-4)
    "rule.file_empty": {
        "vi": "Tệp '{value}' rỗng (0 byte). Chọn lại tệp bản quét hoặc tệp Word/PDF.",
        "en": "File '{value}' is empty (0 bytes). Choose the scan or the Word/PDF file again.",
    },
    "rule.file_too_big": {
        "vi": "Tệp '{value}' nặng {size} MB, vượt mức {max} MB. Giảm độ phân giải bản quét hoặc tách tệp.",
        "en": "File '{value}' is {size} MB, over the {max} MB limit. Scan at a lower resolution or split it.",
    },
    "rule.file_type": {
        "vi": "Tệp '{value}' có nội dung loại '{found}', không được nhận. Gửi một trong các loại: {allowed} (PDF, Word hoặc bản quét).",
        "en": "File '{value}' holds '{found}' content, which is not accepted. Send one of: {allowed} (PDF, Word or a scan).",
    },
    "rule.file_ext_mismatch": {
        "vi": "Tệp '{value}' có đuôi .{ext} nhưng nội dung là {found}. Lưu lại đúng định dạng rồi gửi lại.",
        "en": "File '{value}' ends in .{ext} but its content is {found}. Save it in the right format and send it again.",
    },
    "file.no_store": {
        "vi": "Kho dữ liệu đang dùng chưa hỗ trợ lưu tệp hồ sơ; ghi số, ngày văn bản và đường dẫn thay cho tệp.",
        "en": "The store in use cannot keep dossier files yet; record the document's number, date and a link instead.",
    },
    "file.changed": {
        "vi": "Tệp '{name}' trong kho không còn khớp mã băm đã ghi (có thể đã bị sửa ngoài ứng dụng). Báo quản trị kiểm tra.",
        "en": "The stored file '{name}' no longer matches its recorded SHA-256 (changed outside the app?). Ask an admin to check.",
    },
    "export.hoso.no_file": {"vi": "(chưa có tệp đính kèm)", "en": "(no file attached)"},
    # ------------------------------------------------------------------ dashboard: years side by side
    "page.dashboard.years": {"vi": "So sánh theo năm", "en": "Years side by side"},
    "page.dashboard.years.year": {"vi": "Năm", "en": "Year"},
    "page.dashboard.years.submitted": {"vi": "Đã trình", "en": "Submitted"},
    "page.dashboard.years.awarded": {"vi": "Đã khen thưởng", "en": "Awarded"},
    "page.dashboard.years.collectives": {"vi": "Tập thể được khen", "en": "Collectives awarded"},
    "page.dashboard.years.reward": {"vi": "Tiền thưởng (đồng)", "en": "Cash rewards (VND)"},
    "enum.level.CD_XA_PHUONG": {"vi": "Công đoàn xã, phường", "en": "Commune/ward union"},
}

"""Messages for award history, prerequisites (R-LDTT-*, R-CSTDCS-2, R-CSTDBNT-1, R-CSTDTQ-1,
R-BK-1) and decisions (R-DEC-1, R-DEC-2, R-REVOKE), Vietnamese first, English beside."""

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ short award names
    "award.short.LDTT": {"vi": "LĐTT", "en": "Advanced Worker (LĐTT)"},
    "award.short.CSTD_CS": {"vi": "CSTĐCS", "en": "Grassroots Emulation Fighter (CSTĐCS)"},
    "award.short.CSTD_BNT": {
        "vi": "CSTĐ cấp Bộ/ngành/tỉnh",
        "en": "Ministry/sector/province Emulation Fighter",
    },
    "award.short.CSTD_TQ": {"vi": "CSTĐ toàn quốc", "en": "National Emulation Fighter"},
    "award.short.U_BK_LDLD": {
        "vi": "Bằng khen của LĐLĐ Thành phố",
        "en": "City Federation Certificate of Merit",
    },
    "award.short.U_BK_TLD": {"vi": "Bằng khen của Tổng Liên đoàn", "en": "VGCL Certificate of Merit"},
    "award.short.BK_BNT": {
        "vi": "Bằng khen cấp Bộ/ngành/tỉnh",
        "en": "Ministry/province Certificate of Merit",
    },
    # ------------------------------------------------------------------ prerequisite findings
    "rule.prereq_unknown_person": {
        "vi": "Cột '{column}': chưa có '{value}' trong danh sách cá nhân của đơn vị, nên chưa kiểm tra được xếp loại và lịch sử khen thưởng. Thêm người này vào danh sách cá nhân hoặc ghi Mã cá nhân.",
        "en": "'{column}': '{value}' is not in the unit's list of persons, so ratings and award history cannot be checked. Add the person to the list or fill in the person id.",
    },
    "rule.prereq_ambiguous_person": {
        "vi": "Cột '{column}': đơn vị có {count} người tên '{value}'. Ghi Mã cá nhân để chọn đúng người.",
        "en": "'{column}': the unit has {count} persons named '{value}'. Fill in the person id to pick the right one.",
    },
    "rule.already_held": {
        "vi": "'{value}' đã được tặng {award} năm {year} (quyết định còn hiệu lực): không đề nghị lại cho cùng năm.",
        "en": "'{value}' already holds {award} for {year} (a decision in force): do not nominate again for the same year.",
    },
    "rule.ldtt_rating_missing": {
        "vi": "Thiếu xếp loại năm {year} của '{value}': Lao động tiên tiến cần xếp loại {allowed}. Bổ sung xếp loại năm {year} cho người này.",
        "en": "Missing the {year} rating of '{value}': Advanced Worker needs a rating of {allowed}. Add this person's {year} rating.",
    },
    "rule.ldtt_rating_low": {
        "vi": "'{value}' được xếp loại {rating} năm {year}: Lao động tiên tiến cần xếp loại {allowed}. Không đề nghị LĐTT cho người này năm {year}.",
        "en": "'{value}' was rated {rating} in {year}: Advanced Worker needs {allowed}. Do not nominate this person for {year}.",
    },
    "rule.ldtt_too_new": {
        "vi": "'{value}' vào làm ngày {hired_on}, đến 31/12/{year} mới được {months} tháng: Lao động tiên tiến cần làm việc từ {min_months} tháng trở lên trong năm.",
        "en": "'{value}' was hired on {hired_on}: {months} months by 31/12/{year}, while Advanced Worker needs at least {min_months} months in the year.",
    },
    "rule.ldtt_disciplined": {
        "vi": "'{value}' bị kỷ luật ({discipline}) năm {year}: không xét Lao động tiên tiến.",
        "en": "'{value}' was disciplined ({discipline}) in {year}: not eligible for Advanced Worker.",
    },
    "rule.cstdcs_no_initiative": {
        "vi": "Thiếu sáng kiến được công nhận năm {year} của '{value}' (có {found}): CSTĐCS cần ít nhất {min} sáng kiến hoặc đề tài được cơ sở công nhận, người này là tác giả.",
        "en": "Missing a recognised initiative of '{value}' in {year} (found {found}): CSTĐCS needs at least {min} initiative or research topic recognised by the grassroots unit, with this person as an author.",
    },
    "rule.chain_missing": {
        "vi": "Thiếu danh hiệu {need} năm {missing}: {award} cần {need} {n} năm liên tiếp {first}–{last}.",
        "en": "Missing {need} for {missing}: {award} needs {need} {n} years running, {first}–{last}.",
    },
    "rule.chain_no_scope": {
        "vi": "Thiếu sáng kiến hoặc đề tài có phạm vi ảnh hưởng {scope} trở lên trong các năm {first}–{last} của '{value}': {award} cần điều kiện này.",
        "en": "Missing an initiative or research topic with scope {scope} or wider in {first}–{last} for '{value}': {award} requires it.",
    },
    "rule.bk_no_path": {
        "vi": "'{value}' chưa đủ tiêu chuẩn {award} năm {year}: cần CSTĐCS {n} năm liên tiếp {first}–{last} (thiếu năm {missing}), hoặc xếp loại HTXSNV {n} năm liên tiếp (thiếu năm {htxs_missing}) và ít nhất {min_sk} sáng kiến (có {sk}). Nếu theo tiêu chuẩn khác, chọn 'Tiêu chuẩn khác' ở mục 'Tiêu chuẩn Bằng khen' và ghi rõ trong thành tích.",
        "en": "'{value}' does not meet {award} for {year}: needs CSTĐCS {n} years running {first}–{last} (missing {missing}), or HTXSNV ratings {n} years running (missing {htxs_missing}) and at least {min_sk} initiatives (found {sk}). For another criterion choose 'Another criterion' under 'Certificate of Merit criterion' and state it in the achievement.",
    },
    "rule.bk_cstd_missing": {
        "vi": "Thiếu danh hiệu CSTĐCS năm {missing}: theo tiêu chuẩn '2 năm liên tục CSTĐCS', {award} cần CSTĐCS {n} năm liên tiếp {first}–{last}.",
        "en": "Missing CSTĐCS for {missing}: under '2 years running as CSTĐCS', {award} needs CSTĐCS {n} years running, {first}–{last}.",
    },
    "rule.bk_htxs_missing": {
        "vi": "Theo tiêu chuẩn '2 năm HTXSNV và 2 sáng kiến', {award} cần xếp loại HTXSNV các năm {first}–{last} (thiếu năm {missing}) và ít nhất {min_sk} sáng kiến trong các năm đó (có {sk}).",
        "en": "Under '2 years HTXSNV and 2 initiatives', {award} needs HTXSNV ratings for {first}–{last} (missing {missing}) and at least {min_sk} initiatives in those years (found {sk}).",
    },
    "rule.bk_other_reason": {
        "vi": "'{value}' được đề nghị {award} năm {year} theo tiêu chuẩn khác: người thẩm định cần xác nhận lý do ghi trong thành tích.",
        "en": "'{value}' is nominated for {award} ({year}) under another criterion: the reviewer must confirm the reason stated in the achievement.",
    },
    # ------------------------------------------------------------------ decisions
    "decision.not_allowed_role": {
        "vi": "Vai trò {role} không được ban hành quyết định khen thưởng.",
        "en": "The role {role} may not issue commendation decisions.",
    },
    "decision.wrong_level": {
        "vi": "{award} do cấp {level} quyết định; {unit} ({unit_level}) không được ban hành quyết định này.",
        "en": "{award} is decided at the level of {level}; {unit} ({unit_level}) may not issue this decision.",
    },
    "decision.unknown_award": {
        "vi": "Mã '{award}' không có trong danh mục danh hiệu, hình thức khen thưởng.",
        "en": "'{award}' is not in the catalogue of titles and awards.",
    },
    "decision.bad_number": {
        "vi": "Số quyết định '{number}' không hợp lệ. Ghi theo mẫu số/QĐ-cơ quan, ví dụ 123/QĐ-LĐLĐ.",
        "en": "'{number}' is not a decision number. Write number/QĐ-issuer, e.g. 123/QĐ-LĐLĐ.",
    },
    "decision.number_taken": {
        "vi": "Số quyết định {number} năm {year} của đơn vị đã được dùng. Chọn số khác.",
        "en": "Decision number {number} of {year} is already used by this unit. Pick another number.",
    },
    "decision.nothing_to_grant": {
        "vi": "Không có hồ sơ {award} nào đã được thông qua và chưa có quyết định trong đợt này.",
        "en": "No {award} nomination in this campaign is approved and still without a decision.",
    },
    "decision.not_approved": {
        "vi": "Hồ sơ đề nghị chưa được thông qua (hoặc không thuộc phạm vi của bạn): {nominees}. Chỉ ban hành quyết định cho hồ sơ đã thông qua; bỏ các hồ sơ này khỏi quyết định hoặc chờ Hội đồng thông qua.",
        "en": "Nominations not approved (or outside your scope): {nominees}. Decisions are issued for approved nominations only; leave these out of the decision or wait for the council to approve them.",
    },
    "decision.already_granted": {
        "vi": "{name} đã được tặng {award} năm {year} (quyết định {decision}); không tặng hai lần cho cùng một thành tích, trừ khi quyết định trước đã bị hủy bỏ.",
        "en": "{name} already holds {award} for {year} (decision {decision}); the same achievement is not granted twice unless the earlier grant was revoked.",
    },
    "decision.bad_date": {
        "vi": "Ngày ký {date} không hợp lệ: hãy chọn một ngày từ 01/01/{year} đến hôm nay ({today}).",
        "en": "Signing date {date} is not valid: pick a day from 01/01/{year} to today ({today}).",
    },
    "decision.signer_required": {
        "vi": "Ghi họ tên và chức vụ người ký quyết định.",
        "en": "Fill in the signer's name and title.",
    },
    "decision.grant_not_found": {
        "vi": "Không tìm thấy khen thưởng {grant} (hoặc ngoài phạm vi của bạn).",
        "en": "Grant {grant} was not found (or is outside your scope).",
    },
    "decision.already_revoked": {
        "vi": "Khen thưởng {grant} đã bị hủy bỏ ngày {date}.",
        "en": "Grant {grant} was already revoked on {date}.",
    },
    "decision.bad_revoke_reason": {
        "vi": "Lý do hủy bỏ phải là một trong: {allowed} (Luật TĐKT 2022, Chương VII), kèm diễn giải ít nhất 10 ký tự.",
        "en": "The reason must be one of: {allowed} (Law 2022, Chapter VII), with an explanation of at least 10 characters.",
    },
    "decision.nomination_missing": {
        "vi": "Không tìm thấy hồ sơ đề nghị {nomination} của {name} gắn với khen thưởng này (hoặc ngoài phạm vi của bạn); chưa hủy bỏ gì. Kiểm tra cột nomination_id của khen thưởng.",
        "en": "Nomination {nomination} of {name}, linked to this grant, was not found (or is outside your scope); nothing was revoked. Check the grant's nomination_id.",
    },
    "decision.nomination_stale": {
        "vi": "Hồ sơ đề nghị {nomination} của {name} vừa được người khác thay đổi; chưa hủy bỏ gì. Tải lại trang rồi thử lại.",
        "en": "Nomination {nomination} of {name} was just changed by someone else; nothing was revoked. Reload the page and try again.",
    },
    "decision.nomination_blocks_revoke": {
        "vi": 'Không thể chuyển hồ sơ đề nghị {nomination} của {name} (đang ở trạng thái {state}) sang "Đã hủy bỏ quyết định" theo quy trình của đợt, nên chưa hủy bỏ khen thưởng:',
        "en": 'Nomination {nomination} of {name} (state {state}) cannot move to "Award revoked" in its campaign\'s workflow, so the grant was not revoked:',
    },
    "revoke.KE_KHAI_SAI": {"vi": "Kê khai không trung thực", "en": "False declaration"},
    "revoke.GIA_MAO_HO_SO": {"vi": "Làm giả hồ sơ", "en": "Forged dossier"},
    "revoke.THAM_DINH_SAI": {"vi": "Thẩm định, đề nghị trái pháp luật", "en": "Unlawful appraisal"},
    "revoke.KHONG_DU_TIEU_CHUAN": {
        "vi": "Phát hiện sau là không đủ tiêu chuẩn",
        "en": "Later found not to meet the criteria",
    },
    # ------------------------------------------------------------------ decisions page section
    "page.decisions.title": {"vi": "Ban hành quyết định khen thưởng", "en": "Issue a commendation decision"},
    "page.decisions.intro": {
        "vi": "Quyết định cho các hồ sơ đã được thông qua của đợt này; mỗi người, mỗi danh hiệu, mỗi năm chỉ được tặng một lần.",
        "en": "A decision for this campaign's approved nominations; each person gets each award once per year.",
    },
    "page.decisions.award": {"vi": "Danh hiệu / hình thức", "en": "Title / award"},
    "page.decisions.grants_cut": {
        "vi": "Đang hiện {shown} trên {total} quyết định khen thưởng; chọn danh hiệu để thu hẹp danh sách.",
        "en": "Showing {shown} of {total} grants; pick an award to narrow the list.",
    },
    "page.decisions.pending": {
        "vi": "{count} hồ sơ đã thông qua, chưa có quyết định.",
        "en": "{count} approved nominations without a decision.",
    },
    "page.decisions.number": {"vi": "Số quyết định", "en": "Decision number"},
    "page.decisions.issued_on": {"vi": "Ngày ký", "en": "Signed on"},
    "page.decisions.signer_name": {"vi": "Người ký", "en": "Signed by"},
    "page.decisions.signer_title": {"vi": "Chức vụ người ký", "en": "Signer's title"},
    "page.decisions.issue": {"vi": "Ban hành quyết định", "en": "Issue the decision"},
    "page.decisions.issued": {
        "vi": "Đã ban hành quyết định {number}: {count} khen thưởng được ghi nhận.",
        "en": "Decision {number} issued: {count} grants recorded.",
    },
    "page.decisions.grants": {"vi": "Khen thưởng đã ghi nhận", "en": "Recorded grants"},
    "page.decisions.revoke": {"vi": "Hủy bỏ khen thưởng", "en": "Revoke a grant"},
    "page.decisions.revoke_intro": {
        "vi": 'Hồ sơ đề nghị của khen thưởng cũng chuyển sang "Đã hủy bỏ quyết định" theo quy trình của đợt; nếu hồ sơ không chuyển được thì không hủy bỏ gì.',
        "en": "The grant's nomination also moves to \"Award revoked\" in its campaign's workflow; if it cannot, nothing is revoked.",
    },
    "page.decisions.revoke_pick": {"vi": "Khen thưởng cần hủy bỏ", "en": "Grant to revoke"},
    "page.decisions.revoke_reason": {"vi": "Căn cứ hủy bỏ", "en": "Ground"},
    "page.decisions.revoke_note": {"vi": "Diễn giải", "en": "Explanation"},
    "page.decisions.revoke_button": {"vi": "Hủy bỏ", "en": "Revoke"},
    "page.decisions.revoked": {
        "vi": "Đã hủy bỏ khen thưởng của {name}.",
        "en": "Revoked the grant of {name}.",
    },
    "page.decisions.none": {
        "vi": "Chưa có khen thưởng nào trong phạm vi của bạn.",
        "en": "No grants in your scope yet.",
    },
    # ------------------------------------------------------------------ form confirmation
    "page.submit.checks_errors": {
        "vi": "Chưa lưu: hồ sơ chưa đạt các điều kiện dưới đây.",
        "en": "Not saved: the nomination does not meet the conditions below.",
    },
    "page.submit.checks_warnings": {
        "vi": "Cần xác nhận: kiểm tra các cảnh báo dưới đây rồi đánh dấu xác nhận và bấm lưu lại.",
        "en": "Please confirm: check the warnings below, tick the confirmation and save again.",
    },
    "page.submit.confirm_warnings": {
        "vi": "Tôi đã kiểm tra các cảnh báo và vẫn muốn lưu",
        "en": "I have checked the warnings and still want to save",
    },
    "error.checks_failed": {
        "vi": "Hồ sơ có {count} vấn đề cần xử lý trước khi lưu.",
        "en": "The row has {count} problems to resolve before saving.",
    },
}

"""Messages for approvals: council sessions and cluster emulation (vi + en)."""

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ council rules and refusals
    "council.not_member": {
        "vi": "Vai trò '{role}' không thuộc Hội đồng Thi đua – Khen thưởng nên không được thực hiện thao tác này.",
        "en": "The role '{role}' is not part of the Emulation & Commendation Council, so it cannot do this.",
    },
    "council.other_council": {
        "vi": "Phiên họp này thuộc Hội đồng của {unit}; bạn chỉ thao tác được trên phiên họp của Hội đồng đơn vị mình.",
        "en": "This meeting belongs to the council of {unit}; you may only act on your own unit's council.",
    },
    "council.open_role": {
        "vi": "Chỉ Thư ký Hội đồng mới mở phiên họp và ghi thông tin dự họp.",
        "en": "Only the council secretary opens a meeting and records attendance.",
    },
    "council.close_role": {
        "vi": "Chỉ thành viên Hội đồng (Chủ tịch phiên họp) mới kết thúc phiên họp và công bố kết quả; Thư ký ghi phiếu.",
        "en": "Only a council member (the chair) closes the meeting and applies the results; the secretary records votes.",
    },
    "council.rule_bad_value": {
        "vi": "Giá trị quy tắc biểu quyết '{value}' không hợp lệ: hãy ghi một tỷ lệ từ 0 đến 1, ví dụ '>= 0.90' hoặc '2/3'.",
        "en": "The vote rule value '{value}' is not valid: write a share between 0 and 1, e.g. '>= 0.90' or '2/3'.",
    },
    "council.members_total_positive": {
        "vi": "Tổng số thành viên Hội đồng phải ít nhất là 1.",
        "en": "The council must have at least 1 member.",
    },
    "council.negative_count": {
        "vi": "Các con số (có mặt, phiếu bằng văn bản, tán thành, không tán thành…) không được âm.",
        "en": "Counts (present, written votes, yes, no…) cannot be negative.",
    },
    "council.present_above_total": {
        "vi": "Số thành viên có mặt ({present}) lớn hơn tổng số thành viên ({total}). Hãy kiểm tra lại biên bản.",
        "en": "Members present ({present}) exceed the members in total ({total}). Check the minutes.",
    },
    "council.written_above_absent": {
        "vi": "Số phiếu bằng văn bản ({written}) lớn hơn số thành viên vắng mặt ({absent}); chỉ thành viên vắng mặt mới gửi phiếu bằng văn bản.",
        "en": "Written votes ({written}) exceed the absent members ({absent}); only absent members vote in writing.",
    },
    "council.no_quorum": {
        "vi": "Phiên họp không đủ số thành viên: có mặt {present}/{total}, cần ít nhất {needed} (R-VOTE-3). Không hồ sơ nào được thông qua khi không đủ số thành viên dự họp.",
        "en": "No quorum: {present}/{total} present, at least {needed} needed (R-VOTE-3). Nothing passes without a quorum.",
    },
    "council.bad_method": {
        "vi": "Hình thức biểu quyết '{method}' không hợp lệ: chọn Bỏ phiếu kín (SECRET) hoặc Giơ tay (SHOW_OF_HANDS).",
        "en": "Voting method '{method}' is not valid: choose SECRET or SHOW_OF_HANDS.",
    },
    "council.secret_required": {
        "vi": "Danh hiệu {award} phải được Hội đồng bỏ phiếu kín (R-VOTE-1). Hãy chọn hình thức 'Bỏ phiếu kín'.",
        "en": "{award} must be decided by secret ballot (R-VOTE-1). Choose 'Secret ballot'.",
    },
    "council.recused_above_present": {
        "vi": "Số thành viên không biểu quyết ({recused}) lớn hơn số thành viên có mặt ({present}).",
        "en": "Recused members ({recused}) exceed the members present ({present}).",
    },
    "council.votes_above_voters": {
        "vi": "Tổng số phiếu ({votes}) vượt quá số thành viên được biểu quyết ({voters} = có mặt + phiếu bằng văn bản − không biểu quyết).",
        "en": "Votes cast ({votes}) exceed the members entitled to vote ({voters} = present + written − recused).",
    },
    "council.meeting_unknown": {
        "vi": "Không tìm thấy phiên họp {meeting}.",
        "en": "Meeting {meeting} not found.",
    },
    "council.meeting_closed": {
        "vi": "Phiên họp {meeting} đã kết thúc; không thể ghi thêm hoặc kết thúc lại.",
        "en": "Meeting {meeting} is closed; nothing more can be recorded or closed.",
    },
    "council.meeting_changed": {
        "vi": "Phiên họp vừa được người khác thay đổi. Hãy tải lại trang và thao tác lại.",
        "en": "The meeting was changed by someone else. Reload the page and try again.",
    },
    "council.not_on_agenda": {
        "vi": "Hồ sơ {nomination} không có trong chương trình họp (không ở trạng thái 'Đang xét tại Hội đồng' hoặc không thuộc đơn vị cấp dưới của Hội đồng).",
        "en": "Nomination {nomination} is not on the agenda (not at the council stage, or not from a unit below this council).",
    },
    "council.ballot_duplicate": {
        "vi": "Hồ sơ '{name}' đã có kết quả biểu quyết trong phiên họp này.",
        "en": "'{name}' already has a ballot in this meeting.",
    },
    "council.no_ballots": {
        "vi": "Phiên họp chưa có kết quả biểu quyết nào; hãy ghi phiếu trước khi kết thúc.",
        "en": "The meeting has no ballots yet; record the votes before closing it.",
    },
    "council.fail_reason": {
        "vi": "Hội đồng không thông qua: {yes}/{total} thành viên tán thành, chưa đạt ngưỡng {threshold} tổng số thành viên.",
        "en": "Not passed by the council: {yes}/{total} members in favour, short of the {threshold} threshold of all members.",
    },
    # ------------------------------------------------------------------ cluster refusals
    "cluster.unknown": {"vi": "Không tìm thấy cụm thi đua {cluster}.", "en": "Cluster {cluster} not found."},
    "cluster.scheme_unknown": {
        "vi": "Không tìm thấy bảng chấm điểm '{scheme}'. Hãy nạp tiêu chí vào bảng score_criteria.",
        "en": "Score scheme '{scheme}' not found. Load its criteria into the score_criteria tab.",
    },
    "cluster.not_member": {
        "vi": "Đơn vị của bạn không thuộc cụm {cluster} và không phải đơn vị tổ chức cụm.",
        "en": "Your unit is neither a member nor the organiser of cluster {cluster}.",
    },
    "cluster.unit_not_member": {
        "vi": "{unit} không phải thành viên cụm {cluster} trong năm này.",
        "en": "{unit} is not a member of cluster {cluster} that year.",
    },
    "cluster.cannot_self_score": {
        "vi": "Vai trò '{role}' không tự chấm điểm cho đơn vị.",
        "en": "The role '{role}' does not enter its unit's self-score.",
    },
    "cluster.not_checker": {
        "vi": "Chỉ Cụm trưởng, Cụm phó hoặc LĐLĐ (đơn vị tổ chức cụm {cluster}) mới chấm chéo, phúc tra.",
        "en": "Only the head or deputy of cluster {cluster}, or the organising federation, may re-check scores.",
    },
    "cluster.own_unit_check": {
        "vi": "Không được tự phúc tra điểm của chính đơn vị mình; LĐLĐ hoặc Cụm phó sẽ chấm điểm này.",
        "en": "You may not re-check your own unit; the federation or the deputy head does it.",
    },
    "cluster.unknown_criterion": {
        "vi": "Tiêu chí '{criterion}' không có trong bảng chấm điểm.",
        "en": "Criterion '{criterion}' is not in the score scheme.",
    },
    "cluster.points_not_whole": {
        "vi": "Điểm của tiêu chí {criterion} phải là số nguyên (đã nhập: {value}).",
        "en": "Points for {criterion} must be a whole number (got {value}).",
    },
    "cluster.points_negative": {
        "vi": "Điểm của tiêu chí {criterion} không được âm (đã nhập: {value}).",
        "en": "Points for {criterion} cannot be negative (got {value}).",
    },
    "cluster.points_above_max": {
        "vi": "Tiêu chí {criterion}: {value} điểm vượt điểm tối đa {max}. Hãy nhập từ 0 đến {max}.",
        "en": "Criterion {criterion}: {value} points exceed the maximum of {max}. Enter 0 to {max}.",
    },
    "cluster.no_points": {
        "vi": "Chưa nhập điểm cho tiêu chí nào.",
        "en": "No points were entered.",
    },
    "cluster.already_checked": {
        "vi": "Tiêu chí {criterion} đã được phúc tra; không sửa điểm tự chấm được nữa.",
        "en": "Criterion {criterion} has been re-checked; the self-score can no longer change.",
    },
    "cluster.not_head": {
        "vi": "Chỉ Cụm trưởng hoặc LĐLĐ (đơn vị tổ chức cụm {cluster}) mới ghi kết quả suy tôn.",
        "en": "Only the head of cluster {cluster} or the organising federation records the acclaim vote.",
    },
    "cluster.vote_not_member": {
        "vi": "Đơn vị {unit} không phải thành viên cụm nên không được suy tôn.",
        "en": "Unit {unit} is not a cluster member and cannot be acclaimed.",
    },
    "cluster.votes_negative": {
        "vi": "Số phiếu của {unit} không được âm.",
        "en": "Votes for {unit} cannot be negative.",
    },
    "cluster.votes_above_members": {
        "vi": "Tổng số phiếu ({votes}) vượt số đơn vị thành viên ({members}); mỗi đơn vị có một phiếu.",
        "en": "Votes ({votes}) exceed the member units ({members}); each unit has one vote.",
    },
    "cluster.no_leader": {
        "vi": "Chưa có đơn vị dẫn đầu: không đơn vị nào được quá nửa số đơn vị thành viên suy tôn.",
        "en": "No leading unit: no unit was acclaimed by more than half of the member units.",
    },
    "cluster.proposal_own_unit": {
        "vi": "Chỉ cán bộ hoặc Chủ tịch của {unit} mới lập được hồ sơ đề nghị cho đơn vị mình; hãy gửi đề xuất này cho đơn vị.",
        "en": "Only an officer or the chair of {unit} can create its nomination; send them this proposal.",
    },
    "cluster.proposal_position": {
        "vi": "Tập thể – đơn vị dẫn đầu cụm thi đua",
        "en": "Collective – leading unit of the cluster",
    },
    "cluster.proposal_text": {
        "vi": "Đơn vị dẫn đầu {cluster} năm {year}: {points} điểm; được suy tôn với {votes}/{members} đơn vị thành viên bỏ phiếu.",
        "en": "Leading unit of {cluster} in {year}: {points} points; acclaimed by {votes} of {members} member units.",
    },
}

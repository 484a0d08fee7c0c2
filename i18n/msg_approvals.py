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
        "vi": "Chỉ Thư ký Hội đồng kết thúc phiên họp và ghi nhận kết quả biểu quyết; thành viên Hội đồng biểu quyết tại phiên họp.",
        "en": "Only the council secretary closes the meeting and records its outcome; members vote at the meeting.",
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
        "vi": "Phiên họp không đủ số thành viên: có mặt {present}/{total}, cần ít nhất {needed}. Không hồ sơ nào được thông qua khi không đủ số thành viên dự họp.",
        "en": "No quorum: {present}/{total} present, at least {needed} needed. Nothing passes without a quorum.",
    },
    "council.bad_method": {
        "vi": "Hình thức biểu quyết '{method}' không hợp lệ: chọn Bỏ phiếu kín (SECRET) hoặc Giơ tay (SHOW_OF_HANDS).",
        "en": "Voting method '{method}' is not valid: choose SECRET or SHOW_OF_HANDS.",
    },
    "council.secret_required": {
        "vi": "Danh hiệu {award} phải được Hội đồng bỏ phiếu kín. Hãy chọn hình thức 'Bỏ phiếu kín'.",
        "en": "{award} must be decided by secret ballot. Choose 'Secret ballot'.",
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
    "council.downgrade_reason": {
        "vi": "Hội đồng đề nghị xét hình thức thấp hơn: {award}.",
        "en": "The council suggests a lower form instead: {award}.",
    },
    "council.bad_suggestion": {
        "vi": "Hình thức đề nghị thay thế '{award}' không có trong danh mục hoặc trùng với hình thức đang xét.",
        "en": "The suggested form '{award}' is not in the catalogue or is the form under review.",
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

MESSAGES.update(
    {
        # ------------------------------------------------------------------ page: council
        "page.council.nav": {"vi": "Hội đồng TĐKT", "en": "Council"},
        "page.council.title": {
            "vi": "Hội đồng Thi đua – Khen thưởng",
            "en": "Emulation & Commendation Council",
        },
        "page.council.intro": {
            "vi": "Thư ký mở phiên họp và ghi kết quả biểu quyết từng hồ sơ; thành viên Hội đồng kết thúc phiên họp để khen thưởng hồ sơ được thông qua. Tỷ lệ tính trên tổng số thành viên Hội đồng.",
            "en": "The secretary opens a meeting and records each nomination's vote; a council member closes it to award what passed. Shares are counted on all council members.",
        },
        "page.council.new_meeting": {"vi": "Mở phiên họp mới", "en": "Open a new meeting"},
        "page.council.held_on": {"vi": "Ngày họp", "en": "Held on"},
        "page.council.members_total": {"vi": "Tổng số thành viên", "en": "Members in total"},
        "page.council.members_present": {"vi": "Số thành viên có mặt", "en": "Members present"},
        "page.council.written_votes": {"vi": "Số phiếu bằng văn bản", "en": "Written votes"},
        "page.council.written_help": {
            "vi": "Thành viên vắng mặt gửi phiếu bằng văn bản; phiếu được tính nhưng không tính vào số có mặt.",
            "en": "Absent members voting in writing; their votes count, but not towards the quorum.",
        },
        "page.council.minutes_no": {"vi": "Số biên bản", "en": "Minutes number"},
        "page.council.open": {"vi": "Mở phiên họp", "en": "Open the meeting"},
        "page.council.opened": {"vi": "Đã mở phiên họp ngày {date}.", "en": "Meeting of {date} opened."},
        "page.council.no_meetings": {
            "vi": "Hội đồng chưa có phiên họp nào. Thư ký Hội đồng mở phiên họp ở trên.",
            "en": "The council has no meeting yet. The council secretary opens one above.",
        },
        "page.council.meeting": {"vi": "Phiên họp", "en": "Meeting"},
        "page.council.meeting_option": {
            "vi": "Ngày {date} – biên bản {minutes} ({status})",
            "en": "{date} – minutes {minutes} ({status})",
        },
        "page.council.status.OPEN": {"vi": "đang họp", "en": "open"},
        "page.council.status.CLOSED": {"vi": "đã kết thúc", "en": "closed"},
        "page.council.attendance": {
            "vi": "Có mặt {present}/{total} thành viên, {written} phiếu bằng văn bản; cần tối thiểu {needed} thành viên có mặt.",
            "en": "{present}/{total} members present, {written} written votes; at least {needed} must be present.",
        },
        "page.council.no_quorum": {
            "vi": "Phiên họp không đủ số thành viên có mặt: không hồ sơ nào được biểu quyết thông qua.",
            "en": "The meeting has no quorum: no nomination can pass.",
        },
        "page.council.agenda": {
            "vi": "Chương trình họp: {count} hồ sơ đang xét tại Hội đồng",
            "en": "Agenda: {count} nominations at the council",
        },
        "page.council.agenda_empty": {
            "vi": "Không còn hồ sơ nào chờ biểu quyết trong phiên họp này.",
            "en": "No nomination is waiting for a vote in this meeting.",
        },
        "page.council.pick_hint": {
            "vi": "Chọn một hồ sơ trong bảng để ghi kết quả biểu quyết.",
            "en": "Select a nomination in the table to record its vote.",
        },
        "page.council.threshold": {"vi": "Ngưỡng thông qua", "en": "Threshold"},
        "page.council.ballot_for": {"vi": "Biểu quyết: {name} ({unit})", "en": "Vote: {name} ({unit})"},
        "page.council.ballot_rule": {
            "vi": "{award}: thông qua khi số phiếu tán thành {threshold} tổng số {total} thành viên, tức ít nhất {needed} phiếu.",
            "en": "{award}: passes when yes votes are {threshold} of all {total} members, i.e. at least {needed}.",
        },
        "page.council.secret_needed": {
            "vi": "Danh hiệu này phải bỏ phiếu kín.",
            "en": "This title must be decided by secret ballot.",
        },
        "page.council.method": {"vi": "Hình thức biểu quyết", "en": "Voting method"},
        "page.council.method.SECRET": {"vi": "Bỏ phiếu kín", "en": "Secret ballot"},
        "page.council.method.SHOW_OF_HANDS": {"vi": "Giơ tay", "en": "Show of hands"},
        "page.council.yes": {"vi": "Tán thành", "en": "Yes"},
        "page.council.no": {"vi": "Không tán thành", "en": "No"},
        "page.council.invalid": {"vi": "Phiếu không hợp lệ", "en": "Invalid"},
        "page.council.recused": {"vi": "Không biểu quyết", "en": "Recused"},
        "page.council.recused_help": {
            "vi": "Thành viên cùng đơn vị với người được đề nghị không biểu quyết; vẫn tính trong tổng số thành viên.",
            "en": "Members from the nominee's unit do not vote; they stay in the members total.",
        },
        "page.council.suggest": {"vi": "Đề nghị hình thức thấp hơn", "en": "Lower form suggested"},
        "page.council.suggest_help": {
            "vi": "Nếu không đủ phiếu thông qua, Hội đồng có thể đề nghị xét hình thức thấp hơn; lý do trả về đơn vị sẽ ghi đề nghị này.",
            "en": "When the vote fails, the council may suggest a lower form; the reason sent back to the unit says so.",
        },
        "page.council.record": {"vi": "Ghi kết quả biểu quyết", "en": "Record the vote"},
        "page.council.recorded": {
            "vi": "Đã ghi kết quả biểu quyết cho {name}: {result}.",
            "en": "Vote recorded for {name}: {result}.",
        },
        "page.council.result": {"vi": "Kết quả", "en": "Result"},
        "page.council.result.PASS": {"vi": "Thông qua", "en": "Passed"},
        "page.council.result.FAIL": {"vi": "Không thông qua", "en": "Not passed"},
        "page.council.result.DOWNGRADE": {"vi": "Đề nghị hình thức thấp hơn", "en": "Lower form suggested"},
        "page.council.results": {"vi": "Kết quả biểu quyết của phiên họp", "en": "Results of this meeting"},
        "page.council.no_ballots": {"vi": "Chưa có kết quả biểu quyết.", "en": "No votes recorded yet."},
        "page.council.close": {
            "vi": "Kết thúc phiên họp và áp dụng kết quả",
            "en": "Close the meeting and apply the results",
        },
        "page.council.close_confirm": {
            "vi": "Kết thúc phiên họp sẽ khen thưởng các hồ sơ được thông qua và ghi 'Hội đồng không thông qua' cho các hồ sơ còn lại ({count} hồ sơ). Không thể hoàn tác.",
            "en": "Closing awards the nominations that passed and rejects the others ({count} nominations). This cannot be undone.",
        },
        "page.council.close_by_member": {
            "vi": "Thư ký Hội đồng ghi phiếu và kết thúc phiên họp; kết quả biểu quyết được áp dụng khi phiên họp kết thúc.",
            "en": "The council secretary records the ballots and closes the meeting; the vote's outcome applies then.",
        },
        "page.council.closed": {
            "vi": "Đã kết thúc phiên họp: {passed} hồ sơ được khen thưởng, {failed} hồ sơ không được thông qua.",
            "en": "Meeting closed: {passed} nominations awarded, {failed} not passed.",
        },
    }
)

MESSAGES.update(
    {
        # ------------------------------------------------------------------ page: cluster
        "page.cluster.nav": {"vi": "Cụm thi đua", "en": "Clusters"},
        "page.cluster.title": {"vi": "Cụm thi đua", "en": "Emulation clusters"},
        "page.cluster.intro": {
            "vi": "Đơn vị thành viên tự chấm điểm; Cụm trưởng hoặc LĐLĐ chấm chéo, phúc tra; xếp hạng theo điểm cuối cùng và suy tôn đơn vị dẫn đầu.",
            "en": "Member units score themselves; the cluster head or the federation re-checks; units are ranked on final points and the leader is acclaimed.",
        },
        "page.cluster.year": {"vi": "Năm", "en": "Year"},
        "page.cluster.cluster": {"vi": "Cụm thi đua", "en": "Cluster"},
        "page.cluster.no_cluster": {
            "vi": "Đơn vị của bạn không thuộc cụm thi đua nào trong năm này.",
            "en": "Your unit is in no emulation cluster that year.",
        },
        "page.cluster.tab_ranking": {"vi": "Xếp hạng", "en": "Ranking"},
        "page.cluster.tab_self": {"vi": "Tự chấm điểm", "en": "Self-score"},
        "page.cluster.tab_check": {"vi": "Chấm chéo, phúc tra", "en": "Re-check"},
        "page.cluster.tab_acclaim": {"vi": "Suy tôn", "en": "Acclaim vote"},
        "page.cluster.tab_scheme": {"vi": "Bảng chấm điểm", "en": "Score scheme"},
        "page.cluster.normalise": {"vi": "Chuẩn hóa điểm theo người chấm", "en": "Normalise per scorer"},
        "page.cluster.normalise_help": {
            "vi": "Quy đổi tổng điểm mỗi đơn vị thành điểm chuẩn (z) so với các đơn vị cùng người chấm, rồi đưa về thang 0–100.",
            "en": "Turns each unit's total into a z-score among the units the same scorer re-checked, then rescales to 0–100.",
        },
        "page.cluster.tie_breaks": {
            "vi": "Thứ tự: tổng điểm cuối cùng; bằng điểm thì số tiêu chí đạt điểm tối đa; sau đó tên đơn vị theo thứ tự chữ cái tiếng Việt.",
            "en": "Order: total final points; on a tie, the number of criteria at their maximum; then the unit name in Vietnamese alphabetical order.",
        },
        "page.cluster.rank": {"vi": "Hạng", "en": "Rank"},
        "page.cluster.self_total": {"vi": "Tổng điểm tự chấm", "en": "Self-score total"},
        "page.cluster.final_total": {"vi": "Tổng điểm cuối cùng", "en": "Final total"},
        "page.cluster.at_max": {"vi": "Số tiêu chí đạt tối đa", "en": "Criteria at maximum"},
        "page.cluster.checked": {"vi": "Đã phúc tra", "en": "Re-checked"},
        "page.cluster.normalised": {"vi": "Điểm chuẩn hóa (0–100)", "en": "Normalised (0–100)"},
        "page.cluster.scheme": {
            "vi": "Bảng điểm {scheme}: tổng {total} điểm.",
            "en": "Scheme {scheme}: {total} points in total.",
        },
        "page.cluster.code": {"vi": "Mã tiêu chí", "en": "Code"},
        "page.cluster.group": {"vi": "Nhóm", "en": "Group"},
        "page.cluster.criterion": {"vi": "Tiêu chí", "en": "Criterion"},
        "page.cluster.max_points": {"vi": "Điểm tối đa", "en": "Maximum"},
        "page.cluster.criterion_input": {
            "vi": "{code}. {text} (tối đa {max} điểm)",
            "en": "{code}. {text} (up to {max} points)",
        },
        "page.cluster.self_not_member": {
            "vi": "Đơn vị của bạn không phải thành viên cụm này nên không tự chấm điểm ở đây.",
            "en": "Your unit is not a member of this cluster, so it does not self-score here.",
        },
        "page.cluster.self_intro": {
            "vi": "Điểm tự chấm của {unit}. Có thể sửa cho đến khi tiêu chí được phúc tra.",
            "en": "Self-score of {unit}. It can change until the criterion is re-checked.",
        },
        "page.cluster.self_save": {"vi": "Lưu điểm tự chấm", "en": "Save the self-score"},
        "page.cluster.self_saved": {"vi": "Đã lưu điểm tự chấm.", "en": "Self-score saved."},
        "page.cluster.self_points": {"vi": "Điểm tự chấm", "en": "Self-score"},
        "page.cluster.final_points": {"vi": "Điểm cuối cùng", "en": "Final points"},
        "page.cluster.check_intro": {
            "vi": "Điểm phúc tra là điểm cuối cùng của tiêu chí. Cụm trưởng, Cụm phó phúc tra đơn vị khác; LĐLĐ phúc tra mọi đơn vị.",
            "en": "The re-check sets a criterion's final points. The head or deputy re-checks other units; the federation any unit.",
        },
        "page.cluster.check_who": {
            "vi": "Chỉ Cụm trưởng, Cụm phó hoặc LĐLĐ thành phố chấm chéo, phúc tra.",
            "en": "Only the cluster head or deputy, or the city federation, re-checks scores.",
        },
        "page.cluster.check_save": {"vi": "Lưu điểm phúc tra", "en": "Save the re-check"},
        "page.cluster.check_saved": {
            "vi": "Đã lưu điểm phúc tra của {unit}.",
            "en": "Re-check of {unit} saved.",
        },
        "page.cluster.acclaim_intro": {
            "vi": "Mỗi đơn vị thành viên có một phiếu ({members} đơn vị). Đơn vị dẫn đầu cần quá nửa số đơn vị thành viên; nếu bằng phiếu, xét theo điểm cuối cùng.",
            "en": "Each member unit has one vote ({members} units). The leader needs more than half of them; a tie is broken by final points.",
        },
        "page.cluster.acclaim_who": {
            "vi": "Cụm trưởng hoặc LĐLĐ thành phố ghi kết quả suy tôn tại hội nghị tổng kết cụm.",
            "en": "The cluster head or the city federation records the acclaim vote at the year-end meeting.",
        },
        "page.cluster.head": {"vi": "Cụm trưởng", "en": "head"},
        "page.cluster.acclaim": {"vi": "Xác định đơn vị dẫn đầu", "en": "Find the leading unit"},
        "page.cluster.acclaim_none": {
            "vi": "Chưa có đơn vị dẫn đầu: cao nhất {top}/{members} phiếu, chưa quá nửa. Cần bỏ phiếu lại.",
            "en": "No leading unit: the most votes were {top}/{members}, not more than half. Vote again.",
        },
        "page.cluster.acclaim_leader": {
            "vi": "Đơn vị dẫn đầu: {unit} ({votes}/{members} phiếu, {how}).",
            "en": "Leading unit: {unit} ({votes}/{members} votes, {how}).",
        },
        "page.cluster.decided.majority": {"vi": "quá nửa số đơn vị", "en": "a majority of units"},
        "page.cluster.decided.tie_break": {
            "vi": "bằng phiếu, chọn theo điểm cuối cùng",
            "en": "tied, decided by final points",
        },
        "page.cluster.decided.none": {"vi": "chưa xác định", "en": "undecided"},
        "page.cluster.proposal": {"vi": "Đề xuất khen thưởng", "en": "Award proposal"},
        "page.cluster.achievement": {"vi": "Tóm tắt thành tích", "en": "Achievement"},
        "page.cluster.acclaim_saved": {"vi": "Đã ghi kết quả suy tôn.", "en": "Acclaim vote recorded."},
        "page.cluster.you_lead": {
            "vi": "Đơn vị của bạn được suy tôn dẫn đầu cụm ({votes}/{members} phiếu). Có thể lập hồ sơ đề nghị Cờ thi đua xuất sắc.",
            "en": "Your unit was acclaimed as the cluster's leader ({votes}/{members} votes). You can file the Excellent Emulation Flag nomination.",
        },
        "page.cluster.create_proposal": {
            "vi": "Lập hồ sơ đề nghị Cờ thi đua xuất sắc (dự thảo)",
            "en": "Create the Excellent Emulation Flag nomination (draft)",
        },
        "page.cluster.proposal_created": {
            "vi": "Đã lập hồ sơ đề nghị ở trạng thái dự thảo; xem và trình tại trang Hồ sơ của tôi.",
            "en": "The nomination was created as a draft; review and submit it on My submissions.",
        },
        "page.cluster.proposal_how": {
            "vi": "Gửi đề xuất này cho đơn vị dẫn đầu: cán bộ của đơn vị lập hồ sơ đề nghị 'Cờ thi đua xuất sắc' trong đợt khen thưởng năm.",
            "en": "Send this proposal to the leading unit: its officer files the 'Excellent Emulation Flag' nomination in the annual campaign.",
        },
    }
)

# ---------------------------------------------------------------------- campaign admin, review aids, status line
MESSAGES.update(
    {
        "admin.spec.stranded": {
            "vi": "Không lưu được {campaign}: còn hồ sơ ở trạng thái mà phiên bản mới bỏ đi ({states}). Hãy chọn trạng thái mới cho từng trạng thái cũ rồi lưu lại.",
            "en": "{campaign} was not saved: rows sit in states the new version drops ({states}). Pick a new state for each old one, then save again.",
        },
        "page.admin.list_header": {"vi": "Các đợt thi đua", "en": "Campaigns"},
        "page.admin.reopen.header": {
            "vi": "Mở lại đợt thi đua cho một đơn vị",
            "en": "Reopen a campaign for one unit",
        },
        "page.admin.reopen.intro": {
            "vi": "Sau ngày kết thúc, chỉ đơn vị được mở lại mới nộp được hồ sơ, đến ngày đã chọn. Lý do được ghi vào lịch sử.",
            "en": "After the closing date only a reopened unit may submit, until the chosen date. The reason is recorded in the history.",
        },
        "page.admin.reopen.unit": {"vi": "Đơn vị", "en": "Unit"},
        "page.admin.reopen.until": {"vi": "Mở đến ngày", "en": "Open until"},
        "page.admin.reopen.reason": {"vi": "Lý do mở lại", "en": "Reason for reopening"},
        "page.admin.reopen.submit": {"vi": "Mở lại cho đơn vị", "en": "Reopen for the unit"},
        "page.admin.reopen.done": {
            "vi": "Đã mở lại {campaign} cho {unit} đến hết ngày {until}.",
            "en": "{campaign} reopened for {unit} until {until}.",
        },
        "page.admin.edit.header": {
            "vi": "Sửa hoặc thêm đợt thi đua (YAML)",
            "en": "Edit or add a campaign (YAML)",
        },
        "page.admin.edit.intro": {
            "vi": "Chọn một đợt thi đua để sửa, hoặc tải lên tệp .yaml. Nội dung được kiểm tra bằng cùng bộ đọc với các tệp; lưu thành một phiên bản mới.",
            "en": "Pick a campaign to edit, or upload a .yaml file. The text is checked by the same loader as the files and saved as a new version.",
        },
        "page.admin.edit.base": {"vi": "Bắt đầu từ đợt thi đua", "en": "Start from campaign"},
        "page.admin.edit.upload": {"vi": "Hoặc tải lên tệp .yaml", "en": "Or upload a .yaml file"},
        "page.admin.edit.load": {"vi": "Dùng nội dung tệp đã tải", "en": "Use the uploaded file"},
        "page.admin.edit.loaded": {"vi": "Đã nạp nội dung tệp {file}.", "en": "Loaded the text of {file}."},
        "page.admin.edit.bad_file": {
            "vi": "Tệp {file} không đọc được dưới dạng văn bản UTF-8.",
            "en": "The file {file} cannot be read as UTF-8 text.",
        },
        "page.admin.edit.text": {"vi": "Nội dung YAML", "en": "YAML text"},
        "page.admin.edit.text_help": {
            "vi": "Các khoá được mô tả trong workflows/campaigns/README.md. Lỗi sẽ nêu khoá và cách sửa.",
            "en": "Keys are described in workflows/campaigns/README.md. Errors name the key and the fix.",
        },
        "page.admin.edit.valid": {"vi": "Hợp lệ: {id} – {name}.", "en": "Valid: {id} – {name}."},
        "page.admin.edit.new_campaign": {
            "vi": "Đây là đợt thi đua mới ({id}); lưu sẽ tạo phiên bản {version}.",
            "en": "This is a new campaign ({id}); saving creates version {version}.",
        },
        "page.admin.edit.next_version": {
            "vi": "Lưu sẽ tạo phiên bản {version} của {id}.",
            "en": "Saving creates version {version} of {id}.",
        },
        "page.admin.edit.preview": {"vi": "Xem trước", "en": "Preview"},
        "page.admin.edit.states": {
            "vi": "Trạng thái của quy trình {name}: {states}",
            "en": "States of workflow {name}: {states}",
        },
        "page.admin.edit.stranded": {
            "vi": "Còn hồ sơ ở trạng thái mà phiên bản mới bỏ đi: {states}. Chọn trạng thái mới cho từng trạng thái cũ.",
            "en": "Rows sit in states the new version drops: {states}. Pick a new state for each old one.",
        },
        "page.admin.edit.map": {
            "vi": "Chuyển hồ sơ đang ở '{state}' ({count}) sang",
            "en": "Move rows in '{state}' ({count}) to",
        },
        "page.admin.edit.note": {"vi": "Ghi chú cho phiên bản này", "en": "Note for this version"},
        "page.admin.edit.save": {"vi": "Lưu phiên bản {version}", "en": "Save version {version}"},
        "page.admin.edit.saved": {
            "vi": "Đã lưu {campaign} phiên bản {version}; ứng dụng đang dùng phiên bản mới.",
            "en": "{campaign} version {version} saved; the app now uses it.",
        },
        "page.admin.edit.moved": {
            "vi": "Đã chuyển {count} hồ sơ từ '{src}' sang '{dst}'.",
            "en": "Moved {count} rows from '{src}' to '{dst}'.",
        },
        "page.admin.edit.restart_note": {
            "vi": "Các tiến trình khác của ứng dụng dùng phiên bản mới khi khởi động lại.",
            "en": "Other app processes use the new version when they restart.",
        },
        "page.admin.edit.versions": {"vi": "Các phiên bản đã lưu", "en": "Saved versions"},
        "page.admin.edit.col.version": {"vi": "Phiên bản", "en": "Version"},
        "page.admin.edit.col.by": {"vi": "Người lưu", "en": "Saved by"},
        "page.admin.edit.col.at": {"vi": "Lúc", "en": "At"},
        "page.admin.edit.col.note": {"vi": "Ghi chú", "en": "Note"},
        "page.review.quota.header": {
            "vi": "Chỉ tiêu Chiến sĩ thi đua cơ sở của các đơn vị trong danh sách",
            "en": "Grassroots Emulation Fighter quota of the units in your queue",
        },
        "page.review.quota.caption": {
            "vi": "Tối đa = tỷ lệ theo quy định × số Lao động tiên tiến; 'Còn lại' = tối đa − đã thông qua. Đơn vị hết chỉ tiêu được tô đỏ.",
            "en": "Limit = the regulated share × Advanced Workers; 'Headroom' = limit − approved. Units with no headroom are shown in red.",
        },
        "page.review.quota.col.ldtt": {"vi": "Số LĐTT", "en": "Advanced Workers"},
        "page.review.quota.col.limit": {"vi": "Tối đa CSTĐCS", "en": "CSTĐCS limit"},
        "page.review.quota.col.used": {"vi": "Đã thông qua", "en": "Approved"},
        "page.review.quota.col.waiting": {"vi": "Đang chờ", "en": "Waiting"},
        "page.review.quota.col.headroom": {"vi": "Còn lại", "en": "Headroom"},
        "page.review.quota.full": {
            "vi": "Đã hết chỉ tiêu CSTĐCS: {units}.",
            "en": "No CSTĐCS headroom left: {units}.",
        },
        "page.review.blocked.header": {"vi": "Thao tác chưa thực hiện được", "en": "Moves not available now"},
        "page.review.blocked.line": {"vi": "{action}: {reason}", "en": "{action}: {reason}"},
        "page.review.due.header": {
            "vi": "Sắp đến hạn / quá hạn ({count})",
            "en": "Due soon / overdue ({count})",
        },
        "page.review.due.none": {
            "vi": "Không có hồ sơ nào quá hạn hoặc đến hạn trong {days} ngày tới.",
            "en": "Nothing is overdue or due in the next {days} days.",
        },
        "page.review.due.col.due": {"vi": "Hạn xử lý", "en": "Due"},
        "page.review.due.overdue": {"vi": "Quá hạn {days} ngày", "en": "{days} days overdue"},
        "page.review.due.today": {"vi": "Đến hạn hôm nay", "en": "Due today"},
        "page.review.due.left": {"vi": "Còn {days} ngày", "en": "{days} days left"},
        "page.review.col.overdue": {"vi": "Quá hạn", "en": "Overdue"},
        "page.review.col.sla": {"vi": "Hạn (ngày)", "en": "SLA (days)"},
        "page.mine.status.col": {"vi": "Hồ sơ đang ở đâu, vì sao", "en": "Where it is and why"},
        "page.mine.status.header": {"vi": "Tình trạng", "en": "Status"},
        "page.mine.status.state": {"vi": "Đang ở: {state}", "en": "At: {state}"},
        "page.mine.status.waiting": {"vi": "chờ {who}", "en": "waiting on {who}"},
        "page.mine.status.done": {"vi": "đã kết thúc", "en": "finished"},
        "page.mine.status.days_sla": {
            "vi": "{days}/{sla} ngày ở bước này",
            "en": "{days}/{sla} days at this step",
        },
        "page.mine.status.days": {"vi": "{days} ngày ở bước này", "en": "{days} days at this step"},
        "page.mine.status.overdue": {"vi": "quá hạn {late} ngày", "en": "{late} days overdue"},
        "page.mine.status.reason": {"vi": "lý do gần nhất: {reason}", "en": "latest reason: {reason}"},
        "page.mine.status.who": {"vi": "{role} ({unit})", "en": "{role} ({unit})"},
        "sim.header": {
            "vi": "{campaign}: {name} — mô phỏng {rows} hồ sơ mỗi đường đi, đơn vị {unit}, ngày {day}",
            "en": "{campaign}: {name} — {rows} rows per path simulated, unit {unit}, day {day}",
        },
        "sim.counts": {
            "vi": "Hồ sơ cuối cùng ở trạng thái (mẫu {form}):",
            "en": "Where rows ended up (form {form}):",
        },
        "sim.count_line": {"vi": "  {state}: {count}", "en": "  {state}: {count}"},
        "sim.blocked_header": {
            "vi": "Thao tác không vai trò demo nào thực hiện được:",
            "en": "Moves no demo role can make:",
        },
        "sim.blocked_line": {
            "vi": "  {form}: {src} --{trigger}--> {dest}: {why}",
            "en": "  {form}: {src} --{trigger}--> {dest}: {why}",
        },
        "sim.no_role": {
            "vi": "không vai trò demo nào ({roles}) có quyền ở bước này",
            "en": "no demo role ({roles}) may act at this step",
        },
        "sim.unreachable_header": {
            "vi": "Trạng thái không hồ sơ nào tới được:",
            "en": "States no row reached:",
        },
        "sim.unreachable_line": {"vi": "  {form}: {state}", "en": "  {form}: {state}"},
        "sim.none": {"vi": "  (không có)", "en": "  (none)"},
        "sim.verdict_ok": {
            "vi": "Mọi trạng thái đều tới được bằng các vai trò demo.",
            "en": "Every state is reachable with the demo roles.",
        },
        "sim.verdict_bad": {
            "vi": "{count} trạng thái không tới được trên thực tế: hãy sửa quy trình trước khi mở đợt.",
            "en": "{count} states are unreachable in practice: fix the workflow before launch.",
        },
        "sim.unknown_campaign": {
            "vi": "Không có đợt thi đua {campaign}; có: {known}.",
            "en": "No campaign {campaign}; known: {known}.",
        },
    }
)

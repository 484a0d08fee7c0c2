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
            "vi": "Thành viên Hội đồng (chủ tọa) sẽ kết thúc phiên họp để áp dụng kết quả.",
            "en": "A council member (the chair) closes the meeting to apply the results.",
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
        "page.cluster.proposal_how": {
            "vi": "Gửi đề xuất này cho đơn vị dẫn đầu: cán bộ của đơn vị lập hồ sơ đề nghị 'Cờ thi đua xuất sắc' trong đợt khen thưởng năm.",
            "en": "Send this proposal to the leading unit: its officer files the 'Excellent Emulation Flag' nomination in the annual campaign.",
        },
    }
)

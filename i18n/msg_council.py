"""Messages of issue 23's council part: awards only through a council's vote or a recorded decision,
the deciding role, closing a meeting, and the history of meetings, ballots, acclaims and scorecards."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: dict[str, Mapping[str, str]] = {
    # ------------------------------------------------------------------ the deciding role
    "role.DECIDER": {
        "vi": "Người đứng đầu cơ quan quyết định khen thưởng",
        "en": "Head of the deciding body",
    },
    # ------------------------------------------------------------------ campaign YAML (load time)
    "spec.award_by_council_role": {
        "vi": "{file}: '{key}': bước {move} cho phép {roles} tự quyết định khen thưởng, trong khi một "
        "thành viên Hội đồng chỉ có quyền biểu quyết. Thêm 'decided_by: council' (khen thưởng chỉ là "
        "kết quả biểu quyết của phiên họp đã kết thúc, do thư ký ghi nhận; roles: [COUNCIL_SECRETARY]) "
        "hoặc 'decided_by: outside' (ghi nhận quyết định của cấp ngoài ứng dụng, kèm số và ngày quyết định); "
        "với giải của một hội thi: 'decided_by: jury' (giải do điểm của Ban giám khảo quyết định).",
        "en": "{file}: '{key}': move {move} lets {roles} decide an award alone, while a council member may "
        "only vote. Add 'decided_by: council' (the award is then only the outcome of a closed meeting's "
        "ballot, recorded by the secretary; roles: [COUNCIL_SECRETARY]) or 'decided_by: outside' (record "
        "a decision taken outside the app, with its number and date); for a contest's prize: 'decided_by: "
        "jury' (the jury's scores decide the prize).",
    },
    "spec.prize_not_jury": {
        "vi": "{file}: '{key}': giải của hội thi do Ban giám khảo chấm và thư ký công nhận kết quả, nên bước "
        "'{trigger}' phải ghi 'decided_by: jury' (đang ghi: {found}).",
        "en": "{file}: '{key}': a contest's prize is decided by the jury's scores once the secretary confirms "
        "the results, so move '{trigger}' needs 'decided_by: jury' (found: {found}).",
    },
    "spec.council_decision_roles": {
        "vi": "{file}: '{key}': bước {move} do Hội đồng quyết định ('decided_by: council') nên chỉ ghi vai "
        "trò của Hội đồng và phải có COUNCIL_SECRETARY (thư ký ghi kết quả phiên họp); đang ghi: {found}.",
        "en": "{file}: '{key}': move {move} is decided by a council ('decided_by: council'), so list council "
        "roles only, including COUNCIL_SECRETARY (who records the meeting's outcome); found: {found}.",
    },
    "spec.council_decision_dest": {
        "vi": "{file}: '{key}': bước {move} là kết quả biểu quyết của Hội đồng, nên chỉ dẫn tới trạng thái "
        "khen thưởng, không khen thưởng, hoặc trình tiếp lên cấp trên (không trả lại để sửa).",
        "en": "{file}: '{key}': move {move} is a council's vote outcome, so it may only lead to an awarded "
        "or rejected state, or forward the row higher up (not back to the unit for fixing).",
    },
    "spec.decision_not_award": {
        "vi": "{file}: '{key}': 'decided_by: {value}' ghi nhận một quyết định khen thưởng, nên bước {move} "
        "phải dẫn tới trạng thái có 'outcome: awarded'.",
        "en": "{file}: '{key}': 'decided_by: {value}' records an award decision, so move {move} must lead "
        "to a state with 'outcome: awarded'.",
    },
    "spec.head_decision_roles": {
        "vi": "{file}: '{key}': bước {move} do người đứng đầu cơ quan quyết định ('decided_by: head'), nên "
        "chỉ ghi vai trò riêng DECIDER; đang ghi: {found}.",
        "en": "{file}: '{key}': move {move} is decided by the head of the deciding body ('decided_by: head'), "
        "so list only the distinct DECIDER role; found: {found}.",
    },
    "spec.outside_decision_roles": {
        "vi": "{file}: '{key}': bước {move} ghi nhận quyết định của cấp ngoài ứng dụng; thành viên Hội đồng "
        "không ghi nhận quyết định. Dùng COUNCIL_SECRETARY (hoặc ADMIN); đang ghi: {found}.",
        "en": "{file}: '{key}': move {move} records a decision taken outside the app; a council member does "
        "not record decisions. Use COUNCIL_SECRETARY (or ADMIN); found: {found}.",
    },
    "spec.council_stage_incomplete": {
        "vi": "{file}: '{key}': ở bước Hội đồng '{state}' cần đúng một bước 'decided_by: council' dẫn tới "
        "trạng thái không khen thưởng (khi phiếu không đạt) và ít nhất một bước cho khi phiếu đạt.",
        "en": "{file}: '{key}': the council stage '{state}' needs exactly one 'decided_by: council' move into "
        "a rejected state (for a failed vote) and at least one for a passed vote.",
    },
    "spec.council_stage_bypass": {
        "vi": "{file}: '{key}': ở bước Hội đồng '{state}', bước {move} khen thưởng mà không qua biểu quyết. "
        "Thêm 'decided_by: council' cho bước đó (và roles: [COUNCIL_SECRETARY]) hoặc bỏ bước đó.",
        "en": "{file}: '{key}': at the council stage '{state}', move {move} awards without a vote. Give it "
        "'decided_by: council' (and roles: [COUNCIL_SECRETARY]) or remove it.",
    },
    # ------------------------------------------------------------------ engine (run time)
    "engine.council_vote_only": {
        "vi": "'{trigger}' chỉ là kết quả biểu quyết của Hội đồng: thư ký ghi phiếu tại phiên họp (trang "
        "Hội đồng TĐKT) và kết quả được áp dụng khi kết thúc phiên họp. Không ai quyết định một mình.",
        "en": "'{trigger}' is only the outcome of the council's vote: the secretary records the ballot at a "
        "meeting (the Council page) and the outcome applies when the meeting is closed. Nobody decides alone.",
    },
    "engine.council_meeting_open": {
        "vi": "'{trigger}' chỉ được áp dụng sau khi phiên họp Hội đồng đã kết thúc.",
        "en": "'{trigger}' applies only once the council meeting has been closed.",
    },
    "engine.council_vote_other": {
        "vi": "Kết quả biểu quyết ({result}) không dẫn tới '{trigger}'.",
        "en": "The vote's result ({result}) does not lead to '{trigger}'.",
    },
    "engine.decision_required": {
        "vi": "'{trigger}' ghi nhận một quyết định khen thưởng: hãy nhập số và ngày của quyết định.",
        "en": "'{trigger}' records an award decision: enter the decision's number and date.",
    },
    "engine.decision_bad_number": {
        "vi": "'{number}' không phải số, ký hiệu của một quyết định. Viết như 123/QĐ-TLĐ.",
        "en": "'{number}' is not a decision's number. Write it like 123/QĐ-TLĐ.",
    },
    "engine.decision_bad_date": {
        "vi": "Ngày quyết định {date} không hợp lệ: phải từ năm {year} và không sau hôm nay ({today}).",
        "en": "Decision date {date} is not valid: it must be in {year} or later and not after today ({today}).",
    },
    "decision.number_other_award": {
        "vi": "Quyết định {number} đã được ghi nhận cho hình thức khác ({award}); kiểm tra lại số quyết định.",
        "en": "Decision {number} is already recorded for another award ({award}); check the number.",
    },
    # ------------------------------------------------------------------ council use cases
    "council.record_role": {
        "vi": "Chỉ thư ký Hội đồng ghi phiếu biểu quyết; thành viên Hội đồng biểu quyết tại phiên họp.",
        "en": "Only the council's secretary records ballots; members vote at the meeting.",
    },
    "council.pass_reason": {
        "vi": "Hội đồng thông qua tại phiên họp ngày {date}{minutes}: {yes}/{total} thành viên tán thành "
        "(ngưỡng {threshold}).",
        "en": "Passed by the council at its meeting of {date}{minutes}: {yes}/{total} members in favour "
        "(threshold {threshold}).",
    },
    "council.no_outcome_move": {
        "vi": "Hồ sơ {name} đang ở trạng thái không có bước nào của Hội đồng cho kết quả {result}: {reason}",
        "en": "{name} is in a state with no council move for the result {result}: {reason}",
    },
    "council.meeting_not_closed": {
        "vi": "Phiên họp {meeting} chưa kết thúc: kết quả chỉ được áp dụng sau khi kết thúc phiên họp.",
        "en": "Meeting {meeting} is not closed yet: its outcomes apply only once it is closed.",
    },
    "sim.vote_elsewhere": {
        "vi": "Kết quả biểu quyết đưa hồ sơ sang '{state}' chứ không phải '{dest}'.",
        "en": "The vote's outcome moved the row to '{state}', not '{dest}'.",
    },
    # ------------------------------------------------------------------ the council page
    "page.council.members_vote": {
        "vi": "Thành viên Hội đồng biểu quyết tại phiên họp; Thư ký ghi phiếu và kết quả tại đây.",
        "en": "Council members vote at the meeting; the secretary records the ballots and the outcome here.",
    },
    "page.council.pending": {
        "vi": "Phiên họp đã kết thúc nhưng còn {count} kết quả biểu quyết chưa được áp dụng cho hồ sơ.",
        "en": "The meeting is closed but {count} vote outcomes have not been applied to the nominations yet.",
    },
    "page.council.apply": {
        "vi": "Áp dụng các kết quả còn lại",
        "en": "Apply the remaining outcomes",
    },
    "page.council.applied": {
        "vi": "Đã áp dụng kết quả biểu quyết cho {count} hồ sơ.",
        "en": "Vote outcomes applied to {count} nominations.",
    },
    "page.council.not_applied": {
        "vi": "Chưa áp dụng được kết quả cho {name}: {reason} Kết quả vẫn được giữ; bấm 'Áp dụng các kết quả "
        "còn lại' khi đã xử lý xong.",
        "en": "The outcome for {name} could not be applied yet: {reason} It is kept; press 'Apply the "
        "remaining outcomes' once that is settled.",
    },
    "page.council.history": {
        "vi": "Nhật ký phiên họp ({count} mục)",
        "en": "Meeting log ({count} entries)",
    },
    "page.council.history.at": {"vi": "Thời điểm", "en": "When"},
    "page.council.history.who": {"vi": "Người thực hiện", "en": "Who"},
    "page.council.history.what": {"vi": "Nội dung", "en": "What"},
    # ------------------------------------------------------------------ recording a decision (review page)
    "page.review.decision_help": {
        "vi": "Ghi nhận quyết định khen thưởng đã ban hành: nhập số và ngày của quyết định (bắt buộc), người ký "
        "nếu có.",
        "en": "Record the award decision that was issued: its number and date (required), and who signed it.",
    },
    "page.review.decision_no": {"vi": "Số quyết định", "en": "Decision number"},
    "page.review.decision_date": {"vi": "Ngày quyết định", "en": "Decision date"},
    "page.review.decision_signer": {"vi": "Người ký", "en": "Signed by"},
    "page.review.decision_title": {"vi": "Chức vụ người ký", "en": "Signer's title"},
    # ------------------------------------------------------------------ the minutes of a meeting
    "minutes.no_meeting": {
        "vi": "Chưa có phiên họp nào của Hội đồng xét hồ sơ của đợt {campaign}. Thư ký mở phiên họp và ghi "
        "phiếu tại trang Hội đồng TĐKT, rồi lập biên bản.",
        "en": "No council meeting has taken up campaign {campaign} yet. The secretary opens a meeting and "
        "records the ballots on the Council page; then write the minutes.",
    },
    "page.documents.meeting": {"vi": "Phiên họp", "en": "Meeting"},
    "page.documents.meeting_option": {
        "vi": "{date} – {minutes} ({status})",
        "en": "{date} – {minutes} ({status})",
    },
    "page.documents.no_meeting": {
        "vi": "Chưa có phiên họp nào của Hội đồng cho đợt này.",
        "en": "No council meeting for this campaign yet.",
    },
    # ------------------------------------------------------------------ history reasons (records)
    "council.history.open": {
        "vi": "Mở phiên họp ngày {date}{minutes}: {present}/{total} thành viên có mặt, {written} phiếu gửi "
        "bằng văn bản.",
        "en": "Meeting opened for {date}{minutes}: {present}/{total} members present, {written} written votes.",
    },
    "council.history.ballot": {
        "vi": "Phiếu {method}: {yes} tán thành, {no} không tán thành, {invalid} không hợp lệ, {recused} không "
        "biểu quyết; kết quả {result} (ngưỡng {threshold}).",
        "en": "{method} ballot: {yes} yes, {no} no, {invalid} invalid, {recused} recused; result {result} "
        "(threshold {threshold}).",
    },
    "council.history.close": {
        "vi": "Kết thúc phiên họp: {passed} thông qua, {failed} không thông qua.",
        "en": "Meeting closed: {passed} passed, {failed} not passed.",
    },
    "cluster.history.score": {
        "vi": "{unit} – tiêu chí {criterion}: {old} → {new} điểm.",
        "en": "{unit} – criterion {criterion}: {old} → {new} points.",
    },
    "cluster.history.acclaim": {
        "vi": "Suy tôn {cluster} năm {year}: {votes}; dẫn đầu {leader} ({leader_votes}/{members} phiếu, "
        "{decided_by}).",
        "en": "Acclaim vote {cluster} {year}: {votes}; leader {leader} ({leader_votes}/{members} votes, "
        "{decided_by}).",
    },
}

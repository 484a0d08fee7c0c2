"""Messages of juried contests (``contest:`` in campaign YAML, services/jury.py, the jury page)."""

MESSAGES: dict[str, dict[str, str]] = {
    "role.JUDGE": {"vi": "Giám khảo hội thi", "en": "Contest judge"},
    # ------------------------------------------------------------------ guards
    "guard.results_not_confirmed": {
        "vi": "Kết quả của nghề (hạng mục) này chưa được thư ký xác nhận; xác nhận kết quả ở trang Hội thi.",
        "en": "The results of this category have not been confirmed by the secretary yet; confirm them on "
        "the Contest page.",
    },
    "guard.no_prize": {
        "vi": "Thí sinh không đạt giải theo kết quả đã xác nhận.",
        "en": "The entrant won no prize in the confirmed results.",
    },
    # ------------------------------------------------------------------ the contest block of a campaign
    "spec.expected_number": {
        "vi": "{file}: '{key}' phải là một số (dùng dấu chấm thập phân, ví dụ 70 hoặc 12.5), gặp '{found}'.",
        "en": "{file}: '{key}' must be a number (decimal point, e.g. 70 or 12.5), found '{found}'.",
    },
    "spec.expected_money": {
        "vi": "{file}: '{key}' phải là số tiền (đồng), ví dụ 12000000 hoặc \"12 triệu\", gặp '{found}'.",
        "en": "{file}: '{key}' must be an amount of VND, e.g. 12000000 or \"12 triệu\", found '{found}'.",
    },
    "spec.expected_positive": {
        "vi": "{file}: '{key}' phải lớn hơn 0 (hoặc bằng 0 với số giải), gặp {found}.",
        "en": "{file}: '{key}' must be above 0 (or 0 for a prize count), found {found}.",
    },
    "spec.judge_email": {
        "vi": "{file}: '{key}': '{found}' không phải địa chỉ e-mail của giám khảo (tài khoản trong bảng "
        "users, vai trò JUDGE).",
        "en": "{file}: '{key}': '{found}' is not a judge's e-mail (an account of the users tab, role JUDGE).",
    },
    "spec.judge_twice": {
        "vi": "{file}: '{key}': một giám khảo được ghi hai lần cho nghề {category}.",
        "en": "{file}: '{key}': a judge is listed twice for category {category}.",
    },
    "spec.category_without_judge": {
        "vi": "{file}: '{key}': các nghề sau chưa có giám khảo: {categories}. Mỗi nghề cần ít nhất một "
        "giám khảo.",
        "en": "{file}: '{key}': these categories have no judge: {categories}. Each needs at least one.",
    },
    "spec.criterion_twice": {
        "vi": "{file}: '{key}': mã tiêu chí '{found}' bị lặp.",
        "en": "{file}: '{key}': criterion code '{found}' is repeated.",
    },
    "spec.weights_not_100": {
        "vi": "{file}: '{key}': tổng trọng số các tiêu chí phải là 100 (%), đang là {total} ({weights}).",
        "en": "{file}: '{key}': the criteria's weights must add up to 100 (%), they add up to {total} "
        "({weights}).",
    },
    "spec.prize_twice": {
        "vi": "{file}: '{key}': mã giải '{found}' bị lặp.",
        "en": "{file}: '{key}': prize code '{found}' is repeated.",
    },
    "spec.tie_break_empty": {
        "vi": "{file}: '{key}': mỗi mục xét khi bằng điểm là một tiêu chí ({criteria}) hoặc "
        "{{field: <trường>, order: desc|asc}} với trường số hoặc ngày ({fields}).",
        "en": "{file}: '{key}': each tie-break is a criterion ({criteria}) or {{field: <field>, order: "
        "desc|asc}} naming a number or date field ({fields}).",
    },
    "spec.contest_needs_choice": {
        "vi": "{file}: '{key}': biểu mẫu '{form}' cần một bảng riêng có trường kiểu choice làm nghề thi "
        "(hạng mục).",
        "en": "{file}: '{key}': form '{form}' needs a tab of its own with a choice field for the category "
        "(the trade).",
    },
    "spec.moves_one_state": {
        "vi": "{file}: '{key}': bước 'prize' và 'no_prize' phải cùng đi ra từ đúng một trạng thái (trạng "
        "thái thí sinh đang được chấm); trạng thái chung tìm thấy: {states}.",
        "en": "{file}: '{key}': the 'prize' and 'no_prize' moves must leave exactly one same state (where "
        "the jury scores); shared states found: {states}.",
    },
    "spec.prize_not_awarded": {
        "vi": "{file}: '{key}': bước đạt giải dẫn tới '{dest}', không phải trạng thái có outcome: awarded "
        "({allowed}).",
        "en": "{file}: '{key}': the prize move leads to '{dest}', which is not a state with outcome: "
        "awarded ({allowed}).",
    },
    "spec.jury_decision_guards": {
        "vi": "{file}: '{key}': bước {move} trao giải theo điểm của Ban giám khảo ('decided_by: jury'), nên "
        "phải có trong conditions: results_confirmed, prize_won (giải chỉ trao khi kết quả của nghề đã "
        "được công nhận và thí sinh có giải); còn thiếu: {missing}.",
        "en": "{file}: '{key}': move {move} awards a prize by the jury's scores ('decided_by: jury'), so its "
        "conditions must hold results_confirmed and prize_won (a prize only once the category's results "
        "are confirmed with one); missing: {missing}.",
    },
    "spec.jury_decision_roles": {
        "vi": "{file}: '{key}': bước {move} trao giải theo điểm của Ban giám khảo; thành viên Hội đồng không "
        "công nhận kết quả hội thi. Dùng COUNCIL_SECRETARY (thư ký công nhận kết quả) hoặc ADMIN; đang "
        "ghi: {found}.",
        "en": "{file}: '{key}': move {move} awards a prize by the jury's scores; a council member does not "
        "confirm contest results. Use COUNCIL_SECRETARY (the secretary confirms results) or ADMIN; found: "
        "{found}.",
    },
    "spec.jury_decision_not_prize": {
        "vi": "{file}: '{key}': 'decided_by: jury' chỉ dùng cho bước trao giải của một hội thi (khóa "
        "'contest.moves.prize' của chiến dịch); bước {move} không phải bước đó{prize}.",
        "en": "{file}: '{key}': 'decided_by: jury' is only for a contest's prize move (the campaign's "
        "'contest.moves.prize'); move {move} is not that move{prize}.",
    },
    "spec.declared_prizes": {
        "vi": "{file}: '{key}' = {declared} giải nhưng các hạng giải cộng lại (theo từng nghề) là {counted}. "
        "Sửa số giải hoặc số công bố.",
        "en": "{file}: '{key}' = {declared} prizes but the tiers add up (per category) to {counted}. "
        "Fix a tier's count or the declared figure.",
    },
    "spec.declared_money": {
        "vi": "{file}: '{key}' = {declared} đồng nhưng số giải × tiền thưởng cộng lại là {counted} đồng.",
        "en": "{file}: '{key}' = {declared} VND but counts × amounts add up to {counted} VND.",
    },
    # ------------------------------------------------------------------ services/jury.py
    "jury.not_a_contest": {
        "vi": "Đợt '{campaign}' không phải hội thi có Ban giám khảo.",
        "en": "Campaign '{campaign}' is not a juried contest.",
    },
    "jury.not_judge": {
        "vi": "Anh/chị không phải giám khảo của nghề này ({category}). Danh sách giám khảo do tệp đợt thi "
        "đua quy định (mục jury).",
        "en": "You are not a judge of this category ({category}). The campaign file's jury lists the judges.",
    },
    "jury.not_judging": {
        "vi": "Thí sinh {name} không ở bước chấm điểm (chưa được xác nhận dự thi hoặc đã có kết quả).",
        "en": "Entrant {name} is not being judged (not confirmed yet, or already decided).",
    },
    "jury.category_confirmed": {
        "vi": "Kết quả nghề {category} đã được xác nhận; điểm không sửa được nữa.",
        "en": "The results of {category} are confirmed; scores can no longer change.",
    },
    "jury.recused": {
        "vi": "Anh/chị không chấm thí sinh {name} vì cùng đơn vị ({unit}).",
        "en": "You do not score {name}: you belong to the same union ({unit}).",
    },
    "jury.standings_not_allowed": {
        "vi": "Vai trò của anh/chị không xem được bảng xếp hạng trước khi công bố.",
        "en": "Your role cannot see the standings before they are published.",
    },
    "jury.unknown_category": {
        "vi": "Không có nghề '{category}'. Các nghề: {allowed}.",
        "en": "There is no category '{category}'. Categories: {allowed}.",
    },
    "jury.nothing_to_confirm": {
        "vi": "Chọn ít nhất một nghề để xác nhận kết quả.",
        "en": "Pick at least one category to confirm.",
    },
    "jury.no_entrant": {
        "vi": "Nghề {category} không có thí sinh nào đang được chấm.",
        "en": "{category} has no entrant being judged.",
    },
    "jury.scores_missing": {
        "vi": "Nghề {category}: {count} thí sinh chưa đủ điểm của các giám khảo, chưa xác nhận được. "
        "Ví dụ: {shown}.",
        "en": "{category}: {count} entrants still miss judges' scores; the results cannot be confirmed yet. "
        "E.g.: {shown}.",
    },
    "sim.no_judge": {
        "vi": "giám khảo {judge} chưa có tài khoản vai trò JUDGE trong bảng users",
        "en": "judge {judge} has no account with role JUDGE in the users tab",
    },
    "ui.tab.contest_results": {"vi": "Kết quả hội thi", "en": "Contest results"},
    "ui.tab.contest_scores": {"vi": "Điểm của giám khảo", "en": "Judges' scores"},
    # ------------------------------------------------------------------ app_pages/jury.py
    "page.jury.nav": {"vi": "Hội thi", "en": "Contest"},
    "page.jury.title": {"vi": "Hội thi – chấm điểm và kết quả", "en": "Contest – scoring and results"},
    "page.jury.intro": {
        "vi": "Giám khảo chấm điểm thí sinh của nghề mình; thư ký xem bảng xếp hạng từng nghề, xác nhận "
        "kết quả và xuất danh sách giải, quyết định, giấy chứng nhận.",
        "en": "Judges score the entrants of their trades; the secretary sees each trade's standings, "
        "confirms the results and exports the prize list, the decision and the certificates.",
    },
    "page.jury.contest": {"vi": "Hội thi", "en": "Contest"},
    "page.jury.category": {"vi": "Nghề thi", "en": "Trade"},
    "page.jury.criterion": {
        "vi": "{label}: tối đa {max} điểm, trọng số {weight}%",
        "en": "{label}: up to {max} points, weight {weight}%",
    },
    "page.jury.col.points": {"vi": "{label} (0–{max})", "en": "{label} (0–{max})"},
    "page.jury.col.no": {"vi": "STT", "en": "No."},
    "page.jury.col.name": {"vi": "Họ và tên", "en": "Full name"},
    "page.jury.col.rank": {"vi": "Hạng", "en": "Rank"},
    "page.jury.col.total": {"vi": "Tổng điểm (thang 100)", "en": "Total (of 100)"},
    "page.jury.col.normalised": {"vi": "Điểm chuẩn hóa", "en": "Normalised"},
    "page.jury.col.prize": {"vi": "Giải", "en": "Prize"},
    "page.jury.col.amount": {"vi": "Tiền thưởng", "en": "Prize money"},
    "page.jury.col.tied": {"vi": "Bằng điểm", "en": "Tied"},
    "page.jury.col.missing": {"vi": "Ô điểm còn thiếu", "en": "Scores missing"},
    "page.jury.saved": {"vi": "Đã lưu {count} ô điểm.", "en": "{count} scores saved."},
    "page.jury.locked": {
        "vi": "Kết quả nghề này đã được xác nhận: bảng điểm chỉ để xem.",
        "en": "This trade's results are confirmed: the sheet is read-only.",
    },
    "page.jury.no_entrants": {
        "vi": "Chưa có thí sinh nào đang chờ chấm ở nghề này.",
        "en": "No entrant is waiting to be scored in this trade.",
    },
    "page.jury.progress": {"vi": "Đã chấm {done}/{total} ô điểm", "en": "{done}/{total} scores entered"},
    "page.jury.sheet_help": {
        "vi": "Gõ điểm vào ô (phím mũi tên để di chuyển, Enter để ghi); mỗi ô được lưu riêng ngay khi "
        "sửa. Nếu người khác vừa sửa cùng ô, ô đó không bị ghi đè: trang báo và tải lại điểm mới.",
        "en": "Type the points in a cell (arrow keys to move, Enter to write); each cell is saved on its "
        "own as soon as it changes. A cell someone else just changed is not overwritten: you are told "
        "and the sheet reloads.",
    },
    "page.jury.recused": {
        "vi": "Không chấm (cùng đơn vị với anh/chị): {names}.",
        "en": "Not yours to score (your own union): {names}.",
    },
    "page.jury.one_by_one": {
        "vi": "Chấm từng thí sinh (dùng bàn phím hoặc trình đọc màn hình)",
        "en": "Score one entrant at a time (keyboard or screen reader)",
    },
    "page.jury.pick_entrant": {"vi": "Thí sinh", "en": "Entrant"},
    "page.jury.save_one": {"vi": "Lưu điểm của thí sinh", "en": "Save this entrant's scores"},
    "page.jury.not_a_judge": {
        "vi": "Anh/chị chưa được phân công chấm nghề nào.",
        "en": "You are not assigned to any trade.",
    },
    "page.jury.no_contest": {"vi": "Chưa có hội thi nào.", "en": "There is no contest yet."},
    "page.jury.standings": {"vi": "Bảng xếp hạng", "en": "Standings"},
    "page.jury.ready": {
        "vi": "{ready}/{total} thí sinh đã đủ điểm của các giám khảo (giải dự kiến cho đến khi xác nhận).",
        "en": "{ready}/{total} entrants have all their judges' scores (prizes provisional until confirmed).",
    },
    "page.jury.category_done": {
        "vi": "Kết quả nghề này đã được xác nhận.",
        "en": "This trade's results are confirmed.",
    },
    "page.jury.confirm_header": {"vi": "Xác nhận kết quả", "en": "Confirm the results"},
    "page.jury.confirm_which": {"vi": "Nghề xác nhận kết quả", "en": "Trades to confirm"},
    "page.jury.confirm_sure": {
        "vi": "Tôi đã kiểm tra bảng xếp hạng; sau khi xác nhận, điểm của các nghề này không sửa được nữa.",
        "en": "I have checked the standings; once confirmed, these trades' scores can no longer change.",
    },
    "page.jury.confirm": {"vi": "Xác nhận kết quả", "en": "Confirm the results"},
    "page.jury.confirm_tick": {
        "vi": "Hãy đánh dấu ô xác nhận đã kiểm tra bảng xếp hạng trước khi xác nhận.",
        "en": "Tick the box saying you checked the standings before confirming.",
    },
    "page.jury.confirmed": {
        "vi": "Đã xác nhận kết quả của {count} thí sinh, {prizes} giải.",
        "en": "Results of {count} entrants confirmed, {prizes} prizes.",
    },
    "page.jury.all_confirmed": {
        "vi": "Kết quả của mọi nghề đã được xác nhận.",
        "en": "Every trade's results are confirmed.",
    },
    "page.jury.results": {"vi": "Kết quả đã xác nhận", "en": "Confirmed results"},
    "page.jury.no_results": {"vi": "Chưa có kết quả được xác nhận.", "en": "No confirmed results yet."},
    "page.jury.results_summary": {
        "vi": "{prizes} giải ở {categories} nghề, tổng tiền thưởng {money}.",
        "en": "{prizes} prizes in {categories} trades, {money} in prize money.",
    },
    "page.jury.exports": {"vi": "Xuất danh sách và văn bản", "en": "Lists and documents"},
    "page.jury.decision_no": {
        "vi": "Số quyết định (để trống: bản dự thảo)",
        "en": "Decision number (blank: a draft)",
    },
    "page.jury.export.giaithuong": {"vi": "Danh sách giải (.xlsx)", "en": "Prize list (.xlsx)"},
    "page.jury.export.quyetdinh_ketqua": {
        "vi": "Quyết định công nhận kết quả (.docx)",
        "en": "Decision recognising the results (.docx)",
    },
    "page.jury.export.chungnhan": {"vi": "Giấy chứng nhận (.docx)", "en": "Certificates (.docx)"},
    "page.admin.contest": {"vi": "Hội thi", "en": "Contest"},
    "page.admin.contest_line": {
        "vi": "{categories} nghề, {judges} giám khảo; tiêu chí: {criteria}; giải mỗi nghề: {tiers}; tổng cộng "
        "{prizes} giải, {money}.",
        "en": "{categories} trades, {judges} judges; criteria: {criteria}; prizes per trade: {tiers}; in all "
        "{prizes} prizes, {money}.",
    },
}

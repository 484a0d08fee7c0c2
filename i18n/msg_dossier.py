"""Messages of the dossier (hồ sơ: R-DOS-1..3), the dossier checklist page and the hop records."""

MESSAGES: dict[str, dict[str, str]] = {
    "dossier.kind.TTR": {"vi": "Tờ trình (kèm danh sách)", "en": "Submission letter (with the list)"},
    "dossier.kind.BCTT": {"vi": "Báo cáo thành tích", "en": "Achievement report"},
    "dossier.kind.BB_HD": {"vi": "Biên bản họp Hội đồng TĐKT", "en": "Council meeting minutes"},
    "dossier.kind.CN_SK": {"vi": "Chứng nhận sáng kiến", "en": "Initiative recognition"},
    "dossier.kind.QD_TRUOC": {"vi": "Quyết định các năm trước", "en": "Earlier years' decisions"},
    "guard.dossier_missing": {
        "vi": "Hồ sơ còn thiếu {count} văn bản: {missing}. Ghi nhận đủ văn bản ở mục 'Hồ sơ, văn bản' "
        "rồi trình lại.",
        "en": "The dossier lacks {count} document(s): {missing}. Record them under 'Dossier documents', "
        "then submit again.",
    },
    "guard.dossier_dates": {
        "vi": "Ngày tháng trong hồ sơ chưa hợp lệ: {problem}",
        "en": "The dossier's dates do not fit: {problem}",
    },
    "dossier.copies_short": {
        "vi": "{kind}: mới có {copies} bộ bản chính, hình thức này cần {needed} bộ.",
        "en": "{kind}: {copies} original set(s) recorded, this form needs {needed}.",
    },
    "dossier.held_outside": {
        "vi": "cuộc họp ngày {held} nằm ngoài thời gian đợt thi đua ({opens}–{closes}).",
        "en": "the meeting on {held} is outside the campaign window ({opens}–{closes}).",
    },
    "dossier.ttr_outside": {
        "vi": "tờ trình ngày {issued} nằm ngoài thời gian đợt thi đua ({opens}–{closes}).",
        "en": "the submission letter of {issued} is outside the campaign window ({opens}–{closes}).",
    },
    "dossier.held_after_ttr": {
        "vi": "cuộc họp ngày {held} diễn ra sau tờ trình ngày {issued}; biên bản họp phải có trước tờ trình.",
        "en": "the meeting on {held} comes after the submission letter of {issued}; the minutes must "
        "come first.",
    },
    "dossier.ttr_after_submit": {
        "vi": "tờ trình ghi ngày {issued}, sau ngày trình {submitted}.",
        "en": "the submission letter is dated {issued}, after the submission on {submitted}.",
    },
    "rule.doc_type_mismatch": {
        "vi": "Cột '{column}': '{value}' không phải loại văn bản cần ở đây; số, ký hiệu phải có "
        "loại '{expected}', ví dụ {example}.",
        "en": "'{column}': '{value}' is not the right kind of document; the number must carry "
        "'{expected}', e.g. {example}.",
    },
    "rule.dossier_kind_twice": {
        "vi": "Cột '{column}': hồ sơ đã có '{value}'. Sửa văn bản đã ghi thay vì thêm bản thứ hai.",
        "en": "'{column}': the dossier already has '{value}'. Edit it instead of adding a second one.",
    },
    "rule.held_after_issued": {
        "vi": "Cột '{column}': ngày họp '{value}' sau ngày ban hành biên bản {issued}.",
        "en": "'{column}': the meeting day '{value}' is after the minutes' date {issued}.",
    },
    "auth.dossier_not_editable": {
        "vi": "Chỉ cán bộ của đơn vị trình được ghi hồ sơ, và chỉ khi hồ sơ đang ở trạng thái "
        "'{state}' cho phép sửa.",
        "en": "Only the submitting unit's officers may record documents, and only while the row's "
        "state ('{state}') allows editing.",
    },
    "page.dossier.title": {"vi": "Hồ sơ, văn bản", "en": "Dossier documents"},
    "page.dossier.required": {
        "vi": "Văn bản cần có khi trình ({level}):",
        "en": "Documents needed to submit ({level}):",
    },
    "page.dossier.none_required": {
        "vi": "Hình thức này không đòi hồ sơ kèm theo khi trình (theo quy định đang áp dụng).",
        "en": "This award needs no documents attached when submitting (under the rules in force).",
    },
    "page.dossier.present": {"vi": "Đã có", "en": "Present"},
    "page.dossier.missing": {"vi": "Còn thiếu", "en": "Missing"},
    "page.dossier.optional": {"vi": "Không bắt buộc", "en": "Optional"},
    "page.dossier.record": {"vi": "Ghi nhận văn bản", "en": "Record a document"},
    "page.dossier.save": {"vi": "Lưu văn bản", "en": "Save the document"},
    "page.dossier.remove": {"vi": "Gỡ văn bản", "en": "Remove the document"},
    "page.dossier.saved": {"vi": "Đã lưu văn bản vào hồ sơ.", "en": "Document saved to the dossier."},
    "page.dossier.removed": {"vi": "Đã gỡ văn bản khỏi hồ sơ.", "en": "Document removed from the dossier."},
    "page.dossier.read_only": {
        "vi": "Hồ sơ chỉ sửa được khi đang ở trạng thái dự thảo hoặc bị trả lại.",
        "en": "The dossier can be changed only while the row is a draft or returned.",
    },
    "page.dossier.hops": {"vi": "Hồ sơ đã đi qua các cấp", "en": "Where the dossier has been"},
    "page.dossier.hop_line": {
        "vi": "{at}: {from_unit} → {to_unit} ({action}, lần trình {revision}){reason}",
        "en": "{at}: {from_unit} → {to_unit} ({action}, revision {revision}){reason}",
    },
    "page.dossier.no_hops": {
        "vi": "Hồ sơ chưa rời đơn vị.",
        "en": "The dossier has not left the unit yet.",
    },
    "ui.action.dossier_add": {"vi": "Ghi nhận văn bản hồ sơ", "en": "Document recorded"},
    "ui.action.dossier_edit": {"vi": "Sửa văn bản hồ sơ", "en": "Document edited"},
    "ui.action.dossier_remove": {"vi": "Gỡ văn bản hồ sơ", "en": "Document removed"},
    "spec.award_level_unreachable": {
        "vi": "{file}: '{key}': danh hiệu '{award}' do cấp {level} quyết định, nhưng quy trình "
        "'{workflow}' chỉ lên tới cấp {top}. Thêm bước ở cấp {level} (state có level: {level}) hoặc bỏ "
        "'{award}' khỏi biểu mẫu.",
        "en": "{file}: '{key}': award '{award}' is decided at level {level}, but workflow '{workflow}' "
        "only goes up to {top}. Add a stage at {level} (a state with level: {level}) or take '{award}' "
        "off the form.",
    },
    "spec.award_not_decided": {
        "vi": "{file}: '{key}': danh hiệu '{award}' do cấp {level} quyết định ở bước '{stage}' của quy "
        "trình '{workflow}', nhưng từ '{stage}' không có thao tác nào dẫn tới trạng thái khen thưởng "
        "(outcome: awarded). Thêm thao tác khen thưởng từ '{stage}'.",
        "en": "{file}: '{key}': award '{award}' is decided at level {level}, at stage '{stage}' of "
        "workflow '{workflow}', but no move leads from '{stage}' to an awarded state (outcome: "
        "awarded). Add an award move from '{stage}'.",
    },
    "guard.not_decided_here": {
        "vi": "'{award}' do {decider} quyết định, không phải đơn vị {unit}.",
        "en": "'{award}' is decided by {decider}, not by unit {unit}.",
    },
    "guard.not_decided_beyond": {
        "vi": "'{award}' do {unit} quyết định: Hội đồng khen thưởng tại đây, không trình lên Tổng Liên đoàn.",
        "en": "'{award}' is decided by {unit}: the council awards it here and does not send it on to the VGCL.",
    },
    "guard.decided_here": {
        "vi": "'{award}' do chính đơn vị {unit} quyết định: khen thưởng tại đây, không trình lên cấp trên.",
        "en": "'{award}' is decided by unit {unit} itself: award it here, do not send it further up.",
    },
}

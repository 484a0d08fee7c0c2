"""Tabs of a nomination's dossier (DOMAIN.md §3.6) and of its journey between levels (§5.1).

``dossier_documents``: one row per document a submitting unit recorded for one submission (tờ
trình, báo cáo thành tích, biên bản họp, chứng nhận sáng kiến, quyết định năm trước). Which
kinds are required, and how many paper copies, is dated data in ``workflows/rules.yaml``
(``dossier_docs.*``, ``dossier_extra.*``, ``dossier_copies.*``), never code.

``hops``: one row per move of a submission between levels (sent up, forwarded, returned),
appended in the same store call as the history row of that move.
"""

from __future__ import annotations

import pandas as pd
from pandera.typing import Series

from core.dossier import DOC_KINDS
from schemas.tabs import Envelope, col


class DossierDocument(Envelope):
    """One document of one submission's dossier, with its number, date and paper copies."""

    tab: Series[str] = col("Bảng hồ sơ", "Submission tab", isin=("nominations", "works", "initiatives"))
    row_id: Series[str] = col("Mã hồ sơ", "Submission id", str_length={"min_value": 1})
    kind: Series[str] = col("Loại văn bản", "Document kind", isin=DOC_KINDS)
    so_ky_hieu: Series[str] = col(
        "Số, ký hiệu",
        "Document number",
        help_vi="Ví dụ: 12/TTr-CĐCS, 05/BB-CĐCS. Có thể để trống với báo cáo thành tích.",
        help_en="E.g. 12/TTr-CĐCS, 05/BB-CĐCS. May be blank for an achievement report.",
    )
    issued_on: Series[str] = col("Ngày ban hành", "Issued on", "date")
    held_on: Series[str] = col(
        "Ngày họp",
        "Meeting held on",
        "date",
        help_vi="Chỉ với biên bản họp: ngày họp Hội đồng / Ban Chấp hành.",
        help_en="Meeting minutes only: the day the council or executive committee met.",
        nullable=True,
    )
    copies: Series[pd.Int64Dtype] = col(
        "Số bộ (bản gốc)", "Paper copies (originals)", "int", ge=0, le=20, nullable=True
    )
    file_ref: Series[str] = col(
        "Tệp / đường dẫn",
        "File or link",
        help_vi="Tên tệp hoặc đường dẫn tới bản quét (Google Drive...).",
        help_en="File name or link to the scan (Google Drive...).",
        str_length={"max_value": 500},
    )
    note: Series[str] = col("Ghi chú", "Note", str_length={"max_value": 1000})
    removed: Series[bool] = col("Đã gỡ", "Removed", "bool")
    # the minutes' vote (R-DOS-5) and the attached file (R-DOS-4): new columns go last, so a sheet
    # made before them gains them at the end (ensure_tabs never reorders)
    vote_yes: Series[pd.Int64Dtype] = col(
        "Số phiếu tán thành",
        "Votes in favour",
        "int",
        help_vi="Chỉ với biên bản họp: số thành viên tán thành.",
        help_en="Meeting minutes only: members voting in favour.",
        ge=0,
        le=1000,
        nullable=True,
    )
    vote_total: Series[pd.Int64Dtype] = col(
        "Tổng số thành viên",
        "Members in all",
        "int",
        help_vi="Chỉ với biên bản họp: tổng số thành viên Hội đồng (mẫu số của tỷ lệ biểu quyết).",
        help_en="Meeting minutes only: all council members (the denominator of the vote share).",
        ge=0,
        le=1000,
        nullable=True,
    )
    file_name: Series[str] = col("Tên tệp đính kèm", "Attached file name", str_length={"max_value": 255})
    file_mime: Series[str] = col("Loại tệp", "File type", str_length={"max_value": 100})
    file_size: Series[pd.Int64Dtype] = col("Dung lượng (byte)", "Size (bytes)", "int", ge=0, nullable=True)
    file_sha256: Series[str] = col("Mã băm SHA-256", "SHA-256", str_length={"max_value": 64})


class Hop(Envelope):
    """A submission moved between levels: from which unit to which, into which state, and why."""

    tab: Series[str] = col("Bảng hồ sơ", "Submission tab")
    row_id: Series[str] = col("Mã hồ sơ", "Submission id", str_length={"min_value": 1})
    campaign_id: Series[str] = col("Đợt thi đua", "Campaign")
    from_unit: Series[str] = col("Từ đơn vị", "From unit")
    to_unit: Series[str] = col("Đến đơn vị", "To unit")
    state: Series[str] = col("Trạng thái", "State")
    action: Series[str] = col("Thao tác", "Action")
    reason: Series[str] = col("Lý do", "Reason")
    revision: Series[pd.Int64Dtype] = col("Lần trình", "Revision", "int", ge=0)
    actor_email: Series[str] = col("Người thực hiện", "Actor")
    at: Series[str] = col("Thời điểm", "At", "datetime")

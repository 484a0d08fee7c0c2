"""Tabs of a person's award history (DOMAIN.md §3.3, §3.8): who the people are, how they were
rated each year, which decisions were issued and which awards those decisions granted.

``persons`` and ``person_years`` are what the prerequisite rules (R-LDTT-*, R-CSTDCS-*,
R-CSTDBNT-1, R-CSTDTQ-1, R-BK-1) read; ``decisions`` and ``award_grants`` are the history table
every consecutive-year rule counts on, written by :mod:`services.decisions` (R-DEC-1, R-DEC-2).
A nomination names its person by ``person_id`` when the unit knows it, or else by the
diacritic-insensitive name key (:func:`core.text.match_key`) within the submitting unit.
"""

from __future__ import annotations

import pandas as pd
from pandera.typing import Series

from core import model
from schemas.tabs import Envelope, col

GENDERS: tuple[str, ...] = ("NAM", "NU", "KHAC")
#: Yearly task rating (DOMAIN.md §3.3), best first.
TASK_RATINGS: tuple[str, ...] = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")
#: Discipline in a year, mildest first (order matters: "at or above a reprimand").
DISCIPLINES: tuple[str, ...] = ("NONE", "KHIEN_TRACH", "CANH_CAO", "HIGHER")
DECISION_KINDS: tuple[str, ...] = ("TANG", "CONG_NHAN", "HUY_BO")
GRANT_SUBJECTS: tuple[str, ...] = ("CA_NHAN", "TAP_THE")
#: Law 2022 Chapter VII grounds for revoking an award (R-REVOKE).
REVOKE_REASONS: tuple[str, ...] = ("KE_KHAI_SAI", "GIA_MAO_HO_SO", "THAM_DINH_SAI", "KHONG_DU_TIEU_CHUAN")


class Person(Envelope):
    """A (fictional, in the demo) union member; ``id`` is a synthetic key, never a national ID."""

    full_name: Series[str] = col(
        "Họ và tên",
        "Full name",
        help_vi="Họ, tên đệm và tên, ví dụ: Nguyễn Thị Thu Thủy.",
        help_en="Family, middle and given names, e.g. Nguyễn Thị Thu Thủy.",
        str_length={"min_value": 2, "max_value": 200},
    )
    gender: Series[str] = col(
        "Giới tính", "Gender", help_vi="NAM, NU hoặc KHAC; không suy ra từ tên.", isin=GENDERS
    )
    birth_year: Series[pd.Int64Dtype] = col("Năm sinh", "Birth year", "int", ge=1900, le=2100, nullable=True)
    unit_id: Series[str] = col("Đơn vị", "Unit", str_length={"min_value": 1})
    position: Series[str] = col("Chức vụ", "Position", help_vi="Ví dụ: Công nhân, Tổ trưởng.")
    is_union_member: Series[bool] = col("Là đoàn viên", "Union member", "bool")
    is_direct_worker: Series[bool] = col("Trực tiếp lao động, sản xuất", "Direct worker", "bool")
    is_leader: Series[bool] = col("Giữ chức vụ lãnh đạo", "Holds a management post", "bool")
    hired_on: Series[str] = col(
        "Ngày vào làm việc",
        "Hired on",
        "date",
        help_vi="Dùng cho quy tắc: làm việc dưới 10 tháng trong năm thì chưa xét LĐTT (R-LDTT-3).",
        help_en="Used by the rule: under 10 months of work in the year, no LĐTT (R-LDTT-3).",
        nullable=True,
    )


class PersonYear(Envelope):
    """A person's rating, discipline and recognised initiatives for one year (DOMAIN.md §3.3)."""

    person_id: Series[str] = col("Cá nhân", "Person", str_length={"min_value": 1})
    year: Series[pd.Int64Dtype] = col("Năm", "Year", "int", ge=2000, le=2100)
    task_rating: Series[str] = col(
        "Xếp loại",
        "Task rating",
        help_vi="HTXSNV (xuất sắc), HTTNV (tốt), HTNV (hoàn thành), KHTNV (không hoàn thành).",
        help_en="HTXSNV (outstanding), HTTNV (good), HTNV (completed), KHTNV (not completed).",
        isin=TASK_RATINGS,
    )
    discipline: Series[str] = col(
        "Kỷ luật",
        "Discipline",
        help_vi="NONE (không), KHIEN_TRACH (khiển trách), CANH_CAO (cảnh cáo), HIGHER (cao hơn).",
        help_en="NONE, KHIEN_TRACH (reprimand), CANH_CAO (warning), HIGHER.",
        isin=DISCIPLINES,
    )
    leave_days: Series[pd.Int64Dtype] = col("Số ngày nghỉ", "Leave days", "int", ge=0, nullable=True)
    maternity: Series[bool] = col("Nghỉ thai sản", "Maternity leave", "bool")
    initiatives_recognised: Series[pd.Int64Dtype] = col(
        "Số sáng kiến được công nhận",
        "Initiatives recognised",
        "int",
        help_vi="Sáng kiến (hoặc đề tài) của người này được công nhận, áp dụng trong năm, "
        "kể cả trước khi dùng ứng dụng.",
        help_en="This person's initiatives (or research topics) recognised and applied that year, "
        "including before the app.",
        ge=0,
        nullable=True,
    )
    initiative_scope: Series[str] = col(
        "Phạm vi ảnh hưởng cao nhất",
        "Widest scope of influence",
        help_vi="CO_SO, BO_NGANH_TINH hoặc TOAN_QUOC; để trống nếu không có.",
        help_en="CO_SO, BO_NGANH_TINH or TOAN_QUOC; blank if none.",
        isin=("", *model.INFLUENCE_SCOPES),
    )


class Decision(Envelope):
    """A commendation decision (quyết định khen thưởng), e.g. "123/QĐ-LĐLĐ" (DOMAIN.md §3.8)."""

    number: Series[str] = col(
        "Số, ký hiệu",
        "Number",
        help_vi="Ví dụ: 123/QĐ-LĐLĐ.",
        help_en="E.g. 123/QĐ-LĐLĐ.",
        str_length={"min_value": 3},
    )
    kind: Series[str] = col("Loại quyết định", "Kind", isin=DECISION_KINDS)
    issuer_unit_id: Series[str] = col("Đơn vị ban hành", "Issuing unit", str_length={"min_value": 1})
    issued_on: Series[str] = col("Ngày ký", "Signed on", "date")
    campaign_id: Series[str] = col("Đợt thi đua", "Campaign")
    award_code: Series[str] = col("Danh hiệu / hình thức", "Title / award")
    year: Series[pd.Int64Dtype] = col("Năm thành tích", "Achievement year", "int", ge=2000, le=2100)
    signer_name: Series[str] = col("Người ký", "Signed by")
    signer_title: Series[str] = col("Chức vụ người ký", "Signer's title")


class AwardGrant(Envelope):
    """One award granted to one person or collective by a decision; revoked grants stay, flagged."""

    decision_id: Series[str] = col("Quyết định", "Decision")
    subject_kind: Series[str] = col("Đối tượng", "Subject", isin=GRANT_SUBJECTS)
    subject_id: Series[str] = col(
        "Mã đối tượng",
        "Subject id",
        help_vi="Mã cá nhân (persons) hoặc mã đơn vị (units) với tập thể.",
        help_en="The person id (persons) or, for a collective, the unit id (units).",
    )
    subject_name: Series[str] = col("Họ tên / tên tập thể", "Name", str_length={"min_value": 2})
    unit_id: Series[str] = col("Đơn vị", "Unit", str_length={"min_value": 1})
    award_code: Series[str] = col("Danh hiệu / hình thức", "Title / award", str_length={"min_value": 1})
    year: Series[pd.Int64Dtype] = col("Năm thành tích", "Achievement year", "int", ge=2000, le=2100)
    nomination_id: Series[str] = col("Hồ sơ đề nghị", "Nomination")
    revoked: Series[bool] = col("Đã hủy bỏ", "Revoked", "bool")
    revoked_on: Series[str] = col("Ngày hủy bỏ", "Revoked on", "date", nullable=True)
    revoke_reason: Series[str] = col("Lý do hủy bỏ", "Reason for revoking")

"""Tabs of the union tree over time and of the procedures the law requires (issue 20).

``unit_parents``: a unit's parent for a period (DOMAIN.md §3.1 ``OrgUnitParent``). The tree on a
day is built from the rows in force that day; a unit with no row keeps ``units.parent_id``.
Written by ``cli.py reorganise`` (services/reorganise.py), never edited in place: a change closes
the old row (``valid_to``) and adds a new one.

``public_comments``: the comment log of a publication of the proposed list (công khai, lấy ý
kiến): who commented (as given), on which nomination, what, when, through which channel.

``holds``: a person's award held while discipline, an inspection or a complaint is pending
(NĐ 152/2025 Điều 4); a hold is lifted with a reason, never deleted.
"""

from __future__ import annotations

from pandera.typing import Series

from schemas.tabs import Envelope, col

#: Why an award is held (NĐ 152/2025 Điều 4).
HOLD_GROUNDS: tuple[str, ...] = ("DISCIPLINE", "INSPECTION", "COMPLAINT")
HOLD_STATUSES: tuple[str, ...] = ("ACTIVE", "LIFTED")
#: How a comment reached the organiser.
COMMENT_CHANNELS: tuple[str, ...] = ("PORTAL", "EMAIL", "LETTER", "PHONE", "IN_PERSON")


class UnitParent(Envelope):
    """A unit's parent from one day to another (both inclusive; blank ``valid_to`` = still so)."""

    unit_id: Series[str] = col("Đơn vị", "Unit", str_length={"min_value": 1})
    parent_id: Series[str] = col("Đơn vị cấp trên", "Parent unit")
    valid_from: Series[str] = col("Hiệu lực từ", "Valid from", "date")
    valid_to: Series[str] = col("Hiệu lực đến", "Valid to", "date", nullable=True)
    plan_id: Series[str] = col("Phương án sắp xếp", "Reorganisation plan")
    decision: Series[str] = col("Quyết định", "Decision")


class PublicComment(Envelope):
    """One comment received while a proposed list was published."""

    campaign_id: Series[str] = col("Đợt thi đua", "Campaign", str_length={"min_value": 1})
    tab: Series[str] = col("Bảng hồ sơ", "Submission tab")
    row_id: Series[str] = col("Mã hồ sơ", "Submission id", str_length={"min_value": 1})
    author: Series[str] = col(
        "Người góp ý",
        "Commenter",
        help_vi="Họ tên, đơn vị như người góp ý ghi (có thể để 'Không ký tên').",
        help_en="Name and unit as the commenter gave them (may be 'unsigned').",
        str_length={"min_value": 1, "max_value": 200},
    )
    channel: Series[str] = col("Hình thức nhận", "Received through", isin=COMMENT_CHANNELS)
    text: Series[str] = col("Nội dung góp ý", "Comment", str_length={"min_value": 5, "max_value": 4000})
    received_on: Series[str] = col("Ngày nhận", "Received on", "date")
    recorded_by: Series[str] = col("Người ghi nhận", "Recorded by")


class Hold(Envelope):
    """A hold on one submission's award: why, since when, and how it was lifted."""

    tab: Series[str] = col("Bảng hồ sơ", "Submission tab")
    row_id: Series[str] = col("Mã hồ sơ", "Submission id", str_length={"min_value": 1})
    campaign_id: Series[str] = col("Đợt thi đua", "Campaign")
    unit_id: Series[str] = col("Đơn vị trình", "Submitting unit")
    ground: Series[str] = col("Căn cứ tạm dừng", "Ground", isin=HOLD_GROUNDS)
    note: Series[str] = col("Nội dung", "Details", str_length={"min_value": 5, "max_value": 2000})
    status: Series[str] = col("Tình trạng", "Status", isin=HOLD_STATUSES)
    placed_on: Series[str] = col("Ngày tạm dừng", "Placed on", "date")
    placed_by: Series[str] = col("Người tạm dừng", "Placed by")
    lifted_on: Series[str] = col("Ngày gỡ", "Lifted on", "date", nullable=True)
    lifted_by: Series[str] = col("Người gỡ", "Lifted by")
    lift_reason: Series[str] = col("Lý do gỡ", "Reason for lifting", str_length={"max_value": 2000})

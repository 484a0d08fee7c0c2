"""One pandera DataFrameModel per tab. Column ``metadata`` carries the Vietnamese and English
labels, the storage kind (text, int, money, date, datetime, bool) and help text, so forms, Excel
templates and error messages are generated from the schema, not written twice.

Dates are stored as ISO text ``YYYY-MM-DD``; timestamps as ISO 8601 with offset; money as
integer VND (never float, DOMAIN.md R-FMT-MONEY).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from core import model

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


def col(vi: str, en: str, kind: str = "text", help_vi: str = "", help_en: str = "", **kw: Any) -> Any:
    """A pandera Field with the labels and storage kind in its metadata."""
    meta = {"vi": vi, "en": en, "kind": kind, "help_vi": help_vi, "help_en": help_en}
    if kind == "date":
        kw.setdefault("str_matches", ISO_DATE)
    return pa.Field(metadata=meta, **kw)


class Envelope(pa.DataFrameModel):
    """Columns every tab starts with: immutable id, optimistic-concurrency version, audit."""

    id: Series[str] = col("Mã", "ID", unique=True, str_length={"min_value": 1})
    version: Series[pd.Int64Dtype] = col("Phiên bản", "Version", "int", ge=1)
    created_at: Series[str] = col("Tạo lúc", "Created at", "datetime")
    updated_at: Series[str] = col("Sửa lúc", "Updated at", "datetime")
    updated_by: Series[str] = col("Người sửa", "Updated by")

    class Config:
        coerce = True
        strict = False


class Unit(Envelope):
    """An organisation unit of the union tree (DOMAIN.md §3.1); ``id`` is the stable unit code."""

    name_vi: Series[str] = col("Tên đơn vị", "Unit name", str_length={"min_value": 1})
    short_name: Series[str] = col("Tên viết tắt", "Short name")
    level: Series[str] = col("Cấp", "Level", isin=model.LEVELS)
    cttcs_kind: Series[str] = col("Loại CĐ cấp trên cơ sở", "Upper-union kind", isin=("", *model.CTTCS_KINDS))
    parent_id: Series[str] = col("Đơn vị cấp trên", "Parent unit")
    sector: Series[str] = col("Khu vực", "Sector", isin=model.SECTORS)
    district: Series[str] = col("Địa bàn", "District")
    member_count: Series[pd.Int64Dtype] = col("Số đoàn viên", "Members", "int", ge=0)
    worker_count: Series[pd.Int64Dtype] = col("Số người lao động", "Workers", "int", ge=0, nullable=True)
    established_on: Series[str] = col("Ngày thành lập", "Established on", "date", nullable=True)
    valid_from: Series[str] = col("Hiệu lực từ", "Valid from", "date")
    valid_to: Series[str] = col("Hiệu lực đến", "Valid to", "date", nullable=True)


class Cluster(Envelope):
    """An emulation cluster or bloc (cụm / khối thi đua)."""

    name_vi: Series[str] = col("Tên cụm", "Cluster name", str_length={"min_value": 1})
    kind: Series[str] = col("Loại", "Kind", isin=model.CLUSTER_KINDS)
    organiser_unit_id: Series[str] = col("Đơn vị tổ chức", "Organiser unit")
    member_level: Series[str] = col("Cấp thành viên", "Member level", isin=model.LEVELS)


class ClusterMember(Envelope):
    """A unit's membership of a cluster in one year, with its role (head, deputy, member)."""

    cluster_id: Series[str] = col("Cụm", "Cluster")
    year: Series[pd.Int64Dtype] = col("Năm", "Year", "int", ge=2000, le=2100)
    unit_id: Series[str] = col("Đơn vị", "Unit")
    role: Series[str] = col("Vai trò", "Role", isin=model.CLUSTER_ROLES)


class User(Envelope):
    """One role of one person in one unit; a person may have several rows."""

    email: Series[str] = col("Email", "Email", str_matches=r"^[^@\s]+@[^@\s]+$")
    full_name: Series[str] = col("Họ và tên", "Full name", str_length={"min_value": 1})
    role: Series[str] = col("Vai trò", "Role", isin=model.ROLES)
    unit_id: Series[str] = col("Đơn vị", "Unit")
    active: Series[bool] = col("Đang hoạt động", "Active", "bool")


class CatalogueItem(Envelope):
    """A title or form of commendation (DOMAIN.md §3.5); ``id`` is the code, e.g. ``CSTD_CS``."""

    name_vi: Series[str] = col("Tên (tiếng Việt)", "Name (Vietnamese)", str_length={"min_value": 1})
    name_en: Series[str] = col("Tên (tiếng Anh)", "Name (English)")
    category: Series[str] = col("Loại", "Category", isin=model.CATEGORIES)
    subject_kind: Series[str] = col("Đối tượng", "Subject", isin=model.SUBJECT_KINDS)
    system: Series[str] = col("Hệ thống", "System", isin=model.SYSTEMS)
    awarding_level: Series[str] = col("Cấp quyết định", "Awarding level", isin=model.LEVELS)
    active: Series[bool] = col("Đang áp dụng", "Active", "bool")


class Campaign(Envelope):
    """A campaign (đợt / phong trào thi đua); its forms and workflow live in ``spec_file``."""

    name_vi: Series[str] = col("Tên đợt thi đua", "Campaign name", str_length={"min_value": 1})
    name_en: Series[str] = col("Tên (tiếng Anh)", "Name (English)")
    kind: Series[str] = col("Loại", "Kind", isin=model.CAMPAIGN_KINDS)
    year: Series[pd.Int64Dtype] = col("Năm", "Year", "int", ge=2000, le=2100)
    launch_doc: Series[str] = col("Văn bản phát động", "Launch document")
    launch_doc_date: Series[str] = col("Ngày văn bản", "Document date", "date", nullable=True)
    organiser_unit_id: Series[str] = col("Đơn vị phát động", "Organiser")
    start_date: Series[str] = col("Ngày bắt đầu", "Opens", "date")
    end_date: Series[str] = col("Ngày kết thúc", "Closes", "date")
    spec_file: Series[str] = col("Tệp cấu hình", "Spec file")
    status: Series[str] = col("Tình trạng", "Status", isin=model.CAMPAIGN_STATUSES)


class Submission(Envelope):
    """Columns shared by every workflow-driven tab: where the row sits and why."""

    campaign_id: Series[str] = col("Đợt thi đua", "Campaign", str_length={"min_value": 1})
    form: Series[str] = col("Biểu mẫu", "Form")
    unit_id: Series[str] = col("Đơn vị trình", "Submitting unit", str_length={"min_value": 1})
    state: Series[str] = col("Trạng thái", "State", str_length={"min_value": 1})
    revision: Series[pd.Int64Dtype] = col("Lần trình", "Revision", "int", ge=0)
    last_reason: Series[str] = col("Lý do gần nhất", "Latest reason")
    submitted_at: Series[str] = col("Trình lúc", "Submitted at", "datetime")
    state_since: Series[str] = col("Vào trạng thái lúc", "In state since", "datetime")
    client_token: Series[str] = col("Mã gửi", "Client token")


class Nomination(Submission):
    """A nomination (đề nghị khen thưởng) of a person or a collective for a title or award."""

    subject_kind: Series[str] = col("Đối tượng", "Subject", isin=("CA_NHAN", "TAP_THE"))
    full_name: Series[str] = col(
        "Họ và tên / Tên tập thể",
        "Full name / collective",
        help_vi="Ghi đầy đủ họ, tên đệm và tên, ví dụ: Nguyễn Thị Thu Thủy.",
        help_en="Family, middle and given names, e.g. Nguyễn Thị Thu Thủy.",
        str_length={"min_value": 2, "max_value": 200},
    )
    position: Series[str] = col(
        "Chức vụ", "Position", help_vi="Ví dụ: Công nhân, Tổ trưởng.", help_en="E.g. worker, team lead."
    )
    award_code: Series[str] = col("Danh hiệu / hình thức", "Title / award", str_length={"min_value": 1})
    year: Series[pd.Int64Dtype] = col("Năm thành tích", "Achievement year", "int", ge=2000, le=2100)
    achievement: Series[str] = col(
        "Tóm tắt thành tích",
        "Achievement summary",
        help_vi="Tóm tắt thành tích nổi bật, tối thiểu 20 ký tự.",
        help_en="Key achievements, at least 20 characters.",
        str_length={"min_value": 20, "max_value": 4000},
    )
    fix_fields: Series[str] = col(
        "Cột cần sửa",
        "Fields to fix",
        help_vi="Các cột người thẩm định yêu cầu sửa khi trả lại (ngăn cách bằng dấu phẩy).",
        help_en="Columns the reviewer asked to fix when returning the row (comma-separated).",
    )
    # Optional links to the award history (schemas/tabs_awards.py); older rows leave them blank.
    person_id: Series[str] = col(
        "Mã cá nhân",
        "Person id",
        help_vi="Mã trong danh sách cá nhân (persons), nếu biết; để trống thì ứng dụng tìm theo họ tên "
        "trong đơn vị.",
        help_en="The id in the persons list, if known; blank = matched by name within the unit.",
    )
    criterion_path: Series[str] = col(
        "Tiêu chuẩn Bằng khen",
        "Certificate of Merit criterion",
        help_vi="2 năm liên tục CSTĐCS, 2 năm HTXSNV và 2 sáng kiến, hoặc tiêu chuẩn khác (ghi rõ trong "
        "thành tích); để trống thì ứng dụng tự kiểm tra.",
        help_en="CSTĐCS 2 years running, 2 years HTXSNV and 2 initiatives, or another criterion (stated in "
        "the achievement); blank = checked automatically.",
        isin=("", *model.BK_CRITERION_PATHS),
    )


class Work(Submission):
    """A registered work, product or task (công trình, sản phẩm, phần việc)."""

    name_vi: Series[str] = col(
        "Tên công trình, sản phẩm",
        "Work name",
        help_vi="Ví dụ: Cầu Ngọc Hà vượt sông Cà Lồ (huyện Sóc Sơn).",
        help_en="E.g. Ngọc Hà bridge over the Cà Lồ river (Sóc Sơn).",
        str_length={"min_value": 5, "max_value": 300},
    )
    work_type: Series[str] = col("Loại", "Type", isin=model.WORK_TYPES)
    level: Series[str] = col("Cấp công trình", "Level", isin=model.WORK_LEVELS)
    implementing_org: Series[str] = col("Đơn vị thực hiện", "Implementer")
    planned_completion: Series[str] = col("Dự kiến hoàn thành", "Planned completion", "date")
    value_vnd: Series[pd.Int64Dtype] = col(
        "Giá trị (đồng)",
        "Value (VND)",
        "money",
        help_vi="Số nguyên, đơn vị đồng, ví dụ 8.500.000.",
        help_en="Whole VND, e.g. 8.500.000.",
        ge=0,
        nullable=True,
    )
    fix_fields: Series[str] = col(
        "Cột cần sửa",
        "Fields to fix",
        help_vi="Các cột người thẩm định yêu cầu sửa khi trả lại (ngăn cách bằng dấu phẩy).",
        help_en="Columns the reviewer asked to fix when returning the row (comma-separated).",
    )


class Initiative(Submission):
    """An initiative (sáng kiến) with its benefit and scope of influence."""

    title_vi: Series[str] = col(
        "Tên sáng kiến", "Initiative title", str_length={"min_value": 5, "max_value": 300}
    )
    authors: Series[str] = col(
        "Tác giả", "Authors", help_vi="Ngăn cách bằng dấu chấm phẩy.", help_en="Separate with semicolons."
    )
    field: Series[str] = col("Lĩnh vực", "Field", isin=model.INITIATIVE_FIELDS)
    first_applied_on: Series[str] = col("Ngày áp dụng lần đầu", "First applied on", "date")
    benefit_vnd: Series[pd.Int64Dtype] = col(
        "Giá trị làm lợi (đồng)", "Benefit (VND)", "money", ge=0, nullable=True
    )
    influence_scope: Series[str] = col("Phạm vi ảnh hưởng", "Scope of influence", isin=model.INFLUENCE_SCOPES)
    fix_fields: Series[str] = col(
        "Cột cần sửa",
        "Fields to fix",
        help_vi="Các cột người thẩm định yêu cầu sửa khi trả lại (ngăn cách bằng dấu phẩy).",
        help_en="Columns the reviewer asked to fix when returning the row (comma-separated).",
    )


class History(Envelope):
    """Append-only audit trail: every state change, who, when, from, to and why."""

    tab: Series[str] = col("Bảng", "Tab")
    row_id: Series[str] = col("Mã hồ sơ", "Row id")
    campaign_id: Series[str] = col("Đợt thi đua", "Campaign")
    action: Series[str] = col("Thao tác", "Action")
    from_state: Series[str] = col("Từ trạng thái", "From state")
    to_state: Series[str] = col("Sang trạng thái", "To state")
    actor_email: Series[str] = col("Người thực hiện", "Actor")
    actor_role: Series[str] = col("Vai trò", "Role")
    actor_unit: Series[str] = col("Đơn vị người thực hiện", "Actor unit")
    reason: Series[str] = col("Lý do", "Reason")
    at: Series[str] = col("Thời điểm", "At", "datetime")


#: How sure we are of a rule's value (DOMAIN.md §0): confirmed, an older rule still applied,
#: not yet confirmed, or a local configuration choice.
RULE_STATUSES: tuple[str, ...] = ("CONFIRMED", "OLD-RULE", "UNCONFIRMED", "CONFIG")


class Rule(Envelope):
    """A dated rule parameter (DOMAIN.md §4): the value of ``code`` in force from/to a date."""

    code: Series[str] = col("Mã quy tắc", "Rule code", str_matches=r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)?$")
    value: Series[str] = col(
        "Giá trị",
        "Value",
        help_vi="Số dùng dấu chấm thập phân (0.15), hoặc một giá trị mà phần ghi chú của quy tắc cho phép; "
        "để trống = không áp dụng.",
        help_en="Numbers with a decimal point (0.15), or a value the rule's note allows; "
        "blank = not applied.",
    )
    valid_from: Series[str] = col("Hiệu lực từ", "Valid from", "date")
    valid_to: Series[str] = col("Hiệu lực đến", "Valid to", "date", nullable=True)
    status: Series[str] = col("Mức xác nhận", "Status", isin=RULE_STATUSES)
    source_url: Series[str] = col("Nguồn", "Source")
    note: Series[str] = col("Ghi chú", "Note")
    #: the legal text and article the value comes from ("NĐ 152/2025/NĐ-CP Điều 50"); last, so a
    #: sheet made before it gains the column at the end (ensure_tabs never reorders)
    source: Series[str] = col(
        "Căn cứ",
        "Legal source",
        help_vi="Văn bản và điều khoản quy định giá trị này, ví dụ: NĐ 152/2025/NĐ-CP Điều 50.",
        help_en="The legal text and article behind the value, e.g. NĐ 152/2025/NĐ-CP Điều 50.",
    )


class Reopening(Envelope):
    """An admin reopened a closed campaign for one unit until a date, with a recorded reason."""

    campaign_id: Series[str] = col("Đợt thi đua", "Campaign", str_length={"min_value": 1})
    unit_id: Series[str] = col("Đơn vị", "Unit", str_length={"min_value": 1})
    until: Series[str] = col("Mở đến ngày", "Open until", "date")
    reason: Series[str] = col("Lý do", "Reason", str_length={"min_value": 5})


class CampaignSpecVersion(Envelope):
    """A campaign YAML saved from the admin page: one row per version; the highest version wins."""

    campaign_id: Series[str] = col("Đợt thi đua", "Campaign", str_length={"min_value": 1})
    version_no: Series[pd.Int64Dtype] = col("Phiên bản đặc tả", "Spec version", "int", ge=1)
    yaml_text: Series[str] = col("Nội dung YAML", "YAML text", str_length={"min_value": 1})
    note: Series[str] = col("Ghi chú", "Note")

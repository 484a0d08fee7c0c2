"""The deterministic Hanoi demo (DOMAIN.md §7): real organisations from the seed articles,
generated grassroots unions marked "Demo", fictional people, and >3,000 submissions spread over
every state of both campaigns, each with a history consistent with its workflow.

Pure: builds rows; :func:`seed` writes them through the storage port.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections import deque
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from core.ports import Workbook
from core.text import ascii_slug
from demo import awards as demo_awards
from demo import contest as demo_contest
from demo import dossier as demo_dossier
from demo.assessment import build_assessment
from schemas.registry import headers
from schemas.rules import default_rule_rows
from services.field_ledger import ledger_rows as field_ledger_rows
from services.reference_sync import catalogue_rows
from services.reference_sync import ledger_rows as reference_ledger
from workflows.spec import CampaignSpec, WorkflowSpec

DEMO_DOMAIN = "demo.thidua.vn"

# (id, name, short, level, cttcs_kind, parent, sector, district, members)
_REAL_UNITS: list[tuple[str, str, str, str, str, str, str, str, int]] = [
    ("VN-TLD", "Tổng Liên đoàn Lao động Việt Nam", "Tổng LĐLĐ VN", "TLD", "", "", "HCSN", "", 0),
    (
        "HN-LDLD",
        "Liên đoàn Lao động thành phố Hà Nội",
        "LĐLĐ TP Hà Nội",
        "LDLD_TINH",
        "",
        "VN-TLD",
        "HCSN",
        "",
        629022,
    ),
    (
        "HN-CQ-LDLD",
        "Công đoàn Cơ quan Liên đoàn Lao động thành phố Hà Nội",
        "CĐ Cơ quan LĐLĐ TP",
        "CD_CTTCS",
        "CD_CO_QUAN",
        "HN-LDLD",
        "HCSN",
        "",
        420,
    ),
    ("HN-BAO-LDTD", "Báo Lao động Thủ đô", "Báo LĐTĐ", "DON_VI_SU_NGHIEP", "", "HN-LDLD", "HCSN", "", 65),
    (
        "HN-QUY-TV",
        "Quỹ Trợ vốn CNVCLĐ nghèo Thủ đô",
        "Quỹ Trợ vốn",
        "DON_VI_SU_NGHIEP",
        "",
        "HN-LDLD",
        "HCSN",
        "",
        24,
    ),
    (
        "HN-CUNG-VH",
        "Cung Văn hóa Lao động Hữu nghị Việt – Xô",
        "Cung VHLĐ Việt – Xô",
        "DON_VI_SU_NGHIEP",
        "",
        "HN-LDLD",
        "HCSN",
        "",
        80,
    ),
    (
        "HN-TTTVPL",
        "Trung tâm Tư vấn Pháp luật và Hỗ trợ NLĐ Công đoàn Hà Nội",
        "TT Tư vấn PL",
        "DON_VI_SU_NGHIEP",
        "",
        "HN-LDLD",
        "HCSN",
        "",
        18,
    ),
    # Cụm thi đua số 7 (seed 001)
    (
        "HN-CD-KCNCX",
        "Công đoàn các khu công nghiệp và chế xuất Hà Nội",
        "CĐ KCN&CX Hà Nội",
        "CD_CTTCS",
        "CD_KCN_CX",
        "HN-LDLD",
        "KHAC",
        "",
        152000,
    ),
    (
        "HN-CD-TCT-DTPT",
        "Công đoàn Tổng công ty Đầu tư và Phát triển Hà Nội",
        "CĐ TCT ĐT&PT HN",
        "CD_CTTCS",
        "CD_TCT",
        "HN-LDLD",
        "DNNN",
        "",
        3100,
    ),
    (
        "HN-CD-TCT-HTDT",
        "Công đoàn Tổng công ty Đầu tư và Phát triển hạ tầng đô thị",
        "CĐ TCT HTĐT",
        "CD_CTTCS",
        "CD_TCT",
        "HN-LDLD",
        "DNNN",
        "",
        2600,
    ),
    (
        "HN-CD-TCT-DL",
        "Công đoàn Tổng công ty Du lịch",
        "CĐ TCT Du lịch",
        "CD_CTTCS",
        "CD_TCT",
        "HN-LDLD",
        "DNNN",
        "",
        2900,
    ),
    (
        "HN-CD-TCT-VT",
        "Công đoàn Tổng công ty Vận tải",
        "CĐ TCT Vận tải",
        "CD_CTTCS",
        "CD_TCT",
        "HN-LDLD",
        "DNNN",
        "",
        8700,
    ),
    (
        "HN-CD-TCT-TM",
        "Công đoàn Tổng công ty Thương mại Hà Nội – CTCP",
        "CĐ TCT Thương mại HN",
        "CD_CTTCS",
        "CD_TCT",
        "HN-LDLD",
        "DNNN",
        "",
        4100,
    ),
    # Cụm thi đua số 1 (district federations)
    (
        "HN-LDLD-HOANKIEM",
        "Liên đoàn Lao động quận Hoàn Kiếm",
        "LĐLĐ Hoàn Kiếm",
        "CD_CTTCS",
        "LDLD_HUYEN",
        "HN-LDLD",
        "KHAC",
        "Hoàn Kiếm",
        21000,
    ),
    (
        "HN-LDLD-BADINH",
        "Liên đoàn Lao động quận Ba Đình",
        "LĐLĐ Ba Đình",
        "CD_CTTCS",
        "LDLD_HUYEN",
        "HN-LDLD",
        "KHAC",
        "Ba Đình",
        24000,
    ),
    (
        "HN-LDLD-DONGDA",
        "Liên đoàn Lao động quận Đống Đa",
        "LĐLĐ Đống Đa",
        "CD_CTTCS",
        "LDLD_HUYEN",
        "HN-LDLD",
        "KHAC",
        "Đống Đa",
        26000,
    ),
    (
        "HN-LDLD-LONGBIEN",
        "Liên đoàn Lao động quận Long Biên",
        "LĐLĐ Long Biên",
        "CD_CTTCS",
        "LDLD_HUYEN",
        "HN-LDLD",
        "KHAC",
        "Long Biên",
        19000,
    ),
    (
        "HN-LDLD-HAIBATRUNG",
        "Liên đoàn Lao động quận Hai Bà Trưng",
        "LĐLĐ Hai Bà Trưng",
        "CD_CTTCS",
        "LDLD_HUYEN",
        "HN-LDLD",
        "KHAC",
        "Hai Bà Trưng",
        23000,
    ),
    (
        "HN-LDLD-HOANGMAI",
        "Liên đoàn Lao động quận Hoàng Mai",
        "LĐLĐ Hoàng Mai",
        "CD_CTTCS",
        "LDLD_HUYEN",
        "HN-LDLD",
        "KHAC",
        "Hoàng Mai",
        20000,
    ),
    # Other district federations named in the seeds
    (
        "HN-LDLD-THUONGTIN",
        "Liên đoàn Lao động huyện Thường Tín",
        "LĐLĐ Thường Tín",
        "CD_CTTCS",
        "LDLD_HUYEN",
        "HN-LDLD",
        "KHAC",
        "Thường Tín",
        9000,
    ),
    (
        "HN-LDLD-PHUXUYEN",
        "Liên đoàn Lao động huyện Phú Xuyên",
        "LĐLĐ Phú Xuyên",
        "CD_CTTCS",
        "LDLD_HUYEN",
        "HN-LDLD",
        "KHAC",
        "Phú Xuyên",
        8000,
    ),
    (
        "HN-LDLD-UNGHOA",
        "Liên đoàn Lao động huyện Ứng Hòa",
        "LĐLĐ Ứng Hòa",
        "CD_CTTCS",
        "LDLD_HUYEN",
        "HN-LDLD",
        "KHAC",
        "Ứng Hòa",
        7000,
    ),
    (
        "HN-LDLD-MYDUC",
        "Liên đoàn Lao động huyện Mỹ Đức",
        "LĐLĐ Mỹ Đức",
        "CD_CTTCS",
        "LDLD_HUYEN",
        "HN-LDLD",
        "KHAC",
        "Mỹ Đức",
        6500,
    ),
    (
        "HN-LDLD-CHUONGMY",
        "Liên đoàn Lao động huyện Chương Mỹ",
        "LĐLĐ Chương Mỹ",
        "CD_CTTCS",
        "LDLD_HUYEN",
        "HN-LDLD",
        "KHAC",
        "Chương Mỹ",
        11000,
    ),
    (
        "HN-LDLD-CAUGIAY",
        "Liên đoàn Lao động quận Cầu Giấy",
        "LĐLĐ Cầu Giấy",
        "CD_CTTCS",
        "LDLD_HUYEN",
        "HN-LDLD",
        "KHAC",
        "Cầu Giấy",
        25000,
    ),
    (
        "HN-LDLD-BACTULIEM",
        "Liên đoàn Lao động quận Bắc Từ Liêm",
        "LĐLĐ Bắc Từ Liêm",
        "CD_CTTCS",
        "LDLD_HUYEN",
        "HN-LDLD",
        "KHAC",
        "Bắc Từ Liêm",
        15000,
    ),
    (
        "HN-LDLD-NAMTULIEM",
        "Liên đoàn Lao động quận Nam Từ Liêm",
        "LĐLĐ Nam Từ Liêm",
        "CD_CTTCS",
        "LDLD_HUYEN",
        "HN-LDLD",
        "KHAC",
        "Nam Từ Liêm",
        18000,
    ),
    (
        "HN-LDLD-THACHTHAT",
        "Liên đoàn Lao động huyện Thạch Thất",
        "LĐLĐ Thạch Thất",
        "CD_CTTCS",
        "LDLD_HUYEN",
        "HN-LDLD",
        "KHAC",
        "Thạch Thất",
        9500,
    ),
    (
        "HN-LDLD-HADONG",
        "Liên đoàn Lao động quận Hà Đông",
        "LĐLĐ Hà Đông",
        "CD_CTTCS",
        "LDLD_HUYEN",
        "HN-LDLD",
        "KHAC",
        "Hà Đông",
        22000,
    ),
    # Sectoral unions
    (
        "HN-CD-NGANH-GD",
        "Công đoàn ngành Giáo dục Hà Nội",
        "CĐ ngành Giáo dục",
        "CD_CTTCS",
        "CD_NGANH_DP",
        "HN-LDLD",
        "HCSN",
        "",
        98000,
    ),
    (
        "HN-CD-NGANH-YT",
        "Công đoàn ngành Y tế Hà Nội",
        "CĐ ngành Y tế",
        "CD_CTTCS",
        "CD_NGANH_DP",
        "HN-LDLD",
        "HCSN",
        "",
        41000,
    ),
    (
        "HN-CD-NGANH-GTVT",
        "Công đoàn ngành Giao thông vận tải Hà Nội",
        "CĐ ngành GTVT",
        "CD_CTTCS",
        "CD_NGANH_DP",
        "HN-LDLD",
        "HCSN",
        "",
        12000,
    ),
    # Grassroots unions named in the seeds
    (
        "HN-CDCS-THCS-TAODUONGVAN",
        "Công đoàn Trường THCS Tảo Dương Văn",
        "CĐ THCS Tảo Dương Văn",
        "CDCS",
        "",
        "HN-LDLD-UNGHOA",
        "HCSN",
        "Ứng Hòa",
        48,
    ),
    (
        "HN-CDCS-MN-BINHYENA",
        "Công đoàn Trường Mầm non Bình Yên A",
        "CĐ MN Bình Yên A",
        "CDCS",
        "",
        "HN-LDLD-THACHTHAT",
        "HCSN",
        "Thạch Thất",
        39,
    ),
    (
        "HN-CDCS-THCS-VANQUAN",
        "Công đoàn Trường THCS Văn Quán",
        "CĐ THCS Văn Quán",
        "CDCS",
        "",
        "HN-LDLD-HADONG",
        "HCSN",
        "Hà Đông",
        72,
    ),
    (
        "HN-CDCS-MARIECURIE-LB",
        "Công đoàn Trường liên cấp Marie Curie Long Biên",
        "CĐ Marie Curie Long Biên",
        "CDCS",
        "",
        "HN-LDLD-LONGBIEN",
        "NGOAI_NN",
        "Long Biên",
        127,
    ),
    (
        "HN-CDCS-CEO",
        "Công đoàn Công ty CP Tập đoàn CEO",
        "CĐ Tập đoàn CEO",
        "CDCS",
        "",
        "HN-LDLD-NAMTULIEM",
        "NGOAI_NN",
        "Nam Từ Liêm",
        310,
    ),
    (
        "HN-CDCS-CANON",
        "Công đoàn Công ty TNHH Canon Việt Nam",
        "CĐ Canon Việt Nam",
        "CDCS",
        "",
        "HN-CD-KCNCX",
        "FDI",
        "",
        11800,
    ),
    (
        "HN-CDCS-DET195",
        "Công đoàn Công ty Dệt 19/5",
        "CĐ Dệt 19/5",
        "CDCS",
        "",
        "HN-CD-KCNCX",
        "NGOAI_NN",
        "",
        540,
    ),
    (
        "HN-CDCS-HAPROSIMEX",
        "Công đoàn Tổng công ty Haprosimex",
        "CĐ Haprosimex",
        "CDCS",
        "",
        "HN-CD-TCT-TM",
        "DNNN",
        "",
        620,
    ),
    (
        "HN-CDCS-HOANGVIEN",
        "Công đoàn Công ty TNHH Hoàng Viên – Quảng Bá",
        "CĐ Hoàng Viên – Quảng Bá",
        "CDCS",
        "",
        "HN-LDLD-HAIBATRUNG",
        "NGOAI_NN",
        "Hai Bà Trưng",
        85,
    ),
]
_ESTABLISHED = {"HN-CDCS-MARIECURIE-LB": "2024-09-19"}

# (cluster id, name, members by year: {year: [(unit, role)]})
_CLUSTER_7 = [
    "HN-CD-KCNCX",
    "HN-CD-TCT-DTPT",
    "HN-CD-TCT-HTDT",
    "HN-CD-TCT-DL",
    "HN-CD-TCT-VT",
    "HN-CD-TCT-TM",
]
_CLUSTER_1 = [
    "HN-LDLD-HOANKIEM",
    "HN-LDLD-BADINH",
    "HN-LDLD-DONGDA",
    "HN-LDLD-LONGBIEN",
    "HN-LDLD-HAIBATRUNG",
    "HN-LDLD-HOANGMAI",
]
_CLUSTER_8 = [
    "HN-CD-NGANH-GD", "HN-CD-NGANH-YT", "HN-CD-NGANH-GTVT", "HN-CQ-LDLD", "HN-LDLD-THUONGTIN", "HN-LDLD-PHUXUYEN",
    "HN-LDLD-UNGHOA", "HN-LDLD-MYDUC", "HN-LDLD-CHUONGMY", "HN-LDLD-CAUGIAY", "HN-LDLD-BACTULIEM",
    "HN-LDLD-NAMTULIEM", "HN-LDLD-THACHTHAT", "HN-LDLD-HADONG",
]  # fmt: skip

_FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
_MIDDLE = [
    "Văn",
    "Thị",
    "Thu",
    "Minh",
    "Đức",
    "Ngọc",
    "Thanh",
    "Quang",
    "Hồng",
    "Xuân",
    "Hữu",
    "Thị Thu",
    "Kim",
    "Bảo",
]
_GIVEN = [
    "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng", "Hương", "Khánh", "Lan",
    "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngân", "Nhung", "Phong", "Phúc", "Phương", "Quân", "Quyên",
    "Sơn", "Tâm", "Thảo", "Thủy", "Trang", "Trung", "Tú", "Tuấn", "Vân", "Việt", "Yến",
]  # fmt: skip
_POSITIONS = [
    "Công nhân",
    "Tổ trưởng sản xuất",
    "Kỹ sư",
    "Giáo viên",
    "Nhân viên",
    "Điều dưỡng",
    "Kế toán",
    "Chủ tịch CĐCS",
]
_ACHIEVEMENTS = [
    "Hoàn thành xuất sắc nhiệm vụ, vượt 15% định mức sản lượng, không có sai hỏng sản phẩm trong năm.",
    "Có sáng kiến cải tiến quy trình được Hội đồng sáng kiến cơ sở công nhận, làm lợi ước tính 120 triệu đồng.",
    "Tích cực tham gia phong trào thi đua Lao động giỏi, Lao động sáng tạo; hướng dẫn 5 công nhân mới.",
    "Đạt giải Nhì Hội thi thợ giỏi cấp thành phố; gương mẫu chấp hành nội quy, an toàn vệ sinh lao động.",
    "Hoàn thành tốt nhiệm vụ chuyên môn, tham gia đầy đủ các hoạt động công đoàn, đoàn kết giúp đỡ đồng nghiệp.",
]
_WORK_NAMES = [
    "Cầu Ngọc Hà vượt sông Cà Lồ (huyện Sóc Sơn)",
    "Cải tạo nhà văn hóa công nhân khu nhà trọ",
    "Lắp đặt hệ thống tiết kiệm điện phân xưởng",
    "Phần việc chăm lo bữa ăn ca cho người lao động",
    "Sản phẩm mới dây chuyền đóng gói tự động",
    "Tủ sách pháp luật cho đoàn viên",
    "Sửa chữa, chống xuống cấp phòng học",
    "Trồng cây xanh khuôn viên doanh nghiệp",
]
_INITIATIVES = [
    "Cải tiến đồ gá hàn giảm thời gian thao tác",
    "Ứng dụng bảng tính theo dõi vật tư tồn kho",
    "Quy trình tiếp nhận hồ sơ một cửa tại đơn vị",
    "Tận dụng phế liệu làm khay chứa linh kiện",
    "Phần mềm nhắc lịch bảo dưỡng thiết bị",
]


@dataclass(frozen=True)
class DemoUser:
    """A demo sign-in: fictional person, real unit from the seeds."""

    email: str
    name: str
    role: str
    unit_id: str


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(f"can.bo.canon@{DEMO_DOMAIN}", "Trần Thị Demo Hoa", "UNIT_OFFICER", "HN-CDCS-CANON"),
    DemoUser(f"chu.tich.canon@{DEMO_DOMAIN}", "Lê Văn Demo Bình", "UNIT_HEAD", "HN-CDCS-CANON"),
    DemoUser(f"tham.dinh.kcn@{DEMO_DOMAIN}", "Phạm Minh Demo Đức", "UPPER_REVIEWER", "HN-CD-KCNCX"),
    DemoUser(f"cum.truong.cum7@{DEMO_DOMAIN}", "Vũ Thị Demo Lan", "CLUSTER_HEAD", "HN-CD-KCNCX"),
    DemoUser(f"hoi.dong@{DEMO_DOMAIN}", "Nguyễn Văn Demo", "COUNCIL_MEMBER", "HN-LDLD"),
    DemoUser(f"thu.ky.hd@{DEMO_DOMAIN}", "Đỗ Thu Demo Hà", "COUNCIL_SECRETARY", "HN-LDLD"),
    DemoUser(f"lanh.dao@{DEMO_DOMAIN}", "Hoàng Quang Demo Sơn", "LEADER", "HN-LDLD"),
    DemoUser(f"quan.tri@{DEMO_DOMAIN}", "Bùi Ngọc Demo Anh", "ADMIN", "HN-LDLD"),
    DemoUser(f"can.bo.vanquan@{DEMO_DOMAIN}", "Ngô Thị Demo Mai", "UNIT_OFFICER", "HN-CDCS-THCS-VANQUAN"),
    DemoUser(f"tham.dinh.hadong@{DEMO_DOMAIN}", "Dương Văn Demo Hải", "UPPER_REVIEWER", "HN-LDLD-HADONG"),
    # the head of the city federation: decides alone only where a campaign says the law allows it
    DemoUser(f"chu.tich.ldld@{DEMO_DOMAIN}", "Trịnh Văn Demo Quyết", "DECIDER", "HN-LDLD"),
)


def _unit_row(u: tuple[str, str, str, str, str, str, str, str, int], rng: random.Random) -> dict[str, Any]:
    uid, name, short, level, kind, parent, sector, district, members = u
    return {
        "id": uid,
        "name_vi": name,
        "short_name": short,
        "level": level,
        "cttcs_kind": kind,
        "parent_id": parent,
        "sector": sector,
        "district": district,
        "member_count": members,
        "worker_count": int(members * 1.1),
        "established_on": _ESTABLISHED.get(
            uid, f"{rng.randint(1995, 2015)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        ),
        "valid_from": _ESTABLISHED.get(uid, "2015-01-01"),
        "valid_to": "",
    }


def _generated_units(rng: random.Random, per_parent: int) -> list[dict[str, Any]]:
    """Grassroots unions marked "Demo", several under every upper-level union."""
    parents = [u for u in _REAL_UNITS if u[3] == "CD_CTTCS"]
    out: list[dict[str, Any]] = []
    n = 0
    for p in parents:
        pid, _, pshort, _, pkind, *_ = p
        district = p[7]
        for _ in range(per_parent):
            n += 1
            if pkind in ("CD_KCN_CX", "CD_TCT"):
                name, sector = (
                    f"Công đoàn Công ty Demo {n:03d} ({pshort})",
                    rng.choice(["FDI", "NGOAI_NN", "DNNN"]),
                )
            elif pid == "HN-CD-NGANH-YT":
                name, sector = f"Công đoàn Bệnh viện Demo {n:03d}", "HCSN"
            elif pid == "HN-CD-NGANH-GD":
                name, sector = f"Công đoàn Trường THPT Demo {n:03d}", "HCSN"
            elif pid in ("HN-CQ-LDLD", "HN-CD-NGANH-GTVT"):
                name, sector = f"Công đoàn cơ sở Demo {n:03d} ({pshort})", "HCSN"
            else:
                kind = rng.choice(["Trường Tiểu học", "Công ty TNHH", "Trường Mầm non", "UBND phường"])
                name = f"Công đoàn {kind} Demo {n:03d} ({district})"
                sector = "NGOAI_NN" if "Công ty" in kind else "HCSN"
            members = rng.randint(18, 1500) if sector != "HCSN" else rng.randint(15, 180)
            uid = f"HN-CDCS-DEMO-{n:03d}"
            out.append(
                {
                    "id": uid,
                    "name_vi": name,
                    "short_name": name.replace("Công đoàn ", "CĐ "),
                    "level": "CDCS",
                    "cttcs_kind": "",
                    "parent_id": pid,
                    "sector": sector,
                    "district": district,
                    "member_count": members,
                    "worker_count": int(members * 1.15),
                    "established_on": f"{rng.randint(2000, 2020)}-0{rng.randint(1, 9)}-15",
                    "valid_from": "2015-01-01",
                    "valid_to": "",
                }
            )
    return out


def _path(wf: WorkflowSpec, target: str) -> list[tuple[str, str, str]]:
    """Shortest (trigger, from, to) path from the initial state to ``target``."""
    prev: dict[str, tuple[str, str, str] | None] = {wf.initial: None}
    queue = deque([wf.initial])
    while queue:
        s = queue.popleft()
        if s == target:
            break
        for t in wf.transitions_from(s):
            if t.dest not in prev:
                prev[t.dest] = (t.trigger, s, t.dest)
                queue.append(t.dest)
    steps: list[tuple[str, str, str]] = []
    cur = target
    while prev.get(cur) is not None:
        step = prev[cur]
        assert step is not None
        steps.append(step)
        cur = step[1]
    return list(reversed(steps))


def _actor_for(wf: WorkflowSpec, trigger: str, src: str, unit: str, parent: str) -> tuple[str, str, str]:
    """Who plausibly fired ``trigger``: (email, role, unit)."""
    t = wf.transition(trigger, src)
    roles = t.roles if t else ("UNIT_OFFICER",)
    if "UNIT_OFFICER" in roles:
        return f"can.bo@{ascii_slug(unit).lower()}.{DEMO_DOMAIN}", "UNIT_OFFICER", unit
    if "COUNCIL_SECRETARY" in roles and "COUNCIL_MEMBER" not in roles:
        return f"thu.ky.hd@{DEMO_DOMAIN}", "COUNCIL_SECRETARY", "HN-LDLD"
    if "UPPER_REVIEWER" in roles and src == "SUBMITTED":
        return f"tham.dinh@{ascii_slug(parent).lower()}.{DEMO_DOMAIN}", "UPPER_REVIEWER", parent
    return f"hoi.dong@{DEMO_DOMAIN}", "COUNCIL_MEMBER", "HN-LDLD"


_RETURN_REASONS = [
    "Thiếu báo cáo thành tích có xác nhận của đơn vị; đề nghị bổ sung.",
    "Tóm tắt thành tích chưa nêu số liệu cụ thể (sản lượng, giá trị làm lợi).",
    "Sai chức vụ của người được đề nghị; đề nghị kiểm tra lại.",
]
_REJECT_REASONS = [
    "Không đủ tiêu chuẩn theo quy chế (thiếu sáng kiến được công nhận).",
    "Trùng với đề nghị của đơn vị khác.",
]

# state -> weight, per (campaign, form); states not in the workflow are ignored
_MIX_OPEN = {
    "DRAFT": 5,
    "SUBMITTED": 22,
    "RETURNED": 6,
    "IN_COUNCIL": 20,
    "AWARDED": 35,
    "ACCEPTED": 60,
    "REJECTED": 5,
    "WITHDRAWN": 3,
    "REVOKED": 0.3,
}
_MIX_CLOSED = {
    "DRAFT": 1,
    "SUBMITTED": 0,
    "RETURNED": 2,
    "IN_COUNCIL": 0,
    "AWARDED": 80,
    "ACCEPTED": 90,
    "REJECTED": 8,
    "WITHDRAWN": 3,
    "REVOKED": 1,
}


def build(
    campaigns: Mapping[str, CampaignSpec],
    catalogue: Sequence[Mapping[str, Any]],
    today: dt.date,
    *,
    seed: int = 2024,
    per_parent: int = 8,
) -> dict[str, list[dict[str, Any]]]:
    """Every tab's demo rows, deterministic for a given ``seed``."""
    rng = random.Random(seed)
    units = [_unit_row(u, rng) for u in _REAL_UNITS] + _generated_units(rng, per_parent)
    parent_of = {u["id"]: u["parent_id"] for u in units}
    grassroots = [u for u in units if u["level"] == "CDCS"]

    clusters = [
        {
            "id": "HN-CUM-07",
            "name_vi": "Cụm thi đua số 7",
            "kind": "CUM",
            "organiser_unit_id": "HN-LDLD",
            "member_level": "CD_CTTCS",
        },
        {
            "id": "HN-CUM-01",
            "name_vi": "Cụm thi đua số 1",
            "kind": "CUM",
            "organiser_unit_id": "HN-LDLD",
            "member_level": "CD_CTTCS",
        },
        {
            "id": "HN-CUM-08",
            "name_vi": "Cụm thi đua số 8 (demo)",
            "kind": "CUM",
            "organiser_unit_id": "HN-LDLD",
            "member_level": "CD_CTTCS",
        },
    ]
    members: list[dict[str, Any]] = []
    for year in (2023, 2024):
        for cid, units_in, head in (
            ("HN-CUM-07", _CLUSTER_7, "HN-CD-KCNCX"),
            ("HN-CUM-01", _CLUSTER_1, "HN-LDLD-HOANKIEM" if year == 2023 else "HN-LDLD-BADINH"),
            ("HN-CUM-08", _CLUSTER_8, "HN-CD-NGANH-GD"),
        ):
            deputy = units_in[1] if units_in[0] == head else units_in[0]
            for u in units_in:
                role = "TRUONG_CUM" if u == head else ("PHO_CUM" if u == deputy else "THANH_VIEN")
                members.append(
                    {"id": f"{cid}-{year}-{u}", "cluster_id": cid, "year": year, "unit_id": u, "role": role}
                )

    users = [
        {
            "id": f"U-{i:03d}",
            "email": u.email,
            "full_name": u.name,
            "role": u.role,
            "unit_id": u.unit_id,
            "active": True,
        }
        for i, u in enumerate(DEMO_USERS, 1)
    ]
    for i, upper in enumerate(
        (x for x in units if x["level"] == "CD_CTTCS" and x["id"] not in ("HN-CD-KCNCX", "HN-LDLD-HADONG")),
        100,
    ):
        users.append(
            {
                "id": f"U-{i:03d}",
                "email": f"tham.dinh@{ascii_slug(upper['id']).lower()}.{DEMO_DOMAIN}",
                "full_name": f"Cán bộ thẩm định Demo {i - 99}",
                "role": "UPPER_REVIEWER",
                "unit_id": upper["id"],
                "active": True,
            }
        )

    users += demo_contest.judge_users(campaigns, units)

    cat_rows = catalogue_rows(catalogue)
    camp_rows = [
        {
            "id": c.id,
            "name_vi": c.name["vi"],
            "name_en": c.name["en"],
            "kind": c.kind,
            "year": c.year,
            "launch_doc": c.launch_doc,
            "launch_doc_date": c.launch_doc_date.isoformat() if c.launch_doc_date else "",
            "organiser_unit_id": c.organiser,
            "start_date": c.opens.isoformat(),
            "end_date": c.closes.isoformat(),
            "spec_file": c.source,
            "status": "OPEN" if c.is_open(today) else ("DRAFT" if today < c.opens else "CLOSED"),
        }
        for c in campaigns.values()
    ]

    names_pool = [f"{f} {m} {g}" for f in _FAMILY for m in _MIDDLE for g in _GIVEN]
    rng.shuffle(names_pool)
    # Beyond the 8,512 distinct combinations (benchmark-sized demos) names repeat with a number.
    name_iter = itertools.chain(names_pool, (f"{n} {k}" for k in itertools.count(2) for n in names_pool))
    tabs: dict[str, list[dict[str, Any]]] = {"nominations": [], "works": [], "initiatives": [], "history": []}
    seq = 0

    def add(
        camp: CampaignSpec,
        form_name: str,
        unit: dict[str, Any],
        fields: dict[str, Any],
        only: set[str] | None = None,
    ) -> str:
        nonlocal seq
        seq += 1
        form = camp.forms[form_name]
        wf = camp.workflow_for(form_name)
        mix = _MIX_OPEN if camp.is_open(today) else _MIX_CLOSED
        states = [s for s in wf.states if mix.get(s, 0) > 0 and (only is None or s in only)]
        target = rng.choices(states, weights=[mix[s] for s in states])[0]
        steps = _path(wf, target)
        if (
            target in ("AWARDED", "ACCEPTED")
            and "RETURNED" in wf.states
            and rng.random() < 0.08
            and len(steps) >= 2
        ):
            # returned once, fixed and resubmitted, then carried on (DOMAIN.md §7.3)
            steps = [
                steps[0],
                ("return", "SUBMITTED", "RETURNED"),
                ("submit", "RETURNED", "SUBMITTED"),
                *steps[1:],
            ]
        last_day = min(camp.closes, today - dt.timedelta(days=1))
        span = max((last_day - camp.opens).days - 20, 1)
        at = dt.datetime.combine(
            camp.opens + dt.timedelta(days=rng.randint(0, span)), dt.time(8, 0)
        ) + dt.timedelta(minutes=rng.randint(0, 540))
        row_id = f"DEMO-{form.tab[:3].upper()}-{seq:05d}"
        parent = parent_of.get(unit["id"], "")
        hist: list[dict[str, Any]] = []

        def stamp(t: dt.datetime) -> str:
            return t.strftime("%Y-%m-%dT%H:%M:%S+07:00")

        hist.append(
            _hist(
                form.tab,
                row_id,
                camp.id,
                "create",
                "",
                wf.initial,
                *_actor_for(wf, "submit", wf.initial, unit["id"], parent),
                "",
                stamp(at),
            )
        )
        revision, reason, submitted_at = 0, "", ""
        for trigger, src, dst in steps:
            at += dt.timedelta(days=rng.randint(1, 6), minutes=rng.randint(0, 300))
            if at.date() >= today:
                at = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(16, 0))
            r = ""
            if trigger == "return":
                r = rng.choice(_RETURN_REASONS)
            elif trigger == "reject":
                r = rng.choice(_REJECT_REASONS)
            elif trigger == "revoke":
                r = "Hủy bỏ do kê khai thành tích không trung thực (Luật TĐKT 2022, Chương VII)."
            if trigger == "submit":
                revision += 1
                submitted_at = stamp(at)
            if r:
                reason = r
            hist.append(
                _hist(
                    form.tab,
                    row_id,
                    camp.id,
                    trigger,
                    src,
                    dst,
                    *_actor_for(wf, trigger, src, unit["id"], parent),
                    r,
                    stamp(at),
                )
            )
        row = {
            "id": row_id,
            **dict(form.fixed),
            **fields,
            "campaign_id": camp.id,
            "form": form_name,
            "unit_id": unit["id"],
            "state": target,
            "revision": revision,
            "last_reason": reason,
            "submitted_at": submitted_at,
            "state_since": hist[-1]["at"],
            "client_token": "",
        }
        tabs[form.tab].append(row)
        tabs["history"].extend(hist)
        return target

    annual = campaigns.get("HN-2024-KTN")
    drive = campaigns.get("HN-2023-DTD-CAODIEM-DH")
    live = {"SUBMITTED", "RETURNED", "IN_COUNCIL", "AWARDED"}
    past_review = {"IN_COUNCIL", "AWARDED", "REVOKED"}
    before_review = {"DRAFT", "SUBMITTED", "RETURNED", "REJECTED", "WITHDRAWN"}
    for unit in grassroots:
        if annual:
            if unit["id"] == "HN-CDCS-DET195":
                # DOMAIN.md §7.3: 20 LĐTT and 4 CSTĐCS nominations -> quota 3, the 4th is blocked
                for _ in range(20):
                    add(
                        annual,
                        "nomination",
                        unit,
                        _person(rng, next(name_iter), "LDTT"),
                        {"IN_COUNCIL", "AWARDED"},
                    )
                for _ in range(4):
                    add(annual, "nomination", unit, _person(rng, next(name_iter), "CSTD_CS"), {"SUBMITTED"})
                continue
            n_ldtt = max(2, min(12, unit["member_count"] // 15))
            states = [
                add(annual, "nomination", unit, _person(rng, next(name_iter), "LDTT")) for _ in range(n_ldtt)
            ]
            # approved CSTĐCS never exceed the R-CSTDCS-3 quota (15 % of live LĐTT, half up)
            limit = int(Decimal(sum(st in live for st in states)) * Decimal("0.15") + Decimal("0.5"))
            used = 0
            for _ in range(max(1, round(n_ldtt * 0.15))):
                person = _person(rng, next(name_iter), "CSTD_CS")
                got = add(annual, "nomination", unit, person, None if used < limit else before_review)
                used += got in past_review
            if rng.random() < 0.3:
                add(annual, "nomination", unit, _person(rng, next(name_iter), "U_BK_LDLD"))
            if rng.random() < 0.6:
                add(annual, "initiative", unit, _initiative(rng, next(name_iter)))
            if rng.random() < 0.5:
                add(annual, "work", unit, _work(rng, annual.year, "CO_SO"))
        if drive:
            for _ in range(rng.choice([1, 2, 3, 3, 4])):
                add(drive, "work", unit, _work(rng, drive.year, "CO_SO"))
            if rng.random() < 0.7:
                add(
                    drive,
                    "nomination",
                    unit,
                    _person(rng, next(name_iter), rng.choice(["HN_CNG_TD", "HN_SKST_TD"])),
                )
    uppers = [x for x in units if x["level"] == "CD_CTTCS"]
    if annual:
        for upper in uppers:
            if rng.random() < 0.5:
                add(annual, "nomination", upper, {**_collective(rng, upper), "award_code": "U_CO_LDLD"})
    if drive:
        for upper in uppers:
            for _ in range(rng.randint(2, 5)):
                add(drive, "work", upper, _work(rng, drive.year, "CAP_TREN_CO_SO"))
        road = next(u for u in units if u["id"] == "HN-LDLD")
        add(
            drive,
            "work",
            road,
            {
                **_work(rng, drive.year, "THANH_PHO"),
                "name_vi": _WORK_NAMES[0],
                "implementing_org": "Ban Quản lý dự án đầu tư xây dựng công trình giao thông Hà Nội",
            },
        )
    if annual:
        _realistic_annual(tabs, annual.id, members, grassroots, random.Random(seed + 11))
    contests = demo_contest.build(
        campaigns, units, [u for u in users if u["role"] == "JUDGE"], today, random.Random(seed + 17)
    )
    tabs["history"].extend(contests.pop("history"))
    council = _council_and_cluster_rows(tabs, members, random.Random(seed + 7), random.Random(seed + 17))
    tabs["history"].extend(council.pop("history"))
    built = {
        "units": units,
        "clusters": clusters,
        "cluster_members": members,
        "users": users,
        "catalogue": cat_rows,
        "campaigns": camp_rows,
        **tabs,
        **council,
        **build_assessment(units, seed=seed),
        **contests,
        **demo_awards.build(tabs["nominations"], random.Random(seed + 13)),
        "rules": default_rule_rows(),
    }
    # the ledgers as a start would leave them: the first start after a seed has nothing to apply
    built["reference_sync"] = reference_ledger({"catalogue": cat_rows, "rules": built["rules"]})
    built["form_fields"] = field_ledger_rows(campaigns)
    return {**built, **demo_dossier.build(built, campaigns, catalogue)}


#: Units the demo journeys and tests rely on: they always take part.
_ALWAYS_SUBMIT = frozenset(
    {"HN-CDCS-CANON", "HN-CDCS-THCS-VANQUAN", "HN-CDCS-DET195", "HN-CDCS-CEO", "HN-CDCS-MARIECURIE-LB"}
)


def _realistic_annual(
    tabs: dict[str, list[dict[str, Any]]],
    campaign_id: str,
    members: Sequence[Mapping[str, Any]],
    grassroots: Sequence[Mapping[str, Any]],
    rng: random.Random,
) -> None:
    """Shape the open campaign like a real season, with its own RNG so the rest stays stable:
    about 8 % of grassroots unions have not submitted yet ("who has submitted" is not 100 %),
    and only the leading unit of each cluster (its head this year) holds an awarded flag."""
    silent = {str(u["id"]) for u in grassroots if str(u["id"]) not in _ALWAYS_SUBMIT and rng.random() < 0.08}
    heads = {str(m["unit_id"]) for m in members if m["year"] == 2024 and m["role"] == "TRUONG_CUM"}

    def keep(row: Mapping[str, Any]) -> bool:
        if row["campaign_id"] != campaign_id:
            return True
        if row["unit_id"] in silent:
            return False
        return not (
            row.get("award_code") == "U_CO_LDLD" and row["state"] == "AWARDED" and row["unit_id"] not in heads
        )

    dropped: set[str] = set()
    for tab in ("nominations", "works", "initiatives"):
        kept = [r for r in tabs[tab] if keep(r)]
        dropped |= {str(r["id"]) for r in tabs[tab]} - {str(r["id"]) for r in kept}
        tabs[tab] = kept
    tabs["history"] = [h for h in tabs["history"] if h["row_id"] not in dropped]


def _hist(
    tab: str,
    row_id: str,
    cid: str,
    action: str,
    src: str,
    dst: str,
    email: str,
    role: str,
    unit: str,
    reason: str,
    at: str,
) -> dict[str, Any]:
    return {
        "tab": tab, "row_id": row_id, "campaign_id": cid, "action": action, "from_state": src, "to_state": dst,
        "actor_email": email, "actor_role": role, "actor_unit": unit, "reason": reason, "at": at,
    }  # fmt: skip


def _person(rng: random.Random, name: str, award: str) -> dict[str, Any]:
    return {
        "subject_kind": "CA_NHAN",
        "full_name": name,
        "position": rng.choice(_POSITIONS),
        "award_code": award,
        "achievement": rng.choice(_ACHIEVEMENTS),
    }


def _collective(rng: random.Random, unit: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "subject_kind": "TAP_THE",
        "full_name": str(unit["name_vi"]),
        "position": "",
        "achievement": "Đơn vị dẫn đầu cụm thi đua; hoàn thành xuất sắc các chỉ tiêu giao ước thi đua năm.",
    }


def _work(rng: random.Random, year: int, level: str) -> dict[str, Any]:
    return {
        "name_vi": rng.choice(_WORK_NAMES[1:]),
        "work_type": rng.choice(["CONG_TRINH", "SAN_PHAM", "PHAN_VIEC"]),
        "level": level,
        "implementing_org": "",
        "planned_completion": f"{year}-{rng.randint(8, 12):02d}-{rng.randint(1, 28):02d}",
        "value_vnd": rng.choice([None, 5_000_000, 8_500_000, 25_000_000, 120_000_000, 1_500_000_000]),
    }


def _initiative(rng: random.Random, author: str) -> dict[str, Any]:
    return {
        "title_vi": rng.choice(_INITIATIVES),
        "authors": author,
        "field": rng.choice(["KY_THUAT", "QUAN_LY", "TAC_NGHIEP", "UNG_DUNG_TBKT"]),
        "first_applied_on": f"2024-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
        "benefit_vnd": rng.choice([5_000_000, 18_000_000, 45_000_000, 120_000_000, 300_000_000]),
        "influence_scope": rng.choices(["CO_SO", "BO_NGANH_TINH", "TOAN_QUOC"], weights=[85, 13, 2])[0],
    }


def _council_and_cluster_rows(
    tabs: Mapping[str, Sequence[Mapping[str, Any]]],
    members: Sequence[Mapping[str, Any]],
    rng: random.Random,
    council_rng: random.Random,
) -> dict[str, list[dict[str, Any]]]:
    """Council meetings with ballots and their history (DOMAIN.md §3.7, :func:`_council_meetings`) and
    2024 cluster scorecards (§3.12). Each uses its own random stream so the rest of the demo is
    unchanged."""
    from schemas.tabs_council import scheme_rows

    meetings, ballots, history = _council_meetings(tabs, council_rng)
    criteria = [c for c in scheme_rows() if c["scheme_id"] == "HN-CUM-2024"]
    leader_email = f"lanh.dao@{DEMO_DOMAIN}"
    head_email = f"cum.truong.cum7@{DEMO_DOMAIN}"
    cards: list[dict[str, Any]] = []
    for m in (x for x in members if x["year"] == 2024):
        cid, unit = str(m["cluster_id"]), str(m["unit_id"])
        strength = rng.uniform(0.78, 0.97)
        # Cụm 8 is still scoring: about a third of its members have not been re-checked yet.
        checked = not (cid == "HN-CUM-08" and rng.random() < 0.34)
        for c in criteria:
            top = int(c["max_points"])
            own = min(top, round(top * strength + rng.uniform(0, 2)))
            final = max(0, own - rng.choice([0, 0, 0, 1, 2])) if checked else None
            by = ""
            if final is not None:
                by = head_email if cid == "HN-CUM-07" and unit != "HN-CD-KCNCX" else leader_email
            cards.append(
                {"id": f"DEMO-DIEM-{cid[-2:]}-{unit}-{c['code']}", "cluster_id": cid, "year": 2024,
                 "scheme_id": c["scheme_id"], "unit_id": unit, "criterion_code": c["code"],
                 "self_points": own, "cross_points": final, "final_points": final, "checked_by": by,
                 "note": ""}
            )  # fmt: skip
    return {
        "council_meetings": meetings,
        "ballots": ballots,
        "score_criteria": criteria,
        "scorecards": cards,
        "history": history,
    }


#: The city council: 13 members (the demo day's open meeting has 11 present and 1 written vote).
_COUNCIL_UNIT, _COUNCIL_SIZE = "HN-LDLD", 13


def _council_meetings(
    tabs: Mapping[str, Sequence[Mapping[str, Any]]], rng: random.Random, *, standing: bool = True
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Council meetings, their ballots and their history (issue 23: every council decision of the demo
    is the outcome of a ballot of a closed meeting, held on or before the decision was recorded).

    Every move out of the council stage other than a return (the council's award, forward or reject)
    gets a ballot in the closed meeting of its week (held on the first decision day of that week);
    the history row of the move is the secretary's, with the vote as its reason. The open meeting of
    the demo day (13 members, 11 present, 1 written vote) holds the agenda the demo council votes on
    (``standing``: that meeting and the industrial zones' council's; the 2026 season
    (:mod:`demo.hanoi2026`) has only the meetings its decisions were taken at).
    """
    from services.council import vote_rules

    secretary = f"thu.ky.hd@{DEMO_DOMAIN}"
    decided = [
        h
        for h in tabs["history"]
        if h["tab"] == "nominations" and h["from_state"] == "IN_COUNCIL" and h["to_state"] != "RETURNED"
    ]
    noms = {str(r["id"]): cast(MutableMapping[str, Any], r) for r in tabs["nominations"]}
    arrived: dict[str, str] = {}  # row -> when it last reached the council stage
    for h in tabs["history"]:
        if h["tab"] == "nominations" and h["to_state"] == "IN_COUNCIL":
            arrived[str(h["row_id"])] = max(arrived.get(str(h["row_id"]), ""), str(h["at"]))
    # A meeting takes the decisions of up to a week from its first one, of rows already on its
    # agenda then; all its outcomes are applied when it closes (at its first decision's time).
    groups: list[list[MutableMapping[str, Any]]] = []
    for h in sorted(decided, key=lambda x: str(x["at"])):
        first = groups[-1][0] if groups else None
        if (
            first is None
            or str(h["at"])[:10]
            > (dt.date.fromisoformat(str(first["at"])[:10]) + dt.timedelta(days=6)).isoformat()
            or arrived.get(str(h["row_id"]), "") > str(first["at"])
        ):
            groups.append([])
        groups[-1].append(cast(MutableMapping[str, Any], h))
    meetings: list[dict[str, Any]] = [
        {"id": "DEMO-HOP-01", "council_unit_id": _COUNCIL_UNIT, "held_on": "2024-12-05",
         "members_total": _COUNCIL_SIZE, "members_present": 11, "written_votes": 1, "quorum_ratio": "≥ 66.67%",
         "status": "OPEN", "minutes_no": "03/BB-HĐTĐKT"},
        {"id": "DEMO-HOP-03", "council_unit_id": "HN-CD-KCNCX", "held_on": "2024-11-20", "members_total": 9,
         "members_present": 8, "written_votes": 0, "quorum_ratio": "≥ 66.67%", "status": "CLOSED",
         "minutes_no": "05/BB-HĐTĐKT-KCN"},
    ]  # fmt: skip
    if not standing:
        meetings = []
    ballots: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    per_year: dict[int, int] = {}
    for group in groups:
        held = dt.date.fromisoformat(str(group[0]["at"])[:10])
        per_year[held.year] = per_year.get(held.year, 0) + 1
        mid = f"DEMO-HOP-{held.year}-{per_year[held.year]:02d}"
        present, written = rng.randint(11, _COUNCIL_SIZE), rng.randint(0, 1)
        meeting: dict[str, Any] = {
            "id": mid, "council_unit_id": _COUNCIL_UNIT, "held_on": held.isoformat(),
            "members_total": _COUNCIL_SIZE, "members_present": present,
            "written_votes": min(written, _COUNCIL_SIZE - present), "quorum_ratio": "≥ 66.67%",
            "status": "CLOSED", "minutes_no": f"{per_year[held.year]:02d}/BB-HĐTĐKT",
        }  # fmt: skip
        meetings.append(meeting)
        opened = f"{held.isoformat()}T08:00:00+07:00"
        rules = vote_rules(held)
        history.append(_hist("council_meetings", mid, "", "open", "", "OPEN", secretary, "COUNCIL_SECRETARY",
                             _COUNCIL_UNIT, f"Mở phiên họp {meeting['minutes_no']}", opened))  # fmt: skip
        passed = 0
        closed_at = str(group[0]["at"])  # closing the meeting applies every outcome at once
        for i, h in enumerate(group, 1):
            nom = noms[str(h["row_id"])]
            code = str(nom["award_code"])
            threshold = rules.threshold(code)
            voters = present + min(written, _COUNCIL_SIZE - present)
            ok = h["to_state"] != "REJECTED"
            yes = (
                max(threshold.minimum(_COUNCIL_SIZE), voters - rng.randint(0, 1)) if ok else rng.randint(3, 6)
            )
            yes = min(yes, voters)
            bid = f"DEMO-PHIEU-{mid[9:]}-{i:03d}"
            ballots.append(
                {"id": bid, "meeting_id": mid, "nomination_id": nom["id"], "award_code": code,
                 "method": "SECRET" if code in rules.secret_codes or i % 2 else "SHOW_OF_HANDS",
                 "yes": yes, "no": voters - yes, "invalid": 0, "recused": 0,
                 "result": "PASS" if ok else "FAIL", "threshold": str(threshold), "suggested_code": ""}
            )  # fmt: skip
            passed += ok
            history.append(_hist("ballots", bid, str(nom["campaign_id"]), "ballot", "", "PASS" if ok else "FAIL",
                                 secretary, "COUNCIL_SECRETARY", _COUNCIL_UNIT,
                                 f"{yes}/{_COUNCIL_SIZE} tán thành (ngưỡng {threshold})", opened))  # fmt: skip
            verdict = "thông qua" if ok else "không thông qua"
            h["reason"] = (
                f"Hội đồng {verdict} tại phiên họp ngày {held:%d/%m/%Y} ({meeting['minutes_no']}): "
                f"{yes}/{_COUNCIL_SIZE} thành viên tán thành (ngưỡng {threshold})."
            )
            if nom["state_since"] == h["at"]:  # the decision is the row's last move
                nom["state_since"] = closed_at
            h.update(
                actor_email=secretary, actor_role="COUNCIL_SECRETARY", actor_unit=_COUNCIL_UNIT, at=closed_at
            )
        history.append(_hist("council_meetings", mid, "", "close", "OPEN", "CLOSED", secretary, "COUNCIL_SECRETARY",
                             _COUNCIL_UNIT, f"Kết thúc phiên họp: {passed} thông qua, {len(group) - passed} không "
                             "thông qua.", closed_at))  # fmt: skip
    return meetings, ballots, history


def is_empty(store: Workbook) -> bool:
    """True when the store holds no units yet (a fresh install)."""
    return store.read("units").empty


def seed(
    store: Workbook, rows: Mapping[str, Sequence[Mapping[str, Any]]], *, actor: str = "seed-demo"
) -> dict[str, int]:
    """Append every tab's demo rows; returns counts per tab. Tabs registered after the store was
    opened (a campaign form's own tab) are created first."""
    store.ensure_tabs(headers())
    # the catalogue, the rules and their ledgers may be in the store already: a start applies their
    # files (services.reference_sync, services.field_ledger), and a seed after it must not add them twice
    kept = store.read_many([t for t in ("catalogue", "rules", "reference_sync", "form_fields") if t in rows])
    rows = {
        tab: [
            r for r in tab_rows if tab not in kept or str(r.get("id")) not in set(kept[tab]["id"].astype(str))
        ]
        for tab, tab_rows in rows.items()
    }
    counts: dict[str, int] = {}
    for tab, tab_rows in rows.items():
        for start in range(0, len(tab_rows), 2000):
            store.append(tab, tab_rows[start : start + 2000], actor=actor)
        counts[tab] = len(tab_rows)
    return counts

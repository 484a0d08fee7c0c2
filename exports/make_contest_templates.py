"""Create the contest's editable .docx templates in ``exports/templates/`` (run once; the files are
committed), with the same layout helpers as the other templates (``exports.make_templates``):

    python -m exports.make_contest_templates

* ``quyet_dinh_ket_qua.docx``: "Quyết định công nhận kết quả" of a contest, with its annex (the prize
  winners per category, with the money);
* ``giay_chung_nhan.docx``: one certificate (one landscape page); the export repeats it per winner.

The placeholders are listed in docs/documents.md. A draft (no number yet) prints "(Dự thảo)" where
the signature goes, never "(Đã ký)".
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from exports.make_templates import TEMPLATES, _base, _decision_end, _header, _para, _signature


def quyet_dinh_ket_qua() -> DocumentObject:
    doc = _base()
    _header(doc)
    _para(doc, "QUYẾT ĐỊNH", bold=True, align="center", space_before=18)
    _para(doc, "Về việc công nhận kết quả {{ten_hoi_thi}}", bold=True, align="center")
    _para(doc, "———", align="center", size=10, space_after=6)
    _para(doc, "BAN THƯỜNG VỤ {{ten_co_quan_hoa}}", bold=True, align="center", space_after=8)
    _para(doc, "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;", italic=True, indent=True)
    _para(doc, "Căn cứ Quy chế Khen thưởng của tổ chức Công đoàn;", italic=True, indent=True)
    _para(doc, "Căn cứ {{van_ban_phat_dong}} về việc tổ chức {{ten_hoi_thi}};", italic=True, indent=True,
          align="justify")  # fmt: skip
    _para(
        doc,
        "Xét kết quả chấm thi của Ban Giám khảo và đề nghị của Ban Tổ chức Hội thi,",
        italic=True,
        indent=True,
        space_after=8,
    )
    _para(doc, "QUYẾT ĐỊNH:", bold=True, align="center", space_after=8)
    _para(
        doc,
        "Điều 1. Công nhận kết quả {{ten_hoi_thi}}: {{so_thi_sinh}} thí sinh dự thi {{so_nghe}} nghề; "
        "{{tong_so_giai}} thí sinh đạt giải (có danh sách kèm theo), gồm:",
        indent=True,
        align="justify",
    )
    _para(doc, "{{bang_tong_hop}}")
    _para(
        doc,
        "Điều 2. Cấp Giấy chứng nhận và thưởng cho các thí sinh đạt giải tại Điều 1 theo mức của từng "
        "giải; tổng số tiền thưởng {{tong_tien}} (bằng chữ: {{tong_tien_chu}}).",
        indent=True,
        align="justify",
        space_before=6,
    )
    _decision_end(
        doc,
        "Điều 3. Văn phòng, Ban Tổ chức Hội thi, các đơn vị có liên quan và các thí sinh có tên tại "
        "Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        kept_at="- Lưu: VT, Ban Tổ chức Hội thi.",
        signed="{{trang_thai_ky}}",
        annex=["DANH SÁCH THÍ SINH ĐẠT GIẢI", "{{ten_hoi_thi_hoa}}"],
    )
    return doc


def giay_chung_nhan() -> DocumentObject:
    doc = _base()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    sec.left_margin = sec.right_margin = Mm(25)
    _para(doc, "{{co_quan_cap_tren}}", align="center", size=13)
    _para(doc, "{{co_quan_ban_hanh}}", bold=True, align="center", size=14)
    _para(doc, "GIẤY CHỨNG NHẬN", bold=True, align="center", size=30, space_before=24, space_after=12)
    _para(
        doc, "Ban Tổ chức {{ten_hoi_thi}} chứng nhận:", italic=True, align="center", size=15, space_after=12
    )
    _para(doc, "{{ho_ten}}", bold=True, align="center", size=24, space_after=6)
    _para(doc, "Đơn vị: {{don_vi}}", align="center", size=15)
    _para(doc, "Đã đạt {{giai}} nghề {{nghe}}", bold=True, align="center", size=18, space_before=12)
    _para(doc, "(Tổng điểm {{tong_diem}}/100, xếp hạng {{xep_hang}})", italic=True, align="center", size=13,
          space_after=18)  # fmt: skip
    _signature(
        doc,
        ["Số: {{so_ky_hieu}}", "Tiền thưởng: {{tien_thuong}}"],
        [
            ("{{dia_danh_ngay}}", False, True),
            ("TM. BAN THƯỜNG VỤ", True, False),
            ("{{chuc_vu_ky}}", True, False),
            ("{{trang_thai_ky}}", False, True),
            ("{{nguoi_ky}}", True, False),
        ],
    )
    return doc


BUILDERS = {"quyet_dinh_ket_qua.docx": quyet_dinh_ket_qua, "giay_chung_nhan.docx": giay_chung_nhan}


def main(folder: Path = TEMPLATES) -> list[Path]:
    """Write the contest templates into ``folder``; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, build in BUILDERS.items():
        path = folder / name
        build().save(str(path))
        out.append(path)
    return out


if __name__ == "__main__":
    for p in main():
        print(p)

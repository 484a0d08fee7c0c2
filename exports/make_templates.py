"""Create the editable .docx templates in ``exports/templates/`` (run once; the files are committed).

    python -m exports.make_templates

Officers may then edit the committed templates in Word or LibreOffice (wording, the "Căn cứ" lines,
signer, recipients, fonts). Generation only replaces ``{{placeholders}}`` and puts tables where a
paragraph reads exactly ``{{bang_...}}``; the list of placeholders is in docs/documents.md.
Layout follows Decree 30/2020 (A4, Times New Roman, national motto at the top right, the issuing
body and "Số:" at the top left, the place-and-date line in italics).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

TEMPLATES = Path(__file__).resolve().parent / "templates"
FONT = "Times New Roman"


def _base() -> DocumentObject:
    doc = Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Mm(297), Mm(210)
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)
    sec.left_margin, sec.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    return doc


def _para(
    where: DocumentObject | _Cell,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: str = "left",
    indent: bool = False,
    underline: bool = False,
    space_before: float = 0,
    space_after: float = 0,
) -> Paragraph:
    p = where.add_paragraph()
    p.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    if indent:
        p.paragraph_format.first_line_indent = Mm(10)
    p.paragraph_format.space_before = Pt(space_before)
    p.paragraph_format.space_after = Pt(space_after)
    if text:
        # one run per placeholder keeps them easy to find, even after someone edits the template
        for chunk in text.replace("{{", "\x00{{").replace("}}", "}}\x00").split("\x00"):
            if not chunk:
                continue
            run = p.add_run(chunk)
            run.bold, run.italic, run.underline = bold, italic, underline
            if size:
                run.font.size = Pt(size)
    return p


def _no_borders(table: object) -> None:
    tbl = table._tbl  # type: ignore[attr-defined]
    borders = tbl.tblPr.first_child_found_in("w:tblBorders")
    if borders is not None:
        tbl.tblPr.remove(borders)


def _header(doc: DocumentObject, left_width: float = 68, right_width: float = 97) -> None:
    """The two-column head: issuing body + number on the left, national motto + date on the right."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(left_width), Mm(right_width)
    table.columns[0].width, table.columns[1].width = Mm(left_width), Mm(right_width)
    left.paragraphs[0].text = ""
    right.paragraphs[0].text = ""
    _para(left, "{{co_quan_cap_tren}}", size=13, align="center")
    _para(left, "{{co_quan_ban_hanh}}", bold=True, size=13, align="center")
    _para(left, "———", size=10, align="center")
    _para(left, "Số: {{so_ky_hieu}}", size=13, align="center", space_before=4)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align="center")
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, align="center")
    _para(right, "———————————", size=10, align="center")
    _para(right, "{{dia_danh_ngay}}", italic=True, size=14, align="center", space_before=4)
    # "DỰ THẢO" on a draft (no number, not issued, a meeting still open); empty otherwise
    _para(right, "{{du_thao}}", bold=True, size=13, align="center", space_before=4)
    for cell in (left, right):
        first = cell.paragraphs[0]
        first._p.getparent().remove(first._p)


def _signature(doc: DocumentObject, left_lines: list[str], right_lines: list[tuple[str, bool, bool]]) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(80), Mm(85)
    table.columns[0].width, table.columns[1].width = Mm(80), Mm(85)
    for i, line in enumerate(left_lines):
        _para(left, line, bold=i == 0, italic=i == 0, size=12 if i == 0 else 11)
    for text, bold, italic in right_lines:
        _para(right, text, bold=bold, italic=italic, align="center")
    for cell in (left, right):
        first = cell.paragraphs[0]
        first._p.getparent().remove(first._p)


def _page_break(doc: DocumentObject) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _decision_end(
    doc: DocumentObject, article_3: str, *, kept_at: str, signed: str, annex: list[str]
) -> None:
    """A Quyết định's last article, its signature block ("TM. BAN THƯỜNG VỤ"; ``signed``: the
    placeholder saying draft or signed) and its annex page (``annex``: the title lines, then the
    "Kèm theo Quyết định số ..." line and the list)."""
    _para(doc, article_3, indent=True, align="justify", space_after=12)
    _signature(
        doc,
        ["Nơi nhận:", "- Như Điều 3;", kept_at],
        [
            ("TM. BAN THƯỜNG VỤ", True, False),
            ("{{chuc_vu_ky}}", True, False),
            (signed, False, True),
            ("", False, False),
            ("{{nguoi_ky}}", True, False),
        ],
    )
    _page_break(doc)
    for line in annex:
        _para(doc, line, bold=True, align="center")
    _para(
        doc,
        "(Kèm theo Quyết định số {{so_ky_hieu}} {{ngay_ky}} của Ban Thường vụ {{ten_co_quan}})",
        italic=True,
        align="center",
    )
    _para(doc, "———", align="center", size=10, space_after=6)
    _para(doc, "{{bang_danh_sach}}")


def to_trinh() -> DocumentObject:
    doc = _base()
    _header(doc)
    _para(doc, "TỜ TRÌNH", bold=True, align="center", space_before=18)
    _para(doc, "Về việc đề nghị khen thưởng {{ten_dot}}", bold=True, align="center")
    _para(doc, "———", align="center", size=10, space_after=6)
    _para(doc, "Kính gửi: Hội đồng Thi đua – Khen thưởng {{ten_co_quan}}", align="center", space_after=12)
    # the law and decree in force on the document's date (rules legal_basis.*)
    _para(doc, "Căn cứ {{can_cu_luat}};", indent=True, align="justify")
    _para(doc, "Căn cứ {{can_cu_nghi_dinh}};", indent=True, align="justify")
    _para(doc, "Căn cứ {{van_ban_phat_dong}} về {{ten_dot}};", indent=True, align="justify")
    _para(
        doc,
        "Trên cơ sở đề nghị của các đơn vị và kết quả thẩm định của công đoàn cấp trên, {{ten_co_quan}} "
        "kính trình Hội đồng Thi đua – Khen thưởng xem xét, đề nghị khen thưởng cho {{tong_so}} "
        "tập thể, cá nhân, cụ thể như sau:",
        indent=True,
        align="justify",
        space_after=6,
    )
    _para(doc, "{{bang_tong_hop}}")
    _para(
        doc,
        "(Có danh sách đề nghị khen thưởng kèm theo)",
        italic=True,
        align="center",
        space_before=6,
    )
    _para(doc, "Kính trình Hội đồng xem xét, quyết định./.", indent=True, space_before=6, space_after=12)
    _signature(
        doc,
        ["Nơi nhận:", "- Như trên;", "- Lưu: VT, Ban TĐKT."],
        [
            ("{{chuc_vu_ky}}", True, False),
            ("{{da_ky}}", False, True),
            ("", False, False),
            ("{{nguoi_ky}}", True, False),
        ],
    )
    # the list has six columns and long achievement texts: a landscape section of its own
    landscape = doc.add_section(WD_SECTION.NEW_PAGE)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Mm(297), Mm(210)
    _para(doc, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", bold=True, align="center")
    _para(
        doc,
        "(Kèm theo Tờ trình số {{so_ky_hieu}} {{ngay_ky}} của {{ten_co_quan}})",
        italic=True,
        align="center",
    )
    _para(doc, "———", align="center", size=10, space_after=6)
    _para(doc, "{{bang_danh_sach}}")
    return doc


def bien_ban() -> DocumentObject:
    doc = _base()
    _header(doc)
    _para(doc, "BIÊN BẢN", bold=True, align="center", space_before=18)
    _para(doc, "Họp {{hoi_dong}}", bold=True, align="center")
    _para(doc, "Xét đề nghị khen thưởng {{ten_dot}}", bold=True, align="center")
    _para(doc, "———", align="center", size=10, space_after=6)
    _para(doc, "Thời gian: {{ngay_hop}}.", indent=True)
    _para(doc, "Địa điểm: Trụ sở {{ten_co_quan}}.", indent=True)
    _para(
        doc,
        "Thành phần: tổng số thành viên Hội đồng {{thanh_vien}}; có mặt {{co_mat}}; "
        "gửi phiếu bằng văn bản {{phieu_van_ban}}.",
        indent=True,
        align="justify",
    )
    _para(doc, "Chủ trì: đồng chí {{chu_tri}}, Chủ tịch Hội đồng. Thư ký: đồng chí {{thu_ky}}.", indent=True)
    _para(doc, "I. KẾT QUẢ BIỂU QUYẾT THEO HÌNH THỨC KHEN THƯỞNG", bold=True, space_before=8, space_after=4)
    _para(doc, "{{bang_tong_hop}}")
    _para(doc, "II. KẾT QUẢ BIỂU QUYẾT TỪNG TRƯỜNG HỢP", bold=True, space_before=8, space_after=4)
    _para(doc, "{{bang_bieu_quyet}}")
    _para(
        doc,
        "Biên bản kết thúc vào hồi ..... giờ ..... cùng ngày, đã được thông qua trước Hội đồng./.",
        indent=True,
        align="justify",
        space_before=8,
        space_after=12,
    )
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    for cell, title, name in ((left, "THƯ KÝ", "{{thu_ky}}"), (right, "CHỦ TỊCH HỘI ĐỒNG", "{{chu_tri}}")):
        cell.paragraphs[0].text = ""
        _para(cell, title, bold=True, align="center")
        _para(cell, "{{da_ky}}", italic=True, align="center")
        _para(cell, "", align="center")
        _para(cell, name, bold=True, align="center")
        first = cell.paragraphs[0]
        first._p.getparent().remove(first._p)
    return doc


def quyet_dinh() -> DocumentObject:
    doc = _base()
    _header(doc)
    _para(doc, "QUYẾT ĐỊNH", bold=True, align="center", space_before=18)
    _para(doc, "Về việc khen thưởng {{ten_dot}}", bold=True, align="center")
    _para(doc, "———", align="center", size=10, space_after=6)
    _para(doc, "BAN THƯỜNG VỤ {{ten_co_quan_hoa}}", bold=True, align="center", space_after=8)
    # the law and decree in force on the decision's date (rules legal_basis.*)
    _para(doc, "Căn cứ {{can_cu_luat}};", italic=True, indent=True, align="justify")
    _para(doc, "Căn cứ {{can_cu_nghi_dinh}};", italic=True, indent=True, align="justify")
    _para(doc, "Căn cứ Quy chế Khen thưởng của tổ chức Công đoàn;", italic=True, indent=True)
    _para(doc, "Căn cứ {{van_ban_phat_dong}} về {{ten_dot}};", italic=True, indent=True, align="justify")
    _para(
        doc,
        "Xét đề nghị của Hội đồng Thi đua – Khen thưởng {{ten_co_quan}},",
        italic=True,
        indent=True,
        space_after=8,
    )
    _para(doc, "QUYẾT ĐỊNH:", bold=True, align="center", space_after=8)
    _para(
        doc,
        "Điều 1. Khen thưởng {{tong_so}} tập thể, cá nhân đã có thành tích trong {{ten_dot}} "
        "(có danh sách kèm theo), gồm:",
        indent=True,
        align="justify",
    )
    _para(doc, "{{bang_tong_hop}}")
    _para(
        doc,
        "Điều 2. Tiền thưởng kèm theo thực hiện theo quy định hiện hành về thi đua, khen thưởng.",
        indent=True,
        align="justify",
        space_before=6,
    )
    _decision_end(
        doc,
        "Điều 3. Văn phòng, Ban Thi đua – Khen thưởng, các đơn vị có liên quan và các tập thể, cá nhân "
        "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        kept_at="- Lưu: VT, Ban TĐKT.",
        signed="{{da_ky}}",
        annex=["DANH SÁCH KÈM THEO"],
    )
    return doc


def giao_ban_quy() -> DocumentObject:
    doc = _base()
    _header(doc)
    _para(doc, "BÁO CÁO NHANH", bold=True, align="center", space_before=18)
    _para(doc, "Số liệu thi đua – khen thưởng phục vụ giao ban {{quy}}", bold=True, align="center")
    _para(doc, "———", align="center", size=10, space_after=6)
    _para(
        doc, "Số liệu tính đến {{thoi_diem}}; phạm vi: {{pham_vi}}.", italic=True, indent=True, space_after=6
    )
    _para(doc, "{{bang_chi_tieu}}")
    _para(
        doc,
        "Ghi chú: số liệu lấy trực tiếp từ các bảng tính của hệ thống (cột Nguồn); "
        "tỷ lệ làm tròn hai chữ số thập phân.",
        italic=True,
        size=12,
        indent=True,
        space_before=6,
        space_after=12,
    )
    _signature(
        doc,
        ["Nơi nhận:", "- Thường trực;", "- Lưu: VT, Ban TĐKT."],
        [
            ("{{chuc_vu_ky}}", True, False),
            ("", False, False),
            ("", False, False),
            ("{{nguoi_ky}}", True, False),
        ],
    )
    return doc


BUILDERS = {
    "to_trinh.docx": to_trinh,
    "bien_ban.docx": bien_ban,
    "quyet_dinh.docx": quyet_dinh,
    "giao_ban_quy.docx": giao_ban_quy,
}


def main(folder: Path = TEMPLATES) -> list[Path]:
    """Write every template into ``folder``; returns the paths written."""
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

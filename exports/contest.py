"""A contest's printed results: the prize list (.xlsx, money per category and in total), the
"Quyết định công nhận kết quả" with its annex, and the certificates (.docx), from the confirmed
results (``reporting.contest_results``). The templates are editable (``exports/templates/``)."""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Mapping
from pathlib import Path

from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from core.model import Actor
from core.text import ascii_slug
from core.vnformat import fmt_int, fmt_vnd, fmt_vnd_words, official_date
from exports import docx_fill as fill
from exports.build import DOCX, XLSX, ExportFile
from exports.xlsx import safe_text
from reporting.contest_results import ContestResults, PrizeLine, contest_results
from reporting.reporting import DocumentInfo, Reporting

#: The header style of the lists (as exports.xlsx writes them): white bold on dark blue, thin grey rules.
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
THIN = Side(style="thin", color="A6A6A6")

#: The contest's exports: prize list, decision with annex, certificates.
KINDS: tuple[str, ...] = ("giaithuong", "quyetdinh_ketqua", "chungnhan")
PRIZE_COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 6),
    ("Họ và tên", 28),
    ("Đơn vị", 46),
    ("Nghề thi", 20),
    ("Xếp hạng", 9),
    ("Tổng điểm", 10),
    ("Giải", 18),
    ("Tiền thưởng (đồng)", 16),
)
ANNEX_COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 12),
    ("Họ và tên", 40),
    ("Đơn vị", 52),
    ("Giải", 26),
    ("Tiền thưởng (đồng)", 30),
)
TIER_COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 12),
    ("Giải", 50),
    ("Số giải", 28),
    ("Mức thưởng (đồng)", 36),
    ("Thành tiền (đồng)", 40),
)
_SUBTOTAL_FILL = PatternFill("solid", fgColor="DDEBF7")
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


def file_of(kind: str, campaign_id: str, number: int | str | None = None) -> tuple[str, str]:
    """(file name, MIME type) of an export, known before it is made (for a deferred download)."""
    slug = ascii_slug(campaign_id).lower()
    if kind == "giaithuong":
        return f"danh-sach-giai-{slug}.xlsx", XLSX
    if kind == "quyetdinh_ketqua":
        return f"quyet-dinh-ket-qua-{slug}.docx", DOCX
    if kind == "chungnhan":
        return f"giay-chung-nhan-{slug}.docx", DOCX
    raise ValueError(f"unknown contest export {kind!r}; choose one of {', '.join(KINDS)}")


def export(
    reporting: Reporting,
    actor: Actor,
    kind: str,
    campaign_id: str,
    *,
    number: int | str | None = None,
    lang: str = "vi",
) -> ExportFile:
    """Make ``kind`` (one of :data:`KINDS`) for the contest as ``actor`` sees it; the read is recorded
    in the audit trail, like every export of a full list or document."""
    name, mime = file_of(kind, campaign_id, number)
    if kind == "giaithuong":
        data = prize_list(contest_results(reporting, actor, campaign_id, number))
    else:
        bundle = contest_results(reporting, actor, campaign_id, number, documents=True)
        data = decision(bundle) if kind == "quyetdinh_ketqua" else certificates(bundle)
    reporting.services.record_read(actor, "contest_results", campaign_id, kind)
    return ExportFile(name, data, mime)


# ---------------------------------------------------------------------------------------- the list


def prize_list(bundle: ContestResults) -> bytes:
    """The winners per category with the money: a subtotal row per category and the grand total."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Danh sách đạt giải"
    ws.append([safe_text(bundle.campaign_name.upper())])
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    ws.append([])
    ws.append([h for h, _ in PRIZE_COLUMNS])
    header = ws.max_row
    for cell in ws[header]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
    n = 0
    for label, lines in bundle.by_category():
        for line in lines:
            n += 1
            ws.append(
                [n, safe_text(line.full_name), safe_text(line.unit_name), safe_text(label), line.rank,
                 float(line.total) if line.total else None, safe_text(line.prize_label), line.amount]
            )  # fmt: skip
            for c in (2, 3, 4, 7):
                ws.cell(row=ws.max_row, column=c).data_type = "s"
            ws.cell(row=ws.max_row, column=8).number_format = "#,##0"
        ws.append(
            ["", f"Cộng nghề {label}: {len(lines)} giải", "", "", "", "", "", sum(ln.amount for ln in lines)]
        )
        _emphasise(ws, ws.max_row, fill_=_SUBTOTAL_FILL)
    ws.append(["", f"TỔNG CỘNG: {bundle.prizes} giải", "", "", "", "", "", bundle.money])
    _emphasise(ws, ws.max_row)
    ws.append(["", f"Bằng chữ: {fmt_vnd_words(bundle.money)}"])
    for j, (_, width) in enumerate(PRIZE_COLUMNS, 1):
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = ws.cell(row=header + 1, column=1)
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.orientation = "landscape"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _emphasise(ws: object, row: int, fill_: PatternFill | None = None) -> None:
    for cell in ws[row]:  # type: ignore[index]
        cell.font = Font(bold=True)
        if fill_ is not None:
            cell.fill = fill_
    ws.cell(row=row, column=8).number_format = "#,##0"  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------- documents


def _header(info: DocumentInfo) -> dict[str, str]:
    draft = not info.number.split("/")[0].strip()
    return {
        "co_quan_cap_tren": info.issuer_parent,
        "co_quan_ban_hanh": info.issuer,
        "so_ky_hieu": info.number,
        "dia_danh_ngay": official_date(info.signed_on, info.place),
        "ngay_ky": official_date(info.signed_on, None),
        "chuc_vu_ky": info.signer_title,
        "nguoi_ky": info.signer_name,
        # a draft says so; a decision with its number leaves the line for the real signature
        "trang_thai_ky": "(Dự thảo)" if draft else "",
        "du_thao": "DỰ THẢO" if draft else "",  # under the date, as on every other draft decision
    }


def _values(bundle: ContestResults) -> dict[str, str]:
    name = bundle.campaign_name
    return {
        **_header(bundle.info),
        "ten_hoi_thi": name[:1].lower() + name[1:],
        "ten_hoi_thi_hoa": name.upper(),
        "ten_co_quan": bundle.extra.get("ten_co_quan", bundle.info.issuer),
        "ten_co_quan_hoa": bundle.extra.get("ten_co_quan_hoa", bundle.info.issuer),
        "van_ban_phat_dong": bundle.extra.get("van_ban_phat_dong", "kế hoạch tổ chức"),
        "so_thi_sinh": fmt_int(bundle.entrants),
        "so_nghe": fmt_int(len(bundle.categories)),
        "tong_so_giai": fmt_int(bundle.prizes),
        "tong_tien": fmt_vnd(bundle.money),
        "tong_tien_chu": fmt_vnd_words(bundle.money),
    }


def decision(bundle: ContestResults, *, templates: Path | None = None) -> bytes:
    """The decision recognising the results, the tiers' summary in Điều 1 and the annex per category."""
    doc = fill.load("quyet_dinh_ket_qua.docx", templates)
    fill.replace_text(doc, _values(bundle))
    tiers = fill.ListTable(doc, [h for h, _ in TIER_COLUMNS], [w for _, w in TIER_COLUMNS], size=13)
    for i, tier in enumerate(bundle.tiers, 1):
        tiers.add(
            [str(i), tier.label, fmt_int(tier.count), fmt_int(tier.each), fmt_int(tier.money)], center=(0, 2)
        )
    tiers.add(["", "Tổng cộng", fmt_int(bundle.prizes), "", fmt_int(bundle.money)], center=(0, 2), bold=True)
    fill.put_table(doc, "bang_tong_hop", tiers.table)
    annex = fill.ListTable(doc, [h for h, _ in ANNEX_COLUMNS], [w for _, w in ANNEX_COLUMNS], size=12)
    for ci, (label, lines) in enumerate(bundle.by_category(), 1):
        annex.section(f"{ci}. Nghề {label} ({fmt_int(len(lines))} giải)")
        for i, line in enumerate(lines, 1):
            annex.add([str(i), line.full_name, line.unit_name, line.prize_label, fmt_int(line.amount)])
        annex.add(["", "Cộng", "", "", fmt_int(sum(ln.amount for ln in lines))], bold=True)
    annex.add(["", "TỔNG CỘNG", "", fmt_int(bundle.prizes), fmt_int(bundle.money)], bold=True)
    fill.put_table(doc, "bang_danh_sach", annex.table)
    return fill.to_bytes(doc)


def _person(line: PrizeLine) -> Mapping[str, str]:
    return {
        "ho_ten": line.full_name,
        "don_vi": line.unit_name,
        "giai": line.prize_label,
        "nghe": line.category_label,
        "tong_diem": line.total.replace(".", ","),
        "xep_hang": str(line.rank),
        "tien_thuong": fmt_vnd(line.amount),
    }


def certificates(bundle: ContestResults, *, templates: Path | None = None) -> bytes:
    """One certificate page per winner, from the one-page template (its placeholders filled each time)."""
    doc = fill.load("giay_chung_nhan.docx", templates)
    body = doc.element.body
    page = [el for el in body if el.tag != qn("w:sectPr")]
    for el in page:
        body.remove(el)
    anchor = body.find(qn("w:sectPr"))
    common = {**_values(bundle), "ten_hoi_thi": bundle.campaign_name}
    for i, line in enumerate(bundle.lines):
        values = {**common, **_person(line)}

        def sub(match: re.Match[str], values: Mapping[str, str] = values) -> str:
            return values.get(match.group(1), match.group(0))

        if i:
            anchor.addprevious(_page_break())
        for el in page:
            made = copy.deepcopy(el)
            for node in made.iter(qn("w:t")):
                if node.text and "{{" in node.text:
                    node.text = _PLACEHOLDER.sub(sub, node.text)
            anchor.addprevious(made)
    return fill.to_bytes(doc)


def _page_break() -> object:
    from docx.oxml import parse_xml

    return parse_xml(
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:r><w:br w:type="page"/></w:r></w:p>'
    )

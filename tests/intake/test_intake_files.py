"""Excel/CSV round trip: the template, every way a file is refused, rejected rows given back."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile
from typing import Any

import openpyxl
import pytest

from core.errors import FieldError
from core.text import clean
from services import intake
from services.intake import UploadRejected, fill, read_upload, rejected_rows_xlsx, template
from workflows.loader import load_campaigns
from workflows.spec import CampaignSpec

CAMPAIGNS = load_campaigns()
ANNUAL = CAMPAIGNS["HN-2024-KTN"]
DRIVE = CAMPAIGNS["HN-2023-DTD-CAODIEM-DH"]


def nom(name: str = "Nguyễn Thị Thu Thủy", award: str = "LDTT", **over: Any) -> dict[str, Any]:
    row = {
        "subject_kind": "CA_NHAN",
        "full_name": name,
        "position": "Công nhân",
        "award_code": award,
        "achievement": "Hoàn thành xuất sắc nhiệm vụ, vượt 15% định mức sản lượng năm 2024.",
    }
    row.update(over)
    return row


def filled(rows: list[dict[str, Any]], campaign: CampaignSpec = ANNUAL, form: str = "nomination") -> bytes:
    return fill(template(campaign, form, "vi"), rows)


def rejected(code: str, filename: str, data: bytes, **kw: Any) -> UploadRejected:
    with pytest.raises(UploadRejected) as info:
        read_upload(
            filename, data, campaign=kw.pop("campaign", ANNUAL), form=kw.pop("form", "nomination"), **kw
        )
    assert info.value.code == code, info.value.message("en")
    assert info.value.message("vi") and info.value.message("en")
    return info.value


# ------------------------------------------------------------------ template


def test_template_has_vietnamese_headers_frozen_row_instructions_and_hidden_keys() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(template(ANNUAL, "nomination", "vi")))
    assert wb.sheetnames[:2] == [intake.DATA_SHEET, intake.HELP_SHEET]
    ws = wb[intake.DATA_SHEET]
    headers = [c.value for c in ws[1]]
    assert headers == [
        "Đối tượng",
        "Họ và tên / Tên tập thể",
        "Chức vụ",
        "Danh hiệu / hình thức",
        "Tóm tắt thành tích",
        "Tiêu chuẩn Bằng khen",  # optional: R-BK-1's criterion path
    ]
    assert ws.freeze_panes == "A2"
    assert wb[intake.KEY_SHEET].sheet_state == "hidden"
    keys = [r for r in wb[intake.KEY_SHEET].iter_rows(values_only=True)]
    assert keys[1] == ("campaign", "HN-2024-KTN", None) or keys[1][:2] == ("campaign", "HN-2024-KTN")
    help_text = " ".join(str(c) for r in wb[intake.HELP_SHEET].iter_rows(values_only=True) for c in r if c)
    assert "LDTT = Lao động tiên tiến" not in help_text  # no catalogue given: codes only
    assert "CSTD_CS" in help_text and "Năm thành tích = 2024" in help_text


def test_template_dropdowns_list_the_form_awards_and_enumerations() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(template(ANNUAL, "nomination", "vi")))
    ws = wb[intake.DATA_SHEET]
    lists = wb[intake.LIST_SHEET]
    ranges = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert set(ranges) == {"A2", "D2", "F2"}  # subject_kind, award_code and criterion_path
    col = ranges["D2"].split("!")[1].split(":")[0].strip("$").rstrip("$1").rstrip("$")
    values = [c.value for c in lists[col] if c.value]
    assert values == list(ANNUAL.forms["nomination"].awards)


def test_template_sets_date_and_money_formats() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(template(DRIVE, "work", "en")))
    ws = wb[intake.DATA_SHEET]
    headers = [c.value for c in ws[1]]
    assert headers[4] == "Planned completion" and headers[5] == "Value (VND)"
    assert ws.cell(row=2, column=5).number_format == intake.DATE_FORMAT
    assert ws.cell(row=2, column=6).number_format == intake.MONEY_FORMAT


def test_template_lists_catalogue_names_when_given() -> None:
    cat = {"LDTT": {"name_vi": "Lao động tiên tiến", "name_en": "Advanced Worker"}}
    wb = openpyxl.load_workbook(io.BytesIO(template(ANNUAL, "nomination", "vi", catalogue=cat)))
    help_text = " ".join(str(c) for r in wb[intake.HELP_SHEET].iter_rows(values_only=True) for c in r if c)
    assert "Lao động tiên tiến" in help_text and "LDTT" not in help_text  # labels; codes stay inside
    assert "Chọn một trong: Cá nhân; Tập thể" in help_text
    lists = [c.value for row in wb[intake.LIST_SHEET].iter_rows() for c in row if c.value]
    assert "Lao động tiên tiến" in lists and "Cá nhân" in lists and "CA_NHAN" not in lists


# ------------------------------------------------------------------ round trip


def test_valid_rows_survive_a_template_round_trip() -> None:
    rows = [nom(), nom("Trần Văn Hòa", "CSTD_CS", position="")]
    up = read_upload("mau.xlsx", filled(rows), campaign=ANNUAL, form="nomination")
    assert up.rows == [{**r, "position": r["position"] or None, "criterion_path": None} for r in rows]
    assert up.row_numbers == [2, 3] and up.from_template and up.form == "nomination"


def test_dates_and_money_come_back_typed() -> None:
    rows = [
        {
            "name_vi": "Cầu Ngọc Hà",
            "work_type": "CONG_TRINH",
            "level": "CO_SO",
            "implementing_org": "",
            "planned_completion": "2023-09-02",
            "value_vnd": 8_500_000,
        }
    ]
    up = read_upload("w.xlsx", filled(rows, DRIVE, "work"), campaign=DRIVE, form="work")
    got = up.rows[0]
    assert got["planned_completion"] in (dt.datetime(2023, 9, 2), dt.date(2023, 9, 2))
    assert got["value_vnd"] == 8_500_000


def test_blank_lines_are_skipped_and_row_numbers_stay_as_the_user_sees_them() -> None:
    data = filled([nom("A An"), {}, nom("B Bình")])
    up = read_upload("m.xlsx", data, campaign=ANNUAL, form="nomination")
    assert [r["full_name"] for r in up.rows] == ["A An", "B Bình"] and up.row_numbers == [2, 4]


def test_formula_like_text_is_written_as_text() -> None:
    data = filled([nom('=HYPERLINK("http://x")')])
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb[intake.DATA_SHEET]["B2"].data_type == "s"


TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as old Excel writes it: base letters (â ê ô ơ ư ă đ) plus combining tone marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def test_csv_in_utf8_utf8_sig_utf16_and_cp1258_is_read() -> None:
    header = "Đối tượng,Họ và tên / Tên tập thể,Chức vụ,Danh hiệu / hình thức,Tóm tắt thành tích\n"
    line = "CA_NHAN,Lê Thị Hoà,Công nhân,LDTT,Hoàn thành xuất sắc nhiệm vụ năm 2024 của đơn vị.\n"
    encoded = {e: (header + line).encode(e) for e in ("utf-8", "utf-8-sig", "utf-16")}
    encoded["cp1258"] = to_cp1258(header + line)
    for encoding, data in encoded.items():
        up = read_upload("a.csv", data, campaign=ANNUAL, form="nomination")
        assert up.rows[0]["award_code"] == "LDTT", encoding
        assert clean(up.rows[0]["full_name"]) == "Lê Thị Hoà", encoding


def test_csv_headers_may_be_english_labels_or_field_names_with_semicolons() -> None:
    text = (
        "subject_kind;Full name / collective;position;award_code;achievement\nCA_NHAN;Lê An;;LDTT;" + "x" * 25
    )
    up = read_upload("a.csv", text.encode(), campaign=ANNUAL, form="nomination")
    assert up.rows[0]["full_name"] == "Lê An"


# ------------------------------------------------------------------ rejections (never a crash)


def test_too_large() -> None:
    e = rejected("intake.too_large", "big.xlsx", filled([nom()]), max_bytes=1000)
    assert "MB" in e.message("vi")


def test_twenty_megabytes_is_the_default_limit() -> None:
    rejected("intake.too_large", "big.csv", b"a" * (20 * 1024 * 1024 + 1))


def test_macro_extension() -> None:
    rejected("intake.macro", "mau.xlsm", filled([nom()]))


def test_macro_inside_an_xlsx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(filled([nom()]))) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/vbaProject.bin", b"\x00" * 16)
    rejected("intake.macro", "mau.xlsx", buf.getvalue())


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("ho_so.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        ("anh.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("broken.xlsx", b"PK\x03\x04garbage that is not a zip"),
        ("binary.csv", b"\x00\x01\x02\x03" * 100),
    ],
)
def test_not_a_spreadsheet(filename: str, data: bytes) -> None:
    rejected("intake.not_spreadsheet", filename, data)


def test_a_word_document_is_not_a_spreadsheet() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    rejected("intake.not_spreadsheet", "to_trinh.xlsx", buf.getvalue())


def test_old_xls() -> None:
    rejected("intake.old_excel", "cu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)


def test_empty_and_header_only_files() -> None:
    rejected("intake.empty_file", "a.csv", b"")
    rejected("intake.empty_file", "a.csv", b"\n\n")
    rejected("intake.no_rows", "mau.xlsx", template(ANNUAL, "nomination", "vi"))


def test_a_file_typed_in_tcvn3_is_converted_cell_by_cell_with_a_warning_each() -> None:
    header = "§èi t­îng,Hä vµ tªn / Tªn tËp thÓ,Chøc vô,Danh hiÖu / h×nh thøc,Tãm t¾t thµnh tÝch\n"
    tcvn3 = [
        "CA_NHAN,NguyÔn ThÞ Thñy,C«ng nh©n,LDTT,Hoµn thµnh xuÊt s¾c nhiÖm vô n¨m 2024\n",
        "CA_NHAN,TrÇn V¨n Hïng,Tæ tr­ëng,LDTT,Hoµn thµnh tèt nhiÖm vô ®­îc giao n¨m 2024\n",
        "CA_NHAN,Lª ThÞ Hoa,C«ng nh©n,LDTT,V­ît ®Þnh møc s¶n l­îng n¨m 2024 cña ®¬n vÞ\n",
    ]
    up = read_upload(
        "tcvn3.csv", (header + "".join(tcvn3)).encode("cp1252"), campaign=ANNUAL, form="nomination"
    )
    assert [r["full_name"] for r in up.rows] == ["Nguyễn Thị Thủy", "Trần Văn Hùng", "Lê Thị Hoa"]
    assert up.rows[1]["achievement"] == "Hoàn thành tốt nhiệm vụ được giao năm 2024"
    converted = [n for n in up.notes if n.rule == "legacy_converted"]
    assert len(converted) == 9 and all(n.severity == "warning" for n in converted)
    assert converted[0].message("vi") == (
        "Dòng 2: Cột 'Họ và tên / Tên tập thể': 'NguyÔn ThÞ Thñy' được gõ bằng bảng mã cũ TCVN3; "
        "đã chuyển sang Unicode thành 'Nguyễn Thị Thủy'. Kiểm tra lại nội dung đã chuyển."
    )


def test_wrong_template_other_form_or_campaign() -> None:
    works = fill(template(ANNUAL, "work", "vi"), [{"name_vi": "Cầu Ngọc Hà"}])
    e = rejected("intake.wrong_template", "cong_trinh.xlsx", works)
    assert "HN-2024-KTN / work" in e.message("vi")
    other = fill(template(DRIVE, "nomination", "vi"), [nom(award="HN_CNG_TD")])
    rejected("intake.wrong_template", "dot.xlsx", other)


def _edit_header(data: bytes, column: int, value: str | None) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb[intake.DATA_SHEET].cell(row=1, column=column).value = value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_renamed_header_is_named() -> None:
    data = _edit_header(filled([nom()]), 2, "Tên người")
    e = rejected("intake.renamed_headers", "mau.xlsx", data)
    assert "'Tên người' → 'Họ và tên / Tên tập thể'" in e.message("vi")


def test_missing_header_is_named() -> None:
    data = _edit_header(filled([nom()]), 4, None)
    e = rejected("intake.missing_headers", "mau.xlsx", data)
    assert "'Danh hiệu / hình thức'" in e.message("vi")
    csv = "Họ và tên,Danh hiệu\nLê An,LDTT\n".encode()
    rejected("intake.missing_headers", "a.csv", csv)


def test_header_case_spacing_and_tone_placement_are_forgiven() -> None:
    data = _edit_header(filled([nom()]), 5, "  tóm tắt THÀNH TÍCH ")
    assert read_upload("m.xlsx", data, campaign=ANNUAL, form="nomination").rows[0]["achievement"]


def test_unknown_form_is_a_message() -> None:
    rejected("campaign.unknown_form", "a.csv", b"x\n1\n", form="nope")


# ------------------------------------------------------------------ rejected rows back


def test_rejected_rows_workbook_has_only_those_rows_and_an_error_column() -> None:
    rows = [nom("A An"), nom("B Bình", achievement="ngắn"), nom("C Chi", award="XYZ")]
    up = read_upload("m.xlsx", filled(rows), campaign=ANNUAL, form="nomination")
    errors = [
        FieldError(3, "Tóm tắt thành tích", "ngắn", "bad_length", {"min": 20, "max": 4000}),
        FieldError(4, "Danh hiệu / hình thức", "XYZ", "award_not_in_form", {"allowed": "LDTT"}),
    ]
    data = rejected_rows_xlsx(ANNUAL, up, errors, "vi")
    ws = openpyxl.load_workbook(io.BytesIO(data))[intake.DATA_SHEET]
    assert ws.cell(row=1, column=7).value == "Dòng gốc" and ws.cell(row=1, column=8).value == "Lỗi cần sửa"
    assert [ws.cell(row=r, column=2).value for r in (2, 3, 4)] == ["B Bình", "C Chi", None]
    assert [ws.cell(row=r, column=7).value for r in (2, 3)] == ["3", "4"]
    assert "20" in ws.cell(row=2, column=8).value
    assert ws.cell(row=2, column=5).fill.fgColor.rgb == "FFFFC7CE"
    again = read_upload("loi.xlsx", data, campaign=ANNUAL, form="nomination")  # error column ignored
    assert [r["full_name"] for r in again.rows] == ["B Bình", "C Chi"]
    assert again.origins == ["3", "4"]  # and the original rows come along for the next round


def test_rejected_rows_survive_control_characters() -> None:
    up = intake.Upload(
        "a.csv", ANNUAL.id, "nomination", "nominations", ("full_name",), [{"full_name": "A\x01B"}], [2]
    )
    data = rejected_rows_xlsx(ANNUAL, up, [FieldError(2, "x", "A\x01B", "invalid")], "en")
    assert openpyxl.load_workbook(io.BytesIO(data))[intake.DATA_SHEET]["B2"].value == "AB"


def test_report_rows_have_one_shape() -> None:
    e = FieldError(14, "Ngày sinh", "31/02/1985", "bad_date", {}, "error")
    (line,) = intake.report([e], "vi")
    assert set(line) == {"sheet", "row", "column", "value", "rule", "message", "severity"}
    assert line["row"] == 14 and not line["message"].startswith("Dòng")


def test_legacy_cells_under_unicode_headers_are_converted_and_unicode_cells_left_alone() -> None:
    header = "Đối tượng,Họ và tên / Tên tập thể,Chức vụ,Danh hiệu / hình thức,Tóm tắt thành tích\n"
    rows = "CA_NHAN,NguyÔn ThÞ Thñy,C«ng nh©n,LDTT,Hoµn thµnh xuÊt s¾c nhiÖm vô\n"
    rows += "CA_NHAN,Nguyeãn Vaên Huøng,Coâng nhaân,LDTT,Hoàn thành xuất sắc nhiệm vụ năm 2024\n"
    rows += "CA_NHAN,Müller Hoà,Kỹ sư,LDTT,Hoàn thành xuất sắc nhiệm vụ năm 2024\n"
    up = read_upload("mix.csv", (header + rows).encode("utf-8"), campaign=ANNUAL, form="nomination")
    assert [r["full_name"] for r in up.rows] == ["Nguyễn Thị Thủy", "Nguyễn Văn Hùng", "Müller Hoà"]
    assert up.rows[1]["achievement"] == "Hoàn thành xuất sắc nhiệm vụ năm 2024"
    found = {(n.row, n.params.get("encoding")) for n in up.notes if n.rule == "legacy_converted"}
    assert found == {(2, "TCVN3"), (3, "VNI")}

"""Officers' Excel in their own words (issue 15): each kind of damage a real file has, built here,
and what happens to it (docs/intake.md, "Officers' own files"). The same results reach the page,
the CLI and a sheet sync: they all go through ``services.intake_import``."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from services import intake
from services.intake import UploadRejected, read_upload, rejected_rows_xlsx, rows_upload
from services.intake_import import check_upload, import_upload, summary
from services.services import Services
from tests.conftest import OFFICER
from tests.intake.officer_files import (
    GOOD,
    date_cells,
    officer_file,
    person,
    with_stale_dimension,
    workbook_bytes,
)
from workflows.loader import load_campaigns

ANNUAL = load_campaigns()["HN-2024-KTN"]
WORK_HEADERS = ["TT", "Tên công trình", "Loại", "Cấp", "Dự kiến hoàn thành", "Giá trị (đồng)"]


def read(data: bytes, form: str = "nomination", name: str = "ds.xlsx") -> intake.Upload:
    return read_upload(name, data, campaign=ANNUAL, form=form)


def work(name: str, when: Any = "02/09/2024", value: Any = 8_500_000) -> list[Any]:
    return [None, name, "Công trình", "Cấp cơ sở", date_cells(when), value]


# ------------------------------------------------------------------ refused although clear


def test_labels_and_short_forms_are_read_as_codes_in_any_case_with_or_without_diacritics(
    services: Services,
) -> None:
    rows = [
        person("Mạc Văn Một", "Lao động tiên tiến", "Cá nhân"),
        person("Mạc Văn Hai", "lao dong tien tien", "ca nhan"),
        person("Mạc Văn Ba", "LĐTT", "CÁ NHÂN"),
        person("Mạc Văn Bốn", "Chiến sĩ thi đua cơ sở", "Cá nhân"),
        person("Mạc Văn Năm", "CSTĐCS", "cá nhân"),
        person("Tổ Cơ điện", "Bằng khen LĐLĐ Thành phố", "Tập thể"),
        person("Mạc Văn Sáu", "Danh hiệu lạ", "Cá thể"),
    ]
    report = check_upload(services, read(officer_file(rows)), actor=OFFICER)
    assert [c["award_code"] for c in report.cells[:6]] == [
        "LDTT",
        "LDTT",
        "LDTT",
        "CSTD_CS",
        "CSTD_CS",
        "U_BK_LDLD",
    ]
    assert [c["subject_kind"] for c in report.cells[:6]] == ["CA_NHAN"] * 5 + ["TAP_THE"]
    bad = {e.rule: e.message("vi") for e in report if e.row == 12}
    # labels, never codes, in what the officer reads
    assert "Chọn một trong: Cá nhân, Tập thể" in bad["not_in_list"]
    assert "Lao động tiên tiến" in bad["award_not_in_form"] and "LDTT" not in bad["award_not_in_form"]


def test_the_header_is_found_under_a_title_block_and_matched_by_name() -> None:
    up = read(officer_file([person("Lê Thị Hoa"), person("Trần Văn Nam")]))
    assert [r["full_name"] for r in up.rows] == ["Lê Thị Hoa", "Trần Văn Nam"]
    assert up.row_numbers == [6, 7]  # as the officer sees them, under the title and the header
    assert up.extra_headers == ("STT", "Ghi chú")  # set aside, given back in the rejected file


def test_headers_in_another_order_with_variants_and_a_column_numbering_row() -> None:
    headers = ["Số TT", "Thành tích đạt được", "Họ tên", "CN/TT", "Danh hiệu thi đua", "Chức danh"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(headers)
    ws.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])
    ws.append([1, GOOD, "Vũ Thị Lan", "Cá nhân", "LĐTT", "Tổ trưởng"])
    buf = io.BytesIO()
    wb.save(buf)
    up = read(buf.getvalue())
    assert up.rows == [
        {
            "subject_kind": "Cá nhân",
            "full_name": "Vũ Thị Lan",
            "position": "Tổ trưởng",
            "award_code": "LĐTT",
            "achievement": GOOD,
            "criterion_path": None,
        }
    ]
    assert up.row_numbers == [3]


def test_a_missing_column_is_named_exactly() -> None:
    headers = ["STT", "Họ và tên", "Chức vụ", "Đối tượng", "Ghi chú"]
    with pytest.raises(UploadRejected) as refused:
        read(officer_file([[None, "Lê An", "Công nhân", "Cá nhân", ""]], headers=headers))
    message = refused.value.message("vi")
    assert refused.value.code == "intake.missing_headers"
    assert "thiếu cột bắt buộc: 'Danh hiệu / hình thức', 'Tóm tắt thành tích'" in message
    assert "'Chức vụ'" in message and "'Ghi chú'" in message  # what was found


def test_a_total_row_is_skipped_with_one_note() -> None:
    rows = [
        person("Lê Thị Hoa"),
        person("Trần Văn Nam"),
        [None, "Tổng cộng", "2 người", None, None, None, None],
    ]
    up = read(officer_file(rows))
    assert len(up.rows) == 2
    (note,) = up.notes
    assert (note.row, note.rule, note.severity) == (8, "total_row", "note")
    assert note.message("vi") == "Dòng 8: Dòng tổng cộng ('Tổng cộng') không phải một hồ sơ nên được bỏ qua."


# ------------------------------------------------------------------ silently lost or wrong


def test_every_visible_sheet_with_the_columns_is_read_and_the_others_are_named() -> None:
    data = workbook_bytes(
        {
            "Đợt 1": [person("Lê Thị Hoa")],
            "Đợt 2 (bổ sung)": [person("Trần Văn Nam"), person("Đỗ Thị Yến")],
            "Cũ": [person("Người Ẩn")],
        },
        hidden=["Cũ"],
    )
    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb.create_sheet("Ghi nhớ").append(["Nhớ nộp trước ngày 10/12"])
    buf = io.BytesIO()
    wb.save(buf)
    up = read(buf.getvalue())
    assert [r["full_name"] for r in up.rows] == ["Lê Thị Hoa", "Trần Văn Nam", "Đỗ Thị Yến"]
    assert up.sheets == ["Đợt 1", "Đợt 2 (bổ sung)", "Đợt 2 (bổ sung)"] and up.row_numbers == [6, 6, 7]
    skipped = {n.value: n.message("vi") for n in up.notes if n.rule == "sheet_skipped"}
    assert set(skipped) == {"Ghi nhớ", "Cũ"}
    assert "không có dòng tiêu đề" in skipped["Ghi nhớ"] and "bị ẩn" in skipped["Cũ"]


def test_legacy_cells_are_converted_with_before_and_after_and_never_stored_as_typed(
    services: Services,
) -> None:
    rows = [
        person("NguyÔn V¨n An"),
        person("Nguyeãn Vaên Huøng", position="Coâng nhaân"),
        person("Nguyễn Thị Hoà"),
        person("Hä vµ tªn ®Çy ®ñ ®· sai ¸¸¸ xyzq"),
    ]
    up = read(officer_file(rows))
    assert [r["full_name"] for r in up.rows][:3] == ["Nguyễn Văn An", "Nguyễn Văn Hùng", "Nguyễn Thị Hoà"]
    converted = [n for n in up.notes if n.rule == "legacy_converted"]
    assert [(n.row, n.value, n.params["converted"]) for n in converted] == [
        (6, "NguyÔn V¨n An", "Nguyễn Văn An"),
        (7, "Nguyeãn Vaên Huøng", "Nguyễn Văn Hùng"),
        (7, "Coâng nhaân", "Công nhân"),
    ]
    assert all(n.severity == "warning" for n in converted)
    (unreadable,) = [n for n in up.notes if n.rule == "legacy_unreadable"]
    assert (unreadable.row, unreadable.severity) == (9, "error")
    result = import_upload(services, OFFICER, up, accept_warnings=True)
    stored = {r["full_name"] for r in result.imported}
    assert stored == {"Nguyễn Văn An", "Nguyễn Văn Hùng", "Nguyễn Thị Hoà"} and result.rejected == [("", 9)]


@pytest.mark.parametrize(
    ("typed", "rule", "shown"),
    [
        (2024, "date_plain_number", "2024"),
        (45, "date_plain_number", "45"),
        ("2024", "date_plain_number", "2024"),
        ("01/05/1924", "date_implausible_year", "01/05/1924"),
        ("2204-05-01", "date_implausible_year", "2204-05-01"),
    ],
)
def test_a_number_or_an_implausible_year_in_a_date_column_is_an_error_echoing_what_was_typed(
    services: Services, typed: Any, rule: str, shown: str
) -> None:
    data = officer_file([work("Cầu Ngọc Hà", when=typed)], headers=WORK_HEADERS)
    report = check_upload(services, read(data, "work"), actor=OFFICER)
    (e,) = [e for e in report if e.column == "Dự kiến hoàn thành"]
    assert (e.row, e.rule, e.severity) == (6, rule, "error")
    assert f"'{shown}'" in e.message("vi") and "1905" not in e.message("vi") and "1900" not in e.message("vi")


@pytest.mark.parametrize(
    ("typed", "rule", "says"),
    [
        ("10tr", "money_abbreviation", "'10 triệu'"),
        ("500k", "money_abbreviation", "500.000"),
        ("8 500 000", "money_spaces", "8.500.000"),
        ("2 triệu 5", "money_scale_remainder", "2.500.000"),
        ("8.500.000,5", "money_fraction", "8.500.000"),
        (1500.75, "money_fraction", "1.501"),
        ("-5.000", "money_negative", "âm"),
        ("tám triệu", "bad_money", "8.500.000 hoặc 8,5 triệu"),
    ],
)
def test_money_messages_say_what_is_wrong_with_that_value(
    services: Services, typed: Any, rule: str, says: str
) -> None:
    data = officer_file([work("Cầu Ngọc Hà", value=typed)], headers=WORK_HEADERS)
    report = check_upload(services, read(data, "work"), actor=OFFICER)
    (e,) = [e for e in report if e.column == "Giá trị (đồng)"]
    assert e.rule == rule and says in e.message("vi") and str(typed).split(",")[0] in e.message("vi")


def test_a_person_nominated_by_another_unit_is_flagged_with_that_unit_and_its_state(
    services: Services,
) -> None:
    # the demo's Phan Thị Thủy was awarded a Certificate of Merit through another union this year
    up = read(officer_file([person("Phan Thị Thủy"), person("Phan Thi Thuy"), person("Mạc Thị Riêng")]))
    report = check_upload(services, up, actor=OFFICER)
    flagged = [e for e in report if e.rule == "nominated_elsewhere"]
    assert [(e.row, e.severity) for e in flagged] == [(6, "warning"), (7, "warning")]
    message = flagged[0].message("vi")
    assert "Công đoàn" in message and "Bằng khen" in message and "Đã khen thưởng" in message


def test_a_name_typed_without_diacritics_is_a_possible_duplicate(services: Services) -> None:
    first = import_upload(services, OFFICER, read(officer_file([person("Nguyễn Thị Hoà Mới")])))
    assert len(first.imported) == 1
    up = read(
        officer_file([person("Nguyen Thi Hoa Moi"), person("Nguyễn Thị Hoà Mới", position="Tổ trưởng")])
    )
    report = check_upload(services, up, actor=OFFICER)
    by_row = {(e.row, e.rule): e for e in report}
    assert by_row[(6, "duplicate_stored_unaccented")].severity == "warning"
    assert "'Nguyễn Thị Hoà Mới'" in by_row[(6, "duplicate_stored_unaccented")].message("vi")
    assert by_row[(7, "duplicate_stored")].severity == "error"


# ------------------------------------------------------------------ the file given back


def test_the_rejected_file_keeps_extra_columns_typed_values_and_the_original_rows(services: Services) -> None:
    rows = [work("Cầu Ngọc Hà", when=2024), work("Đường Láng", value=0.4115), work("Nhà văn hóa tổ 5")]
    for row, note in zip(rows, ["ghi chú 1", "ghi chú 2", "ghi chú 3"], strict=True):
        row.append(note)
    data = officer_file(rows, headers=[*WORK_HEADERS, "Ghi chú"])
    up = read(data, "work")
    result = import_upload(services, OFFICER, up)
    assert result.rejected == [("", 6), ("", 7)] and len(result.imported) == 1
    back = rejected_rows_xlsx(ANNUAL, up, result.errors, "vi")
    ws = openpyxl.load_workbook(io.BytesIO(back))[intake.DATA_SHEET]
    header = [c.value for c in ws[1]]
    assert header[-4:] == ["TT", "Ghi chú", "Dòng gốc", "Lỗi cần sửa"]
    row2 = {h: ws.cell(row=2, column=j + 1) for j, h in enumerate(header)}
    assert str(row2["Dự kiến hoàn thành"].value) == "2024" and row2["Dòng gốc"].value == "6"
    assert row2["Dự kiến hoàn thành"].number_format == "General"  # not 16/07/1905
    assert row2["Ghi chú"].value == "ghi chú 1"
    row3 = {h: ws.cell(row=3, column=j + 1).value for j, h in enumerate(header)}
    assert str(row3["Giá trị (đồng)"]) == "0.4115" and row3["Dòng gốc"] == "7"
    # uploaded again: its rows still say where they came from
    again = read(back, "work", "loi.xlsx")
    assert again.origins == ["6", "7"] and again.extra_headers == ("TT", "Ghi chú")
    assert intake.origin_text(again, 1) == "7"


def test_the_summary_counts_rows_not_problems(services: Services) -> None:
    rows = [
        person("Lê Thị Hoa"),
        person("B", award="XYZ", achievement="ngắn"),  # three problems, one row
        person("Trần Văn Nam", achievement="ngắn"),
        person("Đỗ Thị Yến", kind=""),
    ]
    up = read(officer_file(rows))
    report = check_upload(services, up, actor=OFFICER)
    (line, *_) = summary(up, report, "vi")
    assert line.startswith("4 dòng: 1 dòng hợp lệ, 3 dòng có lỗi, 0 dòng cần xác nhận cảnh báo")


def test_the_same_file_imported_twice_is_reported_as_already_stored(services: Services) -> None:
    data = officer_file([person("Mạc Thị Một"), person("Mạc Thị Hai")])
    assert len(import_upload(services, OFFICER, read(data)).imported) == 2
    again = import_upload(services, OFFICER, read(data))
    assert again.imported == [] and again.already == [("", 6), ("", 7)]
    assert (
        summary(again.upload, again.errors, "vi")[1]
        == "2 dòng được bỏ qua (dòng tổng cộng, đã nhập trước đây)."
    )


# ------------------------------------------------------------------ uploads that could break the app


def test_every_row_is_read_even_when_the_stored_dimension_is_stale() -> None:
    rows = [person(f"Người Thứ {i:03d}") for i in range(300)]
    data = with_stale_dimension(officer_file(rows, title=False), "A1:G200")
    assert len(read(data).rows) == 300


def test_a_file_with_too_many_rows_is_refused_with_a_clear_message() -> None:
    rows = [person(f"Người Thứ {i:03d}") for i in range(60)]
    with pytest.raises(UploadRejected) as refused:
        read_upload("lon.xlsx", officer_file(rows), campaign=ANNUAL, form="nomination", max_rows=50)
    assert refused.value.code == "intake.too_many_rows"
    assert "tối đa 50 dòng" in refused.value.message("vi")


def test_over_long_free_text_is_refused_naming_its_length(services: Services) -> None:
    up = read(officer_file([person("Lê Thị Hoa", position="x" * 600)]))
    (e,) = [e for e in check_upload(services, up, actor=OFFICER) if e.rule == "too_long"]
    assert e.message("vi") == "Dòng 6: Cột 'Chức vụ': quá dài (600 ký tự; tối đa 500). Hãy rút gọn nội dung."


def test_invisible_characters_cannot_make_a_second_nomination_look_new(services: Services) -> None:
    # the demo's Canon union already nominated Ngô Đức Giang; a soft hyphen or an RTL mark does
    # not make "Ngô Đức Giang" another person
    stored = services.my_rows(OFFICER, "nominations", "HN-2024-KTN")
    award = str(stored[stored["full_name"] == "Ngô Đức Giang"]["award_code"].iloc[0])
    label = {"LDTT": "Lao động tiên tiến", "CSTD_CS": "Chiến sĩ thi đua cơ sở"}.get(award, award)
    rows = [person("Ngô \u00adĐức Giang", label), person("\u202bNgô \u00d0ức Giang\u202c", label)]
    report = check_upload(services, read(officer_file(rows)), actor=OFFICER)
    assert [r["full_name"] for r in report.cells] == ["Ngô Đức Giang", "Ngô Đức Giang"]
    assert {(e.row, e.rule) for e in report if e.rule.startswith("duplicate")} >= {
        (6, "duplicate_stored"),
        (7, "duplicate_stored"),
    }


# ------------------------------------------------------------------ the same path for a sheet sync


def test_rows_read_from_a_sheet_get_the_same_report_as_a_file(services: Services) -> None:
    rows = [
        {
            "subject_kind": "Cá nhân",
            "full_name": "NguyÔn V¨n An",
            "position": "Thợ hàn",
            "award_code": "LĐTT",
            "achievement": GOOD,
        },
        {"full_name": "Tổng cộng"},
        {
            "subject_kind": "Cá nhân",
            "full_name": "Lê B",
            "position": "Thợ hàn",
            "award_code": "LĐTT",
            "achievement": "ngắn",
        },
    ]
    up = rows_upload(ANNUAL, "nomination", rows, [("Đợt 1", 4), ("Đợt 1", 5), ("Đợt 2", 9)])
    report = check_upload(services, up, actor=OFFICER)
    found = {(e.sheet, e.row, e.rule) for e in report}
    assert {("Đợt 1", 4, "legacy_converted"), ("Đợt 1", 5, "total_row"), ("Đợt 2", 9, "bad_length")} <= found
    result = import_upload(services, OFFICER, up, accept_warnings=True, errors=report)
    assert [r["full_name"] for r in result.imported] == ["Nguyễn Văn An"]
    assert result.rejected == [("Đợt 2", 9)]
    assert "Trang 'Đợt 2', dòng 9: " in next(e for e in result.errors if e.row == 9).message("vi")


def test_every_test_named_in_the_officers_files_table_of_docs_intake_exists() -> None:
    import ast
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    text = (root / "docs" / "intake.md").read_text(encoding="utf-8")
    table = text[text.index("## Officers' own files") : text.index("### The file given back")]
    names = set(re.findall(r"`(?:[\w/]+\.py::)?(test_\w+)`", table))
    defined = {
        n.name
        for f in (root / "tests").rglob("test_*.py")
        for n in ast.walk(ast.parse(f.read_text(encoding="utf-8")))
        if isinstance(n, ast.FunctionDef)
    }
    assert len(names) > 15 and not names - defined, sorted(names - defined)

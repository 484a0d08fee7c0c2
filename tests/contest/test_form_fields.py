"""A form with fields of its own (workflows/form_fields.py, schemas/form_tabs.py): every type declared
in YAML is checked with the same Vietnamese message on every entry path (form, Excel template and
import), every mistake in the YAML names the key and the valid choices."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from core.errors import FieldError
from schemas.validate import validate_rows
from services import intake
from services.intake_import import check_upload, import_upload
from services.services import Services
from tests.conftest import OFFICER
from tests.contest.conftest import CONTEST, TAB, campaign, entrant
from workflows.loader import parse_text as parse
from workflows.loader import put_in_use
from workflows.spec import CampaignSpec, SpecError

FIELDS = """\
- {name: full_name, type: text, label: {vi: "Họ và tên", en: "Full name"}, min_length: 2, max_length: 60}
- {name: birth_year, type: year, label: {vi: "Năm sinh", en: "Year of birth"}, min: 1960, max: 2007}
- {name: trade, type: choice, label: {vi: "Nghề thi", en: "Trade"},
   options: [{code: HAN_DIEN, vi: "Hàn điện", en: "Arc welding"}, {code: TIEN, vi: "Tiện", en: "Turning"}]}
- {name: shifts, type: multi_choice, required: false, label: {vi: "Ca", en: "Shifts"},
   options: [{code: SANG, vi: "Sáng", en: "Morning"}, {code: CHIEU, vi: "Chiều", en: "Afternoon"}]}
- {name: grade, type: integer, label: {vi: "Bậc thợ", en: "Grade"}, min: 1, max: 7}
- {name: bonus, type: money, required: false, label: {vi: "Tiền thưởng", en: "Bonus"}}
- {name: since, type: date, required: false, label: {vi: "Ngày vào nghề", en: "In the trade since"}}
- {name: certified, type: yes_no, label: {vi: "Có chứng chỉ", en: "Certified"}}
- {name: email, type: email, required: false, label: {vi: "Thư điện tử", en: "E-mail"}}
- {name: phone, type: phone, required: false, label: {vi: "Điện thoại", en: "Phone"}}
- {name: notes, type: long_text, required: false, label: {vi: "Ghi chú", en: "Notes"}}
"""


@pytest.fixture
def spec() -> CampaignSpec:
    """Its tab registered for one test (a module-wide registration would outlive the module and give
    later tests' stores a tab no shipped campaign has)."""
    return put_in_use(parse(campaign(FIELDS), "own.yaml"))


def check(
    values: dict[str, Any], lang: str = "vi", tab: str = "thu_truong_rieng"
) -> tuple[dict[str, Any], list[FieldError]]:
    fields = [d.strip("- {").split(",")[0].split(": ")[1] for d in FIELDS.splitlines() if d.startswith("- ")]
    required = {"full_name", "birth_year", "trade", "grade", "certified"}
    parsed, errors = validate_rows(tab, [values], fields, required, first_row=4, lang=lang)
    return parsed[0], errors


GOOD = {
    "full_name": "Nguyễn Văn Demo An",
    "birth_year": "1990",
    "trade": "HAN_DIEN",
    "grade": "5",
    "certified": "Có",
}


# ------------------------------------------------------------------------------------- values


def test_every_type_takes_what_people_type(spec: CampaignSpec) -> None:
    cells, errors = check(
        {**GOOD, "trade": "hàn điện", "shifts": "Sáng; chieu", "bonus": "8,5 triệu", "since": "1/5/2012",
         "certified": "không", "email": "An.Demo@Canon.VN", "phone": "0912 345.678", "notes": "Dòng 1\nDòng 2"}
    )  # fmt: skip
    assert errors == []
    assert cells["trade"] == "HAN_DIEN" and cells["shifts"] == "SANG; CHIEU" and cells["bonus"] == 8_500_000
    assert (cells["since"], cells["certified"], cells["email"], cells["phone"]) == (
        "2012-05-01", False, "an.demo@canon.vn", "0912345678",
    )  # fmt: skip
    assert check({**GOOD, "trade": "Arc welding"})[0]["trade"] == "HAN_DIEN"  # an English label too


@pytest.mark.parametrize(
    ("column", "value", "vi", "en"),
    [
        ("birth_year", "khoảng 30 tuổi", "Dòng 4: Cột 'Năm sinh': 'khoảng 30 tuổi' không phải một năm. Nhập 4 chữ số, ví dụ 1990.",
         "Row 4: 'Year of birth': 'khoảng 30 tuổi' is not a year. Type 4 digits, e.g. 1990."),
        ("birth_year", "1950", "Cột 'Năm sinh': '1950' nhỏ hơn mức tối thiểu 1960.", "is below the minimum 1960"),
        ("grade", "9", "Cột 'Bậc thợ': '9' lớn hơn mức tối đa 7.", "is above the maximum 7"),
        ("trade", "Hàn hơi", "'Hàn hơi' không có trong danh sách. Chọn một trong: Hàn điện, Tiện.",
         "Choose one of: Arc welding, Turning."),
        ("certified", "có lẽ", "'có lẽ' không phải Có/Không. Nhập Có hoặc Không.", "is not yes/no"),
        ("email", "an@canon", "'an@canon' không phải địa chỉ e-mail.", "is not an e-mail address"),
        ("phone", "12345", "'12345' không phải số điện thoại.", "is not a phone number"),
        ("full_name", "A", "Cột 'Họ và tên': cần từ 2 đến 60 ký tự", "needs 2 to 60 characters"),
        ("shifts", "Sáng; Tối", "Chọn một trong: Sáng, Chiều", "Morning, Afternoon"),
        ("bonus", "mười triệu", "không phải số tiền hợp lệ", "is not an amount of money"),
    ],
)  # fmt: skip
def test_a_wrong_value_names_the_row_the_column_and_the_fix(
    spec: CampaignSpec, column: str, value: str, vi: str, en: str
) -> None:
    _, errors = check({**GOOD, column: value})
    assert [e.row for e in errors] == [4], [e.message() for e in errors]
    assert vi in errors[0].message("vi")
    _, errors_en = check({**GOOD, column: value}, lang="en")
    assert en in errors_en[0].message("en")


def test_a_required_field_left_blank_is_named(spec: CampaignSpec) -> None:
    _, errors = check({**GOOD, "birth_year": "", "certified": ""})
    assert {(e.column, e.rule) for e in errors} == {("Năm sinh", "required"), ("Có chứng chỉ", "required")}


# ------------------------------------------------------------------------------------- the YAML


@pytest.mark.parametrize(
    ("change", "key", "says"),
    [
        (("trade, type: choice", "trade, type: chice"), "fields[2].type", "text, long_text, integer, year, money, date, choice"),
        (("{name: grade, type: integer,", "{name: grade,"), "fields[4].type", "mỗi trường cần khai báo 'type'"),
        (("{name: bonus, type: money, required: false,", "{name: bonus, type: text, min: 1, required: false,"),
         "fields[5].min", "chỉ dùng cho: integer, money, year"),
        (("{name: email,", "{name: state,"), "fields[8].name", "cột hệ thống dùng sẵn"),
        (("{name: phone,", "{name: Phone,"), "fields[9].name", "chữ thường không dấu"),
        (("options: [{code: SANG", "optionz: [{code: SANG"), "fields[3].optionz", "Các khóa hợp lệ: headers, help, label, max, max_length, min, min_length, name, options"),
        (("{code: TIEN, vi:", "{code: HAN_DIEN, vi:"), "fields[2].options[1].code", "bị lặp"),
        (("min: 1960, max: 2007", "min: 2007, max: 1960"), "fields[1].min", "2007 lớn hơn mức tối đa 1960"),
    ],
)  # fmt: skip
def test_a_mistake_in_a_field_names_the_key_and_the_choices(
    change: tuple[str, str], key: str, says: str
) -> None:
    text = campaign(FIELDS.replace(*change))
    with pytest.raises(SpecError) as err:
        parse(text, "own.yaml")
    assert err.value.key == f"forms.f.{key}", err.value.message()
    assert says in err.value.message("vi")


def test_a_type_on_a_built_in_tab_and_a_built_in_tab_name_are_refused() -> None:
    with pytest.raises(SpecError) as err:
        parse(campaign(FIELDS, tab="works"), "own.yaml")
    assert err.value.problem == "field_type_on_built_in" and "tab: <tên mới>" in err.value.message("vi")
    with pytest.raises(SpecError) as err:
        parse(campaign(FIELDS, tab="history"), "own.yaml")
    assert err.value.problem == "own_tab_built_in" and "nominations, works, initiatives" in err.value.message(
        "vi"
    )
    with pytest.raises(SpecError) as err:
        parse(campaign(FIELDS, tab="Thí sinh"), "own.yaml")
    assert err.value.problem == "own_tab_name" and "thi_sinh_2025" in err.value.message("vi")


def test_a_tab_belongs_to_one_campaign(spec: CampaignSpec) -> None:
    with pytest.raises(SpecError) as err:
        parse(campaign(FIELDS, cid="ANOTHER-CAMPAIGN"), "other.yaml")
    assert "đã thuộc đợt thi đua TEST-OWN-FIELDS" in err.value.message("vi")


def test_awards_on_an_own_tab_are_refused() -> None:
    with pytest.raises(SpecError) as err:
        parse(campaign(FIELDS, awards="[LDTT]"), "own.yaml")
    assert err.value.problem == "awards_on_own_tab"


# ------------------------------------------------------------------------------------- every entry path


def test_the_form_refuses_the_birth_year_in_words_and_stores_typed_cells(svc: Services) -> None:
    from core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as err:
        svc.create(OFFICER, CONTEST, "entrant", entrant("Nguyễn Văn Demo An", birth_year="khoảng 30 tuổi"))
    assert [e.message("vi") for e in err.value.errors] == [
        "Cột 'Năm sinh': 'khoảng 30 tuổi' không phải một năm. Nhập 4 chữ số, ví dụ 1990."
    ]
    made = svc.create(
        OFFICER, CONTEST, "entrant", entrant("Nguyễn Văn Demo An", trade="Tiện", certified="Có")
    )
    row = svc.get(OFFICER, TAB, str(made["id"]))
    assert (row["trade"], row["birth_year"], bool(row["certified"]), row["state"]) == (
        "TIEN",
        1990,
        True,
        "SUBMITTED",
    )


def test_the_excel_template_and_its_import_check_the_same_fields(svc: Services) -> None:
    camp = svc.campaign(CONTEST)
    blank = intake.template(camp, "entrant", "vi")
    book = openpyxl.load_workbook(io.BytesIO(blank))
    headers = [c.value for c in book.worksheets[0][1]]
    assert headers[:3] == ["Họ và tên thí sinh", "Năm sinh", "Giới tính"]
    listed = {
        c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)
    }
    assert {"Hàn điện", "Vận hành máy CNC", "Có", "Không"} <= listed  # dropdowns show labels
    rows = [
        entrant("Trần Thị Demo Lan", trade="Hàn điện", certified="Có"),
        entrant("Phạm Văn Demo Nam", birth_year="khoảng 30 tuổi", certified="Có"),
        entrant("Lê Văn Demo Sơn", trade="Hàn hơi", certified="Không"),
    ]
    upload = intake.read_upload("thi-sinh.xlsx", intake.fill(blank, rows), campaign=camp, form="entrant")
    errors = check_upload(svc, upload, actor=OFFICER)
    messages = [e.message("vi") for e in errors]
    assert messages == [
        "Dòng 3: Cột 'Năm sinh': 'khoảng 30 tuổi' không phải một năm. Nhập 4 chữ số, ví dụ 1990.",
        "Dòng 4: Cột 'Nghề thi': 'Hàn hơi' không có trong danh sách. Chọn một trong: Hàn điện, "
        "Tiện, Phay, Điện công nghiệp, Lắp đặt điện, Nguội, "
        "Sửa chữa ô tô, May công nghiệp, Điện lạnh, Vận hành máy CNC, "
        "Nấu ăn.",
    ]
    result = import_upload(svc, OFFICER, upload, errors=errors)
    assert [r["full_name"] for r in result.imported] == ["Trần Thị Demo Lan"] and result.rejected_rows == [
        3,
        4,
    ]
    stored = svc.rows(OFFICER, TAB, CONTEST)
    assert stored.iloc[-1]["trade"] == "HAN_DIEN" and bool(stored.iloc[-1]["certified"])


def test_an_officers_own_headers_for_a_contest_field_are_understood(svc: Services) -> None:
    """The officer's list of last year: a title block, "Nghề" for "Nghề thi", "Thâm niên" for "Số năm
    làm nghề", "Bậc" for "Bậc thợ", "Đơn vị công tác" for "Doanh nghiệp, nơi làm việc" (the YAML's
    ``headers:``), "Đã dự hội thi" cut short: every column found, the entrant stored with codes."""
    camp = svc.campaign(CONTEST)
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["DANH SÁCH THÍ SINH ĐĂNG KÝ HỘI THI THỢ GIỎI 2025"])
    ws.append([])
    ws.append(
        [
            "Họ và tên",
            "Năm sinh",
            "Giới tính",
            "Nghề",
            "Đơn vị công tác",
            "Bậc",
            "Thâm niên",
            "Chứng chỉ nghề",
        ]
    )
    ws.append(["Đỗ Văn Demo Hải", 1988, "Nam", "Tiện", "Công ty TNHH Canon Việt Nam", 5, 10, "Có"])
    data = io.BytesIO()
    book.save(data)
    upload = intake.read_upload("danh-sach.xlsx", data.getvalue(), campaign=camp, form="entrant")
    assert check_upload(svc, upload, actor=OFFICER) == []
    result = import_upload(svc, OFFICER, upload)
    (row,) = result.imported
    assert (row["trade"], row["skill_grade"], row["years_in_trade"], bool(row["certified"])) == (
        "TIEN",
        5,
        10,
        True,
    )
    assert row["workplace"] == "Công ty TNHH Canon Việt Nam"

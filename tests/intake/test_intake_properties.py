"""Property tests: any file or any rows give a report or rows, never an exception; valid rows
survive a template round trip unchanged."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.clock import FixedClock
from core.errors import FieldError
from schemas.registry import headers
from schemas.validate import validate_rows
from services import intake
from services.intake import UploadRejected, fill, read_upload, template
from services.intake_import import check_rows
from services.services import Services
from storage.sqlite import SqliteWorkbook
from workflows.loader import load_campaigns

CAMPAIGNS = load_campaigns()
ANNUAL = CAMPAIGNS["HN-2024-KTN"]
DRIVE = CAMPAIGNS["HN-2023-DTD-CAODIEM-DH"]
NOM_FIELDS = [f.name for f in ANNUAL.forms["nomination"].fields]
WORK_FIELDS = [f.name for f in DRIVE.forms["work"].fields]
TEMPLATES = {("nomination"): template(ANNUAL, "nomination", "vi"), ("work"): template(DRIVE, "work", "vi")}
FAST = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def bare_services() -> Iterator[Services]:
    """Services over an empty in-memory store: rules fall back to workflows/rules.yaml."""
    store = SqliteWorkbook(":memory:")
    store.ensure_tabs(headers())
    yield Services(store, CAMPAIGNS, FixedClock(dt.datetime(2024, 12, 5, 9, 30)), cache_seconds=60.0)
    store.close()


# ------------------------------------------------------------------ never an exception

EXTS = st.sampled_from([".xlsx", ".csv", ".xls", ".xlsm", ".txt", ".pdf", ""])


@FAST
@given(data=st.binary(max_size=4096), ext=EXTS)
def test_any_bytes_give_rows_or_a_message(data: bytes, ext: str) -> None:
    try:
        up = read_upload("tep" + ext, data, campaign=ANNUAL, form="nomination")
    except UploadRejected as exc:
        assert exc.message("vi") and exc.message("en")
    else:
        assert len(up.rows) == len(up.row_numbers)


CELL_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@FAST
@given(
    header=st.lists(
        st.sampled_from(["Đối tượng", "Họ và tên", "award_code", "achievement", "x", ""]), max_size=6
    ),
    body=st.lists(st.lists(CELL_TEXT, max_size=6), max_size=8),
    sep=st.sampled_from([",", ";", "\t"]),
)
def test_any_csv_text_gives_rows_or_a_message(header: list[str], body: list[list[str]], sep: str) -> None:
    text = "\n".join(sep.join(r) for r in [header, *body])
    try:
        read_upload("a.csv", text.encode("utf-8"), campaign=ANNUAL, form="nomination")
    except UploadRejected as exc:
        assert exc.message("vi")


ANY_CELL = st.one_of(
    st.none(),
    CELL_TEXT,
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)


@FAST
@given(rows=st.lists(st.fixed_dictionaries({f: ANY_CELL for f in NOM_FIELDS}), max_size=12))
def test_any_rows_give_a_report_never_an_exception(
    bare_services: Services, rows: list[dict[str, Any]]
) -> None:
    errors = check_rows(bare_services, "HN-2024-KTN", "nomination", rows, list(range(2, len(rows) + 2)))
    assert all(isinstance(e, FieldError) and e.severity in ("error", "warning") for e in errors)
    assert all(e.message("vi") and e.message("en") for e in errors)
    assert {e.row for e in errors} <= set(range(2, len(rows) + 2))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.fixed_dictionaries({f: ANY_CELL for f in WORK_FIELDS}), min_size=1, max_size=6))
def test_any_rows_give_a_report_and_a_rejected_rows_workbook(
    bare_services: Services, rows: list[dict[str, Any]]
) -> None:
    numbers = list(range(2, len(rows) + 2))
    errors = check_rows(bare_services, DRIVE.id, "work", rows, numbers)
    up = intake.Upload("a.csv", DRIVE.id, "work", "works", tuple(WORK_FIELDS), rows, numbers)
    data = intake.rejected_rows_xlsx(DRIVE, up, errors, "vi")
    assert data[:2] == b"PK"


# ------------------------------------------------------------------ round trip

VI_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
WORD = st.text(alphabet=VI_LETTERS + VI_LETTERS.upper()[:40], min_size=1, max_size=8)
NAME = st.lists(WORD, min_size=2, max_size=5).map(" ".join)
SENTENCE = (
    st.lists(st.one_of(WORD, st.sampled_from(["15%", "2024", "vượt", "định mức"])), min_size=4, max_size=20)
    .map(" ".join)
    .filter(lambda s: 20 <= len(s) <= 4000)
)


def nomination_rows() -> st.SearchStrategy[list[dict[str, Any]]]:
    row = st.fixed_dictionaries(
        {
            "subject_kind": st.sampled_from(["CA_NHAN", "TAP_THE"]),
            "full_name": NAME,
            "position": NAME,
            "award_code": st.sampled_from(ANNUAL.forms["nomination"].awards),
            "achievement": SENTENCE,
            "criterion_path": st.sampled_from(["CSTD_2Y", "HTXS_2Y_2SK", "OTHER_WITH_REASON"]),
        }
    )
    return st.lists(row, min_size=1, max_size=15)


def work_rows() -> st.SearchStrategy[list[dict[str, Any]]]:
    row = st.fixed_dictionaries(
        {
            "name_vi": NAME.filter(lambda s: len(s) >= 5),
            "work_type": st.sampled_from(["CONG_TRINH", "SAN_PHAM", "PHAN_VIEC"]),
            "level": st.sampled_from(["CO_SO", "CAP_TREN_CO_SO"]),
            "implementing_org": st.one_of(st.just(""), NAME),
            "planned_completion": st.dates(dt.date(2023, 5, 1), dt.date(2023, 9, 30)).map(dt.date.isoformat),
            "value_vnd": st.one_of(st.none(), st.integers(min_value=0, max_value=10**13)),
        }
    )
    return st.lists(row, min_size=1, max_size=15)


def _round_trip(form: str, campaign: Any, fields: list[str], rows: list[dict[str, Any]]) -> None:
    required = [f.name for f in campaign.forms[form].fields if f.required]
    parsed_in, errors_in = validate_rows(campaign.forms[form].tab, rows, fields, required, first_row=2)
    assert errors_in == []  # the generator makes valid rows
    up = read_upload("mau.xlsx", fill(TEMPLATES[form], rows), campaign=campaign, form=form)
    assert up.row_numbers == list(range(2, len(rows) + 2))
    parsed_out, errors_out = validate_rows(up.tab, up.rows, fields, required, first_row=2)
    assert errors_out == []
    assert parsed_out == parsed_in


@FAST
@given(rows=nomination_rows())
def test_valid_nominations_survive_the_template_round_trip(rows: list[dict[str, Any]]) -> None:
    _round_trip("nomination", ANNUAL, NOM_FIELDS, rows)
    up = read_upload("mau.xlsx", fill(TEMPLATES["nomination"], rows), campaign=ANNUAL, form="nomination")
    assert up.rows == rows  # the text itself, unchanged


@FAST
@given(rows=work_rows())
def test_valid_works_with_dates_and_money_survive_the_template_round_trip(rows: list[dict[str, Any]]) -> None:
    _round_trip("work", DRIVE, WORK_FIELDS, rows)


def test_printable_ascii_is_enough_for_names_too() -> None:
    row = {
        "subject_kind": "CA_NHAN",
        "full_name": string.ascii_letters[:20],
        "position": "Worker",
        "award_code": "LDTT",
        "achievement": "x" * 25,
    }
    _round_trip("nomination", ANNUAL, NOM_FIELDS, [row])


def test_numbers_too_large_for_storage_are_reported_not_crashed(bare_services: Services) -> None:
    rows = [
        {"name_vi": "Cầu Ngọc Hà", "value_vnd": 1.8446744073709552e19},
        {"value_vnd": "20.000.000.000.000.000.000"},
    ]
    errors = check_rows(bare_services, DRIVE.id, "work", rows, [2, 3])
    assert {(e.row, e.rule) for e in errors if e.column == "Giá trị (đồng)"} == {
        (2, "money_too_large"),
        (3, "money_too_large"),
    }

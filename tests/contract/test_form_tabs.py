"""A campaign form's own tab on every backend: real columns through ``ensure_tabs`` (built from the
fields the YAML declares, after the bookkeeping columns), cells typed by the declared types, and a
field a later version adds becomes a new column at the end, never a dropped or moved one."""

from __future__ import annotations

import pytest

from core.ports import Workbook
from schemas import registry
from schemas.form_tabs import FieldDef, FieldOption, base_columns

TAB = "contract_own_tab"
FIELDS = (
    FieldDef("full_name", "text", {"vi": "Họ và tên"}),
    FieldDef("birth_year", "year", {"vi": "Năm sinh"}, min=1960, max=2007),
    FieldDef(
        "trade", "choice", {"vi": "Nghề"}, options=(FieldOption("HAN", {"vi": "Hàn", "en": "Welding"}),)
    ),
    FieldDef("prize_vnd", "money", {"vi": "Tiền"}),
    FieldDef("certified", "yes_no", {"vi": "Chứng chỉ"}),
)


@pytest.fixture
def own(workbook: Workbook) -> Workbook:
    registry.register_form_tab(TAB, "CONTRACT-TEST", FIELDS)
    workbook.ensure_tabs({TAB: registry.columns_of(TAB)})
    return workbook


def test_an_own_tab_has_real_typed_columns(own: Workbook) -> None:
    assert registry.columns_of(TAB) == (
        *base_columns(),
        "full_name",
        "birth_year",
        "trade",
        "prize_vnd",
        "certified",
    )
    row = {"campaign_id": "C", "form": "f", "unit_id": "U", "state": "DRAFT", "revision": 0,
           "full_name": "Nguyễn Văn Demo An", "birth_year": 1990, "trade": "HAN", "prize_vnd": 12_000_000,
           "certified": True}  # fmt: skip
    stored = own.append(TAB, [row], actor="t")[0]
    got = own.read(TAB)
    assert list(got.columns) == list(registry.columns_of(TAB))
    back = got[got["id"] == stored["id"]].iloc[0]
    assert (back["birth_year"], back["prize_vnd"], bool(back["certified"]), back["trade"]) == (
        1990,
        12_000_000,
        True,
        "HAN",
    )
    assert str(got["birth_year"].dtype) == "Int64" and str(got["certified"].dtype) == "bool"


def test_a_new_field_of_a_later_version_is_a_new_column_at_the_end(own: Workbook) -> None:
    own.append(
        TAB,
        [{"campaign_id": "C", "form": "f", "unit_id": "U", "state": "DRAFT", "full_name": "A"}],
        actor="t",
    )
    registry.register_form_tab(
        TAB, "CONTRACT-TEST", (*FIELDS, FieldDef("phone", "phone", {"vi": "Điện thoại"}))
    )
    try:
        own.ensure_tabs({TAB: registry.columns_of(TAB)})
        got = own.read(TAB)
        assert (
            list(got.columns)[-1] == "phone"
            and got.iloc[0]["full_name"] == "A"
            and got.iloc[0]["phone"] == ""
        )
    finally:
        registry.register_form_tab(TAB, "CONTRACT-TEST", FIELDS)

"""Every named cross-row / cross-tab check has a passing and a failing case (DOMAIN.md §4, §8)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import pytest

from services.rules import CHECKS, Batch, RuleBook, run_checks

ON = dt.date(2024, 12, 5)
UNIT = "HN-CDCS-CANON"


def book(**over: str) -> RuleBook:
    rows = [
        {"code": "cstdcs_max_ratio", "value": "0.15", "valid_from": "2017-10-01"},
        {"code": "cstdcs_rounding", "value": "HALF_UP", "valid_from": "2017-10-01"},
        {"code": "cstdcs_needs_ldtt", "value": "1", "valid_from": "2017-10-01"},
    ]
    rows += [{"code": k, "value": v, "valid_from": "2000-01-01"} for k, v in over.items()]
    return RuleBook(rows)


def nom(name: str, award: str = "LDTT", **extra: Any) -> dict[str, Any]:
    return {"full_name": name, "award_code": award, "subject_kind": "CA_NHAN", **extra}


def batch(
    cells: Sequence[Mapping[str, Any]],
    *,
    tab: str = "nominations",
    fields: Sequence[str] = ("subject_kind", "full_name", "award_code"),
    rules: RuleBook | None = None,
    existing: Sequence[Mapping[str, Any]] = (),
    opens: dt.date | None = None,
    closes: dt.date | None = None,
) -> Batch:
    return Batch(
        tab=tab,
        campaign_id="HN-2024-KTN",
        unit_id=UNIT,
        cells=list(cells),
        row_numbers=[i + 2 for i in range(len(cells))],
        fields=list(fields),
        rules=rules or book(),
        on=ON,
        opens=opens,
        closes=closes,
        fixed={"year": 2024},
        existing=pd.DataFrame(list(existing)) if existing else None,
    )


def run(name: str, b: Batch) -> list[tuple[int | None, str, str]]:
    return [(e.row, e.rule, e.severity) for e in run_checks(b, [name])]


def stored(name: str, award: str = "LDTT", state: str = "SUBMITTED", unit: str = UNIT) -> dict[str, Any]:
    return {
        "campaign_id": "HN-2024-KTN",
        "unit_id": unit,
        "state": state,
        "full_name": name,
        "award_code": award,
        "year": 2024,
    }


def test_every_check_is_registered_with_a_rule_id_and_a_docstring() -> None:
    assert set(CHECKS) >= {
        "nfc_whitespace",
        "duplicate_subject",
        "cstdcs_quota",
        "cstdcs_needs_ldtt",
        "doc_number",
        "date_in_campaign",
    }
    for c in CHECKS.values():
        assert c.rule_ids and c.doc, c.name


# ------------------------------------------------------------------ R-FMT-NFC / R-FMT-WS


def test_nfc_whitespace_passes_clean_cells() -> None:
    assert run("nfc_whitespace", batch([nom("Nguyễn Thị Thu Thủy")])) == []


@pytest.mark.parametrize(
    "bad", [unicodedata.normalize("NFD", "Nguyễn Thủy"), " Lê An", "Lê An ", "Lê\u00a0An", "Lê\u200bAn"]
)
def test_nfc_whitespace_fails_nfd_and_stray_spaces(bad: str) -> None:
    assert run("nfc_whitespace", batch([nom(bad)])) == [(2, "not_nfc_clean", "error")]


# ------------------------------------------------------------------ duplicates


def test_different_people_or_awards_are_not_duplicates() -> None:
    b = batch([nom("Nguyễn Thị Thu Thủy"), nom("Nguyễn Thị Thu Thảo"), nom("Nguyễn Thị Thu Thủy", "CSTD_CS")])
    assert run("duplicate_subject", b) == []


def test_the_same_person_twice_in_a_batch_is_an_error() -> None:
    b = batch([nom("Nguyễn Thị Thu Thủy"), nom("Lê An"), nom("nguyễn thị thu thủy")])
    errors = run_checks(b, ["duplicate_subject"])
    assert [(e.row, e.rule, e.severity) for e in errors] == [(4, "duplicate_in_batch", "error")]
    assert "dòng 2" in errors[0].message("vi")


def test_nfd_and_nfc_spellings_are_the_same_person() -> None:
    b = batch([nom("Nguyễn Thị Thu Thủy"), nom(unicodedata.normalize("NFD", "Nguyễn Thị Thu Thủy"))])
    assert run("duplicate_subject", b) == [(3, "duplicate_in_batch", "error")]


def test_tone_placement_variants_ask_for_confirmation() -> None:
    b = batch([nom("Nguyễn Thị Thu Thủy"), nom("Nguyễn Thị Thu Thuỷ")])  # "Thuỷ" = "Thủy"
    assert run("duplicate_subject", b) == [(3, "duplicate_in_batch_similar", "warning")]


def test_a_person_already_stored_for_the_same_award_is_reported() -> None:
    b = batch([nom("Trần Văn Hòa")], existing=[stored("Trần Văn Hòa")])
    assert run("duplicate_subject", b) == [(2, "duplicate_stored", "error")]
    b = batch([nom("Trần Văn Hoà")], existing=[stored("Trần Văn Hòa")])
    assert run("duplicate_subject", b) == [(2, "duplicate_stored_similar", "warning")]


def test_withdrawn_rows_other_units_and_other_awards_do_not_count() -> None:
    b = batch(
        [nom("Trần Văn Hòa")],
        existing=[
            stored("Trần Văn Hòa", state="WITHDRAWN"),
            stored("Trần Văn Hòa", unit="HN-CDCS-OTHER"),
            stored("Trần Văn Hòa", award="CSTD_CS"),
        ],
    )
    assert run("duplicate_subject", b) == []


def test_duplicate_severity_comes_from_the_rules_tab() -> None:
    b = batch([nom("Lê An"), nom("Lê An")], rules=book(duplicate_exact_severity="warning"))
    assert run("duplicate_subject", b) == [(3, "duplicate_in_batch", "warning")]


def test_duplicate_works_by_name() -> None:
    cells = [{"name_vi": "Cầu Ngọc Hà"}, {"name_vi": "cầu  ngọc hà"}, {"name_vi": "Đường Vành đai 4"}]
    b = batch(cells, tab="works", fields=("name_vi",))
    assert run("duplicate_subject", b) == [(3, "duplicate_in_batch", "error")]


# ------------------------------------------------------------------ R-CSTDCS-3 quota


def _ldtt(n: int) -> list[dict[str, Any]]:
    return [nom(f"Người {i}") for i in range(n)]


def test_quota_allows_up_to_round_15_percent_of_ldtt() -> None:
    cells = [*_ldtt(10), nom("Người 0", "CSTD_CS"), nom("Người 1", "CSTD_CS")]  # 1.5 -> 2
    assert run("cstdcs_quota", batch(cells)) == []


def test_quota_flags_the_nominations_over_the_limit() -> None:
    cells = _ldtt(10) + [nom(f"Người {i}", "CSTD_CS") for i in range(3)]
    b = batch(cells)
    errors = run_checks(b, ["cstdcs_quota"])
    assert [(e.row, e.rule) for e in errors] == [(14, "cstdcs_quota")]
    assert errors[0].params["limit"] == 2 and errors[0].params["ldtt"] == 10
    assert "tối đa 2" in errors[0].message("vi") and "15%" in errors[0].message("vi")


def test_quota_rounding_is_read_from_the_rules_tab() -> None:
    cells = [*_ldtt(10), nom("Người 0", "CSTD_CS"), nom("Người 1", "CSTD_CS")]
    floor = RuleBook(
        [
            {"code": "cstdcs_max_ratio", "value": "0.15", "valid_from": "2017-10-01"},
            {"code": "cstdcs_rounding", "value": "FLOOR", "valid_from": "2017-10-01"},
        ]
    )
    assert run("cstdcs_quota", batch(cells, rules=floor)) == [(13, "cstdcs_quota", "error")]


def test_quota_ratio_is_the_one_in_force_on_the_date() -> None:
    rules = RuleBook(
        [
            {
                "code": "cstdcs_max_ratio",
                "value": "0.15",
                "valid_from": "2017-10-01",
                "valid_to": "2024-06-30",
            },
            {"code": "cstdcs_max_ratio", "value": "0.30", "valid_from": "2024-07-01"},
        ]
    )
    cells = _ldtt(10) + [nom(f"Người {i}", "CSTD_CS") for i in range(3)]
    assert run("cstdcs_quota", batch(cells, rules=rules)) == []


def test_quota_counts_stored_rows_of_the_unit() -> None:
    existing = [stored(f"Cũ {i}") for i in range(10)] + [stored("Cũ 0", "CSTD_CS"), stored("Cũ 1", "CSTD_CS")]
    b = batch([nom("Cũ 2", "CSTD_CS")], existing=existing)
    assert run("cstdcs_quota", b) == [(2, "cstdcs_quota", "error")]


def test_quota_not_applied_when_the_ratio_is_blank() -> None:
    rules = RuleBook([{"code": "cstdcs_max_ratio", "value": "", "valid_from": "2017-10-01"}])
    assert run("cstdcs_quota", batch([nom("A", "CSTD_CS")], rules=rules)) == []


# ------------------------------------------------------------------ R-CSTDCS-1 prerequisite


def test_cstdcs_with_ldtt_in_the_same_batch_passes_even_with_other_tone_placement() -> None:
    b = batch([nom("Phạm Thị Thuỷ"), nom("Phạm Thị Thủy", "CSTD_CS"), *_ldtt(10)])
    assert run("cstdcs_needs_ldtt", b) == []


def test_cstdcs_with_ldtt_stored_passes() -> None:
    b = batch([nom("Phạm Thị Thủy", "CSTD_CS")], existing=[stored("Phạm Thị Thủy")])
    assert run("cstdcs_needs_ldtt", b) == []


def test_cstdcs_without_ldtt_fails() -> None:
    b = batch([nom("Phạm Thị Thủy", "CSTD_CS")], existing=[stored("Phạm Thị Thủy", state="WITHDRAWN")])
    errors = run_checks(b, ["cstdcs_needs_ldtt"])
    assert [(e.row, e.rule) for e in errors] == [(2, "cstdcs_needs_ldtt")]
    assert "Lao động tiên tiến" in errors[0].message("vi")


def test_cstdcs_prerequisite_can_be_switched_off_by_rule() -> None:
    rules = RuleBook([{"code": "cstdcs_needs_ldtt", "value": "0", "valid_from": "2017-10-01"}])
    assert run("cstdcs_needs_ldtt", batch([nom("A", "CSTD_CS")], rules=rules)) == []


# ------------------------------------------------------------------ §8.3 document numbers

DOC_EXAMPLES = [
    "80/KH-LĐLĐ",
    "82/KH-LĐLĐ",
    "999/QĐ-TLĐ",
    "1294/HD-TLĐ",
    "1217/HD-TLĐ",
    "35/KH-TU",
    "148/TTr-SLĐTBXH",
    "03/BB-HĐTĐKT",
    "1486/SNV-TĐKT",
    "6255/UBND-VX",
    "98/2023/NĐ-CP",
    "152/2025/NĐ-CP",
    "01/2024/TT-BNV",
    "13/2012/NĐ-CP",
    "06/2022/QH15",
    "02-NQ/TW",
    "09-NQ/TU",
    "32-CTr/TU",
    "60-NQ/TW",
    unicodedata.normalize("NFD", "80/KH-LĐLĐ"),
]


@pytest.mark.parametrize("doc", DOC_EXAMPLES)
def test_every_section_8_3_document_number_passes(doc: str) -> None:
    b = batch([{"launch_doc": doc}], tab="campaigns", fields=("launch_doc",))
    assert run("doc_number", b) == []


@pytest.mark.parametrize("doc", ["80-KH", "KH/80", "số tám mươi", "80//KH-LĐLĐ"])
def test_malformed_document_numbers_fail(doc: str) -> None:
    b = batch([{"launch_doc": doc}], tab="campaigns", fields=("launch_doc",))
    assert run("doc_number", b) == [(2, "bad_doc_number", "error")]


def test_embedded_year_must_match_the_document_date() -> None:
    ok = {"launch_doc": "98/2023/NĐ-CP", "launch_doc_date": "2023-12-25"}
    bad = {"launch_doc": "98/2023/NĐ-CP", "launch_doc_date": "2024-01-02"}
    b = batch([ok, bad], tab="campaigns", fields=("launch_doc", "launch_doc_date"))
    assert run("doc_number", b) == [(3, "doc_year_mismatch", "error")]


# ------------------------------------------------------------------ campaign window


def _works(*dates: str) -> Batch:
    return batch(
        [{"name_vi": f"Công trình {i}", "planned_completion": d} for i, d in enumerate(dates)],
        tab="works",
        fields=("name_vi", "planned_completion"),
        opens=dt.date(2023, 5, 1),
        closes=dt.date(2023, 9, 30),
    )


def test_dates_inside_the_campaign_window_pass() -> None:
    assert run("date_in_campaign", _works("2023-05-01", "2023-09-30", "")) == []


def test_dates_outside_the_campaign_window_warn() -> None:
    errors = run_checks(_works("2023-04-30", "2023-10-01"), ["date_in_campaign"])
    assert [(e.row, e.rule, e.severity) for e in errors] == [
        (2, "date_outside_campaign", "warning"),
        (3, "date_outside_campaign", "warning"),
    ]
    assert "01/05/2023 – 30/09/2023" in errors[0].message("vi")


def test_window_severity_comes_from_the_rules_tab() -> None:
    b = _works("2023-10-01")
    strict = Batch(**{**b.__dict__, "rules": book(date_window_severity="error")})
    assert run("date_in_campaign", strict) == [(2, "date_outside_campaign", "error")]


def test_every_check_message_exists_in_both_languages() -> None:
    import i18n

    for rule in (
        "not_nfc_clean",
        "duplicate_in_batch",
        "duplicate_in_batch_similar",
        "duplicate_stored",
        "duplicate_stored_similar",
        "cstdcs_quota",
        "cstdcs_needs_ldtt",
        "bad_doc_number",
        "doc_year_mismatch",
        "date_outside_campaign",
    ):
        assert i18n.has(f"rule.{rule}"), rule

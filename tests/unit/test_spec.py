"""A broken campaign YAML names the file, the key and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from workflows.loader import CAMPAIGNS_DIR, load_campaigns, parse_text
from workflows.spec import SpecError

GOOD = (CAMPAIGNS_DIR / "hn-2024-khen-thuong-nam.yaml").read_text(encoding="utf-8")


def broken(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


CASES = [
    # (change, key named, words in the Vietnamese message)
    (("opens: 2024-01-15", "opens: 2024-15-01"), "opens", "YYYY-MM-DD"),
    (("closes: 2024-12-31", "closes: 2023-12-31"), "closes", "trước ngày bắt đầu"),
    (("dest: IN_COUNCIL", "dest: IN_COUNCLI"), "dest", "IN_COUNCLI"),
    (
        ("conditions: [campaign_open, unit_active, award", "conditions: [campaing_open, unit_active, award"),
        "conditions",
        "campaing_open",
    ),
    (
        (
            "roles: [UPPER_REVIEWER], scope: parent, review: true, bulk: true}",
            "roles: [REVIEWER], scope: parent, review: true, bulk: true}",
        ),
        "roles",
        "REVIEWER",
    ),
    (
        (
            "scope: own_unit,\n         conditions: [campaign_open, unit_active, award",
            "scope: my_unit,\n         conditions: [campaign_open, unit_active, award",
        ),
        "scope",
        "my_unit",
    ),
    (("      - achievement\n", "      - achievment\n"), "fields", "achievment"),
    (("awards: [LDTT, CSTD_CS", "awards: [LDTT, CSTD_XX"), "awards", "CSTD_XX"),
    (("workflow: commendation", "workflow: comendation"), "workflow", "comendation"),
    (("kind: THUONG_XUYEN", "kind: HANG_NAM"), "kind", "HANG_NAM"),
    (("year: 2024\n", "year: 2024\nyaer: 2024\n"), "yaer", "không được hỗ trợ"),
    (
        (
            'launch_doc: {number: "15/KH-LĐLĐ", date: 2024-01-10}',
            'launch_doc: {number: "15/KH-LĐLĐ", date: 2024-02-10}',
        ),
        "launch_doc.date",
        "sau ngày bắt đầu",
    ),
]


@pytest.mark.parametrize(("change", "key", "words"), CASES)
def test_spec_errors_name_file_key_and_fix(change: tuple[str, str], key: str, words: str) -> None:
    with pytest.raises(SpecError) as exc:
        parse_text(broken(*change), "bad.yaml")
    vi = exc.value.message("vi")
    assert "bad.yaml" in vi and key in exc.value.key and words in vi
    assert "bad.yaml" in exc.value.message("en")


def test_unreachable_state_is_named() -> None:
    text = broken(
        '      WITHDRAWN: {label: {vi: "Đã rút hồ sơ"',
        '      LIMBO: {label: Lửng lơ}\n      WITHDRAWN: {label: {vi: "Đã rút hồ sơ"',
    )
    with pytest.raises(SpecError) as exc:
        parse_text(text, "bad.yaml")
    assert exc.value.problem == "unreachable_state" and "LIMBO" in exc.value.message("vi")


MINI = """
id: MINI
name: Mini
kind: DOT
year: 2024
organiser: HN-LDLD
opens: 2024-01-01
closes: 2024-12-31
forms:
  f: {tab: works, label: F, workflow: w, fields: [name_vi]}
workflows:
  w:
    initial: DRAFT
    states:
      DRAFT: {label: Dự thảo}
      SUBMITTED: {label: Đã trình}
      DONE: {label: Xong, terminal: true}
    transitions:
      - {trigger: submit, source: DRAFT, dest: SUBMITTED, roles: [UNIT_OFFICER]}
      - {trigger: finish, source: DRAFT, dest: DONE, roles: [UNIT_OFFICER]}
"""


def test_dead_end_state_is_named() -> None:
    with pytest.raises(SpecError) as exc:
        parse_text(MINI, "mini.yaml")
    assert exc.value.problem == "dead_end_state" and "SUBMITTED" in exc.value.message("vi")
    assert "terminal: true" in exc.value.message("vi")
    fixed = MINI.replace("SUBMITTED: {label: Đã trình}", "SUBMITTED: {label: Đã trình, terminal: true}")
    assert parse_text(fixed, "mini.yaml").id == "MINI"


def test_yaml_syntax_error_gives_the_line() -> None:
    with pytest.raises(SpecError) as exc:
        parse_text("id: X\nname: [unclosed\n", "bad.yaml")
    assert exc.value.problem == "yaml_syntax" and "dòng" in exc.value.message("vi")


def test_duplicate_campaign_ids_name_both_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(SpecError) as exc:
        load_campaigns(tmp_path)
    assert "a.yaml" in exc.value.message("vi") and "b.yaml" in exc.value.message("vi")


def test_shipped_campaigns_load_with_seed_facts() -> None:
    c = load_campaigns()
    drive = c["HN-2023-DTD-CAODIEM-DH"]
    assert drive.launch_doc == "80/KH-LĐLĐ" and str(drive.launch_doc_date) == "2023-04-28"
    assert (str(drive.opens), str(drive.closes)) == ("2023-05-01", "2023-09-30")
    assert set(drive.forms["nomination"].awards) == {"HN_CNG_TD", "HN_SKST_TD"}
    assert "work" in drive.forms
    annual = c["HN-2024-KTN"]
    # CSTD_BNT is offered so units can propose it to the city (checked by R-CSTDBNT-1 on entry);
    # U_GK_CTTCS: decided by the upper union itself, it shows the routing by awarding level
    assert set(annual.forms["nomination"].awards) == {
        "LDTT",
        "CSTD_CS",
        "CSTD_BNT",
        "U_BK_LDLD",
        "U_CO_LDLD",
        "U_GK_CTTCS",
    }
    states = set(annual.workflow_for("nomination").states)
    assert {"DRAFT", "SUBMITTED", "IN_COUNCIL", "AWARDED", "RETURNED", "REJECTED", "WITHDRAWN"} <= states

"""Each rule changed in 2024–2025 (issue 20): the old row before its date, the new row after it, read
from the shipped ``workflows/rules.yaml`` through the same functions the checks use. Old campaigns keep
evaluating with the old rows because every check reads the value in force on its own date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from core import dossier
from core.rulebook import RuleBook
from reporting.rewards import reward_vnd
from schemas.rules import default_rule_rows
from schemas.rules_doc import DOC, render
from services.council import Attendance, Count, decide, vote_rules
from services.prerequisites import AwardHistory, YearRecord, evaluate, evaluate_collective
from services.rules import Batch, check_cstdcs_quota

BOOK = RuleBook(default_rule_rows())
D2023 = dt.date(2023, 9, 30)  # the 2023 drive closes: NĐ 91/2017 and the 2013 law
D2024 = dt.date(2024, 12, 31)  # the 2024 campaign closes: Luật 2022 + NĐ 98/2023
JUNE_2025 = dt.date(2025, 6, 30)  # the last day of NĐ 98/2023
JULY_2025 = dt.date(2025, 7, 1)  # NĐ 152/2025 in force
D2026 = dt.date(2026, 12, 31)


def rules_of(code: str) -> list[str]:
    return [
        f"{r['valid_from']}..{r['valid_to']}={r['value']}" for r in default_rule_rows() if r["code"] == code
    ]


def test_every_row_names_its_source() -> None:
    """Every row changed or added for issue 20 carries its legal source (the `source` column)."""
    new = [r for r in default_rule_rows() if r["valid_from"] >= "2024-01-01" or r["valid_to"]]
    missing = [f"{r['code']}@{r['valid_from']}" for r in new if not r["source"] and r["status"] != "CONFIG"]
    assert not missing


def test_docs_rules_md_lists_each_rule_per_period() -> None:
    """docs/rules.md is generated from the file (python -m schemas.rules_doc) and kept in step."""
    text = DOC.read_text(encoding="utf-8")
    assert text == render(default_rule_rows()), "run: python -m schemas.rules_doc"
    assert "| 2025-07-01 |  | (blank) | UNCONFIRMED |" in text  # the CSTĐCS cap from NĐ 152
    assert "NĐ 152/2025/NĐ-CP Điều 50" in text


# ---------------------------------------------------------------- CSTĐCS cap (R-CSTDCS-3)


def quota_errors(on: dt.date, year: int) -> list[str]:
    ldtt = [{"award_code": "LDTT", "full_name": f"Người {i}", "year": year} for i in range(10)]
    cs = [{"award_code": "CSTD_CS", "full_name": f"Người {i}", "year": year} for i in range(3)]
    cells = ldtt + cs
    batch = Batch("nominations", "X", "U1", cells, list(range(2, 2 + len(cells))), ["award_code"], BOOK, on)
    return [e.rule for e in check_cstdcs_quota(batch)]


def test_cstdcs_cap_is_15_percent_until_ndd152_then_blank() -> None:
    assert str(BOOK.number("cstdcs_max_ratio", D2024)) == "0.15"
    assert BOOK.number("cstdcs_max_ratio", JULY_2025) is None
    assert quota_errors(D2024, 2024) == ["cstdcs_quota"]  # 10 LĐTT -> 2 CSTĐCS (1.5 half up): the 3rd over
    assert quota_errors(D2026, 2026) == []  # no cap under NĐ 152/2025


# ---------------------------------------------------------------- CSTĐCS: LĐTT and (HTXSNV or initiative)


def one_person(rating: str, initiatives: int, year: int, *, sector: str = "HCSN") -> AwardHistory:
    h = AwardHistory()
    h.names["P"], h.units["P"], h.sectors["U"] = "Nguyễn Thị Demo", "U", sector
    h.years[("P", year)] = YearRecord(rating, "NONE", initiatives, "CO_SO" if initiatives else "")
    h.nominated[("P", "LDTT")].add(year)
    return h


def test_cstdcs_needs_an_initiative_before_the_2022_law() -> None:
    found = evaluate(one_person("HTXSNV", 0, 2023), BOOK, D2023, "P", "CSTD_CS", 2023)
    assert [f.rule for f in found] == ["cstdcs_no_initiative"]


def test_cstdcs_accepts_excellent_completion_instead_of_an_initiative_from_2024() -> None:
    assert evaluate(one_person("HTXSNV", 0, 2024), BOOK, D2024, "P", "CSTD_CS", 2024) == []
    assert evaluate(one_person("HTTNV", 1, 2024), BOOK, D2024, "P", "CSTD_CS", 2024) == []
    found = evaluate(one_person("HTTNV", 0, 2024), BOOK, D2024, "P", "CSTD_CS", 2024)
    assert [f.rule for f in found] == ["cstdcs_no_initiative_or_excellent"]
    assert found[0].params["ratings"] == "HTXSNV"


# ---------------------------------------------------------------- LĐTT for enterprise workers (Điều 24 k3)


def test_enterprise_workers_are_judged_under_article_24_clause_3_from_2024() -> None:
    # the shipped k3 list equals k1 (good or excellent); a city that counts "completed" as effective
    # work adds one dated row, and only enterprise workers from 2024 are judged by it
    city = RuleBook([*default_rule_rows(), {"code": "ldtt_ratings_enterprise", "value": "HTXSNV,HTTNV,HTNV",
                                            "valid_from": "2024-06-01", "status": "CONFIG"}])  # fmt: skip
    assert BOOK.codes_list("ldtt_ratings_enterprise", D2024) == ["HTXSNV", "HTTNV"]
    worker_2023 = evaluate(one_person("HTNV", 0, 2023, sector="FDI"), city, D2023, "P", "LDTT", 2023)
    worker_2024 = evaluate(one_person("HTNV", 0, 2024, sector="FDI"), city, D2024, "P", "LDTT", 2024)
    civil_2024 = evaluate(one_person("HTNV", 0, 2024, sector="HCSN"), city, D2024, "P", "LDTT", 2024)
    assert [f.rule for f in worker_2023] == ["ldtt_rating_low"]  # the civil-servant ratings applied to all
    assert worker_2024 == []  # "lao động, sản xuất có hiệu quả": the enterprise's rule
    assert [f.rule for f in civil_2024] == ["ldtt_rating_low"]  # clause 1 still applies to civil servants
    shipped = evaluate(one_person("HTNV", 0, 2024, sector="FDI"), BOOK, D2024, "P", "LDTT", 2024)
    assert [f.rule for f in shipped] == ["ldtt_rating_low"]


# ---------------------------------------------------------------- collectives (R-TTLDTT, R-TTLDXS)


def collective(
    n: int, ldtt: int, *, cstdcs: int = 0, warned: int = 0, failed: int = 0, year: int = 2024
) -> AwardHistory:
    h = AwardHistory()
    h.grants = defaultdict(set)
    for i in range(n):
        pid = f"P{i}"
        h.names[pid], h.units[pid] = f"Người Demo {i}", "U"
        rating = "KHTNV" if i < failed else "HTTNV"
        h.years[(pid, year)] = YearRecord(rating, "CANH_CAO" if i < warned else "NONE")
        if i < ldtt:
            h.grants[(pid, "LDTT")].add(year)
        if i < cstdcs:
            h.grants[(pid, "CSTD_CS")].add(year)
    return h


def test_advanced_collective_needs_more_than_half_then_70_percent() -> None:
    six_of_ten_2023 = evaluate_collective(collective(10, 6, year=2023), BOOK, D2023, "U", "TTLDTT", 2023)
    six_of_ten_2024 = evaluate_collective(collective(10, 6), BOOK, D2024, "U", "TTLDTT", 2024)
    seven_of_ten_2024 = evaluate_collective(collective(10, 7), BOOK, D2024, "U", "TTLDTT", 2024)
    assert six_of_ten_2023 == []  # > 50 % under NĐ 91/2017
    assert [f.rule for f in six_of_ten_2024] == ["collective_ldtt_share"]
    assert six_of_ten_2024[0].params["share"] == "≥ 70%"
    assert seven_of_ten_2024 == []


def test_advanced_collective_refused_when_someone_is_warned_or_worse() -> None:
    found = evaluate_collective(collective(10, 9, warned=1), BOOK, D2024, "U", "TTLDTT", 2024)
    assert [f.rule for f in found] == ["collective_disciplined"]
    assert "Người Demo 0" in found[0].params["names"]


def test_excellent_collective_needs_all_tasks_done_70_percent_and_one_cstdcs_from_2024() -> None:
    ok = evaluate_collective(collective(10, 8, cstdcs=1), BOOK, D2024, "U", "TTLDXS", 2024)
    no_cs = evaluate_collective(collective(10, 8), BOOK, D2024, "U", "TTLDXS", 2024)
    one_failed = evaluate_collective(collective(10, 8, cstdcs=1, failed=1), BOOK, D2024, "U", "TTLDXS", 2024)
    before = evaluate_collective(collective(10, 8, year=2023), BOOK, D2023, "U", "TTLDXS", 2023)
    assert ok == []
    assert [f.rule for f in no_cs] == ["collective_cstdcs"]
    assert [f.rule for f in one_failed] == ["collective_completed"]
    assert before == []  # the 100 % and CSTĐCS conditions are rows from 2024


# ---------------------------------------------------------------- council votes (R-VOTE-5)


@pytest.mark.parametrize("award", ["CSTD_CS", "U_CO_LDLD", "CO_TD_CP", "U_CO_TLD"])
def test_cstdcs_and_flags_need_80_percent_of_all_members_from_ndd98(award: str) -> None:
    rows = default_rule_rows()
    full = Attendance(members_total=13, members_present=11, written_votes=1)
    ten = Count("SECRET", 10, 2)  # 76.9 % of all 13 members
    assert decide(full, ten, award, vote_rules(dt.date(2023, 12, 5), rows))[0] == "PASS"  # > 50 % then
    assert decide(full, ten, award, vote_rules(dt.date(2024, 12, 5), rows))[0] == "FAIL"
    assert decide(full, Count("SECRET", 11, 1), award, vote_rules(dt.date(2024, 12, 5), rows))[0] == "PASS"
    # NĐ 152/2025 wording unverified: a dated row of its own, same value, UNCONFIRMED
    assert str(vote_rules(JULY_2025, rows).threshold(award)) == "≥ 80%"
    assert any(
        r["code"] == f"vote_threshold.{award}"
        and r["valid_from"] == "2025-07-01"
        and r["status"] == "UNCONFIRMED"
        for r in rows
    )


# ---------------------------------------------------------------- dossier of CSTĐCS (R-DOS-5) and files (R-DOS-4)


def test_cstdcs_dossier_from_july_2025_with_initiative_or_excellence() -> None:
    assert dossier.required_kinds(BOOK, "CSTD_CS", "CDCS", D2024) == ()
    need = dossier.required_kinds(BOOK, "CSTD_CS", "CDCS", D2026)
    assert need == ("TTR", "BCTT", "BB_HD", "CN_SK|XN_HTXS")
    docs = {"TTR": {}, "BCTT": {}, "BB_HD": {}}
    assert dossier.missing_kinds(need, docs) == ("CN_SK|XN_HTXS",)
    assert dossier.missing_kinds(need, {**docs, "XN_HTXS": {}}) == ()
    assert dossier.missing_kinds(need, {**docs, "CN_SK": {}}) == ()


def test_minutes_must_carry_the_vote_result_from_july_2025() -> None:
    before, after = (
        dossier.file_and_vote(BOOK, "CSTD_CS", D2024),
        dossier.file_and_vote(BOOK, "CSTD_CS", D2026),
    )
    assert not before.vote and after.vote
    assert [p.code for p in dossier.vote_problems({"BB_HD": {}}, after.vote, after.threshold)] == [
        "dossier.vote_missing"
    ]
    low = {"BB_HD": {"vote_yes": 9, "vote_total": 13}}
    good = {"BB_HD": {"vote_yes": 11, "vote_total": 13}}
    assert [p.code for p in dossier.vote_problems(low, after.vote, after.threshold)] == ["dossier.vote_below"]
    assert dossier.vote_problems(good, after.vote, after.threshold) == []
    assert dossier.vote_problems({"BB_HD": {}}, before.vote, before.threshold) == []


def test_electronic_files_replace_the_second_paper_set_from_july_2025() -> None:
    assert dossier.copies_required(BOOK, "CSTD_TQ", JUNE_2025) == 2
    assert dossier.copies_required(BOOK, "CSTD_TQ", JULY_2025) == 1
    assert not dossier.files_required(BOOK, "CSTD_TQ", JUNE_2025)
    assert dossier.files_required(BOOK, "CSTD_TQ", JULY_2025)
    no_file = {"TTR": {"file_name": ""}}
    assert [p.code for p in dossier.file_problems(no_file, True)] == ["dossier.file_missing"]
    assert dossier.file_problems({"TTR": {"file_name": "to-trinh.pdf"}}, True) == []


def test_simplified_form_needs_the_short_dossier_only() -> None:
    assert dossier.required_kinds(BOOK, "U_BK_LDLD", "LDLD_TINH", D2026, simplified=True) == (
        "TTR",
        "TOM_TAT",
    )
    assert dossier.required_kinds(BOOK, "U_BK_LDLD", "LDLD_TINH", D2026) == ("TTR", "BCTT", "BB_HD")


# ---------------------------------------------------------------- decree cited, cash rewards


@pytest.mark.parametrize(
    ("day", "decree"),
    [(dt.date(2023, 9, 30), "91/2017/NĐ-CP"), (JUNE_2025, "98/2023/NĐ-CP"), (JULY_2025, "152/2025/NĐ-CP")],
)
def test_documents_cite_the_decree_in_force_on_their_date(day: dt.date, decree: str) -> None:
    assert decree in BOOK.text("legal_basis.decree", day)


def test_cash_rewards_are_multiples_of_the_base_salary_on_the_date() -> None:
    assert reward_vnd(BOOK, "CSTD_CS", dt.date(2024, 6, 30)) == 1_800_000
    assert reward_vnd(BOOK, "CSTD_CS", dt.date(2024, 7, 1)) == 2_340_000
    assert reward_vnd(BOOK, "LDTT", D2026) == 702_000  # 0.3 × 2.340.000
    assert reward_vnd(BOOK, "TTLDXS", D2026) == 3_510_000
    assert reward_vnd(BOOK, "CO_TD_CP", D2026) == 28_080_000
    assert reward_vnd(BOOK, "U_BK_LDLD", D2026) is None  # a union award: no state multiple
    assert reward_vnd(BOOK, "LDTT", dt.date(2023, 12, 31)) is None  # before NĐ 98/2023


def test_public_comment_minimum_days_are_dated() -> None:
    assert BOOK.number("public_comment_days.CSTD_TQ", D2024) == 10
    assert BOOK.number("public_comment_days.CSTD_TQ", D2026) == 10
    assert BOOK.number("public_comment_days.CSTD_TQ", dt.date(2023, 12, 31)) is None
    assert BOOK.number("public_comment_days.HANOI", D2024) is None
    assert BOOK.number("public_comment_days.HANOI", D2026) == 7

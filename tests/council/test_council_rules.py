"""DOMAIN.md §4.3 R-VOTE-1..4, quorum and recusal as pure rules (no store), pass and fail each."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import ActionNotAllowed
from services.council import Attendance, Count, Threshold, decide, has_quorum, vote_rules

ON = dt.date(2024, 12, 5)
RULES = vote_rules(ON)
FULL = Attendance(members_total=13, members_present=11, written_votes=1)


def refused(code: str, a: Attendance, c: Count, award: str = "LDTT", rules=RULES) -> ActionNotAllowed:
    with pytest.raises(ActionNotAllowed) as exc:
        decide(a, c, award, rules)
    assert exc.value.code == code, exc.value.message("en")
    assert exc.value.message("vi") != code  # translated
    return exc.value


# ---------------------------------------------------------------- R-VOTE-1 secret ballot


@pytest.mark.parametrize("award", ["CSTD_BNT", "CSTD_TQ"])
def test_r_vote_1_high_titles_need_a_secret_ballot(award: str) -> None:
    refused("council.secret_required", FULL, Count("SHOW_OF_HANDS", 12, 0), award)
    assert decide(FULL, Count("SECRET", 12, 0), award, RULES)[0] == "PASS"


def test_r_vote_1_other_titles_may_vote_by_show_of_hands() -> None:
    assert decide(FULL, Count("SHOW_OF_HANDS", 7, 5), "CSTD_CS", RULES)[0] == "PASS"


def test_unknown_method_is_refused() -> None:
    refused("council.bad_method", FULL, Count("EMAIL", 7, 5))


# ---------------------------------------------------------------- R-VOTE-2 share of ALL members


def test_r_vote_2_ninety_percent_of_all_members_passes() -> None:
    result, threshold = decide(FULL, Count("SECRET", 12, 0), "CSTD_BNT", RULES)
    assert (result, str(threshold)) == ("PASS", "≥ 90%")  # 12/13 = 92.3 %


def test_r_vote_2_denominator_is_all_members_not_those_voting() -> None:
    # 11 of the 12 who voted (91.7 %) but only 11 of the 13 members (84.6 %): fails.
    assert decide(FULL, Count("SECRET", 11, 1), "CSTD_BNT", RULES)[0] == "FAIL"


def test_r_vote_2_written_votes_count_in_yes() -> None:
    a = Attendance(members_total=13, members_present=10, written_votes=3)
    assert decide(a, Count("SECRET", 12, 1), "CSTD_TQ", RULES)[0] == "PASS"


def test_r_vote_2_threshold_is_dated_data() -> None:
    before = vote_rules(dt.date(2016, 1, 1))  # the 90 % rule dates from NĐ 91/2017
    assert before.threshold("CSTD_BNT") == before.default_threshold
    later = [{"code": "vote_threshold.CSTD_BNT", "value": "0.70", "valid_from": "2025-01-01", "valid_to": ""}]
    assert str(vote_rules(ON, later).threshold("CSTD_BNT")) == "≥ 90%"
    assert str(vote_rules(dt.date(2025, 3, 1), later).threshold("CSTD_BNT")) == "≥ 70%"


# ---------------------------------------------------------------- R-VOTE-4 majority of all members


def test_r_vote_4_more_than_half_passes() -> None:
    assert decide(FULL, Count("SHOW_OF_HANDS", 7, 5), "LDTT", RULES)[0] == "PASS"


def test_r_vote_4_half_is_not_a_majority() -> None:
    even = Attendance(members_total=12, members_present=12, written_votes=0)
    assert decide(even, Count("SHOW_OF_HANDS", 6, 6), "LDTT", RULES)[0] == "FAIL"
    assert decide(FULL, Count("SHOW_OF_HANDS", 6, 6), "LDTT", RULES)[0] == "FAIL"


# ---------------------------------------------------------------- R-VOTE-3 quorum


def test_r_vote_3_two_thirds_present_is_a_quorum() -> None:
    assert RULES.quorum_needed(13) == 9
    assert has_quorum(Attendance(13, 9, 0), RULES)
    assert decide(Attendance(13, 9, 0), Count("SECRET", 7, 2), "LDTT", RULES)[0] == "PASS"


def test_r_vote_3_nothing_passes_without_quorum() -> None:
    exc = refused("council.no_quorum", Attendance(13, 8, 0), Count("SECRET", 8, 0))
    assert "8/13" in exc.message("vi") and "9" in exc.message("vi")


def test_r_vote_3_written_votes_do_not_make_a_quorum() -> None:
    refused("council.no_quorum", Attendance(13, 8, 5), Count("SECRET", 13, 0))


def test_quorum_ratio_read_from_the_rules_rows() -> None:
    rows = [{"code": "quorum_ratio", "value": "0.5", "valid_from": "2024-01-01", "valid_to": ""}]
    assert vote_rules(ON, rows).quorum_needed(13) == 7


# ---------------------------------------------------------------- counts and recusal


def test_votes_cannot_exceed_present_plus_written() -> None:
    refused("council.votes_above_voters", FULL, Count("SECRET", 12, 1))
    refused("council.votes_above_voters", FULL, Count("SECRET", 10, 1, invalid=2))


def test_recused_members_do_not_vote_but_stay_in_the_denominator() -> None:
    c = Count("SECRET", 7, 2, recused=3)  # 3 members from the nominee's unit
    assert decide(FULL, c, "LDTT", RULES)[0] == "PASS"  # 7/13 > 50 %
    refused("council.votes_above_voters", FULL, Count("SECRET", 8, 2, recused=3))  # 12 - 3 = 9 voters
    assert decide(FULL, Count("SECRET", 6, 3, recused=3), "LDTT", RULES)[0] == "FAIL"  # 6/13


def test_recusal_out_of_the_total_is_a_rule_not_code() -> None:
    rows = [{"code": "recusal_in_total", "value": "false", "valid_from": "2024-01-01", "valid_to": ""}]
    c = Count("SECRET", 6, 3, recused=3)
    assert decide(FULL, c, "LDTT", vote_rules(ON, rows))[0] == "PASS"  # 6/10


def test_recused_cannot_exceed_those_present() -> None:
    refused("council.recused_above_present", Attendance(13, 9, 0), Count("SECRET", 0, 0, recused=10))


@pytest.mark.parametrize(
    ("attendance", "code"),
    [
        (Attendance(0, 0, 0), "council.members_total_positive"),
        (Attendance(13, 14, 0), "council.present_above_total"),
        (Attendance(13, 11, 3), "council.written_above_absent"),
        (Attendance(13, -1, 0), "council.negative_count"),
    ],
)
def test_impossible_attendance_is_refused(attendance: Attendance, code: str) -> None:
    refused(code, attendance, Count("SECRET", 0, 0))


@pytest.mark.parametrize(
    ("text", "count", "total", "met"),
    [("> 0.5", 7, 13, True), ("> 1/2", 6, 12, False), (">= 0.90", 9, 10, True), ("2/3", 8, 12, True)],
)
def test_threshold_parsing(text: str, count: int, total: int, met: bool) -> None:
    assert Threshold.parse(text).met(count, total) is met


def test_bad_rule_value_names_the_value() -> None:
    with pytest.raises(ActionNotAllowed) as exc:
        Threshold.parse("chín mươi")
    assert "chín mươi" in exc.value.message("vi")


def test_the_shared_rules_tab_codes_are_understood() -> None:
    rows = [
        {"code": "bch_majority", "value": "0.60", "valid_from": "2024-01-01", "valid_to": ""},
        {"code": "quorum_ratio", "value": "0.6667", "valid_from": "2017-10-01", "valid_to": ""},
    ]
    rules = vote_rules(ON, rows)
    assert str(rules.default_threshold) == "> 60%"
    assert rules.quorum_needed(13) == 9
    assert decide(FULL, Count("SECRET", 8, 4), "LDTT", rules)[0] == "PASS"  # 8/13 = 61.5 %
    assert decide(FULL, Count("SECRET", 7, 5), "LDTT", rules)[0] == "FAIL"  # 7/13 = 53.8 %

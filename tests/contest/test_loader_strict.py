"""The campaign loader refuses what would silently count the wrong rows or never fire, and says what
is valid: a target's ``where`` on a column the tab lacks or a code nobody can hold, a second move with
the same trigger from the same state, a column or award code that does not exist; and every mistake
in a ``contest:`` block (weights, jury, prizes against the declared totals, moves, tie-breaks)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workflows.loader import CAMPAIGNS_DIR, parse_text
from workflows.spec import SpecError

ANNUAL = (CAMPAIGNS_DIR / "hn-2024-khen-thuong-nam.yaml").read_text(encoding="utf-8")
CONTEST = (CAMPAIGNS_DIR / "hn-2025-hoi-thi-tho-gioi.yaml").read_text(encoding="utf-8")


def refused(text: str, file: str = "x.yaml") -> SpecError:
    with pytest.raises(SpecError) as err:
        parse_text(text, file)
    return err.value


def test_a_where_on_a_column_the_tab_lacks_lists_the_columns() -> None:
    err = refused(ANNUAL.replace("where: {award_code: LDTT}", "where: {trade: Hàn}"))
    assert err.key == "targets[0].where.trade"
    msg = err.message("vi")
    assert "bảng 'nominations' không có cột 'trade'" in msg and "full_name" in msg and "award_code" in msg
    assert "client_token" not in msg  # bookkeeping columns are not offered


def test_a_where_on_a_code_nobody_can_hold_lists_the_codes() -> None:
    err = refused(ANNUAL.replace("where: {award_code: LDTT}", "where: {award_code: HAN}"))
    assert err.key == "targets[0].where.award_code"
    assert "'HAN' không hợp lệ. Chọn một trong: LDTT, CSTD_CS, CSTD_BNT" in err.message("vi")
    err = refused(CONTEST.replace("states: [COMPETING, AWARDED, NO_PRIZE]", "where: {trade: HAN}"))
    assert "HAN_DIEN, TIEN, PHAY" in err.message("vi")  # a form's own choice field: its option codes


def test_a_second_move_with_the_same_trigger_from_the_same_state_is_refused() -> None:
    extra = (
        "      - {trigger: award, source: IN_COUNCIL, dest: REJECTED, label: Giải Nhì, roles: [COUNCIL_MEMBER], "
        "scope: below}\n"
    )
    text = ANNUAL.replace("      - {trigger: forward,", extra + "      - {trigger: forward,", 1)
    err = refused(text)
    assert err.problem == "duplicate_trigger"
    assert (
        "bước 'award' từ trạng thái 'IN_COUNCIL' đã khai báo ở transitions[6] (tới AWARDED)"
        in err.message("vi")
    )
    assert "Give this move another 'trigger'" in err.message("en")


def test_an_unknown_column_and_an_unknown_award_list_the_valid_ones() -> None:
    err = refused(ANNUAL.replace("      - position\n", "      - birth_year\n", 1))
    assert err.key == "forms.nomination.fields[2].name"
    assert "Các cột có thể dùng:" in err.message("vi") and "position" in err.message("vi")
    err = refused(ANNUAL.replace("awards: [LDTT,", "awards: [HAN_DIEN, LDTT,"))
    msg = err.message("vi")
    assert "workflows/catalogue.yaml" in msg and "LDTT" in msg and "HN_CNG_TD" in msg


@pytest.mark.parametrize(
    ("change", "key", "says"),
    [
        (("weight: 70", "weight: 60"), "contest.criteria", "tổng trọng số các tiêu chí phải là 100 (%), đang là 90 (LT 30, TH 60)"),
        (("    NAU_AN: [", "    NAU_AN_X: ["), "contest.jury.NAU_AN_X", "'NAU_AN_X' không hợp lệ. Chọn một trong: HAN_DIEN"),
        (("per_category: {HAN_DIEN: 7}", "per_category: {HAN_DIEN: 6}"), "contest.declared.prizes",
         "111 giải nhưng các hạng giải cộng lại (theo từng nghề) là 110"),
        (("amount: 9000000}", "amount: 10000000}"), "contest.declared.money", "564000000 đồng nhưng số giải × tiền thưởng"),
        (("moves: {prize: award, no_prize: close}", "moves: {prize: close, no_prize: award}"), "contest.moves.prize",
         "không phải trạng thái có outcome: awarded (AWARDED)"),
        (("moves: {prize: award, no_prize: close}", "moves: {prize: award, no_prize: approve}"), "contest.moves",
         "trạng thái chung tìm thấy: —"),
        (("tie_break: [TH, LT,", "tie_break: [TH, XX,"), "contest.tie_break[1].criterion", "Chọn một trong: LT, TH"),
        (("{field: years_in_trade, order: desc}", "{field: workplace, order: desc}"), "contest.tie_break[2].field",
         "Chọn một trong: birth_year, skill_grade, years_in_trade"),
        (("  category: trade\n", "  category: gender_x\n"), "contest.category", "Chọn một trong: gender, trade"),
    ],
)  # fmt: skip
def test_a_mistake_in_the_contest_names_the_key_and_the_fix(
    change: tuple[str, str], key: str, says: str
) -> None:
    assert change[0] in CONTEST
    err = refused(CONTEST.replace(*change))
    assert err.key == key, err.message()
    assert says in err.message("vi"), err.message("vi")


AWARD_MOVE = "roles: [COUNCIL_SECRETARY], scope: below, review: true, decided_by: jury,"


def test_a_contest_prize_is_decided_by_the_jurys_scores_not_by_the_secretary() -> None:
    assert AWARD_MOVE in CONTEST
    # without 'decided_by: jury' the secretary alone would decide every prize: refused, naming the fix
    err = refused(CONTEST.replace(AWARD_MOVE, "roles: [COUNCIL_SECRETARY], scope: below, review: true,"))
    assert err.key == "workflows.contest.transitions[5:award]"
    assert "với giải của một hội thi: 'decided_by: jury'" in err.message("vi")
    assert "for a contest's prize: 'decided_by: jury'" in err.message("en")
    # the jury's prize needs the confirmed result with a prize
    err = refused(CONTEST.replace("results_confirmed, prize_won]}", "results_confirmed]}"))
    assert err.key == "workflows.contest.transitions[5:award].conditions"
    assert "còn thiếu: prize_won" in err.message("vi") and "missing: prize_won" in err.message("en")
    # a council member does not confirm contest results
    err = refused(CONTEST.replace(AWARD_MOVE, AWARD_MOVE.replace("[COUNCIL_SECRETARY]", "[COUNCIL_MEMBER]")))
    assert err.key == "workflows.contest.transitions[5:award].roles"
    assert "thành viên Hội đồng không công nhận kết quả hội thi" in err.message("vi")
    # 'decided_by: jury' in a campaign without a contest: no jury decides anything there
    head, _, rest = CONTEST.partition("\ncontest:\n")
    targets = "\ntargets:\n" + rest.partition("\ntargets:\n")[2]
    err = refused(head + targets)
    assert (
        err.problem == "jury_decision_not_prize"
        and err.key == "workflows.contest.transitions[5:award].decided_by"
    )
    assert "'decided_by: jury' chỉ dùng cho bước trao giải của một hội thi" in err.message("vi")
    assert "is only for a contest's prize move" in err.message("en")
    # the contest's prize move recorded as an outside decision: the jury's scores would not decide it
    err = refused(CONTEST.replace(AWARD_MOVE, AWARD_MOVE.replace("decided_by: jury", "decided_by: outside")))
    assert err.key == "contest.moves.prize" and "'decided_by: jury'" in err.message("vi")
    assert "needs 'decided_by: jury' (found: outside)" in err.message("en")


def test_a_category_without_a_judge_is_named() -> None:
    text = re.sub(r"    NAU_AN: \[[^\]]*\]\n", "", CONTEST)
    err = refused(text)
    assert err.key == "contest.jury" and "các nghề sau chưa có giám khảo: NAU_AN" in err.message("vi")


def test_the_shipped_contests_load_with_their_declared_totals() -> None:
    for name in ("hn-2023-hoi-thi-tho-gioi.yaml", "hn-2025-hoi-thi-tho-gioi.yaml"):
        spec = parse_text((CAMPAIGNS_DIR / name).read_text(encoding="utf-8"), name)
        c = spec.contest
        assert c is not None and len(c.categories) == 11 and len(c.prizes) == 4
        assert (c.prize_count(), c.prize_money(), c.declared_entrants) == (111, 564_000_000, 363)
        assert all(len(c.judges_of(t)) == 3 for t in c.categories)
        assert [x.code for x in c.criteria] == ["LT", "TH"] and c.judging_state == "COMPETING"


def test_every_shipped_file_passes_the_stricter_loader(tmp_path: Path) -> None:
    from workflows.loader import load_campaigns

    assert {"HN-2024-KTN", "HN-2023-DTD-CAODIEM-DH", "HN-2023-HTTG", "HN-2025-HTTG"} <= set(load_campaigns())

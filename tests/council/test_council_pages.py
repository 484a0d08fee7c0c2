"""AppTest for the council and cluster pages, per role (the pages run on their own, as st.navigation would)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import i18n
from core.model import Actor
from services.services import Services
from tests.conftest import ADMIN, CLUSTER_HEAD, COUNCIL, LEADER, OFFICER, REVIEWER, SECRETARY

ROOT = Path(__file__).resolve().parents[2]
PAGES = {name: ROOT / "app_pages" / f"{name}.py" for name in ("council", "cluster")}
UNEXPECTED = ("lỗi ngoài dự kiến", "unexpected")

OpenPage = Callable[[Actor, str], AppTest]


@pytest.fixture
def open_page(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenPage]:
    monkeypatch.setenv("THIDUA_DB", str(demo_db))
    monkeypatch.setenv("THIDUA_TODAY", "2024-12-05")
    monkeypatch.delenv("THIDUA_BACKEND", raising=False)

    def open_(actor: Actor, page: str) -> AppTest:
        at = AppTest.from_file(str(PAGES[page]), default_timeout=30.0)
        at.session_state["actor"] = actor
        return clean(at.run())

    yield open_


def clean(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    for err in at.error:
        assert not any(w in str(err.value) for w in UNEXPECTED), err.value
    return at


def texts(at: AppTest, kind: str) -> str:
    return " | ".join(str(e.value) for e in getattr(at, kind))


def test_every_message_key_of_the_pages_exists() -> None:
    for path in PAGES.values():
        keys = set(re.findall(r'"((?:page|ui)\.[a-z_]+\.[a-z_.]+)"', path.read_text(encoding="utf-8")))
        assert keys and not {k for k in keys if not i18n.has(k)}, path.name


# ---------------------------------------------------------------- council


@pytest.mark.parametrize("actor", [SECRETARY, COUNCIL], ids=["secretary", "member"])
def test_council_sees_the_agenda(open_page: OpenPage, actor: Actor) -> None:
    at = open_page(actor, "council")
    assert "Chương trình họp" in texts(at, "subheader")
    assert at.dataframe and len(at.dataframe[0].value) > 100
    assert "11/13" in texts(at, "caption")
    opens = [e for e in at.expander if "Mở phiên họp" in str(e.label)]
    assert bool(opens) is (actor.role == "COUNCIL_SECRETARY")  # only the secretary opens meetings


@pytest.mark.parametrize("actor", [OFFICER, REVIEWER, CLUSTER_HEAD, LEADER], ids=lambda a: a.role)
def test_others_are_refused_the_council_page(open_page: OpenPage, actor: Actor) -> None:
    at = open_page(actor, "council")
    assert "không thuộc Hội đồng" in texts(at, "error")
    assert not at.dataframe


def test_secretary_records_a_ballot_and_closes_a_member_only_reads(
    open_page: OpenPage, services: Services
) -> None:
    member = open_page(COUNCIL, "council")
    member.session_state["council_agenda"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    clean(member.run())
    assert not [b for b in member.button if b.key == "council_record"]  # a member votes at the meeting
    assert "Thư ký ghi phiếu" in texts(member, "caption")

    at = open_page(SECRETARY, "council")
    first = at.dataframe[0].value.iloc[0]
    at.session_state["council_agenda"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    clean(at.run())
    assert first["Tên hồ sơ"] in texts(at, "subheader")
    at.number_input(key="council_yes").set_value(11)  # ≥ 80 % of 13 (CSTĐCS and flags, NĐ 98/2023)
    at.number_input(key="council_no").set_value(1)
    clean(at.button(key="council_record").click().run())
    assert "Thông qua" in texts(at, "success")

    member = open_page(COUNCIL, "council")
    assert not [b for b in member.button if b.key == "council_close"]  # nor does a member close

    clean(at.button(key="council_close").click().run())
    assert "không thể hoàn tác" in texts(at, "warning").casefold()
    clean(at.button(key="council_close_confirm").click().run())
    assert "1 hồ sơ được khen thưởng" in texts(at, "success")
    # the selector says at once that the meeting is over (it said "đang họp" until the page was left)
    chosen = next(s for s in at.selectbox if str(s.key or "").startswith("council_meeting_"))
    label = chosen.options[chosen.index or 0]
    assert "đang họp" not in label and "đã kết thúc" in label.casefold(), label
    noms = services.rows(COUNCIL, "nominations")
    assert noms[noms["full_name"] == first["Tên hồ sơ"]]["state"].tolist().count("AWARDED") >= 1
    # the meeting's log says who opened, recorded and closed it
    log = next(d.value for d in at.dataframe if "Nội dung" in d.value.columns)
    assert any("Kết thúc phiên họp" in str(x) for x in log["Nội dung"])
    assert any("Phiếu" in str(x) for x in log["Nội dung"])


def test_a_ballot_breaking_a_rule_is_refused_in_vietnamese(open_page: OpenPage) -> None:
    at = open_page(SECRETARY, "council")
    at.session_state["council_agenda"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    clean(at.run())
    at.number_input(key="council_yes").set_value(12)
    at.number_input(key="council_no").set_value(1)
    clean(at.button(key="council_record").click().run())
    assert "vượt quá số thành viên được biểu quyết" in texts(at, "error")


def test_council_page_in_english(open_page: OpenPage) -> None:
    at = AppTest.from_file(str(PAGES["council"]), default_timeout=30.0)
    at.session_state["actor"] = COUNCIL
    at.session_state["lang"] = "en"
    clean(at.run())
    assert "Agenda" in texts(at, "subheader")


# ---------------------------------------------------------------- cluster


@pytest.mark.parametrize("actor", [CLUSTER_HEAD, LEADER, ADMIN, REVIEWER, COUNCIL], ids=lambda a: a.role)
def test_cluster_page_shows_the_ranking_and_a_chart(open_page: OpenPage, actor: Actor) -> None:
    at = open_page(actor, "cluster")
    assert at.dataframe and len(at.dataframe[0].value) >= 6
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")


def test_the_re_check_names_each_criterion_beside_its_code(open_page: OpenPage, services: Services) -> None:
    """The cluster head re-checking a member reads what each criterion is, not only its code."""
    at = open_page(CLUSTER_HEAD, "cluster")
    check = next(t.value for t in at.dataframe if "Điểm tự chấm" in t.value.columns)
    scheme = services.store.read("score_criteria")
    texts_by_code = dict(zip(scheme["code"], scheme["text_vi"], strict=False))
    assert len(check) > 0
    for code, text in zip(check["Mã tiêu chí"], check["Tiêu chí"], strict=True):
        assert text and text == texts_by_code[code], code


def test_a_grassroots_officer_sees_the_cluster_of_their_upper_union_as_the_dashboard_does(
    open_page: OpenPage, services: Services
) -> None:
    """One source of truth (issue 16): Canon's upper union is in Cụm thi đua số 7, so Canon is shown
    there, on this page as on the dashboard; a year with no clusters says so."""
    at = open_page(OFFICER, "cluster")
    ref = services.reference()
    expected = ref.cluster_of(OFFICER.unit_id, services.today().year)
    assert expected, "the demo puts Canon's upper union in a cluster"
    picker = at.selectbox(key="cluster_id")
    assert picker.value == expected
    assert not [w for w in texts(at, "warning") if "không thuộc cụm thi đua nào" in w]
    at.number_input(key="cluster_year").set_value(2025).run()
    assert "không thuộc cụm thi đua nào" in texts(at, "warning")
    assert not at.dataframe


def test_cluster_head_acclaims_the_leader(open_page: OpenPage) -> None:
    at = open_page(CLUSTER_HEAD, "cluster")
    leader_name = at.dataframe[0].value.iloc[0]["Đơn vị"]
    at.number_input(key="cluster_votes_HN-CD-TCT-DTPT").set_value(4)
    at.number_input(key="cluster_votes_HN-CD-KCNCX").set_value(2)
    clean(at.button(key="cluster_acclaim_run").click().run())
    assert "Đơn vị dẫn đầu" in texts(at, "success")
    assert "Tổng công ty Đầu tư và Phát triển" in texts(at, "success")
    assert leader_name  # the ranking stays on the page


def test_self_score_above_the_maximum_is_refused_on_the_page(open_page: OpenPage) -> None:
    at = open_page(REVIEWER, "cluster")
    at.number_input(key="cluster_year").set_value(2023)
    clean(at.run())
    at.number_input(key="cluster_self_TC1").set_value(18)
    clean(at.button(key="cluster_self_save").click().run())
    assert "Đã lưu điểm tự chấm" in texts(at, "success")


def test_normalisation_toggle_adds_the_column(open_page: OpenPage) -> None:
    at = open_page(LEADER, "cluster")
    clean(at.toggle(key="cluster_normalise").set_value(True).run())
    assert "Điểm chuẩn hóa (0–100)" in list(at.dataframe[0].value.columns)


def test_secretary_opens_a_meeting_without_quorum_and_is_warned(open_page: OpenPage) -> None:
    at = open_page(SECRETARY, "council")
    at.number_input(key="council_new_total").set_value(13)
    at.number_input(key="council_new_present").set_value(8)
    at.text_input(key="council_new_minutes").set_value("09/BB-HĐTĐKT")
    submit = next(b for b in at.button if b.label == "Mở phiên họp")
    clean(submit.click().run())
    assert "Đã mở phiên họp" in texts(at, "success")
    # the selector is drawn anew when a meeting opens (so its labels are current): find it by its key
    picker = next(s for s in at.selectbox if str(s.key or "").startswith("council_meeting_"))
    assert "09/BB-HĐTĐKT" in str(picker.format_func(picker.value))
    assert "không đủ số thành viên" in texts(at, "error")


def test_the_leaders_officer_files_the_flag_nomination(open_page: OpenPage, services: Services) -> None:
    from services.cluster import ClusterScoring
    from tests.council.council_helpers import add_user

    leader = "HN-CD-TCT-DL"
    ClusterScoring(services).acclaim(CLUSTER_HEAD, "HN-CUM-07", 2024, {leader: 5})
    officer = add_user(services, "can.bo.du.lich", "UNIT_OFFICER", leader)
    at = open_page(officer, "cluster")
    assert "được suy tôn dẫn đầu" in texts(at, "success")
    clean(at.button(key="cluster_create_proposal").click().run())
    assert "dự thảo" in texts(at, "success")
    mine = services.my_rows(officer, "nominations")
    made = mine[mine["achievement"].str.contains("suy tôn", regex=False)]
    assert [(r["award_code"], r["state"]) for r in made.to_dict("records")] == [("U_CO_LDLD", "DRAFT")]

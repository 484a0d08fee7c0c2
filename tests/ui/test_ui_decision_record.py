"""The secretary records the Tổng Liên đoàn's decision on the review page (issue 23): the move asks for the
decision's number and date, is refused without them, and writes the decision with the award."""

from __future__ import annotations

from typing import Any

from ui_helpers import SECRETARY, OpenApp, assert_clean, select_rows, texts

from i18n import t
from services.services import Services
from tests.council.council_helpers import on_agenda, vote

NAME = "Đặng Thị Demo Bình"


def test_the_secretary_records_the_vgcl_decision_with_its_number_and_date(
    open_app: OpenApp, services: Services, nomination_values: Any
) -> None:
    import datetime as dt

    row = on_agenda(services, nomination_values(award_code="CSTD_BNT", full_name=NAME))
    assert vote(services, row["id"])["state"] == "AT_TLD"  # the council passed it on to the VGCL
    at = open_app(SECRETARY, "review")
    at.text_input(key="review_search").set_value("dang thi demo binh").run()
    select_rows(at, "review_table", [0])
    assert_clean(at)
    assert at.text_input(key="review_decision_no") and at.date_input(key="review_decision_date")
    at.button(key="review_do_award").click().run()  # no number, no date: refused, nothing written
    assert_clean(at)
    assert any(t("engine.decision_required", trigger="x").split("'")[0] in e for e in texts(at, "error"))
    assert services.get(SECRETARY, "nominations", row["id"])["state"] == "AT_TLD"

    at.text_input(key="review_decision_no").set_value("123/QĐ-TLĐ")
    at.date_input(key="review_decision_date").set_value(dt.date(2024, 12, 1))
    at.text_input(key="review_decision_signer").set_value("Nguyễn Văn Demo Tổng")
    at.button(key="review_do_award").click().run()
    assert_clean(at)
    assert services.get(SECRETARY, "nominations", row["id"])["state"] == "AWARDED"
    decisions = services.store.read("decisions")
    recorded = decisions[decisions["number"] == "123/QĐ-TLĐ"].iloc[0]
    assert (recorded["issued_on"], recorded["signer_name"]) == ("2024-12-01", "Nguyễn Văn Demo Tổng")

"""The Quyết định cites the decree in force on its date and carries the cash rewards (multiple ×
base salary on that date) in its annex; the dashboard sums the same rewards."""

from __future__ import annotations

import datetime as dt
import io

import docx

from exports import documents
from reporting import metrics as m
from reporting.reporting import Reporting
from reporting.rewards import reward_vnd
from services.services import Services
from tests.conftest import COUNCIL, LEADER


def text_of(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    return "\n".join(
        [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
    )


def test_decision_cites_the_decree_of_its_date_and_lists_cash_rewards(services: Services) -> None:
    rep = Reporting(services)
    before = text_of(
        documents.decision(rep.decision(COUNCIL, "HN-2024-KTN", 41, signed_on=dt.date(2025, 6, 20)))
    )
    after = text_of(
        documents.decision(rep.decision(COUNCIL, "HN-2024-KTN", 42, signed_on=dt.date(2025, 7, 2)))
    )
    assert "Căn cứ Nghị định số 98/2023/NĐ-CP" in before and "152/2025" not in before
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025" in after and "98/2023" not in after
    assert "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15" in after
    bundle = rep.decision(COUNCIL, "HN-2024-KTN", 42, signed_on=dt.date(2025, 7, 2))
    ldtt = [n for n in bundle.nominees if n.award_code == "LDTT"]
    assert ldtt and {n.reward_vnd for n in ldtt} == {702_000}
    assert {n.reward_vnd for n in bundle.nominees if n.award_code == "U_BK_LDLD"} <= {None}
    total = sum(n.reward_vnd or 0 for n in bundle.nominees)
    assert "702.000" in after and f"{total:,}".replace(",", ".") in after  # the annex's total line


def test_dashboard_sums_the_cash_rewards_of_the_awarded_titles(services: Services) -> None:
    rep = Reporting(services)
    tile = m.by_code(rep.metrics(LEADER))["reward_money"]
    noms = services.rows(LEADER, "nominations")
    awarded = noms[noms["state"] == "AWARDED"]
    rules = services.reference().rules
    expected = sum(
        reward_vnd(rules, str(code), dt.date.fromisoformat(str(since)[:10])) or 0
        for code, since in zip(awarded["award_code"], awarded["state_since"], strict=True)
    )
    assert tile.value == expected > 0
    years = rep.year_comparison(LEADER)
    assert set(years["year"]) >= {2023, 2024}
    assert int(years.set_index("year").loc[2024, "reward_vnd"]) > 0

"""The Quyết định .docx of an issued decision lists exactly its live grants, with its number, date and
signer from the ``decisions`` row; a draft (no decision issued under that number) still lists the
nominations the council awarded."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document

from exports import documents
from reporting.reporting import Reporting
from services.decisions import Decisions
from services.services import Services
from tests.conftest import SECRETARY

CAMPAIGN = "HN-2024-KTN"


def _text(doc) -> str:  # type: ignore[no-untyped-def]
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.extend(c.text for c in row.cells)
    return "\n".join(lines)


def _annex_names(doc) -> list[str]:  # type: ignore[no-untyped-def]
    """Names in the "Danh sách kèm theo" table (rows that start with their STT number)."""
    for table in doc.tables:
        if [c.text for c in table.rows[0].cells][:2] == ["STT", "Họ và tên"]:
            return [row.cells[1].text for row in table.rows[1:] if row.cells[0].text.isdigit()]
    raise AssertionError("no annex table")


def test_issued_decision_lists_its_live_grants_with_its_number_date_and_signer(services: Services) -> None:
    d = Decisions(services)
    pending = d.pending(SECRETARY, CAMPAIGN, "U_BK_LDLD")
    assert len(pending) > 4
    chosen = [str(i) for i in pending["id"][:3]]
    d.issue(
        SECRETARY,
        CAMPAIGN,
        "U_BK_LDLD",
        "321/QĐ-LĐLĐ",
        dt.date(2024, 11, 28),
        "Trần Thị Demo Lan",
        "Phó Chủ tịch",
        nomination_ids=chosen,
    )
    grants = services.store.read("award_grants")
    mine = grants[grants["nomination_id"].isin(chosen)]
    gone = mine.iloc[0]
    d.revoke(SECRETARY, str(gone["id"]), int(gone["version"]), "KE_KHAI_SAI", "Kê khai không trung thực")
    live = sorted(str(n) for n in mine["subject_name"].iloc[1:])

    bundle = Reporting(services).decision(SECRETARY, CAMPAIGN, "321/QĐ-LĐLĐ")
    doc = Document(io.BytesIO(documents.decision(bundle)))
    text = _text(doc)
    assert sorted(_annex_names(doc)) == live and str(gone["subject_name"]) not in _annex_names(doc)
    assert "Số: 321/QĐ-LĐLĐ" in text
    assert "Hà Nội, ngày 28 tháng 11 năm 2024" in text
    assert "(Kèm theo Quyết định số 321/QĐ-LĐLĐ ngày 28 tháng 11 năm 2024" in text
    assert "Trần Thị Demo Lan" in text and "PHÓ CHỦ TỊCH" in text

    # the same number typed as a bare integer finds the same decision
    again = Reporting(services).decision(SECRETARY, CAMPAIGN, 321)
    assert sorted(n.full_name for n in again.nominees) == live

    # a draft (no decision under that number yet) keeps listing the awarded nominations
    draft = Reporting(services).decision(SECRETARY, CAMPAIGN, 322, signed_on=dt.date(2024, 12, 1))
    noms = services.store.read("nominations")
    awarded = noms[(noms["campaign_id"] == CAMPAIGN) & (noms["state"] == "AWARDED")]
    assert sorted(n.full_name for n in draft.nominees) == sorted(awarded["full_name"])
    assert draft.info.number == "322/QĐ-LĐLĐ"

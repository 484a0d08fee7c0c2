"""The dossier through the services: R-DOS-1 blocks submitting and resubmitting, R-DOS-3 dates,
R-DOS-2 warnings, who may record a document, versions and history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.errors import ActionNotAllowed, RowNotFound, StaleRow, ValidationFailed
from services.dossiers import Dossiers
from services.services import Services
from tests.conftest import COUNCIL, HEAD, OFFICER, OFFICER_VQ, REVIEWER

CAMPAIGN = "HN-2024-KTN"
TAB = "nominations"
FULL = (
    {"kind": "BB_HD", "so_ky_hieu": "05/BB-CĐCS", "issued_on": "20/11/2024", "held_on": "20/11/2024"},
    {"kind": "BCTT", "so_ky_hieu": "", "issued_on": "21/11/2024"},
    {"kind": "TTR", "so_ky_hieu": "12/TTr-CĐCS", "issued_on": "25/11/2024"},
)


@pytest.fixture
def draft(services: Services, nomination_values: Callable[..., dict[str, str]]) -> dict[str, Any]:
    """A Canon draft for the City Federation's Certificate of Merit (decided at LĐLĐ TP)."""
    values = nomination_values(award_code="U_BK_LDLD", full_name="Phan Thị Demo Dung")
    return services.create(OFFICER, CAMPAIGN, "nomination", values, submit=False)


def record_all(services: Services, row_id: str, docs: tuple[dict[str, str], ...] = FULL) -> None:
    for d in docs:
        Dossiers(services).save(OFFICER, TAB, row_id, d)


def test_submitting_without_the_dossier_is_refused_naming_every_missing_document(
    services: Services, draft: dict[str, Any]
) -> None:
    with pytest.raises(ActionNotAllowed) as exc:
        services.act(OFFICER, TAB, draft["id"], 1, "submit")
    vi, en = exc.value.message("vi"), exc.value.message("en")
    assert "thiếu 3 văn bản" in vi
    for name in ("Tờ trình", "Báo cáo thành tích", "Biên bản họp Hội đồng TĐKT"):
        assert name in vi
    for name in ("Submission letter", "Achievement report", "Council meeting minutes"):
        assert name in en
    assert services.get(OFFICER, TAB, draft["id"])["state"] == "DRAFT"


def test_one_missing_document_is_named_and_the_complete_dossier_goes_up(
    services: Services, draft: dict[str, Any]
) -> None:
    record_all(services, draft["id"], FULL[1:])
    with pytest.raises(ActionNotAllowed) as exc:
        services.act(OFFICER, TAB, draft["id"], 1, "submit")
    assert "Biên bản họp" in exc.value.message("vi") and "Tờ trình" not in exc.value.message("vi")
    record_all(services, draft["id"], FULL[:1])
    sent = services.act(HEAD, TAB, draft["id"], 1, "submit")
    assert sent["state"] == "SUBMITTED"
    hops = Dossiers(services).hops(OFFICER, TAB, draft["id"])
    assert list(zip(hops["from_unit"], hops["to_unit"], strict=True)) == [("HN-CDCS-CANON", "HN-CD-KCNCX")]


def test_minutes_after_the_letter_are_refused_at_submission(
    services: Services, draft: dict[str, Any]
) -> None:
    late = dict(FULL[0], held_on="26/11/2024", issued_on="26/11/2024")
    record_all(services, draft["id"], (late, *FULL[1:]))
    with pytest.raises(ActionNotAllowed) as exc:
        services.act(OFFICER, TAB, draft["id"], 1, "submit")
    assert "26/11/2024" in exc.value.message("vi") and "25/11/2024" in exc.value.message("vi")
    assert "after the submission letter" in exc.value.message("en")
    assert Dossiers(services).checklist(OFFICER, TAB, draft["id"]).problems


def test_a_letter_dated_after_today_is_refused(services: Services, draft: dict[str, Any]) -> None:
    future = dict(FULL[2], issued_on="10/12/2024")  # the demo clock is 05/12/2024
    record_all(services, draft["id"], (*FULL[:2], future))
    with pytest.raises(ActionNotAllowed) as exc:
        services.act(OFFICER, TAB, draft["id"], 1, "submit")
    assert "10/12/2024" in exc.value.message("vi") and "05/12/2024" in exc.value.message("vi")


def test_resubmission_after_a_return_checks_the_dossier_again(
    services: Services, draft: dict[str, Any]
) -> None:
    record_all(services, draft["id"])
    sent = services.act(OFFICER, TAB, draft["id"], 1, "submit")
    back = services.act(REVIEWER, TAB, draft["id"], sent["version"], "return", "Biên bản chưa có chữ ký")
    dossiers = Dossiers(services)
    minutes = dossiers.documents(OFFICER, TAB, draft["id"])
    minutes = minutes[minutes["kind"] == "BB_HD"].iloc[0]
    dossiers.remove(OFFICER, TAB, draft["id"], str(minutes["id"]), int(minutes["version"]))
    with pytest.raises(ActionNotAllowed, match="Council meeting minutes"):
        services.act(OFFICER, TAB, draft["id"], back["version"], "submit")
    record_all(services, draft["id"], FULL[:1])
    assert services.act(OFFICER, TAB, draft["id"], back["version"], "submit")["revision"] == 2
    actions = list(services.history(OFFICER, TAB, draft["id"])["action"])
    assert actions.count("dossier_add") == 4 and actions.count("dossier_remove") == 1


def test_titles_the_grassroots_decides_need_no_dossier_to_submit(
    services: Services, nomination_values: Callable[..., dict[str, str]]
) -> None:
    row = services.create(OFFICER, CAMPAIGN, "nomination", nomination_values(award_code="LDTT"))
    assert row["state"] == "SUBMITTED"
    check = Dossiers(services).checklist(OFFICER, TAB, row["id"])
    assert check.required == () and check.missing == ()


@pytest.mark.parametrize(
    ("doc", "rule", "shown"),
    [
        (
            {"kind": "TTR", "so_ky_hieu": "tờ trình 12", "issued_on": "25/11/2024"},
            "bad_doc_number",
            "tờ trình 12",
        ),
        ({"kind": "TTR", "so_ky_hieu": "05/BB-CĐCS", "issued_on": "25/11/2024"}, "doc_type_mismatch", "TTr"),
        ({"kind": "TTR", "so_ky_hieu": "12/TTr-CĐCS", "issued_on": "31/02/2024"}, "bad_date", "31/02/2024"),
        ({"kind": "BB_HD", "so_ky_hieu": "05/BB-CĐCS", "issued_on": "20/11/2024"}, "required", "Ngày họp"),
        (
            {"kind": "BB_HD", "so_ky_hieu": "05/BB-CĐCS", "issued_on": "20/11/2024", "held_on": "22/11/2024"},
            "held_after_issued",
            "22/11/2024",
        ),
        ({"kind": "GIAY_TO", "issued_on": "20/11/2024"}, "not_in_list", "TTR, BCTT, TOM_TAT, BB_HD, CN_SK"),
        (
            {"kind": "TTR", "so_ky_hieu": "12/TTr-CĐCS", "issued_on": "25/11/2024", "copies": "-1"},
            "too_small",
            "-1",
        ),
    ],
)
def test_a_bad_document_is_refused_naming_the_column_value_and_fix(
    services: Services, draft: dict[str, Any], doc: dict[str, str], rule: str, shown: str
) -> None:
    with pytest.raises(ValidationFailed) as exc:
        Dossiers(services).save(OFFICER, TAB, draft["id"], doc)
    assert [e.rule for e in exc.value.errors] == [rule]
    assert shown in exc.value.errors[0].message("vi")
    assert exc.value.errors[0].message("en")
    assert Dossiers(services).documents(OFFICER, TAB, draft["id"]).empty


def test_the_same_kind_twice_is_refused(services: Services, draft: dict[str, Any]) -> None:
    record_all(services, draft["id"], FULL[2:])
    with pytest.raises(ValidationFailed) as exc:
        record_all(services, draft["id"], FULL[2:])
    assert exc.value.errors[0].rule == "dossier_kind_twice"
    assert "Sửa văn bản đã ghi" in exc.value.errors[0].message("vi")


def test_only_the_submitting_units_officers_record_documents_while_editable(
    services: Services, draft: dict[str, Any]
) -> None:
    dossiers = Dossiers(services)
    with pytest.raises(RowNotFound):  # another unit does not even see the row
        dossiers.save(OFFICER_VQ, TAB, draft["id"], FULL[2])
    record_all(services, draft["id"])
    services.act(OFFICER, TAB, draft["id"], 1, "submit")
    # the reviewer reads the dossier but cannot write it
    assert dossiers.checklist(REVIEWER, TAB, draft["id"]).missing == ()
    assert len(dossiers.documents(COUNCIL, TAB, draft["id"])) == 3
    with pytest.raises(ActionNotAllowed):
        dossiers.save(REVIEWER, TAB, draft["id"], {**FULL[2], "kind": "CN_SK", "so_ky_hieu": "07/QĐ-CĐCS"})
    # once submitted, the unit itself cannot change it either
    with pytest.raises(ActionNotAllowed) as exc:
        dossiers.save(OFFICER, TAB, draft["id"], {**FULL[2], "kind": "CN_SK", "so_ky_hieu": "07/QĐ-CĐCS"})
    assert "trạng thái" in exc.value.message("vi")


def test_editing_checks_the_version(services: Services, draft: dict[str, Any]) -> None:
    dossiers = Dossiers(services)
    record_all(services, draft["id"], FULL[2:])
    doc = dossiers.documents(OFFICER, TAB, draft["id"]).iloc[0]
    fixed = dict(FULL[2], so_ky_hieu="13/TTr-CĐCS")
    saved = dossiers.save(OFFICER, TAB, draft["id"], fixed, doc_id=str(doc["id"]), expected_version=1)
    assert saved["so_ky_hieu"] == "13/TTr-CĐCS" and saved["version"] == 2
    with pytest.raises(StaleRow):
        dossiers.save(OFFICER, TAB, draft["id"], FULL[2], doc_id=str(doc["id"]), expected_version=1)
    assert dossiers.documents(OFFICER, TAB, draft["id"]).iloc[0]["so_ky_hieu"] == "13/TTr-CĐCS"


def test_r_dos_2_short_paper_sets_are_a_warning_on_the_checklist(
    services: Services, draft: dict[str, Any]
) -> None:
    services.store.append(
        "rules",
        [{"code": "dossier_copies.U_BK_LDLD", "value": "2", "valid_from": "2024-01-01", "valid_to": "",
          "status": "CONFIG", "source_url": "", "note": "test"}],
        actor="test",
    )  # fmt: skip
    services.invalidate()
    record_all(services, draft["id"])
    check = Dossiers(services).checklist(OFFICER, TAB, draft["id"])
    assert len(check.warnings) == 3 and "cần 2 bộ" in check.warnings[0]
    # a warning does not block
    assert services.act(OFFICER, TAB, draft["id"], 1, "submit")["state"] == "SUBMITTED"


def test_demo_rows_past_draft_have_their_dossier(services: Services) -> None:
    noms = services.store.read(TAB)
    docs = services.store.read("dossier_documents")
    needing = noms[noms["award_code"].isin(["U_BK_LDLD", "U_CO_LDLD", "HN_CNG_TD", "HN_SKST_TD"])]
    sent = needing[needing["revision"] > 0]
    assert len(sent) > 100
    have = docs.groupby("row_id")["kind"].apply(set).to_dict()
    for rid, award in zip(sent["id"], sent["award_code"], strict=True):
        want = {"TTR", "BCTT", "BB_HD"} | ({"CN_SK"} if award == "HN_SKST_TD" else set())
        assert have.get(rid, set()) == want, rid
    drafts = needing[needing["state"] == "DRAFT"]
    assert any(have.get(rid, set()) != {"TTR", "BCTT", "BB_HD"} for rid in drafts["id"])

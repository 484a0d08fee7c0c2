"""Decisions on the demo store: who may issue (R-DEC-1), no double grant (R-DEC-2), revocation with a
Chapter VII ground (R-REVOKE), one store call with history, version checks."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import ActionNotAllowed, RowNotFound, StaleRow
from core.ports import Change
from services.decisions import Decisions
from services.services import Services
from tests.conftest import HEAD, OFFICER, SECRETARY

CAMPAIGN = "HN-2024-KTN"
DAY = dt.date(2024, 12, 4)


def issue(services: Services, actor=SECRETARY, code: str = "U_BK_LDLD", number: str = "123/QĐ-LĐLĐ", **kw):  # type: ignore[no-untyped-def]
    return Decisions(services).issue(
        actor, CAMPAIGN, code, number, kw.pop("on", DAY), "Nguyễn Văn Demo", "Chủ tịch", **kw
    )


def test_city_federation_grants_every_approved_certificate_once(services: Services) -> None:
    d = Decisions(services)
    pending = d.pending(SECRETARY, CAMPAIGN, "U_BK_LDLD")
    noms = services.store.read("nominations")
    awarded = noms[
        (noms["campaign_id"] == CAMPAIGN) & (noms["award_code"] == "U_BK_LDLD") & (noms["state"] == "AWARDED")
    ]
    n = len(awarded)  # the demo's AWARDED U_BK_LDLD nominations, none granted yet
    assert n > 0 and set(pending["id"]) == set(awarded["id"])
    before = len(services.store.read("history"))
    row = issue(services)
    assert row["grants"] == n and row["issuer_unit_id"] == "HN-LDLD"
    grants = services.store.read("award_grants")
    mine = grants[grants["decision_id"] == row["id"]]
    assert set(mine["nomination_id"]) == set(pending["id"]) and not mine["revoked"].any()
    assert set(mine["subject_id"]) - {""}, "persons are linked by name within the unit"
    hist = services.store.read("history")
    assert len(hist) == before + n + 1
    assert list(hist.tail(n + 1)["action"]).count("grant") == n
    assert d.pending(SECRETARY, CAMPAIGN, "U_BK_LDLD").empty
    with pytest.raises(ActionNotAllowed) as exc:
        issue(services, number="124/QĐ-LĐLĐ")
    assert exc.value.code == "decision.nothing_to_grant"
    award = services.reference().catalogue_map["U_BK_LDLD"]
    assert award["name_vi"] in exc.value.message("vi") and "U_BK_LDLD" not in exc.value.message("vi")
    assert award["name_en"] in exc.value.message("en")


def test_only_the_awarding_level_decides(services: Services) -> None:
    """R-DEC-1: a grassroots union head cannot sign the city's Certificate of Merit, but signs LĐTT."""
    with pytest.raises(ActionNotAllowed) as exc:
        issue(services, HEAD)
    assert exc.value.code == "decision.wrong_level"
    vi, en = exc.value.message("vi"), exc.value.message("en")
    # named as a reader knows them: the award, the deciding level, the unit and its level
    canon = services.reference().unit_name(HEAD.unit_id)
    # no rule code: a reader is told the rule in words (issue 16)
    assert "Bằng khen" in vi and "Liên đoàn Lao động tỉnh, thành phố" in vi and canon in vi
    assert "R-DEC-1" not in vi
    assert "Provincial/city labour federation" in en and canon in en
    assert not {"LDLD_TINH", "U_BK_LDLD", HEAD.unit_id} & set(vi.replace("(", " ").replace(")", " ").split())
    with pytest.raises(ActionNotAllowed) as exc:
        issue(services, SECRETARY, code="LDTT", number="5/QĐ-LĐLĐ")
    assert exc.value.code == "decision.wrong_level"
    with pytest.raises(ActionNotAllowed) as exc:
        issue(services, OFFICER, code="LDTT", number="5/QĐ-CĐCS")
    assert exc.value.code == "decision.not_allowed_role"
    noms = services.store.read("nominations")
    canon_ldtt = noms[
        (noms["campaign_id"] == CAMPAIGN)
        & (noms["award_code"] == "LDTT")
        & (noms["state"] == "AWARDED")
        & (noms["unit_id"] == "HN-CDCS-CANON")
    ]
    row = issue(services, HEAD, code="LDTT", number="5/QĐ-CĐCS")
    grants = services.store.read("award_grants")
    assert row["grants"] == len(canon_ldtt) > 0 and set(
        grants[grants["decision_id"] == row["id"]]["unit_id"]
    ) == {"HN-CDCS-CANON"}


@pytest.mark.parametrize(
    ("number", "on", "code"),
    [
        ("123/KH-LĐLĐ", DAY, "decision.bad_number"),
        ("QĐ 123", DAY, "decision.bad_number"),
        ("123/QĐ-LĐLĐ", dt.date(2024, 12, 6), "decision.bad_date"),
        ("123/QĐ-LĐLĐ", dt.date(2023, 12, 30), "decision.bad_date"),
    ],
)
def test_bad_number_or_date_is_refused_with_what_to_type(
    services: Services, number: str, on: dt.date, code: str
) -> None:
    before = services.store.read("decisions").shape[0]
    with pytest.raises(ActionNotAllowed) as exc:
        issue(services, number=number, on=on)
    assert exc.value.code == code
    assert services.store.read("decisions").shape[0] == before  # nothing written


def test_a_decision_number_is_used_once_per_issuer_and_year(services: Services) -> None:
    pending = Decisions(services).pending(SECRETARY, CAMPAIGN, "U_BK_LDLD")
    issue(services, nomination_ids=list(pending["id"][:2]))
    with pytest.raises(ActionNotAllowed) as exc:
        issue(services, nomination_ids=list(pending["id"][2:4]))
    assert exc.value.code == "decision.number_taken"
    assert issue(services, number="124/QĐ-LĐLĐ", nomination_ids=list(pending["id"][2:4]))["grants"] == 2


def test_no_double_grant_unless_revoked(services: Services) -> None:
    """R-DEC-2: a person already granted the award for the year (earlier decision) blocks the whole
    decision, naming the person and the decision; once that grant is revoked, the decision goes through."""
    d = Decisions(services)
    pending = d.pending(SECRETARY, CAMPAIGN, "U_BK_LDLD")
    first = pending.iloc[0]
    issue(services, nomination_ids=[str(first["id"])])
    grant = services.store.read("award_grants").iloc[-1]
    # the same person nominated again (e.g. a second row) and approved: simulate by unlinking the grant
    # from its row (as for a grant recorded before the app was used)
    services.store.update(
        "award_grants",
        [Change(str(grant["id"]), int(grant["version"]), {"nomination_id": ""})],
        actor="t",
    )
    services.invalidate()
    with pytest.raises(ActionNotAllowed) as exc:
        issue(services, number="200/QĐ-LĐLĐ", nomination_ids=[str(first["id"])])
    assert exc.value.code == "decision.already_granted"
    assert str(first["full_name"]) in exc.value.message("vi") and "123/QĐ-LĐLĐ" in exc.value.message("vi")
    assert "Bằng khen của Ban Chấp hành Liên đoàn Lao động Thành phố" in exc.value.message("vi")
    assert "City Federation Certificate of Merit" in exc.value.message("en")
    fresh = services.store.read("award_grants").iloc[-1]
    d.revoke(SECRETARY, str(fresh["id"]), int(fresh["version"]), "KE_KHAI_SAI", "Kê khai sai số sáng kiến")
    assert issue(services, number="200/QĐ-LĐLĐ", nomination_ids=[str(first["id"])])["grants"] == 1


def test_a_nomination_not_approved_is_named_by_person_and_unit_in_both_languages(services: Services) -> None:
    """decision.not_approved names the nominee and the unit (what the user recognises), never only an
    id; an id outside the actor's scope is echoed as given, without naming whoever it belongs to."""
    noms = services.store.read("nominations")
    canon = noms[(noms["unit_id"] == "HN-CDCS-CANON") & (noms["award_code"] == "LDTT")]
    waiting = canon[~canon["state"].isin(["AWARDED"])].iloc[0]
    elsewhere = noms[(noms["unit_id"] != "HN-CDCS-CANON") & (noms["award_code"] == "LDTT")].iloc[0]
    ids = [str(waiting["id"]), str(elsewhere["id"])]
    before = len(services.store.read("decisions"))
    with pytest.raises(ActionNotAllowed) as exc:
        issue(services, HEAD, code="LDTT", number="5/QĐ-CĐCS", nomination_ids=ids)
    assert exc.value.code == "decision.not_approved"
    unit = services.reference().unit_name("HN-CDCS-CANON")
    assert unit != "HN-CDCS-CANON"
    for lang in ("vi", "en"):
        text = exc.value.message(lang)
        assert f"{waiting['full_name']} ({unit})" in text, text
        assert str(waiting["id"]) not in text
        assert str(elsewhere["id"]) in text and str(elsewhere["full_name"]) not in text
    assert "chưa được thông qua" in exc.value.message("vi")
    assert "not approved" in exc.value.message("en")
    assert len(services.store.read("decisions")) == before  # nothing written


def test_revoke_records_the_ground_and_checks_the_version(services: Services) -> None:
    d = Decisions(services)
    grants = services.store.read("award_grants")
    canon = grants[grants["unit_id"] == "HN-CDCS-CANON"]
    g = canon[(canon["award_code"] == "LDTT") & ~canon["revoked"]].iloc[0]
    gid, version = str(g["id"]), int(g["version"])
    with pytest.raises(ActionNotAllowed) as exc:
        d.revoke(HEAD, gid, version, "VI_THICH", "không thích người này nữa")
    assert exc.value.code == "decision.bad_revoke_reason"
    with pytest.raises(ActionNotAllowed):
        d.revoke(HEAD, gid, version, "KE_KHAI_SAI", "ngắn")
    with pytest.raises(ActionNotAllowed) as exc:
        d.revoke(SECRETARY, gid, version, "KE_KHAI_SAI", "Kê khai không trung thực")
    assert exc.value.code == "decision.wrong_level"  # LĐTT is revoked by the grassroots union that granted it
    with pytest.raises(StaleRow):
        d.revoke(HEAD, gid, version + 1, "KE_KHAI_SAI", "Kê khai không trung thực")
    row = d.revoke(HEAD, gid, version, "KE_KHAI_SAI", "Kê khai không trung thực")
    assert (
        row["revoked"]
        and row["revoked_on"] == "2024-12-05"
        and row["revoke_reason"].startswith("KE_KHAI_SAI")
    )
    hist = services.store.read("history")
    last = hist.iloc[-1]
    assert (last["tab"], last["row_id"], last["action"], last["to_state"]) == (
        "award_grants",
        gid,
        "revoke",
        "REVOKED",
    )
    with pytest.raises(ActionNotAllowed) as exc:
        d.revoke(HEAD, gid, int(row["version"]), "KE_KHAI_SAI", "Kê khai không trung thực")
    assert exc.value.code == "decision.already_revoked"
    # named as the grants table shows it, with the date as D/M/Y, not the grant's id
    vi, en = exc.value.message("vi"), exc.value.message("en")
    assert f"{g['subject_name']} – Lao động tiên tiến – {g['year']}" in vi and "05/12/2024" in vi
    assert f"{g['subject_name']} – Advanced Worker – {g['year']}" in en and gid not in vi + en


def test_grants_outside_the_scope_are_not_found(services: Services) -> None:
    grants = services.store.read("award_grants")
    other = grants[grants["unit_id"] != "HN-CDCS-CANON"].iloc[0]
    with pytest.raises(RowNotFound):
        Decisions(services).revoke(
            HEAD, str(other["id"]), int(other["version"]), "KE_KHAI_SAI", "Kê khai sai....."
        )
    assert set(Decisions(services).grants(OFFICER)["unit_id"]) == {"HN-CDCS-CANON"}


def _one_grant(services: Services, actor=SECRETARY, code: str = "U_BK_LDLD", number: str = "123/QĐ-LĐLĐ"):  # type: ignore[no-untyped-def]
    pending = Decisions(services).pending(actor, CAMPAIGN, code)
    nom_id = str(pending["id"].iloc[0])
    issue(services, actor, code=code, number=number, nomination_ids=[nom_id])
    grants = services.store.read("award_grants")
    return grants[grants["nomination_id"] == nom_id].iloc[0], nom_id


def _nomination(services: Services, nom_id: str):  # type: ignore[no-untyped-def]
    noms = services.store.read("nominations")
    return noms[noms["id"] == nom_id].iloc[0]


def test_revoking_a_grant_moves_its_nomination_to_revoked(services: Services) -> None:
    """The grant and its nomination never disagree: the nomination takes the workflow's ``revoke``
    (AWARDED -> REVOKED) with the same reason and a history row, and is not offered for a new decision."""
    d = Decisions(services)
    grant, nom_id = _one_grant(services)
    before = int(_nomination(services, nom_id)["version"])
    row = d.revoke(
        SECRETARY, str(grant["id"]), int(grant["version"]), "GIA_MAO_HO_SO", "Bản sao bằng khen giả"
    )
    assert row["revoked"]
    nom = _nomination(services, nom_id)
    assert (nom["state"], int(nom["version"])) == ("REVOKED", before + 1)
    assert nom["last_reason"] == "GIA_MAO_HO_SO: Bản sao bằng khen giả"
    hist = services.store.read("history")
    moves = hist[(hist["tab"] == "nominations") & (hist["row_id"] == nom_id)].iloc[-1]
    assert (moves["action"], moves["from_state"], moves["to_state"]) == ("revoke", "AWARDED", "REVOKED")
    assert moves["reason"] == row["revoke_reason"]
    assert nom_id not in set(d.pending(SECRETARY, CAMPAIGN, "U_BK_LDLD")["id"])


def test_revoke_is_refused_whole_when_the_nomination_is_stale(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = Decisions(services)
    grant, nom_id = _one_grant(services)
    act = services.act

    def someone_else_first(*args, **kw):  # type: ignore[no-untyped-def]
        """Another user's change lands between the revocation's read and its write."""
        nom = _nomination(services, nom_id)
        services.store.update(
            "nominations", [Change(nom_id, int(nom["version"]), {"last_reason": "sửa tay"})], actor="t"
        )
        monkeypatch.setattr(services, "act", act)
        return act(*args, **kw)

    monkeypatch.setattr(services, "act", someone_else_first)
    with pytest.raises(ActionNotAllowed) as exc:
        d.revoke(
            SECRETARY, str(grant["id"]), int(grant["version"]), "KE_KHAI_SAI", "Kê khai không trung thực"
        )
    assert exc.value.code == "decision.nomination_stale"
    assert "chưa hủy bỏ gì" in exc.value.message("vi") and "nothing was revoked" in exc.value.message("en")
    services.invalidate()
    assert not bool(services.store.read("award_grants").set_index("id").loc[str(grant["id"]), "revoked"])
    assert _nomination(services, nom_id)["state"] == "AWARDED"
    # once reloaded, the same revocation goes through
    d.revoke(SECRETARY, str(grant["id"]), int(grant["version"]), "KE_KHAI_SAI", "Kê khai không trung thực")
    assert _nomination(services, nom_id)["state"] == "REVOKED"


def test_revoke_is_refused_whole_when_the_workflow_forbids_it(services: Services) -> None:
    """A grassroots head signs LĐTT, but the 2024 campaign lets only the organiser's council
    secretary revoke an awarded nomination: the grant is not revoked either, and the message says why."""
    d = Decisions(services)
    grant, nom_id = _one_grant(services, HEAD, code="LDTT", number="7/QĐ-CĐCS")
    with pytest.raises(ActionNotAllowed) as exc:
        d.revoke(HEAD, str(grant["id"]), int(grant["version"]), "KE_KHAI_SAI", "Kê khai không trung thực")
    assert exc.value.code == "decision.nomination_blocks_revoke"
    vi, en = exc.value.message("vi"), exc.value.message("en")
    assert nom_id in vi and "AWARDED" in vi and "chưa hủy bỏ khen thưởng" in vi
    assert "grant was not revoked" in en and en != vi
    services.invalidate()
    assert not bool(services.store.read("award_grants").set_index("id").loc[str(grant["id"]), "revoked"])
    assert _nomination(services, nom_id)["state"] == "AWARDED"


def test_a_nomination_revoked_on_the_review_page_lets_its_grant_catch_up(services: Services) -> None:
    """The workflow's ``revoke`` fired on the nomination alone (review page, or a revocation whose
    grant write failed): revoking the grant then completes the pair without moving the nomination again."""
    d = Decisions(services)
    grant, nom_id = _one_grant(services)
    nom = _nomination(services, nom_id)
    services.act(SECRETARY, "nominations", nom_id, int(nom["version"]), "revoke", "Kê khai không trung thực")
    moved = _nomination(services, nom_id)
    row = d.revoke(
        SECRETARY, str(grant["id"]), int(grant["version"]), "KE_KHAI_SAI", "Kê khai không trung thực"
    )
    assert row["revoked"]
    assert (_nomination(services, nom_id)["state"], int(_nomination(services, nom_id)["version"])) == (
        "REVOKED",
        int(moved["version"]),
    )

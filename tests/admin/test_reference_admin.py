"""Admins change users, units and dated rules in the app: admin-only, checked, versioned, in history."""

from __future__ import annotations

import pytest

from core.errors import ActionNotAllowed, StaleRow, ValidationFailed
from services.reference_admin import ReferenceAdmin
from services.services import Services
from tests.conftest import ADMIN, LEADER, OFFICER

REASON = "Quyết định 12/QĐ-LĐLĐ ngày 02/12/2024"


def _user(admin: ReferenceAdmin, email: str) -> dict[str, object]:
    rows = admin.rows(ADMIN, "users")
    return dict(rows[rows["email"] == email].iloc[0].to_dict())


@pytest.mark.parametrize("who", [OFFICER, LEADER], ids=["officer", "leader"])
def test_only_an_admin_reads_or_changes_reference_data(services: Services, who: object) -> None:
    admin = ReferenceAdmin(services)
    with pytest.raises(ActionNotAllowed):
        admin.rows(who, "users")  # type: ignore[arg-type]
    with pytest.raises(ActionNotAllowed):
        admin.save(who, "users", {"email": "x@demo.thidua.vn"}, REASON)  # type: ignore[arg-type]


def test_a_changed_user_is_versioned_and_in_the_history(services: Services) -> None:
    admin = ReferenceAdmin(services)
    row = _user(admin, OFFICER.email)
    values = {f: row[f] for f in ("email", "full_name", "role", "unit_id", "active")}
    saved = admin.save(ADMIN, "users", {**values, "full_name": "Trần Thị Demo Hoa Mới"}, REASON,
                       row_id=str(row["id"]), version=int(row["version"]))  # fmt: skip
    assert saved["full_name"] == "Trần Thị Demo Hoa Mới" and int(saved["version"]) == int(row["version"]) + 1
    hist = admin.history(ADMIN, "users", str(row["id"]))
    assert len(hist) == 1 and hist.iloc[0]["action"] == "admin_edit"
    assert REASON in hist.iloc[0]["reason"] and "Trần Thị Demo Hoa Mới" in hist.iloc[0]["reason"]
    assert hist.iloc[0]["actor_email"] == ADMIN.email
    # the same edit from the version read before is refused: someone changed the row meanwhile
    with pytest.raises(StaleRow):
        admin.save(ADMIN, "users", {**values, "full_name": "Người khác"}, REASON,
                   row_id=str(row["id"]), version=int(row["version"]))  # fmt: skip
    # and the person now signs in under the new name (the users tab is what sign-in reads)
    assert services.resolve(OFFICER).name == "Trần Thị Demo Hoa Mới"


def test_a_change_needs_a_reason_and_passes_the_schema(services: Services) -> None:
    admin = ReferenceAdmin(services)
    with pytest.raises(ActionNotAllowed):
        admin.save(ADMIN, "users", {"email": "moi@demo.thidua.vn"}, "")
    with pytest.raises(ValidationFailed) as exc:
        admin.save(ADMIN, "users", {"email": "không phải email", "full_name": "", "role": "BOSS",
                                    "unit_id": "KHONG-CO", "active": True}, REASON)  # fmt: skip
    messages = [e.message("vi") for e in exc.value.errors]
    assert any("Email" in m for m in messages) and any("Vai trò" in m for m in messages), messages
    assert any("không có đơn vị 'KHONG-CO'" in m for m in messages), messages
    assert len(admin.rows(ADMIN, "users")[lambda f: f["email"] == "không phải email"]) == 0


def test_a_new_unit_joins_the_tree_and_cannot_be_its_own_parent(services: Services) -> None:
    admin = ReferenceAdmin(services)
    values = {"id": "HN-CDCS-DEMO-MOI", "name_vi": "Công đoàn Công ty Demo Mới", "level": "CDCS",
              "parent_id": "HN-CD-KCNCX", "sector": "FDI", "member_count": "120", "valid_from": "01/12/2024"}  # fmt: skip
    admin.save(ADMIN, "units", values, REASON)
    assert services.reference().tree.parent["HN-CDCS-DEMO-MOI"] == "HN-CD-KCNCX"
    with pytest.raises(ValidationFailed):
        admin.save(ADMIN, "units", values, REASON)  # the code is taken now
    unit = admin.rows(ADMIN, "units")[lambda f: f["id"] == "HN-CD-KCNCX"].iloc[0]
    moved = {f: unit[f] for f in ("name_vi", "level", "sector", "member_count", "valid_from")}
    with pytest.raises(ValidationFailed):  # under its own child: a loop in the tree
        admin.save(ADMIN, "units", {**moved, "parent_id": "HN-CDCS-DEMO-MOI"}, REASON,
                   row_id="HN-CD-KCNCX", version=int(unit["version"]))  # fmt: skip


def test_a_dated_rule_is_added_and_read_from_its_date(services: Services) -> None:
    admin = ReferenceAdmin(services)
    admin.save(ADMIN, "rules", {"code": "cstdcs_max_ratio", "value": "0.2", "valid_from": "01/01/2025",
                                "status": "CONFIG", "note": "Thử tỷ lệ mới"}, REASON)  # fmt: skip
    hist = admin.history(ADMIN, "rules")
    assert hist.iloc[0]["action"] == "admin_add" and "0.2" in hist.iloc[0]["reason"]

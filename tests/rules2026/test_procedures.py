"""The procedures the law requires, as the 2026 campaign's YAML declares them: a journey through
public comment (a comment recorded and shown to the council), a hold that blocks an award until it
is lifted, the simplified procedure's short dossier and deadlines, and the loader's refusals."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest

from core.errors import ActionNotAllowed, ValidationFailed
from exports.build import export
from reporting.reporting import Reporting
from services.procedures import Procedures
from services.services import Services
from tests.conftest import COUNCIL, OFFICER, REVIEWER, SECRETARY
from tests.rules2026.conftest import CAMPAIGN_2026, At
from workflows.loader import parse_text

MONDAY = dt.date(2026, 3, 2)
VALUES = {
    "subject_kind": "CA_NHAN",
    "position": "Công nhân",
    "award_code": "LDTT",
    "achievement": "Hoàn thành xuất sắc nhiệm vụ, vượt 20% định mức sản lượng năm 2026.",
}


def nominate(svc: Services, name: str) -> dict[str, Any]:
    made = svc.create(OFFICER, CAMPAIGN_2026, "nomination", {**VALUES, "full_name": name})
    return fresh(svc, made)


def fresh(svc: Services, row: dict[str, Any]) -> dict[str, Any]:
    return svc.get(COUNCIL, "nominations", str(row["id"]))


def refused(code: str, fn: Any, *args: Any, **kw: Any) -> ActionNotAllowed:
    with pytest.raises(ActionNotAllowed) as exc:
        fn(*args, **kw)
    assert exc.value.code == code, exc.value.message("en")
    assert exc.value.message("vi") != code
    return exc.value


def test_public_comment_journey_comment_recorded_and_shown_to_the_council(at: At) -> None:
    svc = at(MONDAY)
    proc = Procedures(svc)
    row = nominate(svc, "Trần Thị Demo Nhung")
    row = svc.act(REVIEWER, "nominations", row["id"], row["version"], "approve")
    assert row["state"] == "PUBLIC_COMMENT"
    row = fresh(svc, row)
    # the council may not take it up before 7 working days of publication
    exc = refused(
        "guard.public_comment_running",
        svc.act,
        SECRETARY,
        "nominations",
        row["id"],
        row["version"],
        "to_council",
    )
    assert "02/03/2026" in exc.message("vi") and "10/03/2026" in exc.message("vi")
    published = proc.published(SECRETARY, CAMPAIGN_2026)
    mine = next(p for p in published if p.row_id == row["id"])
    assert (mine.working_days, mine.start, mine.end, mine.comments) == (7, MONDAY, dt.date(2026, 3, 10), 0)
    # a comment received through the portal is logged, with a history row on the nomination
    svc.clock_handle.advance(days=2)  # type: ignore[attr-defined]
    text = "Đề nghị làm rõ số liệu vượt định mức; tổ sản xuất ghi nhận 15%, không phải 20%."
    proc.record_comment(
        SECRETARY, "nominations", row["id"], "Nguyễn Văn Demo (tổ sản xuất 3)", "PORTAL", text
    )
    refused("comment.role", proc.record_comment, OFFICER, "nominations", row["id"], "X", "PORTAL", text)
    with pytest.raises(ValidationFailed):
        proc.record_comment(SECRETARY, "nominations", row["id"], "Y", "FAX", text)
    refused(
        "comment.outside_period", proc.record_comment, SECRETARY, "nominations", row["id"], "Z", "EMAIL", text,
        dt.date(2026, 3, 20),
    )  # fmt: skip
    shown = proc.comments(COUNCIL, CAMPAIGN_2026, row["id"])
    assert shown[["author", "channel", "text"]].values.tolist() == [
        ["Nguyễn Văn Demo (tổ sản xuất 3)", "PORTAL", text]
    ]
    history = svc.history(COUNCIL, "nominations", row["id"])
    assert history["action"].tolist()[-1] == "comment"
    # the published list, as the portal gets it, carries the comment count
    made = export(Reporting(svc), SECRETARY, "congkhai", CAMPAIGN_2026)
    sheet = openpyxl.load_workbook(io.BytesIO(made.data)).active
    assert sheet is not None
    line = next(r for r in sheet.iter_rows(values_only=True) if "Trần Thị Demo Nhung" in r)
    assert line[-1] == 1 and line[-2] == 7
    # after the period the secretary sends it to the council
    svc.clock_handle.advance(days=7)  # type: ignore[attr-defined]  # Wednesday 11/03
    row = fresh(svc, row)
    moved = svc.act(SECRETARY, "nominations", row["id"], row["version"], "to_council")
    assert moved["state"] == "IN_COUNCIL"


def test_a_hold_blocks_the_award_until_lifted_with_a_reason(at: At) -> None:
    svc = at(MONDAY)
    proc = Procedures(svc)
    row = nominate(svc, "Vũ Văn Demo Long")
    refused(
        "hold.role", proc.place_hold, OFFICER, "nominations", row["id"], "COMPLAINT", "Đơn khiếu nại số 12"
    )
    hold = proc.place_hold(
        REVIEWER, "nominations", row["id"], "INSPECTION", "Đoàn thanh tra số 05/QĐ-TTr đang làm việc"
    )
    refused(
        "hold.already",
        proc.place_hold,
        REVIEWER,
        "nominations",
        row["id"],
        "COMPLAINT",
        "Đơn khiếu nại số 12",
    )
    # visible to reviewers: in the queue flags and as the reason the approve button is missing
    assert row["id"] in proc.held_rows(REVIEWER, "nominations")
    assert "approve" not in [t.trigger for t in svc.actions(REVIEWER, "nominations", fresh(svc, row))]
    reasons = dict((t.trigger, why) for t, why in svc.blocked_moves(REVIEWER, "nominations", fresh(svc, row)))
    assert "thanh tra" in reasons["approve"] and "NĐ 152/2025 Điều 4" in reasons["approve"]
    exc = refused(
        "guard.on_hold", svc.act, REVIEWER, "nominations", row["id"], fresh(svc, row)["version"], "approve"
    )
    assert "02/03/2026" in exc.message("vi")
    # lifting needs a reason; then the award moves go again
    refused("engine.reason_required", proc.lift_hold, REVIEWER, hold["id"], 1, "ok")
    stored = proc.active_hold(REVIEWER, "nominations", row["id"])
    assert stored is not None
    proc.lift_hold(REVIEWER, hold["id"], int(stored["version"]), "Kết luận thanh tra: không vi phạm.")
    assert proc.active_hold(REVIEWER, "nominations", row["id"]) is None
    moved = svc.act(REVIEWER, "nominations", row["id"], fresh(svc, row)["version"], "approve")
    assert moved["state"] == "PUBLIC_COMMENT"
    actions = svc.history(COUNCIL, "nominations", row["id"])["action"].tolist()
    assert actions == ["create", "submit", "hold", "hold_lift", "approve"]
    lifted = proc.holds(COUNCIL, "nominations", row["id"]).iloc[0]
    assert (lifted["status"], lifted["lift_reason"]) == ("LIFTED", "Kết luận thanh tra: không vi phạm.")


def test_simplified_form_asks_the_short_dossier_and_keeps_its_own_deadlines(at: At) -> None:
    svc = at(MONDAY)
    camp = svc.campaign(CAMPAIGN_2026)
    assert svc._dossier_required(camp, camp.forms["ad_hoc"]) == {"U_BK_LDLD": ("TTR", "TOM_TAT")}
    values = {**VALUES, "award_code": "U_BK_LDLD", "full_name": "Hoàng Thị Demo Yến",
              "achievement": "Dũng cảm cứu người bị nạn trong đám cháy tại khu nhà trọ công nhân."}  # fmt: skip
    exc = refused("guard.dossier_missing", svc.create, OFFICER, CAMPAIGN_2026, "ad_hoc", values)
    assert "Tóm tắt thành tích" in exc.message("vi") and "Báo cáo thành tích" not in exc.message("vi")
    draft = svc.create(OFFICER, CAMPAIGN_2026, "ad_hoc", values, submit=False)
    assert (
        svc.my_rows(OFFICER, "nominations", CAMPAIGN_2026).set_index("id").loc[draft["id"], "sla_days"]
        is not None
    )
    from workflows.states import sla_days

    assert sla_days(svc.campaigns, CAMPAIGN_2026, "ad_hoc", "SUBMITTED") == 3
    assert sla_days(svc.campaigns, CAMPAIGN_2026, "nomination", "SUBMITTED") == 15


PUBLIC = """
id: X
name: x
kind: DOT
year: 2026
organiser: HN-LDLD
opens: 2026-01-01
closes: 2026-12-31
forms:
  f: {{tab: nominations, label: f, workflow: w, fields: [full_name]{form_extra}}}
workflows:
  w:
    initial: DRAFT
    states:
      DRAFT: {{editable: true}}
      PUB: {{public_comment: {{working_days: {days}}}}}
      DONE: {{terminal: true, outcome: awarded}}
    transitions:
      - {{trigger: submit, source: DRAFT, dest: PUB, roles: [UNIT_OFFICER]}}
      - {{trigger: award, source: PUB, dest: DONE, roles: [DECIDER], decided_by: head{guard}}}
"""


@pytest.mark.parametrize(
    ("days", "guard", "form_extra", "problem"),
    [
        (7, "", "", "spec.comment_guard_missing"),
        (0, ", conditions: [public_comment_over]", "", "spec.days_out_of_range"),
        (7, ", conditions: [public_comment_over]", ", kind: shortened", "spec.unknown_value"),
        (7, ", conditions: [public_comment_over]", ", deadlines: {NOPE: 3}", "spec.unknown_state"),
    ],
)
def test_loader_refuses_a_wrong_procedure_with_the_key_and_the_fix(
    days: int, guard: str, form_extra: str, problem: str
) -> None:
    text = PUBLIC.format(days=days, guard=guard, form_extra=form_extra)
    with pytest.raises(ActionNotAllowed.__mro__[1]) as exc:  # SpecError is a ThiduaError
        parse_text(text, "x.yaml")
    assert exc.value.code == problem
    message = exc.value.message("vi")
    assert "x.yaml" in message and "{" not in message
    parse_text(
        PUBLIC.replace("{form_extra}", "").format(days=7, guard=", conditions: [public_comment_over]"),
        "ok.yaml",
    )

"""``cli.py reorganise`` on the demo with the real 30/6/2025 change (issue 20's "must show"): the 40
upper-level unions end (21 of them in the demo), their grassroots unions go to the LĐLĐ Thành phố,
three ward unions appear; the 2024 documents regenerated afterwards are identical to before, a 2026
nomination routes on the new tree, open submissions are re-routed with a history row each, and the
counts per year stay right."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest

import cli
from core.errors import ActionNotAllowed
from core.tree_history import tree_on
from exports import documents
from reporting.metrics import Filters
from reporting.reporting import Reporting
from services.reorganise import Plan, Reorganiser, parse_plan
from tests.conftest import COUNCIL, LEADER, OFFICER, OFFICER_VQ, REVIEWER
from tests.rules2026.conftest import ADMIN, CAMPAIGN_2026, LDLD_REVIEWER, WARD_REVIEWER, At, add_users

DEMO_DAY = dt.date(2024, 12, 5)
DAY_2026 = dt.date(2026, 3, 2)
DOC_DAY = dt.date(2024, 12, 20)


def text_of(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def documents_2024(svc) -> dict[str, str]:  # type: ignore[no-untyped-def]
    rep = Reporting(svc)
    letter = rep.submission_letter(COUNCIL, "HN-2024-KTN", 12, signed_on=DOC_DAY)
    decision = rep.decision(COUNCIL, "HN-2024-KTN", None, signed_on=DOC_DAY)
    minutes = rep.council_minutes(COUNCIL, "HN-2024-KTN", 3)  # the newest 2024 meeting, as it was held
    return {
        "totrinh": text_of(documents.submission_letter(letter)),
        "quyetdinh": text_of(documents.decision(decision)),
        "bienban": text_of(documents.council_minutes(minutes)),
    }


def year_figures(svc) -> tuple:  # type: ignore[no-untyped-def]
    rep = Reporting(svc)
    tiles = {m.code: (m.value, m.numerator, m.denominator) for m in rep.metrics(LEADER, Filters(year=2024))}
    years = rep.year_comparison(LEADER).to_dict("records")
    return tiles, years


def test_reorganise_keeps_2024_documents_and_counts_and_routes_2026_on_the_new_tree(
    at: At, plan: Plan
) -> None:
    before_2024 = at(DEMO_DAY)
    docs_before, figures_before = documents_2024(before_2024), year_figures(before_2024)
    figures_before_2026 = year_figures(at(DAY_2026))

    done = Reorganiser(before_2024).apply(ADMIN, plan)
    assert (len(done.ended), len(done.created)) == (21, 3)
    assert ("HN-CDCS-CANON", "HN-CD-KCNCX", "HN-LDLD") in done.moved
    assert ("HN-CDCS-THCS-VANQUAN", "HN-LDLD-HADONG", "HN-CD-PHUONG-HADONG") in done.moved

    after_2024, after_2026 = at(DEMO_DAY), at(DAY_2026)
    # history keeps the old tree: the 2024 documents and the 2024 figures are exactly as before
    assert documents_2024(after_2024) == docs_before
    assert documents_2024(after_2026) == docs_before
    assert year_figures(after_2024) == figures_before
    tiles_2026, years_2026 = year_figures(after_2026)
    assert years_2026 == figures_before_2026[1]  # counts per year unchanged
    assert tiles_2026["units_submitted"] == figures_before_2026[0]["units_submitted"]
    ref = after_2026.reference()
    assert ref.tree_on(DOC_DAY).parent["HN-CDCS-CANON"] == "HN-CD-KCNCX"
    assert ref.tree.parent["HN-CDCS-CANON"] == "HN-LDLD"
    assert "HN-CD-KCNCX" not in ref.tree.parent and "HN-CD-PHUONG-HADONG" in ref.tree.parent
    assert ref.cluster_of("HN-CDCS-CANON", 2024) == "HN-CUM-07"  # the 2024 cluster, on the 2024 tree

    # a 2026 nomination routes on the new tree: Canon straight to the city federation, Văn Quán to its ward
    add_users(after_2026, LDLD_REVIEWER, WARD_REVIEWER)
    values = {"subject_kind": "CA_NHAN", "full_name": "Phạm Thị Demo Hạnh", "position": "Công nhân",
              "award_code": "LDTT", "achievement": "Hoàn thành xuất sắc nhiệm vụ, vượt 20% định mức năm 2026."}  # fmt: skip
    canon = after_2026.create(OFFICER, CAMPAIGN_2026, "nomination", values)
    vq = after_2026.create(OFFICER_VQ, CAMPAIGN_2026, "nomination", {**values, "full_name": "Lê Văn Demo Tú"})
    hops = after_2026._read(["hops"])["hops"]
    assert hops[hops["row_id"] == canon["id"]]["to_unit"].tolist() == ["HN-LDLD"]
    assert hops[hops["row_id"] == vq["id"]]["to_unit"].tolist() == ["HN-CD-PHUONG-HADONG"]
    assert [t.trigger for t in after_2026.actions(LDLD_REVIEWER, "nominations", canon)] == [
        "approve",
        "return",
        "reject",
    ]
    assert after_2026.actions(REVIEWER, "nominations", canon) == []  # the KCN union has ended
    assert [t.trigger for t in after_2026.actions(WARD_REVIEWER, "nominations", vq)][:1] == ["approve"]
    assert after_2026.actions(LDLD_REVIEWER, "nominations", vq) == []  # the ward union reviews first


def test_open_submissions_are_rerouted_with_a_history_row_each(at: At, plan: Plan) -> None:
    svc = at(dt.date(2026, 1, 20))  # the 2026 season opened on the old tree (the plan not yet applied)
    values = {"subject_kind": "CA_NHAN", "full_name": "Đỗ Minh Demo Quân", "position": "Kỹ sư",
              "award_code": "LDTT", "achievement": "Cải tiến quy trình, giảm 12% thời gian dừng máy năm 2026."}  # fmt: skip
    row = svc.create(OFFICER, CAMPAIGN_2026, "nomination", values)
    assert [t.trigger for t in svc.actions(REVIEWER, "nominations", row)][:1] == ["approve"]  # KCN reviews
    done = Reorganiser(svc).apply(ADMIN, Plan(**{**plan.__dict__, "date": dt.date(2026, 1, 21)}))
    assert ("nominations", row["id"], "HN-CD-KCNCX", "HN-LDLD") in done.rerouted
    svc.clock_handle.advance(days=1)  # type: ignore[attr-defined]
    history = svc._read(["history"])["history"]
    mine = history[(history["row_id"] == row["id"]) & (history["action"] == "reroute")]
    assert len(mine) == 1 and "HN-CD-KCNCX → HN-LDLD" in mine.iloc[0]["reason"]
    hops = svc._read(["hops"])["hops"]
    assert hops[hops["row_id"] == row["id"]]["to_unit"].tolist() == ["HN-CD-KCNCX", "HN-LDLD"]
    add_users(svc, LDLD_REVIEWER)
    assert svc.actions(REVIEWER, "nominations", row) == []
    assert [t.trigger for t in svc.actions(LDLD_REVIEWER, "nominations", row)][:1] == ["approve"]
    # the 2024 campaign (closed before the date) is history: none of its open rows moved
    assert not [r for r in done.rerouted if r[1].startswith("DEMO-")]


def test_a_plan_leaving_a_unit_without_a_parent_is_refused_and_nothing_is_written(at: At, plan: Plan) -> None:
    svc = at(DEMO_DAY)
    short = Plan(**{**plan.__dict__, "moves": plan.moves[1:]})  # HN-CQ-LDLD ends but its unions do not move
    with pytest.raises(ActionNotAllowed) as exc:
        Reorganiser(svc).apply(ADMIN, short)
    assert exc.value.code == "reorg.orphans" and exc.value.params["count"] == 8
    assert "HN-CDCS-DEMO-001" in exc.value.message("vi") and "chưa có gì được ghi" in exc.value.message("vi")
    assert svc._read(["unit_parents"])["unit_parents"].empty
    assert svc.reference().tree_on(dt.date(2026, 1, 1)).parent["HN-CDCS-CANON"] == "HN-CD-KCNCX"


def test_plan_refusals_name_what_to_fix(at: At, plan: Plan) -> None:
    svc = at(DEMO_DAY)
    reorg = Reorganiser(svc)
    for bad, code in (
        (Plan(**{**plan.__dict__, "units": (("HN-CDCS-NOPE", "HN-LDLD"),)}), "reorg.unknown_units"),
        (Plan(**{**plan.__dict__, "units": (("HN-CDCS-CANON", "HN-LDLD-HADONG"),)}), "reorg.dead_parent"),
        (Plan(**{**plan.__dict__, "units": (("HN-LDLD", "HN-CDCS-CANON"),)}), "reorg.cycle"),
    ):
        with pytest.raises(ActionNotAllowed) as exc:
            reorg.apply(ADMIN, bad)
        assert exc.value.code == code and exc.value.message("vi") != code
    with pytest.raises(ActionNotAllowed) as not_admin:
        reorg.apply(OFFICER, plan)
    assert not_admin.value.code == "auth.admin_only"
    reorg.apply(ADMIN, plan)
    with pytest.raises(ActionNotAllowed) as twice:
        reorg.apply(ADMIN, plan)
    assert twice.value.code == "reorg.already_applied"
    with pytest.raises(ActionNotAllowed) as bad_key:
        parse_plan({"id": "X", "date": "2025-07-01", "movez": []})
    assert "movez" in bad_key.value.message("vi")


def test_cli_reorganise_dry_run_then_apply(demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("THIDUA_DB", str(demo_db))
    monkeypatch.setenv("THIDUA_TODAY", "2024-12-05")
    path = "demo/plans/hn-2025-07-01.yaml"
    assert cli.main(["reorganise", path, "--as", ADMIN.email, "--dry-run"]) == 0
    assert "dry run" in capsys.readouterr().out
    assert cli.main(["reorganise", path, "--as", ADMIN.email]) == 0
    assert "176 units moved, 21 ended, 3 created" in capsys.readouterr().out
    assert cli.main(["reorganise", path, "--as", ADMIN.email]) == 1
    assert "đã được áp dụng" in capsys.readouterr().err
    assert cli.main(["reorganise", path, "--as", OFFICER.email]) == 1


def test_tree_on_reads_the_parent_in_force_and_units_alive_that_day(at: At, plan: Plan) -> None:
    svc = at(DEMO_DAY)
    Reorganiser(svc).apply(ADMIN, plan)
    ref = svc.reference()
    units, parents = ref.units, ref.unit_parents
    june, july = tree_on(units, parents, dt.date(2025, 6, 30)), tree_on(units, parents, dt.date(2025, 7, 1))
    assert june.parent["HN-CDCS-DET195"] == "HN-CD-KCNCX" and july.parent["HN-CDCS-DET195"] == "HN-LDLD"
    assert "HN-LDLD-HADONG" in june.level and "HN-LDLD-HADONG" not in july.level
    assert "HN-CD-PHUONG-HADONG" not in june.level and july.level["HN-CD-PHUONG-HADONG"] == "CD_XA_PHUONG"
    history = svc._read(["history"])["history"]
    assert len(history[(history["tab"] == "units") & (history["action"] == "reorganise")]) == 176

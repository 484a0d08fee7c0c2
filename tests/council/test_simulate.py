"""`python cli.py simulate` passes through to `services.simulate` (tested in tests/admin)."""

from __future__ import annotations

from pathlib import Path

import pytest

import cli

CAMPAIGNS = Path(__file__).resolve().parents[2] / "workflows" / "campaigns"


def test_unknown_campaign_names_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["simulate", "--campaign", "NO-SUCH"]) == 2
    assert "HN-2024-KTN" in capsys.readouterr().out


def test_the_cli_reports_a_move_no_demo_role_can_make(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (CAMPAIGNS / "hn-2024-khen-thuong-nam.yaml").read_text(encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(
        text.replace(  # the council's award, which a ballot can never select now (decided_here refuses it)
            "roles: [COUNCIL_SECRETARY], scope: below, review: true, decided_by: council, conditions: [at_organiser], unless: [decided_beyond]}",
            "roles: [COUNCIL_SECRETARY], scope: below, review: true, decided_by: council, conditions: [at_organiser, decided_here], unless: [decided_beyond]}",
            1,
        )
        .replace(  # and the upper union's own award (U_GK_CTTCS)
            "roles: [UPPER_REVIEWER], scope: parent, review: true, bulk: true, conditions: [decided_here]",
            "roles: [LEADER], scope: parent, review: true, bulk: true, conditions: [decided_here]",
        )
        .replace(  # and the record of the VGCL's award (CSTD_BNT): nothing can be awarded at all
            "roles: [COUNCIL_SECRETARY, ADMIN], scope: below, review: true, bulk: true, decided_by: outside",
            "roles: [LEADER], scope: below, review: true, bulk: true, decided_by: outside",
        ),
        encoding="utf-8",
    )
    code = cli.main(
        ["--lang", "en", "simulate", "--campaign", "HN-2024-KTN", "--rows", "1", "--folder", str(tmp_path)]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "IN_COUNCIL --award--> AWARDED" in out and "AWARDED" in out

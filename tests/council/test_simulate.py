"""`python cli.py simulate`: every transition tried on an in-memory demo; a move nobody can make is reported."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cli

CAMPAIGNS = Path(__file__).resolve().parents[2] / "workflows" / "campaigns"


def test_unknown_campaign_names_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["simulate", "--campaign", "NO-SUCH"]) == 2
    assert "HN-2024-KTN" in capsys.readouterr().out


def test_a_transition_no_role_can_fire_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (CAMPAIGNS / "hn-2024-khen-thuong-nam.yaml").read_text(encoding="utf-8")
    # Only the federation's leader may award, and only rows of the federation itself: no nomination
    # from a grassroots union can ever be awarded.
    broken, n = re.subn(
        r"(\{trigger: award,.*?roles: )\[[^\]]*\](, scope: )\w+",
        r"\1[LEADER]\2own_unit",
        text,
        count=1,
        flags=re.S,
    )
    assert n == 1
    (tmp_path / "broken.yaml").write_text(broken, encoding="utf-8")

    code = cli.main(["simulate", "--campaign", "HN-2024-KTN", "--folder", str(tmp_path), "--per-parent", "1"])

    out = capsys.readouterr().out
    assert code == 1
    assert "ok    nomination: SUBMITTED --approve--> IN_COUNCIL" in out
    assert "STUCK nomination: IN_COUNCIL --award--> AWARDED" in out
    assert "UNREACHABLE nomination: AWARDED" in out
    assert "UNREACHABLE nomination: REVOKED" in out
    assert "nomination: " in out and "IN_COUNCIL" in out.split("nomination: ", 1)[1].splitlines()[0]

"""demo.simulate + services.simulate: the shipped campaigns reach every state with the demo roles; a broken rule is reported."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from demo import simulate
from workflows.loader import CAMPAIGNS_DIR, load_campaigns

SHIPPED = sorted(load_campaigns())


@pytest.mark.parametrize("campaign", SHIPPED)
def test_every_state_of_a_shipped_campaign_is_reached_by_the_demo_roles(campaign: str) -> None:
    """Whatever its forms are called and whatever shape its workflows have (a contest's entrants
    are awarded by the confirmed results, not by a button)."""
    text, code = simulate.run(campaign, rows=1, lang="en")
    assert code == 0, text
    camp = load_campaigns()[campaign]
    for form in camp.forms:
        assert f"Where rows ended up (form {form}):" in text
    assert "States no row reached:\n  (none)" in text
    assert text.rstrip().endswith("Every state is reachable with the demo roles.")
    if "nomination" in camp.forms:
        # one row per move into AWARDED (the council's award; in 2024 also the upper union's own award)
        wf = camp.workflow_for("nomination")
        assert re.search(rf"^  AWARDED: {sum(t.dest == 'AWARDED' for t in wf.transitions)}$", text, re.M)
    if camp.contest is not None:
        # the results the secretary confirmed gave prizes and no prizes: both moves were made
        assert "Moves no demo role can make:\n  (none)" in text
        assert re.search(r"^  AWARDED: [1-9]", text, re.M) and re.search(r"^  NO_PRIZE: [1-9]", text, re.M)


def test_a_move_no_demo_role_can_make_is_named_with_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (CAMPAIGNS_DIR / "hn-2024-khen-thuong-nam.yaml").read_text(encoding="utf-8")
    # Nothing is ever awarded: only the federation's leader (not a demo role that acts) may make the upper
    # union's award and record the VGCL's, and the council's award carries a guard no ballot can satisfy.
    broken, n = re.subn(
        r"(\{trigger: award, source: (?:SUBMITTED|AT_TLD),.*?roles: )\[[^\]]*\]",
        r"\1[LEADER]",
        text,
        flags=re.S,
    )
    assert n == 2
    broken = broken.replace(
        "roles: [COUNCIL_SECRETARY], scope: below, review: true, decided_by: council, conditions: [at_organiser], unless: [decided_beyond]}",
        "roles: [COUNCIL_SECRETARY], scope: below, review: true, decided_by: council, conditions: [at_organiser, decided_here], unless: [decided_beyond]}",
    )
    (tmp_path / "broken.yaml").write_text(broken, encoding="utf-8")

    code = simulate.main(["--campaign", "HN-2024-KTN", "--rows", "1", "--folder", str(tmp_path)])

    out = capsys.readouterr().out
    assert code == 1
    assert "nomination: IN_COUNCIL --award--> AWARDED: COUNCIL_SECRETARY@HN-LDLD:" in out
    assert "  nomination: AWARDED\n" in out and "  nomination: REVOKED\n" in out
    assert "2 trạng thái không tới được trên thực tế" in out


def test_an_unknown_campaign_names_the_known_ones() -> None:
    text, code = simulate.run("NO-SUCH", lang="vi")
    assert code == 2 and "HN-2024-KTN" in text

"""Docs that tests keep honest: every guard and every YAML key is documented."""

from __future__ import annotations

import re
from pathlib import Path

from workflows import contest, form_fields, guards, spec

README = (Path(__file__).resolve().parents[2] / "workflows" / "campaigns" / "README.md").read_text(
    encoding="utf-8"
)
DOCUMENTED = set(re.findall(r"\|\s*`([a-z_]+)`", README))


def test_every_guard_is_documented() -> None:
    missing = set(guards.names()) - DOCUMENTED
    assert not missing, f"document these guards in workflows/campaigns/README.md: {sorted(missing)}"


def test_every_yaml_key_is_documented() -> None:
    keys = (
        spec._CAMPAIGN_KEYS
        | spec._WORKFLOW_KEYS
        | spec._STATE_KEYS
        | spec._TRANSITION_KEYS
        | spec._FORM_KEYS
        | spec._FIELD_KEYS
        | spec._TARGET_KEYS
    ) - {"name", "required", "help"}  # field-item keys, documented inline with `fields`
    missing = keys - DOCUMENTED
    assert not missing, f"document these YAML keys in workflows/campaigns/README.md: {sorted(missing)}"


def test_every_key_of_own_fields_and_contests_is_documented() -> None:
    """The keys of a form's own fields, their types, and every key of ``contest:`` and its items."""
    keys = (
        form_fields.OWN_FIELD_KEYS
        | set(form_fields.FIELD_TYPES)
        | contest.CONTEST_KEYS
        | contest.CRITERION_KEYS
        | contest.PRIZE_KEYS
        | contest.DECLARED_KEYS
        | contest.MOVES_KEYS
        | contest.TIE_BREAK_KEYS
    )
    missing = keys - DOCUMENTED
    assert not missing, f"document these YAML keys in workflows/campaigns/README.md: {sorted(missing)}"

"""docs/security.md stays honest: every test it names exists (datasette's tests/test_docs.py habit)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "security.md"
REF = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def test_every_test_named_in_docs_security_exists() -> None:
    refs = REF.findall(DOC.read_text(encoding="utf-8"))
    assert len(refs) > 20
    missing = []
    for path, name in refs:
        file = ROOT / path
        names = (
            {
                n.name
                for n in ast.walk(ast.parse(file.read_text(encoding="utf-8")))
                if isinstance(n, ast.FunctionDef)
            }
            if file.exists()
            else set()
        )
        if name not in names:
            missing.append(f"{path}::{name}")
    assert not missing, missing


def test_every_security_test_is_in_the_threat_table() -> None:
    text = DOC.read_text(encoding="utf-8")
    named = {name for _, name in REF.findall(text)}
    skip = {
        "test_verified_email_rules",
        "test_demo_picker_and_notice_without_auth",
        "test_known_email_lands_on_its_pages",
        "test_email_case_from_provider_does_not_matter",
        "test_several_grants_ask_which_one",
        "test_session_actor_without_provider_sign_in_is_refused",
        "test_every_trigger_is_neutralised_in_xlsx_lists",
        "test_reference_tabs_are_not_readable_as_rows",
    }
    tests = {
        n.name
        for f in (ROOT / "tests" / "security").glob("test_security_*.py")
        if f.name != "test_security_docs.py"
        for n in ast.walk(ast.parse(f.read_text(encoding="utf-8")))
        if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")
    }
    assert not (tests - named - skip), sorted(tests - named - skip)

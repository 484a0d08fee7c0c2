"""Every message code raised by the core exists in the catalog (no raw keys reach users)."""

from __future__ import annotations

import re
from pathlib import Path

import i18n

ROOT = Path(__file__).resolve().parents[2]
PATTERN = re.compile(
    r"""(?:ActionNotAllowed|Refusal|ThiduaError|StorageUnavailable)\(\s*["']([a-z_]+\.[a-z_.]+)["']"""
)
SPEC = re.compile(r"""c\.fail\([^,]+,\s*["']([a-z_]+)["']|SpecError\([^,]+,[^,]+,\s*["']([a-z_]+)["']""")


def _sources() -> list[Path]:
    dirs = ["core", "workflows", "schemas", "storage", "app_pages", "exports"]
    return [p for d in dirs for p in (ROOT / d).rglob("*.py")] + [ROOT / "app.py", ROOT / "cli.py"]


def test_every_raised_code_is_translated() -> None:
    missing: set[str] = set()
    found: set[str] = set()
    for path in _sources():
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        found |= set(PATTERN.findall(text))
        missing |= {code for code in PATTERN.findall(text) if not i18n.has(code)}
        for a, b in SPEC.findall(text):
            code = f"spec.{a or b}"
            if not i18n.has(code):
                missing.add(code)
    assert len(found) >= 15, f"the scan found too few codes ({sorted(found)}): is the pattern still right?"
    assert not missing, f"add these keys to i18n: {sorted(missing)}"
